"""The topic gate: sport, weather, disasters, everyday crime, business and entertainment
are not international events unless a state or political actor takes part in them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from irinsider.coding import decide, gate, load_topics
from irinsider.errors import DataError
from irinsider.model import Article, Block, Event
from irinsider.pipeline import Pipeline


def _span(text: str, words: str | None) -> tuple[int, int] | None:
    if words is None:
        return None
    start = text.index(words)
    return (start, start + len(words))


def event(text: str, source: tuple[str, str], target: tuple[str, str] | None, trigger: str,
          cameo: str = "190", rule: str = "verbs.v1/190:test",
          place: str | None = None) -> Event:
    """An event of `text` as the coder would write it: (code, words) of each side."""
    src_code, src_words = source
    tgt_code, tgt_words = target if target else (None, None)
    return Event(
        doc_id="t", sentence=0, source=src_code, target=tgt_code,
        source_country=src_code[:3] if src_code[:3] not in ("IGO", "---") else None,
        target_country=tgt_code[:3] if tgt_code and tgt_code[:3] not in ("IGO", "---")
        else None,
        cameo=cameo, plover=None, plover_mode=None, goldstein=-10.0, quad_class=4,
        date="2024-01-01", evidence=text, source_span=_span(text, src_words) or (0, 0),
        target_span=_span(text, tgt_words), trigger_span=_span(text, trigger) or (0, 0),
        rule=rule, place=place)


def judged(pipeline: Pipeline, text: str, events: list[Event],
           article: tuple[str, ...] = ()) -> list[tuple[str, str | None, str] | None]:
    """What the gate makes of events of `text`: (source, target, code), or None if dropped."""
    sent = next(pipeline.nlp(text).sents)
    return [(d.event.source, d.event.target, d.event.cameo) if d.event else None
            for _, d in decide(events, sent, article)]


# ---- the data ---------------------------------------------------------------------------
def test_topic_table_loads() -> None:
    table = load_topics()
    assert {t.name for t in table.topics} == {
        "sport", "weather", "disaster", "crime", "business", "entertainment"}
    assert {"GOV", "MIL", "REB"} <= table.political
    assert "BUS" not in table.political and "CVL" not in table.political
    assert table.verbal.code == "110"


def test_cues_match_plurals_and_phrases() -> None:
    table = load_topics()
    assert [t.name for t, _ in table.topics_of("Two wickets fell before lunch.")] == ["sport"]
    assert [t.name for t, _ in table.topics_of("Tickets for the World Cups sold out.")] == [
        "sport"]
    assert [t.name for t, _ in table.topics_of("Thieves took the paintings.")] == ["crime"]
    # words that mostly mean something else are no cues
    assert table.topics_of("The Arab League set a goal for the final talks.") == []
    assert table.topics_of("Protesters stormed the parliament.") == []


def test_article_topics_come_from_title_and_lead() -> None:
    table = load_topics()
    article = Article("a", "Cyclone batters Mozambique", None, None, None,
                      (Block("Officials counted the dead on Monday."),
                       Block("Later, rugby fans gathered.")))
    assert table.article_topics(article) == ("disaster",)


def test_a_bad_topic_file_is_a_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "topics.yaml"
    bad.write_text("topics:\n  sport: {acts: [beat]}\nverbal_fight: {code: '110'}\n")
    with pytest.raises(DataError, match="no cues"):
        load_topics(bad)
    bad.write_text("topics: [sport]\n")
    with pytest.raises(DataError, match="topics"):
        load_topics(bad)


# ---- sport ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "source", "target", "trigger"), [
    ("The national cricket team of Australia beat India by 200 runs in Perth.",
     ("AUS", "Australia"), ("IND", "India"), "beat"),
    ("Brazil thrashed South Korea 4-1 in the World Cup match in Doha.",
     ("BRA", "Brazil"), ("KOR", "South Korea"), "thrashed"),
    ("Morocco stunned Portugal in the quarter-final of the football tournament.",
     ("MAR", "Morocco"), ("PRT", "Portugal"), "stunned"),
    ("Japan edged Germany 2-1 in their opening match.",
     ("JPN", "Japan"), ("DEU", "Germany"), "edged"),
    ("Wales will face Fiji in Bordeaux in their first rugby test of the year.",
     ("WLS", "Wales"), ("FJI", "Fiji"), "face"),
])
def test_sport_results_are_not_events(pipeline: Pipeline, text: str, source: tuple[str, str],
                                      target: tuple[str, str], trigger: str) -> None:
    assert judged(pipeline, text, [event(text, source, target, trigger, "182")]) == [None]


def test_a_match_in_a_sport_article_is_not_an_event(pipeline: Pipeline) -> None:
    text = "Nigeria beat Cameroon on the way to Sunday's decider."
    ours = [event(text, ("NGA", "Nigeria"), ("CMR", "Cameroon"), "beat", "182")]
    assert judged(pipeline, text, ours) == [("NGA", "CMR", "182")]  # alone, a fight
    assert judged(pipeline, text, ours, article=("sport",)) == [None]


@pytest.mark.parametrize(("text", "source", "target", "trigger", "cameo"), [
    # a minister boycotts a match: the state acts
    ("India's sports minister boycotted the match against Pakistan.",
     ("INDGOV", "India's sports minister"), ("PAK", "Pakistan"), "boycotted", "143"),
    # a head of government congratulates a team
    ("Pakistan's prime minister congratulated the cricket team on its victory over India.",
     ("PAKGOV", "Pakistan's prime minister"), ("IND", "India"), "congratulated", "051"),
    # a government keeps its athletes from a tournament in another country
    ("Iran's government barred its footballers from the tournament in Israel.",
     ("IRNGOV", "Iran's government"), ("ISR", "Israel"), "barred", "120"),
    # a country, not a team, boycotts the games
    ("The United States boycotted the Olympic Games in Moscow.",
     ("USA", "United States"), ("RUS", "Moscow"), "boycotted", "143"),
])
def test_a_state_acting_in_a_sport_story_is_coded(pipeline: Pipeline, text: str,
                                                  source: tuple[str, str],
                                                  target: tuple[str, str], trigger: str,
                                                  cameo: str) -> None:
    assert judged(pipeline, text, [event(text, source, target, trigger, cameo)]) == [
        (source[0], target[0], cameo)]


def test_a_clubs_president_is_not_a_states(pipeline: Pipeline) -> None:
    text = "The football federation said its president had been detained by police."
    ours = [event(text, ("---COP", "police"), ("---GOV", "president"), "detained", "173")]
    assert judged(pipeline, text, ours) == [None]


def test_the_coder_and_gate_together_on_sport(code_text) -> None:  # type: ignore[no-untyped-def]
    assert code_text("Brazil thrashed South Korea 4-1 in the World Cup match in Doha.") == []
    kept = code_text("India's sports minister boycotted the match against Pakistan.")
    assert {(e.source, e.target, e.cameo[:2]) for e in kept} == {("INDGOV", "PAK", "14")}


# ---- weather and disasters ----------------------------------------------------------------
@pytest.mark.parametrize(("text", "scene", "victims"), [
    ("At least 40 people were killed when the cyclone hit Mozambique.", "MOZ", "people"),
    ("Heavy rain flooded Bangladesh, and 12 people were killed by landslides.", "BGD",
     "people"),
    ("More than 2,000 people were killed in the earthquake in Morocco.", "MAR", "people"),
    ("Two soldiers were killed when the storm hit their camp in Malawi.", "MWI", "soldiers"),
    ("A heatwave killed 30 people in Pakistan.", "PAK", "people"),
])
def test_a_disasters_toll_is_not_an_attack(pipeline: Pipeline, text: str, scene: str,
                                           victims: str) -> None:
    sector = "MIL" if victims == "soldiers" else "CVL"
    ours = [event(text, (scene, victims), (scene + sector, victims), "killed",
                  rule="verbs.v1/190:kill/scene")]
    assert judged(pipeline, text, ours) == [None]


@pytest.mark.parametrize(("text", "source", "target", "trigger", "cameo"), [
    ("Japan sent 75 rescuers to Turkey after the earthquake.",
     ("JPN", "Japan"), ("TUR", "Turkey"), "sent", "073"),
    ("The United States pledged $85 million in earthquake aid to Syria.",
     ("USA", "United States"), ("SYR", "Syria"), "pledged", "0331"),
    ("Greece offered firefighting planes to help Albania fight its wildfires.",
     ("GRC", "Greece"), ("ALB", "Albania"), "offered", "0333"),
    ("Soldiers rescued hundreds of villagers from the floodwaters in Sindh.",
     ("PAKMIL", "Soldiers"), ("PAKCVL", "villagers"), "rescued", "073"),
])
def test_a_state_sending_disaster_aid_is_coded(pipeline: Pipeline, text: str,
                                               source: tuple[str, str],
                                               target: tuple[str, str], trigger: str,
                                               cameo: str) -> None:
    assert judged(pipeline, text, [event(text, source, target, trigger, cameo)]) == [
        (source[0], target[0], cameo)]


# ---- business -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "source", "target", "trigger", "cameo"), [
    ("Air India has agreed to buy 470 aircraft from Airbus, the biggest order by an airline.",
     ("IND", "India"), ("INDMIL", "aircraft"), "agreed", "0311"),
    ("German carmaker Volkswagen agreed to buy a Chinese battery maker for $2 billion.",
     ("DEU", "German carmaker Volkswagen"), ("CHN", "Chinese battery maker"), "agreed",
     "0311"),
    ("Japanese carmaker Nissan agreed to merge with its Chinese rival.",
     ("JPN", "Japanese carmaker Nissan"), ("CHN", "Chinese rival"), "agreed", "0311"),
    ("Shareholders of the British company backed the takeover by Indian conglomerate Tata.",
     ("GBR", "British company"), ("IND", "Indian conglomerate Tata"), "backed", "051"),
])
def test_company_deals_are_not_events(pipeline: Pipeline, text: str, source: tuple[str, str],
                                      target: tuple[str, str], trigger: str,
                                      cameo: str) -> None:
    assert judged(pipeline, text, [event(text, source, target, trigger, cameo)]) == [None]


def test_a_country_in_a_companys_name_is_no_state(pipeline: Pipeline) -> None:
    text = "Japan Airlines ordered 20 jets from Boeing on Tuesday."
    ours = [event(text, ("JPN", "Japan"), ("USABUS", "Boeing"), "ordered", "100")]
    assert judged(pipeline, text, ours) == [None]
    text = "Korea Electric Power signed a contract with a Saudi firm."
    ours = [event(text, ("KOR", "Korea"), ("SAU", "Saudi firm"), "signed", "057")]
    assert judged(pipeline, text, ours) == [None]


@pytest.mark.parametrize(("text", "source", "target", "trigger", "cameo"), [
    ("China blocked the merger of two American chip companies.",
     ("CHN", "China"), ("USABUS", "American chip companies"), "blocked", "120"),
    ("The European Commission fined the US company 2.4 billion euros.",
     ("IGOEUREEC", "European Commission"), ("USABUS", "US company"), "fined", "1721"),
    ("The Dutch government barred the firm from selling its machines to China.",
     ("NLDGOV", "Dutch government"), ("CHN", "China"), "barred", "163"),
])
def test_a_state_acting_on_companies_is_coded(pipeline: Pipeline, text: str,
                                              source: tuple[str, str],
                                              target: tuple[str, str], trigger: str,
                                              cameo: str) -> None:
    assert judged(pipeline, text, [event(text, source, target, trigger, cameo)]) == [
        (source[0], target[0], cameo)]


# ---- everyday crime -----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "source", "target", "trigger", "cameo"), [
    ("Robbers killed a shopkeeper in Lagos.",
     ("NGACRM", "Robbers"), ("NGA", "Lagos"), "killed", "190"),
    ("Armed robbers attacked a bank in Johannesburg.",
     ("ZAFCRM", "robbers"), ("ZAFBUS", "bank"), "attacked", "190"),
    ("Police in Brazil arrested two men over the robbery of a jewellery shop.",
     ("BRACOP", "Police in Brazil"), ("BRACVL", "men"), "arrested", "173"),
    ("A court in Lyon jailed the burglar for six years.",
     ("FRAJUD", "court in Lyon"), ("FRACRM", "burglar"), "jailed", "173"),
])
def test_everyday_crime_is_not_an_event(pipeline: Pipeline, text: str, source: tuple[str, str],
                                        target: tuple[str, str], trigger: str,
                                        cameo: str) -> None:
    ours = [event(text, source, target, trigger, cameo,
                  place=target[1] if target[1] == "Lagos" else None)]
    assert judged(pipeline, text, ours) == [None]


def test_a_robbery_touching_a_political_actor_is_coded(pipeline: Pipeline) -> None:
    text = "Police arrested the opposition leader over the robbery of a bank in Harare."
    ours = [event(text, ("ZWECOP", "Police"), ("ZWEOPP", "opposition leader"), "arrested",
                  "173")]
    assert judged(pipeline, text, ours) == [("ZWECOP", "ZWEOPP", "173")]
    text = "Gunmen robbed the Chinese embassy in Harare, the foreign ministry said."
    ours = [event(text, ("ZWECRM", "Gunmen"), ("CHNGOV", "Chinese embassy"), "robbed",
                  "190")]
    assert judged(pipeline, text, ours) == [("ZWECRM", "CHNGOV", "190")]


# ---- entertainment ------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "source", "target", "trigger", "cameo"), [
    ("An Iranian director beat the French favourite to win the Palme d'Or at Cannes.",
     ("IRN", "Iranian director"), ("FRA", "French favourite"), "beat", "182"),
    ("The Chinese film beat an American documentary to the Golden Lion in Venice.",
     ("CHN", "Chinese film"), ("USA", "American documentary"), "beat", "182"),
    ("South Korea won best picture at the Oscars, beating Britain.",
     ("KOR", "South Korea"), ("GBR", "Britain"), "beating", "182"),
    ("The jury's president praised the Mexican actress for her performance.",
     ("---GOV", "president"), ("MEX", "Mexican actress"), "praised", "051"),
])
def test_film_festivals_are_not_events(pipeline: Pipeline, text: str, source: tuple[str, str],
                                       target: tuple[str, str], trigger: str,
                                       cameo: str) -> None:
    assert judged(pipeline, text, [event(text, source, target, trigger, cameo)]) == [None]


def test_a_state_acting_at_a_festival_is_coded(pipeline: Pipeline) -> None:
    text = "Iran banned the film director from travelling to the festival in Berlin."
    ours = [event(text, ("IRN", "Iran"), ("DEU", "Berlin"), "banned", "1246")]
    assert judged(pipeline, text, ours) == [("IRN", "DEU", "1246")]
    text = "Ukraine's president addressed the film festival in Cannes and thanked France."
    ours = [event(text, ("UKRGOV", "Ukraine's president"), ("FRA", "France"), "thanked",
                  "051")]
    assert judged(pipeline, text, ours) == [("UKRGOV", "FRA", "051")]


# ---- a verbal fight ---------------------------------------------------------------------------
def test_a_state_and_a_un_body_clash_in_words(code_text) -> None:  # type: ignore[no-untyped-def]
    events = code_text("Venezuela clashed with the UN human rights office over the report.")
    assert {(e.source, e.target, e.cameo) for e in events} == {
        ("VEN", "IGOUNO", "110"), ("IGOUNO", "VEN", "110")}
    assert all(e.rule.endswith("/topic:verbal") and e.quad_class == 3 for e in events)


@pytest.mark.parametrize(("text", "pair"), [
    ("Russian and Ukrainian delegates clashed at the Security Council meeting on Monday.",
     {("RUS", "UKR"), ("UKR", "RUS")}),
    ("Pakistan clashed with India at the UN Human Rights Council session.",
     {("PAK", "IND"), ("IND", "PAK")}),
])
def test_delegates_clashing_at_a_meeting_dispute(code_text, text: str,  # type: ignore[no-untyped-def]
                                                 pair: set[tuple[str, str]]) -> None:
    events = code_text(text)
    assert {(e.source, e.target) for e in events} == pair
    assert {e.cameo for e in events} == {"110"}


def test_troops_clashing_is_force(pipeline: Pipeline) -> None:
    text = "Indian and Chinese troops clashed on the border at a meeting point in Ladakh."
    ours = [event(text, ("INDMIL", "Indian"), ("CHNMIL", "Chinese troops"), "clashed")]
    assert judged(pipeline, text, ours) == [("INDMIL", "CHNMIL", "190")]


def test_the_gate_keeps_order_and_drops_repeats(pipeline: Pipeline) -> None:
    text = "Russia attacked Ukraine."
    sent = next(pipeline.nlp(text).sents)
    one = event(text, ("RUS", "Russia"), ("UKR", "Ukraine"), "attacked")
    assert gate([one, one], sent) == [one]


def test_an_article_of_sport_is_coded_without_its_results(pipeline: Pipeline) -> None:
    article = Article("s", "Fiji stun Wales in the rugby World Cup", None, date(2023, 9, 10),
                      None, (Block("Fiji beat Wales 32-26 in Bordeaux on Sunday."),
                             Block("Fiji's prime minister congratulated the team.")))
    events = next(pipeline.code([article])).events
    assert all(e.source != "FJI" or e.cameo[:2] != "18" for e in events)
