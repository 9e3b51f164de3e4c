"""A claims.toml (perhaps from a pull request) has files written only inside its own folder:
`output`, `record`, `lock` and `cache_dir` that lead outside it, by `..`, an absolute path or a
symbolic link, are refused with the file, line and key. The same paths given on the command
line or in the environment are the user's own and are allowed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimcheck.claims.from_toml import load_claims_file
from claimcheck.errors import ClaimsFileError, SettingsError
from claimcheck.settings import Settings


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    (tmp_path / "victim").write_text("mine\n")
    return folder


@pytest.mark.parametrize("key", ["output", "record", "lock", "cache_dir"])
@pytest.mark.parametrize("value", ["../victim", "sub/../../victim", "ABS"])
def test_a_written_path_outside_the_folder_is_refused(project: Path, key: str, value: str) -> None:
    if value == "ABS":
        value = str(project.parent / "victim")
    with pytest.raises(SettingsError) as info:
        Settings.build(toml={key: value}, env={}, toml_dir=project, toml_path="claims.toml")
    assert info.value.key == key
    assert "outside the claims file's folder" in info.value.reason
    assert f"--{key.replace('_', '-')}" in (info.value.hint or "")


def test_a_link_inside_the_folder_to_a_file_outside_is_refused(project: Path) -> None:
    os.symlink(project.parent / "victim", project / "report.txt")
    with pytest.raises(SettingsError):
        Settings.build(toml={"output": "report.txt"}, env={}, toml_dir=project)


@pytest.mark.parametrize("value", ["report.txt", "out/report.json", "./r.md", "-"])
def test_paths_inside_the_folder_are_fine(project: Path, value: str) -> None:
    settings = Settings.build(
        toml={"output": value, "record": "a/run.warc.gz"}, env={}, toml_dir=project
    )
    assert settings.record == project / "a" / "run.warc.gz"


def test_the_command_line_and_environment_may_name_any_path(project: Path) -> None:
    outside = str(project.parent / "victim")
    assert Settings.build(cli={"output": outside}, env={}).output == Path(outside)
    env = {"CLAIMCHECK_RECORD": outside}
    assert Settings.build(cli={}, env=env, toml_dir=project).record == Path(outside)


def test_replay_is_read_only_and_may_be_elsewhere(project: Path) -> None:
    settings = Settings.build(toml={"replay": "../run.warc.gz"}, env={}, toml_dir=project)
    assert settings.replay == project / ".." / "run.warc.gz"


def test_the_claims_file_error_names_file_line_and_key(project: Path) -> None:
    toml = project / "claims.toml"
    toml.write_text('[settings]\nformat = "text"\nrecord = "../victim"\n')
    with pytest.raises(ClaimsFileError) as info:
        load_claims_file(toml)
    assert (info.value.path, info.value.line, info.value.key) == (
        str(toml),
        3,
        "settings.record",
    )


def test_update_lock_refuses_a_default_lock_linked_outside(project: Path) -> None:
    from claimcheck.cli import _lock_inside

    toml = project / "claims.toml"
    toml.write_text('[[claims]]\nurl = "https://example.org/"\nquote = "a b c"\n')
    cf = load_claims_file(toml)
    _lock_inside(project / "claimcheck.lock", cf)  # not there yet: fine
    os.symlink(project.parent / "victim", project / "claimcheck.lock")
    with pytest.raises(SettingsError) as info:
        _lock_inside(project / "claimcheck.lock", cf)
    assert "outside the claims file's folder" in info.value.reason
