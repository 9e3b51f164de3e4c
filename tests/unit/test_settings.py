"""Settings precedence (SPEC §2) and validation of every kind of value."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.defaults import DEFAULT_LINKS_FAIL_ON, DEFAULT_TIMEOUT, DEFAULT_VERIFY_FAIL_ON
from claimcheck.errors import SettingsError
from claimcheck.settings import HostSettings, Settings, parse_duration


def test_defaults() -> None:
    s = Settings.build(cli={}, env={}, toml={})
    assert s.timeout == DEFAULT_TIMEOUT
    assert s.fail_on_for("verify") == frozenset(DEFAULT_VERIFY_FAIL_ON)
    assert s.fail_on_for("links") == frozenset(DEFAULT_LINKS_FAIL_ON)
    assert s.user_agent.startswith("claimcheck/")


def test_precedence_cli_over_env_over_toml() -> None:
    toml = {"timeout": 5, "retries": 4, "concurrency": 10}
    env = {"CLAIMCHECK_TIMEOUT": "7", "CLAIMCHECK_RETRIES": "1"}
    s = Settings.build(cli={"timeout": 9.0, "retries": None}, env=env, toml=toml)
    assert s.timeout == 9.0  # command line wins
    assert s.retries == 1  # environment beats claims.toml
    assert s.concurrency == 10  # claims.toml beats the default


def test_env_booleans_and_lists() -> None:
    env = {
        "CLAIMCHECK_ALLOW_PRIVATE": "yes",
        "CLAIMCHECK_FAIL_ON": "dead, timeout",
        "CLAIMCHECK_NO_CACHE": "0",
    }
    s = Settings.build(cli={}, env=env)
    assert s.allow_private is True
    assert s.no_cache is False
    assert s.fail_on == ("dead", "timeout")


def test_fail_on_none_means_never_fail() -> None:
    s = Settings.build(cli={"fail_on": "none"}, env={})
    assert s.fail_on_for("verify") == frozenset()


@pytest.mark.parametrize(
    ("layer", "key", "value", "fragment"),
    [
        ("toml", "timeout", "fast", "expected a number"),
        ("toml", "timeout", -1, "must be more than 0"),
        ("toml", "concurrency", 0, "at least 1"),
        ("toml", "allow_private", "maybe", "expected true or false"),
        ("toml", "fail_on", ["mismatch", "bogus"], "unknown status or verdict 'bogus'"),
        ("toml", "exclude", ["(unclosed"], "invalid regex"),
        ("toml", "remap", ["no-replacement"], "expected 'REGEX REPLACEMENT'"),
        ("toml", "max_cache_age", "soon", "expected a duration"),
        ("toml", "colour", True, "unknown setting"),
        ("cli", "retries", "x", "expected a whole number"),
    ],
)
def test_invalid_values_name_the_key(layer: str, key: str, value: object, fragment: str) -> None:
    with pytest.raises(SettingsError) as info:
        if layer == "toml":
            Settings.build(cli={}, env={}, toml={key: value}, toml_path="claims.toml")
        else:
            Settings.build(cli={key: value}, env={})
    assert info.value.key == key
    assert fragment in info.value.message()


def test_invalid_env_names_the_variable() -> None:
    with pytest.raises(SettingsError) as info:
        Settings.build(cli={}, env={"CLAIMCHECK_TIMEOUT": "soon"})
    assert "CLAIMCHECK_TIMEOUT" in info.value.message()


def test_remap_and_paths() -> None:
    s = Settings.build(
        cli={"remap": [r"https://old\.example/(.*) https://new.example/\1"], "record": "x.warc.gz"},
        env={},
    )
    assert s.remap == ((r"https://old\.example/(.*)", r"https://new.example/\1"),)
    assert s.record == Path("x.warc.gz")


def test_hosts_table_and_parent_domain_lookup() -> None:
    s = Settings.build(
        cli={},
        env={},
        toml={"hosts": {"Example.org": {"host_interval": 2, "user_agent": "ua", "insecure": True}}},
    )
    assert s.for_host("www.example.org") == HostSettings(
        user_agent="ua", host_interval=2.0, insecure=True
    )
    assert s.for_host("example.com") == HostSettings()
    with pytest.raises(SettingsError, match="unknown host setting"):
        Settings.build(cli={}, env={}, toml={"hosts": {"a.org": {"speed": 1}}})


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90", 90), ("90s", 90), ("30m", 1800), ("12h", 43200), ("1d", 86400), (60, 60)],
)
def test_durations(text: object, seconds: float) -> None:
    assert parse_duration(text) == seconds


# --------------------------------------------------------------------------- ranges and types

_TOML = "toml"
_CLI = "cli"
_ENV = "env"


@pytest.mark.parametrize(
    ("layer", "key", "value", "fragment"),
    [
        # NaN compares false with everything, so `< 0` let it through: every link became timeout.
        (_CLI, "timeout", float("nan"), "expected a finite number"),
        (_CLI, "timeout", float("inf"), "expected a finite number"),
        (_CLI, "timeout", 0.0, "must be more than 0"),
        (_CLI, "timeout", -5.0, "must be more than 0"),
        (_ENV, "timeout", "nan", "expected a finite number"),
        (_TOML, "timeout", float("nan"), "expected a finite number"),
        (_TOML, "timeout", 0, "must be more than 0"),
        (_TOML, "connect_timeout", 0, "must be more than 0"),
        (_CLI, "host_interval", float("nan"), "expected a finite number"),
        (_CLI, "host_interval", -1.0, "must not be negative"),
        (_TOML, "max_retry_wait", float("-inf"), "expected a finite number"),
        (_CLI, "max_bytes", 0, "must be at least 1"),
        (_CLI, "retries", -1, "must not be negative"),
        (_TOML, "retries", 2.5, "expected a whole number"),  # was silently 2
        (_TOML, "max_redirects", float("nan"), "expected a whole number"),
        (_ENV, "concurrency", "1.5", "expected a whole number"),
        (_CLI, "max_cache_age", "nan", "expected a duration"),
        (_TOML, "max_cache_age", float("nan"), "expected a finite number"),
        (_TOML, "max_cache_age", -1, "must not be negative"),
        (_CLI, "max_cache_age", "9" * 400 + "d", "expected a duration"),
        (_TOML, "verbose", -1, "must not be negative"),
        # claims.toml is typed: text where a number or a boolean belongs is a wrong type.
        (_TOML, "timeout", "20", "expected a number, got '20'"),
        (_TOML, "retries", "3", "expected a whole number, got '3'"),
        (_TOML, "allow_private", "yes", "expected true or false, got 'yes'"),
        (_TOML, "no_cache", "false", "expected true or false"),
        (_TOML, "wayback", 1, "expected true or false"),
        (_TOML, "update_lock", "true", "expected true or false"),
        # format is checked where it is given, not later without a location.
        (_TOML, "format", "pdf", "unknown format 'pdf'"),
        (_ENV, "format", "pdf", "unknown format 'pdf'"),
        (_TOML, "format", 1, "unknown format 1"),
        # files to write or read: never '', a folder, or a name ending in a slash.
        (_CLI, "output", "", "expected a path"),
        (_TOML, "record", "", "expected a path"),
        (_CLI, "output", "missing/", "ends in a slash"),
        (_TOML, "lock", "missing/", "ends in a slash"),
        (_TOML, "cache_dir", "", "expected a path"),
    ],
)
def test_out_of_range_and_wrong_types_are_refused(
    layer: str, key: str, value: object, fragment: str
) -> None:
    source = {_TOML: "claims.toml", _CLI: f"--{key.replace('_', '-')}"}.get(layer)
    source = source or f"environment CLAIMCHECK_{key.upper()}"
    with pytest.raises(SettingsError) as info:
        if layer == _TOML:
            Settings.build(cli={}, env={}, toml={key: value}, toml_path="claims.toml")
        elif layer == _ENV:
            Settings.build(cli={}, env={f"CLAIMCHECK_{key.upper()}": str(value)})
        else:
            Settings.build(cli={key: value}, env={})
    assert info.value.key == key
    assert info.value.path == source  # the message names where the value was given
    assert fragment in info.value.message()


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("host_interval", 0, 0.0),  # no pause between requests: the default
        ("retries", 0, 0),
        ("max_redirects", 0, 0),
        ("max_retry_wait", 0, 0.0),
        ("max_cache_age", 0, 0.0),  # always revalidate
        ("retries", 2.0, 2),  # a whole float is a whole number
        ("timeout", 0.5, 0.5),
        ("timeout", 20, 20.0),
        ("max_cache_age", "12h", 43200.0),  # a duration is text even in claims.toml
    ],
)
def test_zero_and_whole_floats_where_they_make_sense(
    key: str, value: object, expected: object
) -> None:
    s = Settings.build(cli={}, env={}, toml={key: value})
    assert getattr(s, key) == expected
    assert type(getattr(s, key)) is type(expected)


def test_text_layers_still_read_words_and_digits() -> None:
    env = {"CLAIMCHECK_WAYBACK": "off", "CLAIMCHECK_RETRIES": " 3 ", "CLAIMCHECK_TIMEOUT": "2.5"}
    s = Settings.build(cli={"quiet": "yes"}, env=env)
    assert (s.wayback, s.retries, s.timeout, s.quiet) == (False, 3, 2.5, True)


def test_host_settings_are_checked_like_the_top_level_ones() -> None:
    for table, fragment in [
        ({"host_concurrency": 0}, "must be at least 1"),  # was silently raised to 1
        ({"timeout": float("nan")}, "expected a finite number"),
        ({"timeout": 0}, "must be more than 0"),
        ({"host_interval": -1}, "must not be negative"),
        ({"insecure": "yes"}, "expected true or false"),
    ]:
        with pytest.raises(SettingsError) as info:
            Settings.build(cli={}, env={}, toml={"hosts": {"a.org": table}})
        assert info.value.key == f"hosts.a.org.{next(iter(table))}"
        assert fragment in info.value.reason


def test_output_dash_is_stdout_and_beats_the_file_in_claims_toml() -> None:
    assert Settings.build(cli={"output": "-"}, env={}).output is None
    s = Settings.build(cli={"output": "-"}, env={}, toml={"output": "report.json"})
    assert s.output is None
    assert Settings.build(cli={}, env={}, toml={"output": "report.json"}).output == Path(
        "report.json"
    )


def test_an_existing_folder_is_not_an_output_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as info:
        Settings.build(cli={"output": str(tmp_path)}, env={})
    assert "is a folder" in info.value.reason
    assert info.value.hint is not None and "report.json" in info.value.hint
    with pytest.raises(SettingsError, match="is a folder"):
        Settings.build(cli={"record": tmp_path}, env={})
