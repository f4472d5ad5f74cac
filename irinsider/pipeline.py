"""From articles to coded articles: the one path every command takes.

``code_articles`` parses the text blocks of many articles in batches with
``nlp.pipe``, finds actors and quantities in each sentence, codes its events
and gives each its date and place (`irinsider.coding.situate`). The CLI, the
store and batch mode all call it, so one article is coded the same way
wherever it is coded.

This is the one place the parts are composed: a PETRARCH-2 dictionary folder, a user's
actor files in PETRARCH's text format, a PETRARCH verbs file and discard lists plug
`irinsider.petrarch` into coding, and its issue list gives each event its sentence's
issues.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .codebook import load_codebook
from .coding import (
    MAX_CHUNK,
    ActorDictionary,
    Coder,
    DocContext,
    Entry,
    Marks,
    Resolved,
    TopicTable,
    calibrate,
    find_quantities,
    gate,
    load_actors,
    load_nlp,
    load_rules,
    load_topics,
    read_context,
    situate,
    violent_verbs,
    with_acronyms,
    with_named_aid,
    with_trip_visits,
)
from .model import ActorMention, Article, CodedArticle, Event, Sentence
from .petrarch import (
    DictionaryFiles,
    Discards,
    IssueList,
    PetrarchCoder,
    dictionary_files,
    files_from,
    load_dictionaries,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["MAX_SENTENCE_TOKENS", "Pipeline", "code_articles", "load_actor_files", "split_long"]

# A longer "sentence" is a table or a list run together; it is kept but not coded
# (finding its actors takes time quadratic in its length).
MAX_SENTENCE_TOKENS = 1000
# spaCy parses this many texts at once; short articles are gathered until a chunk has as
# many, so that one-sentence records are parsed in full batches as well ...
PARSE_BATCH = 256
# ... and a chunk of long articles stops growing at this many characters.
CHUNK_CHARS = 1_000_000


def split_long(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, str]]:
    """Cut a text longer than `limit` at line or sentence ends: [(offset, piece)]."""
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
            if cut > start:
                end = cut + 1
        out.append((start, text[start:end]))
        start = end
    return out


def _dictionary_files(user_actors: Sequence[str | Path] = (), verbs: str | Path | None = None,
                      discards: Sequence[str | Path] = (),
                      dictionaries: str | Path | None = None) -> DictionaryFiles:
    """The dictionary files of a run: a PETRARCH-2 folder's, then those given one by one."""
    folder = dictionary_files(dictionaries) if dictionaries else DictionaryFiles()
    return folder + files_from(user_actors, verbs, discards)


def load_actor_files(
    user_actors: tuple[str, ...] = (),
) -> tuple[ActorDictionary, Mapping[str, tuple[str, ...]]]:
    """Our actor dictionary with the user's files, and the actors those files name as
    standing for several ("THE_SHIRE [FRO/BIL/SAM]" -> {"the shire": (FRO, BIL, SAM)}).

    A ``.txt`` file is in PETRARCH's format (read by `irinsider.petrarch`), any other in
    ours (YAML, read by `irinsider.coding`); a later file overrides an earlier one. The
    whole is compiled once per set of files and kept on disk (`load_dictionaries`).
    """
    files = _dictionary_files(user_actors)
    if not files.petrarch:
        return load_actors(user_actors), {}
    data = load_dictionaries(files)
    return data.actors, data.groups


@dataclass
class Pipeline:
    """The loaded models and dictionaries; build once, code many articles."""

    nlp: Language
    actors: ActorDictionary
    coder: Coder
    max_chunk: int = MAX_CHUNK  # longer blocks are parsed in pieces
    discards: Discards = field(default_factory=Discards)  # phrases that keep text uncoded
    topics: TopicTable = field(default_factory=load_topics)  # the topic gate's table
    issues: IssueList = field(default_factory=IssueList)  # PETRARCH's issue phrases
    problems: tuple[str, ...] = ()  # dictionary entries skipped as defective, one line each

    @classmethod
    def load(cls, user_actors: Sequence[str] = (), verbs: str | None = None,
             discards: Sequence[str] = (), embedded_actions: bool = False, *,
             dictionaries: str | Path | None = None, strict: bool = False,
             on_warning: Callable[[str], None] | None = None) -> Pipeline:
        """Our dictionaries plus user actor files; `verbs`: a PETRARCH verbs file instead
        of our verb table; `discards`: PETRARCH discard lists; `embedded_actions`: code an
        intent as the action intended, as PETRARCH-2 does (our verb table only);
        `dictionaries`: a PETRARCH-2 dictionary folder, its files as its PETR_config.ini
        names them (the files given one by one are read after them).

        A defective entry of a PETRARCH file is skipped, listed in `problems` and told to
        `on_warning`; with `strict`, it is a DataError instead."""
        files = _dictionary_files(user_actors, verbs, discards, dictionaries)
        if files.petrarch:
            data = load_dictionaries(files, strict=strict)
            if on_warning is not None:
                for line in data.problems:
                    on_warning(line)
            actors, dropped, issues, problems = (data.actors, data.discards, data.issues,
                                                 data.problems)
            if data.verbs is not None:
                coder: Coder = PetrarchCoder(actors, data.verbs, load_codebook(), data.groups)
            else:
                coder = Coder(actors, load_rules(), load_codebook(), embedded_actions)
            return _settled(cls(load_nlp(), actors, coder, discards=dropped, issues=issues,
                                problems=problems))
        actors = load_actors(tuple(str(p) for p in user_actors))
        coder = Coder(actors, load_rules(), load_codebook(), embedded_actions)
        return _settled(cls(load_nlp(), actors, coder))

    def code(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[CodedArticle]:
        """Code articles in chunks parsed together, each in the order given: at least
        `batch_size` articles, and short ones gathered until spaCy has `PARSE_BATCH`
        texts to parse at once (one-sentence records too), up to `CHUNK_CHARS`."""
        for chunk, jobs in self._chunks(articles, batch_size):
            docs: dict[int, list[tuple[int, int, Doc]]] = {}
            for doc, (a, b, offset) in self.nlp.pipe(jobs, as_tuples=True,
                                                     batch_size=PARSE_BATCH):
                docs.setdefault(a, []).append((b, offset, doc))
            for a, article in enumerate(chunk):
                yield self._code_one(article, docs.get(a, []))

    def _chunks(self, articles: Iterable[Article], batch_size: int
                ) -> Iterator[tuple[list[Article], list[tuple[str, tuple[int, int, int]]]]]:
        """Articles in chunks, each with the pieces of text to parse: (piece, (article
        in the chunk, block, offset in the block))."""
        chunk: list[Article] = []
        jobs: list[tuple[str, tuple[int, int, int]]] = []
        chars = 0
        for article in articles:
            for b, block in enumerate(article.blocks):
                for offset, piece in split_long(block.text, self.max_chunk):
                    jobs.append((piece, (len(chunk), b, offset)))
                    chars += len(piece)
            chunk.append(article)
            if (len(chunk) >= batch_size and len(jobs) >= PARSE_BATCH) or chars >= CHUNK_CHARS:
                yield chunk, jobs
                chunk, jobs, chars = [], [], 0
        if chunk:
            yield chunk, jobs

    def _code_one(self, article: Article, parsed: list[tuple[int, int, Doc]]) -> CodedArticle:
        sentences: list[Sentence] = []
        actors: list[tuple[ActorMention, ...]] = []
        events: list[Event] = []
        when = article.date
        # sport, disasters, business ...: not international events unless a state acts
        topics = self.topics.article_topics(article)
        # a discarded story (sports, say) is read but not coded
        dropped = bool(self.discards) and any(
            self.discards.discards_story(block.text) for block in article.blocks)
        # "the African Union Commission (AUC)": the acronym stands for it in the rest
        acronyms: dict[str, list[Entry]] = {}
        marked = [(b, offset, doc, with_acronyms(doc, self.actors.mark(self.nlp, doc), acronyms,
                                                 self.actors, when))
                  for b, offset, doc in parsed]
        # who the pronouns, surnames and titles stand for, read over the whole article
        # first (PETRARCH's conventions resolve none)
        contexts = None if isinstance(self.coder, PetrarchCoder) else read_context(
            ((doc, marks, article.blocks[b].kind == "caption") for b, _, doc, marks in marked),
            self.actors, when, MAX_SENTENCE_TOKENS, violent_verbs(self.coder.rules))
        for k, (b, offset, doc, marks) in enumerate(marked):
            block = article.blocks[b]
            context = contexts[k] if contexts is not None else None
            for sent in doc.sents:
                text = sent.text
                if not text.strip():
                    continue
                index = len(sentences)
                sentences.append(Sentence(index, text, b, block.kind, offset + sent.start_char))
                if len(sent) > MAX_SENTENCE_TOKENS:
                    actors.append(())
                    continue
                actors.append(self._mentions(sent, marks, when, context))
                if dropped or self.discards.discards_sentence(text):
                    continue
                quantities = find_quantities(text)
                coded = self.coder.code_sentence(
                    sent, doc_id=article.id, index=index, when=when,
                    quantities=quantities, marks=marks, caption=block.kind == "caption",
                    **({"context": context} if context is not None else {}),
                )
                # aid a noun names with its amount ("the $50 million loan that Cuba will use")
                coded = with_named_aid(
                    self.coder, sent, coded, doc_id=article.id, index=index, when=when,
                    quantities=quantities, marks=marks, earlier=events,
                    caption=block.kind == "caption")
                # visits told by the trip ("his tour took him to Russia and China")
                coded = with_trip_visits(
                    self.coder, sent, coded, doc_id=article.id, index=index, when=when,
                    quantities=quantities, marks=marks, context=context,
                    caption=block.kind == "caption")
                # each event's date and place, read from its own clause; then the topic
                # gate, and the confidence calibrated on judged events
                found = calibrate(gate(situate(coded, sent, marks, when), sent, topics,
                                       self.topics), sent)
                events.extend(self._with_issues(found, text))
        return CodedArticle(article, tuple(sentences), tuple(actors), tuple(events))

    def _with_issues(self, events: Iterable[Event], text: str) -> Iterable[Event]:
        """The events of a sentence, with the issues the sentence holds (PETRARCH's)."""
        if not self.issues:
            return events
        events = list(events)
        found = self.issues.match(text) if events else ()
        return [dataclasses.replace(e, issues=found) for e in events] if found else events

    def _mentions(self, sent: Span, marks: Marks, when: date | None,
                  context: DocContext | None = None) -> tuple[ActorMention, ...]:
        """The actors a sentence names; with `context`, also the pronouns, surnames and
        titles the article says who they are ("he", named "Vladimir Putin")."""
        out: list[tuple[int, ActorMention]] = []
        seen: set[int] = set()
        heads: set[int] = set()
        for i in range(sent.start, sent.end):
            mark = marks.get(i)
            if mark is None or mark[0] in seen:
                continue
            seen.add(mark[0])
            span = sent.doc[mark[0]:mark[1]]
            heads.add(span.root.i)
            # the actor this very name stands for, even where the parser folded two
            # names into one phrase ("Díaz-Canel and Russian President Vladimir Putin")
            found = self.actors.resolve_all(span.root, marks, when)
            actor = next((a for a in found if a.start <= mark[0] < a.end), None)
            if context is not None:
                referred = context.refer(span.root, [actor] if actor is not None else [])
                actor = context.locate(referred[0]) if referred else None
            if actor is None:
                continue
            out.append((span.start, _mention(sent, span, actor)))
        if context is not None:
            # "he", "Mr Howard": words the dictionaries do not know, the article does
            out += [(ref.start, _mention(sent, sent.doc[ref.start:ref.end], ref))
                    for i, ref in context.referents.items()
                    if sent.start <= i < sent.end and i not in heads]
        return tuple(m for _, m in sorted(out, key=lambda pair: pair[0]))


def _mention(sent: Span, span: Span, actor: Resolved) -> ActorMention:
    """An actor named by `span` of `sent`."""
    return ActorMention(
        text=span.text,
        start=span.start_char - sent.start_char,
        end=span.end_char - sent.start_char,
        code=actor.code, country=actor.country, sector=actor.sector,
        kind=actor.kind, name=actor.name,
    )


def _settled(pipeline: Pipeline) -> Pipeline:
    """The loaded models and dictionaries live as long as the process: they are moved out
    of the cyclic garbage collector's way (`gc.freeze`), whose full passes would walk them
    again and again while articles are coded (a twentieth of the coding time)."""
    gc.freeze()
    return pipeline


def code_articles(articles: Iterable[Article], *, user_actors: Sequence[str] = (),
                  batch_size: int = 32, verbs: str | None = None,
                  discards: Sequence[str] = (), embedded_actions: bool = False,
                  dictionaries: str | Path | None = None, strict: bool = False,
                  on_warning: Callable[[str], None] | None = None,
                  ) -> Iterator[CodedArticle]:
    """Code articles with the bundled dictionaries plus any user actor files (and a
    PETRARCH verbs file, discard lists, a PETRARCH-2 dictionary folder and embedded
    actions, see `Pipeline.load`)."""
    pipeline = Pipeline.load(user_actors, verbs=verbs, discards=discards,
                             embedded_actions=embedded_actions, dictionaries=dictionaries,
                             strict=strict, on_warning=on_warning)
    yield from pipeline.code(articles, batch_size=batch_size)
