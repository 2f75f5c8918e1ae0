"""Progression decisions as stored: one per exercise per evaluation, with the rule that fired."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select

from rehabit.domain.records import DecisionRecord
from rehabit.errors import RehabitError
from rehabit.model import Dose
from rehabit.store import _convert, tables
from rehabit.store.database import Store, utcnow

KINDS = ("progress", "hold", "regress", "stop_and_refer")

__all__ = ["KINDS", "add_decision", "delete_decisions", "list_decisions"]


def add_decision(
    store: Store,
    person_id: int,
    exercise_id: str,
    kind: str,
    rule_id: str,
    facts: str,
    *,
    old_dose: Dose | None = None,
    new_dose: Dose | None = None,
    session_log_id: int | None = None,
    created_at: datetime | None = None,
) -> DecisionRecord:
    """Store one decision; committed at once."""
    if kind not in KINDS:
        raise RehabitError(f"unknown decision {kind!r} (one of {', '.join(KINDS)})")
    row = tables.Decision(
        person_id=person_id,
        session_log_id=session_log_id,
        exercise_id=exercise_id,
        kind=kind,
        rule_id=rule_id,
        facts=facts,
        old_dose=_convert.dose_json(old_dose),
        new_dose=_convert.dose_json(new_dose),
        created_at=created_at or utcnow(),
    )
    with store.transaction() as db:
        db.add(row)
        db.flush()
        return _convert.decision(row)


def list_decisions(
    store: Store,
    person_id: int,
    *,
    exercise_id: str | None = None,
    session_log_id: int | None = None,
    session_log_ids: Iterable[int] | None = None,
) -> list[DecisionRecord]:
    """A person's decisions, oldest first, optionally only for one exercise, one session or these sessions."""
    # plain rows, not ORM objects: a history page reads about six decisions for each of its sessions
    query = select(tables.Decision.__table__).where(tables.Decision.person_id == person_id)
    if session_log_ids is not None:
        query = query.where(tables.Decision.session_log_id.in_(list(session_log_ids)))
    if exercise_id is not None:
        query = query.where(tables.Decision.exercise_id == exercise_id)
    if session_log_id is not None:
        query = query.where(tables.Decision.session_log_id == session_log_id)
    with store.read() as db:
        rows = db.connection().execute(query.order_by(tables.Decision.created_at, tables.Decision.id))
        return [_convert.decision(row) for row in rows]


def delete_decisions(store: Store, person_id: int, *, session_log_ids: Iterable[int] | None = None) -> int:
    """Remove a person's decisions (all, or those of these sessions) before progression stores them afresh."""
    query = delete(tables.Decision).where(tables.Decision.person_id == person_id)
    if session_log_ids is not None:
        query = query.where(tables.Decision.session_log_id.in_(list(session_log_ids)))
    with store.transaction() as db:
        result = db.execute(query)
        return int(getattr(result, "rowcount", 0) or 0)
