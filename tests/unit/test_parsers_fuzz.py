"""Every parser survives any input: it returns an `Article` or raises `ArticleError` (exit 2).

Also the entry points: `format_for`, `sniff_format` and `read_article` on paths and stdin.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.article import (
    ARTICLE_FORMATS,
    format_for,
    parse_article,
    read_article,
    sniff_format,
)
from claimcheck.errors import ArticleError
from claimcheck.model import Article
from tests.conftest import fixture_path

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that steer random text into the parsers' interesting paths.
PIECES = [
    "[1]", "[2]", "[12]", "[1, 2]", "[3–5]", "[^1]", "[^a]: ", "^[", "]", "[", "(", ")", "\n",
    "\n\n", "\n[1] ", "\n[2] ", "“", "”", "‘", "’", '"', "'", "«", "»", ".", ". ", "…", "?",
    "Ibid.", "Id.", "Ibid., p. 4", "https://", "https://example.org/a", "http://x.y/(z)",
    "accessed March 2, 2025", "retrieved on 2025-03-02", "US$150 billion", "two million",
    "1993", "45%", "H.E.", "U.S.", "Aliyev, “Facing the Order.”", "<a href='#fn1'>",
    "<sup>", "</sup>", "</a>", "<li id='fn1'>", "<ol class='footnotes'>", "<p>", "</p>",
    "<a name='_ftn1' href='#_ftnref1'>", "<br>", "<!--", "-->", "&amp;", "&#0;", "\x00",
    "\r\n", "\t", "    ", "# ", "> ", "```", "*", "_", "|", "---",
]  # fmt: skip
shaped_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map(
    "".join
)


def _parse_or_article_error(data: bytes, fmt: str) -> None:
    try:
        article = parse_article(data, "fuzz", fmt)
    except ArticleError as exc:
        assert exc.path == "fuzz"
        assert exc.message().startswith("fuzz")
        return
    assert isinstance(article, Article)
    ids = {n.id for n in article.notes}
    for claim in article.claims:
        assert claim.line >= 1 and claim.column >= 1
        assert claim.note is None or claim.note in ids
        assert (claim.quote is None) != (claim.fact is None)
    for note in article.notes:
        assert note.resolved_note is None or note.resolved_note in ids
    assert len({c.id for c in article.claims}) == len(article.claims)


@pytest.mark.parametrize("fmt", ARTICLE_FORMATS)
@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes(fmt: str, data: bytes) -> None:
    _parse_or_article_error(data, fmt)


@pytest.mark.parametrize("fmt", ARTICLE_FORMATS)
@FUZZ
@given(text=st.text(max_size=400))
def test_random_text(fmt: str, text: str) -> None:
    _parse_or_article_error(text.encode("utf-8", "surrogatepass"), fmt)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@FUZZ
@given(text=shaped_text)
def test_text_made_of_footnote_pieces(fmt: str, text: str) -> None:
    _parse_or_article_error(text.encode("utf-8", "surrogatepass"), fmt)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOCX_PIECES = [
    "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:footnoteReference w:id='1'/>",
    "<w:endnoteReference w:id='2'/>", "<w:hyperlink>", "</w:hyperlink>",
    "<w:fldChar w:fldCharType='begin'/>", "<w:fldChar w:fldCharType='separate'/>",
    "<w:fldChar w:fldCharType='end'/>", "<w:instrText>HYPERLINK \"https://x.org\"</w:instrText>",
    "<w:br/>", "<w:tab/>", "“", "”", "[1]", "2024", "text ",
]  # fmt: skip


@FUZZ
@given(
    body=st.lists(st.sampled_from(_DOCX_PIECES), max_size=30).map("".join),
    note=st.lists(st.sampled_from(_DOCX_PIECES), max_size=10).map("".join),
)
def test_docx_with_random_parts(body: str, note: str) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>")
        zf.writestr(
            "word/footnotes.xml",
            f"<w:footnotes {_W}><w:footnote w:id='1'>{note}</w:footnote></w:footnotes>",
        )
    _parse_or_article_error(buf.getvalue(), "docx")


# --------------------------------------------------------------------------- entry points


@pytest.mark.parametrize(
    ("source", "content_type", "fmt"),
    [
        ("a.txt", None, "text"),
        ("A.MD", None, "markdown"),
        ("a.markdown", None, "markdown"),
        ("a.html", None, "html"),
        ("a.htm", None, "html"),
        ("a.docx", None, "docx"),
        ("noext", "text/markdown; charset=utf-8", "markdown"),
        ("https://example.org/story/", "text/html; charset=utf-8", "html"),
        ("https://example.org/story.md?x=1", "text/html", "markdown"),
        ("https://example.org/story", None, "html"),
    ],
)
def test_format_for(source: str, content_type: str | None, fmt: str) -> None:
    assert format_for(source, content_type) == fmt


@pytest.mark.parametrize(
    ("source", "content_type", "hint"),
    [
        ("draft.doc", None, "save it from Word as .docx"),
        ("draft.pdf", None, "export the draft"),
        ("draft.rtf", None, ".docx"),
        ("draft", None, "use a .txt"),
        ("-", None, "use a .txt"),
        ("https://example.org/report.pdf", "application/pdf", "HTML page"),
    ],
)
def test_format_for_unknown_raises_with_a_hint(
    source: str, content_type: str | None, hint: str
) -> None:
    with pytest.raises(ArticleError) as info:
        format_for(source, content_type)
    assert info.value.path == source
    assert hint in (info.value.hint or "")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("harbour.txt", "text"),
        ("harbour.md", "markdown"),
        ("harbour.html", "html"),
        ("harbour-word.html", "html"),
        ("harbour.docx", "docx"),
    ],
)
def test_stdin_is_sniffed(name: str, fmt: str) -> None:
    data = fixture_path("articles", name).read_bytes()
    assert sniff_format(data) == fmt
    from_stdin = read_article("-", stdin=io.BytesIO(data))
    from_file = read_article(str(fixture_path("articles", name)))
    assert from_stdin.source == "-"
    assert [n.urls for n in from_stdin.notes] == [n.urls for n in from_file.notes]
    assert [c.id for c in from_stdin.claims] == [c.id for c in from_file.claims]
    assert {c.article for c in from_stdin.claims} == {"-"}


def test_missing_file_directory_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file") as info:
        read_article(str(tmp_path / "nope.md"))
    assert info.value.path == str(tmp_path / "nope.md")
    with pytest.raises(ArticleError, match="is a directory"):
        read_article(str(tmp_path))
    odd = tmp_path / "story.pages"
    odd.write_text("x")
    with pytest.raises(ArticleError, match="unknown article type .pages"):
        read_article(str(odd))


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_unreadable_file(tmp_path: Path) -> None:
    # /proc/self/mem exists but reading it from offset 0 fails with EIO, even for root (a
    # mode-000 file would not fail for root).
    path = tmp_path / "story.txt"
    path.symlink_to("/proc/self/mem")
    with pytest.raises(ArticleError, match="cannot read the article") as info:
        read_article(str(path))
    assert info.value.path == str(path)


def test_unknown_format_name() -> None:
    with pytest.raises(ArticleError, match="unknown article format"):
        parse_article(b"x", "a", "pdf")
