"""The backup documents as JSON, with a format version; reading, checking and writing them.

Two kinds, told apart by `format_version`:
- format 1, one person (`Backup`): the profile, the program versions it used, screenings, plans with
  their sessions, session logs with their sets, decisions, current doses and PSFS ratings. It has no
  database ids: records point at each other by position in the document, so it restores as a new person
  into an empty or an existing database.
- format 2, the whole database (`FullBackup`): every row of every table rehabit keeps (all people and
  their records, every program version, accounts with their password hashes, care links, invites by
  digest, the audit trail, the exercise library...), ids included, except the tables named in its
  `left_out` with the reason (sign-in sessions, trusted devices, failed sign-ins: they are about one
  server's live sign-ins, not about anyone's care). It restores into an empty database only.
`rehabit.store.backup` and `rehabit.store.full_backup` fill them from the database and restore them;
export → import into a fresh database → export gives an identical document, for both.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, ValidationError

from rehabit.domain.dates import check_date, check_moment
from rehabit.errors import RehabitError
from rehabit.model import Dose, refuse_direction_controls

FORMAT = "rehabit-backup"
PERSON_FORMAT = 1  # one person, records by position
FULL_FORMAT = 2  # the whole database, rows with their ids
FORMAT_VERSION = FULL_FORMAT  # the newest format this rehabit reads
MAX_BACKUP_BYTES = 200_000_000

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "FULL_FORMAT",
    "PERSON_FORMAT",
    "COLUMN_TYPES",
    "Backup",
    "FullBackup",
    "backup_text",
    "parse_backup",
    "validation_problem",
    "read_backup",
    "write_backup",
]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Every field is checked as the app's own doors check it: dates from 1900 to 2200, text as long as the
# web takes it, names without text-direction controls. A backup is restored whole or refused whole.
Day = Annotated[date, AfterValidator(check_date)]
Moment = Annotated[datetime, AfterValidator(check_moment)]
Name = Annotated[str, Field(max_length=200), AfterValidator(refuse_direction_controls)]
Short = Annotated[str, Field(max_length=200)]  # an exercise or rule id, an activity, who cleared
Note = Annotated[str, Field(max_length=5000)]


class ProgramEntry(_Entry):
    slug: Annotated[str, Field(max_length=80)]
    version: int = Field(ge=1)
    content_hash: str
    source_kind: Literal["builtin", "file", "reader"]
    created_at: Moment
    document: dict[str, Any]


class PersonEntry(_Entry):
    uid: str = Field(min_length=1, max_length=32)
    name: Name | None
    created_at: Moment
    program: int | None
    stage_index: int = Field(ge=0)
    equipment: list[Short] = Field(max_length=50)
    preferred_days: list[int]
    starting_pain: int | None = Field(ge=0, le=10)
    settings: dict[str, Any]


class ScreeningEntry(_Entry):
    answers: dict[str, bool]
    result: Literal["clear", "emergency", "needs_clearance"]
    screened_at: Moment
    cleared_by: Short | None
    cleared_on: Day | None


class PlannedExerciseEntry(_Entry):
    exercise_id: Short
    dose: Dose


class PlannedSessionEntry(_Entry):
    on_date: Day
    stage_index: int = Field(ge=0)
    exercises: list[PlannedExerciseEntry]
    estimated_seconds: int = Field(ge=0)
    status: Literal["planned", "done", "skipped", "replaced", "cancelled"]
    status_reason: str = ""


class PlanEntry(_Entry):
    program: int
    created_at: Moment
    start_date: Day
    weeks: int = Field(ge=1)
    notes: list[Note]
    sessions: list[PlannedSessionEntry]


class SetEntry(_Entry):
    exercise_id: Short
    side: Literal["left", "right"] | None
    set_number: int = Field(ge=1)
    reps_done: int | None = Field(ge=0)
    seconds_held: int | None = Field(ge=0)
    pain_during: int | None = Field(ge=0, le=10)
    pain_asked: bool = False
    stopped_for_pain: bool
    logged_at: Moment
    idempotency_key: str = Field(min_length=1, max_length=100)


class SessionLogEntry(_Entry):
    planned_session: tuple[int, int] | None = Field(description="[plan position, session position]")
    program: int
    started_at: Moment
    finished_at: Moment | None
    status: Literal["in_progress", "finished", "abandoned"]
    pain_before: int | None = Field(ge=0, le=10)
    pain_after: int | None = Field(ge=0, le=10)
    pain_next_morning: int | None = Field(ge=0, le=10)
    next_morning_asked: bool
    effort: int | None = Field(ge=0, le=10)
    notes: Note
    extra: bool = False
    sets: list[SetEntry]


class DecisionEntry(_Entry):
    session_log: int | None
    exercise_id: Short
    kind: Literal["progress", "hold", "regress", "stop_and_refer"]
    rule_id: Short
    facts: Note
    old_dose: Dose | None
    new_dose: Dose | None
    created_at: Moment


class CurrentDoseEntry(_Entry):
    exercise_id: Short
    dose: Dose
    ladder_step: int
    updated_at: Moment


class PsfsEntry(_Entry):
    activity: Short
    score: int = Field(ge=0, le=10)
    rated_at: Moment


class Backup(_Entry):
    """One person's backup document (format version 1)."""

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


Pain = Annotated[StrictInt, Field(ge=0, le=10)]
Count = Annotated[StrictInt, Field(ge=0, lt=2**31)]

# What the columns of a whole-database backup must hold, beyond their SQL type (which
# `rehabit.store.full_backup` checks for every column: integers, text lengths, dates in range, the values a
# CHECK constraint allows, references to rows the backup has). A nullable column also takes null.
COLUMN_TYPES: dict[str, Any] = {
    "people.name": Name,
    "people.equipment": list[Short],
    "people.preferred_days": list[Annotated[StrictInt, Field(ge=0, le=6)]],
    "people.starting_pain": Pain,
    "people.settings": dict[str, Any],
    "people.stage_index": Count,
    "screenings.answers": dict[Short, bool],
    "plans.notes": list[Note],
    "plans.weeks": Annotated[StrictInt, Field(ge=1, le=520)],
    "planned_sessions.exercises": list[PlannedExerciseEntry],
    "planned_sessions.estimated_seconds": Count,
    "planned_sessions.stage_index": Count,
    "session_logs.pain_before": Pain,
    "session_logs.pain_after": Pain,
    "session_logs.pain_next_morning": Pain,
    "session_logs.effort": Pain,
    "session_logs.notes": Note,
    "set_logs.set_number": Annotated[StrictInt, Field(ge=1, lt=2**31)],
    "set_logs.reps_done": Count,
    "set_logs.seconds_held": Count,
    "set_logs.pain_during": Pain,
    "decisions.facts": Note,
    "decisions.old_dose": Dose,
    "decisions.new_dose": Dose,
    "current_doses.dose": Dose,
    "psfs.score": Pain,
    "accounts.display_name": Name,
    "accounts.username": Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[a-z0-9._-]+$")],
    "accounts.password_hash": Annotated[str, Field(pattern=r"^\$argon2(id|i|d)\$", max_length=200)],
    "invites.patient_name": Name,
    "audit_entries.detail": Note,
    "library_exercises.primary_muscles": list[Short],
    "library_exercises.secondary_muscles": list[Short],
    "library_exercises.instructions": list[Note],
}


class FullBackup(_Entry):
    """The whole database (format version 2): each table's rows, column name to JSON value, ids kept.

    The rows are checked against the tables by `rehabit.store.full_backup` before anything is written."""

    format: Literal["rehabit-backup"]
    format_version: Literal[2]
    left_out: dict[str, str]
    tables: dict[str, list[dict[str, Any]]]

    def row_counts(self) -> dict[str, int]:
        """Rows per table, by table name (the numbers a restore of this file writes)."""
        return {table: len(rows) for table, rows in self.tables.items()}


def backup_text(backup: Backup | FullBackup) -> str:
    """The backup as the JSON text written to a file."""
    return json.dumps(backup.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def write_backup(path: Path, backup: Backup | FullBackup) -> None:
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


def read_backup(path: Path) -> Backup | FullBackup:
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


def parse_backup(raw: bytes | str, filename: str = "<backup>") -> Backup | FullBackup:
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
    except RecursionError:
        raise RehabitError(f"{filename} is not a rehabit backup: its JSON is nested too deeply") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RehabitError(f'{filename} is not a rehabit backup (no "format": "{FORMAT}")')
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise RehabitError(
            f"{filename} is backup format {version}, written by a newer rehabit; "
            f"this version reads formats {PERSON_FORMAT} and {FULL_FORMAT}: upgrade rehabit to import it"
        )
    try:
        if version == FULL_FORMAT:
            return FullBackup.model_validate(document)
        backup = Backup.model_validate(document)
    except ValidationError as error:
        raise RehabitError(f"{filename}: {validation_problem(error)}") from None
    _check_references(backup, filename)
    return backup


def validation_problem(error: ValidationError) -> str:
    """The first problem pydantic found, as 'where: what' on one line."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


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
