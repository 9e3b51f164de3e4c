"""Load the labelled corpus, run the matchers over it and score the verdicts (issue 4, Acceptance).

Shared by `test_gate.py` (which fails the build when a threshold is missed) and `conftest.py`
(which prints the table in pytest's terminal summary whether or not `-s` is given). It is also
runnable on its own for a quick look: `python -m tests.corpus.gate`.
"""

from __future__ import annotations

import re
import time
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from claimcheck.extract import extract_layers
from claimcheck.model import ClaimKind, MatchResult, TextLayer, Verdict

CORPUS = Path(__file__).resolve().parent
PAGES = CORPUS / "pages"
CASES = CORPUS / "cases.toml"

#: Where the table is kept between the test that computes it and the terminal summary.
REPORT_KEY = pytest.StashKey[str]()

CONTENT_TYPES = {
    ".html": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".pdf": "application/pdf",
    ".md": "text/markdown",
    ".txt": "text/plain",
}

V = Verdict
POSITIVE: dict[str, frozenset[Verdict]] = {
    "verbatim": frozenset({V.VERIFIED}),
    "typographic": frozenset({V.VERIFIED}),
    "clause": frozenset({V.VERIFIED}),
    "elided": frozenset({V.VERIFIED}),
    # SPEC §6: a bracket matches any short span; showing the replaced words as a diff is fine.
    "bracketed": frozenset({V.VERIFIED, V.APPROXIMATE}),
    # SPEC §6: an author's parenthetical is shown to the editor, never silently dropped.
    "parenthetical": frozenset({V.APPROXIMATE}),
    "paragraph_break": frozenset({V.VERIFIED}),
    "caption": frozenset({V.VERIFIED}),
    "aside": frozenset({V.VERIFIED}),
    "table": frozenset({V.VERIFIED}),
    "jsonld": frozenset({V.VERIFIED}),
    "pdf": frozenset({V.VERIFIED}),
    "pdf_hyphen": frozenset({V.VERIFIED}),
    "turkish": frozenset({V.VERIFIED}),
    "fact_equivalent": frozenset({V.VERIFIED}),
}
NEGATIVE: dict[str, frozenset[Verdict]] = {
    "changed_number": frozenset({V.MISMATCH}),
    "changed_unit_or_magnitude": frozenset({V.MISMATCH}),
    "negation_inserted": frozenset({V.MISMATCH}),
    "negation_removed": frozenset({V.MISMATCH}),
    "swapped_name": frozenset({V.MISMATCH}),
    "swapped_word": frozenset({V.APPROXIMATE, V.MISMATCH}),
    "other_page": frozenset({V.NOT_FOUND}),
}

#: The gate's thresholds, from the issue's Acceptance: recall on positives, the share of any
#: negative category wrongly `verified`, and how many changed numbers `mismatch` must catch.
MIN_RECALL = 0.98
MAX_WRONGLY_VERIFIED = 0.01
MIN_CHANGED_NUMBER_MISMATCH = 0.90

_CASE_KEYS = {"id", "page", "kind", "label", "category", "claim", "sentence", "expect", "note"}


@dataclass(frozen=True)
class Case:
    """One labelled claim about one corpus page."""

    id: str
    page: str
    kind: ClaimKind
    label: str
    category: str
    claim: str
    sentence: str | None = None
    expect: frozenset[Verdict] = field(default_factory=frozenset)
    note: str = ""

    @property
    def positive(self) -> bool:
        return self.label == "positive"

    @property
    def expected(self) -> frozenset[Verdict]:
        if self.expect:
            return self.expect
        return (POSITIVE if self.positive else NEGATIVE)[self.category]


def load_cases(path: Path = CASES) -> list[Case]:
    """Every case in `cases.toml`, checked for shape: a typo in the file must fail loudly."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    cases: list[Case] = []
    for entry in raw["case"]:
        unknown = set(entry) - _CASE_KEYS
        if unknown:
            raise ValueError(f"{entry.get('id')}: unknown keys {sorted(unknown)}")
        label = entry["label"]
        categories = POSITIVE if label == "positive" else NEGATIVE if label == "negative" else {}
        if entry["category"] not in categories:
            raise ValueError(f"{entry['id']}: category {entry['category']!r} is not {label}")
        kind = ClaimKind(entry["kind"])
        if (kind is ClaimKind.FACT) != ("sentence" in entry):
            raise ValueError(f"{entry['id']}: a fact needs a sentence, and only a fact has one")
        if not (PAGES / entry["page"]).is_file():
            raise ValueError(f"{entry['id']}: no page {entry['page']}")
        cases.append(
            Case(
                id=entry["id"],
                page=entry["page"],
                kind=kind,
                label=label,
                category=entry["category"],
                claim=entry["claim"],
                sentence=entry.get("sentence"),
                expect=frozenset(Verdict(v) for v in entry.get("expect", ())),
                note=entry.get("note", ""),
            )
        )
    return cases


def load_layers(pages: Path = PAGES) -> dict[str, list[TextLayer]]:
    """Every page's layers, extracted once and materialised so several claims can share them."""
    layers: dict[str, list[TextLayer]] = {}
    for page in sorted(pages.iterdir()):
        if page.suffix not in CONTENT_TYPES:
            continue
        layers[page.name] = list(
            extract_layers(
                page.read_bytes(),
                content_type=CONTENT_TYPES[page.suffix],
                url=f"https://corpus.example/{page.name}",
            )
        )
    return layers


def judge(case: Case, layers: list[TextLayer]) -> MatchResult:
    """The verdict the product gives this case."""
    from claimcheck.facts import match_fact
    from claimcheck.match import match_quote

    if case.kind is ClaimKind.FACT:
        assert case.sentence is not None
        return match_fact(case.claim, case.sentence, layers)
    return match_quote(case.claim, layers, kind=case.kind)


# --------------------------------------------------------------------------- label self-check


def loose(text: str) -> str:
    """A deliberately simple normal form, independent of `claimcheck.normalise`.

    Used only to check the labels against the pages (a typo in a positive claim, a negative
    that happens to be on the page), so the corpus does not lean on the code it grades.
    """
    text = text.replace("\u00ad", "")
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.replace("ı", "i").casefold()
    text = re.sub(r"[‘’ʼ`´]", "'", text)
    text = re.sub(r"[“”„«»\"]", "", text)
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    return " ".join(text.split())


_ELLIPSIS_RE = re.compile(r"\s*(?:\[\.\.\.\]|\[…\]|…|\.\.\.)\s*")
_BRACKET_RE = re.compile(r"\[[^\]]*\]")
_PARENTHETICAL_RE = re.compile(r"\s*\([^)]*\)")


def loose_pattern(case: Case) -> re.Pattern[str]:
    """A regex for the claim in `loose` form: ellipses and brackets become short wildcards."""
    claim = case.claim
    if case.category == "parenthetical":
        claim = _PARENTHETICAL_RE.sub("", claim)
    segments = []
    for segment in _ELLIPSIS_RE.split(claim):
        parts = _BRACKET_RE.split(loose(segment))
        segments.append(".{0,60}?".join(re.escape(part) for part in parts))
    return re.compile(".{0,300}?".join(segments))


# --------------------------------------------------------------------------- scoring


@dataclass
class Outcome:
    case: Case
    result: MatchResult

    @property
    def right(self) -> bool:
        return self.result.verdict in self.case.expected


@dataclass
class GateReport:
    outcomes: list[Outcome]
    seconds: float
    failures: list[str] = field(default_factory=list)
    table: str = ""


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def score(outcomes: list[Outcome], seconds: float) -> GateReport:
    """The table and the list of thresholds missed."""
    report = GateReport(outcomes=outcomes, seconds=seconds)
    by_category: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_category[(outcome.case.label, outcome.case.category)].append(outcome)

    shown = [V.VERIFIED, V.APPROXIMATE, V.MISMATCH, V.NOT_FOUND]
    lines = [
        f"claimcheck accuracy gate: {len(outcomes)} cases, "
        f"{len({o.case.page for o in outcomes})} pages, {seconds:.1f} s",
        f"{'label':<9}{'category':<27}{'n':>4}{'verif':>7}{'approx':>7}{'mism':>6}"
        f"{'notf':>6}{'other':>6}{'right':>7}",
    ]
    for label in ("positive", "negative"):
        names = POSITIVE if label == "positive" else NEGATIVE
        for category in names:
            group = by_category.get((label, category), [])
            counts = Counter(o.result.verdict for o in group)
            other = len(group) - sum(counts[v] for v in shown)
            right = sum(o.right for o in group)
            lines.append(
                f"{label:<9}{category:<27}{len(group):>4}"
                + "".join(f"{counts[v]:>{w}}" for v, w in zip(shown, (7, 7, 6, 6), strict=True))
                + f"{other:>6}{_ratio(right, len(group)):>7.0%}"
            )

    lines.append("")
    lines.append(f"{'kind':<8}{'recall':>8}{'precision':>11}{'lenient recall':>16}")
    positives = [o for o in outcomes if o.case.positive]
    for kind in ClaimKind:
        mine = [o for o in outcomes if o.case.kind is kind]
        pos = [o for o in mine if o.case.positive]
        verified = [o for o in mine if o.result.verdict is V.VERIFIED]
        found = [o for o in pos if o.result.verdict in (V.VERIFIED, V.APPROXIMATE)]
        lines.append(
            f"{kind.value:<8}{_ratio(sum(o.right for o in pos), len(pos)):>8.1%}"
            f"{_ratio(sum(o.case.positive for o in verified), len(verified)):>11.1%}"
            f"{_ratio(len(found), len(pos)):>16.1%}"
        )
    lines.append(
        "recall: positives with an expected verdict; precision: `verified` verdicts that are "
        "positives; lenient recall: positives `verified` or `approximate`"
    )

    recall = _ratio(sum(o.right for o in positives), len(positives))
    if recall < MIN_RECALL:
        report.failures.append(f"recall on positives {recall:.1%} < {MIN_RECALL:.0%}")
    for category in NEGATIVE:
        group = by_category.get(("negative", category), [])
        wrong = sum(o.result.verdict is V.VERIFIED for o in group)
        if _ratio(wrong, len(group)) > MAX_WRONGLY_VERIFIED and wrong:
            report.failures.append(
                f"{category}: {wrong}/{len(group)} wrongly verified (> {MAX_WRONGLY_VERIFIED:.0%})"
            )
    numbers = by_category.get(("negative", "changed_number"), [])
    caught = _ratio(sum(o.result.verdict is V.MISMATCH for o in numbers), len(numbers))
    if caught < MIN_CHANGED_NUMBER_MISMATCH:
        report.failures.append(
            f"mismatch caught {caught:.0%} of changed numbers < {MIN_CHANGED_NUMBER_MISMATCH:.0%}"
        )

    wrong_cases = [o for o in outcomes if not o.right]
    if wrong_cases:
        lines.append("")
        lines.append(f"cases without their expected verdict ({len(wrong_cases)}):")
        for o in wrong_cases:
            want = "/".join(sorted(v.value for v in o.case.expected))
            tier = o.result.tier.value if o.result.tier else "-"
            lines.append(
                f"  {o.case.id:<14}{o.case.category:<26} got {o.result.verdict.value}"
                f" ({tier}, {o.result.score:.2f}) want {want}: {o.case.claim[:70]!r}"
            )
    lines.append("")
    lines.append(
        "gate: " + ("PASS" if not report.failures else "FAIL: " + "; ".join(report.failures))
    )
    report.table = "\n".join(lines)
    return report


def run_gate() -> GateReport:
    """Extract every page once, judge every case, score."""
    started = time.perf_counter()
    cases = load_cases()
    layers = load_layers()
    outcomes = [Outcome(case, judge(case, layers[case.page])) for case in cases]
    return score(outcomes, time.perf_counter() - started)


if __name__ == "__main__":
    print(run_gate().table)
