"""Figures and facts: black-box QA round two (ranges, units, direction, bounds, rounding...)."""

from __future__ import annotations

import pytest

from claimcheck.claims.from_article import claims_in_text, split_sentences
from claimcheck.facts import clear_caches, match_fact
from claimcheck.model import TextLayer, Verdict
from claimcheck.numbers import find_figures


def verdict(fact: str, sentence: str, page: str) -> Verdict:
    clear_caches()
    return match_fact(fact, sentence, [TextLayer("main", page)]).verdict


def facts_of(sentence: str) -> list[tuple[str, str | None]]:
    return [(text, value) for kind, text, value in claims_in_text(sentence) if kind.value == "fact"]


def values(text: str) -> list[str]:
    return [figure.quantity.canonical() for figure in find_figures(text)]


# --------------------------------------------------------------------------- 14, 15: the fact
# is read as its sentence states it, not on its own.

SAME_SENTENCE = [
    ("10", "The firm said 10-15% of staff were laid off."),
    ("2", "The firm said prices rose by 2-3 per cent."),
    ("$5", "The firm said the plan costs $5-8bn."),
    ("5", "Its manager said the fund grew from 5 to 8 billion dollars."),
    ("2m", "The census shows some 2m people live in the city."),
]


@pytest.mark.parametrize(("fact", "sentence"), SAME_SENTENCE)
def test_a_fact_is_read_as_its_sentence_states_it(fact: str, sentence: str) -> None:
    assert verdict(fact, sentence, f"<p>{sentence}</p>\n") is Verdict.VERIFIED


def test_the_first_end_of_a_range_against_another_spelling() -> None:
    sentence = "Staff numbers went from 12 to 15 thousand, the firm said."
    page = "The firm said staff numbers went from 12,000 to 15,000.\n"
    assert verdict("12", sentence, page) is Verdict.VERIFIED
    assert verdict("2m", "The city has 2m residents, the census shows.",
                   "The census shows the city has 2,000,000 residents.\n") is Verdict.VERIFIED  # fmt: skip


def test_the_claims_value_picks_the_figure_of_a_repeated_text() -> None:
    sentence = "Of the 10 teams, 10-15% of staff were laid off."
    page = "Of the 12 teams, 10-15% of staff were laid off.\n"
    clear_caches()
    result = match_fact("10", sentence, [TextLayer("main", page)], value="percent:10")
    assert result.verdict is Verdict.VERIFIED


def test_between_and_is_a_range_sharing_its_suffix() -> None:
    assert values("between 10 and 15 per cent") == ["percent:10", "percent:15"]


# --------------------------------------------------------------------------- 16


def test_a_year_before_to_an_amount_keeps_its_own_value() -> None:
    assert values("Sales rose 5% in 2023 to €2bn.") == [
        "percent:5", "year:2023", "money:EUR:2000000000",
    ]  # fmt: skip
    assert values("from 2010 to 2 million")[0] == "year:2010"
    assert values("from 900 to 1.2 million pounds")[0] == "count:900"
    assert values("rose 5% in 2023 to 7%") == ["percent:5", "year:2023", "percent:7"]
    # Still ranges: a falling one, and one of magnitudes.
    assert values("cut from 15 to 10 per cent") == ["percent:15", "percent:10"]
    assert values("$5-8bn") == ["money:USD:5000000000", "money:USD:8000000000"]
