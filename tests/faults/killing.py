"""Kill trials: SIGKILL `claimcheck` at random points and check that nothing it writes is torn.

`KillBench` serves a set of healthy pages whose text changes with every "edition", and a
`claims.toml` citing them. Each trial starts `claimcheck links` or `claimcheck verify` with
`--cache-dir`, `--record` and `--output` (and `--lock` once the CLI writes one), kills its whole
process group with SIGKILL after a random delay within one full run's duration, and then checks
every file the run writes:

- the report (`--output`) is byte-identical to the previous complete report, or is a complete new
  one (valid JSON, schema v1, every source and claim present);
- the WARC (`--record`) is byte-identical to the previous one, or reads to the end with warcio and
  holds a response for every cited URL;
- every cache entry is byte-identical to its previous version, or is a complete entry in the
  on-disk format `claimcheck.cache` documents (a JSON metadata line whose `sha256` matches the
  body that follows).

Then a full run must succeed (exit 0) and leave complete new files, which are the "previous
version" of the next trial. Orphaned temporary files are counted (a kill between create and
rename leaves one) but are not failures: they never replace a target.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.faults.server import Exchange, FaultServer, Handler

REPO = Path(__file__).resolve().parents[2]

#: The quote every edition of every page contains, so `verify` finds it whatever the edition.
KILL_QUOTE = "the archive keeps every edition of the parish newsletter"


@dataclass
class TrialResult:
    """One kill trial."""

    index: int
    command: str
    delay: float
    killed: bool  # False when the run had already finished before the kill
    files: dict[str, str] = field(default_factory=dict)  # file -> previous/new/absent/...
    orphans: int = 0
    next_exit: int | None = None
    problems: list[str] = field(default_factory=list)


class KillBench:
    """The server, the files and the procedure of the kill trials; see the module docstring."""

    def __init__(self, workdir: Path, *, pages: int = 24, page_kb: int = 48) -> None:
        self.workdir = workdir
        self.pages = pages
        self.page_kb = page_kb
        self.edition = 0
        self.server = FaultServer(lifetime=900.0)
        self.base = self.server.listen("127.0.0.60")
        for i in range(pages):
            self.server.route(f"/page/{i}", self._page(i))
        self.claims = workdir / "claims.toml"
        self.cache = workdir / "cache"
        self.warc = workdir / "run.warc.gz"
        self.report = workdir / "report.json"
        self.full_seconds = 1.0
        self.lock = workdir / "claimcheck.lock"
        # Issue 6's lock file: covered as soon as the CLI can write it (`--update-lock`).
        self.lock_supported = _cli_has_option("--update-lock")
        lines = [
            "[settings]",
            "allow_private = true",
            "wayback = false",
            "timeout = 10",
            "retries = 0",
            "max_cache_age = 0",  # every run refetches and rewrites every entry
            "no_progress = true",
        ]
        for i in range(pages):
            lines += [
                "",
                "[[claims]]",
                f'id = "page-{i}"',
                f'url = "{self.urls[i]}"',
                f'quote = "{KILL_QUOTE}"',
            ]
        self.claims.write_text("\n".join(lines) + "\n", encoding="utf-8")

    @property
    def urls(self) -> list[str]:
        return [f"{self.base}/page/{i}" for i in range(self.pages)]

    def _page(self, i: int) -> Handler:
        def handler(ex: Exchange) -> None:
            filler = f"<p>Edition {self.edition}, page {i}: minutes of the meeting.</p>\n"
            body = (
                f"<html><head><title>Newsletter {i}</title></head><body><article>"
                f"<p>As the vestry noted, the archive keeps every edition of the parish "
                f"newsletter, edition {self.edition} included.</p>\n"
            )
            body += filler * (self.page_kb * 1024 // len(filler))
            body += "</article></body></html>\n"
            ex.respond(200, body.encode())

        return handler

    def __enter__(self) -> KillBench:
        self.server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stop()

    # ------------------------------------------------------------------ running

    def command(self, name: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "claimcheck",
            name,
            "--claims",
            str(self.claims),
            "--cache-dir",
            str(self.cache),
            "--record",
            str(self.warc),
            "--output",
            str(self.report),
            "--format",
            "json",
            *(["--update-lock"] if self.lock_supported else []),
        ]

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(REPO / "src"), str(REPO), env.get("PYTHONPATH", "")])
        )
        return env

    def full_run(self, name: str = "verify") -> tuple[int, str]:
        """A new edition, run to completion; returns the exit code and stderr."""
        self.edition += 1
        t0 = time.monotonic()
        proc = subprocess.run(
            self.command(name),
            cwd=self.workdir,
            env=self._env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        self.full_seconds = max(self.full_seconds, time.monotonic() - t0)
        return proc.returncode, proc.stderr

    def trial(self, index: int, rng: random.Random) -> TrialResult:
        name = "verify" if index % 2 else "links"
        before = self._snapshot()
        self.edition += 1
        # The first quarter of a run is interpreter start-up, which writes nothing: aim at the rest.
        delay = rng.uniform(0.25, 1.0) * self.full_seconds
        proc = subprocess.Popen(
            self.command(name),
            cwd=self.workdir,
            env=self._env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the kill reaches its workers too
        )
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        result = TrialResult(index, name, delay, killed)
        self._judge(before, result)
        code, stderr = self.full_run(name)
        result.next_exit = code
        if code != 0:
            result.problems.append(f"next run exited {code}: {stderr.strip()[-300:]}")
        after = TrialResult(index, name, 0.0, False)
        self._judge(self._snapshot(), after, must_be_new=True)
        result.problems += [f"after the next run: {p}" for p in after.problems]
        return result

    # ------------------------------------------------------------------ judging

    def _snapshot(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        for path in (self.report, self.warc, self.lock):
            if path.exists():
                files[path.name] = path.read_bytes()
        if self.cache.exists():
            for path in self.cache.rglob("*"):
                if path.is_file() and not _is_temp(path):
                    files[str(path.relative_to(self.workdir))] = path.read_bytes()
        return files

    def _judge(
        self, before: dict[str, bytes], result: TrialResult, *, must_be_new: bool = False
    ) -> None:
        now = self._snapshot()
        result.orphans = sum(1 for p in self.workdir.rglob("*") if p.is_file() and _is_temp(p))
        checks = {
            self.report.name: self._report_problem,
            self.warc.name: self._warc_problem,
            self.lock.name: _json_problem,
        }
        for name in sorted(set(before) | set(now)):
            if name not in now:
                result.files[name] = "absent"
                if name in before:
                    result.problems.append(f"{name}: the previous version disappeared")
                continue
            if not must_be_new and before.get(name) == now[name]:
                result.files[name] = "previous"
                continue
            check = checks.get(name, _cache_problem)
            problem = check(now[name])
            if problem is None:
                result.files[name] = "new"
            else:
                result.files[name] = "TORN"
                result.problems.append(f"{name}: {problem}")
        if must_be_new:
            for path in (self.report, self.warc, *([self.lock] if self.lock_supported else [])):
                if path.name not in now:
                    result.problems.append(f"{path.name} was not written")
            # Without this, a run that stopped writing the cache would leave nothing to judge
            # and every cache check above would pass vacuously.
            entries = sum(1 for name in now if Path(name).parts[0] == self.cache.name)
            if entries < self.pages:
                result.problems.append(f"{entries} cache entries written, expected {self.pages}")

    def _report_problem(self, data: bytes) -> str | None:
        try:
            report = json.loads(data)
        except ValueError as exc:
            return f"not JSON ({exc})"
        if report.get("schema") != "claimcheck/report/v1":
            return f"schema {report.get('schema')!r}"
        sources = {s.get("url") for s in report.get("sources", [])}
        missing = set(self.urls) - sources
        if missing:
            return f"{len(missing)} sources missing"
        return None

    def _warc_problem(self, data: bytes) -> str | None:
        import io

        from warcio.archiveiterator import ArchiveIterator

        seen: set[str] = set()
        try:
            for record in ArchiveIterator(io.BytesIO(data)):
                if record.rec_type == "response":
                    seen.add(str(record.rec_headers.get_header("WARC-Target-URI")))
                record.content_stream().read()
        except Exception as exc:  # warcio raises several types for a torn archive
            return f"unreadable at some record ({type(exc).__name__}: {exc})"
        missing = set(self.urls) - seen
        return f"{len(missing)} responses missing" if missing else None


def _cli_has_option(option: str) -> bool:
    from typer.testing import CliRunner

    from claimcheck.cli import app

    return option in CliRunner().invoke(app, ["verify", "--help"]).stdout


def _json_problem(data: bytes) -> str | None:
    try:
        json.loads(data)
    except ValueError as exc:
        return f"not JSON ({exc})"
    return None


def _is_temp(path: Path) -> bool:
    return path.name.startswith(".") or path.suffix == ".tmp"


def _cache_problem(data: bytes) -> str | None:
    """A cache entry is a JSON metadata line, then the body whose SHA-256 it states."""
    head, sep, body = data.partition(b"\n")
    if not sep:
        return "no metadata line"
    try:
        meta = json.loads(head)
    except ValueError as exc:
        return f"metadata is not JSON ({exc})"
    if hashlib.sha256(body).hexdigest() != meta.get("sha256"):
        return "body does not match its sha256"
    return None


@dataclass
class KillSummary:
    trials: list[TrialResult]
    seconds: float
    lock_covered: bool = False

    @property
    def killed(self) -> int:
        return sum(t.killed for t in self.trials)

    @property
    def failed(self) -> list[TrialResult]:
        return [t for t in self.trials if t.problems]

    def outcomes(self) -> dict[str, int]:
        """How often each file was found as previous / new after a kill."""
        counts: dict[str, int] = {}
        for t in self.trials:
            for name, state in t.files.items():
                kind = "cache entry" if name.startswith("cache") else name
                key = f"{kind}: {state}"
                counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items()))


def run_trials(workdir: Path, trials: int, *, seed: int = 7) -> KillSummary:
    """A first complete run, then `trials` kill trials, each followed by a complete run."""
    rng = random.Random(seed)
    t0 = time.monotonic()
    with KillBench(workdir) as bench:
        code, stderr = bench.full_run("verify")
        if code != 0:
            raise RuntimeError(f"the first complete run failed ({code}): {stderr[-500:]}")
        results = [bench.trial(i, rng) for i in range(trials)]
    return KillSummary(results, time.monotonic() - t0, bench.lock_supported)
