"""The command line, through click's runner."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from irinsider.cli import main

SENTENCES = [
    {"id": "a1", "text": "Russia condemned Ukraine on Tuesday.", "date": "2018-11-09"},
    {"id": "a2", "text": "Iraq was attacked by Iran.", "date": "2003-03-20"},
]


@pytest.fixture()
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in SENTENCES), encoding="utf-8")
    return path


def test_code_prints_jsonl_events_keyed_by_record_id(jsonl: Path) -> None:
    result = CliRunner().invoke(main, ["code", str(jsonl)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(e["doc_id"], e["source"], e["target"], e["cameo"][:2]) for e in events} == {
        ("a1", "RUS", "UKR", "11"),
        ("a2", "IRN", "IRQ", "19"),
    }
    # dated by the sentence: the Tuesday before the record's date
    assert (events[0]["date"], events[0]["date_precision"]) == ("2018-11-06", "day")


def test_code_csv_loads_in_pandas(jsonl: Path) -> None:
    result = CliRunner().invoke(main, ["code", str(jsonl), "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert set(frame["source_country"]) == {"RUS", "IRN"}


def test_code_reads_stdin() -> None:
    result = CliRunner().invoke(main, ["code", "-", "--date", "2018-11-09"],
                                input="Russia condemned Ukraine.\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["source"] == "RUS"


def test_bad_jsonl_line_is_reported_and_the_rest_coded(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "x", "text": "Russia condemned Ukraine."}\nnot json\n{"id": "y"}\n')
    result = CliRunner().invoke(main, ["code", str(path)])
    assert result.exit_code == 0
    assert f"{path}:2" in result.stderr and f"{path}:3" in result.stderr
    assert "Traceback" not in result.output
    assert "read 1, skipped 2 input(s) or record(s):" in result.stderr
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"   \n", "empty"),
        ("binary.txt", b"\x00\x01\x02\x00garbage\x00", "binary"),
    ],
)
def test_unreadable_input_exits_nonzero_with_one_line(
    tmp_path: Path, name: str, content: bytes | None, problem: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    db = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(path) in errors[0] and problem in errors[0]
    assert "Traceback" not in result.output
    if db.exists():
        assert sqlite3.connect(db).execute("select count(*) from articles").fetchone() == (0,)


def test_ingest_is_idempotent_and_export_round_trips(jsonl: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(jsonl), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "ingested 2 article(s)" in first.stdout
    second = runner.invoke(main, ["ingest", str(jsonl), "--db", str(db)])
    assert "ingested 0 article(s) with 0 event(s); 2 unchanged" in second.stdout
    out = tmp_path / "events.jsonl"
    exported = runner.invoke(main, ["export", "--db", str(db), "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    frame = pd.read_json(out, lines=True)
    assert sorted(frame["doc_id"]) == ["a1", "a2"]


def test_export_without_database_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "no such database" in result.stderr


def test_user_actor_dictionary(tmp_path: Path) -> None:
    actors = tmp_path / "toy.yaml"
    actors.write_text("actors:\n  - {code: ARN, name: Arnor, names: [Arnorian]}\n"
                      "  - {code: GON, name: Gondor}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", "-", "--actors", str(actors)],
                                input="Arnor condemned Gondor.\n")
    assert result.exit_code == 0, result.output
    event = json.loads(result.stdout.splitlines()[0])
    assert (event["source"], event["target"]) == ("ARN", "GON")


@pytest.mark.parametrize("command", ["code", "ingest", "export", "demo"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: irinsider" in result.stdout


def test_demo_stores_the_example(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--db", str(db), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "Cuba and Russia: Budding Relations" in result.stdout
    assert "$50 million" in result.stdout
    count = sqlite3.connect(db).execute("select count(*) from events").fetchone()[0]
    assert count >= 5
