"""`--remap` and `--exclude`: rewrite or skip cited URLs before anything is fetched (issue 3).

A remap rule is `(REGEX, REPLACEMENT)` as parsed by `claimcheck.settings.parse_remap`. The
replacement may name groups the way lychee users write them (`$1`, `${1}`, `$name`) or the way
Python does (`\\1`, `\\g<name>`); `$$` is a literal dollar sign. The first rule whose regex
matches wins, like lychee's `--remap`, so an ordered list of rules reads top to bottom.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence

from claimcheck.errors import SettingsError

logger = logging.getLogger(__name__)

# `$$`, `${name}`, `$name` or `$1`: lychee-style group references.
_DOLLAR = re.compile(r"\$(?:(\$)|\{(\w+)\}|(\d+|[A-Za-z_]\w*))")


def to_python_replacement(replacement: str) -> str:
    """Translate `$1`/`${name}` group references to Python's `\\g<1>`; keep `\\1` as it is."""

    def sub(match: re.Match[str]) -> str:
        if match.group(1):
            return "$"
        return f"\\g<{match.group(2) or match.group(3)}>"

    return _DOLLAR.sub(sub, replacement)


def check_replacement(regex: str, replacement: str, *, source: str | None = None) -> None:
    """Raise `SettingsError` (naming `source`, key `remap`) unless `replacement` can be used with
    `regex`: every group it names exists, and it has no bad escape.

    Called where a rule is parsed, so `$5` with a two-group regex stops the run before it starts
    with the option's (or the claims.toml line's) name, instead of failing on the first URL the
    rule matches. `regex` must compile.
    """
    pattern = re.compile(regex)
    template = to_python_replacement(replacement)
    hint = _groups_hint(pattern)
    for ref in _references(template):
        if ref.isdigit():
            if int(ref) > pattern.groups:
                raise SettingsError(
                    f"replacement {replacement!r} refers to group {ref}, but the regex has "
                    f"{_count(pattern.groups, 'group')}",
                    path=source,
                    key="remap",
                    hint=hint,
                )
        elif ref.isidentifier() and ref not in pattern.groupindex:
            raise SettingsError(
                f"replacement {replacement!r} refers to a group named {ref!r}, but the regex "
                "has no group of that name",
                path=source,
                key="remap",
                hint=hint,
            )
    # Whatever the scan above does not name (a bad escape such as `\\q`, a group name that is no
    # name): Python's own template parser decides, on a match with the regex's groups, all empty.
    try:
        _empty_match(pattern).expand(template)
    except (re.error, IndexError) as exc:
        reason = getattr(exc, "msg", None) or str(exc)
        raise SettingsError(
            f"invalid replacement {replacement!r}: {reason}", path=source, key="remap", hint=hint
        ) from None


def _references(template: str) -> Iterator[str]:
    """The group references of a Python replacement template: `\\g<name>`, `\\g<1>`, `\\1`.

    Mirrors `re`'s template parser: `\\0` and three octal digits (`\\101`) are characters, not
    groups, and `\\12` is group 12.
    """
    i = 0
    while i < len(template):
        if template[i] != "\\":
            i += 1
            continue
        nxt = template[i + 1 : i + 2]
        if nxt == "g" and template[i + 2 : i + 3] == "<" and ">" in template[i + 3 :]:
            end = template.index(">", i + 3)
            yield template[i + 3 : end]
            i = end + 1
        elif nxt and nxt in "123456789":
            digits = template[i + 1 : i + 4]
            if len(digits) == 3 and all(c in "01234567" for c in digits):
                i += 4  # an octal escape
                continue
            number = template[i + 1 : i + 3] if template[i + 2 : i + 3].isdigit() else nxt
            yield number
            i += 1 + len(number)
        else:
            i += 2


def _empty_match(pattern: re.Pattern[str]) -> re.Match[str]:
    """A match with `pattern`'s groups (numbers and names), each empty."""
    names = {index: name for name, index in pattern.groupindex.items()}
    groups = "".join(
        f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, pattern.groups + 1)
    )
    match = re.compile(groups).match("")
    assert match is not None  # empty groups match the empty string
    return match


def _groups_hint(pattern: re.Pattern[str]) -> str:
    if not pattern.groups:
        groups = "put ( ) around the part of the regex to reuse, and refer to it as $1"
    else:
        numbers = "$1" if pattern.groups == 1 else f"$1 to ${pattern.groups}"
        names = ", ".join("${" + name + "}" for name in pattern.groupindex)
        groups = f"use {numbers}" + (f" or {names}" if names else "")
    return f"{groups}; write $$ for a dollar sign"


def _count(n: int, word: str) -> str:
    return f"{'no' if n == 0 else n} {word}{'' if n == 1 else 's'}"


#: Characters a shell's `$'...'` writes as an escape: the C0 and C1 controls and DEL.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_ANSI_C = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quote_pattern(pattern: str) -> str:
    """`pattern` quoted as the user would type it to a shell, for a report's detail: `'\\.png$'`.

    Python's `repr` doubles every backslash (`'\\\\.png$'`), which is another regex once copied
    back into `--exclude` or a claims.toml literal string. A single quote in the pattern is
    written `'\\''`, as a POSIX shell takes it. A pattern with a control character is written
    `$'...'` (bash's ANSI-C quoting), so that a newline or an escape is shown as `\\n` or
    `\\x1b`, never sent raw to a terminal or mistaken for a regex's own `\\n`.
    """
    if _CONTROL.search(pattern):
        return "$'" + "".join(_ansi_c(c) for c in pattern) + "'"
    return "'" + pattern.replace("'", "'\\''") + "'"


def _ansi_c(char: str) -> str:
    """`char` inside `$'...'`: backslash, quote and controls escaped, anything else as it is."""
    if char in _ANSI_C:
        return _ANSI_C[char]
    if _CONTROL.match(char):
        return f"\\x{ord(char):02x}" if ord(char) < 0x80 else f"\\u{ord(char):04x}"
    return char


class Remapper:
    """Applies `--remap` rules and `--exclude` patterns to URLs."""

    def __init__(self, remap: Sequence[tuple[str, str]] = (), exclude: Sequence[str] = ()) -> None:
        # `settings.parse_remap` checks each rule where it is given; checked again here for rules
        # built another way, so a bad one stops the run before the first fetch, not on a URL.
        for pattern, replacement in remap:
            check_replacement(pattern, replacement)
        for pattern, _ in remap:
            check_regex(pattern, source=None, key="remap")
        for pattern in exclude:
            check_regex(pattern, source=None, key="exclude")
        self._rules = [(re.compile(p), to_python_replacement(r)) for p, r in remap]
        self._exclude = [re.compile(p) for p in exclude]

    def remap(self, url: str) -> str:
        """The URL to request for `url`: the first matching rule's rewrite, or `url` itself."""
        for pattern, replacement in self._rules:
            new, matched = pattern.subn(replacement, url, count=1)
            if matched:
                logger.debug("remapped %s -> %s", url, new)
                return new
        return url

    def excluded_by(self, url: str) -> str | None:
        """The `--exclude` pattern that matches `url` (searched anywhere in it), or `None`."""
        for pattern in self._exclude:
            if pattern.search(url):
                return pattern.pattern
        return None


# --------------------------------------------------------------------------- slow regexes
#
# Python's `re` backtracks and has no timeout: `(a+)+b` against forty `a`s runs for hours, and
# `--timeout` cannot stop it (the match holds the event loop). A regex of `--exclude`, `--remap`
# or claims.toml may come from a pull request, so the shapes that backtrack exponentially are
# refused where the regex is read (`backtracking_risk`). The check reads the pattern itself (a
# small parser of Python's syntax, below); what a character class or an escape matches is asked
# of `re` itself, one sample character at a time.

#: Characters that stand for every class a URL regex tells apart: ASCII, and a few letters,
#: digits and spaces beyond it.
_SAMPLES = tuple(
    [chr(c) for c in (9, 10, 13)]
    + [chr(c) for c in range(0x20, 0x7F)]
    + ["é", "ß", "Ω", "中", "٣", "\u00a0", "\u2028"]
)
_ALL = frozenset(_SAMPLES)
_QUANTIFIER = re.compile(r"\{(\d*)(,?)(\d*)\}")
_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")


class _Node:
    """One item of a parsed regex: an atom (`a`, `\\w`, `[^/]`, `.`) or a group of
    alternatives, with its quantifier (`lo`, `hi`; `hi` `None` for no upper bound)."""

    def __init__(
        self, source: str, alphabet: frozenset[str], alts: list[list[_Node]] | None
    ) -> None:
        self.source = source
        self.alphabet = alphabet  # the sample characters it can match (empty: zero-width)
        self.alts = alts  # a group's alternatives, else None
        self.lo: int = 1
        self.hi: int | None = 1
        self.no_backtrack = False  # possessive (`a++`) or atomic (`(?>…)`)

    @property
    def repeats(self) -> bool:
        return (self.hi is None or self.hi > 1) and not self.no_backtrack

    @property
    def unbounded(self) -> bool:
        return self.hi is None and not self.no_backtrack


class _Parser:
    """Reads Python's regex syntax far enough to see atoms, groups, alternation and
    quantifiers; anything it does not know is taken as an atom matching any character, which
    can only make the check stricter."""

    def __init__(self, pattern: str) -> None:
        flags = re.match(r"\(\?([aiLmsux]+)\)", pattern)
        letters = flags.group(1) if flags else ""
        if "x" in letters:
            # Verbose: whitespace and `#` comments are not part of the regex. Taken out
            # everywhere (in a class too), which can only make the check stricter.
            pattern = re.sub(r"#[^\n]*|\s+", "", pattern[flags.end() :] if flags else pattern)
        self.p = pattern
        self.i = 0
        self.flags = re.IGNORECASE if "i" in letters else 0

    def parse(self) -> list[list[_Node]]:
        return self._alternatives()

    def _alternatives(self) -> list[list[_Node]]:
        alts: list[list[_Node]] = [[]]
        while self.i < len(self.p):
            char = self.p[self.i]
            if char == ")":
                break
            if char == "|":
                self.i += 1
                alts.append([])
                continue
            start = self.i
            node = self._atom()
            if node is not None:
                self._quantifier(node)
                node.source = self.p[start : self.i]
                alts[-1].append(node)
        return alts

    def _atom(self) -> _Node | None:
        p, start = self.p, self.i
        char = p[start]
        if char == "(":
            return self._group()
        if char == "[":
            end = self._class_end(start)
            self.i = end
            return self._leaf(p[start:end])
        if char == "\\":
            nxt = p[start + 1 : start + 2]
            self.i = start + 2
            if nxt in _ZERO_WIDTH_ESCAPES:
                return _Node(p[start : self.i], frozenset(), None)
            if nxt == "x":
                self.i = start + 4
            elif nxt == "u":
                self.i = start + 6
            elif nxt == "U":
                self.i = start + 10
            elif nxt == "N" and p[start + 2 : start + 3] == "{":
                self.i = p.find("}", start) + 1 or len(p)
            elif nxt.isdigit():
                while self.i < len(p) and p[self.i].isdigit():
                    self.i += 1
                return _Node(p[start : self.i], _ALL, None)  # a backreference, or octal
            return self._leaf(p[start : self.i])
        self.i = start + 1
        if char in "^$":
            return _Node(char, frozenset(), None)
        return self._leaf(char)

    def _leaf(self, source: str) -> _Node:
        try:
            compiled = re.compile(source, self.flags)
        except re.error:
            return _Node(source, _ALL, None)
        return _Node(source, frozenset(c for c in _SAMPLES if compiled.fullmatch(c)), None)

    def _class_end(self, start: int) -> int:
        """The index after the `]` closing the class that opens at `start`."""
        i = start + 1
        if self.p[i : i + 1] == "^":
            i += 1
        if self.p[i : i + 1] == "]":
            i += 1  # a `]` first in the class is a character of it
        while i < len(self.p) and self.p[i] != "]":
            i += 2 if self.p[i] == "\\" else 1
        return min(i + 1, len(self.p))

    def _group(self) -> _Node | None:
        p, start = self.p, self.i
        self.i += 1
        atomic = zero_width = False
        if p.startswith("?", self.i):
            head = p[self.i : self.i + 3]
            if head.startswith("?#"):  # a comment
                end = p.find(")", self.i)
                self.i = len(p) if end < 0 else end + 1
                return None
            if head.startswith("?P="):  # a named backreference
                end = p.find(")", self.i)
                self.i = len(p) if end < 0 else end + 1
                return _Node(p[start : self.i], _ALL, None)
            if head.startswith("?>"):
                atomic, self.i = True, self.i + 2
            elif head.startswith(("?=", "?!")):
                zero_width, self.i = True, self.i + 2
            elif head.startswith(("?<=", "?<!")):
                zero_width, self.i = True, self.i + 3
            elif head.startswith(("?P<", "?<")):
                self.i = p.find(">", self.i) + 1 or len(p)
            elif head.startswith("?("):  # a conditional: `(?(1)yes|no)`
                self.i = p.find(")", self.i) + 1 or len(p)
            else:  # `(?:`, `(?i)`, `(?i:`, `(?-i:`
                end = self.i + 1
                while end < len(p) and p[end] not in ":)":
                    end += 1
                if p[end : end + 1] == ")":  # global flags: no group
                    self.i = end + 1
                    return None
                self.i = end + 1
        alts = self._alternatives()
        self.i += 1  # the `)`
        alphabet = frozenset() if zero_width else _alphabet(alts)
        node = _Node(p[start : self.i], alphabet, alts)
        node.no_backtrack = atomic
        if zero_width:
            node.lo = 0
        return node

    def _quantifier(self, node: _Node) -> None:
        p, i = self.p, self.i
        if i >= len(p):
            return
        if p[i] in "*+?":
            node.lo, node.hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[p[i]]
            i += 1
        else:
            match = _QUANTIFIER.match(p, i)
            if match is None or not (match.group(1) or match.group(3)):
                return
            low, comma, high = match.groups()
            node.lo = int(low or 0)
            node.hi = int(high) if high else (None if comma else node.lo)
            i = match.end()
        if p[i : i + 1] == "?":
            i += 1
        elif p[i : i + 1] == "+":
            node.no_backtrack = True
            i += 1
        self.i = i


def _alphabet(alts: list[list[_Node]]) -> frozenset[str]:
    return frozenset().union(*(n.alphabet for alt in alts for n in alt))


def _has_unbounded(node: _Node) -> bool:
    if node.unbounded:
        return True
    return any(_has_unbounded(n) for alt in node.alts or () for n in alt)


def _flat(alt: list[_Node]) -> list[_Node]:
    """`alt` with each group that is there exactly once and has one alternative opened up:
    `((a+)b?)*` repeats `a+ b?` as `(a+b?)*` does."""
    out: list[_Node] = []
    for node in alt:
        if node.alts is not None and len(node.alts) == 1 and node.lo == node.hi == 1:
            if not node.no_backtrack:
                out.extend(_flat(node.alts[0]))
                continue
        out.append(node)
    return out


def _ambiguous_body(alt: list[_Node]) -> _Node | None:
    """The part of a repeated group's alternative `alt` that can match one stretch of text in
    many ways: an unbounded quantifier (or a group holding one) beside nothing that must match
    a character it cannot. `(a+)+`, `(\\w+\\s?)*` and `(x\\w+)*` have one; `(a+b)+` and
    `(\\d+,)*` do not (the `b` or the `,` ends each repetition)."""
    items = _flat(alt)
    for node in items:
        if not _has_unbounded(node):
            continue
        others = [o for o in items if o is not node]
        if all(o.lo == 0 or not o.alphabet or o.alphabet & node.alphabet for o in others):
            return node
    return None


def _first(alt: list[_Node]) -> frozenset[str] | None:
    """What the first character of alternative `alt` can be (`None`: it may match nothing)."""
    seen: frozenset[str] = frozenset()
    for node in _flat(alt):
        seen |= node.alphabet
        if node.lo > 0 and node.alphabet:
            return seen
    return None


def _risk_in(alts: list[list[_Node]]) -> str | None:
    for alt in alts:
        for node in alt:
            if node.alts is None:
                continue
            if node.repeats:
                for body in node.alts:
                    inner = _ambiguous_body(body)
                    if inner is not None:
                        return (
                            f"{node.source} repeats {inner.source}, which has a quantifier "
                            "of its own: the text can be split between them in exponentially "
                            "many ways"
                        )
                firsts = [_first(body) for body in node.alts]
                for i, one in enumerate(firsts):
                    for j in range(i + 1, len(firsts)):
                        other = firsts[j]
                        if one is not None and other is not None and one & other:
                            return (
                                f"{node.source} repeats alternatives that can start with the "
                                "same character: the text can be matched in exponentially many "
                                "ways"
                            )
            found = _risk_in(node.alts)
            if found is not None:
                return found
    return None


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` can make `re` backtrack exponentially, or `None`.

    Refused: a repeated group holding an unbounded quantifier that nothing in the group stops
    (`(a+)+`, `(a*)*`, `(\\w+\\s?)*`, `((a+)b?)*`), and a repeated group whose alternatives can
    start with the same character (`(a|a)*`, `(\\w|\\d)+`, `(a|aa)+`). Possessive quantifiers
    (`a++`) and atomic groups (`(?>…)`) never backtrack and are allowed. The input matched is
    a URL, short, but that does not help: forty characters are enough for hours.
    """
    try:
        return _risk_in(_Parser(pattern).parse())
    except (IndexError, ValueError):  # a pattern `re` accepted but this reader did not follow
        return None


def check_regex(pattern: str, *, source: str | None, key: str) -> None:
    """Raise `SettingsError` (naming `source` and `key`) if `pattern` is one `re` could spend
    hours on (`backtracking_risk`)."""
    reason = backtracking_risk(pattern)
    if reason is not None:
        raise SettingsError(
            f"regex {quote_pattern(pattern)} could take hours to match: {reason}",
            path=source,
            key=key,
            hint="write the repeated part so that only one way matches, e.g. (a+)+ as a+, "
            "(\\w+\\s?)* as [\\w\\s]*; or make it possessive (a++) or atomic (?>…)",
        )
