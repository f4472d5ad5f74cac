"""A small web site on 127.0.0.1 for the tests that fetch pages and feeds.

    with LocalWeb() as web:
        web.page("/a.html", "<html>...")              # served as text/html
        web.route("/x", Reply(500))                    # any answer
        web.url("/a.html")                             # http://127.0.0.1:PORT/a.html
        web.requests                                   # (method, path, headers) received

An unknown path answers 404 and /robots.txt is empty unless set. A reply may wait
before answering (`delay`), answer a conditional request with 304 (`etag`,
`last_modified`) or redirect. The server runs in a thread of its own and is shut
down on leaving the `with` block, whatever happens in it. Nothing here reaches
beyond this machine.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass
class Reply:
    """What the server answers on one path."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering
    etag: str | None = None  # answers 304 to If-None-Match with it
    last_modified: str | None = None  # answers 304 to If-Modified-Since with it


Handler = Callable[[str, dict[str, str]], Reply]


class LocalWeb:
    """A threaded HTTP server on 127.0.0.1 serving what the test sets."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Handler] = {"/robots.txt": Reply(body=b"",
                                                                         content_type="text/plain")}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self._lock = threading.Lock()
        web = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with web._lock:
                    web.requests.append(("GET", self.path, headers))
                    route = web.routes.get(self.path)
                if route is None:
                    reply = Reply(404, b"<html><body><p>Not found</p></body></html>")
                elif isinstance(route, Reply):
                    reply = route
                else:
                    reply = route(self.path, headers)
                if reply.delay:
                    time.sleep(reply.delay)
                fresh = ((reply.etag and headers.get("if-none-match") == reply.etag)
                         or (reply.last_modified
                             and headers.get("if-modified-since") == reply.last_modified))
                status, body = (304, b"") if fresh else (reply.status, reply.body)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in ((("ETag", reply.etag), ("Last-Modified",
                                         reply.last_modified)) + tuple(reply.headers.items())):
                        if value is not None:
                            self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up
                    pass

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, reply: Reply | Handler) -> str:
        """Serve `reply` on `path`; return its URL."""
        self.routes[path] = reply
        return self.url(path)

    def page(self, path: str, html: str, **kwargs: object) -> str:
        return self.route(path, Reply(body=html.encode("utf-8"), **kwargs))  # type: ignore[arg-type]

    def paths(self) -> list[str]:
        with self._lock:
            return [path for _, path, _ in self.requests]

    def __enter__(self) -> LocalWeb:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
