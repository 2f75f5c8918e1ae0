"""Alembic environment: rehabit runs migrations itself when it opens a database (store/migrate.py).

Developers can also run `alembic -c src/rehabit/store/alembic.ini revision --autogenerate -m "..."`;
the URL then comes from REHABIT_DATABASE_URL / REHABIT_DATA_DIR like everywhere else.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from rehabit.store.engine import database_url, make_engine
from rehabit.store.migrate import load_all_tables
from rehabit.store.tables import Base

load_all_tables()
config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(database_url())
    with engine.connect() as fresh:
        _run(fresh)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
