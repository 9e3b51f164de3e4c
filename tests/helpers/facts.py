"""Shared by the figure tests: one fact's verdict against a page, and what a text's figures are."""

from __future__ import annotations

from claimcheck.claims.from_article import claims_in_text
from claimcheck.facts import clear_caches, match_fact
from claimcheck.model import TextLayer, Verdict
from claimcheck.numbers import find_figures


def verdict(fact: str, sentence: str, page: str, layer: str = "main") -> Verdict:
    """The verdict on `fact`, stated in `sentence`, against `page` as one text layer; no cache
    is shared with another call."""
    clear_caches()
    try:
        return match_fact(fact, sentence, [TextLayer(layer, page)]).verdict
    finally:
        clear_caches()


def facts_of(sentence: str) -> list[tuple[str, str | None]]:
    """The facts the article reader finds in `sentence`: (text, canonical value)."""
    return [(text, value) for kind, text, value in claims_in_text(sentence) if kind.value == "fact"]


def values(text: str) -> list[str]:
    """The canonical values of `text`'s figures, in order."""
    return [figure.quantity.canonical() for figure in find_figures(text)]
