"""An article written out as it was read, for a person to check before coding.

    article_markdown(article) -> str     Markdown with YAML front matter
    article_record(article)   -> dict    one JSON Lines record

The Markdown is what irinsider's Markdown reader reads back as the same article:
front matter with title, byline, date, url and source (the file or web address it
came from), the body paragraphs, and each caption in place, in italics, as
"*Caption: TEXT (Credit: NAME)*". The record holds the same: id, source, title,
byline, date, url, text (paragraphs separated by a blank line) and captions
(text and credit each).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..model import Article

__all__ = ["article_markdown", "article_record"]

# A paragraph starting so would be read as Markdown syntax: a heading, quote, list,
# rule or code fence; a backslash before the mark keeps it text.
_MARK_START = re.compile(r"^[#>*+\-`~]")
_NUMBERED = re.compile(r"^(\d{1,3})([.)])(?=\s|$)")


def _paragraph(text: str) -> str:
    if _MARK_START.match(text):
        return "\\" + text
    return _NUMBERED.sub(r"\1\\\2", text)


def article_markdown(article: Article) -> str:
    """The article as Markdown with front matter, ending with a blank line."""
    front = {
        "title": article.title,
        "byline": article.byline,
        "date": article.date,
        "url": article.url,
        "source": article.source_path,
    }
    lines = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False,
                                   width=1_000_000).rstrip("\n"), "---", ""]
    for block in article.blocks:
        if block.kind == "caption":
            credit = f" (Credit: {block.credit})" if block.credit else ""
            lines += [f"*Caption: {block.text}{credit}*", ""]
        else:
            lines += [_paragraph(block.text), ""]
    return "\n".join(lines) + "\n"


def article_record(article: Article) -> dict[str, Any]:
    """The article as one JSON-ready record."""
    return {
        "id": article.id,
        "source": article.source_path,
        "title": article.title,
        "byline": article.byline,
        "date": article.date.isoformat() if article.date else None,
        "url": article.url,
        "text": article.body,
        "captions": [{"text": b.text, "credit": b.credit} for b in article.captions],
    }
