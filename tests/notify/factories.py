"""Alerts for notify tests: a realistic slip with evidence, and variations of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from tracker.model import Alert, ChangeKind, Event, Evidence
from tracker.windows import parse_window

QUOTE = "China now plans to launch Chang'e 7 in August 2026, the agency said."
LINK = "https://spacenews.example/change-7-slips"
ARTICLE = "Chang'e 7 lunar south pole mission slips to 2026"


def evidence(**changes: object) -> Evidence:
    base = Evidence(
        source="spacenews",
        title=ARTICLE,
        quote=QUOTE,
        link=LINK,
        published=datetime(2025, 11, 3, 9, 45, tzinfo=UTC),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def alert(kind: ChangeKind = ChangeKind.SLIPPED, **changes: object) -> Alert:
    base = Alert(
        mission_id="change-7",
        mission_name="Chang'e 7",
        event=Event.LAUNCH,
        kind=kind,
        before=parse_window("about 2025"),
        after=parse_window("Aug 2026"),
        evidence=(evidence(),),
        at=datetime(2025, 11, 3, 10, 0, tzinfo=UTC),
    )
    return replace(base, **changes)  # type: ignore[arg-type]
