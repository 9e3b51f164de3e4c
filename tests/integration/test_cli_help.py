"""What `--help` shows: no Python types, the usage line as click writes it, and the defaults."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app

COMMANDS = ["verify", "links", "claims", "init"]


def _help(command: str) -> str:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_python_type(command: str) -> None:
    text = _help(command)
    shown = [
        line
        for line in text.splitlines()
        if re.search(r"<(?:list\[\w+\]|str|int|float|path|bool)>", line) and "--help" not in line
    ]
    assert shown == []


@pytest.mark.parametrize(
    ("command", "usage", "row"),
    [
        ("verify", "[OPTIONS] [ARTICLE]...", "ARTICLE..."),
        ("links", "[OPTIONS] [ARTICLE]...", "ARTICLE..."),
        ("claims", "[OPTIONS] [ARTICLE]", "ARTICLE"),
        ("init", "[OPTIONS] ARTICLE", "ARTICLE"),
    ],
)
def test_article_argument_is_named_in_capitals(command: str, usage: str, row: str) -> None:
    text = _help(command)
    usage_line = next(line for line in text.splitlines() if "Usage:" in line)
    assert usage_line.rstrip().endswith(f"{command} {usage}")
    assert "{" not in usage_line
    assert re.search(rf"│\s+\*?\s+{re.escape(row)}\s+Article path", text)


def test_a_missing_required_argument_is_named_as_in_help() -> None:
    result = CliRunner().invoke(app, ["init"])
    assert result.exit_code == 2
    assert "Missing argument 'ARTICLE'" in result.output
