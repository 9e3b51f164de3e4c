"""`claimcheck init`: a `claims.toml` an editor can curate, written from a parsed article.

The file lists every note (its URLs, title, author, access date, and `same_as` for an `Ibid.` or
a short form) and every claim the parser found, one `[[claims]]` per claim with the claim's id, so
that loading it back and applying it to the same article gives the same notes and claims
(`load_claims_file` then `apply_claims_file`). Comments say what each part is for.

Rendering only: the CLI writes the file (atomically, refusing to overwrite without `--force`).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from claimcheck.claims.from_article import unique_id
from claimcheck.model import Article, Claim, ClaimKind, Note, quote_kind
from claimcheck.numbers import figure_in, parse_quantity

logger = logging.getLogger(__name__)

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}

_HEADER = """\
# claims.toml: what `claimcheck verify` checks, and where ({source}).
# Written by `claimcheck init`; edit it freely, this file wins over what is parsed from the article.
#
# [notes.N]   adds to or overrides footnote N: url (or urls = [...]), title, author, accessed.
#             same_as = M says the note cites the same source as note M (an Ibid. or a short form).
# [[claims]]  one thing to find in a note's source:
#               quote = "words to find"                   (kind "term" when one or two words)
#               text = "the sentence" + facts = ["US$150 billion", "1993"]   (figures, by value)
#             with note = N, or url = "https://…" to cite a source directly.
#             Keep the ids: reports and lock files use them, and a block with a claim's id is
#             that claim (correct its quote or note in place).
# To stop checking a claim, add skip = true to its block. Do not delete the block: the article is
# read again on every run, and a claim found in it is checked unless a block says skip = true;
# deleting a block only stops it overriding that claim.
"""

_SETTINGS = """\
# Any option of `claimcheck verify --help` can be set here (snake_case); the command line wins.
# [settings]
# timeout = 20
# fail_on = ["mismatch", "not_found", "unreachable"]
"""


def render_claims_toml(article: Article, *, toml_dir: Path | None = None) -> str:
    """The text of a `claims.toml` for `article`.

    `toml_dir` is the folder the file will be written to: a path article is written relative to it
    (`[article] path` is read relative to the file's folder). Without it the path is written as the
    article's `source` was given, which is right for a file written to the current folder.
    """
    out = [_HEADER.format(source=_comment(article.source))]
    out += _article_table(article, toml_dir)
    out += [_SETTINGS]
    if article.notes:
        out.append("# ---------------------------------------------------------------- notes\n")
        for note in article.notes:
            out += _note_table(note)
    if article.claims:
        out.append("# --------------------------------------------------------------- claims\n")
        used: set[str] = set()
        for claim in article.claims:
            out += _claim_table(claim, used)
    return "\n".join(out).rstrip("\n") + "\n"


def _article_table(article: Article, toml_dir: Path | None) -> list[str]:
    lines = ["[article]"]
    source = article.source
    if source.startswith(("http://", "https://")):
        lines.append(f"url = {toml_string(source)}")
    elif source and source != "-":
        lines.append(f"path = {toml_string(_relative(source, toml_dir))}")
    else:
        lines.append('# url = "https://…"   # where the article is published (read from stdin)')
    if article.title:
        lines.append(f"title = {toml_string(article.title)}")
    if article.accessed:
        lines.append(f"accessed = {article.accessed.isoformat()}")
    else:
        lines.append(
            "# accessed = YYYY-MM-DD   # default access date of the notes, for archived copies"
        )
    return [*lines, ""]


def _relative(source: str, toml_dir: Path | None) -> str:
    if toml_dir is None:
        return Path(source).as_posix()
    try:
        return Path(os.path.relpath(Path(source).absolute(), toml_dir.absolute())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return Path(source).absolute().as_posix()


def _note_table(note: Note) -> list[str]:
    lines = [f"# line {note.line}: {_comment(note.text)}"] if note.text else []
    lines.append(f"[notes.{toml_key(note.id)}]")
    if len(note.urls) == 1:
        lines.append(f"url = {toml_string(note.urls[0])}")
    elif note.urls:
        lines.append("urls = [" + ", ".join(toml_string(u) for u in note.urls) + "]")
    if note.resolved_note is not None:
        lines.append(f"same_as = {_note_value(note.resolved_note)}")
    elif not note.urls:
        lines.append(
            '# no URL: its claims are reported as no_source; add url = "https://…" to check them'
        )
    if note.title:
        lines.append(f"title = {toml_string(note.title)}")
    if note.author:
        lines.append(f"author = {toml_string(note.author)}")
    if note.accessed:
        lines.append(f"accessed = {note.accessed.isoformat()}")
    return [*lines, ""]


def _claim_table(claim: Claim, used: set[str]) -> list[str]:
    claim_id = unique_id(claim.id, used)  # ids must be unique in the file; the parser's are
    where = f"line {claim.line}" + (f", note {claim.note}" if claim.note is not None else "")
    lines = [f"# {where}: {claim.kind.value}", "[[claims]]", f"id = {toml_string(claim_id)}"]
    if claim.note is not None:
        lines.append(f"note = {_note_value(claim.note)}")
    if claim.url is not None:
        lines.append(f"url = {toml_string(claim.url)}")
    if claim.kind is ClaimKind.FACT:
        fact = claim.fact or ""
        # Read as loading reads it: in the words of the sentence written as its text, else alone.
        in_text = bool(claim.sentence) and figure_in(claim.sentence, fact) is not None
        if not fact or not (in_text or parse_quantity(fact) is not None):
            # Not readable as a figure: loading would refuse it, so leave it for the editor.
            return [
                f"# {where}: a figure claimcheck cannot read by value: {_comment(fact)}",
                "# (write it as a quote, or as a figure such as 1993 or US$150 billion)",
                "",
            ]
        if claim.sentence:
            lines.append(f"text = {toml_string(claim.sentence)}")
        lines.append(f"facts = [{toml_string(fact)}]")
    else:
        if claim.quote is None:
            return []
        lines.append(f"quote = {toml_string(claim.quote)}")
        default = quote_kind(claim.quote)
        if claim.kind is not default:
            lines.append(f"kind = {toml_string(claim.kind.value)}")
        if claim.sentence:
            lines.append(f"text = {toml_string(claim.sentence)}")
    return [*lines, ""]


def _note_value(note_id: str) -> str:
    """`6` for a numbered note, `"label"` for a Markdown label (and for `06`, to keep its zero)."""
    if note_id.isascii() and note_id.isdigit() and str(int(note_id)) == note_id:
        return note_id
    return toml_string(note_id)


def _comment(text: str) -> str:
    """One comment line: whitespace collapsed, control characters dropped (TOML forbids them)."""
    flat = " ".join(text.split())
    return "".join(c for c in flat if c.isprintable())


def toml_key(key: str) -> str:
    """A TOML key: bare when it can be, else a quoted string."""
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def toml_string(value: str) -> str:
    """A TOML basic string. Control characters are escaped; lone surrogates (which UTF-8 cannot
    encode) become U+FFFD."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
