"""The verifier: verdicts from fetch outcomes, one worker call per source, limits, archives."""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import datetime as dt
import os
import time

import pytest

from claimcheck.model import (
    Article,
    Claim,
    ClaimKind,
    FetchResult,
    LinkStatus,
    MatchResult,
    Note,
    RunReport,
    Verdict,
)
from claimcheck.settings import Settings
from claimcheck.verify import (
    MatchJob,
    Verifier,
    check_links,
    check_source,
    make_pool,
    verdict_for_fetch,
)

PAGE = (
    b"<html><head><title>Quay</title></head><body><article><h1>Quay</h1>"
    b"<p>The port board said the new quay will open to cargo ships in the spring of 2026, "
    b"after two years of delays.</p><p>It cost 42 million euros.</p></article></body></html>"
)
QUOTE = MatchJob(ClaimKind.QUOTE, "will open to cargo ships in the spring of 2026", "")


def _fetch(url: str, status: LinkStatus, **kw: object) -> FetchResult:
    return FetchResult(url=url, status=status, **kw)  # type: ignore[arg-type]


def _page(url: str, body: bytes = PAGE, **kw: object) -> FetchResult:
    """An HTML page fetched with 200."""
    return _fetch(url, LinkStatus.OK, http_status=200, body=body, content_type="text/html", **kw)


@pytest.mark.parametrize(
    ("result", "verdict"),
    [
        (_fetch("u", LinkStatus.OK, http_status=200), None),
        (_fetch("u", LinkStatus.REDIRECTED, http_status=200), None),
        (_fetch("u", LinkStatus.DEAD, http_status=404), Verdict.UNREACHABLE),
        (_fetch("u", LinkStatus.SOFT_404, http_status=200), Verdict.UNREACHABLE),
        (_fetch("u", LinkStatus.TIMEOUT), Verdict.UNREACHABLE),
        (_fetch("u", LinkStatus.ERROR, http_status=503, error="HTTP 503"), Verdict.UNREACHABLE),
        (_fetch("u", LinkStatus.ERROR, error="too large"), Verdict.ERROR),
        (_fetch("u", LinkStatus.ERROR, error="unsupported"), Verdict.ERROR),
        (_fetch("u", LinkStatus.BLOCKED, http_status=403), Verdict.BLOCKED),
        (_fetch("u", LinkStatus.EXCLUDED), Verdict.ERROR),
    ],
)
def test_verdict_for_fetch(result: FetchResult, verdict: Verdict | None) -> None:
    assert verdict_for_fetch(result) is verdict


def test_check_source_matches_quotes_and_facts() -> None:
    fact = MatchJob(ClaimKind.FACT, "€42 million", "The quay cost €42 million.")
    results, error = check_source(PAGE, "text/html", "https://x.example/q", [QUOTE, fact])
    assert error is None
    assert [r.verdict for r in results] == [Verdict.VERIFIED, Verdict.VERIFIED]
    assert results[0].evidence is not None and results[0].evidence.matched_in == "main"


def test_unreadable_source_is_an_error_for_each_claim_not_an_exception() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    results, error = check_source(png, "image/png", "https://x.example/c.png", [QUOTE, QUOTE])
    assert error is not None and "unsupported" in error
    assert [r.verdict for r in results] == [Verdict.ERROR, Verdict.ERROR]


def test_worker_enforces_its_time_limit() -> None:
    # A page big enough that extraction cannot finish in a millisecond.
    para = "<p>" + "The harbour wall was rebuilt in stone after the storm. " * 40 + "</p>"
    page = ("<html><body><article>" + para * 400 + "</article></body></html>").encode()
    pool = make_pool(1)
    try:
        results, error = pool.submit(
            check_source, page, "text/html", "https://x.example/big", [QUOTE], 0.001
        ).result(timeout=60)
    finally:
        pool.shutdown()
    assert error is not None and "longer than 0.001 s" in error
    assert results[0].verdict is Verdict.ERROR


class _FakeFetcher:
    """Serves canned results by URL and counts fetches (a seam, not a network)."""

    def __init__(self, results: dict[str, FetchResult]) -> None:
        self.results = results
        self.calls: list[str] = []

    async def fetch(self, url: str, *, want_body: bool = True) -> FetchResult:
        self.calls.append(url)
        return self.results[url]

    def hints(self) -> list[str]:
        return []


class _FakeArchive:
    def __init__(self, result: FetchResult) -> None:
        self.result = result
        self.asked: list[tuple[str, dt.date | None]] = []

    async def fallback(self, url: str, when: dt.date | None, fetcher: object) -> FetchResult:
        self.asked.append((url, when))
        return self.result


def _article() -> Article:
    def claim(cid: str, note: str, quote: str) -> Claim:
        return Claim(cid, ClaimKind.QUOTE, 1, 1, "s", note=note, quote=quote)

    return Article(
        source="a.md",
        notes=(
            Note("1", 5, "Live", urls=("https://live.example/q",)),
            Note("2", 6, "Gone", urls=("https://gone.example/q",), accessed=dt.date(2024, 3, 1)),
            Note("3", 7, "Ibid.", resolved_note="1"),
            Note("4", 8, "A talk"),
        ),
        claims=(
            claim("a", "1", QUOTE.text),
            claim("b", "3", "will open to cargo ships in the spring of 2027"),
            claim("c", "2", QUOTE.text),
            claim("d", "4", "anything"),
        ),
    )


def test_verifier_fetches_once_follows_ibid_and_uses_the_archive() -> None:
    live = _page("https://live.example/q")
    gone = _fetch("https://gone.example/q", LinkStatus.DEAD, http_status=404)
    archived = _page(
        "https://gone.example/q",
        via="archive",
        archive_url="https://web.archive.org/web/20240201/https://gone.example/q",
    )
    fetcher = _FakeFetcher({live.url: live, gone.url: gone})
    archive = _FakeArchive(archived)
    settings = Settings.build(cli={}, env={})
    verifier = Verifier(settings, fetcher, archive=archive)  # type: ignore[arg-type]
    report = asyncio.run(verifier.verify([_article()]))
    verdicts = {c.claim.id: c for c in report.claims}
    assert sorted(fetcher.calls) == ["https://gone.example/q", "https://live.example/q"]
    assert verdicts["a"].verdict is Verdict.VERIFIED
    assert verdicts["b"].verdict is Verdict.MISMATCH and verdicts["b"].resolved_note == "1"
    assert verdicts["c"].verdict is Verdict.VERIFIED and verdicts["c"].via == "archive"
    assert verdicts["c"].archive_url == archived.archive_url
    assert archive.asked == [("https://gone.example/q", dt.date(2024, 3, 1))]
    assert verdicts["d"].verdict is Verdict.NO_SOURCE
    gone_source = next(s for s in report.sources if s.fetch.url == gone.url)
    assert gone_source.fetch.status is LinkStatus.DEAD  # the link is still reported dead
    assert gone_source.fetch.archive_url == archived.archive_url


def test_shared_layers_build_each_layer_once_and_only_when_asked() -> None:
    from claimcheck.model import TextLayer
    from claimcheck.verify import _SharedLayers

    built: list[str] = []

    def layers():  # type: ignore[no-untyped-def]
        for name in ("main", "page", "jsonld"):
            built.append(name)
            yield TextLayer(name, f"{name} text")

    shared = _SharedLayers(layers())
    assert next(iter(shared)).name == "main"
    assert built == ["main"]  # the whole-page layer is not built while main suffices
    assert [layer.name for layer in shared] == ["main", "page", "jsonld"]
    assert [layer.name for layer in shared] == ["main", "page", "jsonld"]
    assert built == ["main", "page", "jsonld"]  # a second claim reuses them


class _CountingPool(concurrent.futures.ThreadPoolExecutor):
    """A thread pool that remembers what it was handed (the URL of each `check_source` call)."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.urls: list[str] = []

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        if fn is check_source:
            self.urls.append(args[2])
        return super().submit(fn, *args, **kwargs)


class _SoftFourOhFour:
    """A classifier that turns the live page into a soft 404 and notes what the pool had then."""

    def __init__(self, pool: _CountingPool) -> None:
        self.pool = pool
        self.seen: list[list[str]] = []

    async def classify(self, result: FetchResult, fetcher: object) -> FetchResult:
        self.seen.append(list(self.pool.urls))
        if result.url == "https://live.example/q":
            return dataclasses.replace(result, status=LinkStatus.SOFT_404, detail="soft")
        return result


def test_a_page_goes_to_a_worker_before_it_is_classified_and_a_rejected_answer_is_dropped() -> None:
    live = _page("https://live.example/q")
    archived = _page(
        "https://live.example/q",
        PAGE.replace(b"2026", b"2027"),
        via="archive",
        archive_url="https://web.archive.org/web/2024/https://live.example/q",
    )
    gone = _fetch("https://gone.example/q", LinkStatus.DEAD, http_status=404)
    pool = _CountingPool()
    classifier = _SoftFourOhFour(pool)
    verifier = Verifier(
        Settings.build(cli={}, env={}),
        _FakeFetcher({live.url: live, gone.url: gone}),  # type: ignore[arg-type]
        pool=pool,
        classifier=classifier,
        archive=_FakeArchive(archived),  # type: ignore[arg-type]
    )
    try:
        report = asyncio.run(verifier.verify([_article()]))
    finally:
        pool.shutdown()
    # The live page was with a worker when the classifier looked at it...
    assert any("https://live.example/q" in seen for seen in classifier.seen)
    # ...but the classifier called it a soft 404, so its claims were checked against the archived
    # copy (where the quote's year is 2027) and the live answer was not used.
    verdicts = {c.claim.id: c for c in report.claims}
    assert verdicts["a"].verdict is Verdict.MISMATCH and verdicts["a"].via == "archive"
    assert verdicts["b"].verdict is Verdict.VERIFIED and verdicts["b"].via == "archive"
    assert pool.urls.count("https://live.example/q") == 2  # the live body, then the archived one


def _sleep_then(seconds: float, value: str) -> tuple[list[MatchResult], str | None]:
    time.sleep(seconds)
    return [], value


def test_a_job_waiting_in_the_queue_is_not_timed_but_a_stuck_one_is() -> None:
    from claimcheck.verify import _Call, _wait_for_worker

    async def run() -> tuple[str | None, float]:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            jobs = [pool.submit(_sleep_then, 0.3, f"job {i}") for i in range(4)]
            last = jobs[-1]
            # The last job waits 0.9 s behind the others, then runs 0.3 s: more than the 0.5 s
            # limit from submission, within it from its start.
            _, value = await _wait_for_worker(_Call(asyncio.wrap_future(last), last), 0.5)
            stuck = pool.submit(_sleep_then, 1.5, "stuck")
            started = time.monotonic()
            with pytest.raises(TimeoutError):
                await _wait_for_worker(_Call(asyncio.wrap_future(stuck), stuck), 0.3)
            return value, time.monotonic() - started

    value, waited = asyncio.run(run())
    assert value == "job 3"
    assert 0.3 <= waited < 1.2  # seen running at the first look, given up at the second


class _ContentTypes(concurrent.futures.ThreadPoolExecutor):
    """A thread pool that remembers the content type each `check_source` call was handed."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.seen: list[str | None] = []

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        if fn is check_source:
            self.seen.append(args[1])
        return super().submit(fn, *args, **kwargs)


def test_a_charset_sent_only_in_the_header_reaches_extraction() -> None:
    """The fetcher keeps the sniffed media type; the charset of the `Content-Type` header goes to
    the worker with it, as classification and the lock file's hash already read it."""
    body = (
        "<html><head><title>Köprü</title></head><body><article><h1>Köprü</h1>"
        "<p>Şehir meclisi yeni köprünün inşaatını onayladı ve işler ilkbaharda başlayacak.</p>"
        "</article></body></html>"
    ).encode("cp1254")
    page = _page(
        "https://live.example/q",
        body,
        headers=(("Content-Type", "text/html; charset=windows-1254"),),
    )
    quote = "yeni köprünün inşaatını onayladı ve işler ilkbaharda başlayacak"
    article = Article(
        source="a.md",
        notes=(Note("1", 5, "Live", urls=(page.url,)),),
        claims=(Claim("a", ClaimKind.QUOTE, 1, 1, "s", note="1", quote=quote),),
    )
    pool = _ContentTypes()
    settings = Settings.build(cli={}, env={})
    verifier = Verifier(settings, _FakeFetcher({page.url: page}), pool=pool)  # type: ignore[arg-type]
    try:
        report = asyncio.run(verifier.verify([article]))
    finally:
        pool.shutdown()
    assert pool.seen == ["text/html; charset=windows-1254"]
    assert report.claims[0].verdict is Verdict.VERIFIED


class _StuckClassifier:
    """Classifies nothing: every page waits, as pages wait for their host's soft-404 probe."""

    async def classify(self, result: FetchResult, fetcher: object) -> FetchResult:
        await asyncio.Event().wait()
        return result


def test_an_interrupted_link_check_reports_the_pages_answered_but_not_classified() -> None:
    live = _page("https://live.example/q")
    gone = _fetch("https://gone.example/q", LinkStatus.DEAD, http_status=404)
    fetcher = _FakeFetcher({"https://live.example/q": live, "https://gone.example/q": gone})

    async def main() -> RunReport:
        task = asyncio.ensure_future(
            check_links(
                [_article()],
                Settings.build({}),
                fetcher,  # type: ignore[arg-type]
                classifier=_StuckClassifier(),  # type: ignore[arg-type]
            )
        )
        await asyncio.sleep(0.05)
        task.cancel()  # what the command line's Ctrl-C handler does to the run
        return await task

    report = asyncio.run(main())
    assert report.interrupted
    (source,) = [s for s in report.sources if s.fetch.url == "https://live.example/q"]
    assert source.fetch.status is LinkStatus.OK
    assert source.fetch.detail.endswith("interrupted before the page was classified")


def test_a_claim_citing_two_notes_is_verified_by_either_source() -> None:
    other = _page(
        "https://other.example/p", body=b"<html><body><p>Nothing to see.</p></body></html>"
    )
    live = _page("https://live.example/q")
    fetcher = _FakeFetcher({other.url: other, live.url: live})
    claim = Claim("g", ClaimKind.QUOTE, 1, 1, "s", note="1", quote=QUOTE.text, also_notes=("2",))
    article = Article(
        source="a.md",
        notes=(
            Note("1", 5, "Other", urls=(other.url,)),
            Note("2", 6, "Live", urls=(live.url,)),
        ),
        claims=(claim,),
    )
    verifier = Verifier(Settings.build(cli={}, env={}), fetcher)  # type: ignore[arg-type]
    (result,) = asyncio.run(verifier.verify([article])).claims
    assert (result.verdict, result.url, result.resolved_note) == (
        Verdict.VERIFIED,
        live.url,
        "2",
    )


# --------------------------------------------------------------------------- paywall teasers


TEASER = (
    b'<html><head><title>Quay</title><script type="application/ld+json">{"@type": "NewsArticle",'
    b' "isAccessibleForFree": false}</script></head><body><article><h1>Quay</h1><p>The port board'
    b" said the new quay will open to cargo ships in the spring of 2026, officials said.</p>"
    b"<div class='paywall'><p>Subscribe to continue reading.</p></div></article></body></html>"
)


def test_claims_found_in_a_paywalled_pages_teaser_are_verified_the_rest_blocked() -> None:
    from claimcheck.classify import PageClassifier

    url = "https://paper.example/q"
    article = Article(
        source="a.md",
        notes=(Note("1", 5, "Paper", urls=(url,)),),
        claims=(
            Claim("lead", ClaimKind.QUOTE, 1, 1, "s", note="1", quote=QUOTE.text),
            Claim("rest", ClaimKind.QUOTE, 2, 1, "s", note="1", quote="the cranes arrive in May"),
        ),
    )
    settings = Settings.build(cli={}, env={})
    fetcher = _FakeFetcher({url: _page(url, TEASER)})
    verifier = Verifier(settings, fetcher, classifier=PageClassifier(settings))  # type: ignore[arg-type]
    report = asyncio.run(verifier.verify([article]))
    verdicts = {c.claim.id: c for c in report.claims}
    assert verdicts["lead"].verdict is Verdict.VERIFIED, verdicts["lead"]
    assert "found in the part served before the paywall" in verdicts["lead"].detail
    assert verdicts["rest"].verdict is Verdict.BLOCKED
    assert verdicts["rest"].detail.startswith("blocked: paywall (marked subscriber-only")
    assert verdicts["rest"].detail.endswith("; not in the part served before the paywall")
    [source] = report.sources
    assert source.fetch.status is LinkStatus.BLOCKED  # the link still says paywall, with its hint
    assert source.hint is not None and "subscription" in source.hint


# --------------------------------------------------------------------------- archive misses


def test_why_no_archived_copy_was_found_is_in_the_source_and_claim_detail() -> None:
    miss = _fetch(
        "https://gone.example/q",
        LinkStatus.ERROR,
        error="archive lookup failed",
        detail="Wayback Machine: lookup failed (500 Internal Server Error after 1 attempt)",
        via="archive",
    )
    live = _page("https://live.example/q")
    gone = _fetch(
        "https://gone.example/q", LinkStatus.DEAD, http_status=404, detail="404 Not Found"
    )
    verifier = Verifier(
        Settings.build(cli={}, env={}),
        _FakeFetcher({live.url: live, gone.url: gone}),  # type: ignore[arg-type]
        archive=_FakeArchive(miss),  # type: ignore[arg-type]
    )
    report = asyncio.run(verifier.verify([_article()]))
    claim = next(c for c in report.claims if c.claim.id == "c")
    assert claim.verdict is Verdict.UNREACHABLE and claim.via == "live"
    assert claim.archive_url is None
    expected = (
        "404 Not Found; Wayback Machine: lookup failed (500 Internal Server Error after 1 attempt)"
    )
    assert claim.detail == f"dead: {expected}"
    source = next(s for s in report.sources if s.fetch.url == gone.url)
    assert source.fetch.detail == expected and source.fetch.archive_url is None


def test_a_fact_job_carries_its_value_to_tell_apart_figures_written_alike() -> None:
    """ "10 teams … 10-15%": the job of the percentage is matched as a percentage."""
    sentence = "The 10 teams expect growth of 10-15% next year."
    source = b"<html><body><article><p>The league's 12 teams expect growth of 10-15% next year.</p></article></body></html>"
    job = MatchJob(ClaimKind.FACT, "10", sentence, "percent:10")
    (result,), error = check_source(source, "text/html", "https://e.org/a", [job])
    assert error is None and result.verdict.value in ("verified", "approximate"), result.detail


def test_a_worker_another_thread_reaped_is_not_still_running() -> None:
    """`close_pool` asks whether a worker outlived its grace; the executor's own thread may have
    reaped it a moment before, when `is_alive` still says True. Its pid is gone: not running."""
    import subprocess

    from claimcheck.verify import _still_running

    gone = subprocess.Popen(["true"])
    gone.wait()  # reaped: the pid no longer exists

    class _Reaped:
        pid = gone.pid

        def is_alive(self) -> bool:
            return True  # what the losing thread's `is_alive` says

    class _Running(_Reaped):
        pid = os.getpid()

    assert not _still_running(_Reaped())  # type: ignore[arg-type]
    assert _still_running(_Running())  # type: ignore[arg-type]


# --------------------------------------------------------------------------- bidi overrides

RLO, PDF = "\u202e", "\u202c"


@pytest.mark.parametrize(
    ("quote", "body", "verdict", "where"),
    [
        # Stored "2026", shown "6202": the quote reads otherwise than what was compared.
        (
            f"will open to cargo ships in the spring of {RLO}2026{PDF}",
            PAGE,
            Verdict.MISMATCH,
            "the quote holds a bidi override",
        ),
        # A plain-text source showing its figure reversed: the claim matches what is stored,
        # not what a reader of the page sees. (HTML layers lose the override: trafilatura and
        # the whole-page text leave such characters out.)
        (
            QUOTE.text,
            f"The port board said the new quay will open to cargo ships in the spring of "
            f"{RLO}2026{PDF}, after two years of delays.".encode(),
            Verdict.MISMATCH,
            "the source's passage holds a bidi override",
        ),
        (QUOTE.text, PAGE, Verdict.VERIFIED, None),
    ],
)
def test_a_bidi_override_in_the_quote_or_the_passage_is_never_verified(
    quote: str, body: bytes, verdict: Verdict, where: str | None
) -> None:
    page = _page("https://live.example/q", body=body)
    if not body.startswith(b"<html>"):
        page = dataclasses.replace(page, content_type="text/plain; charset=utf-8")
    claim = Claim("g", ClaimKind.QUOTE, 1, 1, "s", note="1", quote=quote)
    article = Article(
        source="a.md", notes=(Note("1", 5, "Live", urls=(page.url,)),), claims=(claim,)
    )
    verifier = Verifier(Settings.build(cli={}, env={}), _FakeFetcher({page.url: page}))  # type: ignore[arg-type]
    (result,) = asyncio.run(verifier.verify([article])).claims
    assert result.verdict is verdict, result.detail
    if where is not None:
        assert where in (result.detail or "")


@pytest.mark.parametrize(
    ("text", "reordered"),
    [
        (f"cost {RLO}21{PDF} million", True),  # reads "cost 12 million"
        (f"call \u202d020 7946 0000{PDF} today", False),  # left-to-right as stored
        (f"the word \u202d\u05e9\u05dc\u05d5\u05dd{PDF} here", True),  # Hebrew shown reversed
        (f"{RLO}\u05e9\u05dc\u05d5\u05dd{PDF}", False),  # right-to-left text, as it reads anyway
        (f"grade {RLO}A{PDF}", False),  # one character looks the same either way
        ("no override at all", False),
    ],
)
def test_only_an_override_that_reorders_what_is_read_counts(text: str, reordered: bool) -> None:
    from claimcheck.report.common import reordered_by_override as _reordered

    assert _reordered(text) is reordered


def test_an_override_nested_in_another_is_judged_on_its_own_run() -> None:
    from claimcheck.report.common import reordered_by_override as _reordered

    assert _reordered(f"cost \u202d{RLO}21{PDF}{PDF} million")
