"""The `html` format: self-contained, escaped, with filters, side-by-side evidence and links."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser

from claimcheck.model import ClaimResult, DiffOp, RunReport, Verdict
from claimcheck.report import ReportFormatChoice
from claimcheck.report.html import HtmlFormat, link
from tests.unit.report.factory import make_claim_results, make_verify_report

EXPECTED_MISMATCH = """\
<article class="claim v-mismatch" id="claim-fund-150-million" data-key="verdict:mismatch">
<header><span class="badge v-mismatch" title="the closest passage differs in a number, name or negation">mismatch</span> <span class="fails">fails</span> <span class="muted">stories/harbour.md:18 · quote</span> <span class="muted">tier approximate</span> <span class="muted">score 0.97</span></header>
<div class="pair">
<div class="side quote"><h4>Article</h4><blockquote dir="auto">“the fund now holds <del class="crit">$150</del> million for the second phase”</blockquote></div>
<div class="side source"><h4>Source (main)</h4><blockquote dir="auto"><span class="ctx">Harbour reopens. After two winters of works, the town council promised the ferry terminal will open in May, and the mayor said </span><mark>the fund now holds <ins class="crit">$105</ins> million for the second phase</mark><span class="ctx">.</span></blockquote></div>
</div>
<p class="sentence" dir="auto">The mayor added that “the fund now holds $150 million for the second phase”.[3]</p>
<ul class="facts"><li>changed number, name or negation: <del class="crit">$150</del> → <ins class="crit">$105</ins></li></ul>
<p class="links"><a href="https://news.example.com/harbour-reopens" rel="noopener noreferrer nofollow">live source</a> · <a href="https://news.example.com/2024/harbour-reopens" rel="noopener noreferrer nofollow">final URL</a></p>
</article>
"""

EXPECTED_REDIRECT_ROW = """\
<tr data-key="status:redirected"><td><span class="badge s-redirected">redirected 200</span></td><td class="url" data-label="URL"><a href="https://news.example.com/harbour-reopens" rel="noopener noreferrer nofollow">https://news.example.com/harbour-reopens</a><br>→ <a href="https://news.example.com/2024/harbour-reopens" rel="noopener noreferrer nofollow">https://news.example.com/2024/harbour-reopens</a></td><td data-label="HTTP">200</td><td class="notes" data-label="Notes"><bdi>2, 3</bdi> <span class="muted">(line 16)</span></td><td data-label="Detail">permanent redirect: update the URL</td></tr>
"""


def _render(report: RunReport) -> str:
    return HtmlFormat().render(report)


def _element(html: str, pattern: str) -> str:
    match = re.search(pattern, html, re.S)
    assert match is not None, pattern
    return match.group() + "\n"


def test_mismatch_claim_snapshot(verify_report: RunReport) -> None:
    out = _render(verify_report)
    assert _element(out, r'<article class="claim v-mismatch".*?</article>') == EXPECTED_MISMATCH


def test_redirect_row_snapshot(verify_report: RunReport) -> None:
    out = _render(verify_report)
    assert _element(out, r'<tr data-key="status:redirected">.*?</tr>') == EXPECTED_REDIRECT_ROW


class _Collector(HTMLParser):
    """Every tag with its attributes, and the text inside `<script>` and `<style>`."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.blocks:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.blocks[self._in].append(data)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_self_contained(verify_report: RunReport) -> None:
    page = _parse(_render(verify_report))
    names = [t for t, _ in page.tags]
    assert "link" not in names and "img" not in names and "iframe" not in names
    assert any(tag == "a" for tag, _ in page.tags)  # the link checks below must run
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag  # no external script, image or frame
        if tag == "a":
            assert (attrs.get("href") or "").startswith(("https://", "http://")), attrs
            assert attrs.get("rel") == "noopener noreferrer nofollow"
    css = "".join(page.blocks["style"])
    assert "url(" not in css and "@import" not in css
    assert len(page.blocks["script"]) == 1 and len(page.blocks["style"]) == 1


def test_csp_allows_exactly_our_inline_blocks(verify_report: RunReport) -> None:
    html = _render(verify_report)
    page = _parse(html)
    csp = next(
        a["content"]
        for t, a in page.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    for kind in ("script", "style"):
        (block,) = page.blocks[kind]
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_untrusted_text_is_escaped_and_bad_urls_are_not_links(verify_report: RunReport) -> None:
    base = make_claim_results()[5]
    payload = '<script>alert(1)</script>" onmouseover="alert(2)'
    claim = dataclasses.replace(base.claim, quote=payload, sentence=payload, id='x" onclick="y')
    hostile = ClaimResult(
        claim=claim, verdict=Verdict.NOT_FOUND, url="javascript:alert(3)", detail=payload
    )
    html = _render(dataclasses.replace(verify_report, claims=(hostile,)))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)" in html
    page = _parse(html)
    assert all("onmouseover" not in attrs and "onclick" not in attrs for _, attrs in page.tags)
    assert not any((a.get("href") or "").startswith("javascript") for _, a in page.tags)
    assert len(page.blocks["script"]) == 1
    assert link("x", "JavaScript:alert(1)") == "x"
    assert link("x", "data:text/html,hi") == "x"


def test_filters_cover_present_verdicts_and_statuses(verify_report: RunReport) -> None:
    page = _parse(_render(verify_report))
    filters = [a["data-filter"] for t, a in page.tags if t == "input" and "data-filter" in a]
    assert filters == [f"verdict:{v.value}" for v in Verdict] + [
        f"status:{s}"
        for s in ("ok", "redirected", "dead", "soft_404", "blocked", "timeout", "error", "excluded")
    ]
    keys = [a["data-key"] for t, a in page.tags if t == "article"]
    assert len(keys) == 11 and "verdict:verified" in keys


def test_side_by_side_with_archive_and_insertions(verify_report: RunReport) -> None:
    html = _render(verify_report)
    board = _element(
        html, r'<article class="claim v-verified" id="claim-board-approved".*?</article>'
    )
    assert "<h4>Source (pdf, p. 4)</h4>" in board
    assert "<mark>the harbour board approved the plan unanimously</mark>" in board
    assert (
        "<strong><bdi>[the board]</bdi></strong> stands for “<bdi>the harbour board</bdi>”" in board
    )
    assert "checked against an archived copy" in board
    assert (
        'href="https://web.archive.org/web/20230314000000/https://gone.example.net/board/report.pdf"'
        in board
    )
    approx = _element(html, r'<article class="claim v-approximate".*?</article>')
    assert (
        "<del>[the council]</del> promised the <del>(long-delayed)</del> ferry terminal" in approx
    )
    assert "<ins>the town council</ins> promised the ferry terminal" in approx


def test_responsive_and_printable(verify_report: RunReport) -> None:
    html = _render(verify_report)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media (max-width:720px)" in html
    assert "@media print" in html


def test_links_report_has_no_claims_section(links_report: RunReport) -> None:
    html = ReportFormatChoice.HTML.to_format().render(links_report)
    assert 'id="claims"' not in html and "<article" not in html
    assert html.count("<tr data-key=") == len(links_report.sources)
    assert "status:ok" in html and 'data-filter="verdict:' not in html


# A diff whose changed words sit next to punctuation; test_html_browser_qa.py shows it in Chromium.
SPACING_QUOTE = "the committee met in the evening, and the line (finally) reopened"
SPACING_PASSAGE = "the committee met in the morning, and the line (at last) reopened"
SPACING_DIFF = (
    DiffOp(op="equal", quote="the committee met in the", source="the committee met in the"),
    DiffOp(op="replace", quote="evening", source="morning"),
    DiffOp(op="equal", quote=", and the line (", source=", and the line ("),
    DiffOp(op="replace", quote="finally", source="at last"),
    DiffOp(op="equal", quote=") reopened", source=") reopened"),
)


def test_diff_keeps_the_spacing_of_the_quote_and_the_source() -> None:
    """Punctuation next to a changed word stays where the text has it: no space is added."""
    base = next(r for r in make_claim_results() if r.verdict is Verdict.APPROXIMATE)
    claim = dataclasses.replace(base.claim, quote=SPACING_QUOTE)
    evidence = dataclasses.replace(
        base.evidence,
        text=SPACING_PASSAGE,
        context=SPACING_PASSAGE,
        start=0,
        end=len(SPACING_PASSAGE),
    )
    result = dataclasses.replace(base, claim=claim, evidence=evidence, diff=SPACING_DIFF)
    report = dataclasses.replace(make_verify_report(), claims=(result,))
    html = _render(report)
    quote_side = _element(html, r'<div class="side quote">.*?</div>')
    source_side = _element(html, r'<div class="side source">.*?</div>')
    assert (
        "the committee met in the <del>evening</del>, and the line (<del>finally</del>) reopened"
        in quote_side
    )
    assert (
        "the committee met in the <ins>morning</ins>, and the line (<ins>at last</ins>) reopened"
        in source_side
    )


def test_diff_words_not_found_in_the_text_are_still_set_apart() -> None:
    """Ops that do not line up with the text (a normalised spelling) fall back to one space."""
    base = next(r for r in make_claim_results() if r.verdict is Verdict.APPROXIMATE)
    claim = dataclasses.replace(base.claim, quote="Straße am Hafen")
    diff = (
        DiffOp(op="replace", quote="strasse", source="gasse"),
        DiffOp(op="equal", quote="am Hafen", source="am Hafen"),
    )
    result = dataclasses.replace(base, claim=claim, diff=diff)
    html = _render(dataclasses.replace(make_verify_report(), claims=(result,)))
    assert "“<del>strasse</del> am Hafen”" in html


def test_diff_word_from_outside_the_passage_is_set_apart() -> None:
    """A negator the matcher found just before the passage is not in it: a space, not glued."""
    base = next(r for r in make_claim_results() if r.verdict is Verdict.MISMATCH)
    assert base.evidence is not None
    passage = base.evidence.text
    diff = (
        DiffOp(op="insert", quote="", source="not", critical=True),
        DiffOp(op="equal", quote=base.claim.quote or "", source=passage),
    )
    html = _render(make_verify_report(claims=(dataclasses.replace(base, diff=diff),)))
    assert f'<mark><ins class="crit">not</ins> {passage}</mark>' in html
