"""Today, setup and screening, profile, plan (.ics) and history: pages, JSON faces and refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import Snapshot, app_store, sign_fields

from rehabit.domain.safety import CLEAR_MESSAGE, EMERGENCY_MESSAGE, SOURCE_B, WARNING_SIGNS
from rehabit.store import people, plans, sessions

NO_SIGNS = {sign.name: False for sign in WARNING_SIGNS}


def setup_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "warning_signs": dict(NO_SIGNS),
        "equipment": ["resistance band"],
        "preferred_days": [0, 2, 4],
        "starting_pain": 4,
        "name": "Sam",
    }
    return {**body, **changes}


def test_first_run_today_leads_to_setup(client: TestClient) -> None:
    assert client.get("/api/today").json() == {
        "needs_setup": True,
        "profile": None,
        "screening": None,
        "next_session": None,
        "unfinished_session_id": None,
        "next_morning": [],
        "care": None,
        "start_refusal": None,
        "paused": [],
        "can_resume": False,
        "cancelled_reason": None,
        "rescreen": None,
    }
    assert 'href="/setup"' in client.get("/").text


def test_setup_form_lists_every_warning_sign(client: TestClient) -> None:
    form = client.get("/api/setup").json()
    assert [q["name"] for q in form["questions"]] == [s.name for s in WARNING_SIGNS]
    assert form["days"][0] == "Monday"
    walking = [follow["name"] for follow in form["follow_ups"]]
    assert walking == ["walking"]
    assert {q["name"] for q in form["questions"] if q["asked_by"] == "walking"} == {"leg-weakness", "walking-pain"}
    html = client.get("/setup").text
    for sign in WARNING_SIGNS:  # the page asks the walking question, then why, for the two signs it answers
        assert (f'name="sign-{sign.name}"' in html) is (sign.asked_by is None)
    assert 'name="sign-walking"' in html and 'name="walking-why" value="weakness"' in html


def test_clear_setup_stores_the_profile_and_plans(client: TestClient) -> None:
    response = client.post("/api/setup", json=setup_body())
    assert response.status_code == 200
    body = response.json()
    assert (body["result"], body["rule_id"], body["message"], body["planned"]) == ("clear", None, CLEAR_MESSAGE, True)
    assert body["profile"]["preferred_days"] == [0, 2, 4]
    assert body["profile"]["equipment"] == ["long band", "loop band"]  # "resistance band": both kinds
    today = client.get("/api/today").json()
    assert today["needs_setup"] is False
    assert today["screening"]["allowed"] is True
    assert today["next_session"]["exercises"]
    plan = client.get("/api/plan").json()
    assert plan["exists"] is True
    dates = [date.fromisoformat(s["on_date"]) for s in plan["sessions"]]
    assert all(later - earlier >= timedelta(days=2) for earlier, later in zip(dates, dates[1:], strict=False))
    assert {d.weekday() for d in dates} <= {0, 2, 4}


def test_emergency_answers_give_no_plan(client: TestClient) -> None:
    signs = dict(NO_SIGNS, **{"bladder-bowel": True})
    body = client.post("/api/setup", json=setup_body(warning_signs=signs)).json()
    assert (body["result"], body["rule_id"], body["message"], body["planned"]) == (
        "emergency",
        "SCREEN-2",
        EMERGENCY_MESSAGE,
        False,
    )
    assert client.get("/api/plan").json()["exists"] is False
    assert client.get("/api/today").json()["screening"]["allowed"] is False
    refused = client.post("/api/sessions", json={"pain_before": 2})
    assert refused.status_code == 409
    assert refused.json()["refusal"]["rule_id"] == "SCREEN-2"


def test_clearance_after_screen_3_makes_the_plan(client: TestClient) -> None:
    signs = dict(NO_SIGNS, **{"fever": True})
    assert client.post("/api/setup", json=setup_body(warning_signs=signs)).json()["rule_id"] == "SCREEN-3"
    assert client.get("/api/plan").json()["exists"] is False
    response = client.post(
        "/api/screening/clearance", json={"cleared_by": "Dr Jones", "cleared_on": date.today().isoformat()}
    )
    assert response.status_code == 200
    assert response.json()["allowed"] is True
    assert client.get("/api/plan").json()["exists"] is True


@pytest.mark.parametrize(("sign", "rule_id"), [("bladder-bowel", "SCREEN-2"), ("fever", "SCREEN-3")])
def test_a_screen_that_decides_shows_source_b_on_every_face(client: TestClient, sign: str, rule_id: str) -> None:
    source = f"[B] {SOURCE_B}"
    assert client.post("/api/setup", json=setup_body()).json()["source"] is None  # no rule decided
    again = client.post("/api/screening", json={"warning_signs": dict(NO_SIGNS, **{sign: True})}).json()
    assert (again["rule_id"], again["source"]) == (rule_id, source)
    assert f'<span class="rule">{rule_id}</span> Source: {source}' in client.get("/").text
    form: dict[str, Any] = dict(sign_fields(sign))
    form.update({"day": ["1", "3"], "starting_pain": "5"})
    page = client.post("/setup", data=form, follow_redirects=False)
    assert page.status_code == 200
    assert f'<span class="rule">{rule_id}</span> Source: {source}' in page.text
    answered = client.post("/api/setup", json=setup_body(warning_signs=dict(NO_SIGNS, **{sign: True}))).json()
    assert (answered["rule_id"], answered["source"]) == (rule_id, source)


def test_setup_through_the_html_form(client: TestClient) -> None:
    form: dict[str, Any] = dict(sign_fields())
    form.update({"day": ["1", "3"], "equipment": [], "starting_pain": "5", "name": ""})
    response = client.post("/setup", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    person = people.default_person(app_store(client))
    assert person is not None
    assert (person.preferred_days, person.equipment, person.starting_pain, person.name) == ((1, 3), (), 5, None)


def test_setup_form_missing_an_answer_shows_why(client: TestClient, snapshot: Snapshot) -> None:
    form: dict[str, Any] = dict(sign_fields())
    del form["sign-bladder-bowel"]
    form.update({"day": ["1"], "starting_pain": "5"})
    before = snapshot()
    response = client.post("/setup", data=form)
    assert response.status_code == 400
    assert "no answer to the warning-sign question &#39;bladder-bowel&#39;; answer yes or no" in response.text
    assert snapshot() == before


@pytest.mark.parametrize(
    ("changes", "status", "error"),
    [
        ({"starting_pain": 11}, 422, "starting_pain: Input should be less than or equal to 10"),
        ({"starting_pain": "4"}, 422, "starting_pain: Input should be a valid integer"),
        ({"preferred_days": []}, 422, "preferred_days: List should have at least 1 item after validation, not 0"),
        ({"preferred_days": [7]}, 422, "preferred_days.0: Input should be less than or equal to 6"),
        (
            {"equipment": ["trampoline"]},
            400,
            "unknown equipment 'trampoline' (known: band, long-band, loop-band, weights, none)",
        ),
        (
            {"warning_signs": {"fever": False}},
            400,
            "no answer to the warning-sign question 'bladder-bowel'; answer yes or no",
        ),
        ({"warning_signs": dict(NO_SIGNS, telepathy=True)}, 400, None),
        ({"warning_signs": dict(NO_SIGNS, fever="maybe")}, 422, "warning_signs.fever: Input should be a valid boolean"),
    ],
)
def test_bad_setup_is_refused_and_changes_nothing(
    client: TestClient, snapshot: Snapshot, changes: dict[str, Any], status: int, error: str | None
) -> None:
    before = snapshot()
    response = client.post("/api/setup", json=setup_body(**changes))
    assert response.status_code == status
    if error is not None:
        assert response.json()["error"] == error
    else:
        assert response.json()["error"].startswith("unknown warning sign 'telepathy'")
    assert snapshot() == before


@pytest.mark.parametrize("missing", ["warning_signs", "preferred_days", "starting_pain"])
def test_setup_missing_a_field_is_refused(client: TestClient, snapshot: Snapshot, missing: str) -> None:
    body = setup_body()
    del body[missing]
    before = snapshot()
    response = client.post("/api/setup", json=body)
    assert response.status_code == 422
    assert response.json()["error"] == f"{missing}: Field required"
    assert snapshot() == before


def test_profile_change_plans_again(client: TestClient) -> None:
    client.post("/api/setup", json=setup_body())
    response = client.put("/api/profile", json={"preferred_days": [1, 3], "equipment": []})
    assert response.status_code == 200
    assert response.json()["day_names"] == ["Tuesday", "Thursday"]
    dates = [date.fromisoformat(s["on_date"]) for s in client.get("/api/plan").json()["sessions"]]
    assert {d.weekday() for d in dates} <= {1, 3}
    assert client.get("/profile").status_code == 200


@pytest.mark.parametrize(
    ("method", "url", "payload"),
    [
        ("get", "/api/profile", None),
        ("put", "/api/profile", {"preferred_days": [1]}),
        ("get", "/api/plan", None),
        ("post", "/api/plan", {"weeks": 2}),
        ("get", "/api/history", None),
        ("post", "/api/screening/clearance", {"cleared_by": "Dr Jones", "cleared_on": "2026-01-01"}),
    ],
)
def test_pages_needing_a_profile_say_so(
    client: TestClient, snapshot: Snapshot, method: str, url: str, payload: dict[str, Any] | None
) -> None:
    before = snapshot()
    response = client.request(method, url, json=payload)
    assert response.status_code == 400
    assert response.json() == {"error": "There is no profile yet: complete setup first (/setup)."}
    assert snapshot() == before


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({"weeks": 0}, "weeks: Input should be greater than or equal to 1"),
        ({"weeks": 53}, "weeks: Input should be less than or equal to 52"),
        ({"weeks": "2"}, "weeks: Input should be a valid integer"),
    ],
)
def test_bad_plan_requests(client: TestClient, snapshot: Snapshot, payload: dict[str, Any], error: str) -> None:
    client.post("/api/setup", json=setup_body())
    before = snapshot()
    response = client.post("/api/plan", json=payload)
    assert response.status_code == 422
    assert response.json()["error"] == error
    assert snapshot() == before


def test_plan_page_and_calendar(client: TestClient) -> None:
    client.post("/api/setup", json=setup_body())
    plan = client.get("/api/plan").json()
    html = client.get("/plan").text
    assert 'action="/plan.ics"' in html
    calendar = client.get("/plan.ics")
    assert calendar.status_code == 200
    assert calendar.headers["content-type"] == "text/calendar; charset=utf-8"
    assert calendar.headers["content-disposition"] == 'attachment; filename="rehabit-plan.ics"'
    assert calendar.text.count("BEGIN:VEVENT") == len(plan["sessions"])
    made = client.post("/api/plan", json={"weeks": 3})
    assert made.status_code == 200
    assert made.json()["weeks"] == 3


def run_whole_session(client: TestClient, pain_during: int | None = None) -> int:
    started = client.post("/api/sessions", json={"pain_before": 3}).json()
    session_id: int = started["session"]["id"]
    holds = {e["id"]: e["hold_s"] for e in started["exercises"]}
    for step in started["steps"]:
        if step["ends_unit"]:
            side = step["side"] or "both"
            body = {
                "idempotency_key": f"session-{session_id}:{step['exercise_id']}:{side}:{step['set_number']}",
                "exercise_id": step["exercise_id"],
                "set_number": step["set_number"],
                "side": step["side"],
                "reps_done": step["reps"],
                "seconds_held": holds[step["exercise_id"]],
                "pain_during": pain_during,
            }
            assert client.post(f"/api/sessions/{session_id}/sets", json=body).status_code == 201
    finished = client.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 2})
    assert finished.status_code == 200
    return session_id


def test_history_shows_sessions_with_decisions_reasons_and_sources(client: TestClient) -> None:
    client.post("/api/setup", json=setup_body())
    assert client.get("/api/history").json()["sessions"] == []
    session_id = run_whole_session(client, pain_during=1)
    history = client.get("/api/history").json()
    [session] = history["sessions"]
    assert session["id"] == session_id
    assert session["status"] == "finished"
    assert (session["pain_before"], session["pain_after"]) == (3, 2)
    assert session["decisions"]
    for decision in session["decisions"]:
        assert decision["rule_id"] in {"DOSE-1", "PAIN-2", "STAGE-1"}
        assert decision["reason"]
        assert decision["source"].startswith("[")
    html = client.get("/history").text
    assert html.count('class="rule"') >= len(session["decisions"])
    chart = client.get("/history/chart.svg")
    assert chart.status_code == 200
    assert chart.headers["content-type"] == "image/svg+xml"


def test_next_morning_question_is_asked_then_answered(client: TestClient) -> None:
    client.post("/api/setup", json=setup_body())
    store = app_store(client)
    person = people.default_person(store)
    assert person is not None
    planned = plans.next_planned_sessions(store, person.id, date.today())[0]
    yesterday = datetime.now(UTC) - timedelta(days=1)
    version = plans.get_plan(store, planned.plan_id).program_version_id
    log = sessions.start_session(store, person.id, version, planned_session_id=planned.id, started_at=yesterday)
    sessions.finish_session(store, log.id, pain_after=2, finished_at=yesterday)
    today = client.get("/api/today").json()
    assert today["next_morning"] == [{"session_id": log.id, "session_date": yesterday.date().isoformat()}]
    assert "How is your back this morning?" in client.get("/").text
    response = client.post(f"/sessions/{log.id}/next-morning", data={"pain": "3"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.startswith('<section class="card" role="status">')
    assert "Saved: 3/10 this morning." in response.text
    assert client.get("/api/today").json()["next_morning"] == []
    assert sessions.get_session_log(store, log.id).pain_next_morning == 3


def test_next_morning_pain_out_of_range_is_refused(client: TestClient, snapshot: Snapshot) -> None:
    client.post("/api/setup", json=setup_body())
    session_id = run_whole_session(client)
    before = snapshot()
    response = client.post(f"/sessions/{session_id}/next-morning", data={"pain": "11"})
    assert response.status_code == 422
    assert snapshot() == before
    saved = client.post(f"/sessions/{session_id}/next-morning", data={"pain": "2"}, follow_redirects=False)
    assert (saved.status_code, saved.headers["location"]) == (303, "/")


def test_clearance_through_the_form(client: TestClient, snapshot: Snapshot) -> None:
    client.post("/api/setup", json=setup_body(warning_signs=dict(NO_SIGNS, fever=True)))
    assert 'action="/screening/clearance"' in client.get("/").text
    before = snapshot()
    refused = client.post("/screening/clearance", data={"cleared_by": "Dr Jones", "cleared_on": "next week"})
    assert refused.status_code == 400
    assert "Give the name of who cleared you and the date (YYYY-MM-DD)." in refused.text
    future = client.post("/screening/clearance", data={"cleared_by": "Dr Jones", "cleared_on": "2999-01-01"})
    assert future.status_code == 400
    assert "the clearance date 2999-01-01 is in the future" in future.text
    assert snapshot() == before
    done = client.post(
        "/screening/clearance",
        data={"cleared_by": "Dr Jones", "cleared_on": date.today().isoformat()},
        follow_redirects=False,
    )
    assert (done.status_code, done.headers["location"]) == (303, "/")
    assert client.get("/api/today").json()["screening"]["cleared_by"] == "Dr Jones"


def test_profile_and_plan_forms(client: TestClient, snapshot: Snapshot) -> None:
    client.post("/api/setup", json=setup_body())
    before = snapshot()
    refused = client.post("/profile", data={"name": "Sam"})
    assert refused.status_code == 400
    assert "Choose at least one day of the week." in refused.text
    assert snapshot() == before
    saved = client.post(
        "/profile", data={"name": "Sam", "day": ["1", "5"], "equipment": ["weights"]}, follow_redirects=False
    )
    assert (saved.status_code, saved.headers["location"]) == (303, "/plan")
    profile = client.get("/api/profile").json()
    assert (profile["preferred_days"], profile["equipment"]) == ([1, 5], ["weights"])
    replanned = client.post("/plan", follow_redirects=False)
    assert (replanned.status_code, replanned.headers["location"]) == (303, "/plan")
    assert "Download calendar file" in client.get("/plan").text


def test_every_page_renders_for_a_person_with_history(client: TestClient) -> None:
    client.post("/api/setup", json=setup_body())
    run_whole_session(client)
    for url in ("/", "/setup", "/profile", "/plan", "/history", "/programs", "/import", "/session"):
        response = client.get(url)
        # the day's session is done: the player page says why the next one cannot start today (FREQ-1)
        assert response.status_code == (409 if url == "/session" else 200), url
        assert url != "/session" or "FREQ-1" in response.text
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert '<main id="main"' in response.text
