"""The `markdown` format: for a pull-request comment or `$GITHUB_STEP_SUMMARY` (SPEC §8).

A summary table first, then only what needs attention (claims not `verified`, links not `ok`),
each with links to the live and the archived source. Text from the article and the sources is
untrusted: it is escaped so it cannot open a link, an image, raw HTML or a table cell, and `@`
cannot mention anyone. The report stays under `MAX_BYTES`, what GitHub takes as a comment or
job summary: a bigger one keeps its summary and its most important rows, whole, and says how
many it left out.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
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


#: The most a Markdown report may take, in UTF-8 bytes. It is posted as an issue body or comment
#: (`gh issue create --body-file`, capped by GitHub at 65,536 characters) and appended to
#: `$GITHUB_STEP_SUMMARY` (1 MiB per step, shared by every report of the step); 60,000 bytes fits
#: both, with room for two reports in one summary. A bigger report keeps its summary and its
#: most important rows, whole, and says how many it left out.
MAX_BYTES = 60_000


@dataclass(frozen=True)
class _Row:
    """One table row that may be left out of a report over `MAX_BYTES`."""

    table: str  # "links", "claims" or "changes"
    index: int  # its place in its table
    text: str
    fails: bool

    @property
    def rank(self) -> tuple[int, int, int]:
        """Failing rows first; links (few, and each one may be many claims' source), then
        claims, then the changes since the lock; in report order within each."""
        return (0 if self.fails else 1, _TABLES.index(self.table), self.index)


_TABLES = ("links", "claims", "changes")

_WHAT = {
    "claims": ("claim needing attention", "claims needing attention"),
    "links": ("link needing attention", "links needing attention"),
    "changes": ("change since the lock", "changes since the lock"),
}


class MarkdownFormat(ReportFormat):
    """A summary table, then what needs attention, within `MAX_BYTES`."""

    def render(self, report: RunReport) -> str:
        rows = _rows(report)
        text = _render(report, rows, None)
        if _size(text) <= MAX_BYTES:
            return text
        # Over the limit: the skeleton (every table emptied), then the most important rows while
        # they fit; the notes saying what was left out can only get shorter as rows come back.
        budget = MAX_BYTES - _size(_render(report, rows, set()))
        kept: set[tuple[str, int]] = set()
        ranked = sorted(rows, key=lambda r: r.rank)
        for row in ranked:
            cost = _size(row.text) + 1
            if cost > budget:
                break
            kept.add((row.table, row.index))
            budget -= cost
        text = _render(report, rows, kept)
        # A table's header comes back with its first row: drop the least important rows until
        # the whole fits.
        for least in reversed([r for r in ranked if (r.table, r.index) in kept]):
            if _size(text) <= MAX_BYTES:
                break
            kept.discard((least.table, least.index))
            text = _render(report, rows, kept)
        return text


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _rows(report: RunReport) -> list[_Row]:
    """Every row of the three tables that can grow with the article."""
    rows: list[_Row] = []
    if not is_links(report):
        attention = [r for r in report.claims if claim_needs_attention(r)]
        rows.extend(
            _Row("claims", i, _claim_row(report, item), claim_fails(item, report))
            for i, item in enumerate(attention)
        )
    problems = [s for s in report.sources if source_needs_attention(s)]
    rows.extend(
        _Row("links", i, _link_row(report, source), source_fails(source, report))
        for i, source in enumerate(problems)
    )
    rows.extend(
        _Row("changes", i, text, fails) for i, (text, fails) in enumerate(_change_rows(report))
    )
    return rows


def _render(report: RunReport, rows: list[_Row], kept: set[tuple[str, int]] | None) -> str:
    """The report with the rows of `kept` (`None`: every row)."""
    tables: dict[str, list[str]] = {t: [] for t in _TABLES}
    left_out: dict[str, list[_Row]] = {t: [] for t in _TABLES}
    for row in rows:
        if kept is None or (row.table, row.index) in kept:
            tables[row.table].append(row.text)
        else:
            left_out[row.table].append(row)
    lines: list[str] = []
    lines.extend(_header(report))
    if any(left_out.values()):
        lines.append("")
        lines.extend(_shortened(left_out))
    lines.append("")
    lines.extend(_summary_table(report))
    if tables["changes"] or left_out["changes"]:
        lines.append("")
        lines.extend(_changes(tables, left_out))
    if not is_links(report):
        lines.append("")
        if tables["claims"] or left_out["claims"]:
            lines.extend(
                _section("claims", "Claims needing attention", _CLAIMS_HEAD, tables, left_out)
            )
        elif len(report.claims) == 1:
            lines.append("The claim is verified.")
        elif report.claims:
            lines.append(f"All {len(report.claims)} claims verified.")
    lines.append("")
    if tables["links"] or left_out["links"]:
        lines.extend(_section("links", "Links needing attention", _LINKS_HEAD, tables, left_out))
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


_FULL_REPORT = "run the same command with `--format html` or `--format json` for the full report"


def _shortened(left_out: dict[str, list[_Row]]) -> list[str]:
    """The notice at the top of a report that left rows out."""
    parts = [_count(table, rows) for table, rows in left_out.items() if rows]
    return [
        f"> [!NOTE]\n> This report is shortened to stay under {MAX_BYTES // 1000} KB: "
        f"{'; '.join(parts)} are not shown (failing ones are kept first); {_FULL_REPORT}."
    ]


def _left_out_note(table: str, rows: list[_Row]) -> list[str]:
    """The line under a table that left rows out."""
    if not rows:
        return []
    return [f"_…and {_count(table, rows, more=True)}, not shown: {_FULL_REPORT}._"]


def _count(table: str, rows: list[_Row], *, more: bool = False) -> str:
    """`3,344 claims needing attention (2,844 failing)`, or `3,344 more claims…`."""
    one, many = _WHAT[table]
    failing = sum(r.fails for r in rows)
    text = f"{len(rows):,} {'more ' if more else ''}{one if len(rows) == 1 else many}"
    return f"{text} ({failing:,} failing)" if failing else text


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


def _change_rows(report: RunReport) -> list[tuple[str, bool]]:
    """A row for every claim and link whose state changed since the lock file, worst first, and
    whether it fails the run."""
    order = {c: i for i, c in enumerate(("drift", "new", "changed", "recovered"))}
    claims = sorted(
        (r for r in report.claims if r.change), key=lambda r: order.get(r.change or "", 9)
    )
    rows: list[tuple[str, bool]] = []
    for item in claims:
        claim = item.claim
        now = _verdict_cell(item, report)
        where = f"{md_text(claim.article)}:{claim.line}"
        if claim.note is not None:
            where += f" · {md_text(note_label(item))}"
        what = f"“{md_text(short(claim_target(item), CLAIM_CHARS))}”"
        rows.append(
            (f"| {_change_cell(item)} | {now} | {where} | {what} |", claim_fails(item, report))
        )
    for source in (s for s in report.sources if s.change):
        fetch = source.fetch
        now = _status_cell(source, report)
        where = ", ".join(f"note {md_text(n)}" for n in source.notes) or "–"
        link = md_link(md_text(short(fetch.url, 80)), fetch.url)
        rows.append(
            (f"| {_change_cell(source)} | {now} | {where} | {link} |", source_fails(source, report))
        )
    return rows


def _changes(tables: dict[str, list[str]], left_out: dict[str, list[_Row]]) -> list[str]:
    """The table of what changed since the lock file, and what each change means."""
    key = " · ".join(f"{md_text(k)}: {md_text(v)}" for k, v in CHANGE_HELP.items())
    return [
        *_section("changes", "Since the lock", _CHANGES_HEAD, tables, left_out),
        "",
        f"<sub>{key}</sub>",
    ]


_CHANGES_HEAD = ("| change | now | where | claim or link |", "|---|---|---|---|")


def _section(
    table: str,
    title: str,
    head: tuple[str, ...],
    tables: dict[str, list[str]],
    left_out: dict[str, list[_Row]],
) -> list[str]:
    """`### title`, then the rows of `table` kept (under `head`) and a note on those left out."""
    out = [f"### {title}", ""]
    if tables[table]:
        out.extend([*head, *tables[table]])
        if left_out[table]:
            out.append("")
    out.extend(_left_out_note(table, left_out[table]))
    return out


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


_CLAIMS_HEAD = (
    "| verdict | where | claim | what the source says | source |",
    "|---|---|---|---|---|",
)


def _claim_row(report: RunReport, item: ClaimResult) -> str:
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
    return (
        f"| {verdict} | {where} | {said} | {'<br>'.join(says_parts) or '–'} | "
        f"{' · '.join(x for x in links if x) or '–'} |"
    )


_LINKS_HEAD = (
    "| status | URL | HTTP | cited in | detail | archived |",
    "|---|---|---:|---|---|---|",
)


def _link_row(report: RunReport, source: SourceReport) -> str:
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
    return (
        f"| {status} | {md_link(md_text(short(fetch.url, 80)), fetch.url)} | {http} | "
        f"{cited or '–'} | {detail or '–'} | {_archived(fetch.archive_url) or '–'} |"
    )


def _archived(url: str | None) -> str:
    """`[archived 1 March 2021](<url>)`, the date when the address holds one."""
    captured = archive_date(url)
    return md_link(f"archived {human_date(captured)}" if captured else "archived", url)
