"""Fixtures for the web app: `client`, an HTTP test client on a fresh app with its own temp database."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select

with warnings.catch_warnings():
    # starlette's test client announces a future switch of HTTP library at import; nothing to act on here
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from rehabit.model import Dose, IntRange
from rehabit.store import PersonRecord, PlannedSessionRecord, Store, people, plans, programs, screenings
from rehabit.web import WebSettings, create_app

Snapshot = Callable[[], dict[str, list[tuple[Any, ...]]]]


def sign_fields(*yes: str) -> dict[str, str]:
    """The warning-sign answers as the setup and screening pages post them: every question the page asks
    "no" except those named in `yes`; the signs the walking question asks go through it and its why."""
    from rehabit.domain.safety import WALKING, WARNING_SIGNS

    fields = {f"sign-{sign.name}": "yes" if sign.name in yes else "no" for sign in WARNING_SIGNS if not sign.asked_by}
    walking = [name for name in WALKING.signs() if name in yes]
    fields[f"sign-{WALKING.name}"] = "yes" if walking else "no"
    if walking:
        [why] = [value for value, _, names in WALKING.choices if sorted(names) == sorted(walking)]
        fields[f"{WALKING.name}-why"] = why
    return fields


@pytest.fixture
def web_database_url(tmp_path: Path) -> str:
    """A new SQLite file: the web tests check routes, the store's own tests cover PostgreSQL."""
    return f"sqlite:///{tmp_path / 'rehabit.sqlite3'}"


@pytest.fixture
def client(web_database_url: str) -> Iterator[TestClient]:
    """A test client on a fresh app whose store is a new SQLite file (the lifespan runs)."""
    with TestClient(create_app(WebSettings(database_url=web_database_url)), base_url="http://127.0.0.1") as test_client:
        yield test_client


def app_store(client: TestClient) -> Store:
    """The store the client's app opened."""
    store: Store = client.app.state.store  # type: ignore[attr-defined]
    return store


@pytest.fixture
def person(client: TestClient) -> PersonRecord:
    """The local person, screened clear, following the built-in program."""
    store = app_store(client)
    created = people.create_person(store, name="Sam", equipment=["mat"], preferred_days=[0, 2, 4], starting_pain=4)
    programs.person_program(store, created.id)
    screenings.record_screening(store, created.id, {"bladder-bowel": False, "fever": False}, "clear")
    return people.get_person(store, created.id)


# a small session: one exercise without sides (2 reps, 1 set) and a stretch held once on each side
PLANNED = (
    ("glute-bridge", Dose(reps=IntRange.of(2), hold_s=IntRange.of(2), sets=IntRange.of(1))),
    ("piriformis-stretch", Dose(reps=IntRange.of(1), hold_s=IntRange.of(3), per_side=True)),
)


@pytest.fixture
def planned(client: TestClient, person: PersonRecord) -> PlannedSessionRecord:
    """Two planned sessions from today for the person; returns the first."""
    store = app_store(client)
    version = programs.person_program(store, person.id)
    plan = plans.save_plan(
        store,
        person.id,
        version.id,
        date.today(),
        1,
        [
            plans.SessionDraft(date.today(), 0, PLANNED, 120),
            plans.SessionDraft(date.today() + timedelta(days=2), 0, PLANNED, 120),
        ],
    )
    return plan.sessions[0]


@pytest.fixture
def snapshot(client: TestClient) -> Snapshot:
    """Every row of every table, to show a rejected request changed nothing."""
    store = client.app.state.store  # type: ignore[attr-defined]

    def take() -> dict[str, list[tuple[Any, ...]]]:
        metadata = MetaData()
        metadata.reflect(store.engine)
        with store.engine.connect() as connection:
            return {
                name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
                for name, table in sorted(metadata.tables.items())
            }

    return take
