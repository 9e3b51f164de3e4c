"""The fault server's own guarantees: it is bounded, its payloads are what they claim, and the
connect guard really stops traffic that would leave the machine."""

from __future__ import annotations

import gzip
import socket
import time
import zlib

import brotli
import httpx
import pytest

from tests.faults.server import (
    GUARD,
    FaultServer,
    brotli_bomb,
    endless_body,
    gzip_bomb,
    sequence,
    static,
)


def test_guard_refuses_non_loopback_connect_before_any_packet() -> None:
    with GUARD.watch() as guard, socket.socket() as sock:
        sock.settimeout(0.5)
        with pytest.raises(PermissionError):
            sock.connect(("10.0.0.1", 80))
    assert guard.connects == ["10.0.0.1:80"]


def test_guard_refuses_dns_lookups_but_not_loopback() -> None:
    with GUARD.watch() as guard:
        with pytest.raises(socket.gaierror):
            socket.getaddrinfo("claimcheck-fault-test.invalid", 80)
        assert socket.getaddrinfo("127.0.0.1", 80)
    assert guard.lookups == ["claimcheck-fault-test.invalid"]
    assert guard.connects == []


def test_guard_is_inert_outside_watch() -> None:
    with GUARD.watch():
        pass
    # Outside `watch()` nothing is refused (a numeric lookup sends no traffic either way).
    assert socket.getaddrinfo("10.0.0.1", 80)


def test_gzip_bomb_inflates_to_its_size() -> None:
    size = 8 << 20
    bomb = gzip_bomb(size)
    assert len(bomb) < size // 500
    assert gzip.decompress(bomb) == bytes(size)
    # One streaming decompressor (what an HTTP client uses) sees the whole stream.
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    assert len(d.decompress(bomb)) == size and d.eof


def test_brotli_bomb_inflates_to_its_size() -> None:
    size = 8 << 20
    bomb = brotli_bomb(size)
    assert len(bomb) < size // 1000
    assert brotli.decompress(bomb) == bytes(size)


def test_server_stops_by_itself() -> None:
    server = FaultServer(lifetime=0.3)
    base = server.listen("127.0.0.1")
    server.route("/", static(b"hello"))
    server.start()
    try:
        assert httpx.get(base + "/").content == b"hello"
        time.sleep(0.6)
        assert server.stopped
        with pytest.raises(httpx.ConnectError):
            httpx.get(base + "/", timeout=1.0)
    finally:
        server.stop()


def test_connection_budget_ends_an_endless_body() -> None:
    server = FaultServer(connection_budget=0.5)
    base = server.listen("127.0.0.1")
    server.route("/big", endless_body(declared=None))
    with server:
        t0 = time.monotonic()
        n = 0
        with httpx.stream("GET", base + "/big", timeout=5.0) as response:
            for chunk in response.iter_raw():
                n += len(chunk)
        assert time.monotonic() - t0 < 3.0
        assert n > 0


def test_sequence_counts_attempts_per_path_and_serves_ipv6() -> None:
    server = FaultServer()
    base = server.listen("::1")
    server.route("/s", sequence(static(b"", status=503), static(b"ok")))
    with server:
        assert httpx.get(base + "/s").status_code == 503
        assert httpx.get(base + "/s").content == b"ok"
        assert httpx.get(base + "/s").content == b"ok"
        assert httpx.get(base + "/missing").status_code == 404
    assert server.count("/s") == 3


def test_listen_refuses_non_loopback() -> None:
    with pytest.raises(ValueError):
        FaultServer().listen("0.0.0.0")
