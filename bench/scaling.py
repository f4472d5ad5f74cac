"""Batch mode on 1 and on 2 Dask workers: the speed-up, and the outputs compared byte for byte.

    python bench/scaling.py [--sentences 20000] [--workers 1 2]

Builds the corpus of bench/corpus.py once, then for each worker count starts a
local cluster, loads the pipeline on every worker (model loading is not what is
measured), and times `run_batch` over the corpus with the automatic shard size.
Prints documents and sentences per second for each run, how much of the run the
workers were on a CPU (other processes on the machine show there), the speed-up of
the last over the first (target with 1 and 2: >= 1.8 x) and whether the runs'
sorted event lines and their shard files are byte-identical.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from irinsider.batch.cluster import local_cluster, worker_pipeline  # noqa: E402
from irinsider.batch.run import read_events, run_batch  # noqa: E402


def files_of(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".lock"}


def load_pipeline() -> None:
    worker_pipeline()  # returns nothing: the pipeline stays on the worker


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_run(inputs: list[Path], out: Path, workers: int) -> tuple[float, int, int, float]:
    """(seconds, documents, sentences, share of the wall time the workers were on a CPU)."""
    from distributed import Client

    with local_cluster(workers) as cluster, Client(cluster) as client:
        client.run(load_pipeline)  # every worker loads the model before the clock starts
        before = sum(client.run(cpu_seconds).values())
        t = time.perf_counter()
        summary = run_batch(inputs, out, client=client)
        seconds = time.perf_counter() - t
        busy = (sum(client.run(cpu_seconds).values()) - before) / (seconds * workers)
    if not summary.complete:
        raise SystemExit(f"batch on {workers} worker(s) failed: {summary.failed}")
    return seconds, summary.documents, summary.sentences, busy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = write_corpus(Path(tmp) / "corpus", args.sentences)
        runs = []
        print(f"{'workers':>7} {'seconds':>8} {'docs/s':>8} {'sent/s':>8} {'shards':>6} "
              f"{'on CPU':>6} {'load before':>11}")
        for workers in args.workers:
            out = Path(tmp) / f"out-{workers}"
            load = os.getloadavg()[0]
            seconds, documents, sentences, busy = timed_run(inputs, out, workers)
            shards = len(json.loads((out / "index.json").read_text())["shards"])
            runs.append((workers, seconds, out))
            print(f"{workers:>7} {seconds:>8.1f} {documents / seconds:>8.1f} "
                  f"{sentences / seconds:>8.1f} {shards:>6} {busy:>6.0%} {load:>11.2f}")
        (w1, s1, out1), (wn, sn, outn) = runs[0], runs[-1]
        lines = [sorted(json.dumps(e, ensure_ascii=False) for e in read_events(o))
                 for o in (out1, outn)]
        same_events = lines[0] == lines[1]
        same_files = files_of(out1) == files_of(outn)
        print(f"{len(lines[0]):,} events from {documents:,} documents, {sentences:,} sentences")
        print(f"speed-up {wn} vs {w1} worker(s): {s1 / sn:.2f}x (target >= 1.8x); "
              f"sorted event lines identical: {same_events}; shard files identical: "
              f"{same_files}")
        print("('on CPU': the share of the run the workers spent on a CPU; well below 100 % "
              "means other processes took the cores, and the speed-up says little)")


if __name__ == "__main__":
    main()
