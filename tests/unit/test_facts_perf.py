"""Work per fact against a page dense with numbers (QA slowness report, finding 1).

Counted in calls, not seconds: a fact must not look at every figure of a page when most of
them are of another family (a year against a page of amounts), and the figures and their
values are worked out once per text, not once per fact.
"""

from __future__ import annotations

import pytest

from claimcheck import facts, numbers
from claimcheck.model import TextLayer, Verdict


def _page(rows: int) -> str:
    lines = [
        f"The region spent US${100 + i}.5 million on {1000 + i} households, {i % 90 + 1}% of them."
        for i in range(rows)
    ]
    lines.append("In 2019 the council opened the new bridge over the river.")
    return "\n".join(lines)


def _relate_calls(monkeypatch: pytest.MonkeyPatch, rows: int) -> int:
    facts.clear_caches()
    calls = 0
    relate = facts._relate

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return relate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(facts, "_relate", counting)
    layers = [TextLayer("main", _page(rows))]
    sentence = "The council opened the new bridge over the river in 2019."
    for _ in range(3):
        result = facts.match_fact("2019", sentence, layers)
        assert result.verdict is Verdict.VERIFIED
    facts.clear_caches()
    return calls


def test_a_year_does_not_look_at_every_amount(monkeypatch: pytest.MonkeyPatch) -> None:
    # The page has three amounts a row and one year: a year fact relates to the year (and to
    # counts, which `numbers` may have guessed for a year), never to the money or percentages.
    small = _relate_calls(monkeypatch, 50)
    large = _relate_calls(monkeypatch, 200)
    # Counts of households still meet a year; money and percentages (two thirds) never do.
    assert large <= 3 * (200 + 1) + 3
    assert small <= 3 * (50 + 1) + 3


def test_figures_are_read_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    facts.clear_caches()
    calls = 0
    find = facts.find_figures

    def counting(text: str, **kwargs: bool) -> list[numbers.Figure]:
        nonlocal calls
        if len(text) > 1000:
            calls += 1
        return find(text, **kwargs)

    monkeypatch.setattr(facts, "find_figures", counting)
    layers = [TextLayer("main", _page(100))]
    sentence = "The region spent US$150.5 million on 1050 households."
    for fact in ("US$150.5 million", "1050"):
        facts.match_fact(fact, sentence, layers)
    assert calls == 1
    facts.clear_caches()


def test_canonical_is_worked_out_once() -> None:
    quantity = numbers.Quantity("money", numbers.Decimal("1.5E+11"), unit="USD")
    assert quantity.canonical() == "money:USD:150000000000"
    assert quantity.__dict__["_canonical"] == "money:USD:150000000000"
    assert quantity.canonical() is quantity.canonical()
    # The cache is no field: equality, hashing and copies are unchanged.
    other = numbers.Quantity("money", numbers.Decimal("150000000000"), unit="USD")
    assert quantity == numbers.Quantity("money", numbers.Decimal("1.5E+11"), unit="USD")
    assert other.canonical() == quantity.canonical()
