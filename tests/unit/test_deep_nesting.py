"""A claims.toml or lock file nested thousands deep is a clear input error naming the file
(exit 2), not an internal `RecursionError`."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.claims.from_toml import load_claims_file
from claimcheck.errors import ClaimsFileError
from claimcheck.lock import LockFileError, load_lock

DEPTH = 50_000


def test_a_deep_claims_file_names_the_file_and_line(tmp_path: Path) -> None:
    toml = tmp_path / "claims.toml"
    toml.write_text('[settings]\nformat = "text"\nx = ' + "[" * DEPTH + "]" * DEPTH + "\n")
    with pytest.raises(ClaimsFileError) as info:
        load_claims_file(toml)
    assert info.value.path == str(toml)
    assert info.value.line == 3
    assert "nested too deeply" in info.value.reason


def test_a_deep_lock_names_the_file(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    lock.write_text("[" * DEPTH + "]" * DEPTH)
    with pytest.raises(LockFileError) as info:
        load_lock(lock)
    assert info.value.path == str(lock)
    assert "nested" in info.value.reason


def test_ordinary_nesting_still_loads(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    lock.write_text('{"format": "claimcheck/lock/v2", "claims": {}, "links": {}}')
    assert load_lock(lock) == {"format": "claimcheck/lock/v2", "claims": {}, "links": {}}
