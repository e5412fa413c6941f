"""Text reports for ``tracker status`` and ``tracker history``: read the store, return lines."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.config import Config
from tracker.model import Evidence
from tracker.store import queries
from tracker.store.db import Store
from tracker.store.tables import ChangeRow, ClaimRow, DeliveryRow, ForecastRow, MilestoneRow, SourceRow


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "never"


def forecast_text(row: ForecastRow | None) -> str:
    if row is None:
        return "no forecast"
    window = queries.window_of(row)
    if row.status == "planned":
        return str(window) if window else "no date"
    return f"{row.status}" + (f" ({window})" if window and row.status in ("occurred", "failed") else "")


def status_lines(store: Store, config: Config) -> list[str]:
    """Milestones, then sources, then the outbox."""
    with store.sessions() as session:
        return [*_milestone_lines(session), "", *_source_lines(session, config), "", *_outbox_lines(session)]


def _milestone_lines(session: Session) -> list[str]:
    lines = [f"{'MILESTONE':32} {'FORECAST':24} {'LAST CHANGE':28} EVIDENCE"]
    for m in session.scalars(select(MilestoneRow).order_by(MilestoneRow.mission_id, MilestoneRow.event)):
        current = queries.current_forecast(session, m.id)
        last = session.scalar(
            select(ChangeRow).where(ChangeRow.milestone_id == m.id).order_by(ChangeRow.id.desc()).limit(1)
        )
        evidence = session.scalar(select(func.count()).where(ClaimRow.milestone_id == m.id)) or 0
        disputed = len(queries.disputed_claims(session, m.id))
        change = f"{last.kind} {last.detected_at:%Y-%m-%d}" if last else "-"
        count = f"{evidence} ({disputed} disputed)" if disputed else str(evidence)
        lines.append(f"{m.mission_id + '/' + m.event:32} {forecast_text(current):24} {change:28} {count}")
    return lines


def _source_lines(session: Session, config: Config) -> list[str]:
    lines = [f"{'SOURCE':20} {'LAST SUCCESS':17} {'NEXT POLL':17} STATE"]
    configured = {s.name for s in config.sources}
    for s in session.scalars(select(SourceRow).order_by(SourceRow.name)):
        if s.name not in configured:
            continue
        state = f"failing ×{s.failures}: {s.last_error}" if s.failures else "ok"
        lines.append(f"{s.name:20} {_when(s.last_success_at):17} {_when(s.next_poll_at):17} {state}")
    return lines


def _outbox_lines(session: Session) -> list[str]:
    counts = dict(session.execute(select(DeliveryRow.status, func.count()).group_by(DeliveryRow.status)).all())
    sent, pending, failed = (counts.get(k, 0) for k in ("sent", "pending", "failed"))
    lines = [f"alerts: {sent} sent, {pending} pending, {failed} failed"]
    for row in session.scalars(select(DeliveryRow).where(DeliveryRow.status == "failed").limit(10)):
        lines.append(f"  undelivered to {row.channel} after {row.attempts} attempts: {row.last_error}")
    return lines


def history_lines(store: Store, milestone: str) -> list[str]:
    """Each forecast version of the milestone(s), with its change kind and evidence."""
    mission_id, _, event = milestone.partition("/")
    with store.sessions() as session:
        stmt = select(MilestoneRow).where(MilestoneRow.mission_id == mission_id)
        if event:
            stmt = stmt.where(MilestoneRow.event == event)
        lines: list[str] = []
        for m in session.scalars(stmt.order_by(MilestoneRow.event)):
            lines.append(f"{m.mission_name} — {m.event} ({m.mission_id}/{m.event})")
            for version in queries.forecast_versions(session, m.id):
                lines.extend(_version_lines(session, version))
            disputed = queries.disputed_claims(session, m.id)
            if disputed:
                lines.append("  disputed (flagged, not applied: they contradict the record):")
                lines.extend(_evidence_lines(disputed))
            lines.append("")
        return lines[:-1] if lines else lines


def _version_lines(session: Session, version: ForecastRow) -> list[str]:
    change = queries.creating_change(session, version.id)
    how = change.kind if change else ("watchlist" if version.origin == "user" else version.origin)
    lines = [f"  v{version.version}  {forecast_text(version):24} {_since(version)}  ({how})"]
    return lines + _evidence_lines(queries.claims_for_forecast(session, version))


def _since(version: ForecastRow) -> str:
    """Since when it stands: the evidence's publication day; when tracker saw it too, if later."""
    seen = version.created_at.strftime("%Y-%m-%d")
    if version.as_of is None:
        return f"since {seen}"
    published = version.as_of.strftime("%Y-%m-%d")
    return f"since {published}" + (f" (seen {seen})" if seen != published else "")


def _evidence_lines(evidence: list[Evidence]) -> list[str]:
    lines = []
    for ev in evidence:
        published = ev.published.strftime("%Y-%m-%d") if ev.published else "undated"
        lines.append(f"      {ev.source}, {published}: “{ev.quote}” — {ev.title}")
        if ev.link:
            lines.append(f"        {ev.link}")
    return lines
