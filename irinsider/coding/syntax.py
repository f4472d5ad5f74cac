"""Reading the dependency parse: a verb's subjects and objects, the targets after it,
its clause and the clauses it sits in, and where a phrase lies in its sentence.

All functions take spaCy tokens and read only the parse (labels, heads, lemmas); what a
phrase names is left to the actor dictionary (`actors`), and who of those named did
what to whom to `participants`.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from ..model import Quantity
from .actors import Resolved
from .words import (
    AUTHORING,
    BACKGROUND_MARKS,
    MEASURES,
    NOUN_TARGET_PREPS,
    OBJECT_CONTROL,
    PARTNER_PREPS,
    PERSONAL_PRONOUNS,
    PLACE_PREPS,
    RAISING,
    RELATIVE_PRONOUNS,
    SPEECH_NOUNS,
    STATIVE_PARTICIPLES,
    TARGET_PREPS,
    WEAPONS,
    compound_words,
    is_reflexive,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Verbs that only say who reports a sentence: ", the ministry said".
REPORTING = frozenset({"say", "report", "tell", "add", "announce", "state", "claim",
                       "confirm", "quote", "write", "tweet", "reveal", "note", "allege"})
# What follows "by" when it says how, not who: "by telephone", "by road".
MEANS = frozenset({"telephone", "phone", "road", "air", "sea", "land", "car", "bus",
                   "train", "plane", "boat", "foot", "helicopter", "video", "mail", "email",
                   "letter", "decree", "vote", "force", "margin", "way", "means"})

__all__ = [
    "char_span", "doer_behind", "far_agent", "from_first", "in_background_clause",
    "is_background", "is_noun_content", "is_participant", "is_passive", "is_place",
    "misparsed_main", "noun_targets", "object_of", "object_words", "own_clause",
    "place_holders", "pobj_of", "purpose_of", "purposes", "qualifies", "reporter_of",
    "shared_objects", "subject_heads", "target_heads", "that_subjects", "is_reporter",
]

def object_of(verb: Token) -> Token | None:
    """The verb's direct object, or the subject of a passive ("sanctions *were* imposed")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    if is_passive(verb):
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                return c
    return None


def pobj_of(prep: Token) -> Token | None:
    """The object of a preposition, where the parser may have hung it elsewhere."""
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


def is_passive(verb: Token) -> bool:
    """A passive verb ("was attacked"), but not a state ("is opposed to")."""
    if verb.lemma_.lower() in STATIVE_PARTICIPLES and not any(
        c.dep_ == "agent" for c in verb.children
    ):
        return False  # "Peru is opposed to Bolivian claims": Peru opposes them
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def object_words(obj: Token) -> set[str]:
    """The words an object pattern may name: the head's modifiers, its conjuncts
    ("photographs and other military *intelligence*") and what a measure counts
    ("700 kg of *medicine*", "$50,000 worth of *goods*")."""
    heads = [obj, *obj.conjuncts]
    for head in list(heads):
        if head.lemma_.lower() in MEASURES or head.pos_ in ("NUM", "SYM"):
            heads.extend(pobj_of(c) or c for c in head.children
                         if c.dep_ == "prep" and c.lower_ == "of")
    words: set[str] = set()
    for head in heads:
        words.add(head.lemma_.lower())
        words |= compound_words(head)
    return words


def own_clause(verb: Token) -> list[Token]:
    """The verb's clause without the clauses under it ("if war starts in Iraq")."""
    out: list[Token] = []
    stack = [verb]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children
                     if c.dep_ not in ("advcl", "ccomp", "relcl", "xcomp", "conj", "parataxis"))
    return sorted(out, key=lambda t: t.i)


def is_noun_content(verb: Token) -> bool:
    """The content of a noun ("demanded an admission *that forces murdered* ...", "the
    claim that ..."): what is asked or claimed, not a reported event."""
    return verb.dep_ in ("acl", "ccomp", "relcl") and verb.head.pos_ == "NOUN" and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def misparsed_main(verb: Token) -> bool:
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


def purpose_of(verb: Token) -> int | None:
    """The verb whose purpose an infinitive states ("met *to discuss*"), else None."""
    if verb.dep_ not in ("advcl", "relcl", "acl") or not any(
        a.dep_ == "aux" and a.lower_ == "to" for a in verb.children
    ):
        return None
    head = verb.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head.i if head.pos_ in ("VERB", "AUX") and head.i != verb.i else None


def is_background(clause: Token, subordinators: Collection[str] = BACKGROUND_MARKS) -> bool:
    """Whether the clause headed by `clause` opens with one of `subordinators`, by default
    those of background clauses, which carry no event of their own: "*after* Russia
    attacked", "*if* talks fail", "*since* the war began"."""
    return any(c.dep_ == "mark" and c.lower_ in subordinators for c in clause.children)


def in_background_clause(tok: Token, sent: Span,
                         subordinators: Collection[str] = BACKGROUND_MARKS) -> bool:
    """Whether `tok` lies in a clause of `sent` opened by one of `subordinators` (see
    `is_background`): in "After Russia *attacked* Ukraine, Poland condemned it" the attack
    is background, the condemnation the news."""
    cur = tok
    while cur.dep_ not in ("ROOT",) and cur.head.i != cur.i and cur.i >= sent.start:
        if cur.dep_ in ("advcl", "relcl", "acl", "pcomp") and is_background(cur, subordinators):
            return True
        cur = cur.head
    return False


def _author(noun: Token) -> list[Token]:
    """Who wrote a statement the subject adopted, issued or signed ("the Assembly adopted a
    *resolution*"); [] for any other noun."""
    clause = noun.head
    if (noun.lemma_.lower() in SPEECH_NOUNS and noun.dep_ in ("dobj", "obj")
            and clause.pos_ in ("VERB", "AUX") and clause.lemma_.lower() in AUTHORING):
        return subject_heads(clause)
    return []


def subject_heads(verb: Token) -> list[Token]:
    """The heads of the phrase that did what the verb says, the likeliest first: the
    subject, the ``by`` agent of a passive, the subject shared with a governing or
    coordinated verb, the antecedent of a pronoun in reported speech ("Obama said *he*
    ..."), or the noun a relative clause hangs from. [] when the parse names none."""
    for c in verb.children:
        if c.dep_ == "agent":
            pobj = pobj_of(c)
            if pobj is not None:
                return [doer_behind(pobj)]
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and not is_passive(verb)):
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                # "adopted a resolution *that condemned* ...": the resolution's author
                return _author(verb.head) or [verb.head]
            if c.lower_ in PERSONAL_PRONOUNS:
                antecedent = reporter_of(verb)
                if antecedent is not None:
                    return [antecedent]
            return [c]
    if is_passive(verb):
        far = far_agent(verb)
        return [far] if far is not None else []
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            obj = object_of(head)
            if obj is not None:
                return [obj]
        if is_passive(head):  # "Obama is scheduled to attend": the passive's subject acts
            return [c for c in head.children if c.dep_ == "nsubjpass"]
        return subject_heads(head)
    if verb.dep_ == "conj":
        return subject_heads(head)
    if (verb.dep_ == "advcl" or (verb.dep_ in ("relcl", "acl") and head.dep_ == "pobj")) \
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children):
        # "gathered for a rally *to protest* ...": the purpose is the gatherers'
        clause = head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if clause.pos_ in ("VERB", "AUX") and clause.i != verb.i:
            return subject_heads(clause)
        return []
    if misparsed_main(verb):
        return [head]
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.lemma_.lower() in SPEECH_NOUNS:
        # "issued a declaration *demanding* ...": the declaration's author demands
        clause = head.head
        if clause.pos_ in ("VERB", "AUX") and head.dep_ in ("dobj", "obj"):
            return subject_heads(clause)
        return []
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep":
        # "resorted to *throwing* stones"; "accused Iran of *arming* rebels": the object
        # of a verb followed by "of"/"from" does it, else the verb's subject
        clause = head.head
        if clause.pos_ not in ("VERB", "AUX"):
            return []
        obj = object_of(clause)
        if head.lower_ in ("of", "from") and obj is not None and not is_passive(clause):
            return [obj]
        return subject_heads(clause)
    if verb.dep_ == "relcl":
        return [head]
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(
            a.dep_ == "aux" and a.lower_ == "having" for a in verb.children):
        return []  # "*Asked* whether ..., he said": he was asked; who asked is not said
    if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN"):
        return subject_heads(head)
    if verb.dep_ == "acomp" or head.dep_ == "acomp":
        return subject_heads(head)
    return []


def doer_behind(agent: Token) -> Token:
    """Who is behind a weapon named as the doer: "shot down by *a missile* fired by
    Russian forces" -> "forces"; else the agent itself."""
    if agent.lemma_.lower() not in WEAPONS and not compound_words(agent) & WEAPONS:
        return agent
    for tok in agent.subtree:
        if tok.dep_ == "agent" and tok.head.i != agent.i and tok.head.pos_ == "VERB":
            pobj = pobj_of(tok)
            if pobj is not None and pobj.i != agent.i:
                return doer_behind(pobj)
    return agent


def far_agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive that the parser hung on a noun of the verb's own
    place or time phrase: "was attacked near *the border by Taliban gunmen*"."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ == "by":
            continue
        pobj = pobj_of(prep)
        if pobj is None or pobj.pos_ not in ("NOUN", "PROPN"):
            continue
        for c in pobj.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                agent = pobj_of(c)
                if agent is not None and agent.pos_ in ("NOUN", "PROPN") \
                        and agent.lemma_.lower() not in MEANS:
                    return doer_behind(agent)
    return None


def purposes(verb: Token) -> list[Token]:
    """The infinitives that say what a verb's act was for: "fired tear gas *to disperse*
    the crowd"."""
    return [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def that_subjects(verb: Token) -> list[Token]:
    """The subjects of the clauses a verb says something of: "alleged *that India* had
    shelled ..."."""
    return [s for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")
            for s in subject_heads(c)]


def shared_objects(verb: Token) -> list[Token]:
    """The object a verb shares with the verb coordinated right after it: "condemned
    and *sanctioned Ukraine*"."""
    if any(c.dep_ in ("dobj", "obj", "dative") for c in verb.children):
        return []
    doc = verb.doc
    return [g for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
            and c.i == verb.i + 2 and doc[verb.i + 1].lower_ in ("and", "or")
            and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)
            for g in c.children if g.dep_ in ("dobj", "obj")]


def from_first(verb: Token, heads: list[Token]) -> list[Token]:
    """Heads with what the verb moves away *from* first: "withdrew its troops *from
    Georgia* to Armenia"."""
    away = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
            for p in (pobj_of(c),) if p is not None]
    return [*away, *(h for h in heads if h not in away)]


def is_reporter(tok: Token) -> bool:
    """A phrase after a comma that only says who reports the sentence, which the parser
    made an object: "struck targets in Iraq, *the state news agency* reported"."""
    doc = tok.doc
    start = tok.left_edge.i
    return start > 0 and doc[start - 1].text == "," and any(
        c.dep_ in ("acl", "relcl") and c.lemma_.lower() in REPORTING
        and not any(g.dep_ in ("dobj", "obj", "ccomp") for g in c.children)
        for c in tok.children)


def reporter_of(verb: Token) -> Token | None:
    """The subject a pronoun in a reported clause stands for: "Obama said *he* would ..."."""
    cur = verb
    while cur.dep_ in ("ccomp", "xcomp", "conj", "advcl") and cur.head.i != cur.i:
        cur = cur.head
        for c in cur.children:
            if c.dep_ == "nsubj" and c.lower_ not in PERSONAL_PRONOUNS:
                return c
    return None


def target_heads(verb: Token) -> list[Token]:
    """Candidate target heads of a verb, the likeliest first."""
    if is_passive(verb):
        # "a shelter *for Afghan migrants* was raided": the phrase's people, failing the head
        heads = [c for c in verb.children if c.dep_ == "nsubjpass"]
        return heads + [t for h in heads for t in noun_targets(h)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not misparsed_main(verb):
        # a reduced passive: "soldiers *killed* in Ukraine" - the noun is what it happened to
        return [verb.head, *(c for c in verb.children if c.dep_ == "dative")]
    out: list[Token] = []
    for dep in ("dative", "iobj", "dobj", "obj"):
        for c in verb.children:
            if c.dep_ == dep:
                # "provide support *to Israel*": a dative preposition leads to its object
                pobj = pobj_of(c) if c.pos_ == "ADP" else c
                if pobj is not None:
                    out.append(pobj)
    # prepositions of the verb, and of its particle ("kidnapped up *to* 16 advisers")
    preps = [c for c in verb.children if c.dep_ in ("prep", "prt")]
    preps += [g for c in verb.children if c.dep_ == "prt" for g in c.children
              if g.dep_ == "prep"]
    for prep in TARGET_PREPS:
        for c in preps:
            if c.lower_ == prep:
                pobj = pobj_of(c)
                if pobj is not None:
                    out.append(pobj)
    for obj in [c for c in verb.children if c.dep_ in ("dobj", "obj")]:
        for part in (obj, *obj.conjuncts):  # "launched artillery and rocket fire *against*"
            out.extend(t for t in noun_targets(part) if t not in out)
    out.extend(t for t in shared_objects(verb) if t not in out)
    # ", the state news agency reported": who reports it is no one it is done to
    out = [t for t in out if not is_reporter(t)]
    out = [t for t in out if not is_reflexive(t)]  # "blew *themselves* up": no one else
    if verb.lemma_.lower() in RAISING and not any(
        c.dep_ in ("dobj", "obj", "dative") for c in verb.children
    ):
        # "help *Cuba* modernise": the parser makes the helped the subject of the clause
        out.extend(g for c in verb.children if c.dep_ == "ccomp" for g in c.children
                   if g.dep_ == "nsubj")
    # "launch an offensive in its war *with Iraq*"
    for c in preps:
        pobj = pobj_of(c)
        if pobj is not None:
            out.extend(t for t in noun_targets(pobj, 1) if t not in out)
    return out


def noun_targets(noun: Token, depth: int = 0) -> list[Token]:
    """Targets after an event noun: "a halt to rail freight *with Belarus*"."""
    out: list[Token] = []
    for prep in NOUN_TARGET_PREPS:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == prep:
                pobj = pobj_of(c)
                if pobj is not None:
                    out.append(pobj)
                    if depth == 0:
                        out.extend(noun_targets(pobj, 1))
    return out


def is_participant(doc: Doc, actor: Resolved) -> bool:
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


def place_holders(verb: Token) -> list[Token]:
    """Words whose "in ..." names where the verb's act happened: its object ("exercises
    in Alaska") and the objects of its target prepositions ("fired at targets in Jericho")."""
    out = [o for o in (object_of(verb),) if o is not None]
    out += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
            for p in (pobj_of(c),) if p is not None]
    return out


def is_place(tok: Token, actor: Resolved) -> bool:
    """ "in Moscow", "at the Kremlin": where something happened, not an actor."""
    return (tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS
            and actor.kind in ("capital", "city", "region", "metonym"))


def qualifies(q: Quantity, verb: Token, sent: Span) -> bool:
    """A quantity belongs to the event whose verb's clause covers it."""
    base = sent.start_char
    toks = [t for t in verb.subtree]
    start = toks[0].idx - base
    end = toks[-1].idx + len(toks[-1].text) - base
    return start <= q.start and q.end <= end


def char_span(sent: Span, actor: Resolved) -> tuple[int, int]:
    """Where an actor's words lie in its sentence: (start, end) characters from the
    sentence's start."""
    doc = sent.doc
    first, last = doc[actor.start], doc[actor.end - 1]
    return (first.idx - sent.start_char, last.idx + len(last.text) - sent.start_char)
