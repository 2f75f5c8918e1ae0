"""`rehabit illustrate` through the CLI runner."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from conftest import Invoke
from rehabit.illustrate import render_static_svg
from rehabit.programs import dump_program, get_program


def test_prints_static_svg_to_stdout(cli: Invoke) -> None:
    result = cli("illustrate", "glute-bridge")
    assert result.exit_code == 0
    assert result.output == render_static_svg(get_program().exercise("glute-bridge"))
    assert ET.fromstring(result.output).find("{http://www.w3.org/2000/svg}title").text == "Glute bridge"  # type: ignore[union-attr]


def test_writes_animated_svg_to_a_file(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "bridge.svg"
    result = cli("illustrate", "glute-bridge", "--animated", "-o", str(target))
    assert result.exit_code == 0
    assert result.output == f"Wrote {target}: Glute bridge (animated, 6 s a cycle)\n"
    assert 'dur="6s"' in target.read_text(encoding="utf-8")


def test_finds_an_exercise_by_name_or_alias(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "plank.svg"
    result = cli("illustrate", "Forearm plank", "-o", str(target))
    assert result.output == f"Wrote {target}: Plank (start → end)\n"


def test_program_file_with_its_own_illustration(cli: Invoke, tmp_path: Path) -> None:
    document = yaml.safe_load(dump_program(get_program()))
    document["exercises"][7]["illustration"] = {"template": "quadruped"}
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    result = cli("illustrate", "plank", "--program", str(path))
    assert result.exit_code == 0
    assert "Plank: start → reach." in result.output


def test_bad_illustration_block_is_one_line_exit_2(cli: Invoke, tmp_path: Path) -> None:
    document = yaml.safe_load(dump_program(get_program()))
    document["exercises"][0]["illustration"] = {"poses": [{"name": "a", "angles": {"hip": "lots"}}]}
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    result = cli("illustrate", "glute-bridge", "--program", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: exercise 'glute-bridge': illustration.poses.0.angles.hip: ")
    assert result.stderr.count("\n") == 1


def test_unknown_exercise_exit_2(cli: Invoke) -> None:
    result = cli("illustrate", "cartwheel")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no exercise 'cartwheel' in lower-back-glutes (exercises: glute-bridge, ")


def test_unwritable_output_exit_2(cli: Invoke, tmp_path: Path) -> None:
    result = cli("illustrate", "plank", "-o", str(tmp_path / "missing" / "plank.svg"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write {tmp_path / 'missing' / 'plank.svg'} (No such file or directory)\n"
