"""A profile with a plan in the test's private data directory, for the session command's tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import pytest

from rehabit.domain.timeline import session_seconds
from rehabit.model import Dose
from rehabit.store import PlanRecord, Store, people, plans, programs, screenings

PlanMaker = Callable[..., PlanRecord]


@pytest.fixture
def make_plan() -> PlanMaker:
    """Create the local profile (once, screened with no warning signs) and save a plan: one session per
    date, of these exercises."""

    def make(dates: Sequence[date], exercise_ids: Sequence[str], doses: dict[str, Dose] | None = None) -> PlanRecord:
        with Store.open() as store:
            person = people.default_person(store)
            if person is None:  # a new person answers the warning-sign questions first (SCREEN-1): no signs
                person = people.create_person(store, name="Test")
                screenings.record_screening(store, person.id, {"bladder-bowel": False}, "clear")
            version = programs.person_program(store, person.id)
            program = version.program
            chosen = [
                (exercise_id, (doses or {}).get(exercise_id) or program.exercise(exercise_id).dose)
                for exercise_id in exercise_ids
            ]
            exercises = [program.exercise(exercise_id) for exercise_id in exercise_ids]
            seconds = int(session_seconds(exercises))
            drafts = [plans.SessionDraft(day, 0, tuple(chosen), seconds) for day in dates]
            return plans.save_plan(store, person.id, version.id, min(dates), 1, drafts)

    return make
