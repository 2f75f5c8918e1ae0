"""What each door costs the database: statements and transactions per request, read-only reads, one replay.

Reads (Today, history, the plan, a session's timeline) must not open a write transaction or change a row,
and must not replay the course; logging a set is one write transaction with one INSERT; finishing a
session replays the course exactly once.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from rehabit.domain.safety import answers_from_names
from rehabit.services import course
from rehabit.store import Store
from rehabit.web import WebSettings, create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


@dataclass
class Statements:
    """The SQL a block of requests sent."""

    sql: list[str] = field(default_factory=list)

    def begins(self, kind: str) -> int:
        return sum(1 for s in self.sql if s.upper() == kind)

    def writes(self) -> list[str]:
        return [s for s in self.sql if s.split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]

    def selects(self) -> int:
        return sum(1 for s in self.sql if s.upper().startswith("SELECT"))


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(WebSettings(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}"))
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        setup = {"warning_signs": answers_from_names([]), "equipment": [], "preferred_days": [0, 2, 4],
                 "starting_pain": 3}  # fmt: skip
        assert test_client.post("/api/setup", json=setup).status_code == 200
        yield test_client


@pytest.fixture
def watch(client: TestClient) -> Iterator[Statements]:
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    seen = Statements()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.sql.append(" ".join(statement.split()))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


@pytest.fixture
def replays(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the course is replayed (every replay goes through `course.replay_course`)."""
    count: list[int] = []
    real = course.replay_course

    def counted(store: Store, person_id: int) -> course.CourseUpdate:
        count.append(person_id)
        return real(store, person_id)

    monkeypatch.setattr(course, "replay_course", counted)
    return count


def _session(client: TestClient) -> tuple[int, dict[str, Any]]:
    body = client.post("/api/sessions", json={"pain_before": 2}).json()
    unit = next(step for step in body["steps"] if step["ends_unit"])
    a_set = {"idempotency_key": "k-1", "exercise_id": unit["exercise_id"], "set_number": 1, "side": unit["side"],
             "reps_done": 10, "pain_during": 1}  # fmt: skip
    return body["session"]["id"], a_set


@pytest.mark.parametrize("path", ["/", "/api/today", "/history", "/api/history", "/plan", "/api/plan"])
def test_reads_open_no_write_transaction_and_replay_nothing(
    client: TestClient, watch: Statements, replays: list[int], path: str
) -> None:
    session_id, a_set = _session(client)
    client.post(f"/api/sessions/{session_id}/sets", json=a_set)
    watch.sql.clear()
    assert client.get(path).status_code == 200
    assert watch.begins("BEGIN IMMEDIATE") == 0, watch.sql
    assert watch.writes() == []
    assert watch.begins("BEGIN") >= 1  # it did read
    assert replays == []


def test_a_session_timeline_is_a_read(client: TestClient, watch: Statements) -> None:
    session_id, _ = _session(client)
    watch.sql.clear()
    assert client.get(f"/api/sessions/{session_id}").status_code == 200
    assert (watch.begins("BEGIN IMMEDIATE"), watch.writes()) == (0, [])


def test_logging_a_set_is_one_transaction_with_one_insert(client: TestClient, watch: Statements) -> None:
    session_id, a_set = _session(client)
    watch.sql.clear()
    assert client.post(f"/api/sessions/{session_id}/sets", json=a_set).status_code == 201
    assert watch.begins("BEGIN IMMEDIATE") == 1
    assert watch.begins("BEGIN") == 0
    assert [s.split()[0] for s in watch.writes()] == ["INSERT"]
    assert watch.selects() <= 6, watch.sql
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    with store.engine.connect() as connection:
        before = connection.exec_driver_sql("SELECT count(*) FROM set_logs").scalar()
    watch.sql.clear()
    assert client.post(f"/api/sessions/{session_id}/sets", json=a_set).status_code == 200  # the same set again
    assert watch.begins("BEGIN IMMEDIATE") == 1 and watch.selects() <= 3
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM set_logs").scalar() == before == 1


def test_finishing_replays_the_course_once(client: TestClient, replays: list[int]) -> None:
    session_id, a_set = _session(client)
    client.post(f"/api/sessions/{session_id}/sets", json=a_set)
    assert client.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 2}).status_code == 200
    assert len(replays) == 1


def test_today_reads_the_screening_and_the_profile_once(client: TestClient, watch: Statements) -> None:
    """Three rules on Today (the screen's verdict, may a session start, is a re-screen due) ask for the
    latest screening; the page reads it once, and the profile once."""
    watch.sql.clear()
    body = client.get("/api/today").json()
    assert body["screening"] is not None and body["profile"] is not None
    from_screenings = [s for s in watch.sql if s.upper().startswith("SELECT") and " FROM screenings " in f"{s} "]
    # (a local install first finds its one person, `FROM people ORDER BY people.id`: the face's lookup)
    from_people = [s for s in watch.sql if s.upper().startswith("SELECT") and " FROM people WHERE " in s]
    assert len(from_screenings) == 1, from_screenings
    assert len(from_people) == 1, from_people


def test_a_write_never_sees_a_remembered_read(client: TestClient) -> None:
    """Inside a transaction the latest screening is read afresh: one just added is the one returned."""
    from rehabit.store import people, screenings

    store: Store = client.app.state.store  # type: ignore[attr-defined]
    person = people.list_people(store)[0]
    with store.read():
        before = screenings.latest_screening(store, person.id)
        assert screenings.latest_screening(store, person.id) == before
    with store.transaction():
        first = screenings.latest_screening(store, person.id)
        added = screenings.record_screening(store, person.id, dict(first.answers) if first else {}, "clear")
        assert screenings.latest_screening(store, person.id) == added


def test_today_reads_the_program_and_the_recent_sessions_once(client: TestClient, watch: Statements) -> None:
    """The next session's program and the exercise names are the same stored version, read once; the
    rest-day rule (FREQ-1) and the re-screen offer (SCREEN-1) share one read of the latest sessions."""
    session_id, a_set = _session(client)
    client.post(f"/api/sessions/{session_id}/sets", json=a_set)
    client.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 2})
    watch.sql.clear()
    body = client.get("/api/today").json()
    assert body["start_refusal"]["rule_id"] == "FREQ-1"  # the session just done was read
    from_programs = [s for s in watch.sql if s.upper().startswith("SELECT") and " FROM programs " in f"{s} "]
    from_sets = [s for s in watch.sql if s.upper().startswith("SELECT") and " FROM set_logs " in f"{s} "]
    assert len(from_programs) == 1, from_programs
    assert len(from_sets) == 1, from_sets


def test_sessions_since_reads_past_the_recent_ones_when_they_all_are_that_late(client: TestClient) -> None:
    """Five extra sessions on one day: every one of them counts, not just the three read for Today."""
    from datetime import UTC, datetime, timedelta

    from rehabit.store import people, programs, sessions

    store: Store = client.app.state.store  # type: ignore[attr-defined]
    person = people.list_people(store)[0]
    version = programs.person_program(store, person.id).id
    now = datetime.now(UTC)
    made = []
    for minutes in (50, 40, 30, 20, 10):
        log = sessions.start_session(store, person.id, version, started_at=now - timedelta(minutes=minutes), extra=True)
        sessions.finish_session(store, log.id, pain_after=1, effort=3, finished_at=now - timedelta(minutes=minutes - 5))
        made.append(log.id)
    with store.read():
        assert [log.id for log in sessions.recent_sessions(store, person.id)] == made[-3:]
        assert [log.id for log in sessions.sessions_since(store, person.id, now - timedelta(hours=1))] == made
        assert [log.id for log in sessions.sessions_since(store, person.id, now - timedelta(minutes=25))] == made[-2:]
    assert [log.id for log in sessions.sessions_since(store, person.id, now - timedelta(days=1))] == made


def test_today_reads_no_sets_for_the_unfinished_session_it_names(client: TestClient, watch: Statements) -> None:
    """Today names the unfinished session by its id; its sets are read once, with the recent sessions."""
    session_id, a_set = _session(client)
    client.post(f"/api/sessions/{session_id}/sets", json=a_set)
    watch.sql.clear()
    assert client.get("/api/today").json()["unfinished_session_id"] == session_id
    from_sets = [s for s in watch.sql if s.upper().startswith("SELECT") and " FROM set_logs " in f"{s} "]
    assert len(from_sets) == 1, from_sets
