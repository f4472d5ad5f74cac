"""Every error irinsider raises on purpose.

    IrinsiderError
    ├── InputError      an input file or record cannot be read
    ├── DataError       a bundled or user dictionary is malformed
    ├── ModelError      the spaCy English model is not installed
    └── StoreError      the database cannot be opened or written
        └── StoreBusyError   another process kept the database locked too long

Messages are one line, say what went wrong and, where it helps, what to do.
"""

from __future__ import annotations

__all__ = ["DataError", "InputError", "IrinsiderError", "ModelError", "StoreBusyError",
           "StoreError"]


class IrinsiderError(Exception):
    """Base class of the errors a user can act on."""


class InputError(IrinsiderError):
    """An input file or record cannot be read."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class DataError(IrinsiderError):
    """A bundled or user dictionary is malformed."""


class ModelError(IrinsiderError):
    """The spaCy English model is not installed."""


class StoreError(IrinsiderError):
    """The database cannot be opened or written."""


class StoreBusyError(StoreError):
    """Another process kept the database locked for longer than a writer waits."""
