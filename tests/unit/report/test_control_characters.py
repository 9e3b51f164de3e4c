"""Control characters from articles and sources never reach the reader raw.

A `text/plain` source (HTML sources are cleaned) or an article may hold ESC sequences: `ESC]0;…BEL`
sets a terminal's title, `ESC[8m` hides text, OSC 52 writes the clipboard. The text report,
made for a terminal, shows them escaped (`\\x1b`) as evidence; markdown, HTML and GitHub
annotations escape them too; JSON keeps every value but escapes the C1 controls `json` leaves raw.
"""

from __future__ import annotations

import dataclasses
import json
import re
from enum import Enum
from typing import Any

import pytest

from claimcheck.model import RunReport
from claimcheck.report import render_claims
from claimcheck.report.common import visible_controls
from claimcheck.report.console import ConsoleFormat, SafeText
from claimcheck.report.github import GitHubFormat
from claimcheck.report.html import HtmlFormat, link
from claimcheck.report.json import JsonFormat
from claimcheck.report.markdown import MarkdownFormat, md_text
from tests.unit.report.factory import make_article, make_links_report, make_verify_report

#: Title, hidden text, 8-bit CSI, backspace, SOH, DEL, a bare CR and a NUL.
POISON = "\x1b]0;PWNED\x07\x1b[8mhidden\x1b[0m\x9b31m\x08\x01\x7f\rX\x00"

#: What a terminal or a browser would act on: C0 but tab and newline, DEL, C1.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The colours rich itself writes (SGR), the only escape sequences a coloured report may hold.
SGR = re.compile("\x1b\\[[0-9;]*m")


def poison(value: Any) -> Any:
    """`value` with POISON after every space and dot of every string in it.

    A substitution character by character keeps every relation the reports rely on: a passage
    is still inside its context, a claim's URL still equals its source's.
    """
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return value.replace(" ", " " + POISON).replace(".", "." + POISON)
    if isinstance(value, tuple):
        return tuple(poison(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: poison(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in {"fail_on"}
        }
        return dataclasses.replace(value, **changes)
    return value


@pytest.fixture(params=["verify", "links"])
def hostile(request: pytest.FixtureRequest) -> RunReport:
    report = make_verify_report() if request.param == "verify" else make_links_report()
    poisoned: RunReport = poison(report)
    assert all(POISON in s.fetch.url for s in poisoned.sources)
    return poisoned


def test_visible_controls() -> None:
    assert visible_controls("a\x1b[31mb") == "a\\x1b[31mb"
    assert visible_controls("\x9b\x7f\x00\x01") == "\\x9b\\x7f\\x00\\x01"
    assert visible_controls("one\r\ntwo\rthree\x0cfour\tfive\nsix") == (
        "one\ntwo\nthree\nfour\tfive\nsix"
    )
    assert visible_controls("plain “text” — é") == "plain “text” — é"
    assert visible_controls(visible_controls(POISON)) == visible_controls(POISON)


@pytest.mark.parametrize("color", [False, True])
def test_text_report_shows_controls_escaped(hostile: RunReport, color: bool) -> None:
    out = ConsoleFormat(color=color, width=120).render(hostile)
    assert not RAW.search(SGR.sub("", out) if color else out)
    assert "\\x1b]0;PWNED\\x07" in out
    assert "\\x1b[8mhidden" in out


def test_text_report_keeps_rich_markup_literal() -> None:
    report = make_verify_report()
    result = report.claims[3]
    claim = dataclasses.replace(result.claim, quote="[bold red]loud[/bold red] [link=x]y[/link]")
    hostile = dataclasses.replace(report, claims=(dataclasses.replace(result, claim=claim),))
    plain = ConsoleFormat(color=False, width=200).render(hostile)
    assert "[bold red]loud[/bold red] [link=x]y[/link]" in plain
    coloured = ConsoleFormat(color=True, width=200).render(hostile)
    assert "[bold red]loud[/bold red]" in SGR.sub("", coloured)
    assert "\x1b]8;" not in coloured  # no hyperlink made from `[link=x]`


def test_safe_text_escapes_whatever_way_the_text_comes_in() -> None:
    from rich.text import Text

    text = SafeText("a\x1b")
    text.append("b\x1b", style="bold")
    text.append(Text("c\x1b"))
    text.append_text(Text("d\x1b"))
    assembled = SafeText.assemble(("e\x1b", "red"), "f\x1b")
    assert text.plain == "a\\x1bb\\x1bc\\x1bd\\x1b"
    assert assembled.plain == "e\\x1bf\\x1b"


def test_claims_text_shows_controls_escaped() -> None:
    out = render_claims([poison(make_article())], fmt="text", uncited=True, width=120)
    assert not RAW.search(out)
    assert "\\x1b]0;PWNED" in out


def test_markdown_escapes_controls(hostile: RunReport) -> None:
    out = MarkdownFormat().render(hostile)
    assert not RAW.search(out)
    assert md_text("a\x1b[8mb") == "a\\\\x1b\\[8mb"  # renders as a\x1b[8mb


def test_html_escapes_controls(hostile: RunReport) -> None:
    out = HtmlFormat().render(hostile)
    assert not RAW.search(out)
    assert "\\x1b]0;PWNED" in out
    assert link("x", "https://example.org/a\x1bb") == (
        '<a href="https://example.org/a%1Bb" rel="noopener noreferrer nofollow">x</a>'
    )


def test_github_escapes_controls(hostile: RunReport) -> None:
    out = GitHubFormat().render(hostile)
    assert not RAW.search(out)
    assert len(out.splitlines()) == len([ln for ln in out.splitlines() if ln.startswith("::")])


def test_json_keeps_every_value_but_sends_no_raw_control(hostile: RunReport) -> None:
    out = JsonFormat().render(hostile)
    assert not RAW.search(out)
    doc = json.loads(out)
    if hostile.claims:
        assert doc["claims"][3]["quote"] == hostile.claims[3].claim.quote
    assert doc["sources"][0]["url"] == hostile.sources[0].fetch.url
    claims_doc = render_claims([poison(make_article())], fmt="json", uncited=False)
    assert not RAW.search(claims_doc)
    assert POISON in json.loads(claims_doc)["articles"][0]["claims"][0]["sentence"]
