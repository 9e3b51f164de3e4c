"""`claimcheck claims` output (SPEC §10) and the stderr summary line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from claimcheck.model import Article, ClaimKind, RunReport
from claimcheck.report import ReportError, render_claims, summary_line
from tests.unit.report.factory import make_article


def _validator() -> jsonschema.Draft202012Validator:
    text = (
        resources.files("claimcheck.report").joinpath("schema", "claims-v1.json").read_text("utf-8")
    )
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _small() -> Article:
    article = make_article()
    return dataclasses.replace(
        article,
        notes=article.notes[:3],
        claims=(article.claims[1], article.claims[3], article.claims[-1]),
    )


def test_json_snapshot_and_schema() -> None:
    doc: dict[str, Any] = json.loads(render_claims([_small()], fmt="json", uncited=True))
    _validator().validate(doc)
    assert doc["schema"] == "claimcheck/claims/v1"
    (article,) = doc["articles"]
    assert article["notes"][1:] == [
        {
            "id": "2",
            "line": 42,
            "column": 1,
            "text": "“Harbour reopens,” Coast News, https://news.example.com/harbour-reopens.",
            "urls": ["https://news.example.com/harbour-reopens"],
            "resolved_note": None,
            "title": "Harbour reopens",
            "author": None,
            "accessed": "2024-06-01",
        },
        {
            "id": "3",
            "line": 44,
            "column": 1,
            "text": "Ibid.",
            "urls": [],
            "resolved_note": "2",
            "title": None,
            "author": None,
            "accessed": None,
        },
    ]
    assert article["claims"] == [
        {
            "id": "grant-4-2-million",
            "note": "1",
            "url": None,
            "line": 14,
            "column": 1,
            "kind": "fact",
            "fact": "€4.2 million",
            "value": "EUR 4200000",
            "sentence": "The regional fund granted €4.2 million.[1]",
            "origin": "article",
            "also_notes": [],
        },
        {
            "id": "fund-150-million",
            "note": "3",
            "url": None,
            "line": 18,
            "column": 1,
            "kind": "quote",
            "quote": "the fund now holds $150 million for the second phase",
            "sentence": "The mayor added that “the fund now holds $150 million for the second phase”.[3]",
            "origin": "article",
            "also_notes": [],
        },
        {
            "id": "floating-quay",
            "note": None,
            "url": "https://stats.example.gov/ferries",
            "line": 30,
            "column": 14,
            "kind": "term",
            "quote": "floating quay",
            "sentence": "The so-called “floating quay” is in the port statistics.",
            "origin": "article",
            "also_notes": [],
        },
    ]
    assert article["uncited"] == [
        {
            "line": 8,
            "column": 1,
            "sentence": "Nine in ten residents back the plan.",
            "reason": "figure",
        },
        {
            "line": 11,
            "column": 1,
            "sentence": "A fisher called it “the quiet miracle”.",
            "reason": "quote",
        },
    ]
    assert article["links"] == [
        {
            "url": "https://stats.example.gov/ferries",
            "line": 30,
            "column": 12,
            "text": "port statistics",
        }
    ]


def test_uncited_only_when_asked() -> None:
    doc = json.loads(render_claims([make_article()], fmt="json", uncited=False))
    _validator().validate(doc)
    assert "uncited" not in doc["articles"][0]


def test_schema_holds_facts_and_quotes_apart() -> None:
    doc = json.loads(render_claims([make_article()], fmt="json", uncited=False))
    fact = next(c for c in doc["articles"][0]["claims"] if c["kind"] == ClaimKind.FACT.value)
    fact["quote"] = "a fact has no quote"
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(doc)


EXPECTED_TEXT = """\
stories/harbour.md · The harbour that rebuilt itself

Notes
note   →   URLs                                               line   text
────────────────────────────────────────────────────────────────────────────────────────────────────
   1       https://example.org/council/minutes-2024             40   Harbour council, “Minutes,”
                                                                     2024,
                                                                     https://example.org/council/min
                                                                     utes-2024.
   2       https://news.example.com/harbour-reopens             42   “Harbour reopens,” Coast News,
                                                                     https://news.example.com/harbou
                                                                     r-reopens.
   3   2   (no URL)                                             44   Ibid.

Claims
id                   line   note   kind    quote or fact
────────────────────────────────────────────────────────────────────────────────────────────────────
grant-4-2-million    14:1      1   fact    €4.2 million = EUR 4200000
fund-150-million     18:1      3   quote   “the fund now holds $150 million for the second phase”
floating-quay       30:14   link   term    “floating quay”
                                           https://stats.example.gov/ferries

Uncited figures and quotations
line   reason   sentence
────────────────────────────────────────────────────────────────────────────────────────────────────
   8   figure   Nine in ten residents back the plan.
  11   quote    A fisher called it “the quiet miracle”.
3 notes, 3 claims, 2 uncited
"""


def test_text_snapshot() -> None:
    assert render_claims([_small()], fmt="text", uncited=True, width=100) == EXPECTED_TEXT


def test_a_long_claim_id_stays_on_one_line_in_a_narrow_table() -> None:
    # An id is copied into claims.toml and `--claims`: folding it mid-word breaks the copy.
    article = _small()
    long_id = "n19-harbour-council-continues-to-refit"
    claims = (dataclasses.replace(article.claims[1], id=long_id), *article.claims[1:])
    out = render_claims(
        [dataclasses.replace(article, claims=claims)], fmt="text", uncited=False, width=80
    )
    (row,) = [line for line in out.splitlines() if long_id[:10] in line]
    assert long_id in row


def test_text_for_several_articles_and_no_colour_by_default() -> None:
    second = dataclasses.replace(_small(), source="second.md", title=None)
    out = render_claims([_small(), second], fmt="text", uncited=False, width=80)
    assert "\nsecond.md\n" in out
    assert "Uncited" not in out
    assert "\x1b[" not in out


def test_unknown_format_is_a_report_error() -> None:
    with pytest.raises(ReportError, match="unknown format 'xml'"):
        render_claims([_small()], fmt="xml", uncited=False)


def test_summary_line(verify_report: RunReport) -> None:
    assert summary_line(verify_report).startswith(
        "11 claims: 4 verified, 1 approximate, 1 mismatch"
    )
    assert summary_line(verify_report).endswith("· 3.2 s")
    report = dataclasses.replace(verify_report, started_at=dt.datetime(2025, 1, 1), duration=0.05)
    assert summary_line(report).endswith("· 0.05 s")
