"""Shared fixtures: one per interface (STYLE.md)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result

# The `store` and `database_url` fixtures (SQLite and PostgreSQL) and a private data dir per test.
from _stores import _private_data_dir, database_url, store  # noqa: F401
from rehabit.cli import app

Invoke = Callable[..., Result]


@pytest.fixture
def cli() -> Invoke:
    """Run `rehabit ARGS...` in-process; returns click's Result (output, stderr, exit_code)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(autouse=True)
def _no_database_work_on_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The web app's event loop never waits for the database: an `async def` route or middleware that
    opens a store unit directly (instead of through a worker thread) fails the test it runs in."""
    import asyncio
    import sys

    from rehabit.store import database

    real = database.Store._unit

    def serving_a_request() -> bool:
        frame = sys._getframe(2)
        while frame is not None:
            if frame.f_globals.get("__name__", "").startswith(("starlette.", "fastapi.")):
                return True
            frame = frame.f_back  # type: ignore[assignment]
        return False

    def guarded(self: database.Store, *, writing: bool) -> object:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return real(self, writing=writing)
        if serving_a_request():
            raise AssertionError("database work on the event loop: run it in a worker thread (run_in_threadpool)")
        return real(self, writing=writing)

    monkeypatch.setattr(database.Store, "_unit", guarded)
