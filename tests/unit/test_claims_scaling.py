"""Article parsing and claim finding stay linear on adversarial input.

Each test times one input and the same input four times as long (best of three runs each): a
linear cost grows about 4×, a quadratic one about 16×, so a bound of 9× tells them apart with a
wide margin for timing noise while staying independent of the machine's speed.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from claimcheck.article import parse_article
from claimcheck.claims.from_article import find_quotes

_LINEAR_BOUND = 9.0


def _best(run: Callable[[], object]) -> float:
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            t0 = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - t0)
    finally:
        gc.enable()
    return best


def _growth(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """How much longer `make(4 * n)()` takes than `make(n)()`."""
    small, large = make(n), make(4 * n)
    small()  # warm up (imports, compiled patterns)
    return _best(large) / max(_best(small), 1e-6)


def _markdown(text: str) -> Callable[[], object]:
    data = text.encode("utf-8")
    return lambda: parse_article(data, "a.md", "markdown")


class _CountingText(str):
    """A text that counts the characters its `find` calls scan (the quote scanner's work)."""

    scanned = 0

    def find(self, sub: str, start: object = None, end: object = None) -> int:  # type: ignore[override]
        at = super().find(sub, start, end)  # type: ignore[arg-type]
        begin = start if isinstance(start, int) else 0
        self.scanned += (at if at >= 0 else len(self)) - begin
        return at


def _quote_scan_work(unit: str, n: int) -> float:
    """Characters scanned for quotation marks per character of `unit * n`."""
    text = _CountingText(unit * n)
    assert find_quotes(text) == []
    return text.scanned / len(text)


def test_unbalanced_quotes_in_one_sentence_cost_one_scan() -> None:
    # Each opening mark that never closes used to rescan the rest of the sentence (and the
    # straight quotes each `"` after it, in Python): 224 KB took 21 s.
    for unit in ('He said "open ', "He said “open ", "He said ‘open ", "a „b "):
        assert _quote_scan_work(unit, 4000) <= 2.5, unit
    assert _growth(_find_quotes_in('He said "open '), 10000) < _LINEAR_BOUND


def _find_quotes_in(unit: str) -> Callable[[int], Callable[[], object]]:
    def make(n: int) -> Callable[[], object]:
        text = unit * n
        return lambda: find_quotes(text)

    return make


def test_quotes_closing_far_away_still_pair_as_before() -> None:
    text = 'a "b c" and "d "e f" g\'s ‘x’s y’ z “p „q“ r”'
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        '"b c"',
        '"d "e f"',
        "‘x’s y’",
        "“p „q“ r”",
    ]


_COUNT = "The count was {}people.[^1]\n\n[^1]: http://h.example/x\n"


def test_runs_of_number_words_are_linear() -> None:
    for unit in ("one and ", "one ", "thousand "):
        assert parse_article(_COUNT.format(unit * 50).encode(), "a.md", "markdown").claims == ()
        growth = _growth(lambda n, u=unit: _markdown(_COUNT.format(u * n)), 2000)
        assert growth < _LINEAR_BOUND, unit
