"""End to end: `rehabit session --date` twice on past days, the next-morning pains, then the coming sessions
and `history --explain` show the progress — made only once the next-morning pain is in (DOSE-1, PAIN-3)."""

from __future__ import annotations

from datetime import date, timedelta

from conftest import Invoke
from rehabit.services import sessions as session_service
from rehabit.services.course import local_date
from rehabit.store import Store, people, plans, sessions

SETUP = ["setup", "--no-warning-signs", "--equipment", "none", "--days", "mon,wed,fri", "--pain", "4"]
FAST = ["--auto", "--speed", "2000", "--pain-before", "3", "--pain-during", "2", "--pain-after", "2"]
TODAY = date.today()
START = TODAY - timedelta(days=TODAY.weekday() + 7)  # the Monday of last week


def _coming() -> list[tuple[date, dict[str, str]]]:
    with Store.open() as store:
        person = people.current_person(store)
        found = plans.next_planned_sessions(store, person.id, TODAY, limit=20)
    return [(s.on_date, {item.exercise_id: item.dose.describe() for item in s.exercises}) for s in found]


def _morning(pain: int) -> list[str]:
    """The next-morning question answered for the latest session (what Today or the next command asks)."""
    with Store.open() as store:
        person = people.current_person(store)
        latest = sessions.list_sessions(store, person.id)[-1]
        return session_service.record_next_morning_pain(store, latest.id, pain, TODAY).messages


def test_two_sessions_progress_once_the_next_morning_pain_is_in(cli: Invoke) -> None:
    assert cli(*SETUP).exit_code == 0
    assert cli("plan", "--from", START.isoformat()).exit_code == 0
    monday, wednesday = START, START + timedelta(days=2)
    first = cli("session", *FAST, "--date", monday.isoformat())
    assert first.exit_code == 0, first.output
    assert f"Session of {monday.isoformat()}:" in first.output
    assert first.output.splitlines()[-1] == "Session finished: 10 set(s) logged. Well done."
    assert _morning(2) == []
    second = cli("session", *FAST, "--date", wednesday.isoformat())
    assert second.exit_code == 0, second.output
    text = " ".join(second.output.split())  # the console wraps long lines
    assert text.endswith(
        "Tomorrow morning rehabit asks how your back feels: a dose moves up only once that answer is in "
        "(DOSE-1, PAIN-3). Session finished: 10 set(s) logged. Well done."
    )
    with Store.open() as store:
        logs = sessions.list_sessions(store, people.current_person(store).id)
    assert [local_date(log.started_at) for log in logs] == [monday, wednesday]  # logged on the dates asked for
    news = _morning(2)
    assert news == [
        "Glute bridge: up to 12 reps · hold 2 s next time — full dose in 2 sessions in a row, pain 2/10 during, "
        "no flare next morning (DOSE-1).",
        "Plank: up to hold 15 s · 5 times next time — full dose in 2 sessions in a row, pain 2/10 during, "
        "no flare next morning (DOSE-1).",
        "Your coming sessions now use these doses.",
    ]
    coming = _coming()
    assert coming and coming[0][1]["glute-bridge"] == "12 reps · hold 2 s"
    assert coming[0][1]["plank"] == "hold 15 s · 5 times"
    explained = cli("history", "--explain").output
    assert "progress       DOSE-1   10 reps · hold 2 s → 12 reps · hold 2 s" in explained
    assert "why (DOSE-1): Doing the full dose in 2 sessions in a row" in explained
