"""The figure index of `facts` (`_FamilyIndex`) changes which figures a fact compares, never its
result: random pages and claims, matched with the index and by comparing every figure of the
claim's family (as `match_fact` did before it), give the same verdicts, scores, evidence and
details. And a fact on a page of figures compares only a few of them."""

from __future__ import annotations

import random

import pytest

from claimcheck import facts
from claimcheck.model import MatchResult, TextLayer
from claimcheck.numbers import Figure

_WORDS = (
    "council budget spending rose fell households hospital schools region railway ministry "
    "report exports imports nurses trained staff terminal growth prices tax revenue bridge "
    "the of and in to a for was said about more than up nearly estimated total annual"
).split()
_UNITS = ("", "", " million", " billion", "m", "bn")


def _figure(r: random.Random) -> str:
    kind = r.randrange(9)
    if kind == 0:
        return f"${r.randint(1, 40)}{r.choice(_UNITS)}"
    if kind == 1:
        return f"£{r.randint(1, 40)}.{r.randint(0, 9)}{r.choice(_UNITS)}"
    if kind == 2:
        return f"{r.randint(1, 40)}%"
    if kind == 3:
        return str(r.choice((2019, 2020, 2021, 2022, 2023)))
    if kind == 4:
        return f"{r.randint(1, 28)} March {r.choice((2021, 2022))}"
    if kind == 5:
        return f"{r.randint(1, 40):,}"
    if kind == 6:
        return f"{r.randint(1, 5)},{r.randint(100, 999)}"
    if kind == 7:
        return r.choice(("one in five", "a third", "two-thirds", "20%", "33%"))
    return f"{r.randint(1, 40)} km"


def _sentence(r: random.Random) -> str:
    words = [r.choice(_WORDS) for _ in range(r.randint(5, 16))]
    for _ in range(r.randint(1, 3)):
        words.insert(r.randrange(len(words) + 1), _figure(r))
    return " ".join(words).capitalize() + "."


def _table(r: random.Random) -> str:
    columns = r.randint(2, 4)
    heads = [r.choice(_WORDS).capitalize() for _ in range(columns)]
    if r.random() < 0.5:  # a column per year, which a claim's "in 2021" picks (`_year_tie`)
        heads[1:] = [str(year) for year in r.sample(range(2019, 2024), columns - 1)]
    head = "| " + " | ".join(heads) + " |"
    rule = "|" + "---|" * columns
    rows = [
        "| "
        + " | ".join([r.choice(_WORDS).capitalize()] + [_figure(r) for _ in range(columns - 1)])
        + " |"
        for _ in range(r.randint(2, 5))
    ]
    return "\n".join([head, rule, *rows])


def _layers(r: random.Random) -> list[TextLayer]:
    paragraphs = []
    for _ in range(r.randint(3, 12)):
        if r.random() < 0.2:
            paragraphs.append(_table(r))
        else:
            paragraphs.append(" ".join(_sentence(r) for _ in range(r.randint(1, 5))))
    main = "\n".join(paragraphs)
    # The whole page: the main text flattened and more passages around it.
    extra = " ".join(_sentence(r) for _ in range(r.randint(0, 6)))
    page = (" ".join(main.split()) + "\n" + extra) if r.random() < 0.5 else (extra + "\n" + main)
    return [TextLayer("main", main), TextLayer("page", page)]


def _claims(r: random.Random, layers: list[TextLayer]) -> list[tuple[str, str]]:
    out = []
    figures = facts._figures(layers[0].text)
    for _ in range(6):
        sentence = _sentence(r)
        if figures and r.random() < 0.7:
            # A sentence of the page, or its words around another figure: equal values near
            # the claim's words, different values in its place, strays.
            figure = r.choice(figures)
            text = layers[0].text
            lo, hi = max(0, figure.start - r.randint(10, 60)), figure.end + r.randint(0, 60)
            words = (
                text[lo : figure.start].split()[1:]
                + [figure.text]
                + text[figure.end : hi].split()[:-1]
            )
            if r.random() < 0.5:
                words = [w if w != figure.text else _figure(r) for w in words]
            sentence = " ".join(w.strip("|") for w in words if w.strip("|")) + "."
        for figure in facts._sentence_figures(sentence):
            out.append((figure.text, sentence))
    return out


def _every_figure(
    self: facts._FamilyIndex,
    probes: object,
    claim_keys: object,
    claim_phrases: object,
    needed: object,
    years: object,
) -> list[tuple[Figure, None]]:
    return [(figure, None) for figure in self.figures]


def _worked_out(
    self: facts._FamilyIndex, figure: Figure, claim_phrases: frozenset[tuple[str, ...]]
) -> bool:
    return bool(
        claim_phrases & facts._phrases_around(self.text, figure.start, figure.end, self.blank_only)
    )


def _every_judged(figure: Figure, text: str, earlier: list[TextLayer], judge: facts._Judge) -> bool:
    signature = facts._signature(text, figure.start, figure.end)
    return any(
        judge(other, layer.text)
        and facts._signature(layer.text, other.start, other.end) == signature
        for layer in earlier
        for other in facts._figures_of_family(layer.text, judge.claim.kind)
    )


def _results(cases: list[tuple[str, str, list[TextLayer]]]) -> list[MatchResult]:
    facts.clear_caches()
    out = [facts.match_fact(fact, sentence, layers) for fact, sentence, layers in cases]
    facts.clear_caches()
    return out


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("many", [0, 500])
def test_the_index_changes_no_result(monkeypatch: pytest.MonkeyPatch, seed: int, many: int) -> None:
    # many=0: the text's words are read for every phrase test (`_Words`), as on a large page.
    monkeypatch.setattr(facts, "_MANY_SENTENCES", many)
    monkeypatch.setattr(facts, "_INDEXED_FROM", 0)  # these pages are small
    r = random.Random(seed)
    cases = []
    for _ in range(8):
        layers = _layers(r)
        cases += [(fact, sentence, layers) for fact, sentence in _claims(r, layers)]
    indexed = _results(cases)
    with monkeypatch.context() as patch:
        patch.setattr(facts._FamilyIndex, "candidates", _every_figure)
        patch.setattr(facts._FamilyIndex, "phrase_tie", _worked_out)
        patch.setattr(facts, "_judged_before", _every_judged)
        compared = _results(cases)
    assert len(cases) > 50
    verdicts = {result.verdict for result in compared}
    assert len(verdicts) >= 3  # the cases reach more than one verdict
    for case, new, old in zip(cases, indexed, compared, strict=True):
        assert new == old, case


def test_a_fact_compares_few_of_a_pages_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    # 2,000 amounts about other things; the claim's words stand next to one of them.
    r = random.Random(1)
    rows = [
        f"Item {i} cost ${r.randint(1, 999)}.{r.randint(0, 9)} million in upkeep."
        for i in range(2000)
    ]
    rows.insert(1200, "The Kelvale bridge repairs cost $41.5 million, the council said.")
    layers = [TextLayer("main", "\n".join(rows))]
    calls = 0
    relate = facts._relate

    def counting(*args: object) -> object:
        nonlocal calls
        calls += 1
        return relate(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(facts, "_relate", counting)
    facts.clear_caches()
    sentence = "Repairs to the Kelvale bridge cost $41.5 million."
    assert facts.match_fact("$41.5 million", sentence, layers).verdict.value == "verified"
    changed = "Repairs to the Kelvale bridge cost $43.5 million."
    assert facts.match_fact("$43.5 million", changed, layers).verdict.value == "mismatch"
    facts.clear_caches()
    assert calls < 50  # of 4,000 amounts compared before the index


def test_a_figure_one_word_short_is_placed_by_a_phrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facts, "_INDEXED_FROM", 0)
    # One claim word around the different value ("cost"), one short of two; the phrase "has
    # cost about" ties it, so it is in the claim's place: the index must not leave it out.
    filler = "\n".join(f"Item {i} was priced at ${i}.5 million." for i in range(300))
    layers = [TextLayer("main", filler + "\nUpkeep has cost about $45 million so far.")]
    facts.clear_caches()
    sentence = "The Kelvale council has cost about $41 million."
    result = facts.match_fact("$41 million", sentence, layers)
    facts.clear_caches()
    assert result.verdict.value == "mismatch"
    assert result.evidence is not None and result.evidence.text == "$45 million"
