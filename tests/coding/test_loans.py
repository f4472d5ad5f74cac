"""Loans, grants and aid named by a noun with its amount (`irinsider.coding.loans`)."""

from __future__ import annotations

import pytest


def named(events):  # type: ignore[no-untyped-def]
    """(source, target, code, amounts) of the events a noun named."""
    return {(e.source, e.target, e.cameo, tuple(q.text for q in e.quantities))
            for e in events if "/noun:" in e.rule}


@pytest.mark.parametrize(("text", "expected"), [
    # the lender as the noun's owner, the borrower after "to"
    ("Japan's $2 billion loan to Indonesia will pay for a new port.",
     ("JPN", "IDN", "071", ("$2 billion",))),
    # the lender as a nationality, the borrower after "for"
    ("A $500 million Saudi loan for Pakistan reached the central bank on Monday.",
     ("SAU", "PAK", "071", ("$500 million",))),
    # the lender after "from", the borrower in a relative clause
    ("The €700 million grant from the European Union that Ukraine will spend on energy "
     "repairs was approved on Friday.", ("IGOEUREEC", "UKR", "071", ("€700 million",))),
])
def test_an_aid_noun_with_an_amount_is_aid_from_lender_to_borrower(
        code_text, text: str, expected: tuple[str, str, str, tuple[str, ...]]) -> None:  # type: ignore[no-untyped-def]
    assert named(code_text(text)) == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("China agreed to lend Kenya $3 billion. The package includes the $3 billion loan "
     "that Kenya will use to build its railway.", ("CHN", "KEN", "071", ("$3 billion",))),
    ("Saudi Arabia promised to give Egypt economic aid. Officials said the $800 million "
     "grant that Egypt will receive would stabilise its currency.",
     ("SAU", "EGY", "071", ("$800 million",))),
    ("Germany pledged €2 billion in aid to Ukraine. This covers a €500 million loan that "
     "Ukraine will spend on air defence.", ("DEU", "UKR", "071", ("€500 million",))),
])
def test_a_lender_the_sentence_does_not_name_is_the_articles(
        code_text, text: str, expected: tuple[str, str, str, tuple[str, ...]]) -> None:  # type: ignore[no-untyped-def]
    events = code_text(text)
    assert named(events) == {expected}
    (event,) = [e for e in events if "/noun:" in e.rule]
    assert event.rule.endswith("/context")
    assert event.evidence[slice(*event.source_span)] in ("loan", "grant")


@pytest.mark.parametrize("text", [
    # the verb carries the loan and its amount already
    "Japan granted Indonesia a $2 billion loan.",
    # no amount: not said to be given
    "Russia's loan to Cuba surprised analysts.",
    # no borrower named
    "The $3 billion loan was the largest in the bank's history.",
    # no lender, in the sentence or before it
    "The $400 million loan that Zambia will use to build roads was signed on Monday.",
])
def test_no_aid_event_without_amount_borrower_and_lender(code_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert named(code_text(text)) == set()
