"""The count tables of events (store/summaries.py, schema version 7): kept in step with
the event groups by every save, deletion, correction and regrouping, filled by the
migration of an older database, and answering as the groups themselves do."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from explore_world import save_world, world

from irinsider.store import SCHEMA_VERSION, EventFilter, Store

TABLES = ("group_party_months", "group_parties", "group_dyad_months", "group_dyads")
ROOT_TABLES = ("party_root_months", "party_roots", "dyad_root_months", "dyad_roots")


def expected(path: Path) -> dict[str, Counter[tuple[object, ...]]]:
    """The four tables as counted again from `event_groups`, in Python."""
    conn = sqlite3.connect(path)
    out: dict[str, Counter[tuple[object, ...]]] = {t: Counter() for t in TABLES}
    sums: dict[str, dict[tuple[object, ...], list[float]]] = {t: {} for t in TABLES}
    for source, target, first, precision, root, quad, gold, usd in conn.execute(
            "SELECT source_party, target_party, first_date, precision, root, quad_class, "
            "goldstein, coalesce(usd, 0) FROM event_groups WHERE negated = 0"):
        month = (first or "")[:7]
        year_only = int(bool(first) and precision == "year")
        keys = {t: [] for t in TABLES}
        for party in {p for p in (source, target) if p is not None}:
            keys["group_party_months"].append((party, month, year_only, root, quad))
            keys["group_parties"].append((party, root, quad))
        if source is not None and target is not None:
            keys["group_dyad_months"].append((source, target, month, year_only, root, quad))
            keys["group_dyads"].append((source, target, root, quad))
        for table, found in keys.items():
            for key in found:
                cell = sums[table].setdefault(key, [0, 0.0, 0.0])
                cell[0] += 1
                cell[1] += gold
                cell[2] += usd
    for table in TABLES:
        out[table] = Counter({k: (int(v[0]), round(v[1], 4), round(v[2], 2))
                              for k, v in sums[table].items()})
    conn.close()
    return out


def expected_years(path: Path) -> dict[str, Counter[tuple[object, ...]]]:
    """The tables of years and the tallies of groups, counted again."""
    conn = sqlite3.connect(path)
    out: dict[str, Counter[tuple[object, ...]]] = {}
    for table, sql in (
            ("dyad_years", "SELECT source_party, target_party, coalesce(substr(date, 1, 4), ''), "
                           "quad_class, count(*), round(sum(goldstein), 4), "
                           "round(sum(coalesce(usd, 0)), 2) FROM events WHERE wrong = 0 AND "
                           "negated = 0 AND source_party IS NOT NULL AND target_party IS NOT "
                           "NULL GROUP BY 1, 2, 3, 4"),
            ("group_dyad_years", "SELECT source_party, target_party, "
                                 "coalesce(substr(first_date, 1, 4), ''), quad_class, count(*), "
                                 "round(sum(goldstein), 4), round(sum(coalesce(usd, 0)), 2) "
                                 "FROM event_groups WHERE negated = 0 AND source_party IS NOT "
                                 "NULL AND target_party IS NOT NULL GROUP BY 1, 2, 3, 4"),
            ("tallies", "SELECT 'groups', count(*), 0, 0 FROM event_groups WHERE negated = 0 "
                        "UNION ALL SELECT 'group_mentions', sum(num_mentions), 0, 0 FROM "
                        "event_groups WHERE negated = 0")):
        out[table] = Counter({tuple(r[:-3]): tuple(r[-3:]) for r in conn.execute(sql)})
    conn.close()
    return out


def stored_years(path: Path) -> dict[str, Counter[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    out: dict[str, Counter[tuple[object, ...]]] = {}
    for table in ("dyad_years", "group_dyad_years"):
        out[table] = Counter({tuple(r[:-3]): (r[-3], round(r[-2], 4), round(r[-1], 2))
                              for r in conn.execute(f"SELECT * FROM {table}")})
    out["tallies"] = Counter({(name,): (n, 0, 0) for name, n in conn.execute(
        "SELECT name, n FROM tallies WHERE name IN ('groups', 'group_mentions')")})
    conn.close()
    return out


def stored(path: Path) -> dict[str, Counter[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    out = {}
    for table in TABLES:
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        out[table] = Counter({tuple(r[:-3]): (r[-3], round(r[-2], 4), round(r[-1], 2))
                              for r in rows})
    conn.close()
    return out


@pytest.fixture
def world_db(tmp_path: Path) -> Path:
    path = tmp_path / "world.db"
    with Store.open(path) as store:
        save_world(store, 80)
    return path


def test_tables_follow_saves_deletions_corrections_and_regrouping(world_db: Path) -> None:
    assert stored(world_db) == expected(world_db)
    assert stored_years(world_db) == expected_years(world_db)
    with Store.open(world_db) as store:
        store.delete_article("w0003")
        rows, _ = store.event_page(EventFilter(party="CUB"), per_page=3)
        store.add_correction(rows[0]["id"], field="cameo", old=rows[0]["cameo"], new="190",
                             changes={"cameo": "190", "root": "19", "quad_class": 4,
                                      "goldstein": -10.0}, reason="a fight", author="t")
        store.add_correction(rows[1]["id"], field="wrong", old=None, new=None,
                             changes={"wrong": 1}, reason="no such thing", author="t")
        store.add_correction(rows[2]["id"], field="target", old=rows[2]["target"], new="FRA",
                             changes={"target": "FRA", "target_country": "FRA",
                                      "target_party": "FRA"}, reason="France", author="t")
        again = world(90)[80:]  # more articles, and one saved again unchanged
        for coded in again:
            store.save(coded)
        store.set_group_window(3)
    assert stored(world_db) == expected(world_db)
    assert stored_years(world_db) == expected_years(world_db)
    conn = sqlite3.connect(world_db)
    assert conn.execute("SELECT count(*) FROM group_parties WHERE n <= 0").fetchone() == (0,)
    conn.close()


FILTERS = [EventFilter(party="CUB"), EventFilter(party="CUB", partner="RUS"),
           EventFilter(party="RUS", since="2017-03-15", until="2019-06-20"),
           EventFilter(party="USA", since="2018-01-01"),
           EventFilter(party="CUB", until="2018-07-31"),
           EventFilter(party="VEN", since="2017-01-01", until="2018-12-31", quad=3),
           EventFilter(party="RUS", partner="CUB", directed=True),
           EventFilter(party="CUB", since="2017-03-15", until="2018-06-20"),
           EventFilter(party="VEN", since="2018-02-01", until="2018-02-28", quad=4),
           EventFilter(party="USA", code="04"),
           EventFilter(party="USA", partner="CUB", code="11", since="2017-01-10"),
           EventFilter(party="RUS", until="2017-12-31"),
           EventFilter(since="2017-05-05", until="2019-01-01"), EventFilter(code="19")]


@pytest.mark.parametrize("f", FILTERS, ids=str)
def test_tables_answer_as_the_groups_do(world_db: Path, f: EventFilter) -> None:
    with Store.open(world_db) as store:
        slow_timeline = store._group_rows(f, "coalesce(CASE WHEN g.precision = 'year' THEN "
                                          "substr(g.first_date, 1, 4) ELSE "
                                          "substr(g.first_date, 1, 7) END, '')", None) \
            if f.party else None
        if f.party:
            assert store.timeline(f, groups=True) == slow_timeline
            base = replace(f, partner=None, directed=False)
            slow = [row for direction, (mine, other) in enumerate((("source", "target"),
                                                                   ("target", "source")))
                    for row in store._group_rows(base, f"g.{other}_party",
                                                 (mine, other, direction))]
            assert store.partners(f, groups=True) == slow
        totals = store.party_totals(f, groups=True)
        base = replace(f, party=None, partner=None, directed=False)
        slow_totals: Counter[tuple[str, int]] = Counter()
        for side, other in (("source", ""), ("target", " AND {a}.target_party IS NOT "
                                                       "{a}.source_party")):
            for party, quad, _d, n, _g, _u in store._group_rows(
                    base, f"g.{side}_party", None,
                    branch=f"{{a}}.{side}_party IS NOT NULL{other}"):
                slow_totals[(party, quad)] += n
        assert {(p, q): n for p, q, n, _g, _u in totals} == dict(slow_totals)


def test_an_older_database_is_migrated(world_db: Path) -> None:
    conn = sqlite3.connect(world_db)
    with conn:
        for table in (*TABLES, *ROOT_TABLES, "dyad_years", "group_dyad_years"):
            conn.execute(f"DROP TABLE {table}")
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                    "AND (name LIKE 'event_groups_counts_%' OR "
                                    "name LIKE 'events_roots_%' OR name LIKE '%_years_%' OR "
                                    "name LIKE 'event_groups_tally_%')").fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                    "AND (name LIKE 'events_located%' OR name LIKE '%_by_month')"
                                    ).fetchall():
            conn.execute(f"DROP INDEX {name}")
        conn.execute("DELETE FROM tallies WHERE name IN ('groups', 'group_mentions')")
        conn.execute("ALTER TABLE event_groups DROP COLUMN precision")
        conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
    conn.close()
    with Store.open(world_db) as store:
        assert store.timeline(EventFilter(party="CUB"), groups=True)
    conn = sqlite3.connect(world_db)
    version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert version == (str(SCHEMA_VERSION),)
    assert conn.execute("SELECT count(*) FROM event_groups WHERE precision IS NULL "
                        "AND first_date IS NOT NULL").fetchone() == (0,)
    conn.close()
    assert stored(world_db) == expected(world_db)
    assert stored_years(world_db) == expected_years(world_db)
    with Store.open(world_db) as store:
        for f in MENTION_FILTERS:
            raw = replace(f, min_confidence=0.0)
            assert store.party_totals(f) == store.party_totals(raw)


MENTION_FILTERS = [EventFilter(party="CUB", code="04"),
                   EventFilter(party="RUS", since="2017-03-15", until="2019-06-20"),
                   EventFilter(party="USA", since="2018-02-01", quad=2),
                   EventFilter(party="CUB", partner="RUS", code="11"),
                   EventFilter(party="USA", code="17", since="2017-03-15", until="2018-06-20"),
                   EventFilter(party="VEN", code="05", until="2018-12-31", quad=1),
                   EventFilter(code="19"), EventFilter(code="06", since="2018-01-01")]


@pytest.mark.parametrize("f", MENTION_FILTERS, ids=str)
def test_root_tables_answer_as_the_events_do(world_db: Path, f: EventFilter) -> None:
    """Mentions of a root counted from the tables, and from the events themselves (a
    filter on confidence >= 0 selects the same events but reads them one by one)."""
    raw = replace(f, min_confidence=0.0)
    with Store.open(world_db) as store:
        store.delete_article("w0005")
        rows, _ = store.event_page(EventFilter(party="CUB"), per_page=1)
        store.add_correction(rows[0]["id"], field="cameo", old=rows[0]["cameo"], new="042",
                             changes={"cameo": "042", "root": "04", "quad_class": 1,
                                      "goldstein": 1.9}, reason="a visit", author="t")
        if f.party:
            assert store.timeline(f) == store.timeline(raw)
            assert store.partners(f) == store.partners(raw)
            assert store.event_count(f) == store.event_count(raw)
            assert store.timeline(f, groups=True) == store.timeline(raw, groups=True)
        assert store.party_totals(f) == store.party_totals(raw)
        assert store.party_totals(f, groups=True) == store.party_totals(raw, groups=True)
