"""Reading stored articles and events: whole articles, events one by one or a page at a
time, mentions and groups, the actors of sentences and actor names."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from ..dedup import EventGroup, Mention
from ..errors import StoreError
from ..model import ActorMention, Article, Block, CodedArticle, Event, Quantity, Sentence
from .connection import Database
from .filters import EventFilter, fts_query
from .rows import (
    _ARTICLE_COLUMNS,
    _ARTICLE_ROW_COLUMNS,
    _BATCH,
    _EVENT_COLUMNS,
    _SELECT_EVENT,
    _SELECT_ROW,
    _event,
    _iso,
)

__all__ = ["Reads"]


class Reads(Database):
    """Queries that return stored rows."""

    # ------------------------------------------------------------------ reading

    def articles(self) -> list[dict[str, Any]]:
        """Every stored article's row, with its number of events, by date then id."""
        rows = self._query(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_COLUMNS)}, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
            "FROM articles a ORDER BY a.date IS NULL, a.date, a.id"
        )
        return [dict(zip((*_ARTICLE_COLUMNS, "events"), row, strict=True)) for row in rows]

    def article_row(self, article_id: str) -> dict[str, Any] | None:
        """One article's row (publication included) with its number of events."""
        rows = self._query(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_ROW_COLUMNS)}, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) "
            "FROM articles a WHERE a.id = ?",
            (article_id,),
        )
        if not rows:
            return None
        return dict(zip((*_ARTICLE_ROW_COLUMNS, "events"), rows[0], strict=True))

    def article_page(self, *, q: str | None = None, since: str | None = None,
                     until: str | None = None, published: bool | None = None, page: int = 1,
                     per_page: int = 20) -> tuple[list[dict[str, Any]], bool]:
        """Articles, newest first, matching every filter; and whether there are more.

        `q`: words in the title, byline or text (the 2,000 latest matching sentences
        are searched).
        """
        where, params = self._article_where(q, since, until, published)
        rows = self._query(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_ROW_COLUMNS)}, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) "
            f"FROM articles a WHERE {where} "
            "ORDER BY a.date DESC, a.rowid DESC LIMIT ? OFFSET ?",
            (*params, per_page + 1, (page - 1) * per_page),
        )
        out = [dict(zip((*_ARTICLE_ROW_COLUMNS, "events"), r, strict=True)) for r in rows]
        return out[:per_page], len(out) > per_page

    def article_count(self, *, q: str | None = None, since: str | None = None,
                      until: str | None = None, published: bool | None = None) -> int:
        """How many articles `article_page` finds with the same filters, on every page."""
        where, params = self._article_where(q, since, until, published)
        return int(self._query(f"SELECT count(*) FROM articles a WHERE {where}", params)[0][0])

    def leads(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The first body paragraph of each article that has one."""
        wanted = list(dict.fromkeys(article_ids))
        out: dict[str, str] = {}
        for i in range(0, len(wanted), 400):
            chunk = wanted[i:i + 400]
            marks = ", ".join("?" for _ in chunk)
            out.update(self._query(
                "SELECT b.article_id, b.text FROM blocks b WHERE b.kind = 'body' AND "
                f"b.article_id IN ({marks}) AND b.idx = (SELECT min(c.idx) FROM blocks c "
                "WHERE c.article_id = b.article_id AND c.kind = 'body')",
                chunk,
            ))
        return out

    @staticmethod
    def _article_where(q: str | None, since: str | None, until: str | None,
                       published: bool | None) -> tuple[str, list[Any]]:
        """The WHERE clause of `article_page` and `article_count` over ``a``."""
        where: list[str] = []
        params: list[Any] = []
        match = fts_query(q)
        if match:
            where.append(
                "(a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) OR "
                "a.id IN (SELECT s.article_id FROM sentences s WHERE s.rowid IN ("
                "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT 2000)))"
            )
            params += [match, match]
        if since:
            where.append("a.date >= ?")
            params.append(since)
        if until:
            where.append("a.date <= ?")
            params.append(until)
        if published is not None:
            where.append("a.published_at IS NOT NULL" if published
                         else "a.published_at IS NULL")
        return " AND ".join(where) or "1", params

    def article(self, article_id: str) -> CodedArticle | None:
        """The stored article `article_id` rebuilt, or None if it is not stored.

        Actors come back as one tuple per sentence (empty where none were found).
        Events a reader marked wrong are left out; corrections are applied.
        """
        row = self._query(
            "SELECT title, byline, date, url, source_path, format FROM articles WHERE id = ?",
            (article_id,),
        )
        if not row:
            return None
        title, byline, day, url, source_path, fmt = row[0]
        blocks = tuple(
            Block(text=text, kind=kind, credit=credit)
            for kind, text, credit in self._query(
                "SELECT kind, text, credit FROM blocks WHERE article_id = ? ORDER BY idx",
                (article_id,),
            )
        )
        article = Article(
            id=article_id, title=title, byline=byline,
            date=date.fromisoformat(day) if day else None, url=url, blocks=blocks,
            source_path=source_path, format=fmt,
        )
        sentences = tuple(
            Sentence(index=idx, text=text, block=block, kind=kind, start=start)
            for idx, block, kind, start, text in self._query(
                "SELECT idx, block, kind, start, text FROM sentences WHERE article_id = ? "
                "ORDER BY idx",
                (article_id,),
            )
        )
        actor_rows = self._query(
            'SELECT sentence, start, "end", text, code, country, sector, kind, name '
            "FROM actors WHERE article_id = ? ORDER BY rowid",
            (article_id,),
        )
        size = max([len(sentences), *(r[0] + 1 for r in actor_rows)])
        per_sentence: list[list[ActorMention]] = [[] for _ in range(size)]
        for sentence, start, end, text, code, country, sector, kind, name in actor_rows:
            per_sentence[sentence].append(
                ActorMention(text=text, start=start, end=end, code=code, country=country,
                             sector=sector, kind=kind, name=name)
            )
        return CodedArticle(
            article=article,
            sentences=sentences,
            actors=tuple(tuple(m) for m in per_sentence),
            events=tuple(self.events(article_id=article_id)),
        )

    def events(
        self,
        *,
        article_id: str | None = None,
        source_country: str | None = None,
        target_country: str | None = None,
        cameo_prefix: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        limit: int | None = None,
        include_wrong: bool = False,
    ) -> Iterator[Event]:
        """Stored events matching every filter given, with their quantities.

        `since` and `until` are inclusive ISO dates; events without a date are
        left out when either is given. Events come by article (article date,
        then id) and, within an article, in the order they were saved. Readers'
        corrections are applied; events they marked wrong are left out unless
        `include_wrong` is set.
        """
        where: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("article_id", article_id),
            ("source_country", source_country),
            ("target_country", target_country),
        ):
            if value is not None:
                where.append(f"e.{column} = ?")
                params.append(value)
        if cameo_prefix:
            where.append("substr(e.cameo, 1, ?) = ?")
            params += [len(cameo_prefix), cameo_prefix]
        if since is not None:
            where.append("e.date >= ?")
            params.append(_iso(since))
        if until is not None:
            where.append("e.date <= ?")
            params.append(_iso(until))
        if not include_wrong:
            where.append("e.wrong = 0")
        sql = _SELECT_EVENT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.date IS NULL, a.date, e.article_id, e.id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        try:
            cursor = self._conn.execute(sql, params)
            while batch := cursor.fetchmany(_BATCH):
                quantities = self._quantities([row[0] for row in batch])
                for row in batch:
                    yield _event(row, quantities.get(row[0], ()))
        except sqlite3.Error as exc:
            raise self._error("read events", exc) from exc

    def _quantities(self, event_ids: list[int]) -> dict[int, tuple[Quantity, ...]]:
        found: dict[int, list[Quantity]] = {}
        marks = ", ".join("?" for _ in event_ids)
        for event_id, kind, value, value_max, unit, text, start, end in self._conn.execute(
            'SELECT event_id, kind, value, value_max, unit, text, start, "end" '
            f"FROM quantities WHERE event_id IN ({marks}) ORDER BY rowid",
            event_ids,
        ):
            found.setdefault(event_id, []).append(
                Quantity(kind=kind, value=value, unit=unit, text=text, start=start, end=end,
                         value_max=value_max)
            )
        return {k: tuple(v) for k, v in found.items()}

    def mentions(self, *, include_negated: bool = False) -> Iterator[Mention]:
        """Every stored event (marked wrong ones left out) with its article's URL, title and
        byline and its group id, in the order of `events`."""
        where = "e.wrong = 0" + ("" if include_negated else " AND e.negated = 0")
        columns = 1 + len(_EVENT_COLUMNS)
        sql = (f"SELECT e.id, {', '.join('e.' + c for c in _EVENT_COLUMNS)}, a.url, a.title, "
               "a.byline, e.group_id FROM events e JOIN articles a ON a.id = e.article_id "
               f"WHERE {where} ORDER BY a.date IS NULL, a.date, e.article_id, e.id")
        for row, quantities in self._event_rows(sql, ()):
            url, title, byline, group_id = row[columns:]
            yield Mention(_event(row[:columns], quantities), url=url, title=title,
                          byline=byline, group_id=group_id)

    def groups(self, *, include_negated: bool = False) -> Iterator[EventGroup]:
        """Every event group with its earliest mention as its event, by first date."""
        where = "1" if include_negated else "g.negated = 0"
        columns = 1 + len(_EVENT_COLUMNS)
        sql = (
            f"SELECT e.id, {', '.join('e.' + c for c in _EVENT_COLUMNS)}, a.url, g.id, "
            "g.num_mentions, g.num_articles, g.num_sources, g.first_date, g.last_date, "
            "g.first_seen FROM event_groups g JOIN events e ON e.id = g.event_id "
            f"JOIN articles a ON a.id = e.article_id WHERE {where} "
            "ORDER BY g.first_date IS NULL, g.first_date, e.article_id, e.id"
        )
        for row, quantities in self._event_rows(sql, ()):
            url, group_id, mentions, articles, sources, first, last, seen = row[columns:]
            yield EventGroup(_event(row[:columns], quantities), num_mentions=mentions,
                             num_articles=articles, num_sources=sources, first_date=first,
                             last_date=last, url=url, id=group_id, first_seen=seen)

    def _event_rows(self, sql: str, params: Sequence[Any]
                    ) -> Iterator[tuple[tuple[Any, ...], tuple[Quantity, ...]]]:
        """Rows whose first column is an event id, each with that event's quantities."""
        try:
            cursor = self._conn.execute(sql, params)
            while batch := cursor.fetchmany(_BATCH):
                quantities = self._quantities([row[0] for row in batch])
                for row in batch:
                    yield row, quantities.get(row[0], ())
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read events ({exc})") from exc

    # ------------------------------------------------------------------ event rows

    def event_row(self, event_id: int) -> dict[str, Any] | None:
        """One event as a dict (see `event_page`), or None."""
        rows = self._rows(
            f"{_SELECT_ROW} FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.id = ?",
            [event_id],
        )
        return rows[0] if rows else None

    def article_events(self, article_id: str) -> list[dict[str, Any]]:
        """Every event of an article as dicts, negated and wrong ones included, in order."""
        return self._rows(
            f"{_SELECT_ROW} FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.article_id = ? ORDER BY e.id",
            [article_id],
        )

    def event_page(self, f: EventFilter, *, page: int = 1, per_page: int = 20,
                   order: str = "date") -> tuple[list[dict[str, Any]], bool]:
        """One page of events matching `f`; and whether there are more.

        Events come newest first (`order="date"`), largest US dollar amount first, then
        newest (`order="usd"`, events with an amount only) or, when `f.q` is given, the
        latest stored sentences first. Each is a dict of the event's columns plus
        its id, parties, ``usd``, ``wrong``, ``quantities`` (dicts) and the
        article's title and date.
        """
        want = page * per_page + 1
        where, params = f._where(words=False)
        match = fts_query(f.q)
        if match:
            branches = f._branches()
            sides = " OR ".join(f"({sql})" for sql, _ in branches)
            rows = self._rows(
                f"{_SELECT_ROW} FROM sentences_fts JOIN sentences s ON s.rowid = "
                "sentences_fts.rowid JOIN events e ON e.article_id = s.article_id AND "
                "e.sentence = s.idx JOIN articles a ON a.id = e.article_id "
                f"WHERE sentences_fts MATCH ? AND ({sides}) AND {where} "
                "ORDER BY sentences_fts.rowid DESC LIMIT ? OFFSET ?",
                [match, *(p for _, ps in branches for p in ps), *params, per_page + 1,
                 (page - 1) * per_page],
            )
            return rows[:per_page], len(rows) > per_page
        if order == "usd":
            key_sql, usd_where = "e.usd DESC, e.date DESC, e.id DESC", " AND e.usd IS NOT NULL"
            # dates as plain filters: the amount indexes beat a date range and a sort
            where = where.replace("e.date >=", "+e.date >=").replace("e.date <=", "+e.date <=")
        else:
            key_sql, usd_where = "e.date DESC, e.id DESC", ""
        merged: list[dict[str, Any]] = []
        for sql, branch_params in f._branches():
            merged += self._rows(
                f"{_SELECT_ROW} FROM events e JOIN articles a ON a.id = e.article_id "
                f"WHERE {sql} AND {where}{usd_where} ORDER BY {key_sql} LIMIT ?",
                [*branch_params, *params, want],
            )
        if order == "usd":
            merged.sort(key=lambda r: (r["usd"], r["date"] or "", r["id"]), reverse=True)
        else:
            merged.sort(key=lambda r: (r["date"] or "", r["id"]), reverse=True)
        rows = merged[(page - 1) * per_page: want]
        return rows[:per_page], len(rows) > per_page

    def _rows(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        try:
            cursor = self._conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise self._error("read events", exc) from exc
        if rows:
            quantities = self._quantities([r["id"] for r in rows])
            for r in rows:
                r["negated"], r["caption"], r["wrong"] = (
                    bool(r["negated"]), bool(r["caption"]), bool(r["wrong"]))
                r["quantities"] = [
                    {"kind": q.kind, "value": q.value, "value_max": q.value_max,
                     "unit": q.unit, "text": q.text, "start": q.start, "end": q.end}
                    for q in quantities.get(r["id"], ())
                ]
        return rows

    def meetings(self, f: EventFilter, codes: Sequence[str], hosted: str, limit: int = 150
                 ) -> list[dict[str, Any]]:
        """Events of `f.party`'s trips, newest first: as source with one of `codes`, and as
        target of `hosted` (a visit it was hosted on). Rows as in `event_page`."""
        where, params = replace(f, party=None, partner=None, code=None)._where()
        marks = ", ".join("?" for _ in codes)
        rows = self._rows(
            f"{_SELECT_ROW} FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE e.source_party = ? AND e.root = ? AND e.cameo IN ({marks}) AND {where} "
            "ORDER BY e.date DESC, e.id DESC LIMIT ?",
            [f.party, codes[0][:2], *codes, *params, limit],
        )
        rows += self._rows(
            f"{_SELECT_ROW} FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE e.target_party = ? AND e.root = ? AND e.cameo = ? AND {where} "
            "ORDER BY e.date DESC, e.id DESC LIMIT ?",
            [f.party, hosted[:2], hosted, *params, limit // 3],
        )
        return rows

    def sentence_actors(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int],
                                                                        list[dict[str, Any]]]:
        """Actor mentions of the given (article id, sentence) pairs, by start."""
        wanted = list(dict.fromkeys(keys))
        out: dict[tuple[str, int], list[dict[str, Any]]] = {k: [] for k in wanted}
        names = ("start", "end", "text", "code", "country", "sector", "kind", "name")
        for i in range(0, len(wanted), 400):
            chunk = wanted[i:i + 400]
            values = ", ".join("(?, ?)" for _ in chunk)
            for row in self._query(
                'SELECT a.article_id, a.sentence, a.start, a."end", a.text, a.code, a.country, '
                f"a.sector, a.kind, a.name FROM (VALUES {values}) k JOIN actors a "
                "ON a.article_id = k.column1 AND a.sentence = k.column2 ORDER BY a.start",
                [v for key in chunk for v in key],
            ):
                out[(row[0], row[1])].append(dict(zip(names, row[2:], strict=True)))
        return out

    # ------------------------------------------------------------------ search

    def actor_names(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        """Actors whose name or code contains `q`, most mentioned first."""
        pattern = "%" + re.sub(r"([%_\\])", r"\\\1", q.strip()) + "%"
        rows = self._query(
            "SELECT code, name, country, kind, n FROM actor_names "
            "WHERE name LIKE ? ESCAPE '\\' OR code LIKE ? ESCAPE '\\' "
            "ORDER BY n DESC, name LIMIT ?",
            (pattern, pattern, limit),
        )
        return [dict(zip(("code", "name", "country", "kind", "mentions"), r, strict=True))
                for r in rows]
