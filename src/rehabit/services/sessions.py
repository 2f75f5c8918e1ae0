"""Sessions, one door per action: start (or carry on), log a set, finish, end early, next-morning pain.

The CLI's `rehabit session`, the web player and the JSON API all come through these functions, so the
same action gives the same result at every door. Every set is committed the moment it is logged, under
an idempotency key, so a set sent twice (a retry, an offline queue) is stored once. Finishing a
session, or recording its next-morning pain, brings the course up to date (`course.update_course`: one
replay) and plans the coming sessions again when a dose or the stage changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from rehabit.domain.progression import Decision
from rehabit.domain.records import DecisionRecord, PlannedSessionRecord, SessionLogRecord, SetLogRecord
from rehabit.domain.rules import Thresholds
from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Program
from rehabit.player.clock import Clock, MonotonicClock
from rehabit.player.engine import SessionEngine, SetRecord, resume_step
from rehabit.player.pain import PainThresholds, pain_advice, pain_band
from rehabit.services import course, planning
from rehabit.services.course import decision_name, person_thresholds, thresholds_of
from rehabit.services.history import DecisionItem, decision_item
from rehabit.services.player import (
    SessionView,
    engine_logged,
    logged_units,
    program_and_timeline,
    session_view,
    set_key,
)
from rehabit.store import Store, decisions, people, plans, programs, sessions

__all__ = [
    "SessionFinished",
    "SessionStart",
    "SetInput",
    "SetLogged",
    "end_session",
    "finish_session",
    "log_set",
    "next_morning_due",
    "next_session",
    "open_engine",
    "record_next_morning_pain",
    "start_session",
    "unfinished",
]

Pain = Annotated[int, Field(ge=0, le=10, description="0 no pain … 10 worst imaginable")]


class SetInput(BaseModel):
    """One set as a face reports it: which set, what was done, the pain during it."""

    model_config = ConfigDict(extra="forbid", strict=True)

    idempotency_key: str = Field(min_length=1, max_length=100)
    exercise_id: str = Field(min_length=1, max_length=80)
    set_number: int = Field(ge=1, le=100)
    side: str | None = Field(default=None, pattern="^(left|right)$")
    reps_done: int | None = Field(default=None, ge=0, le=10_000)
    seconds_held: int | None = Field(default=None, ge=0, le=36_000)
    pain_during: Pain | None = None
    stopped_for_pain: bool = False


class SetLogged(BaseModel):
    """The set as stored; `created` False when it had been stored before (the same key again)."""

    set: SetLogRecord
    created: bool
    advice: str | None = None
    pain_band: str | None = None


class SessionFinished(BaseModel):
    """A finished session, the decisions it led to, and what the person is told."""

    session: SessionView
    decisions: list[DecisionItem]
    messages: list[str]


@dataclass(frozen=True)
class SessionStart:
    """The session to run: a new one, or the unfinished one carried on (`resumed`)."""

    log: SessionLogRecord
    planned: PlannedSessionRecord
    resumed: bool
    on_planned_date: bool


# --- start --------------------------------------------------------------------------------------------


def unfinished(store: Store, person_id: int) -> SessionLogRecord | None:
    """The person's session still in progress, with the sets logged so far, or None."""
    return sessions.unfinished_session(store, person_id)


def next_session(store: Store, person_id: int, on: date) -> PlannedSessionRecord:
    """The session planned on `on`, else the next planned one after it; RehabitError when none is left."""
    upcoming = plans.next_planned_sessions(store, person_id, on, limit=1)
    if not upcoming:
        raise RehabitError(f"no session is planned on or after {on.isoformat()}: make a plan first")
    return upcoming[0]


def start_session(
    store: Store,
    person_id: int,
    today: date,
    *,
    planned_session_id: int | None = None,
    pain_before: int | None = None,
    carry_on: bool = True,
) -> SessionStart:
    """Start the planned session (the next one from `today` when none is named), or carry on the one
    still in progress: a person has one session in progress at a time.

    An unfinished session is carried on when it is the one asked for, or when none was named and
    `carry_on` is True; with `carry_on` False it is ended (its sets are kept) and a new one starts.
    Asking for another planned session while one is in progress is refused unless `carry_on` is False.
    """
    with store.transaction():
        unfinished = sessions.unfinished_session(store, person_id)
        if planned_session_id is not None:
            planned = plans.get_planned_session(store, planned_session_id)
            if planned.person_id != person_id:
                raise NotFoundError(f"no planned session with id {planned_session_id}")
        elif unfinished is not None and unfinished.planned_session_id is not None and carry_on:
            planned = plans.get_planned_session(store, unfinished.planned_session_id)
        else:
            planned = next_session(store, person_id, today)
        if unfinished is not None:
            if unfinished.planned_session_id == planned.id and carry_on:
                return SessionStart(unfinished, planned, True, planned.on_date == today)
            if carry_on:
                when = unfinished.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
                raise RehabitError(
                    f"the session started {when} is not finished: carry it on, or end it before starting another"
                )
            sessions.abandon_session(store, unfinished.id, notes="not carried on")
        if planned.status != "planned":
            raise RehabitError(f"the session planned for {planned.on_date.isoformat()} is {planned.status} already")
        version_id = plans.plan_program_version(store, planned.plan_id)
        log = sessions.start_session(
            store, person_id, version_id, planned_session_id=planned.id, pain_before=pain_before
        )
    return SessionStart(log, planned, False, planned.on_date == today)


# --- sets ---------------------------------------------------------------------------------------------


def log_set(store: Store, session_id: int, entry: SetInput) -> SetLogged:
    """Log one set the moment it completes (one transaction); the same idempotency key again returns the
    stored set. The exercise must be one of the session's planned exercises. A set stopped for pain gets
    the PAIN-1/PAIN-2 advice at the person's own thresholds."""
    with store.transaction():
        target = sessions.set_target(store, session_id)
        if target.planned_exercise_ids is not None and entry.exercise_id not in target.planned_exercise_ids:
            raise NotFoundError(f"no exercise {entry.exercise_id!r} in this session")
        record, created = sessions.record_set(
            store,
            session_id,
            entry.exercise_id,
            entry.set_number,
            idempotency_key=entry.idempotency_key,
            target=target,
            side=entry.side,
            reps_done=entry.reps_done,
            seconds_held=entry.seconds_held,
            pain_during=entry.pain_during,
            stopped_for_pain=entry.stopped_for_pain,
        )
    pain = record.pain_during
    if pain is None:
        return SetLogged(set=record, created=created)
    limits = _pain_limits(thresholds_of(target.person_settings))
    return SetLogged(
        set=record,
        created=created,
        advice=pain_advice(pain, limits) if record.stopped_for_pain else None,
        pain_band=pain_band(pain, limits).value,
    )


def _pain_limits(thresholds: Thresholds) -> PainThresholds:
    return PainThresholds(safe_max=thresholds.pain_safe_max, acceptable_max=thresholds.pain_acceptable_max)


# --- finish -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AfterSession:
    """What progression decided after the latest session, and what the person is told."""

    decisions: list[Decision]
    replanned: bool
    messages: tuple[str, ...] = ()
    advice: str | None = None  # why the coming sessions could not be planned again


def after_session(store: Store, person_id: int, today: date) -> AfterSession:
    """Bring the course up to date (one replay) and, when a dose or the stage changed, plan the sessions
    still to come again with the new doses."""
    update = course.update_course(store, person_id)
    latest = update.logs[-1] if update.logs else None
    found = update.decisions.get(latest.id, []) if latest is not None else []
    messages = tuple(_news(update.program, d) for d in found if d.kind.value != "hold")
    if not messages:
        return AfterSession(found, False)
    replanned, advice = planning.replan_coming(store, person_id, today, update)
    if advice is not None:
        return AfterSession(found, False, messages + (advice,), advice)
    if replanned:
        return AfterSession(found, True, messages + ("Your coming sessions now use these doses.",))
    return AfterSession(found, False, messages)


def _news(program: Program, decision: Decision) -> str:
    """One line for the person, e.g. "Glute bridge: up to 12 reps · hold 2 s next time (DOSE-1)"."""
    name = decision_name(program, decision)
    after = "" if decision.dose_after is None else decision.dose_after.describe(program)
    if decision.rule_id == "STAGE-1":
        return f"New stage: {decision.facts} (STAGE-1)."
    if decision.kind.value == "stop_and_refer":
        return f"{name}: paused — {decision.facts}. Please see a health professional before doing it again (PAIN-4)."
    direction = "up to" if decision.kind.value == "progress" else "down to"
    return f"{name}: {direction} {after} next time — {decision.facts} ({decision.rule_id})."


def finish_session(
    store: Store,
    session_id: int,
    today: date,
    *,
    pain_after: int | None = None,
    effort: int | None = None,
    notes: str | None = None,
) -> SessionFinished:
    """Finish a session with the pain right after it and the effort, then run progression (decisions
    stored, coming sessions planned again with new doses); returns this session's decisions."""
    with store.transaction():
        log = sessions.finish_session(store, session_id, pain_after=pain_after, effort=effort, notes=notes)
        after = after_session(store, log.person_id, today)
        stored = decisions.list_decisions(store, log.person_id, session_log_id=log.id)
        program = programs.get_program_version(store, log.program_version_id).program
        thresholds = person_thresholds(people.get_person(store, log.person_id))
        view = session_view(store, log)
    return SessionFinished(
        session=view,
        decisions=[decision_item(program, d, thresholds) for d in stored],
        messages=list(after.messages),
    )


def end_session(store: Store, session_id: int, *, notes: str = "ended early") -> SessionView:
    """End a session early on purpose: the sets done so far are kept and count as what was done."""
    with store.transaction():
        log = sessions.abandon_session(store, session_id, notes=notes)
        return session_view(store, log)


# --- next morning -------------------------------------------------------------------------------------


def next_morning_due(store: Store, person_id: int, today: date) -> list[SessionLogRecord]:
    """Finished sessions from before today whose next-morning pain has not been asked yet."""
    midnight = datetime.combine(today, time()).astimezone()
    return sessions.sessions_needing_next_morning_pain(store, person_id, finished_before=midnight)


def record_next_morning_pain(
    store: Store, session_id: int, pain: int | None, today: date
) -> tuple[SessionLogRecord, list[str]]:
    """Store the pain the morning after a session (None: asked, no answer given; it is not asked again).

    A rating brings the course up to date (PAIN-3 compares it with the pain before the session) and
    returns what changed for the person.
    """
    with store.transaction():
        log = sessions.record_next_morning_pain(store, session_id, pain)
        messages = list(after_session(store, log.person_id, today).messages) if pain is not None else []
    return log, messages


def stored_decisions(store: Store, person_id: int, session_id: int) -> list[DecisionRecord]:
    """The decisions stored for one session."""
    return decisions.list_decisions(store, person_id, session_log_id=session_id)


# --- the terminal player ------------------------------------------------------------------------------


class SetLogger:
    """Commits each set the engine finishes at once, through the same door as the web (`log_set`)."""

    def __init__(self, store: Store, session_log_id: int) -> None:
        self.store = store
        self.session_log_id = session_log_id
        self.logged: list[SetLogRecord] = []

    def __call__(self, record: SetRecord) -> None:
        logged = log_set(
            self.store,
            self.session_log_id,
            SetInput(
                idempotency_key=set_key(self.session_log_id, record.exercise_id, record.set_number, record.side),
                exercise_id=record.exercise_id,
                set_number=record.set_number,
                side=record.side,
                reps_done=record.reps_done,
                seconds_held=record.seconds_held,
                pain_during=record.pain_during,
                stopped_for_pain=record.stopped_for_pain,
            ),
        )
        self.logged.append(logged.set)


def open_engine(
    store: Store,
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
    _program, timeline = program_and_timeline(store, planned)
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
