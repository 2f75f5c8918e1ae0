"""`after_session`: decisions stored and the coming planned sessions planned again with the new doses."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import Invoke
from rehabit.services.sessions import after_session
from rehabit.store import Store, people, plans

from ._store_logs import log_planned_doses

SETUP = ["setup", "--no-warning-signs", "--equipment", "none", "--days", "mon,wed,fri", "--pain", "4"]
TODAY = date.today()


def _bridge_dose(store: Store, person_id: int) -> str:
    upcoming = plans.next_planned_sessions(store, person_id, TODAY, limit=1)[0]
    return {item.exercise_id: item.dose.describe() for item in upcoming.exercises}["glute-bridge"]


def test_a_progress_replans_the_coming_sessions(cli: Invoke) -> None:
    assert cli(*SETUP).exit_code == 0
    assert cli("plan", "--from", TODAY.isoformat()).exit_code == 0
    with Store.open() as store:
        person = people.current_person(store)
        assert _bridge_dose(store, person.id) == "10–15 reps · hold 2 s"  # the program's range until a session
        log_planned_doses(store, person.id, TODAY - timedelta(days=4))
        first = after_session(store, person.id, TODAY)
        assert (first.replanned, {d.kind.value for d in first.decisions}) == (False, {"hold"})
        log_planned_doses(store, person.id, TODAY - timedelta(days=2))
        second = after_session(store, person.id, TODAY)
        assert second.replanned is True and second.advice is None
        assert [d.exercise_id for d in second.decisions if d.kind.value == "progress"] == ["glute-bridge", "plank"]
        assert _bridge_dose(store, person.id) == "12 reps · hold 2 s"


def test_rising_pain_gives_advice_instead_of_a_plan(cli: Invoke) -> None:
    assert cli(*SETUP).exit_code == 0
    assert cli("plan", "--from", TODAY.isoformat()).exit_code == 0
    with Store.open() as store:
        person = people.current_person(store)
        for ago, pain in ((20, 2), (18, 2), (4, 5), (2, 5)):
            log_planned_doses(store, person.id, TODAY - timedelta(days=ago), before=pain, after=pain, morning=pain)
        result = after_session(store, person.id, TODAY)
    assert result.replanned is False
    assert {d.kind.value for d in result.decisions} == {"stop_and_refer"}
    assert result.advice is not None and "Please see a health professional" in result.advice
    assert "cancelled the sessions still planned" in result.advice
