"""Stage 4: turn a fetched body into text layers to search (issue 4, Deliver 1; SPEC §6, §7).

A source is read in *layers*, tried in order, each named so evidence can say where it was found:

- HTML: `main` is trafilatura's main-content extraction; `page` is the whole page text, which
  keeps what main-content extraction drops on purpose (figure captions, asides, pull-quotes,
  tables outside the article body); `jsonld` is any JSON-LD `articleBody` (the full text of many
  paywalled or paginated pages lives only there). `extract_layers` is lazy: the `page` and
  `jsonld` layers are only computed when the consumer asks for more than `main`. When
  trafilatura's main text is the `articleBody` and not text shown on the page, there is no `main`
  layer: evidence names the layer a reader can find the passage in. Nor is there for a page of
  over 200,000 elements (`_MAIN_MAX_ELEMENTS`), which trafilatura would need gigabytes to read.
  Last, `nextdata`: on a page whose main text is short (rendered by its scripts), the prose of
  a Next.js `__NEXT_DATA__` script, the data the page's text is rendered from.
  Both `main` and `page` are read from the page as a reader sees it: reference markers,
  `<template>` content, advertising labels, "Read more" link lines and newsletter lines set
  in the article are left out first; struck-through text and elements hidden by their markup
  are left out of `main` only ("what a reader reads" below). A page that is only a fragment (one element with text) is
  read as a browser shows it.
- PDF: one `pdf` layer, pypdfium2 text per page (pypdf when pypdfium2 cannot read the file), read
  in column order, running headers and footers left out and compounds broken at a line end
  joined (`claimcheck.pdftext`); pages joined by a blank line and their start offsets kept in
  `TextLayer.page_starts`.
- Plain text: one `text` layer, decoded as served. Markdown (`text/markdown`, or a `.md` file
  served as plain text) is rendered first: its `text` layer is what a reader of the rendered page
  reads, without emphasis or link syntax.

Charsets are decided by `claimcheck.encoding.decode_declared` (a byte-order mark, valid UTF-8, or
a charset declared in the `Content-Type` header or a `<meta>` tag); only when none of those
settles it is the charset guessed (`_guess_decode`: charset_normalizer, corrected towards a
language's own code page, then windows-1252). trafilatura, given bytes, would ignore the BOM and
the declaration and guess with charset_normalizer alone, which reads a short windows-1254
Turkish page as cp1258 ("Şehir" → "̃ehir") and an undeclared windows-1252 one as cp1257.

Everything here is synchronous CPU work in module-level functions so a process pool can run it.
"""

from __future__ import annotations

import copy
import functools
import html
import io
import json
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import pypdf
import pypdfium2
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from claimcheck import pdftext
from claimcheck.encoding import decode_declared
from claimcheck.model import SourceText, TextLayer
from claimcheck.sniff import media_type, sniff_kind

logger = logging.getLogger(__name__)
# pypdf logs every repair it makes ("EOF marker not found") as a warning; a broken PDF is reported
# once, as the claim's `error` verdict, so its own warnings would only be noise on stderr.
logging.getLogger("pypdf").setLevel(logging.ERROR)

__all__ = ["ExtractionError", "extract_layers", "extract_source", "sniff_kind"]


class ExtractionError(Exception):
    """The source was fetched but cannot be read: unsupported type, broken or encrypted PDF.

    The verifier turns it into the claim verdict `error` (SPEC §4) with `str(exc)` as detail.
    """


# --------------------------------------------------------------------------- charsets


def _decode_text(body: bytes, content_type: str | None) -> str:
    declared = decode_declared(body, content_type, html_meta=False)
    return declared if declared is not None else _guess_decode(body)


def _guess_decode(body: bytes) -> str:
    """`body`, whose charset nothing declares, decoded by charset_normalizer's guess, corrected.

    Several single-byte code pages often read a short text about as cleanly, and the guess goes
    by "coherence", which can favour the Baltic cp1257 or cp1252 for a Turkish text (its ı, ş
    and ğ becoming ż, ž and š, or ý, þ and ð), or cp1257 and cp1250 for a French one ("prêts à"
    becoming "pręts ŕ"). A reading in a code page made for the language it is read as, nearly
    as clean as the guess, is the better one; failing that, windows-1252, what browsers assume
    for an undeclared Western page (WHATWG), when it is nearly as clean.
    """
    results = charset_normalizer.from_bytes(body)
    best = results.best()
    if best is None:
        return body.decode("utf-8", errors="replace")
    for match in results:
        if (
            match.encoding in _CODE_PAGES.get(match.language, ())
            and match.chaos <= best.chaos + _CHAOS_MARGIN
        ):
            return str(match)
    for match in results:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + _CHAOS_MARGIN:
            return str(match)
    return str(best)


#: How much more "chaos" (charset_normalizer's measure of odd characters, 0-1) a reading in the
#: language's own code page may have than the guess: a short Turkish text read as cp1254 scores
#: 0.05 where cp1257 scores 0.
_CHAOS_MARGIN = 0.1


#: The single-byte code pages made for a language, preferred first (`_decode_text`).
_CODE_PAGES: dict[str, tuple[str, ...]] = {
    "Turkish": ("cp1254", "iso8859_9"),
    "Polish": ("cp1250", "iso8859_2"),
    "Czech": ("cp1250", "iso8859_2"),
    "Hungarian": ("cp1250", "iso8859_2"),
    "Greek": ("cp1253", "iso8859_7"),
    "Russian": ("cp1251", "koi8_r"),
}


# --------------------------------------------------------------------------- HTML

# Not text a reader sees: left out of the `page` layer. trafilatura's own cleaning for `html2txt`
# would also drop <aside> and footers, and asides (pull-quotes, boxes) are exactly what the
# `page` layer exists to recover (SPEC §6). `<template>` content is too, but every tree read here
# has had it left out already (`_prune`, which keeps a declarative shadow root).
_INVISIBLE_XPATH = ".//script|.//style|.//noscript|.//svg|.//head"
#: The JSON-LD scripts and Next.js's page data (`_data_scripts`).
_DATA_SCRIPTS_XPATH = (
    ".//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json') or @id='__NEXT_DATA__']"
)
_TAG_RE = re.compile(r"<[a-zA-Z/!][^>]*>")


def _html_document(body: bytes, content_type: str | None) -> bytes | str:
    """What to hand trafilatura: the page decoded by its BOM, as UTF-8 or by its declared
    charset, else by `_guess_decode` (trafilatura's own guess, charset_normalizer's best, reads
    an undeclared windows-1252 page as cp1257 or cp1250)."""
    decoded = decode_declared(body, content_type, html_meta=True)
    if decoded is not None:
        return decoded
    # A page compressed twice over (gzip bytes in a decoded body): trafilatura unpacks it.
    return body if body.startswith(b"\x1f\x8b") else _guess_decode(body)


def _page_text(tree: Any, *, spare_nodes: bool | None = None) -> str:
    """The whole page's visible text, reader comments left out. Removes the invisible elements
    and the comment sections from `tree` in place. `spare_nodes`: see `_spaced_text`.

    Comment sections are found as trafilatura finds them when it leaves comments out of the
    main text (`include_comments=False`): a reader's comment quoting the article wrongly ("the
    harbour will be privatised" under an article saying it will not) must not verify a quote.
    Captions, asides and pull-quotes, the publisher's own text, stay.
    """
    from trafilatura.xpaths import REMOVE_COMMENTS_XPATH

    doomed = tree.xpath(_INVISIBLE_XPATH) + [e for xp in REMOVE_COMMENTS_XPATH for e in xp(tree)]
    for element in doomed:
        _drop(element)
    return _spaced_text(tree, spare_nodes=spare_nodes)


def _drop(element: Any) -> None:
    """Remove `element` from its tree, keeping its tail: text that follows it in its parent."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


# Block-level elements: trafilatura's `html2txt` puts a space at each one's start and end, so the
# words of adjacent blocks do not run together on a minified page (trafilatura 2.2 and later,
# `baseline._BLOCK_ELEMS`; `tests/unit/test_extract.py` checks the two agree).
_BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
)  # fmt: skip


def _spaced_text(tree: Any, *, spare_nodes: bool | None = None) -> str:
    """What `trafilatura.html2txt(tree, clean=False)` returns, on a tree we may change.

    `html2txt` copies the tree first (ours is thrown away after this) and filters the text of
    every block element character by character whenever it is not `isprintable`, which a line
    break already makes it; measured on bench/verify's pages, the two took a quarter of the
    page layer's time. Here a text is filtered only when it holds a character that is neither
    printable nor whitespace, which is when the filter changes it.

    A block element's start and end get a space, so that adjacent blocks' words stay apart; not
    where the text that follows is sure to start with one already (`_opens_with_block`,
    `_closes_before_block`): a page of 500,000 one-word paragraphs or table cells otherwise got
    a new text node for each one, a third more memory than its tree. That is done on a large
    tree, or when `spare_nodes` says so.
    """
    body = tree.find(".//body")
    if body is None:
        body = tree
    # Looking around costs more time than the new nodes on a page of usual size.
    spare = spare_nodes if spare_nodes is not None else _element_count(body) > _SHARED_MAX_ELEMENTS
    for element in body.iter(*_BLOCK_TAGS):
        text, tail = element.text, element.tail
        if text:
            element.text = " " + _printable(text)
        elif not (spare and _opens_with_block(element)):
            element.text = " "
        if tail:
            element.tail = " " + _printable(tail)
        elif not (spare and _closes_before_block(element, body)):
            element.tail = " "
    return " ".join(body.text_content().split())


_BLOCK_SET = frozenset(_BLOCK_TAGS)


def _opens_with_block(element: Any) -> bool:
    """Whether what follows the start of block `element` (without text) is sure to start with a
    space: it is empty (its end is followed by one, see below), or starts with a block."""
    return len(element) == 0 or element[0].tag in _BLOCK_SET


def _closes_before_block(element: Any, root: Any) -> bool:
    """Whether what follows the end of block `element` (without tail) is sure to start with a
    space, or is not in `root`'s text at all: a block follows it, or it closes a block or `root`."""
    following = element.getnext()
    if following is not None:
        return following.tag in _BLOCK_SET
    parent = element.getparent()
    return parent is None or parent is root or parent.tag in _BLOCK_SET


def _printable(text: str) -> str:
    """`text` without the characters that are neither printable nor whitespace."""
    if text.isprintable() or "".join(text.split()).isprintable():
        return text
    return "".join(ch for ch in text if ch.isprintable() or ch.isspace())


# --------------------------------------------------------------------------- what a reader reads
#
# Both HTML layers should hold the sentences a reader reads, and only those. Before trafilatura
# and the `page` layer read a page:
#
# - reference markers (`…census,<sup class="reference"><a href="#cite_note-1">[1]</a></sup> an…`,
#   `2.1 million<sup><a href="#fn5">5</a></sup>`) are left out: they are not words of the
#   sentence, and kept they glued onto its words and figures ("million5", "1,2004", "cent[2]"),
#   so a faithful quote or figure was reported changed (`_marker`);
# - an exponent after a digit or a bracketed term (`(a+b)<sup>2</sup>`) is written in superscript
#   characters (`10<sup>6</sup>` is "10⁶",
#   which the matcher keeps apart from "106"; flattened, the page seemed to say 106), where a
#   unit's power after a letter (`m<sup>2</sup>`) reads "m2", as editors type it
#   (`_superscript`);
# - struck-through text (`<del>`, `<s>`, `<strike>`, an inline `line-through` style) is left out
#   of `main`: a correction shows the retracted wording struck, and it is not what the source
#   says now. A reader still sees it ("was ~~£20~~, now £15"), so `page` keeps it: a quote of
#   it is found there, and the matcher reports one the main text contradicts (`_set_aside`);
# - `<template>` content is left out (browsers never render it), but for a declarative shadow
#   root (`<template shadowrootmode>`), which is rendered;
# - an element hidden by its markup is left out of `main` (`_hidden`), and kept in `page`, as
#   struck text is: one with the `hidden` attribute, or
#   an inline style of `display: none` or `visibility: hidden` (a descendant styled
#   `visibility: visible` stays). No reader sees its text, and a page could say one thing to its
#   readers and the opposite there; but a reader may open it with a click that only a script
#   knows of ("Read more", an accordion, a carousel slide), so `page` keeps it. What a reader
#   can reveal by the markup is kept in `main` too, as a closed `<details>` is: `hidden="until-found"` (found by searching the page), a tab panel, and an element a
#   control on the page names in `aria-controls` (an accordion's panel). So is a hidden element
#   holding most of the page's text: a page hidden until its scripts have run, which readers
#   see. `aria-hidden` hides from screen readers only (often visible decoration) and counts for
#   nothing; nor do classes (`sr-only`), whose effect only the stylesheet knows;
# - advertising labels ("Advertisement", "Story continues below advertisement"), "Read more:"
#   link lines and newsletter sign-up lines set between an article's paragraphs are left out
#   (`_strip_furniture`): a quote running across one was reported changed or not found. Only
#   the whole text of an element that is such a label (inline, only when written in capitals or
#   marked as an advertisement's), a block of nothing but links after a "Read more"-like label,
#   or a block that is only a call to sign up for a newsletter ("… to get the top stories in your
#   inbox", maybe with a link or a form) is removed, never a sentence that goes on.
#
# Cost: the tags are found by `tree.iter` (filtered in libxml2), and the labels by one regular
# expression over the page text before it is parsed: finding them in the tree (an XPath over its
# text nodes) cost 3 ms a page on bench/verify's pages, a fifth of trafilatura's time.

#: The tags whose text a reader sees struck through.
_STRUCK_TAGS = ("del", "s", "strike")
#: A reference marker's text: a number, a letter or two, a symbol (`*`, `†`), or a list or range
#: of them, with or without brackets; spaces removed.
_MARKER_TEXT_RE = re.compile(
    r"[\[(]?(?:[0-9]{1,4}|[A-Za-z]{1,3}|[*†‡§¶#]{1,3})(?:[,–—\-][0-9A-Za-z]{1,4})*[\])]?"
)
#: A marker in square brackets, as Wikipedia prints them: `[1]`, `[a]`, `[note 3]`,
#: `[citation needed]`. A real superscript never is.
_BRACKETED_RE = re.compile(r"(?:\[[^\[\]]{1,40}\])+")
#: Class, id or role words that mark a superscript as a note reference.
_MARKER_ATTRIBUTE_RE = re.compile(
    r"reference|footnote|endnote|noteref|fnref|cite|citation|(?<![a-z])(?:ref|fn|note)(?![a-z])",
    re.IGNORECASE,
)
#: Characters a note marker follows and an exponent never does: "tonnes.⁹", "census,¹".
_MARKER_AFTER = frozenset(".,;:!?\"'”’»")
#: An exponent: digits with an optional sign.
_EXPONENT_RE = re.compile(r"\s*[+\-−]?[0-9]{1,6}\s*")
#: A bracketed term an exponent may follow: `(a+b)`, `(12)`, `(x−1)`, with no space inside, so
#: that a sentence's aside ("(see below)", "(in 2019)") followed by a note number is not one.
_BRACKETED_TERM_RE = re.compile(r"\([^\s()]{1,40}\)\Z")
_SUPERSCRIPTS = str.maketrans("0123456789+-−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻")
_DIGITS = frozenset("0123456789")


def _prune(tree: Any, url: str = "") -> bool:
    """Leave reference markers and templates out of `tree` and write exponents in superscript
    characters, in place (see the notes above): what both layers leave out. Whether anything
    changed. `url` is the page's, for telling its own notes from links to other pages."""
    doomed: list[Any] = []
    changed = False
    for element in tree.iter("sup", "template"):
        if element.tag == "sup":
            marker = _marker(element, url)
            if marker is not None:
                doomed.append(marker)
            elif _superscript(element):
                changed = True
        elif element.get("shadowrootmode") is None and element.get("shadowroot") is None:
            doomed.append(element)
    for element in doomed:
        _drop(element)
    return changed or bool(doomed)


#: An element set aside from the tree while trafilatura reads it, and what stands in its place.
_Swap = tuple[Any, Any]


def _set_aside(tree: Any, document: str | bytes) -> list[_Swap]:
    """Set struck-through text and hidden elements aside from `tree` for the main text, in
    place; `_restore` puts them back for the `page` layer.

    The main text is what the source says now and shows without a click: a correction's struck
    wording or text hidden by its markup is not in it. The `page` layer keeps both, as a reader
    can see struck text and reveal hidden text ("Read more", an accordion, a carousel slide),
    so a quote of it is still found there, and where the main text says otherwise the matcher
    reports the difference. Each element is swapped for an empty stand-in holding its tail, so
    that putting it back is exact and costs nothing more than taking it out."""
    struck: list[Any] = list(tree.iter(*_STRUCK_TAGS))
    styled = (
        "line-through" in document if isinstance(document, str) else b"line-through" in document
    )
    if styled:
        struck.extend(tree.xpath(".//*[contains(@style, 'line-through')]"))
    swaps: list[_Swap] = []
    aside: set[Any] = set()
    for element in struck:
        # One inside another already set aside (`<del><s>…</s></del>`) goes with it.
        if element not in aside and not any(up in aside for up in element.iterancestors()):
            aside.add(element)
            swaps.append(_swap(element, None))
    swaps.extend(_set_aside_hidden(tree))
    return swaps


def _swap(element: Any, replacement: Any | None) -> _Swap:
    """Put `replacement` (an empty `<span>` when None) in `element`'s place, with its tail."""
    stand_in = replacement if replacement is not None else etree.Element("span")
    stand_in.tail, element.tail = element.tail, None
    element.getparent().replace(element, stand_in)
    return element, stand_in


def _restore(swaps: list[_Swap]) -> None:
    """Undo `_set_aside`: each element back in its place, last set aside first."""
    for element, stand_in in reversed(swaps):
        parent = stand_in.getparent()
        if parent is None:
            continue
        element.tail, stand_in.tail = stand_in.tail, None
        parent.replace(stand_in, element)


#: The attributes that may hide their element (`_hidden` decides): `hidden`, or an inline style
#: that may hide. libxml2 picks them out, so that a page's many elements cost no Python object
#: each (0.4 ms for bench/verify's pages of 1,500 elements, 2% of their extraction).
_HIDING_XPATH = etree.XPath(
    "//@hidden | //@style[contains(translate(., 'NOEHID', 'noehid'), 'none')"
    " or contains(translate(., 'HIDEN', 'hiden'), 'hidden')"
    " or contains(translate(., 'COLAPSE', 'colapse'), 'collapse')]"
)
#: Revealed by a control on the page, as a closed `<details>` is: left in (see the notes above).
_REVEALED_ROLES = frozenset({"tabpanel"})
#: A hidden element is kept when it holds at least this share of the page's text: the page is
#: hidden until its scripts have run.
_HIDDEN_MAX_SHARE = 0.8
#: Below this many characters of text (spaces included), a hidden element is never that share:
#: its share is not worked out.
_HIDDEN_SHARE_FLOOR = 200


def _set_aside_hidden(tree: Any) -> list[_Swap]:
    """Set the elements hidden by their markup aside from `tree`, in place (`_set_aside`)."""
    candidates: list[Any] = []
    for attribute in _HIDING_XPATH(tree):
        element = attribute.getparent()
        if not candidates or candidates[-1] is not element:  # document order: side by side
            candidates.append(element)
    controlled: set[str] | None = None
    page_length: int | None = None
    swaps: list[_Swap] = []
    for element in candidates:
        reason = _hidden(element)
        if reason is None or element.get("role") in _REVEALED_ROLES or element.getparent() is None:
            continue
        if controlled is None:
            controlled = {
                name for value in tree.xpath("//@aria-controls") for name in str(value).split()
            }
        if element.get("id") in controlled:
            continue
        if len(element.text_content()) >= _HIDDEN_SHARE_FLOOR:
            if page_length is None:
                page_length = _text_length(tree)
            if _text_length(element) >= _HIDDEN_MAX_SHARE * page_length:
                continue
        if reason == "visibility" and _shows_descendants(element):
            blanked = copy.deepcopy(element)
            _blank(blanked)
            swaps.append(_swap(element, blanked))
        else:
            swaps.append(_swap(element, None))
    return swaps


def _text_length(element: Any) -> int:
    """How many characters of text `element` holds, spaces, scripts and styles left out."""
    scripts = sum(len(_squeezed(code.text_content())) for code in element.iter("script", "style"))
    return len(_squeezed(element.text_content())) - scripts


def _hidden(element: Any) -> str | None:
    """Why `element` is hidden by its markup: "attribute", "display" or "visibility"; else None."""
    value = element.get("hidden")
    if value is not None and value.strip().lower() != "until-found":
        return "attribute"
    style = element.get("style")
    if not style:
        return None
    display = _style_value(style, "display")
    if display == "none":
        return "display"
    if _style_value(style, "visibility") in ("hidden", "collapse"):
        return "visibility"
    return None


def _style_value(style: str, name: str) -> str | None:
    """The value an inline `style` gives property `name` (lower case): the last one declared,
    or the last one declared `!important`, as CSS decides between them."""
    found: str | None = None
    important = False
    for declaration in style.split(";"):
        prop, colon, value = declaration.partition(":")
        if not colon or prop.strip().lower() != name:
            continue
        value = " ".join(value.lower().split())
        stated = value.endswith("!important")
        if stated or not important:
            found = value.removesuffix("!important").strip()
            important = important or stated
    return found


def _shows_descendants(element: Any) -> bool:
    """Whether a descendant of `element`, hidden by `visibility`, sets it back to `visible`:
    that one is shown (`visibility` is inherited and may be overridden, unlike `display`)."""
    return any(
        _style_value(styled.get("style") or "", "visibility") == "visible"
        for styled in element.iterdescendants()
        if styled.get("style")
    )


def _blank(element: Any) -> None:
    """Remove the text of `element`, hidden by `visibility`, but keep its descendants styled
    `visibility: visible` (with their own text) in place."""
    pending = [element]
    while pending:
        hidden = pending.pop()
        hidden.text = None
        for child in hidden:
            child.tail = None
            if _style_value(child.get("style") or "", "visibility") != "visible":
                pending.append(child)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _marker(sup: Any, url: str = "") -> Any | None:
    """The element to leave out when `sup` is a note reference: `sup`, or the fragment link
    wrapped around it (`<a href="#fn1"><sup>1</sup></a>`); else None.

    A marker is a bracketed superscript (`[1]`, `[citation needed]`), or one that reads like a
    marker (a number, a letter or two, a symbol) and either links to a fragment of this page
    (the page at `url`: the note), has a class, id or role naming a reference or footnote, or
    follows a punctuation mark. An exponent or ordinal (`10<sup>6</sup>`, `m<sup>2</sup>`,
    `21<sup>st</sup>`, `1.<sup>a</sup>`, `n.<sup>o</sup>`) has none of these, and keeps its
    text; nor is a link to another page (`km<sup><a href="/glossary#km2">2</a></sup>`) a note.
    """
    text = _squeeze(sup.text_content())
    if not text or len(text) > 44:
        return None
    if _BRACKETED_RE.fullmatch(text):
        return sup
    if not _MARKER_TEXT_RE.fullmatch(text.replace(" ", "")):
        return None
    parent = sup.getparent()
    if (
        parent is not None
        and parent.tag == "a"
        and _note_link(parent.get("href"), url)
        and _squeeze(parent.text_content()) == text
    ):
        return parent
    attributes = " ".join(sup.get(name) or "" for name in ("class", "id", "role"))
    if attributes.strip() and _MARKER_ATTRIBUTE_RE.search(attributes):
        return sup
    if any(_note_link(link.get("href"), url) for link in sup.iter("a")):
        return sup
    before = _text_before(sup).rstrip()
    if before and before[-1] in _MARKER_AFTER and not _ordinal(before, text):
        return sup
    return None


def _note_link(href: str | None, url: str) -> bool:
    """Whether `href` leads to a fragment of the page at `url` itself (`#fn5`, or the page's
    own address with a fragment), where its notes are; a link to another page is no note
    marker (`/glossary#km2`)."""
    if not href or "#" not in href:
        return False
    href = href.strip()
    if href.startswith("#"):
        return True
    if not url:
        return False
    try:
        return urlsplit(urljoin(url, href)).path == urlsplit(url).path
    except ValueError:  # a malformed address (an unclosed IPv6 bracket)
        return False


#: An ordinal's superscript letters in Spanish, Portuguese, Italian and Galician: 1.ª, 2.º,
#: 3.ᵃˢ, n.º; written after a period, where a note marker may also sit.
_ORDINAL_LETTERS = frozenset({"a", "o", "as", "os"})
#: What such an ordinal's period follows: a number, or the "n" of "n.º" (número).
_ORDINAL_BEFORE_RE = re.compile(r"(?:[0-9]|(?<![^\W\d_])[nN])\.\Z")


def _ordinal(before: str, text: str) -> bool:
    """Whether the superscript `text` after `before` ends a Romance ordinal (`1.<sup>a</sup>`,
    `n.<sup>o</sup>`), not a note marker after a sentence's full stop."""
    return text.lower() in _ORDINAL_LETTERS and _ORDINAL_BEFORE_RE.search(before) is not None


def _superscript(sup: Any) -> bool:
    """Write the exponent in `sup`, a `<sup>` of digits right after a digit or a bracketed
    term (`(a+b)<sup>2</sup>`), in superscript characters (`10<sup>-3</sup>` is "10⁻³"):
    whether it was one."""
    text = sup.text
    if len(sup) or not text or not _EXPONENT_RE.fullmatch(text):
        return False
    before = _text_before(sup)
    if before[-1:] not in _DIGITS and not _BRACKETED_TERM_RE.search(before):
        return False
    sup.text = text.strip().translate(_SUPERSCRIPTS)
    return True


def _text_before(element: Any) -> str:
    """The text right before `element` in its parent (not looking into a previous sibling)."""
    previous = element.getprevious()
    if previous is not None:
        return str(previous.tail or "")
    parent = element.getparent()
    return str(parent.text or "") if parent is not None else ""


#: Where page furniture may start: a `>` and the first word of a label. The lookahead lets the
#: scan pass over most of a page's `>` at one character's cost.
_FURNITURE_RE = re.compile(
    r">[\s\-–—|·•*_:]*(?=[AaRrSs])(?:"
    r"(?P<ad>[Aa]dvertisement|ADVERTISEMENT|(?:[Ss]tory|[Aa]rticle|STORY|ARTICLE) (?:continues|CONTINUES))"
    r"|(?P<more>(?:[Rr]ead|READ) (?:[Mm]ore|[Aa]lso|MORE|ALSO)|(?:[Aa]lso|ALSO) (?:[Rr]ead|READ)"
    r"|(?:[Ss]ee|SEE) (?:[Aa]lso|ALSO))"
    r"|(?P<news>[Ss]ign(?:ing)?[ -]?[Uu]p|SIGN[ -]?UP|[Ss]ubscribe|SUBSCRIBE))\b"
)
#: A start tag: its name and attributes; an end tag.
_OPEN_TAG_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>")
_END_TAG_RE = re.compile(r"</([a-zA-Z][a-zA-Z0-9]*)\s*>")
#: An advertising label, the whole text of its element (lower case, spaces squeezed).
_AD_LABEL_RE = re.compile(
    r"(?:(?:story|article) continues (?:below|after)(?: (?:this|the))? (?:advertisement|ad|advert)"
    r"|advertisements?"
    r"|advertisement\W+(?:scroll|continue|story continues)[^.]{0,40})"
)
#: What may surround an advertising label's words: "— Advertisement —", "ADVERTISEMENT:".
_LABEL_TRIM = " -–—:|·•*_"
#: Class or id words that mark an inline element as an advertisement's.
_AD_ATTRIBUTE_RE = re.compile(r"advert|sponsor|(?<![a-z])ads?(?![a-z])", re.IGNORECASE)
#: The blocks that may hold a "Read more" line or a newsletter line, and the inline elements
#: that may hold its label.
_LINE_BLOCKS = frozenset({"p", "li", "div", "dd", "dt", "h2", "h3", "h4", "h5", "h6"})
_LABEL_INLINES = frozenset({"strong", "b", "span", "em", "i", "small", "u", "font", "label"})
#: The start tag of one of `_LINE_BLOCKS`, its name the group `block`.
_LINE_BLOCK_START = r"<(?P<block>p|li|div|dd|dt|h[2-6])\b[^<>]*>"
#: A "Read more" line from its block's start tag: a label (at most 40 characters, maybe in an
#: inline element), then one to four links and nothing else.
_LINK_LINE_RE = re.compile(
    _LINE_BLOCK_START + r"\s*"
    r"(?:<(?P<inline>strong|b|span|em|i|small|u|font|label)\b[^<>]*>\s*)?"
    r"(?P<label>[^<]{1,40})(?:</(?P=inline)\s*>)?(?P<sep>[^<\w]{0,6})"
    r"(?:<a\b[^<>]*>(?:[^<]|<(?!/?a\b)[^<>]*>){1,300}</a\s*>[^<\w]{0,6}){1,4}"
    r"</(?P=block)\s*>",
    re.IGNORECASE,
)
#: A "Read more" label with what separates it from the links (lower case, spaces squeezed).
_READ_MORE_RE = re.compile(r"(?:read more|read also|also read|see also)[\W_]*")
#: A short block from its start tag to its end tag, holding no other block.
_SHORT_BLOCK_RE = re.compile(
    _LINE_BLOCK_START
    + r"(?P<inner>(?:[^<]|<(?!/?(?:p|li|div|dd|dt|h[1-6]|ul|ol|table|section|article|aside)\b)"
    r"[^<>]*>){1,600}?)</(?P=block)\s*>",
    re.IGNORECASE,
)
#: A newsletter sign-up line (lower case, spaces squeezed), addressed to the reader ("our"
#: newsletter, "your" inbox) unless it has a link, button or field.
_NEWSLETTER_RE = re.compile(r"(?:sign(?:ing)?[ -]?up|subscribe)\b[^.!?]{0,80}?\bnewsletters?\b")
#: What may follow the newsletter in a sign-up line: nothing, "here" or "now", or the pitch
#: going on in the same breath ("to get the top stories in your inbox", "for free", "and never
#: miss a story"), with no comma or clause break. "Sign up for our newsletter, the mayor urged
#: residents" or "Subscribe to our newsletter was the slogan of…" is prose, and stays.
_NEWSLETTER_PITCH_RE = re.compile(
    r"[\s.!:…»>|→-]*"
    r"|\s+(?:here|now|today|below|free|for free|(?:to|for|and|with)\b[^,;:()\"“”]*)"
    r"[\s.!:…»>|→-]*"
)
#: A link or a button with its text.
_CONTROL_RE = re.compile(r"<(a|button)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_NEWSLETTER_PROMO_RE = re.compile(r"\b(?:our|your)\b")
_NEWSLETTER_FORM_RE = re.compile(r"<(?:a|button|input|form)\b", re.IGNORECASE)
#: The longest newsletter line, in characters.
_NEWSLETTER_MAX = 200


def _strip_furniture(document: str) -> str:
    """`document` without the advertising labels, "Read more" lines and newsletter lines set in
    its text (see the notes above).

    Each is found where a `>` is followed by its first word (`_FURNITURE_RE`), and its element
    is read from the markup around it: the start tag before, the end tag after. A label is
    removed as text (its element is left empty); a line with its block."""
    cuts: list[tuple[int, int]] = []
    for match in _FURNITURE_RE.finditer(document):
        gt = match.start()
        lt = document.rfind("<", 0, gt)
        tag = _OPEN_TAG_RE.fullmatch(document, lt, gt + 1) if lt != -1 else None
        if tag is None:
            continue  # the text follows an end tag or is not in the markup at all
        name = tag.group(1).lower()
        if match.group("ad"):
            cut = _ad_label(document, gt, name, tag.group(2))
        else:
            start = _line_start(document, lt, name)
            if start is None:
                continue
            cut = (_link_line if match.group("more") else _newsletter_line)(document, start)
        if cut is not None and (not cuts or cut[0] >= cuts[-1][1]):
            cuts.append(cut)
    if not cuts:
        return document
    parts: list[str] = []
    at = 0
    for start, end in cuts:
        parts.append(document[at:start])
        at = end
    parts.append(document[at:])
    return "".join(parts)


def _ad_label(document: str, gt: int, name: str, attributes: str) -> tuple[int, int] | None:
    """The span of the advertising label that is the whole text of the element whose start tag
    ends at `gt`: a paragraph or division, or any other element written in capitals or marked
    as an advertisement's (`<span class="inline-ad">`), or the only content of a paragraph."""
    end = document.find("<", gt)
    close = _END_TAG_RE.match(document, end) if end != -1 else None
    if close is None or close.group(1).lower() != name:
        return None
    text = html.unescape(document[gt + 1 : end])
    if not _AD_LABEL_RE.fullmatch(_squeeze(text).lower().strip(_LABEL_TRIM)):
        return None
    if (
        name in _LABEL_BLOCKS
        or text.isupper()
        or _AD_ATTRIBUTE_RE.search(attributes)
        or _only_child(document, document.rfind("<", 0, gt), end)
    ):
        return gt + 1, end
    return None


def _only_child(document: str, lt: int, end: int) -> bool:
    """Whether the element starting at `lt` (its end tag at `end`) is all its parent block
    holds: only spaces between the block's start tag and it, and between it and the block's
    end tag."""
    before = document.rfind(">", 0, lt)
    if before == -1 or document[before + 1 : lt].strip():
        return False
    opener = _OPEN_TAG_RE.fullmatch(document, document.rfind("<", 0, before), before + 1)
    if opener is None or opener.group(1).lower() not in _LABEL_BLOCKS:
        return False
    after = document.find(">", end) + 1
    following = document.find("<", after)
    return (
        following != -1
        and not document[after:following].strip()
        and document.startswith("</" + opener.group(1), following)
    )


def _line_start(document: str, lt: int, name: str) -> int | None:
    """Where the block opening with the element whose start tag is at `lt` starts: `lt` for a
    block, the block's start tag just before it for an inline element, else None."""
    if name in _LINE_BLOCKS:
        return lt
    if name not in _LABEL_INLINES:
        return None
    before = document.rfind(">", 0, lt)
    if before == -1 or document[before + 1 : lt].strip():
        return None
    start = document.rfind("<", 0, before)
    opener = _OPEN_TAG_RE.fullmatch(document, start, before + 1) if start != -1 else None
    return start if opener is not None and opener.group(1).lower() in _LINE_BLOCKS else None


def _link_line(document: str, start: int) -> tuple[int, int] | None:
    """The span of the "Read more" line whose block starts at `start`: a label, then links only
    (`<p><strong>Read more:</strong> <a href="…">headline</a></p>`)."""
    line = _LINK_LINE_RE.match(document, start)
    if line is None:
        return None
    label = _squeeze(html.unescape(line.group("label") + line.group("sep"))).lower()
    return line.span() if _READ_MORE_RE.fullmatch(label) else None


def _newsletter_line(document: str, start: int) -> tuple[int, int] | None:
    """The span of the block starting at `start` when it is one short line asking the reader
    to sign up for a newsletter."""
    block = _SHORT_BLOCK_RE.match(document, start)
    if block is None:
        return None
    inner = block.group("inner")
    text = _squeeze(html.unescape(_TAG_RE.sub(" ", inner))).lower()
    # The words of the call itself: a link's or a button's are where it leads ("Sign up for our
    # newsletter: <a>The Morning Briefing</a>").
    own = _squeeze(html.unescape(_TAG_RE.sub(" ", _CONTROL_RE.sub(" ", inner)))).lower()
    label = _NEWSLETTER_RE.match(own) if len(text) <= _NEWSLETTER_MAX else None
    if label is None or not _NEWSLETTER_PITCH_RE.fullmatch(own, label.end()):
        return None
    if _NEWSLETTER_PROMO_RE.search(text) or _NEWSLETTER_FORM_RE.search(inner):
        return block.span()
    return None


#: The blocks whose whole text may be an advertising label, whatever their class. Not a table
#: cell or a list item: "Advertisement" may be a row of a budget (one marked as an ad's, or
#: written in capitals, still is a label).
_LABEL_BLOCKS = frozenset({"p", "div", "aside", "section", "figure", "header", "footer", "center"})


def _jsonld_strings(node: Any, found: list[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _jsonld_strings(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "articleBody" and isinstance(value, str):
                if value.strip():
                    found.append(value)
            else:
                _jsonld_strings(value, found)


def _plain(value: str) -> str:
    """An `articleBody` as text: some sites put HTML markup or entities in it."""
    if _TAG_RE.search(value):
        fragment = lxml_html.fragment_fromstring(value, create_parent="div")
        for br in fragment.iter("br", "p", "div", "li"):
            br.tail = "\n" + (br.tail or "")
        text: str = fragment.text_content()
        return text.strip()
    return html.unescape(value).strip()


def _jsonld_text(scripts: list[str]) -> str:
    bodies: list[str] = []
    for raw in scripts:
        if not raw.strip():
            continue
        try:
            # strict=False: raw newlines inside JSON strings are common in the wild.
            data = json.loads(raw, strict=False)
        except json.JSONDecodeError as exc:
            logger.debug("skipping invalid JSON-LD block: %s", exc)
            continue
        _jsonld_strings(data, bodies)
    return "\n\n".join(_plain(body) for body in bodies)


#: What trafilatura's fallback reads when a page's visible text is short (`baseline`): text
#: embedded in JSON (schema.org `articleBody` and the like, a forum's preloaded posts). Its
#: main text may then be text no reader sees on the page.
_EMBEDDED_TEXT_HOOKS = ("articleBody", "reviewBody", "recipeInstructions", "acceptedAnswer")
#: How much of the main text must be found in the page text for it to count as visible.
_VISIBLE_PREFIX = 200


def _squeezed(text: str) -> str:
    return "".join(text.split())


#: A start tag longer than this is cut down before parsing (`_tame_tags`).
_TAG_MAX = 65536
_HUGE_TAG_RE = re.compile(rf"<[^<>]{{{_TAG_MAX},}}>")
#: How much of such a tag is kept: its name and first attributes.
_TAG_KEEP = 4096
_ATTRIBUTE_END_RE = re.compile(r"[\"']\s")


def _tame_tags(document: str) -> str:
    """`document` with every start tag over `_TAG_MAX` characters cut to its first attributes.

    libxml2 checks each attribute of an element against the others, so a tag carrying 100,000
    attributes (a hostile page or a broken generator) takes minutes to parse; no text is in
    them. The scan costs about 0.3 ms for a 170 KB page."""
    if _HUGE_TAG_RE.search(document) is None:
        return document

    def cut(m: re.Match[str]) -> str:
        head = m.group()[:_TAG_KEEP]
        ends = [a.end() - 1 for a in _ATTRIBUTE_END_RE.finditer(head)]
        at = ends[-1] if ends else max(head.rfind(" "), 2)
        return head[:at] + ">"

    return _HUGE_TAG_RE.sub(cut, document)


#: An HTML parser like trafilatura's with libxml2's limits lifted (`_load_html`).
_HUGE_PARSER = lxml_html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)


def _load_html(document: bytes | str) -> tuple[Any, bool]:
    """The page's tree, as trafilatura parses it, and whether it is not the tree trafilatura
    would parse from `document` (so trafilatura must be handed the tree, not `document`).

    Parsed again without libxml2's limits when a limit cut the tree short (one text node over
    10 MB, an inline data blob or one huge paragraph; elements nested more than 256 deep): the
    page was left with no text at all. Parsed as a fragment (`_fragment_tree`) when trafilatura
    rejects it."""
    from trafilatura.utils import HTML_PARSER

    tree = trafilatura.load_html(document)
    if not any(e.type_name == "ERR_RESOURCE_LIMIT" for e in HTML_PARSER.error_log):
        if tree is None and isinstance(document, str):
            fragment = _fragment_tree(document)
            return fragment, fragment is not None
        return tree, False
    text = document.encode("utf-8", "surrogatepass") if isinstance(document, str) else document
    try:
        return lxml_html.fromstring(text, parser=_HUGE_PARSER), True
    except (etree.ParserError, ValueError) as exc:
        logger.debug("parsing without limits failed too: %s", exc)
        return tree, False


def _fragment_tree(document: str) -> Any | None:
    """`document`, an HTML fragment, parsed into a whole page (`<html><body>` around it).

    trafilatura takes a page with neither an `<html>` tag nor two elements at its top level
    for something other than HTML and gives no tree, so a page that is one element with text
    (`<p>…</p>` from a fragment endpoint) had no text at all. A browser shows that text."""
    from trafilatura.utils import HTML_PARSER

    try:
        return lxml_html.document_fromstring(
            document.encode("utf-8", "surrogatepass"), parser=HTML_PARSER
        )
    except (etree.ParserError, ValueError) as exc:
        logger.debug("not readable as an HTML fragment either: %s", exc)
        return None


#: A page of more elements than this is not handed to trafilatura: the `page` layer (every word
#: of the page) stands in for the `main` one. trafilatura holds four or five copies of the tree
#: at once, about 1.7 KB an element: a 4 MB page of 500,000 one-word paragraphs peaked at 900 MB
#: and 16 s, and the default `--max-bytes` lets through six times that. Article pages have a few
#: thousand elements (bench/verify's, up to 3,000); long reference pages tens of thousands.
_MAIN_MAX_ELEMENTS = 200_000
#: A tree of more elements than this is not shared with trafilatura (which copies it): it parses
#: the page itself, and the page layer parses it again after, so the two trees are never held
#: together. Below it, the shared parse saves time and costs little memory.
_SHARED_MAX_ELEMENTS = 20_000


def _element_count(tree: Any) -> int:
    """The number of elements in `tree`, counted inside libxml2 (no Python object per element)."""
    return 0 if tree is None else int(tree.xpath("count(descendant-or-self::*)"))


def _html_layers(
    body: bytes, content_type: str | None, url: str, titles: list[str | None] | None = None
) -> Iterator[TextLayer]:
    """The HTML layers; `titles`, when given, receives the page title from the same parse."""
    document = _html_document(body, content_type)
    if isinstance(document, str):
        document = _strip_furniture(_tame_tags(document))
    yielded = False
    # One parse for both layers: trafilatura copies a tree it is handed before changing it (a
    # C-level copy, about a third of the cost of parsing the page again), and the page layer then
    # strips this tree in place. Not for a large tree, whose memory counts more than a parse
    # (`_SHARED_MAX_ELEMENTS`), nor for bytes, parsed twice as before: trafilatura decompresses a
    # compressed body only up to its size limit, and the page layer has no limit.
    tree, own_parse = _load_html(document) if isinstance(document, str) else (None, False)
    # Both layers read the pruned tree (`_prune`); a tree parsed again from the pruned
    # `document` needs no pruning, one parsed from bytes does.
    pruned = tree is not None and _prune(tree, url)
    prune_later = tree is None
    # Every element but the few the parser implies is written with a `<`: counting those costs a
    # sixth of counting the elements, and bench/verify's pages have fewer than 6,000.
    elements = 0
    limit = min(_SHARED_MAX_ELEMENTS, _MAIN_MAX_ELEMENTS)
    if isinstance(document, str) and document.count("<") + 8 > limit:
        elements = _element_count(tree)
    large = elements > _SHARED_MAX_ELEMENTS
    main: str | None = None
    if elements > _MAIN_MAX_ELEMENTS:
        logger.info("%s: %d HTML elements, read as whole-page text only", url, elements)
    else:
        # The main text leaves out struck and hidden text, which the page layer keeps.
        swaps = _set_aside(tree, document) if tree is not None else []
        main_document = document
        if large and not own_parse:
            # The same tree: trafilatura parses `document` as `_load_html` did; written out
            # again when pruning changed it (a long Wikipedia article is this large), once as
            # the main text reads it and once as the page layer does.
            if pruned or swaps:
                main_document = lxml_html.tostring(tree, encoding="unicode")
            _restore(swaps)
            swaps = []
            if pruned:
                document = lxml_html.tostring(tree, encoding="unicode")
            tree = None
        main = trafilatura.extract(
            main_document if tree is None else tree,
            url=url or None,
            favor_recall=True,
            include_tables=True,
            include_comments=False,
            deduplicate=False,
        )
        _restore(swaps)
    page: str | None = None
    scripts: list[str] | None = None
    next_data: _NextData | None = None
    if main and main.strip() and _embeds_text(document):
        # When the visible text is short, trafilatura falls back to the JSON-LD `articleBody`
        # and returns it as the main text. Evidence must name the layer a reader can check:
        # main text found in the JSON-LD text but not on the page is left to the `jsonld` layer.
        if tree is None:
            tree = _reparsed(document, url, prune=prune_later)
        if tree is not None:
            # The next-data too: the main text may be dropped below, leaving it short.
            scripts, next_data = _data_scripts(tree, next_data=True)
            opening = _squeezed(main)[:_VISIBLE_PREFIX]
            if opening in _squeezed(_jsonld_text(scripts)):
                if titles is not None:
                    titles.append(_html_title(tree))  # before `_page_text` strips the <head>
                page = _page_text(tree, spare_nodes=large)
                if opening not in _squeezed(page):
                    main = None
    # None is a normal answer (no main content found): the page layer still has the text.
    if main and main.strip():
        yielded = True
        yield TextLayer(name="main", text=main)
    if tree is None:
        tree = _reparsed(document, url, prune=prune_later)
    if titles is not None and not titles:
        titles.append(None if tree is None else _html_title(tree))
    if tree is not None:
        if scripts is None:
            # Taken before `_page_text` strips the <script> elements from the tree.
            scripts, next_data = _data_scripts(tree, next_data=_client_rendered(main))
        if page is None:
            page = _page_text(tree, spare_nodes=large)
        # Let the tree go before the consumer matches against the layers below.
        tree = None
        if page.strip():
            yielded = True
            yield TextLayer(name="page", text=page)
        jsonld = _jsonld_text(scripts)
        if jsonld.strip():
            yielded = True
            yield TextLayer(name="jsonld", text=jsonld)
        if next_data is not None and _client_rendered(main):
            text = _next_data_text(*next_data)
            if text.strip():
                yielded = True
                yield TextLayer(name="nextdata", text=text)
    if not yielded:
        raise ExtractionError("no readable text in the HTML page")


def _reparsed(document: bytes | str, url: str, *, prune: bool) -> Any:
    """`document` parsed again for the page layer, pruned (`_prune`) when `prune`: not when it
    was written out from a pruned tree."""
    tree = _load_html(document)[0]
    if prune and tree is not None:
        _prune(tree, url)
    return tree


def _client_rendered(main: str | None) -> bool:
    """Whether the main text is short enough for the page to be rendered by its scripts, so
    that its `__NEXT_DATA__` is read (`_CLIENT_RENDERED_MAX`)."""
    return len(_squeezed(main or "")) < _CLIENT_RENDERED_MAX


def _embeds_text(document: bytes | str) -> bool:
    if isinstance(document, bytes):
        return any(hook.encode() in document for hook in _EMBEDDED_TEXT_HOOKS)
    return any(hook in document for hook in _EMBEDDED_TEXT_HOOKS)


#: A Next.js page's `__NEXT_DATA__` text and the page's titles (`_page_titles`).
_NextData = tuple[str, list[list[str]]]


def _data_scripts(tree: Any, *, next_data: bool) -> tuple[list[str], _NextData | None]:
    """The JSON-LD scripts' texts and, when `next_data` (the layer will be read), the Next.js
    `__NEXT_DATA__` script's, in one XPath pass; with the latter, the titles the page shows, to
    tell its article in the data (taken here, before `_page_text` strips the <head>)."""
    jsonld: list[str] = []
    found: _NextData | None = None
    for script in tree.xpath(_DATA_SCRIPTS_XPATH):
        if script.get("id") == "__NEXT_DATA__":
            if next_data:
                found = (script.text_content(), _page_titles(tree))
        else:
            jsonld.append(script.text_content())
    return jsonld, found


#: Where a page names its article: the social-card titles, `<title>` and the headings.
_PAGE_TITLES_XPATH = (
    ".//head/meta[@property='og:title' or @name='twitter:title']/@content | .//head/title | .//h1"
)


def _page_titles(tree: Any) -> list[list[str]]:
    """The page's titles, each as its words (`_title_words`)."""
    titles: list[list[str]] = []
    for found in tree.xpath(_PAGE_TITLES_XPATH):
        words = _title_words(found if isinstance(found, str) else found.text_content())
        if words and words not in titles:
            titles.append(words)
    return titles


def _title_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


#: A page whose main text is shorter than this (characters, spaces left out) may be rendered by
#: its scripts: its `__NEXT_DATA__` text is read as the `nextdata` layer. A page showing its
#: article has a longer one, and its embedded data (which may be stale or a draft) is left alone.
_CLIENT_RENDERED_MAX = 1000
#: A string of the embedded data is read as text when it has at least this many words: the
#: article's paragraphs, not its ids, slugs, URLs and labels.
_NEXT_DATA_MIN_WORDS = 4


def _next_data_text(raw: str, titles: Sequence[Sequence[str]] = ()) -> str:
    """The prose of a Next.js page's `__NEXT_DATA__` JSON (the props its scripts render the page
    from): the strings of `_NEXT_DATA_MIN_WORDS` words or more of the article the page shows
    (`_next_data_article`), as text (HTML markup in it removed), in the data's order, each
    once, a blank line between them. `titles`: the page's titles, as words."""
    try:
        data = json.loads(raw, strict=False)
        # The page's props; the rest is the router's and the build's.
        props = data.get("props") if isinstance(data, dict) else None
        strings = _next_data_article(props, titles)
    except (json.JSONDecodeError, RecursionError) as exc:
        logger.debug("skipping unreadable __NEXT_DATA__: %s", exc)
        return ""
    seen: set[str] = set()
    texts: list[str] = []
    for value in strings:
        text = _plain(value)
        if (
            len(text.split()) >= _NEXT_DATA_MIN_WORDS
            and "://" not in text[:12]
            and text not in seen
        ):
            seen.add(text)
            texts.append(text)
    return "\n\n".join(texts)


#: The keys that give an object of the page data a title: an article's, or a teaser's.
_TITLE_KEYS = ("title", "headline")
#: Without a title of the page's, the titled object with the most prose is read as the article
#: only when it holds this many times the prose of any other one.
_ARTICLE_LEAD = 2


def _next_data_article(props: Any, titles: Sequence[Sequence[str]]) -> list[str]:
    """The prose strings of the article in a Next.js page's props.

    Page data holds more than the article: teasers of related articles, the next story, menus.
    A teaser says something else (another story's "The council approved the fare cut", under
    an article saying it was rejected), so a quote found there would be verified from another
    article. Objects with a title (`_TITLE_KEYS`) are articles or teasers: the article is the
    one titled as the page is (its `<title>`, `og:title` or `<h1>`), the one with the most
    prose if several are; failing one, the titled object holding far more prose than any other
    (`_ARTICLE_LEAD`). Inside it, objects titled otherwise are left out. When no object has a
    title, every string is read; when the article cannot be told, none is: no text rather than
    another article's.
    """
    titled: list[tuple[dict[str, Any], bool]] = []
    _titled_objects(props, titles, titled)
    if not titled:
        found: list[str] = []
        _prose_strings(props, titles, found)
        return found
    readings: list[tuple[int, list[str]]] = []
    for node, matches in titled:
        found = []
        _prose_strings(node, titles, found, top=True)
        readings.append((sum(len(value) for value in found) if matches else -1, found))
    best = max(readings, key=lambda reading: reading[0])
    if best[0] >= 0:
        return best[1]
    sizes = sorted((sum(len(value) for value in found) for _size, found in readings), reverse=True)
    if len(sizes) == 1 or sizes[0] >= _ARTICLE_LEAD * sizes[1]:
        return max(readings, key=lambda reading: sum(len(value) for value in reading[1]))[1]
    return []


def _title_of(node: dict[str, Any]) -> str | None:
    for key in _TITLE_KEYS:
        value = node.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _is_page_title(title: str, titles: Sequence[Sequence[str]]) -> bool:
    """Whether `title` is one of the page's `titles`, or begins or ends one ("Ferry cuts" of
    "Ferry cuts | The Gazette")."""
    words = _title_words(title)
    if not words:
        return False
    size = len(words)
    return any(
        list(page) == words
        or (size >= 2 and (list(page[:size]) == words or list(page[-size:]) == words))
        for page in titles
    )


def _titled_objects(
    node: Any, titles: Sequence[Sequence[str]], found: list[tuple[dict[str, Any], bool]]
) -> None:
    """The objects under `node` with a title, outermost first, each with whether its title is
    the page's."""
    if isinstance(node, list):
        for item in node:
            _titled_objects(item, titles, found)
    elif isinstance(node, dict):
        title = _title_of(node)
        if title is not None:
            found.append((node, _is_page_title(title, titles)))
        for value in node.values():
            _titled_objects(value, titles, found)


def _prose_strings(
    node: Any, titles: Sequence[Sequence[str]], found: list[str], *, top: bool = False
) -> None:
    """The strings with a space under `node`, but those of objects titled otherwise than the
    page (teasers; `top`: not `node` itself)."""
    if isinstance(node, str):
        if " " in node:
            found.append(node)
    elif isinstance(node, list):
        for item in node:
            _prose_strings(item, titles, found)
    elif isinstance(node, dict):
        if not top:
            title = _title_of(node)
            if title is not None and not _is_page_title(title, titles):
                return
        for value in node.values():
            _prose_strings(value, titles, found)


# `trafilatura.extract_metadata` would give the title too, but it also runs date, author and
# category extraction: measured on ten 40–150 KB pages it took 4.7 times as long as the main-text
# extraction itself. The title alone is one XPath away.
_TITLE_XPATHS = (
    ".//head/meta[@property='og:title']/@content",
    ".//head/meta[@name='twitter:title']/@content",
    ".//head/title//text()",
    ".//h1//text()",
)


def _html_title(tree: Any) -> str | None:
    for xpath in _TITLE_XPATHS:
        title = " ".join(" ".join(str(part) for part in tree.xpath(xpath)).split())
        if title:
            return title
    return None


# --------------------------------------------------------------------------- PDF

_PAGE_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class _PdfText:
    pages: tuple[str, ...]
    title: str | None


_ENCRYPTED = "PDF is encrypted and needs a password"


def _read_pdfium(body: bytes) -> _PdfText:
    try:
        document = pypdfium2.PdfDocument(body)
    except pypdfium2.PdfiumError as exc:
        # pdfium tries the empty password, which opens a PDF with only an owner password; its
        # "Incorrect password" means a password is needed, not that one was given and wrong.
        if exc.err_code == pypdfium2.raw.FPDF_ERR_PASSWORD:
            raise ExtractionError(_ENCRYPTED) from exc
        raise ExtractionError(f"PDF could not be read: {exc}") from exc
    try:
        pages: list[str] = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                pages.append(pdftext.page_text(textpage))
            finally:
                textpage.close()
                page.close()
        title = document.get_metadata_dict().get("Title") or None
    except pypdfium2.PdfiumError as exc:
        # A page pdfium cannot load: let the next reader try the whole file.
        raise ExtractionError(f"PDF could not be read: {exc}") from exc
    finally:
        document.close()
    return _PdfText(pages=tuple(pages), title=title)


def _read_pypdf(body: bytes) -> _PdfText:
    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(_ENCRYPTED)
        pages = tuple(page.extract_text() or "" for page in reader.pages)
        metadata = reader.metadata
        title = metadata.title if metadata is not None else None
    except ExtractionError:
        raise
    except pypdf.errors.FileNotDecryptedError as exc:
        raise ExtractionError(_ENCRYPTED) from exc
    # pypdf is the last resort and raises many unrelated types on malformed files (KeyError,
    # ValueError, its own PdfReadError...); each one means "this PDF cannot be read".
    except Exception as exc:
        raise ExtractionError(f"PDF could not be read: {type(exc).__name__}: {exc}") from exc
    return _PdfText(pages=pages, title=title or None)


_PdfReader = Callable[[bytes], _PdfText]
_PDF_READERS: tuple[_PdfReader, ...] = (_read_pdfium, _read_pypdf)


def _read_pdf(
    body: bytes, readers: Sequence[_PdfReader] = _PDF_READERS
) -> tuple[TextLayer, str | None]:
    """The `pdf` layer and the PDF's title, from the first reader that can read `body`.

    `readers` is injectable so tests can exercise the fallback order.
    """
    failures: list[ExtractionError] = []
    for reader in readers:
        try:
            result = reader(body)
        except ExtractionError as exc:
            logger.debug("%s failed: %s", reader.__name__, exc)
            failures.append(exc)
            continue
        if not any(page.strip() for page in result.pages):
            raise ExtractionError("PDF has no text layer (a scanned image?)")
        pages = pdftext.clean_pages(result.pages)
        starts: list[int] = []
        offset = 0
        for page in pages:
            starts.append(offset)
            offset += len(page) + len(_PAGE_SEPARATOR)
        layer = TextLayer(name="pdf", text=_PAGE_SEPARATOR.join(pages), page_starts=tuple(starts))
        return layer, result.title
    # Prefer the message that names the cause (encryption) over a generic parse failure.
    for failure in failures:
        if str(failure) == _ENCRYPTED:
            raise failure
    raise failures[-1] if failures else ExtractionError("no PDF reader available")


# --------------------------------------------------------------------------- Markdown

_MARKDOWN_TYPES = frozenset({"text/markdown", "text/x-markdown", "text/x-gfm"})
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
#: Block ends that end a paragraph of the rendered text; the other closing tokens end nothing.
_MARKDOWN_BLOCK_ENDS = frozenset(
    {"paragraph_close", "heading_close", "blockquote_close", "bullet_list_close",
     "ordered_list_close", "table_close", "footnote_close", "hr"}
)  # fmt: skip
_BLANK_LINES_RE = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def _is_markdown(content_type: str | None, url: str) -> bool:
    """Markdown is read as Markdown when it says so, or when a `.md` file is served as plain
    text (raw files on code hosts are)."""
    media = media_type(content_type)
    if media in _MARKDOWN_TYPES:
        return True
    path = url.split("#", 1)[0].split("?", 1)[0].lower()
    return media in ("text/plain", "") and path.endswith(_MARKDOWN_SUFFIXES)


@functools.cache
def _markdown_parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .enable(["table", "strikethrough"])
    )


def _markdown_text(source: str) -> tuple[str, str | None]:
    """What a reader of rendered Markdown reads, and its title (the first level-1 heading).

    Emphasis, link and image syntax, heading and quote markers are gone; a link's text and an
    image's description stay; blocks are separated by one blank line, line breaks inside a
    paragraph are kept. Code is kept as written.
    """
    parts: list[str] = []
    title: str | None = None
    in_title = False
    for token in _markdown_parser().parse(source):
        kind = token.type
        if kind == "inline":
            text = _markdown_inline(token.children or [])
            if in_title:
                title = " ".join(text.split()) or None
                in_title = False
            parts.append(text)
        elif kind == "heading_open" and token.tag == "h1" and title is None:
            in_title = True
        elif kind in ("fence", "code_block"):
            parts.append(token.content.rstrip("\n") + "\n\n")
        elif kind == "html_block":
            parts.append(_plain(token.content) + "\n\n")
        elif kind in _MARKDOWN_BLOCK_ENDS:
            parts.append("\n\n")
        elif kind == "list_item_close" or kind == "tr_close":
            parts.append("\n")
        elif kind in ("th_close", "td_close"):
            parts.append(" ")
    return _BLANK_LINES_RE.sub("\n\n", "".join(parts)).strip(), title


def _markdown_inline(tokens: Sequence[Any]) -> str:
    parts: list[str] = []
    for token in tokens:
        kind = token.type
        if kind in ("text", "code_inline", "text_special"):
            parts.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "image":
            parts.append(_markdown_inline(token.children or []))
        # Emphasis, links, raw inline HTML tags and footnote markers are markup: left out.
    return "".join(parts)


# --------------------------------------------------------------------------- public API

_MARKDOWN_TITLE_RE = re.compile(r"\A\s*#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def _text_layer(body: bytes, content_type: str | None, url: str) -> tuple[TextLayer, str | None]:
    """The `text` layer of plain text or Markdown (rendered: SPEC §6 matches what a reader
    reads, not the markup), and the title of a text starting with a `# heading`."""
    text = _decode_text(body, content_type)
    if _is_markdown(content_type, url):
        text, title = _markdown_text(text)
        return TextLayer(name="text", text=text), title
    heading = _MARKDOWN_TITLE_RE.search(text[:2000])
    title = heading.group(1) if heading is not None else None
    return TextLayer(name="text", text=text), title


def extract_layers(body: bytes, *, content_type: str | None, url: str) -> Iterator[TextLayer]:
    """The text layers of a fetched body, best first, computed as the consumer asks for them.

    HTML yields `main`, then `page`, then `jsonld`, then `nextdata` (each skipped when empty, the
    last read only when the main text is short); a PDF yields `pdf`
    with `page_starts`; plain text and Markdown yield `text`. Raises `ExtractionError` for an empty
    body, an unsupported type or an unreadable PDF when called, and for an HTML page with no
    text at all once its layers are exhausted.
    """
    if not body:
        raise ExtractionError("the response body is empty")
    kind = sniff_kind(body, content_type)
    if kind == "html":
        return _html_layers(body, content_type, url)
    if kind == "pdf":
        layer, _title = _read_pdf(body)
        return iter((layer,))
    if kind == "text":
        return iter((_text_layer(body, content_type, url)[0],))
    shown = media_type(content_type) or "unknown"
    raise ExtractionError(f"unsupported content type: {shown}")


def extract_source(body: bytes, *, content_type: str | None, url: str) -> SourceText:
    """Every layer of a fetched body at once, with the title; an unreadable body sets `error`.

    The eager form of `extract_layers`, for a process pool: the result pickles. The title comes
    from `og:title`, `<title>` or the first `<h1>` for HTML, the document information for a PDF,
    and a leading `# heading` for Markdown.
    """
    titles: list[str | None] = []
    try:
        kind = sniff_kind(body, content_type) if body else "empty"
        if kind == "pdf":
            layer, pdf_title = _read_pdf(body)
            return SourceText(url=url, layers=(layer,), title=pdf_title)
        if kind == "html":
            layers = tuple(_html_layers(body, content_type, url, titles))
        elif kind == "text":
            layer, text_title = _text_layer(body, content_type, url)
            return SourceText(url=url, layers=(layer,), title=text_title)
        else:
            layers = tuple(extract_layers(body, content_type=content_type, url=url))
    except ExtractionError as exc:
        return SourceText(url=url, error=str(exc))
    title = titles[0] if titles else None
    return SourceText(url=url, layers=layers, title=title)
