"""Properties of ingest and the coder, on inputs Hypothesis makes up.

Reading any text or bytes gives articles or one-line errors; coding any text raises
nothing, and every span it reports lies inside its sentence and holds the text it
names; coding is deterministic; storing the same articles twice changes no row.
The spaCy pipeline is loaded once (the session fixture in conftest.py); example
counts are kept small so that the file runs in seconds.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from irinsider.errors import InputError
from irinsider.ingest import FORMATS, decode, normalise_whitespace, parse_records
from irinsider.model import Article, Block, CodedArticle
from irinsider.pipeline import Pipeline
from irinsider.store import Store

FAST = settings(max_examples=150, deadline=None, database=None)
CODER = settings(max_examples=60, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ACTORS = ["Russia", "Cuba", "Ukraine", "Iran", "Iraq", "the United States", "China", "Putin",
          "Vladimir Putin", "Trump", "the UN", "NATO", "the European Union", "Russian troops",
          "the Cuban government", "rebels", "police", "Israel", "Díaz-Canel", "Kim Jong Un"]
VERBS = ["condemned", "attacked", "met", "met with", "agreed to lend", "praised", "accused",
         "will visit", "did not attack", "urged", "imposed sanctions on", "signed a deal with",
         "threatened", "said it would help", "expelled diplomats from", "shelled", "invaded",
         "promised aid to", "rejected", "called for talks with"]
TAILS = ["", " on Tuesday", " $50 million", " 60 investment projects", " 20 km from Kyiv",
         " by 10%", " in Havana", " after talks", " and", ",", " (Reuters)", " for 3 days",
         " between 2 and 5 billion euros", " 🇷🇺", " — again"]
ENDS = [".", "!", "?", "", ". ", "...", ";"]

news_sentence = st.builds(
    lambda a, v, b, tail, end: f"{a} {v} {b}{tail}{end}",
    st.sampled_from(ACTORS), st.sampled_from(VERBS), st.sampled_from(ACTORS),
    st.sampled_from(TAILS), st.sampled_from(ENDS),
)
news_text = st.lists(
    st.one_of(news_sentence, news_sentence.map(str.upper), st.text(max_size=30),
              st.sampled_from(["\n\n", "By Ana Ruiz", "Caption: Putin in Havana", "(", "\"",
                               "U.S.", "Mr.", "1.", "•", "\u200f", "\ufeff", "\x00"])),
    min_size=1, max_size=6,
).map(" ".join)


def code_one(pipeline: Pipeline, text: str, doc_id: str = "p") -> CodedArticle | None:
    """Code `text` as one article; None when it holds no text to code."""
    [item] = parse_records(text, fmt="text", source_path="t.txt", default_date=date(2018, 11, 9))
    if isinstance(item, InputError):
        return None
    article = Article(doc_id, item.title, item.byline, item.date, None, item.blocks)
    return next(pipeline.code([article]))


# --------------------------------------------------------------------------- ingest

@FAST
@given(st.sampled_from([*FORMATS, "auto"]), st.text() | news_text)
def test_reading_any_text_gives_articles_or_one_line_errors(fmt: str, text: str) -> None:
    for item in parse_records(text, fmt=fmt, source_path="in"):
        if isinstance(item, InputError):
            assert str(item).startswith("in") and "\n" not in str(item)
        else:
            assert item.blocks
            for block in item.blocks:
                assert block.text and block.text == normalise_whitespace(block.text)
                block.text.encode("utf-8")


@FAST
@given(st.binary())
def test_decoding_any_bytes_gives_text_or_one_line_error(data: bytes) -> None:
    try:
        text, warning = decode(data, "in")
    except InputError as exc:
        assert str(exc).startswith("in: ") and "\n" not in str(exc)
    else:
        assert "\r" not in text
        assert warning is None or "\n" not in warning


@FAST
@given(st.text())
def test_article_ids_do_not_depend_on_line_ends(text: str) -> None:
    text = text.replace("\r", " ")
    first = parse_records(text, fmt="text")
    again = parse_records(text.replace("\n", "\r\n") + "\r\n\r\n", fmt="text")
    assert [getattr(a, "id", None) for a in first] == [getattr(a, "id", None) for a in again]


# --------------------------------------------------------------------------- the coder

def check_spans(coded: CodedArticle) -> None:
    for event in coded.events:
        sentence = coded.sentences[event.sentence].text
        assert event.evidence == sentence
        spans = [event.source_span, event.trigger_span]
        if event.target_span is not None:
            spans.append(event.target_span)
        for start, end in spans:
            assert 0 <= start < end <= len(sentence), (event, sentence)
        assert sentence[event.trigger_span[0]:event.trigger_span[1]] == event.trigger
        for quantity in event.quantities:
            assert sentence[quantity.start:quantity.end] == quantity.text
    assert len(coded.actors) == len(coded.sentences)
    for sentence, mentions in zip(coded.sentences, coded.actors, strict=True):
        block = coded.article.blocks[sentence.block].text
        assert block[sentence.start:sentence.start + len(sentence.text)] == sentence.text
        for mention in mentions:
            assert 0 <= mention.start < mention.end <= len(sentence.text)
            assert sentence.text[mention.start:mention.end] == mention.text


@CODER
@given(news_text)
def test_coding_any_text_raises_nothing_and_spans_hold(pipeline: Pipeline, text: str) -> None:
    coded = code_one(pipeline, text)
    if coded is not None:
        check_spans(coded)


@settings(CODER, max_examples=25)
@given(news_text)
def test_coding_is_deterministic(pipeline: Pipeline, text: str) -> None:
    assert code_one(pipeline, text) == code_one(pipeline, text)


@CODER
@given(news_sentence)
def test_a_sentence_is_coded_alike_alone_and_among_others(pipeline: Pipeline,
                                                          sentence: str) -> None:
    alone = Article("a", None, None, date(2018, 11, 9), None, (Block(sentence),))
    other = Article("b", None, None, None, None, (Block("Iran attacked Iraq. " * 3),))
    first = next(pipeline.code([alone])).events
    *_, among = pipeline.code([other, alone])
    assert among.events == first


# --------------------------------------------------------------------------- the store

def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted."""
    with sqlite3.connect(db) as conn:
        names = [n for (n,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"'), key=repr) for n in names}


@settings(CODER, max_examples=20)
@given(st.lists(news_text, min_size=1, max_size=3))
def test_ingesting_twice_changes_no_row(pipeline: Pipeline, texts: list[str]) -> None:
    articles = [a for t in texts for a in parse_records(t, fmt="text", source_path="in.txt")
                if isinstance(a, Article)]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "p.db"
        with Store.open(db) as store:
            for coded in pipeline.code(articles):
                store.save(coded)
        before = rows(db)
        with Store.open(db) as store:
            assert not any(store.save(coded) for coded in pipeline.code(articles))
        assert rows(db) == before
        assert {r[0] for r in before["articles"]} == {a.id for a in articles}
