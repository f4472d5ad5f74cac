"""How a failure reaches a reader: the error page, or JSON under ``/api/``.

    error_response(request, 404, "no article 'x'")
        -> error.html with status 404, or {"ok": false, "status": 404, "error": "..."}

One kind of error reaches a reader. An `IrinsiderError` (400 for bad input, 500 for
a database problem, 503 while another process keeps the database locked), an HTTP
error (404, 403, 413, ...) or a request that does not validate (400) is rendered by
`error_response`; `install_error_handlers` makes the app do so.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import IrinsiderError, StoreBusyError, StoreError
from .deps import html

__all__ = ["error_response", "install_error_handlers", "wants_json"]

_TITLES = {400: "that request cannot be answered", 401: "a token is needed",
           403: "not allowed", 404: "not found", 405: "method not allowed",
           413: "too large", 500: "something went wrong"}


def wants_json(request: Request) -> bool:
    """Whether the request is for the JSON API (``/api/...`` or the schema)."""
    path = request.url.path
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def error_response(request: Request, status: int, message: str) -> Response:
    """The one way an error reaches a reader: an error page, or JSON under /api/."""
    data = {"ok": False, "status": status, "error": message}
    if wants_json(request):
        return JSONResponse(data, status_code=status)
    return html(request, "error.html", data, api_url=None, status=status)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    detail = exc.detail if isinstance(exc.detail, str) else None
    if not detail or detail == "Not Found":
        detail = (f"nothing is at {request.url.path}; start from the home page"
                  if exc.status_code == 404 else _TITLES.get(exc.status_code, "error"))
    return error_response(request, exc.status_code, detail)


async def _bad_request(request: Request, exc: RequestValidationError) -> Response:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body"))
        problems.append(f"{where}: {err.get('msg', 'invalid')}")
    return error_response(request, 400, "; ".join(problems) or "invalid request")


async def _irinsider_error(request: Request, exc: IrinsiderError) -> Response:
    if isinstance(exc, StoreBusyError):  # a long write elsewhere: worth trying again
        response = error_response(request, 503, str(exc))
        response.headers["Retry-After"] = "5"
        return response
    status = 500 if isinstance(exc, StoreError) else 400
    return error_response(request, status, str(exc))


def install_error_handlers(app: FastAPI) -> None:
    """Render HTTP errors, invalid requests and `IrinsiderError`s as `error_response`."""
    app.exception_handler(StarletteHTTPException)(_http_error)
    app.exception_handler(RequestValidationError)(_bad_request)
    app.exception_handler(IrinsiderError)(_irinsider_error)
