"""Where the database lives and how rehabit connects to it.

The URL decides the engine: `REHABIT_DATABASE_URL` when set (SQLite or PostgreSQL), else a SQLite file
`rehabit.sqlite3` in `REHABIT_DATA_DIR`, else in the user's data directory (platformdirs). SQLite runs
in WAL mode with a busy timeout and foreign keys on; a write transaction takes the write lock when it
begins (`BEGIN IMMEDIATE`), so two processes queue for each other instead of failing half-way, and a
read begins deferred (`BEGIN`), so it never waits for a writer.
"""

from __future__ import annotations

import os
import sqlite3
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from rehabit.errors import RehabitError

DATABASE_FILENAME = "rehabit.sqlite3"
BUSY_TIMEOUT_MS = 30_000

# Whether the transaction beginning in this thread or task writes (`Store.transaction`) or only reads
# (`Store.read`); the SQLite begin hook takes the write lock for writes alone.
WRITING: ContextVar[bool] = ContextVar("rehabit-store-writing", default=True)

__all__ = ["BUSY_TIMEOUT_MS", "WRITING", "DATABASE_FILENAME", "database_url", "is_locked_error", "make_engine"]


def database_url(url: str | None = None) -> str:
    """The database URL to use: `url` when given, else the environment, else the default SQLite file."""
    if url:
        return url
    from_env = os.environ.get("REHABIT_DATABASE_URL", "").strip()
    if from_env:
        return from_env
    data_dir = os.environ.get("REHABIT_DATA_DIR", "").strip()
    directory = Path(data_dir) if data_dir else Path(platformdirs.user_data_dir("rehabit", appauthor=False))
    return f"sqlite:///{directory / DATABASE_FILENAME}"


def make_engine(url: str) -> Engine:
    """An engine for `url`, with rehabit's SQLite settings applied; RehabitError for an unusable URL."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise RehabitError(f"cannot understand the database URL {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True)
    raise RehabitError(f"rehabit works with SQLite or PostgreSQL, not {parsed.get_backend_name()!r}")


def is_locked_error(error: BaseException) -> bool:
    """True when SQLite refused because another process holds the lock."""
    original = getattr(error, "orig", error)
    return isinstance(original, sqlite3.OperationalError) and (
        "database is locked" in str(original) or "database is busy" in str(original)
    )


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        _create_private(Path(database).expanduser())
    # Pooled connections hold no lock between transactions (WAL), and skip the set-up cost per write.
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (SAVEPOINT needs it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if WRITING.get() else "BEGIN")

    return engine


def _create_private(path: Path) -> None:
    """Create the database's folder (0700) and an empty database file (0600) when they do not exist yet.

    SQLite gives the WAL and shared-memory files the database file's mode, so they are private too.
    Folders and files that exist already keep the mode their owner gave them.
    """
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise RehabitError(f"cannot create the data directory {folder} ({error.strerror})") from None
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as error:
        raise RehabitError(f"cannot create the database {path} ({error.strerror})") from None
