"""Reading footnote text: URLs, access dates, titles, authors, and `Ibid.`/short-form resolution.

Every article parser hands the raw text of each note to `build_notes`, so all four formats agree on
what a note cites (SPEC §3.1):

- `find_urls` takes every `http(s)` URL in a note, with trailing sentence punctuation (`.` `,` `)`
  `”` `;` …) stripped; a closing bracket stays when the URL opened it (Wikipedia's `Foo_(bar)`).
- `parse_accessed` (from `claimcheck.article.dates`) reads "accessed March 2, 2025", "retrieved on
  2025-03-02", "consulté le 3 mars 2021", "дата обращения: 03.03.2021" and the like.
- `note_title` is the first quoted span of the note; `note_author` is what precedes it.
- `resolve_notes` points `Ibid.`/`Ibid., p. 4`/`Id.` at the previous note, and a short form
  ("Aliyev, “Facing the New World Order.”") at the earlier note with that author surname and title,
  always following the chain to its end.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from claimcheck.article.dates import parse_accessed
from claimcheck.model import Note

logger = logging.getLogger(__name__)

__all__ = [
    "RawNote",
    "build_notes",
    "find_url_spans",
    "find_urls",
    "is_ibid",
    "note_author",
    "note_title",
    "parse_accessed",
    "resolve_notes",
    "warn_defined_twice",
]

# A URL runs to the first whitespace or character that cannot sit in a cited URL unescaped. Square
# brackets are allowed so that a `[1]` inside a query string stays part of the URL (plain-text
# marker detection must skip it); a marker glued to the URL's end is stripped below.
_URL_RE = re.compile(r"https?://[^\s<>\"“”‘’«»{}|\\^`]+", re.IGNORECASE)
_TRAILING_MARKER_RE = re.compile(r"\[\d{1,3}\]$")
# Sentence punctuation and closing quotes that end a note's URL but are never its last character
# in practice ("…/52122." or "…/x”,").
_TRAILING_PUNCT = frozenset(".,;:!?'\"”’»*_")


def _trim_url(url: str) -> str:
    """Strip trailing punctuation, unbalanced closing brackets and glued markers from `url`."""
    while url:
        last = url[-1]
        if last in _TRAILING_PUNCT:
            url = url[:-1]
        elif last == ")" and url.count("(") < url.count(")"):
            url = url[:-1]
        elif last == "]":
            marker = _TRAILING_MARKER_RE.search(url)
            if marker is not None:
                url = url[: marker.start()]
            elif url.count("[") < url.count("]"):
                url = url[:-1]
            else:
                break
        else:
            break
    return url


def find_url_spans(text: str) -> list[tuple[int, int, str]]:
    """Every `http(s)` URL in `text` as `(start, end, url)`, trailing punctuation excluded."""
    spans: list[tuple[int, int, str]] = []
    for m in _URL_RE.finditer(text):
        url = _trim_url(m.group())
        if _has_host(url.split("://", 1)[1]):
            spans.append((m.start(), m.start() + len(url), url))
    return spans


_HOST_RE = re.compile(r"\[[0-9A-Fa-f:.]+\]|[^/:?#\[\]]+")


def _has_host(rest: str) -> bool:
    """Whether what follows `http(s)://` starts with a host: a dotted name or address, an IPv6
    literal (`[::1]`), or a single-label name (`localhost`, `intranet`) with a port or a path
    after it. "https://" alone, or followed by punctuation or a lone word, is no URL."""
    host = _HOST_RE.match(rest)
    if host is None:
        return False
    name = host.group()
    if name.startswith("[") or "." in name.strip("."):
        return True
    return name.replace("-", "").isalnum() and rest[len(name) : len(name) + 1] in (":", "/")


def find_urls(text: str) -> list[str]:
    """The URLs in a note's text, in order, each once, trailing punctuation stripped."""
    return _dedupe(url for _, _, url in find_url_spans(text))


def _dedupe(urls: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        seen.setdefault(url, None)
    return list(seen)


# --------------------------------------------------------------------------- title and author

# Top-level quoted spans: curly double, straight double, guillemets. Single curly quotes are left
# out on purpose: a title's own inner quotes ("‘Margara’ Checkpoint") must not end it early.
_TITLE_RE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|«([^»]+)»")
_TITLE_TRAIL = ".,;: \u00a0"
# An author is a short run of names before the title: longer prefixes are usually a description.
_MAX_AUTHOR_CHARS = 80


def _title_match(text: str) -> re.Match[str] | None:
    return _TITLE_RE.search(text)


def note_title(text: str) -> str | None:
    """The title a note cites: its first quoted span, without trailing punctuation."""
    m = _title_match(text)
    if m is None:
        return None
    title = next(g for g in m.groups() if g is not None).strip().rstrip(_TITLE_TRAIL).strip()
    return title or None


def note_author(text: str) -> str | None:
    """The author(s) a note names before its quoted title ("İlham Aliyev"), or `None`."""
    m = _title_match(text)
    if m is None:
        return None
    author = text[: m.start()].strip().strip(_TITLE_TRAIL).strip()
    if not author or len(author) > _MAX_AUTHOR_CHARS or "://" in author:
        return None
    if any(ch.isdigit() for ch in author):
        return None
    return author


# --------------------------------------------------------------------------- Ibid. and short forms

_IBID_RE = re.compile(r"^\s*(?:ibid(?:em)?\.?|id\.)(?=[\s,;:.]|$)", re.IGNORECASE)


def is_ibid(text: str) -> bool:
    """Whether a note is `Ibid.`, `Ibid., p. 4`, `Ibidem` or `Id.` (pointing at the previous note)."""
    return _IBID_RE.match(text) is not None


def _fold(text: str) -> str:
    """Lower-case ASCII words for comparing titles and names (İlham → ilham, Kılıç → kilic)."""
    text = text.replace("ı", "i").replace("İ", "I")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", stripped.casefold()))


class _TitleIndex:
    """Earlier notes by the words of their folded titles, to find a short form's full note.

    A short-form title matches a full title that it equals or whose leading words it is
    (Chicago shortening), so the titles go into a trie of words: the node a short title's words
    lead to stands for every earlier title starting with them, and keeps the first such note
    (for a short form without author) and the first for each word of its author (the short
    form's surname must be one of them). A lookup costs the short title's length, however many
    notes came before.
    """

    __slots__ = ("authors", "children", "first")

    def __init__(self) -> None:
        self.children: dict[str, _TitleIndex] = {}
        self.first: int | None = None
        self.authors: dict[str, int] = {}

    def add(self, index: int, title: str, author: str | None) -> None:
        """Record the note at `index` (later than every note added before) under `title`."""
        words = _fold(title).split()
        if not words:
            return
        author_words = set(_fold(author).split()) if author is not None else set()
        node = self
        for word in words:
            node = node.children.setdefault(word, _TitleIndex())
            if node.first is None:
                node.first = index
            for w in author_words:
                node.authors.setdefault(w, index)

    def find(self, title: str, author: str | None) -> int | None:
        """The index of the first note whose title `title` shortens and whose author it names."""
        words = _fold(title).split()
        if not words:
            return None
        node = self
        for word in words:
            child = node.children.get(word)
            if child is None:
                return None
            node = child
        if author is None:
            return node.first
        surname = _fold(author).split()
        return node.authors.get(surname[-1]) if surname else None


def resolve_notes(notes: Sequence[Note]) -> list[Note]:
    """Set `resolved_note` on each `Ibid.`/`Id.` and short-form note, following chains to the end.

    `notes` must be in the order the article lists them. An `Ibid.` first in the list, or a short
    form with no earlier match, stays unresolved (`None`). A short form resolves to the first
    earlier note (not an `Ibid.`) whose title it equals or begins by whole words, after folding
    case and accents, and whose author words hold the short form's surname, if it names one.
    """
    out: list[Note] = []
    titles = _TitleIndex()
    for note in notes:
        target: Note | None = None
        ibid = is_ibid(note.text)
        if ibid:
            if out:
                target = out[-1]
            else:
                logger.debug("note %s: Ibid. with no previous note", note.id)
        elif not note.urls and note.title is not None:
            found = titles.find(note.title, note.author)
            target = out[found] if found is not None else None
        if target is not None:
            note = replace(note, resolved_note=target.resolved_note or target.id)
        if not ibid and note.title is not None:
            titles.add(len(out), note.title, note.author)
        out.append(note)
    return out


# --------------------------------------------------------------------------- building notes


@dataclass(frozen=True)
class RawNote:
    """A note as a parser found it: id, position, plain text and any URLs the markup carried.

    `urls` holds link targets the format gives outside the text (a Markdown `[t](url)`, an HTML
    `<a href>`, a DOCX hyperlink); URLs written in the text are found by `build_notes`.
    `url_offsets`, when given, holds where each of `urls` sits in `text`, so the note's URLs keep
    the order they are written in.
    """

    id: str
    line: int
    text: str
    column: int = 1
    urls: tuple[str, ...] = ()
    url_offsets: tuple[int, ...] = ()


_SPACE_RE = re.compile(r"\s+")


def warn_defined_twice(source: str | None, note: str, kept: int, dropped: int) -> None:
    """Log that `note` is defined at line `kept` and again at line `dropped`, which is ignored.

    One wording for every format. The warning is placed at the ignored definition (that is the
    line an editor has to fix) and names the kept one, so neither line has to be guessed.
    """
    where = f"{source}:{dropped}" if source else f"line {dropped}"
    logger.warning(
        "%s: note %s is defined twice (lines %d and %d); keeping the first (line %d), "
        "ignoring this one",
        where,
        note,
        kept,
        dropped,
        kept,
    )


def build_notes(raw: Sequence[RawNote], source: str | None = None) -> tuple[Note, ...]:
    """Turn parser output into resolved `Note`s: URLs, title, author, access date, `Ibid.` target.

    A repeated note id keeps its first occurrence; a later duplicate is dropped with a warning
    naming `source` and both lines (`warn_defined_twice`).
    """
    notes: list[Note] = []
    seen: dict[str, int] = {}  # note id → line of its kept definition
    for r in raw:
        if r.id in seen:
            warn_defined_twice(source, r.id, seen[r.id], r.line)
            continue
        seen[r.id] = r.line
        placed: list[tuple[int, str]] = [(s, u) for s, _, u in find_url_spans(r.text)]
        offsets = r.url_offsets if len(r.url_offsets) == len(r.urls) else (-1,) * len(r.urls)
        placed.extend((off, u) for off, u in zip(offsets, r.urls, strict=True) if _is_web_url(u))
        # Links the markup carried go where their text sits; a link whose text is its own URL
        # then appears twice at one offset and is kept once.
        placed.sort(key=lambda item: item[0])
        urls = _dedupe(u for _, u in placed)
        text = _SPACE_RE.sub(" ", r.text).strip()
        ibid = is_ibid(text)
        notes.append(
            Note(
                id=r.id,
                line=r.line,
                column=r.column,
                text=text,
                urls=tuple(urls),
                title=None if ibid else note_title(text),
                author=None if ibid else note_author(text),
                accessed=parse_accessed(text),
            )
        )
    return tuple(resolve_notes(notes))


def _is_web_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))
