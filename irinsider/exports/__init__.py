"""Writers of coded events: JSON Lines and CSV rows, PLOVER JSON, a GDELT-style table,
Parquet and the terminal report.
"""

from __future__ import annotations

from .interchange import (
    FORMATS,
    GDELT_COLUMNS,
    PLOVER_FIELDS,
    atomic_text,
    export_coded,
    export_store,
    gdelt_row,
    plover_record,
    write_gdelt,
    write_parquet,
    write_plover,
)
from .rows import FIELDS, event_to_dict, write_events
from .terminal import print_events

__all__ = [
    "FIELDS",
    "FORMATS",
    "GDELT_COLUMNS",
    "PLOVER_FIELDS",
    "atomic_text",
    "event_to_dict",
    "export_coded",
    "export_store",
    "gdelt_row",
    "plover_record",
    "print_events",
    "write_events",
    "write_gdelt",
    "write_parquet",
    "write_plover",
]
