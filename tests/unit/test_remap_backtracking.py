"""User regexes (`--exclude`, `--remap`, claims.toml) that `re` could backtrack on for hours are
refused where they are read, with the pattern and why; ordinary URL patterns pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.claims.from_toml import load_claims_file
from claimcheck.errors import ClaimsFileError, SettingsError
from claimcheck.remap import Remapper, backtracking_risk
from claimcheck.settings import Settings

SLOW = [
    "(a+)+b",
    "(a*)*",
    r"(\w+\s?)*$",
    "(?:a+)+",
    "((a+)b?)*",
    r"(x\w+)*!",
    "(.*)*=",
    "([a-z]+)*$",
    "(a+){2,}",
    "(?i)(A+)+",
    "(?x) ( a+ )+ b",
    "(a|a)*",
    r"(\w|\d)+",
    "(a|aa)+b",
]
FINE = [
    r"\.png$",
    "https://old\\.example/(.*)",
    r"^https?://(?:www\.)?example\.(?:com|org)/",
    "(a+b)+",
    r"(\d+,)*",
    "(/[^/]+)*x",
    r"(\.\w+)+",
    r"(\w+/)*page",
    "(a++)+",
    "(?>a+)+",
    r"(www\.|m\.)?example",
    "(?:[a-z]|-)+",
    r"\(a+\)+",
    "[(]a+[)]+",
    "(a+)?",
    "(?P<host>[^/]+)/(?P<rest>.*)",
    "(?P<x>a)(?P=x)+",
]


@pytest.mark.parametrize("pattern", SLOW)
def test_exponential_shapes_are_found(pattern: str) -> None:
    assert backtracking_risk(pattern) is not None


@pytest.mark.parametrize("pattern", FINE)
def test_ordinary_patterns_pass(pattern: str) -> None:
    assert backtracking_risk(pattern) is None


@pytest.mark.parametrize("key", ["exclude", "remap"])
def test_the_command_line_is_refused_with_the_pattern(key: str) -> None:
    value = "(a+)+b" if key == "exclude" else "(a+)+b https://x/"
    with pytest.raises(SettingsError) as info:
        Settings.build(cli={key: [value]}, env={})
    assert "'(a+)+b'" in info.value.reason
    assert "could take hours" in info.value.reason
    assert info.value.path == f"--{key}"


def test_the_environment_is_refused() -> None:
    with pytest.raises(SettingsError):
        Settings.build(cli={}, env={"CLAIMCHECK_EXCLUDE": "(a*)*"})


def test_claims_toml_names_file_line_and_key(tmp_path: Path) -> None:
    toml = tmp_path / "claims.toml"
    toml.write_text('[settings]\nformat = "text"\nexclude = ["\\\\.png$", "(a+)+b"]\n')
    with pytest.raises(ClaimsFileError) as info:
        load_claims_file(toml)
    assert (info.value.path, info.value.line) == (str(toml), 3)
    assert "settings.exclude" in (info.value.key or "")
    assert "(a+)+b" in info.value.reason


def test_a_remapper_built_directly_refuses_them_too() -> None:
    with pytest.raises(SettingsError):
        Remapper(exclude=["(a|a)*"])
    with pytest.raises(SettingsError):
        Remapper(remap=[("(a+)+", "x")])
    assert Remapper(exclude=[r"\.pdf$"]).excluded_by("https://x/a.pdf") == r"\.pdf$"
