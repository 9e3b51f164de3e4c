"""HTML articles: `<sup><a href="#fn1">`, Word `_ftn`/`_edn` anchors, note lists, inline links."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.article import parse_article, read_article
from claimcheck.encoding import decode_html
from claimcheck.errors import ArticleError
from claimcheck.model import Article
from tests.conftest import fixture_path

MARCH_2 = dt.date(2025, 3, 2)
MINUTES = "https://example.org/minutes/2019-03-04"
UNION = ("https://example.org/union/statement", "https://archive.example.org/union/statement")


def notes_table(article: Article) -> list[tuple[object, ...]]:
    return [
        (n.id, n.line, n.urls, n.resolved_note, n.title, n.author, n.accessed)
        for n in article.notes
    ]


def claims_table(article: Article) -> list[tuple[object, ...]]:
    return [
        (c.id, c.kind.value, c.note, c.url, c.line, c.column, c.quote or c.fact, c.value)
        for c in article.claims
    ]


def _html(body: str) -> Article:
    return parse_article(f"<html><body>{body}</body></html>".encode(), "t.html", "html")


def test_porthaven_html_notes() -> None:
    article = read_article(str(fixture_path("articles", "harbour.html")))
    assert article.title == "The Harbour Bridge of Porthaven"
    assert notes_table(article) == [
        ("1", 23, (MINUTES,), None, "Minutes of the Harbour Committee", "Porthaven Council", None),
        ("2", 24, (), "1", None, None, None),
        ("3", 25, ("https://example.org/audit",), None, "The Bridge Audit", "Dana Whitlock",
         MARCH_2),
        ("4", 26, (), "3", None, None, None),
        ("5", 27, ("https://example.org/gazette/tides",), None, "Tides and Tolls", "Ravi Menon",
         MARCH_2),
        ("6", 28, UNION, None, "Statement on the Pier", "Ferry Workers Union", MARCH_2),
        ("7", 30, (), "3", "The Bridge Audit", "Whitlock", None),
        ("8", 31, (), "3", None, None, None),
        ("9", 32, (), None, None, None, None),
    ]  # fmt: skip
    # The backlink ("↩") is not part of the note.
    assert article.notes[0].text == (
        "Porthaven Council, “Minutes of the Harbour Committee,” March 4, 2019."
    )


def test_porthaven_html_claims() -> None:
    article = read_article(str(fixture_path("articles", "harbour.html")))
    assert claims_table(article) == [
        ("n1-2019", "fact", "1", None, 12, 64, "2019", "year:2019"),
        ("n2-a-crossing-that-will", "quote", "2", None, 13, 85,
         "a crossing that will outlast every one of us", None),
        ("n2-bold", "term", "2", None, 14, 55, "bold", None),  # after &rdquo;
        ("n3-48-million", "fact", "3", None, 15, 22, "€48 million", "money:EUR:48000000"),
        ("n3-31-percent", "fact", "3", None, 15, 97, "31 percent", "percent:31"),
        ("n4-no-evidence-of-waste", "quote", "4", None, 15, 162, "no evidence of waste", None),
        ("n5-ships-will-wait-longer", "quote", "5", None, 16, 34,
         "Ships will wait longer than they did in 1990", None),
        ("n6-une-attente-inutile", "quote", "6", None, 16, 200, "une attente inutile", None),
        ("n7-12-000", "fact", "7", None, 17, 73, "12,000", "count:12000"),
        ("n8-fair-compromise", "term", "8", None, 17, 168, "fair compromise", None),
        ("n9-a-bridge-to-nowhere", "quote", "9", None, 17, 235, "a bridge to nowhere", None),
        ("link-2-50", "fact", None, "https://example.org/tolls", 18, 123, "€2.50",
         "money:EUR:2.5"),
    ]  # fmt: skip
    assert [(ln.url, ln.line, ln.column, ln.text) for ln in article.links] == [
        ("https://example.org/tolls", 18, 75, "port website")
    ]
    # The navigation and footer outside <article> are not body text.
    assert [(u.line, u.reason) for u in article.uncited] == [(19, "figure"), (19, "quote")]


def test_porthaven_word_html_with_ftn_and_edn_anchors_in_windows_1252() -> None:
    article = read_article(str(fixture_path("articles", "harbour-word.html")))
    assert article.title == "The Harbour Bridge of Porthaven"
    assert notes_table(article) == [
        ("1", 30, (MINUTES,), None, "Minutes of the Harbour Committee", "Porthaven Council", None),
        ("2", 33, (), "1", None, None, None),
        ("3", 36, ("https://example.org/audit",), None, "The Bridge Audit", "Dana Whitlock",
         MARCH_2),
        ("4", 39, (), "3", None, None, None),
        ("5", 42, ("https://example.org/gazette/tides",), None, "Tides and Tolls", "Ravi Menon",
         MARCH_2),
        ("6", 45, UNION, None, "Statement on the Pier", "Ferry Workers Union", MARCH_2),
        ("7", 49, (), "3", "The Bridge Audit", "Whitlock", None),
        ("8", 52, (), "3", None, None, None),
        ("i", 57, (), None, None, None, None),
    ]  # fmt: skip
    assert article.notes[2].text.startswith("Dana Whitlock")  # the "[3]" backlink is dropped
    assert claims_table(article) == [
        ("n1-2019", "fact", "1", None, 18, 80, "2019", "year:2019"),
        ("n2-a-crossing-that-will", "quote", "2", None, 21, 24,
         "a crossing that will outlast every one of us", None),
        ("n2-bold", "term", "2", None, 22, 17, "bold", None),
        ("n3-48-million", "fact", "3", None, 23, 38, "€48 million", "money:EUR:48000000"),
        ("n3-31-percent", "fact", "3", None, 23, 113, "31 percent", "percent:31"),
        ("n4-no-evidence-of-waste", "quote", "4", None, 23, 236, "no evidence of waste", None),
        ("n5-ships-will-wait-longer", "quote", "5", None, 24, 50,
         "Ships will wait longer than they did in 1990", None),
        ("n6-une-attente-inutile", "quote", "6", None, 24, 265, "une attente inutile", None),
        ("n7-12-000", "fact", "7", None, 25, 89, "12,000", "count:12000"),
        ("n8-fair-compromise", "term", "8", None, 25, 242, "fair compromise", None),
        ("i-a-bridge-to-nowhere", "quote", "i", None, 25, 367, "a bridge to nowhere", None),
        ("link-2-50", "fact", None, "https://example.org/tolls", 26, 139, "€2.50",
         "money:EUR:2.5"),
    ]  # fmt: skip
    assert [(u.line, u.reason) for u in article.uncited] == [(27, "figure"), (27, "quote")]


def test_pandoc_style_notes_with_backlinks_and_aside() -> None:
    article = _html(
        '<p>He said “the pier will reopen soon”<a href="#fn1" class="footnote-ref" id="fnref1" '
        'role="doc-noteref"><sup>1</sup></a> and “tolls will fall again”<a href="#n2"><sup>2</sup>'
        "</a>.</p>"
        '<section class="footnotes" role="doc-endnotes"><hr><ol>'
        '<li id="fn1"><p>Port note, <a href="https://example.org/port">site</a>.'
        '<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>'
        '<aside id="n2">Second note https://example.org/two.</aside>'
    )
    assert [(n.id, n.text, n.urls) for n in article.notes] == [
        ("1", "Port note, site.", ("https://example.org/port",)),
        ("2", "Second note https://example.org/two.", ("https://example.org/two",)),
    ]
    assert [(c.note, c.quote) for c in article.claims] == [
        ("1", "the pier will reopen soon"),
        ("2", "tolls will fall again"),
    ]


def test_listed_notes_without_links_and_ol_start() -> None:
    article = _html(
        "<p>Text.</p><ol class='footnotes' start='3'><li>Third, https://example.org/3.</li>"
        "<li>Ibid.</li></ol>"
    )
    assert [(n.id, n.resolved_note) for n in article.notes] == [("3", None), ("4", "3")]


def test_page_with_plain_bracket_notes_is_read_the_text_way() -> None:
    article = _html(
        "<div class='post'><p>It said “three words here”.[1] Later “more words were said”[2].</p>"
        "<p>[1] First, <a href='https://example.org/1'>link</a>.</p>"
        "<p>[2] Second https://example.org/2.</p><p>Related topics</p></div>"
    )
    assert [(n.id, n.urls) for n in article.notes] == [
        ("1", ("https://example.org/1",)),
        ("2", ("https://example.org/2",)),
    ]
    assert [(c.note, c.quote) for c in article.claims] == [
        ("1", "three words here"),
        ("2", "more words were said"),
    ]


def test_scripts_styles_and_nav_are_skipped_and_br_separates() -> None:
    article = _html(
        "<nav>“a quoted nav label” 2024</nav><script>var x = “a quoted js string”;</script>"
        "<p>Line one with 5 percent<br>Line two “quoted words here”.</p>"
    )
    assert article.claims == ()
    assert [u.sentence for u in article.uncited] == [
        "Line one with 5 percent Line two “quoted words here”."
    ]


def test_decode_html_charsets() -> None:
    assert decode_html("“x” €".encode()) == "“x” €"
    assert decode_html(b'<meta charset="windows-1252"><p>\x93x\x94 \x80') == (
        '<meta charset="windows-1252"><p>“x” €'
    )
    assert decode_html(b"<p>caf\xe9</p>") == "<p>café</p>"  # not UTF-8: Windows-1252
    assert decode_html(b"<meta charset='nonsense'><p>ok") == "<meta charset='nonsense'><p>ok"
    assert decode_html("\ufeff<p>é".encode()) == "<p>é"


def test_xml_declaration_and_control_characters_are_tolerated() -> None:
    data = '<?xml version="1.0" encoding="utf-8"?><html><body><p>A\x01 “quoted words here”.</p>'
    article = parse_article(data.encode(), "x.xhtml", "html")
    assert [u.reason for u in article.uncited] == ["quote"]


@pytest.mark.parametrize("data", [b"", b"   \n ", b"\x00\x00"])
def test_empty_html_raises(data: bytes) -> None:
    with pytest.raises(ArticleError) as info:
        parse_article(data, "empty.html", "html")
    assert info.value.path == "empty.html"


def test_link_to_a_missing_note_is_a_marker_for_no_note(caplog: pytest.LogCaptureFixture) -> None:
    """`#fn1` with no `id="fn1"`: its sentence ends there, uncited; "1" is no figure."""
    article = _html(
        '<p>A has 11 cases.<sup><a href="#fn1">1</a></sup> B has 12 cases.'
        '<sup><a href="#fn2">2</a></sup></p>'
        '<ol class="footnotes"><li id="fn2">https://two.example.org/</li></ol>'
    )
    assert [(c.note, c.fact, c.column) for c in article.claims] == [("2", "12", 69)]
    assert [(u.sentence, u.reason) for u in article.uncited] == [("A has 11 cases.", "figure")]
    assert "t.html:1:31: footnote marker for note 1, which the article does not define" in (
        caplog.text
    )


def test_bare_sup_number_is_a_marker_but_an_exponent_is_not(
    caplog: pytest.LogCaptureFixture,
) -> None:
    article = _html(
        "<p>Alpha beta gamma delta has 41 cases.<sup>1</sup> Then the total was 9 items and "
        '<b>77</b> more.<sup><a href="#fn2">2</a></sup></p>'
        "<p>The plot covers 40 m<sup>3</sup> of land.<sup>2</sup></p>"
        '<ol class="footnotes"><li id="fn2">https://w2.example.org/</li></ol>'
    )
    assert [(c.note, c.fact) for c in article.claims] == [
        ("2", "9"),
        ("2", "77"),
        ("2", "40"),  # `m<sup>3</sup>` is an exponent, not a marker for note 3
    ]
    assert [u.sentence for u in article.uncited] == ["Alpha beta gamma delta has 41 cases."]
    assert "marker for note 1," in caplog.text and "note 3" not in caplog.text


def test_columns_after_inline_tags_and_entities() -> None:
    article = parse_article(
        b"<html><body>\n"
        b"<p>The report said <i>\xe2\x80\x9ccosts are unsustainable now\xe2\x80\x9d</i> in 2021 "
        b'and later in <b>2022</b>.<sup><a href="#fn1">1</a></sup></p>\n'
        b"<p>Costs &amp; benefits &ldquo;rose fast&rdquo; by 5% in 2020 and 2021."
        b'<sup><a href="#fn1">1</a></sup></p>\n'
        b'<ol class="footnotes"><li id="fn1">https://w1.example.org/</li></ol>\n'
        b"</body></html>",
        "t.html",
        "html",
    )
    assert [(c.quote or c.fact, c.line, c.column) for c in article.claims] == [
        ("costs are unsustainable now", 2, 23),
        ("2021", 2, 60),
        ("2022", 2, 81),
        ("rose fast", 3, 25),  # the opening `&ldquo;`
        ("5%", 3, 52),
        ("2020", 3, 58),
        ("2021", 3, 67),
    ]


@pytest.mark.parametrize(
    ("head", "source", "url"),
    [
        ('<base href="https://base.example.org/dir/">', "t.html", "https://base.example.org/dir/"),
        ("", "https://news.example.org/2024/story.html", "https://news.example.org/2024/"),
        ('<base href="/b/">', "https://news.example.org/2024/story", "https://news.example.org/b/"),
    ],
)
def test_relative_links_resolve_against_base_or_the_page_url(
    head: str, source: str, url: str
) -> None:
    page = (
        f"<html><head>{head}</head><body>"
        '<p>Claim of 12 cases.<sup><a href="#fn1">1</a></sup> See <a href="data.csv">data</a> '
        "with 13 cases.</p>"
        '<ol class="footnotes"><li id="fn1">Report, <a href="report.html">online</a>.</li></ol>'
        "</body></html>"
    )
    article = parse_article(page.encode(), source, "html")
    assert [n.urls for n in article.notes] == [(url + "report.html",)]
    assert [link.url for link in article.links] == [url + "data.csv"]


def test_relative_note_link_in_a_local_file_is_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    article = _html(
        '<p>Claim of 12 cases.<sup><a href="#fn1">1</a></sup></p>\n<ol class="footnotes">'
        '<li id="fn1">Report, <a href="report.html">online</a>, <a href="mailto:a@b.org">m</a>.'
        "</li></ol>"
    )
    assert [(n.id, n.urls) for n in article.notes] == [("1", ())]
    assert "t.html:2: a note links to the relative URL 'report.html'" in caplog.text
    assert "mailto" not in caplog.text


def test_a_note_listed_twice_is_warned_about_naming_both_lines(
    caplog: pytest.LogCaptureFixture,
) -> None:
    article = _html(
        '<p>Claim of 12 cases.<sup><a href="#fn1">1</a></sup></p>\n<ol class="footnotes">\n'
        '<li id="fn1">https://one.example.org/</li>\n<li id="fn1">https://two.example.org/</li>'
        "\n</ol>"
    )
    assert [(n.id, n.urls) for n in article.notes] == [("1", ("https://one.example.org/",))]
    assert "t.html:4: note 1 is defined twice (lines 3 and 4); keeping the first (line 3)" in (
        caplog.text
    )


def test_columns_after_a_comment_inside_a_paragraph() -> None:
    # Word's "Save as Web Page" leaves conditional comments inside paragraphs.
    line = (
        "<p>Plain text<!--[if gte mso 9]><xml>x</xml><![endif]--> says &#8220;after it"
        '&#8221; in 2024.<a href="#fn1"><sup>1</sup></a></p>'
    )
    article = parse_article(
        f'<html><body>\n{line}\n<ol><li id="fn1">https://e.org/</li></ol>\n</body></html>'.encode(),
        "t.html",
        "html",
    )
    positions = [(c.quote or c.fact, c.line, c.column) for c in article.claims]
    assert positions == [
        ("after it", 2, line.index("&#8220;") + 1),
        ("2024", 2, line.index("2024") + 1),
    ]


_NOTE_LIST = (
    '<ol class="footnotes"><li id="fn1">Interview, <a href="https://m.example/i">site</a>'
    ' <a href="#r1">↩</a></li><li id="fn2">See <a href="#fn1">note 1</a>,'
    ' https://m.example/j <a href="#r2">↩</a></li></ol>'
)


def test_block_quotation_takes_the_note_on_its_footer() -> None:
    """`<blockquote><p>“…”</p><footer>— <cite>Name</cite><sup>…` and a `<figure>` caption."""
    article = _html(
        "<article><p>The minister was blunt:</p>\n"
        "<blockquote><p>“We will not raise fares this year.”</p>\n"
        '<footer>— <cite>Minister</cite><sup><a href="#fn1" id="r1">1</a></sup></footer>'
        "</blockquote>\n"
        "<figure><blockquote><p>Fares will stay flat.</p><p>Buses too.</p></blockquote>\n"
        '<figcaption>Council<sup><a href="#fn2" id="r2">2</a></sup></figcaption></figure>\n'
        f"{_NOTE_LIST}</article>"
    )
    assert [(c.note, c.quote, c.line, c.column) for c in article.claims] == [
        ("1", "We will not raise fares this year", 2, 16),
        ("2", "Fares will stay flat", 4, 24),
        ("2", "Buses too", 4, 52),
    ]
    assert article.uncited == ()


def test_a_dash_attribution_paragraph_in_a_blockquote_is_its_note() -> None:
    article = _html(
        "<article><blockquote><p>We will not raise fares.</p>"
        '<p>— Minister<sup><a href="#fn1" id="r1">1</a></sup></p></blockquote>'
        '<blockquote><p>Unrelated words here <a href="https://x.example/">x</a>.</p></blockquote>'
        f"{_NOTE_LIST}</article>"
    )
    assert [(c.note, c.url, c.quote) for c in article.claims] == [
        ("1", None, "We will not raise fares"),
    ]


def test_q_elements_are_quotations() -> None:
    article = _html(
        "<p>The minister said <q>We will <q>never</q> raise fares</q>."
        '<sup><a href="#fn1" id="r1">1</a></sup></p>' + _NOTE_LIST
    )
    assert [(c.note, c.quote, c.column) for c in article.claims] == [
        ("1", "We will ‘never’ raise fares", 34),  # where the <q> tag opens
    ]


def test_google_docs_links_are_unwrapped_and_its_title_is_read() -> None:
    redirect = "https://www.google.com/url?q={}&amp;sa=D&amp;source=editors&amp;ust=17&amp;usg=AOv"
    article = _html(
        '<p class="c3 title"><span class="c1">Valley Rail Draft</span></p>'
        '<p>The mayor said “the spine of the valley”.<sup><a href="#ftnt1" id="ftnt_ref1">[1]'
        "</a></sup> The "
        f'<a href="{redirect.format("https://council.example/fares%3Fyear%3D2024")}">council</a>'
        " says “fares will stay flat”. Search "
        '<a href="https://www.google.com/url?sa=t&amp;url=https://y.example/">y</a>.</p>'
        '<div><p><a href="#ftnt_ref1" id="ftnt1">[1]</a> Carter, '
        f'<a href="{redirect.format("https://rail.example/valley")}">https://rail.example/valley</a>'
        "</p></div>"
    )
    assert article.title == "Valley Rail Draft"
    assert [(n.id, n.urls) for n in article.notes] == [("1", ("https://rail.example/valley",))]
    assert [link.url for link in article.links] == [
        "https://council.example/fares?year=2024",
        "https://www.google.com/url?sa=t&url=https://y.example/",  # not the Docs shape: kept
    ]


def test_wikipedia_short_footnotes_take_the_url_of_their_full_citation() -> None:
    article = _html(
        '<div class="mw-parser-output"><p>It was "the spine of the valley".<sup class="reference">'
        '<a href="#cite_note-1">[1]</a></sup></p>'
        '<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><b>'
        '<a href="#cite_ref-1">^</a></b></span> <span class="reference-text">'
        '<a href="#CITEREFCarter2022">Carter 2022</a>, p. 45.</span></li></ol>'
        '<h2>Sources</h2><ul><li><cite id="CITEREFCarter2022" class="citation book">Carter, John '
        '(2022). <a class="external text" href="https://rail.example/vl">"Folly"</a>.</cite></li>'
        '<li>Further reading: <a href="https://more.example/">"More"</a>.</li></ul></div>'
    )
    assert [(n.id, n.text, n.urls) for n in article.notes] == [
        ("1", "Carter 2022, p. 45.", ("https://rail.example/vl",)),
    ]
    # the cited Sources entry is part of the note, not a body claim; other entries stay body
    assert [(c.note, c.url, c.quote) for c in article.claims] == [
        ("1", None, "the spine of the valley"),
        (None, "https://more.example/", "More"),
    ]


def test_in_page_links_in_a_note_keep_their_text_but_backlinks_are_dropped() -> None:
    article = _html('<p>Text “a b c”.<sup><a href="#fn2" id="r2">2</a></sup></p>' + _NOTE_LIST)
    assert [(n.id, n.text) for n in article.notes] == [
        ("1", "Interview, site"),
        ("2", "See note 1, https://m.example/j"),
    ]


def test_a_plain_ol_under_a_notes_heading_is_read_when_the_body_cites_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    article = _html(
        "<p>Ridership reached 2.3 million.<sup>1</sup> It was “a costly folly”.[2]</p>\n"
        '<h2>Notes</h2>\n<ol><li>VTA, <a href="https://v.example/r">report</a></li>\n'
        "<li>Jones, https://j.example/</li></ol>\n"
        "<h2>More</h2><ol><li>An item “in quotes” of 5.</li></ol>"
    )
    assert [(n.id, n.line, n.urls) for n in article.notes] == [
        ("1", 3, ("https://v.example/r",)),
        ("2", 4, ("https://j.example/",)),
    ]
    assert [(c.note, c.quote or c.fact) for c in article.claims] == [
        ("1", "2.3 million"),
        ("2", "a costly folly"),
    ]
    assert [u.sentence for u in article.uncited] == ["An item “in quotes” of 5."]
    assert "does not define" not in caplog.text


def test_an_ol_under_references_that_nothing_cites_stays_body_text() -> None:
    article = _html(
        "<p>Ridership reached 2.3 million.</p><h2>References</h2>"
        '<ol><li>VTA <a href="https://v.example/r">report</a> says “x y z”</li></ol>'
    )
    assert article.notes == ()
    assert [(c.url, c.quote) for c in article.claims] == [("https://v.example/r", "x y z")]


def test_wikipedia_backlinks_with_several_references_leave_no_caret_in_the_note() -> None:
    article = _html(
        '<p>It was “a costly folly”.<sup id="cite_ref-j_1-0"><a href="#cite_note-j-1">[1]</a>'
        '</sup> Again “a costly folly”.<sup id="cite_ref-j_1-1"><a href="#cite_note-j-1">[1]</a>'
        '</sup></p><ol class="references"><li id="cite_note-j-1"><span class="mw-cite-backlink">^ '
        '<a href="#cite_ref-j_1-0"><sup><i><b>a</b></i></sup></a> <a href="#cite_ref-j_1-1">'
        '<sup><i><b>b</b></i></sup></a></span> <span class="reference-text">Jones, '
        '<a href="https://j.example/">Folly</a>.</span></li></ol>'
    )
    assert [(n.id, n.text, n.urls) for n in article.notes] == [
        ("1", "Jones, Folly.", ("https://j.example/",)),
    ]


# ------------------------------------------------ menus whose tags are never closed


def _after_menu(menu: str) -> bytes:
    return (
        "<html><head><title>Ferry</title></head><body><nav>"
        + menu
        + '</nav><p>The operator said “the new ferry will enter service in June”.<sup><a href="#n1">1'
        "</a></sup></p>"
        '<ol class="footnotes"><li id="n1"><a href="https://ferry.example/news">Notice</a></li></ol>'
        "</body></html>"
    ).encode()


@pytest.mark.parametrize("tag", ["font size=2", "div", "span class=item"])
def test_an_article_after_hundreds_of_unclosed_menu_tags_is_read(tag: str) -> None:
    # libxml2 stops nesting at 256 levels unless told otherwise, and keeps unclosed `<div>`s
    # open past `</nav>`, which put the whole article inside the skipped menu.
    menu = "".join(f"<{tag}>menu entry {i} " for i in range(400))
    article = parse_article(_after_menu(menu), "a.html", "html")
    assert [c.quote for c in article.claims] == ["the new ferry will enter service in June"]
    assert [c.note for c in article.claims] == ["1"]


def test_an_article_nested_past_the_parsers_limit_is_refused() -> None:
    menu = "".join(f"<font size=2>menu entry {i} " for i in range(2200))
    with pytest.raises(ArticleError, match="nest more than 2,048 deep"):
        parse_article(_after_menu(menu), "a.html", "html")


def test_a_menu_without_footnote_markers_is_still_left_out() -> None:
    page = (
        "<html><body><nav><div>Home <div>Our ferries carried 2.4 million passengers last year."
        "</div></div></nav>"
        '<p>The operator said “the new ferry will enter service in June”.<sup><a href="#n1">1'
        '</a></sup></p><ol class="footnotes"><li id="n1"><a href="https://ferry.example/">N</a>'
        "</li></ol></body></html>"
    ).encode()
    article = parse_article(page, "a.html", "html")
    assert [c.quote for c in article.claims] == ["the new ferry will enter service in June"]
    assert not article.uncited  # the menu's figure, in a `<p>`, would be listed


def test_quote_marks_in_code_kbd_samp_and_pre_are_no_quotations() -> None:
    article = _html(
        "<p>Run <code>grep 'disk full' syslog</code>, type <kbd>\"yes\"</kbd>, read "
        "<samp>'no space left'</samp> and 'look again'."
        '<sup><a href="#fn1" id="r1">1</a></sup></p>'
        "<pre>mode = 'strict' and \"quiet\"</pre>" + _NOTE_LIST
    )
    assert [c.quote for c in article.claims] == ["look again"]
    assert [u.sentence for u in article.uncited] == []


def test_figures_in_code_are_no_facts() -> None:
    article = _html(
        "<p>With <code>workers = 8</code> the plant processed 1,500 tonnes a day."
        '<sup><a href="#fn1" id="r1">1</a></sup></p>' + _NOTE_LIST
    )
    assert [c.fact for c in article.claims] == ["1,500 tonnes a day"]
