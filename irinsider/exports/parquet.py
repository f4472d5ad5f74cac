"""Events as Parquet: the columns of `FIELDS`, in that order, with a fixed schema.

    write_parquet(events, path)  a whole file of events, written atomically
    ParquetEvents(path)          event rows streamed to a file in row groups
    read_parquet(path)           the rows back as `event_to_dict` dicts

`SCHEMA` is the one Parquet schema of the package, for ``--format parquet`` and for batch
shards alike: spans are lists of two int32 (``target_span`` null when missing),
``quantities`` a list of structs ``{kind, value, unit, text, value_max}``, ``sentence``
int32, ``quad_class`` int8, booleans as booleans. Rows are written in row groups of
`ROW_GROUP` events, so memory stays bounded however many events there are.

This module loads pyarrow; the part's ``__init__`` imports it only when one of its names
is first used.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..files import atomic_path
from ..model import Event
from .rows import FIELDS, _number, event_to_dict

__all__ = ["ROW_GROUP", "SCHEMA", "ParquetEvents", "read_parquet", "write_parquet"]

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
    "low_confidence": pa.bool_(), "intended_cameo": pa.string(),
    "issues": pa.list_(pa.struct([("code", pa.string()), ("count", pa.int32())])),
}
SCHEMA = pa.schema([(name, _TYPES[name]) for name in FIELDS])


class ParquetEvents:
    """Event rows (`event_to_dict` dicts) streamed to a Parquet file with `SCHEMA`.

    Rows are buffered and written a row group of `ROW_GROUP` at a time; `finish` writes
    the rest and closes the file, `close` only closes it (after a failure).
    """

    def __init__(self, path: str | Path) -> None:
        self._writer = pq.ParquetWriter(path, SCHEMA, compression="zstd")
        self._rows: list[dict[str, Any]] = []
        self.count = 0  # rows added

    def add(self, row: dict[str, Any]) -> None:
        self._rows.append(row)
        self.count += 1
        if len(self._rows) >= ROW_GROUP:
            self._write_group()

    def _write_group(self) -> None:
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=SCHEMA))
        self._rows = []

    def finish(self, *, empty_group: bool = False) -> None:
        """Write the rows still buffered and close the file; with `empty_group`, a file
        without rows still gets one (empty) row group."""
        if self._rows or (empty_group and self.count == 0):
            self._write_group()
        self._writer.close()

    def close(self) -> None:
        """Close the file, leaving out any rows still buffered; closing twice is harmless."""
        self._writer.close()


def write_parquet(events: Iterable[Event], path: str | Path) -> int:
    """Write events to a Parquet file with `SCHEMA`, in row groups, atomically: the file
    appears only when complete. Return how many were written."""
    with atomic_path(path) as tmp:
        table = ParquetEvents(tmp)
        try:
            for event in events:
                table.add(event_to_dict(event))
            table.finish(empty_group=True)
        finally:
            table.close()
    return table.count


def read_parquet(path: str | Path) -> Iterator[dict[str, Any]]:
    """The rows of a Parquet file of events as `event_to_dict` dicts, in order."""
    for batch in pq.ParquetFile(path).iter_batches(batch_size=ROW_GROUP):
        for row in batch.to_pylist():
            yield _from_parquet(row)


def _from_parquet(row: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row as `event_to_dict` gives it: whole amounts as ints, ``value_max``
    only for ranges."""
    quantities = []
    for q in row["quantities"]:
        out = {"kind": q["kind"], "value": _number(q["value"]), "unit": q["unit"],
               "text": q["text"]}
        if q["value_max"] is not None:
            out["value_max"] = _number(q["value_max"])
        quantities.append(out)
    row["quantities"] = quantities
    return row
