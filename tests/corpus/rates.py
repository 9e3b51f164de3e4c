"""The rate gate shared by the multilingual and languages corpora: how many legitimate quotes
are flagged, and how many misquotes pass, against a bar for each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from claimcheck.model import Verdict


def check_rates(
    labelled: Iterable[tuple[str, Verdict]],
    *,
    min_positives: int,
    min_negatives: int,
    max_flagged: float,
    max_verified: float,
    max_passed: float,
) -> None:
    """Print the rates of `(label, verdict)` pairs (`pos`/`neg`; others are left out) and
    assert them: positives flagged (`mismatch`/`not_found`), negatives `verified`, negatives
    `verified` or `approximate`, each as a share at most its bar."""
    positives: Counter[Verdict] = Counter()
    negatives: Counter[Verdict] = Counter()
    for label, verdict in labelled:
        if label == "pos":
            positives[verdict] += 1
        elif label == "neg":
            negatives[verdict] += 1
    n_pos, n_neg = positives.total(), negatives.total()
    flagged = positives[Verdict.MISMATCH] + positives[Verdict.NOT_FOUND]
    verified = negatives[Verdict.VERIFIED]
    passed = verified + negatives[Verdict.APPROXIMATE]
    print(
        f"positives flagged {flagged}/{n_pos}; negatives verified {verified}/{n_neg}, "
        f"verified or approximate {passed}/{n_neg}"
    )
    assert n_pos > min_positives and n_neg > min_negatives
    assert flagged <= max_flagged * n_pos
    assert verified <= max_verified * n_neg
    assert passed <= max_passed * n_neg
