"""What `claimcheck claims` prints (SPEC §10), and the one-line run summary for stderr.

`text` is rendered by `report.console` (the only report module that may import rich); `json` is
schema `claimcheck/claims/v1`, shipped as `claimcheck/report/schema/claims-v1.json`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from claimcheck import __version__
from claimcheck.model import Article, Claim, ClaimKind, Note, RunReport
from claimcheck.report.common import json_dumps, summary_text
from claimcheck.report.interface import ReportError

logger = logging.getLogger(__name__)

SCHEMA = "claimcheck/claims/v1"

CLAIMS_FORMATS = ("text", "json")


def render_claims(
    articles: Sequence[Article],
    *,
    fmt: str,
    uncited: bool,
    color: bool = False,
    width: int = 100,
) -> str:
    """The parsed articles as `text` (tables of notes and claims) or `json` (`claims/v1`).

    `uncited` adds the sentences that state a figure or a quotation without a note.
    """
    if fmt == "text":
        # Imported here: `report.console` builds on rich tables, which `summary_line` (used by
        # every non-text `links`/`verify` run) and `--format json` never need.
        from claimcheck.report.console import render_articles_text

        return render_articles_text(articles, uncited=uncited, color=color, width=width)
    if fmt == "json":
        doc = claims_to_dict(articles, uncited=uncited)
        return json_dumps(doc, indent=2) + "\n"
    raise ReportError(
        f"unknown format {fmt!r} for `claimcheck claims`",
        key="--format",
        hint=f"use one of: {', '.join(CLAIMS_FORMATS)}",
    )


def claims_to_dict(articles: Sequence[Article], *, uncited: bool) -> dict[str, Any]:
    """The SPEC §10 document as plain Python values."""
    out_articles: list[dict[str, Any]] = []
    for article in articles:
        item: dict[str, Any] = {
            "source": article.source,
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "notes": [_note(n) for n in article.notes],
            "claims": [_claim(c) for c in article.claims],
            "links": [
                {"url": link.url, "line": link.line, "column": link.column, "text": link.text}
                for link in article.links
            ],
        }
        if uncited:
            item["uncited"] = [
                {"line": u.line, "column": u.column, "sentence": u.sentence, "reason": u.reason}
                for u in article.uncited
            ]
        out_articles.append(item)
    return {
        "schema": SCHEMA,
        "tool": {"name": "claimcheck", "version": __version__},
        "articles": out_articles,
    }


def _note(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "line": note.line,
        "column": note.column,
        "text": note.text,
        "urls": list(note.urls),
        "resolved_note": note.resolved_note,
        "title": note.title,
        "author": note.author,
        "accessed": note.accessed.isoformat() if note.accessed else None,
    }


def _claim(claim: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": claim.id,
        "note": claim.note,
        "url": claim.url,
        "line": claim.line,
        "column": claim.column,
        "kind": claim.kind.value,
    }
    # SPEC §10: a fact carries `fact` and `value` instead of `quote`.
    if claim.kind is ClaimKind.FACT:
        out["fact"] = claim.fact or ""
        out["value"] = claim.value
    else:
        out["quote"] = claim.quote or ""
    out["sentence"] = claim.sentence
    out["origin"] = claim.origin
    out["also_notes"] = list(claim.also_notes)
    return out


def summary_line(report: RunReport) -> str:
    """One line for stderr: `12 claims: 9 verified, 1 not_found · 17 links: 15 ok, 2 dead · 3.2 s`."""
    return summary_text(report)
