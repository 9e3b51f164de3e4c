"""Acceptance on the reference article (issue 2): its 19 notes, their targets and its quotations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.article import read_article
from claimcheck.claims.from_article import find_quotes, split_sentences
from claimcheck.model import Article, ClaimKind
from tests.conftest import reference_article


@pytest.fixture(scope="module")
def reference() -> Path:
    return reference_article()


@pytest.fixture(scope="module")
def article(reference: Path) -> Article:
    return read_article(str(reference))


def test_nineteen_notes_in_order(article: Article) -> None:
    assert [n.id for n in article.notes] == [str(i) for i in range(1, 20)]
    assert [n.line for n in article.notes] == list(range(82, 119, 2))


def test_fourteen_notes_have_their_own_url_without_trailing_punctuation(article: Article) -> None:
    with_url = [n.id for n in article.notes if n.urls]
    assert with_url == [
        "1",
        "2",
        "5",
        "6",
        "8",
        "9",
        "10",
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
    ]
    for note in article.notes:
        for url in note.urls:
            assert url.startswith("https://")
            assert url[-1] not in ".,;:)”’\"'", url
            assert url in note.text
    assert article.note("1") is not None
    assert article.note("1").urls == ("https://president.az/en/articles/view/52122",)  # type: ignore[union-attr]
    assert article.note("6").urls == (  # type: ignore[union-attr]
        "https://fikirturu.com/jeo-politika/azerbaycan-ve-ermenistan-barisa-cok-mu/",
    )


def test_ibid_and_short_forms_resolve_to_note_two(article: Article) -> None:
    resolved = {n.id: n.resolved_note for n in article.notes if n.resolved_note}
    assert resolved == {"3": "2", "18": "2", "19": "2"}
    short = article.note("18")
    assert short is not None
    assert (short.author, short.title) == ("Aliyev", "Facing the New World Order")


def test_notes_four_and_seven_have_no_url(article: Article) -> None:
    no_url = [n.id for n in article.notes if not n.urls and n.resolved_note is None]
    assert no_url == ["4", "7"]


def _quote(article: Article, fragment: str) -> tuple[str | None, ClaimKind]:
    matches = [c for c in article.claims if c.quote and fragment in c.quote]
    assert len(matches) == 1, (fragment, matches)
    return matches[0].note, matches[0].kind


def test_quotations_sit_on_the_right_notes(article: Article) -> None:
    assert _quote(article, "one nation, two states") == ("1", ClaimKind.QUOTE)
    assert _quote(article, "no longer seeking validation") == ("3", ClaimKind.QUOTE)
    assert _quote(article, "minilateralism") == ("4", ClaimKind.TERM)
    assert _quote(article, "a domestic issue in Armenia") == ("15", ClaimKind.QUOTE)
    assert _quote(article, "(now obsolete) OSCE Minsk Group") == ("19", ClaimKind.QUOTE)
    motto = next(c for c in article.claims if c.quote == "one nation, two states")
    assert (motto.id, motto.line) == ("n1-one-nation-two-states", 15)


def test_every_marked_quotation_in_the_body_is_a_claim(article: Article, reference: Path) -> None:
    """Independently of the parser: each quoted span in a sentence carrying `[N]` is a claim."""
    body = reference.read_text(encoding="utf-8").split("\n[1] ")[0]
    expected: set[str] = set()
    for paragraph in body.split("\n\n"):
        for a, b in split_sentences(paragraph):
            sentence = paragraph[a:b]
            if not re.search(r"\[\d+\]", sentence):
                continue
            for q in find_quotes(sentence):
                expected.add(sentence[q.start + 1 : q.end - 1].rstrip(",.").strip())
    assert len(expected) >= 5
    claimed = {c.quote for c in article.claims if c.quote}
    assert expected <= claimed
    # Each marked quotation belongs to the marker of its own sentence.
    for claim in article.claims:
        if claim.kind is not ClaimKind.FACT:
            assert claim.note in re.findall(r"\[(\d+)\]", _raw_sentence(body, claim.quote or ""))


def _raw_sentence(body: str, quote: str) -> str:
    for paragraph in body.split("\n\n"):
        for a, b in split_sentences(paragraph):
            if quote in paragraph[a:b]:
                return paragraph[a : b + 5]  # a marker may follow the closing punctuation
    raise AssertionError(quote)


def test_uncited_lists_the_guest_worker_figures_and_no_noted_sentence(
    article: Article, reference: Path
) -> None:
    workers = [u for u in article.uncited if "two million Azerbaijanis" in u.sentence]
    assert len(workers) == 1
    assert (workers[0].reason, workers[0].line) == ("figure", 67)
    assert "a hundred thousand Armenians working in Türkiye" in workers[0].sentence
    lines = reference.read_text(encoding="utf-8").splitlines()
    for u in article.uncited:
        assert u.reason in {"figure", "quote"}
        # Take the markers out of the raw line ourselves and check none sits in (or right
        # after) the uncited sentence.
        raw = lines[u.line - 1]
        markers: list[int] = []
        stripped = ""
        last = 0
        for m in re.finditer(r"\[\d+\]", raw):
            stripped += raw[last : m.start()]
            markers.append(len(stripped))
            last = m.end()
        stripped += raw[last:]
        at = stripped.find(u.sentence)
        assert at >= 0, u.sentence
        assert not [p for p in markers if at <= p <= at + len(u.sentence)], u.sentence


def test_facts_on_marked_sentences(article: Article) -> None:
    facts = {(c.note, c.fact, c.value) for c in article.claims if c.kind is ClaimKind.FACT}
    assert ("1", "2021", "year:2021") in facts
    assert ("8", "6 February 2023", "date:2023-02-06") in facts
    assert ("10", "2022", "year:2022") in facts
    # A marker's own number never becomes a figure.
    assert not any(c.fact in {"[1]", "1", "3", "19"} for c in article.claims)
