"""`claimcheck links` end to end: a Markdown article citing real 127.0.0.x servers, through Typer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from tests.helpers import LocalHost, Reply, serve

PAGE = (
    b"<!doctype html><html><head><title>Harbour report</title></head><body><p>"
    + b"Text. " * 200
    + b"</p></body></html>"
)


@pytest.fixture(scope="module")
def site() -> Iterator[LocalHost]:
    with serve(hosts=1, first=12) as (host,):
        host.route("/report", Reply(200, PAGE))
        host.route("/old", Reply.redirect("/report", 301))
        yield host


def article(tmp_path: Path, site: LocalHost, *paths: str) -> Path:
    lines = ["# Draft", ""]
    for i in range(1, len(paths) + 1):
        lines += [f"Claim number {i} cites a source.[^{i}]", ""]
    lines += [f"[^{i}]: Source {i}, {site.url(p)}" for i, p in enumerate(paths, 1)]
    path = tmp_path / "draft.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["links", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_statuses_and_exit_1_on_a_dead_link(tmp_path: Path, site: LocalHost) -> None:
    draft = article(tmp_path, site, "/report", "/old", "/missing", "/report")
    code, out, _ = run(
        str(draft), "--allow-private", "--no-cache", "--no-wayback", "--format", "json"
    )
    assert code == 1  # default --fail-on for links: dead, soft_404
    report = json.loads(out)
    by_url = {s["url"]: s for s in report["sources"]}
    assert len(by_url) == 3  # the repeated URL is checked once
    assert by_url[site.url("/report")]["status"] == "ok"
    assert by_url[site.url("/old")]["status"] == "redirected"
    assert by_url[site.url("/old")]["final_url"] == site.url("/report")
    assert by_url[site.url("/missing")]["status"] == "dead"
    assert by_url[site.url("/missing")]["http_status"] == 404


def test_fail_on_none_exits_0(tmp_path: Path, site: LocalHost) -> None:
    draft = article(tmp_path, site, "/missing")
    code, _, _ = run(
        str(draft), "--allow-private", "--no-cache", "--no-wayback", "--fail-on", "none"
    )
    assert code == 0


def test_without_allow_private_loopback_is_excluded_and_never_contacted(
    tmp_path: Path, site: LocalHost
) -> None:
    site.reset_counters()
    draft = article(tmp_path, site, "/report")
    code, out, _ = run(str(draft), "--no-cache", "--no-wayback", "--format", "json")
    assert code == 0  # excluded is not in the default --fail-on
    (source,) = json.loads(out)["sources"]
    assert source["status"] == "excluded"
    assert site.hits("/report") == 0


def test_record_then_replay_from_the_cli(tmp_path: Path, site: LocalHost) -> None:
    draft = article(tmp_path, site, "/report", "/old", "/missing")
    warc = tmp_path / "links.warc.gz"
    base = [str(draft), "--allow-private", "--no-cache", "--no-wayback", "--format", "json"]
    code1, out1, _ = run(*base, "--record", str(warc))
    site.reset_counters()
    code2, out2, _ = run(*base, "--replay", str(warc))
    assert (code1, code2) == (1, 1)
    assert site.requests == []  # the replay asked the server nothing
    keys = ("url", "status", "final_url", "http_status", "sha256", "redirects", "fetched_at")
    first = [{k: s[k] for k in keys} for s in json.loads(out1)["sources"]]
    second = [{k: s[k] for k in keys} for s in json.loads(out2)["sources"]]
    assert first == second


def test_bad_option_is_a_usage_error(tmp_path: Path, site: LocalHost) -> None:
    draft = article(tmp_path, site, "/report")
    code, _, _ = run(str(draft), "--concurrency", "0")
    assert code == 2


def test_confirm_dead_without_update_lock_warns(
    tmp_path: Path, site: LocalHost, monkeypatch: pytest.MonkeyPatch
) -> None:
    # QA 6b #6: failures are recorded only by --update-lock, so such a job never confirms.
    monkeypatch.chdir(tmp_path)
    draft = article(tmp_path, site, "/report", "/missing")
    base = [str(draft), "--allow-private", "--no-cache", "--no-wayback"]
    assert run(*base, "--update-lock", "--fail-on", "none")[0] == 0
    args = [*base, "--fail-on", "new", "--confirm-dead", "3/2d"]
    code, out, err = run(*args)
    assert code == 0
    assert "1 broken link awaits confirmation (--confirm-dead 3/2d)" in err
    assert "without --update-lock" in err
    assert "since claimcheck.lock: 1 unconfirmed" in " ".join((out + err).split())
    code, _, err = run(*args, "--update-lock")
    assert "awaits confirmation" not in err  # this run is recorded
    assert "awaits confirmation" not in run(*args, "-q")[2]
