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

from tracker.extract.hints import prefixes
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


# A word's first two characters (one when that is all it has).
_WORD_HEAD = re.compile(r"(?<!\w)\w\w?")


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
    chars: frozenset[str]  # the characters it can start with, in both cases
    first: re.Pattern[str]  # the same as a case-blind class, for characters sre folds unusually ("ı")
    pairs: frozenset[str] | None  # its possible first two letters (lower case); None: any second character


# Letters whose case sre folds exactly as str.upper()/str.lower() do (no "ı", "ſ", Kelvin sign).
_PLAIN = re.compile(r"[A-Za-z0-9_а-яёА-ЯЁ]+")


def _pairs(source: str) -> frozenset[str] | None:
    """The branch's possible first two letters, when both are plain letters (else None)."""
    found = prefixes(source, re.IGNORECASE, 2)
    if found is None or not all(len(p) == 2 and _PLAIN.fullmatch(p) for p in found):
        return None
    return frozenset(p.lower() for p in found)


def _cases(pair: str) -> set[str]:
    return {a + b for a in {pair[0], pair[0].upper()} for b in {pair[1], pair[1].upper()}}


Sources = tuple[str | None, ...]  # per alternation, the pattern to try (compiled on first use)


class _ByFirstChar:
    """Combined cue alternations, each tried at a word only through the branches its first letters allow.

    A word's first two letters pick the branches (most words pick none and cost one dictionary
    look-up); letters sre folds unusually ("ı" is a case of "i") fall back to the first letter alone.
    """

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
                    found.append(_Branch(kind, source, frozenset(chars), cls, _pairs(source)))
            self._branches.append(found)
        self._starts = re.compile(f"[{''.join(sorted(map(re.escape, starts)))}]", re.IGNORECASE)
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._table = {c: self._for(c) for c in starts}
        # Two plain letters usually decide: only branches starting so, or not saying how they go on.
        self._by_pair = {
            key: self._for(key[0], key)
            for found in self._branches
            for b in found
            for pair in b.pairs or ()
            for key in _cases(pair)
        }
        self._unpaired = {c: u for c in starts if any(u := self._for(c, ""))}

    def _for(self, ch: str, pair: str | None = None) -> Sources:
        """Per alternation: every branch that may start with ``ch`` (and, given ``pair``, with those
        two letters; "": with no two letters any paired branch starts with), kinds and branches in order."""
        out: list[str | None] = []
        plain = _PLAIN.fullmatch(ch) is not None
        low = pair.lower() if pair is not None else None
        for found in self._branches:
            chosen = [
                b
                for b in found
                if (low is None or b.pairs is None or low in b.pairs)
                and (ch in b.chars or (not plain and b.first.fullmatch(ch)))
            ]
            groups = (
                f"(?P<{kind}>{'|'.join(b.source for b in same)})"
                for kind, same in groupby(chosen, key=lambda b: b.kind)
            )
            out.append(self._pre + "|".join(groups) + self._post if chosen else None)
        return tuple(out)

    def _compile(self, source: str) -> re.Pattern[str]:
        """Compiled when first needed: most letter pairs never occur, and import stays quick."""
        pattern = self._compiled[source] = re.compile(source, re.IGNORECASE)
        return pattern

    def at(self, ch: str) -> Sources | None:
        """The patterns to try at a word starting with ``ch``; None when no cue starts so."""
        patterns = self._table.get(ch)
        if patterns is None and self._starts.fullmatch(ch):
            patterns = self._for(ch)  # a rare case-fold relative ("ı" of "i"); not worth keeping
        return patterns

    def find(self, text: str) -> list[Cue]:
        """Each alternation's matches, left to right and not overlapping (as ``finditer`` gives them)."""
        out: list[Cue] = []
        ends = [0] * len(self._branches)
        by_pair, unpaired, compiled = self._by_pair, self._unpaired, self._compiled
        for w in _WORD_HEAD.finditer(text):
            head = w.group()
            sources = by_pair.get(head)
            if sources is None:
                # Plain letters: no paired branch starts so.  Others ("ı", "é") may fold into one.
                sources = unpaired.get(head[0]) if _PLAIN.fullmatch(head) else self.at(head[0])
                if sources is None:
                    continue
            pos = w.start()
            for k, source in enumerate(sources):
                if source is None or pos < ends[k]:
                    continue
                m = (compiled.get(source) or self._compile(source)).match(text, pos)
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
