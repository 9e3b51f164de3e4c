"""WARC record and replay behind the `Fetcher` seam (`--record`, `--replay`; SPEC §7, issue 3).

`WarcRecorder` writes one `request` and one `response` record per HTTP exchange, every retry and
every redirect hop included, with the payload as it came off the wire (still gzip- or
brotli-encoded, so other WARC tools read it as usual; `Transfer-Encoding` is dropped because the
payload is stored de-chunked). Outcomes that have no HTTP exchange -- a DNS failure, a refused
connection, a timeout, an address refused by `claimcheck.safety` -- are written as `metadata`
records holding a small JSON document, so that a replay reports them exactly as the live run did.
The archive is written with `claimcheck.fsutil.atomic_writer` (a temporary file next to the target,
fsynced and renamed when the run ends): a crash leaves the old archive (or none), never a
truncated one.

`WarcReplayer` indexes an archive by target URI (fragment removed); the last record for a URI
wins, so a retried exchange replays as its final attempt. It never opens a socket.

warcio is imported where an archive is written or read, so that importing this module (the
fetcher does, for every run) costs nothing when neither `--record` nor `--replay` is given.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from claimcheck.errors import ArchiveError, ClaimcheckError
from claimcheck.fsutil import atomic_writer
from claimcheck.model import LinkStatus
from claimcheck.wire import InvalidURL, parse_url

logger = logging.getLogger(__name__)

FAILURE_PROFILE = "claimcheck/failure/v1"  # marks our metadata records, so foreign ones are skipped
_HOP_BY_HOP = frozenset({"transfer-encoding", "connection", "keep-alive"})


def archive_key(url: str) -> str:
    """The lookup key for `url`: httpx's normal form without the fragment (as the fetcher asks)."""
    try:
        return parse_url(url).text
    except InvalidURL:
        return url.split("#", 1)[0]


@dataclass(frozen=True)
class ArchivedAnswer:
    """One HTTP response as recorded: status, headers and the payload as sent."""

    url: str
    status_code: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    raw_body: bytes
    date: dt.datetime
    truncated: bool = False  # only a prefix was read (`want_body=False`, or a drained error page)


@dataclass(frozen=True)
class ArchivedFailure:
    """An outcome with no HTTP answer (DNS failure, timeout, refused address...)."""

    url: str
    status: LinkStatus
    error: str | None
    detail: str
    date: dt.datetime


class WarcRecorder:
    """Writes exchanges to `path` (gzip WARC 1.1) via a temporary file renamed by `close()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: contextlib.ExitStack | None = None  # holds the open `atomic_writer`
        self._writer: Any = None
        self.records = 0

    def open(self) -> None:
        """Create the temporary file and its `warcinfo` record."""
        from warcio.warcwriter import WARCWriter

        from claimcheck import __version__

        try:
            with contextlib.ExitStack() as stack:
                # Should the first record fail, leaving the block removes the temporary file.
                fh: IO[bytes] = stack.enter_context(atomic_writer(self.path))
                self._writer = WARCWriter(fh, gzip=True, warc_version="1.1")
                info = self._writer.create_warcinfo_record(
                    self.path.name,
                    {"software": f"claimcheck/{__version__}", "format": "WARC 1.1"},
                )
                self._writer.write_record(info)
                self._file = stack.pop_all()
        except OSError as exc:  # its folder is a file, or missing, or read-only; /proc
            self._writer = None
            raise self._cannot_write(exc) from None

    def _cannot_write(self, exc: OSError) -> ClaimcheckError:
        """A usage error naming `--record`, as `--output` gets one (SPEC §5: exit 2)."""
        return ClaimcheckError(
            f"cannot write: {exc.strerror or exc}", path=str(self.path), key="--record"
        )

    def write_exchange(
        self, request_headers: list[tuple[str, str]], answer: ArchivedAnswer
    ) -> None:
        """A `request` record (what we sent) and a `response` record (what came back)."""
        if self._writer is None:
            raise RuntimeError("WarcRecorder.open() was not called")
        from warcio.statusandheaders import StatusAndHeaders

        url = parse_url(answer.url)
        target = url.target.decode("ascii")
        date = _warc_date(answer.date)
        req_headers = list(request_headers)
        if not any(k.lower() == "host" for k, _ in req_headers):
            req_headers.insert(0, ("Host", url.netloc.decode("ascii")))
        request = self._writer.create_warc_record(
            archive_key(answer.url),
            "request",
            payload=io.BytesIO(b""),
            length=0,
            warc_headers_dict={"WARC-Date": date},
            http_headers=StatusAndHeaders(
                f"GET {target} HTTP/1.1", req_headers, is_http_request=True
            ),
        )
        headers = [(k, v) for k, v in answer.headers if k.lower() not in _HOP_BY_HOP]
        warc_headers = {"WARC-Date": date}
        if answer.truncated:
            warc_headers["WARC-Truncated"] = "length"
        response = self._writer.create_warc_record(
            archive_key(answer.url),
            "response",
            payload=io.BytesIO(answer.raw_body),
            length=len(answer.raw_body),
            warc_headers_dict=warc_headers,
            http_headers=StatusAndHeaders(
                f"{answer.status_code} {answer.reason}".strip(), headers, protocol="HTTP/1.1"
            ),
        )
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers["WARC-Record-ID"])
        self._write(request, response)

    def write_failure(self, failure: ArchivedFailure) -> None:
        """A `metadata` record describing an outcome that had no HTTP answer."""
        if self._writer is None:
            raise RuntimeError("WarcRecorder.open() was not called")
        doc = {
            "profile": FAILURE_PROFILE,
            "status": failure.status.value,
            "error": failure.error,
            "detail": failure.detail,
        }
        record = self._writer.create_warc_record(
            archive_key(failure.url),
            "metadata",
            payload=io.BytesIO(json.dumps(doc).encode("utf-8")),
            warc_content_type="application/json",
            warc_headers_dict={
                "WARC-Date": _warc_date(failure.date),
                "WARC-Profile": FAILURE_PROFILE,
            },
        )
        self._write(record)

    def _write(self, *records: Any) -> None:
        """Write `records` and count them; an OS error (a full disk halfway through the run) is
        the usage error `_cannot_write` gives."""
        assert self._writer is not None
        try:
            for record in records:
                self._writer.write_record(record)
        except OSError as exc:
            raise self._cannot_write(exc) from None
        self.records += len(records)

    def close(self) -> None:
        """Flush, fsync and move the archive into place."""
        if self._file is None:
            return
        file, self._file = self._file, None
        try:
            file.close()  # fsync and rename: a full disk or a folder gone since the start
        except OSError as exc:
            raise self._cannot_write(exc) from None
        records = "record" if self.records == 1 else "records"
        logger.info("recorded %d WARC %s to %s", self.records, records, self.path)


class WarcReplayer:
    """Answers lookups from a WARC file loaded into memory."""

    def __init__(self, index: dict[str, ArchivedAnswer | ArchivedFailure]) -> None:
        self._index = index

    def __len__(self) -> int:
        return len(self._index)

    @classmethod
    def load(cls, path: Path) -> WarcReplayer:
        """Read and index `path`; an unreadable archive raises `ArchiveError` (exit 2)."""
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        index: dict[str, ArchivedAnswer | ArchivedFailure] = {}
        last = ""
        try:
            with path.open("rb") as fh:
                _check_stream(fh, str(path))
                fh.seek(0)  # the same file, read again by warcio
                for record in ArchiveIterator(fh):
                    if not str(getattr(record, "format", "warc")).startswith("warc"):
                        # warcio reads anything as an old ARC file; we only write WARC.
                        raise ValueError("not a WARC record (is this an ARC file, or not a WARC?)")
                    last = record.rec_type
                    entry = _entry(record)
                    if entry is not None:
                        index[archive_key(entry.url)] = entry
        except FileNotFoundError:
            raise ArchiveError("no such file", path=str(path), key="replay") from None
        except (OSError, ArchiveLoadFailed, ValueError) as exc:
            raise ArchiveError(
                f"not a readable WARC: {exc}", path=str(path), key="replay"
            ) from None
        if last == "request":
            # Each request is written just before its response: an archive ending with one was
            # cut between the two (a killed `--record` run, a truncated copy), and whatever came
            # after is missing without a trace.
            logger.warning(
                "%s ends with a request whose response is missing: the archive was cut short, "
                "so URLs it lacks are reported 'not in archive'",
                path,
            )
        logger.info("replaying %d URL%s from %s", len(index), "" if len(index) == 1 else "s", path)
        return cls(index)

    def lookup(self, url: str) -> ArchivedAnswer | ArchivedFailure | None:
        """The recorded outcome for `url` (fragment ignored), or `None` if it is not archived."""
        return self._index.get(archive_key(url))


#: Bytes read from the archive at a time when it is checked.
_CHUNK = 1 << 20
#: The longest record header accepted: a real one is well under a kilobyte.
_MAX_HEADER = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b"


def check_complete(path: Path) -> None:
    """Raise `ArchiveError` (key `replay`) unless `path` is a whole WARC: not empty, every gzip
    member complete, and every record as long as its `Content-Length` says, ending in the
    blank line that closes a record.

    warcio reads a truncated archive without complaint (the records after the cut are simply
    missing), so a copy cut short replayed every source as "not in archive": the run reported
    link rot, exit 1, for what is a damaged input. The archive is read once more for this, as
    a stream, without holding it in memory.
    """
    with path.open("rb") as fh:
        _check_stream(fh, str(path))


def _check_stream(fh: IO[bytes], shown: str) -> None:
    """`check_complete` on the open archive `fh` (read from its start to its end), named
    `shown` in an error."""
    head = fh.read(2)
    if not head:
        raise ArchiveError(f"{_UNREADABLE}: the file is empty (0 bytes)", path=shown, key="replay")
    fh.seek(0)
    stream = _gunzip(fh, shown) if head == _GZIP_MAGIC else _chunks(fh)
    _check_records(stream, shown)


def _chunks(fh: IO[bytes]) -> Any:
    while chunk := fh.read(_CHUNK):
        yield chunk


def _gunzip(fh: IO[bytes], shown: str) -> Any:
    """The decompressed bytes of every gzip member of `fh` in turn; a member cut short or
    broken raises `ArchiveError`."""
    import gzip
    import zlib

    with gzip.GzipFile(fileobj=fh, mode="rb") as unzipped:
        while True:
            try:
                chunk = unzipped.read(_CHUNK)
            except EOFError:
                raise ArchiveError(
                    f"{_UNREADABLE}: truncated: its last gzip member stops before its end "
                    "(the file was cut short)",
                    path=shown,
                    key="replay",
                    hint=_DAMAGED,
                ) from None
            except (OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
                raise ArchiveError(
                    f"{_UNREADABLE}: broken gzip data: {exc}",
                    path=shown,
                    key="replay",
                    hint=_DAMAGED,
                ) from None
            if not chunk:
                return
            yield chunk


_DAMAGED = "the archive is damaged; copy or record it again"
_UNREADABLE = "not a readable WARC"


def _check_records(stream: Any, shown: str) -> None:
    """Walk the WARC records of the byte chunks `stream`: each header, then `Content-Length`
    bytes (skipped, not kept), then `\\r\\n\\r\\n`."""
    reader = _Reader(stream)
    number = 0

    def fail(reason: str) -> ArchiveError:
        return ArchiveError(
            f"{_UNREADABLE}: record {number}: {reason}", path=shown, key="replay", hint=_DAMAGED
        )

    while reader.skip_blank_lines():
        number += 1
        if reader.peek(5) != b"WARC/":
            raise ArchiveError(
                f"{_UNREADABLE}: record {number} does not start with a WARC version line "
                f"({reader.peek(20)!r})",
                path=shown,
                key="replay",
                hint="is this a WARC file?" if number == 1 else _DAMAGED,
            )
        header = reader.until(b"\r\n\r\n", _MAX_HEADER)
        if header is None:
            raise fail("the archive ends inside its header (it was cut short)")
        length = _content_length(header)
        if length is None:
            raise fail("has no valid Content-Length")
        short = reader.skip(length)
        if short:
            raise fail(
                f"Content-Length is {length} bytes, but the archive ends {short} bytes before "
                "it (it was cut short, or the length is wrong)"
            )
        if reader.take(4) != b"\r\n\r\n":
            raise fail(
                f"Content-Length is {length} bytes, but the record does not end there "
                "(the length is wrong)"
            )


class _Reader:
    """Bytes from an iterator of chunks, read forward without copying what was passed."""

    def __init__(self, chunks: Any) -> None:
        self._chunks = iter(chunks)
        self._buffer = b""
        self._pos = 0

    def _more(self) -> bool:
        chunk = next(self._chunks, None)
        if chunk is None:
            return False
        self._buffer = self._buffer[self._pos :] + chunk
        self._pos = 0
        return True

    def skip_blank_lines(self) -> bool:
        """Pass `\\r` and `\\n`; whether anything else follows."""
        while True:
            while self._pos < len(self._buffer) and self._buffer[self._pos] in b"\r\n":
                self._pos += 1
            if self._pos < len(self._buffer):
                return True
            if not self._more():
                return False

    def until(self, mark: bytes, limit: int) -> bytes | None:
        """The bytes before `mark`, `mark` passed; `None` if the stream ends (or `limit`
        bytes pass) first."""
        while (end := self._buffer.find(mark, self._pos)) < 0:
            if len(self._buffer) - self._pos > limit or not self._more():
                return None
        found = self._buffer[self._pos : end]
        self._pos = end + len(mark)
        return found

    def skip(self, count: int) -> int:
        """Pass `count` bytes; how many were missing at the end of the stream."""
        while count > len(self._buffer) - self._pos:
            count -= len(self._buffer) - self._pos
            self._buffer, self._pos = b"", 0
            if not self._more():
                return count
        self._pos += count
        return 0

    def peek(self, count: int) -> bytes:
        """The next `count` bytes (fewer at the end of the stream), not passed."""
        while len(self._buffer) - self._pos < count and self._more():
            pass
        return self._buffer[self._pos : self._pos + count]

    def take(self, count: int) -> bytes:
        while len(self._buffer) - self._pos < count and self._more():
            pass
        found = self._buffer[self._pos : self._pos + count]
        self._pos += len(found)
        return found


_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE)


def _content_length(header: bytes) -> int | None:
    found = _CONTENT_LENGTH.search(header)
    if found is None:
        return None
    text = found.group(1).strip()
    return int(text) if text.isdigit() else None


def _warc_date(when: dt.datetime) -> str:
    """WARC 1.1 allows sub-second dates; keep microseconds so a replay's `fetched_at` is exact."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse_date(text: str) -> dt.datetime:
    date = dt.datetime.fromisoformat(text)
    return date if date.tzinfo is not None else date.replace(tzinfo=dt.UTC)


def _entry(record: Any) -> ArchivedAnswer | ArchivedFailure | None:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if not uri:
        return None
    date_text = record.rec_headers.get_header("WARC-Date")
    date = _parse_date(date_text) if date_text else dt.datetime.now(dt.UTC)
    if record.rec_type == "response" and record.http_headers is not None:
        http = record.http_headers
        try:
            status_code = int(http.get_statuscode())
        except ValueError:
            raise ValueError(
                f"the response for {uri} has no valid HTTP status line: {http.statusline!r}"
            ) from None
        reason = http.statusline.partition(" ")[2]
        return ArchivedAnswer(
            url=uri,
            status_code=status_code,
            reason=reason,
            headers=tuple((str(k), str(v)) for k, v in http.headers),
            raw_body=record.raw_stream.read(),
            date=date,
            truncated=bool(record.rec_headers.get_header("WARC-Truncated")),
        )
    if (
        record.rec_type == "metadata"
        and record.rec_headers.get_header("WARC-Profile") == FAILURE_PROFILE
    ):
        doc = json.loads(record.raw_stream.read())
        return ArchivedFailure(
            url=uri,
            status=LinkStatus(doc["status"]),
            error=doc.get("error"),
            detail=str(doc.get("detail", "")),
            date=date,
        )
    return None
