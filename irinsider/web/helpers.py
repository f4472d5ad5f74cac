"""Small functions the templates use: names, numbers, links."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request

from ..analysis import code_name, format_usd, month_label, party_name, possessive, the
from ..codebook import QUAD_NAMES

__all__ = ["FILTERS", "GLOBALS", "api_twin", "url_with"]

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


def http_url(url: str | None) -> str | None:
    """`url` if it is an http(s) address, else None (no javascript: or data: links)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def plural(n: int, word: str, many: str | None = None) -> str:
    """1 event, 2 events (or `many` when the plural is not word + s)."""
    return f"{number(n)} {word if n == 1 else (many or word + 's')}"


GLOBALS: dict[str, Any] = {
    "QUAD_NAMES": QUAD_NAMES,
    "QUAD_SHORT": QUAD_SHORT,
    "url_with": url_with,
    "api_twin": api_twin,
    "party_name": party_name,
    "code_name": code_name,
    "plural": plural,
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
