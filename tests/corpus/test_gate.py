"""The accuracy gate: the labelled corpus must keep its recall, and no error an editor looks for
may come out `verified` (issue 4, Acceptance).

`test_cases_are_well_formed` and `test_labels_agree_with_the_pages` check the corpus itself, so a
typo in `cases.toml` cannot pass as a matcher failure (or hide one). `test_accuracy_gate` runs
`claimcheck.match.match_quote` and `claimcheck.facts.match_fact` on every case and fails when:

- recall on positives (the expected verdict: `verified`, or `approximate` where the category
  allows it) is below 98 %;
- any negative category is wrongly `verified` more than 1 % of the time;
- `mismatch` catches fewer than 90 % of changed numbers.

The table (per category and per kind) is printed in the terminal summary on every run.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.corpus.gate import (
    NEGATIVE,
    POSITIVE,
    REPORT_KEY,
    load_cases,
    load_layers,
    loose,
    loose_pattern,
    run_gate,
)


def test_cases_are_well_formed() -> None:
    cases = load_cases()
    ids = Counter(case.id for case in cases)
    assert [i for i, n in ids.items() if n > 1] == []
    assert len(cases) >= 300
    pages = {case.page for case in cases}
    assert len(pages) >= 30
    assert pages == set(load_layers()), "every page is used, and every case names a page"
    seen = Counter((case.label, case.category) for case in cases)
    for category in POSITIVE:
        assert seen["positive", category] >= 5, category
    for category in NEGATIVE:
        assert seen["negative", category] >= 10, category


def test_labels_agree_with_the_pages() -> None:
    """Quote and term labels, checked with a simple normal form of our own (not the product's).

    A positive must be on its page (ellipses and brackets as wildcards, an author's parenthetical
    removed); a negative must not be; an `other_page` claim must be on some other page.
    """
    layers = load_layers()
    text = {page: loose("\n".join(layer.text for layer in ls)) for page, ls in layers.items()}
    problems = []
    for case in load_cases():
        if case.kind.value == "fact":
            continue
        pattern = loose_pattern(case)
        on_page = pattern.search(text[case.page]) is not None
        if case.positive != on_page:
            problems.append(f"{case.id} ({case.label}) {'is' if on_page else 'is not'} on the page")
        if case.category == "other_page" and not any(
            pattern.search(t) for page, t in text.items() if page != case.page
        ):
            problems.append(f"{case.id} is on no other page")
    assert problems == []


def test_accuracy_gate(request: pytest.FixtureRequest) -> None:
    report = run_gate()
    print(report.table)
    request.config.stash[REPORT_KEY] = report.table
    assert report.seconds < 60, "the gate must stay quick enough for every test run"
    assert not report.failures, "\n" + report.table
