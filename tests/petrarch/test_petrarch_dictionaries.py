"""A PETRARCH-2 dictionary folder: its files as PETR_config.ini names them, compiled once
and kept on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from irinsider.errors import DataError
from irinsider.petrarch import DictionaryFiles, dictionary_files, load_dictionaries
from irinsider.petrarch import dictionaries as module

CONFIG = """\
# a configuration of our own, in PETRARCH-2's layout
[Dictionaries]
verbfile_name    = Middle.verbs.txt
actorfile_list   = Gondor.actors.txt, Rohan.actors.txt
agentfile_name   = Middle.agents.txt
discardfile_name = Middle.discards.txt
issuefile_name   = Middle.issues.txt

[Options]
require_dyad = True
"""
FILES = {
    "Gondor.actors.txt": "GONDOR_ [GON]\n+GONDORIAN_\nDENETHOR_\n\t[GONGOV 2984-3019]\n",
    "Rohan.actors.txt": "ROHAN_ [ROH]\n+ROHIRRIM_\n",
    "Middle.agents.txt": "STEWARD [~GOV]\nMARSHAL [~MIL]\n",
    "Middle.verbs.txt": "--- RIDE [---] ---\nRIDE {RODE RIDDEN RIDES RIDING}\n"
                        "- * (TO AID) [0233]\n",
    "Middle.discards.txt": "+SECOND BREAKFAST\n",
    "Middle.issues.txt": "n:beacon [BEACONS]\nsiege\n",
    "Unnamed.actors.txt": "MORDOR_ [MOR]\n",
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("IRINSIDER_CACHE", str(tmp_path / "cache"))
    module._load.cache_clear()
    root = tmp_path / "middle"
    root.mkdir()
    (root / "PETR_config.ini").write_text(CONFIG, encoding="utf-8")
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_configuration_names_the_files(folder: Path) -> None:
    files = dictionary_files(folder)
    assert files == DictionaryFiles(
        (folder / "Gondor.actors.txt", folder / "Rohan.actors.txt",
         folder / "Middle.agents.txt"),
        folder / "Middle.verbs.txt", (folder / "Middle.discards.txt",),
        folder / "Middle.issues.txt")  # Unnamed.actors.txt is not named: not read


def test_without_a_configuration_the_usual_names(folder: Path) -> None:
    (folder / "PETR_config.ini").unlink()
    files = dictionary_files(folder)
    assert [p.name for p in files.actors] == [
        "Gondor.actors.txt", "Rohan.actors.txt", "Unnamed.actors.txt", "Middle.agents.txt"]
    assert files.verbs == folder / "Middle.verbs.txt"
    assert files.issues == folder / "Middle.issues.txt"


@pytest.mark.parametrize(("config", "problem"), [
    ("[Dictionaries]\nverbfile_name = Missing.txt\n",
     r"PETR_config.ini: names Missing.txt as the verbs file, which is not in"),
    ("verbfile_name = x\n", r"PETR_config.ini: cannot read the configuration"),
])
def test_a_bad_configuration_is_one_line(folder: Path, config: str, problem: str) -> None:
    (folder / "PETR_config.ini").write_text(config, encoding="utf-8")
    with pytest.raises(DataError, match=problem) as caught:
        dictionary_files(folder)
    assert "\n" not in str(caught.value)


def test_not_a_folder_of_dictionaries(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such folder"):
        dictionary_files(tmp_path / "nowhere")
    with pytest.raises(DataError, match="no PETRARCH dictionaries found"):
        dictionary_files(tmp_path)


def test_compiled_once_and_kept_with_its_problems(folder: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    files = dictionary_files(folder)
    data = load_dictionaries(files)
    assert data.actors.words["gondorian"][0].country is None  # GON: no country we know
    assert data.actors.words["steward"][0].sector == "GOV"
    assert data.verbs is not None and "rode" in data.verbs.forms
    assert data.discards.discards_story("They ate second breakfast.")
    assert data.issues.match("The beacons are lit!") == (("BEACONS", 1),)
    where = folder / "Gondor.actors.txt"
    assert data.problems == (
        f"{where}:4: '2984' is not a YYMMDD or YYYYMMDD date",
        f"{folder / 'Middle.issues.txt'}:2: no [CODE] for the issue phrase 'siege'")
    with pytest.raises(DataError, match=r"Gondor\.actors\.txt:4: '2984' is not"):
        load_dictionaries(files, strict=True)
    # the next run reads the compiled form from the disk, problems and all
    module._load.cache_clear()
    monkeypatch.setattr(module, "compile_dictionaries", lambda *a: pytest.fail("compiled"))
    again = load_dictionaries(files)
    assert again.problems == data.problems and "rode" in (again.verbs or data.verbs).forms
    # a changed file is compiled anew
    module._load.cache_clear()
    (folder / "Rohan.actors.txt").write_text("ROHAN_ [ROH]\n+EORLINGAS\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="compiled"):
        load_dictionaries(files)
