"""The SQLite store of coded articles: the only module that talks SQL.

    with Store.open("irinsider.db") as store:
        store.save(coded)                      # True if written, False if unchanged
        for event in store.events(source_country="RUS", cameo_prefix="06"):
            ...
        rows, more = store.event_page(EventFilter(party="CUB", quad=2), page=1)

One article is saved in one transaction: its row, blocks, sentences, actors,
events and the events' quantities all land, or none do. Saving an article whose
id and content (title, date and blocks) are already stored is a no-op; saving
the same id with other content replaces the old rows.

The database is in WAL mode, so a process killed at any point leaves every article
whole or absent, and readers (the web reader) never wait for a writer. Writers take
turns: each waits up to `BUSY_TIMEOUT` seconds for another's transaction to end, and
only then fails, with a `StoreBusyError` that says so.

Schema (version 2, kept in ``meta``; a version 1 database is migrated when opened):

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

import calendar
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from ..dedup import DEFAULT_WINDOW, EventGroup, Mention, outlet, window_end
from ..errors import StoreBusyError, StoreError
from ..model import ActorMention, Article, Block, CodedArticle, Event, Quantity, Sentence

__all__ = [
    "BUSY_TIMEOUT",
    "CORRECTABLE_COLUMNS",
    "SCHEMA_VERSION",
    "EventFilter",
    "Store",
    "content_hash",
    "default_db_path",
    "event_key",
    "party_of",
]

SCHEMA_VERSION = 3
_BATCH = 500  # events read per query when iterating
COUNT_CAP = 10_000  # filtered counts stop here ("10,000+")
COUNT_BUDGET_MS = 30.0  # ... or after this long ("many")
BUSY_TIMEOUT = 30.0  # seconds a connection waits for another's write transaction to end

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
_WHEN_WHERE_COLUMNS = ("date_precision", "date_text", "place", "place_name", "place_country",
                       "place_kind", "place_lat", "place_lon")
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

_EVENT_COLUMNS = (
    "article_id", "sentence", "source", "target", "source_country", "target_country",
    "cameo", "root", "plover", "plover_mode", "goldstein", "quad_class", "date", "evidence",
    "source_start", "source_end", "target_start", "target_end", "trigger_start",
    "trigger_end", "trigger", "negated", "modality", "confidence", "rule", "source_name",
    "target_name", "caption", *_WHEN_WHERE_COLUMNS,
)
_INSERT_COLUMNS = (*_EVENT_COLUMNS, "source_party", "target_party", "usd")
_INSERT_EVENT = (
    f"INSERT INTO events ({', '.join(_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)})"
)
_SELECT_EVENT = (
    f"SELECT e.id, {', '.join('e.' + c for c in _EVENT_COLUMNS)} "
    "FROM events e JOIN articles a ON a.id = e.article_id"
)
_ROW_COLUMNS = ("id", *_EVENT_COLUMNS, "source_party", "target_party", "usd", "wrong",
                "group_id")
_SELECT_ROW = (
    f"SELECT {', '.join('e.' + c for c in _ROW_COLUMNS)}, a.title AS article_title, "
    "a.date AS article_date"
)
_ARTICLE_COLUMNS = (
    "id", "title", "byline", "date", "url", "source_path", "format", "content_hash",
    "ingested_at",
)
_ARTICLE_ROW_COLUMNS = (*_ARTICLE_COLUMNS, "published_at", "published_by", "analysed_hash")
_KEY_SQL = (
    "(e.trigger_start || '-' || e.trigger_end || '/' || e.source_start || '-' || "
    "e.source_end || '/' || coalesce(e.target_start || '-' || e.target_end, '-'))"
)

#: Event columns a correction may set.
CORRECTABLE_COLUMNS = frozenset({
    "source", "target", "source_country", "target_country", "source_party", "target_party",
    "source_name", "target_name", "cameo", "root", "plover", "plover_mode", "goldstein",
    "quad_class", "wrong",
})


def default_db_path() -> Path:
    """The database to use: ``$IRINSIDER_DB`` if set, else ``./irinsider.db``."""
    return Path(os.environ.get("IRINSIDER_DB") or "irinsider.db")


def content_hash(article: Article) -> str:
    """SHA-256 of what an article says: its title, date and blocks (hex)."""
    payload = json.dumps(
        [
            article.title,
            article.date.isoformat() if article.date else None,
            [[b.kind, b.text, b.credit] for b in article.blocks],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def party_of(code: str | None, country: str | None) -> str | None:
    """The party of an event side: its ISO country, else an organisation's code, else None."""
    if country:
        return country
    if code and code[:3] in ("IGO", "NGO"):
        return code
    return None


def event_key(event: Event) -> str:
    """Where an event's words lie in its sentence: what finds it again after re-coding."""
    target = f"{event.target_span[0]}-{event.target_span[1]}" if event.target_span else "-"
    return (f"{event.trigger_span[0]}-{event.trigger_span[1]}/"
            f"{event.source_span[0]}-{event.source_span[1]}/{target}")


def _usd(event: Event) -> float | None:
    values = [q.value for q in event.quantities
              if q.kind in ("money", "range") and q.unit == "USD"]
    return sum(values) if values else None


def _iso(value: date | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def fts_query(text: str | None) -> str | None:
    """A safe FTS5 query for what a user typed: every word must appear, the last as a prefix."""
    words = re.findall(r"\w+", text or "")
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass(frozen=True)
class EventFilter:
    """Which events a query selects; every field that is set narrows the selection.

    `party` selects events with that party on either side; with `partner` too, only the
    events between the two. `actor` is an actor code on either side. `code` is a CAMEO
    prefix ("07" or "0711"). `q` are words that must appear in the evidence sentence.
    Negated events and events a reader marked wrong are left out unless asked for.
    """

    party: str | None = None
    partner: str | None = None
    actor: str | None = None
    article_id: str | None = None
    entity: str | None = None
    since: str | None = None
    until: str | None = None
    code: str | None = None
    quad: int | None = None
    min_confidence: float | None = None
    q: str | None = None
    include_negated: bool = False
    include_wrong: bool = False
    directed: bool = False  # with `party`: only events whose source is the party

    @property
    def aggregatable(self) -> bool:
        """Whether the month tables can answer counts for this filter."""
        return (self.code is None and self.min_confidence is None and fts_query(self.q) is None
                and self.actor is None and self.article_id is None and self.entity is None
                and not self.include_negated and not self.include_wrong and not self.directed)

    def _branches(self) -> list[tuple[str, list[Any]]]:
        """Disjoint WHERE clauses, each answerable by one index in date order."""
        sides: list[tuple[str, list[Any]]]
        if self.party and self.partner:
            sides = [("e.source_party = ? AND e.target_party = ?", [self.party, self.partner])]
            if self.partner != self.party and not self.directed:
                sides.append(("e.source_party = ? AND e.target_party = ?",
                              [self.partner, self.party]))
        elif self.party:
            sides = [("e.source_party = ?", [self.party])]
            if not self.directed:
                sides.append(("e.target_party = ? AND e.source_party IS NOT ?",
                              [self.party, self.party]))
        else:
            sides = [("1", [])]
        if self.actor:
            sides = [
                (f"{sql} AND (e.source = ? OR e.target = ?)", [*params, self.actor, self.actor])
                for sql, params in sides
            ]
        return sides

    def _where(self) -> tuple[str, list[Any]]:
        """The conditions shared by every branch."""
        where: list[str] = []
        params: list[Any] = []
        if self.article_id is not None:
            where.append("e.article_id = ?")
            params.append(self.article_id)
        if self.entity is not None:
            where.append(
                "e.id IN (SELECT x.id FROM entity_mentions m JOIN events x ON "
                "x.article_id = m.article_id AND x.sentence = m.sentence WHERE m.entity_id = ?)"
            )
            params.append(self.entity)
        if self.since:
            where.append("e.date >= ?")
            params.append(self.since)
        if self.until:
            where.append("e.date <= ?")
            params.append(self.until)
        if self.code:
            where.append("e.root = ?")
            params.append(self.code[:2])
            if len(self.code) > 2:
                where.append("e.cameo >= ? AND e.cameo < ?")
                params += [self.code, self.code[:-1] + chr(ord(self.code[-1]) + 1)]
        if self.quad is not None:
            where.append("e.quad_class = ?")
            params.append(self.quad)
        if self.min_confidence is not None:
            where.append("e.confidence >= ?")
            params.append(self.min_confidence)
        if not self.include_negated:
            where.append("e.negated = 0")
        if not self.include_wrong:
            where.append("e.wrong = 0")
        return " AND ".join(where) or "1", params


def _month_plan(since: str | None, until: str | None
                ) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    """Split a date range into whole months (first, last) and the partial days around them."""
    raw: list[tuple[str, str]] = []
    first = last = None
    if since:
        start = date.fromisoformat(since)
        if start.day == 1:
            first = since[:7]
        else:
            month_end = date(start.year, start.month,
                             calendar.monthrange(start.year, start.month)[1]).isoformat()
            raw.append((since, min(month_end, until) if until else month_end))
            first = _next_month(since[:7])
    if until:
        end = date.fromisoformat(until)
        if end.day == calendar.monthrange(end.year, end.month)[1]:
            last = until[:7]
        else:
            month_start = until[:8] + "01"
            last = _previous_month(until[:7])
            if not raw or raw[0][0][:7] != until[:7]:
                raw.append((max(month_start, since) if since else month_start, until))
    if first and last and first > last:
        first, last = "9999-99", "0000-00"  # no whole month: the partial days say it all
    return first, last, raw


def _next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


def _previous_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year - (mon == 1):04d}-{(mon - 2) % 12 + 1:02d}"


# ---------------------------------------------------------------------- event groups

_GROUP_KEY_SQL = "source = ? AND cameo = ? AND target = ? AND negated = ?"
_MENTION_COLUMNS = (
    "e.id, e.article_id, e.date, e.group_id, a.url, a.byline, a.source_path, a.ingested_at, "
    "e.source_party, e.target_party, e.root, e.quad_class, e.goldstein, e.usd"
)
_MENTION_FROM = " FROM events e JOIN articles a ON a.id = e.article_id "
_MENTION_SQL = f"SELECT {_MENTION_COLUMNS}{_MENTION_FROM}"
_MENTION_KEY_SQL = ("e.source = ? AND e.cameo = ? AND e.target IS ? AND e.negated = ? "
                    "AND e.wrong = 0")
_GROUP_COLUMNS = (
    "source", "target", "cameo", "negated", "scope", "first_date", "last_date", "first_seen",
    "last_seen", "num_mentions", "num_articles", "num_sources", "event_id", "source_party",
    "target_party", "root", "quad_class", "goldstein", "usd",
)
#: (source, target or "", cameo, negated 0/1)
_Key = tuple[str, str, str, int]


class _Grouper:
    """Keeps `event_groups` and `events.group_id` in step with the events (see dedup.py).

    Works inside the caller's transaction. After a change, only the groups of the keys
    touched are computed again, from the last group that opened on or before the earliest
    date touched, and only until the cut reaches a group that opened after the latest date
    touched and was already there: from that group on, nothing changed.
    """

    def __init__(self, conn: sqlite3.Connection, window: int) -> None:
        self.conn = conn
        self.window = window

    def touched(self, where: str, params: Sequence[Any]) -> set[tuple[Any, ...]]:
        """(source, target, cameo, negated, date, article id) of the events `where` selects."""
        return set(self.conn.execute(
            "SELECT DISTINCT e.source, coalesce(e.target, ''), e.cameo, e.negated, e.date, "
            f"e.article_id FROM events e WHERE {where}",
            params,
        ))

    def update(self, touched: Iterable[tuple[Any, ...]]) -> None:
        """Compute the groups of the touched keys again."""
        dated: dict[_Key, list[str]] = {}
        undated: set[tuple[_Key, str]] = set()
        for source, target, cameo, negated, day, article_id in touched:
            k = (source, target, cameo, int(negated))
            if day:
                dated.setdefault(k, []).append(day)
            else:
                undated.add((k, article_id))
        for k, days in sorted(dated.items()):
            self._dated(k, min(days), max(days))
        for k, article_id in sorted(undated):
            self._undated(k, article_id)

    def rebuild(self) -> None:
        """Compute every group from scratch (a new window, or a migrated database)."""
        conn = self.conn
        conn.execute("DELETE FROM event_groups")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS group_of (event_id INTEGER PRIMARY KEY, "
                     "group_id INTEGER NOT NULL)")
        conn.execute("DELETE FROM temp.group_of")
        cursor = conn.execute(
            f"SELECT {_MENTION_COLUMNS}, e.source, coalesce(e.target, ''), e.cameo, e.negated"
            f"{_MENTION_FROM}WHERE e.wrong = 0 ORDER BY e.source, e.cameo, "
            "coalesce(e.target, ''), e.negated, e.date IS NULL, e.date, e.article_id, e.id"
        )
        members: list[tuple[Any, ...]] = []
        current: tuple[_Key, str] = (("", "", "", 0), "")
        end = ""
        while batch := cursor.fetchmany(_BATCH):
            for row in batch:
                day = row[2]
                place = ((row[14], row[15], row[16], int(row[17])), "" if day else row[1])
                if members and place == current and (place[1] or day <= end):
                    members.append(row)
                    continue
                if members:
                    self._write(members, *current, None, assign="temp.group_of")
                members, current = [row], place
                end = window_end(day, self.window) if day else ""
        if members:
            self._write(members, *current, None, assign="temp.group_of")
        conn.execute("UPDATE events SET group_id = (SELECT g.group_id FROM temp.group_of g "
                     "WHERE g.event_id = events.id)")
        conn.execute("DROP TABLE temp.group_of")

    # ---------------------------------------------------------------- one key

    def _dated(self, k: _Key, first: str, last: str) -> None:
        """Cut the dated mentions of `k` again around the dates `first`..`last` touched.

        Walks the mentions and the old groups, both in date order, side by side, and stops
        at the first group opening after `last` on a day an old group opened too.
        """
        conn = self.conn
        params = (k[0], k[2], k[1], k[3])
        restart = conn.execute(
            f"SELECT max(first_date) FROM event_groups WHERE {_GROUP_KEY_SQL} AND scope = '' "
            "AND first_date <= ?",
            (*params, first),
        ).fetchone()[0] or ""
        old_rows = conn.execute(
            f"SELECT first_date, id, {', '.join(_GROUP_COLUMNS)} FROM event_groups "
            f"WHERE {_GROUP_KEY_SQL} AND scope = '' AND first_date >= ? ORDER BY first_date",
            (*params, restart),
        )
        mentions = conn.execute(
            f"{_MENTION_SQL} WHERE {_MENTION_KEY_SQL} AND e.date >= ? "
            "ORDER BY e.date, e.article_id, e.id",
            (k[0], k[2], k[1] or None, k[3], restart),
        )
        old: dict[str, tuple[Any, ...]] = {}
        upcoming = next(old_rows, None)
        groups: list[list[tuple[Any, ...]]] = []
        stop: str | None = None
        end = ""
        for row in mentions:
            day = row[2]
            if groups and day <= end:
                groups[-1].append(row)
                continue
            while upcoming is not None and upcoming[0] <= day:
                old[upcoming[0]] = upcoming[1:]
                upcoming = next(old_rows, None)
            if day > last and day in old:  # the same cut from here on
                stop = day
                break
            groups.append([row])
            end = window_end(day, self.window)
        if stop is None:  # every old group left opened after the last mention
            while upcoming is not None:
                old[upcoming[0]] = upcoming[1:]
                upcoming = next(old_rows, None)
        mentions.close()
        old_rows.close()
        for members in groups:
            self._write(members, k, "", old.pop(members[0][2], None))
        for anchor, row in old.items():
            if stop is None or anchor < stop:
                conn.execute("DELETE FROM event_groups WHERE id = ?", (row[0],))

    def _undated(self, k: _Key, article_id: str) -> None:
        conn = self.conn
        members = conn.execute(
            f"{_MENTION_SQL} WHERE {_MENTION_KEY_SQL} AND e.date IS NULL AND e.article_id = ? "
            "ORDER BY e.id",
            (k[0], k[2], k[1] or None, k[3], article_id),
        ).fetchall()
        old = conn.execute(
            f"SELECT id, {', '.join(_GROUP_COLUMNS)} FROM event_groups "
            f"WHERE {_GROUP_KEY_SQL} AND scope = ? ORDER BY id",
            (k[0], k[2], k[1], k[3], article_id),
        ).fetchall()
        if members:
            self._write(members, k, article_id, old.pop(0) if old else None)
        for row in old:
            conn.execute("DELETE FROM event_groups WHERE id = ?", (row[0],))

    def _write(self, members: list[tuple[Any, ...]], k: _Key, scope: str,
               old: tuple[Any, ...] | None, assign: str = "") -> int:
        """Store one group of mention rows (`_MENTION_SQL`) over the `old` one (its id and
        `_GROUP_COLUMNS`), if any; point its events at it."""
        first = members[0]
        days = [m[2] for m in members if m[2]]
        seen = [m[7] for m in members]
        amounts = [m[13] for m in members if m[13] is not None]
        values = (
            k[0], k[1], k[2], k[3], scope, min(days) if days else None,
            max(days) if days else None, min(seen), max(seen), len(members),
            len({m[1] for m in members}), len({outlet(m[4], m[5], m[6], m[1]) for m in members}),
            first[0], first[8], first[9], first[10], first[11], first[12],
            max(amounts) if amounts else None,
        )
        if old is None:
            cursor = self.conn.execute(
                f"INSERT INTO event_groups ({', '.join(_GROUP_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in _GROUP_COLUMNS)})",
                values,
            )
            group_id = int(cursor.lastrowid or 0)
        else:
            group_id = old[0]
            if tuple(old[1:]) != values:
                self.conn.execute(
                    f"UPDATE event_groups SET {', '.join(c + ' = ?' for c in _GROUP_COLUMNS)} "
                    "WHERE id = ?",
                    (*values, group_id),
                )
        if assign:
            self.conn.executemany(f"INSERT INTO {assign} (event_id, group_id) VALUES (?, ?)",
                                  [(m[0], group_id) for m in members])
        else:
            moved = [(group_id, m[0]) for m in members if m[3] != group_id]
            if moved:
                self.conn.executemany("UPDATE events SET group_id = ? WHERE id = ?", moved)
        return group_id


class Store:
    """A connection to one irinsider database. Open it with `Store.open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path,
                 timeout: float | None = None) -> None:
        self._conn = conn
        self.path = path
        self.timeout = BUSY_TIMEOUT if timeout is None else timeout

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, path: str | Path, *, check_same_thread: bool = True,
             timeout: float | None = None) -> Store:
        """Open (creating if needed) the database at `path`, migrating an older schema.

        A write waits up to `timeout` seconds (default `BUSY_TIMEOUT`) for another
        connection's write to end.
        """
        path = Path(path)
        timeout = BUSY_TIMEOUT if timeout is None else timeout
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=timeout,
                                   check_same_thread=check_same_thread)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open database ({exc}); check the path") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{path}: cannot switch the database to WAL mode (got {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; commits stay cheap
            conn.execute("PRAGMA cache_size = -32768")  # 32 MiB of pages per connection
            conn.execute("PRAGMA mmap_size = 268435456")  # read up to 256 MiB by mmap
            _prepare_schema(conn, path)
        except sqlite3.Error as exc:
            conn.close()
            if _is_busy(exc):
                raise _error(path, "open database", exc, timeout) from exc
            raise StoreError(
                f"{path}: cannot open database ({exc}); is it an irinsider database?"
            ) from exc
        except StoreError:
            conn.close()
            raise
        return cls(conn, path, timeout)

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # ------------------------------------------------------------------ writing

    def save(self, coded: CodedArticle, *, force: bool = False) -> bool:
        """Store one coded article in one transaction; False if it was already stored.

        An article with the same id and content hash is left alone unless
        `force` is set (to store it again, e.g. after re-coding). The same id
        with other content replaces every row of the old article; its publication
        and the readers' corrections are kept, and the corrections applied again.
        """
        try:
            if self._conn.in_transaction:  # inside bulk()
                return self._save(coded, force)
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                return self._save(coded, force)
        except sqlite3.Error as exc:
            raise self._error(f"save article {coded.article.id!r}", exc,
                              "; nothing was written") from exc

    def save_many(self, items: Iterable[CodedArticle], *, force: bool = False) -> int:
        """Store many coded articles in one transaction; return how many were written."""
        written = 0
        with self.bulk():
            for coded in items:
                written += self.save(coded, force=force)
        return written

    @contextmanager
    def bulk(self) -> Iterator[Store]:
        """One transaction around many writes (`save`, `save_entities`): all land or none."""
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                yield self
        except sqlite3.Error as exc:
            raise self._error("write", exc, "; nothing was written") from exc

    def _save(self, coded: CodedArticle, force: bool) -> bool:
        article = coded.article
        digest = content_hash(article)
        conn = self._conn
        row = conn.execute(
            "SELECT content_hash, published_at, published_by FROM articles WHERE id = ?",
            (article.id,),
        ).fetchone()
        published: tuple[str | None, str | None] = (None, None)
        grouper = self._grouper()
        touched: set[tuple[Any, ...]] = set()
        if row is not None:
            if row[0] == digest and not force:
                return False
            published = (row[1], row[2])
            touched = grouper.touched("e.article_id = ?", (article.id,))
            conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
        self._insert_article(article, digest)
        if published[0] is not None:
            conn.execute("UPDATE articles SET published_at = ?, published_by = ? WHERE id = ?",
                         (*published, article.id))
        self._insert_sentences(article.id, coded)
        self._insert_events(article.id, coded.events)
        self._apply_corrections(article.id)
        grouper.update(touched | grouper.touched("e.article_id = ?", (article.id,)))
        return True

    def _grouper(self) -> _Grouper:
        return _Grouper(self._conn, self._group_window())

    def _group_window(self) -> int:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'group_window'").fetchone()
        try:
            return int(row[0])
        except (TypeError, ValueError):
            return DEFAULT_WINDOW

    def group_window(self) -> int:
        """Days apart two mentions of one event may be (see `dedup`)."""
        try:
            return self._group_window()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read the database ({exc})") from exc

    def set_group_window(self, days: int) -> bool:
        """Group mentions `days` apart at most from now on, regrouping every stored event in
        one transaction; False if that was the window already."""
        if days < 0:
            raise StoreError(f"the grouping window must be 0 days or more, not {days}")
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                if self._group_window() == days:
                    return False
                self._conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('group_window', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(days),),
                )
                _Grouper(self._conn, days).rebuild()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot regroup the events ({exc}); nothing was "
                             "changed") from exc
        return True

    def regroup(self) -> None:
        """Compute every event group again from the stored events, in one transaction."""
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._grouper().rebuild()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot regroup the events ({exc})") from exc

    def delete_article(self, article_id: str) -> bool:
        """Remove an article with its events, corrections and images, in one transaction,
        and regroup what it reported; False if there was no such article."""
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                grouper = self._grouper()
                touched = grouper.touched("e.article_id = ?", (article_id,))
                cursor = self._conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                if cursor.rowcount == 0:
                    return False
                self._conn.execute("DELETE FROM corrections WHERE article_id = ?", (article_id,))
                self._conn.execute("DELETE FROM images WHERE owner = ?", (article_id,))
                grouper.update(touched)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot delete article {article_id!r} ({exc}); "
                             "nothing was changed") from exc
        return True

    def _insert_article(self, article: Article, digest: str) -> None:
        self._conn.execute(
            f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id, article.title, article.byline, _iso(article.date), article.url,
                article.source_path, article.format, digest, _now(),
            ),
        )
        self._conn.executemany(
            "INSERT INTO blocks (article_id, idx, kind, text, credit) VALUES (?, ?, ?, ?, ?)",
            [(article.id, i, b.kind, b.text, b.credit) for i, b in enumerate(article.blocks)],
        )

    def _insert_sentences(self, article_id: str, coded: CodedArticle) -> None:
        self._conn.executemany(
            "INSERT INTO sentences (article_id, idx, block, kind, start, text) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(article_id, s.index, s.block, s.kind, s.start, s.text) for s in coded.sentences],
        )
        self._conn.executemany(
            'INSERT INTO actors (article_id, sentence, start, "end", text, code, country, '
            "sector, kind, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (article_id, i, a.start, a.end, a.text, a.code, a.country, a.sector, a.kind,
                 a.name)
                for i, mentions in enumerate(coded.actors)
                for a in mentions
            ],
        )

    def _insert_events(self, article_id: str, events: tuple[Event, ...]) -> None:
        for e in events:
            target = e.target_span or (None, None)
            cursor = self._conn.execute(
                _INSERT_EVENT,
                (
                    article_id, e.sentence, e.source, e.target, e.source_country,
                    e.target_country, e.cameo, e.root, e.plover, e.plover_mode, e.goldstein,
                    e.quad_class, e.date, e.evidence, e.source_span[0], e.source_span[1],
                    target[0], target[1], e.trigger_span[0], e.trigger_span[1], e.trigger,
                    int(e.negated), e.modality, e.confidence, e.rule, e.source_name,
                    e.target_name, int(e.caption), e.date_precision, e.date_text, e.place,
                    e.place_name, e.place_country, e.place_kind, e.place_lat, e.place_lon,
                    party_of(e.source, e.source_country), party_of(e.target, e.target_country),
                    _usd(e),
                ),
            )
            if e.quantities:
                self._conn.executemany(
                    'INSERT INTO quantities (event_id, kind, value, value_max, unit, text, '
                    'start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                    [
                        (cursor.lastrowid, q.kind, q.value, q.value_max, q.unit, q.text,
                         q.start, q.end)
                        for q in e.quantities
                    ],
                )

    # ------------------------------------------------------------------ publishing

    def publish(self, coded: CodedArticle, *, author: str, draft_id: str | None = None,
                ) -> None:
        """Store `coded` (again, if stored) as published by `author`, in one transaction.

        With `draft_id`, the draft's images move to the article and the draft is removed.
        """
        article_id = coded.article.id
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._save(coded, force=True)
                self._conn.execute(
                    "UPDATE articles SET published_at = coalesce(published_at, ?), "
                    "published_by = coalesce(published_by, ?) WHERE id = ?",
                    (_now(), author, article_id),
                )
                if draft_id is not None:
                    owner = f"draft:{draft_id}"
                    moved = self._conn.execute(
                        "SELECT count(*) FROM images WHERE owner = ?", (owner,)).fetchone()[0]
                    if moved:
                        self._conn.execute("DELETE FROM images WHERE owner = ?", (article_id,))
                        self._conn.execute("UPDATE images SET owner = ? WHERE owner = ?",
                                           (article_id, owner))
                    self._conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
        except sqlite3.Error as exc:
            raise self._error(f"publish article {article_id!r}", exc) from exc

    def mark_published(self, article_id: str, *, author: str) -> bool:
        """Mark a stored article published (once); False if there is no such article."""
        cursor = self._execute(
            "UPDATE articles SET published_at = coalesce(published_at, ?), "
            "published_by = coalesce(published_by, ?) WHERE id = ?",
            (_now(), author, article_id),
        )
        return cursor.rowcount > 0

    def published(self, limit: int = 50) -> list[dict[str, Any]]:
        """The most recently published articles, newest first, with their first paragraph."""
        rows = self._query(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_ROW_COLUMNS)}, "
            "(SELECT text FROM blocks b WHERE b.article_id = a.id AND b.kind = 'body' "
            " ORDER BY idx LIMIT 1) AS lead "
            "FROM articles a WHERE a.published_at IS NOT NULL "
            "ORDER BY a.published_at DESC, a.id LIMIT ?",
            (limit,),
        )
        return [dict(zip((*_ARTICLE_ROW_COLUMNS, "lead"), r, strict=True)) for r in rows]

    def save_draft(self, draft_id: str, *, author: str | None, source: str, fmt: str,
                   article: dict[str, Any],
                   images: Sequence[tuple[int, str | None, str, bytes]] = ()) -> None:
        """Keep an article being previewed (as JSON) with its images (block, name, mime, data)."""
        owner = f"draft:{draft_id}"
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.execute(
                    "INSERT OR REPLACE INTO drafts (id, created_at, author, source, format, "
                    "article) VALUES (?, ?, ?, ?, ?, ?)",
                    (draft_id, _now(), author, source, fmt,
                     json.dumps(article, ensure_ascii=False)),
                )
                self._conn.execute("DELETE FROM images WHERE owner = ?", (owner,))
                self._conn.executemany(
                    "INSERT INTO images (owner, block, filename, mime, data) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [(owner, block, name, mime, data) for block, name, mime, data in images],
                )
        except sqlite3.Error as exc:
            raise self._error("save the draft", exc) from exc

    def draft(self, draft_id: str) -> dict[str, Any] | None:
        """A draft: id, created_at, author, source, format and article (a dict)."""
        rows = self._query(
            "SELECT id, created_at, author, source, format, article FROM drafts WHERE id = ?",
            (draft_id,),
        )
        if not rows:
            return None
        keys = ("id", "created_at", "author", "source", "format", "article")
        out = dict(zip(keys, rows[0], strict=True))
        out["article"] = json.loads(out["article"])
        return out

    def delete_old_drafts(self, before: str) -> int:
        """Remove drafts created before the ISO time `before`, with their images."""
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                ids = [r[0] for r in self._conn.execute(
                    "SELECT id FROM drafts WHERE created_at < ?", (before,))]
                for draft_id in ids:
                    self._conn.execute("DELETE FROM images WHERE owner = ?",
                                       (f"draft:{draft_id}",))
                    self._conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
        except sqlite3.Error as exc:
            raise self._error("remove old drafts", exc) from exc
        return len(ids)

    def image(self, owner: str, block: int) -> tuple[str, bytes] | None:
        """(mime type, bytes) of the image of caption `block` of an article or draft."""
        rows = self._query("SELECT mime, data FROM images WHERE owner = ? AND block = ?",
                           (owner, block))
        return (rows[0][0], bytes(rows[0][1])) if rows else None

    def image_blocks(self, owner: str) -> dict[int, str | None]:
        """The caption blocks of an article or draft that have an image: {block: filename}."""
        return dict(self._query("SELECT block, filename FROM images WHERE owner = ?", (owner,)))

    # ------------------------------------------------------------------ corrections

    def add_correction(self, event_id: int, *, field: str, old: str | None, new: str | None,
                       changes: dict[str, Any], reason: str, author: str) -> int:
        """Record a reader's correction of one event and apply it; return its id.

        `changes` are the event columns to set (see `CORRECTABLE_COLUMNS`). The
        correction is kept by where its event's words lie, so it is applied again
        when the article is re-coded.
        """
        bad = set(changes) - CORRECTABLE_COLUMNS
        if bad:
            raise StoreError(f"a correction cannot set {', '.join(sorted(bad))}")
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                row = self._conn.execute(
                    f"SELECT e.article_id, e.sentence, e.evidence, {_KEY_SQL} "
                    "FROM events e WHERE e.id = ?",
                    (event_id,),
                ).fetchone()
                if row is None:
                    raise StoreError(f"no event {event_id}; it may have been re-coded")
                cursor = self._conn.execute(
                    "INSERT INTO corrections (article_id, sentence, evidence, event_key, field, "
                    "old, new, changes, reason, author, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*row, field, old, new, json.dumps(changes, ensure_ascii=False), reason,
                     author, _now()),
                )
                grouper = self._grouper()
                touched = grouper.touched("e.id = ?", (event_id,))
                self._set_event(event_id, changes)
                self._conn.execute("UPDATE events SET group_id = NULL WHERE id = ? AND wrong != 0",
                                   (event_id,))
                grouper.update(touched | grouper.touched("e.id = ?", (event_id,)))
        except sqlite3.Error as exc:
            raise self._error("save the correction", exc) from exc
        return int(cursor.lastrowid or 0)

    def _set_event(self, event_id: int, changes: dict[str, Any]) -> None:
        columns = sorted(set(changes) & CORRECTABLE_COLUMNS)
        if columns:
            self._conn.execute(
                f"UPDATE events SET {', '.join(c + ' = ?' for c in columns)} WHERE id = ?",
                [*(changes[c] for c in columns), event_id],
            )

    def _apply_corrections(self, article_id: str) -> None:
        rows = self._conn.execute(
            f"SELECT c.changes, (SELECT e.id FROM events e WHERE e.article_id = c.article_id "
            f"AND e.sentence = c.sentence AND e.evidence = c.evidence AND {_KEY_SQL} = "
            "c.event_key ORDER BY e.id LIMIT 1) FROM corrections c WHERE c.article_id = ? "
            "ORDER BY c.id",
            (article_id,),
        ).fetchall()
        for changes, event_id in rows:
            if event_id is not None:
                self._set_event(event_id, json.loads(changes))

    def corrections(self, *, article_id: str | None = None, page: int = 1,
                    per_page: int = 50) -> tuple[list[dict[str, Any]], bool]:
        """Corrections, newest first, each with the id of the event it now applies to
        (None when re-coding left no event there); and whether there are more."""
        where, params = ("c.article_id = ?", [article_id]) if article_id else ("1", [])
        rows = self._query(
            "SELECT c.id, c.article_id, c.sentence, c.evidence, c.event_key, c.field, c.old, "
            "c.new, c.reason, c.author, c.created_at, "
            f"(SELECT e.id FROM events e WHERE e.article_id = c.article_id AND e.sentence = "
            f"c.sentence AND e.evidence = c.evidence AND {_KEY_SQL} = c.event_key "
            "ORDER BY e.id LIMIT 1), a.title "
            f"FROM corrections c LEFT JOIN articles a ON a.id = c.article_id WHERE {where} "
            "ORDER BY c.id DESC LIMIT ? OFFSET ?",
            (*params, per_page + 1, (page - 1) * per_page),
        )
        keys = ("id", "article_id", "sentence", "evidence", "event_key", "field", "old", "new",
                "reason", "author", "created_at", "event_id", "article_title")
        out = [dict(zip(keys, r, strict=True)) for r in rows]
        return out[:per_page], len(out) > per_page

    # ------------------------------------------------------------------ entities

    def articles_to_analyse(self, limit: int = 200) -> list[str]:
        """Ids of articles whose entities were not found for their current content."""
        return [r[0] for r in self._query(
            "SELECT id FROM articles WHERE analysed_hash IS NOT content_hash LIMIT ?", (limit,))]

    def save_entities(self, article_id: str, digest: str,
                      entities: Sequence[tuple[str, str, str]],
                      mentions: Sequence[tuple[str, int, int, int, str]]) -> bool:
        """Replace an article's entity mentions: entities (id, kind, name) and mentions
        (entity id, sentence, start, end, text). False if the article changed meanwhile."""
        try:
            with nullcontext() if self._conn.in_transaction else self._conn:
                if not self._conn.in_transaction:
                    self._conn.execute("BEGIN IMMEDIATE")
                row = self._conn.execute("SELECT content_hash FROM articles WHERE id = ?",
                                         (article_id,)).fetchone()
                if row is None or row[0] != digest:
                    return False
                self._conn.execute("DELETE FROM entity_mentions WHERE article_id = ?",
                                   (article_id,))
                self._conn.executemany(
                    "INSERT INTO entities (id, kind, name) VALUES (?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET name = excluded.name "
                    "WHERE length(excluded.name) > length(entities.name)",
                    entities,
                )
                self._conn.executemany(
                    'INSERT INTO entity_mentions (entity_id, article_id, sentence, start, "end", '
                    "text) VALUES (?, ?, ?, ?, ?, ?)",
                    [(m[0], article_id, *m[1:]) for m in mentions],
                )
                self._conn.execute("UPDATE articles SET analysed_hash = ? WHERE id = ?",
                                   (digest, article_id))
        except sqlite3.Error as exc:
            raise self._error(f"save the entities of {article_id!r}", exc) from exc
        return True

    def entity_page(self, *, q: str | None = None, kind: str | None = None, page: int = 1,
                    per_page: int = 50) -> tuple[list[dict[str, Any]], bool]:
        """Entities with mentions, most mentioned first; and whether there are more."""
        where, params = ["1"], []
        if q:
            where.append("e.name LIKE ? ESCAPE '\\'")
            params.append("%" + re.sub(r"([%_\\])", r"\\\1", q) + "%")
        if kind:
            where.append("e.kind = ?")
            params.append(kind)
        rows = self._query(
            "SELECT e.id, e.kind, e.name, e.mentions, (SELECT count(DISTINCT m.article_id) "
            "FROM entity_mentions m WHERE m.entity_id = e.id) FROM entities e "
            f"WHERE e.mentions > 0 AND {' AND '.join(where)} "
            "ORDER BY e.mentions DESC, e.name LIMIT ? OFFSET ?",
            (*params, per_page + 1, (page - 1) * per_page),
        )
        keys = ("id", "kind", "name", "mentions", "articles")
        out = [dict(zip(keys, r, strict=True)) for r in rows]
        return out[:per_page], len(out) > per_page

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        """One entity with its counts of mentions and articles, or None if never mentioned."""
        rows = self._query(
            "SELECT e.id, e.kind, e.name, e.mentions, (SELECT count(DISTINCT m.article_id) "
            "FROM entity_mentions m WHERE m.entity_id = e.id) FROM entities e "
            "WHERE e.id = ? AND e.mentions > 0",
            (entity_id,),
        )
        if not rows:
            return None
        return dict(zip(("id", "kind", "name", "mentions", "articles"), rows[0], strict=True))

    def entity_mentions(self, *, entity_id: str | None = None, article_id: str | None = None,
                        limit: int = 100) -> list[dict[str, Any]]:
        """Mentions of an entity (newest articles first) or in an article, with the sentence."""
        where, params = (("m.entity_id = ?", [entity_id]) if entity_id
                         else ("m.article_id = ?", [article_id]))
        rows = self._query(
            'SELECT m.entity_id, ent.kind, ent.name, m.article_id, m.sentence, m.start, m."end", '
            "m.text, s.text, a.title, a.date FROM entity_mentions m "
            "JOIN entities ent ON ent.id = m.entity_id "
            "JOIN articles a ON a.id = m.article_id "
            "JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence "
            f"WHERE {where} ORDER BY a.date DESC, m.article_id, m.sentence, m.start LIMIT ?",
            (*params, limit),
        )
        keys = ("entity_id", "kind", "name", "article_id", "sentence", "start", "end", "text",
                "sentence_text", "article_title", "article_date")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # ------------------------------------------------------------------ reading

    def articles(self) -> list[dict[str, Any]]:
        """Every stored article's row, with its number of events, by date then id."""
        rows = self._query(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_COLUMNS)}, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
            "FROM articles a ORDER BY a.date IS NULL, a.date, a.id"
        )
        return [dict(zip((*_ARTICLE_COLUMNS, "events"), row, strict=True)) for row in rows]

    def article_row(self, article_id: str) -> dict[str, Any] | None:
        """One article's row (publication included) with its number of events."""
        rows = self._query(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_ROW_COLUMNS)}, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) "
            "FROM articles a WHERE a.id = ?",
            (article_id,),
        )
        if not rows:
            return None
        return dict(zip((*_ARTICLE_ROW_COLUMNS, "events"), rows[0], strict=True))

    def article_page(self, *, q: str | None = None, since: str | None = None,
                     until: str | None = None, published: bool | None = None, page: int = 1,
                     per_page: int = 20) -> tuple[list[dict[str, Any]], bool]:
        """Articles, newest first, matching every filter; and whether there are more.

        `q`: words in the title, byline or text (the 2,000 latest matching sentences
        are searched).
        """
        where: list[str] = []
        params: list[Any] = []
        match = fts_query(q)
        if match:
            where.append(
                "(a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) OR "
                "a.id IN (SELECT s.article_id FROM sentences s WHERE s.rowid IN ("
                "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT 2000)))"
            )
            params += [match, match]
        if since:
            where.append("a.date >= ?")
            params.append(since)
        if until:
            where.append("a.date <= ?")
            params.append(until)
        if published is not None:
            where.append("a.published_at IS NOT NULL" if published
                         else "a.published_at IS NULL")
        rows = self._query(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_ROW_COLUMNS)}, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) "
            f"FROM articles a WHERE {' AND '.join(where) or '1'} "
            "ORDER BY a.date DESC, a.rowid DESC LIMIT ? OFFSET ?",
            (*params, per_page + 1, (page - 1) * per_page),
        )
        out = [dict(zip((*_ARTICLE_ROW_COLUMNS, "events"), r, strict=True)) for r in rows]
        return out[:per_page], len(out) > per_page

    def article(self, article_id: str) -> CodedArticle | None:
        """The stored article `article_id` rebuilt, or None if it is not stored.

        Actors come back as one tuple per sentence (empty where none were found).
        Events a reader marked wrong are left out; corrections are applied.
        """
        row = self._query(
            "SELECT title, byline, date, url, source_path, format FROM articles WHERE id = ?",
            (article_id,),
        )
        if not row:
            return None
        title, byline, day, url, source_path, fmt = row[0]
        blocks = tuple(
            Block(text=text, kind=kind, credit=credit)
            for kind, text, credit in self._query(
                "SELECT kind, text, credit FROM blocks WHERE article_id = ? ORDER BY idx",
                (article_id,),
            )
        )
        article = Article(
            id=article_id, title=title, byline=byline,
            date=date.fromisoformat(day) if day else None, url=url, blocks=blocks,
            source_path=source_path, format=fmt,
        )
        sentences = tuple(
            Sentence(index=idx, text=text, block=block, kind=kind, start=start)
            for idx, block, kind, start, text in self._query(
                "SELECT idx, block, kind, start, text FROM sentences WHERE article_id = ? "
                "ORDER BY idx",
                (article_id,),
            )
        )
        actor_rows = self._query(
            'SELECT sentence, start, "end", text, code, country, sector, kind, name '
            "FROM actors WHERE article_id = ? ORDER BY rowid",
            (article_id,),
        )
        size = max([len(sentences), *(r[0] + 1 for r in actor_rows)])
        per_sentence: list[list[ActorMention]] = [[] for _ in range(size)]
        for sentence, start, end, text, code, country, sector, kind, name in actor_rows:
            per_sentence[sentence].append(
                ActorMention(text=text, start=start, end=end, code=code, country=country,
                             sector=sector, kind=kind, name=name)
            )
        return CodedArticle(
            article=article,
            sentences=sentences,
            actors=tuple(tuple(m) for m in per_sentence),
            events=tuple(self.events(article_id=article_id)),
        )

    def events(
        self,
        *,
        article_id: str | None = None,
        source_country: str | None = None,
        target_country: str | None = None,
        cameo_prefix: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        limit: int | None = None,
        include_wrong: bool = False,
    ) -> Iterator[Event]:
        """Stored events matching every filter given, with their quantities.

        `since` and `until` are inclusive ISO dates; events without a date are
        left out when either is given. Events come by article (article date,
        then id) and, within an article, in the order they were saved. Readers'
        corrections are applied; events they marked wrong are left out unless
        `include_wrong` is set.
        """
        where: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("article_id", article_id),
            ("source_country", source_country),
            ("target_country", target_country),
        ):
            if value is not None:
                where.append(f"e.{column} = ?")
                params.append(value)
        if cameo_prefix:
            where.append("substr(e.cameo, 1, ?) = ?")
            params += [len(cameo_prefix), cameo_prefix]
        if since is not None:
            where.append("e.date >= ?")
            params.append(_iso(since))
        if until is not None:
            where.append("e.date <= ?")
            params.append(_iso(until))
        if not include_wrong:
            where.append("e.wrong = 0")
        sql = _SELECT_EVENT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.date IS NULL, a.date, e.article_id, e.id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        try:
            cursor = self._conn.execute(sql, params)
            while batch := cursor.fetchmany(_BATCH):
                quantities = self._quantities([row[0] for row in batch])
                for row in batch:
                    yield _event(row, quantities.get(row[0], ()))
        except sqlite3.Error as exc:
            raise self._error("read events", exc) from exc

    def _quantities(self, event_ids: list[int]) -> dict[int, tuple[Quantity, ...]]:
        found: dict[int, list[Quantity]] = {}
        marks = ", ".join("?" for _ in event_ids)
        for event_id, kind, value, value_max, unit, text, start, end in self._conn.execute(
            'SELECT event_id, kind, value, value_max, unit, text, start, "end" '
            f"FROM quantities WHERE event_id IN ({marks}) ORDER BY rowid",
            event_ids,
        ):
            found.setdefault(event_id, []).append(
                Quantity(kind=kind, value=value, unit=unit, text=text, start=start, end=end,
                         value_max=value_max)
            )
        return {k: tuple(v) for k, v in found.items()}

    def mentions(self, *, include_negated: bool = False) -> Iterator[Mention]:
        """Every stored event (marked wrong ones left out) with its article's URL, title and
        byline and its group id, in the order of `events`."""
        where = "e.wrong = 0" + ("" if include_negated else " AND e.negated = 0")
        columns = 1 + len(_EVENT_COLUMNS)
        sql = (f"SELECT e.id, {', '.join('e.' + c for c in _EVENT_COLUMNS)}, a.url, a.title, "
               "a.byline, e.group_id FROM events e JOIN articles a ON a.id = e.article_id "
               f"WHERE {where} ORDER BY a.date IS NULL, a.date, e.article_id, e.id")
        for row, quantities in self._event_rows(sql, ()):
            url, title, byline, group_id = row[columns:]
            yield Mention(_event(row[:columns], quantities), url=url, title=title,
                          byline=byline, group_id=group_id)

    def groups(self, *, include_negated: bool = False) -> Iterator[EventGroup]:
        """Every event group with its earliest mention as its event, by first date."""
        where = "1" if include_negated else "g.negated = 0"
        columns = 1 + len(_EVENT_COLUMNS)
        sql = (
            f"SELECT e.id, {', '.join('e.' + c for c in _EVENT_COLUMNS)}, a.url, g.id, "
            "g.num_mentions, g.num_articles, g.num_sources, g.first_date, g.last_date, "
            "g.first_seen FROM event_groups g JOIN events e ON e.id = g.event_id "
            f"JOIN articles a ON a.id = e.article_id WHERE {where} "
            "ORDER BY g.first_date IS NULL, g.first_date, e.article_id, e.id"
        )
        for row, quantities in self._event_rows(sql, ()):
            url, group_id, mentions, articles, sources, first, last, seen = row[columns:]
            yield EventGroup(_event(row[:columns], quantities), num_mentions=mentions,
                             num_articles=articles, num_sources=sources, first_date=first,
                             last_date=last, url=url, id=group_id, first_seen=seen)

    def _event_rows(self, sql: str, params: Sequence[Any]
                    ) -> Iterator[tuple[tuple[Any, ...], tuple[Quantity, ...]]]:
        """Rows whose first column is an event id, each with that event's quantities."""
        try:
            cursor = self._conn.execute(sql, params)
            while batch := cursor.fetchmany(_BATCH):
                quantities = self._quantities([row[0] for row in batch])
                for row in batch:
                    yield row, quantities.get(row[0], ())
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read events ({exc})") from exc

    def group_counts(self) -> dict[str, int]:
        """How many event groups and grouped mentions are stored (negated ones left out)."""
        groups, mentions = self._query(
            "SELECT count(*), coalesce(sum(num_mentions), 0) FROM event_groups "
            "WHERE negated = 0")[0]
        return {"groups": groups, "mentions": mentions}

    def counts(self) -> dict[str, int]:
        """How many articles, sentences and events are stored."""
        tallies = dict(self._query("SELECT name, n FROM tallies"))
        return {table: tallies[table] for table in _TALLIED}

    # ------------------------------------------------------------------ event rows

    def event_row(self, event_id: int) -> dict[str, Any] | None:
        """One event as a dict (see `event_page`), or None."""
        rows = self._rows(
            f"{_SELECT_ROW} FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.id = ?",
            [event_id],
        )
        return rows[0] if rows else None

    def article_events(self, article_id: str) -> list[dict[str, Any]]:
        """Every event of an article as dicts, negated and wrong ones included, in order."""
        return self._rows(
            f"{_SELECT_ROW} FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.article_id = ? ORDER BY e.id",
            [article_id],
        )

    def event_page(self, f: EventFilter, *, page: int = 1, per_page: int = 20,
                   order: str = "date") -> tuple[list[dict[str, Any]], bool]:
        """One page of events matching `f`; and whether there are more.

        Events come newest first (`order="date"`), largest US dollar amount first, then
        newest (`order="usd"`, events with an amount only) or, when `f.q` is given, the
        latest stored sentences first. Each is a dict of the event's columns plus
        its id, parties, ``usd``, ``wrong``, ``quantities`` (dicts) and the
        article's title and date.
        """
        want = page * per_page + 1
        where, params = f._where()
        match = fts_query(f.q)
        if match:
            branches = f._branches()
            sides = " OR ".join(f"({sql})" for sql, _ in branches)
            rows = self._rows(
                f"{_SELECT_ROW} FROM sentences_fts JOIN sentences s ON s.rowid = "
                "sentences_fts.rowid JOIN events e ON e.article_id = s.article_id AND "
                "e.sentence = s.idx JOIN articles a ON a.id = e.article_id "
                f"WHERE sentences_fts MATCH ? AND ({sides}) AND {where} "
                "ORDER BY sentences_fts.rowid DESC LIMIT ? OFFSET ?",
                [match, *(p for _, ps in branches for p in ps), *params, per_page + 1,
                 (page - 1) * per_page],
            )
            return rows[:per_page], len(rows) > per_page
        if order == "usd":
            key_sql, usd_where = "e.usd DESC, e.date DESC, e.id DESC", " AND e.usd IS NOT NULL"
            # dates as plain filters: the amount indexes beat a date range and a sort
            where = where.replace("e.date >=", "+e.date >=").replace("e.date <=", "+e.date <=")
        else:
            key_sql, usd_where = "e.date DESC, e.id DESC", ""
        merged: list[dict[str, Any]] = []
        for sql, branch_params in f._branches():
            merged += self._rows(
                f"{_SELECT_ROW} FROM events e JOIN articles a ON a.id = e.article_id "
                f"WHERE {sql} AND {where}{usd_where} ORDER BY {key_sql} LIMIT ?",
                [*branch_params, *params, want],
            )
        if order == "usd":
            merged.sort(key=lambda r: (r["usd"], r["date"] or "", r["id"]), reverse=True)
        else:
            merged.sort(key=lambda r: (r["date"] or "", r["id"]), reverse=True)
        rows = merged[(page - 1) * per_page: want]
        return rows[:per_page], len(rows) > per_page

    def event_count(self, f: EventFilter) -> tuple[int | None, bool]:
        """How many events match `f`, and whether that is exact.

        Counts the month tables can answer are exact. Others stop at `COUNT_CAP`
        (``(COUNT_CAP, False)``: at least that many) or after `COUNT_BUDGET_MS`
        milliseconds (``(None, False)``: many), so a page never waits on a count.
        """
        if f.aggregatable and f.party:
            return sum(r[3] for r in self.timeline(f)), True
        where, params = f._where()
        match = fts_query(f.q)
        queries: list[tuple[str, list[Any]]] = []
        if match:
            branches = f._branches()
            sides = " OR ".join(f"({sql})" for sql, _ in branches)
            queries.append((
                "SELECT count(*) FROM (SELECT 1 FROM sentences_fts JOIN sentences s ON "
                "s.rowid = sentences_fts.rowid JOIN events e ON e.article_id = s.article_id "
                f"AND e.sentence = s.idx WHERE sentences_fts MATCH ? AND ({sides}) AND {where} "
                "LIMIT ?)",
                [match, *(p for _, ps in branches for p in ps), *params, COUNT_CAP + 1],
            ))
        else:
            for sql, branch_params in f._branches():
                queries.append((
                    f"SELECT count(*) FROM (SELECT 1 FROM events e WHERE {sql} AND {where} "
                    "LIMIT ?)",
                    [*branch_params, *params, COUNT_CAP + 1],
                ))
        deadline = time.perf_counter() + COUNT_BUDGET_MS / 1000
        self._conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 2000)
        total = 0
        try:
            for sql, query_params in queries:
                total += self._conn.execute(sql, query_params).fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                raise self._error("count events", exc) from exc
            return None, False
        finally:
            self._conn.set_progress_handler(None, 0)
        return min(total, COUNT_CAP), total <= COUNT_CAP

    def _rows(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        try:
            cursor = self._conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise self._error("read events", exc) from exc
        if rows:
            quantities = self._quantities([r["id"] for r in rows])
            for r in rows:
                r["negated"], r["caption"], r["wrong"] = (
                    bool(r["negated"]), bool(r["caption"]), bool(r["wrong"]))
                r["quantities"] = [
                    {"kind": q.kind, "value": q.value, "value_max": q.value_max,
                     "unit": q.unit, "text": q.text, "start": q.start, "end": q.end}
                    for q in quantities.get(r["id"], ())
                ]
        return rows

    def meetings(self, f: EventFilter, codes: Sequence[str], hosted: str, limit: int = 150
                 ) -> list[dict[str, Any]]:
        """Events of `f.party`'s trips, newest first: as source with one of `codes`, and as
        target of `hosted` (a visit it was hosted on). Rows as in `event_page`."""
        where, params = replace(f, party=None, partner=None, code=None)._where()
        marks = ", ".join("?" for _ in codes)
        rows = self._rows(
            f"{_SELECT_ROW} FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE e.source_party = ? AND e.root = ? AND e.cameo IN ({marks}) AND {where} "
            "ORDER BY e.date DESC, e.id DESC LIMIT ?",
            [f.party, codes[0][:2], *codes, *params, limit],
        )
        rows += self._rows(
            f"{_SELECT_ROW} FROM events e JOIN articles a ON a.id = e.article_id "
            f"WHERE e.target_party = ? AND e.root = ? AND e.cameo = ? AND {where} "
            "ORDER BY e.date DESC, e.id DESC LIMIT ?",
            [f.party, hosted[:2], hosted, *params, limit // 3],
        )
        return rows

    def sentence_actors(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int],
                                                                        list[dict[str, Any]]]:
        """Actor mentions of the given (article id, sentence) pairs, by start."""
        wanted = list(dict.fromkeys(keys))
        out: dict[tuple[str, int], list[dict[str, Any]]] = {k: [] for k in wanted}
        names = ("start", "end", "text", "code", "country", "sector", "kind", "name")
        for i in range(0, len(wanted), 400):
            chunk = wanted[i:i + 400]
            values = ", ".join("(?, ?)" for _ in chunk)
            for row in self._query(
                'SELECT a.article_id, a.sentence, a.start, a."end", a.text, a.code, a.country, '
                f"a.sector, a.kind, a.name FROM (VALUES {values}) k JOIN actors a "
                "ON a.article_id = k.column1 AND a.sentence = k.column2 ORDER BY a.start",
                [v for key in chunk for v in key],
            ):
                out[(row[0], row[1])].append(dict(zip(names, row[2:], strict=True)))
        return out

    # ------------------------------------------------------------------ aggregates

    def timeline(self, f: EventFilter, *, groups: bool = False
                 ) -> list[tuple[str, int, int, int, float, float]]:
        """Events by month: ``(month, quad_class, direction, n, goldstein sum, usd sum)``.

        Months are "YYYY-MM" ("" for undated events). Direction is 0 except for a
        pair (`f.party` and `f.partner`), where 1 marks events from the partner.
        With `groups`, `n` counts distinct events (groups of mentions, see `dedup`) by
        the month of their first mention, and the sums are over those events.
        """
        if groups:
            return self._group_rows(f, "coalesce(substr(g.first_date, 1, 7), '')", None)
        out: dict[tuple[str, int, int], list[float]] = {}

        def add(month: str, quad: int, direction: int, n: int, g: float, usd: float) -> None:
            cell = out.setdefault((month, quad, direction), [0, 0.0, 0.0])
            cell[0] += n
            cell[1] += g
            cell[2] += usd

        if f.aggregatable and f.party:
            first, last, raw = _month_plan(f.since, f.until)
            where, params = self._month_where(f, first, last)
            if not f.partner and not raw:  # one row a month and quad class already
                return [
                    (month, quad, 0, n, round(g, 6), round(usd, 2)) for month, quad, n, g, usd
                    in self._query(
                        "SELECT month, quad_class, n, goldstein, usd FROM party_months "
                        f"WHERE party = ? AND {where} ORDER BY month, quad_class",
                        (f.party, *params),
                    )
                ]
            if f.partner:
                for source, month, quad, n, g, usd in self._query(
                    "SELECT source, month, quad_class, n, goldstein, usd FROM dyad_months "
                    f"WHERE source = ? AND target = ? AND {where} UNION ALL "
                    "SELECT source, month, quad_class, n, goldstein, usd FROM dyad_months "
                    f"WHERE source = ? AND target = ? AND source != target AND {where}",
                    (f.party, f.partner, *params, f.partner, f.party, *params),
                ):
                    add(month, quad, int(source != f.party), n, g, usd)
            else:
                for month, quad, n, g, usd in self._query(
                    "SELECT month, quad_class, n, goldstein, usd FROM party_months "
                    f"WHERE party = ? AND {where}",
                    (f.party, *params),
                ):
                    add(month, quad, 0, n, g, usd)
            for since, until in raw:
                for row in self._raw_months(replace(f, since=since, until=until)):
                    add(*row)
        else:
            for row in self._raw_months(f):
                add(*row)
        return sorted(
            (m, q, d, int(v[0]), round(v[1], 6), round(v[2], 2))
            for (m, q, d), v in out.items() if v[0] > 0
        )

    @staticmethod
    def _month_where(f: EventFilter, first: str | None, last: str | None
                     ) -> tuple[str, list[Any]]:
        where: list[str] = ["n > 0"]
        params: list[Any] = []
        if f.since or f.until:
            where.append("month != ''")
        if first:
            where.append("month >= ?")
            params.append(first)
        if last:
            where.append("month <= ?")
            params.append(last)
        if f.quad is not None:
            where.append("quad_class = ?")
            params.append(f.quad)
        return " AND ".join(where), params

    def _raw_months(self, f: EventFilter) -> list[tuple[str, int, int, int, float, float]]:
        where, params = f._where()
        out: list[tuple[str, int, int, int, float, float]] = []
        for sql, branch_params in f._branches():
            direction = int(bool(f.party and f.partner and branch_params[0] != f.party))
            for month, quad, n, g, usd in self._query(
                "SELECT coalesce(substr(e.date, 1, 7), ''), e.quad_class, count(*), "
                f"sum(e.goldstein), sum(coalesce(e.usd, 0)) FROM events e WHERE {sql} AND "
                f"{where} GROUP BY 1, 2",
                (*branch_params, *params),
            ):
                out.append((month, quad, direction, n, g, usd))
        return out

    def partners(self, f: EventFilter, *, groups: bool = False
                 ) -> list[tuple[str, int, int, int, float, float]]:
        """Who `f.party` deals with: (partner, quad class, direction, n, goldstein, usd).

        Direction 0: from `f.party` to the partner; 1: from the partner to it.
        Events of a party with itself are left out. With `groups`, `n` counts distinct
        events (groups of mentions) as in `timeline`.
        """
        if not f.party:
            raise ValueError("partners() needs a party")
        if groups:
            return [
                row for direction, (mine, other) in enumerate((("source", "target"),
                                                               ("target", "source")))
                for row in self._group_rows(replace(f, partner=None, directed=False),
                                            f"g.{other}_party", (mine, other, direction))
            ]
        out: dict[tuple[str, int, int], list[float]] = {}

        def add(partner: str, quad: int, direction: int, n: int, g: float, usd: float) -> None:
            cell = out.setdefault((partner, quad, direction), [0, 0.0, 0.0])
            cell[0] += n
            cell[1] += g
            cell[2] += usd

        if f.aggregatable:
            first, last, raw = _month_plan(f.since, f.until)
            where, params = self._month_where(f, first, last)
            if f.since or f.until:
                sql = (
                    "SELECT target, quad_class, 0, sum(n), sum(goldstein), sum(usd) FROM "
                    f"dyad_months WHERE source = ? AND target != source AND {where} "
                    "GROUP BY 1, 2 UNION ALL SELECT source, quad_class, 1, sum(n), "
                    "sum(goldstein), sum(usd) FROM dyad_months WHERE target = ? AND "
                    f"target != source AND {where} GROUP BY 1, 2"
                )
            else:  # one row a partner, quad class and direction already
                return sorted(self._query(
                    "SELECT target, quad_class, 0, n, round(goldstein, 6), round(usd, 2) "
                    f"FROM dyad_quads WHERE source = ? AND target != source AND {where} "
                    "UNION ALL SELECT source, quad_class, 1, n, round(goldstein, 6), "
                    "round(usd, 2) FROM dyad_quads WHERE target = ? AND target != source AND "
                    f"{where}",
                    (f.party, *params, f.party, *params),
                ))
            for partner, quad, direction, n, g, usd in self._query(
                sql, (f.party, *params, f.party, *params),
            ):
                add(partner, quad, direction, n, g, usd)
            ranges: list[EventFilter] = [replace(f, since=s, until=u) for s, u in raw]
        else:
            ranges = [f]
        for part in ranges:
            where, params = part._where()
            for direction, (mine, other) in enumerate((("source", "target"),
                                                       ("target", "source"))):
                # the unary + keeps the planner off indexes that only avoid the sort
                for row in self._query(
                    f"SELECT +e.{other}_party, e.quad_class, count(*), sum(e.goldstein), "
                    f"sum(coalesce(e.usd, 0)) FROM events e WHERE e.{mine}_party = ? AND "
                    f"+e.{other}_party IS NOT NULL AND e.{other}_party != e.{mine}_party AND "
                    f"{where} GROUP BY 1, 2",
                    (f.party, *params),
                ):
                    add(row[0], row[1], direction, *row[2:])
        return sorted(
            (p, q, d, int(v[0]), round(v[1], 6), round(v[2], 2))
            for (p, q, d), v in out.items() if v[0] > 0
        )

    def _group_rows(self, f: EventFilter, label: str, side: tuple[str, str, int] | None
                    ) -> list[tuple[str, int, int, int, float, float]]:
        """Event groups counted by `label` (SQL over ``g``) and quad class, as rows of
        (label, quad class, direction, n, goldstein sum, usd sum).

        `side` (mine, other, direction) counts the partners of `f.party` on one side;
        without it the branches are those of `f` (a party, a pair or everything).
        """
        branches: list[tuple[str, list[Any], int]]
        if side is not None:
            mine, other, direction = side
            branches = [(f"{{a}}.{mine}_party = ? AND {{a}}.{other}_party IS NOT NULL AND "
                         f"{{a}}.{other}_party != {{a}}.{mine}_party", [f.party], direction)]
        elif f.party and f.partner:
            branches = [("{a}.source_party = ? AND {a}.target_party = ?",
                         [f.party, f.partner], 0)]
            if f.partner != f.party and not f.directed:
                branches.append(("{a}.source_party = ? AND {a}.target_party = ?",
                                 [f.partner, f.party], 1))
        elif f.party:
            branches = [("{a}.source_party = ?", [f.party], 0)]
            if not f.directed:
                branches.append(("{a}.target_party = ? AND {a}.source_party IS NOT ?",
                                 [f.party, f.party], 0))
        else:
            branches = [("1", [], 0)]
        simple = replace(f, directed=False).aggregatable
        out: dict[tuple[str, int, int], list[float]] = {}
        for sql, params, direction in branches:
            if simple:  # the group table alone can answer
                where = ["g.negated = 0"]
                values: list[Any] = [*params]
                for clause, value in (("g.first_date >= ?", f.since),
                                      ("g.first_date <= ?", f.until),
                                      ("g.quad_class = ?", f.quad)):
                    if value is not None and value != "":
                        where.append(clause)
                        values.append(value)
                query = (
                    f"SELECT {label}, g.quad_class, count(*), sum(g.goldstein), "
                    f"sum(coalesce(g.usd, 0)) FROM event_groups g WHERE "
                    f"{sql.format(a='g')} AND {' AND '.join(where)} GROUP BY 1, 2"
                )
            else:  # the groups of the events that match
                where_sql, where_params = f._where()
                actor = ""
                if f.actor:
                    actor = " AND (e.source = ? OR e.target = ?)"
                    where_params = [f.actor, f.actor, *where_params]
                values = [*params, *where_params]
                query = (
                    "SELECT label, quad, count(*), sum(goldstein), sum(usd) FROM ("
                    f"SELECT DISTINCT g.id, {label} AS label, g.quad_class AS quad, "
                    "g.goldstein AS goldstein, coalesce(g.usd, 0) AS usd FROM events e "
                    f"JOIN event_groups g ON g.id = e.group_id WHERE {sql.format(a='e')}"
                    f"{actor} AND {where_sql}) GROUP BY 1, 2"
                )
            for key, quad, n, g, usd in self._query(query, values):
                cell = out.setdefault((key, quad, direction), [0, 0.0, 0.0])
                cell[0] += n
                cell[1] += g
                cell[2] += usd
        return sorted(
            (k, q, d, int(v[0]), round(v[1], 6), round(v[2], 2))
            for (k, q, d), v in out.items() if v[0] > 0
        )

    def party_totals(self, f: EventFilter) -> list[tuple[str, int, int, float, float]]:
        """Every party with events: (party, quad class, n, goldstein sum, usd sum)."""
        out: dict[tuple[str, int], list[float]] = {}
        if f.aggregatable:
            first, last, raw = _month_plan(f.since, f.until)
            where, params = self._month_where(f, first, last)
            table = "party_months" if f.since or f.until else "party_quads"
            rows = self._query(
                f"SELECT party, quad_class, sum(n), sum(goldstein), sum(usd) FROM {table} "
                f"WHERE {where} GROUP BY 1, 2",
                params,
            )
            ranges = [replace(f, since=s, until=u) for s, u in raw]
        else:
            rows, ranges = [], [f]
        for part in ranges:
            where, params = part._where()
            rows += self._query(
                "SELECT p, quad_class, count(*), sum(goldstein), sum(coalesce(usd, 0)) FROM ("
                "SELECT e.source_party AS p, e.quad_class, e.goldstein, e.usd FROM events e "
                f"WHERE e.source_party IS NOT NULL AND {where} UNION ALL "
                "SELECT e.target_party, e.quad_class, e.goldstein, e.usd FROM events e "
                "WHERE e.target_party IS NOT NULL AND e.target_party IS NOT e.source_party AND "
                f"{where}) GROUP BY 1, 2",
                (*params, *params),
            )
        for party, quad, n, g, usd in rows:
            cell = out.setdefault((party, quad), [0, 0.0, 0.0])
            cell[0] += n
            cell[1] += g
            cell[2] += usd
        return sorted((p, q, int(v[0]), round(v[1], 6), round(v[2], 2))
                      for (p, q), v in out.items() if v[0] > 0)

    # ------------------------------------------------------------------ search

    def actor_names(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        """Actors whose name or code contains `q`, most mentioned first."""
        pattern = "%" + re.sub(r"([%_\\])", r"\\\1", q.strip()) + "%"
        rows = self._query(
            "SELECT code, name, country, kind, n FROM actor_names "
            "WHERE name LIKE ? ESCAPE '\\' OR code LIKE ? ESCAPE '\\' "
            "ORDER BY n DESC, name LIMIT ?",
            (pattern, pattern, limit),
        )
        return [dict(zip(("code", "name", "country", "kind", "mentions"), r, strict=True))
                for r in rows]

    # ------------------------------------------------------------------ helpers

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error("read the database", exc) from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._error("write the database", exc) from exc

    def _error(self, doing: str, exc: sqlite3.Error, then: str = "") -> StoreError:
        """The error to raise when `doing` failed with `exc` (see `_error`)."""
        return _error(self.path, doing, exc, self.timeout, then)


def _is_busy(exc: sqlite3.Error) -> bool:
    """Whether `exc` says that another connection held the lock we waited for."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF == sqlite3.SQLITE_BUSY
    return "database is locked" in str(exc)


def _error(path: Path, doing: str, exc: sqlite3.Error, timeout: float,
           then: str = "") -> StoreError:
    """A one-line error for a failed `doing`: `StoreBusyError` when the lock never came."""
    if _is_busy(exc):
        return StoreBusyError(
            f"{path}: cannot {doing}: another process kept the database locked for over "
            f"{timeout:g} s{then}; try again when it has finished"
        )
    return StoreError(f"{path}: cannot {doing} ({exc}){then}")


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


def _event(row: tuple[Any, ...], quantities: tuple[Quantity, ...]) -> Event:
    (
        _id, article_id, sentence, source, target, source_country, target_country, cameo,
        _root, plover, plover_mode, goldstein, quad_class, day, evidence, source_start,
        source_end, target_start, target_end, trigger_start, trigger_end, trigger, negated,
        modality, confidence, rule, source_name, target_name, caption, date_precision,
        date_text, place, place_name, place_country, place_kind, place_lat, place_lon,
    ) = row
    return Event(
        doc_id=article_id,
        sentence=sentence,
        source=source,
        target=target,
        source_country=source_country,
        target_country=target_country,
        cameo=cameo,
        plover=plover,
        plover_mode=plover_mode,
        goldstein=goldstein,
        quad_class=quad_class,
        date=day,
        evidence=evidence,
        source_span=(source_start, source_end),
        target_span=None if target_start is None else (target_start, target_end),
        trigger_span=(trigger_start, trigger_end),
        quantities=quantities,
        negated=bool(negated),
        modality=modality,
        confidence=confidence,
        rule=rule,
        source_name=source_name,
        target_name=target_name,
        trigger=trigger,
        caption=bool(caption),
        date_precision=date_precision,
        date_text=date_text,
        place=place,
        place_name=place_name,
        place_country=place_country,
        place_kind=place_kind,
        place_lat=place_lat,
        place_lon=place_lon,
    )
