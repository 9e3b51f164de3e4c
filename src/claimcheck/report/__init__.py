"""Report formats (SPEC §8): text, JSON, Markdown, JUnit, GitHub annotations and HTML.

`ReportFormatChoice` is the `--format` option; `to_format()` builds the matching `ReportFormat`.
`render_claims` renders `claimcheck claims`; `summary_line` is the one line for stderr.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import assert_never

from claimcheck.report.claims import render_claims, summary_line
from claimcheck.report.console import ConsoleFormat
from claimcheck.report.github import GitHubFormat
from claimcheck.report.html import HtmlFormat
from claimcheck.report.interface import ReportError, ReportFormat
from claimcheck.report.json import JsonFormat
from claimcheck.report.junit import JUnitFormat
from claimcheck.report.markdown import MarkdownFormat

__all__ = [
    "ConsoleFormat",
    "GitHubFormat",
    "HtmlFormat",
    "JUnitFormat",
    "JsonFormat",
    "MarkdownFormat",
    "ReportError",
    "ReportFormat",
    "ReportFormatChoice",
    "render_claims",
    "summary_line",
]

logger = logging.getLogger(__name__)


class ReportFormatChoice(str, Enum):
    """The values of `--format`."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    JUNIT = "junit"
    GITHUB = "github"
    HTML = "html"

    def to_format(self, *, color: bool = False, width: int = 100) -> ReportFormat:
        """The format for this choice; `color` and `width` matter only to `text`."""
        if self is ReportFormatChoice.TEXT:
            return ConsoleFormat(color=color, width=width)
        if self is ReportFormatChoice.JSON:
            return JsonFormat()
        if self is ReportFormatChoice.MARKDOWN:
            return MarkdownFormat()
        if self is ReportFormatChoice.JUNIT:
            return JUnitFormat()
        if self is ReportFormatChoice.GITHUB:
            return GitHubFormat()
        if self is ReportFormatChoice.HTML:
            return HtmlFormat()
        assert_never(self)
