"""The `pdf` layer read as a reader reads the page (SPEC §6): columns, page furniture, hyphens."""

from __future__ import annotations

import pypdfium2
import pytest
from fpdf import FPDF

from claimcheck.extract import extract_layers
from claimcheck.model import TextLayer
from claimcheck.pdftext import clean_pages, column_order, page_text

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SANS_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

#: A line placed at (x, y) millimetres, or written on the next line at the left margin.
Line = tuple[float, float, str] | str


def _pdf(pages: list[list[Line]]) -> bytes:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_font("Sans", "", SANS)
    pdf.add_font("Sans", "B", SANS_BOLD)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Sans", size=11)
        y = 20.0
        for line in lines:
            if isinstance(line, tuple):
                pdf.text(line[0], line[1], line[2])
            else:
                pdf.text(10, y, line)
                y += 6
    return bytes(pdf.output())


def _layer(body: bytes) -> TextLayer:
    (layer,) = extract_layers(body, content_type="application/pdf", url="")
    return layer


def _words(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- columns

LEFT = [
    "The river authority reported that",
    "water levels fell by 40 centimetres",
    "during the summer drought, the",
    "lowest reading since records began.",
]
RIGHT = [
    "Meanwhile the harbour master warned",
    "that shipping traffic would be cut",
    "by a third if the rain did not",
    "return before the end of October.",
]


def _two_columns(*, row_by_row: bool, title: str | None = None) -> bytes:
    lines: list[Line] = []
    if title is not None:
        lines.append((10, 12, title))
    left = [(10.0, 20.0 + 6 * i, text) for i, text in enumerate(LEFT)]
    right = [(110.0, 20.0 + 6 * i, text) for i, text in enumerate(RIGHT)]
    if row_by_row:
        for pair in zip(left, right, strict=True):
            lines += pair
    else:
        lines += left + right
    return _pdf([lines])


@pytest.mark.parametrize(
    "title", [None, "Drought and harbour traffic: a report of the county council"]
)
def test_columns_written_row_by_row_are_read_one_after_the_other(title: str | None) -> None:
    text = _words(_layer(_two_columns(row_by_row=True, title=title)).text)
    assert " ".join(LEFT) in text
    assert " ".join(RIGHT) in text
    assert text.index(LEFT[-1]) < text.index(RIGHT[0])
    if title is not None:
        assert text.startswith(title)


def test_columns_written_one_after_the_other_keep_pdfiums_text() -> None:
    body = _two_columns(row_by_row=False)
    document = pypdfium2.PdfDocument(body)
    textpage = document[0].get_textpage()
    raw = textpage.get_text_bounded().replace("\r\n", "\n")
    assert page_text(textpage) == raw
    textpage.close()
    document.close()
    assert " ".join(LEFT) in _words(_layer(body).text)


def test_a_table_read_across_its_rows() -> None:
    rows = [("Year", "Visitors"), ("2019", "41,007"), ("2020", "12,950"), ("2021", "48,312")]
    lines: list[Line] = []
    for i, (year, visitors) in enumerate(rows):
        lines += [(10, 20 + 6 * i, year), (110, 20 + 6 * i, visitors)]
    text = _layer(_pdf([lines])).text
    assert "2021 48,312" in _words(text)


def test_a_single_column_with_words_in_bold_is_not_split() -> None:
    pdf = FPDF()
    pdf.add_font("Sans", "", SANS)
    pdf.add_font("Sans", "B", SANS_BOLD)
    pdf.add_page()
    sentence = []
    for i in range(8):
        pdf.set_font("Sans", size=11)
        pdf.write(6, f"Line {i} of the report says the harbour is ")
        pdf.set_font("Sans", "B", 11)
        pdf.write(6, "open")
        pdf.set_font("Sans", size=11)
        pdf.write(6, " to ships all year round.\n")
        sentence.append(f"Line {i} of the report says the harbour is open to ships all year round.")
    text = _words(_layer(bytes(pdf.output())).text)
    assert text == " ".join(sentence)


def test_column_order_needs_two_columns_of_lines() -> None:
    line = [(20.0, 700.0 - 14 * i, 300.0, 710.0 - 14 * i) for i in range(6)]
    assert column_order(line) is None  # one column
    left = [(20.0, 700.0 - 14 * i, 200.0, 710.0 - 14 * i) for i in range(4)]
    right = [(300.0, 700.0 - 14 * i, 480.0, 710.0 - 14 * i) for i in range(4)]
    interleaved = [rect for pair in zip(left, right, strict=True) for rect in pair]
    assert column_order(interleaved) == [0, 2, 4, 6, 1, 3, 5, 7]
    assert column_order(left + right) is None  # already column by column


# --------------------------------------------------------------------------- page furniture

FILLER = ["Lorem ipsum dolor sit amet, consectetur adipiscing elit sed do."] * 5
PAGE_ONE = ["Annual report of the harbour commission", *FILLER]
PAGE_ONE += ["The commission concluded that the northern harbour must remain"]
PAGE_TWO = ["in public hands for at least another generation, said the chair.", *FILLER]
HEADER = "HARBOUR COMMISSION REPORT 2023"
QUOTE = "the northern harbour must remain in public hands for at least another generation"


def _with_furniture(lines: list[str], number: int, footer: str) -> list[Line]:
    placed: list[Line] = [(10, 10, HEADER)]
    placed += [(10, 20 + 6 * i, text) for i, text in enumerate(lines)]
    placed.append((100, 285, footer.format(number)))
    return placed


@pytest.mark.parametrize("footer", ["Page {} of 2", "{}", "- {} -"])
def test_running_headers_and_footers_are_left_out(footer: str) -> None:
    body = _pdf([_with_furniture(PAGE_ONE, 1, footer), _with_furniture(PAGE_TWO, 2, footer)])
    layer = _layer(body)
    # The quote runs on from page 1 to page 2 with nothing in between.
    assert QUOTE in _words(layer.text)
    # The report's name stays where it first appears, at the top of page 1.
    assert layer.text.startswith(HEADER)
    assert layer.text.count(HEADER) == 1
    assert footer.format(1) not in layer.text.split("\n")
    start = layer.text.index("in public hands")
    assert layer.page_at(start) == 2
    assert layer.page_at(layer.text.index("the northern harbour")) == 1
    assert layer.text[layer.page_starts[1] - 2 : layer.page_starts[1]] == "\n\n"
    assert layer.page_span(layer.text.index("the northern"), start + 5) == (1, 2)


def test_lines_repeated_on_a_few_pages_only_are_kept() -> None:
    pages = [
        "Chapter one\nText of the first page.\nMore text.",
        "Chapter one\nText of the second page.\nMore words.",
        "Chapter two\nText of the third page.\nOther words.",
        "Chapter three\nText of the fourth page.\nLast words.",
        "Chapter four\nText of the fifth page.\nThe end.",
    ]
    cleaned = clean_pages(pages)
    assert cleaned[1].startswith("Chapter one")  # on 2 pages of 5: not running
    assert clean_pages(["Only page\n1"]) == ["Only page\n1"]


def test_page_span_of_a_passage_within_one_page_is_none() -> None:
    layer = TextLayer(name="pdf", text="one\n\ntwo", page_starts=(0, 5))
    assert layer.page_span(0, 3) is None
    assert layer.page_span(0, 8) == (1, 2)
    assert TextLayer(name="main", text="one two").page_span(0, 7) is None


# --------------------------------------------------------------------------- hyphens


@pytest.mark.parametrize(
    ("broken", "read"),
    [
        ("the well-\nknown report", "the well-known report"),
        ("The self-\ngoverning council", "The self-governing council"),
        ("an effort of twenty-\nfive years", "an effort of twenty-five years"),
        ("the Franco-\nGerman border", "the Franco-German border"),
        ("a UK-\nbased firm", "a UK-based firm"),
        ("between 1993-\n2023 and", "between 1993-2023 and"),
        ("COVID-\n19 cases", "COVID-19 cases"),
        ("an X-\nray of", "an X-ray of"),
        # Words the typesetter divided: the line break stays for the matcher to join.
        ("the restora-\ntion of", "the restora-\ntion of"),
        ("a self-\nish act", "a self-\nish act"),
        ("its well-\nness plan", "its well-\nness plan"),
        ("RESTORA-\nTION", "RESTORA-\nTION"),
    ],
)
def test_line_end_hyphens(broken: str, read: str) -> None:
    assert clean_pages([broken]) == [read]


def test_the_document_itself_says_which_words_are_compounds() -> None:
    pages = ["a long-\nterm plan and a short-\nage of staff", "the long-term view; a shortage"]
    assert clean_pages(pages)[0] == "a long-term plan and a short-\nage of staff"


def test_compounds_split_at_a_line_end_read_whole_in_a_pdf() -> None:
    body = _pdf(
        [
            [
                "The region suffered heavy losses, the well-",
                "known report said. The self-",
                "governing council called it a reconstruction effort of twenty-",
                "five years. The restora-",
                "tion took a decade.",
            ]
        ]
    )
    text = _layer(body).text
    assert "the well-known report said" in text
    assert "The self-governing council" in text
    assert "effort of twenty-five years" in text
    assert "The restora-\ntion took" in text
