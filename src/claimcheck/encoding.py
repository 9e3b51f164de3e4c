"""Decode a fetched or read body to text: byte-order mark, UTF-8, declared charset (WHATWG).

One decision for every reader of HTML and text (`classify`, `extract`, `article.html`), so a page
reads the same whether it is classified, hashed for the lock file, extracted or parsed as an
article:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
2. valid UTF-8 is UTF-8: a stale `charset=iso-8859-1` on a UTF-8 page is far more common than
   Latin-1 text that happens to be valid UTF-8;
3. a charset declared in the `Content-Type` header, then in a `<meta>` tag, decodes the body when
   it can do so without error, read as its WHATWG superset (`iso-8859-9` as windows-1254).

`decode_declared` stops there and answers `None`, so a caller can guess (charset_normalizer,
trafilatura); `decode_html` goes on as a browser does: the declared charset with replacement
characters, else windows-1252, which decodes any byte (Word's "Save as Web Page" and older CMS
exports use it without always declaring it).
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterable

logger = logging.getLogger(__name__)

__all__ = ["bom_encoding", "charset_header", "decode_declared", "decode_html", "with_charset"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CHARSET_PARAM_RE = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# The HTML standard's prescan looks for <meta charset> in the first 1024 bytes; pages with long
# <head> boilerplate (Word exports) put it later and browsers still honour it when the first 4 KB
# arrive.
_META_PRESCAN = 4096
# WHATWG Encoding Standard: these labels decode as their Windows supersets in every browser, and
# pages labelled latin5 routinely carry windows-1254 curly quotes in 0x80–0x9F.
_SUPERSETS = {
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "tis_620": "cp874",
    "iso8859_11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}


def bom_encoding(body: bytes) -> str | None:
    """The codec a byte-order mark at the start of `body` names, else `None`."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return encoding
    return None


def charset_header(headers: Iterable[tuple[str, str]]) -> str | None:
    """The `Content-Type` header that names a charset (a server may send more than one)."""
    for name, value in headers:
        if name.lower() == "content-type" and "charset" in value.lower():
            return value
    return None


def with_charset(media_type: str | None, headers: Iterable[tuple[str, str]]) -> str | None:
    """`media_type` (the fetcher's, sniffed) with the charset the response headers declare, so
    that a page is decoded by it wherever it is read."""
    param = _CHARSET_PARAM_RE.search(charset_header(headers) or "")
    if media_type is None or param is None:
        return media_type
    return f"{media_type}; charset={param.group(1)}"


def _codec(label: str) -> str | None:
    """The Python codec for a charset label, mapped to its WHATWG superset; `None` if unknown."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    return _SUPERSETS.get(name, name)


def _declared_codecs(body: bytes, content_type: str | None, *, html_meta: bool) -> list[str]:
    """The known codecs declared for `body`: the header's charset, then (HTML) the `<meta>`'s."""
    labels: list[str] = []
    param = _CHARSET_PARAM_RE.search(content_type or "")
    if param is not None:
        labels.append(param.group(1))
    if html_meta:
        meta = _META_CHARSET_RE.search(body[:_META_PRESCAN])
        if meta is not None:
            labels.append(meta.group(1).decode("ascii", errors="ignore"))
    return [codec for codec in map(_codec, labels) if codec is not None]


def decode_declared(
    body: bytes, content_type: str | None = None, *, html_meta: bool = True
) -> str | None:
    """`body` decoded by its BOM, as UTF-8, or by a declared charset; `None` when none fits.

    `content_type` is a `Content-Type` value whose `charset` counts; `html_meta` also reads a
    `<meta charset>` (or `http-equiv`) in the first 4 KB.
    """
    bom = bom_encoding(body)
    if bom is not None:
        return body.decode(bom, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec in _declared_codecs(body, content_type, html_meta=html_meta):
        if codec == "utf_8":
            continue  # not valid UTF-8, as seen above
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            logger.debug("declared charset %s does not decode the body", codec)
    return None


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """`decode_declared`, else what a browser does: the first declared charset with
    replacement characters, else windows-1252."""
    decoded = decode_declared(body, content_type, html_meta=True)
    if decoded is not None:
        return decoded
    declared = _declared_codecs(body, content_type, html_meta=True)
    return body.decode(declared[0] if declared else "cp1252", errors="replace")
