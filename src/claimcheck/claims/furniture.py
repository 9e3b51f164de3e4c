"""Page furniture: the lines around an article that state no claim (`--uncited` leaves them out).

A dateline ("Published 5 March 2024, 10:30 GMT | Updated 6 March 2024"), a byline and reading time
("By Jane Smith, 3 min read") or a photo credit ("Photo: Reuters/John Doe, 2023") holds a date or a
number, so the article reader took each for an uncited figure an editor had to wade through.

A sentence is furniture when, its dates and times taken out, every part of it between separators
(`,`, `|`, `·`, `•`, a dash) is empty or one of the furniture phrases below, and it had at least
one phrase or date (a date alone is a dateline). So "By January, prices had risen 5%" and
"Published in 2019, the report found…" stay: a part of each is not furniture. English only, as
the phrases are.
"""

from __future__ import annotations

import re

__all__ = ["is_furniture"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
#: Dates and times as datelines write them, each as a whole: "Tuesday 5 March 2024",
#: "March 5, 2024", "2024-03-05", "05/03/2024", "March 2024", "2024", "10:30 GMT", "9.15am".
_DATE_RE = re.compile(
    rf"(?:{_WEEKDAY}\s+)?(?:{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_MONTH}\s+{_YEAR})"
    rf"|\b{_YEAR}-\d\d-\d\d(?:T[\d:]+Z?)?\b|\b\d{{1,2}}/\d{{1,2}}/{_YEAR}\b|\b{_YEAR}\b"
    r"|\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+(?:GMT|BST|UTC|CET|CEST|EST|EDT|PST|PDT|ET|PT))?"
    r"|\b\d{1,2}\s*[ap]\.?m\.?(?=\W|$)",
    re.IGNORECASE,
)
#: What joins a date and a time ("5 March at 10:30"), left over once both are taken out.
_LINKS_RE = re.compile(r"\b(?:at|on)\b", re.IGNORECASE)
_SEPARATORS_RE = re.compile(r"\s*(?:[,|·•]|\s[-–—]\s)\s*")
#: The parts a dateline, byline or credit is made of, once its dates are taken out.
_PART_RES = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?i:(?:first |last )?(?:published|updated|posted|modified))(?: (?i:on|at))?:?",
        # A byline: "By" and one to five capitalised names ("By Jane Smith and John Doe").
        r"(?i:by) [A-Z][\w.'’-]*(?: (?:and |& )?[A-Z][\w.'’-]*){0,4}",
        r"\d{1,3}(?:-| )?(?i:min(?:ute)?s?(?: to)? read)|(?i:reading time):? \d{1,3} (?i:min(?:ute)?s?)",
        # A credit: the agency or photographer's names, no figure and no quotation.
        r"(?i:(?:photo(?:graph)?|image|picture|illustration|video|credit)s?(?::| by)) [^\d\"“”«»„]{1,80}",
    )
)


def is_furniture(sentence: str) -> bool:
    """Whether `sentence` is a dateline, byline, reading time or credit and nothing else."""
    text = " ".join(sentence.split()).rstrip(".")
    if not text or len(text) > 200:
        return False
    undated = _DATE_RE.sub(" ", text)
    dated = undated != text
    parts = [part.strip(" .") for part in _SEPARATORS_RE.split(undated)]
    phrases = 0
    for part in parts:
        part = _LINKS_RE.sub("", part).strip()
        if not part:
            continue
        if not any(pattern.fullmatch(part) for pattern in _PART_RES):
            return False
        phrases += 1
    return phrases > 0 or dated
