"""`claimcheck init`'s writer: a curatable claims.toml that loads back to the same notes and claims."""

from __future__ import annotations

import datetime as dt
import importlib
import tomllib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.claims.from_toml import apply_claims_file, load_claims_file
from claimcheck.claims.init import render_claims_toml, toml_key, toml_string
from claimcheck.model import Article, Claim, ClaimKind, Note
from tests.conftest import reference_article

NOTES = (
    Note("1", 30, "Pact text, https://example.org/pact.", urls=("https://example.org/pact",)),
    Note(
        "2",
        31,
        "R. Osei, “Rivers and Borders,” 2024, https://a.example/x and https://b.example/y.",
        urls=("https://a.example/x", "https://b.example/y"),
        title="Rivers and Borders",
        author="R. Osei",
        accessed=dt.date(2024, 3, 2),
    ),
    Note("3", 32, "Ibid., p. 4.", resolved_note="2"),
    Note("4", 33, "Osei, “Rivers and Borders.”", resolved_note="2", title="Rivers and Borders"),
    Note("5", 34, "Interview with the author,\nunrecorded."),
    Note("side note", 35, "A Markdown label with a space.", urls=("https://c.example/",)),
    Note("07", 36, "A zero-padded label.", urls=("https://d.example/",)),
)

CLAIMS = (
    Claim(
        "n1-bridge",
        ClaimKind.QUOTE,
        5,
        10,
        'He said “the bridge \\ is "open" now” at\tnoon.',
        note="1",
        quote='the bridge \\ is "open" now',
    ),
    Claim(
        "n2-hinterland",
        ClaimKind.TERM,
        6,
        4,
        "The “hinterland” grew.",
        note="2",
        quote="hinterland",
    ),
    Claim("n2-soft", ClaimKind.QUOTE, 6, 30, "A “soft power” play.", note="2", quote="soft power"),
    Claim(
        "n3-fact",
        ClaimKind.FACT,
        7,
        1,
        "Trade rose to US$3.5 billion in 2023.",
        note="3",
        fact="US$3.5 billion",
        value="money:USD:3500000000",
    ),
    Claim("n3-year", ClaimKind.FACT, 7, 1, "", note="3", fact="2023", value="year:2023"),
    Claim(
        "link",
        ClaimKind.QUOTE,
        8,
        2,
        "As “reported here” online.",
        quote="reported here",
        url="https://e.example/r",
    ),
    Claim("n5-dup", ClaimKind.QUOTE, 9, 1, "", note="5", quote="a first quote"),
    Claim("n5-dup", ClaimKind.QUOTE, 9, 40, "", note="5", quote="a second quote"),
    Claim(
        "label",
        ClaimKind.QUOTE,
        10,
        1,
        "Ünïcödé — “İstanbul’da”",
        note="side note",
        quote="İstanbul’da",
    ),
)

ARTICLE = Article(
    source="drafts/story.md",
    title="A Story",
    notes=NOTES,
    claims=CLAIMS,
    accessed=dt.date(2025, 1, 2),
)


def comparable_note(note: Note) -> tuple[object, ...]:
    return (
        note.id,
        note.line,
        note.text,
        note.urls,
        note.title,
        note.author,
        note.accessed,
        note.resolved_note,
    )


def comparable_claim(claim: Claim) -> tuple[object, ...]:
    """What a claim is, apart from where it was written (the toml copy has its own line)."""
    return (
        claim.id,
        claim.kind,
        claim.note,
        claim.quote,
        claim.fact,
        claim.value,
        claim.url,
        claim.sentence,
    )


def round_trip(article: Article, tmp_path: Path) -> Article:
    path = tmp_path / "claims.toml"
    path.write_text(render_claims_toml(article), encoding="utf-8")
    return apply_claims_file(article, load_claims_file(path))


def test_round_trip_gives_the_same_notes_and_claims(tmp_path: Path) -> None:
    merged = round_trip(ARTICLE, tmp_path)
    assert [comparable_note(n) for n in merged.notes] == [comparable_note(n) for n in NOTES]
    expected = [comparable_claim(c) for c in CLAIMS]
    expected[7] = ("n5-dup-2", *expected[7][1:])  # ids are made unique in the file
    assert [comparable_claim(c) for c in merged.claims] == expected
    assert all(c.origin == "toml" for c in merged.claims)
    assert (merged.title, merged.accessed) == ("A Story", dt.date(2025, 1, 2))


def test_the_file_alone_gives_the_same_notes(tmp_path: Path) -> None:
    """Without the article, the notes keep their URLs and resolution (text and line aside)."""
    path = tmp_path / "claims.toml"
    path.write_text(render_claims_toml(ARTICLE), encoding="utf-8")
    alone = apply_claims_file(None, load_claims_file(path))
    assert [(n.id, n.urls, n.resolved_note, n.title, n.accessed) for n in alone.notes] == [
        (n.id, n.urls, n.resolved_note, n.title, n.accessed) for n in NOTES
    ]


def test_the_file_guides_the_editor() -> None:
    text = render_claims_toml(ARTICLE)
    data = tomllib.loads(text)
    assert data["article"] == {
        "path": "drafts/story.md",
        "title": "A Story",
        "accessed": dt.date(2025, 1, 2),
    }
    assert data["notes"]["3"] == {"same_as": 2}
    assert data["notes"]["07"] == {"url": "https://d.example/"}
    assert data["notes"]["5"] == {}
    assert "[notes.5]\n# no URL: its claims are reported as no_source" in text
    assert "# line 34: Interview with the author, unrecorded." in text  # one comment line
    assert '[notes."side note"]' in text
    assert "# [settings]" in text and "same_as = M" in text and "facts = [" in text
    # `kind` is written only where the word count would guess otherwise.
    kinds = [c.get("kind") for c in data["claims"]]
    assert kinds == [None, None, "quote", None, None, "quote", None, None, "quote"]
    assert data["claims"][3] == {
        "id": "n3-fact",
        "note": 3,
        "text": "Trade rose to US$3.5 billion in 2023.",
        "facts": ["US$3.5 billion"],
    }


def test_article_path_url_and_stdin() -> None:
    at = Article(source="https://news.example/story")
    assert 'url = "https://news.example/story"' in render_claims_toml(at)
    stdin = tomllib.loads(render_claims_toml(Article(source="-")))
    assert stdin["article"] == {}


def test_article_path_is_written_relative_to_the_files_folder(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "site").mkdir()
    article = Article(source=str(tmp_path / "drafts" / "a.md"))
    data = tomllib.loads(render_claims_toml(article, toml_dir=tmp_path / "site"))
    assert data["article"]["path"] == "../drafts/a.md"
    toml = tmp_path / "site" / "claims.toml"
    toml.write_text(render_claims_toml(article, toml_dir=toml.parent), encoding="utf-8")
    resolved = load_claims_file(toml).article_path
    assert resolved is not None and resolved.resolve() == (tmp_path / "drafts" / "a.md").resolve()


def test_a_fact_that_cannot_be_read_is_left_as_a_comment(tmp_path: Path) -> None:
    odd = Claim("odd", ClaimKind.FACT, 3, 1, "Nearly a quarter.", note="1", fact="nearly a quarter")
    article = Article("a.md", notes=NOTES[:1], claims=(odd, CLAIMS[0]))
    text = render_claims_toml(article)
    assert "# line 3, note 1: a figure claimcheck cannot read by value: nearly a quarter" in text
    merged = round_trip(article, tmp_path)
    assert [(c.id, c.origin) for c in merged.claims] == [("odd", "article"), ("n1-bridge", "toml")]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8")))
def test_toml_string_round_trips(value: str) -> None:
    assert tomllib.loads(f"k = {toml_string(value)}")["k"] == value
    key = value or "k"
    assert list(tomllib.loads(f"{toml_key(key)} = 1")) == [key]


def test_toml_string_replaces_lone_surrogates() -> None:
    """UTF-8 cannot encode a lone surrogate (from a badly decoded file): write U+FFFD instead."""
    written = toml_string("a\udcff b\x7f\x00")
    assert written == '"a\ufffd b\\u007F\\u0000"'
    assert tomllib.loads(f"k = {written}")["k"] == "a\ufffd b\x7f\x00"


def test_reference_article_round_trips(tmp_path: Path) -> None:
    """`claimcheck init` on the reference article writes a file that loads back unchanged."""
    article_module = importlib.import_module("claimcheck.article")
    parsed = article_module.read_article(str(reference_article()))
    merged = round_trip(parsed, tmp_path)
    assert [comparable_note(n) for n in merged.notes] == [comparable_note(n) for n in parsed.notes]
    readable = [c for c in parsed.claims if c.kind is not ClaimKind.FACT or c.value]
    toml_ids = {c.id for c in merged.claims if c.origin == "toml"}
    assert {c.id for c in readable} <= toml_ids
    by_id = {c.id: c for c in merged.claims}
    assert [comparable_claim(by_id[c.id]) for c in readable] == [
        comparable_claim(c) for c in readable
    ]


def test_a_figure_read_in_its_sentence_is_written_as_a_fact(tmp_path: Path) -> None:
    wall = Claim(
        "wall", ClaimKind.FACT, 3, 1, "The town wall rose from 1.2m to 1.5m high.", note="1",
        fact="1.5m", value="measure:m:1.5",
    )  # fmt: skip
    article = Article("a.md", notes=NOTES[:1], claims=(wall,))
    text = render_claims_toml(article)
    assert "cannot read by value" not in text
    assert 'facts = ["1.5m"]' in text
    merged = round_trip(article, tmp_path)
    assert [(c.fact, c.value) for c in merged.claims] == [("1.5m", "measure:m:1.5")]
