"""The docs agree with the code: the CLI page is current and every event field is described."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from irinsider.exports import FIELDS

ROOT = Path(__file__).parents[1]
DOCS = ROOT / "docs"


def _load_generator() -> ModuleType:
    # tools/ is not a package: load the script by its path.
    path = ROOT / "tools" / "gen_cli_docs.py"
    spec = importlib.util.spec_from_file_location("gen_cli_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current() -> None:
    expected = _load_generator().render()
    actual = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is out of date: run python tools/gen_cli_docs.py"


@pytest.mark.parametrize("field", FIELDS)
def test_event_field_is_documented(field: str) -> None:
    assert f"`{field}`" in (DOCS / "events.md").read_text(encoding="utf-8")
