"""A fault-injecting HTTP server on loopback addresses that stops by itself (issue 7).

`FaultServer` speaks HTTP/1.1 over raw sockets so it can misbehave in ways a real framework would
not let it: trickle a body a byte at a time, reset the connection half-way, never finish its
headers, stream ten gigabytes, answer with bytes that are not HTTP at all. One server listens on
several loopback addresses (127.0.0.x, `::1`, optionally with TLS); every path is a *behaviour*,
a callable that gets the parsed request as an `Exchange` and writes whatever it likes.

Everything is bounded in time: the server shuts down after `lifetime` seconds even if nobody calls
`stop()`, and every connection is closed after `connection_budget` seconds, so a client that never
gives up cannot keep a test process alive.

`GUARD` is the other half of "no connection attempted": while it is watching, an audit hook refuses
(and records) every `socket.connect` to a non-loopback address and every DNS lookup of a name, so
a redirect to 169.254.169.254 or 10.0.0.1 can never leave the machine even if claimcheck fails to
refuse it — the test then sees the recorded attempt and fails loudly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import ipaddress
import logging
import selectors
import socket
import ssl
import struct
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import brotli

logger = logging.getLogger(__name__)

#: Largest request head we read; a client sending more is itself misbehaving.
MAX_HEAD = 64 * 1024
#: Seconds a client may take to send its request head.
HEAD_TIMEOUT = 5.0
#: Seconds the whole server lives unless stopped earlier; longer than any scenario's timeout sum.
DEFAULT_LIFETIME = 120.0
#: Seconds one connection may last; a trickle or an endless body stops here at the latest.
DEFAULT_CONNECTION_BUDGET = 30.0

Handler = Callable[["Exchange"], None]


# ----------------------------------------------------------------------------- connect guard


def _is_loopback(host: str) -> bool:
    if host.lower() in {"localhost", "localhost.localdomain", "ip6-localhost"}:
        return True
    try:
        addr = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped.is_loopback
    return addr.is_loopback


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


class ConnectGuard:
    """Refuses every connection to a non-loopback address, and every DNS lookup, while watching.

    Implemented as a `sys.addaudithook` hook (the `socket.connect` and `socket.getaddrinfo` audit
    events fire in C for every caller, asyncio and threads included), installed once per process
    and inert until `watch()` is entered. A refused connect raises `PermissionError`; a refused
    lookup raises `socket.gaierror` (what a missing DNS name looks like). Both are recorded.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._installed = False
        self.connects: list[str] = []
        self.lookups: list[str] = []

    @contextlib.contextmanager
    def watch(self) -> Iterator[ConnectGuard]:
        """Guard the `with` block; `connects`/`lookups` hold only what happened inside it."""
        with self._lock:
            if not self._installed:
                sys.addaudithook(self._hook)
                self._installed = True
            if self._active == 0:
                self.connects.clear()
                self.lookups.clear()
            self._active += 1
        try:
            yield self
        finally:
            with self._lock:
                self._active -= 1

    def _hook(self, event: str, args: tuple[object, ...]) -> None:
        if not self._active:
            return
        if event == "socket.connect":
            address = args[1]
            if not isinstance(address, tuple) or not address:
                return  # AF_UNIX and friends never leave the machine
            host = str(address[0])
            if not _is_loopback(host):
                self.connects.append(f"{host}:{address[1] if len(address) > 1 else ''}")
                raise PermissionError(f"fault-test guard: connection to {host} blocked")
        elif event == "socket.getaddrinfo":
            raw = args[0]
            if raw is None:
                return
            host = raw.decode("ascii", "replace") if isinstance(raw, bytes) else str(raw)
            if not _is_ip_literal(host) and not _is_loopback(host):
                self.lookups.append(host)
                raise socket.gaierror(socket.EAI_NONAME, f"fault-test guard: no DNS for {host}")


#: The process-wide guard; use `with GUARD.watch() as guard: ...`.
GUARD = ConnectGuard()


# ----------------------------------------------------------------------------- the server


@dataclass
class Exchange:
    """One request on one connection, handed to a behaviour.

    `attempt` counts requests to this path since the server started (1 for the first), which is
    how "503 twice, then 200" is written.
    """

    server: FaultServer
    sock: socket.socket
    method: str
    target: str
    headers: dict[str, str]
    attempt: int
    local: tuple[str, int]
    deadline: float

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def alive(self) -> bool:
        """False once the server stops or this connection has used up its budget."""
        return not self.server.stopped and time.monotonic() < self.deadline

    def send(self, data: bytes) -> bool:
        """Write `data`; False when the client has gone away."""
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True

    def sleep(self, seconds: float) -> bool:
        """Wait, waking early if the server stops; returns `alive`."""
        remaining = min(seconds, max(0.0, self.deadline - time.monotonic()))
        self.server._stop.wait(remaining)
        return self.alive

    def head(
        self,
        status: int,
        headers: Iterable[tuple[str, str]] = (),
        *,
        reason: str | None = None,
    ) -> bool:
        """Send a status line and headers (nothing else added)."""
        lines = [f"HTTP/1.1 {status} {reason or _REASONS.get(status, 'Status')}"]
        lines += [f"{k}: {v}" for k, v in headers]
        return self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def respond(
        self,
        status: int,
        body: bytes = b"",
        headers: Iterable[tuple[str, str]] = (),
        *,
        content_type: str | None = "text/html; charset=utf-8",
    ) -> bool:
        """A complete, well-formed response with `Content-Length` and `Connection: close`."""
        all_headers = list(headers)
        names = {k.lower() for k, _ in all_headers}
        if content_type and "content-type" not in names:
            all_headers.append(("Content-Type", content_type))
        if "content-length" not in names:
            all_headers.append(("Content-Length", str(len(body))))
        all_headers.append(("Connection", "close"))
        if not self.head(status, all_headers):
            return False
        return self.method == "HEAD" or self.send(body)

    def reset(self) -> None:
        """Abort the connection with a TCP RST (linger 0) instead of an orderly close."""
        with contextlib.suppress(OSError):
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with contextlib.suppress(OSError):
            self.sock.close()


@dataclass(frozen=True)
class Hit:
    """One request the server saw."""

    method: str
    path: str
    local: tuple[str, int]
    at: float


@dataclass
class _Listener:
    host: str
    sock: socket.socket
    tls: ssl.SSLContext | None

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    @property
    def base_url(self) -> str:
        scheme = "https" if self.tls else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"


class FaultServer:
    """A raw-socket HTTP server on one or more loopback addresses; see the module docstring.

    Use it as a context manager, or `start()`/`stop()`. Call `listen()` for each address before
    `start()`, and `route()` at any time.
    """

    def __init__(
        self,
        *,
        lifetime: float = DEFAULT_LIFETIME,
        connection_budget: float = DEFAULT_CONNECTION_BUDGET,
    ) -> None:
        self.lifetime = lifetime
        self.connection_budget = connection_budget
        self._listeners: list[_Listener] = []
        self._routes: dict[str, Handler] = {}
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._workers: list[threading.Thread] = []
        self.hits: list[Hit] = []
        self.connections = 0
        self.tls_failures: list[str] = []
        self.errors: list[str] = []  # behaviours that raised something other than OSError

    # ------------------------------------------------------------------ set-up

    def listen(self, host: str = "127.0.0.1", *, tls: ssl.SSLContext | None = None) -> str:
        """Bind a free port on loopback `host`; returns its base URL (`http://127.0.0.9:41234`)."""
        if not _is_loopback(host):
            raise ValueError(f"the fault server binds loopback addresses only, not {host}")
        if self._thread is not None:
            raise RuntimeError("listen() before start()")
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, 0))
        sock.listen(64)
        sock.setblocking(False)
        listener = _Listener(host, sock, tls)
        self._listeners.append(listener)
        return listener.base_url

    def route(self, path: str, handler: Handler) -> None:
        """Serve `path` (exact match, query string ignored) with `handler`."""
        with self._lock:
            self._routes[path] = handler

    def count(self, path: str) -> int:
        """How many requests `path` has had."""
        with self._lock:
            return self._counts[path]

    def hits_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    # ------------------------------------------------------------------ running

    def start(self) -> FaultServer:
        if not self._listeners:
            self.listen()
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._accept_loop, name="fault-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        for worker in list(self._workers):
            worker.join(timeout=2)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _accept_loop(self) -> None:
        selector = selectors.DefaultSelector()
        for listener in self._listeners:
            selector.register(listener.sock, selectors.EVENT_READ, listener)
        deadline = self._started + self.lifetime
        try:
            while not self._stop.is_set() and time.monotonic() < deadline:
                for key, _ in selector.select(timeout=0.05):
                    listener = key.data
                    try:
                        conn, _addr = listener.sock.accept()
                    except OSError:
                        continue
                    conn.setblocking(True)
                    worker = threading.Thread(
                        target=self._serve, args=(conn, listener), name="fault-conn", daemon=True
                    )
                    with self._lock:
                        self.connections += 1
                        self._workers = [w for w in self._workers if w.is_alive()]
                        self._workers.append(worker)
                    worker.start()
        finally:
            self._stop.set()  # a server that outlived its lifetime tells its workers to stop too
            selector.close()
            for listener in self._listeners:
                listener.sock.close()

    def _serve(self, conn: socket.socket, listener: _Listener) -> None:
        deadline = time.monotonic() + self.connection_budget
        sock: socket.socket = conn
        try:
            sock.settimeout(HEAD_TIMEOUT)
            if listener.tls is not None:
                try:
                    sock = listener.tls.wrap_socket(conn, server_side=True)
                except (ssl.SSLError, OSError) as exc:
                    with self._lock:
                        self.tls_failures.append(f"{type(exc).__name__}: {exc}")
                    return
            head = _read_head(sock, min(deadline, time.monotonic() + HEAD_TIMEOUT))
            if head is None:
                return
            method, target, headers = head
            path = target.split("?", 1)[0]
            local = sock.getsockname()
            with self._lock:
                self._counts[path] += 1
                attempt = self._counts[path]
                self.hits.append(Hit(method, path, (str(local[0]), int(local[1])), time.time()))
                handler = self._routes.get(path)
            # Writes may block on a full socket buffer; a client that stops reading must not pin
            # this thread past the connection budget.
            sock.settimeout(1.0)
            exchange = Exchange(
                self, sock, method, target, headers, attempt, (str(local[0]), local[1]), deadline
            )
            if handler is None:
                exchange.respond(404, b"<html><body><p>no such fault</p></body></html>")
                return
            try:
                handler(exchange)
            except OSError:
                pass  # the client went away: that is what clients facing faults do
            except Exception as exc:  # a broken behaviour must fail the test, not hang it
                logger.exception("fault behaviour for %s raised", path)
                with self._lock:
                    self.errors.append(f"{path}: {type(exc).__name__}: {exc}")
        finally:
            with contextlib.suppress(OSError):
                sock.close()


def _read_head(sock: socket.socket, deadline: float) -> tuple[str, str, dict[str, str]] | None:
    buf = b""
    while b"\r\n\r\n" not in buf:
        if len(buf) > MAX_HEAD or time.monotonic() > deadline:
            return None
        try:
            chunk = sock.recv(4096)
        except (TimeoutError, OSError):
            return None
        if not chunk:
            return None
        buf += chunk
    text = buf.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    lines = text.split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        return None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return parts[0].upper(), parts[1], headers


_REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


# ----------------------------------------------------------------------------- behaviours


def static(
    body: bytes,
    *,
    status: int = 200,
    content_type: str | None = "text/html; charset=utf-8",
    headers: Sequence[tuple[str, str]] = (),
) -> Handler:
    """A well-formed response, the same every time."""

    def handler(ex: Exchange) -> None:
        ex.respond(status, body, headers, content_type=content_type)

    return handler


def sequence(*handlers: Handler) -> Handler:
    """The n-th request gets the n-th behaviour; later ones get the last."""

    def handler(ex: Exchange) -> None:
        handlers[min(ex.attempt, len(handlers)) - 1](ex)

    return handler


def redirect(location: str, status: int = 302) -> Handler:
    return static(b"", status=status, content_type=None, headers=[("Location", location)])


def head_not_allowed(get: Handler) -> Handler:
    """`HEAD` answers 405; any other method is served by `get`."""

    def handler(ex: Exchange) -> None:
        if ex.method == "HEAD":
            ex.respond(405, b"", [("Allow", "GET")], content_type=None)
        else:
            get(ex)

    return handler


def trickle(
    *, declared: int = 100_000, interval: float = 0.1, content_type: str = "text/html"
) -> Handler:
    """Slowloris from the server side: valid headers, then one body byte per `interval`."""

    def handler(ex: Exchange) -> None:
        if not ex.head(
            200,
            [
                ("Content-Type", content_type),
                ("Content-Length", str(declared)),
                ("Connection", "close"),
            ],
        ):
            return
        for _ in range(declared):
            if not ex.send(b"x") or not ex.sleep(interval):
                return

    return handler


def reset_mid_body(*, declared: int = 200_000, sent: int = 4096) -> Handler:
    """Promise `declared` bytes, send `sent`, then abort with a TCP reset."""

    def handler(ex: Exchange) -> None:
        ex.head(
            200,
            [
                ("Content-Type", "text/html"),
                ("Content-Length", str(declared)),
                ("Connection", "close"),
            ],
        )
        ex.send(b"<html><body><p>" + b"a" * sent)
        time.sleep(0.05)  # let the bytes leave before the RST overtakes them
        ex.reset()

    return handler


def endless_headers(*, interval: float = 0.05) -> Handler:
    """A status line, then one more header line every `interval`, never the blank line."""

    def handler(ex: Exchange) -> None:
        if not ex.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"):
            return
        n = 0
        while ex.sleep(interval):
            n += 1
            if not ex.send(f"X-Never-Ending-{n}: {'z' * 32}\r\n".encode()):
                return

    return handler


def endless_body(*, declared: int | None, chunked: bool = False, chunk: int = 64 * 1024) -> Handler:
    """Stream zeros for as long as the client reads (generated on the fly, never held).

    `declared` is the `Content-Length` to claim (10 GB in the scenario); `None` sends no length,
    either chunked or delimited by closing the connection.
    """
    block = b"0" * chunk

    def handler(ex: Exchange) -> None:
        headers = [("Content-Type", "text/plain"), ("Connection", "close")]
        if declared is not None:
            headers.append(("Content-Length", str(declared)))
        elif chunked:
            headers.append(("Transfer-Encoding", "chunked"))
        if not ex.head(200, headers):
            return
        framed = f"{len(block):x}\r\n".encode() + block + b"\r\n" if chunked else block
        sent = 0
        limit = declared if declared is not None else 1 << 62
        while sent < limit and ex.alive:
            if not ex.send(framed):
                return
            sent += len(block)

    return handler


def raw(data: bytes, *, close: str = "close") -> Handler:
    """Answer the request with `data` verbatim (garbage that is not HTTP, say)."""

    def handler(ex: Exchange) -> None:
        ex.send(data)
        if close == "reset":
            ex.reset()

    return handler


# ----------------------------------------------------------------------------- payloads


def http_date(when: float) -> str:
    """`when` (a POSIX time) as an IMF-fixdate, the form `Retry-After` and `Date` use."""
    return email.utils.formatdate(when, usegmt=True)


def gzip_bomb(size: int, *, block: int = 1 << 20) -> bytes:
    """A gzip stream that inflates to `size` zero bytes (rounded up to `block`).

    Built without compressing `size` bytes: after a full flush deflate's state is reset, so
    compressing the same block again yields the same bytes, and the stream is that block repeated.
    1 GiB comes out at about 1 MB on the wire (a ratio of ~1000, deflate's ceiling).
    """
    n = -(-size // block)
    zeros = bytes(block)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    unit = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00" + b"\x00\x00\x00\x00" + b"\x02\xff"
    trailer = struct.pack("<II", crc & 0xFFFFFFFF, (n * block) & 0xFFFFFFFF)
    return header + unit * n + tail + trailer


def brotli_bomb(size: int, *, block: int = 1 << 20) -> bytes:
    """A brotli stream that inflates to `size` zero bytes (1 GiB is under 2 kB on the wire)."""
    comp = brotli.Compressor(quality=5)
    zeros = bytes(block)
    parts = [comp.process(zeros) for _ in range(-(-size // block))]
    parts.append(comp.finish())
    return b"".join(parts)


@dataclass(frozen=True)
class TLSMaterial:
    """A self-signed certificate for some loopback addresses, and a server context using it."""

    context: ssl.SSLContext
    cert_pem: Path
    directory: Path
    hosts: tuple[str, ...] = field(default=())


def self_signed_tls(hosts: Sequence[str], directory: Path | None = None) -> TLSMaterial:
    """Generate a fresh P-256 key and a self-signed certificate valid for `hosts` (IP SANs)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "claimcheck fault server")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(h)) for h in hosts]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    folder = directory or Path(tempfile.mkdtemp(prefix="claimcheck-tls-"))
    cert_pem = folder / "cert.pem"
    key_pem = folder / "key.pem"
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_pem, key_pem)
    return TLSMaterial(context, cert_pem, folder, tuple(hosts))
