"""Run the claimcheck CLI in this process under the connect guard, then report what it used.

`python -m tests.faults.guarded_cli USAGE.json verify ...` runs `claimcheck verify ...` exactly as
the console script would, with `GUARD` refusing any connection that would leave the machine, and
writes `USAGE.json`: the exit code, wall time, peak resident memory of this process and of its
reaped children (`resource.getrusage`, kB on Linux), and any connection or lookup the guard
refused. The isolation run and the kill trials use it so memory is measured in a fresh process.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from tests.faults.server import GUARD


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
        "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "blocked_connects": connects,
        "blocked_lookups": lookups,
    }
    usage_path.write_text(json.dumps(usage), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
