"""Figures and facts, end to end: currencies named by their English word, temperatures and
labels, table headers with a temperature scale or a magnitude word, halving verbs."""

from __future__ import annotations

import pytest

from claimcheck.model import Verdict
from tests.helpers.facts import verdict

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
