"""Feeds and downloads: the Atom feed of published articles, events and corrections.

    GET /feed.xml                      Atom feed of the 50 latest published articles
    GET /exports/events.jsonl|csv      stored events (corrections applied), filtered as
                                       /events filters them
    GET /exports/corrections.jsonl|csv every correction with who, when and why

Downloads stream, reading through a connection of their own. `router` holds these
routes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException

from ..analysis import count_articles
from ..exports import event_chunks
from ..model import Event, party_of
from ..store import EventFilter, Store
from .deps import Db, get_templates
from .params import Filters, resolve_param

__all__ = ["router"]

router = APIRouter()

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CORRECTION_FIELDS = ("id", "article_id", "sentence", "event_id", "field", "old", "new",
                      "reason", "author", "created_at", "evidence", "event_key")


def _has_words(text: str, q: str | None) -> bool:
    """Whether `text` holds every word of `q`, the last as a prefix (as a search does)."""
    words = re.findall(r"\w+", (q or "").lower())
    if not words:
        return True
    have = re.findall(r"\w+", text.lower())
    return all(w in have for w in words[:-1]) and any(h.startswith(words[-1]) for h in have)


def _events(path: Path, f: EventFilter) -> Iterator[Event]:
    """Stored events matching `f` (its parties, actor and words too), read through a
    connection of their own."""
    with Store.open(path) as store:
        for event in store.events(since=f.since, until=f.until, cameo_prefix=f.code):
            if f.quad is not None and event.quad_class != f.quad:
                continue
            if f.min_confidence is not None and event.confidence < f.min_confidence:
                continue
            if event.negated and not f.include_negated:
                continue
            sides = (party_of(event.source, event.source_country),
                     party_of(event.target, event.target_country))
            if f.party and f.party not in sides:
                continue
            if f.partner and set(sides) != {f.party, f.partner}:
                continue
            if f.actor and f.actor not in (event.source, event.target):
                continue
            if not _has_words(event.evidence, f.q):
                continue
            yield event


def _corrections(path: Path) -> Iterator[dict[str, Any]]:
    """Every correction, 500 at a time, read through a connection of its own."""
    with Store.open(path) as store:
        page = 1
        while True:
            rows, more = store.corrections(page=page, per_page=500)
            for row in rows:
                yield {k: row[k] for k in _CORRECTION_FIELDS}
            if not more:
                return
            page += 1


def _lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _csv(rows: Iterator[dict[str, Any]], fields: tuple[str, ...]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for i, row in enumerate(rows):
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict))
                         else v for k, v in row.items()})
        if i % 200 == 199:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _download(body: Iterator[str], name: str) -> StreamingResponse:
    media = "application/x-ndjson" if name.endswith(".jsonl") else "text/csv"
    return StreamingResponse(body, media_type=f"{media}; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _db_path(request: Request) -> Path:
    path: Path = request.app.state.db_path
    return path


def feed_data(store: Store) -> dict[str, Any]:
    """The feed's items: the 50 latest published articles (each with its events and
    mentions, counted as everywhere), and when the feed changed."""
    articles = store.published(limit=50)
    tallies = count_articles(store, [a["id"] for a in articles])
    updated = max((a["published_at"] for a in articles), default=None)
    return {"articles": [{**a, "events": tallies[a["id"]].events,
                          "mentions": tallies[a["id"]].mentions} for a in articles],
            "updated": updated or datetime.now(UTC).isoformat(timespec="seconds")}


def atom_time(day: str | None, fallback: str | None) -> str | None:
    """An article's date as an Atom time ("2018-11-09T00:00:00Z"); `fallback` (when it
    was published) for an undated one."""
    if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return f"{day}T00:00:00Z"
    return fallback


@router.get("/feed.xml", include_in_schema=False)
def feed(request: Request, store: Db) -> Response:
    """The Atom feed of published articles."""
    base = str(request.base_url).rstrip("/")
    text = get_templates(request).get_template("feed.xml").render(data=feed_data(store),
                                                                  base=base,
                                                                  atom_time=atom_time)
    # XML cannot hold most control characters at all, not even escaped
    return Response(_NOT_XML.sub("", text), media_type="application/atom+xml; charset=utf-8")


# The routes below have no docstring: it would become their description in the OpenAPI
# schema, where their summary says what they do.


@router.get("/api/feed", tags=["pages"], summary="Published articles (the Atom feed's items)")
def api_feed(store: Db) -> JSONResponse:
    return JSONResponse({"ok": True, **feed_data(store)})


@router.get("/exports/events.{kind}", tags=["downloads"],
            summary="Download events as JSON Lines or CSV (readers' corrections applied)")
def export_events(request: Request, kind: str, f: Filters,
                  country: Annotated[str | None, Query(description="Party on either side")
                                     ] = None,
                  partner: Annotated[str | None, Query(description="With country: the "
                                                       "other side")] = None,
                  actor: Annotated[str | None, Query(description="Actor code on either side")
                                   ] = None) -> Response:
    party, other = resolve_param(country, "country"), resolve_param(partner, "partner")
    f = replace(f, party=party, partner=other if party else None,
                actor=actor.strip().upper() if actor else None)
    if kind in ("jsonl", "csv"):
        return _download(event_chunks(_events(_db_path(request), f), kind), f"events.{kind}")
    raise HTTPException(404, "download events as events.jsonl or events.csv")


@router.get("/exports/corrections.{kind}", tags=["downloads"],
            summary="Download readers' corrections as JSON Lines or CSV")
def export_corrections(request: Request, kind: str) -> Response:
    path = _db_path(request)
    if kind == "jsonl":
        return _download(_lines(_corrections(path)), "corrections.jsonl")
    if kind == "csv":
        return _download(_csv(_corrections(path), _CORRECTION_FIELDS), "corrections.csv")
    raise HTTPException(404, "download corrections as corrections.jsonl or .csv")
