"""Impossible dates and text-direction tricks are refused at every entrance: backup import, API, command line."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from conftest import Invoke
from rehabit.domain.dates import EARLIEST, LATEST, check_date
from rehabit.domain.safety import answers_from_names
from rehabit.model import Program
from rehabit.programs import get_program
from rehabit.web import WebSettings, create_app

Change = Callable[[dict[str, Any]], None]
SESSION = {
    "planned_session": None,
    "program": 0,
    "started_at": "2026-03-02T10:00:00Z",
    "finished_at": None,
    "status": "in_progress",
    "pain_before": None,
    "pain_after": None,
    "pain_next_morning": None,
    "next_morning_asked": False,
    "effort": None,
    "notes": "",
    "sets": [],
}


def _backup(cli: Invoke, tmp_path: Path) -> dict[str, Any]:
    cli("setup", "--warning-sign", "cancer-history", "--equipment", "band", "--days", "mon,thu", "--pain", "3")
    cli("screen", "--cleared-by", "Dr Jones")
    file = tmp_path / "backup.json"
    assert cli("export", str(file), "--person", "1").exit_code == 0
    document: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return document


def _session(**fields: object) -> Change:
    return lambda document: document["session_logs"].append({**SESSION, **fields})


def _set(path: tuple[str | int, ...], value: object) -> Change:
    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _session(started_at="9999-12-31T23:00:00Z"),
            "session_logs.0.started_at: Value error, 9999-12-31 is not a date",
        ),
        (_session(started_at="0001-01-01T00:00:00Z"), "0001-01-01 is not a date rehabit accepts"),
        (_set(("screenings", 0, "cleared_on"), "0001-01-01"), "screenings.0.cleared_on: Value error, 0001-01-01"),
        (_set(("plans", 0, "start_date"), "2999-01-04"), "plans.0.start_date: Value error, 2999-01-04"),
        (_set(("person", "name"), "x" * 100_000), "person.name: String should have at most 200 characters"),
        (_set(("person", "name"), "Ann\u202eelcin"), "person.name: Value error, a title or name may not hold"),
        (_session(notes="n" * 5001), "session_logs.0.notes: String should have at most 5000 characters"),
    ],
)
def test_a_backup_with_an_impossible_field_is_refused_whole(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Change, message: str
) -> None:
    document = _backup(cli, tmp_path)
    change(document)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "other"))
    result = cli("import", str(bad))
    assert (result.exit_code, result.stderr.count("\n")) == (2, 1), result.stderr
    assert message in result.stderr
    assert cli("progress").exit_code != 0  # nothing was imported: there is no one to show progress for


def test_a_backup_with_dates_in_range_imports_and_reads(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _backup(cli, tmp_path)
    _session(started_at="2200-12-30T10:00:00Z")(document)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setenv("REHABIT_DATA_DIR", str(tmp_path / "other"))
    assert cli("import", str(good)).exit_code == 0
    assert cli("progress").exit_code == 0
    assert cli("history").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--from", "9999-12-30"),
        ("plan", "--from", "0001-01-01"),
        ("session", "--date", "9999-12-31", "--auto"),
        ("handout", "-o", "out.pdf", "--start", "1899-12-31"),
        ("screen", "--cleared-by", "Dr Jones", "--cleared-on", "0001-01-01"),
    ],
)
def test_the_command_line_refuses_impossible_dates(cli: Invoke, args: tuple[str, ...]) -> None:
    cli("setup", "--warning-sign", "cancer-history", "--equipment", "band", "--days", "mon,thu", "--pain", "3")
    result = cli(*args)
    assert result.exit_code == 2
    assert "is not a date rehabit accepts (from 1900-01-01 to 2200-12-31)" in result.stderr
    assert "Traceback" not in result.output


@pytest.fixture
def api(tmp_path: Path) -> TestClient:
    app = create_app(WebSettings(database_url=f"sqlite:///{tmp_path / 'r.sqlite3'}"))
    return TestClient(app, base_url="http://127.0.0.1")


def test_the_api_refuses_a_clearance_in_year_one(api: TestClient) -> None:
    with api:
        setup = {
            "warning_signs": answers_from_names(["cancer-history"]),
            "equipment": [],
            "preferred_days": [0, 3],
            "starting_pain": 3,
        }
        assert api.post("/api/setup", json=setup).json()["result"] == "needs_clearance"
        refused = api.post("/api/screening/clearance", json={"cleared_by": "Dr Jones", "cleared_on": "0001-01-01"})
        assert refused.status_code == 400
        assert refused.json()["error"].startswith("the clearance date: 0001-01-01 is not a date rehabit accepts")
        assert api.get("/api/history").status_code == 200


def test_direction_controls_are_refused_in_titles_and_names(api: TestClient) -> None:
    program = get_program().model_dump(mode="json")
    for field, value in [
        ("title", "Back \u202etxet"),
        ("exercises.0.name", "Bridge\u2066"),
        ("stages.0.name", "\u200fOne"),
    ]:
        document = json.loads(json.dumps(program))
        target = document
        *parents, last = field.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
        with pytest.raises(ValidationError, match="text-direction controls"):
            Program.model_validate(document)
    with api:
        document = json.loads(json.dumps(program))
        document["title"] = "Back \u202etxet"
        saved = api.post("/api/import/save", json={"program": document})
        assert saved.status_code == 400 and "text-direction controls" in saved.json()["error"]
        setup = {"warning_signs": answers_from_names([]), "equipment": [], "preferred_days": [0, 3], "starting_pain": 3}
        assert api.post("/api/setup", json={**setup, "name": "Sam"}).status_code == 200
        renamed = api.put("/api/profile", json={"preferred_days": [0, 3], "name": "Sam\u202egnikcah"})
        assert renamed.status_code == 400 and "text-direction controls" in renamed.json()["error"]
        assert api.get("/api/profile").json()["name"] == "Sam"


def test_the_date_range() -> None:
    assert check_date(EARLIEST) == EARLIEST and check_date(LATEST) == LATEST
    with pytest.raises(ValueError, match="9999-12-31 is not a date rehabit accepts"):
        check_date(date(9999, 12, 31))
