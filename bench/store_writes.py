"""How fast the store opens and records sets, on SQLite and (when a URL is given) PostgreSQL.

Prints: time to open and migrate a fresh database; `log_set` calls per second, each its own committed
transaction (what the player does per set); the same again with two processes writing one SQLite file
at once; time to plan 12 weeks and to export and import a backup of that person.

    .venv/bin/python bench/store_writes.py
    scripts/with-postgres sh -c '.venv/bin/python bench/store_writes.py --postgres "$REHABIT_TEST_POSTGRES_URL"'
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from rehabit.domain.safety import answers_from_names
from rehabit.export.backup import backup_text, export_person, import_backup, parse_backup
from rehabit.services.planning import plan_for_person
from rehabit.services.setup import SetupAnswers, set_up
from rehabit.store import Store, programs, sessions

SETS = 300
WRITER = """
import sys
from rehabit.store import Store, sessions
store = Store.open(sys.argv[1])
log_id, prefix, count = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
for number in range(1, count + 1):
    sessions.log_set(store, log_id, prefix, number, idempotency_key=f"{prefix}-{number}", reps_done=10)
store.close()
"""


def measure(url: str, label: str) -> None:
    began = time.perf_counter()
    store = Store.open(url)
    opened = time.perf_counter() - began
    person = set_up(store, SetupAnswers(answers_from_names([]), ("resistance band",), (0, 2, 4), 3)).person
    version = programs.person_program(store, person.id)
    log = sessions.start_session(store, person.id, version.id)
    began = time.perf_counter()
    for number in range(1, SETS + 1):
        sessions.log_set(store, log.id, "glute-bridge", number, idempotency_key=f"b-{number}", reps_done=12)
    per_second = SETS / (time.perf_counter() - began)
    began = time.perf_counter()
    plan_for_person(store, person.id, date(2026, 3, 2), 12)
    planned = time.perf_counter() - began
    began = time.perf_counter()
    document = backup_text(export_person(store, person.id))
    exported = time.perf_counter() - began
    store.close()
    print(
        f"{label}: open+migrate {opened * 1000:.0f} ms; log_set {per_second:.0f}/s ({SETS} commits); "
        f"plan 12 weeks {planned * 1000:.0f} ms; export {exported * 1000:.0f} ms ({len(document):,} bytes)"
    )
    with tempfile.TemporaryDirectory() as folder:
        fresh = Store.open(f"sqlite:///{Path(folder) / 'fresh.sqlite3'}")
        began = time.perf_counter()
        import_backup(fresh, parse_backup(document))
        print(f"{label}: import that backup into a fresh SQLite file {(time.perf_counter() - began) * 1000:.0f} ms")
        fresh.close()


def two_processes(folder: Path) -> None:
    url = f"sqlite:///{folder / 'shared.sqlite3'}"
    store = Store.open(url)
    person = set_up(store, SetupAnswers(answers_from_names([]), (), (0, 2, 4), 3)).person
    log = sessions.start_session(store, person.id, programs.person_program(store, person.id).id)
    began = time.perf_counter()
    workers = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, str(log.id), prefix, str(SETS)], stderr=subprocess.PIPE)
        for prefix in ("plank", "bird-dog")
    ]
    errors = [worker.communicate()[1].decode() for worker in workers]
    elapsed = time.perf_counter() - began
    stored = len(sessions.get_session_log(store, log.id).sets)
    store.close()
    locked = sum("locked" in error for error in errors)
    print(
        f"sqlite, 2 processes: {2 * SETS} sets in {elapsed:.2f} s ({2 * SETS / elapsed:.0f}/s incl. start-up); "
        f"stored {stored}; 'database is locked' seen {locked} times"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", metavar="URL", help="also measure this PostgreSQL server (a scratch schema)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure(f"sqlite:///{Path(folder) / 'bench.sqlite3'}", "sqlite")
        two_processes(Path(folder))
    if args.postgres:
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            url = make_url(args.postgres).update_query_dict({"options": f"-csearch_path={schema}"})
            measure(url.render_as_string(hide_password=False), "postgresql")
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
