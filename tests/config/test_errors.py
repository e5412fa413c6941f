"""Every mistake in a config or watchlist is one exact ``path:line: message``, all at once.

Expected messages are kept whole, one per line, so they read like the terminal.
"""
# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

import pytest

from tests.config.conftest import Files
from tracker.config import ConfigError, ConfigIssue, load_config, load_watchlist
from tracker.windows import WindowSyntaxError, parse_window

DATA = Path(__file__).parent / "data"
NASA = '{name: nasa, kind: rss, url: "https://www.nasa.gov/feed/"}'
DURATION_HELP = "write a whole number with a unit, like 90s, 30m, 1h, 1d or 1h30m"


def window_error(text: str) -> str:
    """The date grammar's own message, which the config passes on as it is."""
    with pytest.raises(WindowSyntaxError) as caught:
        parse_window(text)
    return str(caught.value)


def test_issue_and_error_format() -> None:
    issues = [
        ConfigIssue("b.yaml", 1, "third"),
        ConfigIssue("a.yaml", 9, "second"),
        ConfigIssue("a.yaml", 2, "first"),
    ]
    error = ConfigError(issues)
    assert str(issues[0]) == "b.yaml:1: third"
    assert error.issues == [issues[2], issues[1], issues[0]]
    assert str(error) == "a.yaml:2: first\na.yaml:9: second\nb.yaml:1: third"


# ---------------------------------------------------------------------------- unknown keys


def test_unknown_keys_are_named_with_the_closest_valid_key(files: Files) -> None:
    assert files.config_errors(
        f"""\
        sorces: []
        sources:
          - {NASA}
          - name: esa
            kind: rss
            url: https://www.esa.int/rssfeed
            intervall: 1h
        defaults:
          jiter: 1m
        delivery:
          max_attempt: 3
        """
    ) == [
        "config.yaml:1: unknown key 'sorces'; did you mean 'sources'?",
        "config.yaml:7: sources[1]: unknown key 'intervall'; did you mean 'interval'?",
        "config.yaml:9: defaults: unknown key 'jiter'; did you mean 'jitter'?",
        "config.yaml:11: delivery: unknown key 'max_attempt'; did you mean 'max_attempts'?",
    ]


def test_an_unknown_key_far_from_any_lists_the_valid_ones(files: Files) -> None:
    assert files.config_errors(
        """\
        sources: []
        channels:
          - name: ops
            url: json://localhost/
            colour: red
        """
    ) == ["config.yaml:5: channels[0]: unknown key 'colour' (expected one of: name, url, kinds, missions)"]


def test_unknown_keys_in_missions_and_watchlists(files: Files) -> None:
    assert files.watchlist_errors(
        """\
        missions:
          change-7:
            name: Chang'e 7
            alias: [CE-7]
            forecast:
              launch: 2025
        mision: {}
        """
    ) == [
        "watchlist.yaml:4: missions.change-7: unknown key 'alias'; did you mean 'aliases'?",
        "watchlist.yaml:5: missions.change-7: unknown key 'forecast'; did you mean 'forecasts'?",
        "watchlist.yaml:7: unknown key 'mision'; did you mean 'missions'?",
    ]


def test_unknown_events_kinds_and_trust_suggest_the_closest(files: Files) -> None:
    assert files.config_errors(
        """\
        sources:
          - name: nasa
            kind: RSS
            url: https://www.nasa.gov/feed/
            trust: agnecy
          - {name: esa, kind: atom, url: "https://www.esa.int/feed/", trust: government}
        missions:
          change-7:
            name: Chang'e 7
            forecasts:
              lunch: 2025
              sample-return: 2026
        """
    ) == [
        "config.yaml:3: sources[0].kind: unknown kind 'RSS'; did you mean 'rss'?",
        "config.yaml:5: sources[0].trust: unknown trust 'agnecy'; did you mean 'agency'?",
        "config.yaml:6: sources[1].kind: unknown kind 'atom' (expected one of: rss, ll2, page)",
        "config.yaml:6: sources[1].trust: unknown trust 'government' (expected one of: agency, news)",
        "config.yaml:11: missions.change-7.forecasts: unknown event 'lunch'; did you mean 'launch'?",
        "config.yaml:12: missions.change-7.forecasts: unknown event 'sample-return'; did you mean 'sample_return'?",
    ]


# ---------------------------------------------------------------------------- types and values


def test_wrong_types_say_what_was_expected_and_what_was_found(files: Files) -> None:
    assert files.config_errors(
        """\
        user_agent: 42
        sources:
          - name: [nasa]
            kind: rss
            url: https://www.nasa.gov/feed/
            lang: true
          - just a string
        missions:
          change-7: Chang'e 7
          luna-26:
            name: Luna 26
            aliases: CE-7
            forecasts: [2026]
        channels: {name: ops}
        delivery:
          max_attempts: many
        """
    ) == [
        "config.yaml:1: user_agent: expected a string, got a number (42)",
        "config.yaml:3: sources[0].name: expected a string, got a list",
        "config.yaml:6: sources[0].lang: expected a string, got a boolean (true)",
        "config.yaml:7: sources[1]: expected a mapping, got a string ('just a string')",
        'config.yaml:9: missions.change-7: expected a mapping, got a string ("Chang\'e 7")',
        "config.yaml:12: missions.luna-26.aliases: expected a list, got a string ('CE-7')",
        "config.yaml:13: missions.luna-26.forecasts: expected a mapping, got a list",
        "config.yaml:14: channels: expected a list, got a mapping",
        "config.yaml:16: delivery.max_attempts: expected a whole number, got a string ('many')",
    ]


def test_missing_required_keys_point_at_their_entry(files: Files) -> None:
    assert files.config_errors(
        """\
        missions:
          change-7:
            aliases: [CE-7]
        channels:
          - name: ops
        """
    ) == [
        "config.yaml:1: missing required key 'sources'",
        "config.yaml:2: missions.change-7: missing required key 'name'",
        "config.yaml:5: channels[0]: missing required key 'url'",
    ]


def test_bad_durations_and_sizes(files: Files) -> None:
    assert files.config_errors(
        """\
        defaults:
          interval: 30
          jitter: 2 minutes
          max_bytes: 5XB
        sources:
          - name: nasa
            kind: rss
            url: https://www.nasa.gov/feed/
            timeout: 0s
            max_bytes: 0
        delivery:
          backoff: 1h
          max_backoff: 1m
        """
    ) == [
        f"config.yaml:2: defaults.interval: expected a duration, got a number (30); {DURATION_HELP}",
        f"config.yaml:3: defaults.jitter: invalid duration '2 minutes'; {DURATION_HELP}",
        "config.yaml:4: defaults.max_bytes: invalid size '5XB'; write a number of bytes or a size like 500KB, 5MB or 1GiB",
        "config.yaml:9: sources[0].timeout: must be longer than zero",
        "config.yaml:10: sources[0].max_bytes: must be more than zero bytes",
        "config.yaml:13: delivery.max_backoff: shorter than delivery.backoff",
    ]


def test_bad_urls_and_languages(files: Files) -> None:
    assert files.config_errors(
        """\
        database: /var/lib/tracker.db
        sources:
          - {name: nasa, kind: rss, url: "ftp://ftp.nasa.gov/feed", lang: english}
        channels:
          - {name: ops, url: ""}
        """
    ) == [
        "config.yaml:1: database: expected a SQLAlchemy URL like sqlite:////var/lib/tracker/tracker.db",
        "config.yaml:3: sources[0].url: expected an http:// or https:// URL",
        "config.yaml:3: sources[0].lang: invalid language 'english': expected a code like en, zh or ru",
        "config.yaml:5: channels[0].url: must not be empty",
    ]


def test_bad_window_text_gets_the_grammar_s_message(files: Files) -> None:
    assert files.watchlist_errors(
        """\
        missions:
          change-7:
            name: Chang'e 7
            forecasts:
              launch: sometime soon
              landing: by
        """
    ) == [
        f"watchlist.yaml:5: missions.change-7.forecasts.launch: {window_error('sometime soon')}",
        f"watchlist.yaml:6: missions.change-7.forecasts.landing: {window_error('by')}",
    ]


def test_mission_ids_are_lowercase_slugs(files: Files) -> None:
    assert files.watchlist_errors(
        """\
        missions:
          Change 7: {name: Chang'e 7}
          -luna: {name: Luna}
          2030: {name: A year}
        """
    ) == [
        "watchlist.yaml:2: missions: invalid mission id 'Change 7': use lowercase letters, digits and hyphens "
        "(e.g. 'change-7')",
        "watchlist.yaml:3: missions: invalid mission id '-luna': use lowercase letters, digits and hyphens "
        "(e.g. 'luna')",
        "watchlist.yaml:4: missions: invalid mission id 2030: use lowercase letters, digits and hyphens (e.g. '2030')",
    ]


# ---------------------------------------------------------------------------- cross-checks


def test_duplicate_source_and_channel_names(files: Files) -> None:
    assert files.config_errors(
        f"""\
        sources:
          - {NASA}
          - name: esa
            kind: rss
            url: https://www.esa.int/feed/
          - name: nasa
            kind: rss
            url: https://www.nasa.gov/other-feed/
        channels:
          - {{name: ops, url: "json://a/"}}
          - {{name: ops, url: "json://b/"}}
        """
    ) == [
        "config.yaml:6: sources[2].name: duplicate source name 'nasa' (first on line 2)",
        "config.yaml:11: channels[1].name: duplicate channel name 'ops' (first on line 10)",
    ]


def test_a_duplicate_is_reported_even_when_its_entry_has_other_problems(files: Files) -> None:
    assert files.config_errors(
        f"""\
        sources:
          - {NASA}
          - {{name: nasa, kind: rss, url: "https://www.nasa.gov/feed/", interval: soon}}
        """
    ) == [
        "config.yaml:3: sources[1].name: duplicate source name 'nasa' (first on line 2)",
        f"config.yaml:3: sources[1].interval: invalid duration 'soon'; {DURATION_HELP}",
    ]


def test_a_selector_belongs_to_page_sources_only(files: Files) -> None:
    assert files.config_errors(
        """\
        sources:
          - name: nasa
            kind: rss
            url: https://www.nasa.gov/feed/
            selector: article h2
          - name: cnsa
            kind: page
            url: https://www.cnsa.gov.cn/english/
        """
    ) == [
        "config.yaml:5: sources[0].selector: only for kind: page, not kind: rss",
        "config.yaml:6: sources[1]: kind: page needs a selector (the CSS selector of its items)",
        "config.yaml:7: sources[1].kind: kind: page is not supported yet; use kind: rss",
    ]


def test_duplicate_mission_ids_across_files_name_both_places(files: Files) -> None:
    files.write("lists/moon.yaml", "missions:\n  luna-26: {name: Luna 26}\n  change-7: {name: CE-7}\n")
    files.write("lists/more.yaml", "# more\nmissions:\n  luna-26:\n    name: Luna-26\n")
    assert files.config_errors(
        """\
        sources: []
        watchlists: [lists/moon.yaml, lists/more.yaml]
        missions:
          change-7:
            name: Chang'e 7
        """
    ) == [
        "lists/moon.yaml:3: missions: duplicate mission id 'change-7': already defined at config.yaml:4",
        "lists/more.yaml:3: missions: duplicate mission id 'luna-26': already defined at lists/moon.yaml:2",
    ]


def test_missing_and_repeated_watchlist_files(files: Files) -> None:
    files.write("moon.yaml", "missions: {}\n")
    (files.root / "lists").mkdir()
    assert files.config_errors(
        """\
        sources: []
        watchlists:
          - moon.yaml
          - mars.yaml
          - lists
          - ./moon.yaml
        """
    ) == [
        "config.yaml:4: watchlists[1]: watchlist file not found: mars.yaml",
        "config.yaml:5: watchlists[2]: watchlist file is a directory: lists",
        "config.yaml:6: watchlists[3]: './moon.yaml' is listed twice (first on line 3)",
    ]


def test_channel_filters_name_known_missions_and_kinds(files: Files) -> None:
    files.write("moon.yaml", "missions:\n  artemis-3: {name: Artemis III}\n")
    assert files.config_errors(
        """\
        sources: []
        watchlists: [moon.yaml]
        missions:
          change-7: {name: Chang'e 7}
        channels:
          - name: ops
            url: json://localhost/
            kinds: [slipped, slipd, news, exploded]
            missions: [change-7, artemis-3, change-8, artemis-3b, mars]
          - {name: quiet, url: "json://localhost/", kinds: []}
        """
    ) == [
        "config.yaml:8: channels[0].kinds[1]: unknown change kind 'slipd'; did you mean 'slipped'?",
        "config.yaml:8: channels[0].kinds[2]: unknown change kind 'news'; did you mean 'new'?",
        "config.yaml:8: channels[0].kinds[3]: unknown change kind 'exploded' (expected one of: advanced, cancelled, "
        "confirmed, failed, new, occurred, overdue, postponed, refined, slipped)",
        "config.yaml:9: channels[0].missions[2]: unknown mission 'change-8'; did you mean 'change-7'?",
        "config.yaml:9: channels[0].missions[3]: unknown mission 'artemis-3b'; did you mean 'artemis-3'?",
        "config.yaml:9: channels[0].missions[4]: unknown mission 'mars' (expected one of: artemis-3, change-7)",
        "config.yaml:10: channels[1].kinds: empty, so nothing would be sent; leave it out for the default kinds",
    ]


def test_an_unreadable_watchlist_does_not_make_every_filter_unknown(files: Files) -> None:
    files.write("moon.yaml", "missions:\n  artemis-3: [\n")
    assert files.config_errors(
        """\
        sources: []
        watchlists: [moon.yaml]
        channels:
          - {name: ops, url: "json://localhost/", missions: [artemis-3]}
        """
    ) == ["moon.yaml:3: YAML syntax error: expected the node content, but found '<stream end>'"]


# ---------------------------------------------------------------------------- files and YAML


def test_yaml_syntax_errors_name_the_line() -> None:
    path = DATA / "syntax_error.yaml"
    with pytest.raises(ConfigError) as caught:
        load_config(path, {})
    assert str(caught.value) == (
        f"{path}:5: YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence on line 4)"
    )


def test_yaml_syntax_error_kinds(files: Files) -> None:
    assert files.config_errors("sources:\n\t- x\n") == [
        "config.yaml:2: YAML syntax error: found character '\\t' that cannot start any token"
    ]
    assert files.config_errors("sources: []\nsources: [x]\n") == [
        "config.yaml:2: YAML syntax error: duplicate key 'sources' (first on line 1)"
    ]
    assert files.config_errors("sources: []\nuser_agent: a: b\n") == [
        "config.yaml:2: YAML syntax error: mapping values are not allowed here"
    ]
    assert files.config_errors("sources: []\nuser_agent: !secret agent\n") == [
        "config.yaml:2: unsupported YAML tag !secret"
    ]


def test_empty_and_non_mapping_files(files: Files) -> None:
    assert files.config_errors("") == [
        "config.yaml:1: the config file is empty: expected a mapping with 'sources:' (see config.example.yaml)"
    ]
    assert files.config_errors("# all commented out\n") == [
        "config.yaml:1: the config file is empty: expected a mapping with 'sources:' (see config.example.yaml)"
    ]
    assert files.config_errors("# a list\n- nasa\n- esa\n") == [
        "config.yaml:1: the config file must be a mapping with 'sources:' (see config.example.yaml), not a list"
    ]
    assert files.watchlist_errors("") == [
        "watchlist.yaml:1: the watchlist file is empty: expected a mapping with a 'missions:' map"
    ]
    assert files.watchlist_errors("change-7\n") == [
        "watchlist.yaml:1: the watchlist file must be a mapping with a 'missions:' map, not a string ('change-7')"
    ]


def test_files_that_cannot_be_read(files: Files) -> None:
    (files.root / "latin1.yaml").write_bytes(b"sources: []\nuser_agent: caf\xe9\n")
    for path, expected in [
        (Path("nowhere.yaml"), "nowhere.yaml:1: file not found"),
        (Path("latin1.yaml"), "latin1.yaml:2: not UTF-8 text (byte 0xe9)"),
    ]:
        with pytest.raises(ConfigError) as caught:
            load_watchlist(path)
        assert str(caught.value) == expected


def test_a_self_referencing_alias_is_an_error_not_a_crash(files: Files) -> None:
    assert files.config_errors("sources: &s [*s]\n") == [
        "config.yaml:1: sources[0]: expected a mapping, got nothing (null)"
    ]


# ---------------------------------------------------------------------------- all at once


def test_every_problem_is_reported_at_once_sorted_by_file_then_line(files: Files) -> None:
    files.write(
        "watchlists/moon.yaml",
        """\
        missions:
          change-7:
            name: Chang'e 7 again
          artemis-3:
            name: Artemis III
            forecasts: {landing: whenever}
        """,
    )
    assert files.config_errors(
        """\
        user_agnt: me
        defaults:
          interval: 5x
        sources:
          - name: nasa
            kind: rss
            url: https://www.nasa.gov/feed/
            selector: h2
          - name: nasa
            kind: page
            url: https://www.nasa.gov/news/
        watchlists: [watchlists/moon.yaml, watchlists/mars.yaml]
        missions:
          change-7:
            name: Chang'e 7
        channels:
          - name: ops
            url: ${OPS_URL}
            kinds: [slipped, sliped]
        delivery:
          max_attempts: 0
        """
    ) == [
        "config.yaml:1: unknown key 'user_agnt'; did you mean 'user_agent'?",
        f"config.yaml:3: defaults.interval: invalid duration '5x'; {DURATION_HELP}",
        "config.yaml:8: sources[0].selector: only for kind: page, not kind: rss",
        "config.yaml:9: sources[1].name: duplicate source name 'nasa' (first on line 5)",
        "config.yaml:9: sources[1]: kind: page needs a selector (the CSS selector of its items)",
        "config.yaml:10: sources[1].kind: kind: page is not supported yet; use kind: rss",
        "config.yaml:12: watchlists[1]: watchlist file not found: watchlists/mars.yaml",
        "config.yaml:18: environment variable OPS_URL is not set",
        "config.yaml:19: channels[0].kinds[1]: unknown change kind 'sliped'; did you mean 'slipped'?",
        "config.yaml:21: delivery.max_attempts: must be at least 1, got 0",
        "watchlists/moon.yaml:2: missions: duplicate mission id 'change-7': already defined at config.yaml:14",
        f"watchlists/moon.yaml:6: missions.artemis-3.forecasts.landing: {window_error('whenever')}",
    ]


def test_issues_carry_their_parts(files: Files) -> None:
    path = files.write("config.yaml", "sources: []\ndelivery: {backoff: never}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, {})
    assert caught.value.issues == [
        ConfigIssue(
            "config.yaml",
            2,
            "delivery.backoff: invalid duration 'never'; "
            "write a whole number with a unit, like 90s, 30m, 1h, 1d or 1h30m",
        )
    ]
