"""Fixtures of the web part's browser tests: one chromium a test module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browsing import launched


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched() as browser:
        yield browser
