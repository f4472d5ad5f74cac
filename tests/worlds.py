"""Fixture databases written by hand: articles whose sentences carry the events we say,
saved through `Store`, so that tests of counts, briefs and pages do not depend on what
the coder makes of a text today.

    said("RUSGOV", "CUBGOV", "046", "held", source_text="Putin", target_text="Díaz-Canel")
    sentence("Putin held talks with Díaz-Canel.", said(...), said(...), caption=False)
    article("a1", "2018-11-09", sentence(...), ..., title="Talks in Moscow")
    save(store, article(...), ...)

A sentence's events find their words in its text: the trigger, and each side's words
(its name by default: "Russia" for RUS and RUSGOV, "Cuba" for CUB).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from irinsider.codebook import load_codebook
from irinsider.model import ActorMention, Article, Block, CodedArticle, Event, Quantity, Sentence
from irinsider.store import Store

NAMES = {"RUS": "Russia", "CUB": "Cuba", "USA": "United States", "CHN": "China",
         "UKR": "Ukraine", "ISR": "Israel", "PSE": "Palestine", "VEN": "Venezuela",
         "IRN": "Iran", "FRA": "France", "DEU": "Germany", "IGOUNO": "United Nations"}


@dataclass(frozen=True)
class Said:
    """One event a sentence says (see `said`)."""

    source: str
    target: str | None
    cameo: str
    trigger: str
    source_text: str | None = None
    target_text: str | None = None
    source_name: str | None = None
    target_name: str | None = None
    confidence: float = 0.9
    negated: bool = False
    modality: str | None = None
    amount: tuple[str, float] | None = None  # ("$5 million", 5e6): words in the sentence
    count: tuple[str, float, str] | None = None  # ("three helicopters", 3, "helicopters")
    rule: str = "test"
    precision: str = "article"
    day: str | None = None  # the event's date, when not the article's


def said(source: str, target: str | None, cameo: str, trigger: str, **more: object) -> Said:
    """An event: `source` does `cameo` to `target`, said by the word `trigger`."""
    return Said(source, target, cameo, trigger, **more)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Line:
    """A sentence and the events it says."""

    text: str
    events: tuple[Said, ...]
    caption: bool = False


def sentence(text: str, *events: Said, caption: bool = False) -> Line:
    return Line(text, events, caption)


def _country(code: str | None) -> str | None:
    if not code or code.startswith(("IGO", "NGO", "---")):
        return None
    return code[:3]


def _name(code: str) -> str:
    return NAMES.get(code) or NAMES.get(code[:3]) or code


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.find(words, after)
    if start < 0:
        start = text.find(words)
    if start < 0:
        raise ValueError(f"{words!r} is not in {text!r}")
    return start, start + len(words)


def article(doc: str, day: str | None, *lines: Line, title: str | None = "An article",
            byline: str | None = None, url: str | None = None) -> CodedArticle:
    """An article of these sentences (captions first where marked), coded as they say."""
    book = load_codebook()
    blocks = tuple(Block(line.text, "caption" if line.caption else "body") for line in lines)
    sentences = tuple(Sentence(i, line.text, i, "caption" if line.caption else "body", 0)
                      for i, line in enumerate(lines))
    actors: list[tuple[ActorMention, ...]] = []
    events: list[Event] = []
    for i, line in enumerate(lines):
        mentions: dict[tuple[int, int], ActorMention] = {}
        for e in line.events:
            entry = book[e.cameo]
            s_words = e.source_text or _name(e.source)
            s_span = _span(line.text, s_words)
            t_span = None
            if e.target:
                t_span = _span(line.text, e.target_text or _name(e.target))
            trigger = _span(line.text, e.trigger)
            quantities: tuple[Quantity, ...] = ()
            if e.amount:
                q = _span(line.text, e.amount[0])
                quantities = (Quantity("money", e.amount[1], "USD", e.amount[0], *q),)
            if e.count:
                q = _span(line.text, e.count[0])
                quantities += (Quantity("count", e.count[1], e.count[2], e.count[0], *q),)
            for code, span, name in ((e.source, s_span, e.source_name),
                                     (e.target, t_span, e.target_name)):
                if code and span:
                    mentions[span] = ActorMention(
                        line.text[span[0]:span[1]], span[0], span[1], code, _country(code),
                        code[3:6] or None, "leader" if name and " " in name else "country",
                        name or _name(code))
            events.append(Event(
                doc, i, e.source, e.target, _country(e.source), _country(e.target), e.cameo,
                entry.plover, entry.plover_mode, entry.goldstein, entry.quad_class,
                e.day or day, line.text, s_span, t_span, trigger, quantities,
                negated=e.negated, modality=e.modality, confidence=e.confidence, rule=e.rule,
                source_name=e.source_name or _name(e.source),
                target_name=(e.target_name or _name(e.target)) if e.target else None,
                trigger=e.trigger, caption=line.caption, date_precision=e.precision))
        actors.append(tuple(sorted(mentions.values(), key=lambda m: m.start)))
    when = date.fromisoformat(day) if day else None
    return CodedArticle(Article(doc, title, byline, when, url, blocks), sentences,
                        tuple(actors), tuple(events))


def save(store: Store, *articles: CodedArticle) -> None:
    for coded in articles:
        store.save(coded)


# ---------------------------------------------------------------------------- one world

PUTIN = {"source_text": "Putin", "source_name": "Vladimir Putin"}
DIAZ = {"source_text": "Díaz-Canel", "source_name": "Miguel Díaz-Canel"}


def _talks(text: str, caption: bool = False) -> Line:
    """Putin and Díaz-Canel held talks: one meeting, coded both ways."""
    return sentence(
        text,
        said("RUSGOV", "CUBGOV", "046", "talks", **PUTIN, target_text="Díaz-Canel",
             target_name="Miguel Díaz-Canel"),
        said("CUBGOV", "RUSGOV", "046", "talks", **DIAZ, target_text="Putin",
             target_name="Vladimir Putin"),
        caption=caption)


def reader_world() -> list[CodedArticle]:
    """Articles whose numbers are easy to get wrong: a meeting in a caption and the body,
    each way; a loan reported by two articles; a negated event; an event to mark wrong
    (the last of "a1"); a low-confidence one; a year-only date; an untitled article;
    forces named by a common noun."""
    loan = said("RUS", "CUB", "0331", "agreed", amount=("$50 million", 5e7),
                rule="verbs.v1/intent:agree>071:lend", confidence=0.94)
    return [
        article(
            "a1", "2018-11-09",
            _talks("Putin and Díaz-Canel hold talks in Moscow.", caption=True),
            _talks("In Moscow, Díaz-Canel and Putin held talks at the Kremlin."),
            sentence("Russia agreed to lend Cuba $50 million to buy military equipment.", loan),
            sentence("Cuba did not condemn Russia.",
                     said("CUB", "RUS", "111", "condemn", negated=True)),
            sentence("Cuba praised China warmly.",
                     said("CUB", "CHN", "051", "praised", confidence=0.3)),
            sentence("Russia criticised the United States.",
                     said("RUS", "USA", "111", "criticised")),
            title="Talks in Moscow", byline="A. Writer", url="https://one.example/a1"),
        article(
            "a2", "2018-11-10",
            sentence("Russia agreed to lend Cuba $50 million, officials said.", loan),
            sentence("Israeli forces shot at Palestinian protesters.",
                     said("ISRMIL", "PSE", "190", "shot", source_text="forces",
                          source_name="forces", target_text="Palestinian")),
            title="The loan is confirmed", url="https://two.example/a2"),
        article(
            "a3", "2018-12-01",
            sentence("In 2015 Cuba accused the United States of spying.",
                     said("CUB", "USA", "112", "accused", day="2015-01-01",
                          precision="year")),
            sentence("Cuba and Russia signed a trade deal.",
                     said("CUB", "RUS", "057", "signed"),
                     said("RUS", "CUB", "057", "signed", source_text="Russia")),
            title=None, url="https://three.example/a3"),
    ]


def mark_wrong(store: Store, article_id: str, sentence_index: int) -> None:
    """Mark the event of a sentence wrong, as a reader would."""
    (row,) = [r for r in store.article_events(article_id) if r["sentence"] == sentence_index]
    store.add_correction(row["id"], field="wrong", old=None, new=None, changes={"wrong": 1},
                         reason="not what the text says", author="Test")


def busy_world() -> list[CodedArticle]:
    """The reader world and seven newer articles on talks that name one party each, so
    that the six latest articles link no two parties."""
    later = [
        article(f"n{i}", f"2019-01-{10 + i:02d}",
                sentence(f"Russia spoke about the talks for the {i + 1}th time.",
                         said("RUS", None, "010", "spoke")),
                title=f"More talk, day {i + 1}")
        for i in range(7)
    ]
    return [*reader_world(), *later]
