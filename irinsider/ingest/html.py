"""The parser of HTML pages: metadata, article paragraphs and figure captions.

    parse_html(text) -> Draft    (raises ParseProblem)

Pages come from anywhere, so the parser takes time linear in the page's size
whatever its markup. html.parser leaves unclosed tags open: "<p>one<p>two" nests
the second paragraph in the first, and a page of unclosed tags is a tree thousands
of levels deep. So the tree is capped in depth (`_Soup`), it is never changed once
parsed (BeautifulSoup's `extract` costs time in proportion to an element's
siblings), and the helpers below walk it once each, without recursion, giving
each piece of text to its nearest paragraph.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from typing import Any

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

from ..model import Block
from .formats import (
    CREDIT_LINE,
    Draft,
    ParseProblem,
    clean_byline,
    normalise_whitespace,
    parse_date,
    split_credit,
)

__all__ = ["parse_html"]

_DROP = frozenset(
    "script style nav header footer aside form iframe noscript template svg button".split()
)
_TEXT_TYPES = (NavigableString, CData)  # the strings get_text() reads: no comments, scripts
_BAD_SECTION = re.compile(r"<!\[(?=[^A-Za-z])")  # "<![" and no name: html.parser gives up
_TAG_START = re.compile(r"<[a-zA-Z]")


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

    BeautifulSoup takes time in proportion to the depth for each new element, so a
    run of unclosed tags took quadratic time. Past `MAX_DEPTH`, a new element first
    closes the innermost open one. Real pages are far shallower.
    """

    MAX_DEPTH = 256

    def handle_starttag(self, *args: Any, **kwargs: Any) -> Tag | None:
        if len(self.tagStack) > self.MAX_DEPTH:
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


def _classes(tag: Tag) -> str:
    value: Any = tag.get("class") or []
    return " ".join(value if isinstance(value, list) else [value]).lower()


def _strings(root: Tag, skip: frozenset[int] | set[int] = frozenset()) -> Iterator[str]:
    """The text of `root` piece by piece, "\\n" for <br>, leaving out elements in `skip`."""
    stack: list[PageElement] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if id(node) in skip:
                continue
            if node.name == "br":
                yield "\n"
            stack.extend(reversed(node.contents))
        elif type(node) in _TEXT_TYPES:
            yield str(node)


def _text(tag: PageElement | None, skip: frozenset[int] | set[int] = frozenset()) -> str:
    return normalise_whitespace("".join(_strings(tag, skip))) if isinstance(tag, Tag) else ""


def _short_text(tag: Tag, limit: int) -> str:
    """The text of `tag` if it is 1 to `limit` characters long, else "".

    Reading stops early, so a long or large element costs little.
    """
    pieces: list[str] = []
    letters = visited = 0
    stack: list[PageElement] = [tag]
    while stack:
        if letters > limit or visited > 20 * limit:
            return ""
        node = stack.pop()
        visited += 1
        if isinstance(node, Tag):
            pieces.append("\n" if node.name == "br" else "")
            stack.extend(reversed(node.contents))
        elif type(node) in _TEXT_TYPES:
            pieces.append(str(node))
            letters += sum(not c.isspace() for c in str(node))
    text = normalise_whitespace("".join(pieces))
    return text if len(text) <= limit else ""


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            meta.setdefault(key.lower(), normalise_whitespace(content))
    return meta


def _byline(soup: BeautifulSoup, meta: dict[str, str]) -> str | None:
    for key in ("author", "byl", "article:author", "dc.creator"):
        if key in meta and not meta[key].startswith("http"):
            return clean_byline(meta[key])
    candidates = [
        *soup.find_all(rel="author"),
        *soup.find_all(itemprop="author"),
        *soup.find_all(lambda t: "byline" in _classes(t)),
        *soup.find_all(lambda t: "author" in _classes(t)),
    ]
    for tag in candidates[:100]:
        if text := _short_text(tag, 100):
            return clean_byline(text)
    return None


def _first(root: Tag, skip: set[int], match: Callable[[Tag], bool]) -> Tag | None:
    """The first element inside `root` that `match`es, outside the elements in `skip`."""
    stack = [c for c in reversed(root.contents) if isinstance(c, Tag)]
    while stack:
        tag = stack.pop()
        if id(tag) in skip:
            continue
        if match(tag):
            return tag
        stack.extend(c for c in reversed(tag.contents) if isinstance(c, Tag))
    return None


def _caption(figure: Tag, skip: set[int]) -> Block | None:
    figcaption = _first(figure, skip, lambda t: t.name == "figcaption")
    if figcaption is None:
        return None
    credit = None
    credit_tag = _first(figcaption, skip,
                        lambda t: "credit" in _classes(t) or "copyright" in _classes(t))
    if credit_tag is not None:
        credit = CREDIT_LINE.sub(r"\g<who>", _text(credit_tag)).strip(" .") or None
        skip = skip | {id(credit_tag)}
    text, found = split_credit(_text(figcaption, skip))
    return Block(text, "caption", credit or found) if text else None


def _outermost(root: Tag, name: str) -> list[Tag]:
    """The `name` elements in `root` that are not inside another one, in document order."""
    found: list[Tag] = []
    stack = [c for c in reversed(root.contents) if isinstance(c, Tag)]
    while stack:
        tag = stack.pop()
        if tag.name == name:
            found.append(tag)
        else:
            stack.extend(c for c in reversed(tag.contents) if isinstance(c, Tag))
    return found


def _paragraph_chars(root: Tag) -> int:
    """Characters of text inside the <p> elements of `root`."""
    total = 0
    stack: list[tuple[PageElement, bool]] = [(root, False)]
    while stack:
        node, in_p = stack.pop()
        if isinstance(node, Tag):
            in_p = in_p or node.name == "p"
            stack.extend((c, in_p) for c in node.contents)
        elif in_p and type(node) in _TEXT_TYPES:
            total += len(str(node))
    return total


def _largest(root: Tag, name: str) -> Tag | None:
    """The `name` element with the most paragraph text (an outer one holds its inner ones)."""
    return max(_outermost(root, name), key=_paragraph_chars, default=None)


def _boilerplate(root: Tag) -> set[int]:
    """ids of the elements to leave out: navigation, headers, footers, asides, scripts
    and forms, but a <form> with three <p> or more (it may wrap a whole ASP.NET page)."""
    order: list[Tag] = []
    stack = [root]
    while stack:
        tag = stack.pop()
        order.append(tag)
        stack.extend(c for c in tag.contents if isinstance(c, Tag))
    skip = {id(t) for t in order if t.name in _DROP and t.name != "form" and t is not root}
    paragraphs: dict[int, int] = {}  # <p> in each element, not counting left-out ones
    for tag in reversed(order):  # each element after everything inside it
        paragraphs[id(tag)] = sum(paragraphs[id(c)] + (c.name == "p") for c in tag.contents
                                  if isinstance(c, Tag) and id(c) not in skip)
    skip.update(id(t) for t in order
                if t.name == "form" and paragraphs[id(t)] < 3 and t is not root)
    return skip


def _body(root: Tag, skip: set[int]) -> list[Block]:
    """A block for each <p> outside figures and each outermost <figure>, in order.

    Text belongs to its nearest <p>, so unclosed paragraphs ("<p>one<p>two"), which
    the parser nests, give one block each instead of repeating what follows them.
    """
    parts: list[Tag | list[str]] = []  # a figure, or the pieces of a paragraph
    stack: list[tuple[PageElement, list[str] | None]] = [
        (c, None) for c in reversed(root.contents)
    ]
    while stack:
        node, pieces = stack.pop()
        if isinstance(node, Tag):
            if id(node) in skip:
                continue
            if node.name == "figure":
                parts.append(node)  # its <p> are no body text
                continue
            if node.name == "p":
                pieces = []
                parts.append(pieces)
            elif node.name == "br" and pieces is not None:
                pieces.append("\n")
            stack.extend((c, pieces) for c in reversed(node.contents))
        elif pieces is not None and type(node) in _TEXT_TYPES:
            pieces.append(str(node))
    blocks: list[Block] = []
    for part in parts:
        if isinstance(part, Tag):
            if caption := _caption(part, skip):
                blocks.append(caption)
        elif paragraph := normalise_whitespace("".join(part)):
            blocks.append(Block(paragraph))
    return blocks


def parse_html(text: str) -> Draft:
    """An HTML page: metadata from <meta>/<h1>/<title>/<time>, text from <p>.

    The body is the <p> text of the largest <article>, else <main>, else <body>,
    without navigation, headers, footers, asides, forms and scripts. A <figure>
    with a <figcaption> becomes a caption; an element with class "credit" inside
    it (or a trailing "Credit:"/"Photo:") gives the credit.
    """
    soup = _soup(text)
    draft = Draft()
    meta = _meta(soup)
    title = meta.get("og:title") or meta.get("twitter:title") or _text(soup.find("h1"))
    draft.title = title or _text(soup.find("title")) or None
    draft.byline = _byline(soup, meta)
    for key in ("article:published_time", "datepublished", "date", "pubdate", "dc.date"):
        if key in meta and (found := parse_date(meta[key])):
            draft.date = found
            break
    time_tag = soup.find("time")
    if draft.date is None and isinstance(time_tag, Tag):
        stamp = time_tag.get("datetime")
        draft.date = parse_date(stamp if isinstance(stamp, str) else _text(time_tag))
    canonical = soup.find("link", attrs={"rel": "canonical"})
    href = canonical.get("href") if isinstance(canonical, Tag) else None
    draft.url = (normalise_whitespace(href) if isinstance(href, str) else None) or meta.get(
        "og:url")

    root = _largest(soup, "article") or _largest(soup, "main") or soup.find("body")
    if not isinstance(root, Tag):
        root = soup
    skip = _boilerplate(root)
    draft.blocks = _body(root, skip)
    if not draft.blocks:
        lines = (line for piece in _strings(root, skip) if piece != "\n"
                 for line in piece.split("\n"))
        draft.blocks = [Block(p) for p in map(normalise_whitespace, lines) if p]
    return draft
