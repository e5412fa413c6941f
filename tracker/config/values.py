"""The public values a loaded config is made of: frozen, with the defaults already applied.

The defaults live here too, beside the fields they fill, so the schema and the
values cannot disagree about them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from tracker import __version__
from tracker.model import ChangeKind, Event, Mission, Policy
from tracker.windows import DateWindow

Trust = Literal["agency", "news"]
SourceKind = Literal["rss", "ll2", "page"]
# Kinds the schema knows but the pipeline cannot poll yet: refused rather than failing at run time.
NOT_YET_SUPPORTED = ("ll2", "page")

ALL_CHANGE_KINDS: frozenset[str] = frozenset(kind.value for kind in ChangeKind)
# A channel without a `kinds:` filter hears about moves and outcomes. "new" (a first
# forecast) and "refined" (the same target, more precisely) are opt-in: they are noise
# for most channels.
DEFAULT_CHANNEL_KINDS: frozenset[str] = ALL_CHANGE_KINDS - {ChangeKind.NEW.value, ChangeKind.REFINED.value}
DEFAULT_USER_AGENT = f"tracker/{__version__} (mission schedule tracker)"

DEFAULT_INTERVAL = timedelta(minutes=30)
DEFAULT_JITTER = timedelta(minutes=2)
DEFAULT_TIMEOUT = timedelta(seconds=20)
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_MAX_ATTEMPTS = 30
DEFAULT_POLICY = Policy()
DEFAULT_BACKOFF = timedelta(minutes=1)
DEFAULT_MAX_BACKOFF = timedelta(hours=6)


def _empty_mapping() -> Mapping[Any, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One feed to poll, with the defaults already applied."""

    name: str
    kind: SourceKind
    url: str
    trust: Trust = "news"
    lang: str | None = None
    interval: timedelta = DEFAULT_INTERVAL
    jitter: timedelta = DEFAULT_JITTER
    timeout: timedelta = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    selector: str | None = None


@dataclass(frozen=True, slots=True)
class MissionConfig:
    """A watched mission and the user's own forecasts for its events."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()  # the name first, no duplicates
    forecasts: Mapping[Event, DateWindow] = field(default_factory=_empty_mapping, hash=False)
    forecast_text: Mapping[Event, str] = field(default_factory=_empty_mapping, hash=False)  # as written
    origin: str = ""  # "path:line" where the mission is defined, for messages

    def as_mission(self) -> Mission:
        """What the reader needs of it: the id and every name a text may use."""
        return Mission(self.id, self.name, self.aliases)


@dataclass(frozen=True, slots=True)
class ChannelConfig:
    """An apprise URL and which changes it wants (None: every mission)."""

    name: str
    url: str
    kinds: frozenset[str] = DEFAULT_CHANNEL_KINDS
    missions: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """How a failed alert is retried: ``backoff`` doubling up to ``max_backoff``."""

    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    backoff: timedelta = DEFAULT_BACKOFF
    max_backoff: timedelta = DEFAULT_MAX_BACKOFF


@dataclass(frozen=True, slots=True)
class Config:
    """A loaded, checked config with its watchlists merged in."""

    path: Path
    database: str | None = None  # None: the app picks the XDG data dir
    user_agent: str = DEFAULT_USER_AGENT
    sources: tuple[SourceConfig, ...] = ()
    missions: Mapping[str, MissionConfig] = field(default_factory=_empty_mapping, hash=False)
    channels: tuple[ChannelConfig, ...] = ()
    delivery: DeliveryPolicy = DeliveryPolicy()
    policy: Policy = DEFAULT_POLICY
    watchlist_paths: tuple[Path, ...] = ()
