"""Sessions, one door per action: start (or carry on), log a set, rate an exercise's pain, finish, end
early, next-morning pain.

The CLI's `rehabit session`, the web player and the JSON API all come through these functions, so the
same action gives the same result at every door. A session starts only when `safety.start_refusal`
allows it (SCREEN-2, SCREEN-3, PAIN-4, FREQ-1), on the date it is logged on (`on`: the CLI's `--date`
and the API's `on_date` mean the same). Every set is committed the moment it is logged, under an
idempotency key, so a set sent twice (a retry, an offline queue) is stored once; its pain is rated
after the exercise (or "not rated"), never carried over. Finishing a session, or recording its
next-morning pain, brings the course up to date (`course.update_course`: one replay) and plans the
coming sessions again when a dose or the stage changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from rehabit.domain.progression import Decision
from rehabit.domain.records import DecisionRecord, PlannedSessionRecord, SessionLogRecord, SetLogRecord
from rehabit.domain.rules import Refusal
from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Program
from rehabit.player.pain import stop_advice
from rehabit.services import course, planning
from rehabit.services.course import decision_name, local_date, pauses, pauses_of, person_thresholds, thresholds_of
from rehabit.services.history import DecisionItem, decision_item
from rehabit.services.player import LeftOut, SessionView, left_out, session_view
from rehabit.services.safety import SessionRefused, StartRefusal, refusal_view, require_start_allowed
from rehabit.store import Store, decisions, people, plans, programs, sessions, utcnow

__all__ = [
    "NOT_RATED",
    "MorningPain",
    "PainRated",
    "SessionFinished",
    "SessionRefused",
    "SessionStart",
    "SetInput",
    "SetLogged",
    "end_session",
    "finish_session",
    "log_set",
    "next_morning_due",
    "next_session",
    "rate_exercise_pain",
    "record_next_morning_pain",
    "start_session",
    "unfinished",
]

NOT_RATED = "not rated"
Pain = Annotated[int, Field(ge=0, le=10, description="0 no pain … 10 worst imaginable")]


class SetInput(BaseModel):
    """One set as a face reports it: which set, what was done, the pain during it.

    `pain_during` is a rating 0–10, "not rated" when the person was asked and chose not to say, or left
    out (null) when it is asked after the exercise (`rate_exercise_pain`). It is never taken as 0.
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    idempotency_key: str = Field(min_length=1, max_length=100)
    exercise_id: str = Field(min_length=1, max_length=80)
    set_number: int = Field(ge=1, le=100)
    side: str | None = Field(default=None, pattern="^(left|right)$")
    reps_done: int | None = Field(default=None, ge=0, le=10_000)
    seconds_held: int | None = Field(default=None, ge=0, le=36_000)
    pain_during: Pain | Literal["not rated"] | None = None
    stopped_for_pain: bool = False

    @field_validator("pain_during", mode="before")
    @classmethod
    def _one_pain(cls, value: object) -> object:
        """One clear error for a bad pain (not one per kind of answer the field takes)."""
        if value is None or value == NOT_RATED:
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise PydanticCustomError("pain", 'Input should be a whole number from 0 to 10, or "not rated"')
        if not 0 <= value <= 10:
            raise PydanticCustomError("pain", "Input should be from 0 to 10")
        return value


class SetLogged(BaseModel):
    """The set as stored; `created` False when it had been stored before (the same key again).

    For a set stopped for pain: the advice (what PAIN-1, PAIN-2 and PAIN-4 will decide, at the person's own
    thresholds), the pain band, and `end_session` when the pain is above the 'too much' threshold.
    """

    set: SetLogRecord
    created: bool
    advice: str | None = None
    pain_band: str | None = None
    end_session: bool = False


class PainRated(BaseModel):
    """An exercise's pain rating given to its sets that were still waiting for one."""

    exercise_id: str
    pain_during: int | None
    sets: list[SetLogRecord]


class SessionFinished(BaseModel):
    """A finished session, the decisions it led to, and what the person is told.

    `messages` are in a page's words and name no terminal command; `commands` are the terminal's way to do
    what they ask (the CLI prints "In the terminal: `...`" after them).
    """

    session: SessionView
    decisions: list[DecisionItem]
    messages: list[str]
    commands: list[str] = []


class MorningPain(BaseModel):
    """A next-morning pain recorded: the session, what changed for the person (`messages`, a page's
    words) and the terminal's way to do what they ask (`commands`)."""

    log: SessionLogRecord
    messages: list[str]
    commands: list[str] = []


@dataclass(frozen=True)
class SessionStart:
    """The session to run: a new one, or the unfinished one carried on (`resumed`)."""

    log: SessionLogRecord
    planned: PlannedSessionRecord
    resumed: bool
    on_planned_date: bool
    left_out: tuple[LeftOut, ...] = ()  # the planned exercises PAIN-4 paused since: not done, and why


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


def check_date(on: date, today: date) -> date:
    """The date a session is logged on: today or a day before; RehabitError for a day still to come."""
    if on > today:
        raise RehabitError(
            f"{on.isoformat()} is still to come: a session is logged on the day it is done (today or earlier)"
        )
    return on


def start_session(
    store: Store,
    person_id: int,
    today: date,
    *,
    on: date | None = None,
    planned_session_id: int | None = None,
    pain_before: int | None = None,
    carry_on: bool = True,
    extra: bool = False,
) -> SessionStart:
    """Start the planned session (the next one from `on` when none is named), logged on `on` (today by
    default, never a day still to come), or carry on the one still in progress: a person has one session
    in progress at a time.

    Refused (SessionRefused, with the reason and what to do) after a screen that allows no program
    (SCREEN-2, SCREEN-3), while PAIN-4 pauses the program, and on the day of, before or after a session
    already logged (FREQ-1) unless `extra`: an extra session is logged as such, does not use up its planned
    session, and never counts towards DOSE-1. Carrying on is refused by the screen and PAIN-4 only.

    An unfinished session is carried on when it is the one asked for, or when none was named and
    `carry_on` is True; with `carry_on` False it is ended (its sets are kept) and a new one starts.
    Asking for another planned session while one is in progress is refused unless `carry_on` is False.
    """
    day = check_date(on or today, today)
    with store.transaction():
        named = None if planned_session_id is None else plans.get_planned_session(store, planned_session_id)
        if named is not None and named.person_id != person_id:
            raise NotFoundError(f"no planned session with id {planned_session_id}")
        unfinished = sessions.unfinished_session(store, person_id)
        if unfinished is not None and carry_on:
            if planned_session_id in (None, unfinished.planned_session_id) and unfinished.planned_session_id:
                planned = plans.get_planned_session(store, unfinished.planned_session_id)
                require_start_allowed(store, person_id, local_date(unfinished.started_at), extra=True)
                return SessionStart(
                    unfinished, planned, True, planned.on_date == day, _left_out(store, person_id, planned)
                )
            when = unfinished.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
            raise RehabitError(
                f"the session started {when} is not finished: carry it on, or end it before starting another"
            )
        leaving = None if unfinished is None else unfinished.id
        try:
            require_start_allowed(store, person_id, day, leaving_out=leaving)
            extra = False  # nothing to let past: a regular session
        except SessionRefused as refused:
            if not (extra and refused.refusal.extra_allowed):
                raise
        planned = named if named is not None else next_session(store, person_id, day)
        if planned.status != "planned":
            raise RehabitError(f"the session planned for {planned.on_date.isoformat()} is {planned.status} already")
        _require_something_to_do(store, person_id, planned)
        if unfinished is not None:
            closing = _closing(unfinished, today)
            sessions.abandon_session(store, unfinished.id, notes="not carried on", abandoned_at=closing)
        version_id = plans.plan_program_version(store, planned.plan_id)
        log = sessions.start_session(
            store,
            person_id,
            version_id,
            planned_session_id=planned.id,
            pain_before=pain_before,
            started_at=_starting(day, today),
            extra=extra,
        )
        paused = _left_out(store, person_id, planned)
    return SessionStart(log, planned, False, planned.on_date == day, paused)


def _left_out(store: Store, person_id: int, planned: PlannedSessionRecord) -> tuple[LeftOut, ...]:
    program = programs.get_program_version(store, plans.plan_program_version(store, planned.plan_id)).program
    return tuple(left_out(program, planned, people.get_person(store, person_id)))


def _starting(day: date, today: date) -> datetime:
    """When a session logged on `day` starts: now, at this time of day on `day`."""
    now = datetime.now().astimezone()
    return now if day == today else datetime.combine(day, now.timetz())


def _closing(log: SessionLogRecord, today: date) -> datetime:
    """When a session ends: now, or for a session logged on an earlier day, as long after its start."""
    now = utcnow()
    behind = (today - local_date(log.started_at)).days
    if behind <= 0:
        return now
    elapsed = now - log.started_at - timedelta(days=behind)
    return log.started_at + min(max(elapsed, timedelta()), timedelta(hours=12))


def _require_something_to_do(store: Store, person_id: int, planned: PlannedSessionRecord) -> None:
    paused = pauses(people.get_person(store, person_id)).exercises
    if planned.exercises and all(item.exercise_id in paused for item in planned.exercises):
        reason = "; ".join(sorted(set(paused.values())))
        raise SessionRefused(_paused_refusal(f"Every exercise of this session is paused: {reason}."))


def _paused_refusal(reason: str) -> StartRefusal:
    """PAIN-4 for exercises paused one by one: they are left out; a set of one is refused."""
    return refusal_view(
        Refusal(
            "PAIN-4",
            reason,
            "Please see a health professional before doing these exercises again; when you have, record it.",
            command=planning.CONSULTED_COMMAND,
        )
    )


# --- sets ---------------------------------------------------------------------------------------------


def log_set(store: Store, session_id: int, entry: SetInput) -> SetLogged:
    """Log one set the moment it completes (one transaction); the same idempotency key again returns the
    stored set. The exercise must be one of the session's planned exercises, and not paused (PAIN-4).

    A set stopped for pain gets the advice: what the rules will decide for the exercise (PAIN-1 one step
    easier, already at the easiest dose, or PAIN-4 paused), the PAIN-2 band at the person's own
    thresholds, and whether to end the session (pain above 'too much').
    """
    rated = entry.pain_during if isinstance(entry.pain_during, int) else None
    with store.transaction():
        target = sessions.set_target(store, session_id)
        if target.planned_exercise_ids is not None and entry.exercise_id not in target.planned_exercise_ids:
            raise NotFoundError(f"no exercise {entry.exercise_id!r} in this session")
        paused = pauses_of(target.person_settings).exercises
        if entry.exercise_id in paused:
            raise SessionRefused(_paused_refusal(f"This exercise is paused: {paused[entry.exercise_id]}."))
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
            pain_during=rated,
            pain_asked=entry.pain_during is not None,
            stopped_for_pain=entry.stopped_for_pain,
        )
        if not record.stopped_for_pain:
            return SetLogged(set=record, created=created)
        log = sessions.get_session_log(store, session_id, with_sets=False)
        found = course.stop_decision(
            store, log.person_id, record.exercise_id, record.pain_during, local_date(log.started_at)
        )
        program = programs.get_program_version(store, log.program_version_id).program
    advice = stop_advice(record.pain_during, thresholds_of(target.person_settings), found, program)
    return SetLogged(
        set=record,
        created=created,
        advice=advice.text,
        pain_band=None if advice.band is None else advice.band.value,
        end_session=advice.end_session,
    )


def rate_exercise_pain(store: Store, session_id: int, exercise_id: str, pain: int | None) -> PainRated:
    """The pain during one exercise, asked after it (None: the person chose "not rated"): given to that
    exercise's sets of the session still waiting for a rating; sets already rated keep theirs."""
    with store.transaction():
        log = sessions.get_session_log(store, session_id, with_sets=False)
        if log.planned_session_id is not None:
            planned = plans.get_planned_session(store, log.planned_session_id)
            if exercise_id not in {item.exercise_id for item in planned.exercises}:
                raise NotFoundError(f"no exercise {exercise_id!r} in this session")
        rated = sessions.rate_pain(store, session_id, exercise_id, pain)
    return PainRated(exercise_id=exercise_id, pain_during=pain, sets=rated)


# --- finish -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AfterSession:
    """What progression decided after the latest session, and what the person is told."""

    decisions: list[Decision]
    replanned: bool
    messages: tuple[str, ...] = ()
    advice: str | None = None  # why the coming sessions could not be planned again
    commands: tuple[str, ...] = ()  # the terminal's way to do what the messages ask (pages leave it out)


def after_session(store: Store, person_id: int, today: date) -> AfterSession:
    """Bring the course up to date (one replay) and, when a dose or the stage changed, plan the sessions
    still to come again with the new doses."""
    update = course.update_course(store, person_id)
    latest = update.logs[-1] if update.logs else None
    found = update.decisions.get(latest.id, []) if latest is not None else []
    messages = tuple(_news(update.program, d) for d in found if d.kind.value != "hold")
    waiting = any(d.facts.startswith("kept: waiting for the next-morning pain") for d in found)
    if waiting:
        messages += (
            "Tomorrow morning rehabit asks how your back feels: a dose moves up only once that answer is in "
            "(DOSE-1, PAIN-3).",
        )
    if not any(d.kind.value != "hold" for d in found):
        return AfterSession(found, False, messages)
    replanned = planning.replan_coming(store, person_id, today, update)
    if replanned.advice is not None:
        commands = (replanned.command,) if replanned.command else ()
        return AfterSession(found, False, messages + (replanned.advice,), replanned.advice, commands)
    if replanned.planned:
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
    stored, coming sessions planned again with new doses); returns this session's decisions.

    A session logged on an earlier day (`--date`, the API's `on_date`) finishes on that day too."""
    with store.transaction():
        started = sessions.get_session_log(store, session_id, with_sets=False)
        log = sessions.finish_session(
            store,
            session_id,
            pain_after=pain_after,
            effort=effort,
            notes=notes,
            finished_at=_closing(started, today) if started.status == "in_progress" else None,
        )
        after = after_session(store, log.person_id, today)
        stored = decisions.list_decisions(store, log.person_id, session_log_id=log.id)
        program = programs.get_program_version(store, log.program_version_id).program
        thresholds = person_thresholds(people.get_person(store, log.person_id))
        view = session_view(store, log)
    return SessionFinished(
        session=view,
        decisions=[decision_item(program, d, thresholds) for d in stored],
        messages=list(after.messages),
        commands=list(after.commands),
    )


def end_session(store: Store, session_id: int, *, notes: str = "ended early", today: date | None = None) -> SessionView:
    """End a session early on purpose: the sets done so far are kept and count as what was done."""
    with store.transaction():
        started = sessions.get_session_log(store, session_id, with_sets=False)
        when = _closing(started, today or date.today()) if started.status == "in_progress" else None
        log = sessions.abandon_session(store, session_id, notes=notes, abandoned_at=when)
        return session_view(store, log)


# --- next morning -------------------------------------------------------------------------------------


def next_morning_due(store: Store, person_id: int, today: date, *, with_sets: bool = True) -> list[SessionLogRecord]:
    """Finished sessions from before today whose next-morning pain has not been asked yet."""
    midnight = datetime.combine(today, time()).astimezone()
    return sessions.sessions_needing_next_morning_pain(store, person_id, finished_before=midnight, with_sets=with_sets)


def record_next_morning_pain(store: Store, session_id: int, pain: int | None, today: date) -> MorningPain:
    """Store the pain the morning after a session (None: asked, no answer given; it is not asked again).

    A rating brings the course up to date (PAIN-3 compares it with the pain before the session) and
    returns what changed for the person.
    """
    with store.transaction():
        log = sessions.record_next_morning_pain(store, session_id, pain)
        after = after_session(store, log.person_id, today) if pain is not None else None
    if after is None:
        return MorningPain(log=log, messages=[])
    return MorningPain(log=log, messages=list(after.messages), commands=list(after.commands))


def stored_decisions(store: Store, person_id: int, session_id: int) -> list[DecisionRecord]:
    """The decisions stored for one session."""
    return decisions.list_decisions(store, person_id, session_log_id=session_id)
