"""Briefs that follow from the evidence, on four databases written by hand: relations that
are cooperative, hostile, mixed, and too thin to tell (tests/worlds.py). No coder runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from worlds import DIAZ, PUTIN, article, said, save, sentence

from irinsider.analysis import VERDICT_MIN, claim, country_brief, pair_brief
from irinsider.model import LOW_CONFIDENCE
from irinsider.store import EventFilter, Store

TALKS = dict(target_text="Díaz-Canel", target_name="Miguel Díaz-Canel")
DOUBT = {"confidence": LOW_CONFIDENCE / 2}

COOPERATIVE = [
    article(
        "c1", "2019-03-01",
        sentence("Russia gave Cuba $5 million in aid for its hospitals.",
                 said("RUS", "CUB", "071", "gave", amount=("$5 million", 5e6))),
        sentence("Putin held talks with Díaz-Canel in Havana.",
                 said("RUSGOV", "CUBGOV", "046", "talks", **PUTIN, **TALKS),
                 said("CUBGOV", "RUSGOV", "046", "talks", **DIAZ, target_text="Putin",
                      target_name="Vladimir Putin")),
        sentence("Cuba praised Russia for its help.", said("CUB", "RUS", "051", "praised")),
        sentence("Cuba and Russia signed a trade agreement.",
                 said("CUB", "RUS", "057", "signed")),
        title="Friends in Havana"),
    article(
        "c2", "2019-04-02",
        sentence("Russia sent Cuba wheat and oil.", said("RUS", "CUB", "070", "sent")),
        sentence("Some say Cuba criticised Russia.", said("CUB", "RUS", "111", "criticised",
                                                          **DOUBT)),
        sentence("Russia may have threatened Cuba.", said("RUS", "CUB", "130", "threatened",
                                                          **DOUBT)),
        title="Wheat for Cuba"),
]

HOSTILE = [
    article(
        "h1", "2022-03-01",
        sentence("Russian forces shelled Kharkiv with three helicopters.",
                 said("RUSMIL", "UKR", "190", "shelled", source_text="forces",
                      source_name="forces", target_text="Kharkiv",
                      count=("three helicopters", 3, "helicopters"))),
        sentence("Ukraine accused Russia of war crimes.", said("UKR", "RUS", "1124", "accused")),
        sentence("Russia threatened Ukraine with missiles.",
                 said("RUS", "UKR", "138", "threatened")),
        sentence("Russia imposed an embargo on Ukraine.", said("RUS", "UKR", "163", "embargo")),
        sentence("Ukraine shelled Russia at Belgorod.", said("UKR", "RUS", "190", "shelled")),
        title="War"),
    article(
        "h2", "2022-03-10",
        sentence("Russia and Ukraine held talks in Istanbul.",
                 said("RUS", "UKR", "046", "talks"),
                 said("UKR", "RUS", "046", "talks", source_text="Ukraine",
                      target_text="Russia")),
        sentence("Russia might agree to a truce with Ukraine.",
                 said("RUS", "UKR", "030", "agree", modality="possible", **DOUBT)),
        title="Talks in Istanbul"),
]

MIXED = [
    article(
        "m1", "2023-05-01",
        sentence("China and the United States agreed to expand trade.",
                 said("CHN", "USA", "061", "trade", target_text="United States")),
        sentence("China met the United States in Geneva.",
                 said("CHN", "USA", "040", "met", target_text="United States")),
        sentence("The United States praised China for the deal.",
                 said("USA", "CHN", "051", "praised", source_text="United States")),
        sentence("The United States accused China of spying.",
                 said("USA", "CHN", "112", "accused", source_text="United States")),
        sentence("The United States imposed sanctions on China.",
                 said("USA", "CHN", "172", "sanctions", source_text="United States")),
        sentence("China criticised the United States.",
                 said("CHN", "USA", "111", "criticised", target_text="United States")),
        title="Trade and spies"),
]

THIN = [
    article(
        "t1", "2018-11-09",
        sentence("Cuba voiced concern about the United States and its sanctions.",
                 said("CUB", "USA", "012", "concern", target_text="United States")),
        sentence("Cuba criticised the United States.",
                 said("CUB", "USA", "111", "criticised", target_text="United States", **DOUBT)),
        title="Cold"),
]


def open_world(tmp_path: Path, articles: list[Any]) -> Iterator[Store]:
    with Store.open(tmp_path / "world.db") as store:
        save(store, *articles)
        yield store


@pytest.fixture
def cooperative(tmp_path: Path) -> Iterator[Store]:
    yield from open_world(tmp_path, COOPERATIVE)


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[Store]:
    yield from open_world(tmp_path, HOSTILE)


@pytest.fixture
def mixed(tmp_path: Path) -> Iterator[Store]:
    yield from open_world(tmp_path, MIXED)


@pytest.fixture
def thin(tmp_path: Path) -> Iterator[Store]:
    yield from open_world(tmp_path, THIN)


def texts(brief: Any) -> list[str]:
    return [s["text"] for s in brief.to_dict()["sentences"]]


def cited(brief: Any, sentence: str) -> set[int]:
    """The event ids a sentence of the brief cites."""
    data = brief.to_dict()
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", sentence)}
    return {c["event_id"] for c in data["citations"] if c["n"] in numbers}


def events_of(store: Store, ids: set[int]) -> list[dict[str, Any]]:
    return [r for r in store.event_page(EventFilter(include_negated=True), per_page=100)[0]
            if r["id"] in ids]


def test_cooperative_relations(cooperative: Store) -> None:
    brief = pair_brief(cooperative, "CUB", "RUS", EventFilter())
    verdict = texts(brief)[0]
    assert verdict.startswith("Cuba and Russia mostly cooperated: of the 6 events between them "
                              "coded with confidence, 6 were cooperation"), verdict
    assert "none conflict (leaving aside 2 less certain events)." in verdict
    # its evidence is confident cooperation, never the doubtful criticism or threat
    for row in events_of(cooperative, cited(brief, verdict)):
        assert row["quad_class"] in (1, 2) and row["confidence"] >= LOW_CONFIDENCE


def test_hostile_relations(hostile: Store) -> None:
    brief = pair_brief(hostile, "RUS", "UKR", EventFilter())
    verdict, busiest = texts(brief)[:2]
    assert verdict.startswith("Russia and Ukraine were mostly in conflict: of the 7 events "
                              "between them coded with confidence, 2 were cooperation")
    assert " and 5 conflict " in verdict and "leaving aside 1 less certain event)" in verdict
    for row in events_of(hostile, cited(brief, verdict)):
        assert row["confidence"] >= LOW_CONFIDENCE
    # claims in plain English from the codes: no template phrasing, no stray counts
    assert busiest.startswith("All 8 events came in March 2022: "), busiest
    assert "the Russian military used military force against Ukraine [" in busiest
    assert "helicopters" not in busiest and "fighting between" not in busiest
    assert "Russia and Ukraine held talks" not in busiest  # conflict is what stands out
    country = texts(country_brief(hostile, "UKR", EventFilter()))
    assert any(t.startswith("Ukraine's dealings were mostly conflict: of the 7 events "
                            "involving Ukraine") for t in country)


def test_mixed_relations(mixed: Store) -> None:
    verdict = texts(pair_brief(mixed, "CHN", "USA", EventFilter()))[0]
    assert verdict.startswith("China and the United States both cooperated and clashed: of the "
                              "6 events between them coded with confidence, 3 were cooperation")
    assert " and 3 conflict " in verdict and "leaving aside" not in verdict


def test_too_thin_to_tell(thin: Store) -> None:
    brief = pair_brief(thin, "CUB", "USA", EventFilter())
    verdict = texts(brief)[0]
    assert verdict.startswith("Too little is coded to tell how Cuba and the United States "
                              "stand with each other: no event between them is coded with "
                              f"confidence as cooperation or conflict, and a verdict needs at "
                              f"least {VERDICT_MIN} (leaving aside 1 plain statement and 1 less "
                              "certain event)"), verdict
    assert "moved closer" not in " ".join(texts(brief))
    assert cited(brief, verdict)  # even "too little" shows what little there is


def test_filters_can_leave_too_little(cooperative: Store) -> None:
    verdict = texts(pair_brief(cooperative, "CUB", "RUS", EventFilter(since="2019-04-01")))[0]
    assert verdict.startswith("Too little is coded to tell how Cuba and Russia stand with each "
                              "other: only 1 event between them is coded with confidence")


@pytest.mark.parametrize("world", ["cooperative", "hostile", "mixed", "thin"])
def test_every_sentence_cites_its_evidence(world: str, request: pytest.FixtureRequest) -> None:
    store: Store = request.getfixturevalue(world)
    pairs = {"cooperative": ("CUB", "RUS"), "hostile": ("RUS", "UKR"),
             "mixed": ("CHN", "USA"), "thin": ("CUB", "USA")}
    a, b = pairs[world]
    for brief in (pair_brief(store, a, b, EventFilter()), country_brief(store, a,
                                                                         EventFilter())):
        data = brief.to_dict()
        for s in data["sentences"]:
            assert any(isinstance(p, int) for p in s["parts"]), s["text"]
        assert all(c["evidence"] for c in data["citations"])
        for text in texts(brief):  # no "(three helicopters)": only counts in brackets
            assert not re.search(r"\((?!\d+ (events?|mentions)\)|\d+ verbal|leaving aside)",
                                 text), text


def test_a_meeting_told_both_ways_is_one_claim(cooperative: Store) -> None:
    rows = cooperative.event_page(EventFilter(party="CUB", code="046"), per_page=10)[0]
    one, other = sorted(rows, key=lambda r: r["id"])
    assert claim(one, other) == "Vladimir Putin and Miguel Díaz-Canel held talks"
    assert claim(one) == "Vladimir Putin negotiated with Miguel Díaz-Canel"
    busiest = texts(pair_brief(cooperative, "CUB", "RUS", EventFilter()))[1]
    assert busiest.count("held talks") + busiest.count("negotiated") <= 1


@pytest.mark.parametrize(("changes", "text"), [
    ({"cameo": "190"}, "Russia used military force against Cuba"),
    ({"cameo": "190", "modality": "possible"}, "Russia might use military force against Cuba"),
    ({"cameo": "042"}, "Russia visited Cuba"),
    ({"cameo": "043"}, "Russia hosted Cuba"),
    ({"cameo": "1124"}, "Russia accused Cuba of war crimes"),
    ({"cameo": "020", "target": None, "target_name": None}, "Russia appealed"),
    ({"cameo": "163"}, "Russia imposed an embargo on Cuba"),
    ({"cameo": "071", "rule": "give", "evidence": "Russia gave Cuba $5 million."},
     "Russia gave economic aid worth $5 million to Cuba"),
    ({"cameo": "0331", "rule": "intent:agree>lend"},
     "Russia agreed to lend Cuba $5 million"),
    ({"cameo": "1712", "source": "ISRMIL", "source_name": "forces"},
     "the Israeli military destroyed property of Cuba"),
])
def test_claims_say_what_codes_mean(changes: dict[str, Any], text: str) -> None:
    row: dict[str, Any] = {
        "id": 1, "article_id": "a", "sentence": 0, "source": "RUS", "target": "CUB",
        "source_name": "Russia", "target_name": "Cuba", "source_party": "RUS",
        "target_party": "CUB", "modality": None, "rule": "x",
        "evidence": "Russia and Cuba did something worth $5 million.",
        "quantities": [{"kind": "money", "value": 5e6, "value_max": None, "unit": "USD",
                        "text": "$5 million", "start": 0, "end": 1}]}
    row.update(changes)
    assert claim(row) == text


def test_a_long_record_is_weighed_by_its_latest_events(cooperative: Store,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from irinsider.analysis import briefs

    monkeypatch.setattr(briefs, "VERDICT_SAMPLE", 5)
    monkeypatch.setattr(briefs, "VERDICT_MIN", 3)
    verdict = texts(pair_brief(cooperative, "CUB", "RUS", EventFilter()))[0]
    assert verdict.startswith("Cuba and Russia mostly cooperated: of the 5 latest events "
                              "between them coded with confidence, 5 were cooperation"), verdict
    assert "less certain" not in verdict  # unknown when not every event was weighed
