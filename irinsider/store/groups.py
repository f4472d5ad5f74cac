"""Event groups: one event reported by several articles (see `dedup`).

`_Grouper` keeps the table `event_groups` and each event's `group_id` in step with the
events, inside the transaction of the write that changed them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from ..dedup import outlet, window_end
from .rows import _BATCH

__all__: list[str] = []

_GROUP_KEY_SQL = "source = ? AND cameo = ? AND target = ? AND negated = ?"
_MENTION_COLUMNS = (
    "e.id, e.article_id, e.date, e.group_id, a.url, a.byline, a.source_path, a.ingested_at, "
    "e.source_party, e.target_party, e.root, e.quad_class, e.goldstein, e.usd, "
    "e.date_precision"
)
_MENTION_FROM = " FROM events e JOIN articles a ON a.id = e.article_id "
_MENTION_SQL = f"SELECT {_MENTION_COLUMNS}{_MENTION_FROM}"
_MENTION_KEY_SQL = ("e.source = ? AND e.cameo = ? AND e.target IS ? AND e.negated = ? "
                    "AND e.wrong = 0")
_GROUP_COLUMNS = (
    "source", "target", "cameo", "negated", "scope", "first_date", "last_date", "first_seen",
    "last_seen", "num_mentions", "num_articles", "num_sources", "event_id", "source_party",
    "target_party", "root", "quad_class", "goldstein", "usd", "precision",
)
#: (source, target or "", cameo, negated 0/1)
_Key = tuple[str, str, str, int]


class _Grouper:
    """Keeps `event_groups` and `events.group_id` in step with the events (see dedup.py).

    Works inside the caller's transaction. After a change, only the groups of the keys
    touched are computed again, from the last group that opened on or before the earliest
    date touched, and only until the cut reaches a group that opened after the latest date
    touched and was already there: from that group on, nothing changed.
    """

    def __init__(self, conn: sqlite3.Connection, window: int) -> None:
        self.conn = conn
        self.window = window
        # a database being migrated through version 3 has no `precision` yet
        names = {row[1] for row in conn.execute("PRAGMA table_info(event_groups)")}
        self.columns = _GROUP_COLUMNS if "precision" in names else _GROUP_COLUMNS[:-1]

    def touched(self, where: str, params: Sequence[Any]) -> set[tuple[Any, ...]]:
        """(source, target, cameo, negated, date, article id) of the events `where` selects."""
        return set(self.conn.execute(
            "SELECT DISTINCT e.source, coalesce(e.target, ''), e.cameo, e.negated, e.date, "
            f"e.article_id FROM events e WHERE {where}",
            params,
        ))

    def update(self, touched: Iterable[tuple[Any, ...]]) -> None:
        """Compute the groups of the touched keys again."""
        dated: dict[_Key, list[str]] = {}
        undated: set[tuple[_Key, str]] = set()
        for source, target, cameo, negated, day, article_id in touched:
            k = (source, target, cameo, int(negated))
            if day:
                dated.setdefault(k, []).append(day)
            else:
                undated.add((k, article_id))
        for k, days in sorted(dated.items()):
            self._dated(k, min(days), max(days))
        for k, article_id in sorted(undated):
            self._undated(k, article_id)

    def rebuild(self) -> None:
        """Compute every group from scratch (a new window, or a migrated database)."""
        conn = self.conn
        conn.execute("DELETE FROM event_groups")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS group_of (event_id INTEGER PRIMARY KEY, "
                     "group_id INTEGER NOT NULL)")
        conn.execute("DELETE FROM temp.group_of")
        cursor = conn.execute(
            f"SELECT {_MENTION_COLUMNS}, e.source, coalesce(e.target, ''), e.cameo, e.negated"
            f"{_MENTION_FROM}WHERE e.wrong = 0 ORDER BY e.source, e.cameo, "
            "coalesce(e.target, ''), e.negated, e.date IS NULL, e.date, e.article_id, e.id"
        )
        members: list[tuple[Any, ...]] = []
        current: tuple[_Key, str] = (("", "", "", 0), "")
        end = ""
        while batch := cursor.fetchmany(_BATCH):
            for row in batch:
                day = row[2]
                place = ((row[15], row[16], row[17], int(row[18])), "" if day else row[1])
                if members and place == current and (place[1] or day <= end):
                    members.append(row)
                    continue
                if members:
                    self._write(members, *current, None, assign="temp.group_of")
                members, current = [row], place
                end = window_end(day, self.window) if day else ""
        if members:
            self._write(members, *current, None, assign="temp.group_of")
        conn.execute("UPDATE events SET group_id = (SELECT g.group_id FROM temp.group_of g "
                     "WHERE g.event_id = events.id)")
        conn.execute("DROP TABLE temp.group_of")

    # ---------------------------------------------------------------- one key

    def _dated(self, k: _Key, first: str, last: str) -> None:
        """Cut the dated mentions of `k` again around the dates `first`..`last` touched.

        Walks the mentions and the old groups, both in date order, side by side, and stops
        at the first group opening after `last` on a day an old group opened too.
        """
        conn = self.conn
        params = (k[0], k[2], k[1], k[3])
        restart = conn.execute(
            f"SELECT max(first_date) FROM event_groups WHERE {_GROUP_KEY_SQL} AND scope = '' "
            "AND first_date <= ?",
            (*params, first),
        ).fetchone()[0] or ""
        old_rows = conn.execute(
            f"SELECT first_date, id, {', '.join(self.columns)} FROM event_groups "
            f"WHERE {_GROUP_KEY_SQL} AND scope = '' AND first_date >= ? ORDER BY first_date",
            (*params, restart),
        )
        mentions = conn.execute(
            f"{_MENTION_SQL} WHERE {_MENTION_KEY_SQL} AND e.date >= ? "
            "ORDER BY e.date, e.article_id, e.id",
            (k[0], k[2], k[1] or None, k[3], restart),
        )
        old: dict[str, tuple[Any, ...]] = {}
        upcoming = next(old_rows, None)
        groups: list[list[tuple[Any, ...]]] = []
        stop: str | None = None
        end = ""
        for row in mentions:
            day = row[2]
            if groups and day <= end:
                groups[-1].append(row)
                continue
            while upcoming is not None and upcoming[0] <= day:
                old[upcoming[0]] = upcoming[1:]
                upcoming = next(old_rows, None)
            if day > last and day in old:  # the same cut from here on
                stop = day
                break
            groups.append([row])
            end = window_end(day, self.window)
        if stop is None:  # every old group left opened after the last mention
            while upcoming is not None:
                old[upcoming[0]] = upcoming[1:]
                upcoming = next(old_rows, None)
        mentions.close()
        old_rows.close()
        for members in groups:
            self._write(members, k, "", old.pop(members[0][2], None))
        for anchor, row in old.items():
            if stop is None or anchor < stop:
                conn.execute("DELETE FROM event_groups WHERE id = ?", (row[0],))

    def _undated(self, k: _Key, article_id: str) -> None:
        conn = self.conn
        members = conn.execute(
            f"{_MENTION_SQL} WHERE {_MENTION_KEY_SQL} AND e.date IS NULL AND e.article_id = ? "
            "ORDER BY e.id",
            (k[0], k[2], k[1] or None, k[3], article_id),
        ).fetchall()
        old = conn.execute(
            f"SELECT id, {', '.join(self.columns)} FROM event_groups "
            f"WHERE {_GROUP_KEY_SQL} AND scope = ? ORDER BY id",
            (k[0], k[2], k[1], k[3], article_id),
        ).fetchall()
        if members:
            self._write(members, k, article_id, old.pop(0) if old else None)
        for row in old:
            conn.execute("DELETE FROM event_groups WHERE id = ?", (row[0],))

    def _write(self, members: list[tuple[Any, ...]], k: _Key, scope: str,
               old: tuple[Any, ...] | None, assign: str = "") -> int:
        """Store one group of mention rows (`_MENTION_SQL`) over the `old` one (its id and
        `columns`), if any; point its events at it."""
        first = members[0]
        days = [m[2] for m in members if m[2]]
        seen = [m[7] for m in members]
        amounts = [m[13] for m in members if m[13] is not None]
        values = (
            k[0], k[1], k[2], k[3], scope, min(days) if days else None,
            max(days) if days else None, min(seen), max(seen), len(members),
            len({m[1] for m in members}), len({outlet(m[4], m[5], m[6], m[1]) for m in members}),
            first[0], first[8], first[9], first[10], first[11], first[12],
            max(amounts) if amounts else None, first[14],
        )[:len(self.columns)]
        if old is None:
            cursor = self.conn.execute(
                f"INSERT INTO event_groups ({', '.join(self.columns)}) "
                f"VALUES ({', '.join('?' for _ in self.columns)})",
                values,
            )
            group_id = int(cursor.lastrowid or 0)
        else:
            group_id = old[0]
            if tuple(old[1:]) != values:
                self.conn.execute(
                    f"UPDATE event_groups SET {', '.join(c + ' = ?' for c in self.columns)} "
                    "WHERE id = ?",
                    (*values, group_id),
                )
        if assign:
            self.conn.executemany(f"INSERT INTO {assign} (event_id, group_id) VALUES (?, ?)",
                                  [(m[0], group_id) for m in members])
        else:
            moved = [(group_id, m[0]) for m in members if m[3] != group_id]
            if moved:
                self.conn.executemany("UPDATE events SET group_id = ? WHERE id = ?", moved)
        return group_id
