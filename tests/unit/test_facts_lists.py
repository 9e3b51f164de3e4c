"""Figures in list items: the sentence that introduces a list ("The plan includes:") places
the figures of its items, as far as the list goes."""

from __future__ import annotations

import pytest

from claimcheck.facts import clear_caches, match_fact
from claimcheck.model import TextLayer, Verdict
from tests.helpers.facts import verdict

# How trafilatura's main text writes a list: one "- item" line after the lead-in paragraph.
LIST = (
    "Report\n"
    "The council's plan for next year includes:\n"
    "- 150 new hospitals\n"
    "- 120 new schools\n"
    "- a budget of £3.8m for roads"
)
# The whole page joins the same blocks with spaces.
FLAT = " ".join(LIST.replace("- ", "").split("\n"))


@pytest.mark.parametrize(
    ("fact", "sentence"),
    [
        ("120", "The council's plan for next year includes 120 new schools."),
        ("150", "The plan for next year includes 150 new hospitals, the council says."),
        ("£3.8m", "The council's plan for next year includes a budget of £3.8m for roads."),
    ],
)
def test_a_list_items_figure_is_placed_by_the_lead_in(fact: str, sentence: str) -> None:
    assert verdict(fact, sentence, LIST) is Verdict.VERIFIED
    # Both layers together: the main text's list is judged, and the page adds nothing to it.
    clear_caches()
    layers = [TextLayer("main", LIST), TextLayer("page", FLAT)]
    assert match_fact(fact, sentence, layers).verdict is Verdict.VERIFIED
    clear_caches()


def test_nested_and_indented_items_stay_in_the_list() -> None:
    page = (
        "The council's plan for next year includes:\n"
        "- 150 new hospitals\n"
        "  - 30 in the north\n"
        "- 120 new schools"
    )
    sentence = "The council's plan for next year includes 120 new schools."
    assert verdict("120", sentence, page) is Verdict.VERIFIED


SENTENCE = "The council's plan for next year includes 120 new schools."


@pytest.mark.parametrize(
    "page",
    [
        # A paragraph after the list is not introduced by the lead-in.
        "The council's plan for next year includes:\n- new hospitals\nIt has 120 new schools.",
        # A blank line ends the list.
        "The council's plan for next year includes:\n- new hospitals\n\n- 120 new schools",
        # A line that does not end with a colon introduces no list.
        "The council's plan for next year was published.\n- 120 new schools",
        # A line between that is no item ends the list.
        "The council's plan for next year includes:\n- new hospitals\nMore:\n- 120 new schools",
        # Not a list item: a dash inside the line.
        "The council's plan for next year includes:\nOf these - 120 new schools",
    ],
)
def test_the_lead_in_reaches_only_its_own_list(page: str) -> None:
    # (The items before have no figure: a placed figure of another value would be a mismatch.)
    assert verdict("120", SENTENCE, page) is Verdict.NOT_FOUND


def test_the_lead_in_of_a_hard_wrapped_layer_is_left_alone() -> None:
    # A PDF's or a plain text's single line breaks are wrapping: "- " there may be a hyphen.
    page = "The council's plan for next year includes:\n\n- 150 new hospitals\n- 120 new schools"
    assert verdict("120", SENTENCE, page, layer="pdf") is Verdict.NOT_FOUND
