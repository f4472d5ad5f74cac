"""Validator of the leaders file: people, their names, and their terms of office."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from .problems import (
    Key,
    Problems,
    as_date,
    check_fields,
    check_yaml,
    date_problem,
    describe,
    is_in,
    is_text,
    mappings,
    text_list,
)
from .references import (
    bundled_rows,
    country_strings,
    known_countries,
    known_sector_words,
    known_sectors,
)

__all__ = ["check_leaders"]


LEADER_ROLES = frozenset({
    "president", "vice president", "first vice president", "deputy president",
    "prime minister", "chancellor", "chief executive", "king", "queen", "emperor",
    "crown prince", "supreme leader", "general secretary", "first secretary", "chairman",
    "foreign minister", "defence minister", "army chief", "secretary-general",
    "commission president", "council president", "high representative",
    "deputy prime minister", "interior minister", "finance minister", "minister",
    "national security adviser", "chief of staff", "spokesperson", "envoy", "speaker",
    "director-general", "managing director", "executive director", "high commissioner",
    "under-secretary-general", "commissioner-general", "chief prosecutor",
    "opposition leader", "party leader", "rebel leader", "militia leader",
})
# The sectors a role may have where it is not GOV: a serving military chief is MIL, a
# speaker of parliament LEG, leaders of the opposition, of a party, of rebels or militias
# OPP, PTY, REB, UAF.
ROLE_SECTORS = {
    "army chief": ("MIL",), "speaker": ("LEG",), "opposition leader": ("OPP",),
    "party leader": ("PTY", "OPP"), "rebel leader": ("REB",), "militia leader": ("UAF", "REB"),
}
LEADER_SECTORS = frozenset({"GOV"} | {s for sectors in ROLE_SECTORS.values() for s in sectors})
# Countries whose names are written family name first ("Kim Jong Un").
SURNAME_FIRST = frozenset({"CHN", "KOR", "PRK", "VNM"})
PERSON_FIELDS = ("name", "aliases", "country", "igo", "terms")
PERSON_REQUIRED = ("name", "aliases", "country", "terms")
TERM_FIELDS = ("role", "sector", "start", "end", "approx", "igo", "note")
TERM_REQUIRED = ("role", "sector", "start", "end")
EARLIEST_START = date(1950, 1, 1)
# A term may be known before it starts (an election won), but not years ahead.
LATEST_AHEAD = timedelta(days=366)


def check_leaders(path: Path) -> list[str]:
    """Problems of a leaders file (leaders.yaml): fields, terms of office, unique names."""
    return check_yaml(path, _leaders)


def _leaders(data: Any, found: Problems) -> None:
    """Every rule of leaders.yaml."""
    sectors = known_sectors()
    sector_words = known_sector_words()
    country_forms = {t for r in bundled_rows("countries.yaml") for t in country_strings(r)}
    people: list[tuple[str, list[tuple[str, tuple[Key, ...]]], Any]] = []
    names: dict[str, int] = {}
    for i, person in mappings(data, found, "people"):
        line = found.line(i)
        check_fields(person, found, PERSON_REQUIRED, PERSON_FIELDS, i)
        name = person.get("name")
        label = name if is_text(name) else f"the person on line {line}"
        if "name" in person and not is_text(name):
            found.add(f"name must be text without spaces around it, found {describe(name)}",
                      i, "name")
        elif name in names:
            found.add(f"name {name!r} repeats the person on line {names[name]}", i, "name")
        names.setdefault(label, line)
        aliases = text_list(person, "aliases", found, i)
        for j, alias in enumerate(aliases):
            if not is_text(alias):
                found.add(f"aliases: {alias!r} is empty or has spaces around it",
                          i, "aliases", j)
            elif alias == name:
                found.add(f"aliases: {alias!r} repeats the name", i, "aliases", j)
        for alias in sorted(a for a, n in Counter(aliases).items() if n > 1):
            found.add(f"aliases: {alias!r} is repeated", i, "aliases")
        # Each form once, with where it is written: the name, or its first alias.
        forms: dict[str, tuple[Key, ...]] = {name: (i, "name")} if is_text(name) else {}
        for j, alias in enumerate(aliases):
            if is_text(alias):
                forms.setdefault(alias, (i, "aliases", j))
        for form, where in forms.items():
            if form.lower() in sector_words:
                found.add(f"{form!r} is a sector word", *where)
            if form in country_forms:
                found.add(f"{form!r} is a name in countries.yaml", *where)
        country = person.get("country")
        if country is None and not is_in(person.get("igo"), organisations()):
            found.add("country null needs igo, the code of an organisation of igos.yaml or "
                      "of a group of no country in groups.yaml", i, "igo")
        if country is not None and not is_in(country, known_countries()):
            found.add(f"country {country!r} is not an ISO 3166-1 alpha-3 code", i, "country")
        if country is not None and "igo" in person:
            found.add("igo is only for a person whose country is null", i, "igo")
        _terms(person, i, found, set(sectors))
        people.append((label, list(forms.items()), country))
    _leader_forms(found, people)


def _terms(person: dict[str, Any], i: int, found: Problems, sector_codes: set[str]) -> None:
    """A person's terms: fields, dates, no overlap in a role, one code at a time."""
    terms = person.get("terms")
    if not isinstance(terms, list) or not terms:
        found.add(f"terms must be a non-empty list, found {describe(terms)}", i, "terms")
        return
    by_role: dict[tuple[Any, Any], list[tuple[date, date | None, int]]] = defaultdict(list)
    coded: list[tuple[date, date, str, int]] = []  # start, end, actor code, index
    for j, term in enumerate(terms):
        where = (i, "terms", j)
        if not isinstance(term, dict):
            found.add(f"a term must be a mapping, found {describe(term)}", *where)
            continue
        check_fields(term, found, TERM_REQUIRED, TERM_FIELDS, *where)
        role, sector = term.get("role"), term.get("sector")
        if "role" in term and not is_in(role, LEADER_ROLES):
            found.add(f"role {role!r} is not one of the roles listed atop leaders.yaml",
                      *where, "role")
        if "sector" in term:
            if not is_in(sector, sector_codes):
                found.add(f"sector {sector!r} is not a code of sectors.yaml", *where, "sector")
            elif sector not in LEADER_SECTORS:
                found.add(f"sector {sector} of a leader is one of "
                          f"{', '.join(sorted(LEADER_SECTORS))}", *where, "sector")
            elif isinstance(role, str) and sector not in ROLE_SECTORS.get(role, ("GOV",)):
                allowed = " or ".join(ROLE_SECTORS.get(role, ("GOV",)))
                found.add(f"sector {sector} is not for a {role} ({allowed})", *where,
                          "sector")
        if "igo" in term:
            if not is_in(term["igo"], organisations()):
                found.add(f"igo {term['igo']!r} is no organisation of igos.yaml or group of "
                          "no country in groups.yaml", *where, "igo")
            elif (person.get("country") is None and is_in(person.get("igo"), organisations())
                  and term["igo"] != person["igo"]):
                found.add(f"igo {term['igo']} differs from the person's {person.get('igo')}",
                          *where, "igo")
        for field in ("start", "end"):
            problem = date_problem(term.get(field), field)
            if problem:
                found.add(problem, *where, field)
        start, end = as_date(term.get("start")), as_date(term.get("end"))
        if "start" in term and term["start"] is None:
            found.add("start must be a date", *where, "start")
        if start and end and not start < end:
            found.add(f"the term ends ({end}) before it starts ({start})", *where, "end")
        if start and start < EARLIEST_START:
            found.add(f"start {start} is before {EARLIEST_START}", *where, "start")
        elif start and start > date.today() + LATEST_AHEAD:
            found.add(f"start {start} is more than a year ahead", *where, "start")
        if "approx" in term and term["approx"] is not True:
            found.add(f"approx is true or left out, not {term['approx']!r}", *where, "approx")
        if "note" in term and not (isinstance(term["note"], str) and term["note"]):
            found.add(f"note must be text, found {describe(term['note'])}", *where, "note")
        igo = term.get("igo")
        if start and (end is None or start < end) and isinstance(role, str):
            by_role[(role, igo if isinstance(igo, str) else None)].append((start, end, j))
            code = _term_code(person, term)
            if code:
                coded.append((start, end or date.max, code, j))
    for (role, _igo), spans in by_role.items():
        for (_s1, end1, j1), (start2, _e2, j2) in pairwise(sorted(spans, key=lambda s: s[0])):
            if end1 is None or end1 > start2:
                found.add(f"this {role} term overlaps the one on line "
                          f"{found.line(i, 'terms', j1)}", i, "terms", j2)
    # At any date one code, or a civilian one with a military one (Musharraf).
    for (s1, e1, c1, j1), (s2, e2, c2, j2) in itertools.combinations(coded, 2):
        if s1 < e2 and s2 < e1 and c1 != c2 and c1.endswith("MIL") == c2.endswith("MIL"):
            found.add(f"this term makes the person {c2} while the one on line "
                      f"{found.line(i, 'terms', j1)} makes them {c1}", i, "terms", j2)


def organisations() -> frozenset[str]:
    """The codes an office of a leader may belong to: the organisations of igos.yaml and
    the groups of no country of groups.yaml (al-Qaeda's emir)."""
    igos = {r["code"] for r in bundled_rows("igos.yaml") if isinstance(r.get("code"), str)}
    groups = {r["code"] for r in bundled_rows("groups.yaml")
              if r.get("country") is None and isinstance(r.get("code"), str)}
    return frozenset(igos | groups)


def _term_code(person: dict[str, Any], term: dict[str, Any]) -> str | None:
    """The actor code a leader's term gives: its igo, the person's, or country + sector."""
    for code in (term.get("igo"), person.get("igo") if person.get("country") is None else None):
        if isinstance(code, str):
            return code
    country, sector = person.get("country"), term.get("sector")
    return f"{country}{sector}" if isinstance(country, str) and isinstance(sector, str) else None


def _leader_forms(found: Problems,
                  people: list[tuple[str, list[tuple[str, tuple[Key, ...]]], Any]]) -> None:
    """No form names two people, whatever its case; a one-word alias is no one else's
    surname (the last word of a form, or the first in a country that writes it first)."""
    owner: dict[str, tuple[str, tuple[Key, ...]]] = {}
    surnames: dict[str, set[str]] = defaultdict(set)
    for name, forms, country in people:
        for form, where in forms:
            held = owner.setdefault(form.casefold(), (name, where))
            if held[0] != name:
                found.add(f"{form!r} also names {held[0]} (line {found.line(*held[1])})",
                          *where)
            words = form.split()
            surnames[words[-1]].add(name)
            if is_in(country, SURNAME_FIRST):
                surnames[words[0]].add(name)
    for name, forms, _country in people:
        for form, where in forms:
            others = surnames[form] - {name} if " " not in form else set()
            if others:
                found.add(f"one-word alias {form!r} is also the surname of "
                          f"{', '.join(sorted(others))}", *where)
