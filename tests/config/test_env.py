"""``${NAME}`` and ``${NAME:-default}`` in string values, from an environment passed in."""

from __future__ import annotations

from datetime import timedelta

from tests.config.conftest import Files
from tracker.config import load_config

CONFIG = """\
database: "postgresql+psycopg://tracker:${DB_PASSWORD}@${DB_HOST:-localhost}/tracker"
sources:
  - name: nasa
    kind: rss
    url: https://www.nasa.gov/feed/?key=${NASA_KEY:-none}
    interval: ${POLL:-1h}
channels:
  - name: slack
    url: ${SLACK_WEBHOOK_URL}
delivery:
  max_attempts: ${ATTEMPTS:-8}
"""


def test_variables_are_substituted_with_and_without_defaults(files: Files) -> None:
    path = files.write("config.yaml", CONFIG)
    env = {
        "DB_PASSWORD": "s3cret",
        "SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/T0/B0/X",
        "POLL": "15m",
        "ATTEMPTS": "3",
    }
    config = load_config(path, env)
    assert config.database == "postgresql+psycopg://tracker:s3cret@localhost/tracker"
    assert config.sources[0].url == "https://www.nasa.gov/feed/?key=none"
    assert config.sources[0].interval == timedelta(minutes=15)
    assert config.channels[0].url == "https://hooks.slack.com/services/T0/B0/X"
    assert config.delivery.max_attempts == 3


def test_a_default_also_stands_in_for_an_empty_variable(files: Files) -> None:
    path = files.write("config.yaml", CONFIG)
    env = {"DB_PASSWORD": "pw", "DB_HOST": "", "SLACK_WEBHOOK_URL": "json://x/", "POLL": ""}
    config = load_config(path, env)
    assert config.database == "postgresql+psycopg://tracker:pw@localhost/tracker"
    assert config.sources[0].interval == timedelta(hours=1)


def test_an_empty_variable_without_default_is_empty(files: Files) -> None:
    path = files.write("config.yaml", "sources: []\nuser_agent: tracker${SUFFIX}\n")
    assert load_config(path, {"SUFFIX": ""}).user_agent == "tracker"


def test_unset_variables_are_errors_naming_file_line_and_variable(files: Files) -> None:
    assert files.config_errors(CONFIG, env={"POLL": "15m"}) == [
        "config.yaml:1: environment variable DB_PASSWORD is not set",
        "config.yaml:9: environment variable SLACK_WEBHOOK_URL is not set",
    ]


def test_an_unset_variable_is_not_also_reported_as_a_bad_value(files: Files) -> None:
    assert files.config_errors(
        """\
        sources:
          - {name: nasa, kind: rss, url: "${FEED}", interval: "${POLL}", timeout: 5x}
        """
    ) == [
        "config.yaml:2: environment variable FEED is not set",
        "config.yaml:2: environment variable POLL is not set",
        "config.yaml:2: sources[0].timeout: invalid duration '5x'; "
        "write a whole number with a unit, like 90s, 30m, 1h, 1d or 1h30m",
    ]


def test_substituted_values_are_checked_like_written_ones(files: Files) -> None:
    assert files.config_errors(CONFIG, env={"DB_PASSWORD": "pw", "SLACK_WEBHOOK_URL": "x", "POLL": "soon"}) == [
        "config.yaml:6: sources[0].interval: invalid duration 'soon'; "
        "write a whole number with a unit, like 90s, 30m, 1h, 1d or 1h30m"
    ]


def test_only_string_values_are_substituted(files: Files) -> None:
    path = files.write(
        "config.yaml",
        """\
        sources: []
        missions:
          x-1:
            name: "$${NOT_A_VARIABLE} ${NAME}"
            aliases: ["${ALIAS:-X one}"]
        """,
    )
    mission = load_config(path, {"NAME": "X-1"}).missions["x-1"]
    assert mission.name == "${NOT_A_VARIABLE} X-1"  # $${ is a literal ${
    assert mission.aliases == ("${NOT_A_VARIABLE} X-1", "X one")

    assert files.config_errors("sources: []\n${KEY}: value\n", env={"KEY": "user_agent"}) == [
        "config.yaml:2: unknown key '${KEY}' (expected one of: database, user_agent, defaults, sources, "
        "watchlists, missions, channels, delivery, policy)"
    ]


def test_malformed_references_are_errors(files: Files) -> None:
    assert files.config_errors('sources: []\nuser_agent: "${} ${BAD NAME} ${UNCLOSED"\n') == [
        "config.yaml:2: bad environment reference '${}': write ${NAME} or ${NAME:-default}",
        "config.yaml:2: bad environment reference '${BAD NAME}': write ${NAME} or ${NAME:-default}",
        "config.yaml:2: bad environment reference '${UNCLOSED': write ${NAME} or ${NAME:-default}",
    ]


def test_watchlists_get_the_same_environment(files: Files) -> None:
    files.write("moon.yaml", 'missions:\n  x-1:\n    name: ${MISSION_NAME}\n    aliases: ["${MISSING}"]\n')
    path = files.write("config.yaml", "sources: []\nwatchlists: [moon.yaml]\n")
    assert load_config(path, {"MISSION_NAME": "X", "MISSING": "Y"}).missions["x-1"].aliases == ("X", "Y")
    assert files.config_errors("sources: []\nwatchlists: [moon.yaml]\n", env={"MISSION_NAME": "X"}) == [
        "moon.yaml:4: environment variable MISSING is not set"
    ]
