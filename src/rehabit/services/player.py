"""What the session player needs: a planned session's timeline, where to resume, and the terminal engine.

The browser player gets `PlayerView` (the timeline the library built, step by step, so it runs offline
too); the terminal player gets a `SessionEngine` whose finished sets go through `sessions.log_set`,
the same door the web's set posts use.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import fields
from datetime import datetime
from typing import Any

from pydantic import BaseModel

from rehabit.domain.records import PersonRecord, PlannedSessionRecord, SessionLogRecord, SetLogRecord
from rehabit.domain.timeline import DoseChoice, Pacing, Timeline, build_timeline, choose_dose
from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Exercise, Program
from rehabit.player.engine import ends_unit, resume_step
from rehabit.services.course import pauses, person_thresholds
from rehabit.store import Store, people, plans, programs, sessions

__all__ = [
    "LeftOut",
    "PainLimits",
    "PlayerExercise",
    "PlayerView",
    "SessionView",
    "StepView",
    "engine_logged",
    "left_out",
    "logged_units",
    "program_and_timeline",
    "pacing_from_settings",
    "planned_player_view",
    "planned_timeline",
    "player_view",
    "session_view",
    "set_key",
]


class StepView(BaseModel):
    """One timed step of the timeline, as the browser player runs it."""

    index: int
    kind: str
    cue: str
    duration_ms: int
    start_ms: int
    exercise_index: int
    exercise_id: str
    set_number: int
    side: str | None
    rep: int
    reps: int
    ends_unit: bool
    ends_exercise: bool


class PlayerExercise(BaseModel):
    """One exercise of the session: its dose in words and its figures."""

    id: str
    name: str
    dose: str
    hold_s: int
    illustration_url: str
    still_url: str  # for people who ask their system for reduced motion
    cautions: list[str]


class SessionView(BaseModel):
    """A session as logged so far, with the id of the program it follows."""

    id: int
    status: str
    program_id: str
    planned_session_id: int | None
    started_at: datetime
    finished_at: datetime | None
    pain_before: int | None
    pain_after: int | None
    pain_next_morning: int | None
    effort: int | None
    notes: str
    sets: list[SetLogRecord]
    extra: bool = False  # done on a rest day by choice (FREQ-1): never counts towards a harder dose


class LeftOut(BaseModel):
    """An exercise of the planned session left out of it: PAIN-4 paused it, for this reason."""

    id: str
    name: str
    reason: str


class PainLimits(BaseModel):
    """The person's PAIN-2 thresholds, so the player can offer to end the session even offline."""

    safe_max: int
    acceptable_max: int


class PlayerView(BaseModel):
    """Everything the player needs to run (or resume) a session, offline included."""

    session: SessionView | None
    planned_session_id: int
    exercises: list[PlayerExercise]
    steps: list[StepView]
    duration_ms: int
    resume_at: int
    left_out: list[LeftOut] = []
    pain_limits: PainLimits = PainLimits(safe_max=3, acceptable_max=5)


def pacing_from_settings(settings: dict[str, Any]) -> Pacing:
    """The pacing a profile asks for under its `pacing` setting (unknown keys are ignored)."""
    wanted = settings.get("pacing") or {}
    names = {item.name for item in fields(Pacing)}
    if not isinstance(wanted, dict):
        return Pacing()
    return Pacing(**{name: float(value) for name, value in wanted.items() if name in names and value is not None})


def planned_timeline(
    program: Program,
    planned: PlannedSessionRecord,
    pacing: Pacing | None = None,
    leave_out: Collection[str] = (),
) -> Timeline:
    """The timeline of a planned session: its exercises at the low end of each planned dose, without the
    exercises in `leave_out` (paused by PAIN-4 since the session was planned)."""
    known = {exercise.id for exercise in program.exercises}
    missing = [item.exercise_id for item in planned.exercises if item.exercise_id not in known]
    if missing:
        raise RehabitError(f"the planned session names exercises its program lacks: {', '.join(missing)}")
    kept = [item for item in planned.exercises if item.exercise_id not in leave_out]
    exercises = [program.exercise(item.exercise_id) for item in kept]
    doses: list[DoseChoice] = [choose_dose(item.dose) for item in kept]
    return build_timeline(exercises, doses, pacing)


def session_view(store: Store, log: SessionLogRecord) -> SessionView:
    """A session log with its program's id."""
    return SessionView(
        id=log.id,
        status=log.status,
        program_id=programs.get_program_version(store, log.program_version_id).slug,
        planned_session_id=log.planned_session_id,
        started_at=log.started_at,
        finished_at=log.finished_at,
        pain_before=log.pain_before,
        pain_after=log.pain_after,
        pain_next_morning=log.pain_next_morning,
        effort=log.effort,
        notes=log.notes,
        sets=list(log.sets),
        extra=log.extra,
    )


def set_key(session_log_id: int, exercise_id: str, set_number: int, side: str | None) -> str:
    """The idempotency key of one set of one session: the same set always gets the same key."""
    return f"session-{session_log_id}:{exercise_id}:{side or 'both'}:{set_number}"


def program_and_timeline(store: Store, planned: PlannedSessionRecord) -> tuple[Program, Timeline]:
    """The program a planned session's plan was made from, and the session's timeline paced for the
    person, without the exercises PAIN-4 has paused."""
    program = programs.get_program_version(store, plans.plan_program_version(store, planned.plan_id)).program
    person = people.get_person(store, planned.person_id)
    paused = pauses(person).exercises
    return program, planned_timeline(program, planned, pacing_from_settings(person.settings), paused)


def player_view(store: Store, session_id: int) -> PlayerView:
    """A session with its timeline and the step to resume at (the first set not logged)."""
    with store.read():
        log = sessions.get_session_log(store, session_id)
        if log.planned_session_id is None:
            raise RehabitError(f"session {log.id} was not started from a planned session; it has no timeline")
        planned = plans.get_planned_session(store, log.planned_session_id)
        program, timeline = program_and_timeline(store, planned)
        person = people.get_person(store, log.person_id)
        view = _player_view(program, timeline, log.planned_session_id, log, session_view(store, log))
    return _with_person(view, program, planned, person)


def planned_player_view(store: Store, person_id: int, planned_session_id: int) -> PlayerView:
    """A planned session ready to play before it starts: what the player needs to run it offline too."""
    with store.read():
        planned = plans.get_planned_session(store, planned_session_id)
        if planned.person_id != person_id:
            raise NotFoundError(f"no planned session with id {planned_session_id}")
        program, timeline = program_and_timeline(store, planned)
        person = people.get_person(store, person_id)
    return _with_person(_player_view(program, timeline, planned.id, None, None), program, planned, person)


def left_out(program: Program, planned: PlannedSessionRecord, person: PersonRecord) -> list[LeftOut]:
    """The planned session's exercises PAIN-4 has paused since it was planned, with why."""
    paused = pauses(person).exercises
    names = {exercise.id: exercise.name for exercise in program.exercises}
    return [
        LeftOut(
            id=item.exercise_id, name=names.get(item.exercise_id, item.exercise_id), reason=paused[item.exercise_id]
        )
        for item in planned.exercises
        if item.exercise_id in paused
    ]


def _with_person(view: PlayerView, program: Program, planned: PlannedSessionRecord, person: PersonRecord) -> PlayerView:
    limits = person_thresholds(person)
    return view.model_copy(
        update={
            "left_out": left_out(program, planned, person),
            "pain_limits": PainLimits(safe_max=limits.pain_safe_max, acceptable_max=limits.pain_acceptable_max),
        }
    )


def _player_view(
    program: Program, timeline: Timeline, planned_id: int, log: SessionLogRecord | None, session: SessionView | None
) -> PlayerView:
    return PlayerView(
        session=session,
        planned_session_id=planned_id,
        exercises=[_player_exercise(program, e, timeline.doses[i]) for i, e in enumerate(timeline.exercises)],
        steps=[
            StepView(
                index=s.index,
                kind=s.kind.value,
                cue=s.cue,
                duration_ms=s.duration_ms,
                start_ms=s.start_ms,
                exercise_index=s.exercise_index,
                exercise_id=s.exercise_id,
                set_number=s.set_number,
                side=s.side,
                rep=s.rep,
                reps=s.reps,
                ends_unit=ends_unit(s),
                ends_exercise=s.ends_exercise,
            )
            for s in timeline.steps
        ],
        duration_ms=timeline.duration_ms,
        resume_at=0 if log is None else resume_step(timeline, logged_units(log)),
    )


def _player_exercise(program: Program, exercise: Exercise, dose: DoseChoice) -> PlayerExercise:
    return PlayerExercise(
        id=exercise.id,
        name=exercise.name,
        dose=dose.describe(),
        hold_s=dose.hold_s,
        illustration_url=f"/illustrations/{program.id}/{exercise.id}.svg",
        still_url=f"/illustrations/{program.id}/{exercise.id}.still.svg",
        cautions=list(exercise.cautions),
    )


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
