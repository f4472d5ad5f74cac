"""The reader tells the truth: one set of numbers on every page and in the API, one card
for one happening, and the defects readers saw, each fixed, on a database written by hand
(tests/worlds.py), so no test here depends on what the coder makes of a text today."""

from __future__ import annotations

import csv
import io
import re
import warnings
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from starlette.exceptions import StarletteDeprecationWarning
from worlds import busy_world, mark_wrong, save

from irinsider.store import Store
from irinsider.web import WebConfig, create_app

with warnings.catch_warnings():  # starlette prefers httpx2, which the lock does not carry
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def world_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("numbers") / "world.db"
    with Store.open(path) as store:
        save(store, *busy_world())
        mark_wrong(store, "a1", 5)
        store.mark_published("a1", author="Test")
        store.mark_published("a3", author="Test")
    return path


@pytest.fixture(scope="module")
def client(world_db: Path) -> TestClient:
    return TestClient(create_app(world_db, WebConfig(index_interval=None)))


def api(client: TestClient, path: str) -> dict[str, Any]:
    response = client.get("/api" + path if path != "/" else "/api")
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def page(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.text)).split())


# ---------------------------------------------------------------------------- one set of numbers


@pytest.mark.parametrize("party", ["CUB", "RUS", "USA", "ISR"])
def test_a_party_has_one_number_everywhere(client: TestClient, party: str) -> None:
    home = {p["party"]: p for p in api(client, "/")["parties"]}
    listed = {p["party"]: p for p in api(client, "/countries")["parties"]}
    country = api(client, f"/countries/{party}")
    events = api(client, f"/events?country={party}")
    n, mentions = country["totals"]["events"], country["totals"]["mentions"]
    assert home[party]["n"] == listed[party]["n"] == events["totals"]["events"] == n
    assert home[party]["mentions"] == events["totals"]["mentions"] == mentions
    assert events["pagination"]["total"] == mentions == len(
        api(client, f"/events?country={party}&per_page=100")["events"])
    assert home[party]["quads"] == listed[party]["quads"] == country["totals"]["quads"]
    # and the HTML says what the JSON says
    assert f"{n} events" in page(client, f"/countries/{party}") or n == 1


def test_a_partner_has_one_number_everywhere(client: TestClient) -> None:
    country = api(client, "/countries/CUB")
    partners = {p["party"]: p for p in country["partners"]}
    pair = api(client, "/pairs/CUB-RUS")
    between = api(client, "/events?country=CUB&partner=RUS")
    assert partners["RUS"]["n"] == pair["totals"]["events"] == between["totals"]["events"] == 5
    assert partners["RUS"]["mentions"] == pair["totals"]["mentions"] == 8
    assert (partners["RUS"]["out"], partners["RUS"]["in"]) == (
        pair["directions"][0]["events"], pair["directions"][1]["events"])
    brief = country["brief"]["sentences"][0]["text"]
    assert brief.startswith("Cuba's main partners are Russia (5 events)")
    assert "(5 events)" in brief and "United States (1 event)" in brief
    network = {n["party"]: n["n"] for n in country["network"]["nodes"] if not n["centre"]}
    assert network["RUS"] == 5


def test_the_whole_database_has_one_number(client: TestClient, world_db: Path) -> None:
    home = api(client, "/")["counts"]
    events = api(client, "/events")
    assert (home["events"], home["mentions"]) == (11, 18)  # negated and wrong left out
    assert events["totals"] == {"events": 11, "mentions": 18}
    assert events["pagination"]["total"] == 18
    text = page(client, "/")
    assert "10 articles · 17 sentences · 11 events (18 mentions)" in text
    assert "11 events (18 mentions" in page(client, "/events")


def test_articles_count_as_everywhere(client: TestClient) -> None:
    articles = {a["id"]: a for a in api(client, "/articles?per_page=100")["articles"]}
    assert (articles["a1"]["events"], articles["a1"]["mentions"]) == (4, 6)
    assert api(client, "/articles/a1")["article"]["events"] == 4
    feed = {a["id"]: a for a in api(client, "/feed")["articles"]}
    assert (feed["a1"]["events"], feed["a1"]["mentions"]) == (4, 6)
    assert "4 events (6 mentions)" in page(client, "/articles")


def test_filters_keep_the_numbers_together(client: TestClient) -> None:
    for query in ("quad=1", "since=2018-11-10", "until=2018-11-30"):
        country = api(client, f"/countries/CUB?{query}")["totals"]
        events = api(client, f"/events?country=CUB&{query}")["totals"]
        listed = {p["party"]: p for p in api(client, f"/countries?{query}")["parties"]}
        assert country["events"] == events["events"] == listed["CUB"]["n"], query
    words = api(client, "/countries/CUB?q=lend")
    assert (words["totals"]["events"], words["totals"]["mentions"]) == (1, 2)
    assert len(words["events"]) == 2


# ---------------------------------------------------------------------------- one card


def cards(html: str) -> list[str]:
    return re.findall(r'<li id="e\d+" class="q\d[^"]*">(.*?)</li>\s*(?=<li id="e|</ol>)', html,
                      re.S)


def test_one_meeting_is_one_card(client: TestClient) -> None:
    html = client.get("/pairs/CUB-RUS").text
    meeting = [c for c in cards(html) if "046" in c]
    assert len(meeting) == 1  # not four: caption and body, each way
    text = unescape(re.sub(r"<[^>]+>", " ", meeting[0]))
    assert "Vladimir Putin ⇄ Miguel Díaz-Canel" in " ".join(text.split())
    assert "Coded both ways: Vladimir Putin → Miguel Díaz-Canel" in " ".join(text.split())
    assert "and Miguel Díaz-Canel → Vladimir Putin" in " ".join(text.split())
    assert "Also in the caption: “Putin and Díaz-Canel hold talks in Moscow.”" in text
    assert "4 mentions" in text
    deal = [c for c in cards(html) if "057" in c]
    assert len(deal) == 1 and "Coded both ways" in deal[0]  # one sentence, both ways
    loan = [c for c in cards(html) if "0331" in c]  # one loan, told by two articles
    assert len(loan) == 1
    assert "Also told by The loan is confirmed (10 November 2018)." in " ".join(
        unescape(re.sub(r"<[^>]+>", " ", loan[0])).split())
    # every event keeps its anchor
    for event in api(client, "/pairs/CUB-RUS")["events"]:
        assert f'id="e{event["id"]}"' in html


# ---------------------------------------------------------------------------- the defects


def test_home_mix_bars_show_every_quad_class(client: TestClient) -> None:
    html = client.get("/").text
    cuba = html[html.index('href="/countries/CUB"'):]
    bar = cuba[:cuba.index("</svg>")]
    assert 'class="q1"' in bar and 'class="q2"' in bar and 'class="q3"' in bar
    israel = html[html.index('href="/countries/ISR"'):]
    assert 'class="q4"' in israel[:israel.index("</svg>")]  # material conflict is shown so


def test_pairs_in_the_latest_news_look_past_six_articles(client: TestClient) -> None:
    pairs = {(p["a"], p["b"]): p["n"] for p in api(client, "/")["pairs"]}
    assert pairs[("CUB", "RUS")] == api(client, "/pairs/CUB-RUS")["totals"]["events"]
    assert "None yet" not in page(client, "/")


def test_evidence_is_quoted_as_whole_phrases(client: TestClient) -> None:
    events = api(client, "/events?country=CUB&partner=RUS&code=046")["events"]
    quotes = {e["explanation"]["quote"] for e in events}
    assert "Díaz-Canel and Putin held talks at the Kremlin" in quotes
    assert all(not q.endswith(("Putin", "held", "hold")) for q in quotes), quotes


def test_common_nouns_are_not_shown_as_actors(client: TestClient) -> None:
    text = page(client, "/events?country=ISR")
    assert "Israeli military → Palestine" in text and "forces →" not in text
    actors = api(client, "/search?q=forces")["actors"]
    assert actors and all(a["label"] == "Israeli military" for a in actors)
    assert "written “forces”" in page(client, "/search?q=forces")


def test_a_year_alone_is_shown_and_charted_as_a_year(client: TestClient) -> None:
    data = api(client, "/countries/USA")
    assert data["timeline"]["months"] == ["2018-11"] or "2015-01" not in data["timeline"][
        "months"]
    assert data["timeline"]["year_only"] == 1
    text = " ".join(page(client, "/countries/USA").split())
    assert "1 January 2015" not in text
    assert "2015 · " in text  # the card's date
    assert "1 event is dated only by its year" in text


def test_untitled_articles_are_not_shown_as_their_id(client: TestClient) -> None:
    untitled = "Untitled: In 2015 Cuba accused the United States of spying."
    for path in ("/articles", "/search?q=spying"):
        text = page(client, path)
        assert untitled in text, path
        assert not re.search(r">\s*a3\s*<", client.get(path).text), path
    feed = ET.fromstring(client.get("/feed.xml").content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert untitled in titles


def test_search_leads_to_every_matching_article(client: TestClient) -> None:
    data = api(client, "/search?q=talks")
    assert len(data["articles"]) == 5 and data["articles_total"] == 8
    html = client.get("/search?q=talks").text
    assert 'href="/articles?q=talks">All 8 matching articles →' in html
    listed = api(client, "/articles?q=talks&per_page=100")
    assert len(listed["articles"]) == listed["pagination"]["total"] == 8


def test_the_articles_list_gives_its_total(client: TestClient) -> None:
    first = api(client, "/articles?per_page=3")
    assert first["pagination"]["total"] == 10
    assert "page 1 · 10 articles in all" in " ".join(page(client, "/articles?per_page=3").split())


def test_the_feed_is_dated_by_the_articles(client: TestClient) -> None:
    feed = ET.fromstring(client.get("/feed.xml").content)
    published = {e.findtext(f"{ATOM}link") or e.find(f"{ATOM}link").get("href"):  # type: ignore[union-attr]
                 e.findtext(f"{ATOM}published") for e in feed.findall(f"{ATOM}entry")}
    assert sorted(published.values()) == ["2018-11-09T00:00:00Z", "2018-12-01T00:00:00Z"]
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}updated", "").startswith("20")  # when it was published


@pytest.mark.parametrize("query", ["country=CUB&quad=1", "country=CUB&partner=RUS",
                                   "q=lend", "quad=4", "actor=RUSGOV"])
def test_downloads_are_the_events_listed(client: TestClient, query: str) -> None:
    html = client.get(f"/events?{query}&page=1").text
    link = re.search(r'<a href="(/exports/events\.csv[^"]*)">Download these events', html)
    assert link, html
    url = unescape(link[1])
    assert "page=" not in url
    rows = list(csv.DictReader(io.StringIO(client.get(url).text)))
    listed = api(client, f"/events?{query}&per_page=100")["events"]
    assert len(rows) == len(listed) > 0
    assert sorted((r["doc_id"], int(r["sentence"]), r["cameo"]) for r in rows) == sorted(
        (e["article_id"], e["sentence"], e["cameo"]) for e in listed)


def test_the_network_legend_names_every_colour(client: TestClient) -> None:
    html = client.get("/countries/CUB").text
    legend = html[html.index('<svg class="network"'):]
    legend = legend[legend.index('<div class="legend">'):]
    legend = legend[:legend.index("</div>")]
    colours = set(re.findall(r'stroke="(#[0-9a-f]{6})"', html))
    names = {"#2f6f98": "mostly cooperation", "#c0504d": "mostly conflict",
             "#8a6a9b": "mixed"}
    assert colours and all(names[c] in legend for c in colours)
    assert "mixed" in legend


def test_one_is_singular(client: TestClient) -> None:
    db = page(client, "/articles/a2")
    assert "1 events" not in db and "1 articles" not in page(client, "/")
    assert "1 mentions" not in page(client, "/events")
    assert "6 parties" in page(client, "/countries") and "partys" not in page(client,
                                                                              "/countries")
