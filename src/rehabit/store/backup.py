"""A person's rows as a backup document (`rehabit.export.backup`), and a backup restored as rows.

Restoring is one transaction: a backup is restored whole or not at all.
"""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rehabit.errors import RehabitError
from rehabit.export.backup import (
    FORMAT,
    PERSON_FORMAT,
    Backup,
    CurrentDoseEntry,
    DecisionEntry,
    PersonEntry,
    PlanEntry,
    PlannedExerciseEntry,
    PlannedSessionEntry,
    ProgramEntry,
    PsfsEntry,
    ScreeningEntry,
    SessionLogEntry,
    SetEntry,
)
from rehabit.model import Program
from rehabit.store import decisions, doses, people, plans, programs, psfs, screenings, sessions, tables
from rehabit.store.database import Store

__all__ = ["export_person", "import_backup"]


def export_person(store: Store, person_id: int) -> Backup:
    """Everything stored about one person, as a backup document."""
    with store.read():
        person = people.get_person(store, person_id)
        person_plans = plans.list_plans(store, person_id)
        logs = sessions.list_sessions(store, person_id)
        version_ids = {person.program_version_id} | {p.program_version_id for p in person_plans}
        version_ids |= {log.program_version_id for log in logs}
        versions = sorted(
            (programs.get_program_version(store, vid) for vid in version_ids if vid is not None),
            key=lambda record: (record.slug, record.version),
        )
        program_at = {record.id: position for position, record in enumerate(versions)}
        planned_at = {
            session.id: (plan_position, session_position)
            for plan_position, plan in enumerate(person_plans)
            for session_position, session in enumerate(plan.sessions)
        }
        log_at = {log.id: position for position, log in enumerate(logs)}
        return Backup(
            format=FORMAT,
            format_version=PERSON_FORMAT,
            person=PersonEntry(
                uid=person.uid,
                name=person.name,
                created_at=person.created_at,
                program=None if person.program_version_id is None else program_at[person.program_version_id],
                stage_index=person.stage_index,
                equipment=list(person.equipment),
                preferred_days=list(person.preferred_days),
                starting_pain=person.starting_pain,
                settings=person.settings,
            ),
            programs=[
                ProgramEntry(
                    slug=record.slug,
                    version=record.version,
                    content_hash=record.content_hash,
                    source_kind=record.source_kind,
                    created_at=record.created_at,
                    document=record.document,
                )
                for record in versions
            ],
            screenings=[
                ScreeningEntry(
                    answers=item.answers,
                    result=item.result,
                    screened_at=item.screened_at,
                    cleared_by=item.cleared_by,
                    cleared_on=item.cleared_on,
                )
                for item in screenings.list_screenings(store, person_id)
            ],
            plans=[
                PlanEntry(
                    program=program_at[plan.program_version_id],
                    created_at=plan.created_at,
                    start_date=plan.start_date,
                    weeks=plan.weeks,
                    notes=list(plan.notes),
                    sessions=[
                        PlannedSessionEntry(
                            on_date=session.on_date,
                            stage_index=session.stage_index,
                            exercises=[
                                PlannedExerciseEntry(exercise_id=item.exercise_id, dose=item.dose)
                                for item in session.exercises
                            ],
                            estimated_seconds=session.estimated_seconds,
                            status=session.status,
                            status_reason=session.status_reason,
                        )
                        for session in plan.sessions
                    ],
                )
                for plan in person_plans
            ],
            session_logs=[
                SessionLogEntry(
                    planned_session=None if log.planned_session_id is None else planned_at.get(log.planned_session_id),
                    program=program_at[log.program_version_id],
                    started_at=log.started_at,
                    finished_at=log.finished_at,
                    status=log.status,
                    pain_before=log.pain_before,
                    pain_after=log.pain_after,
                    pain_next_morning=log.pain_next_morning,
                    next_morning_asked=log.next_morning_asked,
                    effort=log.effort,
                    notes=log.notes,
                    extra=log.extra,
                    sets=[
                        SetEntry(
                            exercise_id=item.exercise_id,
                            side=item.side,
                            set_number=item.set_number,
                            reps_done=item.reps_done,
                            seconds_held=item.seconds_held,
                            pain_during=item.pain_during,
                            pain_asked=item.pain_asked,
                            stopped_for_pain=item.stopped_for_pain,
                            logged_at=item.logged_at,
                            idempotency_key=item.idempotency_key,
                        )
                        for item in log.sets
                    ],
                )
                for log in logs
            ],
            decisions=[
                DecisionEntry(
                    session_log=None if item.session_log_id is None else log_at.get(item.session_log_id),
                    exercise_id=item.exercise_id,
                    kind=item.kind,
                    rule_id=item.rule_id,
                    facts=item.facts,
                    old_dose=item.old_dose,
                    new_dose=item.new_dose,
                    created_at=item.created_at,
                )
                for item in decisions.list_decisions(store, person_id)
            ],
            current_doses=[
                CurrentDoseEntry(
                    exercise_id=item.exercise_id,
                    dose=item.dose,
                    ladder_step=item.ladder_step,
                    updated_at=item.updated_at,
                )
                for item in doses.current_doses(store, person_id).values()
            ],
            psfs=[
                PsfsEntry(activity=item.activity, score=item.score, rated_at=item.rated_at)
                for item in psfs.list_psfs(store, person_id)
            ],
        )


def import_backup(store: Store, backup: Backup, filename: str = "<backup>") -> int:
    """Restore a backup as a new person in one transaction; returns the new person's id.

    Refuses (RehabitError, nothing written) a backup whose person is already in this database.
    """
    try:
        return _import(store, backup, filename)
    except IntegrityError as error:
        detail = str(getattr(error, "orig", error)).strip().splitlines()[0]
        raise RehabitError(
            f"{filename} cannot be imported, nothing was changed: it clashes with itself or "
            f"with this database ({detail})"
        ) from None


def _import(store: Store, backup: Backup, filename: str) -> int:
    with store.transaction() as db:
        taken = db.scalars(select(tables.Person.id).where(tables.Person.uid == backup.person.uid)).first()
        if taken is not None:
            raise RehabitError(f"{filename} is already imported: this database has that person (profile {taken})")
        version_ids = [_restore_program(store, entry, filename) for entry in backup.programs]
        person = backup.person
        row = tables.Person(
            uid=person.uid,
            name=person.name,
            created_at=person.created_at,
            program_version_id=None if person.program is None else version_ids[person.program],
            stage_index=person.stage_index,
            equipment=person.equipment,
            preferred_days=person.preferred_days,
            starting_pain=person.starting_pain,
            settings=person.settings,
        )
        db.add(row)
        db.flush()
        _restore_rows(db, row.id, backup, version_ids)
        return row.id


def _restore_program(store: Store, entry: ProgramEntry, filename: str) -> int:
    if programs.content_hash(entry.document) != entry.content_hash:
        raise RehabitError(f"{filename}: program {entry.slug} version {entry.version} was changed after export")
    try:
        program = Program.model_validate(entry.document)
    except ValidationError:
        raise RehabitError(f"{filename}: program {entry.slug} version {entry.version} is not a valid program") from None
    record = programs.save_program_version(
        store, program, entry.source_kind, version=entry.version, created_at=entry.created_at
    )
    if record.content_hash != entry.content_hash:
        raise RehabitError(f"{filename}: program {entry.slug} version {entry.version} does not restore exactly")
    return record.id


def _restore_rows(db: Session, person_id: int, backup: Backup, version_ids: list[int]) -> None:
    for screening in backup.screenings:
        db.add(tables.Screening(person_id=person_id, **screening.model_dump()))
    planned_ids: dict[tuple[int, int], int] = {}
    for plan_position, plan in enumerate(backup.plans):
        plan_row = tables.Plan(
            person_id=person_id,
            program_version_id=version_ids[plan.program],
            created_at=plan.created_at,
            start_date=plan.start_date,
            weeks=plan.weeks,
            notes=plan.notes,
        )
        db.add(plan_row)
        db.flush()
        for session_position, session in enumerate(plan.sessions):
            session_row = tables.PlannedSession(
                plan_id=plan_row.id,
                person_id=person_id,
                on_date=session.on_date,
                stage_index=session.stage_index,
                exercises=[item.model_dump(mode="json") for item in session.exercises],
                estimated_seconds=session.estimated_seconds,
                status=session.status,
                status_reason=session.status_reason,
            )
            db.add(session_row)
            db.flush()
            planned_ids[(plan_position, session_position)] = session_row.id
    log_ids: list[int] = []
    for log in backup.session_logs:
        fields = log.model_dump(exclude={"planned_session", "program", "sets"})
        log_row = tables.SessionLog(
            person_id=person_id,
            planned_session_id=None if log.planned_session is None else planned_ids[log.planned_session],
            program_version_id=version_ids[log.program],
            **fields,
        )
        db.add(log_row)
        db.flush()
        log_ids.append(log_row.id)
        for item in log.sets:
            values = item.model_dump()
            values["side"] = values["side"] or ""
            db.add(tables.SetLog(session_log_id=log_row.id, **values))
        db.flush()
    for decision in backup.decisions:
        db.add(
            tables.Decision(
                person_id=person_id,
                session_log_id=None if decision.session_log is None else log_ids[decision.session_log],
                exercise_id=decision.exercise_id,
                kind=decision.kind,
                rule_id=decision.rule_id,
                facts=decision.facts,
                old_dose=None if decision.old_dose is None else decision.old_dose.model_dump(mode="json"),
                new_dose=None if decision.new_dose is None else decision.new_dose.model_dump(mode="json"),
                created_at=decision.created_at,
            )
        )
        db.flush()
    for dose in backup.current_doses:
        db.add(
            tables.CurrentDose(
                person_id=person_id,
                exercise_id=dose.exercise_id,
                dose=dose.dose.model_dump(mode="json"),
                ladder_step=dose.ladder_step,
                updated_at=dose.updated_at,
            )
        )
    for rating in backup.psfs:
        db.add(tables.PsfsRating(person_id=person_id, **rating.model_dump()))
    db.flush()
