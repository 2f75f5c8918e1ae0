"""Whose is a record? One indexed primary-key lookup of one column, for the clinic gate's checks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, bindparam, select

from rehabit.store import tables
from rehabit.store.database import Store
from rehabit.store.notes import Note

_LARGEST_ID = 2**63  # beyond what a database integer holds: no record has such an id

_SESSION_OWNER = select(tables.SessionLog.person_id).where(tables.SessionLog.id == bindparam("id"))
_PLANNED_OWNER = select(tables.PlannedSession.person_id).where(tables.PlannedSession.id == bindparam("id"))

_NOTE_OWNER = select(Note.person_id).where(Note.id == bindparam("id"))


def session_owner(store: Store, session_id: int) -> int | None:
    """The profile a session log belongs to, or None when there is no such session."""
    return _owner(store, _SESSION_OWNER, session_id)


def planned_owner(store: Store, planned_session_id: int) -> int | None:
    """The profile a planned session belongs to, or None when there is no such planned session."""
    return _owner(store, _PLANNED_OWNER, planned_session_id)


def note_owner(store: Store, note_id: int) -> int | None:
    """The profile a note is about, or None when there is no such note."""
    return _owner(store, _NOTE_OWNER, note_id)


def _owner(store: Store, query: Select[Any], record_id: int) -> int | None:
    if not 0 < record_id < _LARGEST_ID:
        return None
    with store.read() as db:
        owner = db.connection().execute(query, {"id": record_id}).scalar()
    return None if owner is None else int(owner)
