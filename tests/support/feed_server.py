"""A real HTTP feed server on loopback, for tests that fetch feeds for real.

Tests ``put`` a document at a path (and later put a new version at the same
path), then point the tracker at ``server.url(path)``. The server behaves like
a well-configured web server: it sends ETag / Last-Modified, answers
conditional requests with 304, follows what ``redirect`` says, and records
every request so tests can check what the client sent.

Use it through the ``feed_server`` pytest fixture, or as a context manager.
"""

from __future__ import annotations

import gzip as gzip_module
import hashlib
import socket
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple

import httpx
import pytest


class Received(NamedTuple):
    """One request the server saw: its path (with query) and headers (case-insensitive)."""

    path: str
    headers: httpx.Headers


@dataclass(frozen=True)
class _Route:
    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    location: str | None = None  # for redirects: a path on this server or an absolute URL


class _QuietHTTPServer(ThreadingHTTPServer):
    """Clients that hang up early (size caps, timeouts) are expected; don't print tracebacks."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class FeedServer:
    """A ThreadingHTTPServer on 127.0.0.1:<free port> whose routes tests set at will."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: dict[str, _Route] = {}
        self._requests: list[Received] = []
        self._httpd = _QuietHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.01,), daemon=True)

    # -- lifecycle -----------------------------------------------------------------

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what tests drive ----------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + _normal(path)

    def put(
        self,
        path: str,
        body: bytes | str,
        *,
        content_type: str | None = "application/rss+xml",
        etag: bool | str | None = True,
        last_modified: str | None = None,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        gzip: bool = False,
    ) -> None:
        """Serve ``body`` at ``path`` from now on, replacing whatever was there.

        ``etag=True`` derives a strong ETag from the body (so a new version gets
        a new ETag); a string is used as is; False/None sends none.
        ``status`` other than 200 serves the body with that status, e.g. 429 or
        503 with ``headers={"Retry-After": "120"}``.
        """
        data = body.encode("utf-8") if isinstance(body, str) else body
        tag = f'"{hashlib.sha256(data).hexdigest()[:20]}"' if etag is True else (etag or None)
        extra = dict(headers or {})
        if content_type is not None:
            extra.setdefault("Content-Type", content_type)
        route = _Route(status, data, extra, tag, last_modified, gzip)
        with self._lock:
            self._routes[_normal(path)] = route

    def redirect(self, path: str, to: str, *, status: int = 301) -> None:
        """Answer ``path`` with a redirect to ``to`` (a path here, or an absolute URL)."""
        with self._lock:
            self._routes[_normal(path)] = _Route(status, location=to)

    def remove(self, path: str) -> None:
        """Stop serving ``path`` (it answers 404 again)."""
        with self._lock:
            self._routes.pop(_normal(path), None)

    @property
    def requests(self) -> list[Received]:
        """Every request received so far, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, path: str) -> list[Received]:
        return [r for r in self.requests if r.path == _normal(path)]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    # -- used by the handler -------------------------------------------------------

    def _record(self, path: str, headers: httpx.Headers) -> _Route | None:
        with self._lock:
            self._requests.append(Received(path, headers))
            return self._routes.get(path)


def _normal(path: str) -> str:
    return path if path.startswith("/") else "/" + path


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    """A handler class bound to one FeedServer (no module-level state)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _answer(self, *, send_body: bool) -> None:
            headers = httpx.Headers(list(self.headers.items()))
            route = server._record(self.path, headers)
            if route is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not found\n", send_body)
            elif route.location is not None:
                target = route.location if "://" in route.location else server.url(route.location)
                self._send(route.status, {"Location": target}, b"", send_body)
            elif route.status == 200 and _not_modified(route, headers):
                self._send(304, _validator_headers(route), b"", send_body=False)
            else:
                body, encoding = _encoded(route)
                headers_out = {**route.headers, **encoding}
                if 200 <= route.status < 300:
                    headers_out.update(_validator_headers(route))
                self._send(route.status, headers_out, body, send_body)

        def _send(self, status: int, headers: Mapping[str, str], body: bytes, send_body: bool) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)

    return Handler


def _encoded(route: _Route) -> tuple[bytes, dict[str, str]]:
    """The body as sent on the wire, with the Content-Encoding that says how."""
    if route.gzip:
        return gzip_module.compress(route.body), {"Content-Encoding": "gzip"}
    return route.body, {}


def _validator_headers(route: _Route) -> dict[str, str]:
    headers = {}
    if route.etag:
        headers["ETag"] = route.etag
    if route.last_modified:
        headers["Last-Modified"] = route.last_modified
    return headers


def _not_modified(route: _Route, request: httpx.Headers) -> bool:
    """RFC 9110 §13.1: If-None-Match wins when present; otherwise If-Modified-Since."""
    if_none_match: str | None = request.get("if-none-match")
    if if_none_match is not None:
        if route.etag is None:
            return False
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or route.etag.removeprefix("W/") in tags
    since: str | None = request.get("if-modified-since")
    if since is None or route.last_modified is None:
        return False
    try:
        return bool(parsedate_to_datetime(route.last_modified) <= parsedate_to_datetime(since))
    except (TypeError, ValueError):
        return since == route.last_modified


def closed_port_url(path: str = "/feed.xml") -> str:
    """A loopback URL where nothing listens, for "connection refused"."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


class SilentServer:
    """A socket that accepts connections (via the kernel backlog) and never answers: for timeouts."""

    def __init__(self) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)

    def url(self, path: str = "/feed.xml") -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}{_normal(path)}"

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> SilentServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A running FeedServer, stopped after the test."""
    with FeedServer() as server:
        yield server
