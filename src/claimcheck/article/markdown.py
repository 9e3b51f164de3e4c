"""Markdown articles: `[^label]` footnotes and inline links (SPEC §3.1), read with markdown-it-py.

Parsed with markdown-it-py's CommonMark preset plus tables, front matter and the footnote plugin of
`mdit_py_plugins`. Note ids are the labels as written (`[^3]` → "3", `[^smith2020]` →
"smith2020"); an inline footnote `^[…]` gets its rendered number. A definition may hold
`[text](url)`, `<url>` or a bare URL: link targets come from the tokens and bare URLs from the
text, so a URL followed by `.` or `)` is never mangled.

markdown-it gives line ranges (`map`) for blocks only, so each text token is found in its source
line to place claims at their true line and column; a backslash escape or an entity is found by
its source form, so the text after `AT\\&T` or `&amp;` keeps its place too.

A `[^label]` with no definition is still a marker (for a note the article lacks, which
`ArticleParser.assemble` warns about), and a label defined twice keeps its first definition,
with a warning naming both lines.

Numbered links used as citation markers — reference links `[1]` with `[1]: URL` (the classic
Markdown citation style), or `[1](url)` glued to the word before — are markers for a note of
their own citing that URL, not text (the "1" would be checked as a figure). Raw HTML `<a href>`
links are links like `[text](url)`. A block quotation whose note is on its attribution line
(`> — Name[^1]`) gives that note to the quoted paragraphs (`interface.block_quotation`).

An article with no `[^…]` footnotes may list its notes as an ordered list under a "Notes" or
"References" heading (read when the body cites its numbers as `[N]`), or as a trailing `[N]`
notes list, read the plain-text way (`claimcheck.article.plaintext.split_notes_list`).

YAML front matter gives the article its title (`title:`) and its date (`date:`, or `published:`,
`publishDate:`, `pubDate:` …), which a note without its own access date is checked as of. Hugo's
TOML front matter (`+++` … `+++`, `title = "…"`, `date = 2019-02-01T10:00:00Z`) is read the same
way (its top-level keys: those before the first `[table]`), and is never taken for text.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import logging
import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from claimcheck.article.dates import first_date
from claimcheck.article.interface import (
    ArticleParser,
    BlockBuilder,
    block_quotation,
    decode_text,
    unwrap_redirect,
)
from claimcheck.article.notes import RawNote, warn_defined_twice
from claimcheck.article.plaintext import (
    is_mark_position,
    is_notes_heading,
    split_notes_list,
    strip_markers,
)
from claimcheck.claims.from_article import TextBlock
from claimcheck.errors import ArticleError
from claimcheck.model import Article

logger = logging.getLogger(__name__)

__all__ = ["MarkdownParser"]

#: A footnote reference as markdown-it's footnote plugin reads it: `[^label]`.
_WELL_FORMED_REF = re.compile(r"\[\^[^\]\s\[]+\]")
#: The plugin scans to the end of the line for every `[^` that is not closed, so a line of
#: thousands of them costs quadratic time (12 KB of `[^c[^c…` took 3 s; found by bench/fuzz,
#: issue 7). A real article has none or a handful; past this many we refuse the input.
MAX_UNCLOSED_REFS = 200
_FRONT_TITLE_RE = re.compile(r"^title\s*[:=]\s*(.+?)\s*$", re.MULTILINE)
#: Top-level front-matter keys that give the article's date, the most specific first.
_FRONT_DATE_KEYS = (
    "published",
    "publishdate",
    "pubdate",
    "date_published",
    "datepublished",
    "published_at",
    "publication_date",
    "date",
)
_FRONT_KEY_RE = re.compile(r"^([A-Za-z][\w-]*)[ \t]*[:=][ \t]*(.*?)[ \t]*$", re.MULTILINE)
#: Hugo's TOML front matter: `+++` lines around it, at the very start.
_TOML_FRONT_RE = re.compile(r"\A\+\+\+[ \t]*(?=\r?\n)(.*?\n)\+\+\+[ \t]*(?:\r?\n|\Z)", re.DOTALL)
#: A TOML table header (`[params]`): the keys after it are not the article's own.
_TOML_TABLE_RE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _toml_as_yaml_fence(text: str) -> tuple[str, bool]:
    """`text` with TOML front matter's `+++` lines made `---` (same length: lines and columns
    stay), so markdown-it's front-matter rule takes the block; and whether there was one."""
    m = _TOML_FRONT_RE.match(text)
    if m is None:
        return text, False
    closing = m.end(1)
    return "---" + text[3:closing] + "---" + text[closing + 3 :], True


def _front_matter_date(front: str, source: str) -> dt.date | None:
    """The article's date from YAML front matter (`date: 2019-02-01`), or `None`.

    Only top-level keys count (an indented `date:` belongs to something else). A key that holds
    no date is skipped, with a debug message, for the next one.
    """
    values: dict[str, str] = {}
    for m in _FRONT_KEY_RE.finditer(front):
        values.setdefault(m.group(1).lower(), m.group(2))
    return first_date(
        ((f"front matter {key}:", values.get(key)) for key in _FRONT_DATE_KEYS), source
    )


#: A link destination markdown-it's `normalizeLink` returns unchanged: http(s), a lowercase ASCII
#: host and optional port, then only characters `mdurl.encode` keeps as they are (and no `%`,
#: whose escapes it would check). Such links skip its parse, punycode and encode round trip, a
#: third of markdown-it's time on an article of 1,000 links (`bench/links`).
_PLAIN_LINK = re.compile(
    r"https?://[a-z0-9.-]+(?::[0-9]+)?(?:[/?#][A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]*)?"
)


class _MarkdownIt(MarkdownIt):
    """markdown-it, with `normalizeLink` answering plain web links without re-encoding them."""

    def normalizeLink(self, url: str) -> str:  # noqa: N802 - markdown-it's name
        if _PLAIN_LINK.fullmatch(url):
            return url
        return super().normalizeLink(url)


#: Where `_first_definitions` leaves the repeated footnote definitions it removed, in the env.
_DUPLICATES = "claimcheck_duplicate_footnotes"


def _first_definitions(state: StateCore) -> None:
    """Keep the first definition of each footnote label; record the later ones in the env.

    The footnote plugin lets a later `[^1]:` replace an earlier one without a word. We keep the
    first instead, as CommonMark does for link reference definitions and as the HTML parser and
    `build_notes` do for a repeated note id, and the parser warns naming both lines. Runs before
    the plugin's `footnote_tail`, while each definition is still a `footnote_reference_open` …
    `footnote_reference_close` run carrying its line range.
    """
    seen: dict[str, int] = {}
    repeated: list[tuple[str, int, int]] = state.env.setdefault(_DUPLICATES, [])
    kept: list[Token] = []
    depth = 0  # > 0 while inside a repeated definition being removed
    for tok in state.tokens:
        if depth:
            if tok.type == "footnote_reference_open":
                depth += 1
            elif tok.type == "footnote_reference_close":
                depth -= 1
            continue
        if tok.type == "footnote_reference_open":
            label = str(tok.meta["label"])
            line = tok.map[0] + 1 if tok.map else 0
            if label in seen:
                repeated.append((label, seen[label], line))
                depth = 1
                continue
            seen[label] = line
        kept.append(tok)
    state.tokens = kept


def _markdown() -> MarkdownIt:
    md = _MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin).enable("table")
    # Without `text_join`, a backslash escape or an entity stays its own `text_special` token
    # whose `markup` is the source form (`\&`, `&amp;`): every other text token is then verbatim
    # source, so `_Locator` places each one exactly (SPEC §3.1: every claim keeps its column).
    md.disable("text_join")
    md.core.ruler.before("footnote_tail", "claimcheck_first_definitions", _first_definitions)
    return md


def _is_web(href: str) -> bool:
    return href.lower().startswith(("http://", "https://"))


class _Locator:
    """Finds each text token in the source lines, moving forward through a block's line range."""

    def __init__(self, lines: Sequence[str], first: int, last: int) -> None:
        self._lines = lines
        self._line = first
        self._col = 0
        self._last = min(last, len(lines))

    def find(self, text: str) -> tuple[int, int] | None:
        """1-based line and column of `text` at or after the cursor, or `None` if not verbatim."""
        probe = text.split("\n", 1)[0]
        if not probe:
            return None
        line, col = self._line, self._col
        while line < self._last:
            idx = self._lines[line].find(probe, col)
            if idx >= 0:
                self._line, self._col = line, idx + len(probe)
                return line + 1, idx + 1
            line, col = line + 1, 0
        return None

    def save(self) -> tuple[int, int]:
        """Where the cursor is, for `restore`."""
        return self._line, self._col

    def restore(self, state: tuple[int, int]) -> None:
        """Put the cursor back where `save` found it."""
        self._line, self._col = state

    def rest(self) -> str:
        """The source line from the cursor on (just after the text last found)."""
        if self._line >= len(self._lines):
            return ""
        return self._lines[self._line][self._col :]


#: The text of a link that is a citation marker: a note number, perhaps in brackets ("1", "[1]").
#: A note number as a link's or a `<sup>`'s text: "1" or "[1]".
_NUMBER_LINK_TEXT = re.compile(r"\[?([0-9]{1,3})\]?")
#: A raw HTML link in Markdown: `<a … href="URL" …>` (the attribute quoted or not), and `</a>`.
_HTML_LINK_OPEN = re.compile(
    r"<a\s(?:[^>]*?\s)?href\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))[^>]*>", re.IGNORECASE
)
_HTML_LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)


class _LinkNotes:
    """Numbered links used as note markers (`…valley".[1]` with `[1]: URL`): note id → URL.

    The classic Markdown citation style numbers reference links; the link's text is then a
    marker, not words of the sentence ("1" would be checked as a figure), and its target is
    the note's source. `taken` holds the footnote labels, which keep their ids: a numbered
    link whose number is also a `[^N]` label is a note of its own all the same, with the id
    `refN` (leaving it a link made its number a figure to check).
    """

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.urls: dict[str, tuple[str, str, int]] = {}  # note id → (href, title, line)

    def claim(self, number: str, href: str, title: str, line: int) -> str | None:
        """The note id for a numbered link to `href`, or `None` when that number already names
        another URL (the link then stays a link)."""
        note = str(int(number))
        if note in self.taken:
            note = f"ref{note}"
            while note in self.taken:
                note = f"ref-{note}"
        known = self.urls.setdefault(note, (href, title, line))
        return note if known[0] == href else None


def _fill(
    builder: BlockBuilder,
    children: Sequence[Token],
    locator: _Locator,
    note_ids: dict[int, str],
    *,
    body: bool = True,
    link_notes: _LinkNotes | None = None,
) -> None:
    """Append an inline token's children to `builder`: text, markers and links.

    In the `body` (not a note's text), a `[^label]` the footnote plugin left as text — a label
    with no definition — still becomes a `Marker` for `label`, so that its sentence ends there
    and its claims are not handed to the next marker's note (`ArticleParser.assemble` warns).
    A link whose text is a note number and that reads as a citation marker becomes a marker
    for a note of its own (`_LinkNotes`), when `link_notes` is given. Raw HTML `<a href>` links
    are links like `[text](url)`.
    """
    i, n = 0, len(children)
    while i < n:
        tok = children[i]
        kind = tok.type
        if kind in ("text", "code_inline"):
            pos = locator.find(tok.content)
            if kind == "text" and body and "[^" in tok.content:
                _text_with_refs(builder, tok.content, pos)
            else:
                if kind == "code_inline":
                    builder.open_code()
                if pos is None:
                    builder.add(tok.content)
                else:
                    builder.add(tok.content, pos[0], pos[1])
                if kind == "code_inline":
                    builder.close_code()
        elif kind == "text_special":
            # An escape or entity: the text is `content`, the source is `markup`.
            pos = locator.find(tok.markup) if tok.markup else None
            if pos is None:
                builder.add(tok.content)
            else:
                builder.add(tok.content, pos[0], pos[1])
        elif kind in ("softbreak", "hardbreak"):
            builder.add("\n")
        elif kind == "footnote_ref":
            note = note_ids.get(int(tok.meta["id"]))
            if note is not None:
                builder.marker(note)
        elif kind == "link_open":
            href = unwrap_redirect(str(tok.attrs.get("href", "")))
            note = _link_marker(builder, children, i, locator, href, link_notes)
            if note is not None:
                builder.marker(note)
                i += 3  # the link's number and its close are the marker
                continue
            if _is_web(href):
                builder.open_link(href)
        elif kind == "link_close":
            builder.close_link()
        elif kind == "html_inline":
            locator.find(tok.content)  # past the tag: its attributes are not the text
            note = _sup_marker(builder, children, i) if body else None
            if note is not None:
                builder.marker(note)
                for skipped in children[i + 1 : i + 3]:
                    locator.find(skipped.content)
                i += 3  # the number and `</sup>` are the marker
                continue
            m = _HTML_LINK_OPEN.match(tok.content)
            if m is not None:
                href = unwrap_redirect(
                    html_lib.unescape(next(g for g in m.groups() if g is not None)).strip()
                )
                if _is_web(href):
                    builder.open_link(href)
            elif _HTML_LINK_CLOSE.match(tok.content):
                builder.close_link()
        # images, other inline HTML and emphasis marks add no text a claim could quote
        i += 1


_SUP_OPEN = re.compile(r"<sup(?:\s[^>]*)?>", re.IGNORECASE)
_SUP_CLOSE = re.compile(r"</sup\s*>", re.IGNORECASE)


def _sup_marker(builder: BlockBuilder, children: Sequence[Token], i: int) -> str | None:
    """The note number when `children[i]` opens a raw `<sup>1</sup>` footnote mark.

    As in HTML articles: only a number (or `[number]`) in the `<sup>`, right after punctuation
    or a word of three letters or more; `10<sup>6</sup>` and `m<sup>2</sup>` are exponents.
    """
    if i + 2 >= len(children) or not _SUP_OPEN.fullmatch(children[i].content):
        return None
    number, close = children[i + 1], children[i + 2]
    if number.type != "text" or close.type != "html_inline":
        return None
    m = _NUMBER_LINK_TEXT.fullmatch(number.content.strip())
    if m is None or not _SUP_CLOSE.fullmatch(close.content):
        return None
    return str(int(m.group(1))) if is_mark_position(builder.tail(40)) else None


def _link_marker(
    builder: BlockBuilder,
    children: Sequence[Token],
    i: int,
    locator: _Locator,
    href: str,
    link_notes: _LinkNotes | None,
) -> str | None:
    """The note id when the link opened at `children[i]` is a numbered citation marker.

    Its text must be only a number ("1", "[1]") and it must read as a marker: a reference link
    labelled by that number (`[1]`, `[1][]`, `[1][1]`, whose target is defined apart from the
    sentence), or any link glued to the word or punctuation before it (`…million.[1](url)`). The number's text token is placed
    (the locator moves past it) only when it is a marker.
    """
    if link_notes is None or not _is_web(href) or i + 2 >= len(children):
        return None
    text, close = children[i + 1], children[i + 2]
    if text.type != "text" or close.type != "link_close":
        return None
    m = _NUMBER_LINK_TEXT.fullmatch(text.content)
    if m is None:
        return None
    saved = locator.save()  # undone when it is not a marker
    pos = locator.find(text.content)
    after = locator.rest()
    glued = builder.tail(1)[-1:] not in ("", " ", "\t", "\n", "\u00a0")
    # `[[1]](url)`: the link's own bracket follows the text's
    close_text = "]]" if text.content.startswith("[") else "]"
    rest = after[len(close_text) :] if after.startswith(close_text) else None
    # A reference link labelled by its number: `[1]`, `[1][]`, `[1][1]`. `[100][stats]` is a
    # link whose text is an amount.
    reference = (
        pos is not None
        and rest is not None
        and not rest.startswith("(")
        and (not rest.startswith("[") or rest.startswith(("[]", f"[{m.group(1)}]")))
    )
    if not (reference or glued):
        locator.restore(saved)
        return None
    title = str(children[i].attrs.get("title", "") or "")
    note = link_notes.claim(m.group(1), href, title, pos[0] if pos is not None else 1)
    if note is None:
        locator.restore(saved)
    return note


def _text_with_refs(builder: BlockBuilder, text: str, pos: tuple[int, int] | None) -> None:
    """Add a text token holding undefined `[^label]` references: the text, and a marker each."""
    at = 0
    for m in _WELL_FORMED_REF.finditer(text):
        piece = text[at : m.start()]
        if pos is None:
            builder.add(piece)
        else:
            builder.add(piece, pos[0], pos[1] + at)
        builder.marker(m.group()[2:-1])
        at = m.end()
    rest = text[at:]
    if pos is None:
        builder.add(rest)
    else:
        builder.add(rest, pos[0], pos[1] + at)


def _footnote_ids(tokens: Sequence[Token]) -> dict[int, str]:
    """markdown-it's internal footnote id → our note id (the label, or the number shown)."""
    labels: dict[int, str | None] = {}
    for tok in tokens:
        if tok.type == "footnote_open":
            labels[int(tok.meta["id"])] = tok.meta.get("label")
    used = {label for label in labels.values() if label is not None}
    ids: dict[int, str] = {}
    for fid, label in labels.items():
        if label is not None:
            ids[fid] = label
        else:
            shown = str(fid + 1)
            ids[fid] = shown if shown not in used else f"inline-{shown}"
    return ids


def _refuse_unclosed_refs(text: str, source: str) -> None:
    unclosed = text.count("[^") - len(_WELL_FORMED_REF.findall(text))
    if unclosed > MAX_UNCLOSED_REFS:
        first = next(
            m.start()
            for m in re.finditer(r"\[\^", text)
            if not _WELL_FORMED_REF.match(text, m.start())
        )
        raise ArticleError(
            f"{unclosed} footnote references '[^' are never closed with ']'",
            path=source,
            line=text.count("\n", 0, first) + 1,
            hint="is this really a Markdown article? a footnote reference looks like [^label]",
        )


class MarkdownParser(ArticleParser):
    """Markdown (`.md`, `.markdown`) with `[^label]` footnotes or a `[N]` notes list."""

    name = "markdown"

    def parse(self, data: bytes, source: str) -> Article:
        text, toml = _toml_as_yaml_fence(decode_text(data, source))
        _refuse_unclosed_refs(text, source)
        lines = text.splitlines()
        env: dict[str, object] = {}
        tokens = _markdown().parse(text, env)
        note_ids = _footnote_ids(tokens)
        repeated = env.get(_DUPLICATES)
        for label, kept, dropped in repeated if isinstance(repeated, list) else ():
            warn_defined_twice(source, label, kept, dropped)

        blocks: list[TextBlock] = []
        raw: list[RawNote] = []
        title: str | None = None
        published: dt.date | None = None
        heading = False
        in_note: int | None = None
        note_parts: list[str] = []
        note_urls: list[tuple[int, str]] = []
        note_line = 0
        ref_lines: dict[int, int] = {}  # inline footnotes have no map: use the referring line
        last_map: list[int] = [0, 0]
        link_notes = _LinkNotes(set(note_ids.values()))
        quotations: list[int] = []  # where each open block quotation's blocks start in `blocks`
        listed = _ListedNotes()
        after_notes_heading = False

        for tok in tokens:
            kind = tok.type
            if tok.map is not None:
                last_map = tok.map
            # Whether the token just before closed a "Notes" heading (a list may follow).
            notes_heading, after_notes_heading = after_notes_heading, False
            if kind == "front_matter":
                front = tok.content
                if toml:
                    front = front[: m.start()] if (m := _TOML_TABLE_RE.search(front)) else front
                m = _FRONT_TITLE_RE.search(front)
                if m and title is None:
                    title = m.group(1).strip().strip("\"'") or None
                published = _front_matter_date(front, source)
            elif kind == "heading_open":
                heading = True
            elif kind == "heading_close":
                heading = False
                after_notes_heading = bool(blocks) and is_notes_heading(blocks[-1].text)
            elif kind == "blockquote_open":
                quotations.append(len(blocks))
            elif kind == "blockquote_close" and quotations:
                first = quotations.pop()
                if not quotations:  # the outermost quotation: its blocks are all in place
                    blocks[first:] = block_quotation(blocks[first:])
            elif kind == "ordered_list_open" and notes_heading and not listed.depth:
                listed.open(int(tok.attrs.get("start", 1) or 1))
            elif listed.depth and kind in ("ordered_list_open", "bullet_list_open"):
                listed.depth += 1
            elif listed.depth and kind in ("ordered_list_close", "bullet_list_close"):
                listed.depth -= 1
                if not listed.depth:
                    listed.end = len(blocks)
            elif listed.depth == 1 and kind == "list_item_open":
                listed.item(len(blocks), tok.map[0] + 1 if tok.map else last_map[0] + 1)
            elif kind == "footnote_open":
                in_note = int(tok.meta["id"])
                note_parts, note_urls, note_line = [], [], 0
            elif kind == "footnote_close" and in_note is not None:
                raw.append(
                    RawNote(
                        id=note_ids[in_note],
                        line=note_line or ref_lines.get(in_note, 1),
                        text=" ".join(note_parts),
                        urls=tuple(url for _, url in note_urls),
                        url_offsets=tuple(offset for offset, _ in note_urls),
                    )
                )
                in_note = None
            elif kind == "inline":
                if tok.map is not None:
                    first, last = tok.map
                elif in_note is not None and in_note in ref_lines:  # an inline footnote ^[…]
                    first = ref_lines[in_note] - 1
                    last = first + 1
                else:
                    first, last = last_map
                builder = BlockBuilder()
                locator = _Locator(lines, first, last)
                children = tok.children or []
                if in_note is not None:
                    note_line = note_line or (first + 1 if tok.map is not None else 0)
                    _fill(builder, children, locator, note_ids, body=False)
                    built = builder.build()
                    if built is not None:
                        # Paragraphs of a note are joined with one space: shift link offsets.
                        base = sum(len(part) + 1 for part in note_parts)
                        note_urls.extend((base + ln.start, ln.url) for ln in built.links)
                        note_parts.append(built.text)
                    continue
                for child in children:
                    if child.type == "footnote_ref":
                        ref_lines.setdefault(int(child.meta["id"]), first + 1)
                _fill(
                    builder,
                    children,
                    locator,
                    note_ids,
                    link_notes=None if listed.depth else link_notes,
                )
                block = builder.build(heading=heading)
                if block is None:
                    continue
                if heading and title is None:
                    title = " ".join(block.text.split())
                blocks.append(block)

        raw.extend(_reference_notes(link_notes, env))
        if not raw:
            blocks, raw = listed.split(blocks, source)
        if not raw:
            blocks, raw = split_notes_list(blocks, source)
        return self.assemble(source, title, blocks, raw, published)


def _reference_notes(link_notes: _LinkNotes, env: dict[str, object]) -> list[RawNote]:
    """The notes of numbered links used as markers: each its URL (and title), placed at the
    line of the link's reference definition, else at its first marker (an inline `[1](url)`)."""
    references = env.get("references")
    lines: dict[str, int] = {}
    if isinstance(references, dict):
        for ref in references.values():
            if isinstance(ref, dict) and isinstance(ref.get("map"), list):
                lines.setdefault(str(ref.get("href", "")), int(ref["map"][0]) + 1)
    notes: list[RawNote] = []
    for note, (href, title, line) in link_notes.urls.items():
        text = f'{href} "{title}"' if title else href
        notes.append(RawNote(id=note, line=lines.get(href, line), text=text))
    return notes


class _ListedNotes:
    """A numbered list under a "Notes"/"References" heading, read as the notes list when the
    article has no footnotes and its body cites the list's numbers as `[N]`.

    Markdown gives the list's items as paragraphs without their numbers, so the items are
    recorded as they come (where each starts in the blocks, its number and line) and taken
    out of the body only at the end (`split`), once it is known the list is the notes.
    """

    def __init__(self) -> None:
        self.depth = 0  # > 0 inside the list (nested lists add one)
        self.items: list[tuple[int, int]] = []  # (first block, source line) of each item
        self.end = -1  # where its blocks end
        self.number = 1  # the first item's number

    def open(self, number: int) -> None:
        """A list opens, its first item numbered `number` (a later such list
        replaces an earlier one: the notes are the last)."""
        self.items, self.end = [], -1
        self.depth, self.number = 1, number

    def item(self, at: int, line: int) -> None:
        """An item starts at block `at`, on source `line`."""
        self.items.append((at, line))

    def split(
        self, blocks: Sequence[TextBlock], source: str
    ) -> tuple[list[TextBlock], list[RawNote]]:
        """`blocks` without the list's items, and the items as notes; or `blocks` unchanged
        and no notes, when there is no such list or the body cites none of its numbers."""
        if not self.items:
            return list(blocks), []
        bounds = [at for at, _ in self.items] + [self._end(blocks)]
        raw: list[RawNote] = []
        for k, (at, line) in enumerate(self.items):
            parts = blocks[at : bounds[k + 1]]
            text = "\n".join(b.text for b in parts)
            urls: list[str] = []
            offsets: list[int] = []
            base = 0
            for b in parts:
                urls.extend(ln.url for ln in b.links)
                offsets.extend(base + ln.start for ln in b.links)
                base += len(b.text) + 1
            raw.append(
                RawNote(
                    id=str(self.number + k),
                    line=line,
                    text=text,
                    urls=tuple(urls),
                    url_offsets=tuple(offsets),
                )
            )
        known = {r.id for r in raw}
        body = [*blocks[: self.items[0][0]], *blocks[bounds[-1] :]]
        stripped = [strip_markers(b, known, source, superscripts=True) for b in body]
        if not any(m.note in known for b in stripped for m in b.markers):
            return list(blocks), []
        return stripped, raw

    def _end(self, blocks: Sequence[TextBlock]) -> int:
        return self.end if self.end >= 0 else len(blocks)
