"""`--record` to a path that cannot be written is a usage error naming `--record`.

It used to escape as `internal error: NotADirectoryError …`, where `--output` to the same kind
of path says `error: PATH: --output: cannot write: Not a directory`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import errno
from pathlib import Path
from typing import Any

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.fetch import Fetcher
from claimcheck.model import LinkStatus
from claimcheck.settings import Settings
from claimcheck.warc import ArchivedAnswer, ArchivedFailure, WarcRecorder, WarcReplayer

WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _answer() -> ArchivedAnswer:
    return ArchivedAnswer(
        url="https://example.org/a",
        status_code=200,
        reason="OK",
        headers=(("Content-Type", "text/plain"),),
        raw_body=b"text",
        date=WHEN,
    )


def _failure() -> ArchivedFailure:
    return ArchivedFailure(
        url="https://example.org/b",
        status=LinkStatus.TIMEOUT,
        error="timeout",
        detail="no answer",
        date=WHEN,
    )


def test_open_under_a_file_names_record(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    target = tmp_path / "afile" / "run.warc.gz"
    with pytest.raises(ClaimcheckError) as caught:
        WarcRecorder(target).open()
    err = caught.value
    assert err.key == "--record"
    assert err.path == str(target)
    assert err.message() == f"{target}: --record: cannot write: Not a directory"
    assert not list(tmp_path.glob("**/*.tmp"))


def test_open_in_a_missing_folder_under_proc() -> None:
    with pytest.raises(ClaimcheckError, match=r"--record: cannot write: No such file"):
        WarcRecorder(Path("/proc/claimcheck-no-such-dir/run.warc.gz")).open()


def test_fetcher_reports_it_before_any_fetch(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("")
    settings = Settings(record=tmp_path / "afile" / "run.warc.gz", no_cache=True)

    async def enter() -> None:
        async with Fetcher(settings):
            pytest.fail("the fetcher opened with an unwritable --record")

    with pytest.raises(ClaimcheckError, match="--record: cannot write"):
        asyncio.run(enter())


class _FullDisk:
    """Stands in for warcio's writer once the disk fills up."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def write_record(self, record: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_write_that_fails_mid_run_names_record(tmp_path: Path) -> None:
    target = tmp_path / "run.warc.gz"
    recorder = WarcRecorder(target)
    recorder.open()
    recorder._writer = _FullDisk(recorder._writer)
    with pytest.raises(ClaimcheckError, match="--record: cannot write: No space left on device"):
        recorder.write_exchange([("User-Agent", "t")], _answer())
    with pytest.raises(ClaimcheckError, match="--record: cannot write: No space left on device"):
        recorder.write_failure(_failure())


def test_a_failing_close_names_record(tmp_path: Path) -> None:
    target = tmp_path / "run.warc.gz"
    recorder = WarcRecorder(target)
    recorder.open()
    recorder.write_exchange([("User-Agent", "t")], _answer())
    target.mkdir()  # the rename into place now fails: a folder took the name
    with pytest.raises(ClaimcheckError, match="--record: cannot write"):
        recorder.close()


def test_a_writable_path_still_records(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "run.warc.gz"
    target.parent.mkdir()
    recorder = WarcRecorder(target)
    recorder.open()
    recorder.write_exchange([("User-Agent", "t")], _answer())
    recorder.write_failure(_failure())
    recorder.close()
    replayer = WarcReplayer.load(target)
    assert len(replayer) == 2
