"""Every fast fault scenario through `claimcheck.fetch.Fetcher`, and one isolation run of them all.

Each test starts from the scenario's declaration in `scenarios.py` (expected status, detail pattern,
time and memory bounds, extra checks such as "the server saw exactly three requests") and asserts
that `observe()` found no difference. The slow scenarios run in `scripts/reliability.py` only.

A scenario claimcheck fails goes in `KNOWN_GAPS` with the reason: it is then an
`xfail(strict=True)`, so the gap stays visible and the day it is fixed the suite says so.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from claimcheck.model import LinkStatus
from tests.faults.scenarios import (
    SCENARIOS,
    Lab,
    Scenario,
    isolation_run,
    observe,
)

FAST = tuple(sc for sc in SCENARIOS if not sc.slow)

#: Scenario name -> why claimcheck does not (yet) do what the scenario demands.
KNOWN_GAPS: dict[str, str] = {}


@pytest.fixture(scope="module")
def lab() -> Iterator[Lab]:
    with Lab(FAST) as started:
        yield started


def _params() -> list[object]:
    out: list[object] = []
    for sc in FAST:
        marks = []
        if sc.name in KNOWN_GAPS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[sc.name]))
        out.append(pytest.param(sc, id=sc.name, marks=marks))
    return out


@pytest.mark.parametrize("sc", _params())
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
