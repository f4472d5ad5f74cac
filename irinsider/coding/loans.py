"""Loans, grants and aid named by a noun with its amount: who lends to whom, and how much.

A verb usually carries aid ("Russia agreed to *lend* Cuba $50 million"), but a report often
names it again as a noun phrase, with the amount and the borrower and without a verb of
giving: "the $50 million *loan* that Cuba will use to buy equipment", "Japan's $2 billion
*loan* to Indonesia", "a €700 million *grant* from the European Union for Ukraine". Such a
phrase is an event of aid provided (the noun's code in the verb table's `nouns`: 071 for a
loan, a grant or a bailout, 070 for aid), from the lender to the borrower, with its amount:

- only an aid noun (CAMEO root 07) whose own phrase holds an amount of money that no event
  of the sentence carries already ("Japan granted Indonesia a $2 billion loan" is the verb's);
- the borrower is the subject of a relative clause on the noun ("that *Cuba* will use"),
  or the object of "to" or "for" after it;
- the lender is the noun's owner ("*Japan's* loan"), its nationality ("a *Saudi* loan"),
  or the object of "from" or "by" after it; where the sentence names none, the article
  has said it: the source of the last aid event (07, or an intent to give aid, 0331-0334)
  to the same borrower earlier in the article. Such an event points its `source_span` at
  the noun, gets ``/context`` at the end of its `rule` and four fifths of the certainty.

The rule reads ``<verb-table version>/noun:<lemma>`` (``verbs.v1/noun:loan``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from ..model import Event, Quantity
from .participants import first_actors
from .syntax import char_span, pobj_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .actors import Marks, Resolved
    from .coder import Coder

__all__ = ["AID_ROOT", "named_aid", "with_named_aid"]

AID_ROOT = "07"
# Intents to give aid: a lender named by them lends what the article later names.
_AID_INTENTS = {"033", "0331", "0332", "0333", "0334"}
_BORROWER_PREPS = {"to", "for"}
_LENDER_PREPS = {"from", "by"}
_SPECIFICITY = 0.86  # the confidence of a pattern naming its object (see `coder`)
_FROM_ARTICLE = 0.8  # the certainty left to a lender the sentence does not name


def _phrase(noun: Token) -> tuple[int, int]:
    """Characters of the noun and what precedes it in its phrase ("the $3 billion loan")."""
    first = noun.left_edge
    return first.idx, noun.idx + len(noun.text)


def _borrower_heads(noun: Token) -> list[Token]:
    heads: list[Token] = []
    for c in noun.children:
        if c.dep_ in ("relcl", "acl"):
            heads += [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")
                      and s.lower_ not in ("that", "which", "who")]
        elif c.dep_ == "prep" and c.lower_ in _BORROWER_PREPS:
            pobj = pobj_of(c)
            if pobj is not None:
                heads.append(pobj)
    return heads


def _lender_heads(noun: Token) -> list[Token]:
    heads = [c for c in noun.children if c.dep_ == "poss"]
    heads += [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")
              and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN")]
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in _LENDER_PREPS:
            pobj = pobj_of(c)
            if pobj is not None:
                heads.append(pobj)
    return heads


def _lender_before(earlier: Sequence[Event], borrower: Resolved) -> Event | None:
    """The last event of the article giving aid, or promising it, to `borrower`."""
    for event in reversed(earlier):
        gives = event.cameo[:2] == AID_ROOT or event.cameo in _AID_INTENTS
        if gives and not event.negated and event.source != borrower.code and (
                event.target == borrower.code
                or (borrower.country is not None and event.target_country == borrower.country)):
            return event
    return None


def named_aid(coder: Coder, sent: Span, *, doc_id: str, index: int, when: date | None,
              quantities: Sequence[Quantity], marks: Marks, coded: Sequence[Event],
              earlier: Sequence[Event] = (), caption: bool = False) -> list[Event]:
    """The events of aid a sentence names by a noun with its amount (see the module
    docstring). `coded`: the sentence's events so far; `earlier`: the article's before it."""
    money = [q for q in quantities if q.kind == "money"]
    if not money:
        return []
    carried = {(q.start, q.end) for e in coded for q in e.quantities}
    base = sent.start_char
    out: list[Event] = []
    for noun in sent:
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        code = coder.rules.nouns.get(noun.lemma_.lower())
        row = coder.codebook.get(code) if code is not None else None
        if code is None or row is None or code[:2] != AID_ROOT:
            continue
        start, end = _phrase(noun)
        amounts = tuple(q for q in money if start - base <= q.start and q.end <= end - base
                        and (q.start, q.end) not in carried)
        if not amounts:
            continue
        borrowers = first_actors(coder.actors, _borrower_heads(noun), marks, when)
        if not borrowers:
            continue
        lenders = first_actors(coder.actors, _lender_heads(noun), marks, when)
        noun_span = (noun.idx - base, noun.idx + len(noun.text) - base)
        rule = f"{coder.rules.version}/noun:{noun.lemma_.lower()}"
        for borrower in borrowers:
            sides: list[tuple[str, str | None, str | None, tuple[int, int], float, str]] = [
                (lender.code, lender.country, lender.name, char_span(sent, lender),
                 lender.certainty, rule) for lender in lenders]
            if not sides:
                before = _lender_before(earlier, borrower)
                if before is None:
                    continue
                sides = [(before.source, before.source_country, before.source_name,
                          noun_span, _FROM_ARTICLE, rule + "/context")]
            for lender_code, country, name, span, certainty, why in sides:
                if lender_code == borrower.code:
                    continue
                confidence = _SPECIFICITY * certainty * borrower.certainty
                out.append(Event(
                    doc_id=doc_id, sentence=index, source=lender_code,
                    target=borrower.code, source_country=country,
                    target_country=borrower.country, cameo=row.code, plover=row.plover,
                    plover_mode=row.plover_mode, goldstein=row.goldstein,
                    quad_class=row.quad_class, date=when.isoformat() if when else None,
                    evidence=sent.text, source_span=span,
                    target_span=char_span(sent, borrower), trigger_span=noun_span,
                    quantities=amounts, confidence=round(max(0.05, min(confidence, 1.0)), 3),
                    rule=why, source_name=name, target_name=borrower.name,
                    trigger=noun.text, caption=caption))
    return out


def with_named_aid(coder: Coder, sent: Span, coded: Iterable[Event], *, doc_id: str,
                   index: int, when: date | None, quantities: Sequence[Quantity],
                   marks: Marks, earlier: Sequence[Event] = (),
                   caption: bool = False) -> Iterator[Event]:
    """The coder's events of a sentence, then the aid it names by a noun (`named_aid`)."""
    found = list(coded)
    yield from found
    yield from named_aid(coder, sent, doc_id=doc_id, index=index, when=when,
                         quantities=quantities, marks=marks, coded=found, earlier=earlier,
                         caption=caption)
