"""Lint, format and type checks run as part of the suite, so the README's one test command
(`pytest`) is the whole gate CI runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(
    shutil.which("ruff") is None, reason="ruff is not installed (pip install -e '.[test]')"
)
def test_ruff_check() -> None:
    result = _run("ruff", "check", "src", "tests", "bench", "scripts", "examples")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(
    shutil.which("ruff") is None, reason="ruff is not installed (pip install -e '.[test]')"
)
def test_ruff_format() -> None:
    result = _run("ruff", "format", "--check", "src", "tests", "bench", "scripts", "examples")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = _run(sys.executable, "-m", "mypy", "--strict", "src/claimcheck")
    assert result.returncode == 0, result.stdout + result.stderr
