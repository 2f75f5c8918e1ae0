"""`rehabit plan` through the CLI: the table, the stored plan and an iCalendar file parsed back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from icalendar import Calendar

from conftest import Invoke
from rehabit.store import Store, people, plans

SETUP = ["setup", "--no-warning-signs", "--equipment", "none", "--days", "mon,wed,fri", "--pain", "4"]


def _events(path: Path) -> list[tuple[str, date, str, str]]:
    calendar = Calendar.from_ical(path.read_bytes())
    return [
        (str(event["UID"]), event.decoded("DTSTART"), str(event.get("STATUS", "")), str(event.get("DESCRIPTION", "")))
        for event in calendar.walk("VEVENT")
    ]


def test_new_user_gets_a_plan_and_a_calendar_file(cli: Invoke, tmp_path: Path) -> None:
    assert cli(*SETUP).exit_code == 0
    with Store.open() as store:  # setup planned the coming two weeks from today already
        from_setup = [s.on_date for s in plans.latest_plan(store, people.current_person(store).id).sessions]
    assert len(from_setup) >= 4
    ics = tmp_path / "plan.ics"
    result = cli("plan", "--ics", str(ics), "--from", "2026-03-30")
    assert result.exit_code == 0, result.output
    out = result.output
    for line in ("Mon 30 Mar", "Wed 1 Apr", "Fri 3 Apr", "Mon 6 Apr", "Wed 8 Apr", "Fri 10 Apr"):
        assert line in out
    assert "Glute bridge" in out and "10–15 reps · hold 2 s" in out
    assert "Wrote 6 sessions to" in out
    events = [event for event in _events(ics) if event[2] != "CANCELLED"]
    # the sessions setup planned are replaced by the new plan: the calendar cancels them
    assert sorted(day for _, day, status, _ in _events(ics) if status == "CANCELLED") == from_setup
    assert [day for _, day, _, _ in events] == [
        date(2026, 3, 30),
        date(2026, 4, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 4, 8),
        date(2026, 4, 10),
    ]
    assert all(uid.startswith("rehabit-") and uid.endswith("@rehabit") for uid, _, _, _ in events)
    assert len({uid for uid, _, _, _ in events}) == 6
    assert "• Glute bridge: 10–15 reps · hold 2 s" in events[0][3]
    assert "• Knee-to-chest stretch: 30 s each side" in events[0][3]
    with Store.open() as store:
        person = people.current_person(store)
        stored = plans.next_planned_sessions(store, person.id, date(2026, 3, 30), limit=10)
    assert [s.on_date for s in stored] == [day for _, day, _, _ in events]
    assert all(s.estimated_seconds > 0 for s in stored)


def test_re_exporting_updates_events_instead_of_duplicating(cli: Invoke, tmp_path: Path) -> None:
    cli(*SETUP)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    cli("plan", "--weeks", "1", "--ics", str(first), "--from", "2026-03-02")
    cli("setup", "--no-warning-signs", "--equipment", "none", "--days", "mon,thu", "--pain", "4")
    cli("plan", "--weeks", "1", "--ics", str(second), "--from", "2026-03-02")
    before = {day: uid for uid, day, _, _ in _events(first)}
    after = {day: (uid, status) for uid, day, status, _ in _events(second) if day < date(2026, 3, 9)}
    assert before[date(2026, 3, 2)] == after[date(2026, 3, 2)][0]
    assert after == {
        date(2026, 3, 2): (before[date(2026, 3, 2)], ""),
        date(2026, 3, 4): (before[date(2026, 3, 4)], "CANCELLED"),
        date(2026, 3, 5): (after[date(2026, 3, 5)][0], ""),
        date(2026, 3, 6): (before[date(2026, 3, 6)], "CANCELLED"),
    }


def test_missing_equipment_is_said(cli: Invoke) -> None:
    cli("setup", "--no-warning-signs", "--equipment", "none", "--days", "tue,thu", "--pain", "2")
    with Store.open() as store:
        person = people.current_person(store)
        people.update_person(store, person.id, stage_index=1)
    result = cli("plan", "--weeks", "1", "--from", "2026-03-02")
    assert result.exit_code == 0
    said = " ".join(result.output.split())
    assert "Banded glute bridge needs a loop band, so your plan has Glute bridge instead." in said


def test_ics_in_a_missing_folder_is_refused_before_planning(cli: Invoke, tmp_path: Path) -> None:
    cli(*SETUP)
    with Store.open() as store:
        before = plans.latest_plan(store, people.current_person(store).id)
    result = cli("plan", "--ics", str(tmp_path / "nowhere" / "plan.ics"))
    assert result.exit_code == 2
    folder = tmp_path / "nowhere"
    assert result.stderr == f"Error: cannot write {folder / 'plan.ics'}: the folder {folder} does not exist\n"
    with Store.open() as store:
        assert plans.latest_plan(store, people.current_person(store).id) == before  # setup's plan, untouched


def test_plan_before_setup(cli: Invoke) -> None:
    result = cli("plan")
    assert result.exit_code == 2
    assert result.stderr == "Error: there is no profile yet: run `rehabit setup` first\n"


def test_weeks_out_of_range(cli: Invoke) -> None:
    cli(*SETUP)
    result = cli("plan", "--weeks", "0")
    assert result.exit_code == 2
    assert result.stderr == "Error: plan between 1 and 52 weeks, not 0\n"
