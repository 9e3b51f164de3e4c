"""The JSON report, schema `claimcheck/report/v1` (SPEC §9).

The schema ships as `claimcheck/report/schema/report-v1.json`. Fields may be added in v1; none is
renamed or removed without a new schema version. Every verdict and every link status appears in
`summary` with its count, zeros included, so a consumer never has to guess a missing key.

Against a lock file (`lock` names it), each claim and link carries its `change` since the lock
(`drift`, `new`, `changed`, `recovered`, `unconfirmed` for a claim, or `null`) and `summary.changes`
counts them (with the links awaiting `--confirm-dead` as `unconfirmed`); `failed`
(per item, and counted in `summary.failed`) is what `--fail-on` decided, so it agrees with the
exit code. A claim or source read from an archived copy gives the capture's `archive_date`.
"""

from __future__ import annotations

import logging
from typing import Any

from claimcheck import __version__
from claimcheck.model import (
    ClaimKind,
    ClaimResult,
    DiffOp,
    Evidence,
    RunReport,
    SourceReport,
)
from claimcheck.report.common import (
    archive_date,
    bracket_insertions,
    change_counts,
    claim_fails,
    failed_count,
    iso_utc,
    json_dumps,
    source_fails,
    status_counts,
    verdict_counts,
)
from claimcheck.report.interface import ReportFormat

logger = logging.getLogger(__name__)

SCHEMA = "claimcheck/report/v1"


class JsonFormat(ReportFormat):
    """Machine-readable: everything the run found, in SPEC §9's shape."""

    def __init__(self, *, indent: int | None = 2) -> None:
        self.indent = indent

    def render(self, report: RunReport) -> str:
        return json_dumps(report_to_dict(report), indent=self.indent) + "\n"


def report_to_dict(report: RunReport) -> dict[str, Any]:
    """The SPEC §9 document as plain Python values."""
    verdicts = verdict_counts(report)
    statuses = status_counts(report)
    return {
        "schema": SCHEMA,
        "tool": {"name": "claimcheck", "version": __version__},
        "command": report.command,
        "started_at": iso_utc(report.started_at),
        "duration": round(report.duration, 3),
        "fail_on": sorted(report.fail_on),
        "interrupted": report.interrupted,
        "lock": report.lock,
        "articles": [{"source": a.source, "title": a.title} for a in report.articles],
        "summary": {
            "claims": len(report.claims),
            "verdicts": verdicts,
            "links": len(report.sources),
            "statuses": statuses,
            "failed": failed_count(report),
            "changes": change_counts(report),
        },
        "sources": [_source(s, report) for s in report.sources],
        "claims": [_claim(r, report) for r in report.claims],
        "hints": list(report.hints),
    }


def _source(source: SourceReport, report: RunReport) -> dict[str, Any]:
    fetch = source.fetch
    return {
        "note": source.notes[0] if source.notes else None,
        "notes": list(source.notes),
        "articles": list(source.articles),
        "line": source.line,
        "url": fetch.url,
        "request_url": fetch.request_url or fetch.url,
        "final_url": fetch.final_url,
        "status": fetch.status.value,
        "http_status": fetch.http_status,
        "content_type": fetch.content_type,
        "redirects": [{"url": r.url, "status": r.status} for r in fetch.redirects],
        "archive_url": fetch.archive_url,
        "archive_date": iso_utc(archive_date(fetch.archive_url)),
        "via": fetch.via,
        "from_cache": fetch.from_cache,
        "fetched_at": iso_utc(fetch.fetched_at),
        "sha256": fetch.sha256,
        "error": fetch.error,
        "detail": fetch.detail,
        "soft_404_rule": source.soft_404_rule,
        "hint": source.hint,
        "confirmed": source.confirmed,
        "change": source.change,
        "failed": source_fails(source, report),
    }


def _claim(result: ClaimResult, report: RunReport) -> dict[str, Any]:
    claim = result.claim
    out: dict[str, Any] = {
        "id": claim.id,
        "article": claim.article,
        "line": claim.line,
        "column": claim.column,
        "note": claim.note,
        "also_notes": list(claim.also_notes),
        "resolved_note": result.resolved_note,
        "url": result.url,
        "kind": claim.kind.value,
        "quote": claim.quote if claim.kind is not ClaimKind.FACT else None,
        "sentence": claim.sentence,
        "origin": claim.origin,
        "verdict": result.verdict.value,
        "score": round(result.score, 4),
        "via": result.via,
        "archive_url": result.archive_url,
        "archive_date": iso_utc(archive_date(result.archive_url)),
        "tier": result.tier.value if result.tier is not None else None,
        "evidence": _evidence(result.evidence),
        "diff": _diff(result.diff),
        "insertions": [
            {"bracket": i.bracket, "stands_for": i.stands_for} for i in bracket_insertions(result)
        ],
        "detail": result.detail,
        "change": result.change,
        "failed": claim_fails(result, report),
    }
    if claim.kind is ClaimKind.FACT:
        out["fact"] = claim.fact
        out["value"] = claim.value
    return out


def _evidence(evidence: Evidence | None) -> dict[str, Any] | None:
    if evidence is None:
        return None
    return {
        "text": evidence.text,
        "context": evidence.context,
        "matched_in": evidence.matched_in,
        "start": evidence.start,
        "end": evidence.end,
        "page": evidence.page,
        "pages": list(evidence.pages) if evidence.pages else None,
    }


def _diff(diff: tuple[DiffOp, ...] | None) -> list[dict[str, Any]] | None:
    if diff is None:
        return None
    return [
        {"op": op.op, "quote": op.quote, "source": op.source, "critical": op.critical}
        for op in diff
    ]
