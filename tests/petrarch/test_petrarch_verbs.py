"""Reading PETRARCH/TABARI verbs dictionaries and discard lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from irinsider.errors import DataError
from irinsider.petrarch.discards import read_discards
from irinsider.petrarch.verbs import (
    COMPOUND,
    SET,
    SKIP,
    SOURCE,
    TARGET,
    WORD,
    Element,
    read_verbs,
)

VERBS = """\
<!-- A TEST DICTIONARY
     spanning lines -->
&TIES
+TIE
+RELATION

&KIND_          # "_": no plurals
+TRADE
+ARMS_CONTROL

&ANY
+&KIND
+CULTURE

--- RESTORE  [064] ---
RESTORE
REESTABLISH [065]          # a code of its own
- * &TIES  [064]
- * NEW_&KIND_RELATIONS [0641]
- NOT * RELATIONS [112]
- * { WARM | CORDIAL } TIES [0642]
- * CONTACT                # no code: the block's

--- BREAK [---] ---
BREAK {BROKE BROKEN}
+BREAK_OFF {+BROKE_OFF +BROKEN_OFF}
WIRE_+TAP
- + * IN $  [075]
- % HAVE * [191]
- * AT ^ WITH % [043]
- * FAST [+++]
- @ * TEST [010]

--- MEET [031:032] ---
MEET {MET MEETS MEETING}
"""

OLD = """\
ACT_ [100] ;pas 2 May 2005
{ ACTING_ ACTED_ }
- SAID WOULD * NOW  [101] ; a TABARI comment
BURN FLAGS [181]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_synsets_make_plurals_unless_told_not_to(tmp_path: Path) -> None:
    verbs = read_verbs(write(tmp_path, "v.txt", VERBS))
    assert set(verbs.synsets["&TIES"]) == {("tie",), ("ties",), ("relation",), ("relations",)}
    assert set(verbs.synsets["&KIND"]) == {("trade",), ("arms", "control")}
    # a set inside a set is spelled out
    assert ("arms", "control") in verbs.synsets["&ANY"]
    assert ("cultures",) in verbs.synsets["&ANY"]


def test_verbs_their_forms_and_codes(tmp_path: Path) -> None:
    verbs = read_verbs(write(tmp_path, "v.txt", VERBS))
    # regular forms are made; braces list all the forms of an irregular verb
    assert {"restore", "restores", "restored", "restoring"} <= set(verbs.forms)
    assert {"broke", "broken"} <= set(verbs.forms) and "breaked" not in verbs.forms
    (restored,) = verbs.forms["restored"]
    assert verbs.code_of(restored) == "064"
    (reestablished,) = verbs.forms["reestablished"]
    assert verbs.code_of(reestablished) == "065"
    assert verbs.code_of(verbs.forms["met"][0]) == "031:032"
    # several words: "_" joins them, "+" marks the verb among them
    off = [f for f in verbs.forms["broke"] if f.after]
    assert off and off[0].after == ("off",)
    (tap,) = verbs.forms["tap"]
    assert tap.before == ("wire",) and verbs.code_of(tap) == "---"


def test_patterns_compile_to_items(tmp_path: Path) -> None:
    verbs = read_verbs(write(tmp_path, "v.txt", VERBS))
    restore = verbs.patterns_of(verbs.forms["restore"][0])
    by_code = {p.code: p for p in restore[:4]}
    assert by_code["064"].upper == (Element(SET, verbs.synsets["&TIES"]),)
    new = by_code["0641"].upper
    assert [e.kind for e in new] == [WORD, SET, WORD]
    assert [e.tight for e in new] == [False, True, True]  # NEW_&KIND_RELATIONS
    assert by_code["112"].lower == (Element(WORD, (("not",),)),)
    assert by_code["0642"].upper[0].phrases == (("warm",), ("cordial",))  # { A | B }
    assert restore[4].code == "064" and restore[4].text == "* CONTACT"  # no code: the block's
    brk = {p.code: p for p in verbs.patterns_of(verbs.forms["break"][0])}
    assert [e.kind for e in brk["075"].lower] == [TARGET]
    assert [e.kind for e in brk["075"].upper] == [WORD, SOURCE]
    assert [e.kind for e in brk["191"].lower] == [COMPOUND, WORD]
    assert [e.kind for e in brk["043"].upper] == [WORD, SKIP, WORD, COMPOUND]
    # TABARI's complex code and "@" are not supported: those patterns are left out
    assert "+++" not in brk and "010" not in brk
    assert by_code["0641"].specificity == 3 and by_code["064"].specificity == 1


def test_old_tabari_layout(tmp_path: Path) -> None:
    verbs = read_verbs(write(tmp_path, "old.verbs.txt", OLD))
    assert {"act", "acting", "acted"} <= set(verbs.forms)
    act = verbs.forms["acting"][0]
    assert verbs.code_of(act) == "100"
    (said,) = verbs.patterns_of(act)
    assert said.code == "101" and [e.phrases for e in said.lower] == [(("said",),), (("would",),)]
    (burn,) = verbs.forms["burn"]
    assert burn.loose == ("flags",) and verbs.code_of(burn) == "181"


@pytest.mark.parametrize(("text", "line", "problem"), [
    ("--- A [010] ---\nA\n- * &NOPE [011]\n", 3, "unknown synonym set &NOPE"),
    ("--- A [010] ---\nA\n- SAID [011]\n", 3, "no '\\*'"),
    ("--- A [010] ---\nA\n- * X * [011]\n", 3, "exactly one"),
    ("--- A [0 1] ---\nA\n", 1, "cannot read the code"),
    ("- * X [011]\n", 1, "before any verb"),
    ("&S\n+&S\n\n--- A [010] ---\nA\n", 2, "contains itself"),
])
def test_errors_name_the_file_and_line(tmp_path: Path, text: str, line: int,
                                       problem: str) -> None:
    path = write(tmp_path, "bad.verbs.txt", text)
    with pytest.raises(DataError, match=rf"bad\.verbs\.txt:{line}: .*{problem}"):
        read_verbs(path)


def test_a_file_without_verbs_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no verbs found"):
        read_verbs(write(tmp_path, "empty.txt", "# nothing\n"))
    with pytest.raises(DataError, match="cannot read the verbs dictionary"):
        read_verbs(tmp_path / "missing.txt")


def test_discards_sentences_and_stories(tmp_path: Path) -> None:
    discards = read_discards(write(tmp_path, "d.txt", (
        "# sports\nWORLD CUP   # a comment\n+HOCKEY_\n+ESPN2\n")))
    assert discards.discards_sentence("Sylvania won the world  cup.")
    assert not discards.discards_sentence("Sylvania won the cup.")
    assert discards.discards_story("A hockey match.")
    assert not discards.discards_story("Field hockeyish games.")  # "_": the word ends there
    assert discards.discards_story("ESPN2 said") and not discards.discards_sentence("ESPN2")
    with pytest.raises(DataError, match=r"bad\.txt:2"):
        read_discards(write(tmp_path, "bad.txt", "OK\n+ #\n"))


PETRARCH2 = """\
&AID
+AID
+RELIEF_

&WAR_OF_WORDS_
+SPAT

--- SEND  [---]  ---
SEND {SENDS SENT SENDING}
RUSH
- * (FOR {HUMANITARIAN &AID})                      [0233]   # a phrase with a noun phrase
- * (TO/TOWARD BORDER)                             [154]    # either preposition
- * (BEFORE COURT)                                 [:173]   # only back: the court acts
- *ENVOYS                                          [042]    # the verb glued to a word
- * &WAR_OF_WORDS_ (OVER TRADE)                    [111]
- * COUNTER-PROPOSAL                               [035]
- * VENTURE (WITH VISIT)    VISIT)[042:043]
- * (IN &WEATHER)                                  [---]
- * DOWN (FROM)                                     [080!]

--- STATE  [---]  ---
SAY {SAYS SAID SAYING}
--- ASSAIL  [190]  ---
ASSAIL

~ a (a b ASSAIL) SAY = a b 015
~ a (b . ASSAIL) SAY = a b 112
~ a (a b BLUSTER) SAY = a b 015
~ a a b ASSAIL SAY = a b 015
"""


def test_petrarch2_patterns(tmp_path: Path) -> None:
    from irinsider.petrarch import Problems

    problems = Problems()
    verbs = read_verbs(write(tmp_path, "p2.verbs.txt", PETRARCH2), problems)
    by_code = {p.code: p for p in verbs.patterns_of(verbs.forms["sent"][0])}
    aid = verbs.synsets["&AID"]
    # "(FOR {HUMANITARIAN AID})": the preposition, then the noun phrase, its words in order
    assert by_code["0233"].upper == (
        Element(WORD, (("for",),)), Element(WORD, (("humanitarian",),)), Element(SET, aid))
    assert by_code["154"].upper[0] == Element(SET, (("to",), ("toward",)))
    assert [e.phrases for e in by_code[":173"].upper] == [(("before",),), (("court",),)]
    assert by_code["042"].upper == (Element(WORD, (("envoys",),)),)
    # a synonym set whose name holds "_" is one item
    assert by_code["111"].upper[0] == Element(SET, (("spat",),))
    # a hyphenated word is the three tokens the tokenizer makes of it
    assert by_code["035"].upper == (Element(SET, (("counter", "-", "proposal"),)),)
    assert by_code["080!"].upper[0].phrases == (("down",),)
    # transformations
    (assail, accuse) = verbs.transformations
    assert (assail.source, assail.lower_source, assail.lower_target, assail.lower_verb,
            assail.verb, assail.result_source, assail.result_target, assail.code) == (
        "a", "a", "b", "assail", "say", "a", "b", "015")
    assert (accuse.lower_source, accuse.lower_target, accuse.code) == ("b", ".", "112")
    where = str(tmp_path / "p2.verbs.txt")
    assert problems.lines == [
        f"{where}:17: unbalanced brackets in pattern '* VENTURE (WITH VISIT) VISIT)[042:043]'",
        f"{where}:18: pattern '* (IN &WEATHER) [---]' uses unknown synonym set &WEATHER",
        f"{where}:28: the transformation 'a (a b BLUSTER) SAY = a b 015' names the unknown "
        "verb BLUSTER",
        f"{where}:29: cannot read the transformation 'a a b ASSAIL SAY = a b 015': the form "
        "is '~ a (b c VERB) VERB = a b CODE'",
    ]
    with pytest.raises(DataError, match=r"p2\.verbs\.txt:17: unbalanced"):
        read_verbs(tmp_path / "p2.verbs.txt")


def test_defective_verb_lines_are_skipped(tmp_path: Path) -> None:
    from irinsider.petrarch import Problems

    text = ("--- A [010] ---\nA\n- * &NOPE [011]\n- SAID [011]\n- * X * [011]\n- * Y [012]\n"
            "--- B [0 1] ---\nB\n- * Z [013]\n--- C [020] ---\nC\n")
    problems = Problems()
    verbs = read_verbs(write(tmp_path, "d.verbs.txt", text), problems)
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in problems.lines] == [
        "3", "4", "5", "7"]
    assert [p.code for p in verbs.patterns_of(verbs.forms["a"][0])] == ["012"]
    assert "c" in verbs.forms  # a block after a defective one is read
    discards = read_discards(write(tmp_path, "d.txt", "OK\n+ #\n[X]\nFINE_\n"), problems)
    assert len(problems) == 6 and discards.discards_sentence("it is fine.")


def test_fuzzed_patterns_are_skipped_not_fatal(tmp_path: Path) -> None:
    import time

    from irinsider.petrarch import Problems

    problems = Problems()
    text = "--- A [010] ---\nA\n- * TIES [064] \x00\n- * TIES [065]\n" + "[ [ [ [" * 4000
    started = time.perf_counter()
    verbs = read_verbs(write(tmp_path, "z.verbs.txt", text), problems)
    assert time.perf_counter() - started < 5
    assert [p.code for p in verbs.patterns_of(verbs.forms["a"][0])] == ["065"]
    first, second = (line.split(": ", 1)[1] for line in problems.lines)
    assert first == "cannot read the pattern '* TIES [064] \\x00'"
    assert second.startswith("cannot read the verb line '[ [ [ [") and len(second) < 250


def test_transform_binds_letters(tmp_path: Path) -> None:
    from dataclasses import dataclass

    from irinsider.petrarch import Problems
    from irinsider.petrarch.transform import transform, verb_code_prefix

    @dataclass(frozen=True)
    class Actor:
        code: str

    verbs = read_verbs(write(tmp_path, "t.verbs.txt", PETRARCH2), Problems())
    (claim, accuse) = verbs.transformations
    gon, roh, mor = Actor("GON"), Actor("ROH"), Actor("MOR")
    assert verb_code_prefix(verbs, "assail") == "19"
    assert transform(claim, verbs, [gon], [gon], [roh], True, "190") == ([gon], [roh], "015")
    assert transform(claim, verbs, [gon], [mor], [roh], True, "190") is None
    assert transform(accuse, verbs, [gon], [mor], [], True, "193") == ([gon], [mor], "112")
    assert transform(accuse, verbs, [gon], [mor], [], True, "042") is None  # not an attack
