"""Tests for `claimcheck.match`: one- and few-word edits that change what a quote means.

A quote that leaves out or changes the word carrying a negation, a reversal, a modal, a
quantifier or who is meant must never be `verified`; faithful quotes around them must stay so.
"""

from __future__ import annotations

import pytest

from claimcheck.match import match_quote
from claimcheck.model import MatchResult, TextLayer, Verdict


def match(quote: str, source: str) -> MatchResult:
    layer = TextLayer("main", f"Intro text. {source} More text follows here.")
    return match_quote(quote, [layer])


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        (
            "The court found that the police had not properly investigated the complaint.",
            "the police had ... investigated the complaint",
        ),
        (
            "Regulators found no evidence that the vaccine was unsafe for children.",
            "Regulators found ... that the vaccine was unsafe for children",
        ),
        (
            "The minister said there was no credible evidence that the election had been rigged.",
            "there was ... evidence that the election had been rigged",
        ),
        (
            "Les enquêteurs n'ont trouvé aucune preuve que le vaccin était dangereux.",
            "Les enquêteurs ... que le vaccin était dangereux",
        ),
        (
            "Die Ermittler fanden keine Beweise dafür, dass der Impfstoff gefährlich war.",
            "Die Ermittler fanden ... dafür, dass der Impfstoff gefährlich war",
        ),
        (
            "Los investigadores no encontraron ninguna prueba de que la vacuna fuera peligrosa.",
            "Los investigadores ... de que la vacuna fuera peligrosa",
        ),
    ],
)
def test_an_ellipsis_leaving_out_a_negation_with_its_words_is_a_mismatch(
    source: str, quote: str
) -> None:
    result = match(quote, source)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert any(op.critical and op.op == "insert" for op in result.diff or ())


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        (
            "the union said it would call off the strike planned for Monday.",
            "the union said it would ... strike planned for Monday",
        ),
        (
            "The minister denied that the government had misled parliament about the deal.",
            "The minister ... that the government had misled parliament about the deal",
        ),
        (
            "The government has abandoned plans to privatise the water company.",
            "The government has ... plans to privatise the water company",
        ),
        (
            "The company refused to pay compensation to the families of the victims.",
            "The company ... to pay compensation to the families of the victims",
        ),
        (
            "The spokesman said it was false that the army had shelled the village.",
            "The spokesman said it was ... that the army had shelled the village",
        ),
    ],
)
def test_an_ellipsis_leaving_out_a_reversing_word_is_a_mismatch(source: str, quote: str) -> None:
    assert match(quote, source).verdict is Verdict.MISMATCH


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        # An aside left out, even one holding a negation of its own, changes nothing.
        (
            "The plan, which nobody expected, was approved by the council on Monday.",
            "The plan ... was approved by the council on Monday",
        ),
        (
            "The mayor said the new bridge, which has been delayed twice, will open in spring.",
            "The mayor said the new bridge ... will open in spring",
        ),
        # A clause of its own after punctuation: the negation is that clause's.
        (
            "Sales fell, though not by much, and the company said profits would recover soon.",
            "Sales fell ... and the company said profits would recover soon",
        ),
        # An idiom that is no negation.
        (
            "The board will, not surprisingly, approve the budget for the harbour works.",
            "The board will ... approve the budget for the harbour works",
        ),
        (
            "The minister said the company had refused, and then agreed, to pay compensation "
            "to the families.",
            "The minister said the company had refused ... to pay compensation to the families",
        ),
    ],
)
def test_an_ellipsis_leaving_out_an_aside_is_verified(source: str, quote: str) -> None:
    result = match(quote, source)
    assert result.verdict is Verdict.VERIFIED, result.detail


@pytest.mark.parametrize(
    ("source", "quote", "left_out"),
    [
        ("The factory no longer produces steel for the market.", "produces steel for the market", "no longer"),
        ("Police have not yet identified the man who died in the fire.", "identified the man who died in the fire", "not yet"),
        ("None of the candidates supported raising the retirement age.", "the candidates supported raising the retirement age", "None of"),
        ("Not all of the schools will receive new laptops in September.", "the schools will receive new laptops in September", "Not all of"),
        ("The minister never once visited the flooded villages during the crisis.", "visited the flooded villages during the crisis", "never once"),
        ("The company has yet to pay the fines imposed by the regulator.", "pay the fines imposed by the regulator", "has yet to"),
    ],
)  # fmt: skip
def test_a_quote_starting_right_after_a_negation_of_several_words(
    source: str, quote: str, left_out: str
) -> None:
    result = match(quote, source)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert result.diff is not None and result.diff[0].critical
    assert result.diff[0].source.startswith(left_out)


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        # The words before the quote finish no negation.
        ("Most of the candidates supported raising the retirement age.", "the candidates supported raising the retirement age"),
        ("Whether or not the council approves it, the works go ahead.", "the council approves it, the works go ahead"),
        ("The report said that not only the schools but the hospitals will be renovated.", "the schools but the hospitals will be renovated"),
        ("The company has yet another plan to pay the fines imposed by the regulator.", "another plan to pay the fines imposed by the regulator"),
    ],
)  # fmt: skip
def test_a_quote_after_words_that_finish_no_negation_is_verified(source: str, quote: str) -> None:
    result = match(quote, source)
    assert result.verdict is Verdict.VERIFIED, result.detail
