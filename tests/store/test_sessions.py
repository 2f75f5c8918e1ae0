"""Session logs and set logs: idempotent sets, finishing, abandoning, next-morning pain."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rehabit.errors import NotFoundError, RehabitError
from rehabit.programs import get_program
from rehabit.store import PersonRecord, Store, people, plans, programs, sessions
from rehabit.store.plans import SessionDraft

T0 = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


@pytest.fixture
def person(store: Store) -> PersonRecord:
    return people.create_person(store, name="Ana")


def _start(store: Store, person: PersonRecord, **fields: object) -> int:
    version = programs.person_program(store, person.id)
    return sessions.start_session(store, person.id, version.id, started_at=T0, **fields).id  # type: ignore[arg-type]


def test_start_log_and_finish(store: Store, person: PersonRecord) -> None:
    log_id = _start(store, person, pain_before=3)
    first = sessions.log_set(
        store, log_id, "glute-bridge", 1, idempotency_key="a1", reps_done=12, pain_during=2, logged_at=T0
    )
    sessions.log_set(
        store, log_id, "piriformis-stretch", 1, side="left", seconds_held=30, idempotency_key="a2", logged_at=T0
    )
    done = sessions.finish_session(
        store, log_id, pain_after=2, effort=6, notes="fine", finished_at=T0 + timedelta(minutes=20)
    )
    assert (done.status, done.pain_before, done.pain_after, done.effort, done.notes) == ("finished", 3, 2, 6, "fine")
    assert done.finished_at == T0 + timedelta(minutes=20)
    assert [(s.exercise_id, s.side, s.reps_done, s.seconds_held) for s in done.sets] == [
        ("glute-bridge", None, 12, None),
        ("piriformis-stretch", "left", None, 30),
    ]
    assert done.sets[0] == first
    assert sessions.finish_session(store, log_id) == done


def test_the_same_key_stores_a_set_once(store: Store, person: PersonRecord) -> None:
    log_id = _start(store, person)
    first = sessions.log_set(store, log_id, "plank", 1, idempotency_key="k", seconds_held=20)
    again = sessions.log_set(store, log_id, "plank", 1, idempotency_key="k", seconds_held=20)
    assert again == first
    assert len(sessions.get_session_log(store, log_id).sets) == 1


def test_the_same_set_under_a_new_key_is_not_stored_twice(store: Store, person: PersonRecord) -> None:
    log_id = _start(store, person)
    first = sessions.log_set(store, log_id, "plank", 1, idempotency_key="k1", seconds_held=20)
    assert sessions.log_set(store, log_id, "plank", 1, idempotency_key="k2", seconds_held=25) == first
    second_side = sessions.log_set(store, log_id, "plank", 2, idempotency_key="k3", seconds_held=25)
    assert second_side.id != first.id
    assert len(sessions.get_session_log(store, log_id).sets) == 2


def test_sides_are_separate_sets(store: Store, person: PersonRecord) -> None:
    log_id = _start(store, person)
    for side in ("left", "right"):
        sessions.log_set(store, log_id, "piriformis-stretch", 1, side=side, idempotency_key=side, seconds_held=30)
    assert [s.side for s in sessions.get_session_log(store, log_id).sets] == ["left", "right"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"side": "middle"}, "side must be left, right or none, not 'middle'"),
        ({"set_number": 0}, "set numbers start at 1, not 0"),
        ({"reps_done": -1}, "reps done cannot be negative (-1)"),
        ({"pain_during": 11}, "pain during the exercise must be a whole number from 0 to 10, not 11"),
        ({"idempotency_key": ""}, "a set needs an idempotency key of 1 to 100 characters"),
    ],
)
def test_bad_sets_are_refused(store: Store, person: PersonRecord, fields: dict[str, object], message: str) -> None:
    log_id = _start(store, person)
    arguments: dict[str, object] = {"set_number": 1, "idempotency_key": "k"} | fields
    with pytest.raises(RehabitError) as caught:
        sessions.log_set(store, log_id, "plank", **arguments)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert sessions.get_session_log(store, log_id).sets == ()


def test_a_closed_session_takes_no_new_sets_but_a_resent_one_is_fine(store: Store, person: PersonRecord) -> None:
    log_id = _start(store, person)
    kept = sessions.log_set(store, log_id, "plank", 1, idempotency_key="k", seconds_held=20)
    sessions.finish_session(store, log_id)
    assert sessions.log_set(store, log_id, "plank", 1, idempotency_key="k", seconds_held=20) == kept
    with pytest.raises(RehabitError, match=f"session {log_id} is finished; it takes no more sets"):
        sessions.log_set(store, log_id, "plank", 2, idempotency_key="k2", seconds_held=20)


def test_unfinished_session_is_found_with_its_sets(store: Store, person: PersonRecord) -> None:
    assert sessions.unfinished_session(store, person.id) is None
    log_id = _start(store, person)
    sessions.log_set(store, log_id, "bird-dog", 1, idempotency_key="b", reps_done=8)
    found = sessions.unfinished_session(store, person.id)
    assert found is not None and found.id == log_id and len(found.sets) == 1
    abandoned = sessions.abandon_session(store, log_id, notes="phone rang")
    assert (abandoned.status, abandoned.notes, len(abandoned.sets)) == ("abandoned", "phone rang", 1)
    assert sessions.unfinished_session(store, person.id) is None
    with pytest.raises(RehabitError, match="was abandoned and cannot be finished"):
        sessions.finish_session(store, log_id)


def test_finishing_marks_the_planned_session_done(store: Store, person: PersonRecord) -> None:
    version = programs.person_program(store, person.id)
    dose = get_program().exercise("plank").dose
    plan = plans.save_plan(
        store, person.id, version.id, date(2026, 3, 2), 1, [SessionDraft(date(2026, 3, 2), 0, (("plank", dose),), 300)]
    )
    planned = plan.sessions[0]
    log = sessions.start_session(store, person.id, version.id, planned_session_id=planned.id)
    sessions.finish_session(store, log.id)
    assert plans.get_planned_session(store, planned.id).status == "done"
    assert plans.next_planned_sessions(store, person.id, date(2026, 3, 1)) == []


def test_next_morning_pain(store: Store, person: PersonRecord) -> None:
    log_id = _start(store, person, pain_before=2)
    sessions.finish_session(store, log_id, finished_at=T0 + timedelta(minutes=25))
    midnight_before = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    midnight_after = datetime(2026, 3, 3, 0, 0, tzinfo=UTC)
    assert sessions.sessions_needing_next_morning_pain(store, person.id, midnight_before) == []
    waiting = sessions.sessions_needing_next_morning_pain(store, person.id, midnight_after)
    assert [item.id for item in waiting] == [log_id]
    answered = sessions.record_next_morning_pain(store, log_id, 5)
    assert (answered.pain_next_morning, answered.next_morning_asked) == (5, True)
    assert sessions.sessions_needing_next_morning_pain(store, person.id, midnight_after) == []


def test_list_sessions_oldest_first_and_limit_keeps_the_latest(store: Store, person: PersonRecord) -> None:
    version = programs.person_program(store, person.id)
    ids = [
        sessions.start_session(store, person.id, version.id, started_at=T0 + timedelta(days=day)).id
        for day in (0, 2, 4)
    ]
    assert [item.id for item in sessions.list_sessions(store, person.id)] == ids
    assert [item.id for item in sessions.list_sessions(store, person.id, limit=2)] == ids[1:]
    assert [item.id for item in sessions.list_sessions(store, person.id, since=T0 + timedelta(days=1))] == ids[1:]
    sessions.finish_session(store, ids[0])
    assert [item.id for item in sessions.list_sessions(store, person.id, statuses=["finished"])] == ids[:1]


def test_update_session_log(store: Store, person: PersonRecord) -> None:
    log_id = _start(store, person)
    updated = sessions.update_session_log(store, log_id, pain_before=4, notes="stiff")
    assert (updated.pain_before, updated.notes, updated.effort) == (4, "stiff", None)


def test_missing_session_log(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no session log with id 42"):
        sessions.get_session_log(store, 42)
