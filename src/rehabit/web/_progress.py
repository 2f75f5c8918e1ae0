"""After a session: the progression decisions it led to, from the library's progression engine."""

from __future__ import annotations

from fastapi import Request

from rehabit.store import DecisionRecord, SessionLogRecord, decisions
from rehabit.web._context import store_of


def decide_after_session(request: Request, log: SessionLogRecord) -> list[DecisionRecord]:
    """The decisions stored for this finished session (the progression engine writes them)."""
    return decisions.list_decisions(store_of(request), log.person_id, session_log_id=log.id)
