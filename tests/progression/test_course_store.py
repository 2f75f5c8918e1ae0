"""Progression kept in the store: decisions stored, current doses and stage updated, thresholds per person."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from rehabit.errors import RehabitError
from rehabit.services.course import person_thresholds, update_course
from rehabit.services.history import history
from rehabit.services.progress import progress_report
from rehabit.services.thresholds import reset_thresholds, set_thresholds
from rehabit.store import PersonRecord, Store, decisions, doses, people, sessions

from ._store_logs import log_planned_doses

MONDAY = date(2026, 3, 2)


@pytest.fixture
def person(store: Store) -> PersonRecord:
    return people.create_person(store, name="Ana", starting_pain=5)


def test_decisions_doses_and_stage_are_stored(store: Store, person: PersonRecord) -> None:
    for day in (0, 2):
        log_planned_doses(store, person.id, MONDAY + timedelta(days=day))
    update_course(store, person.id)
    stored = decisions.list_decisions(store, person.id)
    progressed = [(d.exercise_id, d.kind, d.rule_id) for d in stored if d.kind != "hold"]
    assert progressed == [("glute-bridge", "progress", "DOSE-1"), ("plank", "progress", "DOSE-1")]
    assert len(stored) == 12  # six exercises, two sessions
    bridge = doses.get_current_dose(store, person.id, "glute-bridge")
    assert bridge is not None and bridge.dose.describe() == "12 reps · hold 2 s" and bridge.ladder_step == 1
    plank = doses.get_current_dose(store, person.id, "plank")
    assert plank is not None and plank.dose.describe() == "hold 15 s · 5 times"
    assert doses.dose_overrides(store, person.id)["plank"].hold_s is not None
    update_course(store, person.id)  # running again stores the same, not twice as many
    assert len(decisions.list_decisions(store, person.id)) == 12


def test_next_morning_pain_arriving_late_changes_the_decisions(store: Store, person: PersonRecord) -> None:
    log_planned_doses(store, person.id, MONDAY)
    last = log_planned_doses(store, person.id, MONDAY + timedelta(days=2), morning=None)
    update_course(store, person.id)
    waiting = decisions.list_decisions(store, person.id, session_log_id=last)
    assert {d.kind for d in waiting} == {"hold"}  # DOSE-1 waits for the next morning: no flare, or PAIN-3?
    bridge = next(d for d in waiting if d.exercise_id == "glute-bridge")
    assert bridge.facts == "kept: waiting for the next-morning pain before this session counts towards a harder dose"
    sessions.record_next_morning_pain(store, last, 5)  # 3 above the pain before: a flare (PAIN-3)
    update_course(store, person.id)
    after = decisions.list_decisions(store, person.id, session_log_id=last)
    assert {(d.exercise_id, d.kind, d.rule_id) for d in after if d.kind != "hold"} == set()
    assert {d.rule_id for d in after} == {"PAIN-3"}
    bridge = doses.get_current_dose(store, person.id, "glute-bridge")
    assert bridge is not None and bridge.dose.describe() == "10 reps · hold 2 s"


def test_good_logs_move_the_stage(store: Store, person: PersonRecord) -> None:
    days = [MONDAY + timedelta(weeks=w, days=d) for w in range(4) for d in (0, 2, 4)]
    for day in days[:10]:
        log_planned_doses(store, person.id, day)
    update_course(store, person.id)
    assert people.get_person(store, person.id).stage_index == 1
    stage = [d for d in decisions.list_decisions(store, person.id) if d.rule_id == "STAGE-1"]
    assert [(d.exercise_id, d.kind) for d in stage] == [("stage:progression", "progress")]
    report = progress_report(store, person.id, days[-1])
    assert report.lane_ends == {"glute-bridge": days[9]}  # the seated glute stretch stays in every stage
    current = doses.current_doses(store, person.id)
    assert current["banded-glute-bridge"].dose.describe() == "10 reps · hold 2 s"
    assert current["plank"].dose.describe() == "hold 30 s · 5 times"


def test_thresholds_per_person(store: Store, person: PersonRecord) -> None:
    assert person_thresholds(person).pain_safe_max == 3
    changed = set_thresholds(store, person.id, {"pain_safe_max": "2", "progress_sessions": 3}, MONDAY)
    assert (changed.pain_safe_max, changed.progress_sessions) == (2, 3)
    again = people.get_person(store, person.id)
    assert person_thresholds(again).progress_sessions == 3
    for day in (0, 2):
        log_planned_doses(store, person.id, MONDAY + timedelta(days=day))
    update_course(store, person.id)
    assert {d.kind for d in decisions.list_decisions(store, person.id)} == {"hold"}  # 3 sessions needed now
    assert reset_thresholds(store, person.id, ["progress_sessions"], MONDAY).progress_sessions == 2
    assert person_thresholds(people.get_person(store, person.id)).pain_safe_max == 2
    assert reset_thresholds(store, person.id, [], MONDAY).pain_safe_max == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pain_safe_max": "7"}, "pain_safe_max (7) is above pain_acceptable_max (5)"),
        ({"nonsense": "1"}, "no threshold 'nonsense'"),
        ({"flare_points": "many"}, "flare_points: Input should be a valid integer"),
    ],
)
def test_bad_thresholds_are_one_clear_error(
    store: Store, person: PersonRecord, changes: dict[str, str], message: str
) -> None:
    with pytest.raises(RehabitError, match=re.escape(message)):
        set_thresholds(store, person.id, changes, MONDAY)
    assert person_thresholds(people.get_person(store, person.id)) == person_thresholds(person)


def test_history_and_progress_report(store: Store, person: PersonRecord) -> None:
    for number, day in enumerate((0, 2, 4, 7)):
        log_planned_doses(store, person.id, MONDAY + timedelta(days=day), before=5 - number)
    document = history(store, person.id, MONDAY + timedelta(days=10))
    assert [(e.on_date.isoformat(), e.exercises_done, e.pain_before) for e in reversed(document.sessions)] == [
        ("2026-03-02", 6, 5),
        ("2026-03-04", 6, 4),
        ("2026-03-06", 6, 3),
        ("2026-03-09", 6, 2),
    ]
    report = progress_report(store, person.id, MONDAY + timedelta(days=10))
    assert (report.pain.start, report.pain.latest, report.pain.important) == (5, 2, True)
    assert [(w.week_start.isoformat(), w.sessions) for w in report.weeks] == [("2026-03-02", 3), ("2026-03-09", 1)]
    assert report.weeks_on_target == 1
    assert report.stage_name == "Foundational"
    assert [p.short for p in report.doses["glute-bridge"]] == ["10", "12", "15"]
