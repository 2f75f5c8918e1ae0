"""`rehabit library import|search|add` through the CLI runner: output lines, files and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import Invoke
from rehabit.model import Dose, Group, IntRange
from rehabit.programs import dump_program, get_program, load_program

FREE_EXERCISE_DB = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "free-exercise-db" / "exercises.json"
)


@pytest.fixture
def library(cli: Invoke) -> None:
    result = cli("library", "import", str(FREE_EXERCISE_DB))
    assert result.exit_code == 0, result.stderr
    assert result.output == "free-exercise-db: 873 added, 0 updated\n"


def test_import_again_updates(cli: Invoke, library: None) -> None:
    result = cli("library", "import", str(FREE_EXERCISE_DB))
    assert result.output == "free-exercise-db: 0 added, 873 updated\n"


def test_import_reports_bad_records_and_keeps_the_rest(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "clinic.json"
    records = [
        {"id": "Wall_Sit", "name": "Wall sit", "primaryMuscles": ["quadriceps"]},
        {"name": "No id"},
        "text",
        {"id": "Clam", "name": "Clamshell", "primaryMuscles": ["glutes"], "equipment": "bands"},
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    result = cli("library", "import", str(path), "--name", "Clinic")
    assert result.exit_code == 0
    assert result.stdout == "clinic: 2 added, 0 updated, 2 skipped\n"
    assert result.stderr == (
        "skipped record 1: id: required field is missing\nskipped record 2: is a str, not an object\n"
    )
    found = cli("library", "search", "--muscle", "glutes")
    assert "Clamshell" in found.output
    assert "Wall sit" not in found.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2", "malformed JSON"),
        ('"just text"', "a library must be a JSON list of exercises, not a str"),
    ],
)
def test_import_unreadable_file(cli: Invoke, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = cli("library", "import", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_import_missing_file(cli: Invoke, tmp_path: Path) -> None:
    result = cli("library", "import", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nope.json'}: no such file\n"


def test_search_an_empty_library(cli: Invoke) -> None:
    result = cli("library", "search", "glute")
    assert result.exit_code == 0
    assert result.output == "The library is empty: import one with `rehabit library import FILE`.\n"


def test_search(cli: Invoke, library: None) -> None:
    result = cli("library", "search", "glute", "--equipment", "bands")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "name", "muscles", "equipment", "level"]
    assert re.findall(r"^ ?(\w+_\w+) ", result.output, re.M) == ["Hip_Extension_with_Bands", "Hip_Lift_with_Band"]
    nothing = cli("library", "search", "zzz")
    assert nothing.output == "No exercises match.\n"
    limited = cli("library", "search", "glute", "--limit", "3")
    assert re.findall(r"^ ?(\w+_\w+) ", limited.output, re.M) == [
        "Ankle_On_The_Knee", "Barbell_Glute_Bridge", "Barbell_Hip_Thrust",
    ]  # fmt: skip
    assert limited.output.endswith("(first 3 shown; narrow the search or raise --limit)\n")


def test_add_makes_a_program_that_validates(cli: Invoke, library: None, tmp_path: Path) -> None:
    target = tmp_path / "glute-rehab.yaml"
    result = cli(
        "library", "add", "Single_Leg_Glute_Bridge", "--to", str(target), "--reps", "8-12", "--sets", "2-3",
        "--per-side",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.output == (
        f"{target}: added 'Single Leg Glute Bridge' as single-leg-glute-bridge "
        "(foundational, 8–12 reps each side · 2–3 sets); the program now has 1 exercise\n"
    )
    program = load_program(target)
    assert (program.id, program.title) == ("glute-rehab", "Glute rehab")
    exercise = program.exercise("single-leg-glute-bridge")
    assert exercise.dose == Dose(reps=IntRange.of(8, 12), sets=IntRange.of(2, 3), per_side=True)
    assert exercise.targets == ["glutes", "hamstrings"]
    assert exercise.sources == ["library-free-exercise-db"]
    assert [source.id for source in program.sources] == ["library-free-exercise-db"]
    stretch = cli("library", "add", "seated_glute", "--to", str(target), "--hold", "30", "--per-side")
    assert stretch.exit_code == 0, stretch.stderr
    program = load_program(target)
    assert [e.id for e in program.exercises] == ["single-leg-glute-bridge", "seated-glute"]
    assert program.exercise("seated-glute").group is Group.STRETCHING
    assert len(program.sources) == 1
    assert cli("program", "validate", str(target)).exit_code == 0


def test_add_to_a_stage_of_an_existing_program(cli: Invoke, library: None, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text(dump_program(get_program()), encoding="utf-8")
    result = cli(
        "library", "add", "Glute_Kickback", "--to", str(target), "--reps", "10", "--stage", "foundational",
        "--group", "foundational",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    program = load_program(target)
    assert len(program.exercises) == 11
    assert program.stages[0].exercises[-1] == "glute-kickback"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Glute_Kickback"], "Error: give the dose: --reps, --hold or both\n"),
        (["Glute_Kickback", "--reps", "ten"], "Error: --reps must be a number or a range such as 10-15, not 'ten'\n"),
        (["Glute_Kickback", "--reps", "12-8"], "Error: --reps: 12 is greater than 8\n"),
        (["Glute_Kickback", "--reps", "10", "--sets", "0"], "Error: invalid dose: sets must be at least 1\n"),
        (["Nope", "--reps", "10"], "Error: no exercise 'Nope' in the library (try `rehabit library search`)\n"),
    ],
)
def test_add_bad_input(cli: Invoke, library: None, tmp_path: Path, args: list[str], message: str) -> None:
    target = tmp_path / "p.yaml"
    result = cli("library", "add", *args, "--to", str(target))
    assert result.exit_code == 2
    assert result.stderr == message
    assert not target.exists()


def test_add_twice_and_bad_stage_leave_the_file_alone(cli: Invoke, library: None, tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    assert cli("library", "add", "Glute_Kickback", "--to", str(target), "--reps", "10").exit_code == 0
    before = target.read_text(encoding="utf-8")
    again = cli("library", "add", "Glute_Kickback", "--to", str(target), "--reps", "10")
    assert again.exit_code == 2
    assert again.stderr == f"Error: {target}: already has an exercise 'glute-kickback'\n"
    staged = cli("library", "add", "Seated_Glute", "--to", str(target), "--hold", "30", "--stage", "top")
    assert staged.exit_code == 2
    assert staged.stderr == f"Error: {target}: no stage 'top' (stages: none)\n"
    assert target.read_text(encoding="utf-8") == before
