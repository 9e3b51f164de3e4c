"""The lock file: what the last recorded run found, so a scheduled run reports what changed
(issue 6, Deliver 4).

`claimcheck.lock` sits next to `claims.toml`, or in the current folder when there is none
(`--lock PATH` elsewhere); a run reads it where `--update-lock` writes it. It is JSON, sorted and
indented, one entry per claim and one per link, and it only changes where something changed, so it
reads well in a diff.

A claim's entry is keyed by what the claim is, not by its generated id (which holds the note
number, so adding a footnote would renumber every later claim): `ARTICLE URL DIGEST`, the article
as a path relative to the lock's folder, the cited URL, and the first 12 hex digits of the SHA-256
of the quote or figure (whitespace collapsed), with ` #2`, ` #3`… for a repeat of the same quote
citing the same URL in the same article. Lock files of format v1, keyed `ID URL`, are still read:
an entry without `text` is found by the claim's id, and is rewritten under the new key by the next
`--update-lock`.

`--update-lock` replaces the entries of the articles this run checked and keeps the others', so
articles that share one lock can be recorded one at a time (a link's entry lists the articles
citing it, and stays while one it names was not checked).

- per claim: `article`, `url`, `kind` and `text` (the quote or figure), `verdict`, `tier`,
  `passage_sha256` (the matched passage), `source_sha256` and
  `source_hash` (what was hashed: `text`, the page's readable text, for HTML; `body` for other
  types; `archive` for a claim checked against an archived copy, whose address is its identity),
  `source_date` (when that content was first seen), `via` and `archive_url`;
- per link: `status`, `http_status`, `articles`, and the current streak of failed runs
  (`failed_runs`, `failures` — the first and the latest timestamps — and `confirmed`).

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

`regressions()` lists what got worse since the lock, for `--fail-on new`; `failures()` lists
everything that makes the run exit 1 under `--fail-on` (with or without `new`), and
`claim_failure()`/`source_failure()` say it for one claim or link, so every report marks as
failing exactly what the exit code counted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import json.decoder
import logging
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any, Literal, NoReturn

from claimcheck.collect import fetch_key
from claimcheck.defaults import default_fail_on
from claimcheck.errors import ClaimcheckError
from claimcheck.fsutil import atomic_write_text
from claimcheck.model import (
    ClaimKind,
    ClaimResult,
    LinkStatus,
    RunReport,
    SourceReport,
    Verdict,
)
from claimcheck.settings import parse_confirm_dead, parse_duration

logger = logging.getLogger(__name__)

__all__ = [
    "FORMAT",
    "LOCK_NAME",
    "Failures",
    "LockFileError",
    "apply_lock",
    "claim_failure",
    "decide",
    "default_lock_path",
    "failures",
    "load_lock",
    "regressions",
    "source_failure",
]

LOCK_NAME = "claimcheck.lock"
FORMAT = "claimcheck/lock/v2"
#: Earlier formats still read: v1 keyed claims by their generated id (see the module docstring).
READABLE_FORMATS = frozenset({"claimcheck/lock/v1", FORMAT})

PASSING = frozenset({Verdict.VERIFIED, Verdict.APPROXIMATE})
FAILING = frozenset(
    {Verdict.MISMATCH, Verdict.NOT_FOUND, Verdict.UNREACHABLE, Verdict.BLOCKED, Verdict.ERROR}
)
DRIFTED = frozenset({Verdict.NOT_FOUND, Verdict.MISMATCH})
#: Verdicts of a claim whose source was not read: they say nothing about what the source says, so
#: the lock keeps the last reading with them (`last_read`), and a reading after them is compared
#: with that one.
UNREAD = frozenset({Verdict.UNREACHABLE, Verdict.BLOCKED, Verdict.ERROR})
#: What a claim's `last_read` keeps of the entry that recorded a reading.
READING_FIELDS = (
    "archive_url",
    "passage_sha256",
    "source_date",
    "source_hash",
    "source_sha256",
    "tier",
    "verdict",
    "via",
)
#: Link statuses that count as a failed run for `--confirm-dead`. `blocked` is not among them: a
#: bot wall says nothing about whether the page is there.
BROKEN = frozenset({LinkStatus.DEAD, LinkStatus.SOFT_404, LinkStatus.TIMEOUT, LinkStatus.ERROR})
#: Timestamps of a failure streak kept in the lock: the first (the streak's start, which
#: `--confirm-dead N/D` measures D from) and the latest few. The count is kept apart, so a link
#: failing for a year costs ten lines, not 365.
MAX_FAILURES_KEPT = 10
#: Hex digits of the quote's SHA-256 in a claim's key: 48 bits, and the key stays one short line.
DIGEST_CHARS = 12

_PSEUDO = frozenset({"new", "drift", "changed"})
_VERDICTS = frozenset(v.value for v in Verdict)
_HINT = "fix it, or delete it to record a new baseline"


class LockFileError(ClaimcheckError):
    """The lock file cannot be read: not JSON, not a lock, or an entry of the wrong shape."""


def default_lock_path(claims_path: Path | None) -> Path:
    """`claimcheck.lock` next to `claims.toml` (or in the folder given); without a claims file,
    in the current folder, where `--update-lock` writes it."""
    if claims_path is None:
        return Path(LOCK_NAME)
    claims_path = Path(claims_path)
    folder = claims_path if claims_path.is_dir() else claims_path.parent
    return folder / LOCK_NAME


# --------------------------------------------------------------------------- reading


class Unread(Enum):
    """`apply_lock`'s default for `previous`: the lock is not read yet (`None` is no lock)."""

    UNREAD = 0


def load_lock(path: Path) -> dict[str, Any] | None:
    """The lock at `path`, checked; `None` when there is none.

    A byte-order mark (a Windows editor's) is allowed. An invalid value is reported with the
    line it is on.
    """
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LockFileError(f"cannot read the lock file: {exc}", path=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LockFileError(f"not a UTF-8 lock file: {exc}", path=str(path), hint=_HINT) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LockFileError(
            f"not a JSON lock file: {exc.msg} (column {exc.colno})",
            path=str(path),
            line=exc.lineno,
            hint=_HINT,
        ) from None
    except ValueError as exc:
        raise LockFileError(f"not a JSON lock file: {exc}", path=str(path), hint=_HINT) from None
    except RecursionError:
        # `json` reads arrays and objects by recursion: `[[[…]]]` some thousands deep exhausts the
        # stack. A lock nests four levels.
        raise LockFileError(
            "not a lock file: arrays or objects nested hundreds deep", path=str(path), hint=_HINT
        ) from None
    checker = _Checker(path, text)
    if not isinstance(data, dict) or data.get("format") not in READABLE_FORMATS:
        found = data.get("format") if isinstance(data, dict) else None
        checker.fail(f"expected format {FORMAT!r}, found {found!r}", ("format",))
    for section in ("claims", "links"):
        table = data.get(section, {})
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            checker.fail("expected a table of entries", (section,))
        data[section] = table
    for key, entry in data["claims"].items():
        at = ("claims", key)
        checker.choice(entry, "verdict", {v.value for v in Verdict}, at)
        for name in ("article", "text", "url"):
            if not isinstance(entry.get(name, ""), str | None):
                checker.fail("expected a string", (*at, name))
    for key, entry in data["links"].items():
        at = ("links", key)
        checker.choice(entry, "status", {s.value for s in LinkStatus}, at)
        failures = entry.get("failures", [])
        if not isinstance(failures, list) or not all(_parse_time(f) for f in failures):
            checker.fail("expected a list of ISO timestamps", (*at, "failures"))
        if not isinstance(entry.get("failed_runs", 0), int):
            checker.fail("expected a number", (*at, "failed_runs"))
        articles = entry.get("articles", [])
        if not isinstance(articles, list) or not all(isinstance(a, str) for a in articles):
            checker.fail("expected a list of article paths", (*at, "articles"))
        if "articles" in entry:
            entry["articles"] = sorted({_portable(a) for a in articles})
    data["claims"] = dict(_portable_claim(k, v) for k, v in data["claims"].items())
    return data


def _portable(article: str) -> str:
    """An article path as the lock records it, `/`-separated: a lock written or edited on Windows
    (`posts\\a.md`) names the same article as one written on Linux (`posts/a.md`)."""
    if "\\" not in article or "://" in article:
        return article
    return article.replace("\\", "/")


def _portable_claim(key: str, entry: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A claim's key and entry with its article path `/`-separated (see `_portable()`)."""
    article = entry.get("article")
    if not isinstance(article, str) or _portable(article) == article:
        return key, entry
    fixed = _portable(article)
    if key.startswith(f"{article} "):
        key = fixed + key[len(article) :]
    return key, {**entry, "article": fixed}


class _Checker:
    """Raises `LockFileError` for a value of the lock, naming its key path and line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, reason: str, at: tuple[str, ...]) -> NoReturn:
        raise LockFileError(
            reason,
            path=str(self.path),
            line=key_line(self.text, at),
            key=".".join(at),
            hint=_HINT,
        )

    def choice(
        self, entry: Mapping[str, Any], name: str, allowed: set[str], at: tuple[str, ...]
    ) -> None:
        if entry.get(name) not in allowed:
            self.fail(f"unknown {name} {entry.get(name)!r}", (*at, name))


#: The JSON string reader (`json.decoder.scanstring`, which typeshed does not declare).
_scanstring: Any = getattr(json.decoder, "scanstring")  # noqa: B009
_WS = re.compile(r"[ \t\n\r]*")


def key_line(text: str, path: tuple[str, ...]) -> int | None:
    """The 1-based line of the key at `path` (`("claims", KEY, "verdict")`) in the JSON `text`,
    or of the deepest enclosing key found; `None` when the text cannot be walked."""
    best: list[int] = []  # offset of the deepest key of `path` found so far
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        found = _WS.match(text, i)
        return found.end() if found else i

    def value(i: int, depth: int) -> int:
        i = skip(i)
        if text.startswith("{", i):
            i = skip(i + 1)
            if text.startswith("}", i):
                return i + 1
            while True:
                i = skip(i)
                start = i
                key, i = _scanstring(text, i + 1)
                inside = depth < len(path) and key == path[depth] and len(best) == depth
                if inside:
                    best.append(start)
                i = skip(i) + 1  # the colon
                i = value(i, depth + 1 if inside else len(path) + 1)
                i = skip(i)
                if text.startswith(",", i):
                    i += 1
                    continue
                return i + 1
        if text.startswith("[", i):
            i = skip(i + 1)
            if text.startswith("]", i):
                return i + 1
            while True:
                i = skip(value(i, len(path) + 1))
                if text.startswith(",", i):
                    i += 1
                    continue
                return i + 1
        _, end = decoder.raw_decode(text, i)
        return int(end)

    try:
        value(0, 0)
    except (ValueError, IndexError, RecursionError):
        pass
    if not best:
        return None
    return text.count("\n", 0, best[-1]) + 1


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
    previous: dict[str, Any] | None | Literal[Unread.UNREAD] = Unread.UNREAD,
) -> RunReport:
    """Compare `report` with the lock at `path`, mark changes, and write the lock when asked
    (`update`) or when there is none yet. Returns the report with `change`/`confirmed` set.

    `previous` is the lock as `load_lock(path)` returned it, when the caller read it already."""
    path = Path(path)
    if previous is Unread.UNREAD:
        previous = load_lock(path)
    runs, apart = confirm_rule(confirm_dead)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    old_links: dict[str, Any] = previous["links"] if previous else {}
    old_claims: dict[str, Any] = previous["claims"] if previous else {}
    base = path.parent
    checked = {_article_name(a.source, base) for a in report.articles}
    checked |= {_article_name(c.claim.article, base) for c in report.claims}
    for source in report.sources:
        checked |= {_article_name(a, base) for a in source.articles}

    links: dict[str, Any] = {}
    sources: list[SourceReport] = []
    unconfirmed: set[str] = set()
    for source in report.sources:
        url = source.fetch.url
        old_link = old_links.get(url)
        entry, confirmed, change = _link(source, old_link, runs, apart, now)
        citing = {_article_name(a, base) for a in source.articles}
        if old_link is not None:
            citing |= {a for a in old_link.get("articles", []) if a not in checked}
        entry["articles"] = sorted(citing)
        if previous is None:
            change = None  # no baseline: nothing to compare with
        if not confirmed:
            unconfirmed.add(url)
        links[url] = entry
        sources.append(replace(source, confirmed=confirmed, change=change))

    by_url = {s.fetch.url: s for s in report.sources}
    hashes: dict[str, tuple[str, str] | None] = {}
    claims: dict[str, Any] = {}
    results: list[ClaimResult] = []
    keys = _claim_keys(report.claims, base)
    legacy = _Legacy(old_claims)
    olds: list[Mapping[str, Any] | None] = []
    for result, key in zip(report.claims, keys, strict=True):
        old = old_claims.get(key)
        olds.append(old if old is not None else legacy.find(result, base))
    moved = _Moved(old_claims, checked, base)
    olds = moved.find([k for k, o in zip(keys, olds, strict=True) if o is None], olds, keys)
    for result, key, old in zip(report.claims, keys, olds, strict=True):
        cited = by_url.get(fetch_key(result.url)) if result.url else None
        content = _content(result, cited, hashes)
        article = _article_name(result.claim.article, base)
        entry = _claim_entry(result, article, content, old, cited, now)
        change = _claim_change(result, old, entry) if previous is not None else None
        if previous is not None and _held(result, old, unconfirmed):
            # Not read through an outage not confirmed yet (a link awaiting --confirm-dead, an
            # archive that failed): the lock keeps the claim's last reading, and the claim is
            # neither new nor failing until the outage is confirmed.
            if old is not None:
                entry = {**old, **{k: entry[k] for k in ("article", "kind", "text", "url")}}
            if old is None or old.get("verdict") != result.verdict.value:
                change = "unconfirmed"
        claims[key] = entry
        results.append(replace(result, change=change))

    prune = moved.prune(old_claims, old_links, checked, report)
    for entry in links.values():
        entry["articles"] = [a for a in entry["articles"] if a not in prune]
    fmt = FORMAT
    if report.command == "links" and previous is not None:
        claims = dict(old_claims)  # a link check says nothing about the claims
        fmt = str(previous.get("format") or FORMAT)
        if fmt != FORMAT and update:
            # Its claims are keyed by claim id; only `verify` finds the claims to key them anew.
            logger.warning(
                "%s is a %s lock: `claimcheck verify --update-lock` converts it to %s",
                path,
                fmt.rpartition("/")[2],
                FORMAT.rpartition("/")[2],
            )
    else:
        claims = _merge_claims(claims, old_claims, checked | prune, base)
    links = _merge_links(links, old_links, old_claims, checked | prune, base)
    lock = {"claims": claims, "format": fmt, "links": links}
    if report.interrupted:
        logger.info("run interrupted: %s not written", path)
    elif update or previous is None:
        _write(path, lock)
        logger.info("%s %s", "recorded the baseline in" if previous is None else "updated", path)
    # A baseline run compared with nothing: its report names no lock (and no changes).
    compared = str(path) if previous is not None else None
    return replace(report, sources=tuple(sources), claims=tuple(results), lock=compared)


def _article_name(article: str, base: Path) -> str:
    """An article as the lock records it: a path relative to the lock's folder (`/` separated),
    so `a.md`, `./a.md` and `docs/a.md` run from the folder above name one article; a URL or
    `-` (stdin) as given."""
    if not article or article == "-" or "://" in article:
        return article
    try:
        relative = os.path.relpath(os.path.abspath(article), os.path.abspath(base or "."))
    except ValueError:  # another drive (Windows)
        return Path(os.path.abspath(article)).as_posix()
    return Path(relative).as_posix()


def _target(result: ClaimResult) -> str:
    """What the claim asks to find (the quote, or the figure), whitespace collapsed."""
    claim = result.claim
    if claim.kind is ClaimKind.FACT:
        text = claim.fact or claim.value or claim.sentence
    else:
        text = claim.quote or claim.sentence
    return " ".join(text.split())


def _claim_keys(results: Iterable[ClaimResult], base: Path) -> list[str]:
    """Each result's key, `ARTICLE URL DIGEST` (see the module docstring). Repeats of one key
    are numbered in the article's order (line, column), whatever order the results came in."""
    items = list(results)
    plain = [
        f"{_article_name(r.claim.article, base)} {r.url or '-'} {_sha(_target(r))[:DIGEST_CHARS]}"
        for r in items
    ]
    order = sorted(range(len(items)), key=lambda i: (items[i].claim.line, items[i].claim.column, i))
    seen: Counter[str] = Counter()
    keys = [""] * len(items)
    for i in order:
        seen[plain[i]] += 1
        n = seen[plain[i]]
        keys[i] = plain[i] if n == 1 else f"{plain[i]} #{n}"
    return keys


class _Legacy:
    """The entries of a v1 lock (no `text`), found by the claim id they were keyed by."""

    def __init__(self, old_claims: Mapping[str, Any]) -> None:
        self.entries: dict[str, Mapping[str, Any]] = {
            k: v for k, v in old_claims.items() if "text" not in v
        }

    def find(self, result: ClaimResult, base: Path) -> Mapping[str, Any] | None:
        if not self.entries:
            return None
        claim = result.claim
        plain = f"{claim.id} {result.url}" if result.url else claim.id
        article = _article_name(claim.article, base)
        for key in (plain, f"{plain} ({claim.article})"):
            entry = self.entries.get(key)
            if (
                entry is not None
                and _article_name(str(entry.get("article") or ""), base) == article
            ):
                return entry
        return self._renumbered(result, article, base)

    def _renumbered(
        self, result: ClaimResult, article: str, base: Path
    ) -> Mapping[str, Any] | None:
        """The entry of a claim whose generated id (`n3-the-first-words`) changed only in its
        note number since the v1 lock was written (a footnote added before it): found by the
        rest of the id, the URL and the article, when exactly one entry has them."""
        own = _NUMBERED.match(result.claim.id)
        if own is None:
            return None
        found = []
        for key, entry in self.entries.items():
            ident, _, rest = key.partition(" ")
            other = _NUMBERED.match(ident)
            if (
                other is not None
                and other.group(1) == own.group(1)
                and rest in (result.url or "", f"{result.url} ({result.claim.article})")
                and _article_name(str(entry.get("article") or ""), base) == article
            ):
                found.append(entry)
        return found[0] if len(found) == 1 else None


#: A claim id generated from the note number and the quote's first words (`n3-the-first-words`).
_NUMBERED = re.compile(r"^n\d+-(.+)$")


def _is_file(article: str) -> bool:
    """Whether the lock's name for an article is a file path (not a URL, not stdin)."""
    return bool(article) and article != "-" and "://" not in article


class _Moved:
    """Entries of articles the lock names whose file is gone (moved or renamed), found by URL and
    quote digest (the key without its article).

    Only a file that no longer exists (relative to the lock's folder) is taken to have moved, and
    only an entry that exactly one claim of this run looks for and that exactly one missing
    article holds is matched: anything ambiguous stays `new`, as without the move.
    """

    def __init__(self, old_claims: Mapping[str, Any], checked: set[str], base: Path) -> None:
        self.base = base
        self.old_claims = old_claims
        self.missing: set[str] = set()
        self.moved: dict[str, set[str]] = {}  # missing article -> the articles its claims are in
        self.candidates: dict[str, list[tuple[str, str]]] = {}  # rest of key -> (key, article)
        present: set[str] = set()
        for key, entry in old_claims.items():
            article = str(entry.get("article") or "")
            if "text" not in entry or article in checked or not _is_file(article):
                continue
            if article not in present and article not in self.missing:
                exists = (base / article).exists()
                (present if exists else self.missing).add(article)
            if article in self.missing and key.startswith(f"{article} "):
                rest = key[len(article) + 1 :]
                self.candidates.setdefault(rest, []).append((key, article))

    def find(
        self,
        unmatched: list[str],
        olds: list[Mapping[str, Any] | None],
        keys: list[str],
    ) -> list[Mapping[str, Any] | None]:
        """`olds` with the entries of missing articles filled in where the key (without its
        article) of an unmatched claim finds exactly one."""
        if not self.candidates or not unmatched:
            return olds
        wanted = Counter(self._rest(k) for k in unmatched)
        out = list(olds)
        for i, (key, old) in enumerate(zip(keys, olds, strict=True)):
            if old is not None:
                continue
            rest = self._rest(key)
            found = self.candidates.get(rest, [])
            if len(found) != 1 or wanted[rest] != 1:
                continue
            old_key, old_article = found[0]
            out[i] = self.old_claims[old_key]
            self.moved.setdefault(old_article, set()).add(key[: len(key) - len(rest) - 1])
        for old_article, new in sorted(self.moved.items()):
            logger.info(
                "lock: claims of %s, which no longer exists, found in %s (moved or renamed?)",
                old_article,
                ", ".join(sorted(new)),
            )
        return out

    @staticmethod
    def _rest(key: str) -> str:
        """A claim key without its article: `URL DIGEST` (and ` #N`)."""
        parts = key.rsplit(" ", 3)
        if len(parts) == 4 and parts[3].startswith("#"):
            return " ".join(parts[1:])
        return " ".join(key.rsplit(" ", 2)[1:])

    def prune(
        self,
        old_claims: Mapping[str, Any],
        old_links: Mapping[str, Any],
        checked: set[str],
        report: RunReport,
    ) -> set[str]:
        """The missing articles whose entries this run drops: those whose claims were found in
        another article (moved), and every missing one when this run checked all the articles of
        the lock that still exist (a run over the whole site)."""
        named = {str(e.get("article") or "") for e in old_claims.values()}
        for entry in old_links.values():
            named.update(entry.get("articles", []))
        files = {a for a in named - checked if _is_file(a)}
        missing = {a for a in files if a in self.missing or not (self.base / a).exists()}
        prune = set(self.moved) if report.command == "verify" else set()
        whole = not (files - missing) and any(
            _is_file(a) and (self.base / a).exists() for a in checked
        )
        if missing and whole:
            prune |= missing
        left = missing - prune
        if left:
            logger.info(
                "lock: entries of %d article(s) that no longer exist (%s): moved or deleted? "
                "--update-lock drops them on a run over every article of the lock",
                len(left),
                ", ".join(sorted(left)),
            )
        if prune:
            logger.info(
                "lock: dropping the entries of %s (no longer there)", ", ".join(sorted(prune))
            )
        return prune


def _merge_claims(
    claims: dict[str, Any], old_claims: Mapping[str, Any], checked: set[str], base: Path
) -> dict[str, Any]:
    """This run's entries, and the lock's entries for the articles this run did not check."""
    merged = dict(claims)
    for key, entry in old_claims.items():
        if key in merged:
            continue
        if _article_name(str(entry.get("article") or ""), base) not in checked:
            merged[key] = entry
    return merged


def _merge_links(
    links: dict[str, Any],
    old_links: Mapping[str, Any],
    old_claims: Mapping[str, Any],
    checked: set[str],
    base: Path,
) -> dict[str, Any]:
    """This run's links, and the lock's links still cited by an article this run did not check.

    A v1 entry does not list its articles: it is kept while the lock holds any article this run
    did not check, and dropped by a run over all of them.
    """
    merged = dict(links)
    others = {_article_name(str(e.get("article") or ""), base) for e in old_claims.values()}
    for entry in old_links.values():
        others.update(entry.get("articles", []))
    others -= checked
    for url, entry in old_links.items():
        if url in merged:
            continue
        if "articles" not in entry:
            if others:
                merged[url] = entry
            continue
        remaining = [a for a in entry["articles"] if a not in checked]
        if remaining:
            merged[url] = {**entry, "articles": remaining}
    return merged


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
    article: str,
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
    entry: dict[str, Any] = {
        "archive_url": result.archive_url,
        "article": article,
        "kind": result.claim.kind.value,
        "passage_sha256": _sha(" ".join(passage.split())) if passage else None,
        "source_date": seen,
        "source_hash": kind,
        "source_sha256": digest,
        "text": _target(result),
        "tier": result.tier.value if result.tier is not None else None,
        "url": result.url,
        "verdict": result.verdict.value,
        "via": result.via,
    }
    if result.verdict in UNREAD and old is not None:
        read = _last_read(old)
        if read is not None:
            entry["last_read"] = read
    return entry


def _last_read(entry: Mapping[str, Any]) -> dict[str, Any] | None:
    """The last reading an entry holds: its own, or the one it kept while its source was not
    read (`None`: the claim was never read)."""
    if entry.get("verdict") in {v.value for v in UNREAD}:
        kept = entry.get("last_read")
        return dict(kept) if isinstance(kept, Mapping) else None
    return {k: entry.get(k) for k in READING_FIELDS}


def _held(result: ClaimResult, old: Mapping[str, Any] | None, unconfirmed: set[str]) -> bool:
    """Whether the claim was not read through an outage not confirmed yet: its link awaits
    `--confirm-dead`, or the archive holding its dead source's copy failed to answer (a lock entry
    says what it held)."""
    if result.verdict is not Verdict.UNREACHABLE:
        return False
    if result.url and fetch_key(result.url) in unconfirmed:
        return True
    return result.archive_failed is not None and old is not None


def _claim_change(
    result: ClaimResult, old: Mapping[str, Any] | None, new: Mapping[str, Any]
) -> str | None:
    now = result.verdict
    if old is None:
        return "new" if now in FAILING else None
    was = Verdict(old["verdict"])
    if was in UNREAD and now in DRIFTED:
        # Read again after runs that could not read it: compared with the last reading.
        read = _last_read(old)
        last = Verdict(read["verdict"]) if read and read.get("verdict") in _VERDICTS else None
        if last in PASSING:
            return "drift"
        return None if last in DRIFTED else "new"
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


@dataclass(frozen=True)
class Failures:
    """Why each failing claim and link fails (`--fail-on`), by its index in the report.

    The exit code is 1 exactly when there is one; the reports mark exactly these as failing.
    """

    sources: Mapping[int, str]
    claims: Mapping[int, str]

    def lines(self, report: RunReport) -> list[str]:
        """`URL: reason` and `CLAIM-ID: reason`, links first, in report order."""
        out = [f"{report.sources[i].fetch.url}: {why}" for i, why in sorted(self.sources.items())]
        out += [f"{report.claims[i].claim.id}: {why}" for i, why in sorted(self.claims.items())]
        return out


def decide(report: RunReport) -> Failures:
    """Which claims and links fail the run, and why (after `apply_lock()` when there is a lock).

    Without `new` in `--fail-on`: a claim whose verdict (or lock change: `drift`, `changed`) is
    listed, and a link whose status is, except a broken link still awaiting confirmation
    (`--confirm-dead`) and the `unreachable` claims citing it.
    With `new`: only what got worse since the lock (see `regressions()`), and `changed` claims
    when `changed` is listed too.
    """
    if "new" in report.fail_on:
        return _decide_new(report)
    held = {s.fetch.url for s in report.sources if not s.confirmed}
    sources = {
        i: s.fetch.status.value
        for i, s in enumerate(report.sources)
        if s.confirmed and s.fetch.status.value in report.fail_on
    }
    claims: dict[int, str] = {}
    for i, c in enumerate(report.claims):
        if c.change == "unconfirmed":
            continue
        if c.verdict is Verdict.UNREACHABLE and c.url and fetch_key(c.url) in held:
            continue
        if c.change and c.change in report.fail_on:
            claims[i] = c.change
        elif c.verdict.value in report.fail_on:
            claims[i] = c.verdict.value
    return Failures(sources=sources, claims=claims)


def _decide_new(report: RunReport) -> Failures:
    thresholds = _thresholds(report)
    unconfirmed = {s.fetch.url for s in report.sources if not s.confirmed}
    newly_broken = {s.fetch.url for s in report.sources if s.change == "new"}
    sources: dict[int, str] = {}
    for i, source in enumerate(report.sources):
        if source.change != "new":
            continue
        status = source.fetch.status.value
        if status in thresholds or (report.command == "verify" and "unreachable" in thresholds):
            sources[i] = f"{status} (newly confirmed)"
    claims: dict[int, str] = {}
    for i, claim in enumerate(report.claims):
        key = fetch_key(claim.url) if claim.url else None
        verdict = claim.verdict
        if claim.change == "unconfirmed":
            continue
        if claim.change == "drift":
            claims[i] = f"drift (now {verdict.value})"
        elif claim.change == "changed" and "changed" in report.fail_on:
            claims[i] = "changed"
        elif verdict.value not in thresholds:
            continue
        elif verdict is Verdict.UNREACHABLE and key in newly_broken:
            claims[i] = "unreachable (link newly confirmed broken)"
        elif claim.change == "new" and not (verdict is Verdict.UNREACHABLE and key in unconfirmed):
            claims[i] = f"{verdict.value} (new)"
    return Failures(sources=sources, claims=claims)


def failures(report: RunReport) -> list[str]:
    """Everything that makes the run exit 1 (empty: exit 0), one line each."""
    return decide(report).lines(report)


def regressions(report: RunReport) -> list[str]:
    """What got worse since the lock (`--fail-on new`), after `apply_lock()`.

    - a claim that drifted (was verified, now `not_found`/`mismatch`);
    - a claim newly failing at or above the thresholds (`--fail-on`'s verdicts, else the
      command's defaults), unless it is `unreachable` through a link that awaits confirmation;
    - a link newly confirmed broken, and the `unreachable` claims that cite it.
    """
    decided = _decide_new(report)
    return Failures(
        sources=decided.sources,
        claims={i: why for i, why in decided.claims.items() if why != "changed"},
    ).lines(report)


def claim_failure(report: RunReport, index: int) -> str | None:
    """Why `report.claims[index]` fails the run, or `None` (see `decide()`)."""
    return decide(report).claims.get(index)


def source_failure(report: RunReport, index: int) -> str | None:
    """Why `report.sources[index]` fails the run, or `None` (see `decide()`)."""
    return decide(report).sources.get(index)
