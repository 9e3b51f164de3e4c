"""Reading articles: plain text, Markdown, HTML and DOCX into one `Article` model (SPEC §3.1).

`read_article` reads a path or stdin, `parse_article` parses bytes already in hand (a fetched
URL), and `format_for` picks the format from the file suffix or the content type. Each format
lives in its own module behind `ArticleParser`; they are imported only when used, so
`claimcheck --help` does not pay for lxml or markdown-it.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import sys
import typing
from pathlib import Path
from urllib.parse import urlsplit

from claimcheck.article.interface import ArticleParser
from claimcheck.errors import ArticleError
from claimcheck.model import Article

logger = logging.getLogger(__name__)

__all__ = [
    "ARTICLE_FORMATS",
    "ArticleParser",
    "article_name",
    "format_for",
    "parse_article",
    "parser_for",
    "read_article",
    "sniff_format",
]

ARTICLE_FORMATS = ("text", "markdown", "html", "docx")

_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}
_CONTENT_TYPES = {
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
_UNSUPPORTED_HINTS = {
    ".doc": "save it from Word as .docx",
    ".rtf": "save it from your editor as .docx",
    ".odt": "save it from LibreOffice as .docx",
    ".pdf": "claimcheck reads the article's own text: export the draft as .docx, .html or .md",
}
_HINT = "use a .txt, .md, .markdown, .html, .htm or .docx file"
_ZIP_MAGIC = b"PK\x03\x04"
# How much of stdin's start is searched for HTML tags. A page shows its tags at once, while a
# Markdown or plain-text draft may quote a `<div>` further on; Markdown's own signs are searched
# for in the whole text, since a first `[^1]` can come after pages of prose.
_HTML_SNIFF_CHARS = 4096
_MARKDOWN_SIGNS = re.compile(r"\[\^[^\]\s]+\]|^#{1,6}[ \t]+\S|\]\(https?://", re.MULTILINE)


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def format_for(source: str, content_type: str | None = None) -> str:
    """The article format of `source`: by suffix, else by `content_type`.

    A URL is judged by its path's suffix, then its content type, and is HTML when neither says
    otherwise. Anything else unknown raises `ArticleError` with a hint.
    """
    path = urlsplit(source).path if _is_url(source) else source
    suffix = Path(path).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime in _CONTENT_TYPES:
            return _CONTENT_TYPES[mime]
        if _is_url(source):
            raise ArticleError(
                f"the article is {mime}, which claimcheck cannot read as an article",
                path=source,
                hint="give the URL of an HTML page, or a local .md/.html/.docx copy",
            )
    if _is_url(source) and suffix not in _UNSUPPORTED_HINTS:
        return "html"
    raise ArticleError(
        f"unknown article type {suffix or '(no suffix)'}",
        path=source,
        hint=_UNSUPPORTED_HINTS.get(suffix, _HINT),
    )


def sniff_format(data: bytes) -> str:
    """Guess the format of bytes with no name (stdin): DOCX, HTML, Markdown or plain text.

    The bytes are decoded first (UTF-8, or UTF-16 with a byte-order mark, as `decode_text`
    reads them; anything else as Latin-1, which is enough to see tags and brackets), so a
    UTF-16 draft is recognised like any other.
    """
    if data.startswith(_ZIP_MAGIC):
        return "docx"
    text = _sniff_text(data)
    head = text[:_HTML_SNIFF_CHARS].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or any(
        tag in head for tag in ("<body", "<p>", "<p ", "<div", "<article")
    ):
        return "html"
    if _MARKDOWN_SIGNS.search(text):
        return "markdown"
    return "text"


def _sniff_text(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def parser_for(fmt: str, *, claims: bool = True) -> ArticleParser:
    """The parser for one of `ARTICLE_FORMATS` (imported on first use); `claims=False` makes
    one that skips finding claims (`ArticleParser.find_claims`)."""
    parser = _parser_for(fmt)
    parser.find_claims = claims
    return parser


def _parser_for(fmt: str) -> ArticleParser:
    if fmt == "text":
        from claimcheck.article.plaintext import PlainTextParser

        return PlainTextParser()
    if fmt == "markdown":
        from claimcheck.article.markdown import MarkdownParser

        return MarkdownParser()
    if fmt == "html":
        from claimcheck.article.html import HtmlParser

        return HtmlParser()
    if fmt == "docx":
        from claimcheck.article.docx import DocxParser

        return DocxParser()
    raise ArticleError(
        f"unknown article format {fmt!r}", hint=f"one of {', '.join(ARTICLE_FORMATS)}"
    )


def parse_article(
    data: bytes, source: str, fmt: str, *, claims: bool = True, page_url: str | None = None
) -> Article:
    """Parse the bytes of an article read from `source` as `fmt`; bad input raises `ArticleError`.

    With `claims=False` the article's claims and uncited sentences are left empty. `page_url`:
    where a fetched article was finally served from (`ArticleParser.page_url`).
    """
    parser = parser_for(fmt, claims=claims)
    parser.page_url = page_url
    article = parser.parse(data, source)
    logger.debug(
        "%s: %s article, %d notes, %d claims", source, fmt, len(article.notes), len(article.claims)
    )
    return article


def read_article(
    source: str, *, stdin: typing.BinaryIO | None = None, claims: bool = True
) -> Article:
    """Read and parse the article at path `source`, or stdin when `source` is "-".

    Stdin's format is sniffed from its bytes. A missing, unreadable or unparsable file raises
    `ArticleError` naming it. `claims=False`: see `parse_article`.
    """
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            data = stream.read()
        except OSError as exc:
            raise ArticleError(f"cannot read stdin ({exc})", path="-") from None
        return parse_article(data, "-", sniff_format(data), claims=claims)
    path = Path(source)
    if not path.exists():
        raise ArticleError("no such file", path=source, hint="check the path to the article")
    if path.is_dir():
        raise ArticleError("is a directory, not an article", path=source)
    fmt = format_for(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(
            f"cannot read the article ({exc.strerror or exc})", path=source
        ) from None
    return parse_article(data, article_name(source), fmt, claims=claims)


def article_name(path: str) -> str:
    """How the reports name the article at `path`: the path as given, normalised.

    `./a.md` is `a.md`, and `out/../drafts/a.md` (an `[article] path` read relative to
    `out/claims.toml`) is `drafts/a.md`, so every format names the file as the repository does
    and GitHub attaches annotations to it. Only the name changes: the file is read from
    `path` itself, and errors quote `path` as the user gave it.
    """
    return os.path.normpath(path)
