"""Quote matching in tiers, with a word diff that catches the errors editors look for.

Issue 4, Deliver 3; SPEC §4 and §6. `match_quote` looks for a quote in the text layers of a source
(main content, then the whole page, then JSON-LD; or one PDF or text layer) and returns one
`MatchResult`. It is pure: no I/O, and the caches below only memoise pure functions.

Tiers, tried in order on each layer and named in the result's `tier`:

1. **exact**: every segment is a substring of the layer text as extracted.
2. **normalised**: the same after `claimcheck.normalise` (quotes, dashes, spaces, ligatures, soft
   hyphens) on both sides.
3. **tolerant**: the same after the tolerant tier (case, Turkish İ/ı, accents, PDF line-end
   hyphenation, spacing around dashes).
4. **approximate**: an edit-distance alignment with a variable-length span (edlib's infix mode
   "HW") in the tolerant text, run only on a few candidate windows picked by rare words of the
   quote voting for where it would start, so a 50-word quote in a 300 KB page takes a millisecond
   or two. A fixed-window partial ratio is not used: it misplaces the boundaries of the span.

The first three give `verified`. The approximate tier then diffs the quote and the aligned span
word by word: any changed, added or dropped number (digits or a number word), negator (`not`,
`never`, `n't`, `without`…) or capitalised name makes the verdict `mismatch` and flags the op
`critical`, whatever the similarity. A similarity threshold alone would score a quote with one
changed figure at 98/100 and say it was found; here it can never be `verified` or `approximate`.
A word swapped for its opposite ("rose"/"fell", "likely"/"unlikely", a Turkish verb with its
negative suffix) or for another unit of time counts as a changed negation or figure; so does a
word swapped for another of its class with another meaning ("will" for "may", "all" for "some",
"denied" for "confirmed", "unless" for "if", "she" for "he", `_MEANING`), a hedge, modal, plan,
"only" or "slightly" added or left out, and "a" thing made many ("shots" for "a shot"). Figures
are compared by value: "$150bn" for "US$150 billion" is shown in the diff but changes nothing.
Without such a change, a high similarity (`APPROXIMATE_MIN_SCORE`) gives `approximate` with the
diff; anything less is `not_found`.

Quote syntax (SPEC §6):

- Ellipses (`…`, `...`, `[...]`, `[…]`) split a quote into segments that must all be found, in
  order, close together (`MAX_SEGMENT_GAP`). A segment of fewer than `MIN_SEGMENT_WORDS` words is
  never searched on its own: it must sit within `SHORT_SEGMENT_GAP` of its neighbour, so an
  elision cannot make a fragment like "and the" match anywhere in the page.
- An editorial note in brackets (`[sic]`, `[emphasis added]`) stands for no words of the source
  and is left out of the quote.
- `[bracketed insertions]` match any short span (up to `MAX_BRACKET_WORDS` words) and the diff
  shows what they replaced: `DiffOp("replace", quote="[the EU]", source="Brussels")`. A bracket
  opening or closing a segment stands for as many words as it has. A bracket that changes a
  negation, figure or name ("[not]" where the source has nothing, "[twenty]" for "ten",
  "[Bianchi]" for "Marco Rossi") makes the quote a `mismatch`, even in the exact tiers; so does
  an ellipsis that leaves out a negation or a reversing word with the few words of its clause ("We will … raise" for "We will not raise", "found … that" for "found no evidence that", "The minister … that" for "denied that"). Punctuation next to a bracket
  (`at [dawn], and`) follows the last word it replaced. The approximate tier aligns the text
  between brackets piece by piece, so the replaced words never count as edits.
- A parenthetical in the quote that the source lacks ("the (now obsolete) OSCE Minsk Group") is
  an author's insertion: at best `approximate`, with the parenthetical shown as a `delete` op.
- `ClaimKind.TERM` (one or two words), and any quote of fewer than `MIN_SEGMENT_WORDS` words, is
  only matched whole-word by the first three tiers: an approximate match of two words means
  nothing.
"""

from __future__ import annotations

import difflib
import heapq
import logging
import math
import os
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

import edlib
from rapidfuzz.distance import Levenshtein

from claimcheck.model import (
    CJK_CHAR,
    ClaimKind,
    DiffOp,
    Evidence,
    MatchResult,
    TextLayer,
    Tier,
    Verdict,
)
from claimcheck.normalise import Normalised, cluster_bounds, normalise, space_cjk
from claimcheck.numbers import TIME_UNITS, find_figures, measure_unit

logger = logging.getLogger(__name__)

#: A segment needs this many words to be searched on its own. Three-word fragments ("in the
#: region") occur by chance in any long page; four words rarely do, and it is the issue's rule.
MIN_SEGMENT_WORDS = 4

#: Most normalised characters allowed between two consecutive segments of an elided quote. An
#: ellipsis in journalism usually skips a clause or a few sentences, rarely more than a couple
#: of paragraphs (~1,500 characters); 3,000 leaves room for a skipped paragraph in a long-winded
#: speech while keeping segments from being collected across an unrelated part of a long page.
MAX_SEGMENT_GAP = 3000

#: Most normalised characters between a short segment (fewer than `MIN_SEGMENT_WORDS` words) and
#: its neighbour: about one long sentence. A short fragment is only trusted that close to text
#: that anchors it.
SHORT_SEGMENT_GAP = 300

#: Most words a `[bracketed insertion]` may stand for. Brackets replace a name or a short noun
#: phrase ("[the EU]" for "the European Commission in Brussels"); six words covers that.
MAX_BRACKET_WORDS = 6
#: Most characters of source text a bracket may stand for when the approximate tier aligns the
#: text on either side of it: six long words.
BRACKET_CHARS = MAX_BRACKET_WORDS * 16

#: Lowest similarity for `approximate`. The similarity deciding the verdict is the larger of the
#: character similarity (1 - Levenshtein edits of the changed words / quote length) and the word
#: similarity (1 - words changed, added or dropped / quote words), both counted on the word diff
#: after excusing bracketed and parenthetical insertions. Calibrated with
#: `bench/verify/match_speed.py --calibrate` (generated pages, 1,000 quotes): one swapped
#: ordinary word scores 0.80-0.99 by characters and 0.875 or more by words from eight words up;
#: a changed number or inserted "not" 0.88-1.0 (but those are `mismatch` whatever the score); a
#: sentence from another page has no candidate within `MAX_CANDIDATE_EDITS` at all; and a
#: paraphrase with three changed words in twelve scores 0.75. 0.85 admits one changed word in
#: seven or more (two in fourteen) and rejects paraphrase; the editor sees every change in the
#: diff.
APPROXIMATE_MIN_SCORE = 0.85

#: Lowest similarity for `mismatch`: below it the passage is too different to be "the same
#: passage with a changed number, name or negation", and the verdict is `not_found`. A changed
#: number or an inserted "not" alone scores above 0.9; 0.75 still holds when the number change
#: comes with a reworded word or two in a ten-word quote, while an unrelated sentence stays
#: below 0.6 and a same-topic sentence from elsewhere in the page below 0.7.
MISMATCH_MIN_SCORE = 0.75

#: An alignment with more edits than this fraction of the quote's length is no candidate: it
#: could at best score 1 - 0.35 = 0.65, below `MISMATCH_MIN_SCORE`, whatever the diff says.
MAX_CANDIDATE_EDITS = 0.35

#: A `not_found` result still carries the closest passage as evidence (with its diff) when its
#: similarity reaches this, so the editor sees what the source says nearby.
NEAR_MISS_SCORE = 0.55

#: How far before (after) an aligned passage the quote's first (last) two words may be for the
#: passage to be widened to them (`_edge_placements`): an inserted "has not yet" or "no longer" and a
#: word or two the alignment swapped for it.
EDGE_REACH = 48

#: Quotes of up to this many words that the alignment leaves `not_found` are also looked for
#: with only a negation added or dropped (`_negation_changed`): "not yet" is 8 characters, over
#: `MAX_CANDIDATE_EDITS` of a quote of seven short words.
SHORT_QUOTE_WORDS = 8

#: Characters of context on each side of the evidence (SPEC §9 `evidence.context`).
CONTEXT_CHARS = 100

#: Seeding the approximate tier: up to this many of the quote's rarest words, casting at most
#: `MAX_VOTES` votes in all, vote for where the quote starts; the `MAX_CANDIDATES` best-voted
#: windows are aligned. Ten words find a quote even when two or three of them were changed;
#: 4,000 votes sort in about a millisecond.
SEED_WORDS = 10
MAX_VOTES = 4000
MAX_CANDIDATES = 4

#: Stop enumerating occurrences of a segment after this many (a 4-word segment that occurs more
#: often than this in one page is boilerplate, and the first occurrences decide the chain).
MAX_OCCURRENCES = 500

NEGATORS = frozenset(
    "not no never none nor neither nobody nothing nowhere cannot without hardly barely "
    "scarcely degil yok hic pas jamais nicht kein keine keinen keinem keiner keines nie "
    "niemals nunca".split()
    + ["不", "没", "未"]  # Chinese: each character is a word (`space_cjk`)
)
"""Words that negate; with `n't`, a change in their count makes a `mismatch`. Besides English:
Turkish "değil", "yok", "hiç", French "pas", "jamais", German "nicht", "kein…", "nie",
"niemals", Spanish "nunca", in the tolerant tier's spelling, and Chinese "不", "没", "未". A negating prefix ("non-binding",
"unlikely") is `_opposite`'s."""

NUMBER_WORDS = frozenset(
    (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
        "eighty ninety hundred hundreds thousand thousands million millions billion billions "
        "trillion trillions dozen dozens half quarter third thirds quarters first second fifth "
        "sixth seventh eighth ninth tenth once twice thrice double triple percent per cent "
        "bn mn tn k m "
        # Units and currencies: "120 km" misquoted as "120 mi" changes the figure. Unit words
        # of three letters or more that `numbers.measure_unit` reads ("kilometres", "tons") are
        # left to it (see `_is_number`); these are the short symbols, lower-cased as tolerant
        # keys are (which its case-sensitive symbols miss), and units it does not measure.
        "km kg barrel barrels bcm mw gw kw kwh mwh gwh twh dollar dollars euro euros lira liras "
        "manat manats ruble rubles rouble roubles usd eur gbp tl azn rub yuan yen "
        "deux trois quatre cinq sept huit neuf dix onze douze treize quatorze quinze seize "
        "vingt trente quarante cinquante soixante mille milliard milliards "
        "zwei drei vier funf sechs sieben acht neun zehn zwolf zwanzig dreissig vierzig "
        "funfzig hundert tausend millionen milliarde milliarden"
    ).split()
    + ["%", "$", "€", "£", "₺", "¥"]
)
#: Ordinal words, as the tolerant tier spells them, with their rank.
_ORDINAL_WORDS: dict[str, int] = {
    **{
        word: rank
        for rank, word in enumerate(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
            "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
            "twentieth".split(),
            1,
        )
    },
    **{"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100, "thousandth": 1000},
    # German, with the endings of its declension ("der fünfte", "am fünften").
    **{
        stem + ending: rank
        for rank, stem in {
            1: "erst", 2: "zweit", 3: "dritt", 4: "viert", 5: "funft", 6: "sechst", 7: "siebt",
            8: "acht", 9: "neunt", 10: "zehnt", 11: "elft", 12: "zwolft", 20: "zwanzigst",
            30: "dreissigst", 100: "hundertst",
        }.items()
        for ending in ("e", "en", "er", "es", "em")
    },
    # French, singular and plural ("le cinquième", "les premières").
    **{
        word + plural: rank
        for rank, words in {
            1: "premier premiere", 2: "deuxieme seconde", 3: "troisieme", 4: "quatrieme",
            5: "cinquieme", 6: "sixieme", 7: "septieme", 8: "huitieme", 9: "neuvieme",
            10: "dixieme", 11: "onzieme", 12: "douzieme", 20: "vingtieme", 100: "centieme",
            1000: "millieme",
        }.items()
        for word in words.split()
        for plural in ("", "s")
    },
}  # fmt: skip
#: The values of number words in English, French and German, so that "five", "cinq" and
#: "fünf" are "5" (magnitudes such as "million" are compared as words).
_CARDINAL_WORDS: dict[str, int] = {
    word: value
    for words, value in (
        ("zero", 0), ("one", 1), ("two deux zwei", 2), ("three trois drei", 3),
        ("four quatre vier", 4), ("five cinq funf", 5), ("six sechs", 6),
        ("seven sept sieben", 7), ("eight huit acht", 8), ("nine neuf neun", 9),
        ("ten dix zehn", 10), ("eleven onze", 11), ("twelve douze zwolf", 12),
        ("thirteen treize", 13), ("fourteen quatorze", 14), ("fifteen quinze", 15),
        ("sixteen seize", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19),
        ("twenty vingt zwanzig", 20), ("thirty trente dreissig", 30),
        ("forty quarante vierzig", 40), ("fifty cinquante funfzig", 50),
        ("sixty soixante", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90),
    )
    for word in words.split()
}  # fmt: skip
#: A rank written with digits: "5th", "2nd", French "5e", "5ème", "1er", "1re".
_DIGIT_ORDINAL = re.compile(r"([0-9]+)(?:st|nd|rd|th|e|eme|er|ere|re)")
NUMBER_WORDS = NUMBER_WORDS | frozenset(_ORDINAL_WORDS)
"""Number words, magnitudes, units and currencies; a changed one makes a `mismatch`. French and
German number words are in (as the tolerant tier folds them), except those that are English
words or articles ("un", "ein"); Turkish ones count only in a Turkish text
(`_TURKISH_NUMBER_WORDS`: "on" is ten, "bin" a thousand)."""


def _folded(words: str) -> frozenset[str]:
    """`words` (space-separated) as the tolerant tier spells them."""
    return frozenset(normalise(w, tolerant=True).text for w in words.split())


# Negators, number words, units of time and opposites of more languages (Spanish, Portuguese,
# Italian, Dutch, Polish, Russian, Ukrainian, Greek, Arabic, Hebrew, Hindi, Vietnamese, Chinese,
# Japanese, Korean), written as the languages spell them and folded like the tolerant tier.
# Words that are also common English words are left out ("once" is eleven in Spanish, "due"
# two in Italian), as are articles that also mean "one" ("un", "ένα", "एक"). Vietnamese is
# matched in its own spelling (`_marked`): folded, "sáu" (six) would be "sau" (after).
_MORE_NEGATORS = _folded(
    "ni jamás tampoco ningún ninguna ninguno nadie "  # es
    "não nem nenhum nenhuma ninguém "  # pt
    "non mai nessuno nessuna niente nulla "  # it
    "niet geen nooit niets niemand nergens "  # nl
    "nigdy żaden żadna żadne "  # pl ("nie" is below)
    "не ни нет никогда ничего никто нельзя ні ніколи "  # ru, uk
    "δεν μην όχι ούτε ποτέ "  # el
    "لا لم لن ليس ليست ولا ولم ولن فلا فلن فلم وليس "  # ar
    "לא אין אינו אינה אינם ולא שלא ואין שאין בלי ללא "  # he
    "नहीं न मत "  # hi
    "không 無"  # vi ("không" folds to "khong", no other word), ja
) | {"nie"}
_KOREAN_NEGATORS = frozenset("안 못 아니다 아니라 아닌 아니며".split())
#: The Korean negators written before the verb they negate ("안 간다", "못 갈"): a passage that
#: starts right after one says the opposite of its source. The others (아니다, 않다, 못하다)
#: follow the word they negate, so what comes after them is not negated by them ("A가 아니라
#: B": not A but B).
_KOREAN_NEGATORS_BEFORE = frozenset({"안", "못"})
_VIETNAMESE_NEGATORS = frozenset("không chưa chẳng chả đừng".split())
#: Japanese negation inside a verb (each kana is a token, `space_cjk`): 延長されない,
#: 行わなかった, ありません.
_KANA_NEGATION = re.compile(r"な(?:い|かっ|く)|ませ|ず(?![つ、])")

_MORE_NUMBER_WORDS = _folded(
    "dos tres cuatro cinco seis siete ocho nueve diez doce trece catorce quince dieciséis "
    "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento cientos "
    "mil millón millones mitad "  # es
    "dois duas quatro sete oito nove dez onze doze treze quatorze dezesseis vinte trinta "
    "quarenta sessenta oitenta cem cento milhão milhões bilhão bilhões bi metade "  # pt
    "tre quattro cinque sei sette otto dieci undici dodici tredici quindici venti trenta "
    "quaranta sessanta settanta ottanta novanta cento mille mila milione milioni miliardo "
    "miliardi metà "  # it
    "twee drie vijf zes zeven negen tien elf twaalf dertien veertien vijftien twintig dertig "
    "veertig vijftig honderd duizend miljoen miljard helft "  # nl
    "jeden jedna dwa dwie dwóch dwoma trzy trzech cztery czterech pięć pięciu sześć sześciu "
    "siedem osiem dziewięć dziesięć dziesięciu dwadzieścia trzydzieści sto tysiąc tysiące "
    "tysięcy milion miliony milionów miliard miliardy miliardów połowa mln mld "  # pl
    "один одна одно два две двух три трёх четыре четырёх пять пяти шесть шести семь восемь "
    "девять десять десяти двадцать тридцать сорок пятьдесят сто тысяча тысячи тысяч "
    "миллион миллиона миллионов миллиард миллиарда миллиардов половина половину треть "
    "четверть полтора двое трое млн млрд чотири п'ять "  # ru, uk
    "μία δύο τρία τρεις τέσσερα τέσσερις πέντε έξι επτά εφτά οκτώ εννέα δέκα είκοσι τριάντα "
    "σαράντα πενήντα εκατό χίλια χιλιάδες εκατομμύριο εκατομμύρια δισεκατομμύριο "
    "δισεκατομμύρια εκατ δισ μισό "  # el
    "واحد اثنان اثنين ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثماني ثمانية تسع تسعة "
    "عشر عشرة عشرين عشرون ثلاثين مئة مائة ألف آلاف مليون ملايين مليار نصف "  # ar
    "אחת שתיים שניים שתי שלוש שלושה ארבע ארבעה חמש חמישה שש שישה שבע שבעה שמונה תשע תשעה "
    "עשר עשרה עשרים שלושים מאה אלף אלפים מיליון מיליארד חצי "  # he
    "दो तीन चार पांच पाँच छह सात आठ नौ दस बीस पच्चीस पचीस तीस चालीस पचास साठ सौ हज़ार "
    "लाख करोड़ अरब आधा "  # hi
    "〇 零 一 二 两 兩 三 四 五 六 七 八 九 十 百 千 万 萬 亿 億 兆 半 "  # zh, ja
    "억 조 천 백만"  # ko
)
_VIETNAMESE_NUMBER_WORDS = frozenset(
    "một hai ba bốn năm lăm sáu bảy tám chín mười mươi trăm nghìn ngàn triệu tỷ tỉ".split()
)
#: Number words written as one word of tens and units: Italian "ventiquattro", "quarantotto",
#: Spanish "veintidós", Portuguese "dezoito", Dutch "vijfentwintig", German "zweiundzwanzig".
_COMPOUND_NUMBER = re.compile(
    "(?:vent|trent|quarant|cinquant|sessant|settant|ottant|novant)a?"
    "(?:uno|due|tre|quattro|cinque|sei|sette|otto|nove)"
    "|(?:veinti|dieci)(?:uno|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)"
    "|deze(?:sseis|ssete|zoito|oito|nove)"
    "|(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)en"
    "(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
    "|(?:ein|zwei|drei|vier|funf|sechs|sieben|acht|neun)und"
    "(?:zwanzig|dreissig|vierzig|funfzig|sechzig|siebzig|achtzig|neunzig)"
)
#: Chinese and Japanese numerals, and the value of each (a multiplier from 十 on).
_CJK_NUMERALS = {
    **dict(zip("〇零一二两兩三四五六七八九", (0, 0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)),
    "十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8,
    "兆": 10**12,
}  # fmt: skip
#: Korean numerals written after digits ("3천억", "2조", "10만").
_HANGUL_NUMERALS = {"십": 10, "백": 100, "천": 1000, "만": 10**4, "억": 10**8, "조": 10**12}
#: Units written right after a Korean figure that keep it apart from the same number of
#: something else ("3년" is not "3개월").
_HANGUL_UNITS = (
    "년", "개월", "달", "월", "일", "주", "시간", "분", "초", "세", "살", "명", "호", "개", "배",
    "위", "차", "회", "층", "km", "m", "kg", "%",
)  # fmt: skip

_MORE_TIME_UNITS: dict[str, str] = {
    word: unit
    for unit, words in {
        "minute": "minuto minutos minuti minuut minuten minuta minut minuty минута минуты минут "
        "λεπτό λεπτά دقيقة دقائق דקה דקות मिनट",
        "hour": "hora horas ore uur uren godzina godziny godzin час часа часов ώρα ώρες ساعة "
        "ساعات שעה שעות घंटा घंटे",
        "day": "día días dia dias giorno giorni dag dagen dzień dni dnia день дня дней ημέρα "
        "ημέρες μέρα μέρες يوم أيام יום ימים दिन दिनों 天",
        "week": "semana semanas settimana settimane week weken tydzień tygodnie tygodni неделя "
        "недели недель тиждень εβδομάδα εβδομάδες أسبوع أسابيع שבוע שבועות सप्ताह हफ्ता हफ्ते "
        "周 週",
        "month": "mes meses mês mese mesi maand maanden miesiąc miesiące miesięcy miesiąca "
        "месяц месяца месяцев місяць місяці місяців μήνας μήνες μήνα شهر أشهر شهور חודש "
        "חודשים महीना महीने महीनों 月 개월 달",
        "year": "año años ano anos anno anni jaar jaren rok lata lat roku год года лет годы "
        "рік роки років χρόνος χρόνια χρόνο έτος έτη سنة سنوات سنين عام أعوام שנה שנים "
        "שנתיים साल सालों वर्ष वर्षों 年 년",
        "decade": "década décadas decennio decenni decennium dekada десятилетие δεκαετία عقود "
        "עשור दशक",
        "century": "siglo siglos século séculos secolo secoli eeuw eeuwen век века αιώνας قرن सदी",
    }.items()
    for word in _folded(words)
}
_VIETNAMESE_TIME_UNITS = {
    "phút": "minute", "giờ": "hour", "ngày": "day", "tuần": "week", "tháng": "month",
    "năm": "year",
}  # fmt: skip

_MORE_OPPOSITES = frozenset(
    frozenset(_folded(pair.replace("/", " ")))
    for pair in """
    subió/bajó sube/baja subir/bajar subieron/bajaron aumentó/disminuyó aumento/descenso
    mayor/menor más/menos máximo/mínimo alza/baja suficiente/insuficiente
    subiu/caiu sobe/cai subir/cair alta/queda aumentou/diminuiu maior/menor mais/menos
    aumentato/diminuito aumenta/diminuisce salito/sceso sale/scende maggiore/minore più/meno
    massimo/minimo rialzo/ribasso crescita/calo
    gestegen/gedaald stijgt/daalt steeg/daalde stijging/daling meer/minder hoger/lager
    hoogste/laagste voldoende/onvoldoende mogelijk/onmogelijk
    wzrósł/spadł wzrosła/spadła wzrosły/spadły wzrost/spadek więcej/mniej wyższy/niższy
    najwyższy/najniższy
    вырос/снизился вырос/упал выросли/упали выросла/упала выросли/снизились рост/снижение
    повысить/понизить повышение/снижение больше/меньше выше/ниже увеличился/уменьшился
    своевременной/запоздалой своевременный/запоздалый своевременно/запоздало
    αυξήθηκαν/μειώθηκαν αυξήθηκε/μειώθηκε αύξηση/μείωση αυξάνει/μειώνει αυξήσει/μειώσει
    περισσότερο/λιγότερο περισσότερα/λιγότερα υψηλότερο/χαμηλότερο επαρκή/ανεπαρκή
    επαρκής/ανεπαρκής
    ارتفع/انخفض ارتفعت/انخفضت ارتفاع/انخفاض زاد/نقص أكثر/أقل أعلى/أدنى ترفع/تخفض رفع/خفض
    علو/انخفاض
    עלו/ירדו עלה/ירד עלתה/ירדה עלייה/ירידה יותר/פחות גבוה/נמוך מאוחרת/מוקדמת מאוחר/מוקדם
    बढ़ा/घटा बढ़ी/घटी बढ़े/घटे बढ़ाई/घटाई बढ़ोतरी/गिरावट ज्यादा/कम अधिक/कम पर्याप्त/अपर्याप्त
    增/减 增/降 升/降 涨/跌 高/低 多/少 大/小 早/晚 早/遅 長/短 长/短 提/降 加/减 上/下
    올라/내려 올랐다/내렸다 오른/내린 상승/하락 상승했다/하락했다 증가/감소 증가했다/감소했다
    늘어/줄어 늘었다/줄었다 최고/최저 최고치를/최저치를 최고치/최저치 있다/없다 있는/없는
    있고/없고 있다고/없다고 높은/낮은 많은/적은
    """.split()
)
_VIETNAMESE_OPPOSITES = frozenset(
    frozenset(pair.split("/"))
    for pair in "tăng/giảm nhiều/ít cao/thấp lớn/nhỏ sớm/muộn đủ/thiếu tốt/xấu".split()
)
#: Prefixes that negate the word after them in Polish and Russian ("nierealny", "несвоевременно").
_SLAVIC_NEGATING_PREFIXES = ("nie", "не")
#: Letters only Vietnamese writes (with a horn, a breve on `a`, a dot below or a hook above, and
#: `đ`): a word spelt with one is compared in its own spelling (`_marked`).
_VIETNAMESE_LETTERS = re.compile(
    "[ơưăđƠƯĂĐạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ\u031b\u0323\u0309]"
)


@lru_cache(maxsize=8192)
def _marked_word(word: str) -> str:
    """`word` lower-cased in its own spelling (NFC, accents kept)."""
    return unicodedata.normalize("NFC", word).lower()


def _marked(token: _Token) -> str:
    return _marked_word(token.word)


_TURKISH_NUMBER_WORDS = frozenset(
    "bir iki uc dort bes alti yedi sekiz dokuz on yirmi otuz kirk elli altmis yetmis seksen "
    "doksan yuz bin milyon milyar".split()
)

NEGATORS = NEGATORS | _MORE_NEGATORS
NUMBER_WORDS = NUMBER_WORDS | _MORE_NUMBER_WORDS

_RANK = {Verdict.VERIFIED: 3, Verdict.APPROXIMATE: 2, Verdict.MISMATCH: 1, Verdict.NOT_FOUND: 0}

_ELLIPSIS = re.compile(
    r"\s*(?:\[\s*(?:\u2026|\.(?:\s?\.){2,})\s*\]|\(\s*(?:\u2026|\.(?:\s?\.){2,})\s*\)"
    r"|\u2026|\.(?:\s?\.){2,})\s*"
)
_BRACKET = re.compile(r"\[[^\[\]]*\]")
# Characters trimmed from a segment's ends: the article's own punctuation and quote marks around
# or at the edge of a quotation (`“… is over,” he said`) are rarely the source's.
# A hyphen-minus is kept: it may be a sign ("-5 per cent").
_EDGE = " \t\r\n.,;:\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb\u201e\u2039\u203a\u2013\u2014"


def _mark_ranges(*blocks: tuple[int, int]) -> str:
    """The combining marks in `blocks`, as ranges for a character class."""
    marks = [
        c for lo, hi in blocks for c in range(lo, hi) if unicodedata.category(chr(c))[0] == "M"
    ]
    out: list[str] = []
    i = 0
    while i < len(marks):
        j = i
        while j + 1 < len(marks) and marks[j + 1] == marks[j] + 1:
            j += 1
        out.append(f"\\u{marks[i]:04x}" + (f"-\\u{marks[j]:04x}" if j > i else ""))
        i = j + 1
    return "".join(out)


#: Combining marks that are part of a word: the vowel signs of the Indic and Southeast Asian
#: scripts (`\\w` alone would cut "पचास" into "पच" and "स") and the Japanese voicing marks.
#: Accents of other scripts are folded away in the tolerant text the tokens are read from.
_LETTER_MARKS = _mark_ranges((0x0900, 0x1100), (0x1700, 0x1800), (0x3099, 0x309B))
_W = rf"[\w{_LETTER_MARKS}]"
_WORD = re.compile(rf"{_W}+")
# Words (with inner apostrophes and the separators of figures: "didn't", "1,204.5") and single
# punctuation marks. A hyphen is a token of its own, so a negator or a name in a compound (or
# joined to the next word by the tolerant tier's dash spacing) is seen.
_TOKEN = re.compile(rf"{_W}+(?:['.,]{_W}+)*|[^\w\s{_LETTER_MARKS}]")
_SENTENCE_END = frozenset(".!?:;'\"(")


# ------------------------------------------------------------------------------------ quotes


def split_segments(quote: str) -> list[str]:
    """Split a quote at ellipses (`…`, `...`, `[...]`, `[…]`) into its non-empty segments."""
    return [part.strip() for part in _ELLIPSIS.split(quote) if _WORD.search(part)]


@dataclass(frozen=True)
class _Segment:
    raw: str  # as written, edges trimmed
    pieces: tuple[str, ...]  # literal text between brackets, as written
    brackets: tuple[str, ...]  # the bracketed insertions, `[` and `]` included
    bracket_spans: tuple[tuple[int, int], ...]  # their offsets in `raw`
    words: int  # words outside brackets

    @property
    def blanked(self) -> str:
        """`raw` with each bracket replaced by spaces of the same length (offsets preserved)."""
        out = self.raw
        for start, end in self.bracket_spans:
            out = out[:start] + " " * (end - start) + out[end:]
        return out


_PARENTHETICAL = re.compile(r"\([^()]*\)")


def _unparenthesised(text: str) -> str:
    """`text` with parentheticals blanked: the alignment must not bend to fit an insertion."""
    return _PARENTHETICAL.sub(lambda m: " " * len(m.group()), text)


@dataclass(frozen=True)
class _Quote:
    text: str
    segments: tuple[_Segment, ...]
    ellipses: tuple[str, ...]  # the ellipsis as written between consecutive segments
    words: int

    @property
    def has_brackets(self) -> bool:
        return any(s.brackets for s in self.segments)


#: Editorial notes in brackets that stand for no words of the source: left out of the quote.
_ANNOTATION_NOTE = (
    r"\[\s*(?:sic!?|emphasis (?:added|mine|in original|original)|italics (?:added|mine)"
    r"|original emphasis)\s*\]"
)
_ANNOTATION = re.compile(r"\s*" + _ANNOTATION_NOTE, re.IGNORECASE)
_ANNOTATION_BRACKET = re.compile(_ANNOTATION_NOTE, re.IGNORECASE)


@lru_cache(maxsize=4096)
def _parse_quote(quote: str, whole: bool, annotations: bool = False) -> _Quote:
    """The quote's segments, brackets and ellipses. Editorial notes (`[sic]`) are left out,
    or with `annotations` kept as quoted text: the source may print its own `[sic]`."""
    if not annotations:
        quote = _ANNOTATION.sub("", quote)
    parts = [quote] if whole else _ELLIPSIS.split(quote)
    ellipses = [] if whole else [m.group().strip() for m in _ELLIPSIS.finditer(quote)]
    segments: list[_Segment] = []
    kept_ellipses: list[str] = []
    pending = ""
    for i, part in enumerate(parts):
        raw = part.strip(_EDGE)
        if i and i - 1 < len(ellipses):
            pending = pending or ellipses[i - 1]
        if not _WORD.search(_BRACKET.sub("", raw)):
            continue
        if segments:
            kept_ellipses.append(pending or "\u2026")
        pending = ""
        spans = tuple(
            m.span()
            for m in _BRACKET.finditer(raw)
            if not (annotations and _ANNOTATION_BRACKET.fullmatch(m.group()))
        )
        pieces: list[str] = []
        pos = 0
        for start, end in spans:
            pieces.append(raw[pos:start])
            pos = end
        pieces.append(raw[pos:])
        segments.append(
            _Segment(
                raw=raw,
                pieces=tuple(pieces),
                brackets=tuple(raw[s:e] for s, e in spans),
                bracket_spans=spans,
                words=sum(_word_count(p) for p in pieces),
            )
        )
    return _Quote(quote, tuple(segments), tuple(kept_ellipses), sum(s.words for s in segments))


# ---------------------------------------------------------------------------- exact search


@dataclass(frozen=True)
class _Pattern:
    """How one segment is searched in one tier's text: a literal, or a regex with brackets."""

    literal: str
    regex: re.Pattern[str] | None = None
    # For a regex: the longest literal piece, found with `str.find` first (a regex starting
    # with a bracket group would otherwise be tried at every position of the page).
    window: int = 0


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    groups: tuple[tuple[int, int], ...] = ()  # spans the brackets matched, in order


def _norm_text(text: str, tier: Tier) -> str:
    if tier is Tier.EXACT:
        return text
    return _normalise_cached(text, tier is Tier.TOLERANT).text


def _word_count(text: str) -> int:
    """Words in `text`, each Chinese or Japanese character one (see `space_cjk`)."""
    return len(_WORD.findall(CJK_CHAR.sub(" ", text))) + len(CJK_CHAR.findall(text))


@lru_cache(maxsize=8192)
def _normalise_cached(text: str, tolerant: bool) -> Normalised:
    return space_cjk(normalise(text, tolerant=tolerant))


@lru_cache(maxsize=4096)
def _pattern(segment: _Segment, tier: Tier) -> _Pattern | None:
    """The search pattern of a segment in a tier (`None`: the tier cannot search it)."""
    if not segment.brackets:
        literal = _norm_text(segment.raw, tier)
        return _Pattern(literal) if literal else None
    if tier is Tier.EXACT:
        return None  # brackets are an edit: not an exact match
    parts: list[str] = []
    n = len(segment.brackets)
    longest = ""
    for k, piece in enumerate(segment.pieces):
        norm = _norm_text(piece, tier)
        if len(norm) > len(longest):
            longest = norm
        parts.append(re.escape(norm))
        if k == n:
            break
        bracket = segment.brackets[k]
        words = _bracket_words(bracket)
        left = piece
        right = segment.pieces[k + 1]
        # Part of a word (`[s]he`, `EU[’s]`): a letter or digit touches the bracket. Punctuation
        # touching it (`at [dawn], and`, `—[the minister]`) is not: the bracket stands for words,
        # the last of which is followed by that punctuation in the source, the first preceded.
        # Chinese and Japanese characters are words of their own (`space_cjk`).
        attached_left = bool(left) and _is_word_char(left[-1]) and not CJK_CHAR.match(left[-1])
        attached_right = bool(right) and _is_word_char(right[0]) and not CJK_CHAR.match(right[0])
        punct_left = bool(left) and not left[-1].isspace() and not attached_left
        punct_right = bool(right) and not right[0].isspace() and not attached_right
        inner = len(bracket) + 2
        if attached_left or attached_right:
            group = f"([^ ]{{0,{inner}}}?)"
            if norm and not attached_left:
                parts.append(" ?" if punct_left else " ")
            parts.append(group)
            if right.strip() and not attached_right:
                parts.append("" if punct_right else " ")
        elif not left.strip():  # a bracket opening the segment: stands for its own word count
            # The words it stands for do not end a sentence or an earlier quotation:
            # "[Romano] ha dichiarato" is not `notturno», ha` (but "[She] said" is "Marquardt,").
            if punct_right:
                parts.append(f"((?:[^ ]+ ){{{words - 1}}}[^ ]+?)")
            else:
                parts.append(
                    f"((?<![^ ])(?:[^ ]+ ){{{words - 1}}}(?![^ ]*(?:'[^ \\w]*|[.!?]) )[^ ]+ )"
                )
        elif not right.strip():  # a bracket closing the segment
            if punct_left:
                parts.append(f"( ?[^ ]+(?: [^ ]+){{{words - 1}}})")
            else:
                parts.append(f"((?: [^ ]+){{{words}}})")
        else:
            parts.append(" ?" if punct_left else " ")
            if punct_right:  # the last replaced word runs into the punctuation
                parts.append(f"((?:[^ ]+ ){{0,{MAX_BRACKET_WORDS - 1}}}?[^ ]*?)")
            else:
                parts.append(f"((?:[^ ]+ ){{0,{MAX_BRACKET_WORDS}}}?)")
    if not longest:
        return None
    window = len(segment.raw) * 2 + (MAX_BRACKET_WORDS * 20) * n
    return _Pattern(longest, re.compile("".join(parts)), window)


def _bracket_words(bracket: str) -> int:
    """How many source words a bracket opening or closing a segment stands for: its own count."""
    return max(1, min(MAX_BRACKET_WORDS, _word_count(bracket)))


def _word_boundaries(hay: str, start: int, end: int) -> bool:
    """The span neither starts nor ends inside a word of `hay`."""
    if start > 0 and _wordish(hay[start]) and _wordish(hay[start - 1]):
        return False
    return not (end < len(hay) and _wordish(hay[end - 1]) and _wordish(hay[end]))


def _wordish(ch: str) -> bool:
    """A letter, digit or a mark that is part of a word (`_LETTER_MARKS`)."""
    return ch.isalnum() or ("\u0900" <= ch and unicodedata.category(ch)[0] == "M")


def _occurrences(pattern: _Pattern, hay: str, lo: int, hi: int) -> Iterator[_Hit]:
    """Whole-word occurrences of `pattern` in `hay` starting in `[lo, hi)`, left to right."""
    lit = pattern.literal
    if pattern.regex is None:
        pos = hay.find(lit, lo, hi + len(lit) - 1)
        count = 0
        while pos != -1 and count < MAX_OCCURRENCES:
            if _word_boundaries(hay, pos, pos + len(lit)):
                count += 1
                yield _Hit(pos, pos + len(lit))
            pos = hay.find(lit, pos + 1, hi + len(lit) - 1)
        return
    regex, window = pattern.regex, pattern.window
    last_start = -1
    pos = hay.find(lit, max(0, lo - window))
    count = 0
    while pos != -1 and pos < hi + window and count < MAX_OCCURRENCES:
        search_from = max(lo, pos - window, last_start + 1)
        limit = min(len(hay), pos + len(lit) + window)
        m = regex.search(hay, search_from, limit)
        # Leftmost is not always right: a match may start inside a word ("a" at the end of
        # "linvona") or end before this occurrence; look further on in the window.
        while (
            m is not None
            and m.start() <= pos
            and (m.end() <= pos or not _word_boundaries(hay, m.start(), m.end()))
        ):
            m = regex.search(hay, m.start() + 1, limit)
        # Prefer the latest valid start: a bracket then stands for the fewest words.
        while m is not None:
            later = regex.search(hay, m.start() + 1, limit)
            if (
                later is None
                or later.start() > pos
                or later.end() <= pos
                or not _word_boundaries(hay, later.start(), later.end())
            ):
                break
            m = later
        if m is not None and m.start() < hi and m.start() <= pos:
            count += 1
            last_start = m.start()
            yield _Hit(m.start(), m.end(), tuple(m.span(g) for g in range(1, m.re.groups + 1)))
        pos = hay.find(lit, pos + 1)


def _gap(quote: _Quote, k: int) -> int:
    """Most characters allowed between segments `k - 1` and `k`."""
    a, b = quote.segments[k - 1], quote.segments[k]
    if a.words >= MIN_SEGMENT_WORDS and b.words >= MIN_SEGMENT_WORDS:
        return MAX_SEGMENT_GAP
    return SHORT_SEGMENT_GAP


def _chains(
    quote: _Quote, tier: Tier, hay: str, patterns: list[_Pattern | None] | None = None
) -> Iterator[list[_Hit]]:
    """The chains of every segment found in order, close together, one per anchor occurrence.

    A chain is grown from each occurrence of the first segment long enough to stand alone (the
    anchor): later segments take their earliest occurrence after the previous one, earlier
    segments their latest before the next one. With the gap measured between neighbours this
    greedy choice is optimal for a given anchor occurrence. `patterns` replace the segments'
    own ones of the tier (`_compound_patterns`).
    """
    if patterns is None:
        patterns = [_pattern(s, tier) for s in quote.segments]
    if any(p is None for p in patterns):
        return
    pats = [p for p in patterns if p is not None]
    n = len(pats)
    anchor = next((k for k, s in enumerate(quote.segments) if s.words >= MIN_SEGMENT_WORDS), 0)
    for first in _occurrences(pats[anchor], hay, 0, len(hay)):
        chain: dict[int, _Hit] = {anchor: first}
        ok = True
        for k in range(anchor + 1, n):
            prev_end = chain[k - 1].end
            hit = next(_occurrences(pats[k], hay, prev_end, prev_end + _gap(quote, k) + 2), None)
            if hit is None:
                ok = False
                break
            chain[k] = hit
        for k in range(anchor - 1, -1, -1) if ok else ():
            next_start = chain[k + 1].start
            lo = max(0, next_start - _gap(quote, k + 1) - len(pats[k].literal) - 2)
            best = None
            for hit in _occurrences(pats[k], hay, lo, next_start):
                if hit.end <= next_start:
                    best = hit
            if best is None:
                ok = False
                break
            chain[k] = best
        if ok:
            yield [chain[k] for k in range(n)]


# ---------------------------------------------------------------------------- layers


@lru_cache(maxsize=8)
def _layer_normalised(text: str, tolerant: bool) -> Normalised:
    return space_cjk(normalise(text, tolerant=tolerant))


#: Seed words are looked up in the text itself, one scan a word, for the first alignments against
#: a text; from this many on, every word's positions are indexed once. Measured on 160 KB pages:
#: an index costs ~8.5 ms, looking up one word in the text ~0.1 ms (the speed of scanning the
#: text once), and a quote has 10-20 distinct words, each looked up once per text. A source
#: checked by `claimcheck verify` sees one to seven alignments a layer (mostly two or three), so
#: it rarely pays for an index; a page with dozens of quotes pays for it once instead of a
#: millisecond or two a quote. After four, at most about twice the cheaper of the two is spent.
#: The index is built before the fifth quote's words are counted, so that it serves the whole
#: quote: built after the fourth quote's counts (as it was), it saved only that quote's seed
#: offsets, and most texts queried four times are queried no more (33 of the 56 texts indexed
#: in bench/verify's 1,481 quote jobs). With the inlined test in `_word_positions`, those jobs
#: take 5.5 % fewer instructions (callgrind), with the same results.
INDEX_AFTER_QUERIES = 4


class _WordLookup:
    """How often each word occurs in a (tolerant) text, and where: what seeds the alignment.

    Each word a quote asks about is looked up once (`_word_positions`, a scan of the text in C)
    and remembered, until the text has been queried `INDEX_AFTER_QUERIES` times; then every
    word is indexed in one pass. Counting every word of the page up front (`Counter` over
    `findall`) took ~4 ms for 160 KB, more than the lookups of the one to three quotes most
    texts see.
    """

    __slots__ = ("index", "looked_up", "queries", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.looked_up: dict[str, list[int]] = {}
        self.queries = 0
        self.index: dict[str, list[int]] | None = None

    def queried(self) -> None:
        """Note one more quote about to be seeded in this text: index the text first when
        `INDEX_AFTER_QUERIES` quotes were seeded in it before."""
        self.queries += 1
        if self.index is None and self.queries > INDEX_AFTER_QUERIES:
            index: dict[str, list[int]] = {}
            for m in _WORD.finditer(self.text):
                index.setdefault(m.group(), []).append(m.start())
            self.index = index
            self.looked_up = {}

    def _all_positions(self, word: str) -> list[int]:
        if self.index is not None:
            return self.index.get(word, [])
        found = self.looked_up.get(word)
        if found is None:
            found = self.looked_up[word] = _word_positions(self.text, word)
        return found

    def count(self, word: str) -> int:
        """How often `word` occurs as a whole `\\w+` token."""
        return len(self._all_positions(word))

    def positions(self, word: str, limit: int) -> list[int]:
        """The first `limit` offsets where `word` occurs as a whole `\\w+` token."""
        return self._all_positions(word)[:limit]


@lru_cache(maxsize=8)
def _word_lookup(text: str) -> _WordLookup:
    return _WordLookup(text)


def _is_word_char(ch: str) -> bool:
    """What `_W` matches: alphanumerics, the underscore and marks that are part of a word."""
    return ch == "_" or _wordish(ch)


#: Up to this many occurrences of a word as a substring (`str.find`), whole-word ones are told
#: apart in Python; above it, by a regular expression compiled for the word. Compiling costs
#: ~25 µs, a Python look at one occurrence ~0.3 µs; most seed words are rare.
_FIND_IN_PYTHON = 64


def _word_positions(text: str, word: str) -> list[int]:
    """Every offset where `word` (itself a `\\w+` token) occurs in `text` as a whole token.

    `str.find` first: a quote's words are often absent from a layer or rare in it, and then the
    `find` calls together scan the text once (an earlier `str.count` first was a second scan).
    A word found more than `_FIND_IN_PYTHON` times as a substring is left to a regex that
    starts with the literal word, so the engine jumps between its occurrences (a leading
    look-behind would make it try every position: five times as slow); the look-behind after it
    checks the character before. Whole-word occurrences never overlap, so both ways find the
    same ones.
    """
    out: list[int] = []
    size = len(word)
    end = len(text)
    seen = 0
    pos = text.find(word)
    while pos != -1:
        seen += 1
        if seen > _FIND_IN_PYTHON:
            pattern = rf"(?s){re.escape(word)}(?<!{_W}.{{{size}}})(?!{_W})"
            return [m.start() for m in re.finditer(pattern, text)]
        after = pos + size
        # `_is_word_char` inlined (most characters are ASCII: one or two tests each), as this
        # loop runs for every occurrence of every word a quote asks about.
        if pos:
            ch = text[pos - 1]
            if ch.isalnum() or ch == "_" or ("\u0900" <= ch and _is_word_char(ch)):
                pos = text.find(word, pos + 1)
                continue
        if after != end:
            ch = text[after]
            if ch.isalnum() or ch == "_" or ("\u0900" <= ch and _is_word_char(ch)):
                pos = text.find(word, pos + 1)
                continue
        out.append(pos)
        pos = text.find(word, pos + 1)
    return out


def clear_caches() -> None:
    """Forget every memoised text: normalised layers, word counts, quotes and their patterns.

    The caches only pay off within one source (several claims, and several layers, against the
    same text); a worker calls this after each source so that a page's text, its normalised
    forms and its word counts do not stay alive while the next source is checked. The
    per-character caches of `claimcheck.normalise` hold a few thousand short strings at most and
    are kept.
    """
    for cache in (
        _layer_normalised,
        _word_keys,
        _compound_joins,
        _word_lookup,
        _parse_quote,
        _normalise_cached,
        _pattern,
        _word_pattern,
        _marked_word,
        _mark_change,
    ):
        cache.cache_clear()


ToOriginal = Callable[[int, int], tuple[int, int]]


def _identity(start: int, end: int) -> tuple[int, int]:
    return start, end


def _evidence(layer: TextLayer, start: int, end: int) -> Evidence:
    text = layer.text
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    # Widen to whole words so the context does not start or end mid-word.
    while lo > 0 and not text[lo - 1].isspace() and start - lo < CONTEXT_CHARS + 20:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - end < CONTEXT_CHARS + 20:
        hi += 1
    lo, hi = cluster_bounds(text, lo, hi)  # nor inside a flag or a letter with its accents
    return Evidence(
        text=text[start:end],
        context=text[lo:hi],
        matched_in=layer.name,
        start=start,
        end=end,
        page=layer.page_at(start),
        pages=layer.page_span(start, end),
    )


def _verified(
    quote: _Quote,
    layer: TextLayer,
    tier: Tier,
    hay: str,
    chain: list[_Hit],
    to_original: ToOriginal,
) -> MatchResult:
    """The result of a chain found by an exact tier: `verified`, unless a bracket or an ellipsis
    changes a negation, number or name (`_bracket_critical`, `_elision_critical`): `mismatch`."""
    start, _ = to_original(chain[0].start, chain[0].end)
    _, end = to_original(chain[-1].start, chain[-1].end)
    diff: tuple[DiffOp, ...] | None = None
    if len(chain) > 1 or quote.has_brackets:
        diff = tuple(_chain_diff(quote, layer.text, hay, chain, to_original))
    flagged = [op for op in diff or () if op.critical]
    if flagged:
        changed = sum(
            max(len(_WORD.findall(op.quote)), len(_WORD.findall(op.source))) for op in flagged
        )
        return MatchResult(
            verdict=Verdict.MISMATCH,
            score=round(max(0.0, 1.0 - changed / max(1, quote.words + changed)), 4),
            tier=tier,
            evidence=_evidence(layer, start, end),
            diff=diff,
            detail=f"found ({tier.value}) in {layer.name}, but "
            + "; ".join(
                f"{op.quote!r} stands for {op.source!r}"
                if op.op != "insert"
                else f"{op.quote!r} leaves out {op.source!r}"
                for op in flagged
            )
            + ": a changed number, name or negation",
        )
    return _unless_negated_before(
        MatchResult(
            verdict=Verdict.VERIFIED,
            score=1.0,
            tier=tier,
            evidence=_evidence(layer, start, end),
            diff=diff,
            detail=f"found ({tier.value}) in {layer.name}",
        ),
        layer,
    )


#: How far back `_negated_before` looks for the word before a passage.
_BEFORE_REACH = 40
_WORD_BEFORE = re.compile(r"(\S+)[ \t\u00a0]+\Z")


def _negated_before(text: str, start: int) -> str | None:
    """The negator right before the passage at `start`, in the same sentence: a quote that
    starts just after it ("support the plan" from "do not support the plan", "Accetteremo" from
    "Non accetteremo", "갈 계획이라고" from "안 갈 계획이라고") says the opposite of its source;
    so does one after a negation of several words ("no longer", "None of the", "has yet to"),
    returned whole.
    `None` when the word before is none, is followed by punctuation, is the "not" of "whether
    or not" or of "not only … but", or is a Korean 안 or 못 used as a noun (`_korean_noun`)."""
    if start and text[start - 1] in _CJK_NEGATOR_CHARS:
        return text[start - 1]
    opening = _OPENING_WORD.match(text, start)
    if opening is not None and opening.group().lower() in _SENTENCE_OPENERS:
        # "… governor no longer The public station set aside": a capitalised article or
        # pronoun starts a new sentence, caption or heading whose full stop the page lacks.
        return None
    m = _WORD_BEFORE.search(text, max(0, start - _BEFORE_REACH), start)
    if m is None:
        return None
    # The word itself, without an opening quotation mark or bracket ("«Non").
    word = m.group(1).lstrip("\"'“‘„«‹([「『")
    if not word or not word[-1].isalnum() and not word.endswith("'"):
        return None
    key = _normalise_cached(word, True).text
    # The words that finish a negation of more than one word ("no longer", "not yet", "None of
    # the", "Not all of the", "has yet to"): the negation is the word before them.
    tail: list[str] = []
    while key in _NEGATION_TAIL and len(tail) < _MAX_NEGATION_TAIL:
        before = _WORD_BEFORE.search(text, max(0, m.start() - _BEFORE_REACH), m.start())
        if before is None or not before.group(1)[-1:].isalnum():
            return None
        tail.insert(0, word)
        verb = _normalise_cached(before.group(1), True).text
        if [w.lower() for w in tail[:2]] == ["yet", "to"] and verb in _YET_TO_VERBS:
            return " ".join((before.group(1), *tail))  # "has yet to pay"
        m, word = before, before.group(1).lstrip("\"'“‘„«‹([「『")
        key = _normalise_cached(word, True).text
    if not tail and key in _NEGATING_PAIRS:
        # A passage that starts inside the pair, with its second word: the alignment of a
        # longer quote may take "from" for the quote's "is" ("is perfect, and …" against "is
        # far from perfect, and …") and leave "far" just before.
        second = _FIRST_WORD.match(text, start)
        if second is not None and (
            _normalise_cached(second.group(), True).text == _NEGATING_PAIRS[key]
        ):
            if _literal_pair(text, m.start(), second.end(), key):
                return None
            return f"{word} {second.group()}"
        return None
    if not tail and key in _NEGATING_PAIR_ENDS:
        # "far from" or "anything but" right before the passage ("over" from "far from over").
        first = _WORD_BEFORE.search(text, max(0, m.start() - _BEFORE_REACH), m.start())
        if first is not None:
            first_word = first.group(1).lstrip("\"'“‘„«‹([「『")
            pair = _normalise_cached(first_word, True).text
            if pair == _NEGATING_PAIR_ENDS[key] and not _literal_pair(
                text, first.start(), m.end(), pair
            ):
                return f"{first_word} {word}"
        return None
    # A Korean 안 or 못 only right before the passage: no negation of several words starts so.
    korean = not tail and key in _KOREAN_NEGATORS_BEFORE
    if not (key in NEGATORS or key.endswith("n't") or korean) or key in _VERB_OF:
        return None
    if tail and _idiomatic([key, *(_normalise_cached(w, True).text for w in tail)]):
        return None
    if korean and _korean_noun(text, start):
        return None
    if key == "not" and _NOT_ONLY_BUT.match(text, start):
        return None  # "not only higher but record-breaking"
    before = _WORD_BEFORE.search(text, max(0, m.start() - _BEFORE_REACH), m.start())
    if before is not None and _normalise_cached(before.group(1), True).text == "or":
        return None  # "whether or not the plan …"
    return " ".join((word, *tail))


#: Words that open a sentence when capitalised, never a clause a negation runs into: a passage
#: starting with one ("The", "Die", "Les") starts afresh even where no full stop divides it from
#: the text before (a caption or heading joined to the paragraph before it).
_SENTENCE_OPENERS = frozenset(
    "the a an this these those it its he she they we our their there der die das ein eine "
    "le la les un une el los las il lo gli".split()
)
_OPENING_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]*(?![\w'’])")


#: Words that finish a negation of more than one word before a quote: "no longer", "not yet",
#: "None of the", "Not all of the", "Not one of the", "Hardly any of the", "never once",
#: "Nobody in the", "has yet to".
_NEGATION_TAIL = frozenset("longer yet once of the to in any all one even ever at".split())
_MAX_NEGATION_TAIL = 3
#: Verbs that make "yet to" a negation: "has yet to pay" is has not paid.
_YET_TO_VERBS = frozenset("has have had is are was were".split())


#: A passage starting "only … but" within its sentence, after "not": no negation.
_NOT_ONLY_BUT = re.compile(r"(?i)only\b[^.!?;:\n]*?\bbut\b")
#: Endings of a Korean word that only a noun with its particle has, never a verb or adjective:
#: 에/에서/에게 (at, from, to), 의 (of), (으)로 (by, to; "-므로" is a verb's "because"), 과
#: (and), 께서, 부터, 까지. The others (을/를, 이/가, 은/는, 도, 와, 만) also end verb forms
#: (먹을, 오를, 가, 보이, 좋은, 가는, 해도, 와, 했지만), so they say nothing.
_KOREAN_NOUN_ENDING = re.compile(r"(?:에|에서|에게|에는|에도|의|(?<!므)로|과|께서|부터|까지)\Z")
_FIRST_WORD = re.compile(r"[^\s.,!?;:\"'”’)\]」』]+")


def _korean_noun(text: str, start: int) -> bool:
    """Whether the word starting the passage at `start`, after 안 or 못, is a noun with its
    particle ("건물 안 곳곳에서": inside the building; "앞 못 주변에": around the pond): then
    안 and 못 are nouns, as the negators stand before a verb or an adjective ("안 갈")."""
    word = _FIRST_WORD.match(text, start)
    return word is not None and _KOREAN_NOUN_ENDING.search(word.group()) is not None


#: Chinese negators written right before the verb they negate, with no space.
_CJK_NEGATOR_CHARS = "不没未"


def _unless_negated_before(result: MatchResult, layer: TextLayer) -> MatchResult:
    """`result` (`verified` or `approximate`), or a `mismatch` when its passage starts right
    after a negation the quote leaves out (`_negated_before`)."""
    evidence = result.evidence
    if evidence is None or result.verdict not in (Verdict.VERIFIED, Verdict.APPROXIMATE):
        return result
    negator = _negated_before(layer.text, evidence.start)
    if negator is None:
        return result
    return replace(
        result,
        verdict=Verdict.MISMATCH,
        diff=(DiffOp("insert", "", negator, True), *(result.diff or ())),
        detail=f"found in {layer.name} right after {negator!r}, which the quote leaves out: "
        "the source says the opposite",
    )


def _source_between(hay: str, source: str, to_original: ToOriginal, a: int, b: int) -> str:
    """The `source` text of `hay[a:b]`, the spaces at its ends left out: one put between Chinese
    characters (`space_cjk`) maps to the character after it, which belongs to the next piece
    ("……会降低" against "不会降低" elides "不", not "不会")."""
    while a < b and hay[a] == " ":
        a += 1
    while b > a and hay[b - 1] == " ":
        b -= 1
    if a >= b:
        return ""
    s, e = to_original(a, b)
    return source[s:e]


def _chain_diff(
    quote: _Quote, source: str, hay: str, chain: list[_Hit], to_original: ToOriginal
) -> Iterator[DiffOp]:
    """The diff of a chain: the quote's text, what its brackets replaced, what it elides; a
    bracket or an elision that changes a negation, number or name is `critical`."""

    def original(a: int, b: int) -> str:
        return _source_between(hay, source, to_original, a, b)

    for k, (segment, hit) in enumerate(zip(quote.segments, chain, strict=True)):
        if k:
            elided = original(chain[k - 1].end, hit.start).strip()
            yield DiffOp("insert", quote.ellipses[k - 1], elided, _elision_critical(elided))
        pos = hit.start
        for piece_index, bracket in enumerate(segment.brackets):
            g_start, g_end = hit.groups[piece_index]
            if segment.pieces[piece_index].strip():
                yield DiffOp(
                    "equal", segment.pieces[piece_index].strip(), original(pos, g_start).strip()
                )
            edge = _bracket_edge(segment, piece_index)
            replaced, critical = _judge_bracket(bracket, original(g_start, g_end).strip(), edge)
            if not critical and g_start < g_end:
                critical = _names_an_absent_person(
                    bracket, replaced, edge, source, *to_original(g_start, g_end)
                )
            yield DiffOp("replace" if replaced else "delete", bracket, replaced, critical)
            pos = g_end
        last_piece = segment.pieces[-1].strip() if segment.brackets else segment.raw
        if last_piece:
            yield DiffOp("equal", last_piece, original(pos, hit.end).strip())


# ---------------------------------------------------------------------------- approximate


@dataclass(frozen=True)
class _Token:
    key: str  # tolerant form, compared
    start: int  # offsets in the normalised text it was read from
    end: int
    word: str  # as written in the original
    initial: bool  # first of a sentence (or of the quote)


@dataclass(frozen=True)
class _Aligned:
    segment: int
    start: int  # span in the layer's tolerant text
    end: int
    distance: int


@dataclass
class _Op:
    tag: str
    i1: int
    i2: int
    j1: int
    j2: int
    excused: str = ""  # "bracket" or "parenthetical": an editorial change, not counted


def _tokens(norm: Normalised, original: str, lo: int = 0, hi: int | None = None) -> list[_Token]:
    """Word and punctuation tokens of `norm.text[lo:hi]`, with their original spelling."""
    text = norm.text
    hi = len(text) if hi is None else hi
    out: list[_Token] = []
    before = text[:lo].rstrip()
    prev = before[-1] if before else "."
    for m in _TOKEN.finditer(text, lo, hi):
        key = m.group()
        s, e = norm.to_original(m.start(), m.end())
        out.append(_Token(key, m.start(), m.end(), original[s:e], prev in _SENTENCE_END))
        prev = key[-1]
    return out


class _Names:
    """Decides which capitalised words are names (issue 4: a changed name is a `mismatch`).

    A capitalised word that is not sentence-initial is a name. A sentence-initial one ("Ankara
    has said…") is a name unless the word also appears in lowercase in the source or the quote,
    as "The" or "Critics" do: a swapped first word that is a name must not slip through.
    """

    def __init__(self, *texts: str) -> None:
        self.texts = texts
        self.seen: dict[str, bool] = {}

    def __call__(self, token: _Token) -> bool:
        word = token.word
        if _uncased(word):
            if word not in self.seen:
                self.seen[word] = _next_to_title(word, self.texts)
            return self.seen[word]
        if not word[:1].isupper() or token.key == "i" or token.key.startswith("i'"):
            return False
        if not token.initial:
            return True
        lower = word[0].lower() + word[1:]
        if lower not in self.seen:
            pattern = re.compile(rf"(?<!{_W})" + re.escape(lower) + rf"(?!{_W})")
            self.seen[lower] = any(pattern.search(t) for t in self.texts)
        return not self.seen[lower]


def _next_to_title(word: str, texts: tuple[str, ...]) -> bool:
    """Whether `word`, in a script without capitals, is next to a title or role in one of
    `texts` (`_UNCASED_TITLES`): a name ("代表李娜", "山田花子議員", "النائبة فاطمة الزهراني",
    "박지민 의원은"). Chinese and Japanese: within four characters; others: within two words
    before or one after."""
    key = _normalise_cached(word, True).text
    cjk = CJK_CHAR.match(key) is not None
    if cjk:
        key = key.replace(" ", "")
    for text in texts:
        folded = _normalise_cached(text, True).text
        if cjk:
            folded = folded.replace(" ", "")
        for m in re.finditer(re.escape(key), folded):
            if cjk:
                near = (
                    folded[max(0, m.start() - 4) : m.start()] + " " + folded[m.end() : m.end() + 4]
                )
                if any(title in near for title in _CJK_TITLES):
                    return True
                continue
            if len(key) < 3 or not _word_boundaries(folded, m.start(), m.end()):
                continue  # a letter or two is no name
            before = folded[max(0, m.start() - 60) : m.start()].split()[-2:]
            after = folded[m.end() : m.end() + 30].split()[:1]
            if any(_is_title(w) for w in before + after):
                return True
    return False


def _is_title(word: str) -> bool:
    """A title, role or pronoun of `_UNCASED_TITLES`, with a Hebrew or Arabic prefix, or a
    Korean one with its particle ("의원은")."""
    if "\uac00" <= word[:1] <= "\ud7a3":
        return word.startswith(_UNCASED_TITLES)
    return _lexicon_form(word, _UNCASED_TITLE_SET) is not None


def _is_number(token: _Token) -> bool:
    # Units of measure beyond the common ones above come from the fact parser's own table, so a
    # quote and a fact agree on what a unit is ("10 gigabits" misquoted from "10 megabits").
    return (
        _number_word(token) is not None
        or any(c.isnumeric() for c in token.key)
        or (len(token.key) > 2 and measure_unit(token.key) is not None)
    )


#: Words whose marks make them another language's word, though folded they spell a number word:
#: French "très" (very) is Spanish "tres" (three) without its accent. Portuguese "três" is three.
_MARKED_NOT_NUMBERS = frozenset({"très"})
_MARKED_FALSE_FRIEND_KEYS = _folded(" ".join(_MARKED_NOT_NUMBERS))


def _number_word(token: _Token) -> str | None:
    """The number word `token` is, as keyed (`_lexicon_form`; Vietnamese in its own spelling)."""
    if token.key in _MARKED_FALSE_FRIEND_KEYS and _marked(token) in _MARKED_NOT_NUMBERS:
        return None
    key = _lexicon_form(token.key, NUMBER_WORDS)
    if key is not None or _COMPOUND_NUMBER.fullmatch(token.key):
        return key or token.key
    marked = _marked(token)
    return marked if marked in _VIETNAMESE_NUMBER_WORDS else None


#: Prefixes written together with the next word: Hebrew "and", "the", "in", "to", "from",
#: "that", "as" (בשלוש is "in three"), and Arabic "the", "and", "in", "to", "so".
_HEBREW_PREFIXES = frozenset("והבלמשכ")
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")


def _lexicon_form(key: str, words: frozenset[str] | dict[str, str]) -> str | None:
    """`key` as found in `words`, with up to two Hebrew or Arabic prefixes taken off; `None`
    when it is not there."""
    if key in words:
        return key
    if not key or not ("\u05d0" <= key[0] <= "\u05ea" or "\u0621" <= key[0] <= "\u064a"):
        return None
    forms = [key]
    for _ in range(2):
        forms = [
            rest
            for form in forms
            for rest in ([form[1:]] if form[0] in _HEBREW_PREFIXES else [])
            + [form[len(p) :] for p in _ARABIC_PREFIXES if form.startswith(p)]
            if len(rest) >= 2
        ]
        for form in forms:
            if form in words:
                return form
    return None


def _is_negator(token: _Token) -> bool:
    return _negator_key(token.key) or _marked(token) in _VIETNAMESE_NEGATORS


def _negator_key(key: str) -> bool:
    """A negator by its tolerant key: `NEGATORS`, "n't" and the Korean negations."""
    return (
        key in NEGATORS
        or key.endswith("n't")
        or key in _KOREAN_NEGATORS
        or key.startswith(("않", "못하"))
    )


def _negations(tokens: list[_Token]) -> int:
    """How many negators `tokens` hold; not a prefix joined by a hyphen ("non-profit"). A
    negation of two words that holds no negator ("far from over", "anything but finished")
    counts once."""
    count = _kana_negations(tokens)
    for i, token in enumerate(tokens):
        if _is_negator(token) and not (i + 1 < len(tokens) and tokens[i + 1].key in _HYPHENS):
            count += 1
        elif token.key in _NEGATING_PAIRS and _negating_pair_at([t.key for t in tokens], i):
            count += 1
    return count


#: Negations of two words without a negator, by their first word: "far from over" and
#: "anything but finished" say "not over", "not finished", so a quote that drops them reverses
#: its source as one that drops "not" does. ("By no means" and "nowhere near" hold a negator.)
_NEGATING_PAIRS = {"far": "from", "anything": "but"}
_NEGATING_PAIR_ENDS = {second: first for first, second in _NEGATING_PAIRS.items()}
#: "far from" in its literal sense: a place or a point after it ("far from the coast", "far from
#: home", "far from 2020"), or a word before it that makes it a distance ("not far from", "so far
#: from", "how far from"). Only "far from perfect", "far from being" and the like negate.
_FAR_FROM_LITERAL_AFTER = frozenset(
    "the a an this that these those his her its their our my your home here there it them him "
    "me us where any each every all some many most both one".split()
)
_FAR_FROM_LITERAL_BEFORE = frozenset("not so as too how very that this".split())


def _negating_pair_at(keys: list[str], i: int) -> bool:
    """Whether a negating pair starts at `keys[i]` ("far from over", not "far from home")."""
    second = _NEGATING_PAIRS.get(keys[i])
    return (
        second is not None
        and i + 1 < len(keys)
        and keys[i + 1] == second
        and not _literal_keys(keys, i)
    )


def _literal_keys(keys: list[str], i: int) -> bool:
    """Whether the pair starting at `keys[i]` ("far", "from") is meant literally."""
    if keys[i] != "far":
        return False
    before = keys[i - 1] if i > 0 else None
    after = keys[i + 2] if i + 2 < len(keys) else None
    return _literal_far_from(before, after)


def _literal_far_from(before: str | None, after: str | None) -> bool:
    if before in _FAR_FROM_LITERAL_BEFORE:
        return True
    return after is not None and (after in _FAR_FROM_LITERAL_AFTER or after[:1].isdigit())


def _literal_pair(text: str, first_start: int, second_end: int, first: str) -> bool:
    """Whether the pair of words from `first_start` to `second_end` of `text` ("far from") is
    meant literally (`_literal_far_from`), by the words on either side of it."""
    if first != "far":
        return False
    before = _WORD_BEFORE.search(text, max(0, first_start - _BEFORE_REACH), first_start)
    after = _FIRST_WORD.match(text, second_end) or _FIRST_WORD.search(
        text, second_end, second_end + _BEFORE_REACH
    )
    return _literal_far_from(
        _normalise_cached(before.group(1), True).text if before is not None else None,
        _normalise_cached(after.group(), True).text if after is not None else None,
    )


def _katakana(tokens: list[_Token]) -> Counter[str]:
    """The katakana among `tokens` (one character a token), but the prolonged-sound mark and
    the middle dot, which writers add or leave out."""
    return Counter(t.key for t in tokens if "\u30a1" <= t.key[0] <= "\u30fa" and len(t.key) == 1)


def _kana_negations(tokens: list[_Token]) -> int:
    """Japanese negations among `tokens` written in kana, one character a token."""
    if not tokens or not any("\u3040" <= t.key[0] <= "\u30ff" for t in tokens):
        return 0
    return len(_KANA_NEGATION.findall("".join(t.key for t in tokens)))


def _number_keys(tokens: list[_Token], turkish: bool) -> tuple[Counter[str], Counter[str]]:
    """The numbers among `tokens` by value, and which of them are bare digits.

    A number word and a rank are keyed by their value ("5", "5." for a rank), so "five",
    "cinq" and "5" are one number, and "fifth", "5th", "cinquième" and "fünfte" one rank;
    other number words (magnitudes, units) by their spelling."""
    keys: Counter[str] = Counter()
    digits: Counter[str] = Counter()
    for t in _cjk_numbers(_hangul_counted(tokens)):
        if not (_is_number(t) or (turkish and t.key in _TURKISH_NUMBER_WORDS)):
            continue
        key = (_number_word(t) or t.key).replace(",", "")
        if (value := _hangul_value(key)) is not None:
            key = value
        if key in _CARDINAL_WORDS:
            key = str(_CARDINAL_WORDS[key])
        elif key in _ORDINAL_WORDS:
            key = f"{_ORDINAL_WORDS[key]}."
        elif (rank := _DIGIT_ORDINAL.fullmatch(key)) is not None:
            key = f"{int(rank.group(1))}."
        elif key.isascii() and key.isdigit():
            # ASCII digits only: "10⁶" is a digit string to `str.isdigit` but no `int` (a
            # power of ten, compared by value in `_same_figures`), and keyed as written.
            key = str(int(key))
            digits[key] += 1
        keys[key] += 1
    return keys, digits


#: A Korean unit or counter written after a figure, as the word that follows it starts.
_HANGUL_UNIT_WORD = re.compile(
    "(?:" + "|".join(u for u in _HANGUL_UNITS if "\uac00" <= u[0] <= "\ud7a3") + ")"
)


def _hangul_counted(tokens: list[_Token]) -> list[_Token]:
    """`tokens` with a figure and the Korean counter or unit spaced from it made one token:
    "30 명을" as "30명을", so that it reads as the "30명" of a source that writes it run
    together (and "30 개를" still differs from it)."""
    out: list[_Token] = []
    for token in tokens:
        last = out[-1] if out else None
        if (
            last is not None
            and token.start - last.end <= 1
            and _HANGUL_UNIT_WORD.match(token.key)
            and (figure := _HANGUL_FIGURE.fullmatch(last.key)) is not None
            and not figure.group(3)
        ):
            out[-1] = _Token(last.key + token.key, last.start, token.end, last.word, last.initial)
            continue
        out.append(token)
    return out


def _cjk_numbers(tokens: list[_Token]) -> list[_Token]:
    """`tokens` with each run of Chinese or Japanese numerals and digits (one token each, see
    `space_cjk`) made one token keyed by its value: "75万8000" and "75万8千" are 758000."""
    if not any(t.key in _CJK_NUMERALS for t in tokens):
        return tokens
    out: list[_Token] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and (
            tokens[j].key in _CJK_NUMERALS or _DECIMAL.fullmatch(tokens[j].key)
        ):
            j += 1
        run = tokens[i:j]
        if any(t.key in _CJK_NUMERALS for t in run):
            value = _cjk_value([t.key for t in run])
            if value is not None:
                first, last = run[0], run[-1]
                out.append(_Token(value, first.start, last.end, value, first.initial))
                i = j
                continue
        out.append(tokens[i])
        i += 1
    return out


_DECIMAL = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


def _cjk_value(keys: list[str]) -> str | None:
    """The value of a number written with digits and Chinese or Japanese numerals."""
    total = section = Decimal(0)
    digits: Decimal | None = None
    for key in keys:
        unit = _CJK_NUMERALS.get(key)
        if unit is None or unit < 10:
            if digits is not None:
                return None  # two numbers in a row
            digits = Decimal(unit) if unit is not None else Decimal(key.replace(",", ""))
        elif unit < 10**4:
            section += (digits if digits is not None else Decimal(1)) * unit
            digits = None
        else:
            section += digits or 0
            total += (section or Decimal(1)) * unit
            section, digits = Decimal(0), None
    return f"{(total + section + (digits or 0)).normalize():f}"


_HANGUL_FIGURE = re.compile(r"([0-9]+(?:[.,][0-9]+)*)((?:[십백천만억조])*)(.*)")


def _hangul_value(key: str) -> str | None:
    """The value of a Korean figure ("3천억" and "3000억" are 300000000000), with a unit of its
    own kept ("3년"); `None` when `key` is none."""
    m = _HANGUL_FIGURE.fullmatch(key)
    if m is None or not m.group(2) and not m.group(3)[:1] >= "\uac00":
        return None
    value = Decimal(m.group(1).replace(",", ""))
    section = Decimal(0)
    total = Decimal(0)
    for ch in m.group(2):
        scale = _HANGUL_NUMERALS[ch]
        if scale < 10**4:
            section += value * scale
            value = Decimal(0)
        else:
            total += (section + value) * scale
            section = value = Decimal(0)
    rest = m.group(3)
    unit = next((u for u in _HANGUL_UNITS if rest.startswith(u)), "")
    return f"{(total + section + value).normalize():f}{unit}"


def _same_numbers(quote_side: list[_Token], source_side: list[_Token], turkish: bool) -> bool:
    """Whether both sides hold the same numbers by value (`_number_keys`). A bare digit may
    stand for a rank, as German writes one ("jeder 5. Zug": "jeder fünfte Zug")."""
    q, q_digits = _number_keys(quote_side, turkish)
    s, s_digits = _number_keys(source_side, turkish)
    if q == s:
        return True
    q_only, s_only = q - s, s - q
    for only, digits, other in ((q_only, q_digits, s_only), (s_only, s_digits, q_only)):
        for key, n in list(only.items()):
            paired = min(n, digits[key], other[key + "."])
            only[key] -= paired
            other[key + "."] -= paired
    return not +q_only and not +s_only


def _critical(
    quote_side: list[_Token],
    source_side: list[_Token],
    is_name: Callable[[_Token], bool],
    turkish: bool = False,
) -> bool:
    """Does this change touch a number, a negation or a name (issue 4, Deliver 3)?

    A negation is also a word swapped for its opposite (`_opposite`): "rose" for "fell",
    "likely" for "unlikely", Turkish "artıracağız" for "artırmayacağız" (with `turkish`).
    """

    if not _same_numbers(quote_side, source_side, turkish):
        return True
    if _negations(quote_side) != _negations(source_side):
        return True
    if _katakana(quote_side) != _katakana(source_side):
        return True  # Japanese writes foreign names in katakana: ゴーン is not コーン
    # Vietnamese in its own spelling ("tăng"/"giảm"; folded, "năm" would also be "nam").
    q_marked = {_marked(t) for t in quote_side} - {_marked(t) for t in source_side}
    s_marked = {_marked(t) for t in source_side} - {_marked(t) for t in quote_side}
    if any(_opposite_marked(a, b) for a in q_marked for b in s_marked):
        return True
    q_keys = {t.key for t in quote_side}
    s_keys = {t.key for t in source_side}
    q_joined, s_joined = set(_joined_keys(quote_side)), set(_joined_keys(source_side))
    q_only = [k for k in q_joined - s_joined if k[0].isalpha()]
    s_only = [k for k in s_joined - q_joined if k[0].isalpha()]
    if any(_opposite(a, b, turkish) for a in q_only for b in s_only):
        return True
    if _meaning_changed(q_joined, s_joined):
        return True
    # A name spelt with other marks is another name (Vietnamese "Hưng" is not "Hùng"); one
    # written with or without the dots of an abbreviation is the same ("US" for "U.S.").
    q_keys = {_undotted(k) for k in q_keys}
    s_keys = {_undotted(k) for k in s_keys}
    return any(
        is_name(t)
        and (
            _undotted(t.key) not in s_keys
            or all(
                _mark_change(t.word, u.word)
                for u in source_side
                if _undotted(u.key) == _undotted(t.key)
            )
        )
        for t in quote_side
    ) or any(
        is_name(u)
        and (
            _undotted(u.key) not in q_keys
            or all(
                _mark_change(t.word, u.word)
                for t in quote_side
                if _undotted(t.key) == _undotted(u.key)
            )
        )
        for u in source_side
    )


def _undotted(key: str) -> str:
    """An abbreviation's key without its dots ("u.s" as "us"); other keys as they are."""
    return key.replace(".", "") if "." in key and key[:1].isalpha() else key


def _meaning_classes(table: str) -> dict[str, tuple[str, str]]:
    """`table`'s lines, "class meaning: words…", as each word's (class, meaning), the words as
    the tolerant tier spells them."""
    classes: dict[str, tuple[str, str]] = {}
    for line in table.strip().splitlines():
        head, words = line.split(":")
        kind, meaning = head.split()
        for key in _folded(words):
            classes.setdefault(key, (kind, meaning))
    return classes


#: Words whose class says how sure, how many, how often, how much, on what condition, who and
#: by whose account a statement is: swapping one for a word of the same class with another
#: meaning ("may" for "will", "some" for "all", "confirmed" for "denied", "if" for "unless",
#: "he" for "she") changes the statement as much as a changed figure. English first, then the
#: strongest classes in French, German and Spanish. Words with other uses are left out ("si" is
#: also Spanish "yes", "où" folds to "ou", German "werden" is also the passive).
_MEANING = _meaning_classes("""
    modal possible: may might could can pourrait pourraient peut peuvent pourra könnte könnten kann können dürfte podría podrían puede pueden podrá
    modal will: will shall va vont sera seront ira wird werde wirst
    modal would: would
    modal must: must doit doivent muss müssen debe deben
    modal should: should ought devrait devraient sollte sollten sollen debería deberían
    hedge unsure: possibly probably likely perhaps maybe allegedly reportedly apparently presumably supposedly seemingly possiblement probablement vraisemblablement vielleicht wahrscheinlich möglicherweise vermutlich angeblich quizás quizá posiblemente probablemente presuntamente supuestamente
    hedge sure: certainly definitely surely undoubtedly certainement sûrement sicherlich zweifellos seguramente ciertamente indudablemente
    quantity all: all every each entire tous toutes alle jeder jede jedes sämtliche todos todas cada
    quantity most: most plupart meisten mayoría
    quantity some: some several certains certaines plusieurs einige manche mehrere algunos algunas varios varias
    quantity many: many numerous beaucoup nombreux nombreuses viele zahlreiche muchos muchas numerosos numerosas
    quantity few: few peu wenige pocos pocas
    quantity both: both deux beide ambos ambas
    frequency always: always constantly invariably toujours immer siempre
    frequency usually: usually normally generally typically habituellement généralement normalement gewöhnlich normalerweise meist generalmente normalmente
    frequency often: often frequently regularly repeatedly souvent fréquemment oft häufig frecuentemente
    frequency sometimes: sometimes occasionally parfois manchmal gelegentlich ocasionalmente
    frequency rarely: rarely seldom rarement selten raramente
    report say: say says said stated states told tells added adds noted notes explained explains dit déclaré sagte sagt erklärte dijo dice declaró
    report confirm: confirm confirms confirmed confirmé confirme bestätigte bestätigt bestätigen confirmó confirma
    report deny: deny denies denied démenti dément démentent nié nie bestritt bestreitet dementierte negó niega negaron desmintió
    report admit: admit admits admitted acknowledge acknowledges acknowledged concede concedes conceded reconnu avoué admitió reconoció
    report claim: claim claims claimed allege alleges alleged suggest suggests suggested assert asserts asserted prétend prétendu affirmé behauptete behauptet afirmó aseguró
    report prove: prove proves proved proven show shows showed shown demonstrate demonstrates demonstrated establish establishes established find finds found prouvé démontré bewies bewiesen zeigte belegt demostró probó
    report doubt: doubt doubts doubted question questions questioned
    plan plan: considering considers considered planning plans planned proposing proposes proposed intending intends intended weighing mulling exploring envisage envisagé erwägt plant considera planea
    intensity low: slightly marginally modestly somewhat moderately little slight modest marginal légèrement leicht etwas ligeramente levemente
    intensity high: sharply dramatically significantly substantially hugely extremely greatly steeply considerably vastly lot huge massive dramatic sharp steep substantial enormous fortement stark deutlich erheblich fuertemente drásticamente considerablemente
    condition if: if provided providing
    condition unless: unless sauf
    condition until: until till jusqu bis hasta
    condition when: when whenever once quand cuando
    connective and: and
    connective or: or
    only only: only solely merely exclusively seulement uniquement nur
    person he: he him his himself
    person she: she her hers herself
    person i: i me my mine myself
    person we: we us our ours ourselves
    person you: you your yours yourself yourselves
    person they: they them their theirs themselves
""")
#: Classes where a word added or left out changes the statement too: a hedge, a modal or a plan
#: dropped turns a possibility or an intention into a fact ("was likely caused", "will build",
#: "is considering"), "only" dropped widens it, "slightly" dropped strengthens it.
_PRESENCE_CLASSES = frozenset({"hedge", "modal", "plan", "only", "intensity"})
#: Words of those classes whose presence alone says too little: "little" ("a little boy"),
#: "lot" ("a parking lot"), and the modals of other languages, which are also ordinary verbs.
_PRESENCE_EXCEPT = _folded(
    "little lot slight modest marginal huge massive dramatic sharp steep substantial enormous "
    "va vont sera seront ira wird werde wirst peut peuvent kann können puede pueden debe deben "
    "doit doivent muss müssen plan plans planned sollen"
)
#: The verbs inside contractions: "we'll" has a "will", "she'd" a "would" or a "had" (negated
#: forms, "couldn't", are `_meaning_keys`' own).
_CONTRACTED = {"'ll": ("will",), "'d": ("would", "had")}


def _meaning_keys(keys: Collection[str]) -> set[str]:
    """`keys` with the modal inside each contraction or negated form added ("we'll": "will",
    "won't": "will", "couldn't": "could")."""
    out = set(keys)
    for key in keys:
        if key in _VERB_OF:
            out.add(_VERB_OF[key])
        elif key.endswith("n't"):
            out.add(key[:-3])
        for ending, verbs in _CONTRACTED.items():
            if key.endswith(ending):
                out.update(verbs)
    return out


def _meaning_changed(
    q_keys: Collection[str], s_keys: Collection[str], bracket: bool = False
) -> bool:
    """Whether a change swaps a word for one of the same class with another meaning, or adds
    or leaves out a word of a class whose presence counts (`_MEANING`, `_PRESENCE_CLASSES`):
    "will" for "may", "all" for "some", "denied" for "confirmed", "unless" for "if", "she" for
    "he"; "likely", "only" or "slightly" left out. Words on both sides are no change; nor is a
    word of the same meaning ("every" for "each", "told" for "said").

    With `bracket`, only swaps count, and of pronouns only he for she: "[he]" for "I" turns a
    speaker's words into reported speech, and a bracket may add what the source implies."""
    q_all, s_all = _meaning_keys(q_keys), _meaning_keys(s_keys)
    q_new, s_new = q_all - s_all, s_all - q_all
    q_only = {_MEANING[k] for k in q_new if k in _MEANING}
    s_only = {_MEANING[k] for k in s_new if k in _MEANING}
    for kind, meaning in q_only:
        if bracket and kind == "person" and meaning not in _GENDERED:
            continue
        if any(
            k == kind and m != meaning and not (bracket and m not in _GENDERED and k == "person")
            for k, m in s_only
        ):
            return True
    # A word added or left out counts in a change of a word or two ("will build" for "built"),
    # not at the edge of a passage where other words stand for it ("would be shared" for "—
    # estimated").
    q_rest = [k for k in q_all - _AUXILIARIES if k not in _MEANING]
    s_rest = [k for k in s_all - _AUXILIARIES if k not in _MEANING]
    if (
        not bracket
        and len(q_rest) <= 1
        and len(s_rest) <= 1
        and all(k[:1].isalpha() for k in q_rest + s_rest)
    ):
        presence = {
            _MEANING[k][0]
            for k in q_new | s_new
            if k in _MEANING and k not in _PRESENCE_EXCEPT and _MEANING[k][0] in _PRESENCE_CLASSES
        }
        for kind in presence:
            q_kinds = {m for k, m in q_only if k == kind}
            s_kinds = {m for k, m in s_only if k == kind}
            if q_kinds != s_kinds:
                return True
    return _plural_for_one(q_new, s_new) or _plural_for_one(s_new, q_new)


#: Auxiliaries, which go with the word a change is about: "has built" for "will build".
_AUXILIARIES = frozenset("has have had is are was were be been being do does did".split())
#: The pronouns a bracket may not swap: "[she]" for "he".
_GENDERED = frozenset({"he", "she"})
#: Plurals not made with -s or -es.
_IRREGULAR_PLURALS = {
    "child": "children", "man": "men", "woman": "women", "person": "people",
    "mouse": "mice", "tooth": "teeth", "goose": "geese",
}  # fmt: skip
_ONE = frozenset({"a", "an", "one"})


def _plural_for_one(one_side: set[str], other_side: set[str]) -> bool:
    """Whether `one_side` (the words only one side of a change has) says "a" thing where
    `other_side` has its plural: "children" for "a child", "shots" for "a shot"."""
    for word in one_side - _ONE:
        if _IRREGULAR_PLURALS.get(word) in other_side:
            return True  # "children" for "child" needs no "a" to tell
        if len(word) < 3 or not word.isalpha() or not one_side & _ONE:
            continue
        if {word + "s", word + "es"} & other_side:
            return True
    return False


#: Accent marks that writers add or leave out without making another word: the dot of the
#: Turkish capital İ.
_OPTIONAL_MARKS = frozenset("\u0307")


@lru_cache(maxsize=8192)
def _mark_change(quote_word: str, source_word: str) -> bool:
    """Whether a quote's word spells the source's word (the same in the tolerant tier) with other
    accents: Vietnamese "Hưng" for "Hùng", "pôbre" for "pobre". Accents left out of the quote
    ("Lucia" for "Lucía", Polish without its diacritics) and Vietnamese tone marks placed on
    another vowel ("hoà", "hòa") are spellings of the same word."""
    q, s = _decomposed(quote_word), _decomposed(source_word)
    if q == s:
        return False
    q_marks = sorted(c for c in q if _GENERIC_MARK.match(c))
    s_marks = sorted(c for c in s if _GENERIC_MARK.match(c))
    return bool(q_marks) and q_marks != s_marks


_GENERIC_MARK = re.compile("[\u0300-\u036f]")


def _decomposed(word: str) -> list[str]:
    """`word` case-folded, as its letters and marks (NFD), the `_OPTIONAL_MARKS` left out."""
    return [c for c in unicodedata.normalize("NFD", word.casefold()) if c not in _OPTIONAL_MARKS]


#: Words that say the opposite of each other, as the tolerant tier spells them: swapping one
#: for the other reverses the statement as surely as a "not" ("prices rose" for "prices fell").
#: Directions, outcomes and time references; antonyms made with a prefix are `_opposite`'s.
_OPPOSITES = frozenset(
    frozenset(pair.split("/"))
    for pair in """
    rise/fall rises/falls rose/fell risen/fallen rising/falling
    increase/decrease increases/decreases increased/decreased increasing/decreasing
    up/down higher/lower more/less more/fewer most/least above/below over/under
    before/after highest/lowest largest/smallest biggest/smallest best/worst
    maximum/minimum majority/minority gain/loss gains/losses gained/lost win/lose wins/loses
    won/lost approve/reject approves/rejects approved/rejected approval/rejection
    accept/reject accepts/rejects accepted/rejected support/oppose supports/opposes
    supported/opposed allow/ban allowed/banned import/export imports/exports imported/exported
    surplus/deficit profit/loss profits/losses buy/sell bought/sold buyer/seller
    open/closed opened/closed public/private true/false success/failure succeeded/failed
    guilty/innocent proud/ashamed this/last last/next this/next yesterday/today today/tomorrow
    for/against pro/anti
    worsen/ease worsens/eases worsened/eased worsening/easing better/worse improved/worsened
    calm/tense back/forward backward/forward backwards/forwards
    light/heavy lighter/heavier lightest/heaviest slow/fast slow/quick slower/faster
    slower/quicker slowest/fastest slowest/quickest early/late earlier/later earliest/latest
    strong/weak stronger/weaker strongest/weakest cheap/expensive cheap/costly cheaper/dearer
    cheaper/costlier safe/unsafe safe/dangerous large/small larger/smaller long/short
    longer/shorter longest/shortest
    begin/end began/ended start/stop started/stopped expand/shrink expanded/shrank
    expanded/shrunk grow/shrink grew/shrank raise/cut raised/cut surplus/shortage
    north/south east/west northern/southern eastern/western northeast/southwest
    northwest/southeast north-east/south-west north-west/south-east northbound/southbound
    eastbound/westbound inbound/outbound upstream/downstream upper/lower
    morning/evening morning/afternoon afternoon/evening morning/night day/night
    daytime/nighttime dawn/dusk sunrise/sunset
    men/women man/woman male/female males/females boys/girls boy/girl
    domestic/foreign internal/external indoor/outdoor indoors/outdoors
    brother/sister brothers/sisters son/daughter sons/daughters father/mother fathers/mothers
    husband/wife husbands/wives uncle/aunt nephew/niece grandson/granddaughter
    grandfather/grandmother king/queen younger/older youngest/oldest young/old
    fail/manage fails/manages failed/managed
    steigen/sinken stieg/sank gestiegen/gesunken erhöht/gesenkt hausse/baisse
    """.split()
)
_OPPOSITES |= _MORE_OPPOSITES
#: Prefixes that negate the word they are put before ("unlikely", "impossible", "disagree").
_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")
#: Words that start like a negation of another word and are none: "invaluable" is very
#: valuable, "unravel" is to ravel, "discover" is no uncovering of "cover".
_NOT_NEGATED = frozenset(
    "invaluable inflammable inhabitable unravel unloose unthaw improve impress imprint "
    "inform install instead insight discover discount disclose distract dispatch dispose "
    "display dismiss distance disease".split()
)
#: Letters that mark a text as Turkish for `_opposite`'s verb negation (ç, ö and ü are left out:
#: German and French have them too).
_TURKISH_LETTERS = frozenset("ğışĞİŞ")
#: The vowels of the negative suffix (-ma, -me, -mı, -mi, -mu, -mü) as the tolerant tier folds
#: them.
_TURKISH_VOWELS = "aeiu"
_FOLDED_VOWELS = frozenset("aeiou")


#: Units of time, singular and plural alike: "ten months" misquoted from "ten years", or "a
#: century" from "a decade", changes a figure as much as "400 feet" from "400 metres" does.
_TIME_UNITS = {
    word: unit
    for unit in "second minute hour day week fortnight month year decade century".split()
    for word in (unit, "centuries" if unit == "century" else unit + "s")
} | {
    # French and German, as the tolerant tier folds them ("année" → "annee"); French "an" is
    # left out (the English article).
    word: unit
    for unit, words in {
        "second": "seconde secondes sekunde sekunden",
        "minute": "minuten",
        "hour": "heure heures stunde stunden",
        "day": "jour jours tag tage tagen",
        "week": "semaine semaines woche wochen",
        "month": "mois monat monate monaten",
        "year": "ans annee annees jahr jahre jahren",
        "decade": "decennie decennies jahrzehnt jahrzehnte",
        "century": "siecle siecles jahrhundert jahrhunderte",
    }.items()
    for word in words.split()
}
_TIME_UNITS |= _MORE_TIME_UNITS
#: Turkish units of time, counted only in a Turkish text ("ay" and "gün" are English words too).
_TURKISH_TIME_UNITS = {
    "saniye": "second", "dakika": "minute", "saat": "hour", "gun": "day", "hafta": "week",
    "ay": "month", "yil": "year",
}  # fmt: skip


#: Words that make a unit of time one of it ("a decade", "ein Jahr", "bir yıl"; French "un an"
#: is left out with "an"), and, before an English singular, "the past decade", "every year" (not
#: "last year": a point in time, not a length).
_ONE_OF = frozenset("a an one une ein eine einen einem einer bir".split())
_ONE_OF_SINGULAR = frozenset("past per each every".split())


def _durations(text: str, turkish: bool) -> list[tuple[int, int, str]]:
    """The figures written in `text` as `(start, end, value)`, in order, a length of time
    stated in one scale: "14 days" and "two weeks", "a decade" and "ten years" have one value.
    A unit of time without an amount ("for years") is no figure; other figures keep their
    `Quantity.canonical` value."""
    figures = find_figures(text)
    units = {**_TIME_UNITS, **_TURKISH_TIME_UNITS} if turkish else _TIME_UNITS
    items: list[tuple[int, int, str]] = []
    used: set[int] = set()
    previous: re.Match[str] | None = None
    for word in _WORD.finditer(text):
        key = _normalise_cached(word.group(), True).text
        unit = units.get(key)
        before, previous = previous, word
        if unit is None:
            continue
        amount: Decimal | None = None
        start = word.start()
        for i, figure in enumerate(figures):
            if (
                figure.end <= word.start()
                and not text[figure.end : word.start()].strip(" -\u00a0")
                and figure.quantity.kind in ("count", "number")
            ):
                amount, start = figure.quantity.value, figure.start
                used.add(i)
        if amount is None and before is not None and not text[before.end() : start].strip():
            one = _normalise_cached(before.group(), True).text
            if one in _ONE_OF or (one in _ONE_OF_SINGULAR and key == unit):
                amount, start = Decimal(1), before.start()
        if amount is None:
            continue
        scale, length = TIME_UNITS[unit]
        items.append((start, word.end(), f"time:{scale}:{(amount * length).normalize():f}"))
    items += [
        (f.start, f.end, f.quantity.canonical()) for i, f in enumerate(figures) if i not in used
    ]
    return sorted(items)


def _compare_durations(a: str, b: str, turkish: bool) -> bool | None:
    """Whether `a` and `b` state the same figures when both state a length of time: `True`
    for "[14 days]" and "two weeks", `False` for "[a century]" and "a decade"; `None` when one
    of them states none."""
    a_values = [value for _, _, value in _durations(a, turkish)]
    b_values = [value for _, _, value in _durations(b, turkish)]
    if not any(v.startswith("time:") for v in a_values) or not any(
        v.startswith("time:") for v in b_values
    ):
        return None
    return a_values == b_values


def _opposite_marked(a: str, b: str) -> bool:
    """`_opposite` for Vietnamese words in their own spelling (`_marked`)."""
    if frozenset((a, b)) in _VIETNAMESE_OPPOSITES:
        return True
    units = _VIETNAMESE_TIME_UNITS
    return a in units and b in units and units[a] != units[b]


def _opposite(a: str, b: str, turkish: bool, time_units: bool = True) -> bool:
    """Whether `a` and `b` (tolerant keys) say opposite things, or (with `time_units`) name
    other units of time."""
    if frozenset((a, b)) in _OPPOSITES:
        return True
    units = {**_TIME_UNITS, **_TURKISH_TIME_UNITS} if turkish else _TIME_UNITS
    if time_units:
        unit_a, unit_b = _lexicon_form(a, units), _lexicon_form(b, units)
        if unit_a is not None and unit_b is not None and units[unit_a] != units[unit_b]:
            return True
    short, long_ = sorted((a, b), key=len)
    if (
        len(short) >= 4
        and any(long_ == p + short for p in _NEGATING_PREFIXES)
        and long_ not in _NOT_NEGATED
        and not (long_.startswith(("in", "im")) and len(short) < 5)  # "come"/"income"
    ):
        return True
    if len(short) >= 4 and any(long_ == p + short for p in _SLAVIC_NEGATING_PREFIXES):
        return True  # Polish "nierealny", Russian "несвоевременный"
    for x, y in (("over", "under"), ("under", "over")):
        if a.startswith(x) and b == y + a[len(x) :] and len(a) - len(x) >= 3:
            return True
    return turkish and _turkish_negation(short, long_)


def _turkish_negation(short: str, long_: str) -> bool:
    """Whether `long_` is the verb `short` with Turkish negation (-ma-/-me-) put in after its
    stem: "yaptı"/"yapmadı", "biliyor"/"bilmiyor", "artıracağız"/"artırmayacağız",
    "görmüş"/"görmemiş". The stem is at least three letters; it ends where the two words part,
    or one letter earlier when the word goes on with an "m" of its own ("görm-üş")."""
    if len(short) < 4:
        return False
    common = len(os.path.commonprefix((short, long_)))
    return any(_negated_at(short, long_, stem) for stem in range(common, max(2, common - 2), -1))


def _negated_at(short: str, long_: str, stem: int) -> bool:
    """`_turkish_negation` for the suffix starting at `stem`."""
    if stem < 3 or not long_.startswith("m", stem):
        return False
    vowel = long_[stem + 1 : stem + 2]
    # -ma/-me; its vowel is only narrowed before -yor ("bilmiyor"): "başlatmıştık" is the
    # past perfect of "başlattık", not its negation.
    if not (
        vowel in ("a", "e") or (vowel in _TURKISH_VOWELS and long_.startswith("yor", stem + 2))
    ):
        return False
    after = short[stem:]
    # What follows the suffix: the short word's ending with a buffer "y" or a softened
    # consonant (one letter apart, its last letter kept or a vowel that follows the suffix's:
    # "okudu"/"okumadı"), or with every vowel changed by vowel harmony but the same consonants
    # ("yürütüldüğünü"/"yürütülmediğini").
    for rest in (long_[stem + 1 :], long_[stem + 2 :]):
        if not rest:
            continue
        if Levenshtein.distance(after, rest) <= 1 and (
            after[-1:] == rest[-1:] or {after[-1:], rest[-1:]} <= _FOLDED_VOWELS
        ):
            return True
        if len(rest) >= 4 and _consonants(after) == _consonants(rest):
            return True
    return False


def _consonants(word: str) -> str:
    return "".join(c for c in word if c not in _FOLDED_VOWELS)


def _looks_turkish(*texts: str) -> bool:
    return any(not _TURKISH_LETTERS.isdisjoint(t) for t in texts)


def _plain_tokens(text: str) -> list[_Token]:
    return _tokens(_normalise_cached(text, True), text)


def _figure_values(text: str) -> tuple[str, ...]:
    """The values of the figures written in `text`, in order ("$150bn" and "US$150 billion"
    alike)."""
    return tuple(f.quantity.canonical() for f in find_figures(text))


def _same_figures(
    q_tokens: list[_Token],
    query: Normalised,
    quote: str,
    s_tokens: list[_Token],
    tol: Normalised,
    source: str,
    lo: int,
    hi: int,
) -> tuple[frozenset[int], frozenset[int]]:
    """The tokens that belong to a figure, on each side, when the quote (`quote`, read into
    `q_tokens` through `query`) and the passage (`source[lo:hi]`, read into `s_tokens` through
    `tol`) state the same figures in the same order; none when they do not."""
    q_figures = find_figures(quote)
    # A figure the passage cuts through counts whole ("4.7 billion" of "4.7 billion euros").
    wide = max(0, lo - _FIGURE_REACH)
    s_figures = [
        f
        for f in find_figures(source[wide : hi + _FIGURE_REACH])
        if wide + f.end > lo and wide + f.start < hi
    ]
    values = [f.quantity.canonical() for f in q_figures]
    q_spans = [(f.start, f.end) for f in q_figures]
    s_spans = [(wide + f.start, wide + f.end) for f in s_figures]
    if not values or values != [f.quantity.canonical() for f in s_figures]:
        # A length of time written another way: "two weeks" for "14 days", "a decade" for
        # "ten years".
        turkish = _looks_turkish(quote, source[lo:hi])
        q_items = _durations(quote, turkish)
        s_items = [
            (wide + a, wide + b, value)
            for a, b, value in _durations(source[wide : hi + _FIGURE_REACH], turkish)
            if wide + b > lo and wide + a < hi
        ]
        q_values = [value for _, _, value in q_items]
        if not any(v.startswith("time:") for v in q_values) or q_values != [
            value for _, _, value in s_items
        ]:
            return frozenset(), frozenset()
        q_spans = [(a, b) for a, b, _ in q_items]
        s_spans = [(a, b) for a, b, _ in s_items]

    q_original = [query.to_original(t.start, t.end) for t in q_tokens]
    s_original = [tol.to_original(t.start, t.end) for t in s_tokens]
    # A figure a token runs into or out of (Korean writes "3천억원을" and "3천억 원을": the
    # particle is glued to the figure or to its currency) is left to `_critical`, which reads
    # the tokens themselves by value, on both sides: skipped on one side only, its figure
    # would be a number the other side lacks.
    cut = {
        k
        for spans, tokens in ((q_spans, q_original), (s_spans, s_original))
        for k, (a, b) in enumerate(spans)
        if any(s < b and e > a and not (a <= s and e <= b) for s, e in tokens)
    }

    def inside(tokens: list[tuple[int, int]], spans: list[tuple[int, int]]) -> frozenset[int]:
        kept = [span for k, span in enumerate(spans) if k not in cut]
        return frozenset(
            i for i, (s, e) in enumerate(tokens) if any(a <= s and e <= b for a, b in kept)
        )

    return inside(q_original, q_spans), inside(s_original, s_spans)


#: Characters read on each side of a passage for a figure its edge cuts through.
_FIGURE_REACH = 24


def _bracket_critical(bracket: str, replaced: str) -> bool:
    """Does a `[bracketed insertion]` change a negation, number or name of what it replaces?

    A bracket is an editor's change and may stand for anything short ("[the minister]" for
    "he", "[in 2019]" for "then"), but not say the opposite: "[not]" where the source has
    nothing, "[always]" for "never", "[rose]" for "fell" (`_opposite`), "[twenty]" for "ten",
    "[million]" for "billion", "[a century]" for "a decade", or another name for a name
    ("[Bianchi]" for "Marco Rossi"). A bracket that only adds or leaves out a figure or a name,
    puts other words for a figure ("[a decade]" for "ten years", "[14 days]" for "two weeks")
    or names the person a pronoun or title stands for ("[Rossi]" for "he", "[Jane] Doe" for "Ms
    Doe") is a clarification.
    """
    inner = bracket.strip()[1:-1]
    q, s = _plain_tokens(inner), _plain_tokens(replaced)
    if sum(map(_is_negator, q)) != sum(map(_is_negator, s)):
        return True
    q_numbers, _ = _number_keys(q, False)
    s_numbers, _ = _number_keys(s, False)
    q_values, s_values = _figure_values(inner), _figure_values(replaced)
    turkish = _looks_turkish(inner, replaced)
    # "[14 days]" for "two weeks" and "[a decade]" for "ten years" state the same figure;
    # "[a century]" for "a decade" and "[a decade]" for "eight years" do not.
    durations = _compare_durations(inner, replaced, turkish)
    if durations is False:
        return True
    same_duration = durations is True
    if q_numbers and s_numbers and not same_duration:
        if q_values and s_values:
            if q_values != s_values:
                return True
        elif not q_values and not s_values and not _same_numbers(q, s, False):
            return True  # "[million]" for "billion"
    q_keys = {k for k in _joined_keys(q) if k[0].isalpha()}
    s_keys = {k for k in _joined_keys(s) if k[0].isalpha()}
    # Another unit of time counts only with the same number ("[ten months]" for "ten years"):
    # lengths written with other numbers were compared above.
    same_number = bool(q_values) and q_values == s_values and not same_duration
    if any(
        _opposite(a, b, turkish, time_units=same_number)
        for a in q_keys - s_keys
        for b in s_keys - q_keys
    ):
        return True  # "[rose]" for "fell", "[likely]" for "unlikely"
    if _meaning_changed(q_keys, s_keys, bracket=True):
        return True  # "[will]" for "may", "[all]" for "some", "[she]" for "he"
    # A title before a name is no name ("[Judge Ruth Ellery]" for "Daniel Okafor"); a title
    # alone is no name either ("[Jane] Doe" for "Ms Doe").
    if _uncased(inner) and _uncased(replaced):
        return _other_uncased_name(inner, replaced)
    q_words, s_words = _untitled(_WORD.findall(inner)), _untitled(_WORD.findall(replaced))
    if _other_name_beside_shared_words(q_words, s_words):
        return True  # "[Councillor Jones]" for "Councillor Smith"
    if not _is_name_phrase(q_words) or not _is_name_phrase(s_words):
        return False
    q_names = {_normalise_cached(w, True).text for w in q_words}
    s_names = {_normalise_cached(w, True).text for w in s_words}
    # "[Turkey]" for "Türkiye" is a spelling, not another name. Any other name for a name is
    # flagged, a capital for its country too ("[Ankara]" for "Turkey"): the diff shows the
    # editor which it is, while a quote given to the wrong one of the people a page names
    # ("Anna [Weber]" for "Anna Schulz") must never pass.
    return not q_names & s_names and (
        Levenshtein.normalized_similarity(" ".join(sorted(q_names)), " ".join(sorted(s_names)))
        < 0.6
    )


def _other_name_beside_shared_words(q_words: list[str], s_words: list[str]) -> bool:
    """Whether a bracket keeps the source's role or title words but puts another name with
    them: "[Councillor Jones]" for "Councillor Smith", "[Harbour master Anna Berg]" for
    "Harbour master Peter Lund". The words kept must open or close both sides alike; the words
    between are compared: on both sides they must all be capitalised and none a title, pronoun
    or determiner ("[Jane Doe]" for "Ms Doe", "[Smith]" for "He" clarify), and they must not
    be one name spelled two ways. A bracket opening a quote is placed on as many words as it
    has, a guess ("[Harbour master Lund]" on "master Peter Lund"): kept words out of place
    are no evidence of anything."""
    q_keys = [_normalise_cached(w, True).text for w in q_words]
    s_keys = [_normalise_cached(w, True).text for w in s_words]
    lead = 0
    while lead < min(len(q_keys), len(s_keys)) and q_keys[lead] == s_keys[lead]:
        lead += 1
    tail = 0
    while tail < min(len(q_keys), len(s_keys)) - lead and q_keys[-1 - tail] == s_keys[-1 - tail]:
        tail += 1
    if not lead and not tail:
        return False  # nothing kept: the whole-phrase comparison decides
    if not lead:
        # Only the surname kept ("[J. Lund]" placed on "Peter Lund" of "John Peter Lund"): the
        # given names the source writes before the words replaced are not in view here, and a
        # middle name is no other person. `_names_an_absent_person` compares them with the
        # names near the passage ("[Anna Lund]" where the source names Peter Lund only).
        return False
    q_only = q_words[lead : len(q_words) - tail]
    s_only = s_words[lead : len(s_words) - tail]
    for only in (q_only, s_only):
        if not only or not all(_name_word(w) for w in only):
            return False
    if _initials_of(q_only, s_only):
        return False
    q_text = " ".join(sorted(q_keys[lead : len(q_keys) - tail]))
    s_text = " ".join(sorted(s_keys[lead : len(s_keys) - tail]))
    return Levenshtein.normalized_similarity(q_text, s_text) < 0.6


def _initials_of(a: list[str], b: list[str]) -> bool:
    """Whether two runs of given names are one person's, one written with initials: "P." for
    "Peter", "J. R." for "John Ronald"."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        x, y = _normalise_cached(x, True).text, _normalise_cached(y, True).text
        short, long_ = sorted((x, y), key=len)
        if x != y and not (len(short) == 1 and long_.startswith(short)):
            return False
    return True


def _uncased(text: str) -> bool:
    """Whether `text` has letters, all of a script without capitals (Arabic, Hebrew, Devanagari,
    Chinese, Japanese, Korean), where no capital tells a name."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.lower() == c.upper() for c in letters)


#: Titles, roles and pronouns in scripts without capitals: a bracket naming one clarifies who
#: is meant; a word next to one is a name (`_Names`).
_UNCASED_TITLES = tuple(
    sorted(
        _folded(
            "主任 代表 部长 市长 局长 主席 总理 总统 书记 省长 教授 先生 女士 委员 经理 他 她 "
            "議員 氏 相 大臣 被告 知事 市長 首相 さん 会長 社長 長官 容疑者 彼 彼女 "
            "의원 장관 대통령 시장 대표 씨 교수 위원장 총리 회장 그 그녀 "
            "النائب النائبة الوزير الوزيرة الرئيس الرئيسة السيد السيدة الدكتور الدكتورة المتحدث "
            "هو هي "
            'השר השרה חבר חברת הכנסת ח"כ ראש מר גב\' ד"ר יו"ר הוא היא '
            "नेता मंत्री श्री श्रीमती डॉ प्रधानमंत्री मुख्यमंत्री सांसद विधायक वह उन्होंने"
        ),
        key=len,
        reverse=True,
    )
)


_UNCASED_TITLE_SET = frozenset(_UNCASED_TITLES)
#: The Chinese and Japanese ones, longest first, as `_UNCASED_TITLES`.
_CJK_TITLES = tuple(t for t in _UNCASED_TITLES if CJK_CHAR.match(t))


def _without_titles(text: str) -> list[str]:
    """The words of `text` (Chinese and Japanese: its characters) that are no title or pronoun
    (`_UNCASED_TITLES`); a Korean word that starts with one is one ("장관은")."""
    folded = _normalise_cached(text, True).text
    if CJK_CHAR.search(folded):
        joined = folded.replace(" ", "")
        for title in _CJK_TITLES:
            joined = joined.replace(title, " ")
        return [c for c in joined if _is_word_char(c)]
    return [w for w in _WORD.findall(folded) if not _is_title(w)]


def _other_uncased_name(bracket: str, replaced: str) -> bool:
    """Whether a bracket in a script without capitals puts other words for what it replaces,
    neither side a title or a pronoun: "[李娜]" for "张伟", "[박지영 의원은]" for "김민수 장관은".
    It cannot be told from a name, and a quote given to the wrong person must never pass;
    "[الوزير]" (the minister) for a name, "[김 장관은]" for "김민수 장관은" clarify."""
    if _SENTENCE_START.match(replaced):
        return False  # an insertion at the end of a sentence: "2019 [عام الجائحة]" for "2019."
    q, s = _without_titles(bracket), _without_titles(replaced)
    if not q or not s:
        return False
    if CJK_CHAR.search(bracket) or any("\uac00" <= c <= "\ud7a3" for c in bracket):
        return not set("".join(q)) & set("".join(s))  # characters, or Korean syllables
    return not set(q) & set(s) and (
        Levenshtein.normalized_similarity(" ".join(q), " ".join(s)) < 0.6
    )


_SENTENCE_START = re.compile("\\s*[.!?\u061f\u3002\uff01\uff1f\u0964]")


def _judge_bracket(bracket: str, replaced: str, edge: str) -> tuple[str, bool]:
    """What a bracket stands for, as shown in the diff, and whether it changes a negation,
    figure or name (`_bracket_critical`).

    A bracket opening (`edge="start"`) or closing (`edge="end"`) a segment is placed on as many
    source words as it has, a guess: "[the agency] last year" for "Revebi last year" is placed
    on "not Revebi". A negation among the words farthest from the quoted text may not be part
    of the quote at all: those words are given up, one by one, while that makes the bracket
    harmless. Other words stay ("[ten months]" closing a quote still stands for "ten years").
    """
    critical = _bracket_critical(bracket, replaced)
    if not critical or not edge:
        return replaced, critical
    within = _within_sentence(replaced, edge)
    if within != replaced:
        # Words across a sentence end from the quoted text are none of the quote's sentence:
        # "[Peter Lund] said" placed on "Monday. Lund" stands for "Lund" alone.
        replaced = within
        critical = _bracket_critical(bracket, replaced)
        if not critical:
            return replaced, False
    words = replaced.split()
    for k in range(len(words) - 1, 0, -1):
        kept, dropped = (words[-k:], words[:-k]) if edge == "start" else (words[:k], words[k:])
        if not any(map(_is_negator, _plain_tokens(" ".join(dropped)))):
            break
        shorter = " ".join(kept)
        if not _bracket_critical(bracket, shorter):
            return shorter, False
    return replaced, True


#: A word that ends a sentence: "Monday.", "said!", "night.\u201d".
_SENTENCE_END_WORD = re.compile("[.!?\u3002\uff01\uff1f][\"'\u2019\u201d\u00bb)\\]]*\\Z")


def _within_sentence(replaced: str, edge: str) -> str:
    """The words of `replaced` in the quoted text's own sentence: for a bracket opening a
    segment (`edge="start"`) those after the last sentence end before its last word, for one
    closing it those up to the first sentence end. An edge bracket is placed on as many source
    words as it has, a guess, and that guess may run into the sentence before or after."""
    words = replaced.split()
    if len(words) < 2:
        return replaced
    if edge == "start":
        for k in range(len(words) - 2, -1, -1):
            if _SENTENCE_END_WORD.search(words[k]):
                return " ".join(words[k + 1 :])
    else:
        for k in range(len(words) - 1):
            if _SENTENCE_END_WORD.search(words[k]):
                return " ".join(words[: k + 1])
    return replaced


#: Words that start a description rather than a name ("the President", "his Ministry"),
#: pronouns ("He") and titles ("Ms", "President"), which a bracket naming the person clarifies.
#: Words that open no name: determiners and pronouns ("The Board", "He"). Titles are taken off
#: before a phrase is judged (`_untitled`).
_NOT_NAMES = frozenset(
    "the a an this that these those his her its their our my your he she it they we you i "
    "him them us".split()
)


#: The last word of a sentence or of a quotation (as the tolerant tier writes it: `contratto',`,
#: `said.`): the exact tiers never let a bracket opening a segment stand for it (`_pattern`).
_QUOTATION_END = re.compile(r"(?:'[^ \w]*|[.!?])\Z")


def _ends_quotation(replaced: str) -> bool:
    """Whether the source words a bracket opening a segment was placed on end a sentence or an
    earlier quotation (`«…contratto», ha dichiarato` for "[Romano] ha dichiarato")."""
    words = _normalise_cached(replaced, True).text.split(" ")
    return _QUOTATION_END.search(words[-1]) is not None


def _names_another_speaker(
    bracket: str, names: list[str], is_name: Callable[[_Token], bool]
) -> bool:
    """Whether a bracket opening a quote where the source's sentence or quotation has just
    ended, so that it stands for none of the quoted words, names someone while the passage
    names someone else: "[Romano] ha dichiarato Bianchi" for "«…», ha dichiarato Bianchi" gives
    the words to Romano. A bracket naming the passage's own person ("[Bianchi] ha dichiarato"),
    or adding a name to a passage that names no one, clarifies; so does a word the texts also
    write in lowercase ("[Questo]"), which is no name (`_Names`, as for a sentence's first
    word)."""
    words = _untitled(_WORD.findall(bracket))
    if not names or not _is_name_phrase(words):
        return False
    if not all(is_name(_Token(w.lower(), 0, len(w), w, True)) for w in words):
        return False
    mine = {_normalise_cached(w, True).text for w in words}
    return not mine & {_normalise_cached(w, True).text for w in names}


#: Pronouns that stand for one person, which a bracket may name (`_names_an_absent_person`).
_PERSON_PRONOUNS = _folded(
    "he she him her his hers er ihm ihn il elle lui él ella hij zij hem haar han hon hun"
)
#: Verbs that show a name in the source is a person's: "Lund added", "Jane Doe said".
_SAYS = _folded(
    "said says told added stated explained argued wrote warned insisted announced noted "
    "claimed replied asked"
)
#: Last words of a name that is a place's or a body's, not a person's: "Downing Street said".
_NOT_PEOPLE = _folded(
    "street house office hall council ministry department party court university company "
    "group bank agency commission committee board government union club church hospital "
    "school college police city county state times post news service authority trust"
)
#: How far before and after the passage the source is read for the names it gives.
_NAMES_BEFORE, _NAMES_AFTER = 400, 200


def _full_name(words: list[str]) -> list[str]:
    """The capitalised words that close `words` and are no title, role or pronoun, when there
    are two or more: the person a bracket names ("Anna Berg" of "Harbour master Anna Berg",
    "Jane Doe" of "the Mayor, Jane Doe"); else none."""
    k = len(words)
    while k and _name_word(words[k - 1]):
        k -= 1
    name = words[k:]
    return name if len(name) >= 2 else []


def _name_word(word: str) -> bool:
    """A capitalised word that is no title, determiner or pronoun: a word of a name."""
    return word[:1].isupper() and word.lower() not in _TITLES and word.lower() not in _NOT_NAMES


def _people_named(words: list[str]) -> list[list[str]]:
    """The full names (`_full_name`) in `words` that are plainly people's: after a title
    ("Mayor Jane Doe"), before a verb of saying ("Jane Doe said"), or with the surname used
    again alone ("Peter Lund, … Lund added")."""
    lowered = [w.lower() for w in words]
    people: list[list[str]] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and _name_word(words[j]):
            j += 1
        if j - i >= 2 and lowered[j - 1] not in _NOT_PEOPLE:
            titled = i and lowered[i - 1] in _TITLES
            says = j < len(words) and lowered[j] in _SAYS
            again = lowered.count(lowered[j - 1]) > 1
            if titled or says or again:
                people.append(words[i:j])
            i = j
        else:
            i += 1
    return people


def _names_an_absent_person(
    bracket: str, replaced: str, edge: str, source: str, lo: int, hi: int
) -> bool:
    """Whether a bracket that stands for a person (a pronoun, a name) names someone, in full,
    whom the source does not name near the passage, while it names another person there: "[Mayor
    John Roe]" for "she" of "Mayor Jane Doe said she …", "[Harbour master Anna Berg]" for
    "Lund" of "The harbour master, Peter Lund, … Lund added". The quote gives the words to the
    wrong person.

    A bracket naming the person the source names, in any form ("[Lund]", "[the Mayor, Jane
    Doe]", "[Harbour master Peter Lund]"), shares a word with the names near the passage; a
    bracket with a surname alone, or a source naming no one near, is left to `_bracket_critical`.
    Read only for a bracket with two or more capitalised words, so rarely.
    """
    name = _full_name(_WORD.findall(bracket))
    if not name:
        return False
    replaced_words = _WORD.findall(replaced)
    if edge:
        # A bracket opening or closing the quote is placed on as many words as it has, a
        # guess: the one next to the quoted words is the one it stands for.
        replaced_words = replaced_words[-1:] if edge == "start" else replaced_words[:1]
    if not replaced_words:
        return False
    pronoun = (
        len(replaced_words) == 1
        and _normalise_cached(replaced_words[0], True).text in _PERSON_PRONOUNS
    )
    if not pronoun and not _is_name_phrase(_untitled(replaced_words)):
        return False
    near = _WORD.findall(source[max(0, lo - _NAMES_BEFORE) : hi + _NAMES_AFTER])
    near_keys = {_normalise_cached(w, True).text for w in near}
    if _other_given_name(name, near):
        return True
    if any(_normalise_cached(w, True).text in near_keys for w in name):
        return False
    if not _people_named(near):
        return False
    # A pronoun may stand for someone named paragraphs before: named anywhere in the source,
    # the bracket's person may be the one meant. A name put for another name is never right.
    return not pronoun or not re.search(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in name) + r")(?!\w)", source, re.IGNORECASE
    )


def _other_given_name(name: list[str], near: list[str]) -> bool:
    """Whether the source near the passage names people with the surname of a bracket's full
    `name`, none of them with its given names or their initials: "[Anna Lund]" or "[A. Lund]"
    where the source names "Peter Lund" only. "[P. Lund]", "[Peter Lund]" name him."""
    surname = _normalise_cached(name[-1], True).text
    given = name[:-1]
    others = 0
    for k in range(1, len(near)):
        if _normalise_cached(near[k], True).text != surname or not _name_word(near[k - 1]):
            continue
        j = k
        while j and _name_word(near[j - 1]):
            j -= 1
        theirs = near[j:k]
        # Compared from the left ("Peter" of "Peter James Lund") or from the right, which a
        # name that opens with words of its own keeps ("Nguyễn Văn" of "Sở Nguyễn Văn Hùng").
        m = min(len(given), len(theirs))
        if _initials_of(given[:1], theirs[:1]) or _initials_of(given[-m:], theirs[-m:]):
            return False
        others += 1
    return others > 0


def _bracket_edge(segment: _Segment, index: int) -> str:
    """ "start" or "end" when bracket `index` opens or closes `segment`, else ""."""
    if index == 0 and not _WORD.search(segment.pieces[0]):
        return "start"
    if index == len(segment.brackets) - 1 and not _WORD.search(segment.pieces[-1]):
        return "end"
    return ""


#: Titles that may come before a name.
_TITLES = frozenset(
    "mr mrs ms mx dr prof professor sir dame lord lady president minister senator judge "
    "general governor mayor chancellor "
    "ministra ministro alcalde alcaldesa presidente presidenta sindaco segretario prefeito "
    "prefeita burgemeester premier prezydent burmistrz мэр министр президент губернатор "
    "депутат премьер υπουργός πρωθυπουργός δήμαρχος βουλευτής ông bà".split()
)


def _untitled(words: list[str]) -> list[str]:
    """`words` without the titles they start with."""
    k = 0
    while k < len(words) and words[k].lower() in _TITLES:
        k += 1
    return words[k:]


def _is_name_phrase(words: list[str]) -> bool:
    """Every word capitalised, and the first no determiner or pronoun: "Marco Rossi", not "The
    Board" or "He"."""
    return (
        bool(words) and all(w[:1].isupper() for w in words) and words[0].lower() not in _NOT_NAMES
    )


def _elision_critical(elided: str) -> bool:
    """Does an ellipsis leave out the negation of what the quote goes on to say?

    That is, the stretch left out ends with a negation ("We will … raise tariffs" for "We will
    not raise tariffs", "Officials … welcomed" for "Officials no longer welcomed"), or is a
    negation and an aside after it ("We will never, under any circumstances, raise tariffs").
    A stretch that merely holds a negator ("which nobody expected", "not surprisingly", "not
    only", "without a doubt", "no matter what") leaves the rest of the quote as it was.
    """
    keys = _joined_keys(_plain_tokens(elided))
    words = [k for k in keys if k[0].isalnum()]
    if not words or _idiomatic(words):
        return False
    if _in_negation(words, len(words) - 1):
        return True
    if _reverses_what_follows(keys):
        return True
    if not _in_negation(words, 0):
        return False
    # The leading negation ("never", "not yet"), then only an aside: "never, under any
    # circumstances," or "not, as I told the house last week,".
    lead = 1
    while lead < len(words) and _in_negation(words, lead):
        lead += 1
    after = keys.index(words[lead - 1]) + 1
    return after >= len(keys) or keys[after] in _ASIDE_OPENERS


#: Most words of a left-out stretch, after its last punctuation, that may stand between a
#: negation or a reversing word and the rest of the quote ("not properly", "no credible
#: evidence", "n'ont trouvé aucune preuve"): more than that is a clause of its own.
_ELIDED_REACH = 5
#: Words that open a clause of their own: a negation after one ("which nobody expected") is
#: that clause's, not the quote's.
_CLAUSE_OPENERS = _folded(
    "which who whom whose where as although though because since while "
    "qui dont lequel laquelle lesquels welche welcher welches weil obwohl cual cuales quien "
    "quienes aunque porque"
)
#: The verbs of denial ("denied", "bestritt"), as `_MEANING` has them.
_DENIALS = frozenset(k for k, meaning in _MEANING.items() if meaning == ("report", "deny"))
#: Words that reverse what the quote goes on to say when an ellipsis leaves them out: "The
#: minister … that the government had misled parliament" for "denied that", "would … strike"
#: for "would call off the strike", "it was … that" for "it was false that"; `_DENIALS` with
#: more of their forms.
_REVERSERS = _DENIALS | _folded(
    "denying refuse refuses refused refusing reject rejects rejected rejecting dismiss dismisses "
    "dismissed dismissing abandon abandons abandoned abandoning scrap scraps scrapped scrapping "
    "cancel cancels cancelled canceled cancelling overturn overturns overturned overturning "
    "fail fails failed failing false untrue "
    "démentait nient niait refusé rejeté rejette renoncé "
    "bestritten dementiert lehnte lehnt abgelehnt verweigert verweigerte "
    "negaba rechazó rechaza rechazaron desmiente"
)
#: Verbs that "off" reverses: "call off the strike".
_CALLED_OFF = _folded("call calls called calling")


def _reverses_what_follows(keys: list[str]) -> bool:
    """Whether a left-out stretch (its `keys`) ends with a negation whose verb or noun the
    quote still has, in one clause, or is a reversing word (`_REVERSERS`, "call off"): "the
    police had … investigated" for "had not properly investigated", "found … that" for "found no evidence
    that", "The minister … that" for "denied that". A stretch ending with punctuation is an
    aside; a negation in a clause of its own ("which nobody expected") or in an idiom ("not
    surprisingly", "no doubt") negates nothing the quote says."""
    if not keys or not keys[-1][0].isalnum():
        return False
    last_break = max((i for i, k in enumerate(keys) if not k[0].isalnum()), default=-1)
    tail = keys[last_break + 1 :]
    if len(tail) > _ELIDED_REACH:
        return False
    for i, key in enumerate(tail):
        if key in _CLAUSE_OPENERS:
            return False
        if _idiomatic(tail[i:]):
            continue
        rest = tail[i + 1 :]
        if key in _DETERMINER_NEGATORS and len(rest) <= 3:
            return True  # "no evidence", "aucune preuve": the noun it denies is left out too
        verb_negator = _in_negation(tail, i) or key.endswith("n't") or key.startswith("n'")
        if verb_negator and all(_modifier(w) or w in _GERUND_AUXILIARIES for w in rest):
            return True  # "not properly", "never at any point": the verb is the quote's
    # A reversing word counts as the whole stretch, an article aside: "The minister … that"
    # for "denied that", "would … strike" for "call off the strike". A stretch holding its
    # subject or more of its object ("warehouse cancelled a", "rejected the viso") cuts out a
    # clause whole, and what is left asserts nothing.
    while len(tail) > 1 and tail[-1] in _ARTICLES:
        tail = tail[:-1]
    return (len(tail) == 1 and tail[0] in _REVERSERS) or (
        len(tail) == 2 and tail[0] in _CALLED_OFF and tail[1] == "off"
    )


#: Negators that deny a noun ("no evidence", "keine Beweise", "aucune preuve", "ninguna prueba").
_DETERMINER_NEGATORS = _folded(
    "no none nothing nobody kein keine keinen keinem keiner keines aucun aucune rien "
    "ningun ninguna ninguno nada nadie"
)
#: Words that modify a verb without being one: a negation followed only by them leaves the
#: verb it negates in the quote ("not in fact consult", "never at any point misled").
_MODIFIERS = frozenset(
    "at all any point time in fact yet even ever really actually once again always still "
    "so too much longer quite".split()
)


#: Auxiliaries a negation may take before the verb it negates: "far from being finished",
#: "not having paid"; left out with the negation, the rest of the quote says the opposite.
_GERUND_AUXILIARIES = frozenset("being having been".split())


def _modifier(word: str) -> bool:
    """Whether `word` modifies a verb (`_MODIFIERS`, or an adverb in -ly: "properly")."""
    return word in _MODIFIERS or (word.endswith("ly") and len(word) > 4)


#: Articles that may follow a reversing word in a left-out stretch ("call off the").
_ARTICLES = frozenset("the a an le la les un une der die das den ein eine el los las".split())


#: Punctuation that opens an aside after a negation ("never, under any circumstances,").
_ASIDE_OPENERS = frozenset(",(\u2013\u2014-")
#: Negations that are no negation of what follows them (discourse markers, "not only … but").
_IDIOMS = (
    ("not", "only"), ("not", "surprisingly"), ("no", "doubt"), ("without", "a", "doubt"),
    ("no", "matter"), ("no", "question"), ("not", "least"), ("none", "the", "less"),
)  # fmt: skip


def _idiomatic(words: list[str]) -> bool:
    """Whether `words` start with a negation that is an idiom, not a negation (`_IDIOMS`)."""
    return any(tuple(words[: len(idiom)]) == idiom for idiom in _IDIOMS)


def _joined_keys(tokens: list[_Token]) -> list[str]:
    """The tokens' keys with hyphenated compounds joined: "non - profit" as "nonprofit", so
    "non-profit" and "nonprofit" are one word and "non-binding" is "binding" negated."""
    keys: list[str] = []
    hyphen = False  # the last key was a hyphen right after a word
    for token in tokens:
        key = token.key
        if hyphen and key[:1].isalpha():
            keys.pop()  # the hyphen
            keys[-1] += key
            hyphen = False
            continue
        hyphen = key in _HYPHENS and bool(keys) and keys[-1][-1:].isalpha()
        keys.append(key)
    return keys


_HYPHENS = frozenset("-\u2010\u2011")


def _candidate_starts(query: str, lookup: _WordLookup) -> list[int]:
    """Where the quote probably starts in the page: its rarest words vote by their offset.

    Each occurrence of a seed word at page offset `p`, found at offset `q` in the quote, votes
    for the diagonal `p - q`. Votes within a band of a quarter of the quote's length are one
    candidate, ranked by how many distinct seed words agree on it (then by their rarity). The
    rarest words are taken first, up to `SEED_WORDS` words or `MAX_VOTES` votes: a quote made of
    common words still gets seeds, and a long page cannot make the vote expensive.
    `lookup` gives each word's count in the text; only the seeds' positions are looked up.
    """
    lookup.queried()
    counts: dict[str, tuple[int, int]] = {}
    for m in _WORD.finditer(query):
        word = m.group()
        occurrences = lookup.count(word)
        if occurrences and word not in counts:
            counts[word] = (occurrences, m.start())
    seeds: list[tuple[int, int, str]] = []
    votes_left = MAX_VOTES
    for count, q, word in sorted((c, q, w) for w, (c, q) in counts.items()):
        if len(seeds) >= SEED_WORDS or (seeds and count > votes_left):
            break
        seeds.append((count, q, word))
        votes_left -= count
    votes = sorted((p - q, w) for _, q, w in seeds for p in lookup.positions(w, MAX_VOTES))
    rarity = {w: 1.0 / (1 + c) for c, _, w in seeds}
    band = max(32, len(query) // 4)
    diagonals = [d for d, _ in votes]
    # Ranked best first: (-distinct words, -rarity, median diagonal).
    clusters: list[tuple[int, float, int]] = []
    i = 0
    while i < len(votes):
        j = bisect_right(diagonals, diagonals[i] + band, i)
        if j == i + 1:  # most clusters are one vote: a seed word far from the others
            w = votes[i][1]
            clusters.append((-1, -rarity[w], diagonals[i]))
        else:
            words = {w for _, w in votes[i:j]}
            # fsum is exactly rounded, so the weight does not depend on the set's iteration
            # order (which changes with PYTHONHASHSEED): a plain sum could break a tie between
            # clusters differently from one run to the next.
            weight = math.fsum(rarity[w] for w in words)
            clusters.append((-len(words), -weight, diagonals[(i + j) // 2]))
        i = j
    return [median for _, _, median in heapq.nsmallest(MAX_CANDIDATES, clusters)]


def _align(query: str, text: str, start: int) -> tuple[int, int, int] | None:
    """Best infix alignment of `query` in a window of `text` near `start`: (start, end, edits)."""
    slack = len(query) // 3 + 30
    return _align_within(query, text, start - slack, start + len(query) + slack)


def _align_within(
    query: str, text: str, lo: int, hi: int, *, last: bool = False
) -> tuple[int, int, int] | None:
    """Best infix alignment of `query` in `text[lo:hi]`: the first of equally good ones (or the
    last, with `last`)."""
    lo, hi = max(0, lo), min(len(text), hi)
    window = text[lo:hi]
    if not window:
        return None
    alphabet = set(query)
    if len(alphabet | set(window)) > 250:
        # edlib takes at most 256 symbols; characters absent from the query never match, so
        # they can all be one filler symbol.
        filler = next(c for c in "\x00\x01\x02\x03" if c not in alphabet)
        window = "".join(c if c in alphabet else filler for c in window)
        if len(alphabet) > 250:
            return None
    result = edlib.align(query, window, mode="HW", task="locations")
    if result["editDistance"] < 0 or not result["locations"]:
        return None
    s, e = result["locations"][-1 if last else 0]
    if s is None:
        return None
    return lo + s, lo + e + 1, int(result["editDistance"])


def _align_bracketed(
    pieces: list[str], text: str, lookup: _WordLookup, lead: int, trail: int
) -> Iterator[tuple[int, int, int]]:
    """Alignments of a segment with `[bracketed insertions]`, given its `pieces` between them.

    A bracket stands for up to `MAX_BRACKET_WORDS` words of any length, so aligning the segment
    with its brackets blanked would count the words they replaced as edits, and the cheapest
    alignment then cuts the passage short instead. The longest piece is placed as any quote
    is; each other piece is aligned next to its neighbour, at most `BRACKET_CHARS` away. A
    bracket opening or closing the segment has no neighbour on that side: it takes its own word
    count (`lead`, `trail`), as in the exact tiers. Yields (start, end, edits of the pieces).
    """
    anchor = max(range(len(pieces)), key=lambda i: len(pieces[i]))
    for guess in _candidate_starts(pieces[anchor], lookup):
        aligned = _align(pieces[anchor], text, guess)
        if aligned is None:
            continue
        start, end, edits = aligned
        for piece in pieces[anchor + 1 :]:
            reach = end + BRACKET_CHARS + len(piece) + len(piece) // 3 + 2
            hit = _align_within(piece, text, end, reach)
            if hit is None:
                break
            end, edits = hit[1], edits + hit[2]
        else:
            for piece in reversed(pieces[:anchor]):
                reach = start - BRACKET_CHARS - len(piece) - len(piece) // 3 - 2
                hit = _align_within(piece, text, reach, start, last=True)
                if hit is None:
                    break
                start, edits = hit[0], edits + hit[2]
            else:
                yield _words_before(text, start, lead), _words_after(text, end, trail), edits


def _words_before(text: str, pos: int, n: int) -> int:
    """Where the `n` space-separated words before `pos` start (fewer at the start of the text)."""
    for _ in range(n):
        while pos > 0 and text[pos - 1] == " ":
            pos -= 1
        if pos == 0:
            break
        pos = text.rfind(" ", 0, pos) + 1
    return pos


def _words_after(text: str, pos: int, n: int) -> int:
    """Where the `n` space-separated words after `pos` end (fewer at the end of the text)."""
    for _ in range(n):
        while pos < len(text) and text[pos] == " ":
            pos += 1
        if pos == len(text):
            break
        space = text.find(" ", pos)
        pos = len(text) if space < 0 else space
    return pos


def _snap(text: str, query: str, start: int, end: int) -> tuple[int, int]:
    """Move an alignment's ends to word boundaries, outwards or inwards, whichever fits best.

    An alignment may start or end inside a word: the quote's first word was changed, and the
    cheapest alignment matched its last letters to the end of the word before. Widening to the
    whole word would pull an unrelated word (perhaps a number or a name) into the diff; so each
    end goes to the boundary, out or in, that leaves the fewest edits against the quote.
    """

    def starts(pos: int) -> set[int]:
        out = pos
        while out > 0 and _wordish(text[out - 1]) and _wordish(text[out]):
            out -= 1
        inner = pos
        while inner < end and _wordish(text[inner]) and inner > 0 and _wordish(text[inner - 1]):
            inner += 1
        return {out, inner}

    def ends(pos: int) -> set[int]:
        out = pos
        while out < len(text) and _wordish(text[out - 1]) and _wordish(text[out]):
            out += 1
        inner = pos
        while (
            inner > start
            and _wordish(text[inner - 1])
            and inner < len(text)
            and _wordish(text[inner])
        ):
            inner -= 1
        return {out, inner}

    best: tuple[int, int, int] | None = None
    for s in starts(start):
        for e in ends(end):
            while s < e and text[s] == " ":
                s += 1
            while e > s and text[e - 1] == " ":
                e -= 1
            if s >= e:
                continue
            cost = Levenshtein.distance(query, text[s:e])
            if best is None or (cost, s) < (best[0], best[1]):
                best = (cost, s, e)
    return (best[1], best[2]) if best is not None else (start, start)


def _approximate(quote: _Quote, layer: TextLayer) -> MatchResult:
    tol = _layer_normalised(layer.text, True)
    text = tol.text
    if not text:
        return MatchResult(Verdict.NOT_FOUND, 0.0, detail=f"{layer.name} is empty")
    lookup = _word_lookup(text)
    queries = [_normalise_cached(s.blanked, True) for s in quote.segments]
    # Align without the quote's parentheticals, so that an author's insertion ("the (now
    # obsolete) OSCE Minsk Group") cannot pull the span onto other words; the diff then shows it.
    aligned_queries = [_normalise_cached(_unparenthesised(s.blanked), True) for s in quote.segments]
    anchors = [k for k, s in enumerate(quote.segments) if s.words >= MIN_SEGMENT_WORDS]
    if not anchors:
        return MatchResult(Verdict.NOT_FOUND, 0.0, detail="no segment long enough to align")
    bracket_pieces = [_aligned_pieces(s) for s in quote.segments]

    # Candidate alignments of every anchor segment, then the best chain of them in order.
    options: dict[int, list[_Aligned]] = {}
    for k in anchors:
        found: dict[tuple[int, int], _Aligned] = {}
        query = aligned_queries[k].text
        if not query:
            return MatchResult(Verdict.NOT_FOUND, 0.0, detail="nothing but a parenthetical")
        budget = MAX_CANDIDATE_EDITS * len(query)
        pieces = bracket_pieces[k]
        if pieces:
            budget = MAX_CANDIDATE_EDITS * sum(map(len, pieces))
            segment = quote.segments[k]
            lead, trail = (
                _bracket_words(segment.brackets[i]) if not _WORD.search(segment.pieces[i]) else 0
                for i in (0, -1)
            )
            alignments: Iterable[tuple[int, int, int] | None] = _align_bracketed(
                pieces, text, lookup, lead, trail
            )
        else:
            alignments = (_align(query, text, guess) for guess in _candidate_starts(query, lookup))
        for aligned in alignments:
            # A candidate far from the quote is not a place it could be (and would only let a
            # chain of segments pass through unrelated text).
            if aligned is not None and aligned[2] <= budget:
                s, e = _snap(text, query, aligned[0], aligned[1])
                if s < e:
                    found.setdefault((s, e), _Aligned(k, s, e, aligned[2]))
        if not found:
            return MatchResult(Verdict.NOT_FOUND, 0.0, detail=f"not found in {layer.name}")
        options[k] = sorted(found.values(), key=lambda a: (a.distance, a.start))
    chain = _best_chain(quote, anchors, options)
    if chain is None:
        return MatchResult(
            Verdict.NOT_FOUND,
            0.0,
            detail=f"segments of the quote are in {layer.name} but not in order and close together",
        )
    spans: dict[int, tuple[int, int]] = {a.segment: (a.start, a.end) for a in chain}
    # Short segments are only looked for (tolerant, whole-word) right next to their neighbours.
    for k in range(len(quote.segments)):
        if k in spans:
            continue
        span = _place_short(quote, k, spans, text)
        if span is None:
            return MatchResult(
                Verdict.NOT_FOUND,
                0.0,
                detail=f"the short segment {quote.segments[k].raw!r} is not next to the rest",
            )
        spans[k] = span
    placements = _edge_placements(tol.text, queries, [spans[k] for k in range(len(spans))])
    judged = [(_judge(quote, layer, tol, queries, placed), placed) for placed in placements]
    best, placed = max(judged, key=lambda j: j[0].preference())
    widened = _over_dropped_edges(tol.text, placed, best.result)
    if widened is not None:
        other = _judge(quote, layer, tol, queries, widened)
        # Kept when no worse; also when it takes away a changed number, name or negation
        # with no more words changed: "Le 5e" dropped from the edge reads as a number the
        # source lacks, where the wider passage has it as "Le cinquième".
        if other.preference() >= best.preference() or (
            _RANK[other.result.verdict] >= _RANK[best.result.verdict]
            and other.preference()[1:] >= best.preference()[1:]
        ):
            return other.result
    return best.result


def _over_dropped_edges(
    text: str, spans: list[tuple[int, int]], result: MatchResult
) -> list[tuple[int, int]] | None:
    """The passage taken over as many source words as the quote has unmatched at either end
    (dropped, or more of them than the source words they replace).

    The alignment may stop short of a changed last (or first) word: "would resume in June"
    against "would resume in May." is placed on "would resume in", and the diff says "June" was
    dropped. Taken one word further, within the sentence, the diff says "June" → "May"; the
    caller keeps that placement when it is judged no worse. A changed edge with more source
    words than quote words gives them up the same way.
    """
    diff = result.diff or ()
    if not diff:
        return None
    placed = list(spans)
    for op, at_end in ((diff[-1], True), (diff[0], False)):
        # The words the passage lacks: a dropped edge, or more quote words than source words
        # in a changed one ("jeder 5. Zug." placed on "jeder fünfte").
        words = _whole_words(op.quote) - _whole_words(op.source)
        if op.op not in ("delete", "replace") or op.quote.startswith(("[", "(")):
            continue
        start, end = placed[-1] if at_end else placed[0]
        if op.op == "replace" and 1 <= -words <= _MAX_DROPPED_EDGE:
            # The other way round: more source words than quote words in a changed edge
            # ("seventeen soldiers" placed on "said 17 soldiers"): the passage given up to them.
            if at_end:
                narrower = _words_before(text, end, -words)
                narrower = len(text[:narrower].rstrip())
                if narrower > start:
                    placed[-1] = (start, narrower)
            else:
                narrower = _words_after(text, start, -words)
                narrower += len(text[narrower:]) - len(text[narrower:].lstrip())
                if narrower < end:
                    placed[0] = (narrower, end)
            continue
        if not 1 <= words <= _MAX_DROPPED_EDGE:
            continue
        if at_end:
            stretch = text[end : _words_after(text, end, words)].rstrip(".,;:!?\"')”’")
            wider = end + len(stretch)
        else:
            wider = _words_before(text, start, words)
            stretch = text[wider:start]
        if stretch.strip() and not _SENTENCE_BREAK.search(stretch):
            if at_end:
                placed[-1] = (start, wider)
            else:
                placed[0] = (wider, end)
    return placed if placed != spans else None


def _whole_words(text: str) -> int:
    """How many words `text` has, a figure with separators ("1,000") or a dotted abbreviation
    ("U.S.") counted as one: "1000" placed on "1,000" is no word short."""
    return sum(1 for token in _TOKEN.findall(text) if _WORD.match(token))


#: Most quote words unmatched at one end of a passage that `_over_dropped_edges` takes it over.
_MAX_DROPPED_EDGE = 3
_SENTENCE_BREAK = re.compile(r"[.!?;:](?:\s|$)|\n")


def _edge_placements(
    text: str, queries: list[Normalised], spans: list[tuple[int, int]]
) -> list[list[tuple[int, int]]]:
    """The aligned passage, and the same passage taken out to the quote's own edge words.

    The alignment minimises character edits, and an inserted phrase costs one edit per
    character, so it can slide an edge past an inserted "no longer" and swap the quote's first
    words for the end of that phrase instead ("the firm exports" against "the firm no longer
    exports", placed on "longer exports"): the diff would show an ordinary swapped word where the
    source has a negation, and a long quote would be `approximate`. When the quote's first (last)
    two words are just before (after) the passage, within `EDGE_REACH` characters, the passage
    starting (ending) there is a candidate too; `_Judged.preference` chooses.
    """

    def edge_phrases(query: str, last: bool) -> list[str]:
        """The quote's first (last) two words, then its first (last) word alone when it is
        not a short common one ("must" in "must be allowed" against "must not be allowed")."""
        words = list(_WORD.finditer(query))
        pair = words[-2:] if last else words[:2]
        if not pair:
            return []
        phrases = [query[pair[0].start() : pair[-1].end()]]
        single = pair[-1] if last else pair[0]
        if len(pair) == 2 and len(single.group()) >= _EDGE_WORD_MIN:
            phrases.append(single.group())
        return phrases

    starts = [spans[0][0]]
    for first in edge_phrases(queries[0].text, last=False):
        if text.startswith(first, starts[0]):
            break
        at = text.rfind(first, max(0, starts[0] - EDGE_REACH), starts[0])
        if at >= 0 and _word_boundaries(text, at, at + len(first)):
            starts.append(at)
            break
    else:
        neighbour = _neighbour_word(text, starts[0], queries[0].text, last=False)
        if neighbour is not None:
            starts.append(neighbour)
    ends = [spans[-1][1]]
    for last in edge_phrases(queries[-1].text, last=True):
        if text.endswith(last, 0, ends[0]):
            break
        at = text.find(last, ends[0], ends[0] + EDGE_REACH + len(last))
        if at >= 0 and _word_boundaries(text, at, at + len(last)):
            ends.append(at + len(last))
            break
    else:
        neighbour = _neighbour_word(text, ends[0], queries[-1].text, last=True)
        if neighbour is not None:
            ends.append(neighbour)
    placements = []
    for start in starts:
        for end in ends:
            placed = list(spans)
            placed[0] = (start, placed[0][1])
            placed[-1] = (placed[-1][0], end)
            placements.append(placed)
    return placements


#: Shortest first or last word of a quote that `_edge_placements` looks for on its own.
_EDGE_WORD_MIN = 4


def _neighbour_word(text: str, at: int, query: str, last: bool) -> int | None:
    """Where the passage would start (end) if it took in the quote's first (last) word, when
    that word, however short, is the source word right before (after) offset `at`: "it built"
    placed on "will build" in "it will build" is taken back to "it", so the diff shows "will"
    left out rather than "it" swapped for it."""
    words = list(_WORD.finditer(query))
    if len(words) < 2:
        return None
    word = (words[-1] if last else words[0]).group()
    if last:
        gap = len(text[at:]) - len(text[at:].lstrip(" "))
        found = at + gap
        if (
            gap
            and text.startswith(word, found)
            and _word_boundaries(text, found, found + len(word))
        ):
            return found + len(word)
        return None
    found = len(text[:at].rstrip(" ")) - len(word)
    if found < 0 or found + len(word) == at or not text.startswith(word, found):
        return None
    return found if _word_boundaries(text, found, found + len(word)) else None


def _aligned_pieces(segment: _Segment) -> list[str]:
    """The text between a segment's brackets, as aligned (none: the segment has no brackets)."""
    if not segment.brackets:
        return []
    pieces = (_normalise_cached(_unparenthesised(p), True).text.strip() for p in segment.pieces)
    return [p for p in pieces if _WORD.search(p)]


def _best_chain(
    quote: _Quote, anchors: list[int], options: dict[int, list[_Aligned]]
) -> list[_Aligned] | None:
    """The in-order, close-together choice of candidates with the fewest edits in total."""
    best: dict[int, tuple[int, list[_Aligned]]] = {}
    for n, k in enumerate(anchors):
        new: dict[int, tuple[int, list[_Aligned]]] = {}
        for i, option in enumerate(options[k]):
            if n == 0:
                new[i] = (option.distance, [option])
                continue
            # Allow the gaps of every segment skipped in between (short ones sit in there).
            allowed = sum(_gap(quote, m) for m in range(anchors[n - 1] + 1, k + 1))
            allowed += sum(len(quote.segments[m].raw) for m in range(anchors[n - 1] + 1, k))
            choices = [
                (cost + option.distance, path + [option])
                for cost, path in best.values()
                if path[-1].end <= option.start <= path[-1].end + allowed
            ]
            if choices:
                new[i] = min(choices, key=lambda c: c[0])
        if not new:
            return None
        best = new
    return min(best.values(), key=lambda c: c[0])[1]


def _place_short(
    quote: _Quote, k: int, spans: dict[int, tuple[int, int]], text: str
) -> tuple[int, int] | None:
    pattern = _pattern(quote.segments[k], Tier.TOLERANT)
    if pattern is None:
        return None
    after = spans.get(k - 1)
    before = spans.get(k + 1)
    if after is not None:
        lo = after[1]
        hi = before[0] if before is not None else lo + SHORT_SEGMENT_GAP + 2
        for hit in _occurrences(pattern, text, lo, min(hi, lo + SHORT_SEGMENT_GAP + 2)):
            if before is None or hit.end <= before[0]:
                return hit.start, hit.end
        return None
    if before is not None:
        lo = max(0, before[0] - SHORT_SEGMENT_GAP - len(pattern.literal) - 2)
        last = None
        for hit in _occurrences(pattern, text, lo, before[0]):
            if hit.end <= before[0]:
                last = hit
        return None if last is None else (last.start, last.end)
    return None


class _Judged(NamedTuple):
    """A verdict on one placement of the quote, and what `preference` ranks placements by."""

    result: MatchResult
    word_edits: int
    placed_words: int  # the quote's words the diff found equal in the passage

    def preference(self) -> tuple[bool, int, int]:
        """A placement showing a changed number, name or negation first: if the passage taken to
        the quote's own edges shows one, the quote is never `approximate`. Then the fewest words
        changed, then the most of the quote's words placed."""
        return (self.result.verdict is Verdict.MISMATCH, -self.word_edits, self.placed_words)


def _judge(
    quote: _Quote,
    layer: TextLayer,
    tol: Normalised,
    queries: list[Normalised],
    spans: list[tuple[int, int]],
) -> _Judged:
    """Diff each segment against its span, then decide from the critical ops and the score."""
    ops: list[DiffOp] = []
    edits = excused = word_edits = other_word_edits = 0
    length = words = 0
    for k, (segment, query, (s, e)) in enumerate(zip(quote.segments, queries, spans, strict=True)):
        if k:
            gap = _source_between(tol.text, layer.text, tol.to_original, spans[k - 1][1], s)
            elided = gap.strip()
            ops.append(DiffOp("insert", quote.ellipses[k - 1], elided, _elision_critical(elided)))
        diff = _segment_diff(segment, query, tol, layer.text, s, e)
        ops.extend(diff.ops)
        edits += diff.edits
        excused += diff.excused
        word_edits += diff.word_edits
        other_word_edits += diff.other_word_edits
        length += len(query.text)
        words += diff.words
    # The verdict is decided on the edits that count; the reported score also counts an
    # author's parenthetical, so it stays the plain similarity of quote and passage.
    # Character similarity penalises a long swapped word in a short quote more than a short
    # one; word similarity treats every word alike. Either being high means "small edits".
    decisive = max(0.0, 1.0 - edits / max(1, length), 1.0 - word_edits / max(1, words))
    score = max(0.0, 1.0 - (edits + excused) / max(1, length))
    critical = any(op.critical for op in ops)
    # "The same passage with a changed negation": how alike the rest is. A negation comes with
    # words of its own ("not yet", "no longer", "never again"), and "has made a profit" against
    # "has not yet made a profit" differs in one word besides the "not". Numbers and names are
    # not left out: they change one for one, and template-like sentences that share only their
    # frame ("X cut spending by 47% in ...") would become a `mismatch` instead of `not_found`.
    alike = max(decisive, 1.0 - other_word_edits / max(1, words))
    start, _ = tol.to_original(spans[0][0], spans[0][1])
    _, end = tol.to_original(spans[-1][0], spans[-1][1])
    evidence = _evidence(layer, start, end)
    changes = [op for op in ops if op.op != "equal" and not _is_elision(op, quote)]
    parenthetical = any(op.op == "delete" and _is_parenthetical(op.quote) for op in changes)
    placed = sum(len(_WORD.findall(op.quote)) for op in ops if op.op == "equal")

    def judged(result: MatchResult) -> _Judged:
        return _Judged(result, word_edits, placed)

    if critical and alike >= MISMATCH_MIN_SCORE:
        flagged = "; ".join(f"{op.quote!r} vs {op.source!r}" for op in ops if op.critical)
        return judged(
            MatchResult(
                Verdict.MISMATCH,
                round(score, 4),
                Tier.APPROXIMATE,
                evidence,
                tuple(ops),
                detail=f"closest passage in {layer.name} differs in a number, name or negation: "
                + flagged,
            )
        )
    if not critical and decisive >= APPROXIMATE_MIN_SCORE:
        what = "an author's parenthetical insertion" if parenthetical else "small differences"
        return judged(
            MatchResult(
                Verdict.APPROXIMATE,
                round(score, 4),
                Tier.APPROXIMATE,
                evidence,
                tuple(ops),
                detail=f"found in {layer.name} with {what} (similarity {score:.2f}); see the diff",
            )
        )
    if decisive >= NEAR_MISS_SCORE:
        return judged(
            MatchResult(
                Verdict.NOT_FOUND,
                round(score, 4),
                None,
                evidence,
                tuple(ops),
                detail=f"closest passage in {layer.name} is too different (similarity {score:.2f})",
            )
        )
    return judged(
        MatchResult(Verdict.NOT_FOUND, round(score, 4), detail=f"not found in {layer.name}")
    )


def _is_elision(op: DiffOp, quote: _Quote) -> bool:
    return op.op == "insert" and op.quote in quote.ellipses and op.quote != ""


def _is_parenthetical(text: str) -> bool:
    text = text.strip()
    return text.startswith("(") and text.endswith(")")


def _segment_diff(
    segment: _Segment,
    query: Normalised,
    tol: Normalised,
    source: str,
    start: int,
    end: int,
) -> _SegmentDiff:
    """The word diff of one segment against the span `[start, end)` of the tolerant text."""
    q_tokens = _tokens(query, segment.blanked)
    s_tokens = _tokens(tol, source, start, end)
    is_name = _Names(source, segment.raw)
    o_start, o_end = tol.to_original(start, end) if start < end else (0, 0)
    turkish = _looks_turkish(segment.raw, source[o_start:o_end])
    matcher = difflib.SequenceMatcher(
        None, [t.key for t in q_tokens], [t.key for t in s_tokens], autojunk=False
    )
    ops = _split_mark_changes(
        [_Op(*opcode) for opcode in matcher.get_opcodes()], q_tokens, s_tokens
    )
    # Figures are compared by value (SPEC §6): when the quote and the passage state the same
    # figures in the same order, "$150bn" for "US$150 billion" or "ten" for "10" is a change of
    # wording, shown in the diff but not critical. Their tokens (the "US" too) are left out of
    # the critical check; a unit written outside the figure ("ten months") still counts.
    q_skip, s_skip = _same_figures(
        q_tokens, query, segment.blanked, s_tokens, tol, source, o_start, o_end
    )

    def is_critical(i1: int, i2: int, j1: int, j2: int) -> bool:
        q_side = [t for i, t in enumerate(q_tokens[i1:i2], i1) if i not in q_skip]
        s_side = [t for j, t in enumerate(s_tokens[j1:j2], j1) if j not in s_skip]
        return _critical(q_side, s_side, is_name, turkish)

    def judge(i1: int, i2: int, j1: int, j2: int) -> tuple[bool, int]:
        q_side, s_side = q_tokens[i1:i2], s_tokens[j1:j2]
        return is_critical(i1, i2, j1, j2), Levenshtein.distance(
            " ".join(t.key for t in q_side), " ".join(t.key for t in s_side)
        )

    ops = _place_brackets(segment, query, q_tokens, ops, judge)
    swapped = _swapped_around_contrast(ops, q_tokens, s_tokens)
    q_signs = _signs(q_tokens, query, segment.blanked)
    s_signs = _signs(s_tokens, tol, source)

    def quote_text(i1: int, i2: int) -> str:
        if i1 >= i2:
            return ""
        s, _ = query.to_original(q_tokens[i1].start, q_tokens[i1].end)
        _, e = query.to_original(q_tokens[i2 - 1].start, q_tokens[i2 - 1].end)
        return segment.raw[s:e]

    def source_text(j1: int, j2: int) -> str:
        if j1 >= j2:
            return ""
        s, _ = tol.to_original(s_tokens[j1].start, s_tokens[j1].end)
        _, e = tol.to_original(s_tokens[j2 - 1].start, s_tokens[j2 - 1].end)
        return source[s:e]

    out: list[DiffOp] = []
    edits = excused = word_edits = other_word_edits = 0
    for op in ops:
        q_side, s_side = q_tokens[op.i1 : op.i2], s_tokens[op.j1 : op.j2]
        if op.tag == "equal":
            out.append(DiffOp("equal", quote_text(op.i1, op.i2), source_text(op.j1, op.j2)))
            continue
        if op.excused == "bracket":
            bracket = segment.brackets[op.i1]  # for a bracket op, i1 holds the bracket's index
            edge = _bracket_edge(segment, op.i1)
            replaced, critical = _judge_bracket(bracket, source_text(op.j1, op.j2), edge)
            if edge == "start" and not critical and _ends_quotation(replaced):
                critical = _names_another_speaker(
                    bracket, [t.word for t in s_tokens[op.j2 :] if is_name(t)], is_name
                )
            if not critical and op.j1 < op.j2:
                critical = _names_an_absent_person(
                    bracket,
                    replaced,
                    edge,
                    source,
                    tol.to_original(s_tokens[op.j1].start, s_tokens[op.j1].end)[0],
                    tol.to_original(s_tokens[op.j2 - 1].start, s_tokens[op.j2 - 1].end)[1],
                )
            out.append(DiffOp("replace" if replaced else "delete", bracket, replaced, critical))
            continue
        q_text, s_text = quote_text(op.i1, op.i2), source_text(op.j1, op.j2)
        if op.tag == "replace" and _same_compound(q_side, s_side, s_text):
            # "twenty-five" against "twenty-⏎five": the compound as the source prints it, broken
            # at its own hyphen, which the tolerant tier took for a divided word.
            out.append(DiffOp("equal", q_text, s_text))
            continue
        cost = Levenshtein.distance(
            " ".join(t.key for t in q_side), " ".join(t.key for t in s_side)
        ) + (1 if op.tag != "replace" else 0)  # the space next to an added or dropped word
        if set(range(op.i1, op.i2)) <= q_skip and set(range(op.j1, op.j2)) <= s_skip:
            # A figure written another way with the same value ("per cent" for "%"): shown,
            # and counted in the score, but no more a changed word than a curly quote is.
            excused += cost
            critical = False
        elif op.tag == "delete" and _is_parenthetical(q_text):
            # An author's insertion: shown, but it does not decide the verdict; still critical
            # when it adds a number or a negation (SPEC §6), but a name in it is a clarification.
            critical = _critical(q_side, [], lambda t: False)
            excused += cost
        else:
            critical = (
                is_critical(op.i1, op.i2, op.j1, op.j2)
                or id(op) in swapped
                or _sign_changed(op, q_signs, s_signs, q_tokens, s_tokens)
            )
            edits += cost
            changed = max(_count_words(q_side), _count_words(s_side))
            word_edits += changed
            if critical:
                q_rest, s_rest = _besides_negation(q_side), _besides_negation(s_side)
                changed = max((q_rest - s_rest).total(), (s_rest - q_rest).total())
            other_word_edits += changed
        out.append(DiffOp(op.tag, q_text, s_text, critical))
    return _SegmentDiff(out, edits, excused, word_edits, other_word_edits, _count_words(q_tokens))


def _same_compound(q_side: list[_Token], s_side: list[_Token], s_text: str) -> bool:
    """Whether the quote's words are the source's but for compounds' hyphens that the source
    has at a line end (`_across_compound_breaks`)."""
    if _LINE_END_HYPHEN.search(s_text) is None:
        return False
    q_keys = "".join(t.key for t in q_side if t.key != "-")
    return q_keys == "".join(t.key for t in s_side if t.key != "-") and len(q_side) > len(s_side)


#: Signs a figure may carry. The tolerant tier writes every minus and dash as `-`; the
#: original character tells a sign ("−£450,000", "-5 °C") from a hyphen ("mid-2020").
_SIGNS = frozenset("-+\u00b1\u2212\u2010\u2011\u2012\u2013\ufe63\uff0d\uff0b")
#: Signs that give a figure no direction: a plus, or a plus-minus margin (`_sign_changed`).
_UNDIRECTED = frozenset("+\u00b1\uff0b")


def _signs(tokens: list[_Token], norm: Normalised, original: str) -> set[int]:
    """The indices of `tokens` that are the sign of a figure: a minus or plus written right
    before digits (or a currency sign and digits) and after no letter or digit. A hyphen
    inside a word or between figures ("COVID-19", "10-12") is no sign."""
    out: set[int] = set()
    for n, token in enumerate(tokens[:-1]):
        if token.word not in _SIGNS:
            continue
        start, end = norm.to_original(token.start, token.end)
        if start and (original[start - 1].isalnum() or original[start - 1] == "_"):
            continue
        # Written against the figure in the original: the tolerant tier drops the spaces
        # around every dash, so "a – 5 per cent share" would look signed there.
        after = tokens[n + 1]
        if not after.key[0].isdigit():
            if after.key[0].isalnum() or n + 2 >= len(tokens):
                continue
            figure = tokens[n + 2]  # a currency sign between: "−£450,000"
            if not figure.key[0].isdigit() or figure.start != after.end:
                continue
        if norm.to_original(after.start, after.end)[0] != end:
            continue
        out.add(n)
    return out


def _sign_changed(
    op: _Op,
    q_signs: set[int],
    s_signs: set[int],
    q_tokens: list[_Token],
    s_tokens: list[_Token],
) -> bool:
    """Whether `op` adds, drops or changes the sign of a figure: "£450,000" for "−£450,000" is
    a surplus for a deficit, "5 °C" for "-5 °C" ten degrees off.

    Only a minus counts (`_UNDIRECTED`): "12%" for "+12%" is the same value, and "3 per cent"
    for "±3 per cent" the same size of margin ("a margin of error of 3 points" is how most
    writers put it), so those are left to the approximate verdict and its diff, which shows
    the dropped sign. "±3" for "−3" still drops a minus.
    """
    q_side = [q_tokens[i].key for i in range(op.i1, op.i2) if i in q_signs]
    s_side = [s_tokens[j].key for j in range(op.j1, op.j2) if j in s_signs]
    return [w for w in q_side if w not in _UNDIRECTED] != [
        w for w in s_side if w not in _UNDIRECTED
    ]


#: Words that set two things against each other, besides the negators: "A rather than B",
#: "more A than B", "A instead of B", "A versus B".
_CONTRASTS = _folded("than rather instead versus vs")
#: Most tokens between the two sides of a contrast ("visitors, and not residents").
_CONTRAST_REACH = 4


def _swapped_around_contrast(
    ops: list[_Op], q_tokens: list[_Token], s_tokens: list[_Token]
) -> set[int]:
    """The `id`s of replace ops that exchange the two sides of a contrast: "residents, not
    visitors" for "visitors, not residents", "listed, not levelled" for "levelled, not
    listed", "not visitors but residents" for "not residents but visitors". Each side alone is an ordinary changed word, but together they say the opposite;
    an exchange around anything else ("swift and decisive") is left to the score."""
    out: set[int] = set()
    replaced = [op for op in ops if op.tag == "replace"]
    for n, first in enumerate(replaced):
        q1 = [t.key for t in q_tokens[first.i1 : first.i2]]
        s1 = [t.key for t in s_tokens[first.j1 : first.j2]]
        for second in replaced[n + 1 :]:
            if second.i1 - first.i2 > _CONTRAST_REACH:
                break
            q2 = [t.key for t in q_tokens[second.i1 : second.i2]]
            s2 = [t.key for t in s_tokens[second.j1 : second.j2]]
            if q1 != s2 or s1 != q2 or q1 == s1:
                continue
            between = q_tokens[first.i2 : second.i1]
            # "not (the) A but B": the negation comes before the first side.
            negated = any(map(_is_negator, q_tokens[max(0, first.i1 - 2) : first.i1]))
            if any(
                _is_negator(t) or t.key in _CONTRASTS or (negated and t.key == "but")
                for t in between
            ):
                out |= {id(first), id(second)}
    return out


def _split_mark_changes(
    ops: list[_Op], q_tokens: list[_Token], s_tokens: list[_Token]
) -> list[_Op]:
    """`ops` with each word the tolerant tier found equal but the quote spells with other
    accents (`_mark_change`: Vietnamese "Hưng" for "Hùng") made a replace op of its own."""
    out: list[_Op] = []
    for op in ops:
        if op.tag != "equal":
            out.append(op)
            continue
        i, j = op.i1, op.j1
        for k in range(op.i2 - op.i1):
            if _mark_change(q_tokens[op.i1 + k].word, s_tokens[op.j1 + k].word):
                if op.i1 + k > i:
                    out.append(_Op("equal", i, op.i1 + k, j, op.j1 + k))
                out.append(_Op("replace", op.i1 + k, op.i1 + k + 1, op.j1 + k, op.j1 + k + 1))
                i, j = op.i1 + k + 1, op.j1 + k + 1
        if i < op.i2:
            out.append(_Op("equal", i, op.i2, j, op.j2))
    return out


def _marks_changed(quote: _Quote, source: str, chain: list[_Hit], to_original: ToOriginal) -> bool:
    """Whether a chain found by the tolerant tier spells a word of the quote with other
    accents than the source does (`_mark_change`): the tolerant tier folds them away, so the
    chain is no proof; the approximate tier shows the word."""
    for segment, hit in zip(quote.segments, chain, strict=True):
        s, e = to_original(hit.start, hit.end)
        q_tokens = _plain_tokens(segment.blanked)
        s_tokens = _plain_tokens(source[s:e])
        pairs: Iterable[tuple[_Token, _Token]]
        if not segment.brackets and len(q_tokens) == len(s_tokens):
            pairs = zip(q_tokens, s_tokens, strict=True)
        else:
            matcher = difflib.SequenceMatcher(
                None, [t.key for t in q_tokens], [t.key for t in s_tokens], autojunk=False
            )
            pairs = (
                (q_tokens[a + k], s_tokens[b + k])
                for a, b, size in matcher.get_matching_blocks()
                for k in range(size)
            )
        if any(q.key == t.key and _mark_change(q.word, t.word) for q, t in pairs):
            return True
    return False


def _count_words(tokens: list[_Token]) -> int:
    return sum(1 for t in tokens if t.key[0].isalnum() or t.key[0] == "_")


@dataclass(frozen=True)
class _SegmentDiff:
    ops: list[DiffOp]
    edits: int  # Levenshtein distance of the changed words that count
    excused: int  # the same for an author's parenthetical, or a figure written another way
    word_edits: int  # words changed, added or dropped (the larger side of each op)
    other_word_edits: int  # the same, leaving the negation out of critical ops
    words: int  # words in the quote segment


def _place_brackets(
    segment: _Segment,
    query: Normalised,
    q_tokens: list[_Token],
    ops: list[_Op],
    judge: Callable[[int, int, int, int], tuple[bool, int]],
) -> list[_Op]:
    """Turn the source words at each bracket's position into a bracket op (not counted).

    When the words at the bracket's position were also changed (`in [the port city] warmly
    welcomed` against `in Valmora welcomed`), the diff has one replace op for both; the source
    words are then split between the bracket and the rest so that the rest has the fewest
    critical changes, then the fewest edits (`judge(i1, i2, j1, j2)` gives both).
    """
    if not segment.brackets:
        return ops

    def split(n: int, op: _Op, b: int, at_start: bool) -> None:
        best: tuple[tuple[bool, int], int] | None = None
        for m in range(min(MAX_BRACKET_WORDS, op.j2 - op.j1) + 1):
            key = (
                judge(op.i1, op.i2, op.j1 + m, op.j2)
                if at_start
                else judge(op.i1, op.i2, op.j1, op.j2 - m)
            )
            if best is None or key < best[0]:
                best = (key, m)
        m = best[1] if best is not None else 0
        if at_start:
            bracket = _Op("bracket", b, b, op.j1, op.j1 + m, excused="bracket")
            rest = _Op("replace" if op.j1 + m < op.j2 else "delete", op.i1, op.i2, op.j1 + m, op.j2)
            ops[n : n + 1] = [bracket, rest]
        else:
            rest = _Op("replace" if op.j1 < op.j2 - m else "delete", op.i1, op.i2, op.j1, op.j2 - m)
            bracket = _Op("bracket", b, b, op.j2 - m, op.j2, excused="bracket")
            ops[n : n + 1] = [rest, bracket]

    for b, (raw_start, _) in enumerate(segment.bracket_spans):
        # The bracket sits before the first quote token that starts after it.
        slot = sum(1 for t in q_tokens if query.to_original(t.start, t.end)[0] < raw_start)
        for n, op in enumerate(ops):
            if op.tag == "insert" and op.i1 == slot and op.j2 - op.j1 <= MAX_BRACKET_WORDS * 2:
                ops[n] = _Op("bracket", b, b, op.j1, op.j2, excused="bracket")
                break
            if op.i1 <= slot < op.i2 and op.tag == "equal" and op.i1 < slot:
                j = op.j1 + (slot - op.i1)
                ops[n : n + 1] = [
                    _Op("equal", op.i1, slot, op.j1, j),
                    _Op("bracket", b, b, j, j, excused="bracket"),
                    _Op("equal", slot, op.i2, j, op.j2),
                ]
                break
            if op.i1 == slot and op.tag == "replace":
                split(n, op, b, at_start=True)
                break
            if op.i2 == slot and op.tag == "replace" and op.i1 < slot:
                split(n, op, b, at_start=False)
                break
            if op.i1 == slot and op.tag != "bracket":
                ops.insert(n, _Op("bracket", b, b, op.j1, op.j1, excused="bracket"))
                break
        else:
            last_j = ops[-1].j2 if ops else 0
            ops.append(_Op("bracket", b, b, last_j, last_j, excused="bracket"))
    return ops


# ---------------------------------------------------------------------------- entry point


#: Words that go with a negator and are part of the negation: "still not", "not yet", "not
#: even", "never again", "no longer", "hardly ever".
_BEFORE_NEGATOR = frozenset({"still"})
_AFTER_NEGATOR = frozenset({"yet", "even", "again", "ever", "longer"})

#: A negation as the tolerant text spells it: a negator with the words that go with it.
_NEGATION = (
    "(?:still )?(?:"
    + "|".join(sorted(NEGATORS, key=len, reverse=True))
    + ")(?: (?:"
    + "|".join(sorted(_AFTER_NEGATOR))
    + "))?"
)

#: The verb of a negated form that is not the verb plus "n't".
_VERB_OF = {"can't": "can", "cannot": "can", "won't": "will", "shan't": "shall"}
_NEGATED = {"can": ("can't", "cannot"), "will": ("won't",), "shall": ("shan't",)}


def _either_form(word: str) -> str:
    """A pattern for `word` and its negated forms, their common start written out first (a
    pattern that starts with a literal is searched for as fast as `str.find`)."""
    forms = (word, *_NEGATED.get(word, (word + "n't",)))
    start = os.path.commonprefix(forms)
    rests = sorted((f[len(start) :] for f in forms), key=len, reverse=True)
    return re.escape(start) + "(?:" + "|".join(re.escape(r) for r in rests) + ")"


def _in_negation(keys: list[str], i: int) -> bool:
    """Whether `keys[i]` is a negator, or a word that goes with the negator beside it."""
    key = keys[i]
    if key in NEGATORS and key not in _VERB_OF:
        return True
    if _negating_pair_at(keys, i) or (i > 0 and _negating_pair_at(keys, i - 1)):
        return True  # "far" or "from" of "far from"
    if key in _BEFORE_NEGATOR:
        return i + 1 < len(keys) and keys[i + 1] in NEGATORS
    if key in _AFTER_NEGATOR:
        return i > 0 and keys[i - 1] in NEGATORS
    return False


def _besides_negation(tokens: list[_Token]) -> Counter[str]:
    """The words other than the negation: no negators, nor the words that go with one ("not
    yet", "no longer", "still not"), and a negated verb as its verb ("weren't", "won't" and
    "cannot" as "were", "will", "can")."""
    kept: Counter[str] = Counter()
    keys = [t.key for t in tokens]
    for i, key in enumerate(keys):
        if not (key[0].isalnum() or key[0] == "_"):
            continue
        if key in _VERB_OF:
            kept[_VERB_OF[key]] += 1
        elif key.endswith("n't"):
            kept[key[:-3]] += 1
        elif not _in_negation(keys, i):
            kept[key] += 1
    return kept


_CHUNK = re.compile(r"(\W*)(.*?)(\W*)")


def _negation_changed(quote: _Quote, layer: TextLayer) -> MatchResult | None:
    """A quote whose words are in the source, in order, with only a negation added or dropped
    (`were disrupted` against `were not disrupted`, `weren't disrupted` or `were not yet
    disrupted`): `mismatch`. Nothing else may differ, so that even three words cannot match by
    chance. Tried for a quote too short to align, and for one the alignment could not place (an
    inserted "not yet" is many edits in a short quote)."""
    if len(quote.segments) != 1 or quote.has_brackets:
        return None
    segment = quote.segments[0]
    query = _normalise_cached(segment.raw, True)
    chunks = [_CHUNK.fullmatch(c) for c in query.text.split(" ") if c]
    cores = [m.group(2) if m else "" for m in chunks]
    parts = [
        _word_pattern(
            m.group(1), _VERB_OF.get(m.group(2), m.group(2).removesuffix("n't")), m.group(3)
        )
        for i, m in enumerate(chunks)
        if m is not None and m.group(2) and not _in_negation(cores, i)
    ]
    if len(parts) < 2:
        return None
    tol = _layer_normalised(layer.text, True)
    text = tol.text
    for first in parts[0].finditer(text):
        start, pos = first.start(), first.end()
        if start and _is_word_char(text[start - 1]):
            continue
        # The other words follow, each after a space and any run of negations between. The run
        # is taken greedily, with no going back: a quote word that could also belong to a
        # negation ("even") may then be missed, which leaves the quote `not_found`.
        for part in parts[1:]:
            gap = _NEGATION_RUN.match(text, pos)
            word = part.match(text, gap.end()) if gap is not None else None
            if word is None:
                break
            pos = word.end()
        else:
            if pos < len(text) and _is_word_char(text[pos]):
                continue
            before = _NEGATIONS_BEFORE.search(text, max(0, start - 60), start)
            if before is not None and (
                before.start() == 0 or not _is_word_char(text[before.start() - 1])
            ):
                start = before.start()
            result = _judge(quote, layer, tol, [query], [(start, pos)]).result
            if result.verdict is Verdict.MISMATCH:
                return result
    return None


#: Between two words of the quote: a space, or a run of negations with spaces around them.
_NEGATION_RUN = re.compile(rf"(?: {_NEGATION})* ")
_NEGATIONS_BEFORE = re.compile(rf"(?:{_NEGATION} )+\Z")


@lru_cache(maxsize=1024)
def _word_pattern(before: str, word: str, after: str) -> re.Pattern[str]:
    """One word of the quote, negated or not, with the punctuation written next to it."""
    return re.compile(re.escape(before) + _either_form(word) + re.escape(after))


def _match_exactly(quote: _Quote, layer: TextLayer) -> MatchResult | None:
    """The exact, normalised and tolerant tiers on one layer: `verified` (or `mismatch`, see
    `_verified`), or `None`.

    A chain whose bracket or ellipsis changes the meaning is a `mismatch` only if no other
    place in the layer has the quote as written ("We will … raise tariffs" against a page that
    says "We will not raise tariffs" in January and "We will, if necessary, raise tariffs" in
    March); the places looked at are bounded by `MAX_OCCURRENCES` of the anchor segment.
    """
    flagged: MatchResult | None = None
    for tier in (Tier.EXACT, Tier.NORMALISED, Tier.TOLERANT):
        if tier is Tier.EXACT:
            hay, to_original = layer.text, _identity
        else:
            norm = _layer_normalised(layer.text, tier is Tier.TOLERANT)
            hay, to_original = norm.text, norm.to_original
        for chain in _chains(quote, tier, hay):
            if tier is Tier.TOLERANT and _marks_changed(quote, layer.text, chain, to_original):
                continue
            result = _verified(quote, layer, tier, hay, chain, to_original)
            if result.verdict is Verdict.VERIFIED:
                return result
            flagged = flagged or result
            if not quote.has_brackets and len(quote.segments) == 1:
                break  # only brackets and ellipses can make a found chain a mismatch
        if flagged is not None:
            return flagged
    return _across_compound_breaks(quote, layer)


#: A hyphen ending a line (the tolerant tier joins the words around it, `normalise`).
_LINE_END_HYPHEN = re.compile("[-\u2010][ \t]*[\n\r\x0b\x0c\x85\u2028\u2029]")
#: A hyphen between two letters of a quote's tolerant text: a compound ("twenty-five").
_COMPOUND_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
#: The two words around such a hyphen (the second one looked ahead at: "twenty-five-year").
_COMPOUND = re.compile(r"([^\W\d_]+)-(?=([^\W\d_]+))")


@lru_cache(maxsize=4096)
def _compound_joins(quote: _Quote) -> tuple[str, ...]:
    """The quote's compounds as the tolerant tier writes them when they break across lines
    at their own hyphen ("twentyfive"); none for a quote with brackets (whose patterns are
    regexes of their own)."""
    if quote.has_brackets or "-" not in _normalise_cached(quote.text, True).text:
        return ()
    return tuple(
        m.group(1) + m.group(2)
        for s in quote.segments
        for m in _COMPOUND.finditer(_normalise_cached(s.raw, True).text)
    )


def _compound_patterns(quote: _Quote) -> list[_Pattern | None]:
    """Tolerant patterns of the quote's segments in which each compound's hyphen may be
    missing (`(-?)`, a group of its own)."""
    out: list[_Pattern | None] = []
    for segment in quote.segments:
        text = _normalise_cached(segment.raw, True).text
        pieces = _COMPOUND_HYPHEN.split(text)
        if len(pieces) == 1:
            out.append(_Pattern(text) if text else None)
            continue
        regex = re.compile("(-?)".join(map(re.escape, pieces)))
        out.append(_Pattern(max(pieces, key=len), regex, len(text) * 2))
    return out


def _across_compound_breaks(quote: _Quote, layer: TextLayer) -> MatchResult | None:
    """The quote found by the tolerant tier where a compound of it breaks across lines at its
    own hyphen ("twenty-⏎five", "marina-⏎first" in a plain-text or PDF source): `verified`.

    The tolerant tier joins the halves of a word hyphenated at a line end ("recov-⏎ery" is
    "recovery"); it cannot tell a compound from a divided word without a dictionary, so a
    compound reads as one word there ("twentyfive"). The quote's compound hyphens are made
    optional, and each one found missing must be a hyphen at a line end in the source: the
    source prints the compound as quoted. Only for a quote with a compound, against a layer
    that has one of its compounds written as one word, once the tiers found nothing.
    """
    joins = _compound_joins(quote)
    if not joins:
        return None
    norm = _layer_normalised(layer.text, True)
    hay = norm.text
    if not any(joined in hay for joined in joins):
        return None
    for chain in _chains(quote, Tier.TOLERANT, hay, _compound_patterns(quote)):
        joined = [
            (start, end) for hit in chain for start, end in hit.groups if start == end and start
        ]
        if all(
            _LINE_END_HYPHEN.search(
                layer.text, norm.to_original(at - 1, at)[1], norm.to_original(at, at + 1)[0]
            )
            for at, _ in joined
        ):
            plain = [_Hit(hit.start, hit.end) for hit in chain]
            return _verified(quote, layer, Tier.TOLERANT, hay, plain, norm.to_original)
    return None


#: The fewest n-grams of a quote that the first layer must have before a quote found only in
#: a later layer is aligned in it, and the quote length from which they are disjoint triples
#: (`_worth_aligning`).
_CONTRADICTION_MIN_GRAMS = 2
_DISJOINT_FROM = 12
#: The most places of the anchoring n-gram looked around.
_MAX_ANCHOR_PLACES = 16


#: A "+" or "±" that signs a figure ("+12%", "±3"), not one between two ("5+3", "C++").
_UNDIRECTED_SIGN = re.compile(r"(?<![\w+±])[+±](?=\d)")


def _without_added_signs(quote: str, layers: list[TextLayer]) -> MatchResult | None:
    """An `approximate` result when the quote is found once the "+" or "±" it puts before a
    figure is taken off: "+12% this year" for "12% this year" states the same value, as a
    dropped "+" does (`_sign_changed`), only too short a quote to be aligned, where the diff
    would show it. Else None. Read only for a quote with such a sign that was not found."""
    if not _UNDIRECTED_SIGN.search(quote):
        return None
    bare = _parse_quote(_UNDIRECTED_SIGN.sub("", quote), False)
    if not bare.segments:
        return None
    for layer in layers:
        found = _match_exactly(bare, layer)
        if found is not None and found.verdict is Verdict.VERIFIED:
            signs = ", ".join(sorted({f"'{m.group()}'" for m in _UNDIRECTED_SIGN.finditer(quote)}))
            return replace(
                found,
                verdict=Verdict.APPROXIMATE,
                tier=Tier.APPROXIMATE,
                detail=f"found in {layer.name} without the quote's {signs} before the figure",
            )
    return None


def _worth_aligning(quote: _Quote, hay: str) -> bool:
    """Whether the tolerant text `hay` may hold a close passage of `quote`: enough of the
    quote's word triples occur in it. A changed number, name or negation spoils only the
    triples it falls in, so a close passage keeps the others; a caption or an aside of other
    words shares few (the page's template shares pairs of words, "officials in", rarely
    triples). A quote of 12 words or more is cut into disjoint triples, most of which must be
    there; a shorter one is read as overlapping triples (pairs below seven words), all but
    three (two) of which must be, and at least two: one changed word spoils no more.

    Each n-gram is one `in` over the text, stopped as soon as the answer is known: a quote
    found in a caption would otherwise pay for an alignment in the main text every time (six
    times as slow, measured before this filter existed).
    """
    words = [w for s in quote.segments for w in _normalise_cached(s.blanked, True).text.split()]
    if len(words) >= _DISJOINT_FROM:
        grams = [" ".join(words[i : i + 3]) for i in range(0, len(words) - 2, 3)]
        need = max(_CONTRADICTION_MIN_GRAMS, len(grams) - max(2, len(grams) // 3))
    else:
        size = 3 if len(words) >= 7 else 2
        grams = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
        need = max(_CONTRADICTION_MIN_GRAMS, len(grams) - size)  # one word spoils `size`
    if len(grams) < need:
        return False
    # An n-gram found anchors the search: every place it occurs (a few at most: most triples
    # are rare) is a place the passage may be, and the n-grams after it are looked for only
    # around those places, close enough to be the same passage.
    reach = len(" ".join(words)) * 3 // 2 + 8
    for n, gram in enumerate(grams[: len(grams) - need + 1]):
        places: list[int] = []
        at = hay.find(gram)
        while at != -1 and len(places) < _MAX_ANCHOR_PLACES:
            places.append(at)
            at = hay.find(gram, at + 1)
        if not places:
            continue
        rest = grams[n + 1 :]
        for place in places:
            lo, hi = max(0, place - reach), place + reach
            if sum(hay.find(other, lo, hi) != -1 for other in rest) + 1 >= need:
                return True
        # Found, but not with enough of the others: the change may have spoiled it where the
        # passage is while it occurs elsewhere ("the council approved" the budget), so the
        # next n-gram anchors the search in turn.
    return False


def _unless_contradicted(
    quote: _Quote, found: MatchResult, later: TextLayer, earlier: list[TextLayer]
) -> MatchResult:
    """`found` (the quote verified in the `later` layer: the whole page, JSON-LD), or a
    `mismatch` when the first layer, the article's main text, has a close passage that differs
    from the quote in a number, name or negation, and `later` is a stale copy of that passage.

    A corrected article keeps its old wording where the site did not regenerate it: the
    JSON-LD `articleBody`, a "Key facts" box, a cached teaser. The visible article is what the
    source says now, so the quote of the old wording is a `mismatch` with the main text's
    passage as evidence, and the detail says where the old words are. Aligning costs, so only
    when the main text shares most of the quote's word n-grams (`_worth_aligning`).

    The close passage contradicts only where `later`'s version of it differs from main's:
    - main's passage that only lacks words of the quote (a struck "was £20, now £15" the main
      text reads "was , now £15", an inline hidden word) says nothing against them, unless the
      word it lacks is a negation (`_only_left_out`);
    - a layer that is a copy of its own (JSON-LD, Next.js data) and holds main's passage as main
      has it, beside the quote's, is a fuller copy, not an older one: a metered page shows its
      lead, its JSON-LD the whole article, lead and all (`_holds_main_passage`). The whole-page
      layer is no such witness: it is the main text plus what the extractor left out of it
      (hidden or struck text, asides), so it holds main's passage by construction.
    """
    if not earlier or found.evidence is None:
        return found
    first = earlier[0]
    left_out = _left_out_run(first, later, found.evidence) if later.name == "page" else ""
    if left_out:
        # Struck or hidden inline text with nothing in its place: the page shows the words,
        # but taken back ("The council <s>unanimously</s> approved"), so the quote is found,
        # not verified, and the detail says which words the main text leaves out.
        return replace(
            found,
            verdict=Verdict.APPROXIMATE,
            detail=f"{found.detail}, but the {first.name} text leaves out '{left_out}' "
            "(struck through or hidden on the page)",
        )
    if not _worth_aligning(quote, _layer_normalised(first.text, True).text):
        return found
    result = _approximate(quote, first)
    if result.verdict is not Verdict.MISMATCH or result.evidence is None:
        return found
    if _only_left_out(result.diff) or _same_characters(result.diff):
        return found
    if later.name != "page" and _holds_main_passage(first, result.evidence, later, found.evidence):
        return found
    return replace(
        result,
        detail=f"{result.detail}; the quote as written is only in {found.evidence.matched_in}, "
        f"which {first.name} contradicts",
    )


def _only_left_out(diff: tuple[DiffOp, ...] | None) -> bool:
    """Whether the main text's passage is the quote with words left out and nothing put in
    their place: every difference a `delete` (the quote has words the passage lacks), none of
    them a negation. Words the main text lacks are words the extractor left out of it (struck
    or hidden inline), not words it contradicts; a left-out "not" still reverses the claim.
    """
    if not diff:
        return False
    for op in diff:
        if op.op == "equal":
            continue
        if op.op != "delete" or any(_is_negator(t) for t in _plain_tokens(op.quote)):
            return False
    return True


#: The most words of a quote for which every run it could lose is tried (`_left_out_run`).
_LEFT_OUT_MAX_WORDS = 40
_WORD_RUN = re.compile(r"\w+")


@lru_cache(maxsize=8)
def _word_keys(text: str) -> str:
    """The tolerant words of a layer's text, each between spaces: what `_left_out_run` looks
    words up in, punctuation and all else aside. Read for each quote the main text lacks but
    the whole page has (captions, asides): cached like `_layer_normalised`, as rebuilding it
    costs ~2.5 ms a quote on a 160 KB page."""
    return " " + " ".join(_WORD_RUN.findall(_layer_normalised(text, True).text)) + " "


def _keyed(words: list[str]) -> list[str]:
    """Each of `words` in its tolerant form (empty when it has none)."""
    return ["".join(_WORD_RUN.findall(_normalise_cached(w, True).text)) for w in words]


def _as_written(text: str, start: int, end: int) -> str:
    """`text[start:end]` widened to the white space around it, without the punctuation that
    closes it: "£20" of "was £20, now", not "20"."""
    while start and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].rstrip(",;:.!?")


def _left_out_run(main: TextLayer, later: TextLayer, quoted: Evidence) -> str:
    """The words of the quote's passage in `later` that the main text leaves out, when main
    has that passage, with the words just before and after it, but for one run of the quote's
    words and nothing in its place: "unanimously" of "The council <s>unanimously</s> approved",
    "a local teacher" of "The suspect, <del>a local teacher,</del> was arrested". Else "".

    That is struck or hidden inline text (the page layer keeps it, trafilatura does not): the
    source shows the words, but as taken back. A run with a negation is no such case: main
    then says the opposite (`_unless_contradicted`). A run at the quote's edge counts only
    with the source's words beyond it, so a quote running into a hidden "Read more" part,
    which main lacks as a whole, is none; and main must keep at least two of the quote's words,
    and no fewer than the run has, so a caption (which main leaves out whole) is none either.
    """
    spans = [m.span() for m in _WORD_RUN.finditer(quoted.text)]
    words = [quoted.text[a:b] for a, b in spans]
    n = len(words)
    if n < 2 or n > _LEFT_OUT_MAX_WORDS:
        return ""
    keys = _keyed(words)
    if not all(keys):
        return ""
    reach = 24 * _NEIGHBOUR_WORDS
    before = _keyed(_WORD_RUN.findall(later.text[max(0, quoted.start - reach) : quoted.start]))
    after = _keyed(_WORD_RUN.findall(later.text[quoted.end : quoted.end + reach]))
    before = [k for k in before if k][-_NEIGHBOUR_WORDS:]
    after = [k for k in after if k][:_NEIGHBOUR_WORDS]
    hay = _word_keys(main.text)

    def has(words: list[str]) -> bool:
        return " " + " ".join(words) + " " in hay

    # What main keeps of the quote is a prefix and a suffix of it, each found on its own: the
    # longest of them bound where the run may start and end, a few look-ups in all.
    first = 0
    while first < n - 1 and has(keys[: first + 1]):
        first += 1
    last = 0
    while last < n - 1 and has(keys[n - last - 1 :]):
        last += 1
    for size in range(max(1, n - first - last), n):
        for i in range(min(first, n - size) + 1):
            j = i + size
            if j < n - last or (i == 0 and not before) or (j == n and not after):
                continue
            if i + n - j < max(2, size):
                # Main keeps too little of the quote to call the rest taken back: a caption
                # between two paragraphs, whose first word or two main has by chance.
                continue
            head = before + keys[:i] if i == 0 else keys[:i]
            tail = keys[j:] + after if j == n else keys[j:]
            if " " + " ".join(head + tail) + " " not in hay:
                continue
            run = _as_written(quoted.text, spans[i][0], spans[j - 1][1])
            if any(_is_negator(t) for t in _plain_tokens(run)):
                return ""
            return run
    return ""


#: What tells two spellings of one text apart without changing a character of it: white space
#: (a line break the extractor put before a superscript) and the caret of "mc^2".
_LAYOUT = re.compile(r"[\s^]+")


def _same_characters(diff: tuple[DiffOp, ...] | None) -> bool:
    """Whether every difference of the main text's passage from the quote is layout: the same
    characters, once compatibility forms are folded ("km²" and "1.ª" as "km2", "1.a") and white
    space and carets are taken out. The main text of a short page may break a line before a
    superscript ("km⏎2"); that is the extractor's, not the source's other words."""
    if not diff:
        return False

    def folded(text: str) -> str:
        return _LAYOUT.sub("", unicodedata.normalize("NFKC", text).casefold())

    changed = [op for op in diff if op.op != "equal"]
    return bool(changed) and folded("".join(op.quote for op in changed)) == folded(
        "".join(op.source for op in changed)
    )


#: How many words either side of a passage tell where it sits (`_holds_main_passage`).
_NEIGHBOUR_WORDS = 3


def _neighbours(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The tolerant words just before `text[start:end]` and just after it."""
    reach = 24 * _NEIGHBOUR_WORDS
    before = _normalise_cached(text[max(0, start - reach) : start], True).text.split()
    after = _normalise_cached(text[end : end + reach], True).text.split()
    # A word cut by the reach is no neighbour.
    if start > reach:
        before = before[1:]
    if end + reach < len(text):
        after = after[:-1]
    return before[-_NEIGHBOUR_WORDS:], after[:_NEIGHBOUR_WORDS]


def _holds_main_passage(
    main: TextLayer, passage: Evidence, later: TextLayer, quoted: Evidence
) -> bool:
    """Whether `later` has the main text's `passage` as main has it, apart from the quote's own
    passage `quoted`, with the quote's passage not sitting where main's is.

    Then `later` agrees with main about that passage and the quote is about another one (the
    2019 figure of a JSON-LD `articleBody` beside the 2024 lead the page shows). The quote's
    passage sits where main's passage is when the words just before or after it are the ones
    just before or after main's passage: `later` has main's passage elsewhere (a summary) and
    an older version of it in its place.
    """
    wanted = _normalise_cached(main.text[passage.start : passage.end], True).text.strip()
    if not wanted:
        return False
    norm = _layer_normalised(later.text, True)
    at = norm.text.find(wanted)
    while at != -1:
        start, end = norm.to_original(at, at + len(wanted))
        if end <= quoted.start or start >= quoted.end:
            break
        at = norm.text.find(wanted, at + 1)
    if at == -1:
        return False
    main_before, main_after = _neighbours(main.text, passage.start, passage.end)
    q_before, q_after = _neighbours(later.text, quoted.start, quoted.end)
    sits = (len(main_before) == _NEIGHBOUR_WORDS and main_before == q_before) or (
        len(main_after) == _NEIGHBOUR_WORDS and main_after == q_after
    )
    return not sits


#: What a fault in matching one claim raises: a bug on an input nobody foresaw (an `int` of
#: "10⁶", an index off a token list). Not `Exception`: a worker's time limit and an unreadable
#: source are raised through `match_quote` on purpose and must reach `verify`.
_MATCHING_FAULTS = (ArithmeticError, LookupError, TypeError, ValueError, AssertionError)


def match_quote(
    quote: str, layers: Iterable[TextLayer], *, kind: ClaimKind = ClaimKind.QUOTE
) -> MatchResult:
    """Find `quote` in the text `layers` of one source and decide its verdict (`_match_quote`).

    A fault while matching this one quote is its own `error` result, logged with its
    traceback, not an exception: one odd claim must never stop a run and hide every other
    claim's verdict (a "3.4 × 10⁶" once ended a whole run with exit 2).
    """
    try:
        return _match_quote(quote, layers, kind=kind)
    except _MATCHING_FAULTS as exc:
        # The traceback with -v (debug logging), as for the CLI's own internal errors.
        logger.warning(
            "internal error while matching %r: %s: %s",
            quote,
            type(exc).__name__,
            exc,
            exc_info=logger.isEnabledFor(logging.DEBUG),
        )
        return MatchResult(
            Verdict.ERROR,
            0.0,
            detail=f"internal error while matching this quote: {type(exc).__name__}: {exc}",
        )


def _match_quote(quote: str, layers: Iterable[TextLayer], *, kind: ClaimKind) -> MatchResult:
    """Find `quote` in the text `layers` of one source and decide its verdict.

    Layers are consumed lazily and in order; the first `verified` ends the search, otherwise the
    best result wins (verified > approximate > mismatch > not_found, then the higher score).
    `kind=ClaimKind.TERM` matches whole words by the exact, normalised and tolerant tiers only.

    The exact, normalised and tolerant tiers run on every layer before the approximate tier runs
    on any: the approximate tier never gives `verified`, so a quote in a caption (found exactly
    in the whole-page layer) no longer pays for an alignment in the main-content layer first.

    The whole-page layer of an HTML source holds the main content too, so once the approximate
    tier has placed the quote in `main` (`approximate` or `mismatch`), aligning it again in
    `page` finds the same passage: it is skipped. A near miss in `main` (`not_found` with
    evidence) does not count, since the quote may still be a changed caption or aside, found only
    in `page`. Checked on the corpus gate, the 1,481 quote jobs of `bench/verify` and its
    10,000-quote workload: not one result changed, and a third of the alignments are saved.
    """
    term = kind is ClaimKind.TERM
    parsed = _parse_quote(quote, term)
    if not parsed.segments:
        return MatchResult(Verdict.NOT_FOUND, 0.0, detail="the quote has no words to look for")
    approximate = not term and parsed.words >= MIN_SEGMENT_WORDS
    seen: list[TextLayer] = []
    best: MatchResult | None = None
    for layer in layers:
        found = _match_exactly(parsed, layer)
        if found is not None and found.verdict is Verdict.VERIFIED:
            return _unless_contradicted(parsed, found, layer, seen) if approximate else found
        # A passage found whole but for a bracket or an ellipsis that changes its meaning: a
        # `mismatch`, unless another layer has the quote as written.
        best = best or found
        seen.append(layer)
    if not seen:
        return MatchResult(Verdict.NOT_FOUND, 0.0, detail="the source has no text")
    if not term and _ANNOTATION.search(quote):
        # The source may print the `[sic]` itself ("recieved [sic] no complaints"): the quote
        # copied verbatim, note and all, is the source's text.
        as_printed = _parse_quote(quote, False, annotations=True)
        for n, layer in enumerate(seen):
            found = _match_exactly(as_printed, layer)
            if found is not None and found.verdict is Verdict.VERIFIED:
                return (
                    _unless_contradicted(parsed, found, layer, seen[:n]) if approximate else found
                )
    placed_in_main = False
    for layer in seen if approximate else []:  # terms and quotes too short to align: none
        if layer.name == "page" and placed_in_main:
            continue
        result = _approximate(parsed, layer)
        if layer.name == "main" and result.verdict in (Verdict.APPROXIMATE, Verdict.MISMATCH):
            placed_in_main = True
        if best is None or (_RANK[result.verdict], result.score) > (
            _RANK[best.verdict],
            best.score,
        ):
            best = result
    # A quote too short to align, or a short one the alignment could not place: an inserted
    # negation of one to three words is too many edits only there; in a longer quote the
    # alignment finds the passage and `_judge` says so.
    if not term and (best is None or best.verdict is Verdict.NOT_FOUND):
        if parsed.words <= SHORT_QUOTE_WORDS:
            for layer in seen:
                changed = _negation_changed(parsed, layer)
                if changed is not None:
                    return changed
    if not term and (best is None or best.verdict is Verdict.NOT_FOUND):
        unsigned = _without_added_signs(quote, seen)
        if unsigned is not None:
            return unsigned
    if best is None:
        return MatchResult(Verdict.NOT_FOUND, 0.0, detail=f"not found in {seen[0].name}")
    if best.verdict is Verdict.APPROXIMATE and best.evidence is not None:
        where = next((x for x in seen if x.name == best.evidence.matched_in), None)
        if where is not None:
            return _unless_negated_before(best, where)
    return best
