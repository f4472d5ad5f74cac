"""A batch shard's results on disk: its events, its coded articles, its done marker.

    OUT/events/shard-00042.parquet     events, one row per event (or .jsonl)
    OUT/articles/shard-00042.jsonl.gz  the coded articles, for loading into a store
    OUT/done/shard-00042.json          the shard's counts; written last

Event rows carry exactly the fields of `export.FIELDS`, in that order. In
JSON Lines each line is what ``irinsider code --include-negated`` prints. In
Parquet the schema is fixed (`SCHEMA`): spans are lists of two int32
(``target_span`` null when missing) and ``quantities`` a list of structs
``{kind, value, unit, text, value_max}``; `read_events` turns rows back into
the same dicts as `export.event_to_dict`.

Every file is written under a hidden temporary name, flushed to disk and then
renamed, so a file that exists is complete; the done marker is renamed last,
so a shard with a marker has all its files.
"""

from __future__ import annotations

import gzip
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..exports import FIELDS, event_to_dict
from ..model import ActorMention, Article, Block, CodedArticle, Event, Quantity, Sentence

__all__ = [
    "EVENT_FORMATS",
    "SCHEMA",
    "ShardWriter",
    "articles_path",
    "coded_from_record",
    "coded_to_record",
    "done_path",
    "events_path",
    "read_coded",
    "read_event_rows",
    "write_atomic",
]

EVENT_FORMATS = ("parquet", "jsonl")
ROW_GROUP = 5_000  # events buffered before a Parquet row group is written

_SPAN = pa.list_(pa.int32(), 2)
_QUANTITY = pa.struct([
    ("kind", pa.string()), ("value", pa.float64()), ("unit", pa.string()),
    ("text", pa.string()), ("value_max", pa.float64()),
])
_TYPES: dict[str, pa.DataType] = {
    "doc_id": pa.string(), "sentence": pa.int32(), "source": pa.string(),
    "target": pa.string(), "source_country": pa.string(), "target_country": pa.string(),
    "cameo": pa.string(), "plover": pa.string(), "plover_mode": pa.string(),
    "goldstein": pa.float64(), "quad_class": pa.int8(), "date": pa.string(),
    "evidence": pa.string(), "source_span": _SPAN, "target_span": _SPAN,
    "trigger_span": _SPAN, "quantities": pa.list_(_QUANTITY), "negated": pa.bool_(),
    "modality": pa.string(), "confidence": pa.float64(), "rule": pa.string(),
    "source_name": pa.string(), "target_name": pa.string(), "trigger": pa.string(),
    "caption": pa.bool_(), "date_precision": pa.string(), "date_text": pa.string(),
    "place": pa.string(), "place_name": pa.string(), "place_country": pa.string(),
    "place_kind": pa.string(), "place_lat": pa.float64(), "place_lon": pa.float64(),
    "low_confidence": pa.bool_(),
}
SCHEMA = pa.schema([(name, _TYPES[name]) for name in FIELDS])
_SPANS = ("source_span", "target_span", "trigger_span")


def events_path(out: Path, name: str, fmt: str) -> Path:
    return out / "events" / f"{name}.{fmt}"


def articles_path(out: Path, name: str) -> Path:
    return out / "articles" / f"{name}.jsonl.gz"


def done_path(out: Path, name: str) -> Path:
    return out / "done" / f"{name}.json"


def _temporary(final: Path) -> Path:
    """A hidden name next to `final`, unique to this process (Parquet readers skip it)."""
    return final.with_name(f".{final.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")


def _commit(tmp: Path, final: Path) -> None:
    """Rename a flushed temporary file over `final` and make the rename durable."""
    os.replace(tmp, final)
    try:
        fd = os.open(final.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str) -> None:
    """Write a text file so that it is either wholly there or not there at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path)
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        _commit(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class ShardWriter:
    """Streams one shard's events and coded articles to temporary files; `commit` publishes.

    Memory stays bounded: JSON Lines are written as they come and Parquet in
    row groups of `ROW_GROUP` events.
    """

    def __init__(self, out: Path, name: str, fmt: str) -> None:
        if fmt not in EVENT_FORMATS:
            raise ValueError(f"unknown batch format {fmt!r}; use one of {EVENT_FORMATS}")
        self.out, self.name, self.fmt = out, name, fmt
        self._events_final = events_path(out, name, fmt)
        self._articles_final = articles_path(out, name)
        for final in (self._events_final, self._articles_final):
            final.parent.mkdir(parents=True, exist_ok=True)
        self._events_tmp = _temporary(self._events_final)
        self._articles_tmp = _temporary(self._articles_final)
        self._raw_articles: IO[bytes] = open(self._articles_tmp, "wb")
        # mtime=0 and no file name: the same articles always give the same bytes
        self._articles = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw_articles,
                                       mtime=0)
        self._jsonl: IO[str] | None = None
        self._parquet: pq.ParquetWriter | None = None
        self._rows: list[dict[str, Any]] = []
        if fmt == "jsonl":
            self._jsonl = open(self._events_tmp, "w", encoding="utf-8")
        else:
            self._parquet = pq.ParquetWriter(self._events_tmp, SCHEMA, compression="zstd")

    def add(self, coded: CodedArticle) -> None:
        line = json.dumps(coded_to_record(coded), ensure_ascii=False, separators=(",", ":"))
        self._articles.write(line.encode("utf-8") + b"\n")
        for event in coded.events:
            row = event_to_dict(event)
            if self._jsonl is not None:
                self._jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                self._rows.append(row)
                if len(self._rows) >= ROW_GROUP:
                    self._flush_rows()

    def _flush_rows(self) -> None:
        if self._rows and self._parquet is not None:
            self._parquet.write_table(pa.Table.from_pylist(self._rows, schema=SCHEMA))
        self._rows = []

    def commit(self, done: dict[str, Any]) -> None:
        """Publish the events and articles, then the done marker holding `done`."""
        try:
            if self._jsonl is not None:
                self._jsonl.flush()
                os.fsync(self._jsonl.fileno())
                self._jsonl.close()
            else:
                self._flush_rows()
                assert self._parquet is not None
                self._parquet.close()
                with open(self._events_tmp, "rb") as fh:
                    os.fsync(fh.fileno())
            self._articles.close()
            self._raw_articles.flush()
            os.fsync(self._raw_articles.fileno())
            self._raw_articles.close()
            _commit(self._events_tmp, self._events_final)
            _commit(self._articles_tmp, self._articles_final)
            write_atomic(done_path(self.out, self.name),
                         json.dumps(done, ensure_ascii=False, indent=1) + "\n")
        finally:
            self.abort()
            pa.default_memory_pool().release_unused()  # Arrow's allocator keeps freed pages

    def abort(self) -> None:
        """Close and remove whatever is still temporary (after a failure, or after commit)."""
        for closer in (self._jsonl, self._parquet, self._articles, self._raw_articles):
            if closer is not None:
                try:
                    closer.close()
                except Exception:  # cleaning up after an earlier failure: keep that one
                    pass
        self._events_tmp.unlink(missing_ok=True)
        self._articles_tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------------- reading back

def read_event_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The events of one shard file as `export.event_to_dict` dicts, in order."""
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)
        return
    for batch in pq.ParquetFile(path).iter_batches(batch_size=ROW_GROUP):
        for row in batch.to_pylist():
            yield _from_parquet(row)


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _from_parquet(row: dict[str, Any]) -> dict[str, Any]:
    quantities = []
    for q in row["quantities"]:
        out = {"kind": q["kind"], "value": _whole(q["value"]), "unit": q["unit"],
               "text": q["text"]}
        if q["value_max"] is not None:
            out["value_max"] = _whole(q["value_max"])
        quantities.append(out)
    row["quantities"] = quantities
    return row


def read_coded(path: Path) -> Iterator[CodedArticle]:
    """The coded articles of one shard's articles file, in order."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield coded_from_record(json.loads(line))


# ---------------------------------------------------------------------- coded articles as JSON

def _values(obj: Any) -> list[Any]:
    return [getattr(obj, f.name) for f in fields(obj)]


def coded_to_record(coded: CodedArticle) -> dict[str, Any]:
    """A coded article as JSON-ready data that `coded_from_record` turns back into it."""
    a = coded.article
    return {
        "article": {
            "id": a.id, "title": a.title, "byline": a.byline,
            "date": a.date.isoformat() if a.date else None, "url": a.url,
            "source_path": a.source_path, "format": a.format,
            "blocks": [_values(b) for b in a.blocks],
        },
        "sentences": [_values(s) for s in coded.sentences],
        "actors": [[_values(m) for m in mentions] for mentions in coded.actors],
        "events": [
            {**{f.name: getattr(e, f.name) for f in fields(e)},
             "quantities": [_values(q) for q in e.quantities]}
            for e in coded.events
        ],
    }


def coded_from_record(record: dict[str, Any]) -> CodedArticle:
    a = dict(record["article"])
    a["blocks"] = tuple(Block(*b) for b in a["blocks"])
    a["date"] = date.fromisoformat(a["date"]) if a["date"] else None
    events = []
    for e in record["events"]:
        e = dict(e)
        e["quantities"] = tuple(Quantity(*q) for q in e["quantities"])
        for span in _SPANS:
            if e[span] is not None:
                e[span] = tuple(e[span])
        events.append(Event(**e))
    return CodedArticle(
        article=Article(**a),
        sentences=tuple(Sentence(*s) for s in record["sentences"]),
        actors=tuple(tuple(ActorMention(*m) for m in ms) for ms in record["actors"]),
        events=tuple(events),
    )
