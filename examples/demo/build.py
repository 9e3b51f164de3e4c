"""Build `sources.warc.gz`, the recorded sources of the offline demo, byte for byte reproducibly.

    python examples/demo/build.py            # rewrites examples/demo/sources.warc.gz
    python examples/demo/build.py -o x.warc.gz

The archive holds what `claimcheck verify --record` would have written had the demo's sources been
real: a `request` and a `response` record per HTTP exchange (every hop of a redirect and every
attempt of a retried 5xx included), and, for outcomes that have no HTTP exchange (a timeout, an
address claimcheck refuses to connect to), claimcheck's own `metadata` records
(`claimcheck.warc.FAILURE_PROFILE`). `claimcheck verify --replay` answers every fetch from it.

Reproducible: every WARC date comes from a fixed clock, every record id is a UUID5 of the record's
URL, type and position, gzip members carry no timestamp, and the PDFs and the PNG are written here
by hand rather than by a library whose version would leak into the bytes. The same Python, zlib
and warcio give the same file; `tests/integration/test_demo.py` checks it.

Which note of `article.md` each URL serves, and the verdict it should get, is in `README.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import io
import json
import struct
import uuid
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimcheck.fsutil import atomic_write_bytes
from claimcheck.warc import FAILURE_PROFILE, archive_key

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
DEFAULT_OUTPUT = HERE / "sources.warc.gz"

#: The demo's recording "happened" at this moment; record n is dated n seconds later.
RECORDED_AT = dt.datetime(2024, 6, 3, 9, 0, 0, tzinfo=dt.UTC)
#: Namespace of the record ids (a UUID5 of the demo's own name, fixed forever).
RECORD_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/claimcheck/claimcheck/demo")
#: The User-Agent the requests were "sent" with. Fixed, not claimcheck's current version: a
#: version bump must not change the archive's bytes.
USER_AGENT = "claimcheck/0.1.0 (+https://github.com/claimcheck/claimcheck)"
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"


# --------------------------------------------------------------------------- what is recorded


@dataclass(frozen=True)
class Exchange:
    """One HTTP GET and its answer. `attempts` > 1 writes the same answer that many times, as
    the recorder does when a 5xx is retried."""

    url: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    attempts: int = 1


@dataclass(frozen=True)
class Failure:
    """An outcome with no HTTP answer, written as claimcheck's failure `metadata` record."""

    url: str
    status: str  # a `claimcheck.model.LinkStatus` value
    error: str | None
    detail: str
    attempts: int = 1


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def _html_headers(body: bytes, *extra: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    return (
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(body))),
        *extra,
    )


def exchanges() -> list[Exchange | Failure]:
    """Every recorded outcome, in the order of the article's notes."""
    courier_html = _page("courier-funicular-reopens.html")
    courier_gz = gzip.compress(courier_html, compresslevel=9, mtime=0)
    review_html = _page("review-water-balanced-railway.html")
    moved = (
        b'<html><body>Moved to <a href="/2024/06/water-balanced-railway-of-tollmere">'
        b"the new address</a>.</body></html>\n"
    )
    society = _page("society-spring-2024.txt")
    minutes = minutes_pdf()
    annual = broken_annual_report()
    chart = riders_chart_png()
    not_found = _page("tourism-404.html")
    challenge = _page("ledger-challenge.html")
    soft_404 = _page("visit-not-found.html")
    server_error = _page("hillworks-500.html")
    return [
        # courier (and greave, weekend): a news page, sent gzip-compressed.
        Exchange(
            "https://tollmere-courier.example/news/2024/05/18/funicular-reopens",
            200,
            "OK",
            (
                ("Server", "nginx"),
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Encoding", "gzip"),
                ("Content-Length", str(len(courier_gz))),
                ("Vary", "Accept-Encoding"),
                ("Cache-Control", "public, max-age=300"),
                ("ETag", '"5f1e-courier-funicular"'),
                ("Last-Modified", "Sat, 18 May 2024 17:40:00 GMT"),
            ),
            courier_gz,
        ),
        # minutes: a PDF with a text layer.
        Exchange(
            "https://council.tollmere.example/minutes/2023-11-14-transport.pdf",
            200,
            "OK",
            (
                ("Content-Type", "application/pdf"),
                ("Content-Length", str(len(minutes))),
                ("Last-Modified", "Wed, 15 Nov 2023 10:00:00 GMT"),
            ),
            minutes,
        ),
        # society: plain text.
        Exchange(
            "https://funicular-society.example/newsletter/spring-2024.txt",
            200,
            "OK",
            (("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(society)))),
            society,
        ),
        # review: moved permanently (301), then the page at its new address.
        Exchange(
            "https://alpine-rail-review.example/articles/tollmere",
            301,
            "Moved Permanently",
            _html_headers(
                moved,
                ("Location", "/2024/06/water-balanced-railway-of-tollmere"),
            ),
            moved,
        ),
        Exchange(
            "https://alpine-rail-review.example/2024/06/water-balanced-railway-of-tollmere",
            200,
            "OK",
            _html_headers(review_html),
            review_html,
        ),
        # tourism: gone (404).
        Exchange(
            "https://tollmere-tourism.example/blog/history-of-the-funicular",
            404,
            "Not Found",
            (("Server", "Apache"), *_html_headers(not_found)),
            not_found,
        ),
        # ledger: a bot challenge (403 with cf-mitigated).
        Exchange(
            "https://national-ledger.example/travel/tollmere-funicular",
            403,
            "Forbidden",
            (
                ("Server", "cloudflare"),
                ("cf-mitigated", "challenge"),
                ("cf-ray", "8f1c2d3e4a5b6c7d-LHR"),
                ("Cache-Control", "private, max-age=0, no-store, no-cache, must-revalidate"),
                *_html_headers(challenge),
            ),
            challenge,
        ),
        # visit: a "Page not found" page served with 200 (a soft 404).
        Exchange(
            "https://visit-tollmere.example/attractions/funicular",
            200,
            "OK",
            _html_headers(soft_404),
            soft_404,
        ),
        # hillworks: a server error on every attempt (the first try and two retries).
        Exchange(
            "https://hillworks-engineering.example/projects/tollmere-funicular",
            500,
            "Internal Server Error",
            (("Server", "nginx"), *_html_headers(server_error)),
            server_error,
            attempts=3,
        ),
        # chart: an image, which claimcheck cannot read text from.
        Exchange(
            "https://tollmere-courier.example/graphics/funicular-riders.png",
            200,
            "OK",
            (("Content-Type", "image/png"), ("Content-Length", str(len(chart)))),
            chart,
        ),
        # annual: a PDF cut short on the server.
        Exchange(
            "https://council.tollmere.example/reports/annual-report-2023.pdf",
            200,
            "OK",
            (("Content-Type", "application/pdf"), ("Content-Length", str(len(annual)))),
            annual,
        ),
        # oral: no answer within the timeout, on every attempt.
        Failure(
            "https://tollmere-library.example/oral-history/funicular-closure",
            "timeout",
            "timeout",
            "no complete answer within 20 s",
            attempts=3,
        ),
        # draft: a loopback address, refused before any connection (claimcheck.safety).
        Failure(
            "http://127.0.0.1:8000/notes/station-master",
            "excluded",
            None,
            "loopback address 127.0.0.1 (use --allow-private to check it)",
        ),
    ]


# --------------------------------------------------------------------------- documents


#: The council minutes, one list of lines per page; "# " marks a heading set in bold.
MINUTES_PAGES: tuple[tuple[str, ...], ...] = (
    (
        "# Tollmere Town Council",
        "# Minutes of the Transport Committee, 14 November 2023",
        "",
        "Present: Cllr A. Marsh (chair), Cllr D. Okoro, Cllr P. Haines, Cllr S. Vance.",
        "In attendance: T. Greave (funicular project manager), the Town Clerk.",
        "",
        "# 1. Apologies",
        "Apologies were received from Cllr R. Iqbal.",
        "",
        "# 2. Cliff railway restoration: final account",
        "The project manager presented the final account. The committee noted that the",
        "final cost of the restoration was £3.8 million, of which the heritage fund gave",
        "£2.5 million and the council the balance from its capital reserve.",
        "",
        "# 3. Timetable",
        "Members discussed the first timetable. Members agreed that the line will not run",
        "during the winter months, when the track and the cable are inspected, and that",
        "the society will publish the dates of the summer season.",
    ),
    (
        "# 4. Fares",
        "The committee agreed to keep fares at their level before the closure and to let",
        "holders of the town card ride free for the first six weeks.",
        "",
        "# 5. Date of the next meeting",
        "The next meeting will be held in the council chamber in January.",
        "",
        "Signed as a true record by the chair.",
    ),
)

#: The annual report as it should have been; the server only has its first bytes.
ANNUAL_PAGES: tuple[tuple[str, ...], ...] = (
    (
        "# Tollmere Town Council: Annual Report",
        "",
        "The council completed the cliff railway restoration and the harbour wall repairs",
        "in the year, and began the review of the upper town bus routes.",
    ),
)
#: How much of the annual report the server holds: the header and part of the first object,
#: as a copy interrupted during upload would leave it. No PDF reader can open it.
ANNUAL_TRUNCATED_AT = 160


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsiEncoding (cp1252 covers `£` and curly quotes)."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(pages: Sequence[Sequence[str]], title: str) -> bytes:
    """A small PDF with a real text layer: Helvetica, one line per string, A4 pages.

    Written by hand so that the bytes depend on nothing but the arguments.
    """
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree's number is known
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    page_ids: list[int] = []
    tree = len(objects) + 1 + 2 * len(pages)  # page tree after every page and its content
    for lines in pages:
        ops = [b"BT", b"72 770 Td", b"15 TL"]
        for line in lines:
            heading = line.startswith("# ")
            text = line[2:] if heading else line
            ops.append(b"/F2 12 Tf" if heading else b"/F1 10.5 Tf")
            ops.append(_pdf_string(text) + b" Tj T*")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                % (tree, font, bold, content)
            )
        )
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))) == tree
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    info = add(
        b"<< /Title "
        + _pdf_string(title)
        + b" /Producer (claimcheck demo build.py) /CreationDate (D:20231115090000Z) >>"
    )

    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, catalog, info, xref)
    )
    return out.getvalue()


def minutes_pdf() -> bytes:
    """The transport committee's minutes (note `minutes`)."""
    return make_pdf(MINUTES_PAGES, "Minutes of the Transport Committee, 14 November 2023")


def broken_annual_report() -> bytes:
    """The annual report, cut off after its first bytes (note `annual`)."""
    return make_pdf(ANNUAL_PAGES, "Annual Report")[:ANNUAL_TRUNCATED_AT]


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def riders_chart_png() -> bytes:
    """A small bar chart of weekday riders (note `chart`): pixels, no text to extract."""
    width, height = 96, 64
    bars = (18, 27, 35, 41, 50, 56)  # bar heights in pixels, rising through the summer
    background, bar_colour = b"\xff\xff\xff", b"\xb0\x1e\x2d"
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")  # filter type 0 (None) for each scanline
        for x in range(width):
            index, offset = divmod(x, 16)
            inside = 3 <= offset <= 12 and height - y <= bars[index]
            row += bar_colour if inside else background
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _png_chunk(b"IEND", b"")
    )


# --------------------------------------------------------------------------- the archive


class _Clock:
    """Hands out WARC dates one second apart, and record ids that depend only on the record."""

    def __init__(self) -> None:
        self.tick = 0

    def next(self) -> dt.datetime:
        when = RECORDED_AT + dt.timedelta(seconds=self.tick)
        self.tick += 1
        return when

    def record_id(self, kind: str, url: str) -> str:
        return f"<urn:uuid:{uuid.uuid5(RECORD_NAMESPACE, f'{self.tick}|{kind}|{url}')}>"


def _warc_date(when: dt.datetime) -> str:
    # The same form as claimcheck's recorder: WARC 1.1 with microseconds.
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _split(url: str) -> tuple[str, str]:
    """(`Host` header, request target) of `url`."""
    scheme_rest = url.split("://", 1)[1]
    host, _, path = scheme_rest.partition("/")
    return host, "/" + path


def _records(writer: Any, clock: _Clock, item: Exchange | Failure) -> Iterator[Any]:
    uri = archive_key(item.url)
    for _ in range(item.attempts):
        when = clock.next()
        if isinstance(item, Failure):
            doc = {
                "profile": FAILURE_PROFILE,
                "status": item.status,
                "error": item.error,
                "detail": item.detail,
            }
            payload = json.dumps(doc).encode("utf-8")
            yield writer.create_warc_record(
                uri,
                "metadata",
                payload=io.BytesIO(payload),
                length=len(payload),
                warc_content_type="application/json",
                warc_headers_dict={
                    "WARC-Record-ID": clock.record_id("metadata", uri),
                    "WARC-Date": _warc_date(when),
                    "WARC-Profile": FAILURE_PROFILE,
                },
            )
            continue
        host, target = _split(uri)
        response_id = clock.record_id("response", uri)
        request = writer.create_warc_record(
            uri,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            warc_headers_dict={
                "WARC-Record-ID": clock.record_id("request", uri),
                "WARC-Date": _warc_date(when),
                "WARC-Concurrent-To": response_id,
            },
            http_headers=StatusAndHeaders(
                f"GET {target} HTTP/1.1",
                [
                    ("Host", host),
                    ("Accept", ACCEPT),
                    ("Accept-Encoding", "gzip, deflate, br"),
                    ("User-Agent", USER_AGENT),
                ],
                is_http_request=True,
            ),
        )
        headers = [("Date", format_datetime(when, usegmt=True)), *item.headers]
        response = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(item.body),
            length=len(item.body),
            warc_headers_dict={"WARC-Record-ID": response_id, "WARC-Date": _warc_date(when)},
            http_headers=StatusAndHeaders(
                f"{item.status} {item.reason}", headers, protocol="HTTP/1.1"
            ),
        )
        yield request
        yield response


def build(output: Path) -> int:
    """Write the archive to `output`; the number of records written."""
    clock = _Clock()
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    fields = (
        b"software: claimcheck examples/demo/build.py\r\n"
        b"format: WARC File Format 1.1\r\n"
        b"description: recorded sources of the claimcheck offline demo (all invented)\r\n"
    )
    when = clock.next()
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(fields),
            length=len(fields),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": clock.record_id("warcinfo", "sources.warc.gz"),
                "WARC-Date": _warc_date(when),
                "WARC-Filename": "sources.warc.gz",
            },
        )
    )
    count = 1
    for item in exchanges():
        for record in _records(writer, clock, item):
            writer.write_record(record)
            count += 1
    atomic_write_bytes(output, buffer.getvalue())  # never a torn committed archive
    return count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the WARC"
    )
    args = parser.parse_args(argv)
    count = build(args.output)
    print(f"wrote {args.output}: {count} records")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
