"""The JSON Lines contract: one output line per item, in order; bad lines reported and skipped."""

from __future__ import annotations

import io
import json

import pytest

from tests.extract.helpers import EXTRACTOR
from tracker.extract.jsonl import run_jsonl


def test_claims_per_line_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        json.dumps(
            {
                "id": "a",
                "published": "2026-02-10",
                "lang": "en",
                "title": "",
                "text": "Chang'e 7 is scheduled to launch in 2026.",
                "source": "x",
                "claims": [],
            }
        ),
        "not json at all",
        json.dumps(
            {
                "id": "b",
                "published": "2026-02-10",
                "lang": "zh",
                "title": "嫦娥八号计划于2028年发射",
                "text": "",
            }
        ),
        json.dumps({"id": "c", "published": "yesterday", "text": "x"}),
        "",
        json.dumps({"id": "d", "published": "2026-02-10", "text": "嫦娥七号計劃", "lang": None}),
    ]
    out = io.StringIO()
    bad = run_jsonl(lines, out, EXTRACTOR)
    assert bad == 2
    rows = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"]
    assert rows[0]["claims"] == [
        {
            "mission": "change-7",
            "event": "launch",
            "status": "planned",
            "earliest": "2026-01-01",
            "latest": "2026-12-31",
            "precision": "year",
            "qualifier": None,
            "quote": "2026",
        }
    ]
    assert rows[1]["claims"][0]["mission"] == "change-8"
    assert rows[2]["claims"] == [] and rows[3]["claims"] == []
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].startswith("line 2:") and err[1].startswith("line 4:")
    assert "2028年" in out.getvalue()  # ensure_ascii=False
