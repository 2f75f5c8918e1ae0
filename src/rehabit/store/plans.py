"""Plans and their dated sessions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from rehabit.domain.records import PlannedSessionRecord, PlanRecord
from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Dose
from rehabit.store import _convert, tables
from rehabit.store.database import Store, utcnow

STATUSES = ("planned", "done", "skipped", "replaced", "cancelled")

__all__ = [
    "STATUSES",
    "SessionDraft",
    "cancel_planned_sessions",
    "get_plan",
    "get_planned_session",
    "latest_plan",
    "list_plans",
    "next_planned_sessions",
    "plan_program_version",
    "planned_exercise_counts",
    "replaced_dates",
    "save_plan",
    "set_planned_status",
]


@dataclass(frozen=True)
class SessionDraft:
    """A session to store with a plan: its date, stage, (exercise id, dose) pairs and estimated seconds."""

    on_date: date
    stage_index: int
    exercises: tuple[tuple[str, Dose], ...]
    estimated_seconds: int
    status: str = "planned"


def save_plan(
    store: Store,
    person_id: int,
    program_version_id: int,
    start_date: date,
    weeks: int,
    sessions: Iterable[SessionDraft],
    notes: Sequence[str] = (),
    *,
    created_at: datetime | None = None,
    replace_future: bool = True,
) -> PlanRecord:
    """Store a plan; sessions still `planned` on or after `start_date` in earlier plans become `replaced`."""
    drafts = sorted(sessions, key=lambda draft: draft.on_date)
    for draft in drafts:
        if draft.status not in STATUSES:
            raise RehabitError(f"unknown planned-session status {draft.status!r}")
    with store.transaction() as db:
        if db.get(tables.Person, person_id) is None:
            raise NotFoundError(f"no profile with id {person_id}")
        if replace_future:
            earlier = db.scalars(
                select(tables.PlannedSession).where(
                    tables.PlannedSession.person_id == person_id,
                    tables.PlannedSession.status == "planned",
                    tables.PlannedSession.on_date >= start_date,
                )
            )
            for old in earlier:
                old.status = "replaced"
        plan = tables.Plan(
            person_id=person_id,
            program_version_id=program_version_id,
            created_at=created_at or utcnow(),
            start_date=start_date,
            weeks=weeks,
            notes=list(notes),
        )
        db.add(plan)
        db.flush()
        rows = [
            tables.PlannedSession(
                plan_id=plan.id,
                person_id=person_id,
                on_date=draft.on_date,
                stage_index=draft.stage_index,
                exercises=[
                    {"exercise_id": exercise_id, "dose": dose.model_dump(mode="json")}
                    for exercise_id, dose in draft.exercises
                ],
                estimated_seconds=draft.estimated_seconds,
                status=draft.status,
            )
            for draft in drafts
        ]
        db.add_all(rows)
        db.flush()
        return _convert.plan(plan, rows)


def cancel_planned_sessions(store: Store, person_id: int, since: date, reason: str) -> list[PlannedSessionRecord]:
    """Mark the person's sessions still `planned` on or after `since` as cancelled, saying why."""
    with store.transaction() as db:
        rows = list(
            db.scalars(
                select(tables.PlannedSession)
                .where(
                    tables.PlannedSession.person_id == person_id,
                    tables.PlannedSession.status == "planned",
                    tables.PlannedSession.on_date >= since,
                )
                .order_by(tables.PlannedSession.on_date, tables.PlannedSession.id)
            )
        )
        for row in rows:
            row.status = "cancelled"
            row.status_reason = reason
        db.flush()
        return [_convert.planned_session(row) for row in rows]


def get_plan(store: Store, plan_id: int) -> PlanRecord:
    """The plan with this id and its sessions; NotFoundError when there is none."""
    with store.read() as db:
        row = db.get(tables.Plan, plan_id)
        if row is None:
            raise NotFoundError(f"no plan with id {plan_id}")
        return _convert.plan(row, _sessions_of(db, row.id))


def plan_program_version(store: Store, plan_id: int) -> int:
    """The id of the program version a plan was made from (one small query)."""
    with store.read() as db:
        found = db.connection().execute(_PLAN_VERSION, {"id": plan_id}).scalar()
        if found is None:
            raise NotFoundError(f"no plan with id {plan_id}")
        return int(found)


_PLAN_VERSION = select(tables.Plan.program_version_id).where(tables.Plan.id == bindparam("id"))


def latest_plan(store: Store, person_id: int) -> PlanRecord | None:
    """The person's most recently made plan, or None."""
    with store.read() as db:
        row = db.scalars(
            select(tables.Plan).where(tables.Plan.person_id == person_id).order_by(tables.Plan.id.desc()).limit(1)
        ).first()
        return None if row is None else _convert.plan(row, _sessions_of(db, row.id))


def list_plans(store: Store, person_id: int) -> list[PlanRecord]:
    """Every plan of a person with its sessions, oldest first."""
    with store.read() as db:
        rows = db.scalars(select(tables.Plan).where(tables.Plan.person_id == person_id).order_by(tables.Plan.id))
        return [_convert.plan(row, _sessions_of(db, row.id)) for row in rows]


def next_planned_sessions(store: Store, person_id: int, today: date, limit: int = 1) -> list[PlannedSessionRecord]:
    """The person's next sessions still to do (status planned), from `today` on, in date order."""
    with store.read() as db:
        rows = db.connection().execute(
            select(tables.PlannedSession.__table__)
            .where(
                tables.PlannedSession.person_id == person_id,
                tables.PlannedSession.status == "planned",
                tables.PlannedSession.on_date >= today,
            )
            .order_by(tables.PlannedSession.on_date, tables.PlannedSession.id)
            .limit(limit)
        )
        return [_convert.planned_session(row) for row in rows]


def replaced_dates(store: Store, person_id: int, since: date) -> list[date]:
    """Dates from `since` on that had a session in an earlier plan which a newer plan replaced."""
    with store.read() as db:
        found = db.scalars(
            select(tables.PlannedSession.on_date)
            .where(
                tables.PlannedSession.person_id == person_id,
                tables.PlannedSession.status == "replaced",
                tables.PlannedSession.on_date >= since,
            )
            .distinct()
            .order_by(tables.PlannedSession.on_date)
        )
        return list(found)


def get_planned_session(store: Store, planned_session_id: int) -> PlannedSessionRecord:
    """The planned session with this id; NotFoundError when there is none."""
    with store.read() as db:
        row = db.get(tables.PlannedSession, planned_session_id)
        if row is None:
            raise NotFoundError(f"no planned session with id {planned_session_id}")
        return _convert.planned_session(row)


def planned_exercise_counts(store: Store, planned_session_ids: Iterable[int]) -> dict[int, int]:
    """How many exercises each of these planned sessions holds (one query; unknown ids are left out)."""
    wanted = sorted(set(planned_session_ids))
    if not wanted:
        return {}
    with store.read() as db:
        rows = db.execute(
            select(tables.PlannedSession.id, tables.PlannedSession.exercises).where(
                tables.PlannedSession.id.in_(wanted)
            )
        )
        return {row_id: len(exercises) for row_id, exercises in rows}


def set_planned_status(store: Store, planned_session_id: int, status: str) -> PlannedSessionRecord:
    """Mark a planned session planned, done, skipped or replaced."""
    if status not in STATUSES:
        raise RehabitError(f"unknown planned-session status {status!r} (one of {', '.join(STATUSES)})")
    with store.transaction() as db:
        row = db.get(tables.PlannedSession, planned_session_id)
        if row is None:
            raise NotFoundError(f"no planned session with id {planned_session_id}")
        row.status = status
        db.flush()
        return _convert.planned_session(row)


def _sessions_of(db: Session, plan_id: int) -> list[tables.PlannedSession]:
    return list(
        db.scalars(
            select(tables.PlannedSession)
            .where(tables.PlannedSession.plan_id == plan_id)
            .order_by(tables.PlannedSession.on_date, tables.PlannedSession.id)
        )
    )
