"""WaybackArchive: the CDX query, choosing the capture, fetching the raw `id_` copy, rate limits,
empty and malformed answers, and the caches — through a real `Fetcher` over `httpx.MockTransport`."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from claimcheck.classify import ARCHIVE_FAILED
from claimcheck.fetch import Fetcher
from claimcheck.model import FetchResult, LinkStatus
from claimcheck.settings import Settings
from claimcheck.wayback import (
    CLOSEST_LIMIT,
    MAX_CAPTURES_TRIED,
    RATE_LIMIT_BREAKER,
    Capture,
    WaybackArchive,
    capture_date,
    choose_capture,
    order_captures,
    parse_cdx,
)

ARCHIVE = "https://archive.example"
CITED = "https://news.example/2021/06/port-dues"
HEADER = ["timestamp", "original", "statuscode", "mimetype"]


def cdx(*timestamps: str, original: str = CITED) -> bytes:
    rows: list[list[str]] = [HEADER]
    rows += [[t, original, "200", "text/html"] for t in timestamps]
    return json.dumps(rows).encode()


class FakeArchive:
    """Answers CDX queries from `answers` (one per query, the last repeats) and captures."""

    def __init__(self, *answers: httpx.Response) -> None:
        self.answers = list(answers)
        self.queries: list[dict[str, list[str]]] = []
        self.captures: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/cdx/search/cdx":
            self.queries.append(parse_qs(urlsplit(str(request.url)).query))
            return self.answers[min(len(self.queries), len(self.answers)) - 1]
        self.captures.append(request.url.path)
        if "id_/" in request.url.path:
            stamp = request.url.path.split("/")[2]
            html = f"<html><body><p>captured {stamp}</p></body></html>"
            return httpx.Response(200, content=html.encode(), headers={"content-type": "text/html"})
        return httpx.Response(404)


def lookup(
    handler: Callable[[httpx.Request], httpx.Response],
    calls: Sequence[tuple[str, dt.date | None]],
    **kw: Any,
) -> list[FetchResult | None]:
    kw.setdefault("no_cache", True)
    kw.setdefault("retries", 0)
    settings = Settings.build({"wayback_url": ARCHIVE, **kw})
    archive = WaybackArchive(settings)

    async def main() -> list[FetchResult | None]:
        transport = httpx.MockTransport(handler)

        async def resolve(host: str) -> list[str]:
            return ["93.184.216.34"]

        async with Fetcher(
            settings,
            transport_factory=lambda host: transport,
            resolver=resolve,
            backoff_base=0.001,
        ) as fetcher:
            return list(await asyncio.gather(*(archive.fallback(u, w, fetcher) for u, w in calls)))

    return asyncio.run(main())


JUNE_16 = dt.date(2021, 6, 16)


def copies(results: list[FetchResult | None]) -> list[FetchResult | None]:
    """The archived copies found: `None` for an answer without one (which says why)."""
    return [r if r is not None and r.archive_url is not None else None for r in results]


def why_not(result: FetchResult | None) -> str:
    """Why `fallback()` found no copy to read."""
    assert result is not None and result.archive_url is None, result
    assert result.status is LinkStatus.ERROR and result.body is None
    assert result.detail.startswith("Wayback Machine: ")
    return result.detail.removeprefix("Wayback Machine: ")


# --------------------------------------------------------------------------- the query


def test_cdx_query_asks_for_the_captures_closest_to_the_end_of_the_access_day() -> None:
    archive = WaybackArchive(Settings(wayback_url=ARCHIVE + "/"))
    query = parse_qs(urlsplit(archive.cdx_url(CITED + "?a=1&b=2", JUNE_16)).query)
    assert query == {
        "url": [CITED + "?a=1&b=2"],
        "output": ["json"],
        "fl": ["timestamp,original,statuscode,mimetype"],
        "filter": ["statuscode:200"],
        "closest": ["20210616235959"],
        "sort": ["closest"],
        "limit": [str(CLOSEST_LIMIT)],
    }
    assert archive.cdx_url(CITED, JUNE_16).startswith(ARCHIVE + "/cdx/search/cdx?")


def test_cdx_query_without_a_date_asks_for_the_latest() -> None:
    query = parse_qs(urlsplit(WaybackArchive(Settings()).cdx_url(CITED, None)).query)
    assert query["limit"] == [str(-MAX_CAPTURES_TRIED)]  # the latest few, to fall back on
    assert "closest" not in query and "sort" not in query


def test_cdx_query_for_the_captures_up_to_the_access_day() -> None:
    # QA 6b #4: asked when the closest captures are all after the date.
    query = parse_qs(
        urlsplit(WaybackArchive(Settings()).cdx_url(CITED, JUNE_16, before=True)).query
    )
    assert query["to"] == ["20210616235959"]
    assert query["limit"] == [str(-MAX_CAPTURES_TRIED)]
    assert "closest" not in query and "sort" not in query


# --------------------------------------------------------------------------- parsing, choosing


def test_parse_cdx_reads_rows_by_the_header_and_skips_non_200() -> None:
    body = json.dumps(
        [
            ["original", "timestamp", "statuscode"],
            [CITED, "20210601000000", "200"],
            [CITED, "20210602000000", "302"],
            [CITED, "2021", "200"],  # not a timestamp
            [],
            ["resume-key"],
        ]
    ).encode()
    with pytest.raises(ValueError, match="does not match the header"):
        parse_cdx(body)
    body = json.dumps(
        [
            ["original", "timestamp", "statuscode"],
            [CITED, "20210601000000", "200"],
            [CITED, "20210602000000", "302"],
            [CITED, "2021", "200"],
        ]
    ).encode()
    assert parse_cdx(body) == [Capture("20210601000000", CITED)]


@pytest.mark.parametrize("body", [b"", b"  \n", b"[]", json.dumps([HEADER]).encode()])
def test_parse_cdx_empty_answers(body: bytes) -> None:
    assert parse_cdx(body) == []


@pytest.mark.parametrize(
    "body", [b"<html>busy</html>", b'{"error": 1}', b'[["urlkey"], ["x"]]', b"[1, 2]", b"\xff\xfe"]
)
def test_parse_cdx_malformed_answers_raise(body: bytes) -> None:
    with pytest.raises((ValueError, UnicodeDecodeError)):
        parse_cdx(body)


def captures(*stamps: str) -> list[Capture]:
    return [Capture(s, CITED) for s in stamps]


def test_choose_prefers_the_closest_capture_before_the_date() -> None:
    found = captures("20210617000001", "20210610120000", "20200101000000", "20210616180000")
    assert choose_capture(found, JUNE_16) == Capture("20210616180000", CITED)  # same day counts
    assert choose_capture(found[:3], JUNE_16) == Capture("20210610120000", CITED)


def test_choose_takes_the_closest_after_when_none_is_before() -> None:
    found = captures("20230101000000", "20210701000000", "20220101000000")
    assert choose_capture(found, JUNE_16) == Capture("20210701000000", CITED)


def test_choose_without_a_date_takes_the_latest_and_nothing_from_nothing() -> None:
    found = captures("20210701000000", "20230101000000", "20220101000000")
    assert choose_capture(found, None) == Capture("20230101000000", CITED)
    assert choose_capture([], JUNE_16) is None


def test_capture_date_reads_ordinary_and_raw_addresses() -> None:
    expected = dt.datetime(2021, 6, 10, 12, 0, tzinfo=dt.UTC)
    assert capture_date(f"{ARCHIVE}/web/20210610120000/{CITED}") == expected
    assert capture_date(f"{ARCHIVE}/web/20210610120000id_/{CITED}") == expected
    assert capture_date(CITED) is None


# --------------------------------------------------------------------------- fallback


def ok(body: bytes) -> httpx.Response:
    return httpx.Response(200, content=body, headers={"content-type": "application/json"})


def test_fallback_fetches_the_raw_capture_and_says_so() -> None:
    fake = FakeArchive(ok(cdx("20210620000000", "20210610120000", "20190101000000")))
    [result] = lookup(fake, [(CITED, JUNE_16)])
    assert result is not None
    assert result.status is LinkStatus.OK
    assert result.via == "archive"
    assert result.url == CITED
    assert result.archive_url == f"{ARCHIVE}/web/20210610120000/{CITED}"
    assert result.fetched_at == dt.datetime(2021, 6, 10, 12, 0, tzinfo=dt.UTC)
    assert result.body is not None and b"captured 20210610120000id_" in result.body
    assert fake.captures == [f"/web/20210610120000id_/{CITED}"]
    assert "closest capture on or before the access date 2021-06-16" in result.detail


def test_fallback_with_only_later_captures_says_so() -> None:
    fake = FakeArchive(ok(cdx("20220301000000", "20210801000000")))
    [result] = lookup(fake, [(CITED, JUNE_16)])
    assert result is not None
    assert result.archive_url == f"{ARCHIVE}/web/20210801000000/{CITED}"
    assert "no capture before the access date 2021-06-16; the closest after" in result.detail


def test_fallback_uses_the_original_the_archive_recorded() -> None:
    recorded = "http://news.example:80/2021/06/port-dues"
    fake = FakeArchive(ok(cdx("20210610120000", original=recorded)))
    [result] = lookup(fake, [(CITED, JUNE_16)])
    assert result is not None
    assert result.archive_url == f"{ARCHIVE}/web/20210610120000/{recorded}"
    assert fake.captures == [f"/web/20210610120000id_/{recorded}"]


@pytest.mark.parametrize("body", [b"", b"[]", json.dumps([HEADER]).encode()])
def test_empty_answer_is_no_copy(body: bytes) -> None:
    fake = FakeArchive(ok(body))
    [result] = lookup(fake, [(CITED, JUNE_16)])
    assert why_not(result) == "no archived copy found"
    assert result is not None and result.error != ARCHIVE_FAILED  # nothing archived: no outage
    assert fake.captures == []


def test_malformed_answer_is_no_copy_and_says_the_lookup_failed() -> None:
    fake = FakeArchive(ok(b"<html>Service Unavailable</html>"))
    [result] = lookup(fake, [(CITED, JUNE_16)])
    assert why_not(result).startswith("lookup failed (unreadable answer: ")


def test_a_server_error_is_a_failed_lookup_not_an_empty_archive(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeArchive(httpx.Response(500, content=b"Internal Server Error"))
    [result] = lookup(fake, [(CITED, JUNE_16)])
    assert why_not(result) == "lookup failed (500 Internal Server Error after 1 attempt)"
    assert result is not None and result.error == ARCHIVE_FAILED  # an outage (QA 6b #3)
    assert any(
        r.levelname == "WARNING" and "lookup of" in r.getMessage() and "500" in r.getMessage()
        for r in caplog.records
    )


def test_rate_limit_is_retried_by_the_fetcher_then_given_up() -> None:
    limited = httpx.Response(429, headers={"retry-after": "0"})
    fake = FakeArchive(limited, ok(cdx("20210610120000")))
    [result] = lookup(fake, [(CITED, JUNE_16)], retries=1, max_retry_wait=0.05)
    assert result is not None and result.via == "archive"  # the retry got through
    assert len(fake.queries) == 2

    fake = FakeArchive(limited)
    [result] = lookup(fake, [(CITED, JUNE_16)], retries=1, max_retry_wait=0.05)
    assert why_not(result) == "lookup failed (rate limited (429) after 2 attempts)"
    assert len(fake.queries) == 2  # one retry, then no copy


def test_after_repeated_rate_limits_the_archive_is_left_alone() -> None:
    fake = FakeArchive(httpx.Response(429, headers={"retry-after": "0"}))
    urls = [(f"https://news.example/{i}", JUNE_16) for i in range(RATE_LIMIT_BREAKER + 3)]

    settings = Settings.build(
        {"wayback_url": ARCHIVE, "no_cache": True, "retries": 0, "max_retry_wait": 0.05}
    )
    archive = WaybackArchive(settings)

    async def main() -> list[FetchResult | None]:
        transport = httpx.MockTransport(fake)

        async def resolve(host: str) -> list[str]:
            return ["93.184.216.34"]

        async with Fetcher(
            settings, transport_factory=lambda h: transport, resolver=resolve
        ) as fetcher:
            return [await archive.fallback(u, w, fetcher) for u, w in urls]

    results = asyncio.run(main())
    assert copies(results) == [None] * len(urls)
    assert all(why_not(r).startswith("lookup failed (rate limited") for r in results[:3])
    assert why_not(results[-1]) == "lookup failed (not asked: the archive rate-limited this run)"
    assert len(fake.queries) == RATE_LIMIT_BREAKER


def test_a_capture_that_cannot_be_fetched_is_no_copy() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/cdx/search/cdx":
            return ok(cdx("20210610120000"))
        return httpx.Response(404)

    [result] = lookup(handler, [(CITED, JUNE_16)])
    assert why_not(result) == (
        "no usable capture: the capture of 2021-06-10 (could not be fetched: 404 Not Found)"
    )


def test_concurrent_lookups_of_one_url_share_one_query() -> None:
    fake = FakeArchive(ok(cdx("20210610120000")))
    results = lookup(fake, [(CITED, JUNE_16)] * 4 + [(CITED + "#part", JUNE_16)])
    assert all(r is not None and r.via == "archive" for r in results)
    assert len(fake.queries) == 1


def test_different_dates_are_different_lookups() -> None:
    fake = FakeArchive(ok(cdx("20210610120000", "20190101000000")))
    results = lookup(fake, [(CITED, JUNE_16), (CITED, dt.date(2019, 6, 1)), (CITED, None)])
    stamps = [capture_date(r.archive_url or "") for r in results if r is not None]
    assert [s.year if s else None for s in stamps] == [2021, 2019, 2021]
    assert len(fake.queries) == 3


# --------------------------------------------------------------------------- disk cache


def test_a_dated_capture_is_cached_on_disk_across_runs(tmp_path: Path) -> None:
    fake = FakeArchive(ok(cdx("20210610120000")))
    first = lookup(fake, [(CITED, JUNE_16)], no_cache=False, cache_dir=tmp_path)
    assert first[0] is not None
    assert list((tmp_path / "wayback-v1").rglob("*.json"))
    # A later run whose HTTP cache has expired still knows which capture to fetch.
    again = lookup(fake, [(CITED, JUNE_16)], no_cache=False, cache_dir=tmp_path, max_cache_age=0)
    assert again[0] is not None and again[0].archive_url == first[0].archive_url
    assert len(fake.queries) == 1


def test_an_empty_answer_is_cached_only_for_max_cache_age(tmp_path: Path) -> None:
    fake = FakeArchive(ok(b"[]"), ok(cdx("20210610120000")))
    for _ in range(2):
        [result] = lookup(fake, [(CITED, JUNE_16)], no_cache=False, cache_dir=tmp_path)
        assert why_not(result) == "no archived copy found"
    assert len(fake.queries) == 1  # within --max-cache-age: not asked again
    later = lookup(fake, [(CITED, JUNE_16)], no_cache=False, cache_dir=tmp_path, max_cache_age=0)
    assert later[0] is not None  # since archived: found
    assert len(fake.queries) == 2


def test_malformed_answers_and_failures_are_not_cached(tmp_path: Path) -> None:
    # max_cache_age=0: the fetcher's own HTTP cache (which keeps any 200) does not answer either.
    kw: dict[str, Any] = {"no_cache": False, "cache_dir": tmp_path, "max_cache_age": 0}
    fake = FakeArchive(ok(b"not json"), httpx.Response(503), ok(cdx("20210610120000")))
    for _ in range(2):
        assert copies(lookup(fake, [(CITED, JUNE_16)], **kw)) == [None]
    assert copies(lookup(fake, [(CITED, JUNE_16)], **kw))[0] is not None
    assert len(fake.queries) == 3


def test_an_unreadable_cache_entry_is_a_miss(tmp_path: Path) -> None:
    fake = FakeArchive(ok(cdx("20210610120000")))
    lookup(fake, [(CITED, JUNE_16)], no_cache=False, cache_dir=tmp_path)
    for entry in (tmp_path / "wayback-v1").rglob("*.json"):
        entry.write_text("{half")
    again = lookup(fake, [(CITED, JUNE_16)], no_cache=False, cache_dir=tmp_path, max_cache_age=0)
    assert again[0] is not None
    assert len(fake.queries) == 2


@pytest.mark.parametrize("option", ["no_cache", "record"])
def test_no_disk_cache_without_cache_or_when_recording(tmp_path: Path, option: str) -> None:
    # With --record every exchange must land in the WARC, so no lookup may be answered from disk.
    kw: dict[str, Any] = {"no_cache": True} if option == "no_cache" else {"no_cache": False}
    if option == "record":
        kw["record"] = tmp_path / "run.warc.gz"
    fake = FakeArchive(ok(cdx("20210610120000")))
    for _ in range(2):
        assert lookup(fake, [(CITED, JUNE_16)], cache_dir=tmp_path / "cache", **kw)[0] is not None
    assert not (tmp_path / "cache" / "wayback-v1").exists()
    assert len(fake.queries) == 2


def test_locate_gives_the_capture_address_without_fetching_it() -> None:
    fake = FakeArchive(ok(cdx("20210610120000", "20210620000000")))
    settings = Settings.build({"wayback_url": ARCHIVE, "no_cache": True, "retries": 0})
    archive = WaybackArchive(settings)

    async def main() -> tuple[str | None, FetchResult | None]:
        transport = httpx.MockTransport(fake)

        async def resolve(host: str) -> list[str]:
            return ["93.184.216.34"]

        async with Fetcher(
            settings, transport_factory=lambda h: transport, resolver=resolve
        ) as fetcher:
            located = await archive.locate(CITED, JUNE_16, fetcher)
            assert fake.captures == []
            return located, await archive.fallback(CITED, JUNE_16, fetcher)

    located, fetched = asyncio.run(main())
    assert located == f"{ARCHIVE}/web/20210610120000/{CITED}"
    assert fetched is not None and fetched.archive_url == located
    assert len(fake.queries) == 1  # the lookup is shared with fallback()


# --------------------------------------------------------------------------- falling through

NOT_FOUND_PAGE = (
    b"<html><head><title>Page not found | News</title></head>"
    b"<body><main><h1>Page not found</h1><p>Sorry, this page does not exist.</p></main></body></html>"
)
CHALLENGE_PAGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script>"
    b"window._cf_chl_opt={cvId:'3'};</script></body></html>"
)
TEASER_PAGE = (
    b'<html><head><title>Port dues</title><script type="application/ld+json">'
    b'{"@type": "NewsArticle", "isAccessibleForFree": false}</script></head><body><article>'
    b"<h1>Port dues</h1><p>The authority said dues will rise.</p></article></body></html>"
)


def archive_of(pages: dict[str, httpx.Response], *listed: str) -> FakeArchive:
    """A CDX answer listing `listed` (closest first, as the archive sorts them) and a replay
    that answers `pages[timestamp]`, or the default capture."""

    class Replay(FakeArchive):
        def __call__(self, request: httpx.Request) -> httpx.Response:
            answer = super().__call__(request)
            stamp = request.url.path.split("/")[2].removesuffix("id_")
            return pages.get(stamp, answer)

    return Replay(ok(cdx(*listed)))


def html(body: bytes) -> httpx.Response:
    return httpx.Response(200, content=body, headers={"content-type": "text/html"})


def test_order_puts_the_captures_before_the_date_first_closest_first() -> None:
    found = captures("20210617000001", "20210610120000", "20200101000000", "20210701000000")
    assert [c.timestamp for c in order_captures(found, JUNE_16)] == [
        "20210610120000",
        "20200101000000",
        "20210617000001",
        "20210701000000",
    ]
    assert [c.timestamp for c in order_captures(found, None)][0] == "20210701000000"


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (NOT_FOUND_PAGE, "soft 404: title says not found (en)"),
        (CHALLENGE_PAGE, "bot wall (cloudflare challenge page)"),
    ],
)
def test_a_capture_that_is_a_soft_404_or_a_bot_wall_is_passed_over(
    page: bytes, reason: str
) -> None:
    # The closest capture before the date is the site's not-found page (or a challenge), archived
    # with status 200; the one before it has the article.
    fake = archive_of({"20210615000000": html(page)}, "20210615000000", "20210601000000")
    [result] = lookup(fake, [(CITED, JUNE_16)])
    assert result is not None and result.status is LinkStatus.OK
    assert result.archive_url == f"{ARCHIVE}/web/20210601000000/{CITED}"
    assert fake.captures == [f"/web/20210615000000id_/{CITED}", f"/web/20210601000000id_/{CITED}"]
    assert "passed over the capture of 2021-06-15" in result.detail
    assert reason in result.detail


@pytest.mark.parametrize("failure", [404, 503])
def test_a_capture_whose_replay_fails_is_passed_over(failure: int) -> None:
    fake = archive_of(
        {"20210615000000": httpx.Response(failure)}, "20210615000000", "20210601000000"
    )
    [result] = lookup(fake, [(CITED, JUNE_16)])
    assert result is not None and result.archive_url == f"{ARCHIVE}/web/20210601000000/{CITED}"
    assert len(fake.captures) == 2


def test_captures_before_the_date_are_tried_before_later_ones() -> None:
    # The archive lists the closest first: a later capture is closer than the second earlier one.
    stamps = ("20210617000000", "20210615000000", "20210520000000")
    fake = archive_of({"20210615000000": html(NOT_FOUND_PAGE)}, *stamps)
    [result] = lookup(fake, [(CITED, JUNE_16)])
    assert result is not None and result.archive_url == f"{ARCHIVE}/web/20210520000000/{CITED}"
    assert [c.split("/")[2] for c in fake.captures] == ["20210615000000id_", "20210520000000id_"]


def test_at_most_a_few_captures_are_fetched_per_source() -> None:
    stamps = [f"202106{d:02d}000000" for d in range(15, 5, -1)]
    fake = archive_of({s: html(NOT_FOUND_PAGE) for s in stamps}, *stamps)
    [result] = lookup(fake, [(CITED, JUNE_16)])
    reason = why_not(result)
    assert reason.startswith("no usable capture: the capture of 2021-06-15 (soft 404: ")
    assert reason.count("the capture of") == MAX_CAPTURES_TRIED
    assert len(fake.captures) == MAX_CAPTURES_TRIED


def test_a_paywalled_capture_is_read_for_what_it_serves() -> None:
    fake = archive_of({"20210610120000": html(TEASER_PAGE)}, "20210610120000", "20210601000000")
    [result] = lookup(fake, [(CITED, JUNE_16)])
    assert result is not None and result.via == "archive"
    assert result.status is LinkStatus.BLOCKED and result.error == "paywall"
    assert result.body == TEASER_PAGE
    assert result.archive_url == f"{ARCHIVE}/web/20210610120000/{CITED}"
    assert len(fake.captures) == 1


def test_a_capture_redirected_to_the_site_root_is_a_soft_404() -> None:
    root = f"/web/20210615000000id_/{CITED.split('/2021')[0]}/"

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/web/20210615000000id_/{CITED}":
            return httpx.Response(302, headers={"location": f"{ARCHIVE}{root}"})
        if request.url.path == root:
            return html(b"<html><body><p>Front page of the site.</p></body></html>")
        return fake(request)

    fake = archive_of({}, "20210615000000", "20210601000000")
    [result] = lookup(handler, [(CITED, JUNE_16)])
    assert result is not None and result.archive_url == f"{ARCHIVE}/web/20210601000000/{CITED}"
    assert "redirect to the site root" in result.detail
