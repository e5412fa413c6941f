"""Apply claims and watchlist edits to versioned forecasts, inside the caller's transaction.

The decision (which change a claim makes) is ``tracker.compare``; this module
records it: a new forecast version, the change with its evidence, and the
outbox rows for the channels that want it, all in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from tracker.compare import compare
from tracker.model import ChangeKind, Claim, Event, Status, Trust
from tracker.store import queries
from tracker.store.tables import ChangeRow, ClaimRow, ForecastRow, MilestoneRow
from tracker.windows import DateWindow

# Channels to notify for a change: (mission id, change kind) -> channel names.
Router = Callable[[str, ChangeKind], Sequence[str]]


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """Where a claim came from, for ordering and trust."""

    item_id: int | None
    published: datetime | None
    trust: Trust


def initial_confirmed_rank(origin: Trust) -> int:
    """Which confirmations of a new version are worth an alert.

    A forecast read from a source may be confirmed once by any source; the
    user's own forecast only by an agency (news echoing it is not news).
    """
    return Trust.NEWS.rank if origin is Trust.USER else 0


def apply_claim(
    session: Session,
    *,
    milestone: MilestoneRow,
    claim: Claim,
    ctx: ClaimContext,
    route: Router,
    now: datetime,
) -> ChangeRow | None:
    """Record ``claim`` as evidence and, when it changes the forecast, the change and its alerts."""
    claim_row = queries.add_claim(
        session, milestone, claim, item_id=ctx.item_id, published=ctx.published, now=now
    )
    current = queries.current_forecast(session, milestone.id)
    if current is not None and _is_stale(current, ctx.published):
        claim_row.outcome = "stale"  # an old article restating an old date never moves a newer forecast
        return None
    kind = compare(queries.as_forecast(current), claim.status, claim.window)
    claim_row.outcome = kind.value if kind else "none"
    if kind is None:
        return None
    if kind is ChangeKind.CONFIRMED:
        return _confirm(session, milestone, current, claim_row, ctx, route, now)
    window = claim.window if claim.window is not None else (queries.window_of(current) if current else None)
    status = Status.PLANNED if claim.status is Status.PLANNED else claim.status
    after = queries.add_forecast_version(
        session,
        milestone,
        status=status,
        window=window,
        as_of=ctx.published,
        origin=ctx.trust.value,
        confirmed_rank=initial_confirmed_rank(ctx.trust),
        now=now,
    )
    return _record_change(session, milestone, kind, current, after, claim_row, route, now)


def _is_stale(current: ForecastRow, published: datetime | None) -> bool:
    return current.as_of is not None and published is not None and published < current.as_of


def _confirm(
    session: Session,
    milestone: MilestoneRow,
    current: ForecastRow | None,
    claim_row: ClaimRow,
    ctx: ClaimContext,
    route: Router,
    now: datetime,
) -> ChangeRow | None:
    """A restatement alerts at most once per forecast version and trust level."""
    assert current is not None
    if ctx.trust.rank <= current.confirmed_rank:
        claim_row.outcome = "confirmed-quiet"
        return None
    current.confirmed_rank = ctx.trust.rank
    return _record_change(session, milestone, ChangeKind.CONFIRMED, current, current, claim_row, route, now)


def _record_change(
    session: Session,
    milestone: MilestoneRow,
    kind: ChangeKind,
    before: ForecastRow | None,
    after: ForecastRow | None,
    claim_row: ClaimRow,
    route: Router,
    now: datetime,
) -> ChangeRow:
    change = queries.add_change(
        session, milestone, kind=kind, before=before, after=after, evidence=[claim_row], now=now
    )
    queries.add_deliveries(session, change, route(milestone.mission_id, kind), now)
    return change


@dataclass(frozen=True, slots=True)
class WatchedMilestone:
    """A forecast the user wrote in a watchlist."""

    mission_id: str
    mission_name: str
    event: Event
    text: str
    window: DateWindow


def sync_watchlist(session: Session, watched: Sequence[WatchedMilestone], now: datetime) -> list[str]:
    """Make each watchlist forecast the current one when the user wrote something new.

    An edit is the user's own forecast: a new version with the user as its
    evidence, and no alert.  Returns the milestones that got a new version.
    """
    updated = []
    for w in watched:
        milestone = queries.get_milestone(session, w.mission_id, w.event, w.mission_name)
        if milestone.user_forecast == w.text:
            continue
        queries.add_forecast_version(
            session,
            milestone,
            status=Status.PLANNED,
            window=w.window,
            as_of=None,
            origin=Trust.USER.value,
            confirmed_rank=initial_confirmed_rank(Trust.USER),
            now=now,
        )
        milestone.user_forecast = w.text
        updated.append(f"{w.mission_id}/{w.event.value}")
    return updated


def make_router(channels: Sequence[tuple[str, frozenset[str], frozenset[str] | None]]) -> Router:
    """Route a change to the channels whose filters accept its kind and mission."""

    def route(mission_id: str, kind: ChangeKind) -> list[str]:
        return [
            name
            for name, kinds, missions in channels
            if kind.value in kinds and (missions is None or mission_id in missions)
        ]

    return route


def milestone_names(missions: Mapping[str, str]) -> Callable[[str], str]:
    """Mission id -> display name, falling back to the id."""
    return lambda mission_id: missions.get(mission_id, mission_id)
