"""Matcher fixes from black-box QA round 16: when a later layer is a stale copy the main text
contradicts, a dropped "+", brackets naming another person, and exponents after a parenthesis."""

from __future__ import annotations

import pytest

from claimcheck.match import match_quote
from claimcheck.model import MatchResult, TextLayer, Verdict


def layered(quote: str, main: str, *more: TextLayer) -> MatchResult:
    return match_quote(quote, [TextLayer("main", main), *more])


def critical(result: MatchResult) -> list[tuple[str, str]]:
    return [(op.quote, op.source) for op in result.diff or () if op.critical]


def where(result: MatchResult) -> tuple[Verdict, str | None]:
    return result.verdict, result.evidence.matched_in if result.evidence else None


# ------------------------------------------------------------------ stale or fuller later layer

FILLER = (
    "The harbour board met on a windy morning to review the year's accounts and the plans "
    "for the coming season, with members from every ward attending the session. "
)
LEAD = "In 2024 the port handled 2.1 million passengers, the harbour board said on Monday. "
FULL = (
    LEAD + "Five years earlier, in 2019, the port handled 1.6 million passengers. "
    "The board expects 2.4 million passengers in 2026."
)
SHOWN = FILLER + LEAD + FILLER


@pytest.mark.parametrize("layer", ["jsonld", "nextdata"])
def test_a_later_layer_holding_the_main_passage_too_is_a_fuller_copy(layer: str) -> None:
    result = layered(
        "the port handled 1.6 million passengers",
        SHOWN,
        TextLayer("page", SHOWN),
        TextLayer(layer, FULL),
    )
    assert where(result) == (Verdict.VERIFIED, layer)


def test_a_fuller_copy_still_catches_a_misquote() -> None:
    result = layered("the port handled 1.8 million passengers", SHOWN, TextLayer("jsonld", FULL))
    assert result.verdict is Verdict.MISMATCH


def test_a_later_layer_with_the_old_passage_where_main_has_the_new_is_stale() -> None:
    # The JSON-LD's summary repeats the corrected lead, but its body keeps the old figure in
    # the lead's place: same words around it as around the main text's passage.
    shown = FILLER + LEAD + "Cruise calls rose by a third over the same year. " + FILLER
    stale = LEAD + LEAD.replace("2.1", "1.2") + "Cruise calls rose by a third over the same year."
    result = layered(
        "the port handled 1.2 million passengers, the harbour board said",
        shown,
        TextLayer("jsonld", stale),
    )
    assert result.verdict is Verdict.MISMATCH
    assert ("1.2", "2.1") in critical(result)


MINISTER = "The minister made no promise of free trains for pensioners, her office said. "
OTHER = "Other matters included bus lanes and cycle paths along the front."


def test_hidden_text_the_visible_text_contradicts_is_a_mismatch() -> None:
    # The page layer holds the main text plus what was hidden: its copy of the visible
    # sentence is no second witness.
    quote = "the minister promised free trains for pensioners"
    main = FILLER + MINISTER + OTHER
    page = FILLER + MINISTER + quote + ". " + OTHER
    result = layered(quote, main, TextLayer("page", page))
    assert where(result) == (Verdict.MISMATCH, "main")


def test_a_retracted_word_struck_out_of_the_main_text_is_a_mismatch() -> None:
    main = FILLER + "The council rejected the budget on Monday after a long debate. " + OTHER
    page = main.replace("rejected", "approved rejected")
    result = layered("The council approved the budget on Monday", main, TextLayer("page", page))
    assert result.verdict is Verdict.MISMATCH


@pytest.mark.parametrize(
    "quote", ["was £20, now £15", "Ticket price: was £20, now £15, the operator said"]
)
def test_words_only_left_out_of_the_main_text_are_no_contradiction(quote: str) -> None:
    # A struck price a reader sees: the main text leaves it out, the page keeps it.
    main = FILLER + "Ticket price: was , now £15, the operator said on Monday. " + OTHER
    page = main.replace("was ,", "was £20,")
    assert layered(quote, main, TextLayer("page", page)).verdict in (
        Verdict.VERIFIED,
        Verdict.APPROXIMATE,
    )


def test_a_negation_left_out_of_the_main_text_still_contradicts() -> None:
    main = FILLER + "The council will approve the harbour budget on Monday, it said. " + OTHER
    page = main.replace("will approve", "will not approve")
    result = layered(
        "The council will not approve the harbour budget on Monday", main, TextLayer("page", page)
    )
    assert result.verdict is Verdict.MISMATCH


# ------------------------------------------------------------------ a plus or a margin sign

SALES = (
    "Ticket sales rose +12% in the third quarter, the operator said. The poll has a margin of "
    "error of ±3 per cent, the pollster said. Temperatures fell to -5 °C overnight."
)


@pytest.mark.parametrize(
    "quote",
    [
        "Ticket sales rose 12% in the third quarter, the operator said",
        "The poll has a margin of error of 3 per cent, the pollster said",
    ],
)
def test_a_dropped_plus_or_margin_sign_is_the_same_value(quote: str) -> None:
    result = layered(quote, SALES)
    assert result.verdict is Verdict.APPROXIMATE
    assert critical(result) == []
    assert [op.source for op in result.diff or () if op.op != "equal"] in (["+"], ["±"])


def test_an_added_plus_is_the_same_value() -> None:
    source = "Ticket sales rose 12% in the third quarter, the operator said on Monday."
    quote = "Ticket sales rose +12% in the third quarter, the operator said"
    assert layered(quote, source).verdict is Verdict.APPROXIMATE


@pytest.mark.parametrize(
    "quote",
    [
        "Ticket sales rose -12% in the third quarter, the operator said",
        "Temperatures fell to 5 °C overnight",
        "Temperatures fell to +5 °C overnight",
        "Temperatures fell to ±5 °C overnight",
    ],
)
def test_a_minus_dropped_added_or_turned_plus_is_still_a_changed_figure(quote: str) -> None:
    assert layered(quote, SALES).verdict is Verdict.MISMATCH


# ------------------------------------------------------------------ exponents after a parenthesis

FORMULA = (
    "The figure is (a+b)² in the model, and the cost is (12)² pounds. The area grows as x² "
    "when the side doubles, and the volume is 3.4 × 10⁶ cubic metres."
)


@pytest.mark.parametrize(
    "quote",
    [
        "The figure is (a+b)² in the model",
        "The figure is (a+b)^2 in the model",
        "the cost is (12)^2 pounds",
        "The area grows as x^2 when the side doubles",
        "the volume is 3.4 × 10^6 cubic metres",
    ],
)
def test_an_exponent_with_a_caret_or_a_superscript_is_the_same(quote: str) -> None:
    assert layered(quote, FORMULA).verdict is Verdict.VERIFIED


@pytest.mark.parametrize(
    "quote",
    [
        "The figure is (a+b)2 in the model",
        "the cost is (12)2 pounds",
        "the cost is (12)^3 pounds",
        "the volume is 3.4 × 106 cubic metres",
    ],
)
def test_an_exponent_after_a_parenthesis_or_digit_is_no_plain_digit(quote: str) -> None:
    assert layered(quote, FORMULA).verdict is Verdict.MISMATCH


# ------------------------------------------------------------------ a bracket naming another person

HARBOUR = (
    "The harbour master, Peter Lund, said the pier was safe. Lund added that repairs would "
    "begin in May and finish by the end of the summer."
)
MAYOR = (
    "Mayor Jane Doe said she would not seek re-election after the ferry dispute, ending a "
    "twelve-year tenure at the town hall."
)


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        ("[Harbour master Anna Berg] added that repairs would begin in May", HARBOUR),
        ("[Anna Berg] added that repairs would begin in May", HARBOUR),
        ("[Mayor John Roe] would not seek re-election after the ferry dispute", MAYOR),
        ("Mayor Jane Doe said [John Roe] would not seek re-election", MAYOR),
    ],
)
def test_a_bracket_naming_someone_the_passage_does_not_is_a_mismatch(
    quote: str, source: str
) -> None:
    result = layered(quote, source)
    assert result.verdict is Verdict.MISMATCH
    assert any(q.startswith("[") for q, _ in critical(result))


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        ("[Harbour master Peter Lund] added that repairs would begin in May", HARBOUR),
        ("[Harbour master Lund] added that repairs would begin in May", HARBOUR),
        ("[Peter Lund] added that repairs would begin in May", HARBOUR),
        ("[the Mayor, Jane Doe] would not seek re-election after the ferry dispute", MAYOR),
        ("[Mayor Doe] would not seek re-election after the ferry dispute", MAYOR),
        ("Mayor Jane Doe said [she] would not seek re-election", MAYOR),
    ],
)
def test_a_bracket_naming_the_passages_person_in_any_form_clarifies(
    quote: str, source: str
) -> None:
    assert layered(quote, source).verdict is Verdict.VERIFIED


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        # The source names no person near the passage ("Downing Street" is a place).
        (
            "[Prime Minister Boris Johnson] would not seek re-election after the dispute",
            "The prime minister said he would not seek re-election after the dispute, "
            "Downing Street said.",
        ),
        # No person is replaced ("it").
        (
            "[New York] would not seek re-election after the ferry dispute",
            "Mayor Jane Doe said it would not seek re-election after the ferry dispute.",
        ),
        # The pronoun's person is named earlier in the article, another person nearby.
        (
            "[Boris Johnson] would not seek re-election after the ferry dispute",
            "Boris Johnson arrived at the hall early. "
            + "The session went on for hours with many speeches about many things. " * 8
            + "Jane Doe said the vote was close. He said he would not seek re-election after "
            "the ferry dispute.",
        ),
    ],
)
def test_a_full_name_in_a_bracket_with_no_other_person_to_stand_for_clarifies(
    quote: str, source: str
) -> None:
    assert layered(quote, source).verdict is Verdict.VERIFIED
