"""Prescribed programs and requests to follow another one (clinic mode).

A *prescription* is the program version a clinician put a patient on (by assigning it, or by approving the
patient's request). A *request* is a patient asking to follow another program while a prescription holds;
a clinician approves or declines it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Row, String, select, update
from sqlalchemy.orm import Mapped, mapped_column

from rehabit.errors import NotFoundError
from rehabit.store.database import Store, as_utc, utcnow
from rehabit.store.tables import Base

REQUEST_STATES = ("open", "approved", "declined", "replaced")

__all__ = [
    "REQUEST_STATES",
    "PrescriptionRecord",
    "ProgramRequestRecord",
    "add_request",
    "decide_request",
    "get_prescription",
    "get_request",
    "latest_requests",
    "open_request",
    "with_open_requests",
    "prescribe",
]


class Prescription(Base):
    """The program version a clinician put the patient on, and who did."""

    __tablename__ = "prescriptions"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    program_version_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    clinician_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    prescribed_at: Mapped[datetime]


class ProgramRequest(Base):
    """A patient asks to follow another program than the prescribed one."""

    __tablename__ = "program_requests"
    __table_args__ = (CheckConstraint("status IN ('open', 'approved', 'declined', 'replaced')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    program_version_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    stage_index: Mapped[int] = mapped_column(Integer)
    requested_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))


@dataclass(frozen=True)
class PrescriptionRecord:
    person_id: int
    program_version_id: int
    clinician_id: int | None
    prescribed_at: datetime


@dataclass(frozen=True)
class ProgramRequestRecord:
    id: int
    person_id: int
    program_version_id: int
    stage_index: int
    requested_at: datetime
    status: str
    decided_at: datetime | None
    decided_by: int | None


def _request(row: ProgramRequest | Row[Any]) -> ProgramRequestRecord:
    return ProgramRequestRecord(
        row.id,
        row.person_id,
        row.program_version_id,
        row.stage_index,
        as_utc(row.requested_at),
        row.status,
        None if row.decided_at is None else as_utc(row.decided_at),
        row.decided_by,
    )


def prescribe(
    store: Store, person_id: int, program_version_id: int, clinician_id: int | None, now: datetime | None = None
) -> None:
    """Record that a clinician put the person on this program version (replacing any earlier one)."""
    with store.transaction() as db:
        row = db.get(Prescription, person_id, with_for_update=True)
        if row is None:
            row = Prescription(person_id=person_id)
            db.add(row)
        row.program_version_id = program_version_id
        row.clinician_id = clinician_id
        row.prescribed_at = now or utcnow()


def get_prescription(store: Store, person_id: int) -> PrescriptionRecord | None:
    """The person's prescription, or None."""
    with store.read() as db:
        row = db.get(Prescription, person_id)
        if row is None:
            return None
        return PrescriptionRecord(row.person_id, row.program_version_id, row.clinician_id, as_utc(row.prescribed_at))


def add_request(
    store: Store, person_id: int, program_version_id: int, stage_index: int, now: datetime | None = None
) -> ProgramRequestRecord:
    """A new open request; the person's earlier open request, if any, is marked replaced."""
    now = now or utcnow()
    with store.transaction() as db:
        db.execute(
            update(ProgramRequest)
            .where(ProgramRequest.person_id == person_id, ProgramRequest.status == "open")
            .values(status="replaced", decided_at=now)
        )
        row = ProgramRequest(
            person_id=person_id,
            program_version_id=program_version_id,
            stage_index=stage_index,
            requested_at=now,
            status="open",
        )
        db.add(row)
        db.flush()
        return _request(row)


def get_request(store: Store, request_id: int) -> ProgramRequestRecord:
    """The request with this id; NotFoundError otherwise."""
    with store.read() as db:
        row = db.get(ProgramRequest, request_id) if 0 < request_id < 2**63 else None
        if row is None:
            raise NotFoundError(f"no request with id {request_id}")
        return _request(row)


def open_request(store: Store, person_id: int) -> ProgramRequestRecord | None:
    """The person's open request, or None."""
    with store.read() as db:
        row = db.scalars(
            select(ProgramRequest).where(ProgramRequest.person_id == person_id, ProgramRequest.status == "open")
        ).first()
        return None if row is None else _request(row)


def with_open_requests(store: Store, person_ids: list[int]) -> set[int]:
    """Which of these profiles have an open request."""
    if not person_ids:
        return set()
    with store.read() as db:
        return set(
            db.scalars(
                select(ProgramRequest.person_id).where(
                    ProgramRequest.person_id.in_(person_ids), ProgramRequest.status == "open"
                )
            )
        )


def latest_requests(store: Store, person_id: int, limit: int = 5) -> list[ProgramRequestRecord]:
    """The person's newest requests, newest first (replaced ones left out)."""
    with store.read() as db:
        rows = db.connection().execute(
            select(ProgramRequest.__table__)
            .where(ProgramRequest.person_id == person_id, ProgramRequest.status != "replaced")
            .order_by(ProgramRequest.id.desc())
            .limit(limit)
        )
        return [_request(row) for row in rows]


def decide_request(
    store: Store, request_id: int, status: str, clinician_id: int, now: datetime | None = None
) -> ProgramRequestRecord | None:
    """Mark an open request approved or declined; None when it is no longer open (decided meanwhile)."""
    assert status in ("approved", "declined")
    with store.transaction() as db:
        row = db.get(ProgramRequest, request_id, with_for_update=True)
        if row is None or row.status != "open":
            return None
        row.status = status
        row.decided_at = now or utcnow()
        row.decided_by = clinician_id
        db.flush()
        return _request(row)
