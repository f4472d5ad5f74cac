"""Confidence calibrated on judged events (`irinsider.coding.confidence`)."""

from __future__ import annotations

import pytest

from irinsider.coding import calibrate
from irinsider.coding.confidence import MANY_RECIPROCAL, factors
from irinsider.model import LOW_CONFIDENCE, Event
from irinsider.pipeline import Pipeline


def event(text: str, source: str, target: str | None, trigger: str, *,
          confidence: float = 0.9, rule: str = "verbs.v1/test") -> Event:
    start = text.index(trigger)
    return Event(
        doc_id="t", sentence=0, source=source, target=target,
        source_country=source[:3] if source[:3] not in ("IGO", "---") else None,
        target_country=target[:3] if target and target[:3] not in ("IGO", "---") else None,
        cameo="051", plover="SUPPORT", plover_mode=None, goldstein=3.4, quad_class=2,
        date=None, evidence=text, source_span=(0, 1), target_span=(0, 1) if target else None,
        trigger_span=(start, start + len(trigger)), confidence=confidence, rule=rule)


def found(pipeline: Pipeline, text: str, events: list[Event]) -> list[set[str]]:
    sent = next(pipeline.nlp(text).sents)
    sources = frozenset(e.source for e in events)
    return [set(factors(e, sent, sources)) for e in events]


def test_three_or_more_acting_together_are_not_each_others_targets(pipeline: Pipeline) -> None:
    text = "Chile, Peru, Bolivia and Ecuador welcomed the ruling."
    names = ["CHL", "PER", "BOL", "ECU"]
    pairs = [event(text, a, b, "welcomed") for a in names for b in names if a != b]
    assert all(f == {"many_reciprocal"} for f in found(pipeline, text, pairs))
    text = "Ghana and Togo signed a border treaty."
    two = [event(text, "GHA", "TGO", "signed"), event(text, "TGO", "GHA", "signed")]
    assert found(pipeline, text, two) == [set(), set()]
    text = "Norway thanked Chile, Peru and Bolivia."
    listed = [event(text, "NOR", t, "thanked") for t in ("CHL", "PER", "BOL")]
    assert found(pipeline, text, listed) == [set(), set(), set()]


@pytest.mark.parametrize(("text", "source", "target", "trigger"), [
    ("Prime Minister Kishida congratulated the Japanese team.", "JPNGOV", "JPN",
     "congratulated"),
    ("President Ruto thanked the Kenyan people for their patience.", "KENGOV", "KEN",
     "thanked"),
    ("The Egyptian president announced the plan from Cairo.", "EGYGOV", "EGY", "announced"),
])
def test_a_bare_target_of_the_sources_own_country(pipeline: Pipeline, text: str, source: str,
                                                  target: str, trigger: str) -> None:
    assert found(pipeline, text, [event(text, source, target, trigger)]) == [{"own_country"}]
    # a sector of one's own country is a domestic event, not a misreading
    assert found(pipeline, text, [event(text, source, target + "MIL", trigger)]) == [set()]


@pytest.mark.parametrize(("text", "trigger"), [
    ("Ukraine accused Russia of shelling the power plant.", "shelling"),
    ("Mali's junta suspected France of arming the rebels.", "arming"),
    ("Washington accused Beijing of supplying drones to Russia.", "supplying"),
])
def test_an_act_inside_an_accusation_is_alleged(pipeline: Pipeline, text: str,
                                                trigger: str) -> None:
    assert found(pipeline, text, [event(text, "RUS", "UKR", trigger)]) == [{"alleged"}]
    accusing = text.split()[1]
    assert found(pipeline, text, [event(text, "UKR", "RUS", accusing)]) == [set()]


@pytest.mark.parametrize(("text", "trigger"), [
    ("Sri Lanka waited for its creditors to promise new loans.", "promise"),
    ("Kenya is waiting for China to sign the deal.", "sign"),
    ("The plan depends on Egypt's lenders agreeing, and for Qatar to pay.", "pay"),
])
def test_an_act_awaited_in_a_for_to_clause(pipeline: Pipeline, text: str,
                                           trigger: str) -> None:
    assert found(pipeline, text, [event(text, "CHN", "LKA", trigger)]) == [{"awaited"}]


def test_an_actor_from_the_article_takes_no_factor(pipeline: Pipeline) -> None:
    text = "He thanked Qatar."
    ours = [event(text, "EGYGOV", "QAT", "thanked", rule="verbs.v1/051:thank/context")]
    assert found(pipeline, text, ours) == [set()]


def test_calibrate_multiplies_rounds_and_keeps_the_rest(pipeline: Pipeline) -> None:
    text = "Ukraine accused Russia of shelling the power plant."
    sent = next(pipeline.nlp(text).sents)
    plain = event(text, "UKR", "RUS", "accused", confidence=0.86)
    alleged = event(text, "RUS", "UKR", "shelling", confidence=0.86,
                    rule="verbs.v1/190:shell/context")
    out = calibrate([plain, alleged], sent)
    assert out[0] is plain
    assert out[1].confidence == round(0.86 * 0.5, 3)
    assert out[1].confidence < LOW_CONFIDENCE <= out[0].confidence


def test_the_pipeline_calibrates(code_text) -> None:  # type: ignore[no-untyped-def]
    two = code_text("Chile and Peru signed a border treaty.")
    three = code_text("Chile, Peru and Bolivia signed a border treaty.")
    assert len(two) == 2 and len(three) == 6
    assert {e.confidence for e in three} == {round(two[0].confidence * MANY_RECIPROCAL, 3)}
