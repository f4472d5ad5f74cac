"""Files that appear whole or not at all.

Every file irinsider writes for others to read (an export, a batch shard, its manifest and
index) is written under a hidden temporary name next to its final one, flushed to disk,
renamed over the final name, and the rename made durable by syncing the folder. A reader
sees the old file or the new one, never half of one; a crash leaves at most a temporary
file, which `is_temporary` recognises.

    temporary_path(path)      the hidden name to write `path` under, unique to this process
    is_temporary(path)        whether `path` is a file left under such a name
    publish(tmp, path)        flush `tmp` to disk, rename it over `path`, sync the folder
    atomic_path(path)         a temporary path, published when the block ends without error
    atomic_text(path)         the same, opened as a UTF-8 text file
    write_atomic(path, text)  a whole text file at once
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

__all__ = [
    "atomic_path",
    "atomic_text",
    "is_temporary",
    "publish",
    "temporary_path",
    "write_atomic",
]


def temporary_path(path: str | Path) -> Path:
    """A hidden name next to `path`, unique to this process: ``.NAME.PID-RANDOM.tmp``
    (Parquet readers and globs such as ``shard-*`` skip it)."""
    final = Path(path)
    return final.with_name(f".{final.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")


def is_temporary(path: Path) -> bool:
    """Whether `path` is a file under a `temporary_path` name: one never published."""
    return path.name.startswith(".") and path.name.endswith(".tmp") and path.is_file()


def publish(tmp: Path, path: str | Path) -> None:
    """Flush the closed file `tmp` to disk, rename it over `path` and make the rename
    durable."""
    final = Path(path)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    _sync_folder(final.parent)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # a folder cannot be opened on every system
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path to write `path` under: published when the block ends without an
    error, removed otherwise. Close the file before the block ends."""
    final = Path(path)
    tmp = temporary_path(final)
    try:
        yield tmp
        publish(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_text(path: str | Path, *, newline: str | None = "") -> Iterator[TextIO]:
    """A UTF-8 text file written under a temporary name next to `path` and renamed over
    it when the block ends without an error; removed otherwise. Lines end as written
    unless `newline` says otherwise (as for `open`)."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline=newline) as fh:
        yield fh


def write_atomic(path: str | Path, text: str) -> None:
    """Write a whole text file, its folder made if need be, so that it is either wholly
    there or not there at all."""
    final = Path(path)
    final.parent.mkdir(parents=True, exist_ok=True)
    with atomic_text(final, newline=None) as fh:
        fh.write(text)
