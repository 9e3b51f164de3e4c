"""The Fetcher against real HTTP servers on 127.0.0.x: every status, every retry rule, redirects,
caps, timeouts, address refusal, per-host limits, and record-then-replay with no network."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import email.utils
import gc
import gzip
import hashlib
import socket
import ssl
import threading
import time
import warnings
from collections.abc import Awaitable, Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from claimcheck.fetch import Fetcher
from claimcheck.model import FetchResult, LinkStatus, Redirect
from claimcheck.safety import ResolveError
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
    # The cited URL itself only redirects temporarily: it is the one to keep citing.
    assert result.status is LinkStatus.OK
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


def test_a_connection_goes_to_the_checked_address_not_to_a_new_lookup() -> None:
    """DNS rebinding: the safety check's lookup and the connection's must not differ. Here the
    check's resolver answers 127.0.0.40 for `localhost`, the system's lookup 127.0.0.1; a server
    listens on both, on one port, and only the checked one may see the request."""

    async def resolver(host: str) -> list[str]:
        return ["127.0.0.40"] if host == "localhost" else [host]

    system = LocalHost("127.0.0.1")  # where `localhost` resolves for everyone else
    system.start()
    checked = LocalHost("127.0.0.40", port=system.port)
    checked.start()
    try:
        for server in (system, checked):
            server.route("/page", Reply(200, PAGE))
        url = f"http://localhost:{system.port}/page"
        assert one(url, allow_private=True, resolver=resolver).status is LinkStatus.OK
        assert (checked.hits("/page"), system.hits("/page")) == (1, 0)
        assert checked.requests[-1].headers["host"] == f"localhost:{system.port}"
    finally:
        checked.stop()
        system.stop()


def test_a_name_is_connected_to_at_the_next_checked_address_when_one_fails(a: LocalHost) -> None:
    """Nothing listens at 127.0.0.254 on the port: the connection falls back to 127.0.0.2. The
    name itself would not resolve at all outside the check's resolver."""

    async def resolver(host: str) -> list[str]:
        return ["127.0.0.254", a.address] if host == "pinned.invalid" else [host]

    a.route("/page", Reply(200, PAGE))
    result = one(f"http://pinned.invalid:{a.port}/page", allow_private=True, resolver=resolver)
    assert result.status is LinkStatus.OK
    assert a.hits("/page") == 1


def test_a_name_whose_checked_addresses_all_refuse_is_dead(a: LocalHost) -> None:
    async def resolver(host: str) -> list[str]:
        return ["127.0.0.253", "127.0.0.254"]

    result = one(f"http://pinned.invalid:{a.port}/page", allow_private=True, resolver=resolver)
    assert (result.status, result.error) == (LinkStatus.DEAD, "connection refused")


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


# --------------------------------------------------------------------------- the connection layer
# `Fetcher` sends with h11 on its own keep-alive connections (`fetch._CoreSession`) over a native
# asyncio stream (`claimcheck.wire`): these tests hold that layer to what httpx did.

#: A throwaway self-signed certificate for 127.0.0.9 (valid 2020-2120) and its key, made for
#: these tests only: it lets a local server speak TLS without a certificate authority.
TEST_KEY = b"""-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgHD9a3VAbhC68JuBW
vPHHp1CWdB/WLUpIIfzuuy6izGmhRANCAAR7hgXc36Yg4jJDZiACwILSipQRL2xS
8j+smjum4Fk08UWDpatOJeN2661rSjIuNZ4P4ZkozbsSDZ8QV/lb4j82
-----END PRIVATE KEY-----
"""
TEST_CERT = b"""-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUXmztfg0ClfpXnpREb//uETP46SIwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC45MCAXDTIwMDEwMTAwMDAwMFoYDzIxMjAwMTAx
MDAwMDAwWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjkwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAR7hgXc36Yg4jJDZiACwILSipQRL2xS8j+smjum4Fk08UWDpatOJeN2
661rSjIuNZ4P4ZkozbsSDZ8QV/lb4j82o2QwYjAPBgNVHREECDAGhwR/AAAJMA8G
A1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFA8P1frkuiAczV9Eee0OBVI+6dM4MB8G
A1UdIwQYMBaAFA8P1frkuiAczV9Eee0OBVI+6dM4MAoGCCqGSM49BAMCA0gAMEUC
IAYeGZgByiXCCFe+DbvJjJP69lgLq1aexEQPMA5IftTGAiEA6kWcvDbNL7a1Pbvm
lmZnmhiSZxOZ7tTfMx68PoZLG0Q=
-----END CERTIFICATE-----
"""
BIG = bytes(range(256)) * 8192  # 2 MiB: far more than the stream buffers before it pauses


class ConnServer(ThreadingHTTPServer):
    """Counts the connections it accepts; `/big` answers `BIG`, anything else `PAGE`.

    `idle_timeout` closes a keep-alive connection that stays idle that long, without notice, as
    real servers do; `tls_dir` (where the key is written) wraps every connection in TLS with
    `TEST_CERT`; `linger` is how long a connection stops reading after each answer.
    """

    daemon_threads = True
    block_on_close = False

    def __init__(
        self,
        address: str,
        *,
        idle_timeout: float = 10.0,
        tls_dir: Path | None = None,
        linger: float = 0.0,
    ) -> None:
        self.connections = 0
        self.ports: list[int] = []  # the client port of each request, in order
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = idle_timeout

            def do_GET(self) -> None:
                server.ports.append(self.client_address[1])
                body = BIG if self.path == "/big" else PAGE
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                if linger:
                    time.sleep(linger)  # deaf for a while: no reading, not even a TLS close

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        super().__init__((address, 0), Handler)
        if tls_dir is not None:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            (tls_dir / "key.pem").write_bytes(TEST_KEY)
            (tls_dir / "cert.pem").write_bytes(TEST_CERT)
            ctx.load_cert_chain(tls_dir / "cert.pem", tls_dir / "key.pem")
            # The handshake happens in the handler's thread, not in the accepting one.
            self.socket = ctx.wrap_socket(
                self.socket, server_side=True, do_handshake_on_connect=False
            )

    def process_request(self, request: Any, client_address: Any) -> None:
        self.connections += 1
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that rejects our certificate is the point of one test

    def url(self, path: str = "/") -> str:
        scheme = "https" if isinstance(self.socket, ssl.SSLSocket) else "http"
        host, port = self.server_address[:2]
        return f"{scheme}://{host!s}:{port}{path}"


@pytest.fixture
def conn_server() -> Iterator[ConnServer]:
    server = ConnServer("127.0.0.8", idle_timeout=0.3)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[ConnServer]:
    server = ConnServer("127.0.0.9", tls_dir=tmp_path)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    yield server
    server.shutdown()
    server.server_close()


def test_connections_are_kept_alive_and_reused(conn_server: ConnServer) -> None:
    urls = [conn_server.url(f"/page?{i}") for i in range(40)]
    results = fetch(urls, host_concurrency=2)
    assert {r.status for r in results} == {LinkStatus.OK}
    assert conn_server.connections == 2  # one per request slot, each used 20 times


def test_a_connection_the_server_closed_while_idle_is_not_reused(conn_server: ConnServer) -> None:
    settings = Settings.build({"allow_private": True, "no_cache": True, "retries": 0})

    async def main() -> list[FetchResult]:
        async with Fetcher(settings) as fetcher:
            first = await fetcher.fetch(conn_server.url("/one"))
            await asyncio.sleep(0.6)  # the server drops the idle connection after 0.3 s
            return [first, await fetcher.fetch(conn_server.url("/two"))]

    first, second = asyncio.run(main())
    # No retries: reusing the dead connection would have been an error, not a second try.
    assert (first.status, second.status) == (LinkStatus.OK, LinkStatus.OK)
    assert conn_server.connections == 2


def test_a_large_body_arrives_whole(conn_server: ConnServer) -> None:
    result = one(conn_server.url("/big"), max_bytes=4_000_000)
    assert result.status is LinkStatus.OK
    assert result.sha256 == hashlib.sha256(BIG).hexdigest()


def test_tls_with_a_trusted_certificate(
    tls_server: ConnServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_bytes(TEST_CERT)
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))  # httpx's TLS context reads it
    results = fetch([tls_server.url(f"/secure?{i}") for i in range(6)], host_concurrency=2)
    assert [r.status for r in results] == [LinkStatus.OK] * 6
    assert results[0].body == PAGE
    assert tls_server.connections == 2  # TLS connections are kept alive too


def test_tls_connections_are_closed_when_the_run_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A TLS shutdown that waits for the peer (here: one that is not reading) would outlive the
    event loop and leak the sockets."""
    bundle = tmp_path / "ca.pem"
    bundle.write_bytes(TEST_CERT)
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    server = ConnServer("127.0.0.9", tls_dir=tmp_path, linger=1.0)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            results = fetch([server.url(f"/secure?{i}") for i in range(3)], host_concurrency=3)
            gc.collect()
    finally:
        server.shutdown()
        server.server_close()
    assert [r.status for r in results] == [LinkStatus.OK] * 3
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_tls_with_an_untrusted_certificate_is_a_tls_error(tls_server: ConnServer) -> None:
    result = one(tls_server.url("/secure"), retries=2)
    assert (result.status, result.error) == (LinkStatus.ERROR, "TLS error")
    assert "certificate verify failed" in result.detail
    assert tls_server.ports == []  # no request was sent, none retried


def test_tls_insecure_host_accepts_a_self_signed_certificate(tls_server: ConnServer) -> None:
    result = one(tls_server.url("/secure"), hosts={"127.0.0.9": {"insecure": True}})
    assert result.status is LinkStatus.OK


def test_cookies_set_by_a_host_are_sent_back_to_it(a: LocalHost) -> None:
    """A site that sets a cookie and redirects to a page that needs it (one client per host kept
    cookies; the `claimcheck.wire` path keeps them the same way)."""

    def check(request: Request) -> Reply:
        if request.headers.get("cookie") == "visited=yes":
            return Reply(200, PAGE)
        return Reply(403, b"<title>no cookie</title>")

    a.route("/set", Reply(302, headers=[("Location", "/check"), ("Set-Cookie", "visited=yes")]))
    a.route("/check", check)
    result = one(a.url("/set"))
    assert result.status is LinkStatus.OK


def test_credentials_in_the_url_are_sent_as_basic_auth(a: LocalHost) -> None:
    a.route("/private-area", Reply(200, PAGE))
    url = a.url("/private-area").replace("http://", "http://reader:s3cret@")
    assert one(url).status is LinkStatus.OK
    expected = "Basic " + base64.b64encode(b"reader:s3cret").decode()
    assert a.requests[-1].headers["authorization"] == expected


def test_the_request_headers_are_the_ones_httpx_sent(a: LocalHost) -> None:
    a.route("/headers", Reply(200, PAGE))
    one(a.url("/headers"))
    ours = a.requests[-1].headers
    settings = Settings.build({"allow_private": True, "no_cache": True})

    async def with_httpx() -> None:
        transport = httpx.AsyncHTTPTransport()
        async with Fetcher(settings, transport_factory=lambda host: transport) as fetcher:
            await fetcher.fetch(a.url("/headers"))

    asyncio.run(with_httpx())
    theirs = a.requests[-1].headers
    assert list(ours.items()) == list(theirs.items())


def test_a_proxy_named_in_the_environment_is_used(
    a: LocalHost, b: LocalHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    """httpx honours HTTP_PROXY; with one set, httpx sends (the `claimcheck.wire` path has no proxies)."""
    target = a.url("/via-proxy")
    b.route(target, Reply(200, PAGE))  # a proxy sees the absolute URL as the request target
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", b.base_url)
    result = one(target)
    assert result.status is LinkStatus.OK
    assert (b.hits(target), a.hits("/via-proxy")) == (1, 0)


def test_behind_a_proxy_a_name_that_does_not_resolve_here_is_left_to_the_proxy(
    b: LocalHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A network that sends everything through a proxy often resolves no outside name itself;
    without a proxy, the same name is `dead`."""

    async def resolver(host: str) -> list[str]:
        raise ResolveError(f"DNS lookup failed for {host}: no such name")

    target = "http://outside.example/page"
    b.route(target, Reply(200, PAGE))
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", b.base_url)
    assert one(target, allow_private=False, resolver=resolver).status is LinkStatus.OK
    assert b.hits(target) == 1
    monkeypatch.setenv("NO_PROXY", "outside.example")
    assert one(target, allow_private=False, resolver=resolver).status is LinkStatus.DEAD
    monkeypatch.delenv("HTTP_PROXY")
    monkeypatch.delenv("NO_PROXY")
    result = one(target, allow_private=False, resolver=resolver)
    assert (result.status, result.error) == (LinkStatus.DEAD, "DNS lookup failed")
    assert b.hits(target) == 1


def test_a_previous_answers_extra_bytes_are_not_charged_to_the_next_url() -> None:
    # The server says Content-Length: 10 for /long and sends a whole page: the leftover bytes
    # wait on the kept-alive connection and make the next answer unreadable. The next URL, a
    # good page, is retried on a new connection instead of being reported `error`.
    page = b"<!doctype html><title>Fine</title><p>hello there</p>"
    listener = socket.create_server(("127.0.0.61", 0))
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    stop = threading.Event()

    def talk(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            while not stop.is_set():
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    data += chunk
                head, _, data = data.partition(b"\r\n\r\n")
                length = 10 if b" /long " in head else len(page)
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    b"Content-Length: %d\r\n\r\n%s" % (length, page)
                )

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=talk, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.61:{port}"
        long, good = fetch([f"{base}/long", f"{base}/good"], host_concurrency=1)
    finally:
        stop.set()
        thread.join(2)
        listener.close()
    assert long.status is LinkStatus.OK
    assert (good.status, good.body) == (LinkStatus.OK, page)
