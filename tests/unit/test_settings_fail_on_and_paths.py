"""Settings: an empty or self-contradicting `fail_on`, a verify-only
`fail_on` given to `links`, paths in `[settings]` read from claims.toml's folder, and the report
format chosen by `-o`'s extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.errors import SettingsError
from claimcheck.settings import Settings, format_for_output, setting_origin

# --------------------------------------------------------------------------- fail_on: empty, none


@pytest.mark.parametrize("value", ["", ",", " ", " , ,", "\n"])
def test_an_empty_fail_on_on_the_command_line_is_an_error(value: str) -> None:
    with pytest.raises(SettingsError) as info:
        Settings.build(cli={"fail_on": value}, env={})
    assert info.value.path == "--fail-on"
    assert "no status or verdict given" in info.value.reason
    assert "'none'" in (info.value.hint or "")


@pytest.mark.parametrize("value", ["", ",", " "])
def test_an_empty_fail_on_in_the_environment_is_the_same_error(value: str) -> None:
    with pytest.raises(SettingsError) as info:
        Settings.build(cli={}, env={"CLAIMCHECK_FAIL_ON": value})
    assert info.value.path == "environment CLAIMCHECK_FAIL_ON"
    assert "no status or verdict given" in info.value.reason


def test_other_empty_variables_still_count_as_unset() -> None:
    settings = Settings.build(cli={}, env={"CLAIMCHECK_TIMEOUT": "", "CLAIMCHECK_FORMAT": ""})
    assert settings.timeout == Settings().timeout
    assert settings.format == "text"


@pytest.mark.parametrize("value", [[], [""], ["  "]])
def test_an_empty_fail_on_list_in_claims_toml_is_an_error(value: list[str]) -> None:
    with pytest.raises(SettingsError, match="no status or verdict given"):
        Settings.build(cli={}, env={}, toml={"fail_on": value}, toml_path="claims.toml")


@pytest.mark.parametrize("value", ["none", "NONE", " none ", "none,"])
def test_none_alone_still_fails_on_nothing(value: str) -> None:
    settings = Settings.build(cli={"fail_on": value}, env={})
    assert settings.fail_on == ()
    assert settings.fail_on_for("verify") == frozenset()
    assert settings.fail_on_for("links") == frozenset()


@pytest.mark.parametrize("value", ["none,mismatch", "dead, none", "none,none,dead"])
def test_none_with_other_values_says_it_cannot_be_combined(value: str) -> None:
    with pytest.raises(SettingsError) as info:
        Settings.build(cli={"fail_on": value}, env={})
    assert info.value.reason == "'none' cannot be combined with other values"
    assert "unknown" not in info.value.message()


def test_none_combined_in_claims_toml_is_refused_too() -> None:
    with pytest.raises(SettingsError, match="cannot be combined"):
        Settings.build(toml={"fail_on": ["none", "dead"]}, env={}, toml_path="claims.toml")


# --------------------------------------------------------------------------- fail_on for links


def test_a_verify_only_fail_on_gives_links_its_default() -> None:
    settings = Settings.build(
        toml={"fail_on": ["mismatch", "not_found", "unreachable"]}, env={}, toml_path="c.toml"
    )
    assert settings.fail_on_for("verify") == {"mismatch", "not_found", "unreachable"}
    assert settings.fail_on_for("links") == {"dead", "soft_404"}
    assert settings.fail_on_unusable("links") == ("mismatch", "not_found", "unreachable")
    assert settings.fail_on_unusable("verify") == ()


def test_links_keeps_only_the_statuses_of_a_mixed_fail_on() -> None:
    settings = Settings.build(cli={"fail_on": "mismatch,dead,timeout,drift"}, env={})
    assert settings.fail_on_for("links") == {"dead", "timeout"}
    assert settings.fail_on_unusable("links") == ()
    assert settings.fail_on_for("verify") == {"mismatch", "dead", "timeout", "drift"}


def test_links_keeps_new_and_error_which_it_can_report() -> None:
    assert Settings.build(cli={"fail_on": "new"}, env={}).fail_on_for("links") == {"new"}
    # `error` and `blocked` are link statuses as well as verdicts.
    settings = Settings.build(cli={"fail_on": "error,blocked"}, env={})
    assert settings.fail_on_for("links") == {"error", "blocked"}


def test_a_links_fail_on_still_means_something_to_verify() -> None:
    # verify reports link statuses too: nothing falls back there.
    settings = Settings.build(cli={"fail_on": "dead"}, env={})
    assert settings.fail_on_for("verify") == {"dead"}
    assert settings.fail_on_unusable("verify") == ()


# --------------------------------------------------------------------------- paths in claims.toml


@pytest.mark.parametrize("key", ["replay", "record", "output", "lock", "cache_dir"])
def test_a_relative_path_in_settings_is_read_from_the_files_folder(
    tmp_path: Path, key: str
) -> None:
    folder = tmp_path / "proj"
    folder.mkdir()
    settings = Settings.build(
        toml={key: "sub/x.warc.gz"}, env={}, toml_path=str(folder / "c.toml"), toml_dir=folder
    )
    assert getattr(settings, key) == folder / "sub" / "x.warc.gz"


def test_absolute_paths_and_stdout_are_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "proj"
    absolute = tmp_path / "elsewhere.warc.gz"
    settings = Settings.build(
        toml={"replay": str(absolute), "output": "-"}, env={}, toml_dir=folder
    )
    assert settings.replay == absolute
    assert settings.output is None


def test_command_line_and_environment_paths_stay_relative_to_the_current_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "proj"
    settings = Settings.build(
        cli={"record": "a.warc.gz"},
        env={"CLAIMCHECK_LOCK": "my.lock"},
        toml={"output": "r.json"},
        toml_dir=folder,
    )
    assert settings.record == Path("a.warc.gz")
    assert settings.lock == Path("my.lock")
    assert settings.output == folder / "r.json"


def test_a_folder_in_settings_is_found_where_the_file_is(tmp_path: Path) -> None:
    folder = tmp_path / "proj"
    (folder / "reports").mkdir(parents=True)
    with pytest.raises(SettingsError, match="is a folder"):
        Settings.build(toml={"output": "reports"}, env={}, toml_dir=folder)
    # From the current folder (elsewhere) the same name is not a folder: it was resolved.
    assert not Path("reports").exists()


def test_setting_origin_names_the_layer() -> None:
    toml = {"replay": "a", "fail_on": ["dead"]}
    env = {"CLAIMCHECK_REPLAY": "b"}
    assert setting_origin("replay", {"replay": "c"}, env, toml) == "cli"
    assert setting_origin("replay", {"replay": None}, env, toml) == "env"
    assert setting_origin("fail_on", {"fail_on": None}, env, toml) == "toml"
    assert setting_origin("record", {}, env, toml) is None


# --------------------------------------------------------------------------- format from -o


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("report.json", "json"),
        ("REPORT.JSON", "json"),
        ("r.html", "html"),
        ("r.htm", "html"),
        ("r.md", "markdown"),
        ("r.markdown", "markdown"),
        ("results.xml", "junit"),
        ("r.txt", "text"),
    ],
)
def test_the_output_extension_chooses_the_format(name: str, fmt: str) -> None:
    assert format_for_output(Path(name)) == fmt
    assert Settings.build(cli={"output": name}, env={}).format == fmt


@pytest.mark.parametrize("name", ["report", "r.json.gz", "r.log", "-"])
def test_other_extensions_keep_the_text_default(name: str) -> None:
    assert Settings.build(cli={"output": name}, env={}).format == "text"


def test_a_format_given_anywhere_wins_over_the_extension() -> None:
    assert Settings.build(cli={"output": "r.json", "format": "text"}, env={}).format == "text"
    env = {"CLAIMCHECK_FORMAT": "markdown"}
    assert Settings.build(cli={"output": "r.json"}, env=env).format == "markdown"
    toml = {"format": "html"}
    assert Settings.build(cli={"output": "r.json"}, env={}, toml=toml).format == "html"


def test_an_output_in_claims_toml_chooses_the_format_too(tmp_path: Path) -> None:
    settings = Settings.build(toml={"output": "r.xml"}, env={}, toml_dir=tmp_path)
    assert (settings.output, settings.format) == (tmp_path / "r.xml", "junit")
