"""The verb dictionary, data/verbs.yaml: grammar, codes, sets, derive table, coverage."""

from __future__ import annotations

import csv
import itertools
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).parents[1] / "irinsider" / "data"
WRAPPERS = ("intent", "appeal", "demand", "threaten", "refuse")
NONE = "none"

WORD = r"[a-z][a-z'-]*"
OBJ = rf"(?:&[A-Z][A-Z0-9_]*|{WORD})"
# VERB [PART] [* OBJ] [+PREP OBJ]
PATTERN = re.compile(rf"^{WORD}(?: {WORD})?(?: \* {OBJ})?(?: \+{WORD} {OBJ})?$")
WRAPPER = re.compile(rf"^{WORD}(?: {WORD})?$")
LIGHT_VERBS = {"hold", "give", "make", "take", "have", "get", "do", "put"}
AMBIGUOUS = {"hit", "fire", "open", "move"}


@cache
def verbs() -> dict[str, Any]:
    return yaml.safe_load((DATA / "verbs.yaml").read_text(encoding="utf-8"))


@cache
def cameo() -> dict[str, dict[str, str]]:
    with (DATA / "cameo.csv").open(encoding="utf-8", newline="") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def patterns() -> list[tuple[str, str]]:
    """(code, pattern) for every pattern string, "none" included."""
    return [(str(code), str(p)) for code, pats in verbs()["codes"].items() for p in pats or []]


def expand(pattern: str) -> list[str]:
    """A pattern with its &SETs replaced by each member."""
    synsets = verbs()["synsets"]
    choices = [synsets[w[1:]] if w.startswith("&") else [w] for w in pattern.split()]
    return [" ".join(str(w) for w in combo) for combo in itertools.product(*choices)]


@cache
def expanded() -> dict[str, set[str]]:
    """Expanded pattern -> the codes it is listed under."""
    out: dict[str, set[str]] = defaultdict(set)
    for code, pat in patterns():
        for text in expand(pat):
            out[text].add(code)
    return out


def test_top_level_keys() -> None:
    data = verbs()
    assert data["version"] == "verbs.v1"
    for key in ("synsets", "codes", "derive", "nouns", *WRAPPERS):
        assert data.get(key), key


def test_codes_exist_in_codebook() -> None:
    known = cameo()
    bad = [code for code in verbs()["codes"] if code != NONE and code not in known]
    assert not bad, bad
    assert all(isinstance(code, str) for code in verbs()["codes"]), "quote the codes"


def test_patterns_follow_the_grammar() -> None:
    bad = [(code, p) for code, p in patterns() if not PATTERN.match(p)]
    assert not bad, bad


def test_light_and_ambiguous_verbs_never_stand_alone() -> None:
    bad = [(code, p) for code, p in patterns()
           if code != NONE and len(p.split()) == 1 and p in LIGHT_VERBS | AMBIGUOUS]
    assert not bad, bad


def test_sets_exist_and_are_used() -> None:
    synsets = verbs()["synsets"]
    used = {w[1:] for _, p in patterns() for w in p.split() if w.startswith("&")}
    assert used <= set(synsets), used - set(synsets)
    assert set(synsets) <= used, set(synsets) - used
    for name, words in synsets.items():
        assert words and all(re.fullmatch(WORD, str(w)) for w in words), name
        assert len(words) == len(set(words)), f"{name} repeats a word"


def test_no_pattern_is_written_twice() -> None:
    seen: dict[str, str] = {}
    dupes = []
    for code, p in patterns():
        if p in seen:
            dupes.append((p, seen[p], code))
        seen[p] = code
    assert not dupes, dupes


def test_no_expanded_pattern_under_two_codes() -> None:
    clashes = {p: sorted(codes) for p, codes in expanded().items() if len(codes) > 1}
    assert not clashes, clashes


def test_coverage() -> None:
    real = {p for p, codes in expanded().items() if NONE not in codes}
    assert len(real) >= 2000, len(real)
    roots = {code[:2] for code, _ in patterns() if code != NONE}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_wrappers() -> None:
    bare = {p for code, p in patterns() if "*" not in p and "+" not in p}
    kinds: dict[str, str] = {}
    for kind in WRAPPERS:
        for entry in verbs()[kind]:
            assert WRAPPER.match(entry), (kind, entry)
            assert entry not in kinds, (entry, kinds.get(entry), kind)
            kinds[entry] = kind
    # A wrapper's own reading comes from `derive`, not from a bare pattern.
    assert not bare & set(kinds), bare & set(kinds)


def test_derive_table() -> None:
    known = cameo()
    derive = verbs()["derive"]
    assert set(derive) == set(WRAPPERS)
    families = {"intent": "03", "appeal": "02", "demand": "10", "threaten": "13",
                "refuse": "12"}
    for kind, table in derive.items():
        assert "default" in table, kind
        for key, value in table.items():
            assert isinstance(value, str) and value in known, (kind, key, value)
            assert key == "default" or key in known, (kind, key)
        # Every code a wrapper yields by default is of its own family.
        assert table["default"].startswith(families[kind]), kind


def test_nouns() -> None:
    known = cameo()
    for noun, code in verbs()["nouns"].items():
        assert re.fullmatch(rf"({WORD} )?{WORD}", noun), noun
        assert isinstance(code, str) and code in known, (noun, code)
    assert len(verbs()["nouns"]) >= 150


def derived(kind: str, code: str) -> str:
    table = verbs()["derive"][kind]
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return table["default"]


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("withdraw * troop", "0874"),
        ("withdraw", "0874"),
        ("pull out", "0874"),
        ("withdraw * aid", "162"),
        ("withdraw * loan", "1621"),
        ("withdraw * ambassador", "161"),
        ("withdraw * peacekeeper", "1661"),
        ("withdraw * plan", "0832"),
        ("withdraw +from treaty", "160"),
        ("withdraw +from talk", "164"),
        ("restore * tie", "050"),
        ("establish * tie", "054"),
        ("sever * tie", "161"),
        ("expel * diplomat", "161"),
        ("expel * journalist", "174"),
        ("expel * inspector", "1662"),
        ("expel * villager", "201"),
        ("hold * talk", "046"),
        ("hold * meeting", "040"),
        ("hold * press", "010"),
        ("hold * joint", "062"),
        ("hold * drill", "150"),
        ("hold * vigil", "017"),
        ("meet", "040"),
        ("meet * demand", "080"),
        ("visit", "042"),
        ("host", "043"),
        ("mediate", "045"),
        ("say", "010"),
        ("praise", "051"),
        ("welcome", "051"),
        ("criticise", "111"),
        ("criticize", "111"),
        ("condemn", "111"),
        ("accuse", "112"),
        ("accuse +of corruption", "1121"),
        ("accuse +of espionage", "1125"),
        ("deny", "016"),
        ("reject * allegation", "016"),
        ("apologise", "055"),
        ("sign * treaty", "057"),
        ("strike * deal", "057"),
        ("declare * ceasefire", "0871"),
        ("declare * truce", "0871"),
        ("violate * ceasefire", "196"),
        ("lift * sanction", "085"),
        ("impose * sanction", "163"),
        ("impose * curfew", "1723"),
        ("impose * martial", "1724"),
        ("lift * curfew", "0813"),
        ("release * prisoner", "0841"),
        ("release * statement", "010"),
        ("call off * strike", "082"),
        ("go +on strike", "143"),
        ("stage * hunger", "142"),
        ("send * weapon", "072"),
        ("send * peacekeeper", "074"),
        ("send * food", "073"),
        ("send * aid", "070"),
        ("lend", "071"),
        ("grant * asylum", "075"),
        ("mobilise", "154"),
        ("deploy * troop", "154"),
        ("deploy * police", "153"),
        ("arrest", "173"),
        ("deport", "174"),
        ("crack down", "175"),
        ("kidnap", "181"),
        ("torture", "1822"),
        ("detonate * car", "1832"),
        ("assassinate", "186"),
        ("attack", "190"),
        ("shell", "194"),
        ("bomb", "195"),
        ("carry out * airstrike", "195"),
        ("open * fire", "190"),
        ("occupy", "192"),
        ("besiege", "191"),
        ("massacre", "202"),
        ("use * chemical", "2041"),
        ("investigate", "090"),
        ("veto", "129"),
        ("defy", "128"),
        ("sue", "115"),
        ("resign", "0831"),
        ("protest", "141"),
        ("riot", "145"),
        ("threaten * sanction", "1312"),
        ("issue * ultimatum", "139"),
        ("fire * minister", NONE),
        ("take * step", NONE),
    ],
)
def test_spot_patterns(pattern: str, code: str) -> None:
    assert expanded().get(pattern) == {code}, expanded().get(pattern)


@pytest.mark.parametrize(
    ("kind", "inner", "code"),
    [
        ("intent", "0874", "0356"),
        ("intent", "061", "0311"),
        ("intent", "072", "0332"),
        ("intent", "046", "036"),
        ("intent", "0871", "0871"),
        ("intent", "190", "1384"),
        ("intent", "163", "1312"),
        ("appeal", "046", "026"),
        ("appeal", "0841", "0253"),
        ("appeal", "0871", "0256"),
        ("appeal", "163", "113"),
        ("demand", "0874", "1056"),
        ("demand", "0831", "1041"),
        ("threaten", "163", "1312"),
        ("threaten", "161", "1313"),
        ("threaten", "192", "1382"),
        ("refuse", "046", "125"),
        ("refuse", "085", "1244"),
        ("refuse", "010", "011"),
        ("refuse", "112", "016"),
        ("intent", "999", "030"),
    ],
)
def test_spot_derive(kind: str, inner: str, code: str) -> None:
    assert derived(kind, inner) == code
