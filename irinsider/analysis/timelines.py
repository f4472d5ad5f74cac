"""Months of events: chart series, counts of distinct events or of mentions, quad totals.

    timeline_series(rows)              -> chart data, a value a month
    counted_timeline(store, f, count)  -> months of distinct events, or of mentions
    event_totals(store, f)             -> {"events": distinct events, "mentions": ...}
    quad_totals(rows)                  -> {quad class: events}

`count="events"` counts the mentions of one event in several articles once (the store
groups them, see `dedup`); `count="mentions"` counts every coded event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..codebook import QUAD_NAMES
from ..store import EventFilter, Store
from .counts import count_events
from .names import MONTH_NAMES, month_label

__all__ = [
    "COUNTS",
    "TimelineRows",
    "counted_timeline",
    "event_totals",
    "groups_for",
    "quad_totals",
    "timeline_series",
]


def timeline_series(rows: Iterable[tuple[str, int, int, int, float, float]]
                    ) -> dict[str, Any]:
    """Chart data from `Store.timeline` rows: every month from the first to the last.

    Returns ``{"months", "labels", "counts": {quad: [...]}, "goldstein": {quad: [...]},
    "net": [...], "table": [[label, n1, n2, n3, n4, net], ...], "year_only": n}``; the
    table has a row a month, or a year when there are more than 24 months. Undated
    events are left out. Events dated only by their year (rows of "YYYY", see
    `Store.timeline`) are in no month: they are not charted, the table has a row for
    them ("2015, month unknown") and `year_only` says how many there are.
    """
    rows = list(rows)
    dated = [r for r in rows if len(r[0]) == 7]
    years: dict[str, list[float]] = {}
    for key, quad, _direction, n, g, _usd in rows:
        if len(key) == 4:
            cell = years.setdefault(key, [0, 0, 0, 0, 0.0])
            cell[quad - 1] += n
            cell[4] += g
    year_rows = [[f"{key}, month unknown", *cell[:4], round(cell[4], 1)]
                 for key, cell in sorted(years.items())]
    year_only = int(sum(sum(cell[:4]) for cell in years.values()))
    if not dated:
        return {"months": [], "labels": [], "counts": {}, "goldstein": {}, "net": [],
                "table": year_rows, "year_only": year_only}
    first, last = min(r[0] for r in dated), max(r[0] for r in dated)
    months = [first]
    while months[-1] < last and len(months) < 1200:
        year, mon = int(months[-1][:4]), int(months[-1][5:7])
        months.append(f"{year + mon // 12:04d}-{mon % 12 + 1:02d}")
    at = {m: i for i, m in enumerate(months)}
    counts = {q: [0] * len(months) for q in QUAD_NAMES}
    gold = {q: [0.0] * len(months) for q in QUAD_NAMES}
    for month, quad, _direction, n, g, _usd in dated:
        i = at[month]
        counts[quad][i] += n
        gold[quad][i] += g
    gold = {q: [round(v, 1) for v in values] for q, values in gold.items()}
    net = [round(a + b + c + d, 1) for a, b, c, d in zip(*gold.values(), strict=True)]
    table: dict[str, list[float]] = {}
    by_year = len(months) > 24
    for i, month in enumerate(months):
        row = table.setdefault(month[:4] if by_year else month_label(month), [0, 0, 0, 0, 0.0])
        for q in QUAD_NAMES:
            row[q - 1] += counts[q][i]
        row[4] += net[i]
    return {"months": months, "labels": [month_label(m) for m in months], "counts": counts,
            "goldstein": gold, "net": net,
            "table": sorted([[label, *row[:4], round(row[4], 1)] for label, row in table.items()
                             if any(row[:4])] + year_rows, key=_table_order),
            "year_only": year_only}


def _table_order(row: list[Any]) -> tuple[str, int]:
    """Table rows by year, then month (a year's "month unknown" row after its months)."""
    label = str(row[0])
    year = label[:4] if label[:4].isdigit() else label[-4:]
    if label.endswith("month unknown"):
        return year, 13
    month = next((i + 1 for i, m in enumerate(MONTH_NAMES) if label.startswith(m)), 0)
    return year, month


COUNTS = ("events", "mentions")
TimelineRows = Sequence[tuple[str, int, int, int, float, float]]


def groups_for(count: str) -> bool:
    """The `groups` argument of the store's counts for `count`: True to count distinct
    events, False to count every mention; a `ValueError` for another `count`."""
    if count not in COUNTS:
        raise ValueError(f"count must be one of {', '.join(COUNTS)}, not {count!r}")
    return count == "events"


def counted_timeline(store: Store, f: EventFilter, count: str = "events"
                     ) -> list[tuple[str, int, int, int, float, float]]:
    """`Store.timeline` rows counting distinct events (`count="events"`: the mentions of
    one event in several articles count once, see `dedup`) or every mention."""
    return store.timeline(f, groups=groups_for(count))


def event_totals(store: Store, f: EventFilter) -> dict[str, int]:
    """How many distinct events and how many mentions of them match `f` (as
    `counts.count_events` counts them)."""
    tally = count_events(store, f)
    return {"events": tally.events, "mentions": tally.mentions}


def quad_totals(rows: Iterable[Sequence[Any]], n_at: int = 3, quad_at: int = 1
                ) -> dict[int, int]:
    """Events by quad class from timeline or partner rows."""
    out = dict.fromkeys(QUAD_NAMES, 0)
    for row in rows:
        out[row[quad_at]] = out.get(row[quad_at], 0) + int(row[n_at])
    return out
