"""Web pages and feeds fetched politely over HTTP(S).

    with Fetcher() as fetcher:
        page = fetcher.get("https://example.org/news/1")   # Page; raises FetchError

A `Fetcher` keeps one HTTP client and what it learnt of each host:

- every request names irinsider in its User-Agent (`USER_AGENT`);
- a host's robots.txt is read once and obeyed, its Crawl-delay too (RFC 9309: no
  robots.txt allows everything, one the server fails to give forbids everything);
- requests to one host are at least `HOST_DELAY` seconds apart;
- connecting takes at most `CONNECT_TIMEOUT` seconds, and so does each wait for data
  (`READ_TIMEOUT`); a timeout, a dropped connection, 429 or a 5xx answer is tried
  again, `TRIES` times in all, after `BACKOFF` seconds, doubled each time (or the
  server's Retry-After, up to `MAX_RETRY_AFTER`);
- at most `MAX_REDIRECTS` redirects are followed, each checked like the first
  address; a body over `MAX_BYTES` is refused as it arrives;
- only web pages (HTML, XHTML, plain text) and feeds (RSS, Atom, RDF, XML) are
  taken; a conditional request (ETag, Last-Modified) may come back unchanged.

Every failure is a `FetchError` whose one-line `problem` starts with its kind
("HTTP 404 Not Found", "not a web page or feed: content type image/png", ...).
"""

from __future__ import annotations

import codecs
import re
import time
from contextlib import closing
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .. import __version__

if TYPE_CHECKING:  # imported when a page is fetched, not with the package
    import urllib.robotparser

    import httpx

__all__ = [
    "BACKOFF",
    "CONNECT_TIMEOUT",
    "FEED_TYPES",
    "FetchError",
    "Fetcher",
    "HOST_DELAY",
    "MAX_BYTES",
    "MAX_REDIRECTS",
    "MAX_RETRY_AFTER",
    "PAGE_TYPES",
    "Page",
    "READ_TIMEOUT",
    "TRIES",
    "USER_AGENT",
    "is_transient",
    "is_url",
]

USER_AGENT = f"irinsider/{__version__} (news reader for event coding)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
TRIES = 3
BACKOFF = 1.0
MAX_RETRY_AFTER = 30.0
MAX_REDIRECTS = 5
MAX_BYTES = 10 * 1024 * 1024
HOST_DELAY = 1.0
MAX_CRAWL_DELAY = 30.0
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml")

_ROBOTS_BYTES = 512 * 1024  # RFC 9309: read at least 500 KiB
_RETRIED = frozenset((429, 500, 502, 503, 504))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""",
                           re.I)
_FEED_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
                         re.S)


def is_url(text: str) -> bool:
    """Whether an input names a web address (http:// or https://) rather than a file."""
    return text[:8].lower().startswith(("http://", "https://"))


def is_transient(problem: str) -> bool:
    """Whether a fetch that failed with `problem` may succeed later (a timeout, a server
    error, a connection that failed) rather than never (404, robots.txt, not a page)."""
    return problem.startswith(("timed out", "cannot connect", "cannot read the answer",
                               "HTTP 429", "HTTP 5")) or "robots.txt unreachable" in problem


class FetchError(Exception):
    """A page that could not be fetched; `problem` says why, on one line."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


@dataclass(frozen=True)
class Page:
    """What a fetch brought back."""

    url: str  # where it was found, after redirects
    content: bytes
    media_type: str  # "text/html", ... lower-case, without parameters
    charset: str | None = None  # the server's, if it named one
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # a conditional request found it unchanged

    @property
    def is_feed(self) -> bool:
        """RSS, Atom or RDF, by its content type or, for XML or HTML, by how it starts."""
        if self.media_type in FEED_TYPES[:3]:
            return True
        return bool(_FEED_START.match(self.content[:2048]))

    @property
    def text(self) -> str:
        """The body decoded: by the server's charset, the page's <meta>, a BOM or UTF-8
        (Windows-1252 when it is no UTF-8)."""
        for name in (self.charset, _meta_charset(self.content)):
            if name:
                try:
                    return self.content.decode(codecs.lookup(name).name, errors="replace")
                except LookupError:
                    continue
        for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
            if self.content.startswith(bom):
                return self.content.decode(name, errors="replace")
        try:
            return self.content.decode("utf-8")
        except UnicodeDecodeError:
            return self.content.decode("cp1252", errors="replace")


def _meta_charset(content: bytes) -> str | None:
    found = _META_CHARSET.search(content[:4096])
    return found[1].decode("ascii") if found else None


def _media_type(value: str) -> tuple[str, str | None]:
    """("text/html", "utf-8") from a Content-Type header."""
    kind, *params = value.split(";")
    charset = None
    for param in params:
        key, _, found = param.partition("=")
        if key.strip().lower() == "charset":
            charset = found.strip().strip("'\"") or None
    return kind.strip().lower(), charset


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _check_address(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not a web address: {url[:200]!r}; use http:// or https://")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


class _Robots:
    """What a host's robots.txt allows: everything, nothing, or what it says."""

    def __init__(self, parser: urllib.robotparser.RobotFileParser | None,
                 allow: bool, why: str = "") -> None:
        self.parser = parser
        self.allow = allow
        self.why = why

    def allows(self, url: str) -> bool:
        if self.parser is None:
            return self.allow
        return self.parser.can_fetch(USER_AGENT, url)

    def delay(self) -> float:
        if self.parser is None:
            return 0.0
        found = self.parser.crawl_delay(USER_AGENT)
        return min(float(found), MAX_CRAWL_DELAY) if found else 0.0


class Fetcher:
    """Fetches pages politely; one a run, closed at the end (a context manager).

    The keyword arguments replace the module's settings of the same names.
    """

    def __init__(self, *, delay: float | None = None, tries: int | None = None,
                 backoff: float | None = None, max_bytes: int | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.delay = HOST_DELAY if delay is None else delay
        self.tries = TRIES if tries is None else tries
        self.backoff = BACKOFF if backoff is None else backoff
        self.max_bytes = MAX_BYTES if max_bytes is None else max_bytes
        import httpx

        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT),
            follow_redirects=False, transport=transport)
        self._robots: dict[str, _Robots] = {}
        self._last: dict[str, float] = {}  # host -> when its last request started

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None,
            last_modified: str | None = None) -> Page:
        """The page at `url`, following redirects; raises `FetchError`.

        With `etag` or `last_modified` (of an earlier fetch), an unchanged page comes
        back with `not_modified` set and no content.
        """
        headers = {"Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                             "application/atom+xml,application/xml;q=0.9,text/*;q=0.8"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(MAX_REDIRECTS + 1):
            _check_address(url)
            robots = self._robots_of(url)
            if not robots.allows(url):
                raise FetchError(f"robots.txt of {_origin(url)} disallows irinsider{robots.why}")
            with self._send(url, headers, robots.delay()) as response:
                if response.is_redirect and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                return self._page(url, response)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    # ------------------------------------------------------------------ internals

    def _robots_of(self, url: str) -> _Robots:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        return self._robots[origin]

    def _read_robots(self, origin: str) -> _Robots:
        url = f"{origin}/robots.txt"
        try:
            for _ in range(MAX_REDIRECTS + 1):
                with self._send(url, {}, 0.0) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        _check_address(url)
                        continue
                    if response.status_code >= 500:
                        return _Robots(None, False, f" (robots.txt: HTTP {response.status_code})")
                    if response.status_code >= 400:
                        return _Robots(None, True)
                    body = self._body(response, _ROBOTS_BYTES, cut=True)
                    break
            else:
                return _Robots(None, True)  # RFC 9309: more than five redirects, none found
        except FetchError as exc:
            return _Robots(None, False, f" (robots.txt unreachable: {exc.problem})")
        import urllib.robotparser

        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return _Robots(parser, True)

    def _wait_for(self, host: str, delay: float) -> None:
        wait = self._last.get(host, -1e9) + max(self.delay, delay) - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def _send(self, url: str, headers: dict[str, str], delay: float) -> closing[httpx.Response]:
        """The answer to GET `url`, tried again after a network failure, 429 or 5xx."""
        import httpx

        host = urlsplit(url).netloc.lower()
        problem = ""
        for attempt in range(self.tries):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait_for(host, delay)
            try:
                request = self._client.build_request("GET", url, headers=headers)
                response = self._client.send(request, stream=True)
            except httpx.TimeoutException:
                problem = "timed out"
                continue
            except httpx.TransportError as exc:
                problem = f"cannot connect: {_one_line(exc) or type(exc).__name__}"
                continue
            except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
                raise FetchError(f"not a web address: {_one_line(exc)}") from None
            if response.status_code not in _RETRIED:
                return closing(response)
            response.close()
            problem = f"HTTP {response.status_code} {response.reason_phrase}"
            pause = _retry_after(response)
            if pause is not None and pause > MAX_RETRY_AFTER:
                raise FetchError(f"{problem}: the server asks to wait {pause:.0f} s")
            if pause and attempt < self.tries - 1:
                time.sleep(pause)
        raise FetchError(f"{problem} ({self.tries} tries)")

    def _body(self, response: httpx.Response, limit: int, cut: bool = False) -> bytes:
        """The body, at most `limit` bytes: cut there, or refused (`FetchError`)."""
        import httpx

        length = response.headers.get("content-length", "")
        if not cut and length.isdigit() and int(length) > limit:
            raise FetchError(f"too large: {int(length):,} bytes, over the {limit:,} "
                             "irinsider fetches")
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    if cut:
                        break
                    raise FetchError(f"too large: over the {limit:,} bytes irinsider fetches")
        except httpx.TimeoutException:
            raise FetchError("timed out while reading") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise FetchError(f"cannot read the answer: {_one_line(exc)}") from None
        return b"".join(chunks)[:limit]

    def _page(self, url: str, response: httpx.Response) -> Page:
        etag = response.headers.get("etag")
        modified = response.headers.get("last-modified")
        if response.status_code == 304:
            return Page(url, b"", "", etag=etag, last_modified=modified, not_modified=True)
        if response.status_code >= 300:
            raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
        media_type, charset = _media_type(response.headers.get("content-type", ""))
        if media_type and media_type not in PAGE_TYPES + FEED_TYPES:
            raise FetchError(f"not a web page or feed: content type {media_type[:80]}")
        content = self._body(response, self.max_bytes)
        return Page(url, content, media_type or "text/html", charset, etag, modified)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]
