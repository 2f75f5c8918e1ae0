"""Whole-database backups (format 2): every table written or named as left out, export → import into an
empty database → export identical on SQLite and PostgreSQL, a clinic's accounts and links restored, bad
files refused whole with one line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect
from tests.test_backup import _fill

from _stores import ENGINES, database_url_for
from conftest import Invoke
from rehabit.errors import RehabitError
from rehabit.export.backup import FullBackup, backup_text, parse_backup
from rehabit.services import accounts, exports
from rehabit.services import library as library_service
from rehabit.store import Store, people, sessions
from rehabit.store.accounts import link_patient
from rehabit.store.full_backup import LEFT_OUT, backed_up_tables, export_everything, import_everything
from rehabit.store.tables import Base

T1 = datetime(2026, 3, 9, 7, 0, tzinfo=UTC)
LIBRARY = [
    {
        "id": "Glute_Bridge_Tiny",
        "name": "Glute bridge (tiny)",
        "level": "beginner",
        "equipment": "body only",
        "category": "strength",
        "primaryMuscles": ["glutes"],
        "secondaryMuscles": ["hamstrings"],
        "instructions": ["Lie on your back.", "Lift your hips."],
    }
]


@pytest.fixture(params=ENGINES)
def two_stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two empty databases of the same engine: the one backed up and the one restored into."""
    source_urls = database_url_for(request.param, tmp_path / "source")
    target_urls = database_url_for(request.param, tmp_path / "target")
    (tmp_path / "source").mkdir()
    (tmp_path / "target").mkdir()
    source, target = Store.open(next(source_urls)), Store.open(next(target_urls))
    try:
        yield source, target
    finally:
        source.close()
        target.close()
        for urls in (source_urls, target_urls):
            next(urls, None)


def _fill_clinic(store: Store) -> dict[str, Any]:
    """A clinic: one person with everything (`_fill`), an admin, a clinician linked to two patients, an
    invite, the audit trail, a library, and someone signed in."""
    person_id = _fill(store)
    admin = accounts.add_account(store, None, "admin", "the admin's password", "admin")
    clinician = accounts.add_account(store, admin, "dr.jones", "the clinician's password", "clinician")
    ana = accounts.add_account(store, clinician, "ana", "ana's password!", "patient", display_name="Ana Ñ")
    assert ana.person_id is not None
    link_patient(store, clinician.id, ana.person_id, now=T1)
    link_patient(store, clinician.id, person_id, now=T1)
    accounts.create_invite(store, clinician, "Bo Invited", now=T1)
    library_service.import_bytes(store, json.dumps(LIBRARY).encode(), "tiny.json")
    accounts.sign_in(store, "ana", "ana's password!")
    return {"person_id": person_id, "ana": ana.person_id}


def test_every_table_is_written_or_named_as_left_out(store: Store) -> None:
    written = {table.name for table in backed_up_tables()}
    assert written.isdisjoint(LEFT_OUT)
    assert written | set(LEFT_OUT) == set(Base.metadata.tables)
    # and the tables the migrations made are the same: a table added by a migration alone fails here too
    on_disk = set(inspect(store.engine).get_table_names()) - {"alembic_version"}
    assert on_disk == written | set(LEFT_OUT)
    document = export_everything(store)
    assert set(document.tables) == written
    assert set(document.left_out) == set(LEFT_OUT)


def test_export_import_export_is_identical(two_stores: tuple[Store, Store]) -> None:
    source, target = two_stores
    _fill_clinic(source)
    text = backup_text(export_everything(source))
    document = json.loads(text)
    assert (document["format"], document["format_version"]) == ("rehabit-backup", 2)
    tables = document["tables"]
    assert len(tables["people"]) == 2 and len(tables["accounts"]) == 3 and len(tables["care_links"]) == 2
    assert len(tables["set_logs"]) == 3 and len(tables["library_exercises"]) == 1 and len(tables["invites"]) == 1
    assert [row["action"] for row in tables["audit_entries"]][:2] == [
        "added an account (command line)",
        "added an account",
    ]
    assert all(row["password_hash"].startswith("$argon2") for row in tables["accounts"])
    assert "ana's password!" not in text and "signin_sessions" not in tables

    restored = import_everything(target, parse_backup(text))  # type: ignore[arg-type]
    assert restored.count("set_logs") == 3 and restored.count("accounts") == 3
    assert backup_text(export_everything(target)) == text


def test_a_restored_clinic_works(two_stores: tuple[Store, Store]) -> None:
    source, target = two_stores
    filled = _fill_clinic(source)
    import_everything(target, export_everything(source))
    signed_in = accounts.sign_in(target, "ana", "ana's password!")  # the password hash came along
    assert signed_in.account.person_id == filled["ana"]
    clinician = next(a for a in accounts.list_accounts(target) if a.username == "dr.jones")
    assert set(accounts.patients_of(target, clinician)) == {filled["ana"], filled["person_id"]}
    # new rows get new ids (PostgreSQL's sequences were moved past the restored ids)
    newcomer = people.create_person(target, name="New")
    assert newcomer.id > max(filled.values())
    log = sessions.list_sessions(target, filled["person_id"])[0]
    assert [item.idempotency_key for item in log.sets] == ["k1", "k2"]


def test_a_whole_database_backup_goes_into_an_empty_database_only(store: Store, tmp_path: Path) -> None:
    source = Store.open(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    _fill(source)
    document = export_everything(source)
    source.close()
    people.create_person(store, name="already here")
    with pytest.raises(RehabitError, match="whole-database backup and this database is not empty"):
        import_everything(store, document, "b.json")
    assert [person.name for person in people.list_people(store)] == ["already here"]


def _broken(change: Any) -> str:
    def edit(document: dict[str, Any]) -> dict[str, Any]:
        change(document["tables"])
        return document

    return edit  # type: ignore[return-value]


def _first(table: str, field: str, value: object) -> Any:
    def change(tables: dict[str, Any]) -> None:
        tables[table][0][field] = value

    return _broken(change)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_first("set_logs", "logged_at", "9999-12-31T00:00:00Z"), "set_logs[0].logged_at: Value error, 9999-12-31"),
        (_first("people", "name", "x" * 201), "people[0].name: String should have at most 200 characters"),
        (_first("set_logs", "pain_during", 11), "set_logs[0].pain_during: Input should be less than or equal to 10"),
        (_first("set_logs", "side", "middle"), "set_logs[0].side: Input should be 'left', 'right' or ''"),
        (_first("accounts", "role", "owner"), "accounts[0].role: Input should be 'patient', 'clinician' or 'admin'"),
        (_first("accounts", "password_hash", "plain text"), "accounts[0].password_hash: String should match"),
        (_first("session_logs", "person_id", 999), "session_logs[0].person_id refers to people 999"),
        (_first("set_logs", "reps_done", True), "set_logs[0].reps_done: Input should be a valid integer"),
        (_first("set_logs", "color", "red"), "set_logs[0].color: Extra inputs are not permitted"),
        (_first("decisions", "new_dose", {"reps": "many"}), "decisions[0].new_dose"),
        (_first("programs", "document", {"id": "changed"}), "programs[0]: the program was changed after export"),
        (_broken(lambda tables: tables["set_logs"].append(dict(tables["set_logs"][0]))), "set_logs[3] repeats id 1"),
        (_broken(lambda tables: tables.update(secrets=[])), "table 'secrets' is not one this rehabit keeps"),
    ],
)
def test_a_bad_row_refuses_the_whole_file(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Any, message: str
) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'source.sqlite3'}") as source:
        _fill_clinic(source)
        document = json.loads(backup_text(export_everything(source)))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(change(document)), encoding="utf-8")
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "other"))
    result = cli("import", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    with Store.open() as fresh:
        assert people.list_people(fresh) == [] and accounts.list_accounts(fresh) == []


def test_hostile_files_are_refused_in_one_line(cli: Invoke, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"format": "rehabit-backup", "format_version": 2, "tables": ' + "[" * 100_000, encoding="utf-8")
    huge = tmp_path / "huge.json"
    with huge.open("wb") as out:  # sparse: its size is refused before anything is read
        out.truncate(200_000_001)
    for file, message in ((deep, "nested too deeply"), (huge, "is too large for a backup (200,000,001 bytes)")):
        result = cli("import", str(file))
        assert result.exit_code == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_cli_on_one_person_backs_up_everything(cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli("setup", "--no-warning-signs", "--equipment", "band", "--days", "mon,thu", "--pain", "3")
    library = tmp_path / "tiny.json"
    library.write_text(json.dumps(LIBRARY), encoding="utf-8")
    assert cli("library", "import", str(library)).exit_code == 0
    file = tmp_path / "backup.json"
    result = cli("export", str(file))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Wrote {file}: backup format 2, the whole database: 1 profile, 0 accounts, 0 sessions, 0 sets, "
        "1 library exercise.\n"
    )
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "other"))
    result = cli("import", str(file))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Imported {file}, the whole database: 1 profile, 0 accounts")
    again = tmp_path / "again.json"
    assert cli("export", str(again)).exit_code == 0
    assert again.read_text(encoding="utf-8") == file.read_text(encoding="utf-8")
    twice = cli("import", str(file))
    assert twice.exit_code == 2 and "this database is not empty" in twice.stderr


def test_cli_on_a_clinic_backs_up_everything_with_all(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "clinic"))
    with Store.open() as store:
        _fill_clinic(store)
    file = tmp_path / "all.json"
    result = cli("export", str(file), "--all")
    assert result.exit_code == 0, result.output
    assert "the whole database: 2 profiles, 3 accounts, 3 sessions, 3 sets, 1 library exercise." in result.output
    assert isinstance(parse_backup(file.read_text(encoding="utf-8")), FullBackup)
    both = cli("export", str(file), "--all", "--person", "ana")
    assert both.exit_code == 2 and both.stderr == "Error: choose --all or --person, not both\n"


def test_a_patient_of_a_clinic_downloads_only_their_own_records(store: Store) -> None:
    filled = _fill_clinic(store)
    document = json.loads(exports.backup_json(store, filled["ana"]))
    assert document["format_version"] == 1 and document["person"]["name"] == "Ana Ñ"
    assert document["session_logs"] == []
