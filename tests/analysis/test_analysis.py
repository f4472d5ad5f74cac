"""Tests of irinsider.analysis: names, numbers, explanations, corrections, entities, trips,
timelines and briefs, on hand-made rows and a small store (no language model needed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from irinsider import analysis
from irinsider.analysis import (
    Brief,
    correction_changes,
    explain,
    find_entities,
    format_usd,
    month_label,
    party_name,
    resolve_party,
    the,
    timeline_series,
    trips,
)
from irinsider.errors import InputError
from irinsider.model import (
    ActorMention,
    Article,
    Block,
    CodedArticle,
    Event,
    Quantity,
    Sentence,
    party_of,
)
from irinsider.store import EventFilter, Store


def row(**changes: Any) -> dict[str, Any]:
    """An event row as `Store.event_page` gives it: Russia lends Cuba $50 million."""
    text = "Russia agreed to lend Cuba $50 million to buy Russian military equipment."
    base: dict[str, Any] = {
        "id": 1, "article_id": "a1", "sentence": 3, "source": "RUS", "target": "CUB",
        "source_country": "RUS", "target_country": "CUB", "source_party": "RUS",
        "target_party": "CUB", "cameo": "0331", "root": "03", "plover": "AGREE",
        "plover_mode": None, "goldstein": 5.2, "quad_class": 1, "date": "2018-11-09",
        "evidence": text, "source_start": 0, "source_end": 6, "target_start": 22,
        "target_end": 26, "trigger_start": 7, "trigger_end": 13, "trigger": "agreed",
        "negated": False, "modality": None, "confidence": 0.94,
        "rule": "verbs.v1/intent:agree>071:lend * &MONEY", "source_name": "Russia",
        "target_name": "Cuba", "caption": False, "usd": 50e6, "wrong": False,
        "article_title": "T", "article_date": "2018-11-09",
        "quantities": [{"kind": "money", "value": 50e6, "value_max": None, "unit": "USD",
                        "text": "$50 million", "start": 27, "end": 38}],
    }
    base.update(changes)
    return base


# ---------------------------------------------------------------------------- names, numbers


@pytest.mark.parametrize(("text", "party"), [("CUB", "CUB"), ("cub", "CUB"), ("Cuba", "CUB"),
                                             ("russia", "RUS"), ("KSV", "XKX"),
                                             ("IGOEUREEC", "IGOEUREEC"),
                                             ("european union", "IGOEUREEC"),
                                             ("united-states", "USA"), ("Atlantis", None)])
def test_resolve_party(text: str, party: str | None) -> None:
    assert resolve_party(text) == party


@pytest.mark.parametrize(("code", "name"), [("CUB", "Cuba"), ("IGOUNO", "United Nations"),
                                            ("XXX", "XXX"), (None, "unknown")])
def test_party_name(code: str | None, name: str) -> None:
    assert party_name(code) == name


@pytest.mark.parametrize(("name", "reads"), [("United States", "the United States"),
                                             ("European Union", "the European Union"),
                                             ("Netherlands", "the Netherlands"), ("Cuba", "Cuba"),
                                             ("Vladimir Putin", "Vladimir Putin"),
                                             ("the Kremlin", "the Kremlin")])
def test_the(name: str, reads: str) -> None:
    assert the(name) == reads


@pytest.mark.parametrize(("value", "text"), [(50e6, "$50 million"), (1.25e9, "$1.2 billion"),
                                             (750_000, "$750,000"), (3e12, "$3 trillion")])
def test_format_usd(value: float, text: str) -> None:
    assert format_usd(value) == text


def test_month_label() -> None:
    assert month_label("2018-11") == "November 2018"
    assert month_label("") == "undated"


def test_actor_label() -> None:
    assert analysis.actor_label("RUSGOV") == "Russia (government)"
    assert analysis.actor_label("ROUMIL") == "Romania (military)"
    assert analysis.actor_label("---GOV") == "unknown (government)"


# ---------------------------------------------------------------------------- explanations


def test_explain_names_code_roles_quote_and_amount() -> None:
    got = explain(row())
    assert got["headline"] == (
        "Coded as EXPRESS INTENT TO PROVIDE ECONOMIC AID (CAMEO 0331, Goldstein +5.2, "
        "verbal cooperation) because 'Russia agreed to lend Cuba $50 million to buy Russian "
        "military equipment' has Russia as the lender and Cuba as the borrower; amount "
        "$50 million.")
    assert any("confidence 0.94" in note for note in got["notes"])


def test_explain_uses_roles_of_the_code() -> None:
    text = "Cuba backed Moscow's call to keep the treaty."
    got = explain(row(cameo="051", root="05", goldstein=3.4, quad_class=2, evidence=text,
                      source="CUB", target="RUS", source_name="Cuba", target_name="Russia",
                      trigger_start=5, trigger_end=11, target_start=12, target_end=18,
                      quantities=[], rule="verbs.v1/051:back"))
    assert "because 'Cuba backed Moscow's call to keep the treaty' has Cuba as the one " \
        "backing and Russia as the one backed" in got["headline"]
    assert "amount" not in got["headline"]


def test_explain_notes_negation_modality_caption_and_wrong() -> None:
    notes = " ".join(explain(row(negated=True, modality="future", caption=True,
                                 wrong=True))["notes"])
    assert "negated" in notes and "future" in notes and "image caption" in notes
    assert "marked this event wrong" in notes


def test_explain_notes_when_where_and_low_confidence() -> None:
    notes = explain(row(date="2018-10-29", date_precision="week", date_text="last week",
                        place="Havana", place_name="Havana", place_country="CUB",
                        place_kind="city", confidence=0.44))["notes"]
    assert "When: the week of 29 October 2018 (from 'last week')." in notes
    assert "Where: Havana, Cuba." in notes
    assert "Low confidence (below 0.5): check this event." in notes
    plain = explain(row(date_precision="article"))["notes"]
    assert "When: 9 November 2018, the article's date." in plain
    assert not any(n.startswith(("Where:", "Low confidence")) for n in plain)
    country = explain(row(date="2016-01-01", date_precision="year", date_text="in 2016",
                          place="the United States", place_name="United States",
                          place_country="USA", place_kind="country"))["notes"]
    assert {"When: 2016 (from 'in 2016').", "Where: the United States."} <= set(country)


@pytest.mark.parametrize(("text", "spans", "quote"), [
    # the target before the trigger: not "Vladimir Putin hold"
    ("Cuban President Miguel Díaz-Canel and Russian President Vladimir Putin hold talks at the "
     "Kremlin in Moscow.", ("Miguel Díaz-Canel", "hold", "Vladimir Putin"),
     "Cuban President Miguel Díaz-Canel and Russian President Vladimir Putin hold talks at the "
     "Kremlin in Moscow"),
    # a clause of a longer sentence, up to its comma
    ("On Friday, Russia condemned the strike on Kyiv, which killed four people.",
     ("Russia", "condemned", "Kyiv"), "Russia condemned the strike on Kyiv"),
    # no comma near: whole words, and a sign that the sentence goes on
    ("Officials said that Russia would help Cuba with oil and wheat and much more over the "
     "next years and decades to come and then some more.", ("Russia", "help", "Cuba"),
     "Officials said that Russia would help Cuba with oil and wheat and much more over the "
     "next years and ..."),
])
def test_quotes_are_whole_phrases(text: str, spans: tuple[str, str, str], quote: str) -> None:
    source, trigger, target = (text.index(w) for w in spans)
    got = explain(row(evidence=text, source_start=source, source_end=source + len(spans[0]),
                      trigger_start=trigger, trigger_end=trigger + len(spans[1]),
                      target_start=target, target_end=target + len(spans[2]), quantities=[]))
    assert got["quote"] == quote


def test_common_nouns_are_not_named_as_actors() -> None:
    got = explain(row(cameo="190", source="ISRMIL", source_name="forces", target="PSE",
                      target_name="Palestine", quantities=[], usd=None, rule="x"))
    assert "has the Israeli military as the attacker" in got["headline"]
    assert analysis.actor_name(row(source="---CVL", source_name="man"), "source") == \
        "unknown (civilians)"
    assert analysis.actor_name(row(source_name="Vladimir Putin"), "source") == "Vladimir Putin"
    assert analysis.actor_name(row(target_name="Television", target="CUBMED"), "target") == \
        "Cuban media"
    assert analysis.actor_name(row(target=None, target_name=None), "target") is None


def test_long_quotes_are_shortened() -> None:
    text = "Russia agreed " + "very " * 40 + "quietly to lend Cuba money."
    start = text.index("Cuba")
    got = explain(row(evidence=text, target_start=start, target_end=start + 4, quantities=[]))
    assert " ... " in got["quote"] and len(got["quote"]) < 115


# ---------------------------------------------------------------------------- corrections


def test_correction_of_the_code_sets_its_codebook_values() -> None:
    old, new, changes = correction_changes(row(), "cameo", "072")
    assert (old, new) == ("0331", "072")
    assert changes == {"cameo": "072", "root": "07", "plover": "AID", "plover_mode": None,
                       "goldstein": 8.3, "quad_class": 2}


@pytest.mark.parametrize(("value", "code", "country", "party", "name"), [
    ("usagov", "USAGOV", "USA", "USA", "United States (government)"),
    ("China", "CHN", "CHN", "CHN", "China"),
    ("IGOUNO", "IGOUNO", None, "IGOUNO", "United Nations"),
    ("KSV", "KSV", "XKX", "XKX", "Kosovo"),
])
def test_correction_of_an_actor(value: str, code: str, country: str | None, party: str,
                                name: str) -> None:
    old, new, changes = correction_changes(row(), "target", value)
    assert (old, new) == ("CUB", code)
    assert changes == {"target": code, "target_country": country, "target_party": party,
                       "target_name": name}


def test_marking_wrong() -> None:
    assert correction_changes(row(), "wrong", None) == ("0331 RUS -> CUB", None, {"wrong": 1})


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("cameo", "999", "not a CAMEO code"), ("cameo", "", "give a new cameo"),
    ("source", "Narnia", "not an actor code"), ("source", "QQQGOV", "known country code"),
    ("date", "2019-01-01", "cannot correct 'date'"),
])
def test_bad_corrections(field: str, value: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        correction_changes(row(), field, value)


# ---------------------------------------------------------------------------- entities


def coded(*texts: str, events: tuple[Event, ...] = ()) -> CodedArticle:
    article = Article("a1", "T", None, date(2018, 11, 9), None,
                      tuple(Block(t) for t in texts))
    sentences = tuple(Sentence(i, t, i, "body", 0) for i, t in enumerate(texts))
    return CodedArticle(article, sentences, tuple(() for _ in texts), events)


def test_named_treaties_acronyms_and_references() -> None:
    article = coded(
        "Putin urged Trump not to withdraw from the Intermediate-Range Nuclear Forces (INF) "
        "Treaty.",
        "The United States and the Soviet Union signed the INF Treaty in 1987.",
        "The treaty banned land-based missiles.",
        "The Treaty of Versailles ended a war, and the Paris Agreement followed much later.",
        "Iran praised the nuclear deal; the Iran nuclear deal was signed in 2015.",
    )
    found = [(m.sentence, m.entity_id, m.text) for m in find_entities(article, [])]
    assert found == [
        (0, "inf-treaty", "Intermediate-Range Nuclear Forces (INF) Treaty"),
        (1, "inf-treaty", "INF Treaty"),
        (2, "inf-treaty", "The treaty"),
        (3, "treaty-of-versailles", "Treaty of Versailles"),
        (3, "paris-agreement", "Paris Agreement"),
        (4, "iran-nuclear-deal", "Iran nuclear deal"),
    ]
    names = [m.name for m in find_entities(article, []) if m.entity_id == "inf-treaty"]
    assert max(names, key=len) == "Intermediate-Range Nuclear Forces (INF) Treaty"


def test_loans_come_from_events_and_are_referred_back_to() -> None:
    text = row()["evidence"]
    article = coded(text, "Russia's loan gives Cuba new partners.", "The loan is big.")
    mentions = find_entities(article, [row(sentence=0)])
    assert [(m.sentence, m.kind, m.text) for m in mentions] == [
        (0, "loan", "$50 million"), (1, "loan", "Russia's loan"), (2, "loan", "The loan")]
    assert mentions[0].name == "$50 million military loan from Russia to Cuba"
    assert len({m.entity_id for m in mentions}) == 1


def test_no_loan_without_money_or_a_verb_of_lending() -> None:
    assert find_entities(coded("Russia gave Cuba $5 million."), [row(
        sentence=0, evidence="Russia gave Cuba $5 million.", rule="verbs.v1/07:give")]) == []
    assert find_entities(coded("Russia will lend Cuba a hand."), [row(
        sentence=0, quantities=[], usd=None)]) == []


def test_the_treaty_without_a_named_one_is_nothing() -> None:
    assert find_entities(coded("The treaty was signed."), []) == []


# ---------------------------------------------------------------------------- trips


def meeting(i: int, day: str, source: str, target: str, cameo: str, text: str,
            traveller: str = "Miguel Díaz-Canel") -> dict[str, Any]:
    return row(id=i, sentence=i, date=day, cameo=cameo, root="04", source_party=source,
               target_party=target, source=source + "GOV", target=target + "GOV",
               source_name=traveller if cameo != "043" else "Host",
               target_name="Host" if cameo != "043" else traveller,
               evidence=text, source_start=0, source_end=5, target_start=10, target_end=15,
               quantities=[], usd=None)


def leader(start: int = 0) -> dict[str, Any]:
    return {"start": start, "end": start + 5, "text": "Díaz", "code": "CUBGOV",
            "country": "CUB", "sector": "GOV", "kind": "leader", "name": "Miguel Díaz-Canel"}


def place(text: str, start: int, country: str, kind: str = "capital") -> dict[str, Any]:
    return {"start": start, "end": start + len(text), "text": text, "code": country,
            "country": country, "sector": None, "kind": kind, "name": text}


def test_trips_become_tours_in_order() -> None:
    rows = [
        meeting(1, "2018-11-02", "CUB", "RUS", "046", "Díaz held talks in Moscow."),
        meeting(2, "2018-11-02", "CUB", "RUS", "040", "Díaz met Putin in Moscow again."),
        meeting(3, "2018-11-05", "CUB", "PRK", "040", "Díaz met Kim."),
        meeting(4, "2018-11-07", "CUB", "CHN", "042", "Díaz visited China."),
        meeting(5, "2018-11-08", "LAO", "CUB", "043", "Laos hosted Díaz."),
        meeting(6, "2019-03-01", "CUB", "MEX", "042", "Díaz visited Mexico."),
        meeting(7, "2018-11-01", "CUB", "VEN", "040", "Díaz met Maduro in Havana."),
    ]
    actors = {
        ("a1", 1): [leader(), place("Moscow", 19, "RUS")],
        ("a1", 2): [leader(), place("Moscow", 24, "RUS")],
        ("a1", 3): [leader()],
        ("a1", 4): [leader()],
        ("a1", 5): [{**leader(10)}],
        ("a1", 6): [leader()],
        ("a1", 7): [leader(), place("Havana", 20, "CUB")],
    }
    actors[("a1", 5)][0]["start"] = 10
    got = trips(rows, actors, "CUB")
    assert [[s.place for s in t.stops] for t in got] == [
        ["Mexico"],  # newest tour first; more than three weeks after the last
        ["Moscow, Russia", "China", "Laos"],  # Kim: no place named, not a visit code
    ]
    first = got[1].stops[0]
    assert first.events == [1, 2] and first.met == ["Host"]
    assert got[1].to_dict()["stops"][2]["party"] == "LAO"


def test_a_tour_summed_up_first_keeps_one_stop_a_country() -> None:
    # an article names the tour's countries first and tells each stop later
    rows = [
        meeting(1, "2019-05-02", "CUB", "RUS", "042", "His tour took him to Russia."),
        meeting(2, "2019-05-02", "CUB", "CHN", "042", "He went on to China."),
        meeting(3, "2019-05-02", "CUB", "RUS", "046", "Díaz held talks in Moscow."),
    ]
    actors = {("a1", 1): [leader()], ("a1", 2): [leader()],
              ("a1", 3): [leader(), place("Moscow", 19, "RUS")]}
    (tour,) = trips(rows, actors, "CUB")
    assert [s.party for s in tour.stops] == ["RUS", "CHN"]
    assert tour.stops[0].place == "Moscow, Russia" and sorted(tour.stops[0].events) == [1, 3]


def test_only_people_travel() -> None:
    rows = [meeting(1, "2018-11-02", "CUB", "RUS", "042", "Cuba visited Russia.")]
    country = {**leader(), "kind": "country"}
    assert trips(rows, {("a1", 1): [country]}, "CUB") == []


# ---------------------------------------------------------------------------- timelines


def test_timeline_series_fills_months() -> None:
    rows = [("2018-11", 1, 0, 3, 12.0, 0.0), ("2019-01", 4, 0, 1, -10.0, 0.0),
            ("2019-01", 1, 1, 2, 2.0, 0.0), ("", 1, 0, 5, 5.0, 0.0)]
    got = timeline_series(rows)
    assert got["months"] == ["2018-11", "2018-12", "2019-01"]
    assert got["labels"][0] == "November 2018"
    assert got["counts"][1] == [3, 0, 2] and got["counts"][4] == [0, 0, 1]
    assert got["net"] == [12.0, 0.0, -8.0]
    assert got["table"] == [["November 2018", 3, 0, 0, 0, 12.0],
                            ["January 2019", 2, 0, 0, 1, -8.0]]


def test_timeline_table_by_year_for_long_ranges() -> None:
    got = timeline_series([("2010-01", 1, 0, 1, 1.0, 0.0), ("2013-06", 2, 0, 2, 6.0, 0.0)])
    assert len(got["months"]) == 42
    assert [r[0] for r in got["table"]] == ["2010", "2013"]


def test_empty_timeline() -> None:
    assert timeline_series([])["months"] == []


# ---------------------------------------------------------------------------- briefs


def test_brief_numbers_citations_once() -> None:
    brief = Brief()
    a, b = row(id=7), row(id=9, sentence=4)
    brief.add("first ", brief.cite(a), " and ", brief.cite(b), ".")
    brief.add("again ", brief.cite(a), ".")
    brief.add("its sentence ", brief.cite(row(id=8)), ".")  # another event of a's sentence
    data = brief.to_dict()
    assert [s["text"] for s in data["sentences"]] == ["First [1] and [2].", "Again [1].",
                                                      "Its sentence [1]."]
    assert [c["event_id"] for c in data["citations"]] == [7, 9]
    brief.add("twice ", brief.cite(a), brief.cite(row(id=8)), " once more ", brief.cite(a), ".")
    assert brief.to_dict()["sentences"][-1]["text"] == "Twice [1] once more [1]."


def synthetic(doc: str, day: date, events: list[tuple[str, ...]]) -> CodedArticle:
    """An article of events (source, target, cameo, sentence text[, sentence index]);
    each event has a sentence of its own unless it names one."""
    from irinsider.codebook import load_codebook

    book = load_codebook()
    sentences, rows, mentions = [], [], []
    for n, (src, tgt, cameo, text, *at) in enumerate(events):
        i = int(at[0]) if at else n
        entry = book[cameo]
        s_end, t_start = text.index(src) + len(src), text.index(tgt)
        q: tuple[Quantity, ...] = ()
        if "$5 million" in text:
            start = text.index("$5 million")
            q = (Quantity("money", 5e6, "USD", "$5 million", start, start + 10),)
        names = {"RUS": "Russia", "CUB": "Cuba", "USA": "United States", "CHN": "China"}
        rows.append(Event(doc, i, src, tgt, src, tgt, cameo, entry.plover, entry.plover_mode,
                          entry.goldstein, entry.quad_class, day.isoformat(), text, (0, s_end),
                          (t_start, t_start + len(tgt)), (s_end, s_end + 1), q,
                          source_name=names[src], target_name=names[tgt], trigger="verb",
                          rule="test/lend" if q else "test"))
        if i == len(sentences):
            sentences.append(Sentence(i, text, 0, "body", 0))
            mentions.append((ActorMention(src, 0, len(src), src, src, name=names[src]),))
    article = Article(doc, f"Article {doc}", None, day, None, (Block(" ".join(
        e[3] for e in events)),))
    return CodedArticle(article, tuple(sentences), tuple(mentions), tuple(rows))


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Store.open(tmp_path / "b.db") as s:
        s.save(synthetic("a1", date(2018, 11, 9), [
            ("RUS", "CUB", "071", "RUS lend CUB $5 million now."),
            ("CUB", "RUS", "051", "CUB back RUS fully."),
            ("RUS", "USA", "111", "RUS deny USA claims."),
            ("CUB", "USA", "020", "CUB and RUS urge USA strongly."),
            ("RUS", "USA", "020", "CUB and RUS urge USA strongly.", "3"),
        ]))
        s.save(synthetic("a2", date(2019, 2, 1), [("CUB", "RUS", "112", "CUB accuse RUS.")]))
        yield s


def test_pair_brief_cites_every_claim(store: Store) -> None:
    brief = analysis.pair_brief(store, "CUB", "RUS", EventFilter()).to_dict()
    texts = [s["text"] for s in brief["sentences"]]
    assert texts[0].startswith("Too little is coded to tell how Cuba and Russia stand with "
                               "each other: only 3 events between them")
    assert texts[1] == ("The busiest month was November 2018, with 2 of the 3 events: Russia "
                        "lent Cuba $5 million [1] and Cuba praised Russia [2].")
    assert any("Amounts named in US dollars add up to $5 million" in t for t in texts)
    assert any(t.startswith("Of 3 events between Cuba and Russia, 2 were cooperative") and
               "1 conflictual" in t for t in texts)
    assert any(t.startswith("Together, Cuba and Russia appealed to the United States") for t in
               texts)
    for sentence in brief["sentences"]:
        assert any(isinstance(p, int) for p in sentence["parts"])
    cited = {c["event_id"] for c in brief["citations"]}
    assert len(cited) == len(brief["citations"])
    assert all(c["evidence"] for c in brief["citations"])


def test_pair_brief_without_events(store: Store) -> None:
    brief = analysis.pair_brief(store, "CUB", "CHN", EventFilter()).to_dict()
    assert brief == {"sentences": [{"text": "No events between Cuba and China were coded.",
                                    "parts": ["No events between Cuba and China were coded."]}],
                     "citations": []}
    filtered = analysis.pair_brief(store, "CUB", "RUS", EventFilter(since="2020-01-01"))
    assert "for these filters" in filtered.to_dict()["sentences"][0]["text"]


def test_country_brief_names_partners(store: Store) -> None:
    texts = [s["text"] for s in analysis.country_brief(store, "RUS", EventFilter()).to_dict()[
        "sentences"]]
    assert texts[0].startswith("Russia's main partners are Cuba (3 events) [1] and the United "
                               "States (2 events) [2]")
    conflict = analysis.country_brief(store, "RUS", EventFilter(quad=3)).to_dict()
    assert conflict["sentences"][-1]["text"].startswith("Of 2 events involving Russia, 0 were")


def test_index_entities_stores_loans(store: Store) -> None:
    assert analysis.index_entities(store) == 2
    assert analysis.index_entities(store) == 0  # done; nothing changed
    (loan,) = store.entity_page()[0]
    assert loan["kind"] == "loan" and loan["name"] == "$5 million loan from Russia to Cuba"
    rows, _ = store.event_page(EventFilter(entity=loan["id"]))
    assert [r["cameo"] for r in rows] == ["071"]
    assert party_of("IGOUNO", None) == "IGOUNO"


def test_event_phrases() -> None:
    assert analysis.event_phrase(row()) == "a $50 million military loan from Russia to Cuba"
    talks = row(cameo="046", root="04", quantities=[], usd=None, rule="x",
                source_name="Vladimir Putin", target_name="Miguel Díaz-Canel")
    assert analysis.event_phrase(talks) == "talks between Vladimir Putin and Miguel Díaz-Canel"
    pledge = row(cameo="0311", quantities=[{"kind": "count", "value": 60, "value_max": None,
                                            "unit": "investment projects",
                                            "text": "60 investment projects", "start": 0,
                                            "end": 1}], usd=None, rule="x",
                 evidence="Russian companies will take part in 60 investment projects.")
    assert analysis.event_phrase(pledge) == (
        "a pledge by Russia to Cuba to cooperate economically (60 investment projects)")
    assert analysis.event_phrase(replace_row(row(), target_name="United States")) == \
        "a $50 million military loan from Russia to Cuba"


def replace_row(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**base, **changes}


def test_coded_article_helper_is_sane() -> None:
    article = synthetic("x", date(2020, 1, 1), [("RUS", "CUB", "071", "RUS lend CUB $5 million.")])
    assert article.events[0].quantities[0].text == "$5 million"
    assert replace(article, events=()).events == ()
