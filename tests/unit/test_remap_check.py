"""`--remap` replacements are checked against their regex when the rule is read.

A replacement naming a group the regex lacks (`$5`, `\\9`, `${nope}`) used to pass and then
fail on the first URL the rule matched, as an "internal error". It is a usage error: named
where the rule was given, with the groups that do exist.
"""

from __future__ import annotations

import pytest

from claimcheck.errors import SettingsError
from claimcheck.remap import Remapper, check_replacement

TWO_GROUPS = r"https://(tollmere-courier)\.example/(.*)"


@pytest.mark.parametrize(
    ("regex", "replacement", "says"),
    [
        (TWO_GROUPS, "https://$5.example/$2", "refers to group 5, but the regex has 2 groups"),
        (TWO_GROUPS, "https://${5}.example/", "refers to group 5, but the regex has 2 groups"),
        (TWO_GROUPS, r"https://\9.example/", "refers to group 9, but the regex has 2 groups"),
        (TWO_GROUPS, r"https://\g<3>/", "refers to group 3, but the regex has 2 groups"),
        (r"(a)", r"\12", "refers to group 12, but the regex has 1 group"),
        (
            r"https://old\.example/",
            "https://new/$1",
            "refers to group 1, but the regex has no groups",
        ),
        (TWO_GROUPS, "https://${nope}/", "refers to a group named 'nope'"),
        (r"(?P<host>[^/]+)", "https://$hots/", "refers to a group named 'hots'"),
        (TWO_GROUPS, r"https://\q/", "invalid replacement"),
        (TWO_GROUPS, "https://x/\\", "invalid replacement"),
        (TWO_GROUPS, r"https://\g<1a>/", "invalid replacement"),
    ],
)
def test_bad_replacement_is_a_settings_error_naming_the_source(
    regex: str, replacement: str, says: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        check_replacement(regex, replacement, source="--remap")
    err = caught.value
    assert says in err.reason
    assert err.path == "--remap"
    assert err.key == "remap"
    assert err.hint is not None and "$$" in err.hint
    assert err.message().startswith("--remap: remap: ")


@pytest.mark.parametrize(
    ("regex", "replacement"),
    [
        (TWO_GROUPS, "https://$1.example/$2"),
        (TWO_GROUPS, r"https://\1.example/\2"),
        (TWO_GROUPS, r"https://\g<0>/${2}"),
        (r"(?P<host>[^/]+)/(.*)", "https://${host}/$host/$2"),
        (r"https://old\.example/", "https://new.example/"),  # no groups, none used
        (r"(a)", r"\0\101 cost: $$5"),  # octal escapes and a literal dollar are not groups
        (r"(a)" * 12, r"\12\g<12>"),
        (r"(a)", "$1x ${1}y"),
    ],
)
def test_good_replacement_passes(regex: str, replacement: str) -> None:
    check_replacement(regex, replacement, source="--remap")


def test_hint_lists_the_groups_there_are() -> None:
    with pytest.raises(SettingsError) as caught:
        check_replacement(r"(?P<host>[^/]+)/(.*)", "$3")
    assert caught.value.hint == "use $1 to $2 or ${host}; write $$ for a dollar sign"


def test_remapper_refuses_a_bad_rule_before_any_url() -> None:
    # A rule that reached the fetcher without `settings.parse_remap` stops the run up front,
    # as a usage error (exit 2), not on the first URL it matches.
    with pytest.raises(SettingsError, match="refers to group 5"):
        Remapper([(TWO_GROUPS, "https://$5.example/$2")])
    remapper = Remapper([(TWO_GROUPS, "https://$1.example/$2")])
    assert (
        remapper.remap("https://tollmere-courier.example/a/b")
        == "https://tollmere-courier.example/a/b"
    )
