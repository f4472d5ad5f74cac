"""Compiled data kept on disk between runs, so that a short run does not build it anew.

Building the actor dictionary, the token patterns of its names, the verb table and the
gazetteer from their sources takes seconds; reading them back takes milliseconds. Each
is stored under a name and a key, and the key is a hash of everything the value was
built from: the bytes of the data files (bundled and the user's), the source of the
modules that build it and the versions of irinsider, Python and the libraries involved.
A change to any of them gives a new key, and the value is built again.

    value = cached("verbs", fingerprint(path, versions("pyyaml")), build)

The folder is ``$IRINSIDER_CACHE`` if set, else ``$XDG_CACHE_HOME/irinsider``, else
``~/.cache/irinsider``; ``IRINSIDER_CACHE=off`` turns the cache off. A cache that cannot
be read or written (a read-only folder, a truncated or foreign file) is passed over and
the value built as without one: the cache only ever saves time, it never fails a run.
Entries are written whole or not at all (`irinsider.files`), and the few latest of each
name are kept. They are pickles: point ``IRINSIDER_CACHE`` only at a folder of your own.

    cache_folder()                 where entries live, or None when the cache is off
    fingerprint(*parts)            a key: a hash of strings, bytes and files' contents
    versions(*distributions)       "name=version" of installed distributions, for a key
    sources(*paths)                the source files under `paths`, for a key
    cached(name, key, build)       the stored value for (name, key), else build and store
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar, cast

from . import __version__
from .files import atomic_path

__all__ = ["ENV", "cache_folder", "cached", "fingerprint", "sources", "versions"]

ENV = "IRINSIDER_CACHE"  # the folder of the cache; "off" turns it off
_OFF = {"off", "0", "no", "false"}
_KEEP = 4  # entries kept for each name: the latest few keys
_FORMAT = 1  # the layout of an entry: (format, name, key, value)
# What every key depends on: a pickle is read by the same package and Python that wrote it.
_BASE = f"irinsider={__version__};python={sys.version_info[:3]};format={_FORMAT}"

T = TypeVar("T")


def cache_folder() -> Path | None:
    """The folder of the cache, or None when ``IRINSIDER_CACHE`` turns it off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF or not chosen.strip() else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to be found: no cache
            return None
    return Path(base) / "irinsider"


def fingerprint(*parts: str | bytes | Path) -> str:
    """A key for `cached`: a hash of strings, bytes and the contents of files (a file that
    cannot be read counts as missing, so that building says why)."""
    digest = hashlib.sha256(_BASE.encode())
    for part in parts:
        if isinstance(part, Path):
            try:
                data = part.read_bytes()
            except OSError:
                data = b"\x00missing"
            digest.update(f"\x00file {part.name} {len(data)}\x00".encode())
            digest.update(data)
        else:
            data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
            digest.update(f"\x00{len(data)}\x00".encode())
            digest.update(data)
    return digest.hexdigest()[:40]


def versions(*distributions: str) -> str:
    """``name=version;...`` of installed distributions (``name=none`` for a missing one)."""
    out = []
    for name in distributions:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=none")
    return ";".join(out)


def sources(*paths: Path) -> list[Path]:
    """The Python source files of `paths` (a file, or every ``.py`` file in a folder), in a
    fixed order: a change to the code that builds a value changes its key."""
    out: list[Path] = []
    for path in paths:
        out.extend(sorted(path.glob("*.py")) if path.is_dir() else [path])
    return out


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The value stored for (`name`, `key`); else `build()`, stored for the next run.

    The cache is passed over silently where it is off, unreadable or unwritable; a value
    that cannot be pickled is returned without being stored. Exceptions of `build` go to
    the caller as they are.
    """
    folder = cache_folder()
    with _collector_off():
        if folder is None:
            return build()
        path = folder / f"{name}-{key}.pickle"
        found = _read(path, name, key)
        if found is not None:
            return cast(T, found[0])
        value = build()
    _write(folder, path, (_FORMAT, name, key, value))
    return value


@contextmanager
def _collector_off() -> Iterator[None]:
    """Python's cyclic garbage collector held off: reading or building a value of a few
    hundred thousand small objects, none of them garbage, takes a third of the time
    without its passes over them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _read(path: Path, name: str, key: str) -> tuple[Any] | None:
    """(value,) of the entry at `path`, or None where there is none that can be used."""
    try:
        with open(path, "rb") as fh:
            entry = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # a truncated, foreign or outdated file: build instead
        return None
    if (not isinstance(entry, tuple) or len(entry) != 4
            or entry[:3] != (_FORMAT, name, key)):
        return None
    return (entry[3],)


def _write(folder: Path, path: Path, entry: tuple[object, ...]) -> None:
    """Store an entry whole or not at all, then drop the oldest entries of its name."""
    try:
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a value that cannot be pickled is not stored
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
    except OSError:
        return
    _prune(folder, path.name.rsplit("-", 1)[0])


def _prune(folder: Path, name: str) -> None:
    """Keep the `_KEEP` latest entries of `name` (other keys: older data or user files)."""
    try:
        entries = [(p.stat().st_mtime, p) for p in folder.glob(f"{name}-*.pickle")
                   if p.name.rsplit("-", 1)[0] == name]
    except OSError:
        return
    entries.sort(reverse=True)
    for _, old in entries[_KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
