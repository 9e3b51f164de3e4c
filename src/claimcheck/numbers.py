"""Figures in running text, read by value (issue 4, Deliver 4; SPEC §3.2, §6).

`find_figures` finds every amount, percentage, count, year and date written in a text, with its
offsets, and `parse_quantity` reads one written figure. Both return a `Quantity` whose
`canonical()` string is equal for equal values however they are written: "US$150 billion",
"$150bn" and "150 billion dollars" are all `money:USD:150000000000`; "two million" and
"2,000,000" are both `count:2000000`; "6 February 2023" and "2023-02-06" are both
`date:2023-02-06`; "3.2 GW" and "3,200 megawatts" are both `measure:W:3200000000`; "£4.80 a
month" is `money:GBP:4.8/month`, never equal to "£4.80 a year".

This module is pure and works on the text as given: offsets are offsets into that text. It does no
Unicode normalisation on purpose, because NFKC turns a superscript footnote marker into a digit
(`10⁶` would become `106`); it reads ASCII digits only and treats superscripts itself.

Decisions worth knowing:

- Grouping separators follow the text's own convention. A text where unambiguous European forms
  (`1.234.567`, `12,5`) outnumber English ones (`1,234,567`, `12.5`) is read with a decimal comma,
  so `1.500` is fifteen hundred in a Turkish source and one and a half in an English one. Thin,
  narrow no-break and no-break spaces always group thousands; a plain space does when there are
  two groups (`1 234 567`) or when the text groups no number with a comma or dot (extraction
  often turns a source's `739 000` with a thin space into a plain one).
- A unit of measure written after a number is part of its value (`MEASURES`: length, mass,
  power, energy, data rate, volume, area, speed, temperature), attached, spaced or hyphenated ("61kg",
  "61 kilograms", "a 15-kilogram drum"). Metric prefixes convert ("2 t" = "2,000 kg"); miles,
  feet and pounds do not convert to metric, so "550 km" and "550 miles" differ. Tons are tonnes.
  A lone "m" is "million" after a currency ("£5m"), metres when it stands apart ("100 m"), and
  not read at all when attached without a currency ("38m" is as often 38 million people as a
  38-metre boat), unless what follows says which: a unit or a counted noun makes it million
  ("1.2m tonnes", "2m people"), a word of length ending the phrase metres ("1.5m high", "a
  1.5m-high wall"; not "2m high earners"), and the first end of a range is read as its second
  ("from 1.2m to 1.5m people", "from 1.2m to 1.5m high"). Durations ("three years", "45
  minutes") stay counts; `claimcheck.facts` compares the unit of time after them. "35°C" and
  "35°F" differ (neither converts). A scale's letter against a number ("35C", "95F") and
  degrees of no named scale ("35 degrees", "35°") are temperatures only where the sentence
  speaks of temperature ("temperatures", "heat", "forecast"...), and never after a label
  ("Room 35C", "seat 35C"); elsewhere "35C" is no figure and "35 degrees" a count, as an angle
  or a room number would be.
- A rate's period written right after a figure is part of its value ("£4.80 a month", "£21,000
  per annum", "2 tonnes a year"), but not a time ("£5m a year ago").
- A bare four-digit number from 1000 to 2100 is a year when a word before it says so ("in", "since",
  "between", ...), when it continues a range of years ("1993 and 2023", "1993–2023"), or when it is
  in 1900–2100 and nothing marks it as a count (a quantifier such as "nearly" before it, or a
  counted noun such as "people" after it). `claimcheck.facts` treats a year and a bare
  four-digit count of the same value as compatible, so a wrong guess here costs little; a number
  written with a separator ("2,019") is never a year.
- Ordinals ("14th", "fourteenth", "twenty-first") are ranks, kind `ordinal`, never equal to a
  count. `find_figures` returns them only when asked (`ordinals=True`): in running text most are
  no facts ("the first time", "the 19th century"); `parse_quantity` always reads them.
- Not figures: footnote markers (`[3]`, `[^3]`), superscript markers after a number, decades
  (`1990s`), times (`10:30`), slashed forms (`1/3`, `2020/05`; but the two years of a season,
  `2020/21`, are read), day and month without a year,
  numbers inside URLs or identifiers (`F-16`, `A4`, `COVID-19`), plurals of number words
  ("dozens", "thousands of") and a bare "one" (almost always a pronoun; "one day" an idiom).
- A minus sign written against a number ("-15", "−15", "-$4 million") or the word "minus" makes
  it negative: "-15 degrees" is not "15 degrees". A dash with a number or a space-number before
  it ("10-15", "10 - 15") is a range, and "plus or minus 3" a margin, not a sign.
  `claimcheck.facts` accepts "-5%" for a claim that something "fell 5%".
- A range shares its suffix: in "$10-15bn" both ends are billions of dollars, in "10 to 15 per
  cent" both are percentages, in "10-15 km" both are kilometres.
- Shares are kind `ratio`, one figure for both numbers: "one in four", "3 out of 10", "one in
  every five"; and fractions in words, only where they are plainly a share: "a third of",
  "two-thirds of", "half of" (not "the second half of the year"), "by half", "by a third", a
  hyphenated "two-thirds" or "one-fifth", and after a word of change where the clause ends or a
  preposition follows ("fell a third", "rose a quarter last year", "up a half on the year"; not
  "fell a third straight month", "rose a half point"). A change written as a verb is a figure
  too: "halved" is a fall by half (`ratio` 1/2, as "by half"), "doubled", "tripled" (or
  "trebled") and "quadrupled" rises of 100, 200 and 300 per cent (kind `percent`); not
  "doubled as", "doubled down" or "a doubled dose". `claimcheck.facts` holds such a change
  apart from a share that states none ("half of the staff"). "two-thirds" alone, "three
  quarters" (of a year) and
  "the third quarter" are not figures. A vulgar fraction after digits is part of the number
  ("3½" is 3.5).
- `apply_header` reads a table header ("Capital cost (£m)", "Capacity (MW)") for the bare
  numbers under it; finding tables is `claimcheck.facts`' business.
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeAlias

logger = logging.getLogger(__name__)

__all__ = [
    "CHANGE_WORDS",
    "MEASURES",
    "PERIODS",
    "PERIOD_PART_MONTHS",
    "TEMPERATURE_UNITS",
    "TIME_UNITS",
    "Figure",
    "Quantity",
    "apply_header",
    "counts_things",
    "figure_in",
    "find_figures",
    "measure_unit",
    "mentions_currency",
    "parse_quantity",
]

KINDS = (
    "money", "percent", "points", "count", "year", "date", "number", "measure", "ordinal", "ratio",
    "score",
)  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    """The value of one figure.

    `kind` is one of `KINDS`: `points` are percentage points, kept apart from `percent`; `count` is
    an integral plain number and `number` a fractional one; `measure` is an amount in a unit of
    measure (`measure` names it: "km", "MW", "t"...); `ordinal` is a rank ("14th", "fourteenth");
    a `date` stores `yyyymmdd` (day known) or `yyyymm` (month and year) in `value`, or a part of
    a year as `yyyy` and a two-digit code of `PERIOD_PARTS` above 12 ("Q3 2021": `202123`), so
    that it compares like a month: equal to itself, another value than any other part or month. `unit` is the
    ISO 4217 code of a `money` amount. `per` is the period of a rate written right after the
    figure ("£4.80 a month": `month`; one of `PERIODS`), or what it is shared among: `person`
    ("per head", "per capita"), `household` ("per family") or `N people` ("per 100,000"). A `ratio` ("one in four", "two-thirds")
    keeps its numerator in `value` and its denominator in `of`. A `score` ("3-1", "52-48", odds
    of "5 to 1") is an ordered pair, its first number in `value` and its second in `of`.
    """

    kind: str
    value: Decimal
    unit: str | None = None
    measure: str | None = None
    per: str | None = None
    of: Decimal | None = None

    def canonical(self) -> str:
        """A stable string, equal for equal values: `money:USD:150000000000`, `date:2025-03`.

        A measure is stated in its dimension's base unit, so "3.2 GW" and "3,200 MW" are both
        `measure:W:3200000000` while "550 km" and "550 mi" differ; a rate ends in its period
        (`money:GBP:4.8/month`).

        Worked out once per quantity: `facts` compares every figure of a source with each fact.
        """
        cached: str | None = self.__dict__.get("_canonical")
        if cached is None:
            cached = self._canonical()
            object.__setattr__(self, "_canonical", cached)
        return cached

    def _canonical(self) -> str:
        if self.kind == "date":
            digits = str(int(self.value))
            if len(digits) == 6 and int(digits[4:]) in PERIOD_PARTS:
                return f"date:{digits[:4]}-{PERIOD_PARTS[int(digits[4:])]}"
            if len(digits) == 8:
                return f"date:{digits[:4]}-{digits[4:6]}-{digits[6:]}"
            return f"date:{digits[:4]}-{digits[4:6]}"
        if self.kind == "score":
            return f"score:{self.describe()}"
        if self.kind == "ratio" and self.of:
            # By value: "one in four" and "25 in 100" are one share, a quarter.
            share = fractions.Fraction(self.value) / fractions.Fraction(self.of)
            return f"ratio:{share.numerator}/{share.denominator}"
        if self.kind == "measure" and self.measure in MEASURES:
            _, base, factor = MEASURES[self.measure]
            text = f"measure:{base}:{_plain(self.value * factor)}"
        elif self.unit:
            text = f"{self.kind}:{self.unit}:{_plain(self.value)}"
        else:
            text = f"{self.kind}:{_plain(self.value)}"
        return f"{text}/{self.per}" if self.per else text

    def describe(self) -> str:
        """A short human form for reports: `150 billion USD`, `12.5%`, `2023-02-06`, `550 km`."""
        if self.kind == "date":
            return self.canonical().removeprefix("date:")
        if self.kind == "percent":
            text = f"{_plain(self.value)}%"
        elif self.kind == "points":
            text = f"{_plain(self.value)} percentage points"
        elif self.kind == "ordinal":
            text = _ordinal_suffix(int(self.value))
        elif self.kind == "ratio":
            text = f"{_plain(self.value)} in {_plain(self.of or Decimal(1))}"
        elif self.kind == "score":
            text = f"{_plain(self.value)}-{_plain(self.of or Decimal(0))}"
        else:
            text = (_short(self.value) if self.kind != "year" else None) or _plain(self.value)
            if self.unit:
                text = f"{text} {self.unit}"
            if self.measure:
                name = self.measure
                if name in _COUNTABLE_UNITS and self.value != 1:
                    name += "s"
                text = f"{text} {name}"
        return f"{text} per {self.per}" if self.per else text


def _ordinal_suffix(number: int) -> str:
    """`14` -> "14th", `22` -> "22nd"."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


@dataclass(frozen=True)
class Figure:
    """A figure found in a text: `text[start:end]` is how it is written there."""

    start: int
    end: int
    text: str
    quantity: Quantity


def _plain(value: Decimal) -> str:
    """`value` without exponent or trailing zeros: 1.5E+11 -> "150000000000", 12.50 -> "12.5"."""
    return format(value.normalize(), "f")


_SHORT_SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)


def _short(value: Decimal) -> str | None:
    """A short form such as `150 billion`, so a report reads like the article; `None` below 10⁶."""
    for scale, word in _SHORT_SCALES:
        if abs(value) >= scale:
            return f"{_plain(value / scale)} {word}"
    return None


# --------------------------------------------------------------------------- vocabulary

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("January", "Jan", "Ocak"),
        ("February", "Feb", "Şubat"),
        ("March", "Mar", "Mart"),
        ("April", "Apr", "Nisan"),
        ("May", "Mayıs"),
        ("June", "Jun", "Haziran"),
        ("July", "Jul", "Temmuz"),
        ("August", "Aug", "Ağustos"),
        ("September", "Sept", "Sep", "Eylül"),
        ("October", "Oct", "Ekim"),
        ("November", "Nov", "Kasım"),
        ("December", "Dec", "Aralık"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number
# French and Spanish months are written in lower case, German ones capitalised ("le 3 mars 2024",
# "3 de marzo de 2024", "3. März 2024"); every other month name above is English or Turkish.
for _number, _names in enumerate(
    (
        ("janvier", "enero", "Januar", "Jänner"),
        ("février", "febrero", "Februar"),
        ("mars", "marzo", "März"),
        ("avril", "abril"),
        ("mai", "mayo", "Mai"),
        ("juin", "junio", "Juni"),
        ("juillet", "julio", "Juli"),
        ("août", "agosto"),
        ("septembre", "septiembre", "setiembre"),
        ("octobre", "octubre", "Oktober"),
        ("novembre", "noviembre"),
        ("décembre", "diciembre", "Dezember"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number
# Longest first so "Sept" is not read as "Sep" + "t"; case-sensitive because "may" and "march"
# are everyday words when lower-case.
_MON = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?!\w)"

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}  # fmt: skip
_NUMBER_WORDS = (*_UNITS, *_TENS, "hundred", *_SCALES, "dozen", "half")
_WORD = "(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?!\w)"

# Magnitude suffixes after digits, lower-cased, without a trailing dot. Turkish, German
# ("3,8 Mio.", "2 Milliarden"), French ("3 millions", "2 milliards") and Spanish ("2 millones",
# "3 mil millones") words are accepted after digits only. German "Billion" is a trillion; it is
# read as the English word, since "billion" after digits is far more often English.
_MAGNITUDES = {
    "k": 10**3, "thousand": 10**3, "bin": 10**3,
    "m": 10**6, "mn": 10**6, "mln": 10**6, "million": 10**6, "milyon": 10**6,
    "mio": 10**6, "millionen": 10**6, "millions": 10**6, "millones": 10**6, "millón": 10**6,
    "b": 10**9, "bn": 10**9, "bln": 10**9, "billion": 10**9, "milyar": 10**9,
    "mrd": 10**9, "milliarde": 10**9, "milliarden": 10**9, "milliard": 10**9,
    "milliards": 10**9, "mil millones": 10**9,
    "md": 10**9, "mds": 10**9,
    "tn": 10**12, "trn": 10**12, "trillion": 10**12, "trilyon": 10**12, "bio": 10**12,
}  # fmt: skip
# Magnitude words of other languages after digits, lower-cased as written (a dot included):
# Spanish and Portuguese ("300 mil", "R$ 18,7 bilhões"; Spanish "billón" and European Portuguese
# "bilião" are 10¹²), Italian, Dutch, Polish (whose "bilion" is 10¹², but "bln" stays English),
# Russian, Ukrainian, Greek, Hebrew, Arabic, Hindi and Indian English (lakh 10⁵, crore 10⁷),
# Vietnamese and German "Tausend". A 1,000× error in any of them was verified while they were
# dropped ("18,7 milhões" read as 18.7, as was "18,7 bilhões").
_FOREIGN_MAGNITUDES: dict[str, int] = {}
for _factor, _words in (
    (10**3, "mil mila duizend tausend tsd. tys. tys tysiąc tysiące tysięcy тыс. тыс тысяча "
     "тысячи тысяч тис. тис тисяча тисячі тисяч χιλ. χιλιάδες אלף אלפים ألف الف آلاف हज़ार "
     "हजार nghìn ngàn"),
    (10**5, "lakh lakhs लाख"),
    (10**6, "milhão milhões milione milioni miljoen miljoenen milion miliony milionów miliona "
     "mln. миллион миллиона миллионов млн. млн мільйон мільйона мільйонів εκατ. εκατομμύριο "
     "εκατομμύρια εκατομμυρίων מיליון مليون ملايين triệu"),
    (10**7, "crore crores करोड़ करोड़ करोड"),
    (10**9, "bilhão bilhões miliardo miliardi mld. mld miljard miljarden miliard miliardy "
     "miliardów miliarda mrd. миллиард миллиарда миллиардов млрд. млрд мільярд мільярда "
     "мільярдів δισ. δισεκατομμύριο δισεκατομμύρια δισεκατομμυρίων מיליארד مليار مليارات "
     "tỷ tỉ अरब"),
    (10**12, "trilhão trilhões bilião biliões billón billones billionen biljoen bilion biliony "
     "bilionów трлн. трлн триллион триллиона триллионов трильйон трильйонів τρισ. טריליון تريليون"),
):  # fmt: skip
    for _word in _words.split():
        _FOREIGN_MAGNITUDES[_word] = _factor
_FOREIGN_MAGNITUDES |= {"mil milhões": 10**9, "nghìn tỷ": 10**12, "ngàn tỷ": 10**12}
# Indian "lakh crore" (10⁵ × 10⁷ = 10¹²: "₹1.5 lakh crore"), read whole so the crore is kept.
_FOREIGN_MAGNITUDES |= {
    f"{lakh}{gap}{crore}": 10**12
    for lakh in ("lakh", "लाख")
    for gap in (" ", "-")
    for crore in (w for w, factor in _FOREIGN_MAGNITUDES.items() if factor == 10**7)
    if crore.isascii() == lakh.isascii()
}

_CURRENCY_SYMBOLS = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "Can$": "CAD", "Cdn$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD",
    "R$": "BRL", "Mex$": "MXN", "MX$": "MXN", "NT$": "TWD", "RD$": "DOP", "J$": "JMD",
    "TT$": "TTD", "Z$": "ZWL", "EC$": "XCD", "BZ$": "BZD", "FJ$": "FJD", "€": "EUR", "£": "GBP",
    "¥": "JPY", "₺": "TRY", "₹": "INR", "₽": "RUB", "₼": "AZN", "₪": "ILS", "₩": "KRW",
    "₫": "VND",
}  # fmt: skip
_CURRENCY_CODES = {
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "TRY": "TRY", "TL": "TRY", "YTL": "TRY",
    "JPY": "JPY", "CHF": "CHF", "AZN": "AZN", "AMD": "AMD", "RUB": "RUB", "INR": "INR",
    "CNY": "CNY", "RMB": "CNY", "AUD": "AUD", "CAD": "CAD", "GEL": "GEL", "IRR": "IRR",
    "BRL": "BRL", "PLN": "PLN", "UAH": "UAH", "ILS": "ILS", "NIS": "ILS", "VND": "VND",
    "KRW": "KRW", "AED": "AED",
}  # fmt: skip
# Currency words after an amount, lower-cased; a qualifier ("US dollars") may pick another code.
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "dolar": "USD", "euro": "EUR", "euros": "EUR",
    "avro": "EUR", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "lira": "TRY",
    "liras": "TRY", "lire": "TRY", "manat": "AZN", "manats": "AZN", "dram": "AMD", "drams": "AMD",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "rupee": "INR", "rupees": "INR", "lari": "GEL",
    "rial": "IRR", "rials": "IRR", "franc": "CHF", "francs": "CHF", "franken": "CHF",
    "franchi": "CHF",
    "dólar": "USD", "dólares": "USD", "dolares": "USD",
    # Turkish case endings after a magnitude ("3,8 milyon liraya", "2,3 milyar dolara").
    "dolara": "USD", "doları": "USD", "dolarlık": "USD", "liraya": "TRY", "lirayı": "TRY",
    "liralık": "TRY", "avroya": "EUR", "avroyu": "EUR", "avroluk": "EUR", "euroya": "EUR",
    "euroyu": "EUR", "euroluk": "EUR",
    # Other languages, as written after a magnitude ("18,7 bilhões de reais", "48 млн рублей",
    # "250 milioni di euro", "850 mln zł", "40 מיליון שקל", "3.5 مليار دولار").
    "reais": "BRL", "dollari": "USD", "libras": "GBP", "dolarów": "USD", "złotych": "PLN",
    "złote": "PLN", "złoty": "PLN", "zł": "PLN", "рублей": "RUB", "рубля": "RUB",
    "рубль": "RUB", "руб.": "RUB", "долларов": "USD", "доллара": "USD", "доларів": "USD",
    "евро": "EUR", "євро": "EUR", "гривень": "UAH", "гривні": "UAH", "гривен": "UAH",
    "гривня": "UAH", "грн": "UAH", "ευρώ": "EUR", "δολάρια": "USD", "δολαρίων": "USD",
    "שקל": "ILS", "שקלים": "ILS", "ש״ח": "ILS", 'ש"ח': "ILS", "דולר": "USD", "יורו": "EUR",
    "دولار": "USD", "يورو": "EUR", "रुपये": "INR", "रुपए": "INR", "रुपया": "INR",
    "đồng": "VND", "dong": "VND", "shekel": "ILS", "shekels": "ILS", "riyal": "SAR",
    "riyals": "SAR", "dirham": "AED", "dirhams": "AED",
}  # fmt: skip
_DOLLAR_QUALIFIERS = {
    "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD",
}  # fmt: skip
# A country before another currency's word that names another currency of that name: (word's
# default code, qualifier) -> code ("3bn Qatari riyals", "Moroccan dirhams"). A qualifier that
# names the default ("Saudi riyals", "new Israeli shekels") or no currency changes nothing.
_OTHER_QUALIFIERS = {
    ("SAR", "qatari"): "QAR", ("SAR", "omani"): "OMR", ("SAR", "yemeni"): "YER",
    ("AED", "moroccan"): "MAD",
}  # fmt: skip
# The letters before "$" of every other dollar ("NT" of "NT$"), longest first; a "$" after any
# other letter is no US dollar either (see `_number_figure`).
_DOLLAR_LETTERS = tuple(
    sorted(
        (s[:-1] for s in _CURRENCY_SYMBOLS if len(s) > 1 and s.endswith("$")), key=len, reverse=True
    )
)
# The rupee written "Rs" or "Rs." before an amount, read as the Indian rupee as "rupees" is.
_RUPEE_PREFIXES = ("Rs.", "Rs")
_QUALIFIER_WORDS = (
    *_DOLLAR_QUALIFIERS, *(q for _, q in _OTHER_QUALIFIERS), "saudi", "emirati", "uae",
    "israeli", "new israeli", "vietnamese",
)  # fmt: skip
# The South Korean won, whose name is also the English verb ("won 3 seats", "8 won and 2
# lost"): read only after a magnitude ("3.8 billion won") or after "Korean" ("5,000 Korean won").
_WON_RE = re.compile(r"\s(?P<korean>(?i:(?:south\s)?korean\s))?won(?!\w)")

# Units of measure: symbol -> (dimension, base unit, factor to the base). Within a dimension the
# metric prefixes convert exactly ("3.2 GW" = "3,200 MW", "2 t" = "2,000 kg"); systems do not
# (550 km is not 550 mi, and a claim converted from one to the other is rounded anyway), nor do
# months and years (of unequal length). Tons are read as tonnes: news usage does not tell the
# short ton from the metric one.
MEASURES: dict[str, tuple[str, str, Decimal]] = {
    "mm": ("length", "m", Decimal("0.001")), "cm": ("length", "m", Decimal("0.01")),
    "m": ("length", "m", Decimal(1)), "km": ("length", "m", Decimal(1000)),
    "mi": ("length", "mi", Decimal(1)), "ft": ("length", "ft", Decimal(1)),
    "g": ("mass", "g", Decimal(1)), "kg": ("mass", "g", Decimal(1000)),
    "t": ("mass", "g", Decimal(10**6)), "lb": ("mass", "lb", Decimal(1)),
    "W": ("power", "W", Decimal(1)), "kW": ("power", "W", Decimal(10**3)),
    "MW": ("power", "W", Decimal(10**6)), "GW": ("power", "W", Decimal(10**9)),
    "TW": ("power", "W", Decimal(10**12)),
    "Wh": ("energy", "Wh", Decimal(1)), "kWh": ("energy", "Wh", Decimal(10**3)),
    "MWh": ("energy", "Wh", Decimal(10**6)), "GWh": ("energy", "Wh", Decimal(10**9)),
    "TWh": ("energy", "Wh", Decimal(10**12)),
    "kbps": ("rate", "bps", Decimal(10**3)), "Mbps": ("rate", "bps", Decimal(10**6)),
    "Gbps": ("rate", "bps", Decimal(10**9)),
    "ml": ("volume", "l", Decimal("0.001")), "l": ("volume", "l", Decimal(1)),
    "ha": ("area", "ha", Decimal(1)), "acre": ("area", "acre", Decimal(1)),
    "km/h": ("speed", "km/h", Decimal(1)), "mph": ("speed", "mph", Decimal(1)),
    "°C": ("temperature", "°C", Decimal(1)), "°F": ("temperature", "°F", Decimal(1)),
    "degree": ("temperature", "degree", Decimal(1)),
}  # fmt: skip
# Durations ("three years", "45 minutes") are left out on purpose: they are read as counts, as
# the article's claim extraction expects ("three" is the fact in "for three years").
# Units named by a word in `describe` that take a plural "s".
_COUNTABLE_UNITS = frozenset({"acre", "degree"})
# How each unit is written after a number. Symbols are case-sensitive ("MW" is not "mW"); words
# are not, and take plurals. "m" alone is read as metres only when it stands apart ("100 m"):
# attached to a number it is "million" after a currency ("£5m", see `_MAGNITUDES`) and
# ambiguous otherwise ("38m" is 38 million people in one paper and a 38-metre yacht in another),
# so "38m" without a currency is not read at all unless the words after it say which
# (`_letter_reading`).
_MEASURE_SYMBOLS: dict[str, str] = {
    "mm": "mm", "cm": "cm", "km": "km", "kms": "km", "mi": "mi", "ft": "ft", "kg": "kg",
    "kgs": "kg", "t": "t", "lb": "lb", "lbs": "lb", "kW": "kW", "MW": "MW", "GW": "GW",
    "TW": "TW", "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "TWh": "TWh", "kbps": "kbps",
    "Mbps": "Mbps", "Gbps": "Gbps", "kbit/s": "kbps", "Mbit/s": "Mbps", "Gbit/s": "Gbps",
    "Mb/s": "Mbps", "Gb/s": "Gbps", "ml": "ml", "mL": "ml", "ha": "ha", "km/h": "km/h",
    "kph": "km/h", "mph": "mph", "°C": "°C", "ºC": "°C", "℃": "°C", "°F": "°F", "ºF": "°F",
    "℉": "°F", "°": "degree", "º": "degree",
}  # fmt: skip
_MEASURE_WORDS: dict[str, str] = {
    "millimetre": "mm", "millimeter": "mm", "centimetre": "cm", "centimeter": "cm",
    "metre": "m", "meter": "m", "kilometre": "km", "kilometer": "km", "mile": "mi",
    "feet": "ft", "foot": "ft", "gram": "g", "gramme": "g", "kilogram": "kg",
    "kilogramme": "kg", "kilo": "kg", "tonne": "t", "ton": "t", "metric ton": "t",
    "watt": "W", "kilowatt": "kW", "megawatt": "MW", "gigawatt": "GW", "terawatt": "TW",
    "kilowatt hour": "kWh", "megawatt hour": "MWh", "gigawatt hour": "GWh",
    "terawatt hour": "TWh",
    "kilobits per second": "kbps", "megabits per second": "Mbps",
    "gigabits per second": "Gbps", "kilobit": "kbps", "megabit": "Mbps", "gigabit": "Gbps",
    "millilitre": "ml", "milliliter": "ml", "litre": "l", "liter": "l", "hectare": "ha",
    "acre": "acre", "kilometres per hour": "km/h", "kilometers per hour": "km/h",
    "miles per hour": "mph", "degrees celsius": "°C", "degree celsius": "°C",
    "degrees centigrade": "°C", "degrees fahrenheit": "°F", "degree fahrenheit": "°F",
    "celsius": "°C", "fahrenheit": "°F", "degrees c": "°C", "degrees f": "°F",
    "degree": "degree",
}  # fmt: skip
# Temperatures written without their scale's full name: a degree of no named scale ("35
# degrees", "35°") and a scale's letter against the number ("35C", "95F"). Read only where the
# sentence speaks of temperature (`_TEMPERATURE_WORD_RE`): a degree is as often an angle ("a
# 35-degree slope") or a diploma, and "35C" a room, a seat or a form ("Room 35C"); a word of
# `_LABELS_BEFORE` right before the number makes it a label whatever the sentence says.
_CONTEXT_UNITS = frozenset({"degree"})
_TEMPERATURE_WORD_RE = re.compile(
    r"(?i)(?<!\w)(?:temperatures?|temps?|heat|heatwaves?|hot|hotter|hottest|warm|warmer|warmest"
    r"|warming|cold|colder|coldest|cool|cooler|coolest|chilly|freezing|frosts?|thermometers?"
    r"|mercury|weather|forecasts?|forecasters?|highs|lows|sweltering|sweltered|scorching"
    r"|celsius|centigrade|fahrenheit)(?!\w)"
)
_LABELS_BEFORE = frozenset(
    "room rooms seat seats flat apartment apt suite cabin berth bed ward gate platform stand "
    "bay dock pier row block unit level floor form class grade lot plot box locker "
    "bus route line flight train road street highway exit no number article section clause "
    "paragraph chapter page table figure exhibit item model type version vitamin".split()
)
#: Measures that are temperatures, levels rather than amounts: a fall of 5 is no reading of -5.
TEMPERATURE_UNITS = frozenset({"°C", "°F", "degree"})
# A temperature's side of zero written after it: "5C below zero", "3 degrees above zero".
_BELOW_ZERO_RE = re.compile(r"[ \u00a0]+(?:below|(?P<above>above))[ \u00a0]+zero(?!\w)")
_SENTENCE_BREAK_RE = re.compile(r"[.!?](?=\s|$)|\n")
# How far (characters) on each side of a figure `_temperature_context` looks for its words.
_TEMPERATURE_REACH = 100
# Periods of a rate written right after a figure: "£4.80 a month", "£21,000 per annum".
PERIODS = ("hour", "day", "week", "month", "year")

#: The length of each unit of time as `(scale, factor)`, in one of two scales that do not
#: convert into each other: seconds up to weeks, and months up to centuries ("two weeks" is
#: "14 days" and "a decade" is "ten years", but a month is no fixed number of days). Shared by
#: fact matching (`claimcheck.facts`) and quote matching (`claimcheck.match`).
TIME_UNITS: dict[str, tuple[str, int]] = {
    "second": ("s", 1), "minute": ("s", 60), "hour": ("s", 3600), "day": ("s", 86400),
    "week": ("s", 604800), "fortnight": ("s", 1209600), "month": ("month", 1),
    "year": ("month", 12), "decade": ("month", 120), "century": ("month", 1200),
}  # fmt: skip
_PERIOD_WORDS = {
    "hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year",
    "annum": "year", "yr": "year", "mo": "month", "annually": "year", "yearly": "year",
    "monthly": "month", "weekly": "week", "daily": "day", "hourly": "hour", "p.a.": "year",
}  # fmt: skip

#: The parts of a year a date may name instead of a month, by the code that stands in its
#: month's place (see `Quantity`): quarters, halves, seasons, the early, middle and late part,
#: and a financial year ("FY2021", which is not the calendar year 2021).
PERIOD_PARTS = {
    21: "Q1", 22: "Q2", 23: "Q3", 24: "Q4", 31: "H1", 32: "H2", 41: "spring", 42: "summer",
    43: "autumn", 44: "winter", 51: "early", 52: "mid", 53: "late", 60: "FY",
}  # fmt: skip
#: The months each part of a year covers, by the codes of `PERIOD_PARTS` (seasons as in the
#: northern hemisphere). A fiscal year's months depend on the country and the body, so it is
#: `None`.
PERIOD_PART_MONTHS: dict[int, frozenset[int] | None] = {
    21: frozenset({1, 2, 3}), 22: frozenset({4, 5, 6}), 23: frozenset({7, 8, 9}),
    24: frozenset({10, 11, 12}), 31: frozenset(range(1, 7)), 32: frozenset(range(7, 13)),
    41: frozenset({3, 4, 5}), 42: frozenset({6, 7, 8}), 43: frozenset({9, 10, 11}),
    44: frozenset({12, 1, 2}), 51: frozenset({1, 2, 3, 4}), 52: frozenset({5, 6, 7, 8}),
    53: frozenset({9, 10, 11, 12}), 60: None,
}  # fmt: skip
_PART_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "spring": 41, "summer": 42, "autumn": 43, "fall": 43, "winter": 44, "early": 51, "mid": 52,
    "late": 53,
}  # fmt: skip
# A part of a year right before it: "Q3 2021", "H1 2021", "the third quarter of 2021", "the
# second half of 2021", "autumn 2021", "early 2021", "mid-2021", "fiscal 2021". Not "as early as
# 2021", a bound.
_PART_BEFORE_RE = re.compile(
    r"(?<!\w)(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?i:(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th)"
    r"[\s\-‑]+quarter|(?P<hw>first|second|1st|2nd)[\s\-‑]+half"
    r"|(?<!as\s)(?P<word>spring|summer|autumn|fall|winter|early|mid|late)"
    r"|(?P<fy>fiscal(?:\s+year)?)))(?:\s+of)?(?:\s+the\s+year)?[\s\-‑]*\Z"
)
# The second year of a season or financial year after the first ("2020-21", "2020–2021").
_SEASON_AFTER_RE = re.compile(r"[-–][0-9]{2}(?:[0-9]{2})?(?![0-9])")
_FY_BEFORE_RE = re.compile(r"(?<![A-Za-z])FY[\s\-‑]?\Z")
# A word before a bare four-digit number that makes it a year.
_YEAR_BEFORE = frozenset(
    "in since by between until till from through during before after of around circa c "
    "year years early mid late spring summer autumn fall winter fiscal fy the this that "
    "last next until end start beginning".split()
)
# A word before a bare number that makes it a count ("nearly 2000", "some 1500").
_QUANTIFIERS = frozenset(
    "some about over nearly almost approximately roughly least than estimated only just "
    "another additional extra total up exactly more fewer less under below above "
    "approx".split()
)
# A counted noun after a bare number that makes it a count ("2000 people").
_COUNT_NOUNS = frozenset(
    "people persons men women children soldiers troops refugees deaths dead casualties "
    "civilians workers jobs homes houses units times km kilometres kilometers miles metres "
    "meters tons tonnes barrels acres hectares cars vehicles students pages articles words "
    "items cases members employees residents families households buildings villages votes "
    "signatures individuals migrants prisoners hostages officers staff visitors tourists "
    "companies firms projects schools hospitals nurses doctors teachers patients pupils "
    "passengers volunteers protesters".split()
)
# A joined word before a hyphenated number that still lets the number be a figure ("mid-2023").
_HYPHEN_PREFIXES = frozenset("mid early late pre post end".split())

# --------------------------------------------------------------------------- patterns

_SUP_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TRANS = str.maketrans(_SUP_DIGITS + "⁻", "0123456789-")
#: A power of ten typed with a caret after a "10" ("10^6", "10^-3").
_CARET_POWER_RE = re.compile(r"\^(?P<exp>-?[0-9]{1,3})(?![0-9])")
#: "× 10⁶", "x 10^6", "·10⁻³" after a figure: scientific notation.
_TIMES_POWER_RE = re.compile(
    rf"[ \u00a0\u202f\u2009]?[×x·][ \u00a0\u202f\u2009]?10"
    rf"(?:(?P<sup>⁻?[{_SUP_DIGITS}]{{1,3}})|\^(?P<exp>-?[0-9]{{1,3}}))(?![0-9{_SUP_DIGITS}])"
)


def _power_of_ten(exponent: str) -> Decimal:
    """10 to `exponent`, written in ASCII or superscript digits, perhaps with a minus."""
    return Decimal(1).scaleb(int(exponent.translate(_SUP_TRANS)))


_THIN = "\u00a0\u202f\u2009\u2007"  # no-break, narrow no-break, thin and figure spaces

_PREFIX = (
    r"(?P<cur_pre>(?:(?<![A-Za-z])(?:"
    + "|".join(map(re.escape, _DOLLAR_LETTERS))
    + r")\s?)?\$|[€£¥₺₹₽₼₪₩₫]|(?<![A-Za-z])Rs\.?(?=\s?[0-9])"
    r"|(?<![A-Za-z])(?:" + "|".join(_CURRENCY_CODES) + r")(?![A-Za-z]))\s?"
)
# Core digit forms, longest first. English convention: comma groups, decimal point.
_CORE_EN = (
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
    r"|[0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]+)?"
    rf"|[0-9]{{1,3}}(?:[{_THIN}][0-9]{{3}})+(?:[.,][0-9]+)?"
    r"{other}"
    r"{spaced}(?:\.[0-9]+)?"
    r"|[0-9]+(?:\.[0-9]+)?"
)
# European convention: dot groups, decimal comma (unambiguous English forms still read right).
_CORE_EU = (
    r"[0-9]{1,3}(?:,[0-9]{3}){2,}(?:\.[0-9]+)?"
    r"|[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+"
    r"|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?"
    rf"|[0-9]{{1,3}}(?:[{_THIN}][0-9]{{3}})+(?:[.,][0-9]+)?"
    r"{other}"
    r"{spaced}(?:,[0-9]+)?"
    r"|[0-9]+(?:,[0-9]+)?"
)
# Groupings of one country each, read the same in either convention: Swiss apostrophes
# ("1'234'567", "CHF 12’500.50") and Indian lakh groups ("1,50,000", "12,34,56,789"; the
# first group has one or two digits, then pairs, then the last three). No other way of writing
# numbers puts an apostrophe between digits before three of them, or a pair of digits between
# two commas before three.
_GROUPED_OTHER = (
    r"|[0-9]{1,3}(?:['’][0-9]{3})+(?:[.,][0-9]+)?"
    r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]+)?"
)
# Groups of three separated by plain spaces, with the decimals of the text's convention
# ("1 234,5" in French, Polish or Russian, "1 234.5"). Two or more groups ("1 234 567") are
# always read as one number. A single group ("739 000") is read as one number only in a text that writes its
# thousands that way (see `_spaced_thousands`): extraction often turns a source's thin space into
# a plain one, while in other texts "5 100" is more likely two numbers side by side. Never after
# a digit and a space, so phone numbers ("01632 960 118") are not read as one amount.
_SPACED_MULTI = r"|[0-9]{1,3}(?: [0-9]{3}){2,}"
_SPACED_ANY = r"|(?<![0-9] )[0-9]{1,3}(?: [0-9]{3})+(?![0-9])"
_ORD = r"(?:st|nd|rd|th)"
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}  # fmt: skip
_ORDINAL_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
}  # fmt: skip
_ORDINAL_WORD = (
    r"(?:(?P<ordw_tens>"
    + "|".join(_TENS)
    + r")[\s\-‑])?(?P<ordw_unit>"
    + "|".join(sorted(_ORDINAL_UNITS, key=len, reverse=True))
    + ")|(?P<ordw_round>"
    + "|".join(_ORDINAL_TENS)
    + ")"
)


# Vulgar fractions after digits ("3½ per cent"); thirds and sixths are left out (no exact
# decimal, and no source writes "3.333").
_VULGAR = {
    "½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75"), "⅛": Decimal("0.125"),
    "⅜": Decimal("0.375"), "⅝": Decimal("0.625"), "⅞": Decimal("0.875"), "⅕": Decimal("0.2"),
    "⅖": Decimal("0.4"), "⅗": Decimal("0.6"), "⅘": Decimal("0.8"),
}  # fmt: skip
# The denominators of a mixed fraction in ASCII ("3 1/2", "2 3/8") with an exact decimal.
_EXACT_DENOMINATORS = frozenset({2, 4, 5, 8, 10, 16})
# Fractions in words: the denominator's word, and the numerators read before it.
_FRACTIONS = {
    "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10,
}  # fmt: skip
_FRACTION_NUMERATORS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_FRACTION = (
    rf"(?P<frac>(?<!\w)(?i:(?P<frac_n>an?|{'|'.join(_FRACTION_NUMERATORS)})"
    rf"(?P<frac_gap>[\s\-‑]+)(?P<frac_d>(?:{'|'.join(_FRACTIONS)})s?)"
    r"|(?P<frac_half>(?:an?\s+)?half)(?!\s+an?\s))(?!\w))"
)
#: A change by a multiple written as a verb: its value as a relative change ("halved" is "fell by
# half", "doubled" "rose 100%"; see `_change_figure`).
CHANGE_WORDS: dict[str, Quantity] = {
    "halved": Quantity("ratio", Decimal(1), of=Decimal(2)),
    "doubled": Quantity("percent", Decimal(100)),
    "tripled": Quantity("percent", Decimal(200)),
    "trebled": Quantity("percent", Decimal(200)),
    "quadrupled": Quantity("percent", Decimal(300)),
}
_CHANGE = rf"(?P<change>(?<!\w)(?i:{'|'.join(CHANGE_WORDS)})(?!\w))"
# The same, for a number word that `_word_figures` finds opening a fraction ("a two-thirds
# majority", where the master pattern read "a two" as number words).
_FRACTION_RE = re.compile(_FRACTION)


_CJK_DATES = (
    # A month and day of Chinese, Japanese and Korean without a year ("3月15日", "3월 15일"),
    # skipped; and a full date ("2024年3月15日", "2024년 3월 15일").
    r"|(?P<cjkskip>(?<![0-9])[0-9]{1,2}\s?[月월](?:\s?[0-9]{1,2}\s?[日일])?)"
    r"|(?P<cjk>(?<![0-9])(?P<cjk_y>[12][0-9]{3})\s?[年년]\s?(?P<cjk_m>1[0-2]|0?[1-9])\s?[月월]"
    r"(?:\s?(?P<cjk_d>[12][0-9]|3[01]|0?[1-9])\s?[日일])?)"
)


def _master(core: str, spaced: str, cjk: bool = False) -> re.Pattern[str]:
    """The pattern of every figure; with `cjk`, Chinese, Japanese and Korean dates too (only
    for a text that has 月 or 월: tried at every digit, they would cost every page)."""
    core = core.replace("{other}", _GROUPED_OTHER).replace("{spaced}", spaced)
    return re.compile(
        # Two years of a season or financial year with a slash ("2020/21", "2019/2020").
        r"(?P<slashyears>(?<![0-9/.,])(?P<sy_a>[12][0-9]{3})/(?P<sy_b>[0-9]{2}|[12][0-9]{3})(?![0-9/]))"
        # Matched and dropped: URLs, footnote markers, times, other slashed forms, decades.
        r"|(?P<skip>(?:https?://|www\.)\S+|\[\^?[0-9]{1,4}\]|(?<![0-9])[0-9]{1,2}:[0-9]{2}"
        r"|(?<![0-9])[0-9]+(?:/[0-9]+)+|(?<![0-9])(?:[0-9]{2})?[0-9]0s(?!\w)|['’][0-9]0s(?!\w))"
        + (_CJK_DATES if cjk else "")
        + r"|(?P<iso>(?<![0-9])(?P<iso_y>[12][0-9]{3})-(?P<iso_m>[01][0-9])-(?P<iso_d>[0-3][0-9])(?![0-9]))"
        r"|(?P<dotdate>(?<![0-9.,])(?P<dot_d>[0-3]?[0-9])\.(?P<dot_m>[01]?[0-9])\.(?P<dot_y>[12][0-9]{3})(?![0-9]))"
        rf"|(?P<dmy>(?<![0-9])(?P<dmy_d>[0-3]?[0-9]){_ORD}?\.?\s+(?:(?:of|de)\s+)?(?P<dmy_m>{_MON})\.?,?\s+(?:de\s+)?(?P<dmy_y>[12][0-9]{{3}})(?![0-9]))"
        rf"|(?P<mdy>(?<!\w)(?P<mdy_m>{_MON})\.?\s+(?P<mdy_d>[0-3]?[0-9]){_ORD}?,?\s+(?P<mdy_y>[12][0-9]{{3}})(?![0-9]))"
        rf"|(?P<my>(?<!\w)(?P<my_m>{_MON})\.?,?\s+(?:(?:of|de)\s+)?(?P<my_y>[12][0-9]{{3}})(?![0-9]))"
        # A day and month without a year: not a fact on its own. Ordinals are figures only when
        # asked for (see `find_figures`).
        rf"|(?P<dm>(?<![0-9])[0-3]?[0-9]{_ORD}?\.?\s+(?:(?:of|de)\s+)?{_MON})"
        rf"|(?P<md>(?<!\w){_MON}\.?\s+[0-3]?[0-9]{_ORD}?(?![0-9]|[.,][0-9]))"
        # A fraction in words, read as a share only where `_fraction_figure` says so.
        rf"|{_FRACTION}"
        rf"|{_CHANGE}"
        rf"|(?P<ord>(?<![0-9])(?P<ord_n>[0-9]+){_ORD}(?!\w))"
        rf"|(?P<ordw>(?<!\w)(?i:{_ORDINAL_WORD})(?!\w))"
        rf"|(?P<num>(?:{_PREFIX})?(?P<pct_pre>%\s?|(?i:yüzde)\s+)?(?<![0-9])(?<![0-9][.,])(?P<core>{core})"
        rf"(?![0-9]|[.,][0-9])(?:[ \u00a0]?(?P<vf>[{''.join(_VULGAR)}])"
        # A mixed fraction written in ASCII ("3 1/2"), read in `_number_figure`.
        r"|[ \u00a0](?P<mix_n>[0-9]{1,2})/(?P<mix_d>[0-9]{1,2})(?![0-9/]|[.,][0-9]))?"
        rf"(?P<sup>[{_SUP_DIGITS}]+)?)"
        rf"|(?P<words>(?<!\w)(?i:(?:a\s+)?{_WORD}(?:(?:\s+|-)(?:and\s+)?(?:a\s+)?{_WORD})*))"
    )


@functools.cache
def _cjk_master(eu: bool, spaced: bool) -> re.Pattern[str]:
    return _master(_CORE_EU if eu else _CORE_EN, _SPACED_ANY if spaced else _SPACED_MULTI, True)


# By decimal convention (English, European) and whether one plain-space group is a thousands
# separator.
_MASTERS = {
    (eu, spaced): _master(_CORE_EU if eu else _CORE_EN, _SPACED_ANY if spaced else _SPACED_MULTI)
    for eu in (False, True)
    for spaced in (False, True)
}

_Trie: TypeAlias = dict[str, "_Trie"]


def _trie(words: Iterable[str]) -> _Trie:
    """`words` as a character trie; the key "" marks the end of a word."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def _trie_rest(node: _Trie) -> str:
    """A pattern for the words below `node`, sharing prefixes ("six(?:t(?:een|h|y))?")."""
    alternatives = [
        re.escape(char) + _trie_rest(child) for char, child in sorted(node.items()) if char
    ]
    if not alternatives:
        return ""
    body = "(?:" + "|".join(alternatives) + ")"
    return body + "?" if "" in node else body


def _anchor_body(words: Iterable[str], after: str) -> str:
    """`words` as one alternation, a trie per first letter, each followed by `after`."""
    branches = [
        re.escape(char) + _trie_rest(child) + after for char, child in sorted(_trie(words).items())
    ]
    return "(?:" + "|".join(branches) + ")"


_MAGNITUDE_RE = re.compile(
    # French press abbreviations before a currency sign ("2,3 Md€", "450 M€", "12 k€",
    # "3 Mds €", "2 Md$"): before the sign the letter is surely a magnitude.
    r"[ \u00a0\u202f]?(?P<unit_mag>Mds?|M|k)(?=[ \u00a0\u202f]?[€$£])"
    r"|(?P<att>bn|mn|mln|bln|tn|trn|k|K|m|M|b|B)(?!\w)"
    r"|[\s\-]{1,2}(?P<word>(?i:thousand|million|billion|trillion|mn|bn|mln|bln|tn|trn)"
    # Turkish, with a case ending ("85 milyonu", "2 milyarlık", "50 binden"; not "50 bina").
    r"|(?:milyon|milyar|trilyon)(?!er)(?:['’]?[a-zçğıöşü]{1,5})?"
    r"|bin(?:['’]?(?:den|e|i|in|ler|lerce|lik|lık))?"
    r"|(?i:millionen|milliarden?|millions|milliards?|millones|millón|mil\s+millones)"
    # As a trie: a plain alternation of these ~150 words, tried after every number, cost ~4 %
    # of `find_figures` on a figure-dense page.
    r"|(?i:(?=["
    + re.escape(
        "".join(
            sorted(
                {w[0] for w in _FOREIGN_MAGNITUDES} | {w[0].upper() for w in _FOREIGN_MAGNITUDES}
            )
        )
    )
    + "])"
    + _anchor_body(_FOREIGN_MAGNITUDES, "")
    + ")"
    # German "Bio." (Billion, 10¹²) only with its dot: "Bio" alone is also "organic".
    r"|(?:Mio|Mrd)(?:\.|(?!\w))|Bio\.)(?!\w)"
)
_CURRENCY_SUFFIX_RE = re.compile(
    r"\s?(?P<sym>[€₺$£₽₪₩₫])(?!\w)"
    r"|\s(?P<code>" + "|".join(_CURRENCY_CODES) + r")(?![A-Za-z])"
    r"|\s(?:of\s|de\s|di\s|d['’])?(?P<qual>(?i:"
    + "|".join(re.escape(q) for q in sorted(_QUALIFIER_WORDS, key=len, reverse=True))
    + r")\s)?"
    r"(?P<word>(?i:" + _anchor_body(_CURRENCY_WORDS, "") + r"))(?!\w)"
    r"(?:\s(?i:sterling)(?!\w))?"
    # Chinese, Japanese and Korean, attached or spaced; a Korean particle may follow ("원을").
    r"|\s?(?P<cjk>美元|日元|欧元|歐元|港元|英镑|英鎊|人民币|元|円|ドル|ユーロ|달러|위안|유로"
    r"|원(?:(?=을|은|이|의|에|으로|도|씩|과|와|까지|부터|가량|어치)|(?![가-힣])))"
)
_TURKISH_QUALIFIED = re.compile(r"(?i)\s(?:turkish|azerbaijani|armenian)\s(?=lira|manat|dram)")
_PERCENT_RE = re.compile(
    r"(?P<points>[\s\-](?i:percentage|percent|per\scent)[\s\-]points?(?!\w)"
    r"|[\s\-](?i:prozentpunkte?n?|points?\sde\spourcentage|puntos?\sporcentuales?)(?!\w)"
    r"|\s?(?i:pp|ppt|p\.p\.)(?!\w))"
    r"|(?P<bp>\s(?i:basis\s+points?)(?!\w)|\s?(?i:bps|bp)(?!\w))"
    r"|(?P<pct>\s?%|[\s\-](?i:per[\s\-]?cent|percent|pct|prozent|pour\s?cent|por\s?ciento"
    r"|per\s?cento)(?!\w))"
)


def _unit_alternation() -> str:
    """Every written unit, longest first so "km/h" wins over "km" and "kWh" over "kW"."""
    forms = [(re.escape(sym), sym) for sym in _MEASURE_SYMBOLS]
    forms += [
        ("(?i:" + re.escape(word).replace(r"\ ", r"[\s\-]") + "s?)", word)
        for word in _MEASURE_WORDS
    ]
    forms.sort(key=lambda form: len(form[1]), reverse=True)
    return "|".join(pattern for pattern, _ in forms)


# A unit of measure right after a number: attached ("61kg"), spaced ("61 kg") or joined by a
# hyphen ("a 15-kilogram drum"). A lone "m" is matched apart so the caller can apply the rule in
# `_MEASURE_SYMBOLS`'s comment.
_MEASURE_RE = re.compile(
    rf"(?P<gap>[ {_THIN}]|[\-‑])?(?:(?P<unit>{_unit_alternation()})|(?P<metre>m))(?![^\W_])"
)
# The period of a rate right after a figure. "a year ago", "a month later" are times, not rates.
_PERIOD_RE = re.compile(
    r"\s(?:(?i:a|an|per|each|every)\s(?P<word>(?i:hour|day|week|month|year|annum))"
    r"|(?P<adverb>(?i:annually|yearly|monthly|weekly|daily|hourly|p\.a\.)))(?![^\W_])"
    r"(?!\s+(?i:ago|earlier|later|before|after|since|old)(?!\w))"
    r"|\s?/\s?(?P<slash>(?i:hour|day|week|month|mo|year|yr|annum))(?!\w)"
)

# What a rate is shared among, right after a figure, in the place of its period: a person ("per
# head", "a head", "per capita", "per resident"), a household ("per household", "a family", "per
# home") or a number of people ("per 100,000 people"). A rate per head is another value than one
# per household, so it stands in `Quantity.per`; a period after it ("per head per year") is
# left to the words near the figure, as one not right after a figure is.
_DENOMINATOR_RE = re.compile(
    r"(?:\s(?i:per|a|an|each|every)\s|\s?/\s?)"
    r"(?:(?P<person>(?i:head|capita|person|resident|inhabitant))"
    r"|(?P<household>(?i:household|family|home)))(?![^\W_])"
    r"|\s(?i:per)\s(?P<number>[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]*)"
    r"(?:\s(?i:people|persons|residents|inhabitants|population))?(?![^\W_]|[.,][0-9])"
)


@dataclass(frozen=True)
class _WordAnchors:
    """Where one of a set of words starts with no letter before it: `find` scans a text.

    A look-behind at the start of a pattern makes the regex engine try it at every position,
    and one right after the first letter (a branch per first letter) still stops at every letter
    that starts a word of the set, most letters of a text for the number words. So the character
    before the word is matched instead: a space (a literal the engine skips to in C), or any
    other character that is not a letter (`[^a-z ]` skips ASCII letters in C; the look-behind
    then rejects the other letters). Matches never overlap: each is a non-letter and a whole
    word (the words' trailing checks are look-aheads).
    """

    spaced: re.Pattern[str]
    other: re.Pattern[str]
    first: re.Pattern[str]  # a word at the very start

    @classmethod
    def of(cls, groups: Iterable[tuple[Iterable[str], str]], lower: bool) -> _WordAnchors:
        """Anchors for each group's words followed by its `after` (see `_anchor_body`). A
        look-ahead for the words' first letters after the non-letter spares trying every branch
        at every space."""
        groups = [(tuple(words), after) for words, after in groups]
        firsts = sorted({word[0] for words, _ in groups for word in words})
        body = "(?=[" + re.escape("".join(firsts)) + "])(?:"
        body += "|".join(_anchor_body(words, after) for words, after in groups) + ")"
        letters = "a-z" if lower else "a-zA-Z"
        return cls(
            re.compile(" " + body),
            re.compile(rf"[^{letters} ](?<=[\W\d_])" + body),
            re.compile(body),
        )

    def find(self, text: str) -> list[int]:
        starts = [m.start() + 1 for m in self.spaced.finditer(text)]
        others = [m.start() + 1 for m in self.other.finditer(text)]
        if others:
            starts = sorted(starts + others)
        if self.first.match(text):
            starts.insert(0, 0)
        return starts


# Where a figure may start (`_scan` tries the master pattern only there), found by scans built so
# the engine skips ahead in C:
# - in the text itself: a run of digits, a currency or percent sign, a footnote bracket or an
#   apostrophe before a digit ('90s) (`_SIGN_ANCHOR_RE`, which starts with a character class);
#   and the case-sensitive words the master pattern reads (months, currency codes, the letters
#   of "US$", "A$", "U.S.$", URL starts) and "a" before a number word ("a hundred")
#   (`_LETTER_ANCHORS`);
# - in the lower-cased text: number words and ordinal words, which the master pattern reads in
#   any case ("Two million", "TWENTY-FIRST") (`_NUMBER_WORD_ANCHORS`).
# A digit inside a run never starts a figure (every digit branch of the master pattern looks
# behind for a digit), so a run is one anchor. `tests/unit/test_numbers.py` checks these against
# the single look-behind pattern they replace.
_SIGN_ANCHOR_RE = re.compile(
    r"[0-9$€£¥₺₹₽₼₪₩₫%\['’](?:(?<=[0-9])[0-9]*|(?<=[$€£¥₺₹₽₼₪₩₫%])|(?<=\[)(?=\^?[0-9])"
    r"|(?<=['’])(?=[0-9]))"
)
_WORD_END = r"(?![^\W\d_])"
_LETTER_ANCHORS = _WordAnchors.of(
    [
        (_MONTHS, _WORD_END),
        (_CURRENCY_CODES, r"(?![A-Za-z])"),
        (_DOLLAR_LETTERS, r"(?=\s?\$)"),
        (("Rs",), r"(?=\.?\s?[0-9])"),
        (("http", "https"), "(?=://)"),
        (("www",), r"(?=\.)"),
        (("a", "A"), rf"(?=\s+(?i:{_WORD}|(?:{'|'.join(_FRACTIONS)})(?!\w)))"),
    ],
    lower=False,
)
_NUMBER_WORD_ANCHORS = _WordAnchors.of(
    [
        (
            {
                w.lower()
                for w in (*_NUMBER_WORDS, *_ORDINAL_UNITS, *_ORDINAL_TENS, *CHANGE_WORDS, "yüzde")
            },
            _WORD_END,
        )
    ],
    lower=True,
)
_RANGE_RE = re.compile(
    r"(?:\s?[-–—]\s?|\s+to\s+|(?P<and>\s+and\s+))(?:[$€£₺]\s?)?"
    r"(?P<second>[0-9]+(?:[.,][0-9]+)*)(?![0-9])"
)
# "between" before the first number of a range written "between 10 and 15 per cent".
_BETWEEN_BEFORE_RE = re.compile(r"(?i)(?<!\w)between\s+\Z")
_FRACTION_AFTER_RE = re.compile(
    r"[\s\-](?i:thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|halves)(?!\w)"
)
_RANGE_GAP_RE = re.compile(r"\s?[-–—]\s?|\s+to\s+")
_PREV_WORD_RE = re.compile(r"([^\W\d_][\w.]*)\W{0,3}$")
_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_]+)")
_WORD_TOKEN_RE = re.compile(r"[^\W\d_]+")
# Clear signs of each convention: multi-group or mixed separators, a one- or two-digit decimal
# part, and (weakly) a single group of three with a non-zero lead ("1.500" vs "1,500"). A single
# dot group before a percent sign or word is no sign of the European convention: "4.250 per
# cent" is a rate written to three decimals (a rate of 4,250 per cent is next to unheard of).
# These whole-text patterns (and `_SPACE_STYLE_RE`, `_MARK_GROUP_RE`) start with the first digit
# and only then look behind it: a pattern that starts with a character class lets the engine
# skip in C to the next digit, where one that starts with a look-behind is tried at every
# position (about 20 ms per MB each).
_EU_SIGNAL_RE = re.compile(
    r"[0-9](?<![0-9.,].)(?:[0-9]{0,2}(?:\.[0-9]{3})+,[0-9]+|[0-9]{0,2}(?:\.[0-9]{3}){2,}"
    r"|[0-9]*,[0-9]{1,2}|(?<=[1-9])[0-9]{0,2}\.[0-9]{3}"
    r"(?!\s?%|[\s\-](?i:per[\s\-]?cent|percent|pct)(?!\w)))(?![0-9.,]?[0-9])"
)
_EN_SIGNAL_RE = re.compile(
    r"[0-9](?<![0-9.,].)(?:[0-9]{0,2}(?:,[0-9]{3})+\.[0-9]+|[0-9]{0,2}(?:,[0-9]{3}){2,}"
    r"|[0-9]*\.[0-9]{1,2}|(?<=[1-9])[0-9]{0,2},[0-9]{3})(?![0-9.,]?[0-9])"
)


# --------------------------------------------------------------------------- public API


def find_figures(text: str, *, ordinals: bool = False) -> list[Figure]:
    """Every figure in `text`, in order and non-overlapping, with offsets into `text`.

    Ordinals ("14th", "fourteenth") are read only when `ordinals` is set: in running text most
    are no facts ("the first time", "the 19th century"), but a source must be searched for them
    when a claim's fact is one.
    """
    return _scan(text, allow_bare=False, ordinals=ordinals)


def parse_quantity(text: str) -> Quantity | None:
    """The value of one written figure ("US$150 billion", "two million", "March 2025", "14th").

    `None` when `text` is not exactly one figure (surrounding spaces and sentence punctuation
    aside). Unlike `find_figures`, a lone "one" is read as 1 and an ordinal as a rank here: the
    caller says it is a figure.
    """
    stripped = text.strip().strip(".,;:!?()\"'“”‘’")
    if not stripped:
        return None
    figures = _scan(stripped, allow_bare=True, ordinals=True)
    if len(figures) != 1 or figures[0].start != 0 or figures[0].end != len(stripped):
        # A temperature without its scale's full name ("35C", "35 degrees"), which a text reads
        # only where its words speak of temperature: the caller says this one is a figure.
        bare = _BARE_TEMPERATURE_RE.fullmatch(stripped)
        if bare is None:
            return None
        value = Decimal(bare.group("number"))
        if bare.group("sign"):
            value = -value
        scale = bare.group("scale")
        measure = "degree" if scale is None else "°C" if scale == "C" else "°F"
        return Quantity("measure", value.normalize(), measure=measure)
    return figures[0].quantity


def figure_in(sentence: str, written: str) -> Quantity | None:
    """The value of the figure written `written` in `sentence`, read in its words as the article
    reader reads it ("1.5m" in "from 1.2m to 1.5m high" is metres, "35C" in "temperatures
    reached 35C" a temperature); `None` when the sentence has no figure written so."""
    wanted = written.strip()
    for figure in find_figures(sentence):
        if figure.text == wanted:
            return figure.quantity
    return None


_BARE_TEMPERATURE_RE = re.compile(
    r"(?P<sign>[-−]|(?i:minus)\s+)?(?P<number>[0-9]+(?:\.[0-9]+)?)"
    r"(?:(?P<scale>[CF])|\s?(?:[°º]|(?i:degrees?)(?!\w)))"
)


def measure_unit(word: str) -> str | None:
    """The unit symbol (a key of `MEASURES`) that `word` names, or `None`: "kilometres" -> "km"."""
    return _lookup_unit(word)


def apply_header(quantity: Quantity, header: str) -> Quantity:
    """The value of a bare number in a table cell whose row or column `header` names its unit.

    A header such as "Strike price (€/MWh)", "Capital cost (£m)" or "Capacity (MW)" makes the
    bare cell "46.20" €46.20, "860" £860 million and "550" 550 MW. A currency wins over a unit
    (a price per MWh is an amount of money). A magnitude is read only for an amount of money,
    where it qualifies the currency or stands in brackets ("£m", "(bn)", "(£, thousands)"); a
    unit only in brackets or as a symbol ("(tonnes)", "MW"). A figure that already carries a
    currency, unit or percent sign, or a header that names nothing, leaves `quantity` as it is.
    """
    if quantity.kind not in ("count", "number") or quantity.unit or quantity.measure:
        return quantity
    currency = _HEADER_CURRENCY_RE.search(header)
    if currency is not None:
        magnitude = 1
        scale = _HEADER_MAGNITUDE_RE.search(header)
        if scale is not None:
            written = scale.group("a") or scale.group("b") or scale.group("c")
            magnitude = _HEADER_MAGNITUDES[written.lower()]
        code = currency.group()
        unit = (
            _CURRENCY_SYMBOLS.get(code)
            or _CURRENCY_CODES.get(code)
            or _CURRENCY_WORDS[code.lower()]
        )
        value = (quantity.value * magnitude).normalize()
        return Quantity("money", value, unit, per=quantity.per)
    for bracket in _BRACKET_RE.finditer(header):
        scale = _HEADER_TEMPERATURE_RE.search(bracket.group(1))
        if scale is not None:
            degrees = "°F" if (scale.group("scale") or scale.group("sign")) in "F℉" else "°C"
            return Quantity("measure", quantity.value, measure=degrees, per=quantity.per)
        for token in _HEADER_UNIT_RE.finditer(bracket.group(1)):
            measure = _lookup_unit(token.group())
            if measure is not None:
                return Quantity("measure", quantity.value, measure=measure, per=quantity.per)
    for token in _HEADER_UNIT_RE.finditer(header):
        if token.group() in _MEASURE_SYMBOLS:  # a bare symbol outside brackets ("MW", "km")
            measure = _MEASURE_SYMBOLS[token.group()]
            return Quantity("measure", quantity.value, measure=measure, per=quantity.per)
    return quantity


def mentions_currency(text: str, unit: str) -> bool:
    """Whether `text` names the currency `unit` (an ISO code) by code, symbol or word.

    Used to accept "150 billion" in a source as "US$150 billion" when dollars are named nearby.
    """
    pattern = _CURRENCY_MENTION.get(unit)
    return pattern is not None and pattern.search(text) is not None


def _mention_pattern(unit: str) -> re.Pattern[str]:
    symbols = [s for s, u in _CURRENCY_SYMBOLS.items() if u == unit]
    codes = [c for c, u in _CURRENCY_CODES.items() if u == unit]
    words = [w for w, u in _CURRENCY_WORDS.items() if u == unit]
    parts = [re.escape(s) for s in symbols]
    parts += [rf"(?<![A-Za-z]){c}(?![A-Za-z])" for c in codes]
    parts += [rf"(?<!\w)(?i:{re.escape(w)})(?!\w)" for w in words]
    return re.compile("|".join(parts))


_CURRENCY_MENTION = {
    unit: _mention_pattern(unit)
    for unit in {*_CURRENCY_SYMBOLS.values(), *_CURRENCY_CODES.values(), *_CURRENCY_WORDS.values()}
}


# Every currency symbol of `_CURRENCY_SYMBOLS`, longest first ("HK$" before "$"); one that starts
# with a letter ("A$", "R$") only where no letter stands before it. Built from the table, so a
# currency added there is read in a header too ("Budget (₩ bn)", "₪m").
_HEADER_SYMBOLS = "|".join(
    ("(?<![A-Za-z])" if symbol[0].isalpha() else "") + re.escape(symbol)
    for symbol in sorted(_CURRENCY_SYMBOLS, key=len, reverse=True)
)
# The last character of every symbol ("$" of "HK$", "₩"): where a magnitude may follow one.
_HEADER_SYMBOL_ENDS = "".join(sorted({symbol[-1] for symbol in _CURRENCY_SYMBOLS}))
_HEADER_CURRENCY_RE = re.compile(
    _HEADER_SYMBOLS + r"|(?<![A-Za-z])(?:" + "|".join(_CURRENCY_CODES) + r")(?![A-Za-z])"
    r"|(?<!\w)(?i:"
    # Not "dong": as a row header it is more often a place ("Ha Dong", "Dong Da").
    + "|".join(map(re.escape, sorted(set(_CURRENCY_WORDS) - {"dong"}, key=len, reverse=True)))
    + r")(?!\w)"
)
_HEADER_MAGNITUDES = {
    "k": 10**3, "000": 10**3, "000s": 10**3, "'000": 10**3, "thousand": 10**3,
    "thousands": 10**3, "m": 10**6, "mn": 10**6, "million": 10**6, "millions": 10**6,
    "bn": 10**9, "billion": 10**9, "billions": 10**9, "tn": 10**12, "trn": 10**12,
    "trillion": 10**12, "trillions": 10**12, "lakh": 10**5, "lakhs": 10**5, "crore": 10**7,
    "crores": 10**7, "md": 10**9, "mds": 10**9, "mio.": 10**6, "mio": 10**6, "mrd.": 10**9,
    "mrd": 10**9,
}  # fmt: skip
_HEADER_MAGNITUDE_WORDS = r"thousands?|millions?|billions?|trillions?|lakhs?|crores?"
_HEADER_MAGNITUDE_RE = re.compile(
    rf"(?:[{re.escape(_HEADER_SYMBOL_ENDS)}]\s?|(?<![A-Za-z])(?:{'|'.join(_CURRENCY_CODES)})\s)"
    rf"(?P<a>bn|mn|m|k|tn|trn|000s?|(?i:{_HEADER_MAGNITUDE_WORDS}))(?![^\W_])"
    rf"|\((?:[^()]*\s)?(?P<b>(?i:bn|mn|m|k|tn|trn|'000|000s?|{_HEADER_MAGNITUDE_WORDS}))\)"
    # Before the sign, as French and German write it ("Montant (M€)", "(Md€)", "(Mio. €)").
    r"|(?<![^\W_])(?P<c>Mds?|Md|M|k|Mio\.|Mio|Mrd\.|Mrd)\s?(?=[€$£])"
)
# A temperature scale in a header's brackets ("Max temp (°F)"), which `_HEADER_UNIT_RE` does not
# see as a word.
_HEADER_TEMPERATURE_RE = re.compile(r"[°º]\s?(?P<scale>[CF])(?![^\W_])|(?P<sign>[℃℉])")
_BRACKET_RE = re.compile(r"\(([^()]*)\)")
_HEADER_UNIT_RE = re.compile(r"[^\W\d_][^\W\d_/]*(?:/[^\W\d_]+)?")


def _lookup_unit(word: str) -> str | None:
    if word in _MEASURE_SYMBOLS:
        return _MEASURE_SYMBOLS[word]
    folded = " ".join(word.lower().replace("-", " ").replace("‑", " ").split())
    if folded in _MEASURE_WORDS:
        return _MEASURE_WORDS[folded]
    if folded.endswith("s") and folded[:-1] in _MEASURE_WORDS:
        return _MEASURE_WORDS[folded[:-1]]
    return None


# --------------------------------------------------------------------------- scanning


def _spaced_thousands(text: str) -> bool:
    """Whether `text` writes thousands with spaces, so "739 000" is one number (see `_CORE_EN`).

    Yes when it has a number grouped by a thin or no-break space or by two plain-space groups;
    no when it groups thousands with a comma or a dot ("739,000", "1.500"); otherwise (a text
    whose only large number is "739 000") yes.
    """
    if _SPACE_STYLE_RE.search(text):
        return True
    return _MARK_GROUP_RE.search(text) is None


_SPACE_STYLE_RE = re.compile(
    rf"[0-9](?<![0-9].)(?:[0-9]{{0,2}}(?:[{_THIN}][0-9]{{3}})+(?![0-9])"
    r"|[0-9]{0,2}(?: [0-9]{3}){2,}(?![0-9])"
    # One plain-space group before a decimal comma ("1 234,5"): no text that groups with
    # commas writes that, and French, Polish and Russian ones write it whenever extraction has
    # turned their narrow no-break space into a plain one.
    r"|[0-9]{0,2} [0-9]{3},[0-9]{1,2}(?![0-9]))"
)
_MARK_GROUP_RE = re.compile(r"[0-9](?<![0-9.,].)[0-9]{0,2}[,.][0-9]{3}(?![0-9])")


# Digits of other scripts, read as ASCII ones: Arabic-Indic (with the Arabic decimal and
# thousands separators and percent sign), Extended Arabic-Indic (Persian, Urdu), Devanagari, and
# the full-width forms of Chinese and Japanese text. One character for one, so offsets stay.
_NATIVE_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९０１２３４５６７８９"
_NATIVE_TRANS = str.maketrans(_NATIVE_DIGITS + "٫٬٪％．", "0123456789" * 4 + ".,%%.")
_NATIVE_DIGIT_RE = re.compile(f"[{_NATIVE_DIGITS}]")
# A full-width comma between full-width digits, before a group of three ("１，２３４億円"): a
# thousands separator, read as ","; elsewhere it is the clause comma of Chinese text ("5，123"
# in ASCII digits is left alone). The ideographic comma "、" is not read so: it separates the
# items of a list ("１００、２００、３００円").
_WIDE_GROUP_RE = re.compile("(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def _scan(text: str, *, allow_bare: bool, ordinals: bool) -> list[Figure]:
    if text.isascii() or _NATIVE_DIGIT_RE.search(text) is None:
        return _scan_ascii(text, allow_bare=allow_bare, ordinals=ordinals)
    # Read as if written in ASCII digits; each figure keeps its text as written ("٣٫٥").
    ascii_text = text
    if "，" in text:
        ascii_text = _WIDE_GROUP_RE.sub(",", text)
    ascii_text = ascii_text.translate(_NATIVE_TRANS)
    figures = _scan_ascii(ascii_text, allow_bare=allow_bare, ordinals=ordinals)
    return [Figure(f.start, f.end, text[f.start : f.end], f.quantity) for f in figures]


def _scan_ascii(text: str, *, allow_bare: bool, ordinals: bool) -> list[Figure]:
    # The master pattern is tried only where a figure can start (a digit, a currency sign, a
    # number word, a month...): running it with finditer over every position of a 300 KB page
    # took ~200 ms. `_anchors` finds those places with regex scans alone; an earlier version
    # matched every word with a likely first letter and looked it up in Python, which was 40 %
    # of the time on ordinary prose (300 KB: ~54 ms then, ~21 ms now; see the performance tests).
    eu = _decimal_comma(text)
    spaced = _spaced_thousands(text)
    if "月" in text or "월" in text:
        master = _cjk_master(eu, spaced)
    else:
        master = _MASTERS[eu, spaced]
    figures: list[Figure] = []
    done = 0  # end of the last consumed span: figures never overlap
    for pos in _anchors(text):
        if pos < done:
            continue
        match = master.match(text, pos)
        if match is None:
            continue
        done = match.end()
        group = match.lastgroup
        if group == "num":
            figure = _number_figure(text, match, eu, figures)
            if figure is not None:
                figure = (
                    _ratio_figure(text, figure, master, eu)
                    or _score_figure(text, figure, master, eu)
                    or _season_end(text, figure, figures)
                    or _year_part(text, figure, figures)
                    or _signed(text, figure, True)
                )
                figures.append(figure)
                done = max(done, figure.end)
        elif group == "words":
            found = _word_figures(text, match, allow_bare)
            if found:
                ratio = _ratio_figure(text, found[-1], master, eu)
                if ratio is not None:
                    found[-1] = ratio
                elif not allow_bare and found[-1].text.lower() == "one":
                    found.pop()  # kept by `_word_figures` only in case it opened a share
                found = [_signed(text, figure, False) for figure in found]
                figures.extend(found)
            if found:
                done = max(done, found[-1].end)
        elif group == "frac":
            figure = _fraction_figure(text, match, allow_bare)
            if figure is not None:
                figures.append(figure)
                done = max(done, figure.end)
        elif group == "change":
            figure = _change_figure(text, match, allow_bare)
            if figure is not None:
                figures.append(figure)
        elif group == "slashyears":
            figures.extend(_slashed_years(match))
        elif group in ("iso", "dotdate", "dmy", "mdy", "my", "cjk"):
            figure = _date_figure(match, group)
            if figure is not None:
                figures.append(figure)
        elif group in ("ord", "ordw") and ordinals:
            figure = _ordinal_figure(text, match, group)
            if figure is not None:
                figures.append(figure)
        # skip / dm / md (and ordinals unless asked for): matched only so that their digits are
        # not read as figures.
    return figures


def _anchors(text: str) -> list[int]:
    """Sorted offsets where a figure may start (see `_SIGN_ANCHOR_RE`)."""
    starts = [match.start() for match in _SIGN_ANCHOR_RE.finditer(text)]
    letters = _LETTER_ANCHORS.find(text)
    # Lower-casing keeps offsets, but for "İ" (two characters lower-cased, "i̇"): it stands for
    # "ı" here, a letter too (so word boundaries stay), and one no number word has (so a word
    # with "İ" is no number word, as `str.lower` makes it).
    words = _NUMBER_WORD_ANCHORS.find(text.replace("İ", "ı").lower())
    if letters or words:
        starts = sorted(starts + letters + words)
    return starts


def _decimal_comma(text: str) -> bool:
    """Whether `text` writes numbers the European way (`1.234,5`), by counting clear cases."""
    if "," not in text and "." not in text:
        return False
    eu = len(_EU_SIGNAL_RE.findall(text))
    return eu > 0 and eu > len(_EN_SIGNAL_RE.findall(text))


def _to_decimal(core: str, eu: bool) -> Decimal | None:
    digits = core.translate(_STRIP_SPACES)
    if len(digits) < len(core) or "'" in digits or "’" in digits:
        # Grouped with spaces or (Swiss) apostrophes: the one dot or comma is the decimal mark,
        # whatever the text's convention ("1 234,5" in a text read the English way).
        digits = digits.replace("'", "").replace("’", "").replace(",", ".")
    elif digits.count(",") >= 2 and _INDIAN_GROUPS_RE.fullmatch(digits):
        digits = digits.replace(",", "")
    elif eu:
        if _COMMA_GROUPS_RE.fullmatch(digits) and ("." in digits or digits.count(",") >= 2):
            digits = digits.replace(",", "")
        else:
            digits = digits.replace(".", "").replace(",", ".")
    elif digits.count(".") >= 2:
        digits = digits.replace(".", "").replace(",", ".")
    else:
        digits = digits.replace(",", "")
    try:
        return Decimal(digits)
    except decimal.InvalidOperation:  # pragma: no cover - the pattern only admits digit forms
        logger.debug("unreadable number %r", core)
        return None


_STRIP_SPACES = str.maketrans("", "", " " + _THIN)
_INDIAN_GROUPS_RE = re.compile(r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]+)?")
_COMMA_GROUPS_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


def _number_figure(
    text: str, match: re.Match[str], eu: bool, previous: list[Figure]
) -> Figure | None:
    start = match.start()
    core_start, end = match.span("core")
    cur_pre = match.group("cur_pre")
    pct_pre = match.group("pct_pre")
    if cur_pre is None and pct_pre is None and not _free_before(text, core_start):
        return _fiscal_year(text, match)
    if cur_pre is not None and cur_pre.startswith("$") and start and text[start - 1].isalpha():
        return None  # "Bds$5", "SI$5": a dollar of no known country, surely not the US one
    core = match.group("core")
    value = _to_decimal(core, eu)
    if value is None:
        return None
    vulgar = match.group("vf")
    if vulgar is not None:
        value += _VULGAR[vulgar]
        end = match.end("vf")
    elif match.group("mix_n") is not None and core.isdigit() and len(core) <= 3:
        numerator, denominator = int(match.group("mix_n")), int(match.group("mix_d"))
        if 0 < numerator < denominator:
            share = fractions.Fraction(numerator, denominator)
            if share.denominator not in _EXACT_DENOMINATORS:
                return None  # "3 1/3": no exact decimal, and surely not 3
            value += Decimal(share.numerator) / Decimal(share.denominator)
            end = match.end("mix_d")
            vulgar = match.group("mix_n")
    sup = match.group("sup")
    if sup is not None:
        if core == "10":  # 10⁶: a power of ten; after any other number it is a footnote marker
            value = Decimal(10) ** int(sup.translate(_SUP_TRANS))
            end = match.end()
        # otherwise the figure ends before the superscript marker
    elif core == "10" and (caret := _CARET_POWER_RE.match(text, end)) is not None:
        value = _power_of_ten(caret.group("exp"))  # "10^6", as typed without superscripts
        end = caret.end()
    if vulgar is None and (sci := _TIMES_POWER_RE.match(text, end)) is not None:
        # Scientific notation, "3.4 × 10⁶" or "3.4 x 10^6": one figure, 3,400,000, not a 3.4
        # and a 10⁶ (a quote of it against "3.4 million" then reads as the same figure).
        value *= _power_of_ten(sci.group("sup") or sci.group("exp"))
        end = sci.end()

    unit: str | None = None
    inherited: str | None = None
    if cur_pre is not None:
        unit = _currency_from_prefix(cur_pre.strip())
    elif previous and previous[-1].quantity.kind == "money":
        # The second end of a range takes the first's currency: "€3-4m", "$10 to $15bn".
        gap = text[previous[-1].end : start]
        if _RANGE_GAP_RE.fullmatch(gap):
            unit = inherited = previous[-1].quantity.unit
    magnitude = 1
    mag = _MAGNITUDE_RE.match(text, end)
    east = None
    if mag is None and end < len(text) and text[end] in _EA_CHARS:
        east = _east_asian(text, end, value)
    if east is not None:
        value, end = east
    metres = False
    if mag is not None:
        letter = mag.group("att")
        # An ambiguous letter without a currency is read from what follows it (`_letter_reading`).
        reading = (
            _letter_reading(text, start, mag.end(), letter)
            if letter in _AMBIGUOUS_LETTERS and unit is None
            else "magnitude"
        )
        if reading == "magnitude":
            magnitude = _magnitude(mag)
            end = mag.end()
        metres = reading == "metre"

    kind: str | None = None
    if pct_pre is not None:
        kind = "percent"
    else:
        pct = _PERCENT_RE.match(text, end)
        if pct is not None and (unit is None or unit == inherited):
            unit = None
            end = pct.end()
            if pct.group("points"):
                kind = "points"
            elif pct.group("bp"):
                kind = "points"
                value = value / 100
            else:
                kind = "percent"
    if kind is None and (unit is None or unit == inherited):
        found = _currency_suffix(text, end, magnitude > 1 or east is not None)
        if found is not None:
            unit, end = found
    measure: str | None = None
    if kind is None and unit is None:
        found = _measure_suffix(text, end)
        if found is None and metres and mag is not None:
            found = "m", mag.end()
        if found is None and magnitude == 1 and east is None:
            found = _attached_scale(text, start, end)
        if found is not None:
            measure, end = found
        if measure in TEMPERATURE_UNITS:
            below = _BELOW_ZERO_RE.match(text, end)
            if below is not None:
                # "5C below zero" is -5 °C, and its "zero" no figure of its own; a sign already
                # written ("-5C below zero") is not turned back.
                end = below.end()
                signed = (start and text[start - 1] in "-−") or _MINUS_WORD_RE.search(
                    text, max(0, start - 16), start
                )
                if not below.group("above") and not signed:
                    value = -value
    if end < len(text) and (text[end].isalnum() or text[end] == "_") and not _is_cjk(text[end]):
        if not (sup is not None and end == match.start("sup")):
            return None  # "5G", "3D", "10am", "38m": a code or an ambiguous unit, not a figure
    if (
        magnitude == 1
        and east is None
        and kind is None
        and measure is None
        and (unit is None or cur_pre is not None)
    ):
        # The first end of a range takes the second's suffix: "$10-15bn", "10 to 15 per cent",
        # "10-15 km".
        magnitude, kind, tail_unit, measure = _range_tail(text, start, end, unit, core, eu)
        unit = unit or tail_unit
        if kind == "bp":
            kind, value = "points", value / 100
    value = value * magnitude
    if kind is None:
        if unit is not None:
            kind = "money"
        elif measure is not None:
            kind = "measure"
        elif (
            magnitude == 1
            and east is None
            and cur_pre is None
            and len(core) == 4
            and vulgar is None
            and core.isdigit()
            and 1000 <= value <= 2100
            and _is_year(text, core_start, end, int(value), previous)
        ):
            kind = "year"
        else:
            kind = "count" if value == value.to_integral_value() else "number"
    per: str | None = None
    if kind != "year":
        per, end = _period_suffix(text, end)
    quantity = Quantity(kind, value.normalize(), unit, measure, per)
    return Figure(start, end, text[start:end], quantity)


_CJK_CURRENCIES = {
    "美元": "USD", "日元": "JPY", "欧元": "EUR", "歐元": "EUR", "港元": "HKD", "英镑": "GBP",
    "英鎊": "GBP", "人民币": "CNY", "元": "CNY", "円": "JPY", "ドル": "USD", "ユーロ": "EUR",
    "달러": "USD", "위안": "CNY", "유로": "EUR", "원": "KRW",
}  # fmt: skip


def _is_cjk(char: str) -> bool:
    """Whether `char` is Chinese, Japanese or Korean, written without spaces between words, so
    a figure stands right against it ("投入35亿元", "758,000人だった", "3000명이")."""
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # Han
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF
        or 0x1100 <= code <= 0x11FF
        or 0x3130 <= code <= 0x318F
    )


# Chinese, Japanese and Korean numbers written with digits and unit characters: "35亿" (3.5
# billion), "3兆" (3 trillion), "75万8000" and "75万8千" (758,000), "2조 3000억" (2.3 trillion),
# "3천억" (300 billion). A small unit (thousand, hundred) multiplies its digits; a large one
# (10⁴, 10⁸, 10¹²) the whole section before it, and each section is smaller than the last.
_EA_SMALL = {"千": 1000, "천": 1000, "百": 100, "백": 100}
_EA_LARGE = {
    "万": 10**4, "萬": 10**4, "만": 10**4, "亿": 10**8, "億": 10**8, "억": 10**8,
    "兆": 10**12, "조": 10**12,
}  # fmt: skip
_EA_CHARS = frozenset((*_EA_SMALL, *_EA_LARGE))
_EA_UNIT_RE = re.compile(r"([千천百백])?([万萬만亿億억兆조]*)")
_EA_NEXT_RE = re.compile(r"( ?)([0-9]+(?:\.[0-9]+)?)(?![0-9.,])")


def _east_asian(text: str, end: int, value: Decimal) -> tuple[Decimal, int] | None:
    """The value of a number at `end` continued with East Asian unit characters, and where it
    ends; `None` when no such character follows."""
    if end >= len(text) or text[end] not in _EA_CHARS:
        return None
    total = Decimal(0)
    section = value
    pos = end
    last = 10**18
    while True:
        units = _EA_UNIT_RE.match(text, pos)
        if units is None:  # pragma: no cover - the pattern matches the empty string
            break
        small, large = units.group(1), units.group(2)
        scale = 1
        for char in large:
            scale *= _EA_LARGE[char]
        if (not small and not large) or (large and scale >= last):
            break
        total += section * (_EA_SMALL[small] if small else 1) * scale
        pos = units.end()
        if not large:
            break  # "8千" closes the number
        last = scale
        following = _EA_NEXT_RE.match(text, pos)
        if following is None:
            break
        number = Decimal(following.group(2))
        after = _EA_UNIT_RE.match(text, following.end())
        if after is not None and after.group():
            section, pos = number, following.end()
            continue
        # A bare number right after the last unit and below it: "75万8000".
        if not following.group(1) and "." not in following.group(2) and number < last:
            total += number
            pos = following.end()
        break
    if pos == end:
        return None
    return total, pos


def _magnitude(mag: re.Match[str]) -> int:
    """The factor a `_MAGNITUDE_RE` match names ("bn", "Mio.", "mil millones")."""
    word = " ".join(
        (mag.group("att") or mag.group("word") or mag.group("unit_mag") or "").lower().split()
    )
    if word in _FOREIGN_MAGNITUDES:
        return _FOREIGN_MAGNITUDES[word]
    word = word.rstrip(".")
    if word not in _MAGNITUDES:  # a Turkish word with a case ending
        word = next(
            stem for stem in ("milyon", "milyar", "trilyon", "bin") if word.startswith(stem)
        )
    return _MAGNITUDES[word]


_AMBIGUOUS_LETTERS = frozenset("mMbB")
# The second end of a range written with the same letter against it ("to 1.5m", "-1.5m").
_LETTER_RANGE_RE = re.compile(
    r"(?:\s?[-–—]\s?|\s+to\s+|(?P<and>\s+and\s+))[0-9]+(?:[.,][0-9]+)?(?P<letter>[mMbB])(?!\w)"
)
# A word of length after "1.5m" that makes it metres: hyphenated ("a 1.5m-high wall"), or
# spaced where it ends its phrase ("1.5m high.", "1.5m deep in places"); a spaced one before
# another word may be the start of a noun phrase ("2m high earners", "2m long-term jobless").
_LENGTH_WORDS = "high|tall|long|wide|deep|thick|across"
_LENGTH_AFTER_RE = re.compile(
    rf"[\-‑](?i:{_LENGTH_WORDS})(?![\w\-‑])"
    rf"|\s(?i:{_LENGTH_WORDS}|in\s+(?:height|length|width|depth|diameter))(?![\w\-‑])"
    r"(?![ \t\u00a0]+(?!(?i:and|or|but|in|on|at|by|with|from|to|above|below|along|around|across"
    r"|over|under|than|when|while|after|before|for|since)\b)[^\W\d_])"
)


def _letter_reading(text: str, start: int, end: int, letter: str) -> str | None:
    """How to read an ambiguous letter ("m", "b") written against the number at `start`, ending
    at `end`, with no currency: "magnitude", "metre", or `None` (no figure).

    A magnitude when a unit follows ("1.2m tonnes": only a magnitude can stand there) or a
    counted noun ("2m people": people are not metres); metres ("m" only) when a word of length
    does ("1.5m high", `_LENGTH_AFTER_RE`). The first end of a range is read as its second end
    is ("from 1.2m to 1.5m people", "from 1.2m to 1.5m high"). Anything else is as often
    millions as metres ("38m"), so it is no figure.
    """
    after = end
    tail = _LETTER_RANGE_RE.match(text, end)
    if (
        tail is not None
        and tail.group("letter") == letter
        and (
            tail.group("and") is None
            or _BETWEEN_BEFORE_RE.search(text, max(0, start - 12), start) is not None
        )
    ):
        after = tail.end()
    if _measure_suffix(text, after) is not None or _counted_noun_after(text, after):
        return "magnitude"
    if letter == "m" and _LENGTH_AFTER_RE.match(text, after) is not None:
        return "metre"
    return None


def _counted_noun_after(text: str, end: int) -> bool:
    """Whether a word of `_COUNT_NOUNS` follows `end` after a space ("2m people")."""
    found = _NEXT_WORD_RE.match(text, end)
    return found is not None and found.start(1) - end == 1 and found.group(1) in _COUNT_NOUNS


def _measure_suffix(text: str, end: int) -> tuple[str, int] | None:
    """The unit of measure written right after a number ending at `end`, and where it ends."""
    found = _MEASURE_RE.match(text, end)
    if found is None:
        return None
    gap = found.group("gap")
    if found.group("metre") is not None:
        # "100 m" is metres; "£5m" (a magnitude, read before this) and "38m" are not.
        if gap is None or gap in "-‑":
            return None
        return "m", found.end()
    unit = _lookup_unit(found.group("unit"))
    if unit is None:  # pragma: no cover - the pattern is built from the lookup tables
        return None
    if unit in _CONTEXT_UNITS and not _temperature_context(text, end, found.end()):
        return None  # "turned 180 degrees", "a 35° slope": no temperature
    return unit, found.end()


def _attached_scale(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A temperature written with its scale's letter against the number at `start:end` ("35C",
    "95F"), as (unit, end), where the sentence speaks of temperature and the words around the
    number say it is a reading (`_reads_as_temperature`); `None` otherwise."""
    if end >= len(text) or text[end] not in "CF":
        return None
    after = end + 1
    if after < len(text) and (text[after].isalnum() or text[after] in "_‑/'’"):
        return None  # "35Cs", "35F/2": a code
    if after < len(text) and text[after] == "-" and not _SCALE_RANGE_RE.match(text, after):
        return None  # "35C-1": a code; "30C-35C" is a range
    if not _temperature_context(text, start, after):
        return None
    if not _reads_as_temperature(text, start, after, text[end]):
        return None
    return ("°C" if text[end] == "C" else "°F"), after


# Words right before a number with a scale's letter that make it a reading ("reached 35C",
# "highs of 35C", "around 35C"); a word elsewhere ("the 35C bus", "in 35C", "Office 35C") leaves
# it a code unless a temperature word stands next to it.
_READING_BEFORE = frozenset(
    "reached reach reaches reaching hit hits hitting topped tops topping touched touching "
    "exceeded exceeds exceeding peaked peaking soared soaring climbed climbing rose rising "
    "fell falling dropped dropping plunged plunging sank sinking ranged ranging averaged "
    "averaging recorded registered of at to above below around about near nearly almost over "
    "under past beyond between from minus than approximately roughly some just only were was "
    "is are be been stood stands remained record high low highs lows up down by".split()
)
# The second end of a range or list of readings: "30C-35C", "30C to 35C", "30C and 35C".
_SCALE_RANGE_RE = re.compile(r"-[0-9]+(?:\.[0-9]+)?[CF](?![\w\-‑])")
_SCALE_BEFORE_RE = re.compile(
    r"(?<![\w.])([0-9]+(?:\.[0-9]+)?)(?P<scale>[CF])(?:\s?[-–—]\s?|\s+(?:to|and|or)\s+)\Z"
)
# How many words on each side of the number a temperature word makes it a reading.
_TEMPERATURE_NEAR_WORDS = 3


def _reads_as_temperature(text: str, start: int, end: int, scale: str) -> bool:
    """Whether a number with a scale's letter at `start:end` is a reading, by evidence next to
    it: a word of `_READING_BEFORE` right before it, a temperature word among the few words
    before it or right after it ("35C heat"), or a reading of the same scale as the first end of
    its range ("30C to 35C"). A capitalised word after it makes it an address or a name ("35C
    Hill Street"); a sign before it ("-5C") is a reading."""
    nxt = _NEXT_WORD_RE.match(text, end)
    if nxt is not None and nxt.start(1) - end == 1:
        if _TEMPERATURE_WORD_RE.fullmatch(nxt.group(1)):
            return True
        if nxt.group(1)[0].isupper():
            return False
    lo = max(0, start - 40)
    range_start = _SCALE_BEFORE_RE.search(text, lo, start)
    if range_start is not None and range_start.group("scale") == scale:
        return _reads_as_temperature(text, range_start.start(1), range_start.end("scale"), scale)
    before = text[max(0, start - 60) : start]
    if before.rstrip().endswith(("-", "−", "–")) and not before.endswith(("- ", "– ")):
        return True  # "-5C", "−5C"
    words = _WORD_TOKEN_RE.findall(before)[-_TEMPERATURE_NEAR_WORDS:]
    if words and words[-1].lower() in _READING_BEFORE:
        return True
    return any(_TEMPERATURE_WORD_RE.fullmatch(word) for word in words)


def _temperature_context(text: str, start: int, end: int) -> bool:
    """Whether the sentence of the figure at `start:end` speaks of temperature (a word of
    `_TEMPERATURE_WORD_RE` within `_TEMPERATURE_REACH` of it) and no label word stands right
    before it ("Room 35C", "No. 35C")."""
    prev = _PREV_WORD_RE.search(text, max(0, start - 30), start)
    if prev is not None and prev.group(1).lower().rstrip(".") in _LABELS_BEFORE:
        return False
    if start and text[start - 1] == "#":
        return False
    lo = max(0, start - _TEMPERATURE_REACH)
    for before in _SENTENCE_BREAK_RE.finditer(text, lo, start):
        lo = before.end()
    hi = min(len(text), end + _TEMPERATURE_REACH)
    after = _SENTENCE_BREAK_RE.search(text, end, hi)
    if after is not None:
        hi = after.start()
    return bool(
        _TEMPERATURE_WORD_RE.search(text, lo, start) or _TEMPERATURE_WORD_RE.search(text, end, hi)
    )


def _period_suffix(text: str, end: int) -> tuple[str | None, int]:
    """The period of a rate right after a figure ("a month", "per annum"), or what else it is
    shared among ("per head", "per household", "per 100,000 people": see `_DENOMINATOR_RE`),
    and where it ends."""
    shared = _DENOMINATOR_RE.match(text, end)
    if shared is not None:
        if shared.group("person"):
            return "person", shared.end()
        if shared.group("household"):
            return "household", shared.end()
        number = shared.group("number").replace(",", "")
        return f"{int(number)} people", shared.end()
    found = _PERIOD_RE.match(text, end)
    if found is None:
        return None, end
    word = found.group("word") or found.group("adverb") or found.group("slash")
    return _PERIOD_WORDS[word.lower()], found.end()


def _range_tail(
    text: str, start: int, end: int, unit: str | None, core: str, eu: bool
) -> tuple[int, str | None, str | None, str | None]:
    """Magnitude, kind, currency and unit of measure after the second number of a range at `end`
    (the first, `core`, starting at `start`).

    The kind is "bp" for basis points, which the caller turns into percentage points. No range:
    "and" without "between" before the first number; a bare year before a number that is not
    one ("in 2023 to €2bn", "from 2010 to 2 million"); a first number more than ten times the
    second ("from 900 to 1.2 million": 900 is no 900 million).
    """
    tail = _RANGE_RE.match(text, end)
    if tail is None:
        return 1, None, None, None
    if tail.group("and") is not None and not _BETWEEN_BEFORE_RE.search(
        text, max(0, start - 12), start
    ):
        return 1, None, None, None
    second_core = tail.group("second")
    first, second = _to_decimal(core, eu), _to_decimal(second_core, eu)
    if first is None or second is None:  # pragma: no cover - the patterns only admit digits
        return 1, None, None, None
    if (
        len(core) == 4 and core.isdigit() and 1000 <= first <= 2100 and len(second_core) != 4
    ) or first > 10 * second:
        return 1, None, None, None
    after = tail.end()
    magnitude = 1
    mag = _MAGNITUDE_RE.match(text, after)
    if mag is not None:
        letter = mag.group("att")
        reading = (
            _letter_reading(text, tail.start("second"), mag.end(), letter)
            if letter in _AMBIGUOUS_LETTERS and unit is None
            else "magnitude"
        )
        if reading == "metre":
            return 1, None, None, "m"  # "from 1.2 to 1.5m high"
        if reading == "magnitude":
            magnitude = _magnitude(mag)
            after = mag.end()
    pct = _PERCENT_RE.match(text, after)
    if pct is not None and unit is None:
        kind = "points" if pct.group("points") else "bp" if pct.group("bp") else "percent"
        return magnitude, kind, None, None
    found = _currency_suffix(text, after, magnitude > 1) if unit is None else None
    if found is not None or unit is not None:
        return magnitude, None, found[0] if found else None, None
    measured = _measure_suffix(text, after)
    if measured is None and magnitude == 1:
        measured = _attached_scale(text, start, after)  # "30-35C"
    return magnitude, None, None, measured[0] if measured else None


# Hebrew prepositions and conjunctions are one letter written onto the next word, and onto a
# figure with a hyphen ("ב-12.5%", "ול-80 מיליון"), as often as with the maqaf: a run of up to
# three of them (ב כ ל מ ה ו ש) is a prefix, not a name like "F-16".
_HEBREW_PREFIX_RE = re.compile(r"(?<![^\W\d_])[בכלמהוש]{1,3}\Z")


def _free_before(text: str, start: int) -> bool:
    """Whether the digits at `start` stand on their own (not `A4`, `F-16`, `COVID-19`, `[3]`)."""
    if start == 0:
        return True
    before = text[start - 1]
    if (before.isalpha() and not _is_cjk(before)) or before == "_":
        return False
    if before in "-‑" and start >= 2 and text[start - 2].isalpha():
        if "\u05d0" <= text[start - 2] <= "\u05ea":
            return _HEBREW_PREFIX_RE.search(text, max(0, start - 6), start - 1) is not None
        if start >= 3 and text[start - 3].isdigit() and _SCALE_RANGE_RE.match(text, start - 1):
            return True  # the second end of "30C-35C"
        word = _PREV_WORD_RE.search(text, max(0, start - 30), start - 1)
        return word is not None and word.group(1).lower() in _HYPHEN_PREFIXES
    return True


def _currency_from_prefix(prefix: str) -> str:
    compact = prefix.replace(" ", "").replace("\u00a0", "")
    if compact in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[compact]
    if compact in _CURRENCY_CODES:
        return _CURRENCY_CODES[compact]
    if compact in _RUPEE_PREFIXES:
        return "INR"
    return "USD"  # "US $" written with a space, and other dollar spellings


def _currency_suffix(text: str, end: int, magnitude: bool = False) -> tuple[str, int] | None:
    """The currency written right after an amount ending at `end` and where it ends; `magnitude`
    says whether the amount ended in a magnitude word ("3.8 billion"), after which "won" is the
    Korean currency and not the verb."""
    won = _WON_RE.match(text, end)
    if won is not None and (magnitude or won.group("korean")):
        return "KRW", won.end()
    found = _CURRENCY_SUFFIX_RE.match(text, end)
    if found is None:
        qualified = _TURKISH_QUALIFIED.match(text, end)
        if qualified is None:
            return None
        found = _CURRENCY_SUFFIX_RE.match(text, qualified.end() - 1)
        if found is None:  # pragma: no cover - the lookahead guarantees a currency word
            return None
    if found.group("sym"):
        return _CURRENCY_SYMBOLS[found.group("sym")], found.end()
    if found.group("code"):
        return _CURRENCY_CODES[found.group("code")], found.end()
    if found.group("cjk"):
        return _CJK_CURRENCIES[found.group("cjk")], found.end()
    word = found.group("word").lower()
    unit = _CURRENCY_WORDS[word]
    qual = found.group("qual")
    if qual is not None:
        named = qual.strip().lower()
        if unit == "USD":
            unit = _DOLLAR_QUALIFIERS.get(named, unit)
        else:
            unit = _OTHER_QUALIFIERS.get((unit, named), unit)
    return unit, found.end()


def counts_things(text: str, start: int, end: int) -> bool:
    """Whether the bare number at `text[start:end]` surely counts things, whatever it looks
    like: a counted noun follows it and a word that is no year's comes before it ("employed
    1850 workers", "trained 2019 nurses"; not "In 2019 nurses went on strike", where the
    number may be either)."""
    nxt = _NEXT_WORD_RE.match(text, end)
    if nxt is None or nxt.group(1).lower() not in _COUNT_NOUNS:
        return False
    prev = _PREV_WORD_RE.search(text, max(0, start - 30), start)
    if prev is None or text[prev.end(1) : start].strip():
        return False  # first in its sentence, or after punctuation
    return prev.group(1).lower() not in _YEAR_BEFORE


def _is_year(text: str, start: int, end: int, value: int, previous: list[Figure]) -> bool:
    """Whether a bare four-digit number at `text[start:end]` is a year (see module notes)."""
    nxt = _NEXT_WORD_RE.match(text, end)
    if nxt is not None and nxt.group(1).lower() in _COUNT_NOUNS:
        return False
    prev = _PREV_WORD_RE.search(text, max(0, start - 30), start)
    prev_word = prev.group(1).lower().rstrip(".") if prev is not None else ""
    if prev_word in _QUANTIFIERS:
        return False
    if prev_word in _YEAR_BEFORE:
        return True
    if previous and previous[-1].quantity.kind in ("year", "date"):
        gap = text[previous[-1].end : start]
        if len(gap) <= 12 and re.fullmatch(r"\s*(?:[-–—/]|and|or|to|through)?\s*", gap):
            return True
    if 1900 <= value <= 2100:
        return True
    # 1000–1899 with nothing around it: a year when it closes a phrase ("in the wars of 1812.")
    return end >= len(text) or not text[end].isspace() or nxt is None


# --------------------------------------------------------------------------- signs and shares

# A minus sign against a number: a range's dash has a number (or a number and a space) before
# it ("10-15", "10 - 15"), a word's hyphen a letter ("COVID-19", which `_free_before` drops).
_SIGN_CONTEXT = frozenset(" \t\n\u00a0([{=:;")
_NUMBER_BEFORE_RE = re.compile(r"[0-9%]\s*\Z")
_MINUS_WORD_RE = re.compile(r"(?i)(?<![\w/])(?<!or\s)minus\s+\Z")
_SIGNED_KINDS = frozenset({"money", "percent", "points", "count", "number", "measure"})


def _signed(text: str, figure: Figure, digits: bool) -> Figure:
    """`figure`, negative when a minus sign ("-15", "−15", for digits) or the word "minus"
    stands right before it, the sign then part of its text. "plus or minus 3" is a margin."""
    quantity, start = figure.quantity, figure.start
    if quantity.kind not in _SIGNED_KINDS or not quantity.value:
        return figure
    sign: int | None = None
    if digits and start and text[start - 1] in "-−":
        if quantity.kind in ("count", "number"):
            # A currency sign before the minus ("$-4 million", "US$−2.5bn"): a negative amount
            # of that currency.
            money = _signed_money(text, figure)
            if money is not None:
                return money
        before = text[start - 2] if start >= 2 else " "
        if before in _SIGN_CONTEXT and not (
            before.isspace() and _NUMBER_BEFORE_RE.search(text, max(0, start - 8), start - 1)
        ):
            sign = start - 1
    if sign is None:
        before_text = text[max(0, start - 16) : start]
        # A substring test first: most figures have no "minus" before them.
        if "inus" not in before_text and "INUS" not in before_text:
            return figure
        word = _MINUS_WORD_RE.search(text, max(0, start - 16), start)
        if word is None:
            return figure
        sign = word.start()
    negative = Quantity(
        quantity.kind, -quantity.value, quantity.unit, quantity.measure, quantity.per, quantity.of
    )
    return Figure(sign, figure.end, text[sign : figure.end], negative)


def _fiscal_year(text: str, match: re.Match[str]) -> Figure | None:
    """A financial year written "FY2021" or "FY21", as a date of part `FY`; otherwise `None`."""
    core_start, end = match.span("core")
    fiscal = _FY_BEFORE_RE.search(text, max(0, core_start - 3), core_start)
    core = match.group("core")
    if fiscal is None or not core.isdigit() or len(core) not in (2, 4) or match.end() != end:
        return None
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return None
    year = int(core) + (2000 if len(core) == 2 else 0)
    if not 1900 <= year <= 2100:
        return None
    if len(core) == 4 and _SEASON_AFTER_RE.match(text, end):
        # "FY2020-21": two years, as "2020-21" is (`_season_end` reads the second).
        return Figure(core_start, end, core, Quantity("year", Decimal(year)))
    return Figure(
        fiscal.start(), end, text[fiscal.start() : end], Quantity("date", Decimal(year * 100 + 60))
    )


def _year_part(text: str, figure: Figure, previous: list[Figure]) -> Figure | None:
    """A year with the part of it written before ("Q3 2021", "the second half of 2021",
    "autumn 2021", "early 2021") as a date of that part, in place of the figures of the part's
    words ("second"); or, for "2021-05", the month (see `_iso_month`); otherwise `None`."""
    if figure.quantity.kind != "year":
        return _iso_month(text, figure, previous)
    if _SEASON_AFTER_RE.match(text, figure.end):
        return None  # "fiscal 2020-21", "early 2020-21": two years, which no part divides
    found = _PART_BEFORE_RE.search(text, max(0, figure.start - 40), figure.start)
    if found is None:
        return None
    if found.group("q") or found.group("h"):
        code = 20 + int(found.group("q")) if found.group("q") else 30 + int(found.group("h"))
    elif found.group("qw"):
        code = 20 + _PART_WORDS[found.group("qw").lower()]
    elif found.group("hw"):
        code = 30 + _PART_WORDS[found.group("hw").lower()]
    elif found.group("fy"):
        code = 60
    else:
        code = _PART_WORDS[found.group("word").lower()]
    start = found.start()
    while previous and previous[-1].end > start:
        previous.pop()  # "second" of "the second half of 2021"
    value = Decimal(int(figure.quantity.value) * 100 + code)
    return Figure(start, figure.end, text[start : figure.end], Quantity("date", value))


def _iso_month(text: str, figure: Figure, previous: list[Figure]) -> Figure | None:
    """A month written after its year with a hyphen ("2021-05") as a date, in place of the year
    before it; only where the two digits can be no second year of a season ("2008-09" is one):
    the month is not after the year's last two digits."""
    if figure.quantity.kind != "count" or len(figure.text) != 2 or not previous:
        return None
    last = previous[-1]
    if last.quantity.kind != "year" or len(last.text) != 4 or text[last.end : figure.start] != "-":
        return None
    year, month = int(last.text), int(figure.text)
    if not 1 <= month <= min(12, year % 100) or text[figure.end : figure.end + 1] in ("-", "%"):
        return None
    if text[last.start - 1 : last.start] == "-":
        return None
    previous.pop()
    value = Decimal(year * 100 + month)
    return Figure(last.start, figure.end, text[last.start : figure.end], Quantity("date", value))


def _season_end(text: str, figure: Figure, previous: list[Figure]) -> Figure | None:
    """The second year of a season or financial year written with two digits ("2020-21",
    "1999–00", "the 2019-23 plan": up to ten years on), or `None`."""
    if figure.quantity.kind != "count" or len(figure.text) != 2 or not figure.text.isdigit():
        return None
    if not previous:
        return None
    last = previous[-1]
    if last.quantity.kind != "year" or len(last.text) != 4 or not last.text.isdigit():
        return None
    after = text[figure.end : figure.end + 2]
    if text[last.end : figure.start] not in ("-", "–") or after[:1] == "%":
        return None
    if after[:1] in (".", ",") and after[1:].isdigit():
        return None  # "2020-21.5": a number
    second = _season_year(int(last.text), figure.text)
    if second is None:
        return None
    return Figure(figure.start, figure.end, figure.text, Quantity("year", Decimal(second)))


def _season_year(first: int, written: str) -> int | None:
    """The second year of a season or financial year starting in `first`, written with two
    digits ("21" after 2020, "00" after 1999) or four, or `None` unless it is one to ten years
    on."""
    second = int(written)
    if len(written) == 2:
        second += first // 100 * 100
        if second <= first:
            second += 100  # "1999-00"
    return second if 1 <= second - first <= 10 else None


def _slashed_years(match: re.Match[str]) -> list[Figure]:
    """Both years of "2020/21" or "2019/2020" (a season or financial year: the second one to ten
    years after the first), or none: another slashed form ("2020/05", "1990/50") is no figure."""
    first = int(match.group("sy_a"))
    text = match.group("sy_b")
    second = _season_year(first, text)
    if second is None:
        return []
    a, b = match.span("sy_a"), match.span("sy_b")
    return [
        Figure(a[0], a[1], match.group("sy_a"), Quantity("year", Decimal(first))),
        Figure(b[0], b[1], text, Quantity("year", Decimal(second))),
    ]


def _signed_money(text: str, figure: Figure) -> Figure | None:
    """The bare number after "$-" ("$-4 million") as a negative amount of money, or `None`."""
    minus = figure.start - 1
    for length in (4, 3, 2, 1):
        symbol = text[max(0, minus - length) : minus]
        if len(symbol) == length and symbol in _CURRENCY_SYMBOLS:
            at = minus - length
            if at and (text[at - 1].isalnum() or text[at - 1] in "-−.,"):
                return None  # inside a word or another figure ("AUS$-4", "5$-4")
            quantity = figure.quantity
            negative = Quantity(
                "money", -quantity.value, _CURRENCY_SYMBOLS[symbol], None, quantity.per
            )
            return Figure(at, figure.end, text[at : figure.end], negative)
    return None


# "one in four", "3 out of 10", "one in every five": the words between the two numbers of a share.
_RATIO_LINK_RE = re.compile(r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?=\w)")
# "3 in 5 minutes", "2 in 3 games" are a count and a span, not a share.
_RATIO_SPANS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries game games match matches race races attempt attempts "
    "round rounds".split()
)


def _ratio_figure(text: str, first: Figure, master: re.Pattern[str], eu: bool) -> Figure | None:
    """A share "N in M" or "N out of M" starting with the count `first`, or `None`.

    Both numbers are plain counts and the second the larger; a year after "in" ("2 in 2020") or a
    span of time after the second number ("3 in 5 minutes") makes no share.
    """
    numerator = first.quantity
    if not _is_plain_count(numerator) or numerator.value < 1:
        return None
    link = _RATIO_LINK_RE.match(text, first.end)
    if link is None:
        return None
    match = master.match(text, link.end())
    second: Figure | None = None
    if match is not None and match.lastgroup == "num":
        second = _number_figure(text, match, eu, [])
    elif match is not None and match.lastgroup == "words":
        found = _word_figures(text, match, True)
        second = found[0] if found else None
    if second is None or second.start != link.end():
        return None
    if not _is_plain_count(second.quantity) or second.quantity.value <= numerator.value:
        return None
    after = _NEXT_WORD_RE.match(text, second.end)
    if after is not None and after.group(1).lower() in _RATIO_SPANS:
        return None
    share = Quantity("ratio", numerator.value, of=second.quantity.value)
    return Figure(first.start, second.end, text[first.start : second.end], share)


# A score, a vote or odds: "beat Chelsea 3-1", "passed the bill 52-48", "odds of 5 to 1".
_SCORE_LINK_RE = re.compile(r"[-–](?=[0-9])|(?P<to>\s+to\s+|-to-)(?=[0-9])")
_SCORE_BEFORE_RE = re.compile(
    r"(?i)(?<!\w)(?:beat|beats|beaten|won|win|wins|winning|lost|lose|loses|losing|defeated"
    r"|defeat|drew|draw|drawn|trailed|trailing|led|leading|lead|score|scored|scoreline|victory"
    r"|vote|votes|voted|voting|margin|passed|rejected|approved|ruled|ruling|majority|odds"
    r"|bookmakers|bet)(?!\w)[^.!?\n]{0,40}\Z"
)
_ODDS_BEFORE_RE = re.compile(r"(?i)(?<!\w)(?:odds|bookmakers|bet|betting)(?!\w)[^.!?\n]{0,30}\Z")
# Words that may follow an ascending score ("lost 1-3 at home"); any other word makes a range
# ("won 10-15 seats").
_AFTER_SCORE = frozenset(
    "at in on against to with after over and the for away home win victory defeat loss draw "
    "lead vote votes decision ruling margin majority scoreline aggregate down up when before "
    "last this".split()
)


def _score_figure(text: str, first: Figure, master: re.Pattern[str], eu: bool) -> Figure | None:
    """A score, a vote or odds starting with the count `first` ("3-1", "52-48", "5 to 1"), or
    `None` for a range ("10-15 people") or anything else.

    Two bare integers below 1000 joined by a dash: a score when the second is the smaller
    (no range runs downwards), or when a word of winning, losing, voting or odds stands shortly
    before and no counted thing follows ("lost 1-3 at home", not "won 10-15 seats"). Joined by
    "to", only as odds: after "odds" (or a bookmaker), or before "against" or "on".
    """
    if not _is_plain_count(first.quantity) or not first.text.isdigit() or len(first.text) > 3:
        return None
    link = _SCORE_LINK_RE.match(text, first.end)
    if link is None:
        return None
    match = master.match(text, link.end())
    if match is None or match.lastgroup != "num" or match.start("core") != link.end():
        return None
    core = match.group("core")
    if not core.isdigit() or len(core) > 3 or match.end() != match.end("core"):
        return None
    end = match.end()
    if end < len(text) and (text[end].isalnum() or text[end] in "%-‑–.,"):
        if not (text[end] in ".," and (end + 1 >= len(text) or not text[end + 1].isdigit())):
            return None  # "3-1bn", "10-15%", "3-4-5", "10-15,000": no score
    if _PERCENT_RE.match(text, end) or _MAGNITUDE_RE.match(text, end):
        return None
    if _currency_suffix(text, end) or _measure_suffix(text, end):
        return None
    first_value, second_value = int(first.text), int(core)
    after = _NEXT_WORD_RE.match(text, end)
    next_word = after.group(1) if after is not None and after.start(1) - end <= 1 else ""
    lead = max(0, first.start - 60)
    if link.group("to") is not None:
        odds = _ODDS_BEFORE_RE.search(text, lead, first.start) is not None or (
            next_word.lower() in ("against", "on")
        )
        if not odds:
            return None
    elif next_word and (
        next_word.lower() in _COUNT_NOUNS
        or next_word.lower() in _RATIO_SPANS
        or next_word in _MONTHS
    ):
        return None
    elif second_value >= first_value and not (
        _SCORE_BEFORE_RE.search(text, lead, first.start) is not None
        and (not next_word or next_word.lower() in _AFTER_SCORE)
    ):
        return None
    score = Quantity("score", Decimal(first_value), of=Decimal(second_value))
    return Figure(first.start, end, text[first.start : end], score)


def _is_plain_count(quantity: Quantity) -> bool:
    return quantity.kind == "count" and not (quantity.unit or quantity.measure or quantity.per)


# Words before "half" that make it a part of something, not a share: "the second half of the
# year", "the other half of the team". Not "that": "found that half of all adults".
_NOT_A_SHARE_BEFORE = frozenset(
    "the first second third fourth last latter former other back front top bottom upper lower "
    "each every its their his her our my your".split()
)
_OF_RE = re.compile(r"\s+of\s+(?!(?i:an?)\s)")
# Nouns after "a third", "a fifth"... that make it an ordinal, not a share.
_ORDINAL_NOUNS = frozenset(
    "party parties person persons world term time round place way wave generation reading "
    "country countries option".split()
)
_HYPHEN_WORD_RE = re.compile(r"[\-‑]([^\W\d_]+)")
# Nouns after "a half", "a quarter" that make it a number of points, not a share of anything.
_POINT_NOUNS = frozenset("point points percentage basis".split())
# A word of change right before a fraction makes it a share ("profits fell a third", "costs
# rose a quarter last year", "down a half on the year"), where the fraction ends its clause or
# a word of `_AFTER_A_CHANGE` follows it: "fell a third consecutive month" is a rank.
_CHANGE_BEFORE = frozenset(
    "fell fall falls dropped drop drops declined decline declines down up rose rise rises grew "
    "grow grows climbed jumped slumped plunged shrank increased decreased gained lost cut cuts "
    "slashed soared surged tumbled".split()
)
_AFTER_A_CHANGE = frozenset(
    "on in from since to last this over compared against after during as while and but at for "
    "with year".split()
)
_OF_A_SCALE_RE = re.compile(r"\s+of\s+an?\s+((?i:thousand|million|billion|trillion|hundred))(?!\w)")


def _fraction_figure(text: str, match: re.Match[str], allow_bare: bool) -> Figure | None:
    """A fraction in words as a share, where it plainly is one (see the module notes).

    "a third of the votes", "two-thirds of members", "half of all adults", "cut by half", "fell
    by a quarter", "a one-fifth stake"; not "a third term", "the second half of the year", "three
    quarters" of a year, "a quarter of an hour". With `allow_bare` (`parse_quantity`: the caller
    says it is a figure) the words around it are not asked.
    """
    start, end = match.span("frac")
    if match.group("frac_half") is not None:
        numerator, denominator, plural, hyphen, word = 1, 2, False, False, "half"
    else:
        written = match.group("frac_n").lower()
        numerator = 1 if written in ("a", "an") else _UNITS[written]
        word = match.group("frac_d").lower()
        plural = word.endswith("s")
        word = word.removesuffix("s")
        denominator = _FRACTIONS[word]
        hyphen = "-" in match.group("frac_gap") or "‑" in match.group("frac_gap")
        if plural != (numerator > 1) or numerator >= denominator:
            return None  # "one thirds", "a quarters", "five quarters": no share
    scaled = _OF_A_SCALE_RE.match(text, end)
    if scaled is not None and numerator < denominator:
        # "a third of a million", "a quarter of a billion dollars": an amount, not a share.
        scale = _SCALES.get(scaled.group(1).lower(), 100)
        value = (Decimal(numerator * scale) / denominator).quantize(Decimal(1))
        figure = _word_quantity(text, start, scaled.end(), value)
        return Figure(start, figure.end, text[start : figure.end], figure.quantity)
    prev = _PREV_WORD_RE.search(text, max(0, start - 30), start)
    prev_word = prev.group(1).lower() if prev is not None else ""
    by = prev_word == "by" and (end >= len(text) or text[end] not in "-‑")
    of = _OF_RE.match(text, end) is not None
    after = _NEXT_WORD_RE.match(text, end) or _HYPHEN_WORD_RE.match(text, end)
    if not allow_bare and after is not None and after.group(1).lower() in _ORDINAL_NOUNS:
        return None  # "settled by a third party", "a third-party app", "a third term"
    if not allow_bare and after is not None and after.group(1).lower() in _POINT_NOUNS:
        return None  # "fell by a half point", "a quarter percentage point": 0.5 points, no share
    if allow_bare:
        share = True
    elif word == "half":
        share = by or (of and prev_word not in _NOT_A_SHARE_BEFORE)
    else:
        share = by or of or (hyphen and word != "quarter")
    if not share and prev_word in _CHANGE_BEFORE and (end >= len(text) or text[end] not in "-‑"):
        next_word = _NEXT_WORD_RE.match(text, end)
        share = next_word is None or next_word.group(1).lower() in _AFTER_A_CHANGE
    if not share:
        return None
    quantity = Quantity("ratio", Decimal(numerator), of=Decimal(denominator))
    return Figure(start, end, text[start:end], quantity)


# Words after "doubled" that make it another verb ("doubled as a venue", "doubled down").
_NOT_A_CHANGE_AFTER = frozenset("as up down over back".split())
# Words before "doubled" that make it an adjective ("a doubled dose", "the halved budget").
_NOT_A_CHANGE_BEFORE = frozenset(
    "a an the this that these those its their his her our my your".split()
)


def _change_figure(text: str, match: re.Match[str], allow_bare: bool) -> Figure | None:
    """A change by a multiple written as a verb ("sales halved", "fares doubled", "costs have
    tripled"), or `None` where the verb is another one ("doubled as", "doubled down") or an
    adjective ("a doubled dose"). With `allow_bare`, the words around it are not asked."""
    start, end = match.span("change")
    if not allow_bare:
        after = _NEXT_WORD_RE.match(text, end)
        if after is not None and after.group(1).lower() in _NOT_A_CHANGE_AFTER:
            return None
        prev = _PREV_WORD_RE.search(text, max(0, start - 30), start)
        if prev is not None and prev.group(1).lower() in _NOT_A_CHANGE_BEFORE:
            return None
    return Figure(start, end, text[start:end], CHANGE_WORDS[text[start:end].lower()])


# --------------------------------------------------------------------------- ordinals


def _ordinal_figure(text: str, match: re.Match[str], group: str) -> Figure | None:
    start, end = match.span(group)
    if group == "ord":
        if not _free_before(text, start):
            return None  # "A4th", "F-16th": part of a code
        value = int(match.group("ord_n"))
    elif match.group("ordw_round") is not None:
        value = _ORDINAL_TENS[match.group("ordw_round").lower()]
    else:
        value = _ORDINAL_UNITS[match.group("ordw_unit").lower()]
        tens = match.group("ordw_tens")
        if tens is not None:
            if value > 9:
                return None  # "twenty-eleventh" is no number
            value += _TENS[tens.lower()]
    return Figure(start, end, text[start:end], Quantity("ordinal", Decimal(value)))


# --------------------------------------------------------------------------- dates


def _date_figure(match: re.Match[str], group: str) -> Figure | None:
    prefix = "dot" if group == "dotdate" else group  # the other groups name their own parts
    year = int(match.group(f"{prefix}_y"))
    month_text = match.group(f"{prefix}_m")
    month = _MONTHS[month_text] if month_text in _MONTHS else int(month_text)
    day_text = match.group(f"{prefix}_d") if group != "my" else None
    day = int(day_text) if day_text else None
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    if day is None:
        value = Decimal(year * 100 + month)
    else:
        value = Decimal(year * 10000 + month * 100 + day)
    start, end = match.span(group)
    return Figure(start, end, match.group(group), Quantity("date", value))


# --------------------------------------------------------------------------- number words


def _word_figures(text: str, match: re.Match[str], allow_bare: bool) -> list[Figure]:
    base = match.start()
    tokens = [
        (m.group().lower(), base + m.start(), base + m.end())
        for m in _WORD_TOKEN_RE.finditer(match.group())
    ]
    words = [t[0] for t in tokens]
    figures: list[Figure] = []
    i = 0
    while i < len(tokens):
        parsed = _parse_words(words, i)
        if parsed is None:
            i += 1
            continue
        value, used = parsed
        phrase = words[i : i + used]
        start, end = tokens[i][1], tokens[i + used - 1][2]
        i += used
        if _FRACTION_AFTER_RE.match(text, end):
            # "two-thirds", "three quarters": a share where `_fraction_figure` reads one, never
            # a count.
            opened = _FRACTION_RE.match(text, start)
            share = _fraction_figure(text, opened, allow_bare) if opened is not None else None
            if share is not None:
                figures.append(share)
            continue
        figure = _word_quantity(text, start, end, value)
        if (
            not allow_bare
            and phrase == ["one"]
            and figure.quantity.kind in ("count", "measure")
            and _RATIO_LINK_RE.match(text, figure.end) is None
        ):
            continue  # "one of them", "one day": a pronoun or an idiom far more often than a figure
        figures.append(figure)
    return figures


def _word_quantity(text: str, start: int, end: int, value: Decimal) -> Figure:
    kind: str | None = None
    unit: str | None = None
    pct = _PERCENT_RE.match(text, end)
    if pct is not None:
        end = pct.end()
        kind = "points" if pct.group("points") or pct.group("bp") else "percent"
        if pct.group("bp"):
            value = value / 100
    else:
        found = _currency_suffix(text, end)
        if found is not None:
            unit, end = found
            kind = "money"
    measure: str | None = None
    if kind is None:
        measured = _measure_suffix(text, end)
        if measured is not None:
            measure, end = measured
            kind = "measure"
    if kind is None:
        kind = "count" if value == value.to_integral_value() else "number"
    per, end = _period_suffix(text, end)
    return Figure(
        start, end, text[start:end], Quantity(kind, value.normalize(), unit, measure, per)
    )


def _parse_words(words: list[str], start: int = 0) -> tuple[Decimal, int] | None:
    """The longest number-word phrase at the start of `words`: (value, tokens used) or `None`.

    With `start`, the phrase is read from `words[start]` on (tokens used count from there), so a
    caller walking a long run of words need not copy the rest of it for each start.

    Reads "two million", "a hundred thousand", "twenty-five", "one and a half million",
    "half a million", "two dozen", "three hundred and five". Stops at the first word that
    cannot continue the number ("one two" is two numbers).
    """
    total = Decimal(0)
    current = Decimal(0)
    last = ""  # kind of the last consumed word
    last_scale = 10**15
    used = 0  # tokens that form a complete number so far
    value_at_used: Decimal | None = None
    i = start
    n = len(words)
    while i < n:
        word = words[i]
        nxt = words[i + 1] if i + 1 < n else ""
        if word == "a":
            # "a hundred", "a million", "a dozen", "and a half", "half a million"
            if nxt not in ("hundred", "dozen", "half", *_SCALES) or last not in ("", "and", "half"):
                break
            if last == "and" and nxt != "half":
                break
            if last == "":
                current = Decimal(1)
            last = "a"
        elif word == "and":
            if last in ("hundred", "scale") and (nxt in _UNITS or nxt in _TENS):
                last = "and"
            elif last in ("unit", "tens", "hundred", "dozen", "scale") and nxt == "a":
                last = "and"
            else:
                break
        elif word == "half":
            if last == "" and nxt == "a":  # "half a million"
                current = Decimal("0.5")
                last = "half"
            elif last == "a" and i - start >= 2 and words[i - 2] == "and":  # "one and a half"
                current += Decimal("0.5")
                last = "halfdone"
                used, value_at_used = i + 1 - start, total + current
            else:
                break
        elif word in _UNITS:
            if last not in ("", "tens", "hundred", "scale", "and"):
                break
            if last == "tens" and not (1 <= _UNITS[word] <= 9):
                break
            current += _UNITS[word]
            last = "unit"
            used, value_at_used = i + 1 - start, total + current
        elif word in _TENS:
            if last not in ("", "hundred", "scale", "and"):
                break
            current += _TENS[word]
            last = "tens"
            used, value_at_used = i + 1 - start, total + current
        elif word == "hundred":
            if last == "a":
                current = Decimal(100)
            elif last in ("unit", "tens") and 1 <= current % 1000 <= 99:
                current = current * 100
            else:
                break
            last = "hundred"
            used, value_at_used = i + 1 - start, total + current
        elif word == "dozen":
            if last not in ("a", "unit", "tens"):
                break
            current = current * 12
            last = "dozen"
            used, value_at_used = i + 1 - start, total + current
        elif word in _SCALES:
            scale = _SCALES[word]
            if (
                last not in ("a", "unit", "tens", "hundred", "halfdone", "dozen")
                or scale >= last_scale
            ):
                break
            if last == "a" and i - start >= 2 and words[i - 2] == "half":  # "half a million"
                current = Decimal("0.5")
            total += current * scale
            current = Decimal(0)
            last_scale = scale
            last = "scale"
            used, value_at_used = i + 1 - start, total
        else:  # pragma: no cover - the pattern only admits number words, "a" and "and"
            break
        i += 1
    if used == 0 or value_at_used is None:
        return None
    return value_at_used, used
