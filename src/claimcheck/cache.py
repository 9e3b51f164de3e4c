"""On-disk cache of fetched sources, revalidated with ETag/Last-Modified (SPEC §7, issue 3).

One file per URL under `platformdirs.user_cache_dir("claimcheck")` (or `--cache-dir`), named by
the SHA-256 of the URL as requested, i.e. after `--remap`. A file is one JSON line of metadata
followed by the body bytes. Only complete `200` answers with status `ok` or `redirected` are
stored, never errors, and never a response marked `Cache-Control: no-store`.

Writes go through `claimcheck.fsutil.atomic_write_bytes` (a temporary file in the same directory,
fsynced, then renamed over the entry): a reader (another run sharing the cache) sees the old entry
or the new one, never half of one. A file that cannot be parsed is treated as a miss.

Why not hishel: its cache sits in an httpx transport and reads the whole response to store it,
which bypasses the streamed, size-capped read of `claimcheck.fetch` (a 2 GB body would be read in
full); its freshness rules are RFC 9111's, while ours is one `--max-cache-age` knob for every host;
its file storage writes in place rather than by rename; and its storage API changed incompatibly
between 0.1 and 1.0. What we need is ~150 lines, so we keep it here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimcheck.fsutil import atomic_write_bytes
from claimcheck.model import FetchResult, LinkStatus, Redirect

logger = logging.getLogger(__name__)

FORMAT = "claimcheck-cache-v1"
CACHEABLE = frozenset({LinkStatus.OK, LinkStatus.REDIRECTED})


def default_cache_dir() -> Path:
    """The per-user cache directory claimcheck uses when `--cache-dir` is not given."""
    import platformdirs  # only here: a run with --no-cache or --cache-dir does not load it

    return Path(platformdirs.user_cache_dir("claimcheck"))


@dataclass(frozen=True)
class CacheEntry:
    """A stored answer: the `FetchResult` as first fetched, and when it was last confirmed."""

    result: FetchResult
    stored_at: float  # epoch seconds of the fetch or of the last 304 revalidation
    body_url: str  # the URL that served the body (the end of the redirect chain)

    def age(self, now: float | None = None) -> float:
        """Seconds since the entry was stored or last revalidated."""
        return (time.time() if now is None else now) - self.stored_at

    def validators(self) -> dict[str, str]:
        """`If-None-Match` / `If-Modified-Since` headers for a conditional request, maybe empty."""
        headers = {k.lower(): v for k, v in self.result.headers}
        out: dict[str, str] = {}
        if "etag" in headers:
            out["If-None-Match"] = headers["etag"]
        if "last-modified" in headers:
            out["If-Modified-Since"] = headers["last-modified"]
        return out


class Cache:
    """A directory of cached answers, keyed by the requested (remapped) URL."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = (directory or default_cache_dir()) / "http-v1"

    def path_for(self, url: str) -> Path:
        """Where the entry for `url` lives."""
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.directory / digest[:2] / f"{digest}.entry"

    def load(self, url: str) -> CacheEntry | None:
        """The entry for `url`, or `None` when there is none or it cannot be read."""
        path = self.path_for(url)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            logger.warning("cache: cannot read %s: %s", path, exc)
            return None
        try:
            return _decode(raw, url)
        except (ValueError, KeyError, TypeError) as exc:
            logger.warning("cache: ignoring unreadable entry %s: %s", path, exc)
            return None

    def store(self, result: FetchResult, *, body_url: str, stored_at: float | None = None) -> bool:
        """Store `result` if it is cacheable; `True` when it was written."""
        if not cacheable(result):
            return False
        entry = CacheEntry(result, time.time() if stored_at is None else stored_at, body_url)
        path = self.path_for(result.request_url)
        data = _encode(entry)
        try:
            atomic_write_bytes(path, data)
        except OSError as exc:
            # A full disk or a read-only cache must not fail the check itself.
            logger.warning("cache: cannot write %s: %s", path, exc)
            return False
        return True

    def refresh(self, entry: CacheEntry) -> bool:
        """Mark `entry` as confirmed now (after a `304 Not Modified`)."""
        return self.store(entry.result, body_url=entry.body_url)


def cacheable(result: FetchResult) -> bool:
    """Only complete 200 answers that were `ok` or `redirected` are worth storing."""
    if result.status not in CACHEABLE or result.http_status != 200 or result.body is None:
        return False
    if result.sha256 is None or not result.request_url:  # a truncated prefix has no digest
        return False
    for name, value in result.headers:
        if name.lower() == "cache-control" and "no-store" in value.lower():
            return False
    return True


def _encode(entry: CacheEntry) -> bytes:
    r = entry.result
    meta: dict[str, Any] = {
        "format": FORMAT,
        "stored_at": entry.stored_at,
        "body_url": entry.body_url,
        "url": r.url,
        "request_url": r.request_url,
        "status": r.status.value,
        "final_url": r.final_url,
        "http_status": r.http_status,
        "content_type": r.content_type,
        "redirects": [[h.url, h.status] for h in r.redirects],
        "fetched_at": r.fetched_at.isoformat() if r.fetched_at else None,
        "sha256": r.sha256,
        "detail": r.detail,
        "headers": [list(h) for h in r.headers],
    }
    return json.dumps(meta, separators=(",", ":")).encode("utf-8") + b"\n" + (r.body or b"")


def _decode(raw: bytes, url: str) -> CacheEntry:
    head, sep, body = raw.partition(b"\n")
    if not sep:
        raise ValueError("no metadata line")
    meta = json.loads(head)
    if meta.get("format") != FORMAT or meta["request_url"] != url:
        raise ValueError("another format or another URL")
    if hashlib.sha256(body).hexdigest() != meta["sha256"]:
        raise ValueError("body does not match its digest")
    fetched_at = dt.datetime.fromisoformat(meta["fetched_at"]) if meta["fetched_at"] else None
    result = FetchResult(
        url=meta["url"],
        status=LinkStatus(meta["status"]),
        request_url=meta["request_url"],
        final_url=meta["final_url"],
        http_status=meta["http_status"],
        content_type=meta["content_type"],
        redirects=tuple(Redirect(u, int(s)) for u, s in meta["redirects"]),
        fetched_at=fetched_at,
        sha256=meta["sha256"],
        detail=meta["detail"],
        body=body,
        headers=tuple((str(k), str(v)) for k, v in meta["headers"]),
    )
    return CacheEntry(result, float(meta["stored_at"]), str(meta["body_url"]))


def as_cached(entry: CacheEntry, url: str, *, detail: str) -> FetchResult:
    """`entry`'s result as an answer for `url` (the cited form may differ from the first one)."""
    return replace(entry.result, url=url, via="cache", from_cache=True, detail=detail, elapsed=0.0)
