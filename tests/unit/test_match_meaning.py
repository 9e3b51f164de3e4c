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
        # A negation cut out with the verb it negates, or a reversing verb with its subject:
        # what is left asserts nothing the source denies.
        (
            "The institute would not approve the ravareni vessel after the budget review.",
            "The institute would ... the ravareni vessel after the budget review",
        ),
        (
            "A late warehouse cancelled a regional convoy for the northern depot in Tevelri.",
            "A late ... regional convoy for the northern depot in Tevelri",
        ),
        # A verb cut out with part of its object: what is left is reversed by nothing.
        (
            "The tribunal of Zansivi rejected the viso framework despite the output of Risomon.",
            "The tribunal of Zansivi ... framework despite the output of Risomon",
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


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        ("The mayor said the bridge may close next spring if repairs are delayed.", "the bridge [will] close next spring if repairs are delayed"),
        ("The inspectors found that some teachers at the school had not completed training.", "[all] teachers at the school had not completed training"),
        ("Police said he had been driving at 90mph when the car left the road.", "[she] had been driving at 90mph when the car left the road"),
        ("Selon le rapport, certains enseignants de l'école ont signalé des problèmes.", "[tous les] enseignants de l'école ont signalé des problèmes"),
    ],
)  # fmt: skip
def test_a_bracket_swapping_a_modal_quantifier_or_pronoun_is_a_mismatch(
    source: str, quote: str
) -> None:
    result = match(quote, source)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert any(op.critical and op.quote.startswith("[") for op in result.diff or ())


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        # A name for a pronoun, a capital, first person made third: clarifications.
        ("Police said he had been driving at 90mph when the car left the road.", "[Mr Jones] had been driving at 90mph when the car left the road"),
        ("The jury deliberated for nine hours before returning a verdict.", "[T]he jury deliberated for nine hours before returning a verdict"),
        ("The minister said: I will resign if the bill fails in the house.", "[he] will resign if the bill fails in the house"),
        ("The company said their plans for the plant had not changed at all.", "[its] plans for the plant had not changed at all"),
    ],
)  # fmt: skip
def test_a_bracket_that_clarifies_a_pronoun_is_verified(source: str, quote: str) -> None:
    result = match(quote, source)
    assert result.verdict is Verdict.VERIFIED, result.detail


@pytest.mark.parametrize(
    ("source", "quote", "changed"),
    [
        # Modals and hedges: a possibility made a certainty or an obligation.
        ("The mayor said the bridge may close next spring if repairs are delayed.", "the bridge will close next spring if repairs are delayed", "will"),
        ("Employers should provide protective equipment to all workers on site.", "Employers must provide protective equipment to all workers on site", "must"),
        ("The vaccine is possibly linked to the rare side effects, the regulator said.", "The vaccine is certainly linked to the rare side effects", "certainly"),
        ("Investigators believe the fire was likely caused by faulty wiring in the basement.", "the fire was caused by faulty wiring in the basement", ""),
        ("Der Bürgermeister sagte, die Brücke könnte im nächsten Frühjahr geschlossen werden.", "die Brücke wird im nächsten Frühjahr geschlossen werden", "wird"),
        # Quantifiers and how often.
        ("The inspectors found that some teachers at the school had not completed training.", "The inspectors found that all teachers at the school had not completed training", "all"),
        ("The storm damaged a few houses on the coast overnight, officials said.", "The storm damaged many houses on the coast overnight", "many"),
        ("Patients often wait more than a week for an appointment, the survey found.", "Patients rarely wait more than a week for an appointment", "rarely"),
        # Who says so, and how.
        ("Police confirmed that the suspect had been arrested in Manchester.", "Police denied that the suspect had been arrested in Manchester", "denied"),
        ("The scientists claimed the new drug cured the disease in mice.", "The scientists proved the new drug cured the disease in mice", "proved"),
        ("La policía confirmó que el sospechoso fue detenido en Madrid.", "La policía negó que el sospechoso fue detenido en Madrid", "negó"),
        # How much, and a plan made a fact.
        ("Prices rose slightly in March as fuel costs eased, the office said.", "Prices rose sharply in March as fuel costs eased", "sharply"),
        ("Critics say the new stadium is a costly folly the town cannot afford.", "Critics say the new stadium is a cheap folly the town cannot afford", "cheap"),
        ("Prices rose slightly in March as fuel costs eased, the office said.", "Prices rose in March as fuel costs eased", ""),
        ("The city will build a new bridge across the river by 2027, the mayor said.", "The city has built a new bridge across the river by 2027", "has built"),
        # The quote's short first word stands right before the passage: "it" is taken in, so
        # the diff shows "will build" made "built", not "it" swapped for "will".
        ("The council said that it will build three new schools in the north.", "it built three new schools in the north", "built"),
        ("The government is considering a ban on disposable vapes, officials said.", "The government is introducing a ban on disposable vapes", "introducing"),
        # Conditions, connectives, "only".
        ("The school will reopen if the inspectors approve the repairs.", "The school will reopen unless the inspectors approve the repairs", "unless"),
        ("Applicants must provide a passport and a utility bill to register.", "Applicants must provide a passport or a utility bill to register", "or"),
        ("The policy applies only to companies with more than fifty employees.", "The policy applies to companies with more than fifty employees", ""),
        # Who, and how many.
        ("She told reporters that he had lied to the committee about the contracts.", "told reporters that she had lied to the committee about the contracts", "she"),
        ("His brother was arrested at the airport on Monday evening, police said.", "His sister was arrested at the airport on Monday evening", "sister"),
        ("The officer fired a shot at the fleeing car, witnesses said.", "The officer fired shots at the fleeing car", "shots"),
    ],
)  # fmt: skip
def test_a_changed_word_that_changes_the_meaning_is_a_mismatch(
    source: str, quote: str, changed: str
) -> None:
    result = match(quote, source)
    assert result.verdict is Verdict.MISMATCH, result.detail
    assert [op.quote for op in result.diff or () if op.critical] == [changed]


@pytest.mark.parametrize(
    ("source", "quote"),
    [
        # Words of the same meaning, contractions, spelling: the statement is the same.
        ("The board said every member of staff would receive a bonus this year.", "The board said each member of staff would receive a bonus this year"),
        ("The spokesman told reporters the company would appeal the ruling soon.", "The spokesman told journalists the company would appeal the ruling soon"),
        ("The union said we will not accept the offer from the management.", "The union said we won't accept the offer from the management"),
        ("The minister said we will review the decision in the spring.", "The minister said we'll review the decision in the spring"),
        ("The organisation said the programme may be extended next year.", "The organization said the program may be extended next year"),
    ],
)  # fmt: skip
def test_a_faithful_variant_stays_approximate(source: str, quote: str) -> None:
    result = match(quote, source)
    assert result.verdict is Verdict.APPROXIMATE, result.detail


@pytest.mark.parametrize(
    ("source", "quote", "verdict"),
    [
        # A figure without its thousands separator at the start of the quote, and an
        # abbreviation with or without its dots, are house style.
        ("The company said that 1,000 jobs would go at its plants in Wales.", "1000 jobs would go at its plants in Wales", Verdict.APPROXIMATE),
        ("The company said 25,000 homes were without power after the storm.", "25000 homes were without power after the storm", Verdict.APPROXIMATE),
        ("The minister said the U.S. would lift sanctions on the country.", "the US would lift sanctions on the country", Verdict.APPROXIMATE),
        ("Officials said the UK would send troops to the region next month.", "the U.K. would send troops to the region next month", Verdict.APPROXIMATE),
        # Another figure, or another abbreviation, is still a mismatch.
        ("The company said 25,000 homes were without power after the storm.", "25,500 homes were without power after the storm", Verdict.MISMATCH),
        ("The minister said the U.S. would lift sanctions on the country.", "the UK would lift sanctions on the country", Verdict.MISMATCH),
    ],
)  # fmt: skip
def test_house_style_for_figures_and_abbreviations(
    source: str, quote: str, verdict: Verdict
) -> None:
    result = match(quote, source)
    assert result.verdict is verdict, result.detail
