"""Shared test configuration: a pinned Rich width, no colour, and fixture paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# Reports are compared against inline strings: pin what Rich would read from the terminal.
os.environ.setdefault("COLUMNS", "120")
os.environ["NO_COLOR"] = "1"
os.environ.pop("FORCE_COLOR", None)
for _name in list(os.environ):
    if _name.startswith("CLAIMCHECK_"):
        del os.environ[_name]


def fixture_path(*parts: str) -> Path:
    """The path of a file under `tests/fixtures/`."""
    return FIXTURES.joinpath(*parts)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
