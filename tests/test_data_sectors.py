"""Checks of irinsider/data/sectors.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

SECTORS_PATH = Path(__file__).resolve().parents[1] / "irinsider" / "data" / "sectors.yaml"

with SECTORS_PATH.open(encoding="utf-8") as _f:
    DOC = yaml.safe_load(_f)
SECTORS = DOC["sectors"]

REQUIRED_CODES = set(
    "GOV MIL COP JUD LEG REB OPP BUS MED CVL EDU REL "
    "HLH LAB REF ELI SPY UAF NGO AGR ENV CRM".split()
)


def test_top_level():
    assert set(DOC) == {"sectors"}
    assert isinstance(SECTORS, dict)
    assert REQUIRED_CODES <= set(SECTORS)


@pytest.mark.parametrize("code", sorted(SECTORS))
def test_sector_entry(code):
    assert re.fullmatch(r"[A-Z]{3}", code)
    entry = SECTORS[code]
    assert set(entry) == {"name", "words"}
    assert isinstance(entry["name"], str) and entry["name"]
    words = entry["words"]
    assert isinstance(words, list) and words
    for word in words:
        assert isinstance(word, str), word
        assert word == word.lower(), word
        assert word == word.strip() and "  " not in word, repr(word)
        assert re.fullmatch(r"[a-z][a-z' -]*[a-z]", word), word
    assert len(set(words)) == len(words), "word repeated within a sector"


def test_no_word_in_two_sectors():
    owner: dict[str, str] = {}
    clashes = []
    for code, entry in SECTORS.items():
        for word in entry["words"]:
            if word in owner:
                clashes.append((word, owner[word], code))
            owner[word] = code
    assert not clashes


def test_no_proper_noun_metonyms():
    words = {w for e in SECTORS.values() for w in e["words"]}
    assert not words & {"kremlin", "pentagon", "white house", "downing street"}


PAIRS = [
    ("GOV", "government", "governments"),
    ("GOV", "minister", "ministers"),
    ("GOV", "official", "officials"),
    ("GOV", "spokesman", "spokesmen"),
    ("GOV", "diplomat", "diplomats"),
    ("GOV", "embassy", "embassies"),
    ("GOV", "foreign minister", "foreign ministers"),
    ("MIL", "soldier", "soldiers"),
    ("MIL", "troop", "troops"),
    ("MIL", "air force", "air forces"),
    ("MIL", "general", "generals"),
    ("COP", "policeman", "policemen"),
    ("COP", "police officer", "police officers"),
    ("JUD", "judge", "judges"),
    ("JUD", "attorney general", "attorneys general"),
    ("LEG", "lawmaker", "lawmakers"),
    ("LEG", "mp", "mps"),
    ("LEG", "member of parliament", "members of parliament"),
    ("REB", "rebel", "rebels"),
    ("REB", "militant", "militants"),
    ("UAF", "gunman", "gunmen"),
    ("UAF", "militia", "militias"),
    ("OPP", "dissident", "dissidents"),
    ("BUS", "company", "companies"),
    ("BUS", "businessman", "businessmen"),
    ("MED", "journalist", "journalists"),
    ("MED", "newspaper", "newspapers"),
    ("CVL", "civilian", "civilians"),
    ("CVL", "protester", "protesters"),
    ("CVL", "woman", "women"),
    ("CVL", "child", "children"),
    ("EDU", "student", "students"),
    ("EDU", "university", "universities"),
    ("REL", "cleric", "clerics"),
    ("REL", "clergyman", "clergymen"),
    ("HLH", "doctor", "doctors"),
    ("LAB", "worker", "workers"),
    ("REF", "refugee", "refugees"),
    ("SPY", "spy", "spies"),
    ("NGO", "charity", "charities"),
    ("AGR", "fisherman", "fishermen"),
    ("CRM", "thief", "thieves"),
    ("CRM", "smuggler", "smugglers"),
]


@pytest.mark.parametrize(("code", "singular", "plural"), PAIRS)
def test_singular_and_plural_present(code, singular, plural):
    words = SECTORS[code]["words"]
    assert singular in words
    assert plural in words


def test_regular_plurals_mostly_paired():
    """Single-word count nouns have their plural listed too (a loose check on
    the regular patterns; mass nouns like 'police' or 'media' are exempt)."""
    exempt = set(
        "police media press public people clergy infantry gendarmerie congress "
        "radio tv television judiciary opposition population politburo duma "
        "knesset bundestag military business mafia navy army insurgency "
        "authorities president-elect aircraft artillery".split()
    )
    missing = []
    for code, entry in SECTORS.items():
        words = set(entry["words"])
        for word in words:
            if " " in word or word in exempt:
                continue
            if word.endswith(("s", "men", "ren", "ple", "ves", "ies")):
                continue
            candidates = {word + "s", word + "es", word[:-1] + "ies", word + "ren"}
            if word.endswith("man"):
                candidates.add(word[:-3] + "men")
            if word.endswith("f"):
                candidates.add(word[:-1] + "ves")
            if not candidates & words:
                missing.append((code, word))
    assert not missing
