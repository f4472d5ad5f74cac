"""Leaders' trips abroad, stop by stop, from meeting and visit events.

    trips(rows, actors, party)      -> tours from event rows and their sentences' actors
    leader_tours(store, party, f)   -> the tours of a party's leaders, from the store
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from ..store import EventFilter, Store
from .names import actor_label, party_name

__all__ = ["Stop", "Tour", "leader_tours", "trips"]

_TRIP_CODES = ("040", "042", "043", "044", "046")
_PLACE_KINDS = ("capital", "city")
_TOUR_GAP = timedelta(days=21)


@dataclass
class Stop:
    """One place a leader was, with the events that say so."""

    party: str
    place: str
    date: str | None
    article_id: str
    sentence: int
    events: list[int] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    row: dict[str, Any] | None = field(default=None, repr=False)  # the first event


@dataclass
class Tour:
    """A leader's stops abroad, no more than three weeks apart."""

    leader: str
    party: str
    stops: list[Stop]

    @property
    def start(self) -> str | None:
        return self.stops[0].date

    @property
    def end(self) -> str | None:
        return self.stops[-1].date

    def to_dict(self) -> dict[str, Any]:
        return {
            "leader": self.leader, "party": self.party, "party_name": party_name(self.party),
            "start": self.start, "end": self.end,
            "stops": [
                {"party": s.party, "party_name": party_name(s.party), "place": s.place,
                 "date": s.date, "article_id": s.article_id, "sentence": s.sentence,
                 "events": s.events, "met": s.met}
                for s in self.stops
            ],
        }


def _place(row: dict[str, Any], actors: list[dict[str, Any]], home: str | None,
           visited: str | None) -> tuple[str, str] | None:
    """(party, place name) where a meeting happened abroad, or None (at home or unknown).

    The place is the first capital or city named in the sentence, else a country
    named after "in"; without one, the country visited (`visited`, for 042/043).
    """
    text = row["evidence"]
    places = [a for a in actors if a.get("country") and a["kind"] in _PLACE_KINDS]
    places += [a for a in actors if a.get("country") and a["kind"] == "country"
               and text[max(0, a["start"] - 3):a["start"]].lower() == "in "]
    if places:
        place = places[0]
        if place["country"] == home:
            return None
        name = party_name(place["country"])
        label = f"{place['text']}, {name}" if place["kind"] in _PLACE_KINDS else name
        return place["country"], label
    if visited and visited != home:
        return visited, party_name(visited)
    return None


def trips(rows: Iterable[dict[str, Any]], actors: dict[tuple[str, int], list[dict[str, Any]]],
          party: str | None = None) -> list[Tour]:
    """The tours of leaders, from meeting and visit events (CAMEO 040, 042-044, 046).

    The traveller is the source (the target of 043, "host a visit"); only people
    (actors of kind "leader") travel, and only stops outside their own country
    count. A stop's place is a capital or city named in the sentence, a country
    after "in", else the other side's country; a country told again in the same article
    or on the same day is the same stop. Stops come by date, then sentence;
    a gap of more than three weeks starts a new tour. With `party`, only its
    leaders' tours. Newest tours first.
    """
    stops: dict[tuple[str, str], list[Stop]] = {}
    ordered = sorted(rows, key=lambda r: (r.get("date") or "", r["article_id"], r["sentence"],
                                          r["id"]))
    for row in ordered:
        if row["cameo"] not in _TRIP_CODES or row.get("negated") or row.get("wrong"):
            continue
        hosted = row["cameo"] == "043"
        side, other = ("target", "source") if hosted else ("source", "target")
        home = row.get(f"{side}_party")
        if not home or (party and home != party) or not row.get(f"{other}_party"):
            continue
        sentence_actors = actors.get((row["article_id"], row["sentence"]), [])
        start = row.get(f"{side}_start")
        person = next((a for a in sentence_actors
                       if a["start"] == start and a["kind"] == "leader"), None)
        if person is None:
            continue
        leader = row.get(f"{side}_name") or person.get("name") or person["text"]
        visited = row.get(f"{other}_party") if row["cameo"] in ("042", "043") else None
        where = _place(row, sentence_actors, home, visited)
        if where is None:
            continue
        met = row.get(f"{other}_name") or actor_label(row[other])
        seq = stops.setdefault((leader, home), [])
        # An article may sum a tour up first and tell each stop later: a stop in a
        # country this article (or this day) has already placed the leader in is that stop.
        previous = next((s for s in reversed(seq) if s.party == where[0] and (
            s.article_id == row["article_id"] or s.date == row.get("date"))), None)
        if previous:
            if row["id"] not in previous.events:
                previous.events.append(row["id"])
            if met not in previous.met:
                previous.met.append(met)
            if "," in where[1] and "," not in previous.place:
                previous.place = where[1]
            continue
        seq.append(Stop(where[0], where[1], row.get("date"), row["article_id"],
                        row["sentence"], [row["id"]], [met], row))
    tours: list[Tour] = []
    for (leader, home), seq in stops.items():
        current: list[Stop] = []
        for stop in seq:
            if current and _gap(current[-1].date, stop.date) > _TOUR_GAP:
                tours.append(Tour(leader, home, current))
                current = []
            current.append(stop)
        if current:
            tours.append(Tour(leader, home, current))
    tours.sort(key=lambda t: (t.start or "", len(t.stops)), reverse=True)
    return tours


def _gap(a: str | None, b: str | None) -> timedelta:
    if not a or not b:
        return timedelta(0)
    return abs(date.fromisoformat(b) - date.fromisoformat(a))


def leader_tours(store: Store, party: str, f: EventFilter, limit: int = 60) -> list[Tour]:
    """The tours of a party's leaders, from its latest meeting events."""
    rows = store.meetings(replace(f, party=party, partner=None),
                          [c for c in _TRIP_CODES if c != "043"], "043", limit)
    actors = store.sentence_actors((r["article_id"], r["sentence"]) for r in rows)
    return trips(rows, actors, party)
