"""Where each account lands: a clinician on their patient list (never an error page that loops), an admin
on the admin page, a patient first on the warning-sign questions, then on Today with the program their
clinician assigned (issue 19 items 2 and 3)."""

from __future__ import annotations

from tests.clinic.conftest import PASSWORD, Clinic
from tests.web.conftest import sign_fields

from rehabit.services import accounts
from rehabit.store import accounts as account_rows
from rehabit.store import people
from rehabit.web.auth import CSRF_COOKIE

SETUP_FORM = {
    "day": ["0", "2", "4"],
    "starting_pain": "3",
    **sign_fields(),  # every warning sign "no", as the page asks them
}


def _sign_in_page(clinic: Clinic, username: str, password: str = PASSWORD, next: str = "/") -> str:
    """Sign in through the form as the gate sends a browser (from `/`); returns where it lands."""
    client = clinic.client("anonymous")
    response = client.post("/login", data={"username": username, "password": password, "next": next})
    assert response.status_code == 303
    return str(response.headers["location"])


def test_a_clinician_signing_in_from_the_front_page_lands_on_their_patients(clinic: Clinic) -> None:
    assert _sign_in_page(clinic, "clinician_none") == "/clinic"
    assert _sign_in_page(clinic, "admin") == "/admin"
    assert _sign_in_page(clinic, "patient_a") == "/"
    assert _sign_in_page(clinic, "clinician_none", next="/clinic/patients/1") == "/clinic/patients/1"


def test_the_front_page_sends_a_clinician_with_no_patient_open_home_instead_of_an_error(clinic: Clinic) -> None:
    clinician = clinic.client("clinician_none")
    response = clinician.get("/")
    assert (response.status_code, response.headers["location"]) == (303, "/clinic")
    listed = clinician.get("/", follow_redirects=True)
    assert listed.status_code == 200 and "Your patients" in listed.text
    assert "open one of your patients first" not in listed.text
    admin = clinic.client("admin")
    assert admin.get("/history").headers["location"] == "/admin"
    assert clinician.get("/api/today").status_code == 403  # the JSON face still says why


def test_a_clinician_on_a_patients_pages_has_patients_in_the_nav(clinic: Clinic) -> None:
    clinician = clinic.client("clinician_a")  # has patient A open
    page = clinician.get("/").text
    assert '<a href="/clinic">Patients</a>' in page
    assert '<a href="/clinic">Patients</a>' not in clinic.client("patient_a").get("/").text


def test_a_patients_first_visit_is_the_warning_sign_questions_then_today_with_the_assigned_program(
    clinic: Clinic,
) -> None:
    admin = clinic.client("admin")
    made = admin.post(
        "/api/admin/accounts",
        json={
            "username": "jo",
            "display_name": "Jo",
            "password": PASSWORD,
            "role": "patient",
            "clinicians": ["clinician_a"],
        },
    )
    person_id = made.json()["person_id"]
    clinician = clinic.client("clinician_a")
    assigned = clinician.post(
        f"/api/clinic/patients/{person_id}/program", json={"program": "builtin:lower-back-glutes", "stage_index": 1}
    )
    assert assigned.status_code == 200 and assigned.json()["stage_index"] == 1

    patient = clinic.client("anonymous")
    landed = patient.post("/login", data={"username": "jo", "password": PASSWORD, "next": ""})
    assert landed.headers["location"] == "/setup"
    form = patient.get("/setup").text
    assert "bladder" in form.lower()  # the warning-sign questions
    patient.headers["X-CSRF-Token"] = landed.cookies[CSRF_COOKIE]  # the signed-in session's token
    done = patient.post("/setup", data=SETUP_FORM)
    assert (done.status_code, done.headers["location"]) == (303, "/")
    today = patient.get("/api/today").json()
    assert today["next_session"] is not None
    assert people.get_person(clinic.store, person_id).stage_index == 1  # the stage the clinician chose
    stage_two = {"Single-leg glute bridge", "Banded glute bridge"}
    names = {e["name"] for e in today["next_session"]["exercises"]}
    assert names & stage_two, names
    signin = accounts.sign_in(clinic.store, "jo", PASSWORD)
    assert accounts.home_of(clinic.store, signin.account) == "/"  # screened now: Today is home
    assert account_rows.find_account(clinic.store, "jo") is not None
