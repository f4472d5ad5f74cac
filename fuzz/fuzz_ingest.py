"""Fuzz the ingest parsers with Hypothesis for a bounded time.

    python fuzz/fuzz_ingest.py --seconds 60
    python fuzz/fuzz_ingest.py --seconds 300 --target html --target jsonl --seed 7

Targets: ``decode`` (bytes in any encoding), ``text``, ``markdown``, ``front-matter``,
``html``, ``jsonl``, ``xml`` (PETRARCH's records), ``auto`` (format sniffing), ``files``
(files of every supported type, gzipped, truncated or corrupted, through
``read_inputs``) and ``scaled`` (a fragment repeated thousands of times, to find parsers
that take quadratic time).

Every input must give articles or one-line ``InputError``s naming the input, never
another exception; an article's text is clean (whitespace collapsed, no control
characters, encodable as UTF-8). A failure is printed with the smallest input
Hypothesis finds and fuzzing goes on; an input that takes longer than ``--slow``
seconds is printed as slow. The script runs rounds of every target until the time is
up, prints the inputs tried per target and exits 1 if anything failed or was slow.
It is not part of the test suite; each crash it finds becomes a regression test in
tests/ingest/test_bad_input.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness import Tally, run_target  # noqa: E402
from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from irinsider.errors import InputError  # noqa: E402
from irinsider.ingest.formats import normalise_whitespace  # noqa: E402
from irinsider.ingest.read import FORMATS, SUFFIXES, decode, parse_records, read_inputs  # noqa: E402
from irinsider.model import Article  # noqa: E402

GOOD = "Russia condemned Ukraine on Tuesday."

# Pieces of every syntax the parsers know, and of text that has broken them before.
FRAGMENTS = [
    # plain text and captions
    GOOD, "Iran attacked Iraq.", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\f", "\v", "\x00", "\x1b",
    "By ", "By Elena Márquez", "November 9, 2018", "2018-11-09", "Published: ", "Caption: ",
    "[Image: ", "[Photo: ", "]", "(Credit: ", "(Photo: ", ")", "Credit: ", "Photo: ", " | ",
    # Markdown
    "# ", "## ", "###### ", " #", "> ", "- ", "* ", "1. ", "---", "***", "===", "```", "~~~",
    "**", "*", "__", "_", "~~", "`", "[", "](", "![", "](x.jpg \"", "\"", "'", "<", ">",
    "<http://x>", "[a]: http://x", "\\", "<!--", "-->", "    ",
    # YAML front matter
    "---\n", "...\n", "title: ", "date: ", "author: ", "id: ", "url: ", "images:\n  - ",
    "caption: ", "credit: ", ": ", "- ", "{", "}", "[", "&a ", "*a", "!!python/object ", "|",
    "2018-02-30", "2018-11-09 25:00:00", "9" * 30, "~", "null", "? ",
    # HTML
    "<!doctype html>", "<html>", "<head>", "<title>", "</title>", "<body>", "</body>",
    "<p>", "</p>", "<p class=\"byline\">", "<div>", "</div>", "<article>", "</article>",
    "<main>", "<figure>", "</figure>", "<figcaption>", "</figcaption>",
    "<span class=\"credit\">", "<script>", "</script>", "<style>", "<iframe>", "<noscript>",
    "<template>", "<svg>", "<form>", "<nav>", "<br>", "<br/>", "<h1>", "</h1>", "<time>",
    "<time datetime=\"", "<meta name=\"date\" content=\"", "<meta property=\"og:title\" content=\"",
    "<link rel=\"canonical\" href=\"", "\">", "<![CDATA[", "]]>", "<![", "<!", "<?", "</",
    "&amp;", "&#0;", "&#x110000;", "&#xd800;", "&nbsp;", "&", "<a ", "<a b=", "=",
    # JSON Lines
    "{\"text\": \"", "\", \"date\": \"", "\"}", "{\"id\": 1, \"text\": ", "\\u0000", "\\ud800",
    "[[[[", "]]]]", "1e999", "null", "true",
    # PETRARCH's XML records
    "<?xml version=\"1.0\"?>", "<Sentences>", "</Sentences>", "<Sentence ", "</Sentence>",
    "date=\"20080801\" ", "id=\"AFP0808-01_1\" ", "sentence=\"True\" ", "sentence=\"False\"",
    "<Text>", "</Text>", "<Parse>", "</Parse>", "<!DOCTYPE s [<!ENTITY a \"aa\">]>", "&a;",
    "<![CDATA[", "/>",
    # Unicode
    "\ufeff", "\u202e", "\u200f", "\u0301", "é", "ß", "İ", "ﬁ", "🇷🇺", "👨\u200d👩\u200d👧",
    "روسيا", "רוסיה", "俄罗斯", "\ud800", "\U0010ffff", "\u2028", "\x85",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252",
             "latin-1", "shift_jis", "koi8-r", "cp1256", "gb18030"]

fragment = st.sampled_from(FRAGMENTS)
text = st.lists(st.one_of(fragment, st.text(max_size=12)), max_size=50).map("".join)


def _repeat(parts: tuple[str, int, str, str]) -> str:
    piece, times, before, after = parts
    return before + piece * times + after


scaled = st.tuples(
    st.lists(fragment | st.text(min_size=1, max_size=3), min_size=1, max_size=4).map("".join),
    st.integers(2000, 8000), text, text,
).map(_repeat)

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                               max_size=4),
    max_leaves=8,
)
record = st.fixed_dictionaries({}, optional={
    "text": text | json_value,
    "id": st.text(max_size=10) | json_value,
    "title": text | json_value,
    "byline": text | json_value,
    "url": st.text(max_size=20) | json_value,
    "date": st.sampled_from(["2018-11-09", "2018-02-30", "November 9, 2018", "0000-00-00",
                             "9999-99-99", "Monday", "2018 " * 60, ""]) | json_value,
})


def _json_line(parts: tuple[dict[str, Any], bool, int | None]) -> str:
    value, ascii_only, cut = parts
    line = json.dumps(value, ensure_ascii=ascii_only)
    return line[:cut] if cut is not None else line


json_line = st.one_of(
    st.tuples(record, st.booleans(), st.none() | st.integers(0, 80)).map(_json_line),
    json_value.map(json.dumps),
    text,
)
jsonl = st.lists(json_line, max_size=8).map("\n".join)
front_matter = st.tuples(
    st.lists(st.one_of(fragment, st.text(max_size=8)), max_size=20).map("".join),
    st.sampled_from(["---\n", "...\n", "---", ""]),
    text,
).map(lambda p: "---\n" + p[0] + "\n" + p[1] + p[2])


def _encoded(parts: tuple[str, str, list[int]]) -> bytes:
    value, encoding, flips = parts
    data = bytearray(value.encode(encoding, errors="replace"))
    for at in flips:
        if data:
            data[at % len(data)] ^= 0xFF
    return bytes(data)


raw_bytes = st.one_of(
    st.binary(max_size=300),
    st.tuples(text, st.sampled_from(ENCODINGS), st.lists(st.integers(0, 10**6), max_size=3))
    .map(_encoded),
)


@dataclass
class Damage:
    """How to spoil a file: gzip it, cut it, flip a byte."""

    gzipped: bool
    cut: int | None
    flip: int | None


damage = st.builds(Damage, st.booleans(), st.none() | st.integers(0, 500),
                   st.none() | st.integers(0, 500))
files = st.tuples(st.sampled_from(sorted(SUFFIXES)), text | jsonl | front_matter, raw_bytes,
                  st.booleans(), damage)


# ------------------------------------------------------------------------ the contract

def check_items(items: list[Article | InputError], where: str) -> None:
    """What every reader must give: clean articles and one-line errors naming the input."""
    assert isinstance(items, list) and items, f"no result for {where}"
    for item in items:
        if isinstance(item, InputError):
            message = str(item)
            assert message.startswith(where), f"error does not name {where!r}: {message!r}"
            assert "\n" not in message and "\r" not in message, f"error on 2 lines: {message!r}"
            continue
        assert isinstance(item, Article), f"not an article: {item!r}"
        assert item.id and item.blocks, f"article without id or text: {item!r}"
        for block in item.blocks:
            assert block.text and block.text == normalise_whitespace(block.text), block
            block.text.encode("utf-8")
        for value in (item.id, item.title, item.byline, item.url):
            if value is not None:
                assert value == normalise_whitespace(value) and value, item
                value.encode("utf-8")


def check_format(fmt: str) -> Callable[[str], None]:
    def check(value: str) -> None:
        check_items(parse_records(value, fmt=fmt, source_path="in"), "in")

    return check


def check_decode(data: bytes) -> None:
    try:
        decoded, warning = decode(data, "in")
    except InputError as exc:
        assert str(exc).startswith("in: ") and "\n" not in str(exc), exc
        return
    assert "\r" not in decoded and not decoded.startswith("\ufeff")
    assert warning is None or "\n" not in warning


def check_file(value: tuple[str, str, bytes, bool, Damage]) -> None:
    suffix, body, data, use_bytes, spoil = value
    content = data if use_bytes else body.encode("utf-8", errors="surrogatepass")
    name = "in" + suffix
    if spoil.gzipped:
        content, name = gzip.compress(content, mtime=0), name + ".gz"
    if spoil.cut is not None:
        content = content[: spoil.cut]
    if spoil.flip is not None and content:
        flipped = bytearray(content)
        flipped[spoil.flip % len(content)] ^= 0x55
        content = bytes(flipped)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        warnings: list[str] = []
        items = list(read_inputs([path], on_warning=warnings.append))
        check_items(items, str(path))
        for warning in warnings:
            assert "\n" not in warning and str(path) in warning, warning


def check_scaled(value: str) -> None:
    for fmt in FORMATS:
        check_format(fmt)(value)


TARGETS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], None]]] = {
    "decode": (raw_bytes, check_decode),
    "text": (text, check_format("text")),
    "markdown": (text, check_format("markdown")),
    "front-matter": (front_matter, check_format("markdown")),
    "html": (text, check_format("html")),
    "jsonl": (jsonl, check_format("jsonl")),
    "xml": (text, check_format("xml")),
    "auto": (text | jsonl | front_matter, check_format("auto")),
    "files": (files, check_file),
    "scaled": (scaled, check_scaled),
}


# ------------------------------------------------------------------------ running

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time to fuzz for")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS),
                        help="fuzz only this target (repeatable; default: all)")
    parser.add_argument("--examples", type=int, default=100,
                        help="inputs per target per round (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the first round")
    parser.add_argument("--slow", type=float, default=5.0,
                        help="seconds after which an input counts as slow (default: %(default)s)")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", HypothesisWarning)  # "overly large repr" of big inputs
    targets = args.target or list(TARGETS)
    tallies = {name: Tally() for name in targets}
    first = args.seed if args.seed is not None else random.randrange(2**32)
    print(f"fuzzing {', '.join(targets)} for {args.seconds:g} s, seeds from {first}", flush=True)
    deadline = time.monotonic() + args.seconds
    rounds = 0
    while time.monotonic() < deadline:
        for name in targets:
            if time.monotonic() >= deadline:
                break
            run_target(name, *TARGETS[name], tallies[name], args.examples, first + rounds,
                       args.slow)
        rounds += 1
    print(f"\n{rounds} round(s); inputs tried (shrinking included):")
    for name, tally in tallies.items():
        print(f"  {name:13s} {tally.tried:8,d} tried  {len(tally.failures)} failure(s)  "
              f"{len(tally.slow)} slow")
        for took, shown in sorted(tally.slow, reverse=True)[:3]:
            print(f"      slow {took:.1f} s: {shown}")
    total = sum(t.tried for t in tallies.values())
    failures = sum(len(t.failures) for t in tallies.values())
    slow = sum(len(t.slow) for t in tallies.values())
    print(f"  {'total':13s} {total:8,d} tried  {failures} failure(s)  {slow} slow")
    return 1 if failures or slow else 0


if __name__ == "__main__":
    sys.exit(main())
