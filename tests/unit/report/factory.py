"""A realistic, hand-made `RunReport` for report tests: every verdict and every link status.

The article and its sources are invented for these tests (a harbour town rebuilding its ferry
terminal). Offsets in `Evidence` are real offsets into the layer texts below, so a test can check
that a report shows the passage the matcher found.
"""

from __future__ import annotations

import datetime as dt

from claimcheck.model import (
    Article,
    CitedLink,
    Claim,
    ClaimKind,
    ClaimResult,
    DiffOp,
    Evidence,
    FetchResult,
    LinkStatus,
    Note,
    Redirect,
    RunReport,
    SourceReport,
    Tier,
    Uncited,
    Verdict,
)

ARTICLE = "stories/harbour.md"
STARTED = dt.datetime(2025, 5, 1, 9, 30, 0, tzinfo=dt.UTC)
FETCHED = dt.datetime(2025, 5, 1, 9, 30, 2, tzinfo=dt.UTC)

URL_MINUTES = "https://example.org/council/minutes-2024"
URL_NEWS = "https://news.example.com/harbour-reopens"
URL_NEWS_FINAL = "https://news.example.com/2024/harbour-reopens"
URL_REPORT = "https://gone.example.net/board/report.pdf"
URL_REPORT_ARCHIVE = (
    "https://web.archive.org/web/20230314000000/https://gone.example.net/board/report.pdf"
)
URL_BLOG = "https://blog.example.org/posts/ferry"
URL_PAYWALL = "https://paywalled.example.com/story"
URL_SLOW = "https://slow.example.org/data"
URL_XLSX = "https://files.example.org/table.xlsx"
URL_INTRANET = "http://intranet.local/wiki/ferry"
URL_STATS = "https://stats.example.gov/ferries"

MINUTES_TEXT = (
    "Minutes of the harbour council, 12 March 2024. The chair opened the meeting and said the "
    "project would leave the bay with one harbour, two towns, and a single timetable. The "
    "treasurer confirmed a grant of €4.2 million from the regional fund."
)
NEWS_TEXT = (
    "Harbour reopens. After two winters of works, the town council promised the ferry terminal "
    "will open in May, and the mayor said the fund now holds $105 million for the second phase."
)
REPORT_TEXT = (
    "Annual report of the harbour board. Section 4. At its June meeting the harbour board "
    "approved the plan unanimously, after a public consultation that drew 312 replies."
)
STATS_TEXT = "Ferry statistics. The new floating quay carried two million passengers in 2024."


def _evidence(layer: str, text: str, passage: str, *, page: int | None = None) -> Evidence:
    start = text.index(passage)
    return Evidence(
        text=passage,
        context=text,
        matched_in=layer,
        start=start,
        end=start + len(passage),
        page=page,
    )


def _claim(
    cid: str,
    kind: ClaimKind,
    line: int,
    sentence: str,
    *,
    note: str | None,
    quote: str | None = None,
    fact: str | None = None,
    value: str | None = None,
    url: str | None = None,
    column: int = 1,
) -> Claim:
    return Claim(
        id=cid,
        kind=kind,
        line=line,
        column=column,
        sentence=sentence,
        note=note,
        quote=quote,
        fact=fact,
        value=value,
        url=url,
        article=ARTICLE,
    )


def make_article() -> Article:
    """The parsed article the results below come from."""
    notes = (
        Note(
            id="1",
            line=40,
            text=f"Harbour council, “Minutes,” 2024, {URL_MINUTES}.",
            urls=(URL_MINUTES,),
            title="Minutes",
        ),
        Note(
            id="2",
            line=42,
            text=f"“Harbour reopens,” Coast News, {URL_NEWS}.",
            urls=(URL_NEWS,),
            title="Harbour reopens",
            accessed=dt.date(2024, 6, 1),
        ),
        Note(id="3", line=44, text="Ibid.", resolved_note="2"),
        Note(
            id="4",
            line=46,
            text=f"Harbour board, Annual report, {URL_REPORT}.",
            urls=(URL_REPORT,),
            author="Harbour board",
        ),
        Note(id="5", line=48, text=f"Ferry blog, {URL_BLOG}.", urls=(URL_BLOG,)),
        Note(id="6", line=50, text=f"Paywalled story, {URL_PAYWALL}.", urls=(URL_PAYWALL,)),
        Note(id="7", line=52, text="Interview with the harbour master, 3 May 2024."),
        Note(id="8", line=54, text=f"Port data, {URL_SLOW}.", urls=(URL_SLOW,)),
        Note(id="9", line=56, text=f"Fare table, {URL_XLSX}.", urls=(URL_XLSX,)),
        Note(id="10", line=58, text=f"Internal wiki, {URL_INTRANET}.", urls=(URL_INTRANET,)),
    )
    claims = tuple(r.claim for r in make_claim_results())
    return Article(
        source=ARTICLE,
        title="The harbour that rebuilt itself",
        notes=notes,
        claims=claims,
        links=(CitedLink(url=URL_STATS, line=30, column=12, text="port statistics"),),
        uncited=(
            Uncited(line=8, sentence="Nine in ten residents back the plan.", reason="figure"),
            Uncited(line=11, sentence="A fisher called it “the quiet miracle”.", reason="quote"),
        ),
        accessed=dt.date(2024, 6, 1),
    )


def make_claim_results() -> tuple[ClaimResult, ...]:
    """One result per verdict, plus a verified fact, a term and a bracketed quote read from an archive."""
    motto = _claim(
        "one-harbour-two-towns",
        ClaimKind.QUOTE,
        12,
        "The chair promised “one harbour, two towns”.[1]",
        note="1",
        quote="one harbour, two towns",
        column=28,
    )
    grant = _claim(
        "grant-4-2-million",
        ClaimKind.FACT,
        14,
        "The regional fund granted €4.2 million.[1]",
        note="1",
        fact="€4.2 million",
        value="EUR 4200000",
    )
    terminal = _claim(
        "council-promised-terminal",
        ClaimKind.QUOTE,
        16,
        "Officials said “[the council] promised the (long-delayed) ferry terminal will open in May”.[2]",
        note="2",
        quote="[the council] promised the (long-delayed) ferry terminal will open in May",
    )
    fund = _claim(
        "fund-150-million",
        ClaimKind.QUOTE,
        18,
        "The mayor added that “the fund now holds $150 million for the second phase”.[3]",
        note="3",
        quote="the fund now holds $150 million for the second phase",
    )
    board = _claim(
        "board-approved",
        ClaimKind.QUOTE,
        20,
        "In June “[the board] approved the plan unanimously”.[4]",
        note="4",
        quote="[the board] approved the plan unanimously",
    )
    blog = _claim(
        "ferry-ran-on-time",
        ClaimKind.QUOTE,
        22,
        "Bloggers wrote that “the ferry ran on time every single day”.[5]",
        note="5",
        quote="the ferry ran on time every single day",
    )
    paywall = _claim(
        "record-summer",
        ClaimKind.QUOTE,
        24,
        "It was “a record summer for the bay”.[6]",
        note="6",
        quote="a record summer for the bay",
    )
    interview = _claim(
        "harbour-master",
        ClaimKind.QUOTE,
        26,
        "The harbour master called it “our best year”.[7]",
        note="7",
        quote="our best year",
    )
    slow = _claim(
        "arrivals-900",
        ClaimKind.FACT,
        28,
        "Arrivals passed 900 ships in 2024.[8]",
        note="8",
        fact="900 ships",
        value="900",
    )
    fares = _claim(
        "fares-frozen",
        ClaimKind.QUOTE,
        29,
        "Fares were “frozen until 2026”.[9]",
        note="9",
        quote="frozen until 2026",
    )
    quay = _claim(
        "floating-quay",
        ClaimKind.TERM,
        30,
        "The so-called “floating quay” is in the port statistics.",
        note=None,
        quote="floating quay",
        url=URL_STATS,
        column=14,
    )
    return (
        ClaimResult(
            claim=motto,
            verdict=Verdict.VERIFIED,
            url=URL_MINUTES,
            score=1.0,
            tier=Tier.NORMALISED,
            evidence=_evidence("main", MINUTES_TEXT, "one harbour, two towns"),
        ),
        ClaimResult(
            claim=grant,
            verdict=Verdict.VERIFIED,
            url=URL_MINUTES,
            score=1.0,
            tier=Tier.VALUE,
            evidence=_evidence("main", MINUTES_TEXT, "€4.2 million"),
        ),
        ClaimResult(
            claim=terminal,
            verdict=Verdict.APPROXIMATE,
            url=URL_NEWS,
            score=0.93,
            tier=Tier.APPROXIMATE,
            evidence=_evidence(
                "main", NEWS_TEXT, "the town council promised the ferry terminal will open in May"
            ),
            diff=(
                DiffOp(op="replace", quote="[the council]", source="the town council"),
                DiffOp(op="equal", quote="promised the", source="promised the"),
                DiffOp(op="delete", quote="(long-delayed)", source=""),
                DiffOp(
                    op="equal",
                    quote="ferry terminal will open in May",
                    source="ferry terminal will open in May",
                ),
            ),
            detail="the quote adds a parenthetical the source lacks",
        ),
        ClaimResult(
            claim=fund,
            verdict=Verdict.MISMATCH,
            url=URL_NEWS,
            resolved_note="2",
            score=0.97,
            tier=Tier.APPROXIMATE,
            evidence=_evidence(
                "main", NEWS_TEXT, "the fund now holds $105 million for the second phase"
            ),
            diff=(
                DiffOp(op="equal", quote="the fund now holds", source="the fund now holds"),
                DiffOp(op="replace", quote="$150", source="$105", critical=True),
                DiffOp(
                    op="equal",
                    quote="million for the second phase",
                    source="million for the second phase",
                ),
            ),
        ),
        ClaimResult(
            claim=board,
            verdict=Verdict.VERIFIED,
            url=URL_REPORT,
            score=1.0,
            tier=Tier.EXACT,
            via="archive",
            archive_url=URL_REPORT_ARCHIVE,
            evidence=_evidence(
                "pdf", REPORT_TEXT, "the harbour board approved the plan unanimously", page=4
            ),
        ),
        ClaimResult(
            claim=blog,
            verdict=Verdict.NOT_FOUND,
            url=URL_BLOG,
            detail="soft 404: the page says the post was not found",
        ),
        ClaimResult(
            claim=paywall,
            verdict=Verdict.BLOCKED,
            url=URL_PAYWALL,
            detail="HTTP 403 after 2 retries",
        ),
        ClaimResult(claim=interview, verdict=Verdict.NO_SOURCE, detail="note 7 has no URL"),
        ClaimResult(
            claim=slow,
            verdict=Verdict.UNREACHABLE,
            url=URL_SLOW,
            detail="timed out after 20 s; no archived copy",
        ),
        ClaimResult(
            claim=fares,
            verdict=Verdict.ERROR,
            url=URL_XLSX,
            detail="unsupported content type application/vnd.ms-excel",
        ),
        ClaimResult(
            claim=quay,
            verdict=Verdict.VERIFIED,
            url=URL_STATS,
            score=1.0,
            tier=Tier.EXACT,
            evidence=_evidence("main", STATS_TEXT, "floating quay"),
        ),
    )


def make_sources() -> tuple[SourceReport, ...]:
    """One source per link status of SPEC §4, with a redirect chain and an archived copy."""

    def fetch(url: str, status: LinkStatus, **kw: object) -> FetchResult:
        return FetchResult(url=url, status=status, request_url=url, fetched_at=FETCHED, **kw)  # type: ignore[arg-type]

    sha = "9f2c" * 16
    return (
        SourceReport(
            fetch=fetch(
                URL_MINUTES,
                LinkStatus.OK,
                final_url=URL_MINUTES,
                http_status=200,
                content_type="text/html",
                sha256=sha,
                elapsed=0.21,
            ),
            notes=("1",),
            articles=(ARTICLE,),
            line=12,
        ),
        SourceReport(
            fetch=fetch(
                URL_NEWS,
                LinkStatus.REDIRECTED,
                final_url=URL_NEWS_FINAL,
                http_status=200,
                content_type="text/html; charset=utf-8",
                redirects=(Redirect(url=URL_NEWS, status=301),),
                sha256="ab" * 32,
                detail="permanent redirect: update the URL",
                elapsed=0.34,
            ),
            notes=("2", "3"),
            articles=(ARTICLE,),
            line=16,
        ),
        SourceReport(
            fetch=fetch(
                URL_REPORT,
                LinkStatus.DEAD,
                http_status=404,
                archive_url=URL_REPORT_ARCHIVE,
                detail="HTTP 404",
                elapsed=0.12,
            ),
            notes=("4",),
            articles=(ARTICLE,),
            line=20,
        ),
        SourceReport(
            fetch=fetch(
                URL_BLOG,
                LinkStatus.SOFT_404,
                final_url=URL_BLOG,
                http_status=200,
                content_type="text/html",
                detail="page says “post not found”",
            ),
            notes=("5",),
            articles=(ARTICLE,),
            line=22,
            soft_404_rule="title matches /not found/",
        ),
        SourceReport(
            fetch=fetch(
                URL_PAYWALL, LinkStatus.BLOCKED, http_status=403, detail="HTTP 403 after 2 retries"
            ),
            notes=("6",),
            articles=(ARTICLE,),
            line=24,
            hint="the site refuses automated requests; try --user-agent",
        ),
        SourceReport(
            fetch=fetch(URL_SLOW, LinkStatus.TIMEOUT, error="timed out after 20 s"),
            notes=("8",),
            articles=(ARTICLE,),
            line=28,
        ),
        SourceReport(
            fetch=fetch(
                URL_XLSX,
                LinkStatus.ERROR,
                http_status=200,
                content_type="application/vnd.ms-excel",
                error="unsupported content type",
            ),
            notes=("9",),
            articles=(ARTICLE,),
            line=29,
        ),
        SourceReport(
            fetch=fetch(
                URL_INTRANET, LinkStatus.EXCLUDED, detail="private address (use --allow-private)"
            ),
            notes=("10",),
            articles=(ARTICLE,),
            line=58,
        ),
        SourceReport(
            fetch=fetch(
                URL_STATS,
                LinkStatus.OK,
                final_url=URL_STATS,
                http_status=200,
                content_type="text/html",
                sha256="cd" * 32,
            ),
            notes=(),
            articles=(ARTICLE,),
            line=30,
        ),
    )


def make_verify_report(**overrides: object) -> RunReport:
    """`claimcheck verify stories/harbour.md` with the default `--fail-on`."""
    values: dict[str, object] = {
        "command": "verify",
        "articles": (make_article(),),
        "sources": make_sources(),
        "claims": make_claim_results(),
        "hints": ("paywalled.example.com refused 1 request: try --host-interval 2",),
        "started_at": STARTED,
        "duration": 3.21,
        "fail_on": frozenset({"mismatch", "not_found", "unreachable"}),
    }
    values.update(overrides)
    return RunReport(**values)  # type: ignore[arg-type]


def make_links_report(**overrides: object) -> RunReport:
    """`claimcheck links stories/harbour.md` with the default `--fail-on`."""
    values: dict[str, object] = {
        "command": "links",
        "articles": (make_article(),),
        "sources": make_sources(),
        "claims": (),
        "started_at": STARTED,
        "duration": 0.84,
        "fail_on": frozenset({"dead", "soft_404"}),
    }
    values.update(overrides)
    return RunReport(**values)  # type: ignore[arg-type]
