"""The README documents every command, and every command's help answers (STYLE §7)."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.settings import HostSettings, known_keys

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


def _options(command: str) -> set[str]:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return set(re.findall(r"--([a-z][a-z-]+)", result.output))


def test_readme_lists_the_settings_no_option_sets() -> None:
    # `[settings]` takes "any command-line option, snake_case"; the keys no option names would
    # otherwise be known only from the hint of an unknown-key error.
    options = _options("verify") | _options("links")
    without_option = {key for key in known_keys() if key.replace("_", "-") not in options}
    assert without_option >= {"max_retry_wait", "connect_timeout", "max_redirects", "insecure"}
    for key in without_option:
        assert f"| `{key}` |" in README, key
    for field in fields(HostSettings):
        assert f"`{field.name}`" in README.split("| `hosts` |", 1)[1].split("\n", 1)[0], field.name
