"""Tests of irinsider.places and of event places: named in the clause, geocoded."""

from __future__ import annotations

import pytest

from irinsider.coding import City, Gazetteer, gazetteer

CITIES = [
    City("Tripoli", "LBY", 32.9, 13.2, 1_150_000),
    City("Tripoli", "LBN", 34.4, 35.8, 230_000),
    City("Bogotá", "COL", 4.6, -74.1, 7_670_000),
    City("Paris", "FRA", 48.9, 2.4, 2_140_000),
    City("Paris", "USA", 33.7, -95.6, 25_000),
]


@pytest.fixture
def small() -> Gazetteer:
    return Gazetteer(CITIES, {"COL": "Bogota", "FRA": "Paris"}, {"Europe": (48.7, 9.1)},
                     alternates={"santa fe de bogota": [CITIES[2]]})


def test_city_of_an_involved_country_wins(small: Gazetteer) -> None:
    assert small.city("Tripoli", prefer=("SYR", "LBN")) == CITIES[1]
    assert small.city("Tripoli", prefer=("LBY", "EGY")) == CITIES[0]
    # both involved: the larger, so that both directions of an event agree
    assert small.city("Tripoli", prefer=("LBN", "LBY")) == small.city(
        "Tripoli", prefer=("LBY", "LBN")) == CITIES[0]


def test_otherwise_the_most_populous(small: Gazetteer) -> None:
    assert small.city("Tripoli") == CITIES[0]
    assert small.city("Paris", prefer=("DEU",)) == CITIES[3]
    assert small.city("Paris", only=("USA",)) == CITIES[4]
    assert small.city("Atlantis") is None


def test_names_match_without_accents_and_by_alternate_name(small: Gazetteer) -> None:
    assert small.city("BOGOTA") == CITIES[2]
    assert small.city("Santa Fe de Bogotá") == CITIES[2]


def test_capital_and_continent(small: Gazetteer) -> None:
    assert small.capital("COL") == CITIES[2]  # geonames writes "Bogota"
    assert small.capital("FRA") == CITIES[3]  # not the town in Texas
    assert small.capital("ATA") is None
    assert small.continent("europe") == (48.7, 9.1)


def test_bundled_gazetteer_knows_capitals() -> None:
    gaz = gazetteer()
    assert gaz is gazetteer()  # loaded once
    havana = gaz.capital("CUB")
    assert havana is not None and havana.name == "Havana"
    assert 23 < havana.lat < 23.3 and -82.5 < havana.lon < -82.2
    kyiv = gaz.city("Kiev")  # an alternate name
    assert kyiv is not None and (kyiv.name, kyiv.country) == ("Kyiv", "UKR")


# ---- events --------------------------------------------------------------------------------


def places(events):  # type: ignore[no-untyped-def]
    return {(e.source, e.target): (e.place, e.place_name, e.place_country, e.place_kind)
            for e in events}


def test_city(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Putin and Díaz-Canel held talks in Havana.")
    assert len(events) == 2
    for e in events:
        assert (e.place, e.place_name, e.place_country, e.place_kind) == \
            ("Havana", "Havana", "CUB", "city")
        assert e.place_lat is not None and e.place_lon is not None
        assert 23 < e.place_lat < 23.3 and -82.5 < e.place_lon < -82.2


def test_country_is_placed_at_its_capital(code_text) -> None:  # type: ignore[no-untyped-def]
    (event,) = code_text("Russia conducted air strikes in Syria.")
    assert (event.place, event.place_country, event.place_kind) == ("Syria", "SYR", "country")
    damascus = gazetteer().capital("SYR")
    assert damascus is not None
    assert (event.place_lat, event.place_lon) == (damascus.lat, damascus.lon)


def test_visited_place(code_text) -> None:  # type: ignore[no-untyped-def]
    (event,) = code_text("Obama visited Cuba.")
    assert (event.place_name, event.place_kind) == ("Cuba", "country")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Lebanon and Syria held talks in Tripoli.", "LBN"),
        ("Libya and Egypt held talks in Tripoli.", "LBY"),
        ("Pakistan and China signed an agreement in Hyderabad.", "PAK"),
        ("India and Russia signed an agreement in Hyderabad.", "IND"),
    ],
)
def test_ambiguous_city_is_the_one_in_an_actors_country(code_text, text: str,  # type: ignore[no-untyped-def]
                                                         country: str) -> None:
    found = set(places(code_text(text)).values())
    assert len(found) == 1
    ((_, _, place_country, kind),) = found
    assert (place_country, kind) == (country, "city")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Putin met Modi at the summit in Sochi.", "Sochi", "RUS"),
        ("Russian troops attacked rebels in the Syrian city of Aleppo.", "Aleppo", "SYR"),
        ("Putin and Xi met at the Kremlin in Moscow.", "Moscow", "RUS"),
        ("Obama flew to Havana.", "Havana", "CUB"),
        ("Iran and Iraq held talks in Geneva, Switzerland.", "Geneva", "CHE"),
    ],
)
def test_place_in_the_clause(code_text, text: str, name: str, country: str) -> None:  # type: ignore[no-untyped-def]
    found = {(e.place_name, e.place_country) for e in code_text(text)}
    assert found == {(name, country)}


def test_region_has_no_coordinates(code_text) -> None:  # type: ignore[no-untyped-def]
    (event,) = code_text("Russia conducted exercises in Alaska.")
    assert (event.place, event.place_country, event.place_kind) == ("Alaska", "USA", "region")
    assert event.place_lat is event.place_lon is None


@pytest.mark.parametrize(
    "text",
    [
        "Russia condemned Ukraine.",
        # places in another clause, or around another event
        "Russia, which has troops in Syria, condemned Turkey.",
        "After talks in Moscow, Cuba thanked Russia.",
    ],
)
def test_no_place(code_text, text: str) -> None:  # type: ignore[no-untyped-def]
    (event,) = code_text(text)
    assert (event.place, event.place_name, event.place_country, event.place_kind,
            event.place_lat, event.place_lon) == (None,) * 6
