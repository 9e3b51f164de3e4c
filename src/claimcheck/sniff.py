"""What kind of document a fetched body is: HTML, PDF, plain text, or none we read.

Kept apart from `claimcheck.extract` (which loads trafilatura and the PDF readers) so that the
link checker's classifier can tell an unsupported type (SPEC §4: `error`) without loading them.
"""

from __future__ import annotations

import codecs
import re

from claimcheck.encoding import bom_encoding

__all__ = ["media_type", "sniff_kind"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml"})
_PDF_TYPES = frozenset({"application/pdf", "application/x-pdf", "application/acrobat"})
# Types servers send when they do not know (or will not say): decide from the bytes.
_GENERIC_TYPES = frozenset(
    {
        "",
        "application/octet-stream",
        "binary/octet-stream",
        "application/unknown",
        "application/x-download",
        "application/force-download",
        "application/download",
        "text/xml",
        "application/xml",
    }
)

# The PDF reference lets readers accept junk before the header; Acrobat looks in the first 1024
# bytes, and so do we.
_PDF_MAGIC_WINDOW = 1024
# WHATWG MIME sniffing ("rules for identifying an unknown MIME type"): a body whose first
# non-space bytes open one of these tags, followed by a space or `>`, is HTML.
_HTML_TAG_RE = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|"
    rb"!--)(?:[\s>]|$)",
    re.IGNORECASE,
)
_XML_DECL_RE = re.compile(rb"<\?xml[^>]*>", re.IGNORECASE)
# WHATWG "binary data bytes": control characters that never occur in text.
_BINARY_BYTES_RE = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def media_type(content_type: str | None) -> str:
    """The media type of a `Content-Type` value, lower-cased, without parameters."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def _looks_like_pdf(body: bytes) -> bool:
    return b"%PDF-" in body[:_PDF_MAGIC_WINDOW]


def _looks_like_html(body: bytes) -> bool:
    encoding = bom_encoding(body)
    head = body[:_PDF_MAGIC_WINDOW]
    if encoding is not None and encoding != "utf-8-sig":
        # Re-encode a UTF-16/32 prefix so the byte patterns below apply.
        head = head.decode(encoding, errors="ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8).lstrip()
    declaration = _XML_DECL_RE.match(head)
    if declaration is not None:
        # XHTML: an XML declaration, perhaps a doctype or comment, then the <html> element.
        return re.search(rb"<html[\s>]|<!doctype\s+html", head, re.IGNORECASE) is not None
    return _HTML_TAG_RE.match(head) is not None


def _sniff_bytes(body: bytes) -> str:
    if _looks_like_pdf(body):
        return "pdf"
    if _looks_like_html(body):
        return "html"
    if bom_encoding(body) is not None:
        return "text"
    if not body or _BINARY_BYTES_RE.search(body[:_PDF_MAGIC_WINDOW]):
        return "unsupported"
    return "text"


def sniff_kind(body: bytes, content_type: str | None) -> str:
    """What kind of document `body` is: `"html"`, `"pdf"`, `"text"` or `"unsupported"`.

    The `Content-Type` header decides first; a generic or missing one (`application/octet-stream`,
    `application/xml`) falls back to the magic bytes: `%PDF-`, an HTML tag or doctype, a BOM.
    XHTML counts as HTML; `text/plain`, `text/markdown` and other `text/*` are `"text"`. One
    override: a body that starts with `%PDF-` is a PDF whatever the header says, because servers
    routinely label PDFs `text/html` or `text/plain` and nothing else starts that way.
    """
    media = media_type(content_type)
    if media in _GENERIC_TYPES:
        return _sniff_bytes(body)
    if media in _PDF_TYPES:
        # A consent page or error page served at a PDF address keeps the PDF label.
        if not _looks_like_pdf(body) and _looks_like_html(body):
            return "html"
        return "pdf"
    if _looks_like_pdf(body):
        return "pdf"
    if media in _HTML_TYPES or (media.endswith("+xml") and _looks_like_html(body)):
        return "html"
    if media.startswith("text/"):
        return "text"
    return "unsupported"
