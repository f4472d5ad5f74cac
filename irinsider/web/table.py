"""The event table: every coded event (mention) as a row, sorted by any column, filtered
by every filter, and downloaded as exactly the rows it shows.

    GET /table?country=CUB&hide_domestic=true&sort=-goldstein    table.html
    GET /api/table?...                                            the same rows as JSON
    GET /table.csv?...  /table.jsonl?...  /table.parquet?...      every row, all pages

The downloads read the rows through `Store.matching_events`, which selects and orders
them as `Store.event_table` does for the pages, so a download holds the table's rows,
in its order, and nothing else.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, Response, StreamingResponse
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException

from ..analysis import party_name
from ..exports import event_chunks
from ..model import Event
from ..store import SORTS, EventFilter, Store
from .deps import Db
from .helpers import url_with
from .pages import page
from .params import Pages, bad_request
from .present import decorate
from .scope import Scoped, scope_echo

__all__ = ["COLUMNS", "router"]

router = APIRouter()

#: The sortable columns: (sort key, heading, larger values first when first clicked).
COLUMNS = [("date", "Date", True), ("cameo", "Code", False), ("goldstein", "Goldstein", True),
           ("confidence", "Confidence", True), ("usd", "USD", True)]
SORT_BUDGET_MS = 40.0  # a column other than the date sorts every matching row
KINDS = {"csv": "text/csv", "jsonl": "application/x-ndjson",
         "parquet": "application/vnd.apache.parquet"}
Sort = Annotated[str, Query(description="Column to sort by (date, cameo, goldstein, "
                                        "confidence, usd); a leading - for largest first")]


def _checked_sort(sort: str) -> str:
    if sort.lstrip("-") not in SORTS or sort.count("-") > 1:
        raise bad_request(f"sort: {sort!r} is not a column; use one of "
                          f"{', '.join(SORTS)}, with - first for the largest first")
    return sort


def _row(r: dict[str, Any]) -> dict[str, Any]:
    """An event row as the table shows it."""
    ev = decorate(r)
    return {
        "id": ev["id"], "date": ev["date"], "date_precision": ev.get("date_precision"),
        "source": ev["source"], "target": ev["target"],
        "source_party": ev["source_party"], "target_party": ev["target_party"],
        "source_label": ev["source_label"], "target_label": ev["target_label"],
        "cameo": ev["cameo"], "code_name": ev["code_name"], "quad_class": ev["quad_class"],
        "goldstein": ev["goldstein"], "confidence": ev["confidence"], "usd": ev["usd"],
        "place_name": ev.get("place_name"), "negated": ev["negated"],
        "domestic": not ev["target_party"] or ev["target_party"] == ev["source_party"],
        "evidence": ev["evidence"], "trigger_start": ev["trigger_start"],
        "trigger_end": ev["trigger_end"], "href": ev["href"],
        "article_href": ev["article_href"], "article_title": ev.get("article_title"),
    }


def _downloads(request: Request) -> dict[str, str]:
    """The table's downloads: its filters and sort, without its paging."""
    query = {k: v for k, v in request.query_params.items() if k not in ("page", "per_page")}
    text = urlencode(query)
    return {kind: f"/table.{kind}" + ("?" + text if text else "") for kind in KINDS}


@page(router, "/table", "table.html", name="table",
      summary="Events as a sortable, filterable table with downloads of its rows")
def table(request: Request, store: Db, f: Scoped, paging: Pages, sort: Sort = "-date"
          ) -> dict[str, Any]:
    """Coded events (each coded sentence a row), sorted by a column and filtered; the
    downloads hold exactly these rows, on every page."""
    sort = _checked_sort(sort)
    note = None
    try:
        rows, more = store.event_table(f, sort=sort, page=paging.page,
                                       per_page=paging.per_page, budget_ms=SORT_BUDGET_MS)
    except TimeoutError:  # too many rows to sort by that column in time: by date instead
        note = (f"Too many events to sort by {sort.lstrip('-')} in time: they are shown "
                "newest first. Narrow the filters (a country, dates, a code) to sort by it; "
                "the downloads are sorted by it as asked.")
        rows, more = store.event_table(f, sort="-date", page=paging.page,
                                       per_page=paging.per_page)
    total, exact = store.event_count(f)
    columns = []
    for key, heading, largest_first in COLUMNS:
        current = sort.lstrip("-") == key
        descending = sort.startswith("-")
        flip = (not descending) if current else largest_first
        columns.append({
            "key": key, "heading": heading,
            "sorted": ("descending" if descending else "ascending") if current else None,
            "href": url_with(request, sort=("-" if flip else "") + key, page=None)})
    return {
        "rows": [_row(r) for r in rows],
        "sort": sort,
        "sort_note": note,
        "columns": columns,
        "filters": scope_echo(f),
        "names": [party_name(p) for p in (f.party, f.partner) if p],
        "pagination": paging.info(request, more, total, exact),
        "downloads": _downloads(request),
        "range": dict(zip(("first", "last"), store.date_range(f), strict=True)),
    }


def _stream(path: Path, f: EventFilter, sort: str) -> Iterator[Event]:
    """The table's events, read through a connection of their own."""
    with Store.open(path) as store:
        yield from store.matching_events(f, sort=sort)


@router.get("/table.{kind}", tags=["downloads"],
            summary="Download the event table's rows (every page) as CSV, JSON Lines or "
                    "Parquet")
def download(request: Request, kind: str, f: Scoped, sort: Sort = "-date") -> Response:
    if kind not in KINDS:
        raise HTTPException(404, "download the table as table.csv, table.jsonl or "
                                 "table.parquet")
    sort = _checked_sort(sort)
    path: Path = request.app.state.db_path
    headers = {"Content-Disposition": f'attachment; filename="events.{kind}"'}
    if kind == "parquet":
        from ..exports import write_parquet

        handle, name = tempfile.mkstemp(suffix=".parquet", prefix="irinsider-table-")
        os.close(handle)
        write_parquet(_stream(path, f, sort), name)
        return FileResponse(name, media_type=KINDS[kind], headers=headers,
                            background=BackgroundTask(os.unlink, name))
    return StreamingResponse(event_chunks(_stream(path, f, sort), kind),
                             media_type=f"{KINDS[kind]}; charset=utf-8", headers=headers)
