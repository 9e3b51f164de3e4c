"""Plain-text articles: `[N]` markers in the body and a notes list of lines starting `[N]` (SPEC §3.1).

The notes list is the trailing run of paragraphs whose first line starts with `[N]`; a paragraph
may hold several notes, one per `[N]` line, and a line that does not start with `[N]` continues
the note above it. The list's first paragraph may open with a heading line ("Notes",
"References:", "----"), and a short paragraph between two notes continues the note before it.
Anything after the list (a "Related topics" footer) is neither body nor note.

In the body, `[N]` is a marker only when note N exists, wherever it sits (after a word, after
punctuation, after a closing quote), and never inside a URL; `[2, 3]` and `[4–6]` name several
notes; bracketed words (`[sic]`, `[the EU]`) are text. A marker after punctuation for a note the
list lacks (`cases.[7]`) is taken out and kept as a marker for that note, so that its sentence
ends there and its claims go to no other note.

Without a `[N]` list, a notes list numbered `1.` or `1)` under a "Notes"/"References" heading,
or one whose lines start with superscript numbers (`¹ ²`, as pasted from Word or a PDF), is read
when the body cites its numbers (`[1]`, or `¹` after punctuation or a word of three letters or
more: `m²` is an exponent). An article with `[N]` marks after punctuation and no notes list at
all is warned about, and each mark is kept as a marker for a note the article lacks.

`split_notes_list` works on any `TextBlock`s, so the Markdown and HTML parsers reuse it for
articles pasted in this style (the published reference article's own web page, for one).
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence

from claimcheck.article.interface import ArticleParser, decode_text
from claimcheck.article.notes import RawNote, find_url_spans
from claimcheck.claims.from_article import Anchor, Marker, TextBlock
from claimcheck.model import Article

logger = logging.getLogger(__name__)

__all__ = [
    "PlainTextParser",
    "is_mark_position",
    "is_notes_heading",
    "plain_blocks",
    "plain_title",
    "split_notes_list",
    "strip_markers",
]

_NOTE_START_RE = re.compile(r"^[ \t]*\[(\d{1,9})\][ \t]*", re.MULTILINE)
# A note number of up to this many digits opens or starts a note anywhere in the list; a longer
# one (`[1000]`) only right after the note before it (`[999]`), so that a paragraph or line
# opening with a year (`[2023] report`) is not read as a note. Nine digits bound the numbers
# read (a billion notes is no article).
_FREE_NOTE_DIGITS = 3
# A heading line over the notes list, in the same paragraph ("Notes", "References:", "----").
_LIST_HEADING_MAX_WORDS = 4
# A paragraph between two notes continues the first when it is this short (a URL, "Accessed
# 3 May 2024.", a second sentence): a body paragraph between notes is much longer.
_CONTINUATION_MAX_LINES = 3
_CONTINUATION_MAX_CHARS = 300
# Before an unknown marker: where a marker ends a sentence or clause.
_MARKER_AFTER = frozenset(".,;:!?”’\"'»)›«“。、，；：！？」』）》")
_MARKER_RE = re.compile(r"\[(\d{1,9}(?:\s*[,–-]\s*\d{1,9})*)\]")
# A bracketed number that is a marker even for a note the list lacks (see `strip_markers`).
_SHORT_MARKER_RE = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")
# A range marker such as [4–40] is far more likely a typo or a citation range of another scheme;
# a span of up to 20 notes covers real "[3–7]" style citations.
_MAX_RANGE = 20
# A line is a heading (title, dateline, section name) when it is one short line that does not
# end like a sentence. 15 words covers the reference article's longest section title (8 words)
# with room, while its shortest body paragraph is one 40-word sentence.
_HEADING_MAX_WORDS = 15
# The first line of a web-page paste is often a label ("Insight Image", "Opinion"); a title has
# at least this many words.
_TITLE_MIN_WORDS = 3


#: Footnote marks at the end of a line (`[1]`, `[2, 3]`, `¹`), which say nothing of whether
#: the line ends like a sentence.
_TRAILING_MARKS_RE = re.compile(
    r"(?:\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:,[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*)+\Z"
)


def _is_heading(text: str) -> bool:
    """Whether a paragraph is one short line that does not end like a sentence; its footnote
    marks do not count ("Ridership reached 2.3 million.[1]" ends with its full stop)."""
    stripped = text.strip()
    if not stripped or "\n" in stripped:
        return False
    if len(stripped.split()) > _HEADING_MAX_WORDS:
        return False
    stripped = _TRAILING_MARKS_RE.sub("", stripped).rstrip()
    return stripped.rstrip('”’"»)]')[-1:] not in {".", "!", "?", ",", ";", ":"}


def plain_blocks(text: str) -> list[TextBlock]:
    """The paragraphs of `text` (runs of non-blank lines) as blocks with their file positions."""
    blocks: list[TextBlock] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        first = i
        while i < len(lines) and lines[i].strip():
            i += 1
        para = "\n".join(lines[first:i])
        blocks.append(
            TextBlock(text=para, anchors=(Anchor(0, first + 1, 1),), heading=_is_heading(para))
        )
    return blocks


def plain_title(blocks: Sequence[TextBlock]) -> str | None:
    """The first heading-like line of at least three words, else the first heading, else `None`."""
    headings = [b.text.strip() for b in blocks if b.heading]
    for h in headings:
        if len(h.split()) >= _TITLE_MIN_WORDS:
            return h
    return headings[0] if headings else None


def _marker_ids(body: str) -> list[str]:
    ids: list[str] = []
    for part in re.split(r"\s*,\s*", body):
        bounds = re.split(r"\s*[–-]\s*", part)
        if len(bounds) == 2:
            lo, hi = int(bounds[0]), int(bounds[1])
            if lo <= hi and hi - lo <= _MAX_RANGE:
                ids.extend(str(k) for k in range(lo, hi + 1))
                continue
        ids.extend(str(int(b)) for b in bounds)
    return ids


def strip_markers(
    block: TextBlock,
    known: set[str],
    source: str | None = None,
    *,
    superscripts: bool = False,
    unknown: bool = False,
) -> TextBlock:
    """`block` with its `[N]` markers for notes in `known` taken out and recorded as `Marker`s.

    With notes known, a `[N]` after punctuation for a note the list lacks is taken out and kept
    as a `Marker` for that note (see `ArticleParser.assemble`); one after a space is text, with
    a warning naming `source` and the line ("item [5] of the list" may be no marker). A
    bracketed number right after a word ("array[0]") is text. With `unknown` (the article has
    no notes list at all), a `[N]` after punctuation is kept as a marker all the same, so that
    `ArticleParser.assemble` warns about it instead of nothing being said; so is a superscript
    number right after punctuation (`said.¹`), the other way notes are marked.

    With `superscripts` (a notes list numbered `¹ ²`, or `1.` as Word pastes it), superscript
    digits after punctuation or after a word of three letters or more (`valley”.¹`, `million²`)
    are markers for notes in `known` too; after a short word or a digit (`m²`, `10⁶`) they are
    exponents.
    """
    text = block.text
    url_spans = [(s, e) for s, e, _ in find_url_spans(text)]
    removals: list[tuple[int, int, list[str]]] = []
    if superscripts or unknown:
        removals.extend(_superscript_markers(text, known, url_spans, unknown=unknown))
    for m in _MARKER_RE.finditer(text):
        if any(s <= m.start() < e for s, e in url_spans):
            continue
        ids = [i for i in _marker_ids(m.group(1)) if i in known]
        if ids:
            removals.append((m.start(), m.end(), ids))
            continue
        if _SHORT_MARKER_RE.fullmatch(m.group()) is None:
            continue  # `[2023]`: a long number names a note only when the list has it
        before = text[m.start() - 1] if m.start() else " "
        if (known or unknown) and before in _MARKER_AFTER:
            # A marker for a note the list lacks: taken out and kept as a marker, so its
            # sentence ends there and its claims go to no other note (`ArticleParser.assemble`
            # warns and leaves them out).
            removals.append((m.start(), m.end(), _marker_ids(m.group(1))))
        elif known and before.isspace():
            line, column = block.position(m.start())
            where = f"{source}:{line}:{column}" if source else f"line {line}, column {column}"
            logger.warning(
                "%s: %s may be a marker for a note the notes list lacks; it is read as text",
                where,
                m.group(),
            )
    if not removals:
        return block
    removals.sort(key=lambda r: r[0])
    parts: list[str] = []
    anchors: list[Anchor] = []
    markers: list[Marker] = list(block.markers)
    old_anchor_iter = iter(block.anchors)
    pending = next(old_anchor_iter, None)
    cursor = 0  # in the old text
    removed = 0  # characters taken out so far

    def keep_anchors(upto: int) -> None:
        nonlocal pending
        while pending is not None and pending.offset <= upto:
            anchors.append(Anchor(pending.offset - removed, pending.line, pending.column))
            pending = next(old_anchor_iter, None)

    for start, end, ids in removals:
        keep_anchors(start)
        parts.append(text[cursor:start])
        removed += end - start
        new_offset = end - removed
        markers.extend(Marker(new_offset, i) for i in ids)
        line, column = block.position(end)
        while pending is not None and pending.offset < end:  # anchors inside the marker
            pending = next(old_anchor_iter, None)
        anchors.append(Anchor(new_offset, line, column))
        cursor = end
    keep_anchors(len(text))
    parts.append(text[cursor:])
    dedup: dict[int, Anchor] = {}
    for a in anchors:
        dedup[a.offset] = a  # the later anchor at one offset is the more precise one
    return TextBlock(
        text="".join(parts),
        anchors=tuple(sorted(dedup.values(), key=lambda a: a.offset)),
        markers=tuple(sorted(markers, key=lambda mk: mk.offset)),
        links=block.links,
        heading=block.heading,
    )


_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789")
#: Superscript note numbers, several separated by commas ("¹,²").
_SUPERSCRIPT_MARKER_RE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?:,[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})*")
#: What a `<sup>` footnote mark follows in Markdown and HTML: sentence punctuation, a closing
#: quote or bracket.
_SUP_MARK_AFTER = frozenset(".,;:!?”’\"')]»")
#: A word before a superscript number that is a footnote mark rather than an exponent (`m²`).
_MIN_WORD_BEFORE_MARK = 3
_LAST_WORD_RE = re.compile(r"[^\W\d_]+$")
#: How much of the text before a superscript number `is_mark_position` needs to see.
_BEFORE_MARK_CHARS = 40


def is_mark_position(before: str, punctuation: frozenset[str] = _SUP_MARK_AFTER) -> bool:
    """Whether a note number right after `before` is a footnote mark rather than an exponent:
    it follows `punctuation` or a word of three letters or more (`valley”.¹`, `million²`);
    after a short word or a digit (`m²`, `10⁶`) it is an exponent."""
    if not before:
        return False
    if before[-1] in punctuation:
        return True
    word = _LAST_WORD_RE.search(before)
    return word is not None and len(word.group()) >= _MIN_WORD_BEFORE_MARK


def _superscript_markers(
    text: str,
    known: set[str],
    url_spans: Sequence[tuple[int, int]],
    *,
    unknown: bool = False,
) -> list[tuple[int, int, list[str]]]:
    """The superscript footnote marks in `text` for notes in `known`: `(start, end, ids)`.

    With `unknown` (the article has no notes list), a superscript number right after
    punctuation is a mark whatever its number, as `[N]` is in `strip_markers`; after a word it
    may be an exponent (`million²` is rare, `m²` common), so it is left alone then.
    """
    out: list[tuple[int, int, list[str]]] = []
    for m in _SUPERSCRIPT_MARKER_RE.finditer(text):
        if m.start() == 0 or any(s <= m.start() < e for s, e in url_spans):
            continue
        ids = [str(int(p.translate(_FROM_SUPERSCRIPT))) for p in m.group().split(",")]
        if unknown:
            if text[m.start() - 1] in _MARKER_AFTER:
                out.append((m.start(), m.end(), ids))
            continue
        ids = [i for i in ids if i in known]
        before = text[max(0, m.start() - _BEFORE_MARK_CHARS) : m.start()]
        if ids and is_mark_position(before, _MARKER_AFTER):
            out.append((m.start(), m.end(), ids))
    return out


def is_notes_heading(text: str) -> bool:
    """Whether `text` is a notes list's heading ("Notes", "References:", "## Endnotes")."""
    return _NOTES_HEADING_RE.fullmatch(text.strip()) is not None


#: The usual headings of a notes list in the languages claimcheck reads. A list under one is
#: read as notes only when the body cites its numbers, so a numbered "Sources" section of prose
#: stays text.
_NOTES_HEADINGS = (
    # English; French and Italian "notes", "note", "sources" are the same words.
    "foot ?notes?|end ?notes?|notes?|references?|sources?|citations?|works cited|bibliography"
    "|notes and references|references and notes"
    # German
    "|anmerkungen|einzelnachweise|quellen|quellenangaben|fu(?:ß|ss)noten|endnoten|belege"
    "|nachweise"
    # French, Spanish, Portuguese, Italian
    "|notes et références|références|notas|notas y referencias|referencias|fuentes"
    "|bibliografía|referências|notas e referências|fontes|riferimenti|note e riferimenti|fonti"
    "|bibliografia"
    # Dutch, Scandinavian
    "|noten|voetnoten|eindnoten|bronnen|bronvermelding|referenties|verwijzingen|noter"
    "|fotnoter|fodnoter|källor|kilder|referenser"
    # Polish, Czech, Russian, Ukrainian, Greek
    "|przypisy|źródła|odnośniki|poznámky|zdroje|примечания|сноски|источники|ссылки"
    "|примітки|джерела|посилання|σημειώσεις|παραπομπές|πηγές"
    # Turkish, Arabic, Hebrew
    "|notlar|dipnotlar|son ?notlar|kaynaklar|kaynakça|الهوامش|هوامش|المراجع|مراجع|المصادر"
    "|מקורות|הערות|הערות שוליים"
    # Japanese, Chinese, Korean
    "|注|註|注釈|註釈|脚注|出典|参考文献|參考文獻|注释|註釋|脚注|腳註|参考资料|參考資料|来源|來源"
    "|주석|각주|참고 ?문헌|출처"
)
_NOTES_HEADING_RE = re.compile(
    rf"(?:#{{1,6}}[ \t]*)?(?:{_NOTES_HEADINGS})[ \t]*[:：]?",
    re.IGNORECASE,
)
#: The first line of a note in a list numbered `1.` or `1)` (under a notes heading), or
#: `¹ ²` (superscript digits, as notes pasted from Word or a PDF start).
_NUMBERED_NOTE_RE = re.compile(r"^[ \t]*([0-9]{1,3})[.)][ \t]+(?=\S)", re.MULTILINE)
_SUPERSCRIPT_NOTE_RE = re.compile(r"^[ \t]*([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})[ \t.)]*(?=\S)", re.MULTILINE)


def _listed_notes(
    blocks: Sequence[TextBlock], source: str | None
) -> tuple[list[TextBlock], list[RawNote]] | None:
    """The body and the notes of an article whose notes list is numbered `1.`/`1)` under a
    "Notes"/"References" heading, or `¹`, `²` (with or without a heading); `None` when there
    is no such list, or when the body cites none of its notes (a numbered list in a section
    called "Sources" is then text).

    The list runs from its heading (or its first `¹` paragraph) to the end of the article; a
    note's number must follow on from the one before, so a line opening with another number
    ("2024. A year…") continues the note above.
    """
    first = -1
    pattern = _NUMBERED_NOTE_RE
    heading_lines = 0
    for k in range(len(blocks) - 1, -1, -1):
        first_line, _, rest = blocks[k].text.strip().partition("\n")
        if is_notes_heading(first_line):
            first, heading_lines = k, 1
            after = rest if rest else (blocks[k + 1].text if k + 1 < len(blocks) else "")
            if _SUPERSCRIPT_NOTE_RE.match(after):
                pattern = _SUPERSCRIPT_NOTE_RE
            break
    if first < 0:  # no heading: a trailing run of paragraphs opening with superscript numbers
        k = len(blocks)
        while k > 0 and _SUPERSCRIPT_NOTE_RE.match(blocks[k - 1].text):
            k -= 1
        if k == len(blocks) or k == 0:
            return None
        first, pattern = k, _SUPERSCRIPT_NOTE_RE
    raw: list[RawNote] = []
    previous: int | None = None
    for index in range(first, len(blocks)):
        block = blocks[index]
        text = block.text
        start = 0
        if index == first and heading_lines:
            newline = text.find("\n", len(text) - len(text.lstrip()))
            if newline < 0:
                continue
            start = newline + 1
        heads = _sequential(list(pattern.finditer(text, start)), previous)
        if not heads:
            if not raw:
                return None
            raw[-1] = _continued(raw[-1], block)
            continue
        if heads[0].start() > start and raw:
            lead = TextBlock(text[start : heads[0].start()].rstrip(), block.anchors)
            raw[-1] = _continued(raw[-1], lead)
        for k, head in enumerate(heads):
            end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
            line, column = block.position(head.start(1))
            links = [ln for ln in block.links if head.start() <= ln.start < end]
            raw.append(
                RawNote(
                    id=str(int(head.group(1).translate(_FROM_SUPERSCRIPT))),
                    line=line,
                    column=column,
                    text=text[head.end() : end].rstrip(),
                    urls=tuple(ln.url for ln in links),
                    url_offsets=tuple(ln.start - head.end() for ln in links),
                )
            )
        previous = int(raw[-1].id)
    if not raw:
        return None
    known = {r.id for r in raw}
    body = [strip_markers(b, known, source, superscripts=True) for b in blocks[:first]]
    if not any(m.note in known for b in body for m in b.markers):
        return None
    return body, raw


def _sequential(heads: Sequence[re.Match[str]], previous: int | None) -> list[re.Match[str]]:
    """The note starts among `heads` whose numbers follow on from `previous` one by one."""
    out: list[re.Match[str]] = []
    for m in heads:
        number = int(m.group(1).translate(_FROM_SUPERSCRIPT))
        if previous is None or number == previous + 1:
            out.append(m)
            previous = number
    return out


def _unknown_markers(blocks: Sequence[TextBlock], source: str | None) -> list[TextBlock]:
    """`blocks` of an article without a notes list, with `[N]` marks after punctuation kept as
    markers of notes the article lacks, and one warning saying which notes lists are read.

    Nothing could be checked against the notes; saying nothing made such an article report
    "0 notes, 0 claims" as if it had nothing to check. `ArticleParser.assemble` warns about
    each marker (with its line and column).
    """
    out = [strip_markers(b, set(), source, unknown=True) for b in blocks]
    found = [
        (b, m)
        for b, old in zip(out, blocks, strict=True)
        for m in b.markers
        if m not in old.markers
    ]
    if found:
        block, marker = found[0]
        line, column = block.position(marker.offset)
        where = f"{source}:{line}" if source else f"line {line}"
        logger.warning(
            "%s: the article has footnote markers ([%s] and %d more) but no notes list "
            "claimcheck can read: give the notes at the end as lines starting [1], [2], … "
            '(or ¹, ², …), or as a list numbered 1., 2., … under a "Notes" heading',
            where,
            marker.note,
            len(found) - 1,
        )
    return out


def _opening_number(text: str) -> str | None:
    """The `N` when a paragraph starts with `[N]`, or with a heading line and then `[N]`."""
    m = _NOTE_START_RE.match(text)
    if m:
        return m.group(1)
    heading, _, rest = text.partition("\n")
    m = _NOTE_START_RE.match(rest) if rest else None
    if (
        m is not None
        and len(heading.split()) <= _LIST_HEADING_MAX_WORDS
        and heading.strip().rstrip(":")[-1:] not in {".", "!", "?", ",", ";"}
    ):
        return m.group(1)
    return None


def _accepts(number: str, previous: int | None) -> bool:
    """Whether `[number]` starts a note, `previous` being the number of the note before it."""
    return len(number) <= _FREE_NOTE_DIGITS or (
        previous is not None and int(number) == previous + 1
    )


def _note_heads(text: str, previous: int | None) -> list[re.Match[str]]:
    """The `[N]` line starts in `text` that begin notes, after the note numbered `previous`."""
    heads: list[re.Match[str]] = []
    for m in _NOTE_START_RE.finditer(text):
        if _accepts(m.group(1), previous):
            heads.append(m)
            previous = int(m.group(1))
    return heads


def _note_starts(blocks: Sequence[TextBlock]) -> list[bool]:
    """For each block, whether it opens with a note (see `_opening_number`, `_accepts`)."""
    starts: list[bool] = []
    previous: int | None = None  # the last note number of the blocks just before
    for block in blocks:
        number = _opening_number(block.text)
        start = number is not None and _accepts(number, previous)
        starts.append(start)
        if start:
            heads = _note_heads(block.text, previous)
            previous = int(heads[-1].group(1)) if heads else previous
        elif not _continues_note(block):
            previous = None
    return starts


def _continues_note(block: TextBlock) -> bool:
    text = block.text
    return (
        text.count("\n") < _CONTINUATION_MAX_LINES
        and len(text) <= _CONTINUATION_MAX_CHARS
        and _SHORT_MARKER_RE.search(text) is None
    )


def split_notes_list(
    blocks: Sequence[TextBlock], source: str | None = None
) -> tuple[list[TextBlock], list[RawNote]]:
    """Split `[N]`-style blocks into the body (markers taken out) and the trailing notes list.

    Returns the blocks unchanged and no notes when no block starts with `[N]`. `source` names
    the article in warnings (see `strip_markers`).
    """
    starts = _note_starts(blocks)
    if not any(starts):
        listed = _listed_notes(blocks, source)
        if listed is not None:
            return listed
        return _unknown_markers(blocks, source), []
    last = max(i for i, s in enumerate(starts) if s)
    first = last
    while first > 0 and (
        starts[first - 1]
        or (first > 1 and starts[first - 2] and _continues_note(blocks[first - 1]))
    ):
        first -= 1
    raw: list[RawNote] = []
    previous: int | None = None
    for block in blocks[first : last + 1]:
        heads = _note_heads(block.text, previous)
        if heads:
            previous = int(heads[-1].group(1))
        if not heads and raw:  # a short paragraph between two notes: the first goes on
            raw[-1] = _continued(raw[-1], block)
            continue
        for k, head in enumerate(heads):
            end = heads[k + 1].start() if k + 1 < len(heads) else len(block.text)
            bracket = block.text.index("[", head.start())
            line, column = block.position(bracket)
            links = [ln for ln in block.links if head.start() <= ln.start < end]
            raw.append(
                RawNote(
                    id=str(int(head.group(1))),
                    line=line,
                    column=column,
                    text=block.text[head.end() : end],
                    urls=tuple(ln.url for ln in links),
                    url_offsets=tuple(ln.start - head.end() for ln in links),
                )
            )
    known = {r.id for r in raw}
    if len(blocks) > last + 1:
        logger.debug("ignoring %d block(s) after the notes list", len(blocks) - last - 1)
    body = [strip_markers(b, known, source) for b in blocks[:first]]
    return body, raw


def _continued(note: RawNote, block: TextBlock) -> RawNote:
    """`note` with the paragraph `block` appended to its text (and its links to its URLs)."""
    at = len(note.text) + 1
    return dataclasses.replace(
        note,
        text=note.text + "\n" + block.text,
        urls=note.urls + tuple(ln.url for ln in block.links),
        url_offsets=note.url_offsets + tuple(at + ln.start for ln in block.links),
    )


class PlainTextParser(ArticleParser):
    """Plain text (`.txt`) with `[N]` markers and a trailing notes list; UTF-8 only."""

    name = "text"

    def parse(self, data: bytes, source: str) -> Article:
        text = decode_text(data, source)
        blocks = plain_blocks(text)
        body, raw = split_notes_list(blocks, source)
        return self.assemble(source, plain_title(body), body, raw)
