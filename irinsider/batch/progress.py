"""Following a batch: a quiet monitor, a rich progress bar, and the tally of progress messages.

Workers send cumulative counts of the shard they are coding every half second
(Dask events on a topic of the run); `Tracker` adds them up with the counts of
finished shards and tells the `Monitor`.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any

__all__ = ["Monitor", "ProgressBar", "Tracker"]

RATE_WINDOW = 30.0  # seconds of progress the rates on the bar are taken over


class Monitor:
    """Told how a batch goes. This one stays quiet; `ProgressBar` draws a bar."""

    def start(self, *, shards: int, items: int, reused: int) -> None:
        """Coding starts: `shards` to code, holding about `items` documents."""

    def update(self, *, items: int, documents: int, sentences: int, events: int) -> None:
        """Cumulative counts of this run so far (may step back when a shard is retried)."""

    def shard_done(self, shard_id: int, result: dict[str, Any] | None) -> None:
        """A shard finished (`result`) or failed (None)."""

    def stop(self) -> None:
        """Coding is over (or was interrupted)."""


class ProgressBar(Monitor):
    """A rich progress bar on stderr: documents, documents/s, sentences/s, ETA."""

    def __init__(self, console: Any = None) -> None:
        from rich.console import Console

        self.console = console or Console(stderr=True)
        self._progress: Any = None
        self._task: Any = None
        self._samples: deque[tuple[float, int, int]] = deque()
        self._shards = 0
        self._done = 0

    def start(self, *, shards: int, items: int, reused: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._shards = shards
        self._progress = Progress(
            TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
            TextColumn("{task.fields[docs]} docs/s"),
            TextColumn("{task.fields[sents]} sentences/s"),
            TextColumn("shards {task.fields[shards]}"),
            TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console,
        )
        self._task = self._progress.add_task("coding", total=max(items, 1), docs="-",
                                             sents="-", shards=f"0/{shards}")
        self._progress.start()

    def update(self, *, items: int, documents: int, sentences: int, events: int) -> None:
        if self._progress is None:
            return
        now = time.monotonic()
        self._samples.append((now, documents, sentences))
        while len(self._samples) > 2 and now - self._samples[0][0] > RATE_WINDOW:
            self._samples.popleft()
        then, docs0, sents0 = self._samples[0]  # rates from the first report on: not load time
        span = now - then
        rates = ((f"{(documents - docs0) / span:,.1f}", f"{(sentences - sents0) / span:,.1f}")
                 if span > 0 else ("-", "-"))
        self._progress.update(self._task, completed=items, docs=rates[0], sents=rates[1],
                              shards=f"{self._done}/{self._shards}")

    def shard_done(self, shard_id: int, result: dict[str, Any] | None) -> None:
        self._done += 1

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


class Tracker:
    """Adds up progress messages (from the event loop thread) and finished shards."""

    def __init__(self, monitor: Monitor) -> None:
        self.monitor = monitor
        self.lock = threading.Lock()
        self.live: dict[int, dict[str, int]] = {}
        self.final: dict[int, dict[str, int]] = {}

    def on_event(self, event: tuple[float, dict[str, Any]]) -> None:
        msg = event[1]
        with self.lock:
            if msg["shard"] in self.final:
                return
            self.live[msg["shard"]] = msg
            self._push()

    def finished(self, shard_id: int, result: dict[str, Any] | None) -> None:
        self.monitor.shard_done(shard_id, result)
        with self.lock:
            self.live.pop(shard_id, None)
            self.final[shard_id] = result or {}
            self._push()

    def _push(self) -> None:
        sums = dict.fromkeys(("items", "documents", "sentences", "events"), 0)
        for counts in (*self.final.values(), *self.live.values()):
            for key in sums:
                sums[key] += counts.get(key, 0)
        self.monitor.update(**sums)
