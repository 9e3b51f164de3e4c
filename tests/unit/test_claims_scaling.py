"""Article parsing and claim finding stay linear on adversarial input.

Each test times one input and the same input four times as long (best of three runs each): a
linear cost grows about 4×, a quadratic one about 16×, so a bound of 9× tells them apart with a
wide margin for timing noise while staying independent of the machine's speed.
"""

from __future__ import annotations

import gc
import random
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from claimcheck.article import parse_article
from claimcheck.article.notes import is_ibid, resolve_notes
from claimcheck.claims.from_article import find_quotes
from claimcheck.model import Note

_LINEAR_BOUND = 9.0


def _best(run: Callable[[], object]) -> float:
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            t0 = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - t0)
    finally:
        gc.enable()
    return best


def _growth(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """How much longer `make(4 * n)()` takes than `make(n)()`.

    Measured again, up to three times, while the ratio is over `_LINEAR_BOUND`, and the least
    kept: another process taking the core during one measurement can push a linear cost past the
    bound once, where a quadratic one is over it every time.
    """
    small, large = make(n), make(4 * n)
    small()  # warm up (imports, compiled patterns)
    growth = float("inf")
    for _ in range(3):
        growth = min(growth, _best(large) / max(_best(small), 1e-6))
        if growth < _LINEAR_BOUND:
            break
    return growth


def _markdown(text: str) -> Callable[[], object]:
    data = text.encode("utf-8")
    return lambda: parse_article(data, "a.md", "markdown")


class _CountingText(str):
    """A text that counts the characters its `find` calls scan (the quote scanner's work)."""

    scanned = 0

    def find(self, sub: str, start: object = None, end: object = None) -> int:  # type: ignore[override]
        at = super().find(sub, start, end)  # type: ignore[arg-type]
        begin = start if isinstance(start, int) else 0
        self.scanned += (at if at >= 0 else len(self)) - begin
        return at


def _quote_scan_work(unit: str, n: int) -> float:
    """Characters scanned for quotation marks per character of `unit * n`."""
    text = _CountingText(unit * n)
    assert find_quotes(text) == []
    return text.scanned / len(text)


def test_unbalanced_quotes_in_one_sentence_cost_one_scan() -> None:
    # Each opening mark that never closes used to rescan the rest of the sentence (and the
    # straight quotes each `"` after it, in Python): 224 KB took 21 s.
    for unit in ('He said "open ', "He said “open ", "He said ‘open ", "a „b "):
        assert _quote_scan_work(unit, 4000) <= 2.5, unit
    assert _growth(_find_quotes_in('He said "open '), 10000) < _LINEAR_BOUND


def _find_quotes_in(unit: str) -> Callable[[int], Callable[[], object]]:
    def make(n: int) -> Callable[[], object]:
        text = unit * n
        return lambda: find_quotes(text)

    return make


def test_quotes_closing_far_away_still_pair_as_before() -> None:
    text = 'a "b c" and "d "e f" g\'s ‘x’s y’ z “p „q“ r”'
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        '"b c"',
        '"d "e f"',
        "‘x’s y’",
        "“p „q“ r”",
    ]


_COUNT = "The count was {}people.[^1]\n\n[^1]: http://h.example/x\n"


def test_runs_of_number_words_are_linear() -> None:
    for unit in ("one and ", "one ", "thousand "):
        assert parse_article(_COUNT.format(unit * 50).encode(), "a.md", "markdown").claims == ()
        growth = _growth(lambda n, u=unit: _markdown(_COUNT.format(u * n)), 2000)
        assert growth < _LINEAR_BOUND, unit


# --------------------------------------------------------------------------- short-form notes


def _fold_reference(text: str) -> str:
    text = text.replace("ı", "i").replace("İ", "I")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", stripped.casefold()))


def _resolve_reference(notes: list[Note]) -> list[str | None]:
    """The former pairwise scan of `resolve_notes`: each short form against every earlier note."""
    out: list[Note] = []
    for note in notes:
        target: Note | None = None
        if is_ibid(note.text):
            # An Ibid. after an Ibid. that points nowhere points nowhere either.
            lost = out and is_ibid(out[-1].text) and out[-1].resolved_note is None
            target = out[-1] if out and not lost else None
        elif not note.urls and note.title is not None:
            for earlier in out:
                if earlier.title is None or is_ibid(earlier.text):
                    continue
                a, b = _fold_reference(note.title), _fold_reference(earlier.title)
                if not a or not b or not (a == b or b.startswith(a + " ")):
                    continue
                if note.author is not None:
                    surname = _fold_reference(note.author).split()
                    if earlier.author is None or not surname:
                        continue
                    if surname[-1] not in _fold_reference(earlier.author).split():
                        continue
                target = earlier
                break
        if target is not None:
            note = replace(note, resolved_note=target.resolved_note or target.id)
        out.append(note)
    return [n.resolved_note for n in out]


def _random_notes(rng: random.Random, count: int) -> list[Note]:
    words = ["Policy", "policy", "Pólicy", "report", "The", "İlham", "ilham", "a", "b", "—", ""]
    names = ["Jane Smith", "Smith", "SMITH", "Kılıç", "Kilic", "J. Doe", "Doe", "—", None]
    notes: list[Note] = []
    for i in range(count):
        if rng.random() < 0.1:
            notes.append(Note(id=str(i), line=i, text="Ibid."))
            continue
        title = " ".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
        notes.append(
            Note(
                id=str(i),
                line=i,
                text=f"note {i}",
                urls=("https://example.org/",) if rng.random() < 0.4 else (),
                title=title if rng.random() < 0.9 else None,
                author=rng.choice(names),
            )
        )
    return notes


def test_short_forms_resolve_as_the_pairwise_scan_did() -> None:
    rng = random.Random(4)
    for _ in range(300):
        notes = _random_notes(rng, rng.randint(1, 30))
        got = [n.resolved_note for n in resolve_notes(notes)]
        assert got == _resolve_reference(notes)


def _short_form_notes(n: int) -> list[Note]:
    full = [
        Note(
            id=str(i),
            line=i,
            text="",
            urls=("https://example.org/",),
            title=f"Title {i} policy",
            author=f"Jane Author{i}",
        )
        for i in range(n)
    ]
    # Short forms that find their full note, and ones that find a title but not the author.
    short = [
        Note(id=str(n + i), line=n + i, text="", title=f"Title {i}", author=f"Author{i}")
        for i in range(n)
    ]
    stray = [
        Note(id=str(2 * n + i), line=2 * n + i, text="", title="Title", author=f"Other{i}")
        for i in range(n)
    ]
    return full + short + stray


def test_short_form_resolution_is_linear_in_the_number_of_notes() -> None:
    resolved = resolve_notes(_short_form_notes(10))
    assert [n.resolved_note for n in resolved[10:20]] == [str(i) for i in range(10)]
    assert all(n.resolved_note is None for n in resolved[20:])

    def make(n: int) -> Callable[[], object]:
        notes = _short_form_notes(n)
        return lambda: resolve_notes(notes)

    assert _growth(make, 300) < _LINEAR_BOUND


# --------------------------------------------------------------------------- long sentences


def _one_long_paragraph(n: int) -> str:
    body = " ".join(f'and the "council {i}" argued {i % 90 + 5}%' for i in range(n))
    return f"Intro {body} here.[^1]\n\n[^1]: http://h.example/x\n"


def test_claims_of_a_very_long_sentence_carry_an_excerpt_around_themselves() -> None:
    article = parse_article(_one_long_paragraph(600).encode(), "a.md", "markdown")
    assert len(article.claims) == 1200
    for claim in article.claims:
        assert len(claim.sentence) <= 2 * 500 + 100
        assert (claim.quote or claim.fact or "") in claim.sentence
    first, last = article.claims[0], article.claims[-1]
    assert first.sentence.startswith('Intro and the "council 0" argued 5%')
    assert first.sentence.endswith(" …") and not first.sentence.startswith("…")
    assert last.sentence.startswith("… ") and last.sentence.endswith("argued 64% here.")
    middle = article.claims[601]  # the figure after "council 300": 300 % 90 + 5 = 35
    assert middle.fact == "35%"
    assert '"council 300" argued 35%' in middle.sentence


def test_a_sentence_up_to_the_limit_is_carried_whole() -> None:
    body = " ".join(f'and the "council {i}" argued 5%' for i in range(63))
    assert 1900 < len(body) < 2000
    article = parse_article(
        f"{body}.[^1]\n\n[^1]: http://h.example/x\n".encode(), "a.md", "markdown"
    )
    assert {c.sentence for c in article.claims} == {body + "."}


def test_many_claims_in_one_sentence_are_linear() -> None:
    # 3,600 claims in a 54 KB paragraph took 1.4 s to parse, and `init` wrote 223 MB.
    assert _growth(lambda n: _markdown(_one_long_paragraph(n)), 400) < _LINEAR_BOUND


def test_many_quotes_across_many_sentences_are_linear() -> None:
    text = " ".join(f'Item {i} said "we rose" by {i % 90 + 5}%.' for i in range(5))
    article = parse_article(
        f"{text}[^1]\n\n[^1]: http://h.example/x\n".encode(), "a.md", "markdown"
    )
    assert article.claims and article.uncited

    def make(n: int) -> Callable[[], object]:
        text = " ".join(f'Item {i} said "we rose" by {i % 90 + 5}%.' for i in range(n))
        return _markdown(f"{text}[^1]\n\n[^1]: http://h.example/x\n")

    assert _growth(make, 500) < _LINEAR_BOUND
