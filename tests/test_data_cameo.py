"""The CAMEO table, data/cameo.csv (written by tools/build_cameo_table.py)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "irinsider" / "data"
COLUMNS = ["code", "root", "name", "goldstein", "quad_class", "plover", "plover_mode",
           "plover_context"]
PLOVER_TYPES = {"ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT",
                "COOPERATE", "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT",
                "SANCTION", "SUPPORT", "THREATEN"}


@cache
def rows() -> list[dict[str, str]]:
    with (DATA / "cameo.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def by_code() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in rows()}


def test_twenty_roots() -> None:
    roots = [row["code"] for row in rows() if len(row["code"]) == 2]
    assert roots == [f"{n:02d}" for n in range(1, 21)]
    assert {row["root"] for row in rows()} == set(roots)


def test_codes_unique_and_well_formed() -> None:
    codes = [row["code"] for row in rows()]
    assert len(codes) == len(set(codes))
    assert len(codes) > 300
    for row in rows():
        assert row["code"].isdigit() and 2 <= len(row["code"]) <= 4, row["code"]
        assert row["code"].startswith(row["root"]), row["code"]


def test_goldstein_range() -> None:
    for row in rows():
        assert -10.0 <= float(row["goldstein"]) <= 10.0, row["code"]


def test_quad_classes() -> None:
    for row in rows():
        root = int(row["root"])
        expected = 1 if root <= 4 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert int(row["quad_class"]) == expected, row["code"]


def test_plover_types() -> None:
    for row in rows():
        assert row["plover"] in PLOVER_TYPES | {""}, row["code"]
        assert row["plover"] or not row["plover_mode"], row["code"]
    statements = [row for row in rows() if row["root"] == "01"]
    assert statements and all(row["plover"] == "" for row in statements)
    appeals = [row for row in rows() if row["root"] == "02"]
    assert appeals and all(row["plover"] == "REQUEST" for row in appeals)
    assert all(row["plover"] for row in rows() if row["root"] not in ("01",))


def test_text_is_clean() -> None:
    for row in rows():
        for value in row.values():
            assert value == value.strip()
            assert "Çƒ" not in value and "\ufffd" not in value, row["code"]
        assert row["name"] and row["name"][0].isupper(), row["code"]


@pytest.mark.parametrize(
    ("code", "name", "goldstein", "plover", "mode"),
    [
        ("010", "Make statement", 0.0, "", ""),
        ("0231", "Appeal for economic aid", 3.4, "REQUEST", ""),
        ("042", "Make a visit", 1.9, "CONSULT", "visit"),
        ("046", "Engage in negotiation", 7.0, "CONSULT", ""),
        ("057", "Sign formal agreement", 8.0, "SUPPORT", ""),
        ("072", "Provide military aid", 8.3, "AID", ""),
        ("0874", "Retreat or surrender militarily", 10.0, "RETREAT", "disarm"),
        ("091", "Investigate crime, corruption", -2.0, "ACCUSE", "investigate"),
        ("116", "Find guilty or liable (legally)", -2.0, "ACCUSE", "disapprove"),
        ("1312", "Threaten with sanctions, boycott, embargo", -5.8, "THREATEN", "restrict"),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, "COERCE", "restrict"),
        ("173", "Arrest, detain, or charge with legal action", -5.0, "COERCE", "arrest"),
        ("190", "Use conventional military force", -10.0, "ASSAULT", ""),
        ("193", "Fight with small arms and light weapons", -10.0, "ASSAULT", "firearms"),
        ("2042", "Detonate nuclear weapons", -10.0, "ASSAULT", "unconventional"),
    ],
)
def test_spot_values(code: str, name: str, goldstein: float, plover: str, mode: str) -> None:
    row = by_code()[code]
    assert row["name"] == name
    assert float(row["goldstein"]) == goldstein
    assert (row["plover"], row["plover_mode"]) == (plover, mode)


def test_plover_inherited_from_ancestor() -> None:
    table = by_code()
    assert table["0231"]["plover"] == "REQUEST"  # 023 and 02 have no line: root 02 rule
    assert table["09"]["plover"] == "ACCUSE"  # no root line: its residual code 090
    assert table["175"]["plover"] == "ASSAULT"  # the table's own line beats root 17
    assert table["0813"]["plover"] == "RETREAT"
    assert table["091"]["plover_context"] == "crime;corruption"
