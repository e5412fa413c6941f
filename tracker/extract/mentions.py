"""Find the watched missions a text names, however it spells them.

Aliases come from the watchlist.  Each becomes a pattern tolerant of what
writers vary (hyphens, apostrophes, spacing, case, Arabic or Chinese digits,
Russian case endings), compiled once into one alternation ordered longest
first, so "Luna-27B" is never read as "Luna-27".  Shared numbers are
expanded ("Chang'e 7 and 8", "嫦娥六号、七号", "Chandrayaan-4 and -5").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.extract.lead import with_lead
from tracker.extract.numerals import ROMAN, zh_to_int
from tracker.model import Mission

__all__ = ["Mention", "MentionFinder", "alias_key"]


def _first_chars(alias: str) -> set[str]:
    """Both cases of the alias's first character (the scan is case-sensitive)."""
    c = alias.strip()[0]
    return {c, c.lower(), c.upper()} - {""}


_TOKEN = re.compile(r"\d+(?:\.\d+)?|[一二三四五六七八九十〇零两]+(?=号|號)|[^\W\d_]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CYR_WORD = re.compile(r"^[а-яё]+$", re.IGNORECASE)
_SEP = r"[\s'\-.·]{0,3}"
_WORDCH = "A-Za-z0-9\u00c0-\u024f\u0400-\u04ff"
_NOT_WORD_AFTER = f"(?![{_WORDCH}])"
_ZH_FILLER = r"(?:首次|将|再次|成功)?"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text naming a watched mission."""

    start: int
    end: int
    mission: str


def _is_cjk(s: str) -> bool:
    return bool(_CJK.match(s))


def alias_key(text: str) -> str:
    """A spelling-free key: lower case, letters and digits only, numbers as digits."""
    parts: list[str] = []
    for tok in _TOKEN.findall(text.lower()):
        if tok in ROMAN and parts:
            parts.append(str(ROMAN[tok]))
        elif tok[0] in "一二三四五六七八九十〇零两":
            parts.append(str(zh_to_int(tok)))
        elif _is_cjk(tok[0]):
            # Han runs may embed a numeral: 嫦娥七号 -> 嫦娥 7 号
            parts.append(re.sub(r"[一二三四五六七八九十〇零两]+(?=号|號)", lambda m: str(zh_to_int(m[0])), tok))
        else:
            parts.append(tok)
    return "".join(parts)


def _token_pattern(tok: str) -> str:
    if tok[0].isdigit():
        return re.escape(tok)
    if tok[0] in "一二三四五六七八九十〇零两":
        n = zh_to_int(tok)
        return f"(?:{re.escape(tok)}|{n})"
    if _is_cjk(tok[0]):
        # Han aliases: allow digits for numerals and a few adverbs between characters.
        inner = re.sub(
            r"[一二三四五六七八九十〇零两]+(?=号|號)",
            lambda m: f"\0{m[0]}\0",
            tok,
        )
        out = []
        for piece in inner.split("\0"):
            if not piece:
                continue
            if piece[0] in "一二三四五六七八九十〇零两":
                out.append(f"(?:{piece}|{zh_to_int(piece)})")
            else:
                out.append(_ZH_FILLER.join(re.escape(c) for c in piece))
        return "".join(out)
    if _CYR_WORD.match(tok) and len(tok) >= 4:
        # Russian nouns and adjectives decline: match the stem and any short ending.
        stem = tok[:-2] if tok[-2:].lower() in ("ая", "ой", "ий", "ый", "ое", "ые") else tok
        stem = stem[:-1] if stem[-1].lower() in "аяыиеуюоьй" else stem
        return re.escape(stem) + r"[а-яё]{0,3}"
    return re.escape(tok)


def _alias_pattern(alias: str) -> str | None:
    toks = _TOKEN.findall(alias)
    if not toks:
        return None
    body = _SEP.join(_token_pattern(t) for t in toks)
    post = "" if _is_cjk(toks[-1][-1]) else _NOT_WORD_AFTER
    return body + post


_CONTINUATION = re.compile(
    r"(?:\s*(?:,|、|，|and|or|&|和|及|与|и)\s*(?:[-–]\s*)?)"
    r"(\d+|[IVX]+\b|[一二三四五六七八九十]+(?:号|號))(?![\w.])",
    re.IGNORECASE,
)
_LAST_NUMBER = re.compile(r"(\d+)(号|號)?$")


class MentionFinder:
    """Compiled once per watchlist; ``find`` is then one regex scan per text."""

    def __init__(self, missions: Sequence[Mission]) -> None:
        entries: list[tuple[str, str, bool]] = []  # (alias, mission id, case-guard)
        self._by_key: dict[str, str] = {}
        for mission in missions:
            for alias in mission.names:
                alias = alias.strip()
                if not alias:
                    continue
                entries.append((alias, mission.id, self._needs_case_guard(alias)))
                self._by_key.setdefault(alias_key(alias), mission.id)
        entries.sort(key=lambda e: -len(e[0]))
        # One small alternation per first character, reached through a fast
        # character-class scan: a single alternation of every alias is far too
        # slow on long texts (sre tries each branch at each position).
        groups: dict[str, list[str]] = {}
        self._group_info: dict[str, tuple[str, bool, str]] = {}
        for i, (alias, mid, guard) in enumerate(entries):
            pat = _alias_pattern(alias)
            if pat is None:
                continue
            name = f"a{i}"
            self._group_info[name] = (mid, guard, alias)
            for first in _first_chars(alias):
                groups.setdefault(first, []).append(f"(?P<{name}>{pat})")
        self._by_first: dict[str, re.Pattern[str]] = {
            ch: re.compile("|".join(alts), re.IGNORECASE) for ch, alts in groups.items()
        }
        # The scan looks for the first two letters of some alias at a word start
        # (one for Han text and one-letter first words): few places qualify.
        heads: set[str] = set()
        han_firsts: set[str] = set()
        for alias, _mid, _guard in entries:
            a = alias.strip()
            if _is_cjk(a[0]):
                han_firsts.add(a[0])
            elif len(a) > 1 and (a[1].isalnum() or a[1] in "'’"):
                heads.add(a[:2].lower())
            else:
                heads.add(a[0].lower())
        alts = []
        if heads:
            alts.append(f"(?<![{_WORDCH}])(?i:{'|'.join(sorted(map(re.escape, heads), key=lambda h: -len(h)))})")
        if han_firsts:
            alts.append(f"[{''.join(sorted(han_firsts))}]")
        self._scan = with_lead(re.compile("|".join(alts))) if alts else None

    @staticmethod
    def _needs_case_guard(alias: str) -> bool:
        """A one-word, digit-free alias with capitals ("SLIM", "Endurance") is not its lowercase word."""
        return " " not in alias and not any(c.isdigit() for c in alias) and alias != alias.lower()

    def find(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        if self._scan is None:
            return out
        pos = 0
        by_first = self._by_first
        while True:
            s = self._scan.search(text, pos)
            if s is None:
                break
            start = s.start()
            group = by_first.get(text[start])
            m = group.match(text, start) if group is not None else None
            if m is None or m.lastgroup is None:
                pos = start + 1
                continue
            mid, guard, alias = self._group_info[m.lastgroup]
            pos = m.end()
            if guard and m.group().islower():
                continue
            out.append(Mention(start, m.end(), mid))
            for extra in self._continuations(text, m.end(), alias, m.group()):
                out.append(extra)
                pos = extra.end
        return out

    def _continuations(self, text: str, pos: int, alias: str, matched: str) -> list[Mention]:
        """ "Chang'e 7 and 8": the number after a conjunction names a sibling mission."""
        if _CONTINUATION.match(text, pos) is None:
            return []  # the usual case: no sibling, and no need for the alias key
        key = alias_key(matched)
        base = _LAST_NUMBER.search(key)
        if base is None:
            return []
        out: list[Mention] = []
        while True:
            m = _CONTINUATION.match(text, pos)
            if m is None:
                break
            raw = m.group(1)
            num = ROMAN.get(raw.lower()) if raw.isalpha() and raw.isascii() else None
            if num is None:
                num = int(raw) if raw.isdigit() else zh_to_int(raw.rstrip("号號"))
            sibling = key[: base.start()] + str(num) + (base.group(2) or "")
            mid = self._by_key.get(sibling)
            if mid is None:
                break
            out.append(Mention(m.start(1), m.end(), mid))
            pos = m.end()
        return out
