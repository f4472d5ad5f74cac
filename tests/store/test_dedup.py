"""Tests of irinsider.dedup and the store's event groups: one event, many mentions."""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from irinsider.codebook import load_codebook
from irinsider.dedup import group_events, key, outlet, split_by_window, window_end
from irinsider.model import Article, Block, CodedArticle, Event, Quantity, Sentence
from irinsider.store import SCHEMA_VERSION, EventFilter, Store

NAMES = {"RUS": "Russia", "CUB": "Cuba", "USA": "United States", "UKR": "Ukraine"}


def event(doc: str, sentence: int, source: str, target: str | None, cameo: str,
          day: str | None, negated: bool = False) -> Event:
    entry = load_codebook()[cameo]
    text = f"{NAMES[source]} acted on {NAMES.get(target or '', 'someone')} ({sentence})."
    quantities: tuple[Quantity, ...] = ()
    if cameo == "071":  # a loan of $5 million
        text = f"{NAMES[source]} lent {NAMES.get(target or '', 'someone')} $5 million."
        start = text.index("$")
        quantities = (Quantity("money", 5e6, "USD", "$5 million", start, start + 10),)
    return Event(
        quantities=quantities,
        doc_id=doc, sentence=sentence, source=source, target=target, source_country=source,
        target_country=target, cameo=cameo, plover=entry.plover, plover_mode=entry.plover_mode,
        goldstein=entry.goldstein, quad_class=entry.quad_class, date=day, evidence=text,
        source_span=(0, len(NAMES[source])), target_span=None if target is None else (1, 2),
        trigger_span=(0, 1), negated=negated, trigger="acted", rule="test",
        source_name=NAMES[source], target_name=NAMES.get(target or ""),
    )


def article(doc: str, day: str | None, events: list[tuple[str, str | None, str]],
            url: str | None = None, byline: str | None = None,
            path: str | None = None) -> CodedArticle:
    """An article whose sentence i reports events[i] = (source, target, cameo)."""
    coded = [event(doc, i, s, t, c, day) for i, (s, t, c) in enumerate(events)]
    sentences = tuple(Sentence(i, e.evidence, 0, "body", 0) for i, e in enumerate(coded))
    return CodedArticle(
        article=Article(doc, f"Title {doc}", byline, date.fromisoformat(day) if day else None,
                        url, (Block(" ".join(e.evidence for e in coded) or "Nothing."),),
                        source_path=path),
        sentences=sentences,
        actors=tuple(() for _ in sentences),
        events=tuple(coded),
    )


def snapshot(store: Store) -> list[tuple[object, ...]]:
    """Every group as (members, counts, dates, representative), ids left out."""
    members: dict[int, set[tuple[str, int]]] = {}
    for doc, sentence, group in store._query(
            "SELECT article_id, sentence, group_id FROM events WHERE group_id IS NOT NULL"):
        members.setdefault(group, set()).add((doc, sentence))
    rows = store._query(
        "SELECT g.id, g.num_mentions, g.num_articles, g.num_sources, g.first_date, "
        "g.last_date, e.article_id, e.sentence FROM event_groups g JOIN events e "
        "ON e.id = g.event_id")
    assert len(rows) == len(members), "a group without its events, or events without a group"
    return sorted((tuple(sorted(members[r[0]])), *r[1:]) for r in rows)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "dedup.db") as s:
        yield s


# ---------------------------------------------------------------------------- the rule


def test_window_cuts_are_anchored_on_the_earliest_mention() -> None:
    days = ["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04", "2020-01-05",
            "2020-01-09"]
    assert list(split_by_window(days, str, 2)) == [
        ["2020-01-01", "2020-01-02", "2020-01-03"], ["2020-01-04", "2020-01-05"],
        ["2020-01-09"]]
    assert list(split_by_window(days, str, 0)) == [[d] for d in days]
    assert window_end("2020-02-28", 2) == "2020-03-01"
    assert window_end("not a date", 2) == "not a date"


@pytest.mark.parametrize(("url", "byline", "path", "expected"), [
    ("https://www.Example.org/news/1", "Jane Roe", "a.txt", "host:example.org"),
    ("http://example.org./2", None, None, "host:example.org"),
    (None, "  Jane   Roe ", "a.txt", "byline:jane roe"),
    ("not a url", None, "feeds/a.jsonl", "file:feeds/a.jsonl"),
    (None, None, None, "article:d1"),
])
def test_outlet(url: str | None, byline: str | None, path: str | None, expected: str) -> None:
    assert outlet(url, byline, path, "d1") == expected


def test_group_events_without_a_store() -> None:
    one = article("d1", "2020-01-01", [("RUS", "UKR", "190"), ("USA", "RUS", "111"),
                                       ("RUS", "UKR", "190")])
    other = article("d2", "2020-01-02", [("RUS", "UKR", "190")])
    late = article("d3", "2020-01-08", [("RUS", "UKR", "190")])
    undated = article("d4", None, [("RUS", "UKR", "190"), ("RUS", "UKR", "190")])
    events = [*one.events, *other.events, *late.events, *undated.events]
    groups = group_events(events, outlets=lambda e: "host:example.org")
    assert [(key(g.event), g.num_mentions, g.num_articles, g.num_sources, g.first_date,
             g.last_date) for g in groups] == [
        (("RUS", "UKR", "190", False), 3, 2, 1, "2020-01-01", "2020-01-02"),
        (("USA", "RUS", "111", False), 1, 1, 1, "2020-01-01", "2020-01-01"),
        (("RUS", "UKR", "190", False), 1, 1, 1, "2020-01-08", "2020-01-08"),
        (("RUS", "UKR", "190", False), 2, 1, 1, None, None),
    ]
    assert groups[0].event is one.events[0]  # the earliest mention stands for the event


def test_negated_mentions_are_another_event() -> None:
    said = event("d1", 0, "RUS", "UKR", "190", "2020-01-01")
    denied = replace(said, sentence=1, negated=True)
    assert len(group_events([said, denied])) == 2


# ---------------------------------------------------------------------------- the store


def test_two_articles_reporting_one_event(store: Store) -> None:
    store.save(article("a", "2020-03-01", [("RUS", "UKR", "190"), ("USA", "RUS", "111")],
                       url="https://www.example.org/a"))
    store.save(article("b", "2020-03-02", [("RUS", "UKR", "190")],
                       url="https://news.example.com/b"))
    assert snapshot(store) == [
        ((("a", 0), ("b", 0)), 2, 2, 2, "2020-03-01", "2020-03-02", "a", 0),
        ((("a", 1),), 1, 1, 1, "2020-03-01", "2020-03-01", "a", 1),
    ]
    groups = list(store.groups())
    assert [(g.event.doc_id, g.num_mentions, g.num_sources, g.url) for g in groups] == [
        ("a", 2, 2, "https://www.example.org/a"), ("a", 1, 1, "https://www.example.org/a")]
    mentions = list(store.mentions())
    assert [m.group_id for m in mentions] == [groups[0].id, groups[1].id, groups[0].id]
    assert store.group_counts() == {"groups": 2, "mentions": 3}


def test_sources_are_outlets_not_articles(store: Store) -> None:
    store.save(article("a", "2020-03-01", [("RUS", "UKR", "190")],
                       url="https://www.example.org/a"))
    store.save(article("b", "2020-03-01", [("RUS", "UKR", "190")],
                       url="https://example.org/b"))
    store.save(article("c", "2020-03-02", [("RUS", "UKR", "190")], byline="Jane Roe"))
    store.save(article("d", "2020-03-02", [("RUS", "UKR", "190")], byline="Jane Roe",
                       path="in/d.txt"))
    [(_members, mentions, articles, sources, *_rest)] = snapshot(store)
    assert (mentions, articles, sources) == (4, 4, 2)


def test_one_article_repeating_an_event_is_one_group(store: Store) -> None:
    store.save(article("a", "2020-03-01", [("RUS", "UKR", "190"), ("RUS", "UKR", "190")]))
    assert snapshot(store) == [
        ((("a", 0), ("a", 1)), 2, 1, 1, "2020-03-01", "2020-03-01", "a", 0)]


def test_outside_the_window_is_another_event(store: Store) -> None:
    store.save(article("a", "2020-03-01", [("RUS", "UKR", "190")]))
    store.save(article("b", "2020-03-04", [("RUS", "UKR", "190")]))
    store.save(article("c", "2020-03-01", [("RUS", "UKR", "193")]))  # another code
    store.save(article("d", "2020-03-01", [("RUS", "USA", "190")]))  # another target
    assert [s[0] for s in snapshot(store)] == [(("a", 0),), (("b", 0),), (("c", 0),),
                                              (("d", 0),)]


def test_undated_mentions_group_within_their_article(store: Store) -> None:
    store.save(article("a", None, [("RUS", "UKR", "190"), ("RUS", "UKR", "190")]))
    store.save(article("b", None, [("RUS", "UKR", "190")]))
    assert [s[:2] for s in snapshot(store)] == [((("a", 0), ("a", 1)), 2), ((("b", 0),), 1)]
    store.delete_article("a")
    assert [s[:2] for s in snapshot(store)] == [((("b", 0),), 1)]


def corpus() -> list[CodedArticle]:
    """Articles whose mentions chain over days, with a second key and an undated one."""
    start = date(2021, 5, 1)
    out = []
    for i, offset in enumerate([0, 1, 2, 3, 5, 6, 9, 9, 12, 13, 14, 15]):
        day = (start + timedelta(days=offset)).isoformat()
        events = [("RUS", "UKR", "190")]
        if i % 3 == 0:
            events.append(("UKR", "RUS", "111"))
        out.append(article(f"n{i:02d}", day, events, url=f"https://outlet{i % 4}.example/{i}"))
    out.append(article("undated", None, [("RUS", "UKR", "190")]))
    return out


def test_groups_do_not_depend_on_the_order_of_ingest(tmp_path: Path) -> None:
    articles = corpus()
    seen = []
    orders = [articles, articles[::-1]]
    rng = random.Random(7)
    for _ in range(4):
        shuffled = list(articles)
        rng.shuffle(shuffled)
        orders.append(shuffled)
    for n, order in enumerate(orders):
        with Store.open(tmp_path / f"order{n}.db") as store:
            for coded in order:
                store.save(coded)
            seen.append(snapshot(store))
            store.regroup()
            assert snapshot(store) == seen[-1]  # the same as computed from scratch
    assert all(s == seen[0] for s in seen)
    first = [s for s in seen[0] if s[0][0][0] == "n00" and s[0][0][1] == 0][0]
    assert first[:4] == ((("n00", 0), ("n01", 0), ("n02", 0)), 3, 3, 3)


def test_reingest_recode_and_delete_keep_groups_right(store: Store) -> None:
    articles = corpus()
    for coded in articles:
        store.save(coded)
    before = snapshot(store)
    ids = sorted(store._query("SELECT id FROM event_groups"))
    assert not any(store.save(coded) for coded in articles)  # unchanged: nothing happens
    assert snapshot(store) == before
    for coded in articles:
        assert store.save(coded, force=True)  # stored again: the same groups, same ids
    assert snapshot(store) == before
    assert sorted(store._query("SELECT id FROM event_groups")) == ids
    # re-coded with another date: the article leaves its group and others regroup
    moved = replace(articles[1], article=replace(articles[1].article, date=date(2021, 6, 30)),
                    events=tuple(replace(e, date="2021-06-30") for e in articles[1].events))
    store.save(moved)
    assert snapshot(store) == fresh(articles[:1] + [moved] + articles[2:], store.path.parent)
    assert store.delete_article("n00")
    assert not store.delete_article("n00")
    assert snapshot(store) == fresh(articles[2:] + [moved], store.path.parent)


def fresh(articles: list[CodedArticle], folder: Path) -> list[tuple[object, ...]]:
    path = folder / "fresh.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    with Store.open(path) as other:
        other.save_many(articles)
        return snapshot(other)


@pytest.mark.parametrize("seed", range(3))
def test_random_edits_match_a_rebuild(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    keys = [("RUS", "UKR", "190"), ("UKR", "RUS", "111"), ("USA", None, "141")]
    stored: dict[str, CodedArticle] = {}
    with Store.open(tmp_path / "edits.db") as store:
        for step in range(60):
            doc = f"d{rng.randrange(15)}"
            if doc in stored and rng.random() < 0.25:
                assert store.delete_article(doc)
                del stored[doc]
            else:
                day = None if rng.random() < 0.1 else (
                    date(2022, 1, 1) + timedelta(days=rng.randrange(12))).isoformat()
                events = [rng.choice(keys) for _ in range(rng.randrange(1, 4))]
                coded = article(doc, day, events, url=f"https://o{rng.randrange(3)}.example/{step}")
                store.save(coded)
                stored[doc] = coded
        incremental = snapshot(store)
        store.regroup()
        assert snapshot(store) == incremental


def test_corrections_regroup(store: Store) -> None:
    store.save(article("a", "2020-03-01", [("RUS", "UKR", "190")]))
    store.save(article("b", "2020-03-02", [("RUS", "UKR", "190")]))
    event_b = store._query("SELECT id FROM events WHERE article_id = 'b'")[0][0]
    store.add_correction(event_b, field="cameo", old="190", new="193",
                         changes={"cameo": "193", "root": "19"}, reason="r", author="x")
    assert [s[0] for s in snapshot(store)] == [(("a", 0),), (("b", 0),)]
    event_a = store._query("SELECT id FROM events WHERE article_id = 'a'")[0][0]
    store.add_correction(event_a, field="wrong", old=None, new="1", changes={"wrong": 1},
                         reason="r", author="x")
    assert [s[0] for s in snapshot(store)] == [(("b", 0),)]
    # the corrections hold when the article is stored again
    store.save(article("a", "2020-03-01", [("RUS", "UKR", "190")]), force=True)
    assert [s[0] for s in snapshot(store)] == [(("b", 0),)]


def test_the_window_is_configurable_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "window.db"
    with Store.open(path) as store:
        assert store.group_window() == 2
        store.save(article("a", "2020-03-01", [("RUS", "UKR", "190")]))
        store.save(article("b", "2020-03-02", [("RUS", "UKR", "190")]))
        assert len(snapshot(store)) == 1
        assert store.set_group_window(0)
        assert not store.set_group_window(0)
        assert len(snapshot(store)) == 2
    with Store.open(path) as store:
        assert store.group_window() == 0
        store.save(article("c", "2020-03-02", [("RUS", "UKR", "190")]))
        assert [s[:2] for s in snapshot(store)] == [
            ((("a", 0),), 1), ((("b", 0), ("c", 0)), 2)]
        with pytest.raises(Exception, match="0 days or more"):
            store.set_group_window(-1)


def test_group_timeline_counts_events_and_mentions(store: Store) -> None:
    store.save(article("a", "2020-03-01", [("RUS", "UKR", "190"), ("UKR", "RUS", "111")]))
    store.save(article("b", "2020-03-02", [("RUS", "UKR", "190")]))
    store.save(article("c", "2020-04-20", [("RUS", "UKR", "190")]))
    pair = EventFilter(party="RUS", partner="UKR")
    mentions = store.timeline(pair)
    events = store.timeline(pair, groups=True)
    assert [(m, q, d, n) for m, q, d, n, _g, _u in mentions] == [
        ("2020-03", 3, 1, 1), ("2020-03", 4, 0, 2), ("2020-04", 4, 0, 1)]
    assert [(m, q, d, n) for m, q, d, n, _g, _u in events] == [
        ("2020-03", 3, 1, 1), ("2020-03", 4, 0, 1), ("2020-04", 4, 0, 1)]
    goldstein = load_codebook()["190"].goldstein
    assert events[1][4] == goldstein  # one event's score, not the sum over its mentions
    # filters the group table cannot answer go through the events
    coded = store.timeline(replace(pair, code="19"), groups=True)
    assert [(m, n) for m, _q, _d, n, _g, _u in coded] == [("2020-03", 1), ("2020-04", 1)]
    assert store.timeline(replace(pair, since="2020-04-01"), groups=True)[0][:4] == (
        "2020-04", 4, 0, 1)
    partners = store.partners(EventFilter(party="RUS"), groups=True)
    assert [(p, q, d, n) for p, q, d, n, _g, _u in partners] == [
        ("UKR", 4, 0, 2), ("UKR", 3, 1, 1)]
    assert store.partners(EventFilter(party="RUS", code="19"), groups=True)[0][3] == 2


def test_migration_groups_the_events_already_stored(tmp_path: Path) -> None:
    from irinsider.store.schema import _MIGRATE_2, _SCHEMA, _run_script

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)  # a database of version 2
    conn.execute("BEGIN")
    _run_script(conn, _SCHEMA)
    _run_script(conn, _MIGRATE_2)
    conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '2')")
    for doc, day, url in (("a", "2020-03-01", "https://x.example/a"),
                          ("b", "2020-03-02", "https://y.example/b"),
                          ("c", "2020-03-09", None)):
        conn.execute("INSERT INTO articles (id, date, url, format, content_hash, ingested_at) "
                     "VALUES (?, ?, ?, 'text', ?, '2024-01-01T00:00:00+00:00')",
                     (doc, day, url, doc))
        conn.execute(
            "INSERT INTO events (article_id, sentence, source, target, cameo, root, "
            "goldstein, quad_class, date, evidence, source_start, source_end, trigger_start, "
            "trigger_end, trigger, negated, confidence, rule, caption, source_party, "
            "target_party) VALUES (?, 0, 'RUS', 'UKR', '190', '19', -10, 4, ?, 'x', 0, 1, 0, "
            "1, 'x', 0, 1, 'r', 0, 'RUS', 'UKR')",
            (doc, day))
    conn.execute("COMMIT")
    conn.close()
    with Store.open(path) as store:
        # migrated all the way up, whatever the latest version is
        version = store._query("SELECT value FROM meta WHERE key = 'schema_version'")
        assert version == [(str(SCHEMA_VERSION),)]
        assert [s[:5] for s in snapshot(store)] == [
            ((("a", 0), ("b", 0)), 2, 2, 2, "2020-03-01"), ((("c", 0),), 1, 1, 1, "2020-03-09")]
        assert store.group_window() == 2


def test_every_permutation_of_three_articles() -> None:
    days = ["2020-01-01", "2020-01-03", "2020-01-04"]
    events = [event(f"p{i}", 0, "RUS", "UKR", "190", d) for i, d in enumerate(days)]
    results = {tuple(sorted((g.event.doc_id, g.num_mentions)
                            for g in group_events(list(order))))
               for order in itertools.permutations(events)}
    assert results == {(("p0", 2), ("p2", 1))}


def test_analysis_counts_events_or_mentions(store: Store) -> None:
    from irinsider.analysis import counted_timeline, country_brief, event_totals, pair_brief

    store.save(article("a", "2020-03-01", [("RUS", "UKR", "190"), ("UKR", "RUS", "111")],
                       url="https://one.example/a"))
    store.save(article("b", "2020-03-02", [("RUS", "UKR", "190")],
                       url="https://two.example/b"))
    pair = EventFilter(party="RUS", partner="UKR")
    assert event_totals(store, pair) == {"events": 2, "mentions": 3}
    assert sum(r[3] for r in counted_timeline(store, pair)) == 2
    assert sum(r[3] for r in counted_timeline(store, pair, "mentions")) == 3
    with pytest.raises(ValueError, match="count must be one of events, mentions"):
        counted_timeline(store, pair, "articles")

    def texts(brief: object) -> list[str]:
        return [s["text"] for s in brief.to_dict()["sentences"]]  # type: ignore[attr-defined]

    events = texts(pair_brief(store, "RUS", "UKR", EventFilter()))
    assert any(t.startswith("Of 2 events (3 mentions) between Russia and Ukraine, 0 were "
                            "cooperative") for t in events)
    assert any(t.startswith("1 went from Russia to Ukraine") for t in events)
    mentions = texts(pair_brief(store, "RUS", "UKR", EventFilter(), count="mentions"))
    assert any(t.startswith("Of 3 events between Russia and Ukraine") for t in mentions)
    assert any(t.startswith("2 went from Russia to Ukraine") for t in mentions)
    country = texts(country_brief(store, "UKR", EventFilter()))
    assert country[0].startswith("Ukraine's main partner is Russia (2 events)")
    assert any(t.startswith("Of 2 events (3 mentions) involving Ukraine") for t in country)


def test_a_loan_reported_twice_is_counted_once(store: Store) -> None:
    from irinsider.analysis import pair_brief

    store.save(article("a", "2020-03-01", [("RUS", "UKR", "071")], url="https://one.example/a"))
    store.save(article("b", "2020-03-02", [("RUS", "UKR", "071")], url="https://two.example/b"))
    store.save(article("c", "2020-05-01", [("RUS", "UKR", "071")], url="https://one.example/c"))
    texts = [s["text"] for s in pair_brief(store, "RUS", "UKR", EventFilter()).to_dict()[
        "sentences"]]
    amounts = next(t for t in texts if t.startswith("Amounts"))
    assert amounts.startswith("Amounts named in US dollars add up to $10 million; the largest:")
    assert amounts.count("$5 million") == 2  # the two loans, the first one cited once
    by_mentions = [s["text"] for s in pair_brief(store, "RUS", "UKR", EventFilter(),
                                                 count="mentions").to_dict()["sentences"]]
    assert any(t.startswith("Amounts named in US dollars add up to $15 million")
               for t in by_mentions)
