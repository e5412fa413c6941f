"""Benchmark the extraction engine against the baseline a user would otherwise write.

    .venv/bin/python bench/extract.py                 # throughput + strict F1, both rows, and the 1 MB time
    .venv/bin/python bench/extract.py --predict < ../shared/corpus/dev.jsonl > /tmp/pred.jsonl

Engine: ``tracker.extract.Extractor`` over dev.jsonl repeated to at least
5,000 items, single process.  No per-item result cache exists anywhere in
the engine: patterns are compiled once at import and per watchlist, and every
item is read from scratch, so repeating items measures real work.

Baseline: ``dateparser.search.search_dates`` with the item's language and the
publication date as the relative base; each date found is attributed to the
nearest mission mention (plain case-insensitive alias search) as a planned
launch on that day.  Both are scored with the shared ``score.py``.

Throughput is the median of ``--runs`` timed passes (default 5) for both
rows, each after an untimed warm-up pass, so one slow pass on a shared
machine does not decide; the range is printed beside it.  Targets:
>= 3,000 items/s, >= 10x the baseline, strict F1 at least 0.4 above the
baseline's, and the 1 MB item in under 1 s; each is reported met or not.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.config import load_watchlist  # noqa: E402
from tracker.extract import Extractor  # noqa: E402
from tracker.extract.jsonl import item_from_json, run_jsonl  # noqa: E402
from tracker.model import Mission, TextItem  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
MIN_ITEMS = 5000
TARGET_RATE = 3000  # items/s
TARGET_RATIO = 10  # times the baseline's items/s
TARGET_F1_GAIN = 0.4
TARGET_BIG_S = 1.0


def load_missions(path: Path) -> list[Mission]:
    """The missions of a watchlist or missions.yaml, read as `tracker extract --missions` reads them."""
    return [m.as_mission() for m in load_watchlist(path).values()]


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def strict_f1(scorer: ModuleType, gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    report, _ = scorer.score(gold, pred, None)
    return dict(report["strict"]["all"])


# --------------------------------------------------------------------------- baseline


class Baseline:
    """dateparser's search_dates plus nearest-mention attribution: what a user would write first."""

    def __init__(self, missions: list[Mission]) -> None:
        from dateparser.search import search_dates  # imported lazily: slow to import

        self.search_dates = search_dates
        self.aliases = [(a.lower(), m.id) for m in missions for a in m.names]

    def extract(self, item: TextItem) -> list[dict[str, Any]]:
        text = f"{item.title}\n{item.text}"
        low = text.lower()
        mentions = [(low.find(a), mid) for a, mid in self.aliases if a in low]
        base = datetime(item.published.year, item.published.month, item.published.day)
        try:
            found = self.search_dates(
                text,
                languages=[item.lang or "en"],
                settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"},
            )
        except Exception:
            found = None
        claims: list[dict[str, Any]] = []
        for phrase, when in found or []:
            if not mentions:
                break
            pos = text.find(phrase)
            mid = min(mentions, key=lambda m: abs(m[0] - pos))[1]
            day = when.date().isoformat()
            claims.append(
                {
                    "mission": mid,
                    "event": "launch",
                    "status": "planned",
                    "earliest": day,
                    "latest": day,
                    "precision": "day",
                    "qualifier": None,
                    "quote": phrase,
                }
            )
        return claims


# --------------------------------------------------------------------------- runs


def one_megabyte(items: list[dict[str, Any]]) -> TextItem:
    """A 1 MB item mixing corpus text, HTML, scripts, entities, noise and right-to-left text."""
    rnd = random.Random(7)
    parts: list[str] = []
    size = 0
    while size < 1_000_000:
        it = rnd.choice(items)
        chunk = rnd.choice(
            [
                it["text"],
                f"<p>{it['title']}</p><script>var x = '{it['text'][:80]}';</script>&amp;&#x4e2d;",
                "".join(chr(rnd.randrange(32, 0x3000)) for _ in range(200)),
                "مهمة إلى القمر في عام 2026 " * 3,
                "2026 2027 May 2028 no earlier than by before after " * 5,
            ]
        )
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
    return TextItem(title="1 MB", text=" ".join(parts), published=date(2025, 1, 1), lang=None)


def timed(runs: int, work: Callable[[], object]) -> list[float]:
    """Seconds taken by each of ``runs`` calls of ``work``."""
    out: list[float] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        out.append(time.perf_counter() - t0)
    return out


def rates(n: int, seconds: list[float]) -> tuple[float, float, float]:
    """(median, slowest, fastest) items per second over the runs."""
    per_run = [n / s for s in seconds]
    return statistics.median(per_run), min(per_run), max(per_run)


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def bench(args: argparse.Namespace) -> int:
    missions = load_missions(Path(args.missions))
    scorer = load_scorer()
    gold = scorer.load(str(Path(args.corpus)))
    raw = [json.loads(line) for line in Path(args.corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [(obj["id"], item_from_json(obj)) for obj in raw]
    runs = max(1, args.runs)

    extractor = Extractor(missions)
    reps = -(-MIN_ITEMS // len(items))
    work = [item for _, item in items] * reps
    # Each row's scoring pass comes first and doubles as its warm-up (dateparser loads its
    # language data lazily); the timed passes then measure steady work only.
    pred = {i: {"id": i, "claims": [c.to_json() for c in extractor.extract(item)]} for i, item in items}
    engine = strict_f1(scorer, gold, pred)
    engine_rate, engine_lo, engine_hi = rates(
        len(work), timed(runs, lambda: [extractor.extract(item) for item in work])
    )

    baseline = Baseline(missions)
    sample = items if args.baseline_items <= 0 else items[: args.baseline_items]
    base_pred = {i: {"id": i, "claims": baseline.extract(item)} for i, item in items}
    base_rate, base_lo, base_hi = rates(
        len(sample), timed(runs, lambda: [baseline.extract(item) for _, item in sample])
    )
    base = strict_f1(scorer, gold, base_pred)

    big = one_megabyte(raw)
    big_claims = extractor.extract(big)
    big_s = statistics.median(timed(3, lambda: extractor.extract(big)))

    ratio = engine_rate / base_rate
    gain = engine["f1"] - base["f1"]
    print("cache: none (no per-item result cache; patterns compiled once per process and per watchlist)")
    print(f"throughput: median of {runs} runs (slowest-fastest in brackets)")
    head = f"{'system':<28}{'items':>8}{'items/s':>10}{'range':>16}"
    print(f"{head}{'strict P':>10}{'strict R':>10}{'strict F1':>11}")
    print(
        f"{'tracker.extract':<28}{len(work):>8}{engine_rate:>10.0f}{f'({engine_lo:.0f}-{engine_hi:.0f})':>16}"
        f"{engine['precision']:>10.3f}{engine['recall']:>10.3f}{engine['f1']:>11.3f}"
    )
    print(
        f"{'dateparser baseline':<28}{len(sample):>8}{base_rate:>10.1f}{f'({base_lo:.1f}-{base_hi:.1f})':>16}"
        f"{base['precision']:>10.3f}{base['recall']:>10.3f}{base['f1']:>11.3f}"
    )
    print(f"throughput ratio: {ratio:.0f}x; strict F1 gain: {gain:+.3f}")
    size = len(big.text.encode("utf-8"))
    print(f"1 MB item ({size:,} bytes): {big_s:.3f} s (median of 3), {len(big_claims)} claims")
    checks = [
        (f"throughput >= {TARGET_RATE:,} items/s", engine_rate >= TARGET_RATE),
        (f"throughput >= {TARGET_RATIO}x baseline", ratio >= TARGET_RATIO),
        (f"strict F1 >= baseline + {TARGET_F1_GAIN}", gain >= TARGET_F1_GAIN),
        (f"1 MB item < {TARGET_BIG_S:.0f} s", big_s < TARGET_BIG_S),
    ]
    for name, ok in checks:
        print(f"target {name}: {verdict(ok)}")
    ok = all(ok for _, ok in checks)
    print("all targets:", verdict(ok))
    return 0 if ok else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--missions", default=str(CORPUS / "missions.yaml"))
    ap.add_argument("--corpus", default=str(CORPUS / "dev.jsonl"))
    ap.add_argument("--predict", action="store_true", help="read corpus items on stdin, write claims on stdout")
    ap.add_argument("--baseline-items", type=int, default=0, help="time the baseline on the first N items (0: all)")
    ap.add_argument("--runs", type=int, default=5, help="timed passes per row; the median is reported")
    args = ap.parse_args()
    if args.predict:
        run_jsonl(sys.stdin, sys.stdout, Extractor(load_missions(Path(args.missions))))
        return 0
    return bench(args)


if __name__ == "__main__":
    sys.exit(main())
