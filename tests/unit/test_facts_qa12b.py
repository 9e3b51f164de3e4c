"""Figures: a table's cells stretched over rows or columns (`rowspan`, `colspan`) label the cells
they cover; a header of two rows keeps its lower row's year columns."""

from __future__ import annotations

import pytest

from claimcheck.model import Verdict
from tests.helpers.facts import verdict

# As trafilatura writes a table whose region cells span two rows each: the rows below are left
# with an empty first cell.
WARDS = (
    "Statistical release\n"
    "| Region | Ward | Admissions |\n"
    "|---|---|---|\n"
    "| Northland | Cardiology | 420 |\n"
    "|  | Oncology | 310 |\n"
    "| Southmere | Cardiology | 510 |\n"
    "|  | Oncology | 290 |\n"
    "| Total |  | 1,530 |\n"
)

# A header of two rows: "Region" spans both, "Population" the two year columns; the rule line
# comes after the first row only.
POPULATION = (
    "Statistical release\n"
    "| Region | Population |  |\n"
    "|---|---|---|\n"
    "|  | 2010 | 2020 |\n"
    "| Northland | 12,400 | 15,800 |\n"
    "| Southmere | 9,100 | 8,700 |\n"
)


@pytest.mark.parametrize(
    ("fact", "claim", "expected"),
    [
        # The row under a spanning cell is that group's record.
        ("290", "Oncology admissions in Northland reached 290 last year.", Verdict.MISMATCH),
        ("310", "Oncology admissions in Southmere reached 310 last year.", Verdict.MISMATCH),
        ("310", "Oncology admissions in Northland reached 310 last year.", Verdict.VERIFIED),
        ("290", "Oncology admissions in Southmere reached 290 last year.", Verdict.VERIFIED),
        # The row holding the spanning cell, as before.
        ("420", "Cardiology admissions in Southmere reached 420 last year.", Verdict.MISMATCH),
        ("510", "Cardiology admissions in Southmere reached 510 last year.", Verdict.VERIFIED),
    ],
)
def test_a_cell_spanning_rows_labels_the_rows_below(
    fact: str, claim: str, expected: Verdict
) -> None:
    assert verdict(fact, claim, WARDS) is expected


def test_an_empty_value_cell_is_not_carried_down() -> None:
    # "Total |  | 1,530": a colspan's empty cell after a label is not the value above it.
    assert verdict("510", "Total admissions reached 510 last year.", WARDS) is not Verdict.VERIFIED


@pytest.mark.parametrize(
    ("fact", "claim", "expected"),
    [
        ("12,400", "Northland's population was 12,400 in 2020.", Verdict.MISMATCH),
        ("8,700", "Southmere's population was 8,700 in 2010.", Verdict.MISMATCH),
        ("15,800", "Northland's population was 15,800 in 2020.", Verdict.VERIFIED),
        ("12,400", "Northland's population was 12,400 in 2010.", Verdict.VERIFIED),
        # The year heading the column of the claim's figure is stated there.
        ("2020", "Northland's population was 15,800 in 2020.", Verdict.VERIFIED),
    ],
)
def test_a_two_row_header_keeps_its_year_columns(fact: str, claim: str, expected: Verdict) -> None:
    assert verdict(fact, claim, POPULATION) is expected


def test_a_group_heading_carries_its_unit_across_the_columns_it_spans() -> None:
    page = (
        "| Department | Spending (£ million) |  |\n"
        "|---|---|---|\n"
        "|  | 2022 | 2023 |\n"
        "| Health | 4.5 | 4.9 |\n"
        "| Schools | 3.2 | 3.4 |\n"
    )
    claim = "Health spending was £4.9 million in 2023."
    assert verdict("£4.9 million", claim, page) is Verdict.VERIFIED
    assert verdict("£4.5 million", "Health spending was £4.5 million in 2023.", page) is (
        Verdict.MISMATCH
    )


def _captioned(caption: str, header: str = "Spending") -> str:
    return (
        f"| {caption} |  |\n|---|---|\n| Department | {header} |\n|---|---|\n"
        "| Health | 4.5 |\n| Education | 3.2 |\n"
    )


@pytest.mark.parametrize(
    ("fact", "claim", "page", "expected"),
    [
        (
            "£4.5 million",
            "Health spending was £4.5 million last year.",
            _captioned("Spending by department (£ million)"),
            Verdict.VERIFIED,
        ),
        (
            "£4.5m",
            "Health spending was £4.5m last year.",
            _captioned("Spending by department, £m"),
            Verdict.VERIFIED,
        ),
        (
            "£3.2 million",
            "Health spending was £3.2 million last year.",
            _captioned("Spending by department (£ million)"),
            Verdict.MISMATCH,
        ),
        # A column measuring something of its own does not take the caption's unit.
        (
            "£4.5 million",
            "Health spending was £4.5 million last year.",
            _captioned("Spending by department (£ million)", "Change (%)"),
            Verdict.NOT_FOUND,
        ),
    ],
)
def test_a_tables_caption_names_the_unit_of_its_bare_cells(
    fact: str, claim: str, page: str, expected: Verdict
) -> None:
    assert verdict(fact, claim, page) is expected


FARMS = "The survey found that {x} of the region's farms had lost access to irrigation water."
EVACUATED = "The agency said {x} were evacuated from the northern coast last winter."


@pytest.mark.parametrize(
    ("fact", "claim", "source", "expected"),
    [
        # The source's exact figure within the claim's bound, close to its figure.
        ("40%", FARMS.format(x="over 40%"), FARMS.format(x="41%"), Verdict.APPROXIMATE),
        ("40%", FARMS.format(x="nearly 40%"), FARMS.format(x="39%"), Verdict.APPROXIMATE),
        ("half", FARMS.format(x="more than half"), FARMS.format(x="56%"), Verdict.APPROXIMATE),
        ("half", FARMS.format(x="nearly half"), FARMS.format(x="46%"), Verdict.APPROXIMATE),
        (
            "10,000",
            EVACUATED.format(x="more than 10,000 people"),
            EVACUATED.format(x="10,200 people"),
            Verdict.APPROXIMATE,
        ),
        (
            "10,000",
            EVACUATED.format(x="nearly 10,000 people"),
            EVACUATED.format(x="9,800 people"),
            Verdict.APPROXIMATE,
        ),
        # The other side of the bound, or far past it.
        ("40%", FARMS.format(x="over 40%"), FARMS.format(x="39%"), Verdict.MISMATCH),
        ("40%", FARMS.format(x="nearly 40%"), FARMS.format(x="41%"), Verdict.MISMATCH),
        ("half", FARMS.format(x="more than half"), FARMS.format(x="46%"), Verdict.MISMATCH),
        ("40%", FARMS.format(x="over 40%"), FARMS.format(x="75%"), Verdict.MISMATCH),
        (
            "10,000",
            EVACUATED.format(x="more than 10,000 people"),
            EVACUATED.format(x="9,800 people"),
            Verdict.MISMATCH,
        ),
        # A bound against the source's other bound stays another statement.
        ("20%", FARMS.format(x="at least 20%"), FARMS.format(x="at most 20%"), Verdict.MISMATCH),
        ("20%", FARMS.format(x="at least 20%"), FARMS.format(x="at most 21%"), Verdict.MISMATCH),
    ],
)
def test_a_bounded_claim_the_sources_figure_satisfies_is_approximate(
    fact: str, claim: str, source: str, expected: Verdict
) -> None:
    assert verdict(fact, claim, source) is expected


@pytest.mark.parametrize(
    ("fact", "claim", "source", "expected"),
    [
        # The source gives the claim's value to another subject or year.
        (
            "5%",
            "Last year exports of wheat grew 5% and exports of barley grew 3%.",
            "Last year exports of wheat grew 3% and exports of barley grew 5%.",
            Verdict.MISMATCH,
        ),
        (
            "3%",
            "Last year exports of wheat grew 5% and exports of barley grew 3%.",
            "Last year exports of wheat grew 3% and exports of barley grew 5%.",
            Verdict.MISMATCH,
        ),
        (
            "5%",
            "Wheat exports grew 5% last year.",
            "Barley exports grew 5% last year, while wheat exports grew 3%.",
            Verdict.MISMATCH,
        ),
        (
            "$52,000",
            "Women earned $52,000 on average, the survey found.",
            "Men earned $52,000 on average and women $41,000, the survey found.",
            Verdict.MISMATCH,
        ),
        (
            "54%",
            "Turnout was 54% in 2019.",
            "Turnout was 61% in 2019 and 54% in 2023.",
            Verdict.MISMATCH,
        ),
        # A value of the claim's own subject or year is still verified.
        (
            "61%",
            "Turnout was 61% in 2019.",
            "Turnout was 61% in 2019 and 54% in 2023.",
            Verdict.VERIFIED,
        ),
        (
            "5%",
            "Wheat exports grew 5% last year.",
            "Wheat exports grew 5% last year, while barley exports grew 3%.",
            Verdict.VERIFIED,
        ),
        # A list names each count by the word after it, the sentence's subject before the first.
        (
            "4",
            "The city has 4 hospitals.",
            "The city has 12 schools, 4 hospitals and 30 parks.",
            Verdict.VERIFIED,
        ),
        # The source's subject is no other subject: no word of the claim's is missing from it
        # that another value's has.
        (
            "5%",
            "Wheat exports grew 5% last year.",
            "Exports grew 5% for wheat and 3% for barley last year.",
            Verdict.VERIFIED,
        ),
        (
            "$52,000",
            "Women earned $52,000 on average, the survey found.",
            "Women earned $52,000 on average and men $61,000, the survey found.",
            Verdict.VERIFIED,
        ),
    ],
)
def test_a_value_is_judged_by_the_subject_or_year_the_source_gives_it(
    fact: str, claim: str, source: str, expected: Verdict
) -> None:
    assert verdict(fact, claim, source) is expected


def test_another_wording_of_the_subject_is_no_swap() -> None:
    claim = "Unemployment fell to 5% last year."
    source = "The jobless rate fell to 5% last year, from 6% a year earlier."
    assert verdict("5%", claim, source) is not Verdict.MISMATCH


UNEMPLOYMENT = "Unemployment in the region rose to {x} last winter, the agency said."
EVACUEES = "The agency said {x} people were evacuated from the northern coast last winter."
SPENT = "The agency said {x} had been spent on flood defences last winter."


@pytest.mark.parametrize(
    ("fact", "claim", "source", "expected"),
    [
        # The claim's figure is the source's rounded to the claim's precision, on either side.
        ("10%", UNEMPLOYMENT.format(x="10%"), UNEMPLOYMENT.format(x="10.4%"), Verdict.APPROXIMATE),
        ("10%", UNEMPLOYMENT.format(x="10%"), UNEMPLOYMENT.format(x="9.8%"), Verdict.APPROXIMATE),
        (
            "1.5 million",
            EVACUEES.format(x="1.5 million"),
            EVACUEES.format(x="1.46 million"),
            Verdict.APPROXIMATE,
        ),
        (
            "1.5 million",
            EVACUEES.format(x="1.5 million"),
            EVACUEES.format(x="1.54 million"),
            Verdict.APPROXIMATE,
        ),
        (
            "$1.5 billion",
            SPENT.format(x="$1.5 billion"),
            SPENT.format(x="$1.46 billion"),
            Verdict.APPROXIMATE,
        ),
        # Rounded the wrong way, or past the claim's precision: another value.
        ("3.4%", UNEMPLOYMENT.format(x="3.4%"), UNEMPLOYMENT.format(x="3.46%"), Verdict.MISMATCH),
        ("10%", UNEMPLOYMENT.format(x="10%"), UNEMPLOYMENT.format(x="10.6%"), Verdict.MISMATCH),
        (
            "1.5 million",
            EVACUEES.format(x="1.5 million"),
            EVACUEES.format(x="1.56 million"),
            Verdict.MISMATCH,
        ),
        ("40%", UNEMPLOYMENT.format(x="40%"), UNEMPLOYMENT.format(x="41%"), Verdict.MISMATCH),
        # Rounding to the claim's precision, but too far off for the claim to round it.
        (
            "1 million",
            EVACUEES.format(x="1 million"),
            EVACUEES.format(x="1.4 million"),
            Verdict.MISMATCH,
        ),
    ],
)
def test_a_claim_rounding_its_source_to_its_own_precision_is_approximate(
    fact: str, claim: str, source: str, expected: Verdict
) -> None:
    assert verdict(fact, claim, source) is expected


SUPPORT = "Support for the ruling party {x} in the latest poll, the institute reported."


@pytest.mark.parametrize(
    ("fact", "claim", "source", "expected"),
    [
        # A change against the source's "from ... to ...": compared with that change.
        (
            "5 percentage points",
            SUPPORT.format(x="rose 5 percentage points"),
            SUPPORT.format(x="rose from 10% to 15%"),
            Verdict.APPROXIMATE,
        ),
        (
            "50%",
            SUPPORT.format(x="rose 50%"),
            SUPPORT.format(x="rose from 10% to 15%"),
            Verdict.APPROXIMATE,
        ),
        (
            "5 percentage points",
            SUPPORT.format(x="fell 5 percentage points to 30%"),
            SUPPORT.format(x="fell from 35% to 30%"),
            Verdict.APPROXIMATE,
        ),
        # Another change is not the start level's contradiction: not found, not a mismatch.
        (
            "7 percentage points",
            SUPPORT.format(x="rose 7 percentage points"),
            SUPPORT.format(x="rose from 10% to 15%"),
            Verdict.NOT_FOUND,
        ),
        (
            "5%",
            SUPPORT.format(x="rose 5%"),
            SUPPORT.format(x="rose from 10% to 15%"),
            Verdict.NOT_FOUND,
        ),
        # A change the other way, or a stated change, as before.
        (
            "5 percentage points",
            SUPPORT.format(x="rose 5 percentage points"),
            SUPPORT.format(x="fell from 15% to 10%"),
            Verdict.MISMATCH,
        ),
        (
            "5 percentage points",
            SUPPORT.format(x="rose 5 percentage points"),
            SUPPORT.format(x="rose 7 percentage points"),
            Verdict.MISMATCH,
        ),
        (
            "5%",
            SUPPORT.format(x="rose 5%"),
            SUPPORT.format(x="rose 5 percentage points"),
            Verdict.MISMATCH,
        ),
    ],
)
def test_a_change_against_the_sources_from_and_to_is_compared_with_that_change(
    fact: str, claim: str, source: str, expected: Verdict
) -> None:
    assert verdict(fact, claim, source) is expected
