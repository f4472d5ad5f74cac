"""Load on the reader from another process, while `irinsider ingest` writes the same database.

    python bench/load.py                          # a demo database, 2,000 requests, 1 writer
    python bench/load.py --db news.db --requests 5000 --threads 8 --writers 2
    python bench/load.py --writers 0 --write-every 0          # reads only

Starts `irinsider serve` (uvicorn) on a free port of 127.0.0.1 against a database (a
fresh one made by `irinsider demo --no-serve`, or a copy of `--db`), starts `--writers`
processes of `irinsider ingest`, each storing its own generated articles (bench/corpus.py)
into it, and fires requests at the main pages and their JSON twins from `--threads`
threads of this process, round the list of pages, until `--requests` are made and the
writers are done (at most `--max-requests` and `--max-seconds`). Every `--write-every`-th
request posts a reader's correction (an event marked wrong), so the reader writes too. A
request that fails, times out or answers other than 200 (201 for a correction) is an
error. Prints the requests made (and how many while the writers ran), the errors, p50 and
p95 in milliseconds overall and of the slowest pages, and what each writer stored; exits
1 on any error. Every process it starts is stopped before it returns.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate  # noqa: E402

HOST = "127.0.0.1"
TIMEOUT = 30.0  # seconds a request may take before it counts as an error


@dataclass
class Result:
    """What the load did: one (path, status, milliseconds) a request; errors as text."""

    samples: list[tuple[str, int, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    during_writes: int = 0  # requests made while a writer was running
    seconds: float = 0.0

    @property
    def statuses(self) -> Counter[int]:
        return Counter(status for _, status, _ in self.samples)

    def percentile(self, q: float, path: str | None = None) -> float:
        times = sorted(ms for p, _, ms in self.samples if path is None or p == path)
        if not times:
            return 0.0
        return times[min(len(times) - 1, round(q / 100 * (len(times) - 1)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def command(*args: str) -> list[str]:
    """The argument list that runs ``irinsider ARGS`` with this Python."""
    return [sys.executable, "-m", "irinsider", *args]


@contextlib.contextmanager
def running(args: list[str], **popen: Any) -> Iterator[subprocess.Popen[bytes]]:
    """Start a process; on leaving, stop it (SIGTERM, then SIGKILL) with its own children."""
    proc = subprocess.Popen(args, start_new_session=True, **popen)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


@contextlib.contextmanager
def server(db: Path, log: Path, port: int | None = None) -> Iterator[str]:
    """`irinsider serve --db DB` on 127.0.0.1; yields its base URL once it answers."""
    port = port or free_port()
    with log.open("wb") as out, running(command("serve", "--db", str(db), "--port", str(port)),
                                        stdout=out, stderr=subprocess.STDOUT) as proc:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"irinsider serve exited with {proc.returncode}: "
                                   f"{log.read_text(errors='replace')[-2000:]}")
            with contextlib.suppress(OSError):
                status, _ = get(HOST, port, "/api/about")
                if status == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("irinsider serve did not answer within 120 s")
            time.sleep(0.1)
        yield f"http://{HOST}:{port}"


def get(host: str, port: int, path: str,
        conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    own = conn or http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    try:
        own.request("GET", path)
        response = own.getresponse()
        return response.status, response.read()
    finally:
        if conn is None:
            own.close()


def pages(base: str) -> list[str]:
    """The main pages of the database behind `base`, each as HTML and as its JSON twin."""
    host, port = _address(base)
    home = json.loads(get(host, port, "/api")[1])
    events = json.loads(get(host, port, "/api/events?per_page=3")[1])["events"]
    paths = ["/", "/articles", "/events", "/countries", "/entities", "/search?q=talks",
             "/corrections", "/about", "/events?quad=4", "/events?code=07"]
    paths += [f"/articles/{a['id']}" for a in home["articles"][:2]]
    paths += [f"/countries/{p['party']}" for p in home["parties"][:2]]
    paths += [pair["href"] for pair in home["pairs"][:2]]
    paths += [f"/entities/{e['id']}" for e in home["entities"][:1]]
    paths += [f"/events/{e['id']}" for e in events[:2]]
    both = [p for path in paths for p in (path, "/api" + (path if path != "/" else ""))]
    return [*both, "/feed.xml"]


def _address(base: str) -> tuple[str, int]:
    host, port = base.removeprefix("http://").split(":")
    return host, int(port)


def corrections(base: str, n: int = 5) -> list[str]:
    """Where to post a correction of each of the first `n` events."""
    host, port = _address(base)
    events = json.loads(get(host, port, f"/api/events?per_page={n}")[1])["events"]
    return [f"/api/events/{e['id']}/corrections" for e in events]


def post(host: str, port: int, path: str, conn: http.client.HTTPConnection) -> tuple[int, bytes]:
    body = json.dumps({"field": "wrong", "reason": "marked by the load test",
                       "author": "bench"})
    conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    return response.status, response.read()


def fire(base: str, paths: Sequence[str], *, requests: int, threads: int = 4,
         writers: Sequence[subprocess.Popen[bytes]] = (), max_requests: int | None = None,
         max_seconds: float = 300.0, posts: Sequence[str] = (), write_every: int = 0,
         linger: float = 0.0) -> Result:
    """GET `paths` in turn from `threads` threads until `requests` are made and `writers`
    have ended, or `max_requests` are made, or `max_seconds` have passed. With `posts`,
    every `write_every`-th request posts a correction to one of them instead. Once
    `requests` are made, each thread waits `linger` seconds between requests."""
    host, port = _address(base)
    result = Result()
    lock = threading.Lock()
    counter = iter(range(max_requests or requests))
    started = time.monotonic()

    def writing() -> bool:
        return any(w.poll() is None for w in writers)

    def next_request() -> tuple[str, str] | None:
        with lock:
            n = next(counter, None)
        if n is None or time.monotonic() - started > max_seconds:
            return None
        if n >= requests:
            if not writing():
                return None
            time.sleep(linger)
        if posts and write_every and n % write_every == write_every - 1:
            return "POST", posts[n // write_every % len(posts)]
        return "GET", paths[n % len(paths)]

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
        try:
            while (job := next_request()) is not None:
                method, path = job
                during = writing()
                t0 = time.perf_counter()
                try:
                    if method == "POST":
                        status, body = post(host, port, path, conn)
                    else:
                        status, body = get(host, port, path, conn)
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
                    with lock:
                        result.errors.append(f"{method} {path}: {type(exc).__name__}: {exc}")
                    continue
                ms = (time.perf_counter() - t0) * 1000
                label = path if method == "GET" else "POST /api/events/{id}/corrections"
                with lock:
                    result.samples.append((label, status, ms))
                    result.during_writes += during
                    if status != (201 if method == "POST" else 200):
                        result.errors.append(f"{method} {path}: HTTP {status}: "
                                             f"{body[:200].decode(errors='replace')}")
        finally:
            conn.close()

    pool = [threading.Thread(target=worker, name=f"load-{i}") for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    result.seconds = time.monotonic() - started
    return result


def write_articles(folder: Path, writers: int, sentences: int) -> list[Path]:
    """One JSON Lines file of generated articles for each writer (distinct ids)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(writers):
        path = folder / f"writer-{i}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for record in generate(sentences, seed=100 + i):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        files.append(path)
    return files


def report(result: Result, writers: Sequence[tuple[int | None, str]]) -> str:
    made = len(result.samples) + sum(1 for e in result.errors if "HTTP" not in e)
    statuses = ", ".join(f"{n} x {s}" for s, n in sorted(result.statuses.items()))
    lines = [
        f"requests: {made:,} in {result.seconds:.1f} s ({made / max(result.seconds, 1e-9):,.0f}"
        f"/s), {result.during_writes:,} while writers ran; statuses: {statuses or 'none'}",
        f"errors: {len(result.errors)}" + "".join(f"\n  {e}" for e in result.errors[:10]),
        f"latency: p50 {result.percentile(50):.1f} ms, p95 {result.percentile(95):.1f} ms, "
        f"max {result.percentile(100):.1f} ms",
    ]
    by_path = sorted({p for p, _, _ in result.samples},
                     key=lambda p: -result.percentile(95, p))
    for path in by_path[:5]:
        lines.append(f"  p95 {result.percentile(95, path):7.1f} ms  {path}")
    for i, (code, tail) in enumerate(writers):
        lines.append(f"writer {i}: exit {code}; {tail}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path,
                        help="database to serve a copy of (default: a fresh demo one)")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--max-requests", type=int, default=None,
                        help="stop here even if writers still run (default: 10 x --requests)")
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--writers", type=int, default=1,
                        help="irinsider ingest processes writing during the load")
    parser.add_argument("--sentences", type=int, default=300,
                        help="sentences of generated articles each writer stores")
    parser.add_argument("--write-every", type=int, default=20,
                        help="every Nth request posts a correction (0: none)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="irinsider-load-") as tmp:
        work = Path(tmp)
        db = work / "load.db"
        if args.db is None:
            subprocess.run(command("demo", "--no-serve", "--db", str(db)), check=True,
                           stdout=subprocess.DEVNULL)
        else:  # the load writes (articles, corrections): never into the original
            with contextlib.closing(sqlite3.connect(args.db)) as source, \
                    contextlib.closing(sqlite3.connect(db)) as copy:
                source.backup(copy)
        inputs = write_articles(work / "articles", args.writers, args.sentences)
        with server(db, work / "serve.log") as base, contextlib.ExitStack() as stack:
            paths = pages(base)
            print(f"serving {args.db or 'a demo database'} at {base}; {len(paths)} pages; "
                  f"{args.threads} threads; {args.writers} writer(s)")
            logs = [work / f"writer-{i}.log" for i in range(args.writers)]
            writers = [
                stack.enter_context(running(command("ingest", str(path), "--db", str(db)),
                                            stdout=stack.enter_context(log.open("wb")),
                                            stderr=subprocess.STDOUT))
                for path, log in zip(inputs, logs, strict=True)
            ]
            result = fire(base, paths, requests=args.requests, threads=args.threads,
                          writers=writers, max_requests=args.max_requests or 10 * args.requests,
                          max_seconds=args.max_seconds, posts=corrections(base),
                          write_every=args.write_every)
            outcomes = []
            for proc, log in zip(writers, logs, strict=True):
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=120)
                tail = log.read_text(errors="replace").strip().splitlines()
                outcomes.append((proc.poll(), tail[-1] if tail else ""))
        print(report(result, outcomes))
        failed = bool(result.errors) or any(code != 0 for code, _ in outcomes)
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
