"""A plan as an iCalendar file: one all-day event per session, its exercises in the description.

Each event's UID is made of the person's uid and the session's date, so exporting again after the plan
changed updates the events a calendar already holds instead of adding copies; SEQUENCE grows with each
new plan. Sessions an earlier plan had on a date the new plan dropped are exported as cancelled.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from rehabit import __version__
from rehabit.domain.records import PlannedSessionRecord, PlanRecord
from rehabit.errors import RehabitError
from rehabit.model import Program

__all__ = ["event_uid", "plan_calendar", "write_calendar"]


def event_uid(person_uid: str, on_date: date) -> str:
    """The stable UID of a person's session on a date."""
    return f"rehabit-{person_uid}-{on_date.isoformat()}@rehabit"


def plan_calendar(
    plan: PlanRecord,
    program: Program,
    person_uid: str,
    *,
    cancelled: Iterable[date] = (),
    stamp: datetime | None = None,
) -> bytes:
    """The plan as an iCalendar document (RFC 5545), ready to import into a calendar program."""
    calendar = Calendar()
    calendar.add("prodid", f"-//rehabit//rehabit {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"rehabit: {program.title}")
    moment = stamp or datetime.now(UTC)
    planned_dates = {session.on_date for session in plan.sessions}
    for session in plan.sessions:
        calendar.add_component(_event(session, program, person_uid, plan.id, moment))
    for day in sorted(set(cancelled) - planned_dates):
        event = Event()
        event.add("uid", event_uid(person_uid, day))
        event.add("dtstamp", moment)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("sequence", plan.id)
        event.add("status", "CANCELLED")
        event.add("summary", "Exercise session (moved by a new plan)")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def write_calendar(path: Path, document: bytes) -> None:
    """Write the file whole or not at all; RehabitError when its folder is missing or not writable."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise RehabitError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise RehabitError(f"cannot write {path}: it is a folder")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".rehabit-", suffix=".ics", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(document)
        os.replace(temporary, path)
    except OSError as error:
        raise RehabitError(f"cannot write {path} ({error.strerror})") from None


def _event(session: PlannedSessionRecord, program: Program, person_uid: str, sequence: int, moment: datetime) -> Event:
    minutes = max(1, round(session.estimated_seconds / 60))
    lines = []
    for item in session.exercises:
        try:
            name = program.exercise(item.exercise_id).name
        except KeyError:
            name = item.exercise_id
        lines.append(f"• {name}: {item.dose.describe()}")
    stage = program.stages[session.stage_index].name if program.stages else None
    heading = f"About {minutes} minutes" + (f", {stage} stage" if stage else "") + "."
    footer = "Open rehabit to start it. Stop any exercise that hurts, and ask a professional if pain persists."
    event = Event()
    event.add("uid", event_uid(person_uid, session.on_date))
    event.add("dtstamp", moment)
    event.add("dtstart", session.on_date)
    event.add("dtend", session.on_date + timedelta(days=1))
    event.add("sequence", sequence)
    event.add("summary", f"Back and glute exercises ({minutes} min)")
    event.add("description", "\n".join([heading, *lines, "", footer]))
    event.add("transp", "TRANSPARENT")
    return event
