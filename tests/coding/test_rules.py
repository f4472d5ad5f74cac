"""Compiling and reading the verb pattern table."""

from __future__ import annotations

from pathlib import Path

import pytest

from irinsider.coding import load_rules
from irinsider.errors import DataError


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "verbs.yaml"
    path.write_text(body, encoding="utf-8")
    return path


TABLE = """
version: verbs.test
synsets:
  TROOPS: [troop, force]
codes:
  "0874": [withdraw * &TROOPS, pull out * &TROOPS]
  "161": [withdraw * ambassador]
  "190": [attack]
  "040": [engage +in talk, call off]
  intent: [agree]
derive:
  intent: {"07": "033", "072": "0332", default: "030"}
nouns:
  loan: "071"
"""


def test_patterns_compile_most_specific_first(tmp_path: Path) -> None:
    table = load_rules(write(tmp_path, TABLE))
    withdraw = table.patterns["withdraw"]
    assert [p.code for p in withdraw] == ["0874", "161"]
    assert withdraw[0].objects == frozenset({"troop", "force"})
    pull = table.patterns["pull"][0]
    assert (pull.particle, pull.objects) == ("out", frozenset({"troop", "force"}))
    engage = table.patterns["engage"][0]
    assert (engage.prep, engage.prep_objects) == ("in", frozenset({"talk"}))
    assert table.patterns["call"][0].particle == "off"
    assert table.patterns["attack"][0].specificity == 0


@pytest.mark.parametrize(("inner", "code"), [("0721", "0332"), ("072", "0332"), ("071", "033"),
                                             ("190", "030"), (None, "030")])
def test_derive_uses_the_longest_known_prefix(tmp_path: Path, inner: str | None,
                                              code: str) -> None:
    table = load_rules(write(tmp_path, TABLE))
    assert table.derived("intent", inner) == code
    assert table.wrappers == {"agree": "intent"}
    assert table.nouns == {"loan": "071"}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('codes: {"190": [attack * &NOPE]}\n', "unknown set &NOPE"),
        ('codes: {"190": ["attack * "]}\n', "cannot read pattern"),
        ("derive: {intent: {'07': '033'}}\n", "needs a default"),
        ("codes: [\n", r"verbs\.yaml:\d+: not valid YAML"),
        ("- attack\n", r"verbs\.yaml: expected a verb table"),
    ],
)
def test_bad_tables_are_reported(tmp_path: Path, body: str, problem: str) -> None:
    with pytest.raises(DataError, match=problem):
        load_rules(write(tmp_path, body))
