"""Chinese temporal phrases: 2026年下半年, 明年5月至10月, 二〇三〇年前, 2028年前后, 到2030年."""

from __future__ import annotations

import re

from tracker.extract.grammar import Built, Grammar, Rule
from tracker.extract.lexicon_zh import MONTH_PARTS, NUM, RELATIVE_YEARS, YEAR_PARTS
from tracker.extract.numerals import zh_to_int
from tracker.extract.timex import Body, Unit

__all__ = ["GRAMMAR"]

_Y = rf"(?:(?P<y>(?<!\d)\d{{4}}|[{NUM}]{{4}})年|(?P<rel>今年|本年|明年|次年|后年|去年|前年))"
_M = r"(?P<mo>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
_D = r"(?P<dd>[12]\d|3[01]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
_TIME = (
    r"(?:(?:凌晨|早上|上午|中午|下午|晚上|傍晚|夜间|晚|早)?\d{1,2}[时点](?:\d{1,2}分)?|晚|夜|凌晨|上午|下午"
    r"|早晨)?"
)
_NOT_DUR = r"(?<!个)(?<![\d.])"


def _num(s: str) -> int:
    return int(s) if s.isdigit() else zh_to_int(s)


def _year(m: re.Match[str], y: str = "y", rel: str = "rel") -> tuple[int | None, int | None]:
    if m.group(y):
        return _num(m.group(y)), None
    if m.group(rel):
        return None, RELATIVE_YEARS[m.group(rel)]
    return None, None


def _valid_year(y: int | None) -> bool:
    return y is None or 1950 <= y <= 2150


def _b_day(m: re.Match[str], text: str) -> Built:
    y, rel = _year(m)
    mo, d = _num(m["mo"]), _num(m["dd"])
    if not (_valid_year(y) and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return Body(Unit.DAY, y, rel, month=mo, day=d), None


def _b_day_range(m: re.Match[str], text: str) -> Built:
    y, rel = _year(m)
    mo, d, d2 = _num(m["mo"]), _num(m["dd"]), _num(m["d2"])
    if not (_valid_year(y) and 1 <= mo <= 12 and 1 <= d < d2 <= 31):
        return None
    return Body(Unit.DAY, y, rel, month=mo, day=d), Body(Unit.DAY, y, rel, month=mo, day=d2)


def _b_month(m: re.Match[str], text: str) -> Built:
    y, rel = _year(m)
    mo = _num(m["mo"])
    if not (_valid_year(y) and 1 <= mo <= 12):
        return None
    part = m.group("mp")
    if part:
        if part in ("底", "末"):
            return Body(Unit.MONTH, y, rel, month=mo, end_of=True), None
        return Body(Unit.MONTH_PART, y, rel, month=mo, n=MONTH_PARTS[part]), None
    return Body(Unit.MONTH, y, rel, month=mo), None


def _b_month_range(m: re.Match[str], text: str) -> Built:
    y, rel = _year(m)
    y2 = _num(m["y2"]) if m["y2"] else None
    a, b = _num(m["mo"]), _num(m["mo2"])
    if not (1 <= a <= 12 and 1 <= b <= 12 and _valid_year(y) and _valid_year(y2)):
        return None
    if y2 is None and a > b:
        return None
    return Body(Unit.MONTH, y, rel, month=a), Body(Unit.MONTH, y2 if y2 else y, None if y2 else rel, month=b)


def _b_year(m: re.Match[str], text: str) -> Built:
    y, rel = _year(m)
    if not _valid_year(y):
        return None
    part = m.group("yp")
    if not part:
        return Body(Unit.YEAR, y, rel), None
    if part.startswith("第") or part.endswith("季度"):
        n = _num(part.strip("第季度"))
        return (Body(Unit.QUARTER, y, rel, n=n), None) if 1 <= n <= 4 else None
    kind, n = YEAR_PARTS[part]
    if kind == "half":
        return Body(Unit.HALF, y, rel, n=n), None
    if kind == "ypart":
        return Body(Unit.YEAR_PART, y, rel, n=n), None
    if kind == "season":
        return Body(Unit.SEASON, y, rel, n=n), None
    return Body(Unit.YEAR, y, rel, end_of=True), None


def _b_year_range(m: re.Match[str], text: str) -> Built:
    a, b = _num(m["y"]), _num(m["y2"])
    if not (_valid_year(a) and _valid_year(b) and a < b <= a + 30):
        return None
    return Body(Unit.YEAR, a), Body(Unit.YEAR, b)


def _b_this_year(m: re.Match[str], text: str) -> Built:
    w = m.group()
    if w.startswith("年底") or w.startswith("年末"):
        return Body(Unit.YEAR, None, 0, end_of=True), None
    if w.startswith("年初"):
        return Body(Unit.YEAR_PART, None, 0, n=0), None
    return Body(Unit.YEAR, None, 0), None


def _b_decade(m: re.Match[str], text: str) -> Built:
    y = int(m["y"])
    return (Body(Unit.DECADE, y), None) if y % 10 == 0 else None


def _b_today(m: re.Match[str], text: str) -> Built:
    return Body(Unit.TODAY), None


_PARTS = "|".join(sorted(YEAR_PARTS, key=len, reverse=True))
_MPARTS = "上旬|中旬|下旬|初|底|末"
_QUARTER = r"第?[一二三四1-4]季度"

_RULES = (
    Rule(
        re.compile(rf"{_NOT_DUR}(?:{_Y})?{_M}{_D}(?:至|到|-|—|~|和|或)(?P<d2>[12]\d|3[01]|0?[1-9])[日号]"),
        _b_day_range,
    ),
    Rule(re.compile(rf"{_NOT_DUR}(?:{_Y})?{_M}{_D}{_TIME}"), _b_day),
    Rule(
        re.compile(
            rf"{_NOT_DUR}(?:{_Y})?{_M}(?:至|到|-|—|~)(?:(?P<y2>\d{{4}})年)?"
            rf"(?P<mo2>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:间|之间)?"
        ),
        _b_month_range,
    ),
    Rule(re.compile(rf"{_NOT_DUR}(?:{_Y})?{_M}(?P<mp>{_MPARTS})?"), _b_month),
    Rule(
        re.compile(rf"(?P<y>(?<!\d)\d{{4}}|[{NUM}]{{4}})年?(?:至|到|-|—|~)(?P<y2>\d{{4}}|[{NUM}]{{4}})年(?:间|之间)?"),
        _b_year_range,
    ),
    Rule(re.compile(r"(?P<y>(?<!\d)\d{3}0)年代"), _b_decade),
    Rule(re.compile(rf"{_Y}(?P<yp>{_PARTS}|{_QUARTER})?(?!\d)"), _b_year),
    Rule(re.compile(r"(?<![今明去本后前])(?:年内|年底|年末|年初)"), _b_this_year),
    Rule(re.compile(r"今天|今日"), _b_today),
)

_PREFIX = re.compile(
    r"(?:(?P<net>(?:最早|最快)[^，。；\d]{0,8}|不早于)"
    r"|(?P<by>(?:不晚于|不迟于|最晚|最迟)[^，。；\d]{0,4}|(?<![迟前改延推移])到)"
    r"|(?P<approx>大约|约|大概))"
    r"(?:在|于)?$"
)
_SUFFIX = re.compile(r"(?P<approx>前后|左右)|(?P<before>之前|以前|前)(?!往)|(?P<after>之后|以后|后)(?!续)")

GRAMMAR = Grammar(_RULES, _PREFIX, _SUFFIX, lookbehind=12)
