"""Matcher fixes from black-box QA round 18: brackets naming the same person in full or by
title, layout-only differences of the main text, struck words with nothing in their place, an
added "+" in a short quote, and "far from" dropped from longer quotes or under an ellipsis."""

from __future__ import annotations

import pytest

from claimcheck.match import match_quote
from claimcheck.model import MatchResult, TextLayer, Verdict


def layered(quote: str, main: str, *more: TextLayer) -> MatchResult:
    return match_quote(quote, [TextLayer("main", main), *more])


# ------------------------------------------------------------------ brackets naming a person

DOCK = (
    "The ferry board heard from dock warden Tomas Vik on Tuesday. Vik said the new pier "
    "would open in 9 weeks."
)


@pytest.mark.parametrize(
    "quote",
    [
        "[Tomas Vik] said the new pier would open in 9 weeks",
        "[T. Vik] said the new pier would open in 9 weeks",
        "[Vik] said the new pier would open in 9 weeks",
    ],
)
def test_a_bracket_naming_the_same_person_in_full_or_by_initial_clarifies(quote: str) -> None:
    assert layered(quote, DOCK).verdict is Verdict.VERIFIED


@pytest.mark.parametrize(
    "quote",
    [
        "[Maria Holm] said the new pier would open in 9 weeks",
        "[M. Holm] said the new pier would open in 9 weeks",
    ],
)
def test_a_bracket_naming_another_person_is_still_a_mismatch(quote: str) -> None:
    result = layered(quote, DOCK)
    assert result.verdict is Verdict.MISMATCH
    # The bracket stands for the quote's own sentence, not for "Tuesday." before it.
    assert all("Tuesday" not in op.source for op in result.diff or () if op.critical)


@pytest.mark.parametrize("bracket", ["[K. Vik]", "[Karin Vik]"])
def test_another_given_name_with_the_same_surname_is_another_person(bracket: str) -> None:
    result = layered(f"{bracket} said the new pier would open in 9 weeks", DOCK)
    assert result.verdict is Verdict.MISMATCH


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        (
            "The board heard from Peter James Lund on Monday. Lund said the pier was safe.",
            "[Peter Lund] said the pier was safe",
        ),
        (
            "Giám đốc Sở Giao thông Nguyễn Văn Hùng phát biểu. Ông Hùng khẳng định giá vé sẽ ổn định.",
            "[Ông Nguyễn Văn Hùng] khẳng định giá vé sẽ ổn định",
        ),
    ],
)
def test_a_bracket_with_fewer_or_more_given_names_of_the_same_person_clarifies(
    source: str, quote: str
) -> None:
    assert layered(quote, source).verdict is Verdict.VERIFIED


SPEECH = "Helga Brandt spoke on Tuesday. She said the bridge would cost 7 million euros."


@pytest.mark.parametrize(
    "quote",
    [
        "[Chancellor Brandt] said the bridge would cost 7 million euros",
        "[Mrs Brandt] said the bridge would cost 7 million euros",
        "[Brandt] said the bridge would cost 7 million euros",
    ],
)
def test_a_title_and_surname_for_a_pronoun_clarifies(quote: str) -> None:
    assert layered(quote, SPEECH).verdict is Verdict.VERIFIED


def test_a_full_name_of_someone_else_for_a_pronoun_is_a_mismatch() -> None:
    source = "Mayor Helga Brandt spoke on Tuesday. She said the bridge was paid for."
    result = layered("[Mayor Karl Roth] said the bridge was paid for", source)
    assert result.verdict is Verdict.MISMATCH


# ------------------------------------------------------------------ stale-layer rule

FILLER = (
    "The harbour board met on a windy morning to review the year's accounts and the plans "
    "for the coming season, with members from every ward attending the session. "
)


@pytest.mark.parametrize(
    ("quote", "main", "page"),
    [
        ("is 5 km2 in total", "The area is 5 km\n2 in total.", "The area is 5 km2 in total."),
        ("is 5 km² in total", "The area is 5 km\n2 in total.", "The area is 5 km2 in total."),
        ("la 1.ª vez que ocurre", "Es la 1.\na vez que ocurre.", "Es la 1.ª vez que ocurre."),
    ],
)
def test_a_line_break_before_a_superscript_in_main_is_no_contradiction(
    quote: str, main: str, page: str
) -> None:
    assert layered(quote, main, TextLayer("page", page)).verdict is Verdict.VERIFIED


def test_another_figure_after_the_line_break_still_contradicts() -> None:
    result = layered(
        "la 1.ª vez que ocurre",
        "Es la 2.\na vez que ocurre.",
        TextLayer("page", "Es la 2.ª vez que ocurre."),
    )
    assert result.verdict is Verdict.MISMATCH


@pytest.mark.parametrize(
    ("quote", "struck"),
    [
        ("The council unanimously approved the budget on Monday", "unanimously"),
        ("unanimously approved the budget on Monday", "unanimously"),
        ("The suspect, a local teacher, was arrested on Friday night", "a local teacher"),
    ],
)
def test_struck_words_with_nothing_in_their_place_are_found_but_not_verified(
    quote: str, struck: str
) -> None:
    page = (
        FILLER + "The council unanimously approved the budget on Monday. "
        "The suspect, a local teacher, was arrested on Friday night. " + FILLER
    )
    main = page.replace("unanimously ", "").replace(" a local teacher,", "")
    result = layered(quote, main, TextLayer("page", page))
    assert result.verdict is Verdict.APPROXIMATE
    assert result.evidence is not None and result.evidence.matched_in == "page"
    assert f"leaves out '{struck}'" in result.detail


def test_a_quote_without_the_struck_words_stays_verified() -> None:
    page = FILLER + "The council unanimously approved the budget on Monday. " + FILLER
    main = page.replace("unanimously ", "")
    result = layered("The council approved the budget on Monday", main, TextLayer("page", page))
    assert result.verdict is Verdict.VERIFIED


def test_a_struck_negation_is_still_a_mismatch() -> None:
    page = FILLER + "The minister said the plan was not affordable for the city. " + FILLER
    main = page.replace("not ", "")
    result = layered("the plan was not affordable for the city", main, TextLayer("page", page))
    assert result.verdict is Verdict.MISMATCH


def test_a_hidden_sentence_main_lacks_whole_stays_verified() -> None:
    hidden = "Fares will rise by 4 per cent from April, the operator said."
    main = FILLER + "Read more"
    page = main + " " + hidden
    assert layered(hidden, main, TextLayer("page", page)).verdict is Verdict.VERIFIED


@pytest.mark.parametrize(
    "quote",
    [
        "The old mill on the river, photographed in 1931 before the fire",
        # Starting with a word the paragraph before ends with: main still lacks the caption.
        "the river, photographed in 1931 before the fire",
    ],
)
def test_a_caption_main_leaves_out_whole_stays_verified(quote: str) -> None:
    # trafilatura drops a caption between two paragraphs; main then has the paragraphs side
    # by side, which is no sign that the caption's words were taken back.
    before = "The council met on Monday to discuss the future of the mill by the river."
    after = "Members agreed to repair the roof before the winter."
    caption = "The old mill on the river, photographed in 1931 before the fire."
    main = f"{before}\n\n{after}"
    page = f"{before}\n\n{caption}\n\n{after}"
    assert layered(quote, main, TextLayer("page", page)).verdict is Verdict.VERIFIED


# ------------------------------------------------------------------ an added "+"


@pytest.mark.parametrize("sign", ["+", "±"])
def test_a_sign_added_to_a_figure_of_a_short_quote_is_approximate(sign: str) -> None:
    result = layered(f"{sign}12% this year", "Profit grew 12% this year, the company said.")
    assert result.verdict is Verdict.APPROXIMATE
    assert sign in result.detail


def test_a_minus_added_to_a_figure_of_a_short_quote_is_no_match() -> None:
    result = layered("-12% this year", "Profit grew 12% this year, the company said.")
    assert result.verdict is not Verdict.APPROXIMATE
    assert result.verdict is not Verdict.VERIFIED


# ------------------------------------------------------------------ "far from"


@pytest.mark.parametrize(
    "quote",
    ["is perfect, and costs only 40 euros", "is perfect but costs only 40 euros"],
)
def test_far_from_dropped_from_a_longer_quote_is_a_mismatch(quote: str) -> None:
    source = "The hotel is far from perfect, and costs only 40 euros."
    if " but " in quote:
        source = "The hotel is far from perfect but costs only 40 euros."
    assert layered(quote, source).verdict is Verdict.MISMATCH


@pytest.mark.parametrize("aux", ["being", "having"])
def test_an_ellipsis_over_far_from_and_an_auxiliary_is_a_mismatch(aux: str) -> None:
    source = f"The project is far from {aux} finished, officials admitted."
    assert layered("the project is ... finished", source).verdict is Verdict.MISMATCH


def test_an_ellipsis_over_a_literal_far_from_aside_stays_verified() -> None:
    source = "The hotel, far from the noisy centre, is quiet and cheap."
    assert layered("The hotel ... is quiet and cheap", source).verdict is Verdict.VERIFIED


# ------------------------------------------------------------------ after the final review


@pytest.mark.parametrize("bracket", ["[J. Lund]", "[John Lund]", "[J. P. Lund]"])
def test_a_bracket_leaving_out_a_middle_name_names_the_same_person(bracket: str) -> None:
    main = "The harbour master, John Peter Lund, said the new pier would open in May."
    result = layered(f"{bracket} said the new pier would open in May", main)
    assert result.verdict is Verdict.VERIFIED, result.detail


def test_a_bracket_with_another_initial_is_still_another_person() -> None:
    main = "The harbour master, John Peter Lund, said the new pier would open in May."
    result = layered("[K. Lund] said the new pier would open in May", main)
    assert result.verdict is Verdict.MISMATCH


@pytest.mark.parametrize(
    ("main", "quote"),
    [
        # "far from" as a distance or a point, not a negation.
        (
            "The cottage stands not far from the old harbour wall on the north side.",
            "the old harbour wall on the north side",
        ),
        (
            "Exports have risen so far from the low point of 2020 that the port is full.",
            "the low point of 2020 that the port is full",
        ),
        (
            "Many workers live far from their families during the fishing season.",
            "their families during the fishing season",
        ),
    ],
)
def test_a_quote_after_a_literal_far_from_stays_verified(main: str, quote: str) -> None:
    assert layered(quote, main).verdict is Verdict.VERIFIED


def test_a_quote_after_far_from_as_a_negation_is_still_a_mismatch() -> None:
    main = "Officials said the repairs were far from finished when the storm arrived."
    result = layered("finished when the storm arrived", main)
    assert result.verdict is Verdict.MISMATCH
