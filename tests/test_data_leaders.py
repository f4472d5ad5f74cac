"""Checks of irinsider/data/leaders.yaml: structure, dates, uniqueness of
surface forms, and a table of spot checks resolved by a small local lookup
(the package's own loader is tested elsewhere)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pycountry
import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "irinsider" / "data"
LEADERS_PATH = DATA / "leaders.yaml"
SECTORS_PATH = DATA / "sectors.yaml"
COUNTRIES_PATH = DATA / "countries.yaml"

ROLES = {
    "president",
    "vice president",
    "first vice president",
    "deputy president",
    "prime minister",
    "chancellor",
    "chief executive",
    "king",
    "queen",
    "emperor",
    "crown prince",
    "supreme leader",
    "general secretary",
    "first secretary",
    "chairman",
    "foreign minister",
    "defence minister",
    "army chief",
    "secretary-general",
    "commission president",
    "council president",
    "high representative",
}
IGOS = {"IGOUNO", "IGOWSTNAT", "IGOEUREEC"}
# Countries whose names are written family name first ("Kim Jong Un").
SURNAME_FIRST = {"CHN", "KOR", "PRK", "VNM"}
PERSON_KEYS = {"name", "aliases", "country", "igo", "terms"}
TERM_KEYS = {"role", "sector", "start", "end", "approx", "igo", "note"}


def _load(path: Path):
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


LEADERS = _load(LEADERS_PATH)
SECTOR_CODES = set(_load(SECTORS_PATH)["sectors"])


def _forms(person: dict) -> list[str]:
    """All surface forms of a person: the name and the aliases."""
    return [person["name"], *person["aliases"]]


def _term_code(person: dict, term: dict) -> str:
    if term.get("igo"):
        return term["igo"]
    if person["country"] is None:
        return person["igo"]
    return person["country"] + term["sector"]


def lookup(alias: str, when: dt.date) -> str | None:
    """Actor code of the person known by `alias` on date `when`, or None."""
    matches = [p for p in LEADERS if alias in _forms(p)]
    assert len(matches) == 1, f"{alias!r} names {len(matches)} people"
    person = matches[0]
    codes = [
        _term_code(person, t)
        for t in person["terms"]
        if t["start"] <= when and (t["end"] is None or when < t["end"])
    ]
    if not codes:
        return None
    # A civilian office wins over a concurrent military one (Musharraf).
    distinct = sorted(set(codes), key=lambda c: c.endswith("MIL"))
    assert len(distinct) == 1 or (len(distinct) == 2 and distinct[1].endswith("MIL")), (
        f"{alias!r} has conflicting codes {codes}"
    )
    return distinct[0]


def test_top_level_is_a_long_list():
    assert isinstance(LEADERS, list)
    assert len(LEADERS) >= 250


@pytest.mark.parametrize("person", LEADERS, ids=lambda p: p.get("name", "?"))
def test_person_fields(person):
    assert set(person) <= PERSON_KEYS, set(person) - PERSON_KEYS
    assert {"name", "aliases", "country", "terms"} <= set(person)
    assert isinstance(person["name"], str) and person["name"].strip() == person["name"]
    assert person["name"]
    assert isinstance(person["aliases"], list)
    for alias in person["aliases"]:
        assert isinstance(alias, str) and alias and alias.strip() == alias
        assert alias != person["name"], "alias repeats the name"
    assert len(set(person["aliases"])) == len(person["aliases"]), "repeated alias"

    country = person["country"]
    if country is None:
        assert person.get("igo") in IGOS, "country null needs igo"
        for term in person["terms"]:
            assert term.get("igo") in (None, person["igo"])
    else:
        assert pycountry.countries.get(alpha_3=country) is not None, country
        assert "igo" not in person, "person-level igo only with country null"

    assert isinstance(person["terms"], list) and person["terms"]


@pytest.mark.parametrize("person", LEADERS, ids=lambda p: p.get("name", "?"))
def test_terms(person):
    for term in person["terms"]:
        assert set(term) <= TERM_KEYS, set(term) - TERM_KEYS
        assert term["role"] in ROLES, term["role"]
        assert term["sector"] in SECTOR_CODES, term["sector"]
        assert term["sector"] in {"GOV", "MIL"}
        if term["sector"] == "MIL":
            assert term["role"] == "army chief"
        if "igo" in term:
            assert term["igo"] in IGOS
        # PyYAML turns YYYY-MM-DD into datetime.date; anything else is a typo.
        assert type(term["start"]) is dt.date, term["start"]
        assert term["end"] is None or type(term["end"]) is dt.date, term["end"]
        if term["end"] is not None:
            assert term["start"] < term["end"], term
        assert term["start"] >= dt.date(1950, 1, 1)
        assert term["start"] <= dt.date(2026, 12, 31)
        if "approx" in term:
            assert term["approx"] is True
        if "note" in term:
            assert isinstance(term["note"], str) and term["note"]


@pytest.mark.parametrize("person", LEADERS, ids=lambda p: p.get("name", "?"))
def test_terms_in_one_role_do_not_overlap(person):
    by_role = defaultdict(list)
    for term in person["terms"]:
        by_role[(term["role"], term.get("igo"))].append(term)
    for terms in by_role.values():
        terms = sorted(terms, key=lambda t: t["start"])
        for earlier, later in pairwise(terms):
            assert earlier["end"] is not None, f"open term before {later}"
            assert earlier["end"] <= later["start"], (earlier, later)


def test_names_unique():
    names = [p["name"] for p in LEADERS]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes


def test_no_surface_form_shared_by_two_people():
    owner: dict[str, str] = {}
    clashes = []
    for person in LEADERS:
        for form in {f.casefold() for f in _forms(person)}:
            if form in owner and owner[form] != person["name"]:
                clashes.append((form, owner[form], person["name"]))
            owner.setdefault(form, person["name"])
    assert not clashes


def test_single_word_aliases_are_unambiguous():
    """A one-word alias (usually a bare surname) must not be the surname of
    anyone else in the file, i.e. the last word of another person's name or
    alias ("Castro", "Kim", "Assad", "Blair" ...)."""
    last_words = defaultdict(set)  # surname-position word of a form -> people
    for person in LEADERS:
        for form in _forms(person):
            words = form.split()
            last_words[words[-1]].add(person["name"])
            if person["country"] in SURNAME_FIRST:
                last_words[words[0]].add(person["name"])
    clashes = []
    for person in LEADERS:
        for form in _forms(person):
            if " " not in form:
                others = last_words[form] - {person["name"]}
                if others:
                    clashes.append((form, person["name"], sorted(others)))
    assert not clashes


def test_aliases_are_not_sector_words():
    sector_words = {w for s in _load(SECTORS_PATH)["sectors"].values() for w in s["words"]}
    bad = [f for p in LEADERS for f in _forms(p) if f.lower() in sector_words]
    assert not bad


def test_aliases_are_not_country_names():
    if not COUNTRIES_PATH.exists():
        pytest.skip("countries.yaml not present")
    countries = _load(COUNTRIES_PATH)
    surface = set()
    for c in countries:
        for key in ("names", "adjectives", "metonyms", "cities"):
            surface.update(c.get(key) or [])
        if c.get("capital"):
            surface.add(c["capital"])
    bad = [f for p in LEADERS for f in _forms(p) if f in surface]
    assert not bad


def test_required_people_present():
    names = {p["name"] for p in LEADERS}
    for name in [
        "Vladimir Putin",
        "Fidel Castro",
        "Raúl Castro",
        "Miguel Díaz-Canel",
        "Bruno Rodríguez Parrilla",
        "Nguyen Phu Trong",
        "Nguyen Xuan Phuc",
        "Kim Jong-il",
        "Kim Jong Un",
        "Ri Yong-ho",
        "Bounnhang Vorachith",
        "Thongloun Sisoulith",
        "Hu Jintao",
        "Xi Jinping",
        "Wen Jiabao",
        "Li Keqiang",
        "Li Qiang",
        "Wang Yi",
        "Bill Clinton",
        "Hillary Clinton",
        "George W. Bush",
        "Barack Obama",
        "Donald Trump",
        "Joe Biden",
        "Ursula von der Leyen",
        "António Guterres",
        "Mark Rutte",
    ]:
        assert name in names, name


def test_every_g20_and_article_country_covered():
    countries = {p["country"] for p in LEADERS}
    expected = (
        "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR "
        "GBR USA CUB PRK VNM LAO"
    ).split()
    assert set(expected) <= countries
    igos = {t.get("igo") for p in LEADERS for t in p["terms"]} | {p.get("igo") for p in LEADERS}
    assert IGOS <= igos


D = dt.date
SPOT_CHECKS = [
    ("Putin", D(2018, 11, 9), "RUSGOV"),
    ("Putin", D(2010, 1, 1), "RUSGOV"),  # as prime minister
    ("Putin", D(1995, 1, 1), None),
    ("Medvedev", D(2010, 1, 1), "RUSGOV"),
    ("Medvedev", D(2021, 1, 1), None),
    ("Lavrov", D(2018, 11, 9), "RUSGOV"),
    ("Díaz-Canel", D(2018, 11, 9), "CUBGOV"),
    ("Diaz-Canel", D(2018, 11, 9), "CUBGOV"),
    ("Díaz-Canel", D(2017, 1, 1), "CUBGOV"),  # first vice president
    ("Díaz-Canel", D(2012, 1, 1), None),
    ("Fidel Castro", D(2005, 1, 1), "CUBGOV"),
    ("Raúl Castro", D(2018, 11, 9), "CUBGOV"),  # first secretary until 2021
    ("Raúl Castro", D(2022, 1, 1), None),
    ("Bruno Rodríguez", D(2018, 11, 9), "CUBGOV"),
    ("Obama", D(2018, 11, 9), None),
    ("Obama", D(2012, 6, 1), "USAGOV"),
    ("Trump", D(2018, 11, 9), "USAGOV"),
    ("Trump", D(2022, 6, 1), None),
    ("Trump", D(2025, 6, 1), "USAGOV"),
    ("Biden", D(2014, 1, 1), "USAGOV"),  # vice president
    ("Biden", D(2018, 1, 1), None),
    ("Hillary Clinton", D(2010, 1, 1), "USAGOV"),
    ("Hillary Clinton", D(2016, 1, 1), None),
    ("Bill Clinton", D(2000, 1, 1), "USAGOV"),
    ("Pompeo", D(2018, 11, 9), "USAGOV"),
    ("Mattis", D(2018, 11, 9), "USAGOV"),
    ("Nguyen Phu Trong", D(2018, 11, 9), "VNMGOV"),
    ("Nguyen Phu Trong", D(2024, 8, 1), None),
    ("Nguyen Xuan Phuc", D(2018, 11, 9), "VNMGOV"),
    ("Kim Jong Un", D(2018, 11, 9), "PRKGOV"),
    ("Kim Jong-un", D(2018, 11, 9), "PRKGOV"),
    ("Kim Jong-il", D(2018, 11, 9), None),
    ("Kim Jong-il", D(2005, 1, 1), "PRKGOV"),
    ("Ri Yong-ho", D(2018, 11, 9), "PRKGOV"),
    ("Bounnhang Vorachith", D(2018, 11, 9), "LAOGOV"),
    ("Thongloun Sisoulith", D(2018, 11, 9), "LAOGOV"),
    ("Xi Jinping", D(2018, 11, 9), "CHNGOV"),
    ("Wang Yi", D(2018, 11, 9), "CHNGOV"),
    ("Wang Yi", D(2023, 3, 1), None),  # Qin Gang's months
    ("Merkel", D(2018, 11, 9), "DEUGOV"),
    ("Macron", D(2018, 11, 9), "FRAGOV"),
    ("Abe", D(2018, 11, 9), "JPNGOV"),
    ("Abe", D(2010, 1, 1), None),
    ("Moon Jae-in", D(2018, 11, 9), "KORGOV"),
    ("Erdoğan", D(2010, 1, 1), "TURGOV"),
    ("Modi", D(2018, 11, 9), "INDGOV"),
    ("Mohammed bin Salman", D(2018, 11, 9), "SAUGOV"),
    ("Guterres", D(2018, 11, 9), "IGOUNO"),
    ("Guterres", D(2000, 1, 1), "PRTGOV"),
    ("Ban Ki-moon", D(2010, 1, 1), "IGOUNO"),
    ("Annan", D(2003, 1, 1), "IGOUNO"),
    ("Stoltenberg", D(2018, 11, 9), "IGOWSTNAT"),
    ("Stoltenberg", D(2010, 1, 1), "NORGOV"),
    ("Mogherini", D(2018, 11, 9), "IGOEUREEC"),
    ("Juncker", D(2018, 11, 9), "IGOEUREEC"),
    ("von der Leyen", D(2018, 11, 9), "DEUGOV"),
    ("von der Leyen", D(2022, 1, 1), "IGOEUREEC"),
    ("Lady Ashton", D(2012, 1, 1), "IGOEUREEC"),
    ("Zelensky", D(2022, 3, 1), "UKRGOV"),
    ("Netanyahu", D(2018, 11, 9), "ISRGOV"),
    ("Assad", D(2018, 11, 9), "SYRGOV"),
    ("Assad", D(2025, 6, 1), None),
    ("Musharraf", D(2000, 1, 1), "PAKGOV"),
    ("Musharraf", D(1999, 1, 1), "PAKMIL"),  # army chief before the coup
    ("Asim Munir", D(2025, 1, 1), "PAKMIL"),
    # Other UN member states (and Taiwan).
    ("Orbán", D(2018, 11, 9), "HUNGOV"),
    ("Orban", D(2005, 1, 1), None),
    ("Lukashenko", D(2020, 8, 10), "BLRGOV"),
    ("Mugabe", D(2010, 1, 1), "ZWEGOV"),
    ("Mugabe", D(2018, 6, 1), None),
    ("Kagame", D(2018, 11, 9), "RWAGOV"),
    ("Gaddafi", D(2010, 1, 1), "LBYGOV"),
    ("Gaddafi", D(2012, 1, 1), None),
    ("Haftar", D(2019, 4, 4), "LBYMIL"),
    ("Pinochet", D(1985, 1, 1), "CHLGOV"),
    ("Pinochet", D(1995, 1, 1), "CHLMIL"),  # army chief after 1990
    ("Waldheim", D(1980, 1, 1), "IGOUNO"),
    ("Waldheim", D(1990, 1, 1), "AUTGOV"),
    ("Santer", D(1997, 1, 1), "IGOEUREEC"),
    ("Min Aung Hlaing", D(2018, 11, 9), "MMRMIL"),
    ("Min Aung Hlaing", D(2022, 1, 1), "MMRGOV"),
    ("Suu Kyi", D(2018, 11, 9), "MMRGOV"),
    ("Jacinda Ardern", D(2018, 11, 9), "NZLGOV"),
    ("Sheikh Tamim", D(2018, 11, 9), "QATGOV"),
    ("King Abdullah II", D(2018, 11, 9), "JORGOV"),
    ("Bukele", D(2020, 1, 1), "SLVGOV"),
    ("Tsai Ing-wen", D(2018, 11, 9), "TWNGOV"),
    ("Sánchez Cerén", D(2018, 11, 9), "SLVGOV"),
    ("Aleksandar Vučić", D(2018, 11, 9), "SRBGOV"),
]


@pytest.mark.parametrize(("alias", "when", "expected"), SPOT_CHECKS)
def test_spot_checks(alias, when, expected):
    assert lookup(alias, when) == expected
