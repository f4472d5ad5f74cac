"""What readers send: form fields cleaned, uploaded images checked, articles built.

    build_article(text, "markdown", title=..., captions=[("A plant", "Ana Ruiz")])
    await read_image(form.get("image1"), limit)   -> (file name, bytes, MIME type) or None

The JSON API's bodies (`DraftIn`, `PublishIn`, `CorrectionIn`) say the same limits
in the OpenAPI schema.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from ..errors import InputError
from ..ingest import article_id, parse_text
from ..model import Article, Block
from .security import size_label

__all__ = ["FORMATS", "MAX_IMAGES", "MAX_TEXT", "CorrectionIn", "DraftIn", "PublishIn",
           "article_from_dict", "article_to_dict", "build_article", "clean", "need",
           "read_image"]

MAX_TEXT = 400_000  # characters of one article
MAX_IMAGES = 3
FORMATS = ("auto", "markdown", "text", "html")
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"),
          (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"))
_NOT_IN_PATH = re.compile(r"[/\\?#%\x00-\x1f\x7f]")  # an id is one segment of /articles/{id}


class DraftIn(BaseModel):
    """An article to preview: its text and, optionally, fields that override it."""

    text: str = Field(description="The article: Markdown with front matter, HTML or text",
                      max_length=MAX_TEXT)
    format: str = Field("auto", description="auto, markdown, text or html")
    author: str = Field(description="Who adds it", min_length=1, max_length=80)
    title: str | None = Field(None, max_length=500)
    byline: str | None = Field(None, max_length=300)
    date: str | None = Field(None, description="YYYY-MM-DD")
    url: str | None = Field(None, max_length=2000)


# PublishIn and CorrectionIn have no docstring: it would become their description in
# the OpenAPI schema.
class PublishIn(BaseModel):
    author: str = Field(description="Who publishes it", min_length=1, max_length=80)


class CorrectionIn(BaseModel):
    field: str = Field(description="wrong, cameo, source or target")
    value: str | None = Field(None, description="The new code (not for 'wrong')",
                              max_length=40)
    reason: str = Field(description="Why", min_length=3, max_length=500)
    author: str = Field(description="Who corrects it", min_length=1, max_length=80)


def clean(value: Any, limit: int) -> str | None:
    """A form field as one line of at most `limit` characters; None if empty or a file."""
    if value is None or isinstance(value, UploadFile):
        return None
    text = " ".join(str(value).split())
    return text[:limit] or None


def need(value: str | None, what: str) -> str:
    """`value`, or a 400 error asking the reader to fill in `what`."""
    if not value:
        raise InputError("form", f"fill in {what}")
    return value


def _image_type(data: bytes) -> str | None:
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


async def read_image(item: Any, limit: int) -> tuple[str, bytes, str] | None:
    """An uploaded image as (safe file name, bytes, MIME type); None if no file was sent.

    413 if it is over `limit` bytes; 400 if it is not a PNG, JPEG, GIF or WebP file.
    """
    if not isinstance(item, UploadFile) or not item.filename:
        return None
    data = await item.read(limit + 1)
    if not data:
        return None
    if len(data) > limit:
        raise HTTPException(413, f"image {item.filename!r} is larger than {size_label(limit)}; "
                                 "send a smaller one")
    mime = _image_type(data)
    if mime is None:
        raise InputError("form", f"image {item.filename!r} is not a PNG, JPEG, GIF or WebP "
                                 "file")
    name = re.sub(r"[^\w.-]+", "_", item.filename)[-100:]
    return name, data, mime


def build_article(text: str, fmt: str, *, title: str | None = None, byline: str | None = None,
                  day: str | None = None, url: str | None = None,
                  captions: Sequence[tuple[str, str | None]] = ()) -> Article:
    """The article a reader submitted: parsed text, their overrides and image captions."""
    if fmt not in FORMATS:
        raise InputError("form", f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if len(text) > MAX_TEXT:
        raise InputError("form", f"the text is longer than {MAX_TEXT:,} characters")
    try:
        parsed = parse_text(text, fmt=fmt)
    except ValueError:
        raise InputError("form", "paste one article; JSON Lines holds many (use irinsider "
                                 "ingest for those)") from None
    derived = parsed.id == article_id(parsed.title, parsed.blocks)
    if not derived and (_NOT_IN_PATH.search(parsed.id) or parsed.id in (".", "..")):
        raise InputError("form", f"id {parsed.id!r} cannot be part of a web address; leave "
                                 "out '/', '\\', '?', '#' and '%', or leave the id out")
    when = parsed.date
    if day:
        try:
            when = date.fromisoformat(day)
        except ValueError:
            raise InputError("form", f"date {day!r} is not YYYY-MM-DD") from None
    blocks = parsed.blocks + tuple(Block(c, "caption", credit) for c, credit in captions)
    article = replace(parsed, title=title or parsed.title, byline=byline or parsed.byline,
                      date=when, url=url or parsed.url, blocks=blocks, source_path=None)
    if derived:
        article = replace(article, id=article_id(article.title, article.blocks))
    return article


def article_to_dict(article: Article) -> dict[str, Any]:
    """An article as a draft keeps it (JSON)."""
    return {"id": article.id, "title": article.title, "byline": article.byline,
            "date": article.date.isoformat() if article.date else None, "url": article.url,
            "format": article.format,
            "blocks": [[b.kind, b.text, b.credit] for b in article.blocks]}


def article_from_dict(data: dict[str, Any]) -> Article:
    """The article a draft keeps, back from `article_to_dict`."""
    return Article(
        id=data["id"], title=data["title"], byline=data["byline"],
        date=date.fromisoformat(data["date"]) if data["date"] else None, url=data["url"],
        blocks=tuple(Block(text, kind, credit) for kind, text, credit in data["blocks"]),
        format=data["format"],
    )
