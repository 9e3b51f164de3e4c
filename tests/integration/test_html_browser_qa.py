"""The HTML report as a reader meets it in Chromium: the diff's own text, right-to-left quotes,
print, phone width and what a screen reader is told about the filters.

Launches Debian's Chromium as `test_html_browser.py` does: every page must log no console
error (a CSP violation is one) and make no request.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from claimcheck.model import ClaimResult, RunReport, Verdict
from claimcheck.report import ReportFormatChoice
from tests.integration import test_html_browser as shared
from tests.unit.report.factory import make_verify_report
from tests.unit.report.test_html import SPACING_DIFF, SPACING_PASSAGE, SPACING_QUOTE

pytestmark = pytest.mark.browser

browser = shared.browser  # the same launch of Debian's Chromium
_open = shared._open

LONG_WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
LONG_URL = "https://example.org/" + "a-very-long-path-segment-without-any-break" * 3


def _approximate() -> ClaimResult:
    return next(r for r in make_verify_report().claims if r.verdict is Verdict.APPROXIMATE)


def _with_claims(*claims: ClaimResult, **overrides: object) -> RunReport:
    return make_verify_report(claims=claims, **overrides)


def _render(report: RunReport, path: Path) -> Path:
    path.write_text(ReportFormatChoice.HTML.to_format().render(report), encoding="utf-8")
    return path


def _claim(base: ClaimResult, cid: str, quote: str, passage: str, **kw: Any) -> ClaimResult:
    claim = dataclasses.replace(base.claim, id=cid, quote=quote, **kw.pop("claim", {}))
    assert base.evidence is not None
    evidence = dataclasses.replace(
        base.evidence, text=passage, context=kw.pop("context", passage), start=0, end=len(passage)
    )
    return dataclasses.replace(base, claim=claim, evidence=evidence, **kw)


def test_diff_shows_the_texts_own_spacing(browser: Any, tmp_path: Path) -> None:
    quote, passage = SPACING_QUOTE, SPACING_PASSAGE
    result = _claim(_approximate(), "spacing", quote, passage, diff=SPACING_DIFF)
    page, errors, requests = _open(
        browser, _render(_with_claims(result), tmp_path / "r.html"), width=1280, height=900
    )
    shown = page.locator("#claim-spacing")
    assert shown.locator(".side.quote blockquote").text_content() == f"“{quote}”"
    assert shown.locator(".side.source mark").text_content() == passage
    assert shown.locator(".side.source ins").all_text_contents() == ["morning", "at last"]
    assert errors == [] and requests == []


ARABIC = "الاتفاق سيوقع في الأسبوع المقبل"
HEBREW = "ההסכם ייחתם בשבוע הבא"


def test_right_to_left_quotes_are_laid_out_right_to_left(browser: Any, tmp_path: Path) -> None:
    base = _approximate()
    arabic = _claim(
        base,
        "ar",
        ARABIC,
        ARABIC,
        verdict=Verdict.VERIFIED,
        diff=None,
        context=f"قال الوزير إن {ARABIC}.",
        claim={"sentence": f"قال الوزير “{ARABIC}” أمس."},
    )
    hebrew = _claim(base, "he", HEBREW, HEBREW, verdict=Verdict.VERIFIED, diff=None)
    english = _claim(base, "en", "the ferry terminal", "the ferry terminal", diff=None)
    page, errors, requests = _open(
        browser,
        _render(_with_claims(arabic, hebrew, english), tmp_path / "r.html"),
        width=1100,
        height=800,
    )
    measure = """bq => {
        const node = bq.firstChild, t = node.textContent;
        const x = (i) => { const r = document.createRange(); r.setStart(node, i);
                           r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
        return {dir: getComputedStyle(bq).direction, open: x(0), first: x(1),
                close: x(t.length - 1), last: x(t.length - 2)};
    }"""
    for cid in ("ar", "he"):
        quote = page.locator(f"#claim-{cid} .side.quote blockquote").evaluate(measure)
        assert quote["dir"] == "rtl", cid
        # The opening mark sits to the right of the first letter, the closing one to the left.
        assert quote["open"] > quote["first"] and quote["close"] < quote["last"], (cid, quote)
        source = page.locator(f"#claim-{cid} .side.source blockquote")
        assert source.evaluate("e => getComputedStyle(e).direction") == "rtl"
    sentence = page.locator("#claim-ar p.sentence")
    assert sentence.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # Left-to-right text stays left to right.
    english_quote = page.locator("#claim-en .side.quote blockquote").evaluate(measure)
    assert english_quote["dir"] == "ltr" and english_quote["open"] < english_quote["first"]
    assert page.locator("#claim-en p.sentence").evaluate("e => getComputedStyle(e).direction") == (
        "ltr"
    )
    assert errors == [] and requests == []


def test_print_marks_insertions_without_colour(browser: Any, tmp_path: Path) -> None:
    page, errors, _ = _open(
        browser, _render(make_verify_report(), tmp_path / "r.html"), width=1024, height=768
    )
    page.emulate_media(media="print")
    marks = page.evaluate(
        """() => [...document.querySelectorAll('.side ins, .side del')].map(e => {
            const s = getComputedStyle(e);
            return [e.tagName.toLowerCase(), s.textDecorationLine, s.outlineStyle];
        })"""
    )
    inserted = [m for m in marks if m[0] == "ins"]
    deleted = [m for m in marks if m[0] == "del"]
    assert inserted and deleted
    # Paper has no background colours by default: an insertion is underlined, a deletion struck.
    assert all("underline" in line for _, line, _ in inserted), inserted
    assert all("line-through" in line for _, line, _ in deleted), deleted
    page.emulate_media(media="screen")
    screen = page.locator(".side ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert screen == "none"  # on screen the background colour marks it
    assert errors == []


def _long_text_report() -> RunReport:
    report = make_verify_report()
    article = dataclasses.replace(report.articles[0], title=f"Die {LONG_WORD} und der Hafen")
    claims = tuple(
        dataclasses.replace(
            r,
            claim=dataclasses.replace(
                r.claim, sentence=f"According to the {LONG_WORD} (see {LONG_URL}) it is so."
            ),
        )
        for r in report.claims
    )
    sources = tuple(
        dataclasses.replace(s, notes=(*s.notes, LONG_WORD + "-" + LONG_WORD))
        for s in report.sources
    )
    return dataclasses.replace(report, articles=(article,), claims=claims, sources=sources)


def test_long_words_wrap_on_a_phone(browser: Any, tmp_path: Path) -> None:
    html_path = _render(_long_text_report(), tmp_path / "r.html")
    page, errors, requests = _open(browser, html_path, width=375, height=800)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    wide = page.evaluate(
        """() => [...document.querySelectorAll('p.meta, p.sentence, td.notes, h1')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className || e.tagName)"""
    )
    assert wide == []
    assert page.locator("td.notes").first.evaluate("e => e.getBoundingClientRect().right") <= 375
    assert errors == [] and requests == []

    # The desktop layout is kept: two columns for each claim, a table for the links.
    page, errors, _ = _open(browser, html_path, width=1280, height=900)
    pair = page.locator("article.claim .pair").first
    columns = pair.evaluate("e => getComputedStyle(e).gridTemplateColumns.split(' ').length")
    assert columns == 2
    assert page.locator("thead").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert errors == []


def test_filter_groups_are_named_and_the_count_announced(browser: Any, tmp_path: Path) -> None:
    report = make_verify_report()
    page, errors, requests = _open(
        browser, _render(report, tmp_path / "r.html"), width=1280, height=900
    )
    snapshot = page.locator("nav.filters").aria_snapshot()
    assert re.findall(r'- group "([^"]+)"', snapshot) == ["Claims", "Links"]
    claims = page.get_by_role("group", name="Claims")
    links = page.get_by_role("group", name="Links")
    assert claims.get_by_role("checkbox").count() == len(Verdict)
    assert links.get_by_role("checkbox", name=re.compile("^blocked")).count() == 1
    counter = page.locator("#shown")
    assert counter.evaluate("e => e.getAttribute('aria-live')") == "polite"
    assert counter.get_attribute("role") == "status"
    n_claims, n_links = len(report.claims), len(report.sources)
    assert (
        counter.inner_text()
        == f"{n_claims} of {n_claims} claims, {n_links} of {n_links} links shown"
    )

    # Counts claims and links apart, each what it says.
    verified = sum(r.verdict is Verdict.VERIFIED for r in report.claims)
    claims.get_by_role("checkbox", name=re.compile("^verified")).click()
    assert counter.inner_text() == (
        f"{n_claims - verified} of {n_claims} claims, {n_links} of {n_links} links shown"
    )
    links.get_by_role("checkbox", name=re.compile("^ok")).click()
    ok = page.locator("tr[data-key='status:ok']").count()
    assert counter.inner_text() == (
        f"{n_claims - verified} of {n_claims} claims, {n_links - ok} of {n_links} links shown"
    )
    assert errors == [] and requests == []
