"""The Fetcher against real HTTP servers on 127.0.0.x: every status, every retry rule, redirects,
caps, timeouts, address refusal, per-host limits, and record-then-replay with no network."""

from __future__ import annotations

import asyncio
import dataclasses
import email.utils
import gzip
import socket
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from claimcheck.fetch import Fetcher
from claimcheck.model import FetchResult, LinkStatus, Redirect
from claimcheck.settings import Settings
from tests.helpers import LocalHost, Reply, Request, serve

PAGE = b"<!doctype html><html><head><title>A page</title></head><body><p>Text.</p></body></html>"


@pytest.fixture(scope="module")
def hosts() -> Iterator[list[LocalHost]]:
    with serve(hosts=3, first=2) as started:
        yield started


@pytest.fixture
def a(hosts: list[LocalHost]) -> LocalHost:
    hosts[0].reset_counters()
    return hosts[0]


@pytest.fixture
def b(hosts: list[LocalHost]) -> LocalHost:
    hosts[1].reset_counters()
    return hosts[1]


def fetch(
    urls: list[str],
    *,
    resolver: Callable[[str], Awaitable[list[str]]] | None = None,
    loop: asyncio.AbstractEventLoop | None = None,
    **kw: Any,
) -> list[FetchResult]:
    kw.setdefault("allow_private", True)
    kw.setdefault("no_cache", True)
    kw.setdefault("retries", 2)
    settings = Settings.build(kw)

    async def main() -> list[FetchResult]:
        async with Fetcher(settings, resolver=resolver, backoff_base=0.05) as fetcher:
            return list(await asyncio.gather(*(fetcher.fetch(u) for u in urls)))

    if loop is not None:
        return loop.run_until_complete(main())
    return asyncio.run(main())


def one(url: str, **kw: Any) -> FetchResult:
    return fetch([url], **kw)[0]


# --------------------------------------------------------------------------- statuses


def test_ok(a: LocalHost) -> None:
    a.route("/ok", Reply(200, PAGE))
    result = one(a.url("/ok"))
    assert (result.status, result.http_status, result.content_type) == (
        LinkStatus.OK,
        200,
        "text/html",
    )
    assert result.body == PAGE
    assert a.requests[0].headers["user-agent"].startswith("claimcheck/")


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (404, LinkStatus.DEAD),
        (410, LinkStatus.DEAD),
        (401, LinkStatus.BLOCKED),
        (451, LinkStatus.BLOCKED),
        (999, LinkStatus.BLOCKED),
    ],
)
def test_http_statuses(a: LocalHost, code: int, status: LinkStatus) -> None:
    a.route(f"/s{code}", Reply(code, b"<title>no</title>"))
    result = one(a.url(f"/s{code}"))
    assert (result.status, result.http_status) == (status, code)
    assert a.hits(f"/s{code}") == 1


def test_403_with_cf_mitigated(a: LocalHost) -> None:
    a.route(
        "/cf",
        Reply(403, b"<title>Just a moment...</title>", headers=[("cf-mitigated", "challenge")]),
    )
    result = one(a.url("/cf"))
    assert result.status is LinkStatus.BLOCKED
    assert result.detail == "bot challenge (cf-mitigated: challenge)"


def test_refused_connection_is_dead_and_not_retried() -> None:
    with socket.socket() as s:  # a port that was free a moment ago and has no listener
        s.bind(("127.0.0.5", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    result = one(f"http://127.0.0.5:{port}/", retries=3)
    assert (result.status, result.error) == (LinkStatus.DEAD, "connection refused")
    assert time.monotonic() - started < 0.5  # no backoff: it was not retried


# --------------------------------------------------------------------------- retries


@pytest.mark.parametrize("code", [500, 502, 503, 504, 408, 429])
def test_retry_then_success(a: LocalHost, code: int) -> None:
    a.route(f"/r{code}", [Reply(code, headers=[("Retry-After", "0")]), Reply(200, PAGE)])
    result = one(a.url(f"/r{code}"), max_retry_wait=0.1)
    assert result.status is LinkStatus.OK
    assert a.hits(f"/r{code}") == 2


def test_5xx_after_all_retries_is_error(a: LocalHost) -> None:
    a.route("/down", Reply(503))
    result = one(a.url("/down"), retries=2)
    assert (result.status, result.error) == (LinkStatus.ERROR, "HTTP 503")
    assert a.hits("/down") == 3


def test_429_after_all_retries_is_blocked_with_a_hint(a: LocalHost) -> None:
    a.route("/busy", Reply(429, headers=[("Retry-After", "0")]))
    settings = Settings.build(
        {"allow_private": True, "no_cache": True, "retries": 1, "max_retry_wait": 0.1}
    )

    async def main() -> tuple[FetchResult, list[str]]:
        async with Fetcher(settings, backoff_base=0.01) as fetcher:
            return await fetcher.fetch(a.url("/busy")), fetcher.hints()

    result, hints = asyncio.run(main())
    assert result.status is LinkStatus.BLOCKED
    assert hints == [
        '127.0.0.2 answered 429 twice: set [settings.hosts."127.0.0.2"] host_interval = 1'
    ]


@pytest.mark.parametrize("how", ["drop", "reset"])
def test_dropped_and_reset_connections_are_retried(a: LocalHost, how: str) -> None:
    a.route(f"/{how}", [Reply(drop=how == "drop", reset=how == "reset"), Reply(200, PAGE)])
    result = one(a.url(f"/{how}"))
    assert result.status is LinkStatus.OK
    assert a.hits(f"/{how}") == 2


def test_retry_after_in_seconds(a: LocalHost) -> None:
    a.route("/later", [Reply(503, headers=[("Retry-After", "1")]), Reply(200, PAGE)])
    result = one(a.url("/later"))
    assert result.status is LinkStatus.OK
    first, second = a.requests
    assert second.at - first.at >= 0.95


def test_retry_after_as_an_http_date(a: LocalHost) -> None:
    def answer(request: Request) -> Reply:
        if a.hits("/date") > 1:
            return Reply(200, PAGE)
        when = email.utils.formatdate(time.time() + 2, usegmt=True)  # whole seconds: 1-2 s away
        return Reply(429, headers=[("Retry-After", when)])

    a.route("/date", answer)
    result = one(a.url("/date"))
    assert result.status is LinkStatus.OK
    first, second = a.requests
    assert second.at - first.at >= 0.9


# --------------------------------------------------------------------------- redirects


def test_redirect_chain_across_hosts(a: LocalHost, b: LocalHost) -> None:
    a.route("/final", Reply(200, PAGE))
    b.route("/start", Reply.redirect(b.url("/middle"), 302))
    b.route("/middle", Reply.redirect(a.url("/final"), 301))
    result = one(b.url("/start"))
    assert result.status is LinkStatus.REDIRECTED
    assert result.final_url == a.url("/final")
    assert result.redirects == (Redirect(b.url("/start"), 302), Redirect(b.url("/middle"), 301))


def test_redirect_loop(a: LocalHost, b: LocalHost) -> None:
    a.route("/ping", Reply.redirect(b.url("/pong"), 302))
    b.route("/pong", Reply.redirect(a.url("/ping"), 302))
    result = one(a.url("/ping"))
    assert (result.status, result.error) == (LinkStatus.ERROR, "redirect loop")
    assert a.hits("/ping") == 1 and b.hits("/pong") == 1


def test_redirect_to_the_metadata_address_is_refused(a: LocalHost) -> None:
    """Without --allow-private; the fake resolver calls 127.0.0.x public so the first hop runs."""

    async def resolver(host: str) -> list[str]:
        return ["93.184.216.34"] if host.startswith("127.") else [host]

    a.route("/meta", Reply.redirect("http://169.254.169.254/latest/meta-data/", 302))
    result = one(a.url("/meta"), allow_private=False, resolver=resolver)
    assert result.status is LinkStatus.EXCLUDED
    assert result.redirects == (Redirect(a.url("/meta"), 302),)
    assert "cloud metadata address 169.254.169.254" in result.detail
    assert a.hits("/meta") == 1


def test_loopback_is_refused_without_allow_private(a: LocalHost) -> None:
    a.route("/private", Reply(200, PAGE))
    result = one(a.url("/private"), allow_private=False)
    assert result.status is LinkStatus.EXCLUDED
    assert "loopback address 127.0.0.2" in result.detail
    assert a.hits("/private") == 0  # no connection was attempted


# --------------------------------------------------------------------------- caps and timeouts


def test_body_over_the_cap(a: LocalHost) -> None:
    a.route("/big", Reply(200, b"x" * 300_000, chunked=True))
    result = one(a.url("/big"), max_bytes=100_000)
    assert (result.status, result.error) == (LinkStatus.ERROR, "too large")


def test_gzip_bomb_over_the_wire(a: LocalHost) -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)
    a.route("/bomb", Reply(200, bomb, headers=[("Content-Encoding", "gzip")]))
    result = one(a.url("/bomb"), max_bytes=1_000_000)
    assert (result.status, result.error) == (LinkStatus.ERROR, "too large")
    assert "after decompression" in result.detail


def test_slow_trickle_hits_the_total_timeout(a: LocalHost) -> None:
    # Each chunk arrives well within any read timeout; only the total per-attempt timeout stops it.
    a.route("/trickle", Reply(200, b"y" * 100, trickle=(5, 0.2)))
    started = time.monotonic()
    result = one(a.url("/trickle"), timeout=1, retries=0)
    assert (result.status, result.error) == (LinkStatus.TIMEOUT, "timeout")
    assert time.monotonic() - started < 2.5


# --------------------------------------------------------------------------- limits


def test_per_host_limit_is_never_exceeded(hosts: list[LocalHost]) -> None:
    for host in hosts:
        host.wait_idle()
        host.reset_counters()
        host.route("/slow", Reply(200, PAGE, delay=0.05))
    urls = [hosts[i % 3].url(f"/slow?{i}") for i in range(60)]
    results = fetch(urls, host_concurrency=3, concurrency=100)
    assert all(r.status is LinkStatus.OK for r in results)
    assert [h.max_in_flight for h in hosts] == [3, 3, 3]


def test_global_limit_is_never_exceeded(hosts: list[LocalHost]) -> None:
    for host in hosts:
        host.wait_idle()
        host.reset_counters()
        host.route("/slow", Reply(200, PAGE, delay=0.05))
    urls = [hosts[i % 3].url(f"/slow?{i}") for i in range(30)]
    fetch(urls, host_concurrency=8, concurrency=2)
    assert sum(h.max_in_flight for h in hosts) <= 2 * 3  # each host alone saw at most 2
    assert max(h.max_in_flight for h in hosts) <= 2


# --------------------------------------------------------------------------- record and replay


def test_record_then_replay_with_the_network_off(
    tmp_path: Path, a: LocalHost, b: LocalHost
) -> None:
    a.route("/page", Reply(200, PAGE))
    a.route("/gone", Reply(404))
    b.route("/moved", Reply.redirect(a.url("/page2"), 301))
    a.route("/page2", Reply(200, gzip.compress(PAGE), headers=[("Content-Encoding", "gzip")]))
    a.route("/flaky", [Reply(500), Reply(200, PAGE)])
    urls = [a.url("/page"), a.url("/gone"), b.url("/moved"), a.url("/flaky#frag")]
    archive = tmp_path / "run.warc.gz"
    recorded = fetch(urls, record=str(archive))

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used during replay")

    loop = asyncio.new_event_loop()  # its self-pipe is a socket pair: make it first
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(socket, "socket", forbidden)
            mp.setattr(socket, "create_connection", forbidden)
            mp.setattr(socket, "getaddrinfo", forbidden)
            replayed = fetch(urls, replay=str(archive), allow_private=False, loop=loop)
    finally:
        loop.close()

    def same(r: FetchResult) -> FetchResult:
        return dataclasses.replace(r, via="", elapsed=0.0)

    assert [same(r) for r in replayed] == [same(r) for r in recorded]
    assert [r.status for r in replayed] == [
        LinkStatus.OK,
        LinkStatus.DEAD,
        LinkStatus.REDIRECTED,
        LinkStatus.OK,
    ]
    assert replayed[2].body == PAGE
