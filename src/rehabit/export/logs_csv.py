"""A person's logs as CSV, one row per set, for people who analyse their own data in a spreadsheet.

Each row carries its session's answers too (pain before, after and the next morning, effort, notes),
so a spreadsheet needs no joins. Times are UTC in ISO 8601; empty cells mean "not given". Text that a
spreadsheet would run as a formula (starting with =, +, - or @) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from rehabit.domain.records import SessionLogRecord, SetLogRecord
from rehabit.errors import RehabitError

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

__all__ = ["COLUMNS", "log_rows", "logs_csv", "write_csv"]


def log_rows(logs: Iterable[SessionLogRecord], names: Mapping[int, Mapping[str, str]]) -> Iterator[dict[str, Any]]:
    """One row per logged set, in the order of `logs`, keyed by COLUMNS; `names` gives each program
    version's exercise names (version id -> exercise id -> name)."""
    for log in logs:
        for entry in log.sets:
            yield _row(log, entry, names.get(log.program_version_id, {}))


def logs_csv(logs: Iterable[SessionLogRecord], names: Mapping[int, Mapping[str, str]]) -> str:
    """The CSV text: a header row, then one row per set."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in log_rows(logs, names):
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def write_csv(text: str, path: Path | str) -> int:
    """Write CSV text made by `logs_csv` to a file; returns the number of set rows written."""
    target = Path(path)
    try:
        target.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise RehabitError(f"cannot write {target} ({error.strerror})") from None
    return text.count("\r\n") - 1


def _row(log: SessionLogRecord, entry: SetLogRecord, names: Mapping[str, str]) -> dict[str, Any]:
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
