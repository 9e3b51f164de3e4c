"""The `markdown` format: summary table, then only what needs attention, safely escaped."""

from __future__ import annotations

import dataclasses
import re

from claimcheck.model import RunReport
from claimcheck.report import ReportFormatChoice
from claimcheck.report.markdown import MarkdownFormat, md_link, md_text
from tests.unit.report.conftest import strip_volatile
from tests.unit.report.factory import (
    make_claim_results,
    make_links_report,
    make_sources,
    make_verify_report,
)

EXPECTED_VERIFY = """\
## ❌ claimcheck verify: 1 failing

**stories/harbour.md** · fails on: mismatch, not\\_found, unreachable

| verdict | claims |
|---|---:|
| ✅ verified | 1 |
| ❌ mismatch | 1 |
| ⛔ blocked | 1 |
| **total** | **3** |

| link status | links |
|---|---:|
| ✅ ok | 1 |
| ↪️ redirected | 1 |
| ⛔ blocked | 1 |
| **total** | **3** |

### Claims needing attention

| verdict | where | claim | what the source says | source |
|---|---|---|---|---|
| ❌ **mismatch** | stories/harbour.md:18 · note 3 → 2 | “the fund now holds $150 million for the second phase” | …council promised the ferry terminal will open in May, and the mayor said **the fund now holds $105 million for the second phase**.<br>_changed: “$150” → “$105”_ | [live](<https://news.example.com/harbour-reopens>) |
| ⛔ blocked | stories/harbour.md:24 · note 6 | “a record summer for the bay” | _HTTP 403 after 2 retries_ | [live](<https://paywalled.example.com/story>) |

### Links needing attention

| status | URL | HTTP | cited in | detail | archived |
|---|---|---:|---|---|---|
| ↪️ redirected | [https://news.example.com/harbour-reopens](<https://news.example.com/harbour-reopens>) | 200 | note 2, note 3 (stories/harbour.md:16) | moved to [https://news.example.com/2024/harbour-reopens](<https://news.example.com/2024/harbour-reopens>); permanent redirect: update the URL | – |
| ⛔ blocked | [https://paywalled.example.com/story](<https://paywalled.example.com/story>) | 403 | note 6 (stories/harbour.md:24) | HTTP 403 after 2 retries (hint: the site refuses automated requests; try --user-agent) | – |

> paywalled.example.com refused 1 request: try --host-interval 2

<sub>claimcheck 0.1.0 · <dur></sub>
"""

EXPECTED_LINKS = """\
## ❌ claimcheck links: 1 failing

**stories/harbour.md** · fails on: dead, soft\\_404

| link status | links |
|---|---:|
| ✅ ok | 1 |
| ❌ dead | 1 |
| ⛔ blocked | 1 |
| **total** | **3** |

### Links needing attention

| status | URL | HTTP | cited in | detail | archived |
|---|---|---:|---|---|---|
| ❌ **dead** | [https://gone.example.net/board/report.pdf](<https://gone.example.net/board/report.pdf>) | 404 | note 4 (stories/harbour.md:20) | HTTP 404 | [archived 14 March 2023](<https://web.archive.org/web/20230314000000/https://gone.example.net/board/report.pdf>) |
| ⛔ blocked | [https://paywalled.example.com/story](<https://paywalled.example.com/story>) | 403 | note 6 (stories/harbour.md:24) | HTTP 403 after 2 retries (hint: the site refuses automated requests; try --user-agent) | – |

<sub>claimcheck 0.1.0 · <dur></sub>
"""


def test_verify_snapshot() -> None:
    results, sources = make_claim_results(), make_sources()
    report = make_verify_report(
        claims=(results[0], results[3], results[6]), sources=(sources[0], sources[1], sources[4])
    )
    assert strip_volatile(MarkdownFormat().render(report)) == EXPECTED_VERIFY


def test_links_snapshot() -> None:
    sources = make_sources()
    report = make_links_report(sources=(sources[0], sources[2], sources[4]))
    assert strip_volatile(ReportFormatChoice.MARKDOWN.to_format().render(report)) == EXPECTED_LINKS


def test_only_attention_is_listed(verify_report: RunReport) -> None:
    out = MarkdownFormat().render(verify_report)
    attention = out.split("### Claims needing attention", 1)[1].split(
        "### Links needing attention"
    )[0]
    assert "verified" not in attention
    for verdict in (
        "approximate",
        "mismatch",
        "not_found",
        "unreachable",
        "blocked",
        "no_source",
        "error",
    ):
        assert verdict in attention
    links = out.split("### Links needing attention", 1)[1]
    assert "minutes-2024" not in links and "stats.example.gov" not in links
    assert "dead" in links and "excluded" in links


def test_all_clear(verify_report: RunReport) -> None:
    report = dataclasses.replace(
        verify_report,
        claims=(make_claim_results()[0],),
        sources=(make_sources()[0],),
        hints=(),
    )
    out = strip_volatile(MarkdownFormat().render(report))
    assert out.startswith("## ✅ claimcheck verify: passed\n")
    assert "The claim is verified." in out and "The link is ok." in out
    assert "needing attention" not in out


def test_untrusted_text_is_escaped() -> None:
    assert md_text("a | b") == "a \\| b"
    assert md_text("[click](https://evil.example)") == "\\[click\\](https://evil.example)"
    assert md_text("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>"
    assert md_text("line\nbreak **bold**") == "line break \\*\\*bold\\*\\*"
    assert md_text("ask @octocat") == "ask @\u2060octocat"
    assert md_text("&amp;") == "&amp;amp;"


def test_links_only_for_http_and_with_safe_destinations() -> None:
    assert md_link("live", "javascript:alert(1)") == "javascript:alert(1)"
    assert md_link("live", "https://example.org/a b)c<d>") == (
        "[live](<https://example.org/a%20b%29c%3Cd%3E>)"
    )
    assert md_link("live", None) == ""


def test_hostile_quote_cannot_break_the_table(verify_report: RunReport) -> None:
    result = make_claim_results()[5]
    claim = dataclasses.replace(result.claim, quote="x | y\n| --- |\n<script>alert(1)</script>")
    report = dataclasses.replace(verify_report, claims=(dataclasses.replace(result, claim=claim),))
    out = MarkdownFormat().render(report)
    row = next(line for line in out.splitlines() if "not_found**" in line)
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # five cells, whatever the quote holds
    assert "<script>" not in out
