"""`--remap` rules (lychee-style `$1` and Python-style `\\1`) and `--exclude` patterns."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from claimcheck.remap import Remapper, quote_pattern, to_python_replacement


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        ("https://new/$1", "https://new/\\g<1>"),
        ("https://new/${1}x", "https://new/\\g<1>x"),
        ("https://new/$name", "https://new/\\g<name>"),
        ("https://new/\\1", "https://new/\\1"),
        ("cost: $$5", "cost: $5"),
    ],
)
def test_replacement_translation(replacement: str, expected: str) -> None:
    assert to_python_replacement(replacement) == expected


def test_groups_in_both_styles() -> None:
    r = Remapper([(r"https://old\.example/(\d+)/(\w+)", "https://new.example/$2/\\1")])
    assert r.remap("https://old.example/42/page") == "https://new.example/page/42"


def test_named_group() -> None:
    r = Remapper([(r"http://(?P<host>[^/]+)/", "https://${host}/")])
    assert r.remap("http://example.org/a") == "https://example.org/a"


def test_first_matching_rule_wins_and_others_pass_through() -> None:
    r = Remapper([("a\\.example", "b.example"), ("b\\.example", "c.example")])
    assert r.remap("https://a.example/") == "https://b.example/"
    assert r.remap("https://b.example/") == "https://c.example/"
    assert r.remap("https://z.example/") == "https://z.example/"


def test_exclude_searches_anywhere() -> None:
    r = Remapper(exclude=["linkedin\\.com", "^mailto:"])
    assert r.excluded_by("https://www.linkedin.com/in/x") == "linkedin\\.com"
    assert r.excluded_by("mailto:a@b.c") == "^mailto:"
    assert r.excluded_by("https://example.org/") is None


@pytest.mark.parametrize(
    ("pattern", "shown"),
    [
        (r"\.png$", r"'\.png$'"),  # as typed: `repr` would double the backslash
        ("linkedin", "'linkedin'"),
        ("it's", "'it'\\''s'"),
        ("a\nb\\n", "$'a\\nb\\\\n'"),  # a real newline and a regex's own \n stay apart
        ("x\x1b[31m\x9b", "$'x\\x1b[31m\\u009b'"),
    ],
)
def test_quote_pattern_shows_the_regex_as_typed(pattern: str, shown: str) -> None:
    assert quote_pattern(pattern) == shown


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("pattern", [r"\.png$", "it's", "a\nb\\n\t'\\", "\x1b[0m\x7f"])
def test_quote_pattern_gives_the_pattern_back_through_a_shell(pattern: str) -> None:
    out = subprocess.run(
        ["bash", "-c", f"printf %s {quote_pattern(pattern)}"],
        capture_output=True,
        check=True,
    ).stdout
    assert out.decode() == pattern
