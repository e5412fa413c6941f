"""The entry points: a config or a watchlist file in, frozen values or one ConfigError listing every problem out."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from tracker.config.checks import _as_dict, _check_channels, _check_delivery, _check_sources
from tracker.config.missions import _check_missions, _load_watchlists, _merge_missions
from tracker.config.schema import _CONFIG_ONLY_KEYS, _ConfigFile, _Defaults, _Policy, _validate, _WatchlistFile
from tracker.config.values import Config, MissionConfig
from tracker.config.yaml_doc import _load_doc, _Report
from tracker.model import Policy


def load_config(path: Path, env: Mapping[str, str]) -> Config:
    """Read a config and its watchlists; raise ConfigError listing every problem.

    ``env`` is the environment for ``${NAME}`` substitution (pass ``os.environ``).
    """
    return _load_config(path, env)


def _load_config(path: Path, env: Mapping[str, str] | None) -> Config:
    report = _Report()
    doc = _load_doc(path, str(path), env, report, "config")
    if doc is None:
        raise report.error()
    top = _validate(_ConfigFile, doc.data, doc, (), report)
    defaults = _validate(_Defaults, _as_dict(doc.data.get("defaults")), doc, ("defaults",), report)
    sources = _check_sources(doc, defaults, report)
    inline = _check_missions(doc, report)
    watchlist_paths, listed, complete = _load_watchlists(path, doc, env, report)
    missions = _merge_missions([*inline, *listed], report)
    known = {d.id for d in [*inline, *listed]} if complete else None
    channels = _check_channels(doc, known, report)
    delivery = _check_delivery(doc, report)
    policy = _validate(_Policy, _as_dict(doc.data.get("policy")), doc, ("policy",), report)
    if report.issues or top is None or delivery is None or policy is None:
        raise report.error()
    return Config(
        path=path,
        database=top.database,
        user_agent=top.user_agent,
        sources=tuple(sources),
        missions=MappingProxyType(missions),
        channels=tuple(channels),
        delivery=delivery,
        policy=Policy(policy.news_moves, policy.group_window, policy.corroboration_window),
        watchlist_paths=tuple(watchlist_paths),
    )


def load_watchlist(path: Path, env: Mapping[str, str] | None = None) -> dict[str, MissionConfig]:
    """The missions of a watchlist (or of the corpus ``missions.yaml``); raise ConfigError.

    With ``env`` None, ``${...}`` is left as written. Given a config file instead,
    its missions (inline and from its watchlists) are returned, so ``tracker
    extract --missions config.yaml`` works too.
    """
    report = _Report()
    doc = _load_doc(path, str(path), env, report, "watchlist")
    if doc is None:
        raise report.error()
    if _CONFIG_ONLY_KEYS & set(doc.data):
        return dict(_load_config(path, env).missions)
    _validate(_WatchlistFile, doc.data, doc, (), report)
    missions = _merge_missions(_check_missions(doc, report), report)
    if report.issues:
        raise report.error()
    return missions
