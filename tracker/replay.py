"""``tracker replay``: corpus-format items through extraction and comparison, in publication order.

The same reading, comparison and recording code as the daemon, on a
throwaway SQLite database, starting from a watchlist's forecasts.  Useful to
see what tracker would have said about a history of reports, and to test the
forecast rules on a fixed timeline.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.config import MissionConfig
from tracker.extract import Extractor
from tracker.forecasts import Ledger, sync_watchlist, watched_milestones
from tracker.ingest import apply_claims, new_item, read_claims
from tracker.model import Policy, Trust
from tracker.store import queries
from tracker.store.db import Store
from tracker.store.tables import ChangeEvidenceRow, ChangeRow, ClaimRow, ForecastRow, ItemRow, MilestoneRow


class ItemError(ValueError):
    """A corpus line that cannot be replayed; the message names the line."""


@dataclass(frozen=True, slots=True)
class CorpusItem:
    id: str
    published: datetime
    lang: str | None
    title: str
    text: str
    source: str  # who said it: the host of the item's source address
    trust: Trust
    link: str | None


def parse_item(line: str, number: int) -> CorpusItem:
    """One JSON Lines item as FORMAT.md describes it."""
    try:
        raw = json.loads(line)
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        published = date.fromisoformat(str(raw["published"])[:10])
        link = raw.get("source") if isinstance(raw.get("source"), str) else None
        kind = raw.get("source_kind", "news")
        return CorpusItem(
            id=str(raw["id"]),
            published=datetime(published.year, published.month, published.day, tzinfo=UTC),
            lang=raw.get("lang"),
            title=str(raw.get("title") or ""),
            text=str(raw.get("text") or ""),
            source=(urlsplit(link).hostname or link) if link else "unknown",
            trust=Trust.AGENCY if kind == "agency" else Trust.NEWS,
            link=link,
        )
    except (ValueError, KeyError, TypeError) as exc:
        detail = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ItemError(f"line {number}: {detail}") from None


def read_items(lines: Iterable[str], errors: list[str]) -> list[CorpusItem]:
    """The items that can be replayed; each line that can't is described in ``errors``."""
    items: dict[str, CorpusItem] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = parse_item(line, number)
        except ItemError as exc:
            errors.append(str(exc))
            continue
        if item.id in items:
            errors.append(f"line {number}: duplicate id {item.id!r}; the first one is kept")
            continue
        items[item.id] = item
    return list(items.values())


def replay(
    items: Iterable[CorpusItem], missions: Mapping[str, MissionConfig], *, policy: Policy | None = None
) -> list[dict[str, Any]]:
    """Every change the items make, in order, as JSON-ready dicts."""
    ordered = sorted(items, key=lambda i: (i.published, i.id))
    extractor = Extractor([m.as_mission() for m in missions.values()])
    names = {m.id: m.name for m in missions.values()}
    with tempfile.TemporaryDirectory(prefix="tracker-replay-") as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'replay.db'}")
        try:
            with store.sessions.begin() as session:
                start = ordered[0].published if ordered else datetime(1970, 1, 1, tzinfo=UTC)
                sync_watchlist(session, watched_milestones(missions.values()), start)
                for moment, group in groupby(ordered, key=lambda i: i.published):
                    _replay_moment(session, list(group), extractor, names, policy or Policy(), moment)
                return list(_changes(session))
        finally:
            store.close()


def _replay_moment(
    session: Session,
    items: list[CorpusItem],
    extractor: Extractor,
    names: Mapping[str, str],
    policy: Policy,
    moment: datetime,
) -> None:
    """All items published at one moment: read together, applied in the canonical order."""
    rows = []
    for item in items:
        source = queries.upsert_source(session, name=item.source, kind="replay", url=item.link or "", now=moment)
        session.flush()
        row = new_item(
            source_id=source.id,
            key=item.id,
            title=item.title,
            text=item.text,
            link=item.link,
            published=item.published,
            published_date=item.published.date(),
            fetched_at=moment,
            lang=item.lang,
        )
        session.add(row)
        rows.append(row)
    session.flush()
    trust = {row.id: item.trust for row, item in zip(rows, items, strict=True)}
    apply_claims(
        session,
        read_claims(extractor, rows),
        trust_of=lambda row: trust[row.id],
        mission_name=lambda mission_id: names.get(mission_id, mission_id),
        ledger=Ledger(route=lambda _mission, _kind: [], policy=policy, now=moment),
    )


def written(row: ForecastRow | None) -> str | None:
    """A forecast as people write it; a postponement or cancellation by name."""
    if row is None:
        return None
    if row.status in ("postponed", "cancelled"):
        return row.status
    window = queries.window_of(row)
    return str(window) if window else None


def _changes(session: Session) -> Iterator[dict[str, Any]]:
    for change in session.scalars(select(ChangeRow).order_by(ChangeRow.id)):
        milestone = session.get_one(MilestoneRow, change.milestone_id)
        before = session.get(ForecastRow, change.from_forecast_id) if change.from_forecast_id else None
        after = session.get(ForecastRow, change.to_forecast_id) if change.to_forecast_id else None
        evidence = session.scalars(
            select(ItemRow.key)
            .join(ClaimRow, ClaimRow.item_id == ItemRow.id)
            .join(ChangeEvidenceRow, ChangeEvidenceRow.claim_id == ClaimRow.id)
            .where(ChangeEvidenceRow.change_id == change.id)
            .order_by(ClaimRow.published, ClaimRow.id)
        )
        yield {
            "milestone": f"{milestone.mission_id}/{milestone.event}",
            "kind": change.kind,
            "from": written(before),
            "to": written(after),
            "evidence": list(evidence),
            "at": change.detected_at.date().isoformat(),
            **({"note": change.note} if change.note else {}),
        }
