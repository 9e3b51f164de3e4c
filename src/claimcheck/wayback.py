"""The Wayback Machine fallback for dead sources (SPEC §7, issue 6 Deliver 1).

For a source that is `dead`, `soft_404` or `timeout`, `WaybackArchive.fallback()` asks the CDX
server at `--wayback-url` for the captures closest to the citation's access date::

    {wayback_url}/cdx/search/cdx?url=URL&output=json&fl=timestamp,original,statuscode,mimetype
        &filter=statuscode:200&closest=YYYYMMDD235959&sort=closest&limit=20

orders them — those from before the end of that day (what the author saw) closest first, then
those after it, closest first — and fetches the raw capture of the first: the `id_` form
`{wayback_url}/web/{timestamp}id_/{original}`, which serves the page as archived, without the
Wayback toolbar or rewritten links. Without an access date it asks for the latest captures
(`limit=-MAX_CAPTURES_TRIED`), latest first.

A page captured many times just after the date (a busy news page) can fill all `CLOSEST_LIMIT`
rows with later captures: when the answer is full and holds none from before the date, the
latest captures up to the end of that day are asked for too (`to=YYYYMMDD235959`,
`limit=-MAX_CAPTURES_TRIED`), so the copy the author could have read is not crowded out.

The archive answers a capture it does not hold exactly with a redirect to the one it has (another
timestamp): the capture read is the one redirected to, and its date and address are reported.

The archive records a dead page's "Page not found" answer or a CDN's challenge page with status
200 as readily as the article. So a capture is classified as a live page would be, with the
classifier's rules that need no request (`classify.classify_capture`: no random-path probe, which
would probe the archive, not the site): a soft 404 or a bot wall, like a capture whose replay
fails (404, 5xx, timeout), is passed over for the next candidate — at most `MAX_CAPTURES_TRIED`
captures are fetched per source. The result says `via="archive"`; its `archive_url` is the
capture's ordinary address `{wayback_url}/web/{timestamp}/{original}` (for a reader) and
`fetched_at` is the capture's date.

When no capture can be used, `fallback()` still answers, with a result that has no `archive_url`
and says why in `detail`: no archived copy found, the lookup failed (HTTP 500, rate limited after
the fetcher's retries, a malformed answer), or what was wrong with each capture tried. The caller
adds that to the source's detail, so a failed lookup is not mistaken for "nothing archived".

Every request goes through the run's `Fetcher`: retries with backoff on 429 and 5xx, `Retry-After`,
`--record`/`--replay` and the address checks apply. A lookup that still fails logs a warning;
after `RATE_LIMIT_BREAKER` rate-limited lookups the archive is not asked again in this run.

Lookups are cached in memory for the run (concurrent lookups of one URL share one request) and on
disk under `{cache_dir}/wayback-v1/` (not with `--no-cache`, `--record` or `--replay`, so that a
recorded archive holds every exchange and a replay needs nothing else). A failed lookup is not
kept on disk.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urlencode

from claimcheck.classify import ARCHIVE_FAILED, ARCHIVE_NOTE, classify_capture, landing_url
from claimcheck.fetch import NOT_IN_ARCHIVE
from claimcheck.fsutil import atomic_write_bytes
from claimcheck.model import FetchResult, LinkStatus
from claimcheck.settings import Settings

if TYPE_CHECKING:
    from claimcheck.fetch import Fetcher

logger = logging.getLogger(__name__)

__all__ = [
    "ARCHIVE_NOTE",
    "Capture",
    "WaybackArchive",
    "capture_date",
    "choose_capture",
    "order_captures",
    "parse_cdx",
]

#: How many of the captures closest to the date are asked for. Twenty covers a page captured
#: daily for the weeks around the date, so a capture from before the date is among them unless
#: the archive holds nothing from before it for weeks — then the closest later one is the better
#: witness anyway.
CLOSEST_LIMIT = 20
#: At most this many captures are fetched for one source: the first that is neither a soft 404,
#: a bot wall nor a failed replay is used. Three get past a "Page not found" capture and a broken
#: replay without making one dead link cost the archive a dozen requests.
MAX_CAPTURES_TRIED = 3
#: After this many lookups answered with a rate limit (after the fetcher's own retries), the
#: archive is left alone for the rest of the run rather than made to refuse every dead link.
RATE_LIMIT_BREAKER = 3
#: A dated lookup that found a capture is kept on disk this long: the capture closest to a past
#: date hardly changes (the archive rarely adds old captures). A lookup for the latest capture,
#: and one that found nothing, is kept only `--max-cache-age`.
DATED_CACHE_AGE = 90 * 86400.0
#: v2 keeps the ordered candidates (v1 kept only the chosen capture; its entries are misses).
CACHE_FORMAT = "claimcheck-wayback-v2"

_TIMESTAMP = re.compile(r"^\d{14}$")


@dataclass(frozen=True)
class Capture:
    """One CDX row: when the page was captured and the URL as the archive recorded it."""

    timestamp: str  # yyyyMMddhhmmss, UTC
    original: str

    @property
    def when(self) -> dt.datetime:
        """The capture's date and time (UTC)."""
        return dt.datetime.strptime(self.timestamp, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)


def _day_end(day: dt.date) -> str:
    return f"{day:%Y%m%d}235959"


def parse_cdx(body: bytes) -> list[Capture]:
    """The captures in a CDX JSON answer (`output=json`): a header row naming the fields, then
    one row per capture. An empty body or `[]` is no capture; anything else raises `ValueError`.
    """
    text = body.decode("utf-8", errors="strict").strip()
    if not text:
        return []
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError(f"expected a JSON array, got {type(data).__name__}")
    if not data:
        return []
    header = data[0]
    if not isinstance(header, list) or not all(isinstance(h, str) for h in header):
        raise ValueError("the first row is not a list of field names")
    try:
        t, o = header.index("timestamp"), header.index("original")
    except ValueError:
        raise ValueError(f"no timestamp/original field in {header!r}") from None
    s = header.index("statuscode") if "statuscode" in header else None
    captures: list[Capture] = []
    for row in data[1:]:
        if not isinstance(row, list) or not row:
            continue  # the blank row before a resumption key
        if len(row) != len(header) or not all(isinstance(v, str) for v in row):
            raise ValueError(f"a row does not match the header: {row!r}")
        if s is not None and row[s] != "200":
            continue
        if _TIMESTAMP.match(row[t]) and row[o].startswith(("http://", "https://")):
            captures.append(Capture(row[t], row[o]))
    return captures


def order_captures(captures: list[Capture], when: dt.date | None) -> list[Capture]:
    """The captures in the order they are tried: those up to the end of `when`'s day, closest
    first, then those after it, closest first; without a date, the latest first."""
    if when is None:
        return sorted(captures, key=lambda c: c.timestamp, reverse=True)
    end = dt.datetime.combine(when, dt.time(23, 59, 59), tzinfo=dt.UTC)
    before = sorted((c for c in captures if c.when <= end), key=lambda c: c.timestamp)
    after = sorted((c for c in captures if c.when > end), key=lambda c: c.timestamp)
    return [*reversed(before), *after]


def choose_capture(captures: list[Capture], when: dt.date | None) -> Capture | None:
    """The capture closest to `when` among those up to the end of that day, else the closest
    after it; without a date, the latest."""
    ordered = order_captures(captures, when)
    return ordered[0] if ordered else None


def capture_date(archive_url: str) -> dt.datetime | None:
    """The capture date in a Wayback address (`.../web/20210615120000/...`), or `None`."""
    found = re.search(r"/web/(\d{14})(?:[a-z]{2}_)?/", archive_url)
    if found is None:
        return None
    return Capture(found.group(1), "").when


@dataclass(frozen=True)
class _Lookup:
    """A CDX lookup's outcome: the captures to try, in order, or why there are none."""

    captures: tuple[Capture, ...]
    failure: str | None = None  # the lookup failed (not "nothing archived")
    outage: bool = True  # the failure is the archive's (not a lookup missing from --replay)


class WaybackArchive:
    """Looks up and fetches the archived copy of a dead source (`verify.ArchiveLookup`)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.base = settings.wayback_url.rstrip("/")
        self._memo: dict[tuple[str, dt.date | None], asyncio.Future[_Lookup]] = {}
        self._rate_limited = 0
        self._disk: Path | None = None
        if not (settings.no_cache or settings.record or settings.replay):
            from claimcheck.cache import default_cache_dir

            self._disk = (settings.cache_dir or default_cache_dir()) / "wayback-v1"

    # ------------------------------------------------------------------ public

    async def fallback(
        self, url: str, when: dt.date | None, fetcher: Fetcher
    ) -> FetchResult | None:
        """The archived copy of `url` closest to `when` (preferably before).

        Without a usable copy, a result with no `archive_url` whose `detail` says why.
        """
        url = urldefrag(url.strip())[0]
        found = await self._lookup(url, when, fetcher)
        if found.failure is not None:
            error = ARCHIVE_FAILED if found.outage else "archive lookup not recorded"
            return _miss(url, error, f"lookup failed ({found.failure})")
        if not found.captures:
            return _miss(url, "no archived copy", "no archived copy found")
        passed: list[str] = []
        down = 0  # captures the archive failed to serve (5xx, timeout): an outage
        for capture in found.captures[:MAX_CAPTURES_TRIED]:
            result, problem, outage = await self._fetch_capture(url, capture, when, fetcher)
            if result is not None:
                if passed:
                    result = replace(result, detail=f"{result.detail}; passed over {_list(passed)}")
                return result
            down += outage
            passed.append(f"the capture of {capture.when:%Y-%m-%d} ({problem})")
        why = f"no usable capture: {_list(passed)}"
        logger.warning("wayback: %s: %s", url, why)
        # Every capture tried failed to come: the archive is down, not the copies unusable.
        tried = min(len(found.captures), MAX_CAPTURES_TRIED)
        return _miss(url, ARCHIVE_FAILED if down == tried else "no usable archived copy", why)

    async def _lookup(self, url: str, when: dt.date | None, fetcher: Fetcher) -> _Lookup:
        key = (url, when)
        pending = self._memo.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._find(url, when, fetcher))
            self._memo[key] = pending
        return await asyncio.shield(pending)

    async def locate(self, url: str, when: dt.date | None, fetcher: Fetcher) -> str | None:
        """The address of the capture `fallback()` would read first, without fetching it."""
        url = urldefrag(url.strip())[0]
        found = await self._lookup(url, when, fetcher)
        if not found.captures:
            return None
        capture = found.captures[0]
        return f"{self.base}/web/{capture.timestamp}/{capture.original}"

    def cdx_url(self, url: str, when: dt.date | None, *, before: bool = False) -> str:
        """The CDX query for `url`'s captures closest to `when` (the latest without a date);
        `before`: the latest up to the end of `when`'s day."""
        params: list[tuple[str, str]] = [
            ("url", url),
            ("output", "json"),
            ("fl", "timestamp,original,statuscode,mimetype"),
            ("filter", "statuscode:200"),
        ]
        if when is None:
            params.append(("limit", str(-MAX_CAPTURES_TRIED)))
        elif before:
            params += [("to", _day_end(when)), ("limit", str(-MAX_CAPTURES_TRIED))]
        else:
            params += [
                ("closest", _day_end(when)),
                ("sort", "closest"),
                ("limit", str(CLOSEST_LIMIT)),
            ]
        return f"{self.base}/cdx/search/cdx?{urlencode(params)}"

    # ------------------------------------------------------------------ lookup

    async def _find(self, url: str, when: dt.date | None, fetcher: Fetcher) -> _Lookup:
        query = self.cdx_url(url, when)
        cached = await asyncio.to_thread(self._load, query)
        if cached is not None:
            return _Lookup(cached)
        if self._rate_limited >= RATE_LIMIT_BREAKER:
            logger.info("wayback: not looking up %s, the archive rate-limited this run", url)
            return _Lookup((), "not asked: the archive rate-limited this run")
        answer = await fetcher.fetch(query)
        if answer.http_status == 429:
            self._rate_limited += 1
            logger.warning("wayback: lookup of %s rate limited: %s", url, answer.detail)
            if self._rate_limited == RATE_LIMIT_BREAKER:
                logger.warning(
                    "wayback: %s rate-limited %d lookups; no more lookups this run",
                    self.base,
                    RATE_LIMIT_BREAKER,
                )
            return _Lookup((), answer.detail or "rate limited (429)")
        if answer.error == NOT_IN_ARCHIVE:
            # `--replay` of a run that made no such lookup: nothing to warn about, and the
            # lookup's long address would only clutter the detail.
            logger.info("wayback: lookup of %s is not in the replayed archive", url)
            return _Lookup((), "not recorded in the --replay archive", outage=False)
        if answer.status not in (LinkStatus.OK, LinkStatus.REDIRECTED) or answer.body is None:
            why = answer.detail or answer.error or answer.status.value
            logger.warning("wayback: lookup of %s failed: %s", url, why)
            return _Lookup((), why)
        try:
            captures = parse_cdx(answer.body)
        except (ValueError, UnicodeDecodeError) as exc:
            logger.warning("wayback: unreadable CDX answer for %s: %s", url, exc)
            return _Lookup((), f"unreadable answer: {exc}")
        if when is not None and len(captures) >= CLOSEST_LIMIT:
            end = dt.datetime.combine(when, dt.time(23, 59, 59), tzinfo=dt.UTC)
            if not any(c.when <= end for c in captures):
                captures += await self._before(url, when, fetcher)
        ordered = tuple(order_captures(captures, when)[:MAX_CAPTURES_TRIED])
        logger.debug("wayback: %d captures of %s, trying %s", len(captures), url, ordered)
        await asyncio.to_thread(self._store, query, ordered, dated=when is not None)
        return _Lookup(ordered)

    async def _before(self, url: str, when: dt.date, fetcher: Fetcher) -> list[Capture]:
        """The latest captures up to the end of `when`'s day (none when that lookup fails: the
        captures after the date are still there to try)."""
        answer = await fetcher.fetch(self.cdx_url(url, when, before=True))
        if answer.status not in (LinkStatus.OK, LinkStatus.REDIRECTED) or answer.body is None:
            logger.info("wayback: lookup of %s before %s failed: %s", url, when, answer.detail)
            return []
        try:
            return parse_cdx(answer.body)
        except (ValueError, UnicodeDecodeError) as exc:
            logger.info("wayback: unreadable CDX answer for %s before %s: %s", url, when, exc)
            return []

    async def _fetch_capture(
        self, url: str, capture: Capture, when: dt.date | None, fetcher: Fetcher
    ) -> tuple[FetchResult | None, str, bool]:
        """The capture as the result to check claims against, or `None`, what was wrong, and
        whether that is the archive failing to serve it (5xx, timeout) rather than the copy."""
        raw = f"{self.base}/web/{capture.timestamp}id_/{capture.original}"
        result = await fetcher.fetch(raw)
        if result.status not in (LinkStatus.OK, LinkStatus.REDIRECTED) or result.body is None:
            problem = result.detail or result.error or result.status.value
            logger.info("wayback: capture %s could not be fetched: %s", raw, problem)
            outage = result.status is LinkStatus.TIMEOUT or (
                result.status is LinkStatus.ERROR
                and (result.http_status is None or result.http_status >= 500)
            )
            return None, f"could not be fetched: {problem}", outage
        # The archive redirects a capture it does not hold exactly to the one it has: that is
        # the copy read, and the one to name.
        served = _CAPTURE.search(landing_url(result))
        if served is not None and served.group(1) != capture.timestamp:
            logger.info("wayback: capture %s redirected to %s", raw, landing_url(result))
            capture = Capture(served.group(1), _original(landing_url(result)) or capture.original)
        # Classified as the page it was: the original address it landed on, not the archive's.
        landed = _original(landing_url(result)) or capture.original
        seen = replace(result, url=url, status=LinkStatus.OK, final_url=landed, detail="")
        if result.body:
            seen = await asyncio.to_thread(classify_capture, seen)
        else:
            seen = classify_capture(seen)
        if seen.status is LinkStatus.SOFT_404 or (
            seen.status is LinkStatus.BLOCKED and seen.error != "paywall"
        ):
            logger.info("wayback: passing over capture %s: %s", raw, seen.detail)
            return None, seen.detail, False
        taken = capture.when
        if when is None:
            relation = "the latest capture"
        elif taken.date() <= when:
            relation = f"the closest capture on or before the access date {when.isoformat()}"
        else:
            relation = f"no capture before the access date {when.isoformat()}; the closest after"
        detail = f"Wayback Machine capture of {taken:%Y-%m-%d %H:%M:%S} UTC ({relation})"
        if seen.status is LinkStatus.BLOCKED:
            detail = f"{seen.detail}; {detail}"  # a paywall's teaser: what it serves is read
        return (
            replace(
                seen,
                final_url=capture.original,
                redirects=(),
                fetched_at=taken,
                error=seen.error if seen.status is LinkStatus.BLOCKED else None,
                detail=detail,
                via="archive",
                archive_url=f"{self.base}/web/{capture.timestamp}/{capture.original}",
            ),
            "",
            False,
        )

    # ------------------------------------------------------------------ disk cache

    def _path(self, query: str) -> Path | None:
        if self._disk is None:
            return None
        digest = hashlib.sha256(query.encode("utf-8")).hexdigest()
        return self._disk / digest[:2] / f"{digest}.json"

    def _load(self, query: str) -> tuple[Capture, ...] | None:
        """The captures to try from the disk cache (empty: nothing archived), or `None` on a
        miss, an expired entry or an unreadable file."""
        path = self._path(query)
        if path is None:
            return None
        try:
            data: Any = json.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            logger.warning("wayback: ignoring unreadable cache entry %s: %s", path, exc)
            return None
        try:
            if data["format"] != CACHE_FORMAT or data["query"] != query:
                return None
            age = time.time() - float(data["stored_at"])
            captures = tuple(
                Capture(str(c["timestamp"]), str(c["original"])) for c in data["captures"]
            )
            keep = DATED_CACHE_AGE if data["dated"] and captures else self.settings.max_cache_age
        except (KeyError, TypeError, ValueError) as exc:
            logger.warning("wayback: ignoring malformed cache entry %s: %s", path, exc)
            return None
        if age > keep or age < 0:
            return None
        return captures

    def _store(self, query: str, captures: tuple[Capture, ...], *, dated: bool) -> None:
        path = self._path(query)
        if path is None:
            return
        entry = {
            "format": CACHE_FORMAT,
            "query": query,
            "stored_at": time.time(),
            "dated": dated,
            "captures": [{"timestamp": c.timestamp, "original": c.original} for c in captures],
        }
        try:
            atomic_write_bytes(path, json.dumps(entry, sort_keys=True).encode("utf-8"))
        except OSError as exc:
            # A read-only or full cache must not fail the check itself.
            logger.warning("wayback: cannot write %s: %s", path, exc)


_CAPTURE = re.compile(r"/web/(\d{14})(?:[a-z]{2}_)?/https?://", re.I)
_ARCHIVED = re.compile(r"/web/\d{1,14}(?:[a-z]{2}_)?/(https?://.+)$", re.I)


def _original(archive_url: str) -> str | None:
    """The original address in a Wayback address (`.../web/20210615120000id_/http://...`)."""
    found = _ARCHIVED.search(archive_url)
    return found.group(1) if found else None


def _list(items: list[str]) -> str:
    return ", ".join(items)


def _miss(url: str, error: str, why: str) -> FetchResult:
    """No archived copy to read, and why (`fallback()`'s answer without one)."""
    return FetchResult(
        url=url,
        status=LinkStatus.ERROR,
        error=error,
        detail=f"{ARCHIVE_NOTE.removeprefix('; ')}{why}",
        via="archive",
    )
