"""The topic gate: stories that are not international events unless a state acts in them.

Sport results, weather, natural disasters, everyday crime, business and entertainment are
full of verbs the coder reads as events: a team "beat" another, an earthquake "killed"
hundreds, robbers "attacked" a bank, a company "ordered" jets. They are events between
states only when a state or political actor takes part. This stage runs after the coder
(and `situate`), over each sentence's events, with the topics of the sentence and of its
article, as `data/topics.yaml` describes them:

- A sentence is about a topic when it holds one of the topic's cues ("wicket", "world
  cup", "earthquake"). A sentence with no cue of any topic takes its article's topics
  (`TopicTable.article_topics`: cued by the title, or twice by the first paragraph), but
  only a topic's own acts and a disaster's toll are read there: "Nigeria beat Cameroon on
  the way to the final" in a report of a football final.
- In a topic's sentence an event is kept only when one of its sides is political
  (`TopicTable.is_political`): a state's officials, forces, courts, parties, rebels, an
  organisation of states, or a bare country, except where the verb is one of the topic's
  own acts ("Australia *beat* India by six wickets": a team). A side that is only the
  event's place, or a source placed there for want of a doer, takes no part; so does a
  country inside a company's name ("Air India").
- In a story of a disaster or the weather, violence with no doer named ("40 people were
  killed") is the toll of the disaster, not an attack.
- Whatever the topic, a fight between parties that do not fight there, a state and a UN
  body at a meeting, is a verbal dispute (`verbal_fight`): recoded, both ways, with
  ``/topic:verbal`` at the end of its `rule`.

`decide` gives each event its `Decision` (the event kept or changed, or None, and the
reason); `gate` keeps the events. Events dropped are not emitted: the event format has no
place for an event that did not happen.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..codebook import CameoCode, load_codebook
from ..datafiles import DATA_DIR, read_yaml
from ..errors import DataError
from ..model import Article, Event
from .modality import wrapped_verb
from .words import PLACE_TARGET_ROOTS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Cues", "Decision", "Topic", "TopicTable", "VerbalFight", "decide", "gate",
           "load_topics"]

_WORD = re.compile(r"[0-9a-zà-öø-ÿ]+(?:['’-][0-9a-zà-öø-ÿ]+)*")
# Named entities a company or a sports body is one of.
_NAME_LABELS = {"ORG", "FAC", "PRODUCT", "NORP"}
# Roots of force: the verbs of `verbal_fight` are coded with one of them.
_FORCE_ROOTS = {"17", "18", "19", "20"}
# Prepositions of the place or occasion of a fight, not of a party to it.
_PLACE_PREPS = {"at", "in", "during", "inside", "outside", "on", "near", "around", "across",
                "throughout", "within"}
VERBAL_RULE = "/topic:verbal"


def words_of(text: str) -> list[str]:
    """The lowercase words of a text, hyphenated words and "d'or" kept whole."""
    return _WORD.findall(text.lower().replace("’", "'"))


def _plurals(word: str) -> set[str]:
    forms = {word, word + "s", word + "es"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    return forms


@dataclass(frozen=True)
class Cues:
    """Words (with their plurals) and phrases of several words that mark a topic."""

    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    # the phrases by their first word, so that a word is checked against its own only
    _starting: dict[str, tuple[tuple[str, ...], ...]] = field(
        init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starting: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.phrases:
            starting.setdefault(phrase[0], []).append(phrase)
        object.__setattr__(self, "_starting", {k: tuple(v) for k, v in starting.items()})

    @classmethod
    def of(cls, entries: Iterable[str]) -> Cues:
        single: set[str] = set()
        phrases: list[tuple[str, ...]] = []
        for entry in entries:
            parts = tuple(words_of(entry))
            if len(parts) == 1:
                single |= _plurals(parts[0])
            elif parts:
                phrases.extend(parts[:-1] + (last,) for last in sorted(_plurals(parts[-1])))
        return cls(frozenset(single), tuple(phrases))

    def found(self, words: Sequence[str]) -> str | None:
        """The first cue among `words`, or None."""
        return next(self.all(words), None)

    def all(self, words: Sequence[str]) -> Iterator[str]:
        """Every cue among `words`, in their order."""
        if self.words.isdisjoint(words) and self._starting.keys().isdisjoint(words):
            return  # no cue, nor the first word of one: most texts, found at once
        for i, word in enumerate(words):
            if word in self.words:
                yield word
            for phrase in self._starting.get(word, ()):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    yield " ".join(phrase)


@dataclass(frozen=True)
class Topic:
    """One topic of `data/topics.yaml`: its cues and how its stories are read."""

    name: str
    cues: Cues
    acts: frozenset[str]  # its own verbs: with them a bare country is a team or a film
    routine: frozenset[str]  # sectors whose acts are its routine (the police in a theft)
    private: bool  # its people are private: players, companies, films, a club's president
    people: frozenset[str]  # sector words that name its own people or things ("captain")
    toll: bool  # violence with no doer is its toll


@dataclass(frozen=True)
class VerbalFight:
    """Verbs of fighting that are a verbal dispute where no one fights (`verbal_fight`)."""

    verbs: frozenset[str]
    code: str
    cues: Cues
    force: Cues


@dataclass(frozen=True)
class Decision:
    """What the gate made of an event: the event kept (perhaps changed) or None, and why."""

    event: Event | None
    reason: str | None = None


@dataclass(frozen=True)
class TopicTable:
    """The topics, the political sectors and the words of company names."""

    version: str
    topics: tuple[Topic, ...]
    political: frozenset[str]
    company_words: frozenset[str]
    verbal: VerbalFight

    def topic(self, name: str) -> Topic | None:
        return next((t for t in self.topics if t.name == name), None)

    def topics_of(self, text: str) -> list[tuple[Topic, str]]:
        """The topics a text is about, each with the cue that says so."""
        words = words_of(text)
        out: list[tuple[Topic, str]] = []
        for topic in self.topics:
            cue = topic.cues.found(words)
            if cue is not None:
                out.append((topic, cue))
        return out

    def article_topics(self, article: Article) -> tuple[str, ...]:
        """The topics of an article: those its title is about, or its first paragraph
        names with two different cues (one "companies" in a story of sanctions is not
        enough)."""
        title = words_of(article.title or "")
        lead = words_of(next((b.text for b in article.blocks if b.kind == "body"), ""))
        return tuple(topic.name for topic in self.topics
                     if topic.cues.found(title) is not None
                     or len(set(topic.cues.all(lead))) >= 2)

    def is_political(self, code: str | None, topic: Topic, acts: bool) -> bool:
        """Whether an actor code is a state or political actor in a story of `topic`;
        `acts`: the event's verb is one of the topic's own acts."""
        if not code or (code.startswith("---") and (topic.private or len(code) <= 3)):
            return False
        if code[:3] in ("IGO", "NGO"):
            return True
        sector = code[3:6]
        if not sector:
            return not acts  # a bare country: the state, or a team where teams play
        return sector in self.political and sector not in topic.routine


def _topic(name: str, spec: Any, where: str) -> Topic:
    if not isinstance(spec, dict):
        raise DataError(f"{where}: topic {name!r} needs cues and may have acts, routine, "
                        "private, people and toll")
    cues = [str(c) for c in spec.get("cues") or []]
    if not cues:
        raise DataError(f"{where}: topic {name!r} has no cues")
    return Topic(
        name=str(name),
        cues=Cues.of(cues),
        acts=frozenset(str(a).lower() for a in spec.get("acts") or []),
        routine=frozenset(str(s) for s in spec.get("routine") or []),
        private=bool(spec.get("private", False)),
        people=frozenset(form for word in spec.get("people") or []
                         for form in _plurals(str(word).lower())),
        toll=bool(spec.get("toll", False)),
    )


@lru_cache(maxsize=4)
def load_topics(path: Path | None = None) -> TopicTable:
    """The topic table of `data/topics.yaml` (or another file of its form), read once."""
    path = path or DATA_DIR / "topics.yaml"
    where = str(path)
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("topics"), dict):
        raise DataError(f"{where}: expected a mapping with 'topics:'")
    verbal = data.get("verbal_fight") or {}
    if not isinstance(verbal, dict) or not verbal.get("code"):
        raise DataError(f"{where}: 'verbal_fight' needs verbs, code, cues and force_words")
    return TopicTable(
        version=str(data.get("version", "topics")),
        topics=tuple(_topic(name, spec, where) for name, spec in data["topics"].items()),
        political=frozenset(str(s) for s in data.get("political_sectors") or []),
        company_words=frozenset(str(w).lower() for w in data.get("company_words") or []),
        verbal=VerbalFight(
            verbs=frozenset(str(v).lower() for v in verbal.get("verbs") or []),
            code=str(verbal["code"]),
            cues=Cues.of(str(c) for c in verbal.get("cues") or []),
            force=Cues.of(str(c) for c in verbal.get("force_words") or []),
        ),
    )


# ---- one sentence ---------------------------------------------------------------------
def _token_at(sent: Span, offset: int) -> Token | None:
    start = sent.start_char + offset
    return next((tok for tok in sent if tok.idx == start), None)


def _verb_lemmas(verb: Token | None) -> set[str]:
    """The lemmas of the event's verb and of the actions it wraps ("agreed *to buy*")."""
    out: set[str] = set()
    depth = 0
    while verb is not None and depth < 4:
        out.add(verb.lemma_.lower())
        verb = wrapped_verb(verb) if verb.pos_ in ("VERB", "AUX") else None
        depth += 1
    return out


def _is_place(event: Event, span: tuple[int, int] | None) -> bool:
    """Whether a side's words are only where the event happened: the coder takes the place
    of a visit, a protest or an act of force for its target when no one else is named
    ("robbers killed a shopkeeper *in Lagos*"); of an act of another kind, a place named
    after its object is a target ("projects *in Cuba*")."""
    return (span is not None and event.place is not None and event.root in PLACE_TARGET_ROOTS
            and event.evidence[span[0]:span[1]] == event.place)


def _in_company_name(sent: Span, span: tuple[int, int] | None, code: str | None,
                     company_words: frozenset[str]) -> bool:
    """Whether a country's name is part of a company's or a sports body's ("Air India")."""
    if span is None or not code or len(code) != 3 or code[:3] in ("IGO", "NGO"):
        return False
    start, end = sent.start_char + span[0], sent.start_char + span[1]
    for ent in sent.ents:
        if ent.label_ not in _NAME_LABELS or not (ent.start_char <= start and end <= ent.end_char):
            continue
        if (ent.start_char, ent.end_char) == (start, end):
            continue
        if any(tok.lower_ in company_words for tok in ent
               if not start <= tok.idx < end):
            return True
    return False


def _is_nationality(sent: Span, span: tuple[int, int] | None, code: str | None) -> bool:
    """Whether a bare country side is only a nationality on something else ("a *German*
    carmaker", "the *Indian* players", "*German carmaker Volkswagen*"), not the country."""
    if span is None or not code or len(code) != 3:
        return False
    start, end = sent.start_char + span[0], sent.start_char + span[1]
    toks = [tok for tok in sent if start <= tok.idx < end and not tok.is_punct
            and tok.pos_ != "DET"]
    country = [tok for tok in toks if tok.pos_ == "ADJ" or tok.ent_type_ in ("NORP", "GPE")]
    if not country:
        return False
    if len(country) < len(toks):
        return True  # the country's word names something else's nationality
    return toks[-1].dep_ in ("amod", "compound", "nmod")


def _only_words(sent: Span, span: tuple[int, int] | None, words: frozenset[str]) -> bool:
    """Whether a side's words, but for articles and possessives, are one of `words` ("the
    *president*", "its *aircraft*")."""
    if span is None or not words:
        return False
    start, end = sent.start_char + span[0], sent.start_char + span[1]
    toks = [tok for tok in sent if start <= tok.idx < end and not tok.is_punct
            and tok.pos_ not in ("DET", "PRON") and tok.dep_ != "poss"]
    return bool(toks) and all(tok.lower_ in words for tok in toks)


def _at_place(sent: Span, span: tuple[int, int]) -> bool:
    """Whether a side's words hang from "at", "in", "during" ...: where it happened ("at
    the Security Council meeting"), not a party."""
    tok = _token_at(sent, span[0])
    while tok is not None and tok.head is not tok:
        if tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS:
            return True
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "conj") or tok.pos_ in ("VERB", "AUX"):
            return False
        tok = tok.head
    return False


@dataclass(frozen=True)
class _Side:
    code: str
    country: str | None
    name: str | None
    span: tuple[int, int]


def _verbal(events: Sequence[Event], sent: Span, words: Sequence[str], table: TopicTable,
            codebook: Mapping[str, CameoCode]) -> list[Decision] | None:
    """The events of one fighting verb recoded as a verbal dispute, or None when it is one
    of force (or no fighting verb at all)."""
    verbal = table.verbal
    verb = _token_at(sent, events[0].trigger_span[0])
    if verb is None or verb.lemma_.lower() not in verbal.verbs:
        return None
    if not all(e.cameo[:2] in _FORCE_ROOTS for e in events):
        return None
    if verbal.force.found(words) is not None:
        return None
    organisation = any(code[:3] == "IGO" and "MIL" not in code[3:]
                       for e in events for code in (e.source, e.target or ""))
    cue = verbal.cues.found(words)
    if cue is None and not organisation:
        return None
    sides: dict[str, _Side] = {}
    for e in events:
        sides.setdefault(e.source, _Side(e.source, e.source_country, e.source_name,
                                         e.source_span))
        if e.target is not None and e.target_span is not None and not _is_place(
                e, e.target_span) and not _at_place(sent, e.target_span):
            sides.setdefault(e.target, _Side(e.target, e.target_country, e.target_name,
                                             e.target_span))
    why = f"verbal dispute ({cue!r})" if cue else "verbal dispute (an organisation of states)"
    row = codebook.get(verbal.code)
    if len(sides) < 2 or row is None:
        return [Decision(None, f"{why}: no second party") for _ in events]
    base = events[0]
    out = [Decision(dataclasses.replace(
        base, source=a.code, source_country=a.country, source_name=a.name,
        source_span=a.span, target=b.code, target_country=b.country, target_name=b.name,
        target_span=b.span, cameo=row.code, plover=row.plover, plover_mode=row.plover_mode,
        goldstein=row.goldstein, quad_class=row.quad_class,
        rule=base.rule + VERBAL_RULE), why)
        for a in sides.values() for b in sides.values() if a.code != b.code]
    return out


def _judge(event: Event, sent: Span, context: Sequence[tuple[Topic, str]],
           table: TopicTable, in_sentence: bool) -> Decision:
    """Keep or drop one event of a sentence about the `context` topics (each with the cue
    that says so). Where only the article is about them (`in_sentence` false), only a
    topic's own acts ("Nigeria beat Cameroon") and a disaster's toll are read."""
    sides = (("source", event.source_span, event.source),
             ("target", event.target_span, event.target))
    companies = [side for side, span, code in sides
                 if _in_company_name(sent, span, code, table.company_words)]
    business = table.topic("business")
    if companies and business is not None and all(t is not business for t, _ in context):
        context, in_sentence = [*context, (business, "a company's name")], True
    if not context:
        return Decision(event)
    acts_of = _verb_lemmas(_token_at(sent, event.trigger_span[0]))
    scene = event.rule.endswith("/scene")
    for topic, cue in context:
        if topic.toll and scene:
            return Decision(None, f"{topic.name} ({cue!r}): a toll with no doer named")
    nationals = {side for side, span, code in sides if _is_nationality(sent, span, code)}
    for topic, cue in context:
        acts = bool(acts_of & topic.acts)
        if not (in_sentence or acts):
            continue
        private = set(companies) | (nationals if topic.private else set()) | {
            side for side, span, _ in sides if _only_words(sent, span, topic.people)}
        source = (not scene and "source" not in private
                  and table.is_political(event.source, topic, acts))
        target = ("target" not in private and not _is_place(event, event.target_span)
                  and table.is_political(event.target, topic, acts))
        if not (source or target):
            what = "a team's or a film's act" if acts else "no state or political actor"
            return Decision(None, f"{topic.name} ({cue!r}): {what}")
    return Decision(event)


def decide(events: Sequence[Event], sent: Span, article_topics: Sequence[str] = (),
           table: TopicTable | None = None,
           codebook: Mapping[str, CameoCode] | None = None) -> list[tuple[Event, Decision]]:
    """Each event of one sentence with the gate's decision on it. `article_topics`: the
    topics of its article (`TopicTable.article_topics`), read where the sentence names
    none of its own."""
    if not events:
        return []
    table = table or load_topics()
    codebook = codebook if codebook is not None else load_codebook()
    words = words_of(sent.text)
    context = table.topics_of(sent.text)
    in_sentence = bool(context)
    if not context:
        context = [(t, "the article") for name in article_topics
                   if (t := table.topic(name)) is not None]
    by_verb: dict[tuple[int, int], list[Event]] = {}
    for event in events:
        by_verb.setdefault(event.trigger_span, []).append(event)
    out: list[tuple[Event, Decision]] = []
    for group in by_verb.values():
        recoded = _verbal(group, sent, words, table, codebook)
        if recoded is not None:
            out.extend((group[0], d) for d in recoded)
            continue
        out.extend((event, _judge(event, sent, context, table, in_sentence))
                   for event in group)
    return out


def gate(events: Iterable[Event], sent: Span, article_topics: Sequence[str] = (),
         table: TopicTable | None = None) -> list[Event]:
    """The events of one sentence that are international events, some recoded."""
    seen: set[tuple[str, str | None, str]] = set()
    out: list[Event] = []
    for _, decision in decide(list(events), sent, article_topics, table):
        event = decision.event
        if event is None:
            continue
        key = (event.source, event.target, event.cameo)
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out
