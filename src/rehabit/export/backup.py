"""A complete backup of one person as a JSON document, and its restore, with a format version.

The document holds the profile, the program versions it used, screenings, plans with their sessions,
session logs with their sets, decisions, current doses and PSFS ratings. It has no database ids:
records point at each other by position in the document, so a backup restores into an empty or an
existing database, and export → import into a fresh database → export gives an identical document.
Restoring is one transaction: a backup is restored whole or not at all.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rehabit.errors import RehabitError
from rehabit.model import Dose, Program
from rehabit.store import Store, decisions, doses, people, plans, programs, psfs, screenings, sessions, tables

FORMAT = "rehabit-backup"
FORMAT_VERSION = 1
MAX_BACKUP_BYTES = 200_000_000

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Backup",
    "backup_text",
    "export_person",
    "import_backup",
    "parse_backup",
    "read_backup",
    "write_backup",
]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProgramEntry(_Entry):
    slug: str
    version: int = Field(ge=1)
    content_hash: str
    source_kind: Literal["builtin", "file", "reader"]
    created_at: datetime
    document: dict[str, Any]


class PersonEntry(_Entry):
    uid: str = Field(min_length=1, max_length=32)
    name: str | None
    created_at: datetime
    program: int | None
    stage_index: int = Field(ge=0)
    equipment: list[str]
    preferred_days: list[int]
    starting_pain: int | None = Field(ge=0, le=10)
    settings: dict[str, Any]


class ScreeningEntry(_Entry):
    answers: dict[str, bool]
    result: Literal["clear", "emergency", "needs_clearance"]
    screened_at: datetime
    cleared_by: str | None
    cleared_on: date | None


class PlannedExerciseEntry(_Entry):
    exercise_id: str
    dose: Dose


class PlannedSessionEntry(_Entry):
    on_date: date
    stage_index: int = Field(ge=0)
    exercises: list[PlannedExerciseEntry]
    estimated_seconds: int = Field(ge=0)
    status: Literal["planned", "done", "skipped", "replaced"]


class PlanEntry(_Entry):
    program: int
    created_at: datetime
    start_date: date
    weeks: int = Field(ge=1)
    notes: list[str]
    sessions: list[PlannedSessionEntry]


class SetEntry(_Entry):
    exercise_id: str
    side: Literal["left", "right"] | None
    set_number: int = Field(ge=1)
    reps_done: int | None = Field(ge=0)
    seconds_held: int | None = Field(ge=0)
    pain_during: int | None = Field(ge=0, le=10)
    stopped_for_pain: bool
    logged_at: datetime
    idempotency_key: str = Field(min_length=1, max_length=100)


class SessionLogEntry(_Entry):
    planned_session: tuple[int, int] | None = Field(description="[plan position, session position]")
    program: int
    started_at: datetime
    finished_at: datetime | None
    status: Literal["in_progress", "finished", "abandoned"]
    pain_before: int | None = Field(ge=0, le=10)
    pain_after: int | None = Field(ge=0, le=10)
    pain_next_morning: int | None = Field(ge=0, le=10)
    next_morning_asked: bool
    effort: int | None = Field(ge=0, le=10)
    notes: str
    sets: list[SetEntry]


class DecisionEntry(_Entry):
    session_log: int | None
    exercise_id: str
    kind: Literal["progress", "hold", "regress", "stop_and_refer"]
    rule_id: str
    facts: str
    old_dose: Dose | None
    new_dose: Dose | None
    created_at: datetime


class CurrentDoseEntry(_Entry):
    exercise_id: str
    dose: Dose
    ladder_step: int
    updated_at: datetime


class PsfsEntry(_Entry):
    activity: str
    score: int = Field(ge=0, le=10)
    rated_at: datetime


class Backup(_Entry):
    """The whole backup document (format version 1)."""

    format: Literal["rehabit-backup"]
    format_version: Literal[1]
    person: PersonEntry
    programs: list[ProgramEntry]
    screenings: list[ScreeningEntry]
    plans: list[PlanEntry]
    session_logs: list[SessionLogEntry]
    decisions: list[DecisionEntry]
    current_doses: list[CurrentDoseEntry]
    psfs: list[PsfsEntry]


def export_person(store: Store, person_id: int) -> Backup:
    """Everything stored about one person, as a backup document."""
    with store.transaction():
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
            format_version=FORMAT_VERSION,
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
                    sets=[
                        SetEntry(
                            exercise_id=item.exercise_id,
                            side=item.side,
                            set_number=item.set_number,
                            reps_done=item.reps_done,
                            seconds_held=item.seconds_held,
                            pain_during=item.pain_during,
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


def backup_text(backup: Backup) -> str:
    """The backup as the JSON text written to a file."""
    return json.dumps(backup.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def write_backup(path: Path, backup: Backup) -> None:
    """Write the backup file whole or not at all; RehabitError when its folder is missing."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise RehabitError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".rehabit-", suffix=".json", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(backup_text(backup))
        os.replace(temporary, path)
    except OSError as error:
        raise RehabitError(f"cannot write {path} ({error.strerror})") from None


def read_backup(path: Path) -> Backup:
    """Read and check a backup file: complete JSON, our format, a version this rehabit reads, valid fields."""
    try:
        size = path.stat().st_size
        if size > MAX_BACKUP_BYTES:
            raise RehabitError(f"{path} is too large for a backup ({size:,} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RehabitError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise RehabitError(f"{path} is a folder, not a backup file") from None
    except OSError as error:
        raise RehabitError(f"{path} cannot be read ({error.strerror})") from None
    return parse_backup(raw, str(path))


def parse_backup(raw: bytes | str, filename: str = "<backup>") -> Backup:
    """Check a backup document given as JSON text (see `read_backup`)."""
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as error:
        ending = error.doc.rstrip()
        if error.pos >= len(ending) or not ending.endswith("}") or error.msg.startswith("Unterminated string"):
            raise RehabitError(f"{filename} ends too early: the backup is incomplete (truncated?)") from None
        raise RehabitError(f"{filename} is not a rehabit backup: invalid JSON at line {error.lineno}") from None
    except UnicodeDecodeError:
        raise RehabitError(f"{filename} is not a rehabit backup: it is not UTF-8 text") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RehabitError(f'{filename} is not a rehabit backup (no "format": "{FORMAT}")')
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise RehabitError(
            f"{filename} is backup format {version}, written by a newer rehabit; "
            f"this version reads format {FORMAT_VERSION}: upgrade rehabit to import it"
        )
    try:
        backup = Backup.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RehabitError(f"{filename}: {where}: {first['msg']}") from None
    _check_references(backup, filename)
    return backup


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


def _check_references(backup: Backup, filename: str) -> None:
    def check(position: int | None, length: int, what: str) -> None:
        if position is not None and not 0 <= position < length:
            raise RehabitError(f"{filename}: refers to {what} {position}, which the backup does not have")

    check(backup.person.program, len(backup.programs), "program")
    for plan in backup.plans:
        check(plan.program, len(backup.programs), "program")
    for log in backup.session_logs:
        check(log.program, len(backup.programs), "program")
        if log.planned_session is not None:
            plan_position, session_position = log.planned_session
            check(plan_position, len(backup.plans), "plan")
            check(session_position, len(backup.plans[plan_position].sessions), "planned session")
    for decision in backup.decisions:
        check(decision.session_log, len(backup.session_logs), "session log")
