"""Writing coded articles: one article a transaction, its groups kept in step, and the
readers' corrections applied again when it is re-coded."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Self

from ..dedup import DEFAULT_WINDOW
from ..errors import StoreError
from ..model import Article, CodedArticle, Event, content_hash, party_of
from .connection import Database
from .groups import _Grouper
from .rows import (
    _ARTICLE_COLUMNS,
    _INSERT_EVENT,
    _KEY_SQL,
    CORRECTABLE_COLUMNS,
    _iso,
    _now,
    issues_to_text,
)

__all__ = ["Writes"]


def _usd(event: Event) -> float | None:
    values = [q.value for q in event.quantities
              if q.kind in ("money", "range") and q.unit == "USD"]
    return sum(values) if values else None



class Writes(Database):
    """Saving and deleting articles, and the event groups' window."""

    def save(self, coded: CodedArticle, *, force: bool = False) -> bool:
        """Store one coded article in one transaction; False if it was already stored.

        An article with the same id and content hash is left alone unless
        `force` is set (to store it again, e.g. after re-coding). The same id
        with other content replaces every row of the old article; its publication
        and the readers' corrections are kept, and the corrections applied again.
        """
        try:
            if self._conn.in_transaction:  # inside bulk()
                return self._save(coded, force)
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                return self._save(coded, force)
        except sqlite3.Error as exc:
            raise self._error(f"save article {coded.article.id!r}", exc,
                              "; nothing was written") from exc

    def save_many(self, items: Iterable[CodedArticle], *, force: bool = False) -> int:
        """Store many coded articles in one transaction; return how many were written."""
        written = 0
        with self.bulk():
            for coded in items:
                written += self.save(coded, force=force)
        return written

    @contextmanager
    def bulk(self) -> Iterator[Self]:
        """One transaction around many writes (`save`, `save_entities`): all land or none."""
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                yield self
        except sqlite3.Error as exc:
            raise self._error("write", exc, "; nothing was written") from exc

    def _save(self, coded: CodedArticle, force: bool) -> bool:
        article = coded.article
        digest = content_hash(article)
        conn = self._conn
        row = conn.execute(
            "SELECT content_hash, published_at, published_by FROM articles WHERE id = ?",
            (article.id,),
        ).fetchone()
        published: tuple[str | None, str | None] = (None, None)
        grouper = self._grouper()
        touched: set[tuple[Any, ...]] = set()
        if row is not None:
            if row[0] == digest and not force:
                return False
            published = (row[1], row[2])
            touched = grouper.touched("e.article_id = ?", (article.id,))
            conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
        self._insert_article(article, digest)
        if published[0] is not None:
            conn.execute("UPDATE articles SET published_at = ?, published_by = ? WHERE id = ?",
                         (*published, article.id))
        self._insert_sentences(article.id, coded)
        self._insert_events(article.id, coded.events)
        self._apply_corrections(article.id)
        grouper.update(touched | grouper.touched("e.article_id = ?", (article.id,)))
        return True

    def _grouper(self) -> _Grouper:
        return _Grouper(self._conn, self._group_window())

    def _group_window(self) -> int:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'group_window'").fetchone()
        try:
            return int(row[0])
        except (TypeError, ValueError):
            return DEFAULT_WINDOW

    def group_window(self) -> int:
        """Days apart two mentions of one event may be (see `dedup`)."""
        try:
            return self._group_window()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read the database ({exc})") from exc

    def set_group_window(self, days: int) -> bool:
        """Group mentions `days` apart at most from now on, regrouping every stored event in
        one transaction; False if that was the window already."""
        if days < 0:
            raise StoreError(f"the grouping window must be 0 days or more, not {days}")
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                if self._group_window() == days:
                    return False
                self._conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('group_window', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(days),),
                )
                _Grouper(self._conn, days).rebuild()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot regroup the events ({exc}); nothing was "
                             "changed") from exc
        return True

    def regroup(self) -> None:
        """Compute every event group again from the stored events, in one transaction."""
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._grouper().rebuild()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot regroup the events ({exc})") from exc

    def delete_article(self, article_id: str) -> bool:
        """Remove an article with its events, corrections and images, in one transaction,
        and regroup what it reported; False if there was no such article."""
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                grouper = self._grouper()
                touched = grouper.touched("e.article_id = ?", (article_id,))
                cursor = self._conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                if cursor.rowcount == 0:
                    return False
                self._conn.execute("DELETE FROM corrections WHERE article_id = ?", (article_id,))
                self._conn.execute("DELETE FROM images WHERE owner = ?", (article_id,))
                grouper.update(touched)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot delete article {article_id!r} ({exc}); "
                             "nothing was changed") from exc
        return True

    def _insert_article(self, article: Article, digest: str) -> None:
        self._conn.execute(
            f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id, article.title, article.byline, _iso(article.date), article.url,
                article.source_path, article.format, digest, _now(),
            ),
        )
        self._conn.executemany(
            "INSERT INTO blocks (article_id, idx, kind, text, credit) VALUES (?, ?, ?, ?, ?)",
            [(article.id, i, b.kind, b.text, b.credit) for i, b in enumerate(article.blocks)],
        )

    def _insert_sentences(self, article_id: str, coded: CodedArticle) -> None:
        self._conn.executemany(
            "INSERT INTO sentences (article_id, idx, block, kind, start, text) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, s.index, s.block, s.kind, s.start, s.text) for s in coded.sentences],
        )
        self._conn.executemany(
            'INSERT INTO actors (article_id, sentence, start, "end", text, code, country, '
            "sector, kind, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, i, a.start, a.end, a.text, a.code, a.country, a.sector, a.kind,
                 a.name)
                for i, mentions in enumerate(coded.actors)
                for a in mentions
            ],
        )

    def _insert_events(self, article_id: str, events: tuple[Event, ...]) -> None:
        for e in events:
            target = e.target_span or (None, None)
            cursor = self._conn.execute(
                _INSERT_EVENT,
                (
                    article_id, e.sentence, e.source, e.target, e.source_country,
                    e.target_country, e.cameo, e.root, e.plover, e.plover_mode, e.goldstein,
                    e.quad_class, e.date, e.evidence, e.source_span[0], e.source_span[1],
                    target[0], target[1], e.trigger_span[0], e.trigger_span[1], e.trigger,
                    int(e.negated), e.modality, e.confidence, e.rule, e.source_name,
                    e.target_name, int(e.caption), e.date_precision, e.date_text, e.place,
                    e.place_name, e.place_country, e.place_kind, e.place_lat, e.place_lon,
                    e.intended_cameo, issues_to_text(e.issues),
                    party_of(e.source, e.source_country), party_of(e.target, e.target_country),
                    _usd(e),
                ),
            )
            if e.quantities:
                self._conn.executemany(
                    'INSERT INTO quantities (event_id, kind, value, value_max, unit, text, '
                    'start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                    [
                        (cursor.lastrowid, q.kind, q.value, q.value_max, q.unit, q.text,
                         q.start, q.end)
                        for q in e.quantities
                    ],
                )


    # ------------------------------------------------------------------ corrections

    def _set_event(self, event_id: int, changes: dict[str, Any]) -> None:
        columns = sorted(set(changes) & CORRECTABLE_COLUMNS)
        if columns:
            self._conn.execute(
                f"UPDATE events SET {', '.join(c + ' = ?' for c in columns)} WHERE id = ?",
                [*(changes[c] for c in columns), event_id],
            )

    def _apply_corrections(self, article_id: str) -> None:
        rows = self._conn.execute(
            f"SELECT c.changes, (SELECT e.id FROM events e WHERE e.article_id = c.article_id "
            f"AND e.sentence = c.sentence AND e.evidence = c.evidence AND {_KEY_SQL} = "
            "c.event_key ORDER BY e.id LIMIT 1) FROM corrections c WHERE c.article_id = ? "
            "ORDER BY c.id",
            (article_id,),
        ).fetchall()
        for changes, event_id in rows:
            if event_id is not None:
                self._set_event(event_id, json.loads(changes))
