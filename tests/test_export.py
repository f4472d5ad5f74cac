"""Tests of irinsider.export: the JSON Lines contract and CSV."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from irinsider.export import FIELDS, event_to_dict, write_events
from irinsider.model import Event, Quantity

KEYS = {
    "doc_id", "sentence", "source", "target", "source_country", "target_country", "cameo",
    "plover", "plover_mode", "goldstein", "quad_class", "date", "evidence", "source_span",
    "target_span", "trigger_span", "quantities", "negated", "modality", "confidence", "rule",
    "source_name", "target_name", "trigger", "caption",
}


def events() -> list[Event]:
    return [
        Event(
            doc_id="a1", sentence=0, source="RUSGOV", target="CUB", source_country="RUS",
            target_country="CUB", cameo="0711", plover="AID", plover_mode="economic",
            goldstein=7.4, quad_class=2, date="2018-11-02",
            evidence="Russia will lend Cuba $50 million, \"a gift\",\nsaid Peskov.",
            source_span=(0, 6), target_span=(17, 21), trigger_span=(12, 16),
            quantities=(
                Quantity(kind="money", value=50_000_000, unit="USD", text="$50 million",
                         start=22, end=33),
                Quantity(kind="range", value=500, unit="km", text="500-5,500 km", start=40,
                         end=52, value_max=5500),
            ),
            modality="future", confidence=0.9, rule="lend", source_name="Russia",
            target_name="Cuba", trigger="lend",
        ),
        Event(
            doc_id="a2", sentence=3, source="---GOV", target=None, source_country=None,
            target_country=None, cameo="040", plover=None, plover_mode=None, goldstein=1.0,
            quad_class=1, date=None, evidence="Díaz-Canel met officials in Moscú.",
            source_span=(0, 10), target_span=None, trigger_span=(11, 14), negated=True,
            caption=True, trigger="met",
        ),
    ]


def test_event_to_dict_keys_and_values() -> None:
    first, second = (event_to_dict(e) for e in events())
    assert list(first) == list(FIELDS)
    assert set(first) == KEYS
    assert first["source_span"] == [0, 6]
    assert first["quantities"] == [
        {"kind": "money", "value": 50_000_000, "unit": "USD", "text": "$50 million"},
        {"kind": "range", "value": 500, "unit": "km", "text": "500-5,500 km",
         "value_max": 5500},
    ]
    assert second["target_span"] is None
    assert second["quantities"] == []
    json.dumps(first)  # JSON-ready


def test_jsonl_round_trip() -> None:
    out = io.StringIO()
    assert write_events(events(), out, "jsonl") == 2
    text = out.getvalue()
    assert "Díaz-Canel" in text  # ensure_ascii=False
    lines = text.splitlines()
    assert len(lines) == 2
    assert [json.loads(line) for line in lines] == [event_to_dict(e) for e in events()]
    frame = pd.read_json(io.StringIO(text), lines=True, dtype=False)
    assert set(frame.columns) == KEYS
    assert frame["cameo"].tolist() == ["0711", "040"]
    assert frame["target_span"].tolist()[0] == [17, 21]
    assert frame["quantities"][0][1]["value_max"] == 5500


def test_csv_round_trip() -> None:
    out = io.StringIO(newline="")
    assert write_events(events(), out, "csv") == 2
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(FIELDS)
    assert len(frame) == 2
    first, second = frame.to_dict("records")
    assert first["evidence"] == events()[0].evidence  # quotes and newline survive
    assert first["source_span"] == "0-6"
    assert first["trigger_span"] == "12-16"
    assert second["target_span"] == ""
    assert json.loads(first["quantities"])[0] == {
        "kind": "money", "value": 50_000_000, "unit": "USD", "text": "$50 million"}
    assert json.loads(second["quantities"]) == []
    assert second["evidence"] == "Díaz-Canel met officials in Moscú."
    assert (first["negated"], second["negated"]) == ("False", "True")


def test_empty_csv_has_header() -> None:
    out = io.StringIO()
    assert write_events([], out, "csv") == 0
    assert out.getvalue().strip().split(",") == list(FIELDS)


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        write_events(events(), io.StringIO(), "xml")
