"""Events as a GDELT-style table: the columns of the GDELT 2.0 event table, one row an
*event*, a group of mentions (see `dedup`) with its counts.

    gdelt_row(group, n)       -> the values of `GDELT_COLUMNS` for one event group
    write_gdelt(groups, out)  tab-separated, header row first, one row an event

Columns irinsider has nothing for (tone, ethnic and religion codes, the actors' places)
are empty.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TextIO

from ..dedup import EventGroup
from .geo import alpha2

__all__ = ["GDELT_COLUMNS", "gdelt_row", "write_gdelt"]

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
        "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

# GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city,
# 5 world state (a region of a country other than the United States)
_GEO_TYPE = {("country", False): 1, ("country", True): 1, ("region", True): 2,
             ("city", True): 3, ("city", False): 4, ("region", False): 5}


def _actor_columns(code: str | None, name: str | None, country: str | None) -> list[Any]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code,
    Type1Code, Type2Code, Type3Code of one actor."""
    if not code:
        return [""] * 10
    head, rest = code[:3], code[3:]
    types = [rest[i:i + 3] for i in range(0, 9, 3)]
    group = ""
    if head in ("IGO", "NGO"):
        group, types = rest[:3], [head, *types[1:]] if rest else [head, "", ""]
    return [code, name or "", head if country else "", group, "", "", "", *types]


def _sqldate(day: str | None) -> list[Any]:
    """SQLDATE, MonthYear, Year and FractionDate of an ISO date (empty if none)."""
    try:
        when = date.fromisoformat((day or "")[:10])
    except ValueError:
        return ["", "", "", ""]
    length = 366 if when.year % 4 == 0 and (when.year % 100 or when.year % 400 == 0) else 365
    fraction = round(when.year + (when.timetuple().tm_yday - 1) / length, 4)
    return [int(when.strftime("%Y%m%d")), int(when.strftime("%Y%m")), when.year, fraction]


def _dateadded(seen: str | None) -> Any:
    if not seen:
        return ""
    try:
        return int(datetime.fromisoformat(seen).strftime("%Y%m%d%H%M%S"))
    except ValueError:
        return ""


def gdelt_row(group: EventGroup, n: int) -> list[Any]:
    """An event group as the values of `GDELT_COLUMNS`; `n` is its GLOBALEVENTID when the
    group has no id of its own. Columns irinsider has nothing for are empty."""
    e = group.event
    country = e.place_country
    name = e.place_name or e.place
    action: list[Any] = [""] * 8
    if name:
        action = [
            _GEO_TYPE.get((e.place_kind or "", country == "USA"), ""), name,
            (alpha2(country) or "") if country else "", "", "",
            "" if e.place_lat is None else e.place_lat,
            "" if e.place_lon is None else e.place_lon, "",
        ]
    return [
        group.id if group.id is not None else n,
        *_sqldate(e.date),
        *_actor_columns(e.source, e.source_name, e.source_country),
        *_actor_columns(e.target, e.target_name, e.target_country),
        "", e.cameo, e.cameo[:3], e.cameo[:2], e.quad_class, e.goldstein,
        group.num_mentions, group.num_sources, group.num_articles, "",
        *[""] * 16, *action,
        _dateadded(group.first_seen), group.url or "",
    ]


def write_gdelt(groups: Iterable[EventGroup], out: TextIO) -> int:
    """Write a header row and one tab-separated row an event; return how many events.

    Open `out` with ``newline=""``. Tabs and line breaks inside a value (a name) become
    spaces, so every line is one row; a value with a double quote is quoted as in CSV.
    """
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(GDELT_COLUMNS)
    count = 0
    for count, group in enumerate(groups, start=1):
        writer.writerow([" ".join(v.split()) if isinstance(v, str) else v
                         for v in gdelt_row(group, count)])
    return count
