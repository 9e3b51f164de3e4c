"""Figures and facts: black-box QA round three (scale words of many languages, digits of other
scripts, Chinese, Japanese and Korean figures; lists, tables, noise)."""

from __future__ import annotations

import pytest

from claimcheck.facts import clear_caches, match_fact
from claimcheck.model import TextLayer, Verdict
from claimcheck.numbers import find_figures, parse_quantity
from tests.helpers.facts import facts_of, values
from tests.helpers.facts import verdict as fact_verdict


def verdict(fact: str | None, sentence: str, page: str) -> Verdict:
    """The verdict on `fact` (by default the sentence's only fact, as the article reader
    writes it)."""
    if fact is None:
        ((fact, _),) = facts_of(sentence)
    return fact_verdict(fact, sentence, page)


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


# --------------------------------------------------------------------------- A10, A12: Chinese,
# Japanese and Korean figures.

EAST_ASIAN = [
    ("今年将投入35亿元用于新能源汽车补贴。", ["money:CNY:3500000000"]),
    ("去年北京新能源汽车销量增长了28%。", ["percent:28"]),
    ("来年度から3兆円規模の予算を投じる", ["money:JPY:3000000000000"]),
    ("昨年の出生数は758,000人だった。", ["count:758000"]),
    ("昨年の出生数は75万8千人で", ["count:758000"]),
    ("昨年の出生数は75万8000人で", ["count:758000"]),
    ("내년에 2조 3000억 원을 투입하겠다고", ["money:KRW:2300000000000"]),
    ("내년에 2조 3천억 원을 투입하겠다고", ["money:KRW:2300000000000"]),
    ("3천억원을 투입", ["money:KRW:300000000000"]),
    ("2.5万亿元", ["money:CNY:2500000000000"]),
    ("１０億円", ["money:JPY:1000000000"]),
    ("2024年3月15日に発表、3月15日に", ["date:2024-03-15"]),
    ("2024년 3월 15일", ["date:2024-03-15"]),
    ("iPhone15 and 5G", []),
]


@pytest.mark.parametrize(("text", "expected"), EAST_ASIAN)
def test_chinese_japanese_and_korean_figures(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_chinese_japanese_and_korean_sentences_have_facts() -> None:
    assert facts_of("北京市发展和改革委员会宣布，今年将投入35亿元用于新能源汽车补贴。") == [
        ("35亿元", "money:CNY:3500000000")
    ]
    assert facts_of("김민수 장관은 내년에 2조 3000억 원을 투입하겠다고 밝혔다.") == [
        ("2조 3000억 원", "money:KRW:2300000000000")
    ]


CJK_PAGE = (
    "北京市发展和改革委员会宣布，今年将投入35亿元用于新能源汽车补贴。"
    "据统计，去年北京新能源汽车销量增长了28%。上海的外卖订单增长了12%。\n"
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("据报道，北京市今年将投入35亿元用于新能源汽车补贴。", Verdict.VERIFIED),
        ("据报道，北京市今年将投入3.5亿元用于新能源汽车补贴。", Verdict.MISMATCH),
        ("去年北京新能源汽车销量增长了28%。", Verdict.VERIFIED),
        # The claim's sentence is the one with 28%: 12% is about takeaway orders.
        ("去年北京新能源汽车销量增长了12%。", Verdict.MISMATCH),
    ],
)
def test_chinese_facts_are_placed_by_pairs_of_characters(sentence: str, expected: Verdict) -> None:
    assert verdict(None, sentence, CJK_PAGE) is expected


def test_a_korean_amount_in_another_spelling_is_verified() -> None:
    page = "김민수 장관은 화요일 청년 주거 지원을 위해 내년에 2조 3천억 원을 투입하겠다고 밝혔다.\n"
    sentence = "장관은 내년에 2조 3000억 원을 투입하겠다고 밝혔다."
    assert verdict(None, sentence, page) is Verdict.VERIFIED


def test_hindi_words_keep_their_vowel_signs() -> None:
    page = "योजना की कुल लागत ४५,००० करोड़ रुपये है और यह अप्रैल से लागू होगी।\n"
    sentence = "योजना की कुल लागत 45,000 करोड़ रुपये है और यह अप्रैल से लागू होगी।"
    clear_caches()
    result = match_fact("45,000 करोड़ रुपये", sentence, [TextLayer("main", page)])
    assert result.verdict is Verdict.VERIFIED
    assert "near the claim's words" in (result.detail or "")


# --------------------------------------------------------------------------- B9: a fraction of
# a scale word is an amount.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A third of a million people attended", ["count:333333"]),
        ("a quarter of a billion dollars", ["money:USD:250000000"]),
        ("two-thirds of a million euros", ["money:EUR:666667"]),
        ("a third of the votes", ["ratio:1/3"]),
        ("Half a million people", ["count:500000"]),
    ],
)
def test_a_fraction_of_a_scale_word_is_an_amount(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_a_third_of_a_million_is_no_million() -> None:
    sentence = "A third of a million people attended the rally, police said."
    million = "<p>Police said a million people attended the rally.</p>\n"
    assert verdict(None, sentence, million) is Verdict.MISMATCH
    close = "<p>Police said 330,000 people attended the rally.</p>\n"
    assert verdict(None, sentence, close) is Verdict.APPROXIMATE
    far = "<p>Police said 300,000 people attended the rally.</p>\n"
    assert verdict(None, sentence, far) is Verdict.MISMATCH
