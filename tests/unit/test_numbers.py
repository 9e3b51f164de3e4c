"""The number normaliser: written figures and their values (issue 4, Acceptance)."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.numbers import (
    Figure,
    Quantity,
    apply_header,
    find_figures,
    measure_unit,
    mentions_currency,
    parse_quantity,
)
from tests.helpers.facts import values

# (written form, canonical value); `None` means "not a figure".
FORMS: list[tuple[str, str | None]] = [
    # money: symbols, codes, words, suffixes
    ("US$150 billion", "money:USD:150000000000"),
    ("$150bn", "money:USD:150000000000"),
    ("150 billion dollars", "money:USD:150000000000"),
    ("USD 150 billion", "money:USD:150000000000"),
    ("US $150 billion", "money:USD:150000000000"),
    ("$150 Billion", "money:USD:150000000000"),
    ("150 billion US dollars", "money:USD:150000000000"),
    ("$150-billion", "money:USD:150000000000"),
    ("150bn USD", "money:USD:150000000000"),
    ("$1.5tn", "money:USD:1500000000000"),
    ("$2 trillion", "money:USD:2000000000000"),
    ("€2.3m", "money:EUR:2300000"),
    ("€2.3 million", "money:EUR:2300000"),
    ("2.3 million euros", "money:EUR:2300000"),
    ("EUR 2,300,000", "money:EUR:2300000"),
    ("£40k", "money:GBP:40000"),
    ("£40,000", "money:GBP:40000"),
    ("40 thousand pounds", "money:GBP:40000"),
    ("TL 5 million", "money:TRY:5000000"),
    ("5 million TL", "money:TRY:5000000"),
    ("₺5 milyon", "money:TRY:5000000"),
    ("5 million Turkish lira", "money:TRY:5000000"),
    ("150 milyar dolar", "money:USD:150000000000"),
    ("A$3m", "money:AUD:3000000"),
    ("$5M", "money:USD:5000000"),
    ("two million dollars", "money:USD:2000000"),
    ("AZN 12 mn", "money:AZN:12000000"),
    # plain amounts, separators and magnitudes
    ("1,000,000", "count:1000000"),
    ("1.000.000", "count:1000000"),
    ("1 000 000", "count:1000000"),
    ("1\u00a0000\u00a0000", "count:1000000"),
    ("1\u202f000", "count:1000"),
    ("1\u2009000\u2009000", "count:1000000"),
    ("2.5", "number:2.5"),
    ("0.75", "number:0.75"),
    ("1,234.5", "number:1234.5"),
    ("2 million", "count:2000000"),
    ("2.5 million", "count:2500000"),
    ("150 billion", "count:150000000000"),
    ("150bn", "count:150000000000"),
    ("40k", "count:40000"),
    ("10⁶", "count:1000000"),
    ("42", "count:42"),
    # number words
    ("two million", "count:2000000"),
    ("a hundred thousand", "count:100000"),
    ("A million", "count:1000000"),
    ("seventeen", "count:17"),
    ("fifteen", "count:15"),
    ("twenty-five", "count:25"),
    ("Twenty five", "count:25"),
    ("one and a half million", "count:1500000"),
    ("two and a half", "number:2.5"),
    ("half a million", "count:500000"),
    ("two hundred and five", "count:205"),
    ("three hundred thousand", "count:300000"),
    ("nineteen hundred", "count:1900"),
    ("two dozen", "count:24"),
    ("a dozen", "count:12"),
    ("one", "count:1"),
    # percent and percentage points, kept apart
    ("12.5%", "percent:12.5"),
    ("12.5 %", "percent:12.5"),
    ("5 per cent", "percent:5"),
    ("8,5 Prozent", "percent:8.5"),
    ("12 pour cent", "percent:12"),
    ("7 por ciento", "percent:7"),
    ("5 percent", "percent:5"),
    ("5-per-cent", "percent:5"),
    ("five percent", "percent:5"),
    ("%5", "percent:5"),
    ("yüzde 5", "percent:5"),
    ("5 percentage points", "points:5"),
    ("5 percentage-point", "points:5"),
    ("1.5pp", "points:1.5"),
    ("50 basis points", "points:0.5"),
    # years and dates
    ("1993", "year:1993"),
    ("2023", "year:2023"),
    ("6 February 2023", "date:2023-02-06"),
    ("6th February 2023", "date:2023-02-06"),
    ("February 6, 2023", "date:2023-02-06"),
    ("Feb. 6, 2023", "date:2023-02-06"),
    ("2023-02-06", "date:2023-02-06"),
    ("06.02.2023", "date:2023-02-06"),
    ("6 Şubat 2023", "date:2023-02-06"),
    ("March 2025", "date:2025-03"),
    ("Sept 2024", "date:2024-09"),
    ("Aralık 2024", "date:2024-12"),
    # units of measure: part of the value, metric prefixes converted, systems kept apart
    ("61kg", "measure:g:61000"),
    ("61 kilograms", "measure:g:61000"),
    ("15-kilogram", "measure:g:15000"),
    ("550km", "measure:m:550000"),
    ("550 kilometres", "measure:m:550000"),
    ("550 kilometers", "measure:m:550000"),
    ("550 miles", "measure:mi:550"),
    ("550 mi", "measure:mi:550"),
    ("100 m", "measure:m:100"),
    ("30 ft", "measure:ft:30"),
    ("2 tonnes", "measure:g:2000000"),
    ("2t", "measure:g:2000000"),
    ("2 metric tons", "measure:g:2000000"),
    ("two tonnes", "measure:g:2000000"),
    ("1.2m tonnes", "measure:g:1200000000000"),
    ("96 million litres", "measure:l:96000000"),
    ("3.2 megawatts", "measure:W:3200000"),
    ("3.2 GW", "measure:W:3200000000"),
    ("3,200 MW", "measure:W:3200000000"),
    ("900-megawatt", "measure:W:900000000"),
    ("5 kWh", "measure:Wh:5000"),
    ("40 megawatt hours", "measure:Wh:40000000"),
    ("10 Mbps", "measure:bps:10000000"),
    ("10 megabits", "measure:bps:10000000"),
    ("1 Gbit/s", "measure:bps:1000000000"),
    ("six hectares", "measure:ha:6"),
    ("38m", None),  # million people or a 38-metre yacht: not read without a currency
    # rates: the period is part of the value
    ("£4.80 a month", "money:GBP:4.8/month"),
    ("£4.80 per month", "money:GBP:4.8/month"),
    ("£4.80 a year", "money:GBP:4.8/year"),
    ("£21,000 per annum", "money:GBP:21000/year"),
    ("£21,000 annually", "money:GBP:21000/year"),
    ("$5/month", "money:USD:5/month"),
    ("2 tonnes a month", "measure:g:2000000/month"),
    ("£5m a year ago", None),  # a time, not a rate
    # thousands separated by thin, no-break or (in a text written that way) plain spaces
    ("739 000", "count:739000"),
    ("739\u2009000 tonnes", "measure:g:739000000000"),
    # ordinals, read when the caller says the text is a figure (a claim's fact)
    ("14th", "ordinal:14"),
    ("fourteenth", "ordinal:14"),
    ("Twenty-first", "ordinal:21"),
    ("21st", "ordinal:21"),
    ("hundredth", "ordinal:100"),
    ("3rd", "ordinal:3"),
    ("second", "ordinal:2"),
    # not figures
    ("dozens", None),
    ("hundreds", None),
    ("thousands", None),
    ("[3]", None),
    ("[^12]", None),
    ("1990s", None),
    ("10:30", None),
    ("2020/21", None),
    ("5G", None),
    ("F-16", None),
    ("COVID-19", None),
    ("6 February", None),
    ("February 30, 2023", None),
    ("million", None),
    ("a", None),
    ("two states", None),  # a figure, but not only a figure
    ("https://example.org/view/52122", None),
]


def test_the_table_is_large_enough() -> None:
    assert len(FORMS) >= 60
    assert len({form for form, _ in FORMS}) == len(FORMS)


@pytest.mark.parametrize(("written", "canonical"), FORMS)
def test_parse_quantity(written: str, canonical: str | None) -> None:
    quantity = parse_quantity(written)
    assert (quantity.canonical() if quantity else None) == canonical


@pytest.mark.parametrize(
    ("forms"),
    [
        ("US$150 billion", "$150bn", "150 billion dollars", "USD 150 billion", "$150,000,000,000"),
        ("two million", "2 million", "2,000,000", "2.000.000", "2mn"),
        ("6 February 2023", "February 6, 2023", "2023-02-06"),
        ("12.5%", "12.5 per cent", "12.5 percent"),
        ("3.2 GW", "3,200 MW", "3.2 gigawatts", "3200 megawatts"),
        ("2 tonnes", "2,000 kg", "two tonnes", "2t", "2 tons"),
        ("550km", "550 kilometres", "550-kilometre", "550,000 m"),
        ("739,000", "739 000", "739\u2009000", "739\u00a0000", "739\u202f000"),
        ("14th", "fourteenth"),
        ("£21,000 a year", "£21k per annum", "£21,000 annually", "£21,000/yr"),
    ],
)
def test_equal_values_written_differently_are_equal(forms: tuple[str, ...]) -> None:
    values = {form: parse_quantity(form) for form in forms}
    assert None not in values.values(), values
    assert len({q.canonical() for q in values.values() if q is not None}) == 1, values


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("US$150 billion", "US$150 million"),  # magnitude
        ("US$150 billion", "€150 billion"),  # currency
        ("US$150 billion", "US$105 billion"),  # digits
        ("5%", "5 percentage points"),  # percent vs points
        ("March 2025", "March 2024"),
        ("2023-02-06", "2023-06-02"),
        ("550 km", "550 miles"),  # unit
        ("3.2 MW", "3.2 GW"),  # unit prefix
        ("2 t", "2 kg"),
        ("550 km", "550"),  # a unit against none
        ("£4.80 a month", "£4.80 a year"),  # period
        ("£4.80 a year", "£4.80"),
        ("14th", "14"),  # a rank is not a count
    ],
)
def test_different_values_differ(left: str, right: str) -> None:
    a, b = parse_quantity(left), parse_quantity(right)
    assert a is not None and b is not None
    assert a.canonical() != b.canonical()


def figures(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.quantity.canonical()) for f in find_figures(text)]


def test_running_text_with_offsets() -> None:
    text = "Officials cited about US$150 billion in losses between 1993 and 2023, they said."
    found = find_figures(text)
    assert [(f.text, f.quantity.canonical()) for f in found] == [
        ("US$150 billion", "money:USD:150000000000"),
        ("1993", "year:1993"),
        ("2023", "year:2023"),
    ]
    for figure in found:
        assert text[figure.start : figure.end] == figure.text


def test_number_word_before_a_hyphenated_noun_and_times() -> None:
    text = "In May 2024 they tabled a seventeen-article draft, and fifteen passed after ten times."
    assert figures(text) == [
        ("May 2024", "date:2024-05"),
        ("seventeen", "count:17"),
        ("fifteen", "count:15"),
        ("ten", "count:10"),
    ]


def test_years_against_counts() -> None:
    assert figures("since 1998, over 2000 people fled; the 2021 accord") == [
        ("1998", "year:1998"),
        ("2000", "count:2000"),
        ("2021", "year:2021"),
    ]
    assert figures("in 1915.") == [("1915", "year:1915")]
    assert figures("1500 soldiers") == [("1500", "count:1500")]
    assert figures("nearly 1999") == [("1999", "count:1999")]
    assert figures("from 1993–2023 and mid-2024") == [
        ("1993", "year:1993"),
        ("2023", "year:2023"),
        ("mid-2024", "date:2024-mid"),
    ]


def test_markers_codes_and_pronouns_are_not_figures() -> None:
    text = (
        "One of them said it[3] twice,[^4] at 10:30 on 5 May, about the 3rd round, the 1990s, "
        "F-16 jets, COVID-19, 5G, A4 paper and dozens of others; see https://example.org/a/52122."
    )
    assert figures(text) == []


def test_superscript_marker_is_not_part_of_the_number() -> None:
    # NFKC would read "150⁶" as 1506; the superscript is a footnote marker.
    assert figures("a loss of 150⁶ units") == [("150", "count:150")]
    assert figures("about 10⁶ cells") == [("10⁶", "count:1000000")]


def test_scientific_notation_is_one_figure() -> None:
    # "3.4 × 10⁶" is 3,400,000, not a 3.4 and a 10⁶; typed forms with "x" and "^" too.
    assert figures("it holds 3.4 × 10⁶ litres") == [("3.4 × 10⁶ litres", "measure:l:3400000")]
    assert figures("it holds 3.4 x 10^6 litres") == [("3.4 x 10^6 litres", "measure:l:3400000")]
    assert figures("a dose of 5×10⁻³ here") == [("5×10⁻³", "number:0.005")]
    assert figures("about 10^6 cells") == [("10^6", "count:1000000")]
    # A product that is no power of ten stays two figures.
    assert figures("a 3 x 10 grid") == [("3", "count:3"), ("10", "count:10")]


def test_turkish_letters_do_not_break_tokenisation() -> None:
    text = "İstanbul'da 6 Şubat 2023'te 2,5 milyon TL toplandı; Iğdır'da %12 artış, 1.500 kişi."
    assert figures(text) == [
        ("6 Şubat 2023", "date:2023-02-06"),
        ("2,5 milyon TL", "money:TRY:2500000"),
        ("%12", "percent:12"),
        ("1.500", "count:1500"),
    ]


def test_decimal_convention_follows_the_text() -> None:
    # A lone "1.500" is one and a half in English prose and fifteen hundred in European prose.
    assert figures("It rose 2.25 points to 1.500 on the index.")[-1] == ("1.500", "number:1.5")
    assert figures("Fiyat 2,25 puan artarak 1.500 oldu.")[-1] == ("1.500", "count:1500")


def test_percent_and_points_in_text() -> None:
    assert figures("up 1.2 percentage points to 5.4%, or 50 basis points") == [
        ("1.2 percentage points", "points:1.2"),
        ("5.4%", "percent:5.4"),
        ("50 basis points", "points:0.5"),
    ]


def test_one_is_a_figure_only_with_a_unit() -> None:
    assert figures("one nation, two states, one percent") == [
        ("two", "count:2"),
        ("one percent", "percent:1"),
    ]


def test_quantity_helpers() -> None:
    assert Quantity("money", Decimal("1.5E+11"), "USD").canonical() == "money:USD:150000000000"
    assert Quantity("money", Decimal("1.5E+11"), "USD").describe() == "150 billion USD"
    assert Quantity("percent", Decimal("12.50")).describe() == "12.5%"
    assert Quantity("date", Decimal(202503)).canonical() == "date:2025-03"
    assert Quantity("date", Decimal(20230206)).describe() == "2023-02-06"
    assert Quantity("points", Decimal(5)).describe() == "5 percentage points"
    figure = find_figures("x 42")[0]
    assert figure == Figure(2, 4, "42", Quantity("count", Decimal(42)))


def _page(size: int) -> str:
    paragraph = (
        "In March 2025 the ministry said about 2,000 people and US$150 billion in damages were "
        "counted between 1993 and 2023, while prices rose 5.4% (up 1.2 percentage points). "
        "Officials said two million residents and seventeen villages were hit on 6 February "
        "2023.[3] İstanbul'da ve Iğdır'da ısınma sürdü. The committee met on Tuesday to discuss "
        "the report with the regional delegation, observers and several invited guests, and "
        "agreed to publish its conclusions after the summer recess of the assembly. "
    )
    return (paragraph * (size // len(paragraph) + 1))[:size]


def _best_seconds(page: str, runs: int = 3) -> float:
    """The best of `runs` timings of `find_figures(page)`, the garbage collector held off (a
    collection of the test process's whole heap can stall one call by a quarter second)."""
    import gc

    best = float("inf")
    gc.disable()
    try:
        for _ in range(runs):
            started = time.perf_counter()
            find_figures(page)
            best = min(best, time.perf_counter() - started)
    finally:
        gc.enable()
    return best


def test_a_figure_dense_page_is_read_in_linear_time() -> None:
    # A figure every ~50 characters: 300 KB hold more than 5,000. Compared with a quarter of the
    # page in the same process, not with a fixed bound (issue 4 keeps speed in benchmarks). On
    # the 2-core dev box ~75 ms for the whole page.
    page = _page(300_000)
    assert len(find_figures(page)) > 5_000
    # Measured again, up to three times, while over the bound: another process taking the core
    # can push a linear cost past it once, where a quadratic one (16x) is past it every time.
    for _ in range(3):
        quarter = _best_seconds(page[:75_000])
        whole = _best_seconds(page)
        if whole < 4 * quarter * 1.6:
            break
    assert whole < 4 * quarter * 1.6, f"{whole * 1000:.0f} ms against {quarter * 1000:.0f} ms"


def test_prose_is_read_from_few_anchors() -> None:
    # Ordinary prose: one figure in ~450 characters, and many words that start like a number
    # word ("the", "on", "to", "for"). These used to be looked at one by one in Python (~54 ms
    # for 300 KB on the dev box); the master pattern is now tried only where regex scans find a
    # digit, a currency sign or a whole number word (~21 ms). Counted, not timed.
    from claimcheck.numbers import _anchors

    paragraph = (
        "The harbour board met on Thursday evening to discuss the northern breakwater, which "
        "the engineers said had settled further over the winter after the storms. Members "
        "asked whether the repairs could wait until the spring, when the contractors have "
        "more time, but the chair said the board had already spent £4.2m on temporary works.\n"
    )
    page = (paragraph * (300_000 // len(paragraph) + 1))[:300_000]
    found = find_figures(page, ordinals=True)
    assert [f.text for f in found[:2]] == ["£4.2m", "£4.2m"]
    assert len(found) == page.count("£4.2m")
    # The sign and the digits either side of the point: three places a figure, among 49,000
    # words.
    assert len(_anchors(page)) <= 5 * len(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Upper-case number and ordinal words are read (the word scan runs on lower-cased text).
        ("TWENTY-FIRST and Twenty-First", ["ordinal:21", "ordinal:21"]),
        ("A DOZEN eggs and a hundred ships", ["count:12", "count:100"]),
        # A currency sign right after letters still starts a figure; "A $7" is Australian.
        ("NT$5 and A $7 and U.S.$9", ["money:TWD:5", "money:AUD:7", "money:USD:9"]),
        # A word with a dotted capital I is no number word (lower-cased it has one more letter).
        ("FİVE, İKİ and five", ["count:5"]),
        # Months are case-sensitive; an apostrophe starts a decade, which is no figure.
        ("In MAY 2024 and May 2024, it's the '90s", ["year:2024", "date:2024-05"]),
        # Digits inside a URL are skipped with it.
        ("see www.example.org/2023 or https://example.org/5 in 2023", ["year:2023"]),
    ],
)
def test_where_figures_start(text: str, expected: list[str]) -> None:
    assert [f.quantity.canonical() for f in find_figures(text, ordinals=True)] == expected


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("in US dollars", "USD", True),
        ("150 milyar dolar", "USD", True),
        ("USD", "USD", True),
        ("$", "USD", True),
        ("SUSD tokens", "USD", False),
        ("in euros", "USD", False),
        ("Turkish lira", "TRY", True),
        ("TL", "TRY", True),
        ("TLX", "TRY", False),
        ("anything", "XXX", False),
    ],
)
def test_mentions_currency(text: str, unit: str, expected: bool) -> None:
    assert mentions_currency(text, unit) is expected


def test_ranges_share_their_suffix() -> None:
    assert figures("$10-15bn") == [
        ("$10", "money:USD:10000000000"),
        ("15bn", "money:USD:15000000000"),
    ]
    assert figures("€3-4m") == [("€3", "money:EUR:3000000"), ("4m", "money:EUR:4000000")]
    assert figures("10 to 15 per cent") == [("10", "percent:10"), ("15 per cent", "percent:15")]
    assert figures("5–7 percentage points") == [
        ("5", "points:5"),
        ("7 percentage points", "points:7"),
    ]
    assert figures("10 to 15 euros") == [("10", "money:EUR:10"), ("15 euros", "money:EUR:15")]
    assert figures("aged 18-25") == [("18", "count:18"), ("25", "count:25")]


def test_fractions_in_words_are_shares_never_counts() -> None:
    assert figures("two-thirds of the members and three quarters of the votes") == [
        ("two-thirds", "ratio:2/3"),
        ("three quarters", "ratio:3/4"),
    ]
    assert figures("two thirty-year bonds") == [("two", "count:2"), ("thirty", "count:30")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The survey found that one in four adults", [("one in four", "ratio:1/4")]),
        (
            "three out of 10 people and 1 in every 5 voters",
            [
                ("three out of 10", "ratio:3/10"),
                ("1 in every 5", "ratio:1/5"),
            ],
        ),
        ("one in a million", [("one in a million", "ratio:1/1000000")]),
        # A count and a span of time, or a count and a year, are no share.
        ("scored 3 in 5 minutes", [("3", "count:3"), ("5", "count:5")]),
        ("won 2 in 2020", [("2", "count:2"), ("2020", "year:2020")]),
        ("one in four", [("one in four", "ratio:1/4")]),
        # Fractions in words where they are plainly a share.
        ("a third of all adults", [("a third", "ratio:1/3")]),
        ("half of all adults", [("half", "ratio:1/2")]),
        ("Nearly half of them", [("half", "ratio:1/2")]),
        ("costs were cut by half", [("half", "ratio:1/2")]),
        ("sales fell by a quarter", [("a quarter", "ratio:1/4")]),
        (
            "a two-thirds majority and a one-fifth stake",
            [
                ("two-thirds", "ratio:2/3"),
                ("one-fifth", "ratio:1/5"),
            ],
        ),
        # ...and not where they are a part of something, an order or a span.
        ("in the second half of the year", []),
        ("the other half of the team", []),
        ("a third term for a quarter of an hour", []),
        ("profits rose in the past three quarters", []),
        ("results for the third quarter", []),
        ("by half-time", []),
        ("half a million", [("half a million", "count:500000")]),
    ],
)
def test_shares(text: str, expected: list[tuple[str, str]]) -> None:
    assert figures(text) == expected


def test_shares_compare_by_value() -> None:
    assert parse_quantity("one in four") == parse_quantity("1 in 4")
    one, quarter = parse_quantity("one in four"), parse_quantity("25 in 100")
    assert one is not None and quarter is not None
    assert one.canonical() == quarter.canonical() == "ratio:1/4"
    assert one.describe() == "1 in 4"
    three = parse_quantity("three in four")
    assert three is not None and three.canonical() != one.canonical()


def test_vulgar_fractions_after_digits() -> None:
    assert figures("Prices rose 3½ per cent, and 2¼ million people") == [
        ("3½ per cent", "percent:3.5"),
        ("2¼ million", "count:2250000"),
    ]
    assert figures("in 1990½") == [("1990½", "number:1990.5")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dropped to -15 degrees", [("-15", "count:-15")]),
        ("dropped to \u221215 degrees", [("\u221215", "count:-15")]),
        ("a net loss of -$4 million", [("-$4 million", "money:USD:-4000000")]),
        ("minus 15 degrees", [("minus 15", "count:-15")]),
        ("growth of -0.5%", [("-0.5%", "percent:-0.5")]),
        ("| -3 | (-5%)", [("-3", "count:-3"), ("-5%", "percent:-5")]),
        # A range's dash, a word's hyphen and a margin are no minus signs.
        (
            "10-15 people, 10 - 15 people",
            [
                ("10", "count:10"),
                ("15", "count:15"),
                ("10", "count:10"),
                ("15", "count:15"),
            ],
        ),
        ("plus or minus 3 percentage points", [("3 percentage points", "points:3")]),
        ("mid-2023", [("mid-2023", "date:2023-mid")]),
    ],
)
def test_minus_signs(text: str, expected: list[tuple[str, str]]) -> None:
    assert figures(text) == expected


def test_negative_and_positive_differ() -> None:
    for left, right in (("-15", "15"), ("−15", "15"), ("minus 15", "15"), ("-$4m", "$4m")):
        a, b = parse_quantity(left), parse_quantity(right)
        assert a is not None and b is not None
        assert a.canonical() != b.canonical()


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("3,8 Mio. Euro", "money:EUR:3800000"),
        ("1.234,5 Millionen Euro", "money:EUR:1234500000"),
        ("2 Mrd. Dollar", "money:USD:2000000000"),
        ("9,9 Bio. Euro", "money:EUR:9900000000000"),  # German Billion, 10¹²
        ("9,9 Billionen Euro", "money:EUR:9900000000000"),
        ("4,5 Milliarden Euro", "money:EUR:4500000000"),
        ("0,3 Prozentpunkte", "points:0.3"),
        ("3 millions", "count:3000000"),
        ("2 milliards", "count:2000000000"),
        ("2 millones", "count:2000000"),
        ("3 mil millones", "count:3000000000"),
        ("1,5 puntos porcentuales", "points:1.5"),
    ],
)
def test_german_french_and_spanish_magnitudes(written: str, canonical: str) -> None:
    quantity = parse_quantity(written)
    assert quantity is not None and quantity.canonical() == canonical


def test_german_bio_without_its_dot_is_organic_not_a_magnitude() -> None:
    assert figures("Der Laden verkauft 3 Bio Produkte.") == [("3", "count:3")]


def test_three_decimals_before_a_percent_sign_are_decimals() -> None:
    # Alone, "4.250" looks like a European thousands group; before "per cent" it is a rate.
    for written in ("4.250 per cent", "4.250%", "4.250 percent"):
        quantity = parse_quantity(written)
        assert quantity is not None and quantity.canonical() == "percent:4.25", written
    # A European text still reads its own convention.
    assert figures("Fiyat 2,25 puan artarak 1.500 oldu.")[-1] == ("1.500", "count:1500")


def test_a_counted_noun_makes_an_attached_m_a_million() -> None:
    assert figures("some 2m people live there") == [("2m", "count:2000000")]
    assert figures("a 38m yacht") == []


def test_ordinals_are_figures_only_when_asked_for() -> None:
    text = "For the fourteenth year running, and for the 3rd time since the 19th century."
    assert figures(text) == []
    found = find_figures(text, ordinals=True)
    assert [(f.text, f.quantity.canonical()) for f in found] == [
        ("fourteenth", "ordinal:14"),
        ("3rd", "ordinal:3"),
        ("19th", "ordinal:19"),
    ]
    # Dates keep their day, and an ordinal inside a code is no figure.
    assert [
        f.quantity.canonical() for f in find_figures("on 6th February 2023", ordinals=True)
    ] == ["date:2023-02-06"]
    assert find_figures("the A4th form", ordinals=True) == []


def test_units_and_periods_in_running_text() -> None:
    text = (
        "The hives produced 61 kilograms of honey, up from 38kg; a 15-kilogram drum, "
        "a charge of £4.80 a year and, a year ago, £5m."
    )
    assert figures(text) == [
        ("61 kilograms", "measure:g:61000"),
        ("38kg", "measure:g:38000"),
        ("15-kilogram", "measure:g:15000"),
        ("£4.80 a year", "money:GBP:4.8/year"),
        ("£5m", "money:GBP:5000000"),
    ]
    # A range shares its unit, like its currency.
    assert figures("between 10-15 km") == [("10", "measure:m:10000"), ("15 km", "measure:m:15000")]


def test_a_lone_m_after_a_number() -> None:
    # Documented decision: "m" is million after a currency, metres when it stands apart, and
    # unread when attached without a currency (the two readings are equally common).
    assert figures("a 100 m sprint") == [("100 m", "measure:m:100")]
    assert figures("a 100m sprint") == []
    assert figures("it cost £100m") == [("£100m", "money:GBP:100000000")]
    assert figures("1.2m tonnes") == [("1.2m tonnes", "measure:g:1200000000000")]


def test_spaced_thousands_follow_the_text() -> None:
    # A plain-space group is a thousands separator in a text that writes numbers that way...
    assert figures("a catch of 739 000 tonnes") == [("739 000 tonnes", "measure:g:739000000000")]
    assert figures("739 000 tonnes, 1\u2009200 boats and 12,500 nets")[0][0] == "739 000 tonnes"
    # ...but not in one that groups thousands with commas.
    assert figures("in 12,500 nets and 5 100 boats") == [
        ("12,500", "count:12500"),
        ("5", "count:5"),
        ("100", "count:100"),
    ]
    # Phone numbers are not amounts.
    assert figures("Press office: 01632 960 118") == [
        ("01632", "count:1632"),
        ("960", "count:960"),
        ("118", "count:118"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A scale's letter against the number, where the sentence speaks of temperature.
        ("Temperatures reached 35C on Tuesday.", [("35C", "measure:°C:35")]),
        ("The heat hit 95F in Phoenix.", [("95F", "measure:°F:95")]),
        ("a 35C heatwave, and -4C by night", [("35C", "measure:°C:35"), ("-4C", "measure:°C:-4")]),
        ("Lows of -4C are forecast.", [("-4C", "measure:°C:-4")]),
        ("temperatures of 30-35C", [("30", "measure:°C:30"), ("35C", "measure:°C:35")]),
        # Degrees of no named scale, also only where the sentence speaks of temperature.
        ("Temperatures hit 35 degrees.", [("35 degrees", "measure:degree:35")]),
        ("hot days at 35° in the shade", [("35°", "measure:degree:35")]),
        ("It was hot: 35 degrees C.", [("35 degrees C", "measure:°C:35")]),
        ("the ramp turns 180 degrees", [("180", "count:180")]),
        ("a 35° slope", [("35", "count:35")]),
        # Not temperatures: a room, a seat, a form, cents, a code, a spaced letter.
        ("Room 35C was the hottest in the hotel.", []),
        ("It was hot in seat 35C.", []),
        ("Form 35C is due before the warm season.", []),
        ("It cost 35c in the heat.", []),
        ("Temperatures in unit 35C-1 are logged.", []),
        ("It hit 35C.", []),  # nothing says temperature
        ("The heat in block 35 C", [("35", "count:35")]),
    ],
)
def test_temperatures_written_short(text: str, expected: list[tuple[str, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After a currency "m" is million, at both ends of a range.
        ("Costs rose from £1.2m to £1.5m.", [("£1.2m", "money:GBP:1200000"),
                                            ("£1.5m", "money:GBP:1500000")]),
        # Without one, the first end is read as the second: millions of people...
        ("Visits rose from 1.2m to 1.5m people.", [("1.2m", "count:1200000"),
                                                   ("1.5m", "count:1500000")]),
        ("between 1.2m and 1.5m people", [("1.2m", "count:1200000"), ("1.5m", "count:1500000")]),
        ("from 1.2 to 1.5m people", [("1.2", "count:1200000"), ("1.5m", "count:1500000")]),
        # ... or metres, where a word of length ends the phrase.
        ("The wall rose from 1.2m to 1.5m high.", [("1.2m", "measure:m:1.2"),
                                                   ("1.5m", "measure:m:1.5")]),
        ("The pit is 3m deep in places.", [("3m", "measure:m:3")]),
        ("a 1.5m-high wall", [("1.5m", "measure:m:1.5")]),
        ("from 1.2 to 1.5m high.", [("1.2", "measure:m:1.2"), ("1.5m", "measure:m:1.5")]),
        # Still no figure where nothing tells millions from metres.
        ("The figure rose from 1.2m to 1.5m.", []),
        ("a 1.5m high wall", []),  # "high" may open a noun phrase: "2m high earners"
        ("2m high earners", []),
        ("2m long-term jobless", []),
        # Another letter at the second end: no range to read the first from.
        ("from 1.2m to 1.5bn people", [("1.5bn", "count:1500000000")]),
    ],
)  # fmt: skip
def test_an_attached_m_is_read_from_what_follows_it(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "a half" after a word of change, as "a third" ("fell a third").
        ("Sales were up a half on the year.", [("a half", "ratio:1/2")]),
        ("Fares were down a half.", [("a half", "ratio:1/2")]),
        ("Rents were cut by a half.", [("a half", "ratio:1/2")]),
        ("Prices fell by half.", [("half", "ratio:1/2")]),
        # A change written as a verb.
        ("Sales halved last year.", [("halved", "ratio:1/2")]),
        ("Fares have doubled since the merger.", [("doubled", "percent:100")]),
        ("Profits tripled and rents trebled.", [("tripled", "percent:200"),
                                                 ("trebled", "percent:200")]),
        ("Costs QUADRUPLED.", [("QUADRUPLED", "percent:300")]),
        # Another verb, or an adjective.
        ("The old hall doubled as a venue.", []),
        ("The party doubled down on its pledge.", []),
        ("The patient was given a doubled dose.", []),
        # Not a change: a point, a length of time, part of a year.
        ("Rates rose a half point.", []),
        ("The talks lasted an hour and a half.", []),
        ("Sales slowed in the first half.", []),
        ("It rose in the second half of the year.", []),
        # A share is still read as one.
        ("Half of the staff were furloughed.", [("Half", "ratio:1/2")]),
    ],
)  # fmt: skip
def test_changes_by_a_half_or_a_multiple(text: str, expected: list[tuple[str, str]]) -> None:
    assert figures(text) == expected


def test_one_day_is_an_idiom_but_one_kilogram_is_a_figure_when_asked() -> None:
    assert figures("One day she came back with one kilogram of tea.") == []
    quantity = parse_quantity("one kilogram")
    assert quantity is not None and quantity.canonical() == "measure:g:1000"


def test_quantity_describes_units_periods_and_ranks() -> None:
    assert Quantity("measure", Decimal("550"), measure="km").describe() == "550 km"
    assert Quantity("measure", Decimal("3.2"), measure="GW").canonical() == "measure:W:3200000000"
    assert Quantity("measure", Decimal(2), measure="acre").describe() == "2 acres"
    money = Quantity("money", Decimal("4.8"), "GBP", per="month")
    assert money.describe() == "4.8 GBP per month"
    assert money.canonical() == "money:GBP:4.8/month"
    assert Quantity("ordinal", Decimal(22)).describe() == "22nd"
    assert Quantity("ordinal", Decimal(13)).describe() == "13th"
    assert Quantity("ordinal", Decimal(101)).describe() == "101st"


@pytest.mark.parametrize(
    ("cell", "header", "canonical"),
    [
        ("46.20", "Strike price (€/MWh)", "money:EUR:46.2"),
        ("860", "Capital cost (£m)", "money:GBP:860000000"),
        ("1.9", "Cost (US$ bn)", "money:USD:1900000000"),
        ("860", "Capital cost (£, thousands)", "money:GBP:860000"),
        ("550", "Capacity (MW)", "measure:W:550000000"),
        ("19", "Median wait (weeks)", "count:19"),  # durations are counts
        ("12", "Distance km", "measure:m:12000"),
        ("12", "2024", "count:12"),  # a year heads the column: nothing to take
        ("£12", "Cost (€)", "money:GBP:12"),  # the cell's own currency wins
        ("35%", "Discount (£)", "percent:35"),
        # Every currency sign the running text reads, with a magnitude after it.
        ("4.2", "Budget (₩ bn)", "money:KRW:4200000000"),
        ("860", "₪m", "money:ILS:860000000"),
        ("12", "Cost (₫ bn)", "money:VND:12000000000"),
        ("75", "Outlay (₹m)", "money:INR:75000000"),
        ("75", "Budget (₩)", "money:KRW:75"),
        # A dollar of another country is that country's, not the US dollar ("$" is in "HK$").
        ("75", "Cost (HK$m)", "money:HKD:75000000"),
        ("75", "Cost (A$ bn)", "money:AUD:75000000000"),
        # A currency code followed by a magnitude.
        ("75", "Cost KRW bn", "money:KRW:75000000000"),
    ],
)
def test_apply_header(cell: str, header: str, canonical: str) -> None:
    quantity = parse_quantity(cell)
    assert quantity is not None
    assert apply_header(quantity, header).canonical() == canonical


@pytest.mark.parametrize(
    ("word", "unit"),
    [("kilometres", "km"), ("KM", None), ("km", "km"), ("Megawatts", "MW"), ("tons", "t"),
     ("metric-tons", "t"), ("people", None), ("m", None)],
)  # fmt: skip
def test_measure_unit(word: str, unit: str | None) -> None:
    assert measure_unit(word) == unit


def _reference_anchors(text: str) -> list[int]:
    """The anchors as one look-behind pattern per scan found them (slower, plainly right)."""
    import re

    from claimcheck import numbers

    def branches(words: Any, after: str = r"(?![^\W\d_])") -> list[str]:
        return [
            re.escape(char) + r"(?<![^\W\d_].)" + numbers._trie_rest(child) + after
            for char, child in sorted(numbers._trie(words).items())
        ]

    text_anchors = re.compile(
        "|".join(
            [
                *(f"{digit}[0-9]*" for digit in "0123456789"),
                *(re.escape(sign) for sign in "$€£¥₺₹₽₼₪₩₫%"),
                r"\[(?=\^?[0-9])",
                r"'(?=[0-9])",
                r"’(?=[0-9])",
                *branches(numbers._MONTHS),
                *branches(numbers._CURRENCY_CODES, r"(?![A-Za-z])"),
                *branches(("US", "U.S.", "AU", "A", "CA", "C", "NZ", "HK", "S", "R"), r"(?=\s?\$)"),
                *branches(("http", "https"), "://"),
                *branches(("www",), r"\."),
                # "a" before a number word or a fraction's denominator ("a tenth").
                *branches(
                    ("a", "A"),
                    rf"(?=\s+(?i:{numbers._WORD}|(?:{'|'.join(numbers._FRACTIONS)})(?!\w)))",
                ),
            ]
        )
    )
    number_words = {
        w.lower()
        for w in (
            *numbers._NUMBER_WORDS,
            *numbers._ORDINAL_UNITS,
            *numbers._ORDINAL_TENS,
            "yüzde",
        )
    }
    word_anchors = re.compile("|".join(branches(number_words)))
    starts = [m.start() for m in text_anchors.finditer(text)]
    lowered = text.replace("İ", "ı").lower()
    return sorted(starts + [m.start() for m in word_anchors.finditer(lowered)])


_ANCHOR_PIECES = [
    *("one", "two", "twenty", "first", "tenth", "hundred", "million", "yüzde", "FİVE", "Ten"),
    *("a", "A", "1", "23", "$", "€", "%", "[", "^", "'", "’", "May", "Jan", "Şubat", "USD"),
    *("US", "U.S.", "http", "://", "www", ".", " ", "\n", "-", "(", "_", "x", "é", "ş", "ı"),
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ANCHOR_PIECES), max_size=12).map("".join))
def test_anchor_scans_find_what_one_look_behind_pattern_finds(text: str) -> None:
    """`_anchors` finds the places with scans the engine can skip through (a non-letter before
    a word is matched, not looked behind for): the same places, in order."""
    from claimcheck.numbers import _anchors

    assert sorted(set(_anchors(text))) == sorted(set(_reference_anchors(text)))
    assert _anchors(text) == sorted(_anchors(text))


# --------------------------------------------------------------------------- currencies named
# by their English word after an amount, and the verb "won".


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a budget of 3.8 billion won.", "money:KRW:3800000000"),
        ("a budget of 3.8bn won.", "money:KRW:3800000000"),
        ("3.8 billion South Korean won", "money:KRW:3800000000"),
        ("a fare of 5,000 Korean won", "money:KRW:5000"),
        ("3.8 billion dong", "money:VND:3800000000"),
        ("50,000 dong", "money:VND:50000"),
        ("NIS 3.8 billion", "money:ILS:3800000000"),
        ("3.8 billion shekels", "money:ILS:3800000000"),
        ("3.8 billion new Israeli shekels", "money:ILS:3800000000"),
        ("3.8 billion riyals", "money:SAR:3800000000"),
        ("2bn Qatari riyals", "money:QAR:2000000000"),
        ("3.8 billion dirhams", "money:AED:3800000000"),
        ("40 Moroccan dirhams", "money:MAD:40"),
        ("AED 12 million", "money:AED:12000000"),
    ],
)
def test_currency_words_after_an_amount(text: str, expected: str) -> None:
    assert values(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The team won 3 games and lost 2.",
        "Of the 10 games, 8 won and 2 lost.",
        "The party won 3 seats.",
    ],
)
def test_won_without_a_magnitude_or_korean_is_the_verb(text: str) -> None:
    assert all(f.quantity.kind != "money" for f in find_figures(text))


# --------------------------------------------------------------------------- table headers: a
# magnitude word after the currency, and a temperature scale.


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Budget (₩ trillion)", "money:KRW:3800000000000"),
        ("Budget (₩tn)", "money:KRW:3800000000000"),
        ("Budget (₩ trn)", "money:KRW:3800000000000"),
        ("Budget (£tn)", "money:GBP:3800000000000"),
        ("Budget, £ billion", "money:GBP:3800000000"),
        ("Budget, KRW billion", "money:KRW:3800000000"),
        ("Budget (₹ crore)", "money:INR:38000000"),
        ("Budget (₹ lakh)", "money:INR:380000"),
        ("Budget (£m)", "money:GBP:3800000"),
        ("Max temp (°F)", "measure:°F:3.8"),
        ("Max temp (°C)", "measure:°C:3.8"),
        ("Low (℃)", "measure:°C:3.8"),
    ],
)
def test_header_magnitudes_and_temperature_scales(header: str, expected: str) -> None:
    quantity = parse_quantity("3.8")
    assert quantity is not None
    assert apply_header(quantity, header).canonical() == expected


def test_dong_as_a_header_is_a_place_not_the_currency() -> None:
    quantity = parse_quantity("3.8")
    assert quantity is not None
    assert apply_header(quantity, "Ha Dong") == quantity


# --------------------------------------------------------------------------- a number with a
# scale's letter is a temperature only with evidence next to it; codes stay codes.

_HOT = "The temperature in the building reached 38C on Monday, "


@pytest.mark.parametrize(
    "tail",
    [
        "said a resident of Office 35C.",
        "said a researcher in Lab 35C.",
        "said a resident of Studio 35C.",
        "said a resident of rooms 34C and 35C.",
        "said the passenger in 35C.",
        "said a resident who takes the 35C bus.",
        "according to the tenant at 35C Hill Street.",
        "said a resident of Room 35C.",
    ],
)
def test_a_code_with_a_c_is_no_temperature_in_a_hot_sentence(tail: str) -> None:
    assert values(_HOT + tail) == ["measure:°C:38"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Temperatures hit 35C on Tuesday.", ["measure:°C:35"]),
        ("Temperatures of 35C are expected.", ["measure:°C:35"]),
        ("The heatwave brought 35C heat to London.", ["measure:°C:35"]),
        ("Overnight temperatures were -5C.", ["measure:°C:-5"]),
        ("Temperatures were between 30C and 35C all week.", ["measure:°C:30", "measure:°C:35"]),
        ("Temperatures ranged 30C-35C all week.", ["measure:°C:30", "measure:°C:35"]),
        ("Temperatures were 30C-35C all week.", ["measure:°C:30", "measure:°C:35"]),
        ("Temperatures were 30-35C all week.", ["measure:°C:30", "measure:°C:35"]),
        ("Form 35C-2 applies in hot weather.", []),
    ],
)
def test_a_reading_with_a_scale_letter(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Overnight temperatures fell to 5C below zero.", ("5C below zero", "measure:°C:-5")),
        ("It was 5 degrees below zero in the cold.", ("5 degrees below zero", "measure:degree:-5")),
        ("Temperatures were 3 degrees above zero.", ("3 degrees above zero", "measure:degree:3")),
        ("Temperatures were -5C below zero.", ("-5C below zero", "measure:°C:-5")),
        ("Temperatures were minus 5C below zero.", ("minus 5C below zero", "measure:°C:-5")),
    ],
)
def test_below_zero_is_the_temperature_s_sign(text: str, expected: tuple[str, str]) -> None:
    assert figures(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Rates fell by a half point last year.",
        "Rates fell by a half percentage point.",
        "Rates were cut by a quarter point.",
    ],
)
def test_a_fraction_of_a_point_is_no_share(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Dollars of other countries, and rupees written "Rs".
        ("pledged NT$1.2bn", [("NT$1.2bn", "money:TWD:1200000000")]),
        ("pledged Mex$1.2bn", [("Mex$1.2bn", "money:MXN:1200000000")]),
        ("pledged Cdn$ 5m", [("Cdn$ 5m", "money:CAD:5000000")]),
        ("pledged EC$40", [("EC$40", "money:XCD:40")]),
        ("pledged Bds$40", []),
        ("paid Rs 1.2 crore", [("Rs 1.2 crore", "money:INR:12000000")]),
        ("paid Rs. 12 lakh", [("Rs. 12 lakh", "money:INR:1200000")]),
        ("paid Rs12m", [("Rs12m", "money:INR:12000000")]),
        ("Mrs 5", [("5", "count:5")]),
        # Mixed fractions, in ASCII or with a space before the sign.
        ("3 1/2 kilometres", [("3 1/2 kilometres", "measure:m:3500")]),
        ("3 ½ kilometres", [("3 ½ kilometres", "measure:m:3500")]),
        ("a 2 3/4% rise", [("2 3/4%", "percent:2.75")]),
        ("3 1/3 kilometres", []),
        ("open 24/7 now", []),
        # Parts of a year.
        ("in Q3 2021", [("Q3 2021", "date:2021-Q3")]),
        ("in the third quarter of 2021", [("third quarter of 2021", "date:2021-Q3")]),
        ("in the second half of 2021", [("second half of 2021", "date:2021-H2")]),
        ("in H1 2021", [("H1 2021", "date:2021-H1")]),
        ("in autumn 2021", [("autumn 2021", "date:2021-autumn")]),
        ("in fall 2021", [("fall 2021", "date:2021-autumn")]),
        ("in early 2021", [("early 2021", "date:2021-early")]),
        ("in mid-2021", [("mid-2021", "date:2021-mid")]),
        ("as early as 2021", [("2021", "year:2021")]),
        ("in FY2021", [("FY2021", "date:2021-FY")]),
        ("FY21 results", [("FY21", "date:2021-FY")]),
        ("in fiscal 2021", [("fiscal 2021", "date:2021-FY")]),
        ("in 2021-05.", [("2021-05", "date:2021-05")]),
        # "2008-09" and "2011-12" may be seasons: the second two digits are no month there.
        ("in 2008-09 the", [("2008", "year:2008"), ("09", "year:2009")]),
        ("in 2011-12 the", [("2011", "year:2011"), ("12", "year:2012")]),
        # No part divides the two years of a season or financial year.
        ("in fiscal 2020-21, sales", [("2020", "year:2020"), ("21", "year:2021")]),
        ("in FY2020-21, sales", [("2020", "year:2020"), ("21", "year:2021")]),
        ("the early 2020-21 season", [("2020", "year:2020"), ("21", "year:2021")]),
        # What a rate is shared among.
        ("£4.80 per household", [("£4.80 per household", "money:GBP:4.8/household")]),
        ("£4.80 a head", [("£4.80 a head", "money:GBP:4.8/person")]),
        ("$12,000 per capita", [("$12,000 per capita", "money:USD:12000/person")]),
        ("5 per 100,000 people", [("5 per 100,000 people", "count:5/100000 people")]),
        ("£4.80 a month", [("£4.80 a month", "money:GBP:4.8/month")]),
        # Basis points attached to the number.
        ("cut by 25bp", [("25bp", "points:0.25")]),
        ("cut by 25bps", [("25bps", "points:0.25")]),
    ],
)
def test_currencies_fractions_parts_of_years_and_shares(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert figures(text) == expected


def test_parts_of_a_year_describe_themselves() -> None:
    assert [f.quantity.describe() for f in find_figures("Q3 2021 and FY2021")] == [
        "2021-Q3",
        "2021-FY",
    ]


def test_period_part_months_cover_every_part() -> None:
    from claimcheck.numbers import PERIOD_PART_MONTHS, PERIOD_PARTS

    assert PERIOD_PART_MONTHS.keys() == PERIOD_PARTS.keys()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A plain space (as extraction leaves a narrow no-break one) before a decimal comma.
        ("La dette atteint 2 345,6 millions d'euros.", [("2 345,6 millions d'euros", "money:EUR:2345600000")]),
        ("Wydatki: 4 321,5 mln zł.", [("4 321,5 mln zł", "money:PLN:4321500000")]),
        ("Расходы: 7 654,3 млн рублей.", [("7 654,3 млн рублей", "money:RUB:7654300000")]),
        ("Total 3\u00a0210,75 € et 6\u202f543,2 €.", [("3\u00a0210,75 €", "money:EUR:3210.75"), ("6\u202f543,2 €", "money:EUR:6543.2")]),
        # Even in a text that groups another number with a dot.
        ("Sur 1.500 dossiers, 9 876,5 tonnes.", [("1.500", "count:1500"), ("9 876,5 tonnes", "measure:g:9876500000")]),
        # Space-grouped, the comma is the decimal mark even in a text read the English way.
        ("It cost 3.5 and 1\u202f234,5 euros, or 2,500,000 in all.", [("3.5", "number:3.5"), ("1\u202f234,5 euros", "money:EUR:1234.5"), ("2,500,000", "count:2500000")]),
        # A four-digit year before a decimal is no group.
        ("En 2019 12,5 % des foyers.", [("2019", "year:2019"), ("12,5 %", "percent:12.5")]),
    ],
)  # fmt: skip
def test_space_grouped_numbers_with_a_decimal_comma(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("売上は３，４５６億円だった", [("３，４５６億円", "money:JPY:345600000000")]),
        ("投资７，８９０万元", [("７，８９０万元", "money:CNY:78900000")]),
        # Between ASCII digits a full-width comma is the clause comma; "、" separates a list.
        ("共有5，123家", [("5", "count:5"), ("123", "count:123")]),
        ("１００、２００円", [("１００", "count:100"), ("２００円", "money:JPY:200")]),
    ],
)
def test_full_width_grouping_comma(text: str, expected: list[tuple[str, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("השכר עלה ב-7.5% השנה", [("7.5%", "percent:7.5")]),
        ("התקציב הגיע ל-30 מיליון שקל", [("30 מיליון שקל", "money:ILS:30000000")]),
        ("וב-45% מהמקרים", [("45%", "percent:45")]),
        ("מה-2021", [("2021", "year:2021")]),
        # A word that is no run of prefix letters stays a name ("F-16").
        ("מטוסי גרז-16", []),
    ],
)
def test_hebrew_one_letter_prefixes_with_a_hyphen(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kosten von 2'345'678 Franken", [("2'345'678 Franken", "money:CHF:2345678")]),
        ("eine Busse von CHF 45’300.50", [("CHF 45’300.50", "money:CHF:45300.5")]),
        ("outlay of ₹2,75,000 crore", [("₹2,75,000 crore", "money:INR:2750000000000")]),
        ("12,34,56,789 voters", [("12,34,56,789", "count:123456789")]),
        ("₹3.2 lakh crore", [("₹3.2 lakh crore", "money:INR:3200000000000")]),
        ("₹3.2 lakh", [("₹3.2 lakh", "money:INR:320000")]),
        # Feet and inches keep their apostrophe's meaning: two digits after it.
        ("a 6'11 pole", [("6", "count:6"), ("11", "count:11")]),
    ],
)
def test_swiss_and_indian_grouping(text: str, expected: list[tuple[str, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("un déficit de 4,1 Md€", [("4,1 Md€", "money:EUR:4100000000")]),
        ("soit 320 M€ et 75 k€", [("320 M€", "money:EUR:320000000"), ("75 k€", "money:EUR:75000")]),
        ("3 Mds € de dette", [("3 Mds €", "money:EUR:3000000000")]),
        ("un rachat à 5 Md$", [("5 Md$", "money:USD:5000000000")]),
        # Without a currency sign after it, "M" is not read as a magnitude.
        ("la route 12 M de Paris", [("12", "count:12")]),
    ],
)  # fmt: skip
def test_french_magnitude_abbreviations_before_a_currency(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Dépenses (M€)", "money:EUR:75000000"),
        ("Dette (Md€)", "money:EUR:75000000000"),
        ("Ausgaben (Mio. €)", "money:EUR:75000000"),
        ("Coût (k€)", "money:EUR:75000"),
        ("Prix (€)", "money:EUR:75"),
    ],
)
def test_a_header_with_the_magnitude_before_the_currency_sign(header: str, expected: str) -> None:
    quantity = parse_quantity("75")
    assert quantity is not None
    assert apply_header(quantity, header).canonical() == expected
