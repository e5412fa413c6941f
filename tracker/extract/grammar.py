"""The machinery every language grammar shares: patterns, overlap, qualifiers.

A grammar is a list of (pattern, builder) rules.  Every rule runs over the
sentence unless a cheap pre-check says it cannot match: first its literal
hints (:mod:`~tracker.extract.hints`: is any word it starts with in the
sentence at all?), then its ``needs`` pattern.  Overlapping finds
are settled longest first, so "between 12 and 19 July 2023" beats "19 July
2023" and "2027-28" beats "2027".  Qualifier words just before or after each
phrase ("no earlier than", "左右", "не позднее") are then folded in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from tracker.extract.hints import Hint, fold, hint, telling
from tracker.extract.lead import with_lead
from tracker.extract.timex import Body, Timex
from tracker.windows import Qualifier

__all__ = ["Builder", "Built", "Grammar", "Rule"]

Built = tuple[Body, Body | None] | None
Builder = Callable[[re.Match[str], str], Built]


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: re.Pattern[str]
    build: Builder
    needs: re.Pattern[str] | None = None  # skip the rule on sentences without this (a cheap pre-check)
    windowed: bool = True  # scan only around each ``needs`` hit, not the whole sentence
    hints: tuple[Hint, ...] = ()  # the rule cannot match unless each hint's words occur (filled in by Grammar)


_QUALIFIER_GROUPS = ("net", "by", "before", "after", "approx")


class Grammar:
    """Finds temporal phrases in one language."""

    def __init__(
        self,
        rules: Sequence[Rule],
        prefix: re.Pattern[str],
        suffix: re.Pattern[str],
        lookbehind: int = 48,
    ) -> None:
        self.rules = tuple(
            Rule(
                with_lead(r.pattern),
                r.build,
                with_lead(r.needs) if r.needs else None,
                r.windowed,
                _hints(r.pattern, r.needs),
            )
            for r in rules
        )
        # Rules share hints (nine English rules need a month name): each is checked once per sentence.
        self._hints = list(dict.fromkeys(h for r in self.rules for h in r.hints))
        self._hints_of = tuple(tuple(self._hints.index(h) for h in r.hints) for r in self.rules)
        self.prefix = with_lead(prefix)
        self.suffix = suffix
        self.lookbehind = lookbehind

    def find(self, text: str) -> list[Timex]:
        found: list[Timex] = []
        anchors: dict[re.Pattern[str], list[tuple[int, int]]] = {}
        present: dict[re.Pattern[str], bool] = {}
        folded = fold(text)
        absent: list[bool | None] = [None] * len(self._hints)
        for rule, hints in zip(self.rules, self._hints_of, strict=True):
            if self._any_absent(hints, absent, text, folded):
                continue
            if rule.needs is None:
                matches: Iterable[re.Match[str]] = rule.pattern.finditer(text)
            elif rule.windowed:
                spots = anchors.get(rule.needs)
                if spots is None:
                    spots = anchors[rule.needs] = [k.span() for k in rule.needs.finditer(text)]
                if not spots:
                    continue
                matches = _near(rule.pattern, text, spots)
            else:
                ok = present.get(rule.needs)
                if ok is None:
                    ok = present[rule.needs] = rule.needs.search(text) is not None
                if not ok:
                    continue
                matches = rule.pattern.finditer(text)
            for m in matches:
                built = rule.build(m, text)
                if built is None:
                    continue
                found.append(Timex(m.start(), m.end(), built[0], built[1]))
        # Overlaps: the longest phrase wins, then the earliest.
        found.sort(key=lambda t: (t.start - t.end, t.start))
        taken: list[Timex] = []
        for t in found:
            if all(t.end <= o.start or t.start >= o.end for o in taken):
                taken.append(t)
        taken.sort(key=lambda t: t.start)
        return [self._qualify(text, t) for t in taken]

    def _any_absent(self, hints: tuple[int, ...], absent: list[bool | None], text: str, folded: str) -> bool:
        """Whether one of these hints is missing from the sentence (each looked up once, in ``absent``)."""
        for h in hints:
            no = absent[h]
            if no is None:
                no = absent[h] = self._hints[h].absent(text, folded)
            if no:
                return True
        return False

    def _qualify(self, text: str, t: Timex) -> Timex:
        start, end, q = t.start, t.end, None
        window = text[max(0, start - self.lookbehind) : start]
        m = self.prefix.search(window)
        if m is not None:
            q = _which(m)
            start = start - (len(window) - m.start())
        s = self.suffix.match(text, end)
        if s is not None:
            q2 = _which(s)
            if q2 is not None:
                q = q2 if q is None or q2 is Qualifier.NET else q
                end = s.end()
        return t.with_span(start, end, q)


def _hints(pattern: re.Pattern[str], needs: re.Pattern[str] | None) -> tuple[Hint, ...]:
    """The pre-check's hint, plus the pattern's own when it tells more ("window"; not "the", not "2026")."""
    own = hint(pattern)
    pre = hint(needs) if needs is not None else None
    if pre is None:
        return (own,) if own is not None else ()
    if own is None or not telling(own) or any(p in w for w in own.words for p in pre.words):
        return (pre,)
    return (pre, own)


_BEFORE, _AFTER = 40, 64  # how far a phrase may start before / end after its anchor word


def _near(pattern: re.Pattern[str], text: str, spots: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` around each anchor (a month name, a year, a keyword) only.

    Scanning small windows instead of the whole sentence is what keeps long
    texts fast.  A window's end could fool a lookahead, so each match is
    confirmed against the full text.
    """
    seen_to = 0
    seen: set[int] = set()
    for a, b in spots:
        lo = max(0, a - _BEFORE, seen_to - _BEFORE)
        hi = min(len(text), b + _AFTER)
        for m in pattern.finditer(text, lo, hi):
            if m.start() in seen:
                continue
            full = pattern.match(text, m.start())
            if full is None:
                continue
            seen.add(m.start())
            yield full
        seen_to = hi


def _which(m: re.Match[str]) -> Qualifier | None:
    for name in _QUALIFIER_GROUPS:
        if name in m.re.groupindex and m.group(name) is not None:
            return Qualifier(name)
    return None
