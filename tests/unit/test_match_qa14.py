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


# ------------------------------------------------------------------ units with superscripts

QUAY = "The new quay covers 4,500 m² of reclaimed land next to the old fish market."


def test_a_unit_written_with_a_plain_digit_is_the_same_unit() -> None:
    result = check("The new quay covers 4,500 m2 of reclaimed land", QUAY)
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.TOLERANT)
    plain = QUAY.replace("m²", "m2")
    result = check("The new quay covers 4,500 m² of reclaimed land", plain)
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.TOLERANT)


def test_a_flattened_exponent_is_another_number() -> None:
    source = "The basin holds 3.4 × 10⁶ m³ of water in a normal winter, the survey found."
    result = check("The basin holds 3.4 × 106 m3 of water in a normal winter", source)
    assert result.verdict is Verdict.MISMATCH
    assert ("106", "10⁶") in critical(result)


# ------------------------------------------------------------------ signs of figures

ACCOUNTS = (
    "The fund's balance stood at −£450,000 at the end of March, the treasurer said. "
    "Temperatures fell to -5 °C overnight in the harbour, and mid-2020 figures for pages "
    "10-12 of the report were revised."
)


@pytest.mark.parametrize(
    "quote",
    [
        "The fund's balance stood at £450,000 at the end of March",
        "The fund's balance stood at +£450,000 at the end of March",
        "Temperatures fell to 5 °C overnight in the harbour",
    ],
)
def test_a_dropped_or_changed_sign_is_a_changed_figure(quote: str) -> None:
    result = check(quote, ACCOUNTS)
    assert result.verdict is Verdict.MISMATCH
    assert any(q in ("", "+") and s in ("−", "-") for q, s in critical(result))


def test_a_sign_added_to_a_figure_is_a_changed_figure() -> None:
    source = "The fund's balance stood at £450,000 at the end of March, the treasurer said."
    result = check("The fund's balance stood at −£450,000 at the end of March", source)
    assert result.verdict is Verdict.MISMATCH


def test_a_minus_written_another_way_and_a_hyphen_are_no_sign_change() -> None:
    assert check("balance stood at -£450,000 at the end", ACCOUNTS).verdict is Verdict.VERIFIED
    # A dash set apart by spaces is no sign, though the tolerant tier drops the spaces.
    source = "The share rose – 5 per cent in all – after the vote on the harbour levy."
    result = check("The share rose 5 per cent in all after the vote on the harbour levy", source)
    assert result.verdict is Verdict.APPROXIMATE


# ------------------------------------------------------------------ brackets naming someone

COUNCIL = (
    "Councillor Smith said the vote was a disgrace. Harbour master Peter Lund told reporters "
    "the channel would be dredged in the spring. Ms Doe said nothing."
)


@pytest.mark.parametrize(
    "quote",
    [
        "[Councillor Jones] said the vote was a disgrace",
        "[Harbour master Anna Berg] told reporters the channel would be dredged",
    ],
)
def test_a_bracket_putting_another_name_with_the_same_title_is_a_mismatch(quote: str) -> None:
    result = check(quote, COUNCIL)
    assert result.verdict is Verdict.MISMATCH
    assert critical(result)


@pytest.mark.parametrize(
    "quote",
    [
        "[Councillor Smith] said the vote was a disgrace",
        "[Harbour master Lund] told reporters the channel would be dredged",
        "[Harbour master Peter Lund, 54,] told reporters the channel would be dredged",
        "[Jane Doe] said nothing",
    ],
)
def test_a_bracket_naming_the_same_person_still_clarifies(quote: str) -> None:
    assert check(quote, COUNCIL).verdict is Verdict.VERIFIED


# ------------------------------------------------------------------ "X, not Y" swapped

LEVY = (
    "The panel said the new levy should apply to visitors, not residents, and be reviewed "
    "every three years. The silos should be listed rather than levelled, it added. The fund "
    "will help not the landlords but the tenants of the old harbour cottages, it said."
)


@pytest.mark.parametrize(
    "quote",
    [
        "the new levy should apply to residents, not visitors, and be reviewed every three years",
        "The silos should be levelled rather than listed, it added",
        "The fund will help not the tenants but the landlords of the old harbour cottages",
    ],
)
def test_the_two_sides_of_a_contrast_swapped_is_a_mismatch(quote: str) -> None:
    result = check(quote, LEVY)
    assert result.verdict is Verdict.MISMATCH
    assert len(critical(result)) == 2


def test_two_words_swapped_around_no_contrast_stay_approximate() -> None:
    source = (
        "The inspectors wrote in their final report that the harbour authority's response to "
        "the spill was swift and decisive, and that the clean-up had been well organised."
    )
    quote = source.replace("swift and decisive", "decisive and swift").rstrip(".")
    result = check(quote, source)
    assert result.verdict is Verdict.APPROXIMATE


# ------------------------------------------------------------------ the source's own [sic]

STATEMENT = (
    "The contractor said in a statement that it \u201crecieved [sic] no complaints\u201d during "
    "the works, and that it had recieved three letters from residents."
)


@pytest.mark.parametrize(
    "quote",
    [
        "recieved [sic] no complaints",
        "The contractor said in a statement that it \u201crecieved [sic] no complaints\u201d",
    ],
)
def test_a_quote_copying_the_sources_own_sic_is_verified(quote: str) -> None:
    result = check(quote, STATEMENT)
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.EXACT)


def test_an_editors_sic_still_stands_for_nothing() -> None:
    result = check("it had recieved [sic] three letters from residents", STATEMENT)
    assert result.verdict is Verdict.VERIFIED


# ------------------------------------------------------------------ compounds at a line end

WRAPPED = (
    "The board agreed to grant a twenty-\nfive-year lease to the fishing cooperative. The\n"
    'so-called "marina-\nfirst" approach was dropped after a remarkable recov-\nery in '
    "cruise traffic.\n"
)


@pytest.mark.parametrize(
    "quote",
    [
        "The board agreed to grant a twenty-five-year lease to the fishing cooperative.",
        'The so-called "marina-first" approach was dropped',
        "after a remarkable recovery in cruise traffic",
    ],
)
def test_a_compound_broken_at_its_own_hyphen_is_verified(quote: str) -> None:
    result = match_quote(quote, [TextLayer("text", WRAPPED)])
    assert result.verdict is Verdict.VERIFIED
    assert result.evidence is not None and "\n" in result.evidence.text


def test_a_compound_missing_its_hyphen_elsewhere_is_not_taken() -> None:
    # "marinafirst" written as one word (no line break) is not the quote's compound.
    source = "The so-called marinafirst approach was dropped after a long debate in the council."
    result = check("The so-called marina-first approach was dropped after a long debate", source)
    assert result.verdict is not Verdict.VERIFIED


def test_a_changed_quote_across_a_compound_break_shows_only_the_change() -> None:
    result = match_quote(
        "The board agreed to grant a twenty-five-year lease to the ferry operator.",
        [TextLayer("text", WRAPPED)],
    )
    assert result.verdict is Verdict.APPROXIMATE
    changed = [(op.quote, op.source) for op in result.diff or () if op.op != "equal"]
    assert changed == [("ferry operator", "fishing cooperative")]


# ------------------------------------------------------------------ stale later layers

VISIBLE = (
    "Ferry terminal plan rejected\n\nThe terminal would have cost £41 million according to the "
    "final estimate. The council rejected the application on Tuesday.\n\nCorrection: an earlier "
    "version of this article gave the wrong cost and outcome."
)
STALE = (
    "The terminal would have cost £14 million according to the final estimate. The council "
    "approved the application on Tuesday."
)


@pytest.mark.parametrize(
    ("quote", "flagged"),
    [
        (
            "The terminal would have cost £14 million according to the final estimate.",
            ("14", "41"),
        ),
        ("The council approved the application on Tuesday.", ("approved", "rejected")),
    ],
)
def test_a_stale_later_layer_does_not_outrank_the_main_text(
    quote: str, flagged: tuple[str, str]
) -> None:
    result = check(quote, VISIBLE, TextLayer("jsonld", STALE))
    assert result.verdict is Verdict.MISMATCH
    assert result.evidence is not None and result.evidence.matched_in == "main"
    assert any(flagged[0] in q and flagged[1] in s for q, s in critical(result))
    assert "jsonld" in (result.detail or "")


def test_a_key_facts_box_in_the_page_layer_does_not_outrank_the_main_text() -> None:
    page = VISIBLE + "\n\nKey facts\nThe terminal would have cost £14 million."
    result = check("The terminal would have cost £14 million", VISIBLE, TextLayer("page", page))
    assert result.verdict is Verdict.MISMATCH


def test_a_later_layer_still_verifies_what_the_main_text_lacks() -> None:
    teaser = "Subscribe to read the full story about the harbour trust."
    body = "The harbour trust posted a surplus of £412,000 for the year."
    result = check(body, teaser, TextLayer("jsonld", body))
    assert (result.verdict, result.evidence and result.evidence.matched_in) == (
        Verdict.VERIFIED,
        "jsonld",
    )


def test_a_caption_in_other_words_is_verified_without_an_alignment_in_the_main_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    aligned: list[str] = []
    approximate = match_module._approximate

    def spy(quote: object, layer: TextLayer) -> MatchResult:
        aligned.append(layer.name)
        return approximate(quote, layer)  # type: ignore[arg-type]

    monkeypatch.setattr(match_module, "_approximate", spy)
    caption = "Ferries wait at the north pier before the storm. Photo: the harbour trust"
    page = VISIBLE + "\n\n" + caption
    result = check(
        "Ferries wait at the north pier before the storm", VISIBLE, TextLayer("page", page)
    )
    assert result.verdict is Verdict.VERIFIED
    assert aligned == []


@pytest.mark.parametrize(
    ("quote", "close"),
    [
        ("The council approved the application on Tuesday", True),
        ("The council approved the budget", False),
        ("Ferries wait at the north pier before the storm", False),
        ("The terminal would have cost £14 million according to the final estimate", True),
        ("The terminal would have cost £41 million, the harbour trust said", False),
    ],
)
def test_worth_aligning_asks_for_most_of_the_quote_close_together(quote: str, close: bool) -> None:
    hay = match_module._layer_normalised(VISIBLE, True).text
    parsed = match_module._parse_quote(quote, False)
    assert match_module._worth_aligning(parsed, hay) is close
