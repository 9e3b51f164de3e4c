"""Every format shows each claim's and link's state against the lock file (drift, new, changed,
recovered), marks as failing exactly what the exit code counted, and dates archived copies
(QA 6 #1 and #13)."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from importlib import resources
from typing import Any

import jsonschema
import pytest

from claimcheck.model import RunReport, Verdict
from claimcheck.report import ReportFormatChoice
from claimcheck.report.common import claim_fails, failed_count, source_fails
from claimcheck.verify import failing
from tests.unit.report.factory import make_claim_results, make_sources, make_verify_report

ARCHIVED = "https://web.archive.org/web/20230314000000/https://gone.example.net/board/report.pdf"


def lock_report() -> RunReport:
    """`verify --fail-on new` against a lock: one drift, one changed, one recovered, one known
    failure (no change, so it does not fail), and a link that recovered."""
    results, sources = make_claim_results(), make_sources()
    drift = dataclasses.replace(results[3], change="drift")  # mismatch, was verified
    changed = dataclasses.replace(results[0], change="changed")
    recovered = dataclasses.replace(results[1], change="recovered")
    known = results[5]  # not_found, already in the lock
    archived = results[4]  # verified from an archived copy of 14 March 2023
    back = dataclasses.replace(sources[0], change="recovered")
    return make_verify_report(
        claims=(changed, recovered, drift, archived, known),
        sources=(back, sources[1], sources[2], sources[3]),
        fail_on=frozenset({"new"}),
        lock="claimcheck.lock",
    )


def render(report: RunReport, fmt: str) -> str:
    return ReportFormatChoice(fmt).to_format(width=120).render(report)


def test_failed_agrees_with_the_exit_code() -> None:
    report = lock_report()
    assert [line.split(":")[0] for line in failing(report)] == ["fund-150-million"]
    assert [c.claim.id for c in report.claims if claim_fails(c, report)] == ["fund-150-million"]
    assert not any(source_fails(s, report) for s in report.sources)
    assert failed_count(report) == 1


def test_json_carries_change_failed_lock_and_archive_date() -> None:
    doc = json.loads(render(lock_report(), "json"))
    text = resources.files("claimcheck.report").joinpath("schema", "report-v1.json").read_text()
    jsonschema.Draft202012Validator(
        json.loads(text), format_checker=jsonschema.FormatChecker()
    ).validate(doc)
    claims = {c["id"]: c for c in doc["claims"]}
    assert claims["fund-150-million"]["change"] == "drift"
    assert claims["fund-150-million"]["failed"] is True
    assert claims["ferry-ran-on-time"]["failed"] is False  # known since the lock
    assert claims["one-harbour-two-towns"]["change"] == "changed"
    assert claims["grant-4-2-million"]["change"] == "recovered"
    assert claims["board-approved"]["archive_url"] == ARCHIVED
    assert claims["board-approved"]["archive_date"] == "2023-03-14T00:00:00Z"
    assert doc["summary"]["failed"] == 1
    assert doc["summary"]["changes"] == {
        "drift": 1,
        "new": 0,
        "changed": 1,
        "recovered": 2,
        "unconfirmed": 0,
    }
    assert doc["lock"] == "claimcheck.lock"
    sources = {s["url"]: s for s in doc["sources"]}
    assert sources["https://example.org/council/minutes-2024"]["change"] == "recovered"
    assert sources["https://gone.example.net/board/report.pdf"]["archive_date"] == (
        "2023-03-14T00:00:00Z"
    )
    assert all(s["confirmed"] is True for s in doc["sources"])


def test_json_without_a_lock() -> None:
    doc = json.loads(render(make_verify_report(), "json"))
    assert doc["lock"] is None
    assert doc["summary"]["changes"] == {
        "drift": 0,
        "new": 0,
        "changed": 0,
        "recovered": 0,
        "unconfirmed": 0,
    }
    assert all(c["change"] is None for c in doc["claims"])


def test_text_labels_each_change() -> None:
    out = render(lock_report(), "text")
    assert "✘ mismatch [drift] (fails)" in out
    assert "✘ not_found  line" in out  # a known failure neither changes nor fails
    assert "✔ verified [changed]" in out
    assert "✔ verified [recovered]" in out
    flat = " ".join(out.split())
    assert "since claimcheck.lock: 1 drift, 1 changed, 2 recovered" in flat
    assert "checked against archived copy of 14 March 2023" in flat


def test_markdown_says_failing_and_lists_the_changes() -> None:
    out = render(lock_report(), "markdown")
    assert out.splitlines()[0] == "## ❌ claimcheck verify: 1 failing"
    assert "Compared with `claimcheck.lock`: 1 drift, 1 changed, 2 recovered." in out
    since = out.split("### Since the lock", 1)[1].split("###", 1)[0]
    rows = [line for line in since.splitlines() if line.startswith("| ")][1:]
    assert [row.split("|")[1].strip() for row in rows] == [
        "📉 drift",
        "✏️ changed",
        "📈 recovered",
        "📈 recovered",
    ]
    assert "❌ **mismatch**" in rows[0]
    assert "❌ **mismatch** · 📉 drift" in out.split("### Claims needing attention", 1)[1]
    assert "[archived 14 March 2023](<" + ARCHIVED + ">)" in out


def test_markdown_passes_when_nothing_got_worse() -> None:
    report = lock_report()
    quiet = dataclasses.replace(
        report, claims=tuple(dataclasses.replace(c, change=None) for c in report.claims)
    )
    out = render(quiet, "markdown")
    assert out.splitlines()[0] == "## ✅ claimcheck verify: passed"
    assert "Compared with `claimcheck.lock`: 1 recovered." in out


def test_github_errors_on_drift_and_notes_other_changes() -> None:
    lines = render(lock_report(), "github").splitlines()
    errors = [line for line in lines if line.startswith("::error")]
    assert len(errors) == 1
    assert "title=claimcheck%3A mismatch%2C drift since the lock (note 3 → 2)" in errors[0]
    notices = [line for line in lines if line.startswith("::notice") and "since the lock" in line]
    assert len(notices) == 3  # changed, recovered, and the recovered link
    assert not any("not_found" in line and line.startswith("::error") for line in lines)


def test_junit_fails_only_the_drift() -> None:
    root = ET.fromstring(render(lock_report(), "junit").encode())
    failures = root.findall(".//failure")
    assert len(failures) == 1
    assert failures[0].get("message", "").startswith("mismatch (drift since the lock)")
    assert "since the lock: drift" in (failures[0].text or "")
    assert root.get("failures") == "1"


def test_html_badges_each_change() -> None:
    out = render(lock_report(), "html")
    assert '<span class="change c-drift"' in out
    assert '<span class="change c-changed"' in out
    assert out.count('<span class="fails">fails</span>') == 1
    assert "archived copy (14 March 2023)" in out
    assert "since claimcheck.lock: 1 drift, 1 changed, 2 recovered" in out


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "junit", "github", "html"])
def test_every_format_names_the_drift(fmt: str) -> None:
    assert "drift" in render(lock_report(), fmt)


def test_an_unconfirmed_link_is_labelled_and_fails_nothing() -> None:
    results, sources = make_claim_results(), make_sources()
    waiting = dataclasses.replace(sources[2], confirmed=False)
    report = make_verify_report(
        claims=(results[4],),
        sources=(waiting,),
        fail_on=frozenset({"dead", "unreachable"}),
        lock="claimcheck.lock",
    )
    assert failing(report) == []
    doc: dict[str, Any] = json.loads(render(report, "json"))
    assert doc["sources"][0]["confirmed"] is False
    assert doc["sources"][0]["failed"] is False
    assert "[unconfirmed]" in render(report, "text")


def unconfirmed_report() -> RunReport:
    """`verify --fail-on new --confirm-dead 3/2d`: a source died after the lock and awaits
    confirmation; its claim was not read (QA 6b #14)."""
    results, sources = make_claim_results(), make_sources()
    waiting = dataclasses.replace(sources[2], confirmed=False)
    claim = dataclasses.replace(
        results[4],
        verdict=Verdict.UNREACHABLE,
        via="live",
        archive_url=None,
        evidence=None,
        tier=None,
        change="unconfirmed",
    )
    return make_verify_report(
        claims=(claim,),
        sources=(waiting,),
        fail_on=frozenset({"new"}),
        lock="claimcheck.lock",
    )


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "junit", "github", "html"])
def test_an_unconfirmed_claim_is_labelled_so_and_not_failing(fmt: str) -> None:
    report = unconfirmed_report()
    assert failing(report) == []
    out = render(report, fmt)
    assert "unconfirmed" in out
    assert "new since the lock" not in out
    assert "unconfirmed since the lock" not in out
    if fmt == "markdown":  # its legend explains every label
        assert "⏳ unconfirmed" in out.split("### Since the lock", 1)[1]
        assert "🆕" not in out
    else:
        assert "failing, and not failing at the lock" not in out


def test_the_summary_counts_the_unconfirmed() -> None:
    # QA 6b #6: a link that went from ok to dead is not "no change".
    report = unconfirmed_report()
    flat = " ".join(render(report, "text").split())
    assert "since claimcheck.lock: 2 unconfirmed" in flat
    assert "Compared with `claimcheck.lock`: 2 unconfirmed." in render(report, "markdown")
    doc = json.loads(render(report, "json"))
    assert doc["summary"]["changes"]["unconfirmed"] == 2
    assert doc["claims"][0]["change"] == "unconfirmed"


def test_junit_of_verify_counts_a_failing_link() -> None:
    # QA 6b #7: a link newly confirmed dead whose claim was still read from an archived copy.
    results, sources = make_claim_results(), make_sources()
    died = dataclasses.replace(sources[2], change="new")
    report = make_verify_report(
        claims=(results[4],), sources=(died,), fail_on=frozenset({"new"}), lock="claimcheck.lock"
    )
    assert failing(report) != []
    root = ET.fromstring(render(report, "junit").encode())
    assert root.get("failures") == "1"
    (failure,) = root.findall(".//failure")
    assert failure.get("type") == "dead"
    cases = root.findall(".//testcase")
    assert [c.get("name", "").split(" ")[0] for c in cases] == ["line", "link"]
    # Links that fail nothing get no testcase in verify: its testcases are the claims.
    quiet = make_verify_report(claims=(results[4],), sources=make_sources(), fail_on=frozenset())
    assert len(ET.fromstring(render(quiet, "junit").encode()).findall(".//testcase")) == 1
