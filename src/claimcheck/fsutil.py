"""Writing files the user owns without ever leaving them half-written.

Every file claimcheck writes for the user (reports, `claims.toml`, the lock file, cache entries,
WARC archives) goes through a temporary file in the same folder, is flushed and fsynced, and is
then renamed over the target: a crash or a SIGKILL at any point leaves either the previous
complete file or the new complete one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "wb") -> Iterator[IO[bytes]]:
    """Yield a temporary file next to `path`; on success rename it over `path`.

    On any exception (or a kill before the rename) the temporary file is removed or left as an
    orphan `.tmp` that never replaces the target.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates the file 0600; give it the mode the user would get from open():
        # the existing file's mode when replacing one, else 0666 less the umask.
        try:
            os.fchmod(fd, os.stat(path).st_mode & 0o7777)
        except FileNotFoundError:
            os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _read_umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


#: Read once at import, before any thread exists: os.umask can only be read by setting it.
_UMASK = _read_umask()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    with atomic_writer(path) as handle:
        handle.write(data)


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))
