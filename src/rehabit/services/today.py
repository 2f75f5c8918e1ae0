"""Today and the plan, as every face shows them: the next session, questions due, the screening state,
why a session cannot start now (and what to do), what PAIN-4 paused, whether to screen again.

Both documents are reads: they look up what is stored (the plan, the session in progress, the
screening, what `course.update_course` paused) and never replay the log or write.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from rehabit.domain.records import PersonRecord, PlannedSessionRecord, PlanRecord
from rehabit.model import Program
from rehabit.services.course import pauses
from rehabit.services.notes import CareNotes, care_notes
from rehabit.services.player import LeftOut, left_out
from rehabit.services.safety import StartRefusal, rescreen_offer, start_refusal
from rehabit.services.screening import ScreeningView, screening_view
from rehabit.services.sessions import next_morning_due
from rehabit.services.setup import ProfileView, profile_view
from rehabit.store import Store, people, plans, programs, sessions
from rehabit.store.accounts import has_clinician

__all__ = [
    "MorningQuestion",
    "PlanSessionView",
    "PlanView",
    "PlannedExerciseView",
    "PlannedSessionView",
    "TodayView",
    "plan_view",
    "planned_view",
    "today",
]


class PlannedExerciseView(BaseModel):
    id: str
    name: str
    dose: str
    illustration_url: str


class PlannedSessionView(BaseModel):
    """A planned session: its date, length and exercises with their doses; `left_out` the exercises
    PAIN-4 paused since it was planned (they are not done), with why."""

    id: int
    on_date: date
    is_today: bool
    estimated_minutes: int
    exercises: list[PlannedExerciseView]
    left_out: list[LeftOut] = []


class PlanSessionView(PlannedSessionView):
    """A session of the plan with its status (planned, done, replaced, cancelled) and, when cancelled, why."""

    status: str
    status_reason: str = ""


class PausedExercise(BaseModel):
    """An exercise PAIN-4 paused, and why."""

    id: str
    name: str
    reason: str


class MorningQuestion(BaseModel):
    session_id: int
    session_date: date


class TodayView(BaseModel):
    """What the Today page shows: first-run, screening state, the next session, questions due.

    `start_refusal`: why a session cannot start today (SCREEN-2, SCREEN-3, PAIN-4, FREQ-1), what to do,
    and whether an extra session may still be chosen; None when it can. `paused`: exercises PAIN-4 paused;
    `can_resume`: the person may record that a professional was consulted (single-user mode);
    `cancelled_reason`: why the sessions still planned were cancelled; `rescreen`: why to answer the
    warning-sign questions again (SCREEN-1), or None.
    """

    needs_setup: bool
    profile: ProfileView | None
    screening: ScreeningView | None
    next_session: PlannedSessionView | None
    unfinished_session_id: int | None
    next_morning: list[MorningQuestion]
    care: CareNotes | None = None  # clinic mode: notes from the clinician, a request to follow another program
    start_refusal: StartRefusal | None = None
    paused: list[PausedExercise] = []
    can_resume: bool = False
    cancelled_reason: str | None = None
    rescreen: str | None = None


class PlanView(BaseModel):
    """The latest plan: its sessions in date order, and what the planner changed and why."""

    exists: bool
    start_date: date | None
    weeks: int | None
    notes: list[str]
    sessions: list[PlanSessionView]


def planned_view(
    program: Program, planned: PlannedSessionRecord, today: date, person: PersonRecord | None = None
) -> PlannedSessionView:
    """One planned session in words, with the still figure of each exercise; the exercises PAIN-4 has
    paused for `person` are left out of it and listed apart, with why."""
    names = {exercise.id: exercise.name for exercise in program.exercises}
    gone = [] if person is None else left_out(program, planned, person)
    paused = {item.id for item in gone}
    return PlannedSessionView(
        id=planned.id,
        on_date=planned.on_date,
        is_today=planned.on_date == today,
        estimated_minutes=max(1, round(planned.estimated_seconds / 60)),
        exercises=[
            PlannedExerciseView(
                id=item.exercise_id,
                name=names.get(item.exercise_id, item.exercise_id),
                dose=item.dose.describe(),
                illustration_url=f"/illustrations/{program.id}/{item.exercise_id}.still.svg",
            )
            for item in planned.exercises
            if item.exercise_id not in paused
        ],
        left_out=gone,
    )


def _plan_program(store: Store, planned: PlannedSessionRecord) -> Program:
    return programs.get_program_version(store, plans.plan_program_version(store, planned.plan_id)).program


def today(store: Store, person_id: int | None, on: date) -> TodayView:
    """The Today page's content for the person (a first-run view when there is none yet)."""
    if person_id is None:
        return TodayView(
            needs_setup=True, profile=None, screening=None, next_session=None, unfinished_session_id=None,
            next_morning=[],
        )  # fmt: skip
    with store.read():
        person = people.get_person(store, person_id)
        upcoming = plans.next_planned_sessions(store, person.id, on, limit=1)
        unfinished = sessions.unfinished_session(store, person.id, with_sets=False)  # its id is enough
        program = _plan_program(store, upcoming[0]) if upcoming else None
        next_session = planned_view(program, upcoming[0], on, person) if program and upcoming else None
        paused = pauses(person)
        names = _names(store, person.id)
        refusal = start_refusal(store, person.id, on, extra=unfinished is not None)
        return TodayView(
            needs_setup=False,
            profile=profile_view(person),
            screening=screening_view(store, person.id),
            next_session=next_session,
            unfinished_session_id=unfinished.id if unfinished else None,
            next_morning=[
                MorningQuestion(session_id=log.id, session_date=log.started_at.astimezone().date())
                for log in next_morning_due(store, person.id, on, with_sets=False)
            ],
            care=care_notes(store, person.id),
            start_refusal=refusal,
            paused=[PausedExercise(id=k, name=names.get(k, k), reason=v) for k, v in sorted(paused.exercises.items())],
            can_resume=(paused.referred_on is not None or bool(paused.exercises))
            and not has_clinician(store, person.id),
            cancelled_reason=None if upcoming else _cancelled_reason(store, person.id, on),
            rescreen=rescreen_offer(store, person, on),
        )


def _names(store: Store, person_id: int) -> dict[str, str]:
    program = programs.person_program(store, person_id).program
    return {exercise.id: exercise.name for exercise in program.exercises}


def _cancelled_reason(store: Store, person_id: int, on: date) -> str | None:
    """Why the latest plan's sessions from `on` on were cancelled, when they were."""
    latest = plans.latest_plan(store, person_id)
    if latest is None:
        return None
    reasons = [s.status_reason for s in latest.sessions if s.status == "cancelled" and s.on_date >= on]
    return reasons[0] if reasons else None


def plan_view(store: Store, person_id: int, on: date) -> PlanView:
    """The person's latest plan with its sessions and the planner's notes."""
    with store.read():
        latest = plans.latest_plan(store, person_id)
        if latest is None:
            return PlanView(exists=False, start_date=None, weeks=None, notes=[], sessions=[])
        program = programs.get_program_version(store, latest.program_version_id).program
        return _plan_document(latest, program, on, people.get_person(store, person_id))


def _plan_document(latest: PlanRecord, program: Program, on: date, person: PersonRecord) -> PlanView:
    return PlanView(
        exists=True,
        start_date=latest.start_date,
        weeks=latest.weeks,
        notes=list(latest.notes),
        sessions=[
            PlanSessionView(
                **planned_view(program, session, on, person if session.status == "planned" else None).model_dump(),
                status=session.status,
                status_reason=session.status_reason,
            )
            for session in latest.sessions
        ],
    )
