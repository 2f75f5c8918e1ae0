"""rehabit's store: SQLAlchemy tables, Alembic migrations, and query/command functions by concept.

    from rehabit.store import Store, people, sessions
    with Store.open() as store:           # REHABIT_DATABASE_URL, REHABIT_DATA_DIR or the user data dir
        person = people.current_person(store)
        log = sessions.start_session(store, person.id, program_version_id)

Modules: `people`, `programs`, `screenings`, `plans`, `sessions` (session and set logs), `decisions`,
`doses` (current doses), `psfs`. Each function opens `store.transaction()`; wrap several calls in an
outer `with store.transaction():` to make them one all-or-nothing unit.
"""

from __future__ import annotations

from rehabit.domain.records import (
    CurrentDoseRecord,
    DecisionRecord,
    PersonRecord,
    PlannedExerciseRecord,
    PlannedSessionRecord,
    PlanRecord,
    ProgramVersionRecord,
    PsfsRecord,
    ScreeningRecord,
    SessionLogRecord,
    SetLogRecord,
)
from rehabit.store import decisions, doses, owners, people, plans, programs, psfs, screenings, sessions
from rehabit.store.database import Store, as_utc, utcnow
from rehabit.store.engine import database_url

__all__ = [
    "CurrentDoseRecord",
    "DecisionRecord",
    "PersonRecord",
    "PlanRecord",
    "PlannedExerciseRecord",
    "PlannedSessionRecord",
    "ProgramVersionRecord",
    "PsfsRecord",
    "ScreeningRecord",
    "SessionLogRecord",
    "SetLogRecord",
    "Store",
    "as_utc",
    "database_url",
    "decisions",
    "doses",
    "owners",
    "people",
    "plans",
    "programs",
    "psfs",
    "screenings",
    "sessions",
    "utcnow",
]
