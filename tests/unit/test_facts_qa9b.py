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
