"""Which events a query selects: `EventFilter`, the safe full-text query of what a user
typed, and the plan that answers a date range from whole months of the count tables."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["EventFilter", "fts_query"]


def fts_query(text: str | None) -> str | None:
    """A safe FTS5 query for what a user typed: every word must appear, the last as a prefix."""
    words = re.findall(r"\w+", text or "")
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass(frozen=True)
class EventFilter:
    """Which events a query selects; every field that is set narrows the selection.

    `party` selects events with that party on either side; with `partner` too, only the
    events between the two. `actor` is an actor code on either side. `code` is a CAMEO
    prefix ("07" or "0711"). `q` are words that must appear in the evidence sentence.
    `international` leaves out domestic events (both sides of one party, or no target).
    Negated events and events a reader marked wrong are left out unless asked for.
    """

    party: str | None = None
    partner: str | None = None
    actor: str | None = None
    article_id: str | None = None
    entity: str | None = None
    since: str | None = None
    until: str | None = None
    code: str | None = None
    quad: int | None = None
    min_confidence: float | None = None
    q: str | None = None
    include_negated: bool = False
    include_wrong: bool = False
    directed: bool = False  # with `party`: only events whose source is the party
    international: bool = False  # only events between two different parties

    @property
    def aggregatable(self) -> bool:
        """Whether the month tables can answer counts for this filter."""
        return (self.code is None and self.min_confidence is None and fts_query(self.q) is None
                and self.actor is None and self.article_id is None and self.entity is None
                and not self.include_negated and not self.include_wrong and not self.directed
                and not self.international)

    def _branches(self) -> list[tuple[str, list[Any]]]:
        """Disjoint WHERE clauses, each answerable by one index in date order."""
        sides: list[tuple[str, list[Any]]]
        if self.party and self.partner:
            sides = [("e.source_party = ? AND e.target_party = ?", [self.party, self.partner])]
            if self.partner != self.party and not self.directed:
                sides.append(("e.source_party = ? AND e.target_party = ?",
                              [self.partner, self.party]))
        elif self.party:
            sides = [("e.source_party = ?", [self.party])]
            if not self.directed:
                sides.append(("e.target_party = ? AND e.source_party IS NOT ?",
                              [self.party, self.party]))
        else:
            sides = [("1", [])]
        if self.actor:
            sides = [
                (f"{sql} AND (e.source = ? OR e.target = ?)", [*params, self.actor, self.actor])
                for sql, params in sides
            ]
        return sides

    def _where(self, *, words: bool = True) -> tuple[str, list[Any]]:
        """The conditions shared by every branch; `words=False` leaves out `q`, for a
        query that joins the full-text index itself."""
        where: list[str] = []
        params: list[Any] = []
        match = fts_query(self.q) if words else None
        if match:
            where.append(
                "(e.article_id, e.sentence) IN (SELECT s.article_id, s.idx FROM sentences s "
                "WHERE s.rowid IN (SELECT rowid FROM sentences_fts WHERE sentences_fts "
                "MATCH ?))"
            )
            params.append(match)
        if self.article_id is not None:
            where.append("e.article_id = ?")
            params.append(self.article_id)
        if self.entity is not None:
            where.append(
                "e.id IN (SELECT x.id FROM entity_mentions m JOIN events x ON "
                "x.article_id = m.article_id AND x.sentence = m.sentence WHERE m.entity_id = ?)"
            )
            params.append(self.entity)
        if self.since:
            where.append("e.date >= ?")
            params.append(self.since)
        if self.until:
            where.append("e.date <= ?")
            params.append(self.until)
        if self.code:
            where.append("e.root = ?")
            params.append(self.code[:2])
            if len(self.code) > 2:
                where.append("e.cameo >= ? AND e.cameo < ?")
                params += [self.code, self.code[:-1] + chr(ord(self.code[-1]) + 1)]
        if self.quad is not None:
            where.append("e.quad_class = ?")
            params.append(self.quad)
        if self.international:
            where.append("e.target_party IS NOT NULL AND e.source_party IS NOT NULL "
                         "AND e.target_party != e.source_party")
        if self.min_confidence is not None:
            where.append("e.confidence >= ?")
            params.append(self.min_confidence)
        if not self.include_negated:
            where.append("e.negated = 0")
        if not self.include_wrong:
            where.append("e.wrong = 0")
        return " AND ".join(where) or "1", params


def _month_plan(since: str | None, until: str | None
                ) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    """Split a date range into whole months (first, last) and the partial days around them."""
    raw: list[tuple[str, str]] = []
    first = last = None
    if since:
        start = date.fromisoformat(since)
        if start.day == 1:
            first = since[:7]
        else:
            month_end = date(start.year, start.month,
                             calendar.monthrange(start.year, start.month)[1]).isoformat()
            raw.append((since, min(month_end, until) if until else month_end))
            first = _next_month(since[:7])
    if until:
        end = date.fromisoformat(until)
        if end.day == calendar.monthrange(end.year, end.month)[1]:
            last = until[:7]
        else:
            month_start = until[:8] + "01"
            last = _previous_month(until[:7])
            if not raw or raw[0][0][:7] != until[:7]:
                raw.append((max(month_start, since) if since else month_start, until))
    if first and last and first > last:
        first, last = "9999-99", "0000-00"  # no whole month: the partial days say it all
    return first, last, raw


def _next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


def _previous_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - (mon == 1):04d}-{(mon - 2) % 12 + 1:02d}"


def _month_where(f: EventFilter, first: str | None, last: str | None
                 ) -> tuple[str, list[Any]]:
    """The WHERE clause over a month table (`party_months`, `dyad_months`, ...) for the
    whole months `first`..`last` of `f` and its quad class."""
    where: list[str] = ["n > 0"]
    params: list[Any] = []
    if f.since or f.until:
        where.append("month != ''")
    if first:
        where.append("month >= ?")
        params.append(first)
    if last:
        where.append("month <= ?")
        params.append(last)
    if f.quad is not None:
        where.append("quad_class = ?")
        params.append(f.quad)
    return " AND ".join(where), params
