"""Sentences, quotes, claims and uncited sentences from parsed body blocks (SPEC §3.2)."""

from __future__ import annotations

import pytest

from claimcheck.claims.from_article import (
    Anchor,
    LinkSpan,
    Marker,
    TextBlock,
    claims_in_text,
    extract_claims,
    find_quotes,
    make_claim_id,
    split_sentences,
    unique_id,
)
from claimcheck.model import ClaimKind
from tests.helpers.facts import facts_of


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def _block(text: str, markers: dict[str, str] | None = None, **kw: object) -> TextBlock:
    """A block at line 1; `markers` maps a placeholder such as `{1}` in `text` to a note id."""
    found: list[Marker] = []
    for placeholder, note in (markers or {}).items():
        at = text.index(placeholder)
        text = text[:at] + text[at + len(placeholder) :]
        found.append(Marker(at, note))
    return TextBlock(
        text=text,
        anchors=(Anchor(0, 1, 1),),
        markers=tuple(sorted(found, key=lambda m: m.offset)),
        **kw,  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- sentences


def test_sentences_end_at_terminal_punctuation_before_a_capital() -> None:
    text = "The port opened. Ships came! Did trade grow? Yes… Prices rose 5%. 2024 was calm."
    assert _sentences(text) == [
        "The port opened.",
        "Ships came!",
        "Did trade grow?",
        "Yes…",
        "Prices rose 5%.",
        "2024 was calm.",
    ]


def test_abbreviations_initials_and_dotted_forms_do_not_end_a_sentence() -> None:
    text = (
        "H.E. Mayor Okafor met Dr. Lind and J. R. Moss in the U.S. capital. "
        "The talks, e.g. on tolls, began at No. 5 Quay St. Harbour. It rained."
    )
    assert _sentences(text) == [
        "H.E. Mayor Okafor met Dr. Lind and J. R. Moss in the U.S. capital.",
        "The talks, e.g. on tolls, began at No. 5 Quay St. Harbour.",
        "It rained.",
    ]


def test_an_amount_with_a_decimal_point_ends_a_sentence() -> None:
    text = "The refit cost £3.8m. The chair said “We shall stay”. Profit was 2.5. It rose."
    assert _sentences(text) == [
        "The refit cost £3.8m.",
        "The chair said “We shall stay”.",
        "Profit was 2.5.",
        "It rose.",
    ]


def test_a_quotation_with_several_sentences_stays_in_one_sentence() -> None:
    text = "She wrote: “We waited. Nobody came. We left.” Then the ferry sailed. “Go.” He went."
    assert _sentences(text) == [
        "She wrote: “We waited. Nobody came. We left.”",
        "Then the ferry sailed.",
        "“Go.”",
        "He went.",
    ]


def test_lower_case_after_a_period_or_no_space_continues_the_sentence() -> None:
    assert _sentences("Prices fell 2.5 percent. in May. See example.org.Then more.") == [
        "Prices fell 2.5 percent. in May.",
        "See example.org.Then more.",
    ]


# --------------------------------------------------------------------------- quotes


def test_all_four_quotation_forms() -> None:
    text = '“curly double” and "straight double" and ‘curly single’ and «guillemets» end'
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        "“curly double”",
        '"straight double"',
        "‘curly single’",
        "«guillemets»",
    ]


def test_apostrophes_and_nested_quotes_do_not_split_a_quotation() -> None:
    text = "‘the harbour’s own rule’ and “the ‘Margara’ gate” and Türkiye’s port’s dues"
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        "‘the harbour’s own rule’",
        "“the ‘Margara’ gate”",
    ]


@pytest.mark.parametrize("text", ["an “unclosed quote", "an empty “” one", 'a 5" pipe', "«  »"])
def test_unclosed_and_empty_quotes_are_ignored(text: str) -> None:
    assert find_quotes(text) == []


# --------------------------------------------------------------------------- claims


def test_quotes_terms_and_facts_in_a_marked_sentence() -> None:
    block = _block(
        "The mayor called it “a crossing for a century,” a “bold” plan costing €48 million.{1}",
        {"{1}": "1"},
    )
    claims, uncited = extract_claims([block], article="a.txt")
    col = {s: block.text.index(s) + 1 for s in ("“a crossing", "“bold", "€48")}
    assert [(c.id, c.kind, c.note, c.quote, c.fact, c.value, c.column) for c in claims] == [
        ("n1-a-crossing-for-a", ClaimKind.QUOTE, "1", "a crossing for a century", None, None, 21),
        ("n1-bold", ClaimKind.TERM, "1", "bold", None, None, 51),
        ("n1-48-million", ClaimKind.FACT, "1", None, "€48 million", "money:EUR:48000000", 71),
    ]
    assert [c.column for c in claims] == [col["“a crossing"], col["“bold"], col["€48"]]
    assert {c.article for c in claims} == {"a.txt"}
    assert claims[0].sentence == block.text
    assert uncited == ()


def test_each_item_goes_to_the_nearest_marker_after_it() -> None:
    block = _block(
        "They agreed in 2022,{10} but three years later the “crossing plan” is unfinished.{11}",
        {"{10}": "10", "{11}": "11"},
    )
    claims, _ = extract_claims([block])
    assert [(c.note, c.quote or c.fact) for c in claims] == [
        ("10", "2022"),
        ("11", "three"),
        ("11", "crossing plan"),
    ]


def test_a_quote_after_the_last_marker_belongs_to_that_marker() -> None:
    block = _block("Officials{4} then said “we will reopen the pier soon” here.", {"{4}": "4"})
    claims, _ = extract_claims([block])
    assert [(c.note, c.quote) for c in claims] == [("4", "we will reopen the pier soon")]


def test_a_quote_whose_marker_is_in_the_following_sentence() -> None:
    block = _block(
        'The harbour master was blunt: "Ships will wait longer than in 1990." '
        "He said so at a meeting in May 2023.{5} Later remarks “do not count” here.",
        {"{5}": "5"},
    )
    claims, uncited = extract_claims([block])
    assert [(c.note, c.kind, c.quote or c.fact) for c in claims] == [
        ("5", ClaimKind.QUOTE, "Ships will wait longer than in 1990"),
        ("5", ClaimKind.FACT, "May 2023"),
    ]
    assert (
        claims[0].sentence == 'The harbour master was blunt: "Ships will wait longer than in 1990."'
    )
    # The third sentence comes after the marker, so nothing carries its quote forward.
    assert [(u.reason, u.sentence) for u in uncited] == [
        ("quote", "Later remarks “do not count” here.")
    ]


def test_an_inline_link_cites_its_sentence_when_there_is_no_marker() -> None:
    text = "The tolls are on the port website, where a crossing costs €2.50. Nothing else."
    start = text.index("port website")
    block = _block(text, links=(LinkSpan(start, start + 12, "https://example.org/tolls"),))
    claims, uncited = extract_claims([block])
    assert [(c.id, c.note, c.url, c.fact) for c in claims] == [
        ("link-2-50", None, "https://example.org/tolls", "€2.50")
    ]
    assert uncited == ()


def test_a_marker_wins_over_a_link_in_the_same_sentence() -> None:
    text = "See the port website: tolls rose 12 percent.{3}"
    block = _block(text, {"{3}": "3"})
    block = TextBlock(
        text=block.text,
        anchors=block.anchors,
        markers=block.markers,
        links=(LinkSpan(8, 20, "https://example.org/tolls"),),
    )
    (claim,) = extract_claims([block])[0]
    assert (claim.note, claim.url, claim.fact) == ("3", None, "12 percent")


def test_uncited_sentences_state_a_figure_or_a_quotation() -> None:
    blocks = [
        _block("Bridges and Budgets in 2024", heading=True),
        _block(
            "About 4,500 people signed. A councillor said it was “the worst deal ever” then. "
            "The “slow bridge” opened. The two sides met again. Nobody objected."
        ),
    ]
    claims, uncited = extract_claims(blocks)
    assert claims == ()
    assert [(u.reason, u.sentence, u.column) for u in uncited] == [
        ("figure", "About 4,500 people signed.", 1),
        ("quote", "A councillor said it was “the worst deal ever” then.", 28),
    ]


def test_marker_numbers_are_never_figures_and_referential_numbers_are_not_facts() -> None:
    block = _block(
        "The two councils met in the final two rounds of 2021.{7} Five envoys attended.{8}",
        {"{7}": "7", "{8}": "8"},
    )
    claims, _ = extract_claims([block])
    assert [(c.note, c.fact) for c in claims] == [("7", "2021"), ("8", "Five")]


def test_names_times_and_compound_adjectives_are_not_facts_and_a_season_is_two_years() -> None:
    text = (
        "Under Article 5 and Resolution 242 the board met at 5 p.m. in the 2022\u201323 season, "
        "fixed a zero-width flaw on Route 66 and spent $40 million on 3 of 12 depots.{1}"
    )
    claims, _ = extract_claims([_block(text, {"{1}": "1"})])
    # The season's second year is a year of its own (2023), checked like the first.
    assert [(c.fact, c.value) for c in claims][:2] == [("2022", "year:2022"), ("23", "year:2023")]
    assert [c.fact for c in claims][2:] == ["$40 million", "3", "12"]
    # A range of two-digit numbers is no season: both ends stay shares.
    text = "Turnout was 20-25 per cent in the 2022 vote.{1}"
    claims, _ = extract_claims([_block(text, {"{1}": "1"})])
    assert [(c.fact, c.value) for c in claims] == [
        ("20", "percent:20"),
        ("25 per cent", "percent:25"),
        ("2022", "year:2022"),
    ]
    # Only the number right after the naming word is a name; a spelled-out number in a
    # compound adjective is a figure from two on.
    text = (
        "Of the treaty's 30 articles, 12 were agreed; under Article 5, 9 states joined a "
        "five-year plan and a one-sided deal.{1}"
    )
    claims, _ = extract_claims([_block(text, {"{1}": "1"})])
    assert [c.fact for c in claims] == ["30", "12", "9", "five"]


def test_positions_follow_anchors_and_newlines() -> None:
    text = "First line of text\nsecond “quoted span here” line"
    block = TextBlock(
        text=text,
        anchors=(Anchor(0, 10, 3),),
        markers=(Marker(len(text), "2"),),
    )
    (claim,) = extract_claims([block])[0]
    assert (claim.line, claim.column) == (11, 8)
    assert claim.sentence == "First line of text second “quoted span here” line"
    assert block.position(0) == (10, 3)
    assert block.position(5) == (10, 8)


# --------------------------------------------------------------------------- ids


def test_claim_ids_are_slugs_unique_within_the_article() -> None:
    taken: set[str] = set()
    assert make_claim_id("6", "US$150 billion", taken) == "n6-us-150-billion"
    assert make_claim_id("6", "US$150 billion", taken) == "n6-us-150-billion-2"
    assert make_claim_id("6", "US$150 billion", taken) == "n6-us-150-billion-3"
    assert make_claim_id("smith2020", "Kılıç said İt is over now", taken) == (
        "smith2020-kilic-said-it-is"
    )
    assert make_claim_id(None, "€2.50", taken, url="https://x.org") == "link-2-50"
    assert make_claim_id(None, "", taken) == "claim"
    assert taken >= {"n6-us-150-billion", "link-2-50", "claim"}


def test_unique_id_resumes_counting_where_it_stopped() -> None:
    probes = 0

    class CountingSet(set[str]):
        def __contains__(self, item: object) -> bool:
            nonlocal probes
            probes += 1
            return super().__contains__(item)

    taken = CountingSet({"n1-x-3"})
    suffixes: dict[str, int] = {}
    ids = [unique_id("n1-x", taken, suffixes) for _ in range(2000)]
    assert ids[:4] == ["n1-x", "n1-x-2", "n1-x-4", "n1-x-5"]  # -3 was taken beforehand
    assert len(set(ids)) == 2000
    assert probes < 2 * 2000 + 10  # a scan from -2 each time would probe about 2 million times


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_blocks_give_nothing(text: str) -> None:
    assert extract_claims([TextBlock(text=text, anchors=(Anchor(0, 1, 1),))]) == ((), ())


def test_many_identical_claims_get_ids_in_linear_time() -> None:
    # Found by the fuzz corpus (issue 7): thousands of one figure made id allocation quadratic
    # (minutes at this size; pytest-timeout ends the test if that comes back).
    from claimcheck.article import parse_article

    body = "The pier has 12 posts.[^a] " * 6000 + "\n\n[^a]: https://example.org/pier\n"
    article = parse_article(body.encode(), "pier.md", "markdown")
    ids = [c.id for c in article.claims]
    assert len(ids) == len(set(ids)) >= 6000
    assert ids[:3] == ["a-12", "a-12-2", "a-12-3"]


@pytest.mark.parametrize("name", ["harbour.txt", "harbour.md", "harbour.html", "harbour.docx"])
def test_a_parser_without_claims_reads_the_same_notes_and_links(name: str) -> None:
    # `claimcheck links` parses with claims=False: the URLs it fetches must not change.
    from pathlib import Path

    from claimcheck.article import read_article

    path = str(Path(__file__).parents[1] / "fixtures" / "articles" / name)
    full = read_article(path)
    bare = read_article(path, claims=False)
    assert full.claims and full.uncited  # the fixture has both, so the switch is seen
    assert bare.claims == () and bare.uncited == ()
    assert (bare.notes, bare.links, bare.title) == (full.notes, full.links, full.title)


def test_links_runs_do_not_load_the_number_reader() -> None:
    # Claim finding (and `claimcheck.numbers`, ~30 ms to import) is skipped by `links`.
    import subprocess
    import sys
    from pathlib import Path

    article = Path(__file__).parents[1] / "fixtures" / "articles" / "harbour.md"
    code = (
        "import sys\n"
        "from claimcheck.article import read_article\n"
        f"a = read_article({str(article)!r}, claims=False)\n"
        "assert a.notes\n"
        "print('claimcheck.numbers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_group_of_markers_gives_its_claims_every_note_of_the_group() -> None:
    block = _block(
        "Costs rose 12 percent.{1}{2} Fares rose 3 percent.{3}, {4} Tolls fell 5 percent{5} "
        "and fees 2 percent.{6}",
        {"{1}": "1", "{2}": "2", "{3}": "3", "{4}": "4", "{5}": "5", "{6}": "6"},
    )
    claims, _ = extract_claims([block])
    assert [(c.fact, c.note, c.also_notes) for c in claims] == [
        ("12 percent", "1", ("2",)),
        ("3 percent", "3", ("4",)),
        ("5 percent", "5", ()),  # separate markers, each for its own figure
        ("2 percent", "6", ()),
    ]


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        (
            "Er sagte: „Wir erhöhen die Steuern nicht“, so der Minister.",
            ["Wir erhöhen die Steuern nicht"],
        ),
        ("Prezes powiedział: „Nie podniesiemy podatków”.", ["Nie podniesiemy podatków"]),
        ("Er sagte »Wir kommen morgen« und ging.", ["Wir kommen morgen"]),
        ("Sie nannte es ‚vorläufig‘ und ging.", ["vorläufig"]),
        ("社長は「増税はしない」と述べた。", ["増税はしない"]),
        ("首相は『「改革」を進める』と話した。", ["「改革」を進める"]),
        ("그는 ‘증세는 없다’는 입장을 밝혔다.", ["증세는 없다"]),
        ("Türkiye’s minister said ‘we will not’ today.", ["we will not"]),
    ],
)
def test_quotation_marks_of_other_languages(text: str, quotes: list[str]) -> None:
    found = find_quotes(text)
    assert [text[q.inner[0] : q.inner[1]] for q in found] == quotes


def test_chinese_and_japanese_sentences_end_without_a_space() -> None:
    text = "社長は「増税はしない」と述べた。首相も「改革を進める」と話した。"
    assert _sentences(text) == [
        "社長は「増税はしない」と述べた。",
        "首相も「改革を進める」と話した。",
    ]


def test_ids_of_claims_in_another_script_do_not_shift_when_one_is_added() -> None:
    quotes = ["Цены выросли на пять процентов", "价格上涨了百分之五", "예산이 크게 늘었다"]
    first = {q: make_claim_id("3", q, set()) for q in quotes}
    taken: set[str] = set()
    later = {q: make_claim_id("3", q, taken) for q in ["Новая цитата впереди", *quotes]}
    assert all(first[q] == later[q] for q in quotes), (first, later)
    assert len(set(first.values())) == len(quotes)
    assert all(i.startswith("n3-") and i.isascii() for i in first.values())
    # The same words spaced or cased otherwise keep their id; digits stay readable.
    assert make_claim_id("3", "ЦЕНЫ  выросли на пять процентов", set()) == first[quotes[0]]
    assert make_claim_id("3", "3천억 원을 투자했다", set()).startswith("n3-3-")
    # A Latin slug is as before.
    assert make_claim_id("3", "Prices rose 5%", set()) == "n3-prices-rose-5"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Revenue reached a record in FY2021.", [("FY2021", "date:2021-FY")]),
        ("The bank cut rates by 25bp last week.", [("25bp", "points:0.25")]),
        ("The line is 3 1/2 kilometres long.", [("3 1/2 kilometres", "measure:m:3500")]),
        ("Taiwan pledged NT$3bn last week.", [("NT$3bn", "money:TWD:3000000000")]),
        ("The firm paid Rs 1.2 crore in fines.", [("Rs 1.2 crore", "money:INR:12000000")]),
        ("Sales fell in Q3 2021.", [("Q3 2021", "date:2021-Q3")]),
        ("Users pay £4.80 per head.", [("£4.80 per head", "money:GBP:4.8/person")]),
        # A day and month that could be either way round is no fact without the page's locale.
        ("The data was published on 03/04/2021.", []),
    ],
)
def test_facts_of_currencies_fractions_and_parts_of_years(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert facts_of(sentence) == expected


def test_rupees_written_rs_with_a_period_end_no_sentence() -> None:
    text = "The state pledged Rs. 1.2 crore for the link. It opens in May."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The state pledged Rs. 1.2 crore for the link.",
        "It opens in May.",
    ]


# --------------------------------------------------------------------------- QA 15


def test_a_marker_after_the_speakers_name_gives_them_the_quote_after_it() -> None:
    block = _block(
        "Okafor{1} calls the pier “the heart of the town” while Lind{2} calls it “a relic”.",
        {"{1}": "1", "{2}": "2"},
    )
    claims, _ = extract_claims([block])
    assert [(c.note, c.quote) for c in claims] == [
        ("1", "the heart of the town"),
        ("2", "a relic"),
    ]


def test_markers_before_their_claims_still_keep_a_marker_that_follows_a_claim_directly() -> None:
    block = _block(
        "Tolls rose 5%{1} while fares rose 3%{2} and “nobody{3} complained” in a survey by Lind{4}"
        " that found “mild anger”.",
        {"{1}": "1", "{2}": "2", "{3}": "3", "{4}": "4"},
    )
    claims, _ = extract_claims([block])
    assert [(c.note, c.quote or c.fact) for c in claims] == [
        ("1", "5%"),
        ("2", "3%"),
        ("3", "nobody complained"),  # the marker inside the quote is its own
        ("4", "mild anger"),
    ]


def test_markers_after_their_claims_keep_the_nearest_marker_after() -> None:
    # No claim follows the last marker: every claim goes to the next marker, as before.
    block = _block(
        "Okafor{1} calls the pier “the heart of the town” while Lind calls it “a relic”.{2}",
        {"{1}": "1", "{2}": "2"},
    )
    claims, _ = extract_claims([block])
    assert [(c.note, c.quote) for c in claims] == [("2", "the heart of the town"), ("2", "a relic")]


def test_a_quote_after_a_cited_sentence_with_nothing_to_check_belongs_to_its_note() -> None:
    block = _block(
        "Okafor put it bluntly.{1} “The pier is the heart of the town.” Lind disagreed, calling "
        "it “a relic”.{2}",
        {"{1}": "1", "{2}": "2"},
    )
    claims, _ = extract_claims([block])
    assert [(c.note, c.quote) for c in claims] == [
        ("1", "The pier is the heart of the town"),
        ("2", "a relic"),
    ]


def test_a_quote_after_a_cited_sentence_with_claims_of_its_own_still_looks_forward() -> None:
    block = _block(
        "Okafor said tolls rose 5%.{1} “The pier is the heart of the town.” Lind agreed.{2}",
        {"{1}": "1", "{2}": "2"},
    )
    claims, _ = extract_claims([block])
    assert [(c.note, c.quote or c.fact) for c in claims] == [
        ("1", "5%"),
        ("2", "The pier is the heart of the town"),
    ]


def test_straight_single_quotes_are_quotations() -> None:
    text = "The minister said the rise was 'not necessary' and 'we don't need it'."
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        "'not necessary'",
        "'we don't need it'",
    ]
    claims, _ = extract_claims([_block(text + "{1}", {"{1}": "1"})])
    assert [(c.kind, c.quote) for c in claims] == [
        (ClaimKind.TERM, "not necessary"),
        (ClaimKind.QUOTE, "we don't need it"),
    ]


def test_an_uncited_straight_single_quotation_is_listed() -> None:
    _, uncited = extract_claims([_block("The mayor said the pier was 'older than the town'.")])
    assert [(u.reason, u.sentence) for u in uncited] == [
        ("quote", "The mayor said the pier was 'older than the town'.")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In the '90s the port grew.",
        "Jones' car and the workers' union don't count.",
        "They played rock 'n' roll all night, 'til dawn.",
        "'Tis the season, he told 'em.",
        "A 5' 11\" sailor and Ba'ath officials.",
        "It is ' spaced ' not quoted.",
    ],
)
def test_apostrophes_are_not_straight_single_quotations(text: str) -> None:
    assert find_quotes(text) == []


def test_a_straight_single_quotation_ends_its_sentence() -> None:
    assert _sentences("He called it 'fine.' The next day was calm.") == [
        "He called it 'fine.'",
        "The next day was calm.",
    ]


@pytest.mark.parametrize(
    ("sentence", "facts"),
    [
        ("He calls it “the spine” (p. 45).", []),
        ("She calls it “a folly” (pp. 112–14).", []),
        ("She calls it “a folly” (pp. 45, 47–9; see also S. 12 f.).", []),
        ("As Okafor writes on p. 45, tolls rose 12%.", [("12%", "percent:12")]),
        ("See pp. 3ff. for the 40% rise.", [("40%", "percent:40")]),
        ("The ruling (Okafor, at 45) cut fees by 30%.", [("30%", "percent:30")]),
        ("(Id. at 12–13.)", []),
        ("Turnout fell (at 45%).", [("45%", "percent:45")]),  # a share, not a page
        ("Die Maut stieg (S. 12) um 5 Prozent.", [("5 Prozent", "percent:5")]),
    ],
)
def test_page_references_are_not_facts(sentence: str, facts: list[tuple[str, str]]) -> None:
    assert facts_of(sentence) == facts


def test_a_bracketed_at_is_a_page_only_in_a_legal_pinpoint() -> None:
    assert facts_of("Prices peaked (in May, at 45) and fell.") == [("45", "count:45")]


# --------------------------------------------------------------------------- qa17: other languages


def _quoted(text: str) -> list[str]:
    return [text[q.start + 1 : q.end - 1] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("'The farmers' protest is over,' the minister said.", ["The farmers' protest is over,"]),
        (
            "It was 'an insult to the workers' families' and he left.",
            ["an insult to the workers' families"],
        ),
        ("‘The farmers’ protest is over,’ she said.", ["The farmers’ protest is over,"]),
        # a possessive-looking mark with nothing better after it still closes the quote
        ("He called it 'a farce of excuses' in the bosses' offices.", ["a farce of excuses"]),
        (
            "'the farmers' protest' and 'the workers' union'.",
            ["the farmers' protest", "the workers' union"],
        ),
    ],
)
def test_a_plural_possessive_inside_single_quotes_does_not_close_them(
    text: str, quotes: list[str]
) -> None:
    assert _quoted(text) == quotes


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("Volgens 't rapport is de hervorming 'een groot succes'.", ["een groot succes"]),
        ("Hij vond het plan 's avonds 'onhaalbaar en te duur'.", ["onhaalbaar en te duur"]),
        ("In 's-Hertogenbosch zei 'k het al: 'veel te laat'.", ["veel te laat"]),
    ],
)
def test_dutch_elisions_open_no_single_quotation(text: str, quotes: list[str]) -> None:
    assert _quoted(text) == quotes


@pytest.mark.parametrize(
    "sentence",
    [
        "La alcaldesa habló de «un punto de inflexión» (pág. 45).",
        "Мэр назвал реформу «историческим переломом» (С. 45).",
        "Burmistrz nazwał reformę „historycznym przełomem” (s. 45).",
        "Burmistrz nazwał reformę „historycznym przełomem” (str. 45).",
        "De burgemeester sprak van „een keerpunt” (blz. 45).",
        "Il sindaco parlò di «una svolta» (pagina 45).",
        "Başkan buna “bir dönüm noktası” dedi (sayfa 45).",
        "市長は「歴史的な転換点」と述べた（45頁）。",
        "市长称其为「历史性的转折点」（第45页）。",
    ],
)
def test_page_locators_of_other_languages_are_not_figures(sentence: str) -> None:
    kinds = [kind for kind, _, _ in claims_in_text(sentence)]
    assert ClaimKind.FACT not in kinds
    assert len(kinds) == 1


@pytest.mark.parametrize(
    "sentence",
    ["Il rapporto conta 45 pagine.", "The report, p. 3, says 45 died.", "死者は45人だった。"],
)
def test_a_figure_near_a_page_word_is_still_a_figure(sentence: str) -> None:
    assert "45" in [t[:2] for kind, t, _ in claims_in_text(sentence) if kind == ClaimKind.FACT]


@pytest.mark.parametrize(
    "text",
    [
        "Die Schulden lagen bei 9,9 Bio. Euro, teilte das Amt mit.",
        "Le projet coûte env. 45 millions d'euros.",
        "El proyecto cuesta aprox. 45 millones de euros.",
        "Es el núm. 5 de la lista.",
    ],
)
def test_unit_and_figure_abbreviations_of_other_languages_end_no_sentence(text: str) -> None:
    assert _sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Seit 2019 gibt es im Laden nur noch Bio. Der Umsatz stieg um 13 %.",
        "Die Stadt hat 5 Mio. Im Jahr 2020 kamen 40 hinzu.",
        "Выручка составила 5 млн. В 2020 году компания наняла 40 человек.",
        "Zatrudnia 50 tys. W 2020 roku firma przyjęła 40 osób.",
        "El coste fue de 7 millones aprox. La empresa tiene 90 empleados.",
        "Le projet coûte 3 millions env. La ville compte 800 habitants.",
    ],
)
def test_a_figure_abbreviation_ends_its_sentence_before_a_new_one(text: str) -> None:
    assert len(_sentences(text)) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Die Schulden lagen bei 9,9 Bio. Euro im Jahr 2020.",
        "Die Stadt hat 3 Mio. Einwohner und wächst.",
        "Долг составил 5 млн. рублей в 2020 году.",
        "Costó aprox. 7 millones en 2020.",
        "Le budget atteint 3 millions env. par an.",
        "Sprzedaż wyniosła 5 mld. USD w 2020 roku.",
    ],
)
def test_a_figure_abbreviation_before_its_unit_or_a_lower_case_word_ends_nothing(
    text: str,
) -> None:
    assert _sentences(text) == [text]


@pytest.mark.parametrize(
    "second",
    [
        "Critics were scathing: “a whitewash from start to finish”, one MP said.",
        "“Nobody read it,” one official admitted.",
        "“Nobody read it,” said the union.",
        "According to the union, “nobody read it”.",
    ],
)
def test_a_quote_attributed_to_someone_else_does_not_take_the_previous_note(second: str) -> None:
    block = _block("The ministry published its report on Monday.{1} " + second, {"{1}": "1"})
    claims, uncited = extract_claims([block])
    assert claims == ()
    assert [u.reason for u in uncited] == ["quote"]


@pytest.mark.parametrize(
    "second",
    [
        "“The pier is the heart of the town.”",
        "He went further: “The pier is the heart of the town.”",
        "“The pier is the heart of the town,” he said.",
    ],
)
def test_a_quote_by_the_introduced_speaker_takes_the_previous_note(second: str) -> None:
    block = _block("Okafor put it bluntly.{1} " + second, {"{1}": "1"})
    claims, _ = extract_claims([block])
    assert [(c.note, c.quote) for c in claims] == [("1", "The pier is the heart of the town")]


def test_quote_marks_inside_code_are_no_quotations() -> None:
    text = "Run grep 'disk full' syslog or set mode = \"strict\" as 'the manual' says."
    code_a = text.index("grep"), text.index(" or")
    code_b = text.index("mode"), text.index(" as")
    quotes = find_quotes(text, (code_a, code_b))
    assert [text[q.start : q.end] for q in quotes] == ["'the manual'"]
    block = _block(text + "{1}", {"{1}": "1"}, code=(code_a, code_b))
    claims, _ = extract_claims([block])
    assert [c.quote for c in claims] == ["the manual"]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Hij zei: ''s Avonds is het druk op het plein,' en ging.",
            "'s Avonds is het druk op het plein,",
        ),
        (
            "Ze zei: ''t Is nu voorbij met de overlast,' en lachte.",
            "'t Is nu voorbij met de overlast,",
        ),
    ],
)
def test_a_single_quotation_may_open_with_an_elision(text: str, quote: str) -> None:
    spans = find_quotes(text)
    assert [text[q.start + 1 : q.end - 1] for q in spans] == [quote]
