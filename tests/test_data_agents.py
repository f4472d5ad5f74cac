"""The agent nouns file: words that act for whoever their modifiers name."""

from __future__ import annotations

from pathlib import Path

import yaml

DATA = Path(__file__).parents[1] / "irinsider" / "data"
AGENTS: list[str] = yaml.safe_load((DATA / "agents.yaml").read_text(encoding="utf-8"))["agents"]
SECTORS = yaml.safe_load((DATA / "sectors.yaml").read_text(encoding="utf-8"))["sectors"]


def test_words_are_lowercase_and_unique() -> None:
    assert AGENTS and all(w == w.lower().strip() for w in AGENTS)
    assert len(AGENTS) == len(set(AGENTS))


def test_no_agent_word_is_a_sector_word() -> None:
    sector_words = {w for spec in SECTORS.values() for w in spec["words"]}
    assert not set(AGENTS) & sector_words


def test_agent_noun_takes_its_modifiers_country(code_text) -> None:  # type: ignore[no-untyped-def]
    (event,) = code_text("Thousands of Russian students criticized Ukraine.")
    assert (event.source, event.target) == ("RUSEDU", "UKR")


def test_agent_noun_alone_is_no_actor(code_text) -> None:  # type: ignore[no-untyped-def]
    assert code_text("The group criticized Ukraine.") == []
