"""The shape of the config and watchlist files, as pydantic models with unknown keys forbidden.

Each unit (a source, a mission, a channel) is validated on its own, so one bad entry
never hides the problems of the others; pydantic's errors are reported at their
lines, in the user's terms.
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tracker.config.fields import (
    ChangeKindName,
    DatabaseUrl,
    Duration,
    EventKey,
    Forecast,
    HttpUrl,
    Lang,
    PositiveDuration,
    PositiveInt,
    Size,
    Text,
    _one_of,
    _or_empty,
)
from tracker.config.issues import Loc, _describe, _prefixed, _unknown
from tracker.config.values import (
    DEFAULT_BACKOFF,
    DEFAULT_INTERVAL,
    DEFAULT_JITTER,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_MAX_BACKOFF,
    DEFAULT_MAX_BYTES,
    DEFAULT_POLICY,
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
    SourceKind,
    Trust,
)
from tracker.config.yaml_doc import _Doc, _Report
from tracker.model import NewsMoves


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class _Defaults(_Schema):
    interval: PositiveDuration = DEFAULT_INTERVAL
    jitter: Duration = DEFAULT_JITTER
    timeout: PositiveDuration = DEFAULT_TIMEOUT
    max_bytes: Size = DEFAULT_MAX_BYTES


class _Source(_Schema):
    name: Text
    kind: Annotated[SourceKind, _one_of("kind", get_args(SourceKind))]
    url: HttpUrl
    trust: Annotated[Trust, _one_of("trust", get_args(Trust))] = "news"
    lang: Lang | None = None
    interval: PositiveDuration | None = None
    jitter: Duration | None = None
    timeout: PositiveDuration | None = None
    max_bytes: Size | None = None
    selector: Text | None = None


class _Mission(_Schema):
    name: Text
    aliases: Annotated[tuple[Text, ...], _or_empty(tuple)] = ()
    forecasts: Annotated[dict[EventKey, Forecast], _or_empty(dict)] = Field(default_factory=dict)


class _Channel(_Schema):
    name: Text
    url: Text  # any apprise URL; `tracker validate` asks apprise about it
    kinds: tuple[ChangeKindName, ...] | None = None
    missions: tuple[Text, ...] | None = None


class _Policy(_Schema):
    news_moves: NewsMoves = NewsMoves.REPORT
    group_window: PositiveDuration = DEFAULT_POLICY.group_window
    corroboration_window: PositiveDuration = DEFAULT_POLICY.corroboration_window


class _Delivery(_Schema):
    max_attempts: PositiveInt = DEFAULT_MAX_ATTEMPTS
    backoff: PositiveDuration = DEFAULT_BACKOFF
    max_backoff: PositiveDuration = DEFAULT_MAX_BACKOFF


Section = Annotated[dict[Any, Any], _or_empty(dict)]
Entries = Annotated[list[Any], _or_empty(list)]


class _ConfigFile(_Schema):
    """The top level: its keys and scalars. Sections and entries are checked one by one below."""

    database: DatabaseUrl | None = None
    user_agent: Text = DEFAULT_USER_AGENT
    defaults: Section = Field(default_factory=dict)
    sources: Entries
    watchlists: Annotated[tuple[Text, ...], _or_empty(tuple)] = ()
    missions: Section = Field(default_factory=dict)
    channels: Entries = Field(default_factory=list)
    delivery: Section = Field(default_factory=dict)
    policy: Section = Field(default_factory=dict)


class _WatchlistFile(_Schema):
    missions: Section


# Keys that make a file a config rather than a watchlist (load_watchlist accepts both).
_CONFIG_ONLY_KEYS = frozenset(_ConfigFile.model_fields) - {"missions"}

_TYPE_MESSAGES = {
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "dict_type": "expected a mapping",
    "list_type": "expected a list",
    "tuple_type": "expected a list",
}

M = TypeVar("M", bound=BaseModel)


def _validate(model: type[M], data: object, doc: _Doc, loc: Loc, report: _Report) -> M | None:
    """The model, or None with each of pydantic's errors reported at its line."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where, message = _explain(model, loc, error)
            report.at(doc, where, message)
        return None


def _explain(model: type[BaseModel], prefix: Loc, error: Any) -> tuple[Loc, str]:
    """A pydantic error as (where in the file, message in the user's terms)."""
    rel: Loc = tuple(error["loc"])
    kind: str = error["type"]
    if "[key]" in rel:  # a mapping key failed: point at the key, name its parent
        rel = rel[: rel.index("[key]")]
        return prefix + rel, _prefixed(prefix + rel[:-1], str(error["ctx"]["error"]))
    full = prefix + rel
    if kind == "extra_forbidden":
        return full, _prefixed(prefix + rel[:-1], _unknown("key", rel[-1], list(model.model_fields)))
    if kind == "missing":
        return prefix + rel[:-1], _prefixed(prefix + rel[:-1], f"missing required key {rel[-1]!r}")
    if kind == "value_error":
        return full, _prefixed(full, str(error["ctx"]["error"]))
    if kind in _TYPE_MESSAGES:
        return full, _prefixed(full, f"{_TYPE_MESSAGES[kind]}, got {_describe(error['input'])}")
    return full, _prefixed(full, str(error["msg"]))
