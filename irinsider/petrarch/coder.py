"""Coding with a PETRARCH/TABARI verbs dictionary instead of irinsider's verb table.

:class:`PetrarchCoder` is a :class:`~irinsider.coding.Coder` whose verbs come
from a dictionary read by :mod:`irinsider.petrarch.verbs`. Its patterns are
lines of words around the verb; :mod:`irinsider.petrarch.match` matches them on
the words of the sentence as spaCy splits them:

- words after ``*`` are looked for after the verb, within the verb's phrase
  (the span of its subtree): "restore full diplomatic ties *with Gondor*";
- words before ``*`` are looked for before the verb, in the whole sentence
  ("Gondor *said* it *would not* meet ..." matches ``SAID WOULD NOT *``);
- other words may come between items, except where ``_`` joins them;
- ``$``, ``+``, ``^`` and ``%`` take a whole actor phrase: a noun phrase
  holding a name of the actor dictionaries ("Gondor's main opposition group").

The most specific pattern that matches wins (each word counts, each actor
one), the earlier in the file among equals; with none, the verb's own code.
Who did it and to whom follow the parse as with our own verbs, except where a
pattern says otherwise: ``$`` names the source, ``+`` the target, ``%`` a
compound actor on its side of the verb (before it: its members act on each
other). When the parse gives no target, the first actor phrase after the verb
in its phrase is the target, as in PETRARCH. Every event needs a source and a
target (PETRARCH's ``require_dyad``). A code ``a:b`` gives ``a`` from source to
target and ``b`` back, ``:b`` only ``b`` back ("appeared before the court": the
court acts). Codes are written as the dictionary has them, even where they are
not CAMEO codes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..codebook import CameoCode
from ..coding import (
    ActorDictionary,
    Coder,
    DocContext,
    Resolved,
    Trigger,
    VerbTable,
    char_span,
    first_actors,
    in_background_clause,
    is_background,
    is_negated,
    modality_of,
    subject_heads,
    target_heads,
)
from ..model import Event, Quantity
from .match import NP_PREPS, Marks, Match, SentenceIndex, merge
from .transform import transform
from .verbs import (
    DISCARD_CODE,
    NULL_CODE,
    WORD,
    Element,
    VerbDictionary,
    VerbForm,
    VerbPattern,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["PetrarchCoder", "PetrarchTrigger"]

_CLAUSE_LINKS = ("ccomp", "xcomp", "conj", "advcl", "relcl")
# PETRARCH's convention: a clause these open is background, with no event of its own
# ("restored ties *after* crowds burned its embassy"), whatever else the sentence reports.
BACKGROUND = frozenset({"after", "before", "since", "until", "although", "though", "if",
                        "unless"})


@dataclass(frozen=True)
class PetrarchTrigger(Trigger):
    """A verb coded by a PETRARCH pattern, with the actors the pattern names."""

    reverse: str | None = None  # "b" of an "a:b" code
    sources: tuple[Token, ...] = ()  # heads named by "$" (or "%" before the verb)
    targets: tuple[Token, ...] = ()  # heads named by "+" (or "%" after the verb)
    reciprocal: bool = False  # "%" before the verb: the compound's members act on each other
    taken: frozenset[int] = frozenset()  # tokens the pattern matched
    first: int = 0  # the verb's words, [first, last)
    last: int = 0


@dataclass(frozen=True)
class _Where:
    """Where the events of a sentence come from."""

    doc_id: str
    index: int
    when: date | None
    quantities: tuple[Quantity, ...]
    caption: bool


def _listed(head: Token) -> list[Token]:
    """The members of a list the parser read as an apposition: in "Mordor, the Shire,
    Fornost and Bree" the Shire hangs from Mordor as an appos, Fornost from it as a conj.
    [] when `head` heads no such list (a plain apposition is no list)."""
    appos = [c for c in head.children if c.dep_ == "appos"]
    if not appos or not any(c.dep_ == "conj" for a in (head, *appos) for c in a.children):
        return []
    out = [head]
    for a in appos:
        out += [a] + [c for c in a.subtree if c.dep_ == "conj" and c.head in out + [a]]
    return out


def _base(actor: Resolved, marks: Marks) -> str | None:
    """The actor code under an agent's code: "DNK" of "DNKMED"; None for bare agents."""
    if actor.code.startswith("---") or actor.kind == "sector":
        return None
    for i in range(actor.start, actor.end):
        mark = marks.get(i)
        codes = [e.code for e in mark[2] if e.code] if mark else []
        if codes and actor.code.startswith(codes[0]):
            return codes[0]
    return actor.code


def _in_background(tok: Token, verb: Token) -> bool:
    """Whether `tok` lies in a background clause ("after ...") inside the verb's phrase."""
    cur = tok
    while cur.i != verb.i and cur.head.i != cur.i:
        if cur.dep_ == "advcl" and is_background(cur, BACKGROUND):
            return True
        cur = cur.head
    return False


def _intents_of_actions(triggers: list[PetrarchTrigger]) -> set[int]:
    """The intents (03x) whose own subject is to do another coded act, an infinitive
    with no actor of its own: the act intended is coded, not the intent, as PETRARCH-2
    combines them ("pledged *to expel*": 174, not 030). "wants Rohan to aid" is left
    alone: someone else is to act."""
    coded = {t.token.i for t in triggers}
    out: set[int] = set()
    for k, trig in enumerate(triggers):
        verb = trig.token
        if not trig.code.startswith("03") or any(c.dep_ in ("dobj", "obj") for c in verb.children):
            continue
        if any(c.dep_ == "xcomp" and c.i in coded
               and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
               for c in verb.children):
            out.add(k)
    return out


def _scope_end(verb: Token) -> int:
    """Where the verb's phrase ends: the right edge of its subtree."""
    return verb.right_edge.i + 1


class PetrarchCoder(Coder):
    """Codes sentences with a PETRARCH verbs dictionary; see the module docstring."""

    def __init__(self, actors: ActorDictionary, verbs: VerbDictionary,
                 codebook: dict[str, CameoCode],
                 groups: Mapping[str, tuple[str, ...]] | None = None) -> None:
        super().__init__(actors, VerbTable(version=verbs.version), codebook)
        self.verbs = verbs
        self.groups = dict(groups or {})  # "the shire" -> (FRO, BIL, SAM)
        self._marks: Marks = {}  # of the sentence coded last, for `trigger` called alone

    # ---- verbs -------------------------------------------------------------------------
    def _form_span(self, verb: Token, form: VerbForm) -> tuple[int, int] | None:
        """The tokens a verb form covers at `verb`, or None when its other words are missing."""
        doc = verb.doc
        first, last = verb.i - len(form.before), verb.i + 1 + len(form.after)
        if first < verb.sent.start or last > verb.sent.end:
            return None
        words = [t.lower_ for t in doc[first:last]]
        if words != [*form.before, verb.lower_, *form.after]:
            return None
        return first, last

    def trigger(self, verb: Token, depth: int = 0) -> PetrarchTrigger | None:
        """The code of a verb by the dictionary's patterns; None when it codes nothing.

        Actor phrases are those of the marks of the sentence coded last."""
        return self._trigger(verb, SentenceIndex(verb.sent, self._marks))

    def _trigger(self, verb: Token, sentence: SentenceIndex) -> PetrarchTrigger | None:
        forms = self.verbs.forms.get(verb.lower_)
        if not forms:
            return None
        best: tuple[tuple[int, int], VerbForm, VerbPattern | None, Match, int, int] | None = None
        order = 0
        for form in sorted(forms, key=lambda f: -(len(f.before) + len(f.after) + len(f.loose))):
            span = self._form_span(verb, form)
            if span is None:
                continue
            first, last = span
            end = max(_scope_end(verb), last)
            if form.loose:
                loose = tuple(Element(WORD, ((w,),)) for w in form.loose)
                if sentence.forward(loose, last, end) is None:
                    continue
            if best is None:  # the verb alone, before any pattern
                best = ((-1, 0), form, None, Match(0, frozenset()), first, last)
            for pattern in self.verbs.patterns_of(form):
                order += 1
                lower = sentence.backward(pattern.lower, first, verb.sent.start - 1) \
                    if pattern.lower else Match(0, frozenset())
                if lower is None:
                    continue
                upper = sentence.forward(pattern.upper, last, end)
                if upper is None:
                    continue
                rank = (pattern.specificity, -order)
                if rank > best[0]:
                    best = (rank, form, pattern, merge(lower, upper), first, last)
        if best is None:
            return None
        _, form, chosen, match, first, last = best
        code = chosen.code if chosen is not None else self.verbs.code_of(form)
        if code == NULL_CODE:
            return None
        primary, _, reverse = code.partition(":")
        rule = f"{code}:{chosen.text}" if chosen is not None else f"{code}:{form.word}"
        negations = {c.i for c in verb.children if c.dep_ == "neg"}
        negated = is_negated(verb) and not (negations & match.taken)
        sources: tuple[Token, ...] = ()
        targets: tuple[Token, ...] = ()
        if match.source is not None:
            sources = (match.source.head,)
        if match.target is not None:
            targets = (match.target.head,)
        reciprocal = False
        if match.compound is not None:
            if match.compound_before and not sources:
                sources, reciprocal = (match.compound.head,), not targets
            elif not match.compound_before and not targets:
                targets = (match.compound.head,)
        return PetrarchTrigger(
            code=primary, token=verb, rule=rule,
            specificity=chosen.specificity if chosen else 0, negated=negated,
            modality=modality_of(verb), reverse=reverse or None, sources=sources,
            targets=targets, reciprocal=reciprocal, taken=match.taken, first=first,
            last=last)

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
        context: DocContext | None = None,  # PETRARCH resolves no pronouns: not read
    ) -> Iterator[Event]:
        self._marks = marks
        sentence = SentenceIndex(sent, marks)
        triggers: list[PetrarchTrigger] = []
        covered: set[int] = set()
        for tok in sent:
            if tok.pos_ not in ("VERB", "AUX") or tok.i in covered:
                continue
            if in_background_clause(tok, sent, BACKGROUND):
                continue
            trig = self._trigger(tok, sentence)
            if trig is None:
                continue
            if trig.code == DISCARD_CODE:  # TABARI's discard code: the sentence is not coded
                return
            covered.update(range(trig.first, trig.last))
            triggers.append(trig)
        seen: set[tuple[str, str | None, str]] = set()
        where = _Where(doc_id, index, when, tuple(quantities), caption)
        changed, replaced = self._transformed(triggers, sentence, where, marks)
        replaced |= _intents_of_actions(triggers)
        events = [e for k, trig in enumerate(triggers) if k not in replaced
                  for e in self._petrarch_events(trig, sentence, where, marks)]
        for event in [*events, *changed]:
            key = (event.source, event.target, event.cameo)
            if key not in seen:
                seen.add(key)
                yield event

    def _transformed(self, triggers: list[PetrarchTrigger], sentence: SentenceIndex,
                     where: _Where, marks: Marks) -> tuple[list[Event], set[int]]:
        """The events the dictionary's transformations make of a coded verb in the clause
        another verb governs ("Gondor *said* it *attacked* Mordor": 015), and the triggers
        (of both verbs) whose own events they replace."""
        out: list[Event] = []
        replaced: set[int] = set()
        if not self.verbs.transformations:
            return out, replaced
        at = {t.token.i: k for k, t in enumerate(triggers)}
        for k, low in enumerate(triggers):
            verb = low.token
            if verb.dep_ not in ("ccomp", "xcomp") or verb.head.i == verb.i or not low.code:
                continue
            upper = verb.head
            blocks = self.verbs.block_of(upper.lower_)
            rules = [r for r in self.verbs.transformations
                     if blocks & self.verbs.block_of(r.verb)]
            if not rules:
                continue
            says = self._who(self._subject_heads(upper, set()), marks, where.when, owner=True)
            sources, targets = self._participants(low, sentence, where, marks)
            own = any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)
            for rule in rules:
                result = transform(rule, self.verbs, says, sources, targets, own, low.code)
                if result is None:
                    continue
                new_sources, new_targets, code = result
                trig = dataclasses.replace(low, rule=f"{code}:{rule.text}", reverse=None)
                out += [self._event(trig, code, s, t, sentence.sent, where)
                        for s in new_sources for t in new_targets if s.code != t.code]
                replaced.add(k)
                if upper.i in at:
                    replaced.add(at[upper.i])
                break
        return out, replaced

    def _participants(self, trig: PetrarchTrigger, sentence: SentenceIndex, where: _Where,
                      marks: Marks) -> tuple[list[Resolved], list[Resolved]]:
        """Who a trigger's verb has act and on whom: the pattern's actors, else the
        parse's, else (for the target) the first actor phrase of the verb's phrase."""
        verb, when = trig.token, where.when
        taken_by_target = set(trig.taken) if trig.targets else set()
        # "Eriador's death toll has risen": a phrase that is no actor acts for its owner
        if trig.sources:
            sources = self._who(list(trig.sources), marks, when, owner=True)
        else:
            sources = self._who(self._subject_heads(verb, taken_by_target), marks, when,
                                   owner=True)
        if not sources:
            return [], []
        own = frozenset(a.code for a in sources)
        if trig.targets:
            targets = self._who(list(trig.targets), marks, when, owner=True)
        else:
            targets = [t for t in self._who(target_heads(verb), marks, when, owner=True)
                       if t.code not in own]
            if not targets:  # PETRARCH: the first actor in the verb's phrase
                for phrase in sentence.phrases_in(trig.last, _scope_end(verb)):
                    if _in_background(phrase.head, verb):
                        continue  # "... after a hafling was reported near Cirith Ungol"
                    found = [t for t in self._who([phrase.head], marks, when, owner=True)
                             if t.code not in own and (t.country or t.kind != "sector")]
                    if found:
                        targets = found
                        break
        return sources, targets

    def _petrarch_events(self, trig: PetrarchTrigger, sentence: SentenceIndex, where: _Where,
                         marks: Marks) -> Iterator[Event]:
        sources, targets = self._participants(trig, sentence, where, marks)
        pairs: list[tuple[Resolved, Resolved]] = []
        if targets:
            pairs = [(s, t) for s in sources for t in targets]
        elif trig.reciprocal or trig.reverse:
            pairs = [(s, t) for s in sources for t in sources if s is not t]
        for src, tgt in pairs:
            if src.code == tgt.code:
                continue
            if trig.code and trig.code != NULL_CODE:  # ":173": an event back only
                yield self._event(trig, trig.code, src, tgt, sentence.sent, where)
            if trig.reverse and trig.reverse != NULL_CODE:
                yield self._event(trig, trig.reverse, tgt, src, sentence.sent, where)

    def _who(self, heads: list[Token], marks: Marks, when: date | None,
             owner: bool = False) -> list[Resolved]:
        """The actors of the first head that names one; in a coordination a bare agent
        takes the country of the actor beside it: "Danish media and government"."""
        found: list[Resolved] = []
        for head in heads:  # the first head that names someone; a bare agent gives way
            members = _listed(head) or [head]  # "Mordor, the Shire, Fornost and Bree"
            here = [a for m in members
                    for a in first_actors(self.actors, [m], marks, when, owner=owner)]
            here = self._distribute(head, here, marks, when)
            if any(not a.code.startswith("---") for a in here):
                found = here
                break
            found = found or here
        expanded: list[Resolved] = []
        for a in found:  # an actor that stands for several: THE_SHIRE [FRO/BIL/SAM]
            group = self.groups.get(a.name, ())
            if group and a.code.startswith(group[0]):
                rest = a.code[len(group[0]):]
                expanded += [dataclasses.replace(a, code=g + rest) for g in group]
            else:
                expanded.append(a)
        base = next((b for b in (_base(a, marks) for a in expanded) if b), None)
        out: list[Resolved] = []
        for a in expanded:
            if base is not None and a.code.startswith("---") and a.sector:
                a = dataclasses.replace(a, code=base + a.sector)
            if all(b.code != a.code for b in out):
                out.append(a)
        return out

    def _distribute(self, head: Token, found: list[Resolved], marks: Marks,
                    when: date | None) -> list[Resolved]:
        """An agent of several countries is one actor in each: "the ambassadors of Arnor,
        Osgiliath and Gondor" -> ARNGOV, OSGGOV, GONGOV."""
        pobj = next((g for c in head.children if c.dep_ == "prep" and c.lower_ in NP_PREPS
                     for g in c.children if g.dep_ == "pobj"), None)
        if pobj is None or not any(c.dep_ == "conj" for c in pobj.children) or not found:
            return found
        places = first_actors(self.actors, [pobj], marks, when)
        codes = {p.code for p in places}
        suffixes: list[str] = []
        for a in found:
            base = _base(a, marks)
            if base in codes and len(a.code) > len(base or ""):
                suffix = a.code[len(base or ""):]
            elif a.code.startswith("---") and a.sector:
                suffix = a.sector
            else:
                continue
            if suffix not in suffixes:
                suffixes.append(suffix)
        if len(places) < 2 or not suffixes:
            return found
        return [dataclasses.replace(p, code=p.code + s) for s in suffixes for p in places]

    def _subject_heads(self, verb: Token, avoid: set[int]) -> list[Token]:
        """The verb's subject; if a pattern took it as the target, the governing clause's:
        in "Gondor noted that Rohan regretted ..." with ``NOTED + *``, Gondor."""
        cur: Token = verb
        heads = subject_heads(cur)
        # "Lions, tigers, and Gondor welcomed": a list the parser cut into two subjects
        heads += [c for c in verb.children if c.dep_ == "nsubj" and c not in heads]
        for _ in range(6):
            if not heads or any(h.i not in avoid for h in heads):
                return [h for h in heads if h.i not in avoid]
            if cur.dep_ not in _CLAUSE_LINKS or cur.head.i == cur.i:
                return []
            cur = cur.head
            heads = subject_heads(cur)
        return []

    def _event(self, trig: PetrarchTrigger, code: str, src: Resolved, tgt: Resolved,
               sent: Span, where: _Where) -> Event:
        row = self._row(code)
        verb, base = trig.token, sent.start_char
        phrase = (verb.left_edge.idx - base, verb.right_edge.idx + len(verb.right_edge) - base)
        return Event(
            doc_id=where.doc_id,
            sentence=where.index,
            source=src.code,
            target=tgt.code,
            source_country=src.country,
            target_country=tgt.country,
            cameo=code,
            plover=row.plover if row else None,
            plover_mode=row.plover_mode if row else None,
            goldstein=row.goldstein if row else 0.0,
            quad_class=row.quad_class if row else 0,
            date=where.when.isoformat() if where.when else None,
            evidence=sent.text,
            source_span=char_span(sent, src),
            target_span=char_span(sent, tgt),
            trigger_span=(verb.idx - base, verb.idx + len(verb.text) - base),
            quantities=tuple(q for q in where.quantities  # those within the verb's phrase
                             if phrase[0] <= q.start and q.end <= phrase[1]),
            negated=trig.negated,
            modality=trig.modality,
            confidence=round(max(0.05, min(1.0, (0.7 + 0.05 * min(trig.specificity, 4))
                                           * src.certainty * tgt.certainty)), 3),
            rule=f"{self.verbs.version}/{trig.rule}",
            source_name=src.name,
            target_name=tgt.name,
            trigger=verb.text,
            caption=where.caption,
        )

    def _row(self, code: str) -> CameoCode | None:
        """The CAMEO row of a code, or of its nearest ancestor ("1717" -> 171); else None."""
        for n in range(len(code), 1, -1):
            row = self.codebook.get(code[:n])
            if row is not None:
                return row
        return None
