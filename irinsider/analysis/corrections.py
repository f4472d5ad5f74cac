"""What a reader's fix of an event changes: a wrong mark, a new CAMEO code or a new actor.

    correction_changes(row, "target", "Cuba") -> ("USA", "CUB", {"target": "CUB", ...})
"""

from __future__ import annotations

import re
from typing import Any

from ..codebook import load_codebook
from ..errors import InputError
from ..model import party_of
from .names import actor_label, country_of_code, resolve_party

__all__ = ["CORRECTION_FIELDS", "correction_changes"]


CORRECTION_FIELDS = ("wrong", "cameo", "source", "target")
_ACTOR_CODE = re.compile(r"(?:[A-Z]{3}|---)(?:[A-Z]{3}){0,3}")


def correction_changes(row: dict[str, Any], field: str, value: str | None
                       ) -> tuple[str | None, str | None, dict[str, Any]]:
    """What a reader's fix changes: (old value, new value, event columns to set).

    `field` is "wrong" (mark the event wrong), "cameo" (a code from the codebook) or
    "source"/"target" (an actor code such as "RUS", "USAGOV" or "IGOUNO", or a
    country name). Raises `InputError` for a value that is not one.
    """
    if field == "wrong":
        summary = f"{row['cameo']} {row['source']} -> {row.get('target') or '-'}"
        return summary, None, {"wrong": 1}
    value = (value or "").strip()
    if not value:
        raise InputError("correction", f"give a new {field}")
    if field == "cameo":
        entry = load_codebook().get(value)
        if entry is None:
            raise InputError("correction", f"{value!r} is not a CAMEO code; use a code such "
                             "as 072 from the codebook")
        return row["cameo"], entry.code, {
            "cameo": entry.code, "root": entry.root, "plover": entry.plover,
            "plover_mode": entry.plover_mode, "goldstein": entry.goldstein,
            "quad_class": entry.quad_class,
        }
    if field in ("source", "target"):
        code = value.upper()
        named = None if value.isupper() else resolve_party(value)
        if named is not None:
            code = named
        elif not _ACTOR_CODE.fullmatch(code) or not value.isupper() and not (
                country_of_code(code) or code.startswith(("IGO", "NGO", "---"))):
            raise InputError("correction", f"{value!r} is not an actor code or a country "
                             "name; use a code such as RUS, USAGOV or IGOUNO, or a name")
        country = country_of_code(code)
        if country is None and not code.startswith(("IGO", "NGO", "---")):
            raise InputError("correction", f"{code!r} does not start with a known country "
                             "code or IGO/NGO; use a code such as RUS, USAGOV or IGOUNO")
        return row.get(field), code, {
            field: code, f"{field}_country": country,
            f"{field}_party": party_of(code, country), f"{field}_name": actor_label(code),
        }
    raise InputError("correction", f"cannot correct {field!r}; choose one of "
                     f"{', '.join(CORRECTION_FIELDS)}")

