"""Date windows: FORMAT.md's windows, the watchlist grammar, and printing them back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.windows import (
    DateWindow,
    Precision,
    Qualifier,
    WindowSyntaxError,
    apply_qualifier,
    decade_window,
    half_window,
    month_end,
    month_part_window,
    parse_window,
    quarter_window,
    season_window,
    year_part_window,
)

D = date


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision", "qualifier"),
    [
        ("2025", D(2025, 1, 1), D(2025, 12, 31), "year", None),
        ("about 2025", D(2025, 1, 1), D(2025, 12, 31), "year", "approx"),
        ("around 2026", D(2026, 1, 1), D(2026, 12, 31), "year", "approx"),
        ("by 2030", None, D(2030, 12, 31), "year", "by"),
        ("before 2030", None, D(2029, 12, 31), "year", "before"),
        ("NET 2026-09", D(2026, 9, 1), D(2026, 9, 30), "month", "net"),
        ("no earlier than September 2026", D(2026, 9, 1), D(2026, 9, 30), "month", "net"),
        ("H2 2026", D(2026, 7, 1), D(2026, 12, 31), "half", None),
        ("2026-H2", D(2026, 7, 1), D(2026, 12, 31), "half", None),
        ("Q3 2026", D(2026, 7, 1), D(2026, 9, 30), "quarter", None),
        ("early 2027", D(2027, 1, 1), D(2027, 4, 30), "part", None),
        ("mid-2027", D(2027, 5, 1), D(2027, 8, 31), "part", None),
        ("late 2027", D(2027, 9, 1), D(2027, 12, 31), "part", None),
        ("the end of 2027", D(2027, 9, 1), D(2027, 12, 31), "part", None),
        ("24 August 2026", D(2026, 8, 24), D(2026, 8, 24), "day", None),
        ("2026-08-24", D(2026, 8, 24), D(2026, 8, 24), "day", None),
        ("by the end of the 2020s", None, D(2029, 12, 31), "decade", "by"),
        ("the 2030s", D(2030, 1, 1), D(2039, 12, 31), "decade", None),
        ("winter 2026", D(2026, 12, 1), D(2027, 2, 28), "part", None),
        ("spring 2026", D(2026, 3, 1), D(2026, 5, 31), "part", None),
        ("late March 2026", D(2026, 3, 21), D(2026, 3, 31), "part", None),
        ("2025 or 2026", D(2025, 1, 1), D(2026, 12, 31), "year", None),
        ("2027-28", D(2027, 1, 1), D(2028, 12, 31), "year", None),
        ("Jul-Aug 2023", D(2023, 7, 1), D(2023, 8, 31), "month", None),
        ("12-19 Jul 2023", D(2023, 7, 12), D(2023, 7, 19), "day", None),
        ("after 2030", D(2031, 1, 1), None, "year", "after"),
        ("by the end of 2030", None, D(2030, 12, 31), "year", "by"),
    ],
)
def test_grammar_gives_format_md_windows(
    text: str, earliest: date | None, latest: date | None, precision: str, qualifier: str | None
) -> None:
    w = parse_window(text)
    assert (w.earliest, w.latest, w.precision.value, w.qualifier) == (earliest, latest, precision, qualifier)


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("about 2025", "about 2025"),
        ("by 2030", "by 2030"),
        ("2026-H2", "H2 2026"),
        ("2026-08", "Aug 2026"),
        ("NET 2026-09", "NET Sep 2026"),
        ("mid-2027", "mid 2027"),
        ("2026-08-24", "24 Aug 2026"),
        ("before 2030", "before 2030"),
        ("by the end of the 2020s", "by the end of the 2020s"),
    ],
)
def test_printed_the_way_people_write_it(text: str, printed: str) -> None:
    assert str(parse_window(text)) == printed


def test_irregular_window_prints_exactly_and_reads_back() -> None:
    later_this_year = DateWindow(D(2026, 2, 10), D(2026, 12, 31), Precision.YEAR)
    assert str(later_this_year) == "2026-02-10..2026-12-31 (year)"
    assert parse_window(str(later_this_year)) == later_this_year


@pytest.mark.parametrize("text", ["", "soon", "by", "2026-13", "31 Feb 2026", "2029s", "Smarch 2026"])
def test_bad_text_gives_one_line_error(text: str) -> None:
    with pytest.raises(WindowSyntaxError) as info:
        parse_window(text)
    assert "\n" not in str(info.value) and str(info.value)


def test_open_sides_follow_the_qualifier() -> None:
    with pytest.raises(ValueError):
        DateWindow(D(2026, 1, 1), D(2026, 12, 31), Precision.YEAR, Qualifier.BY)
    with pytest.raises(ValueError):
        DateWindow(None, D(2026, 12, 31), Precision.YEAR, None)
    with pytest.raises(ValueError):
        DateWindow(D(2027, 1, 1), D(2026, 12, 31), Precision.YEAR)


def test_deadlines_worded_around_one_year_are_one_target() -> None:
    by, before = parse_window("by 2030"), parse_window("before 2030")
    end_of_decade = parse_window("by the end of the 2020s")
    assert by.same_target(before) and before.same_target(end_of_decade) and by.same_target(end_of_decade)
    assert not parse_window("by 2029").same_target(by)


# --------------------------------------------------------------------------- round trips


def _closed(draw: st.DrawFn) -> tuple[date, date, Precision]:
    y = draw(st.integers(1990, 2090))
    kind = draw(st.sampled_from(list(Precision)))
    month = draw(st.integers(1, 12))
    if kind is Precision.DAY:
        start = D(y, month, draw(st.integers(1, month_end(y, month).day)))
        span = draw(st.integers(0, 40))
        end = start + timedelta(days=span)
        return start, end, kind
    if kind is Precision.MONTH:
        last = draw(st.integers(month, 12))
        return D(y, month, 1), month_end(y, last), kind
    if kind is Precision.QUARTER:
        return (*quarter_window(y, draw(st.integers(1, 4))), kind)
    if kind is Precision.HALF:
        return (*half_window(y, draw(st.integers(1, 2))), kind)
    if kind is Precision.PART:
        choice = draw(st.integers(0, 2))
        part = draw(st.integers(0, 2))
        if choice == 0:
            return (*year_part_window(y, part), kind)
        if choice == 1:
            return (*month_part_window(y, month, part), kind)
        return (*season_window(y, draw(st.sampled_from([3, 6, 9, 12]))), kind)
    if kind is Precision.YEAR:
        return D(y, 1, 1), D(y + draw(st.integers(0, 3)), 12, 31), kind
    return (*decade_window(y - y % 10), kind)


@st.composite
def windows(draw: st.DrawFn) -> DateWindow:
    start, end, precision = _closed(draw)
    return apply_qualifier(draw(st.sampled_from([None, *Qualifier])), start, end, precision)


@given(windows())
def test_printing_then_parsing_gives_the_same_window(w: DateWindow) -> None:
    assert parse_window(str(w)) == w


@given(windows())
def test_printing_is_stable(w: DateWindow) -> None:
    assert str(parse_window(str(w))) == str(w)


@given(st.text(max_size=60))
def test_any_text_reads_as_a_window_or_one_clear_error(text: str) -> None:
    try:
        w = parse_window(text)
    except WindowSyntaxError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert parse_window(str(w)) == w
