"""Batch mode: the same events as `code`, the same store as `ingest`, resumable after kill -9.

One two-process Dask cluster serves the module (through --scheduler and `client=`); one test
starts its own local cluster (--workers 1) and one a separate process that is killed.
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from irinsider.batch import (
    Monitor,
    ProgressBar,
    local_cluster,
    read_batch_coded,
    read_events,
    run_batch,
    shards,
)
from irinsider.batch import run as batch_module
from irinsider.cli import main
from irinsider.errors import IrinsiderError
from irinsider.store import Store

EXAMPLE = Path(__file__).parents[2] / "examples" / "cuba-russia.md"
SENTENCES = [
    "Russia condemned Ukraine on Tuesday.",
    "Iraq was attacked by Iran.",
    "China and Vietnam signed a trade agreement.",
    "The United States imposed sanctions on North Korea.",
    "Germany agreed to lend Greece $50 million.",
    "France urged Iran not to withdraw from the nuclear deal.",
    "Japan did not criticise China.",
    "Turkish troops shelled Kurdish positions in Syria.",
    "India and Pakistan held talks in Geneva.",
    "Brazil expelled the Venezuelan ambassador.",
]
SHARD = "1KB"


def make_corpus(root: Path) -> list[str]:
    """A small corpus in every supported format; returns the INPUT arguments."""
    root.mkdir(parents=True, exist_ok=True)
    records = [
        json.dumps({"id": f"n{i:03d}", "text": f"{SENTENCES[i % len(SENTENCES)]} "
                    f"{SENTENCES[(i * 7 + 3) % len(SENTENCES)]}",
                    "date": f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}"})
        for i in range(60)
    ]
    (root / "news.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    folder = root / "articles"
    folder.mkdir(exist_ok=True)
    shutil.copy(EXAMPLE, folder / "cuba-russia.md")
    (folder / "talks.html").write_text(
        "<html><head><title>Talks</title></head><body><p>Egypt hosted talks between Israel "
        "and Hamas on Monday.</p><p>Qatar offered to mediate.</p></body></html>",
        encoding="utf-8")
    (root / "wire.txt.gz").write_bytes(gzip.compress(
        b"Wire\n\nSaudi Arabia threatened to cut oil supplies to Canada.\n"))
    return [str(root / "news.jsonl"), str(folder), str(root / "*.txt.gz")]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with local_cluster(2) as c:
        yield c


@pytest.fixture(scope="module")
def client(cluster: Any) -> Iterator[Any]:
    from distributed import Client

    with Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


def as_shell_expands(args: list[str]) -> list[str]:
    """The arguments with their patterns expanded, as a shell gives them to `code`."""
    return [m for a in args for m in (sorted(glob.glob(a)) if "*" in a else [a])]


@pytest.fixture(scope="module")
def coded_lines(corpus: list[str]) -> list[str]:
    """What `irinsider code --include-negated` prints for the corpus."""
    result = CliRunner().invoke(main, ["code", "--include-negated", *as_shell_expands(corpus)])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@pytest.fixture(scope="module")
def clean_run(corpus: list[str], cluster: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An uninterrupted batch of the corpus (Parquet), to compare other runs with."""
    out = tmp_path_factory.mktemp("clean") / "out"
    result = CliRunner().invoke(main, ["batch", *corpus, "--out", str(out), "--shard-size",
                                       SHARD, "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    return out


def files_of(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".lock"}


def test_batch_events_equal_code_events_with_one_worker_and_with_two(
        corpus: list[str], coded_lines: list[str], clean_run: Path, tmp_path: Path) -> None:
    expected = [json.loads(line) for line in coded_lines]
    assert len(expected) > 40 and any(e["negated"] for e in expected)
    index = json.loads((clean_run / "index.json").read_text())
    assert index["complete"] and len(index["shards"]) > 5
    assert list(read_events(clean_run)) == expected  # two workers, Parquet

    out = tmp_path / "one"
    result = CliRunner().invoke(main, ["batch", *corpus, "--out", str(out), "--workers", "1",
                                       "--format", "jsonl", "--shard-size", SHARD])
    assert result.exit_code == 0, result.output
    assert list(read_events(out)) == expected  # one worker, JSON Lines
    written = "".join((out / s["events_file"]).read_text(encoding="utf-8")
                      for s in json.loads((out / "index.json").read_text())["shards"])
    assert written.splitlines() == coded_lines  # byte for byte what `code` prints
    assert f"{len(expected)} event(s) in {len(index['shards'])} of" in result.stdout


def test_parquet_events_load_in_pandas(clean_run: Path, coded_lines: list[str]) -> None:
    import pandas as pd

    frame = pd.read_parquet(clean_run / "events")
    assert len(frame) == len(coded_lines)
    assert list(frame.columns) == list(json.loads(coded_lines[0]))
    assert set(frame["source_country"]) >= {"RUS", "IRN", "CHN"}


def test_batch_into_store_equals_ingest(corpus: list[str], clean_run: Path,
                                        cluster: Any, tmp_path: Path) -> None:
    db = tmp_path / "batch.db"
    result = CliRunner().invoke(main, ["batch", *corpus, "--out", str(clean_run), "--resume",
                                       "--shard-size", SHARD, "--db", str(db), "--scheduler",
                                       cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert "already done" in result.stdout and "new article(s)" in result.stdout
    ingested = tmp_path / "ingest.db"
    result = CliRunner().invoke(main, ["ingest", *as_shell_expands(corpus), "--db",
                                       str(ingested)])
    assert result.exit_code == 0, result.output

    def rows(store: Store) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "ingested_at"} for r in store.articles()]

    with Store.open(db) as a, Store.open(ingested) as b:
        assert rows(a) == rows(b) and len(rows(a)) > 50
        assert all(a.article(r["id"]) == b.article(r["id"]) for r in rows(b))
        assert list(a.events()) == list(b.events())
    assert [c.article.id for c in read_batch_coded(clean_run)][:2] == ["n000", "n001"]


def test_resume_after_kill_9_gives_the_files_of_an_uninterrupted_run(
        corpus: list[str], clean_run: Path, cluster: Any, tmp_path: Path) -> None:
    out = tmp_path / "killed"
    proc = subprocess.Popen(
        [sys.executable, "-m", "irinsider", "batch", *corpus, "--out", str(out), "--workers",
         "1", "--shard-size", SHARD],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not list((out / "done").glob("shard-*.json")):
            assert proc.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline, "no shard finished within 60 s"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # anything of that session still alive
    survivors = {p.name: p.stat().st_mtime_ns for p in (out / "done").glob("shard-*.json")}
    total = len(json.loads((clean_run / "index.json").read_text())["shards"])
    assert 1 <= len(survivors) < total

    result = CliRunner().invoke(main, ["batch", *corpus, "--out", str(out), "--shard-size",
                                       SHARD, "--resume", "--scheduler",
                                       cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert f"({len(survivors)} already done)" in result.stdout
    assert {n: (out / "done" / n).stat().st_mtime_ns for n in survivors} == survivors
    assert files_of(out) == files_of(clean_run)


class _KillAWorker(Monitor):
    def __init__(self, pid: int) -> None:
        self.pid, self.killed = pid, False

    def shard_done(self, shard_id: int, result: dict[str, Any] | None) -> None:
        if not self.killed:
            self.killed = True
            os.kill(self.pid, signal.SIGKILL)


def test_a_worker_killed_mid_run_is_replaced_and_the_output_is_the_same(
        corpus: list[str], clean_run: Path, client: Any, tmp_path: Path) -> None:
    pid = next(iter(client.run(os.getpid).values()))
    monitor = _KillAWorker(pid)
    out = tmp_path / "out"
    summary = run_batch(corpus, out, client=client, shard_size=shards.parse_size(SHARD),
                        monitor=monitor)
    assert monitor.killed and summary.complete
    assert files_of(out) == files_of(clean_run)
    client.wait_for_workers(2, timeout=30)


def test_broken_inputs_are_reported_and_the_rest_is_coded(
        corpus: list[str], cluster: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "broken.md.gz").write_bytes(b"this is not gzip")
    (bad / "mixed.jsonl").write_text('{"id": "m1", "text": "Russia condemned Ukraine."}\n'
                                     "not json\n", encoding="utf-8")
    inputs = [*corpus, str(bad), str(tmp_path / "missing.txt")]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", *inputs, "--out", str(out), "--format", "jsonl",
                                       "--shard-size", SHARD, "--scheduler",
                                       cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "skipped 4 input(s) or record(s):" in result.stdout
    for reason in (f"{bad / 'binary.txt'}: binary or undecodable content",
                   f"{bad / 'broken.md.gz'}: not a valid gzip file (or it is truncated)",
                   f"{bad / 'mixed.jsonl'}:2: line is not valid JSON",
                   f"{tmp_path / 'missing.txt'}: no such file"):
        assert reason in result.stdout
    index = json.loads((out / "index.json").read_text())
    assert index["complete"] and index["totals"]["skipped"] == 4
    code = CliRunner().invoke(main, ["code", "--include-negated", *as_shell_expands(inputs)])
    assert list(read_events(out)) == [json.loads(line) for line in code.stdout.splitlines()]


@pytest.fixture()
def inproc() -> Iterator[Any]:
    """A one-thread cluster inside this process (so a test can patch what the task calls)."""
    from distributed import Client

    with local_cluster(1, processes=False) as c, Client(c) as cl:
        yield cl


def test_a_failing_shard_is_reported_the_others_finish_and_resume_completes(
        corpus: list[str], clean_run: Path, inproc: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = shards.read_shard

    def flaky(shard: shards.Shard, **kwargs: Any) -> Any:
        if shard.id == 2:
            raise RuntimeError("disk on fire")
        return real(shard, **kwargs)

    monkeypatch.setattr(shards, "read_shard", flaky)
    out = tmp_path / "out"
    args = ["batch", *corpus, "--out", str(out), "--shard-size", SHARD, "--scheduler",
            inproc.scheduler.address, "--db", str(tmp_path / "x.db")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "error: shard 2 failed: RuntimeError: disk on fire" in result.stderr
    assert "1 shard(s) failed; not stored in the database" in result.stderr
    assert not (tmp_path / "x.db").exists()
    index = json.loads((out / "index.json").read_text())
    assert not index["complete"] and index["shards"][2]["error"].endswith("disk on fire")
    assert all("events_file" in s for s in index["shards"] if s["id"] != 2)
    with pytest.raises(IrinsiderError, match="incomplete; finish it with --resume"):
        list(read_events(out))

    monkeypatch.setattr(shards, "read_shard", real)
    result = CliRunner().invoke(main, [*args, "--resume"])
    assert result.exit_code == 0, result.output
    total = len(index["shards"])
    assert f"in {total} of {total} shard(s) ({total - 1} already done)" in result.stdout
    assert files_of(out) == files_of(clean_run)


def test_resume_recodes_only_the_shard_whose_input_changed(inproc: Any, tmp_path: Path) -> None:
    inputs = make_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    first = run_batch(inputs, out, client=inproc, shard_size=1024, fmt="jsonl")
    html = tmp_path / "corpus" / "articles" / "talks.html"
    html.write_text(html.read_text().replace("Egypt", "Oman"), encoding="utf-8")
    again = run_batch(inputs, out, client=inproc, shard_size=1024, fmt="jsonl", resume=True)
    assert again.reused == first.shards - 1
    assert any(e["source_country"] == "OMN" for e in read_events(out))


def test_progress_bar_on_a_terminal(inproc: Any, tmp_path: Path) -> None:
    from rich.console import Console

    buffer = io.StringIO()
    bar = ProgressBar(Console(file=buffer, force_terminal=True, width=160))
    inputs = make_corpus(tmp_path / "corpus")
    run_batch(inputs, tmp_path / "out", client=inproc, shard_size=1024, monitor=bar)
    text = buffer.getvalue()
    for label in ("docs/s", "sentences/s", "ETA", "shards"):
        assert label in text
    assert "63/63" in text  # every document of the corpus


def test_no_progress_bar_when_not_a_terminal(inproc: Any, tmp_path: Path) -> None:
    inputs = make_corpus(tmp_path / "corpus")
    result = CliRunner().invoke(main, ["batch", *inputs, "--out", str(tmp_path / "out"),
                                       "--scheduler", inproc.scheduler.address])
    assert result.exit_code == 0, result.output
    assert "docs/s" not in result.output and result.stderr == ""
    assert result.stdout.startswith("coded 63 document(s), ")


@pytest.mark.parametrize(("args", "message"), [
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
     "--workers sizes a local cluster; leave it out with --scheduler"),
    (["--shard-size", "lots"], "'lots' is not a size"),
    (["--format", "csv"], "'csv' is not one of 'parquet', 'jsonl'"),
])
def test_bad_options_are_one_line_usage_errors(tmp_path: Path, args: list[str],
                                               message: str) -> None:
    result = CliRunner().invoke(main, ["batch", str(EXAMPLE), "--out", str(tmp_path / "o"),
                                       *args])
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output


def test_output_folder_problems_are_one_line_errors(tmp_path: Path, inproc: Any) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "thesis.tex").write_text("precious")
    cases = [
        ([str(EXAMPLE), "--out", str(tmp_path / "full")],
         f"error: {tmp_path / 'full'}: folder is not empty and holds no batch; choose a new "
         "or empty --out folder\n"),
        ([str(tmp_path / "nothing.txt"), "--out", str(tmp_path / "o")],
         f"error: nothing to code: {tmp_path / 'nothing.txt'}: no such file\n"),
    ]
    run_batch([str(EXAMPLE)], tmp_path / "done", client=inproc)
    cases += [
        ([str(EXAMPLE), "--out", str(tmp_path / "done")],
         f"error: {tmp_path / 'done'}: holds an earlier batch; add --resume to continue it, "
         "or choose another --out folder\n"),
        ([str(EXAMPLE), "--out", str(tmp_path / "done"), "--resume", "--format", "jsonl"],
         f"error: {tmp_path / 'done'}: the batch there was written as parquet; resume it with "
         "--format parquet or choose another --out folder\n"),
    ]
    for args, message in cases:
        result = CliRunner().invoke(main, ["batch", *args])
        assert (result.exit_code, result.stderr) == (2, message)
    assert (tmp_path / "full" / "thesis.tex").read_text() == "precious"


def test_unreachable_scheduler_is_a_one_line_error(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_module, "CONNECT_TIMEOUT", "0.5s")
    result = CliRunner().invoke(main, ["batch", str(EXAMPLE), "--out", str(tmp_path / "o"),
                                       "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:1")
    assert result.stderr.count("\n") == 1

