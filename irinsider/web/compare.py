"""Two countries or two pairs side by side: their numbers, and their timelines overlaid.

    GET /compare?a=CUB&b=VEN                   compare.html
    GET /compare?a=CUB-RUS&b=VEN-RUS&since=2018-01-01
    GET /api/compare?...                       the same numbers and series as JSON

Each side is counted as its own page counts it (`analysis.count_events` over its
timeline rows), so the numbers here are those of /countries/CUB or /pairs/CUB-RUS with
the same filters. The charts are drawn on the server as SVG: events a month, and the net
Goldstein score a month, one line a side.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.exceptions import HTTPException

from ..analysis import count_events, party_name, resolve_party
from ..store import EventFilter, Store
from .deps import Db
from .pages import page
from .params import Filters, filters_echo

__all__ = ["router", "series_chart"]

router = APIRouter()

WIDTH, HEIGHT = 720, 220
LEFT, RIGHT, TOP, BOTTOM = 46, 12, 10, 26
Side = Annotated[str | None, Query(description="A country (CUB, Cuba) or a pair (CUB-RUS)")]


def _side(text: str, name: str) -> tuple[str, str | None]:
    """The party (and partner) a side names: "CUB" or "CUB-RUS"; 404 if it names none."""
    codes = [c.strip() for c in text.split("-")] if "-" in text else [text.strip()]
    parties = [resolve_party(c) for c in codes]
    if len(codes) > 2 or not all(codes) or None in parties:
        raise HTTPException(404, f"{name}: {text!r} is not a country or a pair; write a code "
                                 "or name such as CUB or Cuba, or a pair such as CUB-RUS")
    return parties[0] or "", parties[1] if len(parties) == 2 else None


def _months(first: str, last: str) -> list[str]:
    months = [first]
    while months[-1] < last and len(months) < 1200:
        year, mon = int(months[-1][:4]), int(months[-1][5:7])
        months.append(f"{year + mon // 12:04d}-{mon % 12 + 1:02d}")
    return months


def _ticks(months: list[str]) -> list[tuple[int, str]]:
    """Where to label the time axis: each year (every few on a long one), else months."""
    if len(months) <= 14:
        return [(i, m) for i, m in enumerate(months)]
    years = [(i, m[:4]) for i, m in enumerate(months) if m.endswith("-01") or i == 0]
    step = max(1, len(years) // 8)
    return years[::step]


def series_chart(months: list[str], lines: list[list[float]], *, zero: bool = False
                 ) -> dict[str, Any]:
    """An SVG line chart of `lines` (one value a month each) over `months`: polyline
    points, the y axis ticks and the x axis labels, in a WIDTH x HEIGHT viewBox."""
    values = [v for line in lines for v in line]
    high = max([*values, 0.0 if zero else 1.0]) or 1.0
    low = min([*values, 0.0]) if zero else 0.0
    if high == low:
        high = low + 1
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return round(LEFT + (span_x * i / (len(months) - 1) if len(months) > 1 else span_x / 2),
                     1)

    def y(v: float) -> float:
        return round(TOP + span_y * (high - v) / (high - low), 1)

    step = _nice((high - low) / 4)
    ticks = []
    value = step * int(low / step) if low < 0 else 0.0
    while value <= high + 1e-9:
        ticks.append({"y": y(value), "label": f"{value:g}", "zero": value == 0})
        value += step
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": HEIGHT - BOTTOM, "zero_y": y(0.0),
        "lines": [" ".join(f"{x(i)},{y(v)}" for i, v in enumerate(line)) for line in lines],
        "y_ticks": ticks,
        "x_ticks": [{"x": x(i), "label": label} for i, label in _ticks(months)],
    }


def _nice(step: float) -> float:
    """A round step near `step`: 1, 2 or 5 times a power of ten."""
    if step <= 0:
        return 1.0
    power = 10 ** len(str(int(step))) / 10 if step >= 1 else 1.0
    for m in (1, 2, 5, 10):
        if step <= m * power:
            return max(1.0, m * power)
    return 10 * power


def _side_data(store: Store, f: EventFilter, text: str, name: str) -> dict[str, Any]:
    party, partner = _side(text, name)
    sf = replace(f, party=party, partner=partner)
    event_rows = store.timeline(sf, groups=True)
    mention_rows = store.timeline(sf)
    totals = count_events(store, sf, event_rows=event_rows, mention_rows=mention_rows)
    monthly: dict[str, list[float]] = {}
    year_only = 0  # events dated by their year alone are in no month
    for month, _quad, _direction, n, g, _usd in event_rows:
        year_only += n if len(month) == 4 else 0
        if len(month) == 7:
            cell = monthly.setdefault(month, [0, 0.0])
            cell[0] += n
            cell[1] += g
    label = " – ".join(party_name(p) for p in (party, partner) if p)
    href = f"/pairs/{party}-{partner}" if partner else f"/countries/{party}"
    return {"code": f"{party}-{partner}" if partner else party, "label": label,
            "kind": "pair" if partner else "country", "href": href,
            "totals": totals.to_dict(), "monthly": monthly, "year_only": year_only,
            "range": store.date_range(sf)}


@page(router, "/compare", "compare.html", name="compare",
      summary="Two countries or two pairs side by side, their timelines overlaid")
def compare(request: Request, store: Db, f: Filters, a: Side = None, b: Side = None
            ) -> dict[str, Any]:
    """Numbers and monthly timelines of two countries or pairs, with the same filters."""
    f = replace(f, party=None, partner=None)
    out: dict[str, Any] = {"a": a or "", "b": b or "", "filters": filters_echo(f),
                           "sides": [], "months": [], "events_chart": None,
                           "goldstein_chart": None, "range": {"first": None, "last": None}}
    if not a or not b:
        return out
    sides = [_side_data(store, f, a, "a"), _side_data(store, f, b, "b")]
    dated = [m for s in sides for m in s["monthly"]]
    if dated:
        months = _months(min(dated), max(dated))
        counts = [[s["monthly"].get(m, [0, 0.0])[0] for m in months] for s in sides]
        net = [[round(s["monthly"].get(m, [0, 0.0])[1], 1) for m in months] for s in sides]
        out["months"] = months
        out["events_chart"] = series_chart(months, counts)
        out["goldstein_chart"] = series_chart(months, net, zero=True)
        for side, c, g in zip(sides, counts, net, strict=True):
            side["series"] = {"events": c, "net": g}
    firsts = [s["range"][0] for s in sides if s["range"][0]]
    lasts = [s["range"][1] for s in sides if s["range"][1]]
    out["range"] = {"first": min(firsts, default=None), "last": max(lasts, default=None)}
    for side in sides:
        del side["monthly"], side["range"]
    out["sides"] = sides
    return out
