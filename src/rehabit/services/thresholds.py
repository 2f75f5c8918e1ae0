"""A person's thresholds: CLINICAL.md's defaults with what a person or their clinician changed.

Changing a threshold is a rule setting changing: the course is brought up to date at once (decisions,
doses, stage) and the sessions still to come are planned again with what it decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError

from rehabit.domain.rules import Thresholds
from rehabit.errors import RehabitError
from rehabit.services import course, planning
from rehabit.services.course import THRESHOLDS_KEY, first_error, person_thresholds
from rehabit.store import Store, people

__all__ = ["reset_thresholds", "set_thresholds", "thresholds"]


def thresholds(store: Store, person_id: int) -> Thresholds:
    """The person's thresholds (defaults where nothing was changed)."""
    return person_thresholds(people.get_person(store, person_id))


def set_thresholds(store: Store, person_id: int, changes: Mapping[str, str | int | float], today: date) -> Thresholds:
    """Change some of a person's thresholds (validated together), then bring the course up to date."""
    known = Thresholds.model_fields
    for name in changes:
        if name not in known:
            raise RehabitError(f"no threshold {name!r} (thresholds: {', '.join(known)})")
    with store.transaction():
        person = people.get_person(store, person_id)
        merged: dict[str, Any] = {**(person.settings.get(THRESHOLDS_KEY) or {}), **changes}
        try:
            chosen = Thresholds(**merged)
        except ValidationError as error:
            raise RehabitError(f"threshold not changed: {first_error(error)}") from None
        kept = {name: value for name, value in chosen.model_dump().items() if name in merged}
        _store(store, person_id, kept, today)
    return chosen


def reset_thresholds(store: Store, person_id: int, names: Sequence[str], today: date) -> Thresholds:
    """Put the named thresholds (all when none are named) back to CLINICAL.md's defaults."""
    for name in names:
        if name not in Thresholds.model_fields:
            raise RehabitError(f"no threshold {name!r} (thresholds: {', '.join(Thresholds.model_fields)})")
    with store.transaction():
        person = people.get_person(store, person_id)
        stored = dict(person.settings.get(THRESHOLDS_KEY) or {})
        kept = {name: value for name, value in stored.items() if names and name not in names}
        _store(store, person_id, kept, today)
    return Thresholds(**kept)


def _store(store: Store, person_id: int, kept: dict[str, Any], today: date) -> None:
    person = people.get_person(store, person_id)
    people.update_person(store, person_id, settings={**person.settings, THRESHOLDS_KEY: kept})
    update = course.update_course(store, person_id)
    planning.replan_coming(store, person_id, today, update)
