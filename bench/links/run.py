"""Link-check benchmark: claimcheck, lychee, LinkChecker (and aiohttp) on the same 1,000 URLs.

    python bench/links/run.py            # 3 rounds, median; prints a block for BENCHMARKS.md
    python bench/links/run.py --rounds 5 --urls 1000 --hosts 20 --delay 0.05

`server.py` (its own process) serves 20 loopback hosts, 127.0.0.2-21, each answering after 50 ms.
The article is Markdown with 1,000 links spread round-robin over the hosts: 60% `200`, 20% `301`
to a `200` on the same host, 20% `404`. Every tool gets the same limits: 128 requests in flight, 8
per host, no interval between requests to one host, 2 retries, no cache. LinkChecker reads the
same links as HTML (it has no Markdown parser for local files) and is given 128 threads. When
aiohttp is installed, `aiohttp_reference.py` (the same GETs and nothing else, with aiohttp's C
parser) runs too, as the lower bound for a Python tool; none of these peers is a dependency.

Each tool runs as a child process; wall time is measured around it, CPU time (user + system) and
peak memory are the child's `ru_utime + ru_stime` and `ru_maxrss` from `os.wait4`. A tool that is
not installed is reported as missing, not fatal. The floor is ceil(1,200 requests / 128) x 50 ms
plus start-up: the 200 redirects cost 2 requests.

Before timing, claimcheck's bytecode is compiled (as `pip install` does; an environment with
`PYTHONDONTWRITEBYTECODE=1` would otherwise recompile every module on every run, ~0.3 s) and each
tool runs once untimed, so every timed round starts with warm file caches. The machine's load
average is printed with the results: on a shared machine, compare rounds run at low load.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = ["ok"] * 6 + ["moved"] * 2 + ["gone"] * 2  # per ten URLs: 60% 200, 20% 301, 20% 404
CONCURRENCY = 128
HOST_CONCURRENCY = 8


@dataclass
class Run:
    tool: str
    wall: float
    cpu: float
    max_rss_mb: float
    exit_code: int
    note: str = ""


def make_article(folder: Path, port: int, urls: int, hosts: int, first: int) -> tuple[Path, Path]:
    """Write the Markdown article and the same links as HTML; return both paths."""
    links = [
        f"http://127.0.0.{first + i % hosts}:{port}/{KINDS[(i // hosts) % len(KINDS)]}/{i}"
        for i in range(urls)
    ]
    md = folder / "article.md"
    md.write_text(
        "# Benchmark article\n\n"
        + "".join(f"Sentence {i} cites [source {i}]({u}).\n\n" for i, u in enumerate(links)),
        encoding="utf-8",
    )
    html = folder / "article.html"
    html.write_text(
        "<!doctype html><html><head><title>Benchmark</title></head><body>\n"
        + "".join(
            f'<p>Sentence {i} cites <a href="{u}">source {i}</a>.</p>\n'
            for i, u in enumerate(links)
        )
        + "</body></html>\n",
        encoding="utf-8",
    )
    return md, html


def commands(md: Path, html: Path, out: Path) -> dict[str, list[str] | None]:
    claimcheck = shutil.which("claimcheck")
    lychee = shutil.which("lychee")
    linkchecker = shutil.which("linkchecker")
    try:
        import aiohttp  # noqa: F401 - only whether it is installed
    except ImportError:
        has_aiohttp = False
    else:
        has_aiohttp = True
    return {
        "claimcheck": None
        if claimcheck is None
        else [
            claimcheck, "links", str(md), "--allow-private", "--no-cache", "--no-wayback",
            "--no-progress", "--concurrency", str(CONCURRENCY),
            "--host-concurrency", str(HOST_CONCURRENCY), "--host-interval", "0",
            "--retries", "2", "--format", "json", "--output", str(out / "claimcheck.json"),
            "--fail-on", "none",
        ],
        "lychee": None
        if lychee is None
        else [
            lychee, str(md), "--no-progress", "--max-concurrency", str(CONCURRENCY),
            "--host-concurrency", str(HOST_CONCURRENCY), "--host-request-interval", "0ms",
            "--max-retries", "2", "--format", "json", "--output", str(out / "lychee.json"),
        ],
        "linkchecker": None
        if linkchecker is None
        else [
            linkchecker, "--check-extern", "--threads", str(CONCURRENCY), "--no-status",
            "--recursion-level", "1", "--output", "none", "--no-warnings",
            "--file-output", f"csv/{out / 'linkchecker.csv'}", str(html),
        ],
        "aiohttp": None
        if not has_aiohttp
        else [sys.executable, str(HERE / "aiohttp_reference.py"), str(md), str(out / "aiohttp.json")],
    }  # fmt: skip


def measure(tool: str, argv: list[str], cwd: Path) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env(cwd)
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_kb = usage.ru_maxrss  # kilobytes on Linux
    note = ""
    if proc.returncode not in (0, 1, 2) and err:
        note = err[-1][:120]
    cpu = usage.ru_utime + usage.ru_stime
    return Run(tool, wall, cpu, rss_kb / 1024, proc.returncode, note)


def compile_claimcheck() -> None:
    """Write claimcheck's `.pyc` files, as installing it would (see the module docstring)."""
    import claimcheck

    compileall.compile_dir(str(Path(claimcheck.__file__).parent), quiet=1)


def _env(cwd: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env.pop(name, None)
    env["HOME"] = str(cwd)  # keep LinkChecker's and lychee's config and caches out of ~
    return env


def check_statuses(out: Path, urls: int) -> str:
    """Confirm each tool checked every URL and saw what the server serves (20% 404)."""
    notes = []
    path = out / "claimcheck.json"
    if path.exists():
        report = json.loads(path.read_text(encoding="utf-8"))
        got = {k: v for k, v in report.get("summary", {}).get("statuses", {}).items() if v}
        want = {"ok": urls * 6 // 10, "redirected": urls * 2 // 10, "dead": urls * 2 // 10}
        notes.append("claimcheck " + ("as served" if got == want else f"saw {got}"))
    path = out / "lychee.json"
    if path.exists():
        report = json.loads(path.read_text(encoding="utf-8"))
        notes.append(
            f"lychee checked {report.get('total')}, {report.get('errors')} errors, "
            f"{report.get('redirects')} redirects"
        )
    path = out / "aiohttp.json"
    if path.exists():
        report = json.loads(path.read_text(encoding="utf-8"))
        notes.append(f"aiohttp reference fetched {report.get('urls')}: {report.get('statuses')}")
    path = out / "linkchecker.csv"
    if path.exists():
        # LinkChecker's CSV lists problems only (valid URLs need --verbose): count the 404s.
        rows = path.read_text(encoding="utf-8").splitlines()
        notes.append(f"LinkChecker reported {sum('404' in r for r in rows)} 404s")
    return "; ".join(notes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--urls", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--first", type=int, default=2)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--tools", default="claimcheck,lychee,linkchecker,aiohttp")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first")
    args = parser.parse_args()
    compile_claimcheck()

    server = subprocess.Popen(
        [sys.executable, str(HERE / "server.py"), "--hosts", str(args.hosts),
         "--first", str(args.first), "--delay", str(args.delay)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline().split()[1])
        with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
            folder = Path(tmp)
            # LinkChecker drops root privileges to `nobody`, which must still read the article.
            folder.chmod(0o777)
            md, html = make_article(folder, port, args.urls, args.hosts, args.first)
            argvs = commands(md, html, folder)
            wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
            results: dict[str, list[Run]] = {t: [] for t in wanted}
            for _ in range(args.warmup):
                for tool in wanted:
                    argv = argvs.get(tool)
                    if argv is not None and tool != "linkchecker":  # 30 s; its caches are cold
                        measure(tool, argv, folder)
            load_before = os.getloadavg()[0]
            for r in range(args.rounds):
                for tool in wanted:
                    argv = argvs.get(tool)
                    if argv is None:
                        continue
                    run = measure(tool, argv, folder)
                    results[tool].append(run)
                    print(f"round {r + 1} {tool:12} {run.wall:7.2f} s {run.cpu:6.2f} s CPU "
                          f"{run.max_rss_mb:7.1f} MB exit {run.exit_code} {run.note}",
                          file=sys.stderr)  # fmt: skip
            load = (load_before, os.getloadavg()[0])
            sanity = check_statuses(folder, args.urls)
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=10)
    print(block(results, argvs_missing=[t for t in wanted if argvs.get(t) is None], args=args,
                sanity=sanity, load=load))  # fmt: skip
    return 0


def block(
    results: dict[str, list[Run]],
    *,
    argvs_missing: list[str],
    args: argparse.Namespace,
    sanity: str,
    load: tuple[float, float],
) -> str:
    floor = -(-(args.urls * 12 // 10) // CONCURRENCY) * args.delay
    lines = [
        f"### `claimcheck links`: {args.urls} URLs, {args.hosts} loopback hosts, "
        f"{args.delay * 1000:.0f} ms each ({time.strftime('%Y-%m-%d')})",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load[0]:.2f} before and {load[1]:.2f} after the timed rounds; "
        f"median of {args.rounds} rounds after {args.warmup} untimed; limits {CONCURRENCY} "
        f"global / {HOST_CONCURRENCY} per host, no interval, no cache; claimcheck's bytecode "
        f"compiled. Floor: {floor:.2f} s plus start-up. Command: `python bench/links/run.py`.",
        "",
        "| tool | wall time (median) | runs | CPU (median) | peak memory | vs claimcheck |",
        "|---|---|---|---|---|---|",
    ]
    base = (
        statistics.median(r.wall for r in results["claimcheck"])
        if results.get("claimcheck")
        else None
    )
    for tool, runs in results.items():
        if not runs:
            lines.append(f"| {tool} | not installed | | | | |")
            continue
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        rss = max(r.max_rss_mb for r in runs)
        spread = ", ".join(f"{r.wall:.2f}" for r in runs)
        ratio = f"{wall / base:.2f}x" if base else ""
        lines.append(f"| {tool} | {wall:.2f} s | {spread} | {cpu:.2f} s | {rss:.0f} MB | {ratio} |")
    if sanity:
        lines += ["", f"Sanity: {sanity}."]
    del argvs_missing
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
