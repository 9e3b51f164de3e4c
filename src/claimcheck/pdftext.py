"""The text of a PDF page as a reader reads it (SPEC §6): column order, page furniture, hyphens.

`extract` reads each page with a PDF library; this module turns what the library gives into the
`pdf` layer's text:

- **Columns** (`page_text`). pdfium gives the characters in content-stream order and joins
  pieces of text that share a baseline into one line. A report generator that writes a
  two-column page row by row (left line, right line, left line...) therefore comes out with the
  columns mixed line by line. The text rectangles pdfium computes (`FPDFText_CountRects`, one per
  run of text on a line, a few C calls per line) show such a page plainly: the rectangles fall on
  either side of a vertical gutter that none of the column lines crosses, each side's lines start
  at one left margin, and reading order jumps between the sides. Only then is the page re-read
  rectangle by rectangle, left column before right column (full-width lines, such as a title or
  a running header, stay where they are and close the columns above them). A page already
  written column after column, a table whose cells are short, or a page whose rectangles do not
  look like two columns of lines keeps pdfium's own text, exactly as before.
- **Running headers and footers** (`clean_pages`). A line at the top or bottom of most pages
  ("HARBOUR COMMISSION REPORT 2023", "Page 3 of 12", a bare "7"; digits count as equal) is page
  furniture: left in, it sits in the middle of any sentence that runs on to the next page. It is
  dropped, except at its first appearance when that is at the top of a page (the report's name,
  which a claim may quote).
- **Line-end hyphens** (`clean_pages`). A hyphen that ends a line is either a word divided by the
  typesetter ("restora-\\ntion") or a compound that happens to break at its own hyphen
  ("well-\\nknown", "twenty-\\nfive"). The first stays as `-` and a line break, which the
  matcher's tolerant tier joins into one word; the second loses the line break and keeps the
  hyphen, so the compound reads as the source prints it ("twenty-five", never "five"). A break is
  a compound when a digit or capital follows or precedes it ("1993-\\n2023", "Franco-\\nGerman",
  "UK-\\nbased"), when the first part is a single letter ("X-\\nray"), when it joins a tens word
  and a units word, when the document prints the hyphenated form elsewhere and never the joined
  one, or when the first part is a prefix that forms compounds (`self`, `well`, `non`...) and
  the second part is not a suffix.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from statistics import median
from typing import Any

__all__ = ["clean_pages", "page_text"]

# pdfium drops the line break after a hyphen that ends a line and marks the hyphen with U+0002
# (`get_text_bounded`) or U+FFFE (`get_text_range`). Give the source its own words back, a hyphen
# and a line break; `clean_pages` then decides whether the line break stays.
_PDFIUM_HYPHEN_RE = re.compile("[\x02\ufffe]\r?\n?")

Rect = tuple[float, float, float, float]  # left, bottom, right, top, in PDF points

# --------------------------------------------------------------------------- columns

#: The fewest lines each column must have before a page is read as two columns.
_MIN_COLUMN_LINES = 3
#: The share of a column's lines that must start at its left margin (within `_MARGIN_SLACK`
#: line heights: a paragraph indent).
_MIN_MARGIN_SHARE = 0.6
_MARGIN_SLACK = 2.5
#: A column's median line is at least this share of the column's width, and this many line
#: heights long (some 15 characters): lines of prose, not the short cells of a table, whose
#: rows read better across ("2021 48,312").
_MIN_LINE_FILL = 0.5
_MIN_LINE_LENGTH = 8


def page_text(textpage: Any) -> str:
    """The text of one pdfium text page (`pypdfium2.PdfTextPage`), lines separated by `\\n`,
    line-end hyphens as `-\\n`, two interleaved columns read one after the other."""
    text = _pdfium_text(textpage.get_text_bounded())
    count = textpage.count_rects()
    if count < 2 * _MIN_COLUMN_LINES:
        return text
    rects: list[Rect] = [tuple(textpage.get_rect(i)) for i in range(count)]
    order = column_order(rects)
    if order is None:
        return text
    return _text_in_order(textpage, rects, order)


def _pdfium_text(raw: str) -> str:
    return _PDFIUM_HYPHEN_RE.sub("-\n", raw).replace("\r\n", "\n").replace("\r", "\n")


def column_order(rects: Sequence[Rect]) -> list[int] | None:
    """The indices of `rects` in two-column reading order, or `None` to keep pdfium's order:
    the page does not look like two columns, or pdfium already reads it column by column."""
    n = len(rects)
    lefts = sorted(r[0] for r in rects)
    rights = sorted(r[2] for r in rects)
    # The gutter: the vertical line with the most rectangles on its emptier side. Candidates are
    # the right edges; a rectangle is left of `g` when it ends at or before it, right of it when
    # it starts at or after it, and crosses it otherwise.
    best: tuple[int, int, float] | None = None  # (fewer side, -crossing, g)
    for g in rights:
        on_left = bisect_right(rights, g)
        on_right = n - bisect_left(lefts, g)
        score = (min(on_left, on_right), on_left + on_right - n, g)
        if best is None or score[:2] > best[:2]:
            best = score
    if best is None or best[0] < _MIN_COLUMN_LINES:
        return None
    gutter = best[2]
    sides: list[int] = []  # 0 left column, 1 right column, 2 across the gutter
    for left, _bottom, right, _top in rects:
        sides.append(0 if right <= gutter else 1 if left >= gutter else 2)
    if sides.count(2) * 2 > n:
        return None
    height = median(r[3] - r[1] for r in rects)
    for side in (0, 1):
        column = [r for r, s in zip(rects, sides, strict=True) if s == side]
        if len(column) < _MIN_COLUMN_LINES or not _looks_like_column(column, height):
            return None
    # Full-width lines close the columns above them: within each band between two of them,
    # the left column's lines (in pdfium's order) come before the right column's.
    order: list[int] = []
    band: list[int] = []
    for index, side in enumerate(sides):
        if side == 2:
            order += sorted(band, key=lambda i: sides[i])
            order.append(index)
            band = []
        else:
            band.append(index)
    order += sorted(band, key=lambda i: sides[i])
    if order == list(range(n)):
        return None
    return order


def _looks_like_column(column: list[Rect], height: float) -> bool:
    margin = min(r[0] for r in column)
    width = max(r[2] for r in column) - margin
    if width <= 0:
        return False
    at_margin = sum(1 for r in column if r[0] - margin <= _MARGIN_SLACK * height)
    if at_margin < _MIN_MARGIN_SHARE * len(column):
        return False
    line = median(r[2] - r[0] for r in column)
    return line >= _MIN_LINE_FILL * width and line >= _MIN_LINE_LENGTH * height


_INSET = 0.4  # points


def _text_in_order(textpage: Any, rects: Sequence[Rect], order: Sequence[int]) -> str:
    parts: list[str] = []
    previous: Rect | None = None
    for index in order:
        left, bottom, right, top = rects[index]
        # pdfium reads every character whose box meets the rectangle: a slightly smaller one
        # leaves out a neighbour that only touches it (a full stop's box is 1.5 points high).
        inset = min(_INSET, (top - bottom) / 10)
        piece = textpage.get_text_bounded(left + inset, bottom + inset, right - inset, top - inset)
        piece = piece.replace("\r", " ").replace("\n", " ")
        if previous is not None and parts:
            if _same_line(previous, rects[index]):
                if not (
                    parts[-1][-1:].isspace() or piece[:1].isspace() or parts[-1][-1:] == "\x02"
                ):
                    parts.append(" ")
            else:
                parts[-1] = parts[-1].rstrip(" ")
                parts.append("\n")
        parts.append(piece)
        previous = rects[index]
    return _pdfium_text("".join(parts))


def _same_line(a: Rect, b: Rect) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.5 * min(a[3] - a[1], b[3] - b[1]) and b[0] >= a[2] - 1.0


# --------------------------------------------------------------------------- page furniture

#: Lines this close to the top or bottom of a page (counting non-empty lines) may be furniture.
_EDGE_LINES = 3
_DIGITS_RE = re.compile(r"\d+")
_ROMAN_RE = re.compile(r"(?i)^(?=[ivxlc])m*(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})$")


def _furniture_key(line: str) -> str:
    words = line.lower().split()
    return " ".join("#" if _ROMAN_RE.match(w) else _DIGITS_RE.sub("#", w) for w in words)


def _drop_running_lines(pages: list[list[str]]) -> None:
    """Removes, in place, the lines at the top or bottom of most pages (running headers and
    footers, page numbers), keeping a header's first appearance."""
    if len(pages) < 2:
        return
    edges: list[dict[int, str]] = []  # per page: line index -> key, for the edge lines
    counts: Counter[str] = Counter()
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edge = {i: _furniture_key(lines[i]) for i in filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]}
        edges.append(edge)
        counts.update(set(edge.values()))
    needed = max(2, math.ceil(len(pages) / 2))
    running = {key for key, count in counts.items() if count >= needed}
    if not running:
        return
    seen: set[str] = set()
    for lines, edge in zip(pages, edges, strict=True):
        filled = [i for i, line in enumerate(lines) if line.strip()]
        top = set(filled[:_EDGE_LINES])
        doomed: set[int] = set()
        for index, key in edge.items():
            if key not in running:
                continue
            if key not in seen and index in top:
                seen.add(key)
                continue
            seen.add(key)
            doomed.add(index)
        if doomed:
            lines[:] = [line for i, line in enumerate(lines) if i not in doomed]


# --------------------------------------------------------------------------- hyphens

_LINE_END_HYPHEN_RE = re.compile(r"([^\W_]+)-\n([^\W_]+)")
_WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
_UNITS = frozenset(
    "one two three four five six seven eight nine "
    "first second third fourth fifth sixth seventh eighth ninth".split()
)
#: First parts that make compounds, and that a typesetter does not divide a longer word after.
_COMPOUND_PREFIXES = frozenset("self well non ill half".split())
#: Endings a typesetter divides a word before ("self-ish", "well-ness"): not compounds.
_SUFFIXES = frozenset(
    "ish ness ing ings er ers ed ly y ful less est able ably ism ist ists ity ities ment ments "
    "ship ships".split()
)


def _is_compound(first: str, second: str, words: set[str]) -> bool:
    """Whether `first-\\nsecond` is a hyphenated compound broken at its hyphen."""
    if first[-1].isdigit() or second[0].isdigit() or len(first) == 1:
        # A number range or a figure ("COVID-19"); a single letter ("X-ray", "e-mail"), which
        # a typesetter never leaves alone before a hyphen.
        return True
    if first.isupper() and second.isupper():
        pass  # a line in capitals: decided by the words below
    elif second[0].isupper() or (len(first) > 1 and first.isupper()):
        return True
    low_first, low_second = first.lower(), second.lower()
    if low_first in _TENS and low_second in _UNITS:
        return True
    hyphenated = f"{low_first}-{low_second}" in words
    joined = low_first + low_second in words
    if hyphenated != joined:
        return hyphenated
    return low_first in _COMPOUND_PREFIXES and low_second not in _SUFFIXES


def _join_compounds(pages: list[str]) -> list[str]:
    if not any("-\n" in page for page in pages):
        return pages
    words = set(_WORD_RE.findall("\n".join(pages).lower()))

    def resolve(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        separator = "-" if _is_compound(first, second, words) else "-\n"
        return first + separator + second

    return [_LINE_END_HYPHEN_RE.sub(resolve, page) for page in pages]


def clean_pages(pages: Sequence[str]) -> list[str]:
    """The pages' text without running headers and footers, compounds broken at a line end
    joined again (`"well-\\nknown"` → `"well-known"`)."""
    split = [page.split("\n") for page in pages]
    _drop_running_lines(split)
    return _join_compounds(["\n".join(lines) for lines in split])
