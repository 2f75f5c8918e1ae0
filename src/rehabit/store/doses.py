"""Current doses: what a person does now for each exercise, as progression last set it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from rehabit.domain.records import CurrentDoseRecord
from rehabit.model import Dose
from rehabit.store import _convert, tables
from rehabit.store.database import Store, utcnow

__all__ = ["clear_current_doses", "current_doses", "dose_overrides", "get_current_dose", "set_current_dose"]


def set_current_dose(
    store: Store,
    person_id: int,
    exercise_id: str,
    dose: Dose,
    ladder_step: int = 0,
    *,
    updated_at: datetime | None = None,
) -> CurrentDoseRecord:
    """Set (insert or replace) the person's current dose for one exercise; committed at once."""
    with store.transaction() as db:
        row = db.get(tables.CurrentDose, (person_id, exercise_id))
        if row is None:
            row = tables.CurrentDose(person_id=person_id, exercise_id=exercise_id)
            db.add(row)
        row.dose = dose.model_dump(mode="json")
        row.ladder_step = ladder_step
        row.updated_at = updated_at or utcnow()
        db.flush()
        return _convert.current_dose(row)


def get_current_dose(store: Store, person_id: int, exercise_id: str) -> CurrentDoseRecord | None:
    """The person's current dose for one exercise, or None when the program's dose applies."""
    with store.read() as db:
        row = db.get(tables.CurrentDose, (person_id, exercise_id))
        return None if row is None else _convert.current_dose(row)


def current_doses(store: Store, person_id: int) -> dict[str, CurrentDoseRecord]:
    """Every current dose of a person, by exercise id."""
    with store.read() as db:
        rows = db.scalars(
            select(tables.CurrentDose)
            .where(tables.CurrentDose.person_id == person_id)
            .order_by(tables.CurrentDose.exercise_id)
        )
        return {row.exercise_id: _convert.current_dose(row) for row in rows}


def dose_overrides(store: Store, person_id: int) -> dict[str, Dose]:
    """The current doses as the planner takes them: exercise id -> Dose."""
    return {exercise_id: record.dose for exercise_id, record in current_doses(store, person_id).items()}


def clear_current_doses(store: Store, person_id: int) -> int:
    """Forget every current dose of the person (they start another program); returns how many there were."""
    with store.transaction() as db:
        result = db.execute(delete(tables.CurrentDose).where(tables.CurrentDose.person_id == person_id))
        return int(getattr(result, "rowcount", 0) or 0)
