"""The defaults of every setting (SPEC §2), in a module that imports nothing heavy: the CLI
shows them in `--help`, which must not load the model or the settings machinery to do so.
`claimcheck.settings` builds `Settings` from them.
"""

from __future__ import annotations

from claimcheck import __version__

PROJECT_URL = "https://github.com/claimcheck/claimcheck"
DEFAULT_USER_AGENT = f"claimcheck/{__version__} (+{PROJECT_URL})"
DEFAULT_TIMEOUT = 20.0  # seconds, total per request attempt
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_MAX_CONCURRENCY = 128  # global; the floor of SPEC §7 is computed with 128
DEFAULT_HOST_CONCURRENCY = 8
DEFAULT_HOST_INTERVAL = 0.0  # seconds between request starts to one host
DEFAULT_RETRIES = 2
DEFAULT_MAX_BYTES = 25 * 1024 * 1024  # issue 3: 25 MB, as sent and after decompression
DEFAULT_MAX_REDIRECTS = 10
DEFAULT_MAX_RETRY_WAIT = 60.0  # cap on Retry-After / rate-limit waits, seconds
DEFAULT_WAYBACK = True  # look dead sources up in the Wayback Machine
DEFAULT_WAYBACK_URL = "https://web.archive.org"
DEFAULT_VERIFY_FAIL_ON = ("mismatch", "not_found", "unreachable")
DEFAULT_LINKS_FAIL_ON = ("dead", "soft_404")


def default_fail_on(command: str) -> frozenset[str]:
    """What makes `command` (`verify` or `links`) exit 1 unless `--fail-on` says otherwise."""
    return frozenset(DEFAULT_LINKS_FAIL_ON if command == "links" else DEFAULT_VERIFY_FAIL_ON)


#: The report format an output file's extension names (`-o report.json` without `--format`).
FORMAT_BY_EXTENSION = {
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xml": "junit",
    ".txt": "text",
}
