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
