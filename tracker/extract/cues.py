"""Cue words in a sentence: what the words around a date say about it.

Each language lexicon gives, per cue kind, an alternation.  :class:`CueSet`
reads them as two combined alternations (schedule words; words that qualify
or block a date), so a word may count in both ("crash-landed" is a failure
and a landing; "first flight" is another vehicle's debut and a flight).

sre tries every branch of an alternation at every word, which made cue
scanning the largest cost per sentence.  For word-bounded languages the
alternations are therefore split by first character: at each word start only
the branches that can begin with its first letter are tried, in their
original order, so the match found is the one the whole alternation finds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import groupby
from typing import NamedTuple

from tracker.extract.lead import first_chars, with_lead

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


# A word's first character.
_WORD_START = re.compile(r"(?<!\w)\w")


def branches(alternation: str) -> list[str]:
    """The top-level alternatives of a regex source: ``a|b(?:c|d)|[|]`` -> a, b(?:c|d), [|]."""
    out: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(alternation):
        c = alternation[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 2 if alternation[i + 1 : i + 2] == "^" else 1
            i += 1 if alternation[i : i + 1] == "]" else 0  # "[]...]", "[^]...]": a literal "]"
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(alternation[start:i])
            start = i + 1
        i += 1
    out.append(alternation[start:])
    return out


class _Branch(NamedTuple):
    kind: str
    source: str
    first: re.Pattern[str]  # the characters it can start with, as a case-blind class


Patterns = tuple[re.Pattern[str] | None, ...]


class _ByFirstChar:
    """Combined cue alternations, each tried at a word only through the branches its first letter allows."""

    def __init__(self, cues: Mapping[str, str], kind_lists: list[list[str]], pre: str, post: str) -> None:
        self._pre, self._post = pre, post
        self._branches: list[list[_Branch]] = []
        starts: set[str] = set()
        for kinds in kind_lists:
            found: list[_Branch] = []
            for kind in kinds:
                for source in branches(cues[kind]):
                    chars = first_chars(source, re.IGNORECASE)
                    if chars is None or not all(c.isalnum() for c in chars):
                        raise ValueError(f"cue branch {source!r} must start with a known letter")
                    starts |= chars
                    cls = re.compile(f"[{''.join(sorted(map(re.escape, chars)))}]", re.IGNORECASE)
                    found.append(_Branch(kind, source, cls))
            self._branches.append(found)
        self._starts = re.compile(f"[{''.join(sorted(map(re.escape, starts)))}]", re.IGNORECASE)
        self._table = {c: self._for(c) for c in starts}

    def _for(self, ch: str) -> Patterns:
        """Per alternation: every branch that may start with ``ch``, kinds and branches in order."""
        out: list[re.Pattern[str] | None] = []
        for found in self._branches:
            chosen = [b for b in found if b.first.fullmatch(ch)]
            groups = (
                f"(?P<{kind}>{'|'.join(b.source for b in same)})"
                for kind, same in groupby(chosen, key=lambda b: b.kind)
            )
            out.append(re.compile(self._pre + "|".join(groups) + self._post, re.IGNORECASE) if chosen else None)
        return tuple(out)

    def at(self, ch: str) -> Patterns | None:
        """The patterns to try at a word starting with ``ch``; None when no cue starts so."""
        patterns = self._table.get(ch)
        if patterns is None and self._starts.fullmatch(ch):
            patterns = self._for(ch)  # a rare case-fold relative ("ı" of "i"); not worth keeping
        return patterns

    def find(self, text: str) -> list[Cue]:
        """Each alternation's matches, left to right and not overlapping (as ``finditer`` gives them)."""
        out: list[Cue] = []
        ends = [0] * len(self._branches)
        table = self._table
        for w in _WORD_START.finditer(text):
            patterns = table.get(w.group()) or self.at(w.group())
            if patterns is None:
                continue
            pos = w.start()
            for k, pattern in enumerate(patterns):
                if pattern is None or pos < ends[k]:
                    continue
                m = pattern.match(text, pos)
                if m is not None:
                    out.append(Cue(pos, m.end(), m.lastgroup or ""))
                    ends[k] = m.end()
        return out


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
        kind_lists = [kinds for kinds in (first, second) if kinds]
        self._patterns = tuple(
            with_lead(re.compile(pre + "|".join(f"(?P<{k}>{cues[k]})" for k in kinds) + post, re.IGNORECASE))
            for kinds in kind_lists
        )
        undated = [k for k in ("cancelled", "postponed", "hypothetical") if k in cues]
        self._undated = (
            with_lead(re.compile(pre + "|".join(f"(?P<{k}>{cues[k]})" for k in undated) + post, re.IGNORECASE))
            if undated
            else None
        )
        for pat in self._patterns:
            if pat.groups != len(pat.groupindex):
                raise ValueError("cue patterns must not use unnamed capturing groups")
        # Chinese has no word starts to dispatch on; its cues are few and the combined scan is fast.
        self._by_char = _ByFirstChar(cues, kind_lists, pre, post) if word_bounded else None

    def find(self, text: str, undated_only: bool = False) -> list[Cue]:
        """Every cue; with ``undated_only``, just what a sentence without dates needs."""
        out: list[Cue] = []
        if undated_only:
            if self._undated is not None:
                out.extend(Cue(m.start(), m.end(), m.lastgroup or "") for m in self._undated.finditer(text))
            return out
        if self._by_char is not None:
            out = self._by_char.find(text)
        else:
            for pat in self._patterns:
                out.extend(Cue(m.start(), m.end(), m.lastgroup or "") for m in pat.finditer(text))
        out.sort()
        return out
