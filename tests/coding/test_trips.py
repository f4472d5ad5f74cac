"""Visits told by the trip: "his tour took him to Russia and China" (`coding.trips`)."""

from __future__ import annotations

from datetime import date

import pytest


def visits(events):  # type: ignore[no-untyped-def]
    return {(e.source, e.target, e.cameo) for e in events if "/trip:" in e.rule}


@pytest.mark.parametrize(("text", "expected"), [
    # the traveller as the object of "take", places joined by "and"
    ("Her week-long tour took Japan's foreign minister to Kenya, Ghana and Nigeria.",
     {("JPNGOV", "KEN", "042"), ("JPNGOV", "GHA", "042"), ("JPNGOV", "NGA", "042")}),
    # a capital stands for its country; two cities of one country are one visit
    ("The trip took President Xi Jinping to Paris and Lyon.", {("CHNGOV", "FRA", "042")}),
    # the traveller as a pronoun for the trip's owner
    ("Macron's Asian tour took him to India and Indonesia.",
     {("FRAGOV", "IND", "042"), ("FRAGOV", "IDN", "042")}),
    # a trip still to come is an intent to visit
    ("The visit will take Putin to Pyongyang.", {("RUSGOV", "PRK", "036")}),
])
def test_a_trip_that_takes_someone_somewhere_is_a_visit(code_text, text: str,  # type: ignore[no-untyped-def]
                                                        expected: set[tuple[str, str, str]]
                                                        ) -> None:
    assert visits(code_text(text, date(2018, 11, 9))) == expected


def test_the_traveller_named_in_an_earlier_sentence(code_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Indonesia's president, Joko Widodo, set off on Monday. His tour took him to "
            "Kenya, Tanzania and Mozambique.")
    events = code_text(text, date(2023, 8, 21))
    assert visits(events) == {("IDNGOV", t, "042") for t in ("KEN", "TZA", "MOZ")}


@pytest.mark.parametrize("text", [
    "The journey took six hours.",  # no one taken anywhere
    "The case took the lawyers to the Supreme Court.",  # no trip
    "The tour did not take him to Moscow.",  # not taken
])
def test_no_visit_without_a_trip_a_traveller_and_a_place(code_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert visits(code_text(text)) == set()
