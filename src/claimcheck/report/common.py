"""Helpers every report format shares: ordering, counting, failing, evidence spans, insertions.

Nothing here prints or imports rich; the formats turn these plain values into their own markup.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from claimcheck.model import (
    ClaimKind,
    ClaimResult,
    DiffOp,
    Evidence,
    LinkStatus,
    RunReport,
    SourceReport,
    Verdict,
)

logger = logging.getLogger(__name__)

#: Verdicts in the order reports list them: the good news first, as in SPEC §4's table.
VERDICT_ORDER: tuple[Verdict, ...] = tuple(Verdict)
#: Link statuses in SPEC §4's order.
STATUS_ORDER: tuple[LinkStatus, ...] = tuple(LinkStatus)

#: Outcomes that need no one's attention.
GOOD_VERDICTS = frozenset({Verdict.VERIFIED})
GOOD_STATUSES = frozenset({LinkStatus.OK})

#: Outcomes that are informational rather than a problem: nothing to fetch, or excluded on purpose.
QUIET_VERDICTS = frozenset({Verdict.NO_SOURCE})
QUIET_STATUSES = frozenset({LinkStatus.EXCLUDED})

#: Control characters that end a line (`str.splitlines`): shown as the line break they are.
_LINE_BREAK_CONTROLS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85]")
#: The C0 controls but tab and newline, DEL, and the C1 controls: a terminal acts on them (ESC
#: starts an escape sequence that can hide or recolour text or set the window title; U+009B is
#: CSI on some terminals).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: The bidi controls that reorder the text around them on display: the embeddings (U+202A,
#: U+202B), the overrides (U+202D, U+202E), their end (U+202C) and the isolates (U+2066 to
#: U+2069). A quote written `cost <U+202E>21<U+202C> million` reads "cost 12 million" in a
#: browser, an editor or a terminal, while the check compared "21": every report shows them as
#: `\u202e` so that what the reader sees is what was checked. The marks (U+200E, U+200F,
#: U+061C) only nudge neutral characters; right-to-left text uses them everywhere, and they are
#: left alone.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: The two that reverse a run of text outright (right-to-left and left-to-right override).
BIDI_OVERRIDES = "\u202d\u202e"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")

#: An override and the run it governs: to its end (U+202C, or U+2069 closing an isolate around
#: it), a line break, or the end of the text.
_OVERRIDE_RUN = re.compile(f"([{BIDI_OVERRIDES}])([^\u202c\u2069\n]*)")
_OVERRIDE = re.compile(f"[{BIDI_OVERRIDES}]")
#: Bidi classes with no place in the order a reader sees: spaces and the explicit formatting
#: characters themselves (a nested override is judged on its own run).
_NO_ORDER = frozenset(
    {"WS", "S", "B", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "BN"}
)


def reordered_by_override(text: str) -> bool:
    """Whether a bidi override in `text` shows characters in another order than stored.

    A right-to-left override (U+202E) reverses a run of left-to-right letters or of digits:
    "21" reads "12". A left-to-right override (U+202D) changes nothing in left-to-right text
    (it is common around phone numbers and codes in Hebrew and Arabic documents); it reorders
    only right-to-left letters. A run of one character looks the same either way.
    """
    for at in _OVERRIDE.finditer(text):  # each one: overrides nest
        match = _OVERRIDE_RUN.match(text, at.start())
        assert match is not None
        run = [c for c in match.group(2) if unicodedata.bidirectional(c) not in _NO_ORDER]
        if len(run) < 2:
            continue
        classes = {unicodedata.bidirectional(c) for c in run}
        if match.group(1) == "\u202e":
            if classes - {"R", "AL"}:
                return True
        elif classes & {"R", "AL"}:
            return True
    return False


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_controls(text: str) -> str:
    """`text` from an article or a source with its control characters made harmless and visible.

    A report shows what the source says; a control character in it is shown escaped (`ESC` as
    `\\x1b`, a right-to-left override as `\\u202e`), as evidence, instead of reaching the
    reader's terminal or reordering what the reader sees. Tabs and newlines
    stay; a carriage return, vertical tab or form feed (a PDF page break) is a newline, since a
    terminal would move the cursor with them (a bare CR lets later text overwrite earlier).
    """
    if not _CONTROLS.search(text):
        return text
    text = _LINE_BREAK_CONTROLS.sub("\n", text)
    return _CONTROLS.sub(lambda m: _escaped(m.group()), text)


def visible_bidi(text: str) -> str:
    """`text` with its bidi embedding, override and isolate controls shown as `\\u202e` (see
    `BIDI_CONTROLS`), for the formats that escape the other controls their own way (JUnit)."""
    return _BIDI.sub(lambda m: _escaped(m.group()), text) if _BIDI.search(text) else text


#: What a line break inside a quote or a passage is shown as in the text report.
LINE_BREAK_SIGN = "⏎"
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """Untrusted `text` (a quote, a passage of a source) on one report line: controls shown
    as `visible_controls` shows them, and each line break as `⏎`.

    A line break printed as it is would let a quote start a line of the report of its own,
    forging a verdict line or, in a report saved as a shell file, a command.
    """
    return visible_controls(_LINE_BREAKS.sub(LINE_BREAK_SIGN, text))


#: A GitHub Actions workflow command the runner reads in a job's log: `::name::` at the start of
#: a line (after spaces), or the legacy `##[name]` anywhere in it (`ActionCommand.TryParse` in
#: actions/runner).
_WORKFLOW_COMMAND = re.compile(r"^([ \t]*):(?=:)|##\[", re.MULTILINE)
#: What keeps the runner from reading one: a word joiner, which shows as nothing.
_WORD_JOINER = "\u2060"


def neutralise_workflow_commands(text: str) -> str:
    """`text` with every GitHub Actions workflow command broken by a word joiner (`:⁠:`, `##⁠[`),
    for a report or a message printed into a CI log: text from a cited page could otherwise
    mask words of the log (`::add-mask::`), raise annotations (`##[error]`) or stop the
    runner reading commands at all."""
    if "::" not in text and "##[" not in text:
        return text
    return _WORKFLOW_COMMAND.sub(
        lambda m: f"{m.group(1)}:{_WORD_JOINER}" if m.group(1) is not None else "##\u2060[",
        text,
    )


#: What `json.dumps(..., ensure_ascii=False)` leaves raw although it is a control character, and
#: the bidi controls (`BIDI_CONTROLS`), escaped so that a viewer of the file shows no reordering.
_JSON_RAW_CONTROLS = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}]")


def json_dumps(doc: object, *, indent: int | None) -> str:
    """`doc` as JSON text, non-ASCII kept but every control character escaped (`\\u009b`).

    `json` escapes the C0 controls only; DEL and the C1 controls (U+009B is CSI on some
    terminals) would reach a terminal that shows the report. Outside strings JSON is ASCII, so
    escaping them anywhere in the text changes no value.
    """
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_BRACKET = re.compile(r"\[[^\[\]]*\]")
_ELLIPSIS_BRACKET = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]")
_WORD = re.compile(r"\w+", re.UNICODE)


def is_links(report: RunReport) -> bool:
    """Whether `report` is for `claimcheck links` (sources only, no claims)."""
    return report.command == "links"


@dataclass(frozen=True)
class _Failing:
    claims: frozenset[int]  # id() of the failing ClaimResults of the report
    sources: frozenset[int]
    reasons: dict[int, str]


_DECIDED: list[tuple[RunReport, _Failing]] = []


def _failing(report: RunReport) -> _Failing:
    """`lock.decide(report)` by object, for the report being rendered (computed once)."""
    if _DECIDED and _DECIDED[0][0] is report:
        return _DECIDED[0][1]
    from claimcheck.lock import decide

    decided = decide(report)
    reasons = {id(report.claims[i]): why for i, why in decided.claims.items()}
    reasons.update({id(report.sources[i]): why for i, why in decided.sources.items()})
    failing = _Failing(
        claims=frozenset(id(report.claims[i]) for i in decided.claims),
        sources=frozenset(id(report.sources[i]) for i in decided.sources),
        reasons=reasons,
    )
    _DECIDED[:] = [(report, failing)]
    return failing


def claim_fails(result: ClaimResult, report: RunReport) -> bool:
    """Whether this claim fails the run (SPEC §5): exactly what the exit code counted, so with
    `--fail-on new` a drift fails and a finding already in the lock does not."""
    return id(result) in _failing(report).claims


def source_fails(source: SourceReport, report: RunReport) -> bool:
    """Whether this URL fails the run (SPEC §5), as the exit code decided: a broken link still
    awaiting confirmation (`--confirm-dead`) does not."""
    return id(source) in _failing(report).sources


def failed_count(report: RunReport) -> int:
    """How many claims and links fail the run."""
    failing = _failing(report)
    return len(failing.claims) + len(failing.sources)


#: A claim's or a link's state against the lock file, in the order reports list them.
CHANGE_ORDER: tuple[str, ...] = ("drift", "new", "changed", "recovered", "unconfirmed")

CHANGE_HELP: dict[str, str] = {
    "drift": "was verified at the lock, now not found or mismatched",
    "new": "failing, and not failing at the lock",
    "changed": "still verified, but the source or the matched passage changed since the lock",
    "recovered": "was failing at the lock, now passes",
    "unconfirmed": (
        "not read in this run, through an outage not confirmed yet (a broken link awaiting "
        "--confirm-dead, or an archive that did not answer): fails nothing, and the lock keeps "
        "the last reading"
    ),
}


def since_lock(change: str) -> str:
    """`drift since the lock`; `unconfirmed` as it is (it is about this run, not the lock)."""
    return change if change == "unconfirmed" else f"{change} since the lock"


def change_counts(report: RunReport) -> dict[str, int]:
    """Every lock state with its count of claims and links, zeros included (`unconfirmed`: the
    claims and the broken links awaiting confirmation)."""
    counts = Counter(r.change for r in report.claims if r.change)
    counts.update(label for s in report.sources if (label := change_label(s)))
    return {c: counts.get(c, 0) for c in CHANGE_ORDER}


def change_label(item: ClaimResult | SourceReport) -> str | None:
    """`drift`, `new`, `changed`, `recovered`; for a link, `unconfirmed` while its failure awaits
    `--confirm-dead`; `None` when nothing changed (or there is no lock)."""
    if isinstance(item, SourceReport) and not item.confirmed:
        return "unconfirmed"
    return item.change


def lock_text(report: RunReport) -> str | None:
    """`since claimcheck.lock: 1 drift, 2 changed` (or `: no change`), `None` without a lock."""
    if report.lock is None:
        return None
    changes = ", ".join(f"{n} {k}" for k, n in nonzero(change_counts(report)))
    return f"since {report.lock}: {changes or 'no change'}"


def archive_date(archive_url: str | None) -> dt.datetime | None:
    """When the archived copy at `archive_url` was captured (from its Wayback address)."""
    if not archive_url:
        return None
    from claimcheck.wayback import capture_date

    try:
        return capture_date(archive_url)
    except ValueError:  # a 14-digit timestamp that is no date
        return None


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def human_date(when: dt.datetime) -> str:
    """`1 March 2021`: a date as an editor writes it, in English whatever the locale."""
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"


def archived_line(url: str) -> str:
    """`archived 1 March 2021: URL` (the capture date when the address holds one)."""
    captured = archive_date(url)
    return f"archived {human_date(captured)}: {url}" if captured else f"archived: {url}"


def claim_needs_attention(result: ClaimResult) -> bool:
    """Anything but `verified` is worth an editor's look."""
    return result.verdict not in GOOD_VERDICTS


def source_needs_attention(source: SourceReport) -> bool:
    """Anything but `ok` is worth a maintainer's look."""
    return source.fetch.status not in GOOD_STATUSES


def verdict_counts(report: RunReport) -> dict[str, int]:
    """Every verdict of SPEC §4 with its count, zeros included, in SPEC order."""
    counts = Counter(r.verdict for r in report.claims)
    return {v.value: counts.get(v, 0) for v in VERDICT_ORDER}


def status_counts(report: RunReport) -> dict[str, int]:
    """Every link status of SPEC §4 with its count, zeros included, in SPEC order."""
    counts = Counter(s.fetch.status for s in report.sources)
    return {s.value: counts.get(s, 0) for s in STATUS_ORDER}


def nonzero(counts: dict[str, int]) -> list[tuple[str, int]]:
    """The entries of `counts` that are not zero, order kept."""
    return [(k, n) for k, n in counts.items() if n]


def format_duration(seconds: float) -> str:
    """A duration as a person reads it: `0.42 s`, `3.2 s`, `2 min 05 s`."""
    if seconds < 1:
        return f"{seconds:.2f} s"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def iso_utc(when: dt.datetime | None) -> str | None:
    """ISO-8601 in UTC with a `Z`; a naive datetime is taken to be UTC already."""
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def summary_text(report: RunReport) -> str:
    """`12 claims: 9 verified, 1 not_found · 17 links: 15 ok, 2 dead · 3.2 s`."""
    parts: list[str] = []
    if not is_links(report):
        verdicts = ", ".join(f"{n} {k}" for k, n in nonzero(verdict_counts(report)))
        parts.append(plural(len(report.claims), "claim") + (f": {verdicts}" if verdicts else ""))
    statuses = ", ".join(f"{n} {k}" for k, n in nonzero(status_counts(report)))
    parts.append(plural(len(report.sources), "link") + (f": {statuses}" if statuses else ""))
    since = lock_text(report)
    if since:
        parts.append(since)
    parts.append(format_duration(report.duration))
    if report.interrupted:
        parts.append("interrupted: partial report")
    return " · ".join(parts)


def plural(n: int, word: str) -> str:
    """`1 claim`, `2 claims`, `0 claims`: a count and a noun that takes `s` in the plural."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def claim_target(result: ClaimResult) -> str:
    """What the claim asks us to find, as the article wrote it."""
    claim = result.claim
    if claim.kind is ClaimKind.FACT:
        return claim.fact or claim.value or claim.sentence
    return claim.quote or claim.sentence


def note_label(result: ClaimResult) -> str:
    """`note 3 → 2` for an Ibid., `note 3`, or `direct link` for a claim citing a URL itself."""
    note = result.claim.note
    if note is None:
        return "direct link"
    if result.resolved_note and result.resolved_note != note:
        return f"note {note} → {result.resolved_note}"
    return f"note {note}"


def source_for(report: RunReport, url: str | None) -> SourceReport | None:
    """The fetched source a claim was checked against, by its cited URL."""
    if url is None:
        return None
    for source in report.sources:
        if source.fetch.url == url:
            return source
    return None


def archive_url_for(result: ClaimResult, source: SourceReport | None) -> str | None:
    """The archived copy a claim was (or could be) checked against."""
    if result.archive_url:
        return result.archive_url
    if source is not None:
        return source.fetch.archive_url
    return None


@dataclass(frozen=True)
class ClaimGroup:
    """The claims that cite one note (or one direct URL) of one article, in line order."""

    article: str
    url: str | None
    results: tuple[ClaimResult, ...]

    @property
    def label(self) -> str:
        """`note 3` (or `note 3 → 2`), or `direct link` for claims that cite a URL themselves."""
        return note_label(self.results[0])


def group_claims(report: RunReport) -> list[ClaimGroup]:
    """Claims grouped by article and note, groups in order of their first line."""
    groups: dict[tuple[str, str | None, str | None], list[ClaimResult]] = {}
    for result in report.claims:
        note = result.claim.note
        key = (result.claim.article, note, result.url if note is None else None)
        groups.setdefault(key, []).append(result)
    out = [
        ClaimGroup(
            article=k[0],
            url=v[0].url,
            results=tuple(sorted(v, key=lambda r: (r.claim.line, r.claim.column))),
        )
        for k, v in groups.items()
    ]
    out.sort(key=lambda g: (_article_index(report, g.article), g.results[0].claim.line))
    return out


def _article_index(report: RunReport, source: str) -> int:
    for i, article in enumerate(report.articles):
        if article.source == source:
            return i
    return len(report.articles)


def split_evidence(evidence: Evidence) -> tuple[str, str, str]:
    """The context around the matched passage as (before, match, after).

    `Evidence.context` holds `Evidence.text`; when the passage occurs more than once in the
    context, the occurrence nearest the context's middle is the matched one, because the matcher
    centres the context on it. When the context does not hold the text (a layer quirk), the
    passage stands alone.
    """
    context, text = evidence.context, evidence.text
    if not text:
        return context, "", ""
    positions = list(_find_all(context, text))
    if not positions:
        return "", text, ""
    middle = (len(context) - len(text)) / 2
    at = min(positions, key=lambda p: abs(p - middle))
    return context[:at], text, context[at + len(text) :]


def clip_context(evidence: Evidence, limit: int) -> tuple[str, str, str]:
    """`split_evidence` on one line, the context cut to about `limit` characters in all.

    The matched passage is kept whole (up to `limit`); the context either side gets what is
    left, half each, cut at the far end with an ellipsis. Spaces next to the passage are kept so
    the three parts can be joined as they are.
    """
    before, match, after = split_evidence(evidence)
    before, match, after = (_one_line(x) for x in (before, match, after))
    match = short(match, limit)
    before, after = trim_context(before, after, max((limit - len(match)) // 2, 20))
    return before, match, after


def trim_context(before: str, after: str, chars: int) -> tuple[str, str]:
    """The context either side of a passage, each cut to `chars` at its far end with an ellipsis."""
    if len(before) > chars:
        before = "…" + before[-chars:].lstrip()
    if len(after) > chars:
        after = after[:chars].rstrip() + "…"
    return before, after


def _one_line(text: str) -> str:
    """Whitespace runs to one space, keeping a leading or trailing space if there was one."""
    core = " ".join(text.split())
    if not core:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


def _find_all(haystack: str, needle: str) -> Iterator[int]:
    start = haystack.find(needle)
    while start != -1:
        yield start
        start = haystack.find(needle, start + 1)


@dataclass(frozen=True)
class Insertion:
    """An editorial `[insertion]` in a quote and the source words it stands for."""

    bracket: str
    stands_for: str


def bracket_insertions(result: ClaimResult) -> tuple[Insertion, ...]:
    """The quote's `[bracketed insertions]` and the words of the source they replaced.

    The matcher's diff names them when it has one (an op whose quote side is the bracket). For a
    verified quote there is often no diff, so the literal pieces of the quote around each bracket
    are located in the evidence, word by word and ignoring case and punctuation, and whatever
    lies between them is what the bracket stands for. An ellipsis in brackets (`[...]`) is an
    elision, not an insertion.
    """
    quote = result.claim.quote or ""
    brackets = [m for m in _BRACKET.finditer(quote) if not _ELLIPSIS_BRACKET.fullmatch(m.group())]
    if not brackets:
        return ()
    found: dict[str, str] = {}
    for op in result.diff or ():
        side = op.quote.strip()
        if _BRACKET.fullmatch(side) and op.source.strip():
            found.setdefault(side, op.source.strip())
    if result.evidence is not None and len(found) < len(brackets):
        found.update(
            {
                k: v
                for k, v in _align_brackets(quote, result.evidence.text).items()
                if k not in found
            }
        )
    return tuple(
        Insertion(bracket=b.group(), stands_for=found[b.group()])
        for b in brackets
        if b.group() in found
    )


def _align_brackets(quote: str, passage: str) -> dict[str, str]:
    """Map each bracket in `quote` to the span of `passage` between its literal neighbours."""
    pieces = _BRACKET.split(quote)
    brackets = _BRACKET.findall(quote)
    words = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(passage)]
    out: dict[str, str] = {}
    cursor = 0  # index into `words` just after the previous literal piece
    previous_end = 0  # character offset in `passage` where the previous literal piece ended
    for i, bracket in enumerate(brackets):
        before = [w.casefold() for w in _WORD.findall(pieces[i])]
        after = [w.casefold() for w in _WORD.findall(pieces[i + 1])]
        if before:
            at = _find_words(words, before, cursor)
            if at is None:
                return out
            cursor = at + len(before)
            previous_end = words[cursor - 1][2]
        start_char = previous_end
        if after:
            at = _find_words(words, after[:1], cursor)
            if at is None:
                return out
            end_char = words[at][1]
        else:
            end_char = len(passage)
        span = passage[start_char:end_char].strip(" \t\n,;:")
        if span and not _ELLIPSIS_BRACKET.fullmatch(bracket):
            out[bracket] = span
    return out


def _find_words(words: list[tuple[str, int, int]], needle: list[str], start: int) -> int | None:
    for i in range(start, len(words) - len(needle) + 1):
        if all(words[i + j][0] == needle[j] for j in range(len(needle))):
            return i
    return None


def http_detail(source: SourceReport) -> str:
    """A short explanation of a link's status: the error or detail, and the hint."""
    fetch = source.fetch
    parts: list[str] = []

    def add(part: str | None, needle: str | None = None) -> None:
        # The classifier writes its rule and hint into the detail too: say each thing once.
        if part and not any((needle or part) in p for p in parts):
            parts.append(part)

    add(fetch.detail)
    add(fetch.error)
    if source.soft_404_rule:
        add(f"soft-404 rule: {source.soft_404_rule}", source.soft_404_rule)
    if fetch.via == "archive" and fetch.archive_url:
        captured = archive_date(fetch.archive_url)
        add(
            f"read from an archived copy of {human_date(captured)}"
            if captured
            else "read from an archived copy"
        )
    text = "; ".join(parts)
    if source.hint and source.hint not in text:
        text = f"{text} (hint: {source.hint})" if text else f"hint: {source.hint}"
    return text


def redirect_target(source: SourceReport) -> str | None:
    """The final URL when it differs from the cited one."""
    final = source.fetch.final_url
    if final and final != source.fetch.url:
        return final
    return None


def claim_explanation(result: ClaimResult) -> str:
    """One line on why a claim got its verdict, for reports without room for the evidence."""
    parts: list[str] = []
    if result.detail:
        parts.append(result.detail)
    critical = [op for op in result.diff or () if op.critical]
    if critical:
        changes = ", ".join(f"“{op.quote}” → “{op.source}”" for op in critical)
        parts.append(f"changed: {changes}")
    elif result.diff:
        changes = ", ".join(_describe_op(op) for op in result.diff if op.op != "equal")
        if changes:
            parts.append(f"differs: {changes}")
    if result.via == "archive":
        captured = archive_date(result.archive_url)
        parts.append(
            f"checked against an archived copy of {human_date(captured)}"
            if captured
            else "checked against an archived copy"
        )
    return "; ".join(parts)


def _describe_op(op: DiffOp) -> str:
    if op.op == "insert":
        return f"source adds “{op.source}”"
    if op.op == "delete":
        return f"quote adds “{op.quote}”"
    return f"“{op.quote}” → “{op.source}”"


def short(text: str, limit: int) -> str:
    """`text` on one line, cut at `limit` characters with an ellipsis."""
    one_line = " ".join(text.split())
    if len(one_line) <= limit:
        return one_line
    return one_line[: max(limit - 1, 0)].rstrip() + "…"


def where_found(evidence: Evidence) -> str:
    """The layer a passage was found in and its PDF page or pages: "pdf, pp. 1–2"."""
    if evidence.pages is not None:
        return f"{evidence.matched_in}, pp. {evidence.pages[0]}\u2013{evidence.pages[1]}"
    if evidence.page is not None:
        return f"{evidence.matched_in}, p. {evidence.page}"
    return evidence.matched_in
