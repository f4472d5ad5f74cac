"""Who did it and to whom: the source and target actors of a coded verb.

`cast` turns the heads the parse gives (`syntax.subject_heads`, `syntax.target_heads`)
into actors and pairs them:

- the source is the first subject that names an actor; with none, violence is placed in
  the country where it happened ("a roadside bomb near Samarra killed ...");
- the target is the first object or prepositional object that names someone other than
  the source's own country, else what the wrapped action or noun names ("urged Trump *to
  lift* ...", "called for talks *with Israel*"), else whoever must act in an ultimatum;
- a compound subject without a target gives the reciprocal pairs ("Russia and Cuba held
  talks"), a visit or an attack without one is made to the place where it happened;
- a sector word with no country ("officials", "police") takes its country from the
  place of the act, the speaker ("Israel said *its* forces ...") or the other side.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING

from ..codebook import CameoCode
from .actors import ActorDictionary, Marks, Resolved
from .context import DocContext
from .modality import has_ultimatum, ultimatum_subjects
from .syntax import (
    from_first,
    is_noun_content,
    is_participant,
    is_passive,
    is_place,
    noun_targets,
    own_clause,
    place_holders,
    pobj_of,
    purposes,
    reporter_of,
    subject_heads,
    target_heads,
    that_subjects,
)
from .words import (
    DOMESTIC_CONCESSIONS,
    DOMESTIC_SECTORS,
    MISHAPS,
    PLACE_KINDS,
    PLACE_PREPS,
    PLACE_TARGET,
    PLACE_TARGET_ROOTS,
    PROTEST_ROOT,
    RECIPROCAL_CODES,
    RECIPROCAL_ROOTS,
    SCENE_PREPS,
    STATE_SECTORS,
    UNATTRIBUTED,
    UNATTRIBUTED_ROOTS,
    UNTARGETED_ROOTS,
    WEAPONS,
    compound_words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "Pair", "cast", "first_actors", "first_place", "locate", "owned_by", "place_of",
    "scene_of", "unnamed_perpetrator",
]

# The state and its forces: whom a country's own rebels, parties and people act against.
STATE_FORCES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
# Roots of moving away, whose target is where it moves from (08 yield, 16 reduce relations).
AWAY_ROOTS = frozenset({"08", "16"})
# Accusations and admissions, made of the subject of the clause they govern ("alleged
# that India shelled ...": India); 015 acknowledge or claim responsibility.
CHARGE_ROOTS = frozenset({"11"})
CHARGES = frozenset({"015"})
# Protest, coercion and force, aimed at whom their purpose names ("fired tear gas to
# disperse the crowd"); a resignation "to allow elections" is aimed at no one.
AIMED_ROOTS = frozenset({"13", "14", "15", "16", "17", "18", "19", "20"})
STATEMENT_ROOT = "01"
# Nouns for a place: "the Syrian *city* of Homs", "Thai *villages*".
PLACE_NOUNS = frozenset({"city", "town", "village", "region", "province", "capital", "area",
                         "border", "territory", "district", "port", "island", "coast"})

# A source and its target (None for an act that needs none, a protest say).
Pair = tuple[Resolved, Resolved | None]


def first_actors(actors: ActorDictionary, heads: list[Token], marks: Marks, when: date | None,
                 owner: bool = False, avoid: frozenset[str] = frozenset(),
                 context: DocContext | None = None) -> list[Resolved]:
    """The actors of the first of `heads` that names one, as of `when`.

    A bare sector word ("recalled its ambassador *to Israel*") and, for a target, an
    actor of a country in `avoid`, the source's own ("withdraw US troops *from Germany*"),
    give way to a later head that names someone else. A place ("in Moscow") names no
    actor. `owner`: a thing stands for whoever it belongs to (see `ActorDictionary.resolve`).
    `context`: what the article says a pronoun, a surname or a title stands for.
    """
    fallback: list[Resolved] = []
    for head in heads:
        found = actors.resolve_all(head, marks, when, owner=owner)
        if context is not None:
            found = context.refer(head, found)
            owned = context.owner_of(head) if owner and not found else None
            if owned is not None:
                # "rejected *his* plan": his, unless a later head names someone else
                # ("reiterated *its* demand for elections in Belarus")
                fallback = fallback or [owned]
                continue
        out = [a for a in found if not is_place(head, a)]
        if out and any((a.country or a.kind != "sector") and
                       (a.country is None or a.country not in avoid) for a in out):
            return out
        if out and not fallback:
            fallback = out
    return fallback


def owned_by(actors: ActorDictionary, actor: Resolved, owner: Resolved, sent: Span) -> Resolved:
    """A bare sector word under a possessive pronoun belongs to `owner`."""
    if actor.country is not None or actor.kind != "sector":
        return actor
    doc = sent.doc
    head = doc[actor.start:actor.end].root
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her")
               for c in head.children) or owner.country is None:
        return actor
    code = actors.country_code(owner.country) + (actor.sector or "")
    return dataclasses.replace(actor, code=code, country=owner.country,
                               certainty=actor.certainty * 1.4)


def locate(actors: ActorDictionary, actor: Resolved, place: Resolved) -> Resolved:
    """A sector without a country ("officials") takes the country of the place."""
    if actor.country is not None or actor.kind != "sector" or place.country is None:
        return actor
    code = actors.country_code(place.country) + (actor.sector or "")
    return dataclasses.replace(actor, code=code, country=place.country,
                               certainty=actor.certainty * 1.4)


def place_of(actors: ActorDictionary, verb: Token | None, marks: Marks,
             when: date | None) -> Resolved | None:
    """The country where the verb's event happened: "met officials *in Moscow*"."""
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
            pobj = pobj_of(c)
            if pobj is not None:
                found = actors.resolve(pobj, marks, when)
                if found is not None and found.country and found.kind in PLACE_KINDS:
                    return found
    return None


def first_place(actors: ActorDictionary, holders: list[Token], marks: Marks,
                when: date | None) -> Resolved | None:
    """The first place named "in ..." after one of `holders`."""
    return next((p for p in (place_of(actors, h, marks, when) for h in holders)
                 if p is not None), None)


def scene_of(actors: ActorDictionary, verb: Token, marks: Marks,
             when: date | None) -> Resolved | None:
    """The country named as the scene anywhere in the verb's clause: "a bombing *near
    Samarra*", "a device *outside the Iraqi city of Basra*", "killed *in Ukraine*"."""
    for tok in own_clause(verb):
        if tok.dep_ != "prep" or tok.lower_ not in SCENE_PREPS:
            continue
        pobj = pobj_of(tok)
        heads = [pobj] if pobj is not None else []
        heads += [g for c in tok.children if c.dep_ == "prep" for g in c.children
                  if g.dep_ == "pobj"]  # "outside of Basra"
        for head in heads:
            for cand in (head, *(g for c in head.children if c.dep_ == "prep"
                                 and c.lower_ == "of" for g in c.children
                                 if g.dep_ == "pobj")):
                found = actors.resolve(cand, marks, when)
                if found is not None and found.country and (
                    found.kind in PLACE_KINDS or found.kind == "metonym"
                    or cand.pos_ == "NOUN"  # "the Iraqi city"
                ):
                    return found
    return None


def unnamed_perpetrator(nouns: Mapping[str, str], verb: Token, subjects: list[Token]) -> bool:
    """The clause names no one who did it: an agentless passive ("was killed"), or a
    weapon or attack as the doer ("a car bomb killed", "killed by an explosive device");
    `nouns`: the event nouns of the verb table and their codes."""
    if any(a.lower_ == "to" and a.dep_ == "aux" for a in verb.children):
        return False  # an infinitive ("the right to fire"): not a reported act
    if any(t.lemma_.lower() in MISHAPS for t in own_clause(verb)):
        return False  # "killed in a car accident": no one did it
    if not subjects:
        return is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN")
    doer = subjects[0]
    words = {doer.lemma_.lower()} | compound_words(doer)
    return bool(words & WEAPONS) or any(
        nouns.get(w, "")[:2] in UNATTRIBUTED_ROOTS for w in words)


def cast(actors: ActorDictionary, nouns: Mapping[str, str], row: CameoCode, verb: Token, *,
         kind: str | None, inner: Token | None, sent: Span, marks: Marks,
         when: date | None, context: DocContext | None = None) -> tuple[list[Pair], bool]:
    """The (source, target) pairs of a verb coded `row`, and whether its source is only
    the place where violence with no named doer happened (see the module docstring).

    `kind`: the wrapper's kind when the verb wraps another action, `inner` the wrapped
    verb or event noun; `nouns`: the event nouns of the verb table; `when`: the date
    offices are held at; `context`: what the article says its words stand for.
    """
    pairs, unattributed = _pairs(actors, nouns, row, verb, kind, inner, sent, marks, when,
                                 context)
    settled = _settled(actors, pairs, row, verb, inner, sent, marks, when, unattributed)
    if context is not None:
        # an unnamed force its sentence places nowhere: the article's roles say whose
        settled = ((context.locate(s), context.locate(t) if t is not None else None)
                   for s, t in settled)
        settled = ((s, t) for s, t in settled if t is None or t.code != s.code)
    return list(settled), unattributed


def _pairs(actors: ActorDictionary, nouns: Mapping[str, str], row: CameoCode, verb: Token,
           kind: str | None, inner: Token | None, sent: Span, marks: Marks,
           when: date | None, context: DocContext | None) -> tuple[list[Pair], bool]:
    """Sources and targets as the clause names them, paired."""
    subjects = subject_heads(verb)
    if kind == "undergo":
        # "Kyiv came under attack *from Russian drones*": the subject suffers it
        doers = first_actors(actors, [inner] if inner is not None else [], marks, when,
                             owner=True, context=context)
        victims = first_actors(actors, subjects, marks, when, owner=True, context=context)
        return [(s, t) for s in doers for t in victims if s.code != t.code], False
    # "US Predator attacks killed ...", "Russian missiles hit ...": an event noun or a
    # weapon acts for whoever carried it out
    owner = bool(subjects) and (subjects[0].lemma_.lower() in nouns
                                or subjects[0].lemma_.lower() in WEAPONS)
    sources = first_actors(actors, subjects, marks, when, owner=owner, context=context)
    reporter = reporter_of(verb)
    if reporter is not None and sources:
        # "Israel said *its* forces attacked": the forces are the speaker's
        speakers = first_actors(actors, [reporter], marks, when, context=context)
        if len(speakers) == 1:
            sources = [owned_by(actors, a, speakers[0], sent) for a in sources]
    unattributed = False
    if not sources and row.root in UNATTRIBUTED_ROOTS and not kind \
            and unnamed_perpetrator(nouns, verb, subjects):
        # "a roadside bomb near Samarra killed two soldiers": violence with no named
        # perpetrator is the doer's the article just named ("Russian forces shelled
        # Kharkiv. Three civilians were killed."), else placed in the country where it
        # happened, as the peers do
        doer = context.doer(verb) if context is not None else None
        where = scene_of(actors, verb, marks, when) if doer is None else None
        if doer is not None:
            sources = [doer]
        elif where is not None:
            sources = [dataclasses.replace(where, certainty=where.certainty * UNATTRIBUTED)]
            unattributed = True
    if not sources:
        return [], unattributed
    own = frozenset(a.country for a in sources if a.country)
    heads = target_heads(verb)
    if row.root in AWAY_ROOTS:
        heads = from_first(verb, heads)  # "withdrew *from Georgia* to Armenia"
    targets = first_actors(actors, heads, marks, when, owner=True, avoid=own,
                           context=context)
    if len(sources) == 1:
        # "Turkey defended the right of *its* troops": the source's own
        targets = [owned_by(actors, a, sources[0], sent) for a in targets]
    if not targets and kind == "evaluate" and inner is not None:
        # "said *Sweden's decision* was a mistake": what is judged, or whose it is
        targets = first_actors(actors, [inner], marks, when, owner=True, avoid=own,
                               context=context)
    if not targets and inner is not None:
        if inner.pos_ not in ("VERB", "AUX"):
            targets = first_actors(actors, noun_targets(inner), marks, when, owner=True,
                                   context=context)
            if not targets and kind in ("appeal", "demand"):
                # "pressed its demand *that Ghana's cabinet* release ...": the
                # one asked is the subject of the noun's clause
                targets = first_actors(
                    actors,
                    [s for c in inner.children if is_noun_content(c) for s in subject_heads(c)],
                    marks, when, context=context)
        elif kind in ("appeal", "demand") and inner.dep_ in ("ccomp", "xcomp"):
            # "demanded that the US cancel ...": the demand is made of the clause's subject
            targets = first_actors(actors, subject_heads(inner), marks, when, context=context)
        if not targets and inner.pos_ in ("VERB", "AUX"):
            targets = first_actors(actors, target_heads(inner), marks, when, owner=True,
                                   avoid=own, context=context)
    if not targets and (kind == "threaten" or has_ultimatum(verb)):
        # "threatened a strike *unless Israel* rescinded ...": the one who must act
        targets = first_actors(actors, ultimatum_subjects(verb) or (
            ultimatum_subjects(inner) if inner is not None else []),
            marks, when, avoid=own, context=context)
    if not targets and kind is None and row.root in AIMED_ROOTS:
        # "fired tear gas *to disperse Somali refugees*": whom the act was aimed at
        targets = first_actors(actors, [t for p in purposes(verb) for t in target_heads(p)],
                               marks, when, owner=True, avoid=own, context=context)
    if not targets and kind is None and (row.root in CHARGE_ROOTS or row.code in CHARGES):
        # "Pakistan alleged *that India* had shelled its posts": the one accused
        targets = [t for t in first_actors(actors, that_subjects(verb), marks, when,
                                           avoid=own, context=context)
                   if t.country is None or t.country not in own]
    if row.root == STATEMENT_ROOT:
        # "told reporters", "said to CNN", "reported from Kabul": a statement is made to
        # whom it is addressed, never to a news outlet or the place it is made in or from
        targets = [t for t in targets if t.sector != "MED" and not _said_at(sent.doc, t)]
    place = place_of(actors, verb, marks, when)
    if place is not None:
        sources = [locate(actors, a, place) for a in sources]
        targets = [locate(actors, a, place) for a in targets]
    if targets and own and row.root in PLACE_TARGET_ROOTS and all(
        t.country in own for t in targets
    ):
        # "Israel strengthened its forces in Lebanon": its own forces are what it
        # acts with; the place is whom it acts on
        where = place or first_place(actors, place_holders(verb), marks, when)
        if where is not None and where.country not in own:
            targets = []
    pairs: list[Pair] = []
    if unattributed:
        # "a journalist was killed in Beirut": in and against the place, and the
        # soldiers killed there are its own unless the sentence says whose
        targets = [locate(actors, a, sources[0]) for a in targets] or sources
    if targets:
        pairs = [(s, t) for s in sources for t in targets]
        if row.code in RECIPROCAL_CODES and not unattributed:
            # the codebook: talks, phone calls, signed agreements are reciprocal events
            pairs += [(t, s) for s in sources for t in targets
                      if t.code and (t.country or t.kind != "sector")
                      and is_participant(sent.doc, t)]
    elif len(sources) > 1 and (row.root in RECIPROCAL_ROOTS or kind == "intent"
                               or row.code in RECIPROCAL_CODES):
        pairs = [(s, t) for s in sources for t in sources if s is not t]
    else:
        # "exercises in Alaska", "demonstrated in Serbia", "arrived in Amman":
        # with no other target, the place where it happened is the target
        holders = place_holders(verb)
        if inner is not None and inner.pos_ in ("VERB", "AUX"):
            # "threatened to impose a curfew *in Algiers*"
            holders += [inner, *place_holders(inner)]
        where = place or first_place(actors, holders, marks, when)
        if where is not None and row.root in PLACE_TARGET_ROOTS:
            where = dataclasses.replace(where, certainty=where.certainty * PLACE_TARGET)
            pairs = [(s, where) for s in sources]
        elif row.root in UNTARGETED_ROOTS or row.code in DOMESTIC_CONCESSIONS:
            pairs = [(s, None) for s in sources]
    return pairs, unattributed


def _said_at(doc: Doc, actor: Resolved) -> bool:
    """A place a statement is made in or from: "announced *from Washington*"."""
    head = doc[actor.start:actor.end].root
    return head.dep_ == "pobj" and head.head.lower_ in ("from", "in", "at") \
        and actor.kind in ("country", "capital", "city", "region", "metonym")


def _is_land(doc: Doc, actor: Resolved) -> bool:
    """A country, a place or what the state owns ("Uganda", "the Syrian city of Homs",
    "Peru's elections"), not people of that nationality ("Chinese engineers")."""
    if actor.sector is not None:
        return False
    name = doc[actor.start]
    return not (name.dep_ == "amod" and name.head.pos_ == "NOUN"
                and name.head.lemma_.lower() not in PLACE_NOUNS)


def _settled(actors: ActorDictionary, pairs: list[Pair], row: CameoCode, verb: Token,
             inner: Token | None, sent: Span, marks: Marks, when: date | None,
             unattributed: bool) -> Iterator[Pair]:
    """The pairs with a country for each sector word the sentence places, an actor's act
    on itself dropped, and the target an untargeted protest or concession implies."""
    scene: Resolved | None = None
    looked = False  # the scene is looked up once, when needed
    for src, tgt in pairs:
        if (src.country is None and src.kind == "sector") or (
            tgt is not None and tgt.country is None and tgt.kind == "sector"
        ):
            if not looked:
                looked = True
                scene = scene_of(actors, verb, marks, when) or (
                    scene_of(actors, inner, marks, when)
                    if inner is not None and inner.pos_ in ("VERB", "AUX") else None
                ) or scene_of(actors, sent.root, marks, when)
            if scene is not None:
                # "people killed in Tel Aviv", "refugees in Iraq": the place says whose
                src = locate(actors, src, scene)
                if tgt is not None:
                    tgt = locate(actors, tgt, scene)
            if src.country is None and src.sector in DOMESTIC_SECTORS and tgt is not None \
                    and tgt.country is not None and tgt.kind != "igo" and (
                        tgt.sector in STATE_FORCES or tgt.kind == "leader"
                        or _is_land(sent.doc, tgt)):
                # "rebels tried to kill Prime Minister Allawi": a country's own rebels;
                # but "gunmen killed two British tourists" are not British: a victim's
                # nationality is never the doer's
                src = locate(actors, src, tgt)
            if tgt is not None and tgt.country is None and tgt.sector in STATE_SECTORS \
                    and src.country is not None and src.sector in DOMESTIC_SECTORS:
                # "miners threw stones at police": their own country's police
                tgt = locate(actors, tgt, src)
        if tgt is not None and tgt.code == src.code and not unattributed:
            if row.root not in UNTARGETED_ROOTS:
                continue
            tgt = None
        if tgt is None and row.root == PROTEST_ROOT and src.country:
            # a protest with no other target is made against its own government
            tgt = dataclasses.replace(src, code=actors.country_code(src.country) + "GOV",
                                      sector="GOV", kind="country", certainty=0.6)
        elif tgt is None and row.code in DOMESTIC_CONCESSIONS and src.country:
            # "lifted a state of emergency": eased for the country's own people
            tgt = dataclasses.replace(src, code=actors.country_code(src.country),
                                      sector=None, kind="country", certainty=0.6)
        yield src, tgt
