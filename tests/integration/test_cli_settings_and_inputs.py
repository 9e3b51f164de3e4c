"""Through the CLI, offline on the demo archive: a run never writes over its own input,
`--fail-on` never fails open, claims.toml paths are read from its folder and their errors name its
line, `-o`'s extension chooses the format, and `skip = true` leaves a claim out."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from claimcheck.cli import app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
QUIET = ["--no-progress", "--no-cache", "--no-wayback"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo (article.md, sources.warc.gz) as the current folder."""
    shutil.copy(DEMO / "article.md", tmp_path / "article.md")
    shutil.copy(DEMO / "sources.warc.gz", tmp_path / "sources.warc.gz")
    monkeypatch.chdir(tmp_path)
    for name in ("CLAIMCHECK_FAIL_ON", "CLAIMCHECK_FORMAT", "CLAIMCHECK_OUTPUT"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _error(result: Result) -> str:
    return " ".join(result.stderr.split())  # rich folds long lines


# --------------------------------------------------------------------------- 4, 5: own inputs


@pytest.mark.parametrize("command", ["verify", "links"])
def test_output_that_is_the_article_is_refused(runner: CliRunner, demo: Path, command: str) -> None:
    before = _digest(demo / "article.md")
    result = runner.invoke(
        app, [command, "article.md", "--replay", "sources.warc.gz", *QUIET, "-o", "article.md"]
    )
    assert result.exit_code == 2
    assert "article.md: --output: is the article being checked" in _error(result)
    assert _digest(demo / "article.md") == before


def test_output_through_a_link_or_another_spelling_is_refused(
    runner: CliRunner, demo: Path
) -> None:
    (demo / "sub").mkdir()
    (demo / "alias.md").symlink_to(demo / "article.md")
    before = _digest(demo / "article.md")
    for output in ["alias.md", "sub/../article.md", str(demo / "article.md")]:
        result = runner.invoke(
            app, ["verify", "article.md", "--replay", "sources.warc.gz", *QUIET, "-o", output]
        )
        assert result.exit_code == 2, output
        assert "is the article being checked" in _error(result)
    assert _digest(demo / "article.md") == before


def test_output_that_is_claims_toml_or_its_article_is_refused(
    runner: CliRunner, demo: Path
) -> None:
    (demo / "claims.toml").write_text(
        '[article]\npath = "article.md"\n\n[settings]\nreplay = "sources.warc.gz"\n'
    )
    before = _digest(demo / "claims.toml")
    result = runner.invoke(app, ["verify", *QUIET, "-o", "claims.toml"])
    assert result.exit_code == 2
    assert "claims.toml: --output: is the claims file being read" in _error(result)
    assert _digest(demo / "claims.toml") == before
    result = runner.invoke(app, ["links", *QUIET, "-o", "article.md"])
    assert result.exit_code == 2
    assert "is the article being checked" in _error(result)


def test_output_in_settings_that_is_the_article_names_the_line(
    runner: CliRunner, demo: Path
) -> None:
    (demo / "claims.toml").write_text(
        '[article]\npath = "article.md"\n\n[settings]\nreplay = "sources.warc.gz"\n'
        'output = "article.md"\n'
    )
    result = runner.invoke(app, ["verify", *QUIET])
    assert result.exit_code == 2
    assert "claims.toml:6: settings.output: article.md: is the article being checked" in (
        _error(result)
    )


def test_output_or_record_on_the_lock_file_is_refused(runner: CliRunner, demo: Path) -> None:
    (demo / "claimcheck.lock").write_text("{}")
    for option in ["-o", "--record"]:
        result = runner.invoke(
            app,
            [
                "links",
                "article.md",
                "--replay",
                "sources.warc.gz",
                *QUIET,
                option,
                "claimcheck.lock",
            ],
        )
        assert result.exit_code == 2
        assert "is the lock file" in _error(result)
    assert (demo / "claimcheck.lock").read_text() == "{}"


def test_output_and_record_on_one_file_is_refused(runner: CliRunner, demo: Path) -> None:
    result = runner.invoke(
        app,
        ["links", "article.md", "--replay", "sources.warc.gz", *QUIET]
        + ["-o", "run.warc.gz", "--record", "run.warc.gz"],
    )
    assert result.exit_code == 2
    assert "run.warc.gz: --output: is where the recording is written" in _error(result)
    assert not (demo / "run.warc.gz").exists()


def test_record_on_the_replayed_archive_is_refused(runner: CliRunner, demo: Path) -> None:
    before = _digest(demo / "sources.warc.gz")
    (demo / "same.warc.gz").symlink_to(demo / "sources.warc.gz")
    for record in ["sources.warc.gz", "./sources.warc.gz", "same.warc.gz"]:
        result = runner.invoke(
            app,
            ["verify", "article.md", "--replay", "sources.warc.gz", "--record", record, *QUIET],
        )
        assert result.exit_code == 2, record
        assert "--record: is the --replay archive" in _error(result)
    assert _digest(demo / "sources.warc.gz") == before


def test_devices_are_never_the_same_file(runner: CliRunner, demo: Path) -> None:
    result = runner.invoke(
        app,
        ["links", "article.md", "--replay", "sources.warc.gz", *QUIET]
        + ["-o", "/dev/null", "--record", "/dev/null", "--fail-on", "none"],
    )
    assert result.exit_code == 0, result.stderr


def test_claims_and_init_refuse_to_write_over_the_article(runner: CliRunner, demo: Path) -> None:
    before = _digest(demo / "article.md")
    result = runner.invoke(app, ["claims", "article.md", "-o", "article.md"])
    assert result.exit_code == 2
    assert "article.md: --output: is the article being read" in _error(result)
    result = runner.invoke(app, ["init", "article.md", "-o", "article.md", "--force"])
    assert result.exit_code == 2
    assert "article.md: --output: is the article being read" in _error(result)
    assert _digest(demo / "article.md") == before


# --------------------------------------------------------------------------- 2, 3, 11: fail_on


def test_a_verify_fail_on_in_settings_does_not_silence_links(runner: CliRunner, demo: Path) -> None:
    (demo / "claims.toml").write_text(
        '[article]\npath = "article.md"\n\n[settings]\n'
        'fail_on = ["mismatch", "not_found", "unreachable"]\n'
    )
    result = runner.invoke(app, ["links", "--replay", "sources.warc.gz", *QUIET, "-f", "json"])
    assert result.exit_code == 1, result.stderr
    assert json.loads(result.stdout)["fail_on"] == ["dead", "soft_404"]
    assert (
        "warning: claims.toml:5: settings.fail_on: `links` never reports mismatch, not_found, "
        "unreachable; failing on its default, dead,soft_404" in _error(result)
    )
    # verify keeps the list as written.
    result = runner.invoke(app, ["verify", "--replay", "sources.warc.gz", *QUIET, "-f", "json"])
    assert json.loads(result.stdout)["fail_on"] == ["mismatch", "not_found", "unreachable"]
    assert "never reports" not in result.stderr


def test_a_verify_fail_on_in_the_environment_warns_naming_it(runner: CliRunner, demo: Path) -> None:
    result = runner.invoke(
        app,
        ["links", "article.md", "--replay", "sources.warc.gz", *QUIET, "-f", "json"],
        env={"CLAIMCHECK_FAIL_ON": "mismatch"},
    )
    assert result.exit_code == 1
    assert "warning: CLAIMCHECK_FAIL_ON: `links` never reports mismatch" in _error(result)
    quiet = runner.invoke(
        app,
        ["links", "article.md", "--replay", "sources.warc.gz", *QUIET, "-q", "-f", "json"],
        env={"CLAIMCHECK_FAIL_ON": "mismatch"},
    )
    assert quiet.exit_code == 1
    assert quiet.stderr == ""


def test_links_with_only_verdicts_on_its_command_line_is_a_usage_error(
    runner: CliRunner, demo: Path
) -> None:
    result = runner.invoke(
        app, ["links", "article.md", "--replay", "sources.warc.gz", *QUIET, "--fail-on", "mismatch"]
    )
    assert result.exit_code == 2
    assert "--fail-on: `links` reports link statuses only, never mismatch" in _error(result)


@pytest.mark.parametrize("value", ["", ",", " "])
def test_an_empty_fail_on_is_a_usage_error(runner: CliRunner, demo: Path, value: str) -> None:
    args = ["verify", "article.md", "--replay", "sources.warc.gz", *QUIET]
    result = runner.invoke(app, [*args, "--fail-on", value])
    assert result.exit_code == 2
    assert "--fail-on: fail_on: no status or verdict given" in _error(result)
    result = runner.invoke(app, args, env={"CLAIMCHECK_FAIL_ON": value})
    assert result.exit_code == 2
    assert "CLAIMCHECK_FAIL_ON: fail_on: no status or verdict given" in _error(result)


def test_none_combined_is_named_as_such(runner: CliRunner, demo: Path) -> None:
    result = runner.invoke(
        app, ["verify", "article.md", "--replay", "sources.warc.gz", "--fail-on", "none,mismatch"]
    )
    assert result.exit_code == 2
    assert "'none' cannot be combined with other values" in _error(result)
    assert "unknown" not in result.stderr


# --------------------------------------------------------------------------- 7, 10: claims.toml paths


def _project(demo: Path, settings: str) -> Path:
    proj = demo / "proj"
    proj.mkdir()
    shutil.move(demo / "article.md", proj / "article.md")
    shutil.move(demo / "sources.warc.gz", proj / "sources.warc.gz")
    (proj / "claims.toml").write_text(f'[article]\npath = "article.md"\n\n[settings]\n{settings}')
    return proj


def test_settings_paths_are_read_from_the_claims_files_folder(
    runner: CliRunner, demo: Path
) -> None:
    proj = _project(demo, 'replay = "sources.warc.gz"\noutput = "out/report.json"\n')
    result = runner.invoke(app, ["verify", "--claims", "proj/claims.toml", *QUIET, "-q"])
    assert result.exit_code == 1, result.stderr
    report = json.loads((proj / "out" / "report.json").read_text())  # .json: the JSON format
    assert report["summary"]["claims"] == 17
    assert not (demo / "out").exists()


def test_a_missing_replay_in_settings_names_the_file_line_and_key(
    runner: CliRunner, demo: Path
) -> None:
    _project(demo, 'timeout = 5\nreplay = "nope.warc.gz"\n')
    result = runner.invoke(app, ["verify", "--claims", "proj/claims.toml", *QUIET])
    assert result.exit_code == 2
    assert "proj/claims.toml:6: settings.replay: proj/nope.warc.gz: no such file" in _error(result)


def test_an_unreadable_replay_in_settings_names_the_file_line_and_key(
    runner: CliRunner, demo: Path
) -> None:
    proj = _project(demo, 'replay = "bad.warc.gz"\n')
    (proj / "bad.warc.gz").write_text("not a warc")
    result = runner.invoke(app, ["links", "--claims", "proj/claims.toml", *QUIET])
    assert result.exit_code == 2
    assert "proj/claims.toml:5: settings.replay: proj/bad.warc.gz: not a readable WARC" in (
        _error(result)
    )


def test_a_missing_replay_on_the_command_line_names_the_option(
    runner: CliRunner, demo: Path
) -> None:
    result = runner.invoke(app, ["verify", "article.md", "--replay", "nope.warc.gz", *QUIET])
    assert result.exit_code == 2
    assert "error: nope.warc.gz: --replay: no such file" in _error(result)
    result = runner.invoke(
        app, ["verify", "article.md", *QUIET], env={"CLAIMCHECK_REPLAY": "nope.warc.gz"}
    )
    assert result.exit_code == 2
    assert "error: nope.warc.gz: CLAIMCHECK_REPLAY: no such file" in _error(result)


@pytest.mark.parametrize(
    ("path", "reason"),
    [("drafts/missing.md", "no such file"), ("drafts", "is a directory, not an article")],
)
def test_article_path_errors_name_the_file_line_and_key(
    runner: CliRunner, demo: Path, path: str, reason: str
) -> None:
    (demo / "drafts").mkdir()
    (demo / "claims.toml").write_text(f'# a draft\n[article]\npath = "{path}"\n')
    for command in ["verify", "links", "claims"]:
        result = runner.invoke(app, [command])
        assert result.exit_code == 2
        assert f"claims.toml:3: article.path: {path}: {reason}" in _error(result)


# --------------------------------------------------------------------------- 12: -o's extension


@pytest.mark.parametrize(
    ("name", "start"),
    [("report.json", "{"), ("report.html", "<!doctype html>"), ("results.xml", "<?xml")],
)
def test_the_output_extension_chooses_the_format(
    runner: CliRunner, demo: Path, name: str, start: str
) -> None:
    result = runner.invoke(
        app, ["links", "article.md", "--replay", "sources.warc.gz", *QUIET, "-o", name]
    )
    assert result.exit_code == 1, result.stderr
    assert (demo / name).read_text().lower().startswith(start)


def test_claims_output_extension_chooses_json(runner: CliRunner, demo: Path) -> None:
    result = runner.invoke(app, ["claims", "article.md", "-o", "claims.json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads((demo / "claims.json").read_text())["schema"] == "claimcheck/claims/v1"
    result = runner.invoke(app, ["claims", "article.md", "-o", "claims.txt"])
    assert not (demo / "claims.txt").read_text().startswith("{")


# --------------------------------------------------------------------------- 1: skip = true


def test_init_then_skip_leaves_the_claim_out(runner: CliRunner, demo: Path) -> None:
    assert runner.invoke(app, ["init", "article.md"]).exit_code == 0
    text = (demo / "claims.toml").read_text()
    assert "add skip = true to its block" in text
    listed = runner.invoke(app, ["claims", "-f", "json"])
    claims = json.loads(listed.stdout)["articles"][0]["claims"]
    first = claims[0]["id"]
    edited = text.replace(f'id = "{first}"\n', f'id = "{first}"\nskip = true\n', 1)
    assert edited != text
    (demo / "claims.toml").write_text(edited)
    listed = runner.invoke(app, ["claims", "-f", "json"])
    assert listed.exit_code == 0, listed.stderr
    ids = [c["id"] for c in json.loads(listed.stdout)["articles"][0]["claims"]]
    assert ids == [c["id"] for c in claims[1:]]


def test_claims_lists_to_stdout_whatever_output_the_settings_name(
    runner: CliRunner, demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`[settings] output` and CLAIMCHECK_OUTPUT name verify's report: `claims` must not write
    its list over it. Only `claims -o` writes the list to a file."""
    (demo / "claims.toml").write_text(
        '[article]\npath = "article.md"\n\n[settings]\noutput = "report.json"\n', "utf-8"
    )
    result = runner.invoke(app, ["claims"])
    assert result.exit_code == 0, result.stderr
    assert "claims" in result.stdout and not (demo / "report.json").exists()
    monkeypatch.setenv("CLAIMCHECK_OUTPUT", "env-report.json")
    result = runner.invoke(app, ["claims"])
    assert result.exit_code == 0, result.stderr
    assert not (demo / "env-report.json").exists()
    result = runner.invoke(app, ["claims", "-o", "list.json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads((demo / "list.json").read_text("utf-8"))["schema"] == "claimcheck/claims/v1"
