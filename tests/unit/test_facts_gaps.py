"""Figures the reader used to get wrong: a year named only in a table's header row, temperatures,
"from 1.2m to 1.5m", changes by a half or a multiple ("halved", "doubled"), and table headers in
currencies other than £, $ and €."""

from __future__ import annotations

import pytest

from claimcheck.model import Verdict
from tests.helpers.facts import verdict

# --------------------------------------------------------------------------- header currencies

# As trafilatura's main text writes an HTML table.
BUDGETS = (
    "Ministry budgets.\n"
    "| Ministry | Budget (₩ bn) | Staff | \n"
    "|---|---|---|\n"
    "| Culture | 420 | 1,300 | \n"
    "| Fisheries | 615 | 2,100 |"
)
SHEKELS = "Municipal spending.\n| Item | ₪m | \n|---|---|\n| Schools | 38 | \n| Parks | 12 |"


@pytest.mark.parametrize(
    ("fact", "sentence", "page", "expected"),
    [
        ("₩420bn", "The culture ministry has a budget of ₩420bn, the figures show.", BUDGETS,
         Verdict.VERIFIED),
        ("₩615 billion", "The fisheries ministry will spend ₩615 billion this year.", BUDGETS,
         Verdict.VERIFIED),
        # Another amount in the named row's cell.
        ("₩450bn", "The culture ministry has a budget of ₩450bn, the figures show.", BUDGETS,
         Verdict.MISMATCH),
        # The header's magnitude is part of the value: ₩420m is a thousandth of the cell.
        ("₩420m", "The culture ministry has a budget of ₩420m, the figures show.", BUDGETS,
         Verdict.MISMATCH),
        ("₪38m", "The city spends ₪38m on schools, its accounts show.", SHEKELS, Verdict.VERIFIED),
        ("₪40m", "The city spends ₪40m on schools, its accounts show.", SHEKELS, Verdict.MISMATCH),
        # Another currency of the same amount is another value.
        ("$38m", "The city spends $38m on schools, its accounts show.", SHEKELS, Verdict.MISMATCH),
    ],
)  # fmt: skip
def test_a_header_in_won_or_shekels_gives_its_cells_the_currency(
    fact: str, sentence: str, page: str, expected: Verdict
) -> None:
    assert verdict(fact, sentence, page) is expected


# --------------------------------------------------------------------------- a year in a header

# The year is only in the header row; the row's label is no word of the claims below.
ARRIVALS = (
    "Visitor statistics.\n"
    "| Measure | 2020 | 2021 | \n"
    "|---|---|---|\n"
    "| Visitors | 900 | {value} | \n"
    "| Hotel nights | 3,100 | 4,050 |"
)
# Tab-separated, as other extractors write a table, and with an empty corner cell.
ARRIVALS_TABS = "\t2020\t2021\nTotal\t900\t{value}\nNights\t3,100\t4,050"
CLAIM = "The city recorded 1,350 arrivals in 2021."


@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize("page", [ARRIVALS, ARRIVALS_TABS], ids=["pipes", "tabs"])
def test_the_claims_year_heading_a_column_places_its_cell(page: str) -> None:
    assert verdict("1,350", CLAIM, page.format(value="1,350")) is Verdict.VERIFIED
    assert verdict("1,350", CLAIM, page.format(value="1,200")) is Verdict.MISMATCH


@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize(
    "sentence",
    [
        # The claim's value under another year: the claim's own year's cell says otherwise.
        "The city recorded 900 arrivals in 2021.",
        # Said of 2021 with "during" or "for" too.
        "During 2021 the city recorded 900 arrivals.",
    ],
)
def test_the_value_of_another_years_column_is_a_mismatch(sentence: str) -> None:
    assert verdict("900", sentence, ARRIVALS.format(value="1,350")) is Verdict.MISMATCH


@pytest.mark.usefixtures("indexed")
@pytest.mark.parametrize(
    "sentence",
    [
        # A year the claim does not place its statement in ("since 2021") names no column.
        "Since 2021 the city has recorded 1,350 arrivals.",
        # Nor does a year in a claim about something else entirely.
        "The city recorded 1,350 arrivals, a record.",
    ],
)
def test_a_year_the_claim_does_not_place_itself_in_places_no_cell(sentence: str) -> None:
    assert verdict("1,350", sentence, ARRIVALS.format(value="1,350")) is Verdict.NOT_FOUND


def test_a_column_headed_by_more_than_a_year_is_no_years_column() -> None:
    # "2021 forecast" is not what the city recorded in 2021: the year alone heads no column.
    page = (
        "Visitor statistics.\n"
        "| Measure | 2020 actual | 2021 forecast | \n"
        "|---|---|---|\n"
        "| Visitors | 900 | 1,350 |"
    )
    assert verdict("1,350", CLAIM, page) is Verdict.NOT_FOUND


# --------------------------------------------------------------------------- temperatures

HEAT = "Temperatures in Seville reached {x} on Tuesday, the weather service said."
HEAT_PAGE = "The weather service said temperatures in Seville reached {x} on Tuesday afternoon.\n"


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("35C", "35 °C", Verdict.VERIFIED),
        ("35C", "35°C", Verdict.VERIFIED),
        ("35°C", "35C", Verdict.VERIFIED),
        ("95F", "95 °F", Verdict.VERIFIED),
        ("-4C", "−4 °C", Verdict.VERIFIED),
        # Degrees of no named scale: the same number says the same.
        ("35 degrees", "35 °C", Verdict.VERIFIED),
        ("35C", "35 degrees", Verdict.APPROXIMATE),  # the source names no scale
        # Another temperature at the same place.
        ("35C", "38 °C", Verdict.MISMATCH),
        ("35 degrees", "38 °C", Verdict.MISMATCH),
        ("4C", "-4C", Verdict.MISMATCH),
        # Celsius and Fahrenheit are different units; neither is converted.
        ("35C", "35 °F", Verdict.MISMATCH),
        ("35C", "95F", Verdict.MISMATCH),
    ],
)
def test_a_temperature_is_read_with_its_scale(claim: str, source: str, expected: Verdict) -> None:
    assert verdict(claim, HEAT.format(x=claim), HEAT_PAGE.format(x=source)) is expected


def test_a_room_numbered_35c_is_no_temperature() -> None:
    # The claim's "35C" is a room: no figure to check, and no temperature in a source.
    claim = "Guests in Room 35C complained of the heat, the hotel said."
    assert verdict("35C", claim, "The hotel said guests in room 35C complained.\n") is (
        Verdict.NOT_FOUND
    )
    # A room in the source does not verify a temperature.
    page = "The weather service said Seville was hot; the forum met in room 35C on Tuesday.\n"
    assert verdict("35C", HEAT.format(x="35C"), page) is Verdict.NOT_FOUND


# --------------------------------------------------------------------------- "from 1.2m to 1.5m"

CROWDS = "Visits to the botanic gardens rose from {a} to {b} people last year, the trust said."
CROWDS_PAGE = (
    "The trust said visits to the botanic gardens rose from {a} to {b} people last year.\n"
)
WALL = "The flood wall along the quay rose from {a} to {b} high, the engineers said."
WALL_PAGE = "The engineers said the flood wall along the quay rose from {a} to {b} high.\n"


@pytest.mark.parametrize(
    ("fact", "sentence", "page", "expected"),
    [
        ("1.2m", CROWDS.format(a="1.2m", b="1.5m"),
         CROWDS_PAGE.format(a="1.2 million", b="1.5 million"), Verdict.VERIFIED),
        ("1.5m", CROWDS.format(a="1.2m", b="1.5m"),
         CROWDS_PAGE.format(a="1.2 million", b="1.5 million"), Verdict.VERIFIED),
        ("1.2m", CROWDS.format(a="1.2m", b="1.5m"),
         CROWDS_PAGE.format(a="1.1 million", b="1.5 million"), Verdict.MISMATCH),
        ("£1.2m", "Spending on the gardens rose from £1.2m to £1.5m last year, the trust said.",
         "The trust said spending on the gardens rose from £1.3m to £1.5m last year.\n",
         Verdict.MISMATCH),
        ("1.2m", WALL.format(a="1.2m", b="1.5m"),
         WALL_PAGE.format(a="1.2 metres", b="1.5 metres"), Verdict.VERIFIED),
        ("1.2m", WALL.format(a="1.2m", b="1.5m"),
         WALL_PAGE.format(a="1.1 metres", b="1.5 metres"), Verdict.MISMATCH),
        # Metres are not millions.
        ("1.2m", WALL.format(a="1.2m", b="1.5m"),
         WALL_PAGE.format(a="1.2 million", b="1.5 million"), Verdict.NOT_FOUND),
    ],
)  # fmt: skip
def test_a_range_in_millions_or_metres(
    fact: str, sentence: str, page: str, expected: Verdict
) -> None:
    assert verdict(fact, sentence, page) is expected


# --------------------------------------------------------------------------- halved, doubled

MUSEUM = "Ticket sales at the harbour museum {x} last year, the trust said."
MUSEUM_PAGE = "The trust said ticket sales at the harbour museum {x} last year.\n"


@pytest.mark.parametrize(
    ("fact", "claim", "source", "expected"),
    [
        ("halved", "halved", "halved", Verdict.VERIFIED),
        ("halved", "halved", "fell by half", Verdict.VERIFIED),
        ("halved", "halved", "were down by half", Verdict.VERIFIED),
        ("halved", "halved", "fell 50%", Verdict.VERIFIED),
        ("halved", "halved", "fell by a third", Verdict.MISMATCH),
        ("halved", "halved", "rose by half", Verdict.MISMATCH),  # the other way
        ("halved", "halved", "doubled", Verdict.MISMATCH),
        ("doubled", "doubled", "doubled", Verdict.VERIFIED),
        ("doubled", "doubled", "rose 100%", Verdict.VERIFIED),
        ("doubled", "doubled", "tripled", Verdict.MISMATCH),
        ("doubled", "doubled", "rose 80%", Verdict.MISMATCH),
        ("tripled", "tripled", "trebled", Verdict.VERIFIED),
        ("tripled", "tripled", "rose 200%", Verdict.VERIFIED),
        ("a half", "were up a half", "rose by half", Verdict.VERIFIED),
        ("a half", "were up a half", "were up a third", Verdict.MISMATCH),
        ("a half", "were down a half", "halved", Verdict.VERIFIED),
        ("half", "fell by half", "halved", Verdict.VERIFIED),
    ],
)
def test_a_change_by_a_half_or_a_multiple(
    fact: str, claim: str, source: str, expected: Verdict
) -> None:
    assert verdict(fact, MUSEUM.format(x=claim), MUSEUM_PAGE.format(x=source)) is expected


@pytest.mark.parametrize(
    ("fact", "claim", "page"),
    [
        # A change is not a share of the same number, either way round.
        ("halved", "Ticket sales at the harbour museum halved last year.",
         "Half of the ticket sales at the harbour museum last year were made online.\n"),
        ("Half", "Half of the ticket sales at the harbour museum last year were made online.",
         "Ticket sales at the harbour museum halved last year.\n"),
        ("doubled", "Ticket sales at the harbour museum doubled last year.",
         "Last year 100% of ticket sales at the harbour museum were made online.\n"),
    ],
)  # fmt: skip
def test_a_change_is_not_a_share(fact: str, claim: str, page: str) -> None:
    assert verdict(fact, claim, page) is Verdict.NOT_FOUND
