"""After a session or a next-morning answer: the progression engine runs (`rehabit.course`)."""

from __future__ import annotations

from fastapi import Request

from rehabit import course
from rehabit.store import DecisionRecord, SessionLogRecord, decisions
from rehabit.web._context import store_of


def decide_after_session(request: Request, log: SessionLogRecord) -> list[DecisionRecord]:
    """Bring the person's decisions, doses and stage up to date; return this session's decisions."""
    store = store_of(request)
    course.update_course(store, log.person_id)
    return decisions.list_decisions(store, log.person_id, session_log_id=log.id)
