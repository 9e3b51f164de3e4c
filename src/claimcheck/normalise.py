"""Text normalisation with a map back to the original characters (issue 4, Deliver 2; SPEC §6).

Quote matching compares the quote and the source after normalising both the same way, but the
evidence an editor reads must be the source's own words. `normalise` therefore returns a
`Normalised`: the normalised `text` plus, for every character of it, the `(start, end)` span of
original characters it came from. `Normalised.to_original` maps a span of `text` back.

Two tiers, each a superset of the previous one (the names match `claimcheck.model.Tier`):

- **normalised** (`tolerant=False`): Unicode NFKC per character cluster (a base character and
  its combining marks), except for characters of category `No` (superscript and subscript
  digits, vulgar fractions, circled numbers): NFKC would turn `10⁶` into `106`, silently changing
  a figure, so they are kept as written. Every quotation mark and apostrophe becomes `'`, every
  dash and hyphen `-`; every run of whitespace (NBSP, thin spaces, line breaks, tabs) becomes one
  space, with none at either end; soft hyphens, zero-width and other format or control characters
  are removed (a soft hyphen followed by a line break joins the two lines); ligatures are
  expanded by NFKC (`ﬁ` → `fi`).
- **tolerant** (`tolerant=True`): additionally case folding (`ß` → `ss`), a superscript or
  subscript digit right after a letter written as a plain digit (`m²` → `m2`, `CO₂` → `co2`;
  `10⁶` stays), an exponent typed with a caret read as a superscript (`m^2` → `m2`, `10^6` →
  `10⁶`, `(a+b)^2` → `(a+b)²`), with the Turkish
  dotted capital `İ` and dotless `ı` both folded to `i` like `I`; accents stripped (`é` →
  `e`, `ş` → `s`, Hebrew points, Arabic harakat) plus the few Latin letters whose "accent" is
  not a combining mark (`ł`, `ø`, `đ`, `ħ`, `ŧ`), but not the marks that make another letter
  in other scripts (Japanese `ゴ` is not `コ`, nor Devanagari `पचीस` `पचास`: `_FOLDED_MARKS`);
  no spaces around a dash (`a — b` and `a—b` agree); and PDF
  line-end hyphenation undone: a hyphen after a letter, followed by whitespace holding a line
  break and then a lowercase letter, is removed with the break (`inter-\\nnational` →
  `international`). A hyphen before a capital (`Franco-\\nGerman`) and any hyphen without a line
  break (`well-known`) is kept, because those are real compounds.

Every step is idempotent: `normalise(normalise(x).text).text == normalise(x).text` for either
tier (checked property-based in `tests/unit/test_normalise.py`).

Speed: a 300 KB page is mostly ASCII, so a regular expression finds the runs that need no change
and copies them with an identity map in bulk; only the other characters go through the per-cluster
path, whose results are memoised. A lone curly apostrophe, dash or line break between copied
characters becomes one character in place, so the scan skips the common ones and they are
replaced with `str.replace` beforehand (`_scan`); a lone dash in the tolerant tier takes a short
path of its own. On bench/verify's 26 M characters of layers this took the normalised tier from
0.31 s to 0.15 s and the tolerant one from 0.55 s to 0.33 s.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.model import CJK_CHAR

logger = logging.getLogger(__name__)

QUOTE = "'"
"""The one quotation mark and apostrophe every form is normalised to."""
DASH = "-"
"""The one dash every hyphen and dash form is normalised to."""

SOFT_HYPHEN = "\u00ad"

# Quotation marks, apostrophes and their look-alikes (primes and modifier letters are typed, or
# produced by OCR and PDF fonts, in place of apostrophes).
_QUOTES = frozenset(
    "\"'`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a\u00ab\u00bb"
    "\u2032\u2033\u2035\u2036\u02b9\u02ba\u02bb\u02bc\u02bd\uff02\uff07\u301d\u301e\u301f"
    "\u05f3\u05f4"  # Hebrew geresh and gershayim, typed as ' and " (הלמ"ס)
)
# Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus
# sign, hyphen bullet, small and full-width forms, two- and three-em dashes.
_DASHES = frozenset(
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u2e3a\u2e3b"
    "\u05be"  # Hebrew maqaf
)
# Hyphens that a PDF line break may split a word at; an en or em dash at a line end is a dash.
_LINE_END_HYPHENS = frozenset("-\u2010")
# Superscript and subscript digits, kept as written by both tiers (NFKC would make `10⁶`
# `106`). Right after a letter, though, they are a unit's power or a formula's count ("m²",
# "km³", "CO₂"), which pages write as often with plain digits (`m<sup>2</sup>` read as "m2"):
# there the tolerant tier writes the plain digit. After a digit (`10⁶`) or alone they stay.
_UNIT_DIGITS = {
    sup: str(n) for digits in ("⁰¹²³⁴⁵⁶⁷⁸⁹", "₀₁₂₃₄₅₆₇₈₉") for n, sup in enumerate(digits)
}
# An exponent typed with a caret ("x^2", "12^2", "(a+b)^2") is the superscript written without
# one: the tolerant tier drops the caret and writes the digits as `x²`, `12²`, `(a+b)²` would be.
_CARET = "^"
_SUPERSCRIPT_DIGITS = dict(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True))
# Letters whose diacritic is part of the letter (no canonical decomposition), folded by hand in
# the tolerant tier; `ı` is the Turkish dotless i, which neither NFKC nor casefold touches.
_TOLERANT_LETTERS = {
    "\u0131": "i",  # ı
    "\u0142": "l",  # ł
    "\u00f8": "o",  # ø
    "\u0111": "d",  # đ
    "\u0127": "h",  # ħ
    "\u0167": "t",  # ŧ
    "\u0640": "",  # Arabic tatweel, a stretch of the line between letters
}

# Characters copied unchanged in bulk: printable ASCII except the double quote and backtick
# (which become `'`). In the tolerant tier the hyphen-minus is also special (spacing around
# dashes, line-end hyphenation) and letters are lowercased chunk-wise. Runs of two or more
# spaces are special too, so an identity chunk never holds a doubled space. These are the plain
# runs of special characters (the reference `normalise` must agree with, see the tests); the
# scan itself uses `_Scan`, which also leaves out the lone characters copied in the stretch.
_SPECIAL_CLASS = r"[^\x20\x21\x23-\x5f\x61-\x7e]"
# The tolerant tier also stops at `^`: "x^2", "10^6", "(a+b)^2" are exponents (`_Builder.special`).
_SPECIAL_CLASS_TOLERANT = r"[^\x20\x21\x23-\x2c\x2e-\x5d\x5f\x61-\x7e]"
_SPECIAL = re.compile(rf" {{2,}}|{_SPECIAL_CLASS}+")
_SPECIAL_TOLERANT = re.compile(rf" {{2,}}|{_SPECIAL_CLASS_TOLERANT}+")


class SpanMap:
    """For each character of a normalised text, the `(start, end)` span in the original.

    Stored as runs, because almost every character of a page is copied unchanged: a run is a
    stretch of normalised characters whose spans either advance by one character each (copied
    text: `(s, e)`, `(s + 1, e + 1)`, …) or are all the same span (one original character
    expanded to several, e.g. `ﬁ` or `ß`). Four `array('i')` of one entry per run, looked up by
    bisection: a 300 KB page of prose has a few thousand runs (its line breaks, curly quotes,
    dashes and non-ASCII letters), tens of kilobytes instead of 2.4 MB for a span per character.

    Spans are monotonic: starts and ends never decrease, every span is non-empty, and two
    consecutive characters either share a span or do not overlap.
    """

    __slots__ = ("_ends", "_positions", "_starts", "_steps", "length", "original_length")

    def __init__(
        self,
        positions: array[int],
        starts: array[int],
        ends: array[int],
        steps: array[int],
        length: int,
        original_length: int,
    ) -> None:
        self._positions = positions  # the normalised offset where each run begins
        self._starts = starts  # the span of each run's first character
        self._ends = ends
        self._steps = steps  # 1: spans advance by one character a character; 0: all the same
        self.length = length
        self.original_length = original_length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int) -> tuple[int, int]:
        if not 0 <= index < self.length:
            raise IndexError(f"index {index} outside a map of {self.length} characters")
        run = bisect_right(self._positions, index) - 1
        offset = (index - self._positions[run]) * self._steps[run]
        return self._starts[run] + offset, self._ends[run] + offset

    def start(self, index: int) -> int:
        """The original start of character `index` (no range check: callers check)."""
        run = bisect_right(self._positions, index) - 1
        return self._starts[run] + (index - self._positions[run]) * self._steps[run]

    def end(self, index: int) -> int:
        """The original end of character `index` (no range check: callers check)."""
        run = bisect_right(self._positions, index) - 1
        return self._ends[run] + (index - self._positions[run]) * self._steps[run]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for run in range(len(self._positions)):
            first = self._positions[run]
            last = self._positions[run + 1] if run + 1 < len(self._positions) else self.length
            s, e, step = self._starts[run], self._ends[run], self._steps[run]
            for k in range(last - first):
                yield s + k * step, e + k * step

    @property
    def starts(self) -> array[int]:
        """Every character's original start, materialised (for tests and inspection)."""
        return array("i", (s for s, _ in self))

    @property
    def ends(self) -> array[int]:
        """Every character's original end, materialised (for tests and inspection)."""
        return array("i", (e for _, e in self))

    @property
    def runs(self) -> int:
        """How many runs the map is stored as."""
        return len(self._positions)

    def __repr__(self) -> str:
        return f"SpanMap({self.length} characters of {self.original_length}, {self.runs} runs)"


class _RunBuilder:
    """Builds a `SpanMap` character by character or a copied stretch at a time.

    Supports what the normaliser needs while it collapses spaces and joins words: reading,
    removing and widening the last character's span.
    """

    __slots__ = ("ends", "positions", "size", "starts", "steps")

    def __init__(self) -> None:
        self.positions: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.steps: list[int] = []
        self.size = 0

    def last(self) -> tuple[int, int]:
        offset = (self.size - 1 - self.positions[-1]) * self.steps[-1]
        return self.starts[-1] + offset, self.ends[-1] + offset

    def append(self, start: int, end: int) -> None:
        """Add one character with the original span `(start, end)`."""
        if self.positions:
            k = self.size - self.positions[-1]  # the new character's index in the last run
            if k == 1:
                # A one-character run takes whichever step the second character implies.
                if start == self.starts[-1] and end == self.ends[-1]:
                    self.steps[-1] = 0
                    self.size += 1
                    return
                if start == self.starts[-1] + 1 and end == self.ends[-1] + 1:
                    self.steps[-1] = 1
                    self.size += 1
                    return
            else:
                step = self.steps[-1] * k
                if start == self.starts[-1] + step and end == self.ends[-1] + step:
                    self.size += 1
                    return
        self.positions.append(self.size)
        self.starts.append(start)
        self.ends.append(end)
        self.steps.append(0)
        self.size += 1

    def copy(self, start: int, end: int) -> None:
        """Add the characters `start..end - 1` of the original, each mapped to itself."""
        self.append(start, start + 1)
        more = end - start - 1
        if more <= 0:
            return
        if self.size - self.positions[-1] == 1:
            self.steps[-1] = 1
        elif self.steps[-1] != 1:
            self.positions.append(self.size)
            self.starts.append(start + 1)
            self.ends.append(start + 2)
            self.steps.append(1)
            more -= 1
            self.size += 1
        self.size += more

    def pop(self) -> None:
        """Remove the last character."""
        self.size -= 1
        if self.size == self.positions[-1]:
            self.positions.pop()
            self.starts.pop()
            self.ends.pop()
            self.steps.pop()

    def set_last_end(self, end: int) -> None:
        """Widen the last character's span to end at `end`."""
        if self.size - self.positions[-1] == 1:
            self.ends[-1] = end
            return
        start, _ = self.last()
        self.pop()
        self.append(start, end)

    def freeze(self, original_length: int) -> SpanMap:
        return SpanMap(
            array("i", self.positions),
            array("i", self.starts),
            array("i", self.ends),
            array("i", self.steps),
            self.size,
            original_length,
        )


@dataclass(frozen=True, eq=False)
class Normalised:
    """A normalised text and, per character, the span of the original it came from."""

    text: str
    spans: SpanMap

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the span `text[start:end]` to the `(start, end)` span of the original text.

        The result covers every original character that contributed to the span, including
        removed ones between them (a soft hyphen, a collapsed run of spaces). An empty span maps
        to an empty span at the corresponding original position.
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span ({start}, {end}) outside normalised text of length {n}")
        if start < end:
            return self.spans.start(start), self.spans.end(end - 1)
        if start < n:
            pos = self.spans.start(start)
        elif n:
            pos = self.spans.end(n - 1)
        else:
            pos = 0
        return pos, pos


def normalise(text: str, *, tolerant: bool = False) -> Normalised:
    """Normalise `text` for matching, keeping a map back to its characters (see module doc)."""
    builder = _Builder(text, tolerant)
    scan = _scan(tolerant)
    special = scan.doubled if "  " in text else scan.single
    # The text the copied stretches are sliced from: the lone characters the scan skips
    # replaced in place (each by one character, so offsets do not move).
    copied = text
    for ch, replacement in scan.replacements.items():
        if ch in copied:
            copied = copied.replace(ch, replacement)
    n = len(text)
    pos = 0  # where the stretch copied one for one starts
    cut = 0  # text[cut:] is not yet in `parts`
    parts: list[str] = []  # the stretch so far, with its lone special characters replaced
    for m in special.finditer(text):
        start, end = m.span()
        if end - start == 1:
            # A lone special character between copied ones (a curly apostrophe, a dash, a
            # single line break) that becomes one character changes nothing around it: it is
            # copied with the stretch, replaced, and its span is its own. The scan already
            # skips the common ones; this is for the rest.
            one = _inline_replacement(text[start], tolerant)
            if one is not None and (
                one != " "
                or (0 < start and end < n and text[start - 1] != " " and text[end] != " ")
            ):
                parts.append(copied[cut:start])
                parts.append(one)
                cut = end
                continue
        if start > pos:
            parts.append(copied[cut:start])
            builder.identity(pos, start, "".join(parts))
        parts = []
        pos = cut = end
        if tolerant and end - start == 1 and text[start] in _DASHES:
            # A lone dash in the tolerant tier ("a - b", "well-known"): what `special` would
            # do, without its general cluster path. The space after it is dropped here, as
            # `_space` would drop it (one space, no line break: no hyphenation).
            builder.dash(start, end)
            if end < n and text[end] == " " and (end + 1 == n or not text[end + 1].isspace()):
                pos = cut = end + 1
        else:
            builder.special(start, end)
    if pos < n:
        parts.append(copied[cut:])
        builder.identity(pos, n, "".join(parts))
    return builder.finish()


@dataclass(frozen=True)
class _Scanner:
    """How `normalise` finds the characters it cannot copy one for one, in one tier."""

    single: re.Pattern[str]  # for a text without doubled spaces
    doubled: re.Pattern[str]  # for a text with some (they are special too)
    replacements: dict[str, str]  # the skipped characters that change, and what they become


# Characters looked at when building a `_Scanner`: the quotation marks and dashes, Latin-1 and
# Latin Extended-A and -B, general punctuation, currency signs and every whitespace character.
_SKIP_CANDIDATES = sorted(
    _QUOTES
    | _DASHES
    | {chr(c) for c in range(0x80, 0x250)}
    | {chr(c) for c in range(0x2000, 0x2070)}
    | {chr(c) for c in range(0x20A0, 0x20C1)}
    | {chr(c) for c in range(0x3001) if chr(c).isspace()}
)
# Of those that a tier changes, the ones skipped (and replaced beforehand with `str.replace`,
# after a fast `in` test for each): the common ones in news pages. Each costs a pass over the
# text, so the list is short; the others are still matched and replaced one at a time.
_COMMON_REPLACED = (
    '\u2019\u2018\u201c\u201d"`\u2014\u2013\n\t\u00a0'
    "\u00e9\u00e8\u00e1\u00e0\u00ed\u00f3\u00fa\u00fc\u00f6\u00e4\u00e7\u015f\u0131\u011f"
)


@lru_cache(maxsize=2)
def _scan(tolerant: bool) -> _Scanner:
    """The scanner of a tier: matches the special runs (`_SPECIAL`, `_SPECIAL_TOLERANT`) except
    some of the lone characters the loop in `normalise` would copy with the stretch around them.

    Measured on the 26 M characters of bench/verify's layers: ~170,000 lone curly apostrophes,
    dashes and line breaks a pass, each a Python round of the loop (about a microsecond) when
    matched, copied in bulk when skipped here.

    A lone character is skipped when `_inline_replacement` makes it one character, the same one
    (`€`, and `é` in the normalised tier) or another in `_COMMON_REPLACED`: always for a
    non-space, and for whitespace (which becomes a space) only when neither neighbour is a space
    and it is neither first nor last, as in `normalise`. A run of two or more special characters
    is still matched whole, so the builder sees exactly what the plain runs give it.
    """
    special = _SPECIAL_CLASS_TOLERANT if tolerant else _SPECIAL_CLASS
    plain = re.compile(special)
    kept: list[str] = []
    spaces: list[str] = []
    replacements: dict[str, str] = {}
    for ch in _SKIP_CANDIDATES:
        if not plain.fullmatch(ch):
            continue
        one = _inline_replacement(ch, tolerant)
        if one is None or (one != ch and ch not in _COMMON_REPLACED):
            continue
        (spaces if one == " " else kept).append(ch)
        if one != ch:
            replacements[ch] = one
    kept_class = "".join(re.escape(ch) for ch in kept)
    space_class = "".join(re.escape(ch) for ch in spaces)
    # One special character, then: more of them (a run), or it is not skippable, or it is a
    # whitespace character at the text's edge or next to a space.
    lone = (
        rf"{special}(?:{special}+|(?<![{kept_class}{space_class}])"
        rf"|(?<=[{space_class}])(?:(?<![^ ][{space_class}])|(?![^ ])))"
    )
    return _Scanner(re.compile(lone), re.compile(r" {2,}|" + lone), replacements)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


def _continues_cluster(ch: str) -> bool:
    """A combining mark, a Hangul medial vowel or final consonant jamo (NFD Hangul), or a
    half-width voicing mark."""
    return (
        "\u1160" <= ch <= "\u11ff"
        or ch in "\uff9e\uff9f"  # half-width voicing marks: ﾃﾞ is デ
        or unicodedata.category(ch)[0] == "M"
    )


# Marks that negate the character they overlay (`=` + U+0338 is `≠`): never stripped.
_NEGATING_MARKS = frozenset("\u0338\u20d2")


def _special_char(ch: str) -> str | None:
    """The replacement of a quote, dash, space or invisible character; `None` for the rest."""
    if ch in _QUOTES:
        return QUOTE
    if ch in _DASHES:
        return DASH
    if ch.isspace():
        return " "
    if unicodedata.category(ch) in ("Cc", "Cf"):  # controls, soft hyphen, zero-width, bidi marks
        return ""
    return None


@lru_cache(maxsize=8192)
def _map_cluster(cluster: str, tolerant: bool) -> str:
    """Normalise one cluster (a base character and its combining marks, or marks alone)."""
    base = cluster[0]
    replacement = _special_char(base)
    if replacement is not None:
        out = replacement + unicodedata.normalize("NFKC", cluster[1:])
    elif unicodedata.category(base) == "No":
        # Superscripts, subscripts, fractions, circled numbers: NFKC would merge them into the
        # digits around them (10⁶ → 106), so they stay as written.
        out = cluster
    else:
        out = unicodedata.normalize("NFKC", cluster)
    out = "".join(ch if (r := _special_char(ch)) is None else r for ch in out)
    if tolerant:
        # Stripping a mark can leave characters that compose ('ᄀ' + U+0301 + 'ᅡ' → '가' → '가'):
        # compose here, or normalising the output again would change it (found by hypothesis).
        out = unicodedata.normalize("NFC", "".join(_fold_char(ch) for ch in out))
    return out


@lru_cache(maxsize=8192)
def _simple_replacement(ch: str, tolerant: bool) -> str | None:
    """The one character `ch` becomes when it is a cluster of its own, if the builder needs to
    do nothing more than output it (or, for `" "`, collapse it into a space); else `None`.

    Not simple: combining marks and Hangul jamo (they join the character before), removed
    characters, expansions (`ﬁ`, `ß` tolerant, `¨` → space + mark) and, in the tolerant tier,
    dashes (spacing around them and line-end hyphenation depend on their neighbours).
    """
    if (
        _continues_cluster(ch)
        or _special_char(ch) == ""
        or (tolerant and (ch in _UNIT_DIGITS or ch == _CARET))
    ):
        return None
    out = _map_cluster(ch, tolerant)
    if len(out) != 1 or (tolerant and out == DASH):
        return None
    return out


@lru_cache(maxsize=8192)
def _inline_replacement(ch: str, tolerant: bool) -> str | None:
    """What a lone `ch` between copied characters becomes, if it can be copied with them.

    Its replacement must be one character that the tolerant tier's `lower()` of a copied stretch
    leaves alone. A space (`ch` is whitespace) is only copied so when it has no space on either
    side; `normalise` checks that.
    """
    out = _simple_replacement(ch, tolerant)
    if out is None or (tolerant and out.lower() != out):
        return None
    return out


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """Tolerant folding of one normalised character: case, Turkish i, accents."""
    if ch.isascii():
        return ch.lower()
    if unicodedata.category(ch) == "No":
        return ch
    folded = ch.casefold()
    if folded != ch:
        # Case folding can leave compatibility characters behind; fold them as NFKC would.
        folded = unicodedata.normalize("NFKC", folded)
        folded = "".join(c if (r := _special_char(c)) is None else r for c in folded)
    folded = "".join(_TOLERANT_LETTERS.get(c, c) for c in folded)
    stripped = "".join(c for c in unicodedata.normalize("NFD", folded) if not _folded_mark(c))
    return unicodedata.normalize("NFC", stripped)


#: Combining marks the tolerant tier strips: the accents of Latin, Greek and Cyrillic letters
#: (the general combining blocks), the vowel points of Hebrew and the harakat of Arabic (written
#: or left out at will), and the Devanagari nukta (`ड़`, often dropped). Marks that make another
#: letter are kept: the Japanese voicing marks (`ゴ` is not `コ`), Devanagari vowel signs
#: (`पचास` is fifty, `पचीस` twenty-five), and the marks of the other Indic and Southeast Asian
#: scripts.
_FOLDED_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u093c]"
)


def _folded_mark(ch: str) -> bool:
    """Whether the tolerant tier strips `ch` (`_FOLDED_MARKS`, not a negating mark)."""
    return ch not in _NEGATING_MARKS and _FOLDED_MARKS.match(ch) is not None and _is_mark(ch)


def _letter_before(text: str, pos: int) -> bool:
    """Is there a letter before `pos`, skipping combining marks (NFD `u` + U+0308)?"""
    pos -= 1
    while pos >= 0 and _is_mark(text[pos]):
        pos -= 1
    return pos >= 0 and text[pos].isalpha()


def _has_line_break(text: str) -> bool:
    return any(ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" for ch in text)


class _Builder:
    """Accumulates output characters and their spans, collapsing spaces as it goes."""

    def __init__(self, source: str, tolerant: bool, *, shortcuts: bool = True) -> None:
        self.source = source
        self.tolerant = tolerant
        # False: every special character through the general cluster path (the reference the
        # shortcut is tested against).
        self.shortcuts = shortcuts
        self.pieces: list[str] = []
        self.map = _RunBuilder()
        self.last = ""  # the last output character, "" when there is none
        self.skip_until = 0  # whitespace before this original offset is swallowed
        self.joinable_at = -1  # where combining marks would still attach to the last output
        self.exponent_at = -1  # where the digits of a caret exponent start (tolerant)

    # ---------------------------------------------------------------- output primitives

    def _push(self, ch: str, start: int, end: int) -> None:
        if self.map.size:
            last_start, last_end = self.map.last()
            if start < last_end:
                # Only when a cluster expands to a space and more (NFKC of `¨` is a space and a
                # combining diaeresis) and the space merged into a run: share the run's span.
                start, end = last_start, max(end, last_end)
        self.pieces.append(ch)
        self.map.append(start, end)
        self.last = ch
        self.joinable_at = end

    def _pop(self) -> None:
        piece = self.pieces[-1]
        if len(piece) == 1:
            self.pieces.pop()
        else:
            self.pieces[-1] = piece[:-1]
        self.map.pop()
        self.last = self.pieces[-1][-1] if self.pieces else ""
        self.joinable_at = -1

    # ---------------------------------------------------------------- input kinds

    def identity(self, start: int, end: int, chunk: str) -> None:
        """Copy `chunk`, the text of `source[start:end]` one for one, each character its own span.

        `chunk` is printable ASCII with no doubled space (and, tolerant, no hyphen) plus lone
        special characters already replaced by `_inline_replacement`.
        """
        if self.exponent_at == start:
            n = self._exponent(start, end)
            start, chunk = start + n, chunk[n:]
            if start == end:
                return
        if chunk[0] == " ":
            self._space(start, start + 1)
            start += 1
            chunk = chunk[1:]
            if start == end:
                return
        if self.tolerant:
            chunk = chunk.lower()
        self.pieces.append(chunk)
        self.map.copy(start, end)
        self.last = chunk[-1]
        self.joinable_at = end

    def special(self, start: int, end: int) -> None:
        """Normalise `source[start:end]` cluster by cluster."""
        src = self.source
        tolerant = self.tolerant
        shortcuts = self.shortcuts
        i = start
        while i < end:
            if tolerant and src[i] == _CARET and self._caret_exponent(i):
                i += 1
                continue
            if self.exponent_at == i:
                n = self._exponent(i, end)
                if n:
                    i += n
                    continue
            simple = _simple_replacement(src[i], tolerant) if shortcuts else None
            if simple is not None and (i + 1 == end or not _continues_cluster(src[i + 1])):
                # The common case (a curly quote, a dash, a line break, a currency sign): one
                # character alone in its cluster, replaced by one character.
                if simple == " ":
                    self._space(i, i + 1)
                else:
                    self._push(simple, i, i + 1)
                i += 1
                continue
            if _special_char(src[i]) == "":
                # A removed character (soft hyphen, zero-width space): marks after it still
                # belong to the letter before it, as they will once it is gone.
                if self.map.size and self.joinable_at == i:
                    self.joinable_at = i + 1
                i += 1
                continue
            j = i + 1
            while j < end and _continues_cluster(src[j]):
                j += 1
            if (
                _continues_cluster(src[i])
                and self.map.size
                and self.joinable_at == i
                and self._composes_with_last(src[i])
            ):
                # Marks after a letter already output (`e` + U+0301, copied in an earlier
                # chunk): compose them with it, as NFKC of the whole cluster would.
                base_start, base_end = self.map.last()
                while self.map.size and self.map.last()[0] == base_start:
                    self._pop()
                self._cluster(base_start, j, src[base_start:base_end] + src[i:j])
            else:
                self._cluster(i, j, src[i:j])
            i = j

    def _caret_exponent(self, at: int) -> bool:
        """Whether the caret at `at` starts an exponent: digits right after it, and a letter, a
        digit or a closing parenthesis right before it in the output. It is then dropped, and
        the digits after it (copied next, by `identity`) are written as `_exponent` says."""
        src = self.source
        if not (
            at + 1 < len(src)
            and "0" <= src[at + 1] <= "9"
            and (self.last.isalnum() or self.last == ")")
        ):
            return False
        self.exponent_at = at + 1
        return True

    def _exponent(self, start: int, end: int) -> int:
        """Output the digits of a caret exponent that `source[start:end]` starts with, and
        return how many there are; 0 when they are left to be copied. After a letter they are
        plain digits, as a superscript there is ("m^2" is "m2", as "m²" is); after a digit or a
        parenthesis they are superscripts ("10^6" is "10⁶", not the figure 106)."""
        self.exponent_at = -1
        if self.last.isalpha():
            return 0
        src = self.source
        n = start
        while n < end and "0" <= src[n] <= "9":
            self._push(_SUPERSCRIPT_DIGITS[src[n]], n, n + 1)
            n += 1
        return n - start

    def _composes_with_last(self, mark: str) -> bool:
        """Do marks after the last output character belong to it (as NFKC would have it)?"""
        last = self.last
        category = unicodedata.category(last)
        if category[0] == "L":
            return True
        # `=` + U+0338 is `≠`: compose whatever canonically composes, except the characters
        # this module maps or keeps apart (spaces, quotes, dashes, superscripts).
        if category == "No" or last in (" ", QUOTE, DASH):
            return False
        return len(unicodedata.normalize("NFC", last + mark)) == 1

    def dash(self, start: int, end: int) -> None:
        """A lone dash in the tolerant tier: `_cluster` for a cluster that maps to `-`."""
        if self.last == " ":
            self._pop()  # tolerant: no space before a dash
        self._push(DASH, start, end)

    def _cluster(self, start: int, end: int, cluster: str) -> None:
        for ch in _map_cluster(cluster, self.tolerant):
            if self.tolerant and ch in _UNIT_DIGITS and self.last.isalpha():
                self._push(_UNIT_DIGITS[ch], start, end)  # "m²" is "m2", "CO₂" "CO2"
            elif ch == " ":
                self._space(start, end)
            elif ch == DASH and self.tolerant:
                if self.last == " ":
                    self._pop()  # tolerant: no space before a dash
                self._push(ch, start, end)
            else:
                self._push(ch, start, end)

    def _space(self, start: int, end: int) -> None:
        if not self.pieces or start < self.skip_until:
            if self.joinable_at == start:
                self.joinable_at = end  # nothing output: marks may still join what came before
            return  # leading whitespace, or the rest of a run already dealt with
        last = self.last
        if last == " ":
            self.map.set_last_end(end)
            self.joinable_at = end
            return
        src = self.source
        run_start, run_end = start, end
        while run_start > 0 and src[run_start - 1].isspace():
            run_start -= 1
        while run_end < len(src) and src[run_end].isspace():
            run_end += 1
        if run_start > 0 and src[run_start - 1] == SOFT_HYPHEN:
            if _has_line_break(src[run_start:run_end]):
                # A soft hyphen at a line end: the word continues on the next line.
                self.skip_until = run_end
                if self.joinable_at == start:
                    self.joinable_at = end
                return
        if self.tolerant and last == DASH:
            dash_start, dash_end = self.map.last()
            if (
                dash_end == dash_start + 1
                and src[dash_start] in _LINE_END_HYPHENS
                and _letter_before(src, dash_start)
                and run_end < len(src)
                and src[run_end].islower()
                and _has_line_break(src[run_start:run_end])
            ):
                self._pop()  # PDF line-end hyphenation: join the word halves
            self.skip_until = run_end
            return  # tolerant: no space after a dash
        self._push(" ", start, end)

    def finish(self) -> Normalised:
        if self.last == " ":
            self._pop()
        text = "".join(self.pieces)
        assert len(text) == self.map.size
        return Normalised(text, self.map.freeze(len(self.source)))


def space_cjk(norm: Normalised) -> Normalised:
    """`norm` with a space around each Chinese or Japanese character that has none.

    Those scripts do not space their words, so a quote in them is one long "word" that never
    sits on word boundaries in its source and cannot be aligned word by word. Spaced, each
    character is a word (a changed figure in "同比增长5.2%" is a changed word), and every tier
    treats the quote and its source alike. An inserted space maps to the span of the character
    after it, so spans stay non-empty and monotonic. Texts without such characters are
    returned as they are.
    """
    text = norm.text
    if CJK_CHAR.search(text) is None:
        return norm
    out: list[str] = []
    builder = _RunBuilder()
    after_cjk = False
    for ch, (start, end) in zip(text, norm.spans, strict=True):
        cjk = CJK_CHAR.match(ch) is not None
        if out and ch != " " and out[-1] != " " and (cjk or after_cjk):
            out.append(" ")
            builder.append(start, end)
        out.append(ch)
        builder.append(start, end)
        after_cjk = cjk
    return Normalised("".join(out), builder.freeze(norm.spans.original_length))


# ------------------------------------------------------------------------ character clusters

#: Characters that belong to the character before them (UAX #29's Extend and SpacingMark, in
#: short): zero-width joiner and non-joiner, variation selectors, emoji skin tones, tag
#: characters (a subdivision flag), besides every combining mark.
_CLUSTER_EXTENDERS = re.compile(
    "[\u200c\u200d\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)
_REGIONAL_INDICATOR = re.compile("[\U0001f1e6-\U0001f1ff]")


def cluster_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` widened so that it neither starts nor ends inside a character as a
    reader sees one: a letter and its combining marks, an emoji joined by zero-width joiners, a
    flag's two regional indicators, CR LF. An excerpt cut at a code point could start with half
    a flag (every flag after it then pairs wrongly) or a lone accent. A simplified UAX #29:
    Hangul syllables written as separate jamo are not joined."""
    while 0 < start < len(text) and _continues(text, start):
        start -= 1
    while 0 < end < len(text) and _continues(text, end):
        end += 1
    return start, end


def _continues(text: str, pos: int) -> bool:
    """Whether `text[pos]` belongs to the same reader's character as `text[pos - 1]`."""
    char, before = text[pos], text[pos - 1]
    if before == "\u200d" or (before == "\r" and char == "\n"):
        return True
    if _CLUSTER_EXTENDERS.match(char) or unicodedata.category(char) in ("Mn", "Me", "Mc"):
        return True
    if _REGIONAL_INDICATOR.match(char) and _REGIONAL_INDICATOR.match(before):
        run = 1  # `before`, and the indicators before it: pairs are counted from the run's start
        while pos - run - 1 >= 0 and _REGIONAL_INDICATOR.match(text[pos - run - 1]):
            run += 1
        return run % 2 == 1
    return False
