"""The app factory: the reader composed from its parts.

    create_app("irinsider.db", WebConfig(token="s3cret")) -> FastAPI

The database is created or migrated, and its new articles indexed, before the app
serves. Then: the error pages (`failures`), the body limit and security headers
(`security`), the static files, and the routes of the pages (`views`), of what
readers write (`actions`), of the feed and downloads (`feeds`), and of the analyst's
views: the event table (`table`), the map (`maps`), comparisons (`compare`) and
citations (`cite`), in that order.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..analysis import index_entities
from ..store import Store
from . import actions, cite, compare, dates, feeds, maps, table, views
from .config import WebConfig
from .deps import Stores, make_templates
from .editing import PublishedDrafts
from .failures import install_error_handlers
from .indexer import background_indexer
from .security import BodyLimit, is_loopback, security_headers

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["WebConfig", "create_app", "is_loopback"]

STATIC = Path(__file__).parent / "static"


def _prepare(path: Path) -> None:
    """Create or migrate the database, index its new articles, drop week-old drafts."""
    with Store.open(path) as store:
        index_entities(store, limit=200)
        week_ago = datetime.now(UTC) - timedelta(days=7)
        store.delete_old_drafts(week_ago.isoformat(timespec="seconds"))


def _favicon() -> FileResponse:
    """The icon, where a browser looks for it on pages that name none (the feed, JSON)."""
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


def create_app(db: Store | str | Path, config: WebConfig | None = None, *,
               pipeline: Pipeline | None = None) -> FastAPI:
    """The reader app over the database `db` (a path, or an open Store for its path).

    `pipeline` is the coder used to preview, publish and re-code articles; it is
    loaded on first use when not given.
    """
    config = config or WebConfig()
    path = db.path if isinstance(db, Store) else Path(db)
    _prepare(path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            with background_indexer(path, config.index_interval):
                yield
        finally:
            app.state.stores.close()

    app = FastAPI(
        title="irinsider",
        version=__version__,
        description="International-relations news coded into CAMEO/PLOVER events, "
                    "explained. Every page of the reader has a JSON twin here, under /api/.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI would load its scripts from a CDN; the schema is enough
        redoc_url=None,
    )
    app.state.config = config
    app.state.db_path = path
    app.state.stores = Stores(path)
    app.state.templates = make_templates()
    app.state.templates.env.globals.update(dates.GLOBALS)
    app.state.pipeline = pipeline
    app.state.pipeline_lock = threading.Lock()
    app.state.published_drafts = PublishedDrafts()
    install_error_handlers(app)
    # added first, so it runs inside the security middleware: a 413 gets the headers too
    app.add_middleware(BodyLimit, limit=config.max_body)
    app.middleware("http")(security_headers)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_api_route("/favicon.ico", _favicon, methods=["GET"], include_in_schema=False)
    app.include_router(views.router)
    app.include_router(actions.router)
    app.include_router(feeds.router)
    for part in (table, maps, compare, cite):
        app.include_router(part.router)
    return app
