"""`verbose` takes effect wherever it is given (command line > environment > `[settings]`), as
`-v`/`-vv` do; before, the environment and claims.toml's value were checked, then ignored."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimcheck
from claimcheck.cli import app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
OFFLINE = ["--replay", "sources.warc.gz", "--no-progress", "--no-cache", "--no-wayback"]


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    shutil.copy(DEMO / "article.md", tmp_path / "article.md")
    shutil.copy(DEMO / "sources.warc.gz", tmp_path / "sources.warc.gz")
    monkeypatch.chdir(tmp_path)
    for name in ("CLAIMCHECK_VERBOSE", "CLAIMCHECK_LOGLEVEL", "CLAIMCHECK_QUIET"):
        monkeypatch.delenv(name, raising=False)
    logger = logging.getLogger("claimcheck")
    level = logger.level
    yield tmp_path
    logger.setLevel(level)  # the CLI sets the package logger's level: leave it as found


def _levels(args: list[str], folder: Path, env: dict[str, str]) -> set[str]:
    """The levels of the log lines a real `claimcheck` process writes on stderr."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
    src = str(Path(claimcheck.__file__).resolve().parents[1])  # the package under test
    clean["PYTHONPATH"] = os.pathsep.join(filter(None, [src, clean.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "claimcheck", *args],
        cwd=folder,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    return {
        line.split()[0] for line in result.stderr.splitlines() if line.startswith(("DEBUG", "INFO"))
    }


@pytest.mark.parametrize("where", ["option", "environment", "settings"])
def test_verbose_logs_debug_wherever_it_is_given(demo: Path, where: str) -> None:
    args, env = ["links", *OFFLINE], {}
    if where == "option":
        args += ["article.md", "-vv"]
    elif where == "environment":
        args += ["article.md"]
        env = {"CLAIMCHECK_VERBOSE": "2"}
    else:
        (demo / "claims.toml").write_text(
            '[article]\npath = "article.md"\n\n[settings]\nverbose = 2\n', encoding="utf-8"
        )
    assert _levels(args, demo, env) == {"INFO", "DEBUG"}


def test_verbose_one_logs_info_without_debug(demo: Path) -> None:
    levels = _levels(["links", "article.md", *OFFLINE], demo, {"CLAIMCHECK_VERBOSE": "1"})
    assert levels == {"INFO"}


@pytest.mark.parametrize(
    ("args", "env", "toml", "level"),
    [
        ([], {}, None, logging.WARNING),
        ([], {"CLAIMCHECK_VERBOSE": "1"}, None, logging.INFO),
        ([], {}, 2, logging.DEBUG),
        (["-v"], {"CLAIMCHECK_VERBOSE": "2"}, None, logging.INFO),  # the option wins
        ([], {"CLAIMCHECK_VERBOSE": "0"}, 2, logging.WARNING),  # the environment wins
        ([], {"CLAIMCHECK_VERBOSE": "1", "CLAIMCHECK_QUIET": "1"}, None, logging.INFO),
        ([], {"CLAIMCHECK_QUIET": "1"}, None, logging.ERROR),
    ],
)
def test_verbose_precedence_sets_the_log_level(
    demo: Path, args: list[str], env: dict[str, str], toml: int | None, level: int
) -> None:
    settings = f"\n[settings]\nverbose = {toml}\n" if toml is not None else ""
    (demo / "claims.toml").write_text(
        f'[article]\npath = "article.md"\n{settings}', encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["links", *OFFLINE, *args], env=env)
    assert result.exit_code in (0, 1), result.stderr
    assert logging.getLogger("claimcheck").level == level


@pytest.mark.parametrize("command", [["claims", "article.md"], ["init", "article.md", "-o", "-"]])
def test_claims_and_init_take_verbose_from_the_environment(demo: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, command, env={"CLAIMCHECK_VERBOSE": "2"})
    assert result.exit_code == 0, result.stderr
    assert logging.getLogger("claimcheck").level == logging.DEBUG
