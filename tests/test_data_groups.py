"""Checks on irinsider/data/groups.yaml (armed groups, parties, agencies)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "irinsider" / "data"
FIELDS = {"name", "names", "country", "code", "sector", "start", "end", "terms", "note"}
REQUIRED = {"name", "names", "country", "sector"}
TERM_FIELDS = {"sector", "start", "end"}
CODE_RE = re.compile(r"^(IMG[A-Z]{3,9}|NGO[A-Z]{3,9})$")
COUNTRY_LIST_FIELDS = ("names", "adjectives", "metonyms", "metonyms_military", "cities")


@cache
def load(filename: str) -> Any:
    with (DATA_DIR / filename).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def groups() -> list[dict[str, Any]]:
    data = load("groups.yaml")
    assert isinstance(data, list)
    return data


@cache
def sector_codes() -> frozenset[str]:
    return frozenset(load("sectors.yaml")["sectors"])


@cache
def sector_words() -> frozenset[str]:
    return frozenset(
        " ".join(word.lower().split())
        for spec in load("sectors.yaml")["sectors"].values()
        for word in spec["words"]
    )


@cache
def country_codes() -> frozenset[str]:
    """ISO alpha-3 codes: pycountry's, plus user-assigned ones in countries.yaml (XKX)."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | {
        e["iso3"] for e in load("countries.yaml")
    }


def surface(entry: dict[str, Any]) -> list[str]:
    return [entry["name"], *entry["names"]]


@cache
def group_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = defaultdict(set)
    for entry in groups():
        for text in surface(entry):
            index[text].add(entry["name"])
    return {t: tuple(sorted(n)) for t, n in index.items()}


@cache
def other_names() -> dict[str, str]:
    """Case-sensitive names in the other data files -> the file they come from."""
    out: dict[str, str] = {}
    for entry in load("countries.yaml"):
        for field in COUNTRY_LIST_FIELDS:
            for text in entry.get(field) or []:
                out[text] = "countries.yaml"
        out[entry["name"]] = "countries.yaml"
        if entry.get("capital"):
            out[entry["capital"]] = "countries.yaml"
    for entry in load("igos.yaml"):
        for text in [entry["name"], *entry["names"], *(entry.get("adjectives") or [])]:
            out[text] = "igos.yaml"
    for entry in load("leaders.yaml"):
        for text in [entry["name"], *(entry.get("aliases") or [])]:
            out[text] = "leaders.yaml"
    return out


def as_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    assert isinstance(value, dt.date), repr(value)  # YAML reads YYYY-MM-DD as a date
    return value


def test_is_list_of_mappings() -> None:
    assert len(groups()) >= 150
    assert all(isinstance(e, dict) for e in groups())


@pytest.mark.parametrize("entry", groups(), ids=lambda e: str(e.get("name")))
def test_entry_fields(entry: dict[str, Any]) -> None:
    assert REQUIRED <= set(entry) <= FIELDS, set(entry) ^ FIELDS
    assert isinstance(entry["name"], str) and entry["name"].strip() == entry["name"]
    assert isinstance(entry["names"], list) and entry["names"]
    assert entry["name"] in entry["names"], "the canonical name is a surface form"
    for text in entry["names"]:
        assert isinstance(text, str) and text and text == text.strip(), repr(text)
        assert " ".join(text.split()) == text, repr(text)
        assert not text.lower().startswith("the "), text
    duplicated = [t for t, n in Counter(entry["names"]).items() if n > 1]
    assert duplicated == []
    assert entry["sector"] in sector_codes()
    if "note" in entry:
        assert isinstance(entry["note"], str) and entry["note"]


@pytest.mark.parametrize("entry", groups(), ids=lambda e: str(e.get("name")))
def test_country_or_code(entry: dict[str, Any]) -> None:
    country = entry["country"]
    if country is None:
        assert isinstance(entry.get("code"), str), "a transnational group needs a code"
        assert CODE_RE.match(entry["code"]), entry["code"]
    else:
        assert country in country_codes(), country
        assert "code" not in entry, "code is only for entries without a country"


def test_codes_unique() -> None:
    codes = Counter(e["code"] for e in groups() if "code" in e)
    assert [c for c, n in codes.items() if n > 1] == []


@pytest.mark.parametrize("entry", groups(), ids=lambda e: str(e.get("name")))
def test_dates_and_terms(entry: dict[str, Any]) -> None:
    start, end = as_date(entry.get("start")), as_date(entry.get("end"))
    if start and end:
        assert start < end
    terms = entry.get("terms")
    if terms is None:
        return
    assert isinstance(terms, list) and terms
    for term in terms:
        assert set(term) == TERM_FIELDS, term
        assert term["sector"] in sector_codes()
        t_start, t_end = as_date(term["start"]), as_date(term["end"])
        if t_start and t_end:
            assert t_start < t_end, term
    for a, b in pairwise(terms):
        # Ordered and not overlapping: only the first may be open at the start,
        # only the last open at the end, and each ends by the time the next begins.
        assert a["end"] is not None and b["start"] is not None, (a, b)
        assert as_date(a["end"]) <= as_date(b["start"]), (a, b)  # type: ignore[operator]


def test_no_surface_form_in_two_entries() -> None:
    clashes = {t: names for t, names in group_index().items() if len(names) > 1}
    assert clashes == {}


def test_names_unique() -> None:
    names = Counter(e["name"] for e in groups())
    assert [n for n, k in names.items() if k > 1] == []


def test_no_collision_with_other_files() -> None:
    others = other_names()
    clashes = {t: others[t] for t in group_index() if t in others}
    assert clashes == {}


def test_headline_capitals_do_not_collide() -> None:
    # The matcher also reads "HEZBOLLAH" for "Hezbollah" (names over 3 characters).
    others = other_names()
    ours = group_index()
    clashes = {}
    for text, owner in ours.items():
        upper = text.upper()
        if upper == text or len(text) <= 3:
            continue
        if upper in others:
            clashes[text] = others[upper]
        elif upper in ours and ours[upper] != owner:
            clashes[text] = ours[upper]
    for text, source in others.items():
        upper = text.upper()
        if upper != text and len(text) > 3 and upper in ours:
            clashes[upper] = source
    assert clashes == {}


def test_no_collision_with_sector_words() -> None:
    words = sector_words()
    clashes = [t for t in group_index() if " ".join(t.lower().split()) in words]
    assert clashes == []


@pytest.mark.parametrize(
    "text",
    ["Pentagon", "Congress", "Workers' Party", "Mafia", "IS", "RAF Red Army Faction", "PTI"],
)
def test_ambiguous_forms_left_out(text: str) -> None:
    assert text not in group_index()


def lookup(text: str, when: dt.date | None = None) -> tuple[str | None, str]:
    """(country, sector) of a surface form, on a date if given (a local reading of the format)."""
    (name,) = group_index()[text]
    entry = next(e for e in groups() if e["name"] == name)
    sector = entry["sector"]
    if when is not None:
        for term in entry.get("terms") or []:
            start, end = as_date(term["start"]), as_date(term["end"])
            if (start is None or start <= when) and (end is None or when < end):
                sector = term["sector"]
    return entry["country"], sector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hamas", ("PSE", "REB")),
        ("Islamic Jihad", ("PSE", "REB")),
        ("Fatah", ("PSE", "PTY")),
        ("Hezbollah", ("LBN", "REB")),
        ("Taliban", ("AFG", "REB")),
        ("al-Qaeda", (None, "REB")),
        ("al Qaeda", (None, "REB")),
        ("Al-Qaeda", (None, "REB")),
        ("al-Qaida", (None, "REB")),
        ("ISIS", (None, "REB")),
        ("ISIL", (None, "REB")),
        ("Daesh", (None, "REB")),
        ("al-Shabab", ("SOM", "REB")),
        ("Boko Haram", ("NGA", "REB")),
        ("Houthis", ("YEM", "REB")),
        ("Ansar Allah", ("YEM", "REB")),
        ("PKK", ("TUR", "REB")),
        ("YPG", ("SYR", "REB")),
        ("SDF", ("SYR", "REB")),
        ("FARC", ("COL", "REB")),
        ("ELN", ("COL", "REB")),
        ("Shining Path", ("PER", "REB")),
        ("Tamil Tigers", ("LKA", "REB")),
        ("LTTE", ("LKA", "REB")),
        ("Lord's Resistance Army", ("UGA", "REB")),
        ("M23", ("COD", "REB")),
        ("RSF", ("SDN", "REB")),
        ("SPLM", ("SSD", "PTY")),
        ("UNITA", ("AGO", "OPP")),
        ("RENAMO", ("MOZ", "OPP")),
        ("Polisario", ("ESH", "REB")),
        ("IRA", ("GBR", "REB")),
        ("ETA", ("ESP", "REB")),
        ("Wagner Group", ("RUS", "UAF")),
        ("Muslim Brotherhood", ("EGY", "OPP")),
        ("Hayat Tahrir al-Sham", ("SYR", "REB")),
        ("Jaish-e-Mohammed", ("PAK", "REB")),
        ("Lashkar-e-Taiba", ("PAK", "REB")),
        ("Abu Sayyaf", ("PHL", "REB")),
        ("Janjaweed", ("SDN", "UAF")),
        ("Kosovo Liberation Army", ("XKX", "REB")),
        ("United Russia", ("RUS", "PTY")),
        ("Chinese Communist Party", ("CHN", "PTY")),
        ("CCP", ("CHN", "PTY")),
        ("Communist Party of Cuba", ("CUB", "PTY")),
        ("Communist Party of Vietnam", ("VNM", "PTY")),
        ("Workers' Party of Korea", ("PRK", "PTY")),
        ("BJP", ("IND", "PTY")),
        ("Congress Party", ("IND", "PTY")),
        ("ANC", ("ZAF", "PTY")),
        ("Likud", ("ISR", "PTY")),
        ("Labour Party", ("GBR", "PTY")),
        ("Conservative Party", ("GBR", "PTY")),
        ("Tories", ("GBR", "PTY")),
        ("Democratic Party", ("USA", "PTY")),
        ("Republican Party", ("USA", "PTY")),
        ("Democrats", ("USA", "PTY")),
        ("Republicans", ("USA", "PTY")),
        ("AKP", ("TUR", "PTY")),
        ("CHP", ("TUR", "PTY")),
        ("ZANU-PF", ("ZWE", "PTY")),
        ("MDC", ("ZWE", "OPP")),
        ("Kuomintang", ("TWN", "PTY")),
        ("KMT", ("TWN", "PTY")),
        ("DPP", ("TWN", "PTY")),
        ("Solidarity", ("POL", "OPP")),
        ("CIA", ("USA", "SPY")),
        ("FBI", ("USA", "COP")),
        ("NSA", ("USA", "SPY")),
        ("KGB", ("RUS", "SPY")),
        ("FSB", ("RUS", "SPY")),
        ("GRU", ("RUS", "SPY")),
        ("Mossad", ("ISR", "SPY")),
        ("MI6", ("GBR", "SPY")),
        ("ISI", ("PAK", "SPY")),
        ("Red Army", ("RUS", "MIL")),
        ("People's Liberation Army", ("CHN", "MIL")),
        ("PLA", ("CHN", "MIL")),
        ("IRGC", ("IRN", "MIL")),
        ("Revolutionary Guards", ("IRN", "MIL")),
    ],
)
def test_spot_checks(text: str, expected: tuple[str | None, str]) -> None:
    assert lookup(text) == expected


@pytest.mark.parametrize(
    ("text", "when", "sector"),
    [
        ("Taliban", dt.date(1995, 1, 1), "REB"),
        ("Taliban", dt.date(1998, 6, 1), "GOV"),
        ("Taliban", dt.date(2001, 12, 7), "REB"),
        ("Taliban", dt.date(2010, 6, 1), "REB"),
        ("Taliban", dt.date(2021, 8, 15), "GOV"),
        ("Taliban", dt.date(2024, 1, 1), "GOV"),
        ("Hayat Tahrir al-Sham", dt.date(2020, 1, 1), "REB"),
        ("Hayat Tahrir al-Sham", dt.date(2025, 1, 1), "GOV"),
        ("RSF", dt.date(2020, 1, 1), "MIL"),
        ("RSF", dt.date(2023, 5, 1), "REB"),
        ("UNITA", dt.date(1990, 1, 1), "REB"),
        ("UNITA", dt.date(2010, 1, 1), "OPP"),
        ("Khmer Rouge", dt.date(1977, 1, 1), "GOV"),
        ("Khmer Rouge", dt.date(1985, 1, 1), "REB"),
        ("FSLN", dt.date(1978, 1, 1), "REB"),
        ("FSLN", dt.date(2010, 1, 1), "PTY"),
    ],
)
def test_dated_spot_checks(text: str, when: dt.date, sector: str) -> None:
    assert lookup(text, when)[1] == sector


@pytest.mark.parametrize(
    ("text", "code"),
    [("al-Qaeda", "IMGMOSALQ"), ("ISIS", "IMGMOSISL"), ("AQIM", "IMGMOSAQM")],
)
def test_transnational_codes(text: str, code: str) -> None:
    (name,) = group_index()[text]
    assert next(e for e in groups() if e["name"] == name)["code"] == code


def test_historical_entries_have_dates() -> None:
    by_form = {t: n[0] for t, n in group_index().items()}
    by_name = {e["name"]: e for e in groups()}
    for text in ("KGB", "Red Army", "Solidarity"):
        entry = by_name[by_form[text]]
        assert isinstance(entry.get("start"), dt.date) and isinstance(entry.get("end"), dt.date)
