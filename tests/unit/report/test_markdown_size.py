"""The `markdown` report stays within what GitHub takes: an issue body or comment (65,536
characters) and a job summary (1 MiB). A bigger report keeps its summary and its most important
rows, whole, and says how many it left out and where to find them."""

from __future__ import annotations

import dataclasses
import re

from claimcheck.model import ClaimResult, LinkStatus, RunReport, Verdict
from claimcheck.report.markdown import MAX_BYTES, MarkdownFormat
from tests.unit.report.factory import make_claim_results, make_verify_report

GITHUB_COMMENT_CHARS = 65_536
GITHUB_SUMMARY_BYTES = 1024 * 1024


def _copies(base: ClaimResult, n: int, *, prefix: str, first_line: int) -> list[ClaimResult]:
    out = []
    for i in range(n):
        claim = dataclasses.replace(
            base.claim,
            id=f"{prefix}{i}",
            line=first_line + i,
            quote=f"the fund now holds ${150 + i} million for the second phase — ünïcödé ✓ {i}",
        )
        out.append(dataclasses.replace(base, claim=claim))
    return out


def _big_report(failing: int, approximate: int) -> RunReport:
    results = make_claim_results()
    mismatch = next(r for r in results if r.verdict is Verdict.MISMATCH)
    approx = next(r for r in results if r.verdict is Verdict.APPROXIMATE)
    verified = [r for r in results if r.verdict is Verdict.VERIFIED]
    # The non-failing claims come first in the article: rank, not order, decides what is kept.
    claims = (
        *_copies(approx, approximate, prefix="a", first_line=1000),
        *_copies(mismatch, failing, prefix="m", first_line=5000),
        *verified,
    )
    # Dead links fail this run too: they must be kept before the failing claims.
    return make_verify_report(
        claims=claims, fail_on=frozenset({"mismatch", "not_found", "unreachable", "dead"})
    )


def _table_rows(text: str, heading: str) -> list[str]:
    section = text.split(heading, 1)[1].split("\n### ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][
        1:
    ]


def test_a_small_report_is_not_shortened() -> None:
    text = MarkdownFormat().render(make_verify_report())
    assert "shortened" not in text and "more, not shown" not in text


def test_three_thousand_failing_claims_fit_a_comment_and_a_summary() -> None:
    report = _big_report(failing=3000, approximate=500)
    text = MarkdownFormat().render(report)
    size = len(text.encode("utf-8"))
    assert size <= MAX_BYTES < GITHUB_SUMMARY_BYTES
    assert len(text) <= GITHUB_COMMENT_CHARS
    assert text.endswith("</sub>\n")  # the footer is kept

    # The summary counts everything, shown or not.
    assert "| ❌ mismatch | 3000 |" in text and "| 🟡 approximate | 500 |" in text

    # Whole rows only, each with its five cells, failing ones first.
    rows = _table_rows(text, "### Claims needing attention")
    assert 20 < len(rows) < 3000
    for row in rows:
        assert row.endswith(" |") and row.count(" | ") >= 4, row
        assert "**mismatch**" in row, row
    # In report order: the first failing claims of the article.
    assert [re.search(r":(\d+) ·", r)[1] for r in rows[:2]] == ["5000", "5001"]  # type: ignore[index]

    # It says plainly what it left out, and where the rest is.
    left = 3000 - len(rows)
    assert "> This report is shortened to stay under 60 KB" in text
    assert f"{left + 500:,} claims needing attention ({left:,} failing) are not shown" in text
    assert (
        f"_…and {left + 500:,} more claims needing attention ({left:,} failing), not shown" in text
    )
    assert "`--format html` or `--format json` for the full report" in text

    # The failing link is kept: it may be many claims' source; the others are counted.
    links = _table_rows(text, "### Links needing attention")
    dead = [s for s in report.sources if s.fetch.status is LinkStatus.DEAD]
    assert len(dead) == 1 and len(links) == 1 and "❌ **dead**" in links[0]
    problems = sum(s.fetch.status not in (LinkStatus.OK,) for s in report.sources)
    assert f"_…and {problems - 1:,} more links needing attention, not shown" in text
    assert "\n\n\n" not in text


def test_a_shortened_report_uses_its_budget() -> None:
    """Not shortened more than needed: the rows left out would not have fitted."""
    report = _big_report(failing=400, approximate=0)
    text = MarkdownFormat().render(report)
    rows = _table_rows(text, "### Claims needing attention")
    assert len(rows) < 400
    assert len(text.encode("utf-8")) > MAX_BYTES - 2 * max(len(r.encode()) for r in rows)


def test_ten_thousand_claims_stay_under_the_limit() -> None:
    text = MarkdownFormat().render(_big_report(failing=10_000, approximate=0))
    assert len(text.encode("utf-8")) <= MAX_BYTES
    # Never cut inside a row, nor so a character is lost: whole rows, the footer kept.
    assert "\ufffd" not in text and text.endswith("</sub>\n")
    rows = _table_rows(text, "### Claims needing attention")
    assert rows and all(row.endswith(" |") and row.count(" | ") >= 4 for row in rows)
