"""The HTML report's badges and coloured labels are readable in both colour schemes (WCAG AA).

The colours are read from the report's own stylesheet: the custom properties of the light
`:root`, those the `prefers-color-scheme: dark` block overrides, and the `.badge` rules that pick
a background (and the text colour) for each verdict and link status.
"""

from __future__ import annotations

import re

import pytest

from claimcheck.model import LinkStatus, Verdict
from claimcheck.report.html import _CSS

#: WCAG 2.x AA for normal-size text: the badges are 0.8rem bold, not "large text".
AA = 4.5

_DARK = re.compile(r"@media \(prefers-color-scheme:dark\)\{:root\{(?P<body>[^}]*)\}\}")
_ROOT = re.compile(r"^:root\{(?P<body>[^}]*)\}", re.M)
_RULE = re.compile(r"(?P<selectors>[^{}]+)\{(?P<body>[^{}]*)\}")


def _properties(body: str) -> dict[str, str]:
    pairs = (item.split(":", 1) for item in body.replace("\n", "").split(";") if ":" in item)
    return {name.strip(): value.strip() for name, value in pairs}


def _palettes() -> dict[str, dict[str, str]]:
    light_match = _ROOT.search(_CSS)
    dark_match = _DARK.search(_CSS)
    assert light_match is not None and dark_match is not None
    light = _properties(light_match["body"])
    return {"light": light, "dark": {**light, **_properties(dark_match["body"])}}


def _without_media(css: str) -> str:
    """`css` without its `@media` blocks (whose braces nest)."""
    out: list[str] = []
    pos = 0
    while (start := css.find("@media", pos)) >= 0:
        out.append(css[pos:start])
        depth, i = 0, css.index("{", start)
        while True:
            depth += {"{": 1, "}": -1}.get(css[i], 0)
            i += 1
            if depth == 0:
                break
        pos = i
    out.append(css[pos:])
    return "".join(out)


def _declarations(selector: str) -> dict[str, str]:
    """The declarations of every top-level rule whose selector list names `selector`, in order
    (later rules win, as in the browser; all these rules have the same specificity)."""
    top_level = _without_media(_CSS)
    found: dict[str, str] = {}
    for rule in _RULE.finditer(top_level):
        selectors = [s.strip() for s in rule["selectors"].split(",")]
        if selector in selectors:
            found.update(_properties(rule["body"]))
    return found


def _colour(value: str, palette: dict[str, str]) -> str:
    var = re.fullmatch(r"var\((--[\w-]+)\)", value)
    colour = palette[var[1]] if var else value
    if re.fullmatch(r"#[0-9a-fA-F]{3}", colour):
        colour = "#" + "".join(c * 2 for c in colour[1:])
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", colour), f"{value} is not a #rrggbb colour"
    return colour


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio of two `#rrggbb` colours."""
    darker, lighter = sorted((_luminance(a), _luminance(b)))
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    # The dark-mode badge colours of before: white on them was unreadable.
    assert contrast("#ffffff", "#3fb950") < AA
    assert contrast("#ffffff", "#d29922") < AA


BADGES = [f"v-{v.value}" for v in Verdict] + [f"s-{s.value}" for s in LinkStatus]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("badge", BADGES)
def test_every_badge_meets_aa(scheme: str, badge: str) -> None:
    palette = _palettes()[scheme]
    base = _declarations(".badge")
    own = _declarations(f".badge.{badge}")
    text = _colour(own.get("color", base["color"]), palette)
    background = _colour(own.get("background", base["background"]), palette)
    ratio = contrast(text, background)
    assert ratio >= AA, f"{scheme} .badge.{badge}: {text} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "selector", [".fails", ".change.c-drift", ".change.c-changed", ".change.c-recovered"]
)
def test_coloured_labels_on_a_claim_card_meet_aa(scheme: str, selector: str) -> None:
    palette = _palettes()[scheme]
    text = _colour(_declarations(selector)["color"], palette)
    for background in (_colour("var(--card)", palette), _colour("var(--bg)", palette)):
        ratio = contrast(text, background)
        assert ratio >= AA, f"{scheme} {selector}: {text} on {background} is {ratio:.2f}:1"
