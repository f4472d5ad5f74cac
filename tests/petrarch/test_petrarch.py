"""Reading PETRARCH/TABARI-format actor and agent dictionaries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from irinsider.errors import DataError
from irinsider.petrarch import CodeSpan, DictEntry, compound_codes, read_dictionary

ACTORS = """\
<!-- A TEST DICTIONARY
     spanning lines -->
FREEDONIA_  [FRD]   # a comment
+FREEDONIAN
SYLVANIA [SYL]
RUFUS_T_FIREFLY
\t[FRD < 330101]
\t[FRDGOV 19330101 - 19331231]
\t[FRDELI > 340101]
NOBODY_SPECIAL [---]
"""

AGENTS = """\
!PERSON! = MAN, MEN
PRESIDENT [~GOV]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
PRESS {} [~MED]
CONGRESS!PERSON! [~LEG]
AID_AGENCY [NGO~]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_actors_names_synonyms_and_dated_codes(tmp_path: Path) -> None:
    entries = read_dictionary(write(tmp_path, "a.actors.txt", ACTORS))
    by_name = {e.names[0]: e for e in entries}
    assert by_name["freedonia"].names == ["freedonia", "freedonian"]
    assert by_name["freedonia"].codes == [CodeSpan("FRD")]
    assert by_name["rufus t firefly"].codes == [
        CodeSpan("FRD", end=date(1933, 1, 1)),
        CodeSpan("FRDGOV", date(1933, 1, 1), date(1933, 12, 31)),
        CodeSpan("FRDELI", start=date(1934, 1, 1)),
    ]
    assert "a test dictionary" not in " ".join(n for e in entries for n in e.names)


def test_agents_plurals_and_macros(tmp_path: Path) -> None:
    entries = read_dictionary(write(tmp_path, "a.agents.txt", AGENTS))
    names = {n: e for e in entries for n in e.names}
    assert {"president", "presidents", "attorney general", "attorneys general"} <= set(names)
    assert "presss" not in names and "press" in names  # {} means: no plural
    assert {"congressman", "congressmen"} <= set(names)
    assert all(e.agent for e in entries)


@pytest.mark.parametrize("text", ["X [ABC <99]\n", "X [ABC 20200101 ~ 20210101]\n",
                                  "X [ABC\n", "X ABC]\n", "X {XS [~GOV]\n"])
def test_bad_dates_and_brackets_name_the_line(tmp_path: Path, text: str) -> None:
    with pytest.raises(DataError, match=r"x\.txt:1"):
        read_dictionary(write(tmp_path, "x.txt", text))


def test_petrarch_dictionaries_drive_the_coder(tmp_path: Path) -> None:
    from irinsider.model import Article, Block
    from irinsider.pipeline import Pipeline, load_actor_files

    actors = write(tmp_path, "t.actors.txt", ACTORS)
    agents = write(tmp_path, "t.agents.txt", AGENTS)
    pipe = Pipeline.load([str(actors), str(agents)])
    assert load_actor_files((str(actors), str(agents)))[0] is pipe.actors

    def code(text: str, when: date) -> set[tuple[str, str | None]]:
        art = Article("t", None, None, when, None, (Block(text),))
        return {(e.source, e.target) for e in next(pipe.code([art])).events}

    assert code("The Freedonian president condemned Sylvania.", date(1933, 6, 1)) == {
        ("FRDGOV", "SYL")}
    assert code("Rufus T Firefly condemned Sylvania.", date(1933, 6, 1)) == {("FRDGOV", "SYL")}
    assert code("Rufus T Firefly condemned Sylvania.", date(1935, 6, 1)) == {("FRDELI", "SYL")}


def test_tabari_comments_and_the_default_code(tmp_path: Path) -> None:
    text = ("HAMFAST_GAMGEE [HOB]  ; a TABARI comment\n"
            "\t[HOBGOV 20121109-20130119] ; another\n"
            "THE_SHIRE [FRO/BIL/SAM]\n")
    entries = read_dictionary(write(tmp_path, "h.actors.txt", text))
    assert entries[0].names == ["hamfast gamgee"]
    # the undated code is the default: it comes after the dated ones
    assert entries[0].codes == [CodeSpan("HOBGOV", date(2012, 11, 9), date(2013, 1, 19)),
                                CodeSpan("HOB")]
    path = str(tmp_path / "h.actors.txt")
    assert compound_codes([path]) == {"the shire": ("FRO", "BIL", "SAM")}


def test_each_actor_file_is_read_once_and_coding_reads_no_petrarch_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import irinsider.pipeline
    from irinsider.coding import load_actors
    from irinsider.petrarch import dictionaries

    monkeypatch.setenv("IRINSIDER_CACHE", str(tmp_path / "cache"))
    dictionaries._load.cache_clear()
    actors = write(tmp_path, "once.actors.txt", ACTORS + "THE_SHIRE [FRO/BIL/SAM]\n")
    agents = write(tmp_path, "once.agents.txt", AGENTS)
    read: list[Path] = []

    def counted(path: Path, problems: object = None) -> list[DictEntry]:
        read.append(path)
        return read_dictionary(path, problems)  # type: ignore[arg-type]

    monkeypatch.setattr(dictionaries, "read_dictionary", counted)
    files = (str(actors), str(agents))
    dictionary, groups = irinsider.pipeline.load_actor_files(files)
    assert irinsider.pipeline.load_actor_files(files)[0] is dictionary
    assert read == [actors, agents]
    assert groups == {"the shire": ("FRO", "BIL", "SAM")}
    assert dictionary.words["freedonian"][0].code == "FRD"
    # another process reads the compiled form from the disk cache, not the files
    dictionaries._load.cache_clear()
    assert irinsider.pipeline.load_actor_files(files)[1] == groups
    assert read == [actors, agents]
    with pytest.raises(DataError, match=r"once\.actors\.txt: a PETRARCH-format dictionary"):
        load_actors((str(actors),))


def test_petrarch_names_override_ours_and_end_dates_hold(tmp_path: Path) -> None:
    from irinsider.model import Article, Block
    from irinsider.pipeline import Pipeline

    actors = write(tmp_path, "z.actors.txt",
                   ACTORS + "ZIMBABWE_ [ZWE]\n\t[RHO <800418]\n")
    pipe = Pipeline.load([str(actors)])

    def code(text: str, when: date) -> set[tuple[str, str | None]]:
        art = Article("t", None, None, when, None, (Block(text),))
        return {(e.source, e.target) for e in next(pipe.code([art])).events}

    assert code("Zimbabwe condemned Sylvania.", date(1979, 6, 1)) == {("RHO", "SYL")}
    assert code("Zimbabwe condemned Sylvania.", date(1981, 6, 1)) == {("ZWE", "SYL")}
    # "19331231" is the last day of the restriction, not the first after it
    assert code("Rufus T Firefly condemned Sylvania.", date(1933, 12, 31)) == {("FRDGOV", "SYL")}


def test_comments_start_outside_codes_and_lines_keep_their_numbers(tmp_path: Path) -> None:
    text = ("<!-- a comment\nblock -->\nGONDOR [GON] # a comment\n"
            "ENT [### <890101] [ENT] ; pas\nX [ABC\n")
    with pytest.raises(DataError, match=r"x\.txt:5: unbalanced"):
        read_dictionary(write(tmp_path, "x.txt", text))
    entries = read_dictionary(write(tmp_path, "y.txt", text.rsplit("X [", 1)[0]))
    ent = next(e for e in entries if "ent" in [n.lower() for n in e.names])
    assert [c.code for c in ent.codes][-1] == "ENT"


DEFECTS = """\
GONDOR_ [GON]
+GONDORIAN_
ARAGORN_
KING_ELESSAR
\t[GONELI 30180301-30190325]
\t[GONGOV > 30190325]
DENETHOR_
\t[GONGOV 2984-3019]
\t[GONGOV 29840101-30190315]
BOROMIR_ [GONMIL
+CAPTAIN_BOROMIR
FARAMIR_ [GONMIL 3019]
<! -- A LINE OF MARKUP, READ AS A COMMENT -->
NAMELESS_ONE
ROHAN_ [ROH]
"""


def test_defective_entries_are_skipped_one_line_each(tmp_path: Path) -> None:
    from irinsider.petrarch import Problems

    path = write(tmp_path, "m.actors.txt", DEFECTS)
    problems = Problems()
    entries = read_dictionary(path, problems)
    where = str(path)
    assert problems.lines == [
        f"{where}:8: '2984' is not a YYMMDD or YYYYMMDD date",
        f"{where}:10: unbalanced brackets in 'BOROMIR_ [GONMIL'",
        f"{where}:12: the date restriction [GONMIL 3019] needs '<', '>' or a range 'FROM-TO'",
        f"{where}:14: no code for 'NAMELESS ONE'",
    ]
    by_name = {e.names[0]: e for e in entries}
    # a defective code line is skipped, the entry kept; a defective first line takes the
    # entry's synonyms with it, without a line each
    assert by_name["denethor"].codes == [CodeSpan("GONGOV", date(2984, 1, 1), date(3019, 3, 15))]
    assert "boromir" not in by_name and "captain boromir" not in str(entries)
    # names stacked without "+" share the codes below them
    assert by_name["aragorn"].names == ["aragorn", "king elessar"]
    assert [c.code for c in by_name["aragorn"].codes] == ["GONELI", "GONGOV"]
    assert set(by_name) == {"gondor", "aragorn", "denethor", "rohan"}
    # strict: the first defect stops the reading
    with pytest.raises(DataError, match=r"m\.actors\.txt:8: '2984' is not"):
        read_dictionary(path)


def test_six_digit_years_read_as_petrarch_reads_them(tmp_path: Path) -> None:
    entries = read_dictionary(write(tmp_path, "y.txt", "A_ [AAA >300101]\nB_ [BBB >310101]\n"))
    assert [e.codes[0].start for e in entries] == [date(2030, 1, 1), date(1931, 1, 1)]


def test_codes_that_start_with_a_country_carry_it(tmp_path: Path) -> None:
    from irinsider.coding import build_actors
    from irinsider.petrarch import add_actors

    text = ("RUSSIA_ [RUS]\nKREMLIN_ [RUSGOV]\nSERGEI_SHOIGU_\n\t[RUSMIL 20120101-20240512]\n"
            "\t[RUSGOV >20240512]\nSHIRE_ [HOB]\nLUGDUSH_\n\t[HOB <20200101]\n\t[RUSMIL]\n"
            "THE_PRESIDENT [~GOV]\n")
    actors = build_actors()
    add_actors(actors, read_dictionary(write(tmp_path, "c.txt", text)))
    assert (actors.words["russia"][0].code, actors.words["russia"][0].country) == ("RUS", "RUS")
    assert actors.words["kremlin"][0].country == "RUS"
    assert actors.words["sergei shoigu"][0].country == "RUS"  # all its codes are Russia's
    assert [t.country for t in actors.words["sergei shoigu"][0].terms] == ["RUS", "RUS"]
    assert actors.words["shire"][0].country is None  # HOB is no country we know
    assert [t.country for t in actors.words["lugdush"][0].terms] == [None, "RUS"]
    assert actors.words["lugdush"][0].country is None


def test_fuzzed_inputs_read_in_linear_time(tmp_path: Path) -> None:
    import time

    from irinsider.petrarch import Problems

    # an unclosed comment block runs to the end of the file, as PETRARCH reads it
    started = time.perf_counter()
    text = "<!-- [GON >30190325] - * &TIES [903]" * 3000 + "\nROHAN_ [ROH]\n"
    assert read_dictionary(write(tmp_path, "open.txt", text), Problems()) == []
    # a line of thousands of unclosed brackets
    problems = Problems()
    read_dictionary(write(tmp_path, "brackets.txt", "~ ~ [~ENV}" * 4000), problems)
    assert len(problems) == 1
    assert time.perf_counter() - started < 5


def test_an_entry_whose_codes_were_all_skipped_is_left_out(tmp_path: Path) -> None:
    from irinsider.petrarch import Problems

    problems = Problems()
    entries = read_dictionary(write(tmp_path, "a.txt", "GONDOR_\n\t[GON > 301901]\n"), problems)
    assert entries == [] and len(problems) == 1


def test_events_carry_the_country_of_a_petrarch_code(tmp_path: Path) -> None:
    from irinsider.model import Article, Block
    from irinsider.pipeline import Pipeline

    text = ("RUSSIA_ [RUS]\nKREMLIN_ [RUSGOV]\nSERGEI_SHOIGU_\n\t[RUSMIL 20120101-20240512]\n"
            "\t[BLR >20240512]\nSHIRE_ [HOB]\nUKRAINE_ [UKR]\n")
    pipe = Pipeline.load([str(write(tmp_path, "r.actors.txt", text))])

    def code(text: str, when: date) -> set[tuple[str, str | None, str | None, str | None]]:
        art = Article("t", None, None, when, None, (Block(text),))
        return {(e.source, e.source_country, e.target, e.target_country)
                for e in next(pipe.code([art])).events}

    assert code("Russia condemned Ukraine.", date(2023, 1, 5)) == {("RUS", "RUS", "UKR", "UKR")}
    assert code("The Kremlin condemned the Shire.", date(2023, 1, 5)) == {
        ("RUSGOV", "RUS", "HOB", None)}
    # a dated code gives the country of the code in force that day
    assert code("Sergei Shoigu condemned Ukraine.", date(2023, 1, 5)) == {
        ("RUSMIL", "RUS", "UKR", "UKR")}
    assert code("Sergei Shoigu condemned Ukraine.", date(2025, 1, 5)) == {
        ("BLR", "BLR", "UKR", "UKR")}
