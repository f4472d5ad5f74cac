"""Analysis over stored events: what the reader's pages say about them. Reads the store;
never parses text.

    names        party, actor and code names; months and money as the pages write them
    explain      "Coded as ... because ...": one event in plain language
    corrections  the event columns a reader's fix sets
    entities     the treaties, agreements, loans and deals articles name
    timelines    months of distinct events (or of mentions) and chart series
    trips        leaders' tours abroad, stop by stop
    briefs       short cited sentences about one party or a pair

Event rows are the dicts `Store.event_page` returns; what analysis needs from the
database it asks the store for, through its query methods.
"""

from __future__ import annotations

from .briefs import Brief, country_brief, event_phrase, pair_brief
from .corrections import CORRECTION_FIELDS, correction_changes
from .entities import EntityMention, find_entities, index_article, index_entities
from .explain import explain
from .names import (
    actor_label,
    code_name,
    format_usd,
    month_label,
    party_name,
    possessive,
    resolve_party,
    the,
)
from .timelines import COUNTS, counted_timeline, event_totals, quad_totals, timeline_series
from .trips import Stop, Tour, leader_tours, trips

__all__ = [
    "Brief",
    "CORRECTION_FIELDS",
    "COUNTS",
    "EntityMention",
    "Stop",
    "Tour",
    "actor_label",
    "code_name",
    "correction_changes",
    "counted_timeline",
    "country_brief",
    "event_phrase",
    "event_totals",
    "explain",
    "find_entities",
    "format_usd",
    "index_article",
    "index_entities",
    "leader_tours",
    "month_label",
    "pair_brief",
    "party_name",
    "possessive",
    "quad_totals",
    "resolve_party",
    "the",
    "timeline_series",
    "trips",
]
