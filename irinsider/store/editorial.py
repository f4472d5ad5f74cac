"""The reader's editorial state: publishing, drafts and their images, corrections, and the
entities (treaties, agreements, loans and deals) found in articles."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any

from ..errors import StoreError
from ..model import CodedArticle
from .rows import _ARTICLE_ROW_COLUMNS, _KEY_SQL, CORRECTABLE_COLUMNS, _now
from .writes import Writes

__all__ = ["Editorial"]


class Editorial(Writes):
    """What readers add to the stored articles."""

    # ------------------------------------------------------------------ publishing

    def publish(self, coded: CodedArticle, *, author: str, draft_id: str | None = None,
                ) -> None:
        """Store `coded` (again, if stored) as published by `author`, in one transaction.

        With `draft_id`, the draft's images move to the article and the draft is removed.
        """
        article_id = coded.article.id
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._save(coded, force=True)
                self._conn.execute(
                    "UPDATE articles SET published_at = coalesce(published_at, ?), "
                    "published_by = coalesce(published_by, ?) WHERE id = ?",
                    (_now(), author, article_id),
                )
                if draft_id is not None:
                    owner = f"draft:{draft_id}"
                    moved = self._conn.execute(
                        "SELECT count(*) FROM images WHERE owner = ?", (owner,)).fetchone()[0]
                    if moved:
                        self._conn.execute("DELETE FROM images WHERE owner = ?", (article_id,))
                        self._conn.execute("UPDATE images SET owner = ? WHERE owner = ?",
                                           (article_id, owner))
                    self._conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
        except sqlite3.Error as exc:
            raise self._error(f"publish article {article_id!r}", exc) from exc

    def mark_published(self, article_id: str, *, author: str) -> bool:
        """Mark a stored article published (once); False if there is no such article."""
        cursor = self._execute(
            "UPDATE articles SET published_at = coalesce(published_at, ?), "
            "published_by = coalesce(published_by, ?) WHERE id = ?",
            (_now(), author, article_id),
        )
        return cursor.rowcount > 0

    def published(self, limit: int = 50) -> list[dict[str, Any]]:
        """The most recently published articles, newest first, with their first paragraph."""
        rows = self._query(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_ROW_COLUMNS)}, "
            "(SELECT text FROM blocks b WHERE b.article_id = a.id AND b.kind = 'body' "
            " ORDER BY idx LIMIT 1) AS lead "
            "FROM articles a WHERE a.published_at IS NOT NULL "
            "ORDER BY a.published_at DESC, a.id LIMIT ?",
            (limit,),
        )
        return [dict(zip((*_ARTICLE_ROW_COLUMNS, "lead"), r, strict=True)) for r in rows]

    def save_draft(self, draft_id: str, *, author: str | None, source: str, fmt: str,
                   article: dict[str, Any],
                   images: Sequence[tuple[int, str | None, str, bytes]] = ()) -> None:
        """Keep an article being previewed (as JSON) with its images (block, name, mime, data)."""
        owner = f"draft:{draft_id}"
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.execute(
                    "INSERT OR REPLACE INTO drafts (id, created_at, author, source, format, "
                    "article) VALUES (?, ?, ?, ?, ?, ?)",
                    (draft_id, _now(), author, source, fmt,
                     json.dumps(article, ensure_ascii=False)),
                )
                self._conn.execute("DELETE FROM images WHERE owner = ?", (owner,))
                self._conn.executemany(
                    "INSERT INTO images (owner, block, filename, mime, data) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [(owner, block, name, mime, data) for block, name, mime, data in images],
                )
        except sqlite3.Error as exc:
            raise self._error("save the draft", exc) from exc

    def draft(self, draft_id: str) -> dict[str, Any] | None:
        """A draft: id, created_at, author, source, format and article (a dict)."""
        rows = self._query(
            "SELECT id, created_at, author, source, format, article FROM drafts WHERE id = ?",
            (draft_id,),
        )
        if not rows:
            return None
        keys = ("id", "created_at", "author", "source", "format", "article")
        out = dict(zip(keys, rows[0], strict=True))
        out["article"] = json.loads(out["article"])
        return out

    def delete_old_drafts(self, before: str) -> int:
        """Remove drafts created before the ISO time `before`, with their images."""
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                ids = [r[0] for r in self._conn.execute(
                    "SELECT id FROM drafts WHERE created_at < ?", (before,))]
                for draft_id in ids:
                    self._conn.execute("DELETE FROM images WHERE owner = ?",
                                       (f"draft:{draft_id}",))
                    self._conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
        except sqlite3.Error as exc:
            raise self._error("remove old drafts", exc) from exc
        return len(ids)

    def image(self, owner: str, block: int) -> tuple[str, bytes] | None:
        """(mime type, bytes) of the image of caption `block` of an article or draft."""
        rows = self._query("SELECT mime, data FROM images WHERE owner = ? AND block = ?",
                           (owner, block))
        return (rows[0][0], bytes(rows[0][1])) if rows else None

    def image_blocks(self, owner: str) -> dict[int, str | None]:
        """The caption blocks of an article or draft that have an image: {block: filename}."""
        return dict(self._query("SELECT block, filename FROM images WHERE owner = ?", (owner,)))

    # ------------------------------------------------------------------ corrections

    def add_correction(self, event_id: int, *, field: str, old: str | None, new: str | None,
                       changes: dict[str, Any], reason: str, author: str) -> int:
        """Record a reader's correction of one event and apply it; return its id.

        `changes` are the event columns to set (see `CORRECTABLE_COLUMNS`). The
        correction is kept by where its event's words lie, so it is applied again
        when the article is re-coded.
        """
        bad = set(changes) - CORRECTABLE_COLUMNS
        if bad:
            raise StoreError(f"a correction cannot set {', '.join(sorted(bad))}")
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                row = self._conn.execute(
                    f"SELECT e.article_id, e.sentence, e.evidence, {_KEY_SQL} "
                    "FROM events e WHERE e.id = ?",
                    (event_id,),
                ).fetchone()
                if row is None:
                    raise StoreError(f"no event {event_id}; it may have been re-coded")
                cursor = self._conn.execute(
                    "INSERT INTO corrections (article_id, sentence, evidence, event_key, field, "
                    "old, new, changes, reason, author, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*row, field, old, new, json.dumps(changes, ensure_ascii=False), reason,
                     author, _now()),
                )
                grouper = self._grouper()
                touched = grouper.touched("e.id = ?", (event_id,))
                self._set_event(event_id, changes)
                self._conn.execute("UPDATE events SET group_id = NULL WHERE id = ? AND wrong != 0",
                                   (event_id,))
                grouper.update(touched | grouper.touched("e.id = ?", (event_id,)))
        except sqlite3.Error as exc:
            raise self._error("save the correction", exc) from exc
        return int(cursor.lastrowid or 0)

    def corrections(self, *, article_id: str | None = None, page: int = 1,
                    per_page: int = 50) -> tuple[list[dict[str, Any]], bool]:
        """Corrections, newest first, each with the id of the event it now applies to
        (None when re-coding left no event there); and whether there are more."""
        where, params = ("c.article_id = ?", [article_id]) if article_id else ("1", [])
        rows = self._query(
            "SELECT c.id, c.article_id, c.sentence, c.evidence, c.event_key, c.field, c.old, "
            "c.new, c.reason, c.author, c.created_at, "
            f"(SELECT e.id FROM events e WHERE e.article_id = c.article_id AND e.sentence = "
            f"c.sentence AND e.evidence = c.evidence AND {_KEY_SQL} = c.event_key "
            "ORDER BY e.id LIMIT 1), a.title "
            f"FROM corrections c LEFT JOIN articles a ON a.id = c.article_id WHERE {where} "
            "ORDER BY c.id DESC LIMIT ? OFFSET ?",
            (*params, per_page + 1, (page - 1) * per_page),
        )
        keys = ("id", "article_id", "sentence", "evidence", "event_key", "field", "old", "new",
                "reason", "author", "created_at", "event_id", "article_title")
        out = [dict(zip(keys, r, strict=True)) for r in rows]
        return out[:per_page], len(out) > per_page

    # ------------------------------------------------------------------ entities

    def articles_to_analyse(self, limit: int = 200) -> list[str]:
        """Ids of articles whose entities were not found for their current content."""
        return [r[0] for r in self._query(
            "SELECT id FROM articles WHERE analysed_hash IS NOT content_hash LIMIT ?", (limit,))]

    def save_entities(self, article_id: str, digest: str,
                      entities: Sequence[tuple[str, str, str]],
                      mentions: Sequence[tuple[str, int, int, int, str]]) -> bool:
        """Replace an article's entity mentions: entities (id, kind, name) and mentions
        (entity id, sentence, start, end, text). False if the article changed meanwhile."""
        try:
            with nullcontext() if self._conn.in_transaction else self._conn:
                if not self._conn.in_transaction:
                    self._conn.execute("BEGIN IMMEDIATE")
                row = self._conn.execute("SELECT content_hash FROM articles WHERE id = ?",
                                         (article_id,)).fetchone()
                if row is None or row[0] != digest:
                    return False
                self._conn.execute("DELETE FROM entity_mentions WHERE article_id = ?",
                                   (article_id,))
                self._conn.executemany(
                    "INSERT INTO entities (id, kind, name) VALUES (?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET name = excluded.name "
                    "WHERE length(excluded.name) > length(entities.name)",
                    entities,
                )
                self._conn.executemany(
                    'INSERT INTO entity_mentions (entity_id, article_id, sentence, start, "end", '
                    "text) VALUES (?, ?, ?, ?, ?, ?)",
                    [(m[0], article_id, *m[1:]) for m in mentions],
                )
                self._conn.execute("UPDATE articles SET analysed_hash = ? WHERE id = ?",
                                   (digest, article_id))
        except sqlite3.Error as exc:
            raise self._error(f"save the entities of {article_id!r}", exc) from exc
        return True

    def entity_page(self, *, q: str | None = None, kind: str | None = None, page: int = 1,
                    per_page: int = 50) -> tuple[list[dict[str, Any]], bool]:
        """Entities with mentions, most mentioned first; and whether there are more."""
        where, params = ["1"], []
        if q:
            where.append("e.name LIKE ? ESCAPE '\\'")
            params.append("%" + re.sub(r"([%_\\])", r"\\\1", q) + "%")
        if kind:
            where.append("e.kind = ?")
            params.append(kind)
        rows = self._query(
            "SELECT e.id, e.kind, e.name, e.mentions, (SELECT count(DISTINCT m.article_id) "
            "FROM entity_mentions m WHERE m.entity_id = e.id) FROM entities e "
            f"WHERE e.mentions > 0 AND {' AND '.join(where)} "
            "ORDER BY e.mentions DESC, e.name LIMIT ? OFFSET ?",
            (*params, per_page + 1, (page - 1) * per_page),
        )
        keys = ("id", "kind", "name", "mentions", "articles")
        out = [dict(zip(keys, r, strict=True)) for r in rows]
        return out[:per_page], len(out) > per_page

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        """One entity with its counts of mentions and articles, or None if never mentioned."""
        rows = self._query(
            "SELECT e.id, e.kind, e.name, e.mentions, (SELECT count(DISTINCT m.article_id) "
            "FROM entity_mentions m WHERE m.entity_id = e.id) FROM entities e "
            "WHERE e.id = ? AND e.mentions > 0",
            (entity_id,),
        )
        if not rows:
            return None
        return dict(zip(("id", "kind", "name", "mentions", "articles"), rows[0], strict=True))

    def entity_mentions(self, *, entity_id: str | None = None, article_id: str | None = None,
                        limit: int = 100) -> list[dict[str, Any]]:
        """Mentions of an entity (newest articles first) or in an article, with the sentence."""
        where, params = (("m.entity_id = ?", [entity_id]) if entity_id
                         else ("m.article_id = ?", [article_id]))
        rows = self._query(
            'SELECT m.entity_id, ent.kind, ent.name, m.article_id, m.sentence, m.start, m."end", '
            "m.text, s.text, a.title, a.date FROM entity_mentions m "
            "JOIN entities ent ON ent.id = m.entity_id "
            "JOIN articles a ON a.id = m.article_id "
            "JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence "
            f"WHERE {where} ORDER BY a.date DESC, m.article_id, m.sentence, m.start LIMIT ?",
            (*params, limit),
        )
        keys = ("entity_id", "kind", "name", "article_id", "sentence", "start", "end", "text",
                "sentence_text", "article_title", "article_date")
        return [dict(zip(keys, r, strict=True)) for r in rows]
