"""WARC record and replay: same results with no socket, fragments ignored, misses reported."""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest

from claimcheck.errors import ArchiveError
from claimcheck.fetch import Fetcher
from claimcheck.model import FetchResult, LinkStatus
from claimcheck.settings import Settings
from claimcheck.warc import WarcReplayer

URLS = [
    "https://example.org/page",
    "https://example.org/moved",
    "https://example.org/gone",
    "https://example.org/zipped",
    "https://refused.example/",
    "https://intranet.example/",
    "https://example.org/flaky",
]


async def resolver(host: str) -> list[str]:
    return ["10.0.0.8"] if host == "intranet.example" else ["93.184.216.34"]


class Origin:
    def __init__(self) -> None:
        self.flaky = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "refused.example":
            raise httpx.ConnectError("[Errno 111] Connection refused")
        path = request.url.path
        if path == "/moved":
            return httpx.Response(301, headers={"location": "/target"})
        if path == "/gone":
            return httpx.Response(404, stream=httpx.ByteStream(b"<title>nope</title>"))
        if path == "/flaky":
            self.flaky += 1
            if self.flaky == 1:
                return httpx.Response(503, headers={"retry-after": "0"})
        body = b"<!doctype html><title>Page</title><p>The text.</p>"
        headers = {"content-type": "text/html", "date": "Mon, 01 Jan 2024 00:00:00 GMT"}
        if path == "/zipped":
            body, headers["content-encoding"] = gzip.compress(body), "gzip"
        return httpx.Response(200, headers=headers, stream=httpx.ByteStream(body))


def fetch(
    settings: Settings,
    urls: list[str],
    *,
    live: bool,
    loop: asyncio.AbstractEventLoop | None = None,
) -> list[FetchResult]:
    async def main() -> list[FetchResult]:
        kw: dict[str, Any] = {"resolver": resolver}
        if live:
            transport = httpx.MockTransport(Origin())
            kw["transport_factory"] = lambda host: transport
        async with Fetcher(settings, backoff_base=0.01, **kw) as fetcher:
            return [await fetcher.fetch(u) for u in urls]

    if loop is None:
        return asyncio.run(main())
    return loop.run_until_complete(main())


def replay_without_network(settings: Settings, urls: list[str]) -> list[FetchResult]:
    """Replay with every way to the network forbidden (the event loop is made beforehand,
    since its self-pipe is a socket pair). Any socket or DNS use fails the test."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network used during replay: {args!r}")

    loop = asyncio.new_event_loop()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(socket, "socket", forbidden)
            mp.setattr(socket, "create_connection", forbidden)
            mp.setattr(socket, "getaddrinfo", forbidden)
            return fetch(settings, urls, live=False, loop=loop)
    finally:
        loop.close()


def comparable(r: FetchResult) -> FetchResult:
    return dataclasses.replace(r, via="-", elapsed=0.0)


def test_record_then_replay_gives_the_same_results(tmp_path: Path) -> None:
    archive = tmp_path / "run.warc.gz"
    recorded = fetch(Settings.build({"record": str(archive), "no_cache": True}), URLS, live=True)
    statuses = [r.status for r in recorded]
    assert statuses == [
        LinkStatus.OK,
        LinkStatus.REDIRECTED,
        LinkStatus.DEAD,
        LinkStatus.OK,
        LinkStatus.DEAD,
        LinkStatus.EXCLUDED,
        LinkStatus.OK,
    ]
    assert archive.exists()
    assert not list(tmp_path.glob(".run.warc.gz.*"))  # the temporary file was renamed

    replayed = replay_without_network(Settings.build({"replay": str(archive)}), URLS)
    assert [comparable(r) for r in replayed] == [comparable(r) for r in recorded]
    assert all(r.via == "replay" for r in replayed)
    assert [r.body for r in replayed] == [r.body for r in recorded]
    assert replayed[3].body == b"<!doctype html><title>Page</title><p>The text.</p>"


def test_missing_url_and_fragments(tmp_path: Path) -> None:
    archive = tmp_path / "a.warc.gz"
    fetch(Settings.build({"record": str(archive), "no_cache": True}), URLS[:1], live=True)
    replay = Settings.build({"replay": str(archive)})
    found, missing = replay_without_network(
        replay, ["https://example.org/page#intro", "https://example.org/else"]
    )
    assert found.status is LinkStatus.OK and found.url == "https://example.org/page#intro"
    assert (missing.status, missing.error) == (LinkStatus.ERROR, "not in archive")


def test_the_warc_is_readable_by_warcio(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    archive = tmp_path / "b.warc.gz"
    fetch(Settings.build({"record": str(archive), "no_cache": True}), URLS[:2], live=True)
    with archive.open("rb") as fh:
        kinds = [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(fh)
        ]
    assert kinds[0][0] == "warcinfo"
    assert ("request", "https://example.org/moved") in kinds
    assert ("response", "https://example.org/moved") in kinds
    assert ("response", "https://example.org/target") in kinds  # the redirect's target


def test_unreadable_archive_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"this is not a WARC file at all")
    with pytest.raises(ArchiveError):
        fetch(Settings.build({"replay": str(bad)}), URLS[:1], live=False)
    with pytest.raises(ArchiveError):
        fetch(Settings.build({"replay": str(tmp_path / "none.warc.gz")}), URLS[:1], live=False)


def test_an_archive_cut_between_a_request_and_its_response_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from warcio.archiveiterator import ArchiveIterator

    archive = tmp_path / "c.warc.gz"
    fetch(Settings.build({"record": str(archive), "no_cache": True}), URLS[:2], live=True)
    # Each record is its own gzip member: keep everything before the last response.
    with archive.open("rb") as fh:
        offsets = [(r.rec_type, it.get_record_offset()) for it in [ArchiveIterator(fh)] for r in it]
    cut = [offset for kind, offset in offsets if kind == "response"][-1]
    whole = archive.read_bytes()
    archive.write_bytes(whole[:cut])
    WarcReplayer.load(archive)
    assert "ends with a request whose response is missing" in caplog.text
    caplog.clear()
    archive.write_bytes(whole)
    WarcReplayer.load(archive)
    assert "missing" not in caplog.text
