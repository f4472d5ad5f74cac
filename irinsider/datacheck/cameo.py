"""Validator of the CAMEO table (cameo.csv): codes, roots, scores, classes, PLOVER types."""

from __future__ import annotations

import csv
from pathlib import Path

from .problems import Problems

__all__ = ["check_cameo"]


CAMEO_COLUMNS = ("code", "root", "name", "goldstein", "quad_class", "plover", "plover_mode",
                 "plover_context")
PLOVER_TYPES = frozenset({"ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT",
                          "COOPERATE", "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT",
                          "SANCTION", "SUPPORT", "THREATEN"})
CAMEO_ROOTS = tuple(f"{n:02d}" for n in range(1, 21))


def check_cameo(path: Path) -> list[str]:
    """Problems of a CAMEO table (cameo.csv): codes, roots, scores, classes, PLOVER types."""
    found = Problems(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            rows = [(reader.line_num, row) for row in reader]
    except FileNotFoundError:
        return [f"{path}: no such file"]
    except OSError as exc:
        return [f"{path}: cannot be read ({exc.strerror})"]
    except UnicodeDecodeError:
        return [f"{path}: not UTF-8 text"]
    except csv.Error as exc:
        return [f"{path}:{reader.line_num}: not valid CSV ({exc})"]
    if tuple(header) != CAMEO_COLUMNS:
        found.at(1, f"the header must read {','.join(CAMEO_COLUMNS)}")
        return found.lines()
    codes: dict[str, int] = {}
    roots: list[str] = []
    for line, values in rows:
        if len(values) != len(CAMEO_COLUMNS):
            found.at(line, f"expected {len(CAMEO_COLUMNS)} fields, found {len(values)}")
            continue
        row = dict(zip(CAMEO_COLUMNS, values, strict=True))
        _cameo_row(row, line, found)
        code = row["code"]
        if code in codes:
            found.at(line, f"code {code} repeats line {codes[code]}")
        codes.setdefault(code, line)
        if len(code) == 2:
            roots.append(code)
    if roots != list(CAMEO_ROOTS):
        found.add(f"the root codes are {', '.join(roots) or 'none'}, not 01 to 20 in order")
    for line, values in rows:
        if len(values) == len(CAMEO_COLUMNS) and values[1] not in roots:
            found.at(line, f"root {values[1]!r} has no line of its own")
    return found.lines()


def _cameo_row(row: dict[str, str], line: int, found: Problems) -> None:
    """The rules of one row of the CAMEO table."""
    code, root, plover = row["code"], row["root"], row["plover"]
    if not (code.isdigit() and 2 <= len(code) <= 4):
        found.at(line, f"code {code!r} is not 2 to 4 digits")
    if not code.startswith(root):
        found.at(line, f"code {code!r} does not start with its root {root!r}")
    try:
        if not -10.0 <= float(row["goldstein"]) <= 10.0:
            found.at(line, f"goldstein {row['goldstein']} is outside -10 to 10")
    except ValueError:
        found.at(line, f"goldstein {row['goldstein']!r} is not a number")
    if root in CAMEO_ROOTS:
        n = int(root)
        quad = 1 if n <= 4 else 2 if n <= 8 else 3 if n <= 13 else 4
        if row["quad_class"] != str(quad):
            found.at(line, f"quad_class {row['quad_class']!r} of root {root} must be {quad}")
    if plover not in PLOVER_TYPES | {""}:
        found.at(line, f"plover {plover!r} is not a PLOVER event type")
    if row["plover_mode"] and not plover:
        found.at(line, "plover_mode without a plover type")
    if root == "01" and plover:
        found.at(line, "a statement (root 01) has no PLOVER type")
    elif root == "02" and plover != "REQUEST":
        found.at(line, f"an appeal (root 02) is REQUEST in PLOVER, not {plover!r}")
    elif root != "01" and not plover:
        found.at(line, "plover type missing")
    for column, value in row.items():
        if value != value.strip() or "Çƒ" in value or "\ufffd" in value:
            found.at(line, f"{column} {value!r} has spaces around it or garbled characters")
    if not (row["name"] and row["name"][0].isupper()):
        found.at(line, f"name {row['name']!r} does not start with a capital")
