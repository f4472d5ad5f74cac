"""The background indexer: finds the entities of articles stored by other processes.

    with background_indexer(db_path, interval=15.0):
        ...  # serve; the thread looks for unanalysed articles every 15 seconds

Articles published through the app are indexed as they are saved; this thread
catches those that `irinsider ingest` or batch mode stored meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..analysis import index_entities
from ..errors import IrinsiderError
from ..store import Store

__all__ = ["background_indexer", "index_forever"]


def index_forever(path: Path, stop: threading.Event, interval: float) -> None:
    """Index unanalysed articles of the database at `path`, 100 at a time, every
    `interval` seconds until `stop` is set."""
    store = Store.open(path)
    try:
        while not stop.is_set():
            try:
                while index_entities(store, limit=100) and not stop.is_set():
                    pass
            except IrinsiderError:
                pass  # the database is busy or gone; try again later
            stop.wait(interval)
    finally:
        store.close()


@contextmanager
def background_indexer(path: Path, interval: float | None) -> Iterator[None]:
    """Run `index_forever` in a daemon thread while the block runs (not at all
    without an `interval`); stop it, waiting up to 5 seconds, after."""
    if not interval:
        yield
        return
    stop = threading.Event()
    worker = threading.Thread(target=index_forever, args=(path, stop, interval),
                              name="irinsider-entities", daemon=True)
    worker.start()
    try:
        yield
    finally:
        stop.set()
        worker.join(timeout=5)
