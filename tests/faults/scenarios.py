"""The fault scenarios: what each server misbehaviour is, and what claimcheck must report.

Every `Scenario` declares the link status `Fetcher.fetch()` must give (`expected`), a pattern its
error/detail must match, bounds on wall time and on memory, and — where a claim citing it makes
sense — the verdict `claimcheck verify` must give for one quote (`verdict`, `quote`).

`Lab` starts one `FaultServer` with a loopback address of its own for every scenario (per-host
limits and `Retry-After` slow-downs must not leak from one scenario into another), the TLS ones
behind a freshly generated self-signed certificate, the IPv6 one on `[::1]`.

`observe()` runs one scenario through `Fetcher` under `GUARD` and `tracemalloc` and returns an
`Observation`; `Observation.problems` lists every way it differed from the declaration, so a test
asserts it is empty and the reliability script prints it.

Settings: scenarios run with `allow_private=True` (the server is on loopback), no cache, no Wayback,
short timeouts (`FAST`), and only the overrides they declare. Bounds are calibrated against those
settings: a timeout scenario may take (retries + 1) × timeout plus backoff, a 429 scenario its
`Retry-After`, everything else well under a second here; each bound leaves 2–3× headroom for a
loaded 2-core CI runner.
"""

from __future__ import annotations

import asyncio
import io
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from claimcheck.model import FetchResult, LinkStatus, Verdict
from claimcheck.settings import HostSettings, Settings
from tests.faults.server import (
    GUARD,
    Exchange,
    FaultServer,
    Handler,
    TLSMaterial,
    brotli_bomb,
    endless_body,
    endless_headers,
    gzip_bomb,
    head_not_allowed,
    http_date,
    raw,
    redirect,
    reset_mid_body,
    self_signed_tls,
    sequence,
    static,
    trickle,
)

MB = 1024 * 1024
GB = 1024 * MB

#: The settings every scenario starts from. 1.5 s per attempt is ten times what any healthy
#: loopback answer takes here and keeps a timeout scenario (two attempts) near 3 s.
FAST: dict[str, Any] = {
    "allow_private": True,
    "no_cache": True,
    "wayback": False,
    "timeout": 1.5,
    "connect_timeout": 1.0,
    "retries": 2,
    "max_retry_wait": 5.0,
    "no_progress": True,
}

#: Memory bound for a scenario that reads at most a normal page: the fetch itself allocates a few
#: hundred kB; 16 MB is room for httpx/ssl import-time caches touched on first use.
SMALL_MB = 16.0
#: Memory bound for the size-cap scenarios: the body is read up to the 25 MB cap and may be held
#: once more while joined, plus decoder buffers — 2 × 25 MB + 16 MB. A fetch that kept reading a
#: 10 GB body or a 1 GiB bomb would be far above it.
CAPPED_MB = 2 * 25 + 16.0

#: Peak RSS of one `claimcheck verify` process. Calibration: the CLI verifying one healthy page
#: peaks at ~100 MB here, and the run meeting every fault at 160–185 MB; four capped bodies (25 MB
#: cap, held at most twice while decoded) in flight at once could add 4 × 50 MB to the base:
#: ~300 MB, rounded up to 320 MB. A fetch that kept reading a 10 GB body or a 1 GiB bomb would
#: blow far past it.
CLI_RSS_BOUND_MB = 320.0

REPO = Path(__file__).resolve().parents[2]
FIRST_HOST = 20  # scenario hosts are 127.0.0.20 onwards; lower ones are left to other tests


# ----------------------------------------------------------------------------- pages


def _page(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        "<!doctype html>\n<html><head><title>"
        + title
        + "</title></head>\n<body><article><h1>"
        + title
        + "</h1>\n"
        + body
        + "</article></body></html>\n"
    )


HEALTHY_QUOTE = "the lighthouse keepers logged every passing ship by hand"
HEALTHY_PAGE = _page(
    "Harbour records",
    "For most of the nineteenth century the lighthouse keepers logged every passing ship by "
    "hand, in ledgers that survive in the county archive.",
    "The ledgers list 3,412 vessels in the busiest year, most of them coastal colliers.",
    "Historians have used them to date the decline of sail on this stretch of coast.",
).encode()

TURKISH_QUOTE = "kıyı şeridindeki ağaçların çoğu fırtınada devrildi"
TURKISH_PAGE = _page(
    "Fırtına raporu",
    "Belediyenin yayımladığı rapora göre kıyı şeridindeki ağaçların çoğu fırtınada devrildi ve "
    "yolların temizlenmesi üç gün sürdü.",
    "Görevliler, ışıkların yeniden yanması için şebekenin güney hattında çalıştı; "
    "öğleden sonra çarşı esnafı dükkânlarını açtı.",
    "Şehir meclisi, hasarın ağırlıklı olarak eski mahallelerde yoğunlaştığını açıkladı.",
)
JAPANESE_QUOTE = "港の改修工事は来年の春に完了する予定です"
JAPANESE_PAGE = _page(
    "港湾ニュース",
    "市の発表によると、港の改修工事は来年の春に完了する予定です。",
    "工事期間中も漁船の出入りは続けられ、朝の市場は通常どおり開かれます。",
    "担当者は、防波堤の補強によって高潮の被害が減ると説明しました。",
)
BOM_QUOTE = "the “old bridge” reopened to cyclists"
BOM_PAGE = _page(
    "Café notes",
    "After two years of repairs the “old bridge” reopened to cyclists on a grey Tuesday morning.",
    "The café owners on the east bank — who had lost half their trade — were the first across.",
)
MALFORMED_QUOTE = "the ferry timetable will change in October"
MALFORMED_PAGE = (
    b"<html><head><title>Ferry notes</title><body><div class=x><p>Unclosed <b>bold <i>and italic"
    b"</div></span></td><p>Officials confirmed that the ferry timetable will change in October"
    b", after the consultation closes.<table><tr><td>cell<p>&bogus; &#xZZ; <<>> <!-- never "
    b"closed <p>Second paragraph <script>var s = '</p>';"
)
PDF_QUOTE = "counted 4,312 nesting pairs along the northern shore"


@cache
def pdf_bytes() -> bytes:
    """A small, valid one-page PDF with `PDF_QUOTE` in it (fpdf2)."""
    import fpdf

    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(
        0,
        8,
        "The spring survey counted 4,312 nesting pairs along the northern shore, "
        "the highest figure since records began.",
    )
    return bytes(pdf.output())


@cache
def truncated_pdf() -> bytes:
    """The PDF cut off before its cross-reference table and trailer: unreadable."""
    data = pdf_bytes()
    return data[: len(data) * 3 // 5]


@cache
def encrypted_pdf() -> bytes:
    """The PDF encrypted with a user password we never give claimcheck (pypdf, AES-256)."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="not-given", owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@cache
def gzip_bomb_1g() -> bytes:
    return gzip_bomb(GB)


@cache
def brotli_bomb_1g() -> bytes:
    return brotli_bomb(GB)


#: An SSH banner and binary junk, with a blank line so an HTTP parser sees a complete "head" and
#: must reject it as not HTTP.
GARBAGE = b"SSH-2.0-OpenSSH_9.6\r\n\r\n\x00\xff\xfe garbage \x13\x37" + bytes(range(256)) * 4
#: Junk with no blank line at all, then the connection closes: to a parser this is a server that
#: hung up before answering.
GARBAGE_NO_HEAD = b"\x16\x03\x01\x02\x00 not http at all" + bytes(range(1, 256)).replace(b"\n", b"")


# ----------------------------------------------------------------------------- declarations


Setup = Callable[["Lab", str, str], str]
Check = Callable[["Observation", "Lab"], list[str]]


@dataclass(frozen=True)
class Scenario:
    """One misbehaviour and what claimcheck must do about it."""

    name: str
    summary: str
    setup: Setup  # (lab, base URL of the scenario's own host, path prefix) -> URL to fetch
    expected: frozenset[LinkStatus]
    detail: str | None = None  # regex, case-insensitive, searched in error + detail
    max_seconds: float = 2.0
    max_memory_mb: float = SMALL_MB
    settings: Mapping[str, Any] = field(default_factory=dict)
    check: Check | None = None
    # What `verify` may say about `quote` cited to this URL; empty: not checked through verify.
    verdicts: frozenset[Verdict] = frozenset()
    quote: str | None = None
    slow: bool = False  # only in scripts/reliability.py, not the default suite
    tls: bool = False
    host: str | None = None  # a fixed address (the IPv6 one); otherwise one of its own
    insecure: bool = False  # mark the scenario's host `insecure` in Settings.hosts
    healthy: bool = False  # a well-behaved source: must be ok / verified in the isolation run
    private_resolver: bool = False  # run with allow_private=False and the `public_resolver` seam
    # `links` reads only a prefix of a body (`want_body=False`), so a fault that lies beyond it
    # (a body over the size cap) may honestly be `ok` there.
    links_may_be_ok: bool = False

    @property
    def links_expected(self) -> frozenset[LinkStatus]:
        return self.expected | {LinkStatus.OK} if self.links_may_be_ok else self.expected

    @property
    def expected_text(self) -> str:
        return " or ".join(sorted(s.value for s in self.expected))

    @property
    def verdicts_text(self) -> str:
        return " or ".join(sorted(v.value for v in self.verdicts))

    @property
    def claim_quote(self) -> str:
        """The quote a `verify` run checks against this scenario's URL."""
        return self.quote or HEALTHY_QUOTE


def _static(body: bytes | Callable[[], bytes], **kwargs: Any) -> Setup:
    """Serve `body` (or what the callable builds, when the lab starts) the same every time."""

    def setup(lab: Lab, base: str, prefix: str) -> str:
        lab.server.route(prefix, static(body() if callable(body) else body, **kwargs))
        return base + prefix

    return setup


def _handler(handler: Handler) -> Setup:
    def setup(lab: Lab, base: str, prefix: str) -> str:
        lab.server.route(prefix, handler)
        return base + prefix

    return setup


def _retry_after(value: Callable[[], str], *, recover: bool) -> Setup:
    def too_many(ex: Exchange) -> None:
        ex.respond(429, b"slow down", [("Retry-After", value())], content_type="text/plain")

    def setup(lab: Lab, base: str, prefix: str) -> str:
        if recover:
            lab.server.route(prefix, sequence(too_many, static(HEALTHY_PAGE)))
        else:
            lab.server.route(prefix, too_many)
        return base + prefix

    return setup


def _redirect_loop(lab: Lab, base: str, prefix: str) -> str:
    lab.server.route(prefix + "/a", redirect(base + prefix + "/b"))
    lab.server.route(prefix + "/b", redirect(base + prefix + "/a"))
    return base + prefix + "/a"


def _chain(hops: int) -> Setup:
    def setup(lab: Lab, base: str, prefix: str) -> str:
        for i in range(hops):
            target = f"{prefix}/{i + 1}" if i + 1 < hops else f"{prefix}/final"
            lab.server.route(f"{prefix}/{i}", redirect(base + target))
        lab.server.route(f"{prefix}/final", static(HEALTHY_PAGE))
        return f"{base}{prefix}/0"

    return setup


def _redirect_to(location: str) -> Setup:
    return _handler(redirect(location))


def _bomb(payload: Callable[[], bytes], encoding: str) -> Setup:
    def setup(lab: Lab, base: str, prefix: str) -> str:
        lab.server.route(
            prefix,
            static(payload(), content_type="text/html", headers=[("Content-Encoding", encoding)]),
        )
        return base + prefix

    return setup


# -- checks beyond status and detail


def _took_at_least(seconds: float) -> Check:
    def check(obs: Observation, lab: Lab) -> list[str]:
        if obs.seconds < seconds:
            return [f"Retry-After not honoured: answered after {obs.seconds:.2f} s < {seconds} s"]
        return []

    return check


def _requests(path_suffix: str, count: int) -> Check:
    def check(obs: Observation, lab: Lab) -> list[str]:
        seen = lab.server.count(obs.prefix + path_suffix)
        if seen != count:
            return [f"server saw {seen} requests to {path_suffix or '/'}, expected {count}"]
        return []

    return check


def _at_most_requests(limit: int) -> Check:
    def check(obs: Observation, lab: Lab) -> list[str]:
        seen = sum(1 for h in lab.server.hits if h.path.startswith(obs.prefix))
        return [f"server saw {seen} requests, more than {limit}"] if seen > limit else []

    return check


def _redirects(count: int) -> Check:
    def check(obs: Observation, lab: Lab) -> list[str]:
        got = len(obs.result.redirects) if obs.result else -1
        return [f"{got} redirects recorded, expected {count}"] if got != count else []

    return check


def _body_is(data: bytes) -> Check:
    def check(obs: Observation, lab: Lab) -> list[str]:
        if obs.result is None or obs.result.body != data:
            got = None if obs.result is None or obs.result.body is None else len(obs.result.body)
            return [f"body not passed through unchanged ({got} bytes, expected {len(data)})"]
        return []

    return check


def _no_head(obs: Observation, lab: Lab) -> list[str]:
    hits = lab.server.hits_for(obs.prefix)
    heads = [h for h in hits if h.method == "HEAD"]
    gets = [h for h in hits if h.method == "GET"]
    return [] if gets and not heads else [f"{len(heads)} HEAD, {len(gets)} GET: expected a GET"]


def _all(*checks: Check) -> Check:
    def check(obs: Observation, lab: Lab) -> list[str]:
        return [p for c in checks for p in c(obs, lab)]

    return check


def _readable(
    name: str, summary: str, setup: Setup, quote: str, verdict: Verdict, **kwargs: Any
) -> Scenario:
    """A source that answers 200 and must be read: link `ok`, and `verdict` for `quote`."""
    return Scenario(
        name,
        summary,
        setup,
        frozenset({LinkStatus.OK}),
        verdicts=frozenset({verdict}),
        quote=quote,
        **kwargs,
    )


def _over_cap(name: str, summary: str, setup: Setup, detail: str) -> Scenario:
    """A body past the 25 MB size cap: stopped there, quickly and in bounded memory."""
    return Scenario(
        name,
        summary,
        setup,
        frozenset({LinkStatus.ERROR}),
        detail=detail,
        max_seconds=3.0,
        max_memory_mb=CAPPED_MB,
        verdicts=frozenset({Verdict.ERROR}),
        links_may_be_ok=True,
    )


METADATA_URL = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
PRIVATE_URL = "http://10.0.0.1/admin/"

SCENARIOS: tuple[Scenario, ...] = (
    _readable(
        "healthy-html",
        "a plain, well-behaved HTML page",
        _static(HEALTHY_PAGE),
        HEALTHY_QUOTE,
        Verdict.VERIFIED,
        check=_body_is(HEALTHY_PAGE),
        healthy=True,
    ),
    _readable(
        "healthy-pdf",
        "a valid one-page PDF",
        _static(pdf_bytes, content_type="application/pdf"),
        PDF_QUOTE,
        Verdict.VERIFIED,
        healthy=True,
    ),
    Scenario(
        "slowloris-body",
        "valid headers, then one body byte every 100 ms",
        _handler(trickle()),
        frozenset({LinkStatus.TIMEOUT}),
        detail=r"time",
        settings={"timeout": 1.0, "retries": 1},
        max_seconds=6.0,
        verdicts=frozenset({Verdict.UNREACHABLE}),
    ),
    Scenario(
        "reset-mid-body",
        "Content-Length 200 kB, 4 kB sent, then a TCP reset",
        _handler(reset_mid_body()),
        frozenset({LinkStatus.ERROR}),
        detail=r"reset|closed|incomplete|peer|read",
        max_seconds=6.0,
        verdicts=frozenset({Verdict.UNREACHABLE}),
    ),
    Scenario(
        "endless-headers",
        "a status line, then a new header line every 50 ms, never a blank line",
        _handler(endless_headers()),
        frozenset({LinkStatus.TIMEOUT}),
        detail=r"time",
        settings={"timeout": 1.0, "retries": 1},
        max_seconds=6.0,
        verdicts=frozenset({Verdict.UNREACHABLE}),
    ),
    Scenario(
        "429-retry-after-seconds",
        "429 with Retry-After: 1, then 200",
        _retry_after(lambda: "1", recover=True),
        frozenset({LinkStatus.OK}),
        check=_all(_took_at_least(0.95), _requests("", 2)),
        max_seconds=4.0,
        verdicts=frozenset({Verdict.VERIFIED}),
    ),
    Scenario(
        "429-retry-after-date",
        "429 with Retry-After as an HTTP date 2 s ahead, then 200",
        _retry_after(lambda: http_date(time.time() + 2), recover=True),
        frozenset({LinkStatus.OK}),
        check=_all(_took_at_least(0.9), _requests("", 2)),
        max_seconds=5.0,
    ),
    Scenario(
        "429-always",
        "429 with Retry-After: 1 on every attempt",
        _retry_after(lambda: "1", recover=False),
        frozenset({LinkStatus.BLOCKED}),
        detail=r"429",
        check=_requests("", 3),  # retries=2: three attempts, then give up
        max_seconds=8.0,
        verdicts=frozenset({Verdict.BLOCKED}),
    ),
    Scenario(
        "503-recovers-third-try",
        "503, 503, then 200",
        _handler(
            sequence(
                static(b"busy", status=503, content_type="text/plain"),
                static(b"busy", status=503, content_type="text/plain"),
                static(HEALTHY_PAGE),
            )
        ),
        frozenset({LinkStatus.OK}),
        check=_requests("", 3),
        max_seconds=6.0,
        verdicts=frozenset({Verdict.VERIFIED}),
    ),
    Scenario(
        "redirect-loop",
        "/a -> /b -> /a -> ...",
        _redirect_loop,
        frozenset({LinkStatus.ERROR}),
        detail=r"redirect",
        check=_at_most_requests(11),  # the default limit of 10 redirects, plus the first request
        verdicts=frozenset({Verdict.UNREACHABLE}),
    ),
    Scenario(
        "redirect-chain-20",
        "a chain of 20 temporary redirects (over the default limit of 10)",
        _chain(20),
        frozenset({LinkStatus.ERROR}),
        detail=r"redirect",
        check=_at_most_requests(11),
        verdicts=frozenset({Verdict.UNREACHABLE}),
    ),
    Scenario(
        "redirect-chain-20-allowed",
        "the same 20-hop chain with max_redirects = 25: followed, every hop recorded",
        _chain(20),
        frozenset({LinkStatus.OK}),
        settings={"max_redirects": 25},
        check=_redirects(20),
    ),
    Scenario(
        "redirect-to-metadata",
        "302 to http://169.254.169.254/… (cloud metadata)",
        _redirect_to(METADATA_URL),
        frozenset({LinkStatus.EXCLUDED}),
        detail=r"169\.254\.169\.254|metadata",
        # SPEC §4 maps no verdict to an `excluded` link; "could not be fetched" (unreachable) and
        # "could not be read" (error) are both honest.
        verdicts=frozenset({Verdict.UNREACHABLE, Verdict.ERROR}),
    ),
    Scenario(
        "redirect-to-private",
        "302 to http://10.0.0.1/… (private), checked without --allow-private",
        _redirect_to(PRIVATE_URL),
        frozenset({LinkStatus.EXCLUDED}),
        detail=r"10\.0\.0\.1|private",
        private_resolver=True,
    ),
    _over_cap(
        "body-10gb-declared",
        "Content-Length: 10 GB, zeros streamed lazily",
        _handler(endless_body(declared=10 * GB)),
        r"large|size|cap|max",
    ),
    _over_cap(
        "body-10gb-chunked",
        "10 GB chunked, no Content-Length: only the running count can stop it",
        _handler(endless_body(declared=None, chunked=True)),
        r"large|size|cap|max",
    ),
    _over_cap(
        "gzip-bomb",
        "Content-Encoding: gzip, ~1 MB on the wire, 1 GiB inflated",
        _bomb(gzip_bomb_1g, "gzip"),
        r"large|size|cap|max|decompress",
    ),
    _over_cap(
        "brotli-bomb",
        "Content-Encoding: br, ~2 kB on the wire, 1 GiB inflated",
        _bomb(brotli_bomb_1g, "br"),
        r"large|size|cap|max|decompress",
    ),
    _readable(
        "charset-wrong-windows-1254",
        "Turkish page in windows-1254 served as charset=utf-8",
        _static(TURKISH_PAGE.encode("cp1254"), content_type="text/html; charset=utf-8"),
        TURKISH_QUOTE,
        Verdict.VERIFIED,
    ),
    _readable(
        "charset-missing-shift-jis",
        "Japanese page in Shift-JIS with no charset in header or markup",
        _static(JAPANESE_PAGE.encode("shift_jis"), content_type="text/html"),
        JAPANESE_QUOTE,
        Verdict.VERIFIED,
    ),
    _readable(
        "charset-bom-vs-latin1",
        "UTF-8 with a BOM, served as charset=iso-8859-1 (the BOM wins)",
        _static(
            b"\xef\xbb\xbf" + BOM_PAGE.encode("utf-8"),
            content_type="text/html; charset=iso-8859-1",
        ),
        BOM_QUOTE,
        Verdict.VERIFIED,
    ),
    _readable(
        "malformed-html",
        "unclosed and misnested tags, bogus entities, an unterminated comment",
        _static(MALFORMED_PAGE, content_type="text/html"),
        MALFORMED_QUOTE,
        Verdict.VERIFIED,
    ),
    _readable(
        "pdf-truncated",
        "a PDF cut at 60 %, no xref or trailer",
        _static(truncated_pdf, content_type="application/pdf"),
        PDF_QUOTE,
        Verdict.ERROR,
    ),
    _readable(
        "pdf-encrypted",
        "an AES-256 encrypted PDF with an unknown user password",
        _static(encrypted_pdf, content_type="application/pdf"),
        PDF_QUOTE,
        Verdict.ERROR,
    ),
    _readable(
        "empty-200",
        "200 OK with Content-Length: 0",
        _static(b"", content_type="text/html"),
        HEALTHY_QUOTE,
        Verdict.ERROR,
    ),
    Scenario(
        "head-405",
        "HEAD answered 405 Method Not Allowed, GET answered 200",
        _handler(head_not_allowed(static(HEALTHY_PAGE))),
        frozenset({LinkStatus.OK}),
        check=_no_head,
        verdicts=frozenset({Verdict.VERIFIED}),
    ),
    Scenario(
        "garbage-not-http",
        "the answer is binary junk, not an HTTP status line",
        _handler(raw(GARBAGE)),
        frozenset({LinkStatus.ERROR}),
        detail=r"protocol|invalid|illegal|malformed|http",
        max_seconds=6.0,
        verdicts=frozenset({Verdict.UNREACHABLE}),
    ),
    Scenario(
        "garbage-no-head",
        "binary junk without a line break, then the connection closes",
        _handler(raw(GARBAGE_NO_HEAD)),
        frozenset({LinkStatus.ERROR}),
        detail=r"protocol|disconnect|reset",
        max_seconds=6.0,
        verdicts=frozenset({Verdict.UNREACHABLE}),
    ),
    Scenario(
        "tls-self-signed",
        "HTTPS with a self-signed certificate",
        _static(HEALTHY_PAGE),
        frozenset({LinkStatus.ERROR}),
        detail=r"certificate|tls|ssl",
        tls=True,
        verdicts=frozenset({Verdict.UNREACHABLE}),
    ),
    _readable(
        "tls-self-signed-insecure-host",
        "the same certificate, with hosts.<host>.insecure = true",
        _static(HEALTHY_PAGE),
        HEALTHY_QUOTE,
        Verdict.VERIFIED,
        tls=True,
        insecure=True,
    ),
    _readable(
        "ipv6-loopback",
        "a healthy page on http://[::1]:port/",
        _static(HEALTHY_PAGE),
        HEALTHY_QUOTE,
        Verdict.VERIFIED,
        host="::1",
        healthy=True,
    ),
    Scenario(
        "slowloris-body-default-timeout",
        "the trickle against the default 20 s timeout and 2 retries",
        _handler(trickle(declared=1_000_000, interval=0.2)),
        frozenset({LinkStatus.TIMEOUT}),
        detail=r"time",
        settings={"timeout": 20.0, "retries": 2},
        max_seconds=75.0,
        slow=True,
    ),
    Scenario(
        "body-over-cap-200mb-gzip",
        "gzip bomb against a 200 MB cap: still stopped at the cap",
        _bomb(gzip_bomb_1g, "gzip"),
        frozenset({LinkStatus.ERROR}),
        detail=r"large|size|cap|max|decompress",
        settings={"max_bytes": 200 * MB},
        max_seconds=10.0,
        max_memory_mb=2 * 200 + 16.0,
        slow=True,
    ),
)


def scenario(name: str) -> Scenario:
    for sc in SCENARIOS:
        if sc.name == name:
            return sc
    raise KeyError(name)


# ----------------------------------------------------------------------------- the lab


class Lab:
    """A started `FaultServer` with every given scenario installed; use as a context manager."""

    def __init__(self, scenarios: tuple[Scenario, ...] = SCENARIOS, *, lifetime: float = 180.0):
        self.scenarios = scenarios
        self.server = FaultServer(lifetime=lifetime)
        hosts: dict[str, str] = {}
        n = FIRST_HOST
        for sc in scenarios:
            if sc.host is None:
                hosts[sc.name] = f"127.0.0.{n}"
                n += 1
            else:
                hosts[sc.name] = sc.host
        self.hosts = hosts
        tls_hosts = sorted({hosts[sc.name] for sc in scenarios if sc.tls})
        self.tls: TLSMaterial | None = self_signed_tls(tls_hosts) if tls_hosts else None
        self.urls: dict[str, str] = {}
        self.prefixes: dict[str, str] = {}
        self.bases: dict[str, str] = {}
        for sc in scenarios:
            context = self.tls.context if sc.tls and self.tls else None
            base = self.server.listen(hosts[sc.name], tls=context)
            self.bases[sc.name] = base
            prefix = f"/{sc.name}"
            self.prefixes[sc.name] = prefix
            self.urls[sc.name] = sc.setup(self, base, prefix)

    def __enter__(self) -> Lab:
        self.server.start()
        self.warm_up()
        return self

    def warm_up(self) -> None:
        """One untraced fetch, so lazy imports and first-use caches (httpx, h11, ssl, certifi)
        are not charged to whichever scenario happens to run first."""
        from claimcheck.fetch import Fetcher

        self.server.route("/_warmup", static(HEALTHY_PAGE))
        plain = next(b for b in self.bases.values() if b.startswith("http:"))
        settings = replace(Settings(), **FAST)

        async def main() -> None:
            async with Fetcher(settings) as fetcher:
                await fetcher.fetch(plain + "/_warmup")

        asyncio.run(main())

    def __exit__(self, *exc: object) -> None:
        self.server.stop()
        if self.tls is not None:  # the key and certificate written for this lab only
            shutil.rmtree(self.tls.directory, ignore_errors=True)

    def settings(self, sc: Scenario, **overrides: Any) -> Settings:
        """The `Settings` a scenario runs with: `FAST`, its own overrides, then `overrides`."""
        values = {**FAST, **sc.settings, **overrides}
        hosts = {
            self.hosts[s.name]: HostSettings(insecure=True) for s in self.scenarios if s.insecure
        }
        if sc.private_resolver:
            values["allow_private"] = False
        return replace(Settings(), **values, hosts=hosts)


# ----------------------------------------------------------------------------- observing


async def public_resolver(host: str) -> list[str]:
    """A test resolver that vouches for the fault server's loopback hosts as public.

    It lets a scenario run with `allow_private=False` — so the private-address check is really in
    force — while the first hop still reaches our server: 127.0.0.x answers as a documentation-free
    public address, every other IP literal answers as itself, and no name resolves at all.
    """
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return []
    if ip.is_loopback:
        return ["93.184.216.34"]  # a public address the safety check accepts; never connected to
    return [host]


@dataclass
class Observation:
    """What happened when one scenario was fetched."""

    scenario: Scenario
    prefix: str
    result: FetchResult | None
    seconds: float
    peak_mb: float
    crashed: str | None = None
    blocked_connects: list[str] = field(default_factory=list)
    blocked_lookups: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def observed(self) -> str:
        if self.crashed:
            return f"crash: {self.crashed}"
        assert self.result is not None
        return self.result.status.value

    @property
    def message(self) -> str:
        if self.result is None:
            return self.crashed or ""
        return " ".join(x for x in (self.result.error, self.result.detail) if x)


async def fetch_once(settings: Settings, sc: Scenario, url: str) -> FetchResult:
    """One fetch through a fresh `claimcheck.fetch.Fetcher`."""
    from claimcheck.fetch import Fetcher

    kwargs: dict[str, Any] = {}
    if sc.private_resolver:
        kwargs["resolver"] = public_resolver
    async with Fetcher(settings, **kwargs) as fetcher:
        return await fetcher.fetch(url)


def observe(lab: Lab, sc: Scenario, **overrides: Any) -> Observation:
    """Fetch `sc` under the connect guard and tracemalloc; judge it against its declaration."""
    settings = lab.settings(sc, **overrides)
    url = lab.urls[sc.name]
    crashed: str | None = None
    result: FetchResult | None = None
    tracemalloc.start()
    t0 = time.monotonic()
    with GUARD.watch() as guard:
        try:
            result = asyncio.run(fetch_once(settings, sc, url))
        except Exception as exc:  # a crash is an observation here: the table must show it
            crashed = f"{type(exc).__name__}: {exc}"
        seconds = time.monotonic() - t0
        connects, lookups = list(guard.connects), list(guard.lookups)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    obs = Observation(
        sc, lab.prefixes[sc.name], result, seconds, peak / MB, crashed, connects, lookups
    )
    obs.problems = judge(obs, lab)
    return obs


def judge(obs: Observation, lab: Lab) -> list[str]:
    """Every way `obs` differs from its scenario's declaration."""
    sc = obs.scenario
    problems: list[str] = []
    if obs.result is None:
        return [f"fetch raised {obs.crashed}"]
    if obs.result.status not in sc.expected:
        problems.append(
            f"status {obs.result.status.value} ({obs.message!r}), expected {sc.expected_text}"
        )
    elif sc.detail and not re.search(sc.detail, obs.message, re.IGNORECASE):
        problems.append(f"detail {obs.message!r} does not match /{sc.detail}/")
    if obs.seconds > sc.max_seconds:
        problems.append(f"took {obs.seconds:.2f} s, bound {sc.max_seconds} s")
    if obs.peak_mb > sc.max_memory_mb:
        problems.append(f"peak {obs.peak_mb:.1f} MB traced, bound {sc.max_memory_mb} MB")
    if obs.blocked_connects:
        problems.append(f"attempted connections to {obs.blocked_connects}")
    if obs.blocked_lookups:
        problems.append(f"attempted DNS lookups of {obs.blocked_lookups}")
    if sc.check is not None and obs.result.status in sc.expected:
        problems.extend(sc.check(obs, lab))
    return problems


# ----------------------------------------------------------------------------- isolation


#: Settings of the isolation run: one `Settings` for every scenario at once. `allow_private` is
#: off (with `public_resolver` vouching for the lab's hosts) so the private redirect is refused
#: here too; 1 s per attempt and two retries keep the 503-recovers scenario recovering.
ISOLATION: dict[str, Any] = {**FAST, "timeout": 1.0, "retries": 2, "allow_private": False}


@dataclass
class IsolationRun:
    """All scenarios of a lab fetched concurrently by one `Fetcher`."""

    results: dict[str, FetchResult]
    seconds: float
    peak_mb: float
    timeout_sum: float  # Σ over URLs of (retries + 1) × timeout: the spec's bound on the run
    memory_bound_mb: float
    crashed: str | None = None
    blocked_connects: list[str] = field(default_factory=list)
    blocked_lookups: list[str] = field(default_factory=list)

    @property
    def refused(self) -> set[str]:
        return {n for n, r in self.results.items() if r.status is LinkStatus.EXCLUDED}


def isolation_settings(lab: Lab) -> Settings:
    hosts = {lab.hosts[s.name]: HostSettings(insecure=True) for s in lab.scenarios if s.insecure}
    return replace(Settings(), **ISOLATION, hosts=hosts)


def isolation_run(lab: Lab) -> IsolationRun:
    """Fetch every scenario of `lab` at once, under the guard and tracemalloc."""
    from claimcheck.fetch import Fetcher

    settings = isolation_settings(lab)
    names = [sc.name for sc in lab.scenarios]

    async def main() -> list[FetchResult]:
        async with Fetcher(settings, resolver=public_resolver) as fetcher:
            return await asyncio.gather(*(fetcher.fetch(lab.urls[n]) for n in names))

    crashed: str | None = None
    results: list[FetchResult] = []
    tracemalloc.start()
    t0 = time.monotonic()
    with GUARD.watch() as guard:
        try:
            results = asyncio.run(main())
        except Exception as exc:  # recorded, and the test asserts there was none
            crashed = f"{type(exc).__name__}: {exc}"
        seconds = time.monotonic() - t0
        connects, lookups = list(guard.connects), list(guard.lookups)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    capped = sum(1 for sc in lab.scenarios if sc.max_memory_mb > SMALL_MB)
    return IsolationRun(
        results=dict(zip(names, results, strict=False)),
        seconds=seconds,
        peak_mb=peak / MB,
        timeout_sum=len(names) * (settings.retries + 1) * settings.timeout,
        # Each capped scenario may hold its cap concurrently; nothing else may add much.
        memory_bound_mb=capped * CAPPED_MB + SMALL_MB,
        crashed=crashed,
        blocked_connects=connects,
        blocked_lookups=lookups,
    )


# ----------------------------------------------------------------------------- through the CLI


#: `[settings]` of the CLI runs: as `ISOLATION`, but with `allow_private` (the CLI has no resolver
#: seam, and the lab is on loopback). The private-redirect scenario is therefore left out of CLI
#: runs: with `--allow-private`, 10.0.0.1 is a legitimate target (and GUARD would stop it).
CLI_SETTINGS: dict[str, Any] = {
    "timeout": 1.0,
    "retries": 2,
    "allow_private": True,
    "wayback": False,
    "no_cache": True,
    "no_progress": True,
}


def cli_scenarios(scenarios: tuple[Scenario, ...]) -> tuple[Scenario, ...]:
    """The scenarios a CLI run can judge: a verdict declared, no settings of their own beyond
    what `CLI_SETTINGS` gives, and no resolver seam needed."""
    own = {"timeout", "retries"}
    return tuple(
        sc
        for sc in scenarios
        if sc.verdicts and not sc.private_resolver and set(sc.settings) <= own
    )


def _toml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string of BMP text is a TOML string


def write_claims_toml(
    lab: Lab, scenarios: tuple[Scenario, ...], path: Path, **settings: Any
) -> Path:
    """A `claims.toml` with one claim per scenario (id = scenario name) and `CLI_SETTINGS`."""
    values = {**CLI_SETTINGS, **settings}
    lines = ["[settings]"]
    for key, value in values.items():
        lines.append(f"{key} = {json.dumps(value)}")
    for sc in scenarios:
        if sc.insecure:
            lines += [f'[settings.hosts."{lab.hosts[sc.name]}"]', "insecure = true"]
    for sc in scenarios:
        lines += [
            "",
            "[[claims]]",
            f"id = {_toml_str(sc.name)}",
            f"url = {_toml_str(lab.urls[sc.name])}",
            f"quote = {_toml_str(sc.claim_quote)}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class CliRun:
    """One `claimcheck` subprocess run under `guarded_cli`."""

    exit: int
    seconds: float
    maxrss_mb: float  # peak RSS of the claimcheck process itself
    children_maxrss_mb: float
    rusage_maxrss_mb: float
    report: dict[str, Any] | None
    stderr: str
    blocked_connects: list[str] = field(default_factory=list)
    blocked_lookups: list[str] = field(default_factory=list)

    def claim(self, claim_id: str) -> dict[str, Any] | None:
        for c in (self.report or {}).get("claims", []):
            if c.get("id") == claim_id:
                return dict(c)
        return None

    def source(self, url: str) -> dict[str, Any] | None:
        for s in (self.report or {}).get("sources", []):
            if s.get("url") == url:
                return dict(s)
        return None


def run_cli(args: list[str], workdir: Path, *, timeout: float = 120.0) -> CliRun:
    """Run `claimcheck ARGS` in a fresh interpreter under the guard; `--output` is read back."""
    usage = workdir / "usage.json"
    report_path = workdir / "report.json"
    cmd = [sys.executable, "-m", "tests.faults.guarded_cli", str(usage), *args]
    cmd += ["--format", "json", "--output", str(report_path)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO / "src"), str(REPO), env.get("PYTHONPATH", "")])
    )
    proc = subprocess.run(
        cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    data = json.loads(usage.read_text()) if usage.exists() else {}
    report = json.loads(report_path.read_text()) if report_path.exists() else None
    return CliRun(
        exit=proc.returncode,
        seconds=float(data.get("seconds", 0.0)),
        # VmHWM when known: ru_maxrss may be the parent's high-water mark (see guarded_cli).
        maxrss_mb=(data.get("vm_hwm_kb") or data.get("maxrss_kb", 0)) / 1024,
        rusage_maxrss_mb=data.get("maxrss_kb", 0) / 1024,
        children_maxrss_mb=data.get("children_maxrss_kb", 0) / 1024,
        report=report,
        stderr=proc.stderr,
        blocked_connects=list(data.get("blocked_connects", [])),
        blocked_lookups=list(data.get("blocked_lookups", [])),
    )
