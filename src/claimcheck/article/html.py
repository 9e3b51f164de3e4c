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

Lines are the source line of the element that holds the text (lxml's `sourceline`); columns are
found by looking the text up in that source line, and are approximate where entities or tags
precede it on the line. The body is `<main>` or `<article>` when the page has exactly one, so a
fetched page's navigation and footer do not become claims. A page with no linked footnotes but a
trailing `[N]` notes list is read the plain-text way.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from claimcheck.article.interface import ArticleParser, BlockBuilder
from claimcheck.article.notes import RawNote
from claimcheck.article.plaintext import split_notes_list
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
_SKIP_TAGS = frozenset("script style noscript template svg math nav head iframe object".split())
_NOTE_CONTAINER_CLASSES = ("footnotes", "endnotes", "footnote-list", "notes")
_WORD_NOTE_RE = re.compile(r"^_?(?:ftn|edn)\d+$")
_WORD_NOTE_DIV_RE = re.compile(r"^(?:ftn|edn)\d+$")
_MARKER_TEXT_RE = re.compile(r"^\[?\(?\s*([0-9]{1,3}|[ivxlc]{1,6}|[a-z])\s*\)?\]?$", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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

    def __init__(self, root: etree._Element, text: str) -> None:
        self.root = root
        self.lines = text.splitlines()
        self.order: dict[etree._Element, int] = {el: i for i, el in enumerate(root.iter())}
        self.targets: dict[str, etree._Element] = {}
        for el in root.iter():
            for attr in ("id", "name"):
                value = el.get(attr)
                if value and value not in self.targets:
                    self.targets[value] = el
        self.markers: dict[etree._Element, str] = {}  # marker <a> → note id
        self.notes: dict[etree._Element, str] = {}  # note element → note id
        self._find_linked_notes()
        self._find_listed_notes()

    def _find_linked_notes(self) -> None:
        for a in self.root.iter("a"):
            href = a.get("href") or ""
            if not href.startswith("#") or len(href) < 2:
                continue
            fragment = href[1:]
            target = self.targets.get(fragment)
            if target is None or not _is_marker_like(a, fragment):
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

    def _inside_note(self, el: etree._Element) -> bool:
        return any(anc in self.notes for anc in _ancestors(el))

    def in_notes_area(self, el: etree._Element) -> bool:
        if el in self.notes:
            return True
        return any(anc in self.notes for anc in _ancestors(el))

    # ----------------------------------------------------------------- positions

    def column(self, line: int, text: str) -> int:
        """The column of `text`'s first words on source `line` (1 when they cannot be found)."""
        if not 1 <= line <= len(self.lines):
            return 1
        probe = re.match(r"[\w ,.;:'()-]{3,24}", text)
        if probe is None:
            return 1
        source_line = self.lines[line - 1]
        for candidate in (probe.group(), html_lib.escape(probe.group(), quote=False)):
            idx = source_line.find(candidate)
            if idx >= 0:
                return idx + 1
        return 1

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
        if body:
            builder.add(body, line, self.column(line, body))


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


def _walk(doc: _Doc, el: etree._Element, builder: BlockBuilder, note_mode: bool) -> None:
    """Append `el`'s inline content to `builder`; nested blocks are left to their own turn.

    In `note_mode` (reading a note), nested blocks are read too, backlinks are dropped and web
    links are recorded as the note's URLs.
    """
    doc.add_text(builder, el.text, el.sourceline)
    for child in el:
        tag = _tag(child)
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
        elif note_mode and tag == "a" and (child.get("href") or "").startswith("#"):
            pass  # the note's backlink to its marker ("↩", "[1]")
        elif tag == "a" and (child.get("href") or "").lower().startswith(("http://", "https://")):
            builder.open_link(child.get("href") or "")
            _walk(doc, child, builder, note_mode)
            builder.close_link()
        else:
            _walk(doc, child, builder, note_mode)
        if child.tail:
            doc.add_text(builder, child.tail, _tail_line(child))


def _has_own_text(el: etree._Element) -> bool:
    if (el.text or "").strip():
        return True
    return any((c.tail or "").strip() for c in el)


def _body_root(root: etree._Element) -> etree._Element:
    for tag in ("main", "article"):
        found = list(root.iter(tag))
        if len(found) == 1:
            return found[0]
    body = root.find("body")
    return body if body is not None else root


class HtmlParser(ArticleParser):
    """HTML (`.html`, `.htm`, or a fetched page) with linked footnotes, note lists or `[N]` notes."""

    name = "html"

    def parse(self, data: bytes, source: str) -> Article:
        text = _XML_DECL_RE.sub("", decode_html(data))
        text = _CONTROL_RE.sub("", text)
        if not text.strip():
            raise ArticleError("the article is empty", path=source)
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
        try:
            root = lxml.html.document_fromstring(text, parser=parser)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
            raise ArticleError(f"cannot parse HTML ({exc})", path=source) from None
        doc = _Doc(root, text)

        title: str | None = None
        title_el = root.find(".//title")
        if title_el is not None and title_el.text_content().strip():
            title = " ".join(title_el.text_content().split())

        blocks: list[TextBlock] = []
        body = _body_root(root)
        for el in body.iter():
            tag = _tag(el)
            if not tag or doc.in_notes_area(el):
                continue
            if any(_tag(a) in _SKIP_TAGS for a in _ancestors(el)) or tag in _SKIP_TAGS:
                continue
            if tag not in _TEXT_BLOCKS and not (tag in _BLOCK_TAGS and _has_own_text(el)):
                continue
            builder = BlockBuilder()
            _walk(doc, el, builder, note_mode=False)
            block = builder.build(heading=tag in _HEADINGS)
            if block is None:
                continue
            if title is None and tag == "h1":
                title = " ".join(block.text.split())
            blocks.append(block)

        raw: list[RawNote] = []
        for note_el, note_id in sorted(doc.notes.items(), key=lambda kv: doc.order[kv[0]]):
            builder = BlockBuilder()
            _walk(doc, note_el, builder, note_mode=True)
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
            blocks, raw = split_notes_list(blocks)
        return self.assemble(source, title, blocks, raw)
