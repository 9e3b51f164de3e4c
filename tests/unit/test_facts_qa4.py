"""Figures and facts: black-box QA round four (a count that looks like a year, a negative
amount written "$-4 million")."""

from __future__ import annotations

import pytest

from claimcheck.model import Verdict
from claimcheck.numbers import counts_things, find_figures
from tests.helpers.facts import values, verdict

# --------------------------------------------------------------------------- a count of things
# written like a year meets no year, and a year no such count.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The depot employed 1850 workers", True),
        ("the clinic has trained 2019 nurses", True),
        ("In 2019 nurses went on strike", False),  # "in" before it: a year, or a count
        ("2019 nurses went on strike", False),  # nothing before it
        ("the plant, in 1850, workers said", False),
        ("the 2019 elections", False),  # no counted noun
        ("since 2019 workers have struck", False),
    ],
)
def test_a_number_that_surely_counts_things(text: str, expected: bool) -> None:
    (figure,) = [f for f in find_figures(text) if f.text.isdigit()]
    assert counts_things(text, figure.start, figure.end) is expected


def test_a_count_of_workers_is_not_verified_by_a_year() -> None:
    page = "Records show the depot, at its peak in 1850, employed 900 workers."
    claim = "The depot employed 1850 workers at its peak, records show."
    assert verdict("1850", claim, page) is Verdict.MISMATCH


def test_a_year_is_not_verified_by_a_count_of_nurses() -> None:
    page = "Its annual review says the clinic, founded in 2012, has trained 2019 nurses."
    claim = "The clinic was founded in 2019, its annual review says."
    assert verdict("2019", claim, page) is Verdict.MISMATCH


@pytest.mark.parametrize(
    ("claim", "page"),
    [
        # A year read as a count where a year word is before it still meets the year.
        (
            "Nurses at the clinic went on strike in 2019.",
            "In 2019 nurses at the clinic went on strike.",
        ),
        (
            "In 2019 nurses at the clinic went on strike.",
            "Nurses at the clinic went on strike in 2019.",
        ),
        # The same count, written the same way or with a separator.
        (
            "The clinic has trained 2019 nurses so far.",
            "So far the clinic has trained 2019 nurses.",
        ),
        (
            "The depot employed 1850 workers at its peak.",
            "At its peak the depot employed 1,850 workers.",
        ),
    ],
)
def test_years_and_counts_still_meet_where_they_may(claim: str, page: str) -> None:
    fact = next(f.text for f in find_figures(claim) if f.text.replace(",", "").isdigit())
    assert verdict(fact, claim, page) is Verdict.VERIFIED


# --------------------------------------------------------------------------- "$-4 million"


@pytest.mark.parametrize(
    ("text", "written", "canonical"),
    [
        ("net income was $-4 million.", "$-4 million", "money:USD:-4000000"),
        ("a loss of US$−2.5bn", "US$−2.5bn", "money:USD:-2500000000"),
        ("a balance of £-120", "£-120", "money:GBP:-120"),
    ],
)
def test_a_minus_after_the_currency_sign(text: str, written: str, canonical: str) -> None:
    (figure,) = find_figures(text)
    assert (figure.text, figure.quantity.canonical()) == (written, canonical)


def test_a_negative_amount_written_after_its_sign_verifies() -> None:
    page = "The filing shows the firm's net income was $-4 million last year."
    claim = "The firm's net income was -$4 million last year, the filing shows."
    assert verdict("-$4 million", claim, page) is Verdict.VERIFIED
    positive = "The firm's net income was $4 million last year, the filing shows."
    assert verdict("$4 million", positive, page) is Verdict.MISMATCH


def test_a_range_of_amounts_keeps_its_ends() -> None:
    assert values("between $4-5 million") == [
        "money:USD:4000000",
        "money:USD:5000000",
    ]


# --------------------------------------------------------------------------- "fell a third"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Profits were down a third on the year.", ["ratio:1/3"]),
        ("Profits fell a third.", ["ratio:1/3"]),
        ("Costs rose a quarter last year.", ["ratio:1/4"]),
        ("Exports dropped two-thirds in a decade.", ["ratio:2/3"]),
        # A rank, a unit or a time, not a share.
        ("Sales fell a third straight month.", []),
        ("The index rose a third consecutive day.", []),
        ("Prices fell a quarter point.", []),
        ("Turnout rose a third time in a row.", []),
        ("He was a third choice.", []),
    ],
)
def test_a_fraction_after_a_word_of_change(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_a_fall_by_a_fraction_is_checked() -> None:
    claim = "Profits fell a third on the year, the firm said."
    assert verdict("a third", claim, "The firm said profits fell by a third on the year.") is (
        Verdict.VERIFIED
    )
    assert verdict("a third", claim, "The firm said profits fell by a quarter on the year.") is (
        Verdict.MISMATCH
    )


# --------------------------------------------------------------------------- "2020-21"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the 2020-21 season", ["year:2020", "year:2021"]),
        ("the 1999–00 season", ["year:1999", "year:2000"]),
        ("the 2019-23 plan", ["year:2019", "year:2023"]),
        ("In 2020-21, revenue rose", ["year:2020", "year:2021"]),
        # More than ten years on, a decimal or a percentage: no second year.
        ("in 2020-55", ["year:2020", "count:55"]),
        ("the 2020-21.5 figure", ["year:2020", "number:21.5"]),
        ("2020-21%", ["year:2020", "percent:21"]),
        # With a slash: a season's two years; any other slashed form is still no figure.
        ("the 2020/21 season", ["year:2020", "year:2021"]),
        ("the 2019/2020 season", ["year:2019", "year:2020"]),
        ("in 1999/00", ["year:1999", "year:2000"]),
        ("filed 2020/05/12", []),
        ("ref 2020/05", []),
        ("the 2020/2035 plan", []),
        ("3/4 of them", []),
    ],
)
def test_the_second_year_of_a_season(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_the_second_year_of_a_season_is_checked() -> None:
    claim = "The 2020-21 season was cancelled, the league said."
    assert verdict("21", claim, "The league said the 2020-22 season was cancelled.") is (
        Verdict.MISMATCH
    )
    for page in (
        "The league said the 2020-21 season was cancelled.",
        "The league said the 2020–2021 season was cancelled.",
        "The league said the 2020/21 season was cancelled.",
        "The league said the 2020/2021 season was cancelled.",
    ):
        assert verdict("21", claim, page) is Verdict.VERIFIED
        assert verdict("2020", claim, page) is Verdict.VERIFIED
