"""PETRARCH-2 compatibility: its dictionaries (actors, agents, verbs, discards, issues) and a
coder that applies its verb patterns.

A defective dictionary entry is skipped and reported to a `Problems` collector, one line
``FILE:LINE: what is wrong`` each; a strict one (and a reader given none) stops at the
first with a DataError.

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
from .dictionaries import (
    CompiledDictionaries,
    DictionaryFiles,
    compile_dictionaries,
    dictionary_files,
    files_from,
    load_dictionaries,
)
from .discards import Discards, read_discards
from .issues import IssueList, read_issues
from .match import Marks, Match, Phrase, SentenceIndex, merge
from .problems import Problems
from .verbs import (
    NULL_CODE,
    Element,
    Transformation,
    VerbDictionary,
    VerbForm,
    VerbPattern,
    read_verbs,
)

__all__ = [
    "CodeSpan",
    "CompiledDictionaries",
    "DictEntry",
    "DictionaryFiles",
    "Discards",
    "Element",
    "IssueList",
    "Marks",
    "Match",
    "NULL_CODE",
    "PetrarchCoder",
    "PetrarchTrigger",
    "Phrase",
    "Problems",
    "SentenceIndex",
    "Transformation",
    "VerbDictionary",
    "VerbForm",
    "VerbPattern",
    "add_actors",
    "compile_dictionaries",
    "compound_codes",
    "compounds",
    "dictionary_files",
    "files_from",
    "load_dictionaries",
    "merge",
    "read_dictionary",
    "read_dictionary_text",
    "read_discards",
    "read_issues",
    "read_verbs",
]
