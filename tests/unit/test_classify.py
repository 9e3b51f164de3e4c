"""PageClassifier: every soft-404 rule, every bot-wall marker and the paywall rules, through a real
`Fetcher` over `httpx.MockTransport` (no sockets)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from claimcheck.classify import (
    _NOT_FOUND,
    BOT_WALL_HINT,
    MARKER_WINDOW,
    PageClassifier,
    _has_not_found_word,
    _LazyPage,
    _static_rules,
    _window,
    challenge_vendor,
    classify_capture,
    describe,
    page_text,
    serves_teaser,
    shingle_similarity,
    title_says_not_found,
)
from claimcheck.fetch import Fetcher
from claimcheck.model import FetchResult, LinkStatus
from claimcheck.settings import Settings
from tests.conftest import fixture_path

Handler = Callable[[httpx.Request], httpx.Response]


def page(name: str) -> bytes:
    return fixture_path("pages", "softwalls", name).read_bytes()


async def public_resolver(host: str) -> list[str]:
    return ["93.184.216.34"]


def run(
    handler: Handler,
    urls: Sequence[str],
    classifier: PageClassifier | None = None,
    **kw: Any,
) -> list[FetchResult]:
    """Fetch and classify `urls` concurrently, as `verify` does."""
    settings = Settings.build({"no_cache": True, "retries": 0, **kw})
    classifier = classifier or PageClassifier(settings)

    async def main() -> list[FetchResult]:
        transport = httpx.MockTransport(handler)
        async with Fetcher(
            settings, transport_factory=lambda host: transport, resolver=public_resolver
        ) as fetcher:

            async def one(url: str) -> FetchResult:
                return await classifier.classify(await fetcher.fetch(url), fetcher)

            return list(await asyncio.gather(*(one(u) for u in urls)))

    return asyncio.run(main())


def classify_only(fetched: FetchResult) -> FetchResult:
    """Classify a ready-made result with a fetcher that must not be used."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"unexpected request to {request.url}")

    async def main() -> FetchResult:
        transport = httpx.MockTransport(refuse)
        async with Fetcher(
            Settings(no_cache=True), transport_factory=lambda host: transport
        ) as fetcher:
            return await PageClassifier(Settings()).classify(fetched, fetcher)

    return asyncio.run(main())


def answer(
    status: int = 200,
    body: bytes = b"",
    headers: Sequence[tuple[str, str]] = (),
    content_type: str = "text/html; charset=utf-8",
) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status, content=body, headers=[("content-type", content_type), *headers]
        )

    return handler


def honest(handler: Handler) -> Handler:
    """`handler`, except that the classifier's random-path probe gets a real 404."""

    def wrapped(request: httpx.Request) -> httpx.Response:
        if re.fullmatch(r"/[0-9a-f]{20}", request.url.path):
            return httpx.Response(404, content=b"not here")
        return handler(request)

    return wrapped


def one(handler: Handler, url: str = "https://news.example/2021/06/port-dues") -> FetchResult:
    return run(honest(handler), [url])[0]


ARTICLE = (
    b"<html><head><title>Port dues rise | Harbor Gazette</title></head><body><main><h1>Port dues"
    b" rise</h1>"
    + b"".join(
        b"<p>The harbour authority raised dues at the eastern terminals for the %d time, citing "
        b"dredging and a crane contract; shipping lines said importers would pay.</p>" % i
        for i in range(12)
    )
    + b"</main></body></html>"
)


# --------------------------------------------------------------------------- bot walls


CHALLENGES = [
    ("cloudflare_challenge.html", "cloudflare"),
    ("cloudflare_attention.html", "cloudflare"),
    ("akamai_denied.html", "akamai"),
    ("akamai_sec_cpt.html", "akamai"),
    ("datadome.html", "datadome"),
    ("perimeterx.html", "perimeterx"),
    ("incapsula.html", "imperva"),
    ("sucuri.html", "sucuri"),
    ("sucuri_js.html", "sucuri"),
    ("aws_waf.html", "aws waf"),
]


@pytest.mark.parametrize(("name", "vendor"), CHALLENGES)
def test_challenge_page_served_with_200_is_blocked(name: str, vendor: str) -> None:
    result = one(answer(200, page(name)))
    assert result.status is LinkStatus.BLOCKED
    assert result.detail == f"bot wall ({vendor} challenge page): {BOT_WALL_HINT}"
    assert result.error == "bot wall"


@pytest.mark.parametrize(("name", "vendor"), CHALLENGES)
@pytest.mark.parametrize("status", [403, 503, 429, 404])
def test_challenge_page_body_on_error_status_is_blocked(
    name: str, vendor: str, status: int
) -> None:
    # The live fetcher drains error bodies; a result that carries one (any other source of
    # FetchResults) is read all the same.
    fetched = FetchResult(
        url="https://news.example/a",
        status=LinkStatus.DEAD if status == 404 else LinkStatus.ERROR,
        http_status=status,
        content_type="text/html",
        body=page(name),
    )
    result = classify_only(fetched)
    assert result.status is LinkStatus.BLOCKED
    assert f"bot wall ({vendor} challenge page)" in result.detail


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (403, [("cf-mitigated", "challenge")], "bot wall (cloudflare challenge)"),
        (503, [("cf-mitigated", "challenge")], "bot wall (cloudflare challenge)"),
        (200, [("cf-mitigated", "challenge")], "bot wall (cloudflare challenge)"),
        (404, [("cf-mitigated", "challenge")], "bot wall (cloudflare challenge)"),
        (503, [("cf-chl-bypass", "1")], "bot wall (cloudflare challenge)"),
        (202, [("x-amzn-waf-action", "challenge")], "bot wall (aws waf challenge)"),
        (429, [("x-vercel-mitigated", "challenge")], "bot wall (vercel challenge)"),
        (403, [("x-sucuri-block", "BOT01")], "bot wall (sucuri challenge)"),
        (403, [("x-dd-b", "1")], "bot wall (datadome challenge)"),
        (403, [("server", "cloudflare")], "bot wall (cloudflare block)"),
        (403, [("server", "AkamaiGHost")], "bot wall (akamai block)"),
        (403, [("x-datadome", "protected")], "bot wall (datadome block)"),
        (403, [("set-cookie", "datadome=abc; Path=/")], "bot wall (datadome block)"),
        (403, [("set-cookie", "_px3=abc; Path=/")], "bot wall (perimeterx block)"),
        (
            403,
            [("x-iinfo", "8-1234-0 0NNN RT(1 2) q(0 -1 -1 0) r(0 -1)")],
            "bot wall (imperva block)",
        ),
        (403, [("set-cookie", "incap_ses_123_456=abc")], "bot wall (imperva block)"),
        (403, [("x-sucuri-id", "11005")], "bot wall (sucuri block)"),
        (403, [], "bot wall (403 Forbidden)"),
        (999, [], "bot wall (999, the answer LinkedIn"),
        (401, [], "paywall (401 Unauthorized: sign-in required)"),
        (402, [], "paywall (402 Payment Required)"),
        (451, [], "legal block (451 Unavailable For Legal Reasons)"),
    ],
)
def test_header_and_status_walls_are_blocked(
    status: int, headers: list[tuple[str, str]], expected: str
) -> None:
    result = one(answer(status, b"<html><title>x</title></html>", headers))
    assert result.status is LinkStatus.BLOCKED, result
    assert result.detail.startswith(expected), result.detail


def test_a_403_bot_wall_is_never_dead() -> None:
    for headers in ([("cf-mitigated", "challenge")], [("server", "AkamaiGHost")], []):
        result = one(answer(403, page("cloudflare_challenge.html"), headers))
        assert result.status is LinkStatus.BLOCKED, "a bot wall must never read as dead"


def test_a_cdn_serving_an_ordinary_404_is_dead_and_a_503_outage_an_error() -> None:
    assert one(answer(404, b"gone", [("server", "cloudflare")])).status is LinkStatus.DEAD
    outage = one(answer(503, b"", [("server", "cloudflare"), ("cf-ray", "8f1e")]))
    assert outage.status is LinkStatus.ERROR


def test_an_article_that_mentions_challenge_markers_is_not_a_wall() -> None:
    result = one(answer(200, page("article_about_walls.html")))
    assert result.status is LinkStatus.OK


# --------------------------------------------------------------------------- paywalls


def test_subscriber_only_teaser_is_a_paywall() -> None:
    result = one(answer(200, page("paywall_teaser.html")))
    assert result.status is LinkStatus.BLOCKED
    assert result.detail.startswith("paywall (marked subscriber-only, only a teaser served)")


def test_french_gate_is_a_paywall() -> None:
    assert one(answer(200, page("paywall_gate_fr.html"))).status is LinkStatus.BLOCKED


def test_metered_page_that_serves_the_text_stays_readable_with_a_note() -> None:
    result = one(answer(200, page("paywall_metered.html")))
    assert result.status is LinkStatus.OK
    assert "marked subscriber-only, but the text is served" in result.detail


def test_redirect_to_a_subscription_page_is_a_paywall() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/subscribe":
            return httpx.Response(200, content=ARTICLE, headers={"content-type": "text/html"})
        return httpx.Response(302, headers={"location": "/subscribe?return=/2021/06/port-dues"})

    result = one(handler)
    assert result.status is LinkStatus.BLOCKED
    assert result.detail.startswith("paywall (redirected to a sign-in or subscription page)")


# --------------------------------------------------------------------------- soft 404


def redirecting(to: str, status: int = 301, landing: bytes = ARTICLE) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/2021/06/port-dues":
            return httpx.Response(status, headers={"location": to})
        return httpx.Response(200, content=landing, headers={"content-type": "text/html"})

    return handler


@pytest.mark.parametrize("to", ["/", "https://news.example/", "/index.html", "/en/"])
@pytest.mark.parametrize("status", [301, 302])
def test_deep_link_redirected_to_the_site_root(to: str, status: int) -> None:
    result = one(redirecting(to, status))
    assert result.status is LinkStatus.SOFT_404
    assert result.detail == "soft 404: redirect to the site root"


def test_root_reached_after_a_permanent_then_a_temporary_hop() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/2021/06/port-dues":
            return httpx.Response(301, headers={"location": "/archive/port-dues"})
        if request.url.path == "/archive/port-dues":
            return httpx.Response(302, headers={"location": "/"})
        return httpx.Response(200, content=ARTICLE, headers={"content-type": "text/html"})

    assert one(handler).detail == "soft 404: redirect to the site root"


def test_the_home_page_itself_is_not_a_soft_404() -> None:
    result = one(redirecting("/"), url="https://news.example/")
    assert result.status is LinkStatus.OK


@pytest.mark.parametrize(
    "to", ["/404.html", "/errors/not-found", "/page-not-found?from=x", "/error?code=404"]
)
def test_final_url_that_says_not_found(to: str) -> None:
    result = one(redirecting(to, 302))
    assert result.status is LinkStatus.SOFT_404
    assert result.detail == "soft 404: final URL says not found"


def test_a_cited_url_that_itself_contains_404_is_fine() -> None:
    result = one(answer(200, ARTICLE), url="https://news.example/reports/404-budget-lines")
    assert result.status is LinkStatus.OK


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("notfound_en.html", "soft 404: title says not found (en)"),
        ("notfound_en_h1.html", "soft 404: heading says not found (en)"),
        ("notfound_tr.html", "soft 404: title says not found (tr)"),
        ("notfound_fr.html", "soft 404: heading says not found (fr)"),
        ("notfound_de.html", "soft 404: title says not found (de)"),
        ("notfound_es.html", "soft 404: heading says not found (es)"),
        ("notfound_ru.html", "soft 404: title says not found (ru)"),
    ],
)
def test_title_or_heading_says_not_found(name: str, expected: str) -> None:
    content_type = "text/html" if name.endswith("ru.html") else "text/html; charset=utf-8"
    result = one(answer(200, page(name), content_type=content_type))
    assert result.status is LinkStatus.SOFT_404
    assert result.detail == expected


def test_a_headline_about_something_not_found_is_an_article() -> None:
    assert one(answer(200, page("headline_not_found.html"))).status is LinkStatus.OK


def titled(title: str, paragraphs: int, h1: str | None = None) -> bytes:
    text = "".join(
        f"<p>The director said the harbour works will run until 2027, and the film follows a "
        f"web developer through one long night ({i}).</p>"
        for i in range(paragraphs)
    )
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><header><nav>"
        f"<a href='/'>Home</a></nav></header><main><article><h1>{h1 or title}</h1>{text}"
        "</article></main><footer>(c) site</footer></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "title",
    [
        "Page Not Found: the film review",
        "Sayfa bulunamadı — bir roman incelemesi",
        "Page not found – a review | Harbor Gazette",
    ],
)
def test_an_article_whose_title_starts_with_a_not_found_phrase_is_an_article(title: str) -> None:
    # Four paragraphs of its own: an article, whatever its title says.
    assert one(answer(200, titled(title, 4))).status is LinkStatus.OK
    # The same title on a page with a sentence of text is the site's not-found page.
    short = one(answer(200, titled(title, 1)))
    assert short.status is LinkStatus.SOFT_404
    assert short.detail.startswith("soft 404: title says not found")


def test_a_bare_not_found_label_allows_a_longer_explanation() -> None:
    # IIS-style: the title is the label alone, the page explains at length what to try.
    explained = titled("The page cannot be found", 7, h1="Try the following")
    assert one(answer(200, explained)).detail == "soft 404: title says not found (en)"
    assert one(answer(200, titled("The page cannot be found", 30))).status is LinkStatus.OK


def test_links_on_a_not_found_page_do_not_count_as_its_text() -> None:
    # WordPress: "Oops! That page can't be found." and widgets listing recent posts.
    widgets = "".join(
        f"<li><a href='/p{i}'>Harbour works will run until 2027, part {i} of the series</a></li>"
        for i in range(40)
    )
    body = (
        "<html><head><title>Page not found – Blog</title></head><body><main><h1>Oops! That page "
        "can’t be found.</h1><p>It looks like nothing was found at this location. Maybe try one "
        f"of the links below or a search?</p><ul>{widgets}</ul></main></body></html>"
    ).encode()
    assert one(answer(200, body)).detail == "soft 404: title says not found (en)"


TITLES = [
    ("404 Not Found", "en"),
    ("Error 404", "en"),
    ("Not Found", "en"),
    ("Sorry, this page doesn't exist | Harbor", "en"),
    ("SAYFA BULUNAMADI", "tr"),
    ("Hata 404 – Liman", "tr"),
    ("Erreur 404 : page non trouvée", "fr"),
    ("404 - Nicht gefunden", "de"),
    ("No se ha encontrado la página", "es"),
    ("Страница не существует", "ru"),
    ("Pagina non trovata", "it"),
    ("Port dues rise for the third year", None),
    ("Crew not found after search at sea", None),
    ("Kayıp balıkçı bulunamadı", None),
    ("Le témoin introuvable du procès des quais", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("title", "language"), TITLES)
def test_title_says_not_found(title: str | None, language: str | None) -> None:
    assert title_says_not_found(title) == language


def template_host(served: list[str]) -> Handler:
    """A host that answers 200 with one not-found template for every path but the home page."""
    counter = iter(range(10**6))

    def handler(request: httpx.Request) -> httpx.Response:
        served.append(request.url.path)
        text = page("soft_host_template.html").decode()
        body = text.replace("{path}", request.url.path).replace("{token}", f"r{next(counter)}")
        return httpx.Response(200, content=body.encode(), headers={"content-type": "text/html"})

    return handler


def test_page_identical_to_a_random_path_is_a_soft_404_and_probed_once_per_host() -> None:
    served: list[str] = []
    urls = [f"https://news.example/2021/06/story-{i}" for i in range(5)]
    results = run(template_host(served), urls)
    for result in results:
        assert result.status is LinkStatus.SOFT_404
        assert result.detail.startswith("soft 404: same page as a random path on the host")
    probes = [p for p in served if not p.startswith("/2021/")]
    assert len(probes) == 1  # one probe for the five pages
    assert len(probes[0]) > 16  # a random path


def test_the_probe_rule_replays_from_a_recorded_run(tmp_path: Path) -> None:
    warc = tmp_path / "run.warc.gz"
    urls = ["https://news.example/2021/06/story-1"]
    recorded = run(template_host([]), urls, record=warc)
    assert recorded[0].status is LinkStatus.SOFT_404

    def offline(request: httpx.Request) -> httpx.Response:
        raise AssertionError("a replay makes no request")

    replayed = run(offline, urls, replay=warc)
    assert replayed[0].status is LinkStatus.SOFT_404
    assert replayed[0].detail == recorded[0].detail


def test_a_real_article_on_a_host_that_serves_a_template_for_random_paths() -> None:
    served: list[str] = []
    template = template_host(served)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/2021/06/port-dues":
            return httpx.Response(200, content=ARTICLE, headers={"content-type": "text/html"})
        return template(request)

    result = run(handler, ["https://news.example/2021/06/port-dues"])[0]
    assert result.status is LinkStatus.OK
    assert len(served) == 1  # the probe was made, and its page differs from the article


def test_an_honest_host_is_probed_once_and_its_pages_stay_ok() -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        if request.url.path.startswith("/2021/"):
            return httpx.Response(200, content=ARTICLE, headers={"content-type": "text/html"})
        return httpx.Response(404, content=b"no", headers={"content-type": "text/html"})

    classifier = PageClassifier(Settings())
    urls = [f"https://news.example/2021/06/{i}" for i in range(4)]
    assert all(r.status is LinkStatus.OK for r in run(handler, urls, classifier))
    assert len([p for p in paths if not p.startswith("/2021/")]) == 1


def test_pdf_and_non_200_answers_are_left_alone() -> None:
    pdf = one(answer(200, b"%PDF-1.4 not found", content_type="application/pdf"))
    assert pdf.status is LinkStatus.OK
    assert one(answer(404, b"")).status is LinkStatus.DEAD
    assert one(answer(500, b"")).status is LinkStatus.ERROR


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", LinkStatus.ERROR),
        (b'{"rows": [1, 2, 3]}', "application/json", LinkStatus.ERROR),
        (b"PK\x03\x04\x14\x00\x00\x00", "application/zip", LinkStatus.ERROR),
        (b"year,count\n2021,4\n", "text/csv", LinkStatus.OK),
        (b"%PDF-1.4 a report", "application/octet-stream", LinkStatus.OK),
        (b"<!doctype html><title>Port dues</title><p>Text.</p>", "application/pdf", LinkStatus.OK),
    ],
)
def test_a_type_claimcheck_cannot_read_is_an_error(
    body: bytes, content_type: str, status: LinkStatus
) -> None:
    """SPEC §4: a link that answers with an unsupported type is `error` (its claims `error`)."""
    result = one(answer(200, body, content_type=content_type))
    assert result.status is status, result.detail
    if status is LinkStatus.ERROR:
        assert result.error == "unsupported"
        assert result.detail == f"unsupported content type: {content_type}"


# --------------------------------------------------------------------------- helpers


def test_describe_splits_rule_and_hint() -> None:
    soft = one(redirecting("/"))
    rule, hint = describe(soft)
    assert rule == "redirect to the site root"
    assert hint is not None and "archived copy" in hint
    wall = one(answer(403, b"", [("cf-mitigated", "challenge")]))
    assert describe(wall) == (None, BOT_WALL_HINT)
    assert describe(one(answer(200, ARTICLE))) == (None, None)


def test_page_text_drops_chrome_and_scripts() -> None:
    text = page_text(page("notfound_en.html"))
    assert "Oops! That page can’t be found." in text
    assert "©" not in text and "Harbor Gazette" not in text


def test_page_text_reads_a_declared_legacy_charset() -> None:
    assert "Запрашиваемая страница" in page_text(page("notfound_ru.html"))


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        # Valid UTF-8 wins over a stale label, as in extraction (one decoder for both).
        ("<p>Şehir “meclisi”</p>".encode(), "text/html; charset=iso-8859-1"),
        # ISO-8859-9 is read as its WHATWG superset windows-1254 (curly quotes in 0x80-0x9F).
        ("<p>Şehir “meclisi”</p>".encode("cp1254"), "text/html; charset=iso-8859-9"),
    ],
)
def test_page_text_decodes_as_extraction_does(body: bytes, content_type: str) -> None:
    assert page_text(body, content_type) == "Şehir “meclisi”"


def test_the_marker_window_does_not_cut_a_utf8_character() -> None:
    # Undeclared UTF-8, with a two-byte character across the window's end.
    body = "Réservé".encode() + b"a" * (MARKER_WINDOW - len("Réservé".encode()) - 1) + "é".encode()
    window = _window(body, None)
    assert window.startswith("réservé") and window.endswith("a")


def test_shingle_similarity_needs_text_on_both_sides() -> None:
    assert shingle_similarity(frozenset(), frozenset({1})) == 0.0
    assert shingle_similarity(frozenset({1, 2}), frozenset({1, 2})) == 1.0


# --------------------------------------------------------------------------- cheap screening

#: More titles in every pattern's shape, for the screen's "never misses" check.
FIRING_TITLES = [
    *(title for title, language in TITLES if language),
    "Page not found – Harbor",
    "Nothing found",
    "The page you requested could not be found",
    "This page is no longer available",
    "İçerik bulunamadı",
    "Bulunamadı",
    "Sayfa mevcut değil",
    "404 Hatası",
    "Page introuvable",
    "Introuvable",
    "La page demandée n'existe plus",
    "Seite existiert nicht mehr",
    "Fehler 404",
    "Nicht gefunden",
    "Página no existe",
    "No encontrado",
    "No se pudo encontrar la página",
    "Страница не найдена",
    "Не найдено",
    "Ошибка 404",
    "Página não encontrada",
    "Pagina niet gevonden",
    "PAGE NOT FOUND",
    "SEITE NICHT GEFUNDEN",
    "PÁGINA NO ENCONTRADA",
    "СТРАНИЦА НЕ НАЙДЕНА",
]


@pytest.mark.parametrize("title", FIRING_TITLES)
def test_the_not_found_screen_lets_every_firing_title_through(title: str) -> None:
    assert title_says_not_found(title) is not None
    assert _has_not_found_word(title)
    assert _has_not_found_word(title.replace("o", "&amp;#111;"))  # entities, decoded twice


def test_every_not_found_pattern_has_a_firing_title() -> None:
    """So that a pattern added to `_NOT_FOUND` without a sample here (and maybe without a screen
    word) fails a test."""
    for language, patterns in _NOT_FOUND.items():
        for pattern in patterns:
            assert any(pattern.search(t) for t in FIRING_TITLES), (language, pattern.pattern)


def fetched(body: bytes, url: str = "https://news.example/2021/06/port-dues") -> FetchResult:
    return FetchResult(
        url=url,
        status=LinkStatus.OK,
        http_status=200,
        body=body,
        content_type="text/html; charset=utf-8",
        headers=(("content-type", "text/html; charset=utf-8"),),
    )


def outcome(result: FetchResult, *, eager: bool) -> tuple[object, ...]:
    """What the static rules decide; `eager`: without the screen that spares most pages the
    title and heading check (the reference the screened path is compared with)."""
    with pytest.MonkeyPatch.context() as patch:
        if eager:
            patch.setattr(_LazyPage, "may_say_not_found", lambda self: True)
        decided, lazy = _static_rules(result)
    if decided is not None:
        return (decided.status, decided.detail)
    return ("undecided", lazy.parsed().text if lazy is not None else None)


TRICKY_HEADINGS = [
    "<h1>Page not f&amp;#111;und</h1>",
    "<H1 class=x>Page <b>not</b> fo<i>und</i></H1>",
    "<h1>Page not fo<!-- a > b -->und</h1>",
    "<h1>Page not <!-- </h1> -->found</h1>",
    "<h1>Page not found",
    "<h1><script>var a = '</h1>'</script>Page not found</h1>",
    "<h1>SAYFA BULUNAMADI</h1>",
    "<h1>Страница не найдена</h1>",
]


@pytest.mark.parametrize("heading", TRICKY_HEADINGS)
def test_screened_rules_decide_as_the_full_parse_does_on_tricky_headings(heading: str) -> None:
    body = ARTICLE.replace(b"<h1>Port dues rise</h1>", heading.encode())
    result = fetched(body)
    assert outcome(result, eager=False) == outcome(result, eager=True)


def corpus_pages() -> list[Path]:
    pages = sorted(fixture_path("pages", "softwalls", "x").parent.iterdir())
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "pages"
    return pages + sorted(corpus.glob("*.html"))


def test_screened_rules_decide_as_the_full_parse_does_on_every_fixture_page() -> None:
    paths = corpus_pages()
    assert len(paths) > 20
    for path in paths:
        for status in (200, 403, 503):
            result = replace(fetched(path.read_bytes(), f"https://news.example/a/{path.stem}"))
            result = replace(result, http_status=status)
            assert outcome(result, eager=False) == outcome(result, eager=True), path.name


def test_an_ordinary_article_is_decided_without_parsing_it() -> None:
    decided, lazy = _static_rules(fetched(ARTICLE))
    assert decided is None and lazy is not None
    assert lazy._page is None


def test_a_marker_on_a_long_page_is_checked_against_the_parsed_text() -> None:
    long_read = ARTICLE.replace(b"</main>", ARTICLE.split(b"</h1>")[1].split(b"</main>")[0] * 2)
    body = long_read + b"<p>Visitors saw 'cf-chl-widget' boxes.</p>"
    assert len(page_text(body)) > 2 * 2000
    decided, lazy = _static_rules(fetched(body))
    assert decided is None and lazy is not None
    assert lazy._page is not None  # parsed to learn that the text is long: not a wall


def test_an_honest_host_answer_needs_no_page_text() -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        return httpx.Response(404, content=b"no", headers={"content-type": "text/html"})

    async def main() -> tuple[FetchResult, bool]:
        transport = httpx.MockTransport(handler)
        settings = Settings.build({"no_cache": True, "retries": 0})
        async with Fetcher(
            settings, transport_factory=lambda host: transport, resolver=public_resolver
        ) as fetcher:
            result = fetched(ARTICLE)
            _, lazy = _static_rules(result)
            assert lazy is not None
            out = await PageClassifier(settings)._probe_rule(result, lazy, fetcher)
            return out, lazy._page is None

    result, unparsed = asyncio.run(main())
    assert result.status is LinkStatus.OK
    assert len(paths) == 1  # the probe
    assert unparsed


# --------------------------------------------------------------------------- archived copies, teasers


def test_classify_capture_applies_the_static_rules_without_a_probe() -> None:
    assert classify_capture(fetched(page("notfound_tr.html"))).status is LinkStatus.SOFT_404
    walled = classify_capture(fetched(page("cloudflare_challenge.html")))
    assert walled.status is LinkStatus.BLOCKED and walled.error == "bot wall"
    # A catch-all host's template is left alone: telling it apart needs the random-path probe.
    assert classify_capture(fetched(page("soft_host_template.html"))).status is LinkStatus.OK


def test_a_teaser_is_blocked_but_still_served_for_reading() -> None:
    teaser = one(answer(200, page("paywall_teaser.html")))
    assert teaser.status is LinkStatus.BLOCKED and serves_teaser(teaser)
    assert not serves_teaser(one(answer(402)))
    assert not serves_teaser(one(answer(200, page("cloudflare_challenge.html"))))
    assert not serves_teaser(replace(teaser, body=None))


def test_the_wayback_note_is_not_part_of_the_soft_404_rule() -> None:
    result = one(answer(200, page("notfound_en.html")))
    noted = replace(result, detail=f"{result.detail}; Wayback Machine: no archived copy found")
    assert describe(noted) == describe(result)
    assert describe(result)[0] == "title says not found (en)"


def test_a_challenge_page_sent_with_503_is_a_bot_wall_when_its_body_is_there() -> None:
    # What `classify` decides once the fetcher keeps an error answer's body (see fetch.py).
    challenge = replace(
        fetched(page("cloudflare_challenge.html")),
        status=LinkStatus.ERROR,
        http_status=503,
        headers=(("content-type", "text/html"), ("server", "cloudflare"), ("cf-ray", "8abc")),
    )
    decided, _ = _static_rules(challenge)
    assert decided is not None and decided.status is LinkStatus.BLOCKED
    assert decided.detail.startswith("bot wall (cloudflare challenge page)")
    # Without the body, a 503 from behind Cloudflare is the origin's error, as it says.
    plain, _ = _static_rules(replace(challenge, body=None))
    assert plain is not None and plain.status is LinkStatus.ERROR


def test_challenge_vendor_names_the_wall_of_an_error_answer() -> None:
    cf = [("server", "cloudflare"), ("cf-ray", "8abc-LHR")]
    assert challenge_vendor(cf, page("cloudflare_challenge.html")) == "cloudflare"
    assert challenge_vendor([("cf-mitigated", "challenge")], None) == "cloudflare"
    assert challenge_vendor(cf, b"<html><body>Service Unavailable</body></html>") is None
    assert challenge_vendor(cf, None) is None
