"""Finding the actor dictionary's names in a parsed text, with spaCy's phrase matcher.

A name is matched as written, and in capitals as headlines write it ("RUSSIA"); a word
(a sector word: "minister") whatever its case. Each is cut into tokens by the pipeline's
tokenizer once, and the tokens' hashes are kept on disk (`irinsider.cache`), keyed by the
names and the spaCy pipeline, so that a run builds its matchers from numbers instead of
tokenizing tens of thousands of names.

    finder = PhraseFinder.load(nlp, names, words)
    finder.names(doc)  ->  [(start, end, name as the dictionary writes it), ...]
    finder.words(doc)  ->  [(start, end, word), ...]

Matches come in the order of their start, then of their end. Two names that the
tokenizer cuts into the same tokens are one pattern, and a match names the first of them
(as written before in capitals).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cache import cached, fingerprint, sources, versions

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["PhraseFinder", "TokenPatterns", "token_patterns"]

# Token hashes of a phrase, and the phrase as the dictionary writes it.
Patterns = tuple[tuple[tuple[int, ...], str], ...]


@dataclass(frozen=True)
class TokenPatterns:
    """The token hashes of each name (ORTH) and word (LOWER), in dictionary order."""

    names: Patterns
    words: Patterns


def _build(nlp: Language, names: Sequence[str], words: Sequence[str]) -> TokenPatterns:
    written = [(tuple(t.orth for t in nlp.make_doc(text)), text) for text in names]
    # Headline capitals ("RUSSIA") are read as names too.
    capitals = [(tuple(t.orth for t in nlp.make_doc(text.upper())), text) for text in names
                if text.upper() != text and len(text) > 3]
    lowered = [(tuple(t.lower for t in nlp.make_doc(text)), text) for text in words]
    return TokenPatterns(tuple(written + capitals), tuple(lowered))


def token_patterns(nlp: Language, names: Sequence[str], words: Sequence[str]
                   ) -> TokenPatterns:
    """The token patterns of `names` and `words` as `nlp` tokenizes them, from the cache
    when the same names were tokenized by the same pipeline before."""
    meta = nlp.meta
    key = fingerprint(
        versions("spacy"), f"{nlp.lang}_{meta.get('name')}={meta.get('version')}",
        "\x00".join(names), "\x01", "\x00".join(words),
        *sources(Path(__file__).parent),
    )
    return cached("phrases", key, lambda: _build(nlp, names, words))


class PhraseFinder:
    """Two phrase matchers over one spaCy vocabulary: names as written, words in any case."""

    def __init__(self, nlp: Language, patterns: TokenPatterns) -> None:
        self._names, self._name_of = _matcher(nlp, "ORTH", patterns.names)
        self._words, self._word_of = _matcher(nlp, "LOWER", patterns.words)

    @classmethod
    def load(cls, nlp: Language, names: Sequence[str], words: Sequence[str]) -> PhraseFinder:
        """A finder of `names` and `words` in the texts `nlp` parses."""
        return cls(nlp, token_patterns(nlp, names, words))

    def names(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, name) of every name written in `doc`, overlapping ones included."""
        return _found(self._names, self._name_of, doc, "ORTH")

    def words(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, word) of every word of the dictionary in `doc`, whatever its case."""
        return _found(self._words, self._word_of, doc, "LOWER")


def _matcher(nlp: Language, attr: str, patterns: Patterns
             ) -> tuple[Any, dict[tuple[int, ...], str]]:
    from spacy.matcher import PhraseMatcher

    # typed loosely: its stubs know only Docs as patterns, and it takes token hashes too
    matcher: Any = PhraseMatcher(nlp.vocab, attr=attr)
    phrase_of: dict[tuple[int, ...], str] = {}
    for tokens, text in patterns:
        if tokens:
            phrase_of.setdefault(tokens, text)
    matcher.add(attr, list(phrase_of))
    return matcher, phrase_of


def _found(matcher: Any, phrase_of: dict[tuple[int, ...], str], doc: Doc, attr: str
           ) -> list[tuple[int, int, str]]:
    matches = matcher(doc)
    if not matches:
        return []
    hashes = doc.to_array(attr).tolist()
    return [(start, end, phrase_of[tuple(hashes[start:end])]) for _, start, end in matches]
