"""What the bundled dictionaries hold: coverage and spot checks of irinsider/data/.

Whether each file is well formed is `irinsider data check`'s job (tests/test_datacheck.py);
these tests read the files through small local lookups (the package's own loader is tested
in tests/coding/test_actors.py) and check that the names, codes and patterns news needs are there
and mean what they should. Each table is checked in one test that lists every miss.
"""

from __future__ import annotations

import csv
import itertools
from collections import defaultdict
from datetime import date
from functools import cache
from typing import Any

from irinsider.datafiles import DATA_DIR, read_yaml

D = date
COUNTRY_LISTS = ("names", "adjectives", "metonyms", "metonyms_military", "cities")


def rows(name: str) -> Any:
    return read_yaml(DATA_DIR / name)


@cache
def country_index() -> dict[str, set[str]]:
    """Surface string of countries.yaml -> the iso3 codes it names."""
    index: dict[str, set[str]] = defaultdict(set)
    for entry in rows("countries.yaml"):
        texts = [t for field in COUNTRY_LISTS for t in entry.get(field) or []]
        for text in texts + ([entry["capital"]] if entry.get("capital") else []):
            index[text].add(entry["iso3"])
    return index


@cache
def organisation_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for entry in rows("igos.yaml"):
        for text in [*entry["names"], *(entry["adjectives"] or [])]:
            index[text].add(entry["code"])
    return index


def leader_code(alias: str, when: date) -> str | None:
    """Actor code of the person known by `alias` on date `when`, or None (the reading
    described atop leaders.yaml)."""
    (person,) = [p for p in rows("leaders.yaml") if alias in [p["name"], *p["aliases"]]]
    codes = {term.get("igo") or (person["igo"] if person["country"] is None
                                 else person["country"] + term["sector"])
             for term in person["terms"]
             if term["start"] <= when and (term["end"] is None or when < term["end"])}
    # A civilian office wins over a concurrent military one (Musharraf).
    return min(codes, key=lambda c: c.endswith("MIL"), default=None)


@cache
def group_index() -> dict[str, list[dict[str, Any]]]:
    index: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in rows("groups.yaml"):
        for text in dict.fromkeys([entry["name"], *entry["names"]]):
            index[text].append(entry)
    return index


def group_sector(entry: dict[str, Any], when: date) -> str:
    for term in entry.get("terms") or []:
        if (term["start"] is None or term["start"] <= when) and (
                term["end"] is None or when < term["end"]):
            return str(term["sector"])
    return str(entry["sector"])


@cache
def expanded_patterns() -> dict[str, set[str]]:
    """Every verb pattern with its &SETs spelt out -> the codes it is listed under."""
    verbs = rows("verbs.yaml")
    out: dict[str, set[str]] = defaultdict(set)
    for code, patterns in verbs["codes"].items():
        for pattern in patterns:
            choices = [verbs["synsets"][w[1:]] if w.startswith("&") else [w]
                       for w in pattern.split()]
            for combo in itertools.product(*choices):
                out[" ".join(combo)].add(code)
    return out


def derived(kind: str, code: str) -> str:
    """The code a wrapper gives a wrapped action: the longest prefix in its table."""
    table = rows("verbs.yaml")["derive"][kind]
    return next((table[code[:n]] for n in range(len(code), 1, -1) if code[:n] in table),
                table["default"])


@cache
def cameo() -> dict[str, dict[str, str]]:
    with (DATA_DIR / "cameo.csv").open(encoding="utf-8", newline="") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


# ---- countries.yaml ----------------------------------------------------------------------
def test_countries() -> None:
    assert len(rows("countries.yaml")) >= 249
    assert {t: country_index().get(t) for t in COUNTRY_FORMS} == {
        t: {code} for t, code in COUNTRY_FORMS.items()}
    assert [t for t in COUNTRY_AMBIGUOUS if t in country_index()] == []
    assert {e["iso3"]: e.get("cameo") for e in rows("countries.yaml")}["XKX"] == "KSV"


# ---- igos.yaml ---------------------------------------------------------------------------
def test_organisations() -> None:
    assert len(rows("igos.yaml")) >= 60
    assert [t for t in ORGANISATIONS if t not in organisation_index()] == []
    assert {t: organisation_index().get(t) for t in ORGANISATION_FORMS} == {
        t: {code} for t, code in ORGANISATION_FORMS.items()}
    assert [t for t in ORGANISATION_AMBIGUOUS if t in organisation_index()] == []
    parents = {e["code"]: e["parent"] for e in rows("igos.yaml")}
    assert [parents[c] for c in ("IGOUNOGAS", "IGOEUREECCOM", "IGOUNO", "IGOWSTNAT")] == [
        "IGOUNO", "IGOEUREEC", None, None]


# ---- leaders.yaml ------------------------------------------------------------------------
def test_leaders() -> None:
    people = rows("leaders.yaml")
    assert len(people) >= 250
    assert [n for n in LEADERS if n not in {p["name"] for p in people}] == []
    countries = {p["country"] for p in people}
    assert set(COVERED_COUNTRIES) - countries == set()
    igos = {t.get("igo") for p in people for t in p["terms"]} | {p.get("igo") for p in people}
    assert {"IGOUNO", "IGOWSTNAT", "IGOEUREEC"} - igos == set()


def test_leader_codes_by_date() -> None:
    assert {key: leader_code(*key) for key in LEADER_CODES} == LEADER_CODES


# ---- groups.yaml -------------------------------------------------------------------------
def test_groups() -> None:
    assert len(rows("groups.yaml")) >= 150
    assert [t for t in GROUP_AMBIGUOUS if t in group_index()] == []
    assert {t: [(e["country"], e["sector"]) for e in group_index()[t]] for t in GROUP_FORMS} == {
        t: [value] for t, value in GROUP_FORMS.items()}
    assert {t: [e.get("code") for e in group_index()[t]] for t in GROUP_CODES} == {
        t: [code] for t, code in GROUP_CODES.items()}
    historical = {t: [(type(e.get("start")), type(e.get("end"))) for e in group_index()[t]]
                  for t in ("KGB", "Red Army", "Solidarity")}
    assert historical == {t: [(date, date)] for t in historical}


def test_group_sectors_by_date() -> None:
    found = {(t, when): [group_sector(e, when) for e in group_index()[t]]
             for t, when in GROUP_SECTORS_BY_DATE}
    assert found == {key: [sector] for key, sector in GROUP_SECTORS_BY_DATE.items()}


# ---- sectors.yaml ------------------------------------------------------------------------
def test_sector_words() -> None:
    sectors = rows("sectors.yaml")["sectors"]
    assert [(code, word) for code, *words in SECTOR_PAIRS for word in words
            if word not in sectors[code]["words"]] == []


# ---- verbs.yaml --------------------------------------------------------------------------
def test_verb_table() -> None:
    verbs = rows("verbs.yaml")
    assert verbs["version"] == "verbs.v1"
    assert len([p for p, codes in expanded_patterns().items() if "none" not in codes]) >= 2000
    assert {code[:2] for code in verbs["codes"] if code != "none"} == {
        f"{n:02d}" for n in range(1, 21)}
    assert len(verbs["nouns"]) >= 150


def test_verb_patterns() -> None:
    assert {p: expanded_patterns().get(p) for p in VERB_PATTERNS} == {
        p: {code} for p, code in VERB_PATTERNS.items()}


def test_derived_codes() -> None:
    assert {key: derived(*key) for key in DERIVED} == DERIVED


# ---- cameo.csv ---------------------------------------------------------------------------
def test_cameo_table() -> None:
    table = cameo()
    assert len(table) > 300
    assert {code: (table[code]["name"], float(table[code]["goldstein"]), table[code]["plover"],
                   table[code]["plover_mode"]) for code in CAMEO_ROWS} == CAMEO_ROWS
    # A code without a PLOVER line of its own takes its nearest ancestor's.
    assert table["0231"]["plover"] == "REQUEST"  # 023 and 02 have no line: root 02 rule
    assert table["09"]["plover"] == "ACCUSE"  # no root line: its residual code 090
    assert table["175"]["plover"] == "ASSAULT"  # the table's own line beats root 17
    assert table["0813"]["plover"] == "RETREAT"
    assert table["091"]["plover_context"] == "crime;corruption"


# ---- the tables --------------------------------------------------------------------------

COUNTRY_FORMS = {
    "Moscow": "RUS",
    "Kremlin": "RUS",
    "Russian": "RUS",
    "Vietnamese": "VNM",
    "U.S.": "USA",
    "America": "USA",
    "Pentagon": "USA",
    "White House": "USA",
    "Britain": "GBR",
    "Britons": "GBR",
    "Downing Street": "GBR",
    "Élysée": "FRA",
    "North Korean": "PRK",
    "DPRK": "PRK",
    "Pyongyang": "PRK",
    "Korea": "KOR",
    "Havana": "CUB",
    "Filipinos": "PHL",
    "Burma": "MMR",
    "Ivory Coast": "CIV",
    "Congolese": "COD",
    "Dominican": "DOM",
    "Kiev": "UKR",
    "Zhongnanhai": "CHN",
    "Ramallah": "PSE",
    "Kosovo": "XKX",
    "Swaziland": "SWZ",
    "Taipei": "TWN",
    "Hong Kong": "HKG",
    "Macau": "MAC",
}

COUNTRY_AMBIGUOUS = [
    "the States", "European", "Male", "Douglas",
]

ORGANISATIONS = [
    "United Nations", "UN General Assembly", "UN Security Council", "UNHCR", "UNICEF", "WHO",
    "WFP", "FAO", "UNESCO", "IAEA", "ILO", "IMF", "World Bank", "WTO", "ICC", "ICJ", "Interpol",
    "OPCW", "European Union", "European Commission", "European Parliament",
    "Council of the European Union", "ECB", "Council of Europe", "OSCE", "NATO",
    "African Union", "ECOWAS", "SADC", "IGAD", "EAC", "Arab League", "GCC", "OIC", "ASEAN",
    "APEC", "SCO", "BRICS", "G7", "G20", "OAS", "Mercosur", "CARICOM", "CELAC", "ALBA",
    "Commonwealth of Nations", "OPEC", "CIS", "CSTO", "Eurasian Economic Union",
    "Pacific Islands Forum", "SAARC", "ICRC", "Amnesty International", "Human Rights Watch",
    "Médecins Sans Frontières", "Greenpeace",
]

ORGANISATION_FORMS = {
    "UN": "IGOUNO",
    "U.N.": "IGOUNO",
    "UN General Assembly": "IGOUNOGAS",
    "UN Security Council": "IGOUNOSEC",
    "Security Council": "IGOUNOSEC",
    "General Assembly": "IGOUNOGAS",
    "IAEA": "IGOUNOIAE",
    "UNHCR": "IGOUNOHCR",
    "EU": "IGOEUREEC",
    "European Commission": "IGOEUREECCOM",
    "NATO": "IGOWSTNAT",
    "African Union": "IGOAFRAFU",
    "ASEAN": "IGOSEAASN",
    "Organization of American States": "IGOWHMOAS",
    "Arab League": "IGOMEAARL",
    "OPEC": "IGOBUSOPC",
    "ECOWAS": "IGOWAFWAS",
    "Red Cross": "NGOCRC",
    "Human Rights Watch": "NGOHRW",
    "Doctors Without Borders": "NGOMSF",
}

ORGANISATION_AMBIGUOUS = [
    "European", "Commonwealth", "RSF",
]

LEADERS = [
    "Vladimir Putin", "Fidel Castro", "Raúl Castro", "Miguel Díaz-Canel",
    "Bruno Rodríguez Parrilla", "Nguyen Phu Trong", "Nguyen Xuan Phuc", "Kim Jong-il",
    "Kim Jong Un", "Ri Yong-ho", "Bounnhang Vorachith", "Thongloun Sisoulith", "Hu Jintao",
    "Xi Jinping", "Wen Jiabao", "Li Keqiang", "Li Qiang", "Wang Yi", "Bill Clinton",
    "Hillary Clinton", "George W. Bush", "Barack Obama", "Donald Trump", "Joe Biden",
    "Ursula von der Leyen", "António Guterres", "Mark Rutte",
]

# The G20 and the countries of the example articles.
COVERED_COUNTRIES = ("ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR "
                     "GBR USA CUB PRK VNM LAO").split()

# (alias, date) -> the actor code that person has then.
LEADER_CODES = {
    ("Putin", D(2018, 11, 9)): "RUSGOV",
    ("Putin", D(2010, 1, 1)): "RUSGOV",  # as prime minister
    ("Putin", D(1995, 1, 1)): None,
    ("Medvedev", D(2010, 1, 1)): "RUSGOV",
    ("Medvedev", D(2021, 1, 1)): None,
    ("Lavrov", D(2018, 11, 9)): "RUSGOV",
    ("Díaz-Canel", D(2018, 11, 9)): "CUBGOV",
    ("Diaz-Canel", D(2018, 11, 9)): "CUBGOV",
    ("Díaz-Canel", D(2017, 1, 1)): "CUBGOV",  # first vice president
    ("Díaz-Canel", D(2012, 1, 1)): None,
    ("Fidel Castro", D(2005, 1, 1)): "CUBGOV",
    ("Raúl Castro", D(2018, 11, 9)): "CUBGOV",  # first secretary until 2021
    ("Raúl Castro", D(2022, 1, 1)): None,
    ("Bruno Rodríguez", D(2018, 11, 9)): "CUBGOV",
    ("Obama", D(2018, 11, 9)): None,
    ("Obama", D(2012, 6, 1)): "USAGOV",
    ("Trump", D(2018, 11, 9)): "USAGOV",
    ("Trump", D(2022, 6, 1)): None,
    ("Trump", D(2025, 6, 1)): "USAGOV",
    ("Biden", D(2014, 1, 1)): "USAGOV",  # vice president
    ("Biden", D(2018, 1, 1)): None,
    ("Hillary Clinton", D(2010, 1, 1)): "USAGOV",
    ("Hillary Clinton", D(2016, 1, 1)): None,
    ("Bill Clinton", D(2000, 1, 1)): "USAGOV",
    ("Pompeo", D(2018, 11, 9)): "USAGOV",
    ("Mattis", D(2018, 11, 9)): "USAGOV",
    ("Nguyen Phu Trong", D(2018, 11, 9)): "VNMGOV",
    ("Nguyen Phu Trong", D(2024, 8, 1)): None,
    ("Nguyen Xuan Phuc", D(2018, 11, 9)): "VNMGOV",
    ("Kim Jong Un", D(2018, 11, 9)): "PRKGOV",
    ("Kim Jong-un", D(2018, 11, 9)): "PRKGOV",
    ("Kim Jong-il", D(2018, 11, 9)): None,
    ("Kim Jong-il", D(2005, 1, 1)): "PRKGOV",
    ("Ri Yong-ho", D(2018, 11, 9)): "PRKGOV",
    ("Bounnhang Vorachith", D(2018, 11, 9)): "LAOGOV",
    ("Thongloun Sisoulith", D(2018, 11, 9)): "LAOGOV",
    ("Xi Jinping", D(2018, 11, 9)): "CHNGOV",
    ("Wang Yi", D(2018, 11, 9)): "CHNGOV",
    ("Wang Yi", D(2023, 3, 1)): None,  # Qin Gang's months
    ("Merkel", D(2018, 11, 9)): "DEUGOV",
    ("Macron", D(2018, 11, 9)): "FRAGOV",
    ("Abe", D(2018, 11, 9)): "JPNGOV",
    ("Abe", D(2010, 1, 1)): None,
    ("Moon Jae-in", D(2018, 11, 9)): "KORGOV",
    ("Erdoğan", D(2010, 1, 1)): "TURGOV",
    ("Modi", D(2018, 11, 9)): "INDGOV",
    ("Mohammed bin Salman", D(2018, 11, 9)): "SAUGOV",
    ("Guterres", D(2018, 11, 9)): "IGOUNO",
    ("Guterres", D(2000, 1, 1)): "PRTGOV",
    ("Ban Ki-moon", D(2010, 1, 1)): "IGOUNO",
    ("Annan", D(2003, 1, 1)): "IGOUNO",
    ("Stoltenberg", D(2018, 11, 9)): "IGOWSTNAT",
    ("Stoltenberg", D(2010, 1, 1)): "NORGOV",
    ("Mogherini", D(2018, 11, 9)): "IGOEUREEC",
    ("Juncker", D(2018, 11, 9)): "IGOEUREEC",
    ("von der Leyen", D(2018, 11, 9)): "DEUGOV",
    ("von der Leyen", D(2022, 1, 1)): "IGOEUREEC",
    ("Lady Ashton", D(2012, 1, 1)): "IGOEUREEC",
    ("Zelensky", D(2022, 3, 1)): "UKRGOV",
    ("Netanyahu", D(2018, 11, 9)): "ISRGOV",
    ("Assad", D(2018, 11, 9)): "SYRGOV",
    ("Assad", D(2025, 6, 1)): None,
    ("Musharraf", D(2000, 1, 1)): "PAKGOV",
    ("Musharraf", D(1999, 1, 1)): "PAKMIL",  # army chief before the coup
    ("Asim Munir", D(2025, 1, 1)): "PAKMIL",
    ("Orbán", D(2018, 11, 9)): "HUNGOV",
    ("Orban", D(2005, 1, 1)): None,
    ("Lukashenko", D(2020, 8, 10)): "BLRGOV",
    ("Mugabe", D(2010, 1, 1)): "ZWEGOV",
    ("Mugabe", D(2018, 6, 1)): None,
    ("Kagame", D(2018, 11, 9)): "RWAGOV",
    ("Gaddafi", D(2010, 1, 1)): "LBYGOV",
    ("Gaddafi", D(2012, 1, 1)): None,
    ("Haftar", D(2019, 4, 4)): "LBYMIL",
    ("Pinochet", D(1985, 1, 1)): "CHLGOV",
    ("Pinochet", D(1995, 1, 1)): "CHLMIL",  # army chief after 1990
    ("Waldheim", D(1980, 1, 1)): "IGOUNO",
    ("Waldheim", D(1990, 1, 1)): "AUTGOV",
    ("Santer", D(1997, 1, 1)): "IGOEUREEC",
    ("Min Aung Hlaing", D(2018, 11, 9)): "MMRMIL",
    ("Min Aung Hlaing", D(2022, 1, 1)): "MMRGOV",
    ("Suu Kyi", D(2018, 11, 9)): "MMRGOV",
    ("Jacinda Ardern", D(2018, 11, 9)): "NZLGOV",
    ("Sheikh Tamim", D(2018, 11, 9)): "QATGOV",
    ("King Abdullah II", D(2018, 11, 9)): "JORGOV",
    ("Bukele", D(2020, 1, 1)): "SLVGOV",
    ("Tsai Ing-wen", D(2018, 11, 9)): "TWNGOV",
    ("Sánchez Cerén", D(2018, 11, 9)): "SLVGOV",
    ("Aleksandar Vučić", D(2018, 11, 9)): "SRBGOV",
}

GROUP_FORMS = {
    "Hamas": ("PSE", "REB"),
    "Islamic Jihad": ("PSE", "REB"),
    "Fatah": ("PSE", "PTY"),
    "Hezbollah": ("LBN", "REB"),
    "Taliban": ("AFG", "REB"),
    "al-Qaeda": (None, "REB"),
    "al Qaeda": (None, "REB"),
    "Al-Qaeda": (None, "REB"),
    "al-Qaida": (None, "REB"),
    "ISIS": (None, "REB"),
    "ISIL": (None, "REB"),
    "Daesh": (None, "REB"),
    "al-Shabab": ("SOM", "REB"),
    "Boko Haram": ("NGA", "REB"),
    "Houthis": ("YEM", "REB"),
    "Ansar Allah": ("YEM", "REB"),
    "PKK": ("TUR", "REB"),
    "YPG": ("SYR", "REB"),
    "SDF": ("SYR", "REB"),
    "FARC": ("COL", "REB"),
    "ELN": ("COL", "REB"),
    "Shining Path": ("PER", "REB"),
    "Tamil Tigers": ("LKA", "REB"),
    "LTTE": ("LKA", "REB"),
    "Lord's Resistance Army": ("UGA", "REB"),
    "M23": ("COD", "REB"),
    "RSF": ("SDN", "REB"),
    "SPLM": ("SSD", "PTY"),
    "UNITA": ("AGO", "OPP"),
    "RENAMO": ("MOZ", "OPP"),
    "Polisario": ("ESH", "REB"),
    "IRA": ("GBR", "REB"),
    "ETA": ("ESP", "REB"),
    "Wagner Group": ("RUS", "UAF"),
    "Muslim Brotherhood": ("EGY", "OPP"),
    "Hayat Tahrir al-Sham": ("SYR", "REB"),
    "Jaish-e-Mohammed": ("PAK", "REB"),
    "Lashkar-e-Taiba": ("PAK", "REB"),
    "Abu Sayyaf": ("PHL", "REB"),
    "Janjaweed": ("SDN", "UAF"),
    "Kosovo Liberation Army": ("XKX", "REB"),
    "United Russia": ("RUS", "PTY"),
    "Chinese Communist Party": ("CHN", "PTY"),
    "CCP": ("CHN", "PTY"),
    "Communist Party of Cuba": ("CUB", "PTY"),
    "Communist Party of Vietnam": ("VNM", "PTY"),
    "Workers' Party of Korea": ("PRK", "PTY"),
    "BJP": ("IND", "PTY"),
    "Congress Party": ("IND", "PTY"),
    "ANC": ("ZAF", "PTY"),
    "Likud": ("ISR", "PTY"),
    "Labour Party": ("GBR", "PTY"),
    "Conservative Party": ("GBR", "PTY"),
    "Tories": ("GBR", "PTY"),
    "Democratic Party": ("USA", "PTY"),
    "Republican Party": ("USA", "PTY"),
    "Democrats": ("USA", "PTY"),
    "Republicans": ("USA", "PTY"),
    "AKP": ("TUR", "PTY"),
    "CHP": ("TUR", "PTY"),
    "ZANU-PF": ("ZWE", "PTY"),
    "MDC": ("ZWE", "OPP"),
    "Kuomintang": ("TWN", "PTY"),
    "KMT": ("TWN", "PTY"),
    "DPP": ("TWN", "PTY"),
    "Solidarity": ("POL", "OPP"),
    "CIA": ("USA", "SPY"),
    "FBI": ("USA", "COP"),
    "NSA": ("USA", "SPY"),
    "KGB": ("RUS", "SPY"),
    "FSB": ("RUS", "SPY"),
    "GRU": ("RUS", "SPY"),
    "Mossad": ("ISR", "SPY"),
    "MI6": ("GBR", "SPY"),
    "ISI": ("PAK", "SPY"),
    "Red Army": ("RUS", "MIL"),
    "People's Liberation Army": ("CHN", "MIL"),
    "PLA": ("CHN", "MIL"),
    "IRGC": ("IRN", "MIL"),
    "Revolutionary Guards": ("IRN", "MIL"),
}

GROUP_SECTORS_BY_DATE = {
    ("Taliban", D(1995, 1, 1)): "REB",
    ("Taliban", D(1998, 6, 1)): "GOV",
    ("Taliban", D(2001, 12, 7)): "REB",
    ("Taliban", D(2010, 6, 1)): "REB",
    ("Taliban", D(2021, 8, 15)): "GOV",
    ("Taliban", D(2024, 1, 1)): "GOV",
    ("Hayat Tahrir al-Sham", D(2020, 1, 1)): "REB",
    ("Hayat Tahrir al-Sham", D(2025, 1, 1)): "GOV",
    ("RSF", D(2020, 1, 1)): "MIL",
    ("RSF", D(2023, 5, 1)): "REB",
    ("UNITA", D(1990, 1, 1)): "REB",
    ("UNITA", D(2010, 1, 1)): "OPP",
    ("Khmer Rouge", D(1977, 1, 1)): "GOV",
    ("Khmer Rouge", D(1985, 1, 1)): "REB",
    ("FSLN", D(1978, 1, 1)): "REB",
    ("FSLN", D(2010, 1, 1)): "PTY",
}

GROUP_CODES = {
    "al-Qaeda": "IMGMOSALQ",
    "ISIS": "IMGMOSISL",
    "AQIM": "IMGMOSAQM",
}

GROUP_AMBIGUOUS = [
    "Pentagon", "Congress", "Workers' Party", "Mafia", "IS", "RAF Red Army Faction", "PTI",
]

SECTOR_PAIRS = [
    ("GOV", "government", "governments"), ("GOV", "minister", "ministers"),
    ("GOV", "official", "officials"), ("GOV", "spokesman", "spokesmen"),
    ("GOV", "diplomat", "diplomats"), ("GOV", "embassy", "embassies"),
    ("GOV", "foreign minister", "foreign ministers"), ("MIL", "soldier", "soldiers"),
    ("MIL", "troop", "troops"), ("MIL", "air force", "air forces"),
    ("MIL", "general", "generals"), ("COP", "policeman", "policemen"),
    ("COP", "police officer", "police officers"), ("JUD", "judge", "judges"),
    ("JUD", "attorney general", "attorneys general"), ("LEG", "lawmaker", "lawmakers"),
    ("LEG", "mp", "mps"), ("LEG", "member of parliament", "members of parliament"),
    ("REB", "rebel", "rebels"), ("REB", "militant", "militants"), ("UAF", "gunman", "gunmen"),
    ("UAF", "militia", "militias"), ("OPP", "dissident", "dissidents"),
    ("BUS", "company", "companies"), ("BUS", "businessman", "businessmen"),
    ("MED", "journalist", "journalists"), ("MED", "newspaper", "newspapers"),
    ("CVL", "civilian", "civilians"), ("CVL", "protester", "protesters"),
    ("CVL", "woman", "women"), ("CVL", "child", "children"), ("EDU", "student", "students"),
    ("EDU", "university", "universities"), ("REL", "cleric", "clerics"),
    ("REL", "clergyman", "clergymen"), ("HLH", "doctor", "doctors"),
    ("LAB", "worker", "workers"), ("REF", "refugee", "refugees"), ("SPY", "spy", "spies"),
    ("NGO", "charity", "charities"), ("AGR", "fisherman", "fishermen"),
    ("CRM", "thief", "thieves"), ("CRM", "smuggler", "smugglers"),
]

VERB_PATTERNS = {
    "withdraw * troop": "0874",
    "withdraw": "0874",
    "pull out": "0874",
    "withdraw * aid": "162",
    "withdraw * loan": "1621",
    "withdraw * ambassador": "161",
    "withdraw * peacekeeper": "1661",
    "withdraw * plan": "0832",
    "withdraw +from treaty": "160",
    "withdraw +from talk": "164",
    "restore * tie": "050",
    "establish * tie": "054",
    "sever * tie": "161",
    "expel * diplomat": "161",
    "expel * journalist": "174",
    "expel * inspector": "1662",
    "expel * villager": "201",
    "hold * talk": "046",
    "hold * meeting": "040",
    "hold * press": "010",
    "hold * joint": "062",
    "hold * drill": "150",
    "hold * vigil": "017",
    "meet": "040",
    "meet * demand": "080",
    "visit": "042",
    "host": "043",
    "mediate": "045",
    "say": "010",
    "praise": "051",
    "welcome": "051",
    "criticise": "111",
    "criticize": "111",
    "condemn": "111",
    "accuse": "112",
    "accuse +of corruption": "1121",
    "accuse +of espionage": "1125",
    "deny": "016",
    "reject * allegation": "016",
    "apologise": "055",
    "sign * treaty": "057",
    "strike * deal": "057",
    "declare * ceasefire": "0871",
    "declare * truce": "0871",
    "violate * ceasefire": "196",
    "lift * sanction": "085",
    "impose * sanction": "163",
    "impose * curfew": "1723",
    "impose * martial": "1724",
    "lift * curfew": "0813",
    "release * prisoner": "0841",
    "release * statement": "010",
    "call off * strike": "082",
    "go +on strike": "143",
    "stage * hunger": "142",
    "send * weapon": "072",
    "send * peacekeeper": "074",
    "send * food": "073",
    "send * aid": "070",
    "lend": "071",
    "grant * asylum": "075",
    "mobilise": "154",
    "deploy * troop": "154",
    "deploy * police": "153",
    "arrest": "173",
    "deport": "174",
    "crack down": "175",
    "kidnap": "181",
    "torture": "1822",
    "detonate * car": "1832",
    "assassinate": "186",
    "attack": "190",
    "shell": "194",
    "bomb": "195",
    "carry out * airstrike": "195",
    "open * fire": "190",
    "occupy": "192",
    "besiege": "191",
    "massacre": "202",
    "use * chemical": "2041",
    "investigate": "090",
    "veto": "129",
    "defy": "128",
    "sue": "115",
    "resign": "0831",
    "protest": "141",
    "riot": "145",
    "threaten * sanction": "1312",
    "issue * ultimatum": "139",
    "fire * minister": "none",
    "take * step": "none",
}

DERIVED = {
    ("intent", "0874"): "0356",
    ("intent", "061"): "0311",
    ("intent", "072"): "0332",
    ("intent", "046"): "036",
    ("intent", "0871"): "0871",
    ("intent", "190"): "1384",
    ("intent", "163"): "1312",
    ("appeal", "046"): "026",
    ("appeal", "0841"): "0253",
    ("appeal", "0871"): "0256",
    ("appeal", "163"): "113",
    ("demand", "0874"): "1056",
    ("demand", "0831"): "1041",
    ("threaten", "163"): "1312",
    ("threaten", "161"): "1313",
    ("threaten", "192"): "1382",
    ("refuse", "046"): "125",
    ("refuse", "085"): "1244",
    ("refuse", "010"): "011",
    ("refuse", "112"): "016",
    ("intent", "999"): "030",
}

CAMEO_ROWS = {
    "010": ("Make statement", 0.0, "", ""),
    "0231": ("Appeal for economic aid", 3.4, "REQUEST", ""),
    "042": ("Make a visit", 1.9, "CONSULT", "visit"),
    "046": ("Engage in negotiation", 7.0, "CONSULT", ""),
    "057": ("Sign formal agreement", 8.0, "SUPPORT", ""),
    "072": ("Provide military aid", 8.3, "AID", ""),
    "0874": ("Retreat or surrender militarily", 10.0, "RETREAT", "disarm"),
    "091": ("Investigate crime, corruption", -2.0, "ACCUSE", "investigate"),
    "116": ("Find guilty or liable (legally)", -2.0, "ACCUSE", "disapprove"),
    "1312": ("Threaten with sanctions, boycott, embargo", -5.8, "THREATEN", "restrict"),
    "163": ("Impose embargo, boycott, or sanctions", -8.0, "COERCE", "restrict"),
    "173": ("Arrest, detain, or charge with legal action", -5.0, "COERCE", "arrest"),
    "190": ("Use conventional military force", -10.0, "ASSAULT", ""),
    "193": ("Fight with small arms and light weapons", -10.0, "ASSAULT", "firearms"),
    "2042": ("Detonate nuclear weapons", -10.0, "ASSAULT", "unconventional"),
}
