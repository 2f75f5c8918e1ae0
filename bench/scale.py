"""Does opening Today or logging a set cost more as a person's history grows? 1 week, 1 year, 3 years.

    .venv/bin/python bench/scale.py [--baseline DIR] [--rehabit DIR] [--weeks 1,52,156] [--rounds 3]
                                    [--requests 60] [--sets 24] [--history-requests 3]

For each checkout (`--rehabit`, default this repository; `--baseline`, optional) and each history length,
the checkout's own code (bench/_history.py in its .venv) lives one clinic-mode patient through that many
weeks of sessions (2 to 3 a week, every set logged, finished, decisions and plans made by the course as
the app does) in a SQLite file. Each store is served by `uvicorn rehabit.web.app:accounts_app --factory`
and signed in to as that patient. Then, in `--rounds` rounds, alternating the servers (the order rotates
each round), one client at a time asks each server for `--requests` × `GET /` (the Today page),
`--requests` × `GET /api/today` and `--history-requests` × `GET /api/history`, then starts the next
planned session, logs `--sets` sets into it (POST /api/sessions/{id}/sets) and finishes it (the start,
the session's first set and the finish are not measured). Measured: the server's CPU time per request
(every thread of the server process, from /proc/PID/task/TID/schedstat, from one request to the next).

Prints the median (and the mean) over the requests of all rounds per checkout and history length, with
1 year ÷ 1 week and 3 years ÷ 1 week, and rehabit ÷ baseline. Nothing is asserted: the figures are for
reading, next to the goals of issue 16 (Today <= 5 ms CPU, flat within 20% from 1 week to 3 years).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from _compare import (
    Checkout,
    Server,
    add_checkout_options,
    checkouts,
    cpu_seconds,
    machine_load,
    median,
    ratio,
    run_helper,
    start_uvicorn,
    table,
    tree_cpu,
)

KINDS = ("GET /", "GET /api/today", "log a set", "GET /api/history")


@dataclass
class Store:
    """One seeded history under one checkout, its server and a signed-in client."""

    checkout: Checkout
    weeks: int
    url: str
    seeded: dict[str, object]
    server: Server | None = None
    http: httpx.Client | None = None
    csrf: str = ""
    cpu_ms: dict[str, list[float]] = field(default_factory=dict)  # per request, every round

    @property
    def name(self) -> str:
        return f"{self.checkout.label} {size_name(self.weeks)}"


def size_name(weeks: int) -> str:
    if weeks % 52 == 0:
        years = weeks // 52
        return f"{years} year" + ("s" if years > 1 else "")
    return f"{weeks} week" + ("s" if weeks > 1 else "")


def _sign_in(store: Store) -> None:
    assert store.server is not None
    http = httpx.Client(base_url=store.server.base, timeout=120)
    http.get("/login")
    signed = http.post(
        "/api/login",
        json={"username": store.seeded["username"], "password": store.seeded["password"]},
        headers={"X-CSRF-Token": http.cookies.get("rehabit_csrf", "")},
    )
    if signed.status_code != 200:
        raise SystemExit(f"{store.name}: signing in failed: HTTP {signed.status_code} {signed.text[:200]}")
    store.http, store.csrf = http, str(signed.json()["csrf_token"])


def _measure(store: Store, kind: str, calls: list[Callable[[], httpx.Response]], expected: int) -> None:
    """Run the calls one after another and note the server's CPU time for each: the CPU between one
    snapshot and the next, so what the server does after answering counts towards its request too."""
    assert store.server is not None
    pid = store.server.process.pid
    spent = store.cpu_ms.setdefault(kind, [])
    before = tree_cpu(pid)
    for call in calls:
        response = call()
        after = tree_cpu(pid)
        spent.append(cpu_seconds(before, after) * 1000)
        before = after
        if response.status_code != expected:
            raise SystemExit(f"{store.name}: {kind} answered HTTP {response.status_code}: {response.text[:300]}")


def _round(store: Store, requests: int, sets: int, history: int) -> None:
    http = store.http
    assert http is not None
    headers = {"X-CSRF-Token": store.csrf}
    for _ in range(3):  # warm: the first requests of a process fill caches
        http.get("/")
        http.get("/api/today")
    _measure(store, "GET /", [lambda: http.get("/")] * requests, 200)
    _measure(store, "GET /api/today", [lambda: http.get("/api/today")] * requests, 200)
    if history:
        http.get("/api/history")
        _measure(store, "GET /api/history", [lambda: http.get("/api/history")] * history, 200)
    started = http.post("/api/sessions", json={"pain_before": 3}, headers=headers)
    if started.status_code == 409:  # FREQ-1: the history ends with a session yesterday; an extra one costs the same
        started = http.post("/api/sessions", json={"pain_before": 3, "extra": True}, headers=headers)
    if started.status_code not in (200, 201):
        raise SystemExit(f"{store.name}: starting a session answered HTTP {started.status_code}: {started.text[:300]}")
    player = started.json()
    session_id = player["session"]["id"]
    exercises = [e["id"] for e in player["exercises"]]

    def post(unit: int) -> Callable[[], httpx.Response]:
        body = {
            "idempotency_key": f"scale-{session_id}-{unit}",
            "exercise_id": exercises[unit % len(exercises)],
            "set_number": unit // len(exercises) + 1,
            "reps_done": 10,
            "pain_during": 2,
        }
        return lambda: http.post(f"/api/sessions/{session_id}/sets", json=body, headers=headers)

    post(0)()  # the session's first set is not measured: it warms the route
    _measure(store, "log a set", [post(unit) for unit in range(1, sets + 1)], 201)
    finished = http.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 2}, headers=headers)
    if finished.status_code != 200:
        raise SystemExit(f"{store.name}: finishing answered HTTP {finished.status_code}: {finished.text[:300]}")


def _parse_weeks(text: str) -> list[int]:
    try:
        weeks = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise SystemExit(f"--weeks takes whole numbers separated by commas, not {text!r}") from None
    if not weeks or min(weeks) < 1:
        raise SystemExit("--weeks takes at least one number of weeks, each at least 1")
    return weeks


def _report(stores: list[Store], found: list[Checkout], weeks: list[int], rounds: int) -> None:
    by = {(s.checkout.label, s.weeks): s for s in stores}
    first, *rest = weeks

    def cpu(label: str, w: int, kind: str) -> float:
        return median(by[(label, w)].cpu_ms[kind])

    kinds = [k for k in KINDS if k in by[(found[0].label, first)].cpu_ms]
    print(f"\nserver CPU per request (ms): median over the requests of {rounds} rounds, the mean in brackets")
    headers = ["request"] + [size_name(w) for w in weeks] + [f"{size_name(w)} ÷ {size_name(first)}" for w in rest]
    rows: list[list[object]] = []
    for checkout in found:
        for kind in kinds:
            values = [by[(checkout.label, w)].cpu_ms[kind] for w in weeks]
            cells = [f"{median(v):.2f} ({sum(v) / len(v):.2f})" for v in values]
            medians = [median(v) for v in values]
            rows.append([f"{checkout.label} {kind}", *cells, *(ratio(m, medians[0]) for m in medians[1:])])
    print(table(headers, rows))
    print(
        "  goals: Today (GET / and GET /api/today) <= 5 ms CPU; "
        f"flat: each ÷ {size_name(first)} within 0.8 to 1.2 up to 3 years"
    )
    if len(found) == 2:
        print("\nrehabit ÷ baseline, server CPU per request (medians):")
        rows = [[kind] + [ratio(cpu("rehabit", w, kind), cpu("baseline", w, kind)) for w in weeks] for kind in kinds]
        print(table(["request"] + [size_name(w) for w in weeks], rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_checkout_options(parser)
    parser.add_argument("--weeks", default="1,52,156", help="history lengths in weeks (default 1,52,156)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of measuring every server (default 3)")
    parser.add_argument("--requests", type=int, default=60, help="Today requests of each kind per round (60)")
    parser.add_argument("--sets", type=int, default=24, help="sets logged per round, one session (default 24)")
    parser.add_argument("--history-requests", type=int, default=3, help="GET /api/history per round (3; 0: none)")
    args = parser.parse_args()
    found = checkouts(args)
    weeks = _parse_weeks(args.weeks)
    print(f"scale: {machine_load()} at the start")
    for checkout in found:
        print(f"  {checkout.describe()}")
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        wanted = [
            (checkout, w, f"sqlite:///{scratch / f'{checkout.label}-{w}.sqlite3'}") for w in weeks for checkout in found
        ]
        with ThreadPoolExecutor(max_workers=len(found)) as pool:  # the checkouts seed side by side
            seeds = list(
                pool.map(lambda job: run_helper(job[0], "_history.py", job[2], "--weeks", str(job[1])), wanted)
            )
        stores = [Store(checkout, w, url, seeded) for (checkout, w, url), seeded in zip(wanted, seeds, strict=True)]
        for store in stores:
            seeded = store.seeded
            print(
                f"seeded {store.name}: {seeded['sessions']} sessions ({seeded['skipped']} skipped), "
                f"{seeded['sets']} sets, {seeded['decisions']} decisions in {float(str(seeded['seconds'])):.1f} s"
            )
        try:
            for store in stores:
                env = dict(os.environ, REHABIT_DATABASE_URL=store.url, REHABIT_DATA_DIR=str(scratch / "data"))
                store.server = start_uvicorn(
                    store.name, store.checkout.python, store.checkout.accounts_app, env=env, ready_path="/login"
                )
                _sign_in(store)
            for number in range(args.rounds):
                order = stores[number % len(stores) :] + stores[: number % len(stores)]
                for store in order:
                    _round(store, args.requests, args.sets, args.history_requests)
                print(f"round {number + 1} done; {machine_load()}", flush=True)
        finally:
            for store in stores:
                if store.http is not None:
                    store.http.close()
                if store.server is not None:
                    store.server.stop()
    _report(stores, found, weeks, args.rounds)
    print(f"\n{machine_load()} at the end")


if __name__ == "__main__":
    main()
