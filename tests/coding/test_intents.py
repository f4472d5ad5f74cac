"""Intents (CAMEO 03x) and the action they intend: `intended_cameo`, and
`--embedded-actions`, which codes the action instead, as PETRARCH-2 does."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import warnings
from datetime import date

import pytest
from click.testing import CliRunner

from irinsider.batch.cluster import BatchOptions
from irinsider.cli import main
from irinsider.codebook import load_codebook
from irinsider.coding import Coder, load_rules
from irinsider.model import Article, Block, Event
from irinsider.pipeline import Pipeline


def coded(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article("t", None, None, date(2021, 5, 4), None, (Block(text),))
    return [e for e in next(pipeline.code([article])).events if not e.negated]


@pytest.fixture(scope="module")
def embedded(pipeline: Pipeline) -> Pipeline:
    """The pipeline coding intents as the actions they intend."""
    coder = Coder(pipeline.actors, load_rules(), load_codebook(), embedded_actions=True)
    return dataclasses.replace(pipeline, coder=coder)


INTENTS = [
    # a cooperative act in the future tense (the codebook's note on 030)
    ("Germany will supply arms to Ukraine.", ("DEU", "UKR"), "0332", "072"),
    # agreeing to act
    ("The European Union agreed to lift the sanctions on Belarus.",
     ("IGOEUREEC", "BLR"), "0354", "085"),
    # promising to act, with an amount
    ("Japan promised to lend Indonesia $2 billion.", ("JPN", "IDN"), "0331", "071"),
    # committing to act
    ("Norway committed to send humanitarian aid to Sudan.", ("NOR", "SDN"), "0333", "073"),
    # an intent to cooperate: the action is cooperation itself
    ("Chile and Peru agreed to cooperate.", ("CHL", "PER"), "030", "060"),
]


@pytest.mark.parametrize(("text", "pair", "cameo", "intended"), INTENTS)
def test_an_intent_keeps_the_action_it_intends(pipeline: Pipeline, text: str,
                                               pair: tuple[str, str], cameo: str,
                                               intended: str) -> None:
    (event,) = [e for e in coded(pipeline, text) if (e.source, e.target) == pair]
    assert (event.cameo, event.intended_cameo) == (cameo, intended)
    assert event.plover == "AGREE" and "/embedded" not in event.rule


@pytest.mark.parametrize(("text", "pair", "cameo", "intended"), INTENTS)
def test_embedded_actions_code_the_action(embedded: Pipeline, text: str,
                                          pair: tuple[str, str], cameo: str,
                                          intended: str) -> None:
    (event,) = [e for e in coded(embedded, text) if (e.source, e.target) == pair]
    row = load_codebook()[intended]
    assert (event.cameo, event.intended_cameo) == (intended, intended)
    assert (event.plover, event.goldstein, event.quad_class) == (
        row.plover, row.goldstein, row.quad_class)
    assert event.rule.endswith("/embedded")


@pytest.mark.parametrize("text", [
    "Russia attacked Ukraine on Tuesday.",  # no intent
    "Cuba urged the United States to lift the embargo.",  # an appeal, not an intent
    "Iran threatened to close the strait to American ships.",  # a threat
])
def test_other_events_intend_nothing(pipeline: Pipeline, embedded: Pipeline,
                                     text: str) -> None:
    plain = coded(pipeline, text)
    assert plain and all(e.intended_cameo is None for e in plain)
    assert [(e.source, e.target, e.cameo) for e in coded(embedded, text)] == [
        (e.source, e.target, e.cameo) for e in plain]


def test_cli_code_embedded_actions() -> None:
    text = "The European Union agreed to lift the sanctions on Belarus.\n"
    runner = CliRunner()
    plain = runner.invoke(main, ["code", "-"], input=text)
    assert plain.exit_code == 0, plain.output
    (line,) = plain.output.splitlines()
    assert (json.loads(line)["cameo"], json.loads(line)["intended_cameo"]) == ("0354", "085")
    embedded = runner.invoke(main, ["code", "--embedded-actions", "-"], input=text)
    assert embedded.exit_code == 0, embedded.output
    (line,) = embedded.output.splitlines()
    assert (json.loads(line)["cameo"], json.loads(line)["plover"]) == ("085", "RETREAT")


def test_embedded_actions_are_part_of_a_batchs_options() -> None:
    assert "embedded_actions" not in BatchOptions().fingerprint()
    assert BatchOptions(embedded_actions=True).fingerprint()["embedded_actions"] is True


def test_the_reader_shows_the_action_intended(db, pipeline: Pipeline) -> None:  # type: ignore[no-untyped-def]
    from starlette.exceptions import StarletteDeprecationWarning

    from irinsider.web import WebConfig, create_app

    with warnings.catch_warnings():  # starlette prefers httpx2, which the lock does not carry
        warnings.simplefilter("ignore", StarletteDeprecationWarning)
        from fastapi.testclient import TestClient
    client = TestClient(create_app(db, WebConfig(index_interval=None), pipeline=pipeline))
    (article_id,) = sqlite3.connect(db).execute("SELECT id FROM articles").fetchone()
    (event_id,) = sqlite3.connect(db).execute(
        "SELECT id FROM events WHERE intended_cameo = '071'").fetchone()
    for page in (f"/articles/{article_id}", f"/events/{event_id}"):
        html = client.get(page).text
        assert "intends 071 Provide economic aid" in html, page
