"""Validators of the data files: every bad row of a dictionary at once, with its line.

One validator a bundled file of `irinsider/data/` (countries, organisations, leaders,
groups, sectors, agents, verbs, topics, the CAMEO table) and one for a user's actor
dictionary in irinsider's YAML format (`code --actors FILE`). Each takes a path and returns
the problems found, one line each, ``FILE:LINE: what is wrong`` (``FILE: ...`` for the
file as a whole), in line order; an empty list means the file is good. A file that cannot
be read or parsed gives one problem. Rules across files (a leader's sector is one of
sectors.yaml, a group's name is no country's) compare with the bundled files.
`irinsider data check` prints them.

    problems = check_file(Path("my-actors.yaml"))   # picks the validator by file name
    problems = [p for path in bundled_files() for p in check_file(path)]

Modules: `problems` (lines, reading, shared rules), `references` (the bundled files as
references), `actors`, `leaders`, `sectors`, `verbs`, `topics`, `cameo` (the validators).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..datafiles import DATA_DIR
from .actors import check_actors, check_countries, check_groups, check_igos
from .cameo import check_cameo
from .leaders import check_leaders
from .sectors import check_agents, check_sectors
from .topics import check_topics
from .verbs import check_verbs

__all__ = ["VALIDATORS", "bundled_files", "check_actors", "check_agents", "check_cameo",
           "check_countries", "check_file", "check_groups", "check_igos", "check_leaders",
           "check_sectors", "check_topics", "check_verbs"]

VALIDATORS: dict[str, Callable[[Path], list[str]]] = {
    "agents.yaml": check_agents,
    "cameo.csv": check_cameo,
    "countries.yaml": check_countries,
    "groups.yaml": check_groups,
    "igos.yaml": check_igos,
    "leaders.yaml": check_leaders,
    "sectors.yaml": check_sectors,
    "topics.yaml": check_topics,
    "verbs.yaml": check_verbs,
}


def bundled_files() -> list[Path]:
    """Every data file shipped in irinsider/data/."""
    return sorted(p for p in DATA_DIR.iterdir() if p.is_file() and not p.name.startswith("."))


def check_file(path: Path) -> list[str]:
    """The problems of a data file: a file named like a bundled one (leaders.yaml) is
    checked as one; any other as a user's actor dictionary."""
    validator = VALIDATORS.get(path.name)
    if validator is not None:
        return validator(path)
    if path.parent.resolve() == DATA_DIR.resolve():
        return [f"{path}: no validator for this bundled data file"]
    if path.suffix.lower() == ".txt" and path.is_file():
        return [f"{path}: a PETRARCH dictionary; only irinsider's YAML dictionaries are "
                "checked here"]
    return check_actors(path)
