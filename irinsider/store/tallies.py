"""Counting events: by month, by partner and by party, from the count tables the triggers
keep where they can answer, else from the events themselves; and the row tallies."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from typing import Any

from .connection import Database
from .filters import EventFilter, _month_plan, _month_where, fts_query
from .schema import _TALLIED

__all__ = ["COUNT_BUDGET_MS", "COUNT_CAP", "Tallies"]

COUNT_CAP = 10_000  # filtered counts stop here ("10,000+")
COUNT_BUDGET_MS = 30.0  # ... or after this long ("many")
# The month of an event group: its first mention's, or only its year when that mention
# is dated by its year alone (its date is then the 1st of January).
_GROUP_MONTH = (
    "coalesce(CASE WHEN g.precision = 'year' THEN substr(g.first_date, 1, 4) "
    "ELSE substr(g.first_date, 1, 7) END, '')"
)
# The same over the rows of the groups' count tables (see `summaries`).
_SUMMARY_MONTH = "CASE WHEN year_only THEN substr(month, 1, 4) ELSE month END"


def _summable(f: EventFilter) -> bool:
    """Whether the groups' count tables can answer for `f` (its parties aside): the month
    tables' filters, and a CAMEO root (a two-digit code) too."""
    return (replace(f, directed=False, code=None).aggregatable
            and (f.code is None or len(f.code) == 2))


def _countable(f: EventFilter) -> bool:
    """Whether the count tables of mentions can answer for `f`: those of months, or those
    of roots (`summaries`) for a two-digit code."""
    return (replace(f, code=None).aggregatable
            and (f.code is None or len(f.code) == 2))


_Range = tuple[str | None, str | None]


def _year_split(first: str | None, last: str | None) -> tuple[_Range | None, list[_Range]]:
    """The whole years within the whole months `first`..`last` ("YYYY-MM", None for no
    bound), and the ranges of months around them."""
    if first and last and first > last:
        return None, [(first, last)]
    start = None if first is None else int(first[:4]) + (first[5:7] != "01")
    end = None if last is None else int(last[:4]) - (last[5:7] != "12")
    if start is not None and end is not None and start > end:
        return None, [(first, last)]
    months: list[_Range] = []
    if first is not None and first[5:7] != "01":
        months.append((first, f"{first[:4]}-12"))
    if last is not None and last[5:7] != "12":
        months.append((f"{last[:4]}-01", last))
    return (None if start is None else f"{start:04d}",
            None if end is None else f"{end:04d}"), months


def _pieces(f: EventFilter, first: str | None, last: str | None
            ) -> list[tuple[bool, str, list[Any]]]:
    """The whole months `first`..`last` of `f` as pieces of (by year, WHERE, params): its
    whole years from a table of years, the months around them from a table of months (a
    root has no table of years: by month only)."""
    if f.code:
        return [(False, *_summary_where(f, first, last))]
    years, months = _year_split(first, last)
    out: list[tuple[bool, str, list[Any]]] = []
    if years is not None:
        where, params = ["n > 0", "year != ''"], []
        for clause, value in (("year >= ?", years[0]), ("year <= ?", years[1]),
                              ("quad_class = ?", f.quad)):
            if value is not None:
                where.append(clause)
                params.append(value)
        out.append((True, " AND ".join(where), params))
    out += [(False, *_summary_where(f, start, end)) for start, end in months]
    return out


def _mention_tables(f: EventFilter) -> tuple[str, str, str, str]:
    """The tables of mentions for `f`: (party by month, party, dyad by month, dyad)."""
    if f.code:
        return "party_root_months", "party_roots", "dyad_root_months", "dyad_roots"
    return "party_months", "party_quads", "dyad_months", "dyad_quads"


def _summary_where(f: EventFilter, first: str | None, last: str | None
                   ) -> tuple[str, list[Any]]:
    """The WHERE clause over a group count table for the whole months `first`..`last`,
    the quad class and the root of `f`."""
    where, params = _month_where(f, first, last)
    if f.code:
        where += " AND root = ?"
        params.append(f.code)
    return where, params


class Tallies(Database):
    """Counts and sums over events."""

    def group_counts(self) -> dict[str, int]:
        """How many event groups and grouped mentions are stored (negated ones left out)."""
        tallies = dict(self._query(  # kept by triggers (schema version 8)
            "SELECT name, n FROM tallies WHERE name IN ('groups', 'group_mentions')"))
        return {"groups": tallies["groups"], "mentions": tallies["group_mentions"]}

    def counts(self) -> dict[str, int]:
        """How many articles, sentences and events are stored."""
        tallies = dict(self._query("SELECT name, n FROM tallies"))
        return {table: tallies[table] for table in _TALLIED}

    def event_count(self, f: EventFilter) -> tuple[int | None, bool]:
        """How many events match `f`, and whether that is exact.

        Counts the month tables can answer are exact. Others stop at `COUNT_CAP`
        (``(COUNT_CAP, False)``: at least that many) or after `COUNT_BUDGET_MS`
        milliseconds (``(None, False)``: many), so a page never waits on a count.
        """
        if _countable(f) and f.party:
            return sum(r[3] for r in self.timeline(f)), True
        where, params = f._where(words=False)
        match = fts_query(f.q)
        queries: list[tuple[str, list[Any]]] = []
        if match:
            branches = f._branches()
            sides = " OR ".join(f"({sql})" for sql, _ in branches)
            queries.append((
                "SELECT count(*) FROM (SELECT 1 FROM sentences_fts JOIN sentences s ON "
                "s.rowid = sentences_fts.rowid JOIN events e ON e.article_id = s.article_id "
                f"AND e.sentence = s.idx WHERE sentences_fts MATCH ? AND ({sides}) AND {where} "
                "LIMIT ?)",
                [match, *(p for _, ps in branches for p in ps), *params, COUNT_CAP + 1],
            ))
        else:
            for sql, branch_params in f._branches():
                queries.append((
                    f"SELECT count(*) FROM (SELECT 1 FROM events e WHERE {sql} AND {where} "
                    "LIMIT ?)",
                    [*branch_params, *params, COUNT_CAP + 1],
                ))
        deadline = time.perf_counter() + COUNT_BUDGET_MS / 1000
        self._conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 2000)
        total = 0
        try:
            for sql, query_params in queries:
                total += self._conn.execute(sql, query_params).fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise self._error("count events", exc) from exc
            return None, False
        finally:
            self._conn.set_progress_handler(None, 0)
        return min(total, COUNT_CAP), total <= COUNT_CAP

    # ------------------------------------------------------------------ aggregates

    def timeline(self, f: EventFilter, *, groups: bool = False
                 ) -> list[tuple[str, int, int, int, float, float]]:
        """Events by month: ``(month, quad_class, direction, n, goldstein sum, usd sum)``.

        Months are "YYYY-MM" ("" for undated events). Direction is 0 except for a
        pair (`f.party` and `f.partner`), where 1 marks events from the partner.
        With `groups`, `n` counts distinct events (groups of mentions, see `dedup`) by
        the month of their first mention, and the sums are over those events; an event
        whose first mention is dated only by its year ("in 2015") is counted under
        "YYYY", in no month.
        """
        if groups:
            if _summable(f) and f.party and (f.partner or not f.directed):
                return self._summed(f, self._group_timeline)
            return self._group_rows(f, _GROUP_MONTH, None)
        out: dict[tuple[str, int, int], list[float]] = {}

        def add(month: str, quad: int, direction: int, n: int, g: float, usd: float) -> None:
            cell = out.setdefault((month, quad, direction), [0, 0.0, 0.0])
            cell[0] += n
            cell[1] += g
            cell[2] += usd

        if _countable(f) and f.party:
            first, last, raw = _month_plan(f.since, f.until)
            where, params = _summary_where(f, first, last)
            party_months, _parties, dyad_months, _dyads = _mention_tables(f)
            if not f.partner and not raw:  # one row a month and quad class already
                return [
                    (month, quad, 0, n, round(g, 6), round(usd, 2)) for month, quad, n, g, usd
                    in self._query(
                        f"SELECT month, quad_class, n, goldstein, usd FROM {party_months} "
                        f"WHERE party = ? AND {where} ORDER BY month, quad_class",
                        (f.party, *params),
                    )
                ]
            if f.partner:
                for source, month, quad, n, g, usd in self._query(
                    f"SELECT source, month, quad_class, n, goldstein, usd FROM {dyad_months} "
                    f"WHERE source = ? AND target = ? AND {where} UNION ALL "
                    f"SELECT source, month, quad_class, n, goldstein, usd FROM {dyad_months} "
                    f"WHERE source = ? AND target = ? AND source != target AND {where}",
                    (f.party, f.partner, *params, f.partner, f.party, *params),
                ):
                    add(month, quad, int(source != f.party), n, g, usd)
            else:
                for month, quad, n, g, usd in self._query(
                    f"SELECT month, quad_class, n, goldstein, usd FROM {party_months} "
                    f"WHERE party = ? AND {where}",
                    (f.party, *params),
                ):
                    add(month, quad, 0, n, g, usd)
            for since, until in raw:
                for row in self._raw_months(replace(f, since=since, until=until)):
                    add(*row)
        else:
            for row in self._raw_months(f):
                add(*row)
        return sorted(
            (m, q, d, int(v[0]), round(v[1], 6), round(v[2], 2))
            for (m, q, d), v in out.items() if v[0] > 0
        )

    def _raw_months(self, f: EventFilter) -> list[tuple[str, int, int, int, float, float]]:
        where, params = f._where()
        out: list[tuple[str, int, int, int, float, float]] = []
        for sql, branch_params in f._branches():
            direction = int(bool(f.party and f.partner and branch_params[0] != f.party))
            for month, quad, n, g, usd in self._query(
                "SELECT coalesce(substr(e.date, 1, 7), ''), e.quad_class, count(*), "
                f"sum(e.goldstein), sum(coalesce(e.usd, 0)) FROM events e WHERE {sql} AND "
                f"{where} GROUP BY 1, 2",
                (*branch_params, *params),
            ):
                out.append((month, quad, direction, n, g, usd))
        return out

    def partners(self, f: EventFilter, *, groups: bool = False
                 ) -> list[tuple[str, int, int, int, float, float]]:
        """Who `f.party` deals with: (partner, quad class, direction, n, goldstein, usd).

        Direction 0: from `f.party` to the partner; 1: from the partner to it.
        Events of a party with itself are left out. With `groups`, `n` counts distinct
        events (groups of mentions) as in `timeline`.
        """
        if not f.party:
            raise ValueError("partners() needs a party")
        if groups:
            base = replace(f, partner=None, directed=False)
            if _summable(base):  # from the party first, then to it, as below
                return sorted(self._summed(base, self._group_partners),
                              key=lambda r: (r[2], r[0], r[1]))
            return [
                row for direction, (mine, other) in enumerate((("source", "target"),
                                                               ("target", "source")))
                for row in self._group_rows(base, f"g.{other}_party", (mine, other, direction))
            ]
        out: dict[tuple[str, int, int], list[float]] = {}

        def add(partner: str, quad: int, direction: int, n: int, g: float, usd: float) -> None:
            cell = out.setdefault((partner, quad, direction), [0, 0.0, 0.0])
            cell[0] += n
            cell[1] += g
            cell[2] += usd

        if _countable(f):
            first, last, raw = _month_plan(f.since, f.until)
            where, params = _summary_where(f, first, last)
            _party_months, _parties, dyad_months, dyads = _mention_tables(f)
            if not (f.since or f.until):  # one row a partner, quad class and way already
                return sorted(self._query(
                    "SELECT target, quad_class, 0, n, round(goldstein, 6), round(usd, 2) "
                    f"FROM {dyads} WHERE source = ? AND target != source AND {where} "
                    "UNION ALL SELECT source, quad_class, 1, n, round(goldstein, 6), "
                    f"round(usd, 2) FROM {dyads} WHERE target = ? AND target != source AND "
                    f"{where}",
                    (f.party, *params, f.party, *params),
                ))
            for by_year, piece, piece_params in _pieces(f, first, last):
                table = "dyad_years" if by_year else dyad_months
                for partner, quad, direction, n, g, usd in self._query(
                    "SELECT target, quad_class, 0, sum(n), sum(goldstein), sum(usd) FROM "
                    f"{table} WHERE source = ? AND target != source AND {piece} "
                    "GROUP BY 1, 2 UNION ALL SELECT source, quad_class, 1, sum(n), "
                    f"sum(goldstein), sum(usd) FROM {table} WHERE target = ? AND "
                    f"target != source AND {piece} GROUP BY 1, 2",
                    (f.party, *piece_params, f.party, *piece_params),
                ):
                    add(partner, quad, direction, n, g, usd)
            ranges: list[EventFilter] = [replace(f, since=s, until=u) for s, u in raw]
        else:
            ranges = [f]
        for part in ranges:
            where, params = part._where()
            for direction, (mine, other) in enumerate((("source", "target"),
                                                       ("target", "source"))):
                # the unary + keeps the planner off indexes that only avoid the sort
                for row in self._query(
                    f"SELECT +e.{other}_party, e.quad_class, count(*), sum(e.goldstein), "
                    f"sum(coalesce(e.usd, 0)) FROM events e WHERE e.{mine}_party = ? AND "
                    f"+e.{other}_party IS NOT NULL AND e.{other}_party != e.{mine}_party AND "
                    f"{where} GROUP BY 1, 2",
                    (f.party, *params),
                ):
                    add(row[0], row[1], direction, *row[2:])
        return sorted(
            (p, q, d, int(v[0]), round(v[1], 6), round(v[2], 2))
            for (p, q, d), v in out.items() if v[0] > 0
        )

    # ------------------------------------------------------------------ groups, summed

    def _summed(self, f: EventFilter, rows: Any) -> list[tuple[str, int, int, int, float, float]]:
        """Rows (label, quad class, direction, n, goldstein, usd) of the event groups `f`
        selects: `rows(f, where, params, months)` over the count tables for its whole
        months, and the groups themselves for the days around them (`_month_plan`)."""
        first, last, raw = _month_plan(f.since, f.until)
        where, params = _summary_where(f, first, last)
        out: dict[tuple[str, int, int], list[float]] = {}
        found = list(rows(f, where, params, bool(f.since or f.until)))
        if not (f.since or f.until):  # one query, grouped by its keys already
            return sorted((key, quad, direction, int(n), round(g, 6), round(usd, 2))
                          for key, quad, direction, n, g, usd in found if n > 0)
        for since, until in raw:
            found += rows(replace(f, since=since, until=until), None, [], True)
        for key, quad, direction, n, g, usd in found:
            cell = out.setdefault((key, quad, direction), [0, 0.0, 0.0])
            cell[0] += n
            cell[1] += g
            cell[2] += usd
        return sorted(
            (k, q, d, int(v[0]), round(v[1], 6), round(v[2], 2))
            for (k, q, d), v in out.items() if v[0] > 0
        )

    def _group_timeline(self, f: EventFilter, where: str | None, params: list[Any],
                        months: bool) -> list[tuple[Any, ...]]:
        """Groups of `f.party` (and `f.partner`) by month; `where` None: from the groups."""
        if where is None:
            return self._group_rows(f, _GROUP_MONTH, None)
        label = f"{_SUMMARY_MONTH}, quad_class"
        if f.partner:
            sides: list[tuple[str | None, str | None, int]] = [(f.party, f.partner, 0)]
            if f.partner != f.party and not f.directed:
                sides.append((f.partner, f.party, 1))
            return [row for a, b, direction in sides for row in self._query(
                f"SELECT {label}, {direction}, sum(n), sum(goldstein), sum(usd) FROM "
                f"group_dyad_months WHERE source = ? AND target = ? AND {where} GROUP BY 1, 2",
                (a, b, *params))]
        return self._query(
            f"SELECT {label}, 0, sum(n), sum(goldstein), sum(usd) FROM group_party_months "
            f"WHERE party = ? AND {where} GROUP BY 1, 2", (f.party, *params))

    def _group_partners(self, f: EventFilter, where: str | None, params: list[Any],
                        months: bool) -> list[tuple[Any, ...]]:
        """Groups of `f.party` by partner and way; `where` None: from the groups."""
        sides = (("source", "target"), ("target", "source"))
        if where is None:
            return [row for direction, (mine, other) in enumerate(sides)
                    for row in self._group_rows(f, f"g.{other}_party", (mine, other, direction))]
        if months:  # whole years from the table of years, the months around them
            first, last, _raw = _month_plan(f.since, f.until)
            pieces = [("group_dyad_years" if by_year else "group_dyad_months", piece, values)
                      for by_year, piece, values in _pieces(f, first, last)]
        else:
            pieces = [("group_dyads", where, params)]
        return [row for table, piece, values in pieces
                for direction, (mine, other) in enumerate(sides) for row in self._query(
                    f"SELECT {other}, quad_class, {direction}, sum(n), sum(goldstein), "
                    f"sum(usd) FROM {table} WHERE {mine} = ? AND {other} != {mine} AND {piece} "
                    "GROUP BY 1, 2", (f.party, *values))]

    def _group_parties(self, f: EventFilter, where: str | None, params: list[Any],
                       months: bool) -> list[tuple[Any, ...]]:
        """Groups by party (once for each party on their sides); `where` None: from the
        groups."""
        if where is None:
            return [
                row for side, other in (("source", ""),
                                        ("target", " AND {a}.target_party IS NOT "
                                                   "{a}.source_party"))
                for row in self._group_rows(f, f"g.{side}_party", None,
                                            branch=f"{{a}}.{side}_party IS NOT NULL{other}")
            ]
        table = "group_party_months" if months else "group_parties"
        return self._query(
            f"SELECT party, quad_class, 0, sum(n), sum(goldstein), sum(usd) FROM {table} "
            f"WHERE {where} GROUP BY 1, 2", params)

    def _group_rows(self, f: EventFilter, label: str, side: tuple[str, str, int] | None,
                    branch: str | None = None) -> list[tuple[str, int, int, int, float, float]]:
        """Event groups counted by `label` (SQL over ``g``) and quad class, as rows of
        (label, quad class, direction, n, goldstein sum, usd sum).

        `side` (mine, other, direction) counts the partners of `f.party` on one side;
        `branch` (SQL over ``{a}``, the group or event) selects the groups itself;
        without either the branches are those of `f` (a party, a pair or everything).
        """
        branches: list[tuple[str, list[Any], int]]
        if branch is not None:
            branches = [(branch, [], 0)]
        elif side is not None:
            mine, other, direction = side
            branches = [(f"{{a}}.{mine}_party = ? AND {{a}}.{other}_party IS NOT NULL AND "
                         f"{{a}}.{other}_party != {{a}}.{mine}_party", [f.party], direction)]
        elif f.party and f.partner:
            branches = [("{a}.source_party = ? AND {a}.target_party = ?",
                         [f.party, f.partner], 0)]
            if f.partner != f.party and not f.directed:
                branches.append(("{a}.source_party = ? AND {a}.target_party = ?",
                                 [f.partner, f.party], 1))
        elif f.party:
            branches = [("{a}.source_party = ?", [f.party], 0)]
            if not f.directed:
                branches.append(("{a}.target_party = ? AND {a}.source_party IS NOT ?",
                                 [f.party, f.party], 0))
        else:
            branches = [("1", [], 0)]
        simple = _summable(f)
        out: dict[tuple[str, int, int], list[float]] = {}
        for sql, params, direction in branches:
            if simple:  # the group table alone can answer (all mentions of a group share
                # its code, so its root and quad class)
                where = ["g.negated = 0"]
                values: list[Any] = [*params]
                for clause, value in (("g.first_date >= ?", f.since),
                                      ("g.first_date <= ?", f.until),
                                      ("g.quad_class = ?", f.quad),
                                      ("g.root = ?", f.code)):
                    if value is not None and value != "":
                        where.append(clause)
                        values.append(value)
                query = (
                    f"SELECT {label}, g.quad_class, count(*), sum(g.goldstein), "
                    f"sum(coalesce(g.usd, 0)) FROM event_groups g WHERE "
                    f"{sql.format(a='g')} AND {' AND '.join(where)} GROUP BY 1, 2"
                )
            else:  # the groups of the events that match, by the date of their first
                # mention as above (each mention of a group is dated on or after it)
                where_sql, where_params = replace(f, until=None)._where()
                actor = ""
                if f.actor:
                    actor = " AND (e.source = ? OR e.target = ?)"
                    where_params = [f.actor, f.actor, *where_params]
                for clause, value in (("g.first_date >= ?", f.since),
                                      ("g.first_date <= ?", f.until)):
                    if value:
                        where_sql += f" AND {clause}"
                        where_params.append(value)
                values = [*params, *where_params]
                query = (
                    "SELECT label, quad, count(*), sum(goldstein), sum(usd) FROM ("
                    f"SELECT DISTINCT g.id, {label} AS label, g.quad_class AS quad, "
                    "g.goldstein AS goldstein, coalesce(g.usd, 0) AS usd FROM events e "
                    f"JOIN event_groups g ON g.id = e.group_id WHERE {sql.format(a='e')}"
                    f"{actor} AND {where_sql}) GROUP BY 1, 2"
                )
            for key, quad, n, g, usd in self._query(query, values):
                cell = out.setdefault((key, quad, direction), [0, 0.0, 0.0])
                cell[0] += n
                cell[1] += g
                cell[2] += usd
        return sorted(
            (k, q, d, int(v[0]), round(v[1], 6), round(v[2], 2))
            for (k, q, d), v in out.items() if v[0] > 0
        )

    def party_totals(self, f: EventFilter, *, groups: bool = False
                     ) -> list[tuple[str, int, int, float, float]]:
        """Every party with events: (party, quad class, n, goldstein sum, usd sum).

        An event counts once for each party on its sides. With `groups`, `n` counts
        distinct events (groups of mentions) as in `timeline`.
        """
        out: dict[tuple[str, int], list[float]] = {}
        rows: list[Any]
        if groups and _summable(replace(f, party=None, partner=None, directed=False)):
            base = replace(f, party=None, partner=None, directed=False)
            rows = [(p, q, n, g, usd) for p, q, _d, n, g, usd
                    in self._summed(base, self._group_parties)]
            ranges: list[EventFilter] = []
        elif groups:
            base = replace(f, party=None, partner=None, directed=False)
            rows = [
                (party, quad, n, g, usd)
                for side, other in (("source", ""),
                                    ("target", " AND {a}.target_party IS NOT {a}.source_party"))
                for party, quad, _d, n, g, usd in self._group_rows(
                    base, f"g.{side}_party", None,
                    branch=f"{{a}}.{side}_party IS NOT NULL{other}")
            ]
            ranges = []
        elif _countable(f):
            first, last, raw = _month_plan(f.since, f.until)
            where, params = _summary_where(f, first, last)
            party_months, parties, _dyad_months, _dyads = _mention_tables(f)
            table = party_months if f.since or f.until else parties
            rows = self._query(
                f"SELECT party, quad_class, sum(n), sum(goldstein), sum(usd) FROM {table} "
                f"WHERE {where} GROUP BY 1, 2",
                params,
            )
            ranges = [replace(f, since=s, until=u) for s, u in raw]
        else:
            rows, ranges = [], [f]
        for part in ranges:
            where, params = part._where()
            rows += self._query(
                "SELECT p, quad_class, count(*), sum(goldstein), sum(coalesce(usd, 0)) FROM ("
                "SELECT e.source_party AS p, e.quad_class, e.goldstein, e.usd FROM events e "
                f"WHERE e.source_party IS NOT NULL AND {where} UNION ALL "
                "SELECT e.target_party, e.quad_class, e.goldstein, e.usd FROM events e "
                "WHERE e.target_party IS NOT NULL AND e.target_party IS NOT e.source_party AND "
                f"{where}) GROUP BY 1, 2",
                (*params, *params),
            )
        for party, quad, n, g, usd in rows:
            cell = out.setdefault((party, quad), [0, 0.0, 0.0])
            cell[0] += n
            cell[1] += g
            cell[2] += usd
        return sorted((p, q, int(v[0]), round(v[1], 6), round(v[2], 2))
                      for (p, q), v in out.items() if v[0] > 0)
