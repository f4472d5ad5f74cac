"""What a verb says of its act besides the act: negation, modality, an obligation or a
wrapped action ("agreed *to lend*", "urged ... *not to withdraw*"), willingness, an
ultimatum, and the announcements that make an act a threat, an intent or a refusal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .syntax import pobj_of, subject_heads
from .words import (
    COOPERATIVE,
    FUTURE_INTENT_ROOTS,
    FUTURE_THREAT_ROOTS,
    MODALS,
    NOT_THREATS,
    OBLIGATION_MODALS,
    ULTIMATUM_MARKS,
    WILLING,
    hyphen_part,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "announcement", "has_ultimatum", "is_negated", "is_willing", "modality_of", "obligation",
    "ultimatum_subjects", "wrapped_noun", "wrapped_verb",
]

def is_negated(verb: Token) -> bool:
    """Whether the verb is negated ("did *not* attend", "*never* recognised"). A negated
    event is still coded, and flagged."""
    return any(c.dep_ == "neg" for c in verb.children)


def modality_of(verb: Token) -> str | None:
    """The modality its modal verb gives the act ("*could* attack": possible, "*will*
    meet": future, "*should* withdraw": advised, see `MODALS`); "future" for "is about to
    ..."; None for a plain statement."""
    for c in verb.children:
        if c.tag_ == "MD":
            return MODALS.get(c.lower_, "possible")
    head = verb.head
    if verb.dep_ == "xcomp" and head.lower_ == "about":
        return "future"
    return None


def obligation(verb: Token) -> Token | None:
    """The clause a statement says someone must act in: "said *the US must mediate*"."""
    for c in verb.children:
        if c.dep_ == "ccomp" and any(
            a.dep_ == "aux" and a.lower_ in OBLIGATION_MODALS for a in c.children
        ):
            return c
    return None


def wrapped_verb(verb: Token) -> Token | None:
    """The action a verb wraps: "agreed *to lend*", "called on X *to withdraw*", "said
    the US *must mediate*"; None when it wraps none."""
    obliged = obligation(verb)
    if obliged is not None:
        return obliged
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and not hyphen_part(c):
            return c
    for c in verb.children:  # "called on X to ...": the clause hangs from the object
        if c.dep_ in ("dobj", "prep"):
            for g in c.subtree:
                if g.dep_ in ("xcomp", "relcl", "acl") and g.pos_ == "VERB" and any(
                    a.lower_ == "to" and a.dep_ == "aux" for a in g.children
                ):
                    return g
    if any(c.dep_ in ("dobj", "prep") for c in verb.children):
        for c in verb.children:  # "called on X *to withdraw*" hung on the verb as a clause
            if c.dep_ == "advcl" and c.pos_ == "VERB" and c.i > verb.i and any(
                a.lower_ == "to" and a.dep_ == "aux" for a in c.children
            ):
                return c
    return None


def wrapped_noun(verb: Token) -> Token | None:
    """The event noun after a wrapper: "agreed to a loan", "called for talks"."""
    for c in verb.children:
        if c.dep_ in ("dobj",):
            return c
        if c.dep_ in ("prep", "prt"):
            pobj = pobj_of(c)
            if pobj is not None:
                return pobj
    return None


def is_willing(verb: Token) -> bool:
    """ "is *ready* to contribute", "said it was *prepared* to lift": said to be willing."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in WILLING and head.dep_ in (
        "acomp", "amod", "ROOT", "ccomp", "xcomp")


def has_ultimatum(verb: Token) -> bool:
    """The act is made to depend on what someone else does: "... *unless* Israel rescinds"."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ULTIMATUM_MARKS
                                         for m in c.children) for c in verb.children)


def ultimatum_subjects(verb: Token) -> list[Token]:
    """Who must act for the verb's act not to happen: "... *unless Israel* rescinds"."""
    return [s for c in verb.children if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in ULTIMATUM_MARKS | {"if"} for m in c.children)
        for s in subject_heads(c)]


def announcement(code: str, verb: Token, negated: bool,
                 modality: str | None) -> tuple[str, str] | None:
    """How a verb coded `code` announces its act instead of reporting it: (the wrapper
    kind its code turns into, the cue that says so), or None for a reported act.

    - a cooperative act said not to come ("said she *would not send* troops"):
      a refusal, ("refuse", "not");
    - coercion or force to come, or an act made to depend on what the other does ("*will
      attack*", "would boycott", "will withdraw its troops *unless* ..."): a threat,
      ("threaten", "will");
    - cooperation to come, or said to be wished ("*is ready to contribute* troops"): an
      intent, as CAMEO 030 reads "cooperative actions reported in future tense",
      ("intent", "will") or ("intent", the lemma of the word of willingness).
    """
    if negated and modality in ("future", "conditional") and code[:2] in COOPERATIVE:
        return "refuse", "not"
    # "said they would boycott": "would" in reported speech is the future of the past
    future = modality == "future" or (modality == "conditional" and verb.dep_ == "ccomp")
    if not negated and future and code[:2] not in NOT_THREATS and (
        code[:2] in FUTURE_THREAT_ROOTS or has_ultimatum(verb)
    ):
        return "threaten", "will"
    if not negated and (future or is_willing(verb)) and code[:2] in FUTURE_INTENT_ROOTS:
        return "intent", "will" if future else verb.head.lemma_.lower()
    return None
