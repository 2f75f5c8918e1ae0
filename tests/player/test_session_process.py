"""`rehabit session` as a real process: killed mid-way and resumed, and the live screen on a terminal."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pexpect
import pytest

from rehabit.model import Dose, IntRange
from rehabit.store import Store, people, sessions

from .test_session_cli import STAGE_ONE_UNITS

REHABIT = [sys.executable, "-m", "rehabit"]
AUTO = ["session", "--auto", "--speed", "150", "--pain-before", "3", "--pain-during", "2"]
FINISH = ["--pain-after", "2", "--effort", "5"]


def _sets_logged(database: Path) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM set_logs").fetchone()[0])
    except sqlite3.OperationalError:  # the table does not exist yet
        return 0


@pytest.mark.slow
def test_sigkill_mid_session_then_resume_logs_every_set_exactly_once() -> None:
    setup = ["setup", "--no-warning-signs", "--equipment", "none", "--days", "mon,tue,wed,thu,fri,sat,sun"]
    subprocess.run([*REHABIT, *setup, "--pain", "3"], check=True, capture_output=True, timeout=120)
    subprocess.run([*REHABIT, "plan", "--weeks", "1"], check=True, capture_output=True, timeout=120)
    database = Path(os.environ["REHABIT_DATA_DIR"]) / "rehabit.sqlite3"
    first = subprocess.Popen([*REHABIT, *AUTO, *FINISH], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _sets_logged(database) < 4 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert first.returncode == -signal.SIGKILL
    killed_at = _sets_logged(database)
    assert 4 <= killed_at < len(STAGE_ONE_UNITS)

    second = subprocess.run([*REHABIT, *AUTO, *FINISH], capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert "Carrying on the session of" in second.stdout
    assert second.stdout.splitlines()[-1] == f"Session finished: {len(STAGE_ONE_UNITS)} set(s) logged. Well done."
    with Store.open() as store:
        [log] = sessions.list_sessions(store, people.current_person(store).id)
    assert (log.status, log.pain_before, log.pain_after, log.effort) == ("finished", 3, 2, 5)
    assert [(s.exercise_id, s.side or "", s.set_number) for s in log.sets] == STAGE_ONE_UNITS


def test_the_live_screen_shows_the_cue_and_the_count_and_it_hurts_asks_the_pain(make_plan) -> None:  # type: ignore[no-untyped-def]
    make_plan([date.today()], ["glute-bridge"], {"glute-bridge": Dose(reps=IntRange.of(3), hold_s=IntRange.of(2))})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "rehabit", "session", "--speed", "4"],
        dimensions=(40, 110),
        encoding="utf-8",
        timeout=20,
        env=dict(os.environ, TERM="xterm-256color"),
    )
    try:
        child.expect_exact("Pain now, before you start (0–10)")
        child.sendline("2")
        child.expect_exact("Glute bridge")
        child.expect_exact("Hold, squeeze · 2 s")
        child.expect_exact("Rep 2 of 3 · 1 done")
        child.send("h")
        child.expect_exact("How much does it hurt, 0 (none) to 10 (worst)?")
        child.send("5\r")
        child.expect_exact("Pain of 5/10 is acceptable")
        child.expect_exact("Pain now, after the session (0–10)")
        child.sendline("3")
        child.expect_exact("How hard did it feel")
        child.sendline("4")
        child.expect_exact("Session finished: 1 set(s) logged.")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    with Store.open() as store:
        [log] = sessions.list_sessions(store, people.current_person(store).id)
    [logged] = log.sets
    assert (logged.exercise_id, logged.reps_done, logged.stopped_for_pain, logged.pain_during) == (
        "glute-bridge",
        1,
        True,
        5,
    )
    assert (log.status, log.pain_before, log.pain_after, log.effort) == ("finished", 2, 3, 4)


def test_sigterm_on_the_live_screen_unwinds_and_leaves_the_session_to_carry_on(make_plan) -> None:  # type: ignore[no-untyped-def]
    make_plan([date.today()], ["glute-bridge"], {"glute-bridge": Dose(reps=IntRange.of(3), hold_s=IntRange.of(2))})
    child = pexpect.spawn(
        sys.executable, ["-m", "rehabit", "session"], dimensions=(40, 110), encoding="utf-8", timeout=20
    )
    try:
        child.expect_exact("Pain now, before you start (0–10)")
        child.sendline("1")
        child.expect_exact("Get into position for Glute bridge")
        child.kill(signal.SIGTERM)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert (child.exitstatus, child.signalstatus) == (128 + signal.SIGTERM, None)
    with Store.open() as store:
        [log] = sessions.list_sessions(store, people.current_person(store).id)
    assert (log.status, log.pain_before, log.sets) == ("in_progress", 1, ())
