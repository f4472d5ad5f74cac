"""Coding: from a parsed sentence to events (actors, verb patterns, dates, places, amounts).

Pure functions over spaCy documents and the bundled data files; this part never
touches the database, the web app, batch mode or PETRARCH's dictionaries.

The coder (`Coder`) reads each verb's pattern (`rules`), what the verb says of its act
(`modality`), the parse around it (`syntax`) and who of the actors named did it to
whom (`participants`), by the word lists of `words`. The parse readers a coder of
other verb dictionaries needs are public here: `subject_heads`, `target_heads`,
`first_actors`, `is_negated`, `modality_of`, `in_background_clause`, `is_background`
and `char_span`. After the coder, the topic gate (`topics`: `gate`, `decide`) drops the
events of sport, weather, disasters, everyday crime, business and entertainment in which
no state or political actor takes part.
"""

from __future__ import annotations

from .acronyms import with_acronyms
from .actors import (
    DATA_DIR,
    ActorDictionary,
    AddEntries,
    Entry,
    Marks,
    Resolved,
    Term,
    build_actors,
    load_actors,
)
from .clauses import clause_date, clause_tokens, situate, tense
from .coder import Coder, Trigger
from .confidence import calibrate
from .context import DocContext, read_context, violent_verbs
from .dates import (
    PRECISIONS,
    PREFERENCES,
    EventDate,
    date_phrases,
    find_date,
    is_date_phrase,
    resolve,
)
from .loans import named_aid, with_named_aid
from .modality import is_negated, modality_of
from .nlp import MAX_CHUNK, MODEL_PACKAGES, load_nlp
from .participants import first_actors
from .places import KINDS, City, Gazetteer, Place, find_place, gazetteer
from .quantities import find_quantities
from .rules import NO_EVENT, WRAPPER_KINDS, Pattern, VerbTable, load_rules
from .syntax import char_span, in_background_clause, is_background, subject_heads, target_heads
from .topics import Decision, Topic, TopicTable, decide, gate, load_topics
from .trips import trip_visits, with_trip_visits

__all__ = [
    "ActorDictionary",
    "AddEntries",
    "City",
    "Coder",
    "DATA_DIR",
    "DocContext",
    "Decision",
    "Entry",
    "EventDate",
    "Gazetteer",
    "KINDS",
    "MAX_CHUNK",
    "MODEL_PACKAGES",
    "Marks",
    "NO_EVENT",
    "PRECISIONS",
    "PREFERENCES",
    "Pattern",
    "Place",
    "Resolved",
    "Term",
    "Topic",
    "TopicTable",
    "Trigger",
    "VerbTable",
    "WRAPPER_KINDS",
    "build_actors",
    "calibrate",
    "char_span",
    "clause_date",
    "clause_tokens",
    "date_phrases",
    "decide",
    "find_date",
    "find_place",
    "find_quantities",
    "first_actors",
    "gate",
    "gazetteer",
    "in_background_clause",
    "is_background",
    "is_date_phrase",
    "is_negated",
    "load_actors",
    "load_nlp",
    "load_rules",
    "load_topics",
    "read_context",
    "modality_of",
    "named_aid",
    "resolve",
    "situate",
    "subject_heads",
    "target_heads",
    "tense",
    "violent_verbs",
    "with_acronyms",
    "trip_visits",
    "with_named_aid",
    "with_trip_visits",
]
