"""The poll pipeline under awkward input: long keys, failing sources, many sources, future dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from tests.support.feed_server import FeedServer
from tests.test_end_to_end import Clock, rss
from tracker.app import open_app
from tracker.config import Config, DeliveryPolicy, load_config
from tracker.extract import Extractor
from tracker.model import Claim, TextItem
from tracker.notify.outbox import retry_delay
from tracker.notify.render import Message
from tracker.notify.send import SendResult
from tracker.pipeline import failure_delay, missions_of
from tracker.store.tables import ClaimRow, DeliveryRow, ItemRow, SourceRow

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def config_for(tmp_path: Path, urls: dict[str, str], trust: str = "agency") -> Config:
    sources = "".join(
        f"  - name: {name}\n    kind: rss\n    url: {url}\n    trust: {trust}\n" for name, url in urls.items()
    )
    path = tmp_path / "config.yaml"
    path.write_text(
        f"database: sqlite:///{tmp_path / 'tracker.db'}\nsources:\n{sources}"
        "missions:\n  change-7:\n    name: Chang'e 7\n    forecasts:\n      launch: about 2025\n",
        encoding="utf-8",
    )
    return load_config(path, {})


def test_an_entry_with_a_very_long_guid_is_recognised_next_time(tmp_path: Path, feed_server: FeedServer) -> None:
    guid = "urn:" + "x" * 700
    feed = rss([(guid, "t", "Chang'e 7 will launch in August 2026.", NOW - timedelta(days=1))], feed_server.base_url)
    feed_server.put("/f", feed)
    clock = Clock(NOW)
    with open_app(config_for(tmp_path, {"wire": feed_server.url("/f")}), clock=clock) as app:
        first = app.poll(force=True)
        feed_server.put("/f", feed + " ")  # a new ETag: the same entries are parsed again
        second = app.poll(force=True)
        with app.store.sessions() as session:
            keys = list(session.scalars(select(ItemRow.key)))
    assert [r.ok for r in first + second] == [True, True]
    assert first[0].new_items == 1 and second[0].new_items == 0
    assert len(keys) == 1 and keys[0].startswith("sha256:")


class FailsOn(Extractor):
    """An extractor with a bug that trips on one title: a fault injected to test isolation."""

    def extract(self, item: TextItem) -> list[Claim]:
        if item.title == "trips the bug":
            raise RuntimeError("boom")
        return super().extract(item)


def test_a_source_that_breaks_the_pipeline_does_not_starve_the_others(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put("/bad", rss([("b", "trips the bug", "text", NOW)], feed_server.base_url))
    feed_server.put("/good", rss([("g", "fine", "Chang'e 7 will launch in 2026.", NOW)], feed_server.base_url))
    config = config_for(tmp_path, {"a-bad": feed_server.url("/bad"), "b-good": feed_server.url("/good")})
    clock = Clock(NOW)
    with open_app(config, clock=clock) as app:
        app.pipeline.extractor = FailsOn(missions_of(config))
        reports = app.poll(force=True)
        with app.store.sessions() as session:
            rows = {r.name: r for r in session.scalars(select(SourceRow))}
    assert {r.source: r.ok for r in reports} == {"a-bad": False, "b-good": True}
    bad = next(r for r in reports if not r.ok)
    assert bad.error == "internal error: RuntimeError: boom"
    assert rows["a-bad"].failures == 1 and rows["a-bad"].lease_until is None
    assert rows["a-bad"].next_poll_at > NOW  # backed off, not first in line forever
    assert rows["b-good"].last_success_at == NOW


def test_check_polls_every_source_however_many(tmp_path: Path, feed_server: FeedServer) -> None:
    urls = {f"s{n:02}": feed_server.url(f"/f{n}") for n in range(60)}
    for n in range(60):
        feed_server.put(f"/f{n}", rss([(f"g{n}", "t", "nothing here", NOW)], feed_server.base_url))
    with open_app(config_for(tmp_path, urls), clock=Clock(NOW)) as app:
        reports = app.poll(force=True)
    assert sorted(r.source for r in reports) == sorted(urls) and all(r.ok for r in reports)


def test_an_item_dated_in_the_future_counts_from_when_it_was_fetched(tmp_path: Path, feed_server: FeedServer) -> None:
    future = ("f", "t", "Chang'e 7 will launch in August 2026.", datetime(2099, 1, 1, tzinfo=UTC))
    later = ("l", "t", "Chang'e 7 will launch in September 2026.", NOW + timedelta(days=2))
    feed_server.put("/f", rss([future], feed_server.base_url))
    clock = Clock(NOW)
    with open_app(config_for(tmp_path, {"wire": feed_server.url("/f")}), clock=clock) as app:
        app.poll(force=True)
        clock.advance(timedelta(days=3))
        feed_server.put("/f", rss([future, later], feed_server.base_url))
        app.poll(force=True)
        with app.store.sessions() as session:
            outcomes = dict(session.execute(select(ClaimRow.quote, ClaimRow.outcome)).all())
            published = session.scalar(select(ItemRow.published).where(ItemRow.text.contains("August")))
    assert published == NOW
    assert outcomes == {"August 2026": "slipped", "September 2026": "slipped"}  # not "stale"


def test_relative_dates_resolve_against_the_publishers_day(tmp_path: Path, feed_server: FeedServer) -> None:
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
        "<item><guid>ny</guid><title>New year plans</title>"
        "<pubDate>Thu, 01 Jan 2026 07:30:00 +0800</pubDate>"
        "<description>Chang'e 7 will launch next year.</description></item></channel></rss>"
    )
    feed_server.put("/f", feed)
    with open_app(config_for(tmp_path, {"xinhua": feed_server.url("/f")}), clock=Clock(NOW.replace(year=2026))) as app:
        app.poll(force=True)
        with app.store.sessions() as session:
            claim = session.scalars(select(ClaimRow)).one()
    assert (claim.earliest, claim.latest) == (date(2027, 1, 1), date(2027, 12, 31))  # not 2026: it was 1 January there


class Ticking(Clock):
    """A clock that moves on whenever it is read: a slow round of polls, without waiting."""

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=2)
        return self.moment


def test_a_round_polls_each_source_once_even_when_it_outlasts_the_interval(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    urls = {f"s{n}": feed_server.url(f"/f{n}") for n in range(4)}
    for n in range(4):
        feed_server.put(f"/f{n}", rss([(f"g{n}", "t", "nothing here", NOW)], feed_server.base_url))
    path = tmp_path / "config.yaml"
    config = config_for(tmp_path, urls)
    path.write_text(
        path.read_text("utf-8").replace("sources:\n", "defaults:\n  interval: 1m\n  jitter: 0s\nsources:\n")
    )
    with open_app(load_config(path, {}), clock=Ticking(NOW)) as app:
        reports = app.poll(force=True)
    assert config.sources and sorted(r.source for r in reports) == sorted(urls)


def test_backoff_stays_finite_however_long_a_source_is_down(tmp_path: Path) -> None:
    source = config_for(tmp_path, {"s": "http://127.0.0.1:9/"}).sources[0]
    assert failure_delay(source, 10_000, None) == timedelta(hours=24)
    assert retry_delay(DeliveryPolicy(max_attempts=100_000), 10_000) == DeliveryPolicy().max_backoff


def test_a_sender_that_raises_is_a_failed_attempt(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put("/f", rss([("a", "t", "Chang'e 7 will launch in August 2026.", NOW)], feed_server.base_url))
    path = tmp_path / "config.yaml"
    config_for(tmp_path, {"wire": feed_server.url("/f")})
    path.write_text(path.read_text("utf-8") + "channels:\n  - name: hook\n    url: json://127.0.0.1:9/\n")

    def explode(_url: str, _message: Message) -> SendResult:
        raise RuntimeError("renderer bug")

    with open_app(load_config(path, {}), clock=Clock(NOW), send=explode) as app:
        app.poll(force=True)
        report = app.deliver()
        with app.store.sessions() as session:
            row = session.scalars(select(DeliveryRow)).one()
    assert (report.sent, report.retrying) == (0, 1)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "internal error: RuntimeError: renderer bug")
    assert row.lease_until is None and row.next_attempt_at > NOW
