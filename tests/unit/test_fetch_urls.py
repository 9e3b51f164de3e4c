"""`claimcheck.wire`'s URLs and headers read exactly as httpx's did, and the links path loads
neither httpx nor httpcore.

`parse_url` reads plain URLs itself and hands the rest to httpx; `join_url` does the same for
redirect targets. The seeded comparisons throw URLs built from awkward pieces (characters httpx
quotes, dot segments, IDNA and IP hosts, default and odd ports, user info) at both and require
the same normal form, host, target and `Host` header, or an error from both.
"""

from __future__ import annotations

import random
import string
import subprocess
import sys

import httpx
import pytest

from claimcheck.wire import Headers, InvalidURL, join_url, parse_url

_PIECES = [
    *string.ascii_letters,
    *string.digits,
    *"-._~!$&'()*+,;=:@/%?#[]\\^`{}|\"<> ",
    "%2F",
    "%zz",
    "/./",
    "/../",
    "é",
    "\t",
    "xn--",
]
_HOSTS = [
    "example.org",
    "EXAMPLE.org",
    "127.0.0.2",
    "127.0.0.02",
    "999.1.1.1",
    "1.2.3",
    "a_b.c",
    "xn--bcher-kva.de",
    "bücher.de",
    "[::1]",
    "a..b",
    "",
    "user:pw@h.com",
    "h.com.",
]
_PORTS = ["", ":80", ":443", ":8080", ":", ":0080", ":99999", ":x"]


def _httpx_view(url: str) -> tuple[object, ...]:
    try:
        parsed = httpx.URL(url).copy_with(fragment=None)
        host = parsed.host
    except (httpx.InvalidURL, UnicodeError):
        return ("error",)
    return (
        str(parsed),
        parsed.scheme,
        host,
        parsed.raw_host,
        parsed.port,
        parsed.raw_path,
        parsed.netloc,
        parsed.userinfo,
    )


def _our_view(url: str) -> tuple[object, ...]:
    try:
        u = parse_url(url)
    except InvalidURL:
        return ("error",)
    return (u.text, u.scheme, u.host, u.raw_host, u.port, u.target, u.netloc, u.userinfo)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.2:8000/ok/1",
        "https://example.org",
        "https://Example.ORG:443/a?b=c#frag",
        "http://example.org:80/a/./b/../c",
        "https://example.org/wiki/Foo_(bar)?q=a%20b&r=[1]",
        "https://example.org/path with space",
        "https://bücher.de/x",
        "https://xn--bcher-kva.de/x",
        "https://user:pw@example.org/",
        "http://[::1]:8080/",
        "http://127.0.0.02/",
        "http://999.1.1.1/",
        "https://example.org/%zz%41",
        "https://example.org?only=query",
        "ftp://example.org/file",
    ],
)
def test_parse_url_reads_like_httpx(url: str) -> None:
    assert _our_view(url) == _httpx_view(url)


def test_parse_url_reads_like_httpx_on_random_urls() -> None:
    from claimcheck.wire import _PLAIN_URL

    rng = random.Random(3)
    checked = plain = 0
    for _ in range(4000):
        url = f"{rng.choice(['http', 'https', 'HTTP', 'ftp'])}://{rng.choice(_HOSTS)}"
        url += rng.choice(_PORTS) + "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12)))
        assert _our_view(url) == _httpx_view(url), url
        checked += 1
        plain += _PLAIN_URL.fullmatch(url) is not None
    assert checked == 4000
    assert plain > 100  # the fast path was compared, not only httpx against itself


def test_join_url_resolves_like_httpx() -> None:
    base_text = "http://example.org/a/b?c=1"
    base = parse_url(base_text)
    rng = random.Random(5)
    plain = 0
    for _ in range(4000):
        location = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 10)))
        shape = rng.random()
        if shape < 0.2:
            prefix = rng.choice(["http://", "https://", "//", "/"])
            location = prefix + rng.choice(_HOSTS) + location
        elif shape < 0.5:
            location = "/" + location
        try:
            joined = httpx.URL(base_text).join(location).copy_with(fragment=None)
            joined.host  # noqa: B018 - an undecodable IDNA host is an error for us too
            want = str(joined)
        except (httpx.InvalidURL, UnicodeError, ValueError):
            want = "error"
        try:
            got = join_url(base, location).text
        except InvalidURL:
            got = "error"
        assert got == want, location
        plain += location.startswith("/") and got != "error"
    assert plain > 500  # the fast path was exercised, not only httpx's


def test_headers_read_like_httpx() -> None:
    raw = [
        (b"Content-Type", b"text/html"),
        (b"Set-Cookie", b"a=1"),
        (b"set-cookie", b"b=2"),
        (b"X-Name", "caf\u00e9".encode()),
    ]
    ours = Headers.from_raw(raw)
    theirs = httpx.Headers(raw)
    assert ours.multi_items() == theirs.multi_items()
    for name in ("content-type", "SET-COOKIE", "x-name", "missing"):
        assert ours.get(name) == theirs.get(name)
        assert (name in ours) == (name in theirs)
    assert ours["Set-Cookie"] == theirs["Set-Cookie"] == "a=1, b=2"
    latin = Headers.from_raw([(b"X-Old", b"caf\xe9")])
    assert latin.get("x-old") == httpx.Headers([(b"X-Old", b"caf\xe9")]).get("x-old") == "café"


def test_the_links_path_loads_neither_httpx_nor_httpcore() -> None:
    """What `claimcheck links` imports to fetch plain http URLs; httpx only on demand."""
    code = (
        "import sys, asyncio\n"
        "import claimcheck.fetch, claimcheck.article.markdown\n"
        "from claimcheck.wire import parse_url, join_url\n"
        "join_url(parse_url('http://example.org/a'), '/b')\n"
        "print(sorted(m for m in ('httpx', 'httpcore', 'anyio', 'trio', 'warcio')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
