"""Property-based fuzzing of everything that reads untrusted text (issue 7, Deliver 3).

Articles (all four parsers), `claims.toml`, the normaliser and the number parser get inputs that
hypothesis builds from hostile fragments — markers without notes, notes without markers, broken
markup, stray BOMs and NULs, lone surrogates, numbers in odd shapes — and must either give a
well-formed result or raise the one clean error of their stage (`ArticleError`,
`ClaimsFileError`), never anything else. Where a value-level promise exists (SPEC §6: "two
million" = "2 million" = "2,000,000"), it is checked over generated values too.

The ≥10,000-input corpus run with the same contracts is `bench/fuzz/run.py`; this file keeps the
default suite to a few seconds.
"""

from __future__ import annotations

import io
import string
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from claimcheck.article import parse_article
from claimcheck.claims.from_toml import load_claims_file
from claimcheck.errors import ArticleError, ClaimsFileError
from claimcheck.model import Article, ClaimKind
from claimcheck.normalise import normalise
from claimcheck.numbers import find_figures, parse_quantity
from tests.helpers.work import lines_run

FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# ----------------------------------------------------------------------------- articles

#: Pieces of every footnote style (SPEC §3.1) and of what breaks parsers, to be shuffled together.
ARTICLE_FRAGMENTS = [
    "[1]",
    "[2]",
    "[17]",
    "[^a]",
    "[^note-1]",
    "\n[^a]: https://example.org/a\n",
    "\n[^note-1]: <https://example.org/b>.\n",
    "\n[1] A. Writer, “A Title,” Journal, 2020, https://example.org/x.\n",
    "\n[2] Ibid., p. 4.\n",
    "\n[3] Writer, “A Title.”\n",
    "Id.",
    "Notes\n",
    "“three quoted words here”",
    '"straight quoted phrase"',
    "‘single quoted’",
    "«guillemets are quotes too»",
    "“unterminated quote",
    "US$150 billion",
    "two million",
    "12.5%",
    "1993",
    "6 February 2023",
    "[text](https://example.org/inline)",
    "](",
    "[",
    "]",
    "<sup><a href='#fn1'>1</a></sup>",
    "<a href='#_ftn1' name='_ftnref1'>[1]</a>",
    "<ol class='footnotes'><li id='fn1'>Note https://example.org/n ",
    "</li></ol>",
    "<p>",
    "</p>",
    "<div><span>",
    "<!--",
    "<![CDATA[",
    "<script>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "\ufeff",
    "\x00",
    "\u00a0",
    "\u200b",
    "\u00ad",
    "\r\n",
    "\r",
    "\n\n",
    "İstanbul ılık",
    "…",
    "[...]",
    "https://example.org/path_(with)_parens).",
    "http://[::1]:99999/",
    "https://",
    "    indented code [1]\n",
    "> quoted block [^a]\n",
    "| table | [1] |\n|---|---|\n",
]

article_text = st.lists(
    st.one_of(
        st.sampled_from(ARTICLE_FRAGMENTS),
        st.text(max_size=12),
        st.text(alphabet=string.ascii_letters + " .,", min_size=1, max_size=30),
    ),
    max_size=40,
).map("".join)


def _check_article(article: Article, text_lines: int | None) -> None:
    """What every parsed article must satisfy, whatever the input."""
    ids = {n.id for n in article.notes}
    assert len(ids) == len(article.notes), "note ids are unique"
    for note in article.notes:
        assert note.line >= 1
        if text_lines is not None:
            assert note.line <= text_lines
        if note.resolved_note is not None:
            assert note.resolved_note in ids
        for url in note.urls:
            assert url.startswith(("http://", "https://")), url
            assert url[-1] not in ".,;:", url  # trailing punctuation is not part of a URL
    for claim in article.claims:
        assert claim.line >= 1
        if text_lines is not None:
            assert claim.line <= text_lines
        if claim.kind is ClaimKind.FACT:
            assert claim.fact and claim.value
        else:
            assert claim.quote
        assert claim.note is None or claim.note in ids


def _parse_or_clean_error(data: bytes, fmt: str, lines: int | None) -> None:
    try:
        article = parse_article(data, f"fuzz.{fmt}", fmt)
    except ArticleError as exc:
        assert exc.path == f"fuzz.{fmt}"
        return
    _check_article(article, lines)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@FUZZ
@given(text=article_text)
@example(text="")
@example(text="[1]\n[1] https://example.org/a.\n[1] https://example.org/b\n")
@example(text="Ibid.[1]\n\n[1] Ibid.\n")
def test_text_formats_parse_or_fail_cleanly(fmt: str, text: str) -> None:
    try:
        data = text.encode("utf-8", "surrogatepass")
    except UnicodeEncodeError:
        return
    # Lines as a reader counts them: every line-break convention the parsers accept, plus one.
    lines: int | None = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    if any(ch in text for ch in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        lines = None  # str.splitlines() breaks there too; the bound is then the parser's own
    _parse_or_clean_error(data, fmt, lines)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "docx"])
@FUZZ
@given(data=st.binary(max_size=400))
@example(data=b"\xff\xfe\x00")
@example(data=b"PK\x03\x04garbage")
def test_any_bytes_parse_or_fail_cleanly(fmt: str, data: bytes) -> None:
    _parse_or_clean_error(data, fmt, None)


def _docx(document: str, footnotes: str | None) -> bytes:
    """A minimal DOCX zip around the given XML parts (which may well be invalid)."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        zf.writestr(
            "word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>{document}'
        )
        if footnotes is not None:
            zf.writestr("word/footnotes.xml", f"<w:footnotes {ns}>{footnotes}</w:footnotes>")
    return out.getvalue()


DOCX_FRAGMENTS = [
    "<w:p>",
    "</w:p>",
    "<w:r><w:t>",
    "</w:t></w:r>",
    '<w:r><w:footnoteReference w:id="1"/></w:r>',
    '<w:r><w:endnoteReference w:id="7"/></w:r>',
    '<w:footnote w:id="1"><w:p><w:r><w:t>https://example.org/f</w:t></w:r></w:p></w:footnote>',
    '<w:hyperlink r:id="rId9">',
    "</w:hyperlink>",
    "</w:body></w:document>",
    "“a quoted phrase”",
    "&amp;",
    "&bogus;",
    "<",
]


@FUZZ
@given(
    document=st.lists(st.one_of(st.sampled_from(DOCX_FRAGMENTS), st.text(max_size=10))).map(
        "".join
    ),
    footnotes=st.none()
    | st.lists(st.one_of(st.sampled_from(DOCX_FRAGMENTS), st.text(max_size=10))).map("".join),
)
def test_docx_with_broken_xml_parses_or_fails_cleanly(document: str, footnotes: str | None) -> None:
    try:
        data = _docx(document, footnotes)
    except UnicodeEncodeError:
        return
    _parse_or_clean_error(data, "docx", None)


# ----------------------------------------------------------------------------- claims.toml

KNOWN_KEYS = [
    "article",
    "settings",
    "notes",
    "claims",
    "url",
    "path",
    "accessed",
    "title",
    "note",
    "quote",
    "text",
    "facts",
    "kind",
    "id",
    "same_as",
    "urls",
    "timeout",
    "fail_on",
    "hosts",
    "insecure",
    "retries",
    "exclude",
    "remap",
]


def toml_string(text: str) -> str:
    """A TOML basic string holding exactly `text` (control characters escaped)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


scalar = st.one_of(
    st.text(max_size=15)
    .filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s))
    .map(toml_string),
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(
        [
            "true",
            "false",
            "2025-04-23",
            "1.5",
            "-0.0",
            "inf",
            "nan",
            '"https://example.org/a"',
            '"US$150 billion"',
            '"mismatch"',
            '"none"',
            "[]",
            '["dead", "nope"]',
            '["(", "x"]',
            "{}",
            '{insecure = "yes"}',
        ]
    ),
)
toml_key = st.one_of(
    st.sampled_from(KNOWN_KEYS),
    st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True),
    st.text(min_size=1, max_size=6)
    .filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s))
    .map(toml_string),
)
toml_header = st.one_of(
    st.sampled_from(
        [
            "[article]",
            "[settings]",
            "[notes.1]",
            "[notes.2]",
            '[notes."x"]',
            "[[claims]]",
            '[settings.hosts."a.example"]',
            "[notes]",
        ]
    ),
    toml_key.map(lambda k: f"[{k}]"),
    toml_key.map(lambda k: f"[[{k}]]"),
)
toml_document = st.lists(
    st.tuples(
        toml_header, st.lists(st.tuples(toml_key, scalar), max_size=5, unique_by=lambda kv: kv[0])
    ),
    max_size=6,
).map(
    lambda tables: "\n".join(h + "\n" + "\n".join(f"{k} = {v}" for k, v in kv) for h, kv in tables)
)


def _load_or_clean_error(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        cf = load_claims_file(path)
    except ClaimsFileError as exc:
        assert exc.path == str(path)
        if exc.line is not None:
            assert 1 <= exc.line <= data.count(b"\n") + 1
        return
    for claim in cf.claims:
        assert claim.note is not None or claim.url is not None
        assert claim.quote or claim.fact
        assert claim.origin == "toml"


@FUZZ
@given(document=toml_document)
@example(document="[[claims]]\nnote = 1\nquote = 'x'\n")
@example(document='[settings]\nhosts = {"a" = {insecure = "maybe"}}\n')
def test_generated_claims_toml_loads_or_fails_cleanly(tmp_path: Path, document: str) -> None:
    _load_or_clean_error(tmp_path / "claims.toml", document.encode("utf-8"))


@FUZZ
@given(data=st.binary(max_size=300))
@example(data=b"\xef\xbb\xbf[article]\n")
@example(data=b'[[claims]]\r\nnote = 99\r\nquote = "\xe2\x80\x9c"\r\n')
def test_any_bytes_as_claims_toml_load_or_fail_cleanly(tmp_path: Path, data: bytes) -> None:
    _load_or_clean_error(tmp_path / "claims.toml", data)


quote_text = st.text(min_size=1, max_size=60).filter(
    lambda s: s.strip() != "" and not any(0xD800 <= ord(c) <= 0xDFFF for c in s)
)


@FUZZ
@given(quotes=st.lists(quote_text, min_size=1, max_size=4))
def test_any_quote_survives_the_round_trip_through_toml(tmp_path: Path, quotes: list[str]) -> None:
    """Whatever characters a quote holds, `claims.toml` hands it to matching unchanged."""
    lines = []
    for q in quotes:
        lines += ["[[claims]]", 'url = "https://example.org/src"', f"quote = {toml_string(q)}"]
    path = tmp_path / "claims.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cf = load_claims_file(path)
    assert [c.quote for c in cf.claims] == [q.strip() for q in quotes]


# ----------------------------------------------------------------------------- normaliser

hostile_text = st.one_of(
    st.text(max_size=80),
    st.lists(
        st.sampled_from(
            [
                "a",
                "İ",
                "ı",
                "ß",
                "ﬁ",
                "\u0301" * 50,
                "\u00ad",
                "\u00ad\n",
                "-\n",
                "\u2010",
                "—",
                "’",
                "“",
                "\u200b",
                "\ufeff",
                "\x00",
                "\ud800",
                "\U0001f600",
                "10⁶",
                "½",
                "\r\n",
                "\u2028",
                " ",
                "\t",
                "Å",
                "Å",
                "ǅ",
            ]
        ),
        max_size=60,
    ).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(text=hostile_text, tolerant=st.booleans())
def test_normaliser_takes_any_text(text: str, tolerant: bool) -> None:
    result = normalise(text, tolerant=tolerant)
    assert len(result.spans) == len(result.text)
    for start, end in result.spans:
        assert 0 <= start < end <= len(text)
    if result.text:
        s, e = result.to_original(0, len(result.text))
        assert 0 <= s < e <= len(text)


def _nfc_nfd_agree(text: str, tiers: tuple[bool, ...] = (False, True)) -> None:
    """Both tiers: the text in NFC and in NFD normalise alike."""
    for tolerant in tiers:
        nfc = normalise(unicodedata.normalize("NFC", text), tolerant=tolerant).text
        nfd = normalise(unicodedata.normalize("NFD", text), tolerant=tolerant).text
        assert nfc == nfd, (tolerant, nfc, nfd)


@settings(max_examples=300, deadline=None)
@given(text=hostile_text.filter(lambda t: not any(0xD800 <= ord(c) <= 0xDFFF for c in t)))
def test_normalising_is_blind_to_composed_or_decomposed_input(text: str) -> None:
    """A source in NFD and a quote in NFC (or the reverse) normalise to the same text."""
    _nfc_nfd_agree(text)


# Found by the property above (issue 7) and fixed in normalise: kept as regression examples.
@pytest.mark.parametrize("text", ["\uac00", "\ud55c\uad6d\uc5b4", "a \u2260 b"])
def test_nfd_hangul_and_negated_relations_recompose(text: str) -> None:
    _nfc_nfd_agree(text)


@pytest.mark.parametrize("text", ["T\u00fc-\nrk\u00e7e", "caf\u00e9-\nbar", "\u0130-\na"])
def test_pdf_hyphen_after_decomposed_accent_is_joined(text: str) -> None:
    _nfc_nfd_agree(text, (True,))


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet=string.ascii_letters + "’'“”—-", min_size=1, max_size=8), min_size=1
    ),
    gaps=st.lists(st.sampled_from([" ", "\n", "\t", "\u00a0", "\u2009", " \r\n "]), min_size=1),
)
def test_whitespace_of_any_kind_normalises_alike(words: list[str], gaps: list[str]) -> None:
    spaced = " ".join(words)
    odd = "".join(w + gaps[i % len(gaps)] for i, w in enumerate(words)).strip()
    assume(not any(w.endswith(("-", "\u2014")) for w in words))  # a hyphen at a line end is PDF
    assert normalise(odd).text == normalise(spaced).text


class _CountingUnicodedata:
    """`unicodedata`, counting the characters handed to `normalize` (C work no line shows)."""

    def __init__(self) -> None:
        self.characters = 0

    def normalize(self, form: str, text: str) -> str:
        self.characters += len(text)
        return unicodedata.normalize(form, text)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(unicodedata, name)


@pytest.mark.parametrize(
    ("unit", "count"),
    [("\u0301", 10_000), ("\u00ad\n", 50_000)],
    ids=["combining-marks-on-one-letter", "soft-hyphens-at-line-ends"],
)
def test_normaliser_work_is_linear_on_pathological_input(
    monkeypatch: pytest.MonkeyPatch, unit: str, count: int
) -> None:
    """Ten thousand combining marks on one letter, and 100 kB of soft hyphens: the Python lines
    normalising runs, and the characters it hands to `unicodedata.normalize`, grow as the input
    does (a rescan of the cluster or the text so far would grow 16-fold from a quarter of the
    input to all of it). Counted, not timed: speed targets live in bench/."""
    import claimcheck.normalise as module

    def work(n: int) -> tuple[int, int]:
        text = ("a" if unit == "\u0301" else "") + unit * n
        counting = _CountingUnicodedata()
        with monkeypatch.context() as patch:
            patch.setattr(module, "unicodedata", counting)
            lines = lines_run(module, lambda: normalise(text, tolerant=True))
        return lines, counting.characters

    work(10)  # the tier's scanner and the caches of single characters, built once
    quarter, whole = work(count // 4), work(count)
    assert whole[0] <= 4.5 * quarter[0], (quarter, whole)
    assert whole[1] <= 4.5 * quarter[1] + 10, (quarter, whole)
    assert normalise("a" + "\u0301" * 10_000, tolerant=True).text == "a"


# ----------------------------------------------------------------------------- numbers


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(article_text, hostile_text))
def test_find_figures_spans_are_ordered_and_exact(text: str) -> None:
    figures = find_figures(text)
    end = 0
    for fig in figures:
        assert end <= fig.start < fig.end <= len(text)
        assert text[fig.start : fig.end] == fig.text
        fig.quantity.canonical()
        fig.quantity.describe()
        end = fig.end


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=30),
        st.from_regex(r"[$€£]?[0-9][0-9,.' ]{0,14}(bn|m|k| billion| million| percent|%)?"),
    )
)
def test_parse_quantity_returns_none_or_a_quantity(text: str) -> None:
    q = parse_quantity(text)
    if q is not None:
        assert q.value.is_finite()
        assert q.canonical()


@settings(max_examples=200, deadline=None)
@given(n=st.integers(10_000, 10**15))
def test_grouped_and_plain_digits_are_the_same_count(n: int) -> None:
    grouped = parse_quantity(f"{n:,}")
    plain = parse_quantity(str(n))
    assert grouped is not None and plain is not None
    assert grouped.canonical() == plain.canonical() == f"count:{n}"


SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 999), scale=st.sampled_from(sorted(SCALES)))
def test_scale_words_equal_their_digits(n: int, scale: str) -> None:
    worded = parse_quantity(f"{n} {scale}")
    digits = parse_quantity(f"{n * SCALES[scale]:,}")
    assert worded is not None and digits is not None
    assert worded.value == digits.value == Decimal(n * SCALES[scale])


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 999), cents=st.sampled_from(["", ".5", ".25"]))
def test_money_forms_agree(n: int, cents: str) -> None:
    """SPEC §6: "US$150 billion" = "$150bn" = "150 billion dollars"."""
    forms = [f"US${n}{cents} billion", f"${n}{cents}bn", f"{n}{cents} billion dollars"]
    values = {(q.kind, q.unit, q.value) for q in map(parse_quantity, forms) if q is not None}
    assert values == {("money", "USD", Decimal(f"{n}{cents}") * 10**9)}


ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@settings(max_examples=100, deadline=None)
@given(i=st.integers(1, 9), scale=st.sampled_from(["million", "billion"]))
def test_number_words_equal_digits(i: int, scale: str) -> None:
    """SPEC §6: "two million" = "2 million" = "2,000,000"."""
    words = parse_quantity(f"{ONES[i - 1]} {scale}")
    digits = parse_quantity(f"{i} {scale}")
    grouped = parse_quantity(f"{i * SCALES[scale]:,}")
    assert words is not None and digits is not None and grouped is not None
    assert words.value == digits.value == grouped.value
