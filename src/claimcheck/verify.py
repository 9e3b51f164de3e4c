"""Stages 3–5 chained: fetch every cited URL, extract its text, match each claim, give verdicts.

`Verifier.verify()` fetches with the shared `Fetcher` and, as each source arrives, hands its body
and the claims that cite it to a worker process (extraction is CPU-bound: both cores work while
fetching goes on). A source is extracted once however many claims cite it, and its text layers are
built lazily: the whole-page and JSON-LD layers are only computed when the main content misses a
claim (SPEC §6).

The body goes to a worker the moment it is fetched, while the page classifier (soft 404s, bot
walls; its probe of a random path is a request of its own) looks at it: almost every page passes,
and waiting for the classifier first left both workers idle. The answer for a page the classifier
turns down is dropped; its claims get the fetch's verdict, or are checked against the archived
copy.

The archived copy is chosen by the access date of the note citing the source (SPEC §7): when
notes citing one dead URL give different dates (two articles, read years apart), each date's
claims are checked against that date's capture; the live URL is still fetched once.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import ctypes
import datetime as dt
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from claimcheck.classify import ARCHIVE_FAILED, ARCHIVE_NOTE, serves_teaser, soft_404_by_title
from claimcheck.collect import CitedSource, ClaimTarget, Collector, access_date, fetch_key
from claimcheck.encoding import with_charset
from claimcheck.model import (
    Article,
    Claim,
    ClaimKind,
    ClaimResult,
    FetchResult,
    LinkStatus,
    MatchResult,
    RunReport,
    SourceReport,
    TextLayer,
    Verdict,
)
from claimcheck.progress import NullProgress, ProgressSink
from claimcheck.report.common import reordered_by_override
from claimcheck.settings import Settings

if TYPE_CHECKING:
    from claimcheck.fetch import Fetcher

logger = logging.getLogger(__name__)

#: Seconds one source may spend in extraction and matching. Trafilatura takes well under a second
#: on a 300 KB page here; a minute leaves room for a slow PDF without letting one hang the run.
DEFAULT_EXTRACT_TIMEOUT = 60.0

#: Seconds the parent waits past a worker's own time limit before giving up on it.
_TIMEOUT_GRACE = 5.0

#: Verdicts from best to worst, used to pick one verdict when a note cites several URLs.
_RANK = {
    Verdict.VERIFIED: 0,
    Verdict.APPROXIMATE: 1,
    Verdict.MISMATCH: 2,
    Verdict.NOT_FOUND: 3,
    Verdict.ERROR: 4,
    Verdict.BLOCKED: 5,
    Verdict.UNREACHABLE: 6,
    Verdict.NO_SOURCE: 7,
}


class SourceClassifier(Protocol):
    """Looks at a fetched page and may re-classify it (soft 404, bot wall, paywall; issue 6)."""

    async def classify(self, result: FetchResult, fetcher: Fetcher) -> FetchResult: ...


class ArchiveLookup(Protocol):
    """Finds an archived copy of a dead source, closest to a date (Wayback fallback; issue 6).

    `fallback()` answers with the copy to read (`archive_url` set), or with a result without
    `archive_url` whose `detail` says why there is none (added to the source's detail), or `None`.
    """

    async def fallback(
        self, url: str, when: dt.date | None, fetcher: Fetcher
    ) -> FetchResult | None: ...


#: `FetchResult.error` categories for a source that answered with a body we cannot read.
_UNREADABLE_ERRORS = frozenset({"too large", "unsupported"})

#: Verdicts a claim matched against a paywalled page's teaser keeps; any other is `blocked`, as
#: the passage may be in the part not served.
_FOUND_IN_TEASER = frozenset({Verdict.VERIFIED, Verdict.APPROXIMATE})

#: Link statuses for which an archived copy is looked up (issue 6, Deliver 1).
ARCHIVE_STATUSES = frozenset({LinkStatus.DEAD, LinkStatus.SOFT_404, LinkStatus.TIMEOUT})


@dataclass(frozen=True)
class MatchJob:
    """What a worker needs to check one claim (picklable, no Article attached)."""

    kind: ClaimKind
    text: str  # the quote, or the fact as written
    sentence: str
    value: str | None = None  # a fact's canonical value: which of two figures written alike


class _SharedLayers:
    """Lazy text layers shared by every claim of one source: each layer is built at most once."""

    def __init__(self, layers: Iterator[TextLayer]) -> None:
        self._source: Iterator[TextLayer] | None = layers
        self._built: list[TextLayer] = []

    def __iter__(self) -> Iterator[TextLayer]:
        index = 0
        while True:
            if index < len(self._built):
                yield self._built[index]
                index += 1
                continue
            if self._source is None:
                return
            try:
                layer = next(self._source)
            except StopIteration:
                self._source = None
                return
            self._built.append(layer)


class _SourceTimeout(Exception):
    """Raised inside a worker when one source has used up its time limit."""


def _on_alarm(signum: int, frame: object) -> None:
    raise _SourceTimeout


#: Seconds between a worker's looks at whether its parent is still there (the portable check).
_PARENT_POLL = 0.5
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _init_worker(parent: int | None = None, ready: Any = None) -> None:
    """Set a worker up; `ready` (see `_READY`) gets this worker's pid once it can take jobs."""
    # Ctrl-C goes to the whole process group: the parent stops the run and reports what finished;
    # a worker that died of KeyboardInterrupt would only break the pool and print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        _exit_with_parent(parent)
    if ready is not None:
        with ready.get_lock():
            slot = next((i for i, pid in enumerate(ready) if pid == 0), None)
            if slot is not None:
                ready[slot] = os.getpid()


def _exit_with_parent(parent: int) -> None:
    """End this worker when `parent` (the claimcheck process) dies, even of SIGKILL.

    A worker waits on its task pipe, whose write end it holds itself (inherited at fork): it never
    sees EOF, and without this would sleep forever once re-parented. On Linux the kernel sends
    SIGKILL at the parent's death (`PR_SET_PDEATHSIG`); everywhere, a daemon thread looks every
    `_PARENT_POLL` seconds whether the parent changed, which also covers a parent that died
    before the request was made.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(_PARENT_POLL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="claimcheck-parent-watch", daemon=True).start()


def check_source(
    body: bytes,
    content_type: str | None,
    url: str,
    jobs: Sequence[MatchJob],
    time_limit: float | None = None,
) -> tuple[list[MatchResult], str | None]:
    """Extract a source's text and match every job against it (runs in a worker process).

    Returns one `MatchResult` per job, and an error message when the source could not be read
    (then every result is `error`). In a worker process, `time_limit` seconds are enforced with
    SIGALRM, so a page that sends extraction into a pathological case frees its worker.
    """
    from claimcheck import extract, facts, match

    alarm = (
        time_limit is not None
        and multiprocessing.parent_process() is not None
        and threading.current_thread() is threading.main_thread()
    )
    if alarm:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, time_limit or 0.0)
    results: list[MatchResult] = []
    try:
        # extract_layers raises ExtractionError at once for an unsupported type or a broken PDF,
        # and later for a page whose layers all come out empty: both are inside the try.
        layers = _SharedLayers(extract.extract_layers(body, content_type=content_type, url=url))
        for job in jobs:
            if job.kind is ClaimKind.FACT:
                results.append(facts.match_fact(job.text, job.sentence, layers, value=job.value))
            else:
                results.append(match.match_quote(job.text, layers, kind=job.kind))
    except extract.ExtractionError as exc:
        message = str(exc) or type(exc).__name__
        return [MatchResult(Verdict.ERROR, 0.0, detail=message) for _ in jobs], message
    except _SourceTimeout:
        message = f"extraction and matching took longer than {time_limit:g} s"
        return [MatchResult(Verdict.ERROR, 0.0, detail=message) for _ in jobs], message
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0.0)
            signal.signal(signal.SIGALRM, previous)
        # Each source is extracted once, so per-text caches never hit across sources: drop them
        # rather than let a long run keep every page's text alive in the worker.
        match.clear_caches()
        facts.clear_caches()
    return results, None


#: What `check_source` returns: one result per job, and the source's error if it was unreadable.
CheckedSource = tuple[list[MatchResult], str | None]


@dataclass(frozen=True)
class _Call:
    """A source handed to a worker: the answer to await, and the pool's job when there is one."""

    future: asyncio.Future[CheckedSource]
    job: concurrent.futures.Future[CheckedSource] | None  # None: the loop's default executor


async def _wait_for_worker(call: _Call, limit: float) -> CheckedSource:
    """The worker's answer; `TimeoutError` once its job has been running for `limit` seconds.

    Every source is handed to the pool as soon as it is fetched, so a job may wait in the queue
    behind many others: that wait does not count. The job is looked at `_LOOKS` times a limit
    until it runs, and is given up `limit` seconds after it was first seen running. (A job of the loop's
    default executor, whose start cannot be seen, is timed from the first wait.)
    """
    if call.job is None:
        try:
            return await asyncio.wait_for(asyncio.shield(call.future), limit)
        except TimeoutError:
            _discard(call.future)
            raise
    started: float | None = None  # when the job was first seen running
    look = min(limit, max(_LOOK_MIN, limit / _LOOKS))
    while True:
        # Queued: look again whether it has started; running: wait out the rest of its limit.
        step = look if started is None else max(0.0, started + limit - time.monotonic())
        try:
            return await asyncio.wait_for(asyncio.shield(call.future), step)
        except TimeoutError:
            now = time.monotonic()
            if started is not None and now >= started + limit:
                _discard(call.future)
                raise
            if started is None and call.job.running():
                started = now


#: `_wait_for_worker` looks whether a queued job has started `_LOOKS` times a limit (but not
#: more often than every `_LOOK_MIN` seconds, nor less often than the limit): a job is given up
#: at most a sixth of its limit late, and thousands of queued sources do not wake the event loop
#: every second.
_LOOKS = 6
_LOOK_MIN = 1.0


def _discard(call: asyncio.Future[CheckedSource]) -> None:
    """Drop a worker's answer nobody will read (harmless on one already read): cancel it if it
    is pending, else retrieve its outcome, so a failure is not reported as never retrieved."""
    if call.cancel():
        return
    call.add_done_callback(lambda f: None if f.cancelled() else f.exception())


def _job(claim: Claim) -> MatchJob:
    if claim.kind is ClaimKind.FACT:
        return MatchJob(claim.kind, claim.fact or "", claim.sentence, claim.value)
    return MatchJob(claim.kind, claim.quote or "", claim.sentence)


def verdict_for_fetch(result: FetchResult) -> Verdict | None:
    """The verdict a claim gets from its source's fetch alone, or `None` when it can be read."""
    if result.status in (LinkStatus.OK, LinkStatus.REDIRECTED):
        return None
    if result.status is LinkStatus.BLOCKED:
        return Verdict.BLOCKED
    if result.status is LinkStatus.EXCLUDED:
        return Verdict.ERROR
    if result.status is LinkStatus.ERROR and (
        result.error in _UNREADABLE_ERRORS
        or (result.http_status is not None and 200 <= result.http_status < 300)
    ):
        # The server answered but the body cannot be read: SPEC §4 `error`, not `unreachable`.
        return Verdict.ERROR
    return Verdict.UNREACHABLE


def readable(result: FetchResult) -> bool:
    """Whether claims are matched against `result`'s body: a page that can be read, or the
    teaser a paywalled page serves (what it shows is read; only the rest is `blocked`)."""
    if result.body is None:
        return False
    return verdict_for_fetch(result) is None or serves_teaser(result) or soft_404_by_title(result)


#: Each pool `_new_pool` made, and its record of the workers that have started: the pid of each
#: worker that finished `_init_worker` (0 in the slots of those still starting).
_READY: weakref.WeakKeyDictionary[concurrent.futures.Executor, Any] = weakref.WeakKeyDictionary()


def _new_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    """A fork pool whose workers say when they have started (see `_READY`). (Not a subclass of
    the executor: that would load `concurrent.futures.process` with this module, for `links`.)"""
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Array("i", workers)
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(os.getpid(), ready)
    )
    _READY[pool] = ready
    return pool


def _started(pool: concurrent.futures.Executor) -> set[int] | None:
    """The pids of `pool`'s workers that can take jobs; `None` for a pool not made here."""
    ready = _READY.get(pool)
    if ready is None:
        return None
    with ready.get_lock():
        return {pid for pid in ready[:] if pid}


def make_pool(workers: int = 2) -> concurrent.futures.ProcessPoolExecutor:
    """A process pool for extraction, forked before the event loop starts its threads.

    Forking after the parent imported trafilatura shares its import cost and its memory with
    the workers. (Letting each worker import it instead, beside the parent's parsing, was
    measured on `bench/verify`: no faster, and 27 MB more memory.)
    """
    from claimcheck import extract, facts, match  # noqa: F401 - imported to share with forks

    pool = _new_pool(workers)
    # With fork, the first submit starts every worker: do it now, while this process has no
    # other threads, rather than from inside the event loop.
    pool.submit(int).result()
    return pool


#: How long `close_pool` lets idle workers take their leave before it kills what is left.
POOL_EXIT_GRACE = 1.0


def close_pool(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting on a worker stuck in C code.

    A worker past its time limit may be inside lxml or pdfium, where the SIGALRM of
    `check_source` is not seen until the call returns (a tag with 100,000 attributes keeps
    libxml2 busy for minutes); its answer was already given up for `error`. The executor would
    wait for it at interpreter exit, so the run would never end: workers still alive after a
    short grace are killed. A worker that has not finished starting holds nothing and is
    stopped at once, without a warning.
    (`_processes` is the executor's own table of its workers.)
    """
    table: dict[int, multiprocessing.process.BaseProcess] = getattr(pool, "_processes", None) or {}
    processes = list(table.values())
    started = _started(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    if started is not None:
        for process in processes:
            if process.pid not in started and process.is_alive():
                logger.debug("stopping extraction worker %s, still starting", process.pid)
                process.kill()
    deadline = time.monotonic() + POOL_EXIT_GRACE
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if _still_running(process):
            logger.warning(
                "killing extraction worker %s, still busy at the end of the run", process.pid
            )
            process.kill()
            process.join(POOL_EXIT_GRACE)


def _still_running(process: multiprocessing.process.BaseProcess) -> bool:
    """`process.is_alive()`, not fooled by the executor's own thread reaping it at the same
    moment: the `waitpid` of the thread that loses finds no child, and `is_alive` says True
    until the winner has recorded the exit. A reaped process's pid is gone."""
    pid = process.pid
    if pid is None or not process.is_alive():
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or reused by another user's process
        return False
    return True


class Verifier:
    """Fetches, extracts and matches: `Verifier(...).verify(articles)` → `RunReport`."""

    def __init__(
        self,
        settings: Settings,
        fetcher: Fetcher,
        *,
        pool: concurrent.futures.Executor | None = None,
        progress: ProgressSink | None = None,
        extract_timeout: float = DEFAULT_EXTRACT_TIMEOUT,
        classifier: SourceClassifier | None = None,
        archive: ArchiveLookup | None = None,
    ) -> None:
        self.settings = settings
        self.fetcher = fetcher
        self.pool = pool
        self.progress = progress or NullProgress()
        self.extract_timeout = extract_timeout
        self.classifier = classifier
        self.archive = archive
        # url -> (the live fetch, the fetch each claim was checked against with the archive's
        # failure if any, match per claim); claims are keyed by `id(claim)`
        self._done: dict[
            str,
            tuple[FetchResult, dict[int, tuple[FetchResult, str | None]], dict[int, MatchResult]],
        ] = {}

    async def verify(self, articles: Sequence[Article]) -> RunReport:
        """Check every claim of `articles`; a partial report survives cancellation."""
        started = dt.datetime.now(dt.UTC)
        t0 = time.monotonic()
        sources, targets = Collector(articles).collect()
        self.progress.start(len(sources), "checking sources")
        interrupted = False
        try:
            await asyncio.gather(*(self._check(source) for source in sources))
        except asyncio.CancelledError:
            interrupted = True
        finally:
            self.progress.stop()
        fetched = {url: live for url, (live, _, _) in self._done.items()}
        # A claim whose source was not reached before Ctrl-C is left out of the partial report.
        claims = [r for r in map(self._result, targets) if r is not None]
        hints = tuple(self.fetcher.hints())
        return RunReport(
            command="verify",
            articles=tuple(articles),
            sources=tuple(source_report(s, fetched[s.url]) for s in sources if s.url in fetched),
            claims=tuple(claims),
            hints=hints,
            started_at=started,
            duration=time.monotonic() - t0,
            fail_on=self.settings.fail_on_for("verify"),
            interrupted=interrupted,
        )

    async def _check(self, source: CitedSource) -> None:
        early: tuple[bytes, _Call] | None = None  # the live body, handed over before classifying
        call: _Call | None = None

        def start(live: FetchResult) -> None:
            # Submitted here, synchronously: a task would only reach the pool after every other
            # source's pending step (with `--replay`, after all the fetches).
            nonlocal early
            if source.targets and live.body is not None and readable(live):
                early = live.body, self._submit(source, live, source.targets)

        try:
            live, archived, failed = await fetch_source(
                source,
                self.fetcher,
                self.settings,
                classifier=self.classifier,
                # Only a source that claims must be checked against is worth an archived copy.
                archive=self.archive if source.targets else None,
                on_fetched=start,
            )
            groups = await self._by_access_date(source, (live, archived, failed))
            matches: dict[int, MatchResult] = {}
            checked_by = {id(t.claim): (f, why) for targets, f, why in groups for t in targets}
            self._done[source.url] = (live, checked_by, matches)
            for targets, checked, _ in groups:
                if not (targets and readable(checked)):
                    continue
                # The early call stands if the classifier let the page through unchanged.
                if early is not None and early[0] is checked.body:
                    call, submitted = early[1], source.targets
                else:
                    call, submitted = self._submit(source, checked, targets), targets
                found = await self._match(source.url, submitted, call)
                matches.update({id(t.claim): found[id(t.claim)] for t in targets})
        finally:
            # A call nobody reads (a page the classifier turned down; Ctrl-C): cancel or drain.
            for unused in (early[1] if early else None, call):
                if unused is not None:
                    _discard(unused.future)
        self.progress.advance(source.url)

    async def _by_access_date(
        self, source: CitedSource, fetched: Fetched
    ) -> list[tuple[list[ClaimTarget], FetchResult, str | None]]:
        """The claims citing `source`, by the fetch each is checked against: the live page, or
        the archived copy closest to the access date of the note citing it (one lookup per
        date; `fetch_source()` looked up `source.accessed`'s)."""
        live, archived, failed = fetched
        default = archived or live
        if live.status not in ARCHIVE_STATUSES or self.archive is None or not self.settings.wayback:
            return [(list(source.targets), default, failed)]
        dates: dict[dt.date | None, list[ClaimTarget]] = {}
        for target in source.targets:
            note = target.note_of(source.url) or target.claim.note
            dates.setdefault(access_date(target.article, note), []).append(target)
        others = [when for when in dates if when != source.accessed]
        # The live result without what the lookup for `source.accessed` added to it.
        plain = replace(live, detail=live.detail.split(ARCHIVE_NOTE.removeprefix("; "))[0])
        plain = replace(plain, detail=plain.detail.removesuffix("; "), archive_url=None)
        copies = await asyncio.gather(
            *(archived_copy(source.url, when, plain, self.fetcher, self.archive) for when in others)
        )
        checked = {
            when: (copy[1] or copy[0], copy[2]) for when, copy in zip(others, copies, strict=True)
        }
        checked[source.accessed] = (default, failed)
        return [(targets, *checked[when]) for when, targets in dates.items()]

    def _submit(
        self, source: CitedSource, fetch: FetchResult, targets: Sequence[ClaimTarget]
    ) -> _Call:
        """Hand `fetch`'s body and the claims `targets` to a worker now."""
        jobs = [_job(t.claim) for t in targets]
        url = fetch.final_url or source.url
        assert fetch.body is not None
        content_type = with_charset(fetch.content_type, fetch.headers)
        args = (fetch.body, content_type, url, jobs, self.extract_timeout)
        if self.pool is None:
            loop = asyncio.get_running_loop()
            return _Call(loop.run_in_executor(None, check_source, *args), None)
        job = self.pool.submit(check_source, *args)
        return _Call(asyncio.wrap_future(job), job)

    async def _match(
        self, url: str, targets: Sequence[ClaimTarget], call: _Call
    ) -> dict[int, MatchResult]:
        """The match of each claim of `targets` (those `call` was submitted with), by id."""
        claims = [t.claim for t in targets]
        try:
            # The worker stops itself at the limit; this wait is the backstop for a worker that
            # cannot (a thread pool in tests, or a C extension that ignores the signal).
            results, error = await _wait_for_worker(call, self.extract_timeout + _TIMEOUT_GRACE)
        except TimeoutError:
            detail = f"extraction took longer than {self.extract_timeout:g} s"
            return {id(c): MatchResult(Verdict.ERROR, 0.0, detail=detail) for c in claims}
        if error:
            logger.info("%s: %s", url, error)
        return {id(c): r for c, r in zip(claims, results, strict=True)}

    def _result(self, target: ClaimTarget) -> ClaimResult | None:
        """The claim's best verdict over its note's URLs; `None` if none was reached (Ctrl-C)."""
        claim = target.claim
        if not target.urls:
            return ClaimResult(
                claim,
                Verdict.NO_SOURCE,
                resolved_note=target.resolved_note,
                detail="note has no URL",
            )
        best: ClaimResult | None = None
        for url in target.urls:
            done = self._done.get(fetch_key(url))
            if done is None:
                continue
            live, checked_by, matches = done
            checked, failed = checked_by.get(id(claim), (live, None))
            candidate = _claim_result(target, url, checked, matches.get(id(claim)), failed)
            if best is None or _RANK[candidate.verdict] < _RANK[best.verdict]:
                best = candidate
        return best


def _claim_result(
    target: ClaimTarget,
    url: str,
    fetch: FetchResult,
    match: MatchResult | None,
    archive_failed: str | None = None,
) -> ClaimResult:
    base = ClaimResult(
        target.claim,
        Verdict.ERROR,
        url=url,
        # A further note of the marker group ("[3][4]") whose source answered is named as the
        # one the claim was checked against.
        resolved_note=target.note_of(url) or target.resolved_note,
        via="archive" if fetch.via == "archive" else "live",
        archive_url=fetch.archive_url,
        archive_failed=archive_failed,
    )
    verdict = verdict_for_fetch(fetch)
    if verdict is not None:
        detail = f"{fetch.status.value}: {fetch.detail or fetch.error or fetch.http_status}"
        if match is not None and soft_404_by_title(fetch):
            if match.verdict in _FOUND_IN_TEASER:
                # An error page never holds the article's quotation: a real page whose title
                # happens to read "Page Not Found" (a film, an album).
                note = "found on the page, though its title reads like a “not found” page"
                return _matched(
                    replace(base, archive_failed=None),
                    match,
                    f"{match.detail}; {note}" if match.detail else note,
                )
            detail += "; not found on the page either"
        if match is not None and serves_teaser(fetch):
            if match.verdict in _FOUND_IN_TEASER:
                # Read on the page: the paywall only hides the rest of it.
                note = "found in the part served before the paywall"
                return _matched(base, match, f"{match.detail}; {note}" if match.detail else note)
            detail += "; not in the part served before the paywall"
        return replace(base, verdict=verdict, detail=detail)
    if match is None:
        return replace(base, detail="empty body")
    return _matched(base, match, match.detail)


def _matched(base: ClaimResult, match: MatchResult, detail: str) -> ClaimResult:
    """`base` with the verdict, score, tier, evidence and diff of `match`.

    A quote or figure that a bidi override makes read otherwise than it is stored, or found in a
    passage an override reorders, is at best a `mismatch` (`report.common.reordered_by_override`): the matcher compares
    the characters in their stored order, while a reader sees "cost <U+202E>21<U+202C> million"
    as "cost 12 million". The report shows the override escaped, and the detail says why.
    """
    verdict = match.verdict
    if verdict in (Verdict.VERIFIED, Verdict.APPROXIMATE):
        claimed = base.claim.quote or base.claim.fact or ""
        where = (
            "the quote"
            if reordered_by_override(claimed)
            else "the source's passage"
            if match.evidence is not None and reordered_by_override(match.evidence.text)
            else None
        )
        if where is not None:
            verdict = Verdict.MISMATCH
            note = (
                f"{where} holds a bidi override (U+202D/U+202E) that shows its characters in "
                "another order than the text compared"
            )
            detail = f"{detail}; {note}" if detail else note
    return replace(
        base,
        verdict=verdict,
        score=match.score,
        tier=match.tier,
        evidence=match.evidence,
        diff=match.diff,
        detail=detail,
    )


async def fetch_source(
    source: CitedSource,
    fetcher: Fetcher,
    settings: Settings,
    *,
    classifier: SourceClassifier | None,
    archive: ArchiveLookup | None,
    want_body: bool = True,
    on_fetched: Callable[[FetchResult], None] | None = None,
) -> Fetched:
    """Fetch one cited URL, classify the page, and find an archived copy if it is gone.

    Returns the live result (with `archive_url` set when a capture was found), the archived
    result to read instead or `None`, and why the archive failed to answer if it did. Shared by `verify` and `links`. `on_fetched` is called with
    the live result as soon as it arrives, before classification.
    """
    live = await fetcher.fetch(source.url, want_body=want_body)
    if on_fetched is not None:
        on_fetched(live)
    if classifier is not None:
        live = await classifier.classify(live, fetcher)
    if live.status not in ARCHIVE_STATUSES or archive is None or not settings.wayback:
        return live, None, None
    return await archived_copy(source.url, source.accessed, live, fetcher, archive)


#: `fetch_source()`'s answer: the live result, the archived copy to read (or `None`), and why the
#: archive failed to answer when it did (an outage of the archive, not "nothing archived").
Fetched = tuple[FetchResult, FetchResult | None, str | None]


async def archived_copy(
    url: str, when: dt.date | None, live: FetchResult, fetcher: Fetcher, archive: ArchiveLookup
) -> Fetched:
    """The archived copy of dead `url` closest to `when`: `live` with its `archive_url`, and the
    copy to read; or `live` saying why there is none, `None`, and the archive's failure."""
    archived = await archive.fallback(url, when, fetcher)
    if archived is None:
        return live, None, None
    if archived.archive_url is None:
        # No copy to read: say why ("no archived copy found", "lookup failed (HTTP 500)"), so a
        # failed lookup is not taken for an archive that holds nothing; the error says which.
        note = archived.detail.removeprefix(ARCHIVE_NOTE.removeprefix("; "))
        detail = f"{live.detail}{ARCHIVE_NOTE}{note}".removeprefix("; ")
        failed = note if archived.error == ARCHIVE_FAILED else None
        return replace(live, detail=detail), None, failed
    return replace(live, archive_url=archived.archive_url), archived, None


def source_report(source: CitedSource, fetch: FetchResult) -> SourceReport:
    """The report entry for one fetched URL, with the soft-404 rule or bot-wall hint if any."""
    from claimcheck.classify import describe

    rule, hint = describe(fetch)
    return SourceReport(
        fetch=fetch,
        notes=tuple(source.notes),
        articles=tuple(source.articles),
        line=source.line,
        soft_404_rule=rule,
        hint=hint,
    )


async def check_links(
    articles: Sequence[Article],
    settings: Settings,
    fetcher: Fetcher,
    progress: ProgressSink | None = None,
    *,
    classifier: SourceClassifier | None = None,
    archive: ArchiveLookup | None = None,
) -> RunReport:
    """`claimcheck links`: fetch every cited URL's status, no extraction or matching.

    With a classifier, bodies are read so soft 404s and bot walls are told apart; with an archive
    lookup, a dead link gets the archived copy to point to as a suggestion (`archive_url`).
    """
    progress = progress or NullProgress()
    started = dt.datetime.now(dt.UTC)
    t0 = time.monotonic()
    sources, _ = Collector(articles).collect()
    progress.start(len(sources), "checking links")
    done: dict[str, FetchResult] = {}
    fetched: dict[str, FetchResult] = {}  # answered, not yet classified

    async def one(source: CitedSource) -> None:
        def keep(live: FetchResult) -> None:
            fetched[source.url] = replace(live, body=None)

        result, _, _ = await fetch_source(
            source,
            fetcher,
            settings,
            classifier=classifier,
            archive=archive,
            want_body=classifier is not None,
            on_fetched=keep,
        )
        done[source.url] = replace(result, body=None)
        progress.advance(source.url)

    interrupted = False
    try:
        await asyncio.gather(*(one(s) for s in sources))
    except asyncio.CancelledError:
        interrupted = True
        # Pages of one host wait for its soft-404 probe, which waits its turn behind them: an
        # interrupted run reports what was answered, saying it was not classified.
        for url, live in fetched.items():
            if url not in done:
                detail = f"{live.detail}; interrupted before the page was classified"
                done[url] = replace(live, detail=detail.lstrip("; "))
    finally:
        progress.stop()
    hints = tuple(fetcher.hints())
    return RunReport(
        command="links",
        articles=tuple(articles),
        sources=tuple(source_report(s, done[s.url]) for s in sources if s.url in done),
        hints=hints,
        started_at=started,
        duration=time.monotonic() - t0,
        fail_on=settings.fail_on_for("links"),
        interrupted=interrupted,
    )


def failing(report: RunReport) -> list[str]:
    """What in `report` is at or above `--fail-on` (empty: exit 0).

    With `new` in `--fail-on`, only what got worse since the lock file counts (issue 6). A broken
    link still awaiting confirmation (`--confirm-dead`) counts for neither itself nor its claims.
    The reports' `failed` flags come from the same decision (`lock.decide`).
    """
    from claimcheck.lock import failures

    return failures(report)
    held = {s.fetch.url for s in report.sources if not s.confirmed}
    found = [
        f"{s.fetch.url}: {s.fetch.status.value}"
        for s in report.sources
        if s.confirmed and s.fetch.status.value in report.fail_on
    ]
    for c in report.claims:
        if c.verdict is Verdict.UNREACHABLE and c.url and fetch_key(c.url) in held:
            continue
        if c.verdict.value in report.fail_on or (c.change and c.change in report.fail_on):
            found.append(
                f"{c.claim.id}: {c.change if c.change in report.fail_on else c.verdict.value}"
            )
    return found
