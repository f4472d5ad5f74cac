"""What the bundled files say, for rules across files: known country and sector codes, the
names countries, organisations and leaders already have, the CAMEO codes.

A bundled file that cannot be read contributes nothing here; its own validator says why.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pycountry

from ..codebook import load_codebook
from ..datafiles import DATA_DIR, read_yaml
from ..errors import DataError
from .problems import Problems, strings

__all__ = ["COUNTRY_LISTS", "bundled_rows", "country_strings", "iso_codes",
           "known_cameo_codes", "known_countries", "known_sector_words", "known_sectors",
           "other_names"]


COUNTRY_LISTS = ("names", "adjectives", "metonyms", "metonyms_military", "cities")


def bundled(name: str) -> Any:
    """The content of a bundled file, or None if it cannot be read."""
    try:
        return read_yaml(DATA_DIR / name)
    except (DataError, ValueError):  # PyYAML stops at a date that does not exist
        return None


def bundled_rows(name: str) -> list[dict[str, Any]]:
    """The mappings of a bundled file that is a list of them."""
    data = bundled(name)
    return [r for r in data if isinstance(r, dict)] if isinstance(data, list) else []


@cache
def iso_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes."""
    return frozenset(c.alpha_3 for c in pycountry.countries)


def known_countries() -> frozenset[str]:
    """ISO alpha-3 codes and the user-assigned ones of countries.yaml (XKX)."""
    return iso_codes() | {r["iso3"] for r in bundled_rows("countries.yaml")
                          if isinstance(r.get("iso3"), str)}


def country_strings(row: dict[str, Any]) -> list[str]:
    """Every string of a countries.yaml entry the actor matcher looks for."""
    out = [t for field in COUNTRY_LISTS for t in strings(row.get(field))]
    if isinstance(row.get("capital"), str):
        out.append(row["capital"])
    return out


def known_sectors() -> dict[str, list[str]]:
    """Sector code -> its words, from sectors.yaml."""
    data = bundled("sectors.yaml")
    table = data.get("sectors") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return {}
    return {str(code): strings(spec.get("words")) if isinstance(spec, dict) else []
            for code, spec in table.items()}


def known_sector_words() -> set[str]:
    """Every sector word, lowercase and single-spaced."""
    return {" ".join(w.lower().split()) for words in known_sectors().values() for w in words}


def known_cameo_codes(found: Problems) -> set[str] | None:
    """The codes of the CAMEO table; None, and a problem, if it cannot be read."""
    try:
        return set(load_codebook())
    except DataError as exc:
        found.add(f"cannot check CAMEO codes: {exc}")
        return None


def other_names() -> dict[str, str]:
    """Names in the bundled countries, organisations and leaders -> the file they are in."""
    out: dict[str, str] = {}
    for row in bundled_rows("countries.yaml"):
        for text in [row.get("name"), *country_strings(row)]:
            if isinstance(text, str):
                out[text] = "countries.yaml"
    for row in bundled_rows("igos.yaml"):
        for text in [row.get("name"), *strings(row.get("names")),
                     *strings(row.get("adjectives"))]:
            if isinstance(text, str):
                out[text] = "igos.yaml"
    for row in bundled_rows("leaders.yaml"):
        for text in [row.get("name"), *strings(row.get("aliases"))]:
            if isinstance(text, str):
                out[text] = "leaders.yaml"
    return out
