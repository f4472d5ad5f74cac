"""How the reader runs: `WebConfig`, given to `create_app`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["WebConfig"]


@dataclass(frozen=True)
class WebConfig:
    """How the app runs: the write token, request size limit and background indexing."""

    token: str | None = None  # writes need it when set (always set off localhost)
    max_body: int = 12 * 1024 * 1024  # bytes a request may send (the publish form)
    max_image: int = 5 * 1024 * 1024  # bytes of one uploaded image
    index_interval: float | None = 15.0  # seconds between looks for unanalysed articles
