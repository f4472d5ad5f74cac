"""Small functions the templates use: names, numbers, dates, links, event cards."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request

from ..analysis import code_name, format_usd, month_label, party_name, possessive, the
from ..codebook import QUAD_NAMES
from ..model import LOW_CONFIDENCE

__all__ = ["FILTERS", "GLOBALS", "api_twin", "article_title", "event_cards", "event_date",
           "url_with"]

QUAD_SHORT = {1: "verbal coop.", 2: "material coop.", 3: "verbal conflict",
              4: "material conflict"}


def url_with(request: Request, **params: Any) -> str:
    """The current URL with some query parameters replaced (None removes one)."""
    query = dict(request.query_params)
    for key, value in params.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    text = urlencode(query)
    return request.url.path + ("?" + text if text else "")


def export_url(request: Request, kind: str) -> str:
    """The download of the events a list shows: its filters, without its paging."""
    query = {k: v for k, v in request.query_params.items() if k not in ("page", "per_page")}
    text = urlencode(query)
    return f"/exports/events.{kind}" + ("?" + text if text else "")


def api_twin(request: Request) -> str:
    """The JSON twin of the current page: the same path and query under /api."""
    path = request.url.path
    twin = "/api" if path == "/" else "/api" + path
    return twin + ("?" + request.url.query if request.url.query else "")


def number(value: float | int | None) -> str:
    """1234 -> 1,234; 2.25 -> 2.2 (one decimal unless whole); None -> ""."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def signed(value: float | None) -> str:
    """A score with its sign and one decimal: +3.4, -7.0; None -> ""."""
    return "" if value is None else f"{value:+.1f}"


def quad_name(quad: int | str | None) -> str:
    """A quad class's name: 1 -> verbal cooperation; none given -> any."""
    return QUAD_NAMES.get(int(quad), "unknown") if quad not in (None, "") else "any"


def date_label(value: str | None) -> str:
    """2018-11-09 -> 9 November 2018."""
    if not value or len(value) < 10:
        return value or "undated"
    return f"{int(value[8:10])} {month_label(value[:7])}"


def event_date(row: dict[str, Any]) -> str:
    """An event's date as precisely as its sentence gave it: "2015" for a year alone,
    "November 2018" for a month, "the week of 29 October 2018", else the day."""
    day, precision = row.get("date"), row.get("date_precision")
    if not day or len(day) < 10:
        return date_label(day)
    if precision == "year":
        return day[:4]
    if precision == "month":
        return month_label(day[:7])
    if precision == "week":
        return f"the week of {date_label(day)}"
    return date_label(day)


def article_title(row: dict[str, Any]) -> str:
    """An article's title, or for an untitled one the start of its first paragraph
    (`lead`, when the row has it): never its id."""
    if row.get("title"):
        return str(row["title"])
    lead = " ".join(str(row.get("lead") or "").split())
    if not lead:
        return "Untitled article"
    if len(lead) > 80:
        lead = lead[:80].rsplit(" ", 1)[0] + " …"
    return f"Untitled: {lead}"


def _same_happening(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two event rows tell one happening: mentions of one event in several
    articles (one group, see `dedup`), or in one article with one code and the same two
    sides, either way round, told in one sentence (both ways: "A and B met") or once in
    a caption and again in the body."""
    if a.get("group_id") is not None and a.get("group_id") == b.get("group_id"):
        return True
    if (a["article_id"], a["cameo"], a["negated"], a["wrong"]) != (
            b["article_id"], b["cameo"], b["negated"], b["wrong"]):
        return False
    same = (a["source"], a["target"]) == (b["source"], b["target"])
    reverse = a["target"] is not None and (a["source"], a["target"]) == (b["target"],
                                                                        b["source"])
    if a["sentence"] == b["sentence"]:
        return reverse
    return (same or reverse) and (a["caption"] or b["caption"])


def event_cards(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The (decorated) events of a list as cards, one for one happening: the mentions
    of one meeting in a caption and the body, each way, are one card, and so are the
    mentions of one event in several articles.

    A card is ``{"event": the first body mention, "events": all of them, "both_ways":
    [the other way's mention], "captions": [mentions in its article's captions],
    "elsewhere": [a mention in each other article], "ids": [...]}``, in the order of
    the list.
    """
    cards: list[dict[str, Any]] = []
    for ev in events:
        card = next((c for c in cards if any(_same_happening(ev, e) for e in c["events"])),
                    None)
        if card is None:
            cards.append({"events": [ev]})
        else:
            card["events"].append(ev)
    for card in cards:
        members = card["events"]
        body = [e for e in members if not e["caption"]] or members
        lead = min(body, key=lambda e: e.get("id") or 0)  # the first coded
        here = [e for e in members if e["article_id"] == lead["article_id"]]
        back = [e for e in here if e["source"] == lead["target"]
                and e["target"] == lead["source"]]
        card["event"] = lead
        card["ids"] = [e.get("id") for e in members]
        card["both_ways"] = sorted(back, key=lambda e: e["caption"])[:1]
        card["captions"] = [e for e in here if e["caption"] and e is not lead]
        others: dict[str, dict[str, Any]] = {}
        for e in members:
            if e["article_id"] != lead["article_id"]:
                others.setdefault(e["article_id"], e)
        card["elsewhere"] = list(others.values())
    return cards


def http_url(url: str | None) -> str | None:
    """`url` if it is an http(s) address, else None (no javascript: or data: links)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def plural(n: int, word: str, many: str | None = None) -> str:
    """1 event, 2 events, 2 parties (or `many` when the plural is another word)."""
    if n == 1:
        return f"{number(n)} {word}"
    if many is None:
        many = word[:-1] + "ies" if re.search(r"[^aeiou]y$", word) else word + "s"
    return f"{number(n)} {many}"


GLOBALS: dict[str, Any] = {
    "QUAD_NAMES": QUAD_NAMES,
    "event_date": event_date,
    "event_cards": event_cards,
    "article_title": article_title,
    "QUAD_SHORT": QUAD_SHORT,
    "url_with": url_with,
    "export_url": export_url,
    "api_twin": api_twin,
    "party_name": party_name,
    "code_name": code_name,
    "plural": plural,
    "LOW_CONFIDENCE": LOW_CONFIDENCE,
}
FILTERS: dict[str, Any] = {
    "party_name": party_name,
    "the": the,
    "possessive": possessive,
    "month": month_label,
    "usd": format_usd,
    "number": number,
    "signed": signed,
    "quad_name": quad_name,
    "code_name": code_name,
    "date": date_label,
    "http_url": http_url,
}
