"""Temporal expressions before and after resolution, shared by the three grammars.

A grammar finds a :class:`Timex`: where the phrase is, what it says
(:class:`Body`, possibly year-less or relative) and its qualifier.  Turning it
into a :class:`~tracker.windows.DateWindow` needs context only the sentence
has — the publication date, whether the statement looks back or forward, and
the year of a date just before it — so resolution is a separate step.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

from tracker.windows import (
    DateWindow,
    Precision,
    Qualifier,
    apply_qualifier,
    decade_window,
    half_window,
    month_end,
    month_part_window,
    quarter_window,
    season_window,
    year_part_window,
    year_window,
)

__all__ = ["Body", "Timex", "Unit", "resolve"]


class Unit(Enum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    QUARTER = "quarter"
    HALF = "half"
    YEAR_PART = "ypart"  # n: 0 early, 1 mid, 2 late
    MONTH_PART = "mpart"  # month + n
    SEASON = "season"  # n: first month (3, 6, 9, 12)
    DECADE = "decade"  # year: first year of the decade
    FISCAL_JP = "fiscal_jp"  # April to March (Japan, India)
    FISCAL_US = "fiscal_us"  # October to September
    LATER_YEAR = "later_year"  # publication date to the end of its year
    LATER_DECADE = "later_decade"
    WEEKDAY = "weekday"  # n: 0 Monday .. 6 Sunday
    TODAY = "today"


_PRECISION = {
    Unit.YEAR: Precision.YEAR,
    Unit.MONTH: Precision.MONTH,
    Unit.DAY: Precision.DAY,
    Unit.QUARTER: Precision.QUARTER,
    Unit.HALF: Precision.HALF,
    Unit.YEAR_PART: Precision.PART,
    Unit.MONTH_PART: Precision.PART,
    Unit.SEASON: Precision.PART,
    Unit.DECADE: Precision.DECADE,
    Unit.FISCAL_JP: Precision.YEAR,
    Unit.FISCAL_US: Precision.YEAR,
    Unit.LATER_YEAR: Precision.YEAR,
    Unit.LATER_DECADE: Precision.DECADE,
    Unit.WEEKDAY: Precision.DAY,
    Unit.TODAY: Precision.DAY,
}


@dataclass(frozen=True, slots=True)
class Body:
    """What a phrase names, before context fills in a missing year.

    ``year`` is explicit; ``rel`` is an offset from the publication year
    ("next year" = 1, "this year" = 0, "the end of the decade" = 0 decades);
    when both are None the year comes from context.
    """

    unit: Unit
    year: int | None = None
    rel: int | None = None
    month: int = 0
    day: int = 0
    n: int = 0
    end_of: bool = False  # "the end of X": late X alone, plain X after "by"

    @property
    def has_year(self) -> bool:
        return self.year is not None or self.rel is not None


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal phrase in a sentence: its span, what it says, its hedge."""

    start: int
    end: int
    first: Body
    last: Body | None = None  # end of a range ("July to August 2023")
    qualifier: Qualifier | None = None

    @property
    def has_year(self) -> bool:
        return self.first.has_year or (self.last is not None and self.last.has_year)

    def with_span(self, start: int, end: int, qualifier: Qualifier | None) -> Timex:
        return Timex(start, end, self.first, self.last, qualifier)  # dataclasses.replace is slow


def _year_of(body: Body, pub: date, past: bool, anchor: int | None) -> int:
    """The year a body means: explicit, relative, inherited, or the nearest occurrence."""
    if body.year is not None:
        return body.year
    if body.rel is not None:
        return pub.year + body.rel
    if anchor is not None:
        return anchor
    y = pub.year
    if body.unit in (Unit.MONTH, Unit.DAY, Unit.MONTH_PART):
        day = body.day or (1 if past else 31)
        try:
            probe = (body.month, day)
        except ValueError:  # pragma: no cover
            probe = (body.month, 1)
        here = (pub.month, pub.day)
        if body.unit is Unit.MONTH:
            if past and body.month > pub.month:
                return y - 1
            if not past and body.month < pub.month:
                return y + 1
            return y
        if past and probe > here:
            return y - 1
        if not past and probe < here:
            return y + 1
        return y
    if body.unit is Unit.SEASON:
        first = body.n
        if not past and first + 2 < pub.month and first != 12:
            return y + 1
        if past and first > pub.month:
            return y - 1
        return y
    if body.unit is Unit.QUARTER:
        last_month = body.n * 3
        if not past and last_month < pub.month:
            return y + 1
        if past and last_month - 2 > pub.month:
            return y - 1
        return y
    if body.unit is Unit.HALF:
        return y + 1 if not past and body.n == 1 and pub.month > 6 else y
    return y


def _bounds(body: Body, pub: date, past: bool, anchor: int | None) -> tuple[date, date] | None:
    u = body.unit
    if u is Unit.TODAY:
        return pub, pub
    if u is Unit.WEEKDAY:
        delta = (pub.weekday() - body.n) % 7
        if past:
            d = pub - timedelta(days=delta or 7) if delta else pub
        else:
            d = pub + timedelta(days=(body.n - pub.weekday()) % 7)
        return d, d
    if u is Unit.LATER_YEAR:
        y = _year_of(body, pub, past, anchor)
        if y != pub.year:
            return year_window(y)
        return pub, date(pub.year, 12, 31)
    if u is Unit.DECADE:
        decade = body.year if body.year is not None else (pub.year // 10 + (body.rel or 0)) * 10
        return decade_window(decade)
    if u is Unit.LATER_DECADE:
        decade = pub.year // 10 * 10
        return pub, date(decade + 9, 12, 31)
    y = _year_of(body, pub, past, anchor)
    if not 1 <= y <= 9998:
        return None
    if u is Unit.YEAR:
        return year_window(y)
    if u is Unit.MONTH:
        return date(y, body.month, 1), month_end(y, body.month)
    if u is Unit.DAY:
        try:
            d = date(y, body.month, body.day) + timedelta(days=body.n)  # n: days into a window
        except (ValueError, OverflowError):
            return None
        return d, d
    if u is Unit.QUARTER:
        return quarter_window(y, body.n)
    if u is Unit.HALF:
        return half_window(y, body.n)
    if u is Unit.YEAR_PART:
        return year_part_window(y, body.n)
    if u is Unit.MONTH_PART:
        return month_part_window(y, body.month, body.n)
    if u is Unit.SEASON:
        return season_window(y, body.n)
    if u is Unit.FISCAL_JP:
        return date(y, 4, 1), date(y + 1, 3, 31)
    if u is Unit.FISCAL_US:
        return date(y - 1, 10, 1), date(y, 9, 30)
    return None  # pragma: no cover


def _plain(body: Body) -> Body:
    """ "the end of 2019" after "by" means 2019 itself."""
    return replace(body, end_of=False) if body.end_of else body


def resolve(tx: Timex, pub: date, past: bool, anchor: int | None) -> DateWindow | None:
    """The window a phrase states, or None when it names no real date."""
    q = tx.qualifier
    first = tx.first
    if first.end_of:
        if q in (Qualifier.BY, Qualifier.BEFORE):
            q = Qualifier.BY
            first = _plain(first)
        elif first.unit is Unit.YEAR:
            first = replace(first, unit=Unit.YEAR_PART, n=2, end_of=False)
        elif first.unit is Unit.MONTH:
            first = replace(first, unit=Unit.MONTH_PART, n=2, end_of=False)
        elif first.unit is Unit.DECADE:
            first = replace(first, end_of=False)
    last = tx.last
    if last is not None and not last.has_year and first.has_year and anchor is None:
        anchor_last = _year_of(first, pub, past, None)
        b_last = _bounds(last, pub, past, anchor_last)
    else:
        b_last = None
    if last is not None and last.has_year and not first.has_year:
        # "July to August 2023": the year written once covers both ends.
        y_last = _year_of(last, pub, past, anchor)
        start_anchor: int | None = y_last
        if first.month and last.month and first.month > last.month:
            start_anchor = y_last - 1
        b_first = _bounds(first, pub, past, start_anchor)
    else:
        b_first = _bounds(first, pub, past, anchor)
    if b_first is None:
        return None
    if last is not None:
        if b_last is None:
            b_last = _bounds(last, pub, past, anchor if not last.has_year and anchor else None)
            if b_last is None:
                return None
            if not last.has_year and b_last[1] < b_first[0]:
                b_last = _bounds(last, pub, past, b_first[0].year + (1 if last.month < first.month else 0))
                if b_last is None:
                    return None
        if b_last[1] < b_first[0]:
            return None
        lo, hi = b_first[0], b_last[1]
        precision = max(_PRECISION[first.unit], _PRECISION[last.unit], key=lambda p: p.rank)
    else:
        lo, hi = b_first
        precision = _PRECISION[first.unit]
    try:
        return apply_qualifier(q, lo, hi, precision)
    except (ValueError, OverflowError):
        return None
