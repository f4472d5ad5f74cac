"""Parsers that turn decoded text of one format into a `Draft` of an article.

    parse_plain(text)     plain text: title, "By" line, date line, paragraphs
    parse_markdown(text)  Markdown with optional YAML front matter and images
    parse_record(obj)     one JSON Lines record (a dict)

HTML pages have a module of their own, `irinsider.ingest.html`.

The parsers know nothing of files: they raise `ParseProblem` for content that
cannot be read and note recoverable oddities in `Draft.warnings`.
`irinsider.ingest` turns drafts into `Article` objects.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

from ..model import Block

__all__ = [
    "CREDIT_LINE",
    "Draft",
    "ParseProblem",
    "clean_byline",
    "normalise_whitespace",
    "parse_date",
    "parse_markdown",
    "parse_plain",
    "parse_record",
    "split_credit",
]


class ParseProblem(Exception):
    """Content that cannot be read; `line` is 1-based where known."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        self.problem = problem
        self.line = line
        super().__init__(problem)


@dataclass
class Draft:
    """What a parser found; `ingest` completes it into an `Article`."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    byline: str | None = None
    date: date | None = None
    url: str | None = None
    id: str | None = None
    warnings: list[str] = field(default_factory=list)


_WS = re.compile(r"\s+")
_BY = re.compile(r"^by\s+", re.I)
_CREDIT = r"(?:photo\s*credit|credit|photo|photograph)s?\s*:\s*"
# The patterns below avoid lazy scans that retry at every position: on a long line of
# "(Credit: (Credit: ..." or "* * * *" those take time quadratic in its length.
CREDIT_LINE = re.compile(rf"^[*_\s]*(?:{_CREDIT}|images?\s*:\s*)(?P<who>.*[^*_\s])[*_\s]*$",
                          re.I)
_CREDIT_PAREN = re.compile(rf"\s*\({_CREDIT}(?P<who>[^()]+)\)\s*$", re.I)
_CREDIT_TAIL = re.compile(rf"\s*[-–—|]?\s*\b{_CREDIT}(?P<who>.+)$", re.I)
_PLAIN_CAPTION = re.compile(r"\[(?:image|photo|picture)\s*:\s*(.+)\]|caption\s*:\s*(.+)", re.I)
_DATE_PREFIX = re.compile(r"^(?:published|posted|updated|date|dated)\s*:?\s*", re.I)
_DATE_FORMATS = (
    "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y",
    "%d %B, %Y", "%d %b, %Y", "%Y/%m/%d", "%Y.%m.%d",
)  # fmt: skip


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # only JSON escapes ("\\ud800") make them


def normalise_whitespace(text: str) -> str:
    """NFC-normalise `text` and collapse runs of whitespace to one space.

    Control characters (NUL, escape ...) become spaces too, byte-order marks of
    files run together go, and a lone UTF-16 surrogate, which cannot be written as
    UTF-8, becomes U+FFFD.
    """
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text)).replace("\ufeff", "")
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _shown(value: Any, size: int = 40) -> str:
    """`value` as Python writes it, cut to about `size` characters for a message."""
    text = repr(value)
    return text if len(text) <= size else text[: size - 3] + "..."


def clean_byline(text: str | None) -> str | None:
    return _BY.sub("", normalise_whitespace(text or "")).strip(" ,|") or None


def _text_or_none(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return normalise_whitespace(str(value)) or None


def parse_date(value: Any, *, strict: bool = False) -> date | None:
    """A `date` from a date, datetime or date string, else None.

    Reads "2018-11-09" (also with a time), "November 9, 2018", "9 Nov 2018" and
    the like; unless `strict`, whatever dateutil reads (with a year) as well.
    """
    if isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    if not isinstance(value, str) or len(value) > 200:  # a page of text is not a date
        return None
    text = normalise_whitespace(value).rstrip(".")
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)", text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    plain = re.sub(r"^[A-Za-z]+day,?\s+", "", text)  # weekday
    plain = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", plain)
    plain = re.sub(r"\b([A-Za-z]{3,4})\.", r"\1", plain).replace("Sept ", "Sep ")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(plain, fmt).date()
        except ValueError:
            continue
    if strict or not re.search(r"\d{4}", text):
        return None
    from dateutil import parser as date_parser  # declared dependency; lazy import

    try:
        found = date_parser.parse(text, ignoretz=True)
    except (ValueError, OverflowError):
        return None
    return found.date()


def _header_line(line: str) -> tuple[str, str] | None:
    """("byline", name) or ("date", text) for a header line, else None."""
    line = normalise_whitespace(line).strip("*_ ")
    name = _BY.sub("", line)
    if name != line and len(line) <= 100 and not line.endswith(".") and name[:1].isupper():
        return ("byline", line)
    if len(line) <= 60 and parse_date(_DATE_PREFIX.sub("", line), strict=True):
        return ("date", line)
    return None


def _apply_header(draft: Draft, kind: str, line: str) -> None:
    line = normalise_whitespace(line).strip("*_ ")
    if kind == "date":
        draft.date = draft.date or parse_date(_DATE_PREFIX.sub("", line), strict=True)
        return
    name = _BY.sub("", line)
    for sep in (" | ", " — ", " – ", " - ", ", "):  # "By NAME | November 9, 2018"
        head, _, tail = name.rpartition(sep)
        when = parse_date(_DATE_PREFIX.sub("", tail), strict=True) if head else None
        if when:
            name, draft.date = head, draft.date or when
            break
    draft.byline = draft.byline or clean_byline(name)


def _take_header(draft: Draft, paragraphs: list[list[str]], *, want_title: bool) -> None:
    """Move a leading title, "By" line and date line from `paragraphs` into `draft`."""
    if not paragraphs:
        return
    first = paragraphs[0]
    head = first[0].strip()
    short = len(head) < 200 and not head.endswith(".") and _header_line(head) is None
    if want_title and short and len(paragraphs) > 1 and all(map(_header_line, first[1:])):
        draft.title = normalise_whitespace(head).strip("*_ ") or None
        paragraphs[0] = first[1:]
        if not paragraphs[0]:
            paragraphs.pop(0)
    taken = 0
    while paragraphs and taken < 2 and len(paragraphs) > 1:
        lines = paragraphs[0]
        marks = [_header_line(line) for line in lines]
        if len(lines) > 2 or not all(marks):
            break
        for mark in marks:
            if mark:
                _apply_header(draft, *mark)
        taken += len(lines)
        paragraphs.pop(0)


def _split_paragraphs(text: str) -> list[list[str]]:
    """Groups of consecutive non-blank lines (right-stripped)."""
    pieces = re.split(r"\n[ \t\f\v]*\n", text)
    return [
        lines for p in pieces if (lines := [ln.rstrip() for ln in p.splitlines() if ln.strip()])
    ]


def split_credit(text: str) -> tuple[str, str | None]:
    """Split "caption (Credit: NAME)" or "caption Photo: NAME" into both parts."""
    for pattern in (_CREDIT_PAREN, _CREDIT_TAIL):
        match = pattern.search(text)
        if match and match.start() > 0:
            credit = normalise_whitespace(match["who"]).strip(" .*_") or None
            return normalise_whitespace(text[: match.start()]), credit
    return normalise_whitespace(text), None


def _plain_blocks(paragraphs: list[list[str]]) -> list[Block]:
    """Body and caption blocks from plain-text paragraphs."""
    blocks: list[Block] = []
    for lines in paragraphs:
        credit_match = CREDIT_LINE.match(normalise_whitespace(" ".join(lines)))
        if credit_match and blocks and blocks[-1].kind == "caption" and not blocks[-1].credit:
            blocks[-1] = Block(blocks[-1].text, "caption", credit_match["who"].strip(" ."))
            continue
        credit = None
        if len(lines) > 1 and (last := CREDIT_LINE.match(lines[-1].strip())):
            credit, lines = last["who"].strip(" ."), lines[:-1]
        text = normalise_whitespace(" ".join(lines))
        if found := _PLAIN_CAPTION.fullmatch(text):
            body, found_credit = split_credit(found[1] or found[2])
            if body:
                blocks.append(Block(body, "caption", credit or found_credit))
        elif text:
            blocks.append(Block(text))
    return blocks


def parse_plain(text: str) -> Draft:
    """A plain-text article: optional title, "By" line and date, then paragraphs.

    The first line is the title when it is short (< 200 characters), does not
    end with a period and is followed by a blank line (or by "By"/date lines).
    Paragraphs "Caption: ... (Credit: NAME)" and "[Image: ...]" become captions.
    """
    draft = Draft()
    paragraphs = _split_paragraphs(text)
    _take_header(draft, paragraphs, want_title=True)
    draft.blocks = _plain_blocks(paragraphs)
    return draft


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_IMAGE = re.compile(
    r"!\[(?P<alt>[^\[\]]*)\]\(\s*(?:<[^<>]*>|[^\s()]+)"
    r"(?:\s+(?:\"(?P<title>[^\"]*)\"|'(?P<title1>[^']*)'))?\s*\)"
)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_MD_RULE = re.compile(r"^\s{0,3}(?:([-*_])(?:\s*\1){2,}|=+)\s*$")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
# Each pattern's inner part stops at the next opening mark, so that a line of many
# unclosed marks ("*a *a *a ...") takes linear, not quadratic, time.
_MD_INLINE = (
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"!\[([^\[\]]*)\]\([^()]*\)"), r"\1"),
    (re.compile(r"\[([^\[\]]+)\]\((?:[^()]|\([^()]*\))*\)"), r"\1"),
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),
    (re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~((?:[^~]|~(?!~))+?)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),
)


def _strip_inline(text: str) -> str:
    for pattern, repl in _MD_INLINE:
        text = pattern.sub(repl, text)
    return normalise_whitespace(text)


def _front_matter(text: str, draft: Draft) -> str:
    """Read YAML front matter into `draft`; return the remaining Markdown."""
    match = _FRONT.match(text)
    if not match:
        return text
    try:
        meta = yaml.safe_load(match[1] or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or "cannot be parsed"
        line = mark.line + 2 if mark is not None else None
        raise ParseProblem(f"front matter is not valid YAML: {reason}", line) from None
    except ValueError as exc:  # a value YAML reads but Python refuses: date 2018-02-30
        reason = str(exc).split(";")[0]
        raise ParseProblem(f"front matter has a bad value: {reason}") from None
    except RecursionError:
        raise ParseProblem("front matter is nested too deeply") from None
    if not isinstance(meta, dict):
        raise ParseProblem("front matter must be 'key: value' lines", 2)
    draft.id = _text_or_none(meta.get("id"))
    draft.title = _text_or_none(meta.get("title"))
    author = meta.get("byline", meta.get("author"))
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author if a)
    draft.byline = clean_byline(_text_or_none(author))
    draft.url = _text_or_none(meta.get("url", meta.get("source")))
    if meta.get("date") is not None:
        draft.date = parse_date(meta["date"])
        if draft.date is None:
            draft.warnings.append(f"front matter date {_shown(meta['date'])} is not a date; "
                                  "ignored")
    images = meta.get("images") or []
    for image in images if isinstance(images, list) else []:
        if isinstance(image, dict):
            caption = _text_or_none(image.get("caption") or image.get("alt"))
            if caption:
                draft.blocks.append(Block(caption, "caption", _text_or_none(image.get("credit"))))
    return text[match.end() :]


def _drop_comments(text: str) -> str:
    """`text` without its HTML comments; an unclosed "<!--" stays, as written."""
    kept: list[str] = []
    start = 0
    while (opening := text.find("<!--", start)) >= 0:
        closing = text.find("-->", opening + 4)
        if closing < 0:
            break
        kept.append(text[start:opening])
        start = closing + 3
    kept.append(text[start:])
    return "".join(kept)


def parse_markdown(text: str) -> Draft:
    """A Markdown article with optional YAML front matter.

    Front matter keys: title, byline (or author), date, url (or source), id and
    images (a list of {src, caption, credit}). Markdown syntax is stripped from
    the text; an image becomes a caption (its title, else its alt text), and a
    line "Credit: NAME" or "Photo: NAME" right after it gives the credit. Without
    a front matter title, a leading "# Heading" (or short first line) is the title.
    """
    draft = Draft()
    text = _drop_comments(_front_matter(text, draft))
    meta_images, draft.blocks = draft.blocks, []
    # (kind, lines): kind is "text" (raw Markdown), "plain" (stripped), "heading1",
    # "heading" or "caption" (lines: caption, then the credit if any)
    parts: list[tuple[str, list[str]]] = []
    fenced = pending_credit = False

    def flush() -> None:  # close the paragraph being collected, if any
        if parts and parts[-1][0] == "open":
            parts[-1] = ("text", parts[-1][1])

    for raw in text.splitlines():
        line = re.sub(r"^\s{0,3}(?:>\s?)+", "", raw.rstrip())
        if _MD_FENCE.match(line):
            fenced = not fenced
            flush()
            continue
        if fenced or _MD_REFDEF.match(line):
            continue
        if not line.strip() or _MD_RULE.match(line):
            flush()
            continue
        credit_match = CREDIT_LINE.match(line)
        if credit_match and pending_credit:
            parts[-1][1].append(_strip_inline(credit_match["who"]).strip(" ."))
            pending_credit = False
            continue
        pending_credit = False
        if heading := _MD_HEADING.match(line):
            flush()
            parts.append(("heading1" if len(heading[1]) == 1 else "heading", [heading[2]]))
            continue
        if item := _MD_LIST.match(line):
            flush()
            line = item[1]
        images = list(_MD_IMAGE.finditer(line))
        if images:
            flush()
            parts.extend(("caption", [image["title"] or image["title1"] or image["alt"]])
                         for image in images)
            line = _MD_IMAGE.sub(" ", line)
            pending_credit = not line.strip()
            if pending_credit:
                continue
        if not parts or parts[-1][0] != "open":
            parts.append(("open", []))
        parts[-1][1].append(line)
    flush()

    if parts and parts[0][0] == "heading1":
        title = _strip_inline(parts.pop(0)[1][0])
        draft.title = draft.title or title or None
    lead = next((i for i, (kind, _) in enumerate(parts[:3]) if kind != "text"), len(parts[:3]))
    more = len(parts) > lead  # a sentinel keeps the header from taking the last text
    probe = [[_strip_inline(line) for line in lines] for _, lines in parts[:lead]]
    probe += [["(more)"]] * more
    _take_header(draft, probe, want_title=draft.title is None)
    parts = [("plain", lines) for lines in probe[: len(probe) - more]] + parts[lead:]

    for kind, lines in parts:
        if kind == "caption":
            caption, credit = _strip_inline(lines[0]), (lines[1] if len(lines) > 1 else None)
            if caption:
                draft.blocks.append(Block(caption, "caption", credit or None))
        elif kind == "plain":
            draft.blocks.extend(_plain_blocks([lines]))
        else:
            draft.blocks.extend(_plain_blocks([[_strip_inline(" ".join(lines))]]))
    draft.blocks.extend(meta_images)
    return draft


def parse_record(record: dict[str, Any]) -> Draft:
    """One JSON Lines record: "text" (required); "id", "title", "byline", "date", "url"."""
    body = record.get("text")
    if body is not None and not isinstance(body, str):
        raise ParseProblem("record's 'text' is not a string")
    if not body or not body.strip():
        raise ParseProblem("record has no 'text'")
    draft = Draft(
        blocks=_plain_blocks(_split_paragraphs(body)),
        title=_text_or_none(record.get("title")),
        byline=clean_byline(_text_or_none(record.get("byline"))),
        url=_text_or_none(record.get("url")),
        id=_text_or_none(record.get("id")),
    )
    if record.get("date") not in (None, ""):
        draft.date = parse_date(record["date"])
        if draft.date is None:
            draft.warnings.append(f"date {_shown(record['date'])} is not a date "
                                  "(use YYYY-MM-DD)")
    return draft
