"""Visits told by the trip: "his tour *took him to* Russia, China and Laos".

English often names a journey as the subject and the traveller as the object: "the tour
took him to Moscow", "Macron's Asian trip took him to India and Indonesia", "the visit
will take Putin to Pyongyang". Each place after "to" is visited (CAMEO 042, or an intent
to visit, 036, when the trip is still to come): the source is the traveller, the object of
"take" or else the trip's owner ("*Macron's* trip"), as the article says who a pronoun is;
the target is the country of each place named. The verb table cannot say this, for it
reads a verb's own subject as its source; the rule reads
``<verb-table version>/trip:<noun>`` (``verbs.v1/trip:tour``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..model import Event, Quantity
from .modality import is_negated, modality_of
from .participants import first_actors
from .syntax import char_span, pobj_of, qualifies

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .actors import Marks, Resolved
    from .coder import Coder
    from .context import DocContext

__all__ = ["TRIP_NOUNS", "trip_visits", "with_trip_visits"]

# Nouns of a journey that "takes" its traveller somewhere.
TRIP_NOUNS = {"tour", "trip", "visit", "journey", "voyage", "travel", "swing", "itinerary"}
VISIT = "042"
_CERTAINTY = 0.86  # the confidence of a pattern naming its object (see `coder`)
_PLACE_KINDS = {"country", "capital", "city", "region", "metonym"}


def _places(prep: Token) -> list[Token]:
    pobj = pobj_of(prep)
    return [pobj, *pobj.conjuncts] if pobj is not None else []


def _trip(verb: Token) -> tuple[Token, Token | None, Token] | None:
    """(the trip noun, the traveller's word, the "to") of "<trip> took <X> to <place>"."""
    if verb.lemma_.lower() != "take" or verb.pos_ not in ("VERB", "AUX"):
        return None
    trip = next((c for c in verb.children if c.dep_ == "nsubj"
                 and c.lemma_.lower() in TRIP_NOUNS), None)
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    if trip is None or to is None:
        return None
    traveller = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    return trip, traveller, to


def trip_visits(coder: Coder, sent: Span, *, doc_id: str, index: int, when: date | None,
                quantities: Sequence[Quantity], marks: Marks,
                context: DocContext | None = None, caption: bool = False) -> list[Event]:
    """The visits a sentence tells by the trip (see the module docstring)."""
    out: list[Event] = []
    base = sent.start_char
    for verb in sent:
        found = _trip(verb)
        if found is None or is_negated(verb):
            continue
        trip, traveller, to = found
        heads = [traveller] if traveller is not None else []
        heads += [c for c in trip.children if c.dep_ == "poss"]
        sources = first_actors(coder.actors, heads, marks, when, context=context)
        if not sources:
            continue
        targets: list[Resolved] = []
        for place in _places(to):
            for actor in coder.actors.resolve_all(place, marks, when):
                if actor.kind in _PLACE_KINDS and actor.country and all(
                        t.country != actor.country for t in targets):
                    targets.append(actor)
        modality = modality_of(verb)
        code = coder.rules.derived("intent", VISIT) if modality == "future" else VISIT
        row = coder.codebook.get(code)
        if row is None:
            continue
        span = (verb.idx - base, verb.idx + len(verb.text) - base)
        quants = tuple(q for q in quantities if qualifies(q, verb, sent))
        for source in sources:
            for target in targets:
                if target.country == source.country:
                    continue
                confidence = _CERTAINTY * source.certainty * target.certainty
                out.append(Event(
                    doc_id=doc_id, sentence=index, source=source.code, target=target.code,
                    source_country=source.country, target_country=target.country,
                    cameo=row.code, plover=row.plover, plover_mode=row.plover_mode,
                    goldstein=row.goldstein, quad_class=row.quad_class,
                    date=when.isoformat() if when else None, evidence=sent.text,
                    source_span=char_span(sent, source), target_span=char_span(sent, target),
                    trigger_span=span, quantities=quants, modality=modality,
                    confidence=round(max(0.05, min(confidence, 1.0)), 3),
                    rule=f"{coder.rules.version}/trip:{trip.lemma_.lower()}"
                    + ("/context" if source.via else ""),
                    source_name=source.name, target_name=target.name, trigger=verb.text,
                    caption=caption,
                    intended_cameo=VISIT if code != VISIT else None))
    return out


def with_trip_visits(coder: Coder, sent: Span, coded: Iterable[Event], *, doc_id: str,
                     index: int, when: date | None, quantities: Sequence[Quantity],
                     marks: Marks, context: DocContext | None = None,
                     caption: bool = False) -> Iterator[Event]:
    """The coder's events of a sentence, then the visits it tells by the trip."""
    found = list(coded)
    yield from found
    seen = {(e.source, e.target, e.cameo) for e in found}
    for event in trip_visits(coder, sent, doc_id=doc_id, index=index, when=when,
                             quantities=quantities, marks=marks, context=context,
                             caption=caption):
        if (event.source, event.target, event.cameo) not in seen:
            yield event
