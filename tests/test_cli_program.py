"""`rehabit program ...` through the CLI runner: exact fragments and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import Invoke
from rehabit import __version__
from rehabit.programs import dump_program, get_program, load_program


def test_version(cli: Invoke) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.output == f"rehabit {__version__}\n"


def test_no_arguments_prints_help(cli: Invoke) -> None:
    result = cli()
    assert "program" in result.output
    assert "Usage" in result.output


def test_program_list(cli: Invoke) -> None:
    result = cli("program", "list")
    assert result.exit_code == 0
    assert "lower-back-glutes" in result.output
    assert "Lower back and glutes" in result.output
    assert " 10 " in result.output


def test_program_show_groups_and_doses(cli: Invoke) -> None:
    result = cli("program", "show")
    assert result.exit_code == 0
    out = result.output
    for heading in ("Foundational", "Progression", "Compound", "Stabilization", "Stretching"):
        assert heading in out
    assert "Glute bridge" in out
    assert "10–15 reps · hold 2 s" in out
    assert "30 s each side" in out
    assert "2–3 sessions a week" in out
    assert out.index("Foundational") < out.index("Progression") < out.index("Compound")


def test_program_show_one_exercise(cli: Invoke) -> None:
    result = cli("program", "show", "--exercise", "plank")
    assert result.exit_code == 0
    assert result.output.startswith("Plank  (stabilization)\n")
    assert "Dose: hold 10–30 s · 5 times" in result.output


def test_program_show_json_round_trips(cli: Invoke) -> None:
    result = cli("program", "show", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["id"] == "lower-back-glutes"
    assert len(document["exercises"]) == 10
    assert document["exercises"][0]["dose"]["reps"] == {"min": 10, "max": 15}


def test_program_show_exercise_json(cli: Invoke) -> None:
    result = cli("program", "show", "-e", "bird-dog", "--format", "json")
    assert json.loads(result.output)["dose"]["per_side"] is True


def test_unknown_exercise_is_one_line_exit_2(cli: Invoke) -> None:
    result = cli("program", "show", "--exercise", "side-plank")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no exercise 'side-plank' in lower-back-glutes")
    assert result.stderr.count("\n") == 1


def test_unknown_program_exit_2(cli: Invoke) -> None:
    result = cli("program", "show", "no-such-program")
    assert result.exit_code == 2
    assert "no program called 'no-such-program'" in result.stderr


def test_show_and_validate_a_program_file(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(dump_program(get_program()), encoding="utf-8")
    assert load_program(path) == get_program()
    result = cli("program", "validate", str(path))
    assert result.exit_code == 0
    assert result.output == f"{path}: ok — 'Lower back and glutes', 10 exercises, 3 stages\n"
    shown = cli("program", "show", str(path), "--exercise", "glute-bridge")
    assert "Dose: 10–15 reps · hold 2 s" in shown.output


def test_docs_example_validates(cli: Invoke, tmp_path: Path) -> None:
    docs = (Path(__file__).parents[1] / "docs" / "program-format.md").read_text(encoding="utf-8")
    example = docs.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    result = cli("program", "validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert "2 exercises, 2 stages" in result.output


def test_python_dash_m_works() -> None:
    done = subprocess.run([sys.executable, "-m", "rehabit", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout == f"rehabit {__version__}\n"


def test_validate_refuses_a_bad_illustration_block(cli: Invoke, tmp_path: Path) -> None:
    program = get_program()
    bridge = program.exercise("glute-bridge").model_copy(update={"illustration": {"posture": "upside-down"}})
    bad = program.model_copy(update={"exercises": [bridge, *program.exercises[1:]]})
    path = tmp_path / "bad.yaml"
    path.write_text(dump_program(bad), encoding="utf-8")
    result = cli("program", "validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: exercise 'glute-bridge': illustration")
    assert result.stderr.count("\n") == 1
