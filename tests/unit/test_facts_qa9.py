"""Figures and facts, end to end: currencies named by their English word, temperatures and
labels, table headers with a temperature scale or a magnitude word, halving verbs."""

from __future__ import annotations

import pytest

from claimcheck.model import Verdict
from tests.helpers.facts import facts_of, verdict

# --------------------------------------------------------------------------- currencies by word

DOLLAR_BUDGET = "The Tunnel project has a budget of $3.8 billion, officials said."


@pytest.mark.parametrize(
    ("fact", "claim"),
    [
        ("3.8 billion won", "The Tunnel project has a budget of 3.8 billion won."),
        (
            "3.8 billion South Korean won",
            "The Tunnel project has a budget of 3.8 billion South Korean won.",
        ),
        ("3.8 billion dong", "The Tunnel project has a budget of 3.8 billion dong."),
        ("3.8 billion shekels", "The Tunnel project has a budget of 3.8 billion shekels."),
        ("NIS 3.8 billion", "The Tunnel project has a budget of NIS 3.8 billion."),
        ("3.8 billion riyals", "The Tunnel project has a budget of 3.8 billion riyals."),
        ("3.8 billion dirhams", "The Tunnel project has a budget of 3.8 billion dirhams."),
    ],
)
def test_an_amount_in_another_currency_is_not_verified_by_dollars(fact: str, claim: str) -> None:
    assert verdict(fact, claim, DOLLAR_BUDGET) is Verdict.MISMATCH


def test_an_amount_in_won_is_verified_by_the_same_amount_in_won() -> None:
    page = "The Tunnel project has a budget of KRW 3.8 billion, officials said."
    claim = "The Tunnel project has a budget of 3.8 billion won."
    assert verdict("3.8 billion won", claim, page) is Verdict.VERIFIED


# --------------------------------------------------------------------------- table headers


def _table(header: str, cell: str, first: str, row: str) -> str:
    """A one-row table as trafilatura's main text writes it."""
    return f"Report\n| {first} | {header} | \n|---|---| \n| {row} | {cell} |"


@pytest.mark.parametrize(
    ("header", "fact", "claim"),
    [
        ("Budget (₩ trillion)", "₩3.8tn", "The Tunnel has a budget of ₩3.8tn."),
        ("Budget (₩tn)", "₩3.8tn", "The Tunnel has a budget of ₩3.8tn."),
        ("Budget (£ trillion)", "£3.8tn", "The Tunnel has a budget of £3.8tn."),
        ("Budget, £ billion", "£3.8bn", "The Tunnel has a budget of £3.8bn."),
        ("Budget, KRW billion", "₩3.8bn", "The Tunnel has a budget of ₩3.8bn."),
        ("Budget (₹ crore)", "₹3.8 crore", "The Tunnel has a budget of ₹3.8 crore."),
        ("Budget (₹ lakh)", "₹3.8 lakh", "The Tunnel has a budget of ₹3.8 lakh."),
    ],
)
def test_a_magnitude_word_in_a_header_scales_the_cells(header: str, fact: str, claim: str) -> None:
    assert verdict(fact, claim, _table(header, "3.8", "Project", "Tunnel")) is Verdict.VERIFIED


def test_a_magnitude_word_in_a_header_still_tells_a_wrong_amount() -> None:
    page = _table("Budget (₩ trillion)", "3.8", "Project", "Tunnel")
    assert verdict("₩3.8bn", "The Tunnel has a budget of ₩3.8bn.", page) is Verdict.MISMATCH


@pytest.mark.parametrize(
    ("header", "fact", "claim"),
    [
        # Another scale: never equal.
        ("Max temp (°F)", "35C", "Madrid reached a temperature of 35C on Monday."),
        # The claim's own cell says otherwise.
        ("Max temp (°C)", "38C", "Madrid reached a temperature of 38C on Monday."),
    ],
)
def test_a_temperature_scale_in_a_header_reads_the_cells(
    header: str, fact: str, claim: str
) -> None:
    assert verdict(fact, claim, _table(header, "35", "City", "Madrid")) is Verdict.MISMATCH


def test_a_temperature_in_a_celsius_column_is_verified() -> None:
    page = _table("Max temp (°C)", "35", "City", "Madrid")
    claim = "Madrid reached a temperature of 35C on Monday."
    assert verdict("35C", claim, page) is Verdict.VERIFIED


# --------------------------------------------------------------------------- codes and temperatures

_HOT_CLAIM = "The temperature in the building reached 35C on Monday."


@pytest.mark.parametrize(
    "tail",
    [
        "said a resident of Office 35C.",
        "said a resident of rooms 34C and 35C.",
        "said the passenger in 35C.",
        "said a resident who takes the 35C bus.",
        "according to the tenant at 35C Hill Street.",
    ],
)
def test_a_code_does_not_verify_a_temperature(tail: str) -> None:
    page = f"The temperature in the building reached 38C on Monday, {tail}"
    assert verdict("35C", _HOT_CLAIM, page) is Verdict.MISMATCH


@pytest.mark.parametrize(
    ("fact", "claim", "page", "expected"),
    [
        (
            "5C below zero",
            "Overnight temperatures fell to 5C below zero in the capital.",
            "Overnight temperatures fell to 5 °C in the capital.",
            Verdict.MISMATCH,
        ),
        (
            "5C",
            "Overnight temperatures fell to 5C in the capital.",
            "Overnight temperatures fell to 5C below zero in the capital.",
            Verdict.MISMATCH,
        ),
        (
            "5C below zero",
            "Overnight temperatures fell to 5C below zero in the capital.",
            "Overnight temperatures fell to -5 °C in the capital.",
            Verdict.VERIFIED,
        ),
        (
            "-5C",
            "Overnight temperatures fell to -5C in the capital.",
            "Overnight temperatures fell to 5C below zero in the capital.",
            Verdict.VERIFIED,
        ),
    ],
)
def test_below_zero(fact: str, claim: str, page: str, expected: Verdict) -> None:
    assert verdict(fact, claim, page) is expected


def test_below_zero_makes_no_fact_of_zero() -> None:
    assert facts_of("Overnight temperatures fell to 5C below zero in the capital.") == [
        ("5C below zero", "measure:°C:-5")
    ]


@pytest.mark.parametrize(
    ("fact", "claim"),
    [
        ("halved", "Interest rates at the central bank halved last year."),
        ("50%", "Interest rates at the central bank fell 50% last year."),
    ],
)
def test_a_half_point_cut_is_not_halving(fact: str, claim: str) -> None:
    page = "Interest rates at the central bank fell by a half point last year."
    assert verdict(fact, claim, page) is not Verdict.VERIFIED


# --------------------------------------------------------------------------- figures found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Sales of the company halved last year.", [("halved", "ratio:1/2")]),
        ("The firm halved its workforce.", [("halved", "ratio:1/2")]),
        (
            "The fund halved its stake to 10% last year.",
            [("halved", "ratio:1/2"), ("10%", "percent:10")],
        ),
        (
            "Temperatures ranged 30C-35C all week.",
            [("30C", "measure:°C:30"), ("35C", "measure:°C:35")],
        ),
        ("The two countries signed a deal.", []),  # a number referred back to stays none
    ],
)
def test_figures_found_in_a_sentence(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert facts_of(sentence) == expected


# --------------------------------------------------------------------- a change is not a level


@pytest.mark.parametrize(
    ("page", "claim", "fact"),
    [
        (
            "Overnight temperatures in the capital fell 5 °C.",
            "Overnight temperatures in the capital were -5C.",
            "-5C",
        ),
        (
            "Overnight temperatures fell to -5 °C in the capital.",
            "Overnight temperatures fell 5C in the capital.",
            "5C",
        ),
    ],
)
def test_a_fall_in_temperature_is_no_reading_below_zero(page: str, claim: str, fact: str) -> None:
    assert fact in [text for text, _ in facts_of(claim)]
    assert verdict(fact, claim, page) is not Verdict.VERIFIED


def test_a_fall_in_per_cent_still_reads_as_a_negative_change() -> None:
    page = "Exports to the region changed by -5% last year, the ministry said."
    claim = "Exports to the region fell 5% last year."
    assert verdict("5%", claim, page) is Verdict.VERIFIED
