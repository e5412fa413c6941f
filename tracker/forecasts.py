"""Apply claims and watchlist edits to versioned forecasts, inside the caller's transaction.

The decision (which change a claim makes) is ``tracker.compare``; this module
records it under the trust policy: a new forecast version, the change with
its evidence, and the outbox rows for the channels that want it, all in the
caller's transaction.  Every claim is kept, applied or not, with its outcome:

=================  ==========================================================
outcome            meaning
=================  ==========================================================
a change kind      it made that change (or was grouped into it: ``grouped``)
``none``           it changed nothing (a coarser restatement)
``confirmed-quiet`` it restated the forecast; already confirmed at its trust
``stale``          published before the evidence of the current forecast
``unconfirmed``    a news-only move waiting for a second source
``contradicts``    it disputes a settled record (occurred, failed, cancelled)
``settled``        a claim about a settled milestone that agrees with it
=================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.compare import Forecast, compare, contradicts, is_overdue, same_window
from tracker.config import MissionConfig
from tracker.model import ChangeKind, Claim, Event, NewsMoves, Policy, Status, Trust
from tracker.store import queries
from tracker.store.tables import ChangeEvidenceRow, ChangeRow, ClaimRow, ForecastRow, ItemRow, MilestoneRow
from tracker.windows import DateWindow

# Channels to notify for a change: (mission id, change kind) -> channel names.
Router = Callable[[str, ChangeKind], Sequence[str]]

# What a news report alone may not do without the policy's say: move, put off or end a milestone.
NEEDS_CORROBORATION = (
    ChangeKind.SLIPPED,
    ChangeKind.ADVANCED,
    ChangeKind.POSTPONED,
    ChangeKind.CANCELLED,
    ChangeKind.FAILED,
)
SETTLED = (Status.OCCURRED.value, Status.FAILED.value, Status.CANCELLED.value)
UNCONFIRMED_NOTE = "reported by one news source, unconfirmed"


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """Where a claim came from, for ordering, independence and trust."""

    item_id: int | None
    source_id: int | None
    published: datetime | None
    trust: Trust


@dataclass(frozen=True, slots=True)
class Ledger:
    """What applying a claim needs besides the claim: routing, policy and the time."""

    route: Router
    policy: Policy
    now: datetime


def initial_confirmed_rank(origin: Trust) -> int:
    """Which confirmations of a new version are worth an alert.

    A forecast read from a source may be confirmed once by news and once more
    by an agency; the user's own forecast only by an agency (news echoing it is
    not news).
    """
    return Trust.NEWS.rank if origin is Trust.USER else 0


def apply_claim(
    session: Session, *, milestone: MilestoneRow, claim: Claim, ctx: ClaimContext, ledger: Ledger
) -> ChangeRow | None:
    """Record ``claim`` as evidence and, when it changes the forecast, the change and its alerts.

    The milestone's row is locked first: two instances reading the same
    forecast at once would otherwise both raise the same change.
    """
    queries.lock_milestone(session, milestone)
    claim_row = queries.add_claim(
        session, milestone, claim, item_id=ctx.item_id, published=ctx.published, now=ledger.now
    )
    current = queries.current_forecast(session, milestone.id)
    if current is not None and _restates(current, claim) and _joins_story(session, current, claim_row, ctx, ledger):
        return None
    if current is not None and _is_stale(current, ctx.published):
        claim_row.outcome = "stale"  # an old article restating an old date never moves a newer forecast
        return None
    note = None
    kind: ChangeKind | None
    if current is not None and current.status in SETTLED:
        verdict = _against_the_record(current, claim, ctx)
        if verdict != "reopens":
            claim_row.outcome = verdict
            return None
        kind = _reopened(current, claim)
        note = f"contradicts the earlier report that it {current.status}"
    else:
        kind = compare(queries.as_forecast(current), claim.status, claim.window)
    claim_row.outcome = kind.value if kind else "none"
    if kind is None:
        return None
    if kind is ChangeKind.CONFIRMED and current is not None and current.status == Status.PLANNED.value:
        return _confirm(session, milestone, current, claim_row, ctx, ledger)
    evidence = [claim_row]
    as_of = ctx.published
    if kind in NEEDS_CORROBORATION and ctx.trust is Trust.NEWS and ledger.policy.news_moves is not NewsMoves.APPLY:
        partner = _corroborating_claim(session, milestone, claim, ctx, ledger.policy)
        if partner is not None:
            partner.outcome = kind.value
            evidence = [partner, claim_row]
            as_of = max(filter(None, (as_of, partner.published)), default=None)
        elif ledger.policy.news_moves is NewsMoves.CORROBORATE:
            claim_row.outcome = "unconfirmed"
            return None
        else:
            note = UNCONFIRMED_NOTE
    after = _new_version(session, milestone, claim, current, ctx, kind, as_of, ledger.now)
    return _record_change(session, milestone, kind, current, after, evidence, ledger, note)


def _restates(current: ForecastRow, claim: Claim) -> bool:
    """Does the claim say what the current version says? (Postponed and cancelled need no date.)"""
    if claim.status.value != current.status:
        return False
    if claim.status in (Status.POSTPONED, Status.CANCELLED):
        return True
    return _windows_agree(queries.window_of(current), claim.window)


def _windows_agree(a: DateWindow | None, b: DateWindow | None) -> bool:
    """Both undated, or the same target however it is worded."""
    if a is None or b is None:
        return a is None and b is None
    return same_window(a, b)


def _joins_story(
    session: Session, current: ForecastRow, claim_row: ClaimRow, ctx: ClaimContext, ledger: Ledger
) -> bool:
    """Another outlet repeating the change that made the current version, within the grouping window.

    It is more evidence for that change, not another alert, whichever order
    the two reports reached us in.
    """
    made_by = queries.creating_change(session, current.id)
    if made_by is None or not _same_story(session, made_by, ctx, ledger.policy):
        return False
    _add_to_story(session, made_by, claim_row, ctx)
    return True


def _against_the_record(current: ForecastRow, claim: Claim, ctx: ClaimContext) -> str:
    """What a claim about a milestone that already occurred, failed or was cancelled does.

    ``settled``: it agrees, nothing changes.  ``contradicts``: it disputes the
    record and is flagged, not applied.  ``reopens``: it disputes the record
    from a source more trusted than the one that settled it (an agency's new
    date after a news report of a cancellation).
    """
    settled = queries.as_forecast(current)
    assert settled is not None
    if not contradicts(settled, claim.status, claim.window):
        return "settled"
    return "reopens" if ctx.trust.rank > Trust(current.origin).rank else "contradicts"


def _reopened(current: ForecastRow, claim: Claim) -> ChangeKind:
    """The change a reopening claim makes, judged against the dates the milestone had."""
    kind = compare(Forecast(queries.window_of(current), Status.PLANNED), claim.status, claim.window)
    if kind is ChangeKind.NEW:  # the record had no date: a date now is news, not a first guess
        return ChangeKind.SLIPPED
    return kind or ChangeKind.CONFIRMED


def _new_version(
    session: Session,
    milestone: MilestoneRow,
    claim: Claim,
    current: ForecastRow | None,
    ctx: ClaimContext,
    kind: ChangeKind,
    as_of: datetime | None,
    now: datetime,
) -> ForecastRow:
    """The forecast a claim leaves behind; a postponement keeps the old dates for reference.

    A version born of a confirmation (back to the old date after a
    postponement) counts as confirmed at its source's trust already.
    """
    window = claim.window if claim.window is not None else (queries.window_of(current) if current else None)
    confirmed = ctx.trust.rank if kind is ChangeKind.CONFIRMED else initial_confirmed_rank(ctx.trust)
    return queries.add_forecast_version(
        session,
        milestone,
        status=claim.status,
        window=window,
        as_of=as_of,
        origin=ctx.trust.value,
        confirmed_rank=confirmed,
        now=now,
    )


def _is_stale(current: ForecastRow, published: datetime | None) -> bool:
    return current.as_of is not None and published is not None and published < current.as_of


def _confirm(
    session: Session,
    milestone: MilestoneRow,
    current: ForecastRow,
    claim_row: ClaimRow,
    ctx: ClaimContext,
    ledger: Ledger,
) -> ChangeRow | None:
    """A restatement outside any fresh story: a confirmation, alerting once per trust level."""
    if ctx.trust.rank <= current.confirmed_rank or not _independent_of_version(session, current, ctx):
        claim_row.outcome = "confirmed-quiet"
        return None
    current.confirmed_rank = ctx.trust.rank
    return _record_change(session, milestone, ChangeKind.CONFIRMED, current, current, [claim_row], ledger, None)


def _add_to_story(session: Session, change: ChangeRow, claim_row: ClaimRow, ctx: ClaimContext) -> None:
    """One more outlet for a change already made: evidence, not another alert."""
    if change.note == UNCONFIRMED_NOTE and _independent(session, change, ctx):
        change.note = None  # a second outlet corroborated it
    session.add(ChangeEvidenceRow(change_id=change.id, claim_id=claim_row.id))
    claim_row.outcome = "grouped"


def _same_story(session: Session, change: ChangeRow, ctx: ClaimContext, policy: Policy) -> bool:
    """Another outlet repeating a change within the grouping window is the same story."""
    if ctx.published is None or change.kind == ChangeKind.CONFIRMED.value:
        return False
    first = session.scalar(
        select(ClaimRow.published)
        .join(ChangeEvidenceRow, ChangeEvidenceRow.claim_id == ClaimRow.id)
        .where(ChangeEvidenceRow.change_id == change.id)
        .order_by(ClaimRow.published)
        .limit(1)
    )
    return first is not None and abs(ctx.published - first) <= policy.group_window


def _evidence_sources(session: Session, change_id: int) -> set[int | None]:
    stmt = (
        select(ItemRow.source_id)
        .select_from(ChangeEvidenceRow)
        .join(ClaimRow, ClaimRow.id == ChangeEvidenceRow.claim_id)
        .outerjoin(ItemRow, ItemRow.id == ClaimRow.item_id)
        .where(ChangeEvidenceRow.change_id == change_id)
    )
    return set(session.scalars(stmt))


def _independent(session: Session, change: ChangeRow, ctx: ClaimContext) -> bool:
    return ctx.source_id is not None and ctx.source_id not in _evidence_sources(session, change.id)


def _independent_of_version(session: Session, version: ForecastRow, ctx: ClaimContext) -> bool:
    """A source repeating itself does not confirm its own forecast."""
    made_by = queries.creating_change(session, version.id)
    return made_by is None or ctx.source_id is None or ctx.source_id not in _evidence_sources(session, made_by.id)


def _corroborating_claim(
    session: Session, milestone: MilestoneRow, claim: Claim, ctx: ClaimContext, policy: Policy
) -> ClaimRow | None:
    """A held news-only claim saying the same, from another source, within the window either side."""
    if ctx.published is None:
        return None
    window = policy.corroboration_window
    stmt = (
        select(ClaimRow, ItemRow.source_id)
        .outerjoin(ItemRow, ItemRow.id == ClaimRow.item_id)
        .where(
            ClaimRow.milestone_id == milestone.id,
            ClaimRow.status == claim.status.value,
            ClaimRow.outcome == "unconfirmed",
            ClaimRow.published >= ctx.published - window,
            ClaimRow.published <= ctx.published + window,
        )
        .order_by(ClaimRow.published)
    )
    for row, source_id in session.execute(stmt):
        if source_id != ctx.source_id and _windows_agree(queries.window_of(row), claim.window):
            return row
    return None


def _record_change(
    session: Session,
    milestone: MilestoneRow,
    kind: ChangeKind,
    before: ForecastRow | None,
    after: ForecastRow | None,
    evidence: Sequence[ClaimRow],
    ledger: Ledger,
    note: str | None,
) -> ChangeRow:
    change = queries.add_change(
        session,
        milestone,
        kind=kind,
        before=before,
        after=after,
        evidence=evidence,
        now=ledger.now,
        note=note,
    )
    queries.add_deliveries(session, change, ledger.route(milestone.mission_id, kind), ledger.now)
    return change


def check_overdue(session: Session, *, today: date, route: Router, now: datetime) -> list[ChangeRow]:
    """Raise ``overdue`` once per forecast version whose latest day has passed without an ``occurred``."""
    raised = []
    ledger = Ledger(route=route, policy=Policy(), now=now)
    for milestone in session.scalars(select(MilestoneRow).order_by(MilestoneRow.id)):
        queries.lock_milestone(session, milestone)  # another instance may be checking the same day
        current = queries.current_forecast(session, milestone.id)
        forecast = queries.as_forecast(current)
        if current is None or forecast is None or not is_overdue(forecast, today):
            continue
        already = session.scalar(
            select(ChangeRow.id).where(
                ChangeRow.to_forecast_id == current.id, ChangeRow.kind == ChangeKind.OVERDUE.value
            )
        )
        if already is None:
            raised.append(_record_change(session, milestone, ChangeKind.OVERDUE, current, current, [], ledger, None))
    return raised


@dataclass(frozen=True, slots=True)
class WatchedMilestone:
    """A forecast the user wrote in a watchlist."""

    mission_id: str
    mission_name: str
    event: Event
    text: str
    window: DateWindow


def watched_milestones(missions: Iterable[MissionConfig]) -> list[WatchedMilestone]:
    """Every forecast written in the watchlists, one per mission and event."""
    return [
        WatchedMilestone(m.id, m.name, event, m.forecast_text[event], window)
        for m in missions
        for event, window in m.forecasts.items()
    ]


def sync_watchlist(session: Session, watched: Sequence[WatchedMilestone], now: datetime) -> list[str]:
    """Make each watchlist forecast the current one when the user wrote something new.

    An edit is the user's own forecast: a new version with the user as its
    evidence, and no alert.  Returns the milestones that got a new version.
    """
    updated = []
    for w in watched:
        milestone = queries.get_milestone(session, w.mission_id, w.event, w.mission_name)
        queries.lock_milestone(session, milestone)  # re-reads it: another instance may have just synced it
        if milestone.user_forecast == w.text:
            continue
        previous = queries.current_forecast(session, milestone.id)
        queries.add_forecast_version(
            session,
            milestone,
            status=Status.PLANNED,
            window=w.window,
            # The user's word replaces the forecast, not the news clock: an article
            # older than the evidence we already had must stay stale after an edit.
            as_of=previous.as_of if previous else None,
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
