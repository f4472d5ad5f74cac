"""Analysis over stored events: names, explanations, dyad time series, partners, trips and
briefs. Reads the store; never parses text.
"""

from __future__ import annotations

from .core import (
    COUNTS,
    Brief,
    Tour,
    correction_changes,
    counted_timeline,
    country_brief,
    event_totals,
    explain,
    find_entities,
    format_usd,
    index_article,
    index_entities,
    month_label,
    pair_brief,
    party_name,
    resolve_party,
    timeline_series,
    trips,
)

__all__ = [
    "Brief",
    "COUNTS",
    "Tour",
    "correction_changes",
    "counted_timeline",
    "country_brief",
    "event_totals",
    "explain",
    "find_entities",
    "format_usd",
    "index_article",
    "index_entities",
    "month_label",
    "pair_brief",
    "party_name",
    "resolve_party",
    "timeline_series",
    "trips",
]
