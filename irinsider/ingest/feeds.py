"""News feeds (RSS, Atom, RDF) read into the items they list.

    feed = parse_feed(page.content, page.url)      # Feed(url, title, items); ParseProblem
    for item in feed.items:                        # FeedItem(key, link, title, published)
        ...

A caller that follows feeds over time (`ingest`, `watch --feed`) hands `read_inputs`
a `FeedLog`: what it knows of each feed (the validators of its last full answer, the
items taken before) and what it learns (each item read, each feed read whole). The
one that keeps them in the database is `batch.feeds.StoreFeeds`.

feedparser reads the feed, leniently: a feed it had to repair still gives the items
it found whole. An item is known by its key, which stays the same when the feed is
fetched again: its id (guid), else its link. Its link is made absolute against the
feed's address; an item without one, or whose link is no web address, is left out.
Items keep the feed's order (newest first, as feeds list them).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol
from urllib.parse import urljoin

from .fetch import is_url
from .formats import ParseProblem, normalise_whitespace

__all__ = ["Feed", "FeedItem", "FeedLog", "parse_feed"]

_XML_PLACE = re.compile(r"^<unknown>:(\d+):(\d+): (.*)$")


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: where its article is, and what the feed says of it."""

    key: str
    link: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Feed:
    """A feed and its items, in the feed's order."""

    url: str
    title: str | None
    items: tuple[FeedItem, ...]


class FeedLog(Protocol):
    """What a caller following feeds knows and learns of them (see `read_inputs`)."""

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """ETag and Last-Modified of the feed's last full answer, for a conditional GET."""
        ...

    def is_new(self, url: str, key: str) -> bool:
        """Whether the item of that key has not been taken from the feed before."""
        ...

    def item_read(self, url: str, item: FeedItem, result: Any) -> None:
        """A new item of the feed was read: `result` is its `Article` or `InputError`."""
        ...

    def feed_read(self, url: str, etag: str | None, last_modified: str | None,
                  feed: Feed | None) -> None:
        """The feed answered: its new items were all read (`feed` is None when it had
        not changed since the validators given)."""
        ...


def _date(entry: Any) -> date | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(name)
        if stamp:
            try:
                return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None


def _text(value: Any) -> str | None:
    return normalise_whitespace(value) or None if isinstance(value, str) else None


def _item(entry: Any, base: str) -> FeedItem | None:
    link = _text(entry.get("link"))
    if not link:
        link = next((_text(e.get("href")) for e in entry.get("links") or []
                     if isinstance(e, dict) and e.get("rel", "alternate") == "alternate"), None)
    if not link:
        return None
    link = urljoin(base, link)
    if not is_url(link):
        return None
    title, published = _text(entry.get("title")), _date(entry)
    return FeedItem(_text(entry.get("id")) or link, link, title, published)


def _reason(problem: object) -> str:
    """feedparser's complaint on one short line: "no element found at line 2, column 30"."""
    text = " ".join(str(problem).split())
    where = _XML_PLACE.match(text)
    if where:
        text = f"{where[3]} at line {where[1]}, column {where[2]}"
    return text[:120]


def parse_feed(content: bytes, url: str, media_type: str = "application/xml") -> Feed:
    """The items of the feed in `content`, fetched from `url` as `media_type`.

    Raises `ParseProblem` when `content` is no feed or none of its items can be read.
    """
    import feedparser  # imported when a feed is read, not with the package

    parsed = feedparser.parse(io.BytesIO(content), sanitize_html=False,
                              resolve_relative_uris=False,
                              response_headers={"content-location": url,
                                                "content-type": media_type})
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.get("entries") or []:
        item = _item(entry, url)
        if item is not None and item.key not in seen:
            seen.add(item.key)
            items.append(item)
    problem = parsed.get("bozo_exception")
    if not parsed.get("version") or (problem is not None and not items):
        reason = _reason(problem) if problem is not None else "no feed"
        raise ParseProblem(f"not a readable feed ({reason})")
    feed = parsed.get("feed") or {}
    return Feed(url, _text(feed.get("title")), tuple(items))
