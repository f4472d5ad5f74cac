"""Article context: surnames, titles, pronouns, descriptions and unnamed forces resolved
over the whole article before its sentences are coded (`irinsider.coding.context`)."""

from __future__ import annotations

from datetime import date

import pytest

from irinsider.model import Article, Block, CodedArticle
from irinsider.pipeline import Pipeline

IN_2004 = date(2004, 5, 1)
IN_2023 = date(2023, 6, 1)


def coded(pipeline: Pipeline, text: str, when: date | None = IN_2023) -> CodedArticle:
    """An article of one paragraph a blank line."""
    blocks = tuple(Block(p) for p in text.split("\n\n"))
    return next(pipeline.code([Article("t", None, None, when, None, blocks)]))


def events_of(pipeline: Pipeline, text: str, when: date | None = IN_2023,
              sentence: int | None = None) -> set[tuple[str, str | None, str]]:
    """(source, target, CAMEO root) of the article's events, of one sentence if given."""
    return {(e.source, e.target, e.cameo[:2]) for e in coded(pipeline, text, when).events
            if not e.negated and (sentence is None or e.sentence == sentence)}


def rules_of(pipeline: Pipeline, text: str, when: date | None = IN_2023) -> list[str]:
    return [e.rule for e in coded(pipeline, text, when).events]


# ---- aliases ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "when", "expected"), [
    # a surname alone, after the full name with a title
    ("Prime Minister John Howard arrived in Jakarta on Monday. Howard criticised Indonesia.",
     IN_2004, ("AUSGOV", "IDN", "11")),
    # "Mr" and a surname, for someone the dictionaries do not know
    ("Ghanaian Foreign Minister Kwame Mensah flew to Lome. Mr Mensah praised Togo.",
     IN_2023, ("GHAGOV", "TGO", "05")),
    # a surname in a later paragraph
    ("Chilean Interior Minister Rosa Fuentes arrived in La Paz on Tuesday.\n\n"
     "Fuentes later criticised Bolivia.",
     IN_2023, ("CHLGOV", "BOL", "11")),
])
def test_a_surname_stands_for_the_person_named_in_full(pipeline: Pipeline, text: str,
                                                      when: date, expected: tuple) -> None:
    assert expected in events_of(pipeline, text, when, sentence=1)


@pytest.mark.parametrize("text", [
    "Kenyan Interior Minister John Otieno met Ugandan army chief Paul Otieno on Monday. "
    "Otieno later criticised Tanzania.",
    "Peruvian envoy Ana Rojas and Chilean envoy Luis Rojas arrived in Quito. "
    "Rojas then condemned Ecuador.",
    "Nigerian minister Musa Bello met Ghanaian minister Ama Bello. Bello praised Togo.",
])
def test_a_surname_two_people_share_stays_unresolved(pipeline: Pipeline, text: str) -> None:
    assert not {e for e in events_of(pipeline, text, sentence=1) if e[0][:3] != "---"}


# ---- titles ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Indian Prime Minister Narendra Modi arrived in Tokyo. The prime minister praised Japan.",
     ("INDGOV", "JPN", "05")),
    ("Benjamin Netanyahu met Joe Biden on Monday. The Israeli leader later criticised Iran.",
     ("ISRGOV", "IRN", "11")),
    ("Ghanaian Foreign Minister Kwame Mensah flew to Lome on Sunday.\n\n"
     "The minister accused Togo of closing the border.", ("GHAGOV", "TGO", "11")),
])
def test_a_title_alone_stands_for_the_one_person_who_holds_it(pipeline: Pipeline, text: str,
                                                             expected: tuple) -> None:
    assert expected in events_of(pipeline, text, sentence=1)


@pytest.mark.parametrize("text", [
    # two prime ministers: which one is not said
    "Prime Ministers Anthony Albanese and James Marape met on Monday. "
    "The prime minister condemned China.",
    # "the former president" is not the president named before
    "President Joe Biden arrived in Hanoi. The former president criticised China.",
    # a president of another country than the one named
    "President Joe Biden arrived in Hanoi. The Vietnamese president praised Japan.",
])
def test_a_title_that_could_be_several_people_stays_unresolved(pipeline: Pipeline,
                                                               text: str) -> None:
    sources = {s for s, _, _ in events_of(pipeline, text, sentence=1)}
    assert not sources & {"AUSGOV", "PNGGOV", "USAGOV"}


# ---- pronouns --------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Vladimir Putin arrived in Ankara on Monday. He criticised Ukraine.",
     ("RUSGOV", "UKR", "11")),
    ("Kenyan Foreign Minister Grace Wanjiru flew to Addis Ababa. She praised Ethiopia.",
     ("KENGOV", "ETH", "05")),
    ("Cuba rejected the proposal on Monday. It also condemned the United States.",
     ("CUB", "USA", "11")),
    ("Pakistani troops crossed the border on Sunday. They attacked Afghan villages.",
     ("PAKMIL", "AFG", "19")),
    # a possessive: "his government" is the government of the man named before
    ("Vladimir Putin arrived in Minsk. His government then criticised Poland.",
     ("RUSGOV", "POL", "11")),
    # an object is never the subject of its own clause: "him" is the other man
    ("Vladimir Putin met Recep Tayyip Erdogan. Putin praised him.",
     ("RUSGOV", "TURGOV", "05")),
])
def test_a_pronoun_stands_for_the_nearest_compatible_actor(pipeline: Pipeline, text: str,
                                                          expected: tuple) -> None:
    assert expected in events_of(pipeline, text, sentence=1)


def test_a_possessive_stands_for_the_subject_of_its_own_clause(pipeline: Pipeline) -> None:
    text = "Russia accused Ukraine of moving its troops to the border."
    (mention,) = [m for m in coded(pipeline, text).actors[0] if m.text == "its"]
    assert mention.code == "UKR"


@pytest.mark.parametrize("text", [
    # two subjects: "he" could be either
    "Vladimir Putin and Recep Tayyip Erdogan met in Sochi. He criticised Ukraine.",
    # the nearest thing is no actor: "it" is the deal, not a country named in passing
    "The deal was signed in Brazil on Friday. It angered Venezuela.",
    # no person named at all: "he" is not the nearest country
    "Officials in Brazil announced new tariffs. He condemned Argentina.",
    # an unknown man is nearer than the leader named before
    "Emmanuel Macron arrived in Dakar. A local farmer said he feared Mali.",
])
def test_a_pronoun_with_no_single_candidate_stays_unresolved(pipeline: Pipeline,
                                                             text: str) -> None:
    events = coded(pipeline, text).events
    assert not [e for e in events if e.sentence == 1 and "/context" in e.rule]


def test_a_mention_names_the_actor_a_pronoun_stands_for(pipeline: Pipeline) -> None:
    article = coded(pipeline, "Vladimir Putin arrived in Ankara. He criticised Ukraine.")
    (he,) = [m for m in article.actors[1] if m.text == "He"]
    assert (he.code, he.name) == ("RUSGOV", "Vladimir Putin")
    (event,) = [e for e in article.events if e.sentence == 1]
    assert event.rule.endswith("/context")
    assert event.evidence[slice(*event.source_span)] == "He"
    assert event.source_name == "Vladimir Putin"


# ---- descriptions ----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Taiwan held military drills on Monday. China later condemned the island.",
     ("CHN", "TWN", "11")),
    ("Hezbollah fired rockets into Israel. Israel later struck the group.",
     ("ISR", "LBNREB", "19")),
    ("NATO ministers met in Brussels on Thursday. Russia condemned the alliance.",
     ("RUS", "IGOWSTNAT", "11")),
    ("Sri Lanka defaulted on its debts in 2022. The IMF praised the island nation.",
     ("IGOUNOIMF", "LKA", "05")),
])
def test_a_description_stands_for_the_nearest_such_actor(pipeline: Pipeline, text: str,
                                                         expected: tuple) -> None:
    assert expected in events_of(pipeline, text, sentence=1)


@pytest.mark.parametrize("text", [
    # "the neighbouring country" is another country
    "Mali expelled the French envoy on Monday. Algeria criticised the neighbouring country.",
    # a country is no group
    "Mali expelled the French envoy on Monday. Algeria criticised the group.",
    # two countries in the sentence before, neither its subject
    "Talks between Chad and Sudan ended. Egypt praised the country.",
])
def test_a_description_with_no_single_antecedent_stays_unresolved(pipeline: Pipeline,
                                                                  text: str) -> None:
    assert not [e for e in coded(pipeline, text).events
                if e.sentence == 1 and "/context" in e.rule]


# ---- unnamed forces and officials -------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Israeli soldiers entered Jenin on Monday. Soldiers later arrested two Palestinians.",
     ("ISRMIL", "PSE", "17")),
    ("The Peruvian government declared a state of emergency. "
     "The government also accused Bolivia of interference.", ("PERGOV", "BOL", "11")),
    ("Thousands of Kenyans marched in Nairobi on Sunday.\n\n"
     "Police fired tear gas at the crowds.", ("KENCOP", "KENCVL", "17")),
])
def test_an_unnamed_force_takes_the_country_the_article_gives_its_role(
        pipeline: Pipeline, text: str, expected: tuple) -> None:
    got = events_of(pipeline, text, sentence=1)
    assert any(e[:2] == expected[:2] for e in got), got


@pytest.mark.parametrize("text", [
    # two armies named: whose troops is not said
    "Indian troops and Chinese troops clashed on the border. Troops later shelled a village.",
    # the only country named is the victims'
    "Two Kenyan tourists were kidnapped on Monday. Gunmen later attacked a convoy.",
    # peacekeepers serve an organisation, not the country they are in
    "Malian soldiers left Gao on Friday. Peacekeepers later attacked a camp.",
])
def test_an_unnamed_force_is_not_guessed(pipeline: Pipeline, text: str) -> None:
    sources = {s for s, _, _ in events_of(pipeline, text, sentence=1)}
    assert not sources - {"---MIL", "---UAF"}, sources


@pytest.mark.parametrize(("text", "source"), [
    # the doer's nationality comes from the doer, never from the victims
    ("Gunmen killed two British tourists in the desert.", "---UAF"),
    ("Militants abducted three Chinese engineers.", "---REB"),
    ("Gunmen shot dead four Turkish truck drivers.", "---UAF"),
])
def test_a_victims_nationality_is_never_the_doers(pipeline: Pipeline, text: str,
                                                 source: str) -> None:
    assert {s for s, _, _ in events_of(pipeline, text)} <= {source}


# ---- agentless passives -----------------------------------------------------------------
@pytest.mark.parametrize(("text", "source"), [
    ("Russian forces shelled Kharkiv on Monday. Three civilians were killed.", "RUSMIL"),
    ("Rebels of the M23 movement attacked Goma on Sunday. Four soldiers were killed "
     "in the fighting.", "CODREB"),
    ("Israeli troops raided a camp near Jenin. Two Palestinians were shot dead.", "ISRMIL"),
])
def test_an_agentless_passive_takes_the_doer_the_article_named(pipeline: Pipeline,
                                                               text: str, source: str) -> None:
    article = coded(pipeline, text)
    doers = {(e.source, e.rule.endswith("/context")) for e in article.events
             if e.sentence == 1 and e.cameo[:2] in ("18", "19", "20")}
    assert (source, True) in doers


@pytest.mark.parametrize("text", [
    # the sentence says what did it: a missile, no doer
    "Israeli tanks shelled Gaza. One Israeli civilian was killed when a missile hit Sderot.",
    # the doer named before is of the victims' own country
    "Israeli tanks shelled Gaza on Monday. An Israeli civilian was killed.",
    # two doers named before: which one is not said
    "Russian forces shelled Kharkiv and Ukrainian forces shelled Donetsk. "
    "Three civilians were killed.",
])
def test_an_agentless_passive_is_not_given_a_guessed_doer(pipeline: Pipeline,
                                                          text: str) -> None:
    article = coded(pipeline, text)
    assert not [e for e in article.events if "/context" in e.rule
                and e.cameo[:2] in ("18", "19", "20")]


def test_a_caption_gives_the_text_nothing(pipeline: Pipeline) -> None:
    article = Article("t", None, None, IN_2023, None, (
        Block("Vladimir Putin waves in Ankara.", kind="caption"),
        Block("Officials met on Monday. He criticised Ukraine."),
    ))
    events = next(pipeline.code([article])).events
    assert not [e for e in events if "/context" in e.rule]
