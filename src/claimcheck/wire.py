"""HTTP/1.1 on asyncio for `claimcheck.fetch`: URLs, headers, and one keep-alive connection.

The fetcher's live path (`fetch._CoreSession`) sends its GETs through this module: an `URL` parsed
once per cited URL, requests written and responses read by `h11` over an asyncio transport
(`AsyncioStream`), response headers in a small case-insensitive `Headers`. It imports neither
httpx nor httpcore: on `bench/links` the two took ~0.1 s to import (httpcore pulls in anyio and,
where it is installed, trio) and about a third of the CPU per request went to httpx's URL model,
httpcore's locks and tracing, and anyio. httpx is still imported when a URL is not in the plain
form `parse_url` reads itself (non-ASCII, user info, characters to quote...): its parser then
decides, so every URL gets exactly httpx's normal form and httpx's error for a bad one.

The exceptions mirror httpcore's (`ConnectError`, `ReadTimeout`...), so the fetcher tells
timeouts, resets and protocol errors apart the same way whichever session sent the request.
"""

from __future__ import annotations

import asyncio
import logging
import re
import ssl
import time
from collections.abc import AsyncGenerator, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast, overload
from urllib.parse import urljoin

import h11

logger = logging.getLogger(__name__)

__all__ = [
    "URL",
    "AsyncioStream",
    "ConnectError",
    "ConnectTimeout",
    "DecodingError",
    "HTTP11Connection",
    "Headers",
    "InvalidURL",
    "ProtocolError",
    "ReadError",
    "ReadTimeout",
    "RemoteProtocolError",
    "StreamProtocol",
    "WireError",
    "WireTimeout",
    "WriteError",
    "WriteTimeout",
    "connect_tcp",
    "join_url",
    "parse_url",
]


# --------------------------------------------------------------------------- errors


class WireError(Exception):
    """A request that produced no usable response."""


class WireTimeout(WireError):
    """A connect, read or write step took longer than its timeout."""


class ConnectTimeout(WireTimeout):
    pass


class ReadTimeout(WireTimeout):
    pass


class WriteTimeout(WireTimeout):
    pass


class ConnectError(WireError):
    """The connection could not be made (refused, unreachable, DNS, TLS handshake)."""


class ReadError(WireError):
    pass


class WriteError(WireError):
    pass


class ProtocolError(WireError):
    """What the server sent (or what we were about to send) is not valid HTTP/1.1."""


class RemoteProtocolError(ProtocolError):
    pass


class DecodingError(WireError):
    """A body whose `Content-Encoding` cannot be undone (broken gzip or brotli data)."""


class InvalidURL(ValueError):
    """A URL that cannot be requested; the message is httpx's."""


# --------------------------------------------------------------------------- URLs


@dataclass(frozen=True, slots=True)
class URL:
    """An absolute URL in httpx's normal form, without its fragment, ready to request.

    `host` is httpx's `URL.host` (an IDNA name decoded to Unicode), `raw_host` the ASCII form that
    is connected to; `target` is the request target (path, `/` when empty, and query);
    `netloc` is the `Host` header.
    """

    text: str
    scheme: str
    host: str
    raw_host: bytes
    port: int | None  # None: the scheme's default
    target: bytes
    netloc: bytes
    userinfo: bytes

    def __str__(self) -> str:
        return self.text

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else _DEFAULT_PORTS[self.scheme]


_DEFAULT_PORTS = {"http": 80, "https": 443}

#: The plain form `parse_url` reads itself: http(s), an ASCII host name or IPv4 address, a port,
#: a path and query of characters httpx leaves as they are (its path and query "safe" sets:
#: printable ASCII but space `"` `#` `<` `>`, and in a path also `?` `` ` `` `{` `}`), and any
#: fragment of printable characters. Anything else goes to httpx's parser.
_PLAIN_URL = re.compile(
    r"(https?)://([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?)(?::([0-9]{0,5}))?"
    r"(/[!$%&'()*+,\-./0-9:;=@A-Z\[\\\]^_a-z|~]*)?"
    r"(\?[!$%&'()*+,\-./0-9:;=?@A-Z\[\\\]^_`a-z{|}~]*)?"
    r"(?:#[^\x00-\x1f\x7f]*)?"
)
_IPV4_STYLE = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")
_IPV4_OCTET = re.compile(r"0|[1-9][0-9]{0,2}")
#: httpx's limit on a URL's length.
_MAX_URL_LENGTH = 65536


def parse_url(text: str) -> URL:
    """Parse an absolute URL as httpx would; `InvalidURL` (httpx's message) when it is not valid."""
    m = _PLAIN_URL.fullmatch(text)
    if m is None or len(text) > _MAX_URL_LENGTH:
        return _parse_with_httpx(text)
    scheme, host, port_text, path, query = m.groups()
    host = host.lower()
    if host.startswith("xn--") or ("/." in path if path else False):
        return _parse_with_httpx(text)  # an IDNA name to decode, or dot segments to resolve
    if _IPV4_STYLE.fullmatch(host) and not all(
        _IPV4_OCTET.fullmatch(o) and int(o) < 256 for o in host.split(".")
    ):
        return _parse_with_httpx(text)  # not a valid address: httpx says why
    port = int(port_text) if port_text else None
    if port == _DEFAULT_PORTS[scheme]:
        port = None
    netloc = host if port is None else f"{host}:{port}"
    path = path or ""
    query = query or ""
    return URL(
        text=f"{scheme}://{netloc}{path}{query}",
        scheme=scheme,
        host=host,
        raw_host=host.encode("ascii"),
        port=port,
        target=((path or "/") + query).encode("ascii"),
        netloc=netloc.encode("ascii"),
        userinfo=b"",
    )


def join_url(base: URL, location: str) -> URL:
    """Resolve a `Location` against `base` as httpx's `URL.join` does, without the fragment."""
    if _PLAIN_REFERENCE.fullmatch(location) and len(location) <= _MAX_URL_LENGTH:
        try:
            joined = urljoin(base.text, location)
        except ValueError as exc:  # "Invalid IPv6 URL": a stray `[` in the host
            raise InvalidURL(str(exc)) from None
        return parse_url(joined)
    import httpx

    try:
        return parse_url(str(httpx.URL(base.text).join(location)))
    except httpx.InvalidURL as exc:
        raise InvalidURL(str(exc)) from None
    except InvalidURL:
        raise
    except ValueError as exc:  # urljoin's, as above
        raise InvalidURL(str(exc)) from None


#: A `Location` of the two usual shapes, an http(s) URL with a plain host or an absolute path, made of
#: characters httpx would not quote in a path or query (`_PLAIN_URL`'s sets less `[` and `]`,
#: which it would quote in a host): httpx's `URL(location)` leaves it as it is, so `urljoin` sees
#: the string httpx would give it. Other shapes (relative paths, `//host`, a leading `:`, which
#: httpx drops) go to httpx.
_PLAIN_REFERENCE = re.compile(
    r"(?:https?://[A-Za-z0-9_.-]+(?::[0-9]*)?(?=[/?#]|\Z)|/(?!/))"
    r"[!$%&'()*+,\-./0-9:;=@A-Z\\^_a-z|~]*"
    r"(\?[!$%&'()*+,\-./0-9:;=?@A-Z\\^_`a-z{|}~]*)?"
    r"(?:#[^\x00-\x1f\x7f]*)?"
)


def _parse_with_httpx(text: str) -> URL:
    import httpx

    try:
        url = httpx.URL(text).copy_with(fragment=None)
        host = url.host  # decodes an IDNA name, which may be invalid (`xn--a&b`)
    except httpx.InvalidURL as exc:
        raise InvalidURL(str(exc)) from None
    except UnicodeError as exc:  # idna.IDNAError
        raise InvalidURL(f"Invalid IDNA hostname: {exc}") from None
    return URL(
        text=str(url),
        scheme=url.scheme,
        host=host,
        raw_host=url.raw_host,
        port=url.port,
        target=url.raw_path,
        netloc=url.netloc,
        userinfo=url.userinfo,
    )


# --------------------------------------------------------------------------- headers


class Headers:
    """Response headers: case-insensitive, repeated names kept, as `httpx.Headers` reads them.

    Names are lowercased; `get` and `[]` join a repeated header's values with ", ", and
    `multi_items()` lists every (name, value) in order, the shape `FetchResult.headers` stores.
    """

    __slots__ = ("_items", "_joined")

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        self._items = [(k.lower(), v) for k, v in items]
        joined: dict[str, str] = {}
        for k, v in self._items:
            joined[k] = f"{joined[k]}, {v}" if k in joined else v
        self._joined = joined

    @classmethod
    def from_raw(cls, raw: Sequence[tuple[bytes, bytes]]) -> Headers:
        """Decode raw header bytes as httpx does: ASCII, else UTF-8, else ISO-8859-1."""
        for encoding in ("ascii", "utf-8"):
            try:
                return cls((k.decode(encoding), v.decode(encoding)) for k, v in raw)
            except UnicodeDecodeError:
                continue
        return cls((k.decode("iso-8859-1"), v.decode("iso-8859-1")) for k, v in raw)

    @overload
    def get(self, name: str) -> str | None: ...

    @overload
    def get(self, name: str, default: str) -> str: ...

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._joined.get(name.lower(), default)

    def __getitem__(self, name: str) -> str:
        return self._joined[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._joined

    def multi_items(self) -> list[tuple[str, str]]:
        return list(self._items)

    def __repr__(self) -> str:
        return f"Headers({self._items!r})"


# --------------------------------------------------------------------------- the asyncio stream

#: `AsyncioStream` stops reading from the socket while this much is buffered and unread, and
#: resumes below a quarter of it: bounded memory for a body that arrives faster than we read.
READ_HIGH_WATER = 256 * 1024
#: Try the next address of a name this long after the previous one if it has not connected
#: yet (RFC 8305's recommended 250 ms; anyio, which httpcore used, does the same).
HAPPY_EYEBALLS_DELAY = 0.25


class StreamProtocol(asyncio.Protocol):
    """Buffers what arrives on one connection until `AsyncioStream.read` takes it."""

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
    future: asyncio.Future[None], timeout: float | None, error: type[WireTimeout], what: str
) -> None:
    """Wait for `future`; past `timeout` raise `error` ("<what> within N s")."""
    try:
        async with asyncio.timeout(timeout):
            await future
    except TimeoutError:
        raise error(f"{what} within {timeout:g} s") from None


class AsyncioStream:
    """A byte stream on an asyncio transport.

    A read returns buffered bytes at once or waits on one future; a write goes straight to the
    transport and waits only when its buffer is full; `is_readable()` is answered from state.
    (anyio's cancel scope, exception mapping and checkpoint on every read and write were a third
    of the CPU per request in `bench/links` when httpcore ran on it.)
    """

    def __init__(self, transport: asyncio.Transport, protocol: StreamProtocol) -> None:
        self._transport = transport
        self._protocol = protocol

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        p = self._protocol
        if not p.buffer and not p.eof:
            p.waiter = asyncio.get_running_loop().create_future()
            try:
                await _wait(p.waiter, timeout, ReadTimeout, "no data")
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
            raise ReadError(str(p.error) or type(p.error).__name__) from p.error
        return b""

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        p = self._protocol
        if p.eof or self._transport.is_closing():
            raise WriteError("the connection is closed")
        self._transport.write(buffer)
        if not p.writing_paused:
            return
        p.drain = asyncio.get_running_loop().create_future()
        try:
            await _wait(p.drain, timeout, WriteTimeout, "could not send")
        finally:
            p.drain = None
        if p.error is not None:
            raise WriteError(str(p.error)) from p.error

    def close(self) -> None:
        """Close at once: a cancelled request must not leave the socket open."""
        if self._transport.get_extra_info("ssl_object") is not None:
            # No TLS close_notify, as httpcore on anyio did (`standard_compatible=False`):
            # asyncio's graceful TLS shutdown waits for the peer and can outlive the event loop,
            # leaving the socket open when a run ends.
            self._transport.abort()
        else:
            self._transport.close()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str, timeout: float | None = None
    ) -> AsyncioStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                transport = await loop.start_tls(
                    self._transport, self._protocol, ssl_context, server_hostname=server_hostname
                )
        except TimeoutError:
            self._transport.abort()
            raise ConnectTimeout(f"TLS handshake not done within {timeout:g} s") from None
        except (ssl.SSLError, OSError) as exc:
            self._transport.abort()
            raise ConnectError(str(exc)) from exc
        assert transport is not None  # None only for a server-side or closed transport
        self._protocol.transport = transport
        return AsyncioStream(transport, self._protocol)

    def is_readable(self) -> bool:
        """Data or an EOF on an idle keep-alive connection: the server is done with it."""
        return bool(self._protocol.buffer) or self._protocol.eof


async def connect_tcp(
    host: str, port: int, timeout: float | None = None, *, addresses: Sequence[str] = ()
) -> AsyncioStream:
    """Open a TCP connection to `addresses` (IP literals), else to `host` (an IP literal too);
    `ConnectError`/`ConnectTimeout`.

    No DNS lookup, so the address the caller checked is the one reached. Several addresses are
    tried as the event loop tries a name's (RFC 8305: families interleaved, the next one started
    `HAPPY_EYEBALLS_DELAY` after the last, or at once when it fails), the first to connect wins.
    """
    targets = list(addresses) or [host]
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(timeout):
            if len(targets) > 1:
                transport, protocol = await _first_to_connect(loop, _interleave(targets), port)
            else:
                transport, protocol = await loop.create_connection(StreamProtocol, targets[0], port)
    except TimeoutError:
        raise ConnectTimeout(f"not connected within {timeout:g} s") from None
    except OSError as exc:
        raise ConnectError(str(exc)) from exc
    return AsyncioStream(cast(asyncio.Transport, transport), protocol)


def _interleave(addresses: Sequence[str]) -> list[str]:
    """The addresses with families alternating, the first address's family first (RFC 8305)."""
    first = ":" in addresses[0]
    same = [a for a in addresses if (":" in a) == first]
    other = [a for a in addresses if (":" in a) != first]
    mixed: list[str] = []
    for i in range(max(len(same), len(other))):
        mixed.extend(group[i] for group in (same, other) if i < len(group))
    return mixed


_Connected = tuple[asyncio.BaseTransport, StreamProtocol]


async def _first_to_connect(
    loop: asyncio.AbstractEventLoop, addresses: list[str], port: int
) -> _Connected:
    """Race connections to `addresses`, staggered; the first that connects, the rest closed."""
    waiting = list(addresses)
    attempts: set[asyncio.Task[_Connected]] = set()
    errors: list[OSError] = []
    try:
        while waiting or attempts:
            if waiting:
                attempt = loop.create_connection(StreamProtocol, waiting.pop(0), port)
                attempts.add(asyncio.ensure_future(attempt))
            done, attempts = await asyncio.wait(
                attempts,
                timeout=HAPPY_EYEBALLS_DELAY if waiting else None,
                return_when=asyncio.FIRST_COMPLETED,
            )
            for task in done:
                error = task.exception()
                if error is None:
                    attempts |= done - {task}  # another that connected too is closed below
                    return task.result()
                if not isinstance(error, OSError):
                    raise error
                errors.append(error)
    finally:
        for task in attempts:
            if task.done() and not task.cancelled() and task.exception() is None:
                task.result()[0].close()
            else:
                task.cancel()
    # One error per address, all of one kind (each refused, say) is that kind of error.
    first = errors[0]
    if len(errors) == 1 or any(type(error) is not type(first) for error in errors[1:]):
        kinds = "; ".join(dict.fromkeys(str(error) for error in errors))
        raise first if len(errors) == 1 else OSError(f"Multiple exceptions: {kinds}")
    messages = "; ".join(error.strerror or str(error) for error in errors)
    raise type(first)(first.errno, messages)


# --------------------------------------------------------------------------- HTTP/1.1

#: How much one read takes from the stream, and the longest response head h11 accepts
#: (httpcore's values, kept).
READ_BYTES = 64 * 1024
MAX_HEAD_BYTES = 100 * 1024


class HTTP11Connection:
    """One keep-alive HTTP/1.1 connection: one request at a time, answered in order (h11).

    `request()` sends a GET and returns once the response head has arrived; `body()` then yields
    the body as sent; `release()` ends the exchange and says whether the connection can carry
    another request (the whole body was read and neither side asked to close).
    """

    def __init__(self, stream: AsyncioStream, keepalive: float) -> None:
        self.stream = stream
        self._h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD_BYTES)
        self._keepalive = keepalive
        self._expire_at: float | None = None
        self.closed = False

    def reusable(self) -> bool:
        """Idle, within its keep-alive time, and not closed by the server meanwhile."""
        if self.closed or self._h11.our_state is not h11.IDLE:
            return False
        expired = self._expire_at is not None and time.monotonic() > self._expire_at
        return not expired and not self.stream.is_readable()

    async def request(
        self,
        target: bytes,
        headers: list[tuple[bytes, bytes]],
        *,
        read_timeout: float | None,
        write_timeout: float | None,
    ) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
        """Send a GET; the status, reason phrase and raw headers of the response."""
        self._expire_at = None
        try:
            data = self._h11.send(h11.Request(method=b"GET", target=target, headers=headers))
            end = self._h11.send(h11.EndOfMessage())
        except h11.LocalProtocolError as exc:
            raise ProtocolError(str(exc)) from exc
        try:
            await self.stream.write((data or b"") + (end or b""), timeout=write_timeout)
        except WriteError:
            # A server may close early and still send a well-formed answer: read it (httpcore
            # does the same).
            pass
        while True:
            event = await self._next_event(read_timeout)
            if isinstance(event, h11.Response):
                return event.status_code, bytes(event.reason), list(event.headers.raw_items())
            # An informational 1xx answer (100 Continue, 103 Early Hints): the real one follows.

    async def body(self, read_timeout: float | None) -> AsyncGenerator[bytes, None]:
        """The response body as sent, chunk by chunk."""
        while True:
            event = await self._next_event(read_timeout)
            if isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, h11.EndOfMessage) or event is h11.PAUSED:
                return

    def release(self) -> bool:
        """End the exchange; `True` if the connection is idle and reusable, else it is closed."""
        if self._h11.our_state is h11.DONE and self._h11.their_state is h11.DONE:
            self._h11.start_next_cycle()
            self._expire_at = time.monotonic() + self._keepalive
            return True
        self.close()
        return False

    def close(self) -> None:
        self.closed = True
        self.stream.close()

    async def _next_event(self, timeout: float | None) -> Any:
        while True:
            try:
                event = self._h11.next_event()
            except h11.RemoteProtocolError as exc:
                raise RemoteProtocolError(str(exc)) from exc
            if event is not h11.NEED_DATA:
                return event
            data = await self.stream.read(READ_BYTES, timeout=timeout)
            if data == b"" and self._h11.their_state is h11.SEND_RESPONSE:
                raise RemoteProtocolError("Server disconnected without sending a response.")
            self._h11.receive_data(data)
