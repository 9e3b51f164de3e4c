"""Every fast fault scenario through `claimcheck.fetch.Fetcher`, and one isolation run of them all.

Each test starts from the scenario's declaration in `scenarios.py` (expected status, detail pattern,
time and memory bounds, extra checks such as "the server saw exactly three requests") and asserts
that `observe()` found no difference. The slow scenarios run in `scripts/reliability.py` only.

A scenario claimcheck fails goes in `KNOWN_GAPS` with the reason: it is then an
`xfail(strict=True)`, so the gap stays visible and the day it is fixed the suite says so.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.defaults import DEFAULT_VERIFY_FAIL_ON
from claimcheck.model import LinkStatus, Verdict
from tests.faults.scenarios import (
    CLI_RSS_BOUND_MB,
    SCENARIOS,
    CliRun,
    Lab,
    Scenario,
    cli_scenarios,
    isolation_run,
    observe,
    run_cli,
    write_claims_toml,
)
from tests.faults.server import GUARD

FAST = tuple(sc for sc in SCENARIOS if not sc.slow)

#: Scenario name -> why claimcheck does not (yet) do what the scenario demands (Fetcher level).
KNOWN_GAPS: dict[str, str] = {}

#: The same for the verdict `claimcheck verify` gives (CLI level).
KNOWN_CLI_GAPS: dict[str, str] = {}
#: Scenarios that wait on purpose (timeouts, Retry-After, backoff): checked through the CLI only in
#: the isolation run and by scripts/reliability.py, to keep the default suite fast.
CLI_FAST = tuple(sc for sc in cli_scenarios(FAST) if sc.max_seconds <= 3.0)


@pytest.fixture(scope="module")
def lab() -> Iterator[Lab]:
    with Lab(FAST) as started:
        yield started


def _params(scenarios: tuple[Scenario, ...], gaps: dict[str, str]) -> list[object]:
    out: list[object] = []
    for sc in scenarios:
        marks = []
        if sc.name in gaps:
            marks.append(pytest.mark.xfail(strict=True, reason=gaps[sc.name]))
        out.append(pytest.param(sc, id=sc.name, marks=marks))
    return out


@pytest.mark.parametrize("sc", _params(FAST, KNOWN_GAPS))
def test_scenario(lab: Lab, sc: Scenario) -> None:
    obs = observe(lab, sc)
    assert obs.problems == [], (
        f"{sc.name} ({sc.summary}): expected {sc.expected_text}, observed {obs.observed} "
        f"{obs.message!r} in {obs.seconds:.2f} s, {obs.peak_mb:.1f} MB"
    )
    assert lab.server.errors == []


def test_isolation_all_scenarios_in_one_run(lab: Lab) -> None:
    """All fast scenarios and the healthy sources share one `Fetcher` and one event loop.

    The healthy sources must come back `ok` with their full body, and the run must end long
    before the sum of its timeouts: faults on other hosts may not hold them up.
    """
    run = isolation_run(lab)
    assert run.crashed is None
    healthy = [sc for sc in FAST if sc.healthy]
    assert healthy
    for sc in healthy:
        result = run.results[sc.name]
        assert result.status is LinkStatus.OK, (sc.name, result.error, result.detail)
        assert result.body
    assert run.blocked_connects == [] and run.blocked_lookups == []
    assert run.seconds < run.timeout_sum
    # Stricter than the spec's bound: concurrently, the run takes about as long as its slowest
    # scenario alone, not the sum.
    assert run.seconds < max(sc.max_seconds for sc in FAST) * 1.5
    assert run.peak_mb < run.memory_bound_mb
    assert run.refused == {"redirect-to-metadata", "redirect-to-private"}


def test_fetcher_never_raises_under_cancellation(lab: Lab) -> None:
    """A run cancelled mid-trickle (what Ctrl-C does to the event loop) unwinds cleanly."""
    from claimcheck.fetch import Fetcher

    sc = next(s for s in FAST if s.name == "slowloris-body")

    async def main() -> None:
        async with Fetcher(lab.settings(sc)) as fetcher:
            task = asyncio.ensure_future(fetcher.fetch(lab.urls[sc.name]))
            await asyncio.sleep(0.3)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    t0 = time.monotonic()
    asyncio.run(main())
    assert time.monotonic() - t0 < 2.0


# ----------------------------------------------------------------------------- through the CLI


@pytest.mark.parametrize("sc", _params(CLI_FAST, KNOWN_CLI_GAPS))
def test_verify_verdict(lab: Lab, sc: Scenario, tmp_path: Path) -> None:
    """`claimcheck verify` on one claim citing the scenario: its verdict and exit code."""
    claims = write_claims_toml(lab, (sc,), tmp_path / "claims.toml")
    with GUARD.watch() as guard:
        result = CliRunner().invoke(app, ["verify", "--claims", str(claims), "--format", "json"])
    assert guard.connects == [] and guard.lookups == []
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    (claim,) = report["claims"]
    assert claim["verdict"] in {v.value for v in sc.verdicts}, (
        f"{sc.name}: verdict {claim['verdict']} ({claim.get('detail')}), "
        f"expected {sc.verdicts_text}"
    )
    failing = Verdict(claim["verdict"]).value in DEFAULT_VERIFY_FAIL_ON
    assert result.exit_code == (1 if failing else 0)


def test_links_reports_every_scenario_status(lab: Lab, tmp_path: Path) -> None:
    """One `claimcheck links` run over every fast CLI scenario: the same statuses as `Fetcher`."""
    claims = write_claims_toml(lab, CLI_FAST, tmp_path / "claims.toml")
    with GUARD.watch() as guard:
        result = CliRunner().invoke(app, ["links", "--claims", str(claims), "--format", "json"])
    assert guard.connects == [] and guard.lookups == []
    report = json.loads(result.stdout)
    statuses = {s["url"]: s["status"] for s in report["sources"]}
    wrong = {
        sc.name: statuses.get(lab.urls[sc.name])
        for sc in CLI_FAST
        if statuses.get(lab.urls[sc.name]) not in {e.value for e in sc.links_expected}
    }
    assert wrong == {}
    # Nothing here is `dead` or `soft_404`, the default `--fail-on` of `links`.
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def verify_run(lab: Lab, tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """Every CLI scenario, slow ones included, in one `claimcheck verify` subprocess."""
    workdir = tmp_path_factory.mktemp("isolation")
    claims = write_claims_toml(lab, cli_scenarios(FAST), workdir / "claims.toml")
    return run_cli(["verify", "--claims", str(claims)], workdir)


def test_verify_isolation_run(lab: Lab, verify_run: CliRun) -> None:
    """All scenarios plus healthy sources in one run: the healthy ones are still verified."""
    run = verify_run
    assert run.report is not None, run.stderr[-500:]
    assert run.exit in (0, 1)
    scenarios = cli_scenarios(FAST)
    healthy = [sc.name for sc in scenarios if sc.healthy]
    assert healthy
    for name in healthy:
        claim = run.claim(name)
        assert claim is not None and claim["verdict"] == "verified", (name, claim)
    assert run.blocked_connects == [] and run.blocked_lookups == []
    timeout_sum = len(scenarios) * 3 * 1.0  # (retries + 1) × timeout per URL, CLI_SETTINGS
    assert run.seconds < timeout_sum
    assert run.maxrss_mb < CLI_RSS_BOUND_MB


def test_verify_run_stays_within_memory_and_time(verify_run: CliRun) -> None:
    """Whatever its verdicts, the run that meets every fault ends quickly in bounded memory."""
    run = verify_run
    assert run.seconds < 30.0, run.seconds
    assert run.maxrss_mb < CLI_RSS_BOUND_MB, run.maxrss_mb
    assert run.blocked_connects == [] and run.blocked_lookups == []
