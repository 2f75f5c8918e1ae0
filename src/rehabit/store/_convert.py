"""Rows to records, and the checks every command applies to what it is given."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

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
from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Dose
from rehabit.store import tables
from rehabit.store.database import as_utc, remembered


def check_score(value: int | None, what: str) -> int | None:
    """A 0–10 score, or None; RehabitError otherwise."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise RehabitError(f"{what} must be a whole number from 0 to 10, not {value!r}")
    return value


def dose_json(dose: Dose | None) -> dict[str, Any] | None:
    return None if dose is None else dose.model_dump(mode="json")


def dose_of(document: dict[str, Any] | None) -> Dose | None:
    """A stored dose document as a `Dose`; doses repeat a lot and are frozen, so each is validated once."""
    if document is None:
        return None
    key = json.dumps(document, sort_keys=True, separators=(",", ":"))
    found = _DOSES.get(key)
    if found is None:
        if len(_DOSES) >= _MAX_DOSES:
            _DOSES.clear()
        found = _DOSES[key] = Dose.model_validate(document)
    return found


def _dose(document: dict[str, Any]) -> Dose:
    found = dose_of(document)
    assert found is not None
    return found


_DOSES: dict[str, Dose] = {}
_MAX_DOSES = 4096


def person_by_id(db: Session, person_id: int) -> PersonRecord:
    """The profile with this id (read once per read: `remembered`); NotFoundError when there is none."""

    def load() -> PersonRecord:
        row = db.connection().execute(_PERSON, {"id": person_id}).first()
        if row is None:
            raise NotFoundError(f"no profile with id {person_id}")
        return person(row)

    return remembered(db, ("person", person_id), load)


_PERSON = select(tables.Person.__table__).where(tables.Person.id == bindparam("id"))


def person(row: tables.Person | Row[Any]) -> PersonRecord:
    return PersonRecord(
        id=row.id,
        uid=row.uid,
        name=row.name,
        created_at=as_utc(row.created_at),
        program_version_id=row.program_version_id,
        stage_index=row.stage_index,
        equipment=tuple(row.equipment),
        preferred_days=tuple(row.preferred_days),
        starting_pain=row.starting_pain,
        settings=dict(row.settings),
    )


def program_version(row: tables.ProgramVersion) -> ProgramVersionRecord:
    return ProgramVersionRecord(
        id=row.id,
        slug=row.slug,
        version=row.version,
        content_hash=row.content_hash,
        source_kind=row.source_kind,
        created_at=as_utc(row.created_at),
        document=row.document,
        owner_person_id=row.owner_person_id or None,
    )


def screening(row: tables.Screening | Row[Any]) -> ScreeningRecord:
    return ScreeningRecord(
        id=row.id,
        person_id=row.person_id,
        answers={str(name): bool(answer) for name, answer in row.answers.items()},
        result=row.result,
        screened_at=as_utc(row.screened_at),
        cleared_by=row.cleared_by,
        cleared_on=row.cleared_on,
    )


def planned_session(row: tables.PlannedSession | Row[Any]) -> PlannedSessionRecord:
    return PlannedSessionRecord(
        id=row.id,
        plan_id=row.plan_id,
        person_id=row.person_id,
        on_date=row.on_date,
        stage_index=row.stage_index,
        exercises=tuple(
            PlannedExerciseRecord(exercise_id=item["exercise_id"], dose=_dose(item["dose"])) for item in row.exercises
        ),
        estimated_seconds=row.estimated_seconds,
        status=row.status,
        status_reason=row.status_reason or "",
    )


def plan(row: tables.Plan, sessions: list[tables.PlannedSession]) -> PlanRecord:
    return PlanRecord(
        id=row.id,
        person_id=row.person_id,
        program_version_id=row.program_version_id,
        created_at=as_utc(row.created_at),
        start_date=row.start_date,
        weeks=row.weeks,
        notes=tuple(row.notes),
        sessions=tuple(planned_session(item) for item in sessions),
    )


def set_log(row: tables.SetLog) -> SetLogRecord:
    return SetLogRecord(
        id=row.id,
        session_log_id=row.session_log_id,
        exercise_id=row.exercise_id,
        side=row.side or None,
        set_number=row.set_number,
        reps_done=row.reps_done,
        seconds_held=row.seconds_held,
        pain_during=row.pain_during,
        stopped_for_pain=row.stopped_for_pain,
        logged_at=as_utc(row.logged_at),
        idempotency_key=row.idempotency_key,
        pain_asked=bool(row.pain_asked),
    )


def set_log_row(row: Any) -> SetLogRecord:
    """A set from a Core result row (`RETURNING` of an INSERT), as `set_log` gives it for an ORM row."""
    return SetLogRecord(
        id=row["id"],
        session_log_id=row["session_log_id"],
        exercise_id=row["exercise_id"],
        side=row["side"] or None,
        set_number=row["set_number"],
        reps_done=row["reps_done"],
        seconds_held=row["seconds_held"],
        pain_during=row["pain_during"],
        stopped_for_pain=row["stopped_for_pain"],
        logged_at=as_utc(row["logged_at"]),
        idempotency_key=row["idempotency_key"],
        pain_asked=bool(row["pain_asked"]),
    )


def session_log(row: tables.SessionLog | Row[Any], sets: tuple[SetLogRecord, ...] = ()) -> SessionLogRecord:
    """A session log (an ORM row or a plain row of its table) with its sets."""
    return SessionLogRecord(
        id=row.id,
        person_id=row.person_id,
        planned_session_id=row.planned_session_id,
        program_version_id=row.program_version_id,
        started_at=as_utc(row.started_at),
        finished_at=None if row.finished_at is None else as_utc(row.finished_at),
        status=row.status,
        pain_before=row.pain_before,
        pain_after=row.pain_after,
        pain_next_morning=row.pain_next_morning,
        next_morning_asked=row.next_morning_asked,
        effort=row.effort,
        notes=row.notes,
        sets=sets,
        extra=bool(row.extra),
    )


def decision(row: tables.Decision | Row[Any]) -> DecisionRecord:
    """A decision from an ORM row or a plain row of the decisions table (the same names)."""
    return DecisionRecord(
        id=row.id,
        person_id=row.person_id,
        session_log_id=row.session_log_id,
        exercise_id=row.exercise_id,
        kind=row.kind,
        rule_id=row.rule_id,
        facts=row.facts,
        old_dose=dose_of(row.old_dose),
        new_dose=dose_of(row.new_dose),
        created_at=as_utc(row.created_at),
    )


def current_dose(row: tables.CurrentDose) -> CurrentDoseRecord:
    return CurrentDoseRecord(
        person_id=row.person_id,
        exercise_id=row.exercise_id,
        dose=_dose(row.dose),
        ladder_step=row.ladder_step,
        updated_at=as_utc(row.updated_at),
    )


def psfs(row: tables.PsfsRating) -> PsfsRecord:
    return PsfsRecord(
        id=row.id,
        person_id=row.person_id,
        activity=row.activity,
        score=row.score,
        rated_at=as_utc(row.rated_at),
    )
