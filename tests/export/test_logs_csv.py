"""The CSV export of logs: one row per set, exact header and rows, safe cells."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from _export_course import DAY, Course, seed_course

from rehabit.export.logs_csv import COLUMNS, write_csv
from rehabit.programs import get_program
from rehabit.services.exports import csv_text
from rehabit.store import Store, people, programs, sessions


@pytest.fixture
def course(store: Store) -> Course:
    return seed_course(store)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_set(store: Store, course: Course) -> None:
    text = csv_text(store, course.person_id)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    rows = _rows(text)
    assert len(rows) == course.sets == 9
    assert rows[0] == {
        "date": "2026-11-02",
        "session_id": rows[0]["session_id"],
        "session_status": "finished",
        "session_started_at": "2026-11-02T09:00:00Z",
        "exercise_id": "glute-bridge",
        "exercise": "Glute bridge",
        "side": "",
        "set_number": "1",
        "reps_done": "12",
        "seconds_held": "",
        "pain_during": "2",
        "stopped_for_pain": "no",
        "logged_at": "2026-11-02T09:01:00Z",
        "pain_before": "3",
        "pain_after": "2",
        "pain_next_morning": "1",
        "effort": "6",
        "session_notes": "fine, a bit stiff",
    }
    assert [(r["date"], r["exercise_id"], r["side"], r["set_number"]) for r in rows[:3]] == [
        ("2026-11-02", "glute-bridge", "", "1"),
        ("2026-11-02", "glute-bridge", "", "2"),
        ("2026-11-02", "bird-dog", "left", "1"),
    ]
    last = rows[-1]
    assert (last["date"], last["session_status"], last["seconds_held"], last["pain_after"]) == (
        "2026-11-06",
        "abandoned",
        "15",
        "",
    )


@pytest.mark.parametrize(
    ("notes", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("-2 pain", "'-2 pain"),
        ("@sum", "'@sum"),
        ('said "ok", fine', 'said "ok", fine'),
    ],
)
def test_formula_like_notes_are_defused(store: Store, notes: str, cell: str) -> None:
    version = programs.save_program_version(store, get_program())
    person = people.create_person(store, program_version_id=version.id)
    log = sessions.start_session(store, person.id, version.id, started_at=DAY)
    sessions.log_set(store, log.id, "plank", 1, idempotency_key="p1", seconds_held=20, stopped_for_pain=True)
    sessions.finish_session(store, log.id, notes=notes)
    (row,) = _rows(csv_text(store, person.id))
    assert row["session_notes"] == cell
    assert row["stopped_for_pain"] == "yes"


def test_no_logs_is_a_header_only(store: Store) -> None:
    person = people.create_person(store)
    assert csv_text(store, person.id) == ",".join(COLUMNS) + "\r\n"


def test_write_file(store: Store, course: Course, tmp_path: Path) -> None:
    target = tmp_path / "logs.csv"
    assert write_csv(csv_text(store, course.person_id), target) == 9
    assert target.read_bytes().startswith(b"date,session_id,")
    assert target.read_bytes().decode("utf-8") == csv_text(store, course.person_id)
