"""The extraction workers end with the claimcheck process, even when it is SIGKILLed (a CI step's
timeout, the OOM killer): a real run against a real local server, killed mid-run.

Only processes these tests started are signalled, by pid.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.helpers.httpserver import Reply, serve

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads the process table from /proc"
)


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    left = [p for p in pids if _alive(p)]
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = [p for p in left if _alive(p)]
    return left


def _kill(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_workers_exit_when_the_run_is_sigkilled(tmp_path: Path) -> None:
    page = (
        b"<html><head><title>Quay</title></head><body><article><h1>Quay</h1><p>The board said"
        b" the quay will open in spring.</p></article></body></html>"
    )
    with serve() as (host,):
        for i in range(40):
            host.route(f"/p{i}", Reply(200, page, delay=0.2))
        notes = "\n".join(f"[^{i}]: Board, {host.url(f'/p{i}')}" for i in range(40))
        claims = " ".join(f'It "will open in spring".[^{i}]' for i in range(40))
        article = tmp_path / "draft.md"
        article.write_text(f"# Quay\n\n{claims}\n\n{notes}\n", encoding="utf-8")
        args = ["verify", str(article), "--allow-private", "--no-cache", "--no-wayback"]
        proc = subprocess.Popen(
            [sys.executable, "-m", "claimcheck", *args, "--no-progress", "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        workers: list[int] = []
        try:
            deadline = time.monotonic() + 30
            while len(workers) < 2 and proc.poll() is None:
                assert time.monotonic() < deadline, "the run never started its workers"
                time.sleep(0.02)
                workers = _children(proc.pid)
            while host.hits("/p0") == 0 and proc.poll() is None:  # mid-run: fetching
                assert time.monotonic() < deadline, "the run never fetched"
                time.sleep(0.02)
            assert proc.poll() is None, "the run ended before it could be killed"
            workers = _children(proc.pid)
            assert workers
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            left = _wait_gone(workers, 5.0)
        finally:
            _kill([proc.pid] if proc.poll() is None else [])
        _kill(left)
        assert left == [], "workers outlived the run they belonged to"


def test_the_portable_watch_ends_a_worker_whose_parent_died() -> None:
    # Without prctl (not Linux): the worker's watch thread sees its parent change. A middle
    # process forks the "worker" and is SIGKILLed by this test; the worker must go on its own.
    script = textwrap.dedent(
        """
        import os, sys, time
        from claimcheck import verify
        verify.sys = type(sys)("fake_sys")
        verify.sys.platform = "darwin"
        middle = os.getpid()
        child = os.fork()
        if child == 0:
            verify._init_worker(middle)
            time.sleep(30)
            os._exit(0)
        print(child, flush=True)
        time.sleep(30)
        """
    )
    middle = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    worker = 0
    try:
        assert middle.stdout is not None
        worker = int(middle.stdout.readline())
        time.sleep(0.2)
        assert _alive(worker)
        middle.send_signal(signal.SIGKILL)
        middle.wait(timeout=10)
        left = _wait_gone([worker], 5.0)
    finally:
        if middle.poll() is None:
            _kill([middle.pid])
        if worker:
            _kill([worker] if _alive(worker) else [])
    assert left == []


def _stuck() -> None:
    """A worker busy where Python's signal handlers do not run until the call returns, as in a
    long libxml2 parse: here a blocking read of a pipe no one writes to."""
    reader, _writer = os.pipe()
    os.read(reader, 1)


def test_closing_the_pool_kills_a_worker_stuck_past_its_time_limit() -> None:
    """The run ends even when a worker never comes back: its answer was given up already, and
    the executor would otherwise wait for it at exit."""
    from claimcheck.verify import close_pool, make_pool

    pool = make_pool(1)
    worker = next(iter(pool._processes.values()))
    pool.submit(_stuck)
    time.sleep(0.3)
    started = time.monotonic()
    close_pool(pool)
    assert time.monotonic() - started < 5
    # The executor's own thread may reap the killed worker at the same moment: the `waitpid` of
    # whichever thread loses sees no child and `is_alive` says True until the winner records the
    # exit status. Give it a moment.
    settled = time.monotonic() + 3
    while worker.is_alive() and time.monotonic() < settled:
        time.sleep(0.05)
    assert not worker.is_alive()


def _slow_start(*args: object) -> None:
    """A worker that takes long to start, as one loading trafilatura on a busy machine."""
    time.sleep(30)


def test_closing_the_pool_stops_a_worker_still_starting_at_once_and_quietly(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker that has not finished starting when the run ends (a usage error right after
    the pool was made, on a busy machine) is not waited for, nor reported as killed busy."""
    from claimcheck import verify

    monkeypatch.setattr(verify, "_init_worker", _slow_start)
    pool = verify._new_pool(2)
    pool.submit(int)  # starts both workers (fork); `make_pool` would wait for one of them
    workers = list(pool._processes.values())
    assert len(workers) == 2
    started = time.monotonic()
    with caplog.at_level("DEBUG", logger="claimcheck"):
        verify.close_pool(pool)
    assert time.monotonic() - started < 0.9  # under the grace a started worker gets
    settled = time.monotonic() + 3
    while any(w.is_alive() for w in workers) and time.monotonic() < settled:
        time.sleep(0.05)
    assert not any(w.is_alive() for w in workers)
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
    assert sum("still starting" in r.getMessage() for r in caplog.records) == 2
