"""Read articles from files, folders, standard input or in-memory text.

    read_inputs(["news/", "a.html", "-", "https://example.org/a"])
                                             -> Article | InputError, one by one
    read_file("a.md")                        -> [Article | InputError, ...]
    read_url(url, fetcher)                   -> Article | InputError, one by one
    parse_text(text, fmt="html")             -> Article (raises InputError)
    parse_records(text, fmt="jsonl")         -> [Article | InputError, ...]

Supported files: .txt, .md/.markdown, .html/.htm, .jsonl (one JSON record a
line) and .xml (PETRARCH's <Sentence> records, `xml_records`), each optionally
gzipped (.gz). Folders are read recursively (hidden files skipped, and XML files
whose root element is not PETRARCH's); "-" reads standard input as plain text, as
JSON Lines when every non-empty line starts with "{", or as PETRARCH's XML records
when its root element is theirs. An http:// or https:// address is fetched
(`fetch.Fetcher`: robots.txt, a delay between requests to a host, retries) and
read as a web page, or, for a news feed, as the pages its items link to. A file,
page or record that cannot be read becomes an `InputError` in the results, so a
batch goes on; so does an article of more than `MAX_ARTICLE_CHARS` characters of
text.

Text is decoded as UTF-8 (BOM or not) or by its UTF-16/32 BOM; anything else is
guessed by charset-normalizer and reported through `on_warning`.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from ..errors import InputError
from ..model import Article, Block
from .feeds import FeedItem, FeedLog, parse_feed
from .fetch import Fetcher, FetchError, Page, is_url
from .formats import (
    Draft,
    ParseProblem,
    normalise_whitespace,
    parse_markdown,
    parse_plain,
    parse_record,
)
from .xml_records import is_petrarch_xml, parse_xml_records

__all__ = [
    "walk_folder",
    "FORMATS",
    "MAX_ARTICLE_CHARS",
    "SUFFIXES",
    "article_id",
    "decode",
    "format_for",
    "parse_html",
    "parse_records",
    "parse_text",
    "read_file",
    "read_inputs",
    "read_item",
    "read_url",
]

Warn = Callable[[str], None]

SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".xml": "xml",
}
FORMATS = ("text", "markdown", "html", "jsonl", "xml")
# Formats of many records a file, read by `parse_records` (not `parse_text`).
_RECORDS = ("jsonl", "xml")
_ALIASES = {"txt": "text", "plain": "text", "md": "markdown", "htm": "html", "ndjson": "jsonl"}
_PARSERS: dict[str, Callable[[str], Draft]] = {
    "text": parse_plain,
    "markdown": parse_markdown,
    "html": lambda text: parse_html(text),  # the reader is loaded with the first page
}
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # not tab, newlines, form feed
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_STDIN = "<stdin>"
# Longer text is no news article (this is spaCy's own default limit) and would take
# many minutes to code: a dump run together on one line, say.
MAX_ARTICLE_CHARS = 1_000_000
_SUPPORTED = ".txt, .md, .html, .jsonl or .xml (optionally .gz)"


def parse_html(text: str, url: str | None = None) -> Draft:
    """An HTML page: its article text, captions and metadata (`html.parse_html`, whose
    trafilatura and lxml are loaded with the first page read, not with the package)."""
    from .html import parse_html as parse

    return parse(text, url=url)


def format_for(path: str | Path) -> str | None:
    """The format of a file from its name ("text", "markdown", ...), or None."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return SUFFIXES.get(suffixes[-1]) if suffixes else None


def decode(data: bytes, path: str) -> tuple[str, str | None]:
    """Decode file content to text; return (text, warning or None).

    UTF-8 (with or without BOM) and BOM-marked UTF-16/32 decode silently; other
    encodings are guessed and give a warning. Raises `InputError` for binary or
    undecodable content. Line ends become "\\n".
    """
    text: str | None = None
    warning = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(path, f"binary or undecodable content (bad {encoding})") from None
            break
    if text is None:
        if b"\x00" in data:
            raise InputError(path, "binary or undecodable content")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding = _western(data) or _guess(data, path)
            warning = (
                f"{path}: not UTF-8; decoded as {encoding} (check accented letters, "
                "or save the file as UTF-8)"
            )
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 200):
        raise InputError(path, "binary or undecodable content")
    return _newlines(text), warning


def _western(data: bytes) -> tuple[str, str] | None:
    """Windows-1252 text, the commonest non-UTF-8 news encoding, when it reads as such.

    Short texts give statistical guessers too little to go on ("Café" may come back
    as a Baltic code page); Western text has few non-ASCII letters, all of them
    letters or typographic marks in Windows-1252.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    extra = [c for c in text if ord(c) > 127]
    if len(extra) > max(3, len(text) // 10):
        return None  # mostly non-ASCII: another script, leave it to the guesser
    if all(c.isalpha() or c in "’‘“”–—…€°«»·•´¨" for c in extra):
        return text, "cp1252"
    return None


def _guess(data: bytes, path: str) -> tuple[str, str]:
    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "binary or undecodable content")
    return str(best), best.encoding


def _newlines(text: str) -> str:
    """Text with "\n" line ends, no leading byte-order marks and no lone surrogate.

    Only text handed over in memory can hold a lone surrogate ("\\ud800"), which
    cannot be written as UTF-8; it becomes U+FFFD.
    """
    text = _SURROGATE.sub("\ufffd", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def article_id(title: str | None, blocks: Iterable[Block]) -> str:
    """A stable id: 16 hex digits of SHA-256 of the title, body and captions.

    Whitespace is collapsed and text NFC-normalised first, so the same content
    gets the same id whatever the file or format it came from.
    """
    blocks = list(blocks)
    parts = [title or ""]
    parts += [b.text for b in blocks if b.kind != "caption"]
    parts += [b.text for b in blocks if b.kind == "caption"]
    content = "\n".join(normalise_whitespace(p) for p in parts)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def _dedupe_captions(blocks: list[Block]) -> tuple[Block, ...]:
    """Keep a repeated caption once (first place, first credit found)."""
    kept: list[Block] = []
    where: dict[str, int] = {}
    for block in blocks:
        text = normalise_whitespace(block.text)
        if not text:
            continue
        if block.kind != "caption":
            kept.append(Block(text, block.kind, block.credit))
        elif text in where:
            first = kept[where[text]]
            if first.credit is None and block.credit:
                kept[where[text]] = Block(first.text, "caption", block.credit)
        else:
            where[text] = len(kept)
            kept.append(Block(text, "caption", block.credit))
    return tuple(kept)


def _article(draft: Draft, fmt: str, source_path: str | None, default_date: date | None,
             url: str | None = None) -> Article:
    blocks = _dedupe_captions(draft.blocks)
    if not blocks:
        raise ParseProblem("no article text found")
    size = sum(len(b.text) for b in blocks)
    if size > MAX_ARTICLE_CHARS:
        raise ParseProblem(f"article text is {size:,} characters long, over the "
                           f"{MAX_ARTICLE_CHARS:,} irinsider codes at once; split it")
    title = normalise_whitespace(draft.title) if draft.title else None
    return Article(
        id=draft.id or article_id(title, blocks),
        title=title or None,
        byline=draft.byline,
        date=draft.date or default_date,
        url=draft.url or url,
        blocks=blocks,
        source_path=source_path,
        format=fmt,
    )


def _canonical_format(fmt: str) -> str:
    name = fmt.lower().lstrip(".")
    name = _ALIASES.get(name, name)
    if name not in (*FORMATS, "auto"):
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)} or 'auto'")
    return name


def _sniff(text: str) -> str:
    """Format of stdin or pasted text: JSON Lines, PETRARCH's XML records, HTML, Markdown
    or plain text."""
    lines = [line.lstrip() for line in text.splitlines() if line.strip()]
    if lines and all(line.startswith("{") for line in lines):
        return "jsonl"
    if is_petrarch_xml(text):
        return "xml"
    head = text.lstrip()[:15].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "markdown" if text.startswith("---\n") else "text"


def parse_records(
    text: str,
    *,
    fmt: str = "auto",
    source_path: str | None = None,
    default_date: date | None = None,
    on_warning: Warn | None = None,
) -> list[Article | InputError]:
    """Every article in `text`: one for text/Markdown/HTML, one a record for JSON Lines
    and PETRARCH's XML records.

    `fmt` is one of FORMATS or "auto" (sniffed as for standard input). Problems
    come back as `InputError` items; `ValueError` only for an unknown `fmt`.
    """
    where = source_path or "<text>"
    text = _newlines(text)
    name = _canonical_format(fmt)
    if name == "auto":
        name = _sniff(text)
    if not text.strip():
        return [InputError(where, "empty text")]
    if name == "xml":
        return _xml_records(text, where, source_path, default_date, on_warning)
    if name != "jsonl":
        try:
            return [parse_text(text, fmt=name, source_path=source_path,
                               default_date=default_date, on_warning=on_warning)]  # fmt: skip
        except InputError as exc:
            return [exc]
    results: list[Article | InputError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = f"line is not valid JSON: {exc.msg} (column {exc.colno})"
            results.append(InputError(where, problem, line=number))
            continue
        except RecursionError:
            results.append(InputError(where, "line is nested too deeply to read", line=number))
            continue
        except ValueError as exc:  # a number of more than 4,300 digits
            reason = str(exc).split(";")[0]
            results.append(InputError(where, f"line cannot be read: {reason}", line=number))
            continue
        try:
            if not isinstance(record, dict):
                raise ParseProblem("record is not a JSON object")
            draft = parse_record(record)
            results.append(_article(draft, "jsonl", source_path, default_date))
        except ParseProblem as exc:
            results.append(InputError(where, exc.problem, line=number))
            continue
        if on_warning is not None:
            for warning in draft.warnings:
                on_warning(f"{where}:{number}: {warning}")
    return results


def _xml_records(text: str, where: str, source_path: str | None, default_date: date | None,
                 on_warning: Warn | None) -> list[Article | InputError]:
    """The articles of PETRARCH's XML records, a problem of one of them naming its line."""
    results: list[Article | InputError] = []
    for line, item in parse_xml_records(text):
        if isinstance(item, ParseProblem):
            results.append(InputError(where, item.problem, line=item.line or line))
            continue
        try:
            results.append(_article(item, "xml", source_path, default_date))
        except ParseProblem as exc:
            results.append(InputError(where, exc.problem, line=line))
            continue
        if on_warning is not None:
            for warning in item.warnings:
                on_warning(f"{where}:{line}: {warning}")
    return results


def parse_text(
    text: str,
    *,
    fmt: str,
    source_path: str | None = None,
    default_date: date | None = None,
    on_warning: Warn | None = None,
    url: str | None = None,
) -> Article:
    """One article from in-memory text of format "text", "markdown" or "html".

    `url` is the web address the text was fetched from: the article's URL when
    the text names none. Raises `InputError` for content that cannot be read
    (empty, no article text, bad front matter) and `ValueError` for an unknown or
    JSON Lines `fmt` (use `parse_records` for those).
    """
    where = source_path or "<text>"
    text = _newlines(text)
    name = _canonical_format(fmt)
    if name == "auto":
        name = _sniff(text)
    if name in _RECORDS:
        raise ValueError(f"{name} holds many articles; use parse_records()")
    if not text.strip():
        raise InputError(where, "empty text")
    try:
        draft = parse_html(text, url=url) if name == "html" else _PARSERS[name](text)
        article = _article(draft, name, source_path, default_date, url)
    except ParseProblem as exc:
        raise InputError(where, exc.problem, line=exc.line) from None
    for warning in draft.warnings:
        if on_warning is not None:
            on_warning(f"{where}: {warning}")
    return article


def _gunzip(data: bytes, path: str, fmt: str) -> tuple[bytes, InputError | None]:
    """Decompress gzip `data`; raise `InputError` if it is not gzip or is cut short.

    JSON Lines cut short (a download that stopped, say) gives its whole lines before
    the cut, and the error to report after their records.
    """
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            while chunk := fh.read1(1 << 20):  # read() would drop the last piece read
                out += chunk
    except (OSError, EOFError, zlib.error):
        whole = bytes(out[: out.rfind(b"\n") + 1])
        if fmt != "jsonl" or not whole.strip():
            raise InputError(path, "not a valid gzip file (or it is truncated)") from None
        problem = "gzip data is cut short (truncated or corrupt); the lines before were read"
        return whole, InputError(path, problem, line=whole.count(b"\n") + 1)
    return bytes(out), None


def _load(path: str, fmt: str, on_warning: Warn | None) -> tuple[str, InputError | None]:
    """Read, gunzip and decode one file: (text, error to report after its records).

    Raises `InputError` when nothing can be read.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    cut = None
    if path.lower().endswith(".gz"):
        data, cut = _gunzip(data, path, fmt)
    if not data.strip():
        raise InputError(path, "empty file")
    text, warning = decode(data, path)
    if warning and on_warning is not None:
        on_warning(warning)
    if not text.strip():
        raise InputError(path, "empty file")
    return text, cut


def _read_one(
    path: str, fmt: str, default_date: date | None, on_warning: Warn | None
) -> list[Article | InputError]:
    try:
        text, cut = _load(path, fmt, on_warning)
    except InputError as exc:
        return [exc]
    results = parse_records(text, fmt=fmt, source_path=path, default_date=default_date,
                            on_warning=on_warning)  # fmt: skip
    return results + [cut] if cut is not None else results


def _project_file(name: str) -> bool:
    """README, LICENSE, CHANGELOG ... in a folder describe the folder, not the news."""
    stem = name.split(".")[0].upper()
    return stem in ("README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE")


def _expand(path: str) -> Iterator[tuple[str, str] | InputError]:
    """(file, format) for a path or every supported file under a folder."""
    if path == "-":
        yield (path, "auto")
        return
    if not os.path.isdir(path):
        fmt = format_for(path)
        if fmt is None and Path(path).suffix and os.path.exists(path):
            suffixes = Path(path).suffixes
            suffix = "".join(suffixes[-2:]) if suffixes[-1].lower() == ".gz" else suffixes[-1]
            yield InputError(path, f"unsupported file type '{suffix}'; use {_SUPPORTED}")
        else:
            yield (path, fmt or "text")
        return
    yield from walk_folder(path)


def _petrarch_file(path: str) -> bool:
    """Whether an XML file (gzipped or not) starts as PETRARCH's records; a file that
    cannot be read is left to the reader, which says why."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
        if path.lower().endswith(".gz"):
            head = zlib.decompressobj(wbits=31).decompress(head, 4096)
    except (OSError, zlib.error):
        return True
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return is_petrarch_xml(head[len(bom):].decode(encoding, errors="replace"))
    return is_petrarch_xml(head.decode("utf-8", errors="replace"))


def walk_folder(path: str) -> Iterator[tuple[str, str] | InputError]:
    """(file, format) for every supported file under a folder, in a stable order.

    Hidden files and folders, a folder's README or licence and XML files that are not
    PETRARCH's records (a feed, a sitemap) are left out.
    """
    problems: list[OSError] = []
    found = False
    for folder, dirs, files in os.walk(path, onerror=problems.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            fmt = format_for(name)
            if fmt is not None and not name.startswith(".") and not _project_file(name):
                path_ = os.path.join(folder, name)
                if fmt == "xml" and not _petrarch_file(path_):
                    continue  # a feed or a sitemap beside the news, not PETRARCH's records
                found = True
                yield (path_, fmt)
    for problem in problems:
        yield InputError(str(problem.filename or path), "cannot read folder")
    if not found and not problems:
        yield InputError(path, f"folder has no {_SUPPORTED} files")


def read_file(
    path: str | Path, *, default_date: date | None = None, on_warning: Warn | None = None
) -> list[Article | InputError]:
    """All articles (or problems) of one file or folder."""
    return list(read_inputs([path], default_date=default_date, on_warning=on_warning))


def read_inputs(
    paths: Iterable[str | Path],
    *,
    default_date: date | None = None,
    on_warning: Warn | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
    feeds: FeedLog | None = None,
) -> Iterator[Article | InputError]:
    """Yield an Article for every article or record in `paths`, in order.

    Folders are read recursively; "-" reads `stdin` (default: sys.stdin); web
    addresses are fetched with `fetcher` (default: a `Fetcher` of its own, closed
    at the end), and feeds read through `feeds` if given (see `read_url`). Each
    file, page or JSON Lines record that cannot be read is yielded as an
    `InputError` instead, and reading goes on. A file or address named twice is
    read once. `default_date` is used for articles that give no date;
    `on_warning` gets one-line warnings (e.g. a file that was not UTF-8).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[str] = set()
    own: Fetcher | None = None
    try:
        for given in map(str, paths):
            if is_url(given):
                if given in seen:
                    continue
                seen.add(given)
                if fetcher is None:
                    fetcher = own = Fetcher()
                yield from read_url(given, fetcher, default_date=default_date,
                                    on_warning=on_warning, feeds=feeds)
                continue
            for item in _expand(given):
                if isinstance(item, InputError):
                    yield item
                    continue
                path, fmt = item
                if path == "-":
                    yield from _read_stdin(stdin, default_date, on_warning)
                    continue
                key = os.path.realpath(path)
                if key in seen:
                    continue
                seen.add(key)
                yield from _read_one(path, fmt, default_date, on_warning)
    finally:
        if own is not None:
            own.close()


def read_url(url: str, fetcher: Fetcher, *, default_date: date | None = None,
             on_warning: Warn | None = None,
             feeds: FeedLog | None = None) -> Iterator[Article | InputError]:
    """The article of the web page at `url`, or of each item of the feed there (oldest
    first), or the problem fetching or reading it.

    With `feeds`, a feed is asked for conditionally and only its new items are read;
    `feeds` learns of each item read and, at the end, of the feed.
    """
    etag, modified = feeds.validators(url) if feeds is not None else (None, None)
    try:
        page = fetcher.get(url, etag=etag, last_modified=modified)
    except FetchError as exc:
        yield InputError(url, exc.problem)
        return
    if page.not_modified and feeds is not None:
        feeds.feed_read(url, page.etag or etag, page.last_modified or modified, None)
        return
    if not page.is_feed:
        yield _page_article(page, url, default_date, on_warning)
        return
    try:
        feed = parse_feed(page.content, page.url, page.media_type)
    except ParseProblem as exc:
        yield InputError(url, exc.problem)
        return
    if not feed.items and feeds is None:
        yield InputError(url, "feed lists no items")
    for item in reversed(feed.items):  # feeds list the newest first
        if feeds is not None and not feeds.is_new(url, item.key):
            continue
        result = read_item(item, fetcher, default_date=default_date, on_warning=on_warning)
        if feeds is not None:
            feeds.item_read(url, item, result)
        yield result
    if feeds is not None:
        feeds.feed_read(url, page.etag, page.last_modified, feed)


def read_item(item: FeedItem, fetcher: Fetcher, *, default_date: date | None = None,
              on_warning: Warn | None = None) -> Article | InputError:
    """The article a feed item links to; the item's date when the page gives none."""
    try:
        page = fetcher.get(item.link)
    except FetchError as exc:
        return InputError(item.link, exc.problem)
    if page.is_feed:
        return InputError(item.link, "a feed, not an article")
    return _page_article(page, item.link, item.published or default_date, on_warning)


def _page_article(page: Page, source: str, default_date: date | None,
                  on_warning: Warn | None) -> Article | InputError:
    fmt = "text" if page.media_type == "text/plain" else "html"
    try:
        return parse_text(page.text, fmt=fmt, source_path=source, default_date=default_date,
                          on_warning=on_warning, url=page.url)
    except InputError as exc:
        return exc


def _read_stdin(
    stdin: BinaryIO | None, default_date: date | None, on_warning: Warn | None
) -> list[Article | InputError]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        data = stream.read()
        if not data.strip():
            return [InputError(_STDIN, "empty input")]
        text, warning = decode(data, _STDIN)
    except InputError as exc:
        return [exc]
    except OSError as exc:
        return [InputError(_STDIN, f"cannot read: {exc.strerror or exc}")]
    if warning and on_warning is not None:
        on_warning(warning)
    return parse_records(text, fmt="auto", source_path=_STDIN, default_date=default_date,
                         on_warning=on_warning)  # fmt: skip
