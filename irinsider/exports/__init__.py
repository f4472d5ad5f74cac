"""Writers of coded events: JSON Lines and CSV rows, PLOVER JSON, a GDELT-style table,
Parquet and the terminal report.

    rows         JSON Lines and CSV: `FIELDS`, `event_to_dict`, `write_events`
    plover       PLOVER JSON records, one a mention
    gdelt        the GDELT 2.0 event-table columns, one row an event
    petrarch     PETRARCH's event file: date, source, target, code, issues, ids, URL
    parquet      the one Parquet schema (`SCHEMA`), for exports and batch shards
    interchange  any format, from a store or from coded articles
    terminal     the report `irinsider code` prints on a terminal

The Parquet names load pyarrow, so they are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..files import atomic_text
from .gdelt import GDELT_COLUMNS, gdelt_row, write_gdelt
from .interchange import FORMATS, export_coded, export_store
from .petrarch import PETRARCH_COLUMNS, petrarch_rows, write_petrarch
from .plover import PLOVER_FIELDS, plover_record, write_plover
from .rows import FIELDS, event_chunks, event_to_dict, write_events
from .terminal import print_events

if TYPE_CHECKING:
    from .parquet import ROW_GROUP, SCHEMA, ParquetEvents, read_parquet, write_parquet

__all__ = [
    "FIELDS",
    "FORMATS",
    "GDELT_COLUMNS",
    "PETRARCH_COLUMNS",
    "PLOVER_FIELDS",
    "ROW_GROUP",
    "SCHEMA",
    "ParquetEvents",
    "atomic_text",
    "event_chunks",
    "event_to_dict",
    "export_coded",
    "export_store",
    "gdelt_row",
    "plover_record",
    "petrarch_rows",
    "print_events",
    "read_parquet",
    "write_events",
    "write_gdelt",
    "write_parquet",
    "write_petrarch",
    "write_plover",
]

_PARQUET = frozenset({"ROW_GROUP", "SCHEMA", "ParquetEvents", "read_parquet",
                      "write_parquet"})


def __getattr__(name: str) -> Any:
    """The Parquet names, from `parquet` on first use (it loads pyarrow)."""
    if name in _PARQUET:
        from . import parquet

        return getattr(parquet, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
