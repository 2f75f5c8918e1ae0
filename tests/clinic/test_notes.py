"""Notes between a clinician and their patient: shown on Today until read, answered, in the audit trail
(without their words) and in the FHIR export as Communication resources (issue 19 item 5)."""

from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle
from tests.clinic.conftest import Clinic

from rehabit.services import exports
from rehabit.store import accounts as account_rows
from rehabit.store import notes as note_rows


def _audit(clinic: Clinic) -> list[tuple[str, str, str]]:
    return [
        (e.username, e.action, e.detail)
        for e in account_rows.list_audit(clinic.store)
        if e.person_id == clinic.person_a
    ]


def test_an_unread_note_stays_on_today_behind_many_newer_ones(clinic: Clinic) -> None:
    """Today lists every unread note from a clinician, not only those among the newest fifty notes."""
    patient = clinic.client("patient_a")
    first = patient.get("/api/today").json()["care"]["unread"]
    assert [n["text"] for n in first] == ["Keep it gentle."]
    for number in range(60):  # the patient's own notes, and the clinician's once read, are not listed
        note_rows.add_note(clinic.store, clinic.person_a, None, "Sam", f"Felt fine, day {number}.", from_patient=True)
    unread = patient.get("/api/today").json()["care"]["unread"]
    assert [n["text"] for n in unread] == ["Keep it gentle."]
    assert patient.post(f"/notes/{unread[0]['id']}/read").status_code == 303
    assert patient.get("/api/today").json()["care"] is not None  # the clinician still looks after them
    assert patient.get("/api/today").json()["care"]["unread"] == []


def test_a_note_shows_on_today_until_read_and_the_patient_answers(clinic: Clinic) -> None:
    clinician, patient = clinic.client("clinician_a"), clinic.client("patient_a")
    left = clinician.post(f"/clinic/patients/{clinic.person_a}/notes", data={"text": "Try the bridge slowly."})
    assert left.status_code == 303
    today = patient.get("/api/today").json()["care"]
    assert [(n["author"], n["text"]) for n in today["unread"]] == [
        ("Dr A", "Keep it gentle."),
        ("Dr A", "Try the bridge slowly."),
    ]
    assert today["clinicians"] == ["Dr A"]
    page = patient.get("/").text
    assert "A note from Dr A" in page and "Try the bridge slowly." in page and 'action="/notes"' in page
    newest = today["unread"][1]["id"]
    assert patient.post(f"/notes/{newest}/read").status_code == 303
    assert [n["text"] for n in patient.get("/api/today").json()["care"]["unread"]] == ["Keep it gentle."]
    assert "Try the bridge slowly." not in patient.get("/").text

    sent = patient.post("/api/notes", json={"text": "It pinches on the left."})
    assert sent.status_code == 201 and sent.json()["from_patient"] is True
    line = next(p for p in clinician.get("/api/clinic/patients").json() if p["person_id"] == clinic.person_a)
    assert (line["unread_notes"], line["reasons"][-1]["text"]) == (1, "Sent you a note not read yet.")
    assert "It pinches on the left." in clinician.get(f"/clinic/patients/{clinic.person_a}").text
    assert clinician.post(f"/api/clinic/patients/{clinic.person_a}/notes/read").json() == {"read": 1}
    assert clinician.post(f"/api/clinic/patients/{clinic.person_a}/notes/read").json() == {"read": 0}
    actions = [(who, what) for who, what, _detail in _audit(clinic) if not what.startswith(("viewed ", "changed "))]
    assert actions[:4] == [
        ("clinician_a", "read a patient's notes"),
        ("patient_a", "sent a note"),
        ("patient_a", "read a note"),
        ("clinician_a", "left a note"),
    ]
    assert not [entry for entry in _audit(clinic) if "pinches" in entry[2] or "slowly" in entry[2]]  # no words


def test_a_clinician_sees_the_patients_today_notes_but_cannot_mark_them_read(clinic: Clinic) -> None:
    clinician = clinic.client("clinician_a")
    page = clinician.get("/").text  # A's Today, A open
    assert "Keep it gentle." in page and f'action="/notes/{clinic.note_a}/read"' not in page
    assert clinician.post(f"/api/notes/{clinic.note_a}/read").status_code == 403
    assert note_rows.get_note(clinic.store, clinic.note_a).read_at is None


def test_notes_stay_between_a_patient_and_their_own_clinicians(clinic: Clinic) -> None:
    assert clinic.client("patient_b").post(f"/api/notes/{clinic.note_a}/read").status_code == 404
    assert (
        clinic.client("clinician_none")
        .post(f"/api/clinic/patients/{clinic.person_a}/notes", json={"text": "hi"})
        .status_code
        == 404
    )
    nobody = clinic.client("patient_b").post("/api/notes", json={"text": "hello?"})
    assert (nobody.status_code, nobody.json()) == (
        400,
        {"error": "no clinician looks after you yet, so there is nobody to write to"},
    )
    assert clinic.client("patient_b").get("/api/today").json()["care"] is None
    too_long = clinic.client("patient_a").post("/api/notes", json={"text": "x" * 1001})
    assert too_long.status_code == 422
    blank = clinic.client("clinician_a").post(f"/clinic/patients/{clinic.person_a}/notes", data={"text": "   "})
    assert blank.status_code == 400 and "write something first" in blank.text
    assert [n.text for n in note_rows.list_notes(clinic.store, clinic.person_a)] == ["Keep it gentle."]


def test_notes_are_communications_in_the_fhir_export(clinic: Clinic) -> None:
    clinic.client("patient_a").post("/api/notes", json={"text": "It pinches on the left."})
    clinic.client("patient_a").post(f"/api/notes/{clinic.note_a}/read")
    bundle = exports.fhir(clinic.store, clinic.person_a)
    Bundle.model_validate(bundle)  # fhir.resources R4B
    patient_url = next(e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
    found = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Communication"]
    assert [(c["payload"][0]["contentString"], c["category"][0]["text"]) for c in found] == [
        ("Keep it gentle.", "note from the clinician"),
        ("It pinches on the left.", "note from the patient"),
    ]
    from_clinician, from_patient = found
    assert (from_clinician["sender"], from_clinician["recipient"]) == (
        {"display": "Dr A"},
        [{"reference": patient_url}],
    )
    assert from_patient["sender"] == {"reference": patient_url} and "received" not in from_patient
    assert from_clinician["received"].endswith("Z") and from_clinician["status"] == "completed"
    again = exports.fhir(clinic.store, clinic.person_a)
    assert [e["fullUrl"] for e in again["entry"]] == [e["fullUrl"] for e in bundle["entry"]]  # stable ids
