"""JSON backup: export → import into a fresh database → export is identical; bad files change nothing."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import Invoke
from rehabit.errors import RehabitError
from rehabit.export.backup import backup_text, parse_backup
from rehabit.model import Dose, IntRange
from rehabit.programs import get_program
from rehabit.store import Store, decisions, doses, people, plans, programs, psfs, screenings, sessions
from rehabit.store.backup import export_person, import_backup
from rehabit.store.plans import SessionDraft

T0 = datetime(2026, 3, 2, 8, 15, 30, 123456, tzinfo=UTC)
PLANK = get_program().exercise("plank").dose


def _fill(store: Store) -> int:
    """One person with some of everything the store holds."""
    builtin = programs.save_program_version(store, get_program(), "builtin", created_at=T0)
    edited = programs.save_program_version(
        store, get_program().model_copy(update={"title": "Edited"}), "file", created_at=T0 + timedelta(days=1)
    )
    person = people.create_person(
        store,
        name="Ana Ñ",
        equipment=["resistance band"],
        preferred_days=[0, 3],
        starting_pain=5,
        stage_index=1,
        program_version_id=edited.id,
        settings={"thresholds": {"pain_acceptable_max": 4}},
        created_at=T0,
    )
    first = screenings.record_screening(store, person.id, {"fever": True}, "needs_clearance", screened_at=T0)
    screenings.record_clearance(store, first.id, "Dr Jones", date(2026, 3, 3))
    old_plan = plans.save_plan(
        store,
        person.id,
        builtin.id,
        date(2026, 3, 2),
        1,
        [SessionDraft(date(2026, 3, 2), 0, (("plank", PLANK),), 300), SessionDraft(date(2026, 3, 5), 0, (), 0)],
        ["a note"],
        created_at=T0,
    )
    plans.save_plan(
        store, person.id, edited.id, date(2026, 3, 4), 2, [SessionDraft(date(2026, 3, 9), 1, (), 60)], created_at=T0
    )
    done = sessions.start_session(
        store, person.id, builtin.id, planned_session_id=old_plan.sessions[0].id, pain_before=3, started_at=T0
    )
    sessions.log_set(store, done.id, "plank", 1, idempotency_key="k1", seconds_held=20, pain_during=2, logged_at=T0)
    sessions.log_set(
        store, done.id, "piriformis-stretch", 1, side="left", idempotency_key="k2", seconds_held=30, logged_at=T0
    )
    sessions.finish_session(store, done.id, pain_after=2, effort=6, notes="ok", finished_at=T0 + timedelta(minutes=20))
    sessions.record_next_morning_pain(store, done.id, 4)
    left = sessions.start_session(store, person.id, edited.id, started_at=T0 + timedelta(days=2))
    sessions.log_set(
        store,
        left.id,
        "bird-dog",
        1,
        side="right",
        idempotency_key="k3",
        reps_done=5,
        stopped_for_pain=True,
        pain_during=7,
        logged_at=T0 + timedelta(days=2),
    )
    sessions.abandon_session(store, left.id, abandoned_at=T0 + timedelta(days=2, minutes=5))
    sessions.start_session(store, person.id, edited.id, started_at=T0 + timedelta(days=4))
    bigger = Dose(hold_s=IntRange.of(15, 35), reps=IntRange.of(5))
    decisions.add_decision(
        store,
        person.id,
        "plank",
        "progress",
        "DOSE-1",
        "top of range twice",
        old_dose=PLANK,
        new_dose=bigger,
        session_log_id=done.id,
        created_at=T0,
    )
    decisions.add_decision(store, person.id, "bird-dog", "regress", "PAIN-2", "pain 7", created_at=T0)
    doses.set_current_dose(store, person.id, "plank", bigger, 1, updated_at=T0)
    psfs.add_psfs(store, person.id, "Tie shoes", 4, rated_at=T0)
    return person.id


def test_export_import_export_is_identical(store: Store, tmp_path: Path) -> None:
    person_id = _fill(store)
    text = backup_text(export_person(store, person_id))
    fresh = Store.open(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    new_id = import_backup(fresh, parse_backup(text))
    assert backup_text(export_person(fresh, new_id)) == text
    fresh.close()


def test_import_into_an_existing_database(store: Store, tmp_path: Path) -> None:
    source = Store.open(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    text = backup_text(export_person(source, _fill(source)))
    source.close()
    someone = people.create_person(store, name="already here")
    programs.save_program_version(store, get_program(), "builtin")
    new_id = import_backup(store, parse_backup(text))
    assert new_id != someone.id
    restored = json.loads(backup_text(export_person(store, new_id)))
    original = json.loads(text)
    # the built-in program was already stored: the import uses that version rather than a copy
    assert restored["programs"][0].pop("created_at") != original["programs"][0].pop("created_at")
    assert restored == original
    assert len(programs.list_program_versions(store)) == 2
    with pytest.raises(RehabitError, match="is already imported"):
        import_backup(store, parse_backup(text), "b.json")


def test_the_document_shape(store: Store) -> None:
    document = json.loads(backup_text(export_person(store, _fill(store))))
    assert (document["format"], document["format_version"]) == ("rehabit-backup", 1)
    assert [p["version"] for p in document["programs"]] == [1, 2]
    assert document["person"]["program"] == 1
    assert [log["status"] for log in document["session_logs"]] == ["finished", "abandoned", "in_progress"]
    assert document["session_logs"][0]["planned_session"] == [0, 0]
    assert document["session_logs"][0]["sets"][1]["side"] == "left"
    assert document["decisions"][0]["session_log"] == 0
    assert [s["status"] for s in document["plans"][0]["sessions"]] == ["done", "replaced"]
    assert document["person"]["created_at"] == "2026-03-02T08:15:30.123456Z"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _cli_backup(cli: Invoke, tmp_path: Path) -> Path:
    cli("setup", "--no-warning-signs", "--equipment", "band", "--days", "mon,thu", "--pain", "3")  # plans too
    cli("plan", "--from", "2026-03-02")
    file = tmp_path / "backup.json"
    result = cli("export", str(file), "--person", "1")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {file}: backup format 1, 0 sessions, 0 sets, 2 plans, 1 screenings.")
    return file


def test_cli_export_then_import_into_a_fresh_database(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _cli_backup(cli, tmp_path)
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "other"))
    result = cli("import", str(file))
    assert result.exit_code == 0, result.output
    assert "Imported" in result.output and "as profile 1" in result.output
    again = tmp_path / "again.json"
    cli("export", str(again), "--person", "1")
    assert again.read_text(encoding="utf-8") == file.read_text(encoding="utf-8")
    twice = cli("import", str(file))
    assert twice.exit_code == 2
    assert twice.stderr == f"Error: {file} is already imported: this database has that person (profile 1)\n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda text: text[: len(text) // 2], "ends too early: the backup is incomplete (truncated?)"),
        (
            lambda text: text.replace('"format_version": 1', '"format_version": 3'),
            "is backup format 3, written by a newer rehabit; this version reads formats 1 and 2",
        ),
        (lambda text: '{"hello": 1}', 'is not a rehabit backup (no "format": "rehabit-backup")'),
        (lambda text: "", "ends too early"),
        (
            lambda text: text.replace('"starting_pain": 3', '"starting_pain": 11'),
            ": person.starting_pain: Input should be less than or equal to 10",
        ),
        (
            lambda text: text.replace('"title": "Lower back and glutes"', '"title": "Changed"'),
            "was changed after export",
        ),
    ],
)
def test_bad_backup_files_change_nothing(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: object, message: str
) -> None:
    file = _cli_backup(cli, tmp_path)
    bad = _write(tmp_path / "bad.json", change(file.read_text(encoding="utf-8")))  # type: ignore[operator]
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "other"))
    result = cli("import", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    with Store.open() as fresh:
        assert people.list_people(fresh) == []
        assert programs.list_program_versions(fresh) == []


def test_a_backup_failing_half_way_is_not_half_imported(store: Store, tmp_path: Path) -> None:
    document = json.loads(backup_text(export_person(store, _fill(store))))
    document["person"]["uid"] = "someone-else"
    logs = document["session_logs"]
    logs[1]["sets"][0]["idempotency_key"] = logs[0]["sets"][0]["idempotency_key"]
    before = (len(people.list_people(store)), len(programs.list_program_versions(store)))
    with pytest.raises(RehabitError, match="cannot be imported, nothing was changed"):
        import_backup(store, parse_backup(json.dumps(document)), "x.json")
    assert (len(people.list_people(store)), len(programs.list_program_versions(store))) == before


def test_export_to_a_missing_folder(cli: Invoke, tmp_path: Path) -> None:
    cli("setup", "--no-warning-signs", "--equipment", "none", "--days", "mon", "--pain", "3")
    result = cli("export", str(tmp_path / "no" / "b.json"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: cannot write {tmp_path / 'no' / 'b.json'}: the folder {tmp_path / 'no'} does not exist\n"
    )


def test_import_of_a_missing_file(cli: Invoke, tmp_path: Path) -> None:
    result = cli("import", str(tmp_path / "none.json"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'none.json'}: no such file\n"
