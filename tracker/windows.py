"""Date windows: a stated date is a range with a precision and a qualifier, not a point.

"about 2025", "by 2030", "NET September 2026" and "H2 2026" all become a
:class:`DateWindow` whose bounds follow ``shared/corpus/FORMAT.md``.  The same
small grammar parses the forecasts users write in watchlists and prints
windows back the way people write them, so ``parse_window(str(w)) == w``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "DateWindow",
    "Precision",
    "Qualifier",
    "WindowSyntaxError",
    "apply_qualifier",
    "format_window",
    "parse_window",
]


class Precision(StrEnum):
    """How finely a window was stated; ordered from finest to coarsest."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    PART = "part"  # early / mid / late of a year or month, and seasons
    YEAR = "year"
    DECADE = "decade"

    @property
    def rank(self) -> int:
        """Smaller is finer."""
        return _PRECISION_ORDER.index(self)


_PRECISION_ORDER = list(Precision)


class Qualifier(StrEnum):
    """The hedge or bound a statement puts on its window (plain statements have none)."""

    APPROX = "approx"
    NET = "net"
    BY = "by"
    BEFORE = "before"
    AFTER = "after"


class WindowSyntaxError(ValueError):
    """A window text the grammar cannot read; the message is one human line."""


@dataclass(frozen=True, slots=True)
class DateWindow:
    """Inclusive date bounds, either of which may be open (None)."""

    earliest: date | None
    latest: date | None
    precision: Precision
    qualifier: Qualifier | None = None

    def __post_init__(self) -> None:
        # Open sides follow from the qualifier: "by"/"before" bound only the end,
        # "after" only the start; everything else is a closed range.
        open_start = self.qualifier in (Qualifier.BY, Qualifier.BEFORE)
        open_end = self.qualifier is Qualifier.AFTER
        if (self.earliest is None) != open_start or (self.latest is None) != open_end:
            raise ValueError(
                f"a {self.qualifier or 'plain'} window must have "
                f"{'no' if open_start else 'a'} start and {'no' if open_end else 'an'} end"
            )
        if self.earliest and self.latest and self.earliest > self.latest:
            raise ValueError(f"window starts after it ends: {self.earliest} > {self.latest}")

    # Ordering helpers used by comparison: open sides are infinitely far away.
    @property
    def start_ord(self) -> int:
        return self.earliest.toordinal() if self.earliest else -(10**9)

    @property
    def end_ord(self) -> int:
        return self.latest.toordinal() if self.latest else 10**9

    def contains(self, other: DateWindow) -> bool:
        """True when every day of ``other`` lies inside this window."""
        return self.start_ord <= other.start_ord and other.end_ord <= self.end_ord

    def overlaps(self, other: DateWindow) -> bool:
        return self.start_ord <= other.end_ord and other.start_ord <= self.end_ord

    @property
    def is_deadline(self) -> bool:
        """An open-start bound: "by 2030", "before 2030", "by the end of the decade"."""
        return self.earliest is None and self.qualifier in (Qualifier.BY, Qualifier.BEFORE)

    @property
    def deadline_year(self) -> int | None:
        """The boundary year a deadline is worded around.

        "by 2030" ends 2030-12-31 and "before 2030" ends 2029-12-31, yet both
        target 2030; "by the end of the decade" (2020s) targets 2030 too.
        """
        if not self.is_deadline or self.latest is None:
            return None
        if self.qualifier is Qualifier.BEFORE or self.precision is Precision.DECADE:
            return (self.latest + timedelta(days=1)).year
        return self.latest.year

    def same_target(self, other: DateWindow) -> bool:
        """Same window, or two wordings of one year-boundary deadline."""
        if self == other:
            return True
        a, b = self.deadline_year, other.deadline_year
        return (
            a is not None
            and a == b
            and self.precision in (Precision.YEAR, Precision.DECADE)
            and other.precision in (Precision.YEAR, Precision.DECADE)
        )

    def __str__(self) -> str:
        return format_window(self)


# --------------------------------------------------------------------------- calendar helpers

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_PARTS = {"early": 0, "mid": 1, "late": 2}
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def year_window(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def quarter_window(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def half_window(year: int, half: int) -> tuple[date, date]:
    return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))


def year_part_window(year: int, part: int) -> tuple[date, date]:
    """early = Jan–Apr, mid = May–Aug, late = Sep–Dec (FORMAT.md)."""
    first = 1 + 4 * part
    return date(year, first, 1), month_end(year, first + 3)


def month_part_window(year: int, month: int, part: int) -> tuple[date, date]:
    """early = 1–10, mid = 11–20, late = 21–end."""
    if part == 0:
        return date(year, month, 1), date(year, month, 10)
    if part == 1:
        return date(year, month, 11), date(year, month, 20)
    return date(year, month, 21), month_end(year, month)


def season_window(year: int, first_month: int) -> tuple[date, date]:
    """Meteorological seasons; winter YEAR is December YEAR to February YEAR+1."""
    if first_month == 12:
        return date(year, 12, 1), month_end(year + 1, 2)
    return date(year, first_month, 1), month_end(year, first_month + 2)


def decade_window(decade: int) -> tuple[date, date]:
    return date(decade, 1, 1), date(decade + 9, 12, 31)


# --------------------------------------------------------------------------- parsing

_QUALIFIER_WORDS: tuple[tuple[str, Qualifier], ...] = (
    ("no earlier than", Qualifier.NET),
    ("not earlier than", Qualifier.NET),
    ("not before", Qualifier.NET),
    ("no later than", Qualifier.BY),
    ("approximately", Qualifier.APPROX),
    ("roughly", Qualifier.APPROX),
    ("around", Qualifier.APPROX),
    ("about", Qualifier.APPROX),
    ("approx.", Qualifier.APPROX),
    ("approx", Qualifier.APPROX),
    ("circa", Qualifier.APPROX),
    ("c.", Qualifier.APPROX),
    ("~", Qualifier.APPROX),
    ("net", Qualifier.NET),
    ("nlt", Qualifier.BY),
    ("by", Qualifier.BY),
    ("before", Qualifier.BEFORE),
    ("after", Qualifier.AFTER),
)

_DASH = r"\s*(?:-|–|—|to|\.\.)\s*"
_MON = r"(?P<mon>[a-z]{3,9})\.?"
_Y = r"(?P<y>\d{4})"


def _month(name: str) -> int:
    try:
        return _MONTHS[name.lower().rstrip(".")]
    except KeyError:
        raise WindowSyntaxError(f"unknown month {name!r}") from None


_Body = tuple[date, date, Precision]


def _body_year(m: re.Match[str]) -> _Body:
    return (*year_window(int(m["y"])), Precision.YEAR)


def _body_year_range(m: re.Match[str]) -> _Body:
    a, b = int(m["a"]), int(m["b"])
    if b < 100:  # "2027-28"
        b += a - a % 100
    if b < a:
        raise WindowSyntaxError(f"year range runs backwards: {m[0]!r}")
    return date(a, 1, 1), date(b, 12, 31), Precision.YEAR


def _body_iso_month(m: re.Match[str]) -> _Body:
    y, mo = int(m["y"]), int(m["m"])
    if not 1 <= mo <= 12:
        raise WindowSyntaxError(f"no month {mo} in {m[0]!r}")
    return date(y, mo, 1), month_end(y, mo), Precision.MONTH


def _body_iso_day(m: re.Match[str]) -> _Body:
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError as exc:
        raise WindowSyntaxError(f"not a date: {m[0]!r} ({exc})") from None
    return d, d, Precision.DAY


def _body_month_name(m: re.Match[str]) -> _Body:
    y, mo = int(m["y"]), _month(m["mon"])
    return date(y, mo, 1), month_end(y, mo), Precision.MONTH


def _body_month_range(m: re.Match[str]) -> _Body:
    y = int(m["y"])
    a, b = _month(m["a"]), _month(m["b"])
    y0 = int(m["ya"]) if m["ya"] else (y if a <= b else y - 1)
    start, end = date(y0, a, 1), month_end(y, b)
    if start > end:
        raise WindowSyntaxError(f"month range runs backwards: {m[0]!r}")
    return start, end, Precision.MONTH


def _day(y: int, mo: int, d: int, text: str) -> date:
    try:
        return date(y, mo, d)
    except ValueError:
        raise WindowSyntaxError(f"not a date: {text!r}") from None


def _body_day_name(m: re.Match[str]) -> _Body:
    d = _day(int(m["y"]), _month(m["mon"]), int(m["d"]), m[0])
    return d, d, Precision.DAY


def _body_day_range(m: re.Match[str]) -> _Body:
    y, mo = int(m["y"]), _month(m["mon"])
    start, end = _day(y, mo, int(m["a"]), m[0]), _day(y, mo, int(m["b"]), m[0])
    if start > end:
        raise WindowSyntaxError(f"day range runs backwards: {m[0]!r}")
    return start, end, Precision.DAY


def _body_quarter(m: re.Match[str]) -> _Body:
    return (*quarter_window(int(m["y"] or m["y2"]), int(m["n"] or m["n2"])), Precision.QUARTER)


def _body_half(m: re.Match[str]) -> _Body:
    return (*half_window(int(m["y"] or m["y2"]), int(m["n"] or m["n2"])), Precision.HALF)


def _body_year_part(m: re.Match[str]) -> _Body:
    return (*year_part_window(int(m["y"]), _PARTS[m["part"]]), Precision.PART)


def _body_month_part(m: re.Match[str]) -> _Body:
    return (*month_part_window(int(m["y"]), _month(m["mon"]), _PARTS[m["part"]]), Precision.PART)


def _body_season(m: re.Match[str]) -> _Body:
    return (*season_window(int(m["y"]), _SEASONS[m["season"]]), Precision.PART)


def _body_end_of_year(m: re.Match[str]) -> _Body:
    return (*year_part_window(int(m["y"]), 2), Precision.PART)


def _body_decade(m: re.Match[str]) -> _Body:
    decade = int(m["y"])
    if decade % 10:
        raise WindowSyntaxError(f"a decade starts on a year ending in 0: {m[0]!r}")
    return (*decade_window(decade), Precision.DECADE)


def _iso(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise WindowSyntaxError(f"not a date: {text!r}") from None


def _body_explicit(m: re.Match[str]) -> _Body:
    """ISO bounds with an optional precision: the exact form for irregular windows."""
    start = _iso(m["a"])
    end = _iso(m["b"]) if m["b"] else start
    if start > end:
        raise WindowSyntaxError(f"range runs backwards: {m[0]!r}")
    return start, end, Precision(m["p"].lower()) if m["p"] else Precision.DAY


_END_OF_YEAR = re.compile(r"(?:the\s+)?end\s+of\s+(?P<y>\d{4})", re.IGNORECASE)
_PART_RE = r"(?P<part>early|mid|late)"
_SEASON_RE = r"(?P<season>spring|summer|autumn|fall|winter)"
_PRECISION_RE = "|".join(p.value for p in Precision)

_BODIES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Body]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), fn)
    for pattern, fn in (
        (
            rf"(?P<a>\d{{4}}-\d\d-\d\d)(?:\s*\.\.\s*(?P<b>\d{{4}}-\d\d-\d\d))?"
            rf"(?:\s*\((?P<p>{_PRECISION_RE})\))?",
            _body_explicit,
        ),
        (r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})", _body_iso_day),
        (r"(?P<y>\d{4})-(?P<m>0?[1-9]|1[0-2])", _body_iso_month),
        (r"(?P<y>\d{4})-?q(?P<n>[1-4])|q(?P<n2>[1-4])\s*(?P<y2>\d{4})", _body_quarter),
        (r"(?P<y>\d{4})-?h(?P<n>[12])|h(?P<n2>[12])\s*(?P<y2>\d{4})", _body_half),
        (rf"(?P<a>\d{{4}})(?:{_DASH}|\s+or\s+)(?P<b>\d{{4}}|\d\d)", _body_year_range),
        (rf"(?:the\s+)?{_Y}s", _body_decade),
        (rf"(?:the\s+)?end\s+of\s+(?:the\s+)?{_Y}s", _body_decade),
        (rf"{_PART_RE}[\s-]+{_MON}\s+{_Y}", _body_month_part),
        (rf"{_PART_RE}[\s-]+{_Y}", _body_year_part),
        (rf"(?:the\s+)?end\s+of\s+{_Y}", _body_end_of_year),
        (rf"{_SEASON_RE}\s+{_Y}", _body_season),
        (rf"(?P<a>\d{{1,2}}){_DASH}(?P<b>\d{{1,2}})\s+{_MON}\s+{_Y}", _body_day_range),
        (rf"(?P<d>\d{{1,2}})\s+{_MON},?\s+{_Y}", _body_day_name),
        (rf"{_MON}\s+(?P<d>\d{{1,2}}),?\s+{_Y}", _body_day_name),
        (
            rf"(?P<a>[a-z]{{3,9}})\.?(?:\s+(?P<ya>\d{{4}}))?{_DASH}(?P<b>[a-z]{{3,9}})\.?\s+{_Y}",
            _body_month_range,
        ),
        (rf"{_MON}\s+{_Y}", _body_month_name),
        (_Y, _body_year),
    )
)


def _parse_body(text: str) -> _Body:
    for pattern, fn in _BODIES:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        return fn(m)
    raise WindowSyntaxError(
        f"cannot read {text!r} as a date; write e.g. '2026', 'about 2025', 'by 2030', "
        "'2026-08', 'NET 2026-09-15', 'H2 2026', 'Q3 2026', 'mid-2027', 'late 2027'"
    )


def parse_window(text: str) -> DateWindow:
    """Read a forecast as users write it ("about 2025", "by 2030", "NET 2026-09")."""
    original = text
    text = " ".join(str(text).strip().split())
    if not text:
        raise WindowSyntaxError("empty date")
    qualifier: Qualifier | None = None
    lowered = text.lower()
    for word, q in _QUALIFIER_WORDS:
        if lowered.startswith(word) and (
            not word[-1].isalpha() or len(lowered) == len(word) or not lowered[len(word)].isalpha()
        ):
            qualifier = q
            text = text[len(word) :].strip()
            break
    if not text:
        raise WindowSyntaxError(f"{original!r} has a qualifier but no date")
    if qualifier is Qualifier.BY and (end := _END_OF_YEAR.fullmatch(text)):
        text = end["y"]  # "by the end of 2030" is "by 2030" (FORMAT.md), not "by late 2030"
    try:
        return apply_qualifier(qualifier, *_parse_body(text))
    except WindowSyntaxError:
        raise
    except (ValueError, OverflowError) as exc:  # year 0, before 0001-01-01, ...
        raise WindowSyntaxError(f"{original!r} is outside the calendar ({exc})") from None


def apply_qualifier(qualifier: Qualifier | None, start: date, end: date, precision: Precision) -> DateWindow:
    """The window a qualified period states: "by X" keeps X's end, "before X" ends the day before X."""
    if qualifier is Qualifier.BY:
        return DateWindow(None, end, precision, qualifier)
    if qualifier is Qualifier.BEFORE:
        return DateWindow(None, start - timedelta(days=1), precision, qualifier)
    if qualifier is Qualifier.AFTER:
        return DateWindow(end + timedelta(days=1), None, precision, qualifier)
    return DateWindow(start, end, precision, qualifier)


# --------------------------------------------------------------------------- formatting

_PREFIX = {
    None: "",
    Qualifier.APPROX: "about ",
    Qualifier.NET: "NET ",
    Qualifier.BY: "by ",
    Qualifier.BEFORE: "before ",
    Qualifier.AFTER: "after ",
}


def _fmt_day(d: date) -> str:
    return f"{d.day} {MONTH_ABBR[d.month - 1]} {d.year}"


def _fmt_month(d: date) -> str:
    return f"{MONTH_ABBR[d.month - 1]} {d.year}"


def _describe(start: date, end: date, precision: Precision) -> str | None:
    """The usual wording of a closed window, or None when it is not a standard one."""
    y = start.year
    if precision is Precision.DAY:
        if start == end:
            return _fmt_day(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {MONTH_ABBR[start.month - 1]} {y}"
        return None
    if precision is Precision.MONTH and start.day == 1 and end == month_end(end.year, end.month):
        if (start.year, start.month) == (end.year, end.month):
            return _fmt_month(start)
        if start.year == end.year:
            return f"{MONTH_ABBR[start.month - 1]}–{_fmt_month(end)}"
        return f"{MONTH_ABBR[start.month - 1]} {start.year}–{_fmt_month(end)}"
    if precision is Precision.QUARTER:
        for q in range(1, 5):
            if (start, end) == quarter_window(y, q):
                return f"Q{q} {y}"
    if precision is Precision.HALF:
        for h in (1, 2):
            if (start, end) == half_window(y, h):
                return f"H{h} {y}"
    if precision is Precision.PART:
        for part, word in enumerate(("early", "mid", "late")):
            if (start, end) == year_part_window(y, part):
                return f"{word} {y}"
            same_month = (start.year, start.month) == (end.year, end.month)
            if same_month and (start, end) == month_part_window(y, start.month, part):
                return f"{word} {_fmt_month(start)}"
        for season, first in _SEASONS.items():
            if season != "fall" and (start, end) == season_window(y, first):
                return f"{season} {y}"
    if precision is Precision.YEAR and start == date(y, 1, 1) and end == date(end.year, 12, 31):
        return str(y) if end.year == y else f"{y}–{end.year}"
    if precision is Precision.DECADE and y % 10 == 0 and (start, end) == decade_window(y):
        return f"{y}s"
    return None


def _describe_end(end: date, precision: Precision) -> str | None:
    """Word a deadline by the period it ends with ("by 2030", "by Q3 2026")."""
    for start in _candidate_starts(end, precision):
        text = _describe(start, end, precision)
        if text is not None:
            return text
    return None


def _describe_start(start: date, precision: Precision) -> str | None:
    """Word an open-ended start by the period it begins with ("after 2030")."""
    for end in _candidate_ends(start, precision):
        text = _describe(start, end, precision)
        if text is not None:
            return text
    return None


def _candidate_starts(end: date, p: Precision) -> list[date]:
    y = end.year
    if p is Precision.DAY:
        return [end]
    if p is Precision.MONTH:
        return [date(y, end.month, 1)]
    if p is Precision.QUARTER:
        return [date(y, end.month - 2, 1)] if end.month >= 3 else []
    if p is Precision.HALF:
        return [date(y, end.month - 5, 1)] if end.month >= 6 else []
    if p is Precision.PART:
        out = [
            date(y, max(1, end.month - 3), 1),
            date(y, end.month, 1),
            date(y, end.month, 11),
            date(y, end.month, 21),
        ]
        out += [date(y, end.month - 2, 1)] if end.month >= 3 else []
        out += [date(y - 1, 12, 1)]
        return out
    if p is Precision.YEAR:
        return [date(y, 1, 1)]
    return [date(y - 9, 1, 1)]


def _candidate_ends(start: date, p: Precision) -> list[date]:
    y = start.year
    if p is Precision.DAY:
        return [start]
    if p is Precision.MONTH:
        return [month_end(y, start.month)]
    if p is Precision.QUARTER:
        return [month_end(y, start.month + 2)] if start.month <= 10 else []
    if p is Precision.HALF:
        return [month_end(y, start.month + 5)] if start.month <= 7 else []
    if p is Precision.PART:
        out = [date(y, start.month, 10), date(y, start.month, 20), month_end(y, start.month)]
        out += [month_end(y, start.month + 3)] if start.month <= 9 else []
        out += [month_end(y, start.month + 2)] if start.month <= 10 else [month_end(y + 1, 2)]
        return out
    if p is Precision.YEAR:
        return [date(y, 12, 31)]
    return [date(y + 9, 12, 31)]


def format_window(w: DateWindow) -> str:
    """Print a window the way people write it: "about 2025", "by 2030", "H2 2026", "Aug 2026".

    Irregular windows (e.g. "later this year" resolved to 10 Feb–31 Dec) fall
    back to exact ISO bounds with the precision in brackets, which the parser
    reads back unchanged.
    """
    p = w.precision
    exact = f" ({p.value})" if p is not Precision.DAY else ""
    if w.qualifier is Qualifier.BY:
        assert w.latest is not None
        text = _describe_end(w.latest, p)
        if text and p is Precision.DECADE:
            text = f"the end of the {text}"
        return "by " + (text or f"{w.latest.isoformat()}{exact}")
    if w.qualifier is Qualifier.BEFORE:
        assert w.latest is not None
        start = w.latest + timedelta(days=1)
        text = _describe_start(start, p)
        if text and p is Precision.DECADE:
            text = f"the {text}"
        return "before " + (text or f"{start.isoformat()}{exact}")
    if w.qualifier is Qualifier.AFTER:
        assert w.earliest is not None
        end = w.earliest - timedelta(days=1)
        text = _describe_end(end, p)
        if text and p is Precision.DECADE:
            text = f"the {text}"
        return "after " + (text or f"{end.isoformat()}{exact}")
    assert w.earliest is not None and w.latest is not None
    text = _describe(w.earliest, w.latest, p)
    if text is None:
        text = f"{w.earliest.isoformat()}..{w.latest.isoformat()}{exact}"
    return _PREFIX[w.qualifier] + text
