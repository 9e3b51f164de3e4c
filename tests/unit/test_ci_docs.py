"""The CI recipes in docs/ and .pre-commit-hooks.yaml: valid YAML, the keys CI needs, real options.

These files are copied into other people's repositories, so a typo costs them a broken job: check
that the workflow parses, is scheduled, keeps its permissions minimal, caches the claimcheck cache
dir, writes the Markdown summary, opens an issue on exit 1 only, pins every action to a commit,
and that its shell scripts parse and, run as GitHub runs them (`bash -e`), handle exit codes 0, 1
and 2; and that every claimcheck option they use exists.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from claimcheck.article import format_for
from claimcheck.cli import app
from claimcheck.errors import ArticleError

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / "docs" / "workflows" / "claimcheck-links.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
CI_DOC = ROOT / "docs" / "ci.md"

_PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
_CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?(,(\d+(-\d+)?))*$")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    doc = _load(WORKFLOW)
    assert isinstance(doc, dict)
    return doc


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    (job,) = workflow["jobs"].values()
    steps: list[dict[str, Any]] = job["steps"]
    return steps


def test_workflow_is_scheduled_and_manual(workflow: dict[Any, Any]) -> None:
    # YAML 1.1 reads a bare `on` key as the boolean true.
    triggers = workflow.get("on", workflow.get(True))
    assert "workflow_dispatch" in triggers
    (schedule,) = triggers["schedule"]
    fields = schedule["cron"].split()
    assert len(fields) == 5 and all(_CRON_FIELD.match(f) for f in fields)


def test_workflow_permissions_are_minimal(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert 0 < job["timeout-minutes"] <= 60


def test_every_action_is_pinned_to_a_commit(workflow: dict[Any, Any]) -> None:
    uses = [s["uses"] for s in _steps(workflow) if "uses" in s]
    assert {u.split("@")[0] for u in uses} == {
        "actions/checkout", "actions/setup-python", "actions/cache",
    }  # fmt: skip
    assert all(_PINNED.match(u) for u in uses), uses
    checkout = next(s for s in _steps(workflow) if s["uses"].startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False


def test_cache_dir_is_kept_with_actions_cache(workflow: dict[Any, Any]) -> None:
    (job,) = workflow["jobs"].values()
    cache_dir = job["env"]["CLAIMCHECK_CACHE_DIR"]
    cache = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == cache_dir
    assert "${{ github.run_id }}" in cache["with"]["key"]
    assert cache["with"]["restore-keys"].strip() == cache["with"]["key"].split("$")[0]


def test_markdown_summary_and_issue_on_exit_1(workflow: dict[Any, Any]) -> None:
    steps = _steps(workflow)
    check = next(s for s in steps if s.get("id") == "links")
    assert "claimcheck links --fail-on new --format markdown" in check["run"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in check["run"]
    assert 'exit "$status"' in check["run"]  # exit 2 fails the job
    issue = next(s for s in steps if "gh issue create" in s.get("run", ""))
    assert issue["if"] == "steps.links.outputs.status == '1'"
    assert issue["env"]["GH_TOKEN"] == "${{ github.token }}"


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash to parse the scripts with")
def test_workflow_scripts_parse_as_bash(workflow: dict[Any, Any]) -> None:
    for step in _steps(workflow):
        if "run" in step:
            script = re.sub(r"\$\{\{[^}]*\}\}", "x", step["run"])
            subprocess.run(["bash", "-n"], input=script, text=True, check=True)


def test_pre_commit_hooks() -> None:
    hooks = _load(HOOKS)
    assert isinstance(hooks, list)
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"claimcheck", "claimcheck-links"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"  # installs this package and its `claimcheck` script
    claims = by_id["claimcheck"]
    assert claims["entry"].startswith("claimcheck claims")
    assert claims["pass_filenames"] is False  # `claims` reads claims.toml, one article
    files = re.compile(claims["files"])
    assert all(files.search(p) for p in ("claims.toml", "site/claims.toml", "posts/a.md", "b.html"))
    assert not any(files.search(p) for p in ("src/app.py", "claims.toml.bak", "README.rst"))
    links = by_id["claimcheck-links"]
    assert links["entry"].startswith("claimcheck links")
    assert links["stages"] == ["manual"]  # network: opt in


#: pre-commit's type tags (from `identify`) of the files a repository of articles holds.
_TAGS = {
    "posts/a.md": {"text", "markdown"},
    "posts/b.MARKDOWN": {"text", "markdown"},
    "posts/c.txt": {"text", "plain-text"},
    "posts/d.text": {"text"},
    "posts/e.html": {"text", "html"},
    "posts/f.HTM": {"text", "html"},
    "posts/g.xhtml": {"text", "html", "xhtml", "xml"},
    "posts/h.docx": {"binary"},
    "claims.toml": {"text", "toml"},
    ".pre-commit-config.yaml": {"text", "yaml"},
    "README": {"text", "plain-text"},
    "LICENSE": {"text", "plain-text"},
    "notes.rst": {"text", "rst"},
    "build.py": {"text", "python"},
    "draft.doc": {"binary"},
    "chart.png": {"binary", "image", "png"},
}


def _is_article(path: str) -> bool:
    try:
        format_for(path)
    except ArticleError:
        return False
    return True


def test_links_hook_gets_exactly_the_articles() -> None:
    # pre-commit passes a hook the files its `files` regex matches *and* whose tags meet `types`
    # (all) and `types_or` (any). `links` refuses anything that is not an article (exit 2), so
    # the hook must select exactly the types claimcheck reads: `text` would be every text file.
    links = {h["id"]: h for h in _load(HOOKS)}["claimcheck-links"]
    files = re.compile(links.get("files", ""))
    types, types_or = set(links.get("types", ["file"])) - {"file"}, set(links.get("types_or", []))
    selected = {
        path
        for path, tags in _TAGS.items()
        if files.search(path) and types <= tags and (not types_or or types_or & tags)
    }
    assert selected == {path for path in _TAGS if _is_article(path)}
    # The `claimcheck` hook runs on a change of the same articles, or of claims.toml.
    claims = re.compile({h["id"]: h for h in _load(HOOKS)}["claimcheck"]["files"])
    assert {p for p in _TAGS if claims.search(p)} == selected | {"claims.toml"}


def test_links_hook_entry_accepts_what_it_selects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = {h["id"]: h for h in _load(HOOKS)}["claimcheck-links"]
    files = re.compile(links["files"])
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("# A\n\nNo citation here.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Plain text.\n", encoding="utf-8")
    (tmp_path / "claims.toml").write_text('[article]\npath = "a.md"\n', encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    selected = sorted(p.name for p in tmp_path.iterdir() if files.search(p.name))
    assert selected == ["a.md", "b.txt"]
    args = links["entry"].split()[1:] + selected
    result = CliRunner().invoke(app, args, env={"CLAIMCHECK_NO_CACHE": "1"})
    assert result.exit_code == 0, result.output


def _options(command: str) -> set[str]:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return set(re.findall(r"--[a-z][a-z-]+", result.output))


def test_commands_use_only_real_options(workflow: dict[Any, Any]) -> None:
    commands = [
        line
        for step in _steps(workflow)
        for line in step.get("run", "").splitlines()
        if line.strip().startswith("claimcheck ")
    ]
    commands += [h["entry"] for h in _load(HOOKS)]
    assert len(commands) == 3
    for command in commands:
        words = command.split()
        name = words[1]
        used = {w.split("=")[0] for w in words if w.startswith("--")}
        assert used <= _options(name), (command, used - _options(name))


#: A claimcheck command as docs/ci.md shows it, up to the end of its code span, line or pipe.
_DOC_COMMAND = re.compile(r"\bclaimcheck (verify|links|claims)\b([^`\n|>]*)")


def test_ci_doc_commands_use_only_real_options() -> None:
    # The prose and the snippets are copied as they are: an option the CLI lost or never had
    # (or a format it does not offer) would break the reader's job.
    text = CI_DOC.read_text(encoding="utf-8")
    commands = _DOC_COMMAND.findall(text)
    assert len(commands) >= 6, commands
    formats = {"text", "json", "markdown", "junit", "github", "html"}
    assert any("--format" in rest for _, rest in commands)  # the value check below must run
    for name, rest in commands:
        words = rest.split()
        used = {w.split("=")[0] for w in words if w.startswith("--")}
        assert used <= _options(name), (name, rest, used - _options(name))
        for option, value in zip(words, words[1:], strict=False):
            if option == "--format":
                assert value in formats, (name, rest)


def test_ci_doc_points_at_the_files() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    assert "(workflows/claimcheck-links.yml)" in text
    assert "(../.pre-commit-hooks.yaml)" in text
    for needle in ("permissions: {}", "actions/cache", "$GITHUB_STEP_SUMMARY", "gh issue create",
                   "claimcheck.lock", "--fail-on new", "--format github", "--format junit"):  # fmt: skip
        assert needle in text, needle
    for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
        assert yaml.safe_load(block) is not None


def test_ci_doc_has_the_nightly_workflow_that_commits_the_lock() -> None:
    # QA 6b #6: the README's "full workflow" for `verify --update-lock … && commit the lock`.
    text = CI_DOC.read_text(encoding="utf-8")
    nightly = [
        doc
        for block in re.findall(r"```yaml\n(.*?)```", text, re.S)
        if isinstance(doc := yaml.safe_load(block), dict) and "jobs" in doc
    ]
    assert len(nightly) == 1
    (job,) = nightly[0]["jobs"].values()
    assert job["permissions"]["contents"] == "write"
    steps = {step.get("name"): step for step in job["steps"]}
    assert "--update-lock" in steps["Verify quotes and links"]["run"]
    assert "--confirm-dead" in steps["Verify quotes and links"]["run"]
    commit = steps["Commit the lock"]
    assert commit["if"] == "always()"
    assert "git push" in commit["run"] and "claimcheck.lock" in commit["run"]
    for step in job["steps"]:
        if "uses" in step:
            assert _PINNED.match(step["uses"]), step["uses"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/ci.md#nightly-verify-that-commits-the-lock" in readme
    assert "### Nightly verify that commits the lock" in text


# ------------------------------------------------------------------ the steps' scripts, run

#: Stands in for claimcheck as the steps use it: exit $FAKE_EXIT; on 0 or 1 write the report
#: (`--output`) and, with `--update-lock`, the lock; on 2 (could not run) write neither.
_FAKE_CLAIMCHECK = """#!/bin/sh
status=${FAKE_EXIT:-0}
out=""
lock=""
prev=""
for arg in "$@"; do
  if [ "$prev" = "--output" ]; then out=$arg; fi
  if [ "$arg" = "--update-lock" ]; then lock=yes; fi
  prev=$arg
done
if [ "$status" -ge 2 ]; then
  echo "error: claims.toml:3: timeout: expected a number" >&2
  exit "$status"
fi
if [ -n "$out" ]; then echo "report of a run that exited $status" > "$out"; fi
if [ -n "$lock" ]; then echo '{"schema": "fake"}' > claimcheck.lock; fi
exit "$status"
"""

_needs_shell = pytest.mark.skipif(
    shutil.which("bash") is None or shutil.which("git") is None, reason="needs bash and git"
)


def _nightly_steps() -> dict[str, dict[str, Any]]:
    text = CI_DOC.read_text(encoding="utf-8")
    block = re.search(
        r"```yaml\n(# \.github/workflows/claimcheck-nightly\.yml\n.*?)```", text, re.S
    )
    assert block is not None
    (job,) = yaml.safe_load(block.group(1))["jobs"].values()
    return {step.get("name", step.get("uses")): step for step in job["steps"]}


def _check_step(which: str) -> str:
    if which == "links":
        return next(s for s in _steps(_load(WORKFLOW)) if s.get("id") == "links")["run"]
    return _nightly_steps()["Verify quotes and links"]["run"]


def _run_step(script: str, folder: Path, fake_exit: int) -> subprocess.CompletedProcess[str]:
    """`script` as GitHub runs a `run:` step (`bash -e`), with claimcheck faked."""
    bin_dir = folder.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "claimcheck"
    fake.write_text(_FAKE_CLAIMCHECK, encoding="utf-8")
    fake.chmod(0o755)
    for name in ("summary.md", "output.txt"):
        (folder.parent / name).write_text("", encoding="utf-8")
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(folder.parent),
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(folder.parent / "summary.md"),
        "GITHUB_OUTPUT": str(folder.parent / "output.txt"),
        "FAKE_EXIT": str(fake_exit),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    script = re.sub(r"\$\{\{[^}]*\}\}", "x", script)
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@_needs_shell
@pytest.mark.parametrize("which", ["links", "nightly"])
@pytest.mark.parametrize("exit_code", [0, 1, 2])
def test_check_step_handles_every_exit_code(tmp_path: Path, which: str, exit_code: int) -> None:
    # 0 and 1: the report goes to the job summary, the status to the step's outputs (1 opens the
    # issue), and the step passes. 2: claimcheck wrote no report; the step still records the
    # status, prints the error annotation and fails with claimcheck's exit code.
    work = tmp_path / "repo"
    work.mkdir()
    result = _run_step(_check_step(which), work, exit_code)
    assert result.returncode == (exit_code if exit_code >= 2 else 0), result.stderr
    outputs = (tmp_path / "output.txt").read_text(encoding="utf-8")
    assert outputs == f"status={exit_code}\n"
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    annotation = f"::error title=claimcheck could not run::exit code {exit_code}"
    if exit_code >= 2:
        assert annotation in result.stdout
        assert summary == ""
    else:
        assert annotation not in result.stdout
        assert summary == f"report of a run that exited {exit_code}\n"


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout.strip()


@_needs_shell
@pytest.mark.parametrize("exit_code", [0, 1, 2])
def test_nightly_commits_the_lock_only_when_there_is_one(tmp_path: Path, exit_code: int) -> None:
    # The commit step runs `if: always()`: after a first night that could not run there is no
    # lock, and the step must pass without one; otherwise the lock is committed and pushed.
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", str(remote))
    work = tmp_path / "repo"
    _git(tmp_path, "clone", "-q", str(remote), str(work))
    (work / "claims.toml").write_text('[article]\npath = "a.md"\n', encoding="utf-8")
    _git(work, "add", "claims.toml")
    _git(work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "start")
    _git(work, "push", "-q", "origin", "HEAD")
    before = _git(remote, "rev-parse", "HEAD")
    steps = _nightly_steps()
    _run_step(steps["Verify quotes and links"]["run"], work, exit_code)  # checked above
    commit = _run_step(steps["Commit the lock"]["run"], work, exit_code)
    assert commit.returncode == 0, commit.stderr
    if exit_code >= 2:
        assert _git(remote, "rev-parse", "HEAD") == before
    else:
        assert _git(remote, "show", "HEAD:claimcheck.lock") == '{"schema": "fake"}'
        # A second run that changes nothing commits nothing.
        after = _git(remote, "rev-parse", "HEAD")
        assert _run_step(steps["Commit the lock"]["run"], work, exit_code).returncode == 0
        assert _git(remote, "rev-parse", "HEAD") == after


def test_nightly_handles_exit_codes_as_the_links_workflow_does() -> None:
    # The two copies of the exit-code handling are kept alike, so a fix reaches both.
    def handling(script: str) -> list[str]:
        lines = [line.strip() for line in script.splitlines() if line.strip()]
        start = next(i for i, line in enumerate(lines) if line.startswith("claimcheck "))
        return lines[start + 1 :]

    assert handling(_check_step("nightly")) == handling(_check_step("links"))


# ------------------------------------------------------------------ installing claimcheck

README = ROOT / "README.md"
#: Where the recipes install claimcheck from: the `claimcheck` on PyPI is another project.
HOMEPAGE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"][
    "Homepage"
]
_PIP_INSTALL = re.compile(r"pip install ((?:-\S+\s+)*)(\"[^\"]+\"|'[^']+'|\S+)")


def _released_tags() -> set[str]:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[(\d+\.\d+\.\d+[^\]]*)\]", changelog, re.M)
    return {f"v{v}" for v in versions} | set(versions)


def _honest_ref(ref: str) -> bool:
    """A commit SHA, the default branch, or a tag of a release the CHANGELOG lists."""
    return bool(re.fullmatch(r"[0-9a-f]{40}", ref)) or ref == "main" or ref in _released_tags()


def test_recipes_install_claimcheck_from_its_repository() -> None:
    workflows = [WORKFLOW, CI_DOC]
    installs = [
        (path.name, spec.strip("\"'"))
        for path in [*workflows, README]
        for _, spec in _PIP_INSTALL.findall(path.read_text(encoding="utf-8"))
    ]
    for where, spec in installs:
        if spec == "." or spec.startswith(".["):  # from a clone (the README's quick start)
            continue
        assert spec.startswith(f"git+{HOMEPAGE}@"), (where, spec)
    assert len([i for i in installs if i[0] != README.name]) == 3  # two workflows, the prose


@pytest.mark.parametrize("which", ["links", "nightly"])
def test_workflows_pin_an_existing_ref(which: str) -> None:
    if which == "links":
        steps = {s.get("name"): s for s in _steps(_load(WORKFLOW))}
    else:
        steps = _nightly_steps()
    install = steps["Install claimcheck"]
    assert install["run"] == (f'python -m pip install "git+{HOMEPAGE}@${{CLAIMCHECK_REF}}"')
    assert _honest_ref(install["env"]["CLAIMCHECK_REF"]), install["env"]


def test_pre_commit_snippets_name_an_existing_rev() -> None:
    # A `rev` that does not exist (a tag never made) fails `pre-commit install` for every reader.
    snippets = [
        doc
        for path in (README, CI_DOC)
        for block in re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
        if isinstance(doc := yaml.safe_load(block), dict) and "repos" in doc
    ]
    assert len(snippets) == 2
    for snippet in snippets:
        (repo,) = snippet["repos"]
        assert repo["repo"] == HOMEPAGE
        assert _honest_ref(str(repo["rev"])), repo["rev"]
