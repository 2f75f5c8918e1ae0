"""The clinic gate's cost and side effects: one read per request, static files without a lookup."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from tests.clinic.conftest import Clinic

from rehabit.store import Store


class Statements(list[str]):
    """The first word of every statement the app's store sends while watched."""

    def watch(self, client: TestClient) -> TestClient:
        store: Store = client.app.state.store  # type: ignore[attr-defined]  # each client's lifespan opens one

        def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            self.append(statement.split(None, 1)[0].upper())

        event.listen(store.engine, "before_cursor_execute", record)
        self.watched.append((store, record))
        return client

    def __init__(self) -> None:
        super().__init__()
        self.watched: list[tuple[Store, Any]] = []


@pytest.fixture
def statements() -> Iterator[Statements]:
    seen = Statements()
    yield seen
    for store, record in seen.watched:
        event.remove(store.engine, "before_cursor_execute", record)


def test_a_patient_logging_a_set_costs_one_read_for_the_gate_and_one_write(
    clinic: Clinic, statements: Statements
) -> None:
    client = statements.watch(clinic.client("patient_a"))
    body = {"idempotency_key": "gate-1", "exercise_id": "glute-bridge", "set_number": 1, "reps_done": 2}
    statements.clear()
    response = client.post(f"/api/sessions/{clinic.session_a}/sets", json=body)
    assert response.status_code == 201, response.text
    # the gate: sign-in and the session's owner in one read; the route: one write transaction
    assert statements.count("BEGIN") == 2
    assert statements.count("INSERT") == 1
    assert "UPDATE" not in statements and "DELETE" not in statements


def test_someone_elses_session_is_refused_from_the_same_single_read(clinic: Clinic, statements: Statements) -> None:
    client = statements.watch(clinic.client("patient_b"))
    body = {"idempotency_key": "gate-2", "exercise_id": "glute-bridge", "set_number": 1, "reps_done": 2}
    statements.clear()
    response = client.post(f"/api/sessions/{clinic.session_a}/sets", json=body)
    assert response.status_code == 404
    assert response.json() == {"error": f"no session with id {clinic.session_a}"}
    assert statements.count("BEGIN") == 1 and "INSERT" not in statements


def test_static_files_need_no_lookup_and_keep_the_session(clinic: Clinic, statements: Statements) -> None:
    client = statements.watch(clinic.client("patient_a"))
    statements.clear()
    response = client.get("/static/rehabit.css")
    assert response.status_code == 200
    assert statements == []  # no sign-in lookup for a stylesheet
    assert "rehabit_session" not in response.headers.get("set-cookie", "")  # the session is not forgotten
    assert response.headers.get("cache-control") != "no-store"  # and the stylesheet can be cached
    assert response.headers["x-frame-options"] == "DENY"
    assert client.get("/api/today").status_code == 200  # still signed in


def test_an_unknown_session_cookie_is_forgotten(clinic: Clinic) -> None:
    client = clinic.client("anonymous")
    client.cookies.set("rehabit_session", "not-a-session")
    response = client.get("/api/today")
    assert response.status_code == 401
    assert 'rehabit_session=""' in response.headers["set-cookie"]
