"""Shared fixtures: the loaded pipeline (once per test session) and a coding helper."""

from __future__ import annotations

from datetime import date

import pytest

from irinsider.model import Article, Block, Event
from irinsider.pipeline import Pipeline


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden/*.events.json from the current coder.")


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.load()


@pytest.fixture(scope="session")
def code_text(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    """Code one text as an article of the given date; return its events (negated included)."""

    def run(text: str, when: date | None = date(2018, 11, 9)) -> list[Event]:
        article = Article("t", None, None, when, None, (Block(text),))
        return list(next(pipeline.code([article])).events)

    return run
