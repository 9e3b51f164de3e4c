"""Facts by value: is the claim's figure in the source, where the source talks about the same thing?

Issue 4, Deliver 4; SPEC §6 ("Facts compare by value"). A fact such as "US$150 billion" is read
with `claimcheck.numbers` and looked for among the figures of each text layer of the source:

- `verified` (tier `value`, score 1.0): a figure of equal value ("$150bn", "150 billion dollars",
  "150 billion" with dollars named next to it) stands near words of the claim's sentence.
- `mismatch`: no equal figure stands in such a place, but a different value of the same sort
  does ("$105bn", "€150 billion", "150 million", "5 percentage points" for "5%"). The one whose
  surroundings best match the claim's sentence is reported, with a one-step diff.
- `approximate`: the source has the same number in that place but says less than the claim
  (no currency where the claim names one; "February 2023" for "6 February 2023").
- `not_found`: nothing of the sort near the claim's words. A value that appears only somewhere
  else on the page (a year in a footer, a figure about another topic) does not verify a fact.

"Near words of the claim" is measured with content words: the claim's sentence minus stop words
and minus the fact itself, folded (case, accents, Turkish dotless ı) and cut to five letters so
"damages"/"damaged" and "Karabakh"/"Karabağ" meet; the figure's surroundings are the
`WINDOW_WORDS` words on each side of it. See `required_overlap` for the threshold.
"""

from __future__ import annotations

import bisect
import collections.abc
import functools
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from claimcheck.model import DiffOp, Evidence, MatchResult, TextLayer, Tier, Verdict
from claimcheck.numbers import Figure, Quantity, find_figures, mentions_currency, parse_quantity

logger = logging.getLogger(__name__)

__all__ = ["WINDOW_WORDS", "match_fact", "required_overlap"]

# Words on each side of a figure that count as its surroundings. News sentences average 20-25
# words; 30 on each side covers the figure's own sentence and most of its neighbours, where a
# source often names the subject ("The ministry said ... . Losses reached $150bn."), while staying
# well short of the next topic on a typical page.
WINDOW_WORDS = 30
# Characters read on each side of a figure to find those words (30 words of up to ~13 characters).
_WINDOW_CHARS = 400
# How far (characters) a currency may be named from a bare amount to lend it its unit: about the
# same clause ("150 billion (in US dollars)", "dolar cinsinden 150 milyar").
_CURRENCY_REACH = 40
# Overlap needed between the claim's content words and a figure's surroundings. At least two
# shared words (one shared word is often a chance hit: "government", "year"), a quarter of a
# long claim's words, but never more than four, so a source that paraphrases a long sentence or
# writes in another language (where only names and numbers survive) still qualifies. Checked on
# the unit tests' positives and negatives: the "same value near a different sentence" cases share
# 0-1 words, the paraphrased positives 3 or more.
_MIN_SHARED = 2
_COVERAGE = 0.25
_MAX_NEEDED = 4
# Evidence context: the sentence around the figure, capped at this many characters on each side.
_CONTEXT_CHARS = 300
_STEM = 5  # content words are compared on their first five letters (a crude, language-free stem)

_STOP_WORDS = frozenset(
    """
    a about above after again against all almost also although among an and another any are
    around as at be because been before being below between both but by can could did do does
    during each either even ever every few for from further had has have having he her here hers
    him his how however i if in into is it its itself just least less like many may might more
    most much must my near nearly neither no nor not now of off on once one only or other our out
    over own per perhaps quite rather same several she should since so some such than that the
    their them then there these they this those though through thus to too toward towards under
    until up upon us very via was we were what when where whether which while who whom whose why
    will with within without would yet you your approximately roughly estimated around some total
    said says say according reported reportedly also new
    thousand million billion trillion hundred dozen half percent cent per percentage points point
    dollar dollars euro euros pound pounds lira liras sterling usd eur gbp try tl bn mn tn
    ve veya ile bir bu şu o da de için gibi daha en çok olan olarak ise ama fakat ki mi mı ne
    """.split()
)
_TOKEN_RE = re.compile(r"[^\W_]+")
_SUPERSCRIPTS = str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_NOUN_AFTER_RE = re.compile(r"[\s\-‑]{1,3}([^\W\d_]+)")
# From a million up, a count in a claim is an amount written without its currency ("150 billion
# in damages") and may be contradicted by a sum of money; below that it counts things.
_MONEY_LIKE = 10**6
_NEWLINE_RE = re.compile(r"\n")
_BLANK_LINE_RE = re.compile(r"\n[ \t\f\v]*\n")
# Layers whose single line breaks are wrapping, not paragraphs (see `TextLayer.name`).
_HARD_WRAPPED_LAYERS = frozenset({"pdf", "text"})
_SENTENCE_START_RE = re.compile(r"(?:[.!?…][\"”’)\]]*\s+|\n)(?=\S)")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"”’)\]]*(?=\s|$)|\n")

# Kinds whose values can be told apart as "the same sort of thing" for a mismatch.
_FAMILIES = {
    "money": "amount",
    "count": "amount",
    "number": "amount",
    "percent": "rate",
    "points": "rate",
    "year": "time",
    "date": "time",
}


class _Relation(Enum):
    EQUAL = "equal"  # the source states the claim's value
    VAGUER = "vaguer"  # the same number, but the source says less (no currency, no day)
    DIFFERENT = "different"  # the same sort of figure with another value or unit
    UNRELATED = "unrelated"


@dataclass(frozen=True)
class _Candidate:
    layer: TextLayer
    figure: Figure
    relation: _Relation
    shared: int  # distinct claim content words in the figure's surroundings
    coverage: float  # shared / claim content words


def required_overlap(claim_words: int) -> int:
    """How many distinct content words of the claim must surround a figure (see `_MIN_SHARED`)."""
    if claim_words == 0:
        return 0
    return min(claim_words, _MAX_NEEDED, max(_MIN_SHARED, math.ceil(_COVERAGE * claim_words)))


def match_fact(
    fact: str, sentence: str, layers: collections.abc.Iterable[TextLayer]
) -> MatchResult:
    """Decide whether the figure `fact`, stated in `sentence`, is in the source's `layers`.

    Layers are read lazily in order and reading stops at the first layer that verifies the fact.
    Evidence offsets are offsets into that layer's original text.
    """
    claim = parse_quantity(fact) or _only_figure(fact)
    if claim is None:
        return MatchResult(
            Verdict.NOT_FOUND, 0.0, detail=f"{fact!r} is not a figure claimcheck can read"
        )
    claim_keys = _claim_keys(fact, claim, sentence)
    claim_noun = _claim_noun(claim, sentence)
    sibling_values = _sibling_values(claim, sentence)
    needed = required_overlap(len(claim_keys))

    best: _Candidate | None = None  # the best VAGUER or DIFFERENT candidate in context
    stray: _Candidate | None = None  # an EQUAL value found away from the claim's words
    for layer in layers:
        found: _Candidate | None = None  # the best EQUAL candidate in context in this layer
        blank_only = layer.name in _HARD_WRAPPED_LAYERS
        for figure in _figures(layer.text):
            relation = _relate(claim, claim_noun, figure, layer.text)
            if relation is _Relation.UNRELATED:
                continue
            if not claim_keys and relation is not _Relation.EQUAL:
                continue  # with no words to place it, a different value contradicts nothing
            if relation is _Relation.DIFFERENT and _value_key(figure.quantity) in sibling_values:
                continue  # another figure of the same sentence ("1993" when checking "2023")
            shared = _shared_words(claim_keys, layer.text, figure, blank_only)
            coverage = shared / len(claim_keys) if claim_keys else 1.0
            candidate = _Candidate(layer, figure, relation, shared, coverage)
            if shared < needed:
                if relation is _Relation.EQUAL and (stray is None or shared > stray.shared):
                    stray = candidate
            elif relation is _Relation.EQUAL:
                if found is None or shared > found.shared:
                    found = candidate
            elif best is None or _better(candidate, best, claim.kind):
                best = candidate
        if found is not None:
            return _verified(claim, found, no_context=not claim_keys)
    if best is not None and best.relation is _Relation.VAGUER:
        return _approximate(fact, claim, best)
    if best is not None:
        return _mismatch(fact, claim, best)
    return _not_found(claim, stray, needed)


# --------------------------------------------------------------------------- comparing values


def _relate(claim: Quantity, claim_noun: str | None, figure: Figure, text: str) -> _Relation:
    source = figure.quantity
    if source.canonical() == claim.canonical():
        return _Relation.EQUAL
    if {claim.kind, source.kind} == {"year", "count"}:
        # `numbers` guesses year or count for a bare four-digit number from its neighbours; the
        # claim and the source may be guessed differently.
        return _Relation.EQUAL if claim.value == source.value else _Relation.UNRELATED
    claim_family = _FAMILIES[claim.kind]
    source_family = _FAMILIES[source.kind]
    if claim_family != source_family:
        return _Relation.UNRELATED
    if claim_family == "amount":
        return _relate_amounts(claim, claim_noun, figure, text)
    if claim_family == "time":
        return _relate_times(claim, source)
    return _Relation.DIFFERENT  # percent against points, or another rate


def _relate_amounts(
    claim: Quantity, claim_noun: str | None, figure: Figure, text: str
) -> _Relation:
    source = figure.quantity
    same_number = claim.value == source.value
    if claim.kind == "money" and source.kind != "money":
        # "150 billion" in the source: dollars named close by make it "US$150 billion". A bare
        # number of another value ("2,000 people") is no contradiction of an amount of money.
        if claim.unit is not None and _currency_nearby(text, figure, claim.unit):
            return _Relation.EQUAL if same_number else _Relation.DIFFERENT
        return _Relation.VAGUER if same_number else _Relation.UNRELATED
    if claim.kind != "money" and source.kind == "money":
        # The claim names no currency; the source saying which one is no contradiction. A small
        # count ("seventeen articles") is not about money at all.
        if same_number:
            return _Relation.EQUAL
        return _Relation.DIFFERENT if claim.value >= _MONEY_LIKE else _Relation.UNRELATED
    if same_number:
        if claim.kind == source.kind == "money" and claim.unit != source.unit:
            return _Relation.DIFFERENT  # USD against EUR
        return _Relation.EQUAL
    if claim.kind != "money" and claim_noun is not None:
        # Counts of different things ("17 articles", "2 states") do not contradict each other.
        source_noun = _noun_after(text, figure.end)
        if source_noun is not None and source_noun != claim_noun:
            return _Relation.UNRELATED
    return _Relation.DIFFERENT


def _relate_times(claim: Quantity, source: Quantity) -> _Relation:
    claim_year, claim_month, claim_day = _date_parts(claim)
    source_year, source_month, source_day = _date_parts(source)
    if claim.kind == "year":
        # The claim's year inside a full date in the source ("2023" in "6 February 2023").
        return _Relation.EQUAL if claim_year == source_year else _Relation.DIFFERENT
    if source.kind == "year":
        return _Relation.VAGUER if claim_year == source_year else _Relation.DIFFERENT
    if (claim_year, claim_month) != (source_year, source_month):
        return _Relation.DIFFERENT
    if claim_day is None:
        return _Relation.EQUAL  # "March 2025" is stated by "17 March 2025"
    if source_day is None:
        return _Relation.VAGUER  # the source gives the month, not the day
    return _Relation.DIFFERENT


def _date_parts(quantity: Quantity) -> tuple[int, int | None, int | None]:
    digits = str(int(quantity.value))
    if quantity.kind != "date":
        return int(digits), None, None
    if len(digits) == 8:
        return int(digits[:4]), int(digits[4:6]), int(digits[6:])
    return int(digits[:4]), int(digits[4:6]), None


def _value_key(quantity: Quantity) -> str:
    """A key under which a year and a count of the same number meet (`numbers` may guess either)."""
    if quantity.kind in ("year", "count"):
        return f"n:{quantity.value.normalize()}"
    return quantity.canonical()


def _currency_nearby(text: str, figure: Figure, unit: str) -> bool:
    """Whether `unit` is named within `_CURRENCY_REACH` of `figure`, outside any other amount of
    money (in "2,000 people and US$150 billion" the dollars belong to the second figure)."""
    lo = max(0, figure.start - _CURRENCY_REACH)
    hi = min(len(text), figure.end + _CURRENCY_REACH)
    figures = _figures(text)
    starts = _figure_starts(text)
    pieces, cursor = [], lo
    for other in figures[
        max(0, bisect.bisect_left(starts, lo) - 1) : bisect.bisect_right(starts, hi)
    ]:
        if other.quantity.kind == "money" and other.end > lo and other is not figure:
            pieces.append(text[cursor : max(cursor, other.start)])
            cursor = max(cursor, other.end)
    pieces.append(text[cursor:hi])
    return mentions_currency(" ".join(pieces), unit)


def _better(candidate: _Candidate, best: _Candidate, kind: str) -> bool:
    """Whether `candidate` is a better place than `best` for the claim's figure.

    The place that best matches the claim's context wins; on a tie, a source that restates the
    same number (VAGUER) beats a different one, then a figure of the claim's own kind (a year for
    a year), then the earlier layer or offset.
    """
    if candidate.shared != best.shared:
        return candidate.shared > best.shared
    if candidate.relation is not best.relation:
        return candidate.relation is _Relation.VAGUER
    return candidate.figure.quantity.kind == kind != best.figure.quantity.kind


# --------------------------------------------------------------------------- context words


@functools.lru_cache(maxsize=65536)
def _fold(token: str) -> str:
    """A content word for comparison: case and accents folded, dotless ı as i, first letters."""
    folded = unicodedata.normalize("NFD", token.translate(_SUPERSCRIPTS).casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("ı", "i")
    return folded if folded.isdigit() else folded[:_STEM]


def _keys(text: str) -> set[str]:
    keys = set()
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        if token.casefold() in _STOP_WORDS:
            continue
        key = _fold(token)
        if len(key) >= 3 or key.isdigit():
            keys.add(key)
    return keys


def _claim_keys(fact: str, claim: Quantity, sentence: str) -> set[str]:
    """The claim's content words: the sentence without the fact's own words."""
    spans = [
        (f.start, f.end)
        for f in find_figures(sentence)
        if f.quantity.canonical() == claim.canonical()
    ]
    if spans:
        parts, cursor = [], 0
        for start, end in spans:
            parts.append(sentence[cursor:start])
            cursor = end
        parts.append(sentence[cursor:])
        return _keys(" ".join(parts))
    return _keys(sentence) - _keys(fact)


def _claim_noun(claim: Quantity, sentence: str) -> str | None:
    for figure in find_figures(sentence):
        if figure.quantity.canonical() == claim.canonical():
            return _noun_after(sentence, figure.end)
    return None


def _noun_after(text: str, end: int) -> str | None:
    """The folded word right after a figure ("17-article" -> "artic"), unless a stop word."""
    match = _NOUN_AFTER_RE.match(text, end)
    if match is None or match.group(1).casefold() in _STOP_WORDS:
        return None
    return _fold(match.group(1))


def _sibling_values(claim: Quantity, sentence: str) -> set[str]:
    """Values of the sentence's other figures: finding one of them is not a contradiction."""
    own = _value_key(claim)
    return {_value_key(f.quantity) for f in find_figures(sentence)} - {own}


def _shared_words(claim_keys: set[str], text: str, figure: Figure, blank_only: bool) -> int:
    """Distinct claim words among the `WINDOW_WORDS` on each side of `figure`, in its paragraph."""
    if not claim_keys:
        return 0
    return len(claim_keys & _window_keys(text, figure.start, figure.end, blank_only))


@functools.lru_cache(maxsize=16384)
def _window_keys(text: str, start: int, end: int, blank_only: bool) -> frozenset[str]:
    # Cached: every fact citing a source looks at the same figures' surroundings (a str caches
    # its hash, so keying on a long text is cheap).
    lo, hi = _paragraph(text, start, end, blank_only)
    before = _TOKEN_RE.findall(text, lo, start)
    after = _TOKEN_RE.findall(text, end, hi)
    return frozenset(_fold(token) for token in before[-WINDOW_WORDS:] + after[:WINDOW_WORDS])


def _paragraph(text: str, start: int, end: int, blank_only: bool) -> tuple[int, int]:
    """The span around `start:end` up to `_WINDOW_CHARS` each side, cut at paragraph breaks.

    The surroundings stop at a paragraph break so that a date line or a caption next to the
    article body ("Published 2023") does not borrow the body's words. Extracted HTML puts one
    paragraph per line; PDF and plain-text layers are hard-wrapped, so only a blank line counts.
    """
    lo = max(0, start - _WINDOW_CHARS)
    hi = min(len(text), end + _WINDOW_CHARS)
    breaks = _BLANK_LINE_RE if blank_only else _NEWLINE_RE
    for match in breaks.finditer(text, lo, start):
        lo = match.end()
    after = breaks.search(text, end, hi)
    if after is not None:
        hi = after.start()
    return lo, hi


@functools.lru_cache(maxsize=32)
def _figures(text: str) -> tuple[Figure, ...]:
    # Every fact citing the same source reads the same layers: find their figures once per text
    # (per worker process). 32 texts of up to a few hundred KB is a few MB.
    return tuple(find_figures(text))


@functools.lru_cache(maxsize=32)
def _figure_starts(text: str) -> list[int]:
    return [figure.start for figure in _figures(text)]


def _only_figure(fact: str) -> Quantity | None:
    found = find_figures(fact)
    return found[0].quantity if len(found) == 1 else None


# --------------------------------------------------------------------------- results


def _evidence(candidate: _Candidate) -> Evidence:
    layer, figure = candidate.layer, candidate.figure
    return Evidence(
        text=figure.text,
        context=_sentence_around(layer.text, figure.start, figure.end),
        matched_in=layer.name,
        start=figure.start,
        end=figure.end,
        page=layer.page_at(figure.start),
    )


def _sentence_around(text: str, start: int, end: int) -> str:
    lo = max(0, start - _CONTEXT_CHARS)
    begin = lo
    for match in _SENTENCE_START_RE.finditer(text, lo, start):
        begin = match.end()
    stop = _SENTENCE_END_RE.search(text, end, end + _CONTEXT_CHARS)
    finish = stop.end() if stop is not None else min(len(text), end + _CONTEXT_CHARS)
    return " ".join(text[begin:finish].split())


def _verified(claim: Quantity, candidate: _Candidate, *, no_context: bool) -> MatchResult:
    how = (
        "by value alone (the claim has no other words)" if no_context else "near the claim's words"
    )
    return MatchResult(
        Verdict.VERIFIED,
        1.0,
        tier=Tier.VALUE,
        evidence=_evidence(candidate),
        detail=f"{claim.describe()} found as {candidate.figure.text!r} {how}",
    )


def _mismatch(fact: str, claim: Quantity, candidate: _Candidate) -> MatchResult:
    source = candidate.figure.quantity
    return MatchResult(
        Verdict.MISMATCH,
        round(candidate.coverage, 3),
        tier=Tier.VALUE,
        evidence=_evidence(candidate),
        diff=(DiffOp(op="replace", quote=fact, source=candidate.figure.text, critical=True),),
        detail=f"source says {_describe_against(source, claim)}, claim says {claim.describe()}",
    )


def _approximate(fact: str, claim: Quantity, candidate: _Candidate) -> MatchResult:
    return MatchResult(
        Verdict.APPROXIMATE,
        round(candidate.coverage, 3),
        tier=Tier.VALUE,
        evidence=_evidence(candidate),
        diff=(DiffOp(op="replace", quote=fact, source=candidate.figure.text, critical=False),),
        detail=(
            f"source says {candidate.figure.text!r}, less precise than the claim's "
            f"{claim.describe()}"
        ),
    )


def _not_found(claim: Quantity, stray: _Candidate | None, needed: int) -> MatchResult:
    detail = f"no figure equal to {claim.describe()} near the claim's words"
    score = 0.0
    if stray is not None:
        detail += (
            f"; {stray.figure.text!r} appears in the {stray.layer.name} text at offset "
            f"{stray.figure.start}, but shares {stray.shared} of the {needed} claim words needed"
        )
        score = round(stray.coverage, 3)
    return MatchResult(Verdict.NOT_FOUND, score, detail=detail)


def _describe_against(source: Quantity, claim: Quantity) -> str:
    """The source's value, with its unit spelled out when only the unit differs."""
    text = source.describe()
    if source.kind in ("count", "number") and claim.kind == "money":
        return f"{text} (no currency)"
    return text
