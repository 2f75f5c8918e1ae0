"""Count the SQL statements and transactions SQLite runs, through the sqlite3 trace callback.

`watch_sqlite()` wraps `sqlite3.connect` (and `sqlite3.dbapi2.connect`, which SQLAlchemy calls) so every
connection opened afterwards reports each statement SQLite executes, implicit ones included. Statements
are counted per connection, so `Recorder.window()` around one request gives what that request ran.

    PYTHON bench/_statements.py     # prints JSON: the statements of one set logged on bench/floor_app.py
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class Recorder:
    """Statements seen while recording, by kind, and the transactions they made."""

    def __init__(self) -> None:
        self.kinds: Counter[str] = Counter()
        self.transactions = 0
        self.recording = False
        self._lock = threading.Lock()

    def tracer(self) -> Callable[[str], None]:
        """A trace callback for one connection (it knows whether that connection is inside a transaction)."""
        inside = False

        def trace(statement: str) -> None:
            nonlocal inside
            words = statement.strip().split(None, 2)
            first = words[0].upper() if words else ""
            kind = first
            if first == "BEGIN":
                second = words[1].upper() if len(words) > 1 else ""
                kind = f"BEGIN {second}" if second in {"IMMEDIATE", "EXCLUSIVE", "DEFERRED"} else "BEGIN"
            elif first == "WITH":
                kind = "SELECT"
            with self._lock:
                if not self.recording:
                    inside = _inside_after(inside, first)
                    return
                self.kinds[kind] += 1
                if first == "BEGIN" or (not inside and first not in {"COMMIT", "END", "ROLLBACK", "PRAGMA"}):
                    self.transactions += 1  # an explicit one, or a statement outside one (autocommit)
                inside = _inside_after(inside, first)

        return trace

    @contextmanager
    def window(self) -> Iterator[Counter[str]]:
        """Count what runs inside the `with` block; the counter holds it afterwards (key `transactions` too)."""
        with self._lock:
            self.kinds = Counter()
            self.transactions = 0
            self.recording = True
        result: Counter[str] = Counter()
        try:
            yield result
        finally:
            with self._lock:
                self.recording = False
                result.update(self.kinds)
                result["transactions"] = self.transactions


def _inside_after(inside: bool, first: str) -> bool:
    if first == "BEGIN":
        return True
    if first in {"COMMIT", "END", "ROLLBACK"}:
        return False
    return inside


def watch_sqlite() -> Recorder:
    """Trace every sqlite3 connection opened from now on; returns the recorder they report to."""
    recorder = Recorder()
    original = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = original(*args, **kwargs)
        connection.set_trace_callback(recorder.tracer())
        return connection

    sqlite3.connect = connect  # type: ignore[assignment]
    sqlite3.dbapi2.connect = connect  # type: ignore[assignment]
    return recorder


def summary(counts: Counter[str] | dict[str, int]) -> str:
    """e.g. `24 statements in 8 transactions: 8 BEGIN IMMEDIATE, 13 SELECT, 1 INSERT, 2 UPDATE`."""
    kinds = {k: v for k, v in counts.items() if k != "transactions" and v}
    total = sum(kinds.values())
    order = ["BEGIN IMMEDIATE", "BEGIN", "BEGIN DEFERRED", "BEGIN EXCLUSIVE", "SELECT", "INSERT", "UPDATE", "DELETE"]
    named = [k for k in order if k in kinds] + sorted(k for k in kinds if k not in order)
    parts = ", ".join(f"{kinds[k]} {k}" for k in named)
    return f"{total} statements in {counts.get('transactions', 0)} transactions: {parts}"


def floor_statements() -> dict[str, object]:
    """Statements and transactions of one set logged on the floor app (bench/floor_app.py), in process."""
    import tempfile
    from pathlib import Path

    recorder = watch_sqlite()
    from fastapi.testclient import TestClient
    from floor_app import create_app

    with tempfile.TemporaryDirectory() as scratch, TestClient(create_app(str(Path(scratch) / "f.sqlite3"))) as client:
        body = {"idempotency_key": "warm", "exercise_id": "glute-bridge", "set_number": 1, "reps_done": 10}
        client.post("/api/sessions/1/sets", json=body)
        with recorder.window() as counts:
            status = client.post("/api/sessions/1/sets", json={**body, "idempotency_key": "counted"}).status_code
    return {"log a set": {"status": status, "counts": dict(counts)}}


if __name__ == "__main__":
    import json

    print(json.dumps(floor_statements()))
