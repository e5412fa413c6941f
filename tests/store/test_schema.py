"""Alembic owns the schema: migrations apply on open and match the table declarations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tracker.store.db import Store
from tracker.store.tables import Base, SourceRow


def test_migrations_create_every_table_and_match_the_declarations(database_url: str) -> None:
    store = Store(database_url)
    try:
        tables = set(inspect(store.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert "alembic_version" in tables
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        store.close()


def test_a_sqlite_file_gets_its_directory(tmp_path: Path) -> None:
    Store(f"sqlite:///{tmp_path / 'nested' / 'deeper' / 'tracker.db'}").close()
    assert (tmp_path / "nested" / "deeper" / "tracker.db").exists()


def test_opening_twice_is_idempotent(database_url: str) -> None:
    Store(database_url).close()
    Store(database_url).close()


def test_timestamps_come_back_as_utc(database_url: str) -> None:
    store = Store(database_url)
    try:
        plus_two = timezone(timedelta(hours=2))
        moment = datetime(2026, 3, 1, 14, 0, tzinfo=plus_two)
        with store.sessions.begin() as session:
            session.add(SourceRow(name="s", kind="rss", url="http://x", next_poll_at=moment, failures=0))
        with store.sessions() as session:
            row = session.query(SourceRow).one()
            assert row.next_poll_at == moment and row.next_poll_at.tzinfo is UTC
            assert row.next_poll_at.hour == 12
    finally:
        store.close()


def test_naive_datetimes_are_refused(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'tracker.db'}")
    try:
        with pytest.raises(Exception, match="naive datetime"), store.sessions.begin() as session:
            session.add(SourceRow(name="s", kind="rss", url="http://x", next_poll_at=datetime(2026, 1, 1), failures=0))
            session.flush()
    finally:
        store.close()
