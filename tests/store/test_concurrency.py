"""Two real processes writing one SQLite file at once: nobody sees "database is locked", nothing is lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rehabit.programs import get_program
from rehabit.store import Store, people, plans, programs, sessions

WRITER = """
import sys
from datetime import date, timedelta
from rehabit.programs import get_program
from rehabit.store import Store, plans, sessions
from rehabit.store.plans import SessionDraft

url, role = sys.argv[1], sys.argv[2]
log_id, person_id, version_id = (int(value) for value in sys.argv[3:6])
store = Store.open(url)
dose = get_program().exercise("plank").dose
for number in range(1, 41):
    if role == "sets":
        sessions.log_set(store, log_id, "plank", number, idempotency_key=f"set-{number}", seconds_held=20)
    else:
        with store.transaction():  # a bigger unit of work, like a plan being saved
            day = date(2026, 3, 2) + timedelta(days=number)
            plans.save_plan(store, person_id, version_id, day, 1, [SessionDraft(day, 0, (("plank", dose),), 60)])
            sessions.log_set(store, log_id, "bird-dog", number, idempotency_key=f"bd-{number}", reps_done=8)
store.close()
print("done", role)
"""


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    store = Store.open(url)
    person = people.create_person(store)
    version = programs.save_program_version(store, get_program())
    log = sessions.start_session(store, person.id, version.id)
    arguments = [str(log.id), str(person.id), str(version.id)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, url, role, *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role in ("sets", "plans")
    ]
    results = [worker.communicate(timeout=120) for worker in workers]
    for worker, (_out, err) in zip(workers, results, strict=True):
        assert "locked" not in err
        assert worker.returncode == 0, err
    assert [out for out, _ in results] == ["done sets\n", "done plans\n"]
    logged = sessions.get_session_log(store, log.id).sets
    assert sorted((s.exercise_id, s.set_number) for s in logged) == sorted(
        [("plank", n) for n in range(1, 41)] + [("bird-dog", n) for n in range(1, 41)]
    )
    assert len(plans.list_plans(store, person.id)) == 40
    store.close()
