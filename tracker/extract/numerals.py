"""Numbers written in words: Chinese numerals (二〇三〇, 十二) and Roman (Artemis II)."""

from __future__ import annotations

__all__ = ["ROMAN", "ZH_DIGITS", "zh_to_int"]

ZH_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def zh_to_int(text: str) -> int:
    """二〇三〇 -> 2030 (digit by digit), 十二 -> 12, 二十五 -> 25; 0 when unreadable."""
    if not text:
        return 0
    if "十" not in text:
        n = 0
        for ch in text:
            d = ZH_DIGITS.get(ch)
            if d is None:
                return 0
            n = n * 10 + d
        return n
    tens, _, ones = text.partition("十")
    t = ZH_DIGITS.get(tens, 0) if tens else 1
    o = ZH_DIGITS.get(ones, 0) if ones else 0
    if (tens and tens not in ZH_DIGITS) or (ones and ones not in ZH_DIGITS):
        return 0
    return t * 10 + o
