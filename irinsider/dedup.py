"""De-duplication: the mentions of one event, reported by several articles, as one group.

    key(event)                          -> what two mentions must share to be one event
    outlet(url, byline, path, doc_id)   -> who published a mention, for counting sources
    split_by_window(mentions, window)   -> a key's dated mentions cut into groups
    group_events(events, window)        -> groups of a batch of events (no database)

Every coded event is a *mention*: one sentence of one article saying that something
happened. Mentions with the same key (source actor code, target actor code, CAMEO code and
negation) are one *event* when their dates are close:

* the dated mentions of a key, in date order, are cut greedily: the earliest mention not
  yet in a group opens one, and the group takes every mention dated at most `window` days
  after it; the next mention opens the next group. So every two mentions of a group are at
  most `window` days apart, a run of daily reports does not chain into one endless event,
  and the groups depend only on the set of mentions, never on the order they arrived in.
* mentions without a date are grouped by key within their own article only.

The store keeps these groups up to date as articles are saved, re-coded and deleted
(`Store.save`); this module holds the rule itself, as pure functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TypeVar
from urllib.parse import urlsplit

from .model import Event

__all__ = [
    "DEFAULT_WINDOW",
    "EventGroup",
    "GroupKey",
    "Mention",
    "group_events",
    "key",
    "outlet",
    "split_by_window",
    "window_end",
]

DEFAULT_WINDOW = 2  # days
T = TypeVar("T")

#: source, target ("" for none), CAMEO code, negated
GroupKey = tuple[str, str, str, bool]


def key(event: Event) -> GroupKey:
    """What two mentions must share to be mentions of one event."""
    return (event.source, event.target or "", event.cameo, event.negated)


@lru_cache(maxsize=4096)
def outlet(url: str | None, byline: str | None = None, path: str | None = None,
           doc_id: str | None = None) -> str:
    """Who published an article: the URL's host ("www." dropped), else the byline, else
    the file it was read from, else the article itself."""
    if url:
        try:
            host = urlsplit(url.strip()).hostname
        except ValueError:
            host = None
        if host:
            host = host.lower().rstrip(".")
            return "host:" + (host[4:] if host.startswith("www.") else host)
    if byline and byline.strip():
        return "byline:" + " ".join(byline.split()).lower()
    if path:
        return "file:" + path
    return "article:" + (doc_id or "")


def window_end(day: str, window: int) -> str:
    """The last date (ISO) a group opened on `day` takes; `day` itself if it is no date."""
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=window)).isoformat()
    except ValueError:
        return day


def split_by_window(mentions: Iterable[T], day: Callable[[T], str], window: int
                    ) -> Iterator[list[T]]:
    """Cut mentions sorted by their ISO `day` into groups (see the module docstring)."""
    group: list[T] = []
    end = ""
    for mention in mentions:
        when = day(mention)
        if group and when <= end:
            group.append(mention)
            continue
        if group:
            yield group
        group, end = [mention], window_end(when, window)
    if group:
        yield group


@dataclass(frozen=True)
class EventGroup:
    """One event and the counts of its mentions; `event` is its earliest mention."""

    event: Event
    num_mentions: int
    num_articles: int
    num_sources: int
    first_date: str | None
    last_date: str | None
    url: str | None = None  # of the article of `event`
    id: int | None = None  # the store's group id
    first_seen: str | None = None  # when its first mention was stored (ISO time, UTC)


@dataclass(frozen=True)
class Mention:
    """One coded event with the article it was read in and, in a store, its group."""

    event: Event
    url: str | None = None
    title: str | None = None
    byline: str | None = None
    group_id: int | None = None


def group_events(events: Iterable[Event], window: int = DEFAULT_WINDOW,
                 outlets: Callable[[Event], str] | None = None,
                 urls: Callable[[Event], str | None] | None = None) -> list[EventGroup]:
    """Group a batch of events by the rule above, in the order of their earliest mention.

    `outlets` names the outlet of an event's article (default: its article id) and `urls`
    its URL. Used where there is no store, as by ``irinsider code --format gdelt``.
    """
    outlet_of = outlets or (lambda e: "article:" + e.doc_id)
    listed = list(events)
    position = {id(e): i for i, e in enumerate(listed)}
    by_key: dict[tuple[GroupKey, str], list[Event]] = {}
    for event in listed:
        scope = "" if event.date else event.doc_id
        by_key.setdefault((key(event), scope), []).append(event)
    groups: list[tuple[int, EventGroup]] = []
    for (_key, scope), members in by_key.items():
        if scope:
            parts: Iterable[list[Event]] = [members]
        else:
            ordered = sorted(members, key=lambda e: (e.date or "", e.doc_id, position[id(e)]))
            parts = split_by_window(ordered, lambda e: e.date or "", window)
        for part in parts:
            groups.append((position[id(part[0])], _summary(part, outlet_of, urls)))
    return [g for _, g in sorted(groups, key=lambda item: item[0])]


def _summary(members: Sequence[Event], outlet_of: Callable[[Event], str],
             urls: Callable[[Event], str | None] | None) -> EventGroup:
    dates = [e.date for e in members if e.date]
    first = members[0]
    return EventGroup(
        event=first,
        num_mentions=len(members),
        num_articles=len({e.doc_id for e in members}),
        num_sources=len({outlet_of(e) for e in members}),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        url=urls(first) if urls else None,
    )
