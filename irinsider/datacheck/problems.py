"""Problems found in one data file, each on its line, and the rules every file shares.

A YAML file is parsed once into its content and its nodes, which know their lines;
`Problems` places a problem on the line of the node a path of keys and list indexes leads
to, and lists them ``FILE:LINE: what is wrong``. A file that cannot be read gives one
problem, worded as every dictionary reader words it (`datafiles.read_yaml`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from ..datafiles import read_yaml
from ..errors import DataError

__all__ = ["CODE3", "Key", "Problems", "as_date", "check_fields", "check_forms", "check_yaml",
           "clash", "date_problem", "describe", "form_problem", "is_in", "is_text", "mappings",
           "strings", "text_list", "unquoted_keys"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
CODE3 = re.compile(r"[A-Z]{3}")
# A mapping key or a list index: the path to a node.
Key = str | int


class Problems:
    """The problems of one file, each placed on the line of the YAML node it is about."""

    def __init__(self, path: Path, root: yaml.Node | None = None) -> None:
        """Problems of the file at `path`, whose YAML nodes (if any) start at `root`."""
        self.path = path
        self.root = root
        self.items: list[tuple[int, str]] = []

    def node(self, *keys: Key) -> tuple[yaml.Node | None, int]:
        """The node at mapping keys and list indexes, and its line (the key's line for a
        mapping value); the deepest one found where the path stops early."""
        node, line = self.root, 0
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                pairs = [(k, v) for k, v in node.value if _same_key(k, key)]
                if not pairs:
                    break
                key_node, node = pairs[-1]  # YAML keeps the last of a repeated key
                line = key_node.start_mark.line + 1
            elif (isinstance(node, yaml.SequenceNode) and isinstance(key, int)
                  and 0 <= key < len(node.value)):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return node, line

    def line(self, *keys: Key) -> int:
        """The line of the node at `keys` (0: the file as a whole)."""
        return self.node(*keys)[1]

    def add(self, message: str, *keys: Key) -> None:
        """A problem of the node at `keys` (of the whole file without keys)."""
        self.items.append((self.line(*keys), message))

    def at(self, line: int, message: str) -> None:
        """A problem on a line already known."""
        self.items.append((line, message))

    def lines(self) -> list[str]:
        """Every problem, ``FILE:LINE: what`` (``FILE: what`` for the whole file), in line
        order."""
        return [f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}"
                for line, message in sorted(self.items, key=lambda item: item[0])]


def _same_key(node: yaml.Node, key: Key) -> bool:
    """Whether a mapping's key node reads as `key` (an unquoted 010 reads as the number 8)."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    if isinstance(key, str) and node.value == key:
        return True
    try:
        return bool(yaml.constructor.SafeConstructor().construct_object(node) == key)
    except (yaml.YAMLError, ValueError):
        return False


class _Loader(_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, leaving a date that does not exist (2001-02-30) as text for the
    validators to name, where PyYAML would stop at it."""


def _date_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    """A timestamp scalar's date, or its text where the date does not exist."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def _load(path: Path) -> tuple[Any, yaml.Node | None]:
    """A YAML file's content and its nodes (which know their lines), from one parse; a
    `DataError` if it cannot be read."""
    try:
        with path.open(encoding="utf-8") as fh:
            loader = _Loader(fh)
            try:
                node = loader.get_single_node()
                return (loader.construct_document(node) if node is not None else None), node
            finally:
                loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        read_yaml(path)  # fails the same way, and says why as every dictionary reader does
        raise DataError(f"{path}: cannot be read") from None
    except (ValueError, TypeError) as exc:  # a tag its value does not fit: !!int abc
        raise DataError(f"{path}: not valid YAML ({exc})") from None


def check_yaml(path: Path, body: Callable[[Any, Problems], None]) -> list[str]:
    """Read a YAML file, note repeated keys, and run `body` on its content."""
    try:
        data, root = _load(path)
    except DataError as exc:
        return [str(exc)]
    found = Problems(path, root)
    _repeated_keys(found)
    body(data, found)
    return found.lines()


def _repeated_keys(found: Problems) -> None:
    """A key given twice in one mapping: YAML keeps the last silently."""
    stack = [found.root] if found.root is not None else []
    while stack:  # no recursion: a file may nest deeply
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        found.at(key.start_mark.line + 1,
                                 f"{key.value!r} is given twice in one mapping; the last counts")
                    seen.add(key.value)
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def unquoted_keys(found: Problems, what: str, *keys: Key) -> None:
    """Keys of the mapping at `keys` that YAML does not read as text ("010" as a number)."""
    node, _ = found.node(*keys)
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != _STR_TAG:
                found.at(key.start_mark.line + 1,
                         f"{what} {key.value} is not read as text; quote it: \"{key.value}\"")


# ---- shared rules ------------------------------------------------------------------------
def mappings(data: Any, found: Problems, what: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a file that is a list of them, with their indexes."""
    if not isinstance(data, list):
        found.add(f"expected a list of {what}, found {describe(data)}")
        return []
    out = []
    for i, row in enumerate(data):
        if isinstance(row, dict):
            out.append((i, row))
        else:
            found.add(f"expected a mapping of fields, found {describe(row)}", i)
    return out


def describe(value: Any) -> str:
    """A value as a problem names what was found: "nothing", "the text 'x'", "a list"."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text {value[:40]!r}" if value else "empty text"
    if isinstance(value, list | dict):
        kind = "list" if isinstance(value, list) else "mapping"
        return f"a {kind}" if value else f"an empty {kind}"
    return repr(value)[:40]


def check_fields(row: dict[str, Any], found: Problems, required: Iterable[str],
                 allowed: Iterable[str], *where: Key) -> None:
    """Missing required fields (on the row's line), unknown ones (each on its own line)."""
    missing = sorted(set(required) - set(row))
    if missing:
        found.add(f"missing field(s): {', '.join(missing)}", *where)
    allowed = set(allowed)
    for key in row:
        if key not in allowed:
            found.add(f"unknown field {key!r}", *where, key)


def is_in(value: Any, known: Iterable[str]) -> bool:
    """Whether `value` is text and one of `known` (a list or mapping is never)."""
    return isinstance(value, str) and value in known


def is_text(value: Any) -> TypeGuard[str]:
    """A non-empty string with no space around it."""
    return isinstance(value, str) and bool(value) and value == value.strip()


def strings(value: Any) -> list[str]:
    """The strings of a list; nothing of anything else."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def text_list(row: dict[str, Any], field: str, found: Problems, *where: Key,
              nonempty: bool = False) -> list[str]:
    """The strings of a list field, each problem of it reported (none if it is absent:
    `check_fields` says so where it is required)."""
    if field not in row:
        return []
    value = row[field]
    if not isinstance(value, list) or (nonempty and not value):
        want = "a non-empty list" if nonempty else "a list"
        found.add(f"{field} must be {want}, found {describe(value)}", *where, field)
        return []
    for j, item in enumerate(value):
        if not isinstance(item, str):
            found.add(f"{field}: {item!r} is not text", *where, field, j)
    return strings(value)


def form_problem(text: str) -> str | None:
    """What is wrong with a surface form: spacing, a leading "the"."""
    if not text:
        return "is empty"
    if " ".join(text.split()) != text:
        return "has extra spaces"
    if text.lower().startswith("the ") and text != "The Hague":
        return "starts with 'the'"
    return None


def check_forms(found: Problems, forms: list[tuple[str, str, int]], *where: Key) -> None:
    """Check (field, text, index) forms of one row: spacing, "the", repeats in the row."""
    seen: set[str] = set()
    for field, text, j in forms:
        problem = form_problem(text)
        if problem:
            found.add(f"{field}: {text!r} {problem}", *where, field, j)
        if text in seen:
            found.add(f"{field}: {text!r} is repeated within the entry", *where, field, j)
        seen.add(text)


def date_problem(value: Any, name: str) -> str | None:
    """What is wrong with a date field: YAML reads YYYY-MM-DD as a date, anything else
    (2001-13-01, 2001-1-1) stays text."""
    if value is None or type(value) is date:
        return None
    return f"{name} {value!r} is not a YYYY-MM-DD date"


def as_date(value: Any) -> date | None:
    """The value if it is a date."""
    return value if type(value) is date else None


def clash(owner: dict[str, tuple[str, int]], text: str, label: str, line: int,
          what: str = "") -> str | None:
    """Who else holds `text` ("X (line N)"), recording this holder if none."""
    held = owner.setdefault(text, (label, line))
    if held[0] == label:
        return None
    return f"{what}{text!r} is also {held[0]}'s (line {held[1]})"
