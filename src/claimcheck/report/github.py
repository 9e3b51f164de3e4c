"""The `github` format: workflow commands that annotate the article's own lines (SPEC §8).

`::error file=draft.md,line=14,title=…::message` for everything at or above `--fail-on`,
`::warning …` for other problems (an `approximate` quote, a `blocked` site, a redirect).
`verified` claims, `ok` links, `no_source` notes and `excluded` links make no annotation: GitHub
shows only the first ten errors and ten warnings of a step, so errors come first and noise is
left out. Values are escaped as GitHub's toolkit does (`%`, CR, LF everywhere; `:` and `,` too
inside properties), so an untrusted quote cannot inject a command of its own.
"""

from __future__ import annotations

import logging
import os
from pathlib import PurePath

from claimcheck.model import ClaimResult, LinkStatus, RunReport, SourceReport
from claimcheck.report.common import (
    CHANGE_HELP,
    GOOD_STATUSES,
    GOOD_VERDICTS,
    QUIET_STATUSES,
    QUIET_VERDICTS,
    archive_url_for,
    archived_line,
    bracket_insertions,
    change_label,
    claim_explanation,
    claim_fails,
    claim_target,
    http_detail,
    is_links,
    note_label,
    redirect_target,
    short,
    since_lock,
    source_fails,
    source_for,
    split_evidence,
    summary_text,
    visible_controls,
)
from claimcheck.report.interface import ReportFormat

logger = logging.getLogger(__name__)

#: Quoted text in an annotation is cut here; the annotation panel shows a few lines at most.
QUOTE_CHARS = 160

#: What makes no annotation: the good news and the merely informational.
_SILENT_VERDICTS = GOOD_VERDICTS | QUIET_VERDICTS
_SILENT_STATUSES = GOOD_STATUSES | QUIET_STATUSES


def escape_data(value: str) -> str:
    """Escape a command's message (toolkit `escapeData`)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command's property value (toolkit `escapeProperty`)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workflow_command(
    level: str, message: str, *, file: str | None, line: int | None, title: str
) -> str:
    """One `::level file=…,line=…,title=…::message` line; control characters in the untrusted
    message, title and file name are shown escaped (`\\x1b`), not sent to the log."""
    message, title = visible_controls(message), visible_controls(title)
    props: list[str] = []
    if file:
        props.append(f"file={escape_property(visible_controls(file))}")
        if line is not None and line > 0:
            props.append(f"line={line}")
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def _annotatable(path: str) -> str | None:
    """The article as a file GitHub can annotate: not stdin, not a URL (see `repo_path`)."""
    if not path or path == "-" or "://" in path:
        return None
    return repo_path(path)


def repo_path(path: str) -> str:
    """`path` as GitHub names a file of the repository: normalised, `/`-separated, and relative
    to the checkout (`$GITHUB_WORKSPACE`, else the current folder) when it lies inside it.

    GitHub matches an annotation's `file` against the repository's paths as they are, so
    `out/../drafts/a.md`, `./a.md`, or `a.md` from a step run in `docs/` would not attach to
    `drafts/a.md` or `docs/a.md`. A path outside the checkout is left as it is
    (normalised): there is nothing in the repository to attach it to either way.
    """
    norm = os.path.normpath(path)
    try:
        root = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
        relative = os.path.relpath(os.path.abspath(norm), os.path.abspath(root))
    except (OSError, ValueError):  # the current folder was removed; another drive (Windows)
        relative = None
    if (
        relative is not None
        and relative != os.pardir
        and not relative.startswith(os.pardir + os.sep)
    ):
        norm = relative
    return PurePath(norm).as_posix()


class GitHubFormat(ReportFormat):
    """GitHub Actions annotations, errors first."""

    def render(self, report: RunReport) -> str:
        errors: list[str] = []
        warnings: list[str] = []
        notices: list[str] = []  # a change since the lock that fails nothing: changed, recovered
        if not is_links(report):
            for result in report.claims:
                if claim_fails(result, report):
                    errors.append(_claim_command("error", result, report))
                elif result.verdict not in _SILENT_VERDICTS:
                    warnings.append(_claim_command("warning", result, report))
                elif result.change:
                    notices.append(_claim_command("notice", result, report))
        for source in report.sources:
            if source_fails(source, report):
                errors.append(_source_command("error", source, report))
            elif source.change == "recovered":
                notices.append(_source_command("notice", source, report))
            elif is_links(report) and source.fetch.status not in _SILENT_STATUSES:
                warnings.append(_source_command("warning", source, report))
            elif source.fetch.status is LinkStatus.REDIRECTED:
                # In `verify`, a source's problem already shows on its claims; only a redirect
                # (a URL to update) is worth a line of its own.
                warnings.append(_source_command("warning", source, report))
        lines = errors + warnings + notices
        lines.append(
            f"::notice title=claimcheck {report.command}::{escape_data(summary_text(report))}"
        )
        return "\n".join(lines) + "\n"


def _claim_command(level: str, result: ClaimResult, report: RunReport) -> str:
    claim = result.claim
    title = f"claimcheck: {result.verdict.value}"
    if result.change:
        title += f", {since_lock(result.change)}"
    title += f" ({note_label(result)})"
    lines = [f"{claim.kind.value} “{short(claim_target(result), QUOTE_CHARS)}”"]
    if result.change in CHANGE_HELP:
        lines.append(f"{result.change}: {CHANGE_HELP[result.change or '']}")
    explanation = claim_explanation(result)
    if explanation:
        lines.append(explanation)
    if result.evidence is not None:
        _, match, _ = split_evidence(result.evidence)
        lines.append(f"source says: “{short(match, QUOTE_CHARS)}”")
    lines.extend(f"{i.bracket} stands for “{i.stands_for}”" for i in bracket_insertions(result))
    if result.url:
        lines.append(f"source: {result.url}")
    archive = archive_url_for(result, source_for(report, result.url))
    if archive:
        lines.append(archived_line(archive))
    return workflow_command(
        level, "\n".join(lines), file=_annotatable(claim.article), line=claim.line, title=title
    )


def _source_command(level: str, source: SourceReport, report: RunReport) -> str:
    fetch = source.fetch
    notes = ", ".join(source.notes)
    change = change_label(source)
    title = f"claimcheck: link {fetch.status.value}"
    if change:
        title += f", {since_lock(change)}"
    title += f" (note {notes})" if notes else ""
    lines = [fetch.url]
    if fetch.http_status is not None:
        lines[0] += f" → HTTP {fetch.http_status}"
    target = redirect_target(source)
    if target:
        lines.append(f"moved to {target}")
    detail = http_detail(source)
    if detail:
        lines.append(detail)
    if fetch.archive_url:
        lines.append(archived_line(fetch.archive_url))
    article = source.articles[0] if source.articles else ""
    if not article and report.articles:
        article = report.articles[0].source
    return workflow_command(
        level, "\n".join(lines), file=_annotatable(article), line=source.line, title=title
    )
