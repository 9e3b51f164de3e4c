"""Reading stdin: its format is sniffed from the whole input, decoded first (`sniff_format`)."""

from __future__ import annotations

import io

import pytest

from claimcheck.article import read_article, sniff_format

LATE_MARKDOWN = (
    "Intro words without any markup at all. "
    * 130
    + "\n\nThe minister said “we will build 40 new schools” in 2023.[^a]\n\n"
    "[^a]: https://a.example.org/\n"
)
MARKDOWN = (
    "# Título\n\nThe minister said “we will build 40 new schools” in 2023.[^1]\n\n"
    "[^1]: https://example.org/x\n"
)
HTML = (
    '<html><body><p>A has 11 cases.<sup><a href="#fn1">1</a></sup></p>'
    '<ol class="footnotes"><li id="fn1">https://x.example.org/</li></ol></body></html>'
)


def test_a_first_footnote_after_the_first_kilobytes_is_still_markdown() -> None:
    data = LATE_MARKDOWN.encode()
    assert LATE_MARKDOWN.index("[^a]") > 4096
    assert sniff_format(data) == "markdown"
    article = read_article("-", stdin=io.BytesIO(data))
    assert [(n.id, n.urls) for n in article.notes] == [("a", ("https://a.example.org/",))]
    assert [(c.note, c.quote or c.fact) for c in article.claims] == [
        ("a", "we will build 40 new schools"),
        ("a", "2023"),
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
@pytest.mark.parametrize(("text", "fmt"), [(MARKDOWN, "markdown"), (HTML, "html")])
def test_utf16_and_bom_marked_input_is_recognised(encoding: str, text: str, fmt: str) -> None:
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert sniff_format(data) == fmt
    article = read_article("-", stdin=io.BytesIO(data))
    assert len(article.notes) == 1 and article.claims


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("Plain words with 12 cases.[1]\n\n[1] https://example.org/\n", "text"),
        ("#hashtag is not a heading\nand [x] is not a footnote\n", "text"),
        ("## A heading\n\nBody.\n", "markdown"),
        ("Cites [a page](https://example.org/) inline.\n", "markdown"),
        ("Notes of a recipe: <b>bold</b> " * 200 + "<div>late tag</div>", "text"),
    ],
)
def test_plain_text_is_not_taken_for_markdown_or_html(text: str, fmt: str) -> None:
    assert sniff_format(text.encode()) == fmt


def test_undecodable_stdin_is_still_sniffed() -> None:
    assert sniff_format(b"<html><body><p>caf\xe9</p></body></html>") == "html"
    assert sniff_format(b"caf\xe9 [^1]\n\n[^1]: x\n") == "markdown"


def test_a_press_release_ending_with_hashes_is_plain_text() -> None:
    release = b"PORT BOARD NEWS\n\n    The quay opens in 2026.[1]\n\n###\n\n[1] https://e.org/\n"
    assert sniff_format(release) == "text"
