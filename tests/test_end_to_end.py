"""The whole tracker over real loopback servers: feed → claims → forecast change → email and Slack.

Nothing is mocked: the feed is served over HTTP, apprise sends a real email
to an aiosmtpd server and a real Slack webhook POST to an HTTP receiver
(apprise's Slack base URL is pointed at it), and state lives in SQLite.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests.support.feed_server import FeedServer
from tests.support.paths import FIXTURES
from tests.support.postgres import PostgresServer
from tests.support.smtp import SMTPServer
from tests.support.threads import run_together
from tests.support.webhook import SlackHook, WebhookReceiver
from tests.test_cli import run_tracker
from tracker.app import App, open_app
from tracker.config import Config, load_config

Story = list[tuple[str, str, str, datetime]]


def story(first: int, published: tuple[datetime, datetime] | None = None) -> tuple[Story, Story]:
    """Feed v1 restates the watchlist ("about FIRST"); v2 adds a slip to August FIRST+1."""
    v1 = [
        (
            "ce7-plan",
            "China outlines its next lunar missions",
            f"Chang'e 7 will launch in about {first} to survey the lunar south pole.",
            published[0] if published else datetime(first - 1, 3, 2, 8, 0, tzinfo=UTC),
        )
    ]
    v2 = [
        *v1,
        (
            "ce7-slip",
            "Chang'e 7 launch date set",
            f"Chang'e 7 is now scheduled to launch in August {first + 1}, the mission's chief designer said.",
            published[1] if published else datetime(first, 5, 20, 8, 0, tzinfo=UTC),
        ),
    ]
    return v1, v2


V1, V2 = story(2025)  # the issue's own dates, with the clock set to mid-2025
# Tests that run `tracker` as a process use the real clock: keep their targets in the future.
FUTURE = datetime.now(UTC).year + 2
RECENTLY = (datetime.now(UTC) - timedelta(days=60), datetime.now(UTC) - timedelta(days=3))
V1_FUTURE, V2_FUTURE = story(FUTURE, RECENTLY)


def rss(items: Story, base: str) -> str:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{escape(title)}</title><link>{base}/news/{guid}</link>"
        f"<pubDate>{format_datetime(published)}</pubDate><description>{escape(text)}</description></item>"
        for guid, title, text, published in reversed(items)
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    return f"{head}{entries}</channel></rss>"


@dataclass
class Clock:
    moment: datetime = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta


def write_config(
    tmp_path: Path,
    feed_url: str,
    channels: list[tuple[str, str]],
    first: int = 2025,
    database: str | None = None,
) -> Path:
    channel_yaml = "".join(f"  - name: {name}\n    url: '{url}'\n" for name, url in channels)
    database = database or f"sqlite:///{tmp_path / 'tracker.db'}"
    path = tmp_path / "config.yaml"
    path.write_text(
        f"database: {database}\n"
        "sources:\n"
        "  - name: spacewire\n"
        "    kind: rss\n"
        f"    url: {feed_url}\n"
        "    trust: news\n"
        "    lang: en\n"
        "missions:\n"
        "  change-7:\n"
        "    name: Chang'e 7\n"
        "    aliases: [Chang'e-7, CE-7, 嫦娥七号]\n"
        "    forecasts:\n"
        f"      launch: about {first}\n"
        "channels:\n" + channel_yaml,
        encoding="utf-8",
    )
    return path


@pytest.fixture
def config(
    tmp_path: Path,
    feed_server: FeedServer,
    smtp_server: SMTPServer,
    slack_to_receiver: SlackHook,
    database_url: str,
) -> Config:
    feed_server.put("/feed.xml", rss(V1, feed_server.base_url))
    path = write_config(
        tmp_path,
        feed_server.url("/feed.xml"),
        [("email", smtp_server.mailto_url(to="alerts@example.org")), ("slack", slack_to_receiver.url)],
        database=database_url,
    )
    return load_config(path, {})


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(config: Config, clock: Clock) -> Iterator[App]:
    with open_app(config, clock=clock) as running:
        yield running


def poll_and_deliver(app: App, clock: Clock) -> None:
    clock.advance(timedelta(hours=2))  # past the poll interval, so the source is due
    reports = app.poll()
    assert reports and all(r.ok for r in reports), [r.line() for r in reports]
    app.deliver()


def test_a_slip_reaches_email_and_slack_exactly_once(
    app: App,
    clock: Clock,
    config: Config,
    feed_server: FeedServer,
    smtp_server: SMTPServer,
    slack_to_receiver: SlackHook,
) -> None:
    poll_and_deliver(app, clock)
    assert smtp_server.messages == [] and slack_to_receiver.posts == []  # v1 matches the watchlist

    feed_server.put("/feed.xml", rss(V2, feed_server.base_url))
    poll_and_deliver(app, clock)

    assert len(smtp_server.messages) == 1
    email = smtp_server.messages[0]
    body = email.get_body(("plain", "html"))
    assert body is not None
    text = body.get_content()
    subject = str(email["Subject"])
    assert "Chang'e 7" in subject and "slipped" in subject
    for expected in ("about 2025", "Aug 2026", "August 2026", f"{feed_server.base_url}/news/ce7-slip"):
        assert expected in text, (expected, text)
    assert "alerts@example.org" in str(email["To"])

    assert len(slack_to_receiver.posts) == 1
    slack = json.dumps(slack_to_receiver.posts[0].json, ensure_ascii=False)
    for expected in ("Chang'e 7", "slipped", "about 2025", "Aug 2026", "August 2026", "/news/ce7-slip"):
        assert expected in slack, (expected, slack)

    poll_and_deliver(app, clock)  # the same feed again: nothing new
    assert len(smtp_server.messages) == 1 and len(slack_to_receiver.posts) == 1


def test_a_restart_sends_nothing_twice(
    config: Config,
    clock: Clock,
    feed_server: FeedServer,
    smtp_server: SMTPServer,
    slack_to_receiver: SlackHook,
) -> None:
    with open_app(config, clock=clock) as first:
        poll_and_deliver(first, clock)
        feed_server.put("/feed.xml", rss(V2, feed_server.base_url))
        poll_and_deliver(first, clock)
    assert len(smtp_server.messages) == 1 and len(slack_to_receiver.posts) == 1
    with open_app(config, clock=clock) as second:  # a new engine, client and pipeline on the same database
        poll_and_deliver(second, clock)
        feed_server.put("/feed.xml", rss(V2, feed_server.base_url) + "\n")  # a new ETag, same entries
        poll_and_deliver(second, clock)
    assert len(smtp_server.messages) == 1 and len(slack_to_receiver.posts) == 1


def run_check(config: Path) -> subprocess.CompletedProcess[str]:
    return run_tracker("check", "--config", str(config))


def test_separate_processes_alert_once(
    tmp_path: Path, feed_server: FeedServer, smtp_server: SMTPServer, webhook_receiver: WebhookReceiver
) -> None:
    """`tracker check` as real processes: a stop and a start in between changes nothing."""
    feed_server.put("/feed.xml", rss(V1_FUTURE, feed_server.base_url))
    config = write_config(
        tmp_path,
        feed_server.url("/feed.xml"),
        [
            ("email", smtp_server.mailto_url()),
            ("hook", "json://" + webhook_receiver.url("/hook").split("://")[1]),
        ],
        first=FUTURE,
    )
    first = run_check(config)
    assert first.returncode == 0, first.stderr
    assert smtp_server.messages == [] and webhook_receiver.posts == []
    feed_server.put("/feed.xml", rss(V2_FUTURE, feed_server.base_url))
    second = run_check(config)
    assert second.returncode == 0, second.stderr
    assert "1 new items" in second.stdout and "alerts: 2 sent" in second.stdout
    third = run_check(config)
    assert third.returncode == 0, third.stderr
    assert len(smtp_server.messages) == 1 and len(webhook_receiver.posts) == 1
    assert "slipped" in webhook_receiver.posts[0].json["title"]


def test_every_real_feed_is_ingested_without_an_exception(
    tmp_path: Path, feed_server: FeedServer, clock: Clock
) -> None:
    files = sorted((FIXTURES / "feeds" / "real").iterdir())
    assert files
    sources = "".join(
        f"  - name: real-{n}\n    kind: rss\n    url: {feed_server.url(f'/real/{n}')}\n" for n in range(len(files))
    )
    for n, path in enumerate(files):
        feed_server.put(f"/real/{n}", path.read_bytes(), content_type=None)
    config_path = tmp_path / "config.yaml"
    config_path.write_text(
        f"database: sqlite:///{tmp_path / 'tracker.db'}\nsources:\n{sources}"
        "missions:\n"
        "  artemis-2: {name: Artemis II, aliases: [Artemis 2], forecasts: {launch: 2026}}\n"
        "  artemis-3: {name: Artemis III, aliases: [Artemis 3]}\n"
        "  artemis-1: {name: Artemis I, aliases: [Artemis 1]}\n",
        encoding="utf-8",
    )
    with open_app(load_config(config_path, {}), clock=clock) as app:
        reports = app.poll(force=True)
    assert len(reports) == len(files)
    failed = [r.line() for r in reports if not r.ok]
    assert not failed, failed
    assert sum(r.new_items for r in reports) > 100


def test_two_instances_on_postgresql_alert_once(
    tmp_path: Path,
    feed_server: FeedServer,
    webhook_receiver: WebhookReceiver,
    postgres_server: PostgresServer,
) -> None:
    """Two daemons sharing a database never poll one source in the same interval nor send one alert twice."""
    feed_server.put("/feed.xml", rss(V2, feed_server.base_url))
    hook = "json://" + webhook_receiver.url("/hook").split("://")[1]
    config = load_config(
        write_config(
            tmp_path,
            feed_server.url("/feed.xml"),
            [("hook", hook)],
            database=postgres_server.create_database(),
        ),
        {},
    )
    clock = Clock()

    def instance() -> None:
        with open_app(config, clock=clock) as app:
            app.poll()
            app.deliver()

    run_together([instance, instance])
    assert len(feed_server.requests_for("/feed.xml")) == 1  # one poll between them
    assert [p.json["title"] for p in webhook_receiver.posts] == [
        "Chang'e 7 launch slipped: about 2025 → Aug 2026 (reported by one news source, unconfirmed)"
    ]
