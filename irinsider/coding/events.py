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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..codebook import CameoCode
from ..model import Event, Quantity
from .actors import ActorDictionary, Entry, Resolved
from .clauses import clause_date
from .rules import NO_EVENT, Pattern, VerbTable

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

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
# clauses of circumstance: background when the sentence reports something else, else the news
# ("resigned *as* the opposition threatened ..." / "the stopover came *as* he prepared to ...")
CIRCUMSTANCE_MARKS = {"as", "while", "because", "whereas"}
# Verbs whose object is the subject of the wrapped verb: "urged Trump not to withdraw".
OBJECT_CONTROL = {"urge", "ask", "call", "tell", "invite", "persuade", "force", "allow",
                  "press", "pressure", "encourage", "warn", "order", "request", "appeal",
                  "implore", "beg", "advise", "help"}
# nouns for a statement whose -ing clause says what its author does: "a declaration demanding"
SPEECH_NOUNS = {"statement", "declaration", "letter", "resolution", "communique", "message",
                "note", "appeal", "report", "petition", "decree", "motion", "speech",
                "ultimatum", "memorandum", "complaint"}
# nouns that only frame an event their modifier names: "a mediation mission"
FRAME_NOUNS = {"mission", "effort", "initiative", "operation", "campaign", "process", "bid",
               "attempt", "plan", "programme", "program", "round", "session", "visit"}
# verbs that say an event goes on, starts or happens: "riots *continued*", "a war *broke out*"
ASPECTUAL = {"continue", "begin", "start", "erupt", "occur", "escalate", "intensify",
             "spread", "resume", "rage", "flare", "persist", "happen", "unfold"}
# "be opposed to", "be committed to": a state of the subject, not a passive
STATIVE_PARTICIPLES = {"oppose", "commit", "dedicate", "devote", "determine", "prepare",
                       "resolve", "concern", "worry", "disappoint", "satisfy", "interest"}
MODALS = {"may": "possible", "might": "possible", "could": "possible", "can": "possible",
          "will": "future", "would": "conditional", "shall": "future", "should": "advised",
          "must": "obligated", "'ll": "future", "wo": "future", "ca": "possible"}
# nouns that measure or count what follows "of": "700 kg of medicine"
MEASURES = {"kg", "kilogram", "ton", "tonne", "pound", "litre", "liter", "barrel", "worth",
            "amount", "number", "lot", "batch", "shipment", "consignment", "load", "cargo",
            "dozen", "hundred", "thousand", "million", "billion", "package", "supply",
            "quantity", "crate", "box", "truckload", "planeload", "shipload", "kind", "type",
            "day", "week", "month", "year", "hour", "round", "series", "wave"}
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
# codes the codebook calls reciprocal events: one actor's talks with another are the
# other's talks with it (019, 041, 046, 057, 061, 062; 0871: a ceasefire agreed by both
# sides). 040 and 044 are "typically" reciprocal but also cover attending an event.
RECIPROCAL_CODES = {"019", "041", "046", "057", "061", "062", "0871"}
PARTNER_PREPS = {"with", "to", "between", "among"}
# Roots of cooperation: refusing them is coded as a rejection.
COOPERATIVE = {"03", "04", "05", "06", "07", "08"}
# Cooperative actions in the future tense are intents (CAMEO 030's usage note).
FUTURE_INTENT_ROOTS = {"04", "05", "06", "07", "08"}
# Coercion and force in the future tense are threats: announced, not done.
FUTURE_THREAT_ROOTS = {"14", "16", "17", "18", "19", "20"}
# codes that stay what they are when announced for later or made conditional
NOT_THREATS = {"01", "02", "03", "10", "11", "12", "13"}
ULTIMATUM_MARKS = {"unless", "until"}
WILLING = {"ready", "prepared", "willing", "eager", "prepare", "keen", "open"}
PLACE_KINDS = {"country", "capital", "city", "region"}
# Roots whose events are done *to* the place where they happen (a visit, a protest, an
# attack); a statement made in Doha is not made to Qatar.
PLACE_TARGET_ROOTS = {"04", "08", "09", "13", "14", "15", "16", "17", "18", "19", "20"}
# How much less sure a target is when it is only the place of the event.
PLACE_TARGET = 0.8
# sectors that act inside their own country: with no country of their own named, rebels,
# parties, citizens ... acting on a country's government or people are that country's
# concessions a government makes to its own people (CAMEO 0811-0814, 082, 0832-0834)
DOMESTIC_CONCESSIONS = {"0811", "0812", "0813", "0814", "082", "0832", "0833", "0834"}
STATE_SECTORS = {"GOV", "COP", "JUD", "LEG"}
DOMESTIC_SECTORS = {"REB", "OPP", "PTY", "CVL", "REF", "EDU", "LAB", "AGR", "REL", "MED",
                    "ETH", "UAF", "HRI", "CRM"}
# coercion and violence (CAMEO 17-20) with no named doer is coded from the country it
# happened in: "were arrested in Turkey", "a bomb near Samarra killed"
UNATTRIBUTED_ROOTS = {"17", "18", "19", "20"}
UNATTRIBUTED = 0.5  # certainty factor of such a source
MISHAPS = {"accident", "crash", "collision", "earthquake", "flood", "storm", "disease",
           "illness", "cancer", "stampede", "landslide", "avalanche", "hurricane", "typhoon",
           "cyclone", "drowning", "overdose", "derailment"}
WEAPONS = {"bomb", "device", "explosive", "explosion", "blast", "mine", "minefield", "rocket",
           "missile", "shell", "mortar", "grenade", "bullet", "gunman", "sniper", "ied",
           "landmine", "drone", "artillery", "suicide"}
SCENE_PREPS = ("in", "at", "near", "outside", "inside", "around", "over", "across")


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
        obj = _object(verb)
        obj_lemma = obj.lemma_.lower() if obj is not None else None
        obj_words = _object_words(obj) if obj is not None else set()
        if obj is None and verb.lemma_.lower() in RAISING:
            # "allow refugees *to return*": the allowed act stands for the object
            act = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")
                        and c.pos_ == "VERB"), None)
            if act is not None:
                obj_lemma = act.lemma_.lower()
                obj_words = {obj_lemma}
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
        pat = self._match(verb)
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
            if pat is not None and pat.specificity >= 2:
                noun = None  # the verb's own pattern for this object wins: "ordered an inquiry"
            inner_code = self._noun_code(noun) if noun is not None else None
            if noun is not None and inner_code is not None:
                code = self.rules.derived(kind, inner_code)
                rule = f"{kind}:{self._lemma(verb)}>noun:{noun.lemma_.lower()}"
                return Trigger(code, verb, rule, 3, noun, negated, modality, kind)
        noun = self._light_noun(verb)
        if noun is not None and pat is not None and pat.specificity >= 2 \
                and not self._compound_noun(noun):
            noun = None  # the verb's own pattern for this object wins, unless the noun is a
            # two-word event ("launched war games" is not "launched a war")
        if noun is not None:
            code = self._noun_code(noun) or ""
            rule = f"light:{self._lemma(verb)}>noun:{noun.lemma_.lower()}"
            return Trigger(code, verb, rule, 2, noun, negated, modality)
        if pat is None and noun is None and self._lemma(verb) in ASPECTUAL:
            # "riots against Israeli policies are continuing": the event is the subject
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            subj_code = self._noun_code(subj) if subj is not None else None
            if subj is not None and subj_code is not None:
                rule = f"aspect:{self._lemma(verb)}>noun:{subj.lemma_.lower()}"
                return Trigger(subj_code, verb, rule, 2, subj, negated, modality)
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
        # "said they would boycott": "would" in reported speech is the future of the past
        future = modality == "future" or (modality == "conditional" and verb.dep_ == "ccomp")
        if not negated and future and pat.code[:2] not in NOT_THREATS and (
            pat.code[:2] in FUTURE_THREAT_ROOTS or _ultimatum(verb)
        ):
            # "will attack", "would boycott", "will withdraw its troops unless ...": announced,
            # not done, or made to depend on what the other does: a threat (13)
            code = self.rules.derived("threaten", pat.code)
            return Trigger(code, verb, f"threaten:will>{pat.code}:{pat.text}",
                           pat.specificity, None, False, modality, "threaten")
        if not negated and (future or _willing(verb)) and pat.code[:2] in FUTURE_INTENT_ROOTS:
            # "is ready to contribute troops": willingness, as the 03x definitions say
            # CAMEO 030: "cooperative actions reported in future tense ... imply intentions"
            code = self.rules.derived("intent", pat.code)
            cue = "will" if future else verb.head.lemma_.lower()
            return Trigger(code, verb, f"intent:{cue}>{pat.code}:{pat.text}", pat.specificity,
                           None, False, modality, "intent")
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
        if obj is not None and (obj.lemma_.lower() in MEASURES or obj.pos_ == "NUM"):
            # "launched 10 days *of war games*"
            obj = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in (_pobj(c),) if p is not None), obj)
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
        marks: dict[int, tuple[int, int, list[Entry]]],
        caption: bool = False,
    ) -> Iterator[Event]:
        consumed: set[int] = set()
        triggers: list[Trigger] = []
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX") or tok.i in consumed:
                continue
            if _in_background_clause(tok, sent) or _noun_content(tok):
                continue
            trig = self.trigger(tok)
            if trig is None:
                continue
            triggers.append(trig)
            inner = trig.wrapped
            if trig.kind is not None and inner is not None and inner.pos_ in ("VERB", "AUX"):
                # what is urged, demanded, threatened or promised, all of it, is not (yet)
                # an event: "said the US must be ready *to mediate*"
                consumed.update(t.i for t in inner.subtree if t.pos_ in ("VERB", "AUX"))
            while inner is not None:
                consumed.add(inner.i)
                nxt = _wrapped_verb(inner) if inner.pos_ in ("VERB", "AUX") else None
                inner = nxt
        triggers = [t for t in triggers if t.token.i not in consumed]
        circumstance = {t.token.i for t in triggers
                        if _in_background_clause(t.token, sent, CIRCUMSTANCE_MARKS)}
        if len(circumstance) < len(triggers):
            triggers = [t for t in triggers if t.token.i not in circumstance]
        # "telephoned Kozyrev *to discuss* ...": a purpose is not an event of its own
        coded = {t.token.i for t in triggers}
        triggers = [t for t in triggers if _purpose_of(t.token) not in coded]
        violent = {t.token.i for t in triggers if t.code[:2] in UNATTRIBUTED_ROOTS}
        # "shelled Juba, *killing* about 20 people": the toll of an attack, not a second one
        triggers = [t for t in triggers if not (
            t.token.dep_ == "advcl" and t.token.tag_ == "VBG" and t.token.head.i in violent
            and t.code[:2] in UNATTRIBUTED_ROOTS)]
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
        when = _clause_date(verb, when) or when
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
        row = self.codebook.get(trig.code)
        if row is None:
            return
        unattributed = False
        if not sources and row.root in UNATTRIBUTED_ROOTS and not trig.kind \
                and self._unnamed_perpetrator(verb, subjects):
            # "a roadside bomb near Samarra killed two soldiers": violence with no named
            # perpetrator is placed in the country where it happened, as the peers do
            where = self._scene(verb, marks, when)
            if where is not None:
                sources = [dataclasses.replace(where, certainty=where.certainty * UNATTRIBUTED)]
                unattributed = True
        if not sources:
            return
        own = frozenset(a.country for a in sources if a.country)
        targets = self._actors(_targets(verb), marks, when, owner=True, avoid=own)
        if len(sources) == 1:
            # "Turkey defended the right of *its* troops": the source's own
            targets = [self._owned_by(a, sources[0], sent) for a in targets]
        inner = trig.wrapped
        if not targets and inner is not None:
            if inner.pos_ not in ("VERB", "AUX"):
                targets = self._actors(_noun_targets(inner), marks, when, owner=True)
                if not targets and trig.kind in ("appeal", "demand"):
                    # "insisted on its demands *that Burundi's government* grant ...": the
                    # one asked is the subject of the noun's clause
                    targets = self._actors(
                        [s for c in inner.children if _noun_content(c) for s in _subjects(c)],
                        marks, when)
            elif trig.kind in ("appeal", "demand") and inner.dep_ in ("ccomp", "xcomp"):
                # "demanded that the US cancel ...": the demand is made of the clause's subject
                targets = self._actors(_subjects(inner), marks, when)
            if not targets and inner.pos_ in ("VERB", "AUX"):
                targets = self._actors(_targets(inner), marks, when, owner=True, avoid=own)
        if not targets and (trig.kind == "threaten" or _ultimatum(verb)):
            # "threatened a strike *unless Israel* rescinded ...": the one who must act
            targets = self._actors(_ultimatum_subjects(verb) or (
                _ultimatum_subjects(inner) if inner is not None else []),
                marks, when, avoid=own)
        place = self._place(verb, marks, when)
        if place is not None:
            sources = [self._locate(a, place) for a in sources]
            targets = [self._locate(a, place) for a in targets]
        if targets and own and row.root in PLACE_TARGET_ROOTS and all(
            t.country in own for t in targets
        ):
            # "Israel strengthened its forces in Lebanon": its own forces are what it
            # acts with; the place is whom it acts on
            where = place or self._first_place(_place_holders(verb), marks, when)
            if where is not None and where.country not in own:
                targets = []
        pairs: list[tuple[Resolved, Resolved | None]] = []
        if unattributed:
            # "a journalist was killed in Beirut": in and against the place, and the
            # soldiers killed there are its own unless the sentence says whose
            targets = [self._locate(a, sources[0]) for a in targets] or sources
        if targets:
            pairs = [(s, t) for s in sources for t in targets]
            if row.code in RECIPROCAL_CODES and not unattributed:
                # the codebook: talks, phone calls, signed agreements are reciprocal events
                pairs += [(t, s) for s in sources for t in targets
                          if t.code and (t.country or t.kind != "sector")
                          and _participant(sent.doc, t)]
        elif len(sources) > 1 and (row.root in RECIPROCAL_ROOTS or trig.kind == "intent"
                                   or row.code in RECIPROCAL_CODES):
            pairs = [(s, t) for s in sources for t in sources if s is not t]
        else:
            # "exercises in Alaska", "demonstrated in Serbia", "arrived in Amman":
            # with no other target, the place where it happened is the target
            holders = _place_holders(verb)
            if inner is not None and inner.pos_ in ("VERB", "AUX"):
                # "threatened to impose a curfew *in Algiers*"
                holders += [inner, *_place_holders(inner)]
            where = place or self._first_place(holders, marks, when)
            if where is not None and row.root in PLACE_TARGET_ROOTS:
                where = dataclasses.replace(where, certainty=where.certainty * PLACE_TARGET)
                pairs = [(s, where) for s in sources]
            elif row.root in UNTARGETED_ROOTS or row.code in DOMESTIC_CONCESSIONS:
                pairs = [(s, None) for s in sources]
        base = sent.start_char
        trig_span = (verb.idx - base, verb.idx + len(verb.text) - base)
        quants = tuple(q for q in quantities if _qualifies(q, verb, sent))
        scene: Resolved | None = None
        looked = False  # the scene is looked up once, when needed
        for src, tgt in pairs:
            if (src.country is None and src.kind == "sector") or (
                tgt is not None and tgt.country is None and tgt.kind == "sector"
            ):
                if not looked:
                    looked = True
                    scene = self._scene(verb, marks, when) or (
                        self._scene(inner, marks, when)
                        if inner is not None and inner.pos_ in ("VERB", "AUX") else None
                    ) or self._scene(sent.root, marks, when)
                if scene is not None:
                    # "people killed in Tel Aviv", "refugees in Iraq": the place says whose
                    src = self._locate(src, scene)
                    if tgt is not None:
                        tgt = self._locate(tgt, scene)
                if src.country is None and src.sector in DOMESTIC_SECTORS and tgt is not None \
                        and tgt.country is not None and tgt.kind != "igo":
                    # "rebels tried to kill Prime Minister Allawi": a country's own rebels
                    src = self._locate(src, tgt)
                if tgt is not None and tgt.country is None and tgt.sector in STATE_SECTORS \
                        and src.country is not None and src.sector in DOMESTIC_SECTORS:
                    # "miners threw stones at police": their own country's police
                    tgt = self._locate(tgt, src)
            if tgt is not None and tgt.code == src.code and not unattributed:
                if row.root not in UNTARGETED_ROOTS:
                    continue
                tgt = None
            if tgt is None and row.root == PROTEST_ROOT and src.country:
                # a protest with no other target is made against its own government
                tgt = dataclasses.replace(src, code=self.actors.country_code(src.country) + "GOV",
                                          sector="GOV", kind="country", certainty=0.6)
            elif tgt is None and row.code in DOMESTIC_CONCESSIONS and src.country:
                # "lifted a state of emergency": eased for the country's own people
                tgt = dataclasses.replace(src, code=self.actors.country_code(src.country),
                                          sector=None, kind="country", certainty=0.6)
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
                rule=f"{self.rules.version}/{trig.rule}" + ("/scene" if unattributed else ""),
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

    def _unnamed_perpetrator(self, verb: Token, subjects: list[Token]) -> bool:
        """The clause names no one who did it: an agentless passive ("was killed"), or a
        weapon or attack as the doer ("a car bomb killed", "killed by an explosive device")."""
        if any(a.lower_ == "to" and a.dep_ == "aux" for a in verb.children):
            return False  # an infinitive ("the right to fire"): not a reported act
        if any(t.lemma_.lower() in MISHAPS for t in _own_clause(verb)):
            return False  # "killed in a car accident": no one did it
        if not subjects:
            return _is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN")
        doer = subjects[0]
        words = {doer.lemma_.lower()} | _compound_words(doer)
        return bool(words & WEAPONS) or any(
            self.rules.nouns.get(w, "")[:2] in UNATTRIBUTED_ROOTS for w in words)

    def _scene(self, verb: Token, marks: dict[int, tuple[int, int, list[Entry]]],
               when: date | None) -> Resolved | None:
        """The country named as the scene anywhere in the verb's clause: "a bombing *near
        Samarra*", "a device *outside the Iraqi city of Basra*", "killed *in Ukraine*"."""
        for tok in _own_clause(verb):
            if tok.dep_ != "prep" or tok.lower_ not in SCENE_PREPS:
                continue
            pobj = _pobj(tok)
            heads = [pobj] if pobj is not None else []
            heads += [g for c in tok.children if c.dep_ == "prep" for g in c.children
                      if g.dep_ == "pobj"]  # "outside of Basra"
            for head in heads:
                for cand in (head, *(g for c in head.children if c.dep_ == "prep"
                                     and c.lower_ == "of" for g in c.children
                                     if g.dep_ == "pobj")):
                    found = self.actors.resolve(cand, marks, when)
                    if found is not None and found.country and (
                        found.kind in PLACE_KINDS or found.kind == "metonym"
                        or cand.pos_ == "NOUN"  # "the Iraqi city"
                    ):
                        return found
        return None

    def _first_place(self, holders: list[Token],
                     marks: dict[int, tuple[int, int, list[Entry]]],
                     when: date | None) -> Resolved | None:
        """The first place named "in ..." after one of `holders`."""
        return next((p for p in (self._place(h, marks, when) for h in holders)
                     if p is not None), None)

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


def _participant(doc: Doc, actor: Resolved) -> bool:
    """The actor takes part in the act (an object, "talks *with* X"), not a place or a
    topic ("a summit *in* Switzerland", "talks *on* Iran")."""
    head = doc[actor.start:actor.end].root
    while head.head.i != head.i and (
        head.dep_ in ("conj", "appos")
        or (head.dep_ == "pobj" and head.head.lower_ == "of")  # "leaders *of* Romania"
    ):
        head = head.head if head.dep_ != "pobj" else head.head.head
    if head.dep_ in ("dobj", "obj", "dative", "iobj", "nsubjpass"):
        return True
    return head.dep_ == "pobj" and head.head.lower_ in PARTNER_PREPS


def _place_holders(verb: Token) -> list[Token]:
    """Words whose "in ..." names where the verb's act happened: its object ("exercises
    in Alaska") and the objects of its target prepositions ("fired at targets in Jericho")."""
    out = [o for o in (_object(verb),) if o is not None]
    out += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
            for p in (_pobj(c),) if p is not None]
    return out


def _compound_words(tok: Token) -> set[str]:
    return {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}


def _object_words(obj: Token) -> set[str]:
    """The words an object pattern may name: the head's modifiers, its conjuncts
    ("photographs and other military *intelligence*") and what a measure counts
    ("700 kg of *medicine*", "$50,000 worth of *goods*")."""
    heads = [obj, *obj.conjuncts]
    for head in list(heads):
        if head.lemma_.lower() in MEASURES or head.pos_ in ("NUM", "SYM"):
            heads.extend(_pobj(c) or c for c in head.children
                         if c.dep_ == "prep" and c.lower_ == "of")
    words: set[str] = set()
    for head in heads:
        words.add(head.lemma_.lower())
        words |= _compound_words(head)
    return words


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ == "pobj":
            return c
    if prep.dep_ in ("prep", "dative") and not any(c.dep_ == "pcomp" for c in prep.children):
        # the parser sometimes makes the object of a preposition the subject of a reduced
        # relative clause after it: "granted asylum to [five officers] holed up in ..."
        for tok in prep.doc[prep.i + 1: min(prep.i + 7, prep.sent.end)]:
            if tok.is_punct or tok.pos_ in ("VERB", "AUX"):
                break
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i > tok.i \
                    and tok.pos_ in ("NOUN", "PROPN", "PRON"):
                return tok
    return None


def _is_passive(verb: Token) -> bool:
    if verb.lemma_.lower() in STATIVE_PARTICIPLES and not any(
        c.dep_ == "agent" for c in verb.children
    ):
        return False  # "Israel is opposed to French mediation": Israel opposes it
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _own_clause(verb: Token) -> list[Token]:
    """The verb's clause without the clauses under it ("if war starts in Iraq")."""
    out: list[Token] = []
    stack = [verb]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children
                     if c.dep_ not in ("advcl", "ccomp", "relcl", "xcomp", "conj", "parataxis"))
    return sorted(out, key=lambda t: t.i)


def _hyphen_part(tok: Token) -> bool:
    """A piece of a hyphenated word the tokenizer cut ("re" and "-" of "re-open")."""
    doc = tok.doc
    return tok.text == "-" or (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-"
                               and not doc[tok.i].whitespace_)


def _reflexive(tok: Token) -> bool:
    return tok.lower_ in ("themselves", "itself", "himself", "herself", "ourselves")


def _noun_content(verb: Token) -> bool:
    """The content of a noun ("demanded an admission *that forces murdered* ...", "the
    claim that ..."): what is asked or claimed, not a reported event."""
    return verb.dep_ in ("acl", "ccomp", "relcl") and verb.head.pos_ == "NOUN" and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def _misparsed_main(verb: Token) -> bool:
    """The parser made a sentence's main verb a modifier of its subject ("[Bolivian miners
    resorted] to throwing stones"): a verb hung on a root noun that still takes an object
    or a clause of its own."""
    head = verb.head
    # the noun is the root, or a second subject of its verb ("[youths resorted to ...],
    # officials said")
    stranded = head.dep_ == "ROOT" or (
        head.dep_ == "nsubj" and sum(c.dep_ == "nsubj" for c in head.head.children) > 1)
    return (verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and stranded
            and head.pos_ in ("NOUN", "PROPN")
            and not any(c.dep_ == "auxpass" for c in verb.children)
            and any(c.dep_ in ("dobj", "xcomp", "ccomp") or (
                c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children))
                for c in verb.children))


def _purpose_of(verb: Token) -> int | None:
    """The verb whose purpose an infinitive states ("met *to discuss*"), else None."""
    if verb.dep_ not in ("advcl", "relcl", "acl") or not any(
        a.dep_ == "aux" and a.lower_ == "to" for a in verb.children
    ):
        return None
    head = verb.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head.i if head.pos_ in ("VERB", "AUX") and head.i != verb.i else None


def _ultimatum_subjects(verb: Token) -> list[Token]:
    return [s for c in verb.children if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in ULTIMATUM_MARKS | {"if"} for m in c.children)
        for s in _subjects(c)]


def _willing(verb: Token) -> bool:
    """ "is *ready* to contribute", "said it was *prepared* to lift": said to be willing."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in WILLING and head.dep_ in (
        "acomp", "amod", "ROOT", "ccomp", "xcomp")


def _ultimatum(verb: Token) -> bool:
    """The act is made to depend on what someone else does: "... *unless* Israel rescinds"."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ULTIMATUM_MARKS
                                         for m in c.children) for c in verb.children)


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
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and not _hyphen_part(c):
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


def _in_background_clause(tok: Token, sent: Span, marks: set[str] = BACKGROUND_MARKS) -> bool:
    cur = tok
    while cur.dep_ not in ("ROOT",) and cur.head.i != cur.i and cur.i >= sent.start:
        if cur.dep_ in ("advcl", "relcl", "acl", "pcomp") and any(
            c.dep_ == "mark" and c.lower_ in marks for c in cur.children
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
    if (verb.dep_ == "advcl" or (verb.dep_ in ("relcl", "acl") and head.dep_ == "pobj")) \
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children):
        # "gathered for a rally *to protest* ...": the purpose is the gatherers'
        clause = head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if clause.pos_ in ("VERB", "AUX") and clause.i != verb.i:
            return _subjects(clause)
        return []
    if _misparsed_main(verb):
        return [head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.lemma_.lower() in SPEECH_NOUNS:
        # "issued a declaration *demanding* ...": the declaration's author demands
        clause = head.head
        if clause.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "obj"):
            return _subjects(clause)
        return []
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep":
        # "resorted to *throwing* stones"; "accused Iran of *arming* rebels": the object
        # of a verb followed by "of"/"from" does it, else the verb's subject
        clause = head.head
        if clause.pos_ not in ("VERB", "AUX"):
            return []
        obj = _object(clause)
        if head.lower_ in ("of", "from") and obj is not None and not _is_passive(clause):
            return [obj]
        return _subjects(clause)
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
        # "a camp *for Congolese refugees* was attacked": the phrase's people, failing the head
        heads = [c for c in verb.children if c.dep_ == "nsubjpass"]
        return heads + [t for h in heads for t in _noun_targets(h)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not _misparsed_main(verb):
        # a reduced passive: "soldiers *killed* in Ukraine" - the noun is what it happened to
        return [verb.head, *(c for c in verb.children if c.dep_ == "dative")]
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
        for part in (obj, *obj.conjuncts):  # "launched artillery and rocket fire *against*"
            out.extend(t for t in _noun_targets(part) if t not in out)
    out = [t for t in out if not _reflexive(t)]  # "blew *themselves* up": no one else
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


def _clause_date(verb: Token, base: date | None) -> date | None:
    """The date named in the verb's clause ("in March 2016", "last year"), else None.

    A month or a year alone stands for its middle, which is enough to tell who
    held an office then.
    """
    found = clause_date(verb, base)
    return found.middle if found is not None else None


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
