"""Claims found in an article's body: quotes, terms and facts in sentences that carry a note.

Every article parser turns its body into `TextBlock`s: a paragraph's plain text with the footnote
markers taken out (kept as zero-width `Marker`s at their offsets), the inline links it holds
(`LinkSpan`), and `Anchor`s mapping offsets back to line and column in the original file.
`extract_claims` then applies SPEC §3.2 the same way for every format:

- a block is split into sentences (never inside a quotation, not after "H.E." or "U.S.");
- a sentence carrying a marker is a claim: each quoted span (“…”, "…", ‘…’, '…', «…») is a
  `quote`, or a `term` when it is one or two words (scare quotes); each figure
  `claimcheck.numbers` finds outside the quotes, other than a page reference ("(pp. 112–14)"),
  is a `fact`. With several markers in a sentence, an item belongs to the nearest marker after
  it (or the last one before it); but when the sentence puts its markers before what they
  support (an item follows the last marker: "Carter[1] calls it “…” while Jones[2] calls it
  “…”"), to the nearest marker before it, unless a marker follows the item directly;
- a sentence with a quote but no marker gives its quotes to the marker of the sentence before
  it when that sentence has nothing else to check ("Carter put it bluntly.[1] “…”"), else to
  the first marker of the next sentence in the same paragraph (the author put the note after
  the attribution);
- a sentence with no marker but an inline link cites the link's URL directly (`note=None`);
- a sentence with neither that states a figure or a quotation is `Uncited` (`--uncited`).

A claim's line and column are those of its opening quotation mark or the figure's first character.
Claim ids are stable slugs made from the note id and the first words (`n6-us-150-billion`); words
of a script an ASCII slug cannot spell are stood for by a digest of the text (`n3-98d3b5e8`).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import logging
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimcheck.model import Claim, ClaimKind, Uncited, quote_kind

if TYPE_CHECKING:
    from claimcheck.numbers import Figure

logger = logging.getLogger(__name__)

__all__ = [
    "Anchor",
    "LinkSpan",
    "Marker",
    "QuoteSpan",
    "TextBlock",
    "extract_claims",
    "find_quotes",
    "make_claim_id",
    "split_sentences",
    "unique_id",
]


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Anchor:
    """Offset `offset` of a block's text is at `line`, `column` (both 1-based) of the file."""

    offset: int
    line: int
    column: int


@dataclass(frozen=True)
class Marker:
    """A footnote marker taken out of the text: it sat just before `offset` and names `note`."""

    offset: int
    note: str


@dataclass(frozen=True)
class LinkSpan:
    """An inline link whose text is `text[start:end]` of the block."""

    start: int
    end: int
    url: str


@dataclass(frozen=True)
class TextBlock:
    """One paragraph (or heading) of the body, as plain text without its footnote markers.

    `anchors` must be sorted by offset and start at offset 0. Between anchors, each character
    advances the column and each newline the line, so a parser only needs an anchor where the text
    stops following the file (a removed marker, a Markdown link's hidden URL, an HTML tag).
    """

    text: str
    anchors: tuple[Anchor, ...]
    markers: tuple[Marker, ...] = ()
    links: tuple[LinkSpan, ...] = ()
    heading: bool = False
    #: `(start, end)` spans of computer text (inline code, `<pre>`, `<kbd>`), in order: its
    #: quote marks (`grep 'disk full'`, `mode = "strict"`) are syntax, never quotations.
    code: tuple[tuple[int, int], ...] = ()

    def position(self, offset: int) -> tuple[int, int]:
        """The `(line, column)` in the original file of the block's `offset`."""
        if not self.anchors:
            return 1, 1
        # `key=` rather than a list of offsets: this runs once per claim and link, and a list
        # rebuilt per call made a long paragraph full of markers quadratic.
        i = max(bisect.bisect_right(self.anchors, offset, key=lambda a: a.offset) - 1, 0)
        anchor = self.anchors[i]
        # The text from the anchor to `offset` (cut at the text's end), its line breaks found in
        # `_line_breaks` rather than counted afresh: a paragraph with one anchor and thousands of
        # claims would otherwise be read from its start once per claim.
        start = min(anchor.offset, len(self.text))
        end = max(start, min(offset, len(self.text)))
        breaks = self._line_breaks
        first, last = bisect.bisect_left(breaks, start), bisect.bisect_left(breaks, end)
        if last > first:
            return anchor.line + last - first, end - breaks[last - 1]
        return anchor.line, anchor.column + end - start

    @functools.cached_property
    def _line_breaks(self) -> list[int]:
        """The offsets of the text's line breaks, in order (computed once per block)."""
        return [m.start() for m in _LINE_BREAK_RE.finditer(self.text)]


_LINE_BREAK_RE = re.compile("\n")


# --------------------------------------------------------------------------- quotes


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted span: `start` is the opening mark, `end` is just after the closing mark."""

    start: int
    end: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


#: Each opening mark and the marks that close it: English “…” and ‘…’, French «…», German
#: „…“ and »…«, Polish, Dutch and Hebrew „…”, Swiss ‹…›, German ‚…‘, and the corner brackets
#: of Chinese and Japanese 「…」 and 『…』.
_CURLY_PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”",),
    "«": ("»",),
    "‘": ("’",),
    "„": ("“", "”"),
    "»": ("«",),
    "‹": ("›",),
    "‚": ("‘", "’"),
    "「": ("」",),
    "『": ("』",),
}
# Characters after which a straight `"` or `'` opens a quotation rather than closes one.
_OPENER_CONTEXT = frozenset(" \t\n\u00a0([{—–-/:")
# A straight `'` after a space that starts an elided word rather than a quotation: a decade
# ("the '90s", "in '22"), "'n'" of "rock 'n' roll", "'tis", "'em", "'til", "'cause", and the
# Dutch articles and pronoun "'t", "'s" ("'s avonds", "'s-Hertogenbosch"), "'n" and "'k".
_ELISION_RE = re.compile(
    r"['‘’](?:\d\d(?!\d)|(?:n|t|s|k|tis|twas|em|til|till|cause|cos|bout|round|nuff)(?![^\W\d_]))",
    re.IGNORECASE,
)


def find_quotes(text: str, code: Sequence[tuple[int, int]] = ()) -> list[QuoteSpan]:
    """The top-level quoted spans of `text`, in order (quotes nested inside them are not listed).

    Curly, angle and corner quotes pair with their own closing marks (`_CURLY_PAIRS`). A `’`
    only closes a `‘` when no Latin, Greek or Cyrillic letter follows it, so apostrophes
    ("Türkiye’s") inside a single-quoted span do not end it. A straight `"` opens after a
    space or bracket and closes at the next `"` that follows a non-space. A straight `'`
    (British style typed on a plain keyboard) opens likewise when a word starts right after it
    (`_opens_single`), and closes at the next `'` after a non-space that no letter or digit
    follows, so the apostrophes of "don't", "the '90s" and "rock 'n' roll" are no quotation.
    An opening mark with no closing mark in the text is ignored, and so is every mark inside
    `code` (spans of computer text, `TextBlock.code`).

    Whether a mark can close does not depend on the mark that opened, so the closing marks of
    each kind are listed once and looked up by bisection: many opening marks that never close
    cost no rescan of the rest of the text each.
    """
    if code:
        # Code's marks neither open nor close a quotation; a same-length letter keeps offsets.
        parts, last = [], 0
        for a, b in code:
            parts += [text[last:a], "x" * (b - a)]
            last = b
        text = "".join([*parts, text[last:]])
    spans: list[QuoteSpan] = []
    closers = _Closers(text)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        end = -1
        if ch == "‘":
            end = -1 if _ELISION_RE.match(text, i) else _single_close(text, closers, "’", i)
        elif ch in _CURLY_PAIRS:
            found = [j for j in (closers.after(close, i) for close in _CURLY_PAIRS[ch]) if j >= 0]
            end = min(found, default=-1)
        elif ch == '"' and (i == 0 or text[i - 1] in _OPENER_CONTEXT):
            end = closers.after('"', i)
        elif ch == "'" and _opens_single(text, i):
            end = _single_close(text, closers, "'", i)
        if end > i + 1 and text[i + 1 : end].strip():
            spans.append(QuoteSpan(i, end + 1))
            i = end + 1
        else:
            i += 1
    return spans


#: How far past a possessive-looking closing mark a quotation may still run to a better one.
_POSSESSIVE_REACH = 400


def _single_close(text: str, closers: _Closers, close: str, start: int) -> int:
    """The closing mark of the single quotation opened at `start` (`'` or `‘`), or -1.

    A closing mark can also be the apostrophe of a plural possessive ("'The farmers' protest
    is over,'"): one after an "s" and before a space and a lower-case word. Such a mark closes
    the quotation only when no better one follows: the quotation runs on to the first later
    closing mark that is not possessive-looking, as long as no new quotation opens, no
    paragraph ends, and it is near. So "'a farce of excuses' and said" still closes at
    "excuses'" when nothing closes after it.
    """
    first = end = closers.after(close, start)
    while end >= 0 and _possessive_like(text, end):
        later = closers.after(close, end)
        if later < 0 or later - start > _POSSESSIVE_REACH:
            break
        between = text[end + 1 : later]
        if "\n" in between or _opens_between(text, end + 1, later, close):
            break
        if not _possessive_like(text, later):
            return later
        end = later
    return first


#: Words that follow a closing quotation mark but hardly ever a possessive ("'…excuses' and
#: left", "'…bosses' he said"): a possessive is followed by what is owned.
_AFTER_QUOTE_WORDS = frozenset(
    "and or but nor as at by for from in into of on to with than that which who whom said says "
    "say told asks asked added adds he she it they we you i the a an is was are were be been "
    "has had have will would could should may might must so then when while if".split()
)
_NEXT_WORD_RE = re.compile(r"[^\W\d_]+")


def _possessive_like(text: str, j: int) -> bool:
    """Whether the closing mark at `j` reads as a plural possessive: "farmers' protest" (an
    "s", the mark, a space and a lower-case word that is not one a quotation is often followed
    by, `_AFTER_QUOTE_WORDS`)."""
    if not (j > 0 and text[j - 1] in "sS" and j + 2 < len(text) and text[j + 1] == " "):
        return False
    word = _NEXT_WORD_RE.match(text, j + 2)
    return word is not None and word.group()[0].islower() and word.group() not in _AFTER_QUOTE_WORDS


def _opens_between(text: str, lo: int, hi: int, close: str) -> bool:
    """Whether a single quotation opens in `text[lo:hi]` (`close` is the mark that would
    close it)."""
    if close == "’":
        return "‘" in text[lo:hi]
    j = text.find("'", lo, hi)
    while j >= 0:
        if _opens_single(text, j):
            return True
        j = text.find("'", j + 1, hi)
    return False


class _Closers:
    """The offsets in `text` where each closing mark can close a quotation, listed on first use.

    A straight `"` closes when it follows a non-space; a `’` when no apostrophe letter follows
    it (`_apostrophe_letter`); any other closing mark wherever it is.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: dict[str, list[int]] = {}

    def after(self, close: str, start: int) -> int:
        """The first offset after `start` where `close` closes a quotation, or -1."""
        positions = self.positions.get(close)
        if positions is None:
            positions = self.positions[close] = self._list(close)
        k = bisect.bisect_right(positions, start)
        return positions[k] if k < len(positions) else -1

    def _list(self, close: str) -> list[int]:
        text, n = self.text, len(self.text)
        out: list[int] = []
        j = text.find(close)
        while j >= 0:
            if close == '"':
                ok = j > 0 and not text[j - 1].isspace()
            elif close == "’":
                ok = j + 1 >= n or not _apostrophe_letter(text[j + 1])
            elif close == "'":
                # Not an apostrophe inside a word ("don't", "Ba'ath") nor after a space.
                ok = (
                    j > 0
                    and not text[j - 1].isspace()
                    and (j + 1 >= n or not text[j + 1].isalnum())
                )
            else:
                ok = True
            if ok:
                out.append(j)
            j = text.find(close, j + 1)
        return out


def _opens_single(text: str, i: int) -> bool:
    """Whether the straight `'` at `i` opens a quotation ('not necessary', British style): it
    follows a space or an opening bracket, a word starts right after it, and it is not the
    apostrophe of an elided word (`_ELISION_RE`). Apostrophes inside or after a word ("don't",
    "Jones' car") never open one. A quotation may start with an elided word itself ("''s
    Avonds is het druk,'", "''Tis the season,'"): the mark before its apostrophe opens it."""
    if not (i == 0 or text[i - 1] in _OPENER_CONTEXT) or i + 1 >= len(text):
        return False
    after = text[i + 1]
    if after.isalnum():
        return _ELISION_RE.match(text, i) is None
    return after in "'’" and _ELISION_RE.match(text, i + 1) is not None


def _apostrophe_letter(ch: str) -> bool:
    """Whether a `’` before `ch` is an apostrophe ("Türkiye’s"): a letter of a script written
    with apostrophes (Latin, Greek, Cyrillic). A Korean particle right after a closing mark
    (‘…’는) does not make it one."""
    return ch.isalpha() and ord(ch) < 0x0530


# --------------------------------------------------------------------------- sentences

# Words that end with a period without ending the sentence. Single letters (initials, "p.") and
# dotted forms ("U.S.", "H.E.", "e.g.") are recognised by shape, not listed.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr vs cf al approx no nos vol vols pp ed eds fig gen gov sen rep rev "
    "hon amb lt col capt sgt inc ltd co corp dept est jan feb mar apr jun jul aug sep sept oct nov "
    "dec art para ch sec bzw ca nr str abs "
    # Spanish núm. before a number, and page abbreviations (`_PAGE_ABBREVIATION`). Magnitudes
    # and "about" words beside a figure (Bio., млн., aprox., env.) can also end a sentence, and
    # are decided by what follows them (`_FIGURE_ABBREVIATIONS`).
    "núm num "
    "pg pgs pág págs pag pags pagg ss blz стр"
    "".split()
)
# A day written "3." before a month name ("am 3. März 2021", "le 3. mai") ends no sentence.
_MONTH_AFTER_DAY_RE = re.compile(
    r"\s+(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
    r"|Dezember|Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık)(?!\w)"
)
_DIGIT_AFTER_RE = re.compile(r"\s*[0-9]")
_TERMINAL_RE = re.compile(r"(?:[.!?]+|…|[。！？]+)[\"'”’“»«›」』)\]]*")
_OPENERS = "\"'“‘«„»‚‹「『(["
#: Sentence ends of Chinese and Japanese, which need no space after them.
_CJK_TERMINALS = frozenset("。！？")


def _inside_quote(quotes: Sequence[QuoteSpan], starts: Sequence[int], j: int) -> bool:
    """Whether offset `j` falls strictly inside one of `quotes` (top-level, so in order and
    apart; `starts` their start offsets)."""
    k = bisect.bisect_left(starts, j) - 1
    return k >= 0 and j < quotes[k].end


def split_sentences(text: str, quotes: Sequence[QuoteSpan] | None = None) -> list[tuple[int, int]]:
    """Sentence spans `(start, end)` of `text`; whitespace between sentences belongs to none.

    A sentence ends at `.`, `!`, `?` or `…` (plus closing quotes and brackets) followed by space and
    an upper-case letter, a digit or an opening quote — but never inside a quotation, and not
    after an abbreviation, an initial or a dotted form such as "U.S.".
    """
    if quotes is None:
        quotes = find_quotes(text)
    quote_starts = [q.start for q in quotes]
    cuts: list[int] = []
    n = len(text)
    for m in _TERMINAL_RE.finditer(text):
        j = m.end()
        rest = j
        while rest < n and text[rest].isspace():
            rest += 1
        if rest < n:
            if rest == j:
                if m.group()[0] in _CJK_TERMINALS:
                    if not _inside_quote(quotes, quote_starts, j):
                        cuts.append(j)
                continue
            k = rest
            while k < n and text[k] in _OPENERS:
                k += 1
            if k >= n or not (text[k].isupper() or text[k].isdigit()):
                continue
        if _inside_quote(quotes, quote_starts, j):
            continue
        if m.group() == "." and _is_abbreviation(text, m.start()):
            continue
        cuts.append(j)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, n]:
        while start < cut and text[start].isspace():
            start += 1
        end = cut
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        start = cut
    return spans


def _is_abbreviation(text: str, period: int) -> bool:
    p = period
    while p > 0 and not text[p - 1].isspace():
        p -= 1
    token = text[p:period].lstrip(_OPENERS)
    if not token:
        return False
    if len(token) == 1 and token.isalpha():
        return True
    if len(token) <= 2 and token.isdigit() and _MONTH_AFTER_DAY_RE.match(text, period + 1):
        return True
    if token == "Rs" and _DIGIT_AFTER_RE.match(text, period + 1):
        return True  # rupees: "Rs. 1.2 crore"
    # A dotted form is letters ("U.S.", "e.g."); an amount ("£3.8m.", "2.5.") ends a sentence.
    if "." in token and not any(c.isdigit() for c in token):
        return True
    word = token.casefold()
    if word in _FIGURE_ABBREVIATIONS:
        return not _opens_sentence_after_figure_word(text, period + 1, word)
    return word in _ABBREVIATIONS


#: Abbreviations standing beside a figure ("9,9 Bio. Euro", "5 млн. рублей", "7 millones
#: aprox.") that also end sentences, since the press writes one full stop for both ("… nur noch
#: Bio. Der Umsatz …", "… 5 млн. В 2020 году …"). German ones are followed by capitalised nouns
#: ("3 Mio. Einwohner"), so only a capitalised function word starts a sentence after them.
_GERMAN_FIGURE_ABBREVIATIONS = frozenset("bio mio mrd tsd".split())
_FIGURE_ABBREVIATIONS = _GERMAN_FIGURE_ABBREVIATIONS | frozenset(
    "mld mln tys млн млрд трлн тыс aprox env yakl руб коп".split()
)
#: Capitalised words that continue a figure rather than start a sentence: currencies and units.
_CAPITALISED_UNITS = frozenset(
    "euro euros dollar dollars us-dollar pfund franken yen yuan renminbi rubel kronen złoty zloty "
    "forint lira pesos pfund sterling".split()
)
#: Capitalised German words that can only be a sentence's first word: articles, pronouns,
#: prepositions, conjunctions and adverbs (a noun after "Mio." is what is counted).
_GERMAN_SENTENCE_OPENERS = frozenset(
    "der die das den dem des ein eine einer eines einem einen er sie es wir ich ihr man dies "
    "diese dieser dieses diesem jene im in am an auf aus bei mit nach seit von vor zu zum zur für "
    "über unter um durch gegen ohne bis auch aber doch denn und oder so dann da damit dabei daher "
    "deshalb trotzdem jedoch nun noch schon nur wie was wer wo wann warum als wenn ob weil dass "
    "mehr alle viele zudem außerdem insgesamt laut gleichzeitig inzwischen heute damals zuletzt "
    "erst immer nie".split()
)
_WORD_AFTER_RE = re.compile(r"\s+[\"'“‘«„»‚‹(\[]*([^\W\d_][\w-]*)")


def _opens_sentence_after_figure_word(text: str, at: int, abbreviation: str) -> bool:
    """Whether the word after a figure abbreviation's period (`text[at:]`) starts a sentence:
    it is capitalised and not a currency or unit ("Euro", "USD"), and after a German
    abbreviation it is a word only a sentence starts with (`_GERMAN_SENTENCE_OPENERS`)."""
    m = _WORD_AFTER_RE.match(text, at)
    if m is None:
        return False
    word = m.group(1)
    if not word[0].isupper() or (len(word) > 1 and word.isupper()):
        return False  # lower case, or an acronym such as "USD", "EUR", "ГВт" aside
    folded = word.casefold()
    if folded in _CAPITALISED_UNITS:
        return False
    if abbreviation in _GERMAN_FIGURE_ABBREVIATIONS:
        return folded in _GERMAN_SENTENCE_OPENERS
    return True


# --------------------------------------------------------------------------- claim ids

_MAX_ID_WORDS = 4


def _slug_words(text: str) -> list[str]:
    text = text.replace("ı", "i").replace("İ", "I")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


def make_claim_id(
    note: str | None,
    text: str,
    taken: set[str],
    *,
    url: str | None = None,
    next_suffix: dict[str, int] | None = None,
) -> str:
    """A stable slug for a claim, unique within `taken` (which it is added to).

    `n6-us-150-billion`: "n" plus a numeric note id (a label such as `smith2020` is used as is),
    then the first words of the quote or figure. A claim citing a URL directly starts with `link`.
    A clash gets `-2`, `-3`, … appended (`unique_id`); pass `next_suffix` when giving out many
    ids: without it an article repeating one figure thousands of times (a hostile input found by
    the fuzz corpus, issue 7) costs quadratic time.
    """
    if note is not None:
        prefix = f"n{note}" if note.isdigit() else "-".join(_slug_words(note)) or "note"
    else:
        prefix = "link" if url else "claim"
    words = _slug_words(text)[:_MAX_ID_WORDS]
    if not any(word[0].isalpha() for word in words) and any(ch.isalpha() for ch in text):
        # Words of another script leave no letters in an ASCII slug: every claim of a Russian
        # or Chinese note would be `n3`, `n3-2`, …, renumbered whenever a claim is added before
        # another. A digest of the text keeps each id to its claim.
        words = [*words[:2], _digest(text)]
    return unique_id("-".join([prefix, *words]), taken, next_suffix)


def _digest(text: str) -> str:
    """Eight hex digits that stay the same for `text` however its spaces or case are written."""
    folded = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:8]


def unique_id(base: str, taken: set[str], next_suffix: dict[str, int] | None = None) -> str:
    """`base`, or `base-2`, `-3`, … whichever is free in `taken` (which it is added to).

    `next_suffix` remembers, per base, where the last search stopped: `taken` only grows, so every
    suffix below that is still taken and a run of clashes costs linear time, not quadratic.
    """
    candidate, k = base, (next_suffix or {}).get(base, 2)
    while candidate in taken:
        candidate = f"{base}-{k}"
        k += 1
    if next_suffix is not None:
        next_suffix[base] = k
    taken.add(candidate)
    return candidate


# --------------------------------------------------------------------------- extraction

_SPACE_RE = re.compile(r"\s+")
# A small number written in letters right after a determiner ("the two countries", "the final
# two issues", "both three-way talks") refers back to things already named; it is not a figure a
# source states. Ten is where style guides stop spelling numbers out, and every such phrase in the
# reference article is at or below it; "nearly three years" or "five core principles" stay facts.
_REFERENTIAL_MAX = 10
_DETERMINERS = frozenset("the these those its their our his her both all".split())
# Words after which a number is a name or an identifier, not an amount ("Article 5").
_NAMING_WORDS = frozenset(
    "article articles resolution resolutions section sections chapter chapters clause clauses "
    "paragraph paragraphs annex amendment protocol directive regulation rule rules item items "
    "page pages table figure fig no number route highway flight room platform gate line lines "
    "volume vol issue version v model series generation level grade phase stage tier category "
    "type mark artikel absatz kapitel seite abschnitt artículo capítulo página chapitre "
    "madde".split()
)
# Function words, capitalised at the start of a sentence, before a figure ("In 2020", "By 2030");
# any other capitalised word right before a bare number names a product or a model ("iPhone
# 15", "Windows 11", "Boeing 737", "Fortune 500") unless a counted thing follows ("London 300
# people").
_NOT_A_NAME = frozenset(
    "in by since from until till to of on at for after before during between about around over "
    "under nearly almost some only just more less than the a an and or but this that these those "
    "its their our his her all both each every some total another about approximately roughly "
    "up down rose fell around circa c last next early late mid spring summer autumn fall winter "
    "fiscal fy year years since through when while as with without".split()
)
_CAPITAL_BEFORE_RE = re.compile(r"(?<![\w.])([^\W\d_]*[A-Z][^\W\d_]*)[ \u00a0]\Z")
_STREET_AFTER_RE = re.compile(
    r"(?:\s+[A-Z][\w'’-]*){1,3}\s+(?:Street|St|Road|Rd|Avenue|Ave|Square|Sq|Lane|Place|Drive"
    r"|Boulevard|Blvd|Way|Terrace|Close|Crescent|Court|Gardens|Row|Hill)(?!\w)"
)
_STREET_BEFORE_RE = re.compile(
    r"(?i)[^\W\d_]+(?:straße|strasse|gasse|weg|platz|allee|damm|ufer)[ \u00a0]\Z"
)
# Runs of digit groups that are one identifier: a phone number ("0800 123 4567"), an ISBN
# ("978-0-12-345678-9"), a DOI ("10.1038/s41586-020-2649-2").
_IDENTIFIER_RE = re.compile(
    r"(?<![\w.,])\+?[0-9]+(?:[ -][0-9]+){2,}(?![\w,]|\.[0-9])|(?i:doi:?\s*)?10\.[0-9]{4,}/\S+"
)
# Page references: locators that say where in the source a quote is, not figures it states.
# A bracket opening with a page abbreviation is one whole ("(pp. 45, 47–9)", "(S. 12 f.)");
# elsewhere an abbreviation and one page or range ("p. 45", "pp. 112–14", "pp. 3ff."); and a
# legal pinpoint in brackets after "Id." or a name ("(Carter, at 45)", "(id. at 12–13)").
# Only a figure wholly inside one is skipped: "(at 45%)" is a share, not a page.
# The page abbreviations and words of the languages claimcheck reads: English p./pp., Spanish
# and Portuguese pág./págs., German S./Seite, Russian с./С./стр., Polish and Turkish s.,
# Polish str., Dutch blz., Italian pag./pagg./pagina, Turkish sayfa, Arabic ص and Hebrew עמ'.
_PAGE_ABBREVIATION = (
    r"(?:(?:pp?|pgs?|págs?|pags?|pagg|S|ss?|Bl|blz|str|[сС]|стр)\.|Seiten?|pagina|página|sayfa"
    r"|ص|עמ['׳’])[ \u00a0]?"
)
_PAGE_RANGE = r"\d+[a-z]?(?:[ \u00a0]?[-–—][ \u00a0]?\d+)?(?:[ \u00a0]?ff?\.?)?"
# Chinese and Japanese write the page as a counter after the number: 45頁, 第45页, 45ページ.
_CJK_PAGE = r"(?<![\d.,])第?\d+(?:[-–~〜～]\d+)?[ \u00a0]?(?:頁|页|ページ)"
_PAGE_REF_RE = re.compile(
    rf"\((?:(?:see|cf\.)[ \u00a0])?{_PAGE_ABBREVIATION}\d[^()]*\)"
    rf"|(?<![\w.]){_PAGE_ABBREVIATION}{_PAGE_RANGE}"
    rf"|{_CJK_PAGE}"
    rf"|(?<=\()(?:[Ii]d\.|[A-Z][\w'’.-]*(?:[ \u00a0][A-Z][\w'’.-]*){{0,3}},)"
    rf"[ \u00a0]at[ \u00a0]{_PAGE_RANGE}(?=[ \u00a0]*[.,;)])"
)
_IDIOM_RE = re.compile(r"(?i)(?<!\w)(?:in|of)\s+two\s+minds(?!\w)")
# The word right before a figure, nothing but a space (or "No." and a space) between.
_NAMING_BEFORE_RE = re.compile(r"([^\W\d_]+)\.?[ \u00a0]\Z")
_TIME_OF_DAY_RE = re.compile(r"\s?(?:[ap]\.m\.|[ap]m\b)", re.IGNORECASE)
_YEAR_RANGE_RE = re.compile(r"(?:1[89]|20)\d\d\s?[\u2013\u2014/-]\s?\Z")
_WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Target:
    offset: int
    note: str | None
    url: str | None


@dataclass(frozen=True)
class _Item:
    offset: int  # where the claim sits in the block (opening quote mark, figure start)
    kind: ClaimKind
    text: str  # the quote without its marks, or the figure as written
    value: str | None = None
    end: int = -1  # just after the claim in the block (closing quote mark, figure end)


def _in_code(item: _Item, code: Sequence[tuple[int, int]]) -> bool:
    """Whether `item` overlaps a span of computer text (`TextBlock.code`)."""
    end = item.end if item.end > item.offset else item.offset + len(item.text)
    return any(a < end and item.offset < b for a, b in code)


def _quote_text(text: str, span: QuoteSpan) -> str:
    a, b = span.inner
    quote = _SPACE_RE.sub(" ", text[a:b]).strip()
    # Sentence punctuation inside the closing mark ("…two states,”) belongs to the sentence, not
    # the source; an ellipsis marks an omission and stays.
    quote = quote.rstrip(",;:")
    if quote.endswith(".") and not quote.endswith("..."):
        quote = quote[:-1]
    return quote.strip()


def _quote_items(
    text: str, quotes: Sequence[QuoteSpan], lo: int, hi: int, starts: Sequence[int] | None = None
) -> list[_Item]:
    """The quotes of `text[lo:hi]`; `starts` lists the start offsets of `quotes` (in order and
    apart, as `find_quotes` gives them) so that a sentence costs only its own quotes."""
    items: list[_Item] = []
    if starts is None:
        starts = [q.start for q in quotes]
    for k in range(bisect.bisect_left(starts, lo), len(quotes)):
        q = quotes[k]
        if q.start >= hi:
            break
        if q.end <= hi:
            quote = _quote_text(text, q)
            if not quote:
                continue
            kind = quote_kind(quote)
            items.append(_Item(q.start, kind, quote, end=q.end))
    return items


def _is_fact(text: str, start: int, figure: Figure) -> bool:
    """Whether a figure `claimcheck.numbers` found at `start` of `text` is a checkable fact.

    Not facts: a number that names something ("Article 5", "Resolution 242", "Route 66"), a time
    of day ("at 5 p.m."), the second year of a range that the number reader did not read as a
    year (it reads a season's, "2022–23" or "2022/23"), a small number in letters that refers
    back ("the two countries"; a share or a change such as "the firm halved" is no such number),
    and "zero" or "one" in a compound adjective ("a zero-width space", "one-sided").
    """
    end = start + len(figure.text)
    lead = max(0, start - 40)
    naming = _NAMING_BEFORE_RE.search(text, lead, start)
    if naming is not None and naming.group(1).casefold() in _NAMING_WORDS:
        return False
    if _TIME_OF_DAY_RE.match(text, end):
        return False
    if _is_a_name(text, start, end, figure):
        return False
    if (
        len(figure.text) == 2
        and figure.text.isdigit()
        and figure.quantity.kind != "year"  # the number reader saw a season's second year
        and _YEAR_RANGE_RE.search(text, lead, start)
    ):
        return False
    if any(ch.isdigit() for ch in figure.text) or figure.quantity.value > _REFERENTIAL_MAX:
        return True
    if figure.quantity.kind == "ratio":
        # A share or a change ("the firm halved its staff"), never a number referred back to.
        return True
    if figure.quantity.value <= 1 and text[end : end + 1] in ("-", "\u2011"):
        return False  # "zero-width", "one-sided"; "a five-year plan" is a figure
    before = [w.casefold() for w in _WORD_RE.findall(text[lead:start])][-2:]
    return not any(w in _DETERMINERS for w in before)


def _is_a_name(text: str, start: int, end: int, figure: Figure) -> bool:
    """Whether a bare number names a product, a model or an address ("iPhone 15", "Boeing 737",
    "221 Baker Street", "Hauptstraße 12"), or is a word of an idiom ("in two minds")."""
    if figure.quantity.kind not in ("count", "number", "year"):
        return False
    if _IDIOM_RE.search(text, max(0, start - 3), end + 6):
        return True
    if not figure.text.replace(".", "").isdigit():
        return False
    lead = max(0, start - 40)
    if _STREET_AFTER_RE.match(text, end) or _STREET_BEFORE_RE.search(text, lead, start):
        return True
    name = _CAPITAL_BEFORE_RE.search(text, lead, start)
    if name is None or name.group(1).casefold() in _NOT_A_NAME:
        return False
    if figure.quantity.kind == "year" and name.group(1)[1:].islower() and name.start() == 0:
        return False
    nxt = _WORD_RE.match(text, end + 1) if text[end : end + 1] == " " else None
    return nxt is None or not _is_counted(nxt.group())


# Counted things without a plural "s" ("London 300 people" is a figure, "Boeing 737" is not).
_COUNTED = frozenset("people staff children men women police personnel cattle".split())


def _is_counted(word: str) -> bool:
    """Whether `word` after a number names counted things: a lower-case plural or `_COUNTED`."""
    return word.islower() and (word in _COUNTED or (len(word) > 3 and word.endswith("s")))


def _fact_items(
    text: str, quotes: Sequence[QuoteSpan], lo: int, hi: int, starts: Sequence[int] | None = None
) -> list[_Item]:
    # Imported here: the parsers import this module for its block types, and `links`, which finds
    # no claims, need not load the number reader (~30 ms).
    from claimcheck.numbers import find_figures

    items: list[_Item] = []
    if starts is None:
        starts = [q.start for q in quotes]
    # Matches of one pattern are in order and apart: only the last one starting at or before a
    # figure can hold it (and likewise for the quotes).
    identifiers = [m.span() for m in _IDENTIFIER_RE.finditer(text, lo, hi)]
    identifier_starts = [a for a, _ in identifiers]
    pages = [m.span() for m in _PAGE_REF_RE.finditer(text, lo, hi)]
    page_starts = [a for a, _ in pages]
    for fig in find_figures(text[lo:hi]):
        start, end = lo + fig.start, lo + fig.end
        k = bisect.bisect_right(identifier_starts, start) - 1
        if fig.quantity.kind != "date" and k >= 0:
            a, b = identifiers[k]
            if end <= b and (start, end) != (a, b):
                continue  # a group of a phone number, an ISBN or a DOI
        k = bisect.bisect_right(page_starts, start) - 1
        if k >= 0 and end <= pages[k][1]:
            continue  # a page reference: where the quote is, not a figure
        # A figure inside a quotation is checked as part of the quote.
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and end <= quotes[k].end:
            continue
        if _is_fact(text, start, fig):
            items.append(_Item(start, ClaimKind.FACT, fig.text, fig.quantity.canonical(), end=end))
    return items


def claims_in_text(text: str) -> list[tuple[ClaimKind, str, str | None]]:
    """The claims a sentence holds, as the article reader finds them: `(kind, text, value)` for
    each quotation (`text` without its marks) and each figure outside them (`value` its
    canonical value), in order. For a `claims.toml` claim given as `text` alone."""
    quotes = find_quotes(text)
    items = _quote_items(text, quotes, 0, len(text)) + _fact_items(text, quotes, 0, len(text))
    return [(item.kind, item.text, item.value) for item in sorted(items, key=lambda i: i.offset)]


def _pick(targets: Sequence[_Target], item: _Item, text: str, leading: bool) -> _Target:
    """The target (in order of offset) an item of its sentence belongs to.

    Usually the nearest one at or after the item ("“…”[1] and “…”[2]"), else the last one
    before it. When `leading`, the sentence puts its markers before what they support (an
    item follows the last one: "Carter[1] calls it “…” while Jones[2] calls it “…”"), so an
    item goes to the nearest one before it unless its own marker follows it directly (only
    spaces, punctuation or closing marks between: "rose 5%[1] while fares rose 3%[2] and …").
    """
    after = next((t for t in targets if t.offset >= item.offset), None)
    if after is None:
        return targets[-1]
    if not leading or after.offset < item.end or _glued(text, item.end, after.offset):
        return after
    before = [t for t in targets if t.offset < item.offset]
    return before[-1] if before else after


#: What may stand between a claim and a marker that is its own.
_GLUE = frozenset(" \t\n\u00a0.,;:!?)]}'\"”’»›」』")


#: Capitalised words a colon lead-in may hold while the quotation stays the introduced
#: speaker's: pronouns and linking adverbs ("He went further:", "Then she added:").
_SAME_SPEAKER_LEAD = frozenset(
    "he she they i we his her their my our it its then and but so again later still also "
    "or in on".split()
)
#: What a quotation's own attribution may say and still be the introduced speaker's ("…," she
#: said.): a pronoun, a speaker verb and an adverb; any other word names someone else.
_SAME_SPEAKER_TAIL = frozenset(
    "he she they i we said says added adds continued went on explained insisted wrote writes "
    "later then also again".split()
)
_SAME_SPEAKER_PRONOUNS = frozenset("he she they i we".split())


def _quotes_the_introduced(
    text: str, quotes: Sequence[QuoteSpan], quote_starts: Sequence[int], lo: int, hi: int
) -> bool:
    """Whether the un-noted sentence `text[lo:hi]` is just quotation, so it can be the speaker
    the previous sentence's note introduced ("Carter put it bluntly.[1] “…”"): outside its
    quotes it holds at most a colon lead-in naming nobody else ("He went further: “…”") and a
    pronoun attribution ("“…,” she said."). A quote attributed to another speaker ("“…”, one MP
    said", "Critics were scathing: “…”", "according to …") is not the introduced speaker's.
    """
    k = bisect.bisect_left(quote_starts, lo)
    inside = [q for q in quotes[k:] if q.start < hi]
    if not inside:
        return False
    lead = text[lo : inside[0].start]
    tail = text[inside[-1].end : hi]
    between = [text[a.end : b.start] for a, b in zip(inside, inside[1:], strict=False)]
    if any(_WORD_RE.search(gap) for gap in between):
        return False
    lead_words = _WORD_RE.findall(lead)
    if lead_words:
        if not lead.rstrip().endswith(":"):
            return False
        if any(w[0].isupper() and w.casefold() not in _SAME_SPEAKER_LEAD for w in lead_words):
            return False
    tail_words = [w.casefold() for w in _WORD_RE.findall(tail)]
    if tail_words:
        if not all(w in _SAME_SPEAKER_TAIL for w in tail_words):
            return False
        if not any(w in _SAME_SPEAKER_PRONOUNS for w in tail_words):
            return False
    return True


def _glued(text: str, a: int, b: int) -> bool:
    """Whether `text[a:b]` holds nothing but spaces, punctuation and closing marks."""
    return all(ch in _GLUE for ch in text[a:b])


def extract_claims(
    blocks: Sequence[TextBlock], *, article: str = "", known: Collection[str] | None = None
) -> tuple[tuple[Claim, ...], tuple[Uncited, ...]]:
    """The claims and the uncited sentences of an article's body, in document order.

    With `known` (the notes the article defines), a marker for another note still ends its
    sentence's claim to any other note, but its claims are not made: a claim naming a note that
    does not exist could be neither fetched nor reported. A sentence left without claims that
    way is uncited.
    """
    from claimcheck.claims.furniture import is_furniture  # only for uncited sentences

    claims: list[Claim] = []
    uncited: list[Uncited] = []
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    for block in blocks:
        text = block.text
        quotes = find_quotes(text, block.code)
        sentences = split_sentences(text, quotes)
        if not sentences:
            continue
        starts = [s for s, _ in sentences]
        quote_starts = [q.start for q in quotes]
        per_sentence: list[list[_Target]] = [[] for _ in sentences]
        for marker in block.markers:
            i = max(bisect.bisect_right(starts, marker.offset) - 1, 0)
            per_sentence[i].append(_Target(marker.offset, marker.note, None))
        links: list[list[_Target]] = [[] for _ in sentences]
        for link in block.links:
            i = max(bisect.bisect_right(starts, link.start) - 1, 0)
            links[i].append(_Target(link.end, None, link.url))

        intro: _Target | None = None
        for i, (lo, hi) in enumerate(sentences):
            sentence = _SPACE_RE.sub(" ", text[lo:hi]).strip()
            quote_items = _quote_items(text, quotes, lo, hi, quote_starts)
            targets = per_sentence[i] or links[i]
            fact_items: list[_Item] = []
            if (
                not targets
                and quote_items
                and intro is not None
                and _quotes_the_introduced(text, quotes, quote_starts, lo, hi)
            ):
                # The note introduced the speaker: "Carter put it bluntly.[1] “…” Jones …[2]"
                targets = [_Target(lo, intro.note, None)]
            elif not targets and quote_items and i + 1 < len(sentences) and per_sentence[i + 1]:
                # The note follows the attribution: "He said: “…”. The minister added …[4]"
                forward = per_sentence[i + 1][0]
                targets = [_Target(hi, forward.note, None)]
            else:
                fact_items = _fact_items(text, quotes, lo, hi, quote_starts)
                if block.code:
                    # A figure in computer text ("`retries = 3`", "<code>HTTP 404</code>") is
                    # syntax, not a claim about the world, as a quote mark there is.
                    fact_items = [f for f in fact_items if not _in_code(f, block.code)]
            # A sentence with a marker but nothing to check introduces what follows it.
            intro = (
                per_sentence[i][-1] if per_sentence[i] and not (quote_items or fact_items) else None
            )
            reason = _uncited_reason(quote_items, fact_items)
            if not targets:
                if reason and not block.heading and not is_furniture(sentence):
                    line, column = block.position(lo)
                    uncited.append(Uncited(line, sentence, reason, column=column))
                continue
            made = 0
            items = sorted([*quote_items, *fact_items], key=lambda it: it.offset)
            leading = bool(items) and items[-1].offset > max(t.offset for t in targets)
            for item in items:
                target = _pick(targets, item, text, leading)
                if known is not None and target.note is not None and target.note not in known:
                    continue  # the marker names a note the article lacks (see above)
                also = tuple(
                    n for n in _group(text, targets, target) if known is None or n in known
                )
                made += 1
                line, column = block.position(item.offset)
                is_fact = item.kind is ClaimKind.FACT
                claims.append(
                    Claim(
                        id=make_claim_id(
                            target.note, item.text, taken, url=target.url, next_suffix=suffixes
                        ),
                        kind=item.kind,
                        line=line,
                        column=column,
                        sentence=_claim_sentence(text, lo, hi, item, sentence),
                        note=target.note,
                        quote=None if is_fact else item.text,
                        fact=item.text if is_fact else None,
                        value=item.value,
                        url=target.url if target.note is None else None,
                        article=article,
                        also_notes=also,
                    )
                )
            if not made and reason and not block.heading:
                line, column = block.position(lo)
                uncited.append(Uncited(line, sentence, reason, column=column))
    return tuple(claims), tuple(uncited)


# A claim's sentence longer than this (a paragraph with no full stop, a `;`-separated list of
# figures) is given to each of its claims as an excerpt: the claim and this many characters on
# each side, cut at spaces and marked with "…". Every claim repeating the whole sentence made
# `claims` and `init` output, and the work of checking facts, grow with claims × sentence length.
# Real sentences are far shorter (the reference article's longest is about 400 characters).
_SENTENCE_MAX_CHARS = 2000
_EXCERPT_CHARS = 500


def _claim_sentence(text: str, lo: int, hi: int, item: _Item, sentence: str) -> str:
    """The sentence `text[lo:hi]` (`sentence`, spaces collapsed) as `item`'s claim carries it:
    whole, or around the item when it is very long (`_SENTENCE_MAX_CHARS`)."""
    if len(sentence) <= _SENTENCE_MAX_CHARS:
        return sentence
    end = item.end if item.end > item.offset else item.offset + len(item.text)
    a = max(lo, item.offset - _EXCERPT_CHARS)
    b = min(hi, end + _EXCERPT_CHARS)
    if a > lo:  # start at a word: after the first space of the excerpt, if before the claim
        m = _SPACE_RE.search(text, a, item.offset)
        a = m.end() if m else a
    if b < hi:  # end at a word: before the last space of the excerpt, if after the claim
        cut = max(text.rfind(" ", end, b), text.rfind("\n", end, b))
        b = cut if cut > end else b
    excerpt = _SPACE_RE.sub(" ", text[a:b]).strip()
    return ("… " if a > lo else "") + excerpt + (" …" if b < hi else "")


def _uncited_reason(quote_items: Sequence[_Item], fact_items: Sequence[_Item]) -> str | None:
    """Why a sentence without a note is listed (`--uncited`): a quotation, else a figure;
    scare-quoted terms alone are no reason."""
    if any(it.kind is ClaimKind.QUOTE for it in quote_items):
        return "quote"
    return "figure" if fact_items else None


def _group(text: str, targets: Sequence[_Target], target: _Target) -> tuple[str, ...]:
    """The other notes of `target`'s group of markers: those with nothing but spaces and
    separators between them and it ("[3][4]", "[3, 4]", "[^a], [^b]")."""
    if target.note is None:
        return ()
    ordered = sorted(targets, key=lambda t: t.offset)
    at = ordered.index(target)
    group = [target]
    for step in (-1, 1):
        k = at
        while 0 <= k + step < len(ordered):
            nxt, cur = ordered[k + step], ordered[k]
            a, b = sorted((cur.offset, nxt.offset))
            if nxt.note is None or text[a:b].strip(_GROUP_SEPARATORS):
                break
            group.append(nxt)
            k += step
    return tuple(dict.fromkeys(t.note for t in group if t.note and t.note != target.note))


#: What may stand between two markers of one group.
_GROUP_SEPARATORS = " \t\n,;\u00a0"
