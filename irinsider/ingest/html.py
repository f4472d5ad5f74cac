"""The reader of HTML pages: trafilatura's article and metadata, with our captions.

    parse_html(text, url=None) -> Draft    (raises ParseProblem)

`markup.parse_page` parses the page (size cap, linear time, depth cap). Figures are
read here, as trafilatura leaves them out: each outermost <figure> (or WordPress
"wp-caption") with a caption becomes a caption block, with the credit of an element
of class "credit" or "copyright" in it or of a trailing "Credit:"/"Photo:", and a
marker takes its place in the page. trafilatura finds the article's text and its
title, author, date and canonical URL; a caption whose marker it kept is placed
there, so a figure in a sidebar or a list of other stories gives none. The body is a
block for each paragraph, list item, quote and table row; a heading before the
first paragraph (the headline), a paragraph repeating the title and the "By" line
are left out, and the byline is cleaned as in the other formats.

trafilatura's time grows faster than the page on some markup (its jusText and
readability second opinions are quadratic in runs of short paragraphs; it checks
the ancestors of each element), so how much of it runs depends on the page's size:
all of it up to `FULL_ELEMENTS` elements, no second opinions up to `MAX_ELEMENTS`,
and above that its metadata only, the body being the page's text blocks in order.
News pages have a few thousand elements.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from configparser import ConfigParser

import lxml.html
from lxml.etree import _Element
from trafilatura import bare_extraction
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document, Extractor, use_config

from ..model import Block
from .formats import (
    CREDIT_LINE,
    Draft,
    clean_byline,
    normalise_whitespace,
    parse_date,
    split_credit,
)
from .markup import parse_page

__all__ = ["FULL_ELEMENTS", "MAX_ELEMENTS", "parse_html"]

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())  # no log lines on stderr

_MARK = re.compile("\ue000(\\d+)\ue001")  # private-use characters, taken out of the page
_BLOCKS = frozenset("p head item row quote code list table".split())
_SPACED = ("lb", "cell", "item", "row", "p", "head")  # a word ends where these end
_PLAIN_BLOCKS = frozenset("p div li dd dt td th tr h1 h2 h3 h4 h5 h6 blockquote pre article "
                          "section main ul ol dl table figure figcaption".split())
_PLAIN_SKIPPED = frozenset("nav header footer aside head".split())
# Elements of a page trafilatura reads with its second opinions, and at all (see parse_html).
_KICKER_WORDS = 5
FULL_ELEMENTS = 4_000
MAX_ELEMENTS = 15_000


def _config() -> ConfigParser:
    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


_CONFIG = _config()


def _classes(element: _Element) -> str:
    return str(element.get("class") or "").lower() if isinstance(element.tag, str) else ""


def _text(element: _Element) -> str:
    return normalise_whitespace("".join(element.itertext()))


def _is_figure(element: _Element) -> bool:
    """A <figure>, or what WordPress wrote before it had them (class "wp-caption")."""
    return element.tag == "figure" or "wp-caption" in _classes(element).replace(
        "wp-caption-", "")


def _caption(figure: _Element) -> Block | None:
    figcaption = next((e for e in figure.iter() if e.tag == "figcaption"
                       or "wp-caption-text" in _classes(e)), None)
    if figcaption is None:
        return None
    for line_break in figcaption.iter("br"):
        line_break.tail = " " + (line_break.tail or "")
    credit = None
    for element in figcaption.iter():
        if element is not figcaption and ("credit" in _classes(element)
                                          or "copyright" in _classes(element)):
            credit = CREDIT_LINE.sub(r"\g<who>", _text(element)).strip(" .") or None
            element.drop_tree()  # keeps the text after it
            break
    text, found = split_credit(_text(figcaption))
    return Block(text, "caption", credit or found) if text else None


def _outermost_figures(tree: _Element) -> list[_Element]:
    """The figures in `tree` that are not inside another one, in document order."""
    found: list[_Element] = []
    stack = list(reversed(tree))
    while stack:
        element = stack.pop()
        if _is_figure(element):
            found.append(element)
        else:
            stack.extend(reversed(element))
    return found


def _put_marker(figure: _Element, number: int) -> None:
    """Put the marker of caption `number` where `figure` is, and take the figure out.

    In a paragraph, the marker is text (the paragraph is cut there); elsewhere, a
    paragraph of its own.
    """
    marker = f"\ue000{number}\ue001"
    if next(figure.iterancestors("p"), None) is None:
        paragraph = lxml.html.Element("p")
        paragraph.text = marker
        figure.addprevious(paragraph)
    else:
        previous, parent = figure.getprevious(), figure.getparent()
        if previous is not None:
            previous.tail = f"{previous.tail or ''} {marker} "
        elif parent is not None:
            parent.text = f"{parent.text or ''} {marker} "
    figure.drop_tree()  # keeps the text after it


def _take_captions(tree: _Element) -> list[Block]:
    """The caption of each figure; in the tree, a marker for each (or nothing)."""
    captions: list[Block] = []
    for figure in _outermost_figures(tree):
        caption = _caption(figure)
        if caption is None:
            figure.drop_tree()
            continue
        _put_marker(figure, len(captions))
        captions.append(caption)
    return captions


def _holds_blocks(element: _Element) -> bool:
    return any(c.tag in _BLOCKS for c in element)


def _leaves(body: _Element) -> Iterator[tuple[str, str]]:
    """(tag, text) of each block of trafilatura's output, in order.

    An element holding paragraphs, items or rows is cut into them; text between them
    is a block of its own.
    """
    stack: list[_Element | str] = [body]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield "p", item
        elif item is body or any(c.tag in _BLOCKS or (c.tag == "cell" and _holds_blocks(c))
                                 for c in item):
            parts: list[_Element | str] = [item.text or ""]
            for child in item:
                parts += [child, child.tail or ""]
            stack.extend(reversed(parts))
        else:
            yield str(item.tag), "".join(item.itertext())


def _plain_leaves(root: _Element) -> Iterator[tuple[str, str]]:
    """("p", text) of each run of text between block elements of the page, in order.

    Navigation, headers, footers and asides are left out.
    """
    pieces: list[str] = []
    stack: list[_Element | str | None] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item)
            continue
        if item is None or (isinstance(item.tag, str) and item.tag in _PLAIN_BLOCKS):
            if text := "".join(pieces):
                yield "p", text
            pieces.clear()
        if item is None or not isinstance(item.tag, str):
            continue
        stack.append(item.tail or "")
        if item.tag in _PLAIN_SKIPPED:
            continue
        if item.tag in _PLAIN_BLOCKS:
            stack.append(None)  # the end of the block
        elif item.tag == "br":
            pieces.append(" ")
        stack.extend(reversed(item))
        stack.append(item.text or "")
    if text := "".join(pieces):
        yield "p", text


def _blocks(leaves: Iterator[tuple[str, str]], captions: list[Block],
            title: str | None) -> list[Block]:
    """Body blocks of the (tag, text) leaves, and the captions where their markers are.

    Headings before the first paragraph are left out, and so are the short lines before
    a headline that repeats the title (a section name, a kicker).
    """
    blocks: list[Block] = []
    started = False  # a paragraph seen: headings after it are the article's
    for tag, text in leaves:
        pieces = _MARK.split(text)  # text, marker number, text, ...
        for number, piece in enumerate(pieces):
            if number % 2:
                blocks.append(captions[int(piece)])
            elif piece := normalise_whitespace(piece):
                if tag == "head" and not started:
                    if piece == title:
                        blocks = [b for b in blocks if len(b.text.split()) > _KICKER_WORDS]
                    continue
                started = True
                blocks.append(Block(piece))
    return blocks


def _without_header(blocks: list[Block], title: str | None, byline: str | None) -> list[Block]:
    """`blocks` without those that repeat the title or are the "By" line, if others remain."""
    def header(block: Block) -> bool:
        if block.kind != "body":
            return False
        if block.text == title:
            return True
        return block.text[:3].lower() == "by " and clean_byline(block.text) == byline

    kept = [b for b in blocks if not header(b)]
    return kept if any(b.kind == "body" for b in kept) else blocks


def _extract(tree: _Element, url: str | None, fast: bool) -> Document | None:
    options = Extractor(config=_CONFIG, output_format="python", comments=False, tables=True,
                        with_metadata=True, url=url, fast=fast)
    document = bare_extraction(tree, options=options)
    return document if isinstance(document, Document) else None


def parse_html(text: str, url: str | None = None) -> Draft:
    """An HTML page: its article text, captions and metadata.

    `url` is where the page came from, if it was fetched: the article's URL when the
    page names no canonical one.
    """
    tree = parse_page(text.replace("\ue000", " ").replace("\ue001", " "))
    captions = _take_captions(tree)
    size = sum(1 for _ in tree.iter())
    draft = Draft(url=url)
    document: Document | None
    if size > MAX_ELEMENTS:
        document = extract_metadata(tree, url)
        body = tree.find("body")
        leaves = _plain_leaves(tree if body is None else body)
    else:
        document = _extract(tree, url, fast=size > FULL_ELEMENTS)
        if document is None or document.body is None:
            return draft
        for element in document.body.iter(*_SPACED):
            element.tail = " " + (element.tail or "")
        leaves = _leaves(document.body)
    draft.title = normalise_whitespace(document.title or "") or None
    draft.byline = clean_byline(document.author) if document.author else None
    blocks = _blocks(leaves, captions, draft.title)
    draft.blocks = _without_header(blocks, draft.title, draft.byline)
    draft.date = parse_date(document.date) if document.date else None
    if document.url:
        draft.url = normalise_whitespace(document.url) or draft.url
    return draft
