"""Corpus fuzzing: at least 10,000 generated inputs through every reader of untrusted input.

    python bench/fuzz/run.py [--seed 1] [--scale 1.0] [--json out.json] [--crash-dir DIR]

Issue 7, Deliver 3. Not part of the default test run (the hypothesis tests in
`tests/unit/test_fuzz_toml_numbers.py` are the fast version); `scripts/reliability.py` runs it and
puts its counts in RELIABILITY.md.

Each target starts from a few well-formed seed inputs written here (our own prose, in every
footnote style of SPEC §3.1) and applies one to eight random mutations: byte flips, insertions,
deletions, duplicated and spliced ranges, dictionary tokens (markers, note lines, tags, BOMs,
NULs, broken UTF-8), truncation and blow-ups. The contract checked:

- article parsers (`claimcheck.article.parse_article(data, source, fmt)` for text, markdown, html,
  docx): an `Article`, or `ArticleError`;
- `claims.toml` (`claimcheck.claims.from_toml.load_claims_file`): a `ClaimsFile`, or
  `ClaimsFileError`;
- the normaliser and the number parser: a result, never an exception;
- the CLI (`claimcheck claims FILE`, in process via Typer's `CliRunner`): exit 0, or exit 2 with
  an `error:` line naming the problem — never `internal error`, never a traceback.

Anything else is a crash: counted, and its input saved under `--crash-dir` to reproduce. An input
taking longer than `SLOW_SECONDS` is reported as slow. Exit status 1 if anything crashed.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import random
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.article import parse_article
from claimcheck.claims.from_toml import load_claims_file
from claimcheck.errors import ArticleError, ClaimsFileError
from claimcheck.normalise import normalise
from claimcheck.numbers import find_figures, parse_quantity

#: One input taking this long is a finding (a parser gone quadratic); healthy inputs take ms.
SLOW_SECONDS = 2.0
#: Mutated inputs are cut to this size, so a blow-up mutation stays a test of parsing, not of RAM.
MAX_INPUT = 256 * 1024

# ----------------------------------------------------------------------------- seeds

TEXT_SEED = """The Lighthouse Ledgers

For a century the keepers logged every passing ship by hand.[1] The county says the ledgers
list "3,412 vessels in the busiest year", most of them colliers.[2] Historians call them
"the best record of coastal trade we have".[3]

A later survey counted two million entries in all.[4]

Notes
[1] M. Carter, "Keeping the Light," Coastal Review, 2019, https://example.org/carter/keeping.
[2] Ibid., p. 14.
[3] Carter, "Keeping the Light."
[4] County Archive, annual report 2021 (no link).
"""

MARKDOWN_SEED = """# The lighthouse ledgers

For a century the keepers logged every passing ship by hand.[^carter] The county says the
ledgers list “3,412 vessels in the busiest year”.[^county] See also
[the archive's catalogue](https://example.org/catalogue).

[^carter]: M. Carter, “Keeping the Light,” <https://example.org/carter/keeping>.
[^county]: [County report](https://example.org/county/2021), accessed 3 May 2024.
"""

HTML_SEED = """<!doctype html><html><head><title>The lighthouse ledgers</title></head><body>
<article><h1>The lighthouse ledgers</h1>
<p>For a century the keepers logged every passing ship by hand.<sup><a href="#fn1" id="r1">1</a>
</sup> The county says the ledgers list “3,412 vessels in the busiest year”.<sup>
<a href="#fn2">2</a></sup> See <a href="https://example.org/catalogue">the catalogue</a>.</p>
<p>Word style too.<a href="#_ftn3" name="_ftnref3">[3]</a></p>
<ol class="footnotes"><li id="fn1">M. Carter, “Keeping the Light,”
<a href="https://example.org/carter/keeping">Coastal Review</a>.</li>
<li id="fn2">Ibid., p. 14.</li></ol>
<div><a href="#_ftnref3" name="_ftn3">[3]</a> County report, https://example.org/county.</div>
</article></body></html>
"""

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCX_DOCUMENT = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'
    "<w:p><w:r><w:t>The keepers logged every passing ship by hand.</w:t></w:r>"
    '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    '<w:p><w:r><w:t xml:space="preserve">The ledgers list “3,412 vessels”. </w:t></w:r>'
    '<w:r><w:endnoteReference w:id="2"/></w:r></w:p></w:body></w:document>'
)
DOCX_FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {_W}><w:footnote w:id="1"><w:p><w:r>'
    "<w:t>M. Carter, Keeping the Light, https://example.org/carter/keeping</w:t></w:r></w:p>"
    "</w:footnote></w:footnotes>"
)
DOCX_ENDNOTES = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:endnotes {_W}><w:endnote w:id="2"><w:p><w:r>'
    "<w:t>Ibid.</w:t></w:r></w:p></w:endnote></w:endnotes>"
)

TOML_SEED = """[article]
path = "draft.md"
accessed = 2025-04-23

[settings]
timeout = 20
fail_on = ["mismatch", "not_found", "unreachable"]

[settings.hosts."example.org"]
host_interval = 1.5

[notes.1]
url = "https://example.org/carter/keeping"
title = "Keeping the Light"
accessed = 2021-06-16

[notes.2]
same_as = 1

[[claims]]
id = "ledger"
note = 1
quote = "logged every passing ship by hand"

[[claims]]
url = "https://example.org/county/2021"
text = "The ledgers list 3,412 vessels in the busiest year, two million in all."
facts = ["3,412", "two million"]
"""

TEXT_LINES = [
    "The county spent US$150 billion between 1993 and 2023.",
    "Roughly 12.5% of the harbour — about two million tonnes — moved by sail.",
    "On 6 February 2023 the quay reopened; “the finest in the north,” said one.",
    "İstanbul’daki ılık rüzgâr: ﬁne ligatures, soft\u00adhyphen, inter-\nnational.",
    "Costs rose 3–4 percentage points to €1.234,56 million (est.).",
]

TOKENS = [
    b"[1]",
    b"[^a]",
    b"\n[1] ",
    b"\n[^a]: ",
    b"Ibid.",
    b"Id., p. 4",
    b"https://",
    b"http://[::1",
    b"\xe2\x80\x9c",
    b"\xe2\x80\x9d",
    b'"',
    b"\xc2\xab",
    b"<sup><a href='#fn1'>",
    b"</a></sup>",
    b"<ol class='footnotes'><li id='fn1'>",
    b"<!--",
    b"<![CDATA[",
    b"&#0;",
    b"&bogus",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\xed\xa0\x80",
    b"\xc3",
    b"\r",
    b"\n\n",
    b"[[claims]]\n",
    b"[notes.",
    b" = ",
    b'"""',
    b"'''",
    b"= [",
    b"{",
    b"2025-13-45",
    b"1e999",
    b"US$",
    b"billion",
    b"%",
    b"\xe2\x80\xa6",
    b"[...]",
]


# ----------------------------------------------------------------------------- mutation


def mutate(data: bytes, rng: random.Random, others: list[bytes]) -> bytes:
    """Apply one to eight random mutations to `data`."""
    if rng.random() < 0.5:
        data = mutate_lines(data, rng)
        if rng.random() < 0.5:
            return data  # keep half of the line-level mutants syntactically plausible
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(9)
        pos = rng.randint(0, len(buf))
        if op == 0 and buf:  # flip a byte
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # insert random bytes
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 2 and buf:  # delete a range
            end = min(len(buf), pos + rng.randint(1, 64))
            del buf[pos:end]
        elif op == 3 and buf:  # duplicate a range
            start = rng.randrange(len(buf))
            chunk = buf[start : start + rng.randint(1, 200)]
            buf[pos:pos] = chunk * rng.randint(1, 4)
        elif op in (4, 5):  # insert a dictionary token
            buf[pos:pos] = rng.choice(TOKENS)
        elif op == 6:  # truncate
            del buf[pos:]
        elif op == 7 and others:  # splice with another seed
            other = rng.choice(others)
            start = rng.randrange(len(other) or 1)
            buf[pos:pos] = other[start : start + rng.randint(1, 400)]
        elif op == 8 and buf:  # blow up a short range
            start = rng.randrange(len(buf))
            buf[pos:pos] = buf[start : start + rng.randint(1, 4)] * rng.randint(100, 5000)
    return bytes(buf[:MAX_INPUT])


def mutate_lines(data: bytes, rng: random.Random) -> bytes:
    """Structure-aware mutations: drop, duplicate or swap whole lines, or move a value from one
    `key = value` line to another, so many mutants stay well-formed and reach the validators."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        if not lines:
            break
        op = rng.randrange(4)
        i = rng.randrange(len(lines))
        j = rng.randrange(len(lines))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[j])
        elif op == 2:
            lines[i], lines[j] = lines[j], lines[i]
        elif b" = " in lines[i] and b" = " in lines[j]:
            key = lines[i].split(b" = ", 1)[0]
            lines[i] = key + b" = " + lines[j].split(b" = ", 1)[1]
    return b"\n".join(lines)


def docx(document: bytes, footnotes: bytes, endnotes: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        zf.writestr("word/document.xml", document)
        zf.writestr("word/footnotes.xml", footnotes)
        zf.writestr("word/endnotes.xml", endnotes)
    return out.getvalue()


# ----------------------------------------------------------------------------- targets


@dataclass
class Tally:
    """Per-target counts."""

    name: str
    inputs: int = 0
    ok: int = 0
    clean_errors: int = 0
    crashes: int = 0
    slow: int = 0
    seconds: float = 0.0
    max_seconds: float = 0.0
    crash_kinds: dict[str, int] = field(default_factory=dict)


class Crash(Exception):
    """The target broke its contract."""


Target = Callable[[bytes], bool]  # True: a result; False: a clean error; raises Crash otherwise


def _article(fmt: str) -> Target:
    def run(data: bytes) -> bool:
        try:
            parse_article(data, f"fuzz.{fmt}", fmt)
        except ArticleError:
            return False
        return True

    return run


def _toml(workdir: Path) -> Target:
    path = workdir / "claims.toml"

    def run(data: bytes) -> bool:
        path.write_bytes(data)
        try:
            load_claims_file(path)
        except ClaimsFileError as exc:
            if exc.path != str(path):
                raise Crash(f"ClaimsFileError names {exc.path!r}, not the file") from None
            return False
        return True

    return run


def _normalise(data: bytes) -> bool:
    text = data.decode("utf-8", "surrogateescape")
    normalise(text)
    normalise(text, tolerant=True)
    return True


def _numbers(data: bytes) -> bool:
    text = data.decode("utf-8", "surrogateescape")
    for fig in find_figures(text):
        if text[fig.start : fig.end] != fig.text:
            raise Crash("figure offsets do not match its text")
        fig.quantity.canonical()
    parse_quantity(text[:80])
    return True


def _cli(workdir: Path) -> Target:
    from typer.testing import CliRunner

    from claimcheck.cli import app

    runner = CliRunner()
    suffixes = [".txt", ".md", ".html", ".docx"]
    counter = [0]

    def run(data: bytes) -> bool:
        counter[0] += 1
        path = workdir / f"article{suffixes[counter[0] % len(suffixes)]}"
        path.write_bytes(data)
        result = runner.invoke(app, ["claims", str(path), "--format", "json"])
        if result.exit_code == 0:
            return True
        if result.exit_code != 2:
            raise Crash(f"exit {result.exit_code}")
        if "internal error" in result.stderr or "Traceback" in result.stderr:
            raise Crash(f"exit 2 but: {result.stderr.strip()[:200]}")
        if "error:" not in result.stderr:
            raise Crash("exit 2 without an error line")
        return False

    return run


# ----------------------------------------------------------------------------- driver


def corpus(name: str) -> tuple[list[bytes], Callable[[bytes, random.Random], bytes]]:
    """Seeds and a generator for target `name`."""
    text = TEXT_SEED.encode()
    md = MARKDOWN_SEED.encode()
    html = HTML_SEED.encode()
    all_seeds = [text, md, html, TOML_SEED.encode()]
    if name == "article-docx":
        parts = [DOCX_DOCUMENT.encode(), DOCX_FOOTNOTES.encode(), DOCX_ENDNOTES.encode()]

        def gen_docx(seed: bytes, r: random.Random) -> bytes:
            if r.random() < 0.25:  # mutate the zip itself
                return mutate(docx(*parts), r, [])
            mutated = [mutate(p, r, parts) if r.random() < 0.6 else p for p in parts]
            return docx(mutated[0], mutated[1], mutated[2])

        return [b""], gen_docx
    seeds = {
        "article-text": [text],
        "article-markdown": [md],
        "article-html": [html],
        "claims-toml": [TOML_SEED.encode()],
        "normalise": [line.encode() for line in TEXT_LINES],
        "numbers": [line.encode() for line in TEXT_LINES],
        "cli-claims": [text, md, html],
    }[name]

    def gen(seed: bytes, r: random.Random) -> bytes:
        return mutate(seed, r, all_seeds)

    return seeds, gen


PLAN = {  # target -> inputs at scale 1.0 (11,500 in all)
    "article-text": 1500,
    "article-markdown": 1500,
    "article-html": 1500,
    "article-docx": 1000,
    "claims-toml": 2500,
    "normalise": 1500,
    "numbers": 1500,
    "cli-claims": 500,
}


def run(seed: int, scale: float, crash_dir: Path | None) -> list[Tally]:
    rng = random.Random(seed)
    tallies: list[Tally] = []
    with tempfile.TemporaryDirectory(prefix="claimcheck-fuzz-") as tmp:
        workdir = Path(tmp)
        targets: dict[str, Target] = {
            "article-text": _article("text"),
            "article-markdown": _article("markdown"),
            "article-html": _article("html"),
            "article-docx": _article("docx"),
            "claims-toml": _toml(workdir),
            "normalise": _normalise,
            "numbers": _numbers,
            "cli-claims": _cli(workdir),
        }
        for name, planned in PLAN.items():
            count = max(1, int(planned * scale))
            seeds, gen = corpus(name)
            tally = Tally(name)
            target = targets[name]
            for i in range(count):
                data = seeds[i % len(seeds)] if i < len(seeds) else gen(rng.choice(seeds), rng)
                t0 = time.perf_counter()
                try:
                    if target(data):
                        tally.ok += 1
                    else:
                        tally.clean_errors += 1
                except Exception as exc:  # the very thing we are looking for: record it
                    tally.crashes += 1
                    kind = f"{type(exc).__name__}: {str(exc)[:80]}"
                    tally.crash_kinds[kind] = tally.crash_kinds.get(kind, 0) + 1
                    if crash_dir is not None:
                        crash_dir.mkdir(parents=True, exist_ok=True)
                        stem = crash_dir / f"{name}-{i}"
                        stem.with_suffix(".bin").write_bytes(data)
                        stem.with_suffix(".txt").write_text(traceback.format_exc())
                elapsed = time.perf_counter() - t0
                tally.inputs += 1
                tally.seconds += elapsed
                tally.max_seconds = max(tally.max_seconds, elapsed)
                if elapsed > SLOW_SECONDS:
                    tally.slow += 1
                    if crash_dir is not None:
                        crash_dir.mkdir(parents=True, exist_ok=True)
                        (crash_dir / f"{name}-{i}-slow.bin").write_bytes(data)
            tallies.append(tally)
            print(
                f"{name:18} {tally.inputs:6} inputs  {tally.ok:6} ok  {tally.clean_errors:6} "
                f"clean errors  {tally.crashes:4} crashes  {tally.slow:3} slow  "
                f"max {tally.max_seconds * 1000:7.1f} ms",
                flush=True,
            )
            for kind, n in sorted(tally.crash_kinds.items(), key=lambda kv: -kv[1])[:5]:
                print(f"    {n:5} × {kind}", flush=True)
    return tallies


def main(argv: list[str] | None = None) -> int:
    # Parsers log a warning for every oddity (a note defined twice...); the counts are the point.
    logging.getLogger("claimcheck").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every target's count")
    parser.add_argument("--json", type=Path, help="write the counts here as JSON")
    parser.add_argument("--crash-dir", type=Path, help="save each crashing input here")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    tallies = run(args.seed, args.scale, args.crash_dir)
    total = sum(t.inputs for t in tallies)
    crashes = sum(t.crashes for t in tallies)
    seconds = time.monotonic() - t0
    print(f"total: {total} inputs, {crashes} crashes, {seconds:.1f} s")
    if args.json:
        summary = {
            "seed": args.seed,
            "inputs": total,
            "crashes": crashes,
            "seconds": round(seconds, 1),
            "targets": [t.__dict__ for t in tallies],
        }
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
