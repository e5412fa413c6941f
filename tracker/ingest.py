"""Read the claims in newly seen items and apply them, the same way for a poll and a replay."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.compare import claim_order
from tracker.extract import Extractor
from tracker.forecasts import ClaimContext, Ledger, apply_claim
from tracker.model import ChangeKind, Claim, Event, Status, TextItem, Trust
from tracker.store import queries
from tracker.store.tables import ChangeRow, ItemRow, MilestoneRow


def read_claims(extractor: Extractor, items: Sequence[ItemRow]) -> list[tuple[ItemRow, Claim]]:
    """Every claim in ``items``, in the order they are applied.

    By publication time, then a canonical order, so claims published at the
    same moment give the same forecast whatever order they were fetched in.
    """
    found = [
        (item, claim)
        for item in items
        for claim in extractor.extract(
            TextItem(title=item.title, text=item.text, published=item.local_date, lang=item.lang)
        )
    ]
    found.sort(key=lambda pair: (pair[0].published, claim_order(pair[1].status, pair[1].window), pair[0].key))
    return found


def apply_claims(
    session: Session,
    claims: Sequence[tuple[ItemRow, Claim]],
    *,
    trust_of: Callable[[ItemRow], Trust],
    mission_name: Callable[[str], str],
    ledger: Ledger,
) -> list[ChangeRow]:
    """Apply each claim to its milestone's forecast; returns the changes made."""
    changes = []
    for item, claim in claims:
        ctx = ClaimContext(item_id=item.id, source_id=item.source_id, published=item.published, trust=trust_of(item))
        milestone = queries.get_milestone(session, claim.mission, claim.event, mission_name(claim.mission))
        change = apply_claim(session, milestone=milestone, claim=claim, ctx=ctx, ledger=ledger)
        if change is None:
            continue
        changes.append(change)
        if change.kind in (ChangeKind.CANCELLED.value, ChangeKind.FAILED.value):
            for target, derived in _consequences(session, claim):
                follow_on = apply_claim(session, milestone=target, claim=derived, ctx=ctx, ledger=ledger)
                if follow_on is not None:
                    changes.append(follow_on)
    return changes


# A mission's events in the order they can happen; "complete" is a programme milestone apart.
_LATER_EVENTS = {Event.LAUNCH: (Event.LANDING, Event.SAMPLE_RETURN), Event.LANDING: (Event.SAMPLE_RETURN,)}


def _consequences(session: Session, claim: Claim) -> list[tuple[MilestoneRow, Claim]]:
    """A launch called off or lost (as a change, not a disputed claim) rules out what would have followed it.

    "NASA cancelled VIPER" is read as the launch being off; a user who tracks
    VIPER's landing needs to hear that the landing is off too.
    """
    if claim.status not in (Status.CANCELLED, Status.FAILED):
        return []
    later = _LATER_EVENTS.get(claim.event, ())
    stmt = select(MilestoneRow).where(
        MilestoneRow.mission_id == claim.mission, MilestoneRow.event.in_([e.value for e in later])
    )
    return [
        (row, Claim(claim.mission, Event(row.event), Status.CANCELLED, None, claim.quote))
        for row in session.scalars(stmt.order_by(MilestoneRow.id))
    ]


MAX_KEY = 500


def storage_key(key: str) -> str:
    """The dedupe key as stored: long guids and links become a fixed-length digest.

    The same function serves the look-up and the insert, so an entry with a
    very long guid is recognised on the next poll instead of colliding.
    """
    if len(key) <= MAX_KEY:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def new_item(
    *,
    source_id: int,
    key: str,
    title: str,
    text: str,
    link: str | None,
    published: datetime,
    fetched_at: datetime,
    lang: str | None,
    published_date: date | None = None,
) -> ItemRow:
    return ItemRow(
        published_date=published_date,
        source_id=source_id,
        key=storage_key(key),
        title=title,
        text=text,
        link=link,
        published=published,
        fetched_at=fetched_at,
        lang=lang,
    )
