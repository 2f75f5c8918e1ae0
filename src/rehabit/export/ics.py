"""A plan as an iCalendar file: one event per session, its exercises in the description.

Without a start time the events are all-day; with one (the person picks it) each event starts then, in
the person's local (floating) time, lasts about as long as the session, and can carry a reminder (VALARM)
some minutes before.

Each event's UID is made of the person's uid and the session's date, so exporting again after the plan
changed updates the events a calendar already holds instead of adding copies; SEQUENCE grows with each
new plan. Sessions an earlier plan had on a date the new plan dropped are exported as cancelled.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

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
    start_time: time | None = None,
    reminder_minutes: int | None = None,
) -> bytes:
    """The plan as an iCalendar document (RFC 5545), ready to import into a calendar program.

    `start_time` makes each session start at that local time instead of filling the day;
    `reminder_minutes` (with a start time) adds a reminder that many minutes before each session.
    """
    if reminder_minutes is not None and not 0 <= reminder_minutes <= 24 * 60:
        raise RehabitError("the reminder must be between 0 and 1440 minutes before the session")
    calendar = Calendar()
    calendar.add("prodid", f"-//rehabit//rehabit {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"rehabit: {program.title}")
    moment = stamp or datetime.now(UTC)
    planned_dates = {session.on_date for session in plan.sessions}
    for session in plan.sessions:
        event = _event(session, program, person_uid, plan.id, moment, start_time)
        if start_time is not None and reminder_minutes is not None:
            event.add_component(_alarm(reminder_minutes))
        calendar.add_component(event)
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


def _alarm(minutes: int) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Time for your back and glute exercises")
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm


def _event(
    session: PlannedSessionRecord,
    program: Program,
    person_uid: str,
    sequence: int,
    moment: datetime,
    start_time: time | None = None,
) -> Event:
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
    if start_time is None:
        event.add("dtstart", session.on_date)
        event.add("dtend", session.on_date + timedelta(days=1))
    else:
        begins = datetime.combine(session.on_date, start_time)  # floating: the person's own local time
        event.add("dtstart", begins)
        event.add("dtend", begins + timedelta(minutes=minutes))
    event.add("sequence", sequence)
    event.add("summary", f"Back and glute exercises ({minutes} min)")
    event.add("description", "\n".join([heading, *lines, "", footer]))
    event.add("transp", "TRANSPARENT" if start_time is None else "OPAQUE")
    return event
