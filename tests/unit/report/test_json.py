"""The JSON report: SPEC §9 shape, validated against the schema shipped in the package."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from claimcheck import __version__
from claimcheck.model import RunReport, Verdict
from claimcheck.report import ReportFormatChoice
from claimcheck.report.json import JsonFormat


def _schema(name: str) -> dict[str, Any]:
    text = resources.files("claimcheck.report").joinpath("schema", name).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        _schema("report-v1.json"), format_checker=jsonschema.FormatChecker()
    )


def _render(report: RunReport) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(ReportFormatChoice.JSON.to_format().render(report))
    return doc


def test_verify_report_validates(verify_report: RunReport) -> None:
    doc = _render(verify_report)
    _validator().validate(doc)
    assert doc["schema"] == "claimcheck/report/v1"
    assert doc["tool"] == {"name": "claimcheck", "version": __version__}
    assert doc["articles"] == [
        {"source": "stories/harbour.md", "title": "The harbour that rebuilt itself"}
    ]
    assert doc["summary"]["claims"] == 11
    assert doc["summary"]["links"] == 9
    assert doc["summary"]["failed"] == 3
    assert set(doc["summary"]["verdicts"]) == {v.value for v in Verdict}


def test_links_report_validates_with_zero_counts(links_report: RunReport) -> None:
    doc = _render(links_report)
    _validator().validate(doc)
    assert doc["command"] == "links"
    assert doc["claims"] == []
    assert doc["summary"]["verdicts"] == {v.value: 0 for v in Verdict}
    assert doc["summary"]["failed"] == 2


def test_mismatch_claim_snapshot(verify_report: RunReport) -> None:
    claim = next(c for c in _render(verify_report)["claims"] if c["verdict"] == "mismatch")
    assert claim == {
        "id": "fund-150-million",
        "article": "stories/harbour.md",
        "line": 18,
        "column": 1,
        "note": "3",
        "also_notes": [],
        "resolved_note": "2",
        "url": "https://news.example.com/harbour-reopens",
        "kind": "quote",
        "quote": "the fund now holds $150 million for the second phase",
        "sentence": "The mayor added that “the fund now holds $150 million for the second phase”.[3]",
        "origin": "article",
        "verdict": "mismatch",
        "score": 0.97,
        "via": "live",
        "archive_url": None,
        "archive_date": None,
        "tier": "approximate",
        "evidence": {
            "text": "the fund now holds $105 million for the second phase",
            "context": (
                "Harbour reopens. After two winters of works, the town council promised the ferry "
                "terminal will open in May, and the mayor said the fund now holds $105 million "
                "for the second phase."
            ),
            "matched_in": "main",
            "start": 127,
            "end": 179,
            "page": None,
            "pages": None,
        },
        "diff": [
            {
                "op": "equal",
                "quote": "the fund now holds",
                "source": "the fund now holds",
                "critical": False,
            },
            {"op": "replace", "quote": "$150", "source": "$105", "critical": True},
            {
                "op": "equal",
                "quote": "million for the second phase",
                "source": "million for the second phase",
                "critical": False,
            },
        ],
        "insertions": [],
        "detail": "",
        "change": None,
        "failed": True,
    }


def test_redirected_source_snapshot(verify_report: RunReport) -> None:
    source = next(s for s in _render(verify_report)["sources"] if s["status"] == "redirected")
    assert source == {
        "note": "2",
        "notes": ["2", "3"],
        "articles": ["stories/harbour.md"],
        "line": 16,
        "url": "https://news.example.com/harbour-reopens",
        "request_url": "https://news.example.com/harbour-reopens",
        "final_url": "https://news.example.com/2024/harbour-reopens",
        "status": "redirected",
        "http_status": 200,
        "content_type": "text/html; charset=utf-8",
        "redirects": [{"url": "https://news.example.com/harbour-reopens", "status": 301}],
        "archive_url": None,
        "archive_date": None,
        "via": "live",
        "from_cache": False,
        "fetched_at": "2025-05-01T09:30:02Z",
        "sha256": "ab" * 32,
        "error": None,
        "detail": "permanent redirect: update the URL",
        "soft_404_rule": None,
        "hint": None,
        "confirmed": True,
        "change": None,
        "failed": False,
    }


def test_fact_archive_and_insertions(verify_report: RunReport) -> None:
    claims = {c["id"]: c for c in _render(verify_report)["claims"]}
    grant = claims["grant-4-2-million"]
    assert (grant["kind"], grant["quote"], grant["fact"], grant["value"]) == (
        "fact", None, "€4.2 million", "EUR 4200000",
    )  # fmt: skip
    board = claims["board-approved"]
    assert board["via"] == "archive"
    assert board["archive_url"].startswith("https://web.archive.org/web/2023")
    assert board["evidence"]["page"] == 4
    assert board["insertions"] == [{"bracket": "[the board]", "stands_for": "the harbour board"}]
    assert claims["harbour-master"]["verdict"] == "no_source"
    assert claims["harbour-master"]["url"] is None


def test_evidence_offsets_point_into_the_context(verify_report: RunReport) -> None:
    evidence = [c["evidence"] for c in _render(verify_report)["claims"] if c["evidence"]]
    assert evidence  # the fixture report has matched claims: the loop below must run
    for ev in evidence:
        assert ev["context"][ev["start"] : ev["end"]] == ev["text"]


def test_schema_rejects_a_renamed_or_missing_field(verify_report: RunReport) -> None:
    doc = _render(verify_report)
    broken = json.loads(json.dumps(doc))
    del broken["summary"]["verdicts"]["error"]
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(broken)
    broken = json.loads(json.dumps(doc))
    broken["claims"][0]["verdict"] = "probably"
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(broken)
    broken = json.loads(json.dumps(doc))
    broken["sources"][0]["fetched_at"] = "yesterday"
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(broken)


def test_datetimes_are_utc_iso(verify_report: RunReport) -> None:
    import datetime as dt

    plus2 = dt.timezone(dt.timedelta(hours=2))
    report = dataclasses.replace(
        verify_report, started_at=dt.datetime(2025, 5, 1, 11, 30, tzinfo=plus2)
    )
    assert _render(report)["started_at"] == "2025-05-01T09:30:00Z"


def test_compact_output_is_one_line(verify_report: RunReport) -> None:
    out = JsonFormat(indent=None).render(verify_report)
    assert out.count("\n") == 1
    assert json.loads(out)["summary"]["claims"] == 11
