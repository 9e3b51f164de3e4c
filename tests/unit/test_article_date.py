"""The article's own date: Markdown front matter and HTML metadata, and where it is used.

A note without its own access date is checked as of the article's date (the Wayback capture
closest to it); claims.toml's `[article] accessed` wins over the date the article gives.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from claimcheck.article import parse_article
from claimcheck.article.dates import parse_date
from claimcheck.claims.from_toml import apply_claims_file, load_claims_file
from claimcheck.collect import Collector
from claimcheck.model import Article

FEB_1 = dt.date(2019, 2, 1)


def _md(text: str) -> Article:
    return parse_article(text.encode("utf-8"), "t.md", "markdown")


def _page(head: str, body: str = "<p>Nothing cited.</p>") -> Article:
    page = f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"
    return parse_article(page.encode("utf-8"), "t.html", "html")


# --------------------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-02-01", FEB_1),
        ("'2019-02-01'", FEB_1),
        ('"2019-02-01"', FEB_1),
        ("2019-02-01T23:30:00+03:00", FEB_1),  # the day as the publisher wrote it
        ("2019-02-01 10:00:00 +0000", FEB_1),
        ("2019/02/01", FEB_1),
        ("1 February 2019", FEB_1),
        ("February 1, 2019", FEB_1),
        ("1 Şubat 2019", FEB_1),
        ("01.02.2019", FEB_1),
        ("yesterday", None),
        ("2019-02-30", None),
        ("02/01/2019", None),  # February 1st or January 2nd
        ("15/02/2019", dt.date(2019, 2, 15)),  # one reading only
        ("", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize(
    "front",
    [
        "title: Harbour\ndate: 2019-02-01",
        "date: '2019-02-01'\ntitle: Harbour",
        "date: 2019-02-01T08:00:00Z",
        "published: 2019-02-01\ndate: 2020-05-05",  # the publication date is the more specific
        "pubDate: 2019-02-01",
        "date: sometime\npublishDate: 2019-02-01",  # a key without a date gives way
    ],
)
def test_markdown_front_matter_gives_the_article_its_date(front: str) -> None:
    article = _md(f"---\n{front}\n---\n\n# Harbour\n\nText.[^1]\n\n[^1]: https://example.org/a\n")
    assert article.published == FEB_1


@pytest.mark.parametrize(
    "text",
    [
        "# Harbour\n\ndate: 2019-02-01\n",  # not front matter: a line of the body
        "---\nauthor:\n  date: 2019-02-01\n---\n\n# Harbour\n",  # nested, not the article's
        "---\ndate: soon\n---\n\n# Harbour\n",
        "# Harbour\n\nNo front matter.\n",
    ],
)
def test_markdown_without_a_front_matter_date_has_none(text: str) -> None:
    assert _md(text).published is None


def test_front_matter_title_is_still_read_beside_the_date() -> None:
    article = _md("---\ntitle: Bridge works\ndate: 2019-02-01\n---\n\nText.\n")
    assert (article.title, article.published) == ("Bridge works", FEB_1)


def test_hugo_toml_front_matter_gives_title_and_date() -> None:
    # QA 6b #11: `+++` … `+++`, Hugo's default.
    text = (
        '+++\ntitle = "Harbour homes"\ndate = 2019-02-01T10:00:00Z\ndraft = false\n'
        '[params]\ndate = 2020-05-05\ntitle = "not the article\'s"\n+++\n\n'
        "The council said “300 new homes”.[^1]\n\n[^1]: https://example.org/a\n"
    )
    article = _md(text)
    assert (article.title, article.published) == ("Harbour homes", FEB_1)
    assert [c.line for c in article.claims] == [10]
    assert all("+++" not in c.sentence and "draft" not in c.sentence for c in article.claims)
    assert not any("draft" in u.sentence for u in article.uncited)
    # `+++` that does not close is text, as before.
    assert _md("+++\ntitle = x\n\nText.\n").title is None


# --------------------------------------------------------------------------- HTML


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2019-02-01T09:00:00+00:00">',
        '<meta name="date" content="2019-02-01">',
        '<meta name="DC.date" content="2019-02-01">',
        '<meta name="citation_publication_date" content="2019/02/01">',
        '<meta itemprop="datePublished" content="2019-02-01">',
        '<script type="application/ld+json">'
        '{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Harbour", "datePublished": "2019-02-01T09:00:00Z"}</script>',
        '<script type="application/ld+json">'
        '{"@graph": [{"@type": "WebSite"}, {"@type": "Article", "datePublished": "2019-02-01"}]}'
        "</script>",
        '<script type="application/ld+json">[{"@type": "Article", "datePublished": "2019-02-01"}]'
        "</script>",
    ],
)
def test_html_metadata_gives_the_article_its_date(head: str) -> None:
    assert _page(head).published == FEB_1


def test_html_published_time_wins_over_other_dates() -> None:
    head = (
        '<meta name="date" content="2021-01-01">'
        '<script type="application/ld+json">{"datePublished": "2020-01-01"}</script>'
        '<meta property="article:published_time" content="2019-02-01">'
    )
    assert _page(head).published == FEB_1


@pytest.mark.parametrize(
    "head",
    [
        "",
        '<meta property="article:modified_time" content="2019-02-01">',
        '<meta name="date" content="">',
        '<meta name="date" content="last week">',
        '<script type="application/ld+json">{"datePublished": </script>',  # broken JSON
    ],
)
def test_html_without_a_publication_date_has_none(head: str) -> None:
    assert _page(head).published is None


def test_a_date_in_the_page_body_is_not_the_articles_date() -> None:
    body = "<p>Published on <time datetime='2019-02-01'>1 February 2019</time>.</p>"
    assert _page("", body).published is None


# --------------------------------------------------------------------------- use


_DRAFT = (
    "---\ndate: 2019-02-01\n---\n\n# Harbour\n\n"
    "The board said “the quay reopens in spring”.[^1] It also “kept the ferry”.[^2]\n\n"
    "[^1]: Port Board, “Quay notice”, https://example.org/quay.\n"
    "[^2]: Port Board, “Ferry notice”, https://example.org/ferry, accessed 2021-06-16.\n"
)


def _accessed_by_url(article: Article) -> dict[str, dt.date | None]:
    sources, _ = Collector([article]).collect()
    return {s.url: s.accessed for s in sources}


def test_a_note_without_an_access_date_is_checked_as_of_the_articles_date() -> None:
    assert _accessed_by_url(_md(_DRAFT)) == {
        "https://example.org/quay": FEB_1,
        "https://example.org/ferry": dt.date(2021, 6, 16),  # the note's own date still wins
    }


def test_claims_toml_article_accessed_wins_over_the_articles_date(tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text(_DRAFT, encoding="utf-8")
    toml = tmp_path / "claims.toml"
    toml.write_text("[article]\npath = 'draft.md'\naccessed = 2023-03-03\n", encoding="utf-8")
    article = apply_claims_file(_md(_DRAFT), load_claims_file(toml))
    assert article.published == FEB_1
    assert _accessed_by_url(article)["https://example.org/quay"] == dt.date(2023, 3, 3)


def test_parsed_article_json_schema_allows_the_date() -> None:
    schema = json.loads(
        resources.files("claimcheck.report").joinpath("schema", "claims-v1.json").read_text("utf-8")
    )
    article_schema = schema["$defs"]["article"]
    assert "published" in article_schema["properties"]
    doc: dict[str, Any] = {
        "schema": "claimcheck/claims/v1",
        "articles": [{"source": "a.md", "title": None, "notes": [], "claims": []}],
    }
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for value in ("2019-02-01", None):
        doc["articles"][0]["published"] = value
        validator.validate(doc)
    doc["articles"][0]["published"] = "1 February 2019"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(doc)
