"""Writing files the user owns without ever leaving them half-written.

Every file claimcheck writes for the user (reports, `claims.toml`, the lock file, cache entries,
WARC archives) goes through a temporary file in the same folder, is flushed and fsynced, and is
then renamed over the target: a crash or a SIGKILL at any point leaves either the previous
complete file or the new complete one.

Renaming over a path is only right when the path is (or will be) a regular file. A symbolic link
is followed, so the file it points to is replaced and the link kept (`report.html -> builds/7.html`).
Something that is not a regular file — a FIFO, a character device such as `/dev/null`, a socket —
or a descriptor reached through `/proc` (`/dev/stdout -> /proc/self/fd/1`) is opened and written in
place, as the shell's `>` would: renaming over it would replace `/dev/stdout` with a regular file
(as root, for every later process) and leave the reader of a FIFO waiting forever. A folder is
refused with `IsADirectoryError`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "wb") -> Iterator[IO[bytes]]:
    """Yield a file to write `path` with; on success it replaces `path` whole.

    A regular file (or a new one) is written to a temporary file next to it, renamed over it on
    success; on any exception (or a kill before the rename) the temporary file is removed or left
    as an orphan `.tmp` that never replaces the target. A symbolic link is followed first. A FIFO,
    a device or a descriptor under `/proc` is written in place (see the module docstring).
    """
    target = resolve_target(Path(path))
    if target is None:
        with _in_place(Path(path), mode) as handle:
            yield handle
        return
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        with _in_place(target, mode) as handle:
            yield handle
        return
    with _replacing(target, mode, None if info is None else info.st_mode) as handle:
        yield handle


def resolve_target(path: Path) -> Path | None:
    """The path a write to `path` should replace: `path` with its symbolic links followed.

    `None` when the chain of links reaches into `/proc` (`/dev/stdout`, `/dev/fd/3`): those name
    a process's open descriptor, which can only be written in place. A dangling link gives the
    path it points to, so the file is created there and the link kept.
    """
    current = Path(os.path.abspath(path))
    for _ in range(_MAX_SYMLINKS):
        folder = Path(os.path.realpath(current.parent))
        if folder == _PROC or _PROC in folder.parents:
            return None
        current = folder / current.name
        if not current.is_symlink():
            return current
        # Not normalised: `..` after a linked folder is left to realpath on the next turn.
        current = Path(os.path.join(folder, os.readlink(current)))
    raise OSError(errno.ELOOP, "too many levels of symbolic links", str(path))


_MAX_SYMLINKS = 40  # Linux's limit on the links followed in one lookup
_PROC = Path("/proc")


@contextlib.contextmanager
def _replacing(target: Path, mode: str, old_mode: int | None) -> Iterator[IO[bytes]]:
    """Write a temporary file next to `target`; rename it over `target` on success."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp creates the file 0600; give it the mode the user would get from open():
        # the existing file's mode when replacing one, else 0666 less the umask.
        os.fchmod(fd, old_mode & 0o7777 if old_mode is not None else 0o666 & ~_UMASK)
        with os.fdopen(fd, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _in_place(path: Path, mode: str) -> Iterator[IO[bytes]]:
    """Open an existing FIFO, device or descriptor and write to it directly.

    O_APPEND, never O_TRUNC: `{ echo header; claimcheck … -o /dev/stdout; } > out.txt` keeps the
    header, as writing to the inherited descriptor would; a FIFO or a device has no length to
    truncate. No fsync: a pipe or a terminal refuses it, and there is nothing to make durable. No
    O_CREAT: what is written in place must already exist (a closed descriptor is an error).
    """
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)
    with os.fdopen(fd, mode) as handle:
        yield handle
        handle.flush()


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
