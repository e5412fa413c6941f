"""Literal hints: short strings one of which every match of a pattern starts with.

Most sentences contain none of the words a grammar rule starts with
("spring", "fiscal", "Q3", "года"), and ``in`` on a string costs far less
than a regex scan, even one with a leading look-ahead.  So a rule whose hints
are all absent is skipped without running it.  Hints are read from the parsed
pattern, never written by hand, so they cannot drift from it; a case-blind
pattern is compared against :func:`fold`, which folds exactly the characters
sre treats as equal ignoring case ("K" and the Kelvin sign, "i" and "ı").
"""

from __future__ import annotations

import importlib
import re
from typing import Any, NamedTuple

__all__ = ["Hint", "fold", "hint", "prefixes", "telling"]

_p: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

_ROOM = 4  # characters of a match's start worth reading (more costs time at import, saves little)
_MAX_HINTS = 12  # more ``in`` checks than this cost as much as a scan
_MAX_CLASS = 16

_FOLDABLE = frozenset("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя")
# Characters sre matches case-blind to a letter above although they are neither its
# upper nor its lower case (str.lower() leaves them, or in "İ"'s case adds a dot).
_RELATIVES = "İıſKᲀᲁᲂᲃᲄᲅᲆ"
_HAS_RELATIVE = re.compile(f"[{_RELATIVES}]")


def _fold_table() -> dict[int, str]:
    table = {ord(c.upper()): c for c in _FOLDABLE if len(c.upper()) == 1}
    for r in _RELATIVES:
        same = [c for c in _FOLDABLE if re.fullmatch(c, r, re.IGNORECASE)]
        if len(same) != 1:
            raise ValueError(f"{r!r} folds to {same}")
        table[ord(r)] = same[0]
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Latin and Cyrillic letters in lower case, one character for one, as sre compares them."""
    if text.isascii() or not _HAS_RELATIVE.search(text):
        return text.lower()  # one-for-one unless "İ", which _RELATIVES holds
    return text.translate(_FOLD)


class Hint(NamedTuple):
    """Strings one of which every match starts with; ``blind``: compare in :func:`fold`-ed text."""

    words: tuple[str, ...]
    blind: bool

    def absent(self, text: str, folded: str) -> bool:
        """True when the pattern cannot match ``text`` (``folded`` is ``fold(text)``)."""
        hay = folded if self.blind else text
        for w in self.words:  # noqa: SIM110 (a plain loop: three times faster than all() over a generator)
            if w in hay:
                return False
        return True


def hint(pattern: re.Pattern[str]) -> Hint | None:
    """The pattern's most telling hint, or None when none is known.

    Every match contains a match of each tail of the pattern's top-level
    sequence, so the words starting any tail will do ("-day" in
    ``\\w+-day\\s+window``); the tail whose words look rarest is used.
    """
    blind = bool(pattern.flags & re.IGNORECASE) or "(?i" in pattern.pattern
    try:
        items = list(_p.parse(pattern.pattern, pattern.flags))
    except re.error:
        return None
    best: set[str] = set()
    for i in range(len(items)):
        if i and items[i][0] is _c.LITERAL and items[i - 1][0] is _c.LITERAL:
            continue  # inside a run of letters: the run's start gives the longer words
        words = _words(_starts(items, i, _ROOM), blind)
        if words and (not best or _rank(words) < _rank(best)):
            best = words
    return Hint(tuple(sorted(best)), blind) if best else None


def prefixes(source: str, flags: int, room: int) -> set[str] | None:
    """Strings (at most ``room`` long) one of which every match starts with; None when unknown."""
    try:
        starts = _starts(list(_p.parse(source, flags)), 0, room)
    except re.error:
        return None
    return None if "" in starts else starts


# Words so common that a hint holding one (or a start of one) hardly ever skips anything.
_COMMON = ("the", "and", "for", "from", "with", "that", "this", "в", "на", "и", "по", "что", "как")


def telling(h: Hint) -> bool:
    """Whether checking the hint is likely to skip work: no one-letter or everyday words in it."""
    return all(len(w) > 1 and not any(c.startswith(w) for c in _COMMON) for w in h.words)


def _words(starts: set[str], blind: bool) -> set[str]:
    """Starts as hint words (folded when case-blind); empty when they say nothing."""
    if "" in starts:
        return set()
    if blind:
        if any(ch.lower() != ch.upper() and ch.lower() not in _FOLDABLE for w in starts for ch in w):
            return set()  # a cased letter fold() does not know
        starts = {w.translate(_FOLD) for w in starts}
    return _shorten(starts)


def _rank(words: set[str]) -> float:
    """Roughly how often one of the words turns up: fewer and longer words are rarer."""
    return sum(26.0 ** -len(w) for w in words)


def _shorten(words: set[str]) -> set[str]:
    """Few enough hints to be cheap: cut them shorter until they are, then drop the redundant."""
    for n in range(_ROOM, 0, -1):
        cut = {w[:n] for w in words}
        if len(cut) <= _MAX_HINTS:
            # "may" is implied wherever "ma" occurs: only the shortest of nested hints counts.
            return {w for w in cut if not any(o != w and o in w for o in cut)}
    return set()


def _starts(items: list[tuple[Any, Any]], i: int, room: int) -> set[str]:
    """Strings (at most ``room`` long) one of which every match of ``items[i:]`` starts with.

    "" among them means no constraint is known; a shorter string just says less.
    """
    while i < len(items) and items[i][0] in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        i += 1  # zero-width
    if room == 0 or i == len(items):
        return {""}
    op, av = items[i]
    rest = items[i + 1 :]
    if op is _c.BRANCH:
        return set().union(*(_starts(list(b) + rest, 0, room) for b in av[1]))
    if op is _c.SUBPATTERN:
        return _starts(list(av[-1]) + rest, 0, room)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, body = av
        out = _starts(list(body) + (rest if hi == 1 else []), 0, room)
        return out | _starts(items, i + 1, room) if lo == 0 else out
    chars = _chars(op, av)
    if not chars:
        return {""}
    tails = _starts(items, i + 1, room - 1)
    if len(chars) * len(tails) > 4 * _MAX_HINTS:
        return chars
    return {c + t for c in chars for t in tails}


def _chars(op: Any, av: Any) -> set[str]:
    """The characters one LITERAL or small IN item matches; empty when unknown (\\d, negation)."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op is not _c.IN:
        return set()
    out: set[str] = set()
    for kind, val in av:
        if kind is _c.LITERAL:
            out.add(chr(val))
        elif kind is _c.RANGE and val[1] - val[0] < _MAX_CLASS:
            out.update(chr(x) for x in range(val[0], val[1] + 1))
        else:
            return set()
    return out if len(out) <= _MAX_CLASS else set()
