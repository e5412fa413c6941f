"""The schema's leaf values (text, URLs, durations, forecasts...), each with the user's words for a mistake.

Plain validators instead of pydantic's own types, so every message says what was
expected and what was found in YAML terms, and never echoes a secret.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BeforeValidator, PlainValidator

from tracker.config.issues import _describe, _unknown
from tracker.config.units import parse_duration, parse_size
from tracker.config.values import ALL_CHANGE_KINDS
from tracker.model import Event
from tracker.windows import DateWindow, parse_window


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_describe(value)}")
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


def _http_url(value: object) -> str:
    """An http(s) URL; the value is not echoed, it may carry a token."""
    text = _text(value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("expected an http:// or https:// URL")
    return text


_DATABASE_URL = re.compile(r"[A-Za-z][\w+.-]*://.*", re.DOTALL)


def _database_url(value: object) -> str:
    """A SQLAlchemy URL's outline; the value is not echoed, it may carry a password."""
    text = _text(value)
    if not _DATABASE_URL.fullmatch(text):
        raise ValueError("expected a SQLAlchemy URL like sqlite:////var/lib/tracker/tracker.db")
    return text


_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def _lang(value: object) -> str:
    text = _text(value)
    if not _LANG.fullmatch(text):
        raise ValueError(f"invalid language {text!r}: expected a code like en, zh or ru")
    return text


def _one_of(what: str, options: Sequence[str]) -> PlainValidator:
    def check(value: object) -> str:
        if isinstance(value, str) and value in options:
            return value
        if not isinstance(value, str):
            raise ValueError(f"expected one of: {', '.join(options)}; got {_describe(value)}")
        raise ValueError(_unknown(what, value, options))

    return PlainValidator(check)


def _event(value: object) -> Event:
    if isinstance(value, str) and value in Event._value2member_map_:
        return Event(value)
    raise ValueError(_unknown("event", value, [e.value for e in Event]))


def _duration(value: object) -> timedelta:
    if value == 0 and not isinstance(value, bool):  # YAML reads `jitter: 0` as a number
        return timedelta(0)
    return parse_duration(value)  # type: ignore[arg-type]  # it explains any other type itself


def _positive_duration(value: object) -> timedelta:
    duration = _duration(value)
    if duration <= timedelta(0):
        raise ValueError("must be longer than zero")
    return duration


def _positive_size(value: object) -> int:
    size = parse_size(value)  # type: ignore[arg-type]  # parse_size rejects other types itself
    if size <= 0:
        raise ValueError("must be more than zero bytes")
    return size


def _positive_int(value: object) -> int:
    """A whole number >= 1; digit strings count, since ``${VAR}`` substitution yields strings."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, got {_describe(value)}")
    if value < 1:
        raise ValueError(f"must be at least 1, got {value}")
    return value


@dataclass(frozen=True, slots=True)
class _Forecast:
    text: str
    window: DateWindow


def _forecast(value: object) -> _Forecast:
    """Window text as written; YAML may have read ``2026`` as a number or ``2026-08-24`` as a date."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        value = value.isoformat()
    elif isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date such as 'about 2025' or 'by 2030', got {_describe(value)}")
    return _Forecast(value.strip(), parse_window(value))  # WindowSyntaxError is a ValueError


def _or_empty(empty: Callable[[], object]) -> BeforeValidator:
    """An optional section written as a bare ``key:`` (all entries commented out) counts as empty."""
    return BeforeValidator(lambda value: empty() if value is None else value)


Text = Annotated[str, PlainValidator(_text)]
HttpUrl = Annotated[str, PlainValidator(_http_url)]
DatabaseUrl = Annotated[str, PlainValidator(_database_url)]
Lang = Annotated[str, PlainValidator(_lang)]
Duration = Annotated[timedelta, PlainValidator(_duration)]
PositiveDuration = Annotated[timedelta, PlainValidator(_positive_duration)]
Size = Annotated[int, PlainValidator(_positive_size)]
PositiveInt = Annotated[int, PlainValidator(_positive_int)]
EventKey = Annotated[Event, PlainValidator(_event)]
Forecast = Annotated[_Forecast, PlainValidator(_forecast)]
ChangeKindName = Annotated[str, _one_of("change kind", sorted(ALL_CHANGE_KINDS))]
