"""Reports name the article by a normalised path; GitHub by its path in the checkout.

`claimcheck init drafts/a.md -o out/claims.toml` writes `path = "../drafts/a.md"`, read back as
`out/../drafts/a.md`; `claimcheck verify ./a.md` named `./a.md`. GitHub matches an annotation's
`file` against repository paths as they are, so neither attached to the file in a PR.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from claimcheck.article import article_name, read_article
from claimcheck.model import ClaimResult, RunReport
from claimcheck.report.github import GitHubFormat, repo_path
from claimcheck.report.json import JsonFormat
from tests.unit.report.factory import make_claim_results, make_verify_report

ARTICLE = '# T\n\nHe said "alpha beta gamma delta" there.[^1]\n\n[^1]: https://example.org/a\n'


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository checkout as the current folder, outside any GitHub workspace."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(ARTICLE)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ("out/../drafts/a.md", "drafts/a.md"),
        ("./drafts/a.md", "drafts/a.md"),
        ("drafts//./a.md", "drafts/a.md"),
        ("drafts/a.md", "drafts/a.md"),
    ],
)
def test_read_article_names_the_file_by_its_normalised_path(
    checkout: Path, given: str, named: str
) -> None:
    article = read_article(given)
    assert article.source == named
    assert article.claims and all(c.article == named for c in article.claims)


def test_errors_still_quote_the_path_as_given(checkout: Path) -> None:
    from claimcheck.errors import ArticleError

    with pytest.raises(ArticleError) as caught:
        read_article("out/../drafts/missing.md")
    assert caught.value.path == "out/../drafts/missing.md"


def test_article_name_keeps_absolute_and_parent_paths() -> None:
    assert article_name("/srv/site/../drafts/a.md") == "/srv/drafts/a.md"
    assert article_name("../a.md") == "../a.md"


def _report_for(article: str) -> RunReport:
    result: ClaimResult = make_claim_results()[3]  # a mismatch: fails, so it is annotated
    claim = dataclasses.replace(result.claim, article=article)
    return make_verify_report(claims=(dataclasses.replace(result, claim=claim),), sources=())


def _files(report: RunReport) -> list[str]:
    out = GitHubFormat().render(report)
    return [
        line.split("file=", 1)[1].split(",", 1)[0] for line in out.splitlines() if "file=" in line
    ]


def test_github_file_is_relative_to_the_current_folder(checkout: Path) -> None:
    assert _files(_report_for("out/../drafts/a.md")) == ["drafts/a.md"]
    assert _files(_report_for("./drafts/a.md")) == ["drafts/a.md"]
    assert _files(_report_for(str(checkout / "drafts" / "a.md"))) == ["drafts/a.md"]


def test_github_file_outside_the_checkout_stays_as_given_but_normalised(
    checkout: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "b.md"
    assert _files(_report_for(str(elsewhere))) == [str(elsewhere)]
    assert repo_path("../x/../b.md") == "../b.md"


def test_github_file_is_relative_to_the_workspace_in_a_step_run_in_a_subfolder(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `working-directory: drafts`: the step names `a.md`, the repository `drafts/a.md`.
    monkeypatch.setenv("GITHUB_WORKSPACE", str(checkout))
    monkeypatch.chdir(checkout / "drafts")
    assert repo_path("a.md") == "drafts/a.md"
    assert repo_path("../out/claims.toml") == "out/claims.toml"
    monkeypatch.setenv("GITHUB_WORKSPACE", "")
    assert repo_path("a.md") == "a.md"


def test_json_names_the_normalised_path(checkout: Path) -> None:
    article = read_article("out/../drafts/a.md")
    report = make_verify_report(articles=(article,), claims=(), sources=())
    doc = json.loads(JsonFormat().render(report))
    assert [a["source"] for a in doc["articles"]] == ["drafts/a.md"]
