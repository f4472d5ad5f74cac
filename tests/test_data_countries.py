"""Checks on irinsider/data/countries.yaml (country and territory actors)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

DATA = Path(__file__).parents[1] / "irinsider" / "data" / "countries.yaml"

# Codes allowed in addition to pycountry's ISO 3166-1 list.
EXTRA_CODES = {"XKX"}  # Kosovo (user-assigned code; CAMEO KSV)

REQUIRED = {"iso3", "name", "names", "adjectives", "capital"}
OPTIONAL = {"metonyms", "metonyms_military", "cities", "cameo"}
LIST_FIELDS = ("names", "adjectives", "metonyms", "metonyms_military", "cities")


@cache
def load_countries() -> list[dict[str, Any]]:
    with DATA.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list)
    return data


def surface_strings(entry: dict[str, Any]) -> list[str]:
    """Every string in an entry that the actor matcher looks for in text."""
    out: list[str] = []
    for field in LIST_FIELDS:
        out.extend(entry.get(field) or [])
    if entry.get("capital"):
        out.append(entry["capital"])
    return out


def surface_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for entry in load_countries():
        for text in surface_strings(entry):
            index[text].add(entry["iso3"])
    return index


def test_is_list_of_mappings() -> None:
    countries = load_countries()
    assert len(countries) >= 249
    assert all(isinstance(e, dict) for e in countries)


@pytest.mark.parametrize("entry", load_countries(), ids=lambda e: str(e.get("iso3")))
def test_entry_fields(entry: dict[str, Any]) -> None:
    keys = set(entry)
    assert REQUIRED <= keys, f"missing {REQUIRED - keys}"
    assert keys <= REQUIRED | OPTIONAL, f"unknown {keys - REQUIRED - OPTIONAL}"
    assert re.fullmatch(r"[A-Z]{3}", entry["iso3"])
    assert isinstance(entry["name"], str) and entry["name"].strip()
    assert entry["names"], "names must not be empty"
    for field in LIST_FIELDS:
        if field in entry:
            assert isinstance(entry[field], list), field
            for text in entry[field]:
                assert isinstance(text, str), (field, text)
    capital = entry["capital"]
    assert capital is None or (isinstance(capital, str) and capital.strip())
    if "cameo" in entry:
        assert re.fullmatch(r"[A-Z]{3}", entry["cameo"])
        assert entry["cameo"] != entry["iso3"], "cameo only when it differs"


@pytest.mark.parametrize("entry", load_countries(), ids=lambda e: str(e.get("iso3")))
def test_surface_strings_clean(entry: dict[str, Any]) -> None:
    strings = surface_strings(entry)
    for text in strings:
        assert text == text.strip() and text, repr(text)
        assert "  " not in text, repr(text)
        assert not text.lower().startswith("the ") or text == "The Hague", text
    assert entry["name"] in entry["names"]
    duplicated = [t for t, n in Counter(strings).items() if n > 1]
    assert not duplicated, f"repeated within {entry['iso3']}: {duplicated}"


def test_every_iso_code_exactly_once() -> None:
    codes = Counter(e["iso3"] for e in load_countries())
    assert [c for c, n in codes.items() if n > 1] == []
    iso = {c.alpha_3 for c in pycountry.countries}
    assert iso - set(codes) == set(), "countries missing"
    assert set(codes) - iso == EXTRA_CODES


def test_no_surface_string_in_two_entries() -> None:
    clashes = {t: sorted(c) for t, c in surface_index().items() if len(c) > 1}
    assert clashes == {}


def test_names_unique_across_entries_case_insensitively() -> None:
    # Matching is case-sensitive, but two countries whose names differ only
    # in case would still be a data error.
    seen: dict[str, str] = {}
    for entry in load_countries():
        for text in entry["names"] + entry["adjectives"]:
            other = seen.setdefault(text.casefold(), entry["iso3"])
            assert other == entry["iso3"], (text, other, entry["iso3"])


def test_cameo_codes() -> None:
    cameo = {e["iso3"]: e["cameo"] for e in load_countries() if "cameo" in e}
    assert cameo["XKX"] == "KSV"
    assert len(set(cameo.values())) == len(cameo)
    iso = {e["iso3"] for e in load_countries()}
    # A CAMEO code must not point at a different country's ISO code.
    assert set(cameo.values()) & iso == set()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Moscow", "RUS"),
        ("Kremlin", "RUS"),
        ("Russian", "RUS"),
        ("Vietnamese", "VNM"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("Pentagon", "USA"),
        ("White House", "USA"),
        ("Britain", "GBR"),
        ("Britons", "GBR"),
        ("Downing Street", "GBR"),
        ("Élysée", "FRA"),
        ("North Korean", "PRK"),
        ("DPRK", "PRK"),
        ("Pyongyang", "PRK"),
        ("Korea", "KOR"),
        ("Havana", "CUB"),
        ("Filipinos", "PHL"),
        ("Burma", "MMR"),
        ("Ivory Coast", "CIV"),
        ("Congolese", "COD"),
        ("Dominican", "DOM"),
        ("Kiev", "UKR"),
        ("Zhongnanhai", "CHN"),
        ("Ramallah", "PSE"),
        ("Kosovo", "XKX"),
        ("Swaziland", "SWZ"),
        ("Taipei", "TWN"),
        ("Hong Kong", "HKG"),
        ("Macau", "MAC"),
    ],
)
def test_spot_checks(text: str, code: str) -> None:
    assert surface_index().get(text) == {code}


@pytest.mark.parametrize("text", ["the States", "European", "Male", "Douglas"])
def test_ambiguous_strings_left_out(text: str) -> None:
    assert text not in surface_index()
