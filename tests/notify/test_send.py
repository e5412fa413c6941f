"""send() over real sockets: email to aiosmtpd, Slack and json:// to a loopback HTTP receiver.

Nothing in apprise or its HTTP/SMTP stack is mocked; the one adjustment is
``slack_to_receiver`` pointing the Slack plugin's webhook base at loopback.
"""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from tests.notify.factories import ARTICLE, LINK, QUOTE, alert, evidence
from tests.support.paths import FIXTURES
from tests.support.smtp import SMTPServer
from tests.support.webhook import SlackHook, WebhookReceiver
from tracker.notify.render import render_alert
from tracker.notify.send import send

PASSWORD = "hunter2-Secret"


@pytest.fixture
def closed_port() -> int:
    """A loopback port nothing listens on: bound to learn a free number, then closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections (kernel backlog) but never answers."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        yield sock.getsockname()[1]


def _one_line(error: str | None) -> str:
    assert error, "a failure must say why"
    assert "\n" not in error and "\r" not in error
    return error


# --------------------------------------------------------------------------- email


def test_email_arrives_with_subject_body_and_recipient(smtp_server: SMTPServer) -> None:
    message = render_alert(alert(note="reported, unconfirmed"))
    result = send(smtp_server.mailto_url(to="desk@example.org"), message)
    assert result.ok and result.error is None

    [received] = smtp_server.received
    assert received.rcpt_tos == ("desk@example.org",)
    assert received.mail_from == "tracker@example.org"
    email = received.message
    assert email["Subject"] == message.title
    assert email["To"] == "desk@example.org"
    assert email.get_content_type() == "text/plain"  # the text body, not Markdown
    text = email.get_content()
    assert "From: about 2025" in text and "To: Aug 2026" in text
    assert f"“{QUOTE}”" in text
    assert f"Link: {LINK}" in text
    assert "**" not in text


def test_email_keeps_non_ascii_evidence(smtp_server: SMTPServer) -> None:
    quote = "嫦娥七号计划于2026年8月发射"
    message = render_alert(alert(evidence=(evidence(source="cnsa", quote=quote, title="嫦娥七号"),)))
    assert send(smtp_server.mailto_url(), message).ok
    assert f"“{quote}”" in smtp_server.messages[0].get_content()


def test_email_to_a_closed_port_fails_with_one_line_and_no_password(smtp_server: SMTPServer, closed_port: int) -> None:
    url = smtp_server.mailto_url(user="tracker", password=PASSWORD, port=closed_port)
    result = send(url, render_alert(alert()), timeout=5)
    assert not result.ok
    error = _one_line(result.error)
    assert PASSWORD not in error
    assert f"127.0.0.1:{closed_port}" in error
    assert "connection" in error.lower()
    assert smtp_server.received == []


def test_socket_detail_is_included_when_apprise_logs_at_debug(
    smtp_server: SMTPServer, closed_port: int, caplog: pytest.LogCaptureFixture
) -> None:
    # The operator's choice, restored after the test: send() never changes logger levels itself.
    caplog.set_level(logging.DEBUG, logger="apprise")
    url = smtp_server.mailto_url(user="tracker", password=PASSWORD, port=closed_port)
    error = _one_line(send(url, render_alert(alert()), timeout=5).error)
    assert "Connection refused" in error
    assert PASSWORD not in error


# --------------------------------------------------------------------------- Slack


def _attachment(hook: SlackHook) -> dict[str, Any]:
    [post] = hook.posts
    assert post.headers["content-type"].startswith("application/json")
    assert isinstance(post.json, dict)
    [attachment] = post.json["attachments"]
    assert isinstance(attachment, dict)
    return attachment


def test_slack_post_carries_mission_windows_quote_and_link(slack_to_receiver: SlackHook) -> None:
    message = render_alert(alert())
    result = send(slack_to_receiver.url, message)
    assert result.ok, result.error

    [post] = slack_to_receiver.posts
    assert post.json["mrkdwn"] is True  # Slack got the Markdown body, converted to mrkdwn
    attachment = _attachment(slack_to_receiver)
    assert attachment["title"] == "Chang'e 7 launch slipped: about 2025 → Aug 2026"
    text = attachment["text"]
    assert "Chang'e 7" in text
    assert "*From:* about 2025" in text and "*To:* Aug 2026" in text
    assert f"> “{QUOTE}”" in text
    assert f"<{LINK}|{ARTICLE}>" in text  # Slack's own link syntax
    assert attachment["footer"] == "tracker"


def test_slack_blocks_mode_puts_title_in_a_header(slack_to_receiver: SlackHook) -> None:
    message = render_alert(alert())
    assert send(slack_to_receiver.url + "?blocks=yes", message).ok
    blocks = _attachment(slack_to_receiver)["blocks"]
    header, section = blocks[0], blocks[1]
    assert header["type"] == "header"
    assert header["text"]["text"] == message.title
    assert section["text"]["type"] == "mrkdwn"
    assert f"<{LINK}|{ARTICLE}>" in section["text"]["text"]


def _text_object_types(node: Any) -> set[str]:
    """Every Slack text-object type ("mrkdwn", "plain_text") found in a payload."""
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("text"), dict):
            found.add(node["text"]["type"])
        for value in node.values():
            found |= _text_object_types(value)
    elif isinstance(node, list):
        for value in node:
            found |= _text_object_types(value)
    return found


def test_slack_payload_has_the_shape_of_real_incoming_webhook_payloads(slack_to_receiver: SlackHook) -> None:
    legacy = json.loads((FIXTURES / "slack/slack-github-action_incoming-webhook_attachments.json").read_text())
    blocks = json.loads((FIXTURES / "slack/slack-github-action_incoming-webhook_blocks.json").read_text())
    assert send(slack_to_receiver.url, render_alert(alert())).ok
    assert send(slack_to_receiver.url + "?blocks=yes", render_alert(alert())).ok
    ours_legacy, ours_blocks = (p.json for p in slack_to_receiver.posts)

    # Legacy: a list of attachments, each with a colour, as Slack documents it.
    assert isinstance(ours_legacy["attachments"], list)
    assert set(legacy["attachments"][0]) & set(ours_legacy["attachments"][0]) >= {"color"}
    # Blocks: every block typed, text objects of the kinds Slack accepts.
    ours = ours_blocks["attachments"][0]["blocks"]
    assert all(isinstance(b.get("type"), str) for b in ours)
    assert _text_object_types(ours) <= _text_object_types(blocks["blocks"]) | {"mrkdwn", "plain_text"}
    assert _text_object_types(blocks["blocks"]) >= {"mrkdwn", "plain_text"}


def test_slack_mentions_in_evidence_never_reach_slack_as_mentions(slack_to_receiver: SlackHook) -> None:
    hostile = evidence(
        quote="<!channel> slips <!here|here> to 2026 <@U024BE7LH>",
        title="[win a prize](https://evil.example) <!everyone>",
    )
    assert send(slack_to_receiver.url, render_alert(alert(evidence=(hostile,)))).ok
    raw = slack_to_receiver.posts[0].body.decode()
    text = _attachment(slack_to_receiver)["text"]
    for token in ("<!channel>", "<!here", "<!everyone>", "<@U024BE7LH>"):
        assert token not in text
    assert "<https://evil.example" not in text  # no link was injected
    assert "\\u003c!channel" not in raw.lower()


def test_slack_answering_500_is_a_failure_without_tokens(slack_to_receiver: SlackHook) -> None:
    slack_to_receiver.receiver.status = 500
    slack_to_receiver.receiver.response_body = b"internal_error"
    result = send(slack_to_receiver.url, render_alert(alert()))
    assert not result.ok
    error = _one_line(result.error)
    assert "500" in error
    assert "trackerTestHookSecret123" not in error
    assert len(slack_to_receiver.posts) == 1  # tried once; retrying is the outbox's job


# --------------------------------------------------------------------------- json://


def test_json_post_carries_title_and_text_body(webhook_receiver: WebhookReceiver) -> None:
    message = render_alert(alert())
    result = send(f"json://127.0.0.1:{webhook_receiver.port}/tracker-hook", message)
    assert result.ok, result.error
    [post] = webhook_receiver.posts
    assert post.path == "/tracker-hook"
    assert post.json["title"] == message.title
    assert post.json["message"] == message.body
    assert post.json["type"] == "info"


def test_json_receiver_answering_500_is_a_failure(webhook_receiver: WebhookReceiver) -> None:
    webhook_receiver.status = 500
    url = f"json://user:{PASSWORD}@127.0.0.1:{webhook_receiver.port}/hook"
    result = send(url, render_alert(alert()))
    assert not result.ok
    error = _one_line(result.error)
    assert "500" in error
    assert PASSWORD not in error
    assert f"127.0.0.1:{webhook_receiver.port}" in error


def test_header_tokens_are_not_echoed(webhook_receiver: WebhookReceiver) -> None:
    webhook_receiver.status = 503
    url = f"json://127.0.0.1:{webhook_receiver.port}/hook?+Authorization=Bearer%20tok-{PASSWORD}"
    result = send(url, render_alert(alert()))
    assert not result.ok
    assert PASSWORD not in _one_line(result.error)
    assert webhook_receiver.posts[0].headers["authorization"] == f"Bearer tok-{PASSWORD}"


def test_a_server_that_never_answers_is_bounded_by_the_timeout(silent_port: int) -> None:
    result = send(f"json://127.0.0.1:{silent_port}/hook", render_alert(alert()), timeout=0.5)
    assert not result.ok
    error = _one_line(result.error)
    assert "127.0.0.1" in error and "no answer within 0.5s" in error


# --------------------------------------------------------------------------- URLs apprise cannot use


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("nope://example.org/x", "unknown notification scheme nope://"),
        ("not a url", "not a notification URL"),
        ("", "not a notification URL"),
        ("mailtos://example.org?mode=notamode", "invalid mailtos:// URL"),
    ],
)
def test_urls_apprise_cannot_use_fail_without_raising(url: str, words: str) -> None:
    result = send(url, render_alert(alert()))
    assert not result.ok
    assert words in _one_line(result.error)


def test_rejected_tokens_are_not_echoed() -> None:
    secret = "SECRETtoken99"
    result = send(f"slack://-INVALID-/BTRACKER02/{secret}-x/", render_alert(alert()))
    assert not result.ok
    assert secret not in _one_line(result.error)
