"""HTML articles: footnote links, Word's `_ftn`/`_edn` anchors, note lists, inline links (SPEC §3.1).

Read with `lxml.html`. A footnote marker is an in-page link (`<a href="#…">`) that looks like one —
inside or around a `<sup>`, Word's `#_ftnN`/`#_ednN`, a `doc-noteref` role or `footnote-ref`
class, or a text such as `3` or `[3]` — and whose target comes *later* in the document (backlinks
from a note to its marker point backwards, so they are never mistaken for markers). The note is
the target's nearest block (`<li>`, `<p>`, `<aside>`, …; Word's `<div id=ftnN>` when present).
Lists inside `<ol class="footnotes">`, `<section class="footnotes">`, `<aside>`-style containers or
`doc-endnotes` regions are notes even when nothing links to them.

A note's id is the marker's text without brackets ("3", or "i" for Word's roman endnotes), else
the number in the target id (`fn3` → "3"), else the target id. Inline `<a href="http…">` links in
body paragraphs become `CitedLink`s.

An in-page link inside a note keeps its text unless it is the backlink to its marker; one to a
full citation (Wikipedia's short footnotes: `<a href="#CITEREFCarter2022">Carter 2022</a>, p. 45`
→ `<cite id="CITEREFCarter2022">… <a href="https://…">`) cites that citation's URL, and the
citation's entry is not read as body text. `<q>` quotations get the quotation marks a browser
draws. A block quotation whose note is in its `<footer>` (or its `<figure>`'s caption, or a
"— Name" line) gives that note to its paragraphs (`interface.block_quotation`). Google Docs'
redirect links (`https://www.google.com/url?q=…`) are unwrapped to their targets.

A page with no linked footnotes whose notes are a plain `<ol>` under a "Notes"/"References"
heading, cited in the body as `<sup>1</sup>`, `[1]` or `¹`, has that list read as its notes.

A marker whose target is missing from the page (`<sup><a href="#fn1">1</a></sup>` with no
`id="fn1"`) and a bare `<sup>1</sup>` after a word or punctuation are markers too: the reader sees
a footnote mark there. They name the note by their number; when the page has no such note,
`ArticleParser.assemble` warns and leaves the sentence unchecked, rather than letting it run on
into the next sentence and its note or reading the mark as a figure.

Links are resolved against `<base href>`, else against the page's own URL when the article was
given as one, so a note citing `<a href="report.html">` keeps its URL. A local file without
`<base>` gives such a link no address; it is warned about and left out of the note's URLs.

Lines are the source line of the element that holds the text (lxml's `sourceline`). Columns come
from finding each text in its source line (`_Doc.place`), entity by entity, from where the last
text on that line ended, so text after `<i>`, `<b>` or `&amp;` keeps its true column. The body is
`<main>` or `<article>` when the page has exactly one, so a fetched page's navigation and footer
do not become claims. A page with no linked footnotes but a trailing `[N]` notes list is read the
plain-text way.

The title is the page's `<title>`, else its first `<h1>`, else its first element of class
`title` (Google Docs' Title paragraph).

The article's date, which a note without its own access date is checked as of, is the page's
`<meta property="article:published_time">`, else JSON-LD `datePublished`, else a
`<meta itemprop="datePublished">`, else `<meta name="date">` (or `DC.date`, `dcterms.date`,
`citation_publication_date` and the like).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html as html_lib
import json
import logging
import re
import sys
from collections import deque
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from claimcheck.article.dates import first_date
from claimcheck.article.interface import (
    ArticleParser,
    BlockBuilder,
    block_quotation,
    unwrap_redirect,
)
from claimcheck.article.notes import RawNote
from claimcheck.article.plaintext import (
    is_mark_position,
    is_notes_heading,
    split_notes_list,
    strip_markers,
)
from claimcheck.claims.from_article import TextBlock
from claimcheck.encoding import decode_html
from claimcheck.errors import ArticleError
from claimcheck.model import Article

logger = logging.getLogger(__name__)

__all__ = ["HtmlParser"]

_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li blockquote dd dt td th figcaption caption pre div section article "
    "aside main header footer ol ul dl table tr tbody thead tfoot figure address details summary "
    "body html form fieldset hr".split()
)
# Leaf-ish blocks: their text is a paragraph of the body even if it sits beside other blocks.
_TEXT_BLOCKS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li blockquote dd dt td th figcaption caption pre address summary".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
#: Computer text: its quote marks are syntax, not quotations (`TextBlock.code`).
_CODE_TAGS = frozenset("code kbd samp pre tt".split())
_SKIP_TAGS = frozenset("script style noscript template svg math nav head iframe object".split())
_NOTE_CONTAINER_CLASSES = ("footnotes", "endnotes", "footnote-list", "notes")
_WORD_NOTE_RE = re.compile(r"^_?(?:ftn|edn)\d+$")
_WORD_NOTE_DIV_RE = re.compile(r"^(?:ftn|edn)\d+$")
_MARKER_TEXT_RE = re.compile(r"^\[?\(?\s*([0-9]{1,3}|[ivxlc]{1,6}|[a-z])\s*\)?\]?$", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Line breaks as lxml counts them for `sourceline` (not `str.splitlines`, which also breaks at
# U+2028, U+0085 and others that libxml2 treats as text).
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
# A character or entity reference as it may stand in the source for one character of text.
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
# How many characters of a text are looked up to place it; the rest is checked as it is walked.
_PROBE_CHARS = 16
# Bounds on looking a text up in its line (`_Doc._place_on`): places tried per search, text
# starts looked at per search, and how far before the last placed text a text is looked for.
_MAX_TRIES = 8
_MAX_STARTS = 512
_WINDOW = 8192
# The end of a tag and the spaces after it, where a text node may start.
_TEXT_START_RE = re.compile(r">[ \t\f]*(?=[^<\s])")
# A bare `<sup>` holding only a note number ("1", "[1]").
_BARE_SUP_RE = re.compile(r"^\s*\[?([0-9]{1,3})\]?\s*$")


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _classes(el: etree._Element) -> str:
    return (el.get("class") or "").lower()


def _ancestors(el: etree._Element) -> Iterator[etree._Element]:
    parent = el.getparent()
    while parent is not None:
        yield parent
        parent = parent.getparent()


def _is_marker_like(a: etree._Element, fragment: str) -> bool:
    if _WORD_NOTE_RE.match(fragment):
        return True
    if (a.get("role") or "").lower() == "doc-noteref":
        return True
    if any(c in _classes(a) for c in ("footnote-ref", "noteref", "fnref")):
        return True
    parent = a.getparent()
    if parent is not None and _tag(parent) == "sup":
        return True
    if any(_tag(d) == "sup" for d in a.iterdescendants()):
        return True
    return _MARKER_TEXT_RE.match(a.text_content().strip()) is not None


def _note_block(target: etree._Element) -> etree._Element:
    """The element holding the whole note that `target` (an id or Word `name`) belongs to."""
    el = target
    if _tag(el) not in _TEXT_BLOCKS | {"aside", "section", "div"}:
        for anc in _ancestors(el):
            if _tag(anc) in _BLOCK_TAGS:
                el = anc
                break
    parent = el.getparent()
    # Word wraps each note's paragraphs in <div id=ftn1>; take the whole note, not its first line.
    if (
        parent is not None
        and _tag(parent) == "div"
        and _WORD_NOTE_DIV_RE.match(parent.get("id", ""))
    ):
        return parent
    return el


def _note_id(marker_text: str, fragment: str) -> str:
    m = _MARKER_TEXT_RE.match(marker_text.strip())
    if m is not None:
        return m.group(1)
    digits = re.search(r"\d+", fragment)
    if digits is not None:
        return str(int(digits.group()))
    return fragment


class _Doc:
    """One parsed page: its elements in order, and the notes and markers found in it."""

    def __init__(
        self, root: etree._Element, text: str, source: str = "", base: str | None = None
    ) -> None:
        self.root = root
        self.source = source
        self.base = base
        self.lines = _LINE_BREAK_RE.split(text)
        # Per source line, the column (0-based) where the last text placed on it ended.
        self._cursor: dict[int, int] = {}
        self.order: dict[etree._Element, int] = {el: i for i, el in enumerate(root.iter())}
        self.targets: dict[str, etree._Element] = {}
        for el in root.iter():
            for attr in ("id", "name"):
                value = el.get(attr)
                if value and value not in self.targets:
                    self.targets[value] = el
        self.markers: dict[etree._Element, str] = {}  # marker <a> → note id
        self.notes: dict[etree._Element, str] = {}  # note element → note id
        dangling = self._find_linked_notes()
        self._find_listed_notes()
        self._keep_dangling(dangling)
        # In-page links from notes to full citations (Wikipedia's short footnotes): link →
        # the citation's URL (or `None`), and the citations' blocks, which are no body text.
        self.cited: dict[etree._Element, str | None] = {}
        self.citations: set[etree._Element] = set()
        self._find_citations()

    def _find_linked_notes(self) -> dict[etree._Element, str]:
        """Find linked markers and their notes; return markers whose target is missing."""
        dangling: dict[etree._Element, str] = {}
        for a in self.root.iter("a"):
            href = a.get("href") or ""
            if not href.startswith("#") or len(href) < 2:
                continue
            fragment = href[1:]
            target = self.targets.get(fragment)
            if target is None:
                if _is_dangling_marker(a, fragment):
                    dangling[a] = _note_id(a.text_content(), fragment)
                continue
            if not _is_marker_like(a, fragment):
                continue
            note = _note_block(target)
            # A backlink points back up the page; a marker points down to its note.
            if self.order[note] <= self.order[a] or self._inside_note(a):
                continue
            if note in _ancestors_set(a):
                continue
            note_id = self.notes.get(note) or _note_id(a.text_content(), fragment)
            self.notes.setdefault(note, note_id)
            self.markers[a] = note_id
        return dangling

    def _find_listed_notes(self) -> None:
        for el in self.root.iter():
            tag = _tag(el)
            role = (el.get("role") or "").lower()
            container = role in ("doc-endnotes", "doc-footnotes") or (
                tag in ("ol", "section", "aside", "div")
                and any(c in _classes(el).split() for c in _NOTE_CONTAINER_CLASSES)
            )
            if not container:
                continue
            items = [li for li in el.iter("li") if not any(a in self.notes for a in _ancestors(li))]
            start = int(el.get("start", "1")) if (el.get("start") or "").isdigit() else 1
            for k, li in enumerate(items):
                if li in self.notes:
                    continue
                li_id = li.get("id") or ""
                digits = re.search(r"\d+", li_id)
                self.notes[li] = str(int(digits.group())) if digits else str(start + k)

    def _keep_dangling(self, dangling: dict[etree._Element, str]) -> None:
        """Make markers of `dangling` (target missing) markers of the note their number names.

        When the page has that note (a listed note numbered so), the mark is read as citing it,
        with a warning about the broken link; otherwise `assemble` warns about the unknown note.
        """
        ids = set(self.notes.values())
        for a, note_id in dangling.items():
            if self.in_notes_area(a):
                continue
            self.markers[a] = note_id
            if note_id in ids:
                logger.warning(
                    "%s:%s: footnote link %s points to nothing in the page; reading it as note %s",
                    self.source,
                    a.sourceline,
                    a.get("href"),
                    note_id,
                )

    def _find_citations(self) -> None:
        """Follow each note's in-page links to full citations (`<cite id=CITEREF…>`).

        Wikipedia's short footnotes (`{{sfn}}`, Harvard style) read "<a href=#CITEREFCarter2022>
        Carter 2022</a>, p. 45." and give the source's URL only in a "Sources" list further
        down. The note's source is then that citation's first web link; the citation's entry is
        part of the notes, not body text (its title would be a claim of its own).
        """
        for note in self.notes:
            for a in note.iter("a"):
                href = (a.get("href") or "").strip()
                if not href.startswith("#") or len(href) < 2:
                    continue
                target = self.targets.get(href[1:])
                if target is None or not _is_citation(target, href[1:]):
                    continue
                holder = _note_block(target) if _tag(target) != "cite" else target
                url = next(
                    (
                        resolved
                        for link in holder.iter("a")
                        if (resolved := self.resolve(link.get("href") or "")) is not None
                    ),
                    None,
                )
                self.cited[a] = url
                if not self.in_notes_area(target):
                    self.citations.add(_note_block(target))

    def is_backlink(self, a: etree._Element, note: etree._Element | None) -> bool:
        """Whether an in-page link inside a note leads back to its marker (or to nothing, or
        back up into the body), rather than to another part of the page worth its text."""
        target = self.targets.get((a.get("href") or "").strip()[1:])
        if target is None or a in self.cited:
            return a not in self.cited
        if target in self.markers or any(el in self.markers for el in target.iter("a")):
            return True
        if any(anc in self.markers for anc in _ancestors(target)):
            return True
        if self.in_notes_area(target):  # "see note 3": the text says which
            return False
        return note is None or self.order[target] < self.order[note]

    def resolve(self, href: str) -> str | None:
        """The absolute http(s) URL of a link's `href`, or `None` (an in-page or mailto link)."""
        href = href.strip()
        if not href or href.startswith("#"):
            return None
        if _is_web(href):
            return unwrap_redirect(href)
        if urlsplit(href).scheme:  # mailto:, javascript:, file:, …
            return None
        if self.base is None:
            return None
        url = urljoin(self.base, href)
        return unwrap_redirect(url) if _is_web(url) else None

    def _inside_note(self, el: etree._Element) -> bool:
        return any(anc in self.notes for anc in _ancestors(el))

    def in_notes_area(self, el: etree._Element) -> bool:
        if el in self.notes:
            return True
        return any(anc in self.notes for anc in _ancestors(el))

    def in_citations(self, el: etree._Element) -> bool:
        """Whether `el` is (in) a full citation a note links to (`_find_citations`)."""
        if not self.citations:
            return False
        return el in self.citations or any(anc in self.citations for anc in _ancestors(el))

    # ----------------------------------------------------------------- positions

    def place(self, line: int, text: str) -> list[tuple[int, int, int]]:
        """Anchors `(offset, line, column)` of `text`, which starts on source `line` or near it.

        The text is looked up from where the last text placed on that line ended (so a second
        "1" or "." on a line is not taken for the first), then walked through the source: after
        each entity (`&amp;`, `&#8220;`) a new anchor keeps the columns that follow true. An
        empty list when the text cannot be found (the caller falls back to column 1).
        """
        for candidate in (line, line - 1, line + 1, line - 2, line + 2):
            if 1 <= candidate <= len(self.lines):
                anchors = self._place_on(candidate - 1, text)
                if anchors:
                    return anchors
        return []

    def _place_on(self, index: int, text: str) -> list[tuple[int, int, int]]:
        source_line = self.lines[index]
        probe = text.split("\n", 1)[0][:_PROBE_CHARS]
        if not probe:
            return []
        cursor = self._cursor.get(index, 0)
        # A text starts right after a tag (or comment) ends, or first on its line. Those places
        # are tried from where the last text on this line ended; then the text as written,
        # anywhere further on (past a long menu the body does not read, on a minified page's
        # one line); then places before the cursor (a nested block's text, walked after the
        # text around it). Each is bounded, so a text that does not follow its source (an
        # entity libxml2 decodes differently) costs little even on a line of a megabyte.
        first = len(source_line) - len(source_line.lstrip())
        searches = (
            _text_starts(source_line, cursor, len(source_line), first),
            _find_all(source_line, probe, cursor),
            _text_starts(source_line, max(0, cursor - _WINDOW), cursor, first),
        )
        for starts in searches:
            tries = 0
            for start in starts:
                if source_line[start] not in (probe[0], "&"):
                    continue
                walked = self._walk_source(index, start, text)
                if walked is not None and walked[1] >= len(probe):
                    anchors, _, (end_line, end_col) = walked
                    self._cursor[end_line] = end_col
                    return anchors
                tries += 1
                if tries >= _MAX_TRIES:
                    break
        return []

    def _walk_source(
        self, index: int, col: int, text: str
    ) -> tuple[list[tuple[int, int, int]], int, tuple[int, int]] | None:
        """Follow `text` through the source from line `index`, column `col` (both 0-based).

        Returns the anchors, how many characters of `text` matched, and where the match ended.
        """
        anchors = [(0, index + 1, col + 1)]
        line = self.lines[index]
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "\n":
                if col != len(line) or index + 1 >= len(self.lines):
                    break
                index, col, i = index + 1, 0, i + 1
                line = self.lines[index]
                continue
            if line.startswith("<!--", col):
                # A comment (Word's `<!--[if gte mso 9]>…<![endif]-->` too) is gone from the
                # parsed text: skip it, across lines if need be, and go on after it.
                skipped = self._skip_comment(index, col)
                if skipped is None:
                    break
                index, col = skipped
                line = self.lines[index]
                anchors.append((i, index + 1, col + 1))
                continue
            m = _ENTITY_RE.match(line, col) if col < len(line) and line[col] == "&" else None
            decoded = html_lib.unescape(m.group()) if m is not None else ""
            if m is not None and decoded != m.group() and text.startswith(decoded, i):
                i, col = i + len(decoded), m.end()
                anchors.append((i, index + 1, col + 1))
            elif col < len(line) and line[col] == ch:  # also a bare "&" that is text
                i, col = i + 1, col + 1
            else:
                break
        if i == 0:
            return None
        return anchors, i, (index, col)

    def _skip_comment(self, index: int, col: int) -> tuple[int, int] | None:
        """Where the comment starting at line `index`, column `col` ends (0-based), or `None`
        when it does not end within a few lines."""
        for k in range(index, min(len(self.lines), index + _COMMENT_LINES)):
            end = self.lines[k].find("-->", col + 4 if k == index else 0)
            if end >= 0:
                return k, end + 3
        return None

    def add_text(self, builder: BlockBuilder, text: str | None, line: int | None) -> None:
        if not text:
            return
        if line is None:
            builder.add(text)
            return
        lead = len(text) - len(text.lstrip())
        line += text[:lead].count("\n")
        body = text[lead:]
        if lead:
            builder.add(text[:lead])
        if not body:
            return
        anchors = self.place(line, body)
        if not anchors:
            builder.add(body, line, 1)
            return
        for k, (offset, at_line, column) in enumerate(anchors):
            end = anchors[k + 1][0] if k + 1 < len(anchors) else len(body)
            builder.add(body[offset:end], at_line, column)


#: How many source lines `_Doc._skip_comment` looks through for the end of a comment.
_COMMENT_LINES = 50


def _text_starts(line: str, lo: int, hi: int, first: int) -> Iterator[int]:
    """Where a text may start in `line[lo:hi]`: after a `>` and any spaces, or at `first` (the
    line's first non-space), in order; at most `_MAX_STARTS` of them."""
    if lo <= first < hi:
        yield first
    for _, m in zip(range(_MAX_STARTS), _TEXT_START_RE.finditer(line, lo, hi), strict=False):
        if m.end() != first:
            yield m.end()


def _find_all(line: str, probe: str, start: int) -> Iterator[int]:
    """Every index of `probe` in `line` from `start` on."""
    at = line.find(probe, start)
    while at >= 0:
        yield at
        at = line.find(probe, at + 1)


def _is_web(href: str) -> bool:
    return href.lower().startswith(("http://", "https://"))


def _is_dangling_marker(a: etree._Element, fragment: str) -> bool:
    """Whether an in-page link whose target is missing is still plainly a footnote mark.

    Stricter than `_is_marker_like`: with no target to check, its text must read as a note
    number and the markup must say "footnote" (a `<sup>`, a Word anchor, a noteref role/class).
    """
    if _MARKER_TEXT_RE.match(a.text_content().strip()) is None:
        return False
    parent = a.getparent()
    return (
        _WORD_NOTE_RE.match(fragment) is not None
        or (a.get("role") or "").lower() == "doc-noteref"
        or any(c in _classes(a) for c in ("footnote-ref", "noteref", "fnref"))
        or (parent is not None and _tag(parent) == "sup")
        or any(_tag(d) == "sup" for d in a.iterdescendants())
    )


def _bare_sup_note(sup: etree._Element, before: str) -> str | None:
    """The note number of a bare `<sup>1</sup>` footnote mark, or `None` (an exponent, …).

    A mark follows punctuation or a word; `10<sup>6</sup>`, `m<sup>2</sup>` and `x<sup>2</sup>`
    are exponents. Only a `<sup>` with nothing but a number (or `[number]`) in it counts.
    """
    if len(sup) or not before:
        return None
    m = _BARE_SUP_RE.match(sup.text or "")
    return str(int(m.group(1))) if m is not None and is_mark_position(before) else None


def _ancestors_set(el: etree._Element) -> set[etree._Element]:
    return set(_ancestors(el))


def _tail_line(child: etree._Element) -> int | None:
    """The source line where `child`'s tail text starts (lxml only records start tags)."""
    tail = child.tail or ""
    nxt = child.getnext()
    if nxt is not None and nxt.sourceline is not None:
        line: int = int(nxt.sourceline) - tail.count("\n")
        return max(line, 1)
    if child.sourceline is None:
        return None
    start: int = int(child.sourceline)
    return start + str(child.text_content()).count("\n")


def _walk(
    doc: _Doc,
    el: etree._Element,
    builder: BlockBuilder,
    note_mode: bool,
    note: etree._Element | None = None,
) -> None:
    """Append `el`'s inline content to `builder`; nested blocks are left to their own turn.

    In `note_mode` (reading `note`), nested blocks are read too, backlinks are dropped and web
    links are recorded as the note's URLs; an in-page link to a full citation (`<a
    href=#CITEREF…>Carter 2022</a>`) keeps its text and cites the citation's URL. A `<q>`
    quotation is given the quotation marks a browser draws around it.
    """
    doc.add_text(builder, el.text, el.sourceline)
    for child in el:
        tag = _tag(child)
        href = (child.get("href") or "").strip() if tag == "a" else ""
        url = doc.resolve(href) if href else None
        if not tag:
            pass
        elif child in doc.markers:
            if not note_mode:
                builder.marker(doc.markers[child])
        elif tag in _SKIP_TAGS:
            pass
        elif tag == "br":
            builder.add("\n")
        elif not note_mode and (tag in _BLOCK_TAGS or child in doc.notes):
            pass
        elif note_mode and "mw-cite-backlink" in _classes(child):
            pass  # Wikipedia's "^ a b" backlinks to the note's markers
        elif note_mode and tag == "a" and href.startswith("#"):
            if not doc.is_backlink(child, note):  # else the backlink to its marker ("↩")
                cited = doc.cited.get(child)
                if cited is not None:
                    builder.open_link(cited)
                _walk(doc, child, builder, note_mode, note)
                builder.close_link()
        elif tag in _CODE_TAGS:
            builder.open_code()
            _walk(doc, child, builder, note_mode, note)
            builder.close_code()
        elif tag == "q":
            depth = sum(1 for anc in _ancestors(child) if _tag(anc) == "q")
            opening, closing = ("‘", "’") if depth % 2 else ("“", "”")
            builder.add(opening)
            _walk(doc, child, builder, note_mode, note)
            builder.add(closing)
        elif not note_mode and tag == "sup" and (note := _bare_sup_note(child, builder.tail(40))):
            builder.marker(note)
        elif url is not None:
            builder.open_link(url)
            _walk(doc, child, builder, note_mode, note)
            builder.close_link()
        else:
            if note_mode and href and not href.startswith("#") and doc.base is None:
                if not urlsplit(href).scheme:
                    logger.warning(
                        "%s:%s: a note links to the relative URL %r, which has no address "
                        "without the page's own: it is not checked (add <base href> to the "
                        "page, or give the article as its URL)",
                        doc.source,
                        child.sourceline,
                        href,
                    )
            _walk(doc, child, builder, note_mode, note)
        if child.tail:
            doc.add_text(builder, child.tail, _tail_line(child))


def _is_citation(target: etree._Element, fragment: str) -> bool:
    """Whether an in-page link's target is a full citation: a `<cite>`, Wikipedia's
    `CITEREF…` anchors, or an element of class `citation`."""
    return (
        _tag(target) == "cite"
        or fragment.startswith("CITEREF")
        or "citation" in _classes(target).split()
    )


def _quotation_of(el: etree._Element) -> etree._Element | None:
    """The block quotation `el` belongs to: its `<blockquote>`, or the `<blockquote>` of the
    `<figure>` whose caption it is (`<figure><blockquote>…</blockquote><figcaption>— Name</figcaption>`)."""
    for anc in (el, *_ancestors(el)):
        tag = _tag(anc)
        if tag == "blockquote":
            return anc
        if tag == "figure":
            return anc.find(".//blockquote")
    return None


def _is_attribution_element(el: etree._Element, quotation: etree._Element) -> bool:
    """Whether `el` is marked up as its quotation's attribution: a `<footer>`, `<figcaption>`
    or `<cite>` (or inside one) within the quotation."""
    for anc in (el, *_ancestors(el)):
        if anc is quotation:
            return False
        if _tag(anc) in ("footer", "figcaption", "cite"):
            return True
    return False


def _has_own_text(el: etree._Element) -> bool:
    if (el.text or "").strip():
        return True
    return any((c.tail or "").strip() for c in el)


def _base_url(root: etree._Element, source: str) -> str | None:
    """What relative links are resolved against: `<base href>` (itself resolved against the
    page's URL), else the page's URL when the article was given as one; `None` for a local file
    without `<base>`."""
    base = source if _is_web(source) else None
    for el in root.iter("base"):
        href = (el.get("href") or "").strip()
        if href:
            base = urljoin(base, href) if base else href
            break
    return base if base is not None and _is_web(base) else None


# `<meta name=…>` values that give a page's publication date, after the more specific sources.
_DATE_META_NAMES = (
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "pubdate",
    "publish-date",
    "publish_date",
    "publication_date",
)
# How much JSON-LD is read looking for `datePublished`: a page's metadata is a few kilobytes.
_MAX_JSON_LD_CHARS = 1_000_000


def _meta_values(root: etree._Element) -> dict[str, str]:
    """`<meta>` contents by their lower-cased `property`, `name` or `itemprop`, first one kept."""
    values: dict[str, str] = {}
    for el in root.iter("meta"):
        content = (el.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (el.get(attr) or "").strip().lower()
            if key:
                values.setdefault(f"{attr}:{key}", content)
    return values


def _json_ld_date(root: etree._Element) -> str | None:
    """The first `datePublished` in the page's JSON-LD blocks (through `@graph` and lists)."""
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = el.text or ""
        if len(text) > _MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        queue: deque[object] = deque([data])
        while queue:
            item = queue.popleft()
            if isinstance(item, list):
                queue.extend(item)
            elif isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and value.strip():
                    return value
                queue.extend(v for v in item.values() if isinstance(v, dict | list))
    return None


def _page_date(root: etree._Element, source: str) -> dt.date | None:
    """The article's date as the page states it (see the module docstring), or `None`."""
    meta = _meta_values(root)
    candidates = [
        (
            "article:published_time",
            meta.get("property:article:published_time") or meta.get("name:article:published_time"),
        ),
        ("JSON-LD datePublished", _json_ld_date(root)),
        ("itemprop datePublished", meta.get("itemprop:datepublished")),
    ]
    candidates += [(f"meta {name}", meta.get(f"name:{name}")) for name in _DATE_META_NAMES]
    return first_date(candidates, source)


def _body_root(root: etree._Element) -> etree._Element:
    for tag in ("main", "article"):
        found = list(root.iter(tag))
        if len(found) == 1:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


def _read_heading_list(
    doc: _Doc,
    body: etree._Element,
    blocks: list[TextBlock],
    elements: list[etree._Element],
    source: str,
) -> list[int] | None:
    """Read a plain `<ol>` under a "Notes"/"References" heading as the notes, on a page with
    no linked footnotes whose body cites its numbers (`<sup>1</sup>`, `[1]`, `¹`).

    CMS editors often type the marks and number the notes as a list; the list's items were
    read as body paragraphs. When the list is the notes, its items go into `doc.notes`, the
    `[1]`/`¹` marks in `blocks` are taken out (in place) and the indices of the blocks that
    stay in the body are returned; else `None` and nothing changes.
    """
    lists = [
        ol
        for ol in body.iter("ol")
        if (heading := ol.getprevious()) is not None
        and _tag(heading) in _HEADINGS | {"p"}
        and is_notes_heading(heading.text_content())
    ]
    if not lists:
        return None
    ol = lists[-1]
    start = int(ol.get("start", "1")) if (ol.get("start") or "").isdigit() else 1
    items = {li: str(start + k) for k, li in enumerate(li for li in ol if _tag(li) == "li")}
    known = set(items.values())
    kept = [k for k, el in enumerate(elements) if el is not ol and ol not in _ancestors_set(el)]
    stripped = {k: strip_markers(blocks[k], known, source, superscripts=True) for k in kept}
    if not any(m.note in known for b in stripped.values() for m in b.markers):
        return None
    for k, block in stripped.items():
        blocks[k] = block
    doc.notes.update(items)
    return kept


def _block_quotations(
    blocks: list[TextBlock], quoted: list[tuple[etree._Element | None, bool]]
) -> list[TextBlock]:
    """`blocks` with each block quotation's note carried to its paragraphs (`block_quotation`).

    The blocks of one quotation are consecutive (the page is read in document order).
    """
    out: list[TextBlock] = []
    k = 0
    while k < len(blocks):
        quotation = quoted[k][0]
        end = k + 1
        while quotation is not None and end < len(blocks) and quoted[end][0] is quotation:
            end += 1
        if quotation is None:
            out.append(blocks[k])
        else:
            out.extend(block_quotation(blocks[k:end], attribution=quoted[end - 1][1]))
        k = end
    return out


def _class_title(body: etree._Element) -> str | None:
    """The text of the first element of class `title` (Google Docs marks its Title style so,
    on a `<p>`, and writes no `<title>`), or `None`."""
    for el in body.iter():
        if isinstance(el.tag, str) and "title" in _classes(el).split():
            text = " ".join(el.text_content().split())
            if text:
                return text
    return None


#: How deep libxml2 nests elements with `huge_tree` before it stops reading.
_MAX_DEPTH = 2048


@contextlib.contextmanager
def _recursion_for(depth: int) -> Iterator[None]:
    """Room on Python's stack for reading a tree `depth` elements deep: `_walk` recurses into
    each inline element, and unclosed inline tags nest (the default limit is 1,000 calls)."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, 4 * depth + 1000))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


class HtmlParser(ArticleParser):
    """HTML (`.html`, `.htm`, or a fetched page) with linked footnotes, note lists or `[N]` notes."""

    name = "html"

    def parse(self, data: bytes, source: str) -> Article:
        """Parse a page read from `source`; relative links resolve against `<base href>`, else
        `page_url` (where a fetched page was finally served from, after redirects), else
        `source` when it is a URL."""
        text = _XML_DECL_RE.sub("", decode_html(data))
        text = _CONTROL_RE.sub("", text)
        if not text.strip():
            raise ArticleError("the article is empty", path=source)
        # `huge_tree`: without it libxml2 stops nesting at 256 levels and drops the rest of the
        # page without an error, and a legacy page with a few hundred unclosed `<font>` or
        # `<div>` tags in its menu then has no body at all. With it the limit is 2,048, which
        # such a page does not reach; one that does is refused rather than read in part.
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
        try:
            root = lxml.html.document_fromstring(text, parser=parser)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
            raise ArticleError(f"cannot parse HTML ({exc})", path=source) from None
        for entry in parser.error_log:
            if "Excessive depth" in entry.message:
                raise ArticleError(
                    f"elements nest more than {_MAX_DEPTH:,} deep here (unclosed tags?); "
                    "the rest of the article cannot be read",
                    path=source,
                    line=entry.line or None,
                )
        with _recursion_for(_MAX_DEPTH):
            return self._read(root, text, source)

    def _read(self, root: etree._Element, text: str, source: str) -> Article:
        doc = _Doc(root, text, source, _base_url(root, self.page_url or source))

        title: str | None = None
        title_el = root.find(".//title")
        if title_el is not None and title_el.text_content().strip():
            title = " ".join(title_el.text_content().split())

        blocks: list[TextBlock] = []
        # Per block, the block quotation it is part of and whether it is its attribution.
        quoted: list[tuple[etree._Element | None, bool]] = []
        elements: list[etree._Element] = []  # the element each block was read from
        body = _body_root(root)
        # A `<nav>` holding a footnote marker is no menu: libxml2 keeps the elements a menu left
        # open (`<div>` after `<div>`, never closed) open past `</nav>`, where a browser closes
        # them, and the article after the menu ends up inside the `<nav>`.
        in_article = {
            anc
            for marker in doc.markers
            for anc in _ancestors(marker)
            if _tag(anc) == "nav" and not doc.in_notes_area(marker)
        }
        for el in body.iter():
            tag = _tag(el)
            if not tag or doc.in_notes_area(el) or doc.in_citations(el):
                continue
            if tag in _SKIP_TAGS and el not in in_article:
                continue
            if any(_tag(a) in _SKIP_TAGS and a not in in_article for a in _ancestors(el)):
                continue
            if tag not in _TEXT_BLOCKS and tag not in _BLOCK_TAGS:
                continue  # inline: read with its block
            quotation = _quotation_of(el)
            if tag not in _TEXT_BLOCKS and not (
                tag in _BLOCK_TAGS
                and (_has_own_text(el) or (tag == "footer" and quotation is not None))
            ):
                continue
            builder = BlockBuilder()
            inside_code = tag in _CODE_TAGS or any(_tag(a) in _CODE_TAGS for a in _ancestors(el))
            if inside_code:
                builder.open_code()  # a `<pre>` block is computer text as a whole
            _walk(doc, el, builder, note_mode=False)
            block = builder.build(heading=tag in _HEADINGS)
            if block is None:
                continue
            if title is None and tag == "h1":
                title = " ".join(block.text.split())
            blocks.append(block)
            attributed = quotation is not None and _is_attribution_element(el, quotation)
            quoted.append((quotation, attributed))
            elements.append(el)
        if not doc.notes:
            kept = _read_heading_list(doc, body, blocks, elements, source)
            if kept is not None:
                blocks = [blocks[k] for k in kept]
                quoted = [quoted[k] for k in kept]
        blocks = _block_quotations(blocks, quoted)
        if title is None:
            title = _class_title(body)

        raw: list[RawNote] = []
        for note_el, note_id in sorted(doc.notes.items(), key=lambda kv: doc.order[kv[0]]):
            builder = BlockBuilder()
            _walk(doc, note_el, builder, note_mode=True, note=note_el)
            built = builder.build()
            links = built.links if built is not None else ()
            raw.append(
                RawNote(
                    id=note_id,
                    line=int(note_el.sourceline or 1),
                    text=built.text if built is not None else "",
                    urls=tuple(link.url for link in links),
                    url_offsets=tuple(link.start for link in links),
                )
            )
        if not raw:
            blocks, raw = split_notes_list(blocks, source)
        return self.assemble(source, title, blocks, raw, _page_date(root, source))
