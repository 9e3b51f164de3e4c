"""Fixtures shared by the unit tests' modules."""

from __future__ import annotations

import pytest

from claimcheck import facts


@pytest.fixture(params=[False, True], ids=["compared", "indexed"])
def indexed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each figure compared, as on a small page, or looked up in the figure index, as on a page
    of a thousand figures (`facts._FamilyIndex`): the verdicts are the same."""
    if request.param:
        monkeypatch.setattr(facts, "_INDEXED_FROM", 0)
