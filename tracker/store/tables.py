"""The schema: sources, items, milestones, forecasts, claims, changes, deliveries.

Alembic owns the schema (``tracker/store/migrations``); these declarations are
what the code reads and writes, and a test checks they match the migrations.
All timestamps are stored as UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass UTC-aware values")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SourceRow(Base):
    """A polled source and its poll state (the scheduler asks this table what is due)."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    url: Mapped[str] = mapped_column(Text)
    next_poll_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ItemRow(Base):
    """A feed entry seen once (deduplicated by guid, else link, else content hash)."""

    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("source_id", "key", name="uq_items_source_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(600))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text, nullable=True)
    published: Mapped[datetime] = mapped_column(UTCDateTime)  # fetch time when the feed gives none
    # The publisher's calendar day, which relative dates ("next year") resolve against.
    published_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lang: Mapped[str | None] = mapped_column(String(20), nullable=True)

    @property
    def local_date(self) -> date:
        """The day relative dates resolve against: the publisher's, else the UTC one."""
        return self.published_date or self.published.date()


class MilestoneRow(Base):
    """One mission event (``change-7/launch``) whose forecast we track."""

    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("mission_id", "event", name="uq_milestones_mission_event"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mission_id: Mapped[str] = mapped_column(String(100))
    event: Mapped[str] = mapped_column(String(30))
    mission_name: Mapped[str] = mapped_column(Text)
    user_forecast: Mapped[str | None] = mapped_column(Text, nullable=True)  # watchlist text last applied


class ForecastRow(Base):
    """One version of a milestone's forecast; the highest version is current."""

    __tablename__ = "forecasts"
    __table_args__ = (UniqueConstraint("milestone_id", "version", name="uq_forecasts_milestone_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    earliest: Mapped[date | None] = mapped_column(Date, nullable=True)
    latest: Mapped[date | None] = mapped_column(Date, nullable=True)
    precision: Mapped[str | None] = mapped_column(String(20), nullable=True)
    qualifier: Mapped[str | None] = mapped_column(String(20), nullable=True)
    # Publication time of the evidence that set it; None for the user's own forecast.
    as_of: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    origin: Mapped[str] = mapped_column(String(20))  # user | agency | news
    confirmed_rank: Mapped[int] = mapped_column(Integer, default=0)  # highest trust that confirmed it


class ClaimRow(Base):
    """Every claim read, applied or not: the evidence behind forecasts."""

    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_milestone", "milestone_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    earliest: Mapped[date | None] = mapped_column(Date, nullable=True)
    latest: Mapped[date | None] = mapped_column(Date, nullable=True)
    precision: Mapped[str | None] = mapped_column(String(20), nullable=True)
    qualifier: Mapped[str | None] = mapped_column(String(20), nullable=True)
    quote: Mapped[str] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(20))  # a change kind, "none", or "stale"


class ChangeRow(Base):
    """A detected change: the thing users are alerted about."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    from_forecast_id: Mapped[int | None] = mapped_column(ForeignKey("forecasts.id"), nullable=True)
    to_forecast_id: Mapped[int | None] = mapped_column(ForeignKey("forecasts.id"), nullable=True)
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class ChangeEvidenceRow(Base):
    """Which claims caused a change (several outlets can back one change)."""

    __tablename__ = "change_evidence"

    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)


class DeliveryRow(Base):
    """The outbox: one row per change and channel, written with the change itself."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("change_id", "channel", name="uq_deliveries_change_channel"),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(200))  # channel name; the URL stays in the config
    status: Mapped[str] = mapped_column(String(20))  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
