"""A person's plan, made and stored: screen checked, program and current doses looked up, FREQ-1 applied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rehabit import course
from rehabit.errors import RehabitError
from rehabit.model import Program
from rehabit.onboarding import require_screen_passed
from rehabit.planner import Plan, make_plan
from rehabit.store import PersonRecord, PlanRecord, Store, doses, people, plans, programs, sessions
from rehabit.store.plans import SessionDraft

MAX_WEEKS = 52

__all__ = ["MAX_WEEKS", "PersonPlan", "plan_for_person"]


@dataclass(frozen=True)
class PersonPlan:
    """A stored plan with the planner's view of it and the program it follows."""

    person: PersonRecord
    program: Program
    plan: Plan
    stored: PlanRecord


def plan_for_person(store: Store, person_id: int, today: date, weeks: int = 2) -> PersonPlan:
    """Plan `weeks` weeks from `today` for the person and store the plan (replacing sessions still to do).

    Refuses (ScreeningRefusal) when the warning-sign screen does not allow a program (SCREEN-2/3).
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise RehabitError(f"plan between 1 and {MAX_WEEKS} weeks, not {weeks}")
    require_screen_passed(store, person_id)
    with store.transaction():
        adjust = course.plan_adjustments(store, person_id)  # progression first: doses, stage, pauses
        person = people.get_person(store, person_id)
        version = programs.person_program(store, person_id)
        program = version.program
        done = sessions.list_sessions(store, person_id, statuses=["finished"], limit=1)
        last_session = done[-1].started_at.date() if done else None
        plan = make_plan(
            program,
            today,
            weeks,
            preferred_days=person.preferred_days,
            equipment=person.equipment,
            stage_index=person.stage_index,
            doses=doses.dose_overrides(store, person_id),
            last_session=last_session,
            instead=adjust.instead,
            leave_out=adjust.leave_out,
        )
        drafts = [
            SessionDraft(
                on_date=session.on_date,
                stage_index=session.stage_index,
                exercises=tuple((item.exercise.id, item.dose) for item in session.exercises),
                estimated_seconds=session.estimated_seconds,
            )
            for session in plan.sessions
        ]
        stored = plans.save_plan(store, person_id, version.id, today, weeks, drafts, plan.notes)
    return PersonPlan(person=person, program=program, plan=plan, stored=stored)
