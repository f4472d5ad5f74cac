"""Tests of irinsider.store: schema, idempotent saves, round trips and queries."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

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
)
from irinsider.store import SCHEMA_VERSION, Store, content_hash, default_db_path


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
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
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
