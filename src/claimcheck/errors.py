"""Errors that stop a run before it can check anything (exit code 2, SPEC §5).

Fetch and extraction failures are *outcomes* (`LinkStatus`, `Verdict`), never exceptions. Only bad
input escapes to `cli.py`, which prints `ClaimcheckError.message()` and exits 2.
"""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class: something the user gave us cannot be used.

    `path`, `line` and `key` locate the fault so the message can name them; `hint` says what to do.
    """

    def __init__(
        self,
        reason: str,
        *,
        path: str | None = None,
        line: int | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.line = line
        self.key = key
        self.hint = hint

    def message(self) -> str:
        """One line: `file:line: key: reason`, then the hint if there is one."""
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        text = f"{where}{key}{self.reason}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def __str__(self) -> str:
        return self.message()


class ArticleError(ClaimcheckError):
    """An article cannot be read or parsed (missing file, unknown type, corrupt DOCX)."""


class ClaimsFileError(ClaimcheckError):
    """`claims.toml` is invalid: bad TOML, unknown key, wrong type, unknown note, empty claim."""


class SettingsError(ClaimcheckError):
    """An option or setting has an invalid value (bad regex, unknown status in `--fail-on`)."""


class ArchiveError(ClaimcheckError):
    """A WARC given to `--replay` cannot be read."""
