"""Plain values that flow through the pipeline: missions, items, claims, changes, alerts.

Kept free of I/O so the pure stages (extract, compare, render) can share them
with the storage and delivery edges without importing either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from tracker.windows import DateWindow


class Event(StrEnum):
    """What a milestone is about."""

    LAUNCH = "launch"
    LANDING = "landing"
    SAMPLE_RETURN = "sample_return"
    COMPLETE = "complete"  # a programme milestone finished (a station's basic infrastructure)


class Status(StrEnum):
    """What a claim says happened or will happen."""

    PLANNED = "planned"
    OCCURRED = "occurred"
    FAILED = "failed"
    POSTPONED = "postponed"  # put off with no new date
    CANCELLED = "cancelled"


class Trust(StrEnum):
    """How much a source's word counts; agencies speak for their own missions."""

    NEWS = "news"
    AGENCY = "agency"
    USER = "user"  # the user's own watchlist forecast

    @property
    def rank(self) -> int:
        return {"news": 1, "agency": 2, "user": 3}[self.value]


class ChangeKind(StrEnum):
    """The outcome of comparing a claim with a forecast (DESIGN.md table)."""

    NEW = "new"  # first forecast for a milestone that had none
    SLIPPED = "slipped"
    ADVANCED = "advanced"
    REFINED = "refined"
    CONFIRMED = "confirmed"
    OCCURRED = "occurred"
    FAILED = "failed"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class Mission:
    """A watched mission and every name a text may call it by."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Name first, then aliases, without duplicates."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


@dataclass(frozen=True, slots=True)
class TextItem:
    """What extraction reads: a feed entry or corpus item, reduced to text and a date."""

    title: str
    text: str
    published: date  # relative phrases ("next year") resolve against this
    lang: str | None = None  # "en", "zh", "ru"; None lets the extractor guess from the script


@dataclass(frozen=True, slots=True)
class Claim:
    """One schedule statement about one milestone, as FORMAT.md defines it."""

    mission: str
    event: Event
    status: Status
    window: DateWindow | None  # None for postponed / cancelled
    quote: str

    def to_json(self) -> dict[str, Any]:
        """The corpus shape, byte-for-byte the keys ``score.py`` reads."""
        w = self.window
        return {
            "mission": self.mission,
            "event": self.event.value,
            "status": self.status.value,
            "earliest": w.earliest.isoformat() if w and w.earliest else None,
            "latest": w.latest.isoformat() if w and w.latest else None,
            "precision": w.precision.value if w else None,
            "qualifier": w.qualifier.value if w and w.qualifier else None,
            "quote": self.quote,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim came from: the alert's proof."""

    source: str  # source name from the config ("nasa", "spacenews") or "watchlist"
    title: str
    quote: str
    link: str | None
    published: datetime | None  # UTC


@dataclass(frozen=True, slots=True)
class Alert:
    """A change, ready to render: what moved, from what, to what, and why we think so."""

    mission_id: str
    mission_name: str
    event: Event
    kind: ChangeKind
    before: DateWindow | None  # the forecast it replaces (None for a first forecast)
    after: DateWindow | None  # the new forecast (None when postponed / cancelled)
    evidence: tuple[Evidence, ...]
    at: datetime  # when tracker detected it, UTC
    note: str | None = None  # e.g. "reported, unconfirmed"
    change_id: int | None = field(default=None, compare=False)

    @property
    def milestone(self) -> str:
        return f"{self.mission_id}/{self.event.value}"


class NewsMoves(StrEnum):
    """What a slip or advance reported by news sources alone does."""

    APPLY = "apply"  # changes the forecast at once, like an agency's word
    REPORT = "report"  # changes it, and the alert says "reported, unconfirmed"
    CORROBORATE = "corroborate"  # waits for a second independent source to say the same


@dataclass(frozen=True, slots=True)
class Policy:
    """How much a single report moves a forecast, and what counts as one story."""

    news_moves: NewsMoves = NewsMoves.REPORT
    group_window: timedelta = timedelta(days=3)  # outlets repeating one change within this are one alert
    corroboration_window: timedelta = timedelta(days=30)  # how long a news-only move waits for a second source
