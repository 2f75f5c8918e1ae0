"""A person's logs as CSV, one row per set, for people who analyse their own data in a spreadsheet.

Each row carries its session's answers too (pain before, after and the next morning, effort, notes),
so a spreadsheet needs no joins. Times are UTC in ISO 8601; empty cells mean "not given". Text that a
spreadsheet would run as a formula (starting with =, +, - or @) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rehabit.errors import RehabitError
from rehabit.store import Store, programs, sessions
from rehabit.store.records import SessionLogRecord, SetLogRecord

COLUMNS = (
    "date",
    "session_id",
    "session_status",
    "session_started_at",
    "exercise_id",
    "exercise",
    "side",
    "set_number",
    "reps_done",
    "seconds_held",
    "pain_during",
    "stopped_for_pain",
    "logged_at",
    "pain_before",
    "pain_after",
    "pain_next_morning",
    "effort",
    "session_notes",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

__all__ = ["COLUMNS", "log_rows", "logs_csv", "write_logs_csv"]


def log_rows(store: Store, person_id: int) -> Iterator[dict[str, Any]]:
    """One row per logged set, oldest session first, keyed by COLUMNS."""
    names: dict[int, dict[str, str]] = {}
    for log in sessions.list_sessions(store, person_id):
        if log.program_version_id not in names:
            program = programs.get_program_version(store, log.program_version_id).program
            names[log.program_version_id] = {exercise.id: exercise.name for exercise in program.exercises}
        for entry in log.sets:
            yield _row(log, entry, names[log.program_version_id])


def logs_csv(store: Store, person_id: int) -> str:
    """The CSV text: a header row, then one row per set."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in log_rows(store, person_id):
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def write_logs_csv(store: Store, person_id: int, path: Path | str) -> int:
    """Write the CSV file; returns the number of set rows written."""
    text = logs_csv(store, person_id)
    target = Path(path)
    try:
        target.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise RehabitError(f"cannot write {target} ({error.strerror})") from None
    return text.count("\r\n") - 1


def _row(log: SessionLogRecord, entry: SetLogRecord, names: dict[str, str]) -> dict[str, Any]:
    return {
        "date": log.started_at.date().isoformat(),
        "session_id": log.id,
        "session_status": log.status,
        "session_started_at": _time(log.started_at),
        "exercise_id": entry.exercise_id,
        "exercise": names.get(entry.exercise_id, entry.exercise_id),
        "side": entry.side or "",
        "set_number": entry.set_number,
        "reps_done": entry.reps_done,
        "seconds_held": entry.seconds_held,
        "pain_during": entry.pain_during,
        "stopped_for_pain": "yes" if entry.stopped_for_pain else "no",
        "logged_at": _time(entry.logged_at),
        "pain_before": log.pain_before,
        "pain_after": log.pain_after,
        "pain_next_morning": log.pain_next_morning,
        "effort": log.effort,
        "session_notes": log.notes,
    }


def _time(moment: Any) -> str:
    return str(moment.isoformat(timespec="seconds").replace("+00:00", "Z"))


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
