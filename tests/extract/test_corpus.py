"""The yardstick: the shared development corpus, scored by the shared scorer.

Targets (issue): strict F1 >= 0.90 overall and >= 0.85 per language,
relaxed F1 >= 0.95, precision >= 0.95.
"""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType
from typing import Any

import pytest

from tests.support.paths import CORPUS
from tracker.config import load_watchlist
from tracker.extract import Extractor
from tracker.extract.jsonl import item_from_json

pytestmark = pytest.mark.skipif(not (CORPUS / "dev.jsonl").exists(), reason="shared corpus not present")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_score", CORPUS / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _report() -> dict[str, Any]:
    extractor = Extractor([m.as_mission() for m in load_watchlist(CORPUS / "missions.yaml").values()])
    scorer = _scorer()
    gold = scorer.load(str(CORPUS / "dev.jsonl"))
    pred: dict[str, Any] = {}
    for line in (CORPUS / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            pred[obj["id"]] = {
                "id": obj["id"],
                "claims": [c.to_json() for c in extractor.extract(item_from_json(obj))],
            }
    report, _ = scorer.score(gold, pred, "lang")
    return dict(report)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    return _report()


def test_strict_f1_overall_and_per_language(report: dict[str, Any]) -> None:
    strict = report["strict"]
    assert strict["all"]["f1"] >= 0.90, strict["all"]
    for lang in ("en", "zh", "ru"):
        assert strict[f"lang={lang}"]["f1"] >= 0.85, (lang, strict[f"lang={lang}"])


def test_precision(report: dict[str, Any]) -> None:
    assert report["strict"]["all"]["precision"] >= 0.95, report["strict"]["all"]


def test_relaxed_f1(report: dict[str, Any]) -> None:
    assert report["relaxed"]["all"]["f1"] >= 0.95, report["relaxed"]["all"]
