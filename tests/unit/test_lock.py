"""The lock file: baseline, drift, changed, recovered, new, dead-link confirmation across runs,
`regressions()` for `--fail-on new`, a stable file, and atomic writes under a kill."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from claimcheck.lock import (
    FORMAT,
    LockFileError,
    apply_lock,
    confirm_rule,
    decide,
    default_lock_path,
    failures,
    key_line,
    load_lock,
    regressions,
)
from claimcheck.model import (
    Claim,
    ClaimKind,
    ClaimResult,
    Evidence,
    FetchResult,
    LinkStatus,
    RunReport,
    SourceReport,
    Tier,
    Verdict,
)

URL = "https://news.example/2021/06/port-dues"
OTHER = "https://gov.example/report"
T0 = dt.datetime(2025, 3, 1, 6, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
ROOT = Path(__file__).resolve().parents[2]


def html(paragraph: str, *, script: str = "") -> bytes:
    return (
        f"<html><head><script>{script}</script></head><body><nav>Home News</nav><main>"
        f"<p>{paragraph}</p></main><footer>(c) Gazette</footer></body></html>"
    ).encode()


PAGE = html("The authority said dues would rise by 4 per cent in April.")


def source(
    url: str = URL,
    status: LinkStatus = LinkStatus.OK,
    body: bytes | None = PAGE,
    http_status: int | None = 200,
) -> SourceReport:
    return SourceReport(
        fetch=FetchResult(
            url=url,
            status=status,
            http_status=http_status,
            content_type="text/html" if body is not None else None,
            body=body,
            sha256=hashlib.sha256(body).hexdigest() if body is not None else None,
            fetched_at=T0,
        ),
        notes=("1",),
        articles=("draft.md",),
    )


def claim(
    verdict: Verdict,
    *,
    claim_id: str = "dues-rise",
    url: str | None = URL,
    passage: str | None = "dues would rise by 4 per cent",
    via: str = "live",
    archive_url: str | None = None,
    quote: str | None = None,
    article: str = "draft.md",
    line: int = 3,
) -> ClaimResult:
    passing = verdict in (Verdict.VERIFIED, Verdict.APPROXIMATE)
    return ClaimResult(
        claim=Claim(
            id=claim_id,
            kind=ClaimKind.QUOTE,
            line=line,
            column=1,
            sentence="…",
            note="1",
            quote=quote if quote is not None else f"the quote of {claim_id}",
            article=article,
        ),
        verdict=verdict,
        url=url,
        tier=Tier.EXACT if passing else None,
        evidence=Evidence(passage, passage, "main", 0, len(passage))
        if passing and passage
        else None,
        via=via,
        archive_url=archive_url,
    )


def report(
    claims: list[ClaimResult],
    sources: list[SourceReport] | None = None,
    *,
    command: str = "verify",
    fail_on: frozenset[str] = frozenset({"new"}),
    interrupted: bool = False,
) -> RunReport:
    return RunReport(
        command=command,
        articles=(),
        sources=tuple(sources if sources is not None else [source()]),
        claims=tuple(claims),
        fail_on=fail_on,
        interrupted=interrupted,
    )


def key(
    claim_id: str = "dues-rise",
    *,
    url: str | None = URL,
    article: str = "draft.md",
    quote: str | None = None,
) -> str:
    """A claim's key in the lock: article, URL and the quote's digest."""
    text = quote if quote is not None else f"the quote of {claim_id}"
    return f"{article} {url or '-'} {hashlib.sha256(text.encode()).hexdigest()[:12]}"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Articles are recorded relative to the lock's folder: run next to it, as a CI job does.
    monkeypatch.chdir(tmp_path)


def run(
    path: Path,
    rep: RunReport,
    *,
    update: bool = True,
    confirm: str = "1",
    now: dt.datetime = T0,
) -> RunReport:
    return apply_lock(rep, path, update=update, confirm_dead=confirm, now=now)


# --------------------------------------------------------------------------- paths and format


def test_default_lock_path_sits_next_to_claims_toml(tmp_path: Path) -> None:
    assert default_lock_path(tmp_path / "claims.toml") == tmp_path / "claimcheck.lock"
    assert default_lock_path(tmp_path) == tmp_path / "claimcheck.lock"
    # Without claims.toml: the current folder, where --update-lock writes it (QA 6 #2).
    assert default_lock_path(None) == Path("claimcheck.lock")


def test_confirm_rule() -> None:
    assert confirm_rule("1") == (1, 0.0)
    assert confirm_rule("3/1d") == (3, 86400.0)
    assert confirm_rule(" 2 / 12h ") == (2, 43200.0)


def test_first_run_records_the_baseline_and_reports_no_change(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    out = run(lock, report([claim(Verdict.VERIFIED), claim(Verdict.NOT_FOUND, claim_id="b")]))
    assert [c.change for c in out.claims] == [None, None]
    assert regressions(out) == []
    assert out.lock is None  # compared with nothing
    assert run(lock, report([claim(Verdict.VERIFIED)]), update=False).lock == str(lock)
    data = json.loads(lock.read_text())
    assert data["format"] == FORMAT
    entry = data["claims"][key()]
    assert entry["verdict"] == "verified"
    assert entry["tier"] == "exact"
    assert entry["passage_sha256"] == hashlib.sha256(b"dues would rise by 4 per cent").hexdigest()
    assert entry["source_hash"] == "text"
    assert entry["source_date"] == "2025-03-01T06:00:00Z"
    assert (entry["article"], entry["url"], entry["kind"], entry["text"]) == (
        "draft.md",
        URL,
        "quote",
        "the quote of dues-rise",
    )
    assert data["links"][URL] == {
        "articles": ["draft.md"],
        "confirmed": True,
        "failed_runs": 0,
        "failures": [],
        "http_status": 200,
        "status": "ok",
    }


def test_the_lock_is_sorted_and_only_changes_where_something_changed(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    claims = [claim(Verdict.VERIFIED, claim_id=f"c{i}") for i in (3, 1, 2)]
    run(lock, report(claims), now=T0)
    first = lock.read_text()
    run(lock, report(list(reversed(claims))), now=T0 + dt.timedelta(days=7))
    assert lock.read_text() == first  # a week later, same content: not one byte differs
    data = json.loads(first)
    assert list(data) == sorted(data)
    assert list(data["claims"]) == sorted(data["claims"])
    assert first.endswith("}\n") and "\n  " in first


# --------------------------------------------------------------------------- claim changes


def test_verified_then_page_edited_is_drift(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    edited = source(body=html("The authority said dues would stay as they are."))
    out = run(lock, report([claim(Verdict.NOT_FOUND)], [edited]), update=False)
    assert out.claims[0].change == "drift"
    assert regressions(out) == ["dues-rise: drift (now not_found)"]
    mismatch = run(lock, report([claim(Verdict.MISMATCH)], [edited]), update=False)
    assert mismatch.claims[0].change == "drift"


def test_page_edited_elsewhere_is_changed_not_a_regression(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    edited = source(
        body=html(
            "The authority said dues would rise by 4 per cent in April. A correction was added."
        )
    )
    out = run(lock, report([claim(Verdict.VERIFIED)], [edited]), now=T0 + dt.timedelta(days=1))
    assert out.claims[0].change == "changed"
    assert regressions(out) == []
    entry = json.loads(lock.read_text())["claims"][key()]
    assert entry["source_date"] == "2025-03-01T06:00:00Z"  # the fetch that saw the new text


def test_a_re_rendered_page_with_the_same_text_is_unchanged(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    rerendered = source(body=html(PAGE_TEXT, script="var csrf='f00d';"))
    assert rerendered.fetch.sha256 != source().fetch.sha256
    out = run(lock, report([claim(Verdict.VERIFIED)], [rerendered]), update=False)
    assert out.claims[0].change is None


PAGE_TEXT = "The authority said dues would rise by 4 per cent in April."


def test_a_different_matched_passage_is_changed(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    out = run(
        lock,
        report([claim(Verdict.APPROXIMATE, passage="dues would rise by 4 percent")]),
        update=False,
    )
    assert out.claims[0].change == "changed"


def test_an_archive_copy_is_identified_by_its_address(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    dead = source(status=LinkStatus.DEAD, body=None, http_status=404)
    first = "https://web.archive.org/web/20210610120000/" + URL
    later = "https://web.archive.org/web/20230101000000/" + URL
    run(lock, report([claim(Verdict.VERIFIED, via="archive", archive_url=first)], [dead]))
    same = run(
        lock,
        report([claim(Verdict.VERIFIED, via="archive", archive_url=first)], [dead]),
        update=False,
    )
    assert same.claims[0].change is None
    moved = run(
        lock,
        report([claim(Verdict.VERIFIED, via="archive", archive_url=later)], [dead]),
        update=False,
    )
    assert moved.claims[0].change == "changed"


def test_failing_then_verified_is_recovered(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.NOT_FOUND)]))
    out = run(lock, report([claim(Verdict.VERIFIED)]))
    assert out.claims[0].change == "recovered"
    assert regressions(out) == []


def test_a_failing_claim_not_in_the_lock_is_new(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    out = run(
        lock,
        report(
            [
                claim(Verdict.VERIFIED),
                claim(Verdict.NOT_FOUND, claim_id="added"),
                claim(Verdict.VERIFIED, claim_id="fine"),
                claim(Verdict.BLOCKED, claim_id="walled"),
            ]
        ),
        update=False,
    )
    assert [c.change for c in out.claims] == [None, "new", None, "new"]
    # `blocked` is not among verify's default failures, so only the not_found one is a regression.
    assert regressions(out) == ["added: not_found (new)"]
    with_blocked = run(
        lock,
        report(
            [claim(Verdict.NOT_FOUND, claim_id="added"), claim(Verdict.BLOCKED, claim_id="walled")],
            fail_on=frozenset({"new", "blocked"}),
        ),
        update=False,
    )
    assert regressions(with_blocked) == ["walled: blocked (new)"]


def test_a_failure_already_in_the_lock_is_not_a_regression(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.NOT_FOUND)]))
    out = run(lock, report([claim(Verdict.MISMATCH)]), update=False)
    assert out.claims[0].change is None
    assert regressions(out) == []


def test_without_update_the_lock_is_left_alone(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    before = lock.read_bytes()
    run(lock, report([claim(Verdict.NOT_FOUND)]), update=False)
    assert lock.read_bytes() == before
    out = run(lock, report([claim(Verdict.NOT_FOUND)]), update=True)
    assert out.claims[0].change == "drift"  # reported once, then recorded
    assert json.loads(lock.read_text())["claims"][key()]["verdict"] == "not_found"
    assert run(lock, report([claim(Verdict.NOT_FOUND)])).claims[0].change is None


def test_an_interrupted_run_is_not_recorded(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED), claim(Verdict.VERIFIED, claim_id="b")]))
    before = lock.read_bytes()
    run(lock, report([claim(Verdict.VERIFIED)], interrupted=True))
    assert lock.read_bytes() == before
    fresh = tmp_path / "fresh.lock"
    run(fresh, report([claim(Verdict.VERIFIED)], interrupted=True))
    assert not fresh.exists()


def test_a_links_run_keeps_the_claims(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    run(lock, report([], [source(body=None)], command="links"))
    assert key() in json.loads(lock.read_text())["claims"]


def test_same_quote_and_url_in_two_articles_get_two_entries(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    a = claim(Verdict.VERIFIED)
    b = claim(Verdict.NOT_FOUND, article="other.md")
    run(lock, report([a, b]))
    assert set(json.loads(lock.read_text())["claims"]) == {key(), key(article="other.md")}


# --------------------------------------------------------------------------- dead links


def dead(url: str = URL) -> SourceReport:
    return source(url, LinkStatus.DEAD, None, 404)


def test_dead_link_confirmed_at_once_by_default(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    out = run(lock, report([claim(Verdict.UNREACHABLE)], [dead()]))
    assert out.sources[0].confirmed is True
    assert out.sources[0].change == "new"
    assert out.claims[0].change == "new"
    assert regressions(out) == [
        f"{URL}: dead (newly confirmed)",
        "dues-rise: unreachable (link newly confirmed broken)",
    ]
    # Next run: still dead, already known.
    again = run(lock, report([claim(Verdict.UNREACHABLE)], [dead()]))
    assert again.sources[0].change is None and regressions(again) == []


def test_confirm_dead_needs_n_runs_at_least_d_apart(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]), confirm="3/1d")
    seen = []
    for hours in (0, 12, 25, 30):
        out = run(
            lock,
            report([claim(Verdict.UNREACHABLE)], [dead()]),
            confirm="3/1d",
            now=T0 + dt.timedelta(hours=hours),
        )
        seen.append((out.sources[0].confirmed, out.sources[0].change, bool(regressions(out))))
    assert seen == [
        (False, None, False),  # 1 run
        (False, None, False),  # 2 runs
        (True, "new", True),  # 3 runs, 25 h from the first
        (True, None, False),  # already confirmed
    ]
    link = json.loads(lock.read_text())["links"][URL]
    assert link["failed_runs"] == 4 and link["confirmed"] is True
    assert link["failures"][0] == "2025-03-01T06:00:00Z"


def test_confirm_dead_counts_time_as_well_as_runs(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    for minutes in range(5):
        out = run(
            lock,
            report([claim(Verdict.UNREACHABLE)], [dead()]),
            confirm="3/1d",
            now=T0 + dt.timedelta(minutes=minutes),
        )
        assert out.sources[0].confirmed is False  # five runs, but all within an hour
        assert regressions(out) == []


def test_a_recovered_link_resets_the_streak(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]), confirm="2")
    run(lock, report([claim(Verdict.UNREACHABLE)], [dead()]), confirm="2")
    back = run(lock, report([claim(Verdict.VERIFIED)]), confirm="2")
    assert back.sources[0].change == "recovered"
    # The claim never failed: the lock kept its reading through the unconfirmed outage.
    assert back.claims[0].change is None
    out = run(lock, report([claim(Verdict.UNREACHABLE)], [dead()]), confirm="2")
    assert out.sources[0].confirmed is False  # the streak started again


def test_the_failure_history_is_bounded(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    for day in range(30):
        run(lock, report([], [dead()]), now=T0 + dt.timedelta(days=day))
    link = json.loads(lock.read_text())["links"][URL]
    assert link["failed_runs"] == 30
    assert len(link["failures"]) == 10
    assert link["failures"][0] == "2025-03-01T06:00:00Z"
    assert link["failures"][-1] == "2025-03-30T06:00:00Z"


def test_blocked_is_not_a_failed_run(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([], [source()]))
    walled = source(status=LinkStatus.BLOCKED, body=None, http_status=403)
    out = run(lock, report([], [walled], command="links", fail_on=frozenset({"new"})))
    assert out.sources[0].change is None
    assert json.loads(lock.read_text())["links"][URL]["failed_runs"] == 0


def test_links_command_regressions_use_link_statuses(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([], [source(), source(OTHER)], command="links"))
    soft = source(OTHER, LinkStatus.SOFT_404)
    out = run(lock, report([], [dead(), soft], command="links"))
    assert regressions(out) == [
        f"{URL}: dead (newly confirmed)",
        f"{OTHER}: soft_404 (newly confirmed)",
    ]


# --------------------------------------------------------------------------- bad lock files


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("{half", None),
        ('{"format": "claimcheck/lock/v9", "claims": {}, "links": {}}', "format"),
        ('{"format": "claimcheck/lock/v1", "claims": [], "links": {}}', "claims"),
        (
            '{"format": "claimcheck/lock/v1", "claims": {"a": {"verdict": "great"}}, "links": {}}',
            "claims.a.verdict",
        ),
        (
            '{"format": "claimcheck/lock/v1", "claims": {}, "links": {"u": {"status": "ok", '
            '"failures": ["yesterday"]}}}',
            "links.u.failures",
        ),
    ],
)
def test_a_broken_lock_names_file_and_key(tmp_path: Path, text: str, key: str | None) -> None:
    lock = tmp_path / "claimcheck.lock"
    lock.write_text(text)
    with pytest.raises(LockFileError) as caught:
        load_lock(lock)
    assert caught.value.path == str(lock)
    assert caught.value.key == key
    with pytest.raises(LockFileError):
        run(lock, report([claim(Verdict.VERIFIED)]))
    assert lock.read_text() == text


# --------------------------------------------------------------------------- atomic writes


CHILD = textwrap.dedent(
    """
    import datetime as dt, os, sys
    sys.path[:0] = [{root!r}, {src!r}]
    from tests.unit.test_lock import claim, report, source
    from claimcheck.lock import apply_lock
    from claimcheck.model import Verdict

    path = sys.argv[1]
    mode = sys.argv[2]
    n = int(sys.argv[3])
    if mode == "die-before-rename":
        # Stand-in for a kill between the temporary file's write and the rename: the audit
        # event of os.replace fires just before the rename, and _exit skips every cleanup.
        def hook(event, args):
            if event == "os.rename" and str(args[1]) == path:
                os._exit(137)
        sys.addaudithook(hook)
    i = 0
    while True:
        verdict = Verdict.VERIFIED if i % 2 else Verdict.NOT_FOUND
        claims = [claim(verdict, claim_id=f"claim-{{k:05d}}") for k in range(n)]
        apply_lock(report(claims), path, update=True, confirm_dead="1",
                   now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=i))
        i += 1
        if mode == "die-before-rename":
            break
        print(i, flush=True)
    """
)


def child(path: Path, mode: str, n: int) -> subprocess.Popen[str]:
    script = CHILD.format(root=str(ROOT), src=str(ROOT / "src"))
    return subprocess.Popen(
        [sys.executable, "-c", script, str(path), mode, str(n)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_failure_between_write_and_rename_leaves_the_previous_lock(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED, claim_id=f"claim-{k:05d}") for k in range(50)]))
    before = lock.read_bytes()
    proc = child(lock, "die-before-rename", 50)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 137, err
    assert lock.read_bytes() == before
    # The new lock had been written in full to the temporary file that never replaced it.
    orphans = list(tmp_path.glob(".claimcheck.lock.*.tmp"))
    assert len(orphans) == 1
    assert json.loads(orphans[0].read_text())["claims"][key("claim-00000")]["verdict"] == (
        "not_found"
    )


def test_kill_during_writes_always_leaves_a_whole_lock(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    n = 2000  # ~1 MB of lock: each write takes long enough for kills to land inside it
    rng = random.Random(6)
    kills = 0
    deadline = time.monotonic() + 20
    while kills < 8 and time.monotonic() < deadline:
        proc = child(lock, "loop", n)
        assert proc.stdout is not None
        proc.stdout.readline()  # at least one complete lock exists
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        kills += 1
        data = load_lock(lock)  # raises if the file were cut short
        assert data is not None and len(data["claims"]) == n
    assert kills >= 5


# --------------------------------------------------------------------------- keys and merging


def test_renumbered_notes_keep_their_entries(tmp_path: Path) -> None:
    # QA 6 #3: a footnote added earlier renumbers [^1] to [^2]; the generated id changes with it.
    lock = tmp_path / "claimcheck.lock"
    quote = "the harbour works will run until 2027"
    run(lock, report([claim(Verdict.MISMATCH, claim_id="n1-the-harbour", quote=quote)]))
    renumbered = report(
        [
            claim(Verdict.VERIFIED, claim_id="n1-hello-world", quote="hello world", line=3),
            claim(Verdict.MISMATCH, claim_id="n2-the-harbour", quote=quote, line=5),
        ]
    )
    out = run(lock, renumbered, update=False)
    assert [c.change for c in out.claims] == [None, None]
    assert regressions(out) == []


def test_a_repeated_quote_is_numbered_in_article_order(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    first = claim(Verdict.VERIFIED, claim_id="a", quote="same words", line=3)
    second = claim(Verdict.NOT_FOUND, claim_id="b", quote="same words", line=9)
    run(lock, report([second, first]))
    claims = json.loads(lock.read_text())["claims"]
    same = key(quote="same words")
    assert claims[same]["verdict"] == "verified"
    assert claims[f"{same} #2"]["verdict"] == "not_found"
    out = run(lock, report([first, second]), update=False)
    assert [c.change for c in out.claims] == [None, None]


def test_a_v1_lock_is_read_by_claim_id_and_migrated(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    v1 = {
        "format": "claimcheck/lock/v1",
        "claims": {
            f"dues-rise {URL}": {"article": "draft.md", "verdict": "verified", "tier": "exact"},
            f"known {URL}": {"article": "draft.md", "verdict": "mismatch"},
            f"elsewhere {URL}": {"article": "other.md", "verdict": "not_found"},
        },
        "links": {URL: {"status": "ok", "http_status": 200}},
    }
    lock.write_text(json.dumps(v1))
    claims = [claim(Verdict.NOT_FOUND), claim(Verdict.MISMATCH, claim_id="known")]
    out = run(lock, report(claims), update=True)
    assert [c.change for c in out.claims] == ["drift", None]
    data = json.loads(lock.read_text())
    assert data["format"] == FORMAT
    # draft.md's entries are rewritten under the new keys; other.md's stay until it is checked.
    assert set(data["claims"]) == {key(), key("known"), f"elsewhere {URL}"}
    again = run(lock, report(claims), update=False)
    assert [c.change for c in again.claims] == [None, None]


def test_updating_one_article_keeps_the_others(tmp_path: Path) -> None:
    # QA 6 #4: `verify a.md b.md --update-lock`, then `verify a.md --update-lock`.
    lock = tmp_path / "site.lock"
    a = claim(Verdict.MISMATCH, claim_id="a", article="a.md")
    b = claim(Verdict.NOT_FOUND, claim_id="b", article="b.md", url=OTHER)
    a_src = replace(source(), articles=("a.md",))
    b_src = replace(source(OTHER), articles=("b.md",))
    run(lock, report([a, b], [a_src, b_src]))
    run(lock, report([a], [a_src]))
    data = json.loads(lock.read_text())
    assert {e["article"] for e in data["claims"].values()} == {"a.md", "b.md"}
    assert set(data["links"]) == {URL, OTHER}
    out = run(lock, report([b], [b_src]), update=False)
    assert out.claims[0].change is None
    assert regressions(out) == []
    # a.md drops its citation of URL: its entry goes; b.md's stay.
    run(lock, report([claim(Verdict.VERIFIED, claim_id="c", article="a.md", url=None)], []))
    data = json.loads(lock.read_text())
    assert set(data["links"]) == {OTHER}
    assert {e["article"] for e in data["claims"].values()} == {"a.md", "b.md"}
    assert key("a", article="a.md") not in data["claims"]


def test_a_link_cited_by_two_articles_keeps_both(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    shared = replace(source(), articles=("a.md", "b.md"))
    run(lock, report([claim(Verdict.VERIFIED, article="a.md")], [shared]))
    only_a = replace(source(), articles=("a.md",))
    run(lock, report([claim(Verdict.VERIFIED, article="a.md")], [only_a]))
    assert json.loads(lock.read_text())["links"][URL]["articles"] == ["a.md", "b.md"]


def test_articles_are_recorded_relative_to_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs").mkdir()
    lock = tmp_path / "docs" / "claimcheck.lock"
    run(lock, report([claim(Verdict.MISMATCH, article="docs/a.md")]))
    entry = next(iter(json.loads(lock.read_text())["claims"].values()))
    assert entry["article"] == "a.md"
    monkeypatch.chdir(tmp_path / "docs")
    out = run(Path("claimcheck.lock"), report([claim(Verdict.MISMATCH, article="./a.md")]))
    assert out.claims[0].change is None


# --------------------------------------------------------------------------- lock errors


def test_a_bad_value_names_its_line(tmp_path: Path) -> None:
    # QA 6 #15
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED), claim(Verdict.VERIFIED, claim_id="b")]))
    text = lock.read_text()
    target = key("b")
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if target in ln)
    bad = next(i for i in range(at, len(lines)) if '"verdict"' in lines[i])
    lines[bad] = lines[bad].replace("verified", "verifed")
    lock.write_text("\n".join(lines) + "\n")
    with pytest.raises(LockFileError) as caught:
        load_lock(lock)
    assert caught.value.line == bad + 1
    assert caught.value.key == f"claims.{target}.verdict"
    assert f"{lock}:{bad + 1}: " in caught.value.message()


def test_a_syntax_error_names_its_line(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    lock.write_text('{\n  "format": "claimcheck/lock/v2",\n  "claims": {,\n}')
    with pytest.raises(LockFileError) as caught:
        load_lock(lock)
    assert caught.value.line == 3


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    lock.write_bytes(b"\xef\xbb\xbf" + lock.read_bytes())
    data = load_lock(lock)
    assert data is not None and key() in data["claims"]


def test_key_line() -> None:
    text = '{\n "a": {\n  "b": [1, {"c": 2}],\n  "d": {"e": "x"}\n }\n}'
    assert key_line(text, ("a",)) == 2
    assert key_line(text, ("a", "d", "e")) == 4
    assert key_line(text, ("a", "zz")) == 2  # the deepest key found
    assert key_line("{oops", ("a",)) is None


# --------------------------------------------------------------------------- failing


def _scenarios(tmp_path: Path) -> list[RunReport]:
    lock = tmp_path / "scenarios.lock"
    base = [
        claim(Verdict.VERIFIED, claim_id="drifts"),
        claim(Verdict.VERIFIED, claim_id="changes"),
        claim(Verdict.NOT_FOUND, claim_id="recovers"),
        claim(Verdict.MISMATCH, claim_id="known"),
        claim(Verdict.UNREACHABLE, claim_id="dead-link", url=OTHER),
    ]
    run(lock, report(base, [source(), source(OTHER)]), confirm="2")
    edited = source(body=html("Something else entirely was said about dues."))
    later = [
        claim(Verdict.MISMATCH, claim_id="drifts"),
        claim(Verdict.VERIFIED, claim_id="changes", passage="dues would rise"),
        claim(Verdict.VERIFIED, claim_id="recovers"),
        claim(Verdict.MISMATCH, claim_id="known"),
        claim(Verdict.UNREACHABLE, claim_id="dead-link", url=OTHER),
        claim(Verdict.BLOCKED, claim_id="walled"),
        claim(Verdict.NOT_FOUND, claim_id="added"),
    ]
    out = []
    for fail_on in (
        {"new"},
        {"new", "changed"},
        {"new", "blocked"},
        {"mismatch", "not_found", "unreachable"},
        {"drift", "dead"},
        {"changed", "blocked"},
    ):
        for confirm in ("1", "2"):
            rep = report(later, [edited, dead(OTHER)], fail_on=frozenset(fail_on))
            out.append(run(lock, rep, update=False, confirm=confirm))
    return out


def test_the_reports_fail_exactly_what_the_exit_code_counts(tmp_path: Path) -> None:
    # QA 6 #1: `failed` in the reports must agree with the exit code (verify.failing).
    from claimcheck.report.common import claim_fails, failed_count, source_fails
    from claimcheck.verify import failing

    for rep in _scenarios(tmp_path):
        expected = sorted(failing(rep))
        assert sorted(failures(rep)) == expected
        marked = [f"{c.claim.id}" for c in rep.claims if claim_fails(c, rep)]
        marked += [s.fetch.url for s in rep.sources if source_fails(s, rep)]
        assert sorted(marked) == sorted(line.split(": ", 1)[0] for line in expected)
        assert failed_count(rep) == len(expected)


def test_drift_fails_under_fail_on_new(tmp_path: Path) -> None:
    rep = _scenarios(tmp_path)[0]
    decided = decide(rep)
    assert {rep.claims[i].claim.id: why for i, why in decided.claims.items()} == {
        "drifts": "drift (now mismatch)",
        "added": "not_found (new)",
        "dead-link": "unreachable (link newly confirmed broken)",
    }
    assert rep.lock is not None and rep.lock.endswith("scenarios.lock")


# --------------------------------------------------------------------------- outages (QA 6b)


def test_an_unconfirmed_outage_keeps_the_last_reading(tmp_path: Path) -> None:
    # QA 6b #1: `verify --update-lock --fail-on new --confirm-dead 3/2d`, one night of 404, then
    # the source is back with its figure changed: that is drift against the verified reading.
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]), confirm="3/2d")
    before = json.loads(lock.read_text())["claims"][key()]
    night1 = run(lock, report([claim(Verdict.UNREACHABLE)], [dead()]), confirm="3/2d", now=T0 + DAY)
    assert night1.sources[0].confirmed is False
    # QA 6b #14: the claim says why it fails nothing, rather than "new".
    assert night1.claims[0].change == "unconfirmed"
    assert failures(night1) == []
    assert json.loads(lock.read_text())["claims"][key()] == before
    edited = source(body=html("The authority said dues would rise by 5 per cent in April."))
    night2 = run(
        lock, report([claim(Verdict.MISMATCH)], [edited]), confirm="3/2d", now=T0 + 2 * DAY
    )
    assert night2.claims[0].change == "drift"
    assert regressions(night2) == ["dues-rise: drift (now mismatch)"]


def test_a_confirmed_outage_records_unreachable_with_the_last_reading(tmp_path: Path) -> None:
    # QA 6b #1, without --confirm-dead: the outage is reported once; a mismatch once the source
    # is back is drift against the reading from before it, not a failure already accepted.
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.VERIFIED)]))
    night1 = run(lock, report([claim(Verdict.UNREACHABLE)], [dead()]), now=T0 + DAY)
    assert night1.claims[0].change == "new"
    entry = json.loads(lock.read_text())["claims"][key()]
    assert entry["verdict"] == "unreachable"
    assert entry["last_read"]["verdict"] == "verified"
    assert entry["last_read"]["tier"] == "exact"
    night2 = run(lock, report([claim(Verdict.UNREACHABLE)], [dead()]), now=T0 + 2 * DAY)
    assert night2.claims[0].change is None  # still down: known
    assert json.loads(lock.read_text())["claims"][key()]["last_read"]["verdict"] == "verified"
    back = run(lock, report([claim(Verdict.MISMATCH)]), update=False, now=T0 + 3 * DAY)
    assert back.claims[0].change == "drift"
    assert regressions(back) == ["dues-rise: drift (now mismatch)"]


def test_a_reading_after_an_outage_never_read_is_new(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    run(lock, report([claim(Verdict.UNREACHABLE)], [dead()]))  # never read
    out = run(lock, report([claim(Verdict.NOT_FOUND)]), update=False)
    assert out.claims[0].change == "new"
    # A mismatch read before the outage and again after it is accepted.
    run(lock, report([claim(Verdict.MISMATCH)]))
    run(lock, report([claim(Verdict.UNREACHABLE)], [dead()]))
    again = run(lock, report([claim(Verdict.MISMATCH)]), update=False)
    assert again.claims[0].change is None


def test_an_archive_outage_keeps_the_claim_and_fails_nothing(tmp_path: Path) -> None:
    # QA 6b #3: dead for years, verified against a capture; one night the archive fails.
    lock = tmp_path / "claimcheck.lock"
    capture = "https://web.archive.org/web/20200101000000/" + URL
    archived = claim(Verdict.VERIFIED, via="archive", archive_url=capture)
    run(lock, report([archived], [dead()]))
    before = json.loads(lock.read_text())["claims"][key()]
    down = replace(claim(Verdict.UNREACHABLE), archive_failed="503 Service Unavailable")
    for fail_on in (frozenset({"new"}), frozenset({"unreachable"})):
        out = run(lock, report([down], [dead()], fail_on=fail_on), now=T0 + DAY)
        assert out.claims[0].change == "unconfirmed"
        assert failures(out) == []
    assert json.loads(lock.read_text())["claims"][key()] == before
    # A claim the lock does not know yet is not shielded: nothing was read of it, ever.
    fresh = replace(down, claim=replace(down.claim, quote="another quote", id="other"))
    out = run(lock, report([fresh], [dead()]), update=False)
    assert out.claims[0].change == "new"


# --------------------------------------------------------------------------- moved articles


def test_a_moved_article_keeps_its_findings(tmp_path: Path) -> None:
    # QA 6b #5: `git mv posts/harbour.md posts/2021/harbour.md`.
    lock = tmp_path / "claimcheck.lock"
    (tmp_path / "posts" / "2021").mkdir(parents=True)
    old, new = tmp_path / "posts" / "harbour.md", tmp_path / "posts" / "2021" / "harbour.md"
    old.write_text("x")
    other = tmp_path / "other.md"
    other.write_text("x")
    first = [
        claim(Verdict.MISMATCH, article="posts/harbour.md"),
        claim(Verdict.VERIFIED, article="other.md", claim_id="o"),
    ]
    run(lock, report(first, [replace(source(), articles=("posts/harbour.md", "other.md"))]))
    old.rename(new)
    moved = claim(Verdict.MISMATCH, article="posts/2021/harbour.md")
    src = replace(source(), articles=("posts/2021/harbour.md",))
    out = run(lock, report([moved], [src]), update=False)
    assert out.claims[0].change is None
    assert regressions(out) == []
    run(lock, report([moved], [src]))
    data = json.loads(lock.read_text())
    assert {e["article"] for e in data["claims"].values()} == {"posts/2021/harbour.md", "other.md"}
    assert data["links"][URL]["articles"] == ["other.md", "posts/2021/harbour.md"]


def test_a_missing_article_is_kept_until_a_run_over_every_article(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    for name in ("a.md", "b.md", "gone.md"):
        (tmp_path / name).write_text("x")
    a = claim(Verdict.VERIFIED, article="a.md", claim_id="a")
    b = claim(Verdict.VERIFIED, article="b.md", claim_id="b", url=OTHER)
    gone = claim(Verdict.MISMATCH, article="gone.md", claim_id="g")
    run(
        lock,
        report(
            [a, b, gone],
            [
                replace(source(), articles=("a.md", "gone.md")),
                replace(source(OTHER), articles=("b.md",)),
            ],
        ),
    )
    (tmp_path / "gone.md").unlink()
    # Only a.md checked: b.md is there but not checked, so gone.md may be a partial checkout.
    run(lock, report([a], [replace(source(), articles=("a.md",))]))
    assert "gone.md" in {e["article"] for e in json.loads(lock.read_text())["claims"].values()}
    # A different claim with gone.md's quote and URL, in two checked articles: ambiguous.
    twins = [
        claim(Verdict.MISMATCH, article="a.md", claim_id="g"),
        claim(Verdict.MISMATCH, article="b.md", claim_id="g"),
    ]
    out = run(lock, report([a, *twins]), update=False)
    assert [c.change for c in out.claims] == [None, "new", "new"]
    # Every article that still exists checked: gone.md's entries go.
    run(
        lock,
        report(
            [a, b],
            [replace(source(), articles=("a.md",)), replace(source(OTHER), articles=("b.md",))],
        ),
    )
    data = json.loads(lock.read_text())
    assert {e["article"] for e in data["claims"].values()} == {"a.md", "b.md"}
    assert data["links"][URL]["articles"] == ["a.md"]


def test_articles_that_are_not_files_are_never_pruned(tmp_path: Path) -> None:
    lock = tmp_path / "claimcheck.lock"
    (tmp_path / "a.md").write_text("x")
    web = claim(Verdict.VERIFIED, article="https://blog.example/post", claim_id="w")
    run(lock, report([web, claim(Verdict.VERIFIED, article="a.md")]))
    run(lock, report([claim(Verdict.VERIFIED, article="a.md")]))
    articles = {e["article"] for e in json.loads(lock.read_text())["claims"].values()}
    assert articles == {"a.md", "https://blog.example/post"}


# --------------------------------------------------------------------------- formats


def test_backslash_paths_from_windows_are_read_as_slashes(tmp_path: Path) -> None:
    # QA 6b #13
    lock = tmp_path / "claimcheck.lock"
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("x")
    mine = claim(Verdict.MISMATCH, article="posts/a.md")
    src = replace(source(), articles=("posts/a.md",))
    run(lock, report([mine], [src]))
    data = json.loads(lock.read_text())
    win = {
        "format": data["format"],
        "claims": {
            k.replace("posts/", "posts\\"): {**v, "article": "posts\\a.md"}
            for k, v in data["claims"].items()
        },
        "links": {k: {**v, "articles": ["posts\\a.md"]} for k, v in data["links"].items()},
    }
    text = json.dumps(win, indent=2).replace("\n", "\r\n")
    lock.write_bytes(b"\xef\xbb\xbf" + text.encode())
    out = run(lock, report([mine], [src]), update=False)
    assert out.claims[0].change is None
    run(lock, report([mine], [src]))
    data = json.loads(lock.read_text())
    assert list(data["claims"]) == [key(article="posts/a.md")]
    assert data["links"][URL]["articles"] == ["posts/a.md"]


def test_links_update_keeps_a_v1_lock_v1(tmp_path: Path) -> None:
    # QA 6b #12: `links` does not find the claims, so it cannot key them anew.
    lock = tmp_path / "claimcheck.lock"
    v1 = {
        "format": "claimcheck/lock/v1",
        "claims": {f"n1-the-harbour {URL}": {"article": "draft.md", "verdict": "mismatch"}},
        "links": {URL: {"status": "ok", "http_status": 200}},
    }
    lock.write_text(json.dumps(v1))
    run(lock, report([], [source()], command="links"))
    data = json.loads(lock.read_text())
    assert data["format"] == "claimcheck/lock/v1"
    assert list(data["claims"]) == [f"n1-the-harbour {URL}"]
    # A footnote added before it: the v1 entry is still found, by the rest of its id.
    renumbered = claim(Verdict.MISMATCH, claim_id="n2-the-harbour")
    out = run(lock, report([renumbered]), update=False)
    assert out.claims[0].change is None
