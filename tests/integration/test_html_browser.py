"""The HTML report in a real headless Chromium (issue 5, Acceptance).

Debian's `chromium` is driven through Playwright's `executable_path`; Playwright never downloads
a browser here. The page must show the claims and verdicts, hide verified claims on a filter
click, log no console error (the CSP would report a blocked inline block as one), make no request
and leave an injected script inert.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from claimcheck.model import ClaimResult, RunReport, Verdict
from claimcheck.report import ReportFormatChoice
from tests.unit.report.factory import make_links_report, make_verify_report

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser

XSS_QUOTE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing but CI is set: .ci/run must install Debian's chromium")
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); CI would fail here")


@pytest.fixture
def browser() -> Any:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def _with_xss(report: RunReport) -> RunReport:
    """The fixture report plus a claim whose quote, sentence and URL carry script payloads."""
    base = report.claims[5]  # not_found: it shows the quote and the live link
    claim = base.claim.__class__(
        **{
            **base.claim.__dict__,
            "id": "xss",
            "quote": XSS_QUOTE,
            "sentence": XSS_QUOTE,
            "line": 99,
        }
    )
    hostile = ClaimResult(
        claim=claim,
        verdict=Verdict.NOT_FOUND,
        url="javascript:window.__pwned=3",
        detail=XSS_QUOTE,
    )
    return report.__class__(**{**report.__dict__, "claims": (*report.claims, hostile)})


def _open(
    browser: Any, html_path: Path, *, width: int, height: int
) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "request",
        lambda req: requests.append(req.url) if not req.url.startswith("file:") else None,
    )
    page.goto(html_path.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


def test_verify_report_in_chromium(browser: Any, tmp_path: Path) -> None:
    report = _with_xss(make_verify_report())
    html_path = tmp_path / "report.html"
    html_path.write_text(ReportFormatChoice.HTML.to_format().render(report), encoding="utf-8")
    page, errors, requests = _open(browser, html_path, width=1280, height=900)

    claims = page.locator("article.claim")
    assert claims.count() == len(report.claims)
    mismatch = page.locator("article.claim[data-key='verdict:mismatch']")
    assert mismatch.is_visible()
    assert "$150" in mismatch.inner_text()
    assert "$105" in mismatch.inner_text()
    assert mismatch.locator(".quote del.crit").inner_text() == "$150"
    assert mismatch.locator(".source ins.crit").inner_text() == "$105"
    for verdict in Verdict:
        badge = page.locator(f"article.claim .badge.v-{verdict.value}").first
        assert badge.is_visible(), verdict
        assert badge.inner_text() == verdict.value
    verified = page.locator("article.claim[data-key='verdict:verified']")
    assert verified.count() == 4
    assert all(verified.nth(i).is_visible() for i in range(verified.count()))
    page.screenshot(path=str(tmp_path / "report-all.png"), full_page=True)

    # One click on the `verified` filter hides every verified claim and nothing else.
    page.locator("label:has(input[data-filter='verdict:verified'])").click()
    assert not page.locator("input[data-filter='verdict:verified']").is_checked()
    assert all(not verified.nth(i).is_visible() for i in range(verified.count()))
    assert mismatch.is_visible()
    assert page.locator("article.claim:visible").count() == len(report.claims) - 4
    # A note whose claims are all verified disappears with them.
    assert not page.locator("section.note", has_text="Note 1").is_visible()
    page.screenshot(path=str(tmp_path / "report-problems.png"), full_page=True)

    # "Show all" brings them back; "Only problems" hides verified claims and ok links.
    page.locator("#show-all").click()
    assert verified.first.is_visible()
    page.locator("#only-problems").click()
    assert not verified.first.is_visible()
    assert not page.locator("tr[data-key='status:ok']").first.is_visible()
    assert page.locator("tr[data-key='status:dead']").is_visible()

    # The payload is shown as text, never run, and the javascript: URL is not a link.
    hostile = page.locator("#claim-xss")
    assert "<script>window.__pwned = 1</script>" in hostile.inner_text()
    assert page.evaluate("window.__pwned") is None
    assert hostile.locator("a[href^='javascript']").count() == 0

    assert errors == []
    assert requests == []
    assert (tmp_path / "report-all.png").stat().st_size > 10_000


def test_links_report_on_a_phone(browser: Any, tmp_path: Path) -> None:
    html_path = tmp_path / "links.html"
    report = make_links_report()
    html_path.write_text(ReportFormatChoice.HTML.to_format().render(report), encoding="utf-8")
    page, errors, requests = _open(browser, html_path, width=390, height=844)
    rows = page.locator("tr[data-key]")
    assert rows.count() == len(report.sources)
    assert page.locator("tr[data-key='status:dead']").is_visible()
    # Readable on a phone: nothing but the links table (which scrolls in its own box) is wider
    # than the screen.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.locator("label:has(input[data-filter='status:ok'])").click()
    assert not page.locator("tr[data-key='status:ok']").first.is_visible()
    assert page.locator("tr[data-key='status:redirected']").is_visible()
    page.screenshot(path=str(tmp_path / "links-phone.png"), full_page=True)
    assert errors == []
    assert requests == []


def test_print_media_hides_the_filters(browser: Any, tmp_path: Path) -> None:
    html_path = tmp_path / "report.html"
    html_path.write_text(
        ReportFormatChoice.HTML.to_format().render(make_verify_report()), encoding="utf-8"
    )
    page, errors, _ = _open(browser, html_path, width=1024, height=768)
    assert page.locator("nav.filters").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("nav.filters").is_visible()
    assert page.locator("article.claim").first.is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    assert errors == []
