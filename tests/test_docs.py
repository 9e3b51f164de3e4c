"""The README documents every command, and every command's help answers (STYLE §7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = ["verify", "links", "claims", "init"]


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"claimcheck {command}" in README


def test_readme_states_the_exit_codes_and_both_commands() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in README
    assert 'pip install -e ".[test]" && pytest' in README
    assert "pip install . && claimcheck verify" in README


def test_ci_script_runs_the_readme_test_command() -> None:
    script = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && pytest' in script
