"""An HTML page parsed in time linear in its size, as the lxml tree extractors read.

    parse_page(text) -> lxml.html.HtmlElement    (raises ParseProblem)

Pages come from anywhere, so no input may make parsing slow, lose text silently or
give a tree that makes the extractor after it slow:

- a page over `MAX_PAGE_CHARS` characters is refused;
- libxml2 (lxml) parses the page. It stops at 256 levels and drops the rest of the
  page, and it reads an unclosed <title> as the title of everything after it; so
  when its tree is deeper than `MAX_DEPTH` or has no text in its body, the page is
  read by html.parser instead, into a tree capped in depth (`_Soup`), and that
  tree is written out well-formed (`_markup`) for libxml2 to read again;
- html.parser takes quadratic time on some markup, so a run of unfinished tags
  ("<a <a <a ...") is text (`_defuse`) and a tag left unfinished at the end of the
  page is ignored (`_Parser`);
- elements whose content no reader sees (scripts, styles, templates, frames,
  SVG ...) are left out.

Each step walks the page once, without recursion.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import lxml.html
from bs4 import (
    BeautifulSoup,
    CData,
    MarkupResemblesLocatorWarning,
    NavigableString,
    PageElement,
    Tag,
    XMLParsedAsHTMLWarning,
)
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.exceptions import ParserRejectedMarkup
from lxml.etree import ParserError, strip_elements

from .formats import ParseProblem

__all__ = ["MAX_DEPTH", "MAX_PAGE_CHARS", "parse_page"]

# Twice the heaviest news pages, scripts and styles included.
MAX_PAGE_CHARS = 5_000_000
# Levels of elements a tree may have; news pages have 20 to 40.
MAX_DEPTH = 64

# Elements whose content is never text a reader sees.
_HIDDEN = ("script", "style", "template", "noscript", "iframe", "frame", "frameset", "object",
           "embed", "svg", "math", "canvas", "audio", "video", "select", "textarea", "button")
_UNWRAPPED = frozenset("plaintext xmp listing noembed noframes".split())  # their text is raw
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_TEXT_TYPES = (NavigableString, CData)  # the strings a reader sees: no comments, declarations
_TAG_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
_ATTRIBUTE_NAME = re.compile(r"[a-z_][a-z0-9_.:-]*\Z")
_URL_ATTRIBUTES = frozenset(("href", "src"))
_URL_BREAKS = re.compile(r"[\t\n\r]")
_BAD_SECTION = re.compile(r"<!\[(?=[^A-Za-z])")  # "<![" and no name: html.parser gives up
_TAG_START = re.compile(r"<[a-zA-Z]")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _lxml_parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True,
                                remove_pis=True)


class _Parser(BeautifulSoupHTMLParser):
    """html.parser that ignores a tag left unfinished at the end of the page.

    Before Python 3.11.13 (CPython issue 135462), html.parser rescans the rest of
    the page for every "<" after such a tag ('<meta content="<p>...' and no closing
    quote), which takes quadratic time; later versions ignore the tag, as HTML5 says.
    """

    def close(self) -> None:
        if _TAG_START.match(self.rawdata):  # what feed() left: it begins with the tag
            self.rawdata = ""
        super().close()


class _Builder(HTMLParserTreeBuilder):
    def feed(self, markup: Any, _parser_class: Any = _Parser) -> None:
        super().feed(markup, _parser_class)


class _Soup(BeautifulSoup):
    """A parse tree at most `MAX_DEPTH` elements deep.

    html.parser leaves unclosed tags open: "<p>one<p>two" nests the second paragraph
    in the first, and a page of unclosed tags is a tree thousands of levels deep, for
    which BeautifulSoup takes time in proportion to the depth for each new element.
    Past `MAX_DEPTH`, a new element first closes the innermost open one.
    """

    def handle_starttag(self, *args: Any, **kwargs: Any) -> Tag | None:
        if len(self.tagStack) > MAX_DEPTH - 2:  # <html> and <body> may come on top
            self.endData()
            self.popTag()
        return super().handle_starttag(*args, **kwargs)


def _defuse(text: str) -> str:
    """HTML that html.parser reads in linear time, without giving up.

    A "<" starts a tag only while fewer than 100 others follow it before the next
    ">": the parser rescans a run of unfinished tags ("<a <a <a ...") once for each
    of them. "<![" that starts no section ("<![ [") is text.
    """
    text = _BAD_SECTION.sub("&lt;![", text)
    if text.count("<") < 100:
        return text
    runs = text.split(">")
    return ">".join(r.replace("<", "&lt;") if r.count("<") >= 100 else r for r in runs)


def _soup(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        try:
            return _Soup(_defuse(text), builder=_Builder())
        except ParserRejectedMarkup:  # a broken declaration: read them all as text
            try:
                return _Soup(_defuse(re.sub("<!(?!--)", "&lt;!", text)), builder=_Builder())
            except ParserRejectedMarkup:
                raise ParseProblem("HTML is too malformed to read") from None


def _escape(text: str, quote: bool = False) -> str:
    text = _NOT_XML.sub(" ", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _start_tag(tag: Tag, name: str) -> str:
    parts = [name]
    for key, value in tag.attrs.items():
        key = key.lower()
        if _ATTRIBUTE_NAME.match(key) and not key.startswith("on"):
            text = " ".join(value) if isinstance(value, list) else str(value)
            if key in _URL_ATTRIBUTES:  # as browsers read them
                text = _URL_BREAKS.sub("", text.strip())
            parts.append(f'{key}="{_escape(text, quote=True)}"')
    return "<" + " ".join(parts) + ">"


def _markup(soup: BeautifulSoup) -> str:
    """The page as well-formed HTML: every element closed, only text and elements.

    An element of a name no HTML has ("<a/b>"), or one whose content libxml2 would
    read as raw text ("<plaintext>"), gives its content alone; a title is its text,
    the elements html.parser put in an unclosed one come after it.
    """
    out: list[str] = []
    stack: list[PageElement | str] = list(reversed(soup.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            name = node.name.lower()
            if name in _HIDDEN:
                continue
            if name in _UNWRAPPED or not _TAG_NAME.match(name):
                stack.extend(reversed(node.contents))
                continue
            if name == "title":  # libxml2 reads a title's content as text: elements go after
                words = "".join(str(c) for c in node.contents if type(c) in _TEXT_TYPES)
                out.append(f"<title>{_escape(words)}</title>")
                stack.extend(reversed([c for c in node.contents if isinstance(c, Tag)]))
                continue
            out.append(_start_tag(node, name))
            if name not in _VOID:
                stack.append(f"</{name}>")
            stack.extend(reversed(node.contents))
        elif type(node) in _TEXT_TYPES:
            out.append(_escape(str(node)))
        elif type(node) is str:  # an end tag pushed above
            out.append(node)
    return "".join(out)


def _depth(tree: lxml.html.HtmlElement) -> int:
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def _has_text(tree: lxml.html.HtmlElement) -> bool:
    body = tree.find("body")
    return body is not None and any(piece.strip() for piece in body.itertext())


def _by_libxml2(text: str) -> lxml.html.HtmlElement | None:
    """libxml2's tree of the page, when it holds the whole page."""
    try:
        tree = lxml.html.document_fromstring(_NOT_XML.sub(" ", text), parser=_lxml_parser())
    except (ParserError, ValueError):
        return None
    strip_elements(tree, *_HIDDEN, with_tail=False)
    for element in tree.iter():
        for key in _URL_ATTRIBUTES.intersection(element.attrib):
            element.set(key, _URL_BREAKS.sub("", element.get(key, "").strip()))
    return tree if _depth(tree) <= MAX_DEPTH and _has_text(tree) else None


def _by_html_parser(text: str) -> lxml.html.HtmlElement:
    markup = _markup(_soup(text))
    if not markup.strip():
        raise ParseProblem("no article text found")
    try:
        return lxml.html.document_fromstring(markup, parser=_lxml_parser())
    except (ParserError, ValueError):
        raise ParseProblem("no article text found") from None


def parse_page(text: str) -> lxml.html.HtmlElement:
    """The lxml tree of an HTML page, at most `MAX_DEPTH` deep (<html> and <body> added).

    Raises `ParseProblem` for a page over `MAX_PAGE_CHARS` or one that cannot be read.
    """
    if len(text) > MAX_PAGE_CHARS:
        raise ParseProblem(f"page is {len(text):,} characters long, over the "
                           f"{MAX_PAGE_CHARS:,} irinsider reads")
    tree = _by_libxml2(text)
    return tree if tree is not None else _by_html_parser(text)
