"""Bring a database up to the newest schema, run by the store when it opens a database.

Migrations run in one transaction holding the database's write lock (SQLite `BEGIN IMMEDIATE`,
a PostgreSQL advisory lock), so several processes opening a fresh database at once do not race.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module, resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

# Any constant will do; it only has to be the same in every rehabit process.
_PG_MIGRATION_LOCK = 7_302_841_650


def load_all_tables() -> None:
    """Import every module of `rehabit.store`, so tables declared outside `tables.py` join the metadata."""
    package = import_module("rehabit.store")
    for module in pkgutil.iter_modules(package.__path__):
        import_module(f"rehabit.store.{module.name}")


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("rehabit.store") / "migrations"))
    return config


def head_revision() -> str | None:
    """The newest migration's revision id."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Apply every migration the database has not had yet; a no-op when it is up to date."""
    head = head_revision()
    with engine.connect() as probe:
        if current_revision(probe) == head:
            return
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
