"""The bare floor for logging a set: what FastAPI and sqlite3 alone allow, with nothing of rehabit.

    REHABIT_FLOOR_DATABASE=/tmp/floor.sqlite3 .venv/bin/python -m uvicorn floor_app:create_app --factory \
        --app-dir bench --port 8001

`POST /api/sessions/{session_id}/sets` validates the same JSON body as rehabit's set-logging route (the
same fields, bounds, strictness and unknown-field refusal), then stores the set with one INSERT in one
transaction (`BEGIN IMMEDIATE` … `COMMIT`) on a SQLite file in WAL mode with rehabit's connection settings
(busy timeout, synchronous NORMAL, foreign keys), and answers 201 with the stored set (200 with the stored
one when its idempotency key was seen before). It checks no sign-in and no session: that is the point of
a floor. `GET /health` answers when the app is up. bench/web_load.py serves it beside rehabit.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import UTC, datetime
from typing import Annotated

from fastapi import FastAPI, Response
from pydantic import BaseModel, ConfigDict, Field

Pain = Annotated[int, Field(ge=0, le=10)]

SCHEMA = """
CREATE TABLE IF NOT EXISTS set_logs (
    id INTEGER PRIMARY KEY,
    session_log_id INTEGER NOT NULL,
    exercise_id TEXT NOT NULL,
    side TEXT NOT NULL,
    set_number INTEGER NOT NULL,
    reps_done INTEGER,
    seconds_held INTEGER,
    pain_during INTEGER,
    stopped_for_pain INTEGER NOT NULL,
    logged_at TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS set_logs_session ON set_logs (session_log_id);
"""
COLUMNS = (
    "id, session_log_id, exercise_id, side, set_number, reps_done, seconds_held, pain_during, "
    "stopped_for_pain, logged_at, idempotency_key"
)


class SetIn(BaseModel):
    """The body rehabit's `POST /api/sessions/{id}/sets` accepts, field for field."""

    model_config = ConfigDict(extra="forbid", strict=True)

    idempotency_key: str = Field(min_length=1, max_length=100)
    exercise_id: str = Field(min_length=1, max_length=80)
    set_number: int = Field(ge=1, le=100)
    side: str | None = Field(default=None, pattern="^(left|right)$")
    reps_done: int | None = Field(default=None, ge=0, le=10_000)
    seconds_held: int | None = Field(default=None, ge=0, le=36_000)
    pain_during: Pain | None = None
    stopped_for_pain: bool = False


class SetView(BaseModel):
    id: int
    session_log_id: int
    exercise_id: str
    side: str | None
    set_number: int
    reps_done: int | None
    seconds_held: int | None
    pain_during: int | None
    stopped_for_pain: bool
    logged_at: datetime
    idempotency_key: str


def create_app(database: str | None = None) -> FastAPI:
    """The floor app on the SQLite file `database` (default: `REHABIT_FLOOR_DATABASE`)."""
    path = database or os.environ["REHABIT_FLOOR_DATABASE"]
    local = threading.local()

    def connection() -> sqlite3.Connection:
        # one connection per thread of the pool that runs sync routes, opened once and kept
        found: sqlite3.Connection | None = getattr(local, "connection", None)
        if found is None:
            found = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            found.execute("PRAGMA busy_timeout = 30000")
            found.execute("PRAGMA journal_mode = WAL")
            found.execute("PRAGMA synchronous = NORMAL")
            found.execute("PRAGMA foreign_keys = ON")
            local.connection = found
        return found

    setup = sqlite3.connect(path, isolation_level=None)
    setup.execute("PRAGMA journal_mode = WAL")
    setup.executescript(SCHEMA)
    setup.close()

    app = FastAPI(title="rehabit floor", docs_url=None, redoc_url=None)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/sessions/{session_id}/sets", status_code=201)
    def log_set(session_id: int, body: SetIn, response: Response) -> SetView:
        db = connection()
        values = (
            session_id,
            body.exercise_id,
            body.side or "",
            body.set_number,
            body.reps_done,
            body.seconds_held,
            body.pain_during,
            int(body.stopped_for_pain),
            datetime.now(UTC).isoformat(),
            body.idempotency_key,
        )
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute(
                "INSERT INTO set_logs (session_log_id, exercise_id, side, set_number, reps_done, seconds_held, "
                "pain_during, stopped_for_pain, logged_at, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                f"ON CONFLICT (idempotency_key) DO NOTHING RETURNING {COLUMNS}",
                values,
            ).fetchone()
            if row is None:  # the same key again: answer with the set stored the first time
                response.status_code = 200
                row = db.execute(
                    f"SELECT {COLUMNS} FROM set_logs WHERE idempotency_key = ?", (body.idempotency_key,)
                ).fetchone()
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return SetView(
            id=row[0],
            session_log_id=row[1],
            exercise_id=row[2],
            side=row[3] or None,
            set_number=row[4],
            reps_done=row[5],
            seconds_held=row[6],
            pain_during=row[7],
            stopped_for_pain=bool(row[8]),
            logged_at=datetime.fromisoformat(row[9]),
            idempotency_key=row[10],
        )

    return app


def count_sets(database: str) -> int:
    """How many sets the floor has stored."""
    with sqlite3.connect(database) as db:
        return int(db.execute("SELECT count(*) FROM set_logs").fetchone()[0])
