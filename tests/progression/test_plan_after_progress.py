"""`rehabit plan` after logged sessions: new doses, paused exercises left out, a stop when pain rises."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import Invoke
from rehabit.store import Store, people, plans

from ._store_logs import log_planned_doses

SETUP = ["setup", "--no-warning-signs", "--equipment", "none", "--days", "mon,wed,fri", "--pain", "4"]
TODAY = date.today()


def _log(days_ago: list[int], **options: object) -> int:
    with Store.open() as store:
        person = people.current_person(store)
        for ago in days_ago:
            log_planned_doses(store, person.id, TODAY - timedelta(days=ago), **options)  # type: ignore[arg-type]
        return person.id


def test_the_next_plan_uses_the_new_doses_and_leaves_out_a_paused_exercise(cli: Invoke) -> None:
    assert cli(*SETUP).exit_code == 0
    person_id = _log([6, 4], stop="plank")
    result = cli("plan", "--from", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    assert "Left out Plank: it was stopped for pain twice within two weeks; see a health professional first" in (
        " ".join(result.output.split())
    )
    with Store.open() as store:
        upcoming = plans.next_planned_sessions(store, person_id, TODAY, limit=1)[0]
    planned = {item.exercise_id: item.dose.describe() for item in upcoming.exercises}
    assert "plank" not in planned
    assert planned["glute-bridge"] == "12 reps · hold 2 s"
    assert planned["bird-dog"] == "hold 15 s · 5 times each side, sides in turn"


def test_rising_pain_stops_planning(cli: Invoke) -> None:
    assert cli(*SETUP).exit_code == 0
    _log([20], before=2, after=2, morning=2)
    _log([18], before=2, after=2, morning=2)
    _log([4], before=5, after=5, morning=5)
    _log([2], before=5, after=5, morning=5)
    result = cli("plan", "--from", TODAY.isoformat())
    assert result.exit_code == 2
    assert result.output.startswith(
        f"Error: your pain has been rising since {(TODAY - timedelta(days=2)).isoformat()}, so rehabit has paused"
    )
