"""The parity table: each use case through the CLI and through the HTTP API, on two fresh stores, gives the
same stored rows and the same JSON document (on SQLite and on PostgreSQL).

Rows are compared without what is unique to a run: timestamps, random uids. Everything else — profile,
screenings, plans and their sessions, session logs, sets, decisions, current doses, PSFS — must match.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import MetaData, select

from _stores import ENGINES, database_url_for
from rehabit.cli import app as cli_app
from rehabit.domain.safety import answers_from_names
from rehabit.store import Store
from rehabit.web import WebSettings, create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

TODAY = date.today()
TIMESTAMP = re.compile(r"_at$|^at$|^uid$|^screened_at$|^rated_at$|^created_at$")
# the course's bookkeeping keeps when a change happened: a run-dependent moment
SKIP_KEYS = {"at"}


@dataclass
class Faces:
    """The same use cases through both faces: `cli(...)` on store A, `api` on store B."""

    cli: Callable[..., Any]
    api: TestClient
    store_a: Store
    store_b: Store


@pytest.fixture(params=ENGINES)
def faces(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Faces]:
    urls_a = database_url_for(request.param, tmp_path / "a")
    urls_b = database_url_for(request.param, tmp_path / "b")
    url_a, url_b = next(urls_a), next(urls_b)
    monkeypatch.setenv("REHABIT_DATABASE_URL", url_a)
    runner = CliRunner()

    def cli(*args: str) -> Any:
        result = runner.invoke(cli_app, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    store_a = Store.open(url_a)
    with TestClient(create_app(WebSettings(database_url=url_b)), base_url="http://127.0.0.1") as client:
        store_b: Store = client.app.state.store  # type: ignore[attr-defined]
        try:
            yield Faces(cli, client, store_a, store_b)
        finally:
            store_a.close()
    for urls in (urls_a, urls_b):
        next(urls, None)


def rows(store: Store) -> dict[str, list[Any]]:
    """Every row of every table, without run-dependent values, in a stable order."""
    metadata = MetaData()
    metadata.reflect(store.engine)
    found: dict[str, list[Any]] = {}
    with store.engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            if name == "alembic_version":
                continue
            kept = [column for column in table.columns if not TIMESTAMP.search(column.name)]
            found[name] = sorted((_clean([row._mapping[c.name] for c in kept]) for row in connection.execute(
                select(table))), key=repr)  # fmt: skip
    return found


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k not in SKIP_KEYS}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, str) and value.startswith("{"):
        try:
            return _clean(json.loads(value))
        except ValueError:
            return value
    return value


def document(value: Any) -> Any:
    """A JSON document without its run-dependent values (times, uids)."""
    if isinstance(value, dict):
        return {k: document(v) for k, v in value.items() if not TIMESTAMP.search(k) and k not in SKIP_KEYS}
    if isinstance(value, list):
        return [document(v) for v in value]
    return value


SIGNS_NO = answers_from_names([])
CLI_SETUP = ["setup", "--no-warning-signs", "--equipment", "band", "--days", "mon,wed,fri", "--pain", "4",
             "--psfs", "sitting=4", "--name", "Sam"]  # fmt: skip
API_SETUP = {
    "warning_signs": SIGNS_NO,
    "equipment": ["band"],
    "preferred_days": [0, 2, 4],
    "starting_pain": 4,
    "name": "Sam",
    "psfs": [{"activity": "sitting", "score": 4}],
}


def set_up_both(faces: Faces) -> None:
    faces.cli(*CLI_SETUP)
    assert faces.api.post("/api/setup", json=API_SETUP).status_code == 200


def test_setup_stores_the_same_profile_screening_psfs_and_plan(faces: Faces) -> None:
    set_up_both(faces)
    stored = rows(faces.store_b)
    assert stored == rows(faces.store_a)
    assert len(stored["planned_sessions"]) >= 4  # setup planned at both doors
    assert [row[2:4] for row in stored["psfs"]] == [["sitting", 4]]
    assert faces.api.get("/api/today").json()["next_session"] is not None


def test_setup_with_a_warning_sign_plans_nothing_at_either_door(faces: Faces) -> None:
    faces.cli("setup", "--warning-sign", "fever", "--equipment", "none", "--days", "mon,thu", "--pain", "2")
    signs = answers_from_names(["fever"])
    body = {**API_SETUP, "warning_signs": signs, "equipment": [], "preferred_days": [0, 3], "starting_pain": 2}
    body.pop("psfs")
    body.pop("name")
    assert faces.api.post("/api/setup", json=body).json()["result"] == "needs_clearance"
    assert rows(faces.store_a) == rows(faces.store_b)
    assert rows(faces.store_b)["plans"] == []


def test_clearance_then_plan(faces: Faces) -> None:
    faces.cli("setup", "--warning-sign", "fever", "--equipment", "none", "--days", "mon,thu", "--pain", "2")
    body = {**API_SETUP, "warning_signs": answers_from_names(["fever"]), "equipment": [], "preferred_days": [0, 3],
            "starting_pain": 2}  # fmt: skip
    body.pop("psfs")
    body.pop("name")
    faces.api.post("/api/setup", json=body)
    faces.cli("screen", "--cleared-by", "Dr Jones", "--cleared-on", TODAY.isoformat())
    cleared = faces.api.post("/api/screening/clearance", json={"cleared_by": "Dr Jones", "cleared_on": str(TODAY)})
    assert cleared.status_code == 200
    assert rows(faces.store_a) == rows(faces.store_b)
    assert rows(faces.store_b)["plans"] != []


def test_plan_for_three_weeks(faces: Faces) -> None:
    set_up_both(faces)
    faces.cli("plan", "--weeks", "3")
    assert faces.api.post("/api/plan", json={"weeks": 3}).status_code == 200
    assert rows(faces.store_a) == rows(faces.store_b)
    cli_plan = json.loads(faces.cli("program", "show", "--format", "json").output)
    assert cli_plan["id"] == faces.api.get("/api/programs/lower-back-glutes").json()["program"]["id"]


def _session_through_both(faces: Faces) -> None:
    """A whole session: the terminal player on A; on B the same sets posted through the API."""
    set_up_both(faces)
    faces.cli("session", "--auto", "--speed", "10000", "--pain-before", "3", "--pain-during", "2",
              "--pain-after", "2", "--effort", "5")  # fmt: skip
    started = faces.api.post("/api/sessions", json={"pain_before": 3})
    assert started.status_code == 201
    session_id = started.json()["session"]["id"]
    logged = faces.api.get("/api/history")  # nothing closed yet on B
    assert logged.json()["sessions"] == []
    metadata = MetaData()
    metadata.reflect(faces.store_a.engine)
    table = metadata.tables["set_logs"]
    with faces.store_a.engine.connect() as connection:
        sets = [dict(row._mapping) for row in connection.execute(select(table).order_by(table.c.id))]
    assert sets, "the terminal player logged no set"
    for entry in sets:
        body = {
            "idempotency_key": entry["idempotency_key"],
            "exercise_id": entry["exercise_id"],
            "set_number": entry["set_number"],
            "side": entry["side"] or None,
            "reps_done": entry["reps_done"],
            "seconds_held": entry["seconds_held"],
            "pain_during": entry["pain_during"],
            "stopped_for_pain": entry["stopped_for_pain"],
        }
        assert faces.api.post(f"/api/sessions/{session_id}/sets", json=body).status_code == 201
    finished = faces.api.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 2, "effort": 5})
    assert finished.status_code == 200


def test_a_session_stores_the_same_logs_decisions_and_doses(faces: Faces) -> None:
    _session_through_both(faces)
    a, b = rows(faces.store_a), rows(faces.store_b)
    assert a == b
    assert len(b["session_logs"]) == 1 and len(b["set_logs"]) > 5 and len(b["decisions"]) > 5


def test_history_and_progress_are_one_document(faces: Faces) -> None:
    _session_through_both(faces)
    cli_history = json.loads(faces.cli("history", "--format", "json").output)
    api_history = faces.api.get("/api/history").json()
    assert document(cli_history) == document(api_history)
    assert api_history["sessions"][0]["effort"] == 5 and api_history["sessions"][0]["decisions"]
    cli_progress = json.loads(faces.cli("progress", "--format", "json").output)
    api_progress = faces.api.get("/api/progress").json()
    assert document(cli_progress) == document(api_progress)


def test_following_a_program_at_a_stage(faces: Faces) -> None:
    set_up_both(faces)
    faces.cli("program", "use", "lower-back-glutes", "--stage", "2")
    followed = faces.api.post("/api/programs/lower-back-glutes/follow", json={"stage_index": 1})
    assert followed.json() == {
        "program_id": "lower-back-glutes",
        "title": followed.json()["title"],
        "stage_index": 1,
        "switched": False,
        "planned": True,
        "requested": False,
    }
    assert rows(faces.store_a) == rows(faces.store_b)
    assert faces.api.get("/api/profile").json()["stage_index"] == 1


# accounts: `rehabit user …` on store A, the admin API on store B (clinic mode)
ACCOUNT_TABLES = ("accounts", "care_links", "people")
RUN_DEPENDENT = re.compile(r"^password_hash$")


@pytest.fixture(params=ENGINES)
def account_faces(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Faces]:
    from argon2 import PasswordHasher

    from rehabit.services import accounts

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    urls_a = database_url_for(request.param, tmp_path / "a")
    urls_b = database_url_for(request.param, tmp_path / "b")
    url_a, url_b = next(urls_a), next(urls_b)
    monkeypatch.setenv("REHABIT_DATABASE_URL", url_a)
    runner = CliRunner()

    def cli(*args: str) -> Any:
        result = runner.invoke(cli_app, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    store_a = Store.open(url_a)
    app = create_app(WebSettings(database_url=url_b, accounts=True))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        store_b: Store = client.app.state.store  # type: ignore[attr-defined]
        try:
            yield Faces(cli, client, store_a, store_b)
        finally:
            store_a.close()
    for urls in (urls_a, urls_b):
        next(urls, None)


def account_rows_of(store: Store) -> dict[str, list[Any]]:
    """The accounts, care links and profiles, without password hashes (salted) and times."""
    metadata = MetaData()
    metadata.reflect(store.engine, only=ACCOUNT_TABLES)
    found: dict[str, list[Any]] = {}
    with store.engine.connect() as connection:
        for name in ACCOUNT_TABLES:
            table = metadata.tables[name]
            kept = [c for c in table.columns if not TIMESTAMP.search(c.name) and not RUN_DEPENDENT.search(c.name)]
            found[name] = sorted(
                (_clean([row._mapping[c.name] for c in kept]) for row in connection.execute(select(table))), key=repr
            )
    return found


def test_accounts_and_links_made_on_the_command_line_and_by_the_admin_api_are_the_same(
    account_faces: Faces,
) -> None:
    from rehabit.services import accounts, clinic

    faces = account_faces
    faces.cli("user", "add", "boss", "--role", "admin", "--password", "the boss's password")
    accounts.create_account(faces.store_b, "boss", "the boss's password", "admin")  # someone must sign in first
    api = faces.api
    api.get("/login")
    signed = api.post(
        "/api/login",
        json={"username": "boss", "password": "the boss's password"},
        headers={"X-CSRF-Token": api.cookies.get("rehabit_csrf", "")},
    )
    assert signed.status_code == 200, signed.text
    api.headers["X-CSRF-Token"] = signed.json()["csrf_token"]

    faces.cli("user", "add", "dr.kim", "--name", "Dr Kim", "--password", "kim's password")
    faces.cli("user", "add", "dr.lee", "--name", "Dr Lee", "--password", "lee's password")
    faces.cli("user", "add", "jordan", "--role", "patient", "--name", "Jordan", "--clinician", "dr.kim",
              "--password", "jordan's password")  # fmt: skip
    faces.cli("user", "link", "jordan", "dr.lee")
    faces.cli("user", "unlink", "jordan", "dr.kim")
    faces.cli("user", "disable", "dr.kim")
    faces.cli("user", "enable", "dr.kim")
    faces.cli("user", "disable", "dr.lee")
    faces.cli("user", "reset-password", "jordan", "--password", "jordan's new password")
    for body in (
        {"username": "dr.kim", "display_name": "Dr Kim", "role": "clinician", "password": "kim's password"},
        {"username": "dr.lee", "display_name": "Dr Lee", "role": "clinician", "password": "lee's password"},
        {"username": "jordan", "display_name": "Jordan", "role": "patient", "password": "jordan's password",
         "clinicians": ["dr.kim"]},
    ):  # fmt: skip
        assert api.post("/api/admin/accounts", json=body).status_code == 201
    assert api.post("/api/admin/links", json={"patient": "jordan", "clinician": "dr.lee"}).status_code == 201
    assert api.delete("/api/admin/links/dr.kim/jordan").status_code == 200
    assert api.post("/api/admin/accounts/dr.kim/disable").status_code == 200
    assert api.post("/api/admin/accounts/dr.kim/enable").status_code == 200
    assert api.post("/api/admin/accounts/dr.lee/disable").status_code == 200
    reset = api.post("/api/admin/accounts/jordan/password", json={"password": "jordan's new password"})
    assert reset.status_code == 200

    assert account_rows_of(faces.store_a) == account_rows_of(faces.store_b)
    listed = api.get("/api/admin/accounts").json()
    assert [line.model_dump(mode="json") for line in clinic.account_lines(faces.store_a)] == listed
    jordan = next(line for line in listed if line["username"] == "jordan")
    assert (jordan["clinicians"], jordan["disabled"]) == (["dr.lee"], False)
    for store in (faces.store_a, faces.store_b):
        accounts.sign_in(store, "jordan", "jordan's new password")  # the new password works at both doors
