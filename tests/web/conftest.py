"""Fixtures for the web app: `client`, an HTTP test client on a fresh app with its own temp database."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select

with warnings.catch_warnings():
    # starlette's test client announces a future switch of HTTP library at import; nothing to act on here
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from rehabit.web import WebSettings, create_app

Snapshot = Callable[[], dict[str, list[tuple[Any, ...]]]]


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'rehabit.sqlite3'}"


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    """A test client on a fresh app whose store is a new SQLite file (the lifespan runs)."""
    with TestClient(create_app(WebSettings(database_url=database_url))) as test_client:
        yield test_client


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
