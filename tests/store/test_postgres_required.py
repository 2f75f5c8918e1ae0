"""Without a PostgreSQL server the PostgreSQL half of the store tests fails when CI requires it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
ONE_TEST = "tests/store/test_people_programs.py::test_missing_person"


def _run(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REHABIT_TEST_POSTGRES_URL", "REHABIT_REQUIRE_POSTGRES", "CI"}
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", ONE_TEST],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_server_fails_when_required() -> None:
    result = _run({"REHABIT_REQUIRE_POSTGRES": "1"})
    assert result.returncode == 1
    assert "1 passed, 1 error" in result.stdout
    assert "REHABIT_TEST_POSTGRES_URL is not set: run the tests through scripts/with-postgres" in result.stdout


def test_missing_server_is_skipped_on_a_developer_machine() -> None:
    result = _run({})
    assert result.returncode == 0
    assert "1 passed, 1 skipped" in result.stdout
