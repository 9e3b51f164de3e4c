"""How much of a page extraction holds at once: pages of very many small elements.

trafilatura keeps several copies of a page's tree while it extracts the main text, about 1.7 KB
an element: a page of many one-word paragraphs or table cells used 125-270 times its size. These
tests pin what `claimcheck.extract` does about it without changing any layer's text.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import trafilatura

from claimcheck import extract

_BLOCKS = ("p", "div", "li", "td", "tr", "h2", "br", "section", "blockquote")
_INLINES = ("span", "em", "b", "a")


def _random_html(rng: random.Random, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.3:
            parts.append(rng.choice(("", "w", " w ", "\n", "x\u00ady", "z\tq")))
        elif roll < 0.4:
            parts.append("<!-- c -->")
        else:
            tag = rng.choice(_BLOCKS + _INLINES)
            inner = _random_html(rng, depth + 1) if depth < 4 and tag != "br" else ""
            parts.append(f"<{tag}>" if tag == "br" else f"<{tag}>{inner}</{tag}>")
    return "".join(parts)


def _text(page: str, *, spare_nodes: bool) -> str:
    return extract._spaced_text(trafilatura.load_html(page), spare_nodes=spare_nodes)


def test_sparing_the_spaces_leaves_the_page_text_as_it_was() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        page = f"<html><body>{_random_html(rng)}<p>end</p></body></html>"
        expected = trafilatura.html2txt(trafilatura.load_html(page), clean=False)
        assert _text(page, spare_nodes=False) == expected, page
        assert _text(page, spare_nodes=True) == expected, page


def test_sparing_the_spaces_in_a_tree_without_body_leaves_its_text_as_it_was() -> None:
    from lxml import html as lxml_html

    rng = random.Random(12)
    for _ in range(1000):
        fragment = _random_html(rng) + "<p>end</p>"
        parent = rng.choice(("div", "span"))
        expected = trafilatura.html2txt(
            lxml_html.fragment_fromstring(fragment, create_parent=parent), clean=False
        )
        tree = lxml_html.fragment_fromstring(fragment, create_parent=parent)
        assert extract._spaced_text(tree, spare_nodes=True) == expected, fragment


def _text_nodes(tree: Any) -> int:
    return int(tree.xpath("count(//text())"))


def test_a_page_of_many_small_blocks_gets_no_new_text_node_per_block() -> None:
    page = "<html><body>" + "<p>a</p>" * 3000 + "<table>" + "<tr><td>1</td><td>2</td></tr>" * 1000
    page += "</table></body></html>"
    before = _text_nodes(trafilatura.load_html(page))
    added = {}
    for spare in (False, True):
        tree = trafilatura.load_html(page)
        text = extract._spaced_text(tree, spare_nodes=spare)
        assert text.startswith("a a a") and text.endswith("1 2 1 2")
        added[spare] = _text_nodes(tree) - before
    assert added[False] >= 6000  # a tail for each paragraph, row and cell
    assert added[True] <= 1
    # A large tree is spared by default, a small one not.
    for limit, most in ((5000, 1), (7000, 6000)):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(extract, "_SHARED_MAX_ELEMENTS", limit)
            tree = trafilatura.load_html(page)
            extract._spaced_text(tree)
            assert (_text_nodes(tree) - before <= 1) == (most == 1), limit


def _calls(patch: pytest.MonkeyPatch) -> list[object]:
    seen: list[object] = []
    real = trafilatura.extract

    def spy(document: object, **kwargs: Any) -> str | None:
        seen.append(document)
        return real(document, **kwargs)  # type: ignore[arg-type]

    patch.setattr(trafilatura, "extract", spy)
    return seen


_PAGE = (
    "<html><head><title>T</title></head><body><article><h1>Harbour</h1>"
    + "".join(
        f"<p>The harbour board met {i} times and said the quay will reopen.</p>" for i in range(40)
    )
    + "<aside>Pull quote: the quay will reopen soon.</aside></article></body></html>"
)


def _layers(page: str) -> list[tuple[str, str]]:
    layers = extract.extract_layers(page.encode(), content_type="text/html; charset=utf-8", url="")
    return [(layer.name, layer.text) for layer in layers]


def test_a_large_tree_is_not_shared_with_trafilatura_and_the_layers_stay_the_same() -> None:
    with pytest.MonkeyPatch.context() as patch:
        seen = _calls(patch)
        shared = _layers(_PAGE)
        assert len(seen) == 1 and not isinstance(seen[0], str)
    with pytest.MonkeyPatch.context() as patch:
        seen = _calls(patch)
        patch.setattr(extract, "_SHARED_MAX_ELEMENTS", 10)
        unshared = _layers(_PAGE)
        assert len(seen) == 1 and isinstance(seen[0], str)  # trafilatura parsed it itself
    assert [name for name, _ in shared] == ["main", "page"]
    assert unshared == shared


def test_a_tree_parsed_without_limits_is_still_shared() -> None:
    """trafilatura's own parse would stop at libxml2's nesting limit: it gets our tree."""
    page = "<html><body>" + "<div>" * 600 + "<p>Deep down the quay will reopen, the board said.</p>"
    page += "</div>" * 600 + "</body></html>"
    with pytest.MonkeyPatch.context() as patch:
        seen = _calls(patch)
        patch.setattr(extract, "_SHARED_MAX_ELEMENTS", 10)
        layers = _layers(page)
        assert len(seen) == 1 and not isinstance(seen[0], str)
    assert any("quay will reopen" in text for _, text in layers)


def test_a_page_of_too_many_elements_is_read_as_whole_page_text() -> None:
    with pytest.MonkeyPatch.context() as patch:
        seen = _calls(patch)
        patch.setattr(extract, "_MAIN_MAX_ELEMENTS", 20)
        layers = _layers(_PAGE)
        source = extract.extract_source(_PAGE.encode(), content_type="text/html", url="u")
    assert seen == []
    assert [name for name, _ in layers] == ["page"]
    page = layers[0][1]
    assert "The harbour board met 39 times" in page and "Pull quote" in page
    assert source.title == "T" and [layer.name for layer in source.layers] == ["page"]
