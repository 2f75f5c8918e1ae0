"""Today and the plan, as every face shows them: the next session, questions due, the screening state.

Both documents are reads: they look up what is stored (the plan, the session in progress, the
screening) and never replay the log or write.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from rehabit.domain.records import PlannedSessionRecord, PlanRecord
from rehabit.model import Program
from rehabit.services.notes import CareNotes, care_notes
from rehabit.services.screening import ScreeningView, screening_view
from rehabit.services.sessions import next_morning_due
from rehabit.services.setup import ProfileView, profile_view
from rehabit.store import Store, people, plans, programs, sessions

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
    """A planned session: its date, length and exercises with their doses."""

    id: int
    on_date: date
    is_today: bool
    estimated_minutes: int
    exercises: list[PlannedExerciseView]


class PlanSessionView(PlannedSessionView):
    status: str


class MorningQuestion(BaseModel):
    session_id: int
    session_date: date


class TodayView(BaseModel):
    """What the Today page shows: first-run, screening state, the next session, questions due."""

    needs_setup: bool
    profile: ProfileView | None
    screening: ScreeningView | None
    next_session: PlannedSessionView | None
    unfinished_session_id: int | None
    next_morning: list[MorningQuestion]
    care: CareNotes | None = None  # clinic mode: notes from the clinician, a request to follow another program


class PlanView(BaseModel):
    """The latest plan: its sessions in date order, and what the planner changed and why."""

    exists: bool
    start_date: date | None
    weeks: int | None
    notes: list[str]
    sessions: list[PlanSessionView]


def planned_view(program: Program, planned: PlannedSessionRecord, today: date) -> PlannedSessionView:
    """One planned session in words, with the still figure of each exercise."""
    names = {exercise.id: exercise.name for exercise in program.exercises}
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
        ],
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
        unfinished = sessions.unfinished_session(store, person.id)
        next_session = planned_view(_plan_program(store, upcoming[0]), upcoming[0], on) if upcoming else None
        return TodayView(
            needs_setup=False,
            profile=profile_view(person),
            screening=screening_view(store, person.id),
            next_session=next_session,
            unfinished_session_id=unfinished.id if unfinished else None,
            next_morning=[
                MorningQuestion(session_id=log.id, session_date=log.started_at.astimezone().date())
                for log in next_morning_due(store, person.id, on)
            ],
            care=care_notes(store, person.id),
        )


def plan_view(store: Store, person_id: int, on: date) -> PlanView:
    """The person's latest plan with its sessions and the planner's notes."""
    with store.read():
        latest = plans.latest_plan(store, person_id)
        if latest is None:
            return PlanView(exists=False, start_date=None, weeks=None, notes=[], sessions=[])
        program = programs.get_program_version(store, latest.program_version_id).program
        return _plan_document(latest, program, on)


def _plan_document(latest: PlanRecord, program: Program, on: date) -> PlanView:
    return PlanView(
        exists=True,
        start_date=latest.start_date,
        weeks=latest.weeks,
        notes=list(latest.notes),
        sessions=[
            PlanSessionView(**planned_view(program, session, on).model_dump(), status=session.status)
            for session in latest.sessions
        ],
    )
