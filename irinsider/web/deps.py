"""What a request needs from the app: its database, the coder, templates and settings.

    store: Db                          -> the database, through this thread's connection
    get_pipeline(request)              -> the coder, loaded on first use
    html(request, "pair.html", data)   -> a page rendered from `data` (its JSON twin's data)

The app keeps one connection per worker thread (`Stores`); a request's store hands
each call to the calling thread's own connection, so two requests never share one.
"""

from __future__ import annotations

import threading
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..store import Store
from . import helpers
from .config import WebConfig

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["Db", "Stores", "get_pipeline", "get_store", "get_templates", "html",
           "make_templates", "web_config"]

TEMPLATES = Path(__file__).parent / "templates"


class Stores:
    """One database connection per worker thread, all closed at shutdown.

    A connection closed by `close` is never handed out again: the app may be
    started and stopped more than once (each test client does), and the next
    request after a restart opens a fresh connection. The connection of a worker
    thread that ends (an idle one is let go after a while) is closed with it: only
    the thread holds it, the list of connections to close at shutdown holds it weakly.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: weakref.WeakSet[Store] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._generation = 0

    def get(self) -> Store:
        """The calling thread's connection, opened on its first call."""
        mine: tuple[int, Store] | None = getattr(self._local, "store", None)
        if mine is not None and mine[0] == self._generation:
            return mine[1]
        store = Store.open(self.path, check_same_thread=False)
        with self._lock:
            self._local.store = (self._generation, store)
            self._all.add(store)
        return store

    def close(self) -> None:
        """Close every connection handed out so far."""
        with self._lock:
            self._generation += 1
            for store in list(self._all):
                store.close()
            self._all.clear()


class _ThreadStore:
    """The app's database as seen from whichever thread calls it.

    FastAPI may resolve a dependency in one worker thread and run the endpoint in
    another, and an async endpoint hands its store to yet another thread. So a request
    holds this stand-in, and each call goes to the calling thread's own connection:
    two requests never share a connection, a cursor or a transaction.
    """

    def __init__(self, stores: Stores) -> None:
        self._stores = stores

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stores.get(), name)


def get_store(request: Request) -> Store:
    """The app's database, each call through the calling thread's own connection
    (a FastAPI dependency)."""
    stores: Stores = request.app.state.stores
    return cast(Store, _ThreadStore(stores))


Db = Annotated[Store, Depends(get_store)]


def get_pipeline(request: Request) -> Pipeline:
    """The coder, loaded once on first use (a few seconds)."""
    app = request.app
    if app.state.pipeline is None:
        with app.state.pipeline_lock:
            if app.state.pipeline is None:
                from ..pipeline import Pipeline

                app.state.pipeline = Pipeline.load()
    return cast("Pipeline", app.state.pipeline)


def web_config(request: Request) -> WebConfig:
    """The settings the app was created with."""
    return cast(WebConfig, request.app.state.config)


def make_templates() -> Jinja2Templates:
    """The Jinja2 templates, autoescaping HTML and XML, with the pages' helpers."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "xml"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(helpers.GLOBALS)
    env.filters.update(helpers.FILTERS)
    env.globals["version"] = __version__
    return Jinja2Templates(env=env)


def get_templates(request: Request) -> Jinja2Templates:
    """The app's templates (made once, by `make_templates`)."""
    return cast(Jinja2Templates, request.app.state.templates)


def html(request: Request, template: str, data: dict[str, Any], *,
         api_url: str | None = None, status: int = 200) -> HTMLResponse:
    """Render `template` with `data` (what the JSON twin returns) as ``data``."""
    return get_templates(request).TemplateResponse(request, template,
                                                   {"data": data, "api_url": api_url},
                                                   status_code=status)
