"""Shared report helpers: evidence spans, bracketed insertions, counts and the summary line."""

from __future__ import annotations

import dataclasses
import datetime as dt

from claimcheck.model import ClaimResult, DiffOp, Evidence, RunReport, Verdict
from claimcheck.report.common import (
    bracket_insertions,
    clip_context,
    format_duration,
    group_claims,
    iso_utc,
    split_evidence,
    status_counts,
    summary_text,
    verdict_counts,
)
from tests.unit.report.factory import make_claim_results, make_verify_report


def _result(quote: str, passage: str, diff: tuple[DiffOp, ...] | None = None) -> ClaimResult:
    base = make_claim_results()[0]
    claim = dataclasses.replace(base.claim, quote=quote)
    evidence = Evidence(text=passage, context=passage, matched_in="main", start=0, end=len(passage))
    return dataclasses.replace(base, claim=claim, evidence=evidence, diff=diff)


def test_split_evidence_picks_the_occurrence_nearest_the_middle() -> None:
    context = "the plan. Later the plan was approved. Much later the plan."
    evidence = Evidence(text="the plan", context=context, matched_in="main", start=0, end=0)
    before, match, after = split_evidence(evidence)
    assert (before, match, after) == (
        "the plan. Later ",
        "the plan",
        " was approved. Much later the plan.",
    )


def test_split_evidence_without_the_passage_in_context_shows_it_alone() -> None:
    evidence = Evidence(
        text="elsewhere", context="nothing here", matched_in="page", start=5, end=14
    )
    assert split_evidence(evidence) == ("", "elsewhere", "")


def test_clip_context_keeps_the_passage_and_cuts_the_far_ends() -> None:
    context = "a " * 200 + "THE PASSAGE" + " b" * 200
    evidence = Evidence(text="THE PASSAGE", context=context, matched_in="main", start=0, end=0)
    before, match, after = clip_context(evidence, 71)
    assert match == "THE PASSAGE"
    assert before.startswith("…") and before.endswith(" ")
    assert after.startswith(" ") and after.endswith("…")
    assert len(before) + len(match) + len(after) <= 71 + 4


def test_bracket_from_the_diff() -> None:
    result = _result(
        "[the council] agreed",
        "the town council agreed",
        diff=(
            DiffOp("replace", "[the council]", "the town council"),
            DiffOp("equal", "agreed", "agreed"),
        ),
    )
    assert [(i.bracket, i.stands_for) for i in bracket_insertions(result)] == [
        ("[the council]", "the town council")
    ]


def test_bracket_aligned_against_the_evidence_when_there_is_no_diff() -> None:
    result = _result(
        "In [that year] the [board] approved the plan",
        "In 2019 the harbour board approved the plan",
    )
    assert [(i.bracket, i.stands_for) for i in bracket_insertions(result)] == [
        ("[that year]", "2019"),
        ("[board]", "harbour board"),
    ]


def test_bracket_at_the_start_and_at_the_end() -> None:
    result = _result("[They] approved [it]", "The trustees approved the budget for 2025")
    assert [(i.bracket, i.stands_for) for i in bracket_insertions(result)] == [
        ("[They]", "The trustees"),
        ("[it]", "the budget for 2025"),
    ]


def test_bracketed_ellipsis_is_an_elision_not_an_insertion() -> None:
    result = _result("the plan [...] was approved", "the plan, after a long debate, was approved")
    assert bracket_insertions(result) == ()


def test_no_brackets_no_insertions() -> None:
    assert bracket_insertions(make_claim_results()[0]) == ()


def test_counts_hold_every_key_in_spec_order(verify_report: RunReport) -> None:
    verdicts = verdict_counts(verify_report)
    assert list(verdicts) == [v.value for v in Verdict]
    assert verdicts["verified"] == 4 and all(n == 1 for k, n in verdicts.items() if k != "verified")
    statuses = status_counts(verify_report)
    assert statuses == {
        "ok": 2, "redirected": 1, "dead": 1, "soft_404": 1,
        "blocked": 1, "timeout": 1, "error": 1, "excluded": 1,
    }  # fmt: skip


def test_summary_text(verify_report: RunReport, links_report: RunReport) -> None:
    assert summary_text(verify_report) == (
        "11 claims: 4 verified, 1 approximate, 1 mismatch, 1 not_found, 1 unreachable, "
        "1 blocked, 1 no_source, 1 error · 9 links: 2 ok, 1 redirected, 1 dead, 1 soft_404, "
        "1 blocked, 1 timeout, 1 error, 1 excluded · 3.2 s"
    )
    assert summary_text(links_report) == (
        "9 links: 2 ok, 1 redirected, 1 dead, 1 soft_404, 1 blocked, 1 timeout, 1 error, "
        "1 excluded · 0.84 s"
    )
    empty = dataclasses.replace(links_report, sources=(), duration=75.4, interrupted=True)
    assert summary_text(empty) == "0 links · 1 min 15 s · interrupted: partial report"


def test_format_duration_and_iso_utc() -> None:
    assert [format_duration(s) for s in (0.4219, 3.21, 59.94, 61.0)] == [
        "0.42 s", "3.2 s", "59.9 s", "1 min 01 s",
    ]  # fmt: skip
    plus3 = dt.timezone(dt.timedelta(hours=3))
    assert iso_utc(dt.datetime(2025, 5, 1, 12, 0, tzinfo=plus3)) == "2025-05-01T09:00:00Z"
    assert iso_utc(dt.datetime(2025, 5, 1, 9, 0)) == "2025-05-01T09:00:00Z"
    assert iso_utc(None) is None


def test_group_claims_by_note_in_line_order(verify_report: RunReport) -> None:
    labels = [g.label for g in group_claims(verify_report)]
    assert labels == [
        "note 1", "note 2", "note 3 → 2", "note 4", "note 5", "note 6",
        "note 7", "note 8", "note 9", "direct link",
    ]  # fmt: skip
    assert [r.claim.line for r in group_claims(verify_report)[0].results] == [12, 14]


def test_a_run_report_repr_is_a_short_summary() -> None:
    # asyncio formats the finished main task, and so this repr, when it restores the SIGINT
    # handler: it must not grow with the number of claims.
    base = make_verify_report()
    many = dataclasses.replace(base, claims=base.claims * 500, sources=base.sources * 500)
    text = repr(many)
    assert text == (
        f"RunReport(command='verify', articles={len(base.articles)}, "
        f"sources={len(base.sources) * 500}, claims={len(base.claims) * 500}, interrupted=False)"
    )
