"""The collector fetches each URL once and points every claim at its resolved note's URLs."""

from __future__ import annotations

from claimcheck.collect import Collector, fetch_key, resolve_claim
from claimcheck.model import Article, CitedLink, Claim, ClaimKind, Note


def _claim(cid: str, note: str | None, url: str | None = None) -> Claim:
    return Claim(
        id=cid, kind=ClaimKind.QUOTE, line=3, column=1, sentence="s", note=note, quote="q", url=url
    )


ARTICLE = Article(
    source="a.md",
    notes=(
        Note(id="1", line=10, text="A", urls=("https://a.example/x#part",)),
        Note(id="2", line=11, text="B", urls=("https://b.example/", "https://a.example/x")),
        Note(id="3", line=12, text="Ibid.", resolved_note="2"),
        Note(id="4", line=13, text="A talk, no link"),
    ),
    claims=(
        _claim("c1", "1"),
        _claim("c3", "3"),
        _claim("c4", "4"),
        _claim("c5", None, url="https://c.example/"),
    ),
    links=(CitedLink(url="https://d.example/", line=5),),
)


def test_fetch_key_drops_fragment() -> None:
    assert fetch_key(" https://a.example/x#part ") == "https://a.example/x"


def test_each_url_once_with_every_citer() -> None:
    sources, targets = Collector([ARTICLE]).collect()
    by_url = {s.url: s for s in sources}
    assert list(by_url) == [
        "https://a.example/x",
        "https://b.example/",
        "https://d.example/",
        "https://c.example/",
    ]
    assert by_url["https://a.example/x"].notes == ["1", "2", "3"]
    assert by_url["https://a.example/x"].line == 10
    assert [t.claim.id for t in by_url["https://a.example/x"].targets] == ["c1", "c3"]
    assert [t.claim.id for t in targets] == ["c1", "c3", "c4", "c5"]


def test_ibid_claim_checks_the_resolved_notes_urls() -> None:
    target = resolve_claim(ARTICLE, ARTICLE.claims[1])
    assert target.resolved_note == "2"
    assert target.urls == ("https://b.example/", "https://a.example/x")


def test_note_without_url_has_no_targets() -> None:
    assert resolve_claim(ARTICLE, ARTICLE.claims[2]).urls == ()


def test_two_articles_share_sources() -> None:
    other = Article(
        source="b.md", notes=(Note(id="9", line=1, text="", urls=("https://b.example/",)),)
    )
    sources, _ = Collector([ARTICLE, other]).collect()
    shared = next(s for s in sources if s.url == "https://b.example/")
    assert shared.articles == ["a.md", "b.md"]
    assert shared.notes == ["2", "3", "9"]  # note 3 cites it through Ibid.


def test_a_claim_of_a_marker_group_is_checked_against_every_notes_urls() -> None:
    claim = Claim(
        id="g", kind=ClaimKind.QUOTE, line=3, column=1, sentence="s", note="1", quote="q",
        also_notes=("3", "4"),
    )  # fmt: skip
    article = Article(source="a.md", notes=ARTICLE.notes, claims=(claim,))
    target = resolve_claim(article, claim)
    # Note 1's URL, then note 3's (through its Ibid. to 2), each once; note 4 has none.
    assert target.urls == ("https://a.example/x#part", "https://b.example/", "https://a.example/x")
    assert [target.note_of(u) for u in target.urls] == [None, "3", "3"]
    sources, _ = Collector([article]).collect()
    assert {s.url: s.notes for s in sources}["https://b.example/"] == ["2", "3"]
