"""The database schema: tables, indexes and triggers, and the migrations between versions.

Schema (version 8, kept in ``meta``; a database of an older version is migrated when
opened):

    meta(key PK, value)
    articles(id PK, title, byline, date, url, source_path, format, content_hash, ingested_at,
             published_at, published_by, analysed_hash)
    blocks(article_id, idx, kind, text, credit)                  PK (article_id, idx)
    sentences(article_id, idx, block, kind, start, text)         PK (article_id, idx)
    actors(article_id, sentence, start, end, text, code, country, sector, kind, name)
    events(id PK, article_id, sentence, source, target, source_country, target_country,
           cameo, root, plover, plover_mode, goldstein, quad_class, date, evidence,
           source_start, source_end, target_start, target_end, trigger_start, trigger_end,
           trigger, negated, modality, confidence, rule, source_name, target_name, caption,
           source_party, target_party, usd, wrong)
    quantities(event_id, kind, value, value_max, unit, text, start, end)

Version 2 adds, for the web reader:

    corrections(id PK, article_id, sentence, evidence, event_key, field, old, new, changes,
                reason, author, created_at)       a reader's fix of one event; kept when the
                                                  article is re-coded and applied again
    drafts(id PK, created_at, author, source, format, article)    articles being previewed
    images(owner, block, filename, mime, data)    uploaded images of captions (owner is an
                                                  article id or "draft:<id>")
    entities(id PK, kind, name, mentions)         treaties, agreements, loans and deals
    entity_mentions(entity_id, article_id, sentence, start, end, text)
    tallies(name PK, n)                           rows in articles, sentences and events
    party_months(party, month, quad_class, n, goldstein, usd)       kept by triggers
    dyad_months(source, target, month, quad_class, n, goldstein, usd)
    party_quads, dyad_quads                       the same without months
    actor_names(code, name, country, kind, n)                      kept by triggers
    sentences_fts, articles_fts                   full-text indexes (FTS5), kept by triggers

Version 3 adds to events, for when and where:

    events(..., date_precision, date_text, place, place_name, place_country, place_kind,
           place_lat, place_lon)              `date` is now the date the event's sentence
                                              gives, else the article's ("article");
                                              events of older versions are marked so

and, for de-duplication (see `dedup`: one event reported by several articles):

    events(..., group_id)                     the event group the mention belongs to
    event_groups(id PK, source, target, cameo, negated, scope, first_date, last_date,
                 first_seen, last_seen, num_mentions, num_articles, num_sources, event_id,
                 source_party, target_party, root, quad_class, goldstein, usd)
                                              one row an event: its key (target "" for
                                              none), scope "" (or the article id of an
                                              undated group), its mentions' dates and
                                              ingest times, counts, and its earliest
                                              mention (`event_id`) with that one's values
    meta group_window                         days apart two mentions of one event may be

`save`, `delete_article` and corrections keep the groups up to date in the same
transaction; events a reader marked wrong belong to no group.

Version 4 adds to events, for intents:

    events(..., intended_cameo)               of an intent (03x), the code of the action
                                              intended ("agreed to lift the sanctions":
                                              085); null for other events and for events
                                              stored before

Version 5 adds to events, for PETRARCH's issue lists:

    events(..., issues)                       the issues of its sentence, as PETRARCH
                                              writes them: "OIL,2;SANCTIONS,1"; null for
                                              none and for events stored before

Version 6 adds, for following news feeds (`feeds`):

    feeds(url PK, etag, last_modified, title, checked_at)
                                              a feed and the validators of its last full
                                              answer, for conditional requests
    feed_items(feed_url, item_key, link, article_id, seen_at)    PK (feed_url, item_key)
                                              the items taken from it: the article stored,
                                              or none for an item that held none

Version 7 adds count tables by CAMEO root, kept by triggers (see `summaries`): of events
(groups of mentions) on `event_groups`, and of mentions on `events`; and each group's
`precision`:

    group_party_months, group_parties, group_dyad_months, group_dyads
    party_root_months, party_roots, dyad_root_months, dyad_roots
    event_groups(..., precision)              the date precision of its first mention

Version 8 adds the tallies of event groups ("groups", "group_mentions" in `tallies`,
kept by triggers) and indexes of the events that have coordinates (see `summaries`).

Triggers keep the count tables, the name and word indexes and the tallies in step with
every insert, delete and correction, so the reader's pages read a few hundred summary rows
instead of scanning events: a country page stays fast on a million events.

A *party* is who an event side is for the reader's pages: the ISO country of the actor, or
the code of an international organisation (``IGO...``/``NGO...``) that has none. ``usd``
is the sum of the event's amounts in US dollars. ``wrong`` is 1 when a reader marked the
event wrong. The month tables count events that are neither negated nor marked wrong.

Every child row references its parent with ON DELETE CASCADE. Dates are ISO
``YYYY-MM-DD`` text, booleans 0/1. Rows keep the order they were given in.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..dedup import DEFAULT_WINDOW
from ..errors import StoreError
from .groups import _Grouper
from .summaries import _MIGRATE_7, _MIGRATE_8

__all__ = ["SCHEMA_VERSION"]

SCHEMA_VERSION = 8

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id           TEXT PRIMARY KEY,
    title        TEXT,
    byline       TEXT,
    date         TEXT,
    url          TEXT,
    source_path  TEXT,
    format       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    ingested_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS blocks (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL,
    credit     TEXT,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    block      INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS actors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    code       TEXT NOT NULL,
    country    TEXT,
    sector     TEXT,
    kind       TEXT NOT NULL,
    name       TEXT
);
CREATE TABLE IF NOT EXISTS events (
    id             INTEGER PRIMARY KEY,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence       INTEGER NOT NULL,
    source         TEXT NOT NULL,
    target         TEXT,
    source_country TEXT,
    target_country TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    plover         TEXT,
    plover_mode    TEXT,
    goldstein      REAL NOT NULL,
    quad_class     INTEGER NOT NULL,
    date           TEXT,
    evidence       TEXT NOT NULL,
    source_start   INTEGER NOT NULL,
    source_end     INTEGER NOT NULL,
    target_start   INTEGER,
    target_end     INTEGER,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger        TEXT NOT NULL,
    negated        INTEGER NOT NULL,
    modality       TEXT,
    confidence     REAL NOT NULL,
    rule           TEXT NOT NULL,
    source_name    TEXT,
    target_name    TEXT,
    caption        INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS quantities (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    value     REAL NOT NULL,
    value_max REAL,
    unit      TEXT NOT NULL,
    text      TEXT NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_country, target_country, date);
CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS actors_article ON actors(article_id);
CREATE INDEX IF NOT EXISTS quantities_event ON quantities(event_id);
"""

# The party of an event side: its country, else the code of an organisation.
_PARTY_SQL = (
    "coalesce({side}_country, CASE WHEN substr({side}, 1, 3) IN ('IGO', 'NGO') "
    "THEN {side} END)"
)
_USD_SQL = (
    "(SELECT sum(q.value) FROM quantities q WHERE q.event_id = events.id "
    "AND q.kind IN ('money', 'range') AND q.unit = 'USD')"
)


def _month_trigger_body(row: str, sign: str) -> str:
    """SQL that adds (sign "+") or removes (sign "-") one event row to the count tables."""
    month = f"coalesce(substr({row}.date, 1, 7), '')"
    values = f"{sign}1, {sign}{row}.goldstein, {sign}coalesce({row}.usd, 0)"
    upsert = ("DO UPDATE SET n = n + excluded.n, goldstein = goldstein + excluded.goldstein, "
              "usd = usd + excluded.usd")
    parties = (f"FROM (SELECT {row}.source_party AS p UNION SELECT {row}.target_party) "
               "WHERE p IS NOT NULL")
    dyad = f"WHERE {row}.source_party IS NOT NULL AND {row}.target_party IS NOT NULL"
    body = (
        f"INSERT INTO party_months (party, month, quad_class, n, goldstein, usd) "
        f"SELECT p, {month}, {row}.quad_class, {values} {parties} "
        f"ON CONFLICT (party, month, quad_class) {upsert};\n"
        f"INSERT INTO party_quads (party, quad_class, n, goldstein, usd) "
        f"SELECT p, {row}.quad_class, {values} {parties} "
        f"ON CONFLICT (party, quad_class) {upsert};\n"
        f"INSERT INTO dyad_months (source, target, month, quad_class, n, goldstein, usd) "
        f"SELECT {row}.source_party, {row}.target_party, {month}, {row}.quad_class, {values} "
        f"{dyad} ON CONFLICT (source, target, month, quad_class) {upsert};\n"
        f"INSERT INTO dyad_quads (source, target, quad_class, n, goldstein, usd) "
        f"SELECT {row}.source_party, {row}.target_party, {row}.quad_class, {values} "
        f"{dyad} ON CONFLICT (source, target, quad_class) {upsert};\n"
    )
    if sign == "-":
        body += (
            f"DELETE FROM party_months WHERE n <= 0 AND month = {month} "
            f"AND quad_class = {row}.quad_class "
            f"AND party IN ({row}.source_party, {row}.target_party);\n"
            f"DELETE FROM party_quads WHERE n <= 0 AND quad_class = {row}.quad_class "
            f"AND party IN ({row}.source_party, {row}.target_party);\n"
            f"DELETE FROM dyad_months WHERE n <= 0 AND month = {month} "
            f"AND quad_class = {row}.quad_class "
            f"AND source = {row}.source_party AND target = {row}.target_party;\n"
            f"DELETE FROM dyad_quads WHERE n <= 0 AND quad_class = {row}.quad_class "
            f"AND source = {row}.source_party AND target = {row}.target_party;\n"
        )
    return body


_COUNTED = "{row}.wrong = 0 AND {row}.negated = 0"
_MONTH_COLUMNS = "source_party, target_party, quad_class, goldstein, date, usd, wrong, negated"

# Version 1 -> 2: the reader's tables, columns, indexes and triggers. A new database is
# created as version 1 and migrated at once, so both take the same path.
# The tallied tables: a row count each, kept by a pair of triggers.
_TALLIED = ("articles", "sentences", "events")
_TALLY_TRIGGERS = "".join(
    f"INSERT INTO tallies (name, n) SELECT '{t}', count(*) FROM {t};\n" for t in _TALLIED
) + "".join(
    f"CREATE TRIGGER {t}_tally_{when} AFTER {when.upper()} ON {t} BEGIN\n"
    f"    UPDATE tallies SET n = n {sign} 1 WHERE name = '{t}';\nEND;\n"
    for t in _TALLIED for when, sign in (("insert", "+"), ("delete", "-"))
)

_MIGRATE_2 = f"""
ALTER TABLE articles ADD COLUMN published_at TEXT;
ALTER TABLE articles ADD COLUMN published_by TEXT;
ALTER TABLE articles ADD COLUMN analysed_hash TEXT;
ALTER TABLE events ADD COLUMN source_party TEXT;
ALTER TABLE events ADD COLUMN target_party TEXT;
ALTER TABLE events ADD COLUMN usd REAL;
ALTER TABLE events ADD COLUMN wrong INTEGER NOT NULL DEFAULT 0;
UPDATE events SET source_party = {_PARTY_SQL.format(side="source")},
                  target_party = {_PARTY_SQL.format(side="target")},
                  usd = {_USD_SQL};
DROP INDEX IF EXISTS events_article;
CREATE INDEX events_article ON events(article_id, sentence);
CREATE INDEX events_source_party ON events(source_party, date);
CREATE INDEX events_target_party ON events(target_party, date);
CREATE INDEX events_pair ON events(source_party, target_party, date);
CREATE INDEX events_source_root ON events(source_party, root, date, id, quad_class, goldstein,
                                          usd, target_party, negated, wrong);
CREATE INDEX events_target_root ON events(target_party, root, date, id, quad_class, goldstein,
                                          usd, source_party, negated, wrong);
CREATE INDEX events_root ON events(root, date, id, source_party, target_party, quad_class,
                                   goldstein, usd, negated, wrong);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_usd_source ON events(source_party, usd, date) WHERE usd IS NOT NULL;
CREATE INDEX events_usd_target ON events(target_party, usd, date) WHERE usd IS NOT NULL;
CREATE INDEX events_usd_pair ON events(source_party, target_party, usd, date)
    WHERE usd IS NOT NULL;
DROP INDEX IF EXISTS actors_article;
CREATE INDEX actors_article ON actors(article_id, sentence);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_published ON articles(published_at) WHERE published_at IS NOT NULL;
CREATE INDEX articles_analysed ON articles(analysed_hash);

CREATE TABLE party_months (
    party      TEXT NOT NULL,
    month      TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (party, month, quad_class)
) WITHOUT ROWID;
CREATE TABLE dyad_months (
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    month      TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (source, target, month, quad_class)
) WITHOUT ROWID;
CREATE INDEX dyad_months_target ON dyad_months(target, source, month, quad_class, n,
                                                goldstein, usd);
CREATE TABLE party_quads (
    party      TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (party, quad_class)
) WITHOUT ROWID;
CREATE TABLE dyad_quads (
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    goldstein  REAL NOT NULL,
    usd        REAL NOT NULL,
    PRIMARY KEY (source, target, quad_class)
) WITHOUT ROWID;
CREATE INDEX dyad_quads_target ON dyad_quads(target, source, quad_class, n, goldstein, usd);
INSERT INTO party_months (party, month, quad_class, n, goldstein, usd)
    SELECT p, m, quad_class, count(*), sum(goldstein), sum(coalesce(usd, 0)) FROM (
        SELECT source_party AS p, coalesce(substr(date, 1, 7), '') AS m, quad_class,
               goldstein, usd FROM events
        WHERE wrong = 0 AND negated = 0 AND source_party IS NOT NULL
        UNION ALL
        SELECT target_party, coalesce(substr(date, 1, 7), ''), quad_class, goldstein, usd
        FROM events WHERE wrong = 0 AND negated = 0 AND target_party IS NOT NULL
              AND target_party IS NOT source_party
    ) GROUP BY p, m, quad_class;
INSERT INTO dyad_months (source, target, month, quad_class, n, goldstein, usd)
    SELECT source_party, target_party, coalesce(substr(date, 1, 7), ''), quad_class,
           count(*), sum(goldstein), sum(coalesce(usd, 0))
    FROM events WHERE wrong = 0 AND negated = 0 AND source_party IS NOT NULL
                      AND target_party IS NOT NULL
    GROUP BY 1, 2, 3, 4;
INSERT INTO party_quads (party, quad_class, n, goldstein, usd)
    SELECT party, quad_class, sum(n), sum(goldstein), sum(usd) FROM party_months
    GROUP BY party, quad_class;
INSERT INTO dyad_quads (source, target, quad_class, n, goldstein, usd)
    SELECT source, target, quad_class, sum(n), sum(goldstein), sum(usd) FROM dyad_months
    GROUP BY source, target, quad_class;
CREATE TRIGGER events_months_insert AFTER INSERT ON events
WHEN {_COUNTED.format(row="NEW")} BEGIN
{_month_trigger_body("NEW", "+")}END;
CREATE TRIGGER events_months_delete AFTER DELETE ON events
WHEN {_COUNTED.format(row="OLD")} BEGIN
{_month_trigger_body("OLD", "-")}END;
CREATE TRIGGER events_months_update_old AFTER UPDATE OF {_MONTH_COLUMNS} ON events
WHEN {_COUNTED.format(row="OLD")} BEGIN
{_month_trigger_body("OLD", "-")}END;
CREATE TRIGGER events_months_update_new AFTER UPDATE OF {_MONTH_COLUMNS} ON events
WHEN {_COUNTED.format(row="NEW")} BEGIN
{_month_trigger_body("NEW", "+")}END;

CREATE TABLE actor_names (
    code    TEXT NOT NULL,
    name    TEXT NOT NULL,
    country TEXT,
    kind    TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (code, name)
) WITHOUT ROWID;
INSERT INTO actor_names (code, name, country, kind, n)
    SELECT code, name, max(country), max(kind), count(*) FROM actors
    WHERE kind != 'sector' AND name IS NOT NULL GROUP BY code, name;
CREATE TRIGGER actors_names_insert AFTER INSERT ON actors
WHEN NEW.kind != 'sector' AND NEW.name IS NOT NULL BEGIN
    INSERT INTO actor_names (code, name, country, kind, n)
    VALUES (NEW.code, NEW.name, NEW.country, NEW.kind, 1)
    ON CONFLICT (code, name) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER actors_names_delete AFTER DELETE ON actors
WHEN OLD.kind != 'sector' AND OLD.name IS NOT NULL BEGIN
    UPDATE actor_names SET n = n - 1 WHERE code = OLD.code AND name = OLD.name;
    DELETE FROM actor_names WHERE code = OLD.code AND name = OLD.name AND n <= 0;
END;

CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content='sentences', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO sentences_fts (sentences_fts) VALUES ('rebuild');
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts (rowid, text) VALUES (NEW.rowid, NEW.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', OLD.rowid, OLD.text);
END;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, byline, content='articles', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, byline) VALUES (NEW.rowid, NEW.title, NEW.byline);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, byline)
    VALUES ('delete', OLD.rowid, OLD.title, OLD.byline);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, byline)
    VALUES ('delete', OLD.rowid, OLD.title, OLD.byline);
    INSERT INTO articles_fts (rowid, title, byline) VALUES (NEW.rowid, NEW.title, NEW.byline);
END;

CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    sentence   INTEGER NOT NULL,
    evidence   TEXT NOT NULL,
    event_key  TEXT NOT NULL,
    field      TEXT NOT NULL,
    old        TEXT,
    new        TEXT,
    changes    TEXT NOT NULL,
    reason     TEXT NOT NULL,
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX corrections_article ON corrections(article_id, sentence);
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    author     TEXT,
    source     TEXT NOT NULL,
    format     TEXT NOT NULL,
    article    TEXT NOT NULL
);
CREATE TABLE images (
    owner    TEXT NOT NULL,
    block    INTEGER NOT NULL,
    filename TEXT,
    mime     TEXT NOT NULL,
    data     BLOB NOT NULL,
    PRIMARY KEY (owner, block)
);
CREATE TABLE entities (
    id       TEXT PRIMARY KEY,
    kind     TEXT NOT NULL,
    name     TEXT NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_mentions ON entities(mentions);
CREATE TABLE entity_mentions (
    entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence   INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id, article_id, sentence);
CREATE INDEX entity_mentions_article ON entity_mentions(article_id, sentence);
CREATE TRIGGER entity_mentions_insert AFTER INSERT ON entity_mentions BEGIN
    UPDATE entities SET mentions = mentions + 1 WHERE id = NEW.entity_id;
END;
CREATE TRIGGER entity_mentions_delete AFTER DELETE ON entity_mentions BEGIN
    UPDATE entities SET mentions = mentions - 1 WHERE id = OLD.entity_id;
END;

CREATE TABLE tallies (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
);
{_TALLY_TRIGGERS}"""

# Version 2 -> 3, too: each event's date as its sentence gives it, and its place.
_MIGRATE_3_WHEN_WHERE = """
ALTER TABLE events ADD COLUMN date_precision TEXT;
ALTER TABLE events ADD COLUMN date_text TEXT;
ALTER TABLE events ADD COLUMN place TEXT;
ALTER TABLE events ADD COLUMN place_name TEXT;
ALTER TABLE events ADD COLUMN place_country TEXT;
ALTER TABLE events ADD COLUMN place_kind TEXT;
ALTER TABLE events ADD COLUMN place_lat REAL;
ALTER TABLE events ADD COLUMN place_lon REAL;
UPDATE events SET date_precision = 'article' WHERE date IS NOT NULL;
CREATE INDEX events_place ON events(place_country, date) WHERE place_country IS NOT NULL;
"""

# Version 2 -> 3. De-duplication: events reported by several articles are grouped (see
# dedup.py); `events.group_id` names an event's group, kept up to date by `Store.save`.
# The groups of an existing database are computed in Python right after this script.
_MIGRATE_3 = f"""
ALTER TABLE events ADD COLUMN group_id INTEGER;
CREATE TABLE event_groups (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    target       TEXT NOT NULL,
    cameo        TEXT NOT NULL,
    negated      INTEGER NOT NULL,
    scope        TEXT NOT NULL,
    first_date   TEXT,
    last_date    TEXT,
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources  INTEGER NOT NULL,
    event_id     INTEGER NOT NULL,
    source_party TEXT,
    target_party TEXT,
    root         TEXT NOT NULL,
    quad_class   INTEGER NOT NULL,
    goldstein    REAL NOT NULL,
    usd          REAL
);
CREATE INDEX event_groups_key ON event_groups(source, cameo, target, negated, scope,
                                              first_date);
CREATE INDEX event_groups_source ON event_groups(source_party, first_date, quad_class,
                                                 negated, target_party, goldstein, usd);
CREATE INDEX event_groups_target ON event_groups(target_party, first_date, quad_class,
                                                 negated, source_party, goldstein, usd);
CREATE INDEX event_groups_date ON event_groups(first_date);
CREATE INDEX events_group ON events(group_id);
CREATE INDEX events_group_key ON events(source, cameo, target, negated, date, article_id);
INSERT OR IGNORE INTO meta (key, value) VALUES ('group_window', '{DEFAULT_WINDOW}');
"""


# Version 3 -> 4: the action an intent intends.
_MIGRATE_4 = """
ALTER TABLE events ADD COLUMN intended_cameo TEXT;
"""

# Version 4 -> 5: the issues of an event's sentence (PETRARCH's issue lists).
_MIGRATE_5 = """
ALTER TABLE events ADD COLUMN issues TEXT;
"""

# Version 5 -> 6: the news feeds followed and the items taken from them.
_MIGRATE_6 = """
CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    title         TEXT,
    checked_at    TEXT
);
CREATE TABLE feed_items (
    feed_url   TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
    item_key   TEXT NOT NULL,
    link       TEXT,
    article_id TEXT,
    seen_at    TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_key)
);
"""


def _prepare_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Create the schema in a new database; check or migrate the version of an existing one."""
    tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            _run_script(conn, _SCHEMA)
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '1')"
            )
        tables = {"meta"}
    if "meta" not in tables:
        raise StoreError(
            f"{path}: not an irinsider database (no meta table); choose another --db path"
        )
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        version = int(row[0])
    except (TypeError, ValueError):
        raise StoreError(
            f"{path}: not an irinsider database (no schema_version in meta)"
        ) from None
    if version == 1:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            # another process may have migrated it while we waited for the lock
            again = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'")
            if again.fetchone()[0] == "1":
                _run_script(conn, _MIGRATE_2)
                conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
        version = 2
    if version == 2:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            again = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'")
            if again.fetchone()[0] == "2":
                _run_script(conn, _MIGRATE_3_WHEN_WHERE)
                _run_script(conn, _MIGRATE_3)
                _Grouper(conn, DEFAULT_WINDOW).rebuild()
                conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
        version = 3
    if version == 3:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            again = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'")
            if again.fetchone()[0] == "3":
                _run_script(conn, _MIGRATE_4)
                conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
        version = 4
    if version == 4:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            again = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'")
            if again.fetchone()[0] == "4":
                _run_script(conn, _MIGRATE_5)
                conn.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
        version = 5
    if version == 5:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            again = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'")
            if again.fetchone()[0] == "5":
                _run_script(conn, _MIGRATE_6)
                conn.execute("UPDATE meta SET value = '6' WHERE key = 'schema_version'")
        version = 6
    if version == 6:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            again = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'")
            if again.fetchone()[0] == "6":
                _run_script(conn, _MIGRATE_7)
                conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
        version = 7
    if version == 7:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            again = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'")
            if again.fetchone()[0] == "7":
                _run_script(conn, _MIGRATE_8)
                conn.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
        version = 8
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path}: database schema version {version} is older than this irinsider's "
            f"{SCHEMA_VERSION}; re-ingest into a new database"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: database schema version {version} is newer than this irinsider's "
            f"{SCHEMA_VERSION}; upgrade irinsider"
        )


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run `;`-separated statements in the open transaction (triggers kept whole)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            if statement.strip():
                conn.execute(statement)
            statement = ""
    if statement.strip():
        conn.execute(statement)
