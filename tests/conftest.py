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
