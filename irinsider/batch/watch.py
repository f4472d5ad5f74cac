"""Watching a folder: files dropped in it are coded and stored as they arrive.

    with Store.open("news.db") as store:
        watch("inbox/", store, on_file=print)          # until interrupted

Every `interval` seconds the folder is listed again (recursively; hidden
names and unsupported types are left alone, as `ingest` leaves them). A file
is taken once it has not been modified for `interval` seconds, so one still
being copied in waits for the next look; writers that can should write under
a hidden name and rename. A file is read again when its size or modification
time changes.

Watching is idempotent: an article already stored with the same content is
not coded again, so dropping the same file twice, or restarting `watch` over
a folder it has seen, changes nothing. A file whose articles could not be
saved because another process kept the database locked is reported and taken
again at the next look.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, StoreBusyError
from ..ingest import read_inputs
from ..model import Article, content_hash
from ..store import Store
from .shards import expand_inputs

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["FileReport", "WatchSummary", "watch"]


@dataclass
class FileReport:
    """What one file gave."""

    path: str
    new: int = 0  # articles stored
    unchanged: int = 0  # articles already stored with the same content
    events: int = 0  # events of the new articles
    errors: list[str] = field(default_factory=list)  # unreadable file or records
    retry: bool = False  # the database stayed locked: take the file again next time


@dataclass
class WatchSummary:
    """What a watch did, over all files."""

    files: int = 0
    new: int = 0
    unchanged: int = 0
    events: int = 0
    errors: int = 0

    def add(self, report: FileReport) -> None:
        self.files += 1
        self.new += report.new
        self.unchanged += report.unchanged
        self.events += report.events
        self.errors += len(report.errors)


def watch(
    folder: str | Path,
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    user_actors: Sequence[str] = (),
    default_date: date | None = None,
    interval: float = 1.0,
    once: bool = False,
    max_files: int | None = None,
    on_file: Callable[[FileReport], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
    verbs: str | None = None,
    discards: Sequence[str] = (),
) -> WatchSummary:
    """Ingest files of `folder` into `store` as they arrive; see the module docstring.

    Returns after one look with `once` (every file taken at once, however
    recent), after `max_files` files, when `stop` is set, or never.
    """
    from .cluster import worker_pipeline

    pipeline = pipeline or worker_pipeline(tuple(str(p) for p in user_actors), verbs,
                                           tuple(str(p) for p in discards))
    stop = stop or threading.Event()
    known = {row["id"]: row["content_hash"] for row in store.articles()}
    taken: dict[str, tuple[int, int]] = {}
    summary = WatchSummary()
    while not stop.is_set():
        settled = time.time_ns() - int(interval * 1e9)
        for path, stamp in _listing(folder):
            if taken.get(path) == stamp or (not once and stamp[1] > settled):
                continue
            report = _ingest(path, store, pipeline, known, default_date, on_warning)
            if not report.retry:
                taken[path] = stamp
            summary.add(report)
            if on_file is not None:
                on_file(report)
            if max_files is not None and summary.files >= max_files:
                return summary
        if once or stop.wait(interval):
            break
    return summary


def _listing(folder: str | Path) -> list[tuple[str, tuple[int, int]]]:
    """(path, (size, mtime_ns)) of every supported file under `folder`, in order."""
    out = []
    for item in expand_inputs([folder]):
        if isinstance(item, InputError):
            continue  # an empty folder is the normal state of an inbox
        try:
            st = os.stat(item[0])
        except OSError:
            continue  # gone since the listing
        out.append((item[0], (st.st_size, st.st_mtime_ns)))
    return out


def _ingest(path: str, store: Store, pipeline: Pipeline, known: dict[str, str],
            default_date: date | None, on_warning: Callable[[str], None] | None) -> FileReport:
    report = FileReport(path)
    fresh: list[Article] = []
    for item in read_inputs([path], default_date=default_date, on_warning=on_warning):
        if isinstance(item, InputError):
            report.errors.append(str(item))
        elif known.get(item.id) == content_hash(item):
            report.unchanged += 1
        else:
            fresh.append(item)
    if fresh:
        with pipeline.nlp.memory_zone():  # a long watch does not grow spaCy's string store
            for coded in pipeline.code(fresh):
                try:
                    saved = store.save(coded)
                except StoreBusyError as exc:
                    report.errors.append(f"{exc} (this file is taken again at the next look)")
                    report.retry = True
                    break
                if saved:
                    report.new += 1
                    report.events += len(coded.events)
                else:
                    report.unchanged += 1
                known[coded.article.id] = content_hash(coded.article)
    return report
