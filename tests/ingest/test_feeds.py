"""Tests of news feeds: irinsider.ingest.feeds, irinsider.batch.feeds and the commands that
follow feeds, on a site served on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_web import LocalWeb, Reply

from irinsider.batch.feeds import FeedReport, watch_feeds
from irinsider.batch.fetched import fetch_inputs
from irinsider.cli import main
from irinsider.errors import InputError
from irinsider.ingest import Fetcher, ParseProblem, fetch, parse_feed, read_inputs
from irinsider.model import Article
from irinsider.pipeline import Pipeline
from irinsider.store import Store

STORIES = {
    "loan": ("Russia lends Cuba $50 million",
             "Russia agreed on Friday to lend Cuba fifty million dollars to buy military "
             "equipment, officials in Moscow and Havana said after two days of talks."),
    "summit": ("Leaders meet in Hanoi",
               "Vietnam and Cuba reaffirmed their friendship at a meeting in Hanoi on Monday, "
               "and signed agreements on rice, energy and tourism."),
    "port": ("Ukraine and Romania widen a shipping lane",
             "Ukraine and Romania agreed on Tuesday to widen a shipping lane on the Danube, "
             "so that more grain can leave Ukrainian river ports."),
}


def story(slug: str) -> str:
    title, text = STORIES[slug]
    return (f"<!doctype html><html><head><title>{title}</title>"
            f'<meta property="og:title" content="{title}"></head><body><article>'
            f"<h1>{title}</h1><p>{text}</p><p>More on {slug} follows in later reports, "
            "the officials said.</p></article></body></html>")


def rss(*items: tuple[str, str, str]) -> bytes:
    """An RSS feed of (guid, path, RFC 822 date) items, newest first."""
    entries = "".join(f"<item><title>{guid}</title><guid isPermaLink='false'>{guid}</guid>"
                      f"<link>{path}</link><pubDate>{when}</pubDate></item>"
                      for guid, path, when in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>World news</title>'
            f"<link>/</link>{entries}</channel></rss>").encode()


LOAN = ("loan", "/news/loan.html", "Fri, 09 Nov 2018 08:00:00 GMT")
SUMMIT = ("summit", "/news/summit.html", "Mon, 12 Nov 2018 08:00:00 GMT")
PORT = ("port", "/news/port.html", "Tue, 13 Nov 2018 08:00:00 GMT")


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with LocalWeb() as server:
        for slug in STORIES:
            server.page(f"/news/{slug}.html", story(slug))
        yield server


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(delay=0, backoff=0.01) as polite:
        yield polite


@pytest.fixture(scope="module")
def warm(pipeline: Pipeline) -> Pipeline:
    """The session's pipeline, having coded once (feed watches code in memory zones)."""
    list(pipeline.code([Article("w", None, None, None, None, ())]))
    return pipeline


def serve_feed(web: LocalWeb, *items: tuple[str, str, str], etag: str = '"1"') -> str:
    return web.route("/feed.xml", Reply(body=rss(*items), content_type="application/rss+xml",
                                        etag=etag))


def stored(store: Store) -> list[tuple[str | None, str | None, str | None]]:
    return sorted((a["title"], a["date"], a["url"]) for a in store.articles())


# --------------------------------------------------------------------------- reading feeds

def test_rss_items_in_the_feed_order_with_absolute_links() -> None:
    feed = parse_feed(rss(SUMMIT, LOAN, LOAN), "http://x.org/feeds/world.xml")
    assert feed.title == "World news"
    assert [(i.key, i.link, i.published) for i in feed.items] == [
        ("summit", "http://x.org/news/summit.html", date(2018, 11, 12)),
        ("loan", "http://x.org/news/loan.html", date(2018, 11, 9))]


def test_atom_entries_are_items() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><id>urn:desk</id>
<entry><title>Loan</title><id>urn:loan</id><link rel="alternate" href="https://x.org/loan"/>
<updated>2018-11-09T08:00:00Z</updated></entry>
<entry><title>No link</title><id>urn:none</id><updated>2018-11-09T08:00:00Z</updated></entry>
</feed>"""
    feed = parse_feed(atom, "https://x.org/atom")
    assert [(i.key, i.link, i.published) for i in feed.items] == [
        ("urn:loan", "https://x.org/loan", date(2018, 11, 9))]


@pytest.mark.parametrize("content", [b"<rss><channel><item><title>cut", b"not a feed at all",
                                     b"<html><body><p>A page.</p></body></html>"])
def test_malformed_feeds_are_one_line_problems(content: bytes) -> None:
    with pytest.raises(ParseProblem, match=r"^not a readable feed \(") as caught:
        parse_feed(content, "http://x.org/feed")
    assert "\n" not in caught.value.problem


def test_reading_a_feed_address_reads_each_item(web: LocalWeb, fetcher: Fetcher) -> None:
    url = serve_feed(web, SUMMIT, LOAN, ("gone", "/news/gone.html", LOAN[2]))
    items = list(read_inputs([url], fetcher=fetcher))
    assert [i.title if isinstance(i, Article) else str(i) for i in items] == [
        f"{web.url('/news/gone.html')}: HTTP 404 Not Found", "Russia lends Cuba $50 million",
        "Leaders meet in Hanoi"]  # oldest first
    summit = items[2]
    assert isinstance(summit, Article)
    assert (summit.source_path, summit.url, summit.date) == (
        web.url("/news/summit.html"), web.url("/news/summit.html"), date(2018, 11, 12))


def test_a_malformed_or_empty_feed_address_is_one_error(web: LocalWeb, fetcher: Fetcher) -> None:
    bad = web.route("/bad.xml", Reply(body=b"<rss><channel><item><title>cut",
                                      content_type="application/rss+xml"))
    empty = serve_feed(web)
    assert [str(i) for i in read_inputs([bad, empty], fetcher=fetcher)] == [
        f"{bad}: not a readable feed (no element found at line 2, column 30)",
        f"{empty}: feed lists no items"]


# --------------------------------------------------------------------------- following feeds

def look(url: str, store: Store, pipeline: Pipeline, fetcher: Fetcher) -> FeedReport:
    """One look at the feed, as `watch --feed --once` takes it."""
    looks: list[FeedReport] = []
    watch_feeds([url], store, pipeline, every=60, once=True, fetcher=fetcher,
                on_look=looks.append)
    [report] = looks
    return report


def test_a_feed_is_taken_once_and_then_asked_for_conditionally(
        web: LocalWeb, fetcher: Fetcher, warm: Pipeline, tmp_path: Path) -> None:
    url = serve_feed(web, SUMMIT, LOAN)
    with Store.open(tmp_path / "news.db") as store:
        first = look(url, store, warm, fetcher)
        assert (first.answered, first.new, first.items, first.errors) == (True, 2, 2, [])
        assert stored(store) == [
            ("Leaders meet in Hanoi", "2018-11-12", web.url("/news/summit.html")),
            ("Russia lends Cuba $50 million", "2018-11-09", web.url("/news/loan.html"))]
        state = store.feed_state(url)
        assert state is not None and (state.etag, state.title) == ('"1"', "World news")
        asked = len(web.requests)
        second = look(url, store, warm, fetcher)
        assert second.not_modified and (second.new, second.items) == (0, 0)
        assert web.paths()[asked:] == ["/feed.xml"]
        assert web.requests[-1][2]["if-none-match"] == '"1"'


def test_a_restart_takes_only_the_new_items(web: LocalWeb, warm: Pipeline,
                                            tmp_path: Path) -> None:
    url = serve_feed(web, SUMMIT, LOAN)
    with Store.open(tmp_path / "news.db") as store, Fetcher(delay=0) as fetcher:
        look(url, store, warm, fetcher)
    serve_feed(web, PORT, SUMMIT, LOAN, etag='"2"')
    asked = len(web.requests)
    with Store.open(tmp_path / "news.db") as store, Fetcher(delay=0) as fetcher:
        report = look(url, store, warm, fetcher)
        assert (report.new, report.items, report.unchanged) == (1, 1, 0)
        assert len(stored(store)) == 3
    assert [p for p in web.paths()[asked:] if p != "/robots.txt"] == [
        "/feed.xml", "/news/port.html"]


def test_an_item_that_failed_for_now_is_tried_again(web: LocalWeb, fetcher: Fetcher,
                                                    warm: Pipeline, tmp_path: Path) -> None:
    url = serve_feed(web, PORT, SUMMIT, ("gone", "/news/gone.html", LOAN[2]))
    web.route("/news/port.html", Reply(503))
    with Store.open(tmp_path / "news.db") as store:
        first = look(url, store, warm, fetcher)
        assert (first.new, first.items) == (1, 3)
        assert [e.problem for e in first.errors] == [
            "HTTP 404 Not Found", "HTTP 503 Service Unavailable (3 tries)"]
        state = store.feed_state(url)  # no validators kept: the next look gets the whole feed
        assert state is not None and (state.etag, state.last_modified) == (None, None)
        web.page("/news/port.html", story("port"))
        again = look(url, store, warm, fetcher)
        assert (again.new, again.items, again.errors) == (1, 1, [])
        assert web.paths().count("/news/gone.html") == 1
        state = store.feed_state(url)
        assert state is not None and state.etag == '"1"'


def test_a_feed_that_fails_is_one_error(web: LocalWeb, fetcher: Fetcher, warm: Pipeline,
                                        tmp_path: Path) -> None:
    bad = web.route("/bad.xml", Reply(body=b"<rss><channel><item><title>cut",
                                      content_type="application/rss+xml"))
    with Store.open(tmp_path / "news.db") as store:
        report = look(bad, store, warm, fetcher)
        missing = look(web.url("/none.xml"), store, warm, fetcher)
    assert [str(e) for e in report.errors + missing.errors] == [
        f"{bad}: not a readable feed (no element found at line 2, column 30)",
        f"{web.url('/none.xml')}: HTTP 404 Not Found"]
    assert not report.answered and not missing.answered


def test_watching_feeds_looks_every_so_often(web: LocalWeb, warm: Pipeline,
                                             tmp_path: Path) -> None:
    url = serve_feed(web, SUMMIT, LOAN)
    looks: list[FeedReport] = []
    stop = threading.Event()

    def on_look(report: FeedReport) -> None:
        looks.append(report)
        if len(looks) == 3:
            stop.set()

    with Store.open(tmp_path / "news.db") as store, Fetcher(delay=0) as fetcher:
        summary = watch_feeds([url], store, warm, every=0.05, on_look=on_look, stop=stop,
                              fetcher=fetcher)
    assert (summary.looks, summary.new) == (3, 2)
    assert [r.not_modified for r in looks] == [False, True, True]


def test_errors_name_the_item_on_one_line(web: LocalWeb, fetcher: Fetcher, warm: Pipeline,
                                          tmp_path: Path) -> None:
    web.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /news/summit\n",
                                   content_type="text/plain"))
    url = serve_feed(web, SUMMIT, LOAN)
    with Store.open(tmp_path / "news.db") as store:
        report = look(url, store, warm, fetcher)
        assert store.seen_feed_items(url) == {"loan", "summit"}  # never to be read
    assert [str(e) for e in report.errors] == [
        f"{web.url('/news/summit.html')}: robots.txt of {web.base} disallows irinsider"]
    assert all(isinstance(e, InputError) for e in report.errors) and report.new == 1


# --------------------------------------------------------------------------- the commands

@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pause between requests to the test site, short backoff."""
    monkeypatch.setattr(fetch, "HOST_DELAY", 0.0)
    monkeypatch.setattr(fetch, "BACKOFF", 0.01)


def test_ingest_of_a_feed_stores_its_items_once(web: LocalWeb, tmp_path: Path,
                                                quick: None) -> None:
    url = serve_feed(web, SUMMIT, LOAN, ("gone", "/news/gone.html", LOAN[2]))
    db = str(tmp_path / "news.db")
    first = CliRunner().invoke(main, ["ingest", url, "--db", db])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("ingested 2 article(s) with ")
    assert first.stderr.splitlines() == [
        f"error: {web.url('/news/gone.html')}: HTTP 404 Not Found",
        "read 2, skipped 1 input(s) or record(s): 1 HTTP 404 Not Found"]
    with Store.open(db) as store:
        assert stored(store) == [
            ("Leaders meet in Hanoi", "2018-11-12", web.url("/news/summit.html")),
            ("Russia lends Cuba $50 million", "2018-11-09", web.url("/news/loan.html"))]
    asked = len(web.requests)
    again = CliRunner().invoke(main, ["ingest", url, "--db", db])
    assert again.exit_code == 0, again.output
    assert (again.stdout, again.stderr) == ("ingested 0 article(s) with 0 event(s); 0 unchanged\n",
                                            "")
    assert [p for p in web.paths()[asked:] if p != "/robots.txt"] == ["/feed.xml"]


def test_watch_once_takes_the_new_items_of_each_feed(web: LocalWeb, tmp_path: Path,
                                                     quick: None) -> None:
    url = serve_feed(web, SUMMIT, LOAN)
    db = str(tmp_path / "news.db")
    result = CliRunner().invoke(main, ["watch", "--feed", url, "--once", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{url}: 2 new article(s) with {stored_events(db)} event(s); 0 unchanged",
        f"ingested 2 article(s) with {stored_events(db)} event(s) from 1 look(s) at feeds; "
        "0 unchanged"]
    again = CliRunner().invoke(main, ["watch", "--feed", url, "--once", "--db", db])
    assert again.stdout.splitlines()[0] == f"{url}: unchanged since the last look"


@pytest.mark.parametrize(("args", "message"), [
    ([], "watch a FOLDER or feeds (--feed URL), not both or neither"),
    (["--feed", "http://x.org/f", "."], "watch a FOLDER or feeds (--feed URL), not both"),
    (["--feed", "http://x.org/f", "--every", "30s"], "look at a feed at most once a minute"),
    (["--feed", "http://x.org/f", "--every", "soon"], "'soon' is no duration"),
    (["--feed", "feed.xml", "--once"], "'feed.xml' is no web address"),
])
def test_watch_options_are_checked(args: list[str], message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["watch", *args, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_read_of_a_feed_prints_each_item(web: LocalWeb, quick: None) -> None:
    url = serve_feed(web, SUMMIT, LOAN)
    result = CliRunner().invoke(main, ["read", url, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [
        "Russia lends Cuba $50 million", "Leaders meet in Hanoi"]


def test_a_malformed_feed_is_one_line(web: LocalWeb, tmp_path: Path, quick: None) -> None:
    bad = web.route("/bad.xml", Reply(body=b"<rss><channel><item><title>cut",
                                      content_type="application/rss+xml"))
    result = CliRunner().invoke(main, ["ingest", bad, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {bad}: not a readable feed (no element found at line 2, column 30)")
    assert "Traceback" not in result.output


def stored_events(db: str) -> int:
    with Store.open(db) as store:
        return int(store.counts()["events"])


def test_batch_fetches_a_feed_into_one_folder_of_articles(web: LocalWeb, tmp_path: Path,
                                                          quick: None) -> None:
    url = serve_feed(web, SUMMIT, LOAN)
    fetched = fetch_inputs([url], tmp_path / "out")
    [folder] = fetched.inputs
    assert sorted(p.name for p in Path(folder).iterdir()) == ["00001.md", "00002.md"]
    titles = [a.title for a in read_inputs([folder]) if isinstance(a, Article)]
    assert titles == ["Russia lends Cuba $50 million", "Leaders meet in Hanoi"]
