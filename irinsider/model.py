"""The data that flows through irinsider: articles in, coded events out.

Every type here is a frozen dataclass without behaviour beyond small derived
properties, so that stages stay pure functions and results can be compared,
hashed and serialised. Three pure functions of them are shared by the parts:
`content_hash` (what an article says), `party_of` (who an event side is for the
reader) and `event_key` (where an event's words lie in its sentence).

    Article -> pipeline.code_article() -> CodedArticle(article, sentences, events)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

__all__ = [
    "LOW_CONFIDENCE",
    "ActorMention",
    "Article",
    "Block",
    "CodedArticle",
    "Event",
    "Quantity",
    "Sentence",
    "content_hash",
    "event_key",
    "party_of",
]

# Events with a confidence below this are kept, and flagged `low_confidence`.
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Block:
    """A run of article text: a body paragraph or an image caption."""

    text: str
    kind: str = "body"  # "body" or "caption"
    credit: str | None = None  # photo credit of a caption


@dataclass(frozen=True)
class Article:
    """One ingested article (or one JSON Lines record)."""

    id: str
    title: str | None
    byline: str | None
    date: date | None
    url: str | None
    blocks: tuple[Block, ...]
    source_path: str | None = None
    format: str = "text"

    @property
    def body(self) -> str:
        return "\n\n".join(b.text for b in self.blocks if b.kind == "body")

    @property
    def captions(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "caption")


@dataclass(frozen=True)
class ActorMention:
    """An actor found in a sentence, resolved to a code.

    `code` is the full actor code: country + sector (``RUSGOV``), a bare country
    (``CUB``), an organisation (``IGOUNO``) or a sector alone (``---GOV``) when
    the country is unknown.
    """

    text: str
    start: int  # character offsets in the sentence
    end: int
    code: str
    country: str | None  # ISO alpha-3, None for organisations or unknown
    sector: str | None = None
    kind: str = "country"  # country, leader, igo, sector, user
    name: str | None = None  # canonical name ("Vladimir Putin", "Russia")


@dataclass(frozen=True)
class Quantity:
    """A number with a unit found in a sentence."""

    kind: str  # money, count, distance, range, percent
    value: float
    unit: str  # USD, EUR, km, projects, ...
    text: str
    start: int
    end: int
    value_max: float | None = None  # upper bound of a range


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, with where it lies in its block."""

    index: int
    text: str
    block: int
    kind: str  # "body" or "caption"
    start: int  # offset in the block's text


@dataclass(frozen=True)
class Event:
    """One coded event: who did what to whom, with its evidence."""

    doc_id: str
    sentence: int
    source: str
    target: str | None
    source_country: str | None
    target_country: str | None
    cameo: str
    plover: str | None
    plover_mode: str | None
    goldstein: float
    quad_class: int
    date: str | None
    evidence: str
    source_span: tuple[int, int]
    target_span: tuple[int, int] | None
    trigger_span: tuple[int, int]
    quantities: tuple[Quantity, ...] = ()
    negated: bool = False
    modality: str | None = None
    confidence: float = 1.0
    rule: str = ""
    source_name: str | None = None
    target_name: str | None = None
    trigger: str = ""
    caption: bool = False
    # When: `date` is the first day of the period the sentence names, else the article's
    # date; `date_precision` is day, week, month, year or "article"; `date_text` the phrase.
    date_precision: str | None = None
    date_text: str | None = None
    # Where: the place the sentence names (as written), its name, ISO alpha-3 country,
    # kind (city, region or country) and coordinates.
    place: str | None = None
    place_name: str | None = None
    place_country: str | None = None
    place_kind: str | None = None
    place_lat: float | None = None
    place_lon: float | None = None
    # Of an intent (CAMEO 03x), the code of the action intended: "agreed to lift the
    # sanctions" is coded 0354 with `intended_cameo` "085"; None for other events.
    intended_cameo: str | None = None
    # The issues its sentence holds by a PETRARCH issue list, each with how many of its
    # phrases occur: (("OIL", 2), ("SANCTIONS", 1)); none without one.
    issues: tuple[tuple[str, int], ...] = ()

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def low_confidence(self) -> bool:
        """Whether the coder is unsure of this event (`confidence` below `LOW_CONFIDENCE`)."""
        return self.confidence < LOW_CONFIDENCE


@dataclass(frozen=True)
class CodedArticle:
    """An article with its sentences, the actors found and the events coded."""

    article: Article
    sentences: tuple[Sentence, ...]
    actors: tuple[tuple[ActorMention, ...], ...]  # per sentence
    events: tuple[Event, ...] = field(default=())


def content_hash(article: Article) -> str:
    """SHA-256 of what an article says: its title, date and blocks (hex)."""
    payload = json.dumps(
        [
            article.title,
            article.date.isoformat() if article.date else None,
            [[b.kind, b.text, b.credit] for b in article.blocks],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def party_of(code: str | None, country: str | None) -> str | None:
    """The party of an event side: its ISO country, else an organisation's code, else None."""
    if country:
        return country
    if code and code[:3] in ("IGO", "NGO"):
        return code
    return None


def event_key(event: Event) -> str:
    """Where an event's words lie in its sentence: what finds it again after re-coding."""
    target = f"{event.target_span[0]}-{event.target_span[1]}" if event.target_span else "-"
    return (f"{event.trigger_span[0]}-{event.trigger_span[1]}/"
            f"{event.source_span[0]}-{event.source_span[1]}/{target}")
