"""Which events the analyst's views (table, map, downloads) look at: the page filters
plus the parties, and two toggles.

    f: Scoped     the filters of `params.Filters` with country, partner and actor, and
                  hide_domestic (events between two parties only) and hide_low
                  (events coded with low confidence left out)

`scope_echo(f)` gives them back as the forms and the JSON show them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import Depends, Query

from ..model import LOW_CONFIDENCE
from ..store import EventFilter
from .params import Filters, bad_request, filters_echo, resolve_param

__all__ = ["LOW_CONFIDENCE", "Scoped", "scope_echo", "scoped_filter"]


def scoped_filter(
    f: Filters,
    country: Annotated[str | None, Query(description="Party on either side")] = None,
    partner: Annotated[str | None, Query(description="With country: the other side")] = None,
    actor: Annotated[str | None, Query(description="Actor code on either side")] = None,
    hide_domestic: Annotated[bool, Query(
        description="Leave out domestic events (both sides one party, or no target)")
    ] = False,
    hide_low: Annotated[bool, Query(
        description=f"Leave out events coded with confidence below {LOW_CONFIDENCE}")
    ] = False,
) -> EventFilter:
    """The page filters with parties, an actor and the two toggles (a FastAPI
    dependency)."""
    party = resolve_param(country, "country")
    other = resolve_param(partner, "partner")
    if other and not party:
        raise bad_request("partner needs country too")
    lowest = f.min_confidence
    if hide_low:
        lowest = max(lowest or 0.0, LOW_CONFIDENCE)
    return replace(f, party=party, partner=other,
                   actor=actor.strip().upper() if actor and actor.strip() else None,
                   international=hide_domestic, min_confidence=lowest)


def scope_echo(f: EventFilter) -> dict[str, Any]:
    """The filters, parties and toggles as the forms show them (and the JSON gives them)."""
    echo = filters_echo(f)
    hide_low = f.min_confidence is not None and f.min_confidence >= LOW_CONFIDENCE
    return {**echo, "country": f.party, "partner": f.partner, "actor": f.actor,
            "hide_domestic": f.international, "hide_low": hide_low,
            "active": bool(echo["active"] or f.party or f.actor or f.international)}


Scoped = Annotated[EventFilter, Depends(scoped_filter)]
