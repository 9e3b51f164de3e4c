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


ARTICLE_PAGE = (
    "<html><head><title>A</title></head><body><p>It cost £3.8 million.<sup><a href='#fn1'>1</a>"
    "</sup></p><ol><li id='fn1'><a href='https://example.org/s'>S</a></li></ol></body></html>"
).encode()

#: `init` writes to stdout so the tests can run one command after another.
ARTICLE_COMMANDS = [["claims"], ["init", "-o", "-"]]


@pytest.mark.parametrize("command", ARTICLE_COMMANDS)
def test_claims_and_init_take_the_network_options_for_a_url_article(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost], command: list[str]
) -> None:
    a, _ = site
    a.route("/article", Reply(200, ARTICLE_PAGE))
    a.route("/slow", Reply(200, ARTICLE_PAGE, delay=2))
    a.route("/busy", Reply(503, b"busy"))
    cache = ["--allow-private", "--cache-dir", str(tmp_path / "cache")]
    sent = runner.invoke(app, [*command, a.url("/article"), *cache, "--user-agent", "Desk/1"])
    assert sent.exit_code == 0, sent.stderr
    assert a.requests[-1].headers["user-agent"] == "Desk/1"
    assert "https://example.org/s" in sent.stdout
    # The first run filled the cache; --no-cache asks the server again.
    runner.invoke(app, [*command, a.url("/article"), *cache])
    assert a.hits("/article") == 1
    assert runner.invoke(app, [*command, a.url("/article"), *cache, "--no-cache"]).exit_code == 0
    assert a.hits("/article") == 2
    slow = runner.invoke(app, [*command, a.url("/slow"), *cache, "--timeout", "0.2"])
    assert slow.exit_code == 2
    assert "could not fetch the article: timeout" in slow.stderr
    busy = runner.invoke(app, [*command, a.url("/busy"), *cache, "--retries", "0"])
    assert busy.exit_code == 2
    assert a.hits("/busy") == 1


@pytest.mark.parametrize("command", ARTICLE_COMMANDS)
def test_a_url_article_recorded_by_claims_or_init_replays_offline(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost], command: list[str]
) -> None:
    a, _ = site
    a.route("/article", Reply(200, ARTICLE_PAGE))
    warc = tmp_path / "article.warc.gz"
    args = [*command, a.url("/article"), "--allow-private", "--no-cache"]
    recorded = runner.invoke(app, [*args, "--record", str(warc)])
    assert recorded.exit_code == 0, recorded.stderr
    a.route("/article", Reply(500, b"down"))  # the replay must not ask the server
    replayed = runner.invoke(app, [*args, "--replay", str(warc)])
    assert replayed.exit_code == 0, replayed.stderr
    assert replayed.stdout == recorded.stdout
    assert a.hits("/article") == 1


@pytest.mark.parametrize("command", ARTICLE_COMMANDS)
def test_claims_and_init_refuse_a_missing_replay_archive(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "none.warc.gz"
    result = runner.invoke(app, [*command, "https://example.org/a", "--replay", str(missing)])
    assert result.exit_code == 2
    assert f"{missing}: --replay: no such file" in " ".join(result.stderr.split())


@pytest.mark.parametrize("command", ARTICLE_COMMANDS)
def test_a_local_article_needs_no_replay_archive(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    # Nothing is fetched, so a missing archive (from claims.toml or the environment) is no error.
    article = str(fixture_path("articles", "harbour.md"))
    missing = tmp_path / "none.warc.gz"
    result = runner.invoke(app, [*command, article], env={"CLAIMCHECK_REPLAY": str(missing)})
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("command", ["claims", "init"])
def test_claims_and_init_refuse_to_record_over_their_output(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    out = tmp_path / "out.txt"
    result = runner.invoke(
        app, [command, "https://example.org/a", "-o", str(out), "--record", str(out)]
    )
    assert result.exit_code == 2
    assert "--record: is where the output is written" in " ".join(result.stderr.split())
    assert not out.exists()


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


def test_excluded_detail_shows_the_regex_as_typed(runner: CliRunner, tmp_path: Path) -> None:
    # An excluded URL is never fetched: no server needed.
    article = _article(
        tmp_path, 'A chart shows "riders climbing".[^1]\n\n[^1]: https://example.org/r.png\n'
    )
    args = ["verify", str(article), "--exclude", r"\.png$", "--no-wayback", "-q"]
    shown = r"matches --exclude '\.png$'"
    text = runner.invoke(app, args)
    assert f"detail: excluded: {shown}" in text.stdout
    report = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert report["claims"][0]["detail"] == f"excluded: {shown}"
    assert report["sources"][0]["detail"] == shown
    # Markdown escapes the backslash once, so the page shows it once.
    markdown = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    assert r"matches --exclude '\\.png$'" in markdown
    assert r"\\\\" not in markdown


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


@pytest.mark.parametrize("named_by", ["default", "option", "environment", "settings"])
def test_a_json_syntax_error_in_the_lock_names_its_line_however_the_lock_is_named(
    runner: CliRunner,
    tmp_path: Path,
    site: list[LocalHost],
    monkeypatch: pytest.MonkeyPatch,
    named_by: str,
) -> None:
    a, _ = site
    monkeypatch.chdir(tmp_path)
    _article(tmp_path, f"One.[^1]\n\n[^1]: {a.url('/report')}\n")
    name = "claimcheck.lock" if named_by == "default" else "my.lock"
    lines = json.dumps({"format": "claimcheck/lock/v2", "claims": {}, "links": {}}, indent=2)
    lines = lines.replace('"claims": {},', '"claims": {,', 1)  # a stray comma, on line 3
    (tmp_path / name).write_text(lines + "\n", encoding="utf-8")
    args, env = ["links", "draft.md", *NO_NETWORK_OPTS], {}
    if named_by == "option":
        args += ["--lock", name]
    elif named_by == "environment":
        env = {"CLAIMCHECK_LOCK": name}
    elif named_by == "settings":
        (tmp_path / "claims.toml").write_text(
            f'[article]\npath = "draft.md"\n\n[settings]\nlock = "{name}"\n', encoding="utf-8"
        )
        args = ["links", *NO_NETWORK_OPTS]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 2
    assert f"{name}:3: not a JSON lock file: " in result.stderr


def test_a_lock_error_with_no_line_still_names_the_option(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _ = site
    monkeypatch.chdir(tmp_path)
    _article(tmp_path, f"One.[^1]\n\n[^1]: {a.url('/report')}\n")
    (tmp_path / "my.lock").write_bytes(b"\xff\xfe{}")
    result = runner.invoke(app, ["links", "draft.md", *NO_NETWORK_OPTS, "--lock", "my.lock"])
    assert result.exit_code == 2
    assert "error: my.lock: --lock: not a UTF-8 lock file" in result.stderr


def test_the_lock_is_read_where_update_lock_wrote_it(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost], monkeypatch: pytest.MonkeyPatch
) -> None:
    # QA 6 #2: no claims.toml, so --update-lock writes ./claimcheck.lock; the next run reads it.
    a, _ = site
    monkeypatch.chdir(tmp_path)
    _article(tmp_path, f'It "will open to cargo ships in 2031".[^1]\n\n[^1]: {a.url("/report")}\n')
    args = ["verify", "draft.md", *NO_NETWORK_OPTS]
    assert runner.invoke(app, [*args, "--update-lock"]).exit_code == 1  # a known not_found
    assert (tmp_path / "claimcheck.lock").is_file()
    again = runner.invoke(app, [*args, "--fail-on", "new"])
    assert again.exit_code == 0, again.stderr
    assert "without a lock file" not in again.stderr


def test_drift_is_reported_and_fails_in_the_report(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost], monkeypatch: pytest.MonkeyPatch
) -> None:
    # QA 6 #1: the exit code, the report's `failed` flags and its labels agree.
    a, _ = site
    monkeypatch.chdir(tmp_path)
    _article(tmp_path, _good(a))
    args = ["verify", "draft.md", *NO_NETWORK_OPTS]
    assert runner.invoke(app, [*args, "--update-lock"]).exit_code == 0
    a.route("/report", Reply(200, REPORT_PAGE.replace(b"spring of 2026", b"spring of 2029")))
    result = runner.invoke(app, [*args, "--fail-on", "new", "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    drifted = [c for c in doc["claims"] if c["change"] == "drift"]
    assert [c["failed"] for c in drifted] == [True]
    assert doc["summary"]["failed"] == 1
    assert doc["summary"]["changes"]["drift"] == 1
    assert doc["lock"] == "claimcheck.lock"
    markdown = runner.invoke(app, [*args, "--fail-on", "new", "--format", "markdown"])
    assert markdown.exit_code == 1
    assert markdown.stdout.startswith("## ❌ claimcheck verify: 1 failing")
    assert "📉 drift" in markdown.stdout


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


# --------------------------------------------------------------------------- -o and its targets
#
# Everything below writes inside tmp_path only: stand-ins for /dev/null (a private device node),
# /dev/stdout (a link to /proc/self/fd/1) and a FIFO. Never aim a test at /dev itself: run
# against a writer that renames over its target, as root, it would replace the real device.

MINI = "# T\n\nThere were 12 cases.[^1]\n\n[^1]: https://a.example.org/\n"


def _claims_text(runner: CliRunner, article: Path) -> str:
    result = runner.invoke(app, ["claims", str(article)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_output_through_a_symlink_keeps_the_link(runner: CliRunner, tmp_path: Path) -> None:
    article = _article(tmp_path, MINI)
    real = tmp_path / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    result = runner.invoke(app, ["claims", str(article), "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == _claims_text(runner, article)


def test_output_to_a_fifo_feeds_its_reader(runner: CliRunner, tmp_path: Path) -> None:
    import stat
    import threading

    article = _article(tmp_path, MINI)
    fifo = tmp_path / "myfifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = runner.invoke(app, ["claims", str(article), "-o", str(fifo)])
    if result.exit_code != 0 or not stat.S_ISFIFO(fifo.lstat().st_mode):
        with open(fifo if fifo.exists() else os.devnull, "wb"):  # unblock a waiting reader
            pass
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received == [_claims_text(runner, article).encode()]


def test_output_to_a_device_is_not_replaced(runner: CliRunner, tmp_path: Path) -> None:
    """A private copy of /dev/null (only root may make one: the case CI containers hit)."""
    import stat

    device = tmp_path / "mynull"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    article = _article(tmp_path, MINI)
    result = runner.invoke(app, ["claims", str(article), "-o", str(device)])
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)
    init = runner.invoke(app, ["init", str(article), "-o", str(device)])  # no --force needed
    assert init.exit_code == 0, init.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_output_dash_is_standard_output(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    article = _article(tmp_path, MINI)
    result = runner.invoke(app, ["claims", str(article), "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == _claims_text(runner, article)
    init = runner.invoke(app, ["init", "draft.md", "-o", "-"])
    assert init.exit_code == 0, init.stderr
    assert 'path = "draft.md"' in init.stdout and "[notes.1]" in init.stdout
    assert "wrote standard output" in init.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]  # no file named "-"


def test_verify_output_dash_beats_output_in_claims_toml(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _article(tmp_path, _good(site[0]))
    Path("claims.toml").write_text(
        '[article]\npath = "draft.md"\n\n[settings]\noutput = "report.json"\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["verify", *NO_NETWORK_OPTS, "-f", "json", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["claims"] == 2
    assert not Path("report.json").exists()


@pytest.mark.parametrize(
    ("output", "fragment"),
    [
        ("", "expected a path"),
        ("out/", "is a folder"),
        ("out", "is a folder"),
        ("missing/", "ends in a slash"),
        ("linked", "is a folder"),
    ],
)
def test_output_that_cannot_be_a_file_exits_2_before_fetching(
    runner: CliRunner,
    tmp_path: Path,
    site: list[LocalHost],
    monkeypatch: pytest.MonkeyPatch,
    output: str,
    fragment: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("out").mkdir()
    Path("linked").symlink_to("out")
    article = _article(tmp_path, _good(site[0]))
    for args in (
        ["verify", str(article), *NO_NETWORK_OPTS, "-o", output],
        ["claims", str(article), "-o", output],
        ["init", str(article), "-o", output],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "--output" in result.stderr and fragment in result.stderr, result.stderr
        assert "internal error" not in result.stderr
    assert site[0].hits("/report") == 0  # refused before the run, not after it
    assert list(Path("out").iterdir()) == [] and Path("linked").is_symlink()


# --------------------------------------------------------------------------- numeric options


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [
        ("--timeout", "nan", "expected a finite number"),
        ("--timeout", "0", "must be more than 0"),
        ("--timeout", "-1", "must be more than 0"),
        ("--host-interval", "nan", "expected a finite number"),
        ("--host-interval", "-0.5", "must not be negative"),
        ("--max-bytes", "0", "must be at least 1"),
        ("--retries", "-1", "must not be negative"),
        ("--max-cache-age", "nan", "expected a duration"),
    ],
)
def test_bad_numbers_exit_2_naming_the_option(
    runner: CliRunner, tmp_path: Path, site: list[LocalHost], option: str, value: str, fragment: str
) -> None:
    article = _article(tmp_path, _good(site[0]))
    result = runner.invoke(app, ["links", str(article), *NO_NETWORK_OPTS, option, value])
    assert result.exit_code == 2, result.stdout + result.stderr
    assert option in result.stderr and fragment in result.stderr
    assert site[0].hits("/report") == 0


@pytest.mark.parametrize(
    ("setting", "fragment"),
    [
        ("timeout = nan", "settings.timeout: expected a finite number"),
        ("timeout = 0", "settings.timeout: must be more than 0"),
        ('format = "pdf"', "settings.format: unknown format 'pdf'"),
        ('allow_private = "yes"', "settings.allow_private: expected true or false"),
    ],
)
def test_bad_settings_in_claims_toml_name_file_line_and_key(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, fragment: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("claims.toml").write_text(
        f'[notes.1]\nurl = "https://example.org/a"\n\n[settings]\n{setting}\n', encoding="utf-8"
    )
    for command in ("verify", "links", "claims"):
        result = runner.invoke(app, [command])
        assert result.exit_code == 2, (command, result.stderr)
        assert f"claims.toml:5: {fragment}" in result.stderr, result.stderr


def test_bad_format_in_the_environment_names_the_variable(
    runner: CliRunner, tmp_path: Path
) -> None:
    article = _article(tmp_path, MINI)
    result = runner.invoke(app, ["links", str(article)], env={"CLAIMCHECK_FORMAT": "pdf"})
    assert result.exit_code == 2
    assert "CLAIMCHECK_FORMAT" in result.stderr and "unknown format 'pdf'" in result.stderr


# --------------------------------------------------------------------------- broken pipes


def _run_into_closed_pipe(
    args: list[str], *, stderr_too: bool, stdout: int | None = None
) -> tuple[int, str]:
    """Run claimcheck with stdout (and stderr, if asked) a pipe whose reader has already gone,
    as `claimcheck … | head -3` once head has its lines. Returns the exit code and stderr."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # closed before the child starts: its first write gets EPIPE
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "claimcheck", *args],
            stdout=write_end if stdout is None else stdout,
            stderr=write_end if stderr_too else subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    return proc.returncode, (proc.stderr or b"").decode()


@pytest.mark.parametrize("stderr_too", [False, True], ids=["stdout", "stdout-and-stderr"])
def test_a_closed_stdout_keeps_the_runs_exit_code(
    tmp_path: Path, site: list[LocalHost], stderr_too: bool
) -> None:
    """0 stays 0 and 1 stays 1: a reader that stopped early is not a finding, nor an error."""
    good = _article(tmp_path, _good(site[0]), "good.md")
    bad = _article(tmp_path, _good(site[0]).replace("spring of 2026", "spring of 2027"), "bad.md")
    opts = [*NO_NETWORK_OPTS, "-f", "json"]
    cases = [
        (["claims", str(good), "-f", "json"], 0),
        (["verify", str(good), *opts], 0),
        (["verify", str(bad), *opts], 1),
        (["verify", str(tmp_path / "missing.md"), *opts], 2),
    ]
    for args, expected in cases:
        code, err = _run_into_closed_pipe(args, stderr_too=stderr_too)
        assert code == expected, (args, err)
        assert "internal error" not in err and "Traceback" not in err and "Exception" not in err


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc/self/fd")
def test_output_to_a_stdout_link_appends_to_what_the_shell_opened(tmp_path: Path) -> None:
    """`{ echo header; claimcheck claims a.md -o /dev/stdout; } > out.txt`, with a link in
    tmp_path standing in for /dev/stdout; and the same with stdout a closed pipe."""
    article = _article(tmp_path, MINI)
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    out = tmp_path / "out.txt"
    out.write_text("header\n", encoding="utf-8")
    with out.open("ab") as shell_stdout:
        proc = subprocess.run(
            [sys.executable, "-m", "claimcheck", "claims", str(article), "-o", str(link)],
            stdout=shell_stdout,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr.decode()
    assert link.is_symlink()
    text = out.read_text(encoding="utf-8")
    assert text.startswith("header\n") and text.endswith("1 note, 1 claim\n")
    code, err = _run_into_closed_pipe(["claims", str(article), "-o", str(link)], stderr_too=True)
    assert code == 0, err


def test_claims_option_naming_a_folder_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["verify", "--claims", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a folder, not a claims file" in result.output


def test_a_url_articles_relative_note_links_resolve_where_it_was_served(
    runner: CliRunner, site: list[LocalHost]
) -> None:
    # /news/dir answers with a redirect to /news/dir/, where "report" means /news/dir/report.
    host = site[0]
    article = (
        b"<html><body><p>The quay will open in 2026.<sup><a href='#fn1'>1</a></sup></p>"
        b"<ol class='footnotes'><li id='fn1'>Board, <a href='report'>report</a>.</li></ol>"
        b"</body></html>"
    )
    host.route("/news/dir", Reply.redirect(host.url("/news/dir/"), 301))
    host.route("/news/dir/", Reply(200, article))
    result = runner.invoke(app, ["claims", host.url("/news/dir"), "--allow-private", "-f", "json"])
    assert result.exit_code == 0, result.output
    (note,) = json.loads(result.stdout)["articles"][0]["notes"]
    assert note["urls"] == [host.url("/news/dir/report")]
