"""Fixtures for clinic mode: an accounts-mode app and the six kinds of caller the rules tell apart."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from rehabit.model import Dose, IntRange
from rehabit.services import accounts
from rehabit.store import Store, notes, plans, prescriptions, programs, screenings, sessions
from rehabit.store import accounts as account_rows
from rehabit.web import WebSettings, create_app
from rehabit.web.auth import CSRF_COOKIE, SESSION_COOKIE

PASSWORD = "correct horse battery"
CALLERS = ("anonymous", "patient_a", "patient_b", "clinician_a", "clinician_none", "admin")


@dataclass(frozen=True)
class Clinic:
    """A seeded clinic: the app's store, patient A's and B's profile ids, a session of A's, a client maker."""

    store: Store
    person_a: int
    person_b: int
    session_a: int
    session_b: int
    planned_a: int  # A's second planned session (not started)
    note_a: int  # a note from A's clinician to A, not read yet
    request_a: int  # A's open request to follow the built-in program from its second stage (A's is prescribed)
    client: Callable[[str], TestClient]


def _seed_patient(store: Store, username: str, name: str) -> tuple[int, int, int]:
    account = accounts.create_account(store, username, PASSWORD, "patient", display_name=name)
    assert account.person_id is not None
    person_id = account.person_id
    version = programs.person_program(store, person_id)
    screenings.record_screening(store, person_id, {"fever": False}, "clear")
    dose = Dose(reps=IntRange.of(2), sets=IntRange.of(1))
    plan = plans.save_plan(
        store,
        person_id,
        version.id,
        date.today(),
        1,
        [
            plans.SessionDraft(date.today(), 0, (("glute-bridge", dose),), 60),
            plans.SessionDraft(date.today() + timedelta(days=2), 0, (("glute-bridge", dose),), 60),
        ],
    )
    log = sessions.start_session(store, person_id, version.id, planned_session_id=plan.sessions[0].id, pain_before=4)
    return person_id, log.id, plan.sessions[1].id


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign the client in through the JSON API; returns the CSRF token (also sent on later calls)."""
    client.get("/login")
    response = client.post(
        "/api/login",
        json={"username": username, "password": password},
        headers={"X-CSRF-Token": client.cookies.get("rehabit_csrf", "")},
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    return token


@pytest.fixture(autouse=True)
def _quick_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with its smallest cost: the tests sign in hundreds of times (production keeps the defaults)."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    monkeypatch.setattr(accounts, "_DUMMY_HASH", accounts._hasher.hash("dummy"))


@pytest.fixture(scope="session")
def _seeded_clinic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, int]]:
    """A clinic database built once (copied for each test): accounts, plans, a started session each, and
    a signed-in session per caller (the cookie tokens are returned), A's clinician with A open.
    """
    from argon2 import PasswordHasher

    path = tmp_path_factory.mktemp("clinic") / "seed.sqlite3"
    quick = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "_hasher", quick)
        with Store.open(f"sqlite:///{path}") as store:
            person_a, session_a, planned_a = _seed_patient(store, "patient_a", "Ada")
            person_b, session_b, _planned_b = _seed_patient(store, "patient_b", "Bo")
            clinician = accounts.create_account(store, "clinician_a", PASSWORD, "clinician", display_name="Dr A")
            accounts.create_account(store, "clinician_none", PASSWORD, "clinician", display_name="Dr N")
            accounts.create_account(store, "admin", PASSWORD, "admin")
            account_rows.link_patient(store, clinician.id, person_a)
            version_a = programs.person_program(store, person_a).id
            prescriptions.prescribe(store, person_a, version_a, clinician.id)
            request_a = prescriptions.add_request(store, person_a, version_a, 1).id
            note_a = notes.add_note(store, person_a, clinician.id, "Dr A", "Keep it gentle.", from_patient=False).id
            tokens = {}
            for caller in CALLERS[1:]:
                signin = accounts.sign_in(store, caller, PASSWORD)
                tokens[caller] = f"{signin.token} {signin.csrf_token}"
                if caller == "clinician_a":
                    account_rows.set_viewing(store, accounts.digest(signin.token), person_a)
    ids = {
        "person_a": person_a,
        "person_b": person_b,
        "session_a": session_a,
        "session_b": session_b,
        "planned_a": planned_a,
        "note_a": note_a,
        "request_a": request_a,
    }
    return path, tokens, ids


@pytest.fixture
def clinic(_seeded_clinic: tuple[Path, dict[str, str], dict[str, int]], tmp_path: Path) -> Iterator[Clinic]:
    """An accounts-mode app with patients A and B (each with a planned session and one started), a
    clinician of A (with A open) who prescribed A's program and left A a note, A's open request to follow
    another stage, a clinician of nobody and an admin; `clinic.client(caller)` is a client signed in as that
    caller, sending its CSRF token.
    """
    seed, tokens, ids = _seeded_clinic
    target = tmp_path / "clinic.sqlite3"
    shutil.copyfile(seed, target)
    app = create_app(WebSettings(database_url=f"sqlite:///{target}", accounts=True))
    opened: list[TestClient] = []
    with TestClient(app) as first:
        store: Store = app.state.store

        def client(caller: str) -> TestClient:
            made = TestClient(app, follow_redirects=False)
            made.__enter__()
            opened.append(made)
            if caller != "anonymous":
                token, csrf = tokens[caller].split()
                made.cookies.set(SESSION_COOKIE, token)
                made.cookies.set(CSRF_COOKIE, csrf)
                made.headers["X-CSRF-Token"] = csrf
            else:
                made.get("/login")
                made.headers["X-CSRF-Token"] = made.cookies.get(CSRF_COOKIE, "")
            return made

        _ = first
        yield Clinic(
            store,
            ids["person_a"],
            ids["person_b"],
            ids["session_a"],
            ids["session_b"],
            ids["planned_a"],
            ids["note_a"],
            ids["request_a"],
            client,
        )
        for made in opened:
            made.__exit__(None, None, None)
