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
3. code: one Dask task per shard not yet done runs `cluster.code_shard` on a
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
import dataclasses
import json
import os
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import IrinsiderError
from ..files import is_temporary, write_atomic
from ..model import CodedArticle
from .cluster import BatchOptions, code_shard, default_workers, local_cluster
from .progress import Monitor, Tracker
from .results import articles_path, done_path, read_coded, read_event_rows
from .shards import Plan, Shard, plan_shards

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["BatchSummary", "read_batch_coded", "read_events", "run_batch"]

MANIFEST = "manifest.json"
INDEX = "index.json"
VERSION = 1  # of the manifest and index layout
MAX_REASONS = 10_000  # skipped inputs and warnings kept in the summary and the index
CONNECT_TIMEOUT = "10s"  # to reach a scheduler given by address
_SUBDIRS = ("events", "articles", "done")
_STORE_CHUNK = 500  # articles saved in one transaction


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
    verbs: str | None = None,
    discards: Sequence[str] = (),
    embedded_actions: bool = False,
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
    options = BatchOptions(fmt, default_date, tuple(os.path.abspath(p) for p in user_actors),
                           verbs=os.path.abspath(verbs) if verbs else None,
                           discards=tuple(os.path.abspath(p) for p in discards),
                           embedded_actions=embedded_actions)
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
    found = [p for p in out.iterdir() if p.name != ".lock"]
    if not all(is_temporary(p) for p in found):
        raise IrinsiderError(f"{out}: folder is not empty and holds no batch; "
                             "choose a new or empty --out folder")
    for path in found:  # left by a run killed while it wrote its manifest
        path.unlink(missing_ok=True)


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
    for path in out.iterdir():  # the manifest's or index's, if a run was killed writing them
        if is_temporary(path):
            path.unlink(missing_ok=True)
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
    options = dataclasses.replace(options, topic=f"irinsider-batch-{run}")
    tracker = Tracker(monitor)
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
    from ..store import Store

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
