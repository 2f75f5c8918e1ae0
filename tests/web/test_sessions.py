"""The session API the player uses: start, timeline, each set once, It hurts, finish, next morning."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import Snapshot, app_store

from rehabit.store import PlannedSessionRecord, plans, sessions


def start(client: TestClient, planned: PlannedSessionRecord, pain_before: int = 3) -> dict[str, Any]:
    response = client.post("/api/sessions", json={"planned_session_id": planned.id, "pain_before": pain_before})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def a_set(session_id: int, **changes: Any) -> dict[str, Any]:
    body = {
        "idempotency_key": f"session-{session_id}:glute-bridge:both:1",
        "exercise_id": "glute-bridge",
        "set_number": 1,
        "side": None,
        "reps_done": 2,
        "seconds_held": 2,
    }
    return {**body, **changes}


def test_start_gives_the_timeline_of_the_planned_session(client: TestClient, planned: PlannedSessionRecord) -> None:
    body = start(client, planned)
    assert body["session"]["status"] == "in_progress"
    assert body["session"]["pain_before"] == 3
    assert body["session"]["planned_session_id"] == planned.id
    assert [e["id"] for e in body["exercises"]] == ["glute-bridge", "piriformis-stretch"]
    assert [e["dose"] for e in body["exercises"]] == ["2 reps · hold 2 s", "3 s each side"]
    assert [(e["illustration_url"], e["still_url"]) for e in body["exercises"]][0] == (
        "/illustrations/lower-back-glutes/glute-bridge.svg",
        "/illustrations/lower-back-glutes/glute-bridge.still.svg",
    )
    assert body["resume_at"] == 0
    units = [(s["exercise_id"], s["set_number"], s["side"]) for s in body["steps"] if s["ends_unit"]]
    assert units == [("glute-bridge", 1, None), ("piriformis-stretch", 1, "left"), ("piriformis-stretch", 1, "right")]
    assert body["duration_ms"] == sum(s["duration_ms"] for s in body["steps"])
    assert body["steps"][0] == {
        "index": 0,
        "kind": "position",
        "cue": "Get into position for Glute bridge",
        "duration_ms": 5000,
        "start_ms": 0,
        "exercise_index": 0,
        "exercise_id": "glute-bridge",
        "set_number": 0,
        "side": None,
        "rep": 0,
        "reps": 0,
        "ends_unit": False,
        "ends_exercise": False,
    }


def test_start_without_a_planned_session_takes_the_next_one(client: TestClient, planned: PlannedSessionRecord) -> None:
    response = client.post("/api/sessions", json={"pain_before": 2})
    assert response.status_code == 201
    assert response.json()["session"]["planned_session_id"] == planned.id


def test_same_set_twice_is_stored_once(client: TestClient, planned: PlannedSessionRecord) -> None:
    session_id = start(client, planned)["session"]["id"]
    first = client.post(f"/api/sessions/{session_id}/sets", json=a_set(session_id))
    again = client.post(f"/api/sessions/{session_id}/sets", json=a_set(session_id))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["set"] == again.json()["set"]
    stored = sessions.get_session_log(app_store(client), session_id).sets
    assert [(s.exercise_id, s.set_number, s.side, s.reps_done, s.seconds_held) for s in stored] == [
        ("glute-bridge", 1, None, 2, 2)
    ]


def test_resume_starts_at_the_first_set_not_logged(client: TestClient, planned: PlannedSessionRecord) -> None:
    body = start(client, planned)
    session_id = body["session"]["id"]
    client.post(f"/api/sessions/{session_id}/sets", json=a_set(session_id))
    resumed = client.get(f"/api/sessions/{session_id}").json()
    first_stretch = next(s["index"] for s in body["steps"] if s["exercise_id"] == "piriformis-stretch")
    assert resumed["resume_at"] == first_stretch
    assert [s["exercise_id"] for s in resumed["session"]["sets"]] == ["glute-bridge"]


def test_it_hurts_logs_the_stop_and_gives_advice(client: TestClient, planned: PlannedSessionRecord) -> None:
    session_id = start(client, planned)["session"]["id"]
    hurt = a_set(session_id, reps_done=1, seconds_held=0, pain_during=6, stopped_for_pain=True)
    response = client.post(f"/api/sessions/{session_id}/sets", json=hurt)
    assert response.status_code == 201
    body = response.json()
    assert body["advice"].startswith("Pain of 6/10 is more than is safe to exercise with (above 5/10)")
    assert "end the session here" in body["advice"]
    assert body["advice"].endswith("(PAIN-1, PAIN-2)")
    assert body["pain_band"] == "too much"
    assert body["end_session"] is True
    assert body["set"]["stopped_for_pain"] is True


def test_finish_records_pain_after(client: TestClient, planned: PlannedSessionRecord) -> None:
    session_id = start(client, planned)["session"]["id"]
    client.post(f"/api/sessions/{session_id}/sets", json=a_set(session_id))
    response = client.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 2, "effort": 5})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["session"]["status"] == "finished"
    assert body["session"]["pain_after"] == 2
    assert {d["kind"] for d in body["decisions"]} == {"hold"}
    assert body["messages"] == []  # nothing changes, so the coming sessions stay as planned
    late = client.post(
        f"/api/sessions/{session_id}/sets", json=a_set(session_id, idempotency_key="other", set_number=2)
    )
    assert late.status_code == 400
    assert late.json() == {"error": f"session {session_id} is finished; it takes no more sets"}


def test_next_morning_pain(client: TestClient, planned: PlannedSessionRecord) -> None:
    session_id = start(client, planned)["session"]["id"]
    client.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 2})
    response = client.post(f"/api/sessions/{session_id}/next-morning", json={"pain": 4})
    assert response.status_code == 200
    assert response.json()["pain_next_morning"] == 4


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"pain_during": 11}, 422, "pain_during"),
        ({"pain_during": -1}, 422, "pain_during"),
        ({"pain_during": "5"}, 422, "pain_during"),
        ({"set_number": "one"}, 422, "set_number"),
        ({"set_number": 0}, 422, "set_number"),
        ({"side": "middle"}, 422, "side"),
        ({"reps_done": 2.5}, 422, "reps_done"),
        ({"idempotency_key": ""}, 422, "idempotency_key"),
        ({"idempotency_key": "k" * 101}, 422, "idempotency_key"),
        ({"surprise": True}, 422, "surprise"),
        ({"exercise_id": "moon-walk"}, 404, None),
        ({"exercise_id": "plank"}, 404, None),  # in the program, but not in this session
    ],
)
def test_bad_sets_are_refused_and_change_nothing(
    client: TestClient,
    planned: PlannedSessionRecord,
    snapshot: Snapshot,
    changes: dict[str, Any],
    status: int,
    field: str | None,
) -> None:
    session_id = start(client, planned)["session"]["id"]
    before = snapshot()
    response = client.post(f"/api/sessions/{session_id}/sets", json=a_set(session_id, **changes))
    assert response.status_code == status
    body = response.json()
    if field is None:
        assert body == {"error": f"no exercise {changes['exercise_id']!r} in this session"}
    else:
        assert body["error"].startswith(f"{field}: ")
        assert body["details"][0]["field"] == field
    assert snapshot() == before


@pytest.mark.parametrize("missing", ["idempotency_key", "exercise_id", "set_number"])
def test_a_set_missing_a_field_is_refused(
    client: TestClient, planned: PlannedSessionRecord, snapshot: Snapshot, missing: str
) -> None:
    session_id = start(client, planned)["session"]["id"]
    body = a_set(session_id)
    del body[missing]
    before = snapshot()
    response = client.post(f"/api/sessions/{session_id}/sets", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == f"{missing}: Field required"
    assert snapshot() == before


@pytest.mark.parametrize(
    ("url", "payload", "status", "error"),
    [
        ("/api/sessions", {"pain_before": 11}, 422, "pain_before: Input should be less than or equal to 10"),
        ("/api/sessions", {"pain_before": "3"}, 422, "pain_before: Input should be a valid integer"),
        ("/api/sessions", {"planned_session_id": 999}, 404, "no planned session with id 999"),
        ("/api/sessions/999/sets", None, 404, "no session log with id 999"),
        ("/api/sessions/999/finish", {"pain_after": 1}, 404, "no session log with id 999"),
        ("/api/sessions/{id}/finish", {"pain_after": 11}, 422, "pain_after: Input should be less than or equal to 10"),
        ("/api/sessions/{id}/next-morning", {}, 422, "pain: Field required"),
        ("/api/sessions/{id}/next-morning", {"pain": True}, 422, "pain: Input should be a valid integer"),
    ],
)
def test_bad_session_requests_are_refused_and_change_nothing(
    client: TestClient,
    planned: PlannedSessionRecord,
    snapshot: Snapshot,
    url: str,
    payload: dict[str, Any] | None,
    status: int,
    error: str,
) -> None:
    session_id = start(client, planned)["session"]["id"]
    before = snapshot()
    body = payload if payload is not None else a_set(session_id)
    response = client.post(url.replace("{id}", str(session_id)), json=body)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert snapshot() == before


def test_starting_before_setup_is_refused(client: TestClient, snapshot: Snapshot) -> None:
    before = snapshot()
    response = client.post("/api/sessions", json={"pain_before": 2})
    assert response.status_code == 400
    assert response.json() == {"error": "There is no profile yet: complete setup first (/setup)."}
    assert snapshot() == before


def test_player_pages(client: TestClient, planned: PlannedSessionRecord) -> None:
    session_id = start(client, planned)["session"]["id"]
    page = client.get(f"/session/{session_id}")
    assert page.status_code == 200
    assert f'data-session-id="{session_id}"' in page.text
    assert 'src="/static/player.js' in page.text
    assert client.get("/session").status_code == 200
    assert client.get("/session/999").status_code == 404


def test_planned_player_view_before_the_start(client: TestClient, planned: PlannedSessionRecord) -> None:
    response = client.get(f"/api/planned-sessions/{planned.id}/player")
    assert response.status_code == 200
    body = response.json()
    assert body["session"] is None
    assert body["planned_session_id"] == planned.id
    assert body["resume_at"] == 0
    started = start(client, planned)
    assert body["steps"] == started["steps"]
    assert client.get("/api/planned-sessions/999/player").json() == {"error": "no planned session with id 999"}


def test_starting_the_session_in_progress_again_returns_it(
    client: TestClient, planned: PlannedSessionRecord, snapshot: Snapshot
) -> None:
    first = start(client, planned)
    before = snapshot()
    again = client.post("/api/sessions", json={"planned_session_id": planned.id, "pain_before": 3})
    assert again.status_code == 200
    assert again.json()["session"]["id"] == first["session"]["id"]
    assert snapshot() == before


def test_one_session_in_progress_at_a_time(client: TestClient, planned: PlannedSessionRecord) -> None:
    first = start(client, planned)["session"]["id"]
    store = app_store(client)
    later = plans.next_planned_sessions(store, planned.person_id, planned.on_date + timedelta(days=1))[0]
    refused = client.post("/api/sessions", json={"planned_session_id": later.id})
    assert refused.status_code == 400
    assert "is not finished: carry it on, or end it before starting another" in refused.json()["error"]
    again = client.post("/api/sessions", json={})  # none named: the one in progress is carried on
    assert (again.status_code, again.json()["session"]["id"]) == (200, first)
    moved = client.post("/api/sessions", json={"planned_session_id": later.id, "abandon_unfinished": True})
    assert moved.status_code == 201
    statuses = {log.id: log.status for log in sessions.list_sessions(store, planned.person_id)}
    assert statuses == {first: "abandoned", moved.json()["session"]["id"]: "in_progress"}


def test_ending_a_session_early_keeps_its_sets(client: TestClient, planned: PlannedSessionRecord) -> None:
    session_id = start(client, planned)["session"]["id"]
    assert client.post(f"/api/sessions/{session_id}/sets", json=a_set(session_id)).status_code == 201
    ended = client.post(f"/api/sessions/{session_id}/end")
    assert (ended.status_code, ended.json()["status"], len(ended.json()["sets"])) == (200, "abandoned", 1)
    history = client.get("/api/history").json()
    assert [(s["id"], s["status"]) for s in history["sessions"]] == [(session_id, "abandoned")]
