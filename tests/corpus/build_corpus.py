"""Build the corpus's source pages from `sources.py`: HTML through six site templates, two PDFs
through fpdf2, one windows-1254 Turkish page, one XHTML page and one Markdown file.

The generated files are committed (the gate reads them, never this script); run this again only
after editing `sources.py` or the templates:

    python tests/corpus/build_corpus.py

The templates carry the boilerplate real pages have around an article (cookie banner, navigation,
search, related links, newsletter boxes, comments, footer) so extraction is tested on realistic
input, and each site nests its article differently.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
sys.path.insert(0, str(HERE))

from sources import MARKDOWN, PAGES_HTML, PDFS, TURKISH, XHTML, Page, PdfDoc  # noqa: E402

SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
SERIF_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")


def _comments(page: Page) -> str:
    if not page.comments:
        return ""
    items = "\n".join(
        f'<li class="comment"><div class="comment-meta"><span class="comment-author">{html.escape(who)}</span>'
        f' <time>{html.escape(when)}</time></div><div class="comment-body"><p>{html.escape(text)}</p></div>'
        f'<a class="reply" href="#reply">Reply</a></li>'
        for who, when, text in page.comments
    )
    return (
        f'<section id="comments" class="comments-area"><h2 class="comments-title">'
        f'{len(page.comments)} comments</h2><ol class="comment-list">\n{items}\n</ol>'
        '<form class="comment-form"><label>Leave a comment</label><textarea></textarea>'
        "<button>Post comment</button></form></section>"
    )


def _jsonld(page: Page, publisher: str) -> str:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "datePublished": page.date,
        "author": {"@type": "Person", "name": page.author},
        "publisher": {"@type": "Organization", "name": publisher},
    }
    if page.jsonld_body is not None:
        data["articleBody"] = page.jsonld_body
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def _related(links: tuple[str, ...]) -> str:
    return "".join(
        f'<li><a href="/story/{i}">{html.escape(t)}</a></li>' for i, t in enumerate(links)
    )


def courier(page: Page) -> str:
    """A regional newspaper: cookie banner, mega-nav, article, related stories, comments."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(page.title)} | The Coastline Courier</title>
<meta name="description" content="{html.escape(page.description)}">
<meta property="og:title" content="{html.escape(page.title)}">
<link rel="stylesheet" href="/assets/courier.css">
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "news"}});</script>
{_jsonld(page, "The Coastline Courier")}
</head>
<body class="article-page">
<div id="cookie-consent" class="cookie-banner" role="dialog">
  <p>We and our 143 partners use cookies to personalise content and measure audiences.
  <a href="/privacy">Read our privacy notice</a>.</p>
  <button class="accept">Accept all</button> <button class="manage">Manage choices</button>
</div>
<header class="masthead">
  <a class="logo" href="/">The Coastline Courier</a>
  <nav class="primary-nav"><ul>
    <li><a href="/news">News</a></li><li><a href="/business">Business</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li>
    <li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe</a></li>
  </ul></nav>
  <form class="search" action="/search"><input type="search" name="q" placeholder="Search the Courier"></form>
</header>
<div class="breaking-ticker"><span>Latest:</span> <a href="/live">Ferry services resume after storm warning lifted</a></div>
<main id="content">
<article class="story">
  <p class="kicker">{html.escape(page.section)}</p>
  <h1 class="headline">{html.escape(page.title)}</h1>
  <p class="byline">By <a rel="author" href="/authors/x">{html.escape(page.author)}</a> · <time datetime="{page.date}">{page.date}</time></p>
  <div class="share-tools"><a href="#">Share</a> <a href="#">Email</a> <a href="#">Print</a></div>
  <div class="story-body">
{page.body}
  </div>
  <p class="corrections">Spotted an error? <a href="/corrections">Tell our corrections desk</a>.</p>
</article>
<section class="related"><h2>More from News</h2><ul>{_related(page.related or COURIER_RELATED)}</ul></section>
<div class="newsletter-signup"><h3>The Morning Tide</h3><p>Our best stories in your inbox before breakfast.</p>
<input type="email" placeholder="Your email"><button>Sign up</button></div>
{_comments(page)}
</main>
<footer class="site-footer">
  <ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>
  <li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms of use</a></li><li><a href="/ads">Advertise</a></li></ul>
  <p>© 2024 Coastline Media Group. All rights reserved. Registered in Kestrel Bay, company no. 0448812.</p>
</footer>
<script src="/assets/app.js"></script>
</body>
</html>
"""


COURIER_RELATED = (
    "Council votes to keep the old lifeboat station as a museum",
    "Night buses return to the coast road from March",
    "Why the pier’s restoration stalled again",
    "Letters: readers on parking charges at the seafront",
)


def allotment(page: Page) -> str:
    """A WordPress-style blog: sidebar widgets, tag cloud, threaded comments."""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="UTF-8">
<title>{html.escape(page.title)} – Notes from the Allotment</title>
<link rel="stylesheet" id="theme-css" href="/wp-content/themes/plot/style.css" type="text/css">
<style>.entry-content p {{ margin: 0 0 1em; }}</style>
{_jsonld(page, "Notes from the Allotment")}
</head>
<body class="post-template-default single single-post">
<a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
<div id="page" class="site">
<header id="masthead" class="site-header">
  <p class="site-title"><a href="/">Notes from the Allotment</a></p>
  <p class="site-description">Soil, seasons and the odd spreadsheet</p>
  <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
  <li><a href="/">Home</a></li><li><a href="/about/">About</a></li><li><a href="/archive/">Archive</a></li><li><a href="/contact/">Contact</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article class="post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{html.escape(page.title)}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="{page.date}">{page.date}</time></span>
<span class="byline"> by <span class="author vcard">{html.escape(page.author)}</span></span></div></header>
<div class="entry-content">
{page.body}
</div>
<footer class="entry-footer"><span class="cat-links">Posted in {html.escape(page.section)}</span>
<span class="tags-links">Tagged community, data, seasons</span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-previous"><a href="/prev/">Previous post: Rhubarb, forced and otherwise</a></div>
<div class="nav-next"><a href="/next/">Next post: The great shed audit</a></div></nav>
{_comments(page)}
</main></div>
<aside id="secondary" class="widget-area sidebar">
<section class="widget widget_search"><form role="search"><input type="search" placeholder="Search …"></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Recent posts</h2><ul>
<li><a href="/a/">Seed swaps are back</a></li><li><a href="/b/">A wet June, in numbers</a></li><li><a href="/c/">On slugs</a></li></ul></section>
<section class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div class="tagcloud"><a>beans</a> <a>compost</a> <a>weather</a> <a>bees</a></div></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by a very old laptop · Theme: Plot by Fennel Studio</div></footer>
</div>
</body>
</html>
"""


def meridian(page: Page) -> str:
    """A think-tank report page: breadcrumbs, key-findings box, download panel, newsletter."""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(page.title)} — Meridian Policy Institute</title>
<meta name="description" content="{html.escape(page.description)}">
<link rel="canonical" href="https://meridian-policy.example/research/{page.slug}">
{_jsonld(page, "Meridian Policy Institute")}
</head>
<body>
<div class="gdpr-notice" id="cookieNotice">This site uses essential cookies and, with your consent, analytics cookies. <a href="/cookies">Cookie settings</a> <button>OK</button></div>
<header class="top"><a href="/" class="brand">Meridian Policy Institute</a>
<nav aria-label="Main"><a href="/research">Research</a> <a href="/experts">Experts</a> <a href="/events">Events</a> <a href="/about">About</a> <a class="donate" href="/support">Support our work</a></nav></header>
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/research">Research</a></li><li>{html.escape(page.section)}</li></ol></nav>
<div class="layout">
<main class="report">
<h1>{html.escape(page.title)}</h1>
<div class="report-meta"><span class="authors">{html.escape(page.author)}</span> | <span class="date">{page.date}</span> | <span class="type">Policy brief</span></div>
<div class="report-body">
{page.body}
</div>
<div class="cite-this"><h4>Cite this brief</h4><p>{html.escape(page.author)}, “{html.escape(page.title)}”, Meridian Policy Institute, {page.date[:4]}.</p></div>
</main>
<div class="rail">
<div class="download-panel"><h3>Download</h3><a href="/files/{page.slug}.pdf">Full brief (PDF, 1.2 MB)</a></div>
<div class="experts-panel"><h3>Related experts</h3><ul><li>Dr Ines Valcourt, Energy</li><li>Tomasz Wierzba, Transport</li></ul></div>
<div class="signup"><h3>Stay informed</h3><p>Monthly research digest. No spam.</p><input type="email"><button>Subscribe</button></div>
</div>
</div>
<footer><p>Meridian Policy Institute is an independent, non-partisan research organisation. Charity no. 1190442.</p>
<p><a href="/privacy">Privacy</a> · <a href="/accessibility">Accessibility</a> · <a href="/contact">Contact</a></p></footer>
</body>
</html>
"""


def council(page: Page) -> str:
    """A local-government press release: skip link, phase banner, feedback box, big footer."""
    return f"""<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<title>{html.escape(page.title)} - Harrowgate District Council</title>
<meta name="theme-color" content="#0b0c0c">
<link href="/assets/council.css" rel="stylesheet">
</head>
<body class="govuk-template__body">
<script>document.body.className += ' js-enabled';</script>
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<div class="govuk-cookie-banner" data-nosnippet role="region" aria-label="Cookies on Harrowgate District Council">
<h2 class="govuk-cookie-banner__heading">Cookies on our website</h2>
<p class="govuk-body">We use some essential cookies to make this website work. We’d like to set additional cookies to understand how you use the site.</p>
<button class="govuk-button">Accept additional cookies</button> <button class="govuk-button">Reject additional cookies</button></div>
<header class="govuk-header" role="banner"><div class="govuk-header__container"><a href="/" class="govuk-header__link">Harrowgate District Council</a>
<nav><ul class="govuk-header__navigation"><li><a href="/bins">Bins and recycling</a></li><li><a href="/council-tax">Council tax</a></li><li><a href="/planning">Planning</a></li><li><a href="/news">News</a></li></ul></nav></div></header>
<div class="govuk-width-container">
<div class="govuk-phase-banner"><p><strong class="govuk-tag">Beta</strong> This is a new service – your <a href="/feedback">feedback</a> will help us to improve it.</p></div>
<a href="/news" class="govuk-back-link">Back to news</a>
<main class="govuk-main-wrapper" id="main-content" role="main">
<span class="govuk-caption-l">Press release</span>
<h1 class="govuk-heading-xl">{html.escape(page.title)}</h1>
<p class="govuk-body-s">Published {page.date} · From: {html.escape(page.author)}</p>
<div class="govuk-body gem-c-govspeak">
{page.body}
</div>
<div class="contact-box"><h2>Media enquiries</h2><p>Press office: 01632 960 118 (weekdays 9am to 5pm)</p></div>
<div class="gem-c-feedback"><p>Is this page useful?</p><button>Yes</button> <button>No</button> <a href="/report">Report a problem with this page</a></div>
</main>
</div>
<footer class="govuk-footer" role="contentinfo"><div class="govuk-footer__meta">
<h2 class="govuk-visually-hidden">Support links</h2><ul><li><a href="/help">Help</a></li><li><a href="/cookies">Cookies</a></li><li><a href="/accessibility-statement">Accessibility statement</a></li><li><a href="/foi">Freedom of information</a></li><li><a href="/jobs">Jobs</a></li></ul>
<p>All content is available under the Open Government Licence v3.0, except where otherwise stated.</p></div></footer>
</body>
</html>
"""


def atlas(page: Page) -> str:
    """A long-read magazine: hero image, pull-quotes, author box, 'you might also like' cards."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(page.title)} · Atlas Quarterly</title>
<meta name="twitter:card" content="summary_large_image">
<meta property="og:description" content="{html.escape(page.description)}">
{_jsonld(page, "Atlas Quarterly")}
<style>.dropcap::first-letter {{ float: left; font-size: 3em; }}</style>
</head>
<body>
<div class="consent-overlay" id="consent"><div class="consent-box"><p>Atlas Quarterly uses cookies and similar technologies. By continuing you agree to our use of them.</p><a href="#" class="consent-accept">Got it</a></div></div>
<div class="topbar"><a href="/" class="wordmark">ATLAS QUARTERLY</a><nav><a href="/issues">Issues</a> <a href="/features">Features</a> <a href="/photo">Photography</a> <a href="/shop">Shop</a> <a href="/login">Log in</a></nav></div>
<div class="paywall-meter">You have 2 free articles left this month. <a href="/subscribe">Subscribe from £4 a month</a></div>
<article class="longread">
<header class="hero"><p class="section-label">{html.escape(page.section)}</p><h1>{html.escape(page.title)}</h1>
<p class="standfirst">{html.escape(page.description)}</p>
<p class="author-line">Words by {html.escape(page.author)} · {page.date} · 12 min read</p></header>
<div class="article-content">
{page.body}
</div>
<div class="author-box"><p><strong>{html.escape(page.author)}</strong> writes about science, work and the places in between for Atlas Quarterly.</p></div>
</article>
<section class="also-like"><h2>You might also like</h2>
<div class="card"><a href="/f/1"><h3>The lighthouse keepers who never left</h3><p>Automation came, but some of them stayed.</p></a></div>
<div class="card"><a href="/f/2"><h3>A year inside a seed vault</h3><p>What it takes to keep ten thousand varieties alive.</p></a></div>
<div class="card"><a href="/f/3"><h3>Counting the night sky</h3><p>Amateur astronomers versus light pollution.</p></a></div>
</section>
<footer class="site-foot"><p>Atlas Quarterly is published by Atlas Media Ltd. © 2024</p><p><a href="/about">About</a> · <a href="/privacy">Privacy</a> · <a href="/syndication">Syndication</a></p></footer>
<div class="modal newsletter-modal" hidden><h2>Before you go</h2><p>Get the best of Atlas every Sunday.</p><input type="email"><button>Sign me up</button></div>
</body>
</html>
"""


def ledger(page: Page) -> str:
    """A business-news site: market ticker, table-heavy layout, trending list, no comments."""
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(page.title)} - The Commodity Ledger</title>
{_jsonld(page, "The Commodity Ledger")}
</head>
<body>
<table class="ticker" role="presentation"><tr><td>BRENT 82.14 ▲0.6%</td><td>GOLD 2,331 ▼0.2%</td><td>EUR/USD 1.0842</td><td>COCOA 7,210 ▲3.1%</td></tr></table>
<div id="header"><div class="logo"><a href="/">The Commodity Ledger</a></div>
<ul class="menu"><li><a href="/markets">Markets</a></li><li><a href="/energy">Energy</a></li><li><a href="/agri">Agriculture</a></li><li><a href="/metals">Metals</a></li><li><a href="/data">Data</a></li></ul></div>
<div id="cookie-law-info-bar">This website uses cookies to improve your experience. <a role="button" id="cookie_action_close_header">ACCEPT</a> <a href="/privacy" id="CONSTANT_OPEN_URL">Read More</a></div>
<div id="wrapper"><div id="main-col">
<div class="post">
<h1 class="post-title">{html.escape(page.title)}</h1>
<div class="post-info">{html.escape(page.author)} | {page.date} | {html.escape(page.section)}</div>
<div class="post-content">
{page.body}
</div>
<div class="disclaimer"><p><em>This article is for information only and is not investment advice.</em></p></div>
</div>
</div>
<div id="side-col"><div class="box trending"><h3>Trending</h3><ol><li><a href="/t/1">Freight rates slip for a third week</a></li><li><a href="/t/2">Copper stocks at Asian warehouses climb</a></li><li><a href="/t/3">What a weak monsoon means for sugar</a></li></ol></div>
<div class="box ad">Advertisement</div></div></div>
<div id="footer">Copyright © 2024 The Commodity Ledger. Data delayed by at least 15 minutes. <a href="/terms">Terms</a> | <a href="/privacy">Privacy</a></div>
</body>
</html>
"""


TEMPLATES = {
    "courier": courier,
    "allotment": allotment,
    "meridian": meridian,
    "council": council,
    "atlas": atlas,
    "ledger": ledger,
}


def build_pdf(doc: PdfDoc) -> bytes:
    """A multi-page report: running header and page footer, paragraphs laid out line by line.

    Each paragraph in `sources.py` is already broken into lines (some ending in a hyphenated word
    split), and every line is written as it stands, so the hyphenation is exactly what the cases
    expect rather than whatever fpdf2's wrapping would choose.
    """
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("Serif", size=8)
            self.cell(0, 6, doc.running_header, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Serif", size=8)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    pdf = Report(format="A4")
    pdf.set_title(doc.title)
    pdf.set_author(doc.author)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.UTC))  # reproducible bytes
    pdf.add_font("Serif", "", str(SERIF))
    pdf.add_font("Serif", "B", str(SERIF_BOLD))
    pdf.set_auto_page_break(auto=True, margin=20)
    for page in doc.pages:
        pdf.add_page()
        for block in page:
            if block.startswith("# "):
                pdf.set_font("Serif", "B", 13)
                pdf.multi_cell(0, 7, block[2:], new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
                continue
            pdf.set_font("Serif", size=10.5)
            for line in block.split("\n"):
                pdf.cell(0, 5.6, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())


def main() -> None:
    PAGES.mkdir(exist_ok=True)
    for page in PAGES_HTML:
        (PAGES / f"{page.slug}.html").write_text(TEMPLATES[page.site](page), encoding="utf-8")
    (PAGES / TURKISH[0]).write_bytes(TURKISH[1].encode("cp1254"))
    (PAGES / XHTML[0]).write_text(XHTML[1], encoding="utf-8")
    (PAGES / MARKDOWN[0]).write_text(MARKDOWN[1], encoding="utf-8")
    for doc in PDFS:
        (PAGES / f"{doc.slug}.pdf").write_bytes(build_pdf(doc))


if __name__ == "__main__":
    main()
