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
        # an object pattern sees the conjuncts of the object and what a measure counts
        ("Norway handed over 300 tonnes of medicine to Yemen.", {("NOR", "YEM", "07")}),
        ("Canada is providing maps and other intelligence to Ukraine.",
         {("CAN", "UKR", "06")}),
        # a preposition whose object the parser hung on a following clause
        ("Chile granted asylum to four Bolivian officials holed up in its embassy.",
         {("CHL", "BOLGOV", "07")}),
        # violence with no named perpetrator happens in, and to, the country named as scene
        ("Two Kenyan policemen were killed in Somalia on Monday.", {("SOM", "KENCOP", "19")}),
        ("A roadside bomb near the Afghan city of Kandahar killed three soldiers.",
         {("AFG", "AFGMIL", "19")}),
        ("There were five Nigerian soldiers killed in Mali.", {("MLI", "NGAMIL", "19")}),
        # ... but not an infinitive, nor an accident
        ("Turkey defended the right of its troops to fire on militants in Syria.",
         {("TUR", "TURMIL", "05")}),
        ("Ten people were killed by a train crash in India.", set()),
        ("The minister was killed in a car accident in Kenya.", set()),
        # arrests with no one named are the country's own doing
        ("Two journalists were arrested in Turkey.", {("TUR", "TURMED", "17")}),
        # the toll of an attack is not a second attack
        ("Rebels shelled the Syrian city of Homs, killing ten people.", {("SYRREB", "SYR", "19")}),
        # rebels, parties, citizens with no country named act in the country they act on
        ("Rebels tried to assassinate President Museveni.", {("UGAREB", "UGAGOV", "18")}),
        # ... or in the place the sentence names
        ("Gunmen attacked a hotel in Mogadishu.", {("SOMUAF", "SOM", "19")}),
        # what a noun says is asked or claimed is not a reported event
        ("Armenia demanded an admission by Turkey that its forces killed civilians.",
         {("ARM", "TUR", "10")}),
        # a statement's -ing clause is its author's act
        ("Sweden issued a statement condemning Iran.", {("SWE", "IRN", "11")}),
        # "resorted to throwing stones": the subject throws
        ("Bolivian miners resorted to throwing stones at police.",
         {("BOLLAB", "BOLCOP", "14")}),
        # a threat's target is the one who must act
        ("Farmers in France threatened to block roads unless Spain lifted its tariffs.",
         {("FRAAGR", "ESP", "13")}),
        # what a demand asks for is not an event, however deep in the clause
        ("Egypt said that Qatar must be ready to mediate between Israel and Hamas.",
         {("EGY", "QAT", "10")}),
        # a reflexive object is no target: the place is
        ("A Chechen bomber blew himself up in Moscow.", {("RUSMIL", "RUS", "18")}),
        # a place in a conditional clause does not locate the main clause's people
        ("Jordan says it will not admit more refugees if war breaks out in Syria.",
         {("JOR", "---REF", "12")}),
        # "reiterated its demand": a support verb carrying the event noun
        ("The EU reiterated its demand for elections in Belarus.",
         {("IGOEUREEC", "BLR", "10")}),
        # a clause of circumstance is background when the main clause is news ...
        ("Shevardnadze resigned as the opposition threatened to storm his residence.", set()),
        # ... and the news when the main clause reports nothing
        ("The visit came as the Indian premier prepared to meet the Chinese president.",
         {("INDGOV", "CHNGOV", "04")}),
        # a verb cut at its hyphen is still the wrapped verb: "agreed to re-open"
        ("Georgia has agreed to re-open its embassy in Russia.", {("GEO", "RUS", "03")}),
        # "allow X to return": the allowed act names the pattern, X is the target
        ("Burma will allow Rohingya refugees to return home.", {("MMR", "MMRREF", "03")}),
        # "reimposed": the patterns of "impose"
        ("India reimposed a blockade on Nepal.", {("IND", "NPL", "19")}),
        # its own forces are what a country acts with; the place is the target
        ("Russia has strengthened its forces in Belarus.", {("RUS", "BLR", "15")}),
        # "anti-Syria", "pro-Russia": a stance toward a country, not the country's own
        ("An anti-Syria journalist was killed in Beirut.", {("LBN", "LBNMED", "19")}),
        ("Pro-Russia rebels attacked Ukrainian troops.", {("UKRREB", "UKRMIL", "19")}),
        # a title before a name not in the dictionaries still says the sector; the
        # place of the threatened act says the country
        ("Governor Kwame Osei threatened to impose a curfew in Accra.", {("GHAGOV", "GHA", "13")}),
        # a demand's content names whom it is made of
        ("The rebels insisted on their demand that the Malian government hold elections.",
         {("MLIREB", "MLIGOV", "10")}),
        # old names of countries and their organisations
        ("Kampuchean forces attacked Thai villages.", {("KHMMIL", "THA", "19")}),
        ("Greece demanded that the European Community reject the plan.",
         {("GRC", "IGOEUREEC", "10")}),
        # a concession with no one named is made to the country's own people
        ("The Thai government lifted the state of emergency.", {("THAGOV", "THA", "08")}),
        # a frame noun takes its event from its modifier: "a mediation mission"
        ("The Norwegian envoy undertook a mediation mission between Sudan and Chad.",
         {("NORGOV", "SDN", "04"), ("NORGOV", "TCD", "04")}),
        # a two-word event noun beats a pattern on one of its words; a count is read
        # through "of"; joint exercises are reciprocal
        ("Indian and French warships launched five days of war games.",
         {("INDMIL", "FRAMIL", "06"), ("FRAMIL", "INDMIL", "06")}),
        # a target after any conjunct of the object: "artillery and rocket fire *against*"
        ("Thai forces launched artillery and rocket fire against Cambodian positions.",
         {("THAMIL", "KHM", "19")}),
        # a verb the parser hung on a second subject is still the clause's verb
        ("Kenyan students resorted to throwing stones at police, officials said on Monday.",
         {("KENEDU", "KENCOP", "14")}),
        # a sector word ending a hyphenated modifier says nothing of the noun's actor
        ("The opposition will boycott Peru's multi-party elections unless the president resigns.",
         {("PEROPP", "PER", "13")}),
        # being ready or willing to act is an intent (03x: "indicate willingness")
        ("Japan is ready to send troops to a peacekeeping force in Sudan.",
         {("JPN", "SDN", "03")}),
        # a threatened act's place is the threat's target when no one else is
        ("The president of Peru threatened to impose a curfew in Lima.",
         {("PERGOV", "PER", "13")}),
        # talks and phone calls are reciprocal (CAMEO 041, 046)
        ("Poland held talks with Lithuania.", {("POL", "LTU", "04"), ("LTU", "POL", "04")}),
        ("Merkel telephoned Putin on Friday.", {("DEUGOV", "RUSGOV", "04"),
                                                ("RUSGOV", "DEUGOV", "04")}),
        # attending an event held in a country is not that country attending
        ("The Chinese premier will attend the Paris conference.", {("CHNGOV", "FRA", "03")}),
        # a boycott announced in reported speech, or an act made conditional, is a threat
        ("Palestinian groups said they would boycott Israeli goods.", {("PSE", "ISR", "13")}),
        ("Chad will withdraw its troops from Mali unless the junta holds elections.",
         {("TCD", "MLI", "13")}),
        # ethnic groups are not the state named after them; located by the place
        ("Ethnic Russians demonstrated in Estonia.", {("ESTETH", "EST", "14")}),
        # coordinated nationalities after a count: one target each
        ("Police in Greece beat dozens of Syrian and Afghan migrants.",
         {("GRCCOP", "SYRREF", "18"), ("GRCCOP", "AFGREF", "18")}),
        # a passive subject names its people in a phrase
        ("A convoy for Yemeni refugees was attacked by Saudi jets.",
         {("SAUMIL", "YEMREF", "19")}),
        # an event noun as the subject of "continue", "erupt"
        ("Iranian protests against Iraqi policies continued on Sunday.",
         {("IRN", "IRQ", "14")}),
        # a modified event noun: a hunger strike is not a military strike
        ("Cuban dissidents began a hunger strike.", {("CUBOPP", "CUBGOV", "14")}),
        # "be opposed to" is the subject's stance, not a passive
        ("Hungary is opposed to Ukrainian membership of NATO.", {("HUN", "UKR", "11")}),
        # the purpose of a gathering is the gatherers'
        ("Thousands of Kenyans gathered for a rally to protest the new taxes.",
         {("KEN", "KENGOV", "14")}),
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
    # the event is dated by its clause, to the month
    assert (visit.date, visit.date_precision, visit.date_text) == \
        ("2016-03-01", "month", "March 2016")
    (later,) = code_text("Obama visited Havana.", date(2018, 11, 9))
    assert later.source == "USAELI"


# ---- arguments from the whole clause ------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    # a purpose infinitive names whom force or protest is aimed at
    ("Kenyan police fired tear gas to disperse Somali refugees.", ("KENCOP", "SOMREF", "17")),
    ("Thai troops shelled the border to drive back Cambodian soldiers.",
     ("THAMIL", "KHMMIL", "19")),
    ("Indian students marched to protest against China's policies.", ("INDEDU", "CHN", "14")),
    # the subject of the clause an accusation governs is the one accused
    ("Iran accused that Israel had attacked its ships.", ("IRN", "ISR", "11")),
    ("Pakistan alleged that India had shelled its posts.", ("PAK", "IND", "11")),
    ("Armenia alleged that Azerbaijani troops had crossed the border.",
     ("ARM", "AZEMIL", "11")),
    # two verbs joined by "and" share the object after the second
    ("Russia condemned and sanctioned Ukraine.", ("RUS", "UKR", "11")),
    ("Egypt praised and thanked Qatar.", ("EGY", "QAT", "05")),
    ("Brazil welcomed and supported the Venezuelan proposal.", ("BRA", "VEN", "05")),
    # "X and Y forces" are the forces of both
    ("Israeli and Hezbollah forces attacked UN positions.", ("ISRMIL", "IGOUNO", "19")),
    ("Israeli and Hezbollah forces attacked UN positions.", ("LBNREB", "IGOUNO", "19")),
    ("Syrian and Russian jets bombed Turkish positions.", ("RUSMIL", "TUR", "19")),
    # a "by" phrase the parser hung on a place, or behind a weapon, names the doer
    ("A Pakistani convoy was attacked on Monday near the border by Indian troops.",
     ("INDMIL", "PAK", "19")),
    ("A Malaysian airliner was shot down over Ukraine by a missile fired by Russian forces.",
     ("RUSMIL", "MYS", "19")),
    ("A Syrian convoy was hit near the city by rockets launched by Turkish forces.",
     ("TURMIL", "SYR", "19")),
    # a weapon named as the doer acts for whoever its modifier names
    ("Russian missiles struck Kyiv.", ("RUS", "UKR", "19")),
    # withdrawing from one place to another is done to the first
    ("Russia withdrew its troops from Georgia to Armenia.", ("RUS", "GEO", "08")),
    ("Uganda withdrew its soldiers from South Sudan to Kenya.", ("UGA", "SSD", "08")),
    ("Venezuela withdrew its ambassador from Colombia to Caracas.", ("VEN", "COL", "16")),
    # one-actor events stand without a target (a protest is made against its government)
    ("Egypt mobilised its reserves.", ("EGY", None, "15")),
    ("Bangladeshi garment workers went on strike.", ("BGDLAB", "BGDGOV", "14")),
    ("Thousands of Kenyans protested.", ("KEN", "KENGOV", "14")),
])
def test_arguments_from_the_whole_clause(code_text, text: str,  # type: ignore[no-untyped-def]
                                         expected: tuple) -> None:
    assert expected in roots(code_text(text))


@pytest.mark.parametrize(("text", "unexpected"), [
    # a news outlet or a place is never whom a statement is made to
    ("The Kenyan foreign minister told journalists that Kenya supports Somalia.", "KENMED"),
    ("Putin told Reuters that Russia would not attack Ukraine.", "---MED"),
    ("The Turkish president said to CNN that he supported Sweden.", "---MED"),
    # who reports a sentence is neither its source nor its target
    ("Turkish jets struck Kurdish targets in Iraq, the state news agency reported from Ankara.",
     "IRQMED"),
    ("Chinese troops attacked Indian positions, the Xinhua news agency reported from Beijing.",
     "CHNMED"),
    ("Russian missiles struck Kyiv, the Ukrainian air force said.", "UKRMIL"),
])
def test_no_one_is_told_by_the_press_or_reports_as_a_party(  # type: ignore[no-untyped-def]
        code_text, text: str, unexpected: str) -> None:
    events = code_text(text)
    assert all(unexpected not in (e.source, e.target) for e in events)
    assert all(not (e.target or "").endswith("MED") for e in events if e.cameo[:2] == "01")


@pytest.mark.parametrize("text", [
    # those who praise, welcome or back something together do not do it to each other
    "Japan and Britain welcomed the agreement.",
    "Ghana and Togo praised the election.",
    "Chile and Peru endorsed the plan.",
])
def test_joined_subjects_act_together_not_on_each_other(  # type: ignore[no-untyped-def]
        code_text, text: str) -> None:
    assert roots(code_text(text)) == set()


def test_joined_subjects_act_on_a_third_party(code_text) -> None:  # type: ignore[no-untyped-def]
    assert roots(code_text("Japan and South Korea condemned North Korea.")) == {
        ("JPN", "PRK", "11"), ("KOR", "PRK", "11")}


def test_a_verb_with_its_own_object_shares_none(code_text) -> None:  # type: ignore[no-untyped-def]
    assert ("RUS", "UKR", "11") not in roots(
        code_text("Russia condemned the vote and sanctioned Ukraine."))


@pytest.mark.parametrize("text", [
    # showing something is no protest, however it is phrased
    "Japan stood alone in the vote, demonstrating its commitment to the treaty.",
    "The United States stood alone on the UN resolutions, demonstrating its isolation.",
    "Brazil demonstrated its resolve by sending a frigate to the Atlantic.",
    # gathering support, or moving troops, neither
    "Poland's government rallied support for the sanctions among EU members.",
])
def test_a_protest_verb_with_an_object_is_no_protest(code_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert all(e.cameo[:2] != "14" for e in code_text(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Georgian students demonstrated against the government in Tbilisi.",
     ("GEOEDU", "GEOGOV", "141")),
    ("Opposition supporters marched to the parliament in Dhaka.",
     ("BGDOPP", "BGDLEG", "141")),
])
def test_a_protest_verb_without_an_object_protests(code_text, text: str,  # type: ignore[no-untyped-def]
                                                   expected: tuple[str, str, str]) -> None:
    assert expected in triples(code_text(text))


@pytest.mark.parametrize(("text", "pair"), [
    ("Canada dropped its sanctions on Myanmar in 2021.", ("CAN", "MMR")),
    ("Britain scrapped the remaining sanctions against Libya.", ("GBR", "LBY")),
    ("The African Union removed the sanctions on Mali after the elections.",
     ("IGOAFRAFU", "MLI")),
    ("The United States eased sanctions on Venezuela's oil sector last year.", ("USA", "VEN")),
])
def test_dropping_sanctions_eases_them(code_text, text: str,  # type: ignore[no-untyped-def]
                                       pair: tuple[str, str]) -> None:
    assert (*pair, "085") in triples(code_text(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("The Security Council passed a resolution that condemned North Korea's missile tests.",
     ("IGOUNOSEC", "PRK", "11")),
    ("The African Union issued a statement that urged Sudan's generals to stop fighting.",
     ("IGOAFRAFU", "SDNMIL", "02")),
    ("Brazil's foreign ministry released a note that praised Argentina's stance.",
     ("BRAGOV", "ARG", "05")),
])
def test_a_statement_adopted_speaks_for_its_author(code_text, text: str,  # type: ignore[no-untyped-def]
                                                   expected: tuple[str, str, str]) -> None:
    assert expected in roots(code_text(text))


def test_a_statement_rejected_is_not_the_rejecters(code_text) -> None:  # type: ignore[no-untyped-def]
    assert ("KEN", "ETH", "11") not in roots(
        code_text("Kenya rejected a resolution that condemned Ethiopia."))
