"""Seeded generator for the verification benchmark: 200 HTML pages, a WARC, an article of claims.

Used by `bench/verify/run.py` (issue 4, Acceptance "Benchmark"). Everything is derived from one
`random.Random(seed)`, so a seed always gives byte-identical pages, archive and article; no
external text is used.

Prose: sentences are assembled from clauses (subject, verb, object, prepositional phrase) over a
hand-written list of common English words plus a Zipf-distributed set of generated rare words and
capitalised names (people, places, organisations). Some clauses carry exactly one figure (counts
with thousands separators, money in $, US$, €, £ with million/billion/bn/m, percentages written
`%` or `per cent`, years, dates); those are the fact sentences claims are built from. The prose
uses curly apostrophes, em dashes and no-break spaces the way edited news copy does.

Pages: three site templates (news site, think tank, blog) with a `<head>` of CSS and inline
scripts (an analytics snippet and a JSON state blob), JSON-LD metadata (a quarter of the pages also
carry the whole `articleBody` there), a navigation bar, a cookie banner, sidebars of related
headlines, the article body with section headings, inline links and emphasis, a data table, a
figure with a caption, a pull-quote aside, a reader-comments section and a long footer. Page size
is drawn uniformly from 30-300 KB; the boilerplate share from 35-70 %.

Claims (one sentence per line of a Markdown article, each citing its page's `[^label]` note):

| kind | how it is made | the verdicts that are right |
|---|---|---|
| verbatim | 6-40 words of the body, as on the page | verified |
| typographic | the same with straight quotes/apostrophes, hyphens for dashes, plain spaces | verified |
| elided | two pieces of one passage (4+ words each) joined by `…` or `...` | verified |
| bracketed | one to three words replaced by `[the agency]`-style insertion | verified, approximate |
| caption | the figure caption or the pull-quote (outside the main text) | verified |
| number | a body passage holding a figure, one digit changed | mismatch |
| negation | a body passage with "not" inserted | mismatch |
| name | a body passage with one capitalised name swapped for another | mismatch |
| other_page | a passage of a different page | not_found |
| fact | a fact sentence restated, its figure as on the page or in an equal form | verified |
| fact_changed | the same with a different value (digit, magnitude) | mismatch |
| dropped_negation | an `elided` quote whose ellipsis leaves out words ending with a negation ("Beker … reviewed" for "Beker no longer reviewed") or a reversing verb alone ("the Bank … the watchdog" for "rejected the watchdog"), a `bracketed` one whose bracket stands for a negator, or any quote starting right after a negation ("reviewed the grant" after "no longer") | mismatch |
"""

from __future__ import annotations

import gzip
import html
import io
import itertools
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------- vocabulary

NOUNS = """
government ministry report council market budget region project agreement company committee
border pipeline corridor railway harbour port treaty summit delegation parliament election reform
policy strategy investment loan contract tender survey census study audit inquiry programme
network grid plant factory mine farm village district province city capital valley coast island
river bridge road tunnel airport terminal station hospital school university court bank fund
agency authority office union league alliance federation coalition opposition minister president
governor mayor envoy spokesman official analyst economist engineer farmer teacher resident voter
trader investor lender exporter producer supplier carrier operator regulator watchdog board panel
commission assembly forum conference meeting deal plan proposal draft law bill decree statement
letter memo estimate forecast target quota tariff tax levy subsidy grant deficit debt revenue
income output growth decline shortage price rate index stake bond currency reserve supply demand
capacity route schedule timetable shipment cargo convoy fleet vessel tanker warehouse depot
archive ledger ceasefire settlement dispute framework mandate tribunal consortium
""".split()
PLURALS = """
visitors tonnes households jobs vehicles passengers workers students patients claims homes
hectares containers flights permits applications complaints barrels trucks schools clinics
""".split()
VERBS = """
announced approved rejected expanded delayed cancelled financed audited reviewed published signed
ratified opened closed extended reduced raised completed launched suspended resumed postponed
questioned welcomed criticised endorsed blocked cleared funded built repaired upgraded inspected
recorded revised confirmed disputed accepted proposed drafted negotiated renewed defended
""".split()
ADJECTIVES = """
new former regional national local provincial central northern southern eastern western coastal
rural urban annual quarterly early late final initial preliminary official independent private
public joint bilateral cautious ambitious modest sharp steady gradual sudden costly fragile stable
uncertain lengthy brief detailed partial major minor broad narrow strict contested overdue
""".split()
ADVERBS = """
quietly sharply slowly quickly eventually reportedly formally briefly largely partly jointly
publicly privately
""".split()
PREPOSITIONS = ["in", "after", "despite", "under", "during", "with", "before", "across", "near"]
MONTHS = """January February March April May June July August September October November
December""".split()
CONNECTIVES = [", and ", ", while ", "; ", ", although ", ", because ", ", but ", " as "]
SYLLABLES = """
ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to
va ve vi vo dar ker lin mon pur sen tor vel zan rik gan hol mer
""".split()
FIGURE_VERBS = ["counted", "recorded", "reported", "registered", "listed", "logged"]
MONEY_VERBS = ["spent", "set aside", "borrowed", "allocated", "put the cost at", "received"]
PERCENT_VERBS = ["grew by", "fell by", "rose by", "cut spending by", "lost"]
LEADS = [
    "The report says",
    "As the source puts it,",
    "In the words of the page,",
    "The article states that",
    "According to the text,",
    "The authors write",
    "One passage reads",
    "The statement notes that",
    "Officials were quoted as saying",
    "The source describes how",
]
BRACKETS = ["[the agency]", "[the ministry]", "[this]", "[the plan]", "[they]", "[its officials]"]


class Vocabulary:
    """Rare generated words (Zipf-weighted) and capitalised names of people, places, bodies."""

    def __init__(self, rng: random.Random, rare: int = 4000, names: int = 600) -> None:
        found: set[str] = set()
        while len(found) < rare:
            found.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.rare = sorted(found - set(NOUNS) - set(VERBS) - set(ADJECTIVES))
        rng.shuffle(self.rare)
        self.rare_cumulative: list[float] = list(
            itertools.accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(len(self.rare)))
        )
        caps: set[str] = set()
        while len(caps) < names:
            caps.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title())
        ordered = sorted(caps)
        rng.shuffle(ordered)
        third = len(ordered) // 3
        self.people = ordered[:third]
        self.places = ordered[third : 2 * third]
        self.orgs = ordered[2 * third :]
        self.names = frozenset(ordered)

    def rare_word(self, rng: random.Random) -> str:
        return rng.choices(self.rare, cum_weights=self.rare_cumulative)[0]


# --------------------------------------------------------------------------- prose


@dataclass(frozen=True)
class Figure:
    """A figure as written in the prose, with an equal form and a different value."""

    text: str  # as on the page ("$12\u00a0million")
    equal: str  # the same value written another way ("US$12m")
    changed: str  # a different value of the same sort ("$21 million")


@dataclass(frozen=True)
class FactClause:
    """A clause holding exactly one figure: `before + figure.text + after` is on the page."""

    before: str
    figure: Figure
    after: str

    @property
    def text(self) -> str:
        return f"{self.before}{self.figure.text}{self.after}"


class Prose:
    """Sentence and paragraph generator over one `Vocabulary`."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.v = vocab

    def noun_phrase(self, rng: random.Random) -> str:
        r = rng.random()
        noun = rng.choice(NOUNS)
        if r < 0.3:
            return f"the {self.v.rare_word(rng)} {noun}"
        if r < 0.55:
            return f"the {rng.choice(ADJECTIVES)} {noun}"
        if r < 0.7:
            return f"the {noun} of {rng.choice(self.v.places)}"
        if r < 0.8:
            return f"{rng.choice(self.v.places)}\u2019s {noun}"
        if r < 0.9:
            return f"a {rng.choice(ADJECTIVES)} {noun} for the {self.v.rare_word(rng)} {noun}"
        return f"the {noun}"

    def subject(self, rng: random.Random) -> str:
        r = rng.random()
        if r < 0.25:
            return rng.choice(self.v.people)
        if r < 0.4:
            return f"the {rng.choice(self.v.orgs)} {rng.choice(['Institute', 'Council', 'Bank'])}"
        if r < 0.5:
            return f"officials in {rng.choice(self.v.places)}"
        return self.noun_phrase(rng)

    def clause(self, rng: random.Random) -> str:
        words = [self.subject(rng)]
        if rng.random() < 0.15:
            words.append(rng.choice(ADVERBS))
        r = rng.random()
        if r < 0.07:
            words.append(rng.choice(["did not", "had not", "would not", "could not"]))
            words.append(rng.choice(["accept", "approve", "finance", "review", "sign", "extend"]))
        elif r < 0.12:
            words.append(rng.choice(["never", "no longer"]))
            words.append(rng.choice(VERBS))
        else:
            words.append(rng.choice(VERBS))
        words.append(self.noun_phrase(rng))
        if rng.random() < 0.6:
            words.append(rng.choice(PREPOSITIONS))
            words.append(self.noun_phrase(rng) if rng.random() < 0.6 else rng.choice(self.v.places))
        if rng.random() < 0.12:
            words.append("\u2014 " + rng.choice(ADJECTIVES) + " and " + rng.choice(ADJECTIVES))
            words.append("\u2014")
            words.append(
                rng.choice(["a", "the"]) + " " + rng.choice(NOUNS) + " " + rng.choice(VERBS)
            )
        return " ".join(words)

    def figure(self, rng: random.Random) -> tuple[str, Figure]:
        """A verb phrase ending in a figure: (`"counted"`, Figure)."""
        r = rng.random()
        if r < 0.35:
            n = rng.randint(1_100, 980_000)
            digits = f"{n:,}"
            plural = rng.choice(PLURALS)
            changed = _change_digit(digits, rng)
            return rng.choice(FIGURE_VERBS), Figure(
                f"{digits} {plural}", f"{n} {plural}", f"{changed} {plural}"
            )
        if r < 0.65:
            amount = rng.choice([rng.randint(2, 950), round(rng.uniform(1.1, 99.9), 1)])
            scale, short = rng.choice([("million", "m"), ("billion", "bn")])
            symbol, code = rng.choice([("$", "US$"), ("\u20ac", "EUR "), ("\u00a3", "GBP ")])
            page = f"{symbol}{amount}\u00a0{scale}"
            equal = f"{code}{amount}{short}" if code == "US$" else f"{symbol}{amount}{short}"
            other_scale = "billion" if scale == "million" else "million"
            changed = rng.choice(
                [
                    f"{symbol}{_change_digit(str(amount), rng)} {scale}",
                    f"{symbol}{amount} {other_scale}",
                ]
            )
            return rng.choice(MONEY_VERBS), Figure(page, equal, changed)
        if r < 0.85:
            pct = rng.randint(3, 89)
            page = f"{pct} per cent" if rng.random() < 0.5 else f"{pct}%"
            equal = f"{pct}%" if page.endswith("cent") else f"{pct} per cent"
            return rng.choice(PERCENT_VERBS), Figure(
                page, equal, f"{_change_digit(str(pct), rng)}%"
            )
        day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(1991, 2024)
        changed_year = year + rng.choice([-3, -2, -1, 1, 2, 3])
        return rng.choice(["on", "by"]), Figure(
            f"{day} {month} {year}", f"{month} {day}, {year}", f"{day} {month} {changed_year}"
        )

    def fact_clause(self, rng: random.Random) -> FactClause:
        verb, fig = self.figure(rng)
        subject = self.subject(rng)
        if verb in ("on", "by"):
            before = f"{subject} {rng.choice(VERBS)} {self.noun_phrase(rng)} {verb} "
        else:
            before = f"{subject} {verb} "
        after = ""
        if rng.random() < 0.7:
            after = f" {rng.choice(PREPOSITIONS)} {self.noun_phrase(rng)}"
        return FactClause(before=before, figure=fig, after=after)

    def sentence(self, rng: random.Random, facts: list[FactClause]) -> str:
        parts: list[str] = []
        for i in range(rng.choices([1, 2, 3], [0.45, 0.4, 0.15])[0]):
            if rng.random() < 0.18:
                fc = self.fact_clause(rng)
                facts.append(fc)
                text = fc.text
            else:
                text = self.clause(rng)
            parts.append(text if i == 0 else rng.choice(CONNECTIVES) + text)
        text = "".join(parts).replace(" ;", ";")
        return text[0].upper() + text[1:] + rng.choice([".", ".", ".", ".", "?"])


def _change_digit(text: str, rng: random.Random) -> str:
    positions = [i for i, c in enumerate(text) if c.isdigit()]
    i = rng.choice(positions)
    new = str((int(text[i]) + rng.randint(1, 8)) % 10)
    if i == 0 and new == "0":
        new = "9" if text[i] != "9" else "8"
    return text[:i] + new + text[i + 1 :]


# --------------------------------------------------------------------------- pages


@dataclass
class Page:
    """One generated source page and the text a claim may be cut from."""

    index: int
    url: str
    title: str
    html: bytes = b""
    paragraphs: list[str] = field(default_factory=list)  # body paragraphs, as plain text
    facts: list[FactClause] = field(default_factory=list)
    caption: str = ""
    pullquote: str = ""
    gzip_encoded: bool = False


HOSTS = [
    "www.meridian-daily.example",
    "news.kavel-post.example",
    "www.northgate-review.example",
    "institute.solen-policy.example",
    "www.harbour-ledger.example",
    "blog.tamarin-notes.example",
    "www.eastwind-times.example",
    "analysis.corvo-centre.example",
    "www.valley-courier.example",
    "www.basalt-monitor.example",
    "www.linden-gazette.example",
    "research.ostra-forum.example",
]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z]+", "-", text.lower()).strip("-")[:60]


def _lorem_js(rng: random.Random, size: int) -> str:
    """Inline script bulk: an analytics snippet and a JSON state blob, about `size` characters."""
    out = [
        "(function(w,d){var q=w.__q=w.__q||[];function t(e,p){q.push([e,p,Date.now()]);}"
        "w.track=t;d.addEventListener('click',function(e){var a=e.target.closest('a');"
        "if(a){t('click',{href:a.href});}});})(window,document);\n"
    ]
    state: dict[str, object] = {}
    length = 0
    n = 0
    while length < size:
        key = f"k{n}_{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}"
        value = {
            "id": rng.randint(10**6, 10**9),
            "slot": rng.choice(["top", "side", "inline", "footer"]),
            "w": rng.choice([300, 728, 970]),
            "h": rng.choice([90, 250, 600]),
            "tags": [rng.choice(SYLLABLES) * 2 for _ in range(rng.randint(1, 5))],
        }
        state[key] = value
        length += len(key) + 90
        n += 1
    out.append("window.__STATE__ = " + json.dumps(state, separators=(",", ":")) + ";")
    return "".join(out)


def _css(rng: random.Random, size: int) -> str:
    rules: list[str] = []
    length = 0
    while length < size:
        sel = f".{rng.choice(SYLLABLES)}-{rng.choice(SYLLABLES)}{rng.randint(1, 99)}"
        rule = (
            f"{sel}{{margin:{rng.randint(0, 24)}px {rng.randint(0, 24)}px;"
            f"color:#{rng.randrange(16**6):06x};font-size:{rng.randint(11, 28)}px}}"
        )
        rules.append(rule)
        length += len(rule) + 1
    return "\n".join(rules)


def _headline(prose: Prose, rng: random.Random) -> str:
    words = prose.clause(rng).split()[: rng.randint(5, 10)]
    text = " ".join(words).rstrip(",;\u2014 ")
    return text[0].upper() + text[1:]


def _inline_markup(paragraph: str, rng: random.Random, host: str) -> str:
    """Escape a paragraph and wrap a few words in links or emphasis, as edited copy does."""
    words = paragraph.split(" ")
    if len(words) > 12 and rng.random() < 0.35:
        i = rng.randrange(2, len(words) - 6)
        j = i + rng.randint(1, 4)
        tag = rng.choice(["a", "em", "strong"])
        inner = html.escape(" ".join(words[i:j]), quote=False)
        if tag == "a":
            href = f"https://{host}/topic/{_slug(words[i])}"
            open_tag = f'<a href="{href}">'
        else:
            open_tag = f"<{tag}>"
        return (
            html.escape(" ".join(words[:i]), quote=False)
            + f" {open_tag}{inner}</{tag}> "
            + html.escape(" ".join(words[j:]), quote=False)
        )
    return html.escape(paragraph, quote=False)


def make_page(index: int, prose: Prose, rng: random.Random) -> Page:
    """Generate page `index`: HTML bytes of 30-300 KB and the text claims are cut from."""
    v = prose.v
    host = HOSTS[index % len(HOSTS)]
    title = _headline(prose, rng)
    year = rng.randint(2015, 2024)
    url = f"https://{host}/{year}/{rng.randint(1, 12):02d}/{_slug(title)}-{index:03d}.html"
    page = Page(index=index, url=url, title=title, gzip_encoded=rng.random() < 0.3)
    target = int(rng.uniform(30_000, 295_000))  # the sizing lands within ~2 %
    boiler_share = rng.uniform(0.35, 0.7)
    template = index % 3
    author = rng.choice(v.people) + " " + rng.choice(v.people)

    # A quarter of the pages repeat the whole article text as a JSON-LD `articleBody`, as many
    # news sites do; their body text gets half the budget so the page still hits its target.
    ld_body = rng.random() < 0.25

    # Boilerplate first, sized as a share of the target.
    heavy = int(target * boiler_share * rng.uniform(0.2, 0.45))  # CSS + scripts
    css = _css(rng, heavy // 3)
    js = _lorem_js(rng, heavy - heavy // 3)
    nav_items = [rng.choice(NOUNS).title() for _ in range(rng.randint(8, 16))]
    nav = "".join(
        f'<li class="nav__item"><a class="nav__link" href="https://{host}/section/{_slug(item)}">'
        f'<span class="nav__icon"><svg viewBox="0 0 16 16"><path d="M2 2h12v12H2z"></path></svg>'
        f'</span><span class="nav__label">{item}</span></a></li>'
        for item in nav_items
    )
    light = int(target * boiler_share) - heavy  # nav, sidebars, comments, footer
    related: list[str] = []
    comments: list[str] = []
    footer_links: list[str] = []
    spent = 0
    while spent < light:
        r = rng.random()
        if r < 0.4:
            head = _headline(prose, rng)
            link = f"https://{host}/{year}/{_slug(head)}.html"
            related.append(
                f'<li class="related-item"><article class="card card--{rng.choice(SYLLABLES)}">'
                f'<a class="card__link" href="{link}"><div class="card__media"><picture>'
                f'<source srcset="{link}.webp 1x, {link}@2x.webp 2x" type="image/webp">'
                f'<img src="{link}.jpg" alt="" loading="lazy" width="320" height="180"></picture>'
                f'</div><div class="card__body"><span class="card__kicker">'
                f'{rng.choice(NOUNS).title()}</span><h4 class="card__title">'
                f'{html.escape(head, quote=False)}</h4><div class="card__meta"><time>'
                f'{rng.randint(1, 23)}h ago</time><span class="card__read">{rng.randint(2, 59)} '
                f"min read</span></div></div></a></article></li>"
            )
            spent += len(related[-1])
        elif r < 0.75:
            body = " ".join(prose.sentence(rng, []) for _ in range(rng.randint(1, 3)))
            who = rng.choice(v.people).lower() + str(rng.randint(1, 99))
            comments.append(
                f'<li class="comment" id="c{len(comments)}"><div class="comment__head">'
                f'<img class="avatar" src="https://{host}/u/{who}.png" alt="" width="32">'
                f'<span class="comment__author">{who}</span><time class="comment__time">'
                f"{rng.randint(1, 59)} minutes ago</time></div>"
                f'<div class="comment__body"><p>{html.escape(body, quote=False)}</p></div>'
                f'<div class="comment__actions"><button class="like"><span class="icon">+</span>'
                f'<span>{rng.randint(0, 99)}</span></button><button class="reply">Reply'
                f'</button><button class="report">Report</button></div></li>'
            )
            spent += len(comments[-1])
        else:
            item = rng.choice(NOUNS).title() + " " + rng.choice(NOUNS)
            footer_links.append(f'<li><a href="https://{host}/{_slug(item)}">{item}</a></li>')
            spent += len(footer_links[-1])

    # The article body fills the rest of the target.
    paragraphs: list[str] = []
    body_html: list[str] = []
    facts: list[FactClause] = []
    fixed = len(css) + len(js) + len(nav) + spent + 4000
    body_bytes = 0
    while fixed + body_bytes * (2 if ld_body else 1) < target or len(paragraphs) < 6:
        if paragraphs and rng.random() < 0.12:
            body_html.append(f"<h2>{html.escape(_headline(prose, rng), quote=False)}</h2>")
        para = " ".join(prose.sentence(rng, facts) for _ in range(rng.randint(2, 7)))
        paragraphs.append(para)
        before = len(body_html)
        body_html.append(f"<p>{_inline_markup(para, rng, host)}</p>")
        if rng.random() < 0.3:
            # In-body ad slots and "read more" boxes, as news templates interleave them.
            n = len(body_html)
            body_html.append(
                f'<div class="ad-slot" data-slot="inline-{n}"><div class="ad-label">Advertisement'
                f'</div><div id="ad-{n}" class="ad-container"><div class="ad-inner"></div></div>'
                f'</div><div class="read-more"><span>Read more</span><a href="https://{host}/'
                f'{year}/{_slug(_headline(prose, rng))}.html">{rng.choice(NOUNS).title()}</a></div>'
            )
        body_bytes += sum(len(x.encode()) + 1 for x in body_html[before:])
    # A table, a captioned figure and a pull-quote, placed inside the body.
    rows = "".join(
        f"<tr><td>{rng.choice(v.places)}</td><td>{rng.randint(100, 9999):,}</td>"
        f"<td>{rng.randint(1, 99)}%</td></tr>"
        for _ in range(rng.randint(4, 12))
    )
    table = (
        f"<table><thead><tr><th>Place</th><th>{rng.choice(PLURALS).title()}</th>"
        f"<th>Share</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    page.caption = prose.sentence(rng, []).rstrip(".?")
    page.pullquote = prose.sentence(rng, []).rstrip(".?")
    figure = (
        f'<figure class="photo"><img src="https://{host}/img/{index}.jpg" alt="">'
        f"<figcaption>{html.escape(page.caption, quote=False)}. Photo: "
        f"{rng.choice(v.people)}</figcaption></figure>"
    )
    aside = f'<aside class="pullquote"><p>{html.escape(page.pullquote, quote=False)}</p></aside>'
    k = len(body_html)
    body_html.insert(k // 3, figure)
    body_html.insert(k // 2, table)
    body_html.insert(2 * k // 3, aside)
    page.paragraphs = paragraphs
    page.facts = facts

    published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    ld: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": published,
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": host},
    }
    if ld_body:
        ld["articleBody"] = "\n\n".join(paragraphs)
    cookie = (
        '<div id="cookie-banner" class="consent"><p>We use cookies to improve your experience '
        "and to measure audiences.</p><button>Accept all</button><button>Settings</button></div>"
    )
    newsletter = (
        '<div class="newsletter"><h3>Get the morning briefing</h3><form><input type="email" '
        'placeholder="Email address"><button>Sign up</button></form></div>'
    )
    sidebar = (
        f'<aside class="sidebar"><h3>Most read</h3><ol>{"".join(related[: len(related) // 2])}'
        f"</ol>{newsletter}<h3>Related</h3><ul>{''.join(related[len(related) // 2 :])}</ul></aside>"
    )
    comments_html = (
        f'<section id="comments" class="comments"><h3>{len(comments)} comments</h3>'
        f"<ol>{''.join(comments)}</ol></section>"
    )
    footer = (
        f'<footer class="site-footer"><ul>{"".join(footer_links)}</ul>'
        f"<p>\u00a9 {year} {host}. All rights reserved.</p></footer>"
    )
    byline = (
        f'<p class="byline">By <a href="https://{host}/author/{_slug(author)}">{author}</a> '
        f'<time datetime="{published}">{published}</time></p>'
    )
    body = "\n".join(body_html)
    if template == 0:
        main = (
            f'<main><article class="story"><header><h1>{html.escape(title)}</h1>{byline}</header>'
            f'<div class="story-body">{body}</div></article>{comments_html}</main>{sidebar}'
        )
    elif template == 1:
        main = (
            f'<div id="wrapper"><div class="col-main"><div class="post">'
            f'<h1 class="entry-title">{html.escape(title)}</h1>{byline}'
            f'<div class="entry-content">{body}</div></div>{comments_html}</div>'
            f'<div class="col-side">{sidebar}</div></div>'
        )
    else:
        main = (
            f'<div class="container">{sidebar}<main id="content"><h1>{html.escape(title)}</h1>'
            f'{byline}<section class="report-text">{body}</section></main>{comments_html}</div>'
        )
    document = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} | {host}</title>"
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="canonical" href="{url}"><style>{css}</style>'
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        f"<script>{js}</script></head>\n<body>{cookie}"
        f'<header class="site-header"><a class="logo" href="https://{host}/">{host}</a>'
        f"<nav><ul>{nav}</ul></nav></header>\n{main}\n{footer}</body></html>\n"
    )
    page.html = document.encode("utf-8")
    return page


# --------------------------------------------------------------------------- claims


@dataclass(frozen=True)
class Label:
    """What the generator intends for one claim of the article."""

    line: int
    page: int
    kind: str
    expected: tuple[str, ...]  # verdicts that count as right
    claim: str  # the quote or fact as written in the article


EXPECTED: dict[str, tuple[str, ...]] = {
    "verbatim": ("verified",),
    "typographic": ("verified",),
    "elided": ("verified",),
    "bracketed": ("verified", "approximate"),
    "caption": ("verified",),
    "number": ("mismatch",),
    "negation": ("mismatch",),
    "name": ("mismatch",),
    "other_page": ("not_found",),
    "fact": ("verified",),
    "fact_changed": ("mismatch",),
    # An elided or bracketed quote whose ellipsis or bracket stands for a negation ("Beker …
    # reviewed" for "Beker no longer reviewed"): a misquote, drawn as `elided` or `bracketed`.
    "dropped_negation": ("mismatch",),
}
POSITIVE_KINDS = ("verbatim", "typographic", "elided", "bracketed", "caption", "fact")
#: Claim mix (weights): mostly quotes as found, the errors an editor looks for well represented.
CLAIM_MIX: dict[str, int] = {
    "verbatim": 22,
    "typographic": 12,
    "elided": 8,
    "bracketed": 5,
    "caption": 5,
    "number": 10,
    "negation": 6,
    "name": 3,
    "other_page": 7,
    "fact": 15,
    "fact_changed": 7,
}
QUOTE_KINDS = tuple(k for k in CLAIM_MIX if not k.startswith("fact"))
#: Every kind a label can have, in table order (`CLAIM_MIX`'s draws, then relabelled ones).
LABEL_KINDS = (*CLAIM_MIX, "dropped_negation")
NEGATORS = frozenset("not no never none nor neither nobody nothing without cannot".split())
NEGATION_TAILS = frozenset("longer yet even again ever".split())  # "no longer", "not yet"
#: Verbs whose left-out absence turns what the quote goes on to say around ("the Bank … the
#: watchdog" for "the Bank rejected the watchdog": a reader supplies another verb).
REVERSING_VERBS = frozenset(
    "rejected cancelled denied refused abandoned dismissed scrapped overturned failed".split()
)
ARTICLES = frozenset("the a an".split())


def _span(words: list[str], rng: random.Random, low: int, high: int) -> list[str]:
    """`low`-`high` consecutive words; half the time starting where a sentence starts."""
    return _span_at(words, rng, low, high)[1]


def _span_at(words: list[str], rng: random.Random, low: int, high: int) -> tuple[int, list[str]]:
    """`_span` and where it starts in `words`."""
    n = min(len(words), rng.randint(low, high))
    start = rng.randint(0, len(words) - n)
    if rng.random() < 0.5:
        starts = [0] + [i + 1 for i, w in enumerate(words[:-1]) if w[-1] in ".?"]
        fits = [i for i in starts if i + n <= len(words)]
        if fits:
            start = rng.choice(fits)
    return start, words[start : start + n]


def _after_negator(words: list[str], start: int) -> bool:
    """Whether a negation ends right before `words[start]` in the same sentence: a negator (not
    the "not" of "or not") or one with the word that finishes it ("no longer", "not yet"). A
    quote starting there leaves the negation of what it says out."""
    before = start - 1
    if before > 0 and words[before].lower() in NEGATION_TAILS:
        before -= 1  # "no longer", "not yet"
    if before < 0 or words[before].lower() not in NEGATORS:
        return False
    return not (before > 0 and words[before - 1].lower() == "or")


def _clean(words: list[str]) -> str:
    """A quote's text: no trailing punctuation, no em dash left dangling at either end."""
    while words and words[-1] == "\u2014":
        words = words[:-1]
    while words and words[0] == "\u2014":
        words = words[1:]
    return " ".join(words).rstrip(".,;?")


def _bare_name(word: str) -> str:
    """A word without trailing punctuation and possessive: "Velimon\u2019s," -> "Velimon"."""
    return re.sub("(\u2019s)?[.,;?]*$", "", word)


def _plain(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2014", "-").replace("\u00a0", " ")


def make_quote(
    kind: str, page: Page, other: Page, vocab: Vocabulary, rng: random.Random
) -> tuple[str, str] | None:
    """A quote of `kind` about `page` (`other` is the page `other_page` quotes come from), and
    the kind to label it with: `dropped_negation` for a quote that starts right after a
    negator, or an elided or bracketed one whose ellipsis or bracket stands for one (the random
    draws are those of its kind)."""
    quote = _make_quote(kind, page, other, vocab, rng)
    if quote is None:
        return None
    return quote[0], "dropped_negation" if quote[1] else kind


def _negates(words: list[str]) -> bool:
    """Whether any of `words` is a negator (a bracket standing for them drops it)."""
    return any(re.sub(r"\W", "", w).lower() in NEGATORS for w in words)


def _ends_negated(words: list[str]) -> bool:
    """Whether `words`, left out by an ellipsis, end with a negation ("no longer", "never"):
    the negation of what the quote goes on to say. A negator earlier in them ("never its
    budget") is the left-out words' own. A reversing verb left out alone (an article after it
    aside) turns what follows around as surely."""
    bare = [re.sub(r"\W", "", w).lower() for w in words]
    verb = list(bare)
    while len(verb) > 1 and verb[-1] in ARTICLES:
        verb.pop()
    if len(verb) == 1 and verb[0] in REVERSING_VERBS and words[-1][-1:].isalnum():
        return True  # "the Bank … the watchdog" for "rejected the watchdog"; not "rejected,"
    if bare and bare[-1] in NEGATION_TAILS and len(bare) > 1:
        bare = bare[:-1]
    return bool(bare) and bare[-1] in NEGATORS


def _make_quote(
    kind: str, page: Page, other: Page, vocab: Vocabulary, rng: random.Random
) -> tuple[str, bool] | None:
    """The quote, and whether an ellipsis or a bracket in it stands for a negator."""
    if kind == "caption":
        return rng.choice([page.caption, page.pullquote]), False
    if kind == "other_page":
        return _clean(_span(rng.choice(other.paragraphs).split(" "), rng, 8, 30)), False
    paragraph = rng.choice(page.paragraphs)
    words = paragraph.split(" ")
    if kind == "number":
        digit_at = [i for i, w in enumerate(words) if any(c.isdigit() for c in w)]
        if not digit_at:
            return None
        i = rng.choice(digit_at)
        lo = max(0, i - rng.randint(3, 12))
        chosen = words[lo : i + rng.randint(2, 10)]
        j = chosen.index(words[i]) if words[i] in chosen else i - lo
        chosen[j] = _change_digit(chosen[j], rng)
        return _clean(chosen), False
    start, chosen = _span_at(words, rng, 6, 40)
    # A quote that starts right after a negator ("approve the plan" of "did not approve the
    # plan") drops the negation as surely as an ellipsis standing for it.
    negated = _after_negator(words, start)
    if kind == "verbatim":
        return _clean(chosen), negated
    if kind == "typographic":
        text = _clean(chosen)
        return (_plain(text), negated) if _plain(text) != text else None
    if kind == "elided":
        if len(chosen) < 13:
            return None
        cut = rng.randint(4, len(chosen) - 9)
        skip = rng.randint(1, 4)
        mark = rng.choice([" \u2026 ", " ... "])
        quote = _clean(chosen[:cut]).rstrip(",;") + mark + _clean(chosen[cut + skip :])
        return quote, negated or _ends_negated(chosen[cut : cut + skip])
    if kind == "bracketed":
        if len(chosen) < 8:
            return None
        i = rng.randint(1, len(chosen) - 3)
        n = rng.randint(1, 3)
        bracket = rng.choice(BRACKETS)
        quote = _clean(chosen[:i] + [bracket] + chosen[i + n :])
        # A bracket closing the quote stands for as many words as it has, which may stop short
        # of a negator further on; one inside the quote stands for all n words.
        stands_for = (
            chosen[i : i + n] if i + n < len(chosen) else chosen[i : i + len(bracket.split())]
        )
        return quote, negated or _negates(stands_for)
    if kind == "negation":
        if len(chosen) < 8:
            return None
        i = rng.randint(2, len(chosen) - 2)
        return _clean(chosen[:i] + ["not"] + chosen[i:]), False
    if kind == "name":
        at = [i for i, w in enumerate(chosen) if _bare_name(w) in vocab.names]
        if not at:
            return None
        i = rng.choice(at)
        base = _bare_name(chosen[i])
        new = rng.choice(vocab.people)
        while new == base:
            new = rng.choice(vocab.people)
        chosen[i] = chosen[i].replace(base, new, 1)
        return _clean(chosen), False
    raise ValueError(kind)


_QUOTE_UNSAFE = re.compile('[\u201c\u201d"\u2018\u00ab\u00bb*_`<>&\\\\]')


def make_article(
    pages: list[Page], vocab: Vocabulary, rng: random.Random, claims: int
) -> tuple[str, list[Label]]:
    """A Markdown article: one claim per paragraph, footnotes `[^sNNN]` pointing at the pages."""
    kinds = list(CLAIM_MIX)
    weights = [CLAIM_MIX[k] for k in kinds]
    lines = ["# Benchmark article: generated claims about generated sources", ""]
    labels: list[Label] = []
    made = 0
    while made < claims:
        page = pages[made % len(pages)]
        kind = rng.choices(kinds, weights)[0]
        label = f"s{page.index:03d}"
        if kind in ("fact", "fact_changed"):
            if not page.facts:
                continue
            fc = rng.choice(page.facts)
            fig = fc.figure
            value = (
                (fig.equal if rng.random() < 0.4 else fig.text) if kind == "fact" else fig.changed
            )
            sentence = f"{fc.before}{value}{fc.after}".replace("\u00a0", " ")
            sentence = sentence[0].upper() + sentence[1:] + "."
            text = f"{sentence}[^{label}]"
            claim = value
            label_kind = kind
        else:
            other = pages[(page.index + 1 + rng.randrange(len(pages) - 1)) % len(pages)]
            made_quote = make_quote(kind, page, other, vocab, rng)
            if made_quote is None:
                continue
            quote, label_kind = made_quote
            if _QUOTE_UNSAFE.search(quote) or len(quote.split()) < 5:
                continue
            if kind == "typographic":
                text = f'{rng.choice(LEADS)} "{quote}".[^{label}]'
            else:
                text = f"{rng.choice(LEADS)} \u201c{quote}\u201d.[^{label}]"
            claim = quote
        lines.append(text)
        labels.append(Label(len(lines), page.index, label_kind, EXPECTED[label_kind], claim))
        lines.append("")
        made += 1
    for page in pages:
        lines.append(f"[^s{page.index:03d}]: {page.title}. {page.url}")
    return "\n".join(lines) + "\n", labels


# --------------------------------------------------------------------------- WARC


def write_warc(pages: list[Page], path: Path) -> None:
    """A gzip WARC 1.1 with a `request` and a `response` record per page (warcio)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        for page in pages:
            date = f"2024-06-{1 + page.index % 28:02d}T12:00:00Z"
            host = page.url.split("/")[2]
            target = "/" + page.url.split("/", 3)[3]
            payload = gzip.compress(page.html, mtime=0) if page.gzip_encoded else page.html
            headers = [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(payload))),
                ("Date", "Sat, 01 Jun 2024 12:00:00 GMT"),
                ("Server", "nginx"),
            ]
            if page.gzip_encoded:
                headers.append(("Content-Encoding", "gzip"))
            response = writer.create_warc_record(
                page.url,
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),
                warc_headers_dict={"WARC-Date": date},
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
            )
            request = writer.create_warc_record(
                page.url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                warc_headers_dict={"WARC-Date": date},
                http_headers=StatusAndHeaders(
                    f"GET {target} HTTP/1.1",
                    [("Host", host), ("User-Agent", "claimcheck-bench"), ("Accept", "*/*")],
                    is_http_request=True,
                ),
            )
            request.rec_headers.add_header(
                "WARC-Concurrent-To", response.rec_headers["WARC-Record-ID"]
            )
            writer.write_record(request)
            writer.write_record(response)


# --------------------------------------------------------------------------- entry point


@dataclass
class Corpus:
    """Everything one seed generates."""

    pages: list[Page]
    article: str
    labels: list[Label]
    vocab: Vocabulary
    prose: Prose


def generate(seed: int, pages: int, claims: int) -> Corpus:
    """Pages, article and labels for `seed` (deterministic)."""
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    prose = Prose(vocab)
    made = [make_page(i, prose, rng) for i in range(pages)]
    article, labels = make_article(made, vocab, rng, claims)
    return Corpus(made, article, labels, vocab, prose)


def quote_workload(corpus: Corpus, per_page: int, seed: int) -> list[tuple[int, str, str]]:
    """`per_page` quotes per page for the matching loop: `(page, kind, quote)`, kinds in turn."""
    rng = random.Random(seed)
    out: list[tuple[int, str, str]] = []
    n = len(corpus.pages)
    for page in corpus.pages:
        made = attempts = 0
        while made < per_page and attempts < per_page * 20:
            attempts += 1
            kind = QUOTE_KINDS[(made + attempts) % len(QUOTE_KINDS)]
            other = corpus.pages[(page.index + 1 + rng.randrange(n - 1)) % n]
            made_quote = make_quote(kind, page, other, corpus.vocab, rng)
            if made_quote is None or len(made_quote[0].split()) < 5:
                continue
            out.append((page.index, made_quote[1], made_quote[0]))
            made += 1
    return out
