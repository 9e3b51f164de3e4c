"""Evidence that runs across a PDF page break names both pages in every report."""

from __future__ import annotations

from claimcheck.model import Evidence
from claimcheck.report.common import where_found
from claimcheck.report.json import _evidence


def test_a_passage_across_a_page_break_names_its_pages() -> None:
    across = Evidence("a b", "x a b y", "pdf", 2, 5, page=1, pages=(1, 2))
    assert where_found(across) == "pdf, pp. 1\u20132"
    assert _evidence(across) is not None and _evidence(across)["pages"] == [1, 2]
    one = Evidence("a b", "x a b y", "pdf", 2, 5, page=3)
    assert where_found(one) == "pdf, p. 3"
    assert _evidence(one) is not None and _evidence(one)["pages"] is None
    assert where_found(Evidence("a", "a", "main", 0, 1)) == "main"
