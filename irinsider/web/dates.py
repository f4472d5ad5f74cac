"""Dates chosen on the timeline: presets beside every chart, as links that set ``since``
and ``until`` (the page's other filters kept), and the range a brush on a chart picks.

    date_presets(request, first="2010-01", last="2024-12")
        -> [{"label": "Last 12 months", "href": "...?since=2024-01-01&until=2024-12-31",
             "active": False}, ...]

Presets count back from the last month with events (not from today: a database of
old news has nothing in the last twelve months of the calendar). The same helper is a
template global, so any page with a timeline shows them.
"""

from __future__ import annotations

import calendar
from typing import Any

from starlette.requests import Request

from .helpers import url_with

__all__ = ["GLOBALS", "date_presets", "month_end", "months_back"]

YEARS = 6  # single years offered, the latest first


def month_end(month: str) -> str:
    """The last day of a "YYYY-MM" month: "2024-02" -> "2024-02-29"."""
    year, mon = int(month[:4]), int(month[5:7])
    return f"{month}-{calendar.monthrange(year, mon)[1]:02d}"


def months_back(month: str, n: int) -> str:
    """The month `n` months before "YYYY-MM" (n = 0: the month itself)."""
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def date_presets(request: Request, first: str | None, last: str | None
                 ) -> list[dict[str, Any]]:
    """Links to the same page over preset date ranges ending at `last` ("YYYY-MM", the
    last month with events), the one in force marked active; `first` is the first
    month with events (years before it are not offered)."""
    since = request.query_params.get("since") or None
    until = request.query_params.get("until") or None
    out: list[dict[str, Any]] = [{"label": "All dates", "since": None, "until": None}]
    if last and len(last) >= 7:
        last = last[:7]
        end = month_end(last)
        for label, months in (("Last 3 months", 3), ("Last 12 months", 12),
                              ("Last 5 years", 60)):
            start = months_back(last, months - 1) + "-01"
            if first and start[:7] <= first[:7]:
                continue
            out.append({"label": label, "since": start, "until": end})
        year = int(last[:4])
        stop = int(first[:4]) if first and len(first) >= 4 else year - YEARS + 1
        for y in range(year, max(stop, year - YEARS + 1) - 1, -1):
            out.append({"label": str(y), "since": f"{y}-01-01", "until": f"{y}-12-31"})
    for preset in out:
        preset["active"] = (preset["since"], preset["until"]) == (since, until)
        preset["href"] = url_with(request, since=preset["since"], until=preset["until"],
                                  page=None)
    return out


GLOBALS: dict[str, Any] = {"date_presets": date_presets}
