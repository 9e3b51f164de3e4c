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


def _row(text: str, option: str) -> str:
    """The help row of `option`, its wrapped lines joined."""
    rows: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        inner = line.strip("│ ")
        match = re.match(r"(--[\w-]+)", inner)
        if match:
            current = match.group(1)
            rows[current] = inner
        elif current and inner and not line.startswith(("╭", "╰")):
            rows[current] += " " + inner
    return " ".join(rows[option].split())


@pytest.mark.parametrize(
    ("command", "default"),
    [("verify", "mismatch,not_found,unreachable"), ("links", "dead,soft_404")],
)
def test_fail_on_help_shows_the_default_of_its_command(command: str, default: str) -> None:
    assert _row(_help(command), "--fail-on").endswith(f"[default: {default}]")


@pytest.mark.parametrize("command", ["verify", "links"])
def test_wayback_help_says_it_is_on_by_default(command: str) -> None:
    assert _row(_help(command), "--wayback").endswith("[default: wayback]")


@pytest.mark.parametrize("command", ["verify", "links"])
def test_format_help_names_every_output_extension(command: str) -> None:
    row = _row(_help(command), "--format")
    assert "(.json .html .htm .md .markdown .xml .txt), else text]" in row


def test_fail_on_still_takes_a_value_on_both_commands() -> None:
    # The per-command annotation must still make --fail-on an option with a value.
    for command in ("verify", "links"):
        result = CliRunner().invoke(app, [command, "--fail-on", "bogus", "x.md"])
        assert result.exit_code == 2
        assert "unknown status or verdict 'bogus'" in result.output
