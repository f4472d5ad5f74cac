"""Tests of irinsider.ingest.fetch and of reading web addresses, on a site on 127.0.0.1."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_web import LocalWeb, Reply

from irinsider.batch.fetched import fetch_inputs
from irinsider.cli import main
from irinsider.errors import InputError
from irinsider.ingest import fetch, read_inputs
from irinsider.ingest.fetch import Fetcher, FetchError, is_url
from irinsider.model import Article

ARTICLE = """<!doctype html><html><head><title>Loan agreed | Example News</title>
<meta property="og:title" content="Russia lends Cuba $50 million">
<meta property="article:published_time" content="2018-11-09T08:30:00Z">
<link rel="canonical" href="https://example.org/news/loan"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Russia lends Cuba $50 million</h1>
<p>Russia agreed on Friday to lend Cuba fifty million dollars to buy military equipment,
officials in Moscow and Havana said after two days of talks.</p>
<p>The two governments also signed agreements on energy and transport.</p></article>
</body></html>"""


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with LocalWeb() as server:
        yield server


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(delay=0, backoff=0.01) as polite:
        yield polite


def test_a_page_is_fetched_naming_irinsider_after_robots_txt(web: LocalWeb,
                                                             fetcher: Fetcher) -> None:
    url = web.page("/news/loan.html", ARTICLE)
    page = fetcher.get(url)
    assert (page.url, page.media_type, page.charset) == (url, "text/html", "utf-8")
    assert "Russia agreed" in page.text and not page.is_feed
    fetcher.get(url)
    assert web.paths() == ["/robots.txt", "/news/loan.html", "/news/loan.html"]
    assert all(h["user-agent"].startswith("irinsider/") for _, _, h in web.requests)


@pytest.mark.parametrize(("reply", "problem", "tries"), [
    (None, "HTTP 404 Not Found", 1),
    (Reply(500), "HTTP 500 Internal Server Error (3 tries)", 3),
    (Reply(503, headers={"Retry-After": "0"}), "HTTP 503 Service Unavailable (3 tries)", 3),
    (Reply(503, headers={"Retry-After": "3600"}),
     "HTTP 503 Service Unavailable: the server asks to wait 3600 s", 1),
    (Reply(200, b"\x89PNG", content_type="image/png"),
     "not a web page or feed: content type image/png", 1),
    (Reply(200, b"<p>x</p>" * 1000), "too large: 8,000 bytes, over the 1,000 irinsider fetches",
     1),
])
def test_failures_are_one_line_problems(web: LocalWeb, reply: Reply | None, problem: str,
                                        tries: int) -> None:
    url = web.url("/failing") if reply is None else web.route("/failing", reply)
    with Fetcher(delay=0, backoff=0.01, max_bytes=1000) as fetcher, \
            pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.problem == problem
    assert web.paths().count("/failing") == tries


def test_a_slow_server_times_out(web: LocalWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "READ_TIMEOUT", 0.2)
    url = web.route("/slow", Reply(body=b"<p>late</p>", delay=1.0))
    with Fetcher(delay=0, backoff=0.01, tries=2) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.problem == "timed out (2 tries)"


def test_an_endless_redirect_stops(web: LocalWeb, fetcher: Fetcher) -> None:
    def again(path: str, headers: dict[str, str]) -> Reply:
        return Reply(302, headers={"Location": path + "x"})

    for length in range(12):
        web.route("/loop" + "x" * length, again)
    with pytest.raises(FetchError, match="^more than 5 redirects$"):
        fetcher.get(web.url("/loop"))
    assert len(web.paths()) == 1 + 6  # robots.txt, then the first address and 5 redirects


def test_a_redirect_is_followed_to_the_page(web: LocalWeb, fetcher: Fetcher) -> None:
    target = web.page("/story", ARTICLE)
    url = web.route("/short", Reply(301, headers={"Location": "/story"}))
    assert fetcher.get(url).url == target


def test_robots_txt_is_obeyed(web: LocalWeb, fetcher: Fetcher) -> None:
    web.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n\nUser-agent: irinsider\n"
                                        b"Disallow: /private/\n", content_type="text/plain"))
    web.page("/private/a.html", ARTICLE)
    web.page("/public/a.html", ARTICLE)
    with pytest.raises(FetchError, match=r"^robots.txt of http://127.0.0.1:\d+ disallows "
                                         r"irinsider$"):
        fetcher.get(web.url("/private/a.html"))
    fetcher.get(web.url("/public/a.html"))
    assert web.paths() == ["/robots.txt", "/public/a.html"]


def test_a_server_failing_on_robots_txt_is_not_fetched_from(web: LocalWeb,
                                                           fetcher: Fetcher) -> None:
    web.route("/robots.txt", Reply(500))
    web.page("/a.html", ARTICLE)
    with pytest.raises(FetchError, match="disallows irinsider .robots.txt unreachable: HTTP "
                                         "500 Internal Server Error"):
        fetcher.get(web.url("/a.html"))
    assert "/a.html" not in web.paths()


def test_requests_to_one_host_wait_for_each_other(web: LocalWeb) -> None:
    web.page("/a.html", ARTICLE)
    times: list[float] = []
    # robots.txt and three pages: four requests, at least 0.3 s apart
    started = time.monotonic()
    with Fetcher(delay=0.3) as fetcher:
        for _ in range(3):
            fetcher.get(web.url("/a.html"))
            times.append(time.monotonic() - started)
    assert times[-1] >= 0.9


def test_crawl_delay_of_robots_txt_is_kept(web: LocalWeb) -> None:
    web.route("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 1\n",
                                   content_type="text/plain"))
    web.page("/a.html", ARTICLE)
    started = time.monotonic()
    with Fetcher(delay=0) as fetcher:
        fetcher.get(web.url("/a.html"))
        fetcher.get(web.url("/a.html"))
    assert time.monotonic() - started >= 1.0


def test_conditional_requests_find_an_unchanged_page(web: LocalWeb, fetcher: Fetcher) -> None:
    url = web.route("/feed.xml", Reply(body=b"<rss/>", content_type="application/rss+xml",
                                       etag='"v1"', last_modified="Fri, 09 Nov 2018 08:30:00 GMT"))
    first = fetcher.get(url)
    assert first.is_feed and (first.etag, first.last_modified) == (
        '"v1"', "Fri, 09 Nov 2018 08:30:00 GMT")
    again = fetcher.get(url, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    assert web.requests[-1][2]["if-none-match"] == '"v1"'


@pytest.mark.parametrize(("content_type", "body", "text"), [
    ("text/html; charset=iso-8859-1", "<p>Café</p>".encode("latin-1"), "<p>Café</p>"),
    ("text/html", '<meta charset="windows-1252"><p>Café</p>'.encode("cp1252"), "Café"),
    ("text/html", "<p>Café</p>".encode("cp1252"), "Café"),
    ("text/html", "\ufeff<p>Café</p>".encode("utf-8"), "<p>Café</p>"),
])
def test_pages_are_decoded_by_their_charset(web: LocalWeb, fetcher: Fetcher, content_type: str,
                                            body: bytes, text: str) -> None:
    url = web.route("/page", Reply(body=body, content_type=content_type))
    assert text in fetcher.get(url).text


def test_only_web_addresses_are_urls() -> None:
    assert is_url("https://example.org/a") and is_url("HTTP://example.org")
    assert not is_url("news/http.html") and not is_url("ftp://example.org/a")


def test_read_inputs_reads_pages_and_reports_failed_addresses(
        web: LocalWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "HOST_DELAY", 0.0)
    good = web.page("/news/loan.html", ARTICLE)
    missing = web.url("/news/missing.html")
    items = list(read_inputs([missing, good, good]))
    assert len(items) == 2
    error, article = items
    assert isinstance(error, InputError) and str(error) == f"{missing}: HTTP 404 Not Found"
    assert isinstance(article, Article)
    assert (article.title, article.date, article.url, article.source_path, article.format) == (
        "Russia lends Cuba $50 million", date(2018, 11, 9), "https://example.org/news/loan",
        good, "html")
    assert [b.text[:12] for b in article.blocks] == ["Russia agree", "The two gove"]


def test_a_page_without_canonical_address_keeps_where_it_was_found(
        web: LocalWeb, fetcher: Fetcher) -> None:
    page = ARTICLE.replace('<link rel="canonical" href="https://example.org/news/loan">', "")
    url = web.page("/story", page)
    short = web.route("/s", Reply(302, headers={"Location": "/story"}))
    [article] = read_inputs([short], fetcher=fetcher)
    assert isinstance(article, Article)
    assert (article.url, article.source_path) == (url, short)


def test_plain_text_pages_are_read_as_text(web: LocalWeb, fetcher: Fetcher) -> None:
    url = web.route("/a.txt", Reply(body=b"Loan agreed\n\nRussia lent Cuba money.\n",
                                    content_type="text/plain; charset=utf-8"))
    [article] = read_inputs([url], fetcher=fetcher)
    assert isinstance(article, Article)
    assert (article.title, article.body, article.format, article.url) == (
        "Loan agreed", "Russia lent Cuba money.", "text", url)


# --------------------------------------------------------------------------- the commands

@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pause between requests to the test site, short backoff."""
    monkeypatch.setattr(fetch, "HOST_DELAY", 0.0)
    monkeypatch.setattr(fetch, "BACKOFF", 0.01)


def test_ingest_stores_pages_and_reports_failed_addresses(web: LocalWeb, tmp_path: Path,
                                                          quick: None) -> None:
    good = web.page("/news/loan.html", ARTICLE)
    missing = web.url("/news/gone.html")
    failing = web.route("/news/broken.html", Reply(500))
    db = tmp_path / "news.db"
    result = CliRunner().invoke(main, ["ingest", good, missing, failing, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ingested 1 article(s) with ")
    assert result.stderr.splitlines() == [
        f"error: {missing}: HTTP 404 Not Found",
        f"error: {failing}: HTTP 500 Internal Server Error (3 tries)",
        "read 1, skipped 2 input(s) or record(s): 1 HTTP 404 Not Found, "
        "1 HTTP 500 Internal Server Error (3 tries)"]
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT title, date, url, source_path, format FROM articles")
        assert rows.fetchall() == [("Russia lends Cuba $50 million", "2018-11-09",
                                    "https://example.org/news/loan", good, "html")]
    again = CliRunner().invoke(main, ["ingest", good, "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert again.stdout == "ingested 0 article(s) with 0 event(s); 1 unchanged\n"


def test_read_and_code_take_addresses(web: LocalWeb, quick: None) -> None:
    url = web.page("/news/loan.html", ARTICLE)
    read = CliRunner().invoke(main, ["read", url, "--format", "jsonl"])
    assert read.exit_code == 0, read.output
    record = json.loads(read.stdout)
    assert (record["source"], record["url"], record["title"]) == (
        url, "https://example.org/news/loan", "Russia lends Cuba $50 million")
    coded = CliRunner().invoke(main, ["code", url])
    assert coded.exit_code == 0, coded.output
    assert {json.loads(line)["doc_id"] for line in coded.stdout.splitlines()} == {record["id"]}


def test_nothing_fetched_exits_1_with_one_line(web: LocalWeb, quick: None) -> None:
    web.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n",
                                   content_type="text/plain"))
    url = web.page("/a.html", ARTICLE)
    result = CliRunner().invoke(main, ["read", url])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        f"error: {url}: robots.txt of {web.base} disallows irinsider")
    assert "Traceback" not in result.output


def test_batch_inputs_fetch_each_address_once_into_the_out_folder(
        web: LocalWeb, tmp_path: Path, quick: None) -> None:
    good = web.page("/news/loan.html", ARTICLE)
    missing = web.url("/news/gone.html")
    local = tmp_path / "a.txt"
    local.write_text("Russia lent Cuba money.\n")
    fetched = fetch_inputs([str(local), missing, good], tmp_path / "out")
    assert [str(p) for p in fetched.problems] == [f"{missing}: HTTP 404 Not Found"]
    first, saved = fetched.inputs
    assert first == str(local) and saved.startswith(str(tmp_path / "out" / "fetched"))
    assert [p.name for p in Path(saved).iterdir()] == ["00001.md"]
    [article] = read_inputs([saved])
    [direct] = read_inputs([good])
    assert isinstance(article, Article) and isinstance(direct, Article)
    assert (article.id, article.title, article.date, article.url, article.blocks) == (
        direct.id, direct.title, direct.date, direct.url, direct.blocks)
    asked = web.paths().count("/news/loan.html")
    again = fetch_inputs([good], tmp_path / "out")  # a resumed batch
    assert again.inputs == [saved] and web.paths().count("/news/loan.html") == asked
