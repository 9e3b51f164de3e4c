"""`claims.toml`: loading, the key locator, every error kind, merging, and the repo's own file."""

from __future__ import annotations

import datetime as dt
import importlib
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.claims.from_toml import (
    ClaimsFile,
    KeyLocator,
    apply_claims_file,
    format_key,
    load_claims_file,
)
from claimcheck.claims.init import render_claims_toml
from claimcheck.errors import ClaimsFileError
from claimcheck.model import Article, Claim, ClaimKind, Note
from tests.conftest import fixture_path, reference_article

REPO = Path(__file__).resolve().parents[2]
REFERENCE_TOML = REPO / "claims.toml"


def write(tmp_path: Path, text: str, name: str = "claims.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str) -> ClaimsFile:
    return load_claims_file(write(tmp_path, text))


# --------------------------------------------------------------------------- loading


def test_full_fixture_loads_every_section() -> None:
    path = fixture_path("claims", "full.toml")
    cf = load_claims_file(path)

    assert cf.path == path
    assert cf.article_path == path.parent / "drafts" / "story.md"
    assert cf.article_url is None
    assert cf.article_title == "A story about bridges"
    assert cf.accessed == dt.date(2024, 11, 5)
    assert cf.settings["timeout"] == 12.5
    assert cf.settings["fail_on"] == ["mismatch", "not_found"]
    assert cf.settings["hosts"] == {"slow.example.org": {"timeout": 40, "host_concurrency": 2}}

    assert list(cf.notes) == ["1", "2", "3", "side-a"]
    one = cf.notes["1"]
    assert (one.line, one.url, one.title, one.author, one.accessed) == (
        17,
        "https://example.org/bridges/report",
        "Bridges of the valley",
        "Mira Kovač",
        dt.date(2024, 10, 1),
    )
    assert cf.notes["2"].all_urls == (
        "https://example.org/bridges/part-1",
        "https://slow.example.org/bridges/part-2",
    )
    assert cf.notes["3"].same_as == "2"
    assert cf.notes["side-a"].line == 32

    got = [(c.id, c.kind, c.line, c.note, c.url, c.quote, c.fact, c.value) for c in cf.claims]
    assert got == [
        ("toll", ClaimKind.QUOTE, 35, "1", None, "a toll of one coin per crossing", None, None),
        ("n1-iron-ribbon", ClaimKind.TERM, 40, "1", None, "iron ribbon", None, None),
        (
            "n3-4-2-million",
            ClaimKind.FACT,
            44,
            "3",
            None,
            None,
            "€4.2 million",
            "money:EUR:4200000",
        ),
        ("n3-12-may-1998", ClaimKind.FACT, 44, "3", None, None, "12 May 1998", "date:1998-05-12"),
        (
            "example-net-we-rebuilt-it-twice-and",
            ClaimKind.QUOTE,
            49,
            None,
            "https://example.net/interview",
            "We rebuilt it twice, and never the same way",
            None,
            None,
        ),
        (
            "side-a-three-words-here",
            ClaimKind.TERM,
            54,
            "side-a",
            None,
            "three words here",
            None,
            None,
        ),
        ("n2-40-percent", ClaimKind.FACT, 59, "2", None, None, "40 percent", "percent:40"),
    ]
    assert cf.claims[2].sentence == "The span cost €4.2 million and opened on 12 May 1998."
    assert cf.claims[4].sentence == "The engineer said they rebuilt it twice."
    assert cf.claims[0].sentence == ""  # a quote without text
    assert {c.origin for c in cf.claims} == {"toml"}
    assert {c.article for c in cf.claims} == {str(path)}
    assert {c.column for c in cf.claims} == {1}


def test_an_empty_file_is_valid(tmp_path: Path) -> None:
    cf = load_text(tmp_path, "# nothing to curate yet\n")
    assert (cf.article_url, cf.article_path, cf.accessed, cf.settings) == (None, None, None, {})
    assert (cf.notes, cf.claims, cf.standalone) == ({}, (), False)


def test_note_may_be_an_integer_or_a_string_and_facts_a_single_string(tmp_path: Path) -> None:
    cf = load_text(
        tmp_path,
        '[[claims]]\nnote = 6\nfacts = "1993"\n\n[[claims]]\nnote = "6"\nquote = "a b c"\n',
    )
    assert [(c.note, c.fact, c.value) for c in cf.claims] == [
        ("6", "1993", "year:1993"),
        ("6", None, None),
    ]


def test_an_explicit_id_names_the_quote_and_prefixes_the_facts(tmp_path: Path) -> None:
    cf = load_text(
        tmp_path,
        '[[claims]]\nid = "span"\nnote = 2\nquote = "the span opened"\n'
        'text = "The span opened in 1998 at a cost of $3m."\nfacts = ["1998", "$3m"]\n\n'
        '[[claims]]\nid = "single"\nnote = 2\nfacts = ["1999"]\n',
    )
    assert [(c.id, c.kind) for c in cf.claims] == [
        ("span", ClaimKind.QUOTE),
        ("span-1998", ClaimKind.FACT),
        ("span-3m", ClaimKind.FACT),
        ("single", ClaimKind.FACT),
    ]
    assert {c.sentence for c in cf.claims[:3]} == {"The span opened in 1998 at a cost of $3m."}


def test_generated_ids_are_stable_unique_and_avoid_explicit_ones(tmp_path: Path) -> None:
    text = (
        '[[claims]]\nnote = 1\nquote = "one nation, two states"\n\n'
        '[[claims]]\nnote = 1\nquote = "One nation — two states!"\n\n'
        '[[claims]]\nid = "n1-one-nation-two-states-3"\nnote = 1\nquote = "x y z"\n\n'
        '[[claims]]\nnote = 1\nquote = "one nation two states"\n\n'
        '[[claims]]\nnote = 15\nquote = "Kılıç said İstanbul would wait"\n'
    )
    first = [c.id for c in load_text(tmp_path, text).claims]
    assert first == [
        "n1-one-nation-two-states",
        "n1-one-nation-two-states-2",
        "n1-one-nation-two-states-3",
        "n1-one-nation-two-states-4",  # -3 is taken by the explicit id written later
        "n15-kilic-said-istanbul-would-wait",
    ]
    assert [c.id for c in load_text(tmp_path, text).claims] == first


def test_kind_overrides_the_word_count_rule(tmp_path: Path) -> None:
    cf = load_text(
        tmp_path,
        '[[claims]]\nnote = 1\nquote = "Mini-Schengen"\n\n'
        '[[claims]]\nnote = 1\nquote = "soft power"\nkind = "quote"\n\n'
        '[[claims]]\nnote = 1\nquote = "a regional bloc"\nkind = "TERM"\n\n'
        '[[claims]]\nnote = 1\nfacts = ["two million"]\nkind = "fact"\n',
    )
    assert [c.kind for c in cf.claims] == [
        ClaimKind.TERM,
        ClaimKind.QUOTE,
        ClaimKind.TERM,
        ClaimKind.FACT,
    ]
    assert cf.claims[3].value == "count:2000000"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "claims.toml"
    path.write_bytes(b"\xef\xbb\xbf[notes.1]\nurl = 'https://example.org/'\n")
    assert load_claims_file(path).notes["1"].line == 1


def test_article_path_is_resolved_from_the_files_folder(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    cf = load_claims_file(write(tmp_path / "site", '[article]\npath = "../drafts/a.md"\n'))
    assert cf.article_path == tmp_path / "site" / ".." / "drafts" / "a.md"


# --------------------------------------------------------------------------- errors


def check_error(
    error: ClaimsFileError, path: Path, line: int | None, key: str | None, reason: str
) -> None:
    """The error names the file, the line and the key, in the one-line message too."""
    assert (error.path, error.line, error.key) == (str(path), line, key)
    assert reason in error.reason
    message = error.message()
    assert message.startswith(f"{path}:{line}: {key}: ")
    assert reason in message


# (TOML text, line, key, words of the reason). One row per error kind of SPEC §3.3 and the brief.
ERRORS = [
    pytest.param(
        "[article]\nurl = 'https://example.org/a'\npath = 'draft.md'\n",
        3,
        "article.path",
        "give the article's url or its path, not both",
        id="article-url-and-path",
    ),
    pytest.param(
        '[article]\nurl = "https://example.org/"\ntitle = "unterminated\n',
        3,
        "article.title",
        "invalid TOML: ",
        id="invalid-toml",
    ),
    pytest.param(
        "[artcle]\nurl = 'https://example.org/'\n", 1, "artcle", "unknown key", id="unknown-table"
    ),
    pytest.param(
        "[article]\nurl = 'https://example.org/'\n\nauthor = 'Someone'\n",
        4,
        "article.author",
        "unknown key",
        id="unknown-article-key",
    ),
    pytest.param(
        "[notes.6]\nurl = 'https://example.org/'\nlink = 'https://example.org/'\n",
        3,
        "notes.6.link",
        "unknown key",
        id="unknown-note-key",
    ),
    pytest.param(
        "[[claims]]\nnote = 1\nquote = 'a b c'\n\n[[claims]]\nnote = 1\n\nqoute = 'a b c'\n",
        8,
        "claims[2].qoute",
        "unknown key",
        id="unknown-claim-key",
    ),
    pytest.param(
        "[settings]\ntimeout = 20\nspeed = 'fast'\n",
        3,
        "settings.speed",
        "unknown",
        id="unknown-setting",
    ),
    pytest.param(
        "[settings]\nfail_on = ['mismatch', 'bogus']\n",
        2,
        "settings.fail_on",
        "unknown status or verdict 'bogus'",
        id="bad-setting-value",
    ),
    pytest.param(
        '[settings]\ntimeout = 20\n\n[settings.hosts."api.example.org"]\ntimeout = 5\nspeed = 1\n',
        6,
        'settings.hosts."api.example.org".speed',
        "unknown host setting",
        id="bad-host-setting",
    ),
    pytest.param(
        "[notes.1]\naccessed = '2021-06-16'\n",
        2,
        "notes.1.accessed",
        "expected a date, got a string",
        id="accessed-string",
    ),
    pytest.param(
        "[article]\naccessed = 2021-06-16T10:00:00\n",
        2,
        "article.accessed",
        "expected a date, got a date-time",
        id="accessed-datetime",
    ),
    pytest.param(
        "[[claims]]\nnote = 1.5\nquote = 'a b c'\n",
        2,
        "claims[1].note",
        "expected a note number or label, got a number",
        id="note-float",
    ),
    pytest.param(
        "[[claims]]\nnote = true\nquote = 'a b c'\n",
        2,
        "claims[1].note",
        "got a boolean",
        id="note-bool",
    ),
    pytest.param(
        "[[claims]]\nnote = 1\nquote = ['a', 'b']\n",
        3,
        "claims[1].quote",
        "expected a string, got a list",
        id="quote-list",
    ),
    pytest.param(
        "[notes.1]\ntitle = '   '\n", 2, "notes.1.title", "must not be empty", id="empty-string"
    ),
    pytest.param(
        "[notes.2]\nurl = 'ftp://example.org/file'\n",
        2,
        "notes.2.url",
        "expected an http(s) URL",
        id="url-scheme",
    ),
    pytest.param(
        "[notes.2]\nurls = [\n  'https://example.org/a',\n  'example.org/b',\n]\n",
        4,
        "notes.2.urls[2]",
        "expected an http(s) URL",
        id="urls-item",
    ),
    pytest.param(
        "[notes.2]\nurls = []\n", 2, "notes.2.urls", "non-empty list of URLs", id="urls-empty"
    ),
    pytest.param(
        "[notes.2]\nurl = 'https://example.org/a'\nurls = ['https://example.org/b']\n",
        3,
        "notes.2.urls",
        "give url or urls, not both",
        id="url-and-urls",
    ),
    pytest.param(
        "[notes.2]\nsame_as = 2\n", 2, "notes.2.same_as", "same as itself", id="same-as-self"
    ),
    pytest.param("notes = 3\n", 1, "notes", "expected a table of notes", id="notes-not-table"),
    pytest.param("[notes]\n7 = 'x'\n", 2, "notes.7", "expected a table", id="note-not-table"),
    pytest.param(
        "claims = 'all of them'\n", 1, "claims", "expected [[claims]] tables", id="claims-not-array"
    ),
    pytest.param(
        "[[claims]]\nnote = 1\nquote = 'a b c'\n\n[[claims]]\nnote = 1\n",
        5,
        "claims[2]",
        "a claim needs quote, text or facts",
        id="empty-claim",
    ),
    pytest.param(
        "[[claims]]\nnote = 1\ntext = 'It rose.'\n",
        3,
        "claims[1].text",
        "the text holds no quotation or figure to check",
        id="text-without-claims",
    ),
    pytest.param(
        "[[claims]]\nquote = 'a b c'\n",
        1,
        "claims[1].note",
        "a claim needs a source",
        id="no-source",
    ),
    pytest.param(
        "[[claims]]\nid = 'motto'\nnote = 1\nquote = 'a b c'\n\n"
        "[[claims]]\nid = 'motto'\nnote = 2\nquote = 'd e f'\n",
        7,
        "claims[2].id",
        "duplicate id 'motto' (first used on line 1)",
        id="duplicate-id",
    ),
    pytest.param(
        "[[claims]]\nnote = 1\ntext = 'x'\nfacts = [\n  '1993',\n  'a lot',\n]\n",
        6,
        "claims[1].facts",
        "not a figure: 'a lot'",
        id="fact-not-a-figure",
    ),
    pytest.param(
        "[[claims]]\nnote = 1\nquote = 'a b c'\nkind = 'claim'\n",
        4,
        "claims[1].kind",
        "unknown kind 'claim'",
        id="unknown-kind",
    ),
    pytest.param(
        "[[claims]]\nnote = 1\nquote = 'a b c'\nkind = 'fact'\n",
        4,
        "claims[1].kind",
        "kind fact needs facts and no quote",
        id="kind-fact-with-quote",
    ),
    # [settings] values are checked as strictly as the rest of the file (and name the line).
    pytest.param(
        "[settings]\ntimeout = 20\nformat = 'pdf'\n",
        3,
        "settings.format",
        "unknown format 'pdf'",
        id="setting-unknown-format",
    ),
    pytest.param(
        "[settings]\nallow_private = 'yes'\n",
        2,
        "settings.allow_private",
        "expected true or false, got 'yes'",
        id="setting-bool-as-string",
    ),
    pytest.param(
        "[settings]\ntimeout = nan\n",
        2,
        "settings.timeout",
        "expected a finite number, got nan",
        id="setting-timeout-nan",
    ),
    pytest.param(
        "[settings]\n\ntimeout = 0\n", 3, "settings.timeout", "must be more than 0", id="timeout-0"
    ),
    pytest.param(
        "[settings]\ntimeout = '20'\n",
        2,
        "settings.timeout",
        "expected a number, got '20'",
        id="setting-number-as-string",
    ),
    pytest.param(
        "[settings]\nmax_bytes = 0\n", 2, "settings.max_bytes", "at least 1", id="max-bytes-0"
    ),
    pytest.param(
        '[settings.hosts."a.example.org"]\ninsecure = "true"\n',
        2,
        'settings.hosts."a.example.org".insecure',
        "expected true or false",
        id="host-bool-as-string",
    ),
    pytest.param(
        '[settings.hosts."a.example.org"]\nhost_interval = -inf\n',
        2,
        'settings.hosts."a.example.org".host_interval',
        "expected a finite number",
        id="host-interval-inf",
    ),
    pytest.param(
        "[settings]\noutput = 'reports/'\n",
        2,
        "settings.output",
        "ends in a slash",
        id="setting-output-folder",
    ),
]


@pytest.mark.parametrize(("text", "line", "key", "reason"), ERRORS)
def test_each_error_names_file_line_and_key(
    tmp_path: Path, text: str, line: int, key: str, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ClaimsFileError) as info:
        load_claims_file(path)
    check_error(info.value, path, line, key, reason)


def test_invalid_toml_keeps_tomllibs_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "[notes.1]\nurl = https://example.org/\n")
    with pytest.raises(ClaimsFileError) as info:
        load_claims_file(path)
    assert info.value.line == 2
    assert info.value.key == "notes.1.url"
    assert "(at line 2, column 7)" in info.value.reason


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.toml"
    path.write_bytes(b"[notes.1]\ntitle = 'caf\xe9'\n")
    with pytest.raises(ClaimsFileError) as info:
        load_claims_file(path)
    assert (info.value.path, info.value.line) == (str(path), 2)
    assert "not UTF-8" in info.value.message()


def test_a_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ClaimsFileError) as info:
        load_claims_file(tmp_path / "claims.toml")
    assert info.value.message().startswith(f"{tmp_path / 'claims.toml'}: file not found")
    assert info.value.hint and "claimcheck init" in info.value.hint


def test_a_claim_on_a_note_that_does_not_exist(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[notes.1]\nurl = 'https://example.org/a'\n\n[[claims]]\nnote = 1\nquote = 'a b c'\n\n"
        "[[claims]]\nquote = 'd e f'\n# the note is on the next line\nnote = 23\n",
    )
    cf = load_claims_file(path)
    with pytest.raises(ClaimsFileError) as info:
        apply_claims_file(None, cf)
    check_error(
        info.value, path, 11, "claims[2].note", "note 23 is not in the article or in [notes]"
    )
    # With an article that has note 23, the same file is fine.
    merged = apply_claims_file(Article("a.txt", notes=(Note("23", 40, "Source."),)), cf)
    assert [c.note for c in merged.claims] == ["1", "23"]


def test_same_as_a_note_that_does_not_exist(tmp_path: Path) -> None:
    path = write(tmp_path, "[notes.1]\nurl = 'https://example.org/a'\n\n[notes.2]\nsame_as = 9\n")
    with pytest.raises(ClaimsFileError) as info:
        apply_claims_file(None, load_claims_file(path))
    check_error(info.value, path, 5, "notes.2.same_as", "note 9 is not in the article")


def test_same_as_loop(tmp_path: Path) -> None:
    path = write(tmp_path, "[notes.1]\nsame_as = 2\n\n[notes.2]\nsame_as = 1\n")
    with pytest.raises(ClaimsFileError) as info:
        apply_claims_file(None, load_claims_file(path))
    check_error(info.value, path, 2, "notes.1.same_as", "same_as makes a loop: 1 → 2 → 1")


def test_a_block_with_a_parsed_claims_id_is_that_claim_as_edited(tmp_path: Path) -> None:
    """`init` writes each claim with its id: an editor who corrects the quote keeps the id, and
    the block replaces the claim (where the article says it) instead of being refused."""
    path = write(tmp_path, "[[claims]]\nid = 'q1'\nnote = 1\nquote = 'one nation, two states'\n")
    article = Article(
        "a.txt",
        notes=(NOTE_1,),
        claims=(quote_claim("q1", "1", "one nation", line=7), quote_claim("q2", "1", "other")),
    )
    merged = apply_claims_file(article, load_claims_file(path))
    assert [(c.id, c.quote, c.line) for c in merged.claims] == [
        ("q1", "one nation, two states", 7),
        ("q2", "other", 10),
    ]


def test_an_explicit_id_taken_by_a_parsed_claim_that_stays(tmp_path: Path) -> None:
    # The block's quote and note are those of q2, which it replaces; q1 keeps its id: a clash.
    path = write(tmp_path, "[[claims]]\nid = 'q1'\nnote = 1\nquote = 'something else'\n")
    article = Article(
        "a.txt",
        notes=(NOTE_1,),
        claims=(quote_claim("q1", "1", "one nation"), quote_claim("q2", "1", "something else")),
    )
    with pytest.raises(ClaimsFileError) as info:
        apply_claims_file(article, load_claims_file(path))
    check_error(info.value, path, 1, "claims[1].id", "id 'q1' is already used by a claim")


# --------------------------------------------------------------------------- the key locator


LOCATOR_DOC = """\
# a comment with [brackets] and key = value
title = "top"
"quoted.key" = 1
dotted.inner.leaf = 2

[settings]
timeout = 20
  [settings.hosts."a.b.example"]
  timeout = 5

[notes.6]
url = "https://example.org/a#frag"   # the '#' inside a string is not a comment
text = \"\"\"
[not.a.table]
fake = "not a key" \\\"\"\"
trap = 2 \"\"\"
title = '''
literal = 'still a string'
'''
accessed = 2021-06-16

[notes."x.y"]
tricky = "a \\" quote = ] ["
after = 1

[[claims]]
quote = "first"
[[claims]]
facts = [
  "1993",
  # a comment inside an array
  "2023", "2027",
]
table = { a = 1, b = { c = [1, 2] } }
[claims.sub]
leaf = true

[[claims]]
when = 1979-05-27 07:32:00Z
quote = "third"
"""


def test_locator_finds_headers_and_keys() -> None:
    assert tomllib.loads(LOCATOR_DOC)  # the document is valid TOML
    locate = KeyLocator(LOCATOR_DOC).line_of
    expected = {
        ("title",): 2,
        ("quoted.key",): 3,
        ("dotted", "inner", "leaf"): 4,
        ("dotted",): 4,
        ("settings",): 6,
        ("settings", "timeout"): 7,
        ("settings", "hosts", "a.b.example"): 8,
        ("settings", "hosts", "a.b.example", "timeout"): 9,
        ("notes", "6"): 11,
        ("notes", "6", "url"): 12,
        ("notes", "6", "text"): 13,
        ("notes", "6", "title"): 17,
        ("notes", "6", "accessed"): 20,
        ("notes", "x.y"): 22,
        ("notes", "x.y", "tricky"): 23,
        ("notes", "x.y", "after"): 24,
        ("claims", 0): 26,
        ("claims", 0, "quote"): 27,
        ("claims", 1): 28,
        ("claims", 1, "facts"): 29,
        ("claims", 1, "facts", 0): 30,
        ("claims", 1, "facts", 1): 32,
        ("claims", 1, "facts", 2): 32,
        ("claims", 1, "table", "b", "c"): 34,
        ("claims", 1, "sub"): 35,
        ("claims", 1, "sub", "leaf"): 36,
        ("claims", 2): 38,
        ("claims", 2, "when"): 39,
        ("claims", 2, "quote"): 40,
    }
    assert {path: locate(path) for path in expected} == expected
    # Keys inside strings were not taken for keys or tables.
    assert locate(("not", "a", "table")) is None
    assert locate(("notes", "6", "fake")) == 11  # falls back to the enclosing table
    assert locate(("notes", "6", "trap")) == 11  # an escaped quote does not end the string
    assert locate(("literal",)) is None
    # A key that is not written falls back to its nearest written parent.
    assert locate(("claims", 1, "facts", 9)) == 29
    assert locate(("nowhere",)) is None


def test_locator_handles_crlf_and_windows_paths() -> None:
    text = "[notes.1]\r\nurl = 'https://example.org/'\r\n\r\n[[claims]]\r\nnote = 1\r\n"
    locate = KeyLocator(text).line_of
    assert locate(("notes", "1", "url")) == 2
    assert locate(("claims", 0, "note")) == 5


def test_format_key() -> None:
    assert format_key(("notes", "6", "url")) == "notes.6.url"
    assert format_key(("claims", 2, "facts", 0)) == "claims[3].facts[1]"
    assert format_key(("settings", "hosts", "a.example", "timeout")) == (
        'settings.hosts."a.example".timeout'
    )


_KEY_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=12
)
_VALUE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


def _render_key(key: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _render_value(value: str, style: int) -> str:
    escaped = "".join(
        {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c)
        or (f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
        for c in value
    )
    if style == 0:
        return f'"{escaped}"'
    if style == 1:  # a multi-line basic string, spread over lines
        return '"""\n' + escaped.replace("\\n", "\n") + '"""'
    return "[\n  " + ",\n  ".join(f'"{part}"' for part in escaped.split(" ")) + ",\n]"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            _KEY_TEXT,
            st.booleans(),  # an array of tables?
            st.lists(
                st.tuples(_KEY_TEXT, _VALUE_TEXT, st.integers(0, 2)),
                max_size=4,
                unique_by=lambda kv: kv[0],
            ),
        ),
        max_size=5,
        unique_by=lambda t: t[0],
    )
)
def test_locator_agrees_with_where_keys_were_written(
    tables: list[tuple[str, bool, list[tuple[str, str, int]]]],
) -> None:
    """Random documents with odd keys and multi-line values: every key is found on its line."""
    lines: list[str] = []
    expected: dict[tuple[str | int, ...], int] = {}
    for name, is_array, pairs in tables:
        for index in range(2 if is_array else 1):
            lines.append(f"[[{_render_key(name)}]]" if is_array else f"[{_render_key(name)}]")
            table: tuple[str | int, ...] = (name, index) if is_array else (name,)
            expected[table] = len(lines)
            for key, value, style in pairs:
                expected[(*table, key)] = len(lines) + 1
                lines.extend(f"{_render_key(key)} = {_render_value(value, style)}".split("\n"))
            lines.append("")
    text = "\n".join(lines)
    tomllib.loads(text)  # what we wrote is TOML
    locate = KeyLocator(text).line_of
    assert {path: locate(path) for path in expected} == expected


# --------------------------------------------------------------------------- merging


NOTE_1 = Note("1", 40, "Shusha text, https://example.org/one.", urls=("https://example.org/one",))
NOTE_2 = Note(
    "2", 42, "Aliyev, “Facing”, https://example.org/two.", urls=("https://example.org/two",)
)
NOTE_3 = Note("3", 44, "Ibid.", resolved_note="2")
NOTE_4 = Note("4", 46, "A talk, no URL.")


def quote_claim(cid: str, note: str, quote: str, line: int = 10) -> Claim:
    kind = ClaimKind.TERM if len(quote.split()) <= 2 else ClaimKind.QUOTE
    sentence = f"A sentence with “{quote}”."
    return Claim(cid, kind, line, 5, sentence, note=note, quote=quote, article="draft.txt")


def fact_claim(cid: str, note: str, fact: str, value: str, line: int = 12) -> Claim:
    return Claim(
        cid,
        ClaimKind.FACT,
        line,
        3,
        f"It was {fact}.",
        note=note,
        fact=fact,
        value=value,
        article="draft.txt",
    )


PARSED = Article(
    source="draft.txt",
    title="Parsed title",
    notes=(NOTE_1, NOTE_2, NOTE_3, NOTE_4),
    claims=(
        quote_claim("a-motto", "1", "one nation, two states,"),
        fact_claim("a-damages", "2", "$150bn", "money:USD:150000000000"),
        quote_claim("a-validation", "3", "no longer seeking validation"),
    ),
)


def test_merge_overrides_and_adds_notes(tmp_path: Path) -> None:
    cf = load_text(
        tmp_path,
        "[article]\naccessed = 2025-04-23\ntitle = 'From the file'\n\n"
        "[notes.2]\ntitle = 'Facing the New World Order'\naccessed = 2025-04-09\n\n"
        "[notes.3]\nurl = 'https://example.org/three'\n\n"
        "[notes.4]\nurls = ['https://example.org/four-a', 'https://example.org/four-b']\n\n"
        "[notes.5]\nurl = 'https://example.org/five'\nauthor = 'A. Writer'\n",
    )
    merged = apply_claims_file(PARSED, cf)
    assert merged.source == "draft.txt"
    assert (merged.title, merged.accessed) == ("From the file", dt.date(2025, 4, 23))
    by_id = {n.id: n for n in merged.notes}
    assert [n.id for n in merged.notes] == ["1", "2", "3", "4", "5"]
    assert by_id["1"] == NOTE_1
    # Overridden fields change; the parsed text and line stay (reports point into the article).
    assert by_id["2"].title == "Facing the New World Order"
    assert by_id["2"].accessed == dt.date(2025, 4, 9)
    assert (by_id["2"].text, by_id["2"].line, by_id["2"].urls) == (NOTE_2.text, 42, NOTE_2.urls)
    # A note given its own URL by the file no longer resolves to another note.
    assert (by_id["3"].urls, by_id["3"].resolved_note) == (("https://example.org/three",), None)
    assert by_id["4"].urls == ("https://example.org/four-a", "https://example.org/four-b")
    five = by_id["5"]
    assert (five.line, five.urls, five.author, five.resolved_note) == (
        15,
        ("https://example.org/five",),
        "A. Writer",
        None,
    )
    assert five.text == "A. Writer"


def test_merge_keeps_parsed_chains_and_follows_same_as_to_the_end(tmp_path: Path) -> None:
    kept = apply_claims_file(PARSED, load_text(tmp_path, "[notes.1]\ntitle = 'T'\n"))
    assert {n.id: n.resolved_note for n in kept.notes} == {
        "1": None,
        "2": None,
        "3": "2",
        "4": None,
    }

    cf = load_text(tmp_path, "[notes.2]\nsame_as = 1\n\n[notes.4]\nsame_as = '3'\n")
    chained = apply_claims_file(PARSED, cf)
    assert {n.id: n.resolved_note for n in chained.notes} == {
        "1": None,
        "2": "1",
        "3": "1",  # Ibid. → 2, and 2 is now the same as 1
        "4": "1",
    }


def test_a_toml_claim_with_the_same_quote_and_note_replaces_the_parsed_one(tmp_path: Path) -> None:
    cf = load_text(
        tmp_path,
        '[[claims]]\nid = "motto"\nnote = 1\nquote = "One nation, two states"\n\n'
        '[[claims]]\nnote = 2\ntext = "Damages."\nfacts = ["US$150 billion"]\n\n'
        '[[claims]]\nnote = 2\nquote = "a new quote here"\n\n'
        '[[claims]]\nnote = 3\nquote = "one nation, two states"\n',
    )
    merged = apply_claims_file(PARSED, cf)
    assert [(c.id, c.origin) for c in merged.claims] == [
        ("motto", "toml"),  # in the parsed claim's place
        ("n2-us-150-billion", "toml"),  # "$150bn" parsed, same value
        ("a-validation", "article"),
        ("n2-a-new-quote-here", "toml"),  # added
        ("n3-one-nation-two-states", "toml"),  # same quote, another note: added
    ]
    # A replacing claim is reported where the article has it (a github annotation lands on the
    # draft); one only the file has is reported at its line in the file.
    motto, damages, _, added, _ = merged.claims
    assert (motto.article, motto.line, motto.column) == ("draft.txt", 10, 5)
    assert (damages.article, damages.line, damages.column) == ("draft.txt", 12, 3)
    assert (added.article, added.line) == (str(tmp_path / "claims.toml"), 11)


def test_a_generated_id_taken_by_a_parsed_claim_moves_aside(tmp_path: Path) -> None:
    article = Article("a.txt", notes=(NOTE_1,), claims=(quote_claim("n1-a-b-c", "1", "x y z"),))
    merged = apply_claims_file(
        article, load_text(tmp_path, "[[claims]]\nnote = 1\nquote = 'a b c'\n")
    )
    assert [c.id for c in merged.claims] == ["n1-a-b-c", "n1-a-b-c-2"]


def test_the_file_alone_builds_the_article() -> None:
    path = fixture_path("claims", "notes_only.toml")
    cf = load_claims_file(path)
    assert cf.standalone
    article = apply_claims_file(None, cf)
    assert (article.source, article.title, article.accessed) == (
        str(path),
        None,
        dt.date(2023, 3, 1),
    )
    got = [(n.id, n.line, n.urls, n.resolved_note, n.text) for n in article.notes]
    assert got == [
        ("1", 7, ("https://example.org/a",), None, "“First source”"),
        ("2", 11, (), "1", "Same source as note 1"),
        ("3", 14, (), None, "“A talk without a recording”"),
        ("4", 17, (), "1", "Same source as note 2"),
    ]
    assert [(c.id, c.note) for c in article.claims] == [
        ("n2-the-river-moved-west", "2"),
        ("n3-hinterland", "3"),
    ]


# --------------------------------------------------------------------------- the repo's claims.toml


def test_reference_claims_toml_lists_every_note() -> None:
    cf = load_claims_file(REFERENCE_TOML)
    assert cf.article_url == (
        "https://trendsresearch.org/insight/turkiye-in-the-caucasus-from-security-to-integration/"
    )
    assert cf.article_path is None  # every note is listed: no article is read or fetched
    assert cf.standalone
    article = apply_claims_file(None, cf)
    assert [n.id for n in article.notes] == [str(i) for i in range(1, 20)]
    with_url = [n.id for n in article.notes if n.urls]
    assert len(with_url) == 14
    assert not {"3", "4", "7", "18", "19"} & set(with_url)
    assert {n.id: n.resolved_note for n in article.notes if n.resolved_note} == {
        "3": "2",
        "18": "2",
        "19": "2",
    }
    for note in article.notes:
        for url in note.urls:
            assert url.startswith("https://") and url[-1] not in ".,;)”", url
    kinds = {c.id: c.kind for c in article.claims}
    assert kinds["minilateralism"] is ClaimKind.TERM
    values = {c.id: c.value for c in article.claims if c.kind is ClaimKind.FACT}
    assert values["damages-us-150-billion"] == "money:USD:150000000000"
    assert values["earthquake-date"] == "date:2023-02-06"
    assert {values["damages-1993"], values["damages-2023"]} == {"year:1993", "year:2023"}


def _quote_key(claim: Claim) -> tuple[str | None, str]:
    """A quote as the parser and the file may each write it: edge punctuation and case aside."""
    text = (claim.quote or "").replace("’", "'").strip(" .,;:!?\"'“”‘’")
    return claim.note, " ".join(text.split()).casefold()


def test_reference_claims_toml_quotes_are_the_quotes_the_parser_finds() -> None:
    try:
        article_module = importlib.import_module("claimcheck.article")
        read_article = article_module.read_article
    except (ImportError, AttributeError) as exc:  # pragma: no cover - until the parser lands
        pytest.fail(f"claimcheck.article.read_article is needed for this comparison: {exc}")
    parsed = read_article(str(reference_article()))
    cf = load_claims_file(REFERENCE_TOML)
    from_file = apply_claims_file(None, cf)

    def quotes(article: Article) -> list[tuple[str | None, str]]:
        kinds = (ClaimKind.QUOTE, ClaimKind.TERM)
        return sorted(_quote_key(c) for c in article.claims if c.kind in kinds)

    assert quotes(from_file) == quotes(parsed)
    # The same notes, their URLs and their resolution, whichever way the article is read.
    assert [(n.id, n.urls, n.resolved_note) for n in from_file.notes] == [
        (n.id, n.urls, n.resolved_note) for n in parsed.notes
    ]
    # Applied to the parsed article, the file replaces the parsed quotes rather than doubling them.
    merged = apply_claims_file(parsed, cf)
    assert quotes(merged) == quotes(parsed)
    assert all(c.origin == "toml" for c in merged.claims if c.kind is not ClaimKind.FACT)


def test_a_note_known_only_by_its_url_shows_the_url(tmp_path: Path) -> None:
    cf = load_text(
        tmp_path, "[notes.1]\nurls = ['https://example.org/a', 'https://example.org/b']\n"
    )
    (note,) = apply_claims_file(None, cf).notes
    assert note.text == "https://example.org/a, https://example.org/b"


_NOTE_KEYS = ("url", "urls", "title", "accessed", "author", "same_as")
_SECTIONS = {
    "[article]": ("url", "path", "accessed", "title"),
    "[settings]": ("timeout", "fail_on", "exclude", "retries"),
    '[settings.hosts."a.example.org"]': ("timeout", "host_concurrency", "insecure"),
    "[notes.1]": _NOTE_KEYS,
    "[notes.2]": _NOTE_KEYS,
    '[notes."x y"]': _NOTE_KEYS,
    "[[claims]]": ("id", "note", "url", "quote", "text", "facts", "kind"),
}
_GOOD = {
    "url": ["'https://example.org/a'"],
    "urls": ["['https://example.org/a', 'https://example.org/b']"],
    "path": ["'drafts/a.md'"],
    "accessed": ["2021-06-16"],
    "same_as": ["1", "2", "'x y'", "3"],
    "id": ["'motto'", "'n1-a-b-c'"],
    "note": ["1", "2", "'x y'", "7"],
    "quote": ["'one two three'", "'one nation, two states'", "'term'"],
    "text": ["'It cost $5m in 1999.'"],
    "facts": ["['1999', '$5m']", "'1993'"],
    "kind": ["'quote'", "'term'", "'fact'"],
    "timeout": ["20"],
    "retries": ["3"],
    "exclude": ["['^https://ads']"],
    "insecure": ["true"],
    "host_concurrency": ["2"],
    "title": ["'A title'"],
    "author": ["'A. Writer'"],
    "fail_on": ["['mismatch']"],
}
_VALUES = [
    *("1", "0", "-3", "1.5", "true", "'x'", "''", "[]", "[1, 2]", "'ftp://x'", "2021-06-16"),
    *("2021-06-16T10:00:00", "{ a = 1 }", "'['", "['many']", "['not_found', 'bogus']"),
]


@st.composite
def _documents(draw: st.DrawFn) -> str:
    """Plausible claims.toml files: known tables and keys, good and bad values, some junk."""
    tables = [h for h in _SECTIONS if h != "[[claims]]"]
    headers = draw(st.lists(st.sampled_from(tables), unique=True, max_size=5))
    headers += ["[[claims]]"] * draw(st.integers(0, 3))
    lines: list[str] = []
    for header in draw(st.permutations(headers)):
        lines.append(header)
        keys = draw(st.lists(st.sampled_from(_SECTIONS[header]), unique=True, max_size=5))
        if header == "[[claims]]" and not {"note", "url"} & set(keys) and draw(st.booleans()):
            keys.append("note")  # most claims name their source, so merging gets exercised
        for key in keys:
            junk = draw(st.integers(0, 11)) == 0  # mostly good values: reach merging too
            value = draw(st.sampled_from(_VALUES if junk else _GOOD.get(key, ["1"])))
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None)
@given(_documents())
def test_any_document_loads_or_fails_cleanly(
    tmp_path_factory: pytest.TempPathFactory, document: str
) -> None:
    """Whatever the file holds, the only failure is a ClaimsFileError that names the file.

    A file that loads applies to no article and to a small one, and `init`'s writer renders the
    result into a file that loads again.
    """
    path = tmp_path_factory.mktemp("doc") / "claims.toml"
    path.write_text(document, encoding="utf-8")
    try:
        cf = load_claims_file(path)
        for base in (None, PARSED):
            article = apply_claims_file(base, cf)
            again = tmp_path_factory.mktemp("again") / "claims.toml"
            again.write_text(render_claims_toml(article), encoding="utf-8")
            apply_claims_file(article, load_claims_file(again))
    except ClaimsFileError as exc:
        assert exc.path is not None and exc.path.endswith("claims.toml")
        assert exc.line is None or exc.line >= 1


def test_a_text_alone_is_checked_for_its_quotations_and_figures(tmp_path: Path) -> None:
    """SPEC §3.3: a claim needs quote, text or facts; a text alone holds its own claims."""
    path = tmp_path / "claims.toml"
    path.write_text(
        "[notes.1]\nurl = 'https://example.org/a'\n\n[[claims]]\nnote = 1\n"
        "text = 'The fund paid out 17,000 grants by March 2022, calling it “a quiet success”.'\n",
        encoding="utf-8",
    )
    claims = load_claims_file(path).claims
    assert [(c.kind.value, c.quote or c.fact) for c in claims] == [
        ("fact", "17,000"),
        ("fact", "March 2022"),
        ("quote", "a quiet success"),
    ]
    assert all(c.sentence.startswith("The fund paid out") for c in claims)


# --------------------------------------------------------------------------- facts read in the
# words of their text, as the article reader reads them


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("Temperatures in the capital reached 35C on Tuesday.", "35C", "measure:°C:35"),
        ("The town wall rose from 1.2m to 1.5m high.", "1.5m", "measure:m:1.5"),
        ("The town has 1.5m people.", "1.5m", "count:1500000"),
        ("Temperatures reached 35 degrees on Tuesday.", "35 degrees", "measure:degree:35"),
    ],
)
def test_a_fact_is_read_in_the_words_of_its_text(
    tmp_path: Path, text: str, fact: str, value: str
) -> None:
    cf = load_text(tmp_path, f"[[claims]]\nnote = 1\ntext = {text!r}\nfacts = [{fact!r}]\n")
    assert [(c.fact, c.value) for c in cf.claims] == [(fact, value)]


@pytest.mark.parametrize(
    ("fact", "value"),
    [("35C", "measure:°C:35"), ("-5C", "measure:°C:-5"), ("35 degrees", "measure:degree:35")],
)
def test_a_temperature_alone_is_a_figure(tmp_path: Path, fact: str, value: str) -> None:
    cf = load_text(tmp_path, f"[[claims]]\nnote = 1\nfacts = [{fact!r}]\n")
    assert [(c.fact, c.value) for c in cf.claims] == [(fact, value)]


def test_millions_or_metres_alone_says_how_to_write_it(tmp_path: Path) -> None:
    with pytest.raises(ClaimsFileError) as caught:
        load_text(tmp_path, "[[claims]]\nnote = 1\nfacts = ['1.5m']\n")
    assert "not a figure: '1.5m'" in str(caught.value)
    assert caught.value.hint is not None and '"1.5 m"' in caught.value.hint
