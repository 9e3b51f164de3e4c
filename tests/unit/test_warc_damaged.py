"""A damaged `--replay` archive (empty, cut short, a record whose length is wrong) is refused
with the file and what is wrong (exit 2), instead of replaying every source as "not in archive"
(link rot, exit 1)."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest

from claimcheck.errors import ArchiveError
from claimcheck.warc import ArchivedAnswer, WarcRecorder, WarcReplayer, check_complete

URL = "https://example.org/depot"
BODY = b"<p>The tram depot was painted green.</p>"


def _record(length_delta: int = 0, length: str | None = None, status: str = "200 OK") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: text/html\r\n\r\n".encode() + BODY
    declared = length if length is not None else str(len(http) + length_delta)
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
        f"WARC-Date: 2026-11-28T12:00:00Z\r\nWARC-Target-URI: {URL}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {declared}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def _recorded(tmp_path: Path) -> Path:
    path = tmp_path / "run.warc.gz"
    recorder = WarcRecorder(path)
    recorder.open()
    for n in range(3):
        answer = ArchivedAnswer(
            url=f"{URL}/{n}",
            status_code=200,
            reason="OK",
            headers=(("Content-Type", "text/html"),),
            raw_body=BODY * 100,
            date=dt.datetime(2026, 11, 28, tzinfo=dt.UTC),
        )
        recorder.write_exchange([("User-Agent", "t")], answer)
    recorder.close()
    return path


def test_a_whole_archive_passes(tmp_path: Path) -> None:
    path = _recorded(tmp_path)
    check_complete(path)
    assert len(WarcReplayer.load(path)) == 3
    plain = tmp_path / "plain.warc"
    plain.write_bytes(_record() + _record())
    check_complete(plain)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda data: b"", "empty (0 bytes)"),
        (lambda data: data[: len(data) // 2], "truncated"),
        (lambda data: data[:-3], "truncated"),
        (lambda data: data + b"\x1f\x8b\x08", "truncated"),
        (lambda data: data + b"junk after the records", "broken gzip data"),
    ],
)
def test_a_damaged_gzip_archive_is_refused(tmp_path: Path, make: object, says: str) -> None:
    data = _recorded(tmp_path).read_bytes()
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(make(data))  # type: ignore[operator]
    with pytest.raises(ArchiveError) as info:
        WarcReplayer.load(damaged)
    assert says in info.value.reason
    assert "not a readable WARC" in info.value.reason
    assert info.value.path == str(damaged)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (_record()[:-30], "ends 26 bytes before it"),
        (_record(length_delta=5), "ends"),
        (_record(length_delta=-5), "does not end there"),
        (_record(length="-5"), "no valid Content-Length"),
        (_record() + _record()[:40], "ends inside its header"),
        (b"GET / HTTP/1.1\r\n\r\n", "does not start with a WARC version line"),
    ],
)
def test_a_record_with_a_bad_length_is_refused(tmp_path: Path, data: bytes, says: str) -> None:
    for name, blob in (("a.warc", data), ("a.warc.gz", gzip.compress(data))):
        path = tmp_path / name
        path.write_bytes(blob)
        with pytest.raises(ArchiveError) as info:
            check_complete(path)
        assert says in info.value.reason, name


def test_a_bad_status_line_names_the_record(tmp_path: Path) -> None:
    path = tmp_path / "a.warc"
    path.write_bytes(_record(status="abc nope"))
    with pytest.raises(ArchiveError) as info:
        WarcReplayer.load(path)
    assert URL in info.value.reason
    assert "HTTP status line" in info.value.reason
