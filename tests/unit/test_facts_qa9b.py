"""Figures: a change in words against a percentage keeps its direction; a claim pairing figures
with years ("1,500 in 2021 and 1,350 in 2022") is about each figure's own year's cell; a year
heading the column of the claim's figure is stated there."""

from __future__ import annotations

import pytest

from claimcheck.model import Verdict
from tests.helpers.facts import verdict

EXPORTS = "Exports to China {x} last year."
EXPORTS_PAGE = "The report said exports to China {x} last year.\n"


@pytest.mark.parametrize(
    ("fact", "claim", "source", "expected"),
    [
        # A fall by half is -50%, a rise by a quarter +25%: the other direction is a mismatch.
        ("halved", "halved", "rose 50%", Verdict.MISMATCH),
        ("halved", "halved", "increased by 50 per cent", Verdict.MISMATCH),
        ("halved", "halved", "were up 50%", Verdict.MISMATCH),
        ("50%", "rose 50%", "halved", Verdict.MISMATCH),
        ("a half", "were up a half", "fell 50%", Verdict.MISMATCH),
        ("a half", "were down a half", "rose 50%", Verdict.MISMATCH),
        ("half", "fell by half", "rose 50%", Verdict.MISMATCH),
        ("a quarter", "fell a quarter", "rose 25%", Verdict.MISMATCH),
        ("25%", "rose 25%", "fell a quarter", Verdict.MISMATCH),
        # The same direction and value, in either form, is the same statement.
        ("halved", "halved", "fell 50%", Verdict.VERIFIED),
        ("50%", "fell 50%", "halved", Verdict.VERIFIED),
        ("a half", "were up a half", "rose 50%", Verdict.VERIFIED),
        ("a quarter", "fell a quarter", "fell 25%", Verdict.VERIFIED),
        ("25%", "rose 25%", "rose by a quarter", Verdict.VERIFIED),
    ],
)
def test_a_change_in_words_against_a_percentage_keeps_its_direction(
    fact: str, claim: str, source: str, expected: Verdict
) -> None:
    assert verdict(fact, EXPORTS.format(x=claim), EXPORTS_PAGE.format(x=source)) is expected


def test_a_third_against_the_opposite_rounded_percentage_is_no_pass() -> None:
    page = EXPORTS_PAGE.format(x="rose 33%")
    assert verdict("a third", EXPORTS.format(x="fell a third"), page) is Verdict.MISMATCH


# --------------------------------------------------------------------------- years paired with figures

# As trafilatura's main text writes the tables: years as columns, and as rows.
ARRIVALS = (
    "Visitor arrivals by city, annual figures.\n"
    "| City | 2020 | 2021 | 2022 | \n"
    "|---|---|---|---|\n"
    "| Tollmere | 1,100 | 1,350 | 1,500 | \n"
    "| Brackwater | 900 | 1,200 | 1,350 |"
)
ARRIVALS_BY_ROW = (
    "Visitor arrivals by city, annual figures.\n"
    "| Year | Tollmere | Brackwater | \n"
    "|---|---|---|\n"
    "| 2020 | 1,100 | 900 | \n"
    "| 2021 | 1,350 | 1,200 | \n"
    "| 2022 | 1,500 | 1,350 |"
)


@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize("page", [ARRIVALS, ARRIVALS_BY_ROW], ids=["columns", "rows"])
@pytest.mark.parametrize(
    ("fact", "sentence", "expected"),
    [
        # Swapped: each figure is the other year's.
        ("1,500", "Tollmere recorded 1,500 arrivals in 2021 and 1,350 in 2022.", Verdict.MISMATCH),
        ("1,350", "Tollmere recorded 1,500 arrivals in 2021 and 1,350 in 2022.", Verdict.MISMATCH),
        (
            "1,100",
            "Tollmere recorded 1,100 arrivals in 2021, up from 1,350 in 2020.",
            Verdict.MISMATCH,
        ),
        # The claim's value is under the other year; its own year's cell holds a third value.
        ("1,500", "Arrivals in Tollmere were 1,500 in 2021 and 1,100 in 2022.", Verdict.MISMATCH),
        # Each figure under its own year.
        ("1,350", "Tollmere recorded 1,350 arrivals in 2021 and 1,500 in 2022.", Verdict.VERIFIED),
        ("1,500", "Tollmere recorded 1,350 arrivals in 2021 and 1,500 in 2022.", Verdict.VERIFIED),
        (
            "1,350",
            "Tollmere recorded 1,350 arrivals in 2021, up from 1,100 in 2020.",
            Verdict.VERIFIED,
        ),
        (
            "1,100",
            "Tollmere recorded 1,350 arrivals in 2021, up from 1,100 in 2020.",
            Verdict.VERIFIED,
        ),
    ],
)
def test_a_figure_paired_with_a_year_is_judged_by_that_years_cell(
    fact: str, sentence: str, expected: Verdict, page: str
) -> None:
    assert verdict(fact, sentence, page) is expected


# --------------------------------------------------------------------------- a year as a heading


@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize("page", [ARRIVALS, ARRIVALS_BY_ROW], ids=["columns", "rows"])
@pytest.mark.parametrize(
    ("fact", "sentence"),
    [
        ("2021", "Tollmere recorded 1,350 arrivals in 2021."),
        ("2022", "In 2022, Brackwater recorded 1,350 arrivals."),
    ],
)
def test_a_year_heading_the_cell_of_the_claims_figure_is_verified(
    fact: str, sentence: str, page: str
) -> None:
    assert verdict(fact, sentence, page) is Verdict.VERIFIED


# Years as row labels are left out: a row label is read with its row's words, as before.
@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize(
    ("fact", "sentence"),
    [
        # The year's cell in the claim's row holds another value.
        ("2021", "Tollmere recorded 1,500 arrivals in 2021."),
        # The year heads the claim's value, but in a row the claim does not name.
        ("2021", "Harwick recorded 1,200 arrivals in 2021."),
        # No other figure in the sentence to place.
        ("2021", "Tollmere recorded record arrivals in 2021."),
    ],
)
def test_a_year_heading_no_cell_of_the_claims_figure_is_not_verified(
    fact: str, sentence: str
) -> None:
    assert verdict(fact, sentence, ARRIVALS) is not Verdict.VERIFIED


def test_a_year_heading_two_header_rows_places_nothing() -> None:
    page = (
        "Visitor arrivals.\n"
        "| City | 2021 | 2021 | \n"
        "| | Actual | Forecast | \n"
        "|---|---|---|\n"
        "| Tollmere | 1,350 | 1,500 |"
    )
    sentence = "Tollmere recorded 1,500 arrivals in 2021."
    assert verdict("2021", sentence, page) is not Verdict.VERIFIED
