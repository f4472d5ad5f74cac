"""`Store`: one open irinsider database, composed of the store's parts.

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

Each group of methods lives in its own module, as a class built on `Database`
(`connection`), which holds the connection:

    Reads      (reads)      articles, events, pages of events, mentions, groups
      Listing  (listing)    tables sorted by a column, downloads of them, places
    Tallies    (tallies)    counts and sums by month, partner and party
    Editorial  (editorial)  publishing, drafts, images, corrections, entities
      Writes   (writes)     saving and deleting articles, regrouping events
    Feeds      (feeds)      news feeds followed and the items taken from them
"""

from __future__ import annotations

from .editorial import Editorial
from .feeds import Feeds
from .listing import Listing
from .tallies import Tallies

__all__ = ["Store"]


class Store(Listing, Tallies, Editorial, Feeds):
    """A connection to one irinsider database. Open it with `Store.open`."""
