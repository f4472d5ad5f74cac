"""Reading articles: files, folders, web pages and JSON Lines batches into `Article`
objects.

Plain text, Markdown with front matter, HTML, JSON Lines and PETRARCH's XML records
(gzipped too) are read here; nothing else in the package opens an input file. Bad
inputs become one-line `InputError`s naming the file.
"""

from __future__ import annotations

from .feeds import Feed, FeedItem, FeedLog, parse_feed
from .fetch import Fetcher, FetchError, Page, is_transient, is_url
from .formats import (
    CREDIT_LINE,
    Draft,
    ParseProblem,
    clean_byline,
    normalise_whitespace,
    parse_date,
    parse_markdown,
    parse_plain,
    parse_record,
    split_credit,
)
from .read import (
    FORMATS,
    MAX_ARTICLE_CHARS,
    SUFFIXES,
    article_id,
    decode,
    format_for,
    parse_html,
    parse_records,
    parse_text,
    read_file,
    read_inputs,
    read_item,
    read_url,
    walk_folder,
)
from .render import article_markdown, article_record
from .xml_records import is_petrarch_xml, parse_xml_records

__all__ = [
    "CREDIT_LINE",
    "Draft",
    "FORMATS",
    "Feed",
    "FeedItem",
    "FeedLog",
    "FetchError",
    "Fetcher",
    "MAX_ARTICLE_CHARS",
    "Page",
    "ParseProblem",
    "SUFFIXES",
    "article_id",
    "article_markdown",
    "article_record",
    "clean_byline",
    "decode",
    "format_for",
    "is_petrarch_xml",
    "is_transient",
    "is_url",
    "normalise_whitespace",
    "parse_date",
    "parse_feed",
    "parse_html",
    "parse_markdown",
    "parse_plain",
    "parse_record",
    "parse_records",
    "parse_text",
    "parse_xml_records",
    "read_file",
    "read_inputs",
    "read_item",
    "read_url",
    "split_credit",
    "walk_folder",
]
