"""News feeds followed into the store: each look takes the items not taken before.

    with Store.open("news.db") as store:
        feeds = StoreFeeds(store)
        for item in read_inputs([feed_url], feeds=feeds):     # only the new items
            ... code and store the article, then feeds.stored(article)
        feeds.finish()
        summary = watch_feeds([feed_url], store, pipeline, every=900)   # until interrupted

`StoreFeeds` is the `ingest.FeedLog` kept in the database. A feed is asked for with
the validators of its last full answer (ETag, Last-Modified), so an unchanged feed
costs one request. Each item not taken before is read (its page fetched politely),
oldest first; once its article is stored (`stored`), the item is recorded as taken,
so a restart neither repeats an item nor misses one:

- an item whose page could not be fetched for now (a timeout, a server error) or
  whose article could not be stored is not recorded, and is read again at the next
  look; the feed's validators are kept (`finish`) only when every new item is in,
  so that the next look gets the whole feed again;
- an item whose page holds no article, or is gone, is recorded with none;
- storing is idempotent, so a crash between storing an article and recording its
  item stores nothing twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..errors import InputError, StoreBusyError
from ..ingest import Feed, FeedItem, Fetcher, is_transient, read_inputs
from ..model import Article
from ..store import Store

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["FeedReport", "FeedWatchSummary", "StoreFeeds", "watch_feeds"]

Warn = Callable[[str], None]


@dataclass
class FeedReport:
    """What one look at a feed gave."""

    url: str
    not_modified: bool = False  # unchanged since its last full answer
    items: int = 0  # new items read
    new: int = 0  # articles stored
    unchanged: int = 0  # articles already stored with the same content
    events: int = 0  # events of the new articles
    errors: list[InputError] = field(default_factory=list)
    answered: bool = False  # the feed itself could be read


@dataclass
class FeedWatchSummary:
    """What a watch of feeds did, over all its looks."""

    looks: int = 0
    new: int = 0
    unchanged: int = 0
    events: int = 0
    errors: int = 0

    def add(self, report: FeedReport) -> None:
        self.looks += 1
        self.new += report.new
        self.unchanged += report.unchanged
        self.events += report.events
        self.errors += len(report.errors)


class StoreFeeds:
    """The feeds followed and their items taken, as the store keeps them (a `FeedLog`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.reports: dict[str, FeedReport] = {}
        self._seen: dict[str, set[str]] = {}
        self._pending: dict[str, tuple[str, FeedItem]] = {}  # item link -> (feed, item)
        self._retry: set[str] = set()  # feeds with an item to read again
        self._answers: dict[str, tuple[str | None, str | None, str | None]] = {}

    def report(self, url: str) -> FeedReport:
        return self.reports.setdefault(url, FeedReport(url))

    # ------------------------------------------------------------------ FeedLog

    def validators(self, url: str) -> tuple[str | None, str | None]:
        state = self.store.feed_state(url)
        return (state.etag, state.last_modified) if state is not None else (None, None)

    def is_new(self, url: str, key: str) -> bool:
        if url not in self._seen:
            self._seen[url] = self.store.seen_feed_items(url)
        return key not in self._seen[url]

    def item_read(self, url: str, item: FeedItem, result: object) -> None:
        report = self.report(url)
        report.items += 1
        if isinstance(result, Article):
            self._pending[item.link] = (url, item)
            return
        if isinstance(result, InputError):
            report.errors.append(result)
            if is_transient(result.problem):
                self._retry.add(url)
                return
        self.store.mark_feed_item(url, item.key, link=item.link, article_id=None)

    def feed_read(self, url: str, etag: str | None, last_modified: str | None,
                  feed: Feed | None) -> None:
        report = self.report(url)
        report.answered = True
        report.not_modified = feed is None
        if feed is not None:
            self._answers[url] = (etag, last_modified, feed.title)

    # ------------------------------------------------------------------ the caller's part

    def stored(self, article: Article, *, saved: bool, events: int = 0) -> None:
        """`article` was stored (`saved`: new or changed); its item, if any, is taken."""
        found = self._pending.pop(article.source_path or "", None)
        if found is None:
            return
        url, item = found
        report = self.report(url)
        if saved:
            report.new += 1
            report.events += events
        else:
            report.unchanged += 1
        self.store.mark_feed_item(url, item.key, link=item.link, article_id=article.id)

    def finish(self) -> None:
        """Keep the validators of each feed read whole whose new items are all in."""
        waiting = {url for url, _ in self._pending.values()}
        for url, (etag, modified, title) in self._answers.items():
            if url not in self._retry and url not in waiting:
                self.store.set_feed_state(url, etag=etag, last_modified=modified, title=title)
        self._answers.clear()

    @property
    def quiet(self) -> int:
        """Feeds that answered with nothing new."""
        return sum(r.answered and not r.items for r in self.reports.values())


def watch_feeds(urls: Sequence[str], store: Store, pipeline: Pipeline, *, every: float,
                once: bool = False, default_date: date | None = None,
                on_look: Callable[[FeedReport], None] | None = None,
                on_warning: Warn | None = None, stop: threading.Event | None = None,
                fetcher: Fetcher | None = None) -> FeedWatchSummary:
    """Look at each feed of `urls` every `every` seconds, storing their new items.

    Returns after one round with `once`, when `stop` is set, or never. Each round
    has a `Fetcher` of its own (so robots.txt is read again), unless one is given.
    `pipeline` is used inside spaCy memory zones, so it must have coded once already
    (`cluster.worker_pipeline` does that).
    """
    stop = stop or threading.Event()
    summary = FeedWatchSummary()
    while not stop.is_set():
        for url in urls:
            report = _look(url, store, pipeline, fetcher, default_date, on_warning)
            summary.add(report)
            if on_look is not None:
                on_look(report)
            if stop.is_set():
                break
        if once or stop.wait(every):
            break
    return summary


def _look(url: str, store: Store, pipeline: Pipeline, fetcher: Fetcher | None,
          default_date: date | None, on_warning: Warn | None) -> FeedReport:
    """One look at one feed: its new items read, coded and stored."""
    feeds = StoreFeeds(store)
    polite = fetcher or Fetcher()
    try:
        with pipeline.nlp.memory_zone():  # a long watch keeps spaCy's strings few
            articles: list[Article] = []
            for item in read_inputs([url], fetcher=polite, feeds=feeds,
                                    default_date=default_date, on_warning=on_warning):
                if isinstance(item, Article):
                    articles.append(item)
                elif item not in feeds.report(url).errors:  # the feed itself failed
                    feeds.report(url).errors.append(item)
            for coded in pipeline.code(articles):
                try:
                    saved = store.save(coded)
                except StoreBusyError as exc:
                    feeds.report(url).errors.append(InputError(url, str(exc)))
                    break  # the items left are read again at the next look
                feeds.stored(coded.article, saved=saved, events=len(coded.events))
            feeds.finish()
    finally:
        if fetcher is None:
            polite.close()
    return feeds.report(url)
