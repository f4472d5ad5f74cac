"""The whole path on the bundled example, against a reviewed golden file.

Regenerate with ``pytest tests/test_pipeline.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from irinsider.exports import event_to_dict
from irinsider.ingest import read_file
from irinsider.model import Article, Block
from irinsider.pipeline import Pipeline, split_long

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cuba-russia.md"
GOLDEN = Path(__file__).parent / "golden" / "cuba-russia.events.json"


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    (article,) = read_file(EXAMPLE)
    assert isinstance(article, Article)
    return next(pipeline.code([article]))


def test_example_matches_golden(coded, request: pytest.FixtureRequest) -> None:  # type: ignore[no-untyped-def]
    got = [event_to_dict(e) for e in coded.events]
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("source", "target", "cameo_prefix", "quantity"),
    [
        ("RUS", "CUB", "03", "$50 million"),  # Russia agreed to lend Cuba $50 million
        ("RUSGOV", "USAGOV", "02", None),  # Putin ... urged Trump not to withdraw
        ("CUBGOV", "USAGOV", "02", None),  # ... and Díaz-Canel
        ("IGOEUREEC", "CUB", "08", None),  # the EU dropped its sanctions on Cuba
        ("RUSBUS", "CUB", "03", "60 investment projects"),  # companies will take part
    ],
)
def test_example_key_facts(coded, source: str, target: str, cameo_prefix: str,  # type: ignore[no-untyped-def]
                           quantity: str | None) -> None:
    matches = [e for e in coded.events if (e.source, e.target) == (source, target)
               and e.cameo.startswith(cameo_prefix) and not e.negated]
    assert matches, f"no {source}->{target} {cameo_prefix}x event"
    if quantity:
        assert any(q.text == quantity for e in matches for q in e.quantities)


def test_example_captions_are_coded_as_captions(coded) -> None:  # type: ignore[no-untyped-def]
    kinds = {s.kind for s in coded.sentences}
    assert kinds == {"body", "caption"}
    assert any(e.caption for e in coded.events)


def test_spans_lie_inside_their_sentence(coded) -> None:  # type: ignore[no-untyped-def]
    for e in coded.events:
        for span in (e.source_span, e.target_span, e.trigger_span):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(e.evidence)


def test_long_text_is_coded_in_chunks(pipeline: Pipeline) -> None:
    text = "Russia condemned Ukraine. " * 40  # 1,040 characters
    small = dataclasses.replace(pipeline, max_chunk=300)  # so: four chunks
    coded = next(small.code([Article("long", None, None, None, None, (Block(text),))]))
    assert len(coded.sentences) == 40
    assert len(coded.events) == 40
    assert all(text[s.start:s.start + len(s.text)] == s.text for s in coded.sentences)


def test_split_long_keeps_offsets() -> None:
    text = "a. " * 50
    pieces = split_long(text, limit=20)
    assert "".join(p for _, p in pieces) == text
    assert all(text[o:o + len(p)] == p for o, p in pieces)
