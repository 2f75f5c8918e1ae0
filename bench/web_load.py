"""Log a set under load: rehabit beside a bare FastAPI + sqlite3 floor (and a baseline checkout), in one run.

    .venv/bin/python bench/web_load.py [--baseline DIR] [--rehabit DIR] [--clients 1,50] [--seconds 8]
                                       [--rounds 3] [--workers 1] [--patients 1000] [--weeks 52] [--no-floor]
    scripts/with-postgres sh -c '.venv/bin/python bench/web_load.py --postgres "$REHABIT_TEST_POSTGRES_URL" \
                                       --baseline ../wt-baseline'       # workers 1,4 at 50 clients, no floor

Each checkout (`--rehabit`, default this repository; `--baseline`, optional) seeds its own clinic with its
own code (bench/_clinic.py in the checkout's .venv): `--patients` patient accounts with `--weeks` of
history, each with today's session open and signed in. The store is a SQLite file, or with `--postgres URL`
a fresh schema per checkout in that PostgreSQL database. Each is served by
`uvicorn rehabit.web.app:accounts_app --factory --workers N` (what `rehabit serve --accounts --workers N`
runs), and the floor (bench/floor_app.py: the same JSON validation, one INSERT in one transaction, SQLite
in WAL mode) is served the same way on its own SQLite file.

Then, in `--rounds` rounds, alternating the servers (their order rotates each round), for each number of
`--clients`: a warm-up of `--warmup` seconds, then `--seconds` of every client posting sets
(POST /api/sessions/{id}/sets) one after another, each client as its own patients, moving to the next of
its patients' sessions after `--sets-per-session` sets. Measured per run: sets stored per second, p50/p99
latency, the server's CPU time per request (every thread of the server process and its workers, from
/proc/PID/task/TID/schedstat, over the timed run) and the load generator's own CPU per request. Printed:
the medians of the rounds side by side, rehabit ÷ floor and rehabit ÷ baseline, N workers ÷ 1 worker, the
SQL statements and transactions of one "log a set" request (counted in process through the sqlite3 trace
callback), the machine's load average, and whether the stored set rows equal the sets answered 201 (no
lost or doubled writes). Nothing is asserted: the figures are for reading, next to the goals of issue 16.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from _compare import (
    BENCH,
    Checkout,
    Server,
    add_checkout_options,
    checkouts,
    cpu_seconds,
    machine_load,
    median,
    percentile,
    ratio,
    run_helper,
    start_uvicorn,
    table,
    tree_cpu,
)
from _statements import summary
from floor_app import count_sets

FLOOR = "floor"


@dataclass
class Patient:
    """One patient's signed-in browser and open session, and how many sets were posted to it."""

    token: str
    csrf: str
    session: int
    units: int = 0

    @property
    def headers(self) -> dict[str, str]:
        return {"Cookie": f"rehabit_session={self.token}; rehabit_csrf={self.csrf}", "X-CSRF-Token": self.csrf}


@dataclass
class Target:
    """A server under load: a checkout of rehabit, or the floor."""

    label: str
    checkout: Checkout
    database: str
    patients: list[Patient]
    exercises: list[str]
    seeded_sets: int
    created: int = 0
    server: Server | None = None

    @property
    def is_floor(self) -> bool:
        return self.label == FLOOR

    def patient_for(self, client: int, clients: int, per_session: int) -> Patient:
        """The client's patient to post to next: the first of its own with room left in its session (else
        the least filled: sessions then grow past `per_session`)."""
        own = self.patients[client::clients] or self.patients
        for patient in own:
            if patient.units < per_session:
                return patient
        return min(own, key=lambda p: p.units)


@dataclass
class Run:
    """One timed run of one server at one number of clients."""

    label: str
    workers: int
    clients: int
    seconds: float = 0.0
    created: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    server_cpu: float = 0.0
    client_cpu: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    @property
    def throughput(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0

    def cpu_ms(self, seconds: float) -> float:
        return seconds * 1000 / self.requests if self.requests else float("nan")


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _load(target: Target, clients: int, warmup: float, seconds: float, per_session: int, run: Run) -> None:
    assert target.server is not None
    # one connection per client, each its own httpx client: a shared pool of many connections costs the
    # load generator more CPU per request than the floor's server spends
    https = [httpx.AsyncClient(base_url=target.server.base, timeout=300) for _ in range(clients)]
    try:

        async def one_client(client: int, until: float, record: bool) -> None:
            http = https[client]
            while time.monotonic() < until:
                patient = target.patient_for(client, clients, per_session)
                unit = patient.units
                patient.units += 1
                names = target.exercises
                body = {
                    "idempotency_key": f"{target.label}-{patient.session}-{unit}",
                    "exercise_id": names[unit % len(names)],
                    "set_number": unit // len(names) + 1,
                    "reps_done": 10,
                    "pain_during": 2,
                }
                began = time.perf_counter()
                try:
                    response = await http.post(
                        f"/api/sessions/{patient.session}/sets", json=body, headers=patient.headers
                    )
                except httpx.HTTPError as error:
                    if record:
                        run.errors[type(error).__name__] += 1
                    continue
                took = time.perf_counter() - began
                if response.status_code == 201:
                    target.created += 1
                if not record:
                    continue
                if response.status_code == 201:
                    run.created += 1
                    run.latencies.append(took)
                else:
                    run.errors[f"HTTP {response.status_code}"] += 1

        if warmup > 0:
            until = time.monotonic() + warmup
            await asyncio.gather(*(one_client(c, until, False) for c in range(clients)))
        server_before, client_before = tree_cpu(target.server.process.pid), _client_cpu()
        began = time.monotonic()
        until = began + seconds
        await asyncio.gather(*(one_client(c, until, True) for c in range(clients)))
        run.seconds = time.monotonic() - began
        run.server_cpu = cpu_seconds(server_before, tree_cpu(target.server.process.pid))
        run.client_cpu = _client_cpu() - client_before
    finally:
        for http in https:
            await http.aclose()


def _start(target: Target, workers: int, scratch: Path) -> Server:
    env = dict(os.environ, REHABIT_DATA_DIR=str(scratch / "data"))
    python = target.checkout.python
    if target.is_floor:
        env["REHABIT_FLOOR_DATABASE"] = target.database
        return start_uvicorn(
            FLOOR, python, "floor_app:create_app", env=env, workers=workers, app_dir=BENCH, ready_path="/health"
        )
    env["REHABIT_DATABASE_URL"] = target.database
    return start_uvicorn(
        target.label, python, target.checkout.accounts_app, env=env, workers=workers, ready_path="/login"
    )


def _seed(checkout: Checkout, args: argparse.Namespace, scratch: Path) -> Target:
    if args.postgres:
        url = run_helper(checkout, "_clinic.py", "schema", args.postgres, f"bench_{checkout.label}")["url"]
    else:
        url = f"sqlite:///{scratch / f'{checkout.label}.sqlite3'}"
    seeded = run_helper(
        checkout, "_clinic.py", "seed", url, "--patients", str(args.patients), "--weeks", str(args.weeks)
    )
    print(
        f"seeded {checkout.label}: {args.patients} patients, {seeded['sessions']} sessions, "
        f"{seeded['sets']} sets in {seeded['seconds']:.1f} s",
        flush=True,
    )
    patients = [Patient(c["token"], c["csrf"], int(c["session"])) for c in seeded["clients"]]
    return Target(checkout.label, checkout, url, patients, list(seeded["exercises"]), int(seeded["sets"]))


def _statements(found: list[Checkout], with_floor: bool) -> None:
    print("\nSQL per request, counted in process through the sqlite3 trace callback (SQLite, clinic mode):")
    for checkout in found:
        counted = run_helper(checkout, "_clinic.py", "statements")
        for what, figures in counted.items():
            print(f"  {checkout.label:<9} {what:<36} {summary(figures['counts'])}  [HTTP {figures['status']}]")
    if with_floor:
        floor: dict[str, Any] = run_helper(found[0], "_statements.py")
        for what, figures in floor.items():
            print(f"  {FLOOR:<9} {what:<36} {summary(figures['counts'])}  [HTTP {figures['status']}]")


def _parse_list(text: str) -> list[int]:
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise SystemExit(f"expected whole numbers separated by commas, not {text!r}") from None
    if not values or min(values) < 1:
        raise SystemExit(f"expected whole numbers of at least 1, not {text!r}")
    return values


def _report(runs: list[Run], targets: list[Target], workers: list[int], clients: list[int], engine: str) -> None:
    def of(label: str, w: int, c: int) -> list[Run]:
        return [r for r in runs if r.label == label and r.workers == w and r.clients == c]

    def figures(label: str, w: int, c: int) -> dict[str, float]:
        found = of(label, w, c)
        return {
            "throughput": median(r.throughput for r in found),
            "p50": median(percentile(r.latencies, 0.50) * 1000 for r in found),
            "p99": median(percentile(r.latencies, 0.99) * 1000 for r in found),
            "cpu": median(r.cpu_ms(r.server_cpu) for r in found),
            "client": median(r.cpu_ms(r.client_cpu) for r in found),
            "errors": sum(sum(r.errors.values()) for r in found),
            "requests": sum(r.requests for r in found),
        }

    labels = [t.label for t in targets]
    rehabits = [t.label for t in targets if not t.is_floor]
    for w in workers:
        for c in clients:
            rounds = len(of(labels[0], w, c))
            where = f"{engine} (floor: SQLite)" if FLOOR in labels and engine != "SQLite" else engine
            print(f"\n{where}, {w} worker(s), {c} client(s): medians of {rounds} rounds")
            got = {label: figures(label, w, c) for label in labels}
            rows = [
                [
                    label,
                    f["throughput"],
                    f["p50"],
                    f["p99"],
                    f["cpu"],
                    f["client"],
                    f"{f['errors']:.0f}/{f['requests']:.0f}",
                ]
                for label, f in got.items()
            ]
            headers = ["server", "sets/s", "p50 ms", "p99 ms", "server CPU ms/req", "load gen CPU ms/req", "errors"]
            print(table(headers, rows))
            for label in got:
                errors = Counter[str]()
                for r in of(label, w, c):
                    errors.update(r.errors)
                if errors:
                    print(f"  {label} errors: {', '.join(f'{n}× {kind}' for kind, n in errors.most_common())}")
            if FLOOR in got:
                floor = got[FLOOR]
                for label in rehabits:
                    f = got[label]
                    goal_t = "  (goal at 50 clients: >= 0.333)" if c == 50 else ""
                    goal_p = "  (goal at 50 clients: p99 < 10)" if c == 50 else ""
                    print(
                        f"  {label} ÷ floor: throughput {ratio(f['throughput'], floor['throughput'])}{goal_t}; "
                        f"p50 {ratio(f['p50'], floor['p50'])}; p99 {ratio(f['p99'], floor['p99'])}{goal_p}; "
                        f"server CPU/request {ratio(f['cpu'], floor['cpu'])}"
                    )
            for label in rehabits:
                print(f"  {label}: server CPU per request {got[label]['cpu']:.2f} ms (goal <= 3 ms)")
            if len(rehabits) == 2:
                new, old = got[rehabits[0]], got[rehabits[1]]
                print(
                    f"  rehabit ÷ baseline: throughput {ratio(new['throughput'], old['throughput'])}; "
                    f"p50 {ratio(new['p50'], old['p50'])}; p99 {ratio(new['p99'], old['p99'])}; "
                    f"server CPU/request {ratio(new['cpu'], old['cpu'])}"
                )
    if len(workers) > 1:
        first = workers[0]
        print(f"\nthroughput with N workers ÷ {first} worker(s), same load, same run:")
        for c in clients:
            for label in labels:
                base = figures(label, first, c)["throughput"]
                parts = [f"{w} workers {ratio(figures(label, w, c)['throughput'], base)}" for w in workers[1:]]
                goal = "  (goal on PostgreSQL, 4 ÷ 1: >= 2.5)" if label != FLOOR and 4 in workers else ""
                print(f"  {label:<9} {c} client(s): {'; '.join(parts)}{goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_checkout_options(parser)
    parser.add_argument("--postgres", metavar="URL", help="store rehabit in this PostgreSQL database (own schemas)")
    parser.add_argument("--workers", help="server worker processes, comma-separated (default 1; 1,4 on PostgreSQL)")
    parser.add_argument("--clients", help="concurrent clients, comma-separated (default 1,50; 50 on PostgreSQL)")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each timed run (default 8)")
    parser.add_argument("--warmup", type=float, default=1.0, help="untimed load before each run (default 1)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each server and load; medians (default 3)")
    parser.add_argument("--patients", type=int, default=1000, help="patients seeded per checkout (default 1000)")
    parser.add_argument("--weeks", type=int, default=52, help="weeks of history per patient (default 52)")
    parser.add_argument("--sets-per-session", type=int, default=24, help="sets before the next session (24)")
    parser.add_argument(
        "--floor",
        action=argparse.BooleanOptionalAction,
        help="serve the bare FastAPI + sqlite3 floor beside rehabit (default: on SQLite yes, on PostgreSQL no)",
    )
    parser.add_argument("--no-statements", action="store_true", help="leave out counting SQL statements")
    args = parser.parse_args()
    found = checkouts(args)
    workers = _parse_list(args.workers or ("1,4" if args.postgres else "1"))
    clients = _parse_list(args.clients or ("50" if args.postgres else "1,50"))
    if max(clients) > args.patients:
        raise SystemExit("each client posts as its own patients: --patients must be at least the most --clients")
    engine = "PostgreSQL" if args.postgres else "SQLite"
    with_floor = not args.postgres if args.floor is None else bool(args.floor)
    print(f"web_load: {engine}; {machine_load()} at the start")
    for checkout in found:
        print(f"  {checkout.describe()}")
    if not args.no_statements:
        _statements(found, with_floor)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        print()
        with ThreadPoolExecutor(max_workers=len(found)) as pool:  # the checkouts seed side by side
            targets = list(pool.map(lambda checkout: _seed(checkout, args, scratch), found))
        if with_floor:
            pool = [Patient(p.token, p.csrf, p.session) for p in targets[0].patients]
            floor_file = str(scratch / "floor.sqlite3")
            targets.insert(0, Target(FLOOR, found[0], floor_file, pool, targets[-1].exercises, 0))
        try:
            for number in range(args.rounds):
                for w in workers:
                    for target in targets:
                        if target.server is not None and target.server.workers != w:
                            target.server.stop()
                            target.server = None
                        if target.server is None:
                            target.server = _start(target, w, scratch)
                    for c in clients:
                        order = targets[number % len(targets) :] + targets[: number % len(targets)]
                        for target in order:
                            run = Run(target.label, w, c)
                            asyncio.run(_load(target, c, args.warmup, args.seconds, args.sets_per_session, run))
                            runs.append(run)
                            print(
                                f"round {number + 1}, {w} worker(s), {c:>3} client(s), {target.label:<9} "
                                f"{run.throughput:7.1f} sets/s  {machine_load()}",
                                flush=True,
                            )
        finally:
            for target in targets:
                if target.server is not None:
                    target.server.stop()
        _report(runs, targets, workers, clients, engine)
        print()
        for target in targets:
            stored = (
                count_sets(target.database)
                if target.is_floor
                else int(run_helper(target.checkout, "_clinic.py", "count", target.database)["sets"])
            )
            added = stored - target.seeded_sets
            verdict = "OK, no lost or doubled writes" if added == target.created else "MISMATCH"
            fullest = max(p.units for p in target.patients)
            print(
                f"{target.label}: sets answered 201 {target.created}, set rows added {added} -> {verdict}; "
                f"the fullest session got {fullest} posts"
            )
    print(f"\n{machine_load()} at the end")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
