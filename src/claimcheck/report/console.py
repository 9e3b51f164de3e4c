"""The `text` format: a rich report for a terminal, grouped by note (SPEC §8).

Rich renders into a string (`Console(file=StringIO())`), so the format never prints. Untrusted text
(the article, the sources) goes in as `SafeText`, never as markup: a quote holding `[the EU]`
must not be read as a style tag, and an ESC in a source must not reach the terminal. Without
colour every mark is still legible: the matched span is in `»…«`, deletions are `[-…-]`,
insertions `{+…+}`, and critical changes are listed on their own.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from claimcheck.model import (
    Article,
    ClaimKind,
    ClaimResult,
    DiffOp,
    LinkStatus,
    RunReport,
    SourceReport,
    Verdict,
)
from claimcheck.report.common import (
    CHANGE_HELP,
    ClaimGroup,
    archive_date,
    archive_url_for,
    bracket_insertions,
    change_label,
    claim_fails,
    claim_target,
    group_claims,
    http_detail,
    human_date,
    is_links,
    one_line,
    plural,
    redirect_target,
    short,
    source_fails,
    source_for,
    source_needs_attention,
    split_evidence,
    summary_text,
    trim_context,
    visible_controls,
    where_found,
)
from claimcheck.report.interface import ReportFormat

logger = logging.getLogger(__name__)


class SafeText(Text):
    """A `Text` whose strings have their control characters shown escaped (`visible_controls`).

    Every text of this report is built with it, since most of it is untrusted: rich strips only
    BEL, BS, VT, FF and CR, so an ESC in a source page or a quote would reach the terminal and
    could hide text, recolour it or set the window title. Styles are spans, applied
    after the text is made safe, so the report's own colours still work. Rich markup is never
    parsed (`Text`, and `markup=False`): a quote holding `[bold]` is shown as written.
    """

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(visible_controls(text), *args, **kwargs)

    def append(self, text: Text | str, style: str | Style | None = None) -> Text:
        return super().append(
            visible_controls(text) if isinstance(text, str) else _safe(text), style
        )

    def append_text(self, text: Text) -> Text:
        return super().append_text(_safe(text))


def _safe(text: Text) -> Text:
    """`text` as it is, unless it is a plain `Text` holding a control character."""
    if isinstance(text, SafeText) or visible_controls(text.plain) == text.plain:
        return text
    return SafeText(text.plain, text.style)  # its spans' offsets would no longer hold


#: A symbol and a style per verdict; the symbol carries the meaning when there is no colour.
VERDICT_STYLE: dict[Verdict, tuple[str, str]] = {
    Verdict.VERIFIED: ("✔", "bold green"),
    Verdict.APPROXIMATE: ("≈", "bold yellow"),
    Verdict.MISMATCH: ("✘", "bold red"),
    Verdict.NOT_FOUND: ("✘", "red"),
    Verdict.UNREACHABLE: ("⚠", "bold magenta"),
    Verdict.BLOCKED: ("⊘", "yellow"),
    Verdict.NO_SOURCE: ("–", "dim"),
    Verdict.ERROR: ("!", "red"),
}

STATUS_STYLE: dict[LinkStatus, str] = {
    LinkStatus.OK: "green",
    LinkStatus.REDIRECTED: "cyan",
    LinkStatus.DEAD: "bold red",
    LinkStatus.SOFT_404: "red",
    LinkStatus.BLOCKED: "yellow",
    LinkStatus.TIMEOUT: "magenta",
    LinkStatus.ERROR: "red",
    LinkStatus.EXCLUDED: "dim",
}

#: How a change since the lock file looks; worse is red, better green.
CHANGE_STYLE: dict[str, str] = {
    "drift": "bold red",
    "new": "bold red",
    "changed": "yellow",
    "recovered": "green",
    "unconfirmed": "dim",
}

#: Characters of source context shown either side of the matched passage. Two lines of a terminal
#: are enough to judge whether the passage says what the article claims.
CONTEXT_CHARS = 160

_INDENT = 4
_MATCH_STYLE = "bold reverse"
_DELETE_STYLE = "red strike"
_INSERT_STYLE = "green"
_CRITICAL_STYLE = "bold white on red"


def make_console(*, color: bool, width: int) -> Console:
    """A console that records into a string, with colour only when asked for (and no `NO_COLOR`)."""
    return Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor" if color else None,
        force_terminal=color,
        force_jupyter=False,
        force_interactive=False,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        soft_wrap=False,
    )


def _output(console: Console) -> str:
    file = console.file
    assert isinstance(file, io.StringIO)
    # Rich pads wrapped lines and table cells to the full width; trailing blanks only get in the
    # way of a reader's terminal selection and of diffs between two runs.
    return "\n".join(line.rstrip() for line in file.getvalue().split("\n"))


class ConsoleFormat(ReportFormat):
    """Human-readable, for an editor at a terminal."""

    def __init__(self, *, color: bool = False, width: int = 100) -> None:
        self.color = color
        self.width = width

    def render(self, report: RunReport) -> str:
        console = make_console(color=self.color, width=self.width)
        title = SafeText(f"claimcheck {report.command}", style="bold")
        sources = ", ".join(a.source for a in report.articles)
        if sources:
            title.append(f" · {sources}")
        console.print(title)
        if is_links(report):
            console.print()
            console.print(links_table(report.sources, report))
        else:
            for group in group_claims(report):
                console.print()
                console.print(_group(group, report))
            problems = [s for s in report.sources if source_needs_attention(s)]
            if problems:
                console.print()
                console.print(SafeText("Links needing attention", style="bold"))
                console.print(links_table(problems, report))
        console.print()
        console.print(SafeText(summary_text(report), style="bold"))
        for hint in report.hints:
            console.print(SafeText.assemble(("hint: ", "cyan"), hint))
        return _output(console)


# --------------------------------------------------------------------------- verify


def _group(group: ClaimGroup, report: RunReport) -> RenderableType:
    source = source_for(report, group.url)
    heading = SafeText(group.label.capitalize(), style="bold")
    if len(report.articles) > 1:
        heading.append(f" · {group.article}")
    if group.url:
        heading.append(" · ")
        heading.append(group.url, style="underline")
    if source is not None:
        heading.append(" · ")
        heading.append_text(status_text(source))
    parts: list[RenderableType] = [Rule(heading, align="left", style="dim")]
    parts.extend(_claim(result, report, source) for result in group.results)
    return Group(*parts)


def verdict_text(verdict: Verdict) -> Text:
    """`✘ mismatch` in the verdict's colour."""
    symbol, style = VERDICT_STYLE[verdict]
    return SafeText(f"{symbol} {verdict.value}", style=style)


def status_text(source: SourceReport) -> Text:
    """`dead 404` in the status's colour."""
    fetch = source.fetch
    text = SafeText(fetch.status.value, style=STATUS_STYLE[fetch.status])
    if fetch.http_status is not None:
        text.append(f" {fetch.http_status}")
    return text


def _claim(result: ClaimResult, report: RunReport, source: SourceReport | None) -> RenderableType:
    claim = result.claim
    head = verdict_text(result.verdict)
    change = change_label(result)
    if change:
        head.append(f" [{change}]", style=CHANGE_STYLE.get(change, ""))
    if claim_fails(result, report):
        head.append(" (fails)", style="red")
    head.append(f"  line {claim.line}  {claim.kind.value}  ")
    head.append(f"“{one_line(claim_target(result))}”", style="italic")
    body: list[RenderableType] = [Padding(head, (0, 0, 0, 2), expand=False)]
    details: list[Text] = []
    if claim.kind is ClaimKind.FACT and claim.value:
        details.append(SafeText.assemble(("value: ", "dim"), one_line(claim.value)))
    if result.evidence is not None:
        details.append(_evidence(result))
    if result.diff and result.verdict in (Verdict.APPROXIMATE, Verdict.MISMATCH):
        details.extend(_diff(result.diff))
    details.extend(
        SafeText.assemble(
            (one_line(i.bracket), "bold"), " stands for ", (f"“{one_line(i.stands_for)}”", "italic")
        )
        for i in bracket_insertions(result)
    )
    if result.detail:
        details.append(SafeText.assemble(("detail: ", "dim"), one_line(result.detail)))
    if change in CHANGE_HELP:
        details.append(SafeText.assemble((f"{change}: ", "dim"), f"{CHANGE_HELP[change]}"))
    archive = archive_url_for(result, source)
    captured = archive_date(archive)
    of = f" of {human_date(captured)}" if captured else ""
    if result.via == "archive" and archive:
        details.append(SafeText.assemble((f"checked against archived copy{of}: ", "dim"), archive))
    elif archive and result.verdict is not Verdict.VERIFIED:
        details.append(SafeText.assemble((f"archived copy{of}: ", "dim"), archive))
    body.extend(Padding(d, (0, 0, 0, _INDENT), expand=False) for d in details)
    return Group(*body)


def _evidence(result: ClaimResult) -> Text:
    evidence = result.evidence
    assert evidence is not None
    before, match, after = split_evidence(evidence)
    where = where_found(evidence)
    text = SafeText.assemble((f"{where}: ", "dim"))
    before, after = trim_context(" ".join(before.split()), " ".join(after.split()), CONTEXT_CHARS)
    text.append(before + (" " if before and not before.endswith(" ") else ""))
    text.append("»" + " ".join(match.split()) + "«", style=_MATCH_STYLE)
    text.append((" " if after and not after.startswith((" ", ",", ".", ";", ":")) else "") + after)
    return text


def _diff(diff: Sequence[DiffOp]) -> list[Text]:
    """A word diff, quote → source, and the critical changes on a line of their own."""
    text = SafeText.assemble(("diff (quote → source): ", "dim"))
    first = True
    for op in diff:
        if not first:
            text.append(" ")
        first = False
        extra = _CRITICAL_STYLE if op.critical else ""
        if op.op == "equal":
            text.append(one_line(op.quote or op.source))
            continue
        if op.quote:
            text.append(f"[-{one_line(op.quote)}-]", style=f"{_DELETE_STYLE} {extra}".strip())
        if op.source:
            text.append(f"{{+{one_line(op.source)}+}}", style=f"{_INSERT_STYLE} {extra}".strip())
    lines = [text]
    critical = [op for op in diff if op.critical]
    if critical:
        changes = SafeText.assemble(("critical: ", "bold red"))
        for i, op in enumerate(critical):
            if i:
                changes.append(", ")
            changes.append(f"“{one_line(op.quote)}” → “{one_line(op.source)}”", style="bold")
        lines.append(changes)
    return lines


# --------------------------------------------------------------------------- links


def links_table(sources: Sequence[SourceReport], report: RunReport) -> Table:
    """Status, HTTP status, URL (with the final URL of a redirect), notes and detail per URL."""
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False, expand=True
    )
    table.add_column("status", no_wrap=True)
    table.add_column("HTTP", justify="right", no_wrap=True)
    table.add_column("URL", overflow="fold", ratio=3)
    table.add_column("notes", overflow="fold", ratio=1)
    table.add_column("detail", overflow="fold", ratio=2)
    for source in sources:
        fetch = source.fetch
        status = SafeText(fetch.status.value, style=STATUS_STYLE[fetch.status])
        change = change_label(source)
        if change:
            status.append(f"\n[{change}]", style=CHANGE_STYLE.get(change, ""))
        if source_fails(source, report):
            status.append(" ✘", style="bold red")
        url = SafeText(fetch.url)
        target = redirect_target(source)
        if target:
            url.append("\n→\u00a0", style="dim")
            url.append(target)
        notes = ", ".join(source.notes)
        if source.line is not None:
            notes = f"{notes}\nline {source.line}" if notes else f"line {source.line}"
        detail = SafeText(http_detail(source))
        if fetch.archive_url and fetch.via != "archive":
            captured = archive_date(fetch.archive_url)
            label = f"archived {human_date(captured)}: " if captured else "archived: "
            detail.append(("\n" if detail else "") + label, style="dim")
            detail.append(fetch.archive_url)
        table.add_row(
            status,
            SafeText(str(fetch.http_status) if fetch.http_status is not None else "–"),
            url,
            SafeText(notes),
            detail,
        )
    return table


# --------------------------------------------------------------------------- claims command


def render_articles_text(
    articles: Sequence[Article], *, uncited: bool, color: bool = False, width: int = 100
) -> str:
    """`claimcheck claims`: per article, a table of notes and a table of claims (SPEC §10)."""
    console = make_console(color=color, width=width)
    for index, article in enumerate(articles):
        if index:
            console.print()
        title = SafeText(article.source, style="bold")
        if article.title:
            title.append(f" · {article.title}")
        console.print(title)
        console.print()
        console.print(_notes_table(article))
        console.print()
        console.print(_claims_table(article))
        if uncited:
            console.print()
            console.print(_uncited_table(article))
        console.print(
            SafeText(
                f"{plural(len(article.notes), 'note')}, {plural(len(article.claims), 'claim')}"
                + (f", {len(article.uncited)} uncited" if uncited else ""),
                style="dim",
            )
        )
    return _output(console)


def _listing(title: str) -> Table:
    """An empty full-width table in the style of `claimcheck claims`' listings."""
    return Table(
        title=title,
        title_justify="left",
        header_style="bold",
        pad_edge=False,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        expand=True,
    )


def _notes_table(article: Article) -> Table:
    table = _listing("Notes")
    table.add_column("note", justify="right", no_wrap=True)
    table.add_column("→", justify="right", no_wrap=True)
    table.add_column("URLs", overflow="fold", ratio=3)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("text", overflow="fold", ratio=2)
    for note in article.notes:
        urls = "\n".join(note.urls) if note.urls else "(no URL)"
        table.add_row(
            SafeText(note.id),
            SafeText(note.resolved_note or ""),
            SafeText(urls, style="" if note.urls else "dim"),
            SafeText(str(note.line)),
            SafeText(short(note.text, 80)),
        )
    return table


#: The widest the claims table's id column is kept from folding (half of the default 100 columns).
_ID_MAX_WIDTH = 50


def _claims_table(article: Article) -> Table:
    table = _listing("Claims")
    # An id is what a user copies into claims.toml or `--claims`: keep it on one line. Ids are
    # capped at a few slug words (`claims.from_article.make_claim_id`), so this fits a terminal;
    # only an id longer than half the width (a hand-written one) still folds.
    longest = max((len(c.id) for c in article.claims), default=2)
    table.add_column("id", overflow="fold", min_width=min(longest, _ID_MAX_WIDTH))
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("note", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("quote or fact", overflow="fold", ratio=5)
    for claim in article.claims:
        if claim.kind is ClaimKind.FACT:
            what = SafeText(one_line(claim.fact or ""))
            if claim.value:
                what.append(f" = {one_line(claim.value)}", style="dim")
        else:
            what = SafeText(f"“{one_line(claim.quote or '')}”")
        if claim.url and claim.note is None:
            what.append("\n" + claim.url, style="dim")
        table.add_row(
            SafeText(claim.id),
            SafeText(f"{claim.line}:{claim.column}"),
            SafeText(claim.note or "link"),
            SafeText(claim.kind.value),
            what,
        )
    return table


def _uncited_table(article: Article) -> Table:
    table = _listing("Uncited figures and quotations")
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("reason", no_wrap=True)
    table.add_column("sentence", overflow="fold", ratio=1)
    for item in article.uncited:
        table.add_row(
            SafeText(str(item.line)), SafeText(item.reason), SafeText(one_line(item.sentence))
        )
    return table
