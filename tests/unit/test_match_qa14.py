"""Matcher fixes from black-box QA round 14: superscripts and exponents, signs of figures,
brackets naming another person, swapped "X, not Y", a source's own `[sic]`, compounds broken
at a line end, and stale fallback layers that the main text contradicts."""

from __future__ import annotations

import pytest

from claimcheck import match as match_module
from claimcheck.match import match_quote
from claimcheck.model import MatchResult, TextLayer, Tier, Verdict


def check(quote: str, text: str, *more: TextLayer) -> MatchResult:
    return match_quote(quote, [TextLayer("main", text), *more])


def critical(result: MatchResult) -> list[tuple[str, str]]:
    return [(op.quote, op.source) for op in result.diff or () if op.critical]


# ------------------------------------------------------------------ exponents never crash

LAGOON = "The reservoir would store 3.4 million cubic metres of water, the engineers said."


def test_superscript_exponent_in_a_quote_is_the_same_figure_in_other_words() -> None:
    result = check("would store 3.4 × 10⁶ cubic metres of water, the engineers said", LAGOON)
    assert result.verdict is Verdict.APPROXIMATE
    assert critical(result) == []


def test_another_exponent_is_a_changed_figure() -> None:
    result = check("would store 3.4 × 10⁷ cubic metres of water, the engineers said", LAGOON)
    assert result.verdict is Verdict.MISMATCH


def test_a_fault_in_one_quote_is_its_own_error_result(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> MatchResult:
        raise ValueError("invalid literal for int() with base 10: '10⁶'")

    monkeypatch.setattr(match_module, "_match_quote", broken)
    result = check("would store 3.4 million cubic metres", LAGOON)
    assert result.verdict is Verdict.ERROR
    assert "ValueError" in (result.detail or "")


def test_a_time_limit_still_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    class Timeout(Exception):
        pass

    def slow(*args: object, **kwargs: object) -> MatchResult:
        raise Timeout

    monkeypatch.setattr(match_module, "_match_quote", slow)
    with pytest.raises(Timeout):
        check("would store 3.4 million cubic metres", LAGOON)
