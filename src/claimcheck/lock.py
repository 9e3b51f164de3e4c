"""The lock file: what the last recorded run found, so a scheduled run reports what changed
(issue 6, Deliver 4).

`claimcheck.lock` sits next to `claims.toml` (`--lock PATH` elsewhere). It is JSON, sorted and
indented, one entry per claim (keyed by claim id and URL) and one per link, and it only changes
where something changed, so it reads well in a diff:

- per claim: `verdict`, `tier`, `passage_sha256` (the matched passage), `source_sha256` and
  `source_hash` (what was hashed: `text`, the page's readable text, for HTML; `body` for other
  types; `archive` for a claim checked against an archived copy, whose address is its identity),
  `source_date` (when that content was first seen), `via` and `archive_url`;
- per link: `status`, `http_status`, and the current streak of failed runs (`failed_runs`,
  `failures` — the first and the latest timestamps — and `confirmed`).

`apply_lock()` compares a run with the lock and marks what changed:

- `ClaimResult.change`: `drift` (was `verified`/`approximate`, now `not_found`/`mismatch`),
  `changed` (still verified, but the source's content or the matched passage changed),
  `recovered` (was failing, now verified), `new` (failing, and not failing in the lock);
- `SourceReport.confirmed`: a broken link (`dead`, `soft_404`, `timeout`, `error`) is confirmed
  only after N failed runs, the first and the latest at least D apart (`--confirm-dead N/D`);
  `SourceReport.change`: `new` (confirmed broken in this run for the first time), `recovered`.

`apply_lock()` writes the lock when asked (`update`) or when the file does not exist yet (that
run records the baseline and reports no changes), and never for an interrupted run. The CLI calls
it only when a lock exists or `--update-lock` is given, so a plain run never creates one. It is
written atomically (`claimcheck.fsutil`): a kill during the write leaves the previous lock whole.

`regressions()` lists what got worse since the lock, for `--fail-on new`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from claimcheck.collect import fetch_key
from claimcheck.defaults import default_fail_on
from claimcheck.errors import ClaimcheckError
from claimcheck.fsutil import atomic_write_text
from claimcheck.model import ClaimResult, LinkStatus, RunReport, SourceReport, Verdict
from claimcheck.settings import parse_confirm_dead, parse_duration

logger = logging.getLogger(__name__)

__all__ = [
    "FORMAT",
    "LOCK_NAME",
    "LockFileError",
    "apply_lock",
    "default_lock_path",
    "load_lock",
    "regressions",
]

LOCK_NAME = "claimcheck.lock"
FORMAT = "claimcheck/lock/v1"

PASSING = frozenset({Verdict.VERIFIED, Verdict.APPROXIMATE})
FAILING = frozenset(
    {Verdict.MISMATCH, Verdict.NOT_FOUND, Verdict.UNREACHABLE, Verdict.BLOCKED, Verdict.ERROR}
)
DRIFTED = frozenset({Verdict.NOT_FOUND, Verdict.MISMATCH})
#: Link statuses that count as a failed run for `--confirm-dead`. `blocked` is not among them: a
#: bot wall says nothing about whether the page is there.
BROKEN = frozenset({LinkStatus.DEAD, LinkStatus.SOFT_404, LinkStatus.TIMEOUT, LinkStatus.ERROR})
#: Timestamps of a failure streak kept in the lock: the first (the streak's start, which
#: `--confirm-dead N/D` measures D from) and the latest few. The count is kept apart, so a link
#: failing for a year costs ten lines, not 365.
MAX_FAILURES_KEPT = 10

_PSEUDO = frozenset({"new", "drift", "changed"})


class LockFileError(ClaimcheckError):
    """The lock file cannot be read: not JSON, not a lock, or an entry of the wrong shape."""


def default_lock_path(claims_path: Path | None) -> Path | None:
    """`claimcheck.lock` next to `claims.toml` (or in the folder given), `None` without one."""
    if claims_path is None:
        return None
    claims_path = Path(claims_path)
    folder = claims_path if claims_path.is_dir() else claims_path.parent
    return folder / LOCK_NAME


# --------------------------------------------------------------------------- reading


def load_lock(path: Path) -> dict[str, Any] | None:
    """The lock at `path`, checked; `None` when there is none."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LockFileError(f"cannot read the lock file: {exc}", path=str(path)) from None
    hint = "fix it, or delete it to record a new baseline"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise LockFileError(f"not a JSON lock file: {exc}", path=str(path), hint=hint) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise LockFileError(
            f"expected format {FORMAT!r}, found {found!r}", path=str(path), key="format", hint=hint
        )
    for section in ("claims", "links"):
        table = data.get(section, {})
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            raise LockFileError(
                "expected a table of entries", path=str(path), key=section, hint=hint
            )
        data[section] = table
    for key, entry in data["claims"].items():
        _check_choice(entry, "verdict", {v.value for v in Verdict}, path, f"claims.{key}")
    for key, entry in data["links"].items():
        _check_choice(entry, "status", {s.value for s in LinkStatus}, path, f"links.{key}")
        failures = entry.get("failures", [])
        if not isinstance(failures, list) or not all(_parse_time(f) for f in failures):
            raise LockFileError(
                "expected a list of ISO timestamps",
                path=str(path),
                key=f"links.{key}.failures",
                hint=hint,
            )
        if not isinstance(entry.get("failed_runs", 0), int):
            raise LockFileError(
                "expected a number", path=str(path), key=f"links.{key}.failed_runs", hint=hint
            )
    return data


def _check_choice(
    entry: Mapping[str, Any], name: str, allowed: set[str], path: Path, at: str
) -> None:
    if entry.get(name) not in allowed:
        raise LockFileError(
            f"unknown {name} {entry.get(name)!r}",
            path=str(path),
            key=f"{at}.{name}",
            hint="fix it, or delete it to record a new baseline",
        )


def _parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)


def _stamp(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --------------------------------------------------------------------------- comparing


def confirm_rule(confirm_dead: str) -> tuple[int, float]:
    """`(runs, seconds)` from `--confirm-dead N` or `N/DURATION` (`3/1d`)."""
    text = parse_confirm_dead(confirm_dead)
    runs, _, apart = text.partition("/")
    seconds = parse_duration(apart, "--confirm-dead", "confirm_dead") if apart else 0.0
    return int(runs), seconds


def apply_lock(
    report: RunReport,
    path: Path,
    *,
    update: bool,
    confirm_dead: str,
    now: dt.datetime,
) -> RunReport:
    """Compare `report` with the lock at `path`, mark changes, and write the lock when asked
    (`update`) or when there is none yet. Returns the report with `change`/`confirmed` set."""
    path = Path(path)
    previous = load_lock(path)
    runs, apart = confirm_rule(confirm_dead)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    old_links: dict[str, Any] = previous["links"] if previous else {}
    old_claims: dict[str, Any] = previous["claims"] if previous else {}

    links: dict[str, Any] = {}
    sources: list[SourceReport] = []
    for source in report.sources:
        url = source.fetch.url
        entry, confirmed, change = _link(source, old_links.get(url), runs, apart, now)
        if previous is None:
            change = None  # no baseline: nothing to compare with
        links[url] = entry
        sources.append(replace(source, confirmed=confirmed, change=change))

    by_url = {s.fetch.url: s for s in report.sources}
    hashes: dict[str, tuple[str, str] | None] = {}
    claims: dict[str, Any] = {}
    results: list[ClaimResult] = []
    for result in report.claims:
        key = _claim_key(result, claims)
        cited = by_url.get(fetch_key(result.url)) if result.url else None
        content = _content(result, cited, hashes)
        old = old_claims.get(key)
        claims[key] = _claim_entry(result, content, old, cited, now)
        change = _claim_change(result, old, claims[key]) if previous is not None else None
        results.append(replace(result, change=change))

    if report.command == "links" and previous is not None:
        claims = dict(old_claims)  # a link check says nothing about the claims
    lock = {"claims": claims, "format": FORMAT, "links": links}
    if report.interrupted:
        logger.info("run interrupted: %s not written", path)
    elif update or previous is None:
        _write(path, lock)
        logger.info("%s %s", "recorded the baseline in" if previous is None else "updated", path)
    return replace(report, sources=tuple(sources), claims=tuple(results))


def _link(
    source: SourceReport, old: Mapping[str, Any] | None, runs: int, apart: float, now: dt.datetime
) -> tuple[dict[str, Any], bool, str | None]:
    """The link's new lock entry, whether its failure is confirmed, and its change."""
    fetch = source.fetch
    broken = fetch.status in BROKEN
    was_broken = old is not None and old.get("status") in {s.value for s in BROKEN}
    was_confirmed = bool(was_broken and old is not None and old.get("confirmed"))
    entry: dict[str, Any] = {
        "http_status": fetch.http_status,
        "status": fetch.status.value,
        "failed_runs": 0,
        "failures": [],
        "confirmed": True,
    }
    if not broken:
        recovered = was_broken and fetch.status in (LinkStatus.OK, LinkStatus.REDIRECTED)
        return entry, True, "recovered" if recovered else None
    stamps: list[str] = list(old.get("failures", [])) if was_broken and old is not None else []
    count = int(old.get("failed_runs", len(stamps))) if was_broken and old is not None else 0
    stamps.append(_stamp(now))
    count += 1
    if len(stamps) > MAX_FAILURES_KEPT:
        stamps = stamps[:1] + stamps[-(MAX_FAILURES_KEPT - 1) :]
    first = _parse_time(stamps[0]) or now
    confirmed = count >= runs and (now - first).total_seconds() >= apart
    entry.update(failed_runs=count, failures=stamps, confirmed=confirmed)
    change = "new" if confirmed and not was_confirmed else None
    return entry, confirmed, change


def _claim_key(result: ClaimResult, taken: Mapping[str, Any]) -> str:
    key = f"{result.claim.id} {result.url}" if result.url else result.claim.id
    if key in taken:
        # Two articles with a claim of the same id citing the same URL.
        key = f"{key} ({result.claim.article})"
    return key


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _content(
    result: ClaimResult,
    source: SourceReport | None,
    hashes: dict[str, tuple[str, str] | None],
) -> tuple[str, str] | None:
    """`(kind, sha256)` of the content the claim was checked against."""
    if result.via == "archive" and result.archive_url:
        return "archive", _sha(result.archive_url)
    if source is None:
        return None
    url = source.fetch.url
    if url not in hashes:
        from claimcheck.classify import content_hash

        hashes[url] = content_hash(source.fetch)
    return hashes[url]


def _claim_entry(
    result: ClaimResult,
    content: tuple[str, str] | None,
    old: Mapping[str, Any] | None,
    source: SourceReport | None,
    now: dt.datetime,
) -> dict[str, Any]:
    passage = result.evidence.text if result.evidence is not None else None
    kind, digest = content if content is not None else (None, None)
    same = old is not None and digest is not None and old.get("source_sha256") == digest
    if same and old is not None:
        seen = old.get("source_date")
    elif digest is None:
        seen = None
    else:
        fetched = source.fetch.fetched_at if source is not None else None
        seen = _stamp(fetched or now)
    return {
        "archive_url": result.archive_url,
        "article": result.claim.article,
        "passage_sha256": _sha(" ".join(passage.split())) if passage else None,
        "source_date": seen,
        "source_hash": kind,
        "source_sha256": digest,
        "tier": result.tier.value if result.tier is not None else None,
        "verdict": result.verdict.value,
        "via": result.via,
    }


def _claim_change(
    result: ClaimResult, old: Mapping[str, Any] | None, new: Mapping[str, Any]
) -> str | None:
    now = result.verdict
    if old is None:
        return "new" if now in FAILING else None
    was = Verdict(old["verdict"])
    if was in PASSING and now in DRIFTED:
        return "drift"
    if was not in FAILING and now in FAILING:
        return "new"
    if was in FAILING and now in PASSING:
        return "recovered"
    if was in PASSING and now in PASSING:
        comparable = (
            old.get("source_hash") == new["source_hash"]
            and old.get("source_sha256") is not None
            and new["source_sha256"] is not None
        )
        if comparable and old.get("source_sha256") != new["source_sha256"]:
            return "changed"
        if old.get("passage_sha256") != new["passage_sha256"]:
            return "changed"
    return None


def _write(path: Path, lock: Mapping[str, Any]) -> None:
    atomic_write_text(path, json.dumps(lock, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- failing


def _thresholds(report: RunReport) -> frozenset[str]:
    """The verdicts and statuses that count as failures: `--fail-on` without the lock-only
    values, or the command's defaults when `--fail-on` names only those (`--fail-on new`)."""
    named = frozenset(report.fail_on) - _PSEUDO
    if named:
        return named
    return default_fail_on(report.command)


def regressions(report: RunReport) -> list[str]:
    """What got worse since the lock (`--fail-on new`), after `apply_lock()`.

    - a claim that drifted (was verified, now `not_found`/`mismatch`);
    - a claim newly failing at or above the thresholds (`--fail-on`'s verdicts, else the
      command's defaults), unless it is `unreachable` through a link that awaits confirmation;
    - a link newly confirmed broken, and the `unreachable` claims that cite it.
    """
    thresholds = _thresholds(report)
    unconfirmed = {s.fetch.url for s in report.sources if not s.confirmed}
    newly_broken = {s.fetch.url for s in report.sources if s.change == "new"}
    found: list[str] = []
    for source in report.sources:
        if source.change != "new":
            continue
        status = source.fetch.status.value
        if status in thresholds or (report.command == "verify" and "unreachable" in thresholds):
            found.append(f"{source.fetch.url}: {status} (newly confirmed)")
    for claim in report.claims:
        key = fetch_key(claim.url) if claim.url else None
        verdict = claim.verdict
        if claim.change == "drift":
            found.append(f"{claim.claim.id}: drift (now {verdict.value})")
        elif verdict.value not in thresholds:
            continue
        elif verdict is Verdict.UNREACHABLE and key in newly_broken:
            found.append(f"{claim.claim.id}: unreachable (link newly confirmed broken)")
        elif claim.change == "new" and not (verdict is Verdict.UNREACHABLE and key in unconfirmed):
            found.append(f"{claim.claim.id}: {verdict.value} (new)")
    return found
