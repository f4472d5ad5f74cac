"""The analyst's views: the event table and its downloads, the map, comparisons, citations
and date presets, on a small hand-made world (tests/explore_world.py)."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from explore_world import save_world
from starlette.exceptions import StarletteDeprecationWarning

from irinsider import __version__
from irinsider.model import LOW_CONFIDENCE
from irinsider.store import EventFilter, Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def world_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("explore") / "world.db"
    with Store.open(path) as store:
        save_world(store)
    return path


@pytest.fixture(scope="module")
def client(world_db: Path) -> Iterator[TestClient]:
    from irinsider.web import WebConfig, create_app

    with TestClient(create_app(world_db, WebConfig(index_interval=None))) as c:
        yield c


def get(client: TestClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    data: dict[str, Any] = response.json()
    return data


def every_row(client: TestClient, query: str) -> list[dict[str, Any]]:
    """Every row of the table, page after page."""
    rows: list[dict[str, Any]] = []
    page = 1
    while True:
        data = get(client, f"/api/table?{query}&per_page=100&page={page}")
        rows += data["rows"]
        if not data["pagination"]["next"]:
            return rows
        page += 1


@pytest.mark.parametrize("sort", ["-date", "date", "-goldstein", "confidence", "-usd",
                                  "cameo"])
def test_table_sorts_by_each_column(client: TestClient, sort: str) -> None:
    rows = every_row(client, f"country=CUB&sort={sort}")
    key = sort.lstrip("-")
    values = [r[key] for r in rows]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=sort.startswith("-"))
    # empty cells come last when the largest come first, first otherwise (as SQLite)
    empties = [i for i, v in enumerate(values) if v is None]
    if empties and sort.startswith("-"):
        assert empties == list(range(len(values) - len(empties), len(values)))
    elif empties:
        assert empties == list(range(len(empties)))
    assert len({r["id"] for r in rows}) == len(rows) == get(
        client, f"/api/table?country=CUB&sort={sort}")["pagination"]["total"]


def test_table_toggles_hide_domestic_and_low_confidence(client: TestClient) -> None:
    everything = every_row(client, "sort=-date")
    assert any(r["domestic"] for r in everything)
    assert any(r["confidence"] < LOW_CONFIDENCE for r in everything)
    foreign = every_row(client, "hide_domestic=true")
    assert foreign and not any(r["domestic"] for r in foreign)
    assert len(foreign) == sum(not r["domestic"] for r in everything)
    sure = every_row(client, "hide_low=true")
    assert sure and min(r["confidence"] for r in sure) >= LOW_CONFIDENCE
    both = get(client, "/api/table?hide_low=true&hide_domestic=true")
    assert both["filters"]["hide_low"] and both["filters"]["hide_domestic"]
    assert both["pagination"]["total"] == sum(
        not r["domestic"] and r["confidence"] >= LOW_CONFIDENCE for r in everything)


QUERIES = ["sort=-goldstein", "country=CUB&partner=RUS&sort=date",
           "hide_domestic=true&hide_low=true&sort=-confidence",
           "country=VEN&since=2018-03-15&until=2019-02-10&quad=4", "code=07&sort=-usd",
           "q=Havana&sort=cameo"]


@pytest.mark.parametrize("query", QUERIES)
def test_downloads_are_exactly_the_filtered_rows(client: TestClient, query: str) -> None:
    rows = every_row(client, query)
    shown = [(r["evidence"], r["cameo"], r["source"], r["target"], r["date"]) for r in rows]
    html = client.get(f"/table?{query}").text
    for kind in ("csv", "jsonl", "parquet"):
        assert f"/table.{kind}?{query}".replace("&", "&amp;") in html
    got = client.get(f"/table.jsonl?{query}")
    assert got.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in got.text.splitlines()]
    assert [(r["evidence"], r["cameo"], r["source"], r["target"], r["date"])
            for r in lines] == shown
    table = list(csv.DictReader(io.StringIO(client.get(f"/table.csv?{query}").text)))
    assert [(r["evidence"], r["cameo"], r["source"], r["target"] or None, r["date"])
            for r in table] == shown
    parquet = pq.read_table(io.BytesIO(client.get(f"/table.parquet?{query}").content))
    assert parquet.num_rows == len(shown)
    assert list(zip(parquet.column("evidence").to_pylist(), parquet.column("cameo").to_pylist(),
                    strict=True)) == [s[:2] for s in shown]


def test_table_rejects_an_unknown_sort(client: TestClient) -> None:
    response = client.get("/api/table?sort=evidence")
    assert response.status_code == 400 and "sort" in response.json()["error"]
    assert client.get("/table.xlsx").status_code == 404


def test_map_places_and_countries(client: TestClient, world_db: Path) -> None:
    data = get(client, "/api/map")
    with Store.open(world_db) as store:
        located = sum(1 for e in store.matching_events(EventFilter())
                      if e.place_lat is not None)
    assert data["located"] == located == sum(p["n"] for p in data["places"])
    assert {p["name"] for p in data["places"]} >= {"Havana", "Moscow", "Brasilia"}
    countries = {c["party"]: c for c in data["countries"]}
    assert set(countries) == {"CUB", "RUS", "USA", "VEN", "CHN", "UKR", "FRA", "BRA"}
    listed = get(client, "/api/countries?per_page=100")["parties"]
    assert {p["party"]: p["n"] for p in listed} == {k: c["n"] for k, c in countries.items()}
    havana = next(p for p in data["places"] if p["name"] == "Havana")
    assert (havana["x"], havana["y"]) == (round(-82.38 + 180, 2), round(90 - 23.13, 2))
    assert max(c["shade"] for c in countries.values()) == data["shades"]
    html = client.get("/map").text
    assert "<svg class=\"world\"" in html and "http" not in html.split("<svg")[1].split(
        "</svg>")[0].replace("http://www.w3.org", "")


def test_map_of_one_country_shades_its_partners(client: TestClient) -> None:
    data = get(client, "/api/map?country=CUB&hide_domestic=true")
    countries = {c["party"]: c["n"] for c in data["countries"]}
    partners = get(client, "/api/countries/CUB")["partners"]
    assert "CUB" in countries
    assert {p["party"]: p["n"] for p in partners} == {k: n for k, n in countries.items()
                                                       if k != "CUB"}


def test_compare_counts_as_the_pages_do(client: TestClient) -> None:
    query = "since=2017-06-01&until=2018-12-31"
    data = get(client, f"/api/compare?a=CUB&b=VEN-RUS&{query}")
    cuba, pair = data["sides"]
    assert cuba["totals"] == get(client, f"/api/countries/CUB?{query}")["totals"]
    assert pair["totals"] == get(client, f"/api/pairs/VEN-RUS?{query}")["totals"]
    assert pair["kind"] == "pair" and pair["href"] == "/pairs/VEN-RUS"
    assert data["months"][0] == "2017-06" and data["months"][-1] <= "2018-12"
    dated = cuba["totals"]["events"] - cuba["year_only"]  # undated: none in the world
    assert sum(cuba["series"]["events"]) == dated and cuba["year_only"] > 0
    assert len(data["events_chart"]["lines"]) == 2
    html = client.get(f"/compare?a=CUB&b=VEN-RUS&{query}").text
    assert html.count("<polyline") == 4 and 'data-brush="cmp-events-months"' in html
    assert client.get("/api/compare?a=CUB&b=ZZZ").status_code == 404
    assert get(client, "/api/compare")["sides"] == []


def test_cite_an_event(client: TestClient) -> None:
    row = get(client, "/api/table?country=CUB&sort=-usd&per_page=1")["rows"][0]
    data = get(client, f"/api/events/{row['id']}/cite")
    c = data["citation"]
    assert c["article_title"].startswith("World report") and c["sentence"] >= 1
    assert c["cameo"] == row["cameo"] and c["rule"] == "verbs.v1/world"
    assert c["rule_set"] == "verbs.v1" and c["version"] == __version__
    assert c["url"].endswith(f"/events/{row['id']}") and c["date"] == row["date"]
    for part in (c["article_title"], f"sentence {c['sentence']}", f"CAMEO {c['cameo']}",
                 f"irinsider {__version__}", c["evidence"]):
        assert part in data["text"]
    bib = client.get(f"/events/{row['id']}/cite.bib")
    assert bib.headers["content-type"].startswith("application/x-bibtex")
    text = bib.text
    assert text.count("{") == text.count("}") - text.count("\\}") + text.count("\\{")
    assert f"@misc{{irinsider-event-{row['id']}," in text and "crossref" in text
    assert re.search(r"\$10 million|\\\$", text)  # the amount's $ escaped
    csl = client.get(f"/events/{row['id']}/cite.json").json()
    assert [item["type"] for item in csl] == ["dataset", "article-newspaper"]
    assert csl[0]["issued"]["date-parts"][0] == [int(x) for x in row["date"].split("-")]
    assert csl[1]["URL"].startswith("https://news.example/")
    assert client.get("/events/999999/cite").status_code == 404


def test_cite_a_brief_cites_its_evidence(client: TestClient) -> None:
    page = get(client, "/api/pairs/CUB-RUS?since=2018-01-01")
    data = get(client, "/api/pairs/CUB-RUS/cite?since=2018-01-01")
    assert data["brief"] == page["brief"]
    assert [e["n"] for e in data["evidence"]] == [c["n"] for c in page["brief"]["citations"]]
    assert data["citation"]["url"].endswith("/pairs/CUB-RUS?since=2018-01-01")
    assert "2018-01-01 to the end" in data["title"]
    bib = client.get("/pairs/CUB-RUS/cite.bib?since=2018-01-01").text
    assert bib.count("@misc{") == 1 + 2 * len(data["evidence"])
    csl = client.get("/countries/CUB/cite.json").json()
    assert csl[0]["type"] == "report" and csl[0]["abstract"]


def test_date_presets_count_back_from_the_last_month(client: TestClient) -> None:
    html = client.get("/table?country=CUB&sort=-goldstein").text
    presets = re.findall(r'<nav class="dates".*?</nav>', html, re.S)[0]
    last = get(client, "/api/table?country=CUB&per_page=1")["rows"][0]["date"][:7]
    assert "All dates" in presets and ">Last 12 months<" in presets
    year, month = int(last[:4]), int(last[5:7])
    since = f"{year - (month < 12):04d}-{month % 12 + 1:02d}-01"
    assert f"since={since}&amp;until={last}-" in presets
    assert "sort=-goldstein" in presets and "page=" not in presets
    on = client.get("/table?country=CUB&since=2018-01-01&until=2018-12-31").text
    assert re.search(r'<a href="[^"]*" aria-current="true" class="on">2018</a>', on)


@pytest.mark.parametrize("path", ["/table", "/map", "/compare?a=CUB&b=VEN",
                                  "/events/1/cite", "/countries/CUB/cite"])
def test_new_pages_are_reachable_and_accessible(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main" tabindex="-1">' in html
    assert 'href="/static/theme.css' in html
    assert client.get("/api" + path).json()["ok"] is True


def test_new_pages_are_in_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/table", "/api/map", "/api/compare", "/api/events/{event_id}/cite",
                 "/api/countries/{country_code}/cite", "/api/pairs/{pair}/cite",
                 "/table.{kind}"):
        assert path in paths


def test_theme_has_dark_mode_and_print(client: TestClient) -> None:
    css = client.get("/static/theme.css").text
    assert "@media (prefers-color-scheme: dark)" in css and "@media print" in css


def test_a_finished_worker_threads_connection_is_closed(world_db: Path) -> None:
    """A worker thread that ends (an idle one is let go) takes its connection with it,
    instead of leaving it open until shutdown."""
    import gc
    import threading

    from irinsider.web.deps import Stores

    stores = Stores(world_db)
    kept: list[Any] = []

    def work() -> None:
        kept.append(stores.get().counts())

    for _ in range(5):
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    gc.collect()
    assert len(kept) == 5 and len(stores._all) == 0
    mine = stores.get()
    assert len(stores._all) == 1
    stores.close()
    with pytest.raises(Exception, match="closed"):
        mine.counts()


def test_a_sort_that_takes_too_long_falls_back_to_dates(client: TestClient,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from irinsider.web import table

    monkeypatch.setattr(table, "SORT_BUDGET_MS", 0.0)
    data = get(client, "/api/table?country=CUB&sort=-goldstein&per_page=100")
    assert data["sort_note"] and "newest first" in data["sort_note"]
    dates = [r["date"] for r in data["rows"]]
    assert dates == sorted(dates, reverse=True)
    assert "Too many events to sort by goldstein" in client.get(
        "/table?country=CUB&sort=-goldstein").text
    # the download is sorted as asked, whatever the time it takes
    lines = client.get("/table.jsonl?country=CUB&sort=-goldstein").text.splitlines()
    values = [json.loads(line)["goldstein"] for line in lines]
    assert values == sorted(values, reverse=True)
    monkeypatch.setattr(table, "SORT_BUDGET_MS", 10_000.0)
    assert get(client, "/api/table?country=CUB&sort=-goldstein")["sort_note"] is None
