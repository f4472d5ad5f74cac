"""Web security: escaping of every user text, SQL injection, path traversal, the write
token, request size limits and the security headers.

The stored-XSS tests publish, through the app itself, one article per payload with
the payload in every field a reader can fill (title, byline, source address, text,
image caption and credit, author, correction reason and author) and in the name of
an actor from a user actor dictionary; then every page that shows them is parsed
and checked for anything a browser would run.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import shutil
import sqlite3
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import closing
from html import unescape
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.exceptions import StarletteDeprecationWarning

from irinsider.pipeline import Pipeline
from irinsider.web import WebConfig, create_app, is_loopback

with warnings.catch_warnings():  # starlette prefers httpx2, which the lock does not carry
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

ATOM = "{http://www.w3.org/2005/Atom}"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
       b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")
TOKEN = "correct horse battery staple"

# What an attacker types into a field, each as the start of a different attack.
PAYLOADS = (
    "<script>alert(1)</script>",
    '"><script>alert(2)</script>',
    "' onmouseover='alert(3)' x='",
    '" onmouseover="alert(4)" x="',
    "</textarea><script>alert(5)</script>",
    "<svg onload=alert(6)>",
    "<img src=x onerror=alert(7)>",
    "javascript:alert(8)",
    " JaVaScRiPt:alert(9)",
    "{{ 7*7191 }}",
    "{{7*7}} ${7*7} #{7*7} <%= 7*7 %>",
    "{% if 1 %}ev{{ 'al' }}uated{% endif %}",
    "</script><script>alert(10)</script>",
    "<!--<script>alert(11)//-->",
    "]]><x y='1'>&amp;&lt;",
    "&lt;script&gt;alert(12)&lt;/script&gt;",
    "[click](javascript:alert(13)) <a href=javascript:alert(14)>x</a>",
    "\u2028bell\x07\x1b[31m\u2029 nul\x00 end",
    "<style>*{display:none}</style><iframe src=//example.org>",
)
# Words that a user actor dictionary names, one per payload: the actor's name is the payload.
REALMS = ("Arnor", "Gondor", "Rohan", "Mordor", "Eriador", "Rhovanion", "Harad", "Lindon",
          "Erebor", "Umbar", "Khand", "Forochel", "Enedwaith", "Anorien", "Ithilien",
          "Lebennin", "Belfalas", "Calenardhon", "Dorwinion")
EVALUATED = ("50337", "evaluated")  # what the template payloads would become if run
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data",
                  "background", "srcset"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style",
                  "math"}
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def shown(text: str) -> str:
    """A form field as the app keeps it: whitespace collapsed."""
    return " ".join(text.split())


def appears(payload: str, text: str) -> bool:
    """Whether `payload` shows in a page's text: as typed, or as a form field keeps it."""
    return any(v in text or v.replace("\x00", "\ufffd") in text
               for v in (payload, shown(payload)))


def risky(payload: str) -> bool:
    return any(c in payload for c in "<>\"'")


# ---------------------------------------------------------------------------- inspection


class Inspector(HTMLParser):
    """Everything in a page that a browser would run, and the page's visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script: str | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        where = self.getpos()
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{where}: <{tag} {name}=...>")
            if name in URL_ATTRIBUTES and value is not None:
                squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
                if squeezed.startswith(("javascript:", "vbscript:", "data:")):
                    self.problems.append(f"{where}: <{tag} {name}={value!r}>")
                off_site = squeezed.startswith(("//", "/\\", "\\"))  # another host
                if off_site or tag in ("img", "script", "form") and not value.startswith("/"):
                    self.problems.append(f"{where}: <{tag} {name}={value!r}> leaves the site")
            if name == "style":
                self.problems.append(f"{where}: <{tag} style=...> (inline style)")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"{where}: <{tag}>")
        if tag == "script":
            attributes = dict(attrs)
            source, kind = attributes.get("src"), attributes.get("type")
            if source is None and kind != "application/json":
                self.problems.append(f"{where}: inline <script>")
            self._script = kind or "script"
            self._script_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            if self._script == "application/json":
                try:
                    json.loads("".join(self._script_text))
                except ValueError:
                    self.problems.append(f"{self.getpos()}: page data is not JSON: "
                                         f"{''.join(self._script_text)[:80]!r}")
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        else:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"{self.getpos()}: a comment <!--{data[:40]}")


def check_page(html: str, payloads: tuple[str, ...] = PAYLOADS) -> str:
    """Fail if `html` holds anything a browser would run; return its visible text."""
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    assert not inspector.problems, inspector.problems
    for payload in payloads:
        if risky(payload):
            assert payload not in html and shown(payload) not in html, payload
    for result in EVALUATED:
        assert result not in html, f"a template in user text was run: {result}"
    return "".join(inspector.text)


def dump(path: Path) -> list[str]:
    """Every row of the database, as SQL: to compare before and after."""
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def query(path: Path, sql: str) -> list[Any]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture
def client(db: Path, pipeline: Pipeline) -> TestClient:
    return TestClient(create_app(db, WebConfig(index_interval=None), pipeline=pipeline))


@pytest.fixture(scope="module")
def shared_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo database for tests that only read (and check they changed nothing)."""
    path = tmp_path_factory.mktemp("reader") / "demo.db"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture(scope="module")
def reader(shared_db: Path, pipeline: Pipeline) -> TestClient:
    return TestClient(create_app(shared_db, WebConfig(index_interval=None), pipeline=pipeline))


def json_of(client: TestClient, path: str, status: int = 200) -> dict[str, Any]:
    response = client.get("/api" + path if path != "/" else "/api")
    assert response.status_code == status, (path, response.text[:300])
    return response.json()  # type: ignore[no-any-return]


def first_event(client: TestClient) -> int:
    return int(json_of(client, "/events?per_page=1")["events"][0]["id"])


class Hostile:
    """A database whose articles, drafts, corrections and actors are all payloads."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.articles: list[str] = []  # article page per payload
        self.drafts: list[str] = []  # an unpublished draft per payload
        self.events: list[int] = []  # a corrected event per payload


@pytest.fixture(scope="module")
def hostile(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.db"
    shutil.copy(demo_db, path)
    actors = folder / "actors.yaml"
    actors.write_text(json.dumps({"actors": [
        {"code": f"X{i:02d}" if i % 2 else payload, "name": payload, "names": [realm]}
        for i, (payload, realm) in enumerate(zip(PAYLOADS, REALMS, strict=True))
    ]}), encoding="utf-8")
    pipeline = Pipeline.load([str(actors)])
    client = TestClient(create_app(path, WebConfig(index_interval=None), pipeline=pipeline))
    found = Hostile(client)
    for i, (payload, realm) in enumerate(zip(PAYLOADS, REALMS, strict=True)):
        fmt = ("text", "markdown", "html")[i % 3]
        sentence = (f"{realm} condemned Ukraine over {payload}. "
                    "Russia agreed to lend Cuba $5 million.")
        text = f"<p>{sentence}</p>" if fmt == "html" else sentence
        form = {"author": payload, "title": payload, "byline": payload, "url": payload,
                "format": fmt, "text": text, "caption1": payload, "credit1": payload}
        drafts = []
        for _ in range(2):
            response = client.post("/publish", data=form,
                                   files={"image1": ("x.png", PNG, "image/png")},
                                   follow_redirects=False)
            assert response.status_code == 303, (payload, response.text[:500])
            drafts.append(response.headers["location"])
        found.drafts.append(drafts[1])
        done = client.post(drafts[0] + "/publish", data={"author": payload},
                           follow_redirects=False)
        assert done.status_code == 303, (payload, done.text[:500])
        found.articles.append(done.headers["location"])
        events = json_of(client, done.headers["location"])["events"]
        mine = next(e for e in events if e["source_name"] == payload)
        corrected = client.post(f"/events/{mine['id']}/corrections",
                                data={"field": "wrong", "reason": f"{payload} reason",
                                      "author": payload}, follow_redirects=False)
        assert corrected.status_code == 303, (payload, corrected.text[:500])
        found.events.append(mine["id"])
    return found


# ---------------------------------------------------------------------------- stored XSS


@pytest.mark.parametrize("i", range(len(PAYLOADS)))
def test_stored_text_is_escaped_on_every_page(hostile: Hostile, i: int) -> None:
    payload, client = PAYLOADS[i], hostile.client
    article, draft, event = hostile.articles[i], hostile.drafts[i], hostile.events[i]
    pages = [article, f"/events/{event}", draft, f"/publish?draft={draft.split('/')[-1]}"]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        text = check_page(response.text)
        assert appears(payload, text), (path, payload)
    # the reader's name comes back into the form from its cookie, quoted as the app sets it
    cookie: SimpleCookie = SimpleCookie()
    cookie["irinsider_author"] = shown(payload)
    header = cookie.output(header="").strip()
    if header.isascii():
        form = TestClient(client.app).get("/publish", headers={"cookie": header}).text
        check_page(form)
        value = re.search(r'<input [^>]*name="author"[^>]*value="([^"]*)"', form)
        assert value and unescape(value[1]) == shown(payload)


def test_lists_and_summaries_escape_stored_text(hostile: Hostile) -> None:
    client = hostile.client
    pages = ["/", "/articles", "/articles?published=true", "/events",
             "/events?include_negated=true&per_page=100", "/corrections?per_page=100",
             "/search?q=condemned", "/search?q=condemned&include_negated=true",
             "/countries", "/countries/UKR?include_negated=true", "/countries/CUB",
             "/pairs/CUB-RUS", "/entities", "/about"]
    pages += [f"/events?actor={quote(code)}&include_negated=true" for code in
              ("X01", "X03", PAYLOADS[0], PAYLOADS[2])]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        check_page(response.text)
    corrections = check_page(client.get("/corrections?per_page=100").text)
    for payload in PAYLOADS:
        assert appears(f"{payload} reason", corrections), payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_reflected_query_text_is_escaped(hostile: Hostile, payload: str) -> None:
    client, q = hostile.client, quote(payload)
    pages = [f"/search?q={q}", f"/events?q={q}", f"/articles?q={q}", f"/entities?q={q}",
             f"/entities?kind={q}", f"/countries?name={q}", f"/countries/CUB?q={q}",
             f"/pairs/CUB-RUS?q={q}", f"/events?per_page=1&also={q}",
             f"/articles?per_page=1&also={q}", f"/events?actor={q}"]
    statuses = [f"/articles/{q}", f"/countries/{q}", f"/pairs/{q}", f"/entities/{q}",
                f"/drafts/{q}", f"/events?country={q}", f"/search?since={q}",
                f"/events?code={q}", f"/publish?draft={q}", f"/nowhere/{q}"]
    for path in pages + statuses:
        response = client.get(path)
        assert response.status_code < 500, (path, response.text[:300])
        assert response.headers["content-type"].startswith("text/html")
        check_page(response.text)
    for path in pages:
        assert json_of(client, path)["ok"] is True
    assert json_of(client, f"/search?q={q}")["q"] == payload.strip()  # as data, as typed


def test_json_api_returns_stored_text_as_data(hostile: Hostile) -> None:
    client = hostile.client
    corrections = json_of(client, "/corrections?per_page=100")["corrections"]
    for i, payload in enumerate(PAYLOADS):
        data = json_of(client, hostile.articles[i])
        article = data["article"]
        assert article["title"] == shown(payload)
        assert article["byline"] == shown(payload)
        assert article["url"] == shown(payload)
        assert article["published_by"] == shown(payload)
        captions = [b for b in data["blocks"] if b["kind"] == "caption"]
        assert [(b["credit"], b["image"] is not None) for b in captions] == \
            [(shown(payload), True)]
        event = next(e for e in data["events"] if e["id"] == hostile.events[i])
        assert event["source_name"] == payload and event["wrong"] is True
        (correction,) = [c for c in corrections if c["event_id"] == hostile.events[i]]
        assert correction["reason"] == shown(f"{payload} reason")
        assert correction["author"] == shown(payload)
        draft = json_of(client, hostile.drafts[i])
        assert draft["draft"]["author"] == shown(payload)
        assert draft["article"]["title"] == shown(payload)


def test_only_web_addresses_become_links(hostile: Hostile) -> None:
    for i, payload in enumerate(PAYLOADS):
        html = hostile.client.get(hostile.articles[i]).text
        links = re.findall(r'href="([^"]*)"', html)
        assert not [x for x in links if not x.startswith(("/", "#", "http://", "https://"))], \
            (payload, links)


def test_feed_is_well_formed_xml_with_every_payload(hostile: Hostile) -> None:
    response = hostile.client.get("/feed.xml")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # raises on anything but well-formed XML
    entries = feed.findall(f"{ATOM}entry")
    titles = {e.findtext(f"{ATOM}title") for e in entries}
    authors = {e.findtext(f"{ATOM}author/{ATOM}name") for e in entries}
    for payload in PAYLOADS:
        assert _NOT_XML.sub("", shown(payload)) in titles, payload
        assert _NOT_XML.sub("", shown(payload)) in authors, payload
    assert not [e for e in feed.iter() if e.tag in ("script", "x") or e.tag.endswith("}x")]
    for entry in entries:
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").startswith("http://testserver/")


def test_downloads_carry_stored_text_as_data(hostile: Hostile) -> None:
    client = hostile.client
    rows = list(csv.DictReader(io.StringIO(client.get("/exports/corrections.csv").text)))
    lines = [json.loads(x) for x in client.get("/exports/corrections.jsonl").text.split("\n") if x]
    for payload in PAYLOADS:
        assert shown(f"{payload} reason") in {r["reason"] for r in rows}
        assert shown(payload) in {r["author"] for r in lines}
    events = client.get("/exports/events.jsonl?include_negated=true")
    assert events.headers["content-disposition"] == 'attachment; filename="events.jsonl"'
    assert events.headers["x-content-type-options"] == "nosniff"
    assert all(json.loads(x) for x in events.text.split("\n") if x)


# ---------------------------------------------------------------------------- SQL injection


INJECTIONS = (
    "zqxj' OR '1'='1",
    "zqxj' OR 1=1 --",
    'zqxj" OR ""="',
    "zqxj'; DROP TABLE events; --",
    "zqxj') UNION SELECT name, sql FROM sqlite_master --",
    "zqxj%' OR '%'='",
    "zqxj\\' OR 1=1 /*",
    "zqxj OR russia",
    'zqxj" OR "russia',
    "zqxj* OR cuba*",
    "russia NOT zqxj",
    "zqxj NEAR(russia cuba)",
    "zqxj\x00' OR 1=1",
)
HARMLESS = "zqxj"
# Every query parameter of every page (the JSON twin's), each with the rest it needs.
QUERY_PARAMETERS = [
    ("/articles", p, "") for p in ("q", "since", "until", "published")
] + [
    ("/events", p, "") for p in ("since", "until", "code", "quad", "min_confidence", "q",
                                 "include_negated", "country", "actor", "page", "per_page")
] + [
    ("/events", "partner", "country=CUB"),
    ("/countries", "name", ""), ("/countries", "q", ""), ("/countries", "code", ""),
    ("/countries/CUB", "q", ""), ("/countries/CUB", "since", ""),
    ("/pairs/CUB-RUS", "q", ""), ("/pairs/CUB-RUS", "quad", ""),
    ("/entities", "q", ""), ("/entities", "kind", ""), ("/entities/inf-treaty", "q", ""),
    ("/search", "q", ""), ("/search", "code", ""), ("/search", "until", ""),
    ("/corrections", "page", ""), ("/publish", "draft", ""),
]
PATH_PARAMETERS = ["/articles/{}", "/events/{}", "/countries/{}", "/pairs/{}-RUS",
                   "/pairs/CUB-{}", "/entities/{}", "/drafts/{}"]
ECHOES = {"ok", "q", "filters", "scope"}


def results(data: dict[str, Any]) -> dict[str, Any]:
    """What a page found, without the echo of what was asked."""
    found = {k: v for k, v in data.items() if k not in ECHOES}
    if isinstance(found.get("pagination"), dict):
        found["pagination"] = {k: v for k, v in found["pagination"].items()
                               if k not in ("next", "prev")}
    return found


def get(client: TestClient, path: str, param: str, value: str, extra: str) -> Any:
    query = "&".join(x for x in (extra, f"{param}={quote(value)}") if x)
    return client.get(f"/api{path}?{query}")


@pytest.mark.parametrize(("path", "param", "extra"), QUERY_PARAMETERS,
                         ids=[f"{p}?{q}" for p, q, _ in QUERY_PARAMETERS])
def test_injection_in_query_parameters(reader: TestClient, shared_db: Path, path: str,
                                       param: str, extra: str) -> None:
    client, db = reader, shared_db
    before = dump(db)
    harmless = get(client, path, param, HARMLESS, extra)
    assert harmless.status_code < 500
    for value in INJECTIONS:
        response = get(client, path, param, value, extra)
        assert response.status_code == harmless.status_code, (value, response.text[:300])
        if response.status_code == 200:
            assert results(response.json()) == results(harmless.json()), value
        page = client.get(f"{path}?{extra}&{param}={quote(value)}")
        assert page.status_code == harmless.status_code, (value, page.text[:300])
    assert dump(db) == before


@pytest.mark.parametrize("template", PATH_PARAMETERS)
def test_injection_in_path_parameters(reader: TestClient, shared_db: Path,
                                      template: str) -> None:
    client, db = reader, shared_db
    before = dump(db)
    harmless = client.get("/api" + template.format(HARMLESS))
    for value in INJECTIONS:
        response = client.get("/api" + template.format(quote(value, safe="")))
        assert response.status_code == harmless.status_code or \
            "/" in value and response.status_code == 404, (value, response.text[:300])
        assert response.json()["ok"] is False
    assert dump(db) == before


def test_injection_in_downloads(reader: TestClient, shared_db: Path) -> None:
    client, db = reader, shared_db
    before = dump(db)
    harmless = client.get(f"/exports/events.jsonl?q={HARMLESS}").text
    for value in INJECTIONS:
        for param in ("q", "code", "quad", "since", "until", "min_confidence",
                      "include_negated"):
            response = client.get(f"/exports/events.jsonl?{param}={quote(value)}")
            assert response.status_code == (200 if param == "q" else 400), (param, value)
            if param == "q":
                assert response.text == harmless, value
        for kind in ("events.csv", "corrections.csv", "corrections.jsonl"):
            assert client.get(f"/exports/{kind}?q={quote(value)}").status_code == 200
    assert dump(db) == before


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "\\%", "*"])
def test_like_wildcards_match_themselves(reader: TestClient, wildcard: str) -> None:
    """A name search for '%' finds names holding '%', not every name."""
    client = reader
    value = quote(wildcard)
    assert json_of(client, f"/entities?q={value}")["entities"] == []
    assert json_of(client, f"/entities?kind={value}")["entities"] == []
    assert json_of(client, f"/countries?name={value}")["parties"] == []
    assert json_of(client, f"/search?q={value}")["actors"] == []
    assert json_of(client, "/entities")["entities"]  # while there are some


def test_injection_in_written_fields_is_stored_as_text(client: TestClient, db: Path) -> None:
    tables = query(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    events = query(db, "SELECT count(*) FROM events")
    event = first_event(client)
    for value in INJECTIONS:
        draft = client.post("/api/drafts", json={
            "text": f"Russia condemned Ukraine over {value}.", "format": "text",
            "author": value, "title": value, "byline": value, "url": value})
        assert draft.status_code == 201, draft.text
        data = draft.json()
        assert (data["article"]["title"], data["draft"]["author"]) == (shown(value),) * 2
        fixed = client.post(f"/api/events/{event}/corrections",
                            json={"field": "wrong", "reason": value, "author": value})
        assert fixed.status_code == 201, fixed.text
        for field in ("cameo", "source", "target"):
            refused = client.post(f"/api/events/{event}/corrections",
                                  json={"field": field, "value": value[:40], "reason": "x1",
                                        "author": "A"})
            assert refused.status_code == 400, refused.text
    reasons = [c["reason"] for c in json_of(client, "/corrections?per_page=100")["corrections"]]
    assert sorted(reasons) == sorted(shown(v) for v in INJECTIONS)
    assert query(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") \
        == tables
    assert query(db, "SELECT count(*) FROM events") == events


@pytest.mark.parametrize(("ident", "ok"), [
    ('"><script>alert(1)</script>', False), ("//example.org", False), ("..", False),
    ("../../publish?x=1#", False), ("%2e%2e", False), ("a\\b", False),
    ("javascript:alert(1)", True), ("Cuba talks 2018", True), ("état-1.2_x~", True)])
def test_article_ids_must_fit_in_an_address(client: TestClient, ident: str, ok: bool) -> None:
    """A reader's article id becomes /articles/{id}: one path segment, or it is refused."""
    text = f"---\nid: {json.dumps(ident)}\ntitle: T\n---\n\nRussia condemned Ukraine.\n"
    draft = client.post("/api/drafts", json={"text": text, "author": "A"})
    if not ok:
        assert draft.status_code == 400 and "cannot be part of a web address" in draft.text
        return
    assert draft.status_code == 201, draft.text
    client.post(f"/api/drafts/{draft.json()['draft']['id']}/publish", json={"author": "A"})
    page = client.get("/articles/" + quote(ident, safe=""))
    assert page.status_code == 200 and json_of(client, "/articles/" + quote(ident, safe=""))[
        "article"]["id"] == ident
    check_page(client.get("/articles").text)


def test_out_of_range_numbers_are_refused_not_crashed(reader: TestClient) -> None:
    client = reader
    for path in ("/api/events/9223372036854775808", "/api/events/-1",
                 "/events/99999999999999999999999", "/articles/x/images/9223372036854775808"):
        response = client.get(path)
        assert response.status_code in (400, 404), (path, response.text[:200])
    response = client.post("/api/events/9223372036854775808/corrections",
                           json={"field": "wrong", "reason": "because", "author": "A"})
    assert response.status_code == 400 and "less than or equal" in response.json()["error"]


# ---------------------------------------------------------------------------- path traversal


def raw_get(app: FastAPI, target: str) -> tuple[int, bytes]:
    """GET `target` as a server would pass it on: '..' kept, '%xx' decoded in the path."""
    path, _, query = target.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": unquote(path),
             "raw_path": path.encode("latin-1"), "query_string": query.encode("latin-1"),
             "root_path": "", "headers": [(b"host", b"testserver")],
             "client": ("127.0.0.1", 40000), "server": ("testserver", 80)}
    status: list[int] = []
    body: list[bytes] = []

    async def run() -> None:
        done = asyncio.Event()
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    done.set()

        await app(scope, receive, send)

    asyncio.run(run())
    return status[0], b"".join(body)


TRAVERSALS = [
    "/static/../app.py", "/static/../../web/app.py", "/static/vendor/../../app.py",
    "/static/%2e%2e/app.py", "/static/%2E%2E/%2E%2E/web/app.py", "/static/..%2fapp.py",
    "/static/%2e%2e%2fapp.py", "/static/..%5capp.py", "/static/..\\app.py",
    "/static/%252e%252e/app.py", "/static/....//app.py", "/static/..;/app.py",
    "/static/%c0%ae%c0%ae/app.py", "/static/..%00/app.py", "/static/app.css%00.py",
    "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/\\etc\\passwd",
    "/static/%5cetc%5cpasswd", "/static/file:///etc/passwd", "/static/" + "a" * 300,
    "/static/" + "../" * 40 + "etc/passwd", "/static/vendor", "/static/vendor/", "/static/",
    "/exports/..%2f..%2fapp.py", "/exports/events.jsonl/../../app.py",
    "/exports/events.%2e%2e%2fapp.py", "/exports/events.jsonl%00", "/exports//etc/passwd",
    "/exports/corrections.csv%2f..%2f..%2fapp.py", "/articles/..%2f..%2fapp.py/images/0",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_path_traversal(reader: TestClient, target: str) -> None:
    client = reader
    status, body = raw_get(client.app, target)  # type: ignore[arg-type]
    assert status in (400, 404, 405), (target, status)
    assert b"create_app" not in body and b"root:" not in body
    encoded = client.get(target)  # and as an HTTP client would send it
    assert encoded.status_code in (400, 404, 405), (target, encoded.status_code)


def test_static_files_are_still_served(reader: TestClient) -> None:
    client = reader
    status, body = raw_get(client.app, "/static/app.css")  # type: ignore[arg-type]
    assert status == 200 and body
    assert raw_get(client.app, "/static/vendor/../app.css")[0] == 200  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- write token


Targets = tuple[str, int, str, str]  # an article, an event and two drafts


def writes(client: TestClient, targets: Targets, headers: dict[str, str] | None = None,
           token: str | None = None) -> Iterator[tuple[str, Any]]:
    """Every kind of write the app takes, each a valid request; yields (route, response)."""
    article, event, draft, other_draft = targets
    form = {"token": token} if token else {}
    headers = headers or {}
    text = {"author": "A", "text": "Russia condemned Ukraine.", "format": "text"}
    yield "/publish", client.post("/publish", data={**text, **form}, headers=headers,
                                  follow_redirects=False)
    yield "/api/drafts", client.post("/api/drafts", json=text, headers=headers)
    yield "/drafts/{draft_id}/publish", client.post(
        f"/drafts/{draft}/publish", data={"author": "A", **form}, headers=headers,
        follow_redirects=False)
    yield "/api/drafts/{draft_id}/publish", client.post(
        f"/api/drafts/{other_draft}/publish", json={"author": "A"}, headers=headers)
    fix = {"field": "wrong", "reason": "not so", "author": "A"}
    yield "/events/{event_id}/corrections", client.post(
        f"/events/{event}/corrections", data={**fix, **form}, headers=headers,
        follow_redirects=False)
    yield "/api/events/{event_id}/corrections", client.post(
        f"/api/events/{event}/corrections", json=fix, headers=headers)
    yield "/articles/{article_id}/recode", client.post(
        f"/articles/{article}/recode", data=form, headers=headers, follow_redirects=False)
    yield "/api/articles/{article_id}/recode", client.post(
        f"/api/articles/{article}/recode", headers=headers)


def write_routes(app: FastAPI) -> set[str]:
    """Every POST route of the app, those of its included routers too."""
    return {r.path for r in iter_route_contexts(app.routes)
            if r.path is not None and "POST" in (r.methods or ())}


def setup_writes(db: Path, pipeline: Pipeline) -> Targets:
    """An article, an event and two drafts (made by a tokenless local app) to write to."""
    local = TestClient(create_app(db, WebConfig(index_interval=None), pipeline=pipeline))
    article = str(query(db, "SELECT id FROM articles")[0][0])
    drafts = [local.post("/api/drafts", json={"author": "A", "text": text, "format": "text"}
                         ).json()["draft"]["id"]
              for text in ("Cuba thanked Russia.", "Cuba praised Russia.")]
    return article, first_event(local), drafts[0], drafts[1]


def test_every_write_needs_the_token_when_one_is_set(db: Path, pipeline: Pipeline) -> None:
    targets = setup_writes(db, pipeline)
    app = create_app(db, WebConfig(index_interval=None, token=TOKEN), pipeline=pipeline)
    before = dump(db)
    tried = set()
    for token_headers in ({}, {"Authorization": "Bearer guess"},
                          {"X-Irinsider-Token": TOKEN[:-1]}, {"Authorization": TOKEN}):
        for route, response in writes(TestClient(app), targets, token_headers):
            assert response.status_code == 401, (route, token_headers, response.text[:200])
            tried.add(route)
    for route, response in writes(TestClient(app), targets, token="guess"):
        assert response.status_code == 401, route
    assert tried == write_routes(app)  # a new write route must be added here
    assert dump(db) == before  # nothing was written
    remote = TestClient(app, client=("203.0.113.9", 40000))
    for route, response in writes(remote, targets, {"Authorization": f"Bearer {TOKEN}"}):
        assert response.status_code < 400, (route, response.text[:200])
    assert dump(db) != before
    # reading never needs it
    assert remote.get("/pairs/CUB-RUS").status_code == 200


def test_form_token_works_and_is_remembered_in_a_strict_cookie(db: Path,
                                                               pipeline: Pipeline) -> None:
    targets = setup_writes(db, pipeline)
    app = create_app(db, WebConfig(index_interval=None, token=TOKEN), pipeline=pipeline)
    client = TestClient(app, base_url="https://testserver")
    response = client.post("/publish", data={"author": "A", "text": "Cuba thanked Russia.",
                                             "token": TOKEN}, follow_redirects=False)
    assert response.status_code == 303
    cookie = next(c for c in response.headers.get_list("set-cookie")
                  if c.startswith("irinsider_token="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie
    for route, answer in writes(client, targets):  # the cookie carries it
        assert answer.status_code < 400, (route, answer.text[:200])
    plain = TestClient(app).post("/publish", data={"author": "A", "text": "x", "token": TOKEN},
                                 follow_redirects=False)
    assert "Secure" not in plain.headers["set-cookie"]  # http on this machine


@pytest.mark.parametrize("address", ["203.0.113.9", "192.168.1.5", "10.0.0.2", "::ffff:8.8.8.8",
                                     "2001:db8::1"])
def test_tokenless_server_takes_writes_only_from_this_machine(db: Path, pipeline: Pipeline,
                                                              address: str) -> None:
    targets = setup_writes(db, pipeline)
    app = create_app(db, WebConfig(index_interval=None), pipeline=pipeline)
    before = dump(db)
    for route, response in writes(TestClient(app, client=(address, 40000)), targets):
        assert response.status_code == 401, (route, response.text[:200])
        assert "only this machine may write" in response.text
    assert dump(db) == before
    assert TestClient(app, client=(address, 40000)).get("/").status_code == 200


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
def test_tokenless_server_takes_writes_from_this_machine(db: Path, pipeline: Pipeline,
                                                         address: str) -> None:
    targets = setup_writes(db, pipeline)
    app = create_app(db, WebConfig(index_interval=None), pipeline=pipeline)
    for route, response in writes(TestClient(app, client=(address, 40000)), targets):
        assert response.status_code < 400, (route, response.text[:200])


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.53", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("::ffff:127.0.0.1", True), ("0.0.0.0", False), ("::", False),
    ("", False), ("0", False), ("127.1", False), ("LOCALHOST.", False),
    ("localhost.example.org", False), ("::ffff:0.0.0.0", False), ("192.168.1.5", False)])
def test_what_counts_as_this_machine(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "example.org", "0"])
def test_serve_needs_a_token_off_this_machine(db: Path, host: str) -> None:
    from click.testing import CliRunner

    from irinsider.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--host", host],
                                env={"IRINSIDER_TOKEN": ""})
    assert result.exit_code == 2 and "writing needs a token" in result.output


# ---------------------------------------------------------------------------- size limits


def drafts_in(db: Path) -> int:
    return int(query(db, "SELECT count(*) FROM drafts")[0][0])


@pytest.fixture
def small(db: Path, pipeline: Pipeline) -> TestClient:
    """The app with a 4,000-byte request limit and 1,000-byte images."""
    return TestClient(create_app(db, WebConfig(index_interval=None, max_body=4000,
                                               max_image=1000), pipeline=pipeline))


def multipart(text_bytes: int) -> Iterator[bytes]:
    """A publishing form streamed in chunks, with no Content-Length."""
    yield (b'--b\r\nContent-Disposition: form-data; name="author"\r\n\r\nA\r\n'
           b'--b\r\nContent-Disposition: form-data; name="text"\r\n\r\n')
    for _ in range(text_bytes // 1000):
        yield b"Russia condemned Ukraine. " * 38 + b"123456789012"
    yield b"\r\n--b--\r\n"


def test_oversized_requests_are_refused_before_anything_is_stored(small: TestClient,
                                                                  db: Path) -> None:
    before = drafts_in(db)
    declared = small.post("/publish", data={"author": "A", "text": "x" * 5000})
    streamed = small.post("/publish", content=multipart(6000),
                          headers={"content-type": "multipart/form-data; boundary=b"})
    streamed_json = small.post("/api/drafts", content=(b" " * 1000 for _ in range(6)),
                               headers={"content-type": "application/json"})
    image = small.post("/publish", data={"author": "A", "text": "Russia condemned Ukraine."},
                       files={"image1": ("big.png", PNG + b"\0" * 2000, "image/png")})
    for response in (declared, streamed, image):
        assert response.status_code == 413, response.text[:300]
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["content-security-policy"].endswith("frame-ancestors 'none'")
    assert "larger than 3.91 KiB" in declared.text and "larger than 3.91 KiB" in streamed.text
    assert "larger than 1000 bytes" in image.text.replace("&#39;", "'")
    assert streamed_json.status_code == 413
    assert streamed_json.json() == {"ok": False, "status": 413, "error": (
        "the request is larger than 3.91 KiB; send less (smaller images or shorter text)")}
    assert drafts_in(db) == before


def test_every_write_route_has_the_size_limit(small: TestClient, db: Path,
                                              pipeline: Pipeline) -> None:
    targets = setup_writes(db, pipeline)
    before = dump(db)
    big = {"content-type": "application/json"}
    for route in write_routes(small.app):  # type: ignore[arg-type]
        path = route.format(article_id=targets[0], event_id=targets[1], draft_id=targets[2])
        response = small.post(path, content=b'{"author": "' + b"A" * 5000 + b'"}', headers=big)
        assert response.status_code == 413, (route, response.text[:200])
    assert dump(db) == before


def test_a_request_at_the_limit_passes(small: TestClient, db: Path) -> None:
    body = json.dumps({"author": "A", "format": "text",
                       "text": "Russia condemned Ukraine."}).encode()
    body = body[:-1] + b" " * (4000 - len(body)) + b"}"
    assert len(body) == 4000
    response = small.post("/api/drafts", content=body,
                          headers={"content-type": "application/json"})
    assert response.status_code == 201, response.text


# ---------------------------------------------------------------------------- headers


def test_security_headers_on_every_kind_of_response(client: TestClient) -> None:
    event = first_event(client)
    responses = {
        "page": client.get("/pairs/CUB-RUS"),
        "json": client.get("/api/pairs/CUB-RUS"),
        "schema": client.get("/openapi.json"),
        "404": client.get("/nowhere"),
        "400": client.get("/events?since=soon"),
        "405": client.delete("/events"),
        "redirect": client.get("/countries/Cuba", follow_redirects=False),
        "403": client.post("/api/drafts", json={}, headers={"Origin": "https://evil.example"}),
        "static": client.get("/static/app.css"),
        "feed": client.get("/feed.xml"),
        "download": client.get("/exports/corrections.csv"),
        "event": client.get(f"/events/{event}"),
    }
    published = client.post("/publish", data={"author": "A", "text": "Cuba thanked Russia."},
                            files={"image1": ("a.png", PNG, "image/png")},
                            follow_redirects=False)
    image = re.search(r'<img src="(/drafts/[^"]+)"',
                      client.get(published.headers["location"]).text)
    assert image
    responses["image"] = client.get(image[1])
    for kind, response in responses.items():
        headers = response.headers
        csp = headers["content-security-policy"]
        directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";"))
        assert directives.get("frame-ancestors") == "'none'", (kind, csp)
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, kind
        assert directives.get("object-src", directives.get("default-src")) == "'none'" or \
            directives.get("default-src") == "'none'", (kind, csp)
        assert headers["x-content-type-options"] == "nosniff", kind
        assert headers["x-frame-options"] == "DENY", kind
        assert headers["referrer-policy"] in ("same-origin", "no-referrer",
                                              "strict-origin-when-cross-origin"), kind
    page_csp = responses["page"].headers["content-security-policy"]
    assert "script-src 'self'" in page_csp and "base-uri 'none'" in page_csp
    assert "form-action 'self'" in page_csp
    assert responses["image"].headers["content-type"] == "image/png"


def test_app_serves_again_after_a_restart(db: Path, pipeline: Pipeline) -> None:
    app = create_app(db, WebConfig(index_interval=None), pipeline=pipeline)
    for _ in range(2):
        with TestClient(app) as client:
            assert client.get("/api/pairs/CUB-RUS").status_code == 200
