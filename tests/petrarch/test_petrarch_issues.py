"""Reading PETRARCH issue lists and finding a sentence's issues."""

from __future__ import annotations

from pathlib import Path

import pytest

from irinsider.errors import DataError
from irinsider.petrarch import Problems, read_issues

ISSUES = """\
# issues of our own, in the layout of PETRARCH's lists
<ISSUE CATEGORY="FARMING" TYPE="ALL">
n:harvest [HARVEST]
pipe+weed n:crop [PIPEWEED]
v:plough the field [HARVEST]
~harvest moon
</ISSUE>
<ISSUE CATEGORY="WAR" TYPE="ALL">
n:siege [SIEGE]
n:army of the dead [SIEGE]
mumak [MUMAKIL]
~~siege engine
</ISSUE>
second breakfast
touristry[TOURISM]
old n:road [ROADS]x [ROADS]
"""


@pytest.fixture
def issues(tmp_path: Path) -> tuple[object, Problems, Path]:
    path = tmp_path / "t.issues.txt"
    path.write_text(ISSUES, encoding="utf-8")
    problems = Problems()
    return read_issues(path, problems), problems, path


def test_phrases_their_forms_and_counts(issues) -> None:  # type: ignore[no-untyped-def]
    found, _, _ = issues
    assert found.match("The harvests failed after the siege of Minas Tirith.") == (
        ("HARVEST", 1), ("SIEGE", 1))
    # "n:" makes the plural, "v:" the verb's forms, "+" a space or a hyphen
    assert found.match("Two armies of the dead ploughed the field.") == (
        ("SIEGE", 1), ("HARVEST", 1))
    assert found.match("Pipe-weed crops and pipe weed crop prices rose.") == (("PIPEWEED", 2),)
    assert found.match("A MUMAK, and another mumak!") == (("MUMAKIL", 2),)
    assert found.match("Touristry grew.") == (("TOURISM", 1),)
    assert found.match("Nothing of note happened.") == ()


def test_ignored_phrases_cancel_their_section(issues) -> None:  # type: ignore[no-untyped-def]
    found, _, _ = issues
    assert found.match("The harvest moon rose over the siege.") == (("SIEGE", 1),)
    assert found.match("A siege engine broke during the harvest.") == (("HARVEST", 1),)


def test_lines_without_a_code_are_skipped(issues) -> None:  # type: ignore[no-untyped-def]
    found, problems, path = issues
    assert problems.lines == [
        f"{path}:14: no [CODE] for the issue phrase 'second breakfast'",
        f"{path}:16: cannot read the issue line 'old n:road [ROADS]x [ROADS]'",
    ]
    assert found.match("Second breakfast on the old roads.") == ()
    with pytest.raises(DataError, match=r"t\.issues\.txt:14: no \[CODE\]"):
        read_issues(path)
