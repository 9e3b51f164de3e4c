"""Extraction in layers (issue 4, Deliver 1): sniffing, each layer, PDF pages, errors, charsets."""

from __future__ import annotations

import codecs
import inspect
import json
import pickle

import pytest
from fpdf import FPDF

from claimcheck.extract import (
    ExtractionError,
    _PdfText,
    _read_pdf,
    _read_pdfium,
    _read_pypdf,
    _tame_tags,
    extract_layers,
    extract_source,
    sniff_kind,
)
from claimcheck.model import TextLayer

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tide mills of the Wend estuary | Estuary Post</title>
<style>body { color: #222; }</style>
<script>var tracking = "should never be read as text";</script>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Estuary Post"},
  {"@type": "NewsArticle", "headline": "Tide mills", "articleBody": "Full text: the Wend once had eleven tide mills &amp; a salt works.\\nOnly one still turns."}
]}</script>
</head><body>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Tide mills of the Wend estuary</h1>
<p>The last working tide mill on the Wend grinds flour twice a day, when the ebb runs strongly enough to turn its wheel. Volunteers have kept it running since the miller retired in 1997.</p>
<figure><img src="/mill.jpg" alt=""><figcaption>The mill pond at slack water, photographed from the sluice gate.</figcaption></figure>
<p>Engineers from the county museum surveyed the wheel last winter and found that two of its oak paddles had split along the grain, which is why it turned so unevenly in the spring.</p>
<aside class="pullquote"><p>A tide mill keeps the moon’s hours, not ours.</p></aside>
<p>Replacement paddles were cut from a storm-felled oak on the estate, and the wheel has been turning smoothly since the start of June.</p>
</article>
<section class="comments"><h2>Comments</h2><div class="comment"><p>Visited last week, the flour is excellent and the volunteers were lovely.</p></div></section>
<footer><p>© 2024 Estuary Post</p></footer>
</body></html>
"""


def _layers(body: bytes, content_type: str | None = "text/html") -> dict[str, TextLayer]:
    return {layer.name: layer for layer in extract_layers(body, content_type=content_type, url="")}


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "text/html", "html"),
        (b"<p>x</p>", "text/html; charset=utf-8", "html"),
        (b"<html><body>x</body></html>", "application/xhtml+xml", "html"),
        (
            b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"></html>',
            None,
            "html",
        ),
        (b'<?xml version="1.0"?>\n<html><body/></html>', "application/octet-stream", "html"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"></rss>', "application/xml", "text"),
        (b"  \n<!doctype html><title>x</title>", None, "html"),
        (b"<!-- generated --><html><body>x</body></html>", None, "html"),
        (codecs.BOM_UTF8 + b"<html><body>x</body></html>", None, "html"),
        ("<html><body>x</body></html>".encode("utf-16"), None, "html"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, "pdf"),
        (b"%PDF-1.4\n...", "application/pdf", "pdf"),
        (b"%PDF-1.4\n...", "application/octet-stream", "pdf"),
        # Servers mislabel PDFs; nothing else starts with %PDF-.
        (b"%PDF-1.4\n...", "text/html", "pdf"),
        (b"%PDF-1.4\n...", "text/plain", "pdf"),
        # A consent or error page served at a PDF's address keeps the PDF label.
        (b"<!DOCTYPE html><html><body>Please log in</body></html>", "application/pdf", "html"),
        (b"not a pdf at all", "application/pdf", "pdf"),
        (b"Plain words.\n", "text/plain", "text"),
        (b"# Heading\n\nSome *markdown*.", "text/markdown", "text"),
        (b"# Heading\n", "text/x-markdown; charset=utf-8", "text"),
        (b"a,b\n1,2\n", "text/csv", "text"),
        (b"Plain words with no header.", None, "text"),
        (codecs.BOM_UTF8 + b"Plain words.", None, "text"),
        ("Plain words.".encode("utf-16"), None, "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "unsupported"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", "unsupported"),
        (b'{"a": 1}', "application/json", "unsupported"),
        (b"PK\x03\x04\x14\x00\x06\x00", "application/zip", "unsupported"),
        (b"", None, "unsupported"),
    ],
)
def test_sniff_kind(body: bytes, content_type: str | None, kind: str) -> None:
    assert sniff_kind(body, content_type) == kind


# --------------------------------------------------------------------------- HTML layers


def test_html_layers_come_lazily_main_then_page_then_jsonld() -> None:
    layers = extract_layers(ARTICLE.encode(), content_type="text/html", url="https://e.org/a")
    assert inspect.isgenerator(layers)
    first = next(layers)
    # Nothing beyond `main` has been computed yet: the generator is paused after one yield.
    assert inspect.getgeneratorstate(layers) == inspect.GEN_SUSPENDED
    assert [first.name, *(layer.name for layer in layers)] == ["main", "page", "jsonld"]


def test_main_and_page_layers_share_one_parse_with_the_same_text() -> None:
    """trafilatura is handed the tree the page layer then strips: its text must be what it
    extracts from the page's string, and the page layer must not see trafilatura's cleaning."""
    import trafilatura
    import trafilatura.core
    from lxml import html as lxml_html

    from claimcheck import extract

    parses = 0
    real = trafilatura.load_html

    def counting(document: object, *args: object) -> object:
        nonlocal parses
        if not isinstance(document, lxml_html.HtmlElement):
            parses += 1
        return real(document, *args)

    direct = trafilatura.extract(
        ARTICLE, favor_recall=True, include_tables=True, include_comments=False, deduplicate=False
    )
    expected_page = extract._page_text(real(ARTICLE))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(trafilatura, "load_html", counting)
        patch.setattr(trafilatura.core, "load_html", counting)  # what `extract` itself calls
        layers = _layers(ARTICLE.encode())
    assert parses == 1
    assert layers["main"].text == direct
    assert layers["page"].text == expected_page


def test_main_layer_is_the_article_without_boilerplate() -> None:
    main = _layers(ARTICLE.encode())["main"].text
    assert "two of its oak paddles had split along the grain" in main
    assert "Volunteers have kept it running since the miller retired in 1997." in main
    for boilerplate in ("We use cookies", "the flour is excellent", "Estuary Post"):
        assert boilerplate not in main
    assert main.count("\n") >= 2, "paragraphs stay on their own lines"


def test_page_layer_keeps_captions_and_asides_but_no_comments_or_scripts() -> None:
    page = _layers(ARTICLE.encode())["page"].text
    assert "The mill pond at slack water, photographed from the sluice gate." in page
    assert "A tide mill keeps the moon’s hours, not ours." in page
    # Readers' comments are no source a quote can be verified by (trafilatura's own comment
    # sections, as it leaves them out of the main text).
    assert "the flour is excellent" not in page
    assert "Volunteers have kept it running" in page
    assert "tracking" not in page and "color: #222" not in page and "articleBody" not in page


def test_jsonld_layer_holds_article_body_with_entities_decoded() -> None:
    jsonld = _layers(ARTICLE.encode())["jsonld"].text
    assert (
        jsonld
        == "Full text: the Wend once had eleven tide mills & a salt works.\nOnly one still turns."
    )


def test_jsonld_markup_is_reduced_to_text_and_bad_blocks_are_skipped() -> None:
    body = json.dumps(
        {"@type": "Article", "articleBody": "<p>First <b>bold</b> part.</p><p>Second.</p>"}
    )
    html = (
        "<html><head><script type='application/ld+json'>{not json</script>"
        f"<script type='application/ld+json'>{body}</script></head>"
        "<body><p>Visible text long enough to be a page of its own, with some words.</p></body></html>"
    )
    jsonld = _layers(html.encode())["jsonld"].text
    assert "First bold part." in jsonld and "Second." in jsonld and "<" not in jsonld


@pytest.mark.parametrize("graph", [False, True])
def test_article_body_alone_is_the_jsonld_layer_not_main(graph: bool) -> None:
    # trafilatura falls back to the JSON-LD articleBody when the page shows too little text,
    # and returns it as the main text; the evidence must name the layer it came from.
    article = {
        "@type": "NewsArticle",
        "headline": "H",
        "articleBody": "The port authority said \u201ccontainer traffic will double by 2030\u201d "
        "in its plan. Harbour visitors reached 48,312 in 2021.",
    }
    data = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, article]}
    script = json.dumps(data if graph else article)
    page = (
        f'<html><head><title>S</title><script type="application/ld+json">{script}</script>'
        '</head><body><div id="root"></div></body></html>'
    )
    source = extract_source(page.encode(), content_type="text/html; charset=utf-8", url="u")
    assert [layer.name for layer in source.layers] == ["jsonld"]
    assert source.layers[0].text.startswith("The port authority said")
    assert source.title == "S"
    assert list(_layers(page.encode())) == ["jsonld"]


def test_main_text_that_is_also_the_article_body_stays_main() -> None:
    paragraph = (
        "The port authority said container traffic will double by 2030 in its plan, "
        "and the harbour master expects the new quay to open next spring. "
    )
    body = {"@type": "NewsArticle", "articleBody": paragraph * 3}
    page = (
        f'<html><head><title>S</title><script type="application/ld+json">{json.dumps(body)}'
        f"</script></head><body><article><p>{paragraph * 3}</p></article></body></html>"
    )
    layers = _layers(page.encode())
    assert list(layers) == ["main", "page", "jsonld"]


def test_no_jsonld_layer_without_article_body() -> None:
    html = ARTICLE.replace('"articleBody"', '"description"')
    assert "jsonld" not in _layers(html.encode())


def test_empty_layers_are_skipped() -> None:
    # A script-rendered page: the body is empty until JavaScript runs, and the text is only in
    # JSON-LD. trafilatura returns None (a normal result) and the page text is empty.
    body = json.dumps({"@type": "Article", "articleBody": "The tide mill turns twice a day."})
    html = (
        f"<html><head><title>t</title><script type='application/ld+json'>{body}</script></head>"
        "<body><div id='app'></div></body></html>"
    )
    layers = extract_layers(html.encode(), content_type="text/html", url="")
    assert list(layers) == [TextLayer(name="jsonld", text="The tide mill turns twice a day.")]


def test_html_without_any_text_is_an_extraction_error() -> None:
    layers = extract_layers(
        b"<html><head><title>x</title></head><body></body></html>", content_type="text/html", url=""
    )
    with pytest.raises(ExtractionError, match="no readable text"):
        list(layers)


def test_xhtml_with_xml_declaration() -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Note</title></head>'
        b"<body><p>Rain gauges under-read in strong wind because drops blow over the funnel, "
        b"so every exposed station now has a second gauge sunk in a turf pit.</p></body></html>"
    )
    layers = _layers(body, "application/xhtml+xml")
    assert "drops blow over the funnel" in layers["page"].text


# --------------------------------------------------------------------------- charsets

TURKISH = (
    "<html><head>{meta}<title>Haber</title></head><body><article>"
    "<p>Şehir meclisi dün toplandı; İzmir’in su şebekesi için “acil” denilen iki öneri reddedildi.</p>"
    "<p>Iğdır’dan gelen heyet ağustosta yeniden görüşülecek.</p>"
    "</article></body></html>"
)
TURKISH_WORDS = ("Şehir meclisi dün toplandı", "İzmir’in", "“acil”", "Iğdır’dan", "ağustosta")


@pytest.mark.parametrize(
    ("meta", "content_type"),
    [
        ("", "text/html; charset=windows-1254"),  # only the HTTP header names the charset
        ('<meta charset="windows-1254">', "text/html"),  # only the page does
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1254">', None),
        ('<meta charset="windows-1254">', "text/html; charset=windows-1254"),
        # Browsers read ISO-8859-9 as windows-1254 (WHATWG), which has curly quotes in 0x80–0x9F.
        ("", "text/html; charset=iso-8859-9"),
    ],
)
def test_windows_1254_turkish_is_decoded(meta: str, content_type: str | None) -> None:
    body = TURKISH.format(meta=meta).encode("cp1254")
    for layer in _layers(body, content_type).values():
        for word in TURKISH_WORDS:
            assert word in layer.text, (layer.name, word)


def test_valid_utf8_wins_over_a_stale_charset_label() -> None:
    body = TURKISH.format(meta='<meta charset="iso-8859-1">').encode("utf-8")
    page = _layers(body, "text/html; charset=iso-8859-1")["page"].text
    assert "Şehir meclisi dün toplandı" in page


def test_a_wrong_declared_charset_falls_back_to_detection() -> None:
    # Declared UTF-8 but the bytes are windows-1254: decoding as declared fails, so trafilatura's
    # own detection runs instead of an exception.
    body = TURKISH.format(meta="").encode("cp1254")
    assert _layers(body, "text/html; charset=utf-8")["page"].text


def test_an_undeclared_western_page_is_read_as_windows_1252() -> None:
    """charset_normalizer's best guess for this page is cp1257 ("pręts ŕ"); browsers read an
    undeclared Western page as windows-1252, and so do we when it reads as cleanly."""
    body = (
        "<html><head><title>Les prêts</title></head><body><article><p>In São Paulo, the "
        "naïve quarter said: nous sommes prêts à négocier, déjà été.</p><p>The council’s "
        "report “was clear” — he said.</p></article></body></html>"
    ).encode("cp1252")
    layers = _layers(body, "text/html")
    for name in ("main", "page"):
        assert "São Paulo, the naïve quarter" in layers[name].text
        assert "prêts à négocier" in layers[name].text
    turkish = _layers(TURKISH.format(meta="").encode("cp1254"), "text/html")["page"].text
    assert "Iğdır’dan" in turkish


def test_utf16_html_with_bom() -> None:
    body = TURKISH.format(meta="").encode("utf-16")
    assert "Iğdır’dan" in _layers(body, None)["page"].text


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("Göç yolları “değişti” – İzmir’de.\n".encode(), "text/plain"),
        (
            "Göç yolları “değişti” – İzmir’de.\n".encode("cp1254"),
            "text/plain; charset=windows-1254",
        ),
        ("Göç yolları “değişti” – İzmir’de.\n".encode("utf-16"), "text/plain"),
        (codecs.BOM_UTF8 + "Göç yolları “değişti” – İzmir’de.\n".encode(), "text/markdown"),
    ],
)
def test_text_layer_is_decoded_as_served(body: bytes, content_type: str) -> None:
    (layer,) = extract_layers(body, content_type=content_type, url="")
    # Markdown is rendered (one paragraph, its line break gone); plain text stays as served.
    expected = "Göç yolları “değişti” – İzmir’de." + ("" if "markdown" in content_type else "\n")
    assert layer == TextLayer(name="text", text=expected)


def test_undeclared_legacy_text_is_detected() -> None:
    text = (
        "Le comité a décidé de fermer la piscine municipale à la fin de l’été. "
        "Les clubs de natation pourront s’entraîner à la piscine de l’est, où les créneaux "
        "seront élargis dès la rentrée. Les travaux de toiture coûteraient près de trois "
        "millions d’euros, une dépense que la régie ne peut pas assumer cette année.\n"
    )
    (layer,) = extract_layers(text.encode("cp1252"), content_type="text/plain", url="")
    assert layer.text == text


def test_markdown_title_and_text() -> None:
    body = b"# Closing the baths\n\nThe trust will close the baths on 30 September.\n"
    source = extract_source(body, content_type="text/markdown", url="https://e.org/s.md")
    assert source.title == "Closing the baths"
    assert source.layers[0].text == (
        "Closing the baths\n\nThe trust will close the baths on 30 September."
    )
    plain = extract_source(body, content_type="text/plain", url="https://e.org/notes.txt")
    assert plain.title == "Closing the baths"
    assert plain.layers[0].text.startswith("# Closing the baths")


MARKDOWN_SOURCE = """---
title: Commission report
---
# Commission report

The commission found that **exports rose by 14 per cent** in 2021.[^1]

> "Trade is the [lifeblood](http://x.example/) of this region," said the chair.

The minister said the plan was "_not_ negotiable under any
circumstances". ![A chart of *exports*](chart.png) Costs \\*fell\\* &amp; rose.

| Year | Visitors |
|------|----------|
| 2021 | 48,312 |

[^1]: Figures from the customs office.
"""


@pytest.mark.parametrize(
    ("content_type", "url"),
    [
        ("text/markdown; charset=utf-8", "https://e.org/report"),
        ("text/x-markdown", "https://e.org/report"),
        ("text/plain", "https://raw.example.org/org/repo/main/REPORT.md?plain=1"),
    ],
)
def test_markdown_is_read_as_rendered_text(content_type: str, url: str) -> None:
    source = extract_source(MARKDOWN_SOURCE.encode(), content_type=content_type, url=url)
    assert source.title == "Commission report"
    (layer,) = source.layers
    assert layer.name == "text"
    text = layer.text
    assert text.startswith("Commission report\n\nThe commission found")
    assert "exports rose by 14 per cent in 2021." in text
    assert '"Trade is the lifeblood of this region," said the chair.' in text
    assert 'the plan was "not negotiable under any\ncircumstances".' in text
    assert "A chart of exports" in text and "chart.png" not in text
    assert "Costs *fell* & rose." in text
    assert "2021 48,312" in text
    assert "Figures from the customs office." in text
    assert "title:" not in text and "**" not in text and "](" not in text


def test_markdown_served_as_plain_text_elsewhere_stays_as_written() -> None:
    (layer,) = extract_layers(MARKDOWN_SOURCE.encode(), content_type="text/plain", url="u.txt")
    assert "**exports rose by 14 per cent**" in layer.text


# --------------------------------------------------------------------------- PDF


def _pdf(pages: list[list[str]], *, user_password: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.set_title("Reservoir levels, winter report")
    pdf.add_font("Serif", "", SERIF)
    pdf.set_font("Serif", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    return bytes(pdf.output())


PAGES = [
    [
        "Reservoir levels stood at 71 per cent at the end of Decem-",
        "ber, below the ten-year average.",
    ],
    ["The ﬁrst rain of the new year arrived on 6 January.", "Levels recovered by mid-February."],
]


def test_pdf_layer_has_page_starts_and_restored_line_end_hyphens() -> None:
    (layer,) = extract_layers(_pdf(PAGES), content_type="application/pdf", url="")
    assert layer.name == "pdf"
    assert len(layer.page_starts) == 2 and layer.page_starts[0] == 0
    # pdfium drops the line break after a hyphen and marks it; the layer shows the page's words.
    assert "end of Decem-\nber, below the ten-year average." in layer.text
    second = layer.text.index("The first rain")
    assert layer.page_starts[1] <= second
    assert layer.text[layer.page_starts[1] - 2 : layer.page_starts[1]] == "\n\n"
    assert layer.page_at(layer.text.index("Reservoir levels")) == 1
    assert layer.page_at(second) == 2
    assert layer.page_at(len(layer.text) - 1) == 2


def test_pdf_title_from_document_information() -> None:
    source = extract_source(_pdf(PAGES), content_type="application/octet-stream", url="u")
    assert source.error is None
    assert source.title == "Reservoir levels, winter report"
    assert source.layers[0].name == "pdf"


def test_encrypted_pdf_needs_a_password() -> None:
    body = _pdf(PAGES, user_password="reader-secret")
    with pytest.raises(ExtractionError, match="^PDF is encrypted and needs a password$"):
        extract_layers(body, content_type="application/pdf", url="")
    source = extract_source(body, content_type="application/pdf", url="u")
    assert source.layers == () and source.error == "PDF is encrypted and needs a password"
    # pdfium alone says so too (it would otherwise report an "Incorrect password error").
    with pytest.raises(ExtractionError, match="^PDF is encrypted and needs a password$"):
        _read_pdfium(body)


def test_pdf_with_only_an_owner_password_is_readable() -> None:
    (layer,) = extract_layers(_pdf(PAGES, user_password=""), content_type="application/pdf", url="")
    assert "Levels recovered by mid-February." in layer.text


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_truncated_pdf_is_an_extraction_error(fraction: float) -> None:
    body = _pdf(PAGES)
    truncated = body[: int(len(body) * fraction)]
    with pytest.raises(ExtractionError, match="PDF could not be read"):
        extract_layers(truncated, content_type="application/pdf", url="")
    assert extract_source(truncated, content_type="application/pdf", url="u").error


def test_pdf_without_text_is_an_extraction_error() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)
    with pytest.raises(ExtractionError, match="no text layer"):
        extract_layers(bytes(pdf.output()), content_type="application/pdf", url="")


def test_pypdf_is_the_fallback_when_pdfium_cannot_read() -> None:
    def broken(body: bytes) -> _PdfText:
        raise ExtractionError("PDF could not be read: simulated pdfium failure")

    layer, title = _read_pdf(_pdf(PAGES), readers=(broken, _read_pypdf))
    assert "Levels recovered by mid-February." in layer.text
    assert layer.text.startswith("Reservoir levels stood at 71 per cent")
    assert len(layer.page_starts) == 2
    assert title == "Reservoir levels, winter report"


def test_pypdf_reports_a_password_too() -> None:
    with pytest.raises(ExtractionError, match="password"):
        _read_pypdf(_pdf(PAGES, user_password="reader-secret"))
    with pytest.raises(ExtractionError, match="could not be read"):
        _read_pypdf(b"%PDF-1.4\n" + b"garbage" * 20)


# --------------------------------------------------------------------------- extract_source


def test_extract_source_has_every_layer_and_the_title() -> None:
    source = extract_source(ARTICLE.encode(), content_type="text/html", url="https://e.org/a")
    assert [layer.name for layer in source.layers] == ["main", "page", "jsonld"]
    assert source.title is not None and "Tide mills" in source.title
    assert source.error is None
    # It crosses a process-pool boundary.
    assert pickle.loads(pickle.dumps(source)) == source


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("<title>  Only\n the title </title>", "Only the title"),
        (
            "<title>Page | Site</title><meta property='og:title' content='The real headline'>",
            "The real headline",
        ),
        ("", None),
    ],
)
def test_extract_source_title_from_metadata(head: str, title: str | None) -> None:
    html = f"<html><head>{head}</head><body><div><a href='/'>Home</a></div></body></html>"
    assert extract_source(html.encode(), content_type="text/html", url="").title == title


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", "unsupported content type: image/png"),
        (b'{"a": 1}', "application/json", "unsupported content type: application/json"),
        (b"\x00\x01\x02", None, "unsupported content type: unknown"),
        (b"", "text/html", "the response body is empty"),
    ],
)
def test_unreadable_input(body: bytes, content_type: str | None, message: str) -> None:
    with pytest.raises(ExtractionError, match=message):
        extract_layers(body, content_type=content_type, url="")
    source = extract_source(body, content_type=content_type, url="https://e.org/x")
    assert source == type(source)(url="https://e.org/x", error=message)


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><div>one</div><div>two<span>three</span></div>four<p>five\nsix</p></body></html>",
        # Soft hyphens and zero-width spaces are dropped from a block's own text and tail only.
        "<html><body><p>co\u00adop<em>er\u00ad\u200bate</em>\u200btail</p>\u00adafter<br>x</body></html>",
        "<html><body><ul><li>a\tb</li><li> c </li></ul><table><tr><td>1</td><td>2</td></tr></table>"
        "<h2>Head</h2>\u00a0text\u2028more<pre>  keep\n  lines</pre></body></html>",
        "<html><div>only <b>this</b></div><p>and\x0bthis</p></html>",
    ],
)
def test_page_text_is_what_html2txt_gives(page: str) -> None:
    """`_spaced_text` stands in for `trafilatura.html2txt(tree, clean=False)` (faster, on a tree
    it may change): the two must agree."""
    import trafilatura

    from claimcheck import extract

    expected = trafilatura.html2txt(trafilatura.load_html(page), clean=False)
    assert expected  # the case is about text, not about an empty page
    assert extract._spaced_text(trafilatura.load_html(page)) == expected


def test_page_text_of_a_tree_without_body_is_its_whole_text() -> None:
    import trafilatura
    from lxml import html as lxml_html

    from claimcheck import extract

    def fragment() -> object:
        return lxml_html.fragment_fromstring("<div>only <b>this</b><p>and this</p></div>")

    expected = trafilatura.html2txt(fragment(), clean=False)
    assert expected == "only this and this"
    assert extract._spaced_text(fragment()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kıyı yolu açıldı\n\nİlçe Başkanı Şükrü Işık, “Balıkçılığı bırakmayacağız” dedi. "
        "Ağışık sığınağı eylülde açılacak.\n",
        "Çarşı kapandı\n\nİdare Başkanı Ilgın Şişli, “Sığınakları yıkmayacağız” dedi. "
        "Işıklı yığınlar ağaçlıkta kaldı.\n",
    ],
)
def test_a_short_turkish_text_without_a_charset_is_read_as_windows_1254(text: str) -> None:
    # charset_normalizer's own pick for these is cp1257 or cp1252 ("Işık" as "Ižżk", "Iþýk").
    source = extract_source(text.encode("cp1254"), content_type="text/plain", url="u")
    assert source.layers[0].text.strip() == text.strip()


def test_a_page_past_libxml2s_limits_keeps_its_text() -> None:
    """One text node over 10 MB, or elements nested more than 256 deep, made libxml2 stop with
    a resource-limit error, and the page had no text at all."""
    sentence = "The harbour will reopen in May, the mayor said."
    big = f"<html><body><article><p>Start. {'word ' * 2_200_000} {sentence}</p></article></body></html>"
    deep = f"<html><body>{'<div>' * 400}<p>{sentence}</p>{'</div>' * 400}</body></html>"
    for page in (big, deep):
        layers = _layers(page.encode(), "text/html; charset=utf-8")
        assert sentence in layers["page"].text


def test_a_tag_with_a_hundred_thousand_attributes_is_cut_before_parsing() -> None:
    """libxml2 compares each attribute with the others: such a tag took minutes to parse."""
    attributes = " ".join(f'data-a{i}="v w"' for i in range(100_000))
    sentence = "The harbour will reopen in May, the mayor said."
    page = f"<html><body><article><p {attributes}>{sentence}</p></article></body></html>"
    assert len(_tame_tags(page)) < 5_000  # what libxml2 is given: the tag's first attributes
    layers = _layers(page.encode(), "text/html; charset=utf-8")
    assert sentence in layers["page"].text
    assert _tame_tags('<p a="x y" b="z">t</p>') == '<p a="x y" b="z">t</p>'
