"""What every article parser shares: link redirectors, block quotations (`interface`)."""

from __future__ import annotations

import pytest

from claimcheck.article.interface import block_quotation, is_attribution, unwrap_redirect
from claimcheck.claims.from_article import Anchor, LinkSpan, Marker, TextBlock, find_quotes


@pytest.mark.parametrize(
    ("url", "want"),
    [
        (
            "https://www.google.com/url?q=https://a.example/x%3Fy%3D1%26z%3D2&sa=D&ust=1&usg=A",
            "https://a.example/x?y=1&z=2",
        ),
        ("https://google.com/url?sa=D&q=http://a.example/", "http://a.example/"),
        # not that exact shape: left alone
        ("https://www.google.com/url?q=https://a.example/", "https://www.google.com/url?q=https://a.example/"),
        ("https://www.google.com/url?q=javascript:x&sa=D", "https://www.google.com/url?q=javascript:x&sa=D"),
        ("https://www.google.com/search?q=https://a.example/&sa=D", "https://www.google.com/search?q=https://a.example/&sa=D"),
        ("https://evil.example/google.com/url?q=https://a.example/&sa=D", "https://evil.example/google.com/url?q=https://a.example/&sa=D"),
        ("https://www.google.com.evil.example/url?q=https://a.example/&sa=D", "https://www.google.com.evil.example/url?q=https://a.example/&sa=D"),
        ("https://a.example/page", "https://a.example/page"),
    ],
)  # fmt: skip
def test_unwrap_redirect_only_the_google_docs_shape(url: str, want: str) -> None:
    assert unwrap_redirect(url) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [("— Minister", True), ("-- Auditor General", True), ("– Jones, 2021", True),
     ("~ Anon", True), ("-5% growth", False), ("The minister said so.", False),
     ("— " + "word " * 50, False)],
)  # fmt: skip
def test_is_attribution(text: str, want: bool) -> None:
    assert is_attribution(text) is want


def _block(text: str, markers: tuple[Marker, ...] = (), line: int = 1) -> TextBlock:
    return TextBlock(text=text, anchors=(Anchor(0, line, 3),), markers=markers)


def test_block_quotation_wraps_the_quotation_and_keeps_positions_and_links() -> None:
    quoted = TextBlock(
        text="Fares stay flat this year.",
        anchors=(Anchor(0, 4, 3), Anchor(6, 4, 20)),
        links=(LinkSpan(0, 5, "https://a.example/"),),
    )
    attribution = _block("— Minister", (Marker(10, "1"),), line=6)
    first, last = block_quotation([quoted, attribution])
    assert first.text == "“Fares stay flat this year.”"
    assert [(q.start, q.end) for q in find_quotes(first.text)] == [(0, len(first.text))]
    assert first.markers == (Marker(len(first.text), "1"),)
    assert first.links == (LinkSpan(1, 6, "https://a.example/"),)
    assert [first.position(k) for k in (0, 1, 7)] == [(4, 3), (4, 3), (4, 20)]
    assert last == attribution


def test_block_quotation_leaves_quotations_with_their_own_marks_or_markers() -> None:
    own = _block("“Fares stay flat,” she said.")
    marked = _block("Other words.", (Marker(12, "2"),))
    attribution = _block("— Minister", (Marker(10, "1"),))
    got = block_quotation([own, marked, attribution])
    assert got[0].text == own.text and got[0].markers == (Marker(len(own.text), "1"),)
    assert got[1] == marked  # it says which note it quotes


def test_block_quotation_with_a_marker_inside_its_last_paragraph_is_left_alone() -> None:
    blocks = [_block("First."), _block("He said 5.[^a] Then more.", (Marker(10, "a"),))]
    assert block_quotation(blocks) == blocks
    assert block_quotation([_block("No markers.")]) == [_block("No markers.")]
