"""The whole path on whole articles, against reviewed golden files.

Every ``tests/golden/<case>.md`` and the bundled example are coded and compared
with ``tests/golden/<case>.events.json``. The golden files record what the coder
does today, mistakes included, so that a change shows up as a reviewed diff.
Regenerate with ``pytest tests/test_pipeline.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from irinsider.exports import event_to_dict
from irinsider.ingest import read_file
from irinsider.model import Article, Block, CodedArticle
from irinsider.pipeline import Pipeline, split_long

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cuba-russia.md"
GOLDEN_DIR = Path(__file__).parent / "golden"
# The bundled example and every article written for the golden tests.
CASES = [EXAMPLE, *sorted(GOLDEN_DIR.glob("*.md"))]


def code_file(pipeline: Pipeline, path: Path) -> CodedArticle:
    (article,) = read_file(path)
    assert isinstance(article, Article), article
    return next(pipeline.code([article]))


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> CodedArticle:
    return code_file(pipeline, EXAMPLE)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_article_matches_golden(pipeline: Pipeline, path: Path,
                                request: pytest.FixtureRequest) -> None:
    golden = GOLDEN_DIR / f"{path.stem}.events.json"
    got = [event_to_dict(e) for e in code_file(pipeline, path).events]
    if request.config.getoption("--update-golden"):
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"no {golden.name}: run pytest tests/test_pipeline.py --update-golden"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_every_golden_file_has_its_article() -> None:
    cases = {p.stem for p in CASES}
    orphans = [g.name for g in GOLDEN_DIR.glob("*.events.json")
               if g.name.removesuffix(".events.json") not in cases]
    assert not orphans, f"golden files without an article: {orphans}"


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
