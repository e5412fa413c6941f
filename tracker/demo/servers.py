"""Two tiny loopback HTTP servers for the demo: one serves feeds, one receives alerts.

The demo runs the daemon's own code over real HTTP and a real apprise
channel (``json://``) without touching the network.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """The demo prints alerts, not access logs."""


class FeedServer:
    """Serves whatever bytes the demo last put at each path."""

    def __init__(self) -> None:
        self.documents: dict[str, bytes] = {}
        documents = self.documents

        class Handler(_Quiet):
            def do_GET(self) -> None:
                body = documents.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}{path}"


class AlertReceiver:
    """Collects the JSON bodies apprise posts, in arrival order."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        received = self.received
        lock = threading.Lock()

        class Handler(_Quiet):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                with lock:
                    received.append(payload)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])


@contextmanager
def serving(*servers: FeedServer | AlertReceiver) -> Iterator[None]:
    """Run the servers on background threads for the duration of the block."""
    threads = [threading.Thread(target=s.httpd.serve_forever, daemon=True) for s in servers]
    for t in threads:
        t.start()
    try:
        yield
    finally:
        for s in servers:
            s.httpd.shutdown()
            s.httpd.server_close()
