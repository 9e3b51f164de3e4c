"""Messages and log lines on stderr show control characters escaped, as the reports do: a URL
or a server's answer quoted in them must not reach the terminal as an escape sequence."""

from __future__ import annotations

import logging

import pytest

from claimcheck import cli


def test_a_message_shows_control_characters_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    cli._err("error: https://x.example/\x1b]0;PWNED\x07 [bold]answered\x1b[8m 404")
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b]0;PWNED\\x07" in err
    assert "[bold]answered" in err  # rich markup stays text


def test_log_lines_show_control_characters_escaped() -> None:
    formatter = cli._VisibleFormatter("%(levelname)s %(name)s: %(message)s")
    record = logging.LogRecord(
        "claimcheck.fetch", logging.WARNING, __file__, 1, "%s: %s", ("u", "\x9b2J\x1b[31mred"), None
    )
    line = formatter.format(record)
    assert line == "WARNING claimcheck.fetch: u: \\x9b2J\\x1b[31mred"
