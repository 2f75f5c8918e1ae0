"""A whole-database backup of a clinic keeps clinic mode's own records: the prescription, the open request
to follow another program, the notes (read or not), each program's owner and an invite's refused names."""

from __future__ import annotations

from pathlib import Path

from tests.clinic.conftest import Clinic

from rehabit.programs import get_program
from rehabit.store import Store, notes, prescriptions, programs
from rehabit.store.full_backup import export_everything, import_everything

CLINIC_TABLES = ("prescriptions", "program_requests", "notes")


def test_a_whole_database_backup_restores_prescriptions_requests_notes_and_owners(
    clinic: Clinic, tmp_path: Path
) -> None:
    ada = clinic.client("patient_a")
    assert ada.post("/api/notes", json={"text": "Sore after bridges"}).status_code == 201
    own = get_program().model_copy(update={"id": "ada-own", "title": "Ada's own"})
    assert ada.post("/api/import/save", json={"program": own.model_dump(mode="json")}).status_code == 200
    backup = export_everything(clinic.store)
    assert {name: len(backup.tables[name]) for name in CLINIC_TABLES} == {
        "prescriptions": 1,
        "program_requests": 1,
        "notes": 2,
    }

    with Store.open(f"sqlite:///{tmp_path / 'restored.sqlite3'}") as restored:
        written = import_everything(restored, backup)
        assert {name: written.count(name) for name in CLINIC_TABLES} == {
            "prescriptions": 1,
            "program_requests": 1,
            "notes": 2,
        }
        assert export_everything(restored).tables == backup.tables  # row for row, ids included
        request = prescriptions.open_request(restored, clinic.person_a)
        assert request is not None and request.id == clinic.request_a
        texts = [(n.text, n.from_patient) for n in notes.list_notes(restored, clinic.person_a)]
        assert texts == [("Keep it gentle.", False), ("Sore after bridges", True)]
        stored = programs.latest_program_version(restored, "ada-own", owner_person_id=clinic.person_a)
        assert stored is not None and stored.owner_person_id == clinic.person_a
