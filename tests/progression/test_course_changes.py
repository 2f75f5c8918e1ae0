"""A stage or dose a clinician sets by hand is honoured by later replays (course_changes.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rehabit.model import IntRange
from rehabit.programs import get_program
from rehabit.services.course import replay_course, update_course
from rehabit.store import PersonRecord, Store, decisions, doses, people

from ._store_logs import log_planned_doses

PROGRAM = get_program()
SOON = date.today() + timedelta(days=1)  # sessions after the change was made


@pytest.fixture
def person(store: Store) -> PersonRecord:
    return people.create_person(store, name="Ana")


def _kinds(store: Store, person_id: int, exercise_id: str) -> list[str]:
    return [d.kind for d in decisions.list_decisions(store, person_id, exercise_id=exercise_id)]


def test_a_stage_set_by_hand_stays(store: Store, person: PersonRecord) -> None:
    people.update_person(store, person.id, stage_index=2)
    for day in (0, 2):
        log_planned_doses(store, person.id, SOON + timedelta(days=day))
    update = update_course(store, person.id)
    assert update.course.stage_index == 2
    assert people.get_person(store, person.id).stage_index == 2
    assert _kinds(store, person.id, "romanian-deadlift") == ["hold", "progress"]
    assert _kinds(store, person.id, "glute-bridge") == []
    update_course(store, person.id)  # nothing new: still one recorded change
    assert len(update_course(store, person.id).changes) == 1


def test_a_dose_on_the_ladder_set_by_hand_is_climbed_from(store: Store, person: PersonRecord) -> None:
    update_course(store, person.id)
    plank = PROGRAM.exercise("plank").dose.model_copy(update={"hold_s": IntRange.of(20)})
    doses.set_current_dose(store, person.id, "plank", plank, 0)
    for day in (0, 2):
        log_planned_doses(store, person.id, SOON + timedelta(days=day))
    update_course(store, person.id)
    current = doses.get_current_dose(store, person.id, "plank")
    assert current is not None and current.dose.describe() == "hold 25 s · 5 times" and current.ladder_step == 3


def test_a_dose_off_the_ladder_is_kept_until_progression_moves_it(store: Store, person: PersonRecord) -> None:
    update_course(store, person.id)
    custom = PROGRAM.exercise("glute-bridge").dose.model_copy(update={"reps": IntRange.of(11), "sets": IntRange.of(2)})
    doses.set_current_dose(store, person.id, "glute-bridge", custom, 0)
    log_planned_doses(store, person.id, SOON)
    update_course(store, person.id)
    kept = doses.get_current_dose(store, person.id, "glute-bridge")
    assert kept is not None and kept.dose.describe() == "11 reps · hold 2 s · 2 sets"
    log_planned_doses(store, person.id, SOON + timedelta(days=2))
    update_course(store, person.id)
    moved = doses.get_current_dose(store, person.id, "glute-bridge")
    assert moved is not None and moved.dose.describe() == "12 reps · hold 2 s"


def test_a_change_lifts_a_stop_and_refer_pause(store: Store, person: PersonRecord) -> None:
    for days_ago in (5, 3):  # logged before the clinician's change below
        log_planned_doses(store, person.id, date.today() - timedelta(days=days_ago), stop="plank")
    update = update_course(store, person.id)
    assert _kinds(store, person.id, "plank")[-1] == "stop_and_refer"
    assert "plank" not in update.engine.doses(update.course)
    people.update_person(store, person.id, stage_index=1)  # seen by a clinician, moved on
    resumed = replay_course(store, person.id)
    assert "plank" in resumed.engine.doses(resumed.course)
