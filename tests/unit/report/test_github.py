"""The `github` format: workflow commands on the article's lines, escaped as the toolkit does."""

from __future__ import annotations

import dataclasses

from claimcheck.model import RunReport
from claimcheck.report import ReportFormatChoice
from claimcheck.report.github import GitHubFormat, escape_data, escape_property, workflow_command
from tests.unit.report.conftest import strip_volatile
from tests.unit.report.factory import (
    make_claim_results,
    make_links_report,
    make_sources,
    make_verify_report,
)

EXPECTED_VERIFY = """\
::error file=stories/harbour.md,line=18,title=claimcheck%3A mismatch (note 3 → 2)::quote “the fund now holds $150 million for the second phase”%0Achanged: “$150” → “$105”%0Asource says: “the fund now holds $105 million for the second phase”%0Asource: https://news.example.com/harbour-reopens
::warning file=stories/harbour.md,line=24,title=claimcheck%3A blocked (note 6)::quote “a record summer for the bay”%0AHTTP 403 after 2 retries%0Asource: https://paywalled.example.com/story
::warning file=stories/harbour.md,line=16,title=claimcheck%3A link redirected (note 2%2C 3)::https://news.example.com/harbour-reopens → HTTP 200%0Amoved to https://news.example.com/2024/harbour-reopens%0Apermanent redirect: update the URL
::notice title=claimcheck verify::3 claims: 1 verified, 1 mismatch, 1 blocked · 3 links: 1 ok, 1 redirected, 1 blocked · <dur>
"""

EXPECTED_LINKS = """\
::error file=stories/harbour.md,line=20,title=claimcheck%3A link dead (note 4)::https://gone.example.net/board/report.pdf → HTTP 404%0AHTTP 404%0Aarchived 14 March 2023: https://web.archive.org/web/20230314000000/https://gone.example.net/board/report.pdf
::warning file=stories/harbour.md,line=16,title=claimcheck%3A link redirected (note 2%2C 3)::https://news.example.com/harbour-reopens → HTTP 200%0Amoved to https://news.example.com/2024/harbour-reopens%0Apermanent redirect: update the URL
::notice title=claimcheck links::4 links: 1 ok, 1 redirected, 1 dead, 1 excluded · <dur>
"""


def test_verify_snapshot() -> None:
    results, sources = make_claim_results(), make_sources()
    report = make_verify_report(
        claims=(results[0], results[3], results[6]), sources=(sources[0], sources[1], sources[4])
    )
    assert strip_volatile(GitHubFormat().render(report)) == EXPECTED_VERIFY


def test_links_snapshot() -> None:
    sources = make_sources()
    report = make_links_report(sources=(sources[0], sources[1], sources[2], sources[7]))
    assert strip_volatile(ReportFormatChoice.GITHUB.to_format().render(report)) == EXPECTED_LINKS


def test_errors_come_first_and_quiet_outcomes_make_no_annotation(verify_report: RunReport) -> None:
    lines = GitHubFormat().render(verify_report).splitlines()
    levels = [line.split(" ", 1)[0] for line in lines]
    assert levels == ["::error"] * 3 + ["::warning"] * 4 + ["::notice"]
    assert [line.split("line=")[1].split(",")[0] for line in lines[:3]] == ["18", "22", "28"]
    assert not any("verified" in line or "no_source" in line for line in lines[:-1])


def test_escaping_follows_the_toolkit() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = workflow_command("error", "x\n::warning::y", file="dir,1/a:b.md", line=3, title="t, u")
    assert line == "::error file=dir%2C1/a%3Ab.md,line=3,title=t%2C u::x%0A::warning::y"
    assert len(line.splitlines()) == 1


def test_a_hostile_quote_cannot_start_a_command_of_its_own(verify_report: RunReport) -> None:
    result = make_claim_results()[5]
    claim = dataclasses.replace(result.claim, quote="ok\n::add-mask::secret\r\n::error::fake")
    report = dataclasses.replace(verify_report, claims=(dataclasses.replace(result, claim=claim),))
    out = GitHubFormat().render(report)
    assert all(
        line.startswith(("::error file=", "::warning file=", "::notice title="))
        for line in out.splitlines()
    )


def test_no_file_for_stdin_or_url_articles(verify_report: RunReport) -> None:
    result = make_claim_results()[3]
    for article in ("-", "https://example.org/story"):
        claim = dataclasses.replace(result.claim, article=article)
        report = dataclasses.replace(
            verify_report, claims=(dataclasses.replace(result, claim=claim),), sources=()
        )
        first = GitHubFormat().render(report).splitlines()[0]
        assert first.startswith("::error title=claimcheck%3A mismatch")
