"""The `text` format: snapshots at a pinned width, colour only when asked, no markup injection."""

from __future__ import annotations

import dataclasses

import pytest

from claimcheck.model import RunReport
from claimcheck.report import ReportFormatChoice
from claimcheck.report.console import ConsoleFormat
from tests.unit.report.conftest import strip_volatile
from tests.unit.report.factory import make_claim_results, make_links_report, make_sources

EXPECTED_VERIFY = """\
claimcheck verify · stories/harbour.md

Note 2 · https://news.example.com/harbour-reopens · redirected 200 ─────────────────────────────────
  ≈ approximate  line 16  quote  “[the council] promised the (long-delayed) ferry terminal will open
  in May”
    main: Harbour reopens. After two winters of works, »the town council promised the ferry terminal
    will open in May«, and the mayor said the fund now holds $105 million for the second phase.
    diff (quote → source): [-[the council]-]{+the town council+} promised the [-(long-delayed)-]
    ferry terminal will open in May
    [the council] stands for “the town council”
    detail: the quote adds a parenthetical the source lacks

Note 3 → 2 · https://news.example.com/harbour-reopens · redirected 200 ─────────────────────────────
  ✘ mismatch (fails)  line 18  quote  “the fund now holds $150 million for the second phase”
    main: Harbour reopens. After two winters of works, the town council promised the ferry terminal
    will open in May, and the mayor said »the fund now holds $105 million for the second phase«.
    diff (quote → source): the fund now holds [-$150-]{+$105+} million for the second phase
    critical: “$150” → “$105”

Note 4 · https://gone.example.net/board/report.pdf · dead 404 ──────────────────────────────────────
  ✔ verified  line 20  quote  “[the board] approved the plan unanimously”
    pdf, p. 4: Annual report of the harbour board. Section 4. At its June meeting »the harbour board
    approved the plan unanimously«, after a public consultation that drew 312 replies.
    [the board] stands for “the harbour board”
    checked against archived copy of 14 March 2023:
    https://web.archive.org/web/20230314000000/https://gone.example.net/board/report.pdf

Links needing attention
status       HTTP   URL                                      notes         detail
────────────────────────────────────────────────────────────────────────────────────────────────────
redirected    200   https://news.example.com/harbour-reope   2, 3          permanent redirect:
                    ns                                       line 16       update the URL
                    →
                    https://news.example.com/2024/harbour-
                    reopens
dead          404   https://gone.example.net/board/report.   4             HTTP 404
                    pdf                                      line 20       archived 14 March 2023:
                                                                           https://web.archive.org/w
                                                                           eb/20230314000000/https:/
                                                                           /gone.example.net/board/r
                                                                           eport.pdf

3 claims: 1 verified, 1 approximate, 1 mismatch · 3 links: 1 ok, 1 redirected, 1 dead · <dur>
hint: try --host-interval 2 for news.example.com
"""

EXPECTED_LINKS = """\
claimcheck links · stories/harbour.md

status     HTTP   URL                                       notes          detail
────────────────────────────────────────────────────────────────────────────────────────────────────
ok          200   https://example.org/council/minutes-202   1
                  4                                         line 12
dead ✘      404   https://gone.example.net/board/report.p   4              HTTP 404
                  df                                        line 20        archived 14 March 2023:
                                                                           https://web.archive.org/w
                                                                           eb/20230314000000/https:/
                                                                           /gone.example.net/board/r
                                                                           eport.pdf
excluded      –   http://intranet.local/wiki/ferry          10             private address (use
                                                            line 58        --allow-private)

3 links: 1 ok, 1 dead, 1 excluded · <dur>
"""


def _mini(verify_report: RunReport) -> RunReport:
    results = make_claim_results()
    sources = make_sources()
    return dataclasses.replace(
        verify_report,
        claims=(results[2], results[3], results[4]),
        sources=(sources[0], sources[1], sources[2]),
        hints=("try --host-interval 2 for news.example.com",),
    )


def test_verify_snapshot(verify_report: RunReport) -> None:
    out = ConsoleFormat(width=100).render(_mini(verify_report))
    assert strip_volatile(out) == EXPECTED_VERIFY


def test_links_snapshot() -> None:
    sources = make_sources()
    report = make_links_report(sources=(sources[0], sources[2], sources[7]))
    out = ReportFormatChoice.TEXT.to_format(width=100).render(report)
    assert strip_volatile(out) == EXPECTED_LINKS


def test_full_report_names_every_verdict_and_status(verify_report: RunReport) -> None:
    out = ConsoleFormat(width=120).render(verify_report)
    for word in ("✔ verified", "≈ approximate", "✘ mismatch", "✘ not_found", "⚠ unreachable",
                 "⊘ blocked", "– no_source", "! error"):  # fmt: skip
        assert word in out
    for status in ("soft_404", "blocked 403", "timeout", "error 200", "excluded"):
        assert status in out
    assert "Direct link · https://stats.example.gov/ferries · ok 200" in out
    assert "The new »floating quay« carried" in out
    assert out.rstrip().endswith(
        "hint: paywalled.example.com refused 1 request: try --host-interval 2"
    )


def test_width_is_honoured(verify_report: RunReport) -> None:
    for width in (60, 100, 140):
        out = ConsoleFormat(width=width).render(verify_report)
        assert max(len(line) for line in out.splitlines()) <= width


def test_no_colour_unless_asked(verify_report: RunReport, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" not in ConsoleFormat(color=False).render(verify_report)
    coloured = ConsoleFormat(color=True).render(verify_report)
    assert "\x1b[" in coloured
    # the mismatch verdict is bold red; the critical change is white on red
    assert "\x1b[1;31m✘ mismatch" in coloured


def test_no_colour_environment_wins(
    verify_report: RunReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = ConsoleFormat(color=True).render(verify_report)
    assert "\x1b[31m" not in out and "\x1b[1;31m" not in out


def test_article_text_is_never_read_as_markup(verify_report: RunReport) -> None:
    result = make_claim_results()[5]
    claim = dataclasses.replace(
        result.claim, quote="[bold red]shouting[/bold red] [link=x]y[/link]"
    )
    report = dataclasses.replace(verify_report, claims=(dataclasses.replace(result, claim=claim),))
    out = ConsoleFormat(width=120).render(report)
    assert "“[bold red]shouting[/bold red] [link=x]y[/link]”" in out
