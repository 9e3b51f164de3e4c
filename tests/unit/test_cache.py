"""The on-disk cache: what is stored, freshness, revalidation, atomic writes, shared use."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from pathlib import Path
from typing import Any

import httpx

from claimcheck.cache import Cache, cacheable
from claimcheck.fetch import Fetcher
from claimcheck.model import FetchResult, LinkStatus
from claimcheck.settings import Settings


async def public(host: str) -> list[str]:
    return ["93.184.216.34"]


def result(url: str = "https://example.org/a", body: bytes = b"<p>x</p>", **kw: Any) -> FetchResult:
    fields: dict[str, Any] = {
        "url": url,
        "request_url": url,
        "status": LinkStatus.OK,
        "http_status": 200,
        "final_url": url,
        "body": body,
        "sha256": hashlib.sha256(body).hexdigest(),
        "headers": (("ETag", '"v1"'), ("Content-Type", "text/html")),
    }
    fields.update(kw)
    return FetchResult(**fields)


def test_round_trip(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    assert cache.store(result(), body_url="https://example.org/a")
    entry = cache.load("https://example.org/a")
    assert entry is not None
    assert entry.result == result()
    assert entry.result.body == b"<p>x</p>"
    assert entry.validators() == {"If-None-Match": '"v1"'}
    assert entry.age() < 5
    assert cache.load("https://example.org/other") is None


def test_errors_and_partial_bodies_are_never_stored(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    assert not cacheable(result(status=LinkStatus.DEAD, http_status=404))
    assert not cacheable(result(status=LinkStatus.ERROR, http_status=500))
    assert not cacheable(result(http_status=203))
    assert not cacheable(result(sha256=None))  # a prefix read with want_body=False
    assert not cacheable(result(headers=(("Cache-Control", "private, no-store"),)))
    assert not cache.store(result(status=LinkStatus.TIMEOUT), body_url="x")
    assert list(tmp_path.rglob("*")) == []


def test_corrupt_entries_are_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.store(result(), body_url="https://example.org/a")
    path = cache.path_for("https://example.org/a")
    path.write_bytes(path.read_bytes()[:-3])  # body no longer matches its digest
    assert cache.load("https://example.org/a") is None
    path.write_bytes(b"not json\n")
    assert cache.load("https://example.org/a") is None


def test_concurrent_writers_never_leave_half_an_entry(tmp_path: Path) -> None:
    """Two runs sharing the cache: readers see one whole entry or the other, never a mix."""
    bodies = [bytes([65 + i]) * 200_000 for i in range(2)]
    stop = threading.Event()
    bad: list[str] = []

    def writer(i: int) -> None:
        cache = Cache(tmp_path)
        while not stop.is_set():
            cache.store(result(body=bodies[i]), body_url="u")

    def reader() -> None:
        cache = Cache(tmp_path)
        for _ in range(300):
            entry = cache.load("https://example.org/a")
            if entry is not None and entry.result.body not in bodies:
                bad.append("mixed body")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    reader()
    stop.set()
    for t in threads:
        t.join()
    assert bad == []
    # The temporary files of atomic writes are dot-files; none may be left behind.
    assert [p.name for p in tmp_path.rglob(".*")] == []


# --------------------------------------------------------------------------- through the Fetcher


class Server:
    """A fake origin with an ETag that honours If-None-Match."""

    def __init__(self) -> None:
        self.etag = '"v1"'
        self.body = b"<!doctype html><p>first</p>"
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.headers.get("if-none-match") == self.etag:
            return httpx.Response(304, headers={"etag": self.etag})
        headers = {"etag": self.etag, "content-type": "text/html"}
        return httpx.Response(200, headers=headers, stream=httpx.ByteStream(self.body))


def run(
    server: Server, cache_dir: Path, url: str = "https://example.org/a", **kw: Any
) -> FetchResult:
    settings = Settings.build({"cache_dir": str(cache_dir), **kw})

    async def main() -> FetchResult:
        transport = httpx.MockTransport(server)
        async with Fetcher(settings, transport_factory=lambda h: transport, resolver=public) as f:
            return await f.fetch(url)

    return asyncio.run(main())


def test_fresh_entry_answers_without_a_request(tmp_path: Path) -> None:
    server = Server()
    first = run(server, tmp_path)
    assert (first.status, first.via, first.from_cache) == (LinkStatus.OK, "live", False)
    second = run(server, tmp_path, url="https://example.org/a#section")
    assert len(server.requests) == 1
    assert (second.status, second.via, second.from_cache) == (LinkStatus.OK, "cache", True)
    assert second.body == first.body and second.sha256 == first.sha256
    assert second.url == "https://example.org/a#section"


def test_stale_entry_is_revalidated_and_304_reuses_the_body(tmp_path: Path) -> None:
    server = Server()
    run(server, tmp_path)
    again = run(server, tmp_path, max_cache_age=0)
    assert len(server.requests) == 2
    assert server.requests[1].headers["if-none-match"] == '"v1"'
    assert again.via == "cache" and "revalidated" in again.detail
    assert again.body == b"<!doctype html><p>first</p>"


def test_changed_source_replaces_the_entry(tmp_path: Path) -> None:
    server = Server()
    run(server, tmp_path)
    server.etag, server.body = '"v2"', b"<!doctype html><p>second</p>"
    changed = run(server, tmp_path, max_cache_age=0)
    assert changed.via == "live" and changed.body == b"<!doctype html><p>second</p>"
    cached = run(server, tmp_path)
    assert cached.via == "cache" and cached.body == b"<!doctype html><p>second</p>"


def test_no_cache_neither_reads_nor_writes(tmp_path: Path) -> None:
    server = Server()
    run(server, tmp_path, no_cache=True)
    run(server, tmp_path, no_cache=True)
    assert len(server.requests) == 2
    assert list(tmp_path.rglob("*.entry")) == []


def test_the_cache_is_keyed_by_the_remapped_url(tmp_path: Path) -> None:
    server = Server()
    remap = ["https://old\\.example/(.*) https://example.org/$1"]
    run(server, tmp_path, url="https://old.example/a", remap=remap)
    assert Cache(tmp_path).load("https://example.org/a") is not None
    assert run(server, tmp_path).via == "cache"
