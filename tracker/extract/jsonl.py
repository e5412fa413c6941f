"""The JSON Lines contract: corpus items in, ``{"id", "claims"}`` lines out (DESIGN.md)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

from tracker.extract import Extractor
from tracker.model import TextItem

__all__ = ["item_from_json", "run_jsonl"]


def item_from_json(obj: dict[str, Any]) -> TextItem:
    """A corpus item as a TextItem; raises ValueError/TypeError/KeyError on a malformed one."""
    published = obj["published"]
    if not isinstance(published, str):
        raise TypeError("published must be an ISO date string")
    lang = obj.get("lang")
    return TextItem(
        title=str(obj.get("title") or ""),
        text=str(obj.get("text") or ""),
        published=date.fromisoformat(published[:10]),
        lang=lang if isinstance(lang, str) and lang else None,
    )


def run_jsonl(lines: Iterable[str], out: TextIO, extractor: Extractor) -> int:
    """Extract every line's claims in input order; report bad lines on stderr and count them.

    A malformed line still gets an output line when it has an id (with no
    claims), so outputs stay aligned with inputs; otherwise it is skipped.
    """
    bad = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or "id" not in obj:
                raise ValueError("not an object with an id")
            item = item_from_json(obj)
        except (ValueError, TypeError, KeyError) as exc:
            bad += 1
            print(f"line {n}: {type(exc).__name__}: {exc}", file=sys.stderr)
            if isinstance(obj_id := _id_of(line), (str, int)):
                out.write(json.dumps({"id": obj_id, "claims": []}, ensure_ascii=False) + "\n")
            continue
        claims = [c.to_json() for c in extractor.extract(item)]
        out.write(json.dumps({"id": obj["id"], "claims": claims}, ensure_ascii=False) + "\n")
    return bad


def _id_of(line: str) -> object:
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    return obj.get("id") if isinstance(obj, dict) else None
