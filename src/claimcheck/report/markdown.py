"""The `markdown` format: for a pull-request comment or `$GITHUB_STEP_SUMMARY` (SPEC §8).

A summary table first, then only what needs attention (claims not `verified`, links not `ok`),
each with links to the live and the archived source. Text from the article and the sources is
untrusted: it is escaped so it cannot open a link, an image, raw HTML or a table cell, and `@`
cannot mention anyone.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote as url_quote

from claimcheck import __version__
from claimcheck.model import ClaimResult, LinkStatus, RunReport, SourceReport, Verdict
from claimcheck.report.common import (
    CHANGE_HELP,
    archive_date,
    archive_url_for,
    change_counts,
    change_label,
    claim_explanation,
    claim_fails,
    claim_needs_attention,
    claim_target,
    clip_context,
    failed_count,
    format_duration,
    http_detail,
    human_date,
    is_links,
    nonzero,
    note_label,
    redirect_target,
    short,
    source_fails,
    source_for,
    source_needs_attention,
    status_counts,
    verdict_counts,
    visible_controls,
)
from claimcheck.report.interface import ReportFormat

logger = logging.getLogger(__name__)

VERDICT_ICON: dict[str, str] = {
    Verdict.VERIFIED.value: "✅",
    Verdict.APPROXIMATE.value: "🟡",
    Verdict.MISMATCH.value: "❌",
    Verdict.NOT_FOUND.value: "❓",
    Verdict.UNREACHABLE.value: "🔌",
    Verdict.BLOCKED.value: "⛔",
    Verdict.NO_SOURCE.value: "➖",
    Verdict.ERROR.value: "⚠️",
}

STATUS_ICON: dict[str, str] = {
    LinkStatus.OK.value: "✅",
    LinkStatus.REDIRECTED.value: "↪️",
    LinkStatus.DEAD.value: "❌",
    LinkStatus.SOFT_404.value: "❌",
    LinkStatus.BLOCKED.value: "⛔",
    LinkStatus.TIMEOUT.value: "⏱️",
    LinkStatus.ERROR.value: "⚠️",
    LinkStatus.EXCLUDED.value: "➖",
}

CHANGE_ICON: dict[str, str] = {
    "drift": "📉",
    "new": "🆕",
    "changed": "✏️",
    "recovered": "📈",
    "unconfirmed": "⏳",
}

#: Cell lengths: a job summary is read on a laptop; longer text makes the table scroll sideways.
CLAIM_CHARS = 120
EVIDENCE_CHARS = 200

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!])")


def md_text(text: str) -> str:
    """Escape untrusted text for one Markdown table cell or line (an edge space is kept)."""
    core = " ".join(text.split())
    if core and text[0].isspace():
        core = " " + core
    if core and text[-1].isspace():
        core += " "
    # A control character is shown escaped (`\x1b`), its backslash escaped below.
    text = visible_controls(core)
    text = text.replace("&", "&amp;")
    text = _SPECIAL.sub(r"\\\1", text)
    # A word joiner after `@` keeps a quoted handle from notifying anyone.
    return text.replace("@", "@\u2060")


def md_link(label: str, url: str | None) -> str:
    """`[label](<url>)` for an http(s) URL; any other scheme is shown as text, never linked."""
    if not url:
        return ""
    if not url.lower().startswith(("http://", "https://")):
        return md_text(url)
    safe = url_quote(url, safe=":/?#[]@!$&'*+,;=%~-._")
    safe = safe.replace("(", "%28").replace(")", "%29")
    return f"[{label}](<{safe}>)"


class MarkdownFormat(ReportFormat):
    """A summary table, then what needs attention."""

    def render(self, report: RunReport) -> str:
        lines: list[str] = []
        lines.extend(_header(report))
        lines.append("")
        lines.extend(_summary_table(report))
        changes = _changes(report)
        if changes:
            lines.append("")
            lines.extend(changes)
        if not is_links(report):
            attention = [r for r in report.claims if claim_needs_attention(r)]
            lines.append("")
            if attention:
                lines.append("### Claims needing attention")
                lines.append("")
                lines.extend(_claims_table(report, attention))
            elif len(report.claims) == 1:
                lines.append("The claim is verified.")
            elif report.claims:
                lines.append(f"All {len(report.claims)} claims verified.")
        problems = [s for s in report.sources if source_needs_attention(s)]
        lines.append("")
        if problems:
            lines.append("### Links needing attention")
            lines.append("")
            lines.extend(_links_table(report, problems))
        elif len(report.sources) == 1:
            lines.append("The link is ok.")
        elif report.sources:
            lines.append(f"All {len(report.sources)} links ok.")
        if report.hints:
            lines.append("")
            lines.extend(f"> {md_text(hint)}" for hint in report.hints)
        lines.append("")
        footer = f"claimcheck {__version__} · {format_duration(report.duration)}"
        if report.interrupted:
            footer += " · interrupted: partial report"
        lines.append(f"<sub>{footer}</sub>")
        return "\n".join(lines) + "\n"


def _header(report: RunReport) -> list[str]:
    failing = failed_count(report)  # what the exit code counted (with a lock: what got worse)
    verdict = f"{failing} failing" if failing else "passed"
    icon = "❌" if failing else "✅"
    out = [f"## {icon} claimcheck {report.command}: {verdict}", ""]
    articles = ", ".join(f"**{md_text(a.source)}**" for a in report.articles)
    fail_on = ", ".join(sorted(report.fail_on)) or "nothing"
    out.append(f"{articles} · fails on: {md_text(fail_on)}" if articles else f"fails on: {fail_on}")
    if report.lock is not None:
        counts = ", ".join(f"{n} {k}" for k, n in nonzero(change_counts(report)))
        out.append("")
        out.append(f"Compared with `{md_text(report.lock)}`: {counts or 'no change'}.")
    return out


def _change_cell(item: ClaimResult | SourceReport) -> str:
    change = change_label(item)
    return f"{CHANGE_ICON.get(change, '')} {change}".strip() if change else ""


def _changes(report: RunReport) -> list[str]:
    """Every claim and link whose state changed since the lock file, worst first."""
    order = {c: i for i, c in enumerate(("drift", "new", "changed", "recovered"))}
    claims = sorted(
        (r for r in report.claims if r.change), key=lambda r: order.get(r.change or "", 9)
    )
    sources = [s for s in report.sources if s.change]
    if not claims and not sources:
        return []
    rows = [
        "### Since the lock",
        "",
        "| change | now | where | claim or link |",
        "|---|---|---|---|",
    ]
    for item in claims:
        claim = item.claim
        now = _verdict_cell(item, report)
        where = f"{md_text(claim.article)}:{claim.line}"
        if claim.note is not None:
            where += f" · {md_text(note_label(item))}"
        what = f"“{md_text(short(claim_target(item), CLAIM_CHARS))}”"
        rows.append(f"| {_change_cell(item)} | {now} | {where} | {what} |")
    for source in sources:
        fetch = source.fetch
        now = _status_cell(source, report)
        where = ", ".join(f"note {md_text(n)}" for n in source.notes) or "–"
        link = md_link(md_text(short(fetch.url, 80)), fetch.url)
        rows.append(f"| {_change_cell(source)} | {now} | {where} | {link} |")
    rows.append("")
    rows.append(
        "<sub>"
        + " · ".join(f"{md_text(k)}: {md_text(v)}" for k, v in CHANGE_HELP.items())
        + "</sub>"
    )
    return rows


def _verdict_cell(item: ClaimResult, report: RunReport) -> str:
    """A claim's verdict with its icon, in bold when it fails the run."""
    verdict = item.verdict.value
    shown = f"**{verdict}**" if claim_fails(item, report) else verdict
    return f"{VERDICT_ICON[verdict]} {shown}"


def _status_cell(source: SourceReport, report: RunReport) -> str:
    """A link's status with its icon, in bold when it fails the run."""
    status = source.fetch.status.value
    shown = f"**{status}**" if source_fails(source, report) else status
    return f"{STATUS_ICON[status]} {shown}"


def _summary_table(report: RunReport) -> list[str]:
    rows: list[str] = []
    if not is_links(report):
        rows.append("| verdict | claims |")
        rows.append("|---|---:|")
        rows.extend(f"| {VERDICT_ICON[k]} {k} | {n} |" for k, n in nonzero(verdict_counts(report)))
        rows.append(f"| **total** | **{len(report.claims)}** |")
        rows.append("")
    rows.append("| link status | links |")
    rows.append("|---|---:|")
    rows.extend(f"| {STATUS_ICON[k]} {k} | {n} |" for k, n in nonzero(status_counts(report)))
    rows.append(f"| **total** | **{len(report.sources)}** |")
    return rows


def _claims_table(report: RunReport, results: list[ClaimResult]) -> list[str]:
    rows = [
        "| verdict | where | claim | what the source says | source |",
        "|---|---|---|---|---|",
    ]
    for item in results:
        claim = item.claim
        verdict = _verdict_cell(item, report)
        if item.change:
            verdict += f" · {_change_cell(item)}"
        where = f"{md_text(claim.article)}:{claim.line}"
        if claim.note is not None:
            where += f" · {md_text(note_label(item))}"
        said = f"“{md_text(short(claim_target(item), CLAIM_CHARS))}”"
        says_parts: list[str] = []
        if item.evidence is not None:
            before, match, after = clip_context(item.evidence, EVIDENCE_CHARS)
            says_parts.append(f"{md_text(before)}**{md_text(match)}**{md_text(after)}")
        explanation = claim_explanation(item)
        if explanation:
            says_parts.append(f"_{md_text(explanation)}_")
        source = source_for(report, item.url)
        links = [md_link("live", item.url)]
        archive = archive_url_for(item, source)
        if archive:
            links.append(_archived(archive))
        rows.append(
            f"| {verdict} | {where} | {said} | {'<br>'.join(says_parts) or '–'} | "
            f"{' · '.join(x for x in links if x) or '–'} |"
        )
    return rows


def _links_table(report: RunReport, sources: list[SourceReport]) -> list[str]:
    rows = [
        "| status | URL | HTTP | cited in | detail | archived |",
        "|---|---|---:|---|---|---|",
    ]
    for source in sources:
        fetch = source.fetch
        status = _status_cell(source, report)
        if change_label(source):
            status += f" · {_change_cell(source)}"
        cited = ", ".join(f"note {md_text(n)}" for n in source.notes)
        if source.line is not None:
            where = md_text(source.articles[0]) if source.articles else "line"
            cited = f"{cited} ({where}:{source.line})" if cited else f"{where}:{source.line}"
        detail = md_text(http_detail(source))
        target = redirect_target(source)
        if target:
            moved = f"moved to {md_link(md_text(short(target, 80)), target)}"
            detail = f"{moved}; {detail}" if detail else moved
        http = str(fetch.http_status) if fetch.http_status is not None else "–"
        rows.append(
            f"| {status} | {md_link(md_text(short(fetch.url, 80)), fetch.url)} | {http} | "
            f"{cited or '–'} | {detail or '–'} | {_archived(fetch.archive_url) or '–'} |"
        )
    return rows


def _archived(url: str | None) -> str:
    """`[archived 1 March 2021](<url>)`, the date when the address holds one."""
    captured = archive_date(url)
    return md_link(f"archived {human_date(captured)}" if captured else "archived", url)
