"""Address checks: never connect to loopback, private, link-local, multicast or metadata addresses.

SPEC §7: an address that resolves into one of those ranges is refused unless `--allow-private`, on
the first request and on every redirect hop, and no connection to it is attempted. A cited URL
could otherwise make a CI runner fetch its own cloud metadata service (credentials) or an intranet
page and print it into a public job summary.

Cloud metadata endpoints (169.254.169.254, AWS's IPv6 fd00:ec2::254, and Alibaba's 100.100.100.200)
stay refused even with `--allow-private`: no article cites them, and `--allow-private` exists for
intranet documentation and local test servers, not for that.

The check resolves names itself (`loop.getaddrinfo`) and refuses when *any* answer is unsafe.
The fetcher then connects to the addresses it checked (`claimcheck.wire.connect_tcp`), never to
a second lookup of the name, so a DNS server that answers differently the second time (DNS
rebinding) cannot steer a connection to an address that was not checked. Names are resolved once
per run. Behind a proxy the proxy resolves and connects: the check is made on our own lookup,
and a name that does not resolve here is left to the proxy (`Fetcher._resolve_and_check`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

Resolver = Callable[[str], Awaitable[list[str]]]

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)

# 100.64.0.0/10 is carrier-grade NAT: `is_private` does not cover it but it is not the internet.
_SHARED = ipaddress.ip_network("100.64.0.0/10")


class ResolveError(Exception):
    """The name did not resolve (NXDOMAIN, no address): the link is `dead`."""


def is_ip(host: str) -> bool:
    """Whether `host` is an IP address literal rather than a name to resolve."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


async def system_resolver(host: str) -> list[str]:
    """Every address `host` resolves to, via the event loop's `getaddrinfo` (a thread)."""
    if is_ip(host):
        return [host]
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ResolveError(f"DNS lookup failed for {host}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def classify(address: str) -> str | None:
    """Why `address` is unsafe to connect to (`"loopback"`, `"private"`, ...), or `None` if public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_private or (isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED):
        return "private"
    if ip.is_reserved:
        return "reserved"
    return None


def refusal(host: str, addresses: list[str], *, allow_private: bool) -> str | None:
    """The reason to refuse connecting to `host` at `addresses`, or `None` when it is allowed."""
    if not addresses:
        return f"{host} resolved to no address"
    for address in addresses:
        kind = classify(address)
        if kind is None or (allow_private and kind != "cloud metadata"):
            continue
        where = f"{kind} address {address}"
        if host != address:
            where = f"{host} resolves to {where}"
        if kind == "cloud metadata":
            return f"{where} (always refused)"
        return f"{where} (use --allow-private to check it)"
    return None
