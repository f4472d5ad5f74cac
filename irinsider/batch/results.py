"""A batch shard's results on disk: its events, its coded articles, its done marker.

    OUT/events/shard-00042.parquet     events, one row per event (or .jsonl)
    OUT/articles/shard-00042.jsonl.gz  the coded articles, for loading into a store
    OUT/done/shard-00042.json          the shard's counts; written last

Event rows carry exactly the fields of `exports.FIELDS`, in that order. In
JSON Lines each line is what ``irinsider code --include-negated`` prints. In
Parquet the schema is `exports.SCHEMA`, the one ``irinsider export --format
parquet`` writes; `read_event_rows` turns rows back into the same dicts as
`exports.event_to_dict`.

Every file is written under a hidden temporary name, flushed to disk and then
renamed (see `irinsider.files`), so a file that exists is complete; the done
marker is renamed last, so a shard with a marker has all its files.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from ..exports import ParquetEvents, event_to_dict, read_parquet
from ..files import publish, temporary_path, write_atomic
from ..model import ActorMention, Article, Block, CodedArticle, Event, Quantity, Sentence

__all__ = [
    "EVENT_FORMATS",
    "ShardWriter",
    "articles_path",
    "coded_from_record",
    "coded_to_record",
    "done_path",
    "events_path",
    "read_coded",
    "read_event_rows",
]

EVENT_FORMATS = ("parquet", "jsonl")
_SPANS = ("source_span", "target_span", "trigger_span")


def events_path(out: Path, name: str, fmt: str) -> Path:
    return out / "events" / f"{name}.{fmt}"


def articles_path(out: Path, name: str) -> Path:
    return out / "articles" / f"{name}.jsonl.gz"


def done_path(out: Path, name: str) -> Path:
    return out / "done" / f"{name}.json"


class ShardWriter:
    """Streams one shard's events and coded articles to temporary files; `commit` publishes.

    Memory stays bounded: JSON Lines are written as they come and Parquet in
    row groups (see `exports.ParquetEvents`).
    """

    def __init__(self, out: Path, name: str, fmt: str) -> None:
        if fmt not in EVENT_FORMATS:
            raise ValueError(f"unknown batch format {fmt!r}; use one of {EVENT_FORMATS}")
        self.out, self.name, self.fmt = out, name, fmt
        self._events_final = events_path(out, name, fmt)
        self._articles_final = articles_path(out, name)
        for final in (self._events_final, self._articles_final):
            final.parent.mkdir(parents=True, exist_ok=True)
        self._events_tmp = temporary_path(self._events_final)
        self._articles_tmp = temporary_path(self._articles_final)
        self._raw_articles: IO[bytes] = open(self._articles_tmp, "wb")
        # mtime=0 and no file name: the same articles always give the same bytes
        self._articles = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw_articles,
                                       mtime=0)
        self._jsonl: IO[str] | None = None
        self._parquet: ParquetEvents | None = None
        if fmt == "jsonl":
            self._jsonl = open(self._events_tmp, "w", encoding="utf-8")
        else:
            self._parquet = ParquetEvents(self._events_tmp)

    def add(self, coded: CodedArticle) -> None:
        line = json.dumps(coded_to_record(coded), ensure_ascii=False, separators=(",", ":"))
        self._articles.write(line.encode("utf-8") + b"\n")
        for event in coded.events:
            row = event_to_dict(event)
            if self._jsonl is not None:
                self._jsonl.write(json.dumps(row, ensure_ascii=False) + "\n")
            elif self._parquet is not None:
                self._parquet.add(row)

    def commit(self, done: dict[str, Any]) -> None:
        """Publish the events and articles, then the done marker holding `done`."""
        try:
            if self._jsonl is not None:
                self._jsonl.close()
            else:
                assert self._parquet is not None
                self._parquet.finish()
            self._articles.close()
            self._raw_articles.close()
            publish(self._events_tmp, self._events_final)
            publish(self._articles_tmp, self._articles_final)
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
    """The events of one shard file as `exports.event_to_dict` dicts, in order."""
    if path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)
        return
    yield from read_parquet(path)


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
