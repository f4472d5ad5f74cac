"""Who may write, how much a request may send, and the headers every response carries.

    check_token(request, given)      401 unless the request may write
    BodyLimit(app, limit)            413 for a body over `limit` bytes, declared or streamed
    security_headers(request, next)  403 for a write sent from another site; CSP and friends

Every response carries a strict Content-Security-Policy (scripts and styles from
this app only, no inline script), so even text that escaped escaping could not run.
Requests that write (POST) must come from this site (Origin checked), must fit in
`WebConfig.max_body` bytes (413 otherwise, streamed or declared) and must carry the
token when one is configured, or come from this machine when none is.
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .deps import web_config
from .failures import error_response

__all__ = ["AUTHOR_COOKIE", "CSP", "TOKEN_COOKIE", "BodyLimit", "check_token",
           "is_loopback", "remember", "security_headers", "size_label"]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
TOKEN_COOKIE = "irinsider_token"
AUTHOR_COOKIE = "irinsider_author"


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
    token = web_config(request).token
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
    if token and web_config(request).token:
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict",
                            secure=secure)
    if author:
        response.set_cookie(AUTHOR_COOKIE, author, samesite="lax", max_age=365 * 86400,
                            secure=secure)
    return response


async def security_headers(request: Request,
                           call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Refuse (403) a write sent from another site; give every response the security
    headers and its time taken (``Server-Timing``). An HTTP middleware."""
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


# ---------------------------------------------------------------------------- body size


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
