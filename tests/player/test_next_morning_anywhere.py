"""After a session, the next command a person types at a terminal asks once for next-morning pain."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pexpect

from rehabit.store import Store, people, programs, sessions

REHABIT = str(Path(sys.executable).with_name("rehabit"))


def _finished_yesterday(data_dir: Path) -> int:
    with Store.open() as store:
        person = people.create_person(store, name="Test")
        version = programs.person_program(store, person.id)
        yesterday = datetime.now(UTC) - timedelta(days=1, hours=1)
        log = sessions.start_session(store, person.id, version.id, pain_before=3, started_at=yesterday)
        sessions.finish_session(store, log.id, pain_after=3, effort=5, finished_at=yesterday + timedelta(minutes=20))
        return log.id


def _spawn(data_dir: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "REHABIT_DATA_DIR": str(data_dir), "COLUMNS": "100"}
    env.pop("REHABIT_DATABASE_URL", None)
    return pexpect.spawn(REHABIT, list(args), env=env, encoding="utf-8", timeout=30)


def test_any_command_asks_once_then_never_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("REHABIT_DATABASE_URL", raising=False)
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path))
    log_id = _finished_yesterday(tmp_path)

    child = _spawn(tmp_path, "program", "list")
    child.expect("the morning after your session")
    child.sendline("4")
    child.expect("lower-back-glutes")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with Store.open() as store:
        assert sessions.get_session_log(store, log_id).pain_next_morning == 4

    again = _spawn(tmp_path, "program", "list")
    index = again.expect(["the morning after", "lower-back-glutes"])
    assert index == 1
    again.expect(pexpect.EOF)


def test_no_question_without_a_database(tmp_path: Path) -> None:
    child = _spawn(tmp_path, "program", "list")
    child.expect("lower-back-glutes")
    child.expect(pexpect.EOF)
    assert not (tmp_path / "rehabit.sqlite3").exists()
