"""A claim against a milestone's current forecast: which change, if any (pure).

Implements the table in DESIGN.md.  The first row that applies wins:
occurred, failed, postponed, cancelled, confirmed, nothing (a coarser
restatement), refined, slipped, advanced.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.model import ChangeKind, Status
from tracker.windows import DateWindow, Qualifier

__all__ = ["Forecast", "compare", "same_window"]

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
    return (
        (a.earliest, a.latest) == (b.earliest, b.latest) and a.qualifier in hedges and b.qualifier in hedges
    )


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
    if window is None:
        return None
    if current.window is None:
        return ChangeKind.NEW
    old = current.window
    if same_window(window, old):
        return ChangeKind.CONFIRMED
    if window.is_deadline and old.is_deadline:
        # A deadline moved is a slip or an advance, not a looser restatement.
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
