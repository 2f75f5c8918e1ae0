"""The authorization matrix: every route of a clinic-mode app, called by each of the six kinds of caller.

Callers, in the order of each expectation string: anonymous, patient A, patient B, A's clinician
(who has A open), a clinician of nobody, the admin. URLs name A's profile and A's session, so patient B
and the other clinician must be kept out of them. A route added to the app without a line here fails
`test_every_route_has_an_entry`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from tests.clinic.conftest import CALLERS, Clinic
from tests.web.conftest import sign_fields

from rehabit.domain.safety import answers_from_names
from rehabit.store import accounts as account_rows
from rehabit.store import people, sessions
from rehabit.web import WebSettings, create_app
from rehabit.web.auth import app_routes

# callers denied first, so that an allowed change cannot hide a later refusal
ORDER = ("anonymous", "patient_b", "clinician_none", "admin", "clinician_a", "patient_a")

NO_SIGNS = answers_from_names([])
SETUP = {
    "warning_signs": NO_SIGNS,
    "equipment": ["band"],
    "preferred_days": [0, 2, 4],
    "starting_pain": 3,
}
SET = {"idempotency_key": "{caller}-1", "exercise_id": "glute-bridge", "set_number": 1, "reps_done": 2}
SETUP_FORM = {"day": ["0", "2"], "starting_pain": "3", "equipment": "band", **sign_fields()}


@dataclass(frozen=True)
class Entry:
    """How to call one route, and the status each caller gets (in CALLERS order)."""

    url: str
    expect: str
    json: Any = None
    data: dict[str, Any] | None = None
    check: Callable[[str, Any, Clinic], None] | None = field(default=None)


def own_profile(caller: str, body: Any, clinic: Clinic) -> None:
    person = body.get("profile", body)
    assert (
        person["id"]
        == {"patient_a": clinic.person_a, "patient_b": clinic.person_b, "clinician_a": clinic.person_a}[caller]
    )


def patients_seen(caller: str, body: Any, clinic: Clinic) -> None:
    assert [p["person_id"] for p in body] == ([clinic.person_a] if caller == "clinician_a" else [])


def patient_a_view(caller: str, body: Any, clinic: Clinic) -> None:
    assert body["summary"]["person_id"] == clinic.person_a
    assert body["summary"]["name"] == "Ada"


def all_accounts(caller: str, body: Any, clinic: Clinic) -> None:
    names = [a["username"] for a in body]
    assert set(names) >= {"patient_a", "patient_b", "clinician_a", "clinician_none", "admin"}


def notes_of_own(caller: str, body: Any, clinic: Clinic) -> None:
    texts = [note["text"] for note in body]
    assert texts == ([] if caller == "patient_b" else ["Keep it gentle."])


def a_session(caller: str, body: Any, clinic: Clinic) -> None:
    assert body["session"]["id"] == clinic.session_a


# {A} is patient A's profile id, {SA} A's started session, {PA} a planned session of A's, {NA} a note for A from
# A's clinician, {RA} A's open request to follow another program; expectations in CALLERS order
# (a clinician with no patient open and the admin are sent to their own home from a patient's pages: 303):
#        anonymous  patient_a  patient_b  clinician_a  clinician_none  admin
MATRIX: dict[tuple[str, str], Entry] = {
    # public
    ("GET", "/openapi.json"): Entry("/openapi.json", "200 200 200 200 200 200"),
    ("HEAD", "/openapi.json"): Entry("/openapi.json", "200 200 200 200 200 200"),
    ("*", "/static"): Entry("/static/rehabit.css", "200 200 200 200 200 200"),
    ("GET", "/manifest.webmanifest"): Entry("/manifest.webmanifest", "200 200 200 200 200 200"),
    ("GET", "/sw.js"): Entry("/sw.js", "200 200 200 200 200 200"),
    ("GET", "/login"): Entry("/login", "200 200 200 200 200 200"),
    ("POST", "/login"): Entry(
        "/login", "401 401 401 401 401 401", data={"username": "{caller}-x", "password": "wrong"}
    ),
    ("POST", "/api/login"): Entry(
        "/api/login", "401 401 401 401 401 401", json={"username": "{caller}-x", "password": "y"}
    ),
    ("POST", "/logout"): Entry("/logout", "303 303 303 303 303 303"),
    ("GET", "/invite/{token}"): Entry("/invite/not-a-token", "404 404 404 404 404 404"),
    ("POST", "/invite/{token}"): Entry(
        "/invite/not-a-token", "404 404 404 404 404 404", data={"username": "newbie", "password": "long enough pw"}
    ),
    # a patient's own data: the patient, or their clinician reading it
    ("GET", "/api/today"): Entry("/api/today", "401 200 200 200 403 403", check=own_profile),
    ("GET", "/api/setup"): Entry("/api/setup", "401 200 200 200 403 403"),
    ("POST", "/api/setup"): Entry("/api/setup", "401 200 200 403 403 403", json=SETUP),
    ("POST", "/api/screening/clearance"): Entry(
        "/api/screening/clearance", "401 400 400 403 403 403", json={"cleared_by": "Dr X", "cleared_on": "2026-01-02"}
    ),
    ("POST", "/api/screening"): Entry("/api/screening", "401 200 200 403 403 403", json={"warning_signs": NO_SIGNS}),
    # nothing is paused, and in clinic mode the clinician carries a paused program on: refused either way
    ("POST", "/api/resume-after-referral"): Entry(
        "/api/resume-after-referral",
        "401 400 400 403 403 403",
        json={"consulted": "Dr X", "consulted_on": "2026-01-02"},
    ),
    ("POST", "/resume-after-referral"): Entry(
        "/resume-after-referral", "401 400 400 403 403 403", data={"consulted": "Dr X", "consulted_on": "2026-01-02"}
    ),
    ("GET", "/api/profile"): Entry("/api/profile", "401 200 200 200 403 403", check=own_profile),
    ("PUT", "/api/profile"): Entry("/api/profile", "401 200 200 403 403 403", json={"preferred_days": [1, 3]}),
    ("GET", "/"): Entry("/", "303 200 200 200 303 303"),
    ("GET", "/setup"): Entry("/setup", "303 200 200 200 303 303"),
    ("POST", "/setup"): Entry("/setup", "401 303 303 403 403 403", data=SETUP_FORM),
    ("POST", "/screening/clearance"): Entry(
        "/screening/clearance", "401 400 400 403 403 403", data={"cleared_by": "Dr X", "cleared_on": "2026-01-02"}
    ),
    ("GET", "/profile"): Entry("/profile", "303 200 200 200 303 303"),
    ("POST", "/profile"): Entry("/profile", "401 303 303 403 403 403", data={"day": ["1", "3"]}),
    ("GET", "/api/plan"): Entry("/api/plan", "401 200 200 200 403 403"),
    ("POST", "/api/plan"): Entry("/api/plan", "401 200 200 403 403 403", json={"weeks": 2}),
    ("GET", "/plan.ics"): Entry("/plan.ics", "303 200 200 200 303 303"),
    ("GET", "/profile/rehabit-backup.json"): Entry("/profile/rehabit-backup.json", "303 200 200 200 303 303"),
    ("GET", "/profile/rehabit-fhir.json"): Entry("/profile/rehabit-fhir.json", "303 200 200 200 303 303"),
    ("GET", "/profile/rehabit-logs.csv"): Entry("/profile/rehabit-logs.csv", "303 200 200 200 303 303"),
    ("GET", "/plan"): Entry("/plan", "303 200 200 200 303 303"),
    ("POST", "/plan"): Entry("/plan", "401 303 303 403 403 403", data={"weeks": "2"}),
    # each patient has a session of today's plan in progress: starting again returns it (200)
    ("POST", "/api/sessions"): Entry("/api/sessions", "401 200 200 403 403 403", json={"pain_before": 2}),
    ("GET", "/api/planned-sessions/{planned_session_id}/player"): Entry(
        "/api/planned-sessions/{PA}/player", "401 200 404 200 403 403"
    ),
    ("GET", "/api/sessions/{session_id}"): Entry("/api/sessions/{SA}", "401 200 404 200 403 403", check=a_session),
    ("POST", "/api/sessions/{session_id}/sets"): Entry("/api/sessions/{SA}/sets", "401 201 404 403 403 403", json=SET),
    ("POST", "/api/sessions/{session_id}/pain"): Entry(
        "/api/sessions/{SA}/pain", "401 200 404 403 403 403", json={"exercise_id": "glute-bridge", "pain": 2}
    ),
    ("POST", "/api/sessions/{session_id}/finish"): Entry(
        "/api/sessions/{SA}/finish", "401 200 404 403 403 403", json={"pain_after": 2}
    ),
    ("POST", "/api/sessions/{session_id}/next-morning"): Entry(
        "/api/sessions/{SA}/next-morning", "401 200 404 403 403 403", json={"pain": 2}
    ),
    ("POST", "/sessions/{session_id}/next-morning"): Entry(
        "/sessions/{SA}/next-morning", "401 303 404 403 403 403", data={"pain": "2"}
    ),
    ("GET", "/session"): Entry("/session", "303 200 200 200 303 303"),
    ("GET", "/session/{session_id}"): Entry("/session/{SA}", "303 200 404 200 303 303"),
    ("POST", "/api/sessions/{session_id}/end"): Entry("/api/sessions/{SA}/end", "401 200 404 403 403 403"),
    ("GET", "/api/history"): Entry("/api/history", "401 200 200 200 403 403"),
    ("GET", "/api/progress"): Entry("/api/progress", "401 200 200 200 403 403"),
    # following a program changes the patient's own plan: the patient alone
    ("POST", "/api/programs/{program_id}/follow"): Entry(
        "/api/programs/lower-back-glutes/follow", "401 200 200 403 403 403", json={}
    ),
    ("GET", "/api/programs/{program_id}/follow"): Entry(
        "/api/programs/lower-back-glutes/follow", "401 200 200 200 403 403"
    ),
    ("GET", "/programs/{program_id}/follow"): Entry("/programs/lower-back-glutes/follow", "303 200 200 200 303 303"),
    ("POST", "/programs/{program_id}/follow"): Entry(
        "/programs/lower-back-glutes/follow", "401 303 303 403 403 403", data={}
    ),
    # notes: the patient writes to their clinicians (B has none: 400) and marks theirs read
    ("GET", "/api/notes"): Entry("/api/notes", "401 200 200 200 403 403", check=notes_of_own),
    ("POST", "/api/notes"): Entry("/api/notes", "401 201 400 403 403 403", json={"text": "Sore after bridges"}),
    ("POST", "/api/notes/{note_id}/read"): Entry("/api/notes/{NA}/read", "401 200 404 403 403 403"),
    ("POST", "/notes"): Entry("/notes", "401 303 400 403 403 403", data={"text": "Sore after bridges"}),
    ("POST", "/notes/{note_id}/read"): Entry("/notes/{NA}/read", "401 303 404 403 403 403"),
    ("GET", "/history/chart.svg"): Entry("/history/chart.svg", "303 200 200 200 303 303"),
    ("GET", "/history"): Entry("/history", "303 200 200 200 303 303"),
    ("GET", "/progress"): Entry("/progress", "303 200 200 200 303 303"),
    ("GET", "/api/lessons"): Entry("/api/lessons", "401 200 200 200 403 403"),
    ("GET", "/lessons"): Entry("/lessons", "303 200 200 200 303 303"),
    ("GET", "/lessons/this-week"): Entry("/lessons/this-week", "303 200 200 200 303 303"),
    ("GET", "/api/psfs"): Entry("/api/psfs", "401 200 200 200 403 403"),
    ("POST", "/api/psfs"): Entry("/api/psfs", "401 422 422 403 403 403", json={}),
    ("GET", "/psfs"): Entry("/psfs", "303 200 200 200 303 303"),
    ("POST", "/psfs"): Entry("/psfs", "401 400 400 403 403 403", data={}),
    # the shared program library: anyone signed in
    ("GET", "/api/programs"): Entry("/api/programs", "401 200 200 200 200 200"),
    ("GET", "/api/programs/{program_id}"): Entry("/api/programs/lower-back-glutes", "401 200 200 200 200 200"),
    ("GET", "/api/programs/{program_id}/exercises/{exercise_id}"): Entry(
        "/api/programs/lower-back-glutes/exercises/glute-bridge", "401 200 200 200 200 200"
    ),
    ("GET", "/programs"): Entry("/programs", "303 200 200 200 200 200"),
    ("GET", "/programs/{program_id}"): Entry("/programs/lower-back-glutes", "303 200 200 200 200 200"),
    ("GET", "/programs/{program_id}/handout.pdf"): Entry(
        "/programs/lower-back-glutes/handout.pdf", "303 200 200 200 200 200"
    ),
    ("GET", "/programs/{program_id}/exercises/{exercise_id}"): Entry(
        "/programs/lower-back-glutes/exercises/glute-bridge", "303 200 200 200 200 200"
    ),
    ("GET", "/illustrations/{program_id}/{exercise_id}.still.svg"): Entry(
        "/illustrations/lower-back-glutes/glute-bridge.still.svg", "303 200 200 200 200 200"
    ),
    ("GET", "/illustrations/{program_id}/{exercise_id}.svg"): Entry(
        "/illustrations/lower-back-glutes/glute-bridge.svg", "303 200 200 200 200 200"
    ),
    # importing a program: patients for themselves, clinicians (for the patient they have open)
    ("POST", "/api/import"): Entry("/api/import", "401 400 400 400 400 403", data={"text": ""}),
    ("POST", "/api/import/save"): Entry("/api/import/save", "401 422 422 422 422 403", json={}),
    ("GET", "/import"): Entry("/import", "303 200 200 200 200 303"),
    ("POST", "/import"): Entry("/import", "401 400 400 400 400 403", data={"text": ""}),
    ("POST", "/import/save"): Entry("/import/save", "401 400 400 400 400 403", data={}),
    # the exercise library: program authoring, like import (patients for themselves, any clinician)
    ("GET", "/api/library"): Entry("/api/library?q=bridge", "401 200 200 200 200 403"),
    ("GET", "/library"): Entry("/library", "303 200 200 200 200 303"),
    ("POST", "/api/library/add"): Entry("/api/library/add", "401 422 422 422 422 403", json={}),
    ("POST", "/library/add"): Entry("/library/add", "401 422 422 422 422 403", data={}),
    # correcting where a figure starts: program authoring (a built-in program is copied for the author first)
    ("POST", "/programs/{program_id}/exercises/{exercise_id}/figure"): Entry(
        "/programs/lower-back-glutes/exercises/glute-bridge/figure",
        "401 303 303 303 303 403",
        data={"posture": "supine"},
    ),
    # loading the library: an upload (none here: refused); a clinic's server fetches nothing from outside
    ("POST", "/api/library/import"): Entry("/api/library/import", "401 400 400 400 400 403", data={}),
    ("POST", "/library/import"): Entry("/library/import", "401 400 400 400 400 403", data={}),
    ("POST", "/api/library/fetch"): Entry("/api/library/fetch", "401 403 403 403 403 403", data={}),
    ("POST", "/library/fetch"): Entry("/library/fetch", "401 403 403 403 403 403", data={}),
    ("GET", "/library/figures/{library_name}/{exercise_id}.svg"): Entry(
        "/library/figures/tiny/Nothing.svg", "303 404 404 404 404 303"
    ),
    # clinicians, for their own patients
    ("GET", "/api/clinic/patients"): Entry("/api/clinic/patients", "401 403 403 200 200 403", check=patients_seen),
    ("GET", "/api/clinic/patients/{person_id}"): Entry(
        "/api/clinic/patients/{A}", "401 403 403 200 404 403", check=patient_a_view
    ),
    ("POST", "/api/clinic/patients/{person_id}/program"): Entry(
        "/api/clinic/patients/{A}/program", "401 403 403 200 404 403", json={"program": "builtin:lower-back-glutes"}
    ),
    ("POST", "/api/clinic/patients/{person_id}/dose"): Entry(
        "/api/clinic/patients/{A}/dose", "401 403 403 200 404 403", json={"exercise_id": "glute-bridge", "reps_min": 8}
    ),
    ("POST", "/api/clinic/patients/{person_id}/thresholds"): Entry(
        "/api/clinic/patients/{A}/thresholds", "401 403 403 200 404 403", json={"flare_points": 3}
    ),
    ("POST", "/api/clinic/invites"): Entry(
        "/api/clinic/invites", "401 403 403 201 201 403", json={"patient_name": "C"}
    ),
    ("POST", "/api/clinic/patients/{person_id}/notes"): Entry(
        "/api/clinic/patients/{A}/notes", "401 403 403 201 404 403", json={"text": "Well done this week"}
    ),
    ("POST", "/api/clinic/patients/{person_id}/notes/read"): Entry(
        "/api/clinic/patients/{A}/notes/read", "401 403 403 200 404 403"
    ),
    ("POST", "/api/clinic/patients/{person_id}/requests/{request_id}/approve"): Entry(
        "/api/clinic/patients/{A}/requests/{RA}/approve", "401 403 403 200 404 403"
    ),
    ("POST", "/api/clinic/patients/{person_id}/requests/{request_id}/decline"): Entry(
        "/api/clinic/patients/{A}/requests/{RA}/decline", "401 403 403 200 404 403"
    ),
    ("GET", "/clinic"): Entry("/clinic", "303 403 403 200 200 403"),
    ("POST", "/clinic/invites"): Entry("/clinic/invites", "401 403 403 200 200 403", data={"patient_name": "C"}),
    ("GET", "/clinic/patients/{person_id}"): Entry("/clinic/patients/{A}", "303 403 403 200 404 403"),
    ("POST", "/clinic/patients/{person_id}/program"): Entry(
        "/clinic/patients/{A}/program", "401 403 403 303 404 403", data={"choice": "builtin:lower-back-glutes@1"}
    ),
    ("POST", "/clinic/patients/{person_id}/dose"): Entry(
        "/clinic/patients/{A}/dose",
        "401 403 403 303 404 403",
        data={"exercise_id": "glute-bridge", "reps_min": "8", "sets_min": "2"},
    ),
    ("POST", "/clinic/patients/{person_id}/thresholds"): Entry(
        "/clinic/patients/{A}/thresholds", "401 403 403 303 404 403", data={"name": "flare_points", "value": "3"}
    ),
    ("POST", "/clinic/patients/{person_id}/notes"): Entry(
        "/clinic/patients/{A}/notes", "401 403 403 303 404 403", data={"text": "Well done this week"}
    ),
    ("POST", "/clinic/patients/{person_id}/notes/read"): Entry(
        "/clinic/patients/{A}/notes/read", "401 403 403 303 404 403"
    ),
    ("POST", "/clinic/patients/{person_id}/requests/{request_id}/approve"): Entry(
        "/clinic/patients/{A}/requests/{RA}/approve", "401 403 403 303 404 403"
    ),
    ("POST", "/clinic/patients/{person_id}/requests/{request_id}/decline"): Entry(
        "/clinic/patients/{A}/requests/{RA}/decline", "401 403 403 303 404 403"
    ),
    ("GET", "/clinic/patients/{person_id}/handout.pdf"): Entry(
        "/clinic/patients/{A}/handout.pdf", "303 403 403 200 404 403"
    ),
    # the admin
    ("GET", "/api/admin/accounts"): Entry("/api/admin/accounts", "401 403 403 403 403 200", check=all_accounts),
    ("POST", "/api/admin/accounts"): Entry(
        "/api/admin/accounts",
        "401 403 403 403 403 201",
        json={"username": "nurse", "password": "a long password", "role": "clinician"},
    ),
    ("GET", "/api/admin/audit"): Entry("/api/admin/audit", "401 403 403 403 403 200"),
    ("GET", "/admin"): Entry("/admin", "303 403 403 403 403 200"),
    ("POST", "/api/admin/accounts/{username}/disable"): Entry(
        "/api/admin/accounts/patient_b/disable", "401 403 403 403 403 200"
    ),
    ("POST", "/api/admin/accounts/{username}/enable"): Entry(
        "/api/admin/accounts/patient_b/enable", "401 403 403 403 403 200"
    ),
    ("POST", "/api/admin/accounts/{username}/password"): Entry(
        "/api/admin/accounts/patient_b/password", "401 403 403 403 403 200", json={"password": "a new long password"}
    ),
    ("POST", "/api/admin/links"): Entry(
        "/api/admin/links", "401 403 403 403 403 201", json={"patient": "patient_b", "clinician": "clinician_none"}
    ),
    ("DELETE", "/api/admin/links/{clinician}/{patient}"): Entry(
        "/api/admin/links/clinician_a/patient_a", "401 403 403 403 403 200"
    ),
    ("POST", "/admin/accounts"): Entry(
        "/admin/accounts",
        "401 403 403 403 403 303",
        data={"username": "nurse", "password": "a long password", "role": "patient", "clinicians": "clinician_a"},
    ),
    ("POST", "/admin/accounts/{username}/disable"): Entry(
        "/admin/accounts/patient_b/disable", "401 403 403 403 403 303"
    ),
    ("POST", "/admin/accounts/{username}/enable"): Entry("/admin/accounts/patient_b/enable", "401 403 403 403 403 303"),
    ("POST", "/admin/passwords"): Entry(
        "/admin/passwords", "401 403 403 403 403 303", data={"username": "patient_b", "password": "a new long password"}
    ),
    ("POST", "/admin/links"): Entry(
        "/admin/links", "401 403 403 403 403 303", data={"patient": "patient_b", "clinician": "clinician_none"}
    ),
    ("POST", "/admin/links/remove"): Entry(
        "/admin/links/remove", "401 403 403 403 403 303", data={"patient": "patient_a", "clinician": "clinician_a"}
    ),
}


def _app_keys() -> set[tuple[str, str]]:
    app = create_app(WebSettings(database_url="sqlite://", accounts=True))
    return {(method, entry.path) for entry in app_routes(app) for method in (sorted(entry.methods) or ["*"])}


def test_every_route_has_an_entry() -> None:
    keys = _app_keys()
    assert sorted(keys - MATRIX.keys()) == [], "routes without an entry in the authorization matrix"
    assert sorted(MATRIX.keys() - keys) == [], "matrix entries for routes that no longer exist"


def _url(template: str, clinic: Clinic) -> str:
    return (
        template.replace("{A}", str(clinic.person_a))
        .replace("{SA}", str(clinic.session_a))
        .replace("{PA}", str(clinic.planned_a))
        .replace("{NA}", str(clinic.note_a))
        .replace("{RA}", str(clinic.request_a))
    )


def _with_caller(value: Any, caller: str) -> Any:
    if isinstance(value, dict):
        return {k: _with_caller(v, caller) for k, v in value.items()}
    if isinstance(value, str):
        return value.replace("{caller}", caller)
    return value


@pytest.mark.parametrize("key", sorted(MATRIX), ids=[f"{m} {p}" for m, p in sorted(MATRIX)])
def test_route(key: tuple[str, str], clinic: Clinic) -> None:
    method, _path = key
    entry = MATRIX[key]
    expected = dict(zip(CALLERS, (int(s) for s in entry.expect.split()), strict=True))
    got: dict[str, int] = {}
    for caller in ORDER:
        client = clinic.client(caller)
        kwargs: dict[str, Any] = {}
        if entry.json is not None:
            kwargs["json"] = _with_caller(entry.json, caller)
        if entry.data is not None:
            kwargs["data"] = _with_caller(entry.data, caller)
        response = client.request("GET" if method == "*" else method, _url(entry.url, clinic), **kwargs)
        got[caller] = response.status_code
        if entry.check is not None and response.status_code == 200:
            entry.check(caller, response.json(), clinic)
    assert got == expected


def test_patient_b_setting_up_changes_only_their_own_profile(clinic: Clinic) -> None:
    before = people.get_person(clinic.store, clinic.person_a)
    response = clinic.client("patient_b").post("/api/setup", json={**SETUP, "starting_pain": 7, "name": "Bee"})
    assert response.status_code == 200
    assert response.json()["profile"]["id"] == clinic.person_b
    assert people.get_person(clinic.store, clinic.person_a) == before
    assert people.get_person(clinic.store, clinic.person_b).starting_pain == 7


def test_a_set_logged_by_a_lands_in_a_session_and_b_cannot_add_one(clinic: Clinic) -> None:
    clinic.client("patient_b").post(f"/api/sessions/{clinic.session_a}/sets", json=_with_caller(SET, "b"))
    clinic.client("patient_a").post(f"/api/sessions/{clinic.session_a}/sets", json=_with_caller(SET, "a"))
    keys = [s.idempotency_key for s in sessions.get_session_log(clinic.store, clinic.session_a).sets]
    assert keys == ["a-1"]


def test_a_clinician_viewing_a_patient_is_in_the_audit_trail(clinic: Clinic) -> None:
    clinician = clinic.client("clinician_a")
    clinician.get(f"/clinic/patients/{clinic.person_a}")
    clinician.get("/api/history")
    actions = [(e.username, e.action, e.person_id) for e in account_rows.list_audit(clinic.store)]
    assert ("clinician_a", "viewed /clinic/patients/{person_id}", clinic.person_a) in actions
    assert ("clinician_a", "viewed /api/history", clinic.person_a) in actions
    assert not [a for a in actions if a[0] == "patient_a" and a[2] is not None]  # own use is not audited


def test_a_disabled_account_is_signed_out_at_its_next_request(clinic: Clinic) -> None:
    patient = clinic.client("patient_a")
    assert patient.get("/api/today").status_code == 200
    account_rows.set_disabled(clinic.store, "patient_a", True)
    assert patient.get("/api/today").status_code == 401
