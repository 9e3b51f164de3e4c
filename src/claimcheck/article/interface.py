"""The `ArticleParser` interface and what every parser shares.

A parser turns the bytes of one article into `TextBlock`s (the body, markers taken out) and
`RawNote`s (the notes list), then calls `ArticleParser.assemble`, which resolves the notes
(`claimcheck.article.notes`) and finds the claims (`claimcheck.claims.from_article`). So all four
formats report notes and claims by the same rules; only the reading differs. A parser made with
`find_claims=False` (for `claimcheck links`, which reports URLs only) skips the claims.

`BlockBuilder` is the helper the structured formats (Markdown, HTML, DOCX) use to build a block
piece by piece while keeping the offset → line/column map.
"""

from __future__ import annotations

import abc
import bisect
import codecs
import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

from claimcheck.article.notes import RawNote, build_notes
from claimcheck.claims.from_article import (
    Anchor,
    LinkSpan,
    Marker,
    TextBlock,
    extract_claims,
    find_quotes,
)
from claimcheck.errors import ArticleError
from claimcheck.model import Article, CitedLink, Claim, Uncited

logger = logging.getLogger(__name__)

__all__ = [
    "ArticleParser",
    "BlockBuilder",
    "block_quotation",
    "decode_text",
    "is_attribution",
    "unwrap_redirect",
]


class ArticleParser(abc.ABC):
    """Reads one article format into an `Article`; bad input raises `ArticleError`."""

    #: The format name used by `claimcheck.article.format_for` ("text", "markdown", …).
    name: str = ""
    #: Whether `assemble` finds the claims and uncited sentences. `claimcheck links` turns it
    #: off: it fetches the notes' and inline links' URLs only, and claim finding is about half
    #: of parsing a long article.
    find_claims: bool = True
    #: Where a fetched article was finally served from (after redirects), when that differs
    #: from the source named: what its relative links resolve against (HTML).
    page_url: str | None = None

    @abc.abstractmethod
    def parse(self, data: bytes, source: str) -> Article:
        """Parse `data` (the whole file) read from `source` (a path, URL or "-")."""

    def assemble(
        self,
        source: str,
        title: str | None,
        blocks: Sequence[TextBlock],
        raw_notes: Sequence[RawNote],
        published: dt.date | None = None,
    ) -> Article:
        """Resolve the notes, find the claims and inline links, and build the `Article`.

        `published` is the article's own date as the file gives it (Markdown front matter, an
        HTML `<meta>`): the date a note without its own access date is checked as of.

        A parser emits a `Marker` even for a note the article does not define (a `[^x]` with no
        `[^x]:`, a link to a missing `#fn1`, a Word reference with no footnote): the marker still
        ends its sentence's claim to any *other* note. Such markers are warned about here, and
        the claims they would carry are not made (`extract_claims` with `known`): guessing
        another note is the misattribution the marker is there to prevent.
        """
        notes = build_notes(raw_notes, source)
        known = {n.id for n in notes}
        for block in blocks:
            for marker in block.markers:
                if marker.note not in known:
                    line, column = _marker_position(block, marker)
                    logger.warning(
                        "%s:%d:%d: footnote marker for note %s, which the article does not "
                        "define; its sentence is not checked",
                        source,
                        line,
                        column,
                        marker.note,
                    )
        claims: Sequence[Claim] = ()
        uncited: Sequence[Uncited] = ()
        if self.find_claims:
            claims, uncited = extract_claims(blocks, article=source, known=known)
        links: list[CitedLink] = []
        for block in blocks:
            for link in block.links:
                line, column = block.position(link.start)
                text = " ".join(block.text[link.start : link.end].split())
                links.append(CitedLink(url=link.url, line=line, column=column, text=text))
        return Article(
            source=source,
            title=title,
            notes=notes,
            claims=tuple(claims),
            links=tuple(links),
            uncited=tuple(uncited),
            published=published,
        )


def _marker_position(block: TextBlock, marker: Marker) -> tuple[int, int]:
    """Where a marker sat in the file: just after the character before it, when there is one.

    `marker.offset` is where the text resumes, which is past the removed marker in the file.
    """
    offset = marker.offset
    if 0 < offset <= len(block.text) and block.text[offset - 1] != "\n":
        line, column = block.position(offset - 1)
        return line, column + 1
    return block.position(offset)


class BlockBuilder:
    """Builds one `TextBlock` from pieces of text, each placed at its line and column."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._anchors: list[Anchor] = []
        self._markers: list[Marker] = []
        self._links: list[LinkSpan] = []
        self._link_start: int | None = None
        self._link_url = ""
        self._code: list[tuple[int, int]] = []
        self._code_start: int | None = None
        self._code_depth = 0

    @property
    def length(self) -> int:
        return self._length

    def add(self, text: str, line: int | None = None, column: int = 1) -> None:
        """Append `text`; when `line` is given, it starts at `line`/`column` of the file."""
        if not text:
            return
        if line is not None:
            if self._anchors and self._anchors[-1].offset == self._length:
                self._anchors[-1] = Anchor(self._length, line, column)
            else:
                self._anchors.append(Anchor(self._length, line, column))
        elif not self._anchors:
            self._anchors.append(Anchor(0, 1, 1))
        self._parts.append(text)
        self._length += len(text)

    def tail(self, size: int) -> str:
        """The last `size` characters of the text so far (what a marker would follow)."""
        out = ""
        for part in reversed(self._parts):
            out = part + out
            if len(out) >= size:
                break
        return out[-size:]

    def marker(self, note: str) -> None:
        """Record a footnote marker for `note` at the current end of the text."""
        self._markers.append(Marker(self._length, note))

    def marker_at(self, offset: int, note: str) -> None:
        """Record a marker for `note` at an earlier `offset` (when ids are known only later)."""
        # insort, not append-and-sort: DOCX places every marker of a paragraph this way, and a
        # sort per marker made a paragraph with thousands of note references quadratic.
        marker = Marker(min(max(offset, 0), self._length), note)
        bisect.insort_right(self._markers, marker, key=lambda m: m.offset)

    def open_link(self, url: str) -> None:
        """Start an inline link to `url` (nested links keep the outer one)."""
        if self._link_start is None:
            self._link_start = self._length
            self._link_url = url

    def close_link(self) -> None:
        """End the current inline link; an empty link text records nothing."""
        if self._link_start is not None and self._length > self._link_start:
            self._links.append(LinkSpan(self._link_start, self._length, self._link_url))
        self._link_start = None

    def open_code(self) -> None:
        """Start computer text (a `code` span, `<pre>`, `<kbd>`): its quote marks are syntax,
        not quotations (`TextBlock.code`). Nested code stays one span."""
        if self._code_depth == 0:
            self._code_start = self._length
        self._code_depth += 1

    def close_code(self) -> None:
        """End the computer text `open_code` started."""
        if self._code_depth == 0:
            return
        self._code_depth -= 1
        if self._code_depth == 0 and self._code_start is not None:
            if self._length > self._code_start:
                self._code.append((self._code_start, self._length))
            self._code_start = None

    def build(self, *, heading: bool = False) -> TextBlock | None:
        """The block, or `None` when it holds only whitespace (its markers, if any, are dropped)."""
        self.close_link()
        while self._code_depth:
            self.close_code()
        text = "".join(self._parts)
        if not text.strip():
            return None
        return TextBlock(
            text=text,
            anchors=tuple(self._anchors) or (Anchor(0, 1, 1),),
            markers=tuple(self._markers),
            links=tuple(self._links),
            heading=heading,
            code=tuple(self._code),
        )


def decode_text(data: bytes, source: str) -> str:
    """Decode a plain-text or Markdown article: UTF-8 (BOM allowed) or BOM-marked UTF-16.

    Anything else raises `ArticleError` naming `source`, with a hint to re-save as UTF-8: guessing
    a legacy code page would silently garble the very quotations we are asked to check.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"not valid UTF-16 text ({exc.reason})", path=source) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ArticleError(
            f"not UTF-8 text (column {column}, byte {exc.start}: {exc.reason})",
            path=source,
            line=line,
            hint="save the article as UTF-8, or pass a .docx/.html file with its own encoding",
        ) from None
    if "\x00" in text:
        raise ArticleError("binary data, not a text article", path=source)
    if not text.strip():
        raise ArticleError("the article is empty", path=source)
    return text


# --------------------------------------------------------------------------- link redirectors

#: Hosts of Google's click redirector (`https://www.google.com/url?q=REAL&sa=D&…`), which a
#: Google Docs "Download → Web page" export wraps around every link.
_GOOGLE_REDIRECT_HOSTS = frozenset({"www.google.com", "google.com"})


def unwrap_redirect(url: str) -> str:
    """The real target of a Google redirector link, or `url` unchanged.

    Only that exact shape is unwrapped: host `www.google.com`, path `/url`, an `sa=` parameter
    and a `q=` parameter that is itself an http(s) URL (URL-decoded, so `…%3Fyear%3D2024` is
    `…?year=2024`). Fetching the wrapper checks the quote against Google's "you are being
    redirected" notice, and a note showing the real URL as its text would cite it twice.
    """
    if "google.com/url?" not in url:  # cheap test first: this runs for every link
        return url
    parts = urlsplit(url)
    if parts.hostname not in _GOOGLE_REDIRECT_HOSTS or parts.path != "/url":
        return url
    query = parse_qs(parts.query)
    targets = query.get("q", [])
    if "sa" not in query or len(targets) != 1:
        return url
    target = targets[0].strip()
    return target if target.lower().startswith(("http://", "https://")) else url


# --------------------------------------------------------------------------- block quotations

#: An attribution line under a block quotation: a dash (em, en, horizontal bar, hyphen or two
#: hyphens) or a tilde, then the name ("— Minister of Transport", "-- Auditor General").
_ATTRIBUTION_RE = re.compile(r"\A\s*(?:[—―–~]|--?)\s*[^\W\d_]")
#: An attribution is a name and perhaps a title or a date, not a paragraph.
_ATTRIBUTION_MAX_CHARS = 200
#: Quotation marks put around an unquoted block quotation, the first pair the text does not use
#: itself (its own marks would end the added quotation early).
_WRAP_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"))


def is_attribution(text: str) -> bool:
    """Whether `text` reads as a block quotation's attribution line ("— Name")."""
    stripped = text.strip()
    return len(stripped) <= _ATTRIBUTION_MAX_CHARS and _ATTRIBUTION_RE.match(stripped) is not None


def block_quotation(blocks: Sequence[TextBlock], *, attribution: bool = False) -> list[TextBlock]:
    """The paragraphs of one block quotation, with the note of the quotation on each.

    A block quotation's note is usually on its last line: an attribution line (`> — Name[^1]`,
    HTML `<footer>— Name<sup>1</sup></footer>`; `attribution` says the markup marks the last
    block as one), either a paragraph of its own or the last line of the quotation's last
    paragraph, or else the end of the quotation itself. The quoted paragraphs before it carry
    no marker, so they would go unchecked (an attribution paragraph holds no claim). Here each
    quoted paragraph without markers of its own gets the markers of the last line at its end,
    and, being a quotation, is put in quotation marks when it does not open with its own
    (SPEC §3.2). A last paragraph with a marker inside its text is no such quotation: the
    blocks are returned as they are.
    """
    if not blocks or not blocks[-1].markers:
        return list(blocks)
    last = blocks[-1]
    notes = list(dict.fromkeys(m.note for m in last.markers))
    if attribution or is_attribution(last.text):
        return [*_carry(blocks[:-1], notes), last]
    tail = len(last.text.rstrip())
    line_start = last.text.rfind("\n", 0, tail) + 1
    if 0 < line_start and is_attribution(last.text[line_start:]):
        end = line_start
    else:
        end = tail
    if any(m.offset < end for m in last.markers):
        return list(blocks)
    return [*_carry(blocks[:-1], notes), _quoted(last, end, ())]


def _carry(quoted: Sequence[TextBlock], notes: Sequence[str]) -> list[TextBlock]:
    """Each of `quoted` in quotation marks with markers for `notes` at its end, unless it has
    markers of its own (it then already says which note it quotes)."""
    return [
        block if block.markers or block.heading else _quoted(block, len(block.text), notes)
        for block in quoted
    ]


def _quoted(block: TextBlock, end: int, notes: Sequence[str]) -> TextBlock:
    """`block` with `text[:end]` put in quotation marks (unless it opens with its own), and
    markers for `notes` placed right after it."""
    text = block.text
    start = len(text) - len(text.lstrip())
    end = max(start, min(end, len(text)))
    while end > start and text[end - 1].isspace():
        end -= 1
    quotes = find_quotes(text[:end])
    pair = next((p for p in _WRAP_PAIRS if p[0] not in text and p[1] not in text), None)
    if end <= start or pair is None or (quotes and quotes[0].start == start):
        added = tuple(Marker(end, n) for n in notes)
        if not added:
            return block
        return replace(
            block, markers=tuple(sorted((*block.markers, *added), key=lambda m: m.offset))
        )
    opening, closing = pair

    def shift(offset: int) -> int:
        """Where an offset of the old text is in the new one: the text from `start` on moves
        past the opening mark, and from `end` on past the closing mark too."""
        if offset < start:
            return offset
        return offset + 1 if offset < end else offset + 2

    def shift_end(offset: int) -> int:
        """Like `shift`, for the end of a span: one ending at `end` stays inside the marks."""
        return offset + 1 if start < offset <= end else shift(offset)

    anchors = {shift(a.offset): Anchor(shift(a.offset), a.line, a.column) for a in block.anchors}
    # The opening mark stands where the quotation starts in the file; the text after the closing
    # mark resumes where it did.
    anchors.setdefault(start + 1, Anchor(start + 1, *block.position(start)))
    anchors[start] = Anchor(start, *block.position(start))
    anchors.setdefault(end + 2, Anchor(end + 2, *block.position(end)))
    markers = [Marker(shift(m.offset), m.note) for m in block.markers]
    markers.extend(Marker(end + 2, n) for n in notes)
    return TextBlock(
        text=text[:start] + opening + text[start:end] + closing + text[end:],
        anchors=tuple(sorted(anchors.values(), key=lambda a: a.offset)),
        markers=tuple(sorted(markers, key=lambda m: m.offset)),
        links=tuple(LinkSpan(shift(ln.start), shift_end(ln.end), ln.url) for ln in block.links),
        heading=block.heading,
        code=tuple((shift(a), shift_end(b)) for a, b in block.code),
    )
