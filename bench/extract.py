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
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.extract import Extractor  # noqa: E402
from tracker.extract.jsonl import item_from_json, run_jsonl  # noqa: E402
from tracker.model import Mission, TextItem  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
MIN_ITEMS = 5000


def load_missions(path: Path) -> list[Mission]:
    """missions.yaml (a ``missions:`` map of id -> name, aliases) as Mission values."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["missions"]
    return [
        Mission(str(k), str(v.get("name") or k), tuple(str(a) for a in (v.get("aliases") or ())))
        for k, v in data.items()
    ]


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


def bench(args: argparse.Namespace) -> int:
    missions = load_missions(Path(args.missions))
    scorer = load_scorer()
    gold = scorer.load(str(Path(args.corpus)))
    raw = [
        json.loads(line)
        for line in Path(args.corpus).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    items = [(obj["id"], item_from_json(obj)) for obj in raw]

    extractor = Extractor(missions)
    reps = -(-MIN_ITEMS // len(items))
    work = items * reps
    t0 = time.perf_counter()
    for _, item in work:
        extractor.extract(item)
    elapsed = time.perf_counter() - t0
    engine_rate = len(work) / elapsed
    pred = {i: {"id": i, "claims": [c.to_json() for c in extractor.extract(item)]} for i, item in items}
    engine = strict_f1(scorer, gold, pred)

    baseline = Baseline(missions)
    sample = items if args.baseline_items <= 0 else items[: args.baseline_items]
    t0 = time.perf_counter()
    base_pred = {i: {"id": i, "claims": baseline.extract(item)} for i, item in sample}
    base_elapsed = time.perf_counter() - t0
    base_rate = len(sample) / base_elapsed
    if len(sample) < len(items):
        base_pred.update({i: {"id": i, "claims": baseline.extract(item)} for i, item in items[len(sample) :]})
    base = strict_f1(scorer, gold, base_pred)

    big = one_megabyte(raw)
    t0 = time.perf_counter()
    big_claims = extractor.extract(big)
    big_s = time.perf_counter() - t0

    print("cache: none (no per-item result cache; patterns compiled once per process and per watchlist)")
    print(f"{'system':<28}{'items':>8}{'items/s':>12}{'strict P':>10}{'strict R':>10}{'strict F1':>11}")
    print(
        f"{'tracker.extract':<28}{len(work):>8}{engine_rate:>12.0f}"
        f"{engine['precision']:>10.3f}{engine['recall']:>10.3f}{engine['f1']:>11.3f}"
    )
    print(
        f"{'dateparser baseline':<28}{len(sample):>8}{base_rate:>12.1f}"
        f"{base['precision']:>10.3f}{base['recall']:>10.3f}{base['f1']:>11.3f}"
    )
    print(
        f"throughput ratio: {engine_rate / base_rate:.0f}x; strict F1 gain: {engine['f1'] - base['f1']:+.3f}"
    )
    print(f"1 MB item ({len(big.text.encode('utf-8')):,} bytes): {big_s:.3f} s, {len(big_claims)} claims")
    ok = (
        engine_rate >= 3000
        and engine_rate >= 10 * base_rate
        and engine["f1"] >= base["f1"] + 0.4
        and big_s < 1.0
    )
    print("targets (>= 3000 items/s, >= 10x baseline, F1 +0.4, 1 MB < 1 s):", "met" if ok else "NOT met")
    return 0 if ok else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--missions", default=str(CORPUS / "missions.yaml"))
    ap.add_argument("--corpus", default=str(CORPUS / "dev.jsonl"))
    ap.add_argument(
        "--predict", action="store_true", help="read corpus items on stdin, write claims on stdout"
    )
    ap.add_argument(
        "--baseline-items", type=int, default=0, help="time the baseline on the first N items (0: all)"
    )
    args = ap.parse_args()
    if args.predict:
        run_jsonl(sys.stdin, sys.stdout, Extractor(load_missions(Path(args.missions))))
        return 0
    return bench(args)


if __name__ == "__main__":
    sys.exit(main())
