"""Batch inputs cut into shards: which files, which lines, read back one by one.

    plan = plan_shards(["news/", "dump.jsonl.gz"])     # Plan(shards, problems, shard_size)
    for item in read_shard(plan.shards[0]):             # Article | InputError, in input order
        ...

Inputs are files, folders (read recursively, as `ingest` reads them) and glob
patterns, in the order given; a file named twice is read once. They are packed
in that order into shards of about `shard_size` input bytes. A file up to the
shard size stays whole and is read exactly as `read_inputs` reads it; a JSON
Lines file larger than that is cut into line ranges, which are streamed, so no
shard ever holds more than about one shard size of input. The plan depends on
the inputs and the shard size only, never on the number of workers, so the
same inputs always give the same shards.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from glob import glob
from pathlib import Path
from typing import IO, cast

from ..errors import InputError
from ..ingest import decode, format_for, parse_records, read_inputs, walk_folder
from ..model import Article

__all__ = [
    "MAX_SHARD",
    "MIN_SHARD",
    "Piece",
    "Plan",
    "Shard",
    "expand_inputs",
    "parse_size",
    "plan_shards",
    "read_shard",
]

Warn = Callable[[str], None]

KIB = 1024
MIB = 1024 * KIB
MIN_SHARD = 64 * KIB  # the automatic shard size stays between these two
MAX_SHARD = 2 * MIB
SHARDS_WANTED = 128  # the automatic size aims at this many shards
MAX_FILES = 1000  # files in one shard, however small
_READ_LINES = 2000  # JSON Lines lines decoded and parsed at a time
_READ_BYTES = MIB
_TO_THE_END = 2**62  # last line of a range that reads to the end of its file
_GLOB = re.compile(r"[*?\[]")
_SUPPORTED = ".txt, .md, .html or .jsonl (optionally .gz)"
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16/32: not cut by lines
_UNITS = {"": 1, "b": 1, "k": KIB, "kb": KIB, "kib": KIB, "m": MIB, "mb": MIB, "mib": MIB,
          "g": 1024 * MIB, "gb": 1024 * MIB, "gib": 1024 * MIB}


@dataclass(frozen=True)
class Piece:
    """A whole input file, or a range of lines of a JSON Lines file."""

    path: str  # as the user named it: used in messages and as the articles' source_path
    real: str  # the absolute path that workers open
    fmt: str  # text, markdown, html or jsonl
    size: int  # input bytes it covers (uncompressed; estimated for a whole .gz file)
    items: int  # documents it holds: non-empty lines of JSON Lines, else 1
    stamp: tuple[int, int] = (0, 0)  # (size, mtime_ns) of the file when it was planned
    first: int | None = None  # JSON Lines range: first line (1-based), None for a whole file
    last: int | None = None  # last line of the range, inclusive
    offset: int | None = None  # byte offset of `first` in an uncompressed file

    def describe(self) -> str:
        if self.first is None:
            return self.path
        last = "end" if self.last == _TO_THE_END else self.last
        return f"{self.path}:{self.first}-{last}"


@dataclass(frozen=True)
class Shard:
    """The unit of work: pieces coded by one task and written to one output file."""

    id: int
    pieces: tuple[Piece, ...]
    key: str = ""  # hash of the pieces and the options: a finished shard with this key is kept

    @property
    def name(self) -> str:
        return f"shard-{self.id:05d}"

    @property
    def size(self) -> int:
        return sum(p.size for p in self.pieces)

    @property
    def items(self) -> int:
        return sum(p.items for p in self.pieces)


@dataclass(frozen=True)
class Plan:
    """The shards of a batch, and the inputs that could not be planned (missing, unsupported)."""

    shards: tuple[Shard, ...]
    problems: tuple[InputError, ...]
    shard_size: int

    @property
    def items(self) -> int:
        return sum(s.items for s in self.shards)


def parse_size(text: str) -> int:
    """Bytes in "4MB", "256KB", "1.5M" or "65536"; ValueError otherwise."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text)
    unit = m.group(2).lower() if m else ""
    if m is None or unit not in _UNITS:
        raise ValueError(f"{text!r} is not a size; write e.g. 256KB, 4MB or 1048576")
    size = int(float(m.group(1)) * _UNITS[unit])
    if size < 1:
        raise ValueError(f"{text!r} is too small for a shard size")
    return size


# ---------------------------------------------------------------------- finding the inputs

def expand_inputs(paths: Iterable[str | Path]) -> Iterator[tuple[str, str] | InputError]:
    """(path, format) of every input file, in order; an InputError for each bad argument.

    Folders are walked as `read_inputs` walks them (sorted, hidden names
    skipped); a pattern with ``*``, ``?`` or ``[`` that names no existing path
    is expanded with ``**`` for any depth. A file named twice is given once.
    """
    seen: set[str] = set()
    for given in paths:
        name = str(given)
        for item in _expand_one(name):
            if isinstance(item, InputError):
                yield item
                continue
            key = os.path.realpath(item[0])
            if key not in seen:
                seen.add(key)
                yield item


def _expand_one(name: str) -> Iterator[tuple[str, str] | InputError]:
    if name == "-":
        yield InputError("-", "batch mode reads files, not standard input; save it to a file")
    elif _GLOB.search(name) and not os.path.exists(name):
        found = False
        for match in sorted(glob(name, recursive=True)):
            if os.path.isdir(match):
                for item in walk_folder(match):
                    found = found or not isinstance(item, InputError)
                    yield item
            elif format_for(match) is not None and not Path(match).name.startswith("."):
                found = True
                yield (match, format_for(match) or "text")
        if not found:
            yield InputError(name, f"no {_SUPPORTED} file matches this pattern")
    elif os.path.isdir(name):
        yield from walk_folder(name)
    elif not os.path.exists(name):
        yield InputError(name, "no such file")
    else:
        fmt = format_for(name)
        if fmt is None and Path(name).suffix:
            yield InputError(name, f"unsupported file type; use {_SUPPORTED}")
        else:
            yield (name, fmt or "text")


# ---------------------------------------------------------------------- planning

def plan_shards(paths: Iterable[str | Path], *, shard_size: int | None = None,
                salt: str = "") -> Plan:
    """Cut the inputs into shards of about `shard_size` bytes (default: automatic).

    The automatic size is 1/128 of the whole input, kept between 64 KiB and
    2 MiB. `salt` (the coding options) goes into each shard's key.
    """
    files: list[tuple[str, str, str, tuple[int, int], int]] = []
    problems: list[InputError] = []
    for item in expand_inputs(paths):
        if isinstance(item, InputError):
            problems.append(item)
            continue
        path, fmt = item
        real = os.path.abspath(path)
        stamp, size = _stat(real)
        files.append((path, real, fmt, stamp, size))
    if shard_size is None:
        total = sum(f[4] for f in files)
        shard_size = min(MAX_SHARD, max(MIN_SHARD, total // SHARDS_WANTED))
    packer = _Packer(shard_size)
    for path, real, fmt, stamp, size in files:
        whole = Piece(path, real, fmt, size, 1, stamp)
        if fmt != "jsonl":
            packer.add_whole(whole)
            continue
        try:
            splittable = size > shard_size and _splittable(real)
            if not splittable:
                whole = replace(whole, items=_count_records(real))
        except (OSError, EOFError, zlib.error):
            splittable = False  # unreadable: the worker reports why
        if splittable:
            for piece in _line_ranges(whole, packer):
                packer.add(piece)
        else:
            packer.add_whole(whole)
    shards = tuple(
        Shard(i, pieces, _key(salt, pieces)) for i, pieces in enumerate(packer.finish())
    )
    return Plan(shards, tuple(problems), shard_size)


class _Packer:
    """Fills shards in input order up to the target size."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.done: list[tuple[Piece, ...]] = []
        self.current: list[Piece] = []
        self.bytes = 0

    def room(self) -> int:
        return max(0, self.target - self.bytes)

    def add_whole(self, piece: Piece) -> None:
        """A file that is not cut: it starts a new shard when it does not fit the current one."""
        if self.current and piece.size > self.room():
            self.close()
        self.add(piece)

    def add(self, piece: Piece) -> None:
        self.current.append(piece)
        self.bytes += piece.size
        if self.bytes >= self.target or len(self.current) >= MAX_FILES:
            self.close()

    def close(self) -> None:
        if self.current:
            self.done.append(tuple(self.current))
        self.current, self.bytes = [], 0

    def finish(self) -> list[tuple[Piece, ...]]:
        self.close()
        return self.done


def _stat(real: str) -> tuple[tuple[int, int], int]:
    """((size, mtime_ns), uncompressed size estimate) of a file; zeros when it cannot be read."""
    try:
        st = os.stat(real)
    except OSError:
        return (0, 0), 0
    size = st.st_size
    if real.lower().endswith(".gz") and size >= 18:
        try:
            with open(real, "rb") as fh:  # gzip keeps the length mod 2**32 in its last 4 bytes
                fh.seek(-4, os.SEEK_END)
                isize = int.from_bytes(fh.read(4), "little")
            size = isize if isize >= size else size * 4
        except OSError:
            pass
    return (st.st_size, st.st_mtime_ns), size


def _open(real: str) -> IO[bytes]:
    if real.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(real, "rb"))
    return open(real, "rb")


def _splittable(real: str) -> bool:
    """False for UTF-16/32 files: their lines cannot be cut at newline bytes."""
    with _open(real) as fh:
        return not fh.read(4).startswith(_WIDE_BOMS)


def _count_records(real: str) -> int:
    with _open(real) as fh:
        return max(1, sum(1 for line in fh if line.strip()))


def _line_ranges(whole: Piece, packer: _Packer) -> Iterator[Piece]:
    """Cut a JSON Lines file into ranges, the first filling the shard being packed.

    A file that cannot be read to its end (a truncated .gz) ends with a range
    "to the end", so the worker that reads it reports the problem.
    """
    compressed = whole.real.lower().endswith(".gz")
    first, start, size, items, number, position = 1, 0, 0, 0, 0, 0
    try:
        with _open(whole.real) as fh:
            for line in fh:
                number += 1
                position += len(line)
                size += len(line)
                items += bool(line.strip())
                if size >= packer.room():
                    yield replace(whole, size=size, items=items, first=first, last=number,
                                  offset=None if compressed else start)
                    first, start, size, items = number + 1, position, 0, 0
    except (OSError, EOFError, zlib.error):
        number = _TO_THE_END
        items = max(items, 1)
    if size or items or first == 1:
        yield replace(whole, size=size, items=items, first=first, last=max(number, first),
                      offset=None if compressed else start)


def _key(salt: str, pieces: tuple[Piece, ...]) -> str:
    payload = json.dumps(
        [salt, [[p.real, p.fmt, list(p.stamp), p.first, p.last, p.offset] for p in pieces]],
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------- reading a shard

def read_shard(shard: Shard, *, default_date: date | None = None,
               on_warning: Warn | None = None) -> Iterator[Article | InputError]:
    """Every article (or problem) of a shard, in order, streamed piece by piece."""
    for piece in shard.pieces:
        if piece.first is None:
            yield from _read_whole(piece, default_date, on_warning)
        else:
            yield from _read_range(piece, default_date, on_warning)


def _read_whole(piece: Piece, default_date: date | None,
                on_warning: Warn | None) -> Iterator[Article | InputError]:
    """A whole file through `read_inputs`, named as the user named it."""
    def warn(message: str) -> None:
        if on_warning is not None:
            on_warning(message.replace(piece.real, piece.path))

    for item in read_inputs([piece.real], default_date=default_date, on_warning=warn):
        if isinstance(item, InputError):
            yield InputError(piece.path if item.path == piece.real else item.path,
                             item.problem, item.line)
        else:
            yield replace(item, source_path=piece.path)


def _read_range(piece: Piece, default_date: date | None,
                on_warning: Warn | None) -> Iterator[Article | InputError]:
    """Lines `first`..`last` of a JSON Lines file, decoded and parsed a chunk at a time."""
    assert piece.first is not None and piece.last is not None
    warned: set[str] = set()

    def warn(message: str) -> None:
        if on_warning is not None and message not in warned:
            warned.add(message)
            on_warning(message)

    try:
        with _open(piece.real) as fh:
            if piece.offset is not None:
                fh.seek(piece.offset)
            else:
                for _ in range(piece.first - 1):
                    if not fh.readline():
                        break
            number = piece.first
            chunk: list[bytes] = []
            size = 0
            while number <= piece.last:
                line = fh.readline()
                if not line:
                    break
                chunk.append(line)
                size += len(line)
                number += 1
                if len(chunk) >= _READ_LINES or size >= _READ_BYTES:
                    yield from _parse_chunk(piece, number - len(chunk), chunk, default_date, warn)
                    chunk, size = [], 0
            if chunk:
                yield from _parse_chunk(piece, number - len(chunk), chunk, default_date, warn)
    except FileNotFoundError:
        yield InputError(piece.path, "no such file")
    except PermissionError:
        yield InputError(piece.path, "permission denied")
    except (gzip.BadGzipFile, EOFError, zlib.error):
        yield InputError(piece.path, "not a valid gzip file (or it is truncated)")
    except OSError as exc:
        yield InputError(piece.path, f"cannot read: {exc.strerror or exc}")


def _parse_chunk(piece: Piece, first: int, lines: list[bytes], default_date: date | None,
                 warn: Warn) -> Iterator[Article | InputError]:
    """Records of consecutive lines starting at line `first`, numbered as in the whole file."""
    data = b"".join(lines)
    if not data.strip():
        return
    try:
        text, warning = decode(data, piece.path)
    except InputError as exc:
        yield InputError(piece.path, exc.problem, line=first)
        return
    if warning:
        warn(warning)
    prefix = re.compile(re.escape(piece.path) + r":(\d+): ")
    shift = first - 1

    def shifted(message: str) -> None:
        message = prefix.sub(lambda m: f"{piece.path}:{int(m.group(1)) + shift}: ", message, 1)
        warn(message)

    for item in parse_records(text, fmt="jsonl", source_path=piece.path,
                              default_date=default_date, on_warning=shifted):
        if isinstance(item, InputError) and item.line is not None:
            yield InputError(item.path, item.problem, line=item.line + shift)
        else:
            yield item
