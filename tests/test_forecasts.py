"""Forecast rules as users meet them: ordering, trust, corroboration, contradictions, overdue, edits."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.support.feed_server import FeedServer
from tests.test_end_to_end import Clock, rss
from tracker.app import open_app
from tracker.config import MissionConfig, load_config, load_watchlist
from tracker.model import NewsMoves, Policy
from tracker.replay import CorpusItem, parse_item, replay
from tracker.store.tables import ChangeRow, ClaimRow, DeliveryRow, ForecastRow

WATCH = """missions:
  change-7:
    name: Chang'e 7
    aliases: [CE-7]
    forecasts:
      launch: about 2025
"""


@pytest.fixture
def missions(tmp_path: Path) -> dict[str, MissionConfig]:
    path = tmp_path / "watch.yaml"
    path.write_text(WATCH, encoding="utf-8")
    return load_watchlist(path)


def item(n: int, published: str, text: str, *, source: str = "wire", kind: str = "news") -> CorpusItem:
    raw = {
        "id": f"i{n}",
        "published": published,
        "source": f"https://{source}.example/{n}",
        "source_kind": kind,
        "lang": "en",
        "title": "",
        "text": text,
    }
    return parse_item(json.dumps(raw), n)


def kinds(changes: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [(c["kind"], c["to"], tuple(c["evidence"])) for c in changes]  # type: ignore[arg-type]


def test_an_agency_move_applies_at_once_without_a_note(missions: dict[str, MissionConfig]) -> None:
    changes = replay([item(1, "2024-04-25", "Chang'e 7 will launch in 2026.", kind="agency")], missions)
    assert kinds(changes) == [("slipped", "2026", ("i1",))] and "note" not in changes[0]


def test_corroborate_waits_for_a_second_independent_source(missions: dict[str, MissionConfig]) -> None:
    policy = Policy(news_moves=NewsMoves.CORROBORATE)
    first = item(1, "2024-04-25", "Chang'e 7 will launch in 2026.", source="wire")
    same_outlet = item(2, "2024-04-28", "Chang'e 7 will launch in 2026.", source="wire")
    other_outlet = item(3, "2024-05-02", "Chang'e 7 is expected to launch in 2026.", source="daily")
    assert replay([first, same_outlet], missions, policy=policy) == []
    changes = replay([first, same_outlet, other_outlet], missions, policy=policy)
    assert kinds(changes) == [("slipped", "2026", ("i1", "i3"))]
    too_late = item(4, "2024-07-01", "Chang'e 7 is expected to launch in 2026.", source="daily")
    assert replay([first, too_late], missions, policy=policy) == []  # past the 30-day window


def test_apply_treats_news_like_an_agency(missions: dict[str, MissionConfig]) -> None:
    changes = replay(
        [item(1, "2024-04-25", "Chang'e 7 will launch in 2026.")],
        missions,
        policy=Policy(news_moves=NewsMoves.APPLY),
    )
    assert kinds(changes) == [("slipped", "2026", ("i1",))] and "note" not in changes[0]


def test_a_confirmation_alerts_once_per_trust_level(missions: dict[str, MissionConfig]) -> None:
    slip = item(1, "2024-04-25", "Chang'e 7 will launch in 2026.", source="wire")
    echo = item(2, "2024-06-01", "Chang'e 7 will launch in 2026.", source="daily")  # after the grouping window
    echo_again = item(3, "2024-06-05", "Chang'e 7 will launch in 2026.", source="post")
    agency = item(4, "2024-07-01", "Chang'e 7 will launch in 2026.", source="cnsa", kind="agency")
    agency_again = item(5, "2024-08-01", "Chang'e 7 will launch in 2026.", source="cnsa2", kind="agency")
    changes = replay([slip, echo, echo_again, agency, agency_again], missions)
    assert [(k, e) for k, _, e in kinds(changes)] == [
        ("slipped", ("i1",)),
        ("confirmed", ("i2",)),
        ("confirmed", ("i4",)),
    ]


def test_a_source_repeating_itself_confirms_nothing(missions: dict[str, MissionConfig]) -> None:
    slip = item(1, "2024-04-25", "Chang'e 7 will launch in 2026.", source="wire")
    repeat = item(2, "2024-06-01", "Chang'e 7 will launch in 2026.", source="wire")
    assert [k for k, _, _ in kinds(replay([slip, repeat], missions))] == ["slipped"]


def test_claims_against_a_settled_record_are_flagged_not_applied(missions: dict[str, MissionConfig]) -> None:
    launched = item(1, "2026-08-04", "Chang'e 7 launched successfully on 2 August 2026.", kind="agency")
    wrong = item(2, "2026-09-01", "Chang'e 7 will launch in 2027.", kind="agency", source="other")
    changes = replay([launched, wrong], missions)
    assert [k for k, _, _ in kinds(changes)] == ["occurred"]


# --------------------------------------------------------------------------- through the daemon's pipeline


def write_config(tmp_path: Path, url: str, forecast: str = "about 2025") -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(
        f"database: sqlite:///{tmp_path / 'tracker.db'}\n"
        f"sources:\n  - name: wire\n    kind: rss\n    url: {url}\n    trust: agency\n"
        "missions:\n  change-7:\n    name: Chang'e 7\n"
        f"    forecasts:\n      launch: {forecast}\n"
        "channels:\n  - name: hook\n    url: json://127.0.0.1:9/\n"
        "    kinds: [new, slipped, advanced, refined, confirmed, occurred, failed, postponed, cancelled,\n"
        "            overdue]\n",
        encoding="utf-8",
    )
    return path


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 8, tzinfo=UTC)


def test_an_old_article_fetched_late_never_moves_a_newer_forecast_back(tmp_path: Path, feed_server: FeedServer) -> None:
    new = ("new", "Launch month set", "Chang'e 7 will launch in August 2026.", at(2025, 5, 20))
    old = ("old", "Archive", "Chang'e 7 will launch around 2026.", at(2024, 4, 25))
    feed_server.put("/f", rss([new], feed_server.base_url))
    clock = Clock(at(2025, 6, 1))
    with open_app(load_config(write_config(tmp_path, feed_server.url("/f")), {}), clock=clock) as app:
        app.poll(force=True)
        feed_server.put("/f", rss([old, new], feed_server.base_url))
        app.poll(force=True)
        with app.store.sessions() as session:
            outcomes = dict(session.execute(select(ClaimRow.quote, ClaimRow.outcome)).all())
            current = session.scalars(select(ForecastRow).order_by(ForecastRow.version.desc())).first()
    assert outcomes == {"August 2026": "slipped", "around 2026": "stale"}
    assert current is not None and (current.earliest, current.latest) == (
        at(2026, 8, 1).date(),
        at(2026, 8, 31).date(),
    )


def test_overdue_is_raised_once_per_forecast_version(tmp_path: Path, feed_server: FeedServer) -> None:
    clock = Clock(at(2025, 12, 31))
    config_path = write_config(tmp_path, feed_server.url("/none"))
    with open_app(load_config(config_path, {}), clock=clock) as app:
        assert app.check_overdue() == []  # "about 2025" still has a day to go
        clock.advance(timedelta(days=1))
        assert len(app.check_overdue()) == 1  # the forecast became overdue on 2026-01-01
        clock.advance(timedelta(days=1))
        assert app.check_overdue() == []
    config_path = write_config(tmp_path, feed_server.url("/none"), forecast="about 2026")
    clock.moment = at(2027, 1, 2)
    with open_app(load_config(config_path, {}), clock=clock) as app:
        assert len(app.check_overdue()) == 1  # a new version can become overdue again
        with app.store.sessions() as session:
            kinds_ = list(session.scalars(select(ChangeRow.kind)))
            pending = list(session.scalars(select(DeliveryRow.status)))
    assert kinds_ == ["overdue", "overdue"] and pending == ["pending", "pending"]


def test_a_watchlist_edit_is_a_new_version_without_an_alert(tmp_path: Path, feed_server: FeedServer) -> None:
    clock = Clock(at(2025, 1, 1))
    with open_app(load_config(write_config(tmp_path, feed_server.url("/none")), {}), clock=clock):
        pass
    edited = write_config(tmp_path, feed_server.url("/none"), forecast="Aug 2026")
    with open_app(load_config(edited, {}), clock=clock) as app, app.store.sessions() as session:
        versions = [(f.version, f.origin, f.precision) for f in session.scalars(select(ForecastRow))]
        changes = list(session.scalars(select(ChangeRow)))
    assert versions == [(1, "user", "year"), (2, "user", "month")]
    assert changes == []
    with open_app(load_config(edited, {}), clock=clock) as app, app.store.sessions() as session:
        assert len(list(session.scalars(select(ForecastRow)))) == 2  # reloading the same text adds nothing


def test_after_a_watchlist_edit_an_older_article_is_still_stale(tmp_path: Path, feed_server: FeedServer) -> None:
    agency = ("a", "Set", "Chang'e 7 will launch in August 2026.", at(2025, 3, 1))
    old = ("o", "Archive", "Chang'e 7 will launch in about 2025.", at(2024, 1, 10))
    feed_server.put("/f", rss([agency], feed_server.base_url))
    clock = Clock(at(2025, 4, 1))
    with open_app(load_config(write_config(tmp_path, feed_server.url("/f")), {}), clock=clock) as app:
        app.poll(force=True)
    clock.moment = at(2025, 6, 1)
    edited = load_config(write_config(tmp_path, feed_server.url("/f"), forecast="2027"), {})
    with open_app(edited, clock=clock) as app:
        feed_server.put("/f", rss([old, agency], feed_server.base_url))
        app.poll(force=True)
        with app.store.sessions() as session:
            outcome = session.scalar(select(ClaimRow.outcome).where(ClaimRow.quote == "about 2025"))
            current = session.scalars(select(ForecastRow).order_by(ForecastRow.version.desc())).first()
    assert outcome == "stale"
    assert current is not None and current.origin == "user" and current.latest == at(2027, 12, 31).date()


def test_an_alert_for_a_channel_removed_from_the_config_fails_at_once(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.put(
        "/f",
        rss([("a", "Set", "Chang'e 7 will launch in August 2026.", at(2025, 3, 1))], feed_server.base_url),
    )
    clock = Clock(at(2025, 4, 1))
    with open_app(load_config(write_config(tmp_path, feed_server.url("/f")), {}), clock=clock) as app:
        app.poll(force=True)
    without_channels = write_config(tmp_path, feed_server.url("/f"))
    text = without_channels.read_text("utf-8")
    without_channels.write_text(text[: text.index("channels:")], encoding="utf-8")
    with open_app(load_config(without_channels, {}), clock=clock) as app:
        report = app.deliver()
        with app.store.sessions() as session:
            rows = list(session.scalars(select(DeliveryRow)))
    assert (report.sent, report.failed, report.retrying) == (0, 1, 0)
    assert [(r.status, r.last_error) for r in rows] == [("failed", "channel 'hook' is no longer in the config")]
