"""Note text: URLs, access dates, titles, authors, and `Ibid.`/`Id.`/short-form resolution."""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.article.notes import (
    RawNote,
    build_notes,
    find_url_spans,
    find_urls,
    is_ibid,
    note_author,
    note_title,
    parse_accessed,
    unquoted_citation,
)

# --------------------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Report, 2021, https://example.org/a/52122.", ["https://example.org/a/52122"]),
        ("see https://example.org/b, p. 3", ["https://example.org/b"]),
        ("(online at https://example.org/c)", ["https://example.org/c"]),
        ("“https://example.org/d”, retrieved", ["https://example.org/d"]),
        ("https://example.org/e; accessed", ["https://example.org/e"]),
        ("«https://example.org/f»", ["https://example.org/f"]),
        ("‘https://example.org/g’", ["https://example.org/g"]),
        ("end https://example.org/h!", ["https://example.org/h"]),
        ("https://example.org/i?.", ["https://example.org/i"]),
    ],
)
def test_trailing_punctuation_is_not_part_of_a_url(text: str, expected: list[str]) -> None:
    assert find_urls(text) == expected


def test_balanced_brackets_stay_in_a_url() -> None:
    text = "See https://en.wikipedia.org/wiki/Bridge_(structure), and (https://example.org/p_(x))."
    assert find_urls(text) == [
        "https://en.wikipedia.org/wiki/Bridge_(structure)",
        "https://example.org/p_(x)",
    ]


def test_several_urls_in_one_note_in_order_without_duplicates() -> None:
    text = (
        "Union, “Statement,” https://example.org/s, mirrored at http://archive.example.org/s; "
        "also https://example.org/s."
    )
    assert find_urls(text) == ["https://example.org/s", "http://archive.example.org/s"]


def test_a_marker_glued_to_a_url_is_stripped_but_brackets_inside_stay() -> None:
    text = "at https://example.org/t?day[1]=mon and https://example.org/u.[2] more"
    spans = find_url_spans(text)
    assert [url for _, _, url in spans] == [
        "https://example.org/t?day[1]=mon",
        "https://example.org/u",
    ]
    start, end, url = spans[1]
    assert text[start:end] == url


@pytest.mark.parametrize("text", ["no link here", "https://", "http://.", "see https:// ,"])
def test_text_without_a_real_url_has_none(text: str) -> None:
    assert find_urls(text) == []


# --------------------------------------------------------------------------- access dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gazette, accessed March 2, 2025.", dt.date(2025, 3, 2)),
        ("retrieved on 2025-03-02.", dt.date(2025, 3, 2)),
        ("Accessed 2 March 2025.", dt.date(2025, 3, 2)),
        ("(last accessed Sept. 3rd, 2024)", dt.date(2024, 9, 3)),
        ("Retrieved: 14 Apr 2025", dt.date(2025, 4, 14)),
        ("viewed on Dec 31 2023", dt.date(2023, 12, 31)),
        ("consulted 2024-1-5", dt.date(2024, 1, 5)),
    ],
)
def test_access_dates(text: str, expected: dt.date) -> None:
    assert parse_accessed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Harbour Gazette, June 1, 2022.",  # a publication date is not an access date
        "accessed February 30, 2024",  # no such day
        "accessed 2025-13-01",
        "accessed recently",
    ],
)
def test_no_access_date(text: str) -> None:
    assert parse_accessed(text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Turkish
        "Kıyı Gazetesi, “Liman açıldı”, erişim tarihi 7 Nisan 2022.",
        "Kıyı Gazetesi, (Erişim: 07.04.2022)",
        "Son erişim tarihi: 7 Nisan 2022",
        "ERİŞİM TARİHİ 7 NİSAN 2022",
        "Erisim tarihi 7 Nisan 2022",  # typed without Turkish letters
        "(07.04.2022 tarihinde erişildi)",
        # French
        "Le Courrier du Port, consulté le 7 avril 2022.",
        "page consultée le 7 avr. 2022",
        "date de consultation : 07.04.2022",
        # German
        "Hafenblatt, abgerufen am 7. April 2022.",
        "(Zugriff: 7.4.2022)",
        "zuletzt abgerufen am 07.04.2022",
        # Spanish
        "Diario del Puerto, consultado el 7 de abril de 2022.",
        "fecha de consulta: 7 abril 2022",
        "Recuperado el 7 de abril de 2022, de https://example.org/puerto",
        # Russian
        "Портовый вестник (дата обращения: 07.04.2022).",
        "(дата обращения: 7 апреля 2022 г.)",
        "ДАТА ОБРАЩЕНИЯ 7 АПРЕЛЯ 2022",
        # English, day.month.year with dots
        "Harbour Gazette [accessed 7.4.2022]",
        "accessed on the 7th of April 2022",
    ],
)
def test_access_dates_in_other_languages_and_dotted(text: str) -> None:
    assert parse_accessed(text) == dt.date(2022, 4, 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("consulté le 1er mai 2020", dt.date(2020, 5, 1)),
        ("abgerufen am 3. März 2021", dt.date(2021, 3, 3)),
        ("Abruf: 2. Jänner 2021", dt.date(2021, 1, 2)),
        ("erişim tarihi 3 Şubat 2021", dt.date(2021, 2, 3)),
        ("erişim tarihi 19 Mayıs 2021", dt.date(2021, 5, 19)),
        ("consultado el 9 de septiembre de 2019", dt.date(2019, 9, 9)),
        ("дата обращения: 5 мая 2021", dt.date(2021, 5, 5)),
        ("дата обращения: 28 декабря 2020", dt.date(2020, 12, 28)),
        ("consulté le 15 août 2018", dt.date(2018, 8, 15)),
        ("accessed 31.12.2021", dt.date(2021, 12, 31)),
    ],
)
def test_month_names_of_each_language(text: str, expected: dt.date) -> None:
    assert parse_accessed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the publication date comes first, the access date after its phrase
        ("Hafenblatt, 2.3.2020, abgerufen am 4.4.2021.", dt.date(2021, 4, 4)),
        ("Le Courrier, 2 mars 2020, consulté le 4 avril 2021.", dt.date(2021, 4, 4)),
        ("Вестник, 02.03.2020 (дата обращения: 04.04.2021).", dt.date(2021, 4, 4)),
        ("Gazete, 2 Mart 2020. Erişim tarihi: 4 Nisan 2021.", dt.date(2021, 4, 4)),
        ("Diario, 2 de marzo de 2020, consultado el 4 de abril de 2021", dt.date(2021, 4, 4)),
    ],
)
def test_a_publication_date_beside_the_access_date_is_not_taken(
    text: str, expected: dt.date
) -> None:
    assert parse_accessed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hafenblatt, 3. März 2021.",  # a date with no access phrase is a publication date
        "Вестник, 03.03.2021.",
        "Le Courrier, 3 mars 2021.",
        "Gazete, 03.03.2021, Erişim adresi https://example.org/liman",
        "accessed 03/04/2021",  # March 4th or April 3rd: refused
        "consulté le 03/04/2021",
        "дата обращения: 31.02.2021",  # no such day
        "abgerufen am 3. Märzen 2021",  # no such month
        "erişim tarihi 3 Martin 2021",
    ],
)
def test_no_access_date_in_other_languages(text: str) -> None:
    assert parse_accessed(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # QA 6b #10: slashed dates that can mean one day only
        ("Erişim: 15/03/2021", dt.date(2021, 3, 15)),
        ("consulté le 15/03/2021", dt.date(2021, 3, 15)),
        ("consultado el 15/03/2021", dt.date(2021, 3, 15)),
        ("accessed 13/03/2021", dt.date(2021, 3, 13)),
        ("accessed 03/15/2021", dt.date(2021, 3, 15)),
        ("accessed 03/03/2021", dt.date(2021, 3, 3)),
        ("Gazette, 04/05/2020, accessed 13/03/2021.", dt.date(2021, 3, 13)),
    ],
)
def test_an_unambiguous_slashed_access_date(text: str, expected: dt.date) -> None:
    assert parse_accessed(text) == expected


def test_an_ambiguous_slashed_access_date_is_refused_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("WARNING", logger="claimcheck.article.dates"):
        assert parse_accessed("accessed 03/04/2021") is None
        assert parse_accessed("accessed 31/02/2021") is None  # no such day: no warning
    assert [r.getMessage() for r in caplog.records] == [
        "access date '03/04/2021' is ambiguous (day/month or month/day?): not used; write it "
        "as an ISO date (2021-04-03) or with the month's name"
    ]


# --------------------------------------------------------------------------- title and author


def test_title_and_author_around_the_first_quoted_span() -> None:
    text = "Dana Whitlock, “The Bridge Audit” (Porthaven Audit Office, 2023)."
    assert note_title(text) == "The Bridge Audit"
    assert note_author(text) == "Dana Whitlock"


def test_title_drops_punctuation_inside_the_closing_quote_and_keeps_inner_quotes() -> None:
    text = "Kim Lee, “The ‘Margara’ Checkpoint Reopens,” Daily, May 1, 2024."
    assert note_title(text) == "The ‘Margara’ Checkpoint Reopens"
    assert note_author(text) == "Kim Lee"


def test_no_author_when_the_note_opens_with_its_title_or_names_a_date() -> None:
    assert note_author("“Minutes of the Committee,” 2019.") is None
    assert note_author("Report of 12 May, “Minutes,” 2019.") is None
    assert note_title("Letters page, Harbour Gazette, April 2024.") is None
    assert note_author("Letters page, Harbour Gazette, April 2024.") is None


# --------------------------------------------------------------------------- Ibid. and short forms


@pytest.mark.parametrize(
    "text", ["Ibid.", "Ibid., p. 4.", "ibid", "Ibidem, 12.", "Id.", "Id. at 5.", "IBID."]
)
def test_ibid_forms(text: str) -> None:
    assert is_ibid(text)


@pytest.mark.parametrize("text", ["Idris Khan, “Ports,” 2020.", "Identity, 2020.", "Ibidon Press"])
def test_not_ibid(text: str) -> None:
    assert not is_ibid(text)


def _notes(*texts: str) -> dict[str, str | None]:
    notes = build_notes([RawNote(id=str(i), line=i, text=t) for i, t in enumerate(texts, 1)])
    return {n.id: n.resolved_note for n in notes}


def test_ibid_resolves_to_the_previous_note_and_chains_to_the_end() -> None:
    resolved = _notes(
        "İlham Demir, “Facing the Tide” (Forum, Baku, 2025), https://example.org/tide.",
        "Ibid.",
        "Ibid., p. 4.",
        "Sam Ode, “Other Work,” 2020, https://example.org/other.",
        "Demir, “Facing the Tide.”",
        "Id.",
    )
    assert resolved == {"1": None, "2": "1", "3": "1", "4": None, "5": "1", "6": "1"}


def test_short_form_matches_surname_and_leading_title_words() -> None:
    resolved = _notes(
        "Nigar Aslan and Philip Gray, “Seizing the Moment: Two Coasts at a Crossroads,” 2024.",
        "Gray, “Seizing the Moment.”",
        "Holt, “Seizing the Moment.”",  # another author's work of the same name: not resolved
        "“Seizing the Moment.”",  # no author: the title alone decides
    )
    assert resolved == {"1": None, "2": "1", "3": None, "4": "1"}


def test_a_note_with_its_own_url_or_no_earlier_match_stands_alone() -> None:
    resolved = _notes(
        "Ibid.",  # nothing before it
        "Ann Roe, “Tolls,” https://example.org/tolls.",
        "Roe, “Tolls,” https://example.org/tolls-2.",  # cites its own URL: not a short form
        "Ann Roe, “Bridges” (lecture, 2023).",  # no URL, but no earlier match either
    )
    assert resolved == {"1": None, "2": None, "3": None, "4": None}


def test_build_notes_merges_markup_links_in_written_order_and_keeps_first_duplicate() -> None:
    raw = [
        RawNote(
            id="1",
            line=3,
            text="Council, “Minutes,” 2019, https://example.org/bare. Scan",
            urls=("https://example.org/linked", "mailto:x@example.org"),
            url_offsets=(9, 50),
        ),
        RawNote(id="1", line=9, text="duplicate"),
    ]
    (note,) = build_notes(raw)
    assert note.urls == ("https://example.org/linked", "https://example.org/bare")
    assert (note.line, note.title, note.author) == (3, "Minutes", "Council")


def test_build_notes_warns_of_a_duplicate_naming_the_kept_and_the_ignored_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    raw = [RawNote(id="1", line=3, text="first"), RawNote(id="1", line=18, text="second")]
    (note,) = build_notes(raw, "story.html")
    assert note.text == "first"
    assert (
        "story.html:18: note 1 is defined twice (lines 3 and 18); keeping the first (line 3), "
        "ignoring this one"
    ) in caplog.text


def test_urls_with_a_single_label_host_or_an_ipv6_literal() -> None:
    assert find_urls("Intranet copy, http://localhost:8062/p/lh and http://[::1]:8061/p/v6.") == [
        "http://localhost:8062/p/lh",
        "http://[::1]:8061/p/v6",
    ]
    assert find_urls("http://intranet/reports/7, but not https:// or http://word alone") == [
        "http://intranet/reports/7"
    ]


# --------------------------------------------------------------------------- QA 15: back-references


@pytest.mark.parametrize(
    "text",
    [
        "See ibid., 8.",
        "Cf. ibid.",
        "See also ibid., p. 3.",
        "Cf. id. at 9.",
        "Ebd., S. 9.",
        "Vgl. ebd.",
        "Ebenda.",
        "Ibídem, p. 4.",
        "Ivi, p. 12.",
        "Tamże, s. 4.",
        "Там же. С. 5.",
    ],
)
def test_ibid_after_a_signal_word_and_in_other_languages(text: str) -> None:
    assert is_ibid(text)


@pytest.mark.parametrize(
    "text",
    [
        "See Ibidon Press, “Catalogue,” 2020.",
        "Ivi Laine, “Harbours,” 2021.",
        "Seeibid",
        "Ebdon, 4.",
    ],
)
def test_words_that_only_start_like_ibid_are_not_ibid(text: str) -> None:
    assert not is_ibid(text)


def test_see_and_cf_ibid_resolve_to_the_previous_note() -> None:
    resolved = _notes(
        "Ola Berg, “Ferries,” https://example.org/ferries.",
        "See ibid., 9.",
        "Cf. ibid.",
        "Ebd., S. 10.",
    )
    assert resolved == {"1": None, "2": "1", "3": "1", "4": "1"}


def test_ibid_as_the_first_note_is_warned_about_with_file_and_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    raw = [RawNote(id="1", line=7, column=1, text="Ibid., 4."), RawNote(id="2", line=8, text="x")]
    with caplog.at_level("WARNING", logger="claimcheck.article.notes"):
        notes = build_notes(raw, "draft.md")
    assert notes[0].resolved_note is None
    assert [r.getMessage() for r in caplog.records] == [
        "draft.md:7:1: note 1 (Ibid., 4.) is the first note: there is no earlier note to refer "
        "to: not resolved, so its claims have no source"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a book: the parsers drop the italics, the publication facts follow the title
        (
            "Ruth Okafor, Salt Roads: A History (Lagos: Delta Press, 2021), 12.",
            ("Ruth Okafor", "Salt Roads: A History"),
        ),
        ("See Okafor, Salt Roads, 45.", ("Okafor", "Salt Roads")),  # short form
        ("Okafor, Salt Roads.", ("Okafor", "Salt Roads")),
        ("Okafor, Salt Roads, pp. 112–14 (emphasis added).", ("Okafor", "Salt Roads")),
        (
            "Ministry of Ports, Annual Review 2023 (2024), 8.",
            ("Ministry of Ports", "Annual Review 2023"),
        ),
        ("Charles de Vries, Canals (1999).", ("Charles de Vries", "Canals")),
    ],
)
def test_an_unquoted_title_is_read_by_the_shape_of_the_note(
    text: str, expected: tuple[str, str]
) -> None:
    assert unquoted_citation(text, has_url=False) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Interview with the author, London, 2023.",
        "Letters page, Harbour Gazette, April 2024.",
        "Okafor, op. cit., 46.",
        "Okafor 2021, 47.",
        "Okafor, Ruth. Salt Roads. Lagos: Delta Press, 2021.",  # no URL, not a short form
        "Okafor, Salt Roads, a book everyone quotes.",  # more than page references follow
        "Reuters, March 2024.",
    ],
)
def test_no_unquoted_title_in_other_notes(text: str) -> None:
    assert unquoted_citation(text, has_url=False) is None


def test_a_full_note_with_a_url_gives_its_unquoted_title_and_author() -> None:
    (note,) = build_notes(
        [RawNote(id="1", line=1, text="BBC News, Fares to rise, https://b.example/f")]
    )
    assert (note.author, note.title) == ("BBC News", "Fares to rise")
    (note,) = build_notes(
        [RawNote(id="1", line=1, text="Reuters, March 2024, https://r.example/m")]
    )
    assert (note.author, note.title) == (None, None)


def test_short_forms_of_a_book_resolve_to_its_full_note() -> None:
    resolved = _notes(
        "Ruth Okafor, Salt Roads (Lagos: Delta Press, 2021), 12, https://example.org/salt.",
        "Okafor, Salt Roads, 45.",  # italic short title
        "Okafor, op. cit., 46.",
        "Okafor 2021, 47.",
        "Okafor (2021): 48.",
        "See Okafor, op. cit.",
        "Adeyemi, Salt Roads, 3.",  # another author's title: not hers
        "Okafor 2019, 5.",  # no work of hers from 2019
    )
    assert resolved == {
        "1": None,
        "2": "1",
        "3": "1",
        "4": "1",
        "5": "1",
        "6": "1",
        "7": None,
        "8": None,
    }


def test_author_year_and_op_cit_with_several_authors() -> None:
    resolved = _notes(
        "Ruth Okafor and Tom Bell, Tides (2020), https://example.org/tides.",
        "Okafor and Bell 2020, 4.",
        "Bell et al. 2020, pp. 5–6.",
        "Bell, op. cit.",
    )
    assert resolved == {"1": None, "2": "1", "3": "1", "4": "1"}


def test_one_work_cited_twice_in_full_is_one_work_for_op_cit() -> None:
    resolved = _notes(
        "Ruth Okafor, Salt Roads (2021), 12, https://example.org/salt.",
        "Sam Ode, “Other Work,” https://example.org/other.",
        "Ruth Okafor, Salt Roads (2021), 80, https://example.org/salt.",
        "Okafor, op. cit., 81.",
    )
    assert resolved["4"] == "3"


def test_an_ambiguous_op_cit_or_author_year_is_not_guessed_and_is_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("WARNING", logger="claimcheck.article.notes"):
        resolved = _notes(
            "Ruth Okafor, Salt Roads (2021), https://example.org/salt.",
            "Ruth Okafor, “Tolls,” 2021, https://example.org/tolls.",
            "Okafor, op. cit., 4.",
            "Okafor 2021, 5.",
            "Okafor, Salt Roads, 6.",  # the title tells them apart
            "Op. cit., 7.",
            "Holt, op. cit.",
        )
    assert resolved == {
        "1": None,
        "2": None,
        "3": None,
        "4": None,
        "5": "1",
        "6": None,
        "7": None,
    }
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "line 3: note 3 (Okafor, op. cit., 4.) could refer to notes 1, 2, all by Okafor: not "
        "resolved, so its claims have no source (give its short title to say which)",
        "line 4: note 4 (Okafor 2021, 5.) could refer to notes 1, 2, all by Okafor: not "
        "resolved, so its claims have no source (give its short title to say which)",
        "line 6: note 6 (Op. cit., 7.) names no author, so the work it refers back to is "
        "unknown: not resolved, so its claims have no source",
        "line 7: note 7 (Holt, op. cit.) refers back to a work by Holt, but no earlier note "
        "cites one: not resolved, so its claims have no source",
    ]


def test_author_year_letters_tell_one_authors_works_of_a_year_apart() -> None:
    resolved = _notes(
        "Ruth Okafor, Salt Roads (2021a), https://example.org/salt.",
        "Ruth Okafor, Tides (2021b), https://example.org/tides.",
        "Okafor 2021b, 4.",
        "Okafor 2021, 5.",  # both are from 2021
    )
    assert resolved == {"1": None, "2": None, "3": "2", "4": None}


def test_two_authors_works_of_one_title_are_told_apart_by_year() -> None:
    resolved = _notes(
        "Ruth Okafor, Annual Review (2020), https://example.org/okafor.",
        "Tom Bell, Annual Review (2021), https://example.org/bell.",
        "Okafor 2021, 4.",  # her review is from 2020: the title's other author does not count
        "Bell 2021, 5.",
    )
    assert resolved == {"1": None, "2": None, "3": None, "4": "2"}


def test_a_long_run_of_page_numbers_is_read_at_once() -> None:
    # The locator pattern must not backtrack over every way of splitting a run of digits.
    text = "Okafor, Salt Roads, " + "1" * 60 + "!"
    assert unquoted_citation(text, has_url=False) is None


def test_an_unresolved_back_reference_is_no_work_a_later_one_could_resolve_to(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("WARNING", logger="claimcheck.article.notes"):
        resolved = _notes("Okafor, op. cit., 4.", "Okafor (2021), 5.", "Okafor, op. cit., 6.")
    assert resolved == {"1": None, "2": None, "3": None}
    assert len(caplog.records) == 2  # both op. cit. notes have nothing to refer to


@pytest.mark.parametrize(
    "back",
    [
        "同上，第12页。",
        "同上、12頁。",
        "A.g.e., s. 12.",
        "שם, עמ' 12.",
        "المرجع نفسه، ص. 12.",
    ],
)
def test_ibid_forms_of_other_languages_resolve_to_the_previous_note(back: str) -> None:
    resolved = _notes("Lena Ortiz, “Harbour Dues,” 2023, https://example.org/dues.", back)
    assert resolved == {"1": None, "2": "1"}


@pytest.mark.parametrize("text", ["A. G. E. Smith, “Dues,” 2020.", "A.G.E. Jones, Tolls, 2021."])
def test_initials_are_not_the_turkish_ibid(text: str) -> None:
    assert not is_ibid(text)


@pytest.mark.parametrize(
    ("full", "back"),
    [
        ("Mario Rossi, «Il bilancio», Roma, 2023, https://example.org/b.", "Rossi, cit., p. 12."),
        ("Иванов И. «Доклад», 2023, https://example.org/d.", "Иванов И. Указ. соч. С. 12."),
        ("Ahmet Yılmaz, “Bütçe”, 2023, https://example.org/t.", "Yılmaz, a.g.e., s. 12."),
    ],
)
def test_op_cit_forms_of_other_languages_resolve_by_author(full: str, back: str) -> None:
    resolved = _notes(full, "Sam Ode, “Other Work,” 2020, https://example.org/other.", back)
    assert resolved == {"1": None, "2": None, "3": "1"}


def test_idem_is_not_guessed_and_is_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    resolved = _notes("João Silva, «O orçamento», 2023, https://example.org/o.", "Idem, p. 12.")
    assert resolved == {"1": None, "2": None}
    assert "repeats the author of the note before but names no work" in caplog.text


def test_ibid_after_an_unresolved_back_reference_is_not_resolved_to_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    resolved = _notes("Op. cit., 7.", "Ibidem, p. 8.")
    assert resolved == {"1": None, "2": None}
    assert "refers to note 1, which is itself not resolved" in caplog.text
