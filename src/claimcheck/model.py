"""Frozen data passed between the pipeline's stages.

Each stage outputs one of these nouns (SPEC §3, §4, §9, §10): parsing gives an `Article` with its
`Note`s, `Claim`s and `CitedLink`s; fetching gives a `FetchResult`; extraction gives a `SourceText`
made of `TextLayer`s; matching gives a `MatchResult`; verification gives a `ClaimResult`.

Outcomes are data, not exceptions: a `LinkStatus` and a `Verdict` with a `detail` string.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum


class ClaimKind(str, Enum):
    """What a claim asks us to find in its source (SPEC §3.2)."""

    QUOTE = "quote"
    TERM = "term"  # a scare quote of one or two words
    FACT = "fact"  # a figure: amount, percentage, count, year, date, number in words


#: Scare quotes: a quotation of one or two words is a term, not a quote (SPEC §3.2).
TERM_MAX_WORDS = 2


def quote_kind(quote: str) -> ClaimKind:
    """`TERM` for a quotation of at most `TERM_MAX_WORDS` words, else `QUOTE`. A Chinese or
    Japanese character counts as a word: those scripts put no spaces between words."""
    words = len(quote.split())
    if words <= TERM_MAX_WORDS and CJK_CHAR.search(quote):
        words = len(CJK_CHAR.sub(" ", quote).split()) + len(CJK_CHAR.findall(quote))
    return ClaimKind.TERM if words <= TERM_MAX_WORDS else ClaimKind.QUOTE


#: Characters of scripts written without spaces between words: Chinese characters, Japanese
#: kana (with the iteration and prolonged-sound marks). Korean, which spaces its words, is not
#: among them. (`claimcheck.normalise.space_cjk` spaces them for matching.)
CJK_CHAR = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class LinkStatus(str, Enum):
    """One per URL (SPEC §4)."""

    OK = "ok"
    REDIRECTED = "redirected"  # permanent redirect: update the URL
    DEAD = "dead"  # 404/410, DNS failure, connection refused
    SOFT_404 = "soft_404"
    BLOCKED = "blocked"  # 401/403/429 after retries, 451, 999, bot wall, paywall
    TIMEOUT = "timeout"
    ERROR = "error"  # 5xx after retries, TLS, protocol, too large, unsupported, not in archive
    EXCLUDED = "excluded"  # --exclude, or a private address without --allow-private


class Verdict(str, Enum):
    """One per claim (SPEC §4)."""

    VERIFIED = "verified"
    APPROXIMATE = "approximate"
    MISMATCH = "mismatch"
    NOT_FOUND = "not_found"
    UNREACHABLE = "unreachable"
    BLOCKED = "blocked"
    NO_SOURCE = "no_source"
    ERROR = "error"


class Tier(str, Enum):
    """How a claim was matched, weakest last (issue 4, Deliver 3)."""

    EXACT = "exact"
    NORMALISED = "normalised"  # quotes, dashes, spaces, ligatures, soft hyphens
    TOLERANT = "tolerant"  # case, accents, dotless ı, PDF line-end hyphens
    APPROXIMATE = "approximate"  # alignment with edits
    VALUE = "value"  # a fact found by its numeric value


# --------------------------------------------------------------------------- article


@dataclass(frozen=True)
class Note:
    """A footnote or endnote as parsed from the article (SPEC §10 `notes`).

    `urls` are the note's own URLs, trailing punctuation stripped. `resolved_note` is the id of the
    note an `Ibid.`/`Id.` or a short form points to, followed to the end of the chain; `None` when
    the note stands on its own.
    """

    id: str
    line: int
    text: str
    urls: tuple[str, ...] = ()
    column: int = 1
    title: str | None = None
    author: str | None = None
    accessed: dt.date | None = None
    resolved_note: str | None = None


@dataclass(frozen=True)
class Claim:
    """One thing to check in one source (SPEC §3.2, §10 `claims`).

    A quote or term carries `quote`; a fact carries `fact` (as written) and `value` (canonical, from
    `claimcheck.numbers`). `note` is the note id the marker names; `url` is set instead (or as
    well) when the claim cites a URL directly (an inline link, or `url =` in `claims.toml`).
    """

    id: str
    kind: ClaimKind
    line: int
    column: int
    sentence: str
    note: str | None = None
    quote: str | None = None
    fact: str | None = None
    value: str | None = None
    url: str | None = None
    article: str = ""
    origin: str = "article"  # "article" or "toml"
    #: Further notes the same group of markers names ("…in 2023.[3][4]", "[3, 4]"): the claim
    #: is found if any of their sources has it.
    also_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CitedLink:
    """A URL the article cites outside its notes list: an inline link in the body."""

    url: str
    line: int
    column: int = 1
    text: str = ""


@dataclass(frozen=True)
class Uncited:
    """A sentence that states a figure or a quotation but carries no note (`--uncited`)."""

    line: int
    sentence: str
    reason: str  # "figure" or "quote"
    column: int = 1


@dataclass(frozen=True)
class Article:
    """A parsed article: notes, claims and inline links, each with its line (and column)."""

    source: str  # the path or URL as the user gave it ("-" for stdin)
    title: str | None = None
    notes: tuple[Note, ...] = ()
    claims: tuple[Claim, ...] = ()
    links: tuple[CitedLink, ...] = ()
    uncited: tuple[Uncited, ...] = ()
    accessed: dt.date | None = None  # default access date ([article] accessed in claims.toml)
    published: dt.date | None = None

    def note(self, note_id: str) -> Note | None:
        """The note with this id, or `None`."""
        for n in self.notes:
            if n.id == note_id:
                return n
        return None


# --------------------------------------------------------------------------- fetching


@dataclass(frozen=True)
class Redirect:
    """One hop of a redirect chain: the URL that answered and the status it answered with."""

    url: str
    status: int


@dataclass(frozen=True)
class FetchResult:
    """The outcome of fetching one URL (SPEC §9 `sources`).

    `url` is the URL as cited; `request_url` is what was asked for after `--remap`. `body` is the
    (decompressed, size-capped) body, `None` when none was read.
    """

    url: str
    status: LinkStatus
    request_url: str = ""
    final_url: str | None = None
    http_status: int | None = None
    content_type: str | None = None
    redirects: tuple[Redirect, ...] = ()
    fetched_at: dt.datetime | None = None
    sha256: str | None = None
    error: str | None = None
    detail: str = ""
    body: bytes | None = field(default=None, repr=False, compare=False)
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)
    from_cache: bool = False
    via: str = "live"  # "live", "cache", "replay" or "archive"
    archive_url: str | None = None
    elapsed: float = 0.0


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class TextLayer:
    """One text view of a source (issue 4, Deliver 1).

    `name` is the layer the text came from: `main` (trafilatura's main content), `page` (the whole
    page text), `jsonld` (a JSON-LD `articleBody`), `nextdata` (the prose of a Next.js page's
    `__NEXT_DATA__`, read when the page shows almost no text), `pdf` (PDF text) or `text` (plain
    text or Markdown as served). `page_starts` holds, for a PDF, the offset in `text` where each page starts.
    """

    name: str
    text: str
    page_starts: tuple[int, ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The 1-based PDF page holding `offset`, or `None` for a layer without pages."""
        if not self.page_starts:
            return None
        page = 0
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i
            else:
                break
        return page + 1

    def page_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and last PDF pages of the passage `start:end` when it runs across a page
        break, else `None` (one page, or a layer without pages)."""
        if not self.page_starts or end <= start:
            return None
        first, last = self.page_at(start), self.page_at(end - 1)
        if first is None or last is None or first == last:
            return None
        return first, last


@dataclass(frozen=True)
class SourceText:
    """The readable text of a fetched source, in layers tried in order."""

    url: str
    layers: tuple[TextLayer, ...] = ()
    title: str | None = None
    error: str | None = None  # set when the source could not be read (SPEC §4 `error`)


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Evidence:
    """The passage of the source that supports or contradicts a claim, in the source's own words.

    `start`/`end` are offsets into the `matched_in` layer's original text.
    """

    text: str
    context: str
    matched_in: str
    start: int
    end: int
    page: int | None = None
    #: The first and last page when the passage runs across a PDF page break (`page` is the
    #: first); `None` otherwise.
    pages: tuple[int, int] | None = None


@dataclass(frozen=True)
class DiffOp:
    """One step of a word diff between the claim and the matched passage."""

    op: str  # "equal", "insert" (source has extra), "delete" (quote has extra), "replace"
    quote: str
    source: str
    critical: bool = False  # a changed number, name or negation


@dataclass(frozen=True)
class MatchResult:
    """What matching one claim against one source text decided."""

    verdict: Verdict
    score: float
    tier: Tier | None = None
    evidence: Evidence | None = None
    diff: tuple[DiffOp, ...] | None = None
    detail: str = ""


@dataclass(frozen=True)
class ClaimResult:
    """A claim's verdict with its provenance (SPEC §9 `claims`)."""

    claim: Claim
    verdict: Verdict
    url: str | None = None
    resolved_note: str | None = None
    score: float = 0.0
    tier: Tier | None = None
    via: str = "live"
    archive_url: str | None = None
    evidence: Evidence | None = None
    diff: tuple[DiffOp, ...] | None = None
    detail: str = ""
    #: Against the lock file (issue 6): "drift", "changed", "recovered", "new", "unconfirmed"
    #: (not read this run, through an outage not confirmed yet: the lock keeps its last reading)
    #: or None.
    change: str | None = None
    #: Why the archived copy of a dead source could not be looked up (the archive failed, as
    #: opposed to holding nothing): such a claim is not read, but nothing says its source changed.
    archive_failed: str | None = None


# --------------------------------------------------------------------------- run


@dataclass(frozen=True)
class SourceReport:
    """One cited URL with the notes that cite it and how fetching it went."""

    fetch: FetchResult
    notes: tuple[str, ...] = ()  # ids of the notes (and claims.toml entries) citing this URL
    articles: tuple[str, ...] = ()  # sources of the articles citing it
    line: int | None = None  # first line citing it, in the first article
    soft_404_rule: str | None = None
    hint: str | None = None
    #: Against the lock file: False while a dead link awaits confirmation (`--confirm-dead`).
    confirmed: bool = True
    change: str | None = None


@dataclass(frozen=True, repr=False)
class RunReport:
    """Everything a report format needs for `verify` or `links` (SPEC §8, §9)."""

    command: str  # "verify" or "links"
    articles: tuple[Article, ...]
    sources: tuple[SourceReport, ...] = ()
    claims: tuple[ClaimResult, ...] = ()
    hints: tuple[str, ...] = ()  # end-of-run advice, e.g. per rate-limited host
    started_at: dt.datetime | None = None
    duration: float = 0.0
    fail_on: frozenset[str] = frozenset()
    interrupted: bool = False  # Ctrl-C: a partial report of what finished
    #: The lock file this run was compared with (issue 6), `None` without one.
    lock: str | None = None

    def __repr__(self) -> str:
        # A summary, not every field: asyncio's `Runner` formats the finished main task (whose
        # result this is) each time it restores the SIGINT handler, and the full dataclass repr
        # of 2,000 claims with their evidence took ~60 ms each time (bench/verify).
        return (
            f"RunReport(command={self.command!r}, articles={len(self.articles)}, "
            f"sources={len(self.sources)}, claims={len(self.claims)}, "
            f"interrupted={self.interrupted})"
        )
