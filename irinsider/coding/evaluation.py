"""Evaluations: what a statement says an act or an actor is.

CAMEO codes a comment as a mere statement (010) "only when [it does] not further imply
appeals, agreements, support, apologies, demands, disapprovals, rejections, threats": a
statement that judges is coded as its judgement. "France said the decision was
*unacceptable*" is criticism (111), "Israel said the strikes were *justified*" a verbal
defence (052), "Moscow said the reports were *false*" a denial (016). The verb table's
`evaluations` say which words judge, and how; this module finds them in the parse:

- a statement's clause whose predicate is such a word, through a copula or not: "said
  the decision *was unacceptable*", "considers the visit *unacceptable*", "said the
  strikes *were justified*";
- an object and what the verb calls it: "called the decision *unacceptable*", "termed
  the election *a sham*", "described the sanctions *as illegal*".

What is judged is the clause's subject or the verb's object; with an expletive subject,
the subject of the clause it stands for ("said *it* was unacceptable *that Pakistan*
shelled ...", "... *for Beijing* to change ..."). A negated predicate judges nothing
("said the move was *not unacceptable*").
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["COPULAS", "Judgement", "judgement"]

# Verbs that link a subject to what is said of it: "the decision *was* unacceptable".
COPULAS = {"be", "remain", "seem", "appear", "prove", "become", "look", "sound"}
# Dependency labels of what a copula says of its subject.
_PREDICATES = ("acomp", "attr")
# Dependency labels of a clause an expletive "it" stands for: "it was wrong *that* ...".
_EXTRAPOSED = ("ccomp", "xcomp", "advcl", "csubj")
_SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class Judgement:
    """A judging word of a statement, its code, and the head of what it judges (None
    when the parse names nothing: "said *it* was illegal")."""

    code: str
    word: Token
    judged: Token | None


def judgement(verb: Token, words: Mapping[str, str],
              acts: Collection[str] = ()) -> Judgement | None:
    """What `verb`, a statement or a verb that judges, says of an act or actor, by the
    judging `words` of the verb table (word or "modifier word" -> code); None when it
    says nothing that `words` knows. `acts`: nouns that name an act (the verb table's
    event nouns), whose "of" is whom it was done to ("the killing *of civilians*")."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or _negated(clause):
            continue
        if clause.lemma_.lower() in COPULAS:
            for pred in clause.children:
                if pred.dep_ in _PREDICATES and not _negated(pred):
                    code = _code(pred, words)
                    if code is not None:
                        return Judgement(code, pred, _judged(clause, acts))
        # "considers the visit unacceptable", "were justified", not "said Japan welcomed"
        predicate = clause.pos_ in ("ADJ", "NOUN") or (
            clause.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in clause.children))
        code = _code(clause, words) if predicate else None
        if code is not None:
            return Judgement(code, clause, _judged(clause, acts))
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None:
        return None
    for pred in _called(verb, obj):
        code = _code(pred, words)
        if code is not None and not _negated(pred):
            return Judgement(code, pred, obj)
    return None


def _called(verb: Token, obj: Token) -> list[Token]:
    """What a verb calls its object: "termed the vote *a sham*", "described the sanctions
    *as illegal*", "called the decision *unacceptable*" (an adjective after its noun)."""
    out = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp")]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            out += [c for c in prep.children if c.dep_ in ("pobj", "amod", "acomp")]
    out += [c for c in obj.children if c.dep_ == "amod" and c.i > obj.i]
    return out


def _code(word: Token, words: Mapping[str, str]) -> str | None:
    """The code of a judging word, its modified form first ("war crime" before "crime")."""
    lemma = word.lemma_.lower()
    for c in word.children:
        if c.dep_ in ("compound", "amod"):
            code = words.get(f"{c.lemma_.lower()} {lemma}")
            if code is not None:
                return code
    return words.get(lemma) or words.get(word.lower_)


def _judged(clause: Token, acts: Collection[str]) -> Token | None:
    """The head of what a clause judges: its subject, or for an expletive "it" the
    subject of the clause "it" stands for; None for another pronoun or none at all. An
    act judged stands for its doer, never for whom it was done to: "the targeting *of
    civilians*" names no one judged, "*Russia's* targeting of civilians" does."""
    subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        return None
    if subject.lower_ == "it":
        for c in clause.children:
            if c.dep_ in _EXTRAPOSED and c.i > subject.i:
                inner = next((s for s in c.children if s.dep_ in _SUBJECTS), None)
                if inner is not None and inner.pos_ != "PRON":
                    return inner
        return None
    if subject.pos_ == "PRON":
        return None
    lemma = subject.lemma_.lower()
    if (lemma in acts or lemma.endswith("ing")) and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in subject.children
    ):
        doer = [c for c in subject.children if c.dep_ in ("poss", "compound", "amod")]
        doer += [p for c in subject.children if c.dep_ == "prep" and c.lower_ == "by"
                 for p in c.children if p.dep_ == "pobj"]
        return doer[0] if doer else None
    return subject


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)
