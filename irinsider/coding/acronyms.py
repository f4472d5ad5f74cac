"""Acronyms an article defines: "the African Union Commission (AUC) ... the AUC said".

A name followed by an acronym in parentheses makes the acronym stand for the same actor
in the rest of the article: "the Rapid Support Forces (RSF)", "the Sudanese Armed Forces
(SAF)". The article's own definition comes before what the dictionaries say of the
acronym: in a story that writes "Reporters Without Borders (RSF)", RSF is not Sudan's
Rapid Support Forces. Only an actor is defined so: an organisation, a group, a country
or a country's body ("the Sudanese Armed Forces"), not a person or a place.

The pipeline marks an article's Docs in order and hands each to `with_acronyms` with one
`defined` table for the whole article: a Doc's acronyms defined there or earlier are
marked, and its definitions are added to the table.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from .actors import CAPITAL, CITY, COUNTRY, GROUP, IGO, LEADER, METONYM, USER, Entry, Marks

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .actors import ActorDictionary

__all__ = ["is_acronym", "with_acronyms"]

# Two to ten letters and digits, capitals at both ends: "RSF", "AUC", "M23", "EU", "AU".
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&]{0,8}[A-Z0-9]")
# Kinds of dictionary entry that name an actor an acronym may stand for.
_ACTOR_KINDS = {COUNTRY, METONYM, IGO, GROUP, USER}


def is_acronym(text: str) -> bool:
    """ "RSF", "M23", "MoD": mostly capitals, maybe digits; not a capitalised word."""
    upper = sum(c.isupper() for c in text)
    return (bool(_ACRONYM.fullmatch(text)) and upper + sum(c.isdigit() for c in text) >= 2
            and sum(c.islower() for c in text) < upper)


def with_acronyms(doc: Doc, marks: Marks, defined: dict[str, list[Entry]],
                  actors: ActorDictionary, when: date | None = None) -> Marks:
    """`marks` with the acronyms of `defined` marked in `doc` (over what the dictionaries
    say of them), and the definitions `doc` makes ("... Forces (RSF)") added to
    `defined`; `actors` resolves a defined phrase the dictionaries know only by its words
    ("the Sudanese Armed Forces"), as of `when`."""
    out = dict(marks)
    for tok in doc:
        held = out.get(tok.i)
        if tok.text in defined and (held is None or held[:2] == (tok.i, tok.i + 1)):
            out[tok.i] = (tok.i, tok.i + 1, defined[tok.text])
        entries = _definition(tok, out, actors, when)
        if entries:
            defined[tok.text] = entries
            out[tok.i] = (tok.i, tok.i + 1, entries)
    return out


def _definition(tok: Token, marks: Marks, actors: ActorDictionary,
                when: date | None) -> list[Entry] | None:
    """What an acronym in parentheses after a name stands for: "... Forces *(RSF)*"."""
    doc = tok.doc
    i = tok.i
    if not (1 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")"
            and is_acronym(tok.text)):
        return None
    name = doc[i - 2]
    mark = marks.get(name.i)
    if mark is not None and mark[1] == name.i + 1:
        entries = [e for e in mark[2] if e.kind in _ACTOR_KINDS]
        if entries and all(e.kind != LEADER for e in mark[2]):
            return entries
    if name.pos_ not in ("NOUN", "PROPN"):
        return None
    # "the Sudanese Armed Forces (SAF)": a country's body named by its words
    found = actors.resolve(name, marks, when)
    if found is None or found.kind in (LEADER, CITY, CAPITAL) or (
        found.country is None and found.kind != IGO
    ):
        return None
    phrase = doc[name.left_edge.i:name.i + 1].text
    if found.kind == IGO:
        return [Entry(IGO, phrase, code=found.code)]
    return [Entry(GROUP, phrase, country=found.country, sector=found.sector)]
