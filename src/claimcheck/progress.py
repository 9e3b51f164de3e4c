"""Progress reporting seam: the pipeline calls a `ProgressSink`; the rich bar lives in `cli.py`."""

from __future__ import annotations

from typing import Protocol


class ProgressSink(Protocol):
    """Receives progress events from a run (SPEC §8: bars go to stderr on a TTY only)."""

    def start(self, total: int, description: str) -> None: ...

    def advance(self, item: str) -> None: ...

    def stop(self) -> None: ...


class NullProgress:
    """A sink that shows nothing (off a TTY, `--no-progress`, `-q`)."""

    def start(self, total: int, description: str) -> None:
        return None

    def advance(self, item: str) -> None:
        return None

    def stop(self) -> None:
        return None
