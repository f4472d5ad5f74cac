"""Matching PETRARCH patterns on the words of a parsed sentence.

A :class:`SentenceIndex` holds what matching needs of one sentence: its words
and its actor phrases, each a noun phrase holding a name the actor dictionaries
mark ("Gondor's main opposition group", "Soldiers from Gondor", and "Gondor and
Rohan" as one compound phrase). ``forward`` matches the items of a pattern after
the verb, ``backward`` those before it; either gives a :class:`Match` with the
tokens taken and the actor phrases the pattern's ``$``, ``+`` and ``%`` name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..coding import Marks
from .verbs import COMPOUND, SET, SKIP, SOURCE, TARGET, WORD, Element

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Marks", "Match", "Phrase", "SentenceIndex", "merge"]

# Dependency labels that keep a name inside the noun phrase of its head.
_NP_LABELS = {"compound", "poss", "amod", "nmod", "nummod", "appos", "case"}
# "Soldiers *from* Gondor", "the government *of* Gondor": the name belongs to the noun.
NP_PREPS = {"of", "from", "in"}
# Words before a phrase that a tight "+" or "$" steps over: "SUGGESTED_+" in "suggested the ..."
_LEADERS = {"DET", "PRON", "PUNCT"}


@dataclass(frozen=True)
class Phrase:
    """An actor phrase of the sentence: where it lies and the head that resolves it."""

    start: int
    end: int
    head: Token
    compound: bool


@dataclass(frozen=True)
class Match:
    """A pattern's items found in a sentence: the tokens they took, the actors they name."""

    score: int
    taken: frozenset[int]
    source: Phrase | None = None
    target: Phrase | None = None
    compound: Phrase | None = None
    compound_before: bool = False


class SentenceIndex:
    """What pattern matching needs of one sentence: its words and actor phrases."""

    def __init__(self, sent: Span, marks: Marks) -> None:
        self.sent = sent
        self.doc = sent.doc
        self.marks = marks
        self.words = {t.i: t.lower_ for t in sent}
        phrases: dict[tuple[int, int], Phrase] = {}
        for i in range(sent.start, sent.end):
            mark = marks.get(i)
            if mark is None or mark[0] != i:
                continue
            phrase = self._phrase(mark[0], mark[1])
            phrases.setdefault((phrase.start, phrase.end), phrase)
        self.by_start: dict[int, list[Phrase]] = {}
        self.by_end: dict[int, list[Phrase]] = {}
        for phrase in phrases.values():
            self.by_start.setdefault(phrase.start, []).append(phrase)
            self.by_end.setdefault(phrase.end, []).append(phrase)
            if phrase.compound:  # the whole coordination, as one phrase
                top = phrase.head
                whole = Phrase(top.left_edge.i, _coordination_end(top), top, True)
                self.by_start.setdefault(whole.start, []).append(whole)
                self.by_end.setdefault(whole.end, []).append(whole)

    def _phrase(self, start: int, end: int) -> Phrase:
        head = self.doc[start:end].root
        while head.dep_ in _NP_LABELS and head.head.i != head.i:
            head = head.head
        noun = head.head.head
        if (head.dep_ == "pobj" and head.head.lower_ in NP_PREPS and noun.i < head.i
                and (noun.pos_ == "NOUN" or noun.pos_ == "PROPN" and noun.i not in self.marks)):
            head = noun  # "Soldiers from Gondor", not "the Gondor of the Prince"
        first = min(start, head.left_edge.i)
        while first < start and self.doc[first].pos_ in _LEADERS:
            first += 1  # "their Ent populations": the phrase starts after "their"
        last = max(end, head.i + 1)
        compound = any(c.dep_ == "conj" for c in head.children) or head.dep_ == "conj"
        return Phrase(max(first, self.sent.start), min(last, self.sent.end), head, compound)

    def phrases_in(self, start: int, end: int) -> list[Phrase]:
        """Actor phrases that begin in [start, end), in order."""
        return [p for i in range(start, end) for p in self.by_start.get(i, [])]

    # ---- matching ---------------------------------------------------------------------
    def _tight(self, e: Element, pos: int, limit: int) -> list[int]:
        """Where a tight item may start: at pos, or for an actor after leading "the", "its"."""
        out = [pos]
        if e.kind not in (WORD, SET):
            while pos < limit and self.doc[pos].pos_ in _LEADERS:
                pos += 1
                out.append(pos)
        return out

    def _word_at(self, i: int, word: str, stem: bool) -> bool:
        have = self.words.get(i)
        if have is None:
            return False
        return have.startswith(word) if stem else have == word

    def _phrase_at(self, i: int, words: tuple[str, ...], stem: bool, forward: bool) -> int | None:
        """Where `words` end (forward) or begin (backward) when placed at i; None if not there."""
        n = len(words)
        first = i if forward else i - n
        for k, w in enumerate(words):
            if not self._word_at(first + k, w, stem and k == n - 1):
                return None
        return first + n if forward else first

    def forward(self, elements: Sequence[Element], pos: int, limit: int) -> Match | None:
        """Match `elements` in order from `pos` (exclusive `limit`); the earliest match."""
        failed: set[tuple[int, int]] = set()  # (item, position): no match from there

        def match(k: int, pos: int) -> Match | None:
            if k == len(elements):
                return Match(0, frozenset())
            if (k, pos) in failed:
                return None
            e = elements[k]
            for p in (self._tight(e, pos, limit) if e.tight else range(pos, limit)):
                for nxt, taken, actor in self._candidates(e, p, limit, forward=True):
                    tail = match(k + 1, nxt)
                    if tail is not None:
                        return _bind(tail, e, taken, actor, before=False)
            failed.add((k, pos))
            return None

        return match(0, pos)

    def backward(self, elements: Sequence[Element], pos: int, limit: int) -> Match | None:
        """Match `elements` (text order) ending before `pos`, going back down to `limit`
        (exclusive); the match nearest the verb."""
        failed: set[tuple[int, int]] = set()

        def match(k: int, pos: int) -> Match | None:
            if k < 0:
                return Match(0, frozenset())
            if (k, pos) in failed:
                return None
            e = elements[k]
            for p in ([pos] if e.tight else range(pos, limit, -1)):
                for nxt, taken, actor in self._candidates(e, p, limit, forward=False):
                    head = match(k - 1, nxt)
                    if head is not None:
                        return _bind(head, e, taken, actor, before=True)
            failed.add((k, pos))
            return None

        return match(len(elements) - 1, pos)

    def _candidates(self, e: Element, p: int, limit: int,
                    forward: bool) -> Iterator[tuple[int, frozenset[int], Phrase | None]]:
        """Ways element `e` can sit at p: (next position, tokens taken, actor phrase)."""
        if e.kind in (WORD, SET):
            for words in e.phrases:
                nxt = self._phrase_at(p, words, e.stem, forward)
                if nxt is None or (nxt > limit if forward else nxt < limit):
                    continue
                span = range(p, nxt) if forward else range(nxt, p)
                yield nxt, frozenset(span), None
            return
        found = self.by_start.get(p, []) if forward else self.by_end.get(p, [])
        for phrase in found:
            if e.kind == COMPOUND and not phrase.compound:
                continue
            if forward and phrase.end > limit or not forward and phrase.start < limit:
                continue
            nxt = phrase.end if forward else phrase.start
            yield nxt, frozenset(range(phrase.start, phrase.end)), phrase


def _bind(m: Match, e: Element, taken: frozenset[int], actor: Phrase | None,
          before: bool) -> Match:
    out = dataclasses.replace(m, score=m.score + e.weight, taken=m.taken | taken)
    if e.kind == SOURCE:
        out = dataclasses.replace(out, source=actor)
    elif e.kind == TARGET:
        out = dataclasses.replace(out, target=actor)
    elif e.kind == COMPOUND:
        out = dataclasses.replace(out, compound=actor, compound_before=before)
    elif e.kind == SKIP:
        pass
    return out


def _coordination_end(head: Token) -> int:
    last = head
    for c in head.children:
        if c.dep_ == "conj" and c.i > last.i:
            last = c
    return last.right_edge.i + 1 if last is not head else head.i + 1


def merge(a: Match, b: Match) -> Match:
    return Match(a.score + b.score, a.taken | b.taken, a.source or b.source,
                  a.target or b.target, a.compound or b.compound,
                  a.compound_before if a.compound else b.compound_before)
