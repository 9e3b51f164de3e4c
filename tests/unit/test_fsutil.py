"""`fsutil.atomic_writer`: regular files are replaced whole; links, FIFOs, devices are not replaced.

Everything here lives in `tmp_path`: a test of this module must never aim at `/dev` (run against
a broken writer, as root, it would replace `/dev/null` for the whole machine). The device case
uses a private copy of `/dev/null` made with mknod, and is skipped where that is not allowed.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from claimcheck.fsutil import atomic_write_text, atomic_writer, resolve_target

needs_proc = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc/self/fd"
)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_and_regular_files_are_replaced_whole_keeping_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "report.txt"
    atomic_write_text(target, "one\n")  # the missing folder is created
    assert target.read_text(encoding="utf-8") == "one\n"
    target.chmod(0o640)
    before = target.stat().st_ino
    atomic_write_text(target, "two\n")
    assert target.read_text(encoding="utf-8") == "two\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.stat().st_ino != before  # renamed over, not rewritten in place
    assert _leftovers(target.parent) == []


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half")
        raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    (tmp_path / "builds").mkdir()
    real = tmp_path / "builds" / "7.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to(Path("builds") / "7.txt")  # relative, as `ln -s` usually makes them
    atomic_write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == os.path.join("builds", "7.txt")
    assert real.read_text(encoding="utf-8") == "new\n"
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


def test_a_chain_of_links_and_a_dangling_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "up").symlink_to(Path("..") / "b")  # a linked folder, then `..`
    final = tmp_path / "b" / "out.txt"
    first = tmp_path / "first"
    first.symlink_to(Path("a") / "up" / "second")
    (tmp_path / "b" / "second").symlink_to("out.txt")  # dangling until written
    assert resolve_target(first) == final
    atomic_write_text(first, "x\n")
    assert final.read_text(encoding="utf-8") == "x\n"
    assert first.is_symlink() and (tmp_path / "b" / "second").is_symlink()


def test_a_link_loop_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OSError) as info:
        atomic_write_text(tmp_path / "a", "x")
    assert info.value.errno == errno.ELOOP


def test_a_folder_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (tmp_path / "link").symlink_to("reports")
    for path in (folder, tmp_path / "link"):
        with pytest.raises(IsADirectoryError):
            atomic_write_text(path, "x")
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert (tmp_path / "link").is_symlink()
    assert _leftovers(tmp_path) == []


def test_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    atomic_write_text(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still a FIFO, not a regular file
    assert _leftovers(tmp_path) == []


def test_a_character_device_is_written_in_place(tmp_path: Path) -> None:
    """A private copy of /dev/null (major 1, minor 3): only root may make one."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    (tmp_path / "link").symlink_to("null")
    atomic_write_text(device, "discarded\n")
    atomic_write_text(tmp_path / "link", "discarded\n")
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert (tmp_path / "link").is_symlink()
    assert _leftovers(tmp_path) == []


@needs_proc
def test_a_descriptor_under_proc_is_written_in_place_and_appended_to(tmp_path: Path) -> None:
    """`-o /dev/stdout` with stdout a file: what the shell wrote first stays (no rename, no
    truncation), as when writing to the inherited descriptor. Reached through a link in tmp_path
    standing in for /dev/stdout."""
    out = tmp_path / "out.txt"
    with out.open("ab") as shell_stdout:
        shell_stdout.write(b"header\n")
        shell_stdout.flush()
        link = tmp_path / "stdout"
        link.symlink_to(f"/proc/self/fd/{shell_stdout.fileno()}")
        assert resolve_target(link) is None
        atomic_write_text(link, "report\n")
    assert out.read_text(encoding="utf-8") == "header\nreport\n"
    assert link.is_symlink()
    assert _leftovers(tmp_path) == []


@needs_proc
def test_a_pipe_descriptor_under_proc_is_written_in_place(tmp_path: Path) -> None:
    read_fd, write_fd = os.pipe()
    try:
        atomic_write_text(Path(f"/proc/self/fd/{write_fd}"), "piped\n")
        assert os.read(read_fd, 100) == b"piped\n"
    finally:
        os.close(read_fd)
        os.close(write_fd)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX sockets")
def test_a_socket_is_an_error_not_replaced(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(OSError):
            atomic_write_text(path, "x")
    assert stat.S_ISSOCK(path.lstat().st_mode)
    assert _leftovers(tmp_path) == []
