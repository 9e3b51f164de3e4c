"""Archives and time against real servers on 127.0.0.x (issue 6, Acceptance).

One host plays the Wayback Machine (a CDX server answering JSON, including an empty answer and a
429, and raw `id_` captures); another plays a news site with a live page, dead pages, a soft 404,
a bot wall and a challenge page. The real `Verifier` runs with the real `Fetcher`, the
`PageClassifier` and the `WaybackArchive`; the lock file is applied between runs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from claimcheck.classify import PageClassifier
from claimcheck.fetch import Fetcher
from claimcheck.lock import apply_lock, regressions
from claimcheck.model import (
    Article,
    Claim,
    ClaimKind,
    ClaimResult,
    LinkStatus,
    Note,
    RunReport,
    Verdict,
)
from claimcheck.settings import Settings
from claimcheck.verify import Verifier, check_links
from claimcheck.wayback import WaybackArchive
from tests.conftest import fixture_path
from tests.helpers import LocalHost, Reply, Request, serve

ACCESSED = dt.date(2021, 6, 16)
QUOTE = "dues at the eastern terminals will rise by four per cent from April"


def story(sentence: str) -> bytes:
    filler = "".join(
        f"<p>Paragraph {i} of the report covers dredging, cranes and the ferry timetable.</p>"
        for i in range(6)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Port dues | Harbor Gazette"
        f"</title></head><body><main><article><h1>Port dues</h1><p>The authority said {sentence}"
        f".</p>{filler}</article></main></body></html>"
    ).encode()


ORIGINAL = story(QUOTE)
EDITED_AFTER = story("dues at the eastern terminals will rise by nine per cent from April")


class FakeWayback:
    """A CDX server and raw captures on one `LocalHost`, closest-first like the real one."""

    def __init__(self, host: LocalHost) -> None:
        self.host = host
        self.captures: dict[str, list[str]] = {}
        self.answers: dict[str, Reply] = {}  # a fixed CDX answer for a URL (429, empty)
        self.queries: list[dict[str, list[str]]] = []
        host.route("/cdx/search/cdx", self.cdx)

    @property
    def url(self) -> str:
        return self.host.base_url

    def add(self, original: str, timestamp: str, body: bytes) -> None:
        self.captures.setdefault(original, []).append(timestamp)
        self.host.route(f"/web/{timestamp}id_/{original}", Reply(200, body))

    def cdx(self, request: Request) -> Reply:
        query = parse_qs(urlsplit(request.path).query)
        self.queries.append(query)
        url = query["url"][0]
        if url in self.answers:
            return self.answers[url]
        stamps = list(self.captures.get(url, []))
        if "to" in query:  # the real server's bound: captures up to that time
            stamps = [s for s in stamps if s <= query["to"][0].ljust(14, "9")]
        if "closest" in query and query.get("sort") == ["closest"]:
            target = int(query["closest"][0])
            stamps.sort(key=lambda s: abs(int(s) - target))
        else:
            stamps.sort()
        limit = int(query.get("limit", ["10000"])[0])
        stamps = stamps[limit:] if limit < 0 else stamps[:limit]
        if not stamps:
            return Reply(200, b"[]", content_type="application/json")
        fields = query["fl"][0].split(",")
        values = {"statuscode": "200", "mimetype": "text/html", "original": url}
        rows = [fields] + [[s if f == "timestamp" else values[f] for f in fields] for s in stamps]
        return Reply(200, json.dumps(rows).encode(), content_type="application/json")


@pytest.fixture(scope="module")
def hosts() -> Iterator[list[LocalHost]]:
    with serve(hosts=2, first=12) as started:
        yield started


@pytest.fixture
def wayback(hosts: list[LocalHost]) -> FakeWayback:
    hosts[0].routes.clear()
    hosts[0].reset_counters()
    return FakeWayback(hosts[0])


@pytest.fixture
def site(hosts: list[LocalHost]) -> LocalHost:
    hosts[1].routes.clear()
    hosts[1].reset_counters()
    return hosts[1]


def settings(archive: FakeWayback, **kw: Any) -> Settings:
    values: dict[str, Any] = {
        "allow_private": True,
        "no_cache": True,
        "retries": 1,
        "max_retry_wait": 0.2,
        "timeout": 5,
        "wayback_url": archive.url,
    }
    return Settings.build({**values, **kw})


def article(urls: dict[str, str], accessed: dt.date | None = ACCESSED) -> Article:
    """One note and one quote claim per name in `urls`."""
    notes = tuple(
        Note(id=str(i), line=20 + i, text=name, urls=(url,), accessed=accessed)
        for i, (name, url) in enumerate(urls.items(), 1)
    )
    claims = tuple(
        Claim(
            id=name,
            kind=ClaimKind.QUOTE,
            line=i,
            column=1,
            sentence=f"The authority said “{QUOTE}”.[{i}]",
            note=str(i),
            quote=QUOTE,
            article="draft.md",
        )
        for i, name in enumerate(urls, 1)
    )
    return Article(source="draft.md", notes=notes, claims=claims)


def verify(settings: Settings, art: Article) -> RunReport:
    async def main() -> RunReport:
        async with Fetcher(settings, backoff_base=0.01) as fetcher:
            verifier = Verifier(
                settings,
                fetcher,
                classifier=PageClassifier(settings),
                archive=WaybackArchive(settings),
            )
            return await verifier.verify([art])

    return asyncio.run(main())


def by_id(report: RunReport) -> dict[str, ClaimResult]:
    return {c.claim.id: c for c in report.claims}


def statuses(report: RunReport) -> dict[str, LinkStatus]:
    return {s.fetch.url: s.fetch.status for s in report.sources}


# --------------------------------------------------------------------------- Wayback fallback


def test_quote_on_a_dead_page_is_verified_from_the_capture_before_the_access_date(
    wayback: FakeWayback, site: LocalHost
) -> None:
    dead = site.url("/2021/06/port-dues")
    wayback.add(dead, "20190301000000", story("the terminals will stay open"))  # older, no quote
    wayback.add(dead, "20210610120000", ORIGINAL)  # closest before 16 June: the quote
    wayback.add(dead, "20210617090000", EDITED_AFTER)  # closer, but after: "nine per cent"
    report = verify(settings(wayback), article({"dead": dead}))
    result = by_id(report)["dead"]
    assert result.verdict is Verdict.VERIFIED, result
    assert result.via == "archive"
    assert result.archive_url == f"{wayback.url}/web/20210610120000/{dead}"
    source = report.sources[0]
    assert source.fetch.status is LinkStatus.DEAD  # the live link is still reported dead
    assert source.fetch.archive_url == result.archive_url
    assert wayback.host.hits(f"/web/20210610120000id_/{dead}") == 1
    assert wayback.queries[0]["closest"] == ["20210616235959"]
    assert wayback.queries[0]["sort"] == ["closest"]
    assert wayback.queries[0]["filter"] == ["statuscode:200"]


def test_only_a_capture_after_the_access_date(wayback: FakeWayback, site: LocalHost) -> None:
    dead = site.url("/2021/06/late")
    wayback.add(dead, "20220105000000", ORIGINAL)
    report = verify(settings(wayback), article({"late": dead}))
    result = by_id(report)["late"]
    assert result.verdict is Verdict.VERIFIED
    assert result.archive_url == f"{wayback.url}/web/20220105000000/{dead}"


def test_without_an_access_date_the_latest_capture(wayback: FakeWayback, site: LocalHost) -> None:
    dead = site.url("/2021/06/undated")
    wayback.add(dead, "20200101000000", EDITED_AFTER)
    wayback.add(dead, "20240101000000", ORIGINAL)
    report = verify(settings(wayback), article({"undated": dead}, accessed=None))
    assert by_id(report)["undated"].archive_url == f"{wayback.url}/web/20240101000000/{dead}"
    assert wayback.queries[0]["limit"] == ["-3"]  # the latest few, to fall back on


def test_empty_answer_and_rate_limit_leave_the_claim_unreachable(
    wayback: FakeWayback, site: LocalHost
) -> None:
    empty, limited = site.url("/gone/empty"), site.url("/gone/limited")
    wayback.answers[limited] = Reply(429, b"slow down", headers=[("Retry-After", "0")])
    report = verify(settings(wayback), article({"empty": empty, "limited": limited}))
    claims = by_id(report)
    for name in ("empty", "limited"):
        assert claims[name].verdict is Verdict.UNREACHABLE
        assert claims[name].via == "live" and claims[name].archive_url is None
    limited_queries = [q for q in wayback.queries if q["url"] == [limited]]
    assert len(limited_queries) == 2  # the fetcher retried the 429 once, then gave up


def test_soft_404s_are_looked_up_in_the_archive(wayback: FakeWayback, site: LocalHost) -> None:
    to_root = site.url("/2021/06/moved-home")
    site.route("/2021/06/moved-home", Reply.redirect("/", 301))
    site.route("/", Reply(200, story("welcome to the front page")))
    turkish = site.url("/haber/liman")
    site.route(
        "/haber/liman",
        Reply(200, fixture_path("pages", "softwalls", "notfound_tr.html").read_bytes()),
    )
    for url in (to_root, turkish):
        wayback.add(url, "20210601000000", ORIGINAL)
    report = verify(settings(wayback), article({"root": to_root, "tr": turkish}))
    found = statuses(report)
    assert found[to_root] is LinkStatus.SOFT_404
    assert found[turkish] is LinkStatus.SOFT_404
    details = {s.fetch.url: s.fetch.detail for s in report.sources}
    assert details[to_root] == "soft 404: redirect to the site root"
    assert details[turkish] == "soft 404: title says not found (tr)"
    for name in ("root", "tr"):
        assert by_id(report)[name].verdict is Verdict.VERIFIED
        assert by_id(report)[name].via == "archive"


def test_a_capture_that_is_a_not_found_page_a_challenge_or_broken_is_passed_over(
    wayback: FakeWayback, site: LocalHost
) -> None:
    # Each dead page's closest capture before the access date is unusable: the site's "page not
    # found" answer (archived as 200), a Cloudflare challenge, a replay that fails. The capture
    # before it has the quote.
    urls = {name: site.url(f"/2021/06/{name}") for name in ("notfound", "challenge", "broken")}
    unusable = {
        "notfound": fixture_path("pages", "softwalls", "notfound_en.html").read_bytes(),
        "challenge": fixture_path("pages", "softwalls", "cloudflare_challenge.html").read_bytes(),
    }
    for name, url in urls.items():
        wayback.add(url, "20210615000000", unusable.get(name, b""))
        wayback.add(url, "20210601000000", ORIGINAL)
    wayback.host.route(f"/web/20210615000000id_/{urls['broken']}", Reply(404, b"not archived"))
    report = verify(settings(wayback, retries=0), article(urls))
    for name, url in urls.items():
        result = by_id(report)[name]
        assert result.verdict is Verdict.VERIFIED, result
        assert result.archive_url == f"{wayback.url}/web/20210601000000/{url}"
        assert wayback.host.hits(f"/web/20210615000000id_/{url}") == 1
        assert wayback.host.hits(f"/web/20210601000000id_/{url}") == 1


def test_a_failed_lookup_and_an_empty_archive_are_told_apart(
    wayback: FakeWayback, site: LocalHost, caplog: pytest.LogCaptureFixture
) -> None:
    failing, empty = site.url("/gone/failing"), site.url("/gone/empty")
    wayback.answers[failing] = Reply(500, b"Internal Server Error")
    report = verify(settings(wayback, retries=0), article({"failing": failing, "empty": empty}))
    claims = by_id(report)
    assert claims["failing"].verdict is Verdict.UNREACHABLE
    assert claims["failing"].detail == (
        "dead: 404 Not Found; Wayback Machine: lookup failed (500 Internal Server Error after 1 "
        "attempt)"
    )
    assert claims["empty"].detail == "dead: 404 Not Found; Wayback Machine: no archived copy found"
    sources = {s.fetch.url: s for s in report.sources}
    assert sources[failing].fetch.detail.endswith(
        "lookup failed (500 Internal Server Error after 1 attempt)"
    )
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("lookup of" in m and failing in m for m in warned), warned


def test_bot_walls_are_blocked_never_dead_and_not_looked_up(
    wayback: FakeWayback, site: LocalHost
) -> None:
    walled, challenge, live = site.url("/w/403"), site.url("/w/challenge"), site.url("/live")
    site.route("/w/403", Reply(403, b"", headers=[("cf-mitigated", "challenge")]))
    challenge_page = fixture_path("pages", "softwalls", "cloudflare_challenge.html").read_bytes()
    site.route("/w/challenge", Reply(200, challenge_page))
    site.route("/live", Reply(200, ORIGINAL))
    report = verify(
        settings(wayback), article({"walled": walled, "challenge": challenge, "live": live})
    )
    found = statuses(report)
    assert found[walled] is LinkStatus.BLOCKED
    assert found[challenge] is LinkStatus.BLOCKED
    claims = by_id(report)
    assert claims["walled"].verdict is Verdict.BLOCKED
    assert claims["challenge"].verdict is Verdict.BLOCKED
    assert "bot wall (cloudflare challenge)" in claims["walled"].detail
    assert claims["live"].verdict is Verdict.VERIFIED and claims["live"].via == "live"
    assert wayback.queries == []  # a blocked page is not dead: no archive lookup


def test_no_wayback_turns_the_fallback_off(wayback: FakeWayback, site: LocalHost) -> None:
    dead = site.url("/2021/06/port-dues")
    wayback.add(dead, "20210610120000", ORIGINAL)
    report = verify(settings(wayback, wayback=False), article({"dead": dead}))
    assert by_id(report)["dead"].verdict is Verdict.UNREACHABLE
    assert wayback.queries == []


def test_links_suggests_the_archived_copy(wayback: FakeWayback, site: LocalHost) -> None:
    dead = site.url("/2021/06/port-dues")
    wayback.add(dead, "20210610120000", ORIGINAL)
    s = settings(wayback)

    async def main() -> RunReport:
        async with Fetcher(s) as fetcher:
            return await check_links(
                [article({"dead": dead})],
                s,
                fetcher,
                classifier=PageClassifier(s),
                archive=WaybackArchive(s),
            )

    report = asyncio.run(main())
    [source] = report.sources
    assert source.fetch.status is LinkStatus.DEAD
    assert source.fetch.archive_url == f"{wayback.url}/web/20210610120000/{dead}"


# --------------------------------------------------------------------------- drift with a lock


def test_verified_then_page_edited_is_drift(
    wayback: FakeWayback, site: LocalHost, tmp_path: Path
) -> None:
    lock = tmp_path / "claimcheck.lock"
    url = site.url("/2021/06/port-dues")
    art = article({"dues": url})
    s = settings(wayback)
    now = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)

    site.route("/2021/06/port-dues", Reply(200, ORIGINAL))
    first = apply_lock(verify(s, art), lock, update=False, confirm_dead="1", now=now)
    assert by_id(first)["dues"].verdict is Verdict.VERIFIED
    assert lock.exists()  # the baseline

    site.route("/2021/06/port-dues", Reply(200, EDITED_AFTER))
    later = now + dt.timedelta(days=1)
    second = apply_lock(verify(s, art), lock, update=False, confirm_dead="1", now=later)
    result = by_id(second)["dues"]
    assert result.verdict in (Verdict.MISMATCH, Verdict.NOT_FOUND)
    assert result.change == "drift"
    assert regressions(second) == [f"dues: drift (now {result.verdict.value})"]


def test_page_edited_elsewhere_is_changed(
    wayback: FakeWayback, site: LocalHost, tmp_path: Path
) -> None:
    lock = tmp_path / "claimcheck.lock"
    url = site.url("/2021/06/port-dues")
    art = article({"dues": url})
    s = settings(wayback)
    now = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)

    site.route("/2021/06/port-dues", Reply(200, ORIGINAL))
    apply_lock(verify(s, art), lock, update=False, confirm_dead="1", now=now)
    corrected = ORIGINAL.replace(
        b"</article>", b"<p>Correction: a name was misspelt.</p></article>"
    )
    site.route("/2021/06/port-dues", Reply(200, corrected))
    second = apply_lock(verify(s, art), lock, update=True, confirm_dead="1", now=now)
    assert by_id(second)["dues"].verdict is Verdict.VERIFIED
    assert by_id(second)["dues"].change == "changed"
    assert regressions(second) == []
    third = apply_lock(verify(s, art), lock, update=True, confirm_dead="1", now=now)
    assert by_id(third)["dues"].change is None  # recorded by --update-lock


# --------------------------------------------------------------------------- QA 6b


def test_a_capture_before_the_date_is_not_crowded_out(
    wayback: FakeWayback, site: LocalHost
) -> None:
    # QA 6b #4: 30 captures the day after the access date fill the closest 20.
    dead = site.url("/2021/06/busy")
    wayback.add(dead, "20210614090000", ORIGINAL)
    for minute in range(30):
        wayback.add(dead, f"202106170{minute // 10}{minute % 10:02d}00"[:14], EDITED_AFTER)
    report = verify(settings(wayback), article({"busy": dead}))
    result = by_id(report)["busy"]
    assert result.verdict is Verdict.VERIFIED, result
    assert result.archive_url == f"{wayback.url}/web/20210614090000/{dead}"
    assert [q.get("to") for q in wayback.queries] == [None, ["20210616235959"]]
    # A page with fewer captures than the limit needs no second question.
    wayback.queries.clear()
    sparse = site.url("/2021/06/sparse")
    wayback.add(sparse, "20210617090000", ORIGINAL)
    verify(settings(wayback), article({"sparse": sparse}))
    assert len(wayback.queries) == 1


def test_a_capture_redirected_to_another_timestamp_is_named(
    wayback: FakeWayback, site: LocalHost
) -> None:
    # QA 6b #8: the archive serves the capture it holds, under its own timestamp.
    dead = site.url("/2021/06/revisit")
    wayback.captures[dead] = ["20210610120000"]
    wayback.host.route(
        f"/web/20210610120000id_/{dead}",
        Reply.redirect(f"/web/20190105123456id_/{dead}", 302),
    )
    wayback.host.route(f"/web/20190105123456id_/{dead}", Reply(200, ORIGINAL))
    report = verify(settings(wayback), article({"revisit": dead}))
    result = by_id(report)["revisit"]
    assert result.verdict is Verdict.VERIFIED
    assert result.archive_url == f"{wayback.url}/web/20190105123456/{dead}"
    assert report.sources[0].fetch.archive_url == result.archive_url


def test_each_access_date_gets_its_own_capture(wayback: FakeWayback, site: LocalHost) -> None:
    # QA 6b #2: two articles cite one dead URL, read years apart.
    dead = site.url("/homes")
    wayback.add(dead, "20150301090000", story("the council approved 300 new homes"))
    wayback.add(dead, "20230601090000", story("the council approved 350 new homes"))

    def one(name: str, quote: str, accessed: dt.date) -> Article:
        claim = Claim(
            id=name,
            kind=ClaimKind.QUOTE,
            line=3,
            column=1,
            sentence=f"“{quote}”.[1]",
            note="1",
            quote=quote,
            article=f"{name}.md",
        )
        note = Note(id="1", line=5, text="Homes", urls=(dead,), accessed=accessed)
        return Article(source=f"{name}.md", notes=(note,), claims=(claim,))

    old = one("old", "the council approved 300 new homes", dt.date(2015, 3, 3))
    new = one("new", "the council approved 350 new homes", dt.date(2023, 7, 3))
    s = settings(wayback)

    async def main() -> RunReport:
        async with Fetcher(s, backoff_base=0.01) as fetcher:
            verifier = Verifier(s, fetcher, classifier=PageClassifier(s), archive=WaybackArchive(s))
            return await verifier.verify([old, new])

    report = asyncio.run(main())
    claims = by_id(report)
    assert claims["old"].verdict is Verdict.VERIFIED
    assert claims["old"].archive_url == f"{wayback.url}/web/20150301090000/{dead}"
    assert claims["new"].verdict is Verdict.VERIFIED
    assert claims["new"].archive_url == f"{wayback.url}/web/20230601090000/{dead}"
    assert site.hits("/homes") == 1  # the live URL is fetched once
    assert len(report.sources) == 1


def test_an_archive_outage_keeps_the_accepted_claim(
    wayback: FakeWayback, site: LocalHost, tmp_path: Path
) -> None:
    # QA 6b #3: dead for years, verified from a capture; one night the CDX server answers 503.
    lock = tmp_path / "claimcheck.lock"
    dead = site.url("/2021/06/long-gone")
    wayback.add(dead, "20210610120000", ORIGINAL)
    art = article({"gone": dead})
    now = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    first = apply_lock(verify(settings(wayback), art), lock, update=True, confirm_dead="1", now=now)
    assert by_id(first)["gone"].via == "archive"
    recorded = lock.read_text()
    wayback.answers[dead] = Reply(503, b"<html><body>Service unavailable</body></html>")
    report = verify(settings(wayback, retries=0), art)
    assert by_id(report)["gone"].archive_failed is not None
    down = apply_lock(
        replace(report, fail_on=frozenset({"new"})),
        lock,
        update=True,
        confirm_dead="3/2d",
        now=now + dt.timedelta(days=1),
    )
    result = by_id(down)["gone"]
    assert result.verdict is Verdict.UNREACHABLE
    assert "lookup failed" in result.detail
    assert result.change == "unconfirmed"
    assert regressions(down) == []
    assert json.loads(lock.read_text())["claims"] == json.loads(recorded)["claims"]
    # An archive that holds nothing is no outage.
    del wayback.answers[dead]
    wayback.captures.pop(dead)
    nothing = verify(settings(wayback), art)
    assert by_id(nothing)["gone"].archive_failed is None


def test_a_real_page_titled_not_found_is_read(wayback: FakeWayback, site: LocalHost) -> None:
    # QA 6b #9: a short film review titled "Page Not Found: a review".
    review = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Page Not Found: a review"
        "</title></head><body><main><article><h1>Page Not Found: a review</h1><p>The "
        f"director's new film is a quiet triumph. Critics said {QUOTE}. Four stars.</p>"
        "</article></main></body></html>"
    ).encode()
    url = site.url("/reviews/page-not-found")
    site.route("/reviews/page-not-found", Reply(200, review))
    other = site.url("/reviews/error-404")
    site.route("/reviews/error-404", Reply(200, review.replace(b"Critics said", b"Nobody said no")))
    report = verify(settings(wayback, wayback=False), article({"film": url}))
    result = by_id(report)["film"]
    assert report.sources[0].fetch.status is LinkStatus.SOFT_404  # what the title says
    assert result.verdict is Verdict.VERIFIED, result
    assert "title reads like" in result.detail
    # The quote not on it: the page is still taken for a "not found" page.
    missing = article({"film": other})
    missing = replace(
        missing,
        claims=tuple(replace(c, quote="the sequel will open in May") for c in missing.claims),
    )
    assert by_id(verify(settings(wayback, wayback=False), missing))["film"].verdict is (
        Verdict.UNREACHABLE
    )
