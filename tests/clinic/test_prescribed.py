"""A program a clinician assigned holds: the patient may look at others and import articles, but following
another program is a request their clinician approves or declines, in the audit trail (issue 19 item 4);
the clinician's assign form names the program's stages, and the clinic's inputs and buttons read right
(item 5 of the findings)."""

from __future__ import annotations

import re
from typing import Any

from tests.clinic.conftest import Clinic

from rehabit.programs import get_program
from rehabit.services import programs as program_service
from rehabit.store import accounts as account_rows
from rehabit.store import people, prescriptions, programs

ARTICLE = get_program().model_copy(update={"id": "ada-article", "title": "An article Ada found"})


def _assign(clinic: Clinic, stage_index: int = 0) -> None:
    clinician = clinic.client("clinician_a")
    body = {"program": "builtin:lower-back-glutes", "stage_index": stage_index}
    assert clinician.post(f"/api/clinic/patients/{clinic.person_a}/program", json=body).status_code == 200


def _following(clinic: Clinic) -> tuple[str, int | None, int]:
    person = people.get_person(clinic.store, clinic.person_a)
    assert person.program_version_id is not None
    version = programs.get_program_version(clinic.store, person.program_version_id)
    return version.slug, version.owner_person_id, person.stage_index


def _save_import(clinic: Clinic, caller: str = "patient_a") -> dict[str, Any]:
    response = clinic.client(caller).post(
        "/api/import/save", json={"program": ARTICLE.model_dump(mode="json"), "follow": True}
    )
    assert response.status_code == 200, response.text
    saved: dict[str, Any] = response.json()
    return saved


def _actions(clinic: Clinic) -> list[tuple[str, str]]:
    return [(e.username, e.action) for e in account_rows.list_audit(clinic.store) if e.person_id == clinic.person_a]


def test_importing_an_article_asks_the_clinician_instead_of_replacing_the_assigned_program(clinic: Clinic) -> None:
    _assign(clinic, stage_index=1)
    saved = _save_import(clinic)
    assert (saved["program_id"], saved["followed"], saved["requested"]) == ("ada-article", False, True)
    assert _following(clinic) == ("lower-back-glutes", None, 1)  # unchanged
    patient = clinic.client("patient_a")
    assert patient.get("/api/programs/ada-article").status_code == 200  # they can still look at it
    follow_page = patient.get("/programs/ada-article/follow").text
    assert "Ask my clinician to switch" in follow_page and "Yes, follow this program" not in follow_page
    care = patient.get("/api/today").json()["care"]
    assert (care["request"]["program_title"], care["request"]["status"]) == ("An article Ada found", "open")
    assert "Your clinician keeps you on the program they chose" in patient.get("/").text
    view = clinic.client("clinician_a").get(f"/api/clinic/patients/{clinic.person_a}").json()
    request = next(r for r in view["requests"] if r["status"] == "open")
    assert (request["program_title"], request["stage"]) == ("An article Ada found", "Foundational")
    assert view["summary"]["open_request"] is True
    assert ("patient_a", "asked to follow another program") in _actions(clinic)
    page = clinic.client("clinician_a").get(f"/clinic/patients/{clinic.person_a}").text
    assert "Ada asks to follow another program" in page and 'id="approve"' in page

    approved = clinic.client("clinician_a").post(f"/clinic/patients/{clinic.person_a}/requests/{request['id']}/approve")
    assert approved.status_code == 303
    assert _following(clinic) == ("ada-article", clinic.person_a, 0)
    assert ("clinician_a", "approved a program request") in _actions(clinic)
    person = people.get_person(clinic.store, clinic.person_a)
    assert program_service.is_prescribed(clinic.store, person)  # the approved program holds in its turn
    again = clinic.client("clinician_a").post(
        f"/api/clinic/patients/{clinic.person_a}/requests/{request['id']}/decline"
    )
    assert (again.status_code, again.json()) == (400, {"error": "this request was answered already"})


def test_following_another_program_or_stage_is_a_request_and_a_decline_keeps_the_assigned_one(clinic: Clinic) -> None:
    _assign(clinic)
    patient = clinic.client("patient_a")
    asked = patient.post("/api/programs/lower-back-glutes/follow", json={"stage_index": 2})
    assert asked.json() == {
        "program_id": "lower-back-glutes",
        "title": get_program().title,
        "stage_index": 2,
        "switched": False,
        "planned": False,
        "requested": True,
    }
    same = patient.post("/api/programs/lower-back-glutes/follow", json={"stage_index": 0})
    assert same.json()["requested"] is False  # what they follow already: nothing to ask
    open_request = prescriptions.open_request(clinic.store, clinic.person_a)
    assert open_request is not None and open_request.stage_index == 2
    declined = clinic.client("clinician_a").post(
        f"/api/clinic/patients/{clinic.person_a}/requests/{open_request.id}/decline"
    )
    assert (declined.status_code, declined.json()["status"]) == (200, "declined")
    assert _following(clinic) == ("lower-back-glutes", None, 0)
    assert "Your clinician declined" in patient.get("/").text
    assert ("clinician_a", "declined a program request") in _actions(clinic)


def test_another_patients_request_cannot_be_answered_through_this_patient(clinic: Clinic) -> None:
    own = prescriptions.add_request(
        clinic.store, clinic.person_b, programs.person_program(clinic.store, clinic.person_b).id, 0
    )
    response = clinic.client("clinician_a").post(f"/api/clinic/patients/{clinic.person_a}/requests/{own.id}/approve")
    assert response.status_code == 404
    assert prescriptions.get_request(clinic.store, own.id).status == "open"


def test_a_patient_whose_program_nobody_assigned_follows_freely(clinic: Clinic) -> None:
    saved = _save_import(clinic, "patient_b")
    assert (saved["followed"], saved["requested"]) == (True, False)
    follow_page = clinic.client("patient_b").get("/programs/lower-back-glutes/follow").text
    assert "Yes, follow this program" in follow_page and "Ask my clinician" not in follow_page
    version = programs.person_program(clinic.store, clinic.person_b)
    assert (version.slug, version.owner_person_id) == ("ada-article", clinic.person_b)


def test_a_prescription_no_longer_holds_when_the_patient_has_no_clinician(clinic: Clinic) -> None:
    _assign(clinic)
    assert clinic.client("admin").delete("/api/admin/links/clinician_a/patient_a").status_code == 200
    saved = _save_import(clinic)
    assert (saved["followed"], saved["requested"]) == (True, False)  # nobody left to ask
    assert _following(clinic)[0] == "ada-article"


def test_a_clinicians_import_joins_the_clinic_and_is_assigned_from_the_patient_page(clinic: Clinic) -> None:
    before = _following(clinic)
    saved = _save_import(clinic, "clinician_a")  # with patient A open
    assert (saved["followed"], saved["requested"]) == (False, False)
    assert _following(clinic) == before
    stored = programs.latest_program_version(clinic.store, "ada-article")
    assert stored is not None and stored.owner_person_id is None  # the clinic's, not A's
    page = clinic.client("clinician_a").get(f"/clinic/patients/{clinic.person_a}").text
    assert f'value="version:{stored.id}@0"' in page


def test_the_stage_menu_names_each_programs_own_stages(clinic: Clinic) -> None:
    page = clinic.client("clinician_a").get(f"/clinic/patients/{clinic.person_a}").text
    group = re.search(r'<optgroup label="[^"]*\(built in\)">(.*?)</optgroup>', page, re.S)
    assert group is not None
    options = re.findall(r'<option value="builtin:lower-back-glutes@(\d+)">[^<]* · (\d)\. ([^<]+)</option>', group[1])
    assert options == [("0", "1", "Foundational"), ("1", "2", "Progression"), ("2", "3", "Compound")]
    chosen = clinic.client("clinician_a").post(
        f"/clinic/patients/{clinic.person_a}/program", data={"choice": "builtin:lower-back-glutes@2"}
    )
    assert chosen.status_code == 303 and _following(clinic)[2] == 2
    too_far = clinic.client("clinician_a").post(
        f"/clinic/patients/{clinic.person_a}/program", data={"choice": "builtin:lower-back-glutes@5"}
    )
    assert too_far.status_code == 400 and "has no stage 6" in too_far.text


def test_the_clinic_pages_inputs_are_styled_and_a_clinicians_import_button_says_what_it_does(clinic: Clinic) -> None:
    patients = clinic.client("clinician_a").get("/clinic").text
    assert re.search(r'<input type="text" id="patient_name"', patients)
    css = clinic.client("clinician_a").get("/static/rehabit.css").text
    assert 'input[type="text"], input[type="password"]' in css
    article = "Glute bridge\n\nLie on your back and lift your hips. Do 10 reps, 2 sets."
    review = clinic.client("clinician_a").post("/import", data={"text": article}).text
    assert "Save to the clinic's programs" in review and "Save as a new program" not in review
    assert "Save as a new program" in clinic.client("patient_a").post("/import", data={"text": article}).text
