"""Every command, every exit code (SPEC §5), through the real CLI and a real local HTTP server.

stdout carries only the report; stderr the summary, hints and errors — asserted separately.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from tests.conftest import fixture_path
from tests.helpers.httpserver import LocalHost, Reply, serve

REPORT_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Quay report</title></head>
<body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>New quay for Lowmarsh</h1>
<p>The port board said the new quay “will open to cargo ships in the spring of 2026” after two
years of delays, and that the works had stayed within budget.</p>
<p>The project cost 42 million euros and now employs 310 people on the waterfront.</p>
</article><footer>Lowmarsh Port Board</footer></body></html>""".encode()

NO_NETWORK_OPTS = ["--allow-private", "--no-cache", "--no-wayback", "--no-progress"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def site() -> Iterator[list[LocalHost]]:
    with serve(hosts=2) as hosts:
        hosts[0].route("/report", Reply(200, REPORT_PAGE))
        hosts[0].route("/moved", Reply.redirect(hosts[0].url("/report"), 301))
        yield hosts


def _article(tmp_path: Path, body: str, name: str = "draft.md") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def _good(host: LocalHost) -> str:
    return (
        "# Quay\n\n"
        'The board said the quay "will open to cargo ships in the spring of 2026".[^1]\n'
        "The project cost €42 million.[^1]\n\n"
        f"[^1]: Lowmarsh Port Board, “Quay report,” {host.url('/report')}.\n"
    )


# --------------------------------------------------------------------------- claims / init


def test_claims_json_lists_notes_and_claims(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["claims", str(fixture_path("articles", "harbour.md")), "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "claimcheck/claims/v1"
    article = data["articles"][0]
    assert [n["id"] for n in article["notes"]][:3] == ["1", "2", "whitlock"]
    assert any(c["kind"] == "quote" for c in article["claims"])


def test_claims_missing_article_exits_2_naming_it(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    result = runner.invoke(app, ["claims", str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_no_article_and_no_claims_toml_exits_2(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in ("claims", "verify", "links"):
        result = runner.invoke(app, [command])
        assert result.exit_code == 2, command
        assert "no claims.toml" in result.stderr


def test_invalid_claims_toml_names_file_line_and_key(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("claims.toml").write_text(
        '[article]\nurl = "https://example.org/a"\n\n[[claims]]\nnote = 1\nqoute = "typo"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["claims"])
    assert result.exit_code == 2
    assert "claims.toml:6" in result.stderr
    assert "qoute" in result.stderr


def test_init_writes_then_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "claims.toml"
    article = str(fixture_path("articles", "harbour.md"))
    first = runner.invoke(app, ["init", article, "-o", str(out)])
    assert first.exit_code == 0, first.stderr
    written = out.read_text(encoding="utf-8")
    assert "[[claims]]" in written and "[notes.1]" in written
    again = runner.invoke(app, ["init", article, "-o", str(out)])
    assert again.exit_code == 2
    assert "already exists" in again.stderr and "--force" in again.stderr
    assert out.read_text(encoding="utf-8") == written
    forced = runner.invoke(app, ["init", article, "-o", str(out), "--force"])
    assert forced.exit_code == 0
    # What init wrote loads back: `claims` on it succeeds.
    listed = runner.invoke(app, ["claims", "--claims", str(out), "-f", "json"])
    assert listed.exit_code == 0, listed.stderr


# --------------------------------------------------------------------------- verify


def test_verify_clean_exits_0(runner: CliRunner, tmp_path: Path, site: list[LocalHost]) -> None:
    article = _article(tmp_path, _good(site[0]))
    result = runner.invoke(app, ["verify", str(article), *NO_NETWORK_OPTS, "-f", "json"])
    assert result.exit_code == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert [c["verdict"] for c in report["claims"]] == ["verified", "verified"]
    assert report["claims"][0]["evidence"]["matched_in"] == "main"
    assert "2 claims: 2 verified" in result.stderr


def test_verify_mismatch_exits_1_unless_fail_on_none(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost]
) -> None:
    body = _good(site[0]).replace("spring of 2026", "spring of 2027")
    article = _article(tmp_path, body)
    result = runner.invoke(app, ["verify", str(article), *NO_NETWORK_OPTS, "-f", "json"])
    assert result.exit_code == 1, result.stderr
    verdicts = [c["verdict"] for c in json.loads(result.stdout)["claims"]]
    assert verdicts[0] == "mismatch"
    relaxed = runner.invoke(app, ["verify", str(article), *NO_NETWORK_OPTS, "--fail-on", "none"])
    assert relaxed.exit_code == 0


def test_verify_bad_fail_on_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    article = _article(tmp_path, "Text.[^1]\n\n[^1]: https://example.org/x\n")
    result = runner.invoke(app, ["verify", str(article), "--fail-on", "mismatch,bogus"])
    assert result.exit_code == 2
    assert "bogus" in result.stderr


def test_verify_output_file_and_stdin(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost]
) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(
        app,
        ["verify", "-", *NO_NETWORK_OPTS, "-f", "json", "-o", str(out)],
        input=_good(site[0]).encode(),
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["claims"] == 2


def test_verify_reads_claims_toml_and_its_settings(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _article(tmp_path, _good(site[0]))
    Path("claims.toml").write_text(
        '[article]\npath = "draft.md"\n\n[settings]\nallow_private = true\nno_cache = true\n'
        'wayback = false\nformat = "json"\n\n[[claims]]\nnote = 1\nquote = "within budget"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["verify"])
    assert result.exit_code == 0, result.stderr
    claims = json.loads(result.stdout)["claims"]
    assert {c["quote"] for c in claims if c["kind"] != "fact"} >= {"within budget"}
    # The command line beats [settings]: text instead of JSON.
    text = runner.invoke(app, ["verify", "-f", "text"])
    assert text.exit_code == 0 and "verified" in text.stdout and not text.stdout.startswith("{")


def test_verify_no_source_note_is_reported_not_an_error(runner: CliRunner, tmp_path: Path) -> None:
    article = _article(
        tmp_path, 'He called it "a quiet revolution".[1]\n\n[1] Interview, 2020.\n', "a.txt"
    )
    result = runner.invoke(app, ["verify", str(article), *NO_NETWORK_OPTS, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["claims"][0]["verdict"] == "no_source"


def test_internal_error_exits_2_with_one_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimcheck import verify

    async def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(verify.Verifier, "verify", boom)
    article = _article(tmp_path, "Text.[^1]\n\n[^1]: https://example.org/x\n")
    result = runner.invoke(app, ["verify", str(article), *NO_NETWORK_OPTS])
    assert result.exit_code == 2
    assert "internal error: RuntimeError: simulated bug" in result.stderr
    assert "re-run with -v" in result.stderr


# --------------------------------------------------------------------------- links


def test_links_ok_and_dead(runner: CliRunner, tmp_path: Path, site: list[LocalHost]) -> None:
    a, b = site
    ok = _article(tmp_path, f"One.[^1]\n\n[^1]: {a.url('/report')}\n", "ok.md")
    result = runner.invoke(app, ["links", str(ok), *NO_NETWORK_OPTS, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["sources"][0]["status"] == "ok"
    dead = _article(
        tmp_path, f"One.[^1] Two.[^2]\n\n[^1]: {a.url('/moved')}\n[^2]: {b.url('/gone')}\n"
    )
    result = runner.invoke(app, ["links", str(dead), *NO_NETWORK_OPTS, "-f", "json"])
    assert result.exit_code == 1
    statuses = {s["url"]: s["status"] for s in json.loads(result.stdout)["sources"]}
    assert statuses == {a.url("/moved"): "redirected", b.url("/gone"): "dead"}


def test_private_address_is_excluded_without_allow_private(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost]
) -> None:
    article = _article(tmp_path, f"One.[^1]\n\n[^1]: {site[0].url('/report')}\n")
    result = runner.invoke(app, ["links", str(article), "--no-cache", "-f", "json"])
    assert result.exit_code == 0
    source = json.loads(result.stdout)["sources"][0]
    assert source["status"] == "excluded"
    assert site[0].hits("/report") == 0  # no connection was attempted


# --------------------------------------------------------------------------- Ctrl-C


def test_sigint_stops_cleanly_with_partial_report_and_130(tmp_path: Path) -> None:
    with serve(hosts=2) as (fast, slow):
        fast.route("/report", Reply(200, REPORT_PAGE))
        slow.route("/slow", Reply(200, REPORT_PAGE, delay=8.0))
        article = _article(
            tmp_path,
            'Quick "will open to cargo ships in the spring of 2026".[^1] '
            'Slow "within budget".[^2]\n\n'
            f"[^1]: {fast.url('/report')}\n[^2]: {slow.url('/slow')}\n",
        )
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "claimcheck",
                "verify",
                str(article),
                *NO_NETWORK_OPTS,
                "--retries",
                "0",
                "-f",
                "json",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=_default_sigint,
        )
        deadline = time.monotonic() + 20
        while fast.hits("/report") == 0 or slow.hits("/slow") == 0:
            assert time.monotonic() < deadline, "the run never reached both hosts"
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err.decode()
    report = json.loads(out)
    assert report["interrupted"] is True
    assert [c["verdict"] for c in report["claims"]] == ["verified"]


# --------------------------------------------------------------------------- lock file


def test_fail_on_new_with_and_without_a_lock(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost]
) -> None:
    a, b = site
    article = _article(
        tmp_path, f"One.[^1] Two.[^2]\n\n[^1]: {a.url('/report')}\n[^2]: {b.url('/gone')}\n"
    )
    lock = tmp_path / "claimcheck.lock"
    args = ["links", str(article), *NO_NETWORK_OPTS, "--lock", str(lock)]
    # No lock yet: nothing to compare with, so every finding counts, and no file appears.
    first = runner.invoke(app, [*args, "--fail-on", "new"])
    assert first.exit_code == 1
    assert "without a lock file" in first.stderr
    assert not lock.exists()
    # Record the current state; the dead link is now known, so it is not "new".
    assert runner.invoke(app, [*args, "--update-lock"]).exit_code == 1
    assert lock.exists()
    recorded = lock.read_bytes()
    again = runner.invoke(app, [*args, "--fail-on", "new"])
    assert again.exit_code == 0, again.stderr
    assert lock.read_bytes() == recorded  # a run without --update-lock only reads the lock
    # A link that breaks after the lock was written is new.
    a.route("/report", Reply(410, b"gone"))
    worse = runner.invoke(app, [*args, "--fail-on", "new"])
    assert worse.exit_code == 1


def test_quiet_prints_nothing_but_the_report(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost]
) -> None:
    a, b = site
    article = _article(tmp_path, f'It "was never built".[^1]\n\n[^1]: {b.url("/gone")}\n')
    # A dead source with the Wayback fallback on (pointed at a host with no archive): hints,
    # lookups and the summary would all go to stderr without -q.
    args = ["verify", str(article), "--allow-private", "--no-cache", "--no-progress"]
    args += ["--wayback-url", a.base_url, "-f", "json"]
    loud = runner.invoke(app, args)
    quiet = runner.invoke(app, [*args, "-q"])
    assert loud.exit_code == quiet.exit_code == 1
    assert "1 claims" in loud.stderr or "1 claim" in loud.stderr
    assert quiet.stderr == ""
    assert json.loads(quiet.stdout)["claims"][0]["verdict"] == "unreachable"


def _default_sigint() -> None:
    """Run in the child before exec: Ctrl-C handled as usual. A shell running the tests in the
    background (`pytest &` in a script) starts them with SIGINT ignored, the child inherits that,
    and Python then leaves SIGINT ignored, as a background job should."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
