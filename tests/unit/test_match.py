"""Tests for `claimcheck.match`: the tiers, the critical word diff, segments, brackets, layers."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import match as match_module
from claimcheck.match import (
    APPROXIMATE_MIN_SCORE,
    MAX_SEGMENT_GAP,
    match_quote,
    split_segments,
)
from claimcheck.model import ClaimKind, DiffOp, MatchResult, TextLayer, Tier, Verdict, quote_kind

# A source in the shapes extraction gives: paragraphs, curly quotes, dashes, a figure, names.
SOURCE = (
    "Regional Affairs | Energy | Opinion\n\n"
    "The harbour authority announced on Monday that the new rail link \u201cwill carry freight "
    "from the inland terminals to the coast within eight years\u201d. Its director, Mara "
    "Lindqvist, said the scheme\u2019s budget \u2014 estimated at 240\u00a0million euros \u2014 "
    "would be shared by the two provinces and the national fund.\n\n"
    "Opponents warned that the line is not sustainable without\u00a0steady public subsidy, and "
    "that the ferry operators had never been consulted. The council in Valmora welcomed the "
    "decision after a long debate.\n\n"
    "In 2019 the (then recently founded) Coastal Transport Forum met in Arlen. The Coastal "
    "Transport Forum had been criticised for years for its slow progress. Officials in Arlen "
    "have repeatedly described the link as a national priority for the next decade.\n"
)
MAIN = TextLayer("main", SOURCE)


def match(quote: str, *layers: TextLayer, kind: ClaimKind = ClaimKind.QUOTE) -> MatchResult:
    return match_quote(quote, list(layers) or [MAIN], kind=kind)


def critical_ops(result: MatchResult) -> list[tuple[str, str, str]]:
    return [(op.op, op.quote, op.source) for op in result.diff or () if op.critical]


# ------------------------------------------------------------------------ verified tiers


def test_verbatim_quote_is_exact_with_evidence_in_the_original() -> None:
    quote = "will carry freight from the inland terminals to the coast within eight years"
    result = match(quote)
    assert (result.verdict, result.tier, result.score) == (Verdict.VERIFIED, Tier.EXACT, 1.0)
    ev = result.evidence
    assert ev is not None
    assert ev.text == quote
    assert SOURCE[ev.start : ev.end] == quote
    assert ev.matched_in == "main"
    assert quote in ev.context and len(ev.context) > len(quote) + 100
    assert ev.page is None
    assert result.diff is None


def test_straight_quotes_and_apostrophes_match_curly_ones() -> None:
    result = match("the scheme's budget - estimated at 240 million euros - would be shared")
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.NORMALISED)
    assert result.evidence is not None
    # The evidence is the source's own characters: curly apostrophe, em dashes, NBSP.
    assert result.evidence.text == (
        "the scheme\u2019s budget \u2014 estimated at 240\u00a0million euros \u2014 would be shared"
    )


def test_curly_quote_marks_inside_the_quote() -> None:
    result = match(
        'announced on Monday that the new rail link "will carry freight from the inland terminals'
    )
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.NORMALISED)


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("the years 2010\u20132020 were hard", "the years 2010-2020 were hard"),
        ("a long \u2014 and costly \u2014 process", "a long - and costly - process"),
        ("it was not\u00a0sustainable in the end", "it was not sustainable in the end"),
        ("the \ufb01nal \ufb02oor of the building", "the final floor of the building"),
        ("an extra\u00adordinary meeting of the board", "an extraordinary meeting of the board"),
        ("a big\u00ad\nger budget for the port", "a bigger budget for the port"),
        ("the harbour\u2009authority said it would", "the harbour authority said it would"),
        ("it\u02bcs the country\u2019s own decision", "it's the country's own decision"),
    ],
)
def test_normalised_tier(source: str, quote: str) -> None:
    result = match(quote, TextLayer("main", f"Intro text. {source}. More text."))
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.NORMALISED)
    assert result.evidence is not None and result.evidence.text == source


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("Ankara and \u0130zmir signed the accord", "ANKARA AND İZMİR SIGNED THE ACCORD"),
        ("D\u0130YARBAKIR VE I\u011eDIR illeri", "Diyarbak\u0131r ve I\u011fd\u0131r illeri"),
        ("the Caf\u00e9 R\u00e9publique opened its doors", "the Cafe Republique opened its doors"),
        ("the \u015fehir council met on Monday", "the sehir council met on Monday"),
        (
            "the inter-\nnational freight corridor opened",
            "the international freight corridor opened",
        ),
        (
            "economic security \u2014 not integration alone",
            "economic security-not integration alone",
        ),
    ],
)
def test_tolerant_tier(source: str, quote: str) -> None:
    result = match(quote, TextLayer("main", f"Intro text. {source}. More text."))
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.TOLERANT)
    assert result.evidence is not None and result.evidence.text == source


def test_pdf_line_end_hyphen_with_page_number() -> None:
    pdf = TextLayer(
        "pdf",
        "Page one text about ports.\fThe provinces agreed an inter-\nregional transport plan "
        "with a shared budget.",
        page_starts=(0, 27),
    )
    result = match("agreed an interregional transport plan with a shared budget", pdf)
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.TOLERANT)
    assert result.evidence is not None
    assert result.evidence.text == "agreed an inter-\nregional transport plan with a shared budget"
    assert result.evidence.page == 2
    assert result.evidence.matched_in == "pdf"


def test_a_real_compound_is_not_joined() -> None:
    layer = TextLayer("main", "They rejected the well-known plan from the start.")
    assert match("They rejected the wellknown plan", layer).verdict is not Verdict.VERIFIED
    assert match("They rejected the well-known plan", layer).tier is Tier.EXACT


def test_quote_across_a_paragraph_break() -> None:
    result = match("would be shared by the two provinces and the national fund. Opponents warned")
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.NORMALISED)
    assert result.evidence is not None and "\n\nOpponents" in result.evidence.text


def test_article_punctuation_at_the_edges_is_not_required() -> None:
    # “… in the coastal towns,” she said — the comma inside the quote marks is the article's.
    result = match("The council in Valmora welcomed the decision,")
    assert result.verdict is Verdict.VERIFIED


# ------------------------------------------------------------------------ segments


def test_split_segments() -> None:
    assert split_segments("one two \u2026 three [...] four [\u2026] five ... six (...) seven") == [
        "one two",
        "three",
        "four",
        "five",
        "six",
        "seven",
    ]
    assert split_segments("\u2026 only this part.") == ["only this part."]
    assert split_segments("no ellipsis here") == ["no ellipsis here"]


@pytest.mark.parametrize("ellipsis", ["\u2026", "...", "[...]", "[\u2026]", ". . ."])
def test_elided_quote(ellipsis: str) -> None:
    quote = (
        f"Opponents warned that the line is not sustainable {ellipsis} the ferry operators "
        "had never been consulted"
    )
    result = match(quote)
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.EXACT)
    assert result.evidence is not None
    assert result.evidence.text.startswith("Opponents warned")
    assert result.evidence.text.endswith("never been consulted")
    assert result.diff is not None
    elided = [op for op in result.diff if op.op == "insert"]
    assert [(op.quote, op.source) for op in elided] == [
        (ellipsis, "without\u00a0steady public subsidy, and that")
    ]


def test_segments_in_reversed_order_are_not_verified() -> None:
    quote = (
        "the ferry operators had never been consulted \u2026 Opponents warned that the line "
        "is not sustainable"
    )
    result = match(quote)
    assert result.verdict is Verdict.NOT_FOUND
    assert "not in order" in result.detail


def test_segments_too_far_apart_are_not_verified() -> None:
    filler = "Unrelated filler sentence about the weather. " * (MAX_SEGMENT_GAP // 40)
    layer = TextLayer("main", f"The first part is right here. {filler} The second part is here.")
    assert match("The first part is right here \u2026 The second part is here", layer).verdict is (
        Verdict.NOT_FOUND
    )
    near = TextLayer("main", "The first part is right here. The second part is here.")
    assert match("The first part is right here \u2026 The second part is here", near).verdict is (
        Verdict.VERIFIED
    )


def test_a_short_segment_is_not_searched_alone() -> None:
    # "slow progress" occurs much further on than one sentence. A segment of fewer than four
    # words must sit right next to its neighbour, so this elision cannot be verified.
    far = "Opponents warned that the line \u2026 slow progress"
    assert match(far).verdict is not Verdict.VERIFIED
    # Right next to it, it can.
    near = "had been criticised for years \u2026 its slow progress"
    assert match(near).verdict is Verdict.VERIFIED


# ------------------------------------------------------------------------ brackets, parentheses


def test_bracketed_insertion_shows_what_it_replaced() -> None:
    result = match("The council in [the port city] welcomed the decision after a long debate")
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.NORMALISED)
    assert result.diff is not None
    replaced = [op for op in result.diff if op.op == "replace"]
    assert [(op.quote, op.source, op.critical) for op in replaced] == [
        ("[the port city]", "Valmora", False)
    ]
    assert result.evidence is not None
    assert (
        result.evidence.text == "The council in Valmora welcomed the decision after a long debate"
    )


def test_bracket_changing_a_letter() -> None:
    result = match("[t]he harbour authority announced on Monday")
    assert result.verdict is Verdict.VERIFIED


def test_bracket_may_replace_nothing() -> None:
    result = match("Its director, Mara Lindqvist, said the scheme's budget [for the link]")
    assert result.verdict is Verdict.VERIFIED


def test_bracket_next_to_another_change_is_not_a_name_change() -> None:
    result = match(
        "The council in [the port city] warmly welcomed the decision after a long debate"
    )
    assert result.verdict is Verdict.APPROXIMATE
    changes = [
        (op.op, op.quote, op.source, op.critical) for op in result.diff or () if op.op != "equal"
    ]
    assert changes == [
        ("replace", "[the port city]", "Valmora", False),
        ("delete", "warmly", "", False),
    ]


def _changes(result: MatchResult) -> list[tuple[str, str, str, bool]]:
    return [
        (op.op, op.quote, op.source, op.critical) for op in result.diff or () if op.op != "equal"
    ]


@pytest.mark.parametrize(
    ("quote", "replaced"),
    [
        # The source's last replaced word runs into the punctuation after the bracket.
        ("Its director, [the planner], said the scheme", "Mara Lindqvist"),
        ("from the inland terminals to the coast within [that time]”. Its director", None),
        ("said the scheme’s budget —[the estimate]— would be shared", None),
    ],
)
def test_a_bracket_next_to_punctuation_is_found_by_the_exact_tiers(
    quote: str, replaced: str | None
) -> None:
    result = match(quote)
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.NORMALISED), result.detail
    if replaced is not None:
        assert ("replace", "[the planner]", replaced, False) in _changes(result)


def test_the_approximate_tier_lets_a_bracket_stand_for_a_long_phrase() -> None:
    """`[she]` stands for 14 characters; with another word changed, only the approximate tier
    can place the quote, and the bracket's words must not count as edits there."""
    result = match(
        "Its director, [she], said the scheme’s budget — estimated at 240 million euros — would "
        "be split by the two provinces"
    )
    assert result.verdict is Verdict.APPROXIMATE, result.detail
    assert _changes(result) == [
        ("replace", "[she]", "Mara Lindqvist", False),
        ("replace", "split", "shared", False),
    ]


def test_a_changed_figure_beside_a_long_bracket_is_a_mismatch() -> None:
    result = match(
        "Its director, [the woman in charge of the project], said the scheme’s budget "
        "— estimated at 250 million euros — would be shared"
    )
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert ("replace", "250", "240", True) in _changes(result)
    assert ("replace", "[the woman in charge of the project]", "Mara Lindqvist", False) in (
        _changes(result)
    )


def test_a_bracket_opening_a_segment_stands_for_its_own_word_count_in_every_tier() -> None:
    exact = match("[The two regions] would be shared by the two provinces and the national fund")
    assert exact.verdict is Verdict.VERIFIED  # "the two provinces": exact tiers, three words
    changed = match("[The officials] have repeatedly described the link as a key priority")
    assert changed.verdict is Verdict.APPROXIMATE, changed.detail
    assert _changes(changed) == [
        ("replace", "[The officials]", "in Arlen", False),
        ("replace", "key", "national", False),
    ]


def test_parenthetical_author_insertion_is_approximate_and_shown() -> None:
    result = match(
        "The (now defunct) Coastal Transport Forum had been criticised for years for its slow progress"
    )
    assert (result.verdict, result.tier) == (Verdict.APPROXIMATE, Tier.APPROXIMATE)
    assert result.diff is not None
    changes = [(op.op, op.quote, op.source, op.critical) for op in result.diff if op.op != "equal"]
    assert changes == [("delete", "(now defunct)", "", False)]
    assert result.evidence is not None
    assert result.evidence.text == (
        "The Coastal Transport Forum had been criticised for years for its slow progress"
    )
    assert result.score < 1.0


# ------------------------------------------------------------------------ the critical diff


def test_changed_number_is_a_mismatch_not_a_high_score() -> None:
    result = match("the scheme's budget - estimated at 420 million euros - would be shared")
    assert result.verdict is Verdict.MISMATCH
    assert result.score > 0.95  # a similarity threshold alone would have said "found"
    assert critical_ops(result) == [("replace", "420", "240")]
    assert result.evidence is not None and "240" in result.evidence.text


def test_changed_number_word_is_a_mismatch() -> None:
    result = match("will carry freight from the inland terminals to the coast within ten years")
    assert result.verdict is Verdict.MISMATCH
    assert critical_ops(result) == [("replace", "ten", "eight")]


def test_changed_magnitude_is_a_mismatch() -> None:
    result = match("the scheme's budget - estimated at 240 billion euros - would be shared")
    assert result.verdict is Verdict.MISMATCH


def test_changed_unit_is_a_mismatch() -> None:
    layer = TextLayer("main", "The new pipeline will run for 120 kilometres across the plain.")
    result = match("The new pipeline will run for 120 miles across the plain", layer)
    assert result.verdict is Verdict.MISMATCH
    assert critical_ops(result) == [("replace", "miles", "kilometres")]


@pytest.mark.parametrize(
    ("source_unit", "quote_unit"),
    [("megabits", "gigabits"), ("metres", "feet"), ("kilograms", "tonnes")],
)
def test_changed_unit_from_the_fact_parsers_table_is_a_mismatch(
    source_unit: str, quote_unit: str
) -> None:
    layer = TextLayer(
        "main", f"Homes on the ridge still cannot get more than 10 {source_unit} at peak."
    )
    result = match(f"cannot get more than 10 {quote_unit} at peak", layer)
    assert result.verdict is Verdict.MISMATCH
    assert critical_ops(result) == [("replace", quote_unit, source_unit)]


def test_inserted_not_is_a_mismatch() -> None:
    result = match("The council in Valmora had not welcomed the decision after a long debate")
    assert result.verdict is Verdict.MISMATCH
    assert any(
        op.quote == "had not" or "not" in op.quote for op in result.diff or () if op.critical
    )


def test_removed_not_is_a_mismatch() -> None:
    result = match("Opponents warned that the line is sustainable without steady public subsidy")
    assert result.verdict is Verdict.MISMATCH
    assert critical_ops(result) == [("insert", "", "not")]


def test_a_negation_dropped_from_a_short_quote_with_its_adverb_is_a_mismatch() -> None:
    """ "not yet" is two of the six words, so the passage is only 0.67 alike word for word; but
    the one word besides the negation makes it the same passage with the negation taken out."""
    layer = TextLayer(
        "main", "After four rounds of funding, our company has not yet made a profit."
    )
    result = match("Our company has made a profit", layer)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert critical_ops(result) == [("insert", "", "not yet")]


NO_LONGER = TextLayer(
    "main",
    "Since the sanctions began, the firm no longer exports grain to the northern provinces by "
    "rail or by sea. Deliveries were not disrupted, the firm said, and the port never closed.",
)


def test_an_inserted_negation_the_alignment_slid_past_is_a_mismatch_not_approximate() -> None:
    """Aligned by characters, the passage began at "longer exports": the diff said "the firm"
    was swapped for "longer", 12 of 14 words agreed, and the quote came out `approximate`."""
    result = match("the firm exports grain to the northern provinces by rail or by sea", NO_LONGER)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert critical_ops(result) == [("insert", "", "no longer")]
    assert result.evidence is not None
    assert result.evidence.text.startswith("the firm no longer exports")


@pytest.mark.parametrize(
    ("quote", "flagged"),
    [
        ("Deliveries were disrupted", ("insert", "", "not")),
        ("the port closed", ("insert", "", "never")),
        ("the port never reopened", None),  # another word: not the same passage
        ("the firm was wrong", None),
    ],
)
def test_a_three_word_quote_differing_only_in_a_negation_is_a_mismatch(
    quote: str, flagged: tuple[str, str, str] | None
) -> None:
    result = match(quote, NO_LONGER)
    if flagged is None:
        assert result.verdict is Verdict.NOT_FOUND
    else:
        assert result.verdict is Verdict.MISMATCH, result.detail
        assert critical_ops(result) == [flagged]


@pytest.mark.parametrize(
    ("quote", "flagged"),
    [
        ("the bridge is open to lorries", "still not"),
        ("the bridge is open", "still not"),
        ("tolls were collected", "no longer"),
        ("Tolls were ever collected there", "hardly"),
    ],
)
def test_a_short_quote_missing_a_negation_phrase_is_a_mismatch(quote: str, flagged: str) -> None:
    """Too many edits for the alignment in so few words ("still not " is ten characters); the
    words of the quote are all there, in order, with only the negation between them."""
    layer = TextLayer(
        "main",
        "A year after the repairs, the bridge is still not open to lorries. Tolls were no longer "
        "collected once the council took it over, and tolls were hardly ever collected there.",
    )
    result = match(quote, layer)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert critical_ops(result) == [("insert", "", flagged)]


@pytest.mark.parametrize(
    ("quote", "source", "flagged"),
    [
        ("Exports were hit", "Exports weren\u2019t hit by the strike.", ("were", "weren\u2019t")),
        ("Exports weren't hit", "Exports were hit.", ("weren't", "were")),
        ("Ferries will sail", "Ferries won't sail today.", ("will", "won't")),
        ("Ferries cannot sail", "Ferries can sail today.", ("cannot", "can")),
        ("Ferries can sail", "Ferries can't sail today.", ("can", "can't")),
    ],
)
def test_a_short_quote_with_a_contracted_negation_is_a_mismatch(
    quote: str, source: str, flagged: tuple[str, str]
) -> None:
    result = match(quote, TextLayer("main", source))
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert critical_ops(result) == [("replace", *flagged)]


def test_numbers_and_negations_do_not_make_an_unrelated_passage_a_mismatch() -> None:
    """Leaving the differing figures out of the count still leaves too many other words."""
    layer = TextLayer(
        "main", "Ticket sales fell by 12 per cent in 2021 as fewer tourists visited the island."
    )
    result = match("Hotel bookings rose by 30 per cent in 2023 as more visitors came", layer)
    assert result.verdict is Verdict.NOT_FOUND, result.detail


def test_contracted_negation_is_a_mismatch() -> None:
    layer = TextLayer("main", "The ministry said the ferry operators did object to the timetable.")
    result = match("the ferry operators didn't object to the timetable", layer)
    assert result.verdict is Verdict.MISMATCH


def test_swapped_name_is_a_mismatch() -> None:
    result = match("Its director, Mara Lindgren, said the scheme's budget would be shared")
    assert result.verdict is Verdict.MISMATCH
    assert critical_ops(result) == [("replace", "Lindgren", "Lindqvist")]


def test_swapped_sentence_initial_name_is_a_mismatch() -> None:
    result = match("Officials in Brenna have repeatedly described the link as a national priority")
    assert result.verdict is Verdict.MISMATCH
    layer = TextLayer("main", "Ankara has repeatedly said that the route is a strategic priority.")
    assert match(
        "Paris has repeatedly said that the route is a strategic priority", layer
    ).verdict is (Verdict.MISMATCH)


def test_one_swapped_ordinary_word_is_approximate_with_its_diff() -> None:
    result = match(
        "Opponents cautioned that the line is not sustainable without steady public subsidy"
    )
    assert (result.verdict, result.tier) == (Verdict.APPROXIMATE, Tier.APPROXIMATE)
    assert APPROXIMATE_MIN_SCORE <= result.score < 1.0
    changes = [
        (op.op, op.quote, op.source, op.critical) for op in result.diff or () if op.op != "equal"
    ]
    assert changes == [("replace", "cautioned", "warned", False)]


def test_a_paraphrase_is_not_approximate() -> None:
    result = match("Critics said that the railway cannot survive lacking regular state money")
    assert result.verdict is Verdict.NOT_FOUND


def test_sentence_from_another_text_is_not_found() -> None:
    result = match("The orchestra will tour five cities in the spring with a new programme")
    assert result.verdict is Verdict.NOT_FOUND
    assert result.evidence is None


# ------------------------------------------------------------------------ terms and short quotes


def test_term_is_matched_as_a_whole_word_only() -> None:
    layer = TextLayer("main", "The corridors were reopened; a corridor-wide plan followed.")
    assert match("corridor", layer, kind=ClaimKind.TERM).verdict is Verdict.VERIFIED
    assert match("corrid", layer, kind=ClaimKind.TERM).verdict is Verdict.NOT_FOUND
    assert match("ridors", layer, kind=ClaimKind.TERM).verdict is Verdict.NOT_FOUND
    two = match(
        "Reopened Corridors", TextLayer("main", "the reopened corridors"), kind=ClaimKind.TERM
    )
    assert (two.verdict, two.tier) == (Verdict.VERIFIED, Tier.TOLERANT)


def test_term_has_no_approximate_tier() -> None:
    layer = TextLayer("main", "The so-called frozen conflict remained unresolved.")
    result = match("frozen conflicts", layer, kind=ClaimKind.TERM)
    assert result.verdict is Verdict.NOT_FOUND
    assert result.tier is None


def test_short_quote_is_not_matched_approximately() -> None:
    assert match("national fund policy").verdict is Verdict.NOT_FOUND


# ------------------------------------------------------------------------ layers


class CountingLayers:
    """Layers that record how many were built, to check they are consumed lazily."""

    def __init__(self, *layers: TextLayer) -> None:
        self.layers = layers
        self.built = 0

    def __iter__(self) -> Iterator[TextLayer]:
        for layer in self.layers:
            self.built += 1
            yield layer


def test_layers_are_consumed_lazily_until_verified() -> None:
    page = TextLayer("page", "Caption: the harbour crane lifted its first container today.")
    jsonld = TextLayer("jsonld", "never reached")
    layers = CountingLayers(TextLayer("main", "Main text without the caption."), page, jsonld)
    result = match_quote("the harbour crane lifted its first container today", layers)
    assert result.verdict is Verdict.VERIFIED
    assert result.evidence is not None and result.evidence.matched_in == "page"
    assert layers.built == 2


def test_best_result_over_layers() -> None:
    main = TextLayer("main", "The harbour crane lifted its first container on Friday.")
    page = TextLayer("page", "Menu. The harbour crane lifted its second container on Friday.")
    result = match_quote("the harbour crane lifted its big container on Friday", [page, main])
    assert result.verdict is Verdict.MISMATCH  # both close; neither is approximate
    assert match_quote("anything at all here", []).verdict is Verdict.NOT_FOUND
    approx = match_quote(
        "the harbour crane lifted its first box on Friday", [TextLayer("jsonld", "nothing"), main]
    )
    assert approx.verdict is Verdict.APPROXIMATE
    assert approx.evidence is not None and approx.evidence.matched_in == "main"


def aligned_texts() -> int:
    """How many texts the approximate tier has looked up seed words in since `clear_caches`."""
    return match_module._word_lookup.cache_info().currsize


def test_cheap_tiers_of_every_layer_run_before_any_alignment() -> None:
    """A caption found exactly in the page layer costs no alignment in the main layer."""
    main = TextLayer("main", "The harbour crane lifted a container in the port on Friday.")
    page = TextLayer("page", "Caption: the harbour crane lifted its first container today.")
    match_module.clear_caches()
    result = match_quote("the harbour crane lifted its first container today", [main, page])
    assert result.verdict is Verdict.VERIFIED and result.tier is Tier.EXACT
    assert aligned_texts() == 0
    # Nothing verified anywhere: both layers are aligned, and the better result wins.
    result = match_quote("the harbour crane lifted its first container early today", [main, page])
    assert aligned_texts() == 2
    assert result.verdict is Verdict.APPROXIMATE
    assert result.evidence is not None and result.evidence.matched_in == "page"


def test_page_is_not_aligned_again_once_main_placed_the_quote() -> None:
    body = "The harbour crane lifted its first container on Friday, officials said. "
    body += "Dockers unload the last coal barge of the week at the southern quay."
    main = TextLayer("main", body)
    page = TextLayer("page", "Menu | Ports | Contact\n" + body + "\nShare this article")
    match_module.clear_caches()
    result = match_quote("The harbour crane lifted its second container on Friday", [main, page])
    assert result.verdict is Verdict.MISMATCH
    assert result.evidence is not None and result.evidence.matched_in == "main"
    assert aligned_texts() == 1
    # A near miss in main does not count: the quote may be a changed caption, only in page.
    quote = "dockers unload the first grain ship of the year at the northern pier"
    near = match_quote(quote, [main])
    assert near.verdict is Verdict.NOT_FOUND and near.evidence is not None
    caption = "Photo: dockers unload the first grain ship of the season at the northern pier."
    page = TextLayer("page", page.text + "\n" + caption)
    match_module.clear_caches()
    result = match_quote(quote, [main, page])
    assert aligned_texts() == 2
    assert result.verdict is Verdict.APPROXIMATE
    assert result.evidence is not None and result.evidence.matched_in == "page"


def test_clear_caches_forgets_every_text() -> None:
    layer = TextLayer("main", SOURCE + " An extra line for a text of its own.")
    quote = "the line is sustainable without steady public subsidy"
    before = match_quote(quote, [layer])
    match_quote("line is sustainable", [layer])  # three words: a search of its own
    # Found only in the whole page: main's words are read for what it leaves out.
    match_quote("a caption of its own", [layer, TextLayer("page", "A caption of its own.")])
    # Every cache of the module, found by what it is rather than by a list that could fall
    # behind a new cache that `clear_caches` does not know about.
    caches = [value for value in vars(match_module).values() if hasattr(value, "cache_info")]
    assert len(caches) >= 5
    assert [cache.__name__ for cache in caches if not cache.cache_info().currsize] == []
    match_module.clear_caches()
    assert [cache.__name__ for cache in caches if cache.cache_info().currsize] == []
    assert match_quote(quote, [layer]) == before


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("ab _-.\u00e9\u0301\u0131\u2460") + ["ab", "a_b"]), max_size=40
    ).map("".join),
    st.sampled_from(["a", "ab", "b", "a_b", "\u00e9", "\u2460", "ba"]),
)
def test_word_positions_are_those_of_whole_word_tokens(text: str, word: str) -> None:
    tokens = [m.start() for m in re.finditer(r"\w+", text) if m.group() == word]
    assert match_module._word_positions(text, word) == tokens
    # The same when the occurrences are told apart by the regex (a common word).
    default = match_module._FIND_IN_PYTHON
    try:
        match_module._FIND_IN_PYTHON = -1
        assert match_module._word_positions(text, word) == tokens
    finally:
        match_module._FIND_IN_PYTHON = default
    lookup = match_module._WordLookup(text)
    assert lookup.count(word) == len(tokens)
    for _ in range(match_module.INDEX_AFTER_QUERIES):
        lookup.queried()
        assert lookup.positions(word, 2) == tokens[:2]
        assert lookup.count(word) == len(tokens)
    assert lookup.index is None  # looked up word by word for the first quotes
    lookup.queried()
    assert lookup.index is not None  # indexed from the next one on, with the same answers
    assert lookup.positions(word, 1000) == tokens
    assert lookup.positions(word, 2) == tokens[:2]
    assert lookup.count(word) == len(tokens)


# ------------------------------------------------------------------------ speed


def _long_page(rng: random.Random, size: int) -> str:
    syllables = "ba ke li mo nu ra se ti vo za dor len mar pik sul".split()
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(3000)]
    common = "the of and to a in that is was for on with as by it at from".split()
    words: list[str] = []
    length = 0
    while length < size:
        w = rng.choice(common) if rng.random() < 0.45 else rng.choice(vocab)
        words.append(w)
        length += len(w) + 1
        if rng.random() < 0.05:
            words[-1] += "."
    return " ".join(words)


def test_fifty_word_quote_in_a_300_kb_page_is_fast() -> None:
    rng = random.Random(7)
    page = _long_page(rng, 300_000)
    words = page.split(" ")
    layer = TextLayer("page", page)
    start = len(words) * 2 // 3
    verbatim = " ".join(words[start : start + 50])
    changed = words[start : start + 50]
    changed[20] = "swapped"
    changed_quote = " ".join(changed)
    match_quote(verbatim.replace(" ", "  ", 1) + " x", [layer])  # builds the page's caches once
    timings = []
    for quote, verdict in ((verbatim, Verdict.VERIFIED), (changed_quote, Verdict.APPROXIMATE)):
        t0 = time.perf_counter()
        result = match_quote(quote, [layer])
        timings.append(time.perf_counter() - t0)
        assert result.verdict is verdict
    # Speed is measured in bench/verify/match_speed.py, not asserted here (BENCHMARKS.md).
    print(f"50-word quote in a 300 KB page: {[f'{t * 1000:.2f} ms' for t in timings]}")


# ------------------------------------------- editorial changes that reverse the statement

# A second source for the checks below: negations, figures written in words, directions.
NOTICE = TextLayer(
    "main",
    "The ferry board said on Friday that the night crossing would not resume before June. "
    "Its chair, Ilse Marquardt, said the board would never sell the western slipway, which "
    "has served the island for ten years. The refit will cost 3.2 billion euros and employ "
    "about two million hours of work over a decade.\n\n"
    "Passenger numbers fell to 7.5% last year, and the board said a fare rise was unlikely "
    "before 2027. Freight exports increased in the spring. The board will no longer publish "
    "its timetables in print. He said the repairs had been understated by the surveyors.\n\n"
    "Türkiye’nin liman idaresi, balıkçılara yönelik ücretleri artırmayacağız dedi.\n",
)


@pytest.mark.parametrize(
    ("quote", "stands_for"),
    [
        # An inserted negation where the source has none, and a negation replaced.
        ("Freight exports [never] increased in the spring", None),
        ("the board would [always] sell the western slipway", "never"),
        ("said the board would [now] sell the western slipway", "never"),
        # A figure, a magnitude and a name changed inside the bracket.
        ("has served the island for [twenty] years", "ten"),
        ("The refit will cost 3.2 [million] euros", "billion"),
        ("Its chair, [Greta Lindholm], said the board would never sell", "Ilse Marquardt"),
    ],
)
def test_a_bracket_that_changes_a_negation_number_or_name_is_a_mismatch(
    quote: str, stands_for: str | None
) -> None:
    result = match(quote, NOTICE)
    assert result.verdict is Verdict.MISMATCH, result.detail
    flagged = [op for op in result.diff or () if op.critical]
    assert len(flagged) == 1 and flagged[0].quote.startswith("[")
    assert flagged[0].source == (stands_for or "")


@pytest.mark.parametrize(
    "quote",
    [
        "[She] said the board would never sell the western slipway",  # a name for a pronoun
        "[Marquardt] said the board would never sell the western slipway",
        "The refit will cost [€3.2bn] and employ",  # the same figure, another way
        "which has served the island for [a decade]. The refit",  # words for a figure
        "The board will no longer publish [its printed timetables]",
    ],
)
def test_a_bracket_that_clarifies_is_verified(quote: str) -> None:
    result = match(quote, NOTICE)
    assert result.verdict is Verdict.VERIFIED, result.detail


def test_an_ellipsis_that_leaves_out_only_a_negation_is_a_mismatch() -> None:
    for quote, left_out in [
        ("the night crossing would … resume before June", "not"),
        ("The board will … publish its timetables in print", "no longer"),
    ]:
        result = match(quote, NOTICE)
        assert result.verdict is Verdict.MISMATCH, (quote, result.detail)
        assert [(op.op, op.source) for op in result.diff or () if op.critical] == [
            ("insert", left_out)
        ]
    # A longer stretch left out may hold a negation of its own: the quote stands.
    result = match(
        "The ferry board said on Friday … before June. Its chair, Ilse Marquardt", NOTICE
    )
    assert result.verdict is Verdict.VERIFIED, result.detail


@pytest.mark.parametrize(
    ("quote", "changed"),
    [
        ("a fare rise was likely before 2027", ("likely", "unlikely")),  # a negating prefix
        ("Passenger numbers rose to 7.5% last year", ("rose", "fell")),  # a direction
        ("Freight exports decreased in the spring", ("decreased", "increased")),
        ("the repairs had been overstated by the surveyors", ("overstated", "understated")),
        ("Passenger numbers fell to 7.5% this year", ("this", "last")),
        ("which has served the island for ten months", ("months", "years")),  # a unit of time
        ("balıkçılara yönelik ücretleri artıracağız dedi", ("artıracağız", "artırmayacağız")),
    ],
)
def test_a_word_swapped_for_its_opposite_is_a_mismatch(
    quote: str, changed: tuple[str, str]
) -> None:
    result = match(quote, NOTICE)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert [(op.quote, op.source) for op in result.diff or () if op.critical] == [changed]


@pytest.mark.parametrize(
    "quote",
    [
        "Passenger numbers fell to 7.5 per cent last year",
        "employ about 2 million hours of work over a decade",
        "The refit will cost €3.2bn and employ about two million hours",
        "has served the island for 10 years. The refit will cost",
    ],
)
def test_a_figure_written_another_way_with_the_same_value_is_approximate(quote: str) -> None:
    result = match(quote, NOTICE)
    assert result.verdict is Verdict.APPROXIMATE, result.detail
    assert not critical_ops(result)
    # The change is shown, and only the similarity reflects it.
    assert any(op.op != "equal" for op in result.diff or ()) and result.score < 1.0


def test_a_changed_last_word_is_shown_against_the_sources_word() -> None:
    # The alignment stops before "June"; the diff must say what the source has there.
    result = match("the night crossing would not resume before May", NOTICE)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert critical_ops(result) == [("replace", "May", "June")]
    assert result.evidence is not None and result.evidence.text.endswith("before June")


def test_an_inserted_negation_after_the_first_word_is_shown_as_inserted() -> None:
    # Not "must" → "not": the passage starts at the quote's own first word.
    layer = TextLayer(
        "main",
        "The harbour master said the new quay must not be allowed to push the small boats out "
        "of the inner harbour.",
    )
    result = match("must be allowed to push the small boats out of the inner harbour", layer)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert critical_ops(result) == [("insert", "", "not")]


def test_a_bracket_opening_a_quote_gives_up_outer_words_it_was_only_guessed_to_cover() -> None:
    # "[the mayor]" opens the quote, so it is placed on two words: "not Brandt". Only
    # "Brandt" need be quoted; the "not" before it is no part of the quote.
    layer = TextLayer("main", "Officials said it was not Brandt who signed the lease in March.")
    result = match("[the mayor] who signed the lease in March", layer)
    assert result.verdict is Verdict.VERIFIED, result.detail
    assert [(op.quote, op.source) for op in result.diff or () if op.op == "replace"] == [
        ("[the mayor]", "Brandt")
    ]
    # Inside the quote, the bracket's extent is no guess: a dropped "not" is a mismatch.
    inside = match("Officials said it was [the mayor] who signed the lease in March", layer)
    assert inside.verdict is Verdict.MISMATCH, inside.detail


# Second-round cases: what an editor accepts must not be flagged, and what reverses the
# statement must not pass because it sits in a bracket or behind an ellipsis.
HARBOUR = TextLayer(
    "main",
    "In January the board said: We will not raise harbour dues this year. In March it said: We "
    "will, if needed, raise harbour dues this year. The plan, which nobody expected, was "
    "approved on Monday. We will never, under any circumstances, sell the old pilot station. "
    "Prices fell sharply in the spring. The lease will run for ten years. Ms Doe was not told "
    "of the transfer. Turkey has not yet replied to the letter sent to Ankara. Anna Schulz led "
    "the strike. Harbourside is a non-profit "
    "trust that relies on its donors. The fund made an invaluable contribution to the works. "
    "The council voted against the new quay in May.\n\n"
    "Biz bu projeyi geçen yıl başlatmıştık ve bu yıl bitireceğiz.\n",
)


@pytest.mark.parametrize(
    ("quote", "verdict"),
    [
        # A clean place elsewhere on the page wins over a place the ellipsis would distort.
        ("We will … raise harbour dues this year", Verdict.VERIFIED),
        # A left-out aside that holds a negator of its own changes nothing.
        ("The plan … was approved on Monday", Verdict.VERIFIED),
        # A left-out negation followed by an aside is the negation of what follows.
        ("We will … sell the old pilot station", Verdict.MISMATCH),
        # Opposites and units of time inside a bracket, as outside one.
        ("Prices [rose] sharply in the spring", Verdict.MISMATCH),
        ("The lease will run for [ten months]", Verdict.MISMATCH),
        ("The lease will run for [a decade]", Verdict.VERIFIED),
        # Lengths of time compare by value: the same length in other units is no change.
        ("The lease will run for [120 months]", Verdict.VERIFIED),
        ("The lease will run for [a century]", Verdict.MISMATCH),
        ("The lease will run for [eight years]", Verdict.MISMATCH),
        ("The lease will run for a decade", Verdict.APPROXIMATE),
        ("The lease will run for 120 months", Verdict.APPROXIMATE),
        ("The lease will run for eleven years", Verdict.MISMATCH),
        ("The lease will run for ten months", Verdict.MISMATCH),
        # A first name for a title is a clarification.
        ("[Jane] Doe was not told of the transfer", Verdict.VERIFIED),
        # Another name for a name is flagged, a capital for its country too (the diff shows
        # which it is; a quote given to the wrong person must never pass).
        ("[Ankara] has not yet replied to the letter", Verdict.MISMATCH),
        ("Anna [Weber] led the strike", Verdict.MISMATCH),
        # A hyphenated prefix is the same word; "valuable" for "invaluable" is no negation.
        ("Harbourside is a nonprofit trust that relies on its donors", Verdict.APPROXIMATE),
        ("The fund made a valuable contribution to the works", Verdict.APPROXIMATE),
        ("The council voted for the new quay in May", Verdict.MISMATCH),
        # The Turkish past perfect (-mış) is no negation (-ma/-me).
        ("Biz bu projeyi geçen yıl başlattık ve bu yıl bitireceğiz", Verdict.APPROXIMATE),
    ],
)
def test_editorial_changes_that_keep_or_reverse_the_statement(quote: str, verdict: Verdict) -> None:
    assert match(quote, HARBOUR).verdict is verdict, match(quote, HARBOUR).detail


@pytest.mark.parametrize("note", ["[sic]", "[emphasis added]", "[Emphasis mine]", "[sic!]"])
def test_an_editorial_note_in_brackets_stands_for_nothing(note: str) -> None:
    result = match(f"Passenger numbers fell to 7.5% {note} last year", NOTICE)
    assert (result.verdict, result.tier) == (Verdict.VERIFIED, Tier.EXACT), result.detail


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        (
            "Le ministre a déclaré que la grève durerait trois semaines au moins.",
            "Le ministre a déclaré que la grève durerait trois mois au moins",
        ),
        (
            "Die Gewerkschaft teilte mit, dass drei Linien ab Montag stillstehen.",
            "Die Gewerkschaft teilte mit, dass vier Linien ab Montag stillstehen",
        ),
        (
            "Bakan, limandaki çalışmaların iki yıl süreceğini söyledi.",
            "Bakan, limandaki çalışmaların iki ay süreceğini söyledi",
        ),
        (
            "Bakan, limana iki yeni vinç alınacağını söyledi.",
            "Bakan, limana üç yeni vinç alınacağını söyledi",
        ),
    ],
)
def test_number_words_and_units_of_time_in_french_german_and_turkish(
    source: str, quote: str
) -> None:
    result = match(quote, TextLayer("main", source))
    assert result.verdict is Verdict.MISMATCH, result.detail


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("Prices worsened in the spring, the survey found.", "Prices eased in the spring"),
        ("The lightest train on the line weighs 80 tonnes.", "The heaviest train on the line"),
        (
            "Bakan, soruşturmanın yürütülmediğini söyledi ve açıklama yaptı.",
            "Bakan, soruşturmanın yürütüldüğünü söyledi ve açıklama yaptı",
        ),
        ("Müdür, raporu görmemiş olduğunu söyledi.", "Müdür, raporu görmüş olduğunu söyledi"),
    ],
)
def test_more_opposites_and_turkish_negations_with_vowel_harmony(source: str, quote: str) -> None:
    result = match(quote, TextLayer("main", source))
    assert result.verdict is Verdict.MISMATCH, result.detail


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        (
            "Le ministre a dit que le texte n'était pas acceptable en l'état.",
            "Le ministre a dit que le texte était acceptable en l'état",
        ),
        (
            "Der Minister sagte, die Bahn werde keine Linien schließen.",
            "Der Minister sagte, die Bahn werde die Linien schließen",
        ),
    ],
)
def test_a_negation_removed_in_french_or_german_is_a_mismatch(source: str, quote: str) -> None:
    result = match(quote, TextLayer("main", source))
    assert result.verdict is Verdict.MISMATCH, result.detail


@pytest.mark.parametrize(
    ("quote", "source", "verdict"),
    [
        (
            "work would be done within a fortnight, the mayor said",
            "within two weeks",
            "approximate",
        ),
        ("work would be done within 14 days, the mayor said", "within two weeks", "approximate"),
        ("work would be done within three weeks, the mayor said", "within two weeks", "mismatch"),
        ("work would be done within two months, the mayor said", "within two weeks", "mismatch"),
        ("after a decade of talks the port reopened last year", "after ten years", "approximate"),
        (
            "after the past decade of talks the port reopened",
            "after the past 10 years",
            "approximate",
        ),
        ("after a decade of talks the port reopened this year", "after ten years", "mismatch"),
        # No amount, but still another unit: "for years" understates "for decades".
        ("for years the port stayed closed to ferries and freight", "for decades", "mismatch"),
    ],
)
def test_lengths_of_time_compare_by_value(quote: str, source: str, verdict: str) -> None:
    """A fortnight for two weeks is a change of wording, shown in the diff; another length,
    or this year for last year (a point in time, not a length), is a changed figure."""
    base = {
        "within two weeks": "Work would be done within two weeks, the mayor said on Friday.",
        "after ten years": "After ten years of talks the port reopened last year to ferries.",
        "after the past 10 years": "After the past 10 years of talks the port reopened in May.",
        "for decades": "For decades the port stayed closed to ferries and freight alike.",
    }[source]
    result = match(quote, TextLayer("main", f"Intro text. {base} More text follows here."))
    assert result.verdict.value == verdict, result.detail
    if verdict == "approximate":
        assert [op for op in result.diff or () if op.op != "equal" and not op.critical]


@pytest.mark.parametrize(
    ("quote", "source", "verdict"),
    [
        # A rank or a number in words or digits, in English, French and German.
        ("only every 5th train between the two cities ran on time", "every fifth", "approximate"),
        ("only every fourth train between the two cities ran on time", "every fifth", "mismatch"),
        ("Zwischen Berlin und Hamburg fuhr nur jeder 5. Zug pünktlich", "jeder", "approximate"),
        ("Zwischen Berlin und Hamburg fuhr nur jeder vierte Zug pünktlich", "jeder", "mismatch"),
        ("Le 5e train entre les deux villes est arrivé à l'heure hier", "le", "approximate"),
        ("Le quatrième train entre les deux villes est arrivé à l'heure hier", "le", "mismatch"),
        (
            "Entre les deux villes, seul un train sur cinq est arrivé à l'heure",
            "sur",
            "approximate",
        ),
        ("Entre les deux villes, seul un train sur six est arrivé à l'heure", "sur", "mismatch"),
    ],
)
def test_ranks_and_number_words_compare_by_value(quote: str, source: str, verdict: str) -> None:
    base = {
        "every fifth": "Only every fifth train between the two cities ran on time.",
        "jeder": "Zwischen Berlin und Hamburg fuhr nur jeder fünfte Zug pünktlich.",
        "le": "Le cinquième train entre les deux villes est arrivé à l'heure hier.",
        "sur": "Entre les deux villes, seul un train sur 5 est arrivé à l'heure.",
    }[source]
    result = match(quote, TextLayer("main", f"Intro text. {base} More text follows here."))
    assert result.verdict.value == verdict, result.detail


def test_a_bracketed_name_after_a_title_is_still_a_name() -> None:
    source = TextLayer(
        "main", "Intro. The jury on Friday acquitted Daniel Okafor, the former chief."
    )
    wrong = match("The jury on Friday acquitted [Judge Ruth Ellery], the former chief", source)
    assert wrong.verdict is Verdict.MISMATCH, wrong.detail
    right = match("The jury on Friday acquitted [Mr Okafor], the former chief", source)
    assert right.verdict is Verdict.VERIFIED, right.detail


def test_a_number_in_words_at_the_edge_is_placed_on_its_digits() -> None:
    """The alignment put "seventeen" on "said 17": the passage gives up "said"."""
    source = TextLayer("main", "Intro. The army said 17 soldiers were hurt in the blast on Monday.")
    result = match("seventeen soldiers were hurt in the blast", source)
    assert result.verdict is Verdict.APPROXIMATE, result.detail
    assert result.evidence is not None and result.evidence.text.startswith("17 soldiers")
    wrong = match("eighteen soldiers were hurt in the blast", source)
    assert wrong.verdict is Verdict.MISMATCH, wrong.detail


CHINESE = TextLayer(
    "main",
    "港务局周一表示，新码头今年第三季度吞吐量同比增长7.4%，运营总体平稳。"
    "该局称，夜班渡轮不会在六月前恢复。",
)


@pytest.mark.parametrize(
    ("quote", "verdict"),
    [
        ("新码头今年第三季度吞吐量同比增长7.4%", Verdict.VERIFIED),
        ("吞吐量同比增长", Verdict.VERIFIED),  # inside a run of characters
        ("新码头今年第三季度吞吐量同比增长8.4%", Verdict.MISMATCH),
        ("夜班渡轮会在六月前恢复", Verdict.MISMATCH),  # the negation dropped
        ("新码头今年…吞吐量同比增长7.4%", Verdict.VERIFIED),
    ],
)
def test_chinese_quotes_are_matched_character_by_character(quote: str, verdict: Verdict) -> None:
    result = match(quote, CHINESE, kind=quote_kind(quote))
    assert result.verdict is verdict, result.detail
    if verdict is not Verdict.VERIFIED:
        assert result.evidence is not None and result.evidence.text in CHINESE.text


def test_space_cjk_maps_every_character_back() -> None:
    from claimcheck.normalise import normalise, space_cjk

    text = "He said “増長5.2%” — 日本銀行は据え置いた, and left."
    spaced = space_cjk(normalise(text))
    assert "増 長 5.2%" in spaced.text and "日 本 銀 行 は" in spaced.text
    for i, ch in enumerate(spaced.text):
        s, e = spaced.to_original(i, i + 1)
        assert e > s and (ch == " " or ch in normalise(text[s:e]).text)
    assert space_cjk(spaced).text == spaced.text
    plain = normalise("No such characters here.")
    assert space_cjk(plain) is plain


# ------------------------------------------------------------- more languages (QA report 2)

#: One passage a language, in the style of the tester's pages (tests/corpus/languages).
LANGUAGES = TextLayer(
    "main",
    "Fernández aseguró que el Gobierno no subirá los impuestos durante los próximos dos años. "
    "El plan se aplicará en tres fases.\n\n"
    "Il governo è pronto a mettere sul tavolo 250 milioni. Lo sciopero durerà quarantotto ore. "
    "«Non accetteremo un contratto che non riconosce il lavoro notturno», ha dichiarato "
    "Bianchi all’uscita dal ministero.\n\n"
    "O ministro afirmou que o governo não vai cortar investimentos em saúde e educação. "
    "A inflação caiu para 3,9%.\n\n"
    "De minister zei dat de regering niet wacht op een nieuwe overstroming. Het kabinet trekt "
    "de komende tien jaar geld uit.\n\n"
    "Мэр Сергей Волков подчеркнул, что ни одна школа не будет закрыта во время ремонта. "
    "Работы продлятся два года, а цены выросли на 5%.\n\n"
    "Η κυβέρνηση δεν θα αυξήσει τον φόρο ακινήτων, είπε ο υπουργός.\n\n"
    "وأكد الزهراني أن الحكومة لن ترفع الرسوم الدراسية خلال السنوات الثلاث المقبلة. "
    "ووصفت النائبة فاطمة الزهراني الخطة بأنها متأخرة.\n\n"
    "כהן הדגיש כי המדינה לא תעלה את מחירי הקרקע בשלוש השנים הקרובות.\n\n"
    "शर्मा ने कहा कि उर्वरकों की कीमतें अगले दो साल तक नहीं बढ़ाई जाएंगी। बैठक में पचास "
    "किसान संगठनों ने हिस्सा लिया। हम किसी भी किसान को पीछे नहीं छोड़ेंगे, उन्होंने कहा।\n\n"
    "Giám đốc Nguyễn Văn Hùng cho biết giá vé sẽ không tăng trong ba năm tới.\n\n"
    "北京市发展和改革委员会主任张伟表示，补贴标准在未来三年内不会降低。市人大代表李娜则认为，"
    "补贴政策应该更多地向农村地区倾斜。\n\n"
    "岸本健太郎こども政策担当相は15日、少子化対策として3兆円規模の予算を投じると発表した。"
    "昨年の出生数は75万8千人だった。児童手当の支給期間は3年間延長される。"
    "岸本氏は、元日産会長のゴーン被告をめぐる質問には答えなかった。ﾃﾞｼﾞﾀﾙ連絡帳の導入が進む。\n\n"
    "김민수 장관은 화요일 청년 주거 지원을 위해 내년에 2조 3천억 원을 투입하겠다고 밝혔다. "
    "새 제도는 3월부터 시행되며 3년 동안 운영될 예정이다.\n",
)


@pytest.mark.parametrize(
    "quote",
    [
        "Giám đốc Nguyễn Văn Hưng cho biết giá vé sẽ không tăng",  # another name (vi)
        "元日産会長のコーン被告をめぐる質問には答えなかった",  # Cohn for Ghosn (ja)
        "बैठक में पचीस किसान संगठनों ने हिस्सा लिया",  # twenty-five for fifty (hi)
    ],
)
def test_marks_that_make_another_letter_are_never_folded_away(quote: str) -> None:
    result = match(quote, LANGUAGES)
    assert result.verdict is Verdict.MISMATCH, result.detail


@pytest.mark.parametrize(
    "quote",
    [
        "Giam đoc Nguyen Van Hung cho biet gia ve se khong tang",  # no accents typed (vi)
        "デジタル連絡帳の導入が進む",  # half-width katakana in the source
        "昨年の出生数は75万8000人だった",  # the same number written another way (ja)
        "내년에 2조 3000억 원을 투입하겠다고 밝혔다",  # and in Korean
        "청년 주거 지원을 위해 내년에 2조 3천억원을 투입하겠다고",  # 억원을 for 억 원을
        "새 제도는 3월부터 시행되며 3 년 동안 운영될 예정이다",  # 3 년 for 3년
    ],
)
def test_spellings_of_the_same_words_and_numbers_still_pass(quote: str) -> None:
    result = match(quote, LANGUAGES)
    assert result.verdict in (Verdict.VERIFIED, Verdict.APPROXIMATE), result.detail
    assert not any(op.critical for op in result.diff or ()), result.diff


@pytest.mark.parametrize(
    ("quote", "changed"),
    [
        ("청년 주거 지원을 위해 내년에 2조 4천억원을 투입하겠다고", "4천억원을"),
        ("청년 주거 지원을 위해 내년에 3천억원을 투입하겠다고", "3천억원을"),  # 2조 left out
        ("새 제도는 3월부터 시행되며 3개월동안 운영될 예정이다", "3개월동안"),  # months for years
        ("새 제도는 3월부터 시행되며 3 개월 동안 운영될 예정이다", "3 개월"),
        ("새 제도는 3월부터 시행되며 4 년 동안 운영될 예정이다", "4 년"),
    ],
)
def test_a_korean_figure_run_into_its_particle_is_still_read_by_value(
    quote: str, changed: str
) -> None:
    """The figure "3천억원을" runs into its particle, "3천억 원을" into its currency word: such
    a figure is compared token by token, by value, on both sides (not left out of the check on
    one side only), and a counter spaced from its figure ("3 년") is read with it, so the
    spacing passes and a changed amount or unit does not."""
    result = match(quote, LANGUAGES)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert [op.quote for op in result.diff or () if op.critical] == [changed]


@pytest.mark.parametrize(
    "quote",
    [
        "El plan se aplicará en [cuatro] fases",
        "il governo [non] è pronto a mettere sul tavolo 250 milioni",
        "de regering [wel] wacht op een nieuwe overstroming",
        "A inflação [não] caiu para 3,9%",
        "[李娜]表示，补贴标准在未来三年内不会降低",  # a bracket opening a Chinese quote
        "[5兆円]規模の予算を投じると発表した",
        "[박지영 의원은] 화요일 청년 주거 지원을 위해 내년에",
    ],
)
def test_brackets_that_change_meaning_in_more_languages(quote: str) -> None:
    result = match(quote, LANGUAGES)
    assert result.verdict is Verdict.MISMATCH, result.detail


@pytest.mark.parametrize(
    "quote",
    [
        "[Мэр] подчеркнул, что ни одна школа не будет закрыта",  # a title for the name
        "[Волков] подчеркнул, что ни одна школа не будет закрыта",
        "[张伟]表示，补贴标准在未来三年内不会降低",
        "[김 장관은] 화요일 청년 주거 지원을 위해 내년에",
        "[Bianchi] all’uscita dal ministero",
    ],
)
def test_brackets_that_clarify_in_more_languages(quote: str) -> None:
    result = match(quote, LANGUAGES)
    assert result.verdict in (Verdict.VERIFIED, Verdict.APPROXIMATE), result.detail


def test_a_bracket_opening_a_quote_does_not_stand_for_the_end_of_another() -> None:
    result = match("[Romano] ha dichiarato Bianchi all’uscita dal ministero", LANGUAGES)
    assert result.verdict is not Verdict.VERIFIED, result.detail


AFTER_A_QUOTATION = (
    "“That is the end of the matter,” Rossi told reporters. Then the minister left the room "
    "without another word. “We will not sign this contract,” said Bianchi on leaving the "
    "ministry late on Friday."
)


@pytest.mark.parametrize(
    ("quote", "verdict"),
    [
        # The bracket stands for none of the quoted words: it gives them to someone the
        # passage does not name, where the passage names who spoke.
        ("[Romano] ha dichiarato Bianchi all’uscita dal ministero", Verdict.MISMATCH),
        ("[Romano] said Bianchi on leaving the ministry late on Friday", Verdict.MISMATCH),
        # The passage's own person, a pronoun, a word that is no name, or a passage that
        # names no one: a clarification.
        ("[Bianchi] said Bianchi on leaving the ministry late on Friday", Verdict.APPROXIMATE),
        ("[Mr Bianchi] said Bianchi on leaving the ministry late on Friday", Verdict.APPROXIMATE),
        ("[He] said Bianchi on leaving the ministry late on Friday", Verdict.APPROXIMATE),
        ("[Rossi] then the minister left the room without another word", Verdict.APPROXIMATE),
        ("[The minister] said Bianchi on leaving the ministry late on Friday", Verdict.APPROXIMATE),
    ],
)
def test_a_name_opening_a_quote_where_a_quotation_ends_gives_it_to_someone_else(
    quote: str, verdict: Verdict
) -> None:
    layers = [TextLayer("main", AFTER_A_QUOTATION + "\n\n" + LANGUAGES.text)]
    result = match_quote(quote, layers)
    assert result.verdict is verdict, result.detail
    assert [op.critical for op in result.diff or () if op.quote.startswith("[")] == [
        verdict is Verdict.MISMATCH
    ]


@pytest.mark.parametrize(
    "quote",
    [
        "o governo … vai cortar investimentos em saúde e educação",
        "de regering … wacht op een nieuwe overstroming",
        "ни одна школа … будет закрыта во время ремонта",
        "Η κυβέρνηση … θα αυξήσει τον φόρο ακινήτων",
        "أن الحكومة … ترفع الرسوم الدراسية خلال السنوات الثلاث المقبلة",
        "המדינה … תעלה את מחירי הקרקע בשלוש השנים הקרובות",
        "उर्वरकों की कीमतें अगले दो साल तक … बढ़ाई जाएंगी",
        "giá vé sẽ … tăng trong ba năm tới",
        "补贴标准在未来三年内……会降低",  # the space put between characters is no part of it
    ],
)
def test_an_ellipsis_that_drops_the_negation_in_more_languages(quote: str) -> None:
    result = match(quote, LANGUAGES)
    assert result.verdict is Verdict.MISMATCH, result.detail


@pytest.mark.parametrize(
    "quote",
    [
        # negation inserted or removed
        "O ministro afirmou que o governo vai cortar investimentos em saúde e educação",
        "Il governo non è pronto a mettere sul tavolo 250 milioni",
        "De minister zei dat de regering wacht op een nieuwe overstroming",
        "ни одна школа будет закрыта во время ремонта",
        "Η κυβέρνηση θα αυξήσει τον φόρο ακινήτων, είπε ο υπουργός",
        "أن الحكومة سترفع الرسوم الدراسية خلال السنوات الثلاث المقبلة",
        "כהן הדגיש כי המדינה תעלה את מחירי הקרקע בשלוש השנים הקרובות",
        "हम किसी भी किसान को पीछे छोड़ेंगे",
        "cho biết giá vé sẽ tăng trong ba năm tới",
        "児童手当の支給期間は3年間延長されない",
        "새 제도는 3월부터 시행되지 않으며 3년 동안 운영될 예정이다",
        # number words, magnitudes
        "Lo sciopero durerà ventiquattro ore",
        "Het kabinet trekt de komende twintig jaar geld uit",
        "Работы продлятся три года, а цены выросли на 5%",
        "خلال السنوات الخمس المقبلة",
        "המדינה לא תעלה את מחירי הקרקע בחמש השנים הקרובות",
        "कीमतें अगले तीन साल तक नहीं बढ़ाई जाएंगी",
        "giá vé sẽ không tăng trong năm năm tới",
        # opposites and units of time
        "el Gobierno no subirá los impuestos durante los próximos dos meses",
        "A inflação subiu para 3,9%",
        "Работы продлятся два месяца, а цены выросли на 5%",
        "Работы продлятся два года, а цены упали на 5%",
        "giá vé sẽ không giảm trong ba năm tới",
        "补贴标准在未来三年内不会提高",
        "补贴标准在未来三天内不会降低",
        "児童手当の支給期間は3か月間延長される",
        # names in scripts without capitals
        "ووصفت النائبة فاطمة المنصوري الخطة بأنها متأخرة",
        "市人大代表张娜则认为，补贴政策应该更多地向农村地区倾斜",
    ],
)
def test_negations_numbers_opposites_and_names_in_more_languages(quote: str) -> None:
    result = match(quote, LANGUAGES)
    assert result.verdict is Verdict.MISMATCH, result.detail


def test_a_prefix_negation_joined_by_a_hyphen_is_no_negator() -> None:
    layer = TextLayer("main", "Harbourside is a non-profit trust that relies on its donors.")
    result = match("Harbourside is a nonprofit trust that relies on its donors", layer)
    assert result.verdict is Verdict.APPROXIMATE, result.detail


def test_devanagari_evidence_takes_the_whole_verb() -> None:
    result = match("हम किसी भी किसान को पीछे छोड़ेंगे", LANGUAGES)
    assert result.evidence is not None
    assert result.evidence.text.endswith("नहीं छोड़ेंगे"), result.evidence.text


@pytest.mark.parametrize(
    ("quote", "verdict"),
    [
        # Starting right after the negation says the opposite of the source.
        ("support the harbour plan this year", Verdict.MISMATCH),
        ("Accetteremo un contratto del genere", Verdict.MISMATCH),
        # Not after "whether or not", nor after a negator followed by punctuation.
        ("the council approves it, the works go ahead", Verdict.VERIFIED),
        ("we must wait for the survey", Verdict.VERIFIED),
    ],
)
def test_a_quote_starting_right_after_a_negation(quote: str, verdict: Verdict) -> None:
    source = TextLayer(
        "main",
        "Intro. The unions do not support the harbour plan this year. «Non accetteremo un "
        "contratto del genere», disse. Whether or not the council approves it, the works go "
        "ahead. No, we must wait for the survey.",
    )
    result = match(quote, source)
    assert result.verdict is verdict, result.detail
    if verdict is Verdict.MISMATCH:
        assert result.diff is not None and result.diff[0].critical
        assert result.diff[0].source.lower() in ("not", "non")


KOREAN_NEGATIONS = TextLayer(
    "main",
    "설문 결과. 주민 절반 이상은 올여름 바닷가에 안 갈 계획이라고 답했다. 대표팀은 이번 대회 "
    "결승에 못 오를 것으로 보인다. 시의회는 그 예산안이 아니라 수정안을 통과시켰다.",
)


@pytest.mark.parametrize(
    ("quote", "verdict", "negator"),
    [
        # 안 and 못 negate the verb after them: a quote starting with that verb says the opposite.
        ("갈 계획이라고 답했다", Verdict.MISMATCH, "안"),
        ("오를 것으로 보인다", Verdict.MISMATCH, "못"),
        # With the negator in the quote, it is the source's statement.
        ("바닷가에 안 갈 계획이라고 답했다", Verdict.VERIFIED, None),
        # 아니라 negates the word before it ("not the budget but the amended bill"): what
        # follows it is affirmed.
        ("수정안을 통과시켰다", Verdict.VERIFIED, None),
    ],
)
def test_a_korean_quote_starting_right_after_a_negation(
    quote: str, verdict: Verdict, negator: str | None
) -> None:
    result = match(quote, KOREAN_NEGATIONS)
    assert result.verdict is verdict, result.detail
    if negator is not None:
        assert result.diff is not None and result.diff[0] == DiffOp("insert", "", negator, True)


KOREAN_NOUNS = TextLayer(
    "main",
    "경찰은 건물 안 곳곳에서 증거를 찾았다고 밝혔다. 마을 앞 못 주변에 공원이 생긴다고 밝혔다. "
    "그는 이번 주에 안 되므로 다음 주에 가겠다고 말했다. 시장은 공원에 못 가므로 집에 있겠다고 "
    "말했다.",
)


@pytest.mark.parametrize(
    ("quote", "verdict"),
    [
        # 안 (inside) and 못 (pond) as nouns: the word after them is a noun with its particle.
        ("곳곳에서 증거를 찾았다고 밝혔다", Verdict.VERIFIED),
        ("주변에 공원이 생긴다고 밝혔다", Verdict.VERIFIED),
        # "-므로" ends a verb ("because it will not do"): 안 and 못 negate it.
        ("되므로 다음 주에 가겠다고 말했다", Verdict.MISMATCH),
        ("가므로 집에 있겠다고 말했다", Verdict.MISMATCH),
    ],
)
def test_korean_an_and_mot_as_nouns_are_no_negation(quote: str, verdict: Verdict) -> None:
    assert match(quote, KOREAN_NOUNS).verdict is verdict


NOT_ONLY = TextLayer(
    "main",
    "The company said sales were not only higher but record-breaking. The board did not only "
    "want a raise.",
)


@pytest.mark.parametrize(
    ("quote", "verdict"),
    [
        # "not only … but" affirms what follows it.
        ("only higher but record-breaking", Verdict.VERIFIED),
        # With no "but" after it, "not" still negates the quote.
        ("only want a raise", Verdict.MISMATCH),
    ],
)
def test_not_only_but_is_no_negation(quote: str, verdict: Verdict) -> None:
    assert match(quote, NOT_ONLY).verdict is verdict


def test_a_dropped_french_tres_is_not_a_changed_number() -> None:
    # Folded, French "très" (very) spells Spanish "tres" (three); dropping it changes no figure.
    source = "Le conseil a approuvé le projet après une très longue discussion entre les membres"
    result = match(
        "le conseil a approuvé le projet après une longue discussion entre les membres",
        TextLayer("main", f"Intro text. {source}. More text."),
    )
    assert result.verdict is Verdict.APPROXIMATE, result.detail
    # Portuguese "três" is three, and Spanish "tres" too: changing them is a mismatch.
    for said, quoted in (("três", "dois"), ("tres", "dos")):
        layer = TextLayer("main", f"Intro text. Foram {said} anos de obras na ponte velha. More.")
        changed = match(f"Foram {quoted} anos de obras na ponte velha", layer)
        assert changed.verdict is Verdict.MISMATCH, (said, changed.detail)


def test_the_context_is_not_cut_inside_a_flag_or_from_an_accent() -> None:
    from claimcheck.match import CONTEXT_CHARS

    def indicator(char: str) -> bool:
        return "\U0001f1e6" <= char <= "\U0001f1ff"

    flags = "\U0001f1eb\U0001f1f7\U0001f1e9\U0001f1ea" * CONTEXT_CHARS  # FR DE, no spaces
    marks = "q\u0323\u0301" * CONTEXT_CHARS
    quote = "the ferry runs twice a day in the winter months"
    for before, after in ((flags, marks), (marks, flags), (flags[1:], marks[1:])):
        text = f"{before} {quote} {after}"
        result = match(quote, TextLayer("main", text))
        assert result.evidence is not None
        lo = text.index(result.evidence.context)
        for edge in (lo, lo + len(result.evidence.context)):
            if not 0 < edge < len(text):
                continue
            assert text[edge] not in "\u0323\u0301", edge  # no accent cut off its letter
            run = 0  # regional indicators right before the edge: pairs, if it stands between two
            while indicator(text[edge]) and edge - run > 0 and indicator(text[edge - run - 1]):
                run += 1
            assert run % 2 == 0, edge


@pytest.mark.parametrize(
    ("said", "quoted"),
    [
        ("run north from the station", "run south from the station"),
        ("opened on Tuesday morning to the public", "opened on Tuesday evening to the public"),
        ("found that 40 women had left the service", "found that 40 men had left the service"),
        ("trains running eastbound were delayed", "trains running westbound were delayed"),
    ],
)
def test_a_direction_time_of_day_or_sex_swapped_is_a_mismatch(said: str, quoted: str) -> None:
    layer = TextLayer("main", f"Intro text. The report {said} by an hour or more. More text.")
    assert match(f"The report {said}", layer).verdict is Verdict.VERIFIED
    result = match(f"The report {quoted}", layer)
    assert result.verdict is Verdict.MISMATCH, result.detail


def test_a_capitalised_opener_after_a_negation_starts_afresh() -> None:
    # A caption joined to a paragraph that stops short ("… no longer"): "The" opens the
    # caption, it is not what the negation negates. Lower case, it is.
    layer = TextLayer(
        "page",
        "Intro text. The harbour governor no longer The public station set aside $30.4 billion "
        "during the bridge works. Photo: Agency",
    )
    quote = "The public station set aside $30.4 billion during the bridge works"
    assert match(quote, layer).verdict is Verdict.VERIFIED
    lowered = TextLayer("main", "Intro. The governor no longer the public station set aside it.")
    assert match("the public station set aside it", lowered).verdict is Verdict.MISMATCH


FAR_FROM = TextLayer(
    "main",
    "Rents rose again in March. The shortage of flats in the old town is far from solved, "
    "the housing officer said. Her plan for the harbour is anything but finished, she added, "
    "and the ferry line lies far from the station.",
)


@pytest.mark.parametrize(
    ("quote", "verdict", "negation"),
    [
        # Dropping "far from" or "anything but" says the opposite, as dropping "not" does.
        ("the shortage of flats in the old town is solved", Verdict.MISMATCH, "far from"),
        ("her plan for the harbour is finished", Verdict.MISMATCH, "anything but"),
        # Left out by an ellipsis, or just before the quote's start.
        ("the shortage of flats in the old town is … solved", Verdict.MISMATCH, "far from"),
        ("solved, the housing officer said", Verdict.MISMATCH, "far from"),
        # Quoted whole, it is the source's statement.
        ("the shortage of flats in the old town is far from solved", Verdict.VERIFIED, None),
        ("her plan for the harbour is anything but finished", Verdict.VERIFIED, None),
    ],
)
def test_far_from_and_anything_but_negate_like_not(
    quote: str, verdict: Verdict, negation: str | None
) -> None:
    result = match(quote, FAR_FROM)
    assert result.verdict is verdict, result.detail
    if negation is not None:
        assert result.diff is not None
        assert [op.source for op in result.diff if op.critical] == [negation]


def test_far_from_without_its_second_word_is_no_negation() -> None:
    """Only the pair negates: "far" alone ("far more") changes nothing."""
    layer = TextLayer("main", "The new line carries far more passengers than the old ferry did.")
    result = match("The new line carries more passengers than the old ferry did", layer)
    assert result.verdict is not Verdict.MISMATCH, result.detail
