"""Validators of the word lists: sector words (sectors.yaml) and agent nouns (agents.yaml)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from .problems import (
    CODE3,
    Problems,
    check_fields,
    check_yaml,
    clash,
    describe,
    text_list,
    unquoted_keys,
)
from .references import known_sector_words

__all__ = ["check_agents", "check_sectors"]


REQUIRED_SECTORS = frozenset("GOV MIL COP JUD LEG REB OPP BUS MED CVL EDU REL HLH LAB REF ELI "
                             "SPY UAF NGO AGR ENV CRM".split())
PROPER_NOUN_METONYMS = frozenset({"kremlin", "pentagon", "white house", "downing street"})
_SECTOR_WORD = re.compile(r"[a-z][a-z' -]*[a-z]")
# Nouns without a plural of their own, or whose plural is no word of the file.
MASS_NOUNS = frozenset(
    "police media press public people clergy infantry gendarmerie congress radio tv "
    "television judiciary opposition population politburo duma knesset bundestag military "
    "business mafia navy army insurgency authorities president-elect aircraft artillery"
    .split())


def check_sectors(path: Path) -> list[str]:
    """Problems of a sectors file (sectors.yaml): codes, lowercase words, plurals."""
    return check_yaml(path, _sector_file)


def _sector_file(data: Any, found: Problems) -> None:
    """Every rule of sectors.yaml."""
    if not isinstance(data, dict) or not isinstance(data.get("sectors"), dict):
        found.add(f"expected a mapping under 'sectors:', found {describe(data)}")
        return
    check_fields(data, found, ("sectors",), ("sectors",))
    unquoted_keys(found, "sector code", "sectors")
    table: dict[Any, Any] = data["sectors"]
    missing = sorted(REQUIRED_SECTORS - set(table))
    if missing:
        found.add(f"missing sector code(s): {', '.join(missing)}", "sectors")
    owner: dict[str, tuple[str, int]] = {}
    for code, spec in table.items():
        where = ("sectors", code)
        if isinstance(code, str) and not CODE3.fullmatch(code):
            found.add(f"sector code {code!r} is not three capital letters", *where)
        if not isinstance(spec, dict):
            found.add(f"expected name and words, found {describe(spec)}", *where)
            continue
        check_fields(spec, found, ("name", "words"), ("name", "words"), *where)
        if "name" in spec and not (isinstance(spec["name"], str) and spec["name"]):
            found.add(f"name must be text, found {describe(spec['name'])}", *where, "name")
        words = text_list(spec, "words", found, *where, nonempty=True)
        for j, word in enumerate(words):
            if not _SECTOR_WORD.fullmatch(word) or "  " in word:
                found.add(f"word {word!r} is not lowercase letters, single spaces, - or '",
                          *where, "words", j)
            if word in PROPER_NOUN_METONYMS:
                found.add(f"word {word!r} is a proper noun: it belongs to countries.yaml",
                          *where, "words", j)
            other = clash(owner, word, str(code), found.line(*where), "word ")
            if other:
                found.add(other, *where, "words", j)
        for word in sorted(w for w, n in Counter(words).items() if n > 1):
            found.add(f"word {word!r} is repeated within the sector", *where, "words")
        for word in _unpaired(set(words)):
            found.add(f"word {word!r} has no plural in the sector", *where, "words",
                      words.index(word))


def _unpaired(words: set[str]) -> list[str]:
    """Single-word count nouns whose regular plural is missing (a loose check)."""
    out = []
    for word in sorted(words):
        if " " in word or word in MASS_NOUNS or word.endswith(("s", "men", "ren", "ple",
                                                                   "ves", "ies")):
            continue
        plurals = {word + "s", word + "es", word[:-1] + "ies", word + "ren"}
        if word.endswith("man"):
            plurals.add(word[:-3] + "men")
        if word.endswith("f"):
            plurals.add(word[:-1] + "ves")
        if not plurals & words:
            out.append(word)
    return out


# ---- agents.yaml -------------------------------------------------------------------------
def check_agents(path: Path) -> list[str]:
    """Problems of an agent nouns file (agents.yaml): lowercase, unique, no sector word."""
    return check_yaml(path, _agents)


def _agents(data: Any, found: Problems) -> None:
    """Every rule of agents.yaml."""
    if not isinstance(data, dict) or not isinstance(data.get("agents"), list):
        found.add(f"expected a list under 'agents:', found {describe(data)}")
        return
    check_fields(data, found, ("agents",), ("agents",))
    words = text_list(data, "agents", found, nonempty=True)
    sector_words = known_sector_words()
    seen: set[str] = set()
    for j, word in enumerate(words):
        if word != word.lower().strip() or not word:
            found.add(f"agents: {word!r} is not a lowercase word", "agents", j)
        if word in seen:
            found.add(f"agents: {word!r} is repeated", "agents", j)
        if word in sector_words:
            found.add(f"agents: {word!r} is a sector word of sectors.yaml", "agents", j)
        seen.add(word)
