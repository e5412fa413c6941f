"""A real SMTP server on loopback (aiosmtpd) that records every message it accepts.

apprise's ``mailto://`` plugin talks plain SMTP to it over a socket, so tests
see the email exactly as a mail server would: envelope, headers and body.
"""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass(frozen=True, slots=True)
class Received:
    """One accepted delivery: the SMTP envelope and the parsed message."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage


@dataclass
class _Recorder:
    """aiosmtpd handler: parse each DATA with the stdlib and keep it."""

    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        assert isinstance(raw, bytes)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(str(envelope.mail_from), tuple(str(r) for r in envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class _LoopbackController(Controller):
    """A Controller listening on a socket bound up front to 127.0.0.1:0.

    aiosmtpd needs the port before it starts (it connects to check readiness),
    so binding first gives a free port with no window for another process to
    take it between "find a port" and "listen".
    """

    def __init__(self, handler: Any) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        super().__init__(handler, hostname="127.0.0.1", port=self._sock.getsockname()[1])

    def _create_server(self) -> Awaitable[Any]:
        # The documented extension point: bind to our socket instead of host:port.
        return self.loop.create_server(self._factory_invoker, sock=self._sock, ssl=self.ssl_context)


@dataclass
class SMTPServer:
    """The running server and what it has received."""

    host: str
    port: int
    _recorder: _Recorder

    @property
    def received(self) -> list[Received]:
        return self._recorder.received

    @property
    def messages(self) -> list[EmailMessage]:
        return [r.message for r in self._recorder.received]

    def mailto_url(
        self,
        to: str = "ops@example.org",
        sender: str = "tracker@example.org",
        *,
        user: str | None = None,
        password: str | None = None,
        port: int | None = None,
    ) -> str:
        """An apprise ``mailto://`` URL for plain SMTP (no TLS) to this server.

        ``smtp=`` names the server host, the URL's port is the SMTP port,
        ``mode=insecure`` turns off STARTTLS, ``from=``/``to=`` set the
        addresses. With ``user``/``password`` apprise would try to log in,
        which this server does not offer; they exist to test redaction.
        """
        auth = ""
        if user is not None:
            auth = quote(user, safe="")
            if password is not None:
                auth += ":" + quote(password, safe="")
            auth += "@"
        query = urlencode({"smtp": self.host, "mode": "insecure", "from": sender, "to": to})
        return f"mailto://{auth}{self.host}:{port or self.port}/?{query}"


@pytest.fixture
def smtp_server() -> Iterator[SMTPServer]:
    """An aiosmtpd server on 127.0.0.1 (free port); start and stop are synchronous."""
    recorder = _Recorder()
    controller = _LoopbackController(recorder)
    controller.start()
    try:
        yield SMTPServer(controller.hostname, controller.port, recorder)
    finally:
        controller.stop()
