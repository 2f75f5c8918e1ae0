"""`rehabit session` in-process: choosing the session, the questions, logging, resuming, next-morning pain."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from rehabit.model import Dose, IntRange
from rehabit.store import Store, people, sessions

STAGE_ONE = ["glute-bridge", "seated-glute-stretch", "bird-dog", "plank", "piriformis-stretch", "knee-to-chest-stretch"]
# (exercise, side, set) of every unit the stage-one session logs at the low end of its doses
STAGE_ONE_UNITS = [
    ("glute-bridge", "", 1),
    ("seated-glute-stretch", "left", 1),
    ("seated-glute-stretch", "right", 1),
    ("bird-dog", "left", 1),
    ("bird-dog", "right", 1),
    ("plank", "", 1),
    ("piriformis-stretch", "left", 1),
    ("piriformis-stretch", "right", 1),
    ("knee-to-chest-stretch", "left", 1),
    ("knee-to-chest-stretch", "right", 1),
]
FAST = ["--auto", "--speed", "2000"]
SHORT = {"glute-bridge": Dose(reps=IntRange.of(3), hold_s=IntRange.of(2))}


def _logs() -> list[sessions.SessionLogRecord]:
    with Store.open() as store:
        person = people.current_person(store)
        return sessions.list_sessions(store, person.id)


def test_auto_runs_the_whole_planned_session_and_logs_every_set(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    make_plan([date.today()], STAGE_ONE)
    result = cli("session", *FAST, "--pain-before", "3", "--pain-during", "2", "--pain-after", "2", "--effort", "5")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Session finished: 10 set(s) logged. Well done."
    [log] = _logs()
    assert (log.status, log.pain_before, log.pain_after, log.effort) == ("finished", 3, 2, 5)
    assert [(s.exercise_id, s.side or "", s.set_number) for s in log.sets] == STAGE_ONE_UNITS
    assert {(s.pain_during, s.stopped_for_pain) for s in log.sets} == {(2, False)}
    assert [s.reps_done for s in log.sets] == [10, 1, 1, 5, 5, 5, 1, 1, 1, 1]
    assert [s.seconds_held for s in log.sets] == [2, 30, 30, 15, 15, 10, 30, 30, 30, 30]


def test_setup_then_session_needs_no_plan_step(cli) -> None:  # type: ignore[no-untyped-def]
    every_day = "mon,tue,wed,thu,fri,sat,sun"
    setup = cli("setup", "--no-warning-signs", "--equipment", "none", "--days", every_day, "--pain", "3")
    assert setup.exit_code == 0, setup.output
    said = " ".join(setup.output.split())
    assert f"the first on {date.today():%A %-d %B}. `rehabit session` guides you through it" in said
    result = cli("session", *FAST, "--pain-before", "3", "--pain-during", "1", "--pain-after", "2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Session finished: 10 set(s) logged. Well done."
    [log] = _logs()
    assert (log.status, log.pain_before) == ("finished", 3)


def test_without_a_plan_it_says_to_make_one(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    make_plan([date.today() - timedelta(days=3)], ["plank"])
    result = cli("session", *FAST)
    assert result.exit_code == 2
    assert f"Error: no session is planned on or after {date.today().isoformat()}" in result.stderr


def test_without_a_profile_it_says_to_run_setup(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("session", *FAST)
    assert result.exit_code == 2
    assert result.stderr == "Error: there is no profile yet: run `rehabit setup` first\n"


def test_auto_takes_the_next_planned_session_when_none_is_today(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    later = date.today() + timedelta(days=2)
    make_plan([later], ["glute-bridge"], SHORT)
    result = cli("session", *FAST)
    assert result.exit_code == 0, result.output
    assert f"Doing the session planned for {later.isoformat()}." in result.output
    assert [log.status for log in _logs()] == ["finished"]


def test_interactive_asks_before_taking_the_next_session(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    later = date.today() + timedelta(days=2)
    make_plan([later], ["glute-bridge"], SHORT)
    result = cli("session", "--speed", "2000", input="n\n")
    assert result.exit_code == 0
    assert f"No session is planned on {date.today().isoformat()}. Do the next one" in result.output
    assert _logs() == []


def test_interactive_asks_pain_before_after_and_effort(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    make_plan([date.today()], ["glute-bridge"], SHORT)
    result = cli("session", "--speed", "2000", input="4\n3\n6\n")
    assert result.exit_code == 0, result.output
    assert "Pain now, before you start (0–10)" in result.output
    [log] = _logs()
    assert (log.pain_before, log.pain_after, log.effort, len(log.sets)) == (4, 3, 6, 1)


def test_a_score_out_of_range_is_refused(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    make_plan([date.today()], ["glute-bridge"], SHORT)
    result = cli("session", *FAST, "--pain-before", "11")
    assert result.exit_code == 2
    assert "Invalid value for '--pain-before': 11 is not in the range 0<=x<=10" in result.stderr


def test_an_unfinished_session_is_carried_on_without_duplicates(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    plan = make_plan([date.today()], STAGE_ONE)
    with Store.open() as store:
        log = sessions.start_session(
            store, plan.person_id, plan.program_version_id, planned_session_id=plan.sessions[0].id, pain_before=2
        )
        for exercise_id, side, number in STAGE_ONE_UNITS[:4]:
            key = f"session-{log.id}:{exercise_id}:{side or 'both'}:{number}"
            sessions.log_set(store, log.id, exercise_id, number, idempotency_key=key, side=side or None, reps_done=1)
    result = cli("session", *FAST, "--pain-after", "1", "--effort", "4")
    assert result.exit_code == 0, result.output
    assert "from the first set not logged" in result.output
    assert "logged bird-dog set 1 left" not in result.output
    assert "logged bird-dog set 1 right: 5 reps" in result.output
    [done] = _logs()
    assert (done.id, done.status, done.pain_before, done.effort) == (log.id, "finished", 2, 4)
    assert [(s.exercise_id, s.side or "", s.set_number) for s in done.sets] == STAGE_ONE_UNITS


def test_declining_to_carry_on_abandons_the_old_session(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    plan = make_plan([date.today()], ["glute-bridge"], SHORT)
    with Store.open() as store:
        sessions.start_session(store, plan.person_id, plan.program_version_id, planned_session_id=plan.sessions[0].id)
    result = cli("session", "--speed", "2000", "--pain-before", "1", "--pain-after", "1", "--effort", "1", input="n\n")
    assert result.exit_code == 0, result.output
    assert [log.status for log in _logs()] == ["abandoned", "finished"]


def test_next_morning_pain_is_asked_once(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    make_plan([date.today()], ["glute-bridge"], SHORT)
    with Store.open() as store:
        person = people.current_person(store)
        version_id = person.program_version_id
        assert version_id is not None
        earlier = datetime.now(UTC) - timedelta(days=2)
        old = sessions.start_session(store, person.id, version_id, started_at=earlier, pain_before=2)
        sessions.finish_session(store, old.id, finished_at=earlier + timedelta(minutes=20))
    flags = ["--speed", "2000", "--pain-before", "1", "--pain-after", "1", "--effort", "1"]
    result = cli("session", *flags, input="5\n")
    assert result.exit_code == 0, result.output
    assert "How was your pain the morning after your session of" in result.output
    result = cli("session", *flags, input="")
    assert "morning after" not in result.output
    assert [(log.pain_next_morning, log.next_morning_asked) for log in _logs()][0] == (5, True)


def test_voice_without_espeak_ng_is_one_clear_error(cli, make_plan, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("rehabit.player.terminal.shutil.which", lambda name: None)
    result = cli("session", *FAST, "--voice")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --voice needs espeak-ng, which is not installed")


def test_date_chooses_the_session_planned_that_day_and_logs_it_on_that_day(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    earlier = date.today() - timedelta(days=3)
    plan = make_plan([earlier, date.today()], ["glute-bridge"], SHORT)
    result = cli("session", *FAST, "--date", earlier.isoformat())
    assert result.exit_code == 0, result.output
    assert f"Session of {earlier.isoformat()}: Glute bridge" in result.output
    [log] = _logs()
    assert log.planned_session_id == plan.sessions[0].id
    assert log.started_at.astimezone().date() == earlier


def test_a_date_still_to_come_is_refused(cli, make_plan) -> None:  # type: ignore[no-untyped-def]
    later = date.today() + timedelta(days=3)
    make_plan([date.today(), later], ["glute-bridge"], SHORT)
    result = cli("session", *FAST, "--date", later.isoformat())
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {later.isoformat()} is still to come: a session is logged on the day it is done (today or earlier)\n"
    )
    assert _logs() == []
