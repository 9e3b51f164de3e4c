"""`skip = true` in a `[[claims]]` block leaves the article's claim out of the check: the
article is parsed again on every run, so deleting an `init`-written block cannot.
Also: the lines of `[article]` and `[settings]` keys, for errors found after loading."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from claimcheck.claims.from_toml import apply_claims_file, load_claims_file
from claimcheck.claims.init import render_claims_toml
from claimcheck.errors import ClaimsFileError
from claimcheck.model import Article, Claim, ClaimKind, Note

NOTE = Note("1", 20, "A source, https://example.org/a.", urls=("https://example.org/a",))


def _quote(cid: str, quote: str, line: int) -> Claim:
    return Claim(
        cid, ClaimKind.QUOTE, line, 5, f"He said “{quote}”.", note="1", quote=quote, article="a.md"
    )


SOUND = _quote("n1-sound-and-fully-funded", "sound and fully funded", 3)
BEST = _quote("n1-the-best-plan-in-the", "the best plan in the whole country", 5)
ARTICLE = Article("a.md", notes=(NOTE,), claims=(SOUND, BEST))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claims.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _ids(article: Article) -> list[str]:
    return [c.id for c in article.claims]


def test_skip_by_id_drops_the_parsed_claim(tmp_path: Path) -> None:
    path = _write(tmp_path, f'[[claims]]\nid = "{BEST.id}"\nskip = true\n')
    assert _ids(apply_claims_file(ARTICLE, load_claims_file(path))) == [SOUND.id]


def test_skip_by_quote_and_note_when_there_is_no_id(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "[[claims]]\nnote = 1\nquote = '“The best plan in the whole country.”'\nskip = true\n",
    )
    assert _ids(apply_claims_file(ARTICLE, load_claims_file(path))) == [SOUND.id]


def test_a_deleted_block_does_not_drop_the_claim(tmp_path: Path) -> None:
    # The documented rule: only skip = true leaves a parsed claim out.
    path = _write(tmp_path, f'[[claims]]\nid = "{SOUND.id}"\nnote = 1\nquote = "{SOUND.quote}"\n')
    assert _ids(apply_claims_file(ARTICLE, load_claims_file(path))) == [SOUND.id, BEST.id]


def test_skip_false_is_an_ordinary_claim(tmp_path: Path) -> None:
    path = _write(tmp_path, f'[[claims]]\nnote = 1\nquote = "{BEST.quote}"\nskip = false\n')
    assert _ids(apply_claims_file(ARTICLE, load_claims_file(path))) == [SOUND.id, BEST.id]


def test_a_skipped_block_needs_no_source_or_content(tmp_path: Path) -> None:
    cf = load_claims_file(_write(tmp_path, '[[claims]]\nid = "x"\nskip = true\n'))
    assert cf.claims == ()
    assert [s.id for s in cf.skips] == ["x"]


def test_a_skipped_claim_only_the_file_has_is_not_checked(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[notes.1]\nurl = "https://example.org/a"\n\n'
        '[[claims]]\nnote = 1\nquote = "kept words here"\n\n'
        '[[claims]]\nnote = 1\nquote = "left out words"\nskip = true\n',
    )
    merged = apply_claims_file(None, load_claims_file(path))
    assert [c.quote for c in merged.claims] == ["kept words here"]


def test_skip_that_names_nothing_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _write(tmp_path, '[[claims]]\nid = "n9-gone"\nskip = true\n')
    with caplog.at_level(logging.WARNING):
        merged = apply_claims_file(ARTICLE, load_claims_file(path))
    assert _ids(merged) == [SOUND.id, BEST.id]
    assert f"{path}:3: claims[1]: skip = true, but no claim of the article has id 'n9-gone'" in (
        caplog.text
    )


@pytest.mark.parametrize(
    ("body", "line", "key", "reason"),
    [
        ('[[claims]]\nid = "x"\nskip = "yes"\n', 3, "claims[1].skip", "expected true or false"),
        ("[[claims]]\nskip = true\n", 2, "claims[1].skip", "skip = true needs the id"),
        ("[[claims]]\nid = 5\nskip = true\n", 2, "claims[1].id", "expected a string"),
        (
            '[[claims]]\nid = "a"\nskip = true\n\n[[claims]]\nid = "a"\nnote = 1\nquote = "x y z"\n',
            6,
            "claims[2].id",
            "duplicate id 'a'",
        ),
    ],
)
def test_bad_skip_blocks_name_file_line_and_key(
    tmp_path: Path, body: str, line: int, key: str, reason: str
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ClaimsFileError) as info:
        load_claims_file(path)
    assert (info.value.path, info.value.line, info.value.key) == (str(path), line, key)
    assert reason in info.value.reason


def test_init_header_says_skip_and_its_blocks_round_trip(tmp_path: Path) -> None:
    text = render_claims_toml(ARTICLE, toml_dir=tmp_path)
    assert "add skip = true to its block" in text
    assert "Delete the claims" not in text
    # The editor's edit: skip = true in the second block.
    start = text.index(f'id = "{BEST.id}"')
    edited = text[:start] + "skip = true\n" + text[start:]
    merged = apply_claims_file(ARTICLE, load_claims_file(_write(tmp_path, edited)))
    assert _ids(merged) == [SOUND.id]


def test_key_lines_of_article_and_settings(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '# top\n[article]\npath = "a.md"\n\n[settings]\ntimeout = 5\nreplay = "x.warc.gz"\n',
    )
    cf = load_claims_file(path)
    assert cf.article_path == tmp_path / "a.md"
    error = cf.error("x.warc.gz: no such file", "settings.replay")
    assert error.message() == f"{path}:7: settings.replay: x.warc.gz: no such file"
    assert cf.error("r", "article.path").line == 3


def test_settings_paths_are_checked_where_the_file_is(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    path = _write(tmp_path, '[settings]\noutput = "reports"\n')
    with pytest.raises(ClaimsFileError) as info:
        load_claims_file(path)
    assert (info.value.line, info.value.key) == (2, "settings.output")
    assert "is a folder" in info.value.reason
