"""Screenings, plans, decisions, current doses and PSFS ratings as stored."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rehabit.errors import RehabitError
from rehabit.model import Dose, IntRange
from rehabit.programs import get_program
from rehabit.store import PersonRecord, Store, decisions, doses, people, plans, programs, psfs, screenings
from rehabit.store.plans import SessionDraft

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BRIDGE = get_program().exercise("glute-bridge").dose
PLANK = get_program().exercise("plank").dose


@pytest.fixture
def person(store: Store) -> PersonRecord:
    return people.create_person(store)


def test_screenings_and_clearance(store: Store, person: PersonRecord) -> None:
    assert screenings.latest_screening(store, person.id) is None
    first = screenings.record_screening(store, person.id, {"fever": True}, "needs_clearance", screened_at=T0)
    cleared = screenings.record_clearance(store, first.id, "  Dr Jones ", date(2026, 3, 5))
    assert (cleared.cleared_by, cleared.cleared_on, cleared.answers) == ("Dr Jones", date(2026, 3, 5), {"fever": True})
    later = screenings.record_screening(store, person.id, {"fever": False}, "clear", screened_at=T0 + timedelta(days=9))
    assert screenings.latest_screening(store, person.id) == later
    assert screenings.list_screenings(store, person.id) == [cleared, later]
    with pytest.raises(RehabitError, match="unknown screening result 'maybe'"):
        screenings.record_screening(store, person.id, {}, "maybe")


def test_save_plan_replaces_what_was_still_planned(store: Store, person: PersonRecord) -> None:
    version = programs.person_program(store, person.id)
    monday, wednesday, friday = date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6)
    first = plans.save_plan(
        store,
        person.id,
        version.id,
        monday,
        1,
        [
            SessionDraft(wednesday, 0, (("plank", PLANK),), 400),
            SessionDraft(monday, 0, (("glute-bridge", BRIDGE),), 300),
        ],
        ["note one"],
    )
    assert [s.on_date for s in first.sessions] == [monday, wednesday]
    assert first.sessions[1].exercises[0].dose == PLANK
    assert first.notes == ("note one",)
    second = plans.save_plan(store, person.id, version.id, wednesday, 1, [SessionDraft(friday, 0, (), 0)])
    statuses = [(s.on_date, s.status) for s in plans.get_plan(store, first.id).sessions]
    assert statuses == [(monday, "planned"), (wednesday, "replaced")]
    assert plans.latest_plan(store, person.id) == second
    assert [p.id for p in plans.list_plans(store, person.id)] == [first.id, second.id]
    upcoming = plans.next_planned_sessions(store, person.id, monday, limit=5)
    assert [s.on_date for s in upcoming] == [monday, friday]
    plans.set_planned_status(store, upcoming[0].id, "skipped")
    assert [s.on_date for s in plans.next_planned_sessions(store, person.id, monday)] == [friday]
    with pytest.raises(RehabitError, match="unknown planned-session status 'late'"):
        plans.set_planned_status(store, upcoming[0].id, "late")


def test_decisions(store: Store, person: PersonRecord) -> None:
    bigger = Dose(reps=IntRange.of(12, 15), hold_s=IntRange.of(2))
    made = decisions.add_decision(
        store,
        person.id,
        "glute-bridge",
        "progress",
        "DOSE-1",
        "15 reps twice, pain 2",
        old_dose=BRIDGE,
        new_dose=bigger,
        created_at=T0,
    )
    decisions.add_decision(store, person.id, "plank", "hold", "PAIN-2", "pain 4", created_at=T0 + timedelta(hours=1))
    assert (made.old_dose, made.new_dose, made.kind, made.rule_id) == (BRIDGE, bigger, "progress", "DOSE-1")
    assert [d.exercise_id for d in decisions.list_decisions(store, person.id)] == ["glute-bridge", "plank"]
    assert decisions.list_decisions(store, person.id, exercise_id="plank")[0].old_dose is None
    with pytest.raises(RehabitError, match="unknown decision 'jump'"):
        decisions.add_decision(store, person.id, "plank", "jump", "X", "")


def test_current_doses(store: Store, person: PersonRecord) -> None:
    assert doses.get_current_dose(store, person.id, "plank") is None
    doses.set_current_dose(store, person.id, "plank", PLANK, 0, updated_at=T0)
    stronger = Dose(hold_s=IntRange.of(35), reps=IntRange.of(1))
    updated = doses.set_current_dose(store, person.id, "plank", stronger, 1, updated_at=T0)
    assert (updated.dose, updated.ladder_step, updated.updated_at) == (stronger, 1, T0)
    assert doses.dose_overrides(store, person.id) == {"plank": stronger}
    assert list(doses.current_doses(store, person.id)) == ["plank"]


def test_psfs(store: Store, person: PersonRecord) -> None:
    psfs.add_psfs(store, person.id, "Tie shoes", 4, rated_at=T0)
    psfs.add_psfs(store, person.id, "Walk 30 min", 6, rated_at=T0 + timedelta(days=1))
    assert [(r.activity, r.score) for r in psfs.list_psfs(store, person.id)] == [("Tie shoes", 4), ("Walk 30 min", 6)]
    assert [r.score for r in psfs.list_psfs(store, person.id, activity="Tie shoes")] == [4]
    with pytest.raises(RehabitError, match="a PSFS score must be a whole number from 0 to 10, not 12"):
        psfs.add_psfs(store, person.id, "Run", 12)
