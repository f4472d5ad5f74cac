"""One set of numbers: the events and mentions a filter selects, counted one way for
every page, the JSON API and the feed.

    count_events(store, f)        -> Tally(events=15, mentions=17, quads={1: 9, ...}, ...)
    count_by_party(store, f)      -> {"CUB": Tally, ...}: every party with events
    count_by_partner(store, f)    -> {"RUS": Tally, ...}: the partners of `f.party`
    count_articles(store, ids)    -> {article id: Tally}
    count_stored(store)           -> {"articles", "sentences", "events", "mentions"}
    tally_rows(events, mentions)  -> {key: Tally} from the store's count rows

An *event* is one happening, however many sentences and articles report it (a group of
mentions, see `dedup`); a *mention* is one coded sentence saying that it happened. Both
leave out negated events and events a reader marked wrong. A page says how many events,
with the mentions beside ("15 events (17 mentions)"); the lists of coded sentences
(/events, an article's events) hold mentions. An event counts once for each party on
its sides, and once for a pair whichever way it went.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..codebook import QUAD_NAMES
from ..store import EventFilter, Store

__all__ = [
    "Tally",
    "count_articles",
    "count_by_partner",
    "count_by_party",
    "count_events",
    "count_stored",
    "sum_tallies",
    "tally_rows",
]

#: (key, quad class, direction, n, goldstein sum, usd sum): the store's count rows
Row = Sequence[Any]


def _no_quads() -> dict[int, int]:
    return dict.fromkeys(QUAD_NAMES, 0)


@dataclass(frozen=True)
class Tally:
    """How many events and mentions, the events' mix of quad classes and their sums.

    `directions` splits the events by way: (from the party, to it) for a party's
    partner, (from the first, from the second) for a pair.
    """

    events: int = 0
    mentions: int = 0
    quads: Mapping[int, int] = field(default_factory=_no_quads)
    goldstein: float = 0.0
    usd: float = 0.0
    directions: tuple[int, int] = (0, 0)

    @property
    def cooperation(self) -> int:
        return self.quads.get(1, 0) + self.quads.get(2, 0)

    @property
    def conflict(self) -> int:
        return self.quads.get(3, 0) + self.quads.get(4, 0)

    def to_dict(self) -> dict[str, Any]:
        """The totals as the pages and the JSON API give them."""
        return {"events": self.events, "mentions": self.mentions,
                "quads": {q: self.quads.get(q, 0) for q in QUAD_NAMES},
                "goldstein": round(self.goldstein, 1), "usd": round(self.usd, 2),
                "cooperation": self.cooperation, "conflict": self.conflict}


def tally_rows(event_rows: Iterable[Row], mention_rows: Iterable[Row]) -> dict[str, Tally]:
    """Tallies by key from the store's count rows of events (``groups=True``) and of
    mentions: rows of (key, quad class, direction, n, goldstein sum, usd sum)."""
    cells: dict[str, list[Any]] = {}
    for key, quad, direction, n, g, usd in event_rows:
        cell = cells.setdefault(key, [0, 0, _no_quads(), 0.0, 0.0, [0, 0]])
        cell[0] += n
        cell[2][quad] = cell[2].get(quad, 0) + n
        cell[3] += g
        cell[4] += usd
        cell[5][1 if direction else 0] += n
    for key, _quad, _direction, n, _g, _usd in mention_rows:
        cell = cells.setdefault(key, [0, 0, _no_quads(), 0.0, 0.0, [0, 0]])
        cell[1] += n
    return {key: Tally(events=c[0], mentions=c[1], quads=c[2], goldstein=round(c[3], 6),
                       usd=round(c[4], 2), directions=(c[5][0], c[5][1]))
            for key, c in cells.items()}


def count_events(store: Store, f: EventFilter, *, event_rows: Iterable[Row] | None = None,
                 mention_rows: Iterable[Row] | None = None) -> Tally:
    """The events and mentions `f` selects.

    `event_rows` and `mention_rows` are the store's timeline rows of `f` (with
    ``groups=True`` and without), for a caller that has them already.
    """
    events = event_rows if event_rows is not None else store.timeline(f, groups=True)
    mentions = mention_rows if mention_rows is not None else store.timeline(f)
    return sum_tallies(tally_rows(events, mentions).values())


def sum_tallies(tallies: Iterable[Tally]) -> Tally:
    """The tallies added up."""
    events = mentions = 0
    quads = _no_quads()
    goldstein = usd = 0.0
    ways = [0, 0]
    for t in tallies:
        events += t.events
        mentions += t.mentions
        for q, n in t.quads.items():
            quads[q] = quads.get(q, 0) + n
        goldstein += t.goldstein
        usd += t.usd
        ways[0] += t.directions[0]
        ways[1] += t.directions[1]
    return Tally(events, mentions, quads, round(goldstein, 6), round(usd, 2),
                 (ways[0], ways[1]))


def count_by_party(store: Store, f: EventFilter) -> dict[str, Tally]:
    """Every party with events `f` selects, with its tally (an event counts for both
    of its parties)."""
    def rows(groups: bool) -> list[tuple[Any, ...]]:
        return [(p, q, 0, n, g, usd) for p, q, n, g, usd in store.party_totals(f, groups=groups)]

    return {p: t for p, t in tally_rows(rows(True), rows(False)).items() if t.events}


def count_by_partner(store: Store, f: EventFilter) -> dict[str, Tally]:
    """The partners of `f.party` in the events `f` selects, each with its tally; its
    `directions` are (from `f.party`, to it). Events of a party with itself are left
    out."""
    tallies = tally_rows(store.partners(f, groups=True), store.partners(f))
    return {p: t for p, t in tallies.items() if t.events}


def count_articles(store: Store, article_ids: Iterable[str]) -> dict[str, Tally]:
    """The tally of each article's events (those of several articles count in each)."""
    out: dict[str, Tally] = {}
    for article_id in dict.fromkeys(article_ids):
        out[article_id] = count_events(store, EventFilter(article_id=article_id))
    return out


def count_stored(store: Store) -> dict[str, int]:
    """How many articles, sentences, events and mentions the database holds (events and
    mentions as everywhere: negated ones and those marked wrong left out)."""
    stored = store.counts()
    groups = store.group_counts()
    return {"articles": stored["articles"], "sentences": stored["sentences"],
            "events": groups["groups"], "mentions": groups["mentions"]}
