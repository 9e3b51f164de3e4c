"""The seam every report format implements (SPEC §8).

A format turns a finished `RunReport` into one string. It never prints and never touches a file:
`cli.py` decides where the string goes (stdout, or `--output FILE` written atomically).
"""

from __future__ import annotations

import abc
import logging
from typing import TYPE_CHECKING

from claimcheck.errors import ClaimcheckError

if TYPE_CHECKING:
    from claimcheck.model import RunReport

logger = logging.getLogger(__name__)


class ReportError(ClaimcheckError):
    """A report cannot be produced as asked (an unknown format name)."""


class ReportFormat(abc.ABC):
    """Renders a `RunReport` for `verify` (claims and sources) or `links` (sources only)."""

    @abc.abstractmethod
    def render(self, report: RunReport) -> str:
        """The whole report as text; never prints."""
