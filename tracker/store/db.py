"""Open the database and bring its schema up to date with Alembic.

SQLite in the user's data directory by default; any SQLAlchemy URL otherwise.
Migrations run on every start so an upgraded tracker never meets an old schema.
"""

from __future__ import annotations

import threading
from pathlib import Path

import platformdirs
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


def default_url() -> str:
    """A SQLite file under the XDG data directory (``~/.local/share/tracker``)."""
    return f"sqlite:///{Path(platformdirs.user_data_dir('tracker')) / 'tracker.db'}"


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cursor = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; creates the directory of a SQLite file if needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


# Alembic runs through module-level context objects: one migration at a time per process.
_ALEMBIC = threading.Lock()
# Any constant shared by every tracker instance: the key of the migration advisory lock.
_MIGRATION_LOCK_KEY = 0x7472_6163_6B65_72  # "tracker"


def migrate(engine: Engine) -> None:
    """Apply every pending migration (Alembic owns the schema).

    Several instances may start at once on one PostgreSQL database: an
    advisory lock held for the migration's transaction makes the others wait,
    then find the schema current.
    """
    cfg = alembic_config(engine)
    with _ALEMBIC, engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Store:
    """An engine and its session factory, migrated on open."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = make_engine(self.url)
        migrate(self.engine)
        self.sessions: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def close(self) -> None:
        self.engine.dispose()
