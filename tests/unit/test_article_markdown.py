"""Markdown articles: `[^label]` footnotes, definition forms, inline links, the Porthaven fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.article import parse_article, read_article
from claimcheck.errors import ArticleError
from claimcheck.model import Article
from tests.conftest import fixture_path

MARCH_2 = dt.date(2025, 3, 2)


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


def _md(text: str) -> Article:
    return parse_article(text.encode("utf-8"), "t.md", "markdown")


def test_porthaven_markdown_notes() -> None:
    article = read_article(str(fixture_path("articles", "harbour.md")))
    assert article.title == "The Harbour Bridge of Porthaven"
    assert notes_table(article) == [
        ("1", 19, ("https://example.org/minutes/2019-03-04",), None,
         "Minutes of the Harbour Committee", "Porthaven Council", None),
        ("2", 20, (), "1", None, None, None),
        ("whitlock", 21, ("https://example.org/audit",), None, "The Bridge Audit",
         "Dana Whitlock", MARCH_2),
        ("4", 22, (), "whitlock", None, None, None),
        ("5", 23, ("https://example.org/gazette/tides",), None, "Tides and Tolls", "Ravi Menon",
         MARCH_2),
        ("6", 24, ("https://example.org/union/statement",
                   "https://archive.example.org/union/statement"), None,
         "Statement on the Pier", "Ferry Workers Union", MARCH_2),
        ("7", 26, (), "whitlock", "The Bridge Audit", "Whitlock", None),
        ("8", 27, (), "whitlock", None, None, None),
        ("9", 28, (), None, None, None, None),
    ]  # fmt: skip
    # A `[t](url)` definition keeps the link text, not the Markdown syntax.
    assert article.notes[0].text == (
        "Porthaven Council, “Minutes of the Harbour Committee,” March 4, 2019."
    )


def test_porthaven_markdown_claims() -> None:
    path = fixture_path("articles", "harbour.md")
    article = read_article(str(path))
    assert claims_table(article) == [
        ("n1-2019", "fact", "1", None, 5, 61, "2019", "year:2019"),
        ("n2-a-crossing-that-will", "quote", "2", None, 6, 46,
         "a crossing that will outlast every one of us", None),
        ("n2-bold", "term", "2", None, 7, 49, "bold", None),
        ("whitlock-48-million", "fact", "whitlock", None, 9, 19, "€48 million",
         "money:EUR:48000000"),
        ("whitlock-31-percent", "fact", "whitlock", None, 9, 94, "31 percent", "percent:31"),
        ("n4-no-evidence-of-waste", "quote", "4", None, 9, 139, "no evidence of waste", None),
        ("n5-ships-will-wait-longer", "quote", "5", None, 11, 31,
         "Ships will wait longer than they did in 1990", None),
        ("n6-une-attente-inutile", "quote", "6", None, 11, 161, "une attente inutile", None),
        ("n7-12-000", "fact", "7", None, 13, 70, "12,000", "count:12000"),
        ("n8-fair-compromise", "term", "8", None, 13, 138, "fair compromise", None),
        ("n9-a-bridge-to-nowhere", "quote", "9", None, 13, 178, "a bridge to nowhere", None),
        ("link-2-50", "fact", None, "https://example.org/tolls", 15, 109, "€2.50",
         "money:EUR:2.5"),
    ]  # fmt: skip
    lines = path.read_text(encoding="utf-8").splitlines()
    for c in article.claims:
        at = lines[c.line - 1][c.column - 1 :]
        # (a quotation may wrap onto the next line: check its first word)
        assert at.startswith(c.fact) if c.fact else at[1:].startswith((c.quote or "").split()[0])
    assert [(ln.url, ln.line, ln.column, ln.text) for ln in article.links] == [
        ("https://example.org/tolls", 15, 37, "port website")
    ]
    assert [(u.line, u.column, u.reason) for u in article.uncited] == [
        (17, 1, "figure"),
        (17, 57, "quote"),
    ]


def test_definition_forms_link_autolink_and_bare_url() -> None:
    article = _md(
        "Said “three words here”.[^a] And “four more words here”.[^b] Also “five words in this "
        "one”.[^c]\n\n"
        "[^a]: Ann, [“Title A”](https://example.org/a_(x)).\n"
        "[^b]: See <https://example.org/b>.\n"
        "[^c]: Bare https://example.org/c), and https://example.org/d.\n"
    )
    assert [(n.id, n.urls) for n in article.notes] == [
        ("a", ("https://example.org/a_(x)",)),
        ("b", ("https://example.org/b",)),
        ("c", ("https://example.org/c", "https://example.org/d")),
    ]


def test_inline_footnote_and_front_matter_title() -> None:
    article = _md(
        '---\ntitle: "Front Title"\n---\n\n# Heading\n\n'
        "A “quoted claim inline”^[Inline note, https://example.org/i.] here.\n"
    )
    assert article.title == "Front Title"
    assert [(n.id, n.line, n.urls) for n in article.notes] == [("1", 7, ("https://example.org/i",))]
    assert [(c.note, c.line, c.column) for c in article.claims] == [("1", 7, 3)]


def test_multi_paragraph_definition_and_reference_links() -> None:
    article = _md(
        "The [port][p] says “tolls will rise soon”.\n\n"
        "Text “quoted for note one”.[^1]\n\n"
        "[p]: https://example.org/port\n\n"
        "[^1]: First paragraph, https://example.org/one.\n\n"
        "    Second paragraph, accessed 2 March 2025.\n"
    )
    assert [(c.url, c.note, c.quote) for c in article.claims] == [
        ("https://example.org/port", None, "tolls will rise soon"),
        (None, "1", "quoted for note one"),
    ]
    (note,) = article.notes
    assert (
        note.text
        == "First paragraph, https://example.org/one. Second paragraph, accessed 2 March 2025."
    )
    assert (note.urls, note.accessed) == (("https://example.org/one",), MARCH_2)


def test_plain_numbered_notes_in_markdown_are_read_the_text_way() -> None:
    article = _md("It said “three words here”.[1]\n\n[1] Note, https://example.org/n.\n")
    assert [(n.id, n.urls) for n in article.notes] == [("1", ("https://example.org/n",))]
    assert [(c.note, c.quote) for c in article.claims] == [("1", "three words here")]


def test_code_and_html_are_not_claims() -> None:
    article = _md(
        "```\nprint(“not a quote here”) # 2024\n```\n\nReal “quoted words here” <b>x</b>.[^1]\n\n"
        "[^1]: N.\n"
    )
    assert [c.quote for c in article.claims] == ["quoted words here"]


def test_undefined_footnote_reference_is_text() -> None:
    article = _md("A “quoted phrase here”.[^missing]\n")
    assert article.notes == ()
    assert [u.reason for u in article.uncited] == ["quote"]


def test_bad_markdown_bytes_raise() -> None:
    with pytest.raises(ArticleError, match="not UTF-8"):
        parse_article(b"# caf\xe9", "bad.md", "markdown")


def test_thousands_of_unclosed_footnote_references_are_refused_not_parsed_for_seconds() -> None:
    # bench/fuzz (issue 7) found the footnote plugin quadratic on a line of `[^c[^c[^c…`.
    from claimcheck.article import parse_article
    from claimcheck.errors import ArticleError

    body = "# Title\n\nSome text.\nThe keepers logged " + "[^c" * 1000 + " ships.\n"
    with pytest.raises(ArticleError) as info:
        parse_article(body.encode(), "bad.md", "markdown")
    assert info.value.line == 4
    assert "never closed" in info.value.message()
    # A few stray ones in a real article are fine.
    few = "Text with a stray [^ or two [^x.[^1]\n\n[^1]: https://example.org/a\n"
    article = parse_article(few.encode(), "ok.md", "markdown")
    assert [n.id for n in article.notes] == ["1"]


def test_plain_links_skip_markdown_it_normalisation_without_changing_it() -> None:
    """The fast path of `_MarkdownIt.normalizeLink` gives what markdown-it's own would."""
    import random
    import string

    from markdown_it.common.normalize_url import normalizeLink

    from claimcheck.article.markdown import _PLAIN_LINK

    rng = random.Random(1)
    tail = string.ascii_letters + string.digits + ";/?:@&=+$,-_.!~*'()#%é[] "
    links = [
        "http://a.b",
        "https://example.org/wiki/Foo_(bar)",
        "http://127.0.0.2:8000/ok/1?x=1#y",
        "https://Example.org/Path",
        "https://example.org/a b",
        "https://bücher.de/",
        "https://example.org/%7euser",
    ]
    for _ in range(3000):
        host = "".join(rng.choice(string.ascii_lowercase + string.digits + ".-") for _ in range(8))
        rest = "".join(rng.choice(tail) for _ in range(rng.randint(0, 20)))
        port = rng.choice(["", ":80", ":8080"])
        links.append(f"{rng.choice(['http', 'https'])}://{host}{port}/{rest}")
    fast = [u for u in links if _PLAIN_LINK.fullmatch(u)]
    assert len(fast) > 300  # the fast path is exercised...
    assert all(normalizeLink(u) == u for u in fast)  # ...and changes nothing markdown-it keeps
    cited = [u for u in links[:7] if " " not in u]  # a space ends a link destination
    article = _md("".join(f"Cites [it]({u}).\n\n" for u in cited))
    assert [link.url for link in article.links] == [normalizeLink(u) for u in cited]


def test_undefined_marker_ends_its_sentence_and_its_claims_go_to_no_note(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """`[^x]` with no `[^x]:` still ends its sentence: its claims are not the next note's."""
    article = _md(
        "# M\n\n"
        "A has 11 cases.[^x] B has 12 cases.[^y]\n\n"
        "He said “we will win the vote”. Then 5 cases.[^x] Then 6 cases.[^y]\n\n"
        "C rose 13%[^x] and D rose 14%.[^y]\n\n"
        "[^y]: https://two.example.org/\n"
    )
    assert [(c.note, c.quote or c.fact, c.line, c.column) for c in article.claims] == [
        ("y", "12", 3, 27),
        ("y", "6", 5, 56),
        ("y", "14%", 7, 27),  # 13% sits before the unknown marker: not given to y
    ]
    assert [(u.line, u.column, u.sentence, u.reason) for u in article.uncited] == [
        (3, 1, "A has 11 cases.", "figure"),
        (5, 1, "He said “we will win the vote”.", "quote"),
        (5, 33, "Then 5 cases.", "figure"),
    ]
    assert "t.md:3:16: footnote marker for note x" in caplog.text
    assert "t.md:5:46: footnote marker for note x" in caplog.text
    assert "t.md:7:11: footnote marker for note x" in caplog.text


def test_undefined_marker_when_only_links_are_wanted_does_not_crash() -> None:
    text = "A has 11 cases.[^x] See [it](https://a.example.org/).\n"
    article = parse_article(text.encode(), "t.md", "markdown", claims=False)
    assert article.claims == () and [link.url for link in article.links] == [
        "https://a.example.org/"
    ]


def test_escapes_and_entities_keep_lines_and_columns() -> None:
    article = _md(
        "# T\n\n"
        "First para.\n\n"
        "Costs &amp; benefits rose 5% in 2020.[^1]\n\n"
        'AT\\&T said \\"yes\\" and \\*sharply\\* cut 7% in 2021.[^1]\n\n'
        "[^1]: https://a.example.org/\n"
    )
    assert [(c.quote or c.fact, c.line, c.column) for c in article.claims] == [
        ("5%", 5, 27),
        ("2020", 5, 33),
        ("yes", 7, 12),  # the escaped quote mark `\"` starts at column 12
        ("7%", 7, 40),
        ("2021", 7, 46),
    ]
    assert article.notes[0].line == 9


def test_a_footnote_defined_twice_keeps_the_first_and_warns_with_both_lines(
    caplog: pytest.LogCaptureFixture,
) -> None:
    article = _md(
        "A had 11 cases.[^1] B had 12 cases.[^2]\n\n"
        "[^1]: First https://one.example.org/\n"
        "[^2]: Two https://two.example.org/\n\n"
        "[^1]: Second https://other.example.org/\n"
    )
    assert [(n.id, n.line, n.urls) for n in article.notes] == [
        ("1", 3, ("https://one.example.org/",)),
        ("2", 4, ("https://two.example.org/",)),
    ]
    assert "t.md:6: note 1 is defined twice (lines 3 and 6); keeping the first (line 3)" in (
        caplog.text
    )


def test_access_dates_in_other_languages_reach_the_notes() -> None:
    article = _md(
        "# Liman\n\nBir “alıntı” burada.[^1] Eine „Angabe“ dort.[^2]\n\n"
        "[^1]: Kıyı Gazetesi, https://example.org/liman, (Erişim: 07.04.2022).\n"
        "[^2]: Hafenblatt, 2.3.2020, https://example.org/hafen, abgerufen am 5. Mai 2021.\n"
    )
    assert [n.accessed for n in article.notes] == [dt.date(2022, 4, 7), dt.date(2021, 5, 5)]


def test_block_quotation_takes_the_note_on_its_attribution_line() -> None:
    """`> "…"` / `>` / `> — Name[^1]`: the attribution's note covers the quotation above it."""
    article = _md(
        "# Fares\n\n"
        "The minister was blunt:\n\n"
        '> "We will not raise fares this year."\n'
        ">\n"
        "> — Minister of Transport[^1]\n\n"
        "[^1]: Interview, https://m.example/i\n"
    )
    assert [(c.note, c.kind.value, c.quote, c.line, c.column) for c in article.claims] == [
        ("1", "quote", "We will not raise fares this year", 5, 3),
    ]
    assert article.uncited == ()


def test_an_unquoted_block_quotation_is_a_quote_of_its_note() -> None:
    """A block quote is itself a quotation: put in quotation marks, whether its note is on an
    attribution line (a paragraph of its own or the quote's last line) or at its end."""
    article = _md(
        "# T\n\n"
        "> The corridor will never be finished on time.\n>\n> It will cost 2.3 million.\n"
        ">\n> -- Auditor General[^a]\n\n"
        "> Fares will stay flat.\n> — Council[^b]\n\n"
        "> The line is the spine of the valley.[^c]\n\n"
        "> He said 5 people left.[^a] Then 7 more did.\n\n"
        "[^a]: https://a.example/x\n[^b]: https://b.example/x\n[^c]: https://c.example/x\n"
    )
    assert [(c.note, c.kind.value, c.quote or c.fact, c.line, c.column) for c in article.claims] == [
        ("a", "quote", "The corridor will never be finished on time", 3, 3),
        ("a", "quote", "It will cost 2.3 million", 5, 3),
        ("b", "quote", "Fares will stay flat", 9, 3),
        ("c", "quote", "The line is the spine of the valley", 12, 3),
        # a marker inside the paragraph: no quotation of one note, read as before
        ("a", "fact", "5", 14, 11),
    ]  # fmt: skip


def test_a_quote_with_its_own_marker_in_a_block_quotation_keeps_it() -> None:
    article = _md(
        "# T\n\n"
        '> "First part," she said.[^a]\n>\n> "Second part."\n>\n> — Jones[^b]\n\n'
        "[^a]: https://a.example/x\n[^b]: https://b.example/x\n"
    )
    assert [(c.note, c.quote) for c in article.claims] == [
        ("a", "First part"),
        ("b", "Second part"),
    ]


def test_numbered_reference_links_are_note_markers_not_figures() -> None:
    """`…million.[1]` with `[1]: URL`: "1" is a marker for a note citing the URL."""
    article = _md(
        "# Valley\n\n"
        'The mayor called it "the spine of the valley".[1] Ridership reached 2.3 million.[2]'
        " See [the report][1] and [3] options.\n\n"
        '[1]: https://v.example/a "Valley Lines"\n'
        "[2]: <https://v.example/b>\n"
        "[3]: https://v.example/c\n"
    )
    assert [(n.id, n.line, n.urls, n.title) for n in article.notes] == [
        ("1", 5, ("https://v.example/a",), "Valley Lines"),
        ("2", 6, ("https://v.example/b",), None),
        ("3", 7, ("https://v.example/c",), None),
    ]
    assert [(c.note, c.quote or c.fact, c.line, c.column) for c in article.claims] == [
        ("1", "the spine of the valley", 3, 21),
        ("2", "2.3 million", 3, 69),
    ]


def test_a_numbered_inline_link_is_a_marker_only_right_after_a_word_or_punctuation() -> None:
    article = _md(
        "# T\n\nRidership reached 2.3 million.[1](https://v.example/a) "
        "There are [4](https://v.example/b) options.\n"
    )
    assert [(n.id, n.line, n.urls) for n in article.notes] == [
        ("1", 3, ("https://v.example/a",)),
    ]
    assert [(c.note, c.url, c.fact) for c in article.claims] == [
        ("1", None, "2.3 million"),
        (None, "https://v.example/b", "4"),
    ]


def test_a_numbered_link_keeps_its_footnote_label_free() -> None:
    """A `[^1]` footnote keeps id 1: the numbered link `[1]` to another URL is a note of its
    own, `ref1`, so its "1" is no figure of the sentence."""
    article = _md(
        '# T\n\nIt was "a costly folly".[^1] It cost 40% more.[1]\n\n'
        "[^1]: https://n.example/1\n\n[1]: https://x.example/a\n"
    )
    assert [(n.id, n.urls) for n in article.notes] == [
        ("1", ("https://n.example/1",)),
        ("ref1", ("https://x.example/a",)),
    ]
    assert [(c.note, c.kind.value, c.quote or c.fact) for c in article.claims] == [
        ("1", "quote", "a costly folly"),
        ("ref1", "fact", "40%"),
    ]


def test_raw_html_links_in_markdown_are_links() -> None:
    article = _md(
        "# Fares\n\n"
        'The <a href="https://council.example/fares">council</a> said "fares will stay flat".'
        " The <A class=x HREF='https://www.google.com/url?q=https://b.example/%3Fy%3D1&amp;sa=D'>"
        'board</A> said "fares will rise".\n'
    )
    assert [(c.url, c.quote) for c in article.claims] == [
        ("https://council.example/fares", "fares will stay flat"),
        ("https://b.example/?y=1", "fares will rise"),
    ]
    assert [(link.url, link.text, link.line, link.column) for link in article.links] == [
        ("https://council.example/fares", "council", 3, 45),
        ("https://b.example/?y=1", "board", 3, 173),
    ]


def test_a_numbered_notes_list_under_a_notes_heading_is_read(
    caplog: pytest.LogCaptureFixture,
) -> None:
    article = _md(
        "# Rail\n\n"
        'The mayor called the line "the spine of the valley".[1] Ridership reached 2.3 million.[2]'
        "\n\n## Notes\n\n"
        '1. John Carter, "Valley Lines," https://rail.example/valley-lines\n'
        "2. VTA [report](https://vta.example/r), 2023.\n"
    )
    assert [(n.id, n.line, n.urls, n.title) for n in article.notes] == [
        ("1", 7, ("https://rail.example/valley-lines",), "Valley Lines"),
        ("2", 8, ("https://vta.example/r",), None),
    ]
    assert [(c.note, c.quote or c.fact, c.column) for c in article.claims] == [
        ("1", "the spine of the valley", 27),
        ("2", "2.3 million", 75),
    ]
    assert caplog.text == ""


def test_a_numbered_list_under_sources_that_no_marker_cites_stays_text() -> None:
    article = _md(
        "# Rail\n\nRidership rose.\n\n## Sources\n\n"
        '1. The [council](https://c.example/x) says "fares will stay flat".\n'
    )
    assert article.notes == ()
    assert [(c.url, c.quote) for c in article.claims] == [
        ("https://c.example/x", "fares will stay flat"),
    ]


def test_raw_sup_numbers_are_markers_but_exponents_are_not() -> None:
    article = _md(
        "# T\n\nRidership reached 2.3 million.<sup>1</sup> The depot is 40 m<sup>2</sup>."
        " It was “a costly folly”.²\n\n## Notes\n\n"
        "1. VTA, https://v.example/r\n2. Jones, https://j.example/\n"
    )
    assert [(n.id, n.line, n.urls) for n in article.notes] == [
        ("1", 7, ("https://v.example/r",)),
        ("2", 8, ("https://j.example/",)),
    ]
    assert [(c.note, c.quote or c.fact, c.column) for c in article.claims] == [
        ("1", "2.3 million", 19),
        ("2", "a costly folly", 82),
    ]
    assert [u.sentence for u in article.uncited] == ["The depot is 40 m2."]


def test_a_reference_link_whose_text_is_an_amount_stays_a_link() -> None:
    article = _md("# T\n\nOver [100][stats] people rode it.\n\n[stats]: https://s.example/\n")
    assert article.notes == ()
    assert [(c.url, c.fact) for c in article.claims] == [("https://s.example/", "100")]


def test_quote_marks_in_inline_code_are_no_quotations() -> None:
    article = _md(
        "Run `grep 'disk full' syslog` and `grep \"no space\" syslog`, then 'look again'.[^1]\n\n"
        "[^1]: N, https://example.org/n\n"
    )
    assert [c.quote for c in article.claims] == ["look again"]


def test_figures_in_inline_code_are_no_facts() -> None:
    article = _md(
        "Set `retries = 3` and `timeout = 30s`; the service then handled 4,200 requests a "
        "second.[^1]\n\n[^1]: N, https://example.org/n\n"
    )
    assert [c.fact for c in article.claims] == ["4,200"]
