"""PETRARCH-2 compatibility: its dictionaries (actors, agents, verbs, discards) and a coder
that applies its verb patterns.

Optional: the core never imports this part; `irinsider.pipeline` plugs it in when a
user passes PETRARCH dictionaries.
"""

from __future__ import annotations

from .actors import (
    CodeSpan,
    DictEntry,
    add_actors,
    compound_codes,
    compounds,
    read_dictionary,
    read_dictionary_text,
)
from .coder import PetrarchCoder, PetrarchTrigger
from .match import Marks, Match, Phrase, SentenceIndex, merge
from .verbs import (
    NULL_CODE,
    Discards,
    Element,
    VerbDictionary,
    VerbForm,
    VerbPattern,
    read_discards,
    read_verbs,
)

__all__ = [
    "CodeSpan",
    "DictEntry",
    "Discards",
    "Element",
    "Marks",
    "Match",
    "NULL_CODE",
    "PetrarchCoder",
    "PetrarchTrigger",
    "Phrase",
    "SentenceIndex",
    "VerbDictionary",
    "VerbForm",
    "VerbPattern",
    "add_actors",
    "compound_codes",
    "compounds",
    "merge",
    "read_dictionary",
    "read_dictionary_text",
    "read_discards",
    "read_verbs",
]
