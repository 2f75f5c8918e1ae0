"""After a session or a next-morning answer: the library's `course.after_session` runs progression,
stores the decisions and plans the coming sessions again when a dose or the stage changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import Request

from rehabit import course
from rehabit.store import DecisionRecord, SessionLogRecord, decisions
from rehabit.web._context import store_of


@dataclass(frozen=True)
class SessionNews:
    """This session's stored decisions and what the person is told (new doses, coming sessions re-planned)."""

    decisions: list[DecisionRecord]
    messages: list[str]


def decide_after_session(request: Request, log: SessionLogRecord) -> SessionNews:
    """Bring decisions, doses, stage and the coming sessions up to date; return this session's news."""
    store = store_of(request)
    after = course.after_session(store, log.person_id, date.today())
    return SessionNews(
        decisions=decisions.list_decisions(store, log.person_id, session_log_id=log.id),
        messages=list(after.messages),
    )
