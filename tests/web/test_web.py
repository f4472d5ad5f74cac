"""The reader web app through FastAPI's test client: every page and its JSON twin,
filters, pagination, errors, publishing, corrections, escaping and the write guards."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import warnings
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from irinsider.exports import FIELDS
from irinsider.pipeline import Pipeline
from irinsider.web import WebConfig, create_app, is_loopback

with warnings.catch_warnings():  # starlette prefers httpx2, which the lock does not carry
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

ATOM = "{http://www.w3.org/2005/Atom}"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
       b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def client(db: Path, pipeline: Pipeline) -> TestClient:
    return TestClient(create_app(db, WebConfig(index_interval=None), pipeline=pipeline))


@pytest.fixture
def article_id(db: Path) -> str:
    return str(sqlite3.connect(db).execute("SELECT id FROM articles").fetchone()[0])


def api(client: TestClient, path: str, status: int = 200) -> dict[str, Any]:
    response = client.get("/api" + path if path != "/" else "/api")
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()  # type: ignore[no-any-return]


def loan_event(client: TestClient, article_id: str) -> dict[str, Any]:
    """The event that carries the example's $50 million."""
    events = api(client, f"/articles/{article_id}")["events"]
    return next(e for e in events if any(q["text"] == "$50 million" for q in e["quantities"]))


# ---------------------------------------------------------------------------- pages


PAGES = ["/", "/articles", "/articles/{article}", "/events", "/events/{event}", "/countries",
         "/countries/CUB", "/countries/RUS", "/pairs/CUB-RUS", "/pairs/RUS-CUB", "/entities",
         "/entities/inf-treaty", "/search?q=treaty", "/search", "/corrections", "/about",
         "/publish"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_has_a_json_twin(client: TestClient, article_id: str, page: str) -> None:
    event = loan_event(client, article_id)["id"]
    path = page.format(article=article_id, event=event)
    html = client.get(path)
    assert html.status_code == 200, html.text
    assert html.headers["content-type"].startswith("text/html")
    assert "<html lang=\"en\">" in html.text
    twin = "/api" + path if path != "/" else "/api"
    assert f'href="{twin.replace("&", "&amp;")}"' in html.text  # the page links its twin
    data = api(client, path)
    assert data["ok"] is True


def test_pages_carry_security_headers(client: TestClient) -> None:
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["server-timing"].startswith("app;dur=")


def test_scripts_and_styles_are_served_by_the_app(client: TestClient) -> None:
    html = client.get("/pairs/CUB-RUS").text
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    chart = client.get("/static/vendor/chartjs-4.6.1/chart.umd.min.js")
    assert chart.status_code == 200 and b"Chart.js v4.6.1" in chart.content[:200]
    assert client.get("/static/vendor/chartjs-4.6.1/LICENSE.md").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_openapi_lists_the_api_not_the_pages(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/pairs/{pair}", "/api/countries/{country_code}", "/api/articles/{article_id}",
            "/api/events", "/api/search", "/api/drafts", "/api/feed"} <= paths
    assert not any(p.startswith("/pairs") for p in paths)
    assert client.get("/api/docs").status_code == 404  # no Swagger UI: it needs a CDN
    params = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"since", "until", "code", "quad", "min_confidence", "q", "page", "per_page"} <= params


# ---------------------------------------------------------------------------- the reader


def test_article_marks_actors_triggers_amounts_and_explains(client: TestClient,
                                                            article_id: str) -> None:
    data = api(client, f"/articles/{article_id}")
    assert data["article"]["title"] == "Cuba and Russia: Budding Relations"
    assert data["article"]["byline"] == "Elena Márquez"
    kinds = {seg["kind"] for block in data["blocks"] for part in block["parts"]
             if isinstance(part, dict) for seg in part["segments"]}
    assert {"actor", "trigger", "quantity", "entity", "text"} <= kinds
    captions = [b for b in data["blocks"] if b["kind"] == "caption"]
    assert [c["credit"] for c in captions] == ["Ana Ruiz for the example desk",
                                               "Tomás Vidal for the example desk"]
    loan = loan_event(client, article_id)
    headline = loan["explanation"]["headline"]
    assert headline.startswith(f"Coded as {loan['code_name'].upper()} (CAMEO {loan['cameo']},")
    assert "Russia as the lender and Cuba as the borrower" in headline
    assert headline.endswith("amount $50 million.")
    html = client.get(f"/articles/{article_id}").text
    assert 'class="trigger' in html and 'mark class="qty"' in html
    assert "Russia as the lender and Cuba as the borrower" in html
    assert f'id="s{loan["sentence"]}"' in html
    assert "Credit: Ana Ruiz for the example desk" in html


def test_event_page_explains_and_offers_a_correction(client: TestClient,
                                                     article_id: str) -> None:
    loan = loan_event(client, article_id)
    data = api(client, f"/events/{loan['id']}")
    assert data["event"]["explanation"] == loan["explanation"]
    assert [s["index"] for s in data["context"]] == [loan["sentence"] - 1, loan["sentence"],
                                                      loan["sentence"] + 1]
    html = client.get(f"/events/{loan['id']}").text
    assert f'action="/events/{loan["id"]}/corrections"' in html


def test_pair_page_has_brief_with_working_citations(client: TestClient,
                                                    article_id: str) -> None:
    data = api(client, "/pairs/CUB-RUS")
    loan = loan_event(client, article_id)
    texts = [s["text"] for s in data["brief"]["sentences"]]
    first = next(t for t in texts if "loan from Russia to Cuba" in t)
    assert re.search(r"\$50 million[^.]*loan from Russia to Cuba \[(\d+)\]", first), first
    number = int(re.search(r"loan from Russia to Cuba \[(\d+)\]", first)[1])  # type: ignore[index]
    cited = data["brief"]["citations"][number - 1]
    assert (cited["event_id"], cited["sentence"]) == (loan["id"], loan["sentence"])
    html = client.get("/pairs/CUB-RUS").text
    assert f'href="#cite-{number}"' in html
    assert f'<li id="cite-{number}"><a href="/articles/{article_id}#s{loan["sentence"]}">' in html
    # each brief sentence cites its evidence
    for sentence in data["brief"]["sentences"]:
        assert any(isinstance(p, int) for p in sentence["parts"]), sentence["text"]
    assert data["totals"]["usd"] == 50_000_000
    assert data["directions"][1]["events"] >= 1  # Russia -> Cuba
    assert data["timeline"]["months"] == ["2018-11"]
    assert sum(data["timeline"]["counts"]["1"]) + sum(data["timeline"]["counts"]["2"]) == \
        data["totals"]["events"]


def test_pair_page_shows_diaz_canel_tour_as_a_route(client: TestClient) -> None:
    data = api(client, "/pairs/CUB-RUS")
    tour = next(t for t in data["tours"] if t["leader"] == "Miguel Díaz-Canel")
    places = [s["party"] for s in tour["stops"]]
    assert places[0] == "RUS" and "CUB" not in places
    assert {"PRK", "CHN", "LAO"} <= set(places)
    assert tour["stops"][0]["place"] == "Moscow, Russia"
    html = client.get("/pairs/CUB-RUS").text
    assert 'class="route"' in html and "Moscow, Russia" in html


def test_country_page_network_timeline_and_amounts(client: TestClient) -> None:
    data = api(client, "/countries/CUB")
    partners = {p["party"]: p for p in data["partners"]}
    assert partners["RUS"]["n"] == max(p["n"] for p in data["partners"])
    assert {n["party"] for n in data["network"]["nodes"]} >= {"CUB", "RUS"}
    assert all(e["colour"].startswith("#") for e in data["network"]["edges"])
    assert data["amounts"][0]["usd"] == 50_000_000
    # the list holds every mention; the totals count distinct events, mentions beside
    assert data["totals"]["mentions"] == data["pagination"]["total"]
    assert data["totals"]["events"] <= data["totals"]["mentions"]
    assert data["brief"]["sentences"][0]["text"].startswith("Cuba's main partners are Russia")
    html = client.get("/countries/CUB").text
    assert '<svg class="network"' in html and 'data-chart="timeline"' in html
    assert '<script type="application/json" id="timeline-data">' in html


def test_country_and_pair_names_redirect_to_codes(client: TestClient) -> None:
    response = client.get("/countries/cuba?quad=1", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "/countries/CUB?quad=1"
    response = client.get("/api/pairs/cub-rus", follow_redirects=False)
    assert response.headers["location"] == "/api/pairs/CUB-RUS"


def test_entities_treaty_and_loan(client: TestClient, article_id: str) -> None:
    entities = {e["id"]: e for e in api(client, "/entities")["entities"]}
    treaty = entities["inf-treaty"]
    assert treaty["name"] == "Intermediate-Range Nuclear Forces (INF) Treaty"
    assert treaty["mentions"] >= 4  # named twice, then "the treaty"
    loan = next(e for e in entities.values() if e["kind"] == "loan")
    assert loan["name"] == "$50 million military loan from Russia to Cuba"
    page = api(client, "/entities/inf-treaty")
    assert {m["text"] for m in page["mentions"]} >= {"INF Treaty", "the treaty"}
    sentences = {m["sentence"] for m in page["mentions"]}
    assert page["events"] and all(e["sentence"] in sentences for e in page["events"])
    loan_page = api(client, f"/entities/{loan['id']}")
    assert loan_event(client, article_id)["id"] in {e["id"] for e in loan_page["events"]}


def test_search_finds_articles_actors_entities_and_events(client: TestClient,
                                                          article_id: str) -> None:
    data = api(client, "/search?q=treaty")
    assert [a["id"] for a in data["articles"]] == [article_id]
    assert any(e["id"] == "inf-treaty" for e in data["entities"])
    assert data["events"] and all("treaty" in e["evidence"].lower() for e in data["events"])
    actors = api(client, "/search?q=Putin")["actors"]
    assert any(a["name"] == "Vladimir Putin" and a["code"] == "RUSGOV" for a in actors)
    assert api(client, "/search?q=cuba")["parties"] == [{"party": "CUB", "name": "Cuba"}]
    lend = api(client, "/search?q=lend")["events"]
    assert [e["id"] for e in lend] == [loan_event(client, article_id)["id"]]


# ---------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("quad=1", lambda e: e["quad_class"] == 1),
        ("quad=2", lambda e: e["quad_class"] == 2),
        ("code=04", lambda e: e["cameo"].startswith("04")),
        ("code=046", lambda e: e["cameo"].startswith("046")),
        ("min_confidence=0.8", lambda e: e["confidence"] >= 0.8),
        ("since=2018-11-09&until=2018-11-09", lambda e: e["date"] == "2018-11-09"),
        ("country=RUS", lambda e: "RUS" in (e["source_party"], e["target_party"])),
        ("country=CUB&partner=RUS",
         lambda e: {e["source_party"], e["target_party"]} == {"CUB", "RUS"}),
        ("actor=RUSGOV", lambda e: "RUSGOV" in (e["source"], e["target"])),
    ],
)
def test_event_filters(client: TestClient, query: str, check: Any) -> None:
    events = api(client, f"/events?{query}&per_page=100")["events"]
    assert events, query
    assert all(check(e) for e in events), query
    everything = api(client, "/events?per_page=100")["events"]
    assert len(events) <= len(everything)


def test_filters_apply_to_pair_pages(client: TestClient) -> None:
    everything = api(client, "/pairs/CUB-RUS")
    verbal = api(client, "/pairs/CUB-RUS?quad=1")
    assert verbal["totals"]["events"] == everything["totals"]["quads"]["1"]
    assert all(e["quad_class"] == 1 for e in verbal["events"])
    none = api(client, "/pairs/CUB-RUS?since=2019-01-01")
    assert none["totals"]["events"] == 0 and none["events"] == []
    assert "No events between Cuba and Russia" in none["brief"]["sentences"][0]["text"]
    coded = api(client, "/countries/CUB?code=04")
    assert coded["totals"]["mentions"] == sum(1 for e in api(client, "/events?country=CUB&"
                                                          "code=04&per_page=100")["events"])
    assert coded["totals"]["events"] <= coded["totals"]["mentions"]


def test_date_filters_inside_a_month_are_exact(client: TestClient) -> None:
    # the example's events of November 2018 are all dated by the article, 9 November
    whole = api(client, "/countries/CUB?since=2018-11-01&until=2018-11-30")["totals"]["events"]
    assert whole > 0
    assert api(client, "/countries/CUB?since=2018-11-09&until=2018-11-09")["totals"]["events"] \
        == whole
    assert api(client, "/countries/CUB?since=2018-11-10&until=2018-11-30")["totals"][
        "events"] == 0
    assert api(client, "/countries/CUB?since=2018-11-01&until=2018-11-08")["totals"][
        "events"] == 0


@pytest.mark.parametrize(
    ("query", "problem"),
    [("since=yesterday", "since: 'yesterday' is not a date"), ("quad=7", "quad: '7'"),
     ("code=7x", "not a CAMEO code"), ("min_confidence=2", "between 0 and 1"),
     ("since=2019-01-01&until=2018-01-01", "is after until"), ("page=0", "page")],
)
def test_bad_filters_are_400_as_json_and_page(client: TestClient, query: str,
                                              problem: str) -> None:
    data = api(client, f"/events?{query}", status=400)
    assert data["ok"] is False and data["status"] == 400 and problem in data["error"]
    page = client.get(f"/events?{query}")
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "Error 400" in page.text


def test_pagination(client: TestClient) -> None:
    first = api(client, "/events?per_page=3")
    assert len(first["events"]) == 3
    assert first["pagination"]["next"] == "/api/events?per_page=3&page=2"
    second = api(client, "/events?per_page=3&page=2")
    assert not {e["id"] for e in first["events"]} & {e["id"] for e in second["events"]}
    assert second["pagination"]["prev"] == "/api/events?per_page=3"
    dates = [(e["date"], e["id"]) for e in first["events"] + second["events"]]
    assert dates == sorted(dates, reverse=True)
    total = first["pagination"]["total"]
    pages = -(-total // 3)
    last = api(client, f"/events?per_page=3&page={pages}")
    assert last["pagination"]["next"] is None and 1 <= len(last["events"]) <= 3
    html = client.get("/events?per_page=3").text
    assert 'href="/events?per_page=3&amp;page=2" rel="next"' in html
    assert api(client, "/events?per_page=101", status=400)["ok"] is False


@pytest.mark.parametrize(
    ("path", "words"),
    [("/articles/nope", "no article 'nope'"), ("/events/999999", "no event 999999"),
     ("/countries/XYZ", "no country or organisation 'XYZ'"),
     ("/pairs/CUB", "is not a pair"), ("/entities/nothing", "no treaty"),
     ("/no/such/page", "/no/such/page; start from the home page")],
)
def test_not_found_is_a_page_or_json(client: TestClient, path: str, words: str) -> None:
    page = client.get(path)
    assert page.status_code == 404 and "Not found" in page.text
    assert words in unescape(page.text)
    data = client.get("/api" + path).json()
    assert data == {"ok": False, "status": 404, "error": data["error"]}
    assert words in data["error"]


# ---------------------------------------------------------------------------- feed, exports


def test_feed_is_atom_of_published_articles(client: TestClient, article_id: str) -> None:
    response = client.get("/feed.xml")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Cuba and Russia: Budding Relations"]
    entry = entries[0]
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/articles/{article_id}")  # type: ignore[union-attr]
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Elena Márquez"
    assert entry.findtext(f"{ATOM}updated")
    assert api(client, "/feed")["articles"][0]["id"] == article_id


def test_exports(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/exports/events.csv").text)))
    assert rows and list(rows[0]) == list(FIELDS)
    lines = client.get("/exports/events.jsonl?quad=1").text.splitlines()
    assert lines and all(json.loads(line)["quad_class"] == 1 for line in lines)
    assert client.get("/exports/events.xml").status_code == 404


# ---------------------------------------------------------------------------- publishing

ARTICLE = """---
title: Russia and Cuba sign an energy deal
byline: A. Student
date: 2019-03-02
---

Russia agreed to lend Cuba $38 million to repair its power plants.

The Cuban government welcomed the loan.
"""


def test_publish_through_the_form(client: TestClient, db: Path) -> None:
    before = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    response = client.post(
        "/publish",
        data={"author": "Ana", "format": "auto", "text": ARTICLE, "caption1": "Havana at night",
              "credit1": "Ana Ruiz"},
        files={"image1": ("night.png", PNG, "image/png")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    draft_url = response.headers["location"]
    assert draft_url.startswith("/drafts/")
    assert response.cookies.get("irinsider_author") == "Ana"
    preview = client.get(draft_url)
    assert "Preview." in preview.text and "Russia and Cuba sign an energy deal" in preview.text
    assert "Credit: Ana Ruiz" in preview.text
    image = re.search(r'<img src="(/drafts/[^"]+)"', preview.text)
    assert image and client.get(image[1]).content == PNG
    data = api(client, draft_url)
    assert any(q["text"] == "$38 million" for e in data["events"] for q in e["quantities"])
    # previewing stores nothing
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == before
    published = client.post(draft_url + "/publish", data={"author": "Ana"},
                            follow_redirects=False)
    assert published.status_code == 303
    page = client.get(published.headers["location"])
    assert page.status_code == 200 and "published by Ana" in page.text
    image = re.search(r'<img src="(/articles/[^"]+)"', page.text)
    assert image and client.get(image[1]).headers["content-type"] == "image/png"
    feed = ET.fromstring(client.get("/feed.xml").content)
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles[0] == "Russia and Cuba sign an energy deal"
    assert client.get(draft_url).status_code == 404  # the draft is gone
    assert api(client, "/pairs/CUB-RUS")["totals"]["usd"] == 88_000_000



def test_a_preview_still_loading_its_image_gets_it_after_publishing(client: TestClient
                                                                    ) -> None:
    """Publishing moves a draft's images to the article: a preview page opened before
    may ask for them just after, and must not get a 404."""
    response = client.post("/publish", data={"author": "Ana", "text": ARTICLE,
                                              "caption1": "Havana at night"},
                           files={"image1": ("night.png", PNG, "image/png")},
                           follow_redirects=False)
    draft_url = response.headers["location"]
    image = re.search(r'<img src="(/drafts/[^"]+)"', client.get(draft_url).text)
    assert image
    published = client.post(draft_url + "/publish", data={"author": "Ana"},
                            follow_redirects=False)
    assert published.status_code == 303
    late = client.get(image[1])  # asked for by the preview, answered after publishing
    assert late.status_code == 200 and late.content == PNG
    assert client.get(draft_url).status_code == 404  # the draft itself is gone
    assert client.get("/drafts/none/images/2").status_code == 404


def test_the_icon_is_where_browsers_look_for_it(client: TestClient) -> None:
    """Browsers ask for /favicon.ico on pages that name no icon (the feed, JSON)."""
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert icon.content == client.get("/static/favicon.svg").content

def test_publish_through_the_api(client: TestClient) -> None:
    draft = client.post("/api/drafts", json={"text": "Russia condemned Ukraine.",
                                             "format": "text", "author": "Bot",
                                             "title": "Short", "date": "2020-01-02"})
    assert draft.status_code == 201, draft.text
    data = draft.json()
    assert data["article"]["title"] == "Short" and data["article"]["date"] == "2020-01-02"
    assert [e["cameo"][:2] for e in data["events"]] == ["11"]
    done = client.post(f"/api/drafts/{data['draft']['id']}/publish", json={"author": "Bot"})
    assert done.status_code == 200 and done.json()["url"].startswith("/articles/")
    assert api(client, "/articles?published=true")["articles"][0]["title"] == "Short"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [({"author": "", "text": "x"}, "fill in your name"),
     ({"author": "A", "text": "   "}, "paste the article"),
     ({"author": "A", "text": "Hi.", "format": "pdf"}, "format 'pdf'"),
     ({"author": "A", "text": "Hi.", "date": "soon"}, "date 'soon'")],
)
def test_publish_form_problems_are_400(client: TestClient, fields: dict[str, str],
                                       problem: str) -> None:
    response = client.post("/publish", data=fields)
    assert response.status_code == 400 and problem in unescape(response.text)


def test_only_real_images_are_accepted(client: TestClient) -> None:
    response = client.post("/publish", data={"author": "A", "text": "Russia condemned Ukraine."},
                           files={"image1": ("x.png", b"<svg onload=alert(1)>", "image/png")})
    assert response.status_code == 400 and "not a PNG, JPEG, GIF or WebP" in response.text


def test_too_large_requests_are_refused(db: Path, pipeline: Pipeline) -> None:
    small = TestClient(create_app(db, WebConfig(index_interval=None, max_body=2000),
                                  pipeline=pipeline))
    response = small.post("/publish", data={"author": "A", "text": "x" * 5000})
    assert response.status_code == 413 and "larger than" in response.text
    assert small.post("/api/drafts", content=b"{" + b" " * 5000,
                      headers={"content-type": "application/json"}).json()["status"] == 413


# ---------------------------------------------------------------------------- escaping


def test_user_text_is_escaped_everywhere(client: TestClient) -> None:
    nasty = "<script>alert(1)</script>"
    text = (f"---\ntitle: \"{nasty}\"\nbyline: \"<b onmouseover=alert(2)>me</b>\"\n---\n\n"
            "Russia condemned Ukraine <img src=x onerror=alert(3)>.\n")
    draft = client.post("/publish", data={"author": "<i>x</i>", "text": text,
                                          "caption1": "<svg onload=alert(4)>",
                                          "credit1": "\"><script>alert(5)</script>"},
                        follow_redirects=False)
    assert draft.status_code == 303
    pages = [client.get(draft.headers["location"]).text]
    done = client.post(draft.headers["location"] + "/publish", data={"author": "<i>x</i>"},
                       follow_redirects=False)
    article = done.headers["location"]
    pages += [client.get(article).text, client.get("/articles").text, client.get("/").text,
              client.get("/search?q=script").text]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "<svg onload" not in page and "<b onmouseover" not in page
        assert "<i>x</i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[1]
    feed = client.get("/feed.xml").text
    assert "<script>" not in feed and "&lt;script&gt;alert(1)&lt;/script&gt;" in feed
    assert api(client, article)["article"]["title"] == nasty  # JSON keeps the text as it is


def test_only_web_addresses_become_links(client: TestClient) -> None:
    draft = client.post("/api/drafts", json={"text": "Russia condemned Ukraine.", "author": "A",
                                             "url": "javascript:alert(1)"}).json()
    done = client.post(f"/api/drafts/{draft['draft']['id']}/publish", json={"author": "A"})
    page = client.get(done.json()["url"]).text
    assert "javascript:" not in page


# ---------------------------------------------------------------------------- corrections


def test_correction_is_stored_shown_exported_and_survives_recoding(
        client: TestClient, article_id: str) -> None:
    loan = loan_event(client, article_id)
    response = client.post(f"/events/{loan['id']}/corrections",
                           data={"field": "cameo", "value": "072", "author": "Ana",
                                 "reason": "The loan buys military equipment"},
                           follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/articles/{article_id}#e{loan['id']}"
    fixed = loan_event(client, article_id)
    assert (fixed["cameo"], fixed["quad_class"], fixed["goldstein"]) == ("072", 2, 8.3)
    assert fixed["explanation"]["headline"].startswith(
        "Coded as PROVIDE MILITARY AID (CAMEO 072, Goldstein +8.3, material cooperation)")
    (correction,) = fixed["corrections"]
    assert (correction["author"], correction["old"], correction["new"]) == \
        ("Ana", loan["cameo"], "072")
    assert correction["created_at"]
    html = client.get(f"/articles/{article_id}").text
    assert "Ana</b> changed the cameo from" in html and "The loan buys military" in html
    assert api(client, "/corrections")["corrections"][0]["reason"] == \
        "The loan buys military equipment"
    exported = list(csv.DictReader(io.StringIO(client.get("/exports/corrections.csv").text)))
    assert exported[0]["new"] == "072" and exported[0]["author"] == "Ana"
    events = [json.loads(line) for line in client.get("/exports/events.jsonl").text.splitlines()]
    assert "072" in {e["cameo"] for e in events}
    # the pair's counts follow the correction
    assert api(client, "/pairs/CUB-RUS")["totals"]["quads"]["2"] >= 1
    # re-coding gives new event ids; the correction finds its event again
    assert client.post(f"/articles/{article_id}/recode", follow_redirects=False
                       ).status_code == 303
    again = loan_event(client, article_id)
    assert again["cameo"] == "072" and again["corrections"]
    assert api(client, "/corrections")["corrections"][0]["event_id"] == again["id"]


def test_marking_an_event_wrong(client: TestClient, article_id: str) -> None:
    loan = loan_event(client, article_id)
    before = api(client, "/pairs/CUB-RUS")["totals"]
    response = client.post(f"/api/events/{loan['id']}/corrections",
                           json={"field": "wrong", "reason": "Not a promise", "author": "Bo"})
    assert response.status_code == 201
    assert response.json()["event"]["wrong"] is True
    after = api(client, "/pairs/CUB-RUS")["totals"]
    assert after["events"] == before["events"] - 1 and after["usd"] == 0
    assert loan_event(client, article_id)["wrong"] is True  # still shown, marked
    assert "marked this event wrong" in client.get(f"/events/{loan['id']}").text
    exported = [json.loads(x) for x in client.get("/exports/events.jsonl").text.splitlines()]
    assert not any(e["sentence"] == loan["sentence"] and e["cameo"] == loan["cameo"]
                   for e in exported)


@pytest.mark.parametrize(
    ("body", "problem"),
    [({"field": "cameo", "value": "999"}, "'999' is not a CAMEO code"),
     ({"field": "source", "value": "Atlantis"}, "not an actor code or a country name"),
     ({"field": "colour", "value": "red"}, "cannot correct 'colour'")],
)
def test_bad_corrections_are_400(client: TestClient, article_id: str, body: dict[str, str],
                                 problem: str) -> None:
    loan = loan_event(client, article_id)
    response = client.post(f"/api/events/{loan['id']}/corrections",
                           json={**body, "reason": "because", "author": "A"})
    assert response.status_code == 400 and problem in response.json()["error"]


def test_source_correction_by_country_name(client: TestClient, article_id: str) -> None:
    loan = loan_event(client, article_id)
    client.post(f"/api/events/{loan['id']}/corrections",
                json={"field": "source", "value": "China", "reason": "misread", "author": "A"})
    fixed = loan_event(client, article_id)
    assert (fixed["source"], fixed["source_party"], fixed["source_name"]) == \
        ("CHN", "CHN", "China")
    assert api(client, "/pairs/CHN-CUB")["totals"]["usd"] == 50_000_000


# ---------------------------------------------------------------------------- write guards


def test_token_is_needed_when_set(db: Path, pipeline: Pipeline, article_id: str) -> None:
    guarded = TestClient(create_app(db, WebConfig(index_interval=None,
                                                  token="correct horse battery"),
                                    pipeline=pipeline))
    form = {"author": "A", "text": "Russia condemned Ukraine."}
    refused = guarded.post("/publish", data=form)
    assert refused.status_code == 401 and "token" in refused.text
    assert "Write token" in guarded.get("/publish").text
    assert guarded.post("/api/drafts", json=form).status_code == 401
    wrong = guarded.post("/publish", data={**form, "token": "guess"})
    assert wrong.status_code == 401
    ok = guarded.post("/publish", data={**form, "token": "correct horse battery"},
                      follow_redirects=False)
    assert ok.status_code == 303
    remembered = guarded.post("/publish", data=form, follow_redirects=False)
    assert remembered.status_code == 303  # the cookie set by the first good token
    bearer = TestClient(guarded.app)
    assert bearer.post("/api/drafts", json=form, headers={
        "Authorization": "Bearer correct horse battery"}).status_code == 201
    assert bearer.post(f"/api/articles/{article_id}/recode", headers={
        "X-Irinsider-Token": "correct horse battery"}).status_code == 200
    # reading needs nothing
    assert TestClient(guarded.app).get("/pairs/CUB-RUS").status_code == 200


def test_forms_from_other_sites_are_refused(client: TestClient) -> None:
    response = client.post("/publish", data={"author": "A", "text": "x"},
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403 and "another site" in response.text
    response = client.post("/api/drafts", json={"author": "A", "text": "x"},
                           headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    same = client.post("/api/drafts", json={"author": "A", "text": "Russia condemned Ukraine."},
                       headers={"Origin": "http://testserver"})
    assert same.status_code == 201


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True),
                                                ("::1", True), ("0.0.0.0", False),
                                                ("192.168.1.5", False), ("example.org", False)])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


# ---------------------------------------------------------------------------- the bench


def test_latency_bench_runs_on_a_small_database(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    path = Path(__file__).parents[2] / "bench" / "web_latency.py"
    spec = importlib.util.spec_from_file_location("web_latency", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--events", "1500", "--repeat", "1", "--db",
                       str(tmp_path / "b.db")]) == 0
    out = capsys.readouterr().out
    assert "1,500 events" in out and "/pairs/CUB-RUS" in out and "slowest p95" in out


# ---------------------------------------------------------------------------- irinsider serve


@pytest.mark.parametrize(("args", "problem"), [
    (["--host", "0.0.0.0"], "writing needs a token: pass --token or set $IRINSIDER_TOKEN"),
    (["--host", "0.0.0.0", "--token", "short"], "the token is too short"),
])
def test_serve_refuses_to_start_unsafely(db: Path, args: list[str], problem: str) -> None:
    from click.testing import CliRunner

    from irinsider.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(db), *args],
                                env={"IRINSIDER_TOKEN": ""})
    assert result.exit_code == 2 and problem in result.output


def test_serve_says_when_the_port_is_taken(db: Path) -> None:
    import socket

    from click.testing import CliRunner

    from irinsider.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.output
