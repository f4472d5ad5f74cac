"""Crash safety: `irinsider ingest` and `irinsider batch --db` killed with SIGKILL at random
points leave a sound database, in which every article is whole or absent, and running the
same command again ends with exactly what an uninterrupted run stores.

The commands run in children forked from one warm process (tests/crash_runner.py), so
the kills land in coding and writing rather than in loading the model. A kill comes
either at a random time after the start, or a random time into a burst of writes to the
database's WAL file (ingest) or into the batch's store phase (after its index.json is
written). The kill points come from a seeded generator: the seed (6042 unless
IRINSIDER_CRASH_SEED says otherwise) is printed and is part of every failure message, so
a failure can be replayed and other seeds tried.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from irinsider.batch import local_cluster, worker_pipeline

HERE = Path(__file__).parents[1]
EXAMPLE = HERE.parent / "examples" / "cuba-russia.md"
SEED = int(os.environ.get("IRINSIDER_CRASH_SEED", "6042"))
INGEST_KILLS = 20
CHAIN = 5  # kills of ingest into one database before it is run to the end
BATCH_KILLS = 5
KILLED = -signal.SIGKILL

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash runner forks")

# Columns that hold the time a row was stored, which a second run cannot repeat.
VOLATILE = {"ingested_at", "first_seen", "last_seen"}
WORDS = ["Russia", "talks", "sanctions", "Cuba", "lend"]  # searched in the full-text index
SENTENCES = [
    "Russia condemned Ukraine on Tuesday.",
    "Iraq was attacked by Iran.",
    "China and Vietnam signed a trade agreement.",
    "The United States imposed sanctions on North Korea.",
    "Germany agreed to lend Greece $50 million.",
    "France urged Iran not to withdraw from the nuclear deal.",
    "Japan did not criticise China.",
    "India and Pakistan held talks in Geneva.",
    "Brazil expelled the Venezuelan ambassador.",
    "Egypt hosted talks between Israel and Hamas on Monday.",
    "Saudi Arabia threatened to cut oil supplies to Canada.",
]


class Runner:
    """The warm process of tests/crash_runner.py; killed with its children at the end."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.runs = 0
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "crash_runner.py")], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, start_new_session=True, env=env,
        )
        line = self._read()
        assert "ready" in line, f"the crash runner did not start: {line!r}"

    def _read(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline()

    def run(self, args: list[str], *, kill: dict[str, Any] | None = None,
            watch: Path | None = None, mark: Path | None = None) -> dict[str, Any]:
        """Run ``irinsider ARGS``, killed as `kill` says; see crash_runner.py."""
        assert self.proc.stdin is not None
        self.runs += 1
        log = self.logs / f"run-{self.runs:03d}.log"
        request = {"args": args, "log": str(log), "kill": kill,
                   "watch": str(watch) if watch else None, "mark": str(mark) if mark else None}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self._read()
        assert line, "the crash runner died"
        result: dict[str, Any] = json.loads(line)
        result["log"] = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        return result

    def close(self) -> None:
        with contextlib.suppress(OSError):
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)  # the runner and any child of it
            self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@dataclass(frozen=True)
class Reference:
    """What an uninterrupted `irinsider ingest` of the corpus stores, and how long it takes."""

    snapshot: dict[str, list[tuple[Any, ...]]]
    articles: dict[str, tuple[Any, ...]]  # id -> content hash and rows of each kind
    seconds: float
    burst: float  # the longest burst of writes, in seconds


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """40 one-line generated articles and the bundled example, as INPUT arguments.

    Ingest codes 32 articles at a time and then saves them, so its writes come in
    three bursts: opening the database, the first 32 short articles, the rest.
    """
    root = tmp_path_factory.mktemp("crash-corpus")
    shutil.copy(EXAMPLE, root / "cuba-russia.md")
    records = [
        json.dumps({"id": f"w{i:03d}", "title": f"Wire {i}",
                    "text": SENTENCES[(i * 5 + i // len(SENTENCES)) % len(SENTENCES)],
                    "date": f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}"})
        for i in range(40)
    ]
    (root / "wire.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return [str(root / "wire.jsonl"), str(root / "cuba-russia.md")]


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    r = Runner(tmp_path_factory.mktemp("crash-logs"))
    try:
        yield r
    finally:
        r.close()


@pytest.fixture(scope="module")
def reference(runner: Runner, corpus: list[str],
              tmp_path_factory: pytest.TempPathFactory) -> Reference:
    db = tmp_path_factory.mktemp("crash-clean") / "clean.db"
    result = runner.run(["ingest", *corpus, "--db", str(db)], watch=wal(db))
    assert result["status"] == 0, result["log"]
    bursts: list[list[float]] = []
    for t in result["changes"]:
        if bursts and t - bursts[-1][1] < 0.2:
            bursts[-1][1] = t
        else:
            bursts.append([t, t])
    with sqlite3.connect(db) as conn:
        articles = article_rows(conn)
    assert len(articles) == 41
    return Reference(snapshot(db), articles, result["seconds"],
                     max(end - start for start, end in bursts) + 0.01)


def wal(db: Path) -> Path:
    return db.with_name(db.name + "-wal")


def tables_of(conn: sqlite3.Connection) -> list[str]:
    return [n for (n,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%fts%' ORDER BY name")]


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (less the storing times), and what full-text search finds."""
    conn = sqlite3.connect(db)
    try:
        out: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables_of(conn):
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in VOLATILE]
            out[table] = sorted((tuple(row[i] for i in keep) for row in cursor), key=repr)
        out["search"] = [
            (word, conn.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH ?",
                                (word,)).fetchone()[0])
            for word in WORDS
        ]
        return out
    finally:
        conn.close()


def article_rows(conn: sqlite3.Connection) -> dict[str, tuple[Any, ...]]:
    """Each stored article: its content hash and how many rows of each kind it has."""
    return {row[0]: row[1:] for row in conn.execute(
        "SELECT a.id, a.content_hash, "
        "(SELECT count(*) FROM blocks b WHERE b.article_id = a.id), "
        "(SELECT count(*) FROM sentences s WHERE s.article_id = a.id), "
        "(SELECT count(*) FROM actors x WHERE x.article_id = a.id), "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id), "
        "(SELECT count(*) FROM quantities q JOIN events e ON e.id = q.event_id "
        " WHERE e.article_id = a.id) FROM articles a")}


def check_sound(db: Path, reference: Reference, where: str) -> int:
    """Assert that the database a kill left is sound; return how many articles it holds."""
    if not db.exists():
        return 0  # killed before it was created
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], where
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], where
        tables = tables_of(conn)
        if "articles" not in tables:
            return 0
        stored = article_rows(conn)
        for article_id, rows in stored.items():
            assert rows == reference.articles.get(article_id), (
                f"{where}: article {article_id} is stored as {rows} (hash, blocks, "
                f"sentences, actors, events, quantities), not {reference.articles.get(article_id)}")
        if "tallies" in tables:
            tallies = dict(conn.execute("SELECT name, n FROM tallies"))
            for name in ("articles", "sentences", "events"):
                count = conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                assert tallies.get(name) == count, f"{where}: tally of {name}"
            for fts in ("sentences_fts", "articles_fts"):
                conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('integrity-check')")
        return len(stored)
    finally:
        conn.close()


def assert_same(db: Path, reference: Reference, where: str) -> None:
    """Assert that the database holds exactly what the uninterrupted ingest stored."""
    got = snapshot(db)
    assert sorted(got) == sorted(reference.snapshot), where
    for table, rows in reference.snapshot.items():
        if got[table] != rows:
            extra = [r for r in got[table] if r not in rows][:2]
            missing = [r for r in rows if r not in got[table]][:2]
            pytest.fail(f"{where}: table {table} differs from an uninterrupted run: "
                        f"{len(got[table])} rows, not {len(rows)}; extra {extra}; "
                        f"missing {missing}")


def test_ingest_killed_at_random_points_leaves_whole_articles_and_finishes_alike(
        runner: Runner, corpus: list[str], reference: Reference, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    print(f"\ncrash seed {SEED} (IRINSIDER_CRASH_SEED)")
    kills = partial = runs = chains = 0
    while kills < INGEST_KILLS:
        chains += 1
        db = tmp_path / f"chain-{chains}.db"
        killed_here = 0
        while True:  # kill ingest into `db` up to CHAIN times, then let it finish
            runs += 1
            plan: dict[str, Any] | None
            if killed_here == CHAIN or kills == INGEST_KILLS:
                plan = None
            elif rng.random() < 0.25:
                plan = {"after": "start", "delay": round(rng.uniform(0, reference.seconds), 3)}
            else:  # into the opening (0) or a burst of saves (1, 2; 2 only on a fresh chain)
                plan = {"after": "changes", "skip": rng.choice([0, 1, 1, 1, 2, 2]),
                        "delay": round(rng.uniform(0, reference.burst), 4)}
            result = runner.run(["ingest", *corpus, "--db", str(db)], kill=plan, watch=wal(db))
            where = f"seed {SEED}, run {runs} (chain {chains}), kill {plan}"
            if result["status"] != KILLED:  # finished before any kill came
                assert result["status"] == 0, f"{where}: {result['log']}"
                assert "Traceback" not in result["log"], f"{where}: {result['log']}"
                assert_same(db, reference, where)
                print(f"  chain {chains}: finished, as an uninterrupted run")
                break
            kills += 1
            killed_here += 1
            stored = check_sound(db, reference, where)
            partial += 0 < stored < len(reference.articles)
            print(f"  kill {kills:2d}: {plan}: {stored} article(s) stored")
    print(f"{kills} kills in {chains} chains ({runs} runs), {partial} with part of the "
          "corpus stored")
    assert partial >= 1, f"seed {SEED}: no kill came while articles were being written"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """One worker, its coder loaded, for every batch (the killed ones are its clients)."""
    from distributed import Client

    with local_cluster(1) as c:
        with Client(c) as client:
            client.run(_load_worker_pipeline)
        yield c


def _load_worker_pipeline() -> None:
    worker_pipeline()


def outputs_of(out: Path) -> dict[str, bytes]:
    """A batch's event and article files and its index (not the shard keys, which hash
    the coder's source files too)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".lock" and p.parent.name != "done"
            and p.name != "manifest.json"}


def test_batch_into_a_database_killed_at_random_points_resumes_to_the_same_end(
        runner: Runner, corpus: list[str], reference: Reference, cluster: Any,
        tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    print(f"\ncrash seed {SEED} (IRINSIDER_CRASH_SEED)")

    def batch(name: str) -> tuple[list[str], Path, Path]:
        out, db = tmp_path / name, tmp_path / f"{name}.db"
        return (["batch", *corpus, "--out", str(out), "--db", str(db), "--resume",
                 "--format", "jsonl", "--shard-size", "1KB",
                 "--scheduler", cluster.scheduler_address], out, db)

    args, clean_out, clean_db = batch("clean")
    result = runner.run(args, mark=clean_out / "index.json", watch=wal(clean_db))
    assert result["status"] == 0, result["log"]
    assert result["marked"] is not None and result["changes"]
    assert_same(clean_db, reference, "an uninterrupted batch --db")  # = ingest's database
    storing = result["changes"][-1] - result["marked"] + 0.01  # index.json to the last commit
    kills = attempts = 0
    while kills < BATCH_KILLS:
        attempts += 1
        assert attempts <= 3 * BATCH_KILLS, f"seed {SEED}: too few batches could be killed"
        plan = ({"after": "mark", "delay": round(rng.uniform(0, storing), 4)} if attempts % 2
                else {"after": "start", "delay": round(rng.uniform(0, result["marked"]), 3)})
        args, out, db = batch(f"killed-{attempts}")
        killed = runner.run(args, kill=plan, mark=out / "index.json")
        where = f"seed {SEED}, batch {attempts}, kill {plan}"
        if killed["status"] != KILLED:
            assert killed["status"] == 0, f"{where}: {killed['log']}"
            continue
        kills += 1
        stored = check_sound(db, reference, where)
        print(f"  kill {kills}: {plan}: {stored} article(s) stored")
        resumed = runner.run(args)
        assert resumed["status"] == 0, f"{where}, then --resume: {resumed['log']}"
        assert "Traceback" not in resumed["log"], f"{where}: {resumed['log']}"
        assert_same(db, reference, f"{where}, then --resume")
        assert outputs_of(out) == outputs_of(clean_out), f"{where}, then --resume"
    print(f"{kills} kills of batch --db in {attempts} runs")
