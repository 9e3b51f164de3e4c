"""`ReportFormatChoice`: every `--format` builds a format that renders both commands and never prints."""

from __future__ import annotations

from importlib import resources

import pytest

from claimcheck.model import RunReport
from claimcheck.report import (
    ConsoleFormat,
    GitHubFormat,
    HtmlFormat,
    JsonFormat,
    JUnitFormat,
    MarkdownFormat,
    ReportFormat,
    ReportFormatChoice,
)

EXPECTED = {
    "text": ConsoleFormat,
    "json": JsonFormat,
    "markdown": MarkdownFormat,
    "junit": JUnitFormat,
    "github": GitHubFormat,
    "html": HtmlFormat,
}


def test_values_are_the_spec_formats() -> None:
    assert [c.value for c in ReportFormatChoice] == list(EXPECTED)


@pytest.mark.parametrize("choice", list(ReportFormatChoice))
def test_each_choice_renders_verify_and_links_without_printing(
    choice: ReportFormatChoice,
    verify_report: RunReport,
    links_report: RunReport,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fmt = choice.to_format(color=False, width=80)
    assert isinstance(fmt, ReportFormat)
    assert type(fmt) is EXPECTED[choice.value]
    for report in (verify_report, links_report):
        out = fmt.render(report)
        assert out.endswith("\n") and "stories/harbour.md" in out
    assert capsys.readouterr() == ("", "")


def test_text_takes_colour_and_width() -> None:
    fmt = ReportFormatChoice.TEXT.to_format(color=True, width=72)
    assert isinstance(fmt, ConsoleFormat)
    assert (fmt.color, fmt.width) == (True, 72)


def test_choice_from_its_string() -> None:
    assert ReportFormatChoice("junit") is ReportFormatChoice.JUNIT
    with pytest.raises(ValueError):
        ReportFormatChoice("xml")


@pytest.mark.parametrize("name", ["report-v1.json", "claims-v1.json"])
def test_schemas_ship_in_the_package(name: str) -> None:
    assert resources.files("claimcheck.report").joinpath("schema", name).is_file()
