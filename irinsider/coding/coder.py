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

This module holds the verb side (patterns, wrappers, event nouns) and writes the
events; the parse is read by `syntax`, what a verb says of its act (negation, modality,
an announced act) by `modality`, who did it to whom by `participants`, all by the word
lists of `words`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..codebook import CameoCode
from ..model import Event, Quantity
from .actors import ActorDictionary, Marks, Resolved
from .clauses import clause_date
from .context import DocContext
from .evaluation import judgement
from .modality import (
    announcement,
    is_negated,
    modality_of,
    obligation,
    wrapped_noun,
    wrapped_verb,
)
from .participants import cast
from .rules import NO_EVENT, Pattern, VerbTable
from .syntax import (
    char_span,
    in_background_clause,
    is_noun_content,
    object_of,
    object_words,
    pobj_of,
    purpose_of,
    qualifies,
)
from .words import (
    ADVERB_PARTICLES,
    ASPECTUAL,
    CIRCUMSTANCE_MARKS,
    FRAME_NOUNS,
    INTRANSITIVE_PROTESTS,
    MEASURES,
    PLACE_PREPS,
    PROTEST_ROOT,
    RAISING,
    UNATTRIBUTED_ROOTS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Coder", "Trigger"]


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
    # of an intent (03x), the code of the action intended: "agreed to lend" -> 071
    intended: str | None = None


class Coder:
    """Codes the sentences of a parsed document."""

    def __init__(self, actors: ActorDictionary, rules: VerbTable,
                 codebook: dict[str, CameoCode], embedded_actions: bool = False) -> None:
        """`embedded_actions`: code an intent as the action intended ("agreed to lift the
        sanctions": 085, not 0354), as PETRARCH-2 does."""
        self.actors = actors
        self.rules = rules
        self.codebook = codebook
        self.embedded_actions = embedded_actions
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
        lemma = self._lemma(verb)
        pats: Sequence[Pattern] = self.rules.patterns.get(lemma, ())
        # "re" + a vowel-initial verb ("reimpose", "reopen"), not "reform" or "restore"
        again = lemma[3:] if lemma.startswith("re-") else lemma[2:] if (
            lemma.startswith("re") and lemma[2:3] in ("a", "e", "i", "o", "u")) else ""
        if again in self._known and again != lemma:
            # "reimposed blockades": the patterns of "impose" too, after those of "reimpose"
            pats = [*pats, *self.rules.patterns.get(again, ())]
        if not pats:
            return None
        parts = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "agent")
                 or (c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES)}
        obj = object_of(verb)
        obj_lemma = obj.lemma_.lower() if obj is not None else None
        obj_words = object_words(obj) if obj is not None else set()
        if obj is None and verb.lemma_.lower() in RAISING:
            # "allow refugees *to return*": the allowed act stands for the object
            act = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")
                        and c.pos_ == "VERB"), None)
            if act is not None:
                obj_lemma = act.lemma_.lower()
                obj_words = {obj_lemma}
        preps = {c.lower_: pobj_of(c) for c in verb.children if c.dep_ in ("prep", "agent")}
        for pat in pats:  # most specific first
            if pat.particle is not None and pat.particle not in parts:
                continue
            if pat.objects is not None and (
                obj_lemma is None or not (pat.objects & ({obj_lemma} | obj_words))
            ):
                continue
            if pat.prep_objects is not None:
                # "asked for air defence *systems*": the object's modifiers count, as for
                # a direct object
                pobj = preps.get(pat.prep or "")
                if pobj is None or not pat.prep_objects & object_words(pobj):
                    continue
            return pat
        return None

    def _wrapper_kind(self, verb: Token) -> str | None:
        lemma = self._lemma(verb)
        if obligation(verb) is not None:
            pat = self._match(verb)
            if pat is not None and pat.code.startswith("01"):
                return "demand"  # "repeated that Chad must return the funds": a demand
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
        negated = is_negated(verb)
        modality = modality_of(verb)
        kind = self._wrapper_kind(verb) if depth < 3 else None
        pat = self._match(verb)
        if kind is not None:
            inner_verb = wrapped_verb(verb)
            inner: Trigger | None = None
            if kind == "intent" and inner_verb is not None and (
                (inner_verb.dep_ == "xcomp" and object_of(verb) is not None)
                or any(c.dep_ == "nsubj" for c in inner_verb.children)
            ):
                kind = "appeal"  # "wants Putin to attack": wanting another to act is an appeal
            if inner_verb is not None:
                inner = self.trigger(inner_verb, depth + 1)
                if inner is not None and inner.negated:
                    inner = None  # "urged ... not to withdraw": an appeal, nothing more
                # a wrapped act that codes nothing leaves the wrapper's own pattern for its
                # object: "refused *permission* to dock" is 1245, not a bare refusal
                if inner is not None or pat is None or pat.specificity < 2:
                    code = self.rules.derived(kind, inner.code if inner else None)
                    rule = f"{kind}:{self._lemma(verb)}>" + (inner.rule if inner else "?")
                    intended = (inner.intended or inner.code) if inner is not None else None
                    return Trigger(code, verb, rule, 3, inner_verb, negated, modality, kind,
                                   _intended(kind, code, intended))
            noun = wrapped_noun(verb)
            if pat is not None and pat.specificity >= 2:
                noun = None  # the verb's own pattern for this object wins: "ordered an inquiry"
            inner_code = self._noun_code(noun) if noun is not None else None
            if noun is not None and inner_code is not None:
                code = self.rules.derived(kind, inner_code)
                rule = f"{kind}:{self._lemma(verb)}>noun:{noun.lemma_.lower()}"
                return Trigger(code, verb, rule, 3, noun, negated, modality, kind,
                               _intended(kind, code, inner_code))
            alone = self._unwrapped(verb) if inner_verb is None else None
            if alone is not None:
                # "called on the president": wrapping nothing, the wrapper is a visit
                return Trigger(alone, verb, f"alone:{self._lemma(verb)}", 2, None, negated,
                               modality)
        suffered = self._undergone(verb, negated, modality) if kind is None else None
        if suffered is not None:
            return suffered
        noun = self._light_noun(verb)
        if noun is not None and pat is not None and pat.specificity >= 2 \
                and not self._compound_noun(noun):
            noun = None  # the verb's own pattern for this object wins, unless the noun is a
            # two-word event ("launched war games" is not "launched a war")
        if noun is not None:
            code = self._noun_code(noun) or ""
            rule = f"light:{self._lemma(verb)}>noun:{noun.lemma_.lower()}"
            return Trigger(code, verb, rule, 2, noun, negated, modality)
        if noun is None and ((pat is None and self._lemma(verb) in ASPECTUAL)
                             or _takes_place(verb)):
            # "riots against Israeli policies are continuing", "Putin's visit to Cuba took
            # place on Monday": the event is the subject
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            subj_code = self._noun_code(subj) if subj is not None else None
            if subj is not None and subj_code is not None:
                rule = f"aspect:{self._lemma(verb)}>noun:{subj.lemma_.lower()}"
                return Trigger(subj_code, verb, rule, 2, subj, negated, modality)
        if kind is None and (self._lemma(verb) in self.rules.judges or (
                pat is not None and pat.code in ("010", "014"))):
            judged = judgement(verb, self.rules.evaluations, self.rules.nouns)
            if judged is not None:
                # "said the decision was unacceptable": a judgement, not a mere statement
                rule = f"evaluate:{self._lemma(verb)}>{judged.word.lemma_.lower()}"
                return Trigger(judged.code, verb, rule, 2, judged.judged, negated, modality,
                               "evaluate")
        if pat is None:
            if kind is not None:
                code = self.rules.derived(kind, None)
                return Trigger(code, verb, f"{kind}:{self._lemma(verb)}", 1, None,
                               negated, modality)
            return None
        if pat.code == NO_EVENT or _other_sense(pat, verb, self._lemma(verb)):
            return None
        announced = announcement(pat.code, verb, negated, modality)
        if announced is not None:
            # announced, not done: "would not provide support" is a refusal (12), not a
            # negated aid; "will attack" a threat (13); "is ready to contribute" an intent (03)
            wrapper, cue = announced
            code = self.rules.derived(wrapper, pat.code)
            return Trigger(code, verb, f"{wrapper}:{cue}>{pat.code}:{pat.text}",
                           pat.specificity, None, False, modality, wrapper,
                           _intended(wrapper, code, pat.code))
        return Trigger(pat.code, verb, f"{pat.code}:{pat.text}", pat.specificity, None,
                       negated, modality)

    def _undergone(self, verb: Token, negated: bool, modality: str | None) -> Trigger | None:
        """ "Kyiv *came under attack* from Russian drones": the subject suffers what the
        noun after "under" names, done by whoever is named after "from" or "by" (the
        trigger's `wrapped`, None when no one is)."""
        if self._lemma(verb) != "come":
            return None
        under = next((pobj_of(c) for c in verb.children
                      if c.dep_ == "prep" and c.lower_ == "under"), None)
        if under is None:
            return None
        lemma = under.lemma_.lower()
        code = next((self.rules.undergone[f"{c.lemma_.lower()} {lemma}"] for c in under.children
                     if c.dep_ in ("compound", "amod")
                     and f"{c.lemma_.lower()} {lemma}" in self.rules.undergone),
                    self.rules.undergone.get(lemma))
        if code is None:
            return None
        doer = next((pobj_of(c) for h in (verb, under) for c in h.children
                     if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")), None)
        return Trigger(code, verb, f"undergo:{lemma}", 2, doer, negated, modality, "undergo")

    def _unwrapped(self, verb: Token) -> str | None:
        """The act a wrapper is when it wraps nothing and asks for nothing: "called on the
        president" (a visit), but not "called on Israel *for* restraint"."""
        lemma = self._lemma(verb)
        parts = [c for c in verb.children if c.dep_ in ("prt", "prep")]
        code = next((self.rules.unwrapped[f"{lemma} {c.lower_}"] for c in parts
                     if f"{lemma} {c.lower_}" in self.rules.unwrapped), None)
        if code is None or any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in verb.children):
            return None
        asked = [c for c in parts if f"{lemma} {c.lower_}" not in self.rules.unwrapped
                 and c.lower_ not in PLACE_PREPS + ("during", "after", "before", "on")]
        return None if asked else code

    def _light_noun(self, verb: Token) -> Token | None:
        """The event noun a support verb carries: "launched *an investigation*"."""
        lemma = self._lemma(verb)
        parts = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        if lemma not in self.rules.light and not any(
            f"{lemma} {p}" in self.rules.light for p in parts
        ):
            return None
        obj = object_of(verb)
        if obj is not None and (obj.lemma_.lower() in MEASURES or obj.pos_ == "NUM"):
            # "began two weeks *of naval drills*"
            obj = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in (pobj_of(c),) if p is not None), obj)
        if obj is not None and self._noun_code(obj) is not None:
            return obj
        return None

    def _compound_noun(self, noun: Token) -> bool:
        lemma = noun.lemma_.lower()
        return any(f"{c.lemma_.lower()} {lemma}" in self.rules.nouns for c in noun.children
                   if c.dep_ in ("compound", "amod"))

    def _noun_code(self, noun: Token) -> str | None:
        """The code of an event noun, a modified one first: "a *hunger* strike" is not
        the "strike" of an air force."""
        lemma = noun.lemma_.lower()
        for c in noun.children:
            if c.dep_ in ("compound", "amod"):
                code = self.rules.nouns.get(f"{c.lemma_.lower()} {lemma}")
                if code is not None:
                    return code
        code = self.rules.nouns.get(lemma)
        if code is None and lemma in FRAME_NOUNS:
            # "a *mediation* mission", "a *peace* initiative": the modifier names the event
            code = next((self.rules.nouns[c.lemma_.lower()] for c in noun.children
                         if c.dep_ == "compound" and c.lemma_.lower() in self.rules.nouns), None)
        return code

    # ---- sentences ----------------------------------------------------------------------
    def code_sentence(
        self,
        sent: Span,
        *,
        doc_id: str,
        index: int,
        when: date | None,
        quantities: list[Quantity],
        marks: Marks,
        caption: bool = False,
        context: DocContext | None = None,
    ) -> Iterator[Event]:
        """The events of one sentence, each (source, target, code) once. `marks`: the
        Doc's actor names (`ActorDictionary.mark`); `when`: the article's date;
        `context`: what the article says the Doc's pronouns, surnames and titles stand
        for (`read_context`)."""
        consumed: set[int] = set()
        triggers: list[Trigger] = []
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX") or tok.i in consumed:
                continue
            if in_background_clause(tok, sent) or is_noun_content(tok):
                continue
            trig = self.trigger(tok)
            if trig is None:
                continue
            triggers.append(trig)
            inner = trig.wrapped
            if trig.kind is not None and inner is not None and inner.pos_ in ("VERB", "AUX"):
                # what is urged, demanded, threatened or promised, all of it, is not (yet)
                # an event: "said Brazil has to be prepared *to negotiate*"
                consumed.update(t.i for t in inner.subtree if t.pos_ in ("VERB", "AUX"))
            while inner is not None:
                consumed.add(inner.i)
                nxt = wrapped_verb(inner) if inner.pos_ in ("VERB", "AUX") else None
                inner = nxt
        triggers = [t for t in triggers if t.token.i not in consumed]
        circumstance = {t.token.i for t in triggers
                        if in_background_clause(t.token, sent, CIRCUMSTANCE_MARKS)}
        if len(circumstance) < len(triggers):
            triggers = [t for t in triggers if t.token.i not in circumstance]
        # "telephoned Kozyrev *to discuss* ...": a purpose is not an event of its own
        coded = {t.token.i for t in triggers}
        triggers = [t for t in triggers if purpose_of(t.token) not in coded]
        violent = {t.token.i for t in triggers if t.code[:2] in UNATTRIBUTED_ROOTS}
        # "shelled Juba, *killing* about 20 people": the toll of an attack, not a second one
        triggers = [t for t in triggers if not (
            t.token.dep_ == "advcl" and t.token.tag_ == "VBG" and t.token.head.i in violent
            and t.code[:2] in UNATTRIBUTED_ROOTS)]
        seen: set[tuple[str, str | None, str]] = set()
        for trig in triggers:
            for event in self._events(trig, sent, doc_id, index, when, quantities, marks,
                                      caption, context):
                key = (event.source, event.target, event.cameo)
                if key in seen:
                    continue
                seen.add(key)
                yield event

    def _events(self, trig: Trigger, sent: Span, doc_id: str, index: int, when: date | None,
                quantities: list[Quantity], marks: Marks, caption: bool,
                context: DocContext | None = None) -> Iterator[Event]:
        verb = trig.token
        row = self.codebook.get(trig.code)
        if row is None:
            return
        # with --embedded-actions an intent is coded as the action intended; who did it to
        # whom is read as for the intent
        coded = row
        if self.embedded_actions and trig.intended is not None:
            coded = self.codebook.get(trig.intended, row)
        # "Obama visited Havana in March 2016": who held office is read as of the clause's date
        held = _clause_date(verb, when) or when
        pairs, unattributed = cast(self.actors, self.rules.nouns, row, verb, kind=trig.kind,
                                   inner=trig.wrapped, sent=sent, marks=marks, when=held,
                                   context=context)
        base = sent.start_char
        trig_span = (verb.idx - base, verb.idx + len(verb.text) - base)
        quants = tuple(q for q in quantities if qualifies(q, verb, sent))
        for src, tgt in pairs:
            yield Event(
                doc_id=doc_id,
                sentence=index,
                source=src.code,
                target=tgt.code if tgt else None,
                source_country=src.country,
                target_country=tgt.country if tgt else None,
                cameo=coded.code,
                plover=coded.plover,
                plover_mode=coded.plover_mode,
                goldstein=coded.goldstein,
                quad_class=coded.quad_class,
                date=when.isoformat() if when else None,
                evidence=sent.text,
                source_span=char_span(sent, src),
                target_span=char_span(sent, tgt) if tgt else None,
                trigger_span=trig_span,
                quantities=quants,
                negated=trig.negated,
                modality=trig.modality,
                confidence=_confidence(trig, src, tgt),
                rule=f"{self.rules.version}/{trig.rule}" + ("/scene" if unattributed else "")
                + ("/embedded" if coded is not row else "")
                + ("/context" if src.via or (tgt is not None and tgt.via) else ""),
                source_name=src.name,
                target_name=tgt.name if tgt else None,
                trigger=verb.text,
                caption=caption,
                intended_cameo=trig.intended,
            )


def _other_sense(pat: Pattern, verb: Token, lemma: str) -> bool:
    """A protest verb with a direct object means something else: "stood alone,
    *demonstrating* its isolation" shows, "*rallied* support" gathers; neither protests."""
    return (pat.code.startswith(PROTEST_ROOT) and pat.objects is None
            and lemma in INTRANSITIVE_PROTESTS
            and any(c.dep_ in ("dobj", "obj", "ccomp") for c in verb.children))


def _takes_place(verb: Token) -> bool:
    """ "took place": the subject's event happened."""
    obj = object_of(verb)
    return verb.lemma_.lower() == "take" and obj is not None and obj.lower_ == "place" and \
        not any(c.dep_ in ("det", "poss", "amod") for c in obj.children)


def _intended(kind: str | None, code: str, action: str | None) -> str | None:
    """The action an intent (03x) intends, by the codebook's note on 030: "agreed to lift
    the sanctions" is an intent (0354) to ease sanctions (085). None for other wrappers,
    and where the intent is the action's own code ("agreed to demand" is a demand)."""
    if kind != "intent" or action is None or not code.startswith("03") or action == code:
        return None
    return action


def _clause_date(verb: Token, base: date | None) -> date | None:
    """The date named in the verb's clause ("in March 2016", "last year"), else None.

    A month or a year alone stands for its middle, which is enough to tell who
    held an office then.
    """
    found = clause_date(verb, base)
    return found.middle if found is not None else None


def _confidence(trig: Trigger, src: Resolved, tgt: Resolved | None) -> float:
    score = 0.7 + 0.08 * min(trig.specificity, 3)
    score *= src.certainty * (tgt.certainty if tgt else 0.8)
    if trig.modality in ("possible", "conditional"):
        score *= 0.8
    return round(max(0.05, min(score, 1.0)), 3)
