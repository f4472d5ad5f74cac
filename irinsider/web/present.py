"""Stored rows as the pages show them: events explained and linked, an article laid out
with its marks, articles with their numbers.

    decorate(row)                         -> the row with "explanation", "href", ...
    article_data(store, coded, row)       -> the data of an article page (or a preview)
    event_list(store, f, paging, request) -> one page of events and its pagination
    with_counts(store, articles)          -> articles with their events, mentions, lead

Every number of events and mentions comes from `analysis.counts`, the one way of
counting that every page, the API and the feed share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from fastapi import Request

from ..analysis import (
    CORRECTION_FIELDS,
    actor_name,
    count_articles,
    explain,
    party_name,
    sum_tallies,
    tally_rows,
)
from ..model import CodedArticle
from ..store import EventFilter, Store
from .params import Paging
from .text import article_blocks

__all__ = ["article_data", "counted", "decorate", "event_list", "linked_pairs", "one_each",
           "with_counts"]


def decorate(row: dict[str, Any], anchor: str | None = None) -> dict[str, Any]:
    """An event row with what the pages show: its explanation, its sides' names (a
    common noun such as "forces" named by its code) and links."""
    row = dict(row)
    row["anchor"] = anchor or f"e{row['id']}"
    row["explanation"] = explain(row)
    row["code_name"] = row["explanation"]["code_name"]
    row["source_label"] = actor_name(row, "source") or row["source"]
    row["target_label"] = actor_name(row, "target")
    if row.get("id") is not None:
        row["href"] = f"/events/{row['id']}"
        row["article_href"] = f"/articles/{row['article_id']}#s{row['sentence']}"
    return row


def counted(event_rows: list[tuple[Any, ...]], mention_rows: list[tuple[Any, ...]]
            ) -> dict[str, Any]:
    """Totals of distinct events (groups of mentions, see irinsider.dedup), with the
    number of mentions beside: the pages say "N events (M mentions)"."""
    return sum_tallies(tally_rows(event_rows, mention_rows).values()).to_dict()


def one_each(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows keeping one mention of each event (a loan told by two articles is one
    loan)."""
    seen: set[int] = set()
    out = []
    for row in rows:
        group = row.get("group_id")
        if group is None or group not in seen:
            out.append(row)
            if group is not None:
                seen.add(group)
    return out


def with_counts(store: Store, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Article rows with their events and mentions counted as everywhere (negated ones
    and those marked wrong left out), and the first paragraph of an untitled one."""
    tallies = count_articles(store, [a["id"] for a in articles])
    leads = store.leads([a["id"] for a in articles if not a.get("title")])
    out = []
    for a in articles:
        tally = tallies[a["id"]]
        row = {**a, "events": tally.events, "mentions": tally.mentions}
        if a["id"] in leads:
            row["lead"] = leads[a["id"]]
        out.append(row)
    return out


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
