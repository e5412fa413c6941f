"""Valid configs and watchlists load into the values the rest of tracker reads."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ruamel.yaml import YAML

from tests.config.conftest import Files
from tests.support.paths import CORPUS
from tracker.config import (
    DEFAULT_CHANNEL_KINDS,
    DEFAULT_USER_AGENT,
    ChannelConfig,
    DeliveryPolicy,
    SourceConfig,
    load_config,
    load_watchlist,
)
from tracker.model import Event
from tracker.windows import parse_window

DATA = Path(__file__).parent / "data"
ENV = {"SMTP_USER": "alerts", "SMTP_PASSWORD": "s3cret"}


def test_a_full_config_with_inline_missions_and_a_watchlist() -> None:
    config = load_config(DATA / "valid" / "config.yaml", ENV)

    assert config.path == DATA / "valid" / "config.yaml"
    assert config.database == "sqlite:////var/lib/tracker/tracker.db"
    assert config.user_agent == "tracker/0.1 (+https://example.org)"
    assert config.watchlist_paths == (DATA / "valid" / "watchlists" / "moon.yaml",)

    nasa, spacenews, cnsa = config.sources
    assert nasa == SourceConfig(
        name="nasa",
        kind="rss",
        url="https://www.nasa.gov/news-release/feed/",
        trust="agency",
        lang="en",
        interval=timedelta(hours=1),  # its own
        jitter=timedelta(minutes=2),  # the defaults'
        timeout=timedelta(seconds=20),
        max_bytes=5_000_000,
        selector=None,
    )
    assert (spacenews.kind, spacenews.trust, spacenews.lang, spacenews.max_bytes) == ("rss", "news", None, 1024 * 1024)
    assert (cnsa.kind, cnsa.selector, cnsa.timeout) == ("rss", None, timedelta(minutes=1, seconds=30))

    assert list(config.missions) == ["change-7", "ilrs", "artemis-2", "artemis-3", "luna-26"]
    change7 = config.missions["change-7"]
    assert change7.name == "Chang'e 7"
    assert change7.aliases == ("Chang'e 7", "Chang'e-7", "CE-7", "嫦娥七号")  # the name once, first
    assert change7.forecasts == {
        Event.LAUNCH: parse_window("about 2025"),
        Event.LANDING: parse_window("2026"),
    }
    assert change7.forecast_text == {Event.LAUNCH: "about 2025", Event.LANDING: "2026"}
    assert change7.origin == f"{DATA / 'valid' / 'config.yaml'}:29"
    assert config.missions["ilrs"].forecasts == {}
    assert config.missions["ilrs"].aliases == ("International Lunar Research Station",)

    artemis3 = config.missions["artemis-3"]
    assert artemis3.origin == f"{DATA / 'valid' / 'watchlists' / 'moon.yaml'}:8"
    assert artemis3.forecast_text == {
        Event.LAUNCH: "mid-2027",
        Event.LANDING: "H2 2027",
        Event.SAMPLE_RETURN: "by 2030",
    }
    assert str(artemis3.forecasts[Event.LAUNCH]) == "mid 2027"
    luna26 = config.missions["luna-26"]  # YAML reads 2027-08-24 as a date; the text stays as written
    assert luna26.forecast_text == {Event.LAUNCH: "2027-08-24"}
    assert luna26.forecasts[Event.LAUNCH].earliest == date(2027, 8, 24)

    assert config.channels == (
        ChannelConfig(
            name="team-email",
            url="mailtos://alerts:s3cret@mail.example.org?to=alerts@example.org",
            kinds=DEFAULT_CHANNEL_KINDS,
            missions=None,
        ),
        ChannelConfig(
            name="chang-e-watchers",
            url="json://localhost/tracker",
            kinds=frozenset({"new", "slipped"}),
            missions=frozenset({"change-7", "artemis-3"}),
        ),
    )
    assert config.delivery == DeliveryPolicy(
        max_attempts=5, backoff=timedelta(seconds=30), max_backoff=timedelta(hours=2)
    )


def test_default_channel_kinds_are_moves_and_outcomes() -> None:
    expected = {"slipped", "advanced", "confirmed", "occurred", "failed", "postponed", "cancelled", "overdue"}
    assert expected == DEFAULT_CHANNEL_KINDS


def test_a_minimal_config_takes_every_default(files: Files) -> None:
    path = files.write(
        "config.yaml",
        """\
        sources:
          - {name: nasa, kind: rss, url: "https://www.nasa.gov/feed/", jitter: 0}
        missions:     # everything commented out
        channels:
        """,
    )
    config = load_config(path, {})
    assert config.database is None
    assert config.user_agent == DEFAULT_USER_AGENT
    assert config.sources == (
        SourceConfig(name="nasa", kind="rss", url="https://www.nasa.gov/feed/", jitter=timedelta(0)),
    )
    assert config.sources[0].interval == timedelta(minutes=30)
    assert config.missions == {}
    assert config.channels == ()
    assert config.delivery == DeliveryPolicy(30, timedelta(minutes=1), timedelta(hours=6))
    assert config.watchlist_paths == ()


def test_watchlist_paths_are_relative_to_the_config(files: Files) -> None:
    files.write("etc/lists/moon.yaml", "missions:\n  luna-26:\n    name: Luna 26\n")
    path = files.write("etc/config.yaml", "sources: []\nwatchlists: [lists/moon.yaml]\n")
    config = load_config(path, {})
    assert config.watchlist_paths == (Path("etc/lists/moon.yaml"),)
    assert config.missions["luna-26"].origin == "etc/lists/moon.yaml:2"


def test_the_corpus_catalogue_loads_as_a_watchlist() -> None:
    catalogue = CORPUS / "missions.yaml"
    missions = load_watchlist(catalogue)
    assert list(missions) == list(YAML(typ="safe").load(catalogue)["missions"])
    assert len(missions) >= 30
    change7 = missions["change-7"]
    assert change7.name == "Chang'e 7"
    assert change7.aliases[0] == "Chang'e 7"
    assert len(change7.aliases) == len(set(change7.aliases))
    assert "嫦娥七号" in change7.aliases
    assert all(m.forecasts == {} and m.forecast_text == {} for m in missions.values())
    assert change7.origin.startswith(f"{catalogue}:")


def test_a_watchlist_without_env_keeps_dollar_text(files: Files) -> None:
    path = files.write("watchlist.yaml", "missions:\n  x-1:\n    name: ${NAME}\n")
    assert load_watchlist(path)["x-1"].name == "${NAME}"
    assert load_watchlist(path, {"NAME": "X-1"})["x-1"].name == "X-1"


def test_load_watchlist_given_a_config_returns_its_missions(files: Files) -> None:
    files.write("moon.yaml", "missions:\n  luna-26: {name: Luna 26}\n")
    path = files.write(
        "config.yaml",
        "sources: []\nwatchlists: [moon.yaml]\nmissions:\n  change-7: {name: Chang'e 7}\n",
    )
    assert list(load_watchlist(path, {})) == ["change-7", "luna-26"]


def test_loaded_values_are_frozen() -> None:
    config = load_config(DATA / "valid" / "config.yaml", ENV)
    mission = config.missions["change-7"]
    for attempt in (
        lambda: setattr(config, "database", None),
        lambda: config.missions.__setitem__("x", mission),  # type: ignore[index]
        lambda: mission.forecasts.__setitem__(Event.LAUNCH, parse_window("2030")),  # type: ignore[index]
    ):
        try:
            attempt()
        except (AttributeError, TypeError):
            continue
        raise AssertionError("a loaded config could be changed")
    assert hash(mission) == hash(mission)
