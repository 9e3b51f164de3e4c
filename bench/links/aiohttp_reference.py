"""A lower bound for a Python link checker: aiohttp fetching the benchmark's links, nothing else.

    python bench/links/aiohttp_reference.py ARTICLE.md OUT.json

It reads the Markdown article's `](http...)` links with one regex, GETs each with aiohttp (C HTTP
parser; 128 connections in all, 8 per host, redirects followed), reads every body and writes the
status counts. No safety checks, retries, classification, cache or report: what is left when
everything but the network and a Python event loop is taken away. `run.py` times it next to
claimcheck as the "aiohttp reference" of SPEC §7. aiohttp is not a claimcheck dependency; the
tool is skipped when it is not installed.
"""

from __future__ import annotations

import asyncio
import collections
import json
import re
import sys
from pathlib import Path

import aiohttp

LINK = re.compile(r"\]\((https?://[^)\s]+)\)")


async def check(urls: list[str]) -> dict[str, int]:
    counts: collections.Counter[str] = collections.Counter()
    connector = aiohttp.TCPConnector(limit=128, limit_per_host=8)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(url: str) -> None:
            async with session.get(url) as response:
                await response.read()
                counts[str(response.status)] += 1
                if response.history:
                    counts["redirected"] += 1

        await asyncio.gather(*(one(u) for u in urls))
    return dict(counts)


def main() -> int:
    article, out = Path(sys.argv[1]), Path(sys.argv[2])
    urls = list(dict.fromkeys(LINK.findall(article.read_text(encoding="utf-8"))))
    counts = asyncio.run(check(urls))
    out.write_text(json.dumps({"urls": len(urls), "statuses": counts}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
