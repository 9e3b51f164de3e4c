"""Plain-text articles: `[N]` markers, the trailing notes list, and the Porthaven fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.article import parse_article, read_article
from claimcheck.article.plaintext import PlainTextParser
from claimcheck.errors import ArticleError
from claimcheck.model import Article
from tests.conftest import fixture_path

MARCH_2 = dt.date(2025, 3, 2)
URL_AUDIT = "https://example.org/audit"


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


def test_porthaven_text_notes() -> None:
    article = read_article(str(fixture_path("articles", "harbour.txt")))
    assert article.title == "The Harbour Bridge of Porthaven"
    assert notes_table(article) == [
        ("1", 19, ("https://example.org/minutes/2019-03-04",), None,
         "Minutes of the Harbour Committee", "Porthaven Council", None),
        ("2", 21, (), "1", None, None, None),
        ("3", 23, (URL_AUDIT,), None, "The Bridge Audit", "Dana Whitlock", MARCH_2),
        ("4", 25, (), "3", None, None, None),
        ("5", 27, ("https://example.org/gazette/tides",), None, "Tides and Tolls", "Ravi Menon",
         MARCH_2),
        ("6", 29, ("https://example.org/union/statement",
                   "https://archive.example.org/union/statement"), None,
         "Statement on the Pier", "Ferry Workers Union", MARCH_2),
        ("7", 31, (), "3", "The Bridge Audit", "Whitlock", None),
        ("8", 33, (), "3", None, None, None),
        ("9", 35, (), None, None, None, None),
    ]  # fmt: skip
    assert article.notes[1].text == "Ibid., p. 4."


def test_porthaven_text_claims() -> None:
    path = fixture_path("articles", "harbour.txt")
    article = read_article(str(path))
    assert claims_table(article) == [
        ("n1-2019", "fact", "1", None, 7, 61, "2019", "year:2019"),
        ("n2-a-crossing-that-will", "quote", "2", None, 7, 118,
         "a crossing that will outlast every one of us", None),
        ("n2-bold", "term", "2", None, 7, 196, "bold", None),
        ("n3-48-million", "fact", "3", None, 9, 19, "€48 million", "money:EUR:48000000"),
        ("n3-31-percent", "fact", "3", None, 9, 94, "31 percent", "percent:31"),
        ("n4-no-evidence-of-waste", "quote", "4", None, 9, 131, "no evidence of waste", None),
        ("n5-ships-will-wait-longer", "quote", "5", None, 11, 31,
         "Ships will wait longer than they did in 1990", None),
        ("n6-une-attente-inutile", "quote", "6", None, 11, 160, "une attente inutile", None),
        ("n7-12-000", "fact", "7", None, 13, 70, "12,000", "count:12000"),
        ("n8-fair-compromise", "term", "8", None, 13, 230, "fair compromise", None),
        ("n9-a-bridge-to-nowhere", "quote", "9", None, 13, 269, "a bridge to nowhere", None),
    ]  # fmt: skip
    # Every position points at the claim in the file: its opening mark or its figure.
    lines = path.read_text(encoding="utf-8").splitlines()
    for c in article.claims:
        at = lines[c.line - 1][c.column - 1 :]
        # (a quotation may wrap onto the next line: check its first word)
        assert at.startswith(c.fact) if c.fact else at[1:].startswith((c.quote or "").split()[0])
    assert article.claims[6].sentence == (
        'The harbour master was blunt: "Ships will wait longer than they did in 1990."'
    )
    assert article.links == ()
    assert [(u.line, u.column, u.reason) for u in article.uncited] == [
        (15, 1, "figure"),
        (17, 1, "figure"),
        (17, 57, "quote"),
    ]
    assert article.uncited[0].sentence == (
        "The toll schedule is posted on the port website, where a single crossing costs €2.50."
    )


def _parse(text: str) -> Article:
    return parse_article(text.encode("utf-8"), "t.txt", "text")


def test_markers_after_words_and_punctuation_lists_and_ranges() -> None:
    article = _parse(
        "Tolls rose “by a wide margin”[1] in May. Fares fell “by a little”,[2] said one.\n"
        "A joint “review of all fares”.[3, 4] A wider “look at every route”[5–6].\n\n"
        "[1] A.\n[2] B.\n[3] C.\n[4] D.\n[5] E.\n[6] F.\n"
    )
    assert [(c.note, c.quote) for c in article.claims] == [
        ("1", "by a wide margin"),
        ("2", "by a little"),
        ("3", "review of all fares"),
        ("5", "look at every route"),
    ]
    assert [n.id for n in article.notes] == ["1", "2", "3", "4", "5", "6"]


def test_brackets_inside_urls_and_bracketed_words_are_not_markers() -> None:
    article = _parse(
        "The office [sic] counts “every single car” at https://example.org/t?day[1]=mon "
        "and [the council] agrees [2].\n\n[1] First.\n[2] Second, https://example.org/s.\n"
    )
    (claim,) = article.claims
    assert (claim.note, claim.quote) == ("2", "every single car")
    assert "[1]=mon" in claim.sentence and "[sic]" in claim.sentence
    assert "[2]" not in claim.sentence


def test_markers_for_missing_notes_stay_text() -> None:
    article = _parse("A “quoted phrase here” [7] and array[0].\n\n[1] Only note.\n")
    assert article.claims == ()
    assert [u.sentence for u in article.uncited] == ["A “quoted phrase here” [7] and array[0]."]


def test_notes_list_is_the_trailing_block_with_continuations_and_footer_dropped() -> None:
    article = _parse(
        "Title Of The Piece\n\n"
        "[1] looks like a note but is body text, says “the early bird”.\n\n"
        "Body cites “a later source” here.[2]\n\n"
        "Notes\n\n"
        "[1] First note,\n    continued on a second line, https://example.org/one.\n"
        "[2] Second note https://example.org/two,\n\n"
        "Related topics\n"
    )
    assert [(n.id, n.line, n.text, n.urls) for n in article.notes] == [
        ("1", 9, "First note, continued on a second line, https://example.org/one.",
         ("https://example.org/one",)),
        ("2", 11, "Second note https://example.org/two,", ("https://example.org/two",)),
    ]  # fmt: skip
    # The early "[1]" paragraph is body (the list is the trailing run), so its [1] is a marker.
    assert [(c.note, c.quote, c.line) for c in article.claims] == [
        ("1", "the early bird", 3),
        ("2", "a later source", 5),
    ]
    assert article.uncited == ()


def test_article_without_notes_has_only_uncited_sentences() -> None:
    article = _parse("Prices rose 5 percent in 2024.\n")
    assert (article.notes, article.claims) == ((), ())
    assert [u.reason for u in article.uncited] == ["figure"]
    assert article.title is None


def test_title_skips_a_short_label_line() -> None:
    assert _parse("Opinion\n\nA Bridge Too Far\n\nBody text here.\n").title == "A Bridge Too Far"
    assert _parse("Opinion\n\nBody text here.\n").title == "Opinion"


def test_crlf_and_bom_keep_lines() -> None:
    data = "\ufeffHead Line Here\r\n\r\nIt said “three words here”.[1]\r\n\r\n[1] N.\r\n"
    article = parse_article(data.encode("utf-8"), "t.txt", "text")
    assert [(c.line, c.column) for c in article.claims] == [(3, 9)]
    assert article.notes[0].line == 5


def test_utf16_with_bom_is_read() -> None:
    data = "It said “three words here”.[1]\n\n[1] N.\n".encode("utf-16")
    assert len(parse_article(data, "t.txt", "text").claims) == 1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"caf\xe9 cr\xe8me", "not UTF-8 text"),
        (b"", "the article is empty"),
        (b" \n\t\n", "the article is empty"),
        (b"text\x00with nul", "binary data"),
    ],
)
def test_bad_text_raises_article_error_naming_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError) as info:
        PlainTextParser().parse(data, "drafts/story.txt")
    assert info.value.path == "drafts/story.txt"
    assert reason in info.value.message()
    assert info.value.message().startswith("drafts/story.txt:")


def test_a_byte_that_is_not_utf8_is_located_by_line_and_column() -> None:
    with pytest.raises(ArticleError) as info:
        PlainTextParser().parse(b"Title\n\nPrices at the caf\xe9 rose.\n", "story.txt")
    assert info.value.message().startswith("story.txt:3: not UTF-8 text (column 18, byte 24")


def test_a_marker_for_a_missing_note_ends_its_sentence_uncited(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Without note 1, "[1]" must not glue the two sentences, which would give both figures to
    # note 2 and check the first against a source that does not cite it.
    article = _parse("Sales rose 4 percent.[1] Costs rose 9 percent.[2]\n\n[2] B.\n")
    assert [(c.note, c.sentence) for c in article.claims] == [("2", "Costs rose 9 percent.")]
    assert "t.txt:1:22: footnote marker for note 1, which the article does not" in caplog.text


def test_a_heading_line_over_the_notes_list_in_the_same_paragraph() -> None:
    for heading in ("Notes", "References:", "----"):
        article = _parse(f"Costs rose 9 percent.[1]\n\n{heading}\n[1] https://example.org/a\n")
        assert [(n.id, n.urls) for n in article.notes] == [("1", ("https://example.org/a",))]
        assert [c.note for c in article.claims] == ["1"]


def test_a_short_paragraph_between_notes_continues_the_note_before_it() -> None:
    article = _parse(
        "Alpha had 11 cases.[1] Beta had 12 cases.[2] Gamma had 13 cases.[3]\n\n"
        "[1] A, https://example.org/1\n\n"
        "[2] B,\n\nhttps://example.org/2, accessed 2019.\n\n"
        "[3] C, https://example.org/3\n\n"
        "About the author: she has written 40 books.\n"
    )
    assert [(n.id, n.urls) for n in article.notes] == [
        ("1", ("https://example.org/1",)),
        ("2", ("https://example.org/2",)),
        ("3", ("https://example.org/3",)),
    ]
    assert [c.note for c in article.claims] == ["1", "2", "3"]


def test_notes_numbered_1000_and_above_follow_on_from_999() -> None:
    body = "\n\n".join(f"Item {i} rose 4 percent.[{i}]" for i in range(995, 1003))
    notes = "\n".join(f"[{i}] https://example.org/{i}" for i in range(1, 1003))
    article = _parse(f"{body}\n\nNotes\n{notes}\n")
    assert [n.id for n in article.notes] == [str(i) for i in range(1, 1003)]
    assert [c.note for c in article.claims] == [str(i) for i in range(995, 1003)]
    # One note per paragraph works the same way.
    article = _parse(f"{body}\n\n" + notes.replace("\n", "\n\n") + "\n")
    assert [c.note for c in article.claims] == [str(i) for i in range(995, 1003)]


def test_a_year_in_brackets_is_no_note_and_no_marker(caplog: pytest.LogCaptureFixture) -> None:
    article = _parse(
        "The fund grew 4 percent.[2023] Costs rose 9 percent.[1]\n\n"
        "[1] A, https://example.org/1\n[2023] annual report, continued.\n\n"
        "[2024] is the year the toll rose 12 percent.\n"
    )
    assert [(n.id, n.urls) for n in article.notes] == [("1", ("https://example.org/1",))]
    assert "[2023] annual report" in article.notes[0].text
    sentence = "The fund grew 4 percent.[2023] Costs rose 9 percent."
    assert [(c.note, c.sentence, c.fact) for c in article.claims] == [
        ("1", sentence, "4 percent"),
        ("1", sentence, "9 percent"),
    ]
    assert "2023" not in caplog.text


_BODY = 'The mayor called the line "the spine of the valley".{a} Ridership reached 2.3 million.{b}'


def test_a_notes_list_numbered_1_dot_under_a_heading_is_read(
    caplog: pytest.LogCaptureFixture,
) -> None:
    article = _parse(
        "Rail in the Valley\n\n" + _BODY.format(a="[1]", b="[2]") + "\n\nReferences:\n\n"
        '1. John Carter, "Valley Lines,"\n   https://rail.example/valley-lines\n'
        "2) VTA report, https://vta.example/r\n"
        "2024. A line opening with a year continues note 2.\n"
    )
    assert [(n.id, n.line, n.column, n.text, n.urls) for n in article.notes] == [
        ("1", 7, 1, 'John Carter, "Valley Lines," https://rail.example/valley-lines',
         ("https://rail.example/valley-lines",)),
        ("2", 9, 1, "VTA report, https://vta.example/r 2024. A line opening with a year "
         "continues note 2.", ("https://vta.example/r",)),
    ]  # fmt: skip
    assert [(c.note, c.quote or c.fact) for c in article.claims] == [
        ("1", "the spine of the valley"),
        ("2", "2.3 million"),
    ]
    assert caplog.text == ""


def test_superscript_markers_and_notes_are_read_but_exponents_are_not_markers() -> None:
    article = _parse(
        "Rail in the Valley\n\n"
        + _BODY.format(a="¹", b="²")
        + " The depot covers 400 m² of land.\n\n"
        "¹ John Carter, https://rail.example/valley-lines\n"
        "² VTA report, https://vta.example/r\n"
    )
    assert [(n.id, n.line, n.urls) for n in article.notes] == [
        ("1", 5, ("https://rail.example/valley-lines",)),
        ("2", 6, ("https://vta.example/r",)),
    ]
    assert [(c.note, c.quote or c.fact, c.column) for c in article.claims] == [
        ("1", "the spine of the valley", 27),
        ("2", "2.3 million", 73),
    ]
    # "m²" is an exponent, not a marker for note 2: its sentence cites nothing
    assert [u.sentence for u in article.uncited] == ["The depot covers 400 m² of land."]


def test_a_numbered_list_under_a_heading_that_no_marker_cites_is_body_text() -> None:
    article = _parse(
        "Ten Points\n\nWhy it matters.\n\nSources\n\n1. The council spent 5 million.\n"
        "2. Rail lines.\n"
    )
    assert article.notes == ()
    assert "The council spent 5 million." in [u.sentence for u in article.uncited]


def test_markers_without_any_notes_list_are_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    article = _parse("Rail in the Valley\n\n" + _BODY.format(a="[1]", b="[2]") + "\n")
    assert (article.notes, article.claims) == ((), ())
    assert "t.txt:3: the article has footnote markers ([1] and 1 more) but no notes list" in (
        caplog.text
    )
    assert "t.txt:3:53: footnote marker for note 1, which the article does not define" in (
        caplog.text
    )
    assert "t.txt:3:87: footnote marker for note 2" in caplog.text


def test_a_short_first_line_is_the_title_not_a_sentence_ending_in_a_marker() -> None:
    """The body's first line is no heading because its full stop comes before its marker."""
    article = _parse(
        "Odd numbering\n\nRidership reached 2.3 million.[1]\n\n"
        "It was “a costly folly”.¹\n\n[1] VTA, https://v.example/r\n"
    )
    assert article.title == "Odd numbering"
    assert [(c.note, c.fact) for c in article.claims] == [("1", "2.3 million")]
    assert [u.sentence for u in article.uncited] == ["It was “a costly folly”.¹"]


@pytest.mark.parametrize(
    "heading", ["Примечания", "Przypisy", "Noten", "Voetnoten", "Notlar", "Kaynaklar", "注", "注释"]
)
def test_superscript_notes_under_a_notes_heading_of_another_language_are_read(
    heading: str,
) -> None:
    article = _parse(
        "Budget\n\nThe ferry cost 5 million, the port said.¹\n\n"
        "The mayor called it “a turning point”.²\n\n"
        f"{heading}\n\n1. Port, “Fares”, https://port.example/a\n2. Ibid.\n"
    )
    assert [(n.id, n.resolved_note) for n in article.notes] == [("1", None), ("2", "1")]
    assert [(c.note, c.quote or c.fact) for c in article.claims] == [
        ("1", "5 million"),
        ("2", "a turning point"),
    ]


def test_a_superscript_marker_after_cjk_punctuation_is_a_marker() -> None:
    article = _parse(
        "予算\n\n大臣は、費用は50億円だったと述べた。¹\n\n注\n\n1. 財務省, https://mof.example/a\n"
    )
    assert [(c.note, c.fact) for c in article.claims] == [("1", "50億円")]


def test_superscript_markers_without_a_notes_list_are_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    article = _parse(
        "Budget\n\nThe ferry cost 5 million, the port said.¹\n\nThe depot covers 400 m² of land.\n"
    )
    assert article.notes == ()
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("no notes list claimcheck can read" in w for w in warnings)
    # the exponent after a short word is no marker: only note 1 is named
    assert sum("does not define" in w for w in warnings) == 1
