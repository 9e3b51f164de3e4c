"""Reading footnote text: URLs, access dates, titles, authors, and `Ibid.`/short-form resolution.

Every article parser hands the raw text of each note to `build_notes`, so all four formats agree on
what a note cites (SPEC §3.1):

- `find_urls` takes every `http(s)` URL in a note, with trailing sentence punctuation (`.` `,` `)`
  `”` `;` …) stripped; a closing bracket stays when the URL opened it (Wikipedia's `Foo_(bar)`).
- `parse_accessed` (from `claimcheck.article.dates`) reads "accessed March 2, 2025", "retrieved on
  2025-03-02", "consulté le 3 mars 2021", "дата обращения: 03.03.2021" and the like.
- `note_title` is the first quoted span of the note; `note_author` is what precedes it.
- `unquoted_citation` reads the author and title of a note whose title is not quoted: a book,
  whose italics the parsers drop ("John Carter, Valley Lines (Leeds: Rail Press, 2022), 12").
- `resolve_notes` points `Ibid.`/`Ibid., p. 4`/`Id.` (also after "See" or "Cf.", and `Ebd.`,
  `Ivi`, `Ibídem`…) at the previous note; a short form ("Aliyev, “Facing the New World Order.”",
  "Carter, Valley Lines, 45.") at the earlier note with that author surname and title; and
  "Carter, op. cit." or "Carter 2022, 47." at the one earlier work by that author (of that
  year), warning rather than guessing when there are two. Chains are followed to their end.
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
    "unquoted_citation",
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


# --------------------------------------------------------------------------- unquoted titles

# A book's title is set in italics, not in quotation marks, and the parsers keep a note's text
# without its emphasis: "John Carter, *Valley Lines* (Leeds: Rail Press, 2022), 12" reaches
# `build_notes` as "John Carter, Valley Lines (Leeds: …". Such a note is read by its shape: a
# name, a comma, then a capitalised title up to the next bracket, comma or full stop.

# A signal word may introduce a back-reference ("See ibid., 8.", "Cf. ibid.", "Vgl. ebd.").
_SIGNAL = (
    r"(?:(?:see(?:[ \t]+also)?|but[ \t]+see|cf\.?|compare|vgl\.|siehe|voir|véase|cfr\.|vide)"
    r"[ \t]+)?"
)
#: Lower-case words a personal or corporate author's name may hold ("Charles de Gaulle",
#: "Ministry of Finance", "Carter and Jones", "Carter et al.").
_NAME_PARTICLES = frozenset(
    "de da di del della der den van von la le du dos das do bin ibn al el y e and & of the for "
    "on et al. und".split()
)
_NAME_PREFIX_RE = re.compile(r"^(?:al|el|d|l)[-'’]")
_MAX_NAME_WORDS = 6


def _capitalised(word: str) -> bool:
    """Whether `word` can be a word of a name: letters (and `.'’-`), starting with a capital
    ("J.", "O’Brien", "Smith-Jones", "al-Rashid")."""
    core = _NAME_PREFIX_RE.sub("", word)
    return bool(core) and core[0].isupper() and all(ch.isalpha() or ch in ".'’-" for ch in core)


def _is_name(segment: str) -> bool:
    """Whether `segment` reads as an author: one to six name words and particles, no digits."""
    words = segment.split()
    if not 1 <= len(words) <= _MAX_NAME_WORDS or len(segment) > _MAX_AUTHOR_CHARS:
        return False
    if not _capitalised(words[0]) or words[-1].casefold() in _NAME_PARTICLES - {"al."}:
        return False
    return all(_capitalised(w) or w.casefold() in _NAME_PARTICLES for w in words)


_SIGNAL_RE = re.compile(rf"^\s*{_SIGNAL}", re.IGNORECASE)


def _after_signal(text: str) -> str:
    """`text` after any signal word it opens with ("See ", "Cf. ", "Vgl. ")."""
    signal = _SIGNAL_RE.match(text)
    return text[signal.end() if signal else 0 :]


# Where an unquoted title ends: a bracket, a comma or semicolon, or a full stop before a space.
_TITLE_END_RE = re.compile(r"\s*\(|[,;]|\.(?:\s|$)")
# The publication facts a book's full note gives right after its title: "(Leeds: Rail Press, 2022)".
_PUBLICATION_RE = re.compile(r"\s*\([^()]*(?<!\d)(?:1[5-9]|20)\d\d(?!\d)[^()]*\)")
# A page, chapter or note reference ("45", "pp. 112–14", "S. 9", "ch. 3", "xiv", "12 n. 4"),
# and what a note may hold after its citation and before its end: such references and a remark
# in brackets ("(emphasis added)").
_LOCATOR = (
    r"(?:(?:pp?|pgs?|pages?|s|ss|at|ch|chap|chapter|para|paras|n|nn|notes?|fig|vol|no)\.?\s*)?"
    r"(?:\d+|[ivxlc]+)[a-z]?(?:\s*[-–—]\s*(?:\d+|[ivxlc]+))?(?:\s*ff?\.?)?(?!\w)"
)
_LOCATOR_TAIL_RE = re.compile(
    rf"[\s,.:;]*(?:{_LOCATOR}(?:[\s,.:;&]|and)*)*(?:\([^()]*\)[\s.]*)?", re.IGNORECASE
)
# Longer tails are a citation's own text, not page references: not worth reading as locators.
_MAX_TAIL_CHARS = 80
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _is_locator_tail(tail: str) -> bool:
    """Whether `tail` holds nothing but page references and a bracketed remark."""
    return len(tail) <= _MAX_TAIL_CHARS and _LOCATOR_TAIL_RE.fullmatch(tail) is not None


def _is_title(title: str) -> bool:
    """Whether an unquoted `title` can be a work's title: capitalised, with a word of two or
    more letters, not a date ("March 2024") and not a link."""
    if not title or len(title) > 200 or not title[0].isupper() or "://" in title:
        return False
    words = [w.casefold() for w in re.findall(r"[^\W\d_]{2,}", title)]
    if not words:
        return False
    return not (any(ch.isdigit() for ch in title) and all(w in _MONTHS for w in words))


def unquoted_citation(text: str, has_url: bool) -> tuple[str, str] | None:
    """`(author, title)` of a note naming its title without quotation marks, or `None`.

    Read when the title is followed by a book's publication facts ("John Carter, Valley Lines
    (Leeds: Rail Press, 2022), 12"), when the note has a URL of its own (it is a full
    citation: "BBC News, Fares to rise, 3 May 2024, https://…"), or when nothing but page
    references follows the title (a short form: "Carter, Valley Lines, 45."). Anything else
    without a URL ("Interview with the author, London, 2023.") names no title.
    """
    body = _after_signal(text)
    comma = body.find(",")
    if comma <= 0 or not _is_name(body[:comma].strip()):
        return None
    rest = body[comma + 1 :].lstrip()
    end = _TITLE_END_RE.search(rest)
    cut = end.start() if end is not None else len(rest)
    title, tail = rest[:cut].strip(), rest[cut:]
    if not _is_title(title) or _OPCIT_RE.match(body) is not None:
        return None
    if has_url or _PUBLICATION_RE.match(tail) is not None or _is_locator_tail(tail):
        return body[:comma].strip(), title
    return None


# --------------------------------------------------------------------------- Ibid. and short forms

# "Ibid." and its forms in other languages: Ibidem, Spanish Ibíd./Ibídem, legal Id., German
# Ebd./Ebenda, Italian Ivi, Polish Tamże, Russian Там же, Turkish A.g.e. (adı geçen eser, "the
# work named"), Chinese and Japanese 同上 (同上書, 同書, 同前), Hebrew שם
# ("there"), Arabic المرجع نفسه / المصدر نفسه ("the same reference"). "Idem" is left out: it
# repeats the author, not the work ("Idem, “Another Title”"); see `_IDEM_RE`.
_IBID_RE = re.compile(
    rf"^\s*{_SIGNAL}(?:(?:ib[ií]d(?:em)?\.?|id\.|ebd\.|ebenda|tamże|там[ \t]+же"
    r"|age\.)(?=[\s,;:.]|$)"
    # not the initials of "A. G. E. Smith"
    r"|a\.[ \t]?g\.[ \t]?e\.?(?=[\s,;:.]|$)(?!\.?\s+(?-i:[A-ZÇĞİÖŞÜ]))"
    r"|ivi(?=[,.;:]|\s*$)"
    r"|(?:同上[書书]?|同[書书]|同前)(?=[\s,，、。.;；:：第\d]|$)"
    r"|שם(?=\s*[,.;:]|\s*$|\s+עמ)"
    r"|(?:المرجع|المصدر)\s+نفسه|نفس\s+(?:المرجع|المصدر)(?!\s+السابق))",
    re.IGNORECASE,
)
# "Idem, p. 12.": the same author as the note before, but not necessarily the same work.
_IDEM_RE = re.compile(rf"^\s*{_SIGNAL}(?:idem|eadem)(?=[\s,;:.]|$)", re.IGNORECASE)


def is_ibid(text: str) -> bool:
    """Whether a note points at the previous note: `Ibid.`, `Ibid., p. 4`, `Ibidem`, `Id.`,
    the same after a signal word (`See ibid., 8.`, `Cf. ibid.`), or another language's form
    (`Ebd., S. 9.`, `Ivi, p. 3`, `Ibídem`)."""
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


# "Carter, op. cit., 46.": the work of that author cited before (German "a. a. O.", Turkish
# "Yılmaz, a.g.e.", Russian
# "Указ. соч.", Arabic "المرجع السابق"; Italian "Rossi, cit." after a name only, since a bare
# "Cit. in" means "quoted in").
_OPCIT_FORMS = (
    r"(?:op\.?\s*cit|loc\.?\s*cit|a\.\s*a\.\s*O|a\.\s*g\.\s*e|указ\.?\s*соч|ук\.\s*соч|المرجع\s+السابق"
    r"|المصدر\s+السابق)\.?(?=[\s,;:.،]|$)"
)
_OPCIT_RE = re.compile(
    rf"^(?P<names>[^,،\d()]{{1,80}}?)(?:[,،]?\s+{_OPCIT_FORMS}|[,،]\s+cit\.(?=[\s,;:]|$))",
    re.IGNORECASE,
)
_BARE_OPCIT_RE = re.compile(rf"^{_OPCIT_FORMS}", re.I)
# "Carter 2022, 47.", "Carter and Jones (2019): 12": author–date short forms.
_AUTHOR_YEAR_RE = re.compile(
    r"^(?P<names>[^,\d()]{1,80}?),?\s+\(?(?P<year>(?:1[5-9]|20)\d\d)(?P<letter>[a-z]?)\)?"
    r"(?P<rest>.*)$",
    re.DOTALL,
)
# Years a full note gives, with the letter that tells one author's works of a year apart
# ("2022a").
_YEAR_RE = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)([a-z]?)(?![\w])")
# Words of a short form's names that are not surnames.
_NOT_SURNAMES = frozenset("et al and und".split())


def _surnames(names: str) -> list[str]:
    """The folded surname words of a short form's author ("Carter and Jones" → carter, jones)."""
    return [w for w in _fold(names).split() if w not in _NOT_SURNAMES]


def _lead_names(text: str) -> str | None:
    """The author a note opens with, up to its first comma or bracket, when it reads as names."""
    body = _after_signal(text)
    m = re.match(r"[^,(]*", body)
    lead = m.group().strip() if m else ""
    return lead if lead and _is_name(lead) else None


class _Works:
    """The works cited so far by each author word, to resolve `op. cit.` and author–year forms.

    A work is a note that stands on its own (not an `Ibid.`, not a resolved short form); full
    notes citing the same author and title (or, untitled, the same URLs) are one work, and a
    reference to it resolves to the latest of them. Each author word maps to the works whose author holds
    it, so a lookup costs the works of that surname, not every note before it.
    """

    def __init__(self) -> None:
        self.by_word: dict[str, dict[tuple[str, ...], str]] = {}
        self.years: dict[tuple[str, ...], set[str]] = {}

    def add(self, note: Note) -> None:
        """Record `note`, a work standing on its own, under each word of its author."""
        author = note.author or _lead_names(note.text)
        if author is None:
            return
        opcit, dated, body = _back_reference(note.text)
        if opcit or dated or _BARE_OPCIT_RE.match(body):
            return  # an unresolved back-reference is no work of its own
        if note.title is not None:
            key: tuple[str, ...] = ("title", _fold(author), _fold(note.title))
        elif note.urls:
            key = ("urls", *sorted(note.urls))
        else:
            key = ("note", note.id)
        for word in _fold(author).split():
            self.by_word.setdefault(word, {})[key] = note.id
        years = self.years.setdefault(key, set())
        for year, letter in _YEAR_RE.findall(note.text):
            years.update((year, year + letter))

    def by(self, surnames: Sequence[str], year: str | None) -> list[str]:
        """The works (latest note id of each, in first-cited order) whose author holds every
        one of `surnames` and, with `year` ("2022", "2022a"), whose note gives that year."""
        if not surnames:
            return []
        found = self.by_word.get(surnames[0], {})
        return [
            note
            for key, note in found.items()
            if all(key in self.by_word.get(s, {}) for s in surnames[1:])
            and (year is None or year in self.years.get(key, ()))
        ]


def _where(note: Note, source: str | None) -> str:
    return f"{source}:{note.line}:{note.column}" if source else f"line {note.line}"


def _back_reference(text: str) -> tuple[re.Match[str] | None, re.Match[str] | None, str]:
    """`(op_cit, author_year, body)`: the note's `op. cit.` or author–year short form (at most
    one of them), and its text after any signal word."""
    body = _after_signal(text)
    opcit = _OPCIT_RE.match(body)
    dated = None if opcit is not None else _AUTHOR_YEAR_RE.match(body)
    if dated is not None and not _is_locator_tail(dated.group("rest")):
        dated = None
    return opcit, dated, body


def _is_back_reference(note: Note) -> bool:
    """Whether a note without URLs only points at another note (`op. cit.`, `Idem`, an
    author–year short form), so that an `Ibid.` after it has no work of its own to refer to."""
    if note.urls or note.title is not None:
        return False
    opcit, dated, body = _back_reference(note.text)
    return (
        opcit is not None
        or dated is not None
        or _BARE_OPCIT_RE.match(body) is not None
        or _IDEM_RE.match(note.text) is not None
    )


def _by_author(note: Note, works: _Works, source: str | None) -> str | None:
    """The work an `op. cit.` or author–year short form refers to, or `None`.

    Conservative: with two earlier works the author's name fits (of that year, for `Carter
    2022`) nothing is chosen, since guessing would check the quote against the wrong source.
    That, and an `op. cit.` with no author or no earlier work by it, is warned about: the
    note plainly refers back, and its claims would otherwise turn `no_source` unexplained.
    """
    opcit, dated, body = _back_reference(note.text)
    match = opcit or dated
    names = match.group("names").strip() if match is not None else ""
    if not _is_name(names):
        if opcit is not None or _BARE_OPCIT_RE.match(body) is not None:
            _unresolved(note, source, "names no author, so the work it refers back to is unknown")
        return None
    year = None if dated is None else dated.group("year") + dated.group("letter")
    candidates = works.by(_surnames(names), year)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        _unresolved(
            note,
            source,
            f"could refer to notes {', '.join(candidates)}, all by {names}",
            " (give its short title to say which)",
        )
    elif opcit is not None:
        _unresolved(
            note, source, f"refers back to a work by {names}, but no earlier note cites one"
        )
    return None


def _unresolved(note: Note, source: str | None, why: str, hint: str = "") -> None:
    """Warn that `note` refers back to another note that cannot be told."""
    logger.warning(
        "%s: note %s (%s) %s: not resolved, so its claims have no source%s",
        _where(note, source),
        note.id,
        note.text if len(note.text) <= 60 else note.text[:59] + "…",
        why,
        hint,
    )


def resolve_notes(notes: Sequence[Note], source: str | None = None) -> list[Note]:
    """Set `resolved_note` on each `Ibid.`/`Id.` and short-form note, following chains to the end.

    `notes` must be in the order the article lists them. A short form resolves to the first
    earlier note (not an `Ibid.`) whose title it equals or begins by whole words, after folding
    case and accents, and whose author words hold the short form's surname, if it names one.
    Without a title, `Carter, op. cit.` and `Carter 2022` resolve to the one earlier work by
    that author (of that year): with two, they stay unresolved with a warning. An `Ibid.` first
    in the list, or a short form with no earlier match, stays unresolved (`None`); an `Ibid.`
    or `op. cit.` that has nothing to refer to is warned about, naming `source` and the line.
    """
    out: list[Note] = []
    titles = _TitleIndex()
    works = _Works()
    unresolved: set[str] = set()  # back-references that point nowhere
    for note in notes:
        target: str | None = None
        ibid = is_ibid(note.text)
        if ibid:
            if not out:
                _unresolved(note, source, "is the first note: there is no earlier note to refer to")
            elif out[-1].id in unresolved:
                _unresolved(
                    note, source, f"refers to note {out[-1].id}, which is itself not resolved"
                )
            else:
                target = out[-1].resolved_note or out[-1].id
        elif not note.urls:
            if note.title is not None:
                found = titles.find(note.title, note.author)
                if found is not None:
                    target = out[found].resolved_note or out[found].id
            if target is None and note.title is None:
                if _IDEM_RE.match(note.text):
                    # Conservative: "Idem, p. 12" most often means the same work, but it says
                    # only "the same author"; a wrong guess would check against another work.
                    _unresolved(
                        note,
                        source,
                        "repeats the author of the note before but names no work",
                        " (write Ibid. for the same work, or give the title)",
                    )
                else:
                    target = _by_author(note, works, source)
        if target is None and (ibid or _is_back_reference(note)):
            unresolved.add(note.id)
        if target is not None:
            note = replace(note, resolved_note=target)
        if not ibid and note.title is not None:
            titles.add(len(out), note.title, note.author)
        if not ibid and note.resolved_note is None:
            works.add(note)
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
        title = author = None
        if not is_ibid(text):
            title, author = note_title(text), note_author(text)
            if title is None:
                author, title = unquoted_citation(text, bool(urls)) or (None, None)
        notes.append(
            Note(
                id=r.id,
                line=r.line,
                column=r.column,
                text=text,
                urls=tuple(urls),
                title=title,
                author=author,
                accessed=parse_accessed(text),
            )
        )
    return tuple(resolve_notes(notes, source))


def _is_web_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))
