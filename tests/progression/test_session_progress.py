"""End to end: `rehabit session` twice, then the coming sessions and `history --explain` show the progress."""

from __future__ import annotations

from datetime import date

from conftest import Invoke
from rehabit.store import Store, people, plans

SETUP = ["setup", "--no-warning-signs", "--equipment", "none", "--days", "mon,wed,fri", "--pain", "4"]
FAST = ["--auto", "--speed", "2000", "--pain-before", "3", "--pain-during", "2", "--pain-after", "2"]


def _coming() -> list[tuple[date, dict[str, str]]]:
    with Store.open() as store:
        person = people.current_person(store)
        found = plans.next_planned_sessions(store, person.id, date.today(), limit=20)
    return [(s.on_date, {item.exercise_id: item.dose.describe() for item in s.exercises}) for s in found]


def test_two_sessions_progress_the_next_ones(cli: Invoke) -> None:
    assert cli(*SETUP).exit_code == 0
    assert cli("plan", "--from", date.today().isoformat()).exit_code == 0
    first_day, second_day = (day for day, _ in _coming()[:2])
    first = cli("session", *FAST, "--date", first_day.isoformat())
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-1] == "Session finished: 10 set(s) logged. Well done."
    second = cli("session", *FAST, "--date", second_day.isoformat())
    assert second.exit_code == 0, second.output
    text = " ".join(second.output.split())  # the console wraps long lines
    assert text.endswith(
        "Glute bridge: up to 12 reps · hold 2 s next time — full dose in 2 sessions in a row, pain 2/10 during, "
        "next-morning pain not logged yet (DOSE-1). "
        "Plank: up to hold 15 s · 5 times next time — full dose in 2 sessions in a row, pain 2/10 during, "
        "next-morning pain not logged yet (DOSE-1). "
        "Your coming sessions now use these doses. "
        "Session finished: 10 set(s) logged. Well done."
    )
    coming = _coming()
    assert coming and all((day - date.today()).days >= 2 for day, _ in coming)  # done today: rest tomorrow
    assert coming[0][1]["glute-bridge"] == "12 reps · hold 2 s"
    assert coming[0][1]["plank"] == "hold 15 s · 5 times"
    explained = cli("history", "--explain").output
    assert "progress       DOSE-1   10 reps · hold 2 s → 12 reps · hold 2 s" in explained
    assert "why (DOSE-1): Doing the full dose in 2 sessions in a row" in explained
