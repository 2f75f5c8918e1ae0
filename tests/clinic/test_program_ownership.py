"""In clinic mode a patient sees and changes only the programs they made or were given; ids are per owner
(issue 17 item 8: patient B listed A's imported program, overwrote it by saving the same id, and added
exercises to it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.clinic.conftest import Clinic

from rehabit.programs import get_program
from rehabit.programs.library import read_library
from rehabit.store import programs
from rehabit.store.library import import_library

CLAMSHELL = {
    "id": "Band_Clamshell",
    "name": "Band Clamshell",
    "level": "beginner",
    "category": "strength",
    "equipment": "bands",
    "force": "pull",
    "mechanic": "isolation",
    "primaryMuscles": ["abductors"],
    "secondaryMuscles": ["glutes"],
    "instructions": ["Lie on one side with a band above the knees.", "Open the top knee, then close it."],
}
ADD = {"exercise_id": "Band_Clamshell", "reps": "10", "sets": 2}


def _document(program_id: str, title: str) -> dict[str, Any]:
    return {"program": get_program().model_copy(update={"id": program_id, "title": title}).model_dump(mode="json")}


def _save(clinic: Clinic, caller: str, program_id: str, title: str) -> None:
    response = clinic.client(caller).post("/api/import/save", json=_document(program_id, title))
    assert response.status_code == 200, response.text


def _versions(clinic: Clinic, slug: str) -> list[tuple[int | None, int, str]]:
    owners = [None, clinic.person_a, clinic.person_b]
    return sorted(
        (record.owner_person_id, record.version, record.program.title)
        for owner in owners
        for record in programs.list_program_versions(clinic.store, owner)
        if record.slug == slug
    )


def test_another_patients_program_is_invisible(clinic: Clinic) -> None:
    _save(clinic, "patient_a", "ada-back", "Ada Lovelace, born 10 December 1815")
    b = clinic.client("patient_b")
    assert "ada-back" not in [p["id"] for p in b.get("/api/programs").json()["programs"]]
    assert "Lovelace" not in b.get("/programs").text
    for url in (
        "/api/programs/ada-back",
        "/programs/ada-back",
        "/programs/ada-back/exercises/glute-bridge",
        "/illustrations/ada-back/glute-bridge.svg",
        "/programs/ada-back/handout.pdf",
    ):
        assert b.get(url).status_code == 404, url
    assert clinic.client("patient_a").get("/api/programs/ada-back").status_code == 200
    other_clinician = clinic.client("clinician_none")
    assert "ada-back" not in [p["id"] for p in other_clinician.get("/api/programs").json()["programs"]]
    assert clinic.client("clinician_a").get("/api/programs/ada-back").status_code == 200  # A's clinician, A open


def test_saving_the_same_id_makes_a_program_of_ones_own_and_leaves_the_other_as_it_was(clinic: Clinic) -> None:
    _save(clinic, "patient_a", "ada-back", "Ada's program")
    _save(clinic, "patient_b", "ada-back", "Overwritten by Bob")
    assert _versions(clinic, "ada-back") == [
        (clinic.person_a, 1, "Ada's program"),
        (clinic.person_b, 1, "Overwritten by Bob"),
    ]
    assert clinic.client("patient_a").get("/api/programs/ada-back").json()["program"]["title"] == "Ada's program"
    assert clinic.client("patient_b").get("/api/programs/ada-back").json()["program"]["title"] == "Overwritten by Bob"
    assert programs.person_program(clinic.store, clinic.person_a).program.title != "Overwritten by Bob"


def test_exercises_go_only_into_ones_own_programs(clinic: Clinic, tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps([CLAMSHELL]), encoding="utf-8")
    import_library(clinic.store, "tiny", read_library(path).exercises)
    _save(clinic, "patient_a", "ada-back", "Ada's program")
    refused = clinic.client("patient_b").post("/api/library/add", json={**ADD, "program_id": "ada-back"})
    assert refused.status_code == 404
    own = clinic.client("patient_a").post("/api/library/add", json={**ADD, "program_id": "ada-back"})
    assert (own.status_code, own.json()["version"], own.json()["copied_from"]) == (200, 2, None)
    assert _versions(clinic, "ada-back") == [
        (clinic.person_a, 1, "Ada's program"),
        (clinic.person_a, 2, "Ada's program"),
    ]


def test_a_program_a_patient_was_given_is_copied_before_they_change_it(clinic: Clinic, tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps([CLAMSHELL]), encoding="utf-8")
    import_library(clinic.store, "tiny", read_library(path).exercises)
    _save(clinic, "clinician_a", "clinic-back", "The clinic's program")  # shared: the clinic's
    stored = programs.latest_program_version(clinic.store, "clinic-back")
    assert stored is not None
    clinician = clinic.client("clinician_a")
    body = {"program": f"version:{stored.id}"}
    assert clinician.post(f"/api/clinic/patients/{clinic.person_a}/program", json=body).status_code == 200
    a = clinic.client("patient_a")
    assert a.get("/api/programs/clinic-back").status_code == 200  # given to A: A sees it
    assert clinic.client("patient_b").get("/api/programs/clinic-back").status_code == 404  # not given to B
    added = a.post("/api/library/add", json={**ADD, "program_id": "clinic-back"})
    assert (added.status_code, added.json()["program_id"], added.json()["copied_from"]) == (
        200,
        "clinic-back-own",
        "clinic-back",
    )
    assert _versions(clinic, "clinic-back") == [(None, 1, "The clinic's program")]  # the clinic's is untouched
    a_again = a.post("/api/import/save", json=_document("clinic-back", "Ada's take"))
    assert a_again.json()["program_id"] == "clinic-back-2"  # never stands in for the given one


def test_a_clinician_cannot_assign_another_patients_own_program(clinic: Clinic) -> None:
    _save(clinic, "patient_b", "bob-back", "Bob's program")
    stored = programs.latest_program_version(clinic.store, "bob-back", clinic.person_b)
    assert stored is not None
    clinician = clinic.client("clinician_a")
    response = clinician.post(
        f"/api/clinic/patients/{clinic.person_a}/program", json={"program": f"version:{stored.id}"}
    )
    assert (response.status_code, response.json()) == (404, {"error": f"no program 'version:{stored.id}'"})
    choices = clinician.get(f"/api/clinic/patients/{clinic.person_a}").json()["program_choices"]
    assert f"version:{stored.id}" not in [c["key"] for c in choices]
