"""The config and watchlists: YAML files people edit by hand, read into frozen values.

Every mistake in those files becomes one ``path:line: message`` line, and all of
them are reported at once (``ConfigError``): a user fixes a file in one pass
instead of one restart per typo, and never sees a traceback for a bad file.

Loading runs in small steps, each in its own module:

1. read YAML with ruamel's round-trip loader, which remembers where every key
   and item was (:mod:`~tracker.config.yaml_doc`);
2. substitute ``${NAME}`` / ``${NAME:-default}`` in string values
   (:mod:`~tracker.config.env`);
3. check the shape with pydantic models (:mod:`~tracker.config.schema`, leaf
   values in :mod:`~tracker.config.fields`, extra keys forbidden), one unit at a
   time (a source, a mission, a channel) so one bad entry never hides the
   problems of the others;
4. cross-check what one unit cannot see alone: duplicate names, filters naming
   unknown missions, selectors on non-page sources (:mod:`~tracker.config.checks`,
   :mod:`~tracker.config.missions`);
5. build the public frozen values (:mod:`~tracker.config.values`), in
   :mod:`~tracker.config.loading`.
"""

from __future__ import annotations

from tracker.config.issues import ConfigError, ConfigIssue
from tracker.config.loading import load_config, load_watchlist
from tracker.config.units import parse_duration, parse_size
from tracker.config.values import (
    ALL_CHANGE_KINDS,
    DEFAULT_CHANNEL_KINDS,
    DEFAULT_USER_AGENT,
    ChannelConfig,
    Config,
    DeliveryPolicy,
    MissionConfig,
    SourceConfig,
    SourceKind,
    Trust,
)
from tracker.config.values import NOT_YET_SUPPORTED as NOT_YET_SUPPORTED  # public, but outside __all__ as before

__all__ = [
    "ALL_CHANGE_KINDS",
    "DEFAULT_CHANNEL_KINDS",
    "DEFAULT_USER_AGENT",
    "ChannelConfig",
    "Config",
    "ConfigError",
    "ConfigIssue",
    "DeliveryPolicy",
    "MissionConfig",
    "SourceConfig",
    "SourceKind",
    "Trust",
    "load_config",
    "load_watchlist",
    "parse_duration",
    "parse_size",
]
