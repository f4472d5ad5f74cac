"""Listing events the way an analyst's table does: sorted by a column, a page at a time,
every matching row for a download, and the places of located events for a map.

    rows, more = store.event_table(f, sort="-goldstein", page=2, per_page=50)
    for event in store.matching_events(f, sort="-goldstein"): ...   # the same rows, all
    places, located = store.places(f, limit=5000)

`event_table` and `matching_events` select and order rows the same way, so a download
holds exactly the rows the table shows on its pages, in the same order.
"""

from __future__ import annotations

import heapq
import sqlite3
import time
from collections.abc import Iterator
from typing import Any

from ..errors import StoreError
from ..model import Event
from .filters import EventFilter
from .reads import Reads
from .rows import _BATCH, _EVENT_COLUMNS, _SELECT_ROW, _event

__all__ = ["SORTS", "Listing"]

#: The columns a table may be sorted by, each with the value an empty cell sorts as.
SORTS: dict[str, tuple[str, Any]] = {
    "date": ("e.date", ""),
    "goldstein": ("e.goldstein", 0.0),
    "confidence": ("e.confidence", 0.0),
    "usd": ("e.usd", 0.0),
    "cameo": ("e.cameo", ""),
}


def _order(sort: str) -> tuple[str, str, Any, bool]:
    """(column name, SQL column, empty value, descending) of "date" or "-date"."""
    name = sort.lstrip("-")
    if name not in SORTS:
        raise ValueError(f"cannot sort by {sort!r}; use one of {', '.join(SORTS)}")
    column, empty = SORTS[name]
    return name, column, empty, sort.startswith("-")


class Listing(Reads):
    """Events sorted by a column, by page and all at once, and located events by place."""

    def _sorted_sql(self, f: EventFilter, sort: str, select: str, *, articles: bool = True
                    ) -> list[tuple[str, list[Any]]]:
        """One query a branch of `f`, each in `sort` order (ties by id the same way);
        `articles` joins the article of each event (``a``)."""
        _name, column, _empty, descending = _order(sort)
        way = "DESC" if descending else "ASC"
        # SQLite sorts NULL first going up and last going down: so does `_key`
        where, params = f._where()
        join = " JOIN articles a ON a.id = e.article_id" if articles else ""
        return [
            (f"{select}, {column} AS sort_key FROM events e{join} WHERE {sql} AND {where} "
             f"ORDER BY {column} {way}, e.id {way}", [*branch_params, *params])
            for sql, branch_params in f._branches()
        ]

    @staticmethod
    def _key(sort: str, value: Any, event_id: int) -> tuple[bool, Any, int]:
        _name, _column, empty, _descending = _order(sort)
        return value is not None, empty if value is None else value, event_id

    def event_table(self, f: EventFilter, *, sort: str = "-date", page: int = 1,
                    per_page: int = 50, budget_ms: float | None = None
                    ) -> tuple[list[dict[str, Any]], bool]:
        """One page of the events `f` selects, sorted by `sort` (a key of `SORTS`, with
        "-" first for the largest first); and whether there are more. Rows as in
        `event_page`.

        Dates are sorted by an index; another column sorts every matching row, so with
        `budget_ms` it raises `TimeoutError` when that takes longer (too many rows).
        """
        descending = _order(sort)[3]
        want = page * per_page + 1
        merged: list[dict[str, Any]] = []
        deadline = None
        if budget_ms is not None and sort.lstrip("-") != "date":
            deadline = time.perf_counter() + budget_ms / 1000
            self._conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 2000)
        try:
            for sql, params in self._sorted_sql(f, sort, _SELECT_ROW):
                merged += self._rows(f"{sql} LIMIT ?", [*params, want])
        except StoreError as exc:
            if deadline is not None and "interrupt" in str(exc.__cause__):
                raise TimeoutError(f"sorting by {sort.lstrip('-')} took over {budget_ms} ms"
                                   ) from None
            raise
        finally:
            if deadline is not None:
                self._conn.set_progress_handler(None, 0)
        merged.sort(key=lambda r: self._key(sort, r["sort_key"], r["id"]), reverse=descending)
        rows = merged[(page - 1) * per_page: want]
        for r in rows:
            del r["sort_key"]
        return rows[:per_page], len(rows) > per_page

    def matching_events(self, f: EventFilter, *, sort: str = "-date") -> Iterator[Event]:
        """Every event `f` selects, in the order of `event_table` (its rows on all pages)."""
        descending = _order(sort)[3]
        select = f"SELECT e.id, {', '.join('e.' + c for c in _EVENT_COLUMNS)}"
        width = 1 + len(_EVENT_COLUMNS)

        def rows(sql: str, params: list[Any]) -> Iterator[tuple[Any, ...]]:
            try:
                cursor = self._conn.execute(sql, params)
                while batch := cursor.fetchmany(_BATCH):
                    yield from batch
            except sqlite3.Error as exc:
                raise self._error("read events", exc) from exc

        streams = [rows(sql, params) for sql, params in self._sorted_sql(f, sort, select,
                                                                   articles=False)]
        merged = heapq.merge(*streams, key=lambda r: self._key(sort, r[width], r[0]),
                             reverse=descending)
        batch: list[tuple[Any, ...]] = []
        for row in merged:
            batch.append(row)
            if len(batch) == _BATCH:
                yield from self._with_quantities(batch, width)
                batch = []
        yield from self._with_quantities(batch, width)

    def _with_quantities(self, batch: list[tuple[Any, ...]], width: int) -> Iterator[Event]:
        if not batch:
            return
        quantities = self._quantities([row[0] for row in batch])
        for row in batch:
            yield _event(row[:width], quantities.get(row[0], ()))

    def date_range(self, f: EventFilter) -> tuple[str | None, str | None]:
        """The first and last dates of the events of `f`'s parties (its other filters
        left aside: the range a date picker offers)."""
        if f.party and f.partner:
            sides = [("e.source_party = ? AND e.target_party = ?", [f.party, f.partner]),
                     ("e.source_party = ? AND e.target_party = ?", [f.partner, f.party])]
        elif f.party:
            sides = [("e.source_party = ?", [f.party]), ("e.target_party = ?", [f.party])]
        else:
            sides = [("1", [])]
        found: list[str] = []
        for sql, params in sides:  # one min() or max() a query: each reads one index entry
            for end in ("min", "max"):
                value = self._query(f"SELECT {end}(e.date) FROM events e WHERE {sql}",
                                    params)[0][0]
                found += [value] if value else []
        return min(found, default=None), max(found, default=None)

    def places(self, f: EventFilter, *, limit: int = 5000
               ) -> tuple[list[dict[str, Any]], int]:
        """Where the latest `limit` located events `f` selects happened: one row a place
        (name, country, lat, lon, n, quads: {quad class: n}, first and last date), the
        busiest first; and how many located events they count."""
        where, params = f._where()
        latest: list[tuple[Any, ...]] = []
        for sql, branch_params in f._branches():
            latest += self._query(
                "SELECT e.date, e.id, e.place_name, e.place_country, e.place_lat, "
                f"e.place_lon, e.quad_class FROM events e WHERE e.place_lat IS NOT NULL AND "
                f"{sql} AND {where} ORDER BY e.date DESC, e.id DESC LIMIT ?",
                [*branch_params, *params, limit],
            )
        latest.sort(key=lambda r: (r[0] is not None, r[0] or "", r[1]), reverse=True)
        latest = latest[:limit]
        out: dict[tuple[float, float], dict[str, Any]] = {}
        for day, _id, name, country, lat, lon, quad in latest:
            place = out.setdefault((lat, lon), {
                "name": name, "country": country, "lat": lat, "lon": lon, "n": 0,
                "quads": {1: 0, 2: 0, 3: 0, 4: 0}, "first": day, "last": day})
            place["n"] += 1
            place["quads"][quad] = place["quads"].get(quad, 0) + 1
            if day and (place["first"] is None or day < place["first"]):
                place["first"] = day
            if day and (place["last"] is None or day > place["last"]):
                place["last"] = day
        return sorted(out.values(), key=lambda p: (-p["n"], p["name"] or "")), len(latest)
