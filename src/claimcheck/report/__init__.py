"""Report formats (SPEC §8): text, JSON, Markdown, JUnit, GitHub annotations and HTML.

`ReportFormatChoice` is the `--format` option; `to_format()` builds the matching `ReportFormat`.
`render_claims` renders `claimcheck claims`; `summary_line` is the one line for stderr.

Start-up cost (issue 3): a run renders exactly one format, so each format's module is imported only
when it is chosen (or when one of the names below is first looked up, PEP 562). Importing every
format eagerly cost ~6 ms of every `claimcheck links` run, mostly JUnit's XML machinery and the
HTML template; only `interface` (the protocol and `ReportError`) is imported up front.
"""

from __future__ import annotations

import importlib
import logging
from enum import Enum
from typing import TYPE_CHECKING, Any, assert_never

from claimcheck.report.interface import ReportError, ReportFormat

if TYPE_CHECKING:
    from claimcheck.report.claims import render_claims, summary_line
    from claimcheck.report.console import ConsoleFormat
    from claimcheck.report.github import GitHubFormat
    from claimcheck.report.html import HtmlFormat
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

# Public name -> the submodule defining it, imported on first lookup.
_LAZY = {
    "ConsoleFormat": "console",
    "GitHubFormat": "github",
    "HtmlFormat": "html",
    "JUnitFormat": "junit",
    "JsonFormat": "json",
    "MarkdownFormat": "markdown",
    "render_claims": "claims",
    "summary_line": "claims",
}


def __getattr__(name: str) -> Any:
    """Import the submodule behind a public name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
        # Each branch imports only its own module: see the module docstring.
        if self is ReportFormatChoice.TEXT:
            from claimcheck.report.console import ConsoleFormat

            return ConsoleFormat(color=color, width=width)
        if self is ReportFormatChoice.JSON:
            from claimcheck.report.json import JsonFormat

            return JsonFormat()
        if self is ReportFormatChoice.MARKDOWN:
            from claimcheck.report.markdown import MarkdownFormat

            return MarkdownFormat()
        if self is ReportFormatChoice.JUNIT:
            from claimcheck.report.junit import JUnitFormat

            return JUnitFormat()
        if self is ReportFormatChoice.GITHUB:
            from claimcheck.report.github import GitHubFormat

            return GitHubFormat()
        if self is ReportFormatChoice.HTML:
            from claimcheck.report.html import HtmlFormat

            return HtmlFormat()
        assert_never(self)
