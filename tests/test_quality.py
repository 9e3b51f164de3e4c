"""Lint, format and type checks run as part of the suite, so the README's one test command
(`pytest`) is the whole gate CI runs."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(
    shutil.which("ruff") is None, reason="ruff is not installed (pip install -e '.[test]')"
)
def test_ruff_check() -> None:
    result = _run("ruff", "check", "src", "tests", "bench", "scripts", "examples")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(
    shutil.which("ruff") is None, reason="ruff is not installed (pip install -e '.[test]')"
)
def test_ruff_format() -> None:
    result = _run("ruff", "format", "--check", "src", "tests", "bench", "scripts", "examples")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = _run(sys.executable, "-m", "mypy", "--strict", "src/claimcheck")
    assert result.returncode == 0, result.stdout + result.stderr


#: Modules tests/, bench/ and scripts/ may import without declaring them, and why.
_OPTIONAL_IMPORTS = {
    # bench/links runs its aiohttp reference only when aiohttp is installed (BENCHMARKS.md).
    "aiohttp": "bench/links/aiohttp_reference.py",
}


def _declared_distributions() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    # "typer>=0.16", "name[extra]>=1", "name @ url": the name runs up to the first of these.
    return {_normalise(re.split(r"[\s\[<>=!~;@]", r, maxsplit=1)[0]) for r in requirements}


def _normalise(distribution: str) -> str:
    return re.sub(r"[-_.]+", "-", distribution).lower()


def _guarded(tree: ast.Module) -> set[ast.AST]:
    """The import statements inside `try: … except ImportError`: optional by construction."""
    guarded: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
            isinstance(h.type, ast.Name) and h.type.id in {"ImportError", "ModuleNotFoundError"}
            for h in node.handlers
        ):
            guarded.update(n for stmt in node.body for n in ast.walk(stmt))
    return guarded


def _third_party_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded = _guarded(tree)
    names: set[str] = set()
    for node in ast.walk(tree):
        if node in guarded:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    local = {"claimcheck", "tests"}
    return {
        name
        for name in names - set(sys.stdlib_module_names) - local
        # A sibling module a script puts on sys.path (bench/verify's `generate`).
        if not (path.parent / f"{name}.py").exists() and not (path.parent / name).is_dir()
    }


def test_every_import_of_the_tests_is_declared() -> None:
    # `pip install -e ".[test]" && pytest` on a fresh machine installs only what pyproject
    # declares: a module that happens to be installed here (click, once a dependency of typer)
    # would stop pytest at collection there.
    declared = _declared_distributions()
    installed = importlib.metadata.packages_distributions()
    undeclared = []
    for folder in ("tests", "bench", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name in sorted(_third_party_imports(path)):
                if _OPTIONAL_IMPORTS.get(name) == path.relative_to(ROOT).as_posix():
                    continue
                if not {_normalise(d) for d in installed.get(name, [])} & declared:
                    undeclared.append(f"{path.relative_to(ROOT)}: {name}")
    assert not undeclared, undeclared
