"""Analysis over stored events: what the reader's pages say about them. Reads the store;
never parses text.

    names        party, actor and code names; months and money as the pages write them
    counts       one set of numbers: events and mentions, for every page and the API
    explain      "Coded as ... because ...": one event in plain language
    claims       what an event says, as a clause written from what its code means
    corrections  the event columns a reader's fix sets
    entities     the treaties, agreements, loans and deals articles name
    timelines    months of distinct events (or of mentions) and chart series
    trips        leaders' tours abroad, stop by stop
    briefs       short cited sentences about one party or a pair

Event rows are the dicts `Store.event_page` returns; what analysis needs from the
database it asks the store for, through its query methods.
"""

from __future__ import annotations

from .briefs import VERDICT_MIN, Brief, country_brief, event_phrase, pair_brief
from .claims import claim
from .corrections import CORRECTION_FIELDS, correction_changes
from .counts import (
    Tally,
    count_articles,
    count_by_partner,
    count_by_party,
    count_events,
    count_stored,
    sum_tallies,
    tally_rows,
)
from .entities import EntityMention, find_entities, index_article, index_entities
from .explain import explain, when_label
from .names import (
    actor_label,
    actor_name,
    code_name,
    format_usd,
    is_common_noun,
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
    "Tally",
    "Tour",
    "VERDICT_MIN",
    "actor_label",
    "actor_name",
    "claim",
    "code_name",
    "correction_changes",
    "count_articles",
    "count_by_partner",
    "count_by_party",
    "count_events",
    "count_stored",
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
    "is_common_noun",
    "month_label",
    "pair_brief",
    "party_name",
    "possessive",
    "quad_totals",
    "resolve_party",
    "sum_tallies",
    "tally_rows",
    "the",
    "timeline_series",
    "trips",
    "when_label",
]
