"""Concurrency: readers never wait for writers (WAL), writers take turns, a lock that never
comes is a clean one-line error (CLI) or a 503 (reader), and the reader, loaded from
another process by bench/load.py while two `irinsider ingest` write, answers every request.
"""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner
from starlette.exceptions import StarletteDeprecationWarning

from irinsider.batch import FileReport, watch
from irinsider.cli import main
from irinsider.errors import StoreBusyError
from irinsider.model import Article, Block, CodedArticle
from irinsider.pipeline import Pipeline
from irinsider.store import Store
from irinsider.store import connection as store_connection  # where BUSY_TIMEOUT is read
from irinsider.web import WebConfig, create_app

with warnings.catch_warnings():  # starlette prefers httpx2, which the lock does not carry
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

ROOT = Path(__file__).parents[2]
SENTENCES = [
    "Russia condemned Ukraine on Tuesday.",
    "China and Vietnam signed a trade agreement.",
    "The United States imposed sanctions on North Korea.",
    "Germany agreed to lend Greece $50 million.",
    "India and Pakistan held talks in Geneva.",
    "Brazil expelled the Venezuelan ambassador.",
]


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> list[CodedArticle]:
    """Twelve small coded articles, for several writers to save at once."""
    articles = [Article(f"c{i:02d}", f"Brief {i}", None, None, None,
                        (Block(SENTENCES[i % len(SENTENCES)]),)) for i in range(12)]
    return list(pipeline.code(articles))


@contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Hold the database's write lock (an open write transaction) from another connection."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
        yield conn
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def articles_in(path: Path) -> int:
    with Store.open(path) as store:
        return int(store.counts()["articles"])


# ---------------------------------------------------------------------------- in one process


def test_readers_never_wait_and_writers_take_turns(db: Path, coded: list[CodedArticle]) -> None:
    before = articles_in(db)
    held = threading.Event()
    release = threading.Event()
    failures: list[BaseException] = []

    def hold() -> None:  # a long bulk write: one transaction, left open until released
        try:
            with Store.open(db) as store, store.bulk():
                store.save(coded[0])
                held.set()
                release.wait()
        except BaseException as exc:
            failures.append(exc)
            held.set()

    def write(part: list[CodedArticle]) -> None:  # queued behind the bulk write
        try:
            with Store.open(db) as store:
                for c in part:
                    store.save(c)
        except BaseException as exc:
            failures.append(exc)

    holder = threading.Thread(target=hold)
    holder.start()
    writers = [threading.Thread(target=write, args=(coded[1 + i::3],)) for i in range(3)]
    try:
        held.wait()
        assert not failures
        for w in writers:
            w.start()
        # A reader that may not wait at all still reads, and sees only committed rows.
        with Store.open(db, timeout=0) as reader:
            assert reader.counts()["articles"] == before
            assert len(list(reader.events())) > 10
        # A writer that may wait only a moment gives up with a clean error.
        with Store.open(db, timeout=0.05) as impatient:
            with pytest.raises(StoreBusyError) as info:
                impatient.save(coded[1])
        message = str(info.value)
        assert message.startswith(f"{db}: cannot save article 'c01': another process kept "
                                  "the database locked for over 0.05 s")
        assert "nothing was written; try again" in message and "\n" not in message
    finally:
        release.set()
        holder.join()
        for w in writers:
            if w.ident is not None:
                w.join()
    assert failures == []
    assert articles_in(db) == before + len(coded)


def test_ingest_says_so_in_one_line_when_the_lock_never_comes(
        db: Path, tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "news.txt"
    source.write_text("Talks\n\nIndia and Pakistan held talks in Geneva.\n", encoding="utf-8")
    monkeypatch.setattr(store_connection, "BUSY_TIMEOUT", 0.1)
    with write_lock(db):
        result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in result.output
    assert errors[0].startswith(f"error: {db}: cannot save article ")
    assert "another process kept the database locked for over 0.1 s" in errors[0]
    assert "database is locked" not in result.output  # SQLite's own words stay inside
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0 and "ingested 1 article(s)" in result.output


def test_reader_pages_answer_and_a_blocked_write_is_503_while_another_process_writes(
        db: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    client = TestClient(create_app(db, WebConfig(index_interval=None), pipeline=pipeline))
    event = client.get("/api/events?per_page=1").json()["events"][0]
    monkeypatch.setattr(store_connection, "BUSY_TIMEOUT", 0.1)
    with write_lock(db):
        for path in ("/", "/api/countries/CUB", "/pairs/CUB-RUS", f"/api/events/{event['id']}",
                     "/api/search?q=treaty"):
            assert client.get(path).status_code == 200, path
        response = client.post(f"/api/events/{event['id']}/corrections",
                               json={"field": "wrong", "reason": "test", "author": "Bo"})
        assert response.status_code == 503
        assert response.headers["retry-after"] == "5"
        body = response.json()
        assert body["ok"] is False and "locked for over 0.1 s" in body["error"]
        page = client.post(f"/events/{event['id']}/corrections",
                           data={"field": "wrong", "reason": "test", "author": "Bo"})
        assert page.status_code == 503 and "try again when it has finished" in page.text
    response = client.post(f"/api/events/{event['id']}/corrections",
                           json={"field": "wrong", "reason": "test", "author": "Bo"})
    assert response.status_code == 201


def test_watch_takes_a_file_again_when_the_database_was_locked(
        db: Path, tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "talks.txt").write_text("Talks\n\nIndia and Pakistan held talks in Geneva.\n",
                                     encoding="utf-8")
    monkeypatch.setattr(store_connection, "BUSY_TIMEOUT", 0.1)
    before = articles_in(db)
    lock = sqlite3.connect(db, isolation_level=None)
    reports: list[FileReport] = []

    def seen(report: FileReport) -> None:
        reports.append(report)
        if report.retry:  # the other writer finishes
            lock.execute("ROLLBACK")

    try:
        with Store.open(db) as store:
            lock.execute("BEGIN IMMEDIATE")
            lock.execute("UPDATE meta SET value = value WHERE key = 'schema_version'")
            summary = watch(inbox, store, pipeline=pipeline, interval=0.05, max_files=2,
                            on_file=seen)
    finally:
        lock.close()
    assert [r.retry for r in reports] == [True, False]
    assert "locked for over 0.1 s" in reports[0].errors[0] and reports[0].new == 0
    assert reports[1].new == 1 and reports[1].errors == [] and summary.new == 1
    assert articles_in(db) == before + 1


# ---------------------------------------------------------------------------- across processes


def load_bench() -> ModuleType:
    path = ROOT / "bench" / "load.py"
    spec = importlib.util.spec_from_file_location("load_bench", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look their module up there
    spec.loader.exec_module(bench)
    return bench


def test_the_reader_answers_every_request_while_two_ingests_and_its_readers_write(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Pages and JSON twins from 6 threads of this process, every 4th request a correction
    (so requests write at once, through the reader's own connections), while two
    `irinsider ingest` processes store articles: no request fails, none waits for good."""
    bench = load_bench()
    before = articles_in(db)
    inputs = bench.write_articles(tmp_path / "articles", 2, 40)
    expected = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in inputs)
    logs = [tmp_path / f"writer-{i}.log" for i in range(2)]
    with bench.server(db, tmp_path / "serve.log") as base, ExitStack() as stack:
        paths = bench.pages(base)
        assert len(paths) > 25 and "/api/pairs/CUB-RUS" in paths
        writers = [
            stack.enter_context(bench.running(
                bench.command("ingest", str(path), "--db", str(db)),
                stdout=stack.enter_context(log.open("wb")), stderr=bench.subprocess.STDOUT))
            for path, log in zip(inputs, logs, strict=True)
        ]
        result = bench.fire(base, paths, requests=300, threads=6, writers=writers,
                            max_requests=3000, max_seconds=240,
                            posts=bench.corrections(base), write_every=4, linger=0.2)
        codes = [w.wait(timeout=120) for w in writers]
    outputs = [log.read_text(encoding="utf-8", errors="replace") for log in logs]
    with capsys.disabled():
        print("\n" + bench.report(result, [(c, o.strip().splitlines()[-1])
                                           for c, o in zip(codes, outputs, strict=True)]))
    assert result.errors == []
    assert set(result.statuses) == {200, 201} and len(result.samples) >= 300
    assert codes == [0, 0], outputs
    assert not any("locked" in o or "Traceback" in o for o in outputs), outputs
    assert articles_in(db) == before + expected
