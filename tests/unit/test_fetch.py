"""Fetcher behaviour against `httpx.MockTransport` (no sockets): statuses, retries, redirects,
caps, sniffing, limits, address checks and hints; and the asyncio stream of the live path over a
local socket pair."""

from __future__ import annotations

import asyncio
import gzip
import socket
import time
import zlib
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import brotli
import httpx
import pytest

from claimcheck import fetch as fetch_module
from claimcheck import wire
from claimcheck.fetch import PREFIX_BYTES, Fetcher, sniff_content_type
from claimcheck.model import FetchResult, LinkStatus, Redirect
from claimcheck.settings import Settings
from claimcheck.wire import (
    READ_HIGH_WATER,
    AsyncioStream,
    ConnectError,
    Headers,
    HTTP11Connection,
    ReadTimeout,
    RemoteProtocolError,
    StreamProtocol,
    WriteError,
    connect_tcp,
)

Handler = (
    Callable[[httpx.Request], httpx.Response]
    | Callable[[httpx.Request], Coroutine[None, None, httpx.Response]]
)

PUBLIC = "93.184.216.34"  # what the fake resolver answers for every name unless told otherwise


async def public_resolver(host: str) -> list[str]:
    """Every name is public; an IP literal is itself."""
    return [host] if host[0].isdigit() else [PUBLIC]


def settings(**kw: Any) -> Settings:
    kw.setdefault("no_cache", True)
    return Settings.build(kw)


def fetch_all(
    handler: Handler,
    urls: list[str],
    *,
    resolver: Callable[[str], Awaitable[list[str]]] = public_resolver,
    want_body: bool = True,
    **kw: Any,
) -> tuple[list[FetchResult], list[str]]:
    """Fetch `urls` concurrently through a MockTransport; return the results and the hints."""

    async def main() -> tuple[list[FetchResult], list[str]]:
        transport = httpx.MockTransport(handler)
        async with Fetcher(
            settings(**kw),
            transport_factory=lambda host: transport,
            resolver=resolver,
            backoff_base=0.01,
        ) as fetcher:
            results = await asyncio.gather(*(fetcher.fetch(u, want_body=want_body) for u in urls))
            return list(results), fetcher.hints()

    return asyncio.run(main())


def fetch_one(handler: Handler, url: str = "https://example.org/a", **kw: Any) -> FetchResult:
    return fetch_all(handler, [url], **kw)[0][0]


class Counting:
    """A handler answering from a list (the last answer repeats) and counting calls."""

    def __init__(self, *answers: Answer | type[Exception] | Exception) -> None:
        self.answers = list(answers)
        self.calls: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        answer = self.answers[min(len(self.calls), len(self.answers) - 1)]
        self.calls.append(request)
        if isinstance(answer, type):
            raise answer("boom")
        if isinstance(answer, Exception):
            raise answer
        return answer.response()


class Answer:
    """A response to build afresh for every request, streamed as a server would send it."""

    def __init__(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.status, self.body, self.headers = status, body, headers

    def response(self) -> httpx.Response:
        return httpx.Response(self.status, headers=self.headers, stream=httpx.ByteStream(self.body))


def html(status: int = 200, body: bytes = b"<!doctype html><p>hello</p>", **headers: str) -> Answer:
    hdrs = {"content-type": "text/html; charset=utf-8"}
    hdrs.update({k.replace("_", "-"): v for k, v in headers.items()})
    return Answer(status, body, hdrs)


# --------------------------------------------------------------------------- statuses


def test_ok_carries_body_digest_type_and_time() -> None:
    result = fetch_one(Counting(html()))
    assert result.status is LinkStatus.OK
    assert result.http_status == 200
    assert result.body == b"<!doctype html><p>hello</p>"
    assert result.content_type == "text/html"
    assert result.sha256 is not None and len(result.sha256) == 64
    assert result.via == "live"
    assert result.fetched_at is not None and result.fetched_at.utcoffset() is not None
    assert result.fetched_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert result.final_url == "https://example.org/a"


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (404, LinkStatus.DEAD),
        (410, LinkStatus.DEAD),
        (401, LinkStatus.BLOCKED),
        (403, LinkStatus.BLOCKED),
        (451, LinkStatus.BLOCKED),
        (999, LinkStatus.BLOCKED),
        (400, LinkStatus.ERROR),
    ],
)
def test_status_codes_map_to_link_statuses(code: int, status: LinkStatus) -> None:
    handler = Counting(html(code))
    result = fetch_one(handler, retries=2)
    assert result.status is status
    assert result.http_status == code
    assert result.error == f"HTTP {code}"
    assert len(handler.calls) == 1  # none of these is retried
    assert result.body is None


def test_403_with_cf_mitigated_is_a_bot_challenge() -> None:
    result = fetch_one(Counting(html(403, cf_mitigated="challenge")))
    assert result.status is LinkStatus.BLOCKED
    assert "bot challenge" in result.detail and "challenge" in result.detail


# --------------------------------------------------------------------------- retries


@pytest.mark.parametrize("code", [500, 502, 503, 504, 408, 429])
def test_retryable_status_then_success(code: int) -> None:
    handler = Counting(html(code), html(200))
    result = fetch_one(handler, retries=2)
    assert result.status is LinkStatus.OK
    assert len(handler.calls) == 2


@pytest.mark.parametrize(
    ("code", "status"),
    [(503, LinkStatus.ERROR), (429, LinkStatus.BLOCKED), (408, LinkStatus.TIMEOUT)],
)
def test_retries_exhausted(code: int, status: LinkStatus) -> None:
    handler = Counting(html(code, retry_after="0"))
    # A 429 slows the host down for the rest of the run, by at most max_retry_wait per request.
    result = fetch_one(handler, retries=2, max_retry_wait=0.05)
    assert result.status is status
    assert len(handler.calls) == 3
    assert "3 attempts" in result.detail


def test_501_is_not_retried() -> None:
    handler = Counting(html(501))
    assert fetch_one(handler, retries=3).status is LinkStatus.ERROR
    assert len(handler.calls) == 1


@pytest.mark.parametrize(
    ("exc", "status", "error"),
    [
        (httpx.ReadTimeout, LinkStatus.TIMEOUT, "timeout"),
        (httpx.ConnectTimeout, LinkStatus.TIMEOUT, "timeout"),
        (httpx.ReadError, LinkStatus.ERROR, "connection reset"),
        (
            httpx.RemoteProtocolError("Server disconnected without sending a response."),
            LinkStatus.ERROR,
            "connection reset",
        ),
    ],
)
def test_timeouts_and_resets_are_retried(exc: Any, status: LinkStatus, error: str) -> None:
    handler = Counting(exc)
    result = fetch_one(handler, retries=2)
    assert (result.status, result.error) == (status, error)
    assert len(handler.calls) == 3
    handler = Counting(exc, html())
    assert fetch_one(handler, retries=2).status is LinkStatus.OK


def _connect_error(cause: BaseException) -> httpx.ConnectError:
    try:
        raise httpx.ConnectError(str(cause)) from cause
    except httpx.ConnectError as exc:
        return exc


@pytest.mark.parametrize(
    ("cause", "status", "error"),
    [
        (ConnectionRefusedError(111, "Connection refused"), LinkStatus.DEAD, "connection refused"),
        (
            __import__("socket").gaierror(-2, "Name or service not known"),
            LinkStatus.DEAD,
            "DNS lookup failed",
        ),
        (
            __import__("ssl").SSLCertVerificationError("certificate verify failed"),
            LinkStatus.ERROR,
            "TLS error",
        ),
    ],
)
def test_connect_errors_are_not_retried(
    cause: BaseException, status: LinkStatus, error: str
) -> None:
    handler = Counting(_connect_error(cause))
    result = fetch_one(handler, retries=3)
    assert (result.status, result.error) == (status, error)
    assert len(handler.calls) == 1


def _recorded_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every `asyncio.sleep` the fetcher asks for, in seconds; each is still slept."""
    asked: list[float] = []
    real = asyncio.sleep

    async def recording(delay: float, result: Any = None) -> Any:
        asked.append(delay)
        return await real(delay, result)

    monkeypatch.setattr(fetch_module.asyncio, "sleep", recording)
    return asked


def test_retry_after_beyond_the_cap_gives_up_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    handler = Counting(html(429, retry_after="3600"))
    sleeps = _recorded_sleeps(monkeypatch)
    results, hints = fetch_all(handler, ["https://slow.example/a"], retries=3, max_retry_wait=5)
    assert results[0].status is LinkStatus.BLOCKED
    assert len(handler.calls) == 1
    # Not the hour asked for, nor the 5 s cap: no wait at all before giving up.
    assert [delay for delay in sleeps if delay > 0] == []
    # The suggestion is what the run could wait; the server's own ask is named beside it.
    assert hints == [
        'slow.example answered 429 once: set [settings.hosts."slow.example"] host_interval = 5'
        " (it asked us to wait 3600 s, more than max_retry_wait = 5: check its links by hand)"
    ]


def test_retry_after_seconds_is_waited_for() -> None:
    handler = Counting(html(503, retry_after="1"), html())
    result = fetch_one(handler, retries=1)
    assert result.status is LinkStatus.OK
    assert len(handler.calls) == 2
    assert result.elapsed >= 0.95  # the server asked for 1 s; backoff alone would be ~0.01 s


def test_rate_limit_hint_counts_429s() -> None:
    handler = Counting(
        html(429, retry_after="0"),
        html(429, retry_after="0"),
        html(429, retry_after="0"),
        html(429, retry_after="0"),
        html(),
    )
    _, hints = fetch_all(handler, ["https://busy.example/a"], retries=4, max_retry_wait=0.05)
    assert hints == [
        'busy.example answered 429 four times: set [settings.hosts."busy.example"] host_interval = 1'
    ]


def test_blocked_hint() -> None:
    _, hints = fetch_all(Counting(html(403)), ["https://wall.example/a", "https://wall.example/b"])
    assert len(hints) == 1
    assert hints[0].startswith("wall.example refused us twice (HTTP 403)")
    assert '[settings.hosts."wall.example"] user_agent' in hints[0]


def test_quota_exhausted_pauses_the_host() -> None:
    seen: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(time.monotonic())
        return html(x_ratelimit_remaining="0", x_ratelimit_reset="1").response()

    results, _ = fetch_all(
        handler, ["https://q.example/a", "https://q.example/b"], host_concurrency=1
    )
    assert all(r.status is LinkStatus.OK for r in results)
    assert seen[1] - seen[0] >= 0.9


# --------------------------------------------------------------------------- redirects


def _redirects(chain: dict[str, tuple[int, str]], final: Answer | None = None) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        hop = chain.get(request.url.path)
        if hop is None:
            return (final or html()).response()
        return httpx.Response(hop[0], headers={"location": hop[1]})

    return handler


def test_permanent_redirect_is_redirected_with_the_new_url() -> None:
    result = fetch_one(_redirects({"/a": (301, "/b"), "/b": (308, "https://other.example/c")}))
    assert result.status is LinkStatus.REDIRECTED
    assert result.final_url == "https://other.example/c"
    assert result.redirects == (
        Redirect("https://example.org/a", 301),
        Redirect("https://example.org/b", 308),
    )


def test_temporary_redirects_only_are_ok() -> None:
    result = fetch_one(_redirects({"/a": (302, "/b"), "/b": (307, "/c")}))
    assert result.status is LinkStatus.OK
    assert result.final_url == "https://example.org/c"
    assert [r.status for r in result.redirects] == [302, 307]


def test_mixed_chain_points_at_the_last_permanent_target() -> None:
    result = fetch_one(_redirects({"/a": (301, "/b"), "/b": (302, "/c")}))
    assert result.status is LinkStatus.REDIRECTED
    assert result.final_url == "https://example.org/b"
    assert "then temporarily to https://example.org/c" in result.detail


def test_a_temporary_redirect_first_keeps_the_cited_url() -> None:
    # Moved for good is what the chain's first hops say: after a 302, a 301 further on moves
    # the temporary target, not the cited URL.
    result = fetch_one(_redirects({"/a": (302, "/b"), "/b": (301, "/c")}))
    assert result.status is LinkStatus.OK
    assert result.final_url == "https://example.org/c"
    chain = fetch_one(_redirects({"/a": (301, "/b"), "/b": (308, "/c"), "/c": (302, "/d")}))
    assert chain.status is LinkStatus.REDIRECTED
    assert chain.final_url == "https://example.org/c"


def test_redirect_to_a_dead_page_is_dead() -> None:
    result = fetch_one(_redirects({"/a": (301, "/b")}, final=html(404)))
    assert result.status is LinkStatus.DEAD
    assert result.redirects == (Redirect("https://example.org/a", 301),)


def test_redirect_loop() -> None:
    result = fetch_one(_redirects({"/a": (301, "/b"), "/b": (302, "/a")}))
    assert (result.status, result.error) == (LinkStatus.ERROR, "redirect loop")


def test_too_many_redirects() -> None:
    chain = {f"/{i}": (302, f"/{i + 1}") for i in range(20)}
    result = fetch_one(_redirects(chain), "https://example.org/0", max_redirects=3)
    assert (result.status, result.error) == (LinkStatus.ERROR, "too many redirects")
    assert len(result.redirects) == 3


def test_redirect_fragment_and_relative_location() -> None:
    result = fetch_one(_redirects({"/a": (301, "b?x=1#frag")}), "https://example.org/a#top")
    assert result.final_url == "https://example.org/b?x=1"


# --------------------------------------------------------------------------- bodies


class _CountingZlib:
    """`zlib`, counting the bytes its decompressors produce."""

    def __init__(self) -> None:
        self.produced = 0

    def decompressobj(self, *args: Any) -> Any:
        inner = zlib.decompressobj(*args)
        counter = self

        class Decompressor:
            def decompress(self, data: bytes, max_length: int = 0) -> bytes:
                out = inner.decompress(data, max_length)
                counter.produced += len(out)
                return out

            @property
            def unconsumed_tail(self) -> bytes:
                return inner.unconsumed_tail

        return Decompressor()

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def test_gzip_bomb_stops_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < 100_000
    counting = _CountingZlib()
    monkeypatch.setattr(fetch_module, "zlib", counting)
    result = fetch_one(Counting(html(body=bomb, content_encoding="gzip")), max_bytes=1_000_000)
    assert (result.status, result.error) == (LinkStatus.ERROR, "too large")
    assert "after decompression" in result.detail
    # Of the 64 MB the bomb holds, no more is unpacked than the cap and the byte that tells.
    assert 1_000_000 < counting.produced <= 1_000_001


def test_brotli_bomb_stops_at_the_cap() -> None:
    bomb = brotli.compress(b"\0" * (32 * 1024 * 1024), quality=5)
    result = fetch_one(Counting(html(body=bomb, content_encoding="br")), max_bytes=1_000_000)
    assert (result.status, result.error) == (LinkStatus.ERROR, "too large")


@pytest.mark.parametrize("encoding", ["gzip", "br", "deflate"])
def test_compressed_bodies_are_decoded(encoding: str) -> None:
    import zlib

    text = b"<!doctype html><p>" + b"compressed " * 1000 + b"</p>"
    packed = {"gzip": gzip.compress, "br": brotli.compress, "deflate": zlib.compress}[encoding](
        text
    )
    result = fetch_one(Counting(html(body=packed, content_encoding=encoding)))
    assert result.status is LinkStatus.OK
    assert result.body == text


def test_body_over_the_cap_on_the_wire() -> None:
    result = fetch_one(Counting(html(body=b"x" * 5000)), max_bytes=1000)
    assert (result.status, result.error) == (LinkStatus.ERROR, "too large")


def test_unknown_content_encoding_is_unsupported() -> None:
    result = fetch_one(Counting(html(content_encoding="compress")))
    assert (result.status, result.error) == (LinkStatus.ERROR, "unsupported")


def test_want_body_false_reads_only_a_prefix() -> None:
    big = b"<!doctype html>" + b"a" * (5 * PREFIX_BYTES)
    result = fetch_one(Counting(html(body=big)), want_body=False)
    assert result.status is LinkStatus.OK
    assert result.body is not None and len(result.body) == PREFIX_BYTES
    assert result.body == big[:PREFIX_BYTES]
    assert result.sha256 is None  # a digest of a prefix would be misleading


@pytest.mark.parametrize(
    ("header", "body", "expected"),
    [
        ("text/html; charset=utf-8", b"<p>x", "text/html"),
        ("application/octet-stream", b"%PDF-1.7\n...", "application/pdf"),
        ("text/html", b"%PDF-1.4 mislabelled", "application/pdf"),
        (None, b"  <!DOCTYPE html><html>", "text/html"),
        (
            None,
            b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>",
            "application/xhtml+xml",
        ),
        (None, b"Plain words, nothing else.", "text/plain"),
        (None, b"\x89PNG\r\n\x1a\n\0\0", None),
        ("application/octet-stream", b"\0\1\2", "application/octet-stream"),
    ],
)
def test_sniff_content_type(header: str | None, body: bytes, expected: str | None) -> None:
    assert sniff_content_type(header, body) == expected


# --------------------------------------------------------------------------- headers, remap, exclude


def test_user_agent_default_and_per_host() -> None:
    agents: dict[str, str] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        agents[request.url.host] = request.headers["user-agent"]
        return html().response()

    fetch_all(
        handler,
        ["https://a.example/", "https://b.example/"],
        hosts={"b.example": {"user_agent": "Special/1.0"}},
    )
    assert agents["a.example"].startswith("claimcheck/")
    assert agents["b.example"] == "Special/1.0"


def test_exclude_and_remap() -> None:
    handler = Counting(html())
    results, _ = fetch_all(
        handler,
        ["https://skip.example/x", "https://old.example/page/7"],
        exclude=["skip\\.example"],
        remap=["https://old\\.example/page/(\\d+) https://new.example/p/$1"],
    )
    assert results[0].status is LinkStatus.EXCLUDED
    assert "skip" in results[0].detail
    assert results[1].request_url == "https://new.example/p/7"
    assert results[1].url == "https://old.example/page/7"
    assert [str(r.url) for r in handler.calls] == ["https://new.example/p/7"]


def test_unsupported_scheme() -> None:
    handler = Counting(html())
    result = fetch_one(handler, "ftp://example.org/file")
    assert (result.status, result.error) == (LinkStatus.ERROR, "unsupported")
    assert handler.calls == []


# --------------------------------------------------------------------------- address checks


def test_private_address_is_excluded_without_a_request() -> None:
    async def private(host: str) -> list[str]:
        return ["10.1.2.3"]

    handler = Counting(html())
    result = fetch_one(handler, resolver=private)
    assert result.status is LinkStatus.EXCLUDED
    assert "private address 10.1.2.3" in result.detail
    assert handler.calls == []
    assert fetch_one(handler, resolver=private, allow_private=True).status is LinkStatus.OK


def test_metadata_address_is_refused_even_with_allow_private() -> None:
    handler = Counting(html())
    result = fetch_one(handler, "http://169.254.169.254/latest/meta-data/", allow_private=True)
    assert result.status is LinkStatus.EXCLUDED
    assert "cloud metadata" in result.detail
    assert handler.calls == []


def test_redirect_hop_to_a_private_address_is_refused() -> None:
    async def resolver(host: str) -> list[str]:
        return {"intranet.example": ["192.168.1.10"]}.get(host, [PUBLIC])

    handler = _redirects({"/a": (302, "http://intranet.example/admin")})
    result = fetch_one(handler, resolver=resolver)
    assert result.status is LinkStatus.EXCLUDED
    assert result.redirects == (Redirect("https://example.org/a", 302),)
    assert "intranet.example resolves to private address 192.168.1.10" in result.detail


def test_dns_failure_from_the_resolver_is_dead() -> None:
    from claimcheck.safety import ResolveError

    async def nxdomain(host: str) -> list[str]:
        raise ResolveError(f"DNS lookup failed for {host}: Name or service not known")

    handler = Counting(html())
    result = fetch_one(handler, resolver=nxdomain, retries=3)
    assert (result.status, result.error) == (LinkStatus.DEAD, "DNS lookup failed")
    assert handler.calls == []


# --------------------------------------------------------------------------- limits


def _concurrency_probe(delay: float = 0.02) -> tuple[Handler, dict[str, int]]:
    state = {"now": 0, "max": 0}
    per_host: dict[str, int] = {}
    peak: dict[str, int] = {}

    async def handler(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        state["now"] += 1
        per_host[host] = per_host.get(host, 0) + 1
        state["max"] = max(state["max"], state["now"])
        peak[host] = max(peak.get(host, 0), per_host[host])
        await asyncio.sleep(delay)
        state["now"] -= 1
        per_host[host] -= 1
        return html().response()

    return handler, {"global": state, "peak": peak}  # type: ignore[dict-item]


def test_host_and_global_limits_hold() -> None:
    handler, seen = _concurrency_probe()
    urls = [f"https://h{i % 4}.example/{i}" for i in range(80)]
    results, _ = fetch_all(handler, urls, concurrency=6, host_concurrency=2)
    assert all(r.status is LinkStatus.OK for r in results)
    assert seen["global"]["max"] == 6  # type: ignore[index]
    assert max(seen["peak"].values()) == 2  # type: ignore[attr-defined]


def test_per_host_concurrency_override() -> None:
    handler, seen = _concurrency_probe()
    urls = [f"https://one.example/{i}" for i in range(20)]
    fetch_all(handler, urls, host_concurrency=8, hosts={"one.example": {"host_concurrency": 1}})
    assert seen["peak"]["one.example"] == 1  # type: ignore[index]


def test_host_interval_spaces_request_starts() -> None:
    starts: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        starts.append(time.monotonic())
        return html().response()

    fetch_all(handler, [f"https://paced.example/{i}" for i in range(4)], host_interval=0.1)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= 0.09


def test_a_url_is_asked_for_once_per_run() -> None:
    handler = Counting(html())
    seen: list[str] = []

    def origin(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/a"})
        return handler(request)

    results, _ = fetch_all(
        origin, ["https://example.org/a", "https://example.org/a", "https://example.org/old"]
    )
    assert [r.status for r in results] == [LinkStatus.OK, LinkStatus.OK, LinkStatus.REDIRECTED]
    assert sorted(seen) == ["/a", "/old"]
    assert results[0].fetched_at == results[2].fetched_at  # the same answer, shared


def test_a_prefix_answer_is_fetched_again_for_the_whole_body() -> None:
    handler = Counting(html(body=b"<!doctype html>" + b"z" * (2 * PREFIX_BYTES)))

    async def main() -> tuple[FetchResult, FetchResult]:
        transport = httpx.MockTransport(handler)
        async with Fetcher(
            settings(), transport_factory=lambda h: transport, resolver=public_resolver
        ) as f:
            return await f.fetch("https://example.org/a", want_body=False), await f.fetch(
                "https://example.org/a"
            )

    prefix, whole = asyncio.run(main())
    assert prefix.sha256 is None and whole.sha256 is not None
    assert len(handler.calls) == 2


# --------------------------------------------------------------------------- the asyncio stream
# `wire.AsyncioStream` carries the live path's bytes; here over a socket pair.


async def _stream_pair() -> tuple[Any, socket.socket]:
    """Our stream on one end of a socket pair; the raw other end to play the server."""
    ours, theirs = socket.socketpair()
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.create_connection(StreamProtocol, sock=ours)
    theirs.setblocking(False)
    return AsyncioStream(transport, protocol), theirs


def test_stream_reads_at_most_what_is_asked_and_pauses_a_full_buffer() -> None:
    async def main() -> None:
        stream, server = await _stream_pair()
        data = bytes(range(256)) * 4096  # 1 MiB, four times the stream's high-water mark
        loop = asyncio.get_running_loop()
        sending = loop.create_task(loop.sock_sendall(server, data))
        buffer = stream._protocol.buffer
        for _ in range(500):  # nobody reads yet: wait until the stream passes its mark...
            if len(buffer) > READ_HIGH_WATER:
                break
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)  # ...and see it stop taking data there
        # (one receive of up to 256 KiB may land on top of the mark before reading pauses)
        assert READ_HIGH_WATER < len(buffer) <= 2 * READ_HIGH_WATER
        assert not sending.done()  # the rest waits in the kernel, not in our memory
        got = bytearray()
        while len(got) < len(data):
            chunk = await stream.read(65536, timeout=5)
            assert 0 < len(chunk) <= 65536
            got += chunk
        await sending
        assert bytes(got) == data
        server.close()
        assert await stream.read(100, timeout=5) == b""  # the peer closed: end of stream
        assert stream.is_readable()  # an idle connection like this is dead
        stream.close()

    asyncio.run(main())


def test_stream_read_and_write_errors_are_wire_s() -> None:
    async def main() -> None:
        stream, server = await _stream_pair()
        assert not stream.is_readable()  # idle and healthy
        with pytest.raises(ReadTimeout):
            await stream.read(100, timeout=0.05)
        server.close()
        assert await stream.read(100, timeout=5) == b""
        with pytest.raises(WriteError):
            await stream.write(b"GET / HTTP/1.1\r\n\r\n", timeout=1)
        stream.close()

    asyncio.run(main())


def test_backend_maps_a_refused_connection_to_connect_error() -> None:
    with socket.socket() as s:  # a port that was free a moment ago and has no listener
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    async def main() -> None:
        with pytest.raises(ConnectError) as caught:
            await connect_tcp("127.0.0.1", port, timeout=5)
        assert isinstance(caught.value.__cause__, ConnectionRefusedError)

    asyncio.run(main())


def test_checked_addresses_are_tried_with_families_interleaved() -> None:
    assert wire._interleave(["::1", "::2", "192.0.2.1"]) == ["::1", "192.0.2.1", "::2"]
    assert wire._interleave(["192.0.2.1", "192.0.2.2", "::1"]) == ["192.0.2.1", "::1", "192.0.2.2"]


class _FakeTransport:
    def __init__(self, address: str) -> None:
        self.address = address
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_a_silent_first_address_gives_way_to_the_next_after_the_stagger() -> None:
    """The first address never answers: the second is started after `HAPPY_EYEBALLS_DELAY`,
    wins, and the first attempt is cancelled (no socket to it stays open)."""
    started: dict[str, float] = {}
    cancelled: list[str] = []

    async def main() -> tuple[Any, float]:
        loop = asyncio.get_running_loop()

        async def create_connection(factory: Any, host: str, port: int) -> Any:
            started[host] = loop.time()
            if host == "192.0.2.1":
                try:
                    await asyncio.sleep(60)
                except asyncio.CancelledError:
                    cancelled.append(host)
                    raise
            return _FakeTransport(host), factory()

        loop.create_connection = create_connection  # type: ignore[method-assign]
        t0 = loop.time()
        transport, _ = await wire._first_to_connect(loop, ["192.0.2.1", "192.0.2.2"], 80)
        await asyncio.sleep(0)  # let the cancellation land
        return transport, t0

    transport, t0 = asyncio.run(main())
    assert transport.address == "192.0.2.2"
    assert started["192.0.2.2"] - t0 >= wire.HAPPY_EYEBALLS_DELAY * 0.9
    assert cancelled == ["192.0.2.1"]


def test_when_two_addresses_connect_together_the_loser_is_closed() -> None:
    made: list[_FakeTransport] = []

    async def main() -> Any:
        loop = asyncio.get_running_loop()
        gate = loop.create_future()  # opened by the second attempt: both connect at once

        async def create_connection(factory: Any, host: str, port: int) -> Any:
            if host == "192.0.2.2":
                gate.set_result(None)
            await gate
            made.append(_FakeTransport(host))
            return made[-1], factory()

        loop.create_connection = create_connection  # type: ignore[method-assign]
        transport, _ = await wire._first_to_connect(loop, ["192.0.2.1", "192.0.2.2"], 80)
        return transport

    transport = asyncio.run(main())
    assert sorted(t.address for t in made) == ["192.0.2.1", "192.0.2.2"]
    assert not transport.closed
    assert [t.closed for t in made if t is not transport] == [True]


def test_a_connect_timeout_during_the_race_cancels_every_attempt() -> None:
    cancelled: list[str] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()

        async def create_connection(factory: Any, host: str, port: int) -> Any:
            try:
                await asyncio.sleep(60)
            except asyncio.CancelledError:
                cancelled.append(host)
                raise

        loop.create_connection = create_connection  # type: ignore[method-assign]
        with pytest.raises(wire.ConnectTimeout):
            await connect_tcp("x.invalid", 80, timeout=0.4, addresses=["192.0.2.1", "192.0.2.2"])
        await asyncio.sleep(0)  # let the cancellations land

    asyncio.run(main())
    assert sorted(cancelled) == ["192.0.2.1", "192.0.2.2"]


def test_every_checked_address_refusing_is_one_refused_error_naming_each() -> None:
    ports = []
    for _ in range(2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])

    async def main() -> None:
        with pytest.raises(ConnectError) as caught:
            await connect_tcp("pinned.invalid", ports[0], timeout=5, addresses=["127.0.0.1"] * 2)
        assert isinstance(caught.value.__cause__, ConnectionRefusedError)
        assert str(caught.value).count("127.0.0.1") == 2

    asyncio.run(main())


# --------------------------------------------------------------------------- one HTTP/1.1 connection
# `wire.HTTP11Connection` over a socket pair, the other end playing the server byte by byte.


async def _exchange(answer: bytes, *, close: bool) -> tuple[Any, list[bytes], bool, bytes]:
    """Send one GET; the server reads it and writes `answer` (then closes, if `close`)."""
    stream, server = await _stream_pair()
    connection = HTTP11Connection(stream, keepalive=5.0)
    loop = asyncio.get_running_loop()

    async def serve() -> bytes:
        request = b""
        while b"\r\n\r\n" not in request:
            request += await loop.sock_recv(server, 4096)
        await loop.sock_sendall(server, answer)
        if close:
            server.close()
        return request

    serving = loop.create_task(serve())
    head = await connection.request(
        b"/p?q=1", [(b"Host", b"example.org")], read_timeout=5, write_timeout=5
    )
    body = [chunk async for chunk in connection.body(5)]
    reusable = connection.release()
    request = await serving
    if not close:
        server.close()
    connection.close()
    return head, body, reusable, request


def test_connection_sends_the_target_and_skips_informational_answers() -> None:
    answer = (
        b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhello"
    )
    head, body, reusable, request = asyncio.run(_exchange(answer, close=False))
    assert request.startswith(b"GET /p?q=1 HTTP/1.1\r\n") and b"Host: example.org" in request
    status, reason, raw = head
    assert (status, reason) == (200, b"OK")
    assert Headers.from_raw(raw).get("x-a") == "1, 2"
    assert b"".join(body) == b"hello"
    assert reusable  # read to its end, nobody asked to close: back to the idle list


def test_connection_reads_a_chunked_body_and_a_body_that_ends_with_the_connection() -> None:
    chunked = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
    )
    _, body, reusable, _ = asyncio.run(_exchange(chunked, close=False))
    assert b"".join(body) == b"abcde" and reusable
    until_close = b"HTTP/1.0 200 OK\r\n\r\nall of it"
    _, body, reusable, _ = asyncio.run(_exchange(until_close, close=True))
    assert b"".join(body) == b"all of it"
    assert not reusable  # HTTP/1.0 without keep-alive: the connection is done


def test_connection_says_when_the_server_closed_without_answering() -> None:
    with pytest.raises(RemoteProtocolError, match="disconnected without sending a response"):
        asyncio.run(_exchange(b"", close=True))
    with pytest.raises(RemoteProtocolError):
        asyncio.run(_exchange(b"NOT HTTP AT ALL\r\n\r\n", close=True))


def test_a_name_for_the_metadata_address_is_refused_with_allow_private_and_the_system_resolver(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The default resolver path (no resolver injected): a name, not an IP literal, resolving to
    # the metadata address, as `metadata.google.internal` does on Google Cloud.
    import claimcheck.fetch

    async def system(host: str) -> list[str]:
        return {"metadata.internal.example": ["169.254.169.254"]}.get(host, [PUBLIC])

    monkeypatch.setattr(claimcheck.fetch, "system_resolver", system)
    handler = Counting(html())

    async def main() -> FetchResult:
        transport = httpx.MockTransport(handler)
        async with Fetcher(
            settings(allow_private=True), transport_factory=lambda host: transport
        ) as fetcher:
            return await fetcher.fetch("http://metadata.internal.example/computeMetadata/v1/")

    result = asyncio.run(main())
    assert result.status is LinkStatus.EXCLUDED
    assert "cloud metadata address 169.254.169.254" in (result.detail or "")
    assert handler.calls == []


def test_a_burst_of_429s_slows_a_host_once_and_answers_relax_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every URL is refused once, then served, at any pace. The host's interval doubles on a
    # 429 to a request sent at its present pace, but never past SLOWDOWN_MAX, and each answer
    # halves it again. (It used to double on every 429 up to max_retry_wait, here 30 s, and
    # stay there: minutes between any two requests.)
    monkeypatch.setattr(fetch_module, "SLOWDOWN_INTERVAL", 0.02)
    monkeypatch.setattr(fetch_module, "SLOWDOWN_MAX", 0.1)
    seen: set[str] = set()

    def handler(request: httpx.Request) -> httpx.Response:
        first = str(request.url) not in seen
        seen.add(str(request.url))
        return html(429).response() if first else html().response()

    urls = [f"https://busy.example/{i}" for i in range(12)]
    started = time.monotonic()
    results, hints = fetch_all(handler, urls, retries=2, max_retry_wait=30, host_concurrency=8)
    assert [r.status for r in results] == [LinkStatus.OK] * 12
    assert time.monotonic() - started < 4  # 24 requests at most 0.1 s apart
    assert hints and hints[0].startswith("busy.example answered 429 12 times")


def test_a_retry_after_date_in_the_past_still_backs_off() -> None:
    past = "Wed, 21 Oct 2015 07:28:00 GMT"
    handler = Counting(html(503, retry_after=past), html())
    stamps: list[float] = []

    def timed(request: httpx.Request) -> httpx.Response:
        stamps.append(time.monotonic())
        return handler(request)

    result = fetch_one(timed, retries=2)
    assert result.status is LinkStatus.OK
    assert len(stamps) == 2 and stamps[1] - stamps[0] >= 0.004  # backoff_base 0.01, jitter ≤ 50%


def test_a_429_is_reported_after_the_attempts_actually_made() -> None:
    once = fetch_one(Counting(html(429, retry_after="3600")), retries=3, max_retry_wait=5)
    assert once.detail == "rate limited (429) after 1 attempt"
    thrice = fetch_one(Counting(html(429)), retries=2, max_retry_wait=1)
    assert thrice.detail == "rate limited (429) after 3 attempts"


@pytest.mark.parametrize("status", [403, 429])
def test_a_probe_is_sent_once_and_leaves_no_hint(status: int) -> None:
    handler = Counting(html(status, retry_after="1"))

    async def main() -> tuple[FetchResult, list[str]]:
        transport = httpx.MockTransport(handler)
        async with Fetcher(
            settings(retries=3),
            transport_factory=lambda host: transport,
            resolver=public_resolver,
            backoff_base=0.01,
        ) as fetcher:
            result = await fetcher.fetch("https://example.org/0123abcd", probe=True)
            return result, fetcher.hints()

    result, hints = asyncio.run(main())
    assert result.http_status == status
    assert len(handler.calls) == 1
    assert hints == []


def test_relaxing_a_slowdown_never_goes_below_the_configured_interval() -> None:
    host = fetch_module._Host(
        name="h", semaphore=asyncio.Semaphore(1), interval=5.0, timeout=1.0, user_agent="u",
        insecure=False, configured=5.0,
    )  # fmt: skip
    host.relax()
    assert host.interval == 5.0  # never slowed: nothing to undo
    host.pause(0.0, cap=60.0, pace=host.pace)
    assert host.interval == fetch_module.SLOWDOWN_MAX
    for _ in range(5):
        host.relax()
    assert host.interval == 5.0


def test_a_slowdown_never_makes_a_slow_host_faster() -> None:
    host = fetch_module._Host(
        name="h", semaphore=asyncio.Semaphore(1), interval=20.0, timeout=1.0, user_agent="u",
        insecure=False, configured=20.0,
    )  # fmt: skip
    host.pause(0.0, cap=60.0, pace=host.pace)
    assert host.interval == 20.0


def test_sizes_in_messages_are_rounded_and_the_cap_is_given_exactly() -> None:
    from claimcheck.fetch import _cap, _size

    assert _size(8027) == "7.8 KB"
    assert _size(25 * 1024 * 1024) == "25 MB"
    assert _size(900) == "900 bytes"
    assert _cap(3000) == "2.9 KB (3,000 bytes)"


# --------------------------------------------------------------------------- challenges on 5xx, hints by cause

CF_CHALLENGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script>"
    b"window._cf_chl_opt={cvId:'3'};</script></body></html>"
)


def test_a_challenge_page_on_503_is_blocked_and_not_retried() -> None:
    handler = Counting(html(503, CF_CHALLENGE, server="cloudflare", cf_ray="8abc-LHR"))
    result = fetch_one(handler, retries=2)
    assert result.status is LinkStatus.BLOCKED
    assert result.detail == "bot challenge (cloudflare challenge page, HTTP 503)"
    assert result.body == CF_CHALLENGE  # for the classifier
    assert len(handler.calls) == 1


def test_a_plain_503_behind_cloudflare_is_an_error_retried() -> None:
    handler = Counting(html(503, b"<p>Service Unavailable</p>", server="cloudflare"))
    result = fetch_one(handler, retries=1)
    assert result.status is LinkStatus.ERROR and result.body is None
    assert len(handler.calls) == 2


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (451, "legal.example withheld pages for legal reasons (HTTP 451, twice)"),
        (401, "legal.example asked for a sign-in or subscription (HTTP 401, twice)"),
    ],
)
def test_hints_for_legal_blocks_and_sign_ins_give_no_user_agent_advice(
    status: int, expected: str
) -> None:
    _, hints = fetch_all(
        Counting(html(status)), ["https://legal.example/a", "https://legal.example/b"]
    )
    assert len(hints) == 1
    assert hints[0].startswith(expected)
    assert "user_agent" not in hints[0]
