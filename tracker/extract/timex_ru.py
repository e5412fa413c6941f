"""Russian temporal phrases: "в 2019 году", "к концу десятилетия", "с июля по август 2023 года"."""

from __future__ import annotations

import re

from tracker.extract.grammar import Built, Grammar, Rule
from tracker.extract.lexicon_ru import MONTH_RE, MONTH_STEMS, ORDINAL_STEMS, RELATIVE, SEASONS
from tracker.extract.timex import Body, Unit

__all__ = ["GRAMMAR"]

_W = r"(?<![\w-])"
_E = r"(?![\w])"
_YEAR = r"(?:19[5-9]\d|20\d\d|21\d\d)"
_YWORD = r"(?:\s*(?:году|года|год|годом|гг?\.?)(?![\w]))?"
_REL = (
    r"(?P<rel>этом|этого|текущем|текущего|нынешнем|следующем|следующего|следующий|будущем"
    r"|будущего|прошлом|прошлого)"
)
_YR = rf"(?:(?P<y>{_YEAR}){_YWORD}|{_REL}\s+год[ау]?(?![\w]))"
_UNITS_AFTER = re.compile(
    r"\s*(?:кг|килограмм\w*|км|километр\w*|тонн\w*|т\b|метр\w*|м\b|человек|рубл\w*|долл\w*|крор\w*|%|процент\w*"
    r"|спутник\w*|штук\w*|лет|граммов|г\b)",
    re.IGNORECASE,
)


def _month(word: str) -> int:
    w = word.lower()
    for stem, n in MONTH_STEMS:
        if w.startswith(stem) and not (stem == "ма" and w.startswith("мар")):
            return n
    return 0


def _yr(m: re.Match[str]) -> tuple[int | None, int | None]:
    if m.group("y"):
        return int(m.group("y")), None
    if "rel" in m.re.groupindex and m.group("rel"):
        return None, RELATIVE[m.group("rel").lower()]
    return None, None


def _b_day(m: re.Match[str], text: str) -> Built:
    y, rel = _yr(m)
    d = int(m["dd"])
    return Body(Unit.DAY, y, rel, month=_month(m["mon"]), day=d), None


def _b_day_range(m: re.Match[str], text: str) -> Built:
    y, rel = _yr(m)
    a, b, mon = int(m["a"]), int(m["b"]), _month(m["mon"])
    if not 1 <= a < b <= 31:
        return None
    return Body(Unit.DAY, y, rel, month=mon, day=a), Body(Unit.DAY, y, rel, month=mon, day=b)


def _b_month(m: re.Match[str], text: str) -> Built:
    y, rel = _yr(m)
    return Body(Unit.MONTH, y, rel, month=_month(m["mon"])), None


_MONTH_CTX = re.compile(
    r"(?<!\w)(?:в|во|на|с|по|до|к|после|около|уже\s+в|ранее|позднее|начале|конце|середине)\s+$", re.IGNORECASE
)


def _b_month_bare(m: re.Match[str], text: str) -> Built:
    if not _MONTH_CTX.search(text, max(0, m.start() - 16), m.start()):
        return None
    return Body(Unit.MONTH, month=_month(m["mon"])), None


def _b_month_range(m: re.Match[str], text: str) -> Built:
    y, rel = _yr(m)
    a, b = _month(m["ma"]), _month(m["mb"])
    if y is None and rel is None and a >= b:
        return None
    ya = (y - 1) if (y is not None and a > b) else y
    return Body(Unit.MONTH, ya, rel, month=a), Body(Unit.MONTH, y, rel, month=b)


def _b_year(m: re.Match[str], text: str) -> Built:
    if _UNITS_AFTER.match(text, m.end()):
        return None
    y, rel = _yr(m)
    return Body(Unit.YEAR, y, rel), None


def _b_year_range(m: re.Match[str], text: str) -> Built:
    a = int(m["a"])
    raw = m["b"]
    b = int(raw) if len(raw) == 4 else a - a % 100 + int(raw)
    if not a < b <= a + 30:
        return None
    return Body(Unit.YEAR, a), Body(Unit.YEAR, b)


def _b_decade(m: re.Match[str], text: str) -> Built:
    y = int(m["y"])
    return (Body(Unit.DECADE, y), None) if y % 10 == 0 else None


def _b_part(m: re.Match[str], text: str) -> Built:
    y, rel = _yr(m)
    p = m["part"].lower()
    mon = _month(m["mon"]) if m["mon"] else 0
    if p.startswith(("нач", "перв")) and "половин" not in p and "квартал" not in p:
        n = 0
    elif p.startswith("серед"):
        n = 1
    elif p.startswith("кон") or p.startswith("последн"):
        if mon:
            return Body(Unit.MONTH, y, rel, month=mon, end_of=True), None
        return Body(Unit.YEAR, y, rel, end_of=True), None
    elif "половин" in p:
        return Body(Unit.HALF, y, rel, n=1 if p.startswith("перв") else 2), None
    elif "квартал" in p:
        q = next((v for k, v in ORDINAL_STEMS.items() if p.startswith(k)), 0)
        return (Body(Unit.QUARTER, y, rel, n=q), None) if q else None
    else:
        return None
    if mon:
        return Body(Unit.MONTH_PART, y, rel, month=mon, n=n), None
    return Body(Unit.YEAR_PART, y, rel, n=n), None


def _b_season(m: re.Match[str], text: str) -> Built:
    y, rel = _yr(m)
    first = next(v for k, v in SEASONS.items() if m["season"].lower().startswith(k))
    return Body(Unit.SEASON, y, rel, n=first), None


def _b_relative(m: re.Match[str], text: str) -> Built:
    w = m.group().lower()
    if "десятилети" in w:
        return Body(Unit.DECADE, None, 0, end_of="конц" in w or "конец" in w), None
    rel = next((v for k, v in RELATIVE.items() if k in w.split()), 0)
    if "конц" in w or "конец" in w:
        return Body(Unit.YEAR, None, rel, end_of=True), None
    return Body(Unit.YEAR, None, rel), None


def _b_today(m: re.Match[str], text: str) -> Built:
    return Body(Unit.TODAY), None


def _ci(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


_MON = rf"(?P<mon>{MONTH_RE})"
_PART = (
    r"(?P<part>начал[еоа]|середин[еуы]|конц[еа]|конец|перв(?:ой|ая|ую)\s+половин[еуы]|втор(?:ой|ая|ую)\s+половин[еуы]"
    r"|(?:перв|втор|трет|четв[её]рт)\w*\s+квартал\w*|первые\s+месяцы|последние\s+месяцы)"
)


def _b_window(m: re.Match[str], text: str) -> Built:
    """ "окно откроется 1 апреля и продлится до 6 апреля": the window's days."""
    a, b = int(m["a"]), int(m["b"])
    ma, mb = _month(m["ma"]), _month(m["mb"])
    return Body(Unit.DAY, month=ma, day=a), Body(Unit.DAY, month=mb, day=b)


_RULES = (
    Rule(
        _ci(
            rf"{_W}(?P<a>[12]?\d|3[01])\s+(?P<ma>{MONTH_RE}){_E}\s+и\s+(?:продлится|будет\s+открыто)\s+до\s+"
            rf"(?P<b>[12]?\d|3[01])\s+(?P<mb>{MONTH_RE}){_E}"
        ),
        _b_window,
    ),
    Rule(
        _ci(rf"{_W}(?P<a>[12]?\d|3[01])\s*(?:-|–|и|или|по)\s*(?P<b>[12]?\d|3[01])\s+{_MON}{_E}(?:\s+{_YR})?"),
        _b_day_range,
    ),
    Rule(_ci(rf"{_W}(?P<dd>[12]?\d|3[01])(?:-?го)?\s+{_MON}{_E}(?:\s+{_YR})?"), _b_day),
    Rule(
        _ci(rf"{_W}(?:с\s+)?(?P<ma>{MONTH_RE})\s*(?:по|-|–|или)\s*(?P<mb>{MONTH_RE}){_E}(?:\s+{_YR})?"),
        _b_month_range,
    ),
    Rule(_ci(rf"{_W}{_MON}{_E}\s+{_YR}"), _b_month),
    Rule(_ci(rf"{_W}{_MON}{_E}"), _b_month_bare),
    Rule(
        _ci(rf"{_W}(?P<a>{_YEAR})\s*(?:-|–|/)\s*(?P<b>{_YEAR}|\d\d)(?!\d)(?:\s*(?:годов|годах|годы|гг\.?))?"),
        _b_year_range,
    ),
    Rule(_ci(rf"{_W}(?P<y>(?:19|20|21)\d0)-?х\s*(?:годах|годов|годы|гг\.?)?"), _b_decade),
    Rule(_ci(rf"{_W}{_PART}\s+(?:{_MON}\s+)?{_YR}"), _b_part),
    Rule(_ci(rf"{_W}{_PART}\s+{_MON}{_E}"), _b_part),
    Rule(_ci(rf"{_W}(?P<season>весной|летом|осенью|зимой)\s+{_YR}"), _b_season),
    Rule(_ci(rf"{_W}{_YR}"), _b_year),
    Rule(
        _ci(
            r"(?<!\w)(?:(?:в|к|до)\s+)?(?:конц[уае]|конец)\s+(?:этого\s+|текущего\s+|следующего\s+)?"
            r"(?:года|десятилетия)(?!\w)|(?<!\w)(?:этого|текущего|следующего)\s+десятилетия(?!\w)"
        ),
        _b_relative,
    ),
    Rule(_ci(r"(?<!\w)сегодня(?!\w)"), _b_today),
)

_PREFIX = re.compile(
    r"(?:(?P<net>не\s+ранее|не\s+раньше|уже|как\s+минимум|не\s+раньше,?\s+чем)"
    r"|(?P<by>(?<!\w)к|(?<!\w)до|не\s+позднее|не\s+позже)"
    r"|(?P<after>(?<!\w)после|позднее|позже)"
    r"|(?P<approx>около|примерно|приблизительно|ориентировочно|порядка))"
    r"\s+(?:(?:в|во|на|к)\s+)?$",
    re.IGNORECASE,
)
_SUFFIX = re.compile(r"\s+(?:(?P<net>или\s+позже|и\s+позже)|(?P<approx>или\s+около\s+того))(?!\w)", re.IGNORECASE)

GRAMMAR = Grammar(_RULES, _PREFIX, _SUFFIX)
