"""A claim against a milestone's current forecast: which change, if any (pure).

Implements the table in DESIGN.md.  The first row that applies wins:
occurred, failed, postponed, cancelled, confirmed, nothing (a coarser
restatement), refined, slipped, advanced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.model import ChangeKind, Status
from tracker.windows import DateWindow, Qualifier

__all__ = ["Forecast", "claim_order", "compare", "contradicts", "is_overdue", "same_window"]

_TERMINAL = (Status.OCCURRED, Status.FAILED, Status.CANCELLED)


@dataclass(frozen=True, slots=True)
class Forecast:
    """What we currently believe about one milestone."""

    window: DateWindow | None  # kept through a postponement, None if never dated
    status: Status = Status.PLANNED


def same_window(a: DateWindow, b: DateWindow) -> bool:
    """The same target: equal bounds (hedges aside) or one deadline worded two ways.

    "about 2026" and "2026" state one window; "before 2030", "by 2030" and
    "by the end of the decade" state one deadline.
    """
    if a.same_target(b):
        return True
    hedges = (None, Qualifier.APPROX, Qualifier.NET)
    return (a.earliest, a.latest) == (b.earliest, b.latest) and a.qualifier in hedges and b.qualifier in hedges


def _status_change(current: Forecast, status: Status) -> ChangeKind | None:
    if status is Status.OCCURRED:
        return ChangeKind.OCCURRED
    if status is Status.FAILED:
        return ChangeKind.FAILED
    if status is Status.CANCELLED:
        return ChangeKind.CANCELLED
    if status is Status.POSTPONED:
        return None if current.status is Status.POSTPONED else ChangeKind.POSTPONED
    return None


def _rescheduled(old: DateWindow | None, new: DateWindow) -> ChangeKind:
    """A date after a postponement, judged against the dates the milestone had.

    Back to the same (or a looser) target is a confirmation; with no earlier
    date at all, any date is later than "no date".
    """
    if old is None:
        return ChangeKind.SLIPPED
    kind = compare(Forecast(old), Status.PLANNED, new)
    return ChangeKind.CONFIRMED if kind in (None, ChangeKind.NEW) else kind


def compare(current: Forecast | None, status: Status, window: DateWindow | None) -> ChangeKind | None:
    """The change a claim (status, window) makes to ``current``; None when it changes nothing.

    A milestone without a forecast takes the claim as its first one (``new``,
    or the event itself when the first word is that it happened or ended).  A
    milestone that already occurred, failed or was cancelled is settled:
    later claims are evidence, not changes.
    """
    if current is None:
        if status in _TERMINAL:
            return _status_change(Forecast(None), status)
        return ChangeKind.NEW
    if current.status in _TERMINAL:
        return None
    if status is not Status.PLANNED:
        return _status_change(current, status)
    if current.status is Status.POSTPONED and window is not None:
        return _rescheduled(current.window, window)
    if window is None:
        return None
    if current.window is None:
        return ChangeKind.NEW
    old = current.window
    if same_window(window, old):
        return ChangeKind.CONFIRMED
    if window.is_deadline and old.is_deadline:
        # A deadline moved is a slip or an advance, not a looser restatement;
        # the same last day worded otherwise ("by Dec 2030", "by 2030") is the same deadline.
        if window.end_ord == old.end_ord:
            return ChangeKind.CONFIRMED
        return ChangeKind.SLIPPED if window.end_ord > old.end_ord else ChangeKind.ADVANCED
    if window.contains(old):
        return None
    if old.contains(window):
        return ChangeKind.REFINED
    if window.end_ord > old.end_ord:
        return ChangeKind.SLIPPED
    if window.end_ord < old.end_ord:
        return ChangeKind.ADVANCED
    # Same end, starts earlier without containing: only possible with open
    # starts on one side; the later start is a narrowing.
    return ChangeKind.REFINED if window.start_ord > old.start_ord else None


def contradicts(current: Forecast, status: Status, window: DateWindow | None) -> bool:
    """Does a claim dispute a settled record (occurred, failed, cancelled)?

    Such claims are kept as evidence and flagged; they never reopen the record
    on their own ("the lander will fly in 2027" after it crashed in 2024).
    """
    if current.status in (Status.OCCURRED, Status.FAILED):
        happened = current.window
        if status in (Status.POSTPONED, Status.CANCELLED):
            return True
        if status in (Status.OCCURRED, Status.FAILED) and status is not current.status:
            return True  # it failed, or it happened: not both
        if window is None or happened is None:
            return False
        if status in (Status.OCCURRED, Status.FAILED):
            return not window.overlaps(happened)
        return window.start_ord > happened.end_ord  # still to come, after it happened
    if current.status is Status.CANCELLED:
        return status is not Status.CANCELLED
    return False


def is_overdue(current: Forecast, today: date) -> bool:
    """A planned target whose latest day has passed ("about 2025" on 2026-01-01)."""
    w = current.window
    return current.status is Status.PLANNED and w is not None and w.latest is not None and w.latest < today


def claim_order(status: Status, window: DateWindow | None) -> tuple[int, int, int, int, str]:
    """How claims published at the same moment are applied, whatever order they were fetched in.

    Coarser statements first and finer ones last, so the most precise word of
    the day is the one that stands; then by end and start, for a total order.
    """
    if window is None:
        return (-1, _STATUS_ORDER.index(status), 0, 0, "")
    return (
        -window.precision.rank,
        _STATUS_ORDER.index(status),
        window.end_ord,
        window.start_ord,
        window.qualifier.value if window.qualifier else "",
    )


_STATUS_ORDER = [Status.PLANNED, Status.POSTPONED, Status.CANCELLED, Status.FAILED, Status.OCCURRED]
