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
   connection, and connections go to the addresses that were checked, not to a second lookup
   of the name (which a DNS server that changes its answer, DNS rebinding, could point at a
   private address); then one GET, retried with exponential backoff and jitter on 5xx, 408, 429,
   timeouts and resets (not on DNS failures or refused connections), honouring `Retry-After`
   and `RateLimit-*` / `X-RateLimit-*` up to `max_retry_wait`.
5. Redirects are followed by hand (at most `max_redirects`), each hop kept as a `Redirect`.
   `redirected` means the chain holds a permanent hop (301/308); `final_url` is then the target
   of the last permanent hop, the URL the article should cite instead.

Politeness and speed: a global semaphore (`concurrency`), a semaphore per host
(`host_concurrency`), and a minimum interval between request starts to one host
(`host_interval`), each overridable per host. A host that answers 429 or sends `Retry-After` is
paused and then slowed for the rest of the run; `hints()` says what to put in `claims.toml`.

Each host has its own session (`_CoreSession`): requests are sent over `claimcheck.wire`
(h11 on an asyncio transport) on keep-alive connections the session keeps. One shared
`httpx.AsyncClient` with a 128-connection pool made 1,000 loopback URLs CPU-bound in httpcore's
pool scan (8.1 s, SPEC §7); one client per host still cost ~1 ms of CPU per request in httpx, the
pool and anyio, and httpcore's own connection another third of what was left (`bench/links`).
The session carries the host's User-Agent, timeouts and TLS setting, and keeps its cookies.
httpx is imported, and sends, only when a test injects a transport (`transport_factory`) or the
environment names a proxy (`_HttpxSession`); `claimcheck.wire` asks it to parse the rare URL
that is not in plain form.

Bodies are streamed raw and decompressed here, in bounded steps, so the `max_bytes` cap holds
both on the wire and after decompression: a gzip or brotli bomb stops at the cap, having cost
`max_bytes` of memory at most.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import email.message
import email.utils
import hashlib
import http
import logging
import math
import os
import random
import socket
import ssl
import time
import urllib.request
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

import brotli

from claimcheck.cache import Cache, CacheEntry, as_cached
from claimcheck.model import FetchResult, LinkStatus, Redirect
from claimcheck.remap import Remapper, quote_pattern
from claimcheck.safety import ResolveError, Resolver, is_ip, refusal, system_resolver
from claimcheck.settings import Settings
from claimcheck.warc import ArchivedAnswer, ArchivedFailure, WarcRecorder, WarcReplayer
from claimcheck.wire import (
    URL,
    ConnectError,
    ConnectTimeout,
    DecodingError,
    Headers,
    HTTP11Connection,
    InvalidURL,
    ReadError,
    ReadTimeout,
    RemoteProtocolError,
    WireError,
    WireTimeout,
    WriteError,
    WriteTimeout,
    connect_tcp,
    join_url,
    parse_url,
)

if TYPE_CHECKING:
    import http.cookiejar

    import httpx

logger = logging.getLogger(__name__)

#: Replaces the network for one host (unit tests pass an `httpx.MockTransport`).
TransportFactory = Callable[[str], "httpx.AsyncBaseTransport"]

#: `want_body=False` still reads this much of a 2xx body: enough for the `<title>` and first
#: paragraphs that soft-404 detection looks at, small enough that a link check of a 20 MB PDF
#: costs one read of 64 KiB.
PREFIX_BYTES = 64 * 1024
#: `FetchResult.error` of a URL that `--replay`'s archive does not hold.
NOT_IN_ARCHIVE = "not in archive"
#: Error pages and redirects are read up to this size and then dropped, so that the connection
#: can be reused (closing a half-read response closes its connection); a longer one is cut off.
DRAIN_BYTES = 16 * 1024
#: `_Host.blocked` causes that are no wall against automated clients (their own hints).
_NOT_A_WALL = frozenset({"HTTP 451", "HTTP 401", "HTTP 402"})
#: Error answers whose body may be a CDN's challenge or block page: their first `DRAIN_BYTES`
#: are kept (decoded), so that the challenge is recognised (`classify.challenge_vendor`).
CHALLENGE_CODES = frozenset({403, 429, 503})
#: First retry waits about this long; each further one doubles it (then jitter takes 0-50% off).
#: 0.5 s clears a momentary overload without making a run with many flaky hosts crawl.
BACKOFF_BASE = 0.5
#: After a 429 a host's interval between request starts becomes at least this for the rest of
#: the run, and doubles on each further 429 to a request sent at the slower pace (answers to
#: requests already under way when it slowed down say nothing about the new pace), up to
#: `SLOWDOWN_MAX`; each answer that is not a 429 halves it again, down to this.
SLOWDOWN_INTERVAL = 1.0
#: The most a host's interval grows without the server naming a wait (`Retry-After` is honoured
#: up to `max_retry_wait` on top): a host that keeps answering 429 to a few URLs must not space
#: every other request to it a minute apart.
SLOWDOWN_MAX = 8.0

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
    headers: Headers
    body: bytes
    complete: bool  # the whole body was read (False: a prefix, or nothing for an error page)
    date: dt.datetime
    via: str = "live"
    attempts: int = 1  # requests sent for it (retries included)
    pace: int = 0  # the host's `_Host.pace` when the request reserved its start


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

    error: str


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

    pace: int = 0  # slowdowns so far: a request is sent at the pace of its reservation
    configured: float = 0.0  # the interval set for the host (`host_interval`), for `relax`

    def pause(self, seconds: float, cap: float, pace: int) -> None:
        """No new request to this host for `seconds` (capped), and slower from then on.

        `pace` is the host's `pace` when the refused request reserved its start: one reserved
        before the last slowdown was sent at the old pace, and slows nothing further.
        """
        self.next_start = max(self.next_start, time.monotonic() + min(seconds, cap))
        if pace == self.pace:
            slower = min(max(self.interval * 2, SLOWDOWN_INTERVAL), SLOWDOWN_MAX, cap)
            self.interval = max(self.configured, slower)  # never faster than configured
            self.pace += 1

    def relax(self) -> None:
        """An answer that was no 429: undo one doubling of a slowdown (see `SLOWDOWN_INTERVAL`),
        never below the slowed floor nor the interval the host was configured with."""
        if self.pace:
            self.interval = max(SLOWDOWN_INTERVAL, self.configured, self.interval / 2)


# --------------------------------------------------------------------------- sessions

_TIMEOUT_WHAT: dict[type[Exception], str] = {
    ConnectTimeout: "connecting",
    ReadTimeout: "waiting for data",
    WriteTimeout: "sending the request",
}


@dataclass
class _Reply:
    """A response whose head has arrived; the body is still to be read from `chunks`."""

    status_code: int
    reason: str
    headers: Headers
    #: What was sent, for the WARC request record; raw name and value bytes, decoded by
    #: `_sent_headers` only when a record is written.
    request_headers: list[tuple[bytes, bytes]]
    chunks: AsyncIterator[bytes]  # the body as sent (not yet decompressed)
    decoded: bytes | None  # a body already read and decoded (an `httpx.MockTransport` reply)
    close: Callable[[], Awaitable[None]]


class _Session(Protocol):
    """How one host's GETs reach the network: `open()` sends one, `aclose()` ends them all."""

    async def open(self, url: URL, extra: dict[str, str]) -> _Reply: ...

    async def aclose(self) -> None: ...


class _HttpxSession:
    """One `httpx.AsyncClient` for one host.

    Used when a test injects a transport (`transport_factory`) and when a proxy is configured in
    the environment (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`), which httpx honours and
    `_CoreSession` does not. httpx's exceptions come out as `claimcheck.wire`'s.
    """

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def open(self, url: URL, extra: dict[str, str]) -> _Reply:
        import httpx

        try:
            request = self.client.build_request("GET", url.text, headers=extra)
            response = await self.client.send(request, stream=True)
        except httpx.HTTPError as exc:
            raise _from_httpx(exc) from exc
        consumed = response.is_stream_consumed
        return _Reply(
            status_code=response.status_code,
            reason=response.reason_phrase,
            headers=Headers(response.headers.multi_items()),
            request_headers=list(request.headers.raw),
            chunks=_no_chunks() if consumed else _httpx_chunks(response),
            decoded=response.content if consumed else None,
            close=response.aclose,
        )

    async def aclose(self) -> None:
        await self.client.aclose()


async def _httpx_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    import httpx

    try:
        async for chunk in response.aiter_raw():
            yield chunk
    except httpx.HTTPError as exc:
        raise _from_httpx(exc) from exc


def _from_httpx(exc: httpx.HTTPError) -> WireError:
    """The `claimcheck.wire` exception for one of httpx's, with its message."""
    import httpx

    pairs: list[tuple[type[Exception], type[WireError]]] = [
        (httpx.ConnectTimeout, ConnectTimeout),
        (httpx.ReadTimeout, ReadTimeout),
        (httpx.WriteTimeout, WriteTimeout),
        (httpx.TimeoutException, WireTimeout),
        (httpx.ConnectError, ConnectError),
        (httpx.ReadError, ReadError),
        (httpx.WriteError, WriteError),
        (httpx.RemoteProtocolError, RemoteProtocolError),
        (httpx.DecodingError, DecodingError),
    ]
    for theirs, ours in pairs:
        if isinstance(exc, theirs):
            return ours(str(exc))
    return WireError(f"{type(exc).__name__}: {exc}")


def _sent_headers(raw: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    """Request headers as the WARC record lists them: lowercased names, Latin-1 text."""
    return [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in raw]


async def _no_chunks() -> AsyncIterator[bytes]:
    return
    yield  # an async generator that yields nothing


#: An idle keep-alive connection is closed after this long (httpx's default, kept).
KEEPALIVE_SECONDS = 5.0


class _CoreSession:
    """One host's GETs on keep-alive connections kept here (`claimcheck.wire`, h11 underneath).

    httpx's `AsyncClient` and httpcore's `AsyncConnectionPool` cost about 1 ms of CPU per request
    on the benchmark (`bench/links`), most of it the pool's re-scan of every connection each time
    a request starts or ends; httpcore's own connection, its locks and tracing, and httpx's URL
    model were most of what remained. The host's semaphore already bounds how many requests are
    in flight, so the pool needs no queue: an idle list per origin, taken from the end (the
    warmest connection first) and checked once.

    A connection goes to the host's checked addresses (`wire.connect_tcp`), then TLS offering only
    `http/1.1` as httpcore did.
    The headers are the ones `httpx.AsyncClient` sent, in its order, and cookies are kept per host
    the way one client per host kept them.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        ssl_context: Callable[[], ssl.SSLContext],
        connect_timeout: float,
        timeout: float,
        addresses: Callable[[str], list[str]],
    ) -> None:
        self._ssl_context = ssl_context  # made on the first https connection: ~16 ms
        # The addresses a name was resolved to and checked at (`Fetcher._resolve_and_check`):
        # connections go there rather than to a lookup of their own.
        self._addresses = addresses
        self._connect_timeout = connect_timeout
        self._timeout = timeout
        self._idle: dict[tuple[str, bytes, int], list[HTTP11Connection]] = {}
        self._cookies: _Cookies | None = None
        # Encoded once: every request of the host sends these after its `Host`.
        self._headers = [
            (b"Connection", b"keep-alive"),
            (b"Accept", ACCEPT.encode()),
            (b"Accept-Encoding", ACCEPT_ENCODING.encode()),
            (b"User-Agent", user_agent.encode("latin-1")),
        ]

    async def open(self, url: URL, extra: dict[str, str]) -> _Reply:
        sent = [(b"Host", url.netloc), *self._headers]
        for name, value in extra.items():
            sent.append((name.encode("latin-1"), value.encode("latin-1")))
        if url.userinfo:
            # httpx turned `user:pass@` into Basic auth; so do we.
            sent.append((b"Authorization", b"Basic " + base64.b64encode(url.userinfo)))
        if self._cookies is not None:
            cookie = self._cookies.header(url.text)
            if cookie:
                sent.append((b"Cookie", cookie.encode("latin-1")))
        key = (url.scheme, url.raw_host, url.effective_port)
        connection = await self._checkout(key, url.host)
        try:
            status, reason, raw = await connection.request(
                url.target, sent, read_timeout=self._timeout, write_timeout=self._timeout
            )
        except BaseException:
            connection.close()
            raise
        headers = Headers.from_raw(raw)
        if "set-cookie" in headers:
            if self._cookies is None:
                self._cookies = _Cookies()
            self._cookies.extract(url.text, headers)
        chunks = connection.body(self._timeout)

        async def close() -> None:
            # A response read to its end leaves the connection idle and reusable; one cut short
            # (a prefix, a drained error page, a timeout) is closed.
            await chunks.aclose()
            if connection.release():
                self._idle.setdefault(key, []).append(connection)

        return _Reply(
            status_code=status,
            reason=reason.decode("ascii", "ignore"),
            headers=headers,
            request_headers=sent,
            chunks=chunks,
            decoded=None,
            close=close,
        )

    async def _checkout(self, key: tuple[str, bytes, int], host: str) -> HTTP11Connection:
        """An idle connection to the origin `key`, else a new one to `host`'s checked addresses."""
        idle = self._idle.get(key)
        while idle:
            connection = idle.pop()
            # Past the keep-alive time, or the server has closed it meanwhile: drop it.
            if connection.reusable():
                return connection
            connection.close()
        scheme, raw_host, port = key
        name = raw_host.decode("ascii")
        addresses = [] if is_ip(name) else self._addresses(host)
        stream = await connect_tcp(name, port, timeout=self._connect_timeout, addresses=addresses)
        if scheme == "https":
            stream = await stream.start_tls(
                self._ssl_context(), server_hostname=name, timeout=self._connect_timeout
            )
        return HTTP11Connection(stream, keepalive=KEEPALIVE_SECONDS)

    async def aclose(self) -> None:
        idle = [c for conns in self._idle.values() for c in conns]
        self._idle.clear()
        for connection in idle:
            connection.close()


class _CookieResponse:
    """What `http.cookiejar` reads `Set-Cookie` from (as httpx's cookie jar adapts a response)."""

    def __init__(self, headers: Headers) -> None:
        self._message = email.message.Message()
        for name, value in headers.multi_items():
            self._message[name] = value

    def info(self) -> email.message.Message:
        return self._message


class _Cookies:
    """One host's cookies, kept as one `httpx.AsyncClient` per host kept them (`http.cookiejar`).

    Made on the first `Set-Cookie`: most hosts set none, and the jar's module is then not loaded.
    """

    def __init__(self) -> None:
        import http.cookiejar

        self._jar: http.cookiejar.CookieJar = http.cookiejar.CookieJar()

    def extract(self, url: str, headers: Headers) -> None:
        self._jar.extract_cookies(
            _CookieResponse(headers),  # type: ignore[arg-type]  # duck-typed as httpx does
            urllib.request.Request(url),
        )

    def header(self, url: str) -> str | None:
        request = urllib.request.Request(url)
        self._jar.add_cookie_header(request)
        return request.get_header("Cookie")


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
        self._addresses: dict[str, list[str]] = {}  # each allowed name's checked addresses
        self._replayer: WarcReplayer | None = None
        self._recorder: WarcRecorder | None = None
        self._cache: Cache | None = None
        self._ssl: dict[bool, ssl.SSLContext] = {}
        self._memo: dict[str, asyncio.Future[_Answer | _Failure]] = {}
        self._memo_bytes = 0
        # httpx sends when a test injects transports or the environment names a proxy;
        # otherwise `claimcheck.wire` directly (`_CoreSession`), the fast path.
        self._behind_proxy = transport_factory is None and _proxy_configured()
        self._use_httpx = transport_factory is not None or self._behind_proxy

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

    async def fetch(self, url: str, *, want_body: bool = True, probe: bool = False) -> FetchResult:
        """Fetch `url` and say how it went; never raises for network problems.

        `probe`: a request of our own no article cites (the soft-404 check's random path): sent
        once, without retries, and left out of the end-of-run hints.
        """
        started = time.monotonic()
        result = await self._fetch(url, want_body, probe)
        return replace(result, elapsed=round(time.monotonic() - started, 6))

    def hints(self) -> list[str]:
        """End-of-run advice for each host that rate-limited or blocked us."""
        out: list[str] = []
        for host in sorted(self._hosts.values(), key=lambda h: h.name):
            table = f'[settings.hosts."{host.name}"]'
            if host.rate_limited:
                cap = self.settings.max_retry_wait
                suggest = max(
                    [host.interval, SLOWDOWN_INTERVAL, *(min(w, cap) for w in host.waits)]
                )
                hint = (
                    f"{host.name} answered 429 {_times(host.rate_limited)}: "
                    f"set {table} host_interval = {_round_up(suggest)}"
                )
                longest = max(host.waits, default=0.0)
                if longest > cap:
                    # An hour between requests is no setting for a scheduled check: say what
                    # the server asked, and suggest the most the run would have waited.
                    hint += (
                        f" (it asked us to wait {_round_up(longest)} s, more than "
                        f"max_retry_wait = {_round_up(cap)}: check its links by hand)"
                    )
                out.append(hint)
            # Advice by cause: only a wall against automated clients may be about the client;
            # a legal block or a sign-in is not, and nothing is to be got around.
            walls = {k: n for k, n in host.blocked.items() if k not in _NOT_A_WALL}
            if walls:
                reasons = ", ".join(sorted(walls))
                out.append(
                    f"{host.name} refused us {_times(sum(walls.values()))} ({reasons}): it may "
                    f'turn away automated clients; try {table} user_agent = "..." or check '
                    "these links by hand"
                )
            legal = host.blocked.get("HTTP 451", 0)
            if legal:
                out.append(
                    f"{host.name} withheld pages for legal reasons (HTTP 451, {_times(legal)}), at "
                    "least from where this ran: no setting changes that; check them by hand"
                )
            signin = {k: n for k, n in host.blocked.items() if k in ("HTTP 401", "HTTP 402")}
            if signin:
                reasons = ", ".join(sorted(signin))
                out.append(
                    f"{host.name} asked for a sign-in or subscription ({reasons}, "
                    f"{_times(sum(signin.values()))}): check these links with an account"
                )
        return out

    # ------------------------------------------------------------------ one URL

    async def _fetch(self, url: str, want_body: bool, probe: bool = False) -> FetchResult:
        excluded_by = self._remapper.excluded_by(url)
        if excluded_by is not None:
            return _plain(
                url,
                url,
                LinkStatus.EXCLUDED,
                None,
                f"matches --exclude {quote_pattern(excluded_by)}",
            )
        request_url = self._remapper.remap(url)
        if request_url != url:
            excluded_by = self._remapper.excluded_by(request_url)
            if excluded_by is not None:
                detail = f"remapped to {request_url}, which matches --exclude {quote_pattern(excluded_by)}"
                return _plain(url, request_url, LinkStatus.EXCLUDED, None, detail)
        try:
            parsed = parse_url(request_url)
        except InvalidURL as exc:
            return _plain(url, request_url, LinkStatus.ERROR, "invalid URL", str(exc))
        if parsed.scheme not in ("http", "https") or not parsed.host:
            detail = f"only http and https URLs can be fetched, not {request_url!r}"
            return _plain(url, request_url, LinkStatus.ERROR, "unsupported", detail)
        request_url = parsed.text  # httpx's normal form, without the fragment

        entry: CacheEntry | None = None
        if self._cache is not None and self._recorder is None:
            # Recording bypasses cached answers, so the archive holds every exchange of the run.
            if await self._check_address(parsed.host) is None:
                entry = await asyncio.to_thread(self._cache.load, request_url)
            if entry is not None and entry.age() < self.settings.max_cache_age:
                age = _duration(entry.age())
                return as_cached(entry, url, detail=f"from the cache ({age} old)")

        return await self._follow(url, request_url, parsed, want_body, entry, probe)

    async def _follow(
        self,
        url: str,
        request_url: str,
        parsed: URL,
        want_body: bool,
        entry: CacheEntry | None,
        probe: bool = False,
    ) -> FetchResult:
        """Follow the redirect chain from `request_url` (`parsed`) to an answer."""
        redirects: list[Redirect] = []
        seen = {request_url}
        current = request_url
        while True:
            conditional = (
                entry.validators() if entry is not None and current == entry.body_url else {}
            )
            outcome = await self._hop(current, parsed, want_body, conditional, probe)
            if isinstance(outcome, _Failure):
                return self._failure_result(url, request_url, outcome, redirects)
            code = outcome.status_code
            if code == 304 and conditional and entry is not None:
                if self._cache is not None:
                    await asyncio.to_thread(self._cache.refresh, entry)
                return as_cached(entry, url, detail="from the cache, revalidated (304)")
            location = outcome.headers.get("location")
            if code not in REDIRECT_CODES or location is None:
                result = self._answer_result(url, request_url, outcome, redirects, probe)
                if self._cache is not None and outcome.via == "live":
                    await asyncio.to_thread(self._cache.store, result, body_url=outcome.url)
                return result
            redirects.append(Redirect(current, code))
            try:
                target = join_url(parsed, location.strip())
            except InvalidURL as exc:
                failure = _Failure(
                    current, LinkStatus.ERROR, "bad redirect", str(exc), outcome.date
                )
                return self._failure_result(url, request_url, failure, redirects)
            nxt = target.text
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
        self,
        url: str,
        parsed: URL,
        want_body: bool,
        conditional: dict[str, str],
        probe: bool = False,
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
            return await self._hop_live(url, parsed, want_body, conditional, probe)
        shared = self._memo.get(url)
        if shared is not None:
            outcome = await asyncio.shield(shared)
            if not (want_body and isinstance(outcome, _Answer) and not outcome.complete):
                return outcome
        future: asyncio.Future[_Answer | _Failure] = asyncio.get_running_loop().create_future()
        self._memo[url] = future
        try:
            outcome = await self._hop_live(url, parsed, want_body, conditional, probe)
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
        self,
        url: str,
        parsed: URL,
        want_body: bool,
        conditional: dict[str, str],
        probe: bool = False,
    ) -> _Answer | _Failure:
        """Safety check, then GET with retries (none for a `probe`)."""
        host = self._host(parsed.host)
        refused = await self._check_address(parsed.host)
        if refused is not None:
            failure = _Failure(url, refused[0], refused[1], refused[2], _now())
            self._record_failure(failure)
            return failure

        retries = 0 if probe else self.settings.retries
        outcome: _Answer | _Failure
        for attempt in range(retries + 1):
            outcome = await self._attempt(host, url, parsed, conditional, want_body)
            wait: float | None = None
            if isinstance(outcome, _Answer):
                outcome.attempts = attempt + 1
                wait = self._rate_limits(host, outcome, probe)
                if outcome.status_code not in RETRY_CODES or _challenge(outcome):
                    # A challenge page (Cloudflare's 503 "Just a moment...") is no server error:
                    # asking again only gets it again.
                    return outcome
            elif not outcome.retry:
                return outcome
            if attempt == retries:
                break
            if wait is not None and wait > self.settings.max_retry_wait:
                logger.info("%s asks us to wait %.0f s: more than max_retry_wait", url, wait)
                break
            # A wait of 0 (`Retry-After: 0`, or a date already past) is no reason to hammer.
            delay = wait if wait else self._backoff(attempt)
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
        parsed: URL,
        conditional: dict[str, str],
        want_body: bool,
    ) -> _Answer | _Failure:
        """One GET under the host's and the global limits."""
        session = self._session(host)
        async with host.semaphore:
            pace = host.pace
            delay = host.reserve()
            if delay > 0:
                await asyncio.sleep(delay)
            async with self._global:
                outcome = await self._send(session, host, url, parsed, conditional, want_body)
        if isinstance(outcome, _Answer):
            outcome.pace = pace
        return outcome

    async def _send(
        self,
        session: _Session,
        host: _Host,
        url: str,
        parsed: URL,
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
        except WireTimeout as exc:
            what = _TIMEOUT_WHAT.get(type(exc), "waiting")
            return self._fail(url, LinkStatus.TIMEOUT, "timeout", f"timed out {what}", retry=True)
        except ConnectError as exc:
            return self._connect_failure(url, exc)
        except (ReadError, WriteError) as exc:
            detail = f"connection reset: {exc or type(exc).__name__}"
            return self._fail(url, LinkStatus.ERROR, "connection reset", detail, retry=True)
        except RemoteProtocolError as exc:
            # "Server disconnected without sending a response" is a reset in all but name. Any
            # other protocol error is retried too, on a new connection: on a kept-alive one it
            # may be the previous answer's fault (more body than its Content-Length said, a body
            # on a 204), which must not be charged to this URL.
            reset = "disconnected" in str(exc).lower()
            error = "connection reset" if reset else "protocol error"
            return self._fail(url, LinkStatus.ERROR, error, str(exc), retry=True)
        except _BodyError as exc:
            return self._fail(url, LinkStatus.ERROR, exc.error, str(exc))
        except WireError as exc:
            # A bare `WireError` is one of httpx's less common errors, already named in its text.
            detail = str(exc) if type(exc) is WireError else f"{type(exc).__name__}: {exc}"
            return self._fail(url, LinkStatus.ERROR, "protocol error", detail)
        answer = _Answer(url, reply.status_code, reply.headers, body, complete, _now())
        if self._recorder is not None and raw is not None:
            self._recorder.write_exchange(
                _sent_headers(reply.request_headers),
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

    def _rate_limits(self, host: _Host, answer: _Answer, probe: bool) -> float | None:
        """Read `Retry-After` and rate-limit headers; pause the host; the wait asked, if any.

        A `probe` (the soft-404 check's request for a random path, which no article cites)
        paces the host like any request but adds nothing to the end-of-run hints.
        """
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
        if answer.status_code == 429 and not probe:
            host.rate_limited += 1
        if wait is not None and not probe:
            host.waits.append(wait)
        if answer.status_code == 429 or (wait and answer.status_code in RETRY_CODES):
            host.pause(wait if wait is not None else 0.0, self.settings.max_retry_wait, answer.pace)
        else:
            host.relax()
        return wait

    # ------------------------------------------------------------------ replay

    def _replay(self, url: str, want_body: bool) -> _Answer | _Failure:
        assert self._replayer is not None
        found = self._replayer.lookup(url)
        if found is None:
            detail = f"{url} is not in {self.settings.replay}"
            return _Failure(url, LinkStatus.ERROR, NOT_IN_ARCHIVE, detail, _now())
        if isinstance(found, ArchivedFailure):
            return _Failure(url, found.status, found.error, found.detail, found.date)
        headers = Headers(found.headers)
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
        self,
        url: str,
        request_url: str,
        answer: _Answer,
        redirects: list[Redirect],
        probe: bool = False,
    ) -> FetchResult:
        code = answer.status_code
        headers = answer.headers
        body: bytes | None = None
        sha: str | None = None
        content_type: str | None = None
        error: str | None = None
        final_url: str | None = answer.url
        # The cited URL has moved for good only as far as the chain's first hops are permanent:
        # a temporary redirect first (302, then 301) leaves the cited URL the one to keep.
        moved = next(
            (i for i, r in enumerate(redirects) if r.status not in PERMANENT_CODES),
            len(redirects),
        )
        if 200 <= code < 300:
            body = answer.body
            sha = hashlib.sha256(body).hexdigest() if answer.complete else None
            content_type = sniff_content_type(headers.get("content-type"), body)
            if moved:
                status = LinkStatus.REDIRECTED
                final_url = redirects[moved].url if moved < len(redirects) else answer.url
                detail = f"moved permanently to {final_url}"
                if final_url != answer.url:
                    detail += f" (then temporarily to {answer.url})"
            else:
                status = LinkStatus.OK
                detail = f"HTTP {code}"
        else:
            status, error, detail = self._classify(code, headers, answer)
            vendor = _challenge(answer)
            if vendor is not None:
                # The wall's page goes to the classifier, whose markers win over the status.
                body = answer.body or None
                content_type = sniff_content_type(headers.get("content-type"), answer.body)
                if status is not LinkStatus.BLOCKED:
                    status, error = LinkStatus.BLOCKED, f"HTTP {code}"
                    detail = f"bot challenge ({vendor} challenge page, HTTP {code})"
            if status is LinkStatus.BLOCKED and code != 429 and not probe:  # 429s: own hint
                self._host(parse_url(answer.url).host).blocked[error or str(code)] += 1
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

    def _classify(
        self, code: int, headers: Headers, answer: _Answer
    ) -> tuple[LinkStatus, str, str]:
        try:
            reason = http.HTTPStatus(code).phrase
        except ValueError:
            reason = "unknown status"
        error = f"HTTP {code}"
        if code in DEAD_CODES:
            return LinkStatus.DEAD, error, f"{code} {reason}"
        if code == 403 and "cf-mitigated" in headers:
            challenge = headers["cf-mitigated"]
            return LinkStatus.BLOCKED, error, f"bot challenge (cf-mitigated: {challenge})"
        if code == 429:
            return LinkStatus.BLOCKED, error, f"rate limited (429) after {_tries(answer)}"
        if code in BLOCKED_CODES:
            return LinkStatus.BLOCKED, error, f"the site refused us ({code} {reason})"
        if code == 408:
            return LinkStatus.TIMEOUT, error, f"408 {reason} after {_tries(answer)}"
        if code in REDIRECT_CODES:
            return LinkStatus.ERROR, "bad redirect", f"{code} without a Location header"
        if code >= 500:
            return LinkStatus.ERROR, error, f"{code} {reason} after {_tries(answer)}"
        return LinkStatus.ERROR, error, f"{code} {reason}"

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
            interval = o.host_interval if o.host_interval is not None else s.host_interval
            host = _Host(
                name=name,
                semaphore=asyncio.Semaphore(o.host_concurrency or s.host_concurrency),
                interval=interval,
                configured=interval,
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
                    connect_timeout=connect,
                    timeout=host.timeout,
                    addresses=self._checked_addresses,
                )
                return host.session
            import httpx

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
        hosts in `bench/links`. Made on the first https request, as httpx's
        `create_ssl_context` makes it: `SSL_CERT_FILE` or `SSL_CERT_DIR` when set, else certifi's
        bundle. HTTP/1.1 only, offered by ALPN as httpcore offers it.
        """
        ctx = self._ssl.get(insecure)
        if ctx is None:
            if insecure:
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
            elif os.environ.get("SSL_CERT_FILE"):
                ctx = ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
            elif os.environ.get("SSL_CERT_DIR"):
                ctx = ssl.create_default_context(capath=os.environ["SSL_CERT_DIR"])
            else:
                import certifi

                ctx = ssl.create_default_context(cafile=certifi.where())
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

    def _checked_addresses(self, host: str) -> list[str]:
        """The addresses `host` was resolved to and allowed at; a connection goes nowhere else.

        Every request checks its host first (`_hop_live`), so a name without them is a bug: it
        fails the request rather than connect unchecked.
        """
        addresses = self._addresses.get(host)
        if not addresses:
            raise ConnectError(f"{host} was not resolved and checked before connecting")
        return addresses

    async def _resolve_and_check(self, host: str) -> _Refusal | None:
        # Also with `--allow-private`: a cloud metadata address stays refused, and names point
        # at it (`metadata.google.internal` does on Google Cloud), so names are resolved too, at
        # the price of one lookup per host per run.
        try:
            addresses = await self._resolver(host)
        except (ResolveError, OSError) as exc:
            if self._behind_proxy and not urllib.request.proxy_bypass(host):
                # The proxy looks names up, and a network that sends everything through one
                # often resolves no outside name itself: the proxy says whether it exists.
                logger.debug("%s does not resolve here; the proxy will look it up", host)
                return None
            return LinkStatus.DEAD, "DNS lookup failed", str(exc)
        reason = refusal(host, addresses, allow_private=self.settings.allow_private)
        if reason is None:
            self._addresses[host] = addresses
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
                raise DecodingError(f"broken brotli data: {exc}") from None
            more = not self._brotli.can_accept_more_data()
        else:
            if self._zlib is None:
                # "deflate" is zlib-wrapped by the RFC but raw deflate in practice on some servers.
                raw = data[:1] and (data[0] & 0x0F) != 8
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
            try:
                out = self._zlib.decompress(data, limit + 1)
            except zlib.error as exc:
                raise DecodingError(f"broken {self.encoding} data: {exc}") from None
            more = bool(self._zlib.unconsumed_tail)
        return bytes(out[:limit]), len(out) > limit or more


class _BodyReader:
    """Collects a body chunk by chunk, capped as sent and after decoding."""

    def __init__(self, headers: Headers, max_bytes: int, stop_at: int | None) -> None:
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
            raise _TooLargeError(f"more than {_cap(self.max_bytes)} as sent")
        truncate = self.stop_at is not None and self.stop_at < self.max_bytes
        room = (self.stop_at if truncate and self.stop_at is not None else self.max_bytes) - len(
            self.out
        )
        data, overflow = chunk, len(chunk) > room
        for decoder in self._decoders:
            data, more = decoder.decode(data, room)
            overflow = more
        if overflow and not truncate:
            raise _TooLargeError(f"more than {_cap(self.max_bytes)} after decompression")
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
            raise _TooLargeError(f"{_size(int(declared))} declared, the cap is {_cap(max_bytes)}")
        stop_at = None
    else:
        stop_at = PREFIX_BYTES if success else DRAIN_BYTES
    if reply.decoded is not None:
        # Built with `content=` (a test's `MockTransport`): httpx has read and decoded it already.
        body = reply.decoded if success or reply.status_code in CHALLENGE_CODES else b""
        if raw is not None:
            raw.append(body)
        if stop_at is not None and stop_at < max_bytes and len(body) > stop_at:
            return body[:stop_at], False
        if len(body) > max_bytes:
            raise _TooLargeError(f"more than {_cap(max_bytes)} after decompression")
        return body, True
    if not success and reply.status_code in CHALLENGE_CODES:
        # Possibly a challenge page: keep its start, decoded, for `classify.challenge_vendor`.
        kept = _BodyReader(reply.headers, DRAIN_BYTES, DRAIN_BYTES)
        try:
            async for chunk in reply.chunks:
                if raw is not None:
                    raw.append(chunk)
                if not kept.feed(chunk):
                    return bytes(kept.out), False
        except _BodyError:
            return b"", False  # an undecodable error page: as good as drained
        return bytes(kept.out), True
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


def _challenge(answer: _Answer) -> str | None:
    """The CDN whose challenge page `answer` is, for an error status that may carry one."""
    if answer.status_code not in CHALLENGE_CODES:
        return None
    from claimcheck.classify import challenge_vendor

    return challenge_vendor(
        answer.headers.multi_items(), answer.body, answer.headers.get("content-type")
    )


def _decode_all(
    raw: bytes, headers: Headers, max_bytes: int, want_body: bool, status_code: int
) -> tuple[bytes, bool]:
    """The replay path of `_read_body`: the same caps, over a recorded payload."""
    if status_code in CHALLENGE_CODES:
        kept = _BodyReader(headers, DRAIN_BYTES, DRAIN_BYTES)
        try:
            complete = kept.feed(raw) if raw else True
        except _BodyError:
            return b"", False
        return bytes(kept.out), complete
    if not 200 <= status_code < 300:
        return b"", True
    reader = _BodyReader(headers, max_bytes, None if want_body else PREFIX_BYTES)
    if want_body and len(raw) > max_bytes:
        raise _TooLargeError(f"more than {_cap(max_bytes)} as sent")
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


def _reset_after(headers: Headers) -> float | None:
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


def _remaining(headers: Headers) -> int | None:
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


def _tries(answer: _Answer) -> str:
    """How many requests an answer took ("replay" for one read from a WARC)."""
    if answer.via == "replay":
        return "replay"
    return "1 attempt" if answer.attempts == 1 else f"{answer.attempts} attempts"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _size(n: int) -> str:
    """A size as people read it: "7.8 KB", "25 MB", "900 bytes"."""
    if n >= 1024 * 1024:
        text = f"{n / (1024 * 1024):.1f} MB"
    elif n >= 1024:
        text = f"{n / 1024:.1f} KB"
    else:
        return f"{n:,} bytes"
    return text.replace(".0 ", " ")


def _cap(n: int) -> str:
    """The `--max-bytes` cap, with the exact figure the user gave when rounding hides it."""
    return _size(n) if n < 1024 else f"{_size(n)} ({n:,} bytes)"


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
