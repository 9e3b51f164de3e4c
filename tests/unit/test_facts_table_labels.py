"""Figures in tables: a claim naming a one-word row label ("East") or column header ("2021",
"Schools") is about that cell; the claim's value in another row or column of the same table
does not verify it when the named cell holds another value."""

from __future__ import annotations

import pytest

from claimcheck.model import Verdict
from tests.helpers.facts import verdict

# As trafilatura's main text writes the tables.
REGIONS = (
    "Report\n"
    "Schools and hospitals by region, 2023.\n"
    "| Region | Schools | Hospitals | Budget | \n"
    "|---|---|---|---|\n"
    "| North | 120 | 150 | £3.8m | \n"
    "| South | 90 | 45 | £2.1m | \n"
    "| East | 80 | 30 | £1.2m |"
)
YEARS = (
    "Report\n"
    "Population by year.\n"
    "| Year | 2020 | 2021 | 2022 | \n"
    "|---|---|---|---|\n"
    "| Population | 1,200 | 1,350 | 1,500 | \n"
    "| Households | 400 | 450 | 500 |"
)


@pytest.mark.parametrize(
    ("fact", "sentence", "page"),
    [
        # The named row's cell of the column says otherwise.
        ("£3.8m", "The East has a budget of £3.8m, the council's figures show.", REGIONS),
        # The named column's cell of the row says otherwise.
        ("1,500", "The population was 1,500 in 2021, the census says.", YEARS),
        ("150", "The North has 150 schools, the council's figures show.", REGIONS),
    ],
)
def test_the_value_of_another_cell_is_a_mismatch(fact: str, sentence: str, page: str) -> None:
    assert verdict(fact, sentence, page) is Verdict.MISMATCH


@pytest.mark.parametrize(
    ("fact", "sentence", "page"),
    [
        ("£1.2m", "The East has a budget of £1.2m, the council's figures show.", REGIONS),
        ("£3.8m", "The North has a budget of £3.8m, the council's figures show.", REGIONS),
        ("1,350", "The population was 1,350 in 2021, the census says.", YEARS),
        ("1,500", "The population was 1,500 in 2022, the census says.", YEARS),
        ("120", "The North has 120 schools, the council's figures show.", REGIONS),
        ("150", "The North has 150 hospitals, the council's figures show.", REGIONS),
        # Both columns named, each figure with its own year: 2022's cell holds 1,500.
        ("1,500", "The population was 1,500 in 2022, up from 1,350 in 2021.", YEARS),
        # No label named: the value is placed as before.
        ("£3.8m", "A region has a budget of £3.8m for schools, the council says.", REGIONS),
    ],
)
def test_the_named_cells_value_is_verified(fact: str, sentence: str, page: str) -> None:
    assert verdict(fact, sentence, page) is Verdict.VERIFIED


def test_longer_labels_pick_no_cell() -> None:
    # "Core wiring" shares a word with the claim by chance: one claim word in a longer label is
    # no evidence of the row the claim means.
    page = (
        "Options and costs.\n"
        "| Option | Cost | \n"
        "|---|---|\n"
        "| Full electrification | £1.9bn | \n"
        "| Core wiring plus battery trains | £860m |"
    )
    sentence = "Wiring the whole line would cost £1.9bn, the study says."
    assert verdict("£1.9bn", sentence, page) is Verdict.VERIFIED


@pytest.mark.parametrize(
    "sentence",
    [
        "Since 2021 the population has grown to 1,500, the census says.",
        "The population has reached 1,500, up from 1,200 before 2021.",
    ],
)
def test_a_year_the_claim_does_not_place_itself_in_names_no_column(sentence: str) -> None:
    assert verdict("1,500", sentence, YEARS) is Verdict.VERIFIED


def test_a_year_the_claim_places_itself_in_names_its_column() -> None:
    sentence = "During 2021 the population was 1,500, the census says."
    assert verdict("1,500", sentence, YEARS) is Verdict.MISMATCH


@pytest.mark.parametrize(
    "sentence", ["Roads cost £3.8m, 2 more than planned.", "The roads cost £3.8m, up 2 times."]
)
def test_a_row_number_is_no_label(sentence: str) -> None:
    # "2" in the claim is no row the claim names: row numbers name nothing.
    page = (
        "Items.\n"
        "| No. | Item | Cost | \n"
        "|---|---|---|\n"
        "| 1 | Roads | £3.8m | \n"
        "| 2 | Schools | £1.2m |"
    )
    assert verdict("£3.8m", sentence, page) is Verdict.VERIFIED
