"""PETRARCH's verb transformations: an event told under another verb, coded as one event.

A verbs dictionary ends with lines such as

    ~ a (a b ATTACK) SAY = a b 015      "Gondor said it attacked Mordor": a claim (015)
    ~ a (b . ATTACK) SAY = a b 112      "Gondor said Mordor attacked": an accusation (112)
    ~ a (_ b ATTACK) WANT = a b 138     "Gondor wants to attack Mordor": a threat (138)
    ~ a (a b Q) SAY = a b Q             "Gondor said it would aid Rohan": the aid itself

The upper verb (SAY) governs the lower event's clause; letters name actors: the upper
verb's subject (``a``), the lower event's source and target. A letter met again must be
the same actors; ``.`` is any actor or none, ``_`` no actor of the lower verb's own (an
infinitive: "wants *to attack*"); ``Q`` any lower code, and in the result the lower
event's code. A lower verb is matched by its code: ATTACK's (190) takes every code of its
root (19x), ASSASSINATE's (186) those under 186.

`transform(rule, ...)` gives the (source, target, code) of the one event that replaces the
upper and lower verbs' own, or None when the rule does not hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from .verbs import NULL_CODE, Transformation, VerbDictionary

__all__ = ["ANY", "NONE", "ANY_CODE", "transform", "verb_code_prefix"]

ANY, NONE, ANY_CODE = ".", "_", "Q"

class _Actor(Protocol):
    @property
    def code(self) -> str: ...


A = TypeVar("A", bound=_Actor)  # an actor, as the coder resolves it


def verb_code_prefix(verbs: VerbDictionary, verb: str) -> str | None:
    """The code prefix a lower verb named in a transformation matches: "attack" -> "19"
    (its code 190, a root), "assassinate" -> "186"; None for a verb that codes nothing."""
    forms = verbs.forms.get(verb.lower(), [])
    codes = [verbs.code_of(f).split(":")[0] for f in forms]
    code = next((c for c in codes if c and c != NULL_CODE), None)
    if code is None:
        return None
    return code[:2] if len(code) == 3 and code.endswith("0") else code


def _same(left: Sequence[A], right: Sequence[A]) -> bool:
    """Whether two sets of actors are the same actors (and some)."""
    codes = {a.code for a in left}
    return bool(codes) and codes == {a.code for a in right}


def transform(rule: Transformation, verbs: VerbDictionary, upper_sources: Sequence[A],
              lower_sources: Sequence[A], lower_targets: Sequence[A], own_subject: bool,
              lower_code: str) -> tuple[list[A], list[A], str] | None:
    """The sources, targets and code `rule` makes of a lower event under its upper verb,
    or None when it does not hold. `own_subject`: whether the lower verb has a subject of
    its own in the parse (an infinitive has none)."""
    if rule.lower_verb.upper() != ANY_CODE:
        prefix = verb_code_prefix(verbs, rule.lower_verb)
        if prefix is None or not lower_code.startswith(prefix):
            return None
    if not upper_sources:
        return None
    bound: dict[str, Sequence[A]] = {rule.source: upper_sources}
    # the lower event's source
    letter = rule.lower_source
    if letter == NONE:
        if own_subject:
            return None
    elif letter != ANY:
        if letter in bound:
            if own_subject and not _same(lower_sources, bound[letter]):
                return None
        elif not lower_sources or _same(lower_sources, upper_sources):
            return None
        else:
            bound[letter] = lower_sources
    # the lower event's target
    letter = rule.lower_target
    if letter == NONE:
        if lower_targets:
            return None
    elif letter != ANY:
        if letter in bound:
            if not _same(lower_targets, bound[letter]):
                return None
        elif not lower_targets:
            return None
        else:
            bound[letter] = lower_targets
    sources, targets = bound.get(rule.result_source), bound.get(rule.result_target)
    if not sources or not targets:
        return None
    code = lower_code if rule.code.upper() == ANY_CODE else rule.code
    return list(sources), list(targets), code
