"""In a GitHub Actions job, text from a cited page in the report (or a message) cannot send
workflow commands to the runner: `::add-mask::` at the start of a line, `##[error]` anywhere."""

from __future__ import annotations

import json
import re

import pytest

from claimcheck.cli import _ci_log_safe, _visible
from claimcheck.report.common import neutralise_workflow_commands

HOSTILE = "Sports desk. ##[error]Fake failure\n  ::add-mask::mismatch\n::set-env name=X::1\n"


def _commands(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.lstrip().startswith("::") or "##[" in ln]


def test_neutralise_breaks_every_command_and_keeps_the_rest() -> None:
    out = neutralise_workflow_commands(HOSTILE)
    assert _commands(out) == []
    assert out.replace("\u2060", "") == HOSTILE
    assert neutralise_workflow_commands("a::b c") == "a::b c"


def test_outside_github_actions_nothing_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert _ci_log_safe(HOSTILE, "text") == HOSTILE


def test_text_report_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert _commands(_ci_log_safe(HOSTILE, "text")) == []


def test_github_format_keeps_its_own_annotations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    own = "::error file=a.md,line=3::not found\n"
    assert _ci_log_safe(own, "github") == own


def test_json_keeps_its_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    doc = json.dumps({"evidence": HOSTILE}, indent=2)
    out = _ci_log_safe(doc, "json")
    assert "##[" not in out
    assert json.loads(out) == {"evidence": HOSTILE}


def test_other_formats_to_the_log_are_wrapped_in_stop_commands(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setattr("claimcheck.cli._stdout_is_file", lambda: False)
    out = _ci_log_safe("| ##[error]x |\n", "markdown")
    first, body, last = out.splitlines()
    token = re.fullmatch(r"::stop-commands::([0-9a-f]{32})", first)
    assert token is not None
    assert last == f"::{token.group(1)}::"
    assert body == "| ##[error]x |"
    monkeypatch.setattr("claimcheck.cli._stdout_is_file", lambda: True)
    assert _ci_log_safe("| x |\n", "markdown") == "| x |\n"


def test_a_message_after_a_carriage_return_is_broken_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # stderr shows a carriage return as a new line: a command after it starts a line as printed.
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = _visible("fetched x\r::add-mask::secret")
    assert out.startswith("fetched x\n")
    assert _commands(out) == []
