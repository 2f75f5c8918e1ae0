"""`rehabit illustrate` through the CLI runner: SVG, JSON, corrections saved in a program file, galleries."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from conftest import Invoke
from rehabit.illustrate import render_static_svg
from rehabit.programs import dump_program, get_program, load_program

CLAM = {
    "id": "clam-shell",
    "name": "Clam shell",
    "group": "stabilization",
    "steps": [
        "Lie on your side with your hips and knees bent and your feet together.",
        "Keeping your feet touching, lift your top knee as far as you can without rolling your hips back.",
    ],
    "dose": {"reps": {"min": 10, "max": 10}},
}


def _program(tmp_path: Path, *exercises: dict) -> Path:  # type: ignore[type-arg]
    document = yaml.safe_load(dump_program(get_program()))
    document["exercises"] += list(exercises)
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def test_prints_the_still_svg_to_stdout(cli: Invoke) -> None:
    result = cli("illustrate", "glute-bridge")
    assert result.exit_code == 0
    assert result.output == render_static_svg(get_program().exercise("glute-bridge"))
    assert ET.fromstring(result.output).find("{http://www.w3.org/2000/svg}title").text == "Glute bridge"  # type: ignore[union-attr]


def test_writes_the_animated_svg_to_a_file(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "bridge.svg"
    result = cli("illustrate", "glute-bridge", "--animated", "-o", str(target))
    assert result.exit_code == 0
    assert result.output == f"Wrote {target}: Glute bridge (animated, 6 s a cycle)\n"
    assert 'dur="6s"' in target.read_text(encoding="utf-8")


def test_json_says_what_the_figure_shows_and_why(cli: Invoke) -> None:
    result = cli("illustrate", "Forearm plank", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "exercise": "Plank",
        "posture": "plank",
        "posture_words": "in a plank",
        "posture_evidence": "Rest on your forearms and toes, elbows under your shoulders.",
        "posture_from": "steps",
        "movement": "a hold: the position is kept still",
        "movement_id": "hold",
        "movement_evidence": (
            "Hold your body in one straight line from head to heels, without letting the hips sag or lift."
        ),
        "drawn_from": "key poses",
    }


def test_json_for_an_imported_exercise_is_generated(cli: Invoke, tmp_path: Path) -> None:
    path = _program(tmp_path, CLAM)
    reading = json.loads(cli("illustrate", "clam shell", "--program", str(path), "--format", "json").output)
    assert (reading["posture"], reading["movement_id"], reading["drawn_from"]) == (
        "side-lying", "hip-abduction-bent-knee", "generated")  # fmt: skip
    assert reading["posture_evidence"] == CLAM["steps"][0]
    assert reading["movement"] == "hip abduction with the knee bent: the knee opens out to the side"


def test_a_correction_is_drawn_and_with_save_stored_in_the_program(cli: Invoke, tmp_path: Path) -> None:
    path = _program(tmp_path, CLAM)
    before = path.read_text(encoding="utf-8")
    shown = json.loads(cli("illustrate", "clam-shell", "--program", str(path), "--posture", "quadruped",
                           "--format", "json").output)  # fmt: skip
    # The movement is read again for the corrected posture: the knee opening out, now from all fours.
    assert (shown["posture"], shown["posture_from"], shown["movement_id"]) == (
        "quadruped", "correction", "hip-abduction-bent-knee")  # fmt: skip
    assert path.read_text(encoding="utf-8") == before  # not stored without --save
    result = cli("illustrate", "clam-shell", "--program", str(path), "--posture", "side-lying", "--movement", "none",
                 "--save", "--format", "json")  # fmt: skip
    assert result.exit_code == 0
    assert result.stderr == f"Saved the correction for clam-shell in {path}\n"
    stored = load_program(path).exercise("clam-shell")
    assert stored.illustration == {"posture": "side-lying", "movement": "none"}
    again = json.loads(cli("illustrate", "clam-shell", "--program", str(path), "--format", "json").output)
    assert (again["posture"], again["movement"], again["drawn_from"]) == (
        "side-lying",
        "no movement drawn",
        "posture only",
    )


def test_the_built_in_program_cannot_be_changed(cli: Invoke) -> None:
    result = cli("illustrate", "plank", "--posture", "prone", "--save")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: the built-in program lower-back-glutes cannot be changed")


def test_a_movement_the_posture_cannot_show_is_refused(cli: Invoke) -> None:
    result = cli("illustrate", "plank", "--movement", "bridge")
    assert result.exit_code == 2
    assert result.stderr == "Error: exercise 'plank': illustration.movement: bridge cannot be drawn from plank\n"


def test_gallery_draws_every_exercise_with_an_index(cli: Invoke, tmp_path: Path) -> None:
    path = _program(tmp_path, CLAM)
    folder = tmp_path / "gallery"
    result = cli("illustrate", "--gallery", str(folder), "--program", str(path))
    assert result.exit_code == 0
    assert result.output == f"Wrote {folder / 'index.html'}: 11 exercises, 23 files\n"
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert index.count('<section class="card') == 11
    assert "side-lying — lying on your side" in index and CLAM["steps"][0] in index
    for exercise in load_program(path).exercises:
        for name in (f"{exercise.id}.svg", f"{exercise.id}.still.svg"):
            ET.fromstring((folder / name).read_text(encoding="utf-8"))
            assert f'src="{exercise.id}.svg"' in index


def test_bad_use_is_one_line_and_exit_2(cli: Invoke, tmp_path: Path) -> None:
    for args, message in (
        ((), "Error: give an EXERCISE (an id, name or alias), or --gallery DIR\n"),
        (("plank", "--save"), "Error: --save stores a correction: give --posture, --movement or both\n"),
        (("plank", "--library"), "Error: --library is for --gallery (draw the stored exercise library)\n"),
        (("--gallery", str(tmp_path / "g"), "--library", "--program", "x.yaml"),
         "Error: give --program FILE or --library, not both\n"),
    ):  # fmt: skip
        result = cli("illustrate", *args)
        assert (result.exit_code, result.stderr) == (2, message), args


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
