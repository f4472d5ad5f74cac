"""The bundled data files (`irinsider/data/`) and the one YAML reader for every data file.

Coding reads the dictionaries to find actors; analysis reads the same country and
organisation tables to name parties; `irinsider data check` validates them. All read
through `read_yaml`, which parses a file once per process (keyed by its path, size and
modification time) and turns a YAML error into a one-line `DataError` naming the line.

    rows = read_yaml(DATA_DIR / "countries.yaml")
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

__all__ = ["DATA_DIR", "read_yaml"]

DATA_DIR = Path(__file__).parent / "data"
# libyaml's safe loader when present: the dictionaries load several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The parsed content of a YAML file; a `DataError` naming the file (and line) if it
    cannot be read. The result is shared between callers: do not change it."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DataError(f"{path}: no such dictionary file") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
    return _parse(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=32)
def _parse(path: str, size: int, mtime: int) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        problem = str(exc).splitlines()[0]
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise DataError(f"{where}: not valid YAML ({problem})") from None
    except ValueError as exc:  # a value YAML cannot build, such as the date 2001-02-30
        raise DataError(f"{path}: a value cannot be read ({exc})") from None
