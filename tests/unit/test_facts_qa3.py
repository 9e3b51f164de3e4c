"""Figures and facts: black-box QA round three (scale words of many languages, digits of other
scripts, Chinese, Japanese and Korean figures; lists, tables, noise)."""

from __future__ import annotations

import pytest

from claimcheck.claims.from_article import claims_in_text
from claimcheck.facts import clear_caches, match_fact
from claimcheck.model import TextLayer, Verdict
from claimcheck.numbers import find_figures, parse_quantity


def verdict(fact: str | None, sentence: str, page: str) -> Verdict:
    """The verdict on `fact` (by default the sentence's only fact, as the article reader
    writes it)."""
    clear_caches()
    if fact is None:
        ((fact, _),) = facts_of(sentence)
    return match_fact(fact, sentence, [TextLayer("main", page)]).verdict


def facts_of(sentence: str) -> list[tuple[str, str | None]]:
    return [(text, value) for kind, text, value in claims_in_text(sentence) if kind.value == "fact"]


def values(text: str) -> list[str]:
    return [figure.quantity.canonical() for figure in find_figures(text)]


# --------------------------------------------------------------------------- A1, A13: scale
# words of other languages are part of the figure.

SCALED = [
    ("R$ 18,7 bilhões", "money:BRL:18700000000"),
    ("18,7 milhões de reais", "money:BRL:18700000"),
    ("48 миллиардов рублей", "money:RUB:48000000000"),
    ("48 млн рублей", "money:RUB:48000000"),
    ("120 тыс. человек", "count:120000"),
    ("2,3 miljard euro", "money:EUR:2300000000"),
    ("2.300 miljoen euro", "money:EUR:2300000000"),
    ("1,8 δισ. ευρώ", "money:EUR:1800000000"),
    ("1.800 εκατ. ευρώ", "money:EUR:1800000000"),
    ("40 אלף דירות", "count:40000"),
    ("250 milioni di euro", "money:EUR:250000000"),
    ("250 mln di euro", "money:EUR:250000000"),
    ("300 mila passeggeri", "count:300000"),
    ("850 milionów złotych", "money:PLN:850000000"),
    ("850 mln zł", "money:PLN:850000000"),
    ("34,8 nghìn tỷ đồng", "money:VND:34800000000000"),
    ("34.800 tỷ đồng", "money:VND:34800000000000"),
    ("3.5 مليار دولار", "money:USD:3500000000"),
    ("45,000 करोड़ रुपये", "money:INR:450000000000"),
    ("3 lakh people", "count:300000"),
    ("300 mil personas", "count:300000"),
    ("2 billones de pesos", "count:2000000000000"),
]


@pytest.mark.parametrize(("text", "expected"), SCALED)
def test_scale_words_of_other_languages(text: str, expected: str) -> None:
    assert values(text) == [expected]


MAGNITUDE_ERRORS = [
    (
        "A economista estima que a medida custará R$ 18,7 milhões aos cofres públicos.",
        None,
        "A economista Beatriz Costa estima que a medida custará R$ 18,7 bilhões aos cofres "
        "públicos.",
    ),
    (
        "Мэр утвердил программу ремонта школ стоимостью 48 млн рублей.",
        None,
        "Мэр Сергей Волков утвердил программу ремонта 320 школ стоимостью 48 миллиардов рублей.",
    ),
    (
        "Het kabinet trekt 2,3 miljoen euro uit voor de versterking van dijken.",
        None,
        "Het kabinet trekt de komende tien jaar 2,3 miljard euro uit voor de versterking van "
        "dijken.",
    ),
    (
        "Ο υπουργός ανακοίνωσε πακέτο 1,8 εκατ. ευρώ για τη στήριξη των ενοικιαστών.",
        None,
        "Ο υπουργός Οικονομικών ανακοίνωσε πακέτο 1,8 δισ. ευρώ για τη στήριξη των ενοικιαστών.",
    ),
    (
        "שר השיכון הודיע כי הממשלה תבנה 40 דירות בהישג יד.",
        None,
        "שר השיכון הודיע כי הממשלה תבנה 40 אלף דירות בהישג יד עד שנת 2028.",
    ),
]


@pytest.mark.parametrize(("sentence", "fact", "page"), MAGNITUDE_ERRORS)
def test_a_thousandfold_error_in_another_language_is_a_mismatch(
    sentence: str, fact: None, page: str
) -> None:
    assert verdict(fact, sentence, page + "\n") is Verdict.MISMATCH


def test_the_same_amount_with_another_scale_word_is_verified() -> None:
    page = "Het kabinet trekt de komende tien jaar 2,3 miljard euro uit voor dijken.\n"
    sentence = "Het kabinet trekt 2.300 miljoen euro uit voor dijken."
    assert verdict(None, sentence, page) is Verdict.VERIFIED


def test_the_mention_of_a_currency_word_with_a_dot_is_literal() -> None:
    # "руб." is a word with a dot, not a pattern: "рубX" names no currency.
    assert values("5 рубX") == ["count:5"]
    assert values("5 руб. за") == ["money:RUB:5"]


# --------------------------------------------------------------------------- A11: digits of
# other scripts.

NATIVE = [
    ("بتكلفة ٣٫٥ مليار دولار", ["money:USD:3500000000"], "٣٫٥ مليار دولار"),
    ("لبناء ١٢٠ مدرسة", ["count:120"], "١٢٠"),
    ("بنسبة ٢٥٪", ["percent:25"], "٢٥٪"),
    ("۱۲۳ نفر", ["count:123"], "۱۲۳"),
    ("लागत ४५,००० करोड़ रुपये है", ["money:INR:450000000000"], "४५,००० करोड़ रुपये"),
]


@pytest.mark.parametrize(("text", "expected", "written"), NATIVE)
def test_digits_of_other_scripts_are_read(text: str, expected: list[str], written: str) -> None:
    found = find_figures(text)
    assert [f.quantity.canonical() for f in found] == expected
    assert found[0].text == written  # as written in the text, offsets unchanged
    assert text[found[0].start : found[0].end] == written


def test_native_digits_verify_the_same_figure_in_ascii_digits() -> None:
    page = "أعلن وزير التعليم عن خطة لبناء ١٢٠ مدرسة جديدة بتكلفة ٣٫٥ مليار دولار.\n"
    sentence = "أعلن وزير التعليم عن خطة لبناء مدارس جديدة بتكلفة 3.5 مليار دولار."
    assert verdict(None, sentence, page) is Verdict.VERIFIED
    changed = "أعلن وزير التعليم عن خطة لبناء مدارس جديدة بتكلفة 3.5 مليون دولار."
    assert verdict(None, changed, page) is Verdict.MISMATCH
    assert parse_quantity("٣٫٥") == parse_quantity("3.5")
