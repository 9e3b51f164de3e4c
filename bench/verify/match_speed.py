"""Quote-matching benchmark and calibration: 10,000 quotes against generated pages (issue 4).

    python bench/verify/match_speed.py                 # 200 pages, 50 quotes each: speed + verdicts
    python bench/verify/match_speed.py --pages 20      # quicker
    python bench/verify/match_speed.py --calibrate     # also print the score distribution per kind
    python bench/verify/match_speed.py --results r.jsonl  # every result, to diff two versions

Pages are generated (seeded, so runs are comparable): 30-300 KB of text made of paragraphs of
pseudo-English sentences. Words come from a Zipf-distributed vocabulary of real function words and
generated content words, with capitalised names, figures, years, curly apostrophes, em dashes and
the occasional non-breaking space, plus repeated boilerplate lines (menus, share buttons). The
page is one `TextLayer("page", ...)`, as `trafilatura.html2txt` would give.

Each page gets quotes of 5-50 words cut from it, in equal shares of these kinds:

- positives: `verbatim`, `typographic` (straight quotes/apostrophes and hyphens for the page's
  curly ones and dashes), `elided` (two segments joined by "…"), `bracketed` (a word replaced by
  "[an insertion]");
- negatives: `number` (a digit changed), `negation` ("not" inserted), `name` (a name swapped),
  `word` (one ordinary word swapped), `other` (a sentence from another page); a positive that
  starts right after a negator, an `elided` quote whose ellipsis leaves out words ending with
  a negator, or a `bracketed` one whose bracket stands for one, is counted as
  `dropped_negation`, a negative.

Reported: time per quote (mean, p50, p95, max) with each page's normalisation counted once (in
its first quote), the time to normalise a page, and the verdicts per kind. Matching is
single-threaded here; the pipeline runs it in worker processes next to extraction. As there,
`match.clear_caches()` runs after each page, so nothing is reused across pages.

`--results FILE` writes one JSON line per quote (kind, verdict, tier, score, evidence offsets,
detail): run it with two versions of `src/` and diff the files to see that a speed-up changed no
result.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from claimcheck.match import clear_caches, match_quote  # noqa: E402
from claimcheck.model import TextLayer, Verdict  # noqa: E402
from claimcheck.normalise import normalise  # noqa: E402

FUNCTION_WORDS = (
    "the of and to a in that is was for on with as by it at from this be are which or have has "
    "had an were their its they been also but would will more than into after over between "
    "about during under while where when who can could should may such these those other some "
    "many most each both all only new first last same own very just still even much well"
).split()
SYLLABLES = (
    "ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti "
    "to va ve vi vo dar ker lin mon pur sen tor vel zan rik"
).split()
BOILERPLATE = [
    "Home | News | Analysis | About us | Contact",
    "Share on Facebook Share on X Copy link",
    "Subscribe to our newsletter for weekly updates",
    "Related articles",
]
KINDS = (
    "verbatim",
    "typographic",
    "elided",
    "bracketed",
    "number",
    "negation",
    "name",
    "word",
    "other",
)
POSITIVE = {"verbatim", "typographic", "elided", "bracketed"}
#: An `elided` or `bracketed` quote whose ellipsis or bracket stands for a negator is reported
#: as this kind (a misquote: `mismatch` is right); the random draws are those of its own kind.
DROPPED = "dropped_negation"
NEGATORS = frozenset("not no never none nor neither nobody nothing without cannot".split())


class Dropped(str):
    """A quote that leaves out a negation: through its ellipsis or bracket, or by starting
    right after it."""


def _dropping(quote: str, left_out: list[str], at_end: bool = False) -> str:
    """`quote` marked `Dropped` when the words its bracket stands for hold a negator, or (with
    `at_end`, for an ellipsis) the words it leaves out end with one: the negation of what the
    quote goes on to say ("no longer" before "welcomed"), not a negator of their own."""
    words = [w.strip(".,;:?!").lower() for w in left_out]
    if at_end:
        if len(words) > 1 and words[-1] in ("longer", "yet", "even", "again", "ever"):
            words = words[:-1]
        words = words[-1:]
    if any(w in NEGATORS or w.endswith(("n't", "n\u2019t")) for w in words):
        return Dropped(quote)
    return quote


class Vocabulary:
    """A Zipf-distributed vocabulary of generated content words and names."""

    def __init__(self, rng: random.Random, size: int = 6000, names: int = 400) -> None:
        words: set[str] = set()
        while len(words) < size:
            words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.words = sorted(words)
        rng.shuffle(self.words)
        self.cum_weights = list(
            itertools.accumulate(1.0 / (rank + 1) for rank in range(len(self.words)))
        )
        found: set[str] = set()
        while len(found) < names:
            found.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title())
        self.names = sorted(found)

    def sentence(self, rng: random.Random) -> str:
        out: list[str] = []
        for _ in range(rng.randint(8, 28)):
            r = rng.random()
            if r < 0.42:
                out.append(rng.choice(FUNCTION_WORDS))
            elif r < 0.47:
                out.append(rng.choice(self.names))
            elif r < 0.51:
                out.append(self.figure(rng))
            elif r < 0.53:
                out.append(rng.choice(["not", "never", "no"]))
            elif r < 0.55:
                out.append(rng.choice(["it\u2019s", "country\u2019s", "don\u2019t", "\u2014"]))
            else:
                out.append(rng.choices(self.words, cum_weights=self.cum_weights)[0])
        text = " ".join(out).replace(" \u2014 ", " \u2014 ")
        return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", ";"])

    @staticmethod
    def figure(rng: random.Random) -> str:
        kind = rng.random()
        if kind < 0.3:
            return str(rng.randint(1990, 2024))
        if kind < 0.6:
            return f"{rng.randint(1, 999):,}"
        if kind < 0.8:
            return f"{rng.randint(1, 99)} per cent"
        return f"{rng.randint(1, 900)}\u00a0million"


def make_page(vocab: Vocabulary, rng: random.Random, size: int) -> tuple[str, list[list[str]]]:
    """A page of about `size` characters and its paragraphs, each a list of sentences."""
    parts: list[str] = [BOILERPLATE[0], ""]
    paragraphs: list[list[str]] = []
    length = 0
    while length < size:
        paragraph = [vocab.sentence(rng) for _ in range(rng.randint(3, 7))]
        paragraphs.append(paragraph)
        parts.append(" ".join(paragraph))
        parts.append("")
        if rng.random() < 0.1:
            parts.append(rng.choice(BOILERPLATE))
        length += sum(len(s) + 1 for s in paragraph) + 2
    return "\n".join(parts), paragraphs


def _words_span(sentence: str, rng: random.Random, n: int) -> str:
    return _words_span_after(sentence, rng, n)[0]


def _words_span_after(sentence: str, rng: random.Random, n: int) -> tuple[str, bool]:
    """`_words_span`, and whether the word before it is a negator (not the "not" of "or
    not"): a quote starting there drops the negation of what it says."""
    words = sentence.rstrip(".?;").split(" ")
    if len(words) <= n:
        return " ".join(words), False
    start = rng.randint(0, len(words) - n)
    before = words[start - 1].lower() if start else ""
    negated = (before in NEGATORS or before.endswith(("n't", "n\u2019t"))) and not (
        start > 1 and words[start - 2].lower() == "or"
    )
    return " ".join(words[start : start + n]), negated


def _plain(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2014", "-").replace("\u00a0", " ")


def make_quote(
    kind: str,
    paragraphs: list[list[str]],
    other: list[str],
    vocab: Vocabulary,
    rng: random.Random,
) -> str | None:
    n = rng.randint(5, 50)
    if kind == "other":
        return _plain(_words_span(rng.choice(other), rng, n))
    paragraph = rng.choice(paragraphs)
    i = rng.randrange(len(paragraph))
    # Long quotes run over into the next sentences of the same paragraph.
    sentence = " ".join(paragraph[i : i + 3]) if n > 25 else paragraph[i]
    quote, negated = _words_span_after(sentence, rng, n)
    words = quote.split(" ")

    def mark(text: str) -> str:
        return Dropped(text) if negated else text  # see `_words_span_after`

    if kind == "verbatim":
        return mark(quote)
    if kind == "typographic":
        return mark(_plain(quote))
    if kind == "elided":
        if len(words) < 10:
            return None
        cut = rng.randint(4, len(words) - 5)
        skip = rng.randint(1, 3)
        quote = " ".join(words[:cut]) + " \u2026 " + " ".join(words[cut + skip :])
        return mark(_dropping(quote, words[cut : cut + skip], at_end=True))
    if kind == "bracketed":
        i = rng.randrange(len(words))
        bracketed = " ".join(words[:i] + ["[the agency]"] + words[i + 1 :])
        return mark(_dropping(bracketed, words[i : i + 1]))
    if kind == "number":
        digits = [i for i, w in enumerate(words) if any(c.isdigit() for c in w)]
        if not digits:
            return None
        i = rng.choice(digits)
        w = words[i]
        j = rng.choice([k for k, c in enumerate(w) if c.isdigit()])
        words[i] = w[:j] + str((int(w[j]) + rng.randint(1, 9)) % 10) + w[j + 1 :]
        return " ".join(words)
    if kind == "negation":
        i = rng.randint(1, len(words) - 1)
        return " ".join(words[:i] + ["not"] + words[i:])
    if kind == "name":
        names = [i for i, w in enumerate(words) if w in vocab.names and i > 0]
        if not names:
            return None
        i = rng.choice(names)
        words[i] = rng.choice([x for x in vocab.names if x != words[i]])
        return " ".join(words)
    if kind == "word":
        plain = [i for i, w in enumerate(words) if w in vocab.words]
        if len(words) < 8 or not plain:
            return None
        i = rng.choice(plain)
        words[i] = rng.choice(vocab.words[:2000])
        return " ".join(words)
    raise ValueError(kind)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--quotes", type=int, default=50, help="quotes per page")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--results", type=Path, help="write every result here, one JSON line each")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    vocab = Vocabulary(rng)
    verdicts: dict[str, Counter[str]] = defaultdict(Counter)
    scores: dict[str, list[float]] = defaultdict(list)
    per_quote: list[float] = []
    per_page_normalise: list[float] = []
    page_bytes = 0
    total_quotes = 0
    previous: list[str] = [vocab.sentence(rng) for _ in range(50)]
    results = args.results.open("w", encoding="utf-8") if args.results else None
    wall = time.perf_counter()
    for _ in range(args.pages):
        size = int(rng.uniform(30_000, 300_000))
        page, paragraphs = make_page(vocab, rng, size)
        page_bytes += len(page.encode())
        layer = TextLayer("page", page)
        t0 = time.perf_counter()
        normalise(page)
        normalise(page, tolerant=True)
        per_page_normalise.append(time.perf_counter() - t0)
        made = 0
        attempts = 0
        while made < args.quotes and attempts < args.quotes * 5:
            attempts += 1
            kind = KINDS[(made + attempts) % len(KINDS)]
            quote = make_quote(kind, paragraphs, previous, vocab, rng)
            if quote is None:
                continue
            made += 1
            if isinstance(quote, Dropped):
                kind = DROPPED
            t0 = time.perf_counter()
            result = match_quote(quote, [layer])
            per_quote.append(time.perf_counter() - t0)
            verdicts[kind][result.verdict.value] += 1
            if result.verdict is not Verdict.VERIFIED:
                scores[kind].append(result.score)
            if results is not None:
                evidence = result.evidence
                line = {
                    "kind": kind,
                    "quote": quote,
                    "verdict": result.verdict.value,
                    "tier": result.tier.value if result.tier else None,
                    "score": result.score,
                    "evidence": [evidence.start, evidence.end] if evidence else None,
                    "detail": result.detail,
                }
                results.write(json.dumps(line, ensure_ascii=False) + "\n")
        clear_caches()
        total_quotes += made
        previous = [s for paragraph in paragraphs[:40] for s in paragraph]
    wall = time.perf_counter() - wall
    if results is not None:
        results.close()

    per_quote_ms = sorted(t * 1000 for t in per_quote)
    normalise_ms = sorted(t * 1000 for t in per_page_normalise)
    print(f"## Quote matching ({platform.python_implementation()} {platform.python_version()})")
    print()
    print(f"- pages: {args.pages}, {page_bytes / 1e6:.1f} MB of text (30-300 KB each)")
    print(f"- quotes matched: {total_quotes}, in {sum(per_quote):.2f} s of matching")
    print(
        f"- per quote: mean {statistics.mean(per_quote_ms):.2f} ms, "
        f"p50 {per_quote_ms[len(per_quote_ms) // 2]:.2f} ms, "
        f"p95 {per_quote_ms[int(len(per_quote_ms) * 0.95)]:.2f} ms, max {per_quote_ms[-1]:.1f} ms"
    )
    print(
        f"- normalising a page (both tiers, once per page): mean "
        f"{statistics.mean(normalise_ms):.1f} ms, max {normalise_ms[-1]:.1f} ms"
    )
    print(f"- wall time including page generation: {wall:.1f} s")
    print()
    print("| kind | n | verified | approximate | mismatch | not_found |")
    print("|---|---|---|---|---|---|")
    for kind in (*KINDS, DROPPED):
        c = verdicts[kind]
        n = sum(c.values())
        cells = " | ".join(str(c[v]) for v in ("verified", "approximate", "mismatch", "not_found"))
        print(f"| {kind}{'' if kind in POSITIVE else ' (negative)'} | {n} | {cells} |")
    if args.calibrate:
        print()
        print("Scores of non-verified results (deciles):")
        for kind in (*KINDS, DROPPED):
            values = sorted(scores[kind])
            if values:
                deciles = [values[min(len(values) - 1, i * len(values) // 10)] for i in range(11)]
                print(f"  {kind:12} " + " ".join(f"{d:.2f}" for d in deciles))


if __name__ == "__main__":
    main()
