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
