"""Address classification and refusal reasons (SPEC §7)."""

from __future__ import annotations

import asyncio

import pytest

from claimcheck.safety import classify, refusal, system_resolver


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.9.9.9", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.0.1", "private"),
        ("100.64.0.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("::ffff:10.0.0.1", "private"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("93.184.216.34", None),
        ("2606:2800:220:1::1", None),
    ],
)
def test_classify(address: str, kind: str | None) -> None:
    assert classify(address) == kind


def test_refusal_names_host_address_and_way_out() -> None:
    reason = refusal("intranet.example", ["93.184.216.34", "10.0.0.7"], allow_private=False)
    assert reason == (
        "intranet.example resolves to private address 10.0.0.7 (use --allow-private to check it)"
    )
    assert refusal("10.0.0.7", ["10.0.0.7"], allow_private=False) == (
        "private address 10.0.0.7 (use --allow-private to check it)"
    )
    assert refusal("intranet.example", ["10.0.0.7"], allow_private=True) is None
    assert refusal("example.org", ["93.184.216.34"], allow_private=False) is None


def test_metadata_is_refused_even_when_private_is_allowed() -> None:
    reason = refusal("169.254.169.254", ["169.254.169.254"], allow_private=True)
    assert reason == "cloud metadata address 169.254.169.254 (always refused)"
    reason = refusal("meta.example", ["fd00:ec2::254"], allow_private=True)
    assert reason is not None and "meta.example resolves to cloud metadata" in reason


def test_no_address_is_refused() -> None:
    assert refusal("void.example", [], allow_private=True) == "void.example resolved to no address"


def test_system_resolver_returns_ip_literals_without_dns() -> None:
    assert asyncio.run(system_resolver("127.0.0.5")) == ["127.0.0.5"]
    assert asyncio.run(system_resolver("::1")) == ["::1"]
