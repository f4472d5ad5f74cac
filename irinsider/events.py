"""Coding events on spaCy's dependency parse.

For every verb of a sentence the coder asks, in this order:

1. Which pattern of the verb table fits it best (verb, particle, object)?
   A verb that wraps another action ("agreed to lend", "urged ... not to
   withdraw", "threatened to impose") is coded from the wrapped action through
   the ``derive`` table, and the wrapped verb is not coded again.
2. Who is the source? The subject, the ``by`` agent of a passive, or the
   subject shared with a governing or coordinated verb.
3. Who is the target? The indirect or direct object, a prepositional object of
   the verb or of its object ("restore ties *with Gondor*"), or the subject of
   a passive.
4. Compound actors give one event per pair; a compound subject without a
   target gives the reciprocal pair ("Russia and Cuba held talks").

Negated events are kept, flagged ``negated``; output filters them by default.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from dateutil import parser as dateutil_parser

from .actors import ActorDictionary, Entry, Resolved
from .codebook import CameoCode
from .model import Event, Quantity
from .rules import NO_EVENT, Pattern, VerbTable

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Coder", "Trigger"]

# Prepositions that introduce a target after a verb or its object.
TARGET_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "for",
                "from", "over", "upon", "between", "of")
# A verb's "in X" is where it happened ("held talks in Moscow"), not whom it was done to;
# after an object noun it does name a target ("sanctions in Syria", "projects in Cuba").
NOUN_TARGET_PREPS = (*TARGET_PREPS, "in")
# Prepositions that give an event's place.
PLACE_PREPS = ("in", "at")
# Subordinators of background clauses, which carry no event of their own.
BACKGROUND_MARKS = {"after", "before", "since", "until", "although", "though", "if", "unless"}
# Verbs whose object is the subject of the wrapped verb: "urged Trump not to withdraw".
OBJECT_CONTROL = {"urge", "ask", "call", "tell", "invite", "persuade", "force", "allow",
                  "press", "pressure", "encourage", "warn", "order", "request", "appeal",
                  "implore", "beg", "advise", "help"}
MODALS = {"may": "possible", "might": "possible", "could": "possible", "can": "possible",
          "will": "future", "would": "conditional", "shall": "future", "should": "advised",
          "must": "obligated", "'ll": "future", "wo": "future", "ca": "possible"}
# Adverbs that spaCy sometimes attaches as advmod where they act as particles ("step down").
ADVERB_PARTICLES = {"down", "back", "away", "aside", "out", "off", "up", "over", "in"}
OBLIGATION_MODALS = {"must", "should"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Verbs whose object the parser often makes the subject of the next clause ("help Cuba
# modernise", "let Iran enrich").
RAISING = {"help", "let", "make", "enable", "allow", "permit", "force", "see", "watch"}
PERSONAL_PRONOUNS = {"he", "she", "it", "they", "we"}
# Roots whose events may stand without a target (a protest, a mobilisation).
UNTARGETED_ROOTS = {"14", "15"}
PROTEST_ROOT = "14"
# Roots coded both ways for a compound subject without a target.
RECIPROCAL_ROOTS = {"03", "04", "05", "06"}
# Roots of cooperation: refusing them is coded as a rejection.
COOPERATIVE = {"03", "04", "05", "06", "07", "08"}
# Cooperative actions in the future tense are intents (CAMEO 030's usage note).
FUTURE_INTENT_ROOTS = {"04", "05", "06", "07", "08"}
# Coercion and force in the future tense are threats: announced, not done.
FUTURE_THREAT_ROOTS = {"16", "17", "18", "19", "20"}
PLACE_KINDS = {"country", "capital", "city", "region"}
# Roots whose events are done *to* the place where they happen (a visit, a protest, an
# attack); a statement made in Doha is not made to Qatar.
PLACE_TARGET_ROOTS = {"04", "08", "09", "14", "15", "16", "17", "18", "19", "20"}
# How much less sure a target is when it is only the place of the event.
PLACE_TARGET = 0.8


@dataclass(frozen=True)
class Trigger:
    """The code a verb was read as, and why."""

    code: str
    token: Token
    rule: str
    specificity: int
    wrapped: Token | None = None  # the wrapped verb or event noun
    negated: bool = False
    modality: str | None = None
    kind: str | None = None  # the wrapper's kind: intent, appeal, demand, threaten, refuse


class Coder:
    """Codes the sentences of a parsed document."""

    def __init__(self, actors: ActorDictionary, rules: VerbTable,
                 codebook: dict[str, CameoCode]) -> None:
        self.actors = actors
        self.rules = rules
        self.codebook = codebook
        self._known = set(rules.patterns) | {w.split()[0] for w in rules.wrappers} | {
            w.split()[0] for w in rules.light}

    # ---- verbs -------------------------------------------------------------------------
    def _lemma(self, verb: Token) -> str:
        """The verb's lemma, mended where the lemmatizer strips too much ("staged" -> "stag")."""
        lemma = verb.lemma_.lower()
        if lemma in self._known:
            return lemma
        text = verb.lower_
        # "re-examine", "reimpose", "reopen": the verb, done again ("replace" is not "place")
        if lemma.startswith("re-") and lemma[3:] in self._known:
            return lemma[3:]
        rest = lemma[2:]
        if lemma.startswith("re") and len(rest) >= 4 and rest[0] in "aeiou" and rest in self._known:
            return rest
        for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
                             ("es", ""), ("s", "")):
            if text.endswith(suffix):
                guess = text[: -len(suffix)] + repl
                if guess in self._known:
                    return guess
        return lemma

    def _match(self, verb: Token) -> Pattern | None:
        pats = self.rules.patterns.get(self._lemma(verb))
        if not pats:
            return None
        parts = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "agent")
                 or (c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES)}
        obj = _object(verb)
        obj_lemma = obj.lemma_.lower() if obj is not None else None
        obj_words = _compound_words(obj) if obj is not None else set()
        preps = {c.lower_: _pobj(c) for c in verb.children if c.dep_ in ("prep", "agent")}
        for pat in pats:  # most specific first
            if pat.particle is not None and pat.particle not in parts:
                continue
            if pat.objects is not None and (
                obj_lemma is None or not (pat.objects & ({obj_lemma} | obj_words))
            ):
                continue
            if pat.prep_objects is not None:
                pobj = preps.get(pat.prep or "")
                if pobj is None or pobj.lemma_.lower() not in pat.prep_objects:
                    continue
            return pat
        return None

    def _wrapper_kind(self, verb: Token) -> str | None:
        lemma = self._lemma(verb)
        if _obligation(verb) is not None:
            pat = self._match(verb)
            if pat is not None and pat.code.startswith("01"):
                return "demand"  # "reiterated that Libya must hand over": a demand
        for c in verb.children:
            if c.dep_ in ("prt", "prep"):
                kind = self.rules.wrappers.get(f"{lemma} {c.lower_}")
                if kind:
                    return kind
        if any(c.dep_ == "xcomp" for c in verb.children):  # "committed to support"
            kind = self.rules.wrappers.get(f"{lemma} to")
            if kind:
                return kind
        return self.rules.wrappers.get(lemma)

    def trigger(self, verb: Token, depth: int = 0) -> Trigger | None:
        """The code of a verb, following wrapped actions; None when it codes nothing."""
        negated = _negated(verb)
        modality = _modality(verb)
        kind = self._wrapper_kind(verb) if depth < 3 else None
        if kind is not None:
            inner_verb = _wrapped_verb(verb)
            inner: Trigger | None = None
            if kind == "intent" and inner_verb is not None and (
                (inner_verb.dep_ == "xcomp" and _object(verb) is not None)
                or any(c.dep_ == "nsubj" for c in inner_verb.children)
            ):
                kind = "appeal"  # "wants Putin to attack": wanting another to act is an appeal
            if inner_verb is not None:
                inner = self.trigger(inner_verb, depth + 1)
                if inner is not None and inner.negated:
                    inner = None  # "urged ... not to withdraw": an appeal, nothing more
                code = self.rules.derived(kind, inner.code if inner else None)
                rule = f"{kind}:{self._lemma(verb)}>" + (inner.rule if inner else "?")
                return Trigger(code, verb, rule, 3, inner_verb, negated, modality, kind)
            noun = _wrapped_noun(verb)
            own = self._match(verb)
            if own is not None and own.specificity >= 2:
                noun = None  # the verb's own pattern for this object wins: "ordered an inquiry"
            if noun is not None and noun.lemma_.lower() in self.rules.nouns:
                inner_code = self.rules.nouns[noun.lemma_.lower()]
                code = self.rules.derived(kind, inner_code)
                rule = f"{kind}:{self._lemma(verb)}>noun:{noun.lemma_.lower()}"
                return Trigger(code, verb, rule, 3, noun, negated, modality, kind)
        pat = self._match(verb)
        noun = self._light_noun(verb) if pat is None or pat.specificity < 2 else None
        if noun is not None:
            code = self.rules.nouns[noun.lemma_.lower()]
            rule = f"light:{self._lemma(verb)}>noun:{noun.lemma_.lower()}"
            return Trigger(code, verb, rule, 2, noun, negated, modality)
        if pat is None:
            if kind is not None:
                code = self.rules.derived(kind, None)
                return Trigger(code, verb, f"{kind}:{self._lemma(verb)}", 1, None,
                               negated, modality)
            return None
        if pat.code == NO_EVENT:
            return None
        if negated and modality in ("future", "conditional") and pat.code[:2] in COOPERATIVE:
            # "said he would not provide support": a refusal (CAMEO 12), not a negated aid
            code = self.rules.derived("refuse", pat.code)
            return Trigger(code, verb, f"refuse:not>{pat.code}:{pat.text}", pat.specificity,
                           None, False, modality, "refuse")
        if not negated and modality == "future" and pat.code[:2] in FUTURE_INTENT_ROOTS:
            # CAMEO 030: "cooperative actions reported in future tense ... imply intentions"
            code = self.rules.derived("intent", pat.code)
            return Trigger(code, verb, f"intent:will>{pat.code}:{pat.text}", pat.specificity,
                           None, False, modality, "intent")
        if not negated and modality == "future" and pat.code[:2] in FUTURE_THREAT_ROOTS:
            # "will attack", "will impose sanctions": announced, not done; a threat (13)
            code = self.rules.derived("threaten", pat.code)
            return Trigger(code, verb, f"threaten:will>{pat.code}:{pat.text}",
                           pat.specificity, None, False, modality, "threaten")
        return Trigger(pat.code, verb, f"{pat.code}:{pat.text}", pat.specificity, None,
                       negated, modality)

    def _light_noun(self, verb: Token) -> Token | None:
        """The event noun a support verb carries: "launched *an investigation*"."""
        lemma = self._lemma(verb)
        parts = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        if lemma not in self.rules.light and not any(
            f"{lemma} {p}" in self.rules.light for p in parts
        ):
            return None
        obj = _object(verb)
        if obj is not None and obj.lemma_.lower() in self.rules.nouns:
            return obj
        return None

    # ---- sentences ----------------------------------------------------------------------
    def code_sentence(
        self,
        sent: Span,
        *,
        doc_id: str,
        index: int,
        when: date | None,
        quantities: list[Quantity],
        marks: dict[int, tuple[int, int, list[Entry]]],
        caption: bool = False,
    ) -> Iterator[Event]:
        consumed: set[int] = set()
        triggers: list[Trigger] = []
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX") or tok.i in consumed:
                continue
            if _in_background_clause(tok, sent):
                continue
            trig = self.trigger(tok)
            if trig is None:
                continue
            triggers.append(trig)
            inner = trig.wrapped
            while inner is not None:
                consumed.add(inner.i)
                nxt = _wrapped_verb(inner) if inner.pos_ in ("VERB", "AUX") else None
                inner = nxt
        triggers = [t for t in triggers if t.token.i not in consumed]
        seen: set[tuple[str, str | None, str]] = set()
        for trig in triggers:
            for event in self._events(trig, sent, doc_id, index, when, quantities, marks,
                                      caption):
                key = (event.source, event.target, event.cameo)
                if key in seen:
                    continue
                seen.add(key)
                yield event

    def _events(self, trig: Trigger, sent: Span, doc_id: str, index: int, when: date | None,
                quantities: list[Quantity], marks: dict[int, tuple[int, int, list[Entry]]],
                caption: bool) -> Iterator[Event]:
        verb = trig.token
        article_date = when
        # "Obama visited Havana in March 2016": who held office is read as of the clause's date
        when = _clause_date(verb) or when
        subjects = _subjects(verb)
        # "US Predator attacks killed ...": an event noun acts for whoever carried it out
        owner = bool(subjects) and subjects[0].lemma_.lower() in self.rules.nouns
        sources = self._actors(subjects, marks, when, owner=owner)
        reporter = _reporter(verb)
        if reporter is not None and sources:
            # "Israel said *its* forces attacked": the forces are the speaker's
            speakers = self._actors([reporter], marks, when)
            if len(speakers) == 1:
                sources = [self._owned_by(a, speakers[0], sent) for a in sources]
        if not sources:
            return
        own = frozenset(a.country for a in sources if a.country)
        targets = self._actors(_targets(verb), marks, when, owner=True, avoid=own)
        inner = trig.wrapped
        if not targets and inner is not None:
            if inner.pos_ not in ("VERB", "AUX"):
                targets = self._actors(_noun_targets(inner), marks, when, owner=True)
            elif trig.kind in ("appeal", "demand") and inner.dep_ in ("ccomp", "xcomp"):
                # "demanded that the US cancel ...": the demand is made of the clause's subject
                targets = self._actors(_subjects(inner), marks, when)
            if not targets and inner.pos_ in ("VERB", "AUX"):
                targets = self._actors(_targets(inner), marks, when, owner=True, avoid=own)
        row = self.codebook.get(trig.code)
        if row is None:
            return
        place = self._place(verb, marks, when)
        if place is not None:
            sources = [self._locate(a, place) for a in sources]
            targets = [self._locate(a, place) for a in targets]
        pairs: list[tuple[Resolved, Resolved | None]] = []
        if targets:
            pairs = [(s, t) for s in sources for t in targets]
        elif len(sources) > 1 and (row.root in RECIPROCAL_ROOTS or trig.kind == "intent"):
            pairs = [(s, t) for s in sources for t in sources if s is not t]
        else:
            # "exercises in Alaska", "demonstrated in Serbia", "arrived in Amman":
            # with no other target, the place where it happened is the target
            where = place or self._place(_object(verb), marks, when)
            if where is not None and row.root in PLACE_TARGET_ROOTS:
                where = dataclasses.replace(where, certainty=where.certainty * PLACE_TARGET)
                pairs = [(s, where) for s in sources]
            elif row.root in UNTARGETED_ROOTS:
                pairs = [(s, None) for s in sources]
        base = sent.start_char
        trig_span = (verb.idx - base, verb.idx + len(verb.text) - base)
        quants = tuple(q for q in quantities if _qualifies(q, verb, sent))
        for src, tgt in pairs:
            if tgt is not None and tgt.code == src.code:
                if row.root not in UNTARGETED_ROOTS:
                    continue
                tgt = None
            if tgt is None and row.root == PROTEST_ROOT and src.country:
                # a protest with no other target is made against its own government
                tgt = dataclasses.replace(src, code=self.actors.country_code(src.country) + "GOV",
                                          sector="GOV", kind="country", certainty=0.6)
            confidence = _confidence(trig, src, tgt)
            yield Event(
                doc_id=doc_id,
                sentence=index,
                source=src.code,
                target=tgt.code if tgt else None,
                source_country=src.country,
                target_country=tgt.country if tgt else None,
                cameo=row.code,
                plover=row.plover,
                plover_mode=row.plover_mode,
                goldstein=row.goldstein,
                quad_class=row.quad_class,
                date=article_date.isoformat() if article_date else None,
                evidence=sent.text,
                source_span=_char_span(sent, src),
                target_span=_char_span(sent, tgt) if tgt else None,
                trigger_span=trig_span,
                quantities=quants,
                negated=trig.negated,
                modality=trig.modality,
                confidence=confidence,
                rule=f"{self.rules.version}/{trig.rule}",
                source_name=src.name,
                target_name=tgt.name if tgt else None,
                trigger=verb.text,
                caption=caption,
            )

    def _place(self, verb: Token | None, marks: dict[int, tuple[int, int, list[Entry]]],
               when: date | None) -> Resolved | None:
        """The country where the verb's event happened: "met officials *in Moscow*"."""
        if verb is None:
            return None
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
                pobj = _pobj(c)
                if pobj is not None:
                    found = self.actors.resolve(pobj, marks, when)
                    if found is not None and found.country and found.kind in PLACE_KINDS:
                        return found
        return None

    def _owned_by(self, actor: Resolved, owner: Resolved, sent: Span) -> Resolved:
        """A bare sector word under a possessive pronoun belongs to `owner`."""
        if actor.country is not None or actor.kind != "sector":
            return actor
        doc = sent.doc
        head = doc[actor.start:actor.end].root
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her")
                   for c in head.children) or owner.country is None:
            return actor
        code = self.actors.country_code(owner.country) + (actor.sector or "")
        return dataclasses.replace(actor, code=code, country=owner.country,
                                   certainty=actor.certainty * 1.4)

    def _locate(self, actor: Resolved, place: Resolved) -> Resolved:
        """A sector without a country ("officials") takes the country of the place."""
        if actor.country is not None or actor.kind != "sector" or place.country is None:
            return actor
        code = self.actors.country_code(place.country) + (actor.sector or "")
        return dataclasses.replace(actor, code=code, country=place.country,
                                   certainty=actor.certainty * 1.4)

    def _actors(self, heads: list[Token], marks: dict[int, tuple[int, int, list[Entry]]],
                when: date | None, owner: bool = False,
                avoid: frozenset[str] = frozenset()) -> list[Resolved]:
        """The actors of the first head that names one.

        A bare sector word ("recalled its ambassador *to Israel*") and, for a target, an
        actor of the source's own country ("withdraw US troops *from Germany*") give way
        to a later head that names someone else.
        """
        fallback: list[Resolved] = []
        for head in heads:
            found = self.actors.resolve_all(head, marks, when, owner=owner)
            out = [a for a in found if not _is_place(head, a)]
            if out and any((a.country or a.kind != "sector") and
                           (a.country is None or a.country not in avoid) for a in out):
                return out
            if out and not fallback:
                fallback = out
        return fallback


# ---- the parse, read --------------------------------------------------------------------
def _object(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    if _is_passive(verb):
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                return c
    return None


def _compound_words(tok: Token) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ == "pobj":
            return c
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _modality(verb: Token) -> str | None:
    for c in verb.children:
        if c.tag_ == "MD":
            return MODALS.get(c.lower_, "possible")
    head = verb.head
    if verb.dep_ == "xcomp" and head.lower_ == "about":
        return "future"
    return None


def _obligation(verb: Token) -> Token | None:
    """The clause a statement says someone must act in: "said *the US must mediate*"."""
    for c in verb.children:
        if c.dep_ == "ccomp" and any(
            a.dep_ == "aux" and a.lower_ in OBLIGATION_MODALS for a in c.children
        ):
            return c
    return None


def _wrapped_verb(verb: Token) -> Token | None:
    obliged = _obligation(verb)
    if obliged is not None:
        return obliged
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            return c
    for c in verb.children:  # "called on X to ...": the clause hangs from the object
        if c.dep_ in ("dobj", "prep"):
            for g in c.subtree:
                if g.dep_ in ("xcomp", "relcl", "acl") and g.pos_ == "VERB" and any(
                    a.lower_ == "to" and a.dep_ == "aux" for a in g.children
                ):
                    return g
    return None


def _wrapped_noun(verb: Token) -> Token | None:
    """The event noun after a wrapper: "agreed to a loan", "called for talks"."""
    for c in verb.children:
        if c.dep_ in ("dobj",):
            return c
        if c.dep_ in ("prep", "prt"):
            pobj = _pobj(c)
            if pobj is not None:
                return pobj
    return None


def _in_background_clause(tok: Token, sent: Span) -> bool:
    cur = tok
    while cur.dep_ not in ("ROOT",) and cur.head.i != cur.i and cur.i >= sent.start:
        if cur.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in cur.children
        ):
            return True
        cur = cur.head
    return False


def _subjects(verb: Token) -> list[Token]:
    for c in verb.children:
        if c.dep_ == "agent":
            pobj = _pobj(c)
            if pobj is not None:
                return [pobj]
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and not _is_passive(verb)):
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head]
            if c.lower_ in PERSONAL_PRONOUNS:
                antecedent = _reporter(verb)
                if antecedent is not None:
                    return [antecedent]
            return [c]
    if _is_passive(verb):
        return []
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            obj = _object(head)
            if obj is not None:
                return [obj]
        if _is_passive(head):  # "Obama is scheduled to attend": the passive's subject acts
            return [c for c in head.children if c.dep_ == "nsubjpass"]
        return _subjects(head)
    if verb.dep_ == "conj":
        return _subjects(head)
    if verb.dep_ == "relcl":
        return [head]
    if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):
        return _subjects(head)
    if verb.dep_ == "acomp" or head.dep_ == "acomp":
        return _subjects(head)
    return []


def _reporter(verb: Token) -> Token | None:
    """The subject a pronoun in a reported clause stands for: "Obama said *he* would ..."."""
    cur = verb
    while cur.dep_ in ("ccomp", "xcomp", "conj", "advcl") and cur.head.i != cur.i:
        cur = cur.head
        for c in cur.children:
            if c.dep_ == "nsubj" and c.lower_ not in PERSONAL_PRONOUNS:
                return c
    return None


def _targets(verb: Token) -> list[Token]:
    """Candidate target heads of a verb, the likeliest first."""
    if _is_passive(verb):
        return [c for c in verb.children if c.dep_ == "nsubjpass"]
    out: list[Token] = []
    for dep in ("dative", "iobj", "dobj", "obj"):
        for c in verb.children:
            if c.dep_ == dep:
                # "provide support *to Israel*": a dative preposition leads to its object
                pobj = _pobj(c) if c.pos_ == "ADP" else c
                if pobj is not None:
                    out.append(pobj)
    # prepositions of the verb, and of its particle ("kidnapped up *to* 16 advisers")
    preps = [c for c in verb.children if c.dep_ in ("prep", "prt")]
    preps += [g for c in verb.children if c.dep_ == "prt" for g in c.children
              if g.dep_ == "prep"]
    for prep in TARGET_PREPS:
        for c in preps:
            if c.lower_ == prep:
                pobj = _pobj(c)
                if pobj is not None:
                    out.append(pobj)
    for obj in [c for c in verb.children if c.dep_ in ("dobj", "obj")]:
        out.extend(_noun_targets(obj))
    if verb.lemma_.lower() in RAISING and not any(
        c.dep_ in ("dobj", "obj", "dative") for c in verb.children
    ):
        # "help *Cuba* modernise": the parser makes the helped the subject of the clause
        out.extend(g for c in verb.children if c.dep_ == "ccomp" for g in c.children
                   if g.dep_ == "nsubj")
    # "launch an offensive in its war *with Iraq*"
    for c in preps:
        pobj = _pobj(c)
        if pobj is not None:
            out.extend(t for t in _noun_targets(pobj, 1) if t not in out)
    return out


def _noun_targets(noun: Token, depth: int = 0) -> list[Token]:
    """Targets after an event noun: "a suspension of air links *with Serbia*"."""
    out: list[Token] = []
    for prep in NOUN_TARGET_PREPS:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == prep:
                pobj = _pobj(c)
                if pobj is not None:
                    out.append(pobj)
                    if depth == 0:
                        out.extend(_noun_targets(pobj, 1))
    return out


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _clause_date(verb: Token) -> date | None:
    """A date with a year named in the verb's clause ("in March 2016"), else None.

    A month or a year alone stands for its middle, which is enough to tell who
    held an office then.
    """
    ents = verb.doc.ents
    subtree = {t.i for t in verb.subtree}
    for ent in ents:
        if ent.label_ != "DATE" or ent.root.i not in subtree:
            continue
        match = _YEAR.search(ent.text)
        if match is None:
            continue
        year = int(match[1])
        try:
            parsed = dateutil_parser.parse(ent.text, default=datetime(year, 7, 1), fuzzy=True)
        except (ValueError, OverflowError):
            continue
        if parsed.year == year:
            return parsed.date()
    return None


def _is_place(tok: Token, actor: Resolved) -> bool:
    """ "in Moscow", "at the Kremlin": where something happened, not an actor."""
    return (tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS
            and actor.kind in ("capital", "city", "region", "metonym"))


def _qualifies(q: Quantity, verb: Token, sent: Span) -> bool:
    """A quantity belongs to the event whose verb's clause covers it."""
    base = sent.start_char
    toks = [t for t in verb.subtree]
    start = toks[0].idx - base
    end = toks[-1].idx + len(toks[-1].text) - base
    return start <= q.start and q.end <= end


def _char_span(sent: Span, actor: Resolved) -> tuple[int, int]:
    doc = sent.doc
    first, last = doc[actor.start], doc[actor.end - 1]
    return (first.idx - sent.start_char, last.idx + len(last.text) - sent.start_char)


def _confidence(trig: Trigger, src: Resolved, tgt: Resolved | None) -> float:
    score = 0.7 + 0.08 * min(trig.specificity, 3)
    score *= src.certainty * (tgt.certainty if tgt else 0.8)
    if trig.modality in ("possible", "conditional"):
        score *= 0.8
    return round(max(0.05, min(score, 1.0)), 3)
