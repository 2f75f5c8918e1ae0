"""Load a clinic-mode server: N patients at once logging sets and loading their Today page.

    .venv/bin/python bench/web_load.py [--database-url URL] [--workers 1] [--clients 50] [--seconds 30]
                                       [--patients 1000] [--weeks 52]

Seeds a fresh database (a SQLite file in a temporary directory unless --database-url names an empty
PostgreSQL database) in bulk with `--patients` patient accounts, each with a year of session and set logs
and a planned session today; starts `uvicorn --workers N` on a free loopback port; then runs `--clients`
concurrent clients, each signed in as a different patient, for `--seconds`: each starts a session and
loops logging a set (POST /api/sessions/{id}/sets) and loading Today (GET /). Prints requests per second,
p50/p95/p99 latency per kind of request, errors, and whether the stored set rows equal the successful
set posts (no lost or doubled writes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, insert, select

from rehabit import accounts
from rehabit.programs import get_program
from rehabit.store import Store, programs, tables
from rehabit.store import accounts as account_rows

PASSWORD = "bench password 123"
SETS_PER_SESSION = 6


def seed(url: str, patients: int, weeks: int) -> tuple[int, list[str]]:
    """Bulk-insert the clinic; returns (set rows stored, the exercises a client may log)."""
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
            for pid in ids:  # a year of history: two sessions a week, six sets each
                first = now - timedelta(weeks=weeks)
                starts = [first + timedelta(days=3.5 * k) for k in range(weeks * 2)]
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
        with store.engine.connect() as db:
            stored = int(db.scalar(select(func.count()).select_from(tables.SetLog)) or 0)
    print(f"seeded {patients} patients, {len(logs)} sessions, {stored} sets in {time.perf_counter() - started:.1f} s")
    return stored, names


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, REHABIT_DATABASE_URL=url)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "rehabit.web.auth:accounts_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not start within a minute")


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sets_created: int = 0


@dataclass
class Start:
    """Every client signs in first; the timed run starts when the last one has (argon2 is slow on purpose)."""

    clients: int
    seconds: float
    signed_in: int = 0
    go: asyncio.Event = field(default_factory=asyncio.Event)
    until: float = 0.0
    began: float = 0.0

    def arrive(self) -> None:
        self.signed_in += 1
        if self.signed_in == self.clients:
            self.began = time.monotonic()
            self.until = self.began + self.seconds
            self.go.set()


async def client(base: str, username: str, exercises: list[str], start: Start, signins: Tally, tally: Tally) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:

        async def timed(kind: str, method: str, path: str, **kwargs: object) -> httpx.Response | None:
            started = time.perf_counter()
            try:
                response = await http.request(method, path, **kwargs)  # type: ignore[arg-type]
            except httpx.HTTPError:
                tally.errors[kind] += 1
                return None
            tally.latencies[kind].append(time.perf_counter() - started)
            if response.status_code >= 400:
                tally.errors[kind] += 1
            return response

        await http.get("/login")
        began = time.perf_counter()
        signed = await http.post(
            "/api/login",
            json={"username": username, "password": PASSWORD},
            headers={"X-CSRF-Token": http.cookies.get("rehabit_csrf", "")},
        )
        signins.latencies["sign in"].append(time.perf_counter() - began)
        if signed.status_code != 200:
            signins.errors["sign in"] += 1
        start.arrive()
        await start.go.wait()
        if signed.status_code != 200:
            return
        headers = {"X-CSRF-Token": signed.json()["csrf_token"]}
        session_id: int | None = None
        unit = 0
        while time.monotonic() < start.until:
            if session_id is None or unit >= len(exercises) * 100:
                started = await timed(
                    "start session", "POST", "/api/sessions", json={"pain_before": 3}, headers=headers
                )
                if started is None or started.status_code not in (200, 201):
                    await asyncio.sleep(0.1)
                    continue
                session_id, unit = started.json()["session"]["id"], 0
            exercise, number = exercises[unit % len(exercises)], unit // len(exercises) + 1
            unit += 1
            posted = await timed(
                "log set",
                "POST",
                f"/api/sessions/{session_id}/sets",
                headers=headers,
                json={
                    "idempotency_key": f"{username}-{session_id}-{unit}",
                    "exercise_id": exercise,
                    "set_number": number,
                    "reps_done": 10,
                    "pain_during": 2,
                },
            )
            if posted is not None and posted.status_code == 201:
                tally.sets_created += 1
            await timed("today page", "GET", "/")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else 0.0


def report(tally: Tally, seconds: float) -> None:
    total = sum(len(v) for v in tally.latencies.values())
    if seconds:
        print(f"{total} requests in {seconds:.1f} s: {total / seconds:.1f} requests/s")
    print(f"{'request':<14}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for kind, values in sorted(tally.latencies.items()):
        print(
            f"{kind:<14}{len(values):>7}{percentile(values, 0.5):>9.1f}{percentile(values, 0.95):>9.1f}"
            f"{percentile(values, 0.99):>9.1f}{tally.errors.get(kind, 0):>8}"
        )
    if total:
        print(f"mean latency {statistics.fmean(v for vs in tally.latencies.values() for v in vs) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite file)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--patients", type=int, default=1000)
    parser.add_argument("--weeks", type=int, default=52)
    args = parser.parse_args()
    if args.clients > args.patients:
        raise SystemExit("each client signs in as a different patient: --clients must not exceed --patients")
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url or f"sqlite:///{Path(scratch) / 'clinic.sqlite3'}"
        before, exercises = seed(url, args.patients, args.weeks)
        port = free_port()
        server = start_server(url, port, args.workers)
        try:
            tally, signins = Tally(), Tally()

            async def run() -> Start:
                start = Start(args.clients, args.seconds)
                await asyncio.gather(
                    *(
                        client(f"http://127.0.0.1:{port}", f"p{i:05d}", exercises, start, signins, tally)
                        for i in range(args.clients)
                    )
                )
                return start

            start = asyncio.run(run())
            elapsed = time.monotonic() - start.began
        finally:
            server.terminate()
            server.wait(timeout=30)
        with Store.open(url) as store, store.engine.connect() as db:
            after = int(db.scalar(select(func.count()).select_from(tables.SetLog)) or 0)
        engine = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"{engine}, {args.workers} worker(s), {args.clients} clients, {args.seconds:.0f} s")
        print(f"{args.clients} sign-ins at once (argon2, before the clock starts):")
        report(signins, 0)
        print("the timed run:")
        report(tally, elapsed)
        stored = after - before
        verdict = "OK, no lost or doubled writes" if stored == tally.sets_created else "MISMATCH"
        print(f"set posts answered 201: {tally.sets_created}; set rows stored: {stored} -> {verdict}")
        if stored != tally.sets_created:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
