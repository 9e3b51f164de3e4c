"""Facts by value: is the claim's figure in the source, where the source talks about the same thing?

Issue 4, Deliver 4; SPEC §6 ("Facts compare by value"). A fact such as "US$150 billion" is read
with `claimcheck.numbers` and looked for among the figures of each text layer of the source:

- `verified` (tier `value`, score 1.0): a figure of equal value ("$150bn", "150 billion dollars",
  "150 billion" with dollars named next to it) stands near words of the claim's sentence.
- `mismatch`: no equal figure stands in such a place, but a different value of the same sort
  does ("$105bn", "€150 billion", "150 million", "5 percentage points" for "5%", "550 km" for
  "550 miles", "95 °F" for "35C", "£4.80 a year" for "£4.80 a month"; degrees of no named
  scale, "35 degrees", meet the same number in °C or °F). The one whose surroundings best
  match the claim's sentence is reported, with a critical one-step diff and both values in the
  detail.
  Also `mismatch`: an equal figure stands in such a place, but a different value of the same
  sort stands clearly better in it (shares at least two more of the claim's words, or a quarter
  of a long claim's, around it or in its own sentence; `_clearly_better_placed`): the page
  makes the claim's statement with another number, and the claim's number is about something
  else.
  Also `mismatch`: the claim's value counts another thing in the source ("150 hospitals" for
  "150 schools") while the claim's thing stands after another number in that very sentence
  ("120 schools and 150 hospitals"; `_rival_for_the_thing`), and the same number with the other
  sign ("-15 degrees" for "15 degrees"), unless a word of decrease stands before the positive
  one ("fell 5%" is "-5%").
- Shares ("one in four", "a third") compare by value with each other and with percentages
  ("one in five" is 20%). A change written as a verb ("halved", "doubled") meets only a
  figure stated as a change ("fell by half", "rose 100%", "doubled"), never a share that
  states none ("half of the staff", "100% of homes"). A year meets a count of the same number
  only when the count is a bare four-digit number that `numbers` may have guessed wrong:
  "2,019 nurses" is no year.
- `approximate`: the source has the same number in that place but says less than the claim
  (no currency or unit where the claim names one; no period for a rate; "February 2023" for
  "6 February 2023"; "33%" for "a third").
- `not_found`: nothing of the sort near the claim's words. A value that appears only somewhere
  else on the page (a year in a footer, a figure about another topic) does not verify a fact.

The fact is taken as its sentence states it: a unit or period written right after it there
belongs to it ("550" in "550 MW", "£7.5k" in "£7.5k a year").

"Near words of the claim" is measured with content words: the claim's sentence minus stop words
and minus the fact itself, folded as `claimcheck.normalise`'s tolerant tier folds a quote
(case, accents, Turkish dotless ı) and cut to five letters so "damages"/"damaged" and
"Karabakh"/"Karabağ" meet. A figure's surroundings are the
`WINDOW_WORDS` words on each side of it in its paragraph; in a table (rows on lines, cells
between pipes or tabs, as trafilatura writes them) they are its row, its column header and the
table's caption, and a bare number in a cell takes the currency or unit its header names. A few
ties count on top of shared words (`required_overlap`). A later text layer (the whole page
after the main content) only adds passages the earlier ones lack, so a table flattened into one
line there is not read a second time without its rows.

Figures, surroundings and tables are cached per text, so every fact citing a source reads them
once; `clear_caches` forgets them when the source is done (`verify.check_source` calls it). On a
page with many figures of the claim's family (`_INDEXED_FROM`), a fact looks up only those that
can change its verdict (`_FamilyIndex`: by value and by the words around them) instead of
comparing them all; the verdict is the same.
"""

from __future__ import annotations

import bisect
import collections.abc
import dataclasses
import decimal
import fractions
import functools
import itertools
import logging
import math
import re
import typing
from dataclasses import dataclass
from enum import Enum

from claimcheck.model import DiffOp, Evidence, MatchResult, TextLayer, Tier, Verdict
from claimcheck.normalise import cluster_bounds, normalise
from claimcheck.numbers import (
    CHANGE_WORDS,
    MEASURES,
    PERIOD_PART_MONTHS,
    TEMPERATURE_UNITS,
    TIME_UNITS,
    Figure,
    Quantity,
    apply_header,
    counts_things,
    find_figures,
    measure_unit,
    mentions_currency,
    parse_quantity,
)

logger = logging.getLogger(__name__)

__all__ = ["WINDOW_WORDS", "clear_caches", "match_fact", "required_overlap"]

# Words on each side of a figure that count as its surroundings. News sentences average 20-25
# words; 30 on each side covers the figure's own sentence and most of its neighbours, where a
# source often names the subject ("The ministry said ... . Losses reached $150bn."), while staying
# well short of the next topic on a typical page.
WINDOW_WORDS = 30
# Characters read on each side of a figure to find those words (30 words of up to ~13 characters).
_WINDOW_CHARS = 400
# How far (characters) a currency, unit or period may be named from a bare amount to lend it to
# it: about the same clause ("150 billion (in US dollars)", "dolar cinsinden 150 milyar", "the
# £95,000 it spends each year").
_CURRENCY_REACH = 40
# Overlap needed between the claim's content words and a figure's surroundings. At least two
# shared words (one shared word is often a chance hit: "government", "year"), a quarter of a
# long claim's words, but never more than four, so a source that paraphrases a long sentence or
# writes in another language (where only names and numbers survive) still qualifies. Checked on
# the unit tests' positives and negatives: the "same value near a different sentence" cases share
# 0-1 words, the paraphrased positives 3 or more. Claims with only two content words cannot
# reach two through a paraphrase; the ties of `required_overlap` cover them. In the corpus
# (tests/corpus), taking the ties away changes six positives (short claims, a table row) and no
# negative.
_MIN_SHARED = 2
_COVERAGE = 0.25
_MAX_NEEDED = 4
# Evidence context: the sentence around the figure, capped at this many characters on each side.
_CONTEXT_CHARS = 300
_STEM = 5  # content words are compared on their first five letters (a crude, language-free stem)
# How many more claim words a different value's place must share than the claim's own value's
# before the page counts as saying the different value (see `_clearly_better_placed`): two, or
# a quarter of a long claim's words (a page that restates a long sentence leaves out a few of
# its words here and there, so a two-word gap out of twelve is no clear difference).
_CLEAR_MARGIN = 2
_CLEAR_SHARE = 0.25

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

# Combining marks and the Indic scripts' blocks (see `_Tokens`), as a character class's ranges.
_MARKS = "\u0300-\u036f\u064b-\u065f\u0670\u0900-\u0dff"
# Kana, Han and Hangul syllables (see `_Tokens`), as a character class's ranges.
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"


class _Tokens:
    """The words of a text, as `re.findall` reads `[^\\W_]+`, but Chinese, Japanese and Korean
    read as overlapping pairs of characters: those scripts write no spaces between words
    (Korean writes them between phrases, with particles attached), so a run of them as one
    "word", cut to five characters, met another text's only by chance, and the few keys of a
    claim made no placement clear (a changed "12%" was verified next to the claim's "28%")."""

    # Combining marks stay in their word: the vowel signs of Devanagari and other Indic
    # scripts, Arabic harakat, and accents written apart ("लागत" was the "words" ल and ग).
    _word = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}])*")
    _cjk = re.compile(f"[{_CJK}]+")
    _special = re.compile(f"[{_MARKS}{_CJK}]")

    def findall(self, text: str, pos: int = 0, endpos: int = 2**62) -> list[str]:
        if self._special.search(text, pos, endpos) is None:  # most texts
            return _ASCII_WORD_RE.findall(text, pos, endpos)
        tokens: list[str] = self._word.findall(text, pos, endpos)
        if self._cjk.search(text, pos, endpos) is None:
            return tokens
        out: list[str] = []
        for token in tokens:
            if token.isascii() or self._cjk.search(token) is None:
                out.append(token)
                continue
            cursor = 0
            for run in self._cjk.finditer(token):
                if run.start() > cursor:
                    out.append(token[cursor : run.start()])
                chars = run.group()
                out.extend(chars[i : i + 2] for i in range(max(1, len(chars) - 1)))
                cursor = run.end()
            if cursor < len(token):
                out.append(token[cursor:])
        return out


_ASCII_WORD_RE = re.compile(r"[^\W_]+")
_TOKEN_RE = _Tokens()
_CJK_PAIR_RE = re.compile(f"[{_CJK}]{{2}}")
_SUPERSCRIPTS = str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_NOUN_AFTER_RE = re.compile(r"[\s\-‑]{1,3}([^\W\d_]+)")
# From a million up, a count in a claim is an amount written without its currency ("150 billion
# in damages") and may be contradicted by a sum of money; below that it counts things.
_MONEY_LIKE = 10**6
_NEWLINE_RE = re.compile(r"\n")
# A list item as extracted HTML writes it, one per line ("- 120 new schools"; see `_lead_in`).
_LIST_ITEM_RE = re.compile(r"[ \t]*[-•][ \t]+\S")
# How many items up a list is read for its lead-in sentence (`_lead_in`).
_LIST_ITEMS = 50
_BLANK_LINE_RE = re.compile(r"\n[ \t\f\v]*\n")
# Layers whose single line breaks are wrapping, not paragraphs (see `TextLayer.name`).
_HARD_WRAPPED_LAYERS = frozenset({"pdf", "text"})
# Sentence bounds inside a paragraph, for a figure's own sentence (`_context`): line breaks
# are left to `_paragraph`, which knows which layers wrap their lines.
# Chinese and Japanese end a sentence at 。！？ with no space after.
_CLAUSE_START_RE = re.compile(r"[.!?…][\"”’)\]]*\s+(?=\S)|[。！？][”’」』）]*")
_CLAUSE_END_RE = re.compile(r"[.!?…][\"”’)\]]*(?=\s|$)|[。！？]")
# Characters read on each side of a figure for its three neighbouring words (`_signature`).
_SIGNATURE_CHARS = 120
# Characters read on each side of a figure, inside its sentence, for the phrases that tie it to
# the claim (`_ties`): the clause around the figure, about ten words each way.
_PHRASE_CHARS = 80
_PHRASE_WORDS = 3  # see `_phrases`
# Stands for the figure itself in a list of tokens (never a token: `_TOKEN_RE` reads no "#").
_FIGURE_TOKEN = "#"
# A period named in prose near a figure ("each year", "an annual charge", "per annum").
_PERIOD_NAME_RE = re.compile(
    r"(?i)(?<!\w)(?:(?:a|an|per|each|every)\s+(hour|day|week|month|year|annum)"
    r"|(annual|annually|yearly|monthly|weekly|daily|hourly))(?!\w)"
)
_PERIODS = {
    "hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year",
    "annum": "year", "annual": "year", "annually": "year", "yearly": "year",
    "monthly": "month", "weekly": "week", "daily": "day", "hourly": "hour",
}  # fmt: skip
_UNIT_WORD_RE = re.compile(r"[^\W\d_]+(?:/[^\W\d_]+)?")
_SENTENCE_START_RE = re.compile(r"(?:[.!?…][\"”’)\]]*\s+|\n|[。！？][”’」』）]*)(?=\S)")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"”’)\]]*(?=\s|$)|\n|[。！？]")

# Kinds whose values can be told apart as "the same sort of thing" for a mismatch.
_FAMILIES = {
    "money": "amount",
    "count": "amount",
    "number": "amount",
    "percent": "rate",
    "points": "rate",
    "year": "time",
    "date": "time",
    "measure": "amount",
    "ordinal": "rank",
    "ratio": "rate",
    "score": "score",
}
# A word of decrease right before a figure: "fell 5%", "down by 3", "a loss of $4m". A source's
# "-5%" states that, so the sign alone is no contradiction there. "fell to 5%" is a level, not
# a change, so "to" is not among the words allowed in between.
_FALL_BEFORE_RE = re.compile(
    r"(?i)(?<!\w)(?:fell|fall|falls|falling|dropped|drop|drops|declined|decline|declines"
    r"|decreased|decrease|decreases|down|lost|lose|loses|loss|losses|lower|cut|cuts|shrank"
    r"|shrunk|shrink|shrinks|contracted|contraction|slid|slipped|plunged|plummeted|tumbled|sank"
    r"|deficit|reduced|reduction|minus)"
    r"(?:\s+(?:by|of|some|about|around|nearly|almost|over|more\s+than|an?))*\s+\Z"
)
# A word of increase right before a figure: "rose 5%", "up by 3", "a profit of $4m". Against a
# word of decrease before the same value in the source, the value says the opposite.
_RISE_BEFORE_RE = re.compile(
    r"(?i)(?<!\w)(?:rose|rise|rises|rising|risen|grew|grow|grows|growing|grown|increased"
    r"|increase|increases|increasing|up|gained|gain|gains|climbed|climb|climbs|jumped|jump|jumps"
    r"|surged|surge|surges|soared|soar|soars|higher|raised|raise|raises|expanded|expansion"
    r"|boosted|rebounded|advanced|growth|profit|profits|surplus|plus)"
    r"(?:\s+(?:by|of|some|about|around|nearly|almost|over|more\s+than|an?))*\s+\Z"
)
_FOUR_DIGITS_RE = re.compile(r"[0-9]{4}")
# A bound right before a figure: a lower one ("more than 3,000") or an upper one ("up to",
# "nearly"); a quantifier ("some", "about") may stand between it and the figure.
_BOUND_BEFORE_RE = re.compile(
    r"(?i)(?<!\w)(?:(?P<min>more\s+than|over|at\s+least|above|exceeding|in\s+excess\s+of"
    r"|upwards\s+of|greater\s+than|no\s+(?:fewer|less)\s+than)"
    r"|(?P<max>up\s+to|less\s+than|fewer\s+than|under|below|at\s+most|nearly|almost"
    r"|just\s+short\s+of|no\s+more\s+than|as\s+many\s+as|as\s+much\s+as))"
    r"\s+(?:(?:some|about|around|an\s+estimated)\s+)?\Z"
)
_BOUND_AFTER_RE = re.compile(r"(?:\+|-plus|\s+or\s+more)(?!\w)")
# A figure that is one end of a range ("10–15", "from 5 to 8", "between 10 and 15").
_RANGE_BEFORE_RE = re.compile(r"[0-9][%]?(?:\s?[-–—]\s?|\s+to\s+|\s+and\s+)\Z")
_RANGE_AFTER_RE = re.compile(r"(?:\s?[-–—]\s?|\s+to\s+)[$€£]?[0-9]")
# A change and its end: "fell 5% to ", "rose 3 percentage points to ", "fell from 35% to ". The
# figure after "to" is the level reached ("ranged from 10 to 15" stays a range).
_CHANGE_TO_RE = re.compile(
    r"(?i)(?<!\w)(?:fell|rose|dropped|declined|decreased|increased|grew|climbed|jumped|slid"
    r"|slipped|gained|lost|rebounded|surged|plunged|tumbled|edged\s+(?:up|down)|was\s+(?:up|down)"
    r"|up|down)\s+(?:(?:by|from)\s+)?\S*[0-9][0-9.,]*\s?(?:%|per\s?cent|percentage\s+points?"
    r"|points?|pp)?\s+to\s+\Z"
)
_BOUNDED_KINDS = frozenset({"money", "count", "number", "percent", "points", "measure", "ratio"})
_BETWEEN_BEFORE_RE = re.compile(r"(?i)(?<!\w)between\s+\Z")
_BETWEEN_RE = re.compile(r"(?i)(?<!\w)between\s+[^\s]+\s+and\s+\Z")
# A hedge before a claim's figure: it allows a little more rounding (`_rounds_to`).
_FRACTION_OF_SCALE_RE = re.compile(
    r"(?i)(?:half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
    r"\s+of\s+an?\s+(?:thousand|million|billion|trillion|hundred)(?!\w)"
)
_HEDGE_BEFORE_RE = re.compile(
    r"(?i)(?<!\w)(?:about|around|roughly|approximately|approx\.?|some|almost|nearly|an\s+estimated"
    r"|estimated|circa|c\.|close\s+to|just\s+(?:over|under))\s+\Z"
)
# How far a claim may round its source, besides rounding it to the claim's own precision: 5 %
# of the value, 7.5 % when it says "about". As far on either side: "10%" rounds 10.4% as it
# rounds 9.8%, "1.5 million" 1.46 million as 1.54 million; "1 million" does not round 1.4 million.
_ROUNDING = 0.05
_HEDGED_ROUNDING = 0.075


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
    shared: int  # distinct claim content words around the figure
    ties: int  # further evidence tying the figure to the claim (see `required_overlap`)
    coverage: float  # shared / claim content words
    same_thing: bool = False  # the source names the thing the claim counts with this figure
    # The claim's value, but the source names another thing right after it ("150 hospitals"
    # for "150 schools"; see `_rival_for_the_thing`).
    other_thing: bool = False
    heads: int = 0  # claim words in the row header of the figure's table cell
    column: tuple[int, int] | None = None  # (table start, column) of that cell; None: no table

    @property
    def weight(self) -> int:
        """How firmly the figure is placed among the claim's words (see `required_overlap`)."""
        return self.shared + self.ties


def required_overlap(claim_words: int) -> int:
    """How firmly a figure must be tied to the claim's words to stand in the claim's place.

    A figure's weight is the number of distinct claim content words around it (see
    `_MIN_SHARED` for how many are needed), plus one for each of these ties, which say that the
    passage is about the same thing in a way a chance word cannot:

    - in a table, each claim word in the cell's row header: it says which record the cell
      belongs to (the "Goldfinch" row, the "2021" row), so it counts twice;
    - in a table, the year the claim places itself in ("in 2021", see `_label_keys`) as the
      whole header of the cell's column: the "2021" column is the "2021" row of a table laid
      out the other way, so the year counts twice there too;
    - in running text, a three-word phrase of the claim with a content word in it ("in the
      class", "has cost about") in the figure's own sentence: the source words the statement
      the same way;
    - for the claim's own value, a currency or unit of measure written with both the claim's
      figure and the source's ("38 million dollars" and "$38 million"): the claim's own unit
      words, which its content words leave out because they belong to the figure.

    Short claims need these: "The round brought in 38 million dollars" has two content words,
    and a source that words it differently shares one of them at best.
    """
    if claim_words == 0:
        return 0
    return min(claim_words, _MAX_NEEDED, max(_MIN_SHARED, math.ceil(_COVERAGE * claim_words)))


def match_fact(
    fact: str,
    sentence: str,
    layers: collections.abc.Iterable[TextLayer],
    *,
    value: str | None = None,
) -> MatchResult:
    """Decide whether the figure `fact`, stated in `sentence`, is in the source's `layers`.

    The fact is read as its sentence states it (`_stated`): "10" in "10-15%" is 10%, "2m" in
    "2m people" two million. `value`, the canonical value the article reader gave the fact,
    picks the right figure where the sentence writes the same text twice.

    Layers are read lazily in order and reading stops at the first layer that verifies the fact,
    or that has the fact's value where the words match but a different value clearly better
    placed (in it or in an earlier layer; then the verdict is `mismatch`).
    A later layer only adds passages the earlier ones lack: a figure whose neighbouring words
    (three on each side) were already judged in an earlier layer is skipped there, because the
    earlier layer keeps the structure (paragraphs, table rows) that the whole-page text flattens.
    Evidence offsets are offsets into that layer's original text.
    """
    claim = _stated(fact, sentence, value) or parse_quantity(fact) or _only_figure(fact)
    if claim is None:
        return MatchResult(
            Verdict.NOT_FOUND, 0.0, detail=f"{fact!r} is not a figure claimcheck can read"
        )
    claim = _as_stated(fact, claim, sentence)
    claim_keys = _claim_keys(fact, claim, sentence)
    claim_phrases = _claim_phrases(claim, sentence)
    claim_noun = _claim_noun(claim, sentence)
    written = _written(fact, claim, sentence)
    sibling_values = _sibling_values(claim, sentence)
    needed = required_overlap(len(claim_keys))
    own_year, other_years = _paired_years(claim, sentence)
    labels = _label_keys(claim_keys, sentence) - other_years
    years = frozenset(key for key in labels if _YEAR_KEY_RE.fullmatch(key))

    best: _Candidate | None = None  # the best VAGUER or DIFFERENT candidate in context
    stray: _Candidate | None = None  # an EQUAL value found away from the claim's words
    rivals: list[_Candidate] = []  # every DIFFERENT candidate in context, in any layer read
    earlier: list[TextLayer] = []  # the layers read before this one
    judge = _Judge(claim, claim_noun, written, bool(claim_keys), sibling_values, own_year)
    probes = _probe_keys(claim)
    full_scan = written.duration is not None or needed == 1
    for layer in layers:
        equals: list[_Candidate] = []  # the EQUAL candidates in context in this layer
        heading: _Candidate | None = None  # the claim's year heading its other figure's column
        blank_only = layer.name in _HARD_WRAPPED_LAYERS
        index = _family_index(layer.text, blank_only, claim.kind)
        if full_scan or len(index.figures) < _INDEXED_FROM:
            looked_at: collections.abc.Iterable[tuple[Figure, tuple[int, int] | None]] = (
                (figure, None) for figure in index.figures
            )
        else:
            looked_at = index.candidates(probes, claim_keys, claim_phrases, needed, years)
        for figure, placed in looked_at:
            relation = judge.relation(figure, layer.text)
            if relation is None:
                continue
            if earlier and _judged_before(figure, layer.text, earlier, judge):
                continue  # the same passage, already judged in an earlier layer
            shared, heads = placed or _ties(claim_keys, layer.text, figure, blank_only)
            ties = heads + _year_tie(years, layer.text, figure)
            if relation is _Relation.EQUAL and _same_unit_written(claim, figure.quantity):
                ties += 1
            # The phrase tie is looked for only where it can matter: in running text, for a
            # figure one short of the claim's place (or in it, so its rank is exact).
            if shared + ties >= needed - 1 and index.phrase_tie(figure, claim_phrases):
                ties += 1
            coverage = shared / len(claim_keys) if claim_keys else 1.0
            same_thing = claim_noun is not None and _counts(layer.text, figure, claim_noun)
            column = _column(layer.text, figure.start)
            other_thing = (
                relation is _Relation.EQUAL
                and claim_noun is not None
                and claim.kind in ("count", "number")
                and not same_thing
                and column is None
                and _noun_after(layer.text, figure.end) is not None
                and _lower_word_after(layer.text, figure.end)
            )
            candidate = _Candidate(
                layer,
                figure,
                relation,
                shared,
                ties,
                coverage,
                same_thing,
                other_thing,
                heads,
                column,
            )
            # The claim's value in the cell of a year the claim gives another of its figures
            # ("1,500 in 2021 and 1,350 in 2022": 1,500 under 2022) is not the claim's.
            in_another_year = (
                bool(other_years)
                and relation is _Relation.EQUAL
                and _cell_year(layer.text, figure) in other_years
            )
            if candidate.weight < needed or in_another_year:
                if relation is _Relation.EQUAL and (stray is None or _better(candidate, stray)):
                    stray = candidate
                if (
                    relation is _Relation.EQUAL
                    and claim.kind == "year"
                    and heading is None
                    and _heads_the_claims_figure(layer.text, figure, sibling_values, claim_keys)
                ):
                    heading = candidate
            elif relation is _Relation.EQUAL:
                equals.append(candidate)
            else:
                if best is None or _better(candidate, best, claim.kind):
                    best = candidate
                if relation is _Relation.DIFFERENT:
                    rivals.append(candidate)
        if equals:
            found = functools.reduce(lambda a, b: b if _better(b, a) else a, equals)
            rival = _better_placed_rival(claim_keys, rivals, equals, labels, other_years)
            if rival is not None:
                return _mismatch(fact, claim, rival, weaker=found)
            rival = _rival_for_the_thing(rivals, equals)
            if rival is not None:
                return _mismatch(fact, claim, rival, elsewhere=found)
            swapped = _swapped(claim, sentence, equals)
            if swapped is not None:
                return swapped
            return _verified(claim, found, no_context=not claim_keys)
        if heading is not None:
            return _verified_by_heading(claim, heading)
        earlier.append(layer)
    if best is not None and best.relation is _Relation.VAGUER:
        return _approximate(fact, claim, best, written)
    if best is not None:
        return _mismatch(fact, claim, best)
    return _not_found(claim, stray, needed)


def clear_caches() -> None:
    """Forget everything cached about the texts and claims matched so far.

    The caches below key on a source's text (a figure's surroundings, phrases and signature,
    the figures and tables of a text layer) or on its words, so they keep every page matched in
    a process alive until they fill up. A source is extracted once and its facts are all matched
    together, so nothing cached for one source helps the next: `verify.check_source` calls this
    when it is done with a source. Matching is unchanged; the next source pays for its own
    figures, as it does anyway.
    """
    for cached in _CACHES:
        cached.cache_clear()


@functools.lru_cache(maxsize=256)
def _sentence_figures(sentence: str) -> tuple[Figure, ...]:
    """The figures of a claim's sentence (five helpers read them for every fact)."""
    return tuple(find_figures(sentence, ordinals=True))


def _stated(fact: str, sentence: str, value: str | None) -> Quantity | None:
    """The value of the figure written `fact` in `sentence` (the one whose canonical value is
    `value`, when given), or `None` when the sentence has no such figure.

    Read alone, the first end of a range loses the suffix it shares with the second ("10" of
    "10-15%", "$5" of "$5-8bn") and an attached "m" its meaning ("2m" of "2m people").
    """
    written = fact.strip()
    found = [figure for figure in _sentence_figures(sentence) if figure.text == written]
    if value is not None:
        found = [figure for figure in found if figure.quantity.canonical() == value] or found
    return found[0].quantity if found else None


def _as_stated(fact: str, claim: Quantity, sentence: str) -> Quantity:
    """The claim's value as its sentence states it: the fact "550" in "550 MW" is 550 MW.

    A unit of measure or the period of a rate written right after the fact in the sentence
    belongs to it ("£7.5k" in "£7.5k a year"), so a source giving another unit or period is a
    mismatch. Currencies are not borrowed this way: they are written before the number, where
    the fact's own text already has them.
    """
    at = sentence.find(fact.strip())
    if at < 0 or (claim.measure is not None and claim.per is not None):
        return claim
    for figure in _sentence_figures(sentence):
        if figure.start != at or figure.end < at + len(fact.strip()):
            continue
        stated = figure.quantity
        bare = dataclasses.replace(
            stated,
            kind=claim.kind if stated.kind == "measure" else stated.kind,
            measure=claim.measure,
            per=claim.per,
        )
        if bare.canonical() == claim.canonical():
            return stated
    return claim


# --------------------------------------------------------------------------- comparing values


@dataclass(frozen=True)
class _Written:
    """How the claim's figure is written in its sentence, beyond its value."""

    falls: bool  # right after a word of decrease ("fell 5%", "a loss of $4m")
    four_digits: bool  # a bare four-digit number, which `numbers` reads as a year or a count
    duration: tuple[str, int] | None = None  # a unit of time after a count ("3 hours")
    direction: int = 0  # 1 after a word of increase ("rose 5%"), -1 of decrease, 0 neither
    bound: str | None = None  # "min" ("more than"), "max" ("up to"), "range" ("10-15")
    precision: decimal.Decimal | None = None  # the place of its last written digit (`_precision`)
    hedged: bool = False  # "about", "some", "nearly" before it
    fraction: bool = False  # a fraction of a scale ("a third of a million"), never exact
    counted: bool = False  # a number that surely counts things ("employed 1850 workers")
    change: bool = False  # a change written as a verb ("halved", "doubled"; `_CHANGE_WORD_RE`)


def _written(fact: str, claim: Quantity, sentence: str) -> _Written:
    own = [f for f in _sentence_figures(sentence) if f.quantity.canonical() == claim.canonical()]
    falls = any(_falls_before(sentence, figure.start) for figure in own)
    duration = None
    if own and claim.kind in ("count", "number"):
        duration = _duration_after(sentence, own[0].end)
    direction = _direction(sentence, own[0].start) if own else 0
    four_digits = _FOUR_DIGITS_RE.fullmatch(fact.strip()) is not None
    bound = _bound(sentence, own[0]) if own else None
    hedged = bool(own) and _HEDGE_BEFORE_RE.search(
        sentence, max(0, own[0].start - 30), own[0].start
    )
    fraction = _FRACTION_OF_SCALE_RE.search(fact) is not None
    counted = bool(own) and four_digits and counts_things(sentence, own[0].start, own[0].end)
    change = _CHANGE_WORD_RE.fullmatch(own[0].text if own else fact.strip()) is not None
    return _Written(
        falls,
        four_digits,
        duration,
        direction,
        bound,
        _precision(fact, claim),
        bool(hedged),
        fraction,
        counted,
        change,
    )


def _bound(text: str, figure: Figure) -> str | None:
    """ "min" for a lower bound before or after the figure ("more than 3,000", "3,000-plus"),
    "max" for an upper one ("up to", "nearly"), "range" for an end of a range ("10–15"), or
    `None`."""
    if figure.quantity.kind not in _BOUNDED_KINDS:
        return None  # "between 1998 and 2021" is a span of years, not a bound
    start, end = figure.start, figure.end
    found = _BOUND_BEFORE_RE.search(text, max(0, start - 40), start)
    if found is not None:
        return "min" if found.group("min") else "max"
    if _BOUND_AFTER_RE.match(text, end):
        return "min"
    before = _RANGE_BEFORE_RE.search(text, max(0, start - 12), start)
    if before is not None and _CHANGE_TO_RE.search(text, max(0, start - 60), start):
        before = None  # "fell 5% to 30%", "from 35% to 30%": 30% is a level, not a range's end
    if before is not None and "and" in before.group():
        before = _BETWEEN_RE.search(text, max(0, start - 40), start)  # "between 10 and 15"
    if before is not None or _RANGE_AFTER_RE.match(text, end):
        return "range"
    if _BETWEEN_BEFORE_RE.search(text, max(0, start - 12), start):
        return "range"
    return None


def _precision(fact: str, claim: Quantity) -> decimal.Decimal | None:
    """The place value of the last digit the claim writes: 100,000 for "£3.8m", 1 for "65%"
    and for "3,800,000", a million for "two million"; `None` for other kinds of figure or a
    value whose digits do not say ("3½")."""
    if claim.kind not in ("money", "count", "number", "percent", "points") or not claim.value:
        return None
    digits = "".join(ch for ch in fact if ch.isascii() and ch.isdigit())
    if digits:
        if not int(digits):
            return None
        place = abs(claim.value) / int(digits)
    else:
        exponent = claim.value.normalize().as_tuple().exponent
        if not isinstance(exponent, int):  # pragma: no cover - a figure is finite
            return None
        place = decimal.Decimal(1).scaleb(exponent)
    log = place.log10()
    return place if log == log.to_integral_value() else None


def _rounds_to(claim: Quantity, source: Quantity, written: _Written) -> bool:
    """Whether the claim is the source's value rounded to the claim's own precision ("£3.8m" for
    "£3,812,000", "65%" for "64.6%"), and close enough (`_ROUNDING`)."""
    place = written.precision
    if claim.kind != source.kind or source.value in (0, claim.value):
        return False
    if (claim.unit, claim.measure, claim.per) != (source.unit, source.measure, source.per):
        return False
    limit = _HEDGED_ROUNDING if written.hedged else _ROUNDING
    close = abs(claim.value - source.value) <= abs(source.value) * decimal.Decimal(str(limit))
    if written.fraction:  # "a third of a million" for "330,000": a round figure in words
        return close
    # Closeness is checked before rounding (both must hold): most of a page's figures are far
    # off the claim.
    if place is None or not close:
        return False
    rounded = {
        (source.value / place).quantize(decimal.Decimal(1), rounding=mode) * place
        for mode in (decimal.ROUND_HALF_UP, decimal.ROUND_HALF_EVEN)
    }
    return claim.value in rounded


# A change written as a verb, which `numbers` reads as a figure ("sales halved", "fares doubled";
# `numbers.CHANGE_WORDS`).
_CHANGE_WORD_RE = re.compile(rf"(?i)(?:{'|'.join(CHANGE_WORDS)})(?!\w)")


def _direction(text: str, start: int) -> int:
    """1 when a word of increase stands right before the figure at `start` ("rose 5%") or the
    figure is one ("doubled"), -1 for a word of decrease ("fell 5%", "halved"), 0 for neither."""
    change = _CHANGE_WORD_RE.match(text, start)
    if change is not None:
        # "halved" is a share of what was (a ratio); the others, a rise by a percentage.
        return -1 if CHANGE_WORDS[change.group().lower()].kind == "ratio" else 1
    if _falls_before(text, start):
        return -1
    return 1 if _RISE_BEFORE_RE.search(text, max(0, start - 40), start) is not None else 0


# Units of time after a count, as (scale, factor) of `numbers.TIME_UNITS`, with the
# abbreviations written after a count.
_DURATIONS = {
    **TIME_UNITS,
    "sec": TIME_UNITS["second"], "min": TIME_UNITS["minute"], "hr": TIME_UNITS["hour"],
    "yr": TIME_UNITS["year"], "centuries": TIME_UNITS["century"],
}  # fmt: skip
_DURATION_AFTER_RE = re.compile(
    r"[\s\-‑]{1,2}(?:(?:more|fewer|full|long|straight|consecutive|whole)\s+)?"
    r"(?P<unit>(?i:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?"
    r"|years?|yrs?|decades?|century|centuries))(?!\w)"
)


def _duration_after(text: str, end: int) -> tuple[str, int] | None:
    """The unit of time right after a count ending at `end` ("3 hours", "a 12-day strike") as
    (base, factor) of `_DURATIONS`, or `None`."""
    found = _DURATION_AFTER_RE.match(text, end)
    if found is None:
        return None
    unit = found.group("unit").lower()
    return _DURATIONS.get(unit) or _DURATIONS[unit.removesuffix("s")]


def _relate_durations(claim: Quantity, figure: Figure, text: str, written: _Written) -> _Relation:
    """A count of time ("3 hours") against a source's count: by duration where the source names
    a unit of time too ("14 days" for "two weeks"; "3 days" for "3 hours" is another value)."""
    if written.duration is None or figure.quantity.kind not in ("count", "number"):
        return _Relation.UNRELATED
    source = _duration_after(text, figure.end)
    if source is None:
        return _Relation.UNRELATED
    (claim_base, claim_factor), (source_base, source_factor) = written.duration, source
    if claim_base != source_base:
        # Months against days: no exact conversion; the same number is still another value.
        same = claim.value == figure.quantity.value
        return _Relation.DIFFERENT if same else _Relation.UNRELATED
    if claim.value * claim_factor == figure.quantity.value * source_factor:
        return _Relation.EQUAL
    return _Relation.DIFFERENT


def _both_changes(figure: Figure, text: str, written: _Written) -> bool:
    """False when one of the claim's figure and the source's `figure` is a change written as a
    verb ("halved", "doubled") and the other states no change: no word of increase or decrease
    before it ("half of the staff", "100% of homes"). A change and a share are different things
    with the same number; a share stated as a change ("fell by half", "rose 100%") meets it."""
    if figure.quantity.kind not in ("ratio", "percent"):
        return True
    source_change = figure.text[:1].isalpha() and _CHANGE_WORD_RE.fullmatch(figure.text)
    if written.change and not source_change:
        return _direction(text, figure.start) != 0
    if source_change and not written.change:
        return written.direction != 0
    return True


def _falls_before(text: str, start: int) -> bool:
    """Whether a word of decrease stands right before the figure at `start` ("fell 5%")."""
    return _FALL_BEFORE_RE.search(text, max(0, start - 40), start) is not None


def _relate(
    claim: Quantity, claim_noun: str | None, figure: Figure, text: str, written: _Written
) -> _Relation:
    relation = _relate_value(claim, claim_noun, figure, text, written)
    if relation is not _Relation.UNRELATED and not _both_changes(figure, text, written):
        return _Relation.UNRELATED  # "sales halved" is not "half of the sales"
    if (
        written.direction
        and relation in (_Relation.EQUAL, _Relation.VAGUER)
        and (figure.quantity.value == claim.value or "ratio" in (claim.kind, figure.quantity.kind))
        and _direction(text, figure.start) == -written.direction
    ):
        # "rose 5%" against "fell 5%"; a share against a percentage too, as the value of a
        # change in words ("halved", "fell a quarter") is its share: "rose 50%" is no halving.
        return _Relation.DIFFERENT
    if relation is _Relation.DIFFERENT and _rounds_to(claim, figure.quantity, written):
        return _Relation.VAGUER  # "£3.8m" for "£3,812,000"
    if (
        relation is _Relation.DIFFERENT
        and (change := _pair_change(claim, figure, text, written)) is not None
    ):
        # "rose 5 percentage points" against "rose from 10% to 15%": a change against one end
        # of the source's change. The change itself bears the claim out or is not stated.
        return _Relation.VAGUER if change == claim.value else _Relation.UNRELATED
    if relation is _Relation.DIFFERENT and _within_bound(claim, figure, text, written):
        return _Relation.VAGUER  # "over 40%" for "41%", "nearly half" for "46%"
    if relation is _Relation.EQUAL or (
        relation is _Relation.VAGUER and figure.quantity.value == claim.value
    ):
        source_bound = _bound(text, figure)
        if source_bound != written.bound:
            if {source_bound, written.bound} == {"min", "max"}:
                return _Relation.DIFFERENT  # "more than 3,000" against "up to 3,000"
            return _Relation.VAGUER  # a bound or range one side drops
    return relation


# The two ends of a change in the source: "from 10% to 15%".
_FROM_BEFORE_RE = re.compile(r"(?i)(?<!\w)from\s+\Z")
_TO_BETWEEN_RE = re.compile(r"(?i)\s+to\s+\Z")


def _change_pair(text: str, figure: Figure) -> tuple[Figure, Figure] | None:
    """The start and end of the change "from 10% to 15%" that `figure` is one end of, or
    `None`."""
    figures = _figures(text)
    i = bisect.bisect_left(figures, figure.start, key=lambda f: f.start)
    if i >= len(figures) or figures[i].start != figure.start:
        return None
    for start, end in ((i - 1, i), (i, i + 1)):
        if start < 0 or end >= len(figures):
            continue
        first, second = figures[start], figures[end]
        if (
            first.end < second.start
            and _TO_BETWEEN_RE.fullmatch(" " + text[first.end : second.start].strip() + " ")
            and _FROM_BEFORE_RE.search(text, max(0, first.start - 8), first.start)
        ):
            return first, second
    return None


def _pair_change(
    claim: Quantity, figure: Figure, text: str, written: _Written
) -> decimal.Decimal | None:
    """The change the source's "from 10% to 15%" makes, in the claim's terms, when the claim
    states a change and `figure` is one end of the source's: percentage points (5), or for a
    rise or fall in per cent the relative change (50), rounded to the claim's precision; `None`
    otherwise, or when the source's change goes the other way."""
    if figure.quantity.kind != "percent" or not (
        claim.kind == "points" or (claim.kind == "percent" and written.direction)
    ):
        return None
    pair = _change_pair(text, figure)
    if pair is None or {f.quantity.kind for f in pair} != {"percent"}:
        return None
    before, after = (f.quantity.value for f in pair)
    if written.direction and (after - before) * written.direction <= 0:
        return None
    if claim.kind == "points":
        change = abs(after - before)
    elif before:
        change = abs(after - before) / before * 100
    else:
        return None
    place = written.precision or decimal.Decimal(1)
    return (change / place).quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP) * place


# How far past its figure a bounded claim reaches: "more than 10,000" says little of 20,000.
_BOUND_REACH = decimal.Decimal("0.15")


def _within_bound(claim: Quantity, figure: Figure, text: str, written: _Written) -> bool:
    """Whether the source's exact figure satisfies the claim's bound, close to its figure:
    "over 40%" for "41%", "more than half" for "56%", "nearly 10,000" for "9,800". Not past
    `_BOUND_REACH`, nor against a source figure with a bound of its own or the other
    direction ("rose over 40%" is not "fell 41%")."""
    if written.bound not in ("min", "max") or _bound(text, figure) is not None:
        return False
    if written.direction and _direction(text, figure.start) == -written.direction:
        return False
    claimed, stated = _share_of(claim), _share_of(figure.quantity)
    if claimed is None or stated is None or claimed <= 0:
        return False
    if claim.kind != figure.quantity.kind and {claim.kind, figure.quantity.kind} != {
        "ratio",
        "percent",
    }:
        return False
    source = figure.quantity
    if (claim.unit, claim.measure, claim.per) != (source.unit, source.measure, source.per):
        return False
    if written.bound == "min":
        return claimed < stated <= claimed * (1 + _BOUND_REACH)
    return claimed * (1 - _BOUND_REACH) <= stated < claimed


def _share_of(quantity: Quantity) -> decimal.Decimal | None:
    """A figure's value, a share or percentage as a fraction of one; `None` for a share without
    its denominator."""
    if quantity.kind == "ratio":
        return quantity.value / quantity.of if quantity.of else None
    if quantity.kind == "percent":
        return quantity.value / 100
    return quantity.value


def _relate_value(
    claim: Quantity, claim_noun: str | None, figure: Figure, text: str, written: _Written
) -> _Relation:
    source = figure.quantity
    if (
        source.kind != claim.kind
        and _FAMILIES[source.kind] != _FAMILIES[claim.kind]
        and {claim.kind, source.kind} != {"year", "count"}
    ):
        return _Relation.UNRELATED  # most of a page's figures: decided before any string is built
    if written.duration is not None:
        by_duration = _relate_durations(claim, figure, text, written)
        if by_duration is not _Relation.UNRELATED or _duration_after(text, figure.end):
            return by_duration
    if source.canonical() == claim.canonical():
        return _Relation.EQUAL
    if claim.value and source.value == -claim.value and claim.measure not in TEMPERATURE_UNITS:
        # The same number with the other sign: "-15 degrees" is not "15 degrees", but a
        # source's "-5%" says what a claim's "fell 5%" says (and the other way round). Not for a
        # temperature, a level: "fell 5 °C" is no temperature of -5 °C.
        flipped = dataclasses.replace(source, value=claim.value)
        relation = _relate_value(
            claim, claim_noun, dataclasses.replace(figure, quantity=flipped), text, written
        )
        if relation in (_Relation.EQUAL, _Relation.VAGUER):
            positive_falls = written.falls if claim.value > 0 else _falls_before(text, figure.start)
            if not positive_falls:
                return _Relation.DIFFERENT
        return relation
    relation = _relate_values(claim, claim_noun, figure, text, written)
    if claim.per is None or relation not in (_Relation.EQUAL, _Relation.VAGUER):
        return relation
    # The claim states a rate ("£4.80 a month"): another period is another value. A source
    # figure without one may have its period close by ("the £95,000 it spends each year", "an
    # annual charge of £4.80"); with none there, the source says less than the claim.
    if source.per is not None:
        return _Relation.EQUAL if source.per == claim.per else _Relation.DIFFERENT
    named = _periods_nearby(text, figure)
    if not named:
        return _Relation.VAGUER
    return _Relation.EQUAL if claim.per in named else _Relation.DIFFERENT


def _relate_values(
    claim: Quantity, claim_noun: str | None, figure: Figure, text: str, written: _Written
) -> _Relation:
    """How the source's figure relates to the claim, leaving aside the period of a rate.

    `_relate` has already set aside a figure of another family (unless a year and a count).
    """
    source = figure.quantity
    if (claim.per or source.per) and _without_period(source) == _without_period(claim):
        return _Relation.EQUAL
    if {claim.kind, source.kind} == {"year", "count"}:
        # `numbers` guesses year or count for a bare four-digit number from its neighbours; the
        # claim and the source may be guessed differently. A count written otherwise ("2,019
        # nurses") was never a guess, and a year says nothing about it; nor does it about a
        # count that surely counts things ("employed 1850 workers", `numbers.counts_things`).
        count_guessed = (
            written.four_digits and not written.counted
            if claim.kind == "count"
            else _FOUR_DIGITS_RE.fullmatch(figure.text) is not None
            and not counts_things(text, figure.start, figure.end)
        )
        if count_guessed and claim.value == source.value:
            return _Relation.EQUAL
        return _Relation.UNRELATED
    if "ratio" in (claim.kind, source.kind):
        return _relate_shares(claim, source)
    claim_family = _FAMILIES[claim.kind]
    if claim_family == "amount":
        if "measure" in (claim.kind, source.kind):
            return _relate_measures(claim, claim_noun, figure, source, text)
        return _relate_amounts(claim, claim_noun, figure, source, text)
    if claim_family == "time":
        return _relate_times(claim, source)
    if claim_family == "rank" and claim_noun is not None:
        # "the 14th year" is not contradicted by "the third round".
        source_noun = _noun_after(text, figure.end)
        if source_noun is not None and source_noun != claim_noun:
            return _Relation.UNRELATED
    return _Relation.DIFFERENT  # percent against points, another rate, another rank


def _relate_shares(claim: Quantity, source: Quantity) -> _Relation:
    """A share ("one in four", "a third") against another share or a percentage.

    A share and a percentage compare by value: "one in five" is 20%, and "33%" is "one in three"
    rounded (the source says less than the claim, or more). Percentage points are no share.
    """
    if "points" in (claim.kind, source.kind):
        return _Relation.UNRELATED
    if claim.kind == source.kind:
        return _Relation.DIFFERENT  # equal shares were caught by `canonical()`
    ratio, percent = (claim, source) if claim.kind == "ratio" else (source, claim)
    if not ratio.of:  # pragma: no cover - `numbers` always sets a share's denominator
        return _Relation.UNRELATED
    exact = fractions.Fraction(ratio.value) / fractions.Fraction(ratio.of) * 100
    stated = fractions.Fraction(percent.value)
    if stated == exact:
        return _Relation.EQUAL
    exponent = percent.value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    if abs(stated - exact) <= fractions.Fraction(1, 2 * 10**places):
        return _Relation.VAGUER
    return _Relation.DIFFERENT


def _without_period(quantity: Quantity) -> str:
    """`quantity.canonical()` without its period (which always comes last, after a "/")."""
    canonical = quantity.canonical()
    return canonical.rsplit("/", 1)[0] if quantity.per else canonical


def _relate_measures(
    claim: Quantity, claim_noun: str | None, figure: Figure, source: Quantity, text: str
) -> _Relation:
    """A claim or a source figure in a unit of measure ("550 km"): the unit is part of the value."""
    if claim.kind == "money" or source.kind == "money":
        return _Relation.UNRELATED  # tonnes are not pounds
    same_number = claim.value == source.value
    if claim.measure is not None and source.measure is not None:
        if MEASURES[claim.measure][0] != MEASURES[source.measure][0]:
            return _Relation.UNRELATED  # kilograms and kilometres measure different things
        if "degree" in (claim.measure, source.measure):
            # Degrees of no named scale ("35 degrees") against °C or °F: the same number says
            # the same with or without its scale (the one that names none says less).
            if not same_number:
                return _Relation.DIFFERENT
            return _Relation.EQUAL if claim.measure == "degree" else _Relation.VAGUER
        # Equal in the base unit was caught by `canonical()`: 550 km against 550 mi, or
        # 3.2 MW against 3.2 GW, is another value.
        return _Relation.DIFFERENT
    if claim.measure is not None:
        # A bare number in the source: the claim's unit named close by ("the orbit, in
        # kilometres, is 550") makes it the claim's kind of figure.
        named = _unit_nearby(text, figure, claim.measure)
        if same_number:
            return _Relation.EQUAL if named else _Relation.VAGUER
        return _Relation.DIFFERENT if named else _Relation.UNRELATED
    # The claim is a bare number and the source measures something. The claim's sentence counts
    # things ("11 people"): no measure is about them. Otherwise the unit is the source being
    # more precise than the claim.
    if claim_noun is not None:
        return _Relation.UNRELATED
    return _Relation.EQUAL if same_number else _Relation.UNRELATED


def _relate_amounts(
    claim: Quantity, claim_noun: str | None, figure: Figure, source: Quantity, text: str
) -> _Relation:
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
    if claim_month is not None and source_month is not None and max(claim_month, source_month) > 12:
        if claim_year != source_year:
            return _Relation.DIFFERENT
        return _relate_parts(claim_month, source_month)
    if (claim_year, claim_month) != (source_year, source_month):
        return _Relation.DIFFERENT
    if claim_day is None:
        return _Relation.EQUAL  # "March 2025" is stated by "17 March 2025"
    if source_day is None:
        return _Relation.VAGUER  # the source gives the month, not the day
    return _Relation.DIFFERENT


def _relate_parts(claim_month: int, source_month: int) -> _Relation:
    """Two times of one year, one of them at least a part of it ("Q3", "the second half",
    "autumn"), the other a part or a month: "Q3 2021" is stated by "September 2021" and by
    "Q3 2021", a claim's "September 2021" only approximately by "Q3 2021", and "Q2 2021" is
    another time. Parts of two kinds that overlap without one holding the other ("summer" and
    "Q3") are approximate. A fiscal year (`None` in `PERIOD_PART_MONTHS`), compared with anything
    but itself, is only vaguer."""
    if claim_month == source_month:
        return _Relation.EQUAL
    claim_months = PERIOD_PART_MONTHS.get(claim_month, frozenset({claim_month}))
    source_months = PERIOD_PART_MONTHS.get(source_month, frozenset({source_month}))
    if claim_months is None or source_months is None:
        return _Relation.VAGUER
    if claim_month > 12 and source_month > 12 and claim_month // 10 == source_month // 10:
        return _Relation.DIFFERENT  # two quarters, two halves, two seasons
    if source_months <= claim_months:
        return _Relation.EQUAL  # the source's September or Q3 is in the claim's Q3 or H2
    if source_months & claim_months:
        return _Relation.VAGUER
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
    # Cached: every money fact citing a source asks it of the same bare numbers. `_text_nearby`
    # tells the figure from the text's own figures by identity: one with its sign flipped
    # (`_relate_value`) is none of them, and the sign of its value tells it apart in the key.
    key = (text, figure.start, figure.quantity.value.is_signed(), unit)
    found = _CURRENCY_NEAR.get(key)
    if found is None:
        nearby = _text_nearby(text, figure, lambda other: other.quantity.kind == "money")
        found = _CURRENCY_NEAR[key] = mentions_currency(nearby, unit)
    return found


class _Memo(dict[typing.Any, typing.Any]):
    """A plain cache that `clear_caches` empties like the `functools.lru_cache` ones."""

    def cache_clear(self) -> None:
        self.clear()


_CURRENCY_NEAR = _Memo()


def _periods_nearby(text: str, figure: Figure) -> set[str]:
    """The periods named within `_CURRENCY_REACH` of `figure`, outside other figures' own text
    (in "£95,000 a year and 5% a month" the month belongs to the second figure)."""
    nearby = _text_nearby(text, figure, lambda other: True)
    return {_PERIODS[(m.group(1) or m.group(2)).lower()] for m in _PERIOD_NAME_RE.finditer(nearby)}


def _unit_nearby(text: str, figure: Figure, measure: str) -> bool:
    """Whether the unit `measure` is named within `_CURRENCY_REACH` of `figure`, outside any
    other figure that carries its own unit."""
    nearby = _text_nearby(text, figure, lambda other: other.quantity.measure is not None)
    return any(measure_unit(word.group()) == measure for word in _UNIT_WORD_RE.finditer(nearby))


def _text_nearby(
    text: str, figure: Figure, owns_words: collections.abc.Callable[[Figure], bool]
) -> str:
    """The text within `_CURRENCY_REACH` of `figure`, less the text of the other figures for
    which `owns_words` holds: a currency, unit or period written in them is theirs."""
    lo = max(0, figure.start - _CURRENCY_REACH)
    hi = min(len(text), figure.end + _CURRENCY_REACH)
    starts = _figure_starts(text)
    pieces, cursor = [], lo
    for other in _figures(text)[
        max(0, bisect.bisect_left(starts, lo) - 1) : bisect.bisect_right(starts, hi)
    ]:
        if other.end > lo and other is not figure and owns_words(other):
            pieces.append(text[cursor : max(cursor, other.start)])
            cursor = max(cursor, other.end)
    pieces.append(text[cursor:hi])
    return " ".join(pieces)


def _better(candidate: _Candidate, best: _Candidate, kind: str | None = None) -> bool:
    """Whether `candidate` is a better place than `best` for the claim's figure.

    A figure of the thing the claim counts ("19" in a table's "Goldfinch" row for "12
    goldfinches") wins over figures of other things; then the place that best matches the
    claim's context (its weight, then its distinct shared words); on a tie, a source that
    restates the same number (VAGUER) beats a different one, then a figure of the claim's own
    `kind` (a year for a year), then the earlier layer or offset.
    """
    if candidate.same_thing != best.same_thing:
        return candidate.same_thing
    if candidate.weight != best.weight:
        return candidate.weight > best.weight
    if candidate.shared != best.shared:
        return candidate.shared > best.shared
    if candidate.relation is not best.relation:
        return candidate.relation is _Relation.VAGUER
    return kind is not None and candidate.figure.quantity.kind == kind != best.figure.quantity.kind


def _better_placed_rival(
    claim_keys: set[str],
    rivals: list[_Candidate],
    equals: list[_Candidate],
    labels: frozenset[str],
    other_years: frozenset[str] = frozenset(),
) -> _Candidate | None:
    """A different value standing clearly better in the claim's place than every equal one.

    The claim's value somewhere on the page does not verify it when the page gives another value
    where it says what the claim says: "Tako fell by 33% across Soleki's assembly" is not
    verified by "rose by 33% under Lanito's assembly" when the page also says "Tako fell by 35%
    across Soleki's assembly". See `_clearly_better_placed` for "clearly". Of several such
    rivals, the best placed (`_better`) is returned.
    """
    if not rivals:
        return None
    # In a table, the claim's words that name a record pick its row: "the Western terminal
    # employs 840 staff" is contradicted by 512 in the Western row of the staff column, whatever
    # the Eastern row says.
    in_its_row = [r for r in rivals if all(_in_a_better_row(r, equal) for equal in equals)]
    if not in_its_row:
        # One-word labels pick a cell: "The East has a budget of £3.8m" is about the "East"
        # row, "1,500 in 2021" about the "2021" column. The years the claim gives its other
        # figures ("and 1,350 in 2022") name their cells, not this one's.
        in_its_row = [
            r
            for r in rivals
            if all(
                _in_the_named_cell(claim_keys - other_years, labels, r, equal) for equal in equals
            )
        ]
    if in_its_row:
        return functools.reduce(lambda a, b: b if _better(b, a) else a, in_its_row)

    def in_sentence(candidate: _Candidate) -> int:
        layer, figure = candidate.layer, candidate.figure
        blank_only = layer.name in _HARD_WRAPPED_LAYERS
        return len(claim_keys & _sentence_keys(layer.text, figure.start, figure.end, blank_only))

    # The equal values' places, one per (same thing, shared words, weight) with the most claim
    # words in its sentence: the hardest to beat of each kind. A page repeating both values
    # hundreds of times then costs hundreds of comparisons, not their square.
    places: dict[tuple[bool, int, int], int] = {}
    for equal in equals:
        key = (equal.same_thing, equal.shared, equal.weight)
        places[key] = max(places.get(key, 0), in_sentence(equal))
    strongest = [_Place(*key, sentence) for key, sentence in places.items()]
    margin = max(_CLEAR_MARGIN, math.ceil(_CLEAR_SHARE * len(claim_keys)))
    # Clearly better placed than every equal value needs at least as many shared words as each
    # (`_clearly_better_placed`): most rivals on a page of figures are told apart by that alone.
    most_shared = max(equal.shared for equal in strongest)
    found: _Candidate | None = None
    for rival in rivals:
        if rival.shared < most_shared or (found is not None and not _better(rival, found)):
            continue
        place = _Place(rival.same_thing, rival.shared, rival.weight, -1)
        if all(_clearly_better_placed(place, equal, margin) for equal in strongest):
            found = rival  # by the window alone
            continue
        place = place._replace(sentence=in_sentence(rival))
        if all(_clearly_better_placed(place, equal, margin) for equal in strongest):
            found = rival
    return found


def _rival_for_the_thing(rivals: list[_Candidate], equals: list[_Candidate]) -> _Candidate | None:
    """A different value that the source gives for the thing the claim counts, in the very
    sentence where the claim's value counts something else.

    "The flood damaged 150 schools" is not verified by "120 schools and 150 hospitals", nor
    "lasted 400 days" by "lasted 12 days and involved 400 workers": the claim's number is there,
    but the word after it names another thing, and the claim's own word stands after another
    number next to it. Only then: a claim's value followed by another word and nothing next to
    it ("150 pupils" for "150 schools") is left to the words around it, as before. Both words
    are lower-case: in a table flattened into one line, the capitalised word after a number is
    the next row's name ("Goldfinch 6 19 Starling 35 12").
    """
    if not equals or not all(equal.other_thing for equal in equals):
        return None
    found: _Candidate | None = None
    for rival in rivals:
        if not rival.same_thing or (found is not None and not _better(rival, found)):
            continue
        if not _lower_word_after(rival.layer.text, rival.figure.end):
            continue
        for equal in equals:
            layer = equal.layer
            if rival.layer is not layer:
                continue
            blank_only = layer.name in _HARD_WRAPPED_LAYERS
            begin, finish = _sentence_bounds(
                layer.text, equal.figure.start, equal.figure.end, blank_only
            )
            if begin <= rival.figure.start and rival.figure.end <= finish:
                found = rival
                break
    return found


# How many content words before a figure name what it is of ("wheat exports grew 5%").
_LABEL_WORDS = 3


def _swapped(claim: Quantity, sentence: str, equals: list[_Candidate]) -> MatchResult | None:
    """A mismatch when the source gives the claim's value to another subject or year, and the
    claim's subject or year its own value, in one sentence of running text.

    "Wheat exports grew 5%" against "Barley exports grew 5%, while wheat exports grew 3%"; "Women
    earned $52,000" against "Men earned $52,000 on average and women $41,000"; "54% in 2019"
    against "61% in 2019 and 54% in 2023". The subject is read from the few content words
    between the figure and the figure or sentence start before it (`_label_before`), the year
    from "in 2019" right after it. Only when every place the source has the claim's value says
    so: its subject has a word the claim's lacks and lacks one the claim's has, which the other
    value's subject has (or its year is another and the other value's the claim's), and the word
    after the figure is not the claim's (a list: "12 schools, 4 hospitals").
    """
    figures = _valued(_sentence_figures(sentence))
    own = [i for i, f in enumerate(figures) if f.quantity.canonical() == claim.canonical()]
    if len(own) != 1:
        return None
    i = own[0]
    mine = figures[i]
    lo = figures[i - 1].end if i else 0
    label = _label_before(sentence, lo, mine.start)
    limit = figures[i + 1].start if i + 1 < len(figures) else len(sentence)
    year = _year_after(sentence, mine.end, limit)
    # A count's noun after it names what it counts ("4 hospitals"), whatever comes before.
    noun = _noun_after(sentence, mine.end) if claim.kind in ("count", "number") else None
    found: tuple[_Candidate, Figure, str] | None = None
    for equal in equals:
        if equal.column is not None:
            return None  # a table: its rows and columns place the figure
        rival = _rival_of_another_subject(claim, equal, label, year, noun)
        if rival is None:
            return None
        found = found or (equal, *rival)
    if found is None:
        return None
    equal, figure, why = found
    candidate = dataclasses.replace(equal, figure=figure, relation=_Relation.DIFFERENT)
    result = _mismatch(repr(claim), claim, candidate)
    detail = (
        f"source says {_describe_against(figure.quantity, claim)} for {why}, claim says "
        f"{claim.describe()}; the source's {equal.figure.text!r} in the same sentence is of "
        "another subject or year"
    )
    return dataclasses.replace(result, detail=detail, diff=result.diff)


def _rival_of_another_subject(
    claim: Quantity, equal: _Candidate, label: frozenset[str], year: str | None, noun: str | None
) -> tuple[Figure, str] | None:
    """The figure of `equal`'s source sentence that is the claim's subject's (or year's) with
    another value, and what names it, when `equal` is another subject's (see `_swapped`)."""
    text, blank_only = equal.layer.text, equal.layer.name in _HARD_WRAPPED_LAYERS
    if noun is not None and _noun_after(text, equal.figure.end) == noun:
        return None
    begin, finish = _sentence_bounds(text, equal.figure.start, equal.figure.end, blank_only)
    figures = _figures(text)
    first = bisect.bisect_left(figures, begin, key=lambda f: f.start)
    last = bisect.bisect_left(figures, finish, key=lambda f: f.start)
    sentence = _valued(figures[first:last])
    places = {f.start: j for j, f in enumerate(sentence)}
    if equal.figure.start not in places:
        return None
    labels, years = [], []
    for j, figure in enumerate(sentence):
        lo = sentence[j - 1].end if j else begin
        hi = sentence[j + 1].start if j + 1 < len(sentence) else finish
        labels.append(_label_before(text, lo, figure.start))
        years.append(_year_after(text, figure.end, hi))
    k = places[equal.figure.start]
    theirs = labels[k]
    missing, extra = label - theirs, theirs - label
    for j, figure in enumerate(sentence):
        other = figure.quantity
        if j == k or other.value == claim.value or not _same_kind(claim, other):
            continue
        if missing & labels[j] and extra and not extra & labels[j]:
            return figure, repr(_phrase_of(text, figure))
        if year is not None and years[k] not in (None, year) and years[j] == year:
            return figure, year
    return None


def _valued(figures: collections.abc.Sequence[Figure]) -> list[Figure]:
    """The figures that are not years: a year places the figure before it ("54% in 2023")."""
    return [
        figure
        for figure in figures
        if figure.quantity.kind != "year" and _YEAR_KEY_RE.fullmatch(figure.text) is None
    ]


def _same_kind(claim: Quantity, other: Quantity) -> bool:
    return (claim.kind, claim.unit, claim.measure, claim.per) == (
        other.kind,
        other.unit,
        other.measure,
        other.per,
    )


def _label_before(text: str, lo: int, start: int) -> frozenset[str]:
    """The last `_LABEL_WORDS` content words of `text[lo:start]`, folded."""
    words = [
        word
        for word in _TOKEN_RE.findall(text, lo, start)
        if word.isalpha() and word.casefold() not in _STOP_WORDS
    ]
    return frozenset(map(_fold, words[-_LABEL_WORDS:]))


def _year_after(text: str, end: int, limit: int) -> str | None:
    """The year right after a figure ("54% in 2023"), before `limit`, or `None`."""
    found = _OWN_YEAR_AFTER_RE.match(text, end, limit)
    return found.group(1) if found is not None else None


def _lower_word_after(text: str, end: int) -> bool:
    """Whether the word right after a figure (as `_noun_after` finds it) is lower-case."""
    word = _NOUN_AFTER_RE.match(text, end)
    return word is not None and word.group(1)[0].islower()


def _in_a_better_row(rival: _Candidate, equal: _Candidate) -> bool:
    """Whether `rival` is in the same table column as `equal`, in a row whose header names more
    of the claim's words.

    One claim word in a row header is a chance hit unless the equal value's row header has one
    too (both rows are "... terminal" and the claim says which): "Wiring the whole line would
    cost £1.9 billion" is not about the "Core wiring plus battery trains" row's £860m when the
    "Full electrification" row has £1.9bn.
    """
    return (
        rival.column is not None
        and rival.layer is equal.layer
        and rival.column == equal.column
        and rival.heads > equal.heads
        and (equal.heads >= 1 or rival.heads >= 2)
    )


def _label_keys(claim_keys: set[str], sentence: str) -> frozenset[str]:
    """The claim's words that may name a table's row or column (`_in_the_named_cell`): all but
    a year the claim does not place its statement in ("since 2021", "by 2022" say nothing of the
    figure's own year; "in 2021", "for 2021", "during 2021" do)."""
    placed = set(_PLACED_YEAR_RE.findall(sentence))
    return frozenset(
        key for key in claim_keys if _YEAR_KEY_RE.fullmatch(key) is None or key in placed
    )


_YEAR_KEY_RE = re.compile(r"1[5-9]\d\d|20\d\d")
# A year the sentence places its statement in: "in 2021", "for 2021", "during 2021".
_PLACED_YEAR_RE = re.compile(r"(?i)\b(?:in|for|during)\s+(1[5-9]\d\d|20\d\d)\b")


def _in_the_named_cell(
    claim_keys: set[str], labels: frozenset[str], rival: _Candidate, equal: _Candidate
) -> bool:
    """Whether `rival` is in the cell the claim names and `equal` in another of the same table,
    by one-word labels: in the same column, the rival's row header is one word of the claim (one
    of its `labels`, see `_label_keys`) and the equal value's one word that is not ("East" and
    "North", for "The East has a budget of £3.8m"); or in the same row, so their column headers
    ("2021" and "2022" for "1,500 in 2021"; "Schools" and "Hospitals" for "150 schools").

    Only one-word labels on both sides, the equal value's not among the claim's words: a longer
    label ("Core wiring plus battery trains") may share a claim word by chance, and a claim
    naming both ("in 2021 and 2022") does not say which cell it means, unless it pairs each
    figure with its own year ("1,500 in 2022, up from 1,350 in 2021", `_paired_years`; then the
    caller leaves the other figures' years out of `claim_keys`).
    """
    if rival.column is None or rival.layer is not equal.layer or equal.column is None:
        return False
    if rival.column[0] != equal.column[0]:
        return False  # another table
    text = rival.layer.text
    mine, theirs = _cell_at(text, rival.figure.start), _cell_at(text, equal.figure.start)
    if mine is None or theirs is None:
        return False
    table, row, column = mine
    _, other_row, other_column = theirs
    if row in table.headers or other_row in table.headers or min(column, other_column) == 0:
        return False  # a header cell is a label, not a record's value
    if column == other_column and row != other_row:
        heads = table.cell_text(text, row, 0), table.cell_text(text, other_row, 0)
    elif row == other_row and column != other_column:
        heads = table.column_label(text, column), table.column_label(text, other_column)
    else:
        return False
    named, other = (_TOKEN_RE.findall(head) for head in heads)
    return (
        len(named) == 1
        and len(other) == 1
        # A name or a year: a rank or a row number ("1", "2") names nothing the claim says.
        and all(word.isalpha() or _YEAR_KEY_RE.fullmatch(word) for word in (*named, *other))
        and _fold(named[0]) in labels
        and _fold(other[0]) not in claim_keys
    )


# A figure's own year right after it, before the sentence's next figure: "1,500 in 2021",
# "1,100 arrivals in 2021".
_OWN_YEAR_AFTER_RE = re.compile(
    r"(?i)(?:[\s\-‑]+[^\W\d_]+){0,3}?\s+(?:in|for|during)\s+(1[5-9]\d\d|20\d\d)(?!\w)"
)


def _paired_years(claim: Quantity, sentence: str) -> tuple[str | None, frozenset[str]]:
    """The claim's own year and the years of the sentence's other figures, when the sentence
    pairs its figures each with a year right after it ("1,500 in 2021 and 1,350 in 2022",
    "1,100 arrivals in 2021, up from 1,350 in 2020"), or (`None`, no years) when it does not
    pair the claim's figure with one year and another figure with another."""
    figures = _valued(_sentence_figures(sentence))
    own: str | None = None
    others: set[str] = set()
    for i, figure in enumerate(figures):
        limit = figures[i + 1].start if i + 1 < len(figures) else len(sentence)
        year = _year_after(sentence, figure.end, limit)
        if figure.quantity.canonical() == claim.canonical():
            if own is None:
                own = year
        elif year is not None:
            others.add(year)
    others.discard(own or "")
    if own is None or not others:
        return None, frozenset()
    return own, frozenset(others)


def _cell_year(text: str, figure: Figure) -> str | None:
    """The year that heads the column (`_column_year`) or alone labels the row of the table
    cell holding `figure`, or `None`."""
    cell = _cell_at(text, figure.start)
    if cell is None:
        return None
    table, row, column = cell
    if row in table.headers or column == 0:
        return None
    year = _column_year(table, row, table.column_label(text, column))
    if year is not None:
        return year
    words = _TOKEN_RE.findall(table.cell_text(text, row, 0))
    return words[0] if len(words) == 1 and _YEAR_KEY_RE.fullmatch(words[0]) else None


def _heads_the_claims_figure(
    text: str, figure: Figure, sibling_values: set[str], claim_keys: set[str]
) -> bool:
    """Whether the year `figure` is a table's column header on its own and the column holds
    another figure of the claim's sentence in a row whose label is one of the claim's words
    ("2021" over Tollmere's 1,350, for "Tollmere recorded 1,350 arrivals in 2021"). A year
    labelling a row is read with its row's words already (`_context`)."""
    cell = _cell_at(text, figure.start)
    if cell is None:
        return False
    table, row, column = cell
    if table.cell_text(text, row, column) != figure.text:
        return False
    if row not in table.headers or row in table.captions or column == 0:
        return False
    if row != max(set(table.headers) - set(table.captions)):
        return False  # not the lowest header row: the year may head a group of columns
    for other in range(len(table.cells)):
        if other in table.headers or not claim_keys & _keys_of(table.cell_text(text, other, 0)):
            continue
        held = find_figures(table.cell_text(text, other, column))
        if any(_value_key(held_figure.quantity) in sibling_values for held_figure in held):
            return True
    return False


def _column(text: str, offset: int) -> tuple[int, int] | None:
    """The table (as the offset of its first cell) and column of the cell at `offset`."""
    cell = _cell_at(text, offset)
    if cell is None:
        return None
    table, _, column = cell
    return table.cells[0][0][0] if table.cells and table.cells[0] else -1, column


class _Place(typing.NamedTuple):
    """How well a figure stands in the claim's place (see `_Candidate`)."""

    same_thing: bool
    shared: int  # distinct claim words around it
    weight: int  # those and the ties
    sentence: int  # distinct claim words in its own sentence (-1: not worked out)


def _clearly_better_placed(rival: _Place, equal: _Place, margin: int) -> bool:
    """Whether a different value `rival` stands clearly better in the claim's place than `equal`.

    Clearly better is either of:

    - around it (`_ties`' window of `WINDOW_WORDS` each side) it shares at least
      `margin` more of the claim's content words (`_CLEAR_MARGIN`, more for a long claim), and
      weighs more with the ties counted;
    - in its own sentence it shares at least `margin` more of them, and around it no
      fewer. Two figures in one paragraph share their windows, so only their sentences tell
      "Tako fell by 35% across Soleki's assembly" from "it rose by 33% under Lanito's assembly".

    A figure of the thing the claim counts (`same_thing`) is never beaten by one of another
    thing. Reading the place of a figure is rough (a paraphrase, a summary sentence, a table
    row), so one word more is no evidence. Calibration: in the corpus (tests/corpus, 84 facts)
    two positives have a different value one word better placed than the claim's own, around
    it or in its sentence (a total cost next to a section's cost; a plan's 15k next to today's
    4,200), and none has one two words better. In the 200 bench/verify pages (479 facts) the
    rule changes one verdict, from `verified` to `mismatch` as labelled: a changed figure ("fell
    by 31%" on the page, 33% in the claim) whose paragraph has 33% in another sentence.
    """
    if equal.same_thing and not rival.same_thing:
        return False
    if rival.shared >= equal.shared + margin and rival.weight > equal.weight:
        return True
    return rival.shared >= equal.shared and rival.sentence >= equal.sentence + margin


def _sentence_keys(text: str, start: int, end: int, blank_only: bool) -> frozenset[str]:
    """The content-word keys of a figure's own sentence, the figure left out; for a table cell,
    its surroundings as `_context` reads them (a row is no sentence)."""
    if _cell_at(text, start) is not None:
        return _context(text, start, end, blank_only).around
    begin, finish = _sentence_bounds(text, start, end, blank_only)
    tokens = (*_TOKEN_RE.findall(text, begin, start), *_TOKEN_RE.findall(text, end, finish))
    return frozenset(map(_fold, tokens))


def _sentence_bounds(text: str, start: int, end: int, blank_only: bool) -> tuple[int, int]:
    """Where the sentence holding the figure at `start:end` begins and ends (inside its
    paragraph, as `_paragraph` bounds it)."""
    lo, hi = _paragraph(text, start, end, blank_only)
    begin = lo
    for match in _CLAUSE_START_RE.finditer(text, lo, start):
        begin = match.end()
    stop = _CLAUSE_END_RE.search(text, end, hi)
    return begin, stop.start() if stop is not None else hi


# --------------------------------------------------------------------------- context words


@functools.lru_cache(maxsize=65536)
def _fold(token: str) -> str:
    """A content word for comparison: folded as the tolerant tier folds a quote (case, accents,
    Turkish İ/ı, `ł`/`ø`, compatibility forms), superscript digits dropped ("km²" is "km"),
    cut to its first letters."""
    if token.isascii():  # most words: the tolerant tier only lowercases them
        folded = token.lower()
    else:
        folded = normalise(token.translate(_SUPERSCRIPTS), tolerant=True).text
    return folded if folded.isdigit() else folded[:_STEM]


def _keys(text: str) -> set[str]:
    return {_fold(token) for token in _TOKEN_RE.findall(text) if _is_content(token)}


def _claim_keys(fact: str, claim: Quantity, sentence: str) -> set[str]:
    """The claim's content words: the sentence without the fact's own words."""
    spans = [
        (f.start, f.end)
        for f in _sentence_figures(sentence)
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


def _claim_phrases(claim: Quantity, sentence: str) -> frozenset[tuple[str, ...]]:
    """The three-word phrases of the claim's sentence, its own figure standing apart."""
    tokens: list[str] = []
    cursor = 0
    for figure in _sentence_figures(sentence):
        if figure.quantity.canonical() == claim.canonical():
            tokens += [*_TOKEN_RE.findall(sentence, cursor, figure.start), _FIGURE_TOKEN]
            cursor = figure.end
    tokens += _TOKEN_RE.findall(sentence, cursor)
    return _phrases(tokens)


def _claim_noun(claim: Quantity, sentence: str) -> str | None:
    for figure in _sentence_figures(sentence):
        if figure.quantity.canonical() == claim.canonical():
            return _noun_after(sentence, figure.end)
    return None


def _counts(text: str, figure: Figure, noun: str) -> bool:
    """Whether the source says `figure` counts `noun` (a folded word): the word after it in
    running text, or a header of its row or column in a table."""
    cell = _cell_at(text, figure.start)
    if cell is None:
        return _noun_after(text, figure.end) == noun
    table, row, column = cell
    return noun in _keys_of(table.cell_text(text, row, 0) + " " + table.column_header(text, column))


def _noun_after(text: str, end: int) -> str | None:
    """The folded word right after a figure ("17-article" -> "artic"), unless a stop word."""
    match = _NOUN_AFTER_RE.match(text, end)
    if match is None or match.group(1).casefold() in _STOP_WORDS:
        return None
    return _fold(match.group(1))


def _sibling_values(claim: Quantity, sentence: str) -> set[str]:
    """Values of the sentence's other figures: finding one of them is not a contradiction."""
    own = _value_key(claim)
    return {_value_key(f.quantity) for f in _sentence_figures(sentence)} - {own}


def _column_year(table: _Table, row: int, column_header: str) -> str | None:
    """The year that heads a table cell's column on its own ("2021"), or `None`: for a cell of a
    header row or of the first column (a row label), the column says nothing of a record."""
    if row in table.headers or not column_header:
        return None
    words = _TOKEN_RE.findall(column_header)
    if len(words) != 1 or _YEAR_KEY_RE.fullmatch(words[0]) is None:
        return None
    return words[0]


def _year_tie(years: frozenset[str], text: str, figure: Figure) -> int:
    """1 when the figure stands in a table column headed by one of the years the claim places
    itself in (`years`), else 0 (see `required_overlap`)."""
    if not years:
        return 0
    cell = _cell_at(text, figure.start)  # most figures: no table, and no context to read
    if cell is None:
        return 0
    table, row, column = cell
    return int(_column_year(table, row, table.column_label(text, column)) in years)


def _ties(claim_keys: set[str], text: str, figure: Figure, blank_only: bool) -> tuple[int, int]:
    """Distinct claim words around `figure`, and how many of them are in its row header.

    Around a figure in running text are the `WINDOW_WORDS` on each side of it in its paragraph.
    Around a figure in a table cell are its row, its column header and the table's caption and
    header rows: the rows above and below are other records, not its context.
    """
    if not claim_keys:
        return 0, 0
    context = _context(text, figure.start, figure.end, blank_only)
    return len(claim_keys & context.around), len(claim_keys & context.heads)


def _same_unit_written(claim: Quantity, source: Quantity) -> bool:
    """Whether the source's figure is written with the claim's currency or unit of measure."""
    return (claim.unit is not None and source.unit == claim.unit) or (
        claim.measure is not None and source.measure == claim.measure
    )


@dataclass(frozen=True)
class _Context:
    """What surrounds a figure in a source text (see `_ties`)."""

    around: frozenset[str]  # content-word keys around the figure
    heads: frozenset[str]  # keys of a table cell's row header
    column_year: str | None = None  # a table cell's column header when it is one year ("2021")


@functools.lru_cache(maxsize=16384)
def _context(text: str, start: int, end: int, blank_only: bool) -> _Context:
    # Cached: every fact citing a source looks at the same figures' surroundings (a str caches
    # its hash, so keying on a long text is cheap).
    cell = _cell_at(text, start)
    if cell is not None:
        table, row, column = cell
        # The row header says which record the cell belongs to; the column header says what it
        # measures, the same for every row, so it places nothing on its own.
        heads = _keys_of(table.cell_text(text, row, 0))
        column_header = table.column_header(text, column)
        around = (
            _keys_of(table.row_text(text, row))
            | _keys_of(column_header)
            | _keys_of(table.heading(text))
        )
        return _Context(
            frozenset(around),
            frozenset(heads),
            _column_year(table, row, table.column_label(text, column)),
        )
    lo, hi = _paragraph(text, start, end, blank_only)
    before = _TOKEN_RE.findall(text, lo, start)[-WINDOW_WORDS:]
    after = _TOKEN_RE.findall(text, end, hi)[:WINDOW_WORDS]
    if not blank_only:
        before += _lead_in(text, lo)
    return _Context(frozenset(map(_fold, before + after)), frozenset())


def _lead_in(text: str, line_start: int) -> list[str]:
    """The words of the lead-in sentence of the list whose item is the line at `line_start`.

    Extracted HTML writes a list item as a line of its own ("- 120 new schools"), after the
    paragraph that introduces the list ("The plan includes:"): the item is the end of that
    sentence, so its words place the item's figure too. Only for an item of an unbroken run of
    items right after a line ending with a colon; a blank line or a line that is no item ends
    the list (what follows it is not introduced by the lead-in).
    """
    if line_start and text[line_start - 1] != "\n":
        return []  # the figure's paragraph does not start at a line start
    if _LIST_ITEM_RE.match(text, line_start) is None:
        return []
    end = line_start - 1  # the newline before the item's line
    for _ in range(_LIST_ITEMS):
        if end < 0:
            return []
        begin = text.rfind("\n", 0, end) + 1
        if _LIST_ITEM_RE.match(text, begin, end) is not None:
            end = begin - 1
            continue
        line = text[begin:end].rstrip()
        if not line.endswith(":"):
            return []
        sentence = begin
        for match in _CLAUSE_START_RE.finditer(text, begin, begin + len(line)):
            sentence = match.end()
        return _TOKEN_RE.findall(text, sentence, begin + len(line))[-WINDOW_WORDS:]
    return []


@functools.lru_cache(maxsize=16384)
def _phrases_around(
    text: str, start: int, end: int, blank_only: bool
) -> frozenset[tuple[str, ...]]:
    """The phrases of a figure's own sentence, about `_PHRASE_CHARS` each way (none in a table:
    a row is no sentence)."""
    bounds = _phrase_bounds(text, start, end, blank_only)
    if bounds is None:
        return frozenset()
    begin, finish = bounds
    own = [
        *_TOKEN_RE.findall(text, begin, start),
        _FIGURE_TOKEN,
        *_TOKEN_RE.findall(text, end, finish),
    ]
    return _phrases(own)


def _phrase_bounds(text: str, start: int, end: int, blank_only: bool) -> tuple[int, int] | None:
    """Where the part of a figure's own sentence that `_phrases_around` reads begins and ends
    (about `_PHRASE_CHARS` each way), or `None` for a figure in a table."""
    if _cell_at(text, start) is not None:
        return None
    lo, hi = _paragraph(text, start, end, blank_only)
    begin = max(lo, start - _PHRASE_CHARS)
    for match in _CLAUSE_START_RE.finditer(text, begin, start):
        begin = match.end()
    stop = _CLAUSE_END_RE.search(text, end, min(hi, end + _PHRASE_CHARS))
    return begin, stop.start() if stop is not None else min(hi, end + _PHRASE_CHARS)


def _phrases(tokens: list[str]) -> frozenset[tuple[str, ...]]:
    """Three-word phrases of `tokens` with a content word in them, folded; none across a figure.

    Three words, because two are too common to tie anything ("the class", "in 2019"), while
    "in the class" or "has cost about" is the way one statement is worded.
    """
    folded = [_FIGURE_TOKEN if t == _FIGURE_TOKEN else _fold(t) for t in tokens]
    content = [t != _FIGURE_TOKEN and _is_content(t) for t in tokens]
    return frozenset(
        tuple(folded[i : i + _PHRASE_WORDS])
        for i in range(len(folded) - _PHRASE_WORDS + 1)
        if _FIGURE_TOKEN not in folded[i : i + _PHRASE_WORDS]
        and any(content[i : i + _PHRASE_WORDS])
    )


@functools.lru_cache(maxsize=65536)
def _is_content(token: str) -> bool:
    if token.casefold() in _STOP_WORDS:
        return False
    key = _fold(token)
    return len(key) >= 3 or key.isdigit() or _CJK_PAIR_RE.fullmatch(token) is not None


def _keys_of(text: str) -> set[str]:
    """Folded tokens of `text`, as `_context` reads the surroundings of a figure."""
    return set(map(_fold, _TOKEN_RE.findall(text)))


@functools.lru_cache(maxsize=16384)
def _signature(text: str, start: int, end: int) -> tuple[str, ...]:
    """The figure's words and the three words on each side, to recognise it in another layer."""
    before = _TOKEN_RE.findall(text, max(0, start - _SIGNATURE_CHARS), start)[-3:]
    after = _TOKEN_RE.findall(text, end, end + _SIGNATURE_CHARS)[:3]
    own = _TOKEN_RE.findall(text, start, end)
    return tuple(token.casefold() for token in (*before, "|", *own, "|", *after))


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


# A column header that says what its cells measure ("Change (%)", "Share, per cent"): the
# table caption's unit ("Spending by department (£ million)") is not theirs.
_UNIT_OF_ITS_OWN_RE = re.compile(r"(?i)[(%]|\bper\s*cent\b|\bpercentage\b")


@functools.lru_cache(maxsize=32)
def _figures(text: str) -> tuple[Figure, ...]:
    """Every figure of a source text, ordinals included; a bare number filling a table cell
    takes the currency or unit its column or row header names, or else the table's caption
    (`numbers.apply_header`)."""
    # Every fact citing the same source reads the same layers: find their figures once per text
    # (per worker process). 32 texts of up to a few hundred KB is a few MB.
    figures = find_figures(text, ordinals=True)
    if not _table_index(text)[0]:
        return tuple(figures)
    adopted = []
    for figure in figures:
        cell = _cell_at(text, figure.start)
        if cell is not None:
            table, row, column = cell
            if table.cells[row][column] == (figure.start, figure.end):
                header = table.column_header(text, column)
                quantity = apply_header(figure.quantity, header)
                if quantity == figure.quantity and column > 0:
                    quantity = apply_header(quantity, table.cell_text(text, row, 0))
                if quantity == figure.quantity and column > 0 and table.captions:
                    if _UNIT_OF_ITS_OWN_RE.search(header) is None:
                        caption = " ".join(table.row_text(text, i) for i in table.captions)
                        quantity = apply_header(quantity, caption)
                figure = dataclasses.replace(figure, quantity=quantity)
        adopted.append(figure)
    return tuple(adopted)


@functools.lru_cache(maxsize=64)
def _figures_of_family(text: str, kind: str) -> tuple[Figure, ...]:
    """The figures of `text` that `_relate_value` does not set aside at once for a claim of
    `kind` (another family of figure): one pass per text and kind, not per fact. On a page of
    statistics most figures are of another family than any one claim's."""
    family = _FAMILIES[kind]
    return tuple(
        figure
        for figure in _figures(text)
        if figure.quantity.kind == kind
        or _FAMILIES[figure.quantity.kind] == family
        or {kind, figure.quantity.kind} == {"year", "count"}
    )


@functools.lru_cache(maxsize=32)
def _figure_starts(text: str) -> list[int]:
    return [figure.start for figure in _figures(text)]


# --------------------------------------------------------------------------- indexes


def _probe_keys(quantity: Quantity) -> tuple[tuple[object, ...], ...]:
    """Keys under which a figure meets every figure `_relate` may find EQUAL to it.

    Equal figures have the same number once the sign is set aside (a year and a count, money
    and a bare amount, a rate with or without its period, a bound, "fell 5%" and "-5%"); besides
    that, a measure meets its value in the base unit ("3.2 GW", "3,200 MW"), a year the dates
    of that year ("2023" in "6 February 2023") and a share the percentage it is ("one in five",
    "20%"). Keys may meet where values are not equal: they only pick the figures to compare.
    """
    value = abs(quantity.value)
    if quantity.kind == "date":
        return (("year", int(str(int(value))[:4])),)
    keys: list[tuple[object, ...]] = [("value", value)]
    if quantity.kind == "year":
        keys.append(("year", int(value)))
    elif quantity.kind == "percent":
        keys.append(("share", fractions.Fraction(value)))
    elif quantity.kind == "ratio" and quantity.of:
        keys.append(
            ("share", abs(fractions.Fraction(value) / fractions.Fraction(quantity.of)) * 100)
        )
    elif quantity.kind == "measure" and quantity.measure in MEASURES:
        _, base, factor = MEASURES[quantity.measure]
        keys.append(("measure", base, value * factor))
    return tuple(keys)


class _Words:
    """The words of a text read once, with their offsets, for `_phrases_around`'s test.

    Only for a text without the scripts `_Tokens` reads specially (CJK, combining marks, Indic
    scripts): there a span's words are exactly the text's words that lie inside it, unless the
    span starts or ends inside a word.
    """

    def __init__(self, starts: list[int], ends: list[int], keys: list[str], content: bytearray):
        self.starts = starts
        self.ends = ends
        self.keys = keys  # folded (`_fold`)
        self.content = content  # 1 where the word is a content word (`_is_content`)
        self.by_key: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            self.by_key.setdefault(key, []).append(i)
        self._claims: dict[frozenset[tuple[str, ...]], list[int]] = {}
        self._pairs: dict[frozenset[tuple[str, ...]], tuple[list[int], list[int]]] = {}

    @classmethod
    def read(cls, text: str) -> _Words | None:
        if _TOKEN_RE._special.search(text) is not None:
            return None
        starts, ends, keys, content = [], [], [], bytearray()
        for match in _ASCII_WORD_RE.finditer(text):
            token = match.group()
            starts.append(match.start())
            ends.append(match.end())
            keys.append(_fold(token))
            content.append(_is_content(token))
        return cls(starts, ends, keys, content)

    def _inside(self, offset: int) -> bool:
        """Whether `offset` falls strictly inside a word."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and self.starts[i] < offset < self.ends[i]

    def _phrase_starts(self, claim_phrases: frozenset[tuple[str, ...]]) -> list[int]:
        """Where (as word numbers) a phrase of the claim starts that `_phrases` would make of
        the text's words (with a content word among its three)."""
        found = self._claims.get(claim_phrases)
        if found is None:
            starts: set[int] = set()
            keys, content = self.keys, self.content
            for phrase in claim_phrases:
                first, second, third = phrase
                for i in self.by_key.get(first, ()):
                    if (
                        i + 2 < len(keys)
                        and keys[i + 1] == second
                        and keys[i + 2] == third
                        and (content[i] or content[i + 1] or content[i + 2])
                    ):
                        starts.add(i)
            if len(self._claims) > 64:
                self._claims.clear()
            found = self._claims[claim_phrases] = sorted(starts)
        return found

    def near(self, claim_phrases: frozenset[tuple[str, ...]]) -> tuple[list[int], list[int]]:
        """Where (as offsets) the text has a phrase of the claim as `_phrases` reads it, and
        where it has two words of one in a row (the third may be a word that `_phrases_around`
        reads cut short at an edge of its span)."""
        found = self._pairs.get(claim_phrases)
        if found is None:
            pairs = {pair for phrase in claim_phrases for pair in (phrase[:2], phrase[1:])}
            keys = self.keys
            starts: set[int] = set()
            for first, second in pairs:
                for i in self.by_key.get(first, ()):
                    if i + 1 < len(keys) and keys[i + 1] == second:
                        starts.add(self.starts[i])
            if len(self._pairs) > 64:
                self._pairs.clear()
            full = [self.starts[i] for i in self._phrase_starts(claim_phrases)]
            found = self._pairs[claim_phrases] = (full, sorted(starts))
        return found

    def may_hold_phrase(self, figure: Figure, near: tuple[list[int], list[int]]) -> bool:
        """False when the figure's sentence (`_phrases_around`, at most `_PHRASE_CHARS` each
        way) cannot hold a phrase of the claim (`near`): it has none whole, and either no two
        words of one in a row or no word cut short at an edge (the span's ends, or the figure's
        own, inside a word), or two words cut short on one side with one whole word between."""
        start, end = figure.start, figure.end
        lo, hi = start - _PHRASE_CHARS, end + _PHRASE_CHARS
        full, pairs = near
        at = bisect.bisect_left(full, lo)
        if at < len(full) and full[at] <= hi:
            return True
        cut_lo, cut_start = self._inside(lo), self._inside(start)
        cut_end, cut_hi = self._inside(end), self._inside(hi)
        if (cut_lo and cut_start) or (cut_end and cut_hi):
            return True
        if not (cut_lo or cut_start or cut_end or cut_hi):
            return False
        at = bisect.bisect_left(pairs, lo)
        return at < len(pairs) and pairs[at] <= hi

    def phrase_in_sentence(
        self, index: _FamilyIndex, figure: Figure, claim_phrases: frozenset[tuple[str, ...]]
    ) -> bool | None:
        """`_phrases_around`'s test, or `None` where this reading may differ from it."""
        start, end = figure.start, figure.end
        bounds = _phrase_bounds(index.text, start, end, index.blank_only)
        if bounds is None:
            return False
        begin, finish = bounds
        if any(self._inside(offset) for offset in (begin, start, end, finish)):
            return None
        phrases = self._phrase_starts(claim_phrases)
        if not phrases:
            return False
        for left, right in ((begin, start), (end, finish)):
            first = bisect.bisect_left(self.starts, left)
            last = bisect.bisect_left(self.starts, right) - 3  # the last phrase's first word
            if first <= last:
                at = bisect.bisect_left(phrases, first)
                if at < len(phrases) and phrases[at] <= last:
                    return True
        return False


# How many figures of its family a text must have before a fact looks them up in the index
# (`_FamilyIndex.candidates`) instead of comparing them all: indexing costs about as much as
# comparing every figure a few times, and a source is cited by two or three facts on average.
_INDEXED_FROM = 1000
# How many figures' sentences a fact must look at for a phrase before the whole text's words are
# read instead (`_Words`, about as costly as reading a few hundred sentences).
_MANY_SENTENCES = 500


class _FamilyIndex:
    """The figures of a text that a claim of one kind relates to (`_figures_of_family`),
    indexed so that a fact compares only those that can matter to its verdict.

    A figure matters when it may be EQUAL to the claim (always: it verifies the fact, or is
    the `stray` of a `not_found`), or when it is placed firmly enough among the claim's words
    (its weight reaches `required_overlap`) to be the `best` VAGUER or DIFFERENT figure or a
    rival. The first are found by value (`_probe_keys`); the others by the claim's words, from
    the content words around each figure (`_context`, worked out once per text, not per fact)
    and, for a figure one short, its phrases. Every figure left out would have been set aside
    by `match_fact` anyway, so verdicts, evidence and details are those of comparing them all.
    """

    def __init__(self, text: str, blank_only: bool, figures: tuple[Figure, ...]) -> None:
        self.text = text
        self.blank_only = blank_only
        self.figures = figures
        self._by_value: dict[tuple[object, ...], list[int]] | None = None
        self._by_word: dict[str, list[int]] | None = None
        self._by_head: dict[str, list[int]] = {}
        self._by_year: dict[str, list[int]] = {}
        self._by_own: dict[tuple[str, ...], list[int]] | None = None
        self.words: _Words | None = None  # the text's words, once worth reading (`candidates`)

    def candidates(
        self,
        probes: tuple[tuple[object, ...], ...],
        claim_keys: set[str],
        claim_phrases: frozenset[tuple[str, ...]],
        needed: int,
        years: frozenset[str] = frozenset(),
    ) -> list[tuple[Figure, tuple[int, int] | None]]:
        """The figures that may be EQUAL to a claim with the value keys `probes`, or whose
        weight for a claim with these words (and the years it places itself in, `_year_tie`)
        may reach `needed` (at least 2), in text order, each with its shared words and
        row-header words as `_ties` counts them."""
        if self._by_value is None:
            self._by_value = {}
            for i, figure in enumerate(self.figures):
                for key in _probe_keys(figure.quantity):
                    self._by_value.setdefault(key, []).append(i)
        picked: set[int] = set()
        for key in probes:
            picked.update(self._by_value.get(key, ()))
        shared: collections.Counter[int] = collections.Counter()
        heads: collections.Counter[int] = collections.Counter()
        if claim_keys:
            by_word, by_head = self._words()
            for word in claim_keys:
                shared.update(by_word.get(word, ()))
                heads.update(by_head.get(word, ()))
            # A column's year is among the words around its cells: every figure it ties is
            # among those `shared` counts. `match_fact` adds the tie itself (`_year_tie`).
            tied: set[int] = set()
            for year in years:
                tied.update(self._by_year.get(year, ()))
            # A figure's weight without the phrase tie (and without the unit tie, which only an
            # equal value gets) is its shared and row-header words (`_ties`) and its column's
            # year (`_year_tie`); one short, the phrase tie may make it up.
            short: list[int] = []
            for i, count in shared.items():
                weight = count + heads.get(i, 0) + (i in tied)
                if weight >= needed:
                    picked.add(i)
                elif weight == needed - 1 and claim_phrases and i not in picked:
                    short.append(i)
            if len(short) >= _MANY_SENTENCES and self.words is None:
                self.words = _text_words(self.text)  # worth reading the whole text's words
            words = self.words
            near = words.near(claim_phrases) if words is not None else ([], [])
            for i in short:
                figure = self.figures[i]
                if words is not None and not words.may_hold_phrase(figure, near):
                    continue  # most of them, told apart without reading the sentence
                if self.phrase_tie(figure, claim_phrases):
                    picked.add(i)
        return [(self.figures[i], (shared.get(i, 0), heads.get(i, 0))) for i in sorted(picked)]

    def phrase_tie(self, figure: Figure, claim_phrases: frozenset[tuple[str, ...]]) -> bool:
        """Whether a phrase of the claim is in the figure's own sentence (`_phrases_around`).

        Looked up in the text's words where they have been read (`_Words`: for a page with many
        figures to look at) and the figure's sentence starts and ends between words; otherwise
        worked out."""
        if not claim_phrases:
            return False
        words = self.words
        if words is not None:
            if not words.may_hold_phrase(figure, words.near(claim_phrases)):
                return False
            found = words.phrase_in_sentence(self, figure, claim_phrases)
            if found is not None:
                return found
        return bool(
            claim_phrases & _phrases_around(self.text, figure.start, figure.end, self.blank_only)
        )

    def _words(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        if self._by_word is None:
            self._by_word = {}
            for i, figure in enumerate(self.figures):
                # Uncached: a page of statistics has more figures than `_context` keeps.
                context = _context.__wrapped__(self.text, figure.start, figure.end, self.blank_only)
                for key in context.around:
                    self._by_word.setdefault(key, []).append(i)
                for key in context.heads:
                    self._by_head.setdefault(key, []).append(i)
                if context.column_year is not None:
                    self._by_year.setdefault(context.column_year, []).append(i)
        return self._by_word, self._by_head

    def written_as(self, own: tuple[str, ...]) -> list[Figure]:
        """The figures whose own words are `own` (as `_signature` has them)."""
        if self._by_own is None:
            self._by_own = {}
            for i, figure in enumerate(self.figures):
                key = tuple(
                    t.casefold() for t in _TOKEN_RE.findall(self.text, figure.start, figure.end)
                )
                self._by_own.setdefault(key, []).append(i)
        return [self.figures[i] for i in self._by_own.get(own, ())]


def _text_words(text: str) -> _Words | None:
    """The words of `text` read once (`_Words`), or `None` for a text `_Words` does not read.
    Only a page with many figures has them read, so this is a plain cache (`_Memo`)."""
    if text not in _TEXT_WORDS:
        _TEXT_WORDS[text] = _Words.read(text)
    words: _Words | None = _TEXT_WORDS[text]
    return words


_TEXT_WORDS = _Memo()


@functools.lru_cache(maxsize=32)
def _family_index(text: str, blank_only: bool, kind: str) -> _FamilyIndex:
    return _FamilyIndex(text, blank_only, _figures_of_family(text, kind))


@dataclass(frozen=True)
class _Judge:
    """Whether `match_fact` judges a figure of a layer for a claim: it relates to the claim,
    can be placed by its words, and is no other figure of the claim's sentence."""

    claim: Quantity
    claim_noun: str | None
    written: _Written
    has_keys: bool
    sibling_values: set[str]
    own_year: str | None = None  # the year the claim pairs its figure with (`_paired_years`)

    def relation(self, figure: Figure, text: str) -> _Relation | None:
        """How `figure` relates to the claim, or `None` when it is not judged."""
        relation = _relate(self.claim, self.claim_noun, figure, text, self.written)
        if relation is _Relation.UNRELATED:
            return None
        if not self.has_keys and relation is not _Relation.EQUAL:
            return None  # with no words to place it, a different value contradicts nothing
        if (
            relation is _Relation.DIFFERENT
            and _value_key(figure.quantity) in self.sibling_values
            # Unless in the cell of the claim's own year: "1,500 in 2021 and 1,350 in 2022"
            # against 1,350 under 2021.
            and (self.own_year is None or _cell_year(text, figure) != self.own_year)
        ):
            return None  # another figure of the same sentence ("1993" when checking "2023")
        return relation

    def __call__(self, figure: Figure, text: str) -> bool:
        return self.relation(figure, text) is not None


def _judged_before(figure: Figure, text: str, earlier: list[TextLayer], judge: _Judge) -> bool:
    """Whether a figure with the same neighbouring words (`_signature`) as `figure` was judged
    in an earlier layer: that passage is not read a second time (see `match_fact`). Looked up
    among the earlier layers' figures written the same way, whether or not the fact compared
    them."""
    signature = _signature(text, figure.start, figure.end)
    first = signature.index("|")
    own = signature[first + 1 : signature.index("|", first + 1)]
    for layer in earlier:
        index = _family_index(layer.text, layer.name in _HARD_WRAPPED_LAYERS, judge.claim.kind)
        for other in index.written_as(own):
            if _signature(layer.text, other.start, other.end) == signature and judge(
                other, layer.text
            ):
                return True
    return False


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class _Table:
    """A table in an extracted text, as offsets into it.

    trafilatura writes a table one row per line with cells between pipes ("| a | b |") and a
    "|---|---|" line under header rows (a caption comes first, as a row with one filled cell);
    other extractors separate cells with tabs, the first row being the header.
    """

    cells: tuple[tuple[tuple[int, int], ...], ...]  # per row, the span of each cell's text
    headers: tuple[int, ...]  # rows that head the columns
    captions: tuple[int, ...]  # rows that caption the whole table (one filled cell)
    # Per row, the span each cell reads as (`_spanned`): its own, or that of the cell a `rowspan`
    # or `colspan` stretched over it, which the extracted text leaves empty.
    labels: tuple[tuple[tuple[int, int], ...], ...] = ()

    def cell_text(self, text: str, row: int, column: int) -> str:
        cells = self.labels[row] if self.labels else self.cells[row]
        return text[slice(*cells[column])] if column < len(cells) else ""

    def row_text(self, text: str, row: int) -> str:
        cells = self.labels[row] if self.labels else self.cells[row]
        return " ".join(text[start:end] for start, end in cells)

    def column_header(self, text: str, column: int) -> str:
        return " ".join(
            self.cell_text(text, row, column) for row in self.headers if row not in self.captions
        )

    def column_label(self, text: str, column: int) -> str:
        """The lowest header cell of a column: under a group heading stretched over several
        columns ("Population" over "2010" and "2020"), the cell that names this column alone."""
        for row in reversed(self.headers):
            if row not in self.captions and self.cell_text(text, row, column):
                return self.cell_text(text, row, column)
        return ""

    def heading(self, text: str) -> str:
        return " ".join(self.row_text(text, row) for row in self.headers)


# Table lines, each matched with the line break before it in "\n" + text: a pattern that starts
# with a literal lets the regex engine skip from line break to line break in C, where "^" in
# multi-line mode is tried at every position (~9 ms per MB for the two patterns).
_PIPE_ROW_RE = re.compile(r"\n[ \t]*\|[^\n]*\|[ \t]*(?=\n|\Z)")
_TAB_ROW_RE = re.compile(r"\n[^\n\t]*\t[^\n]*(?=\n|\Z)")
_RULE_CELL_RE = re.compile(r":?-{3,}:?")


@functools.lru_cache(maxsize=32)
def _table_index(text: str) -> tuple[list[int], list[tuple[int, int, _Table, int]]]:
    """Row start offsets, and per row (start, end, table, row number), sorted by offset."""
    rows: list[tuple[int, int, _Table, int]] = []
    padded = "\n" + text  # so the first line has a line break before it too
    for pattern, separator in ((_PIPE_ROW_RE, "|"), (_TAB_ROW_RE, "\t")):
        if separator not in text:
            continue
        block: list[tuple[int, int]] = []
        for line in pattern.finditer(padded):
            # In `padded`, the line break is at the line's offset in `text`; the line ends one
            # character later than in `text`.
            start, end = line.start(), line.end() - 1
            if block and start != block[-1][1] + 1:
                rows.extend(_table_rows(text, block, separator))
                block = []
            block.append((start, end))
        rows.extend(_table_rows(text, block, separator))
    rows.sort(key=lambda row: row[0])
    return [row[0] for row in rows], rows


def _table_rows(
    text: str, lines: list[tuple[int, int]], separator: str
) -> list[tuple[int, int, _Table, int]]:
    """The rows of one block of consecutive table lines (none unless it has two rows or more)."""
    spans: list[tuple[int, int]] = []
    cells: list[tuple[tuple[int, int], ...]] = []
    headers: list[int] = []
    for start, end in lines:
        row = _split_cells(text, start, end, separator)
        if separator == "|" and all(_RULE_CELL_RE.fullmatch(text[a:b]) for a, b in row if a < b):
            headers = list(range(len(cells)))  # a rule line: every row above heads the columns
            continue
        spans.append((start, end))
        cells.append(row)
    if len(cells) < 2 or max(len(row) for row in cells) < 2:
        return []
    if not headers:
        headers = [0]
    captions = tuple(
        i for i in headers if len(cells[i]) > 1 and all(a == b for a, b in cells[i][1:])
    )
    if _continues_header(text, cells, headers, captions):
        headers.append(headers[-1] + 1)
    labels = _spanned(cells, headers, captions)
    table = _Table(tuple(cells), tuple(headers), captions, labels)
    return [(start, end, table, i) for i, (start, end) in enumerate(spans)]


def _continues_header(
    text: str,
    cells: list[tuple[tuple[int, int], ...]],
    headers: list[int],
    captions: tuple[int, ...],
) -> bool:
    """Whether the row under the header rows is a second header row: a header of two rows
    ("Region | Population |" over "| 2010 | 2020 |") is written with the rule line under its
    first row only. So read when the header row above leaves a column empty (a group heading
    stretched over it) and the row has no row label and holds only labels: words, or one year
    each."""
    below = headers[-1] + 1
    if below >= len(cells) - 1 or headers[-1] in captions:
        return False
    over, row = cells[headers[-1]], cells[below]
    if not row or row[0][0] != row[0][1] or all(a == b for a, b in row):
        return False
    if not any(a == b for a, b in over[1:]):
        return False
    for a, b in row[1:]:
        figures = find_figures(text[a:b])
        if figures and not (len(figures) == 1 and _YEAR_KEY_RE.fullmatch(text[a:b])):
            return False
    return True


def _spanned(
    cells: list[tuple[tuple[int, int], ...]], headers: list[int], captions: tuple[int, ...]
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Each cell's span, an empty cell taking the span of the cell stretched over it.

    The extracted text leaves empty the cells a `rowspan` or `colspan` covers. In a record's row,
    empty leading cells are its group's labels carried down from the row above ("Northland" over
    its "Cardiology" and "Oncology" rows); in a header row above another, an empty cell after a
    filled one is a group heading carried across ("Population" over "2010" and "2020"). An empty
    cell elsewhere is a blank value and stays empty.
    """
    labels: list[tuple[tuple[int, int], ...]] = []
    for i, row in enumerate(cells):
        spans = list(row)
        if i in headers and i not in captions and i != headers[-1]:
            for column in range(1, len(spans)):
                if spans[column][0] == spans[column][1]:
                    spans[column] = spans[column - 1]
        elif i not in headers and labels and any(a < b for a, b in row):
            above = labels[-1] if i - 1 not in headers else ()
            for column, (a, b) in enumerate(row):
                if a < b or column >= len(above):
                    break
                spans[column] = above[column]
        labels.append(tuple(spans))
    return tuple(labels)


def _split_cells(text: str, start: int, end: int, separator: str) -> tuple[tuple[int, int], ...]:
    """The span of each cell's text (without padding) in the table line `text[start:end]`."""
    line = text[start:end]
    if separator == "|":
        first, last = line.index("|"), line.rindex("|")
        bounds = [i for i in range(first, last + 1) if line[i] == "|"]
    else:
        bounds = [-1, *(i for i, ch in enumerate(line) if ch == "\t"), len(line)]
    cells = []
    for left, right in itertools.pairwise(bounds):
        a, b = left + 1, right
        while a < b and line[a].isspace():
            a += 1
        while b > a and line[b - 1].isspace():
            b -= 1
        cells.append((start + a, start + b))
    return tuple(cells)


def _cell_at(text: str, offset: int) -> tuple[_Table, int, int] | None:
    """The table, row and column of the cell holding `offset`, or `None` outside any table."""
    starts, rows = _table_index(text)
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0 or offset >= rows[i][1]:
        return None
    _, _, table, row = rows[i]
    for column, (a, b) in enumerate(table.cells[row]):
        if a <= offset < b:
            return table, row, column
    return None


def _only_figure(fact: str) -> Quantity | None:
    found = find_figures(fact, ordinals=True)
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
    begin, finish = cluster_bounds(text, begin, finish)
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


def _verified_by_heading(claim: Quantity, candidate: _Candidate) -> MatchResult:
    return MatchResult(
        Verdict.VERIFIED,
        1.0,
        tier=Tier.VALUE,
        evidence=_evidence(candidate),
        detail=f"{claim.describe()} found as {candidate.figure.text!r} heading the table cell "
        "of the claim's other figure",
    )


def _mismatch(
    fact: str,
    claim: Quantity,
    candidate: _Candidate,
    *,
    weaker: _Candidate | None = None,
    elsewhere: _Candidate | None = None,
) -> MatchResult:
    """`candidate` contradicts the claim; `weaker` is the claim's own value found in a place
    that matches the claim's words clearly less (see `_better_placed_rival`), `elsewhere` the
    claim's own value where the source says it counts another thing (`_rival_for_the_thing`)."""
    source = candidate.figure.quantity
    said = _describe_against(source, claim)
    if said == claim.describe():
        # The same number said of another direction, unit of time or bound ("fell 5%" for
        # "rose 5%", "3 days" for "3 hours"): the source's words around it tell the difference.
        said = repr(_phrase_of(candidate.layer.text, candidate.figure))
    detail = f"source says {said}, claim says {claim.describe()}"
    if elsewhere is not None:
        text, end = elsewhere.layer.text, elsewhere.figure.end
        word = _NOUN_AFTER_RE.match(text, end)
        detail += (
            f"; the source's {elsewhere.figure.text!r} in the same sentence counts "
            f"{word.group(1) if word else 'something else'!r}"
        )
    if weaker is not None:
        detail = (
            f"source says {_describe_against(source, claim)} where it matches the claim's "
            f"words best ({candidate.shared} shared), claim says {claim.describe()}; "
            f"{weaker.figure.text!r} appears only where the words match less "
            f"({weaker.shared} shared, offset {weaker.figure.start} of the {weaker.layer.name} "
            "text)"
        )
    return MatchResult(
        Verdict.MISMATCH,
        round(candidate.coverage, 3),
        tier=Tier.VALUE,
        evidence=_evidence(candidate),
        diff=(DiffOp(op="replace", quote=fact, source=candidate.figure.text, critical=True),),
        detail=detail,
    )


_WORD_BEFORE_RE = re.compile(r"(?:[^\W\d_]+\s+|[0-9][0-9.,]*\s?[-–—]\s?){0,2}\Z")
_WORD_AFTER_RE = re.compile(r"[\s\-‑]+[^\W\d_]+")


def _phrase_of(text: str, figure: Figure) -> str:
    """The figure with up to two words before it and one after ("sales fell 5% last")."""
    before = _WORD_BEFORE_RE.search(text, max(0, figure.start - 40), figure.start)
    after = _WORD_AFTER_RE.match(text, figure.end)
    start = before.start() if before is not None else figure.start
    end = after.end() if after is not None else figure.end
    return " ".join(text[start:end].split())


def _approximate(
    fact: str, claim: Quantity, candidate: _Candidate, written: _Written
) -> MatchResult:
    return MatchResult(
        Verdict.APPROXIMATE,
        round(candidate.coverage, 3),
        tier=Tier.VALUE,
        evidence=_evidence(candidate),
        diff=(DiffOp(op="replace", quote=fact, source=candidate.figure.text, critical=False),),
        detail=_approximate_detail(claim, candidate, written),
    )


def _approximate_detail(claim: Quantity, candidate: _Candidate, written: _Written) -> str:
    """Why the source's figure is close to the claim's but not the same."""
    source = candidate.figure.quantity
    said = repr(candidate.figure.text)
    change = _pair_change(claim, candidate.figure, candidate.layer.text, written)
    if change is not None:
        pair = _change_pair(candidate.layer.text, candidate.figure)
        if pair is not None:
            text, start = candidate.layer.text, pair[0].start
            opening = _FROM_BEFORE_RE.search(text, max(0, start - 8), start)
            start = opening.start() if opening is not None else start
            said = repr(" ".join(text[start : pair[1].end].split()))
            return f"source says {said}: a change of {claim.describe()}, not stated as such"
    if source.canonical() != claim.canonical() and _within_bound(
        claim, candidate.figure, candidate.layer.text, written
    ):
        side = "more" if written.bound == "min" else "less"
        return f"source says {said}: {side} than {claim.describe()}, as the claim bounds it"
    if source.kind == claim.kind and source.value != claim.value and claim.kind != "ratio":
        return f"source says {said}; the claim's {claim.describe()} rounds it"
    if source.canonical() == claim.canonical():
        phrase = _phrase_of(candidate.layer.text, candidate.figure)
        return (
            f"source says {phrase!r}: the claim's {claim.describe()} with another bound or "
            "range (more than, up to, 10-15...)"
        )
    return f"source says {said}, less precise than the claim's {claim.describe()}"


def _not_found(claim: Quantity, stray: _Candidate | None, needed: int) -> MatchResult:
    detail = f"no figure equal to {claim.describe()} near the claim's words"
    score = 0.0
    if stray is not None:
        detail += (
            f"; {stray.figure.text!r} appears in the {stray.layer.name} text at offset "
            f"{stray.figure.start}, but shares only {stray.shared} claim words and "
            f"{stray.ties} other ties with the claim ({needed} needed)"
        )
        score = round(stray.coverage, 3)
    return MatchResult(Verdict.NOT_FOUND, score, detail=detail)


def _describe_against(source: Quantity, claim: Quantity) -> str:
    """The source's value, with its unit spelled out when only the unit differs."""
    text = source.describe()
    if source.kind in ("count", "number") and claim.kind == "money":
        return f"{text} (no currency)"
    return text


# Every cache of this module, for `clear_caches` (test_facts checks that none is missing).
_CACHES = (
    _sentence_figures,
    _context,
    _phrases_around,
    _is_content,
    _signature,
    _figures,
    _figures_of_family,
    _figure_starts,
    _family_index,
    _CURRENCY_NEAR,
    _TEXT_WORDS,
    _table_index,
    _fold,
)
