"""Counts of one read as English: "1 note, 1 claim", not "1 notes, 1 claims"."""

from __future__ import annotations

import dataclasses

from claimcheck.model import RunReport
from claimcheck.report import render_claims
from claimcheck.report.common import plural
from claimcheck.report.markdown import MarkdownFormat
from tests.unit.report.factory import make_article, make_claim_results, make_sources


def test_plural() -> None:
    assert plural(0, "claim") == "0 claims"
    assert plural(1, "claim") == "1 claim"
    assert plural(2, "note") == "2 notes"


def test_markdown_with_one_verified_claim_and_one_ok_link(verify_report: RunReport) -> None:
    report = dataclasses.replace(
        verify_report, claims=(make_claim_results()[0],), sources=(make_sources()[0],), hints=()
    )
    out = MarkdownFormat().render(report)
    assert "The claim is verified." in out and "The link is ok." in out
    assert "All 1" not in out


def test_markdown_with_several_still_says_all(verify_report: RunReport) -> None:
    results, sources = make_claim_results(), make_sources()
    report = dataclasses.replace(
        verify_report, claims=(results[0], results[0]), sources=(sources[0], sources[0]), hints=()
    )
    out = MarkdownFormat().render(report)
    assert "All 2 claims verified." in out and "All 2 links ok." in out


def test_links_markdown_with_one_ok_link(links_report: RunReport) -> None:
    out = MarkdownFormat().render(dataclasses.replace(links_report, sources=(make_sources()[0],)))
    assert "The link is ok." in out and "All 1" not in out


def test_claims_text_footer_counts_one_of_each() -> None:
    article = make_article()
    one = dataclasses.replace(article, notes=article.notes[:1], claims=article.claims[:1])
    out = render_claims([one], fmt="text", uncited=False, width=100)
    assert out.rstrip().endswith("1 note, 1 claim")
    none = dataclasses.replace(article, notes=(), claims=())
    assert render_claims([none], fmt="text", uncited=False).rstrip().endswith("0 notes, 0 claims")
