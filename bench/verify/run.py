"""Verification benchmark (issue 4, Acceptance): `claimcheck verify` against trafilatura alone.

    python bench/verify/run.py                      # 200 pages, 2,000 claims, 10,000 quotes, 3 runs
    python bench/verify/run.py --runs 1 --pages 40 --claims 400 --quotes 2000   # quick look
    python bench/verify/run.py --profile            # also cProfile `check_source` in-process

In one run of this script, on one machine:

1. `generate.py` makes 200 HTML pages of 30-300 KB (seeded, deterministic), a gzip WARC holding a
   `request` and a `response` record for each (warcio; 30 % of the payloads gzip-encoded), and a
   Markdown article of 2,000 claims citing them through `[^sNNN]` footnotes, each labelled with
   the verdicts the generator intends.
2. Each repetition times, in this order:
   - `claimcheck verify ARTICLE --replay WARC --no-cache -f json -o out.json` end to end as a
     subprocess (wall time; memory, see below);
   - trafilatura alone: `trafilatura.extract` on the same 200 bodies with the options
     `claimcheck.extract` uses, sequentially in this process and in a 2-process fork pool (verify
     uses two workers, so the pool is the fair baseline; both are reported);
   - `match_quote` on 10,000 quotes (50 per page, kinds in turn) against each page's text layers,
     extracted beforehand and not timed; each page's normalisation is paid once per repetition.
3. The verdicts in `out.json` are compared with the labels (a wrong verdict is printed as a
   finding, not hidden), and a Markdown results block with medians is printed.

Memory: `/usr/bin/time -v` reports the largest single process it saw reaped (the CLI or one pool
worker: `ru_maxrss` of the children is a max, not a sum). The pool workers are forked from the CLI
process and share pages with it, so a sampler also reads the whole process tree every 20 ms from
`/proc`: the peak of the summed RSS (over-counts shared pages) and of the summed PSS (shared pages
split between the processes sharing them: the memory the run really holds). The target
(<= 300 MB) is judged on the PSS sum.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import cProfile
import io
import json
import multiprocessing
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

TRAFILATURA_OPTIONS: dict[str, Any] = {
    # The options `claimcheck.extract._html_layers` passes (issue 4, Deliver 1).
    "favor_recall": True,
    "include_tables": True,
    "include_comments": False,
    "deduplicate": False,
}
CONTENT_TYPE = "text/html; charset=utf-8"
TARGET_RATIO = 1.2
TARGET_MB = 300
SAMPLE_SECONDS = 0.02


# --------------------------------------------------------------------------- memory sampling


def _children_map() -> dict[int, list[int]]:
    """ppid -> pids, from /proc/*/stat (this kernel has no /proc/PID/task/TID/children)."""
    out: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: split after the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        out[int(fields[1])].append(int(entry.name))
    return out


def _tree(root: int) -> list[int]:
    children = _children_map()
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(children.get(pid, ()))
    return pids


def _kb(path: str, key: bytes) -> int:
    try:
        with open(path, "rb") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


@dataclass
class MemoryPeaks:
    """Peaks seen by `TreeSampler` (kB)."""

    rss_sum: int = 0
    pss_sum: int = 0
    rss_max_single: int = 0
    processes: set[int] = field(default_factory=set)


class TreeSampler(threading.Thread):
    """Reads RSS and PSS of a process tree every `SAMPLE_SECONDS` until stopped."""

    def __init__(self, root: int, skip_root: bool) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.skip_root = skip_root  # the root is /usr/bin/time, not claimcheck
        self.peaks = MemoryPeaks()
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            pids = _tree(self.root)
            if self.skip_root:
                pids = pids[1:]
            rss = pss = 0
            for pid in pids:
                r = _kb(f"/proc/{pid}/status", b"VmRSS:")
                rss += r
                pss += _kb(f"/proc/{pid}/smaps_rollup", b"Pss:")
                self.peaks.rss_max_single = max(self.peaks.rss_max_single, r)
                if r:
                    self.peaks.processes.add(pid)
            self.peaks.rss_sum = max(self.peaks.rss_sum, rss)
            self.peaks.pss_sum = max(self.peaks.pss_sum, pss)
            self._halt.wait(SAMPLE_SECONDS)

    def stop(self) -> MemoryPeaks:
        self._halt.set()
        self.join()
        return self.peaks


# --------------------------------------------------------------------------- the timed steps


@dataclass
class VerifyRun:
    wall: float
    exit_code: int
    peaks: MemoryPeaks
    time_maxrss_kb: int | None
    rusage_children_maxrss_kb: int
    report: dict[str, Any]


REPO = Path(__file__).resolve().parents[2]


def use_source(work: Path, *, worktree: bool) -> str:
    """Point this process and its children at the code to benchmark; describe it.

    By default `git archive HEAD src` is unpacked under `work` and put first on `sys.path` and
    `PYTHONPATH` (ahead of the editable install's path entry): the run measures one commit.
    """
    head = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if worktree:
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "src"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        return f"working tree at {head}" + (" with uncommitted changes in src/" if dirty else "")
    snapshot = work / "snapshot"
    shutil.rmtree(snapshot, ignore_errors=True)
    snapshot.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "HEAD", "src"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(snapshot)], input=archive, check=True)
    src = str(snapshot / "src")
    sys.path.insert(0, src)
    os.environ["PYTHONPATH"] = src + os.pathsep + os.environ.get("PYTHONPATH", "")
    return f"commit {head} (snapshot of HEAD's src/)"


def claimcheck_command() -> list[str]:
    """The `claimcheck` console script next to this interpreter (no pyenv shim in the timing)."""
    script = Path(sys.executable).parent / "claimcheck"
    if script.exists():
        return [str(script)]
    found = shutil.which("claimcheck")
    return [found] if found else [sys.executable, "-m", "claimcheck"]


def run_verify(work: Path, article: Path, warc: Path, out: Path) -> VerifyRun:
    """`claimcheck verify` end to end in a subprocess: wall time, memory, the JSON report."""
    cmd = claimcheck_command() + [
        "verify",
        str(article),
        "--replay",
        str(warc),
        "--no-cache",
        "-f",
        "json",
        "-o",
        str(out),
    ]
    timer = Path("/usr/bin/time")
    wrapped = timer.exists()
    if wrapped:
        cmd = [str(timer), "-v"] + cmd
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
    out.unlink(missing_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    sampler = TreeSampler(proc.pid, skip_root=wrapped)
    sampler.start()
    _, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    peaks = sampler.stop()
    text = stderr.decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"claimcheck verify failed ({proc.returncode}):\n{text[-3000:]}")
    maxrss = None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        maxrss = int(m.group(1))
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report = json.loads(out.read_text(encoding="utf-8"))
    return VerifyRun(wall, proc.returncode, peaks, maxrss, children, report)


def run_claims_only(work: Path, article: Path) -> float:
    """`claimcheck claims ARTICLE -f json`: the CLI's start-up and parsing alone (wall)."""
    cmd = claimcheck_command() + ["claims", str(article), "-f", "json", "-o", "claims.json"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=work, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def warc_load_seconds(warc: Path) -> float:
    """Indexing the archive the way `--replay` does, in this process."""
    from claimcheck.warc import WarcReplayer

    t0 = time.perf_counter()
    WarcReplayer.load(warc)
    return time.perf_counter() - t0


def _extract_main(job: tuple[bytes, str]) -> int:
    import trafilatura

    text = trafilatura.extract(job[0], url=job[1], **TRAFILATURA_OPTIONS)
    return len(text or "")


def trafilatura_sequential(bodies: list[tuple[bytes, str]]) -> float:
    t0 = time.perf_counter()
    for job in bodies:
        _extract_main(job)
    return time.perf_counter() - t0


def trafilatura_pool(bodies: list[tuple[bytes, str]], workers: int) -> float:
    """The same extraction in a fork pool like `claimcheck.verify.make_pool` (start-up included)."""
    t0 = time.perf_counter()
    ctx = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        list(pool.map(_extract_main, bodies))
    return time.perf_counter() - t0


def _all_layers(job: tuple[bytes, str]) -> list[Any]:
    from claimcheck.extract import extract_layers

    return list(extract_layers(job[0], content_type=CONTENT_TYPE, url=job[1]))


def _clear_match_caches() -> None:
    """Forget normalised pages and quotes so each repetition pays for them again."""
    from claimcheck import match

    for name in dir(match):
        clear = getattr(getattr(match, name), "cache_clear", None)
        if callable(clear):
            clear()


@dataclass
class MatchRun:
    total: float
    per_quote_ms: list[float]
    verdicts: dict[str, Counter[str]]


def run_matching(layers: dict[int, list[Any]], workload: list[tuple[int, str, str]]) -> MatchRun:
    from claimcheck.match import match_quote

    _clear_match_caches()
    per_quote: list[float] = []
    verdicts: dict[str, Counter[str]] = defaultdict(Counter)
    t0 = time.perf_counter()
    for page, kind, quote in workload:
        q0 = time.perf_counter()
        result = match_quote(quote, layers[page])
        per_quote.append((time.perf_counter() - q0) * 1000)
        verdicts[kind][result.verdict.value] += 1
    return MatchRun(time.perf_counter() - t0, per_quote, verdicts)


# --------------------------------------------------------------------------- verdict check


@dataclass
class Scores:
    table: dict[str, Counter[str]]
    wrong: list[tuple[generate.Label, dict[str, Any]]]
    unlabelled: int
    missing: int


def score(report: dict[str, Any], labels: list[generate.Label]) -> Scores:
    by_line = {label.line: label for label in labels}
    table: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: list[tuple[generate.Label, dict[str, Any]]] = []
    seen: set[int] = set()
    unlabelled = 0
    for claim in report["claims"]:
        label = by_line.get(claim["line"])
        if label is None:
            unlabelled += 1
            continue
        seen.add(label.line)
        verdict = claim["verdict"]
        table[label.kind][verdict] += 1
        table[label.kind]["right" if verdict in label.expected else "wrong"] += 1
        if verdict not in label.expected:
            wrong.append((label, claim))
    return Scores(table, wrong, unlabelled, len(set(by_line) - seen))


VERDICT_COLUMNS = ("verified", "approximate", "mismatch", "not_found", "error", "unreachable")


def verdict_table(scores: Scores) -> list[str]:
    lines = [
        "| kind | expected | n | " + " | ".join(VERDICT_COLUMNS) + " | right |",
        "|---|---|---|" + "---|" * len(VERDICT_COLUMNS) + "---|",
    ]
    for kind in generate.LABEL_KINDS:
        c = scores.table.get(kind, Counter())
        n = c["right"] + c["wrong"]
        cells = " | ".join(str(c[v]) for v in VERDICT_COLUMNS)
        expected = "/".join(generate.EXPECTED[kind])
        lines.append(f"| {kind} | {expected} | {n} | {cells} | {c['right'] / max(n, 1):.1%} |")
    return lines


def summary_rates(scores: Scores) -> list[str]:
    t = scores.table
    pos_n = sum(t[k]["right"] + t[k]["wrong"] for k in generate.POSITIVE_KINDS)
    pos_ok = sum(t[k]["right"] for k in generate.POSITIVE_KINDS)
    negatives = [k for k in generate.LABEL_KINDS if k not in generate.POSITIVE_KINDS]
    neg_n = sum(t[k]["right"] + t[k]["wrong"] for k in negatives)
    neg_verified = sum(t[k]["verified"] for k in negatives)
    verified_total = sum(t[k]["verified"] for k in generate.LABEL_KINDS)
    verified_right = sum(t[k]["verified"] for k in generate.POSITIVE_KINDS)
    num_n = t["number"]["right"] + t["number"]["wrong"]
    return [
        f"- recall on positives (expected verdict given): {pos_ok}/{pos_n} = "
        f"{pos_ok / max(pos_n, 1):.1%}",
        f"- precision of `verified` (verified claims that are positives): {verified_right}/"
        f"{verified_total} = {verified_right / max(verified_total, 1):.1%}",
        f"- negatives wrongly `verified`: {neg_verified}/{neg_n}",
        f"- changed numbers in quotes caught as `mismatch`: {t['number']['mismatch']}/{num_n}",
        f"- changed facts caught as `mismatch`: {t['fact_changed']['mismatch']}/"
        f"{t['fact_changed']['right'] + t['fact_changed']['wrong']}",
    ]


# --------------------------------------------------------------------------- profiling


def profile_check_source(corpus: generate.Corpus, article: Path, top: int) -> str:
    """cProfile `check_source` in this process over every source, with the jobs verify sends."""
    from claimcheck.article import read_article
    from claimcheck.verify import _job, check_source

    parsed = read_article(str(article))
    by_note: dict[str, list[Any]] = defaultdict(list)
    for claim in parsed.claims:
        by_note[claim.note or ""].append(_job(claim))
    _clear_match_caches()
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    for page in corpus.pages:
        check_source(page.html, CONTENT_TYPE, page.url, by_note[f"s{page.index:03d}"])
    profiler.disable()
    wall = time.perf_counter() - t0
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    buckets = {
        "trafilatura.extract (main layer)": ("trafilatura/core.py", "extract"),
        "page layer (_page_text)": ("claimcheck/extract.py", "_page_text"),
        "JSON-LD layer (_jsonld_text)": ("claimcheck/extract.py", "_jsonld_text"),
        "load_html (page/JSON-LD tree)": ("trafilatura/utils.py", "load_html"),
        "match_quote": ("claimcheck/match.py", "match_quote"),
        "match_fact": ("claimcheck/facts.py", "match_fact"),
        "normalise": ("claimcheck/normalise.py", "normalise"),
    }
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    lines = [f"check_source over {len(corpus.pages)} sources in-process: {wall:.2f} s", ""]
    for label, (path, func) in buckets.items():
        cum = sum(v[3] for k, v in raw.items() if k[0].endswith(path) and k[2] == func)
        lines.append(f"- {label}: {cum:.2f} s cumulative ({cum / wall:.0%})")
    return "\n".join(lines) + "\n\n```\n" + stream.getvalue() + "```\n"


# --------------------------------------------------------------------------- report


def machine() -> list[str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import lxml.etree
    import trafilatura

    from claimcheck import __version__

    return [
        f"- machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}, "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, trafilatura {trafilatura.__version__}, "
        f"lxml {'.'.join(map(str, lxml.etree.LXML_VERSION))}, claimcheck {__version__}",
    ]


def _med(values: list[float]) -> float:
    return statistics.median(values)


def _fmt_runs(values: list[float], unit: str = "s", digits: int = 2) -> str:
    shown = ", ".join(f"{v:.{digits}f}" for v in values)
    return f"**{_med(values):.{digits}f} {unit}** (runs: {shown})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--quotes", type=int, default=10_000, help="quotes for the match loop")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="baseline pool size (verify: 2)")
    parser.add_argument("--keep", type=Path, help="write the WARC, article and reports here")
    parser.add_argument("--profile", action="store_true", help="cProfile check_source too")
    parser.add_argument("--show-wrong", type=int, default=15, help="wrong verdicts to print")
    parser.add_argument(
        "--worktree",
        action="store_true",
        help="benchmark src/ as it is on disk (default: a snapshot of the committed HEAD, so "
        "edits in progress by others cannot change or break the run)",
    )
    args = parser.parse_args()

    started = time.strftime("%Y-%m-%d %H:%M:%S")
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    tmp = None
    if args.keep:
        work = args.keep
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="claimcheck-bench-verify-")
        work = Path(tmp.name)
    source = use_source(work, worktree=args.worktree)
    print(f"generating {args.pages} pages and {args.claims} claims in {work} ...", file=sys.stderr)
    t0 = time.perf_counter()
    corpus = generate.generate(args.seed, args.pages, args.claims)
    article = work / "article.md"
    article.write_text(corpus.article, encoding="utf-8")
    warc = work / "sources.warc.gz"
    generate.write_warc(corpus.pages, warc)
    (work / "labels.json").write_text(
        json.dumps([label.__dict__ for label in corpus.labels], indent=1), encoding="utf-8"
    )
    gen_seconds = time.perf_counter() - t0
    sizes = [len(p.html) for p in corpus.pages]
    bodies = [(p.html, p.url) for p in corpus.pages]
    per_page = max(1, args.quotes // args.pages)
    workload = generate.quote_workload(corpus, per_page, args.seed + 1)

    # Layers for the matching loop (not timed): the same lazy layers verify would build, eagerly.
    import trafilatura  # noqa: F401 - imported before forking, as make_pool does

    ctx = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.workers, mp_context=ctx) as pool:
        layer_lists = list(pool.map(_all_layers, bodies))
    layers = dict(enumerate(layer_lists))

    verify_runs: list[VerifyRun] = []
    seq: list[float] = []
    par: list[float] = []
    matching: list[MatchRun] = []
    loads: list[str] = []
    claims_only: list[float] = []
    warc_load: list[float] = []
    for i in range(args.runs):
        loads.append(Path("/proc/loadavg").read_text().split()[0])
        print(f"run {i + 1}/{args.runs}: claimcheck verify ...", file=sys.stderr)
        verify_runs.append(run_verify(work, article, warc, work / f"out-{i + 1}.json"))
        claims_only.append(run_claims_only(work, article))
        warc_load.append(warc_load_seconds(warc))
        print(
            f"  verify {verify_runs[-1].wall:.2f} s, tree PSS "
            f"{verify_runs[-1].peaks.pss_sum / 1024:.0f} MB; trafilatura ...",
            file=sys.stderr,
        )
        seq.append(trafilatura_sequential(bodies))
        par.append(trafilatura_pool(bodies, args.workers))
        print(f"run {i + 1}/{args.runs}: matching {len(workload)} quotes ...", file=sys.stderr)
        matching.append(run_matching(layers, workload))
        print(
            f"  trafilatura {seq[-1]:.2f} s sequential, {par[-1]:.2f} s pool; "
            f"matching {matching[-1].total:.2f} s",
            file=sys.stderr,
        )

    first = verify_runs[0].report
    scores = score(first, corpus.labels)
    stable = all(
        [c["verdict"] for c in r.report["claims"]] == [c["verdict"] for c in first["claims"]]
        for r in verify_runs[1:]
    )
    walls = [r.wall for r in verify_runs]
    ratio_par = [w / p for w, p in zip(walls, par, strict=True)]
    ratio_seq = [w / s for w, s in zip(walls, seq, strict=True)]
    pss = [r.peaks.pss_sum / 1024 for r in verify_runs]
    rss = [r.peaks.rss_sum / 1024 for r in verify_runs]
    single = [r.peaks.rss_max_single / 1024 for r in verify_runs]
    timed = [r.time_maxrss_kb / 1024 for r in verify_runs if r.time_maxrss_kb is not None]
    durations = [float(r.report.get("duration") or 0.0) for r in verify_runs]
    match_totals = [m.total for m in matching]
    per_quote = sorted(matching[len(matching) // 2].per_quote_ms)
    tiers = Counter(c.get("tier") for c in first["claims"])
    layers_used = Counter(
        (c.get("evidence") or {}).get("matched_in") for c in first["claims"] if c.get("evidence")
    )

    out: list[str] = []
    out.append(
        f"### Verification: {args.pages} pages, {len(corpus.labels):,} claims, WARC replay ({started})"
    )
    out.append("")
    out.append("Command (each part in one run of the script, on one machine):")
    out.append("")
    out.append("```")
    out.append(
        f"python bench/verify/run.py --pages {args.pages} --claims {args.claims} "
        f"--quotes {args.quotes} --runs {args.runs} --seed {args.seed}"
    )
    out.append(
        "# times: claimcheck verify article.md --replay sources.warc.gz --no-cache -f json "
        "-o out.json"
    )
    out.append("```")
    out.append("")
    out.extend(machine())
    out.append(f"- code: {source}")
    out.append(
        f"- load average before: {' '.join(load_before)}; at the start of each run: "
        f"{', '.join(loads)} (other jobs were running on this 2-core machine; medians of "
        f"{args.runs} runs)"
    )
    out.append(
        f"- corpus: {len(sizes)} pages, {min(sizes) / 1000:.0f}-{max(sizes) / 1000:.0f} KB "
        f"(median {statistics.median(sizes) / 1000:.0f} KB, {sum(sizes) / 1e6:.1f} MB in all), "
        f"{len(corpus.labels)} claims ({sum(1 for lb in corpus.labels if 'fact' in lb.kind)} "
        f"facts), WARC {warc.stat().st_size / 1e6:.1f} MB; generated in {gen_seconds:.1f} s"
    )
    out.append("")
    out.append("| measure | median | target |")
    out.append("|---|---|---|")
    out.append(f"| `claimcheck verify` end to end (wall) | {_fmt_runs(walls)} | |")
    out.append(
        f"| verify's own `duration` (fetch+extract+match, no start-up) | {_fmt_runs(durations)} | |"
    )
    out.append(
        f"| of which start-up + parsing (`claimcheck claims ARTICLE -f json`) | "
        f"{_fmt_runs(claims_only)} | |"
    )
    out.append(
        f"| of which indexing the WARC (`WarcReplayer.load`, in-process) | {_fmt_runs(warc_load)} | |"
    )
    out.append(f"| trafilatura alone, 2-process pool | {_fmt_runs(par)} | |")
    out.append(f"| trafilatura alone, sequential | {_fmt_runs(seq)} | |")
    out.append(
        f"| verify / trafilatura pool | {_fmt_runs(ratio_par, 'x')} | <= {TARGET_RATIO} x "
        f"{'met' if _med(ratio_par) <= TARGET_RATIO else '**missed**'} |"
    )
    out.append(f"| verify / trafilatura sequential | {_fmt_runs(ratio_seq, 'x')} | |")
    out.append(
        f"| peak memory, process tree, sum of PSS | {_fmt_runs(pss, 'MB', 0)} | <= {TARGET_MB} MB "
        f"{'met' if _med(pss) <= TARGET_MB else '**missed**'} |"
    )
    out.append(f"| peak memory, process tree, sum of RSS | {_fmt_runs(rss, 'MB', 0)} | |")
    out.append(f"| largest single process RSS (sampled) | {_fmt_runs(single, 'MB', 0)} | |")
    if timed:
        out.append(
            f"| `/usr/bin/time -v` max RSS (largest reaped process) | {_fmt_runs(timed, 'MB', 0)} | |"
        )
    out.append(
        f"| matching {len(workload):,} quotes (`match_quote`, one process) | "
        f"{_fmt_runs(match_totals)} | |"
    )
    out.append("")
    out.append(
        f"- processes in the verify tree: {len(verify_runs[0].peaks.processes)} "
        f"(CLI + pool workers); `getrusage(RUSAGE_CHILDREN).ru_maxrss` after the first run: "
        f"{verify_runs[0].rusage_children_maxrss_kb / 1024:.0f} MB (a max over single children)"
    )
    out.append(
        f"- per quote (median run): mean {statistics.mean(per_quote):.2f} ms, "
        f"p50 {per_quote[len(per_quote) // 2]:.2f} ms, p95 {per_quote[int(len(per_quote) * 0.95)]:.2f} "
        f"ms, max {per_quote[-1]:.0f} ms (each page's normalisation counted once, in its first quote)"
    )
    out.append(
        f"- verify exit code: {verify_runs[0].exit_code} (findings expected: the claims include errors)"
    )
    out.append(f"- verdicts identical across runs: {'yes' if stable else '**no**'}")
    out.append(f"- tiers: {dict(sorted((str(k), v) for k, v in tiers.items()))}")
    out.append(f"- evidence layers: {dict(sorted((str(k), v) for k, v in layers_used.items()))}")
    out.append("")
    out.append("Verdicts of `claimcheck verify` against the generator's labels (first run):")
    out.append("")
    out.extend(verdict_table(scores))
    out.append("")
    out.extend(summary_rates(scores))
    if scores.unlabelled or scores.missing:
        out.append(
            f"- claims without a label: {scores.unlabelled}; labels without a claim: "
            f"{scores.missing}"
        )
    out.append("")
    out.append(f"Matching loop verdicts ({len(workload):,} quotes, `match_quote` directly):")
    out.append("")
    mv = matching[0].verdicts
    out.append("| kind | n | verified | approximate | mismatch | not_found |")
    out.append("|---|---|---|---|---|---|")
    for kind in (*generate.QUOTE_KINDS, "dropped_negation"):
        c = mv.get(kind, Counter())
        cells = " | ".join(str(c[v]) for v in ("verified", "approximate", "mismatch", "not_found"))
        out.append(f"| {kind} | {sum(c.values())} | {cells} |")
    print("\n".join(out))

    if scores.wrong:
        print()
        print(f"Wrong verdicts ({len(scores.wrong)}), first {args.show_wrong}:")
        for label, claim in scores.wrong[: args.show_wrong]:
            ev = claim.get("evidence") or {}
            print(
                f"- line {label.line} page s{label.page:03d} {label.kind}: expected "
                f"{'/'.join(label.expected)}, got {claim['verdict']} (tier {claim.get('tier')}, "
                f"score {claim.get('score')}) {claim.get('detail') or ''}"
            )
            print(f"    claim:    {claim.get('quote') or claim.get('fact')!r}")
            if ev:
                print(f"    evidence: {ev.get('text')!r} in {ev.get('matched_in')}")
            if claim.get("diff"):
                print(f"    diff:     {claim['diff']}")
    if args.profile:
        print()
        print("#### Profile")
        print()
        print(profile_check_source(corpus, article, 25))
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
