"""The embedded database: SQLite in WAL mode holding articles, sentences, events and the
reader's editorial state.

All SQL of the package lives here. `Store` is the one entry point.
"""

from __future__ import annotations

from .core import (
    BUSY_TIMEOUT,
    CORRECTABLE_COLUMNS,
    SCHEMA_VERSION,
    EventFilter,
    Store,
    content_hash,
    default_db_path,
    event_key,
    party_of,
)

__all__ = [
    "BUSY_TIMEOUT",
    "CORRECTABLE_COLUMNS",
    "EventFilter",
    "SCHEMA_VERSION",
    "Store",
    "content_hash",
    "default_db_path",
    "event_key",
    "party_of",
]
