"""Tests of irinsider.quantities: money, counts, distances, ranges and percentages."""

from __future__ import annotations

import pytest

from irinsider.coding import find_quantities
from irinsider.model import Quantity

M = 1_000_000
B = 1_000_000_000

# text -> [(kind, value, value_max, unit, text), ...]
CASES: list[tuple[str, list[tuple[str, float, float | None, str, str]]]] = [
    # money
    ("Russia offered a $50 million military loan.",
     [("money", 50 * M, None, "USD", "$50 million")]),
    ("The deal is worth US$1.2bn.", [("money", 1.2 * B, None, "USD", "US$1.2bn")]),
    ("a $3 billion package", [("money", 3 * B, None, "USD", "$3 billion")]),
    ("a loan of 50 million dollars", [("money", 50 * M, None, "USD", "50 million dollars")]),
    ("€20m in aid", [("money", 20 * M, None, "EUR", "€20m")]),
    ("EUR 5 million for schools", [("money", 5 * M, None, "EUR", "EUR 5 million")]),
    ("£300,000 was paid", [("money", 300_000, None, "GBP", "£300,000")]),
    ("1.5 billion euros of trade", [("money", 1.5 * B, None, "EUR", "1.5 billion euros")]),
    ("10 million rubles and 3 million roubles",
     [("money", 10 * M, None, "RUB", "10 million rubles"),
      ("money", 3 * M, None, "RUB", "3 million roubles")]),
    ("a 200 million yuan credit", [("money", 200 * M, None, "CNY", "200 million yuan")]),
    ("5 million pesos", [("money", 5 * M, None, "peso", "5 million pesos")]),
    ("5 million US dollars", [("money", 5 * M, None, "USD", "5 million US dollars")]),
    # money ranges
    ("$5-10 million in grants", [("range", 5 * M, 10 * M, "USD", "$5-10 million")]),
    ("between $500,000 and $1 million",
     [("range", 500_000, 1 * M, "USD", "between $500,000 and $1 million")]),
    ("1 to 2 billion euros", [("range", 1 * B, 2 * B, "EUR", "1 to 2 billion euros")]),
    # counts
    ("They signed 60 investment projects.",
     [("count", 60, None, "investment projects", "60 investment projects")]),
    ("1,200 troops were deployed", [("count", 1200, None, "troops", "1,200 troops")]),
    ("12 people were killed", [("count", 12, None, "people", "12 people")]),
    ("Two Russian soldiers and twenty-five tanks",
     [("count", 2, None, "Russian soldiers", "Two Russian soldiers"),
      ("count", 25, None, "tanks", "twenty-five tanks")]),
    ("2 million people fled", [("count", 2 * M, None, "people", "2 million people")]),
    ("200 to 300 soldiers", [("range", 200, 300, "soldiers", "200 to 300 soldiers")]),
    # distances
    ("a range of 5,500 kilometres", [("distance", 5500, None, "km", "5,500 kilometres")]),
    ("300 km from the border", [("distance", 300, None, "km", "300 km")]),
    ("200 miles offshore", [("distance", 200, None, "mi", "200 miles")]),
    ("a 5,500-kilometre range", [("distance", 5500, None, "km", "5,500-kilometre")]),
    # distance ranges
    ("missiles with a range of 500 to 5,500 kilometres",
     [("range", 500, 5500, "km", "500 to 5,500 kilometres")]),
    ("between 500 and 5,500 km", [("range", 500, 5500, "km", "between 500 and 5,500 km")]),
    ("500-5,500 km", [("range", 500, 5500, "km", "500-5,500 km")]),
    # percentages
    ("12% and 12 percent and 12 per cent",
     [("percent", 12, None, "%", "12%"),
      ("percent", 12, None, "%", "12 percent"),
      ("percent", 12, None, "%", "12 per cent")]),
    ("growth of 10-12%", [("range", 10, 12, "%", "10-12%")]),
    # mixed, one number reported once
    ("$3 billion for 60 projects",
     [("money", 3 * B, None, "USD", "$3 billion"),
      ("count", 60, None, "projects", "60 projects")]),
    # not quantities
    ("The treaty of 1988 was renewed in 2018 and 1988 talks resumed.", []),
    ("On November 9 officials met; on 9 November talks resumed.", []),
    ("the 5th round at 10:30 am, or 3 p.m., at 0800 hours", []),
    ("Article 5 states that", []),
    ("F-16 jets, S-400 systems and COVID-19 cases", []),
    ("the 1990s conflicts and a 12-year-old boy", []),
    ("no one knows; dozens of soldiers", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_find_quantities(text: str, expected: list[tuple]) -> None:
    found = find_quantities(text)
    assert [(q.kind, q.value, q.value_max, q.unit, q.text) for q in found] == expected
    for q in found:
        assert text[q.start : q.end] == q.text


def test_offsets_are_in_the_given_text() -> None:
    text = "Moscow said on Tuesday it would lend Havana $50 million."
    (q,) = find_quantities(text)
    assert q == Quantity(kind="money", value=50_000_000, unit="USD", text="$50 million",
                         start=text.index("$"), end=text.index("."))


def test_results_are_ordered_by_position() -> None:
    text = "12 percent of 1,200 troops cost $5 million over 300 km"
    starts = [q.start for q in find_quantities(text)]
    assert starts == sorted(starts)
    assert len(starts) == 4


def test_empty_text() -> None:
    assert find_quantities("") == []
