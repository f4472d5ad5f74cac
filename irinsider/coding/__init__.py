"""Coding: from a parsed sentence to events (actors, verb patterns, dates, places, amounts).

Pure functions over spaCy documents and the bundled data files; this part never
touches the database, the web app, batch mode or PETRARCH's dictionaries.
"""

from __future__ import annotations

from .actors import DATA_DIR, ActorDictionary, Entry, Resolved, Term, load_actors
from .clauses import clause_date, clause_tokens, situate, tense
from .dates import (
    PRECISIONS,
    PREFERENCES,
    EventDate,
    date_phrases,
    find_date,
    is_date_phrase,
    resolve,
)
from .events import Coder, Trigger
from .nlp import MODEL_PACKAGES, load_nlp
from .places import KINDS, City, Gazetteer, Place, find_place, gazetteer
from .quantities import find_quantities
from .rules import NO_EVENT, WRAPPER_KINDS, Pattern, VerbTable, load_rules

__all__ = [
    "ActorDictionary",
    "City",
    "Coder",
    "DATA_DIR",
    "Entry",
    "EventDate",
    "Gazetteer",
    "KINDS",
    "MODEL_PACKAGES",
    "NO_EVENT",
    "PRECISIONS",
    "PREFERENCES",
    "Pattern",
    "Place",
    "Resolved",
    "Term",
    "Trigger",
    "VerbTable",
    "WRAPPER_KINDS",
    "clause_date",
    "clause_tokens",
    "date_phrases",
    "find_date",
    "find_place",
    "find_quantities",
    "gazetteer",
    "is_date_phrase",
    "load_actors",
    "load_nlp",
    "load_rules",
    "resolve",
    "situate",
    "tense",
]
