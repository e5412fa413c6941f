"""English temporal phrases: "no earlier than the first half of this year", "Dec. 25 and 26"."""

from __future__ import annotations

import re

from tracker.extract.grammar import Builder, Built, Grammar, Rule
from tracker.extract.lexicon_en import MONTHS, ORDINALS, PARTS, SEASONS, WEEKDAYS
from tracker.extract.timex import Body, Unit

__all__ = ["GRAMMAR"]

_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?"
)
_WD = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+)?"
_YEAR = r"(?:19[5-9]\d|20\d\d|21\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NOT_NUM_BEFORE = r"(?<![\d,.$£€¥#/])(?<![A-Za-z]-)"
_NOT_NUM_AFTER = r"(?![\d]|,\d|\.\d|:\d)"
_REL_YEAR = r"(?:(?P<ry>this|next|last)\s+year|the\s+year|(?P<ey>(?<![\d,.])" + _YEAR + r"))"

_UNITS_AFTER = re.compile(
    r"\s*-?\s*(?:kg|kilo(?:gram)?s?|km|kilomet(?:re|er)s?|tonnes?|tons?|t\b|pounds?|lbs?|met(?:re|er)s?|m\b|mph"
    r"|people|persons|proposals|crore|rupees|dollars|euros|satellites|payloads|units|miles|feet|ft\b|hours"
    r"|seconds|minutes|grams?|g\b|newtons|kn\b|lakh|%|percent|per\s+cent)",
    re.IGNORECASE,
)


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


_NAME_BEFORE = re.compile(r"(?<![.!?:;]\s)\b([A-Z][a-z]+)\s+$")
_NOT_NAMES = frozenset(
    [
        "In",
        "On",
        "By",
        "For",
        "From",
        "To",
        "Until",
        "Since",
        "Through",
        "Before",
        "After",
        "During",
        "Early",
        "Mid",
        "Late",
        "Next",
        "This",
        "Last",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "And",
        "Or",
        "Between",
        "Around",
        "About",
        "The",
        "Of",
        "Than",
        "At",
    ]
)


def _inside_name(text: str, start: int) -> bool:
    """ "Long March 5" is a rocket: a month right after a capitalised word is part of a name."""
    m = _NAME_BEFORE.search(text, max(0, start - 20), start)
    return m is not None and m.group(1) not in _NOT_NAMES


def _rel(m: re.Match[str]) -> tuple[int | None, int | None]:
    """(year, rel) from a _REL_YEAR match."""
    if m.group("ey"):
        return int(m.group("ey")), None
    word = (m.group("ry") or "this").lower()
    return None, {"this": 0, "next": 1, "last": -1}[word]


def _y(s: str | None) -> int | None:
    return int(s) if s else None


def _b_day(m: re.Match[str], text: str) -> Built:
    if _inside_name(text, m.start()):
        return None
    return Body(Unit.DAY, _y(m["y"]), month=_month(m["mon"]), day=int(re.sub(r"\D", "", m["dd"]))), None


def _b_day_range(m: re.Match[str], text: str) -> Built:
    if _inside_name(text, m.start()):
        return None
    mon, y = _month(m["mon"]), _y(m["y"])
    a, b = int(re.sub(r"\D", "", m["a"])), int(re.sub(r"\D", "", m["b"]))
    if b <= a:
        return None
    return Body(Unit.DAY, y, month=mon, day=a), Body(Unit.DAY, y, month=mon, day=b)


def _b_month_year(m: re.Match[str], text: str) -> Built:
    if _inside_name(text, m.start()):
        return None
    return Body(Unit.MONTH, int(m["y"]), month=_month(m["mon"])), None


_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|on|for|by|until|till|to|than|from|since|through|next|this|last|early|mid|late|a|its|the|of"
    r"|and|or|between|before|after|during|around|about)[\s-]+|^\s*)$",
    re.IGNORECASE,
)
_MAY_CONTEXT = re.compile(
    r"(?:\b(?:in|for|by|until|till|to|than|from|since|through|next|this|last|early|mid|late|of|between|before"
    r"|after|during)[\s-]+)$",
    re.IGNORECASE,
)


def _b_month(m: re.Match[str], text: str) -> Built:
    if _inside_name(text, m.start()):
        return None
    before = text[max(0, m.start() - 12) : m.start()]
    name = m["mon"].rstrip(".").lower()
    ctx = _MAY_CONTEXT if name == "may" else _MONTH_CONTEXT
    if not ctx.search(before):
        return None
    rel = None
    w = before.rstrip().lower()
    if w.endswith("next") or w.endswith("this"):
        rel = None  # next/this March: its next occurrence, found from context
    return Body(Unit.MONTH, None, rel, month=_month(m["mon"])), None


def _b_month_rel(m: re.Match[str], text: str) -> Built:
    rel = {"this": 0, "next": 1}[m["ry"].lower()]
    return Body(Unit.MONTH, None, rel, month=_month(m["mon"])), None


_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


def _b_window(m: re.Match[str], text: str) -> Built:
    """ "a six-day window opening Nov. 15": the window's days."""
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw, 0)
    if not 2 <= n <= 31:
        return None
    mon, d, y = _month(m["mon"]), int(re.sub(r"\D", "", m["dd"])), _y(m["y"])
    first = Body(Unit.DAY, y, month=mon, day=d)
    return first, Body(Unit.DAY, y, month=mon, day=d, n=n - 1)


def _b_month_range(m: re.Match[str], text: str) -> Built:
    if _inside_name(text, m.start()):
        return None
    a, b = _month(m["ma"]), _month(m["mb"])
    ya, yb = _y(m["ya"]), _y(m["yb"])
    if ya is not None and yb is not None and m["conj"].strip().lower() in ("to", "until"):
        return None  # "from November 2023 to November 2024" may be a move, not a range
    if ya is None and yb is not None and a > b:
        ya = yb - 1
    if ya is None and yb is None and a >= b:
        return None
    return Body(Unit.MONTH, ya, month=a), Body(Unit.MONTH, yb, month=b)


def _b_year(m: re.Match[str], text: str) -> Built:
    if _UNITS_AFTER.match(text, m.end()):
        return None
    return Body(Unit.YEAR, int(m["y"])), None


def _b_year_range(m: re.Match[str], text: str) -> Built:
    a = int(m["a"])
    raw = m["b"]
    b = int(raw) if len(raw) == 4 else a - a % 100 + int(raw)
    if b <= a or b - a > 20:
        return None
    if _UNITS_AFTER.match(text, m.end()):
        return None
    return Body(Unit.YEAR, a), Body(Unit.YEAR, b)


def _b_decade(m: re.Match[str], text: str) -> Built:
    y = int(m["y"])
    return (Body(Unit.DECADE, y, end_of=bool(m["end"])), None) if y % 10 == 0 else None


def _b_quarter(m: re.Match[str], text: str) -> Built:
    n = ORDINALS.get((m["ord"] or "").lower()) or int(m["qn"] or 0)
    if m["ord"] and m["ord"].lower() == "last":
        n = 4
    if not 1 <= n <= 4:
        return None
    if m["qy"] or m["qy2"]:
        return Body(Unit.QUARTER, int(m["qy"] or m["qy2"]), n=n), None
    if m["rq"]:
        year, rel = _rel(m)
        return Body(Unit.QUARTER, year, rel, n=n), None
    return Body(Unit.QUARTER, n=n), None


def _b_half(m: re.Match[str], text: str) -> Built:
    word = (m["hw"] or "").lower()
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "latter": 2, "last": 2}.get(word) or int(m["hn"] or 0)
    if n not in (1, 2):
        return None
    if m["hy"] or m["hy2"]:
        return Body(Unit.HALF, int(m["hy"] or m["hy2"]), n=n), None
    year, rel = _rel(m)
    return Body(Unit.HALF, year, rel, n=n), None


def _b_year_part(m: re.Match[str], text: str) -> Built:
    word = re.sub(r"\s+", " ", m["part"].lower()).replace("the ", "")
    year, rel = _rel(m)
    if word.startswith("end"):
        return Body(Unit.YEAR, year, rel, end_of=True), None
    if word.startswith(("beginning", "start", "first months", "first few months")):
        return Body(Unit.YEAR_PART, year, rel, n=0), None
    if word.startswith("middle"):
        return Body(Unit.YEAR_PART, year, rel, n=1), None
    if word in ("mid-to-late", "mid to late"):
        return Body(Unit.YEAR_PART, year, rel, n=1), Body(Unit.YEAR_PART, year, rel, n=2)
    return Body(Unit.YEAR_PART, year, rel, n=PARTS[word]), None


def _b_month_part(m: re.Match[str], text: str) -> Built:
    word = re.sub(r"\s+", " ", m["part"].lower()).replace("the ", "")
    mon, y = _month(m["mon"]), _y(m["y"])
    rel = 0 if m["thisyr"] else None
    if word.startswith("end"):
        return Body(Unit.MONTH, y, rel, month=mon, end_of=True), None
    if word in ("mid-to-late", "mid to late"):
        return Body(Unit.MONTH_PART, y, rel, month=mon, n=1), Body(Unit.MONTH_PART, y, rel, month=mon, n=2)
    n = 0 if word.startswith(("beginning", "start")) else 1 if word.startswith("middle") else PARTS[word]
    return Body(Unit.MONTH_PART, y, rel, month=mon, n=n), None


def _b_season(m: re.Match[str], text: str) -> Built:
    first = SEASONS[m["season"].lower()]
    if m["sy"]:
        return Body(Unit.SEASON, int(m["sy"]), n=first), None
    if not (m["sw"] or m["ry"]):
        return None  # "in the spring" alone is too loose to be a schedule
    word = (m["sw"] or m["ry"]).lower()
    if word == "this":
        return Body(Unit.SEASON, None, 0, n=first), None
    if word == "next":
        return Body(Unit.SEASON, n=first), None  # its next occurrence
    return None


def _b_relative(m: re.Match[str], text: str) -> Built:
    w = re.sub(r"\s+", " ", m.group().lower())
    if "decade" in w:
        if w.startswith("later"):
            return Body(Unit.LATER_DECADE), None
        return Body(Unit.DECADE, None, 0, end_of=w.startswith(("the end", "end"))), None
    rel = 1 if "next" in w else -1 if "last" in w else 0
    if w.startswith("later") or w.startswith("later this"):
        return Body(Unit.LATER_YEAR, None, rel), None
    if "end of" in w:
        return Body(Unit.YEAR, None, rel, end_of=True), None
    if "month" in w:
        return None
    return Body(Unit.YEAR, None, rel), None


def _b_fiscal(m: re.Match[str], text: str) -> Built:
    us = bool(_US_CONTEXT.search(text)) and not _JP_CONTEXT.search(text)
    y = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    return Body(Unit.FISCAL_US if us else Unit.FISCAL_JP, y), None


_US_CONTEXT = re.compile(r"\b(?:NASA|U\.?S\.?|American|Congress|White House|federal)\b")
_JP_CONTEXT = re.compile(r"\b(?:Japan|Japanese|JAXA|India|Indian|ISRO)\b")


def _b_today(m: re.Match[str], text: str) -> Built:
    return Body(Unit.TODAY), None


def _b_weekday(m: re.Match[str], text: str) -> Built:
    return Body(Unit.WEEKDAY, n=WEEKDAYS[m["wd"].lower()[:3]]), None


def _c(p: str) -> re.Pattern[str]:
    return re.compile(p)


def _ci(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


_HAS_MONTH = re.compile(rf"{_MON}")
_HAS_YEAR = re.compile(r"(?:19|20|21)\d\d")
_HAS_DIGIT = re.compile(r"\d")
_HAS_QUARTER = re.compile(r"quarter|Q[1-4]", re.IGNORECASE)
_HAS_HALF = re.compile(r"half|H[12]", re.IGNORECASE)
_HAS_PART = re.compile(r"early|mid|late|end|beginning|start|middle|first", re.IGNORECASE)
_HAS_SEASON = re.compile(r"spring|summer|autumn|fall|winter", re.IGNORECASE)
_HAS_REL = re.compile(r"this|next|later|end", re.IGNORECASE)
_HAS_TODAY = re.compile(r"today|tonight|this", re.IGNORECASE)
_HAS_TIME_ON = re.compile(r"time on")


_HAS_DECADE = re.compile(r"\d0'?s\b")
_HAS_FISCAL = re.compile(r"fiscal|FY", re.IGNORECASE)
_HAS_YEARISH = re.compile(r"(?:19|20|21)\d\d|\byear\b", re.IGNORECASE)
# Rules whose patterns start with a literal are cheapest as whole-sentence scans after a pre-check.
_WHOLE = frozenset({"_b_month_year", "_b_month_range", "_b_month_rel", "_b_month", "_b_relative", "_b_fiscal"})


def _r(pattern: re.Pattern[str], build: Builder, needs: re.Pattern[str] | None = None) -> Rule:
    return Rule(pattern, build, needs, windowed=False)


_RULES = (
    _r(
        _c(rf"{_WD}(?P<dd>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?{_NOT_NUM_AFTER}"),
        _b_day,
        _HAS_MONTH,
    ),
    _r(
        _c(rf"{_WD}(?P<mon>{_MON})\s+(?P<dd>{_DAY}){_NOT_NUM_AFTER}(?:,?\s+(?P<y>{_YEAR}))?"),
        _b_day,
        _HAS_MONTH,
    ),
    _r(
        _c(rf"(?P<a>{_DAY})\s*(?:-|and|or|to|through)\s*(?P<b>{_DAY})\s+(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?"),
        _b_day_range,
        _HAS_MONTH,
    ),
    _r(
        _c(
            rf"(?P<mon>{_MON})\s+(?P<a>{_DAY})\s*(?:-|and|or|to|through)\s*(?P<b>{_DAY}){_NOT_NUM_AFTER}"
            rf"(?:,?\s+(?P<y>{_YEAR}))?"
        ),
        _b_day_range,
        _HAS_MONTH,
    ),
    _r(_c(rf"(?P<mon>{_MON}),?\s+(?:of\s+)?(?P<y>{_YEAR}){_NOT_NUM_AFTER}"), _b_month_year, _HAS_MONTH),
    _r(
        _c(
            rf"(?P<ma>{_MON})(?:\s+(?P<ya>{_YEAR}))?(?P<conj>\s*(?:-|to|through|or|until)\s*)(?P<mb>{_MON})"
            rf"(?:,?\s+(?P<yb>{_YEAR}))?{_NOT_NUM_AFTER}"
        ),
        _b_month_range,
        _HAS_MONTH,
    ),
    _r(_c(rf"(?P<mon>{_MON})\s+(?:of\s+)?(?P<ry>this|next)\s+year"), _b_month_rel, _HAS_MONTH),
    _r(
        _ci(
            r"(?P<n>\w+)-day\s+(?:launch\s+)?window\s+(?:opening|beginning|starting|that\s+opens)\s+(?:on\s+)?"
            rf"(?-i:(?P<mon>{_MON}))\s+(?P<dd>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?{_NOT_NUM_AFTER}"
        ),
        _b_window,
        _HAS_MONTH,
    ),
    _r(_c(rf"(?P<mon>{_MON})(?!\s*\d)"), _b_month, _HAS_MONTH),
    _r(
        _c(rf"{_NOT_NUM_BEFORE}(?P<a>{_YEAR})\s*(?:-|/|or|through)\s*(?P<b>{_YEAR}|\d\d)(?!\d|,\d|\.\d)"),
        _b_year_range,
        _HAS_YEAR,
    ),
    _r(_ci(r"(?:the\s+)?(?P<end>end\s+of\s+the\s+)?(?P<y>(?:19|20|21)\d0)'?s\b"), _b_decade, _HAS_DECADE),
    _r(_c(rf"{_NOT_NUM_BEFORE}(?P<y>{_YEAR}){_NOT_NUM_AFTER}(?!-\w)"), _b_year, _HAS_YEAR),
    _r(
        _ci(
            r"(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)\s+quarter"
            rf"(?:\s+of\s+(?:(?P<qy>{_YEAR})|(?P<rq>{_REL_YEAR})))?|\bQ(?P<qn>[1-4])(?:\s*(?P<qy2>{_YEAR}))?\b"
        ),
        _b_quarter,
        _HAS_QUARTER,
    ),
    _r(
        _ci(
            r"(?:the\s+)?(?P<hw>first|second|1st|2nd|latter|last)\s+half\s+of\s+"
            rf"(?:(?P<hy>{_YEAR})|{_REL_YEAR})|\bH(?P<hn>[12])\s*(?P<hy2>{_YEAR})"
        ),
        _b_half,
        _HAS_HALF,
    ),
    _r(
        _ci(
            r"(?P<part>early|mid|late|mid-to-late|mid\s+to\s+late|the\s+middle\s+of|middle\s+of|the\s+end\s+of"
            r"|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|start\s+of"
            rf"|the\s+first\s+(?:few\s+)?months\s+of)[\s-]*(?:{_REL_YEAR})"
        ),
        _b_year_part,
        _HAS_YEARISH,
    ),
    _r(
        _c(
            r"(?P<part>early|mid|late|mid-to-late|[Tt]he\s+middle\s+of|[Tt]he\s+end\s+of|end\s+of"
            r"|[Tt]he\s+beginning\s+of|[Tt]he\s+start\s+of|Early|Mid|Late)[\s-]+"
            rf"(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR})|\s+(?P<thisyr>this\s+year))?"
        ),
        _b_month_part,
        _HAS_MONTH,
    ),
    _r(
        _ci(
            r"(?:(?:early|mid|late)[\s-]+)?(?:(?P<sw>this|next)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
            rf"(?:\s+(?:of\s+)?(?P<sy>{_YEAR})\b|\s+(?:of\s+)?(?P<ry>this|next)\s+year)?"
        ),
        _b_season,
        _HAS_SEASON,
    ),
    _r(
        _ci(
            r"\b(?:later\s+this\s+(?:year|decade)|(?:the\s+)?end\s+of\s+(?:the|this)\s+decade"
            r"|(?:the\s+)?end\s+of\s+(?:this|the|next)\s+year|(?:this|next)\s+year)\b"
        ),
        _b_relative,
        _HAS_REL,
    ),
    _r(
        _ci(rf"\b(?:US\s+|U\.S\.\s+|Japanese\s+|Indian\s+)?(?:fiscal(?:\s+year)?|FY)\s*(?P<y>{_YEAR}|\d\d)\b"),
        _b_fiscal,
        _HAS_FISCAL,
    ),
    _r(_ci(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"), _b_today, _HAS_TODAY),
    _r(
        _c(r"(?<=time on )(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
        _b_weekday,
        _HAS_TIME_ON,
    ),
)

_PREFIX = re.compile(
    r"(?:(?P<net>\bno\s+(?:earlier|sooner)\s+than|\bnot\s+(?:earlier|sooner)\s+than|\bnot\s+before"
    r"|\bas\s+(?:early|soon)\s+as|\b(?:until\s+)?at\s+least|(?-i:\bNET))"
    r"|(?P<by>\bno\s+later\s+than|\bnot\s+later\s+than|\bby|\bbefore\s+the\s+end\s+of)"
    r"|(?P<before>\bbefore|\bprior\s+to)"
    r"|(?P<after>\bafter)"
    r"|(?P<approx>\babout|\baround|\broughly|\bapproximately|\bapprox\.?|\bcirca|~))"
    r"\s+(?:(?:in|on|for)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_SUFFIX = re.compile(
    r",?\s+(?:(?P<net>at\s+the\s+earliest|at\s+earliest|or\s+later|or\s+after|as\s+the\s+earliest(?:\s+date)?)"
    r"|(?P<by>at\s+the\s+latest|or\s+earlier|or\s+sooner)|(?P<approx>or\s+so))\b",
    re.IGNORECASE,
)

GRAMMAR = Grammar(_RULES, _PREFIX, _SUFFIX)
