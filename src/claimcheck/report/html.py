"""The `html` format: one self-contained page for editors (SPEC §8).

Each claim shows the article's words next to the source's, with the differences marked, the
verdict, and links to the live and archived copies. Filters (one checkbox per verdict and per
link status) hide what needs no attention. The page loads nothing: CSS and JS are inline, and a
Content-Security-Policy allows only those two blocks (by hash), so a page opened from a CI
artifact makes no request and runs no script but ours. Everything from the article and the
sources is escaped, and only `http(s)` URLs become links: both are untrusted.
It reads on a phone (one column under 720 px) and prints (filters hidden, claims kept whole).
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from claimcheck import __version__
from claimcheck.model import ClaimKind, ClaimResult, DiffOp, RunReport, SourceReport, Verdict
from claimcheck.report.common import (
    CHANGE_HELP,
    ClaimGroup,
    archive_date,
    archive_url_for,
    bracket_insertions,
    change_label,
    claim_fails,
    claim_target,
    format_duration,
    group_claims,
    http_detail,
    human_date,
    is_links,
    iso_utc,
    nonzero,
    plural,
    redirect_target,
    since_lock,
    source_fails,
    source_for,
    split_evidence,
    status_counts,
    summary_text,
    trim_context,
    verdict_counts,
    visible_controls,
    where_found,
)
from claimcheck.report.interface import ReportFormat

logger = logging.getLogger(__name__)

#: Source context shown either side of the matched passage: about three lines of a column, enough
#: to see whether the passage is a quotation of someone else or a heading.
CONTEXT_CHARS = 300

VERDICT_HELP: dict[Verdict, str] = {
    Verdict.VERIFIED: "every quote segment and fact was found in the source",
    Verdict.APPROXIMATE: "found with small differences that change no number, name or negation",
    Verdict.MISMATCH: "the closest passage differs in a number, name or negation",
    Verdict.NOT_FOUND: "the source was read and nothing close enough was found",
    Verdict.UNREACHABLE: "the source could not be fetched and no archived copy served",
    Verdict.BLOCKED: "the site refused us",
    Verdict.NO_SOURCE: "the note has no URL",
    Verdict.ERROR: "the source was fetched but could not be read",
}

_CSS = """
:root{--fg:#1d2330;--muted:#5b6475;--bg:#fff;--card:#f7f8fa;--line:#d9dde4;--ok:#1a7f37;
--warn:#9a6700;--bad:#cf222e;--info:#0969da;--mark:#fff1a8;--del:#ffd7d5;--ins:#d2f4d3;
--on-badge:#fff}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#9aa3b2;--bg:#111418;--card:#1a1f26;
--line:#2f3742;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--info:#58a6ff;--mark:#5a4a00;
--del:#6e2121;--ins:#1d4d2a;--on-badge:#111418}}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
background:var(--bg)}
header.page,main,footer{max-width:1100px;margin:0 auto;padding:0 16px}
h1{font-size:1.5rem;margin:16px 0 4px}h2{font-size:1.25rem;margin:24px 0 8px}
h3{font-size:1rem;margin:0;font-weight:600;overflow-wrap:anywhere}
.meta,.muted{color:var(--muted);font-size:.9rem}
h1,.meta,.summary{overflow-wrap:anywhere}
a{color:var(--info)}
.filters{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0;align-items:center}
.filters label{display:inline-flex;gap:6px;align-items:center;border:1px solid var(--line);
border-radius:999px;padding:4px 10px;cursor:pointer;background:var(--card);user-select:none}
.filters button{font:inherit;border:1px solid var(--line);border-radius:999px;padding:4px 12px;
background:var(--bg);color:var(--fg);cursor:pointer}
.count{font-variant-numeric:tabular-nums;color:var(--muted)}
.note{margin:16px 0;border-top:2px solid var(--line);padding-top:8px}
.note>h3{margin-bottom:8px}
.claim{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--muted);
border-radius:6px;padding:10px 12px;margin:10px 0}
.claim.v-verified{border-left-color:var(--ok)}.claim.v-approximate{border-left-color:var(--warn)}
.claim.v-mismatch,.claim.v-not_found,.claim.v-unreachable,.claim.v-error{border-left-color:var(--bad)}
.claim.v-blocked{border-left-color:var(--warn)}
.claim>header{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}
.badge{display:inline-block;font-weight:700;font-size:.8rem;letter-spacing:.02em;border-radius:4px;
padding:1px 8px;color:var(--on-badge);background:var(--muted)}
.badge.v-verified,.badge.s-ok{background:var(--ok)}
.badge.v-approximate,.badge.v-blocked,.badge.s-blocked,.badge.s-redirected,.badge.s-timeout{
background:var(--warn)}
.badge.v-mismatch,.badge.v-not_found,.badge.v-unreachable,.badge.v-error,.badge.s-dead,
.badge.s-soft_404,.badge.s-error{background:var(--bad)}
.fails{color:var(--bad);font-weight:700;font-size:.8rem}
.change{font-weight:700;font-size:.8rem;border:1px solid currentColor;border-radius:4px;
padding:0 6px}
.change.c-drift,.change.c-new{color:var(--bad)}.change.c-changed{color:var(--warn)}
.change.c-recovered{color:var(--ok)}.change.c-unconfirmed{color:var(--muted)}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:8px}
.side h4{margin:0 0 4px;font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;
color:var(--muted)}
.side blockquote{margin:0;padding:8px 10px;background:var(--bg);border:1px solid var(--line);
border-radius:4px;overflow-wrap:anywhere}
.ctx{color:var(--muted)}
mark{background:var(--mark);color:inherit;padding:0 1px}
del{background:var(--del);text-decoration:line-through;color:inherit}
ins{background:var(--ins);text-decoration:none;color:inherit}
del.crit,ins.crit{outline:2px solid var(--bad);font-weight:700}
.facts{margin:8px 0 0;padding-left:20px}
.facts li{overflow-wrap:anywhere}
.links{margin:8px 0 0;font-size:.9rem}
.sentence{margin:6px 0 0;font-size:.9rem;color:var(--muted);overflow-wrap:anywhere}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
td.url{overflow-wrap:anywhere;word-break:break-word;min-width:12em}
td.notes{overflow-wrap:anywhere;min-width:6em}
footer{padding-bottom:32px}
.filters .group{font-weight:600;color:var(--muted);font-size:.9rem;min-width:3.5em}
.filters .row{display:flex;flex-wrap:wrap;gap:8px;align-items:center;width:100%}
@media (max-width:720px){.pair{grid-template-columns:1fr}body{font-size:15px}
table,tbody,tr,td{display:block;width:100%}thead{display:none}
tr{border-bottom:1px solid var(--line);padding:6px 0}td{border:0;padding:2px 0}
td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}
td:empty{display:none}}
@media print{.filters,.noprint{display:none!important}body{font-size:11pt;background:#fff;color:#000}
ins{text-decoration:underline;text-decoration-thickness:2px;text-underline-offset:2px}
.claim{break-inside:avoid;background:#fff}.note>h3{break-after:avoid}
.links a[href]::after{content:" <" attr(href) ">";font-size:8pt;color:#555;overflow-wrap:anywhere}}
"""

# A click on a filter hides the claims (or link rows) with that verdict (or status); a note whose
# claims are all hidden is hidden too. Without JavaScript everything stays visible.
_JS = """
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  function apply() {
    var off = {};
    boxes.forEach(function (box) { if (!box.checked) { off[box.getAttribute("data-filter")] = true; } });
    document.querySelectorAll("[data-key]").forEach(function (el) {
      el.hidden = off[el.getAttribute("data-key")] === true;
    });
    document.querySelectorAll("section.note").forEach(function (note) {
      note.hidden = note.querySelector(".claim:not([hidden])") === null;
    });
    var counter = document.getElementById("shown");
    if (counter) {
      var parts = [["claim", ".claim"], ["link", "tr[data-key]"]].map(function (kind) {
        var total = document.querySelectorAll(kind[1]).length;
        var shown = document.querySelectorAll(kind[1] + ":not([hidden])").length;
        return total ? shown + " of " + total + " " + kind[0] + (total === 1 ? "" : "s") : "";
      }).filter(Boolean);
      var text = parts.length ? parts.join(", ") + " shown" : "";
      if (counter.textContent !== text) { counter.textContent = text; }
    }
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  var problems = document.getElementById("only-problems");
  if (problems) {
    problems.addEventListener("click", function () {
      boxes.forEach(function (box) {
        var key = box.getAttribute("data-filter");
        box.checked = !(key === "verdict:verified" || key === "status:ok");
      });
      apply();
    });
  }
  var all = document.getElementById("show-all");
  if (all) {
    all.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = true; });
      apply();
    });
  }
  apply();
}());
"""


def _csp_hash(block: str) -> str:
    digest = hashlib.sha256(block.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: Nothing may load; only our own style and script blocks may apply (by hash).
CSP = (
    "default-src 'none'; "
    f"style-src {_csp_hash(_CSS)}; "
    f"script-src {_csp_hash(_JS)}; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def esc(text: str | None) -> str:
    """Escape text for an HTML element or a quoted attribute; a control character, which HTML
    may not hold, is shown escaped (`\\x1b`) as the text report shows it."""
    return html.escape(visible_controls(text or ""), quote=True)


def _href(url: str) -> str:
    """`url` for an `href`: its control characters percent-encoded, as a browser would send them."""
    return esc(_URL_CONTROLS.sub(lambda m: quote(m.group(), safe=""), url))


_URL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


def link(label: str, url: str | None, *, cls: str = "") -> str:
    """An `<a>` for an http(s) URL; other schemes (`javascript:`…) are shown as text only."""
    if not url:
        return ""
    if not url.lower().startswith(("http://", "https://")):
        return f'<span class="{esc(cls)}">{esc(label)}</span>' if cls else esc(label)
    class_attr = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{_href(url)}"{class_attr} rel="noopener noreferrer nofollow">{esc(label)}</a>'


class HtmlFormat(ReportFormat):
    """One self-contained HTML page."""

    def render(self, report: RunReport) -> str:
        title = f"claimcheck {report.command}"
        if report.articles:
            title += " · " + ", ".join(a.source for a in report.articles)
        parts: list[str] = [
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="generator" content="claimcheck">',
            f"<title>{esc(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            *_page_header(report),
            "<main>",
        ]
        if not is_links(report):
            parts.append('<section id="claims">')
            parts.append("<h2>Claims</h2>")
            if not report.claims:
                parts.append('<p class="muted">No claims.</p>')
            parts.extend(_note_section(group, report) for group in group_claims(report))
            parts.append("</section>")
        parts.append('<section id="links">')
        parts.append("<h2>Links</h2>")
        parts.append(_links_table(report.sources, report))
        parts.append("</section>")
        parts.append("</main>")
        parts.append("<footer>")
        if report.hints:
            parts.append("<h2>Hints</h2><ul>")
            parts.extend(f"<li>{esc(h)}</li>" for h in report.hints)
            parts.append("</ul>")
        parts.append(
            f'<p class="muted">claimcheck {esc(__version__)} · report schema claimcheck/report/v1'
            "</p>"
        )
        parts.append("</footer>")
        parts.append(f"<script>{_JS}</script>")
        parts.append("</body>")
        parts.append("</html>")
        return "\n".join(parts) + "\n"


def _page_header(report: RunReport) -> list[str]:
    out = ['<header class="page">', f"<h1>claimcheck {esc(report.command)}</h1>"]
    meta: list[str] = []
    if report.articles:
        meta.append(", ".join(f"<bdi>{esc(a.title or a.source)}</bdi>" for a in report.articles))
    started = iso_utc(report.started_at)
    if started:
        meta.append(f'<time datetime="{esc(started)}">{esc(started)}</time>')
    meta.append(esc(format_duration(report.duration)))
    if report.fail_on:
        meta.append("fails on: " + esc(", ".join(sorted(report.fail_on))))
    out.append(f'<p class="meta">{" · ".join(meta)}</p>')
    summary = esc(summary_text(report))
    out.append(f'<p class="summary"><strong>{summary}</strong></p>')
    if report.interrupted:
        out.append('<p class="fails">Interrupted: this is a partial report.</p>')
    out.append('<nav class="filters" aria-label="Show or hide by verdict and link status">')
    if not is_links(report) and report.claims:
        out.append(
            '<div class="row" role="group" aria-labelledby="filter-claims">'
            '<span class="group" id="filter-claims">Claims</span>'
        )
        out.extend(
            _filter("verdict", k, n, VERDICT_HELP[Verdict(k)])
            for k, n in nonzero(verdict_counts(report))
        )
        out.append("</div>")
    if report.sources:
        out.append(
            '<div class="row" role="group" aria-labelledby="filter-links">'
            '<span class="group" id="filter-links">Links</span>'
        )
        out.extend(_filter("status", k, n, "") for k, n in nonzero(status_counts(report)))
        out.append("</div>")
    out.append('<div class="row">')
    out.append('<button type="button" id="only-problems">Only problems</button>')
    out.append('<button type="button" id="show-all">Show all</button>')
    shown = _shown_text(0 if is_links(report) else len(report.claims), len(report.sources))
    out.append(f'<span class="count" id="shown" role="status" aria-live="polite">{shown}</span>')
    out.append("</div>")
    out.append("</nav>")
    out.append("</header>")
    return out


def _shown_text(claims: int, links: int) -> str:
    """`4 of 4 claims, 2 of 2 links shown`, as the page opens; the script keeps it up to date, in
    the same words (`3 of 4 claims, …`), as filters hide claims and links."""
    parts = [f"{n} of {plural(n, word)}" for n, word in ((claims, "claim"), (links, "link")) if n]
    return ", ".join(parts) + " shown" if parts else ""


def _filter(kind: str, value: str, count: int, help_text: str) -> str:
    prefix = "v" if kind == "verdict" else "s"
    title = f' title="{esc(help_text)}"' if help_text else ""
    return (
        f'<label{title}><input type="checkbox" checked data-filter="{kind}:{esc(value)}">'
        f'<span class="badge {prefix}-{esc(value)}">{esc(value)}</span>'
        f'<span class="count">{count}</span></label>'
    )


def _note_section(group: ClaimGroup, report: RunReport) -> str:
    source = source_for(report, group.url)
    heading = [esc(group.label.capitalize())]
    if len(report.articles) > 1:
        heading.append(f"<bdi>{esc(group.article)}</bdi>")
    if group.url:
        heading.append(link(group.url, group.url))
    if source is not None:
        heading.append(_status_badge(source))
    body = "\n".join(_claim(r, report, source) for r in group.results)
    return f'<section class="note">\n<h3>{" · ".join(heading)}</h3>\n{body}\n</section>'


def _status_badge(source: SourceReport) -> str:
    fetch = source.fetch
    label = fetch.status.value + (f" {fetch.http_status}" if fetch.http_status is not None else "")
    return f'<span class="badge s-{esc(fetch.status.value)}">{esc(label)}</span>'


def _change_badge(item: ClaimResult | SourceReport) -> list[str]:
    """The claim's or link's change since the lock file, as a labelled badge (none: `[]`)."""
    change = change_label(item)
    if not change:
        return []
    help_text = CHANGE_HELP.get(change, change)
    return [
        f'<span class="change c-{esc(change)}" title="{esc(help_text)}">'
        f"{esc(since_lock(change))}</span>"
    ]


def _archive_link(url: str) -> str:
    """`archived copy (1 March 2021)`, linked."""
    captured = archive_date(url)
    return link(f"archived copy ({human_date(captured)})" if captured else "archived copy", url)


def claim_anchor(result: ClaimResult) -> str:
    """A stable element id for a claim (for links from CI logs to the report)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in result.claim.id)
    return f"claim-{safe}"


def _claim(result: ClaimResult, report: RunReport, source: SourceReport | None) -> str:
    claim = result.claim
    verdict = result.verdict.value
    where = f"{claim.article}:{claim.line}"
    head = [
        f'<span class="badge v-{esc(verdict)}" title="{esc(VERDICT_HELP[result.verdict])}">'
        f"{esc(verdict)}</span>"
    ]
    head.extend(_change_badge(result))
    if claim_fails(result, report):
        head.append('<span class="fails">fails</span>')
    head.append(f'<span class="muted">{esc(where)} · {esc(claim.kind.value)}</span>')
    if result.tier is not None:
        head.append(f'<span class="muted">tier {esc(result.tier.value)}</span>')
    if result.score:
        head.append(f'<span class="muted">score {result.score:.2f}</span>')

    article_side = _article_side(result)
    source_side = _source_side(result)
    facts: list[str] = []
    if claim.kind is ClaimKind.FACT and claim.value:
        facts.append(f'value: <code dir="auto">{esc(claim.value)}</code>')
    critical = [op for op in result.diff or () if op.critical]
    if critical:
        changes = ", ".join(
            f'<del class="crit">{esc(op.quote) or "∅"}</del> → '
            f'<ins class="crit">{esc(op.source) or "∅"}</ins>'
            for op in critical
        )
        facts.append(f"changed number, name or negation: {changes}")
    facts.extend(
        f"<strong><bdi>{esc(i.bracket)}</bdi></strong> stands for “<bdi>{esc(i.stands_for)}</bdi>”"
        for i in bracket_insertions(result)
    )
    if result.detail:
        facts.append(esc(result.detail))
    if result.via == "archive":
        captured = archive_date(result.archive_url)
        facts.append(
            f"checked against an archived copy of {esc(human_date(captured))}"
            if captured
            else "checked against an archived copy"
        )
    facts_html = (
        '<ul class="facts">' + "".join(f"<li>{f}</li>" for f in facts) + "</ul>\n" if facts else ""
    )
    links = [link("live source", result.url)]
    if source is not None:
        target = redirect_target(source)
        if target:
            links.append(link("final URL", target))
    archive = archive_url_for(result, source)
    if archive:
        links.append(_archive_link(archive))
    links_html = " · ".join(x for x in links if x)
    return (
        f'<article class="claim v-{esc(verdict)}" id="{esc(claim_anchor(result))}" '
        f'data-key="verdict:{esc(verdict)}">\n'
        f"<header>{' '.join(head)}</header>\n"
        f'<div class="pair">\n{article_side}\n{source_side}\n</div>\n'
        f'<p class="sentence" dir="auto">{esc(claim.sentence)}</p>\n'
        f"{facts_html}"
        + (f'<p class="links">{links_html}</p>\n' if links_html else "")
        + "</article>"
    )


def _article_side(result: ClaimResult) -> str:
    diff = result.diff if result.verdict in (Verdict.APPROXIMATE, Verdict.MISMATCH) else None
    target = claim_target(result)
    text = _diff_html(diff, side="quote", original=target) if diff else esc(target)
    return (
        '<div class="side quote"><h4>Article</h4>'
        f'<blockquote dir="auto">“{text}”</blockquote></div>'
    )


def _source_side(result: ClaimResult) -> str:
    evidence = result.evidence
    if evidence is None:
        message = {
            Verdict.NOT_FOUND: "Nothing close enough was found in the source.",
            Verdict.UNREACHABLE: "The source could not be fetched.",
            Verdict.BLOCKED: "The site refused the request.",
            Verdict.NO_SOURCE: "The note cites no URL.",
            Verdict.ERROR: "The source could not be read.",
        }.get(result.verdict, "No passage to show.")
        return (
            '<div class="side source"><h4>Source</h4>'
            f'<blockquote class="muted">{esc(message)}</blockquote></div>'
        )
    before, match, after = split_evidence(evidence)
    before, after = trim_context(before, after, CONTEXT_CHARS)
    diff = result.diff if result.verdict in (Verdict.APPROXIMATE, Verdict.MISMATCH) else None
    middle = _diff_html(diff, side="source", original=match) if diff else esc(match)
    where = where_found(evidence)
    return (
        f'<div class="side source"><h4>Source ({esc(where)})</h4><blockquote dir="auto">'
        f'<span class="ctx">{esc(before)}</span><mark>{middle}</mark>'
        f'<span class="ctx">{esc(after)}</span></blockquote></div>'
    )


def _diff_html(diff: Sequence[DiffOp], *, side: str, original: str) -> str:
    """One side of a word diff: words only that side has are `<del>` (quote) or `<ins>` (source).

    The ops hold words without the spaces between them; `original` (the quote, or the matched
    passage) gives them back, so "(finally)" or "morning," reads as written. A word that cannot
    be found where it should be is set off by one space, as before.
    """
    out: list[str] = []
    pos = 0
    lost = False  # the previous word is not in `original`: nothing says how far it is
    for op in diff:
        text = op.quote if side == "quote" else op.source
        if not text:
            continue
        spaced, pos, found = _find_next(original, text, pos)
        if out and (spaced or lost):
            out.append(" ")
        lost = not found
        if op.op == "equal":
            out.append(esc(text))
            continue
        tag = "del" if side == "quote" else "ins"
        cls = ' class="crit"' if op.critical else ""
        out.append(f"<{tag}{cls}>{esc(text)}</{tag}>")
    return "".join(out)


def _find_next(original: str, text: str, pos: int) -> tuple[bool, int, bool]:
    """Whether `text`, the next word(s) of `original` after `pos`, has white space before it
    there; the position after it; whether it was found. Words that are not next (a normalised
    spelling, a word the matcher added from outside the passage) are set off by a space."""
    rest = original[pos:]
    skipped = len(rest) - len(rest.lstrip())
    if rest.startswith(text, skipped):
        return skipped > 0, pos + skipped + len(text), True
    found = original.find(text, pos)
    if found < 0:
        return True, pos, False
    return True, found + len(text), True


def _links_table(sources: Iterable[SourceReport], report: RunReport) -> str:
    rows = [
        '<div class="tablewrap"><table>',
        "<thead><tr><th>Status</th><th>URL</th><th>HTTP</th><th>Notes</th><th>Detail</th></tr>"
        "</thead><tbody>",
    ]
    count = 0
    for source in sources:
        count += 1
        fetch = source.fetch
        status = " ".join([_status_badge(source), *_change_badge(source)])
        if source_fails(source, report):
            status += ' <span class="fails">fails</span>'
        url_cell = link(fetch.url, fetch.url)
        target = redirect_target(source)
        if target:
            url_cell += f"<br>→ {link(target, target)}"
        detail = esc(http_detail(source))
        if fetch.archive_url:
            archived = _archive_link(fetch.archive_url)
            detail = f"{detail}<br>{archived}" if detail else archived
        notes = f"<bdi>{esc(', '.join(source.notes))}</bdi>" if source.notes else ""
        if source.line is not None:
            notes += f' <span class="muted">(line {source.line})</span>'
        http_status = str(fetch.http_status) if fetch.http_status is not None else "–"
        rows.append(
            f'<tr data-key="status:{esc(fetch.status.value)}"><td>{status}</td>'
            f'<td class="url" data-label="URL">{url_cell}</td>'
            f'<td data-label="HTTP">{http_status}</td>'
            f'<td class="notes" data-label="Notes">{notes}</td>'
            f'<td data-label="Detail">{detail}</td></tr>'
        )
    if not count:
        rows.append('<tr><td colspan="5" class="muted">No links.</td></tr>')
    rows.append("</tbody></table></div>")
    return "\n".join(rows)
