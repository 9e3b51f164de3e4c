"""Fixtures for report tests: a `verify` and a `links` report covering every outcome."""

from __future__ import annotations

import re

import pytest

from claimcheck.model import RunReport
from tests.unit.report.factory import make_links_report, make_verify_report

_DURATION = re.compile(r"\b\d+(?:\.\d+)? s\b|\b\d+ min \d\d s\b")
_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")
_TIME_ATTR = re.compile(r'\b(time|timestamp)="[^"]*"')


def strip_volatile(text: str) -> str:
    """Replace durations and timestamps so snapshots don't depend on the clock."""
    text = _DATETIME.sub("<when>", text)
    text = _TIME_ATTR.sub(r'\1="<t>"', text)
    return _DURATION.sub("<dur>", text)


@pytest.fixture
def verify_report() -> RunReport:
    return make_verify_report()


@pytest.fixture
def links_report() -> RunReport:
    return make_links_report()
