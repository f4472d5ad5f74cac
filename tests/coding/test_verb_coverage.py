"""Coverage of the verb table: support verbs and multiword expressions, event nouns and
wrappers, each on sentences of our own with different wordings and actors."""

from __future__ import annotations

import pytest


def triples(events):  # type: ignore[no-untyped-def]
    return {(e.source, e.target, e.cameo) for e in events if not e.negated}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # remorse and shame are apologies (055: "express regret or remorse")
        ("Belgium expressed shame to Congo over its colonial rule.", {("BEL", "COD", "055")}),
        ("The Japanese government voiced remorse to South Korea for wartime forced labour.",
         {("JPNGOV", "KOR", "055")}),
        ("Germany showed contrition toward Namibia for the killings.", {("DEU", "NAM", "055")}),
        # permission given is international involvement allowed (086), refused 1245
        ("Jordan gave permission to Israeli planes to cross its airspace.",
         {("JOR", "ISR", "086")}),
        ("Turkey granted Russian warships permission to pass through the straits.",
         {("TUR", "RUSMIL", "086")}),
        ("Algeria has given France permission to use its airspace.", {("DZA", "FRA", "086")}),
        ("Israel withheld permission from UN investigators.", {("ISR", "IGOUNO", "1245")}),
        ("Israel denied permission to UN investigators.", {("ISR", "IGOUNO", "1245")}),
        # a reminder asks for what is owed: an appeal
        ("China issued a reminder to Japan about its wartime commitments.",
         {("CHN", "JPN", "020")}),
        ("The EU sent a reminder to Poland over the court ruling.",
         {("IGOEUREEC", "POL", "020")}),
        ("Washington reminded Seoul of its treaty obligations.", {("USA", "KOR", "020")}),
        # breaking into computers seizes or damages property (171)
        ("North Korean hackers broke into South Korean bank servers.",
         {("PRKCRM", "KORBUS", "171")}),
        ("Russian military intelligence hacked the email accounts of Ukrainian officials.",
         {("RUSSPY", "UKRGOV", "171")}),
        ("Iran launched a cyberattack on Albanian government websites.",
         {("IRN", "ALBGOV", "171")}),
        ("Chinese spies hacked into the Dutch defence ministry's network.",
         {("CHNSPY", "NLDGOV", "171")}),
        # bans, commitments and embargoes defied (128)
        ("North Korea violated a UN ban on ballistic missile launches.",
         {("PRK", "IGOUNO", "128")}),
        ("Serbia breached its commitments to the European Union.",
         {("SRB", "IGOEUREEC", "128")}),
        ("Venezuela defied a US ban on oil exports.", {("VEN", "USA", "128")}),
        ("Cuba broke the US embargo on oil imports.", {("CUB", "USA", "128")}),
        # legal action and proceedings are lawsuits (115)
        ("South Africa launched proceedings against Israel.", {("ZAF", "ISR", "115")}),
        ("The Philippines brought proceedings against China at a tribunal.",
         {("PHL", "CHN", "115")}),
        ("Mexico took legal action against the United States.", {("MEX", "USA", "115")}),
        # overtures and an outstretched hand: intent to cooperate (030)
        ("Pakistan made overtures to India.", {("PAK", "IND", "030")}),
        ("The new government in Seoul extended a hand to Pyongyang.",
         {("KORGOV", "PRK", "030")}),
        ("Qatar made diplomatic overtures to Bahrain.", {("QAT", "BHR", "030")}),
        # a call paid on someone is a visit; the red carpet rolled out, hosting one
        ("The Chinese ambassador paid a courtesy call on the Nepalese prime minister.",
         {("CHNGOV", "NPLGOV", "042")}),
        ("The envoy paid a call on President Ruto.", {("---GOV", "KENGOV", "042")}),
        ("Morocco's foreign minister paid a call on the Emir of Qatar.",
         {("MARGOV", "QATGOV", "042")}),
        ("Saudi Arabia rolled out the red carpet for the Chinese president.",
         {("SAU", "CHNGOV", "043")}),
        ("India rolled out the red carpet for Putin.", {("IND", "RUSGOV", "043")}),
        ("Beijing rolled out the red carpet for the Brazilian president.",
         {("CHN", "BRAGOV", "043")}),
        # a green light is approval (051)
        ("The EU gave the green light to Ukraine's membership talks.",
         {("IGOEUREEC", "UKR", "051")}),
        ("The US gave Turkey the green light for the jet sale.", {("USA", "TUR", "051")}),
        ("Germany gave the green light to Poland's request.", {("DEU", "POL", "051")}),
        # support verbs carrying an event noun: voiced, delivered, pursued, committed
        ("The African Union voiced condemnation of the coup in Niger.",
         {("IGOAFRAFU", "NER", "111")}),
        ("Turkey delivered a rebuke to Sweden.", {("TUR", "SWE", "111")}),
        ("Israel is pursuing talks with Saudi Arabia.",
         {("ISR", "SAU", "046"), ("SAU", "ISR", "046")}),
        ("Azerbaijan committed aggression against Armenia.", {("AZE", "ARM", "190")}),
        # events named by a modified noun: the weapon says the code
        ("The US carried out a drone strike on al-Shabab militants in Somalia.",
         {("USA", "SOMREB", "195")}),
        ("Houthi rebels launched a drone attack on Saudi oil facilities.",
         {("YEMREB", "SAU", "195")}),
        ("Hezbollah launched a rocket attack on northern Israel.", {("LBNREB", "ISR", "194")}),
        ("al-Shabab carried out a suicide bombing in Mogadishu.", {("SOMREB", "SOM", "1831")}),
        ("Islamist militants carried out a terror attack on Kenyan police.",
         {("KENREB", "KENCOP", "180")}),
        ("A gunman staged a knife attack on French police officers.",
         {("FRAUAF", "FRACOP", "180")}),
        # seeking, hoping or aiming to act is an intent (03x), not an appeal
        ("Egypt sought to improve relations with Qatar.", {("EGY", "QAT", "032")}),
        ("Japan hopes to expand trade with India.", {("JPN", "IND", "0311")}),
        ("Turkey aims to mediate between Russia and Ukraine.",
         {("TUR", "RUS", "039"), ("TUR", "UKR", "039")}),
    ],
)
def test_coverage(code_text, text: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert triples(code_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a statement that judges is coded as its judgement (CAMEO 010 only when nothing
        # more specific fits); the target is what is judged, or whose it is
        ("Turkey said Sweden's decision was a mistake.", {("TUR", "SWE", "111")}),
        ("Germany called the Russian decision unacceptable.", {("DEU", "RUS", "111")}),
        ("The US termed the Venezuelan election a sham.", {("USA", "VEN", "111")}),
        ("China described the US sanctions as illegal.", {("CHN", "USA", "111")}),
        ("Poland described the Belarusian border policy as reckless.",
         {("POL", "BLR", "111")}),
        ("The EU said Hungary's veto was a betrayal.", {("IGOEUREEC", "HUN", "111")}),
        # an expletive "it" stands for the clause that says whose act it is
        ("India said it was unacceptable that Pakistan had shelled the border.",
         {("IND", "PAK", "111")}),
        ("Tokyo said it would be unacceptable for Beijing to change the status quo.",
         {("JPN", "CHN", "111")}),
        # a violation alleged is an accusation; reports called false, a denial
        ("Seoul said the North Korean launch was a clear violation of UN resolutions.",
         {("KOR", "PRK", "112")}),
        ("Moscow said the British reports were false.", {("RUS", "GBR", "016")}),
        ("Brazil said the Argentine accusations were baseless.", {("BRA", "ARG", "016")}),
        # praise, a verbal defence, optimism
        ("Kenya said the Ethiopian proposal was constructive.", {("KEN", "ETH", "051")}),
        ("Russia said the Syrian army's offensive was legitimate.",
         {("RUS", "SYRMIL", "052")}),
        ("Vietnam said the talks with Japan were productive.", {("VNM", "JPN", "013")}),
        # a negated judgement judges nothing
        ("Canada said the Chinese move was not unacceptable.", set()),
    ],
)
def test_evaluations(code_text, text: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert triples(code_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "called on" someone, asking nothing, is a visit
        ("The British ambassador called on the Iranian foreign minister.",
         {("GBRGOV", "IRNGOV", "042")}),
        ("Japan's prime minister called on the Emir of Qatar in Doha.",
         {("JPNGOV", "QATGOV", "042")}),
        ("The French foreign minister called on the Malian president.",
         {("FRAGOV", "MLIGOV", "042")}),
        # ... but asking for something, or someone to act, is an appeal
        ("Israel called on Hamas for restraint.", {("ISR", "PSEREB", "0256")}),
        ("Ghana called on Togo to reopen the border.", {("GHA", "TGO", "0256")}),
        # the wrapped act hung on the wrapper by the parser, after its object and adverbs
        ("The United States called on Belgrade to withdraw its troops.",
         {("USA", "SRB", "0256")}),
        ("Seoul and Tokyo agreed in Tokyo on Thursday to resume regular visits.",
         {("KOR", "JPN", "036"), ("JPN", "KOR", "036")}),
        ("France urged Niger's junta on Monday to free the president.",
         {("FRA", "NERMIL", "0253")}),
        # a wrapped act that codes nothing leaves the wrapper's own object pattern
        ("Greece refused Turkish warships permission to dock.", {("GRC", "TURMIL", "1245")}),
        ("Egypt refused Israeli planes access to land.", {("EGY", "ISR", "1245")}),
        ("Turkey refused the Russian ships permission to sail through the Bosphorus.",
         {("TUR", "RUS", "1245")}),
    ],
)
def test_wrappers_alone(code_text, text: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert triples(code_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an "after" clause is the news when the rest of the sentence reports nothing ...
        ("Markets fell sharply after China imposed tariffs on Australian wine.",
         {("CHN", "AUS", "163")}),
        ("The ruble slumped after the EU froze Russian assets.",
         {("IGOEUREEC", "RUS", "163")}),
        ("Shares in Seoul rose after North Korea agreed to hold talks with South Korea.",
         {("PRK", "KOR", "036")}),
        # ... and background when it does
        ("Poland recalled its ambassador from Minsk after Belarus expelled two Polish "
         "diplomats.",
         {("POL", "BLR", "161")}),
        # an event named by a noun that "took place" is coded from its owner
        ("Putin's visit to Cuba took place on Monday.", {("RUSGOV", "CUB", "042")}),
        ("Macron's visit to Algeria took place in August.", {("FRAGOV", "DZA", "042")}),
        ("The Israeli raid on Jenin took place before dawn.", {("ISR", "PSE", "190")}),
        ("Russia took the place of Germany as China's partner.", set()),
        # missiles fired into the sea are a show of force, not an attack on its shores
        ("North Korea fired an intercontinental ballistic missile into the sea between "
         "South Korea and Japan.", {("PRK", "KOR", "150"), ("PRK", "JPN", "150")}),
        ("Iran launched rockets into the water near a US warship.", {("IRN", None, "150")}),
        ("The Houthis fired missiles at Israeli ships.", {("YEMREB", "ISR", "194")}),
    ],
)
def test_clauses_and_missiles(code_text, text: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert triples(code_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what is asked for is read with its modifiers: "air defence systems" is military aid
        ("Ukraine appealed to NATO for air defence systems.", {("UKR", "IGOWSTNAT", "0232")}),
        ("Sri Lanka appealed to the IMF for emergency loans.", {("LKA", "IGOUNOIMF", "0231")}),
        ("Ukraine asked Germany for military aid.", {("UKR", "DEU", "0232")}),
        # suicide bombers are an armed group of no state, placed by the scene
        ("A suicide bomber attacked a police station in Peshawar.", {("PAKUAF", "PAK", "190")}),
        ("Two suicide bombers attacked a Kenyan army base in Somalia.",
         {("SOMUAF", "KENMIL", "190")}),
        # well-known regions stand for their country
        ("Russia annexed Crimea in 2014.", {("RUS", "UKR", "192")}),
        ("Venezuela threatened to annex Essequibo.", {("VEN", "GUY", "1382")}),
        ("Armenian forces withdrew from Nagorno-Karabakh.", {("ARMMIL", "AZE", "0874")}),
    ],
)
def test_objects_and_places(code_text, text: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert triples(code_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "came under" an attack or criticism: the one after "from" does it to the subject
        ("Ukraine came under attack from Russian drones.", {("RUSMIL", "UKR", "190")}),
        ("Israeli troops came under heavy fire from Hezbollah fighters.",
         {("LBNREB", "ISRMIL", "190")}),
        ("The Kenyan base came under mortar fire from al-Shabab.",
         {("SOMREB", "KEN", "193")}),
        ("Seoul came under criticism from Tokyo.", {("JPN", "KOR", "111")}),
        # with no one named it codes nothing, and what is not suffered is no event
        ("The Sudanese army came under attack.", set()),
        ("Belarus came under the influence of Moscow.", set()),
    ],
)
def test_undergone(code_text, text: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert triples(code_text(text)) == expected
