"""`--remap` rules (lychee-style `$1` and Python-style `\\1`) and `--exclude` patterns."""

from __future__ import annotations

import pytest

from claimcheck.remap import Remapper, to_python_replacement


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
