"""One set of numbers (irinsider.analysis.counts) and the store's counts beneath it, on a
database written by hand (tests/worlds.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from worlds import mark_wrong, reader_world, save

from irinsider.analysis import (
    count_articles,
    count_by_partner,
    count_by_party,
    count_events,
    count_stored,
    timeline_series,
)
from irinsider.store import EventFilter, Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "world.db") as s:
        save(s, *reader_world())
        mark_wrong(s, "a1", 5)
        yield s


def test_events_count_once_and_mentions_each_time(store: Store) -> None:
    cuba = count_events(store, EventFilter(party="CUB"))
    # the meeting (caption and body, each way) is two events of two mentions each; the
    # loan told by two articles one event of two mentions; the deal each way two events
    assert (cuba.events, cuba.mentions) == (7, 10)
    assert cuba.quads == {1: 3, 2: 3, 3: 1, 4: 0}
    assert (cuba.cooperation, cuba.conflict, cuba.usd) == (6, 1, 5e7)
    pair = count_events(store, EventFilter(party="CUB", partner="RUS"))
    assert (pair.events, pair.mentions, pair.directions) == (5, 8, (2, 3))


def test_negated_and_wrong_events_are_never_counted(store: Store) -> None:
    everything = count_stored(store)
    assert everything == {"articles": 3, "sentences": 10, "events": 8, "mentions": 11}
    assert store.counts()["events"] == 13  # coded, negated and marked wrong included
    by_party = count_by_party(store, EventFilter())
    assert "USA" in by_party and by_party["USA"].events == 1  # the accusation; not the wrong one


def test_every_way_of_counting_a_party_agrees(store: Store) -> None:
    by_party = count_by_party(store, EventFilter())
    for party in ("CUB", "RUS", "CHN", "ISR", "PSE", "USA"):
        alone = count_events(store, EventFilter(party=party))
        assert by_party[party] == alone, party
    partners = count_by_partner(store, EventFilter(party="CUB"))
    assert {p: t.events for p, t in partners.items()} == {"RUS": 5, "CHN": 1, "USA": 1}
    for partner, tally in partners.items():
        pair = count_events(store, EventFilter(party="CUB", partner=partner))
        assert (tally.events, tally.mentions) == (pair.events, pair.mentions), partner
    assert partners["RUS"].directions == (2, 3)  # from Cuba, to Cuba


@pytest.mark.parametrize("f", [EventFilter(quad=1), EventFilter(since="2018-11-11"),
                               EventFilter(code="04"), EventFilter(q="loan"),
                               EventFilter(min_confidence=0.5)])
def test_filtered_counts_agree(store: Store, f: EventFilter) -> None:
    by_party = count_by_party(store, f)
    cuba = count_events(store, EventFilter(**{**f.__dict__, "party": "CUB"}))
    assert by_party.get("CUB", cuba) == cuba
    rows, _ = store.event_page(EventFilter(**{**f.__dict__, "party": "CUB"}), per_page=100)
    assert len(rows) == cuba.mentions
    assert len({r["group_id"] for r in rows}) == cuba.events


def test_an_event_is_dated_by_its_first_mention(store: Store) -> None:
    """The loan was first told on 9 November: from the 10th, its second mention is
    listed but the event is not counted, however the filter is answered."""
    later = EventFilter(party="CUB", since="2018-11-10")
    quick = count_events(store, later)  # from the group table
    slow = count_events(store, EventFilter(party="CUB", since="2018-11-10", min_confidence=0.0))
    assert (quick.events, quick.mentions) == (slow.events, slow.mentions) == (2, 3)


def test_words_narrow_every_count(store: Store) -> None:
    """A filter of words counts only the events of sentences holding them."""
    f = EventFilter(party="CUB", q="lend")
    assert (count_events(store, f).events, count_events(store, f).mentions) == (1, 2)
    assert {p: t.events for p, t in count_by_partner(store, f).items()} == {"RUS": 1}


def test_articles_count_their_own_events(store: Store) -> None:
    tallies = count_articles(store, ["a1", "a2", "a3"])
    assert {a: (t.events, t.mentions) for a, t in tallies.items()} == {
        "a1": (4, 6), "a2": (2, 2), "a3": (3, 3)}


def test_a_year_alone_is_in_no_month(store: Store) -> None:
    rows = store.timeline(EventFilter(party="CUB"), groups=True)
    assert {r[0] for r in rows} == {"2015", "2018-11", "2018-12"}
    series = timeline_series(rows)
    assert series["months"] == ["2018-11", "2018-12"]  # not from January 2015
    assert series["year_only"] == 1
    assert ["2015, month unknown", 0, 0, 1, 0, -2.0] in series["table"]


def test_articles_are_counted_and_have_leads(store: Store) -> None:
    assert store.article_count() == 3
    assert store.article_count(q="loan") == 1
    assert store.article_count(since="2018-11-10") == 2
    assert store.leads(["a1", "a3", "none"]) == {
        "a1": "In Moscow, Díaz-Canel and Putin held talks at the Kremlin.",
        "a3": "In 2015 Cuba accused the United States of spying."}
