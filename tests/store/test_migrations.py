"""The migrations and the models agree, on both engines."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from rehabit.store import Store, migrate
from rehabit.store.tables import Base

TABLES = {
    "alembic_version",
    "current_doses",
    "decisions",
    "people",
    "planned_sessions",
    "plans",
    "programs",
    "psfs",
    "screenings",
    "session_logs",
    "set_logs",
}


def test_migrated_schema_matches_the_models(store: Store) -> None:
    migrate.load_all_tables()
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_every_table_of_issue_3_is_created_and_the_database_is_at_head(store: Store) -> None:
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    with store.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision() is not None


def test_opening_again_is_a_no_op(database_url: str) -> None:
    Store.open(database_url).close()
    again = Store.open(database_url)
    with again.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
    again.close()


def test_downgrade_removes_everything_and_upgrade_restores_it(store: Store) -> None:
    config = migrate.alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(store.engine).get_table_names()) == {"alembic_version"}
    migrate.upgrade(store.engine)
    assert set(inspect(store.engine).get_table_names()) >= TABLES
