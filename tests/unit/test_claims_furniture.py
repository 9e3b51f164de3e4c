"""`--uncited` leaves out page furniture (datelines, bylines, reading times, photo credits) and
keeps every sentence that may state a figure or a quotation."""

from __future__ import annotations

import pytest

from claimcheck.article import parse_article
from claimcheck.claims.furniture import is_furniture


@pytest.mark.parametrize(
    "line",
    [
        "Published 5 March 2024, 10:30 GMT | Updated 6 March 2024",
        "By Jane Smith, 3 min read",
        "Photo: Reuters/John Doe, 2023",
        "By Jane Smith and John Doe | 12 minute read",
        "Last updated on Tuesday 5 March 2024 at 10:30",
        "March 5, 2024 at 9.15am",
        "Posted: 2024-03-05T10:30Z",
        "Credit: Getty Images",
        "Image by Ana Lopez, 05/03/2024",
        "Reading time: 4 min",
        "5 March 2024",
    ],
)
def test_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "By January, prices had risen 5%.",
        "By 2030, emissions will fall 40%.",
        "Published in 2019, the report found 5 million people lacked water.",
        "Updated figures show 5 million people moved.",
        "In 2023, 40% of schools closed.",
        "Photo: 40% of voters backed the plan.",
        "The minister said it was a 3 min read.",
        "The chancellor announced £3bn for schools on Tuesday.",
        "At 10:30 GMT the market fell 3%.",
        "By Jane Smith, who said 40 people died.",
        "The journey took 40 minutes.",
        "Photo: protesters chanted “free the port” outside, 2023",
        "",
    ],
)
def test_not_furniture(sentence: str) -> None:
    assert not is_furniture(sentence)


def _uncited(body: str) -> list[str]:
    data = f"# Budget\n\n{body}\n\n[^1]: https://example.org/b\n".encode()
    article = parse_article(data, "a.md", "markdown")
    return [item.sentence for item in article.uncited]


def test_uncited_leaves_out_the_furniture_around_an_article() -> None:
    body = (
        "Published 5 March 2024, 10:30 GMT | Updated 6 March 2024\n\n"
        "*By Jane Smith, 3 min read*\n\n"
        "The chancellor announced £3bn for schools.[^1]\n\n"
        "Photo: Reuters/John Doe, 2023\n\n"
        "By January, prices had risen 5%.\n\n"
        "Schools got 40% more in 2023. He said “it is not enough”."
    )
    assert _uncited(body) == [
        "By January, prices had risen 5%.",
        "Schools got 40% more in 2023.",
        "He said “it is not enough”.",
    ]
