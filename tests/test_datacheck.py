"""The data file validators (irinsider.datacheck) and `irinsider data check`.

Each bundled file passes its validator. For each validator, one hand-made file holds a
problem of every kind the validator knows, and the test checks that all of them are
reported at once, each with its line.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from irinsider.cli import main
from irinsider.datacheck import (
    VALIDATORS,
    bundled_files,
    check_actors,
    check_agents,
    check_cameo,
    check_countries,
    check_file,
    check_groups,
    check_igos,
    check_leaders,
    check_sectors,
    check_topics,
    check_verbs,
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems(found: list[str], path: Path) -> list[str]:
    """The problems without the file name: "LINE: what", or "what" for the whole file."""
    prefix = f"{path}:"
    assert all(p.startswith(prefix) for p in found), found
    return [p[len(prefix):].lstrip() for p in found]


# ---- the bundled files -------------------------------------------------------------------
@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.name)
def test_bundled_file_passes(path: Path) -> None:
    assert check_file(path) == []


def test_every_bundled_file_has_a_validator() -> None:
    assert [p.name for p in bundled_files() if p.name not in VALIDATORS] == []


# ---- reading -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such dictionary file"),
        (b"\x89PNG\r\n\x1a\n\x00\xff\xfe", "not UTF-8 text"),
        (b"- a\n- [b, c\n", "3: not valid YAML (while parsing a flow sequence)"),
        (b"a: 1\n\x00\n", "not valid YAML (unacceptable character #x0000: control characters "
                          "are not allowed)"),
        (b"a: !!int abc\n", "not valid YAML (invalid literal for int() with base 10: 'abc')"),
        (b"a: !!python/object:os.system x\n", "1: not valid YAML (could not determine a "
                                             "constructor for the tag "
                                             "'tag:yaml.org,2002:python/object:os.system')"),
    ],
)
def test_unreadable_file_is_one_problem(tmp_path: Path, content: bytes | None,
                                        problem: str) -> None:
    path = tmp_path / "leaders.yaml"
    if content is not None:
        path.write_bytes(content)
    assert problems(check_leaders(path), path) == [problem]


def test_a_folder_is_one_problem(tmp_path: Path) -> None:
    assert check_file(tmp_path) == [f"{tmp_path}: cannot be read (Is a directory)"]


@pytest.mark.parametrize("check", [check_countries, check_igos, check_leaders, check_groups])
def test_a_list_file_that_is_no_list(tmp_path: Path, check) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "x.yaml", "a: 1\n")
    (found,) = problems(check(path), path)
    assert found.startswith("expected a list of ") and found.endswith(", found a mapping")


def test_a_date_that_does_not_exist_is_named_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "groups.yaml", """
        - name: Grey Company
          names: [Grey Company]
          country: GBR
          sector: REB
          start: 2001-02-30
        """)
    assert problems(check_groups(path), path) == [
        "5: start '2001-02-30' is not a YYYY-MM-DD date"]


# ---- one file a validator, every kind of problem in it -----------------------------------
def test_countries(tmp_path: Path) -> None:
    path = write(tmp_path, "countries.yaml", """
        - iso3: RUS
          name: Russia
          names: [Russia, Russian Federation, Russia]
          adjectives: [Russian, the Russians]
          capital: Moscow
          cameo: RUS
        - iso3: UKR
          name: Ukraine
          names: [Kyiv Rus, "Ukraine  Proper"]
          adjectives: [russian]
          capital: Moscow
          cities: Lviv
          flag: blue and yellow
        - iso3: ABC
          name: ""
          names: []
          adjectives: [Abc]
          capital: 5
          cameo: abc
        - iso3: XKX
          name: Kosovo
          names: [Kosovo]
          adjectives: [Kosovar]
          capital: Pristina
          cameo: UKR
        - just text
        - iso3: RUS
          iso3: RUS
        """)
    found = problems(check_countries(path), path)
    assert found[0].startswith("no entry for 247 code(s): ABW, AFG, AGO, ")
    assert found[1:] == [
        "3: names: 'Russia' is repeated within the entry",
        "4: adjectives: 'the Russians' starts with 'the'",
        "6: cameo RUS is the iso3 code; give cameo only where it differs",
        "8: name 'Ukraine' is not among names",
        "9: names: 'Ukraine  Proper' has extra spaces",
        "10: adjectives: 'russian' differs only in case from 'Russian' of RUS (line 1)",
        "11: capital: 'Moscow' is also RUS's (line 1)",
        "12: cities must be a list, found the text 'Lviv'",
        "13: unknown field 'flag'",
        "14: iso3 ABC is not an ISO 3166-1 alpha-3 code",
        "15: name must be text, found empty text",
        "16: names must be a non-empty list, found an empty list",
        "18: capital must be text or null, found 5",
        "19: cameo 'abc' is not three capital letters",
        "25: cameo UKR of XKX is the iso3 code of another entry (line 7)",
        "26: expected a mapping of fields, found the text 'just text'",
        "27: missing field(s): adjectives, capital, name, names",
        "28: 'iso3' is given twice in one mapping; the last counts",
        "28: iso3 RUS repeats the entry on line 1",
    ]


def test_igos(tmp_path: Path) -> None:
    path = write(tmp_path, "igos.yaml", """
        - code: IGOUNO
          name: United Nations
          names: [United Nations, UN, the UN]
          adjectives: [European]
          parent: null
        - code: IGOUNOSEC
          name: Security Council
          names: [UN, Moscow]
          adjectives: []
          parent: IGOUNO
        - code: IGOXXXABC
          name: Body
          names: [Body]
          adjectives: []
          parent: IGOWLDZZZ
        - code: NGOWORLD
          name: ""
          names: Relief
          adjectives: []
          parent: IGOUNO
        - code: igo
          name: Lower
          names: [Lower]
          parent: [IGOUNO]
        - code: IGOUNO
          name: Again
          names: [Again]
          adjectives: []
          parent: IGOUNO
        - code: IGOEURECB
          name: Bank
          names: [Bank]
          adjectives: []
          parent: IGOUNO
          seat: Frankfurt
        """)
    assert problems(check_igos(path), path) == [
        "3: names: 'the UN' starts with 'the'",
        "4: adjectives: 'European' is a geographic adjective",
        "8: names: 'UN' is also IGOUNO's (line 1)",
        "8: names: 'Moscow' is a name in countries.yaml",
        "15: parent IGOWLDZZZ is no organisation's code",
        "16: code NGOWORLD does not extend its parent's code IGOUNO",
        "16: code NGOWORLD: an NGO code is NGO and 3 letters",
        "17: name must be text, found empty text",
        "18: names must be a non-empty list, found the text 'Relief'",
        "20: parent: an NGO (NGOWORLD) has none",
        "21: missing field(s): adjectives",
        "21: code 'igo' is not IGO or NGO and 3 to 9 capital letters",
        "24: parent must be a code or null, found a list",
        "25: code IGOUNO repeats the entry on line 1",
        "29: parent IGOUNO is the entry itself",
        "30: code IGOEURECB does not extend its parent's code IGOUNO",
        "35: unknown field 'seat'",
    ]


LEADERS = """
    - name: Ivan Petrov
      aliases: [Petrov, Petrov, Ivan Petrov, " Vanya"]
      country: RUS
      terms:
        - {role: president, sector: GOV, start: 2000-05-07, end: 2008-05-07}
        - {role: president, sector: GOV, start: 2004-05-07, end: null}
        - {role: prime minister, sector: GOV, start: 2010-01-01, end: 2009-01-01}
        - {role: tsar, sector: MIL, start: 1940-01-01, end: 1945-01-01}
        - {role: army chief, sector: BUS, start: 2001-02-30, end: null, approx: yes}
    - name: Olga Petrov
      aliases: [petrov, troops, Moscow]
      country: XYZ
      igo: IGOUNO
      terms: []
    - name: Ivan Petrov
      aliases: []
      country: null
      terms:
        - {role: secretary-general, sector: GOV, start: 2010-01-01, end: null, igo: IGOWSTNAT,
           note: ""}
        - {role: president, start: 2030-01-01, end: null, igo: IGOXXX, term: 2}
    - name: Kim Ho
      aliases: [Kim]
      country: PRK
      terms:
        - {role: president, sector: GOV, start: 2000-01-01, end: null}
        - {role: foreign minister, sector: GOV, start: 2001-01-01, end: 2002-01-01, igo: IGOUNO}
        - {role: army chief, sector: MIL, start: 2001-01-01, end: 2002-01-01, approx: false}
    - name: Lee Kim
      aliases: []
      country: KOR
      party: X
      terms: [just text, {role: president, sector: GOV, start: 2001-01-01}]
    """


OFFICES = """
    - name: Arben Kelmendi
      aliases: []
      country: XKX
      terms:
        - {role: interior minister, sector: GOV, start: 2010-01-01, end: 2012-01-01}
        - {role: opposition leader, sector: OPP, start: 2012-01-01, end: 2015-01-01}
        - {role: rebel leader, sector: GOV, start: 2015-01-01, end: 2016-01-01}
        - {role: speaker, sector: LEG, start: 2016-01-01, end: null}
    - name: Abu Omar al-Tunisi
      aliases: []
      country: null
      igo: IMGMOSALQ
      terms:
        - {role: rebel leader, sector: REB, start: 2001-01-01, end: 2005-01-01}
        - {role: militia leader, sector: UAF, start: 2005-01-01, end: 2006-01-01}
    - name: Grace Achieng
      aliases: []
      country: KEN
      terms:
        - {role: director-general, sector: GOV, start: 2017-07-01, end: null, igo: IGOUNOWHO}
    """


def test_leaders_beyond_heads_of_government(tmp_path: Path) -> None:
    # ministers, speakers, the opposition, armed groups and organisations' officials, each
    # role with its sector; Kosovo's user-assigned code; a transnational group's code
    path = write(tmp_path, "leaders.yaml", OFFICES)
    assert problems(check_leaders(path), path) == [
        "7: sector GOV is not for a rebel leader (REB)",
    ]


def test_leaders(tmp_path: Path) -> None:
    path = write(tmp_path, "leaders.yaml", LEADERS)
    assert problems(check_leaders(path), path) == [
        "2: aliases: 'Ivan Petrov' repeats the name",
        "2: aliases: ' Vanya' is empty or has spaces around it",
        "2: aliases: 'Petrov' is repeated",
        "2: one-word alias 'Petrov' is also the surname of Olga Petrov",
        "6: this president term overlaps the one on line 5",
        "7: the term ends (2009-01-01) before it starts (2010-01-01)",
        "8: role 'tsar' is not one of the roles listed atop leaders.yaml",
        "8: sector MIL is not for a tsar (GOV)",
        "8: start 1940-01-01 is before 1950-01-01",
        "9: sector BUS of a leader is one of GOV, LEG, MIL, OPP, PTY, REB, UAF",
        "9: start '2001-02-30' is not a YYYY-MM-DD date",
        "11: 'troops' is a sector word",
        "11: 'Moscow' is a name in countries.yaml",
        "11: 'petrov' also names Ivan Petrov (line 2)",
        "12: country 'XYZ' is not an ISO 3166-1 alpha-3 code",
        "13: igo is only for a person whose country is null",
        "14: terms must be a non-empty list, found an empty list",
        "15: name 'Ivan Petrov' repeats the person on line 1",
        "15: country null needs igo, the code of an organisation of igos.yaml or of a group "
        "of no country in groups.yaml",
        "20: note must be text, found empty text",
        "21: missing field(s): sector",
        "21: unknown field 'term'",
        "21: igo 'IGOXXX' is no organisation of igos.yaml or group of no country in "
        "groups.yaml",
        "21: start 2030-01-01 is more than a year ahead",
        "21: this term makes the person IGOXXX while the one on line 19 makes them IGOWSTNAT",
        "23: one-word alias 'Kim' is also the surname of Lee Kim",
        "27: this term makes the person IGOUNO while the one on line 26 makes them PRKGOV",
        "28: approx is true or left out, not False",
        "32: unknown field 'party'",
        "33: a term must be a mapping, found the text 'just text'",
        "33: missing field(s): end",
    ]


def test_groups(tmp_path: Path) -> None:
    path = write(tmp_path, "groups.yaml", """
        - name: Red Brigade
          names: [Red Brigade, the Brigade, "Red  Brigade", Red Brigade]
          country: ITA
          sector: REB
          start: 1970-01-01
          end: 1960-01-01
          note: ""
        - name: Blue Front
          names: [Red Brigade, Moscow, troops, MOSCOW, Putin, NATO]
          country: null
          sector: XXX
        - name: Green Army
          names: [Green Army]
          country: ZZZ
          code: IMGXXXGRN
          sector: MIL
          terms:
            - {sector: GOV, start: 1990-01-01, end: 1995-01-01}
            - {sector: REB, start: 1994-01-01, end: null}
            - {sector: ZZZ, start: null, end: 1980-01-01, until: 1}
        - name: Old Guard
          names: [Guard]
          country: null
          code: IMGMOSGRD
          sector: REB
          terms:
            - {sector: GOV, start: 1990-01-01, end: 1980-01-01}
        - name: New Guard
          names: [New Guard, GUARD]
          country: null
          code: IMGMOSGRD
          sector: REB
          terms: []
          leader: X
        - name: Blue Front
          names: [Blue Front]
        """)
    assert problems(check_groups(path), path) == [
        "2: names: 'the Brigade' starts with 'the'",
        "2: names: 'Red  Brigade' has extra spaces",
        "2: names: 'Red Brigade' is repeated within the entry",
        "6: the entry ends (1960-01-01) before it starts (1970-01-01)",
        "7: note must be text, found empty text",
        "8: name 'Blue Front' is not among names",
        "8: a group without a country needs a code (IMG or NGO and 3 to 9 capital letters), "
        "found nothing",
        "9: names: 'Red Brigade' is also Red Brigade's (line 1)",
        "9: names: 'troops' is a sector word",
        "9: names: 'Moscow' is a name in countries.yaml",
        "9: names: 'MOSCOW' is a name in countries.yaml in capitals",
        "9: names: 'Putin' is a name in leaders.yaml",
        "9: names: 'NATO' is a name in igos.yaml",
        "11: sector 'XXX' is not a code of sectors.yaml",
        "14: country 'ZZZ' is not an ISO 3166-1 alpha-3 code",
        "15: code is only for a group whose country is null",
        "19: this term starts (1994-01-01) before the one above ends (1995-01-01)",
        "20: unknown field 'until'",
        "20: sector 'ZZZ' is not a code of sectors.yaml",
        "20: only the first term may start open and only the last end open",
        "21: name 'Old Guard' is not among names",
        "22: names: 'Guard' in capitals is a name of 'New Guard'",
        "27: the term ends (1980-01-01) before it starts (1990-01-01)",
        "31: code IMGMOSGRD repeats the entry on line 21",
        "33: terms must be a non-empty list, found an empty list",
        "34: unknown field 'leader'",
        "35: missing field(s): country, sector",
        "35: name 'Blue Front' repeats the entry on line 8",
    ]


def test_sectors(tmp_path: Path) -> None:
    path = write(tmp_path, "sectors.yaml", """
        sectors:
          GOV:
            name: government
            words: [government, governments, official, officials, Minister, "  envoy", envoys,
                    kremlin, official]
          MIL:
            name: ""
            words: [soldier, soldiers, troop, troops, government, tank]
          NO:
            name: none
            words: [none]
          Cop:
            name: police
            words: police
          XYZ: just text
          REB:
            name: rebels
            words: [rebel, rebels]
            note: x
        other: 1
        """)
    assert problems(check_sectors(path), path) == [
        "1: missing sector code(s): AGR, BUS, COP, CRM, CVL, EDU, ELI, ENV, HLH, JUD, LAB, LEG, "
        "MED, NGO, OPP, REF, REL, SPY, UAF",
        "4: word 'Minister' is not lowercase letters, single spaces, - or '",
        "4: word '  envoy' is not lowercase letters, single spaces, - or '",
        "4: word 'official' is repeated within the sector",
        "4: word 'Minister' has no plural in the sector",
        "5: word 'kremlin' is a proper noun: it belongs to countries.yaml",
        "5: word 'kremlin' has no plural in the sector",
        "7: name must be text, found empty text",
        "8: word 'government' is also GOV's (line 2)",
        "8: word 'government' has no plural in the sector",
        "8: word 'tank' has no plural in the sector",
        '9: sector code NO is not read as text; quote it: "NO"',
        "11: word 'none' has no plural in the sector",
        "12: sector code 'Cop' is not three capital letters",
        "14: words must be a non-empty list, found the text 'police'",
        "15: expected name and words, found the text 'just text'",
        "19: unknown field 'note'",
        "20: unknown field 'other'",
    ]


def test_agents(tmp_path: Path) -> None:
    path = write(tmp_path, "agents.yaml", """
        agents:
          - group
          - groups
          - Network
          - group
          - troops
          - " cell"
          - 5
        version: 1
        """)
    assert problems(check_agents(path), path) == [
        "4: agents: 'Network' is not a lowercase word",
        "5: agents: 'group' is repeated",
        "6: agents: 'troops' is a sector word of sectors.yaml",
        "7: agents: ' cell' is not a lowercase word",
        "8: agents: 5 is not text",
        "9: unknown field 'version'",
    ]


def test_verbs(tmp_path: Path) -> None:
    path = write(tmp_path, "verbs.yaml", """
        version: verbs.1
        synsets:
          TROOPS: [troop, soldier, troop]
          SPARE: [spare]
          BAD: [Tank, 5]
        codes:
          "0874":
            - withdraw * &TROOPS
            - withdraw * &TANKS
            - pull out
          "087":
            - withdraw * troop
            - hold
            - Withdraw
          010:
            - say
          "999":
            - meet
            - pull out
          "040": meet
          none:
            - fire * minister
            - fire
            - urge
        intent: [agree, "promise to"]
        appeal: [urge, urge]
        demand: []
        threaten: [threaten]
        refuse: [refuse, agree]
        derive:
          intent: {"default": "030", "087": "0356", "08": 35}
          appeal: {"default": "130", "999": "020"}
          demand: {"07": "107"}
          threaten: {"default": "130"}
          refuse: {default: "120"}
          hope: {default: "030"}
        nouns:
          visit: "042"
          talks round: "046"
          big summit meeting: "040"
          Crisis: "999"
        light: [launch, "carry out an"]
        extra: 1
        """)
    assert problems(check_verbs(path), path) == [
        "1: version must read verbs.vN, found the text 'verbs.1'",
        "3: set TROOPS repeats 'troop'",
        "4: set SPARE is used by no pattern",
        "5: set BAD: 'Tank' is not a lowercase word",
        "5: set BAD: 5 is not a lowercase word",
        "5: set BAD is used by no pattern",
        "9: pattern 'withdraw * &TANKS' uses unknown set(s) &TANKS",
        "12: pattern 'withdraw * troop' under 087: 'withdraw * troop' is also read by "
        "'withdraw * &TROOPS' under 0874 (line 8)",
        "13: pattern 'hold' under 087: this verb never stands alone",
        "14: pattern 'Withdraw' under 087 does not read as VERB [PARTICLE] [* OBJECT] "
        "[+PREP OBJECT]",
        '15: code 010 is not read as text; quote it: "010"',
        "17: code 999 is not in the CAMEO table",
        "19: pattern 'pull out' is written twice: also under 0874 (line 10)",
        "20: code 040: expected a list of patterns, found the text 'meet'",
        "26: appeal: 'urge' is also a bare pattern; a wrapper's reading comes from derive",
        "26: appeal: 'urge' is also listed under appeal",
        "27: demand is empty",
        "29: refuse: 'agree' is also listed under intent",
        "31: derive intent: 08 -> 35 is not a CAMEO code (quoted)",
        "32: derive appeal: default 130 is not of the 02 family",
        "32: derive appeal: key 999 is not a CAMEO code",
        "33: derive demand needs a default",
        "36: unknown field 'hope'",
        "40: noun 'big summit meeting' is not one or two lowercase words",
        "41: noun 'Crisis' is not one or two lowercase words",
        "41: noun Crisis: '999' is not a CAMEO code (quoted)",
        "42: light: 'carry out an' is not 'verb' or 'verb particle'",
        "43: unknown field 'extra'",
    ]


def test_verbs_unwrapped_and_evaluations(tmp_path: Path) -> None:
    # what a wrapper means alone, and the words and verbs that judge
    path = write(tmp_path, "verbs.yaml", """
        version: verbs.v1
        synsets:
          TROOPS: [troop]
        codes:
          "0874": [withdraw * &TROOPS]
        intent: [agree]
        appeal: [call on, urge]
        demand: [demand]
        threaten: [threaten]
        refuse: [refuse]
        derive:
          intent: {default: "030"}
          appeal: {default: "020"}
          demand: {default: "100"}
          threaten: {default: "130"}
          refuse: {default: "120"}
        nouns: {visit: "042"}
        unwrapped:
          call on: "042"
          pay for: "071"
          urge: "999"
        evaluations:
          judges: [term, Call]
          words:
            unacceptable: "111"
            war crime: "1124"
            Sham: "111"
            false: "016"
            mistake: "999"
          verbs: [say]
        undergone:
          attack: "190"
          Fire: "999"
        """)
    assert problems(check_verbs(path), path) == [
        "20: unwrapped: 'pay for' is not a wrapper of the table",
        "21: unwrapped urge: '999' is not a CAMEO code (quoted)",
        "23: evaluations: judge 'Call' is not a lowercase verb",
        "27: evaluation 'Sham' is not one or two lowercase words",
        "28: evaluation False is not one or two lowercase words",
        "29: evaluation mistake: '999' is not a CAMEO code (quoted)",
        "30: unknown field 'verbs'",
        "33: noun 'Fire' is not one or two lowercase words",
        "33: noun Fire: '999' is not a CAMEO code (quoted)",
    ]


def test_topics(tmp_path: Path) -> None:
    path = write(tmp_path, "topics.yaml", """
        version: topics-1
        political_sectors: [GOV, XXX, GOV]
        company_words: [air, Airways, "holding company"]
        topics:
          sport:
            cues: [football, "world  cup", football, 7]
            acts: [beat, "knock out"]
            routine: []
            people: [captain, Coach]
            private: yes
            toll: maybe
          weather:
            cues: [forecast, football]
            acts: []
            routine: [COP, JJJ]
            private: false
          crime: []
        verbal_fight:
          verbs: [clash]
          code: 110
          cues: []
          force_words: [troops]
        mood: calm
        """)
    assert problems(check_topics(path), path) == [
        "1: version must read topics.vN, found the text 'topics-1'",
        "2: political_sectors: 'XXX' is not a code of sectors.yaml",
        "2: political_sectors: GOV is repeated",
        "3: company_words: 'Airways' is not lowercase and single-spaced",
        "3: company_words: 'holding company' is not one word",
        "6: cues: 'world  cup' is not lowercase and single-spaced",
        "6: cues: 7 is not text",
        "6: cues: 'football' is repeated",
        "7: acts: 'knock out' is not one word",
        "9: people: 'Coach' is not lowercase and single-spaced",
        "11: toll must be true or false, found the text 'maybe'",
        "12: missing field(s): toll",
        "13: cue 'football' is also a cue of sport (line 6)",
        "15: routine: 'JJJ' is not a code of sectors.yaml",
        "17: topic crime: expected its fields, found an empty list",
        "20: code 110 is not a CAMEO code (quoted)",
        "21: cues must be a non-empty list, found an empty list",
        "23: unknown field 'mood'",
    ]


def test_cameo(tmp_path: Path) -> None:
    path = write(tmp_path, "cameo.csv", """
        code,root,name,goldstein,quad_class,plover,plover_mode,plover_context
        01,01,MAKE PUBLIC STATEMENT,0.0,1,,,
        010,01,Make statement,0.0,1,CONSULT,,
        011,01,Decline comment,-0.1,1,,visit,
        02,02,APPEAL,3.0,1,AGREE,,
        021,02,appeal for aid,11,2,REQUEST,,
        021,02,Appeal again,x,1,REQUEST,,
        03,03,EXPRESS INTENT,4.0,1,AGREE ,,
        0311,04,Intend economic,5.2,1,AGREE,,
        05,05,DIPLOMATIC,3.5,2,SUPPORT,,
        0X1,05,Odd,1.0,2,SUPPORT,,
        07,07,AID,7.0,2,,,
        10,10,DEMAND,-5.0,3,DEMAND,,
        21,21,EXTRA,-5.0,4,ASSAULT,,
        211,21,Extra ÇƒStuff,-5.0,4,ASSAULT,,
        212,21,Short
        """)
    assert problems(check_cameo(path), path) == [
        "the root codes are 01, 02, 03, 05, 07, 10, 21, not 01 to 20 in order",
        "3: a statement (root 01) has no PLOVER type",
        "4: plover_mode without a plover type",
        "5: an appeal (root 02) is REQUEST in PLOVER, not 'AGREE'",
        "6: goldstein 11 is outside -10 to 10",
        "6: quad_class '2' of root 02 must be 1",
        "6: name 'appeal for aid' does not start with a capital",
        "7: goldstein 'x' is not a number",
        "7: code 021 repeats line 6",
        "8: plover 'AGREE ' is not a PLOVER event type",
        "8: plover 'AGREE ' has spaces around it or garbled characters",
        "9: code '0311' does not start with its root '04'",
        "9: root '04' has no line of its own",
        "11: code '0X1' is not 2 to 4 digits",
        "11: code '0X1' does not start with its root '05'",
        "12: plover type missing",
        "13: plover 'DEMAND' is not a PLOVER event type",
        "15: name 'Extra ÇƒStuff' has spaces around it or garbled characters",
        "16: expected 8 fields, found 3",
    ]


def test_cameo_header_and_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "cameo.csv", "code,name\n01,Statement\n")
    assert problems(check_cameo(path), path) == [
        "1: the header must read code,root,name,goldstein,quad_class,plover,plover_mode,"
        "plover_context"]
    path.write_bytes(b"\xff\xfe")
    assert check_cameo(path) == [f"{path}: not UTF-8 text"]
    path.unlink()
    assert check_cameo(path) == [f"{path}: no such file"]


ACTORS = """
    actors:
      - code: ARN
        name: Arnor
        names: [Arnor, Arnorian, 7]
        country: null
      - code: GON DOR
        name: Gondor
        names: [Arnorian, Minas Tirith]
        country: XYZ
        sector: KNG
        capital: Minas Tirith
      - name: Aragorn
        terms:
          - {role: king, sector: GOV, start: 3019-13-01, end: null}
          - {role: king, sector: ZZZ, start: 3020-01-01, end: 3019-01-01, country: QQQ, title: x}
          - just text
      - code: ""
        name: 5
      - just text
      - code: RHN
        name: Rhun
        terms: {role: king}
    version: 2
    """


def test_user_actors(tmp_path: Path) -> None:
    path = write(tmp_path, "my-actors.yaml", ACTORS)
    assert problems(check_actors(path), path) == [
        "4: names: 7 is not text",
        "6: code 'GON DOR' has spaces in it",
        "6: 'Arnorian' also names the actor on line 2; the later one counts",
        "9: country 'XYZ' is not an ISO 3166-1 alpha-3 code",
        "10: sector 'KNG' is not a code of sectors.yaml",
        "11: unknown field 'capital'",
        "12: missing field(s): code",
        "14: start '3019-13-01' is not a YYYY-MM-DD date",
        "15: unknown field 'title'",
        "15: sector 'ZZZ' is not a code of sectors.yaml",
        "15: country 'QQQ' is not an ISO 3166-1 alpha-3 code",
        "15: the term ends (3019-01-01) before it starts (3020-01-01)",
        "16: a term must be a mapping, found the text 'just text'",
        "17: code must be text, found empty text",
        "18: name must be text, found 5",
        "19: expected an actor's fields, found the text 'just text'",
        "22: terms must be a list, found a mapping",
        "23: unknown field 'version'",
    ]


def test_user_actors_good_and_bare_list(tmp_path: Path) -> None:
    good = write(tmp_path, "arnor.yaml", """
        actors:
          - {code: ARN, name: Arnor, names: [Arnor, Arnorian], country: null}
          - code: ARNGOV
            name: Elendil
            country: GBR
            terms: [{role: king, sector: GOV, start: "2001-01-01", end: 2002-01-01}]
        """)
    assert check_file(good) == []
    bare = write(tmp_path, "bare.yaml", "- {code: ARN, name: Arnor}\n")
    assert check_file(bare) == []
    text = write(tmp_path, "words.yaml", "just some words\n")
    assert check_file(text) == [
        f"{text}: expected a list of actors under 'actors:', found the text 'just some words'"]


def test_file_name_picks_the_validator(tmp_path: Path) -> None:
    path = write(tmp_path, "leaders.yaml", "- code: ARN\n  name: Arnor\n")
    assert problems(check_file(path), path)[0] == "1: missing field(s): aliases, country, terms"
    path = path.rename(tmp_path / "arnor.yaml")
    assert check_file(path) == []
    petrarch = write(tmp_path, "arnor.txt", "ARNOR [ARN]\n")
    assert check_file(petrarch) == [
        f"{petrarch}: a PETRARCH dictionary; only irinsider's YAML dictionaries are checked "
        "here"]


# ---- the command -------------------------------------------------------------------------
def test_command_checks_the_bundled_files() -> None:
    result = CliRunner().invoke(main, ["data", "check"])
    assert result.exit_code == 0, result.output
    assert result.output == f"checked {len(bundled_files())} file(s): no problems\n"


def test_command_prints_each_problem_and_a_summary(tmp_path: Path) -> None:
    bad = write(tmp_path, "leaders.yaml", LEADERS)
    actors = write(tmp_path, "my-actors.yaml", ACTORS)
    good = write(tmp_path, "good.yaml", "actors: [{code: ARN, name: Arnor}]\n")
    result = CliRunner().invoke(main, ["data", "check", str(bad), str(good), str(actors)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:-1] == check_leaders(bad) + check_actors(actors)
    assert lines[-1] == "checked 3 file(s): 49 problem(s) in 2 file(s)"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.yaml", None, "no such dictionary file"),
        ("junk.yaml", bytes(range(256)), "not UTF-8 text"),
        ("notes.yaml", b"key: [unclosed\n", "not valid YAML (while parsing a flow sequence)"),
        ("cameo.csv", b"code\n\"" + b"a" * 200_000 + b"\"\n",
         "not valid CSV (field larger than field limit (131072))"),
        ("cameo.csv", bytes(range(256)), "not UTF-8 text"),
        ("leaders.yaml", b"", "expected a list of people, found nothing"),
    ],
)
def test_command_gives_one_line_for_a_bad_file(tmp_path: Path, name: str,
                                               content: bytes | None, problem: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["data", "check", str(path)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # no traceback
    (line, summary) = result.output.splitlines()
    assert line.startswith(f"{path}") and line.endswith(f": {problem}")
    assert summary == "checked 1 file(s): 1 problem(s) in 1 file(s)"


def test_command_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["data", "check", "--help"])
    assert result.exit_code == 0
    assert "Example: irinsider data check my-actors.yaml" in result.output
