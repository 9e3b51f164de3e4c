"""Reading dates: a note's access date, and the article's own date.

`parse_accessed` finds the date a note says its source was read on. It reads only a date that
directly follows an access phrase, so a publication date elsewhere in the note ("Gazette, June 1,
2022") is never taken for it. The phrases and month names of English, Turkish, French, German,
Spanish and Russian are known:

- "accessed March 2, 2025", "retrieved on 2025-03-02", "(last accessed Sept. 3rd, 2024)"
- "erişim tarihi 3 Mart 2021", "(Erişim: 03.03.2021)", "03.03.2021 tarihinde erişildi"
- "consulté le 1er mars 2021", "date de consultation : 3 mars 2021"
- "abgerufen am 3. März 2021", "Zugriff: 3.3.2021"
- "consultado el 3 de marzo de 2021", "fecha de consulta: 03.03.2021"
- "дата обращения: 03.03.2021", "(дата обращения: 3 марта 2021 г.)"

A date is ISO (`2021-03-03`), day.month.year with dots (`3.3.2021`, `03.03.2021`: day first in
every language that writes dates with dots), "Month D, YYYY", or "D Month YYYY" (with "de",
"1er", "3." and the like). A slashed date is read when it can mean one day only: `15/03/2021` and
`03/15/2021` (one part over 12), `03/03/2021` (both parts equal). `03/04/2021` is read as none,
with a warning: it is March 4th in one country and April 3rd in another.

`parse_date` reads the date a field gives an article (Markdown front matter `date:`, an HTML
`<meta>` or JSON-LD `datePublished`): ISO, optionally with a time (whose day is taken as
written), `YYYY/MM/DD`, or one of the forms above.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Iterable

logger = logging.getLogger(__name__)

__all__ = ["parse_accessed", "parse_date"]


def _fold(text: str) -> str:
    """Lower case without accents (`Şubat` → `subat`, `März` → `marz`, `ИЮНЬ` → `июнь`).

    Notes are matched folded, so "Erisim tarihi 3 Subat 2021", typed without Turkish letters,
    reads like "Erişim tarihi 3 Şubat 2021". Only the date is taken from a match, never its offset.
    """
    text = text.replace("ı", "i").replace("İ", "i")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# Month names and the abbreviations in use, as written; folded when the table is built.
_MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "ocak", "janvier", "janv", "januar", "jänner", "enero", "ene",
        "января", "январь", "янв"),
    2: ("february", "feb", "şubat", "février", "févr", "fév", "februar", "feber", "febrero",
        "февраля", "февраль", "февр", "фев"),
    3: ("march", "mar", "mart", "mars", "märz", "mrz", "mär", "marzo", "марта", "март", "мар"),
    4: ("april", "apr", "nisan", "avril", "avr", "abril", "abr", "апреля", "апрель", "апр"),
    5: ("may", "mayıs", "mai", "mayo", "мая", "май"),
    6: ("june", "jun", "haziran", "juin", "juni", "junio", "июня", "июнь", "июн"),
    7: ("july", "jul", "temmuz", "juillet", "juil", "juli", "julio", "июля", "июль", "июл"),
    8: ("august", "aug", "ağustos", "août", "agosto", "ago", "августа", "август", "авг"),
    9: ("september", "sept", "sep", "eylül", "septembre", "septiembre", "setiembre", "сентября",
        "сентябрь", "сент", "сен"),
    10: ("october", "oct", "ekim", "octobre", "oktober", "okt", "octubre", "октября", "октябрь",
         "окт"),
    11: ("november", "nov", "kasım", "novembre", "noviembre", "ноября", "ноябрь", "нояб", "ноя"),
    12: ("december", "dec", "aralık", "décembre", "déc", "dezember", "dez", "diciembre", "dic",
         "декабря", "декабрь", "дек"),
}  # fmt: skip
_MONTHS: dict[str, int] = {
    _fold(word): number for number, words in _MONTH_WORDS.items() for word in words
}
# Longest first, so "marz" is not read as "mar" and "june" not as "jun".
_MONTH_ALT = "|".join(re.escape(w) for w in sorted(_MONTHS, key=lambda w: (-len(w), w)))
# A month word ends where letters end: "mart" is March, "martin" is no month.
_MONTH = rf"(?P<{{g}}>{_MONTH_ALT})(?![^\W\d_])\.?"
# A day, with an English or French ordinal ending, or German's "3." (and "1º" folds to "1o").
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th|er|o|\.)?"
_YEAR = r"(?P<{g}>\d{{4}})(?!\d)"
_DATE = (
    r"(?:"
    rf"{_YEAR.format(g='iy')}-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?!\d)"
    rf"|(?P<nd>[0-3]?\d)\.\s?(?P<nm>[01]?\d)\.\s?{_YEAR.format(g='ny')}"
    rf"|(?P<sa>[0-3]?\d)/(?P<sb>[0-3]?\d)/{_YEAR.format(g='sy')}"
    rf"|{_MONTH.format(g='am')}\s*{_DAY.format(g='ad')},?\s+{_YEAR.format(g='ay')}"
    rf"|{_DAY.format(g='bd')}\s*(?:(?:de|of)\s+)?{_MONTH.format(g='bm')},?\s+(?:de\s+|del\s+)?"
    rf"{_YEAR.format(g='by')}"
    r")"
)

# Phrases that introduce an access date, folded; a space stands for any run of spaces.
_ACCESS_PHRASES = (
    # English
    "last accessed",
    "accessed",
    "retrieved",
    "viewed",
    "consulted",
    "date accessed",
    "access date",
    # Turkish
    "son erisim tarihi",
    "son erisim",
    "erisim tarihi",
    "erisim",
    "erisildi",
    "erisilme tarihi",
    # French
    "consulte en ligne",
    "consultee en ligne",
    "page consultee",
    "consulte",
    "consultee",
    "date de consultation",
    "derniere consultation",
    # German
    "zuletzt abgerufen",
    "abgerufen",
    "aufgerufen",
    "letzter zugriff",
    "zugriff",
    "abrufdatum",
    "zugriffsdatum",
    "abruf",
    # Spanish
    "consultado",
    "consultada",
    "fecha de consulta",
    "fecha de acceso",
    "recuperado",
    "accedido",
    # Russian
    "дата обращения",
    "дата доступа",
    "дата просмотра",
    "просмотрено",
)
_PHRASE_ALT = "|".join(
    re.escape(p).replace(r"\ ", r"\s+") for p in sorted(_ACCESS_PHRASES, key=lambda p: -len(p))
)
# Between the phrase and the date: punctuation, and a word for "on" ("accessed on", "consulté
# le", "abgerufen am", "consultado el", "Zugriff vom").
_BETWEEN = r"[\s:,.\-–—]*(?:(?:on|the|le|am|vom|el|den|dia)\s+){0,2}"
_ACCESSED_RE = re.compile(rf"(?<!\w)(?:{_PHRASE_ALT})(?!\w){_BETWEEN}{_DATE}")
# Turkish puts the phrase after the date: "03.03.2021 tarihinde erişildi".
_ACCESSED_AFTER_RE = re.compile(rf"(?<![\w.]){_DATE}\s+tarihinde\s+erisil")
_DATE_RE = re.compile(_DATE)
_SLASHED_YMD_RE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")


def _date_of(m: re.Match[str]) -> dt.date | None:
    """The date a `_DATE` match spells, or `None` when there is no such day."""
    g = m.groupdict()
    try:
        if g["iy"]:
            return dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g["ny"]:
            return dt.date(int(g["ny"]), int(g["nm"]), int(g["nd"]))
        if g["sy"]:
            return _slashed(int(g["sa"]), int(g["sb"]), int(g["sy"]))
        if g["ay"]:
            return dt.date(int(g["ay"]), _MONTHS[g["am"]], int(g["ad"]))
        return dt.date(int(g["by"]), _MONTHS[g["bm"]], int(g["bd"]))
    except (ValueError, KeyError, TypeError):
        return None


def _slashed(a: int, b: int, year: int) -> dt.date | None:
    """`a/b/year` when only one reading is a day: day first (`15/03/2021`), month first
    (`03/15/2021`), or both the same (`03/03/2021`); `None` for `03/04/2021`."""
    if a == b or (a > 12 and b <= 12):
        return dt.date(year, b, a)
    if b > 12 and a <= 12:
        return dt.date(year, a, b)
    return None


def _ambiguous(m: re.Match[str]) -> bool:
    g = m.groupdict()
    return bool(g["sy"]) and _date_of(m) is None and max(int(g["sa"]), int(g["sb"])) <= 12


def parse_accessed(text: str) -> dt.date | None:
    """The access date a note states ("accessed March 2, 2025", "consulté le 3 mars 2021"), or
    `None`.

    Only a date right after an access phrase counts (see the module docstring); the first such
    date that exists is taken, and an impossible one (February 30) counts as none.
    """
    folded = _fold(text)
    found: list[tuple[int, dt.date]] = []
    for regex in (_ACCESSED_RE, _ACCESSED_AFTER_RE):
        for m in regex.finditer(folded):
            date = _date_of(m)
            if date is not None:
                found.append((m.start(), date))
                break
            if _ambiguous(m):
                logger.warning(
                    "access date %r is ambiguous (day/month or month/day?): not used; write it "
                    "as an ISO date (2021-04-03) or with the month's name",
                    m.group(0).split()[-1],
                )
    return min(found)[1] if found else None


def parse_date(value: str) -> dt.date | None:
    """The date an article's date field gives (`2019-02-01`, `2019-02-01T09:30:00+03:00`,
    `2019/02/01`, `1 February 2019`, …), or `None` when it holds none."""
    text = _fold(value).strip().strip("\"'").strip()
    m = _DATE_RE.match(text)
    if m is not None:
        return _date_of(m)
    slashed = _SLASHED_YMD_RE.match(text)
    if slashed is not None:
        try:
            return dt.date(*(int(part) for part in slashed.groups()))
        except ValueError:
            return None
    return None


def first_date(candidates: Iterable[tuple[str, str | None]], source: str) -> dt.date | None:
    """The first of `(where, value)` candidates whose value is a date (`parse_date`); each one
    that holds something else is skipped with a debug message naming `source` and `where`."""
    for where, value in candidates:
        if not value:
            continue
        date = parse_date(value)
        if date is not None:
            return date
        logger.debug("%s: %s %r is not a date; ignored", source, where, value)
    return None
