"""Figures and facts: black-box QA round two (ranges, units, direction, bounds, rounding...)."""

from __future__ import annotations

import pytest

from claimcheck.claims.from_article import split_sentences
from claimcheck.facts import clear_caches, match_fact
from claimcheck.model import TextLayer, Verdict
from tests.helpers.facts import facts_of, values, verdict

# --------------------------------------------------------------------------- 14, 15: the fact
# is read as its sentence states it, not on its own.

SAME_SENTENCE = [
    ("10", "The firm said 10-15% of staff were laid off."),
    ("2", "The firm said prices rose by 2-3 per cent."),
    ("$5", "The firm said the plan costs $5-8bn."),
    ("5", "Its manager said the fund grew from 5 to 8 billion dollars."),
    ("2m", "The census shows some 2m people live in the city."),
]


@pytest.mark.parametrize(("fact", "sentence"), SAME_SENTENCE)
def test_a_fact_is_read_as_its_sentence_states_it(fact: str, sentence: str) -> None:
    assert verdict(fact, sentence, f"<p>{sentence}</p>\n") is Verdict.VERIFIED


def test_the_first_end_of_a_range_against_another_spelling() -> None:
    sentence = "Staff numbers went from 12 to 15 thousand, the firm said."
    page = "The firm said staff numbers went from 12,000 to 15,000.\n"
    assert verdict("12", sentence, page) is Verdict.VERIFIED
    assert verdict("2m", "The city has 2m residents, the census shows.",
                   "The census shows the city has 2,000,000 residents.\n") is Verdict.VERIFIED  # fmt: skip


def test_the_claims_value_picks_the_figure_of_a_repeated_text() -> None:
    sentence = "Of the 10 teams, 10-15% of staff were laid off."
    page = "Of the 12 teams, 10-15% of staff were laid off.\n"
    clear_caches()
    result = match_fact("10", sentence, [TextLayer("main", page)], value="percent:10")
    assert result.verdict is Verdict.VERIFIED


def test_between_and_is_a_range_sharing_its_suffix() -> None:
    assert values("between 10 and 15 per cent") == ["percent:10", "percent:15"]


# --------------------------------------------------------------------------- 16


def test_a_year_before_to_an_amount_keeps_its_own_value() -> None:
    assert values("Sales rose 5% in 2023 to €2bn.") == [
        "percent:5", "year:2023", "money:EUR:2000000000",
    ]  # fmt: skip
    assert values("from 2010 to 2 million")[0] == "year:2010"
    assert values("from 900 to 1.2 million pounds")[0] == "count:900"
    assert values("rose 5% in 2023 to 7%") == ["percent:5", "year:2023", "percent:7"]
    # Still ranges: a falling one, and one of magnitudes.
    assert values("cut from 15 to 10 per cent") == ["percent:15", "percent:10"]
    assert values("$5-8bn") == ["money:USD:5000000000", "money:USD:8000000000"]


# --------------------------------------------------------------------------- 1: scores


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("Arsenal beat Chelsea 3-1 at the Emirates.", "score:3-1"),
        ("Arsenal lost to Chelsea 1-3 at the Emirates.", "score:1-3"),
        ("The Senate passed the bill 52-48 on Tuesday.", "score:52-48"),
        ("The Senate rejected the bill 48-52 on Tuesday.", "score:48-52"),
        ("The odds were 5 to 1 against the horse.", "score:5-1"),
        ("a 5-4 ruling", "score:5-4"),
    ],
)
def test_scores_votes_and_odds_are_one_ordered_pair(text: str, canonical: str) -> None:
    assert values(text) == [canonical]


def test_ranges_are_no_scores() -> None:
    assert values("10-15 people") == ["count:10", "count:15"]
    assert values("aged 18-24") == ["count:18", "count:24"]
    assert values("won 10-15 seats") == ["count:10", "count:15"]
    assert values("it fell from 5 to 1 per cent") == ["percent:5", "percent:1"]
    assert values("cut the lanes from 5 to 1") == ["count:5", "count:1"]


def test_a_reversed_score_is_a_mismatch() -> None:
    claim = "Arsenal beat Chelsea 3-1 at the Emirates on Saturday."
    page = "Arsenal lost to Chelsea 1-3 at the Emirates on Saturday.\n"
    assert facts_of(claim) == [("3-1", "score:3-1")]
    assert verdict("3-1", claim, page) is Verdict.MISMATCH
    assert verdict("3-1", claim, page.replace("1-3", "3-1")) is Verdict.VERIFIED
    odds = "The odds were 5 to 1 against the horse, bookmakers said."
    assert verdict("5 to 1", odds, "Bookmakers said the odds were 1 to 5 against the horse.\n") is (
        Verdict.MISMATCH
    )


# --------------------------------------------------------------------------- 2: units of time
# and temperature


@pytest.mark.parametrize(
    ("fact", "claim", "page", "expected"),
    [
        ("3", "The motorway was closed for 3 hours after the crash, police said.",
         "Police said the motorway was closed for 3 days after the crash.", Verdict.MISMATCH),
        ("12", "The strike lasted 12 days, the union said.",
         "The union said the strike lasted 12 weeks.", Verdict.MISMATCH),
        ("12", "The strike lasted 12 days, the union said.",
         "The union said the strike lasted 12 days.", Verdict.VERIFIED),
        ("two", "The strike lasted two weeks, the union said.",
         "The union said the strike lasted 14 days.", Verdict.VERIFIED),
        ("12", "The project took 12 months, the council said.",
         "The council said the project took a year, or 1 year.", Verdict.VERIFIED),
        ("35°C", "Temperatures in Madrid rose to 35°C on Monday, forecasters said.",
         "Forecasters said temperatures in Madrid rose to 35°F on Monday.", Verdict.MISMATCH),
        ("35°C", "Temperatures in Madrid rose to 35°C on Monday, forecasters said.",
         "Forecasters said temperatures in Madrid rose to 35 °C on Monday.", Verdict.VERIFIED),
    ],
)  # fmt: skip
def test_units_of_time_and_temperature(fact: str, claim: str, page: str, expected: Verdict) -> None:
    assert verdict(fact, claim, page + "\n") is expected


def test_temperatures_are_measures() -> None:
    assert values("rose to 35°C") == ["measure:°C:35"]
    assert values("fell to -15 °C and 98.6 degrees Fahrenheit") == [
        "measure:°C:-15", "measure:°F:98.6",
    ]  # fmt: skip


# --------------------------------------------------------------------------- 3: direction


@pytest.mark.parametrize(
    ("claim", "page", "expected"),
    [
        ("Sales rose 5% last year, the company said.",
         "The company said sales fell 5% last year.", Verdict.MISMATCH),
        ("Sales grew by 5% last year, the company said.",
         "The company said sales shrank by 5% last year.", Verdict.MISMATCH),
        ("Exports rose 5% in May, the ministry said.",
         "The ministry said exports dropped 5% in May.", Verdict.MISMATCH),
        ("Exports fell 5% in May, the ministry said.",
         "The ministry said exports rose by about 5% in May.", Verdict.MISMATCH),
        ("Exports rose 5% in May, the ministry said.",
         "The ministry said exports increased by 5% in May.", Verdict.VERIFIED),
        ("Exports fell 5% in May, the ministry said.",
         "The ministry said exports changed by -5% in May.", Verdict.VERIFIED),
        ("Exports were 5% of output in May, the ministry said.",
         "The ministry said exports fell to 5% of output in May.", Verdict.VERIFIED),
    ],
)  # fmt: skip
def test_a_word_of_increase_or_decrease_must_agree(
    claim: str, page: str, expected: Verdict
) -> None:
    assert verdict("5%", claim, page + "\n") is expected


# --------------------------------------------------------------------------- 6: bounds


@pytest.mark.parametrize(
    ("fact", "claim", "page", "expected"),
    [
        ("3,000", "More than 3,000 jobs will go, the union said.",
         "The union said up to 3,000 jobs will go.", Verdict.MISMATCH),
        ("3,000", "Up to 3,000 jobs will go, the union said.",
         "The union said more than 3,000 jobs will go.", Verdict.MISMATCH),
        ("2 million", "Nearly 2 million people voted, officials said.",
         "Officials said more than 2 million people voted.", Verdict.MISMATCH),
        ("15", "15 people were injured in the blast, police said.",
         "Police said 10–15 people were injured in the blast.", Verdict.APPROXIMATE),
        ("3,000", "3,000 jobs will go, the union said.",
         "The union said more than 3,000 jobs will go.", Verdict.APPROXIMATE),
        ("3,000", "More than 3,000 jobs will go, the union said.",
         "The union said over 3,000 jobs will go.", Verdict.VERIFIED),
        ("3,000", "About 3,000 jobs will go, the union said.",
         "The union said 3,000 jobs will go.", Verdict.VERIFIED),
        ("15", "Between 10 and 15 people were injured in the blast, police said.",
         "Police said 10-15 people were injured in the blast.", Verdict.VERIFIED),
    ],
)  # fmt: skip
def test_bounds_and_ranges(fact: str, claim: str, page: str, expected: Verdict) -> None:
    assert verdict(fact, claim, page + "\n") is expected


# --------------------------------------------------------------------------- 17: rounding


@pytest.mark.parametrize(
    ("fact", "claim", "page", "expected"),
    [
        ("£3.8m", "The restoration cost £3.8m, the council said.",
         "The council said the restoration cost £3,812,000 in total.", Verdict.APPROXIMATE),
        ("65%", "Turnout was 65%, officials said.",
         "Officials said turnout was 64.6%.", Verdict.APPROXIMATE),
        ("2 million", "About 2 million people voted, officials said.",
         "Officials said 1,960,000 people voted.", Verdict.APPROXIMATE),
        ("£4m", "The restoration cost £4m, the council said.",
         "The council said the restoration cost £3.8m in total.", Verdict.MISMATCH),
        ("2 million", "About 2 million people voted, officials said.",
         "Officials said 1,500,000 people voted.", Verdict.MISMATCH),
        ("£3,800,000", "The restoration cost £3,800,000, the council said.",
         "The council said the restoration cost £3,812,000 in total.", Verdict.MISMATCH),
        ("65%", "Turnout was 65%, officials said.",
         "Officials said turnout was 66.6%.", Verdict.MISMATCH),
    ],
)  # fmt: skip
def test_a_claim_rounding_the_source_is_approximate(
    fact: str, claim: str, page: str, expected: Verdict
) -> None:
    assert verdict(fact, claim, page + "\n") is expected


# --------------------------------------------------------------------------- 8, 12, 13, 19


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("3,8 millions d'euros", "money:EUR:3800000"),
        ("3,8 millions de dollars", "money:USD:3800000"),
        ("3,8 millones de euros", "money:EUR:3800000"),
        ("3,8 millones de dólares", "money:USD:3800000"),
        ("3,8 milyon liraya", "money:TRY:3800000"),
        ("2,3 milyar dolara", "money:USD:2300000000"),
        ("50 binden fazla kişi", "count:50000"),
        ("85 milyonu aştı", "count:85000000"),
        ("2 milyarlık yatırım", "count:2000000000"),
        ("50 bina", "count:50"),
        ("le 3 mars 2024", "date:2024-03-03"),
        ("el 3 de marzo de 2024", "date:2024-03-03"),
        ("am 3. März 2024", "date:2024-03-03"),
        ("3 Mart 2024", "date:2024-03-03"),
    ],
)
def test_foreign_currencies_magnitudes_and_dates(text: str, canonical: str) -> None:
    assert values(text) == [canonical]


def test_german_abbreviations_and_dates_do_not_end_a_sentence() -> None:
    text = "Das Projekt kostet 3,8 Mio. Euro und wurde 2023 beschlossen. Am 3. März 2021 begann es."
    assert len(split_sentences(text)) == 2
    text = "Der Umsatz lag bei 1,2 Mrd. Euro, ein Plus von 12 %. Danach fiel er."
    assert len(split_sentences(text)) == 2


# --------------------------------------------------------------------------- 21: noise facts


@pytest.mark.parametrize(
    "sentence",
    [
        "She was in two minds about it.",
        "It runs version 2.0 of the app.",
        "Apple sold the iPhone 15 in China.",
        "Microsoft released Windows 11 to testers.",
        "A Boeing 737 crashed.",
        "A Fortune 500 company.",
        "He lived at 221 Baker Street.",
        "Talks at 10 Downing Street.",
        "Offices at 1 Canada Square.",
        "Sie wohnt in der Hauptstraße 12.",
        "Nach Artikel 5 gilt das.",
        "Call 0800 123 4567 now.",
        "ISBN 978-0-12-345678-9.",
        "See doi:10.1038/s41586-020-2649-2.",
    ],
)
def test_numbers_that_name_things_are_no_facts(sentence: str) -> None:
    assert facts_of(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 2020 the firm hired 300 staff.", ["2020", "300"]),
        ("By 2030 sales will double.", ["2030"]),
        ("In London 300 people died.", ["300"]),
        ("The firm has 1 234 567 customers.", ["1 234 567"]),
        ("Since 2019 it grew.", ["2019"]),
        ("Arsenal beat Chelsea 3-1.", ["3-1"]),
    ],
)
def test_figures_next_to_names_stay_facts(sentence: str, expected: list[str]) -> None:
    assert [text for text, _ in facts_of(sentence)] == expected


def test_a_third_party_is_no_share() -> None:
    assert values("The dispute was settled by a third party.") == []
    assert values("Profits were cut by a third last year.") == ["ratio:1/3"]
