"""Notes between a patient and their clinicians (clinic mode): short messages, each read or not yet.

Every note belongs to one patient's profile. A note from a clinician is for the patient; a note from
the patient is for every clinician who looks after them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, Row, String, Text, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from rehabit.errors import NotFoundError
from rehabit.store.database import Store, as_utc, utcnow
from rehabit.store.tables import Base

__all__ = ["NoteRecord", "add_note", "get_note", "list_notes", "mark_read", "unread_from_patients"]


class Note(Base):
    """A short note about one patient: from their clinician to them, or from them to their clinicians."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(200))
    from_patient: Mapped[bool] = mapped_column(Boolean)
    text: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime]
    read_at: Mapped[datetime | None]


@dataclass(frozen=True)
class NoteRecord:
    id: int
    person_id: int
    author_id: int | None
    author_name: str
    from_patient: bool
    text: str
    sent_at: datetime
    read_at: datetime | None


def _note(row: Note | Row[Any]) -> NoteRecord:
    return NoteRecord(
        row.id,
        row.person_id,
        row.author_id,
        row.author_name,
        row.from_patient,
        row.text,
        as_utc(row.sent_at),
        None if row.read_at is None else as_utc(row.read_at),
    )


def add_note(
    store: Store,
    person_id: int,
    author_id: int | None,
    author_name: str,
    text: str,
    *,
    from_patient: bool,
    now: datetime | None = None,
) -> NoteRecord:
    """Store a new unread note."""
    with store.transaction() as db:
        row = Note(
            person_id=person_id,
            author_id=author_id,
            author_name=author_name,
            from_patient=from_patient,
            text=text,
            sent_at=now or utcnow(),
            read_at=None,
        )
        db.add(row)
        db.flush()
        return _note(row)


def get_note(store: Store, note_id: int) -> NoteRecord:
    """The note with this id; NotFoundError otherwise."""
    with store.read() as db:
        row = db.get(Note, note_id) if 0 < note_id < 2**63 else None
        if row is None:
            raise NotFoundError(f"no note with id {note_id}")
        return _note(row)


def list_notes(store: Store, person_id: int, *, limit: int = 50) -> list[NoteRecord]:
    """The newest notes about the person, oldest of them first."""
    with store.read() as db:
        rows = list(db.scalars(select(Note).where(Note.person_id == person_id).order_by(Note.id.desc()).limit(limit)))
        return [_note(row) for row in reversed(rows)]


def unread_notes(store: Store, person_id: int, *, from_patient: bool) -> list[NoteRecord]:
    """The person's unread notes of one direction, oldest first (every one of them, however many newer
    notes there are)."""
    with store.read() as db:
        rows = db.connection().execute(
            select(Note.__table__)
            .where(Note.person_id == person_id, Note.from_patient.is_(from_patient), Note.read_at.is_(None))
            .order_by(Note.id)
        )
        return [_note(row) for row in rows]


def mark_read(store: Store, person_id: int, *, from_patient: bool, note_id: int | None = None) -> int:
    """Mark the person's unread notes of one direction read (only `note_id` when given); how many were."""
    query = update(Note).where(Note.person_id == person_id, Note.from_patient == from_patient, Note.read_at.is_(None))
    if note_id is not None:
        query = query.where(Note.id == note_id)
    with store.transaction() as db:
        return int(db.execute(query.values(read_at=utcnow())).rowcount or 0)  # type: ignore[attr-defined]


def unread_from_patients(store: Store, person_ids: list[int]) -> dict[int, int]:
    """For each of these profiles, how many of their notes to their clinicians are unread (none left out)."""
    if not person_ids:
        return {}
    with store.read() as db:
        found = db.execute(
            select(Note.person_id, func.count())
            .where(Note.person_id.in_(person_ids), Note.from_patient.is_(True), Note.read_at.is_(None))
            .group_by(Note.person_id)
        ).all()
    return {int(person_id): int(count) for person_id, count in found}
