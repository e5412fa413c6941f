"""Clean feed text into something the grammars can read, and cut it into sentences.

Feeds carry HTML remnants, entities, full-width digits, curly quotes, exotic
dashes and invisible control characters.  The grammars are written against
plain text, so all of that is folded here once; quotes are then taken from
the cleaned text (the scorer ignores them, a human reads them).
"""

from __future__ import annotations

import html
import re
import unicodedata

from tracker.extract.lead import with_lead

__all__ = ["Sentence", "clean", "detect_lang", "split_sentences"]

_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]{0,500}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[!/?]?[A-Za-z][^<>]{0,1000}>")
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|td|section|article)\b[^<>]{0,200}>", re.IGNORECASE)

# One table for the characters NFKC leaves alone but the grammars need folded.
_TRANSLATE = {
    ord("‘"): "'",
    ord("’"): "'",
    ord("‚"): "'",
    ord("ʼ"): "'",
    ord("′"): "'",
    ord("`"): "'",
    ord("“"): '"',
    ord("”"): '"',
    ord("„"): '"',
    ord("‐"): "-",
    ord("‑"): "-",
    ord("‒"): "-",
    ord("–"): "-",
    ord("−"): "-",
    ord("―"): "—",
    ord("\u00a0"): " ",
    ord("\u202f"): " ",
    ord("\t"): " ",
    ord("\r"): "\n",
    ord("\u2028"): "\n",
    ord("\u2029"): "\n",
}
# Invisible formatting (zero-width, bidi marks) carries no meaning for us.
for _cp in (
    0x200B,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
    0x2060,
    0xFEFF,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
):
    _TRANSLATE[_cp] = ""
for _cp in (*range(0, 9), 11, 12, *range(14, 32), 127):
    _TRANSLATE[_cp] = " "
_TRANSLATE[ord("\ufffd")] = " "
# str.translate looks every character up in the table, which is slow on non-ASCII text;
# substituting only where a listed character stands gives the same text several times faster.
_TO_FOLD = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TRANSLATE)) + "]")
_FOLDED = {chr(c): v for c, v in _TRANSLATE.items()}


def _fold(m: re.Match[str]) -> str:
    return _FOLDED[m.group()]


def clean(text: str) -> str:
    """HTML-free, NFKC-folded text with plain quotes and dashes."""
    if "<" in text:
        text = _SCRIPT_STYLE.sub(" ", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text)
    return _TO_FOLD.sub(_fold, text)  # = text.translate(_TRANSLATE)


# --------------------------------------------------------------------------- language

_CJK = re.compile(r"[\u3400-\u9fff]")
_CYR = re.compile(r"[\u0400-\u04ff]")


def detect_lang(text: str) -> str:
    """zh when any Han character, ru when any Cyrillic, else en: enough for news text."""
    cjk = len(_CJK.findall(text[:5000]))
    cyr = len(_CYR.findall(text[:5000]))
    if cjk and cjk >= cyr / 4:
        return "zh"
    if cyr:
        return "ru"
    return "en"


# --------------------------------------------------------------------------- sentences

# Words whose trailing dot does not end a sentence ("Dec. 11", "a.m. EST").
_ABBREV = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "vs",
        "gen",
        "lt",
        "col",
        "sen",
        "rep",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "prof",
        "u.s",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "approx",
        "est",
        "fig",
        "vol",
        "dept",
        "govt",
        "им",
        "г",
        "гг",
        "т.е",
        "т.д",
        "ул",
        "см",
        "др",
        "тыс",
        "млн",
        "млрд",
        "руб",
    ]
)
_BOUNDARY = with_lead(re.compile(r"[.!?。！？]+[\"'»)\]]*(?=\s|$)|[。！？]+[\"'»”」』)）]*|\n+"))
_WORD_BREAK = re.compile(r"[\s(\"'«]")


class Sentence:
    """A sentence with its place in the cleaned text; ``title`` marks the headline."""

    __slots__ = ("start", "text", "title")

    def __init__(self, text: str, start: int, title: bool) -> None:
        self.text = text
        self.start = start
        self.title = title


def split_sentences(text: str, title: bool = False) -> list[Sentence]:
    """Cut at ., !, ? (not after abbreviations or initials), Chinese 。！？ and newlines."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        mark = m.group()
        if mark[0] == ".":
            before = text[max(start, m.start() - 12) : m.start()]
            word = _WORD_BREAK.split(before)[-1].lower()
            nxt = text[end : end + 3].lstrip()
            if word in _ABBREV or (len(word) == 1 and word.isalpha()) or (nxt[:1].islower()):
                continue
            if word.replace(".", "").isdigit() and nxt[:1].isdigit():
                continue
        chunk = text[start:end]
        if chunk.strip():
            out.append(Sentence(chunk, start, title))
        start = end
    if text[start:].strip():
        out.append(Sentence(text[start:], start, title))
    return out
