"""Plan a person's coming sessions: screen checked, course brought up to date, FREQ-1 applied, stored.

`plan` is the one door for making a plan (the CLI's `rehabit plan`, the web's plan page, setup, a
clearance, a profile change, following a program, a clinician's assignment all come through it), and
`replan_coming` plans the sessions still to come again after the course moved (new doses or stage).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rehabit.domain.planner import Plan, make_plan
from rehabit.errors import RehabitError
from rehabit.model import Program
from rehabit.services import course
from rehabit.services.course import CourseUpdate, local_date
from rehabit.services.screening import require_screen_passed, screen_allows
from rehabit.store import PersonRecord, PlanRecord, Store, doses, people, plans, programs, sessions
from rehabit.store.plans import SessionDraft

MAX_WEEKS = 52
PLAN_WEEKS = 2  # how far ahead a plan reaches unless the person asks for more

__all__ = [
    "CONSULTED_COMMAND",
    "MAX_WEEKS",
    "PLAN_WEEKS",
    "PersonPlan",
    "Replanned",
    "cancel_coming",
    "plan",
    "plan_if_allowed",
    "replan_coming",
]


@dataclass(frozen=True)
class PersonPlan:
    """A stored plan with the planner's view of it and the program it follows."""

    person: PersonRecord
    program: Program
    plan: Plan
    stored: PlanRecord


def plan(
    store: Store, person_id: int, today: date, weeks: int = PLAN_WEEKS, *, update: CourseUpdate | None = None
) -> PersonPlan:
    """Plan `weeks` weeks from `today` for the person and store the plan (replacing sessions still to do).

    Refuses (ScreeningRefusal) when the warning-sign screen does not allow a program (SCREEN-2/3), and
    (RehabitError) when rising pain paused the program (PAIN-4). `update` is the course already brought
    up to date in this action; without it the course is brought up to date here (one replay either way).
    """
    if not 1 <= weeks <= MAX_WEEKS:
        raise RehabitError(f"plan between 1 and {MAX_WEEKS} weeks, not {weeks}")
    require_screen_passed(store, person_id)
    with store.transaction():
        update = update or course.update_course(store, person_id)
        adjust = course.plan_adjustments(update)  # progression first: doses, stage, pauses
        person = people.get_person(store, person_id)
        version = programs.person_program(store, person_id)
        done = sessions.list_sessions(store, person_id, statuses=["finished"], limit=1)
        last_session = local_date(done[-1].started_at) if done else None
        made = make_plan(
            version.program,
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
            for session in made.sessions
        ]
        stored = plans.save_plan(store, person_id, version.id, today, weeks, drafts, made.notes)
    return PersonPlan(person=person, program=version.program, plan=made, stored=stored)


def plan_if_allowed(store: Store, person_id: int, today: date, weeks: int = PLAN_WEEKS) -> PersonPlan | None:
    """Plan when the screen allows a program (None when it does not: nothing is planned then)."""
    if not screen_allows(store, person_id):
        return None
    return plan(store, person_id, today, weeks)


def cancel_coming(store: Store, person_id: int, today: date, reason: str) -> int:
    """Cancel the person's sessions still to come, saying why (e.g. new warning signs); returns how many."""
    return len(plans.cancel_planned_sessions(store, person_id, today, reason))


@dataclass(frozen=True)
class Replanned:
    """What planning the coming sessions again did: `planned` again or not, the `advice` saying why
    planning stopped (in a page's words, naming no terminal command), and `command`, the terminal's way
    to do what the advice asks (the CLI adds it; pages leave it out)."""

    planned: bool
    advice: str | None = None
    command: str = ""


CONSULTED_COMMAND = "rehabit screen --consulted NAME"  # PAIN-4: the terminal's way to record a consultation


def replan_coming(store: Store, person_id: int, today: date, update: CourseUpdate) -> Replanned:
    """Plan the sessions still to come again with the course `update` gives (same reach as before).

    Nothing is planned when no session is still to come; the advice says why planning stopped (e.g.
    PAIN-4 paused the program, or the screen no longer allows it). When rising pain paused the whole
    program (PAIN-4) the sessions still to come are cancelled, with why.
    """
    coming = plans.next_planned_sessions(store, person_id, today, limit=1000)
    if not coming:
        return Replanned(False)
    referred = update.course.referred_on
    if referred is not None:
        reason = f"paused for rising pain since {referred.isoformat()}: see a health professional first (PAIN-4)"
        plans.cancel_planned_sessions(store, person_id, today, reason)
        return Replanned(
            False,
            "Your pain has been rising, so rehabit has paused your program (PAIN-4) and cancelled the sessions "
            "still planned. Please see a health professional before you exercise again; when you have, record "
            "it with the form on Today.",
            CONSULTED_COMMAND,
        )
    weeks = max(1, -(-((coming[-1].on_date - today).days + 1) // 7))
    try:
        plan(store, person_id, today, min(weeks, MAX_WEEKS), update=update)
    except RehabitError as error:
        return Replanned(False, str(error))
    return Replanned(True)
