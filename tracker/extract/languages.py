"""Per-language bundles: a grammar, a cue set, and the clause punctuation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract import lexicon_en, lexicon_ru, lexicon_zh, timex_en, timex_ru, timex_zh
from tracker.extract.cues import CueSet
from tracker.extract.grammar import Grammar
from tracker.extract.lead import with_lead

__all__ = ["LANGUAGES", "Language"]


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    grammar: Grammar
    cues: CueSet
    strong_boundary: re.Pattern[str]
    anaphora: re.Pattern[str]
    from_before: re.Pattern[str]  # "from" just before a date: maybe a superseded start
    to_before: re.Pattern[str]  # "to" just before the date that replaces it
    connector: re.Pattern[str]  # what joins coordinated names or dates ("and", "、")
    foreign: re.Pattern[str]  # names of other things (missions, rockets) that may own a date
    move_words: re.Pattern[str]  # a schedule change: "from X to Y" then means X is replaced
    relative_words: tuple[str, ...]  # boundaries that open a relative clause (", which")
    right: int = 25  # how far after a date its governing word may stand
    right_weight: float = 1.5  # how much less a word after the date counts than one before
    gap_break: re.Pattern[str] = re.compile(r"[,;:，；、]|\band\b|\bи\b")  # ends a governing reach
    supersede_left: int = 80
    left_punct_breaks: bool = False  # Chinese: a word before a comma belongs to another clause


def _c(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


LANGUAGES: dict[str, Language] = {
    "en": Language(
        "en",
        timex_en.GRAMMAR,
        CueSet(lexicon_en.CUES),
        with_lead(_c(lexicon_en.STRONG_BOUNDARY)),
        _c(lexicon_en.ANAPHORA),
        _c(r"\bfrom\s+(?:the\s+|an?\s+|its\s+)?(?:\w+'s\s+)?$"),
        _c(r"\bto\s+(?:the\s+|an?\s+)?(?:no\s+earlier\s+than\s+|at\s+least\s+)?$"),
        _c(r"^\s*(?:,\s*)?(?:and|or|&|,)\s*(?:then\s+)?(?:in\s+|on\s+|for\s+)?$"),
        with_lead(re.compile(lexicon_en.FOREIGN)),
        _c(lexicon_en.MOVE),
        ("which", "whose", "where"),
    ),
    "zh": Language(
        "zh",
        timex_zh.GRAMMAR,
        CueSet(lexicon_zh.CUES, word_bounded=False),
        with_lead(_c(lexicon_zh.STRONG_BOUNDARY)),
        _c(lexicon_zh.ANAPHORA),
        _c(r"(?:从|由)$"),
        _c(r"(?:改为|改到|推迟到|推迟至|延至|调整为|到|至)$"),
        _c(r"^\s*(?:、|和|及|与|以及|，)\s*$"),
        with_lead(re.compile(lexicon_zh.FOREIGN)),
        _c(lexicon_zh.MOVE),
        (),
        right=60,
        right_weight=0.8,
        gap_break=re.compile(r"[。；;]"),
        supersede_left=15,
        left_punct_breaks=True,
    ),
    "ru": Language(
        "ru",
        timex_ru.GRAMMAR,
        CueSet(lexicon_ru.CUES),
        with_lead(_c(lexicon_ru.STRONG_BOUNDARY)),
        _c(lexicon_ru.ANAPHORA),
        _c(r"(?<!\w)с\s+$"),
        _c(r"(?<!\w)на\s+$"),
        _c(r"^\s*(?:,\s*)?(?:и|а|или|,)\s*(?:в\s+|на\s+)?$"),
        with_lead(re.compile(lexicon_ru.FOREIGN)),
        _c(lexicon_ru.MOVE),
        ("котор",),
    ),
}
