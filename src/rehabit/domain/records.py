"""What the store hands back: plain frozen dataclasses, never live ORM rows.

Callers can keep a record after its transaction ended, compare records with `==`, and never trigger a
lazy load by accident. Timestamps are aware UTC datetimes on both SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

from rehabit.model import Dose, Program


@dataclass(frozen=True)
class PersonRecord:
    """A profile. `preferred_days` are weekday numbers, Monday 0 … Sunday 6."""

    id: int
    uid: str
    name: str | None
    created_at: datetime
    program_version_id: int | None
    stage_index: int
    equipment: tuple[str, ...]
    preferred_days: tuple[int, ...]
    starting_pain: int | None
    settings: dict[str, Any]


@dataclass(frozen=True)
class ProgramVersionRecord:
    """One stored version of a program document."""

    id: int
    slug: str
    version: int
    content_hash: str
    source_kind: str
    created_at: datetime
    document: dict[str, Any]
    owner_person_id: int | None = None  # None: a shared program; else the patient's own

    @cached_property
    def program(self) -> Program:
        """The stored document as a validated `Program` (validated once per record)."""
        return Program.model_validate(self.document)


@dataclass(frozen=True)
class ScreeningRecord:
    """One warning-sign screen: answers by question name, result, and any clearance."""

    id: int
    person_id: int
    answers: dict[str, bool]
    result: str
    screened_at: datetime
    cleared_by: str | None
    cleared_on: date | None


@dataclass(frozen=True)
class PlannedExerciseRecord:
    """One exercise of a planned session, with the dose planned for it."""

    exercise_id: str
    dose: Dose


@dataclass(frozen=True)
class PlannedSessionRecord:
    """A dated session of a plan. `status` is planned, done, skipped, replaced or cancelled (then
    `status_reason` says why: new warning signs, a paused program)."""

    id: int
    plan_id: int
    person_id: int
    on_date: date
    stage_index: int
    exercises: tuple[PlannedExerciseRecord, ...]
    estimated_seconds: int
    status: str
    status_reason: str = ""


@dataclass(frozen=True)
class PlanRecord:
    """A saved plan and its sessions in date order; `notes` are what the planner told the person."""

    id: int
    person_id: int
    program_version_id: int
    created_at: datetime
    start_date: date
    weeks: int
    notes: tuple[str, ...]
    sessions: tuple[PlannedSessionRecord, ...]


@dataclass(frozen=True)
class SetLogRecord:
    """One logged set. `side` is 'left', 'right' or None for an exercise without sides.

    `pain_asked` is True once the person was asked the pain of this set: `pain_during` None then means
    they chose "not rated"; before they are asked it means not asked yet. Either way it is unknown, never 0.
    """

    id: int
    session_log_id: int
    exercise_id: str
    side: str | None
    set_number: int
    reps_done: int | None
    seconds_held: int | None
    pain_during: int | None
    stopped_for_pain: bool
    logged_at: datetime
    idempotency_key: str
    pain_asked: bool = False


@dataclass(frozen=True)
class SessionLogRecord:
    """A session as it happened, with its sets in the order they were logged; `extra` when done on a
    rest day by choice (FREQ-1: it never counts towards DOSE-1)."""

    id: int
    person_id: int
    planned_session_id: int | None
    program_version_id: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    pain_before: int | None
    pain_after: int | None
    pain_next_morning: int | None
    next_morning_asked: bool
    effort: int | None
    notes: str
    sets: tuple[SetLogRecord, ...] = ()
    extra: bool = False


@dataclass(frozen=True)
class DecisionRecord:
    """A progression decision on one exercise: kind, the rule that fired, the facts, the doses."""

    id: int
    person_id: int
    session_log_id: int | None
    exercise_id: str
    kind: str
    rule_id: str
    facts: str
    old_dose: Dose | None
    new_dose: Dose | None
    created_at: datetime


@dataclass(frozen=True)
class CurrentDoseRecord:
    """The dose a person is on now for one exercise and its step on the progression ladder."""

    person_id: int
    exercise_id: str
    dose: Dose
    ladder_step: int
    updated_at: datetime


@dataclass(frozen=True)
class PsfsRecord:
    """One PSFS rating: an activity the person named and its score, 0 unable … 10 as before."""

    id: int
    person_id: int
    activity: str
    score: int
    rated_at: datetime
