"""A person's data out of rehabit and back: backup and restore, FHIR, CSV, calendar, PDF handout.

The formats are pure (`rehabit.export`); these gather what they need from the store, in one read each
(restoring a backup is one write transaction: whole or nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from rehabit.errors import RehabitError
from rehabit.export.backup import Backup, FullBackup, backup_text
from rehabit.export.fhir import CareNote, fhir_bundle, validate_bundle
from rehabit.export.handout import PAPER_SIZES, Paper, handout_pdf
from rehabit.export.ics import plan_calendar
from rehabit.export.logs_csv import logs_csv
from rehabit.services.programs import LOCAL, ProgramScope, find_program
from rehabit.store import Store, doses, notes, people, plans, programs, psfs, sessions
from rehabit.store import accounts as account_rows
from rehabit.store.backup import export_person, import_backup
from rehabit.store.full_backup import export_everything, import_everything

__all__ = ["Restored", "backup", "backup_of", "backup_json", "calendar", "csv_text", "fhir", "handout", "restore"]


def backup(store: Store, person_id: int) -> Backup:
    """Everything stored about the person, as a one-person backup document (format 1)."""
    return export_person(store, person_id)


def backup_of(store: Store, person: str | None = None, *, everything: bool = False) -> Backup | FullBackup:
    """A backup: the whole database (`everything`, format 2), or one person (`person`: a profile id or a
    patient's user name; format 1). With neither, the whole database of a single person; a clinic's
    database (accounts, or more than one profile) needs one of them, since guessing would silently leave
    people out or put everyone in one file (RehabitError)."""
    if everything and person is not None:
        raise RehabitError("choose --all or --person, not both")
    if everything:
        return export_everything(store)
    with store.read():
        if person is None:
            profiles, signins = _clinic_size(store)
            if signins or profiles > 1:
                raise RehabitError(
                    f"this database holds a clinic ({profiles} profiles, {signins} accounts): back up everything "
                    "with --all, or one person with --person ID or --person USERNAME"
                )
            return export_everything(store)
        if person.strip().isdigit():
            person_id = people.get_person(store, int(person.strip())).id
        else:
            found = account_rows.find_account(store, person.strip().lower())
            if found is None or found[0].person_id is None:
                raise RehabitError(
                    f"no patient account {person.strip()!r} (give a profile id or a patient's user name)"
                )
            person_id = found[0].person_id
        return export_person(store, person_id)


def backup_json(store: Store, person_id: int) -> str:
    """The text of the backup file a person downloads: on a single person's database, the whole database
    (their exercise library too); on a clinic's, their own records only."""
    with store.read():
        profiles, signins = _clinic_size(store)
        document = export_everything(store) if profiles <= 1 and not signins else backup(store, person_id)
    return backup_text(document)


@dataclass(frozen=True)
class Restored:
    """What a restore wrote: a new profile (one-person backup) or a whole database, with rows per table."""

    whole_database: bool
    person_id: int | None
    rows: dict[str, int]


def restore(store: Store, document: Backup | FullBackup, filename: str = "<backup>") -> Restored:
    """Restore a backup, all of it or nothing: a one-person backup as a new person (into any database), a
    whole-database backup into an empty database."""
    if isinstance(document, FullBackup):
        return Restored(True, None, import_everything(store, document, filename).rows)
    person_id = import_backup(store, document, filename)
    rows = {
        "session_logs": len(document.session_logs),
        "set_logs": sum(len(log.sets) for log in document.session_logs),
        "plans": len(document.plans),
        "screenings": len(document.screenings),
    }
    return Restored(False, person_id, rows)


def _clinic_size(store: Store) -> tuple[int, int]:
    return people.count_people(store), account_rows.count_accounts(store)


def fhir(
    store: Store, person_id: int, name: str | None = None, *, generated_at: datetime | None = None
) -> dict[str, Any]:
    """The person's course as a validated FHIR R4 Bundle (JSON-ready)."""
    with store.read():
        person = people.get_person(store, person_id)
        program = programs.person_program(store, person_id).program
        bundle = fhir_bundle(
            person,
            program,
            doses.dose_overrides(store, person_id),
            sessions.list_sessions(store, person_id),
            psfs.list_psfs(store, person_id),
            name,
            notes=[
                CareNote(n.id, n.author_name, n.from_patient, n.text, n.sent_at, n.read_at)
                for n in notes.list_notes(store, person_id, limit=10_000)
            ],
            generated_at=generated_at,
        )
    validate_bundle(bundle)
    return bundle


def csv_text(store: Store, person_id: int) -> str:
    """The person's logs as CSV text, one row per set, oldest session first."""
    with store.read():
        logs = sessions.list_sessions(store, person_id)
        names = {
            version_id: {e.id: e.name for e in programs.get_program_version(store, version_id).program.exercises}
            for version_id in {log.program_version_id for log in logs}
        }
    return logs_csv(logs, names)


def calendar(
    store: Store,
    person_id: int,
    since: date,
    *,
    start_time: time | None = None,
    reminder_minutes: int | None = None,
) -> tuple[bytes, int]:
    """The person's latest plan as an iCalendar document (dates a new plan moved are cancelled), and how
    many sessions it holds; sessions start at `start_time` with a reminder `reminder_minutes` before, when
    given (else all-day). RehabitError when there is no plan yet."""
    with store.read():
        person = people.get_person(store, person_id)
        latest = plans.latest_plan(store, person_id)
        if latest is None:
            raise RehabitError("there is no plan yet")
        program = programs.get_program_version(store, latest.program_version_id).program
        cancelled = plans.replaced_dates(store, person_id, since)
    document = plan_calendar(
        latest, program, person.uid, cancelled=cancelled, start_time=start_time, reminder_minutes=reminder_minutes
    )
    return document, len(latest.sessions)


def handout(
    store: Store, person_id: int | None, program_id: str | None, paper: str = "a4", scope: ProgramScope = LOCAL
) -> tuple[str, bytes]:
    """A program as a printable PDF handout: the person's own program (or `program_id`, among those the
    scope sees); when they follow it, narrowed to their stage, their equipment and their current doses.
    Returns the program id and the PDF."""
    if paper not in PAPER_SIZES:
        raise RehabitError(f"unknown paper size {paper!r} (choose a4 or letter)")
    size: Paper = "letter" if paper == "letter" else "a4"
    with store.read():
        person = None if person_id is None else people.get_person(store, person_id)
        followed = None if person is None else programs.person_program(store, person.id).program
        program = find_program(store, program_id, scope)[0] if program_id is not None else followed
        current = {} if person is None else doses.dose_overrides(store, person.id)
    if program is None:
        raise RehabitError("name the program to print")
    follows = person is not None and followed is not None and followed.id == program.id
    stage = None
    if follows and person is not None and person.stage_index < len(program.stages):
        stage = program.stages[person.stage_index].id
    pdf = handout_pdf(
        program,
        person=person.name if person else None,
        paper=size,
        stage=stage,
        equipment=person.equipment if follows and person is not None else None,
        doses=current if follows else None,
    )
    return program.id, pdf
