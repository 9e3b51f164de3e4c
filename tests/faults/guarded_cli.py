"""Run the claimcheck CLI in this process under the connect guard, then report what it used.

`python -m tests.faults.guarded_cli USAGE.json verify ...` runs `claimcheck verify ...` exactly as
the console script would, with `GUARD` refusing any connection that would leave the machine, and
writes `USAGE.json`: the exit code, wall time, peak resident memory of this process and of its
reaped children (`resource.getrusage`, kB on Linux), and any connection or lookup the guard
refused. The isolation run uses it so memory is measured in a fresh process.

On Linux `ru_maxrss` survives `execve`: a child started by a big parent reports the parent's
high-water mark if that was higher. So the peak of this process's own address space is also read
from `/proc/self/status` (`VmHWM`), which starts afresh at exec, and that is the figure the
bounds use when it is available.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from tests.faults.server import GUARD


def vm_hwm_kb() -> int | None:
    """Peak resident set of this process's address space since exec, in kB (Linux only)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def main(argv: list[str]) -> int:
    usage_path, args = Path(argv[0]), argv[1:]
    from claimcheck import cli

    sys.argv = ["claimcheck", *args]
    code: int = 0
    t0 = time.monotonic()
    with GUARD.watch() as guard:
        try:
            cli.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        connects, lookups = list(guard.connects), list(guard.lookups)
    seconds = time.monotonic() - t0
    usage = {
        "exit": code,
        "seconds": seconds,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "vm_hwm_kb": vm_hwm_kb(),
        "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "blocked_connects": connects,
        "blocked_lookups": lookups,
    }
    usage_path.write_text(json.dumps(usage), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
