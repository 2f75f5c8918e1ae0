"""Profiles: create, read and change the people who follow a program."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from rehabit.domain.records import PersonRecord
from rehabit.errors import NotFoundError, RehabitError
from rehabit.store import _convert, tables
from rehabit.store.database import Store, utcnow
from rehabit.store.programs import builtin_version

__all__ = ["create_person", "current_person", "default_person", "get_person", "list_people", "update_person"]

_UNCHANGED: Any = object()


def create_person(
    store: Store,
    *,
    name: str | None = None,
    equipment: Iterable[str] = (),
    preferred_days: Iterable[int] = (),
    starting_pain: int | None = None,
    stage_index: int = 0,
    program_version_id: int | None = None,
    settings: Mapping[str, Any] | None = None,
    uid: str | None = None,
    created_at: datetime | None = None,
) -> PersonRecord:
    """Create a profile and return it; committed at once unless inside an outer transaction.

    A profile always follows a program: the built-in one unless `program_version_id` names another.
    """
    row = tables.Person(
        uid=uid or uuid.uuid4().hex,
        name=name,
        created_at=created_at or utcnow(),
        program_version_id=program_version_id,
        stage_index=_check_stage(stage_index),
        equipment=sorted(set(equipment)),
        preferred_days=_check_days(preferred_days),
        starting_pain=_convert.check_score(starting_pain, "starting pain"),
        settings=dict(settings or {}),
    )
    with store.transaction() as db:
        if row.program_version_id is None:
            row.program_version_id = builtin_version(store).id
        db.add(row)
        db.flush()
        return _convert.person(row)


def get_person(store: Store, person_id: int) -> PersonRecord:
    """The profile with this id; NotFoundError when there is none."""
    with store.read() as db:
        return _convert.person_by_id(db, person_id)


def list_people(store: Store) -> list[PersonRecord]:
    """Every profile, oldest first."""
    with store.read() as db:
        return [_convert.person(row) for row in db.scalars(select(tables.Person).order_by(tables.Person.id))]


def count_people(store: Store) -> int:
    """How many profiles the database holds (one COUNT, no rows loaded)."""
    with store.read() as db:
        return db.scalar(select(func.count()).select_from(tables.Person)) or 0


def default_person(store: Store) -> PersonRecord | None:
    """The first profile created (the one person of a local install), or None before setup."""
    with store.read() as db:
        row = db.scalars(select(tables.Person).order_by(tables.Person.id).limit(1)).first()
        return None if row is None else _convert.person(row)


def current_person(store: Store) -> PersonRecord:
    """The local profile; RehabitError telling the person to run setup when there is none yet."""
    found = default_person(store)
    if found is None:
        raise RehabitError("there is no profile yet: run `rehabit setup` first")
    return found


def update_person(
    store: Store,
    person_id: int,
    *,
    name: str | None = _UNCHANGED,
    equipment: Iterable[str] = _UNCHANGED,
    preferred_days: Iterable[int] = _UNCHANGED,
    starting_pain: int | None = _UNCHANGED,
    stage_index: int = _UNCHANGED,
    program_version_id: int | None = _UNCHANGED,
    settings: Mapping[str, Any] = _UNCHANGED,
) -> PersonRecord:
    """Change the given fields of a profile (the others stay as they are) and return it."""
    with store.transaction() as db:
        row = db.get(tables.Person, person_id)
        if row is None:
            raise NotFoundError(f"no profile with id {person_id}")
        if name is not _UNCHANGED:
            row.name = name
        if equipment is not _UNCHANGED:
            row.equipment = sorted(set(equipment))
        if preferred_days is not _UNCHANGED:
            row.preferred_days = _check_days(preferred_days)
        if starting_pain is not _UNCHANGED:
            row.starting_pain = _convert.check_score(starting_pain, "starting pain")
        if stage_index is not _UNCHANGED:
            row.stage_index = _check_stage(stage_index)
        if program_version_id is not _UNCHANGED:
            row.program_version_id = program_version_id
        if settings is not _UNCHANGED:
            row.settings = dict(settings)
        db.flush()
        return _convert.person(row)


def _check_days(days: Iterable[int]) -> list[int]:
    chosen = sorted(set(days))
    if any(isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6 for day in chosen):
        raise RehabitError(f"preferred days must be weekday numbers 0 (Monday) to 6 (Sunday), not {chosen}")
    return chosen


def _check_stage(stage_index: int) -> int:
    if stage_index < 0:
        raise RehabitError(f"a stage index cannot be negative ({stage_index})")
    return stage_index
