"""Benchmark: how fast `claimcheck` starts, and what `--help` imports (issues 2 and 3).

Issue 2's target: `--help` under 0.3 s on the 2-core reference machine, with neither trafilatura
nor httpx imported at start-up. Issue 3 counts start-up in `claimcheck links`' wall time, so the
commands that do real work are timed too on an article with no notes (`links` and `claims` on
EMPTY.md): what remains is imports and set-up, next to the interpreter floor (`python -c pass`).
Run: `python bench/startup/run.py` (prints a block for BENCHMARKS.md).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 15
HEAVY = ("trafilatura", "httpx", "httpcore", "lxml", "warcio", "edlib", "rapidfuzz", "pypdfium2")


def time_command(argv: list[str], cwd: Path | None = None) -> list[float]:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(
            argv, check=True, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - t0)
    return times


def imported_at_help() -> list[str]:
    probe = (
        "import sys\n"
        "from claimcheck import cli\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        cli.app(['--help'], standalone_mode=False)\n"
        "    except SystemExit:\n        pass\n"
        f"print('HEAVY:' + ' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("HEAVY:"))
    return line.removeprefix("HEAVY:").split()


def main() -> int:
    exe = shutil.which("claimcheck")
    cc = [exe] if exe else [sys.executable, "-m", "claimcheck"]
    prog = "claimcheck" if exe else "python -m claimcheck"
    # A folder of its own: no claims.toml, lock file or cache from the caller's folder is read.
    work = Path(tempfile.mkdtemp(prefix="claimcheck-startup-"))
    (work / "EMPTY.md").write_text("Nothing cited.\n", encoding="utf-8")
    commands = {"claimcheck --help": [exe, "--help"]} if exe else {}
    commands["python -m claimcheck --help"] = [sys.executable, "-m", "claimcheck", "--help"]
    # --no-cache: the run must not depend on (or write) the user's cache directory.
    commands[f"{prog} links EMPTY.md --no-cache"] = [*cc, "links", "EMPTY.md", "--no-cache"]
    commands[f"{prog} claims EMPTY.md"] = [*cc, "claims", "EMPTY.md"]
    commands["python -c pass (interpreter floor)"] = [sys.executable, "-c", "pass"]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"command: python bench/startup/run.py  ({RUNS} runs each, median / min)")
    print()
    print("| command | median s | min s |")
    print("|---|---|---|")
    medians = {}
    for name, argv in commands.items():
        times = time_command(argv, cwd=work)
        medians[name] = statistics.median(times)
        print(f"| `{name}` | {statistics.median(times):.3f} | {min(times):.3f} |")
    shutil.rmtree(work, ignore_errors=True)
    floor = medians["python -c pass (interpreter floor)"]
    print()
    for name in (f"{prog} links EMPTY.md --no-cache", f"{prog} claims EMPTY.md"):
        print(f"{name}: {medians[name] - floor:.3f} s above the interpreter floor")
    heavy = imported_at_help()
    print()
    print(f"heavy modules imported by --help: {', '.join(heavy) if heavy else 'none'}")
    key = "claimcheck --help" if exe else "python -m claimcheck --help"
    ok = medians[key] < 0.3 and not heavy
    print(f"target (< 0.3 s, no heavy imports): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
