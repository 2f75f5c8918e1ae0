"""PAIN-4's advice after a session names no terminal command in what a page shows: the finish's
`messages` are in the page's words, `commands` carry the terminal's way, which the CLI prints after
them ("In the terminal: `...`")."""

from __future__ import annotations

from datetime import date, timedelta

from click.testing import CliRunner
from tests.services import test_start_refusals as base
from tests.services.test_start_refusals import TODAY, Doors, run_on, screened

from rehabit.cli import app as cli_app

doors = base.doors  # the fixture: one database, the CLI and the API on it

PAUSED = "Your pain has been rising, so rehabit has paused your program (PAIN-4)"


def rising_pain(doors: Doors) -> date:
    """Three sessions logged, pain about 2 two weeks back and 5 this week; the day the fourth (the one
    that pauses the program) is done on. Sessions are still planned after it."""
    screened(doors, "clear")
    days = [TODAY - timedelta(days=ago) for ago in (20, 18, 6, 4)]
    doors.plan(*days, TODAY, TODAY + timedelta(days=2))
    for day in days[:2]:
        run_on(doors, day, 1, before=2, after=2)
    run_on(doors, days[2], 2, before=5, after=5)
    return days[3]


def test_the_pause_after_a_session_is_told_in_the_page_s_words_through_the_api(doors: Doors) -> None:
    day = rising_pain(doors)
    started = doors.api.post("/api/sessions", json={"pain_before": 5, "on_date": day.isoformat()})
    assert started.status_code == 201, started.text
    session_id = started.json()["session"]["id"]
    for number, name in enumerate(("glute-bridge", "plank")):
        body = {"idempotency_key": f"k{number}", "exercise_id": name, "set_number": 1, "pain_during": 2}
        body |= {"reps_done": 10} if name == "glute-bridge" else {"seconds_held": 60}
        assert doors.api.post(f"/api/sessions/{session_id}/sets", json=body).status_code == 201
    finished = doors.api.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 5})
    assert finished.status_code == 200, finished.text
    reply = finished.json()
    [told] = [message for message in reply["messages"] if message.startswith(PAUSED)]
    assert told.endswith("when you have, record it with the form on Today.")
    assert not any("rehabit screen" in message or "`" in message for message in reply["messages"])
    assert reply["commands"] == ["rehabit screen --consulted NAME"]


def test_the_cli_adds_the_terminal_command_after_the_pause(doors: Doors) -> None:
    day = rising_pain(doors)
    flags = ["--auto", "--speed", "5000", "--date", day.isoformat(), "--pain-before", "5", "--pain-during", "2"]
    result = CliRunner().invoke(cli_app, ["session", *flags, "--pain-after", "5"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())  # the console wraps long lines
    assert PAUSED in said
    assert "record it with the form on Today. In the terminal: `rehabit screen --consulted NAME`." in said
