"""Reading one item: which watched mission each stated date belongs to, and how.

Per sentence: find the missions named (or referred back to: "the probe"),
the temporal phrases, and the cue words.  A date becomes a claim only when
the words governing it are about a schedule (launch, landing, "scheduled
for", "launched on") and not about something else (a briefing, a test, a
budget) or a replaced plan ("had been scheduled for").  Each date goes to
the nearest mission in its clause; coordinated lists pair up in order
("Chang'e 7 and 8 ... in 2026 and 2028"); a mission named beside a dated one
with no date of its own shares it.  When unsure, emit nothing: a false
alarm costs more than a miss.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from tracker.extract.cues import Cue
from tracker.extract.languages import LANGUAGES, Language
from tracker.extract.lead import with_lead
from tracker.extract.mentions import Mention, MentionFinder
from tracker.extract.normalize import Sentence, clean, detect_lang, split_sentences
from tracker.extract.timex import Timex, resolve
from tracker.model import Claim, Event, Mission, Status, TextItem

__all__ = ["Engine", "mission_kind"]

_LEFT, _RIGHT = 90, 25  # how far a governing word may stand from its date (characters)
_PAST_LEFT = 130
_EVENT_REACH = 140
_SUPERSEDE_LEFT, _SUPERSEDE_RIGHT = 80, 40
_UNDATED_REACH = 140
_POSTPONE_REACH = 80
_MAX_TEXT = 2_000_000  # characters read per item field; beyond this a feed entry is not news

_ENDS_WITH_DATE = re.compile(r"\d\.?\s*$")
_PUNCT = re.compile(r"[,;:，；。]")
_SAMPLES = with_lead(re.compile(r"sample|soil|rock|regolith|material|грунт|образц|样品|月壤|采样|样本", re.IGNORECASE))
_STATION = re.compile(r"\b(?:station|base|outpost|phase)\b|站|станц", re.IGNORECASE)
_LANDING = re.compile(r"\blanding\b|登月|посадк|высадк", re.IGNORECASE)

_GOVERNING = frozenset(
    {
        "launch",
        "landing",
        "sample_return",
        "complete",
        "launch_past",
        "landing_past",
        "sample_return_past",
        "complete_past",
        "plan",
        "other",
        "postponed",
        "cancelled",
        "failed",
    }
)
_BLOCKING = frozenset({"other", "cancelled"})
_PAST = frozenset({"launch_past", "landing_past", "sample_return_past", "complete_past", "failed", "past"})
_PLAN = frozenset({"plan"})
_PAST_OR_FAILED = _PAST

ClauseOf = Callable[[int], int]


def mission_kind(m: Mission) -> str:
    """What a mission's milestone is: a station is completed, a landing lands, the rest launch."""
    if _LANDING.search(m.name):
        return "landing"
    if _STATION.search(m.name):
        return "complete"
    return "launch"


_ALLOWED = {
    "launch": frozenset({Event.LAUNCH, Event.LANDING, Event.SAMPLE_RETURN}),
    "landing": frozenset({Event.LANDING}),
    "complete": frozenset({Event.COMPLETE}),
}
_DEFAULT = {"launch": Event.LAUNCH, "landing": Event.LANDING, "complete": Event.COMPLETE}


@dataclass(frozen=True, slots=True)
class _Found:
    """A claim with where it came from, for item-level decisions."""

    claim: Claim
    title: bool


@dataclass(slots=True)
class _Ctx:
    """What one sentence's decisions share."""

    text: str
    lang: Language
    cues: list[Cue]
    clause: ClauseOf
    attached: dict[int, int]  # mention start -> the relative clause it heads
    pub: date
    anaphoric: bool = False  # the sentence names no mission; "the probe" stands for the last one


class Engine:
    def __init__(self, missions: Sequence[Mission]) -> None:
        self.finder = MentionFinder(missions)
        self.kind = {m.id: mission_kind(m) for m in missions}

    # ------------------------------------------------------------------ item

    def extract(self, item: TextItem) -> list[Claim]:
        title = clean(item.title or "")[:_MAX_TEXT]
        text = clean(item.text or "")[:_MAX_TEXT]
        sentences = split_sentences(title, title=True) + split_sentences(text)
        lang = item.lang if item.lang in LANGUAGES else None
        found: list[_Found] = []
        last: str | None = None
        for s in sentences:
            mentions = self.finder.find(s.text)
            language = LANGUAGES[lang or detect_lang(s.text)]
            anaphoric = not mentions
            if not mentions:
                if last is None or s.title:
                    continue
                a = language.anaphora.search(s.text)
                if a is None:
                    continue
                mentions = [Mention(a.start(), a.end(), last)]
            elif not s.title:
                ids = {m.mission for m in mentions}
                last = mentions[0].mission if len(ids) == 1 else None
            for c in self._sentence(s, mentions, language, item.published, anaphoric):
                found.append(_Found(c, s.title))
        if any(f.claim.event is Event.SAMPLE_RETURN for f in found) and not (
            _SAMPLES.search(title) or _SAMPLES.search(text)
        ):
            # A capsule coming home is a sample return only for a mission that carries samples.
            found = [f for f in found if f.claim.event is not Event.SAMPLE_RETURN]
        return _finish(found)

    # ------------------------------------------------------------------ sentence

    def _sentence(
        self, s: Sentence, mentions: list[Mention], lang: Language, pub: date, anaphoric: bool = False
    ) -> list[Claim]:
        text = s.text
        foreign = [
            (m.start(), m.end())
            for m in lang.foreign.finditer(text)
            if not any(m.start() < x.end and x.start < m.end() for x in mentions)
        ]
        txs = [
            t
            for t in lang.grammar.find(text)
            if not any(_overlaps(t, m) for m in mentions) and not any(t.start < e and b < t.end for b, e in foreign)
        ]
        if not txs and not any(True for _ in lang.cues.find(text, undated_only=True)):
            return []  # no date and no cancellation or delay: nothing to say
        cues = [c for c in lang.cues.find(text) if not any(_overlaps(c, t) for t in txs)]
        negated = [c for c in cues if c.kind == "negated"]
        if negated:
            cues = [c for c in cues if c.event is None or not any(_overlaps(c, n) for n in negated)]
        bounds: list[int] = []
        relative: list[tuple[int, int]] = []
        for b in lang.strong_boundary.finditer(text):
            bounds.append(b.start())
            if b.group().lstrip(", ").lower().startswith(lang.relative_words):
                relative.append((b.start(), b.end()))

        def clause(pos: int) -> int:
            return bisect.bisect_right(bounds, pos)

        attached: dict[int, int] = {}
        for m in mentions:
            for b_start, b_end in relative:
                if 0 <= b_start - m.end <= 30 and len(text[m.end : b_start].split()) <= 3:
                    attached[m.start] = clause(b_end)
        ctx = _Ctx(text, lang, cues, clause, attached, pub, anaphoric)
        txs = self._from_to(ctx, txs)

        valid: list[tuple[Timex, Cue]] = []
        for tx in txs:
            sup = _within(ctx, tx, {"superseded"}, lang.supersede_left, 0) or _within(
                ctx, tx, {"superseded_after"}, 0, _SUPERSEDE_RIGHT
            )
            if sup is not None and not any(o is not tx and sup.end <= o.start and o.end <= tx.start for o in txs):
                continue  # "had been scheduled for X" (a date between them takes the cue instead)
            if any(q.kind == "counterfactual" and clause(q.start) == clause(tx.start) for q in cues):
                continue  # "could have been sent in May": never a plan
            gov = _within(ctx, tx, _GOVERNING, _LEFT, lang.right)
            if gov is None and tx.qualifier is not None:
                gov = Cue(tx.start, tx.start, "plan")  # "no earlier than", "最早": schedule words themselves
            if gov is None or gov.kind in _BLOCKING:
                continue
            valid.append((tx, gov))

        owners = self._owners(ctx, [t for t, _ in valid], mentions, foreign)
        claims: list[Claim] = []
        anchor: int | None = None
        dated: set[str] = set()
        for tx, gov in valid:
            for m in owners.get(tx.start, []):
                claim = self._claim(ctx, tx, gov, m, anchor)
                if claim is not None:
                    claims.append(claim)
                    dated.add(m.mission)
            if tx.has_year:
                w = resolve(tx, pub, False, None)
                if w is not None:
                    anchor = (w.earliest or w.latest or pub).year
        claims.extend(self._undated(ctx, mentions, dated))
        return claims

    def _from_to(self, ctx: _Ctx, txs: list[Timex]) -> list[Timex]:
        """ "from September 2025 to April 2026": a move (drop the first) or a range (join them)."""
        out: list[Timex] = []
        skip = False
        for k, tx in enumerate(txs):
            if skip:
                skip = False
                continue
            nxt = txs[k + 1] if k + 1 < len(txs) else None
            before = ctx.text[max(0, tx.start - 30) : tx.start]
            if (
                nxt is not None
                and ctx.lang.from_before.search(before)
                and len(ctx.text[tx.end : nxt.start]) < 12
                and ctx.lang.to_before.search(ctx.text[max(0, nxt.start - 30) : nxt.start])
            ):
                c = ctx.clause(tx.start)
                moved = any(q.kind == "postponed" and ctx.clause(q.start) == c for q in ctx.cues) or bool(
                    ctx.lang.move_words.search(ctx.text)
                )
                if moved:
                    continue  # the first date is the one replaced
                if tx.last is None and nxt.last is None and tx.qualifier is None:
                    out.append(replace(tx, end=nxt.end, last=nxt.first, qualifier=nxt.qualifier))
                    skip = True
                    continue
            out.append(tx)
        return out

    def _owners(
        self, ctx: _Ctx, txs: list[Timex], mentions: list[Mention], foreign: list[tuple[int, int]]
    ) -> dict[int, list[Mention]]:
        """Which mission(s) each date belongs to (keyed by the date's start)."""
        out: dict[int, list[Mention]] = {}
        if not txs or not mentions:
            return out
        text, clause = ctx.text, ctx.clause

        def clauses(m: Mention) -> set[int]:
            cs = {clause(m.start)}
            if m.start in ctx.attached:
                cs.add(ctx.attached[m.start])
            return cs

        # Coordinated lists pair up in order: "Chang'e 7 and 8 ... in 2026 and 2028".
        paired: set[int] = set()
        for mg in _coordinated(text, mentions, ctx.lang):
            for tg in _coordinated(text, txs, ctx.lang):
                if len(mg) == len(tg) and len({m.mission for m in mg}) == len(mg) and mg[-1].end <= tg[0].start:
                    for m, t in zip(mg, tg, strict=True):
                        out.setdefault(t.start, []).append(m)
                        paired.add(t.start)
        for t in txs:
            if t.start in paired:
                continue
            c = clause(t.start)
            same = [m for m in mentions if c in clauses(m)]
            if same and ctx.anaphoric and any(b < t.start for b, _ in foreign):
                continue
            if same:
                best = min(same, key=lambda m: _span_distance(m, t) + (0 if m.end <= t.start else 25))
                if any(clause(b) == c and best.end <= b and e <= t.start and t.start - e <= 12 for b, e in foreign):
                    continue  # "Artemis 4 in early 2028 and Artemis 5 in late 2028": the nearer name owns it
            else:
                # No mission in the date's clause: a named other thing there owns it ...
                if any(clause(b) == c and b < t.start for b, _ in foreign):
                    continue
                # ... else the mission named last before it, across the clause break.
                before = [m for m in mentions if m.end <= t.start]
                if not before:
                    continue
                best = before[-1]
                if ctx.anaphoric and any(b < t.start for b, _ in foreign):
                    continue
                if _relative_gap(ctx, best, t):
                    continue
            out.setdefault(t.start, []).append(best)
        # A mission named in a dated clause, without a date of its own, shares the nearest one.
        owned = {m.mission for ms in out.values() for m in ms}
        for m in mentions:
            if m.mission in owned:
                continue
            cs = clauses(m)
            near = [t for t in txs if clause(t.start) in cs and t.start not in paired and t.start in out]
            if not near:
                continue
            t = min(near, key=lambda t: _span_distance(m, t))
            out[t.start].append(m)
            owned.add(m.mission)
        return out

    def _claim(self, ctx: _Ctx, tx: Timex, gov: Cue, m: Mention, anchor: int | None) -> Claim | None:
        kind = self.kind.get(m.mission, "launch")
        allowed = _ALLOWED[kind]
        if gov.event == "complete" and kind != "complete":
            return None
        ev_cue = _nearest_event(ctx, tx, m, allowed)
        if ev_cue is False:
            return None  # the nearest event is not this mission's milestone (a vehicle test)
        event = Event(ev_cue.event) if isinstance(ev_cue, Cue) and ev_cue.event else _DEFAULT[kind]
        p = _within(ctx, tx, _PAST, _PAST_LEFT, ctx.lang.right)
        f = _within(ctx, tx, _PLAN, _LEFT, ctx.lang.right)
        bonus = 40 if p is not None and p.kind.endswith("_past") else 0  # a past-tense verb is strong evidence
        past = p is not None and (f is None or _cue_distance(ctx, p, tx) <= _cue_distance(ctx, f, tx) + bonus)
        if p is None and f is None and tx.has_year and not _relative(tx):
            # No tense word either way: a fully dated event already behind the publication date happened.
            w0 = resolve(tx, ctx.pub, True, anchor)
            past = w0 is not None and w0.latest is not None and w0.latest < ctx.pub
        if event is Event.LANDING and any(
            q.kind == "return_vehicle" and ctx.clause(q.start) in (ctx.clause(tx.start), ctx.clause(m.start))
            for q in ctx.cues
        ):
            event = Event.SAMPLE_RETURN  # the return capsule touching down is the sample return
        pub = ctx.pub
        w = resolve(tx, pub, past, anchor)
        if w is not None and anchor is not None and not tx.has_year:
            # A year inherited from an earlier date must still fit the tense.
            end = w.latest or w.earliest
            if end is not None and ((past and end > pub) or (not past and end < pub)):
                w = resolve(tx, pub, past, None)
        if w is None:
            return None
        if past and (w.latest is None or w.latest > pub + timedelta(days=1)):
            past = False  # "已推迟至2022年5月": a past verb about a future date is a plan
            w = resolve(tx, pub, False, anchor)
            if w is None:
                return None
        status = Status.PLANNED
        if past:
            status = Status.FAILED if p is not None and p.kind == "failed" else Status.OCCURRED
            if status is Status.OCCURRED and _tie_failed(ctx, tx, p):
                status = Status.FAILED
            if w.earliest is not None and w.earliest > pub:
                return None
        elif w.latest is not None and w.latest < pub - timedelta(days=1):
            return None  # a plan whose date is history is not a current claim
        quote = ctx.text[tx.start : tx.end].strip()
        return Claim(m.mission, event, status, w, quote)

    def _undated(self, ctx: _Ctx, mentions: list[Mention], dated: set[str]) -> list[Claim]:
        """Cancelled, or put off with no new date: each such cue goes to the mission it is about."""
        out: list[Claim] = []
        if any(q.kind == "hypothetical" for q in ctx.cues if q.kind == "hypothetical"):
            hyp = [q for q in ctx.cues if q.kind == "hypothetical"]
        else:
            hyp = []
        for q in ctx.cues:
            if q.kind not in ("cancelled", "postponed"):
                continue
            reach = _UNDATED_REACH if q.kind == "cancelled" else _POSTPONE_REACH
            cands = [m for m in mentions if _span_distance(q, m) <= reach]
            if not cands:
                continue
            # The mission the cue is about: the nearest, preferring one named before it (the subject).
            m = min(cands, key=lambda m: _span_distance(q, m) + (0 if m.end <= q.start else 20))
            if q.kind == "postponed" and m.mission in dated:
                continue
            if any(_span_distance(h, q) <= 60 and ctx.clause(h.start) == ctx.clause(q.start) for h in hyp):
                continue  # "would terminate", "if it slips"
            kind = self.kind.get(m.mission, "launch")
            event = _DEFAULT[kind]
            events = [e for e in ctx.cues if e.event in ("launch", "landing") and _span_distance(e, q) <= 60]
            if events:
                best = min(events, key=lambda e: _span_distance(e, q))
                if best.event is not None and Event(best.event) in _ALLOWED[kind]:
                    event = Event(best.event)
            status = Status.CANCELLED if q.kind == "cancelled" else Status.POSTPONED
            out.append(Claim(m.mission, event, status, None, ctx.text[q.start : q.end]))
        return out


# ---------------------------------------------------------------------- geometry


def _overlaps(a: Any, b: Any) -> bool:
    return bool(a.start < b.end and b.start < a.end)


def _span_distance(a: Any, b: Any) -> int:
    if a.end <= b.start:
        return int(b.start - a.end)
    if b.end <= a.start:
        return int(a.start - b.end)
    return 0


def _cue_distance(ctx: _Ctx, q: Cue, tx: Timex) -> float:
    if q.end <= tx.start:
        return float(tx.start - q.end)
    return (q.start - tx.end) * ctx.lang.right_weight


def _relative(tx: Timex) -> bool:
    """A relative phrase ("this year") is stated from the publication date, not about the past."""
    return tx.first.rel is not None


def _within(ctx: _Ctx, tx: Timex, kinds: frozenset[str] | set[str], left: int, right: int) -> Cue | None:
    """The nearest cue of these kinds governing the date: before it, or right after with nothing between."""
    c = ctx.clause(tx.start)
    best: tuple[float, int, Cue] | None = None
    for q in ctx.cues:
        if q.kind not in kinds:
            continue
        if q.end <= tx.start:
            d = float(tx.start - q.end)
            if d > left:
                continue
            if ctx.lang.left_punct_breaks and _PUNCT.search(ctx.text[q.end : tx.start]):
                continue
            if q.kind == "other" and _PUNCT.search(ctx.text[q.end : tx.start]):
                continue  # "he said, in 2025 ...": a report verb before a comma does not own the date
        elif q.start >= tx.end:
            if q.kind == "past":
                continue  # "已" marks the date it precedes
            gap = ctx.text[tx.end : q.start]
            if _parenthetical(ctx.text, tx) and len(gap.lstrip(" ,")) <= 3:
                gap = gap.lstrip(" ,")
            if len(gap) > right or ctx.lang.gap_break.search(gap):
                continue
            d = len(gap) * ctx.lang.right_weight
        else:
            continue
        qc = ctx.clause(q.start)
        if qc != c and ctx.clause(q.end - 1) != c and not (qc == c - 1 and _after_colon(ctx.text, tx)):
            continue
        key = (d, -(q.end - q.start), q)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def _after_colon(text: str, tx: Timex) -> bool:
    """ "launch opportunities for Artemis I: Aug. 29": a date listed after a colon answers its head."""
    return text[max(0, tx.start - 3) : tx.start].strip() in (":", "：")


def _parenthetical(text: str, tx: Timex) -> bool:
    """A date set off by commas (", on Tuesday, June 25, landed") modifies the verb after it."""
    return text[max(0, tx.start - 2) : tx.start].strip() == "," and text[tx.end : tx.end + 1] == ","


def _tie_failed(ctx: _Ctx, tx: Timex, p: Cue | None) -> bool:
    """ "crash-landed on ...": a failure cue on the same words as the past event."""
    if p is None:
        return False
    return any(q.kind == "failed" and _overlaps(q, p) for q in ctx.cues)


def _near(ctx: _Ctx, kind: str, tx: Timex, reach: int) -> bool:
    c = ctx.clause(tx.start)
    return any(
        q.kind.removesuffix("_past") == kind and ctx.clause(q.start) == c and _span_distance(q, tx) <= reach
        for q in ctx.cues
    )


def _nearest_event(ctx: _Ctx, tx: Timex, m: Mention, allowed: frozenset[Event]) -> Cue | bool | None:
    """The event cue nearest the date; False when it names an event this mission cannot have."""
    c = ctx.clause(tx.start)
    mc = ctx.clause(m.start)
    best: tuple[float, Cue] | None = None
    for q in ctx.cues:
        ev = q.event
        if ev is None or q.kind == "sample_return" or _overlaps(q, m):
            continue  # "a sample-return mission" describes it; the event comes from the verb
        qc = ctx.clause(q.start)
        if qc != c and qc != mc:
            continue
        if q.end <= tx.start:
            d = float(tx.start - q.end)
        else:
            gap = ctx.text[tx.end : q.start]
            if _parenthetical(ctx.text, tx) and len(gap.lstrip(" ,")) <= 3:
                gap = gap.lstrip(" ,")
            if ctx.lang.gap_break.search(gap):
                continue  # a verb after a comma starts another predicate
            d = len(gap) * ctx.lang.right_weight * 1.3
        if d > _EVENT_REACH:
            continue
        if Event(ev) is Event.COMPLETE and Event.COMPLETE not in allowed:
            continue
        if best is None or d < best[0]:
            best = (d, q)
    if best is None:
        return None
    ev = best[1].event
    if ev is not None and Event(ev) not in allowed:
        if Event.LAUNCH in allowed or Event(ev) is not Event.LAUNCH or best[0] > 40:
            return None
        return False
    return best[1]


def _relative_gap(ctx: _Ctx, m: Mention, t: Timex) -> bool:
    """True when the date sits in a relative clause about something other than the mission."""
    between = ctx.text[m.end : t.start]
    for b in ctx.lang.strong_boundary.finditer(between):
        if b.group().lstrip(", ").lower().startswith(ctx.lang.relative_words):
            # "Artemis, which aims to ... by 2030": the clause belongs to the word before it.
            head = between[: b.start()]
            if len(head.split()) > 3 and not _ENDS_WITH_DATE.search(head):
                return True
    return False


def _coordinated(text: str, spans: Sequence[Any], lang: Language) -> list[list[Any]]:
    groups: list[list[Any]] = []
    cur: list[Any] = []
    for sp in spans:
        if cur and lang.connector.match(text[cur[-1].end : sp.start]):
            cur.append(sp)
        else:
            if len(cur) >= 2:
                groups.append(cur)
            cur = [sp]
    if len(cur) >= 2:
        groups.append(cur)
    return groups


def _finish(found: list[_Found]) -> list[Claim]:
    """Item-level tidying: headline echoes, superseded by cancellation, duplicates."""
    echoed: set[tuple[str, object]] = {(f.claim.mission, f.claim.event) for f in found if not f.title}
    echoed |= {(f.claim.mission, f.claim.window) for f in found if not f.title and f.claim.window}
    # A headline restating the text's claim (however worded) adds nothing.
    kept = [
        f.claim
        for f in found
        if not f.title or not ({(f.claim.mission, f.claim.event), (f.claim.mission, f.claim.window)} & echoed)
    ]
    dated = {(c.mission, c.event) for c in kept if c.window is not None}
    cancelled = {(c.mission, c.event) for c in kept if c.status is Status.CANCELLED}
    out: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    for c in kept:
        key = (c.mission, c.event)
        if c.status is Status.POSTPONED and (key in dated or key in cancelled):
            continue
        if c.status is Status.PLANNED and key in cancelled:
            continue
        full = (c.mission, c.event, c.status, c.window)
        if full in seen:
            continue
        seen.add(full)
        out.append(c)
    return out
