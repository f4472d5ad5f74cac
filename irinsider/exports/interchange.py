"""Events in the formats other event data uses: PLOVER JSON, a GDELT-style table, Parquet.

    plover_record(mention, n)       -> one PLOVER record (a dict) for a mention
    gdelt_row(group, n)             -> one row of GDELT 2.0 event-table columns
    write_plover(mentions, out)     one record a line (JSON Lines)
    write_gdelt(groups, out)        tab-separated, header row first, one row an event
    write_parquet(events, path)     the batch schema of `results.SCHEMA`
    export_store(store, fmt, out)   the stored events in any format of `FORMATS`
    export_coded(coded, fmt, out)   events straight from coded articles
    atomic_text(path)               a text file that appears whole or not at all

PLOVER and Parquet carry one row a mention (a coded event with its evidence); the GDELT
table carries one row an *event*: a group of mentions (see `dedup`) with its counts.
From a store, groups span articles; from coded articles alone (``irinsider code``), only
the mentions within one article can be grouped.
"""

from __future__ import annotations

import csv
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .. import __version__
from ..codebook import load_codebook
from ..dedup import EventGroup, Mention, group_events, outlet
from ..model import CodedArticle, Event
from .rows import event_to_dict, write_events

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "FORMATS",
    "GDELT_COLUMNS",
    "PLOVER_FIELDS",
    "atomic_text",
    "export_coded",
    "export_store",
    "gdelt_row",
    "plover_record",
    "write_gdelt",
    "write_parquet",
    "write_plover",
]

FORMATS: tuple[str, ...] = ("jsonl", "csv", "plover", "gdelt", "parquet")
BINARY_FORMATS = frozenset({"parquet"})

PLOVER_FIELDS: tuple[str, ...] = (
    "id", "date", "source", "recipient", "event", "mode", "context", "event_text",
    "event_loc", "quad_code", "event_scale", "text", "text_info", "cite_info", "link",
    "coder", "cameo", "confidence",
)

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
_FEATURE_CLASS = {"city": "P", "region": "A", "country": "A"}  # GeoNames classes


@lru_cache(maxsize=512)
def _alpha2(alpha3: str) -> str | None:
    """ISO 3166-1 alpha-2 of an alpha-3 code (XK for Kosovo); None if unknown."""
    if alpha3 == "XKX":
        return "XK"
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    return country.alpha_2 if country is not None else None


# ---------------------------------------------------------------------------- PLOVER


def _actor(code: str | None, name: str | None, country: str | None,
           span: tuple[int, int] | None, text: str) -> list[dict[str, Any]]:
    """A PLOVER actor list: the top-level code (a country, IGO, NGO or ---) and its sector."""
    if not code:
        return []
    return [{
        "code": code[:3],
        "sector": code[3:] or None,
        "actor_text": text[span[0]:span[1]] if span else None,
        "identifier_text": name,
        "cc3": country,
    }]


def _place(event: Event) -> dict[str, Any] | None:
    """A PLOVER location object (GeoNames field names) of the event's place, if any."""
    name = event.place_name or event.place
    if not name:
        return None
    country = event.place_country
    return {
        "name": name,
        "text": event.place,
        "latitude": event.place_lat,
        "longitude": event.place_lon,
        "feature class": _FEATURE_CLASS.get(event.place_kind or ""),
        "country code": _alpha2(country) if country else None,
        "cc3": country,
    }


def _publication(url: str | None) -> str | None:
    """The host of a URL, as the name of its publisher."""
    host = outlet(url) if url else ""
    return host[len("host:"):] if host.startswith("host:") else None


def _context(cameo: str) -> str | None:
    """The PLOVER context of a CAMEO code, else of its nearest ancestor in the table."""
    book = load_codebook()
    for code in (cameo, cameo[:3], cameo[:2]):
        if code in book:
            return book[code].plover_context
    return None


def plover_record(mention: Mention, n: int) -> dict[str, Any]:
    """A mention as a PLOVER record with exactly the keys of `PLOVER_FIELDS`.

    `n` tells apart the events of one sentence: the id is ``<doc>-<sentence>-<n>``.
    """
    e = mention.event
    return {
        "id": f"{e.doc_id}-{e.sentence}-{n}",
        "date": e.date,
        "source": _actor(e.source, e.source_name, e.source_country, e.source_span,
                         e.evidence),
        "recipient": _actor(e.target, e.target_name, e.target_country, e.target_span,
                            e.evidence),
        "event": e.plover,
        "mode": e.plover_mode,
        "context": _context(e.cameo),
        "event_text": e.trigger or e.evidence[e.trigger_span[0]:e.trigger_span[1]],
        "event_loc": _place(e),
        "quad_code": e.quad_class,
        "event_scale": e.goldstein,
        "text": e.evidence,
        "text_info": {
            "sequence": e.sentence,
            "source_span": list(e.source_span),
            "recipient_span": list(e.target_span) if e.target_span else None,
            "event_span": list(e.trigger_span),
        },
        "cite_info": {
            "citation": e.doc_id,
            "url": mention.url,
            "title": mention.title,
            "publication": _publication(mention.url),
            "byline": mention.byline,
            "language": "en",
            "coder": f"irinsider {__version__}",
            "codebook": "CAMEO 1.1b3 to PLOVER (CAMEO2PLOVER 2021)",
        },
        "link": mention.group_id,
        "coder": f"irinsider {__version__}",
        "cameo": e.cameo,
        "confidence": e.confidence,
    }


def write_plover(mentions: Iterable[Mention], out: TextIO) -> int:
    """Write one PLOVER record a line; events without a PLOVER type (CAMEO 01, public
    statements) are left out. Return how many were written."""
    count = 0
    last: tuple[str, int] | None = None
    n = 0
    for mention in mentions:
        event = mention.event
        if event.plover is None:
            continue
        here = (event.doc_id, event.sentence)
        n = n + 1 if here == last else 0
        last = here
        out.write(json.dumps(plover_record(mention, n), ensure_ascii=False) + "\n")
        count += 1
    return count


# ---------------------------------------------------------------------------- GDELT


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
            (_alpha2(country) or "") if country else "", "", "",
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


# ---------------------------------------------------------------------------- Parquet


def write_parquet(events: Iterable[Event], path: str | Path) -> int:
    """Write events to a Parquet file with `results.SCHEMA`, in row groups, atomically:
    the file appears only when complete. Return how many were written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..batch.results import ROW_GROUP, SCHEMA

    final = Path(path)
    tmp = _temporary(final)
    count = 0
    try:
        with pq.ParquetWriter(tmp, SCHEMA, compression="zstd") as writer:
            rows: list[dict[str, Any]] = []
            for event in events:
                rows.append(event_to_dict(event))
                count += 1
                if len(rows) >= ROW_GROUP:
                    writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
                    rows = []
            if rows or count == 0:
                writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
        _publish(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    return count


# ---------------------------------------------------------------------------- files


def _temporary(final: Path) -> Path:
    return final.with_name(f".{final.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")


def _publish(tmp: Path, final: Path) -> None:
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, final)


@contextmanager
def atomic_text(path: str | Path) -> Iterator[TextIO]:
    """A text file (UTF-8, ``newline=""``) written under a temporary name next to `path`
    and renamed over it when the block ends without an error; removed otherwise."""
    final = Path(path)
    tmp = _temporary(final)
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


def _write(fmt: str, out: TextIO | str | Path, text: Callable[[TextIO], int],
           binary: Callable[[Path], int]) -> int:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if fmt in BINARY_FORMATS:
        if not isinstance(out, (str, Path)):
            raise ValueError(f"--format {fmt} writes a file; give its name with --out FILE")
        return binary(Path(out))
    if isinstance(out, (str, Path)):
        with atomic_text(out) as fh:
            return text(fh)
    return text(out)


# ---------------------------------------------------------------------------- sources


def export_store(store: Store, fmt: str, out: TextIO | str | Path, *,
                 include_negated: bool = False) -> int:
    """Write the stored events (not those readers marked wrong) as `fmt` to `out`, a
    stream or a file name (written atomically); return how many rows were written."""

    def events() -> Iterator[Event]:
        return (e for e in store.events() if include_negated or not e.negated)

    def text(fh: TextIO) -> int:
        if fmt == "plover":
            return write_plover(store.mentions(include_negated=include_negated), fh)
        if fmt == "gdelt":
            return write_gdelt(store.groups(include_negated=include_negated), fh)
        return write_events(events(), fh, fmt)

    return _write(fmt, out, text, lambda path: write_parquet(events(), path))


def export_coded(coded: Iterable[CodedArticle], fmt: str, out: TextIO | str | Path, *,
                 keep: Callable[[Event], bool] = lambda e: True) -> int:
    """Write the events of coded articles that `keep` accepts as `fmt` to `out` (a stream
    or a file name); the GDELT table groups the mentions of each article."""

    def mentions() -> Iterator[Mention]:
        for c in coded:
            a = c.article
            for e in c.events:
                if keep(e):
                    yield Mention(e, url=a.url, title=a.title, byline=a.byline)

    def groups() -> Iterator[EventGroup]:
        for c in coded:
            a = c.article
            for group in group_events([e for e in c.events if keep(e)]):
                yield EventGroup(group.event, group.num_mentions, group.num_articles,
                                 group.num_sources, group.first_date, group.last_date,
                                 url=a.url)

    def text(fh: TextIO) -> int:
        if fmt == "plover":
            return write_plover(mentions(), fh)
        if fmt == "gdelt":
            return write_gdelt(groups(), fh)
        return write_events((m.event for m in mentions()), fh, fmt)

    return _write(fmt, out, text,
                  lambda path: write_parquet((m.event for m in mentions()), path))
