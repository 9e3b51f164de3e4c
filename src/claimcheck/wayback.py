"""The Wayback Machine fallback for dead sources (SPEC §7, issue 6 Deliver 1).

For a source that is `dead`, `soft_404` or `timeout`, `WaybackArchive.fallback()` asks the CDX
server at `--wayback-url` for the captures closest to the citation's access date::

    {wayback_url}/cdx/search/cdx?url=URL&output=json&fl=timestamp,original,statuscode,mimetype
        &filter=statuscode:200&closest=YYYYMMDD235959&sort=closest&limit=20

picks the capture closest to that date *among those from before the end of that day* (what the
author saw), else the closest after it, and fetches the raw capture — the `id_` form
`{wayback_url}/web/{timestamp}id_/{original}`, which serves the page as archived, without the
Wayback toolbar or rewritten links. Without an access date it asks for the latest capture
(`limit=-1`). The result says `via="archive"`; its `archive_url` is the capture's ordinary
address `{wayback_url}/web/{timestamp}/{original}` (for a reader) and `fetched_at` is the
capture's date.

Every request goes through the run's `Fetcher`: retries with backoff on 429 and 5xx, `Retry-After`,
`--record`/`--replay` and the address checks apply. A lookup that still fails (rate limit,
timeout, malformed answer) gives `None` and a log line; after `RATE_LIMIT_BREAKER` rate-limited
lookups the archive is not asked again in this run.

Lookups are cached in memory for the run (concurrent lookups of one URL share one request) and on
disk under `{cache_dir}/wayback-v1/` (not with `--no-cache`, `--record` or `--replay`, so that a
recorded archive holds every exchange and a replay needs nothing else).
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

from claimcheck.fsutil import atomic_write_bytes
from claimcheck.model import FetchResult, LinkStatus
from claimcheck.settings import Settings

if TYPE_CHECKING:
    from claimcheck.fetch import Fetcher

logger = logging.getLogger(__name__)

__all__ = ["Capture", "WaybackArchive", "capture_date", "choose_capture", "parse_cdx"]

#: How many of the captures closest to the date are asked for. Twenty covers a page captured
#: daily for the weeks around the date, so a capture from before the date is among them unless
#: the archive holds nothing from before it for weeks — then the closest later one is the better
#: witness anyway.
CLOSEST_LIMIT = 20
#: After this many lookups answered with a rate limit (after the fetcher's own retries), the
#: archive is left alone for the rest of the run rather than made to refuse every dead link.
RATE_LIMIT_BREAKER = 3
#: A dated lookup that found a capture is kept on disk this long: the capture closest to a past
#: date hardly changes (the archive rarely adds old captures). A lookup for the latest capture,
#: and one that found nothing, is kept only `--max-cache-age`.
DATED_CACHE_AGE = 90 * 86400.0
CACHE_FORMAT = "claimcheck-wayback-v1"

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


def choose_capture(captures: list[Capture], when: dt.date | None) -> Capture | None:
    """The capture closest to `when` among those up to the end of that day, else the closest
    after it; without a date, the latest."""
    if not captures:
        return None
    if when is None:
        return max(captures, key=lambda c: c.timestamp)
    end = dt.datetime.combine(when, dt.time(23, 59, 59), tzinfo=dt.UTC)
    before = [c for c in captures if c.when <= end]
    if before:
        return max(before, key=lambda c: c.timestamp)
    return min(captures, key=lambda c: c.timestamp)


def capture_date(archive_url: str) -> dt.datetime | None:
    """The capture date in a Wayback address (`.../web/20210615120000/...`), or `None`."""
    found = re.search(r"/web/(\d{14})(?:[a-z]{2}_)?/", archive_url)
    if found is None:
        return None
    return Capture(found.group(1), "").when


class WaybackArchive:
    """Looks up and fetches the archived copy of a dead source (`verify.ArchiveLookup`)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.base = settings.wayback_url.rstrip("/")
        self._memo: dict[tuple[str, dt.date | None], asyncio.Future[Capture | None]] = {}
        self._rate_limited = 0
        self._disk: Path | None = None
        if not (settings.no_cache or settings.record or settings.replay):
            from claimcheck.cache import default_cache_dir

            self._disk = (settings.cache_dir or default_cache_dir()) / "wayback-v1"

    # ------------------------------------------------------------------ public

    async def fallback(
        self, url: str, when: dt.date | None, fetcher: Fetcher
    ) -> FetchResult | None:
        """The archived copy of `url` closest to `when` (preferably before), or `None`."""
        url = urldefrag(url.strip())[0]
        capture = await self._capture(url, when, fetcher)
        if capture is None:
            return None
        return await self._fetch_capture(url, capture, when, fetcher)

    async def _capture(self, url: str, when: dt.date | None, fetcher: Fetcher) -> Capture | None:
        key = (url, when)
        pending = self._memo.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._find(url, when, fetcher))
            self._memo[key] = pending
        return await asyncio.shield(pending)

    async def locate(self, url: str, when: dt.date | None, fetcher: Fetcher) -> str | None:
        """The address of the capture `fallback()` would read, without fetching it: what
        `claimcheck links` suggests for a dead link."""
        url = urldefrag(url.strip())[0]
        capture = await self._capture(url, when, fetcher)
        if capture is None:
            return None
        return f"{self.base}/web/{capture.timestamp}/{capture.original}"

    def cdx_url(self, url: str, when: dt.date | None) -> str:
        """The CDX query for `url`'s captures closest to `when` (the latest without a date)."""
        params: list[tuple[str, str]] = [
            ("url", url),
            ("output", "json"),
            ("fl", "timestamp,original,statuscode,mimetype"),
            ("filter", "statuscode:200"),
        ]
        if when is None:
            params.append(("limit", "-1"))
        else:
            params += [
                ("closest", _day_end(when)),
                ("sort", "closest"),
                ("limit", str(CLOSEST_LIMIT)),
            ]
        return f"{self.base}/cdx/search/cdx?{urlencode(params)}"

    # ------------------------------------------------------------------ lookup

    async def _find(self, url: str, when: dt.date | None, fetcher: Fetcher) -> Capture | None:
        query = self.cdx_url(url, when)
        cached = await asyncio.to_thread(self._load, query)
        if cached is not None:
            return cached[0]
        if self._rate_limited >= RATE_LIMIT_BREAKER:
            logger.info("wayback: not looking up %s, the archive rate-limited this run", url)
            return None
        answer = await fetcher.fetch(query)
        if answer.http_status == 429:
            self._rate_limited += 1
            if self._rate_limited == RATE_LIMIT_BREAKER:
                logger.warning(
                    "wayback: %s rate-limited %d lookups; no more lookups this run",
                    self.base,
                    RATE_LIMIT_BREAKER,
                )
            else:
                logger.info("wayback: rate limited looking up %s: %s", url, answer.detail)
            return None
        if answer.status not in (LinkStatus.OK, LinkStatus.REDIRECTED) or answer.body is None:
            # Per URL, and the report already says the source is unreachable: -v shows why.
            logger.info(
                "wayback: lookup of %s failed: %s %s",
                url,
                answer.status.value,
                answer.error or answer.detail,
            )
            return None
        try:
            captures = parse_cdx(answer.body)
        except (ValueError, UnicodeDecodeError) as exc:
            logger.warning("wayback: unreadable CDX answer for %s: %s", url, exc)
            return None
        capture = choose_capture(captures, when)
        logger.debug("wayback: %d captures of %s, chose %s", len(captures), url, capture)
        await asyncio.to_thread(self._store, query, capture, dated=when is not None)
        return capture

    async def _fetch_capture(
        self, url: str, capture: Capture, when: dt.date | None, fetcher: Fetcher
    ) -> FetchResult | None:
        raw = f"{self.base}/web/{capture.timestamp}id_/{capture.original}"
        result = await fetcher.fetch(raw)
        if result.status not in (LinkStatus.OK, LinkStatus.REDIRECTED) or result.body is None:
            logger.warning(
                "wayback: capture %s could not be fetched: %s %s",
                raw,
                result.status.value,
                result.error or result.detail,
            )
            return None
        taken = capture.when
        if when is None:
            relation = "the latest capture"
        elif taken.date() <= when:
            relation = f"the closest capture on or before the access date {when.isoformat()}"
        else:
            relation = f"no capture before the access date {when.isoformat()}; the closest after"
        return replace(
            result,
            url=url,
            status=LinkStatus.OK,
            final_url=capture.original,
            redirects=(),
            fetched_at=taken,
            error=None,
            detail=f"Wayback Machine capture of {taken:%Y-%m-%d %H:%M:%S} UTC ({relation})",
            via="archive",
            archive_url=f"{self.base}/web/{capture.timestamp}/{capture.original}",
        )

    # ------------------------------------------------------------------ disk cache

    def _path(self, query: str) -> Path | None:
        if self._disk is None:
            return None
        digest = hashlib.sha256(query.encode("utf-8")).hexdigest()
        return self._disk / digest[:2] / f"{digest}.json"

    def _load(self, query: str) -> tuple[Capture | None] | None:
        """`(capture,)` from the disk cache (the capture may be `None`: nothing archived), or
        `None` on a miss, an expired entry or an unreadable file."""
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
            found = data["capture"]
            capture = None if found is None else Capture(found["timestamp"], found["original"])
            keep = DATED_CACHE_AGE if data["dated"] and capture else self.settings.max_cache_age
        except (KeyError, TypeError, ValueError) as exc:
            logger.warning("wayback: ignoring malformed cache entry %s: %s", path, exc)
            return None
        if age > keep or age < 0:
            return None
        return (capture,)

    def _store(self, query: str, capture: Capture | None, *, dated: bool) -> None:
        path = self._path(query)
        if path is None:
            return
        entry = {
            "format": CACHE_FORMAT,
            "query": query,
            "stored_at": time.time(),
            "dated": dated,
            "capture": None
            if capture is None
            else {"timestamp": capture.timestamp, "original": capture.original},
        }
        try:
            atomic_write_bytes(path, json.dumps(entry, sort_keys=True).encode("utf-8"))
        except OSError as exc:
            # A read-only or full cache must not fail the check itself.
            logger.warning("wayback: cannot write %s: %s", path, exc)
