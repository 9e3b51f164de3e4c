"""Benchmark server: N loopback hosts (127.0.0.2, ...) that answer every request after a delay.

Run as its own process so its CPU does not count against the checker being measured::

    python bench/links/server.py --hosts 20 --delay 0.05

It prints `ready PORT` once every host listens (all hosts share one port), then serves until
stdin closes or it is killed. Paths: `/ok/N` answers 200 with a small HTML page, `/moved/N`
answers 301 to `/ok/N` on the same host, `/gone/N` answers 404. Every answer, the 301 included,
waits `--delay` seconds first, like a server 50 ms away. HTTP/1.1 keep-alive, no framework: at
1,000 requests in half a second the server must not be the bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import sys

PAGE = (
    b"<!doctype html><html><head><title>Page %s</title></head><body><p>Text %s.</p></body></html>"
)


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            line = head.split(b"\r\n", 1)[0].split()
            path = line[1].decode() if len(line) > 1 else "/"
            await asyncio.sleep(delay)
            kind, _, n = path.strip("/").partition("/")
            if kind == "ok":
                body = PAGE % (n.encode(), n.encode())
                status, extra = b"200 OK", b"Content-Type: text/html; charset=utf-8\r\n"
            elif kind == "moved":
                body = b""
                status, extra = b"301 Moved Permanently", b"Location: /ok/%s\r\n" % n.encode()
            else:
                body = b"<html><title>Not found</title></html>"
                status, extra = b"404 Not Found", b"Content-Type: text/html\r\n"
            writer.write(
                b"HTTP/1.1 %s\r\n%sContent-Length: %d\r\n\r\n%s" % (status, extra, len(body), body)
            )
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    except asyncio.CancelledError:
        return  # shutting down: the connection is closed below
    finally:
        writer.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--first", type=int, default=2)
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()
    probe = socket.socket()
    probe.bind((f"127.0.0.{args.first}", 0))
    port = probe.getsockname()[1]
    probe.close()
    servers = [
        await asyncio.start_server(
            lambda r, w: handle(r, w, args.delay), f"127.0.0.{n}", port, backlog=1024
        )
        for n in range(args.first, args.first + args.hosts)
    ]
    print(f"ready {port}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # serve until stdin closes
    for s in servers:
        s.close()


if __name__ == "__main__":
    asyncio.run(main())
