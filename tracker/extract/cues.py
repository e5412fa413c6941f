"""Cue words in a sentence: what the words around a date say about it.

Each language lexicon gives, per cue kind, an alternation; :class:`CueSet`
compiles them once and reports every hit (hits of different kinds may
overlap: "crash-landed" is both a failure and a landing).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Cue", "CueSet"]

EVENT_KINDS = ("launch", "landing", "sample_return", "complete")


@dataclass(frozen=True, slots=True)
class Cue:
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
    """One compiled pattern per cue kind."""

    def __init__(self, cues: Mapping[str, str], word_bounded: bool = True) -> None:
        wrap = (lambda p: rf"(?<!\w)(?:{p})(?!\w)") if word_bounded else (lambda p: f"(?:{p})")
        self._patterns = tuple((kind, re.compile(wrap(p), re.IGNORECASE)) for kind, p in cues.items())

    def find(self, text: str) -> list[Cue]:
        out: list[Cue] = []
        for kind, pat in self._patterns:
            out.extend(Cue(m.start(), m.end(), kind) for m in pat.finditer(text))
        out.sort(key=lambda c: c.start)
        return out
