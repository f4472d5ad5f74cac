"""Peak memory of batch mode on 10 x and 100 x a base corpus: it should not grow with the corpus.

    python bench/memory.py [--base 500] [--workers 2] [--scales 10 100]

For each scale a fresh process writes a corpus of SCALE x BASE generated sentences
(bench/corpus.py; every copy of the base is drawn anew, so names and numbers keep
changing as in real news), runs `irinsider batch` over it on a fresh local cluster
and reports the peak resident memory (ru_maxrss) of the client process and of each
worker process. Prints both scales side by side and the growth of the largest
(target: < 10 %).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate, vocabulary  # noqa: E402


def peak_mb() -> float:
    """This process's peak resident memory in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(sentences: int, workers: int) -> None:
    """One measurement, in its own process; prints a JSON line."""
    from distributed import Client

    from irinsider.batch import local_cluster, run_batch

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        v = vocabulary()
        with path.open("w", encoding="utf-8") as fh:
            for record in generate(sentences, seed=7, v=v):  # streamed to disk
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        size = path.stat().st_size
        with local_cluster(workers) as cluster, Client(cluster) as client:
            summary = run_batch([path], Path(tmp) / "out", client=client)
            workers_mb = sorted(client.run(peak_mb).values())
    print(json.dumps({"sentences": summary.sentences, "documents": summary.documents,
                      "shards": summary.shards, "bytes": size, "client_mb": peak_mb(),
                      "workers_mb": workers_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=500, help="sentences in the base corpus")
    parser.add_argument("--scales", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.workers)
        return
    rows = []
    for scale in args.scales:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(scale * args.base), "--workers",
             str(args.workers)],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            raise SystemExit(f"scale {scale}: {proc.stderr.strip()[-2000:]}")
        rows.append((scale, json.loads(proc.stdout.strip().splitlines()[-1])))
    print(f"{'scale':>5} {'sentences':>9} {'MB input':>8} {'shards':>6} {'client MB':>9} "
          f"{'workers MB':>16}")
    for scale, r in rows:
        workers = " ".join(f"{m:.0f}" for m in r["workers_mb"])
        print(f"{scale:>4}x {r['sentences']:>9,} {r['bytes'] / 2**20:>8.1f} {r['shards']:>6} "
              f"{r['client_mb']:>9.0f} {workers:>16}")
    (s1, a), (s2, b) = rows[0], rows[-1]
    for name, x, y in (("client", a["client_mb"], b["client_mb"]),
                       ("worker", max(a["workers_mb"]), max(b["workers_mb"]))):
        print(f"{name} peak: {x:.0f} MB at {s1}x, {y:.0f} MB at {s2}x: "
              f"growth {100 * (y - x) / x:+.1f} % (target < 10 %)")


if __name__ == "__main__":
    main()
