"""Tests of irinsider.datafiles: one cached reader, one-line errors naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from irinsider.datafiles import DATA_DIR, read_yaml
from irinsider.errors import DataError


def test_a_bundled_file_is_read_once_and_shared() -> None:
    path = DATA_DIR / "sectors.yaml"
    assert read_yaml(path) is read_yaml(path)


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- one\n", encoding="utf-8")
    assert read_yaml(path) == ["one"]
    path.write_text("- one\n- two\n", encoding="utf-8")
    assert read_yaml(path) == ["one", "two"]


@pytest.mark.parametrize(("content", "message"), [
    (b"- start: 2001-02-30\n", "a value cannot be read (day is out of range for month)"),
    (b"a: [1, 2\n", "not valid YAML"),
    (b"\xff\xfe\x00junk", "not UTF-8 text"),
])
def test_a_bad_file_is_one_line_naming_it(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(DataError) as info:
        read_yaml(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)
    assert "\n" not in str(info.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such dictionary file"):
        read_yaml(tmp_path / "absent.yaml")
