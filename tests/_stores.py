"""The `store` fixture: a fresh, migrated database per test, on SQLite and on PostgreSQL.

PostgreSQL runs against the server named by REHABIT_TEST_POSTGRES_URL (`scripts/with-postgres` starts
one); each test gets its own schema, dropped afterwards. Without that URL the PostgreSQL half is
skipped locally, but FAILS when `CI` or `REHABIT_REQUIRE_POSTGRES` is set, so a run can never pass
while silently leaving PostgreSQL out.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from rehabit.store import Store

ENGINES = ["sqlite", "postgresql"]


def postgres_url() -> str:
    """The test server's URL; fails or skips the test when there is none (see module docstring)."""
    url = os.environ.get("REHABIT_TEST_POSTGRES_URL", "").strip()
    if url:
        return url
    if os.environ.get("CI") or os.environ.get("REHABIT_REQUIRE_POSTGRES"):
        pytest.fail("REHABIT_TEST_POSTGRES_URL is not set: run the tests through scripts/with-postgres")
    pytest.skip("no PostgreSQL server (REHABIT_TEST_POSTGRES_URL); `make test` starts one")


def database_url_for(engine: str, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of an empty database of this engine; remove it afterwards."""
    if engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'rehabit.sqlite3'}"
        return
    server = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database, once on SQLite and once on PostgreSQL."""
    yield from database_url_for(request.param, tmp_path)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A fresh, migrated store, once on SQLite and once on PostgreSQL."""
    opened = Store.open(database_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own empty data directory: no test touches the real user's database."""
    monkeypatch.delenv("REHABIT_DATABASE_URL", raising=False)
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "rehabit-data"))
