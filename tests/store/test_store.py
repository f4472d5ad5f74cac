"""Tests of irinsider.store: schema, idempotent saves, round trips and queries."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from irinsider.errors import StoreError
from irinsider.model import (
    ActorMention,
    Article,
    Block,
    CodedArticle,
    Event,
    Quantity,
    Sentence,
    content_hash,
)
from irinsider.store import (
    BUSY_TIMEOUT,
    SCHEMA_VERSION,
    EventFilter,
    Store,
    default_db_path,
)


def make_event(doc_id: str = "a1", **changes: object) -> Event:
    event = Event(
        doc_id=doc_id,
        sentence=0,
        source="RUSGOV",
        target="CUB",
        source_country="RUS",
        target_country="CUB",
        cameo="0711",
        plover="AID",
        plover_mode="economic",
        goldstein=7.4,
        quad_class=2,
        date="2018-11-02",
        evidence="Russia will lend Cuba $50 million.",
        source_span=(0, 6),
        target_span=(17, 21),
        trigger_span=(12, 16),
        quantities=(
            Quantity(kind="money", value=50_000_000, unit="USD", text="$50 million",
                     start=22, end=33),
        ),
        negated=False,
        modality="future",
        confidence=0.9,
        rule="lend",
        source_name="Russia",
        target_name="Cuba",
        trigger="lend",
        caption=False,
    )
    return replace(event, **changes)  # type: ignore[arg-type]


def make_coded(article_id: str = "a1", body: str = "Russia will lend Cuba $50 million.",
               day: date | None = date(2018, 11, 2)) -> CodedArticle:
    article = Article(
        id=article_id,
        title="Russia lends Cuba",
        byline="Staff",
        date=day,
        url="https://example.org/a1",
        blocks=(
            Block(text=body),
            Block(text="Putin and Diaz-Canel in Moscow.", kind="caption", credit="Reuters"),
        ),
        source_path="in/a1.txt",
        format="text",
    )
    sentences = (
        Sentence(index=0, text=body, block=0, kind="body", start=0),
        Sentence(index=1, text="Putin and Diaz-Canel in Moscow.", block=1, kind="caption",
                 start=0),
    )
    actors = (
        (
            ActorMention(text="Russia", start=0, end=6, code="RUS", country="RUS",
                         name="Russia"),
            ActorMention(text="Cuba", start=17, end=21, code="CUB", country="CUB",
                         name="Cuba"),
        ),
        (
            ActorMention(text="Putin", start=0, end=5, code="RUSGOV", country="RUS",
                         sector="GOV", kind="leader", name="Vladimir Putin"),
        ),
    )
    events = (
        make_event(article_id),
        make_event(article_id, sentence=1, cameo="040", target=None, target_country=None,
                   target_span=None, quantities=(), negated=True, modality=None,
                   caption=True, evidence="Putin and Diaz-Canel in Moscow.",
                   date="2018-11-03"),
    )
    return CodedArticle(article=article, sentences=sentences, actors=actors, events=events)


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "test.db") as s:
        yield s


def test_open_creates_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(path):
        pass
    assert path.exists()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert version == (str(SCHEMA_VERSION),)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"meta", "articles", "blocks", "sentences", "actors", "events",
                "quantities"} <= tables
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"events_dyad", "events_cameo", "events_article"} <= indexes
    finally:
        conn.close()


def test_pragmas(store: Store) -> None:
    conn = store._conn
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT * 1000
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopen_existing(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with Store.open(path) as s:
        s.save(make_coded())
    with Store.open(path) as s:
        assert s.counts() == {"articles": 1, "sentences": 2, "events": 2}


def test_bad_path_is_store_error(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "dir" / "x.db"
    with pytest.raises(StoreError, match="no/such/dir"):
        Store.open(path)


def test_directory_is_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=str(tmp_path)):
        Store.open(tmp_path)


def test_non_database_file_is_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        Store.open(path)


def test_foreign_database_is_store_error(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not an irinsider database"):
        Store.open(path)


@pytest.mark.parametrize(("version", "word"), [(0, "older"), (SCHEMA_VERSION + 1, "newer")])
def test_other_schema_version_is_store_error(tmp_path: Path, version: int, word: str) -> None:
    path = tmp_path / "v.db"
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=word):
        Store.open(path)


def test_round_trip(store: Store) -> None:
    coded = make_coded()
    assert store.save(coded) is True
    assert store.article("a1") == coded
    assert store.article("missing") is None


def test_round_trip_without_date_or_events(store: Store) -> None:
    coded = replace(make_coded(day=None), events=())
    store.save(coded)
    assert store.article("a1") == coded


def test_idempotent_save(store: Store) -> None:
    coded = make_coded()
    assert store.save(coded) is True
    before = store.counts()
    assert store.save(coded) is False
    assert store.counts() == before == {"articles": 1, "sentences": 2, "events": 2}
    assert store.save(coded, force=True) is True
    assert store.counts() == before


def test_changed_content_replaces(store: Store) -> None:
    store.save(make_coded())
    changed = make_coded(body="Russia will lend Cuba $60 million.")
    changed = replace(changed, events=changed.events[:1])
    assert store.save(changed) is True
    assert store.counts() == {"articles": 1, "sentences": 2, "events": 1}
    assert store.article("a1") == changed
    n_quantities = store._conn.execute("SELECT count(*) FROM quantities").fetchone()[0]
    assert n_quantities == 1


def test_failed_save_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: Store, article_id: str, events: tuple[Event, ...]) -> None:
        self._conn.execute("INSERT INTO events (article_id) VALUES (?)", (article_id,))

    monkeypatch.setattr(Store, "_insert_events", boom)  # NOT NULL violation midway
    with pytest.raises(StoreError, match="cannot save article 'a1'"):
        store.save(make_coded())
    assert store.counts() == {"articles": 0, "sentences": 0, "events": 0}
    assert store.articles() == []


def test_failed_replace_keeps_old_version(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save(make_coded())

    def boom(self: Store, article_id: str, events: tuple[Event, ...]) -> None:
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(Store, "_insert_events", boom)
    with pytest.raises(RuntimeError):
        store.save(make_coded(body="Something else."))
    monkeypatch.undo()
    assert store.article("a1") == make_coded()


def test_articles_listing(store: Store) -> None:
    store.save(make_coded("b", day=date(2019, 1, 1)))
    store.save(make_coded("a", day=date(2018, 1, 1)))
    rows = store.articles()
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["date"] == "2018-01-01"
    assert rows[0]["events"] == 2
    assert rows[0]["content_hash"] == content_hash(make_coded("a", day=date(2018, 1, 1)).article)
    assert set(rows[0]) == {"id", "title", "byline", "date", "url", "source_path", "format",
                            "content_hash", "ingested_at", "events"}


def test_event_filters(store: Store) -> None:
    store.save(make_coded("a1"))
    other = make_coded("a2")
    other = replace(other, events=(make_event("a2", source_country="USA", source="USA",
                                              cameo="1724", date="2019-05-01"),))
    store.save(other)

    def ids(**filters: object) -> list[tuple[str, str]]:
        return [(e.doc_id, e.cameo) for e in store.events(**filters)]  # type: ignore[arg-type]

    assert ids() == [("a1", "0711"), ("a1", "040"), ("a2", "1724")]
    assert ids(article_id="a2") == [("a2", "1724")]
    assert ids(source_country="USA") == [("a2", "1724")]
    assert ids(target_country="CUB") == [("a1", "0711"), ("a2", "1724")]
    assert ids(cameo_prefix="07") == [("a1", "0711")]
    assert ids(cameo_prefix="17") == [("a2", "1724")]
    assert ids(since="2018-11-03") == [("a1", "040"), ("a2", "1724")]
    assert ids(until=date(2018, 11, 2)) == [("a1", "0711")]
    assert ids(since="2018-11-03", until="2018-12-31") == [("a1", "040")]
    assert ids(limit=1) == [("a1", "0711")]


def test_events_carry_quantities(store: Store) -> None:
    store.save(make_coded())
    first, second = store.events()
    assert first == make_event("a1")
    assert first.quantities[0].value == 50_000_000
    assert second.quantities == ()
    assert second.target_span is None
    assert second.negated is True and second.caption is True


def test_events_keep_the_given_order(store: Store) -> None:
    coded = make_coded()
    events = tuple(make_event("a1", sentence=i, cameo=c) for i, c in
                   enumerate(["190", "010", "0711", "040"]))
    store.save(replace(coded, events=events))
    assert tuple(store.events(article_id="a1")) == events


def test_content_hash_covers_title_date_and_blocks() -> None:
    article = make_coded().article
    assert content_hash(article) == content_hash(replace(article, url="https://other"))
    assert content_hash(article) != content_hash(replace(article, title="Other"))
    assert content_hash(article) != content_hash(replace(article, date=date(2000, 1, 1)))
    assert content_hash(article) != content_hash(replace(article, blocks=article.blocks[:1]))


def test_default_db_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("IRINSIDER_DB", raising=False)
    assert default_db_path() == Path("irinsider.db")
    monkeypatch.setenv("IRINSIDER_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"


# ---------------------------------------------------------------------------- schema 2


def test_version_1_database_is_migrated(tmp_path: Path) -> None:
    from irinsider.store import schema

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(schema._SCHEMA)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute("INSERT INTO articles VALUES ('a1', 'Russia lends Cuba', NULL, '2018-11-02', "
                 "NULL, NULL, 'text', 'h', '2024-01-01')")
    conn.execute("INSERT INTO sentences VALUES ('a1', 0, 0, 'body', 0, "
                 "'Russia will lend Cuba $50 million.')")
    conn.execute("INSERT INTO actors VALUES ('a1', 0, 0, 6, 'Russia', 'RUS', 'RUS', NULL, "
                 "'country', 'Russia')")
    conn.execute(
        "INSERT INTO events VALUES (1, 'a1', 0, 'RUSGOV', 'IGOUNO', 'RUS', NULL, '0711', '07', "
        "'AID', NULL, 7.4, 2, '2018-11-02', 'Russia will lend Cuba $50 million.', 0, 6, 17, "
        "21, 12, 16, 'lend', 0, NULL, 0.9, 'r', 'Russia', 'United Nations', 0)")
    conn.execute("INSERT INTO quantities VALUES (1, 'money', 50000000, NULL, 'USD', "
                 "'$50 million', 22, 33)")
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        version = s._conn.execute("SELECT value FROM meta").fetchone()[0]
        assert version == str(SCHEMA_VERSION) == "8"
        (row,) = s.article_events("a1")
        assert (row["source_party"], row["target_party"], row["usd"]) == \
            ("RUS", "IGOUNO", 50_000_000)
        assert s.timeline(EventFilter(party="RUS")) == [("2018-11", 2, 0, 1, 7.4, 50_000_000)]
        assert s.timeline(EventFilter(party="RUS"), groups=True) == \
            [("2018-11", 2, 0, 1, 7.4, 50_000_000)]
        assert s.partners(EventFilter(party="IGOUNO"))[0][:4] == ("RUS", 2, 1, 1)
        assert [a["id"] for a in s.article_page(q="lend")[0]] == ["a1"]
        assert s.actor_names("russ")[0]["code"] == "RUS"
        assert s.articles_to_analyse() == ["a1"]
    with Store.open(path) as s:  # opening again changes nothing
        assert len(s.article_events("a1")) == 1


def _random_article(rng: Any, n: int) -> CodedArticle:
    parties = ["RUS", "CUB", "USA", "CHN"]
    events = []
    for i in range(rng.randint(1, 5)):
        src, tgt = rng.choice(parties), rng.choice([*parties, None])
        events.append(make_event(
            f"r{n}", sentence=i, source=src, source_country=src, target=tgt or "IGOUNO",
            target_country=tgt, cameo=rng.choice(["0711", "040", "190", "112"]),
            quad_class=rng.randint(1, 4), goldstein=rng.uniform(-10, 10),
            date=f"2018-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            negated=rng.random() < 0.2, quantities=() if rng.random() < 0.5 else
            make_event().quantities))
    return replace(make_coded(f"r{n}", body=f"Body {n} {rng.random()}"), events=tuple(events))


def test_month_tables_agree_with_the_events(store: Store) -> None:
    import random

    rng = random.Random(4)
    for n in range(40):
        store.save(_random_article(rng, n % 15))  # some articles replaced, some new
    for party in ("RUS", "CUB", "USA", "CHN", "IGOUNO"):
        fast = EventFilter(party=party)
        slow = EventFilter(party=party, min_confidence=0.0)  # not aggregatable: raw events
        assert fast.aggregatable and not slow.aggregatable
        assert store.timeline(fast) == sorted(
            (m, q, d, n, pytest.approx(g), pytest.approx(u))
            for m, q, d, n, g, u in store.timeline(slow))
        assert [r[:4] for r in store.partners(fast)] == [r[:4] for r in store.partners(slow)]
        ranged = replace(fast, since="2018-03-10", until="2018-09-20", quad=2)
        assert [r[:4] for r in store.timeline(ranged)] == \
            [r[:4] for r in store.timeline(replace(ranged, min_confidence=0.0))]
        assert store.event_count(fast)[0] == store.event_count(slow)[0]
        pair = EventFilter(party=party, partner="CUB")
        assert [r[:4] for r in store.timeline(pair)] == \
            [r[:4] for r in store.timeline(replace(pair, min_confidence=0.0))]
    totals = store.party_totals(EventFilter())
    assert [r[:3] for r in totals] == [r[:3] for r in
                                      store.party_totals(EventFilter(min_confidence=0.0))]


@pytest.mark.parametrize(("since", "until", "plan"), [
    (None, None, (None, None, [])),
    ("2018-11-01", "2018-12-31", ("2018-11", "2018-12", [])),
    ("2018-11-09", None, ("2018-12", None, [("2018-11-09", "2018-11-30")])),
    (None, "2018-11-09", (None, "2018-10", [("2018-11-01", "2018-11-09")])),
    ("2018-11-09", "2018-11-20", ("9999-99", "0000-00", [("2018-11-09", "2018-11-20")])),
    ("2018-12-15", "2019-02-10", ("2019-01", "2019-01", [("2018-12-15", "2018-12-31"),
                                                         ("2019-02-01", "2019-02-10")])),
])
def test_month_plan(since: str | None, until: str | None, plan: Any) -> None:
    from irinsider.store.filters import _month_plan

    assert _month_plan(since, until) == plan


def test_corrections_apply_and_survive_recoding(store: Store) -> None:
    coded = make_coded()
    store.save(coded)
    first = store.article_events("a1")[0]
    store.add_correction(first["id"], field="cameo", old="0711", new="072",
                         changes={"cameo": "072", "root": "07", "quad_class": 2,
                                  "goldstein": 8.3}, reason="military", author="Ana")
    store.add_correction(first["id"], field="wrong", old=None, new=None, changes={"wrong": 1},
                         reason="not a loan", author="Bo")
    assert store.event_row(first["id"])["cameo"] == "072"
    assert [e.cameo for e in store.events()] == ["040"]  # the wrong one is left out
    assert [e.cameo for e in store.events(include_wrong=True)] == ["072", "040"]
    # the wrong event and the negated one (040) are not counted
    assert store.timeline(EventFilter(party="RUS")) == []
    assert store.timeline(EventFilter(party="RUS", include_wrong=True))[0][3] == 1
    store.save(coded, force=True)  # re-coded: new rows, corrections applied again
    again = store.article_events("a1")[0]
    assert (again["cameo"], again["wrong"]) == ("072", True)
    rows, more = store.corrections()
    assert [c["author"] for c in rows] == ["Bo", "Ana"] and not more
    assert all(c["event_id"] == again["id"] for c in rows)
    changed = make_coded(body="Russia will lend Cuba $60 million.")
    changed = replace(changed, events=(replace(changed.events[0],
                                               evidence="Russia will lend Cuba $60 million."),))
    store.save(changed)  # the sentence changed: the corrections match nothing now
    assert store.article_events("a1")[0]["cameo"] == "0711"
    assert [c["event_id"] for c in store.corrections()[0]] == [None, None]


def test_corrections_only_set_allowed_columns(store: Store) -> None:
    store.save(make_coded())
    event = store.article_events("a1")[0]["id"]
    with pytest.raises(StoreError, match="cannot set evidence"):
        store.add_correction(event, field="x", old=None, new=None,
                             changes={"evidence": "hacked"}, reason="r", author="a")
    with pytest.raises(StoreError, match="no event 999"):
        store.add_correction(999, field="wrong", old=None, new=None, changes={"wrong": 1},
                             reason="r", author="a")


def test_publication_is_kept_when_an_article_is_stored_again(store: Store) -> None:
    coded = make_coded()
    store.save(coded)
    assert store.published() == []
    assert store.mark_published("a1", author="Ana") is True
    assert store.mark_published("missing", author="Ana") is False
    when = store.article_row("a1")["published_at"]
    store.save(make_coded(body="Russia will lend Cuba $60 million."))
    row = store.article_row("a1")
    assert (row["published_at"], row["published_by"]) == (when, "Ana")
    (item,) = store.published()
    assert item["lead"] == "Russia will lend Cuba $60 million."


def test_drafts_and_their_images_move_to_the_article(store: Store) -> None:
    store.save_draft("d1", author="Ana", source="text", fmt="text", article={"id": "a1"},
                     images=[(1, "pic.png", "image/png", b"\x89PNG")])
    assert store.draft("d1")["article"] == {"id": "a1"}
    assert store.image("draft:d1", 1) == ("image/png", b"\x89PNG")
    store.publish(make_coded(), author="Ana", draft_id="d1")
    assert store.draft("d1") is None
    assert store.image_blocks("a1") == {1: "pic.png"}
    assert store.article_row("a1")["published_by"] == "Ana"
    assert store.delete_old_drafts("9999") == 0


def test_entities_and_their_events(store: Store) -> None:
    coded = make_coded()
    store.save(coded)
    assert store.save_entities("a1", "not the hash", [], []) is False
    assert store.save_entities("a1", content_hash(coded.article),
                               [("inf-treaty", "treaty", "INF Treaty")],
                               [("inf-treaty", 0, 0, 6, "Russia")]) is True
    store.save_entities("a1", content_hash(coded.article),
                        [("inf-treaty", "treaty", "Intermediate-Range Nuclear Forces Treaty")],
                        [("inf-treaty", 0, 0, 6, "Russia"), ("inf-treaty", 1, 0, 5, "Putin")])
    entity = store.entity("inf-treaty")
    assert entity == {"id": "inf-treaty", "kind": "treaty", "mentions": 2, "articles": 1,
                      "name": "Intermediate-Range Nuclear Forces Treaty"}  # the longer name
    assert [m["sentence_text"][:6] for m in store.entity_mentions(entity_id="inf-treaty")] == \
        ["Russia", "Putin "]
    rows, _ = store.event_page(EventFilter(entity="inf-treaty", include_negated=True))
    assert sorted(r["sentence"] for r in rows) == [0, 1]
    assert store.articles_to_analyse() == []
    assert store.entity_page(q="nuclear")[0][0]["id"] == "inf-treaty"
    assert store.entity_page(q="100%")[0] == []
    assert store.entity("nothing") is None


def test_event_page_merges_both_sides_newest_first(store: Store) -> None:
    events = tuple(
        make_event("a1", sentence=i, source=s, source_country=s, target=t, target_country=t,
                   date=f"2018-11-{i + 1:02d}", cameo="040")
        for i, (s, t) in enumerate([("RUS", "CUB"), ("CUB", "RUS"), ("CUB", "CUB"),
                                    ("USA", "CUB"), ("RUS", "USA")])
    )
    store.save(replace(make_coded(), events=events))
    rows, more = store.event_page(EventFilter(party="CUB"), per_page=2)
    assert [r["sentence"] for r in rows] == [3, 2] and more
    rows, more = store.event_page(EventFilter(party="CUB"), page=2, per_page=2)
    assert [r["sentence"] for r in rows] == [1, 0] and not more
    assert store.event_count(EventFilter(party="CUB")) == (4, True)
    pair, _ = store.event_page(EventFilter(party="CUB", partner="RUS"))
    assert [r["sentence"] for r in pair] == [1, 0]
    directed, _ = store.event_page(EventFilter(party="RUS", partner="CUB", directed=True))
    assert [r["sentence"] for r in directed] == [0]
    money, _ = store.event_page(EventFilter(party="RUS"), order="usd")
    assert [r["sentence"] for r in money] == [4, 1, 0]  # amount, then newest
    actor, _ = store.event_page(EventFilter(party="USA", actor="USA"))
    assert [r["sentence"] for r in actor] == [4, 3]


def test_counts_are_capped(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from irinsider.store import tallies  # where event_count reads it

    monkeypatch.setattr(tallies, "COUNT_CAP", 1)
    store.save(make_coded())
    assert store.event_count(EventFilter(min_confidence=0.0, include_negated=True)) == (1, False)


def test_full_text_search_is_safe(store: Store) -> None:
    from irinsider.store.filters import fts_query

    assert fts_query('loan" OR 1=1 --') == '"loan" "OR" "1" "1"*'
    assert fts_query("  ") is None
    store.save(make_coded())
    rows, _ = store.event_page(EventFilter(q='lend" NEAR'))
    assert rows == []
    rows, _ = store.event_page(EventFilter(q="lend cub"))
    assert [r["cameo"] for r in rows] == ["0711"]


def test_bulk_writes_all_or_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.bulk():
        store.save(make_coded("x1"))
        raise RuntimeError("stop")
    assert store.counts()["articles"] == 0
    assert store.save_many([make_coded("x1"), make_coded("x2")]) == 2
    assert store.counts()["articles"] == 2


def test_sentence_actors(store: Store) -> None:
    store.save(make_coded())
    got = store.sentence_actors([("a1", 0), ("a1", 1), ("a1", 5)])
    assert [a["text"] for a in got[("a1", 0)]] == ["Russia", "Cuba"]
    assert [a["kind"] for a in got[("a1", 1)]] == ["leader"]
    assert got[("a1", 5)] == []


# ---------------------------------------------------------------------------- when and where


def _situated(article_id: str = "w1") -> CodedArticle:
    coded = make_coded(article_id)
    first = replace(coded.events[0], date="2018-10-01", date_precision="month",
                    date_text="last month", place="Havana", place_name="Havana",
                    place_country="CUB", place_kind="city", place_lat=23.13302,
                    place_lon=-82.38304)
    second = replace(coded.events[1], date_precision="article")
    return replace(coded, events=(first, second))


def test_dates_and_places_round_trip(store: Store) -> None:
    coded = _situated()
    store.save(coded)
    assert tuple(store.events(article_id="w1", include_wrong=True)) == coded.events
    first, second = store.article_events("w1")
    assert (first["date"], first["date_precision"], first["date_text"]) == \
        ("2018-10-01", "month", "last month")
    assert (first["place_name"], first["place_country"], first["place_lat"]) == \
        ("Havana", "CUB", 23.13302)
    assert (second["date_precision"], second["place"]) == ("article", None)
    # the event's own date is what filters and monthly counts see
    assert [e.date for e in store.events(since="2018-10-01", until="2018-10-31")] == \
        ["2018-10-01"]


def test_version_2_database_gains_date_and_place_columns(tmp_path: Path) -> None:
    from irinsider.store import schema

    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path)
    conn.executescript(schema._SCHEMA)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.commit()
    schema._run_script(conn, schema._MIGRATE_2)
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.execute("INSERT INTO articles (id, title, date, format, content_hash, ingested_at) "
                 "VALUES ('a1', 'Russia lends Cuba', '2018-11-02', 'text', 'h', '2024-01-01')")
    conn.execute(
        "INSERT INTO events (id, article_id, sentence, source, target, source_country, "
        "target_country, cameo, root, goldstein, quad_class, date, evidence, source_start, "
        "source_end, trigger_start, trigger_end, trigger, negated, confidence, rule, caption) "
        "VALUES (1, 'a1', 0, 'RUS', 'CUB', 'RUS', 'CUB', '0711', '07', 7.4, 2, '2018-11-02', "
        "'Russia will lend Cuba $50 million.', 0, 6, 12, 16, 'lend', 0, 0.9, 'r', 0)")
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        assert s._conn.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)
        (old,) = s.events(article_id="a1")
        # a version 2 event was dated by its article, and intends nothing (version 4)
        assert (old.date, old.date_precision, old.date_text, old.place,
                old.intended_cameo) == ("2018-11-02", "article", None, None, None)
        s.save(_situated())
        assert next(s.events(article_id="w1")).place_name == "Havana"
