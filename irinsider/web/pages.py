"""Pages served twice: as HTML rendered from a template, and as JSON under ``/api``.

    @page(router, "/pairs/{pair}", "pair.html", name="pair", summary="Two countries")
    def pair(...) -> dict[str, Any]: ...

    GET /pairs/CUB-RUS       HTML: pair.html given the view's data
    GET /api/pairs/CUB-RUS   JSON: {"ok": true, **data}, described in the OpenAPI schema

A view returns its page's data, or a `Response` (a redirect) that both twins return
as it is.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from .deps import html
from .helpers import api_twin

__all__ = ["api_path", "page", "redirect_same_kind"]

View = TypeVar("View", bound=Callable[..., Any])


def api_path(path: str) -> str:
    """The JSON twin's path of a page's path: "/" -> "/api", "/events" -> "/api/events"."""
    return "/api" if path == "/" else "/api" + path


def page(router: APIRouter, path: str, template: str, *, name: str, summary: str,
         tag: str = "pages") -> Callable[[View], View]:
    """Serve a view at `path` as HTML (rendering `template`) and at /api`path` as JSON."""

    def register_view(view: View) -> View:
        signature = inspect.signature(view, eval_str=True).replace(
            return_annotation=inspect.Signature.empty)

        def as_json(*args: Any, **kwargs: Any) -> Response:
            data = view(*args, **kwargs)
            if isinstance(data, Response):
                return data
            return JSONResponse({"ok": True, **data})

        def as_html(*args: Any, **kwargs: Any) -> Response:
            data = view(*args, **kwargs)
            if isinstance(data, Response):
                return data
            request: Request = kwargs["request"]
            return html(request, template, {"ok": True, **data}, api_url=api_twin(request))

        for endpoint in (as_json, as_html):
            endpoint.__signature__ = signature  # type: ignore[attr-defined]
            endpoint.__doc__ = view.__doc__
        router.add_api_route(api_path(path), as_json, methods=["GET"], name=f"{name}_api",
                             summary=summary, tags=[tag], response_class=JSONResponse,
                             response_model=None)
        router.add_api_route(path, as_html, methods=["GET"], name=name,
                             include_in_schema=False, response_class=HTMLResponse,
                             response_model=None)
        return view

    return register_view


def redirect_same_kind(request: Request, path: str) -> RedirectResponse:
    """Redirect to `path` (HTML) or its /api twin, keeping the query."""
    if request.url.path.startswith("/api"):
        path = api_path(path)
    query = request.url.query
    return RedirectResponse(path + ("?" + query if query else ""), status_code=308)
