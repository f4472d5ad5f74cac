"""The JSON API fuzzed from its own OpenAPI schema: no request may end in a server error,
and every answer under /api/ is JSON saying whether it went well.

Schemathesis sends, for each operation, its boundary and invalid values and unexpected
methods, then up to MAX_EXAMPLES generated requests, valid and invalid (about 1,200
requests in all, some seconds). The seed is fixed, so a run repeats the last one.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis.config import SchemathesisConfig

from irinsider.pipeline import Pipeline
from irinsider.web import WebConfig, create_app

MAX_EXAMPLES = 10


def _openapi() -> dict[str, Any]:
    """The app's OpenAPI schema, read at collection (it is the same whatever the database
    holds); the requests go to the demo database's app, a fixture."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Path(folder) / "empty.db", WebConfig(index_interval=None))
        return app.openapi()


CONFIG = SchemathesisConfig.from_dict({
    "seed": 20260101,
    "generation": {"max-examples": MAX_EXAMPLES, "mode": "all", "database": "none"},
})
schema = schemathesis.openapi.from_dict(_openapi(), config=CONFIG)


@pytest.fixture(scope="module")
def app(demo_db: Path, tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> FastAPI:
    path = tmp_path_factory.mktemp("fuzz") / "demo.db"
    shutil.copy(demo_db, path)
    return create_app(path, WebConfig(index_interval=None), pipeline=pipeline)


@schema.parametrize()
def test_api_answers_without_server_errors(case: schemathesis.Case, app: FastAPI) -> None:
    response = case.call(app=app)
    sent = (case.method, case.formatted_path, case.query, case.body)
    assert response.status_code < 500, (sent, response.text[:300])
    if case.formatted_path.startswith("/api"):
        assert response.headers["content-type"][0].startswith("application/json"), sent
        assert response.json()["ok"] is (response.status_code < 400), sent
