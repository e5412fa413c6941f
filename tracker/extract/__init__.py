"""Schedule claims from news and agency text, in English, Chinese and Russian.

``Extractor(missions).extract(item)`` reads one item and returns the claims
an annotator following ``shared/corpus/FORMAT.md`` would write: which
watched mission, which event, planned / occurred / failed / postponed /
cancelled, and the stated window.  Pure: no I/O, no clock; never raises.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.extract.engine import Engine
from tracker.model import Claim, Mission, TextItem

__all__ = ["Extractor", "extract"]


class Extractor:
    """Compile the watchlist's alias matchers once; then read any number of items."""

    def __init__(self, missions: Sequence[Mission]) -> None:
        self._engine = Engine(missions)

    def extract(self, item: TextItem) -> list[Claim]:
        """Claims in the item, in reading order; [] when none or when the text is unreadable."""
        try:
            return self._engine.extract(item)
        except Exception:
            return []


def extract(item: TextItem, missions: Sequence[Mission]) -> list[Claim]:
    """One-off convenience; build an :class:`Extractor` to read many items."""
    return Extractor(missions).extract(item)
