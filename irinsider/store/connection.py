"""Opening the database, and the one place its errors become `StoreError`s.

Writers take turns: each waits up to `BUSY_TIMEOUT` seconds for another's transaction to
end, and only then fails, with a `StoreBusyError` that says so.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from ..errors import StoreBusyError, StoreError
from .schema import _prepare_schema

__all__ = ["BUSY_TIMEOUT", "Database", "default_db_path"]

BUSY_TIMEOUT = 30.0  # seconds a connection waits for another's write transaction to end


def default_db_path() -> Path:
    """The database to use: ``$IRINSIDER_DB`` if set, else ``./irinsider.db``."""
    return Path(os.environ.get("IRINSIDER_DB") or "irinsider.db")


class Database:
    """An open connection to one irinsider database: what every part of `Store` builds on."""

    def __init__(self, conn: sqlite3.Connection, path: Path,
                 timeout: float | None = None) -> None:
        self._conn = conn
        self.path = path
        self.timeout = BUSY_TIMEOUT if timeout is None else timeout

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, path: str | Path, *, check_same_thread: bool = True,
             timeout: float | None = None) -> Self:
        """Open (creating if needed) the database at `path`, migrating an older schema.

        A write waits up to `timeout` seconds (default `BUSY_TIMEOUT`) for another
        connection's write to end.
        """
        path = Path(path)
        timeout = BUSY_TIMEOUT if timeout is None else timeout
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=timeout,
                                   check_same_thread=check_same_thread)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open database ({exc}); check the path") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{path}: cannot switch the database to WAL mode (got {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; commits stay cheap
            conn.execute("PRAGMA cache_size = -32768")  # 32 MiB of pages per connection
            conn.execute("PRAGMA mmap_size = 268435456")  # read up to 256 MiB by mmap
            _prepare_schema(conn, path)
        except sqlite3.Error as exc:
            conn.close()
            if _is_busy(exc):
                raise _error(path, "open database", exc, timeout) from exc
            raise StoreError(
                f"{path}: cannot open database ({exc}); is it an irinsider database?"
            ) from exc
        except StoreError:
            conn.close()
            raise
        return cls(conn, path, timeout)

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"

    # ------------------------------------------------------------------ queries

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error("read the database", exc) from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._error("write the database", exc) from exc

    def _error(self, doing: str, exc: sqlite3.Error, then: str = "") -> StoreError:
        """The error to raise when `doing` failed with `exc` (see `_error`)."""
        return _error(self.path, doing, exc, self.timeout, then)


def _is_busy(exc: sqlite3.Error) -> bool:
    """Whether `exc` says that another connection held the lock we waited for."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF == sqlite3.SQLITE_BUSY
    return "database is locked" in str(exc)


def _error(path: Path, doing: str, exc: sqlite3.Error, timeout: float,
           then: str = "") -> StoreError:
    """A one-line error for a failed `doing`: `StoreBusyError` when the lock never came."""
    if _is_busy(exc):
        return StoreBusyError(
            f"{path}: cannot {doing}: another process kept the database locked for over "
            f"{timeout:g} s{then}; try again when it has finished"
        )
    return StoreError(f"{path}: cannot {doing} ({exc}){then}")
