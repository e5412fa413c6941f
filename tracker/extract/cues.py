"""Cue words in a sentence: what the words around a date say about it.

Each language lexicon gives, per cue kind, an alternation.  :class:`CueSet`
compiles them into two combined patterns (schedule words; words that
qualify or block a date), so a sentence is scanned twice, not once per kind,
while a word may still count in both ("crash-landed" is a failure and a
landing; "first flight" is another vehicle's debut and a flight).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from tracker.extract.lead import with_lead

__all__ = ["Cue", "CueSet"]

EVENT_KINDS = frozenset({"launch", "landing", "sample_return", "complete"})
_SCHEDULE_KINDS = (
    "launch_past",
    "landing_past",
    "sample_return_past",
    "complete_past",
    "launch",
    "landing",
    "sample_return",
    "complete",
    "plan",
)

# At one position the first listed kind wins: specific phrases before generic words.
_SECOND_ORDER = (
    "cancelled",
    "failed",
    "counterfactual",
    "superseded_after",
    "superseded",
    "negated",
    "return_vehicle",
    "postponed",
    "hypothetical",
    "past",
    "other",
)


class Cue(NamedTuple):
    start: int
    end: int
    kind: str  # a key of the lexicon's CUES ("launch", "launch_past", "plan", "other", ...)

    @property
    def event(self) -> str | None:
        base = self.kind.removesuffix("_past")
        return base if base in EVENT_KINDS else None

    @property
    def past(self) -> bool:
        return self.kind.endswith("_past")


class CueSet:
    """Cue patterns compiled once per language."""

    def __init__(self, cues: Mapping[str, str], word_bounded: bool = True) -> None:
        # Word boundaries go around the whole alternation (not each branch): far faster in sre.
        pre, post = (r"(?<!\w)(?:", r")(?!\w)") if word_bounded else ("(?:", ")")

        first = [k for k in _SCHEDULE_KINDS if k in cues]
        second = sorted(
            (k for k in cues if k not in _SCHEDULE_KINDS),
            key=lambda k: _SECOND_ORDER.index(k) if k in _SECOND_ORDER else len(_SECOND_ORDER),
        )
        self._patterns = tuple(
            with_lead(re.compile(pre + "|".join(f"(?P<{k}>{cues[k]})" for k in kinds) + post, re.IGNORECASE))
            for kinds in (first, second)
            if kinds
        )
        undated = [k for k in ("cancelled", "postponed", "hypothetical") if k in cues]
        self._undated = (
            re.compile(pre + "|".join(f"(?P<{k}>{cues[k]})" for k in undated) + post, re.IGNORECASE)
            if undated
            else None
        )
        for pat in self._patterns:
            if pat.groups != len(pat.groupindex):
                raise ValueError("cue patterns must not use unnamed capturing groups")

    def find(self, text: str, undated_only: bool = False) -> list[Cue]:
        """Every cue; with ``undated_only``, just what a sentence without dates needs."""
        out: list[Cue] = []
        if undated_only:
            if self._undated is not None:
                out.extend(Cue(m.start(), m.end(), m.lastgroup or "") for m in self._undated.finditer(text))
            return out
        for pat in self._patterns:
            out.extend(Cue(m.start(), m.end(), m.lastgroup or "") for m in pat.finditer(text))
        out.sort()
        return out
