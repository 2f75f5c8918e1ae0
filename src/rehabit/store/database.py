"""The `Store`: the one place that opens database sessions and commits them.

Every command function in `rehabit.store` runs inside `store.transaction()`, every query inside
`store.read()`. A transaction started inside another one is a savepoint of the outer one, so a caller
can group several commands into one all-or-nothing unit (like sqlite-utils' `atomic()`), and a command
called alone commits at once. A read started inside a transaction reads in it.

Writes take SQLite's write lock when they begin (`BEGIN IMMEDIATE`), so two writers queue instead of
failing half-way; within one process they queue on a lock of the `Store` first, so a writer starts the
moment the one before commits (SQLite's own busy handler sleeps up to 100 ms between tries, which made the
slowest of 50 clients wait a second). Reads begin deferred (`BEGIN`) and never take it, so readers never
wait for writers (WAL). A read that tries to write raises `ReadOnlyError`: reads don't write.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from rehabit.errors import RehabitError
from rehabit.store import migrate
from rehabit.store.engine import WRITING, database_url, is_locked_error, make_engine

# How long to keep asking for SQLite's write lock, on top of the driver's own busy timeout.
LOCK_RETRY_SECONDS = 60.0

T = TypeVar("T")


class ReadOnlyError(RuntimeError):
    """Something tried to write inside `store.read()` (a bug: reads don't write)."""


class Store:
    """A rehabit database: SQLite or PostgreSQL, migrated to the newest schema when opened."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=True)
        self._current: ContextVar[Session | None] = ContextVar(f"rehabit-store-{id(self)}", default=None)
        # SQLite has one writer at a time: this process's writers wait for each other here, and wake at once
        self._writer: threading.RLock | None = threading.RLock() if engine.dialect.name == "sqlite" else None
        event.listen(self._sessions, "do_orm_execute", _refuse_writes_when_reading)
        event.listen(self._sessions, "before_flush", _refuse_flush_when_reading)

    @classmethod
    def open(cls, url: str | None = None, *, migrate_schema: bool = True) -> Store:
        """Open the database at `url` (default: see `engine.database_url`) and bring its schema up to date."""
        resolved = database_url(url)
        engine = make_engine(resolved)
        store = cls(engine, resolved)
        if migrate_schema:
            try:
                _with_lock_retry(lambda: migrate.upgrade(engine))
            except OperationalError as error:
                engine.dispose()
                raise RehabitError(f"cannot open the database {_safe_url(resolved)}: {_first_line(error)}") from None
        return store

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    @contextmanager
    def transaction(self, *, savepoint: bool = True) -> Iterator[Session]:
        """A session whose work commits when the block ends and rolls back if it raises.

        Inside another `transaction()` of this store the block is a savepoint: its work is undone alone
        if it raises, and committed with the outer transaction. `savepoint=False` joins the outer
        transaction instead (two statements fewer), for a block that writes nothing before it may raise.
        Inside a `read()` it raises ReadOnlyError.
        """
        outer = self._current.get()
        if outer is not None:
            if outer.info.get("read_only"):
                raise ReadOnlyError("a write was started inside a read")
            if not savepoint:
                yield outer
                return
            with outer.begin_nested():
                yield outer
            return
        with self._unit(writing=True) as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session: no write lock taken, nothing written (ReadOnlyError if something tries).

        Inside a `transaction()` it reads in that transaction, seeing its uncommitted work.
        """
        outer = self._current.get()
        if outer is not None:
            yield outer
            return
        with self._unit(writing=False) as session:
            yield session

    @contextmanager
    def _unit(self, *, writing: bool) -> Iterator[Session]:
        if writing and self._writer is not None:
            with self._writer, self._session(writing=True) as session:
                yield session
        else:
            with self._session(writing=writing) as session:
                yield session

    @contextmanager
    def _session(self, *, writing: bool) -> Iterator[Session]:
        session = self._sessions()
        session.info["read_only"] = not writing
        token = self._current.set(session)
        mode = WRITING.set(writing)
        try:
            _with_lock_retry(lambda: _begin(session))
            yield session
            if writing:
                session.commit()
            # a read ends when the session closes (its connection rolls back); its records stay loaded
        except BaseException:
            session.rollback()
            raise
        finally:
            WRITING.reset(mode)
            self._current.reset(token)
            session.close()

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def remembered(db: Session, key: tuple[Any, ...], load: Callable[[], T]) -> T:
    """`load()`, once per `key` within one read: a page that asks for the same fact from several rules
    (the latest screening, the profile) reads it once. In a write transaction it always loads afresh,
    since what the transaction writes would make a remembered value stale. Only for frozen records."""
    if not db.info.get("read_only"):
        return load()
    memo: dict[tuple[Any, ...], Any] = db.info.setdefault("remembered", {})
    if key not in memo:
        memo[key] = load()
    found: T = memo[key]
    return found


def utcnow() -> datetime:
    """The current time in UTC, to the microsecond (what every stored timestamp uses)."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A timestamp read back from the database as an aware UTC datetime (SQLite returns naive ones)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _with_lock_retry(action: Callable[[], T]) -> T:
    """Run `action`, asking again while SQLite says another process holds the write lock."""
    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    delay = 0.05
    while True:
        try:
            return action()
        except OperationalError as error:
            if not is_locked_error(error):
                raise
            if time.monotonic() > deadline:
                raise RehabitError("the database stayed busy for over a minute; nothing changed, try again") from None
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _refuse_writes_when_reading(state: ORMExecuteState) -> None:
    if state.session.info.get("read_only") and (state.is_insert or state.is_update or state.is_delete):
        raise ReadOnlyError("a read tried to change the database")


def _refuse_flush_when_reading(session: Session, _context: object, _instances: object) -> None:
    if session.info.get("read_only") and (session.new or session.dirty or session.deleted):
        raise ReadOnlyError("a read tried to change the database")


def _begin(session: Session) -> None:
    try:
        session.connection()
    except OperationalError:
        session.rollback()
        raise


def _safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", error)
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
