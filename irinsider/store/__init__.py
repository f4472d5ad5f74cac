"""The embedded database: SQLite in WAL mode holding articles, sentences, events and the
reader's editorial state.

All SQL of the package lives here. `Store` is the one entry point; `EventFilter` says
which events a query selects.

    schema      tables, indexes, triggers and migrations
    summaries   the count tables of version 7: events and mentions by root
    connection  opening, error translation, busy waits (`BUSY_TIMEOUT`)
    rows        the columns read and written, and rows back to `Event`s
    groups      event groups: one event reported by several articles
    filters     `EventFilter`, full-text queries, month plans
    reads       articles, events, pages, mentions
    listing     tables sorted by a column, every row of them, places of events
    tallies     timelines, partners, party totals, counts (`COUNT_CAP`)
    writes      saving and deleting articles
    editorial   publishing, drafts, images, corrections, entities
    feeds       news feeds followed and the items taken from them
    core        `Store`, composed of the above
"""

from __future__ import annotations

from .connection import BUSY_TIMEOUT, default_db_path
from .core import Store
from .feeds import FeedState
from .filters import EventFilter
from .listing import SORTS
from .rows import CORRECTABLE_COLUMNS
from .schema import SCHEMA_VERSION
from .tallies import COUNT_CAP

__all__ = [
    "BUSY_TIMEOUT",
    "CORRECTABLE_COLUMNS",
    "COUNT_CAP",
    "EventFilter",
    "FeedState",
    "SCHEMA_VERSION",
    "SORTS",
    "Store",
    "default_db_path",
]
