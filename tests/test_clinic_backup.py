"""`rehabit export` on a clinic's database never silently backs up one person of many."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from rehabit.services import accounts, open_store


@pytest.fixture
def clinic_database(cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "clinic"))
    with open_store() as store:
        accounts.create_account(store, "admin", "a long password", "admin")
        ana = accounts.create_account(store, "ana", "ana's password", "patient", display_name="Ana")
        accounts.create_account(store, "bo", "bo's password!", "patient", display_name="Bo")
        assert ana.person_id is not None
    return tmp_path


def test_export_on_a_clinic_database_needs_a_person(cli: Invoke, clinic_database: Path) -> None:
    file = clinic_database / "backup.json"
    result = cli("export", str(file))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: this database holds a clinic (2 profiles, 3 accounts): back up everything with --all, "
        "or one person with --person ID or --person USERNAME\n"
    )
    assert not file.exists()


@pytest.mark.parametrize(("person", "name"), [("ana", "Ana"), ("bo", "Bo"), ("1", "Ana")])
def test_export_of_one_named_person(cli: Invoke, clinic_database: Path, person: str, name: str) -> None:
    file = clinic_database / "one.json"
    result = cli("export", str(file), "--person", person)
    assert result.exit_code == 0, result.output
    assert json.loads(file.read_text(encoding="utf-8"))["person"]["name"] == name


@pytest.mark.parametrize(("person", "message"), [("admin", "no patient account 'admin'"), ("99", "99")])
def test_export_of_someone_not_there(cli: Invoke, clinic_database: Path, person: str, message: str) -> None:
    result = cli("export", str(clinic_database / "x.json"), "--person", person)
    assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1
