"""Print the accuracy gate's table in pytest's terminal summary, with or without `-s`."""

from __future__ import annotations

import pytest

from tests.corpus.gate import REPORT_KEY


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    table = config.stash.get(REPORT_KEY, None)
    if table is not None:
        terminalreporter.write_sep("=", "claimcheck accuracy gate")
        terminalreporter.write_line(table)
