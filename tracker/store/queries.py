"""The reads and writes the pipeline needs, each a small function over a Session.

No business rules here: what a claim means is decided in ``tracker.compare``;
these functions only load and save rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tracker.compare import Forecast
from tracker.model import Alert, ChangeKind, Claim, Event, Evidence, Status
from tracker.store.tables import (
    ChangeEvidenceRow,
    ChangeRow,
    ClaimRow,
    DeliveryRow,
    ForecastRow,
    ItemRow,
    MilestoneRow,
    SourceRow,
)
from tracker.windows import DateWindow, Precision, Qualifier

T = TypeVar("T", SourceRow, MilestoneRow)

# --------------------------------------------------------------------------- sources


def _insert_once(session: Session, row: T, find: Callable[[], T | None]) -> T:
    """Insert ``row`` unless another instance just did; then use theirs.

    Two daemons starting together both try to register the same source or
    milestone; the unique constraint lets one win, and the other re-reads.
    """
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        existing = find()
        if existing is None:
            raise
        return existing
    return row


def upsert_source(session: Session, *, name: str, kind: str, url: str, now: datetime) -> SourceRow:
    """Register a configured source; a changed URL forgets the old validators."""

    def find() -> SourceRow | None:
        return session.scalar(select(SourceRow).where(SourceRow.name == name))

    row = find()
    if row is None:
        return _insert_once(session, SourceRow(name=name, kind=kind, url=url, next_poll_at=now, failures=0), find)
    if row.url != url or row.kind != kind:
        row.url, row.kind = url, kind
        row.etag = row.last_modified = None
        row.next_poll_at = now
    return row


def lease_due_sources(
    session: Session, *, names: Iterable[str], now: datetime, lease: timedelta, limit: int
) -> list[SourceRow]:
    """Claim up to ``limit`` due sources for this process (row leases; SKIP LOCKED on PostgreSQL)."""
    stmt = (
        select(SourceRow)
        .where(
            SourceRow.name.in_(list(names)),
            SourceRow.next_poll_at <= now,
            or_(SourceRow.lease_until.is_(None), SourceRow.lease_until < now),
        )
        .order_by(SourceRow.next_poll_at, SourceRow.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(session.scalars(stmt))
    for row in rows:
        row.lease_until = now + lease
    return rows


def next_due_at(session: Session, names: Iterable[str]) -> datetime | None:
    return session.scalar(select(func.min(SourceRow.next_poll_at)).where(SourceRow.name.in_(list(names))))


# --------------------------------------------------------------------------- items


def item_exists(session: Session, source_id: int, key: str) -> bool:
    stmt = select(ItemRow.id).where(ItemRow.source_id == source_id, ItemRow.key == key)
    return session.scalar(stmt) is not None


# --------------------------------------------------------------------------- milestones and forecasts


def get_milestone(session: Session, mission_id: str, event: Event, mission_name: str) -> MilestoneRow:
    def find() -> MilestoneRow | None:
        stmt = select(MilestoneRow).where(MilestoneRow.mission_id == mission_id, MilestoneRow.event == event.value)
        return session.scalar(stmt)

    row = find()
    if row is None:
        row = MilestoneRow(mission_id=mission_id, event=event.value, mission_name=mission_name)
        return _insert_once(session, row, find)
    if row.mission_name != mission_name:
        row.mission_name = mission_name
    return row


def lock_milestone(session: Session, milestone: MilestoneRow) -> None:
    """Hold the milestone's row until the transaction ends, and re-read it (PostgreSQL; SQLite serialises writers)."""
    session.refresh(milestone, with_for_update=True)


def current_forecast(session: Session, milestone_id: int) -> ForecastRow | None:
    stmt = (
        select(ForecastRow)
        .where(ForecastRow.milestone_id == milestone_id)
        .order_by(ForecastRow.version.desc())
        .limit(1)
    )
    return session.scalar(stmt)


def forecast_versions(session: Session, milestone_id: int) -> list[ForecastRow]:
    stmt = select(ForecastRow).where(ForecastRow.milestone_id == milestone_id).order_by(ForecastRow.version)
    return list(session.scalars(stmt))


def window_of(row: ForecastRow | ClaimRow) -> DateWindow | None:
    if row.precision is None:
        return None
    return DateWindow(
        row.earliest,
        row.latest,
        Precision(row.precision),
        Qualifier(row.qualifier) if row.qualifier else None,
    )


def as_forecast(row: ForecastRow | None) -> Forecast | None:
    return None if row is None else Forecast(window_of(row), Status(row.status))


def add_forecast_version(
    session: Session,
    milestone: MilestoneRow,
    *,
    status: Status,
    window: DateWindow | None,
    as_of: datetime | None,
    origin: str,
    confirmed_rank: int,
    now: datetime,
) -> ForecastRow:
    previous = current_forecast(session, milestone.id)
    row = ForecastRow(
        milestone_id=milestone.id,
        version=(previous.version + 1) if previous else 1,
        status=status.value,
        earliest=window.earliest if window else None,
        latest=window.latest if window else None,
        precision=window.precision.value if window else None,
        qualifier=window.qualifier.value if window and window.qualifier else None,
        as_of=as_of,
        created_at=now,
        origin=origin,
        confirmed_rank=confirmed_rank,
    )
    session.add(row)
    session.flush()
    return row


# --------------------------------------------------------------------------- claims, changes, deliveries


def add_claim(
    session: Session,
    milestone: MilestoneRow,
    claim: Claim,
    *,
    item_id: int | None,
    published: datetime | None,
    now: datetime,
) -> ClaimRow:
    w = claim.window
    row = ClaimRow(
        milestone_id=milestone.id,
        item_id=item_id,
        status=claim.status.value,
        earliest=w.earliest if w else None,
        latest=w.latest if w else None,
        precision=w.precision.value if w else None,
        qualifier=w.qualifier.value if w and w.qualifier else None,
        quote=claim.quote,
        published=published,
        created_at=now,
        outcome="none",
    )
    session.add(row)
    session.flush()
    return row


def add_change(
    session: Session,
    milestone: MilestoneRow,
    *,
    kind: ChangeKind,
    before: ForecastRow | None,
    after: ForecastRow | None,
    evidence: Sequence[ClaimRow],
    now: datetime,
    note: str | None = None,
) -> ChangeRow:
    change = ChangeRow(
        milestone_id=milestone.id,
        kind=kind.value,
        from_forecast_id=before.id if before else None,
        to_forecast_id=after.id if after else None,
        detected_at=now,
        note=note,
    )
    session.add(change)
    session.flush()
    for claim in evidence:
        session.add(ChangeEvidenceRow(change_id=change.id, claim_id=claim.id))
    return change


def add_deliveries(session: Session, change: ChangeRow, channels: Iterable[str], now: datetime) -> int:
    """Outbox rows, written in the caller's transaction together with the change."""
    count = 0
    for name in channels:
        session.add(DeliveryRow(change_id=change.id, channel=name, status="pending", next_attempt_at=now))
        count += 1
    return count


def lease_due_deliveries(session: Session, *, now: datetime, lease: timedelta, limit: int) -> list[DeliveryRow]:
    stmt = (
        select(DeliveryRow)
        .where(
            DeliveryRow.status == "pending",
            DeliveryRow.next_attempt_at <= now,
            or_(DeliveryRow.lease_until.is_(None), DeliveryRow.lease_until < now),
        )
        .order_by(DeliveryRow.next_attempt_at, DeliveryRow.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(session.scalars(stmt))
    for row in rows:
        row.lease_until = now + lease
        row.attempts += 1
    return rows


def load_alert(session: Session, change_id: int) -> Alert:
    """Everything a message needs about one change: windows and evidence."""
    change = session.get_one(ChangeRow, change_id)
    milestone = session.get_one(MilestoneRow, change.milestone_id)
    before = session.get(ForecastRow, change.from_forecast_id) if change.from_forecast_id else None
    after = session.get(ForecastRow, change.to_forecast_id) if change.to_forecast_id else None
    return Alert(
        mission_id=milestone.mission_id,
        mission_name=milestone.mission_name,
        event=Event(milestone.event),
        kind=ChangeKind(change.kind),
        before=window_of(before) if before else None,
        after=window_of(after) if after else None,
        evidence=tuple(change_evidence(session, change.id)),
        at=change.detected_at,
        note=change.note,
        change_id=change.id,
    )


def change_evidence(session: Session, change_id: int) -> list[Evidence]:
    stmt = (
        select(ClaimRow, ItemRow, SourceRow)
        .join(ChangeEvidenceRow, ChangeEvidenceRow.claim_id == ClaimRow.id)
        .outerjoin(ItemRow, ItemRow.id == ClaimRow.item_id)
        .outerjoin(SourceRow, SourceRow.id == ItemRow.source_id)
        .where(ChangeEvidenceRow.change_id == change_id)
        .order_by(ClaimRow.published, ClaimRow.id)
    )
    return [evidence_of(claim, item, source) for claim, item, source in session.execute(stmt)]


def evidence_of(claim: ClaimRow, item: ItemRow | None, source: SourceRow | None) -> Evidence:
    return Evidence(
        source=source.name if source else "watchlist",
        title=item.title if item else "",
        quote=claim.quote,
        link=item.link if item else None,
        published=claim.published,
    )


def creating_change(session: Session, forecast_id: int) -> ChangeRow | None:
    """The change that made this version (confirmations point at the version they confirm)."""
    stmt = select(ChangeRow).where(
        ChangeRow.to_forecast_id == forecast_id,
        or_(ChangeRow.from_forecast_id.is_(None), ChangeRow.from_forecast_id != forecast_id),
    )
    return session.scalar(stmt.limit(1))


def confirmations(session: Session, forecast_id: int) -> list[ChangeRow]:
    stmt = select(ChangeRow).where(ChangeRow.to_forecast_id == forecast_id, ChangeRow.from_forecast_id == forecast_id)
    return list(session.scalars(stmt.order_by(ChangeRow.id)))


def claims_for_forecast(session: Session, forecast: ForecastRow) -> list[Evidence]:
    """The evidence behind a forecast version: the claims that made it, then those that confirmed it."""
    changes = [c for c in (creating_change(session, forecast.id), *confirmations(session, forecast.id)) if c]
    return [ev for change in changes for ev in change_evidence(session, change.id)]


def disputed_claims(session: Session, milestone_id: int) -> list[Evidence]:
    """Claims flagged because they contradict a settled record, with where they came from."""
    stmt = (
        select(ClaimRow, ItemRow, SourceRow)
        .outerjoin(ItemRow, ItemRow.id == ClaimRow.item_id)
        .outerjoin(SourceRow, SourceRow.id == ItemRow.source_id)
        .where(ClaimRow.milestone_id == milestone_id, ClaimRow.outcome == "contradicts")
        .order_by(ClaimRow.published, ClaimRow.id)
    )
    return [evidence_of(claim, item, source) for claim, item, source in session.execute(stmt)]
