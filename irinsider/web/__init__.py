"""The reader: a web app over an irinsider database.

    app = create_app("irinsider.db")          # or create_app(store)
    uvicorn.run(app, host="127.0.0.1", port=8000)

Every HTML page has a JSON twin under ``/api/`` with the same data and filters; the
OpenAPI schema of the JSON API is at ``/openapi.json``.
"""

from __future__ import annotations

from .app import WebConfig, create_app, is_loopback

__all__ = ["WebConfig", "create_app", "is_loopback"]
