"""Confidence that means something: the coder's score, calibrated on judged events.

The coder scores an event by how specific its pattern is and how sure it is of each actor
(docs/events.md, Confidence). Read against an expert coder's verdicts on every event of
the articles of bench/articles/ (bench/judgements.yaml; `python bench/calibration.py`
prints the share right per band of confidence), some readings proved wrong far more often
than that score said. Each takes a factor here, after the coder and the topic gate, so
that events at or above `irinsider.model.LOW_CONFIDENCE` are right at least three times
in four and the rest are flagged:

- every pair of three or more actors who did something together, read as done to each
  other ("the UN, Iraq, Oman and the UAE welcomed the deal"): `MANY_RECIPROCAL`;
- a target that is the source's own country, named bare ("Modi consoled the *Indian*
  players"): mostly a team, a people or a place, not the state; `OWN_COUNTRY`;
- an act told inside an accusation ("accused Serbia *of organising* an attack"): an
  allegation, which CAMEO codes as the accusation alone; `ALLEGED`;
- an act awaited in a for-to clause ("waited *for* its creditors *to promise*"):
  `AWAITED`.

An actor the article named rather than the sentence (a pronoun, a surname, a title: a rule
ending ``/context``) was found as often right as the coder's score says, and takes none.

The factors multiply, and the result is clamped to 0.05-1 and rounded as the coder's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import Event

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["ACCUSING", "ALLEGED", "AWAITED", "MANY_RECIPROCAL", "OWN_COUNTRY", "calibrate",
           "factors"]

MANY_RECIPROCAL = 0.6
OWN_COUNTRY = 0.6
ALLEGED = 0.5
AWAITED = 0.5
# Verbs whose "of"-clause tells what is alleged: "accused X *of* doing", "suspected of".
ACCUSING = {"accuse", "suspect", "charge", "allege", "indict", "convict"}


def _token_at(sent: Span, offset: int) -> Token | None:
    start = sent.start_char + offset
    return next((tok for tok in sent if tok.idx == start), None)


def _alleged(verb: Token) -> bool:
    """ "accused Serbia *of organising* an attack": the act is what the accusation says."""
    return (verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for")
            and verb.head.head.lemma_.lower() in ACCUSING)


def _awaited(verb: Token) -> bool:
    """ "waited *for* its creditors *to promise*": an act wanted or expected, not done."""
    return (any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def _bare_country(code: str | None) -> bool:
    return code is not None and len(code) == 3 and code[:3] not in ("IGO", "NGO", "---")


def factors(event: Event, sent: Span, sources: frozenset[str]) -> dict[str, float]:
    """The factors that apply to one event, by name; `sources`: the sources of every event
    of its verb."""
    out: dict[str, float] = {}
    if len(sources) >= 3 and event.target in sources:
        out["many_reciprocal"] = MANY_RECIPROCAL
    if _bare_country(event.target) and event.target_country is not None \
            and event.target_country == event.source_country:
        out["own_country"] = OWN_COUNTRY
    verb = _token_at(sent, event.trigger_span[0])
    if verb is not None and _alleged(verb):
        out["alleged"] = ALLEGED
    if verb is not None and _awaited(verb):
        out["awaited"] = AWAITED
    return out


def calibrate(events: Iterable[Event], sent: Span) -> list[Event]:
    """The events of one sentence with their confidence calibrated."""
    events = list(events)
    by_verb: dict[tuple[int, int], set[str]] = {}
    for event in events:
        by_verb.setdefault(event.trigger_span, set()).add(event.source)
    out: list[Event] = []
    for event in events:
        found = factors(event, sent, frozenset(by_verb[event.trigger_span]))
        if not found:
            out.append(event)
            continue
        score = event.confidence
        for value in found.values():
            score *= value
        out.append(dataclasses.replace(
            event, confidence=round(max(0.05, min(score, 1.0)), 3)))
    return out
