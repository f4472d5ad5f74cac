"""Planning shards and reading them back: the same articles as `read_inputs`, in the same order."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from irinsider.batch import Shard, expand_inputs, parse_size, plan_shards, read_shard
from irinsider.errors import InputError
from irinsider.ingest import read_inputs

EXAMPLE = Path(__file__).parents[2] / "examples" / "cuba-russia.md"


def _records(n: int) -> list[str]:
    lines = []
    for i in range(n):
        if i % 17 == 5:
            lines.append("this line is not JSON")
        elif i % 23 == 7:
            lines.append("")
        elif i % 19 == 3:
            lines.append(json.dumps({"id": f"r{i}", "text": f"Russia condemned Ukraine {i}.",
                                     "date": "soon"}))
        else:
            lines.append(json.dumps({"id": f"r{i}", "text": f"Russia condemned Ukraine {i}.",
                                     "date": "2018-11-09"}))
    return lines


def _read_all(plan_shards_: tuple[Shard, ...]) -> tuple[list[object], list[str]]:
    warnings: list[str] = []
    items: list[object] = []
    for shard in plan_shards_:
        items += list(read_shard(shard, on_warning=warnings.append))
    return items, warnings


def _same(a: object, b: object) -> bool:
    if isinstance(a, InputError) and isinstance(b, InputError):
        return str(a) == str(b)
    return a == b


@pytest.mark.parametrize(("text", "size"), [
    ("65536", 65536), ("64KB", 65536), ("64kib", 65536), ("1.5M", 1572864), ("2 MB", 2097152),
    ("1g", 1073741824),
])
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "4 parsecs", "-1", "0"])
def test_parse_size_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_inputs_keep_the_given_order_with_folders_sorted_and_duplicates_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news" / "sub").mkdir(parents=True)
    for name in ("news/b.txt", "news/a.md", "news/sub/c.html", "news/.hidden.txt",
                 "news/skip.pdf", "z.jsonl", "y.txt.gz"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    items = list(expand_inputs(["z.jsonl", "news", "news/a.md", "*.gz", "missing.txt",
                                "news/skip.pdf", "nothing*.txt", "-"]))
    files = [i for i in items if not isinstance(i, InputError)]
    problems = [str(i) for i in items if isinstance(i, InputError)]
    assert files == [("z.jsonl", "jsonl"), ("news/a.md", "markdown"), ("news/b.txt", "text"),
                     ("news/sub/c.html", "html"), ("y.txt.gz", "text")]
    assert problems == [
        "missing.txt: no such file",
        "news/skip.pdf: unsupported file type; use .txt, .md, .html or .jsonl (optionally .gz)",
        "nothing*.txt: no .txt, .md, .html or .jsonl (optionally .gz) file matches this pattern",
        "-: batch mode reads files, not standard input; save it to a file",
    ]


def test_recursive_glob(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.jsonl.gz").write_bytes(gzip.compress(b"{}\n"))
    (tmp_path / "a" / "y.jsonl").write_text("{}\n")
    found = [p for p, _ in expand_inputs([str(tmp_path / "**" / "*.jsonl*")])]  # type: ignore[misc]
    assert found == [str(tmp_path / "a" / "b" / "x.jsonl.gz"), str(tmp_path / "a" / "y.jsonl")]


@pytest.mark.parametrize("compress", [False, True])
def test_large_jsonl_is_cut_into_line_ranges_that_read_as_the_whole_file(
        tmp_path: Path, compress: bool) -> None:
    data = ("\n".join(_records(300)) + "\n").encode("utf-8")
    path = tmp_path / ("big.jsonl.gz" if compress else "big.jsonl")
    path.write_bytes(gzip.compress(data) if compress else data)
    plan = plan_shards([path], shard_size=2000)
    assert len(plan.shards) > 5
    ranges = [(p.first, p.last) for s in plan.shards for p in s.pieces]
    assert ranges[0][0] == 1 and ranges[-1][1] == 300
    assert all(b[0] == a[1] + 1 for a, b in zip(ranges, ranges[1:], strict=False))
    assert all(s.size < 2000 + 100 for s in plan.shards)
    assert plan.items == sum(1 for line in _records(300) if line.strip())

    items, warnings = _read_all(plan.shards)
    expected_warnings: list[str] = []
    expected = list(read_inputs([path], on_warning=expected_warnings.append))
    assert len(items) == len(expected)
    assert all(_same(a, b) for a, b in zip(items, expected, strict=True))
    assert warnings == expected_warnings and warnings  # bad dates, numbered as in the file
    assert any(isinstance(i, InputError) and i.line == 6 for i in items)


def test_small_files_stay_whole_and_shards_fill_in_order(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text("Russia condemned Ukraine. " * 20, encoding="utf-8")
    plan = plan_shards([tmp_path], shard_size=1500)
    pieces = [[Path(p.path).name for p in s.pieces] for s in plan.shards]
    assert pieces == [["0.txt", "1.txt"], ["2.txt", "3.txt"], ["4.txt", "5.txt"]]
    assert all(p.first is None for s in plan.shards for p in s.pieces)


def test_plan_is_deterministic_and_keys_follow_inputs_and_options(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(_records(100)) + "\n", encoding="utf-8")
    first = plan_shards([path], shard_size=1000, salt="a")
    assert first == plan_shards([path], shard_size=1000, salt="a")
    assert [s.key for s in plan_shards([path], shard_size=1000, salt="b").shards] != [
        s.key for s in first.shards]
    os.utime(path, ns=(1, 1))
    changed = plan_shards([path], shard_size=1000, salt="a")
    assert all(a.key != b.key for a, b in zip(first.shards, changed.shards, strict=True))


def test_automatic_shard_size_is_bounded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Russia condemned Ukraine.", encoding="utf-8")
    assert plan_shards([tmp_path]).shard_size == 64 * 1024


def test_utf16_jsonl_is_not_cut(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes("\n".join(_records(200)).encode("utf-16"))
    plan = plan_shards([path], shard_size=1000)
    assert [len(s.pieces) for s in plan.shards] == [1]
    assert plan.shards[0].pieces[0].first is None
    items, _ = _read_all(plan.shards)
    assert all(_same(a, b) for a, b in zip(items, read_inputs([path]), strict=True))


def test_unreadable_inputs_come_back_as_errors_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.txt.gz").write_bytes(b"not gzip at all")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.md").write_text("")
    big = tmp_path / "trunc.jsonl.gz"
    big.write_bytes(gzip.compress(("\n".join(_records(200)) + "\n").encode())[:-30])
    plan = plan_shards([tmp_path], shard_size=1000)
    items, _ = _read_all(plan.shards)
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert f"{tmp_path / 'bad.txt.gz'}: not a valid gzip file (or it is truncated)" in errors
    assert f"{tmp_path / 'binary.txt'}: binary or undecodable content" in errors
    assert f"{tmp_path / 'empty.md'}: empty file" in errors
    assert f"{big}: not a valid gzip file (or it is truncated)" in errors
    ids = [i.id for i in items if not isinstance(i, InputError)]
    assert ids and len(ids) == len(set(ids))  # the readable part of trunc.jsonl.gz, once


def test_source_path_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLE.parent)
    plan = plan_shards([EXAMPLE.name])
    (article,) = read_shard(plan.shards[0])
    assert article == next(iter(read_inputs([EXAMPLE.name])))
    assert plan.shards[0].pieces[0].real == str(EXAMPLE)


def test_folders_are_walked_as_ingest_walks_them(tmp_path: Path) -> None:
    from irinsider.batch.shards import _expand_one
    from irinsider.ingest import walk_folder

    (tmp_path / "README.md").write_text("# About\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Russia condemned Ukraine.\n", encoding="utf-8")
    assert list(_expand_one(str(tmp_path))) == list(walk_folder(str(tmp_path)))
    assert [Path(f).name for f, _ in walk_folder(str(tmp_path))] == ["a.txt"]
