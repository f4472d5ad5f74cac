"""Acronyms an article defines in parentheses stand for the actor they follow."""

from __future__ import annotations

from datetime import date

import pytest

from irinsider.coding import load_nlp
from irinsider.coding.acronyms import is_acronym, with_acronyms
from irinsider.coding.actors import Entry, load_actors

WHEN = date(2024, 1, 1)


def codes(paragraphs: list[str]) -> list[tuple[str, str | None]]:
    """(acronym, what it stands for) for each capitalised token of the paragraphs, read in
    order as one article: an organisation's code, or a country with its sector."""
    nlp, actors = load_nlp(), load_actors()
    defined: dict[str, list[Entry]] = {}
    out = []
    for text in paragraphs:
        doc = nlp(text)
        marks = with_acronyms(doc, actors.mark(nlp, doc), defined, actors, WHEN)
        for tok in doc:
            if is_acronym(tok.text):
                mark = marks.get(tok.i)
                entry = mark[2][0] if mark else None
                out.append((tok.text, None if entry is None else
                            entry.code or f"{entry.country}{entry.sector or ''}"))
    return out


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # an organisation whose acronym the dictionaries leave out
        (["The African Union Commission (AUC) met in Addis Ababa.",
          "The AUC later condemned the coup."],
         [("AUC", "IGOAFRAFUCOM"), ("AUC", "IGOAFRAFUCOM")]),
        # the article's definition wins over the dictionaries' reading of the acronym
        (["Reporters Without Borders (RSF) criticised the arrests.",
          "RSF called for the journalists' release."],
         [("RSF", "NGORSF"), ("RSF", "NGORSF")]),
        # a country's body named by its words
        (["The Sudanese Armed Forces (SAF) shelled Omdurman.",
          "The SAF said it had retaken the bridge."],
         [("SAF", "SDNMIL"), ("SAF", "SDNMIL")]),
        # a person's initials define nothing, and an acronym defined nowhere stays unknown
        (["Prime Minister Boris Johnson (BJ) spoke to the BBC.", "BJ left."],
         [("BJ", None), ("BBC", None), ("BJ", None)]),
    ],
)
def test_acronyms_defined_in_the_article(paragraphs: list[str], expected: list) -> None:
    assert codes(paragraphs) == expected


@pytest.mark.parametrize(("text", "acronym"), [("RSF", True), ("M23", True), ("EU", True),
                                               ("Ecowas", False), ("A", False), ("the", False),
                                               ("NATO1234567", False)])
def test_is_acronym(text: str, acronym: bool) -> None:
    assert is_acronym(text) is acronym


def test_an_acronym_codes_in_later_paragraphs(pipeline) -> None:  # type: ignore[no-untyped-def]
    from irinsider.model import Article, Block

    article = Article("t", None, None, WHEN, None, (
        Block("The African Union Commission (AUC) issued a statement on Monday."),
        Block("The AUC condemned Niger's junta."),
        Block("Reporters Without Borders (RSF) said it was alarmed."),
        Block("RSF criticised Sudan."),
    ))
    events = next(pipeline.code([article])).events
    got = {(e.source, e.target, e.cameo) for e in events if not e.negated}
    assert got == {("IGOAFRAFUCOM", "NERMIL", "111"), ("NGORSF", "SDN", "111")}
