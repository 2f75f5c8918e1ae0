"""Notes between a clinician and their patient (clinic mode): a short note for the patient, shown on
their Today page until they mark it read, and a note back from the patient to their clinicians.

Every note is in the audit trail (who wrote to or read whose notes, never the words) and in the
patient's FHIR export as a Communication.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pydantic import BaseModel

from rehabit.errors import NotFoundError, RehabitError
from rehabit.store import Store, prescriptions, programs, utcnow
from rehabit.store import accounts as account_rows
from rehabit.store import notes as note_rows
from rehabit.store.accounts import AccountRecord
from rehabit.store.notes import NoteRecord

MAX_NOTE = 1000  # characters: a note, not a letter
DECISION_SHOWN = timedelta(days=7)  # how long Today tells a patient what became of their request

__all__ = [
    "MAX_NOTE",
    "CareNotes",
    "NoteLine",
    "RequestLine",
    "care_notes",
    "leave_note",
    "mark_read",
    "note_lines",
    "read_patient_notes",
    "request_line",
    "send_note",
]


class NoteLine(BaseModel):
    """One note: who wrote it, when, whether it has been read."""

    id: int
    author: str
    from_patient: bool
    text: str
    sent_at: datetime
    read: bool


class RequestLine(BaseModel):
    """A patient's request to follow another program, and what became of it."""

    id: int
    program_id: str
    program_title: str
    stage: str
    exercises: list[str]
    requested_on: date
    status: str  # open, approved or declined
    decided_on: date | None


class CareNotes(BaseModel):
    """What the Today page shows a patient of their care: unread notes from their clinicians, their
    request to follow another program, and whom they can write to."""

    unread: list[NoteLine]
    request: RequestLine | None
    clinicians: list[str]


def _clean(text: str) -> str:
    words = text.strip()
    if not words:
        raise RehabitError("write something first")
    if len(words) > MAX_NOTE:
        raise RehabitError(f"a note is at most {MAX_NOTE} characters")
    return words


def _line(note: NoteRecord) -> NoteLine:
    return NoteLine(
        id=note.id,
        author=note.author_name,
        from_patient=note.from_patient,
        text=note.text,
        sent_at=note.sent_at,
        read=note.read_at is not None,
    )


def leave_note(store: Store, clinician: AccountRecord, person_id: int, text: str) -> NoteLine:
    """A clinician's note for one of their patients (RehabitError for anyone else)."""
    words = _clean(text)
    if clinician.role != "clinician" or not account_rows.is_linked(store, clinician.id, person_id):
        raise NotFoundError(f"no patient {person_id} of yours")
    with store.transaction():
        note = note_rows.add_note(store, person_id, clinician.id, clinician.display_name, words, from_patient=False)
        account_rows.add_audit(store, clinician.id, clinician.username, "left a note", person_id, f"note {note.id}")
    return _line(note)


def send_note(store: Store, patient: AccountRecord, text: str) -> NoteLine:
    """A patient's note to the clinicians who look after them; RehabitError when nobody does."""
    words = _clean(text)
    person_id = _own_profile(patient)
    with store.transaction():
        if not account_rows.clinicians_of(store, [person_id])[person_id]:
            raise RehabitError("no clinician looks after you yet, so there is nobody to write to")
        note = note_rows.add_note(store, person_id, patient.id, patient.display_name, words, from_patient=True)
        account_rows.add_audit(store, patient.id, patient.username, "sent a note", person_id, f"note {note.id}")
    return _line(note)


def _own_profile(patient: AccountRecord) -> int:
    if patient.role != "patient" or patient.person_id is None:
        raise RehabitError("only a patient writes to their clinician here")
    return patient.person_id


def mark_read(store: Store, patient: AccountRecord, note_id: int) -> NoteLine:
    """A patient has read a note from their clinician: it leaves their Today page."""
    person_id = _own_profile(patient)
    with store.transaction():
        note = note_rows.get_note(store, note_id)
        if note.person_id != person_id or note.from_patient:
            raise NotFoundError(f"no note with id {note_id}")
        if note_rows.mark_read(store, person_id, from_patient=False, note_id=note_id):
            account_rows.add_audit(store, patient.id, patient.username, "read a note", person_id, f"note {note_id}")
        return _line(note_rows.get_note(store, note_id))


def read_patient_notes(store: Store, clinician: AccountRecord, person_id: int) -> int:
    """A clinician has read their patient's notes; returns how many were unread."""
    if clinician.role != "clinician" or not account_rows.is_linked(store, clinician.id, person_id):
        raise NotFoundError(f"no patient {person_id} of yours")
    with store.transaction():
        count = note_rows.mark_read(store, person_id, from_patient=True)
        if count:
            account_rows.add_audit(
                store, clinician.id, clinician.username, "read a patient's notes", person_id, f"{count} notes"
            )
    return count


def note_lines(store: Store, person_id: int) -> list[NoteLine]:
    """The newest notes between the patient and their clinicians, oldest first (read-only)."""
    return [_line(note) for note in note_rows.list_notes(store, person_id)]


def request_line(store: Store, request: prescriptions.ProgramRequestRecord) -> RequestLine:
    """A request in words: the program asked for, its stage and exercises."""
    program = programs.get_program_version(store, request.program_version_id).program
    stages = [stage.name for stage in program.stages]
    return RequestLine(
        id=request.id,
        program_id=program.id,
        program_title=program.title,
        stage=stages[request.stage_index] if request.stage_index < len(stages) else "",
        exercises=[exercise.name for exercise in program.exercises],
        requested_on=request.requested_at.date(),
        status=request.status,
        decided_on=None if request.decided_at is None else request.decided_at.date(),
    )


def care_notes(store: Store, person_id: int, now: datetime | None = None) -> CareNotes | None:
    """The Today page's care section for a patient (read-only): unread notes from clinicians, the open
    request or one decided in the last week, and the clinicians who look after them; None when there is
    nothing of the kind (a local install)."""
    now = now or utcnow()
    with store.read():
        unread = [_line(note) for note in note_rows.unread_notes(store, person_id, from_patient=False)]
        latest = prescriptions.latest_requests(store, person_id, limit=1)
        shown = None
        if latest and (latest[0].decided_at is None or now - latest[0].decided_at <= DECISION_SHOWN):
            shown = request_line(store, latest[0])
        clinicians = account_rows.clinicians_of(store, [person_id])[person_id]
        if not (unread or shown or clinicians):
            return None
        return CareNotes(unread=unread, request=shown, clinicians=[c.display_name for c in clinicians])
