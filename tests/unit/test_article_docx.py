"""DOCX articles: footnotes, endnotes, hyperlinks and field codes, read from the OOXML parts."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from claimcheck.article import parse_article, read_article
from claimcheck.errors import ArticleError
from claimcheck.model import Article
from tests.conftest import fixture_path

MARCH_2 = dt.date(2025, 3, 2)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


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


def test_fixture_is_what_make_docx_writes(tmp_path: Path) -> None:
    """The committed .docx is reproducible from its script (so reviewers can read the source)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_docx", fixture_path("articles", "make_docx.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = tmp_path / "out.docx"
    module.main()
    assert module.OUT.read_bytes() == fixture_path("articles", "harbour.docx").read_bytes()


def test_porthaven_docx_notes() -> None:
    article = read_article(str(fixture_path("articles", "harbour.docx")))
    assert article.title == "The Harbour Bridge of Porthaven"  # docProps/core.xml
    assert notes_table(article) == [
        ("1", 3, ("https://example.org/minutes/2019-03-04",), None,
         "Minutes of the Harbour Committee", "Porthaven Council", None),
        ("2", 3, (), "1", None, None, None),
        ("3", 5, ("https://example.org/audit",), None, "The Bridge Audit", "Dana Whitlock",
         MARCH_2),
        ("4", 5, (), "3", None, None, None),
        ("5", 6, ("https://example.org/gazette/tides",), None, "Tides and Tolls", "Ravi Menon",
         MARCH_2),
        ("6", 6, ("https://example.org/union/statement",
                  "https://archive.example.org/union/statement"), None,
         "Statement on the Pier", "Ferry Workers Union", MARCH_2),
        ("7", 7, (), "3", "The Bridge Audit", "Whitlock", None),
        ("8", 7, (), "3", None, None, None),
        ("i", 7, (), None, None, None, None),  # the endnote: Word's roman numbering
    ]  # fmt: skip
    # The HYPERLINK field's result text is note text; its instruction is not.
    assert article.notes[5].text.endswith("mirrored at the union archive; Accessed 2 March 2025.")


def test_porthaven_docx_claims() -> None:
    article = read_article(str(fixture_path("articles", "harbour.docx")))
    assert claims_table(article) == [
        ("n1-2019", "fact", "1", None, 3, 61, "2019", "year:2019"),
        ("n2-a-crossing-that-will", "quote", "2", None, 3, 115,
         "a crossing that will outlast every one of us", None),
        ("n2-bold", "term", "2", None, 3, 193, "bold", None),
        ("n3-48-million", "fact", "3", None, 5, 19, "€48 million", "money:EUR:48000000"),
        ("n3-31-percent", "fact", "3", None, 5, 94, "31 percent", "percent:31"),
        ("n4-no-evidence-of-waste", "quote", "4", None, 5, 128, "no evidence of waste", None),
        ("n5-ships-will-wait-longer", "quote", "5", None, 6, 31,
         "Ships will wait longer than they did in 1990", None),
        ("n6-une-attente-inutile", "quote", "6", None, 6, 157, "une attente inutile", None),
        ("n7-12-000", "fact", "7", None, 7, 70, "12,000", "count:12000"),
        ("n8-fair-compromise", "term", "8", None, 7, 134, "fair compromise", None),
        ("i-a-bridge-to-nowhere", "quote", "i", None, 7, 170, "a bridge to nowhere", None),
        ("link-2-50", "fact", None, "https://example.org/tolls", 8, 80, "€2.50",
         "money:EUR:2.5"),
    ]  # fmt: skip
    # The tracked deletion ("about ") is not in the text.
    assert article.claims[8].sentence == (
        "Critics, quoting the council's [sic] numbers, say the bridge carries 12,000 vehicles a day."
    )
    assert [(ln.url, ln.line, ln.column, ln.text) for ln in article.links] == [
        ("https://example.org/tolls", 8, 36, "port website")
    ]
    assert [(u.line, u.column, u.reason) for u in article.uncited] == [
        (9, 1, "figure"),
        (9, 57, "quote"),
    ]


def _docx(parts: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, content in parts.items():
            zf.writestr(name, content)
    return buf.getvalue()


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_endnotes_only_are_numbered_in_arabic_by_first_reference() -> None:
    body = _p(
        _r("It said “three words here”."),
        '<w:r><w:endnoteReference w:id="7"/></w:r>',
        _r(" And “four more words here”."),
        '<w:r><w:endnoteReference w:id="3"/></w:r>',
        '<w:r><w:endnoteReference w:id="99"/></w:r>',  # no such endnote: ignored
    )
    data = _docx(
        {
            "word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>",
            "word/endnotes.xml": (
                f"<w:endnotes {W}>"
                f'<w:endnote w:id="3">{_p(_r("Second https://example.org/2."))}</w:endnote>'
                f'<w:endnote w:id="7">{_p(_r("First https://example.org/1."))}</w:endnote>'
                "</w:endnotes>"
            ),
        }
    )
    article = parse_article(data, "e.docx", "docx")
    assert [(n.id, n.urls) for n in article.notes] == [
        ("1", ("https://example.org/1",)),
        ("2", ("https://example.org/2",)),
    ]
    assert [(c.note, c.quote, c.line) for c in article.claims] == [
        ("1", "three words here", 1),
        ("2", "four more words here", 1),
    ]
    assert article.title is None


def test_reference_to_a_missing_footnote_is_warned_and_later_notes_keep_their_numbers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Word shows 1, 2, 3: footnote w:id=3 missing from footnotes.xml must not make 4 into 2."""
    body = _p(
        _r("Alpha had 11 cases."),
        '<w:r><w:footnoteReference w:id="2"/></w:r>',
        _r(" Beta had 12 cases."),
        '<w:r><w:footnoteReference w:id="3"/></w:r>',
        _r(" Gamma had 13 cases."),
        '<w:r><w:footnoteReference w:id="4"/></w:r>',
    )
    data = _docx(
        {
            "word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>",
            "word/footnotes.xml": (
                f"<w:footnotes {W}>"
                f'<w:footnote w:id="2">{_p(_r("One https://example.org/1."))}</w:footnote>'
                f'<w:footnote w:id="33">{_p(_r("Lost https://example.org/x."))}</w:footnote>'
                f'<w:footnote w:id="4">{_p(_r("Three https://example.org/3."))}</w:footnote>'
                "</w:footnotes>"
            ),
        }
    )
    article = parse_article(data, "f.docx", "docx")
    assert [(n.id, n.urls) for n in article.notes] == [
        ("1", ("https://example.org/1",)),
        ("3", ("https://example.org/3",)),
    ]
    assert [(c.note, c.fact) for c in article.claims] == [("1", "11"), ("3", "13")]
    assert [(u.line, u.column, u.sentence) for u in article.uncited] == [
        (1, 21, "Beta had 12 cases.")
    ]
    assert "f.docx:1:39: footnote marker for note 2, which the article does not define" in (
        caplog.text
    )


def test_a_document_written_by_python_docx(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("A Styled Heading Title", level=1)
    para = document.add_paragraph("Tolls rose 12 percent in 2024, ")
    para.add_run("said “the harbour board” in May.")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Cell with 40 percent."
    path = tmp_path / "made.docx"
    document.save(str(path))
    article = read_article(str(path))
    assert article.title == "A Styled Heading Title"
    assert [(u.line, u.reason) for u in article.uncited] == [(2, "quote"), (3, "figure")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a zip at all", "not a zip file"),
        (b"PK\x03\x04garbage", "not a zip file"),
        (_docx({"word/other.xml": "<x/>"}), "no word/document.xml"),
        (_docx({"word/document.xml": "<w:document"}), "word/document.xml"),
        (_docx({"word/document.xml": f"<w:document {W}/>"}), "no document body"),
        (_docx({"word/document.xml": '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                "<x>&e;</x>"}), "no document body"),
    ],
)  # fmt: skip
def test_corrupt_docx_raises_article_error_naming_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(ArticleError) as info:
        parse_article(data, "drafts/story.docx", "docx")
    assert info.value.path == "drafts/story.docx"
    assert reason in info.value.message()
