"""The one fetcher every command uses (SPEC §7, issue 3).

`Fetcher.fetch(url)` turns a cited URL into a `FetchResult` and never raises for a network
problem: DNS failures, refused connections, timeouts, TLS and protocol errors, bodies over the cap
and refused addresses all become a `LinkStatus` with an `error` and a `detail`.

How a fetch goes:

1. `--exclude` and `--remap` (`claimcheck.remap`); a non-HTTP(S) URL is `error: unsupported`.
2. `--replay`: every hop is answered from the WARC (`claimcheck.warc`), no socket is opened.
3. The cache (`claimcheck.cache`): a fresh entry answers without a request; a stale one turns the
   request for the URL that served its body into a conditional one (`304` reuses the body).
4. Each redirect hop: the host is resolved and checked (`claimcheck.safety`) before any
   connection; then one GET, retried with exponential backoff and jitter on 5xx, 408, 429,
   timeouts and resets (not on DNS failures or refused connections), honouring `Retry-After`
   and `RateLimit-*` / `X-RateLimit-*` up to `max_retry_wait`.
5. Redirects are followed by hand (at most `max_redirects`), each hop kept as a `Redirect`.
   `redirected` means the chain holds a permanent hop (301/308); `final_url` is then the target
   of the last permanent hop, the URL the article should cite instead.

Politeness and speed: a global semaphore (`concurrency`), a semaphore per host
(`host_concurrency`), and a minimum interval between request starts to one host
(`host_interval`), each overridable per host. A host that answers 429 or sends `Retry-After` is
paused and then slowed for the rest of the run; `hints()` says what to put in `claims.toml`.

Each host has its own session (`_CoreSession`): requests are sent with httpcore's HTTP/1.1
connection class directly, on keep-alive connections the session keeps, over a small asyncio
network backend (`_AsyncioBackend`). One shared `httpx.AsyncClient` with a 128-connection pool
made 1,000 loopback URLs CPU-bound in httpcore's pool scan (8.1 s, SPEC §7); one client per
host still cost ~1 ms of CPU per request in httpx, the pool and anyio (`bench/links`). The
session carries the host's User-Agent, timeouts and TLS setting, and keeps its cookies. httpx
still sends when a test injects a transport (`transport_factory`) or the environment names a
proxy (`_HttpxSession`).

Bodies are streamed raw and decompressed here, in bounded steps, so the `max_bytes` cap holds
both on the wire and after decompression: a gzip or brotli bomb stops at the cap, having cost
`max_bytes` of memory at most.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import email.utils
import hashlib
import logging
import math
import random
import socket
import ssl
import time
import urllib.request
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any, Protocol, cast

import brotli
import httpcore
import httpx

from claimcheck.cache import Cache, CacheEntry, as_cached
from claimcheck.model import FetchResult, LinkStatus, Redirect
from claimcheck.remap import Remapper
from claimcheck.safety import ResolveError, Resolver, is_ip, refusal, system_resolver
from claimcheck.settings import Settings
from claimcheck.warc import ArchivedAnswer, ArchivedFailure, WarcRecorder, WarcReplayer

logger = logging.getLogger(__name__)

TransportFactory = Callable[[str], httpx.AsyncBaseTransport]

#: `want_body=False` still reads this much of a 2xx body: enough for the `<title>` and first
#: paragraphs that soft-404 detection looks at, small enough that a link check of a 20 MB PDF
#: costs one read of 64 KiB.
PREFIX_BYTES = 64 * 1024
#: Error pages and redirects are read up to this size and then dropped, so that the connection
#: can be reused (closing a half-read response closes its connection); a longer one is cut off.
DRAIN_BYTES = 16 * 1024
#: First retry waits about this long; each further one doubles it (then jitter takes 0-50% off).
#: 0.5 s clears a momentary overload without making a run with many flaky hosts crawl.
BACKOFF_BASE = 0.5
#: After a 429 a host's interval between request starts becomes at least this, then doubles on
#: each further 429, up to `max_retry_wait`.
SLOWDOWN_INTERVAL = 1.0

#: Bodies kept for URLs asked for twice in one run (see `Fetcher._hop`) stop being kept past this;
#: 256 MB is ten 25 MB PDFs, far more than the reference article's sources take together.
MEMO_BYTES = 256 * 1024 * 1024

ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
ACCEPT_ENCODING = "gzip, deflate, br"

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
PERMANENT_CODES = frozenset({301, 308})
DEAD_CODES = frozenset({404, 410})
BLOCKED_CODES = frozenset({401, 403, 429, 451, 999})
#: 501 (Not Implemented) and 505 (HTTP Version Not Supported) will not change on a retry.
RETRY_CODES = frozenset({408, 429} | {c for c in range(500, 600) if c not in (501, 505)})
GENERIC_TYPES = frozenset(
    {
        "application/octet-stream",
        "binary/octet-stream",
        "application/x-download",
        "application/download",
    }
)


# --------------------------------------------------------------------------- internal outcomes


@dataclass
class _Answer:
    """One HTTP response with its body read (decoded, capped)."""

    url: str
    status_code: int
    headers: httpx.Headers
    body: bytes
    complete: bool  # the whole body was read (False: a prefix, or nothing for an error page)
    date: dt.datetime
    via: str = "live"


@dataclass
class _Failure:
    """An attempt that produced no usable HTTP response."""

    url: str
    status: LinkStatus
    error: str | None
    detail: str
    date: dt.datetime
    retry: bool = False
    http_status: int | None = None


_Refusal = tuple[LinkStatus, str | None, str]


class _BodyError(Exception):
    """A body that cannot be taken; `error` is the `FetchResult.error` it becomes."""

    error = "body error"


class _TooLargeError(_BodyError):
    error = "too large"


class _UnsupportedEncodingError(_BodyError):
    error = "unsupported"


# --------------------------------------------------------------------------- per-host state


@dataclass
class _Host:
    """Limits, pacing and counters for one host name."""

    name: str
    semaphore: asyncio.Semaphore
    interval: float
    timeout: float
    user_agent: str
    insecure: bool
    session: _Session | None = None
    next_start: float = 0.0  # monotonic time before which no request may start
    rate_limited: int = 0  # 429 answers
    waits: list[float] = field(default_factory=list)  # waits the server asked for
    blocked: Counter[str] = field(default_factory=Counter)  # blocked outcomes by reason

    def reserve(self) -> float:
        """Claim the next start slot; the seconds to wait before starting."""
        now = time.monotonic()
        start = max(now, self.next_start)
        self.next_start = start + self.interval
        return start - now

    def pause(self, seconds: float, cap: float) -> None:
        """No new request to this host for `seconds` (capped), and slower from then on."""
        seconds = min(seconds, cap)
        self.next_start = max(self.next_start, time.monotonic() + seconds)
        self.interval = min(max(self.interval * 2, SLOWDOWN_INTERVAL), cap)


# --------------------------------------------------------------------------- sessions

_TIMEOUT_WHAT: dict[type[Exception], str] = {
    httpx.ConnectTimeout: "connecting",
    httpx.ReadTimeout: "waiting for data",
    httpx.WriteTimeout: "sending the request",
    httpcore.ConnectTimeout: "connecting",
    httpcore.ReadTimeout: "waiting for data",
    httpcore.WriteTimeout: "sending the request",
}


@dataclass
class _Reply:
    """A response whose head has arrived; the body is still to be read from `chunks`."""

    status_code: int
    reason: str
    headers: httpx.Headers
    request_headers: list[tuple[str, str]]  # what was sent, for the WARC request record
    chunks: AsyncIterator[bytes]  # the body as sent (not yet decompressed)
    decoded: bytes | None  # a body already read and decoded (an `httpx.MockTransport` reply)
    close: Callable[[], Awaitable[None]]


class _Session(Protocol):
    """How one host's GETs reach the network: `open()` sends one, `aclose()` ends them all."""

    async def open(self, url: httpx.URL, extra: dict[str, str]) -> _Reply: ...

    async def aclose(self) -> None: ...


class _HttpxSession:
    """One `httpx.AsyncClient` for one host.

    Used when a test injects a transport (`transport_factory`) and when a proxy is configured in
    the environment (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`), which httpx honours and
    `_CoreSession` does not.
    """

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def open(self, url: httpx.URL, extra: dict[str, str]) -> _Reply:
        request = self.client.build_request("GET", url, headers=extra)
        response = await self.client.send(request, stream=True)
        consumed = response.is_stream_consumed
        return _Reply(
            status_code=response.status_code,
            reason=response.reason_phrase,
            headers=response.headers,
            request_headers=list(request.headers.multi_items()),
            chunks=_no_chunks() if consumed else response.aiter_raw(),
            decoded=response.content if consumed else None,
            close=response.aclose,
        )

    async def aclose(self) -> None:
        await self.client.aclose()


async def _no_chunks() -> AsyncIterator[bytes]:
    return
    yield  # an async generator that yields nothing


_DEFAULT_PORTS = {b"http": 80, b"https": 443}

#: An idle keep-alive connection is closed after this long (httpx's default, kept).
KEEPALIVE_SECONDS = 5.0


class _CoreSession:
    """One host's GETs sent with httpcore directly, on keep-alive connections kept here.

    httpx's `AsyncClient` and httpcore's `AsyncConnectionPool` cost about 1 ms of CPU per request
    on the benchmark (`bench/links`), most of it the pool's re-scan of every connection (a
    `poll()` per connection through anyio) each time a request starts or ends. The host's
    semaphore already bounds how many requests are in flight, so the pool needs no queue: an
    idle list per origin, taken from the end (the warmest connection first) and checked once.

    HTTP/1.1 is httpcore's `AsyncHTTP11Connection` (h11 underneath); a connection is opened the
    way httpcore's `AsyncHTTPConnection` opens one (TCP, then TLS offering only `http/1.1`), on
    `_AsyncioBackend`. The headers are the ones `httpx.AsyncClient` sent, in its order, and
    cookies are kept per host the way one client per host kept them.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        ssl_context: Callable[[], ssl.SSLContext],
        timeouts: dict[str, float | None],
        backend: httpcore.AsyncNetworkBackend,
    ) -> None:
        self._ssl_context = ssl_context  # made on the first https connection: ~16 ms
        self._connect_timeout = timeouts["connect"]
        self._extensions: dict[str, Any] = {"timeout": timeouts}
        self._backend = backend
        self._idle: dict[tuple[bytes, bytes, int], list[httpcore.AsyncHTTP11Connection]] = {}
        self._cookies = httpx.Cookies()
        # Encoded once: every request of the host sends these after its `Host`.
        self._headers = [
            (b"Connection", b"keep-alive"),
            (b"Accept", ACCEPT.encode()),
            (b"Accept-Encoding", ACCEPT_ENCODING.encode()),
            (b"User-Agent", user_agent.encode("latin-1")),
        ]

    async def open(self, url: httpx.URL, extra: dict[str, str]) -> _Reply:
        scheme, host = url.raw_scheme, url.raw_host
        port = url.port or _DEFAULT_PORTS[scheme]
        sent = [(b"Host", url.netloc), *self._headers]
        for name, value in extra.items():
            sent.append((name.encode("latin-1"), value.encode("latin-1")))
        if url.userinfo:
            # httpx turned `user:pass@` into Basic auth; so do we.
            sent.append((b"Authorization", b"Basic " + base64.b64encode(url.userinfo)))
        if self._cookies.jar:
            cookie = self._cookie_header(url)
            if cookie:
                sent.append((b"Cookie", cookie.encode("latin-1")))
        request = httpcore.Request(
            b"GET",
            httpcore.URL(scheme=scheme, host=host, port=port, target=url.raw_path),
            headers=sent,
            extensions=self._extensions,
        )
        key = (scheme, host, port)
        connection = await self._checkout(key)
        try:
            response = await connection.handle_async_request(request)
        except BaseException:
            await connection.aclose()
            raise
        headers = httpx.Headers(response.headers)
        if "set-cookie" in headers:
            self._cookies.extract_cookies(
                httpx.Response(response.status, headers=headers, request=httpx.Request("GET", url))
            )

        async def close() -> None:
            try:
                await response.aclose()
            finally:
                self._checkin(key, connection)

        reason = response.extensions.get("reason_phrase", b"")
        return _Reply(
            status_code=response.status,
            reason=reason.decode("ascii", "ignore") if isinstance(reason, bytes) else "",
            headers=headers,
            request_headers=[(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in sent],
            chunks=response.aiter_stream(),
            decoded=None,
            close=close,
        )

    def _cookie_header(self, url: httpx.URL) -> str | None:
        request = httpx.Request("GET", url)
        self._cookies.set_cookie_header(request)
        cookie: str | None = request.headers.get("cookie")
        return cookie

    async def _checkout(self, key: tuple[bytes, bytes, int]) -> httpcore.AsyncHTTP11Connection:
        idle = self._idle.get(key)
        while idle:
            connection = idle.pop()
            # `has_expired`: past the keep-alive time, or the server has closed it meanwhile.
            if connection.is_available() and not connection.has_expired():
                return connection
            await connection.aclose()
        scheme, host, port = key
        stream = await self._backend.connect_tcp(
            host.decode("ascii"), port, timeout=self._connect_timeout
        )
        if scheme == b"https":
            try:
                stream = await stream.start_tls(
                    self._ssl_context(),
                    server_hostname=host.decode("ascii"),
                    timeout=self._connect_timeout,
                )
            except BaseException:
                await stream.aclose()
                raise
        return httpcore.AsyncHTTP11Connection(
            httpcore.Origin(scheme, host, port), stream, keepalive_expiry=KEEPALIVE_SECONDS
        )

    def _checkin(
        self, key: tuple[bytes, bytes, int], connection: httpcore.AsyncHTTP11Connection
    ) -> None:
        # A response read to its end leaves the connection idle and reusable; one cut short
        # (a prefix, a drained error page, a timeout) has been closed by httpcore already.
        if connection.is_available():
            self._idle.setdefault(key, []).append(connection)

    async def aclose(self) -> None:
        idle = [c for conns in self._idle.values() for c in conns]
        self._idle.clear()
        for connection in idle:
            await connection.aclose()


# --------------------------------------------------------------------------- network backend

#: `_AsyncioStream` stops reading from the socket while this much is buffered and unread, and
#: resumes below a quarter of it: bounded memory for a body that arrives faster than we read.
READ_HIGH_WATER = 256 * 1024
#: Try the next address of a name this long after the previous one if it has not connected
#: yet (RFC 8305's recommended 250 ms; anyio, which httpcore used before, does the same).
HAPPY_EYEBALLS_DELAY = 0.25


class _StreamProtocol(asyncio.Protocol):
    """Buffers what arrives on one connection until `_AsyncioStream.read` takes it."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False
        self.error: BaseException | None = None
        self.reading_paused = False
        self.writing_paused = False
        self.waiter: asyncio.Future[None] | None = None  # a `read` waiting for data
        self.drain: asyncio.Future[None] | None = None  # a `write` waiting for room

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport; not always an `asyncio.Transport` subclass (uvloop's are not).
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > READ_HIGH_WATER and not self.reading_paused:
            assert self.transport is not None
            self.transport.pause_reading()
            self.reading_paused = True
        self._wake()

    def eof_received(self) -> bool | None:
        self.eof = True
        self._wake()
        return None  # let the transport close itself

    def connection_lost(self, exc: Exception | None) -> None:
        self.eof = True
        self.error = exc
        self._wake()
        self._release_writer()

    def pause_writing(self) -> None:
        self.writing_paused = True

    def resume_writing(self) -> None:
        self.writing_paused = False
        self._release_writer()

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    def _release_writer(self) -> None:
        if self.drain is not None and not self.drain.done():
            self.drain.set_result(None)


async def _wait(
    future: asyncio.Future[None],
    timeout: float | None,
    error: type[httpcore.TimeoutException],
    what: str,
) -> None:
    """Wait for `future`; past `timeout` raise httpcore's `error` ("<what> within N s")."""
    try:
        async with asyncio.timeout(timeout):
            await future
    except TimeoutError:
        raise error(f"{what} within {timeout:g} s") from None


class _AsyncioStream(httpcore.AsyncNetworkStream):
    """httpcore's byte stream on an asyncio transport, with httpcore's exceptions.

    httpcore runs on anyio under asyncio; anyio's cancel scope, exception mapping and
    checkpoint on every read and write, and its socket-attribute lookup behind the pool's
    `is_readable` check, were a third of the CPU per request in `bench/links`. Here a read
    returns buffered bytes at once or waits on one future; a write goes straight to the
    transport and waits only when its buffer is full; `is_readable` is answered from state.
    """

    def __init__(self, transport: asyncio.Transport, protocol: _StreamProtocol) -> None:
        self._transport = transport
        self._protocol = protocol

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        p = self._protocol
        if not p.buffer and not p.eof:
            p.waiter = asyncio.get_running_loop().create_future()
            try:
                await _wait(p.waiter, timeout, httpcore.ReadTimeout, "no data")
            finally:
                p.waiter = None
        if p.buffer:
            if len(p.buffer) <= max_bytes:
                data = bytes(p.buffer)
                p.buffer.clear()
            else:
                data = bytes(p.buffer[:max_bytes])
                del p.buffer[:max_bytes]
            if p.reading_paused and len(p.buffer) < READ_HIGH_WATER // 4:
                p.reading_paused = False
                self._transport.resume_reading()
            return data
        if p.error is not None:
            raise httpcore.ReadError(str(p.error) or type(p.error).__name__) from p.error
        return b""

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        p = self._protocol
        if p.eof or self._transport.is_closing():
            raise httpcore.WriteError("the connection is closed")
        self._transport.write(buffer)
        if not p.writing_paused:
            return
        p.drain = asyncio.get_running_loop().create_future()
        try:
            await _wait(p.drain, timeout, httpcore.WriteTimeout, "could not send")
        finally:
            p.drain = None
        if p.error is not None:
            raise httpcore.WriteError(str(p.error)) from p.error

    async def aclose(self) -> None:
        # Synchronous on purpose: a cancelled request must not leave the socket open.
        if self._transport.get_extra_info("ssl_object") is not None:
            # No TLS close_notify, as httpcore on anyio did (`standard_compatible=False`):
            # asyncio's graceful TLS shutdown waits for the peer and can outlive the event loop,
            # leaving the socket open when a run ends.
            self._transport.abort()
        else:
            self._transport.close()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                transport = await loop.start_tls(
                    self._transport, self._protocol, ssl_context, server_hostname=server_hostname
                )
        except TimeoutError:
            self._transport.abort()
            raise httpcore.ConnectTimeout(f"TLS handshake not done within {timeout:g} s") from None
        except (ssl.SSLError, OSError) as exc:
            self._transport.abort()
            raise httpcore.ConnectError(str(exc)) from exc
        assert transport is not None  # None only for a server-side or closed transport
        self._protocol.transport = transport
        return _AsyncioStream(transport, self._protocol)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            # Idle keep-alive connection: data or an EOF now means the server is done with it.
            return bool(self._protocol.buffer) or self._protocol.eof
        names = {"ssl_object": "ssl_object", "client_addr": "sockname", "server_addr": "peername"}
        if info in names:
            return self._transport.get_extra_info(names[info])
        if info == "socket":
            return self._transport.get_extra_info("socket")
        return None


class _AsyncioBackend(httpcore.AsyncNetworkBackend):
    """Opens `_AsyncioStream`s with `loop.create_connection` (DNS in the loop's executor)."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        kwargs: dict[str, Any] = {}
        if local_address:
            kwargs["local_addr"] = (local_address, 0)
        if isinstance(loop, asyncio.BaseEventLoop) and not is_ip(host):
            # A name may have several addresses; an IP literal has one, and racing it would only
            # cost a task per connection. (Not every loop takes the argument: uvloop does not.)
            kwargs["happy_eyeballs_delay"] = HAPPY_EYEBALLS_DELAY
        try:
            async with asyncio.timeout(timeout):
                transport, protocol = await loop.create_connection(
                    _StreamProtocol, host, port, **kwargs
                )
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"not connected within {timeout:g} s") from None
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        sock = transport.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return _AsyncioStream(transport, protocol)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


def _proxy_configured() -> bool:
    """Whether the environment names a proxy that httpx would use (then httpx sends)."""
    proxies = urllib.request.getproxies()
    return any(proxies.get(k) for k in ("http", "https", "all"))


# --------------------------------------------------------------------------- the fetcher


class Fetcher:
    """Fetches cited URLs politely; see the module docstring for the whole story.

    Use as an async context manager; `fetch()` may be called concurrently (e.g. in
    `asyncio.gather`). `transport_factory(host)` replaces the network for one host (unit tests
    pass an `httpx.MockTransport`); `resolver(host)` replaces DNS for the address check.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        transport_factory: TransportFactory | None = None,
        resolver: Resolver | None = None,
        backoff_base: float = BACKOFF_BASE,
    ) -> None:
        self.settings = settings
        self._transport_factory = transport_factory
        self._resolver = resolver or system_resolver
        self._backoff_base = backoff_base
        self._remapper = Remapper(settings.remap, settings.exclude)
        self._hosts: dict[str, _Host] = {}
        self._global = asyncio.Semaphore(settings.concurrency)
        self._checked: dict[str, asyncio.Future[_Refusal | None]] = {}
        self._replayer: WarcReplayer | None = None
        self._recorder: WarcRecorder | None = None
        self._cache: Cache | None = None
        self._ssl: dict[bool, ssl.SSLContext] = {}
        self._memo: dict[str, asyncio.Future[_Answer | _Failure]] = {}
        self._memo_bytes = 0
        # httpx sends when a test injects transports or the environment names a proxy;
        # otherwise httpcore directly (`_CoreSession`), the fast path.
        self._use_httpx = transport_factory is not None or _proxy_configured()
        self._backend = _AsyncioBackend()

    async def __aenter__(self) -> Fetcher:
        if self.settings.replay is not None:
            self._replayer = WarcReplayer.load(self.settings.replay)
        if self.settings.record is not None:
            self._recorder = WarcRecorder(self.settings.record)
            self._recorder.open()
        if not self.settings.no_cache and self._replayer is None:
            self._cache = Cache(self.settings.cache_dir)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        sessions = [h.session for h in self._hosts.values() if h.session is not None]
        await asyncio.gather(*(c.aclose() for c in sessions), return_exceptions=True)
        if self._recorder is not None:
            # Every record is complete when written, so even an interrupted run's archive is valid.
            self._recorder.close()

    # ------------------------------------------------------------------ public

    async def fetch(self, url: str, *, want_body: bool = True) -> FetchResult:
        """Fetch `url` and say how it went; never raises for network problems."""
        started = time.monotonic()
        result = await self._fetch(url, want_body)
        return replace(result, elapsed=round(time.monotonic() - started, 6))

    def hints(self) -> list[str]:
        """End-of-run advice for each host that rate-limited or blocked us."""
        out: list[str] = []
        for host in sorted(self._hosts.values(), key=lambda h: h.name):
            table = f'[settings.hosts."{host.name}"]'
            if host.rate_limited:
                suggest = max([host.interval, SLOWDOWN_INTERVAL, *host.waits])
                out.append(
                    f"{host.name} answered 429 {_times(host.rate_limited)}: "
                    f"set {table} host_interval = {_round_up(suggest)}"
                )
            blocked = sum(host.blocked.values())
            if blocked:
                reasons = ", ".join(sorted(host.blocked))
                out.append(
                    f"{host.name} refused us {_times(blocked)} ({reasons}): it may turn away "
                    f'automated clients; try {table} user_agent = "..." or check these links by hand'
                )
        return out

    # ------------------------------------------------------------------ one URL

    async def _fetch(self, url: str, want_body: bool) -> FetchResult:
        excluded_by = self._remapper.excluded_by(url)
        if excluded_by is not None:
            return _plain(url, url, LinkStatus.EXCLUDED, None, f"matches --exclude {excluded_by!r}")
        request_url = self._remapper.remap(url)
        if request_url != url:
            excluded_by = self._remapper.excluded_by(request_url)
            if excluded_by is not None:
                detail = f"remapped to {request_url}, which matches --exclude {excluded_by!r}"
                return _plain(url, request_url, LinkStatus.EXCLUDED, None, detail)
        try:
            parsed = httpx.URL(request_url)
        except httpx.InvalidURL as exc:
            return _plain(url, request_url, LinkStatus.ERROR, "invalid URL", str(exc))
        if parsed.scheme not in ("http", "https") or not parsed.host:
            detail = f"only http and https URLs can be fetched, not {request_url!r}"
            return _plain(url, request_url, LinkStatus.ERROR, "unsupported", detail)
        request_url = str(parsed.copy_with(fragment=None))

        entry: CacheEntry | None = None
        if self._cache is not None and self._recorder is None:
            # Recording bypasses cached answers, so the archive holds every exchange of the run.
            if await self._check_address(parsed.host) is None:
                entry = await asyncio.to_thread(self._cache.load, request_url)
            if entry is not None and entry.age() < self.settings.max_cache_age:
                age = _duration(entry.age())
                return as_cached(entry, url, detail=f"from the cache ({age} old)")

        return await self._follow(url, request_url, parsed, want_body, entry)

    async def _follow(
        self,
        url: str,
        request_url: str,
        parsed: httpx.URL,
        want_body: bool,
        entry: CacheEntry | None,
    ) -> FetchResult:
        """Follow the redirect chain from `request_url` (`parsed`) to an answer."""
        redirects: list[Redirect] = []
        seen = {request_url}
        current = request_url
        while True:
            conditional = (
                entry.validators() if entry is not None and current == entry.body_url else {}
            )
            outcome = await self._hop(current, parsed, want_body, conditional)
            if isinstance(outcome, _Failure):
                return self._failure_result(url, request_url, outcome, redirects)
            code = outcome.status_code
            if code == 304 and conditional and entry is not None:
                if self._cache is not None:
                    await asyncio.to_thread(self._cache.refresh, entry)
                return as_cached(entry, url, detail="from the cache, revalidated (304)")
            location = outcome.headers.get("location")
            if code not in REDIRECT_CODES or location is None:
                result = self._answer_result(url, request_url, outcome, redirects)
                if self._cache is not None and outcome.via == "live":
                    await asyncio.to_thread(self._cache.store, result, body_url=outcome.url)
                return result
            redirects.append(Redirect(current, code))
            try:
                target = parsed.join(location.strip()).copy_with(fragment=None)
            except httpx.InvalidURL as exc:
                failure = _Failure(
                    current, LinkStatus.ERROR, "bad redirect", str(exc), outcome.date
                )
                return self._failure_result(url, request_url, failure, redirects)
            nxt = str(target)
            if target.scheme not in ("http", "https"):
                detail = f"redirect to a URL that is not http(s): {nxt}"
                failure = _Failure(current, LinkStatus.ERROR, "unsupported", detail, outcome.date)
                return self._failure_result(url, request_url, failure, redirects)
            if nxt in seen:
                detail = f"{current} redirects back to {nxt}"
                failure = _Failure(current, LinkStatus.ERROR, "redirect loop", detail, outcome.date)
                return self._failure_result(url, request_url, failure, redirects)
            if len(redirects) >= self.settings.max_redirects:
                detail = f"more than {self.settings.max_redirects} redirects"
                failure = _Failure(
                    current, LinkStatus.ERROR, "too many redirects", detail, outcome.date
                )
                return self._failure_result(url, request_url, failure, redirects)
            seen.add(nxt)
            current, parsed = nxt, target

    # ------------------------------------------------------------------ one hop

    async def _hop(
        self, url: str, parsed: httpx.URL, want_body: bool, conditional: dict[str, str]
    ) -> _Answer | _Failure:
        """One URL of the chain, asked for at most once per run.

        A URL reached twice in one run (cited twice after `--remap`, cited and also a redirect
        target, or the target of two redirects) is fetched once and the answer shared: kinder to
        the server, and a `--replay` of the run then gives the very same results, `fetched_at`
        included. Only a prefix answer is fetched again when a whole body is wanted.
        """
        if self._replayer is not None:
            return self._replay(url, want_body)
        if conditional:
            return await self._hop_live(url, parsed, want_body, conditional)
        shared = self._memo.get(url)
        if shared is not None:
            outcome = await asyncio.shield(shared)
            if not (want_body and isinstance(outcome, _Answer) and not outcome.complete):
                return outcome
        future: asyncio.Future[_Answer | _Failure] = asyncio.get_running_loop().create_future()
        self._memo[url] = future
        try:
            outcome = await self._hop_live(url, parsed, want_body, conditional)
        except BaseException as exc:
            del self._memo[url]
            future.set_exception(exc)
            future.exception()  # retrieved: the waiters see it, nobody else must log it
            raise
        if isinstance(outcome, _Answer):
            self._memo_bytes += len(outcome.body)
            if self._memo_bytes > MEMO_BYTES:
                # Past the budget, keep the outcome (status, headers) but not the body twice.
                del self._memo[url]
        future.set_result(outcome)
        return outcome

    async def _hop_live(
        self, url: str, parsed: httpx.URL, want_body: bool, conditional: dict[str, str]
    ) -> _Answer | _Failure:
        """Safety check, then GET with retries."""
        host = self._host(parsed.host)
        refused = await self._check_address(parsed.host)
        if refused is not None:
            failure = _Failure(url, refused[0], refused[1], refused[2], _now())
            self._record_failure(failure)
            return failure

        retries = self.settings.retries
        outcome: _Answer | _Failure
        for attempt in range(retries + 1):
            outcome = await self._attempt(host, url, parsed, conditional, want_body)
            wait: float | None = None
            if isinstance(outcome, _Answer):
                wait = self._rate_limits(host, outcome)
                if outcome.status_code not in RETRY_CODES:
                    return outcome
            elif not outcome.retry:
                return outcome
            if attempt == retries:
                break
            if wait is not None and wait > self.settings.max_retry_wait:
                logger.info("%s asks us to wait %.0f s: more than --max-retry-wait", url, wait)
                break
            delay = wait if wait is not None else self._backoff(attempt)
            logger.debug("retrying %s in %.2f s (attempt %d)", url, delay, attempt + 2)
            await asyncio.sleep(delay)
        return outcome

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter: base * 2^attempt, minus up to half of it."""
        delay: float = min(self._backoff_base * 2.0**attempt, self.settings.max_retry_wait)
        return delay * (1 - random.random() / 2)  # noqa: S311 - jitter, not cryptography

    async def _attempt(
        self,
        host: _Host,
        url: str,
        parsed: httpx.URL,
        conditional: dict[str, str],
        want_body: bool,
    ) -> _Answer | _Failure:
        """One GET under the host's and the global limits."""
        session = self._session(host)
        async with host.semaphore:
            delay = host.reserve()
            if delay > 0:
                await asyncio.sleep(delay)
            async with self._global:
                outcome = await self._send(session, host, url, parsed, conditional, want_body)
        return outcome

    async def _send(
        self,
        session: _Session,
        host: _Host,
        url: str,
        parsed: httpx.URL,
        conditional: dict[str, str],
        want_body: bool,
    ) -> _Answer | _Failure:
        raw: list[bytes] | None = [] if self._recorder is not None else None
        try:
            async with asyncio.timeout(host.timeout):
                reply = await session.open(parsed, conditional)
                try:
                    body, complete = await _read_body(
                        reply, self.settings.max_bytes, want_body, raw
                    )
                finally:
                    await reply.close()
        except TimeoutError:
            detail = f"no complete answer within {host.timeout:g} s"
            return self._fail(url, LinkStatus.TIMEOUT, "timeout", detail, retry=True)
        except (httpx.TimeoutException, httpcore.TimeoutException) as exc:
            what = _TIMEOUT_WHAT.get(type(exc), "waiting")
            return self._fail(url, LinkStatus.TIMEOUT, "timeout", f"timed out {what}", retry=True)
        except (httpx.ConnectError, httpcore.ConnectError) as exc:
            return self._connect_failure(url, exc)
        except (httpx.ReadError, httpx.WriteError, httpcore.ReadError, httpcore.WriteError) as exc:
            detail = f"connection reset: {exc or type(exc).__name__}"
            return self._fail(url, LinkStatus.ERROR, "connection reset", detail, retry=True)
        except (httpx.RemoteProtocolError, httpcore.RemoteProtocolError) as exc:
            # "Server disconnected without sending a response" is a reset in all but name.
            reset = "disconnected" in str(exc).lower()
            error = "connection reset" if reset else "protocol error"
            return self._fail(url, LinkStatus.ERROR, error, str(exc), retry=reset)
        except _BodyError as exc:
            return self._fail(url, LinkStatus.ERROR, exc.error, str(exc))
        except (
            httpx.HTTPError,
            httpx.InvalidURL,
            httpx.StreamError,
            httpcore.ProtocolError,
            httpcore.NetworkError,
            httpcore.UnsupportedProtocol,
        ) as exc:
            detail = f"{type(exc).__name__}: {exc}"
            return self._fail(url, LinkStatus.ERROR, "protocol error", detail)
        answer = _Answer(url, reply.status_code, reply.headers, body, complete, _now())
        if self._recorder is not None and raw is not None:
            self._recorder.write_exchange(
                reply.request_headers,
                ArchivedAnswer(
                    url=url,
                    status_code=answer.status_code,
                    reason=reply.reason,
                    headers=tuple(reply.headers.multi_items()),
                    raw_body=b"".join(raw),
                    date=answer.date,
                    truncated=not complete,
                ),
            )
        return answer

    def _fail(
        self, url: str, status: LinkStatus, error: str, detail: str, *, retry: bool = False
    ) -> _Failure:
        failure = _Failure(url, status, error, detail, _now(), retry=retry)
        self._record_failure(failure)
        return failure

    def _connect_failure(self, url: str, exc: Exception) -> _Failure:
        """Tell DNS failures, refused connections and TLS errors apart; none is retried."""
        chain: list[BaseException] = []
        cur: BaseException | None = exc
        while cur is not None and len(chain) < 10:
            chain.append(cur)
            cur = cur.__cause__ or cur.__context__
        text = str(exc)
        if (
            any(isinstance(e, ssl.SSLError) for e in chain)
            or "SSL" in text
            or "certificate" in text
        ):
            return self._fail(url, LinkStatus.ERROR, "TLS error", text)
        if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in text.lower():
            return self._fail(url, LinkStatus.DEAD, "connection refused", text or "refused")
        if any(isinstance(e, socket.gaierror) for e in chain):
            return self._fail(url, LinkStatus.DEAD, "DNS lookup failed", text)
        return self._fail(url, LinkStatus.ERROR, "connection failed", text or type(exc).__name__)

    def _record_failure(self, failure: _Failure) -> None:
        if self._recorder is not None:
            self._recorder.write_failure(
                ArchivedFailure(
                    failure.url, failure.status, failure.error, failure.detail, failure.date
                )
            )

    def _rate_limits(self, host: _Host, answer: _Answer) -> float | None:
        """Read `Retry-After` and rate-limit headers; pause the host; the wait asked, if any."""
        wait = _retry_after(answer.headers.get("retry-after"))
        if wait is None and answer.status_code == 429:
            wait = _reset_after(answer.headers)
        if wait is None and _remaining(answer.headers) == 0:
            # Quota used up on a successful answer: wait for the reset before the next request.
            reset = _reset_after(answer.headers)
            if reset is not None:
                host.next_start = max(
                    host.next_start,
                    time.monotonic() + min(reset, self.settings.max_retry_wait),
                )
        if answer.status_code == 429:
            host.rate_limited += 1
        if wait is not None:
            host.waits.append(wait)
        if answer.status_code == 429 or (wait and answer.status_code in RETRY_CODES):
            host.pause(wait if wait is not None else 0.0, self.settings.max_retry_wait)
        return wait

    # ------------------------------------------------------------------ replay

    def _replay(self, url: str, want_body: bool) -> _Answer | _Failure:
        assert self._replayer is not None
        found = self._replayer.lookup(url)
        if found is None:
            detail = f"{url} is not in {self.settings.replay}"
            return _Failure(url, LinkStatus.ERROR, "not in archive", detail, _now())
        if isinstance(found, ArchivedFailure):
            return _Failure(url, found.status, found.error, found.detail, found.date)
        headers = httpx.Headers(list(found.headers))
        try:
            body, complete = _decode_all(
                found.raw_body, headers, self.settings.max_bytes, want_body, found.status_code
            )
        except _BodyError as exc:
            return _Failure(url, LinkStatus.ERROR, exc.error, str(exc), found.date)
        complete = complete and not found.truncated
        return _Answer(url, found.status_code, headers, body, complete, found.date, via="replay")

    # ------------------------------------------------------------------ results

    def _answer_result(
        self, url: str, request_url: str, answer: _Answer, redirects: list[Redirect]
    ) -> FetchResult:
        code = answer.status_code
        headers = answer.headers
        body: bytes | None = None
        sha: str | None = None
        content_type: str | None = None
        error: str | None = None
        final_url: str | None = answer.url
        permanent = [i for i, r in enumerate(redirects) if r.status in PERMANENT_CODES]
        if 200 <= code < 300:
            body = answer.body
            sha = hashlib.sha256(body).hexdigest() if answer.complete else None
            content_type = sniff_content_type(headers.get("content-type"), body)
            if permanent:
                status = LinkStatus.REDIRECTED
                last = permanent[-1]
                final_url = redirects[last + 1].url if last + 1 < len(redirects) else answer.url
                detail = f"moved permanently to {final_url}"
                if final_url != answer.url:
                    detail += f" (then temporarily to {answer.url})"
            else:
                status = LinkStatus.OK
                detail = f"HTTP {code}"
        else:
            status, error, detail = self._classify(code, headers)
            if status is LinkStatus.BLOCKED and code != 429:  # 429s have their own hint
                self._host(httpx.URL(answer.url).host).blocked[error or str(code)] += 1
        result = FetchResult(
            url=url,
            status=status,
            request_url=request_url,
            final_url=final_url,
            http_status=code,
            content_type=content_type,
            redirects=tuple(redirects),
            fetched_at=answer.date,
            sha256=sha,
            error=error,
            detail=detail,
            body=body,
            headers=tuple(headers.multi_items()),
            via=answer.via,
        )
        return result

    def _classify(self, code: int, headers: httpx.Headers) -> tuple[LinkStatus, str, str]:
        reason = httpx.codes.get_reason_phrase(code) or "unknown status"
        error = f"HTTP {code}"
        if code in DEAD_CODES:
            return LinkStatus.DEAD, error, f"{code} {reason}"
        if code == 403 and "cf-mitigated" in headers:
            challenge = headers["cf-mitigated"]
            return LinkStatus.BLOCKED, error, f"bot challenge (cf-mitigated: {challenge})"
        if code == 429:
            return LinkStatus.BLOCKED, error, f"rate limited (429) after {self._tries()}"
        if code in BLOCKED_CODES:
            return LinkStatus.BLOCKED, error, f"the site refused us ({code} {reason})"
        if code == 408:
            return LinkStatus.TIMEOUT, error, f"408 {reason} after {self._tries()}"
        if code in REDIRECT_CODES:
            return LinkStatus.ERROR, "bad redirect", f"{code} without a Location header"
        if code >= 500:
            return LinkStatus.ERROR, error, f"{code} {reason} after {self._tries()}"
        return LinkStatus.ERROR, error, f"{code} {reason}"

    def _tries(self) -> str:
        if self._replayer is not None:
            return "replay"
        n = self.settings.retries + 1
        return "1 attempt" if n == 1 else f"{n} attempts"

    def _failure_result(
        self, url: str, request_url: str, failure: _Failure, redirects: list[Redirect]
    ) -> FetchResult:
        return FetchResult(
            url=url,
            status=failure.status,
            request_url=request_url,
            final_url=failure.url,
            http_status=failure.http_status,
            redirects=tuple(redirects),
            fetched_at=failure.date,
            error=failure.error,
            detail=failure.detail,
            via="replay" if self._replayer is not None else "live",
        )

    # ------------------------------------------------------------------ hosts and addresses

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            s = self.settings
            o = s.for_host(name)
            host = _Host(
                name=name,
                semaphore=asyncio.Semaphore(o.host_concurrency or s.host_concurrency),
                interval=o.host_interval if o.host_interval is not None else s.host_interval,
                timeout=o.timeout if o.timeout is not None else s.timeout,
                user_agent=o.user_agent or s.user_agent,
                insecure=o.insecure or s.insecure,
            )
            self._hosts[name] = host
        return host

    def _session(self, host: _Host) -> _Session:
        if host.session is None:
            connect = min(self.settings.connect_timeout, host.timeout)
            if not self._use_httpx:
                insecure = host.insecure
                host.session = _CoreSession(
                    user_agent=host.user_agent,
                    ssl_context=lambda: self._ssl_context(insecure),
                    timeouts={
                        "connect": connect,
                        "read": host.timeout,
                        "write": host.timeout,
                        "pool": None,
                    },
                    backend=self._backend,
                )
                return host.session
            limit = self.settings.for_host(host.name).host_concurrency
            limit = limit or self.settings.host_concurrency
            kwargs: dict[str, Any] = {}
            if self._transport_factory is not None:
                kwargs["transport"] = self._transport_factory(host.name)
            client = httpx.AsyncClient(
                headers={
                    "Accept": ACCEPT,
                    "Accept-Encoding": ACCEPT_ENCODING,
                    "User-Agent": host.user_agent,
                },
                timeout=httpx.Timeout(host.timeout, connect=connect, pool=None),
                limits=httpx.Limits(max_connections=limit, max_keepalive_connections=limit),
                follow_redirects=False,
                verify=self._ssl_context(host.insecure),
                **kwargs,
            )
            host.session = _HttpxSession(client)
        return host.session

    def _ssl_context(self, insecure: bool) -> ssl.SSLContext:
        """One TLS context per run (two with `insecure` hosts), shared by every host's client.

        Loading the CA bundle costs ~16 ms; once per client it was a third of a second for 20
        hosts in `bench/links`. HTTP/1.1 only, offered by ALPN as httpcore offers it.
        """
        ctx = self._ssl.get(insecure)
        if ctx is None:
            ctx = httpx.create_ssl_context(verify=not insecure)
            ctx.set_alpn_protocols(["http/1.1"])
            self._ssl[insecure] = ctx
        return ctx

    async def _check_address(self, host: str) -> _Refusal | None:
        """Why connecting to `host` is refused (or why it does not resolve), else `None`.

        The answer is `(status, error, detail)`: `dead` when the name does not resolve,
        `excluded` when an address is refused. Resolved once per host per run: every request to the
        host, and every redirect hop to it, shares the answer.
        """
        pending = self._checked.get(host)
        if pending is not None and pending.done():
            return pending.result()
        if pending is None:
            pending = asyncio.ensure_future(self._resolve_and_check(host))
            self._checked[host] = pending
        return await asyncio.shield(pending)

    async def _resolve_and_check(self, host: str) -> _Refusal | None:
        if self.settings.allow_private and self._resolver is system_resolver and not is_ip(host):
            # Only metadata addresses are refused now, and a name that resolves to one is
            # caught below only at the price of a second lookup per host; names are left to
            # the connection's own lookup (DNS failures still come back as `dead`), IP literals
            # are checked.
            return None
        try:
            addresses = await self._resolver(host)
        except (ResolveError, OSError) as exc:
            return LinkStatus.DEAD, "DNS lookup failed", str(exc)
        reason = refusal(host, addresses, allow_private=self.settings.allow_private)
        if reason is None:
            return None
        logger.info("refusing %s: %s", host, reason)
        return LinkStatus.EXCLUDED, None, reason


# --------------------------------------------------------------------------- bodies


class _Decoder:
    """Undo one `Content-Encoding`, never producing more than asked for per call."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._zlib: Any = None
        self._brotli: Any = None
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "br":
            self._brotli = brotli.Decompressor()
        elif encoding != "deflate":
            raise _UnsupportedEncodingError(f"unsupported Content-Encoding {encoding!r}")

    def decode(self, data: bytes, limit: int) -> tuple[bytes, bool]:
        """Decode `data` into at most `limit` bytes; the flag says there was more."""
        if self._brotli is not None:
            try:
                out = self._brotli.process(data, output_buffer_limit=limit + 1)
            except brotli.error as exc:
                raise httpx.DecodingError(f"broken brotli data: {exc}") from None
            more = not self._brotli.can_accept_more_data()
        else:
            if self._zlib is None:
                # "deflate" is zlib-wrapped by the RFC but raw deflate in practice on some servers.
                raw = data[:1] and (data[0] & 0x0F) != 8
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
            try:
                out = self._zlib.decompress(data, limit + 1)
            except zlib.error as exc:
                raise httpx.DecodingError(f"broken {self.encoding} data: {exc}") from None
            more = bool(self._zlib.unconsumed_tail)
        return bytes(out[:limit]), len(out) > limit or more


class _BodyReader:
    """Collects a body chunk by chunk, capped as sent and after decoding."""

    def __init__(self, headers: httpx.Headers, max_bytes: int, stop_at: int | None) -> None:
        encodings = [
            e.strip().lower()
            for e in headers.get("content-encoding", "").split(",")
            if e.strip() and e.strip().lower() != "identity"
        ]
        self._decoders = [_Decoder(e) for e in reversed(encodings)]
        self.max_bytes = max_bytes
        self.stop_at = stop_at  # a prefix is enough: stop (without error) after this many bytes
        self.wire = 0
        self.out = bytearray()

    def feed(self, chunk: bytes) -> bool:
        """Add a raw chunk; `False` once a prefix (`stop_at`) is full and reading can stop."""
        self.wire += len(chunk)
        if self.wire > self.max_bytes:
            raise _TooLargeError(f"more than {_size(self.max_bytes)} as sent")
        truncate = self.stop_at is not None and self.stop_at < self.max_bytes
        room = (self.stop_at if truncate and self.stop_at is not None else self.max_bytes) - len(
            self.out
        )
        data, overflow = chunk, len(chunk) > room
        for decoder in self._decoders:
            data, more = decoder.decode(data, room)
            overflow = more
        if overflow and not truncate:
            raise _TooLargeError(f"more than {_size(self.max_bytes)} after decompression")
        self.out += data[:room]
        return not overflow and (self.stop_at is None or len(self.out) < self.stop_at)


async def _read_body(
    reply: _Reply, max_bytes: int, want_body: bool, raw: list[bytes] | None
) -> tuple[bytes, bool]:
    """Read the body of `reply`: whole (2xx and `want_body`), a prefix, or drained."""
    success = 200 <= reply.status_code < 300
    if success and want_body:
        declared = reply.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise _TooLargeError(f"{_size(int(declared))} declared, the cap is {_size(max_bytes)}")
        stop_at = None
    else:
        stop_at = PREFIX_BYTES if success else DRAIN_BYTES
    if reply.decoded is not None:
        # Built with `content=` (a test's `MockTransport`): httpx has read and decoded it already.
        body = reply.decoded if success else b""
        if raw is not None:
            raw.append(body)
        if stop_at is not None and stop_at < max_bytes and len(body) > stop_at:
            return body[:stop_at], False
        if len(body) > max_bytes:
            raise _TooLargeError(f"more than {_size(max_bytes)} after decompression")
        return body, True
    if not success:
        # Only the connection's reuse is at stake: read undecoded, and stop at the drain size.
        got = 0
        async for chunk in reply.chunks:
            if raw is not None:
                raw.append(chunk)
            got += len(chunk)
            if got >= DRAIN_BYTES:
                return b"", False
        return b"", True
    reader = _BodyReader(reply.headers, max_bytes, stop_at)
    async for chunk in reply.chunks:
        if raw is not None:
            raw.append(chunk)
        if not reader.feed(chunk):
            return bytes(reader.out), False
    return bytes(reader.out), True


def _decode_all(
    raw: bytes, headers: httpx.Headers, max_bytes: int, want_body: bool, status_code: int
) -> tuple[bytes, bool]:
    """The replay path of `_read_body`: the same caps, over a recorded payload."""
    if not 200 <= status_code < 300:
        return b"", True
    reader = _BodyReader(headers, max_bytes, None if want_body else PREFIX_BYTES)
    if want_body and len(raw) > max_bytes:
        raise _TooLargeError(f"more than {_size(max_bytes)} as sent")
    complete = reader.feed(raw) if raw else True
    return bytes(reader.out), complete


# --------------------------------------------------------------------------- content type


def sniff_content_type(header: str | None, body: bytes) -> str | None:
    """The media type from `Content-Type`, corrected by sniffing when it is missing or generic.

    A PDF is recognised by its magic bytes whatever the header says: servers often send PDFs as
    `application/octet-stream` or even `text/html`.
    """
    declared = header.split(";", 1)[0].strip().lower() if header else ""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if declared and declared not in GENERIC_TYPES:
        return declared
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "text/html"
    if lowered.startswith(b"<?xml"):
        return "application/xhtml+xml" if b"<html" in body[:2048].lower() else "application/xml"
    if lowered.startswith((b"{", b"[")):
        return "application/json"
    if body and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a multi-byte character cut at the end is fine
                return declared or None
        return "text/plain"
    return declared or None


# --------------------------------------------------------------------------- headers


def _retry_after(value: str | None) -> float | None:
    """`Retry-After` as seconds from now: delta-seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


#: An `X-RateLimit-Reset` above this is a Unix timestamp (GitHub's style), below it a delta.
_EPOCH_THRESHOLD = 1_000_000_000


def _reset_after(headers: httpx.Headers) -> float | None:
    """Seconds until the rate-limit window resets (`RateLimit-Reset`, `X-RateLimit-Reset`)."""
    for name in ("ratelimit-reset", "x-ratelimit-reset"):
        value = headers.get(name)
        if value is None:
            continue
        try:
            number = float(value.strip())
        except ValueError:
            continue
        if number > _EPOCH_THRESHOLD:
            number -= time.time()
        return max(0.0, number)
    return None


def _remaining(headers: httpx.Headers) -> int | None:
    for name in ("ratelimit-remaining", "x-ratelimit-remaining"):
        value = headers.get(name)
        if value is not None and value.strip().isdigit():
            return int(value.strip())
    return None


# --------------------------------------------------------------------------- small helpers


def _plain(
    url: str, request_url: str, status: LinkStatus, error: str | None, detail: str
) -> FetchResult:
    return FetchResult(
        url=url,
        status=status,
        request_url=request_url,
        error=error,
        detail=detail,
        fetched_at=_now(),
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):g} MB"
    if n >= 1024:
        return f"{n / 1024:g} KB"
    return f"{n} bytes"


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


_WORDS = {1: "once", 2: "twice", 3: "three times", 4: "four times", 5: "five times"}


def _times(n: int) -> str:
    return _WORDS.get(n, f"{n} times")


def _round_up(seconds: float) -> str:
    """Seconds rounded up to a tenth, written as TOML would take it (`2`, `1.5`)."""
    return f"{math.ceil(seconds * 10) / 10:g}"


__all__ = ["PREFIX_BYTES", "Fetcher", "TransportFactory", "sniff_content_type"]
