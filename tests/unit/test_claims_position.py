"""`TextBlock.position`: a block's offsets mapped back to the file's line and column.

It runs once per claim, uncited sentence and link; a long paragraph with one anchor (a plain
text or Markdown paragraph of thousands of figures) used to be read from the anchor to the offset
on every call, which made `claimcheck claims` quadratic in the paragraph's length.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from claimcheck.article import parse_article
from claimcheck.claims.from_article import Anchor, TextBlock
from tests.unit.test_claims_scaling import _LINEAR_BOUND, _growth


def _reference(block: TextBlock, offset: int) -> tuple[int, int]:
    """The former reading: the text from the anchor before `offset` to `offset`, counted."""
    if not block.anchors:
        return 1, 1
    anchor = [a for a in block.anchors if a.offset <= offset][-1:] or [block.anchors[0]]
    a = anchor[0]
    segment = block.text[a.offset : max(offset, a.offset)]
    newlines = segment.count("\n")
    if newlines:
        return a.line + newlines, len(segment) - segment.rfind("\n")
    return a.line, a.column + len(segment)


def _random_block(rng: random.Random) -> TextBlock:
    text = "".join(rng.choice("ab \n\n") for _ in range(rng.randint(0, 60)))
    offsets = sorted({0, *(rng.randint(0, len(text) + 3) for _ in range(rng.randint(0, 4)))})
    anchors = tuple(Anchor(o, rng.randint(1, 50), rng.randint(1, 9)) for o in offsets)
    return TextBlock(text=text, anchors=anchors)


def test_position_reads_as_the_text_from_the_anchor_did() -> None:
    rng = random.Random(20261128)
    for _ in range(3000):
        block = _random_block(rng)
        for offset in range(-1, len(block.text) + 4):
            assert block.position(offset) == _reference(block, offset), (block, offset)


def test_position_without_anchors_is_the_start() -> None:
    assert TextBlock(text="a\nb", anchors=()).position(2) == (1, 1)


def test_positions_in_a_long_paragraph_cost_linear_time() -> None:
    def make(n: int) -> Callable[[], object]:
        text = "a figure of 5% and\n another line " * n
        offsets = range(0, len(text), 31)

        def run() -> object:
            block = TextBlock(text=text, anchors=(Anchor(0, 1, 1),))
            return [block.position(o) for o in offsets]

        return run

    assert _growth(make, 4000) < _LINEAR_BOUND


def test_claims_of_a_long_paragraph_keep_their_lines_and_columns() -> None:
    items = "\n".join(f"in {2000 + i % 20} it was {i} people;" for i in range(300))
    article = parse_article(
        f"Intro\n\n{items} end.[^1]\n\n[^1]: http://h.example/x\n".encode(), "a.md", "markdown"
    )
    lines = f"Intro\n\n{items} end.[^1]".split("\n")
    assert len(article.claims) == 600
    for claim in article.claims:
        row = lines[claim.line - 1]
        assert row[claim.column - 1 :].startswith(claim.fact or ""), claim


def test_claims_text_of_one_long_paragraph_costs_linear_time() -> None:
    """`claimcheck claims --format text` on one paragraph of n claims: parsing and the table."""
    from claimcheck.report.claims import render_claims

    def make(n: int) -> Callable[[], object]:
        items = " ".join(f'and the "council {i}" argued {i % 90}%' for i in range(n))
        data = f"Intro {items} here.[^1]\n\n[^1]: http://h.example/x\n".encode()

        def run() -> object:
            article = parse_article(data, "a.md", "markdown")
            return render_claims([article], fmt="text", uncited=True)

        return run

    assert _growth(make, 100) < _LINEAR_BOUND
