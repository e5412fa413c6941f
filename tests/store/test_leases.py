"""Several instances on one database: row leases keep them off each other's sources and alerts."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.support.postgres import PostgresServer
from tracker.model import ChangeKind, Event
from tracker.store import queries
from tracker.store.db import Store
from tracker.store.tables import ChangeRow, DeliveryRow, MilestoneRow

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
NAMES = [f"source-{n}" for n in range(6)]


def register(store: Store) -> None:
    with store.sessions.begin() as session:
        for name in NAMES:
            queries.upsert_source(session, name=name, kind="rss", url=f"http://127.0.0.1:9/{name}", now=NOW)


def test_a_leased_source_is_not_due_again_until_the_lease_ends(database_url: str) -> None:
    first, second = Store(database_url), Store(database_url)
    try:
        register(first)
        with first.sessions.begin() as session:
            mine = queries.lease_due_sources(session, names=NAMES, now=NOW, lease=timedelta(minutes=10), limit=4)
        with second.sessions.begin() as session:
            theirs = queries.lease_due_sources(session, names=NAMES, now=NOW, lease=timedelta(minutes=10), limit=10)
        assert len(mine) == 4 and len(theirs) == 2
        assert {r.name for r in mine}.isdisjoint({r.name for r in theirs})
        later = NOW + timedelta(minutes=11)
        with second.sessions.begin() as session:
            expired = queries.lease_due_sources(session, names=NAMES, now=later, lease=timedelta(minutes=10), limit=10)
        assert len(expired) == 6  # a crashed instance's leases run out
    finally:
        first.close()
        second.close()


def test_concurrent_leases_skip_locked_rows(postgres_server: PostgresServer) -> None:
    """Two instances leasing at the same instant on PostgreSQL get disjoint sets (FOR UPDATE SKIP LOCKED)."""
    url = postgres_server.create_database()
    first, second = Store(url), Store(url)
    try:
        register(first)
        with first.sessions.begin() as held:
            mine = queries.lease_due_sources(held, names=NAMES, now=NOW, lease=timedelta(minutes=10), limit=3)
            result: list[str] = []

            def other_instance() -> None:  # runs while our transaction still holds its row locks
                with second.sessions.begin() as session:
                    rows = queries.lease_due_sources(
                        session, names=NAMES, now=NOW, lease=timedelta(minutes=10), limit=10
                    )
                    result.extend(r.name for r in rows)

            thread = threading.Thread(target=other_instance)
            thread.start()
            thread.join(timeout=30)
            assert not thread.is_alive(), "the second instance blocked on locked rows"
        assert sorted(result) == sorted(set(NAMES) - {r.name for r in mine})
    finally:
        first.close()
        second.close()


@pytest.mark.parametrize("limit", [1, 10])
def test_a_delivery_is_leased_by_one_worker_only(database_url: str, limit: int) -> None:
    first, second = Store(database_url), Store(database_url)
    try:
        with first.sessions.begin() as session:
            milestone = queries.get_milestone(session, "change-7", Event.LAUNCH, "Chang'e 7")
            change = queries.add_change(
                session, milestone, kind=ChangeKind.SLIPPED, before=None, after=None, evidence=[], now=NOW
            )
            queries.add_deliveries(session, change, ["email", "slack"], NOW)
        taken = []
        for store in (first, second, first):
            with store.sessions.begin() as session:
                rows = queries.lease_due_deliveries(session, now=NOW, lease=timedelta(minutes=5), limit=limit)
                taken += [(r.change_id, r.channel) for r in rows]
        assert sorted(taken) == sorted({(c, ch) for c, ch in taken}) and len(taken) == 2
        with first.sessions() as session:
            assert session.scalar(select(MilestoneRow.mission_id)) == "change-7"
            assert len(list(session.scalars(select(ChangeRow)))) == 1
            assert {d.attempts for d in session.scalars(select(DeliveryRow))} == {1}
    finally:
        first.close()
        second.close()
