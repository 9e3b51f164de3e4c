"""`--remap` and `--exclude`: rewrite or skip cited URLs before anything is fetched (issue 3).

A remap rule is `(REGEX, REPLACEMENT)` as parsed by `claimcheck.settings.parse_remap`. The
replacement may name groups the way lychee users write them (`$1`, `${1}`, `$name`) or the way
Python does (`\\1`, `\\g<name>`); `$$` is a literal dollar sign. The first rule whose regex
matches wins, like lychee's `--remap`, so an ordered list of rules reads top to bottom.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

logger = logging.getLogger(__name__)

# `$$`, `${name}`, `$name` or `$1`: lychee-style group references.
_DOLLAR = re.compile(r"\$(?:(\$)|\{(\w+)\}|(\d+|[A-Za-z_]\w*))")


def to_python_replacement(replacement: str) -> str:
    """Translate `$1`/`${name}` group references to Python's `\\g<1>`; keep `\\1` as it is."""

    def sub(match: re.Match[str]) -> str:
        if match.group(1):
            return "$"
        return f"\\g<{match.group(2) or match.group(3)}>"

    return _DOLLAR.sub(sub, replacement)


class Remapper:
    """Applies `--remap` rules and `--exclude` patterns to URLs."""

    def __init__(self, remap: Sequence[tuple[str, str]] = (), exclude: Sequence[str] = ()) -> None:
        self._rules = [(re.compile(p), to_python_replacement(r)) for p, r in remap]
        self._exclude = [re.compile(p) for p in exclude]

    def remap(self, url: str) -> str:
        """The URL to request for `url`: the first matching rule's rewrite, or `url` itself."""
        for pattern, replacement in self._rules:
            new, matched = pattern.subn(replacement, url, count=1)
            if matched:
                logger.debug("remapped %s -> %s", url, new)
                return new
        return url

    def excluded_by(self, url: str) -> str | None:
        """The `--exclude` pattern that matches `url` (searched anywhere in it), or `None`."""
        for pattern in self._exclude:
            if pattern.search(url):
                return pattern.pattern
        return None
