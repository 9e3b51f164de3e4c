"""Shared test configuration: a pinned Rich width, no colour, fixture paths, and the
`claimcheck` logger put back as it was after each test."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
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


def reference_article() -> Path:
    """The reference article (`shared/seed/article.txt`), which sits beside the repository.

    CI lays `shared/` next to its fresh clone; a developer's checkout has it at `../shared`.
    Without it the acceptance tests on the reference article cannot run: they are skipped on a
    developer's machine, but under CI (`CI` set) that is a failure, never a silent skip.
    """
    for candidate in (
        Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "article.txt",
        Path("/work/shared/seed/article.txt"),
    ):
        if candidate.is_file():
            return candidate
    if os.environ.get("CI"):
        pytest.fail("shared/seed/article.txt is missing beside the repository")
    pytest.skip("the reference article (../shared/seed/article.txt) is not beside this checkout")


def fixture_path(*parts: str) -> Path:
    """The path of a file under `tests/fixtures/`."""
    return FIXTURES.joinpath(*parts)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _claimcheck_logger() -> Iterator[None]:
    """Undo what a command-line run in the test process does to the `claimcheck` logger.

    The CLI gives it a stderr handler, a level and `propagate = False` (`cli._configure_logging`),
    which would hide every later test's warnings from `caplog`, which listens at the root.
    """
    logger = logging.getLogger("claimcheck")
    saved = (logger.level, logger.propagate, list(logger.handlers))
    yield
    logger.setLevel(saved[0])
    logger.propagate = saved[1]
    logger.handlers[:] = saved[2]
