"""What the pages take from a request: event filters, paging, and checked path values.

    f: Filters      since, until, code, quad, min_confidence, q, include_negated
    paging: Pages   page and per_page of a long list
    event_id: EventId, block: RowNumber    numbers SQLite can look up

A value that cannot be read is a 400 error saying how to write it; a country code
that names no party is a 404.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi import Path as PathParam
from starlette.exceptions import HTTPException

from ..analysis import resolve_party
from ..store import EventFilter
from .helpers import url_with

__all__ = ["SQLITE_INT_MAX", "EventId", "Filters", "Pages", "Paging", "RowNumber",
           "bad_request", "event_filter", "filters_echo", "parse_date", "party_or_404",
           "resolve_param"]


def bad_request(problem: str) -> HTTPException:
    """A 400 error about a request's parameters."""
    return HTTPException(400, problem)


def parse_date(value: str | None, name: str) -> str | None:
    """`value` as YYYY-MM-DD (None when empty); a 400 error naming `name` if not a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise bad_request(f"{name}: {value!r} is not a date; write YYYY-MM-DD") from None


def event_filter(
    since: Annotated[str | None, Query(description="First day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="Last day, YYYY-MM-DD")] = None,
    code: Annotated[str | None, Query(description="CAMEO code or prefix: 07, 072, 0711")] = None,
    quad: Annotated[str | None, Query(
        description="Quad class: 1 verbal cooperation, 2 material cooperation, "
                    "3 verbal conflict, 4 material conflict")] = None,
    min_confidence: Annotated[str | None, Query(description="Lowest coder confidence, 0-1")
                              ] = None,
    q: Annotated[str | None, Query(description="Words in the evidence sentence")] = None,
    include_negated: Annotated[bool, Query(description="Also negated events")] = False,
) -> EventFilter:
    """The event filters every page takes (a FastAPI dependency)."""
    since_d, until_d = parse_date(since, "since"), parse_date(until, "until")
    if since_d and until_d and since_d > until_d:
        raise bad_request(f"since ({since_d}) is after until ({until_d})")
    code = (code or "").strip() or None
    if code is not None and not (code.isdigit() and 2 <= len(code) <= 4):
        raise bad_request(f"code: {code!r} is not a CAMEO code; use 2 to 4 digits such as 07 "
                          "or 072")
    quad_n = None
    if quad:
        if quad.strip() not in ("1", "2", "3", "4"):
            raise bad_request(f"quad: {quad!r} is not a quad class; use 1, 2, 3 or 4")
        quad_n = int(quad)
    confidence = None
    if min_confidence:
        try:
            confidence = float(min_confidence)
        except ValueError:
            raise bad_request(f"min_confidence: {min_confidence!r} is not a number") from None
        if not 0 <= confidence <= 1:
            raise bad_request("min_confidence must be between 0 and 1")
    return EventFilter(since=since_d, until=until_d, code=code, quad=quad_n,
                       min_confidence=confidence, q=(q or "").strip() or None,
                       include_negated=include_negated)


def filters_echo(f: EventFilter) -> dict[str, Any]:
    """The filters as the forms show them (and the JSON reports them)."""
    return {"since": f.since, "until": f.until, "code": f.code, "quad": f.quad,
            "min_confidence": f.min_confidence, "q": f.q,
            "include_negated": f.include_negated,
            "active": any((f.since, f.until, f.code, f.quad, f.min_confidence, f.q,
                           f.include_negated))}


class Paging:
    """``page`` and ``per_page`` of a list (a FastAPI dependency)."""

    def __init__(
        self,
        page: Annotated[int, Query(ge=1, le=10_000, description="Page, from 1")] = 1,
        per_page: Annotated[int, Query(ge=1, le=100, description="Items a page")] = 20,
    ) -> None:
        self.page = page
        self.per_page = per_page

    def info(self, request: Request, more: bool, total: int | None = None,
             exact: bool = True) -> dict[str, Any]:
        """The pagination a page shows: where it is, the total, links to the neighbours."""
        return {
            "page": self.page,
            "per_page": self.per_page,
            "total": total,
            "total_exact": exact,
            "next": url_with(request, page=self.page + 1) if more else None,
            "prev": url_with(request, page=self.page - 1 if self.page > 2 else None)
            if self.page > 1 else None,
        }


def party_or_404(code: str) -> str:
    """The party a country code or name in a path stands for; 404 if none."""
    party = resolve_party(code)
    if party is None:
        raise HTTPException(404, f"no country or organisation {code!r}; use an ISO code such "
                                 "as CUB or a name such as Cuba")
    return party


def resolve_param(code: str | None, name: str) -> str | None:
    """The party a query parameter `name` names (None when empty); 404 if none."""
    if not code:
        return None
    party = resolve_party(code)
    if party is None:
        raise HTTPException(404, f"{name}: no country or organisation {code!r}")
    return party


SQLITE_INT_MAX = 2**63 - 1  # a larger number cannot even be looked up
EventId = Annotated[int, PathParam(ge=0, le=SQLITE_INT_MAX, description="The event's number")]
RowNumber = Annotated[int, PathParam(ge=0, le=SQLITE_INT_MAX)]
Filters = Annotated[EventFilter, Depends(event_filter)]
Pages = Annotated[Paging, Depends(Paging)]
