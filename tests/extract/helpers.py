"""A small watchlist and a compact way to read claims back in tests."""

from __future__ import annotations

from datetime import date

from tracker.extract import Extractor
from tracker.model import Mission, TextItem

MISSIONS = (
    Mission("change-7", "Chang'e 7", ("Chang'e 7", "Chang'e-7", "CE-7", "嫦娥七号", "Чанъэ-7")),
    Mission("change-8", "Chang'e 8", ("Chang'e 8", "Chang'e-8", "CE-8", "嫦娥八号", "Чанъэ-8")),
    Mission("change-6", "Chang'e 6", ("Chang'e 6", "Chang'e-6", "嫦娥六号", "Чанъэ-6")),
    Mission("luna-26", "Luna 26", ("Luna 26", "Luna-26", "Луна-26", "月球-26")),
    Mission("luna-27", "Luna 27", ("Luna 27", "Luna-27", "Луна-27", "Luna-27A")),
    Mission("luna-27b", "Luna 27B", ("Luna-27B", "Луна-27Б")),
    Mission("artemis-2", "Artemis II", ("Artemis II", "Artemis 2", "Artemis-2", "阿耳忒弥斯2号", "Артемида-2")),
    Mission("artemis-3", "Artemis III", ("Artemis III", "Artemis 3", "Artemis-3", "阿耳忒弥斯3号", "Артемида-3")),
    Mission("crewed", "China's first crewed lunar landing", ("Chinese crewed lunar landing", "载人登月")),
    Mission(
        "ilrs",
        "International Lunar Research Station",
        ("International Lunar Research Station", "ILRS", "国际月球科研站", "МНЛС"),
    ),
    Mission("slim", "SLIM", ("SLIM",)),
    Mission("endurance", "Blue Moon Mark 1 pathfinder", ("Blue Moon Mark 1", "Endurance")),
)

EXTRACTOR = Extractor(MISSIONS)

Row = tuple[str, str, str, str | None, str | None, str | None, str | None]


def read(text: str, published: str = "2026-02-10", lang: str | None = "en", title: str = "") -> set[Row]:
    """Claims as (mission, event, status, earliest, latest, precision, qualifier) rows."""
    item = TextItem(title=title, text=text, published=date.fromisoformat(published), lang=lang)
    out: set[Row] = set()
    for c in EXTRACTOR.extract(item):
        j = c.to_json()
        out.add(
            (
                j["mission"],
                j["event"],
                j["status"],
                j["earliest"],
                j["latest"],
                j["precision"],
                j["qualifier"],
            )
        )
    return out
