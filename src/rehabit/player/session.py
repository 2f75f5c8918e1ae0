"""Running a planned session against the store: which session, where to resume, logging each set.

The terminal player and the `rehabit session` command stay thin by calling these. Every set the
engine finishes goes through `SetLogger`, which commits it at once under an idempotency key made of
the session log, the exercise, the side and the set number, so a set sent twice is stored once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time
from typing import Any

from rehabit.errors import RehabitError
from rehabit.model import Program
from rehabit.player.clock import Clock, MonotonicClock
from rehabit.player.engine import SessionEngine, SetRecord, resume_step
from rehabit.store import (
    PersonRecord,
    PlannedSessionRecord,
    SessionLogRecord,
    SetLogRecord,
    Store,
    plans,
    programs,
    sessions,
)
from rehabit.timeline import DoseChoice, Pacing, Timeline, build_timeline, choose_dose

__all__ = [
    "SessionChoice",
    "SetLogger",
    "choose_planned_session",
    "engine_logged",
    "logged_units",
    "open_engine",
    "pacing_from_settings",
    "planned_timeline",
    "session_program",
    "session_program_version",
    "sessions_to_ask_next_morning",
    "set_key",
]


@dataclass(frozen=True)
class SessionChoice:
    """The planned session to run; `is_on_date` is False when it is the next one after the date asked."""

    planned: PlannedSessionRecord
    is_on_date: bool


def choose_planned_session(store: Store, person_id: int, on: date) -> SessionChoice:
    """The session planned on `on`, else the next planned one after it; RehabitError when none is left."""
    upcoming = plans.next_planned_sessions(store, person_id, on, limit=1)
    if not upcoming:
        raise RehabitError(f"no session is planned on or after {on.isoformat()}: make a plan with `rehabit plan`")
    return SessionChoice(planned=upcoming[0], is_on_date=upcoming[0].on_date == on)


def pacing_from_settings(settings: dict[str, Any]) -> Pacing:
    """The pacing a profile asks for under its `pacing` setting (unknown keys are ignored)."""
    wanted = settings.get("pacing") or {}
    names = {item.name for item in fields(Pacing)}
    if not isinstance(wanted, dict):
        return Pacing()
    return Pacing(**{name: float(value) for name, value in wanted.items() if name in names and value is not None})


def session_program_version(store: Store, planned: PlannedSessionRecord) -> int:
    """The id of the program version the planned session's plan was made from."""
    return plans.get_plan(store, planned.plan_id).program_version_id


def session_program(store: Store, planned: PlannedSessionRecord) -> Program:
    """The program the planned session's plan was made from."""
    return programs.get_program_version(store, session_program_version(store, planned)).program


def planned_timeline(program: Program, planned: PlannedSessionRecord, pacing: Pacing | None = None) -> Timeline:
    """The timeline of a planned session: its exercises at the low end of each planned dose."""
    known = {exercise.id for exercise in program.exercises}
    missing = [item.exercise_id for item in planned.exercises if item.exercise_id not in known]
    if missing:
        raise RehabitError(f"the planned session names exercises its program lacks: {', '.join(missing)}")
    exercises = [program.exercise(item.exercise_id) for item in planned.exercises]
    doses: list[DoseChoice] = [choose_dose(item.dose) for item in planned.exercises]
    return build_timeline(exercises, doses, pacing)


def logged_units(log: SessionLogRecord) -> list[tuple[str, int, str | None, bool]]:
    """The sets a session log holds, as (exercise_id, set_number, side, stopped_for_pain) for resuming."""
    return [(item.exercise_id, item.set_number, item.side or None, item.stopped_for_pain) for item in log.sets]


def engine_logged(timeline: Timeline, log: SessionLogRecord) -> list[tuple[int, int, str | None]]:
    """The logged sets as the engine counts them: (exercise position, set number, side)."""
    position = {exercise.id: index for index, exercise in enumerate(timeline.exercises)}
    return [
        (position[item.exercise_id], item.set_number, item.side or None)
        for item in log.sets
        if item.exercise_id in position
    ]


def set_key(session_log_id: int, exercise_id: str, set_number: int, side: str | None) -> str:
    """The idempotency key of one set of one session: the same set always gets the same key."""
    return f"session-{session_log_id}:{exercise_id}:{side or 'both'}:{set_number}"


class SetLogger:
    """Commits each set the engine finishes, at once; a set seen before is not stored twice."""

    def __init__(self, store: Store, session_log_id: int) -> None:
        self.store = store
        self.session_log_id = session_log_id
        self.logged: list[SetLogRecord] = []

    def __call__(self, record: SetRecord) -> None:
        stored = sessions.log_set(
            self.store,
            self.session_log_id,
            record.exercise_id,
            record.set_number,
            idempotency_key=set_key(self.session_log_id, record.exercise_id, record.set_number, record.side),
            side=record.side,
            reps_done=record.reps_done,
            seconds_held=record.seconds_held,
            pain_during=record.pain_during,
            stopped_for_pain=record.stopped_for_pain,
        )
        self.logged.append(stored)


def open_engine(
    store: Store,
    person: PersonRecord,
    log: SessionLogRecord,
    planned: PlannedSessionRecord,
    *,
    speed: float = 1.0,
    pain_during: int | None = None,
    clock: Clock | None = None,
) -> tuple[SessionEngine, SetLogger]:
    """An engine over the planned session's timeline, starting after the sets `log` already holds.

    Sets it finishes are committed through the returned `SetLogger` the moment they complete.
    """
    program = session_program(store, planned)
    timeline = planned_timeline(program, planned, pacing_from_settings(person.settings))
    logger = SetLogger(store, log.id)
    engine = SessionEngine(
        timeline,
        clock or MonotonicClock(),
        speed=speed,
        on_set=logger,
        start_step=resume_step(timeline, logged_units(log)),
        pain_during=pain_during,
        logged=engine_logged(timeline, log),
    )
    return engine, logger


def sessions_to_ask_next_morning(store: Store, person_id: int, today: date) -> list[SessionLogRecord]:
    """Finished sessions from before today whose next-morning pain has not been asked yet."""
    midnight = datetime.combine(today, time()).astimezone()
    return sessions.sessions_needing_next_morning_pain(store, person_id, finished_before=midnight)
