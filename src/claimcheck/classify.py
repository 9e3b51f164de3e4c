"""Tell a real answer from a soft 404, a bot wall or a paywall (issue 6, Deliver 2 and 3).

A server often says `200 OK` for a page that is gone (a *soft 404*), and CDNs answer automated
clients with a challenge page instead of the article (a *bot wall*), on `200`, `403` or `503`.
`PageClassifier.classify()` looks at one `FetchResult` and re-classifies it; each verdict names
the rule that fired in `FetchResult.detail`, which starts with one of:

- `soft 404: ...` — status `soft_404`; only for 2xx answers. Rules, in order: the deep link was
  redirected to the site root (`redirect to the site root`); the final URL says 404 / not found
  (`final URL says not found`); the `<title>` or main `<h1>` says "not found" (`title says not
  found (tr)`, with the language) on a page with little text of its own (an article titled "Page
  Not Found: the film review" is not an error page); the page is near-identical to what the host
  serves for a random path (`same page as a random path on the host`, one probe per host per run).
- `bot wall (VENDOR challenge): HINT` — status `blocked`: `cf-mitigated`, 999, a 403, or a CDN's
  challenge page (Cloudflare, Akamai, DataDome, PerimeterX, Imperva/Incapsula, Sucuri, AWS WAF,
  Vercel) on any status.
- `paywall (...): HINT` — status `blocked`: 401, 402, a redirect to a sign-in or subscription page,
  or a page that marks itself as subscriber-only and serves only a teaser.
- `legal block (451 ...)` — status `blocked`.

A bot wall or a paywall is `blocked`, never `dead`: the page may well be there. claimcheck makes no
attempt to get around either; the hint says to check the page in a browser.

`classify_capture(result)` applies the rules that need no request to an archived copy (the
Wayback fallback passes over a capture that is a soft 404 or a bot wall).

`describe(result)` splits such a detail into the rule (for `SourceReport.soft_404_rule`) and the
hint (for `SourceReport.hint`). `page_text()` is the cheap boilerplate-free text used for the
random-path comparison and for the lock file's content hash (`claimcheck.lock`).

Only the body the fetcher returned is inspected: for error statuses the fetcher drains the body
without keeping it, so on a `403`/`503` only the headers (and any body a replay carries) count.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from claimcheck.encoding import charset_header, decode_html, with_charset
from claimcheck.model import FetchResult, LinkStatus
from claimcheck.settings import Settings
from claimcheck.sniff import media_type, sniff_kind

if TYPE_CHECKING:
    from claimcheck.fetch import Fetcher

logger = logging.getLogger(__name__)

__all__ = [
    "BOT_WALL_HINT",
    "challenge_vendor",
    "classify_capture",
    "serves_teaser",
    "PAYWALL_HINT",
    "PageClassifier",
    "describe",
    "page_text",
    "shingle_similarity",
    "title_says_not_found",
]

BOT_WALL_HINT = "open in a browser; claimcheck does not get around it"
PAYWALL_HINT = "check it with a subscription or in a browser; claimcheck does not get around it"
#: How the Wayback fallback's note starts in a source's `detail` (`wayback.ARCHIVE_NOTE`).
ARCHIVE_NOTE = "; Wayback Machine: "
LEGAL_HINT = "the site withholds the page for legal reasons, at least from where this ran"

#: Only this much of a body is searched for challenge and paywall markers: every CDN challenge
#: page we know of is under 64 KB, and the markers sit in its first few KB.
MARKER_WINDOW = 256 * 1024
#: A 200 answer is a challenge page only when, besides a marker, it carries little readable
#: text. The challenge pages in `tests/fixtures/pages/softwalls` have 60-400 characters of text;
#: 2,000 leaves room for translations and footers, while an article that merely *mentions* a
#: marker (a story about Cloudflare quoting "Just a moment...") has far more.
CHALLENGE_MAX_TEXT = 2000
#: A page that marks itself as subscriber-only is `blocked` only when it serves a teaser of at
#: most this many characters of text; a longer one (metered and "first click free" sites send the
#: whole article to the first visit) is left `ok` for matching, with a note in `detail`.
TEASER_MAX_TEXT = 2500
#: The paywall rule for a subscriber-only page that serves only a teaser (its text is read).
TEASER_RULE = "marked subscriber-only, only a teaser served"
#: A title or heading longer than this is an article's headline that happens to contain the words
#: "not found", not an error page's label ("Page not found – Site name" is 4-8 words).
TITLE_MAX_WORDS = 12
#: The title/heading rule fires only on a page with at most this many characters of text of its
#: own (outside links, navigation, header and footer): error pages carry a sentence or two and
#: lists of links (the not-found fixtures have under 110 characters), an article far more.
NOT_FOUND_MAX_PROSE = 400
#: ... or this many when the title or heading is the not-found label and little else (at most
#: `BARE_LABEL_WORDS` words besides, such as a site name: "The page cannot be found", "Page not
#: found – Harbor Gazette"): IIS-style error pages explain at length what to try next.
NOT_FOUND_MAX_PROSE_BARE = 1200
BARE_LABEL_WORDS = 2
#: Word shingles of this length are compared for the random-path rule: 3-word shingles make two
#: pages built on one template share their boilerplate but not their text.
SHINGLE = 3
#: Jaccard similarity of the shingle sets at or above which a page is "the same page" as what the
#: host serves for a random path. A not-found template served at two paths differs only in the
#: echoed path and per-request tokens (>= 0.95 on the fixtures); two articles on one template share
#: only navigation, well under 0.5 once `page_text()` has dropped it.
SAME_PAGE = 0.9


# --------------------------------------------------------------------------- markers


@dataclass(frozen=True)
class _Marker:
    vendor: str
    pattern: re.Pattern[str]
    #: A literal every match contains: `needle in window` (a fast substring scan) rules the
    #: pattern out before the regex runs. A pattern starting with `\b` or a class gets no literal
    #: prefix scan from `re` and costs 2-3 ms over 256 KB; all 25 markers cost ~13 ms a page
    #: unscreened against ~0.3 ms screened (bench/verify pages).
    needle: str

    def search(self, window: str) -> bool:
        return self.needle in window and self.pattern.search(window) is not None


def _markers(vendor: str, *patterns: str | tuple[str, str]) -> list[_Marker]:
    """A vendor's markers: a literal string (its own needle), or `(needle, pattern)`.

    Searched in a lower-cased window: case-sensitive patterns are ten times faster than
    re.IGNORECASE ones over 256 KB.
    """
    pairs = [(p, re.escape(p)) if isinstance(p, str) else p for p in patterns]
    return [_Marker(vendor, re.compile(pattern), needle) for needle, pattern in pairs]


#: Body markers of CDN challenge and block pages: specific to the challenge, not to the CDN
#: (Cloudflare injects `/cdn-cgi/challenge-platform/` scripts into ordinary pages too, so that
#: path alone is not a marker; `_cf_chl_opt` and `cf-chl-` only appear on challenges).
_BODY_MARKERS: list[_Marker] = [
    *_markers(
        "cloudflare",
        "_cf_chl_opt",
        ("cf-chl-", r"\bcf-chl-"),
        ("just a moment", r"<title>\s*just a moment\.\.\.\s*</title>"),
        ("attention required", r"<title>\s*attention required!\s*\|\s*cloudflare\s*</title>"),
        (
            "checking ",
            r"checking (?:if the site connection is secure|your browser before accessing)",
        ),
        'id="cf-error-details"',
    ),
    *_markers(
        "akamai",
        ("edgesuite", r"errors(?:\.|&#46;)edgesuite(?:\.|&#46;)net"),
        "/_sec/cp_challenge/",
        "sec-if-cpt-container",
        (
            "reference&#32;&#35;",
            r"<title>\s*access denied\s*</title>[\s\S]{0,2000}reference&#32;&#35;",
        ),
    ),
    *_markers(
        "datadome",
        "captcha-delivery.com",
        ("datadome", r"\bdatadome\b.{0,200}captcha"),
    ),
    *_markers(
        "perimeterx",
        ("px-captcha", r"\bpx-captcha\b"),
        "_pxappid",
        "captcha.px-cdn.net",
        "client.perimeterx.net",
        (
            "we believe you are using automation",
            r"access to this page has been denied because we believe you are using automation",
        ),
    ),
    *_markers(
        "imperva",
        "_incapsula_resource",
        "incapsula incident id",
        ("request unsuccessful", r"request unsuccessful\. incapsula"),
    ),
    *_markers(
        "sucuri",
        "sucuri website firewall",
        "sucuri_cloudproxy_js",
        "cloudproxy@sucuri.net",
    ),
    *_markers(
        "aws waf",
        "awswafintegration",
        ("awswaf", r"\bawswaf\b.{0,200}challenge"),
    ),
]

#: Headers that only a challenge or block answer carries, on any status.
_STRONG_HEADERS: list[tuple[str, str, re.Pattern[str]]] = [
    ("cloudflare", "cf-mitigated", re.compile(r".", re.S)),
    ("cloudflare", "cf-chl-bypass", re.compile(r".", re.S)),
    ("aws waf", "x-amzn-waf-action", re.compile(r"challenge|captcha|block", re.I)),
    ("vercel", "x-vercel-mitigated", re.compile(r"challenge|deny", re.I)),
    ("sucuri", "x-sucuri-block", re.compile(r".", re.S)),
    ("datadome", "x-dd-b", re.compile(r".", re.S)),
]

#: Headers that name the CDN answering; they say who refused us when the answer is a 403, and
#: nothing on other statuses (a CDN also serves the site's ordinary pages and 404s).
_CDN_HEADERS: list[tuple[str, str, re.Pattern[str]]] = [
    ("cloudflare", "server", re.compile(r"^cloudflare", re.I)),
    ("akamai", "server", re.compile(r"akamaighost", re.I)),
    ("akamai", "akamai-grn", re.compile(r".", re.S)),
    ("datadome", "x-datadome", re.compile(r".", re.S)),
    ("datadome", "set-cookie", re.compile(r"^datadome=", re.I)),
    ("perimeterx", "set-cookie", re.compile(r"^_px(?:3|hd|vid)?=", re.I)),
    ("imperva", "x-iinfo", re.compile(r".", re.S)),
    ("imperva", "x-cdn", re.compile(r"incapsula|imperva", re.I)),
    ("imperva", "set-cookie", re.compile(r"^(?:incap_ses_|visid_incap_)", re.I)),
    ("sucuri", "x-sucuri-id", re.compile(r".", re.S)),
    ("sucuri", "server", re.compile(r"sucuri", re.I)),
]

#: Signs that a page is for subscribers only (schema.org's paywall markup, Open Graph's content
#: tier, and the gate texts of common paywall vendors).
_PAYWALL_MARKUP = [
    _Marker("markup", re.compile(r'"isaccessibleforfree"\s*:\s*"?false"?'), "isaccessibleforfree"),
    _Marker(
        "markup",
        re.compile(r'<meta[^>]+content_tier[^>]+content="(?:locked|metered)"'),
        "content_tier",
    ),
    _Marker(
        "markup",
        re.compile(r'<meta[^>]+content="(?:locked|metered)"[^>]+content_tier'),
        "content_tier",
    ),
]
#: Gate texts: only count in a page short enough to be a teaser. The English gate has three
#: shapes, one needle each.
_PAYWALL_TEXTS = [
    _Marker("text", re.compile(r"subscribe to (?:continue|keep) reading"), "subscribe to"),
    _Marker(
        "text",
        re.compile(
            r"this (?:article|story|content) is (?:for|available to|reserved for) "
            r"(?:subscribers|members) only"
        ),
        "ers only",
    ),
    _Marker(
        "text",
        re.compile(r"to continue reading,? (?:please )?(?:subscribe|log in|sign in)"),
        "to continue reading",
    ),
    _Marker("text", re.compile(r"abonnez-vous pour lire la suite"), "abonnez-vous"),
    _Marker("text", re.compile(r"réservé aux abonnés"), "réservé aux abonnés"),
    _Marker("text", re.compile(r"nur für abonnenten"), "nur für abonnenten"),
    _Marker("text", re.compile(r"jetzt weiterlesen mit"), "jetzt weiterlesen mit"),
    _Marker("text", re.compile(r"abonelere özel"), "abonelere özel"),
    _Marker("text", re.compile(r"contenido (?:exclusivo )?para suscriptores"), "para suscriptores"),
    _Marker("text", re.compile(r"доступно только (?:для )?подписчик"), "доступно только"),
]

#: Paths of sign-in and subscription pages a paywalled deep link is redirected to.
_LOGIN_PATH = re.compile(
    r"/(?:login|log-in|signin|sign-in|sign_in|subscribe|subscription|subscriptions|paywall|"
    r"register|registration|account/login|barrier|abonnement|abonnieren|abone-ol)(?:[/?.#]|$)",
    re.I,
)

#: "Not found" in a page's title or main heading, by language (at least the six of issue 6).
#: A pattern names the page ("page not found", "sayfa bulunamadı") or stands for the whole
#: segment ("Not Found", "404"), so that a headline about someone *not found* does not fire.
_NOT_FOUND: dict[str, list[re.Pattern[str]]] = {
    "en": [
        re.compile(p, re.I)
        for p in (
            r"\b(?:page|file|article|content|document|resource|url|post)s?\s+(?:was\s+)?not\s+found\b",
            r"^(?:error\s*)?(?:404\s*)?[-:–—]?\s*not\s+found[.!]?$",
            r"^(?:error\s+)?404(?:\s+error)?[.!]?$",
            r"\bpage\b.{0,40}?\b(?:can(?:no|['’])?t|could\s*n['’]?t|could\s+not)\s+be\s+found\b",
            r"\bpage\b.{0,40}?\b(?:does\s*n['’]?t|does\s+not)\s+exist\b",
            r"\bpage\s+(?:is\s+)?no\s+longer\s+available\b",
            r"^nothing\s+(?:was\s+)?found[.!]?$",
        )
    ],
    "tr": [
        re.compile(p, re.I)
        for p in (
            r"\b(?:sayfa|i[çc]erik|haber|dosya|makale)(?:\s+\w+)?\s+bulunamad[ıi]\b",
            r"^bulunamad[ıi][.!]?$",
            r"\bsayfa\s+(?:mevcut\s+de[ğg]il|yok)\b",
            r"\b404\s+hatas[ıi]\b|\bhata\s+404\b",
        )
    ],
    "fr": [
        re.compile(p, re.I)
        for p in (
            r"\bpage\s+(?:non\s+trouv[ée]e|introuvable|inexistante)\b",
            r"^introuvable[.!]?$",
            r"\bla\s+page\s+(?:demand[ée]e\s+)?n['’]existe\s+(?:pas|plus)\b",
            r"\berreur\s+404\b",
        )
    ],
    "de": [
        re.compile(p, re.I)
        for p in (
            r"\bseite\s+(?:wurde\s+)?nicht\s+gefunden\b",
            r"^(?:404\s*[-:–]?\s*)?nicht\s+gefunden[.!]?$",
            r"\bseite\s+existiert\s+nicht(?:\s+mehr)?\b",
            r"\bfehler\s*404\b|\b404\s*-?\s*fehler\b",
        )
    ],
    "es": [
        re.compile(p, re.I)
        for p in (
            r"\bp[áa]gina\s+no\s+(?:encontrada|existe)\b",
            r"^no\s+encontrad[ao][.!]?$",
            r"\bno\s+se\s+(?:ha\s+)?(?:encontrado|encontr[óo]|pudo\s+encontrar)\s+la\s+p[áa]gina\b",
            r"\berror\s+404\b",
        )
    ],
    "ru": [
        re.compile(p, re.I)
        for p in (
            r"\bстраница\s+не\s+(?:найдена|существует)\b",
            r"^не\s+найден[ао]?[.!]?$",
            r"\bошибка\s+404\b",
        )
    ],
    "it": [re.compile(r"\bpagina\s+non\s+trovata\b", re.I)],
    "pt": [re.compile(r"\bp[áa]gina\s+n[ãa]o\s+encontrada\b", re.I)],
    "nl": [re.compile(r"\bpagina\s+niet\s+gevonden\b", re.I)],
}

#: Separators between a page's own title and the site name ("Page not found | Example News").
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•»:]\s+|\s+-\s+|\s+::\s+")

#: Tokens in a final URL that say it is an error page (whole path segments or file names).
_NOT_FOUND_URL = re.compile(
    r"(?:^|[/_\-.?=&])(?:404|error-?404|404-?error|not-?found|not_found|page-?not-?found|"
    r"page_not_found|pagenotfound|notfound)(?:$|[/_\-.?=&#])",
    re.I,
)

#: The paths a "site root" redirect lands on.
_ROOT_PATH = re.compile(r"^/?(?:index\.(?:html?|php|aspx?))?$|^/[a-z]{2}(?:[-_][a-z]{2})?/?$", re.I)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


# --------------------------------------------------------------------------- the classifier


@dataclass(frozen=True)
class _Probe:
    """What a host serves for a random path: its words, `None` when it answers honestly (4xx)."""

    url: str
    words: tuple[str, ...] | None
    token: str


class PageClassifier:
    """Re-classifies fetched pages: soft 404s, bot walls and paywalls (`verify.SourceClassifier`).

    Keeps one random-path probe per origin (scheme, host and port) for the run; concurrent
    classifications of pages from one host share it. `settings` is kept for the run's options
    (the probe goes through the run's `Fetcher`, so `--replay`, `--exclude` and the per-host
    limits apply to it as to any other request).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._probes: dict[str, asyncio.Future[_Probe | None]] = {}

    async def classify(self, result: FetchResult, fetcher: Fetcher) -> FetchResult:
        """`result` as it is, or re-classified with the rule that fired in `detail`."""
        if result.body:
            decided, page = await asyncio.to_thread(_static_rules, result)
        else:
            decided, page = _static_rules(result)
        if decided is not None:
            return decided
        if page is None:
            return result
        return await self._probe_rule(result, page, fetcher)

    async def _probe_rule(
        self, result: FetchResult, page: _LazyPage, fetcher: Fetcher
    ) -> FetchResult:
        landing = landing_url(result)
        parts = urlsplit(landing)
        if _ROOT_PATH.match(parts.path) and not parts.query:
            return result  # the home page itself is what a random path may fall back to
        origin = f"{parts.scheme}://{parts.netloc}"
        pending = self._probes.get(origin)
        if pending is None:
            pending = asyncio.ensure_future(self._probe(origin, fetcher))
            self._probes[origin] = pending
        probe = await asyncio.shield(pending)
        if probe is None or probe.words is None:
            return result  # an honest host: the page's text is never needed
        text = (await asyncio.to_thread(page.parsed)).text
        # Not-found pages often echo the path asked for: leave those words out on both sides.
        echoed = {probe.token, *_url_words(landing), *_url_words(result.url)}
        similarity = shingle_similarity(
            _shingles(_words(text), drop=echoed), _shingles(probe.words, drop=echoed)
        )
        if similarity >= SAME_PAGE:
            return _soft_404(result, f"same page as a random path on the host ({similarity:.0%})")
        return result

    async def _probe(self, origin: str, fetcher: Fetcher) -> _Probe | None:
        token = probe_token(origin)
        url = f"{origin}/{token}"
        answer = await fetcher.fetch(url, probe=True)
        code = answer.http_status
        logger.debug("soft-404 probe %s: %s %s", url, answer.status.value, code)
        if code is None:
            return None  # could not tell (timeout, refused, not in the replayed WARC)
        if not 200 <= code < 300 or not answer.body or not _is_html(answer):
            return _Probe(url, None, token)  # an honest host: a random path is an error
        page = await asyncio.to_thread(_read_page, answer.body, charset_header(answer.headers))
        return _Probe(url, _words(page.text), token)


def probe_token(origin: str) -> str:
    """The random-looking path segment probed on `origin`.

    Derived from the origin rather than drawn afresh: no real page lives there, but a `--record`ed
    run and its `--replay` ask for the same URL, and the HTTP cache can answer a repeated run.
    """
    return hashlib.sha256(f"claimcheck soft-404 probe {origin}".encode()).hexdigest()[:20]


# --------------------------------------------------------------------------- rules


def _static_rules(result: FetchResult) -> tuple[FetchResult | None, _LazyPage | None]:
    """Every rule that needs no request: a decision, or the (lazily parsed) page for the probe
    rule.

    The full parse of the page (`_read_page`, ~3 ms for a 250 KB article) is done only when an
    answer depends on it: a challenge or paywall marker was found and the rule needs to know
    whether the page's text is short, or a `<title>`/`<h1>` in the source contains a word that
    "not found" is said with in some language. An ordinary article trips neither and is decided
    from substring scans (`tests/unit/test_classify.py` compares them with the full parse).
    """
    headers = _header_map(result.headers)
    code = result.http_status
    success = code is not None and 200 <= code < 300
    content_type = charset_header(result.headers)
    page: _LazyPage | None = None
    if result.body and _is_html(result):
        page = _LazyPage(result.body, content_type)
    vendor = _strong_header(headers)
    if vendor is not None:
        return _bot_wall(result, f"{vendor} challenge"), None
    window = _window(result.body, content_type) if result.body else ""
    if window:
        # The marker is looked for first: it is rare and cheap to rule out; the text length that
        # tells a challenge page from an article quoting one needs the parse.
        vendor = _body_marker(window)
        if vendor is not None and (
            not success or page is None or len(page.parsed().text) <= CHALLENGE_MAX_TEXT
        ):
            return _bot_wall(result, f"{vendor} challenge page"), None
    if code is not None and not success:
        return _refusal(result, code, headers), None
    if not success or result.status not in (LinkStatus.OK, LinkStatus.REDIRECTED):
        return None, None
    served = with_charset(result.content_type, result.headers)  # as `verify` reads it
    if result.body and sniff_kind(result.body, served) == "unsupported":
        # SPEC §4: a link whose body is no type claimcheck reads (an image, JSON, an archive)
        # is `error`; its claims are `error` too, never `unreachable`.
        shown = media_type(served) or "unknown"
        return replace(
            result,
            status=LinkStatus.ERROR,
            error="unsupported",
            detail=f"unsupported content type: {shown}",
        ), None
    landing = landing_url(result)
    if _LOGIN_PATH.search(urlsplit(landing).path) and not _LOGIN_PATH.search(
        urlsplit(result.url).path
    ):
        return _paywall(result, "redirected to a sign-in or subscription page"), None
    rule = _url_rule(result.url, landing)
    if rule is not None:
        return _soft_404(result, rule), None
    if page is None:
        return None, None
    if page.may_say_not_found():
        parsed = page.parsed()
        for where, text in (("title", parsed.title), ("heading", parsed.heading)):
            label = _not_found_label(text)
            if label is None:
                continue
            language, besides = label
            limit = NOT_FOUND_MAX_PROSE_BARE if besides <= BARE_LABEL_WORDS else NOT_FOUND_MAX_PROSE
            if parsed.prose <= limit:
                return _soft_404(result, f"{where} says not found ({language})"), None
    markup = any(m.search(window) for m in _PAYWALL_MARKUP)
    gate = not markup and any(m.search(window) for m in _PAYWALL_TEXTS)
    if markup or gate:
        teaser = len(page.parsed().text) <= TEASER_MAX_TEXT
        if teaser:
            return _paywall(result, TEASER_RULE), None
        if markup:
            note = "marked subscriber-only, but the text is served"
            detail = f"{result.detail}; {note}" if result.detail else note
            return replace(result, detail=detail), None
    return None, page


def _refusal(result: FetchResult, code: int, headers: Mapping[str, list[str]]) -> FetchResult:
    """A 4xx/5xx/999 answer without a challenge marker: name the wall, or leave it be."""
    if code == 999:
        return _bot_wall(result, "999, the answer LinkedIn and others give automated clients")
    if code == 403:
        vendor = _cdn(headers)
        return _bot_wall(result, f"{vendor} block" if vendor else "403 Forbidden")
    if code == 401:
        return _paywall(result, "401 Unauthorized: sign-in required")
    if code == 402:
        return _paywall(result, "402 Payment Required")
    if code == 451:
        return replace(
            result,
            status=LinkStatus.BLOCKED,
            error="legal block",
            detail=f"legal block (451 Unavailable For Legal Reasons): {LEGAL_HINT}",
        )
    return result


def _url_rule(url: str, landing: str) -> str | None:
    """The soft-404 rules about where a deep link landed."""
    cited, land = urlsplit(url), urlsplit(landing)
    deep = not _ROOT_PATH.match(cited.path) or bool(cited.query)
    if deep and _ROOT_PATH.match(land.path) and not land.query:
        return "redirect to the site root"
    said = f"{land.path}?{land.query}"
    if _NOT_FOUND_URL.search(said) and not _NOT_FOUND_URL.search(f"{cited.path}?{cited.query}"):
        return "final URL says not found"
    return None


def _fold_title(text: str) -> str:
    """NFC, and the Turkish dotted capital I as `i` (`re.I` would leave "İ" unmatched by "i")."""
    return unicodedata.normalize("NFC", text).replace("İ", "i")


def title_says_not_found(title: str | None) -> str | None:
    """The language in which `title` (a `<title>` or heading) says "not found", else `None`.

    The title is split at the separators between a page's name and the site's ("Page not found |
    Example"), and only a segment of at most `TITLE_MAX_WORDS` words counts.
    """
    label = _not_found_label(title)
    return label[0] if label else None


def _not_found_label(title: str | None) -> tuple[str, int] | None:
    """`(language, words besides)`: how `title` says "not found", and how many of its words are
    outside the not-found phrase (fewest over the phrases that fire); `None` if it does not."""
    if not title:
        return None
    text = re.sub(r"\s+", " ", _fold_title(title)).strip()
    segments = [text, *(_s.strip() for _s in _TITLE_SEPARATORS.split(text))]
    total = len(_WORD.findall(text))
    found: tuple[str, int] | None = None
    for segment in segments:
        if not segment or len(segment.split()) > TITLE_MAX_WORDS:
            continue
        for language, patterns in _NOT_FOUND.items():
            for pattern in patterns:
                match = pattern.search(segment)
                if match is None:
                    continue
                besides = total - len(_WORD.findall(match.group(0)))
                if found is None or besides < found[1]:
                    found = (found[0] if found else language, besides)
    return found


#: `FetchResult.error` of the Wayback fallback's answer when the archive failed to answer (not
#: "nothing archived"): an outage of the archive, which says nothing about the source.
ARCHIVE_FAILED = "archive lookup failed"


def soft_404_by_title(result: FetchResult) -> bool:
    """Whether `result` is a soft 404 only by its `<title>`/`<h1>` ("Page Not Found: a review",
    "Error 404" — a film, an album): claims are still checked against its text, and a quote
    found on it is verified, as no error page holds the article's quotation (`verify`)."""
    return (
        result.status is LinkStatus.SOFT_404
        and result.body is not None
        and (result.detail or "").startswith("soft 404: title says not found")
    )


def serves_teaser(result: FetchResult) -> bool:
    """Whether `result` is a paywalled page that served a teaser: `blocked`, but with a body whose
    text claims are still checked against (`verify`)."""
    return (
        result.status is LinkStatus.BLOCKED
        and result.error == "paywall"
        and result.body is not None
        and (result.detail or "").startswith(f"paywall ({TEASER_RULE})")
    )


def challenge_vendor(
    headers: Iterable[tuple[str, str]], body: bytes | None, content_type: str | None = None
) -> str | None:
    """The CDN whose challenge or block page an answer is (a challenge-only header, or a body
    marker), else `None`. For the fetcher: a 503 that is a challenge (Cloudflare's "under attack"
    mode) is no server error to retry, and its body is what tells the classifier it is a wall.
    Only for error answers: a 200 page that mentions a marker may be an article about walls."""
    vendor = _strong_header(_header_map(headers))
    if vendor is not None or not body:
        return vendor
    return _body_marker(_window(body, content_type))


def classify_capture(result: FetchResult) -> FetchResult:
    """`result` (an archived copy, as the page it was: `url` cited, `final_url` where it landed)
    re-classified by the rules that need no request, or as it is.

    The random-path rule is left out: its probe would ask the archive, not the site.
    """
    decided, _ = _static_rules(result)
    return decided if decided is not None else result


def landing_url(result: FetchResult) -> str:
    """The URL whose answer `result` holds (the end of the redirect chain).

    For a `redirected` result `final_url` is the target of the last *permanent* hop; when
    temporary hops followed it, the fetcher names the URL that answered in `detail`.
    """
    later = _THEN_TEMPORARILY.search(result.detail or "")
    if later is not None:
        return later.group(1)
    return result.final_url or result.request_url or result.url


_THEN_TEMPORARILY = re.compile(r"\(then temporarily to (\S+)\)")


def _soft_404(result: FetchResult, rule: str) -> FetchResult:
    return replace(result, status=LinkStatus.SOFT_404, error="soft 404", detail=f"soft 404: {rule}")


def _bot_wall(result: FetchResult, what: str) -> FetchResult:
    return replace(
        result,
        status=LinkStatus.BLOCKED,
        error="bot wall",
        detail=f"bot wall ({what}): {BOT_WALL_HINT}",
    )


def _paywall(result: FetchResult, what: str) -> FetchResult:
    return replace(
        result,
        status=LinkStatus.BLOCKED,
        error="paywall",
        detail=f"paywall ({what}): {PAYWALL_HINT}",
    )


def describe(result: FetchResult) -> tuple[str | None, str | None]:
    """`(soft_404_rule, hint)` for a `SourceReport`, from a classified result's `detail`."""
    # What the Wayback fallback adds ("; Wayback Machine: no archived copy found") is no rule.
    detail = (result.detail or "").split(ARCHIVE_NOTE, 1)[0]
    if result.status is LinkStatus.SOFT_404 and detail.startswith("soft 404: "):
        return detail.removeprefix("soft 404: "), (
            "the page is gone though the site answers 200: look for its new address or an "
            "archived copy"
        )
    if result.status is LinkStatus.BLOCKED:
        for prefix in ("bot wall (", "paywall (", "legal block ("):
            if detail.startswith(prefix) and "): " in detail:
                return None, detail.split("): ", 1)[1]
    return None, None


# --------------------------------------------------------------------------- markers


def _header_map(headers: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in headers:
        out.setdefault(name.lower(), []).append(value.strip())
    return out


def _match_headers(
    headers: Mapping[str, list[str]], table: list[tuple[str, str, re.Pattern[str]]]
) -> str | None:
    for vendor, name, pattern in table:
        if any(pattern.search(v) for v in headers.get(name, ())):
            return vendor
    return None


def _strong_header(headers: Mapping[str, list[str]]) -> str | None:
    return _match_headers(headers, _STRONG_HEADERS)


def _cdn(headers: Mapping[str, list[str]]) -> str | None:
    return _match_headers(headers, _CDN_HEADERS)


def _body_marker(window: str) -> str | None:
    for marker in _BODY_MARKERS:
        if marker.search(window):
            return marker.vendor
    return None


# --------------------------------------------------------------------------- reading pages


@dataclass(frozen=True)
class _Page:
    title: str | None
    heading: str | None
    text: str
    prose: int = 0  # characters of `text` outside links


class _LazyPage:
    """An HTML body parsed (`_read_page`) on first need, then kept.

    The decoded source is not kept: the screen (`may_say_not_found`) and the parse each decode
    the body (a fraction of a millisecond), and a page object outlives its check while other
    fetches run. Keeping the text as well cost `bench/verify` 40 MB of peak memory.
    """

    def __init__(self, body: bytes, content_type: str | None) -> None:
        self.body = body
        self.content_type = content_type
        self._page: _Page | None = None

    def parsed(self) -> _Page:
        if self._page is None:
            self._page = _read_page(self.body, self.content_type)
        return self._page

    def may_say_not_found(self) -> bool:
        """False only when neither the `<title>` nor any `<h1>` can say "not found".

        A superset of what the parse sees: every `<title`/`<h1` start tag in the decoded source
        (also those inside scripts and comments, which the parser would skip), each read up to
        the next matching end tag (or the end of the page), checked for a word that every
        `_NOT_FOUND` pattern contains, both with the tags stripped (the text the parser
        joins) and as it is (a parser that keeps `<title>` content raw). Anything the cheap
        reading could get wrong (a comment, script, style or CDATA inside the element) answers
        True, and the page is parsed.
        """
        source = decode_html(self.body, self.content_type)
        for start in _TITLE_OR_H1.finditer(source):
            closing = _TITLE_END if start.group(1)[0] in "tT" else _H1_END
            end = closing.search(source, start.end())
            chunk = source[start.start() : end.start() if end else len(source)]
            lowered = chunk.lower()
            if any(tricky in lowered for tricky in _TRICKY):
                return True
            for candidate in (_TAG.sub("", chunk), chunk):
                if _has_not_found_word(candidate):
                    return True
        return False


#: Start tags of a title or a first-level heading (the parser folds case, so does this; the
#: literal `<` gives `re` a fast scan for candidates).
_TITLE_OR_H1 = re.compile(r"<([tT][iI][tT][lL][eE]|[hH]1)(?![\w-])")
_TITLE_END = re.compile(r"</[tT][iI][tT][lL][eE]")
_H1_END = re.compile(r"</[hH]1")
_TAG = re.compile(r"<[^>]*>")
#: Constructs whose extent a regex does not read as the HTML parser does.
_TRICKY = ("<!--", "<script", "<style", "<![cdata[")
#: A word (or stem) of each `_NOT_FOUND` pattern: every pattern matches only a text containing
#: one of them (casefolded). `tests/unit/test_classify.py` checks this against every firing
#: title the tests know.
_NOT_FOUND_WORDS = (
    *("found", "404", "exist", "available"),  # en (also fr/es "existe", de "existiert")
    *("bulunamad", "sayfa"),  # tr
    *("trouv",),  # fr ("trouvée", "introuvable")
    *("gefunden",),  # de
    *("encontr",),  # es, pt
    *("найден", "существует"),  # ru
    *("trovat", "gevonden"),  # it, nl
)


def _has_not_found_word(text: str) -> bool:
    # As `_clean` and `title_says_not_found` do: entities twice (the parser decodes once, then
    # `_clean`), NFC, Turkish dotted capital I, then casefold (a superset of `re.I` matching).
    text = _fold_title(html.unescape(html.unescape(text))).casefold()
    return any(word in text for word in _NOT_FOUND_WORDS)


def _is_html(result: FetchResult) -> bool:
    media = (result.content_type or "").split(";", 1)[0].strip().lower()
    return media in _HTML_TYPES


def _window(body: bytes, content_type: str | None) -> str:
    """The start of the body, decoded and lower-cased, where markers are looked for."""
    window = body[:MARKER_WINDOW]
    try:
        window.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A cut through a UTF-8 sequence would make the window invalid UTF-8 and, on a page that
        # does not declare its charset, decode it all as windows-1252: end it before the cut.
        if exc.reason == "unexpected end of data":
            window = window[: exc.start]
    return decode_html(window, content_type).lower()


#: Elements whose text is not the page's own: scripts, navigation and chrome.
_DROP = (
    *("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside"),
    *("form", "iframe", "button", "select"),
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _read_page(body: bytes, content_type: str | None) -> _Page:
    text = _XML_DECLARATION.sub("", decode_html(body, content_type))
    if not text.strip():
        return _Page(None, None, "")
    try:
        tree = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return _Page(None, None, "")
    title_el = tree.find(".//title")
    title = _clean(title_el.text_content()) if title_el is not None else None
    main = _main(tree)
    headings = (main if main is not None else tree).xpath(".//h1") or tree.xpath(".//h1")
    heading = _clean(headings[0].text_content()) if headings else None
    if title_el is not None:
        title_el.drop_tree()
    for el in list(tree.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    body_el = _main(tree)
    if body_el is None:
        found = tree.find(".//body")
        body_el = found if found is not None else tree
    text = _clean(body_el.text_content())
    linked = sum(len(_clean(a.text_content())) for a in body_el.iter("a"))
    return _Page(title or None, heading or None, text, max(len(text) - linked, 0))


def _main(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The page's `<main>`, else its only `<article>`, else `None`."""
    mains = tree.xpath("//main|//*[@role='main']")
    if mains:
        return mains[0]
    articles = tree.xpath("//article")
    return articles[0] if len(articles) == 1 else None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def page_text(body: bytes, content_type: str | None = None) -> str:
    """The readable text of an HTML page without scripts, navigation, header and footer.

    Cheap (one lxml parse, no main-content extraction): it is what the random-path rule compares
    and what the lock file hashes to tell a changed source from a re-rendered one. The body is
    decoded by `claimcheck.encoding.decode_html`, with the charset of `content_type` (a
    `Content-Type` header value) if it names one.
    """
    return _read_page(body, content_type).text


def content_hash(result: FetchResult) -> tuple[str, str] | None:
    """`(kind, sha256)` of what a fetched source says: its `page_text()` for HTML (`"text"`),
    the body's digest otherwise (`"body"`); `None` without a complete body."""
    if result.body is None:
        return None
    if _is_html(result):
        text = page_text(result.body, charset_header(result.headers))
        return "text", hashlib.sha256(text.encode("utf-8")).hexdigest()
    if result.sha256 is None:
        return None
    return "body", result.sha256


# --------------------------------------------------------------------------- similarity


_WORD = re.compile(r"\w+")


def _url_words(url: str) -> set[str]:
    parts = urlsplit(url)
    return {w.casefold() for w in _WORD.findall(f"{parts.path} {parts.query}")}


#: Below this many words the random-path rule says nothing: an app shell serves the same empty
#: page at every path, and that makes it unreadable, not gone.
PROBE_MIN_WORDS = 8


def _words(text: str) -> tuple[str, ...]:
    return tuple(m.casefold() for m in _WORD.findall(text))


def _shingles(all_words: tuple[str, ...], *, drop: set[str]) -> frozenset[int]:
    words = [w for w in all_words if w not in drop]
    if len(words) < PROBE_MIN_WORDS:
        return frozenset()
    return frozenset(hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1))


def shingle_similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two shingle sets; 0 when either is empty (too little to compare)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
