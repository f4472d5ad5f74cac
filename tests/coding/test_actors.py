"""Resolving noun phrases to actor codes as of a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from irinsider.coding import load_nlp
from irinsider.coding.actors import ActorDictionary, load_actors, load_user_actors
from irinsider.errors import DataError

NOV_2018 = date(2018, 11, 9)


def resolve(text: str, head: str, when: date | None = NOV_2018,
            actors: ActorDictionary | None = None) -> str | None:
    nlp = load_nlp()
    actors = actors or load_actors()
    doc = nlp(text)
    marks = actors.mark(nlp, doc)
    (tok,) = [t for t in doc if t.text == head]
    found = actors.resolve(tok, marks, when)
    return found.code if found else None


@pytest.mark.parametrize(
    ("text", "head", "code"),
    [
        ("The Cuban foreign minister met him.", "minister", "CUBGOV"),
        ("Russian troops crossed the border.", "troops", "RUSMIL"),
        ("Moscow said no.", "Moscow", "RUS"),
        ("The Kremlin said no.", "Kremlin", "RUSGOV"),
        ("The president of Cuba spoke.", "president", "CUBGOV"),
        ("Russia's UN ambassador spoke.", "ambassador", "RUSGOV"),
        ("Putin spoke.", "Putin", "RUSGOV"),
        ("Díaz-Canel spoke.", "Canel", "CUBGOV"),
        ("US President Donald Trump spoke.", "Trump", "USAGOV"),
        ("The UN General Assembly voted.", "Assembly", "IGOUNOGAS"),
        ("The European Union dropped its sanctions.", "Union", "IGOEUREEC"),
        ("NATO warned Russia.", "NATO", "IGOWSTNAT"),
        ("Vietnamese leaders spoke.", "leaders", "VNMGOV"),
        # named groups: a country's rebels or parties, or a transnational code
        ("Hamas fired rockets.", "Hamas", "PSEREB"),
        ("The al-Qaeda network threatened them.", "network", "IMGMOSALQ"),
        ("Thousands of Iraqi Kurds marched.", "Thousands", "IRQ"),
        # a country word on a thing is not an actor
        ("They bought Russian military equipment.", "equipment", None),
        ("The weather was cold.", "weather", None),
    ],
)
def test_resolve(text: str, head: str, code: str | None) -> None:
    assert resolve(text, head) == code


@pytest.mark.parametrize(
    ("when", "code"),
    [
        (date(2012, 1, 1), "USAGOV"),  # Obama in office
        (date(2018, 11, 9), "USAELI"),  # out of office: an elite, not the government
        (None, "USAGOV"),  # undated: the latest office held
    ],
)
def test_leader_by_date(when: date | None, code: str) -> None:
    assert resolve("Obama spoke.", "Obama", when) == code


@pytest.mark.parametrize(("when", "code"), [(date(1999, 1, 1), "AFGGOV"),
                                            (date(2010, 1, 1), "AFGREB"),
                                            (date(2022, 1, 1), "AFGGOV")])
def test_group_sector_by_date(when: date, code: str) -> None:
    assert resolve("The Taliban spoke.", "Taliban", when) == code


def test_putin_as_prime_minister_is_still_government() -> None:
    assert resolve("Putin spoke.", "Putin", date(2010, 1, 1)) == "RUSGOV"


def test_user_dictionary_overrides_and_adds(tmp_path: Path) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text(
        "actors:\n"
        "  - {code: ARN, name: Arnor, names: [Arnorian]}\n"
        "  - name: Aragorn\n    code: ARN\n    country: ARN\n"
        "    terms: [{role: king, sector: GOV, start: 2000-01-01}]\n",
        encoding="utf-8",
    )
    actors = load_actors((str(path),))
    assert resolve("The Arnorian envoy spoke.", "envoy", actors=actors) == "ARNGOV"
    assert resolve("Aragorn spoke.", "Aragorn", actors=actors) == "ARNGOV"
    assert resolve("Aragorn spoke.", "Aragorn", date(1990, 1, 1), actors=actors) == "ARNELI"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("actors: [{name: X}]\n", "needs at least 'code' and 'name'"),
        ("actors: {a: 1}\n", "expected a list"),
        ("actors: [\n", "not valid YAML"),
        ("actors:\n  - {name: X, code: [ABC\n", r"bad\.yaml:\d+: not valid YAML"),
    ],
)
def test_bad_user_dictionary(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=problem):
        load_user_actors(ActorDictionary(), path)


# Agent nouns (data/agents.yaml) act for whoever their modifiers name.
def test_agent_noun_takes_its_modifiers_country(code_text) -> None:  # type: ignore[no-untyped-def]
    (event,) = code_text("Thousands of Russian students criticized Ukraine.")
    assert (event.source, event.target) == ("RUSEDU", "UKR")


def test_agent_noun_alone_is_no_actor(code_text) -> None:  # type: ignore[no-untyped-def]
    assert code_text("The group criticized Ukraine.") == []
