"""A real threaded HTTP/1.1 server on 127.0.0.x with programmable routes, for integration tests.

Each `LocalHost` is one loopback address (127.0.0.2, 127.0.0.3, ...) on a free port, so several of
them look like several hosts to the fetcher (one client, one semaphore, one interval each). Every
host counts its requests per path and the most requests it ever had in flight at once, which is
how the tests prove the per-host limit holds.

Usage::

    with serve(hosts=2) as (a, b):
        a.route("/ok", Reply(200, b"<html><title>hi</title></html>", content_type="text/html"))
        a.route("/flaky", [Reply(503), Reply(200, b"fine")])  # one per hit, the last repeats
        a.route("/echo", lambda req: Reply(200, req.headers.get("user-agent", "").encode()))
        b.route("/moved", Reply.redirect(a.url("/ok"), 301))
        ... fetch a.url("/flaky") ...
        assert a.hits("/flaky") == 2
        assert a.max_in_flight <= 4

A path without a route answers 404. `Reply` can wait before answering (`delay`), trickle its body
(`trickle=(bytes, seconds)`), use chunked encoding, or drop the connection without answering
(`drop=True`) or with a TCP reset (`reset=True`).

Bounded: only addresses 127.0.0.2-127.0.0.30 are used (`serve(hosts=...)` refuses more), sockets
time out after `CONNECTION_TIMEOUT` seconds, and `serve()` shuts every host down on exit, even if
a test fails inside it.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FIRST_ADDRESS = 2  # 127.0.0.1 is left to everything else on the machine
LAST_ADDRESS = 30
#: A connection idle this long is closed, so a client that never finishes cannot pin a thread.
CONNECTION_TIMEOUT = 10.0


@dataclass(frozen=True)
class Request:
    """What the server received: method, path (with query), headers (lower-case names)."""

    method: str
    path: str
    headers: dict[str, str]
    client: str
    at: float  # time.monotonic() when the request line arrived


@dataclass(frozen=True)
class Reply:
    """What a route answers. `headers` are sent as given; `Content-Length` is added unless chunked."""

    status: int = 200
    body: bytes = b""
    headers: Sequence[tuple[str, str]] = ()
    content_type: str | None = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds to wait before the status line
    trickle: tuple[int, float] | None = None  # send the body N bytes at a time, every S seconds
    chunked: bool = False
    drop: bool = False  # close the connection without answering
    reset: bool = False  # reset the connection (RST) without answering

    @classmethod
    def redirect(cls, location: str, status: int = 301) -> Reply:
        """A redirect to `location`."""
        return cls(status, b"", headers=[("Location", location)], content_type=None)


Route = Reply | Sequence[Reply] | Callable[[Request], Reply]


@dataclass
class LocalHost:
    """One server on one loopback address. Thread-safe counters; see the module docstring."""

    address: str
    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    _hits: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """`http://127.0.0.N:PORT`."""
        return f"http://{self.address}:{self.port}"

    def url(self, path: str = "/") -> str:
        """The absolute URL of `path` on this host."""
        return self.base_url + path

    def route(self, path: str, reply: Route) -> LocalHost:
        """Answer `path` (exact match, query included if given) with `reply`."""
        with self._lock:
            self.routes[path] = reply
        return self

    def hits(self, path: str) -> int:
        """How many requests reached `path`."""
        with self._lock:
            return self._hits[path]

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Wait until no request is in flight (a previous test's slow answer may still run)."""
        deadline = time.monotonic() + timeout
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.01)

    def reset_counters(self) -> None:
        """Forget hits, recorded requests and the in-flight maximum."""
        with self._lock:
            self._hits.clear()
            self.requests.clear()
            self.max_in_flight = self.in_flight

    # ------------------------------------------------------------------ server side

    def _enter(self, request: Request) -> Reply:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.requests.append(request)
            path = request.path if request.path in self.routes else request.path.split("?")[0]
            n = self._hits[path]
            self._hits[path] += 1
            route = self.routes.get(path)
        if route is None:
            return Reply(404, b"<html><title>Not found</title></html>")
        if isinstance(route, Reply):
            return route
        if callable(route):
            return route(request)
        return route[min(n, len(route) - 1)]

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def start(self) -> None:
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
            timeout = CONNECTION_TIMEOUT

            def do_GET(self) -> None:
                request = Request(
                    method=self.command,
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    client=self.client_address[0],
                    at=time.monotonic(),
                )
                reply = host._enter(request)
                try:
                    self._answer(reply)
                finally:
                    host._leave()

            do_HEAD = do_GET

            def _answer(self, reply: Reply) -> None:
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.reset:
                    # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
                    linger = struct.pack("ii", 1, 0)
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                    self.close_connection = True
                    return
                if reply.drop:
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                for name, value in reply.headers:
                    self.send_header(name, value)
                if reply.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                else:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if self.command == "HEAD":
                    return
                step, pause = reply.trickle or (len(reply.body) or 1, 0.0)
                for i in range(0, len(reply.body), step):
                    piece = reply.body[i : i + step]
                    if reply.chunked:
                        piece = b"%x\r\n%s\r\n" % (len(piece), piece)
                    self.wfile.write(piece)
                    self.wfile.flush()
                    if pause:
                        time.sleep(pause)
                if reply.chunked:
                    self.wfile.write(b"0\r\n\r\n")

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # keep test output clean

            def handle(self) -> None:
                with contextlib.suppress(ConnectionError, TimeoutError, OSError):
                    super().handle()

        server = ThreadingHTTPServer((self.address, self.port), Handler)  # 0: any free port
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        self.port = server.server_address[1]
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@contextlib.contextmanager
def serve(hosts: int = 1, *, first: int = FIRST_ADDRESS) -> Iterator[list[LocalHost]]:
    """Start `hosts` servers on 127.0.0.`first`, `first+1`, ...; stop them all on exit."""
    last = first + hosts - 1
    if first < FIRST_ADDRESS or last > LAST_ADDRESS:
        raise ValueError(
            f"only 127.0.0.{FIRST_ADDRESS}-{LAST_ADDRESS} are used; asked {first}-{last}"
        )
    started: list[LocalHost] = []
    try:
        for n in range(first, last + 1):
            host = LocalHost(f"127.0.0.{n}")
            host.start()
            started.append(host)
        yield started
    finally:
        for host in started:
            host.stop()
