"""`rehabit export --fhir FILE.json` and `rehabit export --csv FILE.csv` through the CLI runner."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from _export_course import seed_course
from fhir.resources.R4B.bundle import Bundle

from conftest import Invoke
from rehabit.store import Store


@pytest.fixture
def course() -> None:
    with Store.open() as store:  # the test's private data directory (see tests/_stores.py)
        seed_course(store)


def test_fhir(cli: Invoke, course: None, tmp_path: Path) -> None:
    target = tmp_path / "course.json"
    result = cli("export", "--fhir", str(target), "--name", "Ana Ruiz")
    assert result.exit_code == 0, result.stderr
    assert result.output == (
        f"Wrote {target}: FHIR R4 Bundle with 1 Patient, 1 CarePlan, 6 ServiceRequest, 13 Observation.\n"
    )
    bundle = json.loads(target.read_text(encoding="utf-8"))
    Bundle.model_validate(bundle)
    assert bundle["entry"][0]["resource"]["name"] == [{"text": "Ana Ruiz"}]


def test_csv(cli: Invoke, course: None, tmp_path: Path) -> None:
    target = tmp_path / "logs.csv"
    result = cli("export", "--csv", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.output == f"Wrote {target}: 9 sets, one row each.\n"
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["exercise_id"] for row in rows[:3]] == ["glute-bridge", "glute-bridge", "bird-dog"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--csv", "--name", "Ana"], "Error: --name goes with --fhir only\n"),
        (["--fhir", "--name", "Ana"], "Error: there is no profile yet: run `rehabit setup` first\n"),
    ],
)
def test_bad_use(cli: Invoke, tmp_path: Path, args: list[str], message: str) -> None:
    target = tmp_path / "out"
    result = cli("export", *args, str(target))
    assert result.exit_code == 2
    assert result.stderr == message
    assert not target.exists()


def test_unwritable_target(cli: Invoke, course: None, tmp_path: Path) -> None:
    for flag in ("--fhir", "--csv"):
        target = tmp_path / "no-such-dir" / "out"
        result = cli("export", flag, str(target))
        assert result.exit_code == 2
        assert result.stderr == f"Error: cannot write {target} (No such file or directory)\n"
