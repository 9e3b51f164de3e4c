"""Bidi controls and line breaks from articles and sources, in every report.

A right-to-left override makes `cost <RLO>21<PDF>` read "cost 12" in a browser, an editor or a
terminal, while the check compared "21": every report shows the embedding, override and isolate
controls escaped (`\\u202e`), so what the reader sees is what was checked. The marks (U+200E,
U+200F) that right-to-left text uses everywhere stay as they are. In the text report a line
break inside a quote is shown as `⏎`: printed raw, a quote could forge lines of the report.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from claimcheck.model import RunReport
from claimcheck.report import ReportFormatChoice
from claimcheck.report.common import one_line, visible_bidi, visible_controls
from claimcheck.report.console import ConsoleFormat
from tests.unit.report.factory import make_verify_report

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
TROJAN = "the roof cost \u202e21\u202c million \u2067x\u2069"


def _with_quote(quote: str) -> RunReport:
    report = make_verify_report()
    result = report.claims[3]
    claim = dataclasses.replace(result.claim, quote=quote, sentence=f"He said “{quote}”.[3]")
    return dataclasses.replace(report, claims=(dataclasses.replace(result, claim=claim),))


def test_visible_controls_shows_bidi_controls_but_not_marks() -> None:
    assert visible_controls(TROJAN) == "the roof cost \\u202e21\\u202c million \\u2067x\\u2069"
    assert visible_controls("\u202a\u202b\u202d\u2066\u2068") == (
        "\\u202a\\u202b\\u202d\\u2066\\u2068"
    )
    marks = "שלום \u200fעולם\u200e 21"
    assert visible_controls(marks) == marks
    assert visible_bidi("a\u202eb\x1b") == "a\\u202eb\x1b"


def test_one_line_shows_line_breaks() -> None:
    assert one_line("nothing\ntouch /tmp/x #") == "nothing⏎touch /tmp/x #"
    assert one_line("a\r\nb\rc\u2028d\x85e") == "a⏎b⏎c⏎d⏎e"
    assert one_line("a\x1b") == "a\\x1b"


@pytest.mark.parametrize("choice", list(ReportFormatChoice))
def test_no_report_sends_a_raw_bidi_control(choice: ReportFormatChoice) -> None:
    report = _with_quote(TROJAN)
    out = choice.to_format(color=False, width=120).render(report)
    assert not BIDI.search(out), choice
    assert "\\u202e21" in out.replace("\\\\", "\\"), choice


def test_json_keeps_the_quote_as_written() -> None:
    out = ReportFormatChoice.JSON.to_format().render(_with_quote(TROJAN))
    assert json.loads(out)["claims"][0]["quote"] == TROJAN


@pytest.mark.parametrize("color", [False, True])
def test_text_report_quote_cannot_start_a_line(color: bool) -> None:
    report = _with_quote("nothing here\ntouch /tmp/PWNED #")
    out = ConsoleFormat(color=color, width=200).render(report)
    assert "nothing here⏎touch /tmp/PWNED #" in out
    assert not any(line.lstrip().startswith("touch") for line in out.splitlines())


def test_a_quote_with_an_override_is_warned_about_with_file_and_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from claimcheck.cli import _warn_bidi_overrides
    from claimcheck.settings import Settings
    from tests.unit.report.factory import make_article

    article = make_article()
    claim = dataclasses.replace(article.claims[0], quote=TROJAN, article="draft.md", line=7)
    plain = dataclasses.replace(article.claims[1], quote="cost \u2067x\u2069", line=9)
    # A left-to-right override around digits shows them as stored: nothing to warn about.
    phone = dataclasses.replace(article.claims[1], quote="call \u202d020 7946\u202c", line=11)
    article = dataclasses.replace(article, claims=(claim, plain, phone))
    _warn_bidi_overrides([article], Settings())
    err = capsys.readouterr().err
    assert "draft.md:7:" in err
    assert "bidi override" in err
    assert ":9:" not in err  # an isolate is shown in the reports, but is no override
    assert ":11:" not in err
    _warn_bidi_overrides([article], Settings(quiet=True))
    assert capsys.readouterr().err == ""
