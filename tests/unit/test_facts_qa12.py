"""Figures: dollars and rupees of other countries, mixed fractions, parts of a year and rates
shared among people keep what tells them apart, so a claim is not verified by another value."""

from __future__ import annotations

import pytest

from claimcheck.model import Verdict
from tests.helpers.facts import verdict

PLEDGE = "The government pledged {x} for the new rail link, officials said."
LINE = "The new line is {x} long, the agency said."
SALES = "Sales at the firm fell sharply in {x}, the company said."
PAY = "Subscribers pay {x} under the new plan, the regulator said."


def _check(fact: str, claim: str, source: str, template: str, expected: Verdict) -> None:
    sentence = template.format(x=claim)
    page = template.format(x=source) + "\n"
    assert verdict(fact, sentence, page) is expected


@pytest.mark.parametrize(
    "prefix", ["Mex$", "MX$", "NT$", "RD$", "J$", "TT$", "Z$", "EC$", "BZ$", "FJ$", "Can$", "Cdn$"]
)
def test_another_countrys_dollar_is_no_us_dollar(prefix: str) -> None:
    _check("$1.2bn", "$1.2bn", f"{prefix}1.2bn", PLEDGE, Verdict.MISMATCH)
    _check("US$1.2bn", "US$1.2bn", f"{prefix}1.2bn", PLEDGE, Verdict.MISMATCH)
    _check(f"{prefix}1.2bn", f"{prefix}1.2bn", f"{prefix}1.2bn", PLEDGE, Verdict.VERIFIED)


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("Can$1.2bn", "C$1.2bn", Verdict.VERIFIED),  # one currency, two spellings
        ("Cdn$1.2bn", "CA$1.2bn", Verdict.VERIFIED),
        ("$1.2bn", "US$1.2bn", Verdict.VERIFIED),
        ("$1.2bn", "A$1.2bn", Verdict.MISMATCH),
    ],
)
def test_dollar_spellings(claim: str, source: str, expected: Verdict) -> None:
    _check(claim, claim, source, PLEDGE, expected)


def test_a_dollar_of_no_known_country_is_not_read_as_a_us_dollar() -> None:
    _check("$1.2bn", "$1.2bn", "Bds$1.2bn", PLEDGE, Verdict.NOT_FOUND)


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("Rs 1.2 crore", "$12 million", Verdict.MISMATCH),
        ("Rs. 1.2 crore", "$12 million", Verdict.MISMATCH),
        ("Rs 12 lakh", "$1.2 million", Verdict.MISMATCH),
        ("Rs 12 million", "$12 million", Verdict.MISMATCH),
        ("Rs12m", "$12m", Verdict.MISMATCH),
        ("Rs 1.2 crore", "₹1.2 crore", Verdict.VERIFIED),
        ("Rs 1.2 crore", "1.2 crore rupees", Verdict.VERIFIED),
        ("₹12 million", "Rs. 1.2 crore", Verdict.VERIFIED),
    ],
)
def test_rupees_written_rs(claim: str, source: str, expected: Verdict) -> None:
    _check(claim, claim, source, PLEDGE, expected)


@pytest.mark.parametrize(
    ("fact", "claim", "source", "expected"),
    [
        ("3 1/2 kilometres", "3 1/2 kilometres", "3 kilometres", Verdict.MISMATCH),
        ("3.5 kilometres", "3.5 kilometres", "3 1/2 kilometres", Verdict.VERIFIED),
        ("3.5 kilometres", "3.5 kilometres", "3 ½ kilometres", Verdict.VERIFIED),
        ("3 ½ kilometres", "3 ½ kilometres", "3½ kilometres", Verdict.VERIFIED),
        ("3 kilometres", "3 kilometres", "3 1/2 kilometres", Verdict.MISMATCH),
        ("2 3/4 kilometres", "2 3/4 kilometres", "2.75 kilometres", Verdict.VERIFIED),
    ],
)
def test_mixed_fractions(fact: str, claim: str, source: str, expected: Verdict) -> None:
    _check(fact, claim, source, LINE, expected)


@pytest.mark.parametrize(
    ("fact", "claim", "source", "expected"),
    [
        ("Q3 2021", "Q3 2021", "Q2 2021", Verdict.MISMATCH),
        ("third quarter of 2021", "the third quarter of 2021", "the second quarter of 2021",
         Verdict.MISMATCH),
        ("Q3 2021", "Q3 2021", "the second quarter of 2021", Verdict.MISMATCH),
        ("Q3 2021", "Q3 2021", "the third quarter of 2021", Verdict.VERIFIED),
        ("second half of 2021", "the second half of 2021", "H1 2021", Verdict.MISMATCH),
        ("second half of 2021", "the second half of 2021", "H2 2021", Verdict.VERIFIED),
        ("autumn 2021", "autumn 2021", "spring 2021", Verdict.MISMATCH),
        ("autumn 2021", "autumn 2021", "fall 2021", Verdict.VERIFIED),
        ("early 2021", "early 2021", "late 2021", Verdict.MISMATCH),
        ("mid-2021", "mid-2021", "mid 2021", Verdict.VERIFIED),
        ("2021-05", "2021-05", "March 2021", Verdict.MISMATCH),
        ("2021-05", "2021-05", "May 2021", Verdict.VERIFIED),
        ("FY2021", "FY2021", "fiscal year 2021", Verdict.VERIFIED),
        ("FY21", "FY21", "FY2022", Verdict.MISMATCH),
        # A year says less than a part of it: the claim's year is stated, the claim's part is
        # only approximately.
        ("2021", "2021", "Q3 2021", Verdict.VERIFIED),
        ("Q3 2021", "Q3 2021", "2021", Verdict.APPROXIMATE),
        ("2021", "2021", "2021", Verdict.VERIFIED),
        ("March 2021", "March 2021", "May 2021", Verdict.MISMATCH),
    ],
)  # fmt: skip
def test_parts_of_a_year(fact: str, claim: str, source: str, expected: Verdict) -> None:
    _check(fact, claim, source, SALES, expected)


@pytest.mark.parametrize(
    ("fact", "claim", "source", "expected"),
    [
        ("£4.80 per household", "£4.80 per household", "£4.80 per head", Verdict.MISMATCH),
        ("£4.80 per head", "£4.80 per head", "£4.80 per household", Verdict.MISMATCH),
        ("$12,000 per household", "$12,000 per household", "$12,000 per capita", Verdict.MISMATCH),
        ("£4.80 per head", "£4.80 per head", "£4.80 a head", Verdict.VERIFIED),
        ("£4.80 per head", "£4.80 per head", "£4.80 per person", Verdict.VERIFIED),
        ("£4.80 per family", "£4.80 per family", "£4.80 per household", Verdict.VERIFIED),
        ("£4.80 per head", "£4.80 per head", "£4.80 per head per month", Verdict.VERIFIED),
        ("£4.80", "£4.80", "£4.80 per head", Verdict.VERIFIED),
        ("5 per 1,000", "5 per 1,000", "5 per 100,000", Verdict.MISMATCH),
        ("5 per 1,000", "5 per 1,000", "5 per 1,000 people", Verdict.VERIFIED),
        ("£4.80 a month", "£4.80 a month", "£4.80 a week", Verdict.MISMATCH),
        ("£4.80 a month", "£4.80 a month", "£4.80 per month", Verdict.VERIFIED),
    ],
)
def test_rates_per_person_and_household(
    fact: str, claim: str, source: str, expected: Verdict
) -> None:
    _check(fact, claim, source, PAY, expected)


def test_basis_points_attached() -> None:
    sentence = "The bank cut rates by 25bp last week."
    assert verdict("25bp", sentence, "The bank cut rates by 25 basis points.") is Verdict.VERIFIED
    assert verdict("25bp", sentence, "The bank cut rates by 50 basis points.") is Verdict.MISMATCH


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("fell 5% to 30%", "fell to 30%", Verdict.VERIFIED),
        ("fell 5 percentage points to 30%", "fell from 35% to 30%", Verdict.VERIFIED),
        ("rose 2 points to 30%", "rose to 30%", Verdict.VERIFIED),
        ("30%", "up to 30%", Verdict.APPROXIMATE),  # a bound stays a bound
        ("30%", "ranged from 25% to 30%", Verdict.APPROXIMATE),  # a range stays a range
    ],
)
def test_the_level_a_change_reaches_is_no_range(claim: str, source: str, expected: Verdict) -> None:
    sentence = f"Support for the party {claim} in the latest poll."
    page = f"Support for the party {source} in the latest poll.\n"
    assert verdict("30%", sentence, page) is expected


@pytest.mark.parametrize(
    ("claimed", "said", "expected"),
    [
        ("in Q3 2021", "in September 2021", Verdict.VERIFIED),
        ("in Q3 2021", "on 14 August 2021", Verdict.VERIFIED),
        ("in September 2021", "in Q3 2021", Verdict.APPROXIMATE),
        ("in the second half of 2021", "in Q3 2021", Verdict.VERIFIED),
        ("in Q3 2021", "in the second half of 2021", Verdict.APPROXIMATE),
        ("in the summer of 2021", "in Q3 2021", Verdict.APPROXIMATE),
        ("in Q3 2021", "in fiscal 2021", Verdict.APPROXIMATE),
        ("in Q3 2021", "in March 2021", Verdict.MISMATCH),
        ("in Q3 2021", "in Q2 2021", Verdict.MISMATCH),
        ("in Q3 2021", "in Q3 2022", Verdict.MISMATCH),
        ("in the autumn of 2021", "in the spring of 2021", Verdict.MISMATCH),
    ],
)
def test_a_month_inside_a_part_of_the_year_is_no_other_time(
    claimed: str, said: str, expected: Verdict
) -> None:
    claim = f"Sales at the plant peaked {claimed}, the company said."
    page = f"Sales at the plant peaked {said}, the company said.\n"
    fact = claimed.removeprefix("in ").removeprefix("the ")
    assert verdict(fact, claim, page) is expected
