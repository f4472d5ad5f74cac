"""The clause of an event, and the date and place read from it.

An event's date and place are those its own clause names: the trigger verb and
what hangs from it, down to (but not into) another clause, so that in "After
Russia attacked Ukraine in 2014, Poland condemned Russia on Friday" the
condemnation is dated Friday, not 2014. Kept in the clause: the subject and
objects with their modifiers, an action the trigger wraps ("agreed *to lend*",
an ``xcomp``) and a participle or purpose clause without its own subject
("met Putin *to discuss* ..."). Left out: relative and reported clauses,
coordinated verbs, finite adverbial clauses ("when ...", "after ...") and
phrases of time around another event ("before the summit", "since 2014").

`situate` is the pipeline's pass after coding: it gives each event of a
sentence its date (else the article's) and its place.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ..model import Event
from .dates import EventDate, date_phrases, find_date
from .places import Place, find_place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .actors import Entry

__all__ = ["clause_date", "clause_tokens", "situate", "tense"]

# Children that open a clause of their own, always (relative, reported, appended).
OTHER_CLAUSES = {"relcl", "acl", "ccomp", "parataxis", "csubj"}
# Prepositions that set another event's time or place beside this one's.
OTHER_TIME_PREPS = {"after", "before", "since", "until", "following", "ahead", "despite"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
PAST_AUX = {"did", "had", "was", "were", "has", "have", "'d"}


def _opens_clause(tok: Token) -> bool:
    """Whether a child of a clause token starts another clause."""
    if tok.dep_ in OTHER_CLAUSES:
        return True
    if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"):
        return True
    if tok.dep_ == "advcl":  # a finite clause ("when Putin visited"), not "to discuss"
        return any(c.dep_ in ("mark", "nsubj", "nsubjpass", "expl") for c in tok.children)
    return tok.dep_ == "prep" and tok.lower_ in OTHER_TIME_PREPS


def clause_tokens(verb: Token) -> list[tuple[Token, int]]:
    """The tokens of the verb's clause with their depth below it, nearest first."""
    out: list[tuple[Token, int]] = [(verb, 0)]
    frontier = [verb]
    depth = 0
    while frontier:
        depth += 1
        nxt = [c for tok in frontier for c in tok.children if not _opens_clause(c)]
        out.extend((c, depth) for c in nxt)
        frontier = nxt
    return out


def tense(verb: Token) -> str:
    """Which way the verb's clause looks for an ambiguous date: past, future or current."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX or (verb.dep_ == "xcomp" and verb.head.lower_ == "about"):
        return "future"
    if aux & PAST_AUX or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and not aux & {"is", "are", "am", "be", "being"}:
        return "past"
    return "current_period"


class _DocMemo:
    """What was read of one document: its date phrases, and each verb's clause and date."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.phrases = date_phrases(doc)
        self.clauses: dict[int, list[tuple[Token, int]]] = {}
        self.dates: dict[tuple[int, date | None], EventDate | None] = {}

    def clause(self, verb: Token) -> list[tuple[Token, int]]:
        if verb.i not in self.clauses:
            self.clauses[verb.i] = clause_tokens(verb)
        return self.clauses[verb.i]

    def date(self, verb: Token, base: date | None) -> EventDate | None:
        key = (verb.i, base)
        if key not in self.dates:
            self.dates[key] = find_date(self.clause(verb), base, tense(verb), self.phrases) \
                if self.phrases else None
        return self.dates[key]


# The document last read, per thread: the coder asks for a verb's date (who held office
# then) and `situate` asks again, for each of the verb's events.
_local = threading.local()


def _memo(doc: Doc) -> _DocMemo:
    memo: _DocMemo | None = getattr(_local, "memo", None)
    if memo is None or memo.doc is not doc:
        memo = _local.memo = _DocMemo(doc)
    return memo


def clause_date(verb: Token, base: date | None) -> EventDate | None:
    """The date named in the verb's clause, read against `base`; None if none."""
    return _memo(verb.doc).date(verb, base)


def _trigger(sent: Span, event: Event) -> Token | None:
    start = sent.start_char + event.trigger_span[0]
    for tok in sent:
        if tok.idx == start:
            return tok
    return None


def situate(events: Iterable[Event], sent: Span,
            marks: dict[int, tuple[int, int, list[Entry]]], when: date | None) -> list[Event]:
    """The events of `sent` with their date (from their clause, else `when`) and place."""
    out: list[Event] = []
    memo = _memo(sent.doc)
    for event in events:
        verb = _trigger(sent, event)
        if verb is None:  # no verb at the trigger's place: the article's date, no place
            out.append(_with(event, None, None, when))
            continue
        countries = tuple(c for c in (event.source_country, event.target_country) if c)
        place = find_place(memo.clause(verb), marks, countries)
        out.append(_with(event, memo.date(verb, when), place, when))
    return out


def _with(event: Event, found: EventDate | None, place: Place | None,
          when: date | None) -> Event:
    if found is not None:
        event = dataclasses.replace(event, date=found.date.isoformat(),
                                    date_precision=found.precision, date_text=found.text)
    elif when is not None:
        event = dataclasses.replace(event, date=when.isoformat(), date_precision="article",
                                    date_text=None)
    if place is not None:
        event = dataclasses.replace(
            event, place=place.text, place_name=place.name, place_country=place.country,
            place_kind=place.kind, place_lat=place.lat, place_lon=place.lon)
    return event
