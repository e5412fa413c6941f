"""A real HTTP receiver on loopback that records what channels POST to it.

Tests point apprise's HTTP plugins (``json://``, Slack) at it so a message
really travels over a socket; nothing in apprise or its HTTP stack is mocked.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass(frozen=True, slots=True)
class Post:
    """One request as it arrived: path, headers (lower-cased names), raw body and its JSON."""

    path: str
    headers: dict[str, str]
    body: bytes
    json: Any  # None when the body is not JSON


@dataclass
class WebhookReceiver:
    """The running server, what it received, and how it should answer next."""

    port: int
    posts: list[Post] = field(default_factory=list)
    status: int = 200  # set to e.g. 500 to make the next requests fail
    response_body: bytes = b"ok"  # Slack webhooks answer a bare "ok"
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def url(self, path: str = "/") -> str:
        """``http://127.0.0.1:PORT/path`` for this receiver."""
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def record(self, post: Post) -> tuple[int, bytes]:
        with self._lock:
            self.posts.append(post)
            return self.status, self.response_body


def _handler_for(receiver_ref: list[WebhookReceiver]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            try:
                parsed: Any = json.loads(body)
            except ValueError:
                parsed = None
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, reply = receiver_ref[0].record(Post(self.path, headers, body, parsed))
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet; the recorded posts are the log."""

    return Handler


@pytest.fixture
def webhook_receiver() -> Iterator[WebhookReceiver]:
    """A ThreadingHTTPServer on 127.0.0.1 (free port) recording every POST."""
    ref: list[WebhookReceiver] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(ref))
    ref.append(WebhookReceiver(port=server.server_address[1]))
    # A short poll interval keeps shutdown() quick; it only bounds how soon the loop notices.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, name="webhook-receiver", daemon=True
    )
    thread.start()
    try:
        yield ref[0]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass(frozen=True, slots=True)
class SlackHook:
    """A Slack incoming webhook whose posts land on the loopback receiver."""

    receiver: WebhookReceiver
    url: str  # the apprise slack:// URL to send to
    path: str  # where its posts arrive on the receiver

    @property
    def posts(self) -> list[Post]:
        return [p for p in self.receiver.posts if p.path == self.path]


# Made-up webhook tokens in the shape Slack issues (team / bot / secret).
_SLACK_TOKENS = ("TTRACKER01", "BTRACKER02", "trackerTestHookSecret123")


@pytest.fixture
def slack_to_receiver(webhook_receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch) -> SlackHook:
    """Point apprise's Slack webhook base at the receiver; the POST really goes over HTTP.

    ``NotifySlack.webhook_url`` is the class attribute holding
    "https://hooks.slack.com/services"; the plugin appends /TOKEN_A/TOKEN_B/TOKEN_C.
    Replacing that base is the only adjustment: apprise builds and sends the
    payload itself, with requests, to a real socket.
    """
    from apprise.plugins.slack import NotifySlack

    monkeypatch.setattr(NotifySlack, "webhook_url", webhook_receiver.url("/services").rstrip("/"))
    a, b, c = _SLACK_TOKENS
    return SlackHook(webhook_receiver, url=f"slack://{a}/{b}/{c}/", path=f"/services/{a}/{b}/{c}")
