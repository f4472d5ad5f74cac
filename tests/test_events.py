"""The coder on sentences that show one grammatical case each."""

from __future__ import annotations

from datetime import date

import pytest


def triples(events, *, negated: bool = False):  # type: ignore[no-untyped-def]
    return {(e.source, e.target, e.cameo) for e in events if e.negated == negated}


def roots(events):  # type: ignore[no-untyped-def]
    return {(e.source, e.target, e.cameo[:2]) for e in events if not e.negated}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain active clause, names and demonyms
        ("Russia condemned Ukraine on Tuesday.", {("RUS", "UKR", "11")}),
        ("The Cuban foreign minister met officials in Moscow.", {("CUBGOV", "RUSGOV", "04")}),
        # passive voice with and without the agent
        ("Iraq was attacked by Iran on Friday.", {("IRN", "IRQ", "19")}),
        # compound subject: one event per pair
        ("Putin and Díaz-Canel urged Trump to lift the embargo.",
         {("RUSGOV", "USAGOV", "02"), ("CUBGOV", "USAGOV", "02")}),
        # an appeal not to act is an appeal, not the act
        ("Putin and Díaz-Canel urged Trump not to withdraw from the treaty.",
         {("RUSGOV", "USAGOV", "02"), ("CUBGOV", "USAGOV", "02")}),
        # a threat to act is a threat
        ("The United States threatened to impose sanctions on Cuba.", {("USA", "CUB", "13")}),
        # intent: agreeing to act is coded as an intent to cooperate
        ("Russia agreed to lend Cuba $50 million.", {("RUS", "CUB", "03")}),
        # reported speech: the reported event, with its own actors
        ("The US said that Iraq had attacked Kuwait.", {("IRQ", "KWT", "19")}),
        # capital as metonym
        ("Moscow accused Washington of interference.", {("RUS", "USA", "11")}),
        # a country further on says more than a bare sector word
        ("Brazil recalled its ambassador to Israel.", {("BRA", "ISR", "16")}),
        # a possessive pronoun in a reported clause is the speaker's
        ("Israel said its warplanes struck Gaza.", {("ISRMIL", "PSE", "19")}),
        # an official complaint, not a street protest
        ("Japan protested to China over the incursion.", {("JPN", "CHN", "11")}),
        # a negated promise in reported speech is a refusal; "he" is the speaker
        ("Putin said he would not provide support to Iran.", {("RUSGOV", "IRN", "12")}),
        # "X said Y must ..." is X's demand on Y
        ("Britain reiterated that Libya must hand over the suspects.", {("GBR", "LBY", "10")}),
        # cooperation in the future tense is an intent (CAMEO 030)
        ("Russian companies will take part in investment projects in Cuba.",
         {("RUSBUS", "CUB", "03")}),
        # a threat to act is a threat; the troops are the source's own, Germany the target
        ("Trump threatened to withdraw US troops from Germany.", {("USAGOV", "DEU", "13")}),
        # "help Cuba modernise": the helped is the target, and offering to help an intent
        ("Moscow offered to help Cuba modernise its railways.", {("RUS", "CUB", "03")}),
        # force in the future tense is announced, not done: a threat
        ("Russia will attack Ukraine.", {("RUS", "UKR", "13")}),
        # a passive's subject acts in its infinitive
        ("Putin is scheduled to visit Cuba.", {("RUSGOV", "CUB", "04")}),
        # the place is the target of a show of force
        ("Russia is conducting military exercises in Alaska.", {("RUS", "USA", "15")}),
    ],
)
def test_sentence_cases(code_text, text: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert roots(code_text(text)) == expected


def test_negated_event_is_flagged_not_coded_as_positive(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Russia did not attack Ukraine.")
    assert roots(events) == set()
    assert {(e.source, e.target) for e in events if e.negated} == {("RUS", "UKR")}


def test_compound_subject_without_target_is_reciprocal(code_text) -> None:  # type: ignore[no-untyped-def]
    got = roots(code_text("Russia and Cuba held talks in Moscow."))
    assert ("RUS", "CUB", "04") in got and ("CUB", "RUS", "04") in got


def test_event_fields_and_spans(code_text) -> None:  # type: ignore[no-untyped-def]
    (event,) = [e for e in code_text("Russia agreed to lend Cuba $50 million.") if not e.negated]
    s = event.evidence
    assert s[slice(*event.source_span)] == "Russia"
    assert event.target_span is not None and s[slice(*event.target_span)] == "Cuba"
    assert s[slice(*event.trigger_span)] == "agreed"
    assert event.source_country == "RUS" and event.target_country == "CUB"
    assert event.quad_class == 1 and event.plover == "AGREE"
    assert [(q.kind, q.value, q.unit) for q in event.quantities] == [("money", 50e6, "USD")]
    assert 0 < event.confidence <= 1
    assert event.rule.startswith("verbs.")


def test_leader_outside_term_is_not_government(code_text) -> None:  # type: ignore[no-untyped-def]
    (in_office,) = [e for e in code_text("Obama criticized Putin.", date(2015, 6, 1))]
    (former,) = [e for e in code_text("Obama criticized Putin.", date(2018, 11, 9))]
    assert in_office.source == "USAGOV"
    assert former.source == "USAELI" and former.source_country == "USA"


def test_coding_is_deterministic(code_text) -> None:  # type: ignore[no-untyped-def]
    text = "Putin and Díaz-Canel urged Trump not to withdraw from the INF treaty."
    assert code_text(text) == code_text(text)


def test_offices_are_read_as_of_the_clause_date(code_text) -> None:  # type: ignore[no-untyped-def]
    (visit,) = code_text("Obama visited Havana in March 2016.", date(2018, 11, 9))
    assert (visit.source, visit.target) == ("USAGOV", "CUB")
    assert visit.date == "2018-11-09"  # the event keeps the article's date
    (later,) = code_text("Obama visited Havana.", date(2018, 11, 9))
    assert later.source == "USAELI"
