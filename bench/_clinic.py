"""A clinic for bench/web_load.py, built by the checkout under test (run with that checkout's .venv python).

    PYTHON bench/_clinic.py seed URL [--patients 1000] [--weeks 52]   # prints JSON: sign-ins, open sessions
    PYTHON bench/_clinic.py count URL                                # prints JSON: set rows stored
    PYTHON bench/_clinic.py schema URL NAME                          # PostgreSQL: a fresh schema, its URL
    PYTHON bench/_clinic.py statements [--sets 25]                   # SQL per request, counted in process

`seed` bulk-inserts `--patients` patient accounts into an empty database, each with `--weeks` of history
(two finished sessions a week, six sets each) and a session planned today, then through the store opens
each patient's session for today and signs each patient in (no password hashing per patient: that is not
under test). `statements` seeds a small clinic in a temporary SQLite file, runs the clinic app in process
with Starlette's test client and counts, through the sqlite3 trace callback, the statements and
transactions of one "log a set" request (the first set of a session and the `--sets`th), of
`GET /api/today` and of `GET /`.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from _statements import watch_sqlite

PASSWORD = "bench password 123"
SETS_PER_SESSION = 6


def seed(url: str, patients: int, weeks: int) -> dict[str, Any]:
    """Bulk-insert the clinic, open a session per patient and sign each in; what the load clients need."""
    from sqlalchemy import func, insert, select

    try:  # since the services layer
        from rehabit.services import accounts
    except ImportError:
        from rehabit import accounts  # type: ignore[no-redef]
    from rehabit.programs import get_program
    from rehabit.store import Store, programs, sessions, tables
    from rehabit.store import accounts as account_rows

    started = time.perf_counter()
    program = get_program()
    exercises = [e for e in program.exercises if not e.dose.per_side][:SETS_PER_SESSION]
    names = [e.id for e in exercises]
    password_hash = accounts.hash_password(PASSWORD)  # one hash for every patient: hashing is not under test
    now = datetime.now(UTC)
    today = date.today()
    with Store.open(url) as store:
        version = programs.save_program_version(store, program, "builtin").id
        dose = exercises[0].dose.model_dump(mode="json")
        with store.engine.begin() as db:
            db.execute(
                insert(tables.Person),
                [
                    dict(
                        uid=f"bench{i:05d}",
                        name=f"Patient {i}",
                        created_at=now,
                        program_version_id=version,
                        stage_index=0,
                        equipment=[],
                        preferred_days=[0, 2, 4],
                        starting_pain=4,
                        settings={},
                    )
                    for i in range(patients)
                ],
            )
            ids = list(db.scalars(select(tables.Person.id).order_by(tables.Person.id)))
            db.execute(
                insert(account_rows.Account),
                [
                    dict(
                        username=f"p{i:05d}",
                        display_name=f"Patient {i}",
                        role="patient",
                        password_hash=password_hash,
                        person_id=pid,
                        disabled=False,
                        created_at=now,
                    )
                    for i, pid in enumerate(ids)
                ],
            )
            db.execute(
                insert(tables.Screening),
                [dict(person_id=pid, answers={}, result="clear", screened_at=now) for pid in ids],
            )
            db.execute(
                insert(tables.Plan),
                [
                    dict(person_id=pid, program_version_id=version, created_at=now, start_date=today, weeks=1, notes=[])
                    for pid in ids
                ],
            )
            plan_of = dict(db.execute(select(tables.Plan.person_id, tables.Plan.id)).all())
            db.execute(
                insert(tables.PlannedSession),
                [
                    dict(
                        plan_id=plan_of[pid],
                        person_id=pid,
                        on_date=today,
                        stage_index=0,
                        exercises=[{"exercise_id": n, "dose": dose} for n in names],
                        estimated_seconds=900,
                        status="planned",
                    )
                    for pid in ids
                ],
            )
            planned_of = dict(db.execute(select(tables.PlannedSession.person_id, tables.PlannedSession.id)).all())
            first = now - timedelta(weeks=weeks)
            starts = [first + timedelta(days=3.5 * k) for k in range(weeks * 2)]
            for pid in ids:  # the history: two sessions a week, six sets each
                db.execute(
                    insert(tables.SessionLog),
                    [
                        dict(
                            person_id=pid,
                            planned_session_id=None,
                            program_version_id=version,
                            started_at=s,
                            finished_at=s + timedelta(minutes=20),
                            status="finished",
                            pain_before=4,
                            pain_after=3,
                            pain_next_morning=None,
                            next_morning_asked=True,
                            effort=5,
                            notes="",
                        )
                        for s in starts
                    ],
                )
            logs = db.execute(select(tables.SessionLog.id, tables.SessionLog.started_at)).all()
            batch: list[dict[str, object]] = []
            for log_id, at in logs:
                for number, name in enumerate(names, start=1):
                    batch.append(
                        dict(
                            session_log_id=log_id,
                            exercise_id=name,
                            side="",
                            set_number=number,
                            reps_done=10,
                            seconds_held=None,
                            pain_during=2,
                            stopped_for_pain=False,
                            logged_at=at,
                            idempotency_key=f"seed-{log_id}-{number}",
                        )
                    )
                if len(batch) >= 50_000:
                    db.execute(insert(tables.SetLog), batch)
                    batch = []
            if batch:
                db.execute(insert(tables.SetLog), batch)
        accounts_of = {a.person_id: a for a in account_rows.list_accounts(store, role="patient")}
        clients = []
        for pid in ids:  # today's session, open, and a signed-in browser for each patient
            log = sessions.start_session(store, pid, version, planned_session_id=planned_of[pid], pain_before=3)
            token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            account_rows.add_signin(store, accounts.digest(token), accounts_of[pid].id, csrf, datetime.now(UTC))
            clients.append({"token": token, "csrf": csrf, "session": log.id})
        with store.engine.connect() as db:
            stored = int(db.scalar(select(func.count()).select_from(tables.SetLog)) or 0)
    return {
        "sets": stored,
        "sessions": len(logs),
        "exercises": names,
        "clients": clients,
        "seconds": time.perf_counter() - started,
    }


def count(url: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from rehabit.store import Store, tables

    with Store.open(url) as store, store.engine.connect() as db:
        return {"sets": int(db.scalar(select(func.count()).select_from(tables.SetLog)) or 0)}


def schema(url: str, name: str) -> dict[str, str]:
    """A fresh PostgreSQL schema (dropped first if it exists) and the URL that uses it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    admin.dispose()
    with_schema = make_url(url).update_query_dict({"options": f"-csearch_path={name}"})
    return {"url": with_schema.render_as_string(hide_password=False)}


def statements(sets: int) -> dict[str, Any]:
    """Statements and transactions of single requests, in process, on a small clinic."""
    recorder = watch_sqlite()  # before the store opens any connection
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'clinic.sqlite3'}"
        clinic = seed(url, patients=2, weeks=8)
        os.environ["REHABIT_DATABASE_URL"] = url
        from fastapi.testclient import TestClient

        try:  # since the services layer
            from rehabit.web.app import accounts_app
        except ImportError:
            from rehabit.web.auth import accounts_app  # type: ignore[no-redef,attr-defined]

        me = clinic["clients"][0]
        names: list[str] = clinic["exercises"]
        found: dict[str, Any] = {}
        with TestClient(accounts_app(), base_url="http://127.0.0.1") as client:
            client.cookies.set("rehabit_session", me["token"])
            client.cookies.set("rehabit_csrf", me["csrf"])
            headers = {"X-CSRF-Token": me["csrf"]}

            def post_set(unit: int) -> int:
                body = {
                    "idempotency_key": f"statements-{unit}",
                    "exercise_id": names[unit % len(names)],
                    "set_number": unit // len(names) + 1,
                    "reps_done": 10,
                    "pain_during": 2,
                }
                return client.post(f"/api/sessions/{me['session']}/sets", json=body, headers=headers).status_code

            def counted(label: str, call: Any) -> None:
                with recorder.window() as counts:
                    status = call()
                found[label] = {"status": status, "counts": dict(counts)}

            client.get("/api/today")  # first requests warm caches; they are not counted
            post_set(10_000)
            counted("log a set (first of the session)", lambda: post_set(0))
            for unit in range(1, sets - 1):
                post_set(unit)
            counted(f"log a set (set {sets} of the session)", lambda: post_set(sets - 1))
            counted("GET /api/today", lambda: client.get("/api/today").status_code)
            counted("GET / (Today page)", lambda: client.get("/").status_code)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed")
    seeding.add_argument("url")
    seeding.add_argument("--patients", type=int, default=1000)
    seeding.add_argument("--weeks", type=int, default=52)
    counting = commands.add_parser("count")
    counting.add_argument("url")
    schemas = commands.add_parser("schema")
    schemas.add_argument("url")
    schemas.add_argument("name")
    traced = commands.add_parser("statements")
    traced.add_argument("--sets", type=int, default=25)
    args = parser.parse_args()
    if args.command == "seed":
        result: object = seed(args.url, args.patients, args.weeks)
    elif args.command == "count":
        result = count(args.url)
    elif args.command == "schema":
        result = schema(args.url, args.name)
    else:
        result = statements(args.sets)
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
