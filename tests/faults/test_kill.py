"""Nothing lost: SIGKILL at random points never tears a file, and Ctrl-C stops cleanly (issue 7).

The default suite runs a few kill trials; `scripts/reliability.py` runs at least twenty (the
`slow` test here runs the same number). See `killing.py` for what each trial checks.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults.killing import REPO, run_trials
from tests.faults.server import FaultServer, static, trickle

#: Kill trials in the default suite: each costs about 1.5 s (a killed run and a complete one).
FAST_TRIALS = 3
#: Kill trials of the full run (issue 7 asks for at least 20).
FULL_TRIALS = 24


def _assert_clean(trials: int, tmp_path: Path) -> None:
    summary = run_trials(tmp_path, trials)
    assert len(summary.trials) == trials
    report = [
        f"trial {t.index} ({t.command}, kill at {t.delay:.2f} s): {t.problems}"
        for t in summary.failed
    ]
    assert report == []
    assert all(t.next_exit == 0 for t in summary.trials)


def test_sigkill_never_tears_cache_warc_or_report(tmp_path: Path) -> None:
    _assert_clean(FAST_TRIALS, tmp_path)


@pytest.mark.slow
def test_sigkill_full_trials(tmp_path: Path) -> None:
    _assert_clean(FULL_TRIALS, tmp_path)


def test_ctrl_c_exits_130_with_a_partial_report(tmp_path: Path) -> None:
    """SIGINT while one source still trickles: exit 130, and the report holds what finished."""
    server = FaultServer(lifetime=60.0)
    base = server.listen("127.0.0.61")
    page = (
        b"<html><body><article><p>The ferry to the island runs twice a day in winter, "
        b"weather permitting.</p></article></body></html>"
    )
    for i in range(3):
        server.route(f"/ok/{i}", static(page))
    server.route("/slow", trickle(declared=100_000, interval=0.2))
    claims = tmp_path / "claims.toml"
    lines = ["[settings]", "allow_private = true", "wayback = false", "no_cache = true"]
    lines += ["timeout = 30", "retries = 0"]
    urls = [f"{base}/ok/{i}" for i in range(3)] + [f"{base}/slow"]
    for i, url in enumerate(urls):
        lines += ["[[claims]]", f'id = "c{i}"', f'url = "{url}"']
        lines += ['quote = "the ferry to the island runs twice a day"']
    claims.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), str(REPO)])  # this checkout's code
    cmd = [sys.executable, "-m", "claimcheck", "verify", "--claims", str(claims)]
    cmd += ["--format", "json", "--output", str(report)]
    with server:
        proc = subprocess.Popen(
            cmd,
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=_default_sigint,
        )
        deadline = time.monotonic() + 20

        # Wait until every source has been asked for, then give the healthy ones time to be
        # extracted and matched: tens of ms each, after the workers start; 4 s leaves room on a
        # runner loaded by other jobs (1.5 s was once too little). The slow source needs minutes.
        def asked() -> bool:
            return all(server.count(f"/ok/{i}") for i in range(3)) and server.count("/slow") > 0

        while not asked() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(4.0)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 130, stderr.decode()[-500:]
    assert report.exists(), "no partial report written"
    data = json.loads(report.read_text())
    verdicts = {c["id"]: c["verdict"] for c in data["claims"]}
    finished = {f"c{i}" for i in range(3)} & set(verdicts)
    assert finished, f"the partial report holds none of the finished claims: {verdicts}"
    assert {verdicts[c] for c in finished} == {"verified"}, verdicts
    assert verdicts.get("c3") != "verified"


def _default_sigint() -> None:
    """Run in the child before exec: Ctrl-C handled as usual. A shell running the tests in the
    background (`pytest &` in a script) starts them with SIGINT ignored, the child inherits that,
    and Python then leaves SIGINT ignored, as a background job should."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
