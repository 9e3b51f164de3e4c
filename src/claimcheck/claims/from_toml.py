"""`claims.toml`: loading, validation, and merging with the parsed article (SPEC §3.3).

A `claims.toml` curates what `claimcheck` checks: `[article]` says where the article is, `[settings]`
holds any option of SPEC §2, `[notes.N]` adds to or overrides note N as parsed from the article,
and each `[[claims]]` is one more thing to find in a source. The file wins over the parser: a block
with the quote (or figure) and note of a parsed claim, or with its id, replaces it.

Every problem is a `ClaimsFileError` naming the file, the line and the key at fault (exit 2).
`tomllib` reports no line numbers for keys, so `KeyLocator` scans the raw text once for table
headers and `key =` lines and maps each key path to the line it was written on.

A `[[claims]]` block with `skip = true` leaves the article's claim it names (by `id`, else by its
quote or figure and note) out of the check: the article is parsed again on every run, so deleting
a block cannot do that (see `claimcheck init`'s header).

Relative paths in `[settings]` (`replay`, `record`, `output`, `lock`, `cache_dir`) are read from
the file's folder, as `[article] path` is.

Beyond SPEC §3.3, a note may say `same_as = 2`: it cites the same source as note 2 (what an `Ibid.`
or a short form means), so a file that lists every note can stand without the article.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from claimcheck.claims.from_article import claims_in_text, unique_id
from claimcheck.errors import ClaimsFileError, SettingsError
from claimcheck.model import Article, Claim, ClaimKind, Note, quote_kind
from claimcheck.settings import Settings, known_keys

if TYPE_CHECKING:
    import tomllib

# Start-up cost (issue 3): every `links`/`verify`/`claims` run imports this module to apply a
# claims file that is usually absent, so `tomllib` (~3 ms) is imported only when a file is read,
# and `numbers` only when a `facts` figure is validated.

logger = logging.getLogger(__name__)

#: A path to a key: table names and keys as strings, array-of-tables positions as 0-based ints.
KeyPath = tuple[str | int, ...]

# A number with a letter that is a magnitude or a unit by its words ("1.5m", "2b"): alone, neither.
_LETTER_MAGNITUDE_RE = re.compile(r"[-−]?[0-9][0-9.,]*[mMbB]")
_TOP_KEYS = ("article", "settings", "notes", "claims")
_ARTICLE_KEYS = ("url", "path", "accessed", "title")
_NOTE_KEYS = ("url", "urls", "title", "accessed", "author", "same_as")
_CLAIM_KEYS = ("id", "note", "url", "quote", "text", "facts", "kind", "skip")
_KINDS = {k.value: k for k in ClaimKind}

#: Words of the quote or text that go into a generated claim id: enough to tell the quotes of one
#: note apart, short enough to read in a report column.
SLUG_WORDS = 5
SLUG_MAX_CHARS = 48


@dataclass(frozen=True)
class NoteOverride:
    """One `[notes.N]` table: what the file says about note N.

    `url` and `urls` are as written (one or the other); `all_urls` is what the note cites.
    `same_as` names the note whose source this one shares (an `Ibid.` written out).
    """

    id: str
    line: int
    url: str | None = None
    urls: tuple[str, ...] = ()
    title: str | None = None
    accessed: dt.date | None = None
    author: str | None = None
    same_as: str | None = None

    @property
    def all_urls(self) -> tuple[str, ...]:
        """The note's own URLs: `url`, or `urls`."""
        return (self.url,) if self.url else self.urls


@dataclass(frozen=True)
class _ClaimOrigin:
    """Where a claim was written, for errors raised when it is merged with an article."""

    block: str  # "claims[3]"
    note_line: int | None
    explicit_id: bool


@dataclass(frozen=True)
class ClaimSkip:
    """A `[[claims]]` block with `skip = true`: the claim of the article it names is not checked.

    It names the parsed claim by `id` (what `claimcheck init` writes), else by the same quote (or
    figure) and note, as a replacing block does (`keys`).
    """

    block: str  # "claims[3]"
    line: int
    id: str | None
    keys: tuple[tuple[str, str | None, str | None, str], ...]


@dataclass(frozen=True)
class ClaimsFile:
    """A loaded and validated `claims.toml`."""

    path: Path
    article_url: str | None
    article_path: Path | None  # resolved relative to the toml's folder
    accessed: dt.date | None
    settings: dict[str, Any]  # the raw [settings] table, already validated
    notes: dict[str, NoteOverride]
    claims: tuple[Claim, ...]
    article_title: str | None = None
    skips: tuple[ClaimSkip, ...] = ()
    _origins: Mapping[str, _ClaimOrigin] = field(default_factory=dict, repr=False, compare=False)
    _key_lines: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)
    _same_as_lines: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)

    def error(self, reason: str, key: str, hint: str | None = None) -> ClaimsFileError:
        """An error about `key` of the file (`article.path`, `settings.replay`), at its line."""
        return ClaimsFileError(
            reason, path=str(self.path), line=self._key_lines.get(key), key=key, hint=hint
        )

    @property
    def standalone(self) -> bool:
        """True when the file lists notes, so it can be used without reading the article."""
        return bool(self.notes)


# --------------------------------------------------------------------------- locating keys


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^,\]}\n#]*")


class KeyLocator:
    """The line each table header and key of a TOML document is written on.

    Built from the raw text of a document `tomllib` has already accepted. Paths use the names
    `tomllib` returns: `("notes", "6", "url")`, `("claims", 2, "quote")` for the third
    `[[claims]]`, `("claims", 2, "facts", 1)` for the second element of its `facts` array.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._lines: dict[KeyPath, int] = {}
        self._arrays: dict[KeyPath, int] = {}
        self._scan()

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of `path`, else of its nearest enclosing table or key; `None` if none is known."""
        key = tuple(path)
        while key:
            line = self._lines.get(key)
            if line is not None:
                return line
            key = key[:-1]
        return None

    # ------------------------------------------------------------------ scanning

    def _line_at(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)

    def _record(self, path: KeyPath, offset: int) -> None:
        line = self._line_at(offset)
        for end in range(1, len(path) + 1):
            self._lines.setdefault(path[:end], line)

    def _scan(self) -> None:
        text, i = self._text, 0
        table_path: KeyPath = ()
        while i < len(text):
            i = self._skip(i, newlines=True)
            if i >= len(text):
                break
            start = i
            if text.startswith("[[", i):
                keys, i = self._key(i + 2)
                array = (*self._resolve(keys[:-1]), *keys[-1:])
                index = self._arrays.get(array, 0)
                self._arrays[array] = index + 1
                table_path = (*array, index)
                self._record(table_path, start)
            elif text[i] == "[":
                keys, i = self._key(i + 1)
                table_path = self._resolve(keys)
                self._record(table_path, start)
            else:
                keys, i = self._key(i)
                if keys:
                    self._record((*table_path, *keys), start)
                    i = self._skip(i, newlines=False)
                    if i < len(text) and text[i] == "=":
                        i = self._value(i + 1, (*table_path, *keys))
            i = self._end_of_line(i)

    def _resolve(self, keys: KeyPath) -> KeyPath:
        """A header's path, with the current index inserted after each array of tables."""
        out: list[str | int] = []
        for key in keys:
            out.append(key)
            count = self._arrays.get(tuple(out))
            if count:
                out.append(count - 1)
        return tuple(out)

    def _skip(self, i: int, *, newlines: bool) -> int:
        """Past spaces, tabs and comments (and line breaks when `newlines`)."""
        text = self._text
        while i < len(text):
            ch = text[i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                i += 1
            elif ch == "#":
                end = text.find("\n", i)
                i = len(text) if end < 0 else end
            else:
                break
        return i

    def _end_of_line(self, i: int) -> int:
        end = self._text.find("\n", i)
        return len(self._text) if end < 0 else end + 1

    def _key(self, i: int) -> tuple[KeyPath, int]:
        """A dotted key starting at `i`: its parts, and the offset after it."""
        text, keys = self._text, []
        while i < len(text):
            i = self._skip(i, newlines=False)
            if i >= len(text):
                break
            if text[i] == '"':
                end = self._basic_string_end(i)
                keys.append(_decode_basic(text[i + 1 : end - 1]))
                i = end
            elif text[i] == "'":
                end = text.find("'", i + 1)
                end = len(text) if end < 0 else end + 1
                keys.append(text[i + 1 : end - 1])
                i = end
            else:
                match = _BARE_KEY.match(text, i)
                if match is None:
                    break
                keys.append(match.group())
                i = match.end()
            i = self._skip(i, newlines=False)
            if i < len(text) and text[i] == ".":
                i += 1
                continue
            break
        return tuple(keys), i

    def _basic_string_end(self, i: int) -> int:
        """The offset after the `"…"` string opening at `i`."""
        text, j = self._text, i + 1
        while j < len(text):
            if text[j] == "\\":
                j += 2
            elif text[j] == '"' or text[j] == "\n":
                return j + 1
            else:
                j += 1
        return len(text)

    def _multiline_end(self, i: int, delimiter: str) -> int:
        """The offset after the `\"\"\"…\"\"\"` or `'''…'''` string opening at `i`."""
        text, j = self._text, i + 3
        while j < len(text):
            if delimiter == '"""' and text[j] == "\\":
                j += 2
            elif text.startswith(delimiter, j):
                j += 3
                # Up to two quote characters may sit right before the closing delimiter.
                extra = 0
                while extra < 2 and j < len(text) and text[j] == delimiter[0]:
                    j, extra = j + 1, extra + 1
                return j
            else:
                j += 1
        return len(text)

    def _value(self, i: int, path: KeyPath) -> int:
        """The offset after the value starting at `i`, recording nested keys and array items."""
        text = self._text
        i = self._skip(i, newlines=False)
        if i >= len(text):
            return i
        if text.startswith('"""', i) or text.startswith("'''", i):
            return self._multiline_end(i, text[i : i + 3])
        if text[i] == '"':
            return self._basic_string_end(i)
        if text[i] == "'":
            end = text.find("'", i + 1)
            return len(text) if end < 0 else end + 1
        if text[i] == "[":
            return self._array(i + 1, path)
        if text[i] == "{":
            return self._inline_table(i + 1, path)
        match = _SCALAR.match(text, i)
        return match.end() if match else i + 1

    def _array(self, i: int, path: KeyPath) -> int:
        text, index = self._text, 0
        while i < len(text):
            i = self._skip(i, newlines=True)
            if i >= len(text) or text[i] == "]":
                return i + 1
            self._record((*path, index), i)
            after = self._value(i, (*path, index))
            index += 1
            i = self._skip(max(after, i + 1), newlines=True)
            if i < len(text) and text[i] == ",":
                i += 1
        return i

    def _inline_table(self, i: int, path: KeyPath) -> int:
        text = self._text
        while i < len(text):
            i = self._skip(i, newlines=False)
            if i >= len(text) or text[i] == "}":
                return i + 1
            start = i
            keys, i = self._key(i)
            if not keys:
                return i + 1
            self._record((*path, *keys), start)
            i = self._skip(i, newlines=False)
            if i < len(text) and text[i] == "=":
                i = self._value(i + 1, (*path, *keys))
            i = self._skip(i, newlines=False)
            if i < len(text) and text[i] == ",":
                i += 1
        return i


def _decode_basic(raw: str) -> str:
    """The value of a basic-string key body, escapes decoded (by `tomllib` itself)."""
    import tomllib

    try:
        value = tomllib.loads(f'k = "{raw}"')["k"]
    except tomllib.TOMLDecodeError:
        return raw
    return value if isinstance(value, str) else raw


def format_key(path: Sequence[str | int]) -> str:
    """A key path as a user reads it: `notes.6.url`, `claims[3].quote`, `settings.hosts."a.org"`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
            continue
        shown = part if _BARE_KEY.fullmatch(part) else '"' + part.replace('"', '\\"') + '"'
        out += f".{shown}" if out else shown
    return out


# --------------------------------------------------------------------------- loading


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]#]+?)\s*\]\]?")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")


def load_claims_file(path: Path) -> ClaimsFile:
    """Read and validate `path`; raise `ClaimsFileError` naming the file, line and key at fault."""
    path = Path(path)
    shown = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ClaimsFileError(
            "file not found",
            path=shown,
            hint="give an article, or write a claims.toml with `claimcheck init ARTICLE`",
        ) from None
    except OSError as exc:
        raise ClaimsFileError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a Windows editor is harmless: accept it
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ClaimsFileError(
            f"not UTF-8 text (byte {exc.start})", path=shown, line=line, hint="save it as UTF-8"
        ) from None
    import tomllib

    try:
        data = tomllib.loads(text)
        return _Loader(path, text, data).load()
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(shown, text, exc) from None
    except RecursionError:
        # tomllib reads nested arrays and inline tables by recursion: `x = [[[[…]]]]` some
        # thousands deep exhausts Python's stack. No claims file nests more than a few levels.
        raise ClaimsFileError(
            "nested too deeply (arrays or inline tables inside one another, hundreds deep)",
            path=shown,
            line=_deep_line(text),
            hint="a claims file nests a few levels at most; check the file is the one meant",
        ) from None


def _deep_line(text: str) -> int | None:
    """The line where the text first opens more brackets than any claims file would, for the
    error about a file nested too deeply (brackets in strings are counted too: a guess)."""
    depth = 0
    line = 1
    for char in text:
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > 100:
                return line
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


def _syntax_error(shown: str, text: str, exc: tomllib.TOMLDecodeError) -> ClaimsFileError:
    """Invalid TOML: keep tomllib's message (it has line and column) and guess the key."""
    match = _TOML_POSITION.search(str(exc))
    line = int(match.group(1)) if match else None
    key = None
    if line is not None:
        lines = text.splitlines()
        table = ""
        for previous in lines[: line - 1]:
            header = _HEADER.match(previous)
            if header:
                table = header.group(1)
        current = lines[line - 1] if line - 1 < len(lines) else ""
        header = _HEADER.match(current)
        key_match = _KEY_LINE.match(current)
        if header:
            key = header.group(1)
        elif key_match:
            name = key_match.group(1).strip()
            key = f"{table}.{name}" if table else name
        elif table:
            key = table
    return ClaimsFileError(f"invalid TOML: {exc}", path=shown, line=line, key=key)


class _Loader:
    """Validates one parsed document; every error is located with a `KeyLocator`."""

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.shown = str(path)
        self.data = data
        self.locator = KeyLocator(text)

    def fail(self, reason: str, key: KeyPath, hint: str | None = None) -> ClaimsFileError:
        return ClaimsFileError(
            reason,
            path=self.shown,
            line=self.locator.line_of(key),
            key=format_key(key) if key else None,
            hint=hint,
        )

    def load(self) -> ClaimsFile:
        self._only(self.data, (), _TOP_KEYS)
        article = self._table("article", _ARTICLE_KEYS)
        article_url = self._url(article, ("article", "url"))
        raw_path = self._string(article, ("article", "path"))
        if article_url is not None and raw_path is not None:
            raise self.fail(
                "give the article's url or its path, not both",
                ("article", "path"),
                hint="keep path for a draft on disk, url for a published page",
            )
        settings = self._settings()
        notes = self._notes()
        claims, origins, skips = self._claims()
        same_as_lines = {
            nid: self.locator.line_of(("notes", nid, "same_as")) or note.line
            for nid, note in notes.items()
            if note.same_as is not None
        }
        return ClaimsFile(
            path=self.path,
            article_url=article_url,
            article_path=self.path.parent / raw_path if raw_path is not None else None,
            accessed=self._date(article, ("article", "accessed")),
            settings=settings,
            notes=notes,
            claims=claims,
            article_title=self._string(article, ("article", "title")),
            skips=skips,
            _origins=origins,
            _same_as_lines=same_as_lines,
            _key_lines=self._key_lines(article, settings),
        )

    def _key_lines(self, article: Mapping[str, Any], settings: Mapping[str, Any]) -> dict[str, int]:
        """The lines of `[article]` and `[settings]` keys, for errors found after loading."""
        out: dict[str, int] = {}
        for table, keys in (("article", article), ("settings", settings)):
            for key in keys:
                line = self.locator.line_of((table, key))
                if line is not None:
                    out[f"{table}.{key}"] = line
        return out

    # ------------------------------------------------------------------ typed getters

    def _only(self, table: Mapping[str, Any], where: KeyPath, allowed: Sequence[str]) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(
                    "unknown key", (*where, key), hint=f"allowed here: {', '.join(allowed)}"
                )

    def _table(self, name: str, allowed: Sequence[str]) -> dict[str, Any]:
        """A top-level table (empty when absent) holding only `allowed` keys."""
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise self.fail(f"expected a table, got {_type(value)}", (name,))
        self._only(value, (name,), allowed)
        return value

    def _string(self, table: Mapping[str, Any], key: KeyPath) -> str | None:
        value = table.get(str(key[-1]))
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(f"expected a string, got {_type(value)}", key)
        if not value.strip():
            raise self.fail("must not be empty", key)
        return value.strip()

    def _url(self, table: Mapping[str, Any], key: KeyPath) -> str | None:
        value = self._string(table, key)
        if value is not None:
            self._check_url(value, key)
        return value

    def _check_url(self, value: str, key: KeyPath) -> None:
        parts = urlsplit(value)
        if (
            parts.scheme not in {"http", "https"}
            or not parts.netloc
            or any(c.isspace() for c in value)
        ):
            raise self.fail(f"expected an http(s) URL, got {value!r}", key)

    def _date(self, table: Mapping[str, Any], key: KeyPath) -> dt.date | None:
        value = table.get(str(key[-1]))
        if value is None:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.fail(
                f"expected a date, got {_type(value)} {value!r}",
                key,
                hint="write a TOML date without quotes, e.g. accessed = 2025-04-23",
            )
        return value

    def _note_id(self, table: Mapping[str, Any], key: KeyPath) -> str | None:
        value = table.get(str(key[-1]))
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise self.fail(
                f"expected a note number or label, got {_type(value)}", key, hint="e.g. note = 6"
            )
        text = str(value).strip()
        if not text:
            raise self.fail("must not be empty", key)
        return text

    # ------------------------------------------------------------------ sections

    def _settings(self) -> dict[str, Any]:
        table = self._table("settings", _settings_keys())
        try:
            Settings.build(
                cli={}, env={}, toml=table, toml_path=self.shown, toml_dir=self.path.parent
            )
        except SettingsError as exc:
            raise self.fail(exc.reason, _settings_path(exc.key, table), hint=exc.hint) from None
        return dict(table)

    def _notes(self) -> dict[str, NoteOverride]:
        notes_table = self.data.get("notes", {})
        if not isinstance(notes_table, dict):
            raise self.fail(f"expected a table of notes, got {_type(notes_table)}", ("notes",))
        out: dict[str, NoteOverride] = {}
        for nid, table in notes_table.items():
            where: KeyPath = ("notes", nid)
            if not isinstance(table, dict):
                raise self.fail(
                    f"expected a table, got {_type(table)}", where, hint=f"write [notes.{nid}]"
                )
            if not nid.strip():
                raise self.fail("a note needs a number or label", where)
            self._only(table, where, _NOTE_KEYS)
            url = self._url(table, (*where, "url"))
            urls = self._url_list(table, (*where, "urls"))
            if url is not None and urls:
                raise self.fail("give url or urls, not both", (*where, "urls"))
            same_as = self._note_id(table, (*where, "same_as"))
            if same_as == nid:
                raise self.fail("a note cannot be the same as itself", (*where, "same_as"))
            out[nid] = NoteOverride(
                id=nid,
                line=self.locator.line_of(where) or 1,
                url=url,
                urls=urls,
                title=self._string(table, (*where, "title")),
                accessed=self._date(table, (*where, "accessed")),
                author=self._string(table, (*where, "author")),
                same_as=same_as,
            )
        return out

    def _url_list(self, table: Mapping[str, Any], key: KeyPath) -> tuple[str, ...]:
        value = table.get(str(key[-1]))
        if value is None:
            return ()
        if not isinstance(value, list) or not value:
            raise self.fail(f"expected a non-empty list of URLs, got {_type(value)}", key)
        urls: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self.fail(f"expected a URL string, got {_type(item)}", (*key, index))
            self._check_url(item.strip(), (*key, index))
            urls.append(item.strip())
        return tuple(urls)

    def _claims(self) -> tuple[tuple[Claim, ...], dict[str, _ClaimOrigin], tuple[ClaimSkip, ...]]:
        blocks = self.data.get("claims", [])
        if not isinstance(blocks, list):
            raise self.fail(
                f"expected [[claims]] tables, got {_type(blocks)}",
                ("claims",),
                hint="start each claim with a [[claims]] line",
            )
        parsed = [self._claim_block(index, block) for index, block in enumerate(blocks)]
        skips = tuple(self._skip(block) for block in parsed if block.skip)
        claims, origins = self._checked_claims(parsed)
        return claims, origins, skips

    def _skip(self, block: _Block) -> ClaimSkip:
        """What a `skip = true` block drops: the parsed claim with its id, or its content."""
        note, url = block.note, block.url if block.note is None else None
        keys: list[tuple[str, str | None, str | None, str]] = []
        if block.quote is not None:
            keys.append(("quote", note, url, _content_key(block.quote)))
        keys.extend(("fact", note, url, _content_key(value)) for _, value in block.facts)
        if block.id is None and not keys:
            raise self.fail(
                "skip = true needs the id of the claim to leave out (or its quote and note)",
                ("claims", block.index, "skip"),
                hint="keep the id line that `claimcheck init` wrote",
            )
        return ClaimSkip(
            block=format_key(("claims", block.index)),
            line=self.locator.line_of(("claims", block.index, "skip")) or block.line,
            id=block.id,
            keys=tuple(keys),
        )

    def _checked_claims(
        self, parsed: Sequence[_Block]
    ) -> tuple[tuple[Claim, ...], dict[str, _ClaimOrigin]]:
        """The claims of the blocks that are checked; ids given out, explicit ones first."""
        if not parsed:
            return (), {}

        explicit: dict[str, int] = {}  # explicit ids first, so generated ones never take them
        for block in parsed:
            if block.id is None:
                continue
            if block.id in explicit:
                raise self.fail(
                    f"duplicate id {block.id!r} (first used on line {explicit[block.id]})",
                    ("claims", block.index, "id"),
                )
            explicit[block.id] = block.line

        used = set(explicit)
        suffixes: dict[str, int] = {}

        claims: list[Claim] = []
        origins: dict[str, _ClaimOrigin] = {}
        for block in parsed:
            if block.skip:
                continue
            items: list[tuple[ClaimKind, str | None, str | None, str | None]] = []
            if block.quote is not None:
                items.append((block.quote_kind, block.quote, None, None))
            items.extend((ClaimKind.FACT, None, fact, value) for fact, value in block.facts)
            items.extend(
                (kind, None, found, value) if kind is ClaimKind.FACT else (kind, found, None, None)
                for kind, found, value in block.found
            )
            origin = _ClaimOrigin(
                block=format_key(("claims", block.index)),
                note_line=self.locator.line_of(("claims", block.index, "note")),
                explicit_id=block.id is not None,
            )
            for kind, quote, fact, value in items:
                # An explicit id names the block's only claim, or its quote; each further fact
                # gets the id plus the fact's slug. A generated id is the note plus the first
                # words of the quote, or of the fact itself ("n6-us-150-billion").
                if block.id is not None and (len(items) == 1 or kind is not ClaimKind.FACT):
                    claim_id = block.id
                elif block.id is not None:
                    claim_id = unique_id(f"{block.id}-{_slug(fact or '')}", used, suffixes)
                else:
                    claim_id = unique_id(_id_slug(block, quote or fact or ""), used, suffixes)
                claims.append(
                    Claim(
                        id=claim_id,
                        kind=kind,
                        line=block.line,
                        column=1,
                        sentence=block.text or "",
                        note=block.note,
                        quote=quote,
                        fact=fact,
                        value=value,
                        url=block.url,
                        article=self.shown,
                        origin="toml",
                    )
                )
                origins[claim_id] = origin
        return tuple(claims), origins

    def _claim_block(self, index: int, table: Any) -> _Block:
        where: KeyPath = ("claims", index)
        if not isinstance(table, dict):
            raise self.fail(f"expected a table, got {_type(table)}", where)
        self._only(table, where, _CLAIM_KEYS)
        skip = table.get("skip", False)
        if not isinstance(skip, bool):
            raise self.fail(
                f"expected true or false, got {_type(skip)}",
                (*where, "skip"),
                hint="skip = true leaves the claim out of the check",
            )
        claim_id = self._string(table, (*where, "id"))
        note = self._note_id(table, (*where, "note"))
        url = self._url(table, (*where, "url"))
        quote = self._string(table, (*where, "quote"))
        text = self._string(table, (*where, "text"))
        kind_name = self._string(table, (*where, "kind"))
        facts = self._facts(table, (*where, "facts"), text)
        block = _Block(
            index=index,
            line=self.locator.line_of(where) or 1,
            id=claim_id,
            note=note,
            url=url,
            quote=quote,
            quote_kind=ClaimKind.QUOTE,
            text=text,
            facts=facts,
        )
        if skip:
            # Only what names the claim matters; its source and content need not be complete.
            return replace(block, skip=True)
        if note is None and url is None:
            raise self.fail(
                "a claim needs a source",
                (*where, "note"),
                hint='give note = N or url = "https://…"',
            )
        found: tuple[tuple[ClaimKind, str, str | None], ...] = ()
        if quote is None and not facts and text:
            # Text alone: its quotations and figures are the claims, as in an article sentence.
            found = tuple(claims_in_text(text))
            if not found:
                raise self.fail(
                    "the text holds no quotation or figure to check",
                    (*where, "text"),
                    hint='add quote = "words to find", or facts = ["US$150 billion"]',
                )
        elif quote is None and not facts:
            raise self.fail(
                "a claim needs quote, text or facts",
                where,
                hint='quote = "words to find", or text = "…" with facts = ["US$150 billion"]',
            )
        kind = quote_kind(quote) if quote else ClaimKind.QUOTE
        if kind_name is not None:
            chosen = _KINDS.get(kind_name.lower())
            if chosen is None:
                raise self.fail(
                    f"unknown kind {kind_name!r}", (*where, "kind"), hint="quote, term or fact"
                )
            if found:
                raise self.fail(
                    "kind needs a quote or facts; the claims of a text are found in it",
                    (*where, "kind"),
                )
            if (chosen is ClaimKind.FACT) != (quote is None):
                needs = "facts and no quote" if chosen is ClaimKind.FACT else "a quote"
                raise self.fail(f"kind {chosen.value} needs {needs}", (*where, "kind"))
            if chosen is not ClaimKind.FACT:
                kind = chosen
        return replace(block, quote_kind=kind, found=found)

    def _facts(
        self, table: Mapping[str, Any], key: KeyPath, text: str | None
    ) -> tuple[tuple[str, str], ...]:
        """Each fact with its canonical value, read in the words of `text` where it stands there
        as the article reader reads it ("1.5m" in "a wall 1.5m high"); a fact that is not a
        figure is an error."""
        value = table.get(str(key[-1]))
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.fail(f"expected a non-empty list of figures, got {_type(value)}", key)
        out: list[tuple[str, str]] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"expected a figure as a string, got {item!r}", (*key, index))
            from claimcheck.numbers import figure_in, parse_quantity

            quantity = (figure_in(text, item) if text else None) or parse_quantity(item.strip())
            if quantity is None:
                hint = (
                    'write it as the article does, e.g. "US$150 billion", "1993", "6 February 2023"'
                )
                if _LETTER_MAGNITUDE_RE.fullmatch(item.strip()):
                    hint = (
                        f"{item.strip()!r} may be millions or metres: give the sentence as text, "
                        'or write it "1.5 million" or "1.5 m"'
                    )
                raise ClaimsFileError(
                    f"not a figure: {item!r}",
                    path=self.shown,
                    line=self.locator.line_of((*key, index)),
                    key=format_key(key),
                    hint=hint,
                )
            out.append((item.strip(), quantity.canonical()))
        return tuple(out)


@dataclass(frozen=True)
class _Block:
    """One validated `[[claims]]` table, before ids are given out."""

    index: int
    line: int
    id: str | None
    note: str | None
    url: str | None
    quote: str | None
    quote_kind: ClaimKind
    text: str | None
    facts: tuple[tuple[str, str], ...]
    found: tuple[tuple[ClaimKind, str, str | None], ...] = ()  # the claims of a text alone
    skip: bool = False


def _settings_keys() -> tuple[str, ...]:
    return tuple(sorted(known_keys()))


def _settings_path(key: str | None, table: Mapping[str, Any]) -> KeyPath:
    """The key path of a `SettingsError` key; host names hold dots, so match them whole."""
    if not key:
        return ("settings",)
    if key.startswith("hosts."):
        hosts = table.get("hosts")
        for host in hosts if isinstance(hosts, dict) else ():
            prefix = f"hosts.{host}"
            if key == prefix:
                return ("settings", "hosts", host)
            if key.startswith(prefix + "."):
                return ("settings", "hosts", host, key[len(prefix) + 1 :])
    return ("settings", key)


def _type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    names = {str: "a string", int: "an integer", float: "a number", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


# --------------------------------------------------------------------------- ids


def _slug(text: str, words: int = SLUG_WORDS) -> str:
    """Lower-case ASCII words joined by `-` (Unicode words when the text has no ASCII ones)."""
    folded = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    found = re.findall(r"[a-z0-9]+", folded) or [
        w.replace("_", "") for w in re.findall(r"\w+", folded)
    ]
    slug = "-".join(w for w in found[:words] if w)
    return slug[:SLUG_MAX_CHARS].rstrip("-")


def _id_slug(block: _Block, words: str) -> str:
    """`n6-` (the label of a named note, or the URL's host) and the first words of `words`."""
    if block.note is not None and block.note.isascii() and block.note.isdigit():
        prefix = f"n{block.note}"
    elif block.note is not None:
        prefix = _slug(block.note) or "note"  # a Markdown label: "side-a"
    else:
        prefix = _slug(urlsplit(block.url or "").hostname or "url", words=8)
    tail = _slug(words)
    return f"{prefix}-{tail}" if tail else prefix


# --------------------------------------------------------------------------- merging


_QUOTE_FORMS = str.maketrans(dict.fromkeys("“”„‟«»‹›″", '"') | dict.fromkeys("‘’‚‛′`´", "'"))
_EDGE_PUNCT = " \t\n.,;:!?\"'"


def _claim_key(claim: Claim) -> tuple[str, str | None, str | None, str]:
    """What makes a toml claim replace a parsed one: the same quote (or figure) on the same note."""
    if claim.kind is ClaimKind.FACT:
        # Facts compare by value: "US$150 billion" in the file replaces "$150bn" parsed.
        group, content = "fact", claim.value or claim.fact
    else:
        group, content = "quote", claim.quote
    return group, claim.note, claim.url if claim.note is None else None, _content_key(content)


def _content_key(content: str | None) -> str:
    text = unicodedata.normalize("NFKC", content or "").translate(_QUOTE_FORMS)
    return " ".join(text.split()).strip(_EDGE_PUNCT).casefold()


def apply_claims_file(article: Article | None, cf: ClaimsFile) -> Article:
    """The article as `cf` curates it: its notes added or overridden, its claims added.

    With `article` `None` the article is built from the file alone (`source` is the file's path).
    A toml claim with the same quote (or fact) and note as a parsed claim replaces it, in its place
    and at its line in the article; a claim only the file has keeps the file's line.
    """
    shown = str(cf.path)
    notes: dict[str, Note] = {n.id: n for n in article.notes} if article else {}
    for nid, override in cf.notes.items():
        notes[nid] = _merge_note(notes.get(nid), override)
    notes = _resolve_chains(notes, cf)

    for claim in cf.claims:
        if claim.note is not None and claim.note not in notes:
            origin = cf._origins.get(claim.id)
            raise ClaimsFileError(
                f"note {claim.note} is not in the article or in [notes]",
                path=shown,
                line=origin.note_line if origin and origin.note_line else claim.line,
                key=f"{origin.block}.note" if origin else "note",
                hint=f"add a [notes.{claim.note}] table with its url, or fix the number",
            )

    claims = _merge_claims(article.claims if article else (), cf)
    if article is None:
        return Article(
            source=shown,
            title=cf.article_title,
            notes=tuple(notes.values()),
            claims=claims,
            accessed=cf.accessed,
        )
    return replace(
        article,
        title=cf.article_title or article.title,
        notes=tuple(notes.values()),
        claims=claims,
        accessed=cf.accessed or article.accessed,
    )


def _merge_note(old: Note | None, override: NoteOverride) -> Note:
    urls = override.all_urls or (old.urls if old else ())
    resolved = old.resolved_note if old else None
    if override.same_as is not None:
        resolved = override.same_as
    elif override.all_urls:
        resolved = None  # the file gives the note its own source
    if old is None:
        return Note(
            id=override.id,
            line=override.line,
            text=_note_text(override),
            urls=urls,
            title=override.title,
            author=override.author,
            accessed=override.accessed,
            resolved_note=resolved,
        )
    return replace(
        old,
        urls=urls,
        title=override.title or old.title,
        author=override.author or old.author,
        accessed=override.accessed or old.accessed,
        resolved_note=resolved,
    )


def _note_text(override: NoteOverride) -> str:
    """A citation line for a note known only from the file: author and “title” (else its URLs)."""
    parts = [p for p in (override.author, override.title and f"“{override.title}”") if p]
    text = ", ".join(parts or override.all_urls)
    if override.same_as is not None:
        same = f"same source as note {override.same_as}"
        text = f"{text} ({same})" if text else same.capitalize()
    return text


def _resolve_chains(notes: dict[str, Note], cf: ClaimsFile) -> dict[str, Note]:
    """Follow each `resolved_note` to the end of its chain; a toml `same_as` must lead somewhere."""
    shown = str(cf.path)
    for nid, override in cf.notes.items():
        if override.same_as is not None and override.same_as not in notes:
            raise ClaimsFileError(
                f"note {override.same_as} is not in the article or in [notes]",
                path=shown,
                line=cf._same_as_lines.get(nid),
                key=f"notes.{nid}.same_as",
            )
    out: dict[str, Note] = {}
    for nid, note in notes.items():
        target: str | None = note.resolved_note
        seen = [nid]
        while target is not None and target in notes and notes[target].resolved_note is not None:
            if target in seen:
                culprit = next((s for s in seen if s in cf._same_as_lines), None)
                if culprit is None:  # a loop the parser made: stop where it closes
                    break
                raise ClaimsFileError(
                    f"same_as makes a loop: {' → '.join([*seen, target])}",
                    path=shown,
                    line=cf._same_as_lines[culprit],
                    key=f"notes.{culprit}.same_as",
                )
            seen.append(target)
            target = notes[target].resolved_note
        out[nid] = note if target == note.resolved_note else replace(note, resolved_note=target)
    return out


def _skipped(parsed: Sequence[Claim], cf: ClaimsFile) -> tuple[Claim, ...]:
    """`parsed` without the claims a `skip = true` block names (by id, else by content).

    A skip that names no claim of the article is warned about: the article may have changed (a
    renumbered note changes the ids), and the claim the editor meant to leave out is checked.
    """
    if not cf.skips:
        return tuple(parsed)
    ids = {s.id for s in cf.skips if s.id is not None}
    keys = {k for s in cf.skips for k in s.keys}
    kept = [c for c in parsed if c.id not in ids and _claim_key(c) not in keys]
    if parsed:
        parsed_ids = {c.id for c in parsed}
        parsed_keys = {_claim_key(c) for c in parsed}
        for skip in cf.skips:
            if skip.id in parsed_ids or any(k in parsed_keys for k in skip.keys):
                continue
            named = f"id {skip.id!r}" if skip.id is not None else "its quote and note"
            logger.warning(
                "%s:%d: %s: skip = true, but no claim of the article has %s; nothing is left out",
                cf.path,
                skip.line,
                skip.block,
                named,
            )
    return tuple(kept)


def _merge_claims(parsed: Sequence[Claim], cf: ClaimsFile) -> tuple[Claim, ...]:
    parsed = _skipped(parsed, cf)
    by_key: dict[tuple[str, str | None, str | None, str], list[Claim]] = {}
    for claim in cf.claims:
        by_key.setdefault(_claim_key(claim), []).append(claim)
    # A block that keeps a parsed claim's id (as `init` writes it) is that claim as the editor
    # curated it: its quote or note may have been corrected, so its content no longer matches.
    by_id = {
        c.id: c
        for c in cf.claims
        if (origin := cf._origins.get(c.id)) is not None and origin.explicit_id
    }
    parsed_keys = {_claim_key(c) for c in parsed}
    placed: set[str] = set()
    out: list[Claim] = []
    for claim in parsed:
        replacing = by_key.get(_claim_key(claim))
        if replacing is None and claim.id in by_id:
            edited = by_id[claim.id]
            # Not when the block's content is another parsed claim's: it replaces that one.
            if _claim_key(edited) not in parsed_keys:
                replacing = [edited]
        if replacing is None:
            out.append(claim)
            continue
        for toml_claim in replacing:
            if toml_claim.id not in placed:
                # Reported where the article says it (the draft's line, for `--format github`
                # annotations and the editor), not on the line of claims.toml that curates it,
                # and cited by its marker group's other notes too.
                out.append(
                    replace(
                        toml_claim,
                        article=claim.article,
                        line=claim.line,
                        column=claim.column,
                        also_notes=claim.also_notes,
                    )
                )
                placed.add(toml_claim.id)
    out.extend(c for c in cf.claims if c.id not in placed)

    # A toml id must not collide with a parsed claim that stays: an explicit one is an error, a
    # generated one moves aside (the parsed id is what reports and lock files already know).
    kept = {c.id: c for c in out if c.origin != "toml"}
    used = {c.id for c in out}
    suffixes: dict[str, int] = {}
    result: list[Claim] = []
    for claim in out:
        if claim.origin == "toml" and claim.id in kept:
            origin = cf._origins.get(claim.id)
            if origin is None or origin.explicit_id:
                raise ClaimsFileError(
                    f"id {claim.id!r} is already used by a claim of the article "
                    f"(line {kept[claim.id].line})",
                    path=str(cf.path),
                    # The block's own line: a block that replaced a claim carries the article's.
                    line=next((c.line for c in cf.claims if c.id == claim.id), claim.line),
                    key=f"{origin.block}.id" if origin else "id",
                    hint="the block's quote and note are those of another claim of the article, "
                    "which it replaces: keep that claim's id, or choose a new one",
                )
            claim = replace(claim, id=unique_id(claim.id, used, suffixes))
        result.append(claim)
    return tuple(result)
