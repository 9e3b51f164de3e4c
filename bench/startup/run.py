"""Benchmark: how fast `claimcheck --help` answers, and what it imports (issue 2 acceptance).

Target: under 0.3 s on the 2-core reference machine, with neither trafilatura nor httpx imported
at start-up. Run: `python bench/startup/run.py` (prints a block for BENCHMARKS.md).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

RUNS = 15
HEAVY = ("trafilatura", "httpx", "httpcore", "lxml", "warcio", "edlib", "rapidfuzz", "pypdfium2")


def time_command(argv: list[str]) -> list[float]:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    commands = {"claimcheck --help": [exe, "--help"]} if exe else {}
    commands["python -m claimcheck --help"] = [sys.executable, "-m", "claimcheck", "--help"]
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
        times = time_command(argv)
        medians[name] = statistics.median(times)
        print(f"| `{name}` | {statistics.median(times):.3f} | {min(times):.3f} |")
    heavy = imported_at_help()
    print()
    print(f"heavy modules imported by --help: {', '.join(heavy) if heavy else 'none'}")
    key = "claimcheck --help" if exe else "python -m claimcheck --help"
    ok = medians[key] < 0.3 and not heavy
    print(f"target (< 0.3 s, no heavy imports): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
