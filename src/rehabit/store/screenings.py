"""Warning-sign screenings and clearances as stored; the rules that judge them live in `rehabit.domain.safety`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import bindparam, select

from rehabit.domain.records import ScreeningRecord
from rehabit.errors import NotFoundError, RehabitError
from rehabit.store import _convert, tables
from rehabit.store.database import Store, remembered, utcnow

RESULTS = ("clear", "emergency", "needs_clearance")

__all__ = ["RESULTS", "latest_screening", "list_screenings", "record_clearance", "record_screening"]


def record_screening(
    store: Store,
    person_id: int,
    answers: Mapping[str, bool],
    result: str,
    *,
    screened_at: datetime | None = None,
    cleared_by: str | None = None,
    cleared_on: date | None = None,
) -> ScreeningRecord:
    """Store one screening (answers by question name and its result); committed at once."""
    if result not in RESULTS:
        raise RehabitError(f"unknown screening result {result!r}")
    row = tables.Screening(
        person_id=person_id,
        answers={str(name): bool(answer) for name, answer in answers.items()},
        result=result,
        screened_at=screened_at or utcnow(),
        cleared_by=cleared_by,
        cleared_on=cleared_on,
    )
    with store.transaction() as db:
        if db.get(tables.Person, person_id) is None:
            raise NotFoundError(f"no profile with id {person_id}")
        db.add(row)
        db.flush()
        return _convert.screening(row)


def latest_screening(store: Store, person_id: int) -> ScreeningRecord | None:
    """The person's most recent screening, or None when they were never screened."""
    with store.read() as db:

        def load() -> ScreeningRecord | None:
            row = db.connection().execute(_LATEST, {"person_id": person_id}).first()
            return None if row is None else _convert.screening(row)

        return remembered(db, ("latest_screening", person_id), load)


_LATEST = (
    select(tables.Screening.__table__)
    .where(tables.Screening.person_id == bindparam("person_id"))
    .order_by(tables.Screening.screened_at.desc(), tables.Screening.id.desc())
    .limit(1)
)


def list_screenings(store: Store, person_id: int) -> list[ScreeningRecord]:
    """Every screening of a person, oldest first."""
    with store.read() as db:
        rows = db.scalars(
            select(tables.Screening)
            .where(tables.Screening.person_id == person_id)
            .order_by(tables.Screening.screened_at, tables.Screening.id)
        )
        return [_convert.screening(row) for row in rows]


def record_clearance(store: Store, screening_id: int, cleared_by: str, cleared_on: date) -> ScreeningRecord:
    """Note on a screening that a health professional cleared the person, and on which date."""
    cleared_by = cleared_by.strip()
    if not cleared_by:
        raise RehabitError("say who cleared you (for example --cleared-by 'Dr Jones')")
    with store.transaction() as db:
        row = db.get(tables.Screening, screening_id)
        if row is None:
            raise NotFoundError(f"no screening with id {screening_id}")
        row.cleared_by = cleared_by
        row.cleared_on = cleared_on
        db.flush()
        return _convert.screening(row)
