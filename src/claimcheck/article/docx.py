"""Word `.docx` articles: footnotes, endnotes and body hyperlinks (SPEC §3.1).

Read straight from the OOXML zip with `zipfile` and `lxml.etree` (no python-docx at run time):
`word/document.xml` for the body, `word/footnotes.xml` and `word/endnotes.xml` for the notes,
the `_rels` parts for hyperlink targets, `word/styles.xml` to tell headings, and
`docProps/core.xml` for the title.

Positions: a DOCX has no lines, so **a claim's line is the 1-based index of its paragraph** among
all body paragraphs (table cells included, empty paragraphs counted) and its column is the
1-based character offset in that paragraph's text. A note's line is the paragraph holding its
first reference.

Note ids are the numbers Word shows: footnotes "1", "2", … in order of first reference; endnotes
likewise "1", "2", … when the document has no footnotes, else "i", "ii", … (Word's default endnote
numbering), so the two series never share an id.

Both `w:hyperlink` elements and `HYPERLINK` field codes (simple and complex) become links; deleted
text (tracked changes) and field instructions are not text.
"""

from __future__ import annotations

import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from claimcheck.article.interface import ArticleParser, BlockBuilder, unwrap_redirect
from claimcheck.article.notes import RawNote
from claimcheck.claims.from_article import TextBlock
from claimcheck.errors import ArticleError
from claimcheck.model import Article

logger = logging.getLogger(__name__)

__all__ = ["DocxParser"]

_R_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
# A part bigger than this is not an article: refuse it rather than inflate a zip bomb into memory.
# The longest real documents we have seen (book-length reports) have a document.xml under 20 MB.
_MAX_PART_BYTES = 64 * 1024 * 1024
_HYPERLINK_RE = re.compile(r'^\s*HYPERLINK\s+"([^"]+)"', re.IGNORECASE)
_SKIP = frozenset(
    {"del", "delText", "instrText", "fldData", "Fallback", "txbxContent", "rPr", "pPr", "sectPr"}
)
_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _attr(el: etree._Element, name: str) -> str | None:
    """An attribute by local name, whatever its namespace (transitional or strict OOXML)."""
    for key, value in el.attrib.items():
        if str(key).rsplit("}", 1)[-1] == name:
            return str(value)
    return None


def _rel_id(el: etree._Element) -> str | None:
    for ns in _R_NS:
        value = el.get(f"{{{ns}}}id")
        if value is not None:
            return str(value)
    return None


def _roman(n: int) -> str:
    out = []
    for value, digits in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


class _Package:
    """The zip and its parsed XML parts."""

    def __init__(self, data: bytes, source: str) -> None:
        self.source = source
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
            raise ArticleError(
                f"not a valid .docx (not a zip file: {exc})",
                path=source,
                hint="save the document again from Word as .docx",
            ) from None
        self.names = set(self.zip.namelist())
        if "word/document.xml" not in self.names:
            raise ArticleError("not a valid .docx (no word/document.xml)", path=source)

    def xml(self, name: str) -> etree._Element | None:
        if name not in self.names:
            return None
        info = self.zip.getinfo(name)
        if info.file_size > _MAX_PART_BYTES:
            raise ArticleError(f"{name} is too large ({info.file_size} bytes)", path=self.source)
        try:
            raw = self.zip.read(name)
            return etree.fromstring(raw, parser=_XML_PARSER)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,
            RuntimeError,  # encrypted member
            OSError,
            ValueError,
            etree.XMLSyntaxError,
        ) as exc:
            raise ArticleError(f"not a valid .docx ({name}: {exc})", path=self.source) from None

    def rels(self, part: str) -> dict[str, str]:
        """External relationship targets of `part` (e.g. `word/document.xml`) by id."""
        folder, _, base = part.rpartition("/")
        root = self.xml(f"{folder}/_rels/{base}.rels")
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root:
            rid, target = rel.get("Id"), rel.get("Target")
            if rid and target and (rel.get("TargetMode") or "").lower() == "external":
                out[rid] = unwrap_redirect(target)
        return out


@dataclass
class _Field:
    instr: list[str] = field(default_factory=list)
    link: bool = False


class _ParagraphReader:
    """Reads one `w:p` into a `BlockBuilder`: text, note references and hyperlinks."""

    def __init__(
        self, rels: dict[str, str], refs: list[tuple[str, str]] | None, index: int
    ) -> None:
        self.rels = rels
        self.refs = refs  # (kind, Word id) of note references, in order; None inside notes
        self.index = index
        self.builder = BlockBuilder()
        self.fields: list[_Field] = []
        self.ref_slots: list[tuple[int, str, str]] = []  # builder offset, kind, Word id

    def read(self, p: etree._Element) -> None:
        self._children(p)

    def _add(self, text: str) -> None:
        if self.builder.length == 0:
            self.builder.add(text, self.index, 1)
        else:
            self.builder.add(text)

    def _children(self, el: etree._Element) -> None:
        for child in el:
            self._element(child)

    def _element(self, el: etree._Element) -> None:
        name = _local(el)
        if not name or name in _SKIP or name == "p":
            return
        if name == "t":
            self._add(el.text or "")
        elif name == "tab":
            self._add("\t")
        elif name in ("br", "cr"):
            self._add(" ")
        elif name == "noBreakHyphen":
            self._add("-")
        elif name in ("footnoteReference", "endnoteReference"):
            word_id = _attr(el, "id")
            if word_id is not None and self.refs is not None:
                kind = "footnote" if name == "footnoteReference" else "endnote"
                self.refs.append((kind, word_id))
                self.ref_slots.append((self.builder.length, kind, word_id))
        elif name == "hyperlink":
            rid = _rel_id(el)
            url = self.rels.get(rid or "")
            if url:
                self.builder.open_link(url)
            self._children(el)
            if url:
                self.builder.close_link()
        elif name == "fldSimple":
            m = _HYPERLINK_RE.match(_attr(el, "instr") or "")
            if m:
                self.builder.open_link(unwrap_redirect(m.group(1)))
            self._children(el)
            if m:
                self.builder.close_link()
        elif name == "fldChar":
            self._field_char(_attr(el, "fldCharType") or "")
        else:
            if name == "r":
                for instr in el:
                    if _local(instr) == "instrText" and self.fields:
                        self.fields[-1].instr.append(instr.text or "")
            self._children(el)

    def _field_char(self, kind: str) -> None:
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            current = self.fields[-1]
            m = _HYPERLINK_RE.match("".join(current.instr))
            if m:
                self.builder.open_link(unwrap_redirect(m.group(1)))
                current.link = True
        elif kind == "end" and self.fields:
            if self.fields.pop().link:
                self.builder.close_link()


def _paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    """Body paragraphs in order, table cells included, text boxes and fallbacks excluded."""
    for el in body.iter():
        if _local(el) != "p":
            continue
        if any(_local(a) in ("txbxContent", "Fallback") for a in el.iterancestors()):
            continue
        yield el


def _heading_styles(pkg: _Package) -> set[str]:
    """Style ids whose name is "Title" or "heading N" (style ids are localised, names are not)."""
    root = pkg.xml("word/styles.xml")
    ids = {"Title", *(f"Heading{k}" for k in range(1, 10))}
    if root is None:
        return ids
    for style in root:
        if _local(style) != "style":
            continue
        sid = _attr(style, "styleId")
        for child in style:
            if _local(child) == "name":
                name = (_attr(child, "val") or "").lower()
                if sid and (name == "title" or name.startswith("heading")):
                    ids.add(sid)
    return ids


def _style(p: etree._Element) -> str | None:
    for ppr in p:
        if _local(ppr) == "pPr":
            for child in ppr:
                if _local(child) == "pStyle":
                    return _attr(child, "val")
    return None


def _core_title(pkg: _Package) -> str | None:
    root = pkg.xml("docProps/core.xml")
    if root is None:
        return None
    for el in root:
        if _local(el) == "title" and (el.text or "").strip():
            return " ".join((el.text or "").split())
    return None


@dataclass(frozen=True)
class _NoteText:
    text: str
    urls: tuple[str, ...]
    url_offsets: tuple[int, ...]


def _note_texts(pkg: _Package, part: str, kind: str) -> dict[str, _NoteText]:
    """Word id → text and hyperlinks of each real note in `part` (separators skipped)."""
    root = pkg.xml(part)
    out: dict[str, _NoteText] = {}
    if root is None:
        return out
    rels = pkg.rels(part)
    for note in root:
        if _local(note) != kind or (_attr(note, "type") or "normal") != "normal":
            continue
        word_id = _attr(note, "id")
        if word_id is None:
            continue
        texts: list[str] = []
        links: list[tuple[int, str]] = []
        for p in note.iter():
            if _local(p) != "p":
                continue
            reader = _ParagraphReader(rels, None, 1)
            reader.read(p)
            built = reader.builder.build()
            if built is not None:
                base = sum(len(t) + 1 for t in texts)  # paragraphs are joined with one space
                links.extend((base + link.start, link.url) for link in built.links)
                texts.append(built.text)
        out[word_id] = _NoteText(
            " ".join(texts), tuple(u for _, u in links), tuple(o for o, _ in links)
        )
    return out


class DocxParser(ArticleParser):
    """Word `.docx`: footnotes, endnotes and hyperlinks; lines are paragraph numbers."""

    name = "docx"

    def parse(self, data: bytes, source: str) -> Article:
        pkg = _Package(data, source)
        document = pkg.xml("word/document.xml")
        body = None
        if document is not None:
            body = next((el for el in document if _local(el) == "body"), None)
        if body is None:
            raise ArticleError("not a valid .docx (no document body)", path=source)
        rels = pkg.rels("word/document.xml")
        headings = _heading_styles(pkg)
        footnotes = _note_texts(pkg, "word/footnotes.xml", "footnote")
        endnotes = _note_texts(pkg, "word/endnotes.xml", "endnote")

        refs: list[tuple[str, str]] = []
        readers: list[tuple[_ParagraphReader, bool]] = []
        for index, p in enumerate(_paragraphs(body), start=1):
            reader = _ParagraphReader(rels, refs, index)
            reader.read(p)
            readers.append((reader, _style(p) in headings))

        # Number the notes as Word shows them: by order of first reference. A reference whose
        # note is missing from footnotes.xml/endnotes.xml (a damaged or hand-edited file) still
        # takes its number, as Word shows one in the text: the notes after it keep the numbers
        # the reader sees, and its marker names a note the article lacks, which `assemble`
        # warns about, leaving its sentence unchecked instead of silently uncited.
        defined = {"footnote": footnotes, "endnote": endnotes}
        has_footnotes = any(k == "footnote" for k, _ in refs)
        numbers: dict[tuple[str, str], str] = {}
        counters = {"footnote": 0, "endnote": 0}
        first_line: dict[tuple[str, str], int] = {}
        order: dict[tuple[str, str], int] = {}
        for reader, _ in readers:
            for _, kind, word_id in reader.ref_slots:
                key = (kind, word_id)
                if key in numbers:
                    continue
                counters[kind] += 1
                n = counters[kind]
                numbers[key] = str(n) if kind == "footnote" or not has_footnotes else _roman(n)
                order[key] = n
                first_line[key] = reader.index
                if word_id not in defined[kind]:
                    logger.debug(
                        "%s: paragraph %d: %s reference w:id=%s (shown as %s) has no %s in "
                        "word/%ss.xml",
                        source,
                        reader.index,
                        kind,
                        word_id,
                        numbers[key],
                        kind,
                        kind,
                    )

        blocks: list[TextBlock] = []
        title = _core_title(pkg)
        for reader, is_heading in readers:
            builder = reader.builder
            # Markers are inserted at their recorded offsets now that the numbers are known.
            for offset, kind, word_id in reader.ref_slots:
                number = numbers.get((kind, word_id))
                if number is not None:
                    builder.marker_at(offset, number)
            block = builder.build(heading=is_heading)
            if block is None:
                continue
            if title is None and is_heading:
                title = " ".join(block.text.split())
            blocks.append(block)

        raw = [
            RawNote(
                id=number,
                line=first_line[key],
                text=defined[key[0]][key[1]].text,
                urls=defined[key[0]][key[1]].urls,
                url_offsets=defined[key[0]][key[1]].url_offsets,
            )
            for key, number in sorted(
                numbers.items(), key=lambda kv: (kv[0][0] != "footnote", order[kv[0]])
            )
            if key[1] in defined[key[0]]
        ]
        return self.assemble(source, title, blocks, raw)
