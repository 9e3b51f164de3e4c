"""Input files are read and checked before the run fetches anything or writes a file: a broken
lock used to be found only after every host was contacted and `--record`'s archive replaced."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app


@pytest.fixture
def no_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def pipeline(*args: Any, **kwargs: Any) -> Any:
        calls.append("pipeline")
        raise AssertionError("the run started despite a broken input")

    monkeypatch.setattr("claimcheck.cli._run_pipeline", pipeline)
    return calls


@pytest.mark.parametrize("lock_text", ["{'format': x}", '{"format": "other"}', "[" * 50_000])
def test_a_broken_lock_stops_the_run_before_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_pipeline: list[str], lock_text: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("# T\n\nShe said “a b c d”.[^1]\n\n[^1]: https://example.org/\n")
    Path("claimcheck.lock").write_text(lock_text)
    Path("run.warc.gz").write_bytes(b"the user's recording")
    result = CliRunner().invoke(
        app, ["verify", "a.md", "--record", "run.warc.gz", "--no-progress"], env={}
    )
    assert result.exit_code == 2
    assert "claimcheck.lock" in result.output
    assert no_pipeline == []
    assert Path("run.warc.gz").read_bytes() == b"the user's recording"


def test_the_lock_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read before the run, and compared with afterwards from that one reading."""
    import claimcheck.lock

    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("# T\n\nNothing cited here.\n")
    Path("claimcheck.lock").write_text(
        '{"format": "claimcheck/lock/v2", "claims": {}, "links": {}}'
    )
    reads: list[Path] = []
    real = claimcheck.lock.load_lock

    def counting(path: Path) -> Any:
        reads.append(Path(path))
        return real(path)

    monkeypatch.setattr(claimcheck.lock, "load_lock", counting)
    result = CliRunner().invoke(app, ["verify", "a.md", "--no-progress"], env={})
    assert result.exit_code == 0, result.output
    assert reads == [Path("claimcheck.lock")]
