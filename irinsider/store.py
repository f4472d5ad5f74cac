"""The SQLite store of coded articles: the only module that talks SQL.

    with Store.open("irinsider.db") as store:
        store.save(coded)                      # True if written, False if unchanged
        for event in store.events(source_country="RUS", cameo_prefix="06"):
            ...

One article is saved in one transaction: its row, blocks, sentences, actors,
events and the events' quantities all land, or none do. Saving an article whose
id and content (title, date and blocks) are already stored is a no-op; saving
the same id with other content replaces the old rows.

Schema (version 1, kept in ``meta``):

    meta(key PK, value)
    articles(id PK, title, byline, date, url, source_path, format, content_hash, ingested_at)
    blocks(article_id, idx, kind, text, credit)                  PK (article_id, idx)
    sentences(article_id, idx, block, kind, start, text)         PK (article_id, idx)
    actors(article_id, sentence, start, end, text, code, country, sector, kind, name)
    events(id PK, article_id, sentence, source, target, source_country, target_country,
           cameo, root, plover, plover_mode, goldstein, quad_class, date, evidence,
           source_start, source_end, target_start, target_end, trigger_start, trigger_end,
           trigger, negated, modality, confidence, rule, source_name, target_name, caption)
    quantities(event_id, kind, value, value_max, unit, text, start, end)

Every child row references its parent with ON DELETE CASCADE. Dates are ISO
``YYYY-MM-DD`` text, booleans 0/1. Rows keep the order they were given in.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from .errors import StoreError
from .model import ActorMention, Article, Block, CodedArticle, Event, Quantity, Sentence

__all__ = ["SCHEMA_VERSION", "Store", "content_hash", "default_db_path"]

SCHEMA_VERSION = 1
_BATCH = 500  # events read per query when iterating

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

_EVENT_COLUMNS = (
    "article_id", "sentence", "source", "target", "source_country", "target_country",
    "cameo", "root", "plover", "plover_mode", "goldstein", "quad_class", "date", "evidence",
    "source_start", "source_end", "target_start", "target_end", "trigger_start",
    "trigger_end", "trigger", "negated", "modality", "confidence", "rule", "source_name",
    "target_name", "caption",
)
_INSERT_EVENT = (
    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _EVENT_COLUMNS)})"
)
_SELECT_EVENT = (
    f"SELECT e.id, {', '.join('e.' + c for c in _EVENT_COLUMNS)} "
    "FROM events e JOIN articles a ON a.id = e.article_id"
)
_ARTICLE_COLUMNS = (
    "id", "title", "byline", "date", "url", "source_path", "format", "content_hash",
    "ingested_at",
)


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


def _iso(value: date | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


class Store:
    """A connection to one irinsider database. Open it with `Store.open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) the database at `path` and check its schema."""
        path = Path(path)
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open database ({exc}); check the path") from exc
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute("PRAGMA foreign_keys = ON")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{path}: cannot switch the database to WAL mode (got {mode})")
            _prepare_schema(conn, path)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(
                f"{path}: cannot open database ({exc}); is it an irinsider database?"
            ) from exc
        except StoreError:
            conn.close()
            raise
        return cls(conn, path)

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
        with other content replaces every row of the old article.
        """
        article = coded.article
        digest = content_hash(article)
        conn = self._conn
        try:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                row = conn.execute(
                    "SELECT content_hash FROM articles WHERE id = ?", (article.id,)
                ).fetchone()
                if row is not None:
                    if row[0] == digest and not force:
                        return False
                    conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
                self._insert_article(article, digest)
                self._insert_sentences(article.id, coded)
                self._insert_events(article.id, coded.events)
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.path}: cannot save article {article.id!r} ({exc}); nothing was written"
            ) from exc
        return True

    def _insert_article(self, article: Article, digest: str) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self._conn.execute(
            f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id, article.title, article.byline, _iso(article.date), article.url,
                article.source_path, article.format, digest, now,
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
                    e.target_name, int(e.caption),
                ),
            )
            self._conn.executemany(
                'INSERT INTO quantities (event_id, kind, value, value_max, unit, text, start, '
                '"end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                [
                    (cursor.lastrowid, q.kind, q.value, q.value_max, q.unit, q.text, q.start,
                     q.end)
                    for q in e.quantities
                ],
            )

    # ------------------------------------------------------------------ reading

    def articles(self) -> list[dict[str, Any]]:
        """Every stored article's row, with its number of events, by date then id."""
        rows = self._query(
            f"SELECT {', '.join('a.' + c for c in _ARTICLE_COLUMNS)}, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
            "FROM articles a ORDER BY a.date IS NULL, a.date, a.id"
        )
        return [dict(zip((*_ARTICLE_COLUMNS, "events"), row, strict=True)) for row in rows]

    def article(self, article_id: str) -> CodedArticle | None:
        """The stored article `article_id` rebuilt, or None if it is not stored.

        Actors come back as one tuple per sentence (empty where none were found).
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
    ) -> Iterator[Event]:
        """Stored events matching every filter given, with their quantities.

        `since` and `until` are inclusive ISO dates; events without a date are
        left out when either is given. Events come by article (article date,
        then id) and, within an article, in the order they were saved.
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
            raise StoreError(f"{self.path}: cannot read events ({exc})") from exc

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

    def counts(self) -> dict[str, int]:
        """How many articles, sentences and events are stored."""
        return {
            table: self._query(f"SELECT count(*) FROM {table}")[0][0]
            for table in ("articles", "sentences", "events")
        }

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read the database ({exc})") from exc


def _prepare_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Create the schema in a new database; check the version of an existing one."""
    tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )
        return
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


def _event(row: tuple[Any, ...], quantities: tuple[Quantity, ...]) -> Event:
    (
        _id, article_id, sentence, source, target, source_country, target_country, cameo,
        _root, plover, plover_mode, goldstein, quad_class, day, evidence, source_start,
        source_end, target_start, target_end, trigger_start, trigger_end, trigger, negated,
        modality, confidence, rule, source_name, target_name, caption,
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
    )
