"""Writers of one process queue on the store's own lock, so none waits in SQLite's sleeping busy handler."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import event

from rehabit.programs import get_program
from rehabit.store import Store, people, programs, sessions


def test_threads_writing_at_once_take_turns_before_asking_sqlite(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    person = people.create_person(store)
    version = programs.save_program_version(store, get_program())
    log = sessions.start_session(store, person.id, version.id)
    trace: list[tuple[int, str]] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        trace.append((threading.get_ident(), statement.split(None, 1)[0].upper()))

    event.listen(store.engine, "before_cursor_execute", record)
    event.listen(store.engine, "commit", lambda _conn: trace.append((threading.get_ident(), "COMMIT")))
    start = threading.Barrier(8)

    def writer(number: int) -> None:
        start.wait()
        for k in range(10):
            sessions.log_set(store, log.id, "plank", 10 * number + k + 1, idempotency_key=f"t{number}-{k}")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    event.remove(store.engine, "before_cursor_execute", record)

    assert len(sessions.get_session_log(store, log.id).sets) == 80  # nothing lost
    # between one thread's BEGIN IMMEDIATE and its COMMIT, no other thread so much as asked for the lock
    holder = None
    for thread_id, word in trace:
        if word == "BEGIN" and holder is None:
            holder = thread_id
        elif word == "BEGIN":
            raise AssertionError("a second writer asked SQLite for the write lock while the first held it")
        elif word == "COMMIT" and thread_id == holder:
            holder = None
    store.close()
