"""Shared fixtures: the loaded pipeline (once per test session) and a coding helper."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest

from irinsider.ingest import read_file
from irinsider.model import Article, Block, Event
from irinsider.pipeline import Pipeline
from irinsider.store import Store

EXAMPLE = Path(__file__).parents[1] / "examples" / "cuba-russia.md"


def pytest_configure(config: pytest.Config) -> None:
    """Compiled data (`irinsider.cache`) goes to a folder of the session's own, not the
    user's, unless IRINSIDER_CACHE says where."""
    if "IRINSIDER_CACHE" not in os.environ:
        folder = tempfile.TemporaryDirectory(prefix="irinsider-cache-")
        config.add_cleanup(folder.cleanup)
        os.environ["IRINSIDER_CACHE"] = folder.name


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


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """The bundled example, coded, stored and published, as `irinsider demo` leaves it.

    Shared by the web tests; a test that changes the database works on a copy.
    """
    path = tmp_path_factory.mktemp("web") / "demo.db"
    (article,) = read_file(EXAMPLE)
    with Store.open(path) as store:
        coded = next(pipeline.code([article]))  # type: ignore[list-item]
        store.save(coded)
        store.mark_published(coded.article.id, author="demo")
    return path


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo database that a test may change."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return path
