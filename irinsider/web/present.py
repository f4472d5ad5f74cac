"""Stored rows as the pages show them: events explained and linked, an article laid
out with its marks, totals of events and mentions.

    decorate(row)                         -> the row with "explanation", "href", ...
    article_data(store, coded, row)       -> the data of an article page (or a preview)
    event_list(store, f, paging, request) -> one page of events and its pagination
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from fastapi import Request

from ..analysis import CORRECTION_FIELDS, explain, party_name, quad_totals
from ..model import CodedArticle
from ..store import EventFilter, Store
from .params import Paging
from .text import article_blocks

__all__ = ["article_data", "counted", "decorate", "event_list", "linked_pairs"]


def decorate(row: dict[str, Any], anchor: str | None = None) -> dict[str, Any]:
    """An event row with what the pages show: its explanation and links."""
    row = dict(row)
    row["anchor"] = anchor or f"e{row['id']}"
    row["explanation"] = explain(row)
    row["code_name"] = row["explanation"]["code_name"]
    if row.get("id") is not None:
        row["href"] = f"/events/{row['id']}"
        row["article_href"] = f"/articles/{row['article_id']}#s{row['sentence']}"
    return row


def _quads(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    quads = quad_totals(rows)
    n = sum(quads.values())
    return {"events": n, "quads": quads, "goldstein": round(sum(r[4] for r in rows), 1),
            "usd": round(sum(r[5] for r in rows), 2),
            "cooperation": quads[1] + quads[2], "conflict": quads[3] + quads[4]}


def counted(event_rows: list[tuple[Any, ...]], mention_rows: list[tuple[Any, ...]]
            ) -> dict[str, Any]:
    """Totals of distinct events (groups of mentions, see irinsider.dedup), with the
    number of mentions beside: the pages say "N events (M mentions)"."""
    return {**_quads(event_rows), "mentions": sum(r[3] for r in mention_rows)}


def event_list(store: Store, f: EventFilter, paging: Paging, request: Request,
               total: int | None = None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One page of the events `f` selects, decorated, and its pagination (counting
    them unless `total` is given and the filter allows using it)."""
    rows, more = store.event_page(f, page=paging.page, per_page=paging.per_page)
    exact = True
    if total is None or not f.aggregatable:
        total, exact = store.event_count(f)
    return [decorate(r) for r in rows], paging.info(request, more, total, exact)


def linked_pairs(events: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The pairs of parties the events link (neither negated nor marked wrong), most
    often first."""
    pairs: Counter[tuple[str, str]] = Counter()
    for ev in events:
        a, b = ev["source_party"], ev["target_party"]
        if a and b and a != b and not ev["negated"] and not ev["wrong"]:
            pairs[(min(a, b), max(a, b))] += 1
    return [{"a": a, "b": b, "names": [party_name(a), party_name(b)], "n": n,
             "href": f"/pairs/{a}-{b}"} for (a, b), n in pairs.most_common(limit)]


def article_data(store: Store | None, coded: CodedArticle, row: dict[str, Any],
                 events: list[dict[str, Any]] | None = None,
                 mentions: list[dict[str, Any]] | None = None,
                 images: dict[int, Any] | None = None,
                 image_url: Callable[[int], str] | None = None) -> dict[str, Any]:
    """The data of an article page (or a draft's preview, given its events)."""
    article_id = coded.article.id
    corrections: list[dict[str, Any]] = []
    if events is None:
        assert store is not None
        events = [decorate(r) for r in store.article_events(article_id)]
        corrections, _ = store.corrections(article_id=article_id, per_page=500)
    if mentions is None:
        mentions = store.entity_mentions(article_id=article_id, limit=1000) if store else []
    if images is None:
        images = store.image_blocks(article_id) if store else {}
    by_event: dict[int, list[dict[str, Any]]] = {}
    for c in corrections:
        if c["event_id"] is not None:
            by_event.setdefault(c["event_id"], []).append(c)
    for ev in events:
        ev["corrections"] = by_event.get(ev.get("id") or -1, [])
    entities: dict[str, dict[str, Any]] = {}
    for m in mentions:
        e = entities.setdefault(m["entity_id"], {"id": m["entity_id"], "kind": m["kind"],
                                                 "name": m["name"], "mentions": 0})
        e["mentions"] += 1
    return {
        "article": row,
        "blocks": article_blocks(
            coded, events, mentions, images,
            image_url or (lambda b: f"/articles/{article_id}/images/{b}")),
        "events": events,
        "entities": list(entities.values()),
        "pairs": linked_pairs(events, 8),
        "corrections": corrections,
        "orphans": [c for c in corrections if c["event_id"] is None],
        "fields": list(CORRECTION_FIELDS),
    }
