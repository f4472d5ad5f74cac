"""The app factory: configuration, database connections, templates, errors and security.

    create_app("irinsider.db", WebConfig(token="s3cret")) -> FastAPI

One kind of error reaches a reader. An `IrinsiderError` (400 for bad input, 500 for
a database problem, 503 while another process keeps the database locked) or an HTTP
error (404, 403, 413, ...) is rendered as the error page, or under ``/api/`` as
``{"ok": false, "status": 404, "error": "..."}``.

Every response carries a strict Content-Security-Policy (scripts and styles from
this app only, no inline script), so even text that escaped escaping could not run.
Requests that write (POST) must come from this site (Origin checked), must fit in
`WebConfig.max_body` bytes (413 otherwise, streamed or declared) and must carry the
token when one is configured, or come from this machine when none is.
"""

from __future__ import annotations

import hmac
import ipaddress
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import InputError, IrinsiderError, StoreBusyError, StoreError
from ..store import Store

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["WebConfig", "create_app", "is_loopback"]

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
TOKEN_COOKIE = "irinsider_token"
AUTHOR_COOKIE = "irinsider_author"


@dataclass(frozen=True)
class WebConfig:
    """How the app runs: the write token, request size limit and background indexing."""

    token: str | None = None  # writes need it when set (always set off localhost)
    max_body: int = 12 * 1024 * 1024  # bytes a request may send (the publish form)
    max_image: int = 5 * 1024 * 1024  # bytes of one uploaded image
    index_interval: float | None = 15.0  # seconds between looks for unanalysed articles


def size_label(n: int) -> str:
    """A byte count for a message: 5 MiB, 20 KiB or 900 bytes."""
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"


def is_loopback(host: str) -> bool:
    """Whether an address is this machine only (127.0.0.1, ::1, ::ffff:127.0.0.1, localhost)."""
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _from_elsewhere(request: Request) -> bool:
    """Whether the request came over the network from another machine.

    A client without an address (a Unix socket, or a client in this process such
    as a test client) is this machine.
    """
    if request.client is None:
        return False
    try:
        ipaddress.ip_address(request.client.host.strip("[]"))
    except ValueError:
        return False
    return not is_loopback(request.client.host)


class Stores:
    """One database connection per worker thread, all closed at shutdown.

    A connection closed by `close` is never handed out again: the app may be
    started and stopped more than once (each test client does), and the next
    request after a restart opens a fresh connection.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._generation = 0

    def get(self) -> Store:
        mine: tuple[int, Store] | None = getattr(self._local, "store", None)
        if mine is not None and mine[0] == self._generation:
            return mine[1]
        store = Store.open(self.path, check_same_thread=False)
        with self._lock:
            self._local.store = (self._generation, store)
            self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            self._generation += 1
            for store in self._all:
                store.close()
            self._all.clear()


class _TooLarge(StarletteHTTPException):
    """The body limit's signal: a 413 error wherever the body is being read."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request is larger than {size_label(limit)}; send less "
                              "(smaller images or shorter text)")


def _only_too_large(exc: BaseException) -> bool:
    """Whether `exc` is the body limit's signal, bare or grouped by a task group."""
    if isinstance(exc, BaseExceptionGroup):
        return all(_only_too_large(e) for e in exc.exceptions)
    return isinstance(exc, _TooLarge)


class BodyLimit:
    """Refuse (413) a request body over `limit` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge(self.limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception as exc:  # _TooLarge, perhaps inside a task group's ExceptionGroup
            if started or not _only_too_large(exc):
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(Request(scope, receive), 413, _TooLarge(self.limit).detail)
        await response(scope, receive, send)


def make_templates() -> Jinja2Templates:
    """The Jinja2 templates, autoescaping HTML and XML, with the pages' helpers."""
    from . import helpers

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(["html", "xml"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(helpers.GLOBALS)
    env.filters.update(helpers.FILTERS)
    env.globals["version"] = __version__
    return Jinja2Templates(env=env)


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def error_response(request: Request, status: int, message: str) -> Response:
    """The one way an error reaches a reader: an error page, or JSON under /api/."""
    if wants_json(request):
        return JSONResponse({"ok": False, "status": status, "error": message},
                            status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html",
        {"data": {"ok": False, "status": status, "error": message}, "api_url": None},
        status_code=status,
    )


_TITLES = {400: "that request cannot be answered", 401: "a token is needed",
           403: "not allowed", 404: "not found", 405: "method not allowed",
           413: "too large", 500: "something went wrong"}


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else None
        if not detail or detail == "Not Found":
            detail = (f"nothing is at {request.url.path}; start from the home page"
                      if exc.status_code == 404 else _TITLES.get(exc.status_code, "error"))
        return error_response(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body"))
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(request, 400, "; ".join(problems) or "invalid request")

    @app.exception_handler(IrinsiderError)
    async def irinsider_error(request: Request, exc: IrinsiderError) -> Response:
        if isinstance(exc, StoreBusyError):  # a long write elsewhere: worth trying again
            response = error_response(request, 503, str(exc))
            response.headers["Retry-After"] = "5"
            return response
        status = 500 if isinstance(exc, StoreError) else 400
        return error_response(request, status, str(exc))


def _same_origin(request: Request) -> bool:
    """False for a browser request sent from another site (a forged form post)."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin != "null"
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


def check_token(request: Request, given: str | None = None) -> None:
    """Raise 401 unless the request carries the server's token, or the server has
    none and the request comes from this machine.

    The token may come as ``Authorization: Bearer``, an ``X-Irinsider-Token``
    header, a form field (`given`) or the cookie set after a first good one.
    """
    token: str | None = request.app.state.config.token
    if token is None:
        if _from_elsewhere(request):
            raise StarletteHTTPException(
                401, "this server has no write token, so only this machine may write; start "
                     "it with irinsider serve --token (or $IRINSIDER_TOKEN) to write from "
                     "elsewhere")
        return
    auth = request.headers.get("authorization", "")
    candidates = [
        given,
        auth[7:] if auth.lower().startswith("bearer ") else None,
        request.headers.get("x-irinsider-token"),
        request.cookies.get(TOKEN_COOKIE),
    ]
    for candidate in candidates:
        if candidate and hmac.compare_digest(candidate.encode(), token.encode()):
            return
    raise StarletteHTTPException(
        401, "this server needs its write token: enter it in the form's token field, or "
             "send 'Authorization: Bearer TOKEN' (set with irinsider serve --token or "
             "$IRINSIDER_TOKEN)")


def remember(response: Response, request: Request, *, token: str | None = None,
             author: str | None = None) -> Response:
    """Set the cookies that spare a reader from typing the token and name again
    (sent back over HTTPS only, when they came over HTTPS)."""
    secure = request.url.scheme == "https"
    if token and request.app.state.config.token:
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict",
                            secure=secure)
    if author:
        response.set_cookie(AUTHOR_COOKIE, author, samesite="lax", max_age=365 * 86400,
                            secure=secure)
    return response


def _index_forever(app: FastAPI, stop: threading.Event, interval: float) -> None:
    from ..analysis import index_entities

    store = Store.open(app.state.db_path)
    try:
        while not stop.is_set():
            try:
                while index_entities(store, limit=100) and not stop.is_set():
                    pass
            except IrinsiderError:
                pass  # the database is busy or gone; try again later
            stop.wait(interval)
    finally:
        store.close()


def create_app(db: Store | str | Path, config: WebConfig | None = None, *,
               pipeline: Pipeline | None = None) -> FastAPI:
    """The reader app over the database `db` (a path, or an open Store for its path).

    `pipeline` is the coder used to preview, publish and re-code articles; it is
    loaded on first use when not given.
    """
    config = config or WebConfig()
    path = db.path if isinstance(db, Store) else Path(db)
    with Store.open(path) as store:  # create or migrate before serving
        from ..analysis import index_entities

        index_entities(store, limit=200)
        week_ago = datetime.now(UTC) - timedelta(days=7)
        store.delete_old_drafts(week_ago.isoformat(timespec="seconds"))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        worker = None
        if config.index_interval:
            worker = threading.Thread(target=_index_forever,
                                      args=(app, stop, config.index_interval),
                                      name="irinsider-entities", daemon=True)
            worker.start()
        try:
            yield
        finally:
            stop.set()
            if worker is not None:
                worker.join(timeout=5)
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
    app.state.pipeline = pipeline
    app.state.pipeline_lock = threading.Lock()
    _install_errors(app)
    # added first, so it runs inside the security middleware: a 413 gets the headers too
    app.add_middleware(BodyLimit, limit=config.max_body)

    @app.middleware("http")
    async def security(request: Request,
                       call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        if request.method not in ("GET", "HEAD", "OPTIONS") and not _same_origin(request):
            response = error_response(request, 403, "this form was sent from another site; "
                                      "use the form on this site")
        else:
            response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        elapsed = (time.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = f"app;dur={elapsed:.1f}"
        return response

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from . import actions, feeds, views

    views.register(app)
    actions.register(app)
    feeds.register(app)
    return app


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


def get_pipeline(request: Request) -> Pipeline:
    """The coder, loaded once on first use (a few seconds)."""
    app = request.app
    if app.state.pipeline is None:
        with app.state.pipeline_lock:
            if app.state.pipeline is None:
                from ..pipeline import Pipeline

                app.state.pipeline = Pipeline.load()
    return app.state.pipeline  # type: ignore[no-any-return]


def html(request: Request, template: str, data: dict[str, Any], *,
         api_url: str | None = None, status: int = 200) -> HTMLResponse:
    """Render `template` with `data` (what the JSON twin returns) as ``data``."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template,
                                      {"data": data, "api_url": api_url},
                                      status_code=status)


def bad_input(problem: str) -> InputError:
    """A 400 error about the request itself."""
    return InputError("request", problem)
