"""The `junit` format: one testcase per claim (and per link for `links`), for CI test reporters.

In `verify`, a link that fails the run by itself (`--fail-on dead`, or a link newly confirmed
broken under `--fail-on new` whose claims were still read from an archived copy) is a failing
testcase of its own too, so `failures` is never 0 on a run that exits 1.

The layout is the common JUnit XML dialect that GitLab, Jenkins, Azure and the GitHub test-report
actions read: `<testsuites>` → one `<testsuite>` per article → `<testcase>`. A claim or link at or
above `--fail-on` is a `<failure>` whose body carries the evidence; `no_source` claims and
`excluded` links are `<skipped>`; everything else passes, with its evidence in `<system-out>`.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from claimcheck.model import ClaimResult, DiffOp, LinkStatus, RunReport, SourceReport, Verdict
from claimcheck.report.common import (
    CHANGE_HELP,
    archive_url_for,
    archived_line,
    bracket_insertions,
    change_label,
    claim_explanation,
    claim_fails,
    claim_target,
    http_detail,
    is_links,
    iso_utc,
    note_label,
    redirect_target,
    short,
    since_lock,
    source_fails,
    source_for,
    split_evidence,
    visible_bidi,
)
from claimcheck.report.interface import ReportFormat

logger = logging.getLogger(__name__)

#: Characters XML 1.0 cannot carry at all; a source page may contain them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: Testcase names stay short enough for a CI test list to show whole.
NAME_CHARS = 100


def _clean(text: str) -> str:
    """`text` as XML can carry it, with its bidi controls shown (`visible_bidi`): a CI test
    list shows a right-to-left override's reordering, not the characters that were checked."""
    return visible_bidi(_XML_INVALID.sub("\ufffd", text))


class JUnitFormat(ReportFormat):
    """JUnit XML for CI test reporters."""

    def render(self, report: RunReport) -> str:
        root = ET.Element("testsuites", name=f"claimcheck {report.command}")
        suites: dict[str, list[ET.Element]] = {}
        failures: dict[str, int] = {}
        skipped: dict[str, int] = {}
        cases = (
            [_link_case(s, report) for s in report.sources]
            if is_links(report)
            else [_claim_case(r, report) for r in report.claims]
            + [_link_case(s, report) for s in report.sources if source_fails(s, report)]
        )
        for suite, case, state in cases:
            suites.setdefault(suite, []).append(case)
            failures[suite] = failures.get(suite, 0) + (state == "failure")
            skipped[suite] = skipped.get(suite, 0) + (state == "skipped")
        timestamp = iso_utc(report.started_at)
        for name, suite_cases in suites.items():
            suite_el = ET.SubElement(
                root,
                "testsuite",
                name=_clean(name),
                tests=str(len(suite_cases)),
                failures=str(failures.get(name, 0)),
                errors="0",
                skipped=str(skipped.get(name, 0)),
                time=f"{report.duration:.3f}",
            )
            if timestamp:
                suite_el.set("timestamp", timestamp)
            suite_el.extend(suite_cases)
        root.set("tests", str(sum(len(c) for c in suites.values())))
        root.set("failures", str(sum(failures.values())))
        root.set("errors", "0")
        root.set("skipped", str(sum(skipped.values())))
        root.set("time", f"{report.duration:.3f}")
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _first_article(report: RunReport) -> str:
    return report.articles[0].source if report.articles else "claimcheck"


def _classname(command: str, article: str) -> str:
    stem = re.sub(r"[^\w]+", "_", article).strip("_") or "article"
    return f"claimcheck.{command}.{stem}"


def _outcome(
    case: ET.Element, *, kind: str, message: str, body: str, fails: bool, skipped: bool
) -> str:
    """Mark `case` failed (with `body`), skipped, or passed (with `body` as its output)."""
    if fails:
        ET.SubElement(case, "failure", message=message, type=kind).text = body
        return "failure"
    if skipped:
        ET.SubElement(case, "skipped", message=message)
        return "skipped"
    ET.SubElement(case, "system-out").text = body
    return "passed"


def _claim_case(result: ClaimResult, report: RunReport) -> tuple[str, ET.Element, str]:
    """The claim's suite (its article), its testcase, and the testcase's outcome."""
    claim = result.claim
    name = f"line {claim.line} {note_label(result)}: {short(claim_target(result), NAME_CHARS)}"
    case = ET.Element(
        "testcase",
        name=_clean(name),
        classname=_classname(report.command, claim.article),
        file=_clean(claim.article),
        line=str(claim.line),
        time="0",
    )
    body = _clean("\n".join(_claim_lines(result, report)))
    label = result.verdict.value + (f" ({since_lock(result.change)})" if result.change else "")
    message = _clean(f"{label}: {claim_explanation(result) or claim_target(result)}")
    state = _outcome(
        case,
        kind=result.verdict.value,
        message=message,
        body=body,
        fails=claim_fails(result, report),
        skipped=result.verdict is Verdict.NO_SOURCE,
    )
    return claim.article or _first_article(report), case, state


def _claim_lines(result: ClaimResult, report: RunReport) -> Iterable[str]:
    claim = result.claim
    yield f"verdict: {result.verdict.value}"
    if result.change:
        yield f"since the lock: {result.change} ({CHANGE_HELP.get(result.change, '')})"
    yield f"{claim.kind.value}: {claim_target(result)}"
    if claim.value:
        yield f"value: {claim.value}"
    yield f"sentence: {claim.sentence}"
    if result.url:
        yield f"source: {result.url}"
    archive = archive_url_for(result, source_for(report, result.url))
    if archive:
        yield archived_line(archive) + (" (checked)" if result.via == "archive" else "")
    if result.evidence is not None:
        before, match, after = split_evidence(result.evidence)
        yield f"evidence ({result.evidence.matched_in}): {match}"
        yield f"context: {before}[{match}]{after}"
    if result.diff:
        yield "diff: " + " ".join(_diff_words(op) for op in result.diff)
    for insertion in bracket_insertions(result):
        yield f"{insertion.bracket} stands for: {insertion.stands_for}"
    if result.detail:
        yield f"detail: {result.detail}"


def _diff_words(op: DiffOp) -> str:
    """A diff step as in `git diff --word-diff`: `[-quote only-]{+source only+}`."""
    if op.op == "equal":
        return op.quote or op.source
    removed = f"[-{op.quote}-]" if op.quote else ""
    added = f"{{+{op.source}+}}" if op.source else ""
    return removed + added


def _link_case(source: SourceReport, report: RunReport) -> tuple[str, ET.Element, str]:
    """The link's suite (the first article citing it), its testcase, and the outcome."""
    fetch = source.fetch
    article = source.articles[0] if source.articles else _first_article(report)
    name = short(fetch.url, 200)
    case = ET.Element(
        "testcase",
        name=_clean(name if is_links(report) else f"link {name}"),
        classname=_classname(report.command, article),
        file=_clean(article),
        time=f"{fetch.elapsed:.3f}",
    )
    if source.line is not None:
        case.set("line", str(source.line))
    lines = [f"status: {fetch.status.value}", f"url: {fetch.url}"]
    change = change_label(source)
    if change:
        lines.append(f"since the lock: {change}")
    if fetch.http_status is not None:
        lines.append(f"http status: {fetch.http_status}")
    target = redirect_target(source)
    if target:
        lines.append(f"final url: {target}")
    lines.extend(f"redirect: {r.status} {r.url}" for r in fetch.redirects)
    if source.notes:
        lines.append(f"notes: {', '.join(source.notes)}")
    detail = http_detail(source)
    if detail:
        lines.append(f"detail: {detail}")
    if fetch.archive_url:
        lines.append(archived_line(fetch.archive_url))
    body = _clean("\n".join(lines))
    label = fetch.status.value + (f" ({change})" if change else "")
    message = _clean(f"{label}: {detail or fetch.url}")
    state = _outcome(
        case,
        kind=fetch.status.value,
        message=message,
        body=body,
        fails=source_fails(source, report),
        skipped=fetch.status is LinkStatus.EXCLUDED,
    )
    return article, case, state
