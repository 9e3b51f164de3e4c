"""Stage 3a: from parsed articles to one fetch per URL, with the notes and claims that cite it.

Several articles share one fetch pool (SPEC §2), and a URL cited by many notes, claims or
articles is fetched once. A claim is checked against every URL of the note it resolves to
(`Ibid.` and short forms followed to the end of the chain); a claim whose note has no URL is
`no_source`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urldefrag

from claimcheck.model import Article, Claim

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClaimTarget:
    """Where one claim must be checked: its article, the note it resolves to, and the URLs.

    `url_notes` names, for each of `urls`, the note it comes from when that is not the claim's
    own (a further note of its marker group, `Claim.also_notes`); `None` for the claim's own.
    """

    article: Article
    claim: Claim
    resolved_note: str | None
    urls: tuple[str, ...]
    url_notes: tuple[str | None, ...] = ()

    def note_of(self, url: str) -> str | None:
        """The further note `url` comes from, or `None` when it is the claim's own note's."""
        for u, note in zip(self.urls, self.url_notes, strict=False):
            if u == url:
                return note
        return None


@dataclass
class CitedSource:
    """One URL to fetch, with everything that cites it (in first-seen order)."""

    url: str
    notes: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    line: int | None = None
    targets: list[ClaimTarget] = field(default_factory=list)
    #: When the citing note says the source was read (else the article's access or publication
    #: date): the Wayback fallback looks for the capture closest to it (SPEC §7).
    accessed: dt.date | None = None


def fetch_key(url: str) -> str:
    """The key under which a URL is fetched once: the URL without its fragment."""
    return urldefrag(url.strip())[0]


def resolve_claim(article: Article, claim: Claim) -> ClaimTarget:
    """Find the URLs a claim must be checked against."""
    if claim.url:
        return ClaimTarget(article, claim, None, (claim.url,))
    if claim.note is None:
        return ClaimTarget(article, claim, None, ())
    note = article.note(claim.note)
    if note is None:
        return ClaimTarget(article, claim, None, ())
    urls = list(_note_urls(article, claim.note))
    url_notes: list[str | None] = [None] * len(urls)
    for other in claim.also_notes:
        for url in _note_urls(article, other):
            if url not in urls:
                urls.append(url)
                url_notes.append(other)
    return ClaimTarget(article, claim, note.resolved_note, tuple(urls), tuple(url_notes))


def _note_urls(article: Article, note_id: str) -> tuple[str, ...]:
    """The URLs of a note, through its `Ibid.` chain."""
    note = article.note(note_id)
    if note is None:
        return ()
    target = article.note(note.resolved_note) if note.resolved_note else None
    return tuple(target.urls if target is not None else note.urls)


def access_date(article: Article, note_id: str | None) -> dt.date | None:
    """When the note says its source was read (through its `Ibid.`), else the article's access
    or publication date: the date an archived copy is chosen by (SPEC §7)."""
    note = article.note(note_id) if note_id is not None else None
    if note is not None and note.accessed is None and note.resolved_note:
        note = article.note(note.resolved_note)
    if note is not None and note.accessed is not None:
        return note.accessed
    return article.accessed or article.published


class Collector:
    """Deduplicates the URLs of one or more articles into `CitedSource`s."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = tuple(articles)

    def collect(self) -> tuple[list[CitedSource], list[ClaimTarget]]:
        """Every URL to fetch, and every claim with its targets (claims without URL included)."""
        sources: dict[str, CitedSource] = {}
        targets: list[ClaimTarget] = []

        def add(url: str, note: str | None, article: Article, line: int | None) -> CitedSource:
            key = fetch_key(url)
            source = sources.get(key)
            if source is None:
                source = sources[key] = CitedSource(url=key, line=line)
            if source.accessed is None:
                source.accessed = access_date(article, note)
            if note is not None and note not in source.notes:
                source.notes.append(note)
            if article.source not in source.articles:
                source.articles.append(article.source)
            return source

        for article in self.articles:
            for note in article.notes:
                for url in note.urls:
                    add(url, note.id, article, note.line)
            for link in article.links:
                add(link.url, None, article, link.line)
            for claim in article.claims:
                target = resolve_claim(article, claim)
                targets.append(target)
                for url in target.urls:
                    note_id = target.note_of(url) or claim.note
                    add(url, note_id, article, claim.line).targets.append(target)
        logger.debug("collected %d URLs and %d claims", len(sources), len(targets))
        return list(sources.values()), targets
