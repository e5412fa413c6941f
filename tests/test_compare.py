"""claim × forecast → change: the table in DESIGN.md, row by row, and its properties."""

from __future__ import annotations

import pytest
from hypothesis import given

from tests.test_windows import windows
from tracker.compare import Forecast, compare
from tracker.model import ChangeKind, Status
from tracker.windows import DateWindow, parse_window

W = parse_window


def planned(text: str) -> Forecast:
    return Forecast(W(text))


@pytest.mark.parametrize(
    ("forecast", "claim", "kind"),
    [
        ("about 2025", "about 2025", ChangeKind.CONFIRMED),
        ("about 2026", "2026", ChangeKind.CONFIRMED),  # hedge dropped, same window
        ("by 2030", "before 2030", ChangeKind.CONFIRMED),
        ("before 2030", "by the end of the 2020s", ChangeKind.CONFIRMED),
        ("by 2030", "by the end of the 2020s", ChangeKind.CONFIRMED),
        ("about 2026", "before 2030", None),  # coarser restatement
        ("Aug 2026", "2026", None),
        ("2026", "Aug 2026", ChangeKind.REFINED),
        ("about 2026", "H2 2026", ChangeKind.REFINED),
        ("about 2025", "Aug 2026", ChangeKind.SLIPPED),
        ("about 2025", "about 2026", ChangeKind.SLIPPED),
        ("Sep 2026", "NET mid-2027", ChangeKind.SLIPPED),
        ("2026", "after 2026", ChangeKind.SLIPPED),  # an open end counts as later
        ("by 2030", "by 2032", ChangeKind.SLIPPED),
        ("Aug 2026", "Apr 2026", ChangeKind.ADVANCED),
        ("by 2030", "by 2028", ChangeKind.ADVANCED),
    ],
)
def test_planned_claims(forecast: str, claim: str, kind: ChangeKind | None) -> None:
    assert compare(planned(forecast), Status.PLANNED, W(claim)) is kind


FIVE_WAYS = ["before 2030", "by 2030", "by the end of the 2020s", "before the 2030s", "by the end of 2030"]


@pytest.mark.parametrize("forecast", FIVE_WAYS)
@pytest.mark.parametrize("claim", FIVE_WAYS)
def test_one_deadline_stated_five_ways_never_slips_or_advances(forecast: str, claim: str) -> None:
    """ "before 2030", "2030年前", "by the end of the decade", "by 2030", "до 2030 года": one target."""
    assert compare(planned(forecast), Status.PLANNED, W(claim)) is ChangeKind.CONFIRMED


@pytest.mark.parametrize(
    ("forecast", "claim"),
    [
        ("by 2030", "by Dec 2030"),
        ("by Dec 2030", "by 2030"),
        ("by 2030", "by Q4 2030"),
        ("before 2030", "by 2029"),
    ],
)
def test_deadlines_ending_on_the_same_day_confirm_each_other(forecast: str, claim: str) -> None:
    assert compare(planned(forecast), Status.PLANNED, W(claim)) is ChangeKind.CONFIRMED


def test_an_estimate_at_the_deadline_refines_it_and_a_deadline_never_narrows_an_estimate() -> None:
    assert compare(planned("by 2030"), Status.PLANNED, W("about 2030")) is ChangeKind.REFINED
    assert compare(planned("about 2030"), Status.PLANNED, W("by 2030")) is None


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (Status.OCCURRED, ChangeKind.OCCURRED),
        (Status.FAILED, ChangeKind.FAILED),
        (Status.POSTPONED, ChangeKind.POSTPONED),
        (Status.CANCELLED, ChangeKind.CANCELLED),
    ],
)
def test_status_claims_come_first(status: Status, kind: ChangeKind) -> None:
    window = W("2 Aug 2026") if status in (Status.OCCURRED, Status.FAILED) else None
    assert compare(planned("about 2026"), status, window) is kind


def test_postponed_twice_is_one_change() -> None:
    assert compare(Forecast(W("2026"), Status.POSTPONED), Status.POSTPONED, None) is None


def test_settled_milestones_do_not_move() -> None:
    for status in (Status.OCCURRED, Status.FAILED, Status.CANCELLED):
        assert compare(Forecast(W("2 Aug 2026"), status), Status.PLANNED, W("2027")) is None


def test_first_claim_becomes_the_forecast() -> None:
    assert compare(None, Status.PLANNED, W("2027")) is ChangeKind.NEW
    assert compare(None, Status.OCCURRED, W("2 Aug 2026")) is ChangeKind.OCCURRED


@given(windows(), windows())
def test_a_slip_reversed_is_an_advance(a: DateWindow, b: DateWindow) -> None:
    forward = compare(Forecast(a), Status.PLANNED, b)
    backward = compare(Forecast(b), Status.PLANNED, a)
    if forward is ChangeKind.SLIPPED and not b.contains(a) and not a.contains(b):
        assert backward is ChangeKind.ADVANCED
    if forward is ChangeKind.ADVANCED and not b.contains(a) and not a.contains(b):
        assert backward is ChangeKind.SLIPPED


@given(windows())
def test_a_forecast_confirms_itself(w: DateWindow) -> None:
    assert compare(Forecast(w), Status.PLANNED, w) is ChangeKind.CONFIRMED


@given(windows(), windows())
def test_a_coarser_restatement_never_alerts(a: DateWindow, b: DateWindow) -> None:
    kind = compare(Forecast(a), Status.PLANNED, b)
    if b.contains(a) and not (a.is_deadline and b.is_deadline):  # a moved deadline is a slip
        assert kind in (None, ChangeKind.CONFIRMED)
