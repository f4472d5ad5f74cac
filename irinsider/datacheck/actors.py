"""Validators of the actor dictionaries: countries, organisations and groups, and a user's
own actor file in irinsider's YAML format.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from .problems import (
    CODE3,
    Key,
    Problems,
    as_date,
    check_fields,
    check_forms,
    check_yaml,
    clash,
    date_problem,
    describe,
    is_in,
    is_text,
    mappings,
    text_list,
)
from .references import (
    COUNTRY_LISTS,
    bundled_rows,
    country_strings,
    iso_codes,
    known_countries,
    known_sector_words,
    known_sectors,
    other_names,
)

__all__ = ["check_actors", "check_countries", "check_groups", "check_igos"]


# ---- countries.yaml ----------------------------------------------------------------------
COUNTRY_REQUIRED = ("iso3", "name", "names", "adjectives", "capital")
COUNTRY_OPTIONAL = ("metonyms", "metonyms_military", "cities", "cameo")
EXTRA_COUNTRY_CODES = frozenset({"XKX"})  # Kosovo: user-assigned code, CAMEO KSV


def check_countries(path: Path) -> list[str]:
    """Problems of a countries file (countries.yaml): one entry per ISO 3166-1 code."""
    return check_yaml(path, _countries)


def _countries(data: Any, found: Problems) -> None:
    """Every rule of countries.yaml."""
    codes: dict[str, int] = {}
    cameo: dict[str, tuple[str, int]] = {}
    owner: dict[str, tuple[str, int]] = {}
    folded: dict[str, tuple[str, str, int]] = {}
    for i, row in mappings(data, found, "countries"):
        line = found.line(i)
        check_fields(row, found, COUNTRY_REQUIRED, COUNTRY_REQUIRED + COUNTRY_OPTIONAL, i)
        iso3 = row.get("iso3")
        if not isinstance(iso3, str) or not CODE3.fullmatch(iso3):
            found.add(f"iso3 {iso3!r} is not three capital letters", i, "iso3")
            iso3 = f"entry on line {line}"
        elif iso3 in codes:
            found.add(f"iso3 {iso3} repeats the entry on line {codes[iso3]}", i, "iso3")
        elif iso3 not in iso_codes() | EXTRA_COUNTRY_CODES:
            found.add(f"iso3 {iso3} is not an ISO 3166-1 alpha-3 code", i, "iso3")
        codes.setdefault(iso3, line)
        if "name" in row and not (isinstance(row["name"], str) and row["name"].strip()):
            found.add(f"name must be text, found {describe(row['name'])}", i, "name")
        lists = {f: text_list(row, f, found, i, nonempty=f == "names")
                 for f in COUNTRY_LISTS}
        if is_text(row.get("name")) and "names" in row and row["name"] not in lists["names"]:
            found.add(f"name {row['name']!r} is not among names", i, "name")
        capital = row.get("capital")
        if not (capital is None or (isinstance(capital, str) and capital.strip())):
            found.add(f"capital must be text or null, found {describe(capital)}", i, "capital")
        forms = [(f, t, j) for f, texts in lists.items() for j, t in enumerate(texts)]
        if isinstance(capital, str):
            forms.append(("capital", capital, -1))
        check_forms(found, forms, i)
        for field, text, j in forms:
            other = clash(owner, text, iso3, line)
            if other:
                found.add(f"{field}: {other}", i, field, j)
        for field in ("names", "adjectives"):
            for j, text in enumerate(lists.get(field, [])):
                held = folded.setdefault(text.casefold(), (text, iso3, line))
                if held[1] != iso3 and held[0] != text:
                    found.add(f"{field}: {text!r} differs only in case from {held[0]!r} of "
                              f"{held[1]} (line {held[2]})", i, field, j)
        if "cameo" in row:
            code = row["cameo"]
            if not isinstance(code, str) or not CODE3.fullmatch(code):
                found.add(f"cameo {code!r} is not three capital letters", i, "cameo")
            elif code == iso3:
                found.add(f"cameo {code} is the iso3 code; give cameo only where it differs",
                          i, "cameo")
            else:
                other = clash(cameo, code, iso3, found.line(i, "cameo"), "cameo ")
                if other:
                    found.add(other, i, "cameo")
    for code, (country, line) in cameo.items():
        if code in codes:
            found.at(line, f"cameo {code} of {country} is the iso3 code of another entry "
                           f"(line {codes[code]})")
    missing = sorted((iso_codes() | EXTRA_COUNTRY_CODES) - set(codes))
    if isinstance(data, list) and missing:
        more = f" and {len(missing) - 20} more" if len(missing) > 20 else ""
        found.add(f"no entry for {len(missing)} code(s): {', '.join(missing[:20])}{more}")


# ---- igos.yaml ---------------------------------------------------------------------------
IGO_FIELDS = ("code", "name", "names", "adjectives", "parent")
_IGO_CODE = re.compile(r"(IGO|NGO)[A-Z]{3,9}")
GEOGRAPHIC_ADJECTIVES = frozenset({"European", "African"})


def check_igos(path: Path) -> list[str]:
    """Problems of an organisations file (igos.yaml): codes, parents, unique names."""
    return check_yaml(path, _igos)


def _igos(data: Any, found: Problems) -> None:
    """Every rule of igos.yaml."""
    country_forms = {t for r in bundled_rows("countries.yaml") for t in country_strings(r)}
    rows = mappings(data, found, "organisations")
    codes: dict[str, int] = {}
    owner: dict[str, tuple[str, int]] = {}
    for i, row in rows:
        line = found.line(i)
        check_fields(row, found, IGO_FIELDS, IGO_FIELDS, i)
        code = row.get("code")
        if not isinstance(code, str) or not _IGO_CODE.fullmatch(code):
            found.add(f"code {code!r} is not IGO or NGO and 3 to 9 capital letters", i, "code")
            code = f"entry on line {line}"
        elif code in codes:
            found.add(f"code {code} repeats the entry on line {codes[code]}", i, "code")
        codes.setdefault(code, line)
        if "name" in row and not (isinstance(row["name"], str) and row["name"].strip()):
            found.add(f"name must be text, found {describe(row['name'])}", i, "name")
        names = text_list(row, "names", found, i, nonempty=True)
        adjectives = text_list(row, "adjectives", found, i)
        forms = [("names", t, j) for j, t in enumerate(names)]
        forms += [("adjectives", t, j) for j, t in enumerate(adjectives)]
        check_forms(found, forms, i)
        for field, text, j in forms:
            other = clash(owner, text, code, line)
            if other:
                found.add(f"{field}: {other}", i, field, j)
            if text in country_forms:
                found.add(f"{field}: {text!r} is a name in countries.yaml", i, field, j)
            if field == "adjectives" and text in GEOGRAPHIC_ADJECTIVES:
                found.add(f"adjectives: {text!r} is a geographic adjective", i, field, j)
    for i, row in rows:
        code, parent = row.get("code"), row.get("parent")
        if parent is not None and not isinstance(parent, str):
            found.add(f"parent must be a code or null, found {describe(parent)}", i, "parent")
        elif isinstance(parent, str) and isinstance(code, str):
            if parent == code:
                found.add(f"parent {parent} is the entry itself", i, "parent")
            elif parent not in codes:
                found.add(f"parent {parent} is no organisation's code", i, "parent")
            elif not code.startswith(parent):
                found.add(f"code {code} does not extend its parent's code {parent}", i, "code")
        if isinstance(code, str) and code.startswith("NGO"):
            if len(code) != 6:
                found.add(f"code {code}: an NGO code is NGO and 3 letters", i, "code")
            if parent is not None:
                found.add(f"parent: an NGO ({code}) has none", i, "parent")


# ---- groups.yaml -------------------------------------------------------------------------
GROUP_FIELDS = ("name", "names", "country", "code", "sector", "start", "end", "terms", "note")
GROUP_REQUIRED = ("name", "names", "country", "sector")
GROUP_TERM_FIELDS = ("sector", "start", "end")
_GROUP_CODE = re.compile(r"(IMG|NGO)[A-Z]{3,9}")


def check_groups(path: Path) -> list[str]:
    """Problems of a groups file (groups.yaml): fields, dated sectors, unique names."""
    return check_yaml(path, _groups)


def _groups(data: Any, found: Problems) -> None:
    """Every rule of groups.yaml."""
    sectors, sector_words, countries = set(known_sectors()), known_sector_words(), known_countries()
    names: dict[str, int] = {}
    codes: dict[str, int] = {}
    owner: dict[str, tuple[str, int]] = {}
    forms: list[tuple[int, int, str, str]] = []  # index, name index, form, owner
    for i, row in mappings(data, found, "groups"):
        line = found.line(i)
        check_fields(row, found, GROUP_REQUIRED, GROUP_FIELDS, i)
        name = row.get("name")
        label = name if is_text(name) else f"the entry on line {line}"
        if "name" in row and not is_text(name):
            found.add(f"name must be text without spaces around it, found {describe(name)}",
                      i, "name")
        elif name in names:
            found.add(f"name {name!r} repeats the entry on line {names[name]}", i, "name")
        names.setdefault(label, line)
        texts = text_list(row, "names", found, i, nonempty=True)
        if "names" in row and is_text(name) and name not in texts:
            found.add(f"name {name!r} is not among names", i, "name")
        check_forms(found, [("names", t, j) for j, t in enumerate(texts)], i)
        for j, text in enumerate(texts):
            other = clash(owner, text, label, line)
            if other:
                found.add(f"names: {other}", i, "names", j)
            if " ".join(text.lower().split()) in sector_words:
                found.add(f"names: {text!r} is a sector word", i, "names", j)
            forms.append((i, j, text, label))
        if "sector" in row and not is_in(row["sector"], sectors):
            found.add(f"sector {row['sector']!r} is not a code of sectors.yaml", i, "sector")
        if "note" in row and not (isinstance(row["note"], str) and row["note"]):
            found.add(f"note must be text, found {describe(row['note'])}", i, "note")
        country, code = row.get("country"), row.get("code")
        if "country" in row and country is None:
            if not isinstance(code, str) or not _GROUP_CODE.fullmatch(code):
                found.add(f"a group without a country needs a code (IMG or NGO and 3 to 9 "
                          f"capital letters), found {describe(code)}", i, "code")
            elif code in codes:
                found.add(f"code {code} repeats the entry on line {codes[code]}", i, "code")
            else:
                codes[code] = line
        elif "country" in row:
            if not is_in(country, countries):
                found.add(f"country {country!r} is not an ISO 3166-1 alpha-3 code", i,
                          "country")
            if "code" in row:
                found.add("code is only for a group whose country is null", i, "code")
        _group_dates(row, i, found, sectors)
    _group_collisions(found, forms)


def _group_dates(row: dict[str, Any], i: int, found: Problems, sectors: set[str]) -> None:
    """A group's dates and its terms: dates, ordered, not overlapping."""
    for field in ("start", "end"):
        problem = date_problem(row.get(field), field)
        if problem:
            found.add(problem, i, field)
    start, end = as_date(row.get("start")), as_date(row.get("end"))
    if start and end and not start < end:
        found.add(f"the entry ends ({end}) before it starts ({start})", i, "end")
    if "terms" not in row:
        return
    terms = row["terms"]
    if not isinstance(terms, list) or not terms:
        found.add(f"terms must be a non-empty list, found {describe(terms)}", i, "terms")
        return
    for j, term in enumerate(terms):
        if not isinstance(term, dict):
            found.add(f"a term must be a mapping, found {describe(term)}", i, "terms", j)
            continue
        check_fields(term, found, GROUP_TERM_FIELDS, GROUP_TERM_FIELDS, i, "terms", j)
        if "sector" in term and not is_in(term["sector"], sectors):
            found.add(f"sector {term['sector']!r} is not a code of sectors.yaml",
                      i, "terms", j, "sector")
        for field in ("start", "end"):
            problem = date_problem(term.get(field), field)
            if problem:
                found.add(problem, i, "terms", j, field)
        t_start, t_end = as_date(term.get("start")), as_date(term.get("end"))
        if t_start and t_end and not t_start < t_end:
            found.add(f"the term ends ({t_end}) before it starts ({t_start})",
                      i, "terms", j, "end")
    # Ordered, not overlapping: only the first open at the start, only the last at the end.
    for j, (a, b) in enumerate(pairwise(terms), 1):
        if not (isinstance(a, dict) and isinstance(b, dict)):
            continue
        a_end, b_start = a.get("end"), b.get("start")
        if a_end is None or b_start is None:
            found.add("only the first term may start open and only the last end open",
                      i, "terms", j)
        elif type(a_end) is date and type(b_start) is date and a_end > b_start:
            found.add(f"this term starts ({b_start}) before the one above ends ({a_end})",
                      i, "terms", j)


def _group_collisions(found: Problems, forms: list[tuple[int, int, str, str]]) -> None:
    """No form is a name of another file, nor another's once in headline capitals."""
    others = other_names()
    ours = {text: owner for _i, _j, text, owner in forms}
    capitals_of_others = {t.upper(): src for t, src in others.items()
                          if t.upper() != t and len(t) > 3}
    for i, j, text, owner in forms:
        upper = text.upper()
        if text in others:
            found.add(f"names: {text!r} is a name in {others[text]}", i, "names", j)
        elif text in capitals_of_others:
            found.add(f"names: {text!r} is a name in {capitals_of_others[text]} in capitals",
                      i, "names", j)
        elif upper == text or len(text) <= 3:  # the matcher also reads "HEZBOLLAH"
            continue
        elif upper in others:
            found.add(f"names: {text!r} in capitals is a name in {others[upper]}",
                      i, "names", j)
        elif upper in ours and ours[upper] != owner:
            found.add(f"names: {text!r} in capitals is a name of {ours[upper]!r}",
                      i, "names", j)


# ---- a user's actor dictionary -----------------------------------------------------------
ACTOR_FIELDS = ("code", "name", "names", "country", "sector", "terms")
ACTOR_TERM_FIELDS = ("role", "sector", "start", "end", "country")


def check_actors(path: Path) -> list[str]:
    """Problems of a user's actor dictionary in irinsider's YAML format (``--actors``):
    ``actors: [{code: ARN, name: Arnor, names: [Arnor, Arnorian], country: null}]``."""
    return check_yaml(path, _actors)


def _actors(data: Any, found: Problems) -> None:
    """Every rule of a user's actor file."""
    where: tuple[Key, ...] = ()
    if isinstance(data, dict):
        check_fields(data, found, ("actors",), ("actors",))
        data, where = data.get("actors"), ("actors",)
    if not isinstance(data, list):
        found.add(f"expected a list of actors under 'actors:', found {describe(data)}", *where)
        return
    sectors, countries = set(known_sectors()), known_countries()
    owner: dict[str, int] = {}  # a surface form -> the line of the actor it names
    for i, row in enumerate(data):
        at = (*where, i)
        line = found.line(*at)
        if not isinstance(row, dict):
            found.add(f"expected an actor's fields, found {describe(row)}", *at)
            continue
        check_fields(row, found, ("code", "name"), ACTOR_FIELDS, *at)
        for field in ("code", "name"):
            if field in row and not (isinstance(row[field], str) and row[field].strip()):
                found.add(f"{field} must be text, found {describe(row[field])}", *at, field)
        if isinstance(row.get("code"), str) and len(row["code"].split()) > 1:
            found.add(f"code {row['code']!r} has spaces in it", *at, "code")
        texts = text_list(row, "names", found, *at)
        if isinstance(row.get("name"), str):
            texts.insert(0, row["name"])
        for text in dict.fromkeys(" ".join(t.split()) for t in texts if t.strip()):
            held = owner.setdefault(text, line)
            if held != line:
                found.add(f"{text!r} also names the actor on line {held}; the later one counts",
                          *at)
        if row.get("country") is not None and not is_in(row["country"], countries):
            found.add(f"country {row['country']!r} is not an ISO 3166-1 alpha-3 code",
                      *at, "country")
        if row.get("sector") is not None and not is_in(row["sector"], sectors):
            found.add(f"sector {row['sector']!r} is not a code of sectors.yaml", *at, "sector")
        _actor_terms(row, at, found, sectors, countries)


def _actor_terms(row: dict[str, Any], at: tuple[Key, ...], found: Problems, sectors: set[str],
                 countries: frozenset[str]) -> None:
    """A user's person's terms: known sectors and countries, dates."""
    terms = row.get("terms")
    if terms is None:
        return
    if not isinstance(terms, list):
        found.add(f"terms must be a list, found {describe(terms)}", *at, "terms")
        return
    for j, term in enumerate(terms):
        here = (*at, "terms", j)
        if not isinstance(term, dict):
            found.add(f"a term must be a mapping, found {describe(term)}", *here)
            continue
        check_fields(term, found, (), ACTOR_TERM_FIELDS, *here)
        if term.get("sector") is not None and not is_in(term["sector"], sectors):
            found.add(f"sector {term['sector']!r} is not a code of sectors.yaml",
                      *here, "sector")
        if term.get("country") is not None and not is_in(term["country"], countries):
            found.add(f"country {term['country']!r} is not an ISO 3166-1 alpha-3 code",
                      *here, "country")
        dates = []
        for field in ("start", "end"):
            value = term.get(field)
            try:
                dates.append(value if value is None or isinstance(value, date)
                             else date.fromisoformat(str(value)))
            except ValueError:
                found.add(f"{field} {value!r} is not a YYYY-MM-DD date", *here, field)
                dates.append(None)
        if dates[0] and dates[1] and not dates[0] < dates[1]:
            found.add(f"the term ends ({dates[1]}) before it starts ({dates[0]})", *here, "end")
