"""Validator of the topics file (topics.yaml): the cues, acts and sectors of the topics whose
stories are not international events by themselves, and the verbal-fight rule."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from .problems import Key, Problems, check_fields, check_yaml, describe
from .references import known_cameo_codes, known_sectors

__all__ = ["check_topics"]


TOPICS_KEYS = ("version", "political_sectors", "company_words", "topics", "verbal_fight")
TOPIC_FLAGS = ("private", "toll")  # yes-or-no fields of a topic
TOPIC_FIELDS = ("cues", "acts", "routine", *TOPIC_FLAGS)
TOPIC_OPTIONAL = ("people",)
VERBAL_FIGHT_FIELDS = ("verbs", "code", "cues", "force_words")
_VERSION = re.compile(r"topics\.v[0-9]+")


def check_topics(path: Path) -> list[str]:
    """Problems of a topics file (topics.yaml): lowercase cues and words, known sectors and
    codes, yes-or-no flags."""
    return check_yaml(path, _topics)


def _topics(data: Any, found: Problems) -> None:
    """Every rule of topics.yaml."""
    if not isinstance(data, dict):
        found.add(f"expected a mapping of the topic table's parts, found {describe(data)}")
        return
    check_fields(data, found, TOPICS_KEYS, TOPICS_KEYS)
    if "version" in data and not (isinstance(data["version"], str)
                                  and _VERSION.fullmatch(data["version"])):
        found.add(f"version must read topics.vN, found {describe(data['version'])}", "version")
    sectors = set(known_sectors())
    if "political_sectors" in data:
        _sectors(data["political_sectors"], found, sectors, "political_sectors", nonempty=True)
    if "company_words" in data:
        _texts(data["company_words"], found, "company_words", words=True, nonempty=True)
    table = data.get("topics")
    if "topics" in data and (not isinstance(table, dict) or not table):
        found.add(f"topics must map topic names to their cues, found {describe(table)}",
                  "topics")
    elif isinstance(table, dict):
        cues: dict[str, tuple[str, Key]] = {}
        for name, topic in table.items():
            where: tuple[Key, ...] = ("topics", name)
            if not isinstance(topic, dict):
                found.add(f"topic {name}: expected its fields, found {describe(topic)}", *where)
                continue
            check_fields(topic, found, TOPIC_FIELDS, TOPIC_FIELDS + TOPIC_OPTIONAL, *where)
            for j, cue in _texts(topic.get("cues"), found, *where, "cues", nonempty=True):
                first = cues.setdefault(cue, (str(name), j))
                if first[0] != str(name):
                    found.add(f"cue {cue!r} is also a cue of {first[0]} (line "
                              f"{found.line('topics', first[0], 'cues', first[1])})",
                              *where, "cues", j)
            _texts(topic.get("acts"), found, *where, "acts", words=True)
            _texts(topic.get("people"), found, *where, "people", words=True)
            _sectors(topic.get("routine"), found, sectors, *where, "routine")
            for flag in TOPIC_FLAGS:
                if flag in topic and not isinstance(topic[flag], bool):
                    found.add(f"{flag} must be true or false, found {describe(topic[flag])}",
                              *where, flag)
    if "verbal_fight" in data:
        _verbal_fight(data["verbal_fight"], found)


def _verbal_fight(value: Any, found: Problems) -> None:
    """The verbal-fight rule: its verbs, cues and words of force, and a CAMEO code."""
    if not isinstance(value, dict):
        found.add(f"verbal_fight must be a mapping, found {describe(value)}", "verbal_fight")
        return
    check_fields(value, found, VERBAL_FIGHT_FIELDS, VERBAL_FIGHT_FIELDS, "verbal_fight")
    _texts(value.get("verbs"), found, "verbal_fight", "verbs", words=True, nonempty=True)
    _texts(value.get("cues"), found, "verbal_fight", "cues", nonempty=True)
    _texts(value.get("force_words"), found, "verbal_fight", "force_words", nonempty=True)
    code = value.get("code")
    known = known_cameo_codes(found)
    if "code" in value and (not isinstance(code, str) or (known is not None
                                                          and code not in known)):
        found.add(f"code {code!r} is not a CAMEO code (quoted)", "verbal_fight", "code")


def _texts(value: Any, found: Problems, *where: Key, words: bool = False,
           nonempty: bool = False) -> list[tuple[int, str]]:
    """A list of lowercase words (or, unless `words`, phrases of single-spaced words);
    the good ones with their indexes. A missing list is `check_fields`'s to report."""
    what = where[-1]
    if value is None and not nonempty:
        return []
    if not isinstance(value, list) or (nonempty and not value):
        want = "a non-empty list" if nonempty else "a list"
        if value is not None:
            found.add(f"{what} must be {want}, found {describe(value)}", *where)
        return []
    good = []
    for j, text in enumerate(value):
        if not isinstance(text, str) or not text:
            found.add(f"{what}: {text!r} is not text", *where, j)
        elif text != text.lower() or " ".join(text.split()) != text:
            found.add(f"{what}: {text!r} is not lowercase and single-spaced", *where, j)
        elif words and " " in text:
            found.add(f"{what}: {text!r} is not one word", *where, j)
        else:
            good.append((j, text))
    for text in sorted(t for t, n in Counter(t for _j, t in good).items() if n > 1):
        found.add(f"{what}: {text!r} is repeated", *where)
    return good


def _sectors(value: Any, found: Problems, sectors: set[str], *where: Key,
             nonempty: bool = False) -> None:
    """A list of sector codes of sectors.yaml."""
    what = where[-1]
    if value is None and not nonempty:
        return
    if not isinstance(value, list) or (nonempty and not value):
        if value is not None:
            found.add(f"{what} must be a list of sector codes, found {describe(value)}", *where)
        return
    for j, code in enumerate(value):
        if not isinstance(code, str) or code not in sectors:
            found.add(f"{what}: {code!r} is not a code of sectors.yaml", *where, j)
    for code in sorted(str(c) for c, n in Counter(map(str, value)).items() if n > 1):
        found.add(f"{what}: {code} is repeated", *where)
