"""Names and numbers as the reader's pages write them: parties, actors, codes, months, money.

    party_name("RUS")        -> "Russia"
    resolve_party("cuba")    -> "CUB" (also ISO and CAMEO codes)
    actor_label("RUSGOV")    -> "Russia (government)"
    actor_name(row, "source") -> "Vladimir Putin"; "Israeli military" for "forces"
    code_name("0331")        -> "Express intent to provide economic aid"
    the("United States")     -> "the United States";  possessive("Cuba") -> "Cuba's"
    month_label("2018-11")   -> "November 2018";  format_usd(5e7) -> "$50 million"

Party names come from the bundled country and organisation tables, read through
`datafiles.read_yaml` (the reader coding uses too) and indexed once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..codebook import load_codebook
from ..datafiles import DATA_DIR, read_yaml

__all__ = [
    "MONTH_NAMES",
    "actor_label",
    "actor_name",
    "capital_first",
    "code_name",
    "country_of_code",
    "format_quantity",
    "format_usd",
    "is_common_noun",
    "month_label",
    "party_name",
    "possessive",
    "resolve_party",
    "the",
]

# ---------------------------------------------------------------------------- names


@dataclass(frozen=True)
class _Names:
    parties: dict[str, str]  # ISO alpha-3 or organisation code -> name
    iso_of: dict[str, str]  # CAMEO country code -> ISO alpha-3 (where they differ)
    by_name: dict[str, str]  # lower-case name -> party
    adjectives: dict[str, str]  # ISO alpha-3 -> its adjective ("Russian")


@lru_cache(maxsize=1)
def _names() -> _Names:
    """The party tables, read from the data files once."""
    parties: dict[str, str] = {}
    iso_of: dict[str, str] = {}
    by_name: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for row in read_yaml(DATA_DIR / "countries.yaml"):
        parties[row["iso3"]] = row["name"]
        if row.get("adjectives"):
            adjectives[row["iso3"]] = row["adjectives"][0]
        if row.get("cameo"):
            iso_of[row["cameo"]] = row["iso3"]
        for name in [row["name"], *(row.get("names") or [])]:
            by_name.setdefault(name.lower(), row["iso3"])
    for row in read_yaml(DATA_DIR / "igos.yaml"):
        parties[row["code"]] = row["name"]
        by_name.setdefault(row["name"].lower(), row["code"])
    return _Names(parties, iso_of, by_name, adjectives)


_THE = re.compile(
    r"\b(United|Union|Republic|Kingdom|Emirates|Islands|States|Netherlands|Philippines|"
    r"Bahamas|Gambia|Maldives|Comoros|Seychelles|Nations|Organization|Organisation|"
    r"Assembly|Council|Commission|Bank|Fund|Agency|Court|League|Alliance|Parliament|"
    r"Vatican|Holy See|government|military|police|media|opposition|judiciary|legislature|"
    r"intelligence services)\b"
)
_THE_ALONE = {"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros",
              "Seychelles", "Vatican"}


def the(name: str) -> str:
    """A name as it reads inside a sentence: "the United States", "Cuba"."""
    if name.startswith(("the ", "The ")):
        return name
    if name in _THE_ALONE or (" " in name and _THE.search(name)):
        return "the " + name
    return name


def capital_first(text: str) -> str:
    """The text with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def possessive(name: str) -> str:
    """"Cuba's", "the United States'"."""
    return name + ("'" if name.endswith("s") else "'s")


def party_name(code: str | None) -> str:
    """The English name of a party (ISO country or organisation code); the code if unknown."""
    if not code:
        return "unknown"
    return _names().parties.get(code, code)


def resolve_party(text: str) -> str | None:
    """The party a URL or form names: an ISO or CAMEO code, or a name ("cuba"); else None."""
    names = _names()
    upper = text.strip().upper()
    if upper in names.parties:
        return upper
    if upper in names.iso_of:
        return names.iso_of[upper]
    return names.by_name.get(text.strip().lower().replace("-", " ").replace("_", " "))


def country_of_code(code: str) -> str | None:
    """The ISO country of an actor code ("RUSGOV" -> "RUS", "KSV" -> "XKX"), if any."""
    head = code[:3]
    names = _names()
    if head in names.iso_of:
        return names.iso_of[head]
    if head in names.parties and not head.startswith(("IGO", "NGO")):
        return head
    return None


_SECTORS = {
    "GOV": "government", "MIL": "military", "ELI": "elite", "BUS": "business",
    "MED": "media", "CVL": "civilians", "OPP": "opposition", "REB": "rebels",
    "COP": "police", "JUD": "judiciary", "LEG": "legislature", "SPY": "intelligence",
    "EDU": "education", "HLH": "health", "LAB": "labour", "REF": "refugees",
}


def actor_label(code: str) -> str:
    """A readable name for an actor code: "RUSGOV" -> "Russia (government)"."""
    names = _names()
    if code in names.parties:
        return names.parties[code]
    country = country_of_code(code)
    if country is None:
        sector = _SECTORS.get(code[3:6]) if code.startswith("---") else None
        return f"unknown ({sector})" if sector else code
    sector = _SECTORS.get(code[3:6])
    return f"{party_name(country)} ({sector})" if sector else party_name(country)


@lru_cache(maxsize=1)
def _sector_words() -> frozenset[str]:
    """The sector words of the actor dictionary ("forces", "minister", "television")."""
    sectors = read_yaml(DATA_DIR / "sectors.yaml").get("sectors") or {}
    return frozenset(w.lower() for spec in sectors.values() for w in spec.get("words") or ())


def is_common_noun(name: str) -> bool:
    """Whether an actor was named by a common noun ("forces", "man", "Television") rather
    than a proper name: it has no capital letter, or it is one of the sector words."""
    words = name.strip()
    if words.lower().startswith("the "):
        words = words[4:]
    return not any(c.isupper() for c in words) or words.lower() in _sector_words()


def actor_name(row: dict[str, Any], side: str) -> str | None:
    """How the pages name one side ("source" or "target") of an event row: its proper
    name ("Vladimir Putin"), else what its code says ("Israeli military", "Cuba") when
    the text named it by a common noun ("forces"); None for a missing target."""
    code = row.get(side)
    name = row.get(f"{side}_name")
    if name and not is_common_noun(name):
        return str(name)
    if not code:
        return None
    country, sector = country_of_code(code), _SECTORS.get(code[3:6])
    adjective = _names().adjectives.get(country or "")
    if name and adjective and sector:
        return f"{adjective} {sector}"  # "forces" of ISRMIL: "Israeli military"
    return actor_label(code)


# ---------------------------------------------------------------------------- numbers

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")


def month_label(month: str) -> str:
    """"2018-11" -> "November 2018"; "" -> "undated"."""
    if not re.fullmatch(r"\d{4}-\d{2}", month or ""):
        return "undated"
    return f"{MONTH_NAMES[int(month[5:7]) - 1]} {month[:4]}"


def format_usd(value: float) -> str:
    """$50 million, $1.2 billion, $750,000."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            number = f"{value / size:.1f}".removesuffix(".0")
            return f"${number} {word}"
    return f"${value:,.0f}"


def format_quantity(q: dict[str, Any]) -> str:
    """A quantity as written in the text, e.g. "$50 million"."""
    return str(q.get("text") or f"{q['value']:g} {q['unit']}")


# ---------------------------------------------------------------------------- codes


def code_name(cameo: str) -> str:
    """The codebook name of a CAMEO code ("0331" -> "Express intent to provide economic aid")."""
    entry = load_codebook().get(cameo)
    return entry.name if entry else f"CAMEO {cameo}"
