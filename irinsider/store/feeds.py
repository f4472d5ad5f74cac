"""The news feeds followed: what each last answered (for conditional requests) and which
of its items were taken, so that a restart neither misses nor repeats an item."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .connection import Database
from .rows import _now

__all__ = ["FeedState", "Feeds"]


@dataclass(frozen=True)
class FeedState:
    """What a feed last answered in full: its validators and title."""

    url: str
    etag: str | None
    last_modified: str | None
    title: str | None
    checked_at: str | None


class Feeds(Database):
    """Feeds and the items taken from them."""

    def feed_state(self, url: str) -> FeedState | None:
        """What the feed at `url` last answered in full, or None for a feed never read."""
        rows = self._query("SELECT url, etag, last_modified, title, checked_at FROM feeds "
                           "WHERE url = ?", (url,))
        return FeedState(*rows[0]) if rows else None

    def set_feed_state(self, url: str, *, etag: str | None, last_modified: str | None,
                       title: str | None) -> None:
        """Keep the validators of the feed's last full answer, once all its items are in."""
        self._execute(
            "INSERT INTO feeds (url, etag, last_modified, title, checked_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, "
            "title = coalesce(excluded.title, title), checked_at = excluded.checked_at",
            (url, etag, last_modified, title, _now()))

    def seen_feed_items(self, url: str) -> set[str]:
        """The keys of the items of the feed at `url` already taken."""
        return {key for (key,) in self._query(
            "SELECT item_key FROM feed_items WHERE feed_url = ?", (url,))}

    def mark_feed_item(self, url: str, key: str, *, link: str | None,
                       article_id: str | None) -> None:
        """Record an item as taken: its article stored (`article_id`), or read and found
        to hold none (None). Both rows are written in one transaction."""
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.execute("INSERT OR IGNORE INTO feeds (url) VALUES (?)", (url,))
                self._conn.execute(
                    "INSERT OR REPLACE INTO feed_items (feed_url, item_key, link, article_id, "
                    "seen_at) VALUES (?, ?, ?, ?, ?)", (url, key, link, article_id, _now()))
        except sqlite3.Error as exc:
            raise self._error("record a feed item", exc) from exc
