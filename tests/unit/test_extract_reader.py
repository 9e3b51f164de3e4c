"""HTML layers hold what a reader reads: no reference markers, struck-through text, templates,
hidden elements, advertising labels, "Read more" lines or newsletter lines; text rendered from
Next.js data; a page that is one element with text."""

from __future__ import annotations

import gzip
import json

import pytest

from claimcheck.extract import _strip_furniture, extract_layers, extract_source


def _page(body: str, head: str = "") -> bytes:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Harbour</title>"
        f"{head}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<main><article><h1>Harbour news</h1>{body}</article></main>"
        "<footer>© 2024 The Gazette</footer></body></html>"
    ).encode()


def _texts(body: bytes) -> dict[str, str]:
    layers = extract_layers(body, content_type="text/html; charset=utf-8", url="")
    return {layer.name: " ".join(layer.text.split()) for layer in layers}


def _both(body: str) -> tuple[str, str]:
    texts = _texts(_page(body))
    return texts["main"], texts["page"]


# --------------------------------------------------------------------------- reference markers


MARKERS = (
    "<p>The town's population was 48,210 at the 2021 census,"
    '<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup> an increase of'
    ' 6 per cent<sup class="reference"><a href="#cite_note-2">[2]</a></sup> on the count.</p>'
    '<p>Annual tonnage peaked at 2.1 million<sup><a href="#fn5">5</a></sup> in 1974.</p>'
    '<p>Occupancy reached 81 per cent<sup id="r3"><a href="#n3">3</a></sup> in August.</p>'
    '<p>Landings fell to 1,200<a href="#fn4" class="footnote-ref" role="doc-noteref"><sup>4</sup>'
    '</a> tonnes, and the quay cost £4.2m<sup id="fnref:7"><a class="footnote-ref" '
    'href="#fn:7">7</a></sup> in all.</p>'
    "<p>Most of it was sold abroad.<sup>9</sup> The claim<sup>[citation needed]</sup> stands.</p>"
)


def test_reference_markers_are_left_out_of_both_layers() -> None:
    for text in _both(MARKERS):
        assert "48,210 at the 2021 census, an increase of 6 per cent on the count." in text
        assert "peaked at 2.1 million in 1974." in text
        assert "reached 81 per cent in August." in text
        assert "fell to 1,200 tonnes, and the quay cost £4.2m in all." in text
        assert "sold abroad. The claim stands." in text
        assert "[" not in text


SUPERSCRIPTS = (
    "<p>The basin covers 4,500 m<sup>2</sup> and it is the 21<sup>st</sup> of its kind, "
    'the 1<sup>er</sup> in France; see x<sup>n</sup> and y<sup><a href="/wiki/Y">2</a></sup> '
    "and (a+b)<sup>2</sup> and the brand<sup>TM</sup> too, as CO<sub>2</sub> shows.</p>"
)


def test_a_superscript_that_is_no_marker_keeps_its_text() -> None:
    for text in _both(SUPERSCRIPTS):
        assert "4,500 m2 and it is the 21st of its kind, the 1er in France" in text
        assert "x n" not in text and "xn and y2 and (a+b)² and the brandTM too" in text
        assert "CO2 shows" in text


def test_an_exponent_after_a_digit_is_written_in_superscript_characters() -> None:
    body = (
        "<p>The tidal lagoon was planned in 2019 and approved by the council last spring.</p>"
        "<p>The lagoon holds 3.4 × 10<sup>6</sup> m<sup>3</sup> of water, and losses are "
        "about 10<sup>-3</sup> of it, or 2<sup> 10 </sup> litres.</p>"
    )
    for text in _both(body):
        assert "3.4 × 10⁶ m3 of water, and losses are about 10⁻³ of it, or 2¹⁰ litres." in text


def test_romance_ordinals_linked_unit_exponents_and_bracketed_exponents_are_no_markers() -> None:
    body = (
        "<p>Es la 1.<sup>a</sup> vez y el 2.<sup>o</sup> año; las 3.<sup>as</sup> jornadas "
        "del ferry N.<sup>o</sup> 5 y el n.<sup>os</sup> 6.</p>"
        "<p>The lake covers 5 km<sup><a href='/glossary#km2'>2</a></sup> of the valley.</p>"
        "<p>The cost grows as (a+b)<sup>2</sup> and (12)<sup>3</sup> says the model.</p>"
        "<p>The port was rebuilt (in 1990)<sup>4</sup> by the council.</p>"
        "<p>It closed in June.<sup>a</sup> It reopened<sup><a href='/news/port#n1'>1</a></sup>"
        " in May<sup><a href='port#n2'>2</a></sup>.</p>"
    )
    texts = _texts(_page(body))
    for text in (texts["main"], texts["page"]):
        assert "Es la 1.a vez y el 2.o año; las 3.as jornadas del ferry N.o 5 y el n.os 6." in text
        assert "covers 5 km2 of the valley" in text
        assert "grows as (a+b)² and (12)³ says" in text
        assert "rebuilt (in 1990)4 by" in text  # an aside in brackets: no exponent
        # After a sentence's full stop a letter is a marker; the page's own note link too.
    layers = extract_layers(_page(body), content_type="text/html", url="https://x.org/news/port")
    main = " ".join(next(layers).text.split())
    assert "It closed in June. It reopened in May." in main


# --------------------------------------------------------------------------- struck text, templates


def test_struck_through_text_is_left_out_of_main_and_kept_in_page() -> None:
    body = (
        "<p>The council <del>approved</del> <ins>rejected</ins> the application on Tuesday.</p>"
        "<p>The terminal would have cost <s>£14 million</s> £41 million in all.</p>"
        "<p>The ferry <strike>will</strike> may run <span style='text-decoration: line-through'>"
        "daily</span> weekly from May.</p>"
        "<p>Tickets were <del>£20 <s>or £25</s></del> £15.</p>"
    )
    main, page = _both(body)
    assert "The council rejected the application on Tuesday." in main
    assert "would have cost £41 million in all." in main
    assert "The ferry may run weekly from May." in main
    assert "Tickets were £15." in main
    for struck in ("approved", "£14", "will", "daily", "£20", "£25"):
        assert struck not in main
    # A reader sees struck text: the page layer reads it where it stands.
    assert "The council approved rejected the application" in page
    assert "would have cost £14 million £41 million in all." in page
    assert "The ferry will may run daily weekly from May." in page
    assert "Tickets were £20 or £25 £15." in page


def test_template_content_is_left_out_but_a_declarative_shadow_root_is_read() -> None:
    body = (
        "<p>The developer agreed to fund a new lifeboat station on the east pier.</p>"
        "<template id='card'><p>The harbour will be renamed Quayside Marina.</p></template>"
        "<div><template shadowrootmode='open'><p>The slipway opens in June.</p></template></div>"
    )
    for text in _both(body):
        assert "renamed Quayside Marina" not in text
        assert "The slipway opens in June." in text


# --------------------------------------------------------------------------- hidden elements


def test_elements_hidden_by_their_markup_are_left_out() -> None:
    body = (
        "<p>The minister made no promise of free trains for pensioners, her office said.</p>"
        "<div hidden>The minister promised free trains for pensioners.</div>"
        "<p>Fares will rise <span style='DISPLAY : None !important'>by a tenth</span>"
        " in line with inflation.</p>"
        "<p style='color: red; visibility: hidden'>The line to Elmbridge will close.</p>"
        "<table><tr style='visibility:collapse'><td>Ticket office closures: 40</td></tr>"
        "<tr><td>Ticket offices open: 312</td></tr></table>"
        "<div hidden='hidden'><p>Nested <span style='display:block'>quay tolls</span></p></div>"
    )
    main, page = _both(body)
    assert "The minister made no promise of free trains for pensioners" in main
    assert "Fares will rise in line with inflation." in main
    assert "Ticket offices open: 312" in main
    for hidden in ("promised", "a tenth", "Elmbridge", "closures", "quay tolls"):
        assert hidden not in main
    # A reader may reveal it ("Read more", an accordion, a slide): the page layer keeps it, in
    # its place, and the matcher weighs a quote found only there against the main text.
    assert "The minister promised free trains for pensioners." in page
    assert "Fares will rise by a tenth in line with inflation." in page
    assert "Ticket office closures: 40" in page and "Nested quay tolls" in page


def test_text_a_reader_can_see_or_reveal_is_kept() -> None:
    body = (
        "<p>The council will spend £3 million on the new quay next year, it said today.</p>"
        "<div hidden='until-found'><p>The quay opens in June.</p></div>"
        "<details><summary>Costs</summary><p>The pier costs £2 million.</p></details>"
        "<div role='tabpanel' id='t2' hidden><p>The tolls stay at £4.</p></div>"
        "<button aria-controls='more extra'>More</button>"
        "<div id='more' style='display:none'><p>The ferry runs hourly.</p></div>"
        "<p aria-hidden='true'>The harbour is 300 years old.</p>"
        "<p class='sr-only'>The lighthouse was rebuilt.</p>"
        "<p style='display: none; display: block'>The slipway was widened.</p>"
        "<p style='overflow: hidden; border: none'>The cranes were sold.</p>"
        "<div style='visibility: hidden'>Not this. <p style='visibility: visible'>The fish market"
        " moves.</p> Nor this.</div>"
    )
    texts = _texts(_page(body))
    page, main = texts["page"], texts["main"]
    for kept in (
        "The quay opens in June.",
        "The pier costs £2 million.",
        "The tolls stay at £4.",
        "The ferry runs hourly.",
        "The harbour is 300 years old.",
        "The lighthouse was rebuilt.",
        "The slipway was widened.",
        "The cranes were sold.",
        "The fish market moves.",
    ):
        assert kept in page
    assert "The fish market moves." in main
    assert "Not this" not in main and "Nor this" not in main


def test_a_page_hidden_until_its_scripts_run_is_read() -> None:
    # Most of the page's text is hidden inline: its scripts show it, and readers read it.
    body = (
        "<div id='app' style='visibility:hidden'>"
        + "<p>The harbour board approved the dredging plan by seven votes to two.</p>" * 5
        + "</div><script>document.getElementById('app').style.visibility = 'visible'</script>"
    )
    for text in _both(body):
        assert "approved the dredging plan by seven votes to two." in text


def test_data_scripts_in_a_hidden_element_are_still_read() -> None:
    data = json.dumps({"@type": "NewsArticle", "articleBody": "The tide mill turns twice a day."})
    body = (
        "<p>The mill on the estuary was restored by volunteers over three summers.</p>"
        f"<div style='display:none'><script type='application/ld+json'>{data}</script>"
        "<p>Hidden words.</p></div>"
    )
    texts = _texts(_page(body))
    assert texts["jsonld"] == "The tide mill turns twice a day."
    assert "Hidden words" not in texts["main"] and "Hidden words" in texts["page"]


# --------------------------------------------------------------------------- one-element pages


@pytest.mark.parametrize(
    "body",
    [
        "<p>The stadium roof was replaced last winter, the club said.</p>",
        "<div>The stadium roof was <b>replaced</b> last winter, the club said.</div>\n",
        "  The stadium roof was replaced last winter, the club said.",
    ],
)
def test_a_page_that_is_one_element_with_text_is_read(body: str) -> None:
    source = extract_source(body.encode(), content_type="text/html; charset=utf-8", url="")
    assert source.error is None
    names = [layer.name for layer in source.layers]
    assert names == ["main", "page"]
    for layer in source.layers:
        assert " ".join(layer.text.split()) == (
            "The stadium roof was replaced last winter, the club said."
        )


# --------------------------------------------------------------------------- page furniture

FURNITURE = (
    "<p>The board met on Thursday to discuss the fish market and its losses.</p>"
    '<p class="story-continues">Story continues below advertisement</p>'
    "<p>Traders will be offered new stalls in the covered market.</p>"
    '<p>They had "never been asked, <span class="inline-ad">ADVERTISEMENT</span> and now '
    'they are told to move out", he said.</p>'
    '<P><STRONG>Read more:</STRONG> <A HREF="/x">Lifeboat crew honoured for rescue</A></P>'
    '<p>Read also: <a href="/y">Ferry fares rise</a> | <a href="/z">Quay <em>closes</em></a></p>'
    '<div class="read-more"><span>See also</span><a href="/w">The harbour in 1900</a></div>'
    "<p>Sign up for our newsletter to get the top stories in your inbox.</p>"
    "<p>Subscribe to our newsletter!</p>"
    '<div>Sign up for our newsletter: <a href="/n">The Morning <b>Briefing</b></a></div>'
    '<p><strong>Sign up</strong> for the daily newsletter <a href="/n">here</a>.</p>'
    "<div><p>— Advertisement —</p></div>"
    "<p>All four people on board were brought safely ashore.</p>"
)


def test_advertising_labels_and_link_and_newsletter_lines_are_left_out() -> None:
    for text in _both(FURNITURE):
        assert "its losses. Traders will be offered" in text
        assert '"never been asked, and now they are told to move out"' in text
        assert "covered market. They had" in text
        assert 'move out", he said. All four people on board' in text
        for furniture in (
            "dvertisement",
            "ADVERTISEMENT",
            "Read",
            "See also",
            "newsletter",
            "Briefing",
        ):
            assert furniture not in text


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        (
            "<p>The <em>Advertisement</em> was banned by the regulator in March.</p>",
            "The Advertisement was banned",
        ),
        (
            "<p>The story continues below the fold, the editor said in March.</p>",
            "The story continues below the fold",
        ),
        (
            '<p>Read more about the plan <a href="/plan">in the report</a> published today.</p>',
            "Read more about the plan in the report published today.",
        ),
        (
            '<p>See also the <a href="/r">council report</a>, which lists the costs.</p>',
            "See also the council report",
        ),
        (
            "<p>Subscribe to the newsletter, the council urged residents on Monday.</p>",
            "Subscribe to the newsletter, the council urged",
        ),
        (
            "<p>Sign up for our newsletter, the mayor urged residents at the meeting.</p>",
            "Sign up for our newsletter, the mayor urged residents",
        ),
        (
            "<p>Subscribe to our newsletter was the slogan of the 1990s campaign.</p>",
            "Subscribe to our newsletter was the slogan",
        ),
        (
            '<p>Sign up for our newsletter, said the <a href="/b">pier banner</a> in 2023.</p>',
            "Sign up for our newsletter, said the pier banner in 2023.",
        ),
        (
            "<p>Advertisements for the ferry appeared in 1920, and it ran until the war.</p>",
            "Advertisements for the ferry appeared in 1920",
        ),
        (
            "<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Advertisement</td>"
            "<td>£40,000</td></tr><tr><td>Printing</td><td>£12,000</td></tr></table>",
            "Advertisement £40,000",
        ),
    ],
)
def test_sentences_about_such_things_stay(sentence: str, kept: str) -> None:
    assert _strip_furniture(sentence) == sentence
    for text in _both(sentence):
        assert kept in text


def test_furniture_is_cut_from_the_markup_only_where_found() -> None:
    html = (
        '<div class="ad-slot"><div class="ad-label">Advertisement</div><div id="a1"></div></div>'
        '<script>var s = ">Advertisement<";</script><p>Text.</p>'
    )
    assert _strip_furniture(html) == (
        '<div class="ad-slot"><div class="ad-label"></div><div id="a1"></div></div>'
        '<script>var s = ">Advertisement<";</script><p>Text.</p>'
    )


# --------------------------------------------------------------------------- the large-page path


def test_a_page_too_large_to_share_its_tree_is_pruned_before_trafilatura() -> None:
    # Over 20,000 elements: trafilatura parses the page itself, from the pruned markup.
    filler = "<ul>" + "<li><a href='/x'>x</a></li>" * 11_000 + "</ul>"
    body = (
        "<p>Annual tonnage peaked at 2.1 million<sup><a href='#fn5'>5</a></sup> in 1974, "
        "the council said, <del>and fell</del> before the new quay opened to ships.</p>" * 20
    ) + filler
    texts = _texts(_page(body))
    assert "peaked at 2.1 million in 1974, the council said, before the new" in texts["main"]
    assert "million5" not in texts["main"] and "fell" not in texts["main"]
    assert "peaked at 2.1 million in 1974, the council said, and fell before" in texts["page"]
    assert "million5" not in texts["page"]


def test_a_compressed_body_has_its_page_layer_pruned() -> None:
    # A body compressed twice over reaches trafilatura as bytes; the page layer is read from a
    # tree parsed from them, and pruned then.
    body = gzip.compress(_page(MARKERS))
    page = _texts(body)["page"]
    assert "at the 2021 census, an increase of 6 per cent on the count." in page


# --------------------------------------------------------------------------- Next.js data


def _next_page(data: object, visible: str = "<div class='skeleton'>Loading…</div>") -> bytes:
    script = json.dumps(data)
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Ferry cuts</title></head><body>"
        f"<div id='__next'><nav><a href='/'>Home</a></nav><main>{visible}</main></div>"
        f"<script id='__NEXT_DATA__' type='application/json'>{script}</script></body></html>"
    ).encode()


NEXT_DATA = {
    "props": {
        "pageProps": {
            "article": {
                "id": "a-123",
                "slug": "ferry-cuts",
                "title": "Ferry cuts",
                "url": "https://example.org/news/ferry cuts and more",
                "body": [
                    {"type": "p", "text": "The ferry operator cut the winter timetable to two."},
                    {"type": "p", "html": "<p>Passengers called it <em>a betrayal</em>.</p>"},
                    {"type": "p", "text": "The ferry operator cut the winter timetable to two."},
                ],
            }
        }
    },
    "page": "/news/[slug]",
    "buildId": "abc123 build",
}


def test_next_data_of_a_client_rendered_page_is_the_nextdata_layer() -> None:
    source = extract_source(_next_page(NEXT_DATA), content_type="text/html", url="u")
    layers = {layer.name: layer.text for layer in source.layers}
    assert layers["nextdata"] == (
        "The ferry operator cut the winter timetable to two.\n\nPassengers called it a betrayal."
    )
    assert [layer.name for layer in source.layers][-1] == "nextdata"


def test_next_data_is_not_read_when_the_page_shows_its_article() -> None:
    article = "".join(
        f"<p>The ferry operator confirmed on day {day} that the winter timetable would be cut "
        "to two sailings a day, blaming a shortage of qualified crew on the island routes.</p>"
        for day in range(8)
    )
    assert "nextdata" not in _texts(_next_page(NEXT_DATA, article))


@pytest.mark.parametrize("script", ["{not json", "[]", '"a string of many words here"'])
def test_unreadable_or_empty_next_data_gives_no_layer(script: str) -> None:
    page = _next_page({}).replace(b"{}", script.encode())
    assert "nextdata" not in _texts(page)


def _article_data(title: str, *related: tuple[str, str]) -> dict[str, object]:
    more = "The debate on the fares ran for three hours in the old town hall on Tuesday."
    return {
        "props": {
            "pageProps": {
                "article": {
                    "title": title,
                    "body": [
                        {"type": "p", "text": "The council rejected the fare cut for islanders."},
                        {"type": "p", "text": "The ferry company said it was disappointed."},
                        {"type": "p", "text": more},
                    ],
                },
                "related": [{"title": t, "summary": summary} for t, summary in related],
            }
        }
    }


TEASER = ("Council approves fare cut", "The council approved the fare cut for islanders.")


@pytest.mark.parametrize("title", ["Ferry cuts", "FERRY CUTS!"])
def test_next_data_reads_the_article_titled_as_the_page_and_no_teasers(title: str) -> None:
    text = _texts(_next_page(_article_data(title, TEASER, TEASER)))["nextdata"]
    assert "The council rejected the fare cut for islanders." in text
    assert "The ferry company said it was disappointed." in text
    assert "approved" not in text


def test_next_data_without_the_page_title_reads_an_article_that_dominates() -> None:
    # The page is titled "Ferry cuts"; the data's article has another title.
    text = _texts(_next_page(_article_data("Island fares", TEASER)))["nextdata"]
    assert "The council rejected the fare cut" in text and "approved" not in text


def test_next_data_whose_article_cannot_be_told_gives_no_layer() -> None:
    data = {
        "props": {
            "pageProps": {
                "stories": [
                    {"title": "Council rejects fare cut", "summary": TEASER[1]},
                    {"title": "Harbour reopens", "summary": "The harbour reopened on Monday."},
                ]
            }
        }
    }
    assert "nextdata" not in _texts(_next_page(data))
