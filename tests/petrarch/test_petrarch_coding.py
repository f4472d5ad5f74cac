"""Coding with a PETRARCH verbs dictionary (`--verbs`) and discard lists (`--discards`).

The dictionaries are small ones written for these tests, in the style of
PETRARCH's validation suite; each rule of the coder is checked on a sentence.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from irinsider.cli import main
from irinsider.model import Article, Block
from irinsider.pipeline import Pipeline

ACTORS = """\
FREEDONIA_ [FRD]
+FREEDONIAN
SYLVANIA [SYL]
+SYLVANIAN
MARSOVIA [MRS]
KLOPSTOKIA [KLP]
THE_ALLIES [FRD/SYL]      # one name, two actors
RUFUS_T_FIREFLY [FRD]
\t[FRDGOV 19330101-19331231]
"""

AGENTS = """\
PRESIDENT [~GOV]
AMBASSADOR [~GOV]
GOVERNMENT [~GOV]
MEDIA {} [~MED]
CROWD [~CVL]
TROOP [~MIL]
"""

VERBS = """\
&TIES_
+TIES
+RELATIONS

&KIND
+TRADE
+MILITARY

--- RESTORE [064] ---
RESTORE
- * &TIES [064]
- * NEW_&KIND_RELATIONS [065]
- * &KIND TIES [066]
- WILL NOT * [069]

--- MEET [031:032] ---
MEET {MET MEETS MEETING}

--- AGREE [030] ---
AGREE
- % * [030:030]
- * WITH % [031]

--- FREE [066] ---
FREE
- + * FROM $ [067]

--- CONDEMN [122] ---
CONDEMN
- NOTED + * [125]

--- RISEN [---] ---
RISEN
- DEATH TOLL * [223]

--- BAN [191] ---
BAN {BANS BANNED BANNING}
+CORDON_OFF {+CORDONED_OFF}
- * VOLLEYBALL [###]

--- PRESENT [---] ---
PRESENT
- * CREDENTIALS [032]

--- WELCOME [041] ---
WELCOME

--- BELIEVE [023] ---
BELIEVE

--- ABANDON [345] ---
ABANDON
"""

DISCARDS = """\
WORLD CUP      # a sentence with it is not coded
+HOCKEY_       # nor a story with this word
"""


@pytest.fixture(scope="module")
def dicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("petrarch")
    out = {}
    for name, text in [("actors", ACTORS), ("agents", AGENTS), ("verbs", VERBS),
                       ("discards", DISCARDS)]:
        out[name] = folder / f"toy.{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def pipe(dicts: dict[str, Path]) -> Pipeline:
    return Pipeline.load([str(dicts["actors"]), str(dicts["agents"])],
                         verbs=str(dicts["verbs"]), discards=[str(dicts["discards"])])


def code(pipe: Pipeline, *texts: str) -> set[tuple[str, str | None, str]]:
    """The (source, target, code) of the events not negated, one article of `texts`."""
    article = Article("t", None, None, date(1933, 6, 1), None, tuple(Block(t) for t in texts))
    return {(e.source, e.target, e.cameo) for e in next(pipe.code([article])).events
            if not e.negated}


@pytest.mark.parametrize(("text", "events"), [
    # the verb alone gives its block's code; a pattern's word after it, the pattern's
    ("Freedonia abandoned Marsovia.", {("FRD", "MRS", "345")}),
    ("Freedonia restored diplomatic ties with Sylvania.", {("FRD", "SYL", "064")}),
    # "_" wants the words side by side; a space lets other words come between
    ("Freedonia restored new trade relations with Sylvania.", {("FRD", "SYL", "065")}),
    ("Freedonia restored new global trade relations with Sylvania.", {("FRD", "SYL", "064")}),
    ("Freedonia restored military ties with Sylvania.", {("FRD", "SYL", "066")}),
    # words before the verb; the negation the pattern names is no negated event
    ("Freedonia will not restore ties with Sylvania.", {("FRD", "SYL", "069")}),
    ("Freedonia did not restore ties with Sylvania.", set()),  # negated: left out
    # a verb of several words
    ("Sylvanian troops cordoned off Marsovia.", {("SYLMIL", "MRS", "191")}),
])
def test_patterns_choose_the_code(pipe: Pipeline, text: str,
                                  events: set[tuple[str, str, str]]) -> None:
    assert code(pipe, text) == events


def test_a_code_with_a_colon_goes_both_ways(pipe: Pipeline) -> None:
    assert code(pipe, "Freedonia met Sylvania.") == {("FRD", "SYL", "031"), ("SYL", "FRD", "032")}


def test_compound_actor_in_a_pattern(pipe: Pipeline) -> None:
    # before the verb: its members act on each other; after it: the target
    assert code(pipe, "Freedonia and Sylvania agree that the dispute is over.") == {
        ("FRD", "SYL", "030"), ("SYL", "FRD", "030")}
    assert code(pipe, "Marsovia agrees with Freedonia and Sylvania that the war is over.") == {
        ("MRS", "FRD", "031"), ("MRS", "SYL", "031")}


def test_source_and_target_named_by_the_pattern(pipe: Pipeline) -> None:
    # "+ * FROM $": the one before the verb is the target, the one after "from" the source
    assert code(pipe, "The Freedonian ambassador was freed from Sylvania.") == {
        ("SYL", "FRDGOV", "067")}
    # the pattern took the subject as its target: the source is the noting one
    assert code(pipe, "Rufus T Firefly noted that Sylvania condemned Marsovia.") == {
        ("FRDGOV", "SYL", "125")}


def test_a_subject_that_is_no_actor_acts_for_its_owner(pipe: Pipeline) -> None:
    assert code(pipe, "Freedonia's death toll has risen in the war with Sylvania.") == {
        ("FRD", "SYL", "223")}


def test_target_is_the_first_actor_of_the_verbs_phrase(pipe: Pipeline) -> None:
    assert code(pipe, "Freedonia believes Sylvania and Marsovia can win the war.") == {
        ("FRD", "SYL", "023"), ("FRD", "MRS", "023")}
    # not one in a background clause, nor a bare agent
    assert code(pipe, "Freedonia welcomed the decision after Sylvania lost the war.") == set()
    assert code(pipe, "Freedonia believes crowds can win the war.") == set()


def test_coordinated_actors(pipe: Pipeline) -> None:
    # a bare agent takes the country of the actor beside it
    assert code(pipe, "Freedonian media and government condemned Marsovia.") == {
        ("FRDMED", "MRS", "122"), ("FRDGOV", "MRS", "122")}
    # an agent of several countries is one actor in each
    assert code(pipe, "The ambassadors of Freedonia, Sylvania and Marsovia presented "
                      "credentials to the president of Klopstokia.") == {
        ("FRDGOV", "KLPGOV", "032"), ("SYLGOV", "KLPGOV", "032"), ("MRSGOV", "KLPGOV", "032")}
    # a list the parser reads as an apposition ("Freedonia, the Republic, ...")
    assert code(pipe, "Freedonia, the Republic, Sylvania and Marsovia welcomed a treaty "
                      "with Klopstokia.") == {
        ("FRD", "KLP", "041"), ("SYL", "KLP", "041"), ("MRS", "KLP", "041")}
    # one name for two actors: THE_ALLIES [FRD/SYL]
    assert code(pipe, "The Allies condemned Marsovia.") == {
        ("FRD", "MRS", "122"), ("SYL", "MRS", "122")}


def test_discards(pipe: Pipeline) -> None:
    # TABARI's [###] pattern, and the discards list, keep a sentence uncoded
    assert code(pipe, "Freedonia banned volleyball in Sylvania.") == set()
    assert code(pipe, "Freedonia condemned the World Cup in Sylvania.") == set()
    assert code(pipe, "Freedonia condemned the World Cup.", "Freedonia met Sylvania.") == {
        ("FRD", "SYL", "031"), ("SYL", "FRD", "032")}
    # a story discard drops the whole story
    assert code(pipe, "Freedonia met Sylvania.", "Hockey results follow.") == set()


def test_codes_outside_cameo_are_kept_as_written(pipe: Pipeline) -> None:
    article = Article("t", None, None, date(1933, 6, 1), None,
                      (Block("Freedonia abandoned Marsovia."),))
    (event,) = next(pipe.code([article])).events
    assert (event.cameo, event.plover, event.quad_class) == ("345", None, 0)
    assert event.rule.startswith("petrarch:toy.verbs.txt/345:")


def test_cli_codes_with_verbs_and_discards(dicts: dict[str, Path], tmp_path: Path) -> None:
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(json.dumps({"id": str(i), "text": t, "date": "1933-06-01"}) for i, t
                             in enumerate(["Freedonia met Sylvania.",
                                           "Sylvania met the World Cup team."])) + "\n",
                   encoding="utf-8")
    args = ["code", str(inp), "--actors", str(dicts["actors"]), "--agents", str(dicts["agents"]),
            "--verbs", str(dicts["verbs"]), "--discards", str(dicts["discards"])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(e["doc_id"], e["source"], e["target"], e["cameo"]) for e in events} == {
        ("0", "FRD", "SYL", "031"), ("0", "SYL", "FRD", "032")}


def test_cli_skips_a_defective_entry_and_says_so(tmp_path: Path) -> None:
    inp = tmp_path / "in.txt"
    inp.write_text("Portugal met Brazil.\n", encoding="utf-8")
    bad = tmp_path / "bad.verbs.txt"
    bad.write_text("--- MEET [031] ---\nMEET {MET}\n- * &NOWHERE [032]\n", encoding="utf-8")
    problem = f"{bad}:3: pattern '* &NOWHERE [032]' uses unknown synonym set &NOWHERE"
    result = CliRunner().invoke(main, ["code", str(inp), "--verbs", str(bad)])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines() == [
        f"warning: {problem}",
        "skipped 1 defective dictionary entry (--strict stops at the first)"]
    assert [json.loads(line)["cameo"] for line in result.stdout.splitlines()] == ["031"]
    # --strict: the first defect is an error, on one line
    result = CliRunner().invoke(main, ["code", str(inp), "--verbs", str(bad), "--strict"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: {problem}"]


def test_cli_codes_with_a_dictionary_folder(dicts: dict[str, Path], tmp_path: Path) -> None:
    folder = dicts["verbs"].parent
    (folder / "PETR_config.ini").write_text(
        "[Dictionaries]\nverbfile_name = toy.verbs.txt\n"
        "actorfile_list = toy.actors.txt\nagentfile_name = toy.agents.txt\n"
        "discardfile_name = toy.discards.txt\nissuefile_name = toy.issues.txt\n",
        encoding="utf-8")
    (folder / "toy.issues.txt").write_text("n:treaty [TREATIES]\n", encoding="utf-8")
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": "Freedonia met Sylvania about two treaties.",
                               "date": "1933-06-01"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(inp), "--dictionaries", str(folder)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(e["source"], e["target"], e["cameo"]) for e in events} == {
        ("FRD", "SYL", "031"), ("SYL", "FRD", "032")}
    assert all(e["issues"] == [{"code": "TREATIES", "count": 1}] for e in events)
    result = CliRunner().invoke(main, ["code", str(inp), "--dictionaries", str(folder),
                                       "--format", "petrarch"])
    assert result.stdout.splitlines() == ["19330601\tFRD\tSYL\t031\tTREATIES,1\ta\t",
                                          "19330601\tSYL\tFRD\t032\tTREATIES,1\ta\t"]


def test_batch_and_watch_workers_code_with_the_verbs_file(dicts: dict[str, Path]) -> None:
    from irinsider.batch import BatchOptions, worker_pipeline
    from irinsider.petrarch import PetrarchCoder

    plain = BatchOptions().fingerprint()
    assert "verbs" not in plain and "discards" not in plain  # earlier batches resume as before
    options = BatchOptions(verbs=str(dicts["verbs"]), discards=(str(dicts["discards"]),))
    fingerprint = options.fingerprint()
    assert fingerprint["verbs"][0][0] == str(dicts["verbs"]) and fingerprint["verbs"][0][1]
    worker = worker_pipeline((str(dicts["actors"]),), options.verbs, options.discards)
    assert isinstance(worker.coder, PetrarchCoder) and worker.discards


@pytest.mark.parametrize(("text", "events"), [
    # PETRARCH's convention: a clause opened by "after", "before", "until" ... codes nothing
    ("Freedonia restored ties with Sylvania after Marsovia condemned Klopstokia.",
     {("FRD", "SYL", "064")}),
    ("Sylvania abandoned Marsovia before Freedonia condemned Klopstokia.",
     {("SYL", "MRS", "345")}),
    ("Marsovia welcomed Freedonia until Sylvania abandoned Klopstokia.",
     {("MRS", "FRD", "041")}),
])
def test_background_clauses_code_nothing(pipe: Pipeline, text: str,
                                         events: set[tuple[str, str, str]]) -> None:
    assert code(pipe, text) == events


@pytest.mark.parametrize(("text", "events"), [
    # the agents file stands for our sector words: only its agents give a sector
    ("The Freedonian militia condemned Sylvania.", {("FRD", "SYL", "122")}),
    ("Sylvania's mayor abandoned Marsovia.", {("SYL", "MRS", "345")}),
    ("The Sylvanian police welcomed Klopstokia.", {("SYL", "KLP", "041")}),
    ("The president of Marsovia welcomed Klopstokia.", {("MRSGOV", "KLP", "041")}),
])
def test_the_agents_file_replaces_our_sector_words(pipe: Pipeline, text: str,
                                                   events: set[tuple[str, str, str]]) -> None:
    assert code(pipe, text) == events


TRANSFORMATIONS = """\
--- EXPLAIN [010] ---
SAY {SAID SAYS SAYING}
--- ATTACK [190] ---
ATTACK
--- DEMAND [100] ---
WANT [030]
--- AID [070] ---
AID

~ a (a b ATTACK) SAY = a b 015
~ a (b . ATTACK) SAY = a b 112
~ a (_ b ATTACK) WANT = a b 138
~ a (a b Q) SAY = a b Q
"""


@pytest.fixture(scope="module")
def told(dicts: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    verbs = tmp_path_factory.mktemp("told") / "told.verbs.txt"
    verbs.write_text(TRANSFORMATIONS, encoding="utf-8")
    return Pipeline.load([str(dicts["actors"]), str(dicts["agents"])], verbs=str(verbs))


@pytest.mark.parametrize(("text", "events"), [
    # an event told under another verb is coded as the dictionary's transformation says
    ("Freedonia said it attacked Sylvania.", {("FRD", "SYL", "015")}),
    ("Freedonia said Sylvania attacked Marsovia.", {("FRD", "SYL", "112")}),
    ("Marsovia wants to attack Klopstokia.", {("MRS", "KLP", "138")}),
    ("Sylvania said it would aid Marsovia.", {("SYL", "MRS", "070")}),
    # without a transformation that holds, each verb is coded as it is
    ("Freedonia wants Sylvania to aid Marsovia.", {("FRD", "SYL", "030"),
                                                   ("SYL", "MRS", "070")}),
    # an intent to do a coded act oneself is coded as the act
    ("Marsovia wants to aid Klopstokia.", {("MRS", "KLP", "070")}),
    ("Sylvania wanted to aid the Allies.", {("SYL", "FRD", "070")}),
    ("The Freedonian president wants to aid Marsovia.", {("FRDGOV", "MRS", "070")}),
])
def test_transformations(told: Pipeline, text: str, events: set[tuple[str, str, str]]) -> None:
    assert code(told, text) == events
