"""Watching a folder: files are ingested as they arrive, once, and a restart changes nothing."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from irinsider.batch import FileReport, watch
from irinsider.cli import main
from irinsider.store import Store

EXAMPLE = Path(__file__).parents[2] / "examples" / "cuba-russia.md"


def _articles(db: Path) -> list[str]:
    with Store.open(db) as store:
        return [r["id"] for r in store.articles()]


def test_once_ingests_what_is_there_like_ingest_and_again_changes_nothing(
        tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(EXAMPLE, inbox / "cuba-russia.md")
    (inbox / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": "Russia condemned Ukraine.", "date": "2018-11-09"})
        + "\nnot json\n", encoding="utf-8")
    (inbox / "notes.pdf").write_bytes(b"%PDF")  # not a supported type: left alone
    db = tmp_path / "watch.db"
    result = CliRunner().invoke(main, ["watch", str(inbox), "--db", str(db), "--once"])
    assert result.exit_code == 0, result.output
    assert f"{inbox / 'cuba-russia.md'}: 1 new article(s) with " in result.stdout
    assert f"{inbox / 'wire.jsonl'}: 1 new article(s) with 1 event(s); 0 unchanged" in result.stdout
    assert f"error: {inbox / 'wire.jsonl'}:2: line is not valid JSON" in result.stderr
    assert result.stdout.endswith("from 2 file(s); 0 unchanged\n")

    ingested = tmp_path / "ingest.db"
    CliRunner().invoke(main, ["ingest", str(inbox), "--db", str(ingested)])
    with Store.open(db) as a, Store.open(ingested) as b:
        assert list(a.events()) == list(b.events())
        assert [r["id"] for r in a.articles()] == [r["id"] for r in b.articles()]

    again = CliRunner().invoke(main, ["watch", str(inbox), "--db", str(db), "--once"])
    assert again.exit_code == 0, again.output
    assert again.stdout.endswith("ingested 0 article(s) with 0 event(s) from 2 file(s); "
                                 "2 unchanged\n")


def test_files_dropped_while_watching_are_ingested_once_settled(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "watch.db"
    reports: list[FileReport] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            with Store.open(db) as store:
                watch(inbox, store, interval=0.5, max_files=3, on_file=reports.append,
                      stop=stop)
        except BaseException as exc:  # seen by the test thread
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    try:
        time.sleep(0.3)
        assert reports == []  # an empty inbox is fine
        (inbox / "a.txt").write_text("Iraq was attacked by Iran.", encoding="utf-8")
        time.sleep(0.2)
        assert reports == []  # too recent: it may still be being written
        _wait_for(lambda: len(reports) == 1)
        assert (reports[0].path, reports[0].new) == (str(inbox / "a.txt"), 1)

        (inbox / "sub").mkdir()
        shutil.copy(EXAMPLE, inbox / "sub" / "b.md")
        _wait_for(lambda: len(reports) == 2)
        assert reports[1].path == str(inbox / "sub" / "b.md") and reports[1].events > 5

        # the same article under another name: read, but not coded or stored again
        shutil.copy(inbox / "a.txt", inbox / "c.txt")
        thread.join(timeout=30)
        assert not thread.is_alive(), "watch did not stop after --max-files"
    finally:
        stop.set()
        thread.join(timeout=30)
    assert failures == []
    assert (reports[2].new, reports[2].unchanged) == (0, 1)
    assert len(_articles(db)) == 2


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = inbox / "a.txt"
    path.write_text("Iraq was attacked by Iran.", encoding="utf-8")
    db = tmp_path / "watch.db"
    with Store.open(db) as store:
        first = watch(inbox, store, once=True)
        path.write_text("Russia condemned Ukraine.", encoding="utf-8")
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
        second = watch(inbox, store, once=True)
    assert (first.new, second.new) == (1, 1)
    assert len(_articles(db)) == 2


def test_max_files_stops_the_command(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.txt", "b.txt"):
        (inbox / name).write_text(f"Iraq was attacked by Iran in {name}.", encoding="utf-8")
    old = time.time_ns() - 10 * 10**9
    for name in ("a.txt", "b.txt"):
        os.utime(inbox / name, ns=(old, old))
    result = CliRunner().invoke(main, ["watch", str(inbox), "--db", str(tmp_path / "w.db"),
                                       "--interval", "0.1", "--max-files", "1"])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"watching {inbox} (Ctrl-C to stop)\n"
    assert result.stdout.splitlines() == [
        f"{inbox / 'a.txt'}: 1 new article(s) with 1 event(s); 0 unchanged",
        "ingested 1 article(s) with 1 event(s) from 1 file(s); 0 unchanged",
    ]


def _wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
