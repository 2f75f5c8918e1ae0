"""Downloads from the profile page (backup, FHIR, CSV) parse, and the calendar file has the start time the
person picked and a reminder."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, time, timedelta

from fastapi.testclient import TestClient
from icalendar import Calendar
from tests.web.test_import import setup_person
from tests.web.test_progress_page import finished_session

from rehabit.export.backup import FullBackup
from rehabit.export.fhir import validate_bundle


def test_profile_page_offers_the_three_downloads_and_each_parses(client: TestClient) -> None:
    setup_person(client)
    finished_session(client)
    page = client.get("/profile").text
    for path in ("/profile/rehabit-backup.json", "/profile/rehabit-fhir.json", "/profile/rehabit-logs.csv"):
        assert f'href="{path}"' in page

    backup = client.get("/profile/rehabit-backup.json")
    assert backup.headers["content-disposition"] == 'attachment; filename="rehabit-backup.json"'
    # one person's own database: the whole of it, the exercise library too (format 2)
    restored = FullBackup.model_validate_json(backup.content)
    [log] = restored.tables["session_logs"]
    sets = [row for row in restored.tables["set_logs"] if row["session_log_id"] == log["id"]]
    assert "library_exercises" in restored.tables

    fhir = client.get("/profile/rehabit-fhir.json")
    assert fhir.headers["content-type"].startswith("application/fhir+json")
    bundle = json.loads(fhir.content)
    validate_bundle(bundle)
    assert bundle["resourceType"] == "Bundle"

    rows = list(csv.DictReader(io.StringIO(client.get("/profile/rehabit-logs.csv").text)))
    assert len(rows) == len(sets) > 0


def test_calendar_with_a_start_time_and_a_reminder(client: TestClient) -> None:
    setup_person(client)
    response = client.get("/plan.ics", params={"start": "18:30", "remind": "30"})
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert events
    for event in events:
        begins = event.decoded("dtstart")
        assert isinstance(begins, datetime) and begins.time() == time(18, 30) and begins.tzinfo is None
        assert event.decoded("dtend") > begins
        [alarm] = event.walk("VALARM")
        assert alarm.decoded("trigger") == timedelta(minutes=-30)
        assert str(alarm["action"]) == "DISPLAY"
        assert "rehabit session" not in str(event["description"])
    all_day = Calendar.from_ical(client.get("/plan.ics").content)
    assert all(not isinstance(e.decoded("dtstart"), datetime) for e in all_day.walk("VEVENT"))
    assert not [a for a in all_day.walk("VALARM")]


def test_a_bad_start_time_or_reminder_is_refused(client: TestClient) -> None:
    setup_person(client)
    assert client.get("/plan.ics", params={"start": "25:00"}).status_code == 400
    refused = client.get("/plan.ics", params={"start": "18:00", "remind": "5000"})
    assert refused.status_code == 400
    assert "at most a day" in refused.text
