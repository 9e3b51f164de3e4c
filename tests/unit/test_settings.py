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
        ("toml", "timeout", -1, "must not be negative"),
        ("toml", "concurrency", 0, "at least 1"),
        ("toml", "allow_private", "maybe", "expected true or false"),
        ("toml", "fail_on", ["mismatch", "bogus"], "unknown status or verdict 'bogus'"),
        ("toml", "exclude", ["(unclosed"], "invalid regex"),
        ("toml", "remap", ["no-replacement"], "expected 'REGEX REPLACEMENT'"),
        ("toml", "max_cache_age", "soon", "expected a duration"),
        ("toml", "colour", True, "unknown setting"),
        ("cli", "retries", "x", "expected a number"),
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
