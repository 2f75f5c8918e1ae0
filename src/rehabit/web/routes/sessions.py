"""Sessions: start one, its timeline for the player, each set the moment it completes, finish, pain.

The player in the browser runs the timeline the library built (`rehabit.timeline`) and posts every set
with an idempotency key, so a set sent twice (a retry, an offline queue) is stored once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from rehabit.errors import NotFoundError, RehabitError
from rehabit.model import Exercise, Program
from rehabit.player import session as runner
from rehabit.player.engine import ends_unit, resume_step
from rehabit.player.pain import pain_advice, pain_band
from rehabit.store import (
    DecisionRecord,
    PlannedSessionRecord,
    SessionLogRecord,
    SetLogRecord,
    people,
    plans,
    programs,
    sessions,
)
from rehabit.timeline import DoseChoice, Timeline
from rehabit.web._context import program_of_version, require_person, store_of
from rehabit.web._progress import decide_after_session
from rehabit.web._render import page

router = APIRouter()

Pain = Annotated[int, Field(ge=0, le=10, description="0 no pain … 10 worst imaginable")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class StartSession(_Body):
    planned_session_id: int | None = None
    pain_before: Pain | None = None


class SetIn(_Body):
    idempotency_key: str = Field(min_length=1, max_length=100)
    exercise_id: str = Field(min_length=1, max_length=80)
    set_number: int = Field(ge=1, le=100)
    side: str | None = Field(default=None, pattern="^(left|right)$")
    reps_done: int | None = Field(default=None, ge=0, le=10_000)
    seconds_held: int | None = Field(default=None, ge=0, le=36_000)
    pain_during: Pain | None = None
    stopped_for_pain: bool = False


class FinishSession(_Body):
    pain_after: Pain | None = None
    effort: Annotated[int, Field(ge=0, le=10)] | None = None
    notes: str = Field(default="", max_length=5000)


class PainIn(_Body):
    pain: Pain


class StepView(BaseModel):
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
    id: str
    name: str
    dose: str
    hold_s: int
    illustration_url: str
    still_url: str  # for people who ask their system for reduced motion
    cautions: list[str]


class SetView(BaseModel):
    id: int
    exercise_id: str
    side: str | None
    set_number: int
    reps_done: int | None
    seconds_held: int | None
    pain_during: int | None
    stopped_for_pain: bool
    logged_at: datetime
    idempotency_key: str


class SessionView(BaseModel):
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
    sets: list[SetView]


class PlayerView(BaseModel):
    """Everything the player needs to run (or resume) a session, offline included."""

    session: SessionView | None
    planned_session_id: int
    exercises: list[PlayerExercise]
    steps: list[StepView]
    duration_ms: int
    resume_at: int


class SetLogged(BaseModel):
    set: SetView
    advice: str | None = None
    pain_band: str | None = None


class DecisionView(BaseModel):
    exercise_id: str
    exercise_name: str
    kind: str
    rule_id: str
    facts: str
    old_dose: str | None
    new_dose: str | None


class SessionFinished(BaseModel):
    session: SessionView
    decisions: list[DecisionView]
    messages: list[str]


def set_view(record: SetLogRecord) -> SetView:
    return SetView(
        id=record.id,
        exercise_id=record.exercise_id,
        side=record.side,
        set_number=record.set_number,
        reps_done=record.reps_done,
        seconds_held=record.seconds_held,
        pain_during=record.pain_during,
        stopped_for_pain=record.stopped_for_pain,
        logged_at=record.logged_at,
        idempotency_key=record.idempotency_key,
    )


def session_view(request: Request, log: SessionLogRecord) -> SessionView:
    return SessionView(
        id=log.id,
        status=log.status,
        program_id=programs.get_program_version(store_of(request), log.program_version_id).slug,
        planned_session_id=log.planned_session_id,
        started_at=log.started_at,
        finished_at=log.finished_at,
        pain_before=log.pain_before,
        pain_after=log.pain_after,
        pain_next_morning=log.pain_next_morning,
        effort=log.effort,
        notes=log.notes,
        sets=[set_view(s) for s in log.sets],
    )


def planned_timeline(request: Request, planned: PlannedSessionRecord) -> tuple[Program, Timeline]:
    """The timeline of a planned session, paced the way the profile asks."""
    store = store_of(request)
    program = runner.session_program(store, planned)
    person = people.get_person(store, planned.person_id)
    return program, runner.planned_timeline(program, planned, runner.pacing_from_settings(person.settings))


def session_timeline(request: Request, log: SessionLogRecord) -> tuple[Program, Timeline]:
    """The timeline of a session: its planned exercises and doses."""
    if log.planned_session_id is None:
        raise RehabitError(f"session {log.id} was not started from a planned session; it has no timeline")
    return planned_timeline(request, plans.get_planned_session(store_of(request), log.planned_session_id))


def player_view(request: Request, session_id: int) -> PlayerView:
    """The session with its timeline and the step to resume at (the first set not logged)."""
    log = sessions.get_session_log(store_of(request), session_id)
    program, timeline = session_timeline(request, log)
    assert log.planned_session_id is not None
    return _player_view(program, timeline, log.planned_session_id, log, session_view(request, log))


def planned_player_view(request: Request, planned_session_id: int) -> PlayerView:
    """A planned session ready to play before it starts: what the player needs to run it offline too."""
    person = require_person(request)
    planned = plans.get_planned_session(store_of(request), planned_session_id)
    if planned.person_id != person.id:
        raise NotFoundError(f"no planned session with id {planned_session_id}")
    program, timeline = planned_timeline(request, planned)
    return _player_view(program, timeline, planned.id, None, None)


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
        resume_at=0 if log is None else resume_step(timeline, runner.logged_units(log)),
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


# --- API ---------------------------------------------------------------------------------------------


@router.post("/api/sessions", status_code=201, tags=["sessions"])
def api_start_session(request: Request, body: StartSession, response: Response) -> PlayerView:
    """Start a planned session (the next one when none is named) with the pain before it.

    Starting the planned session that is already in progress returns that session (200), so a start
    sent twice, or queued offline, opens one session.
    """
    person = require_person(request)
    store = store_of(request)
    if body.planned_session_id is not None:
        planned = plans.get_planned_session(store, body.planned_session_id)
        if planned.person_id != person.id:
            raise NotFoundError(f"no planned session with id {body.planned_session_id}")
    else:
        planned = runner.choose_planned_session(store, person.id, date.today()).planned
    unfinished = sessions.unfinished_session(store, person.id)
    if unfinished is not None and unfinished.planned_session_id == planned.id:
        # the same start sent again (a retry, or an offline start arriving): the session already running
        response.status_code = 200
        return player_view(request, unfinished.id)
    log = sessions.start_session(
        store,
        person.id,
        runner.session_program_version(store, planned),
        planned_session_id=planned.id,
        pain_before=body.pain_before,
    )
    return player_view(request, log.id)


@router.get("/api/planned-sessions/{planned_session_id}/player", tags=["sessions"])
def api_planned_player(request: Request, planned_session_id: int) -> PlayerView:
    """A planned session's timeline before it starts (the service worker keeps it for offline starts)."""
    return planned_player_view(request, planned_session_id)


@router.get("/api/sessions/{session_id}", tags=["sessions"])
def api_session(request: Request, session_id: int) -> PlayerView:
    """A session with its timeline, the sets logged so far and the step to resume at."""
    return player_view(request, session_id)


@router.post("/api/sessions/{session_id}/sets", tags=["sessions"], status_code=201)
def api_log_set(request: Request, session_id: int, body: SetIn, response: Response) -> SetLogged:
    """Log one set the moment it completes; the same idempotency key again returns the stored set (200)."""
    store = store_of(request)
    log = sessions.get_session_log(store, session_id)
    program, _timeline = session_timeline(request, log)
    if body.exercise_id not in {e.id for e in program.exercises}:
        raise NotFoundError(f"no exercise {body.exercise_id!r} in the program {program.id!r}")
    before = {s.idempotency_key for s in log.sets}
    record = sessions.log_set(
        store,
        session_id,
        body.exercise_id,
        body.set_number,
        idempotency_key=body.idempotency_key,
        side=body.side,
        reps_done=body.reps_done,
        seconds_held=body.seconds_held,
        pain_during=body.pain_during,
        stopped_for_pain=body.stopped_for_pain,
    )
    if record.idempotency_key in before or record.idempotency_key != body.idempotency_key:
        response.status_code = 200
    pain = record.pain_during
    return SetLogged(
        set=set_view(record),
        advice=pain_advice(pain) if pain is not None and record.stopped_for_pain else None,
        pain_band=pain_band(pain).value if pain is not None else None,
    )


@router.post("/api/sessions/{session_id}/finish", tags=["sessions"])
def api_finish_session(request: Request, session_id: int, body: FinishSession) -> SessionFinished:
    """Finish a session with the pain after it; returns the progression decisions it led to."""
    store = store_of(request)
    log = sessions.finish_session(
        store, session_id, pain_after=body.pain_after, effort=body.effort, notes=body.notes or None
    )
    program = program_of_version(request, log.program_version_id)
    news = decide_after_session(request, log)
    return SessionFinished(
        session=session_view(request, log),
        decisions=[_decision_view(program, d) for d in news.decisions],
        messages=news.messages,
    )


@router.post("/api/sessions/{session_id}/next-morning", tags=["sessions"])
def api_next_morning(request: Request, session_id: int, body: PainIn) -> SessionView:
    """Record the pain the morning after a session (PAIN-3 compares it with the pain before)."""
    log = sessions.record_next_morning_pain(store_of(request), session_id, body.pain)
    decide_after_session(request, log)
    return session_view(request, log)


def _decision_view(program: Program, decision: DecisionRecord) -> DecisionView:
    try:
        name = program.exercise(decision.exercise_id).name
    except KeyError:
        name = decision.exercise_id
    return DecisionView(
        exercise_id=decision.exercise_id,
        exercise_name=name,
        kind=decision.kind,
        rule_id=decision.rule_id,
        facts=decision.facts,
        old_dose=decision.old_dose.describe() if decision.old_dose else None,
        new_dose=decision.new_dose.describe() if decision.new_dose else None,
    )


# --- pages -------------------------------------------------------------------------------------------


@router.post("/sessions/{session_id}/next-morning", response_class=HTMLResponse, include_in_schema=False)
def next_morning_submit(request: Request, session_id: int, pain: Annotated[int, Form(ge=0, le=10)]) -> Response:
    saved = api_next_morning(request, session_id, PainIn(pain=pain))
    if request.headers.get("HX-Request") == "true":  # htmx swaps the question for the answer in place
        return page(request, "_morning_saved.html", saved)
    return RedirectResponse("/", status_code=303)


@router.get("/session", response_class=HTMLResponse, include_in_schema=False)
def player_start_page(request: Request) -> Response:
    """The player before a session exists: asks the pain before, then starts it."""
    return page(request, "player.html", None, active="today", session_id=None)


@router.get("/session/{session_id}", response_class=HTMLResponse, include_in_schema=False)
def player_page(request: Request, session_id: int) -> Response:
    sessions.get_session_log(store_of(request), session_id)  # 404 for an unknown session
    return page(request, "player.html", None, active="today", session_id=session_id)
