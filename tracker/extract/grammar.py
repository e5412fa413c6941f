"""The machinery every language grammar shares: patterns, overlap, qualifiers.

A grammar is a list of (pattern, builder) rules.  Every rule runs over the
sentence (unless a cheap pre-check says it cannot match); overlapping finds
are settled longest first, so "between 12 and 19 July 2023" beats "19 July
2023" and "2027-28" beats "2027".  Qualifier words just before or after each
phrase ("no earlier than", "左右", "не позднее") are then folded in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
        self.rules = tuple(rules)
        self.prefix = prefix
        self.suffix = suffix
        self.lookbehind = lookbehind

    def find(self, text: str) -> list[Timex]:
        found: list[Timex] = []
        checked: dict[re.Pattern[str], bool] = {}
        for rule in self.rules:
            if rule.needs is not None:
                ok = checked.get(rule.needs)
                if ok is None:
                    ok = checked[rule.needs] = rule.needs.search(text) is not None
                if not ok:
                    continue
            for m in rule.pattern.finditer(text):
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


def _which(m: re.Match[str]) -> Qualifier | None:
    for name in _QUALIFIER_GROUPS:
        if name in m.re.groupindex and m.group(name) is not None:
            return Qualifier(name)
    return None
