"""The `illustration` block: key poses, templates of earlier files, and posture / movement corrections."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from illustrate._tables import exercise_of
from rehabit.errors import RehabitError
from rehabit.illustrate import (
    DrawnFrom,
    Movement,
    Posture,
    check_illustration,
    corrected,
    corrected_program,
    illustration_for,
    key_poses,
    movement_choices,
    posture_choices,
    read_exercise,
    render_animated_svg,
    render_static_svg,
)
from rehabit.illustrate.props import Prop
from rehabit.model import Dose, IntRange
from rehabit.programs import get_program

CLAM = {
    "name": "Clam shell",
    "steps": ["Lie on your side with your knees bent.", "Open your top knee, feet together."],
}


def test_builtin_poses_are_found_by_name_for_an_imported_exercise() -> None:
    imported = exercise_of({"name": "Bird dog"}, id="bird-dog-2")
    assert read_exercise(imported).drawn_from is DrawnFrom.KEY_POSES
    assert [key.name for key in key_poses(imported)] == ["start", "reach"]


BLOCK = {
    "props": ["weights"],
    "poses": [
        {"name": "down", "trunk": 90, "anchor": "near_heel", "angles": {"shoulder": 0}},
        {"name": "up", "trunk": 90, "anchor": "near_heel", "angles": {"shoulder": {"near": 170, "far": 0}, "elbow": 5}},
    ],
}


def test_an_exercises_own_key_poses_win() -> None:
    raise_arm = exercise_of(
        {"name": "Glute bridge"}, illustration=BLOCK, dose=Dose(reps=IntRange.of(5), hold_s=IntRange.of(3, 5))
    )
    drawing = illustration_for(raise_arm)
    assert drawing.reading.drawn_from is DrawnFrom.KEY_POSES
    assert [placed.prop for placed in drawing.props] == [Prop.WEIGHTS]
    assert [(key.name, key.hold) for key in drawing.keys] == [("down", False), ("up", True)]
    assert 'dur="7s"' in render_animated_svg(raise_arm)  # 2 s up + 3 s hold + 2 s down


def test_a_template_of_an_earlier_file_names_a_posture_and_movement() -> None:
    drawing = illustration_for(exercise_of({"name": "Anything"}, illustration={"template": "quadruped"}))
    assert (drawing.reading.posture, drawing.reading.movement) == (Posture.QUADRUPED, Movement.OPPOSITE_ARM_LEG)
    assert drawing.reading.drawn_from is DrawnFrom.GENERATED


def test_a_correction_overrides_what_the_text_says() -> None:
    clam = exercise_of(CLAM)
    assert (read_exercise(clam).posture, read_exercise(clam).movement) == (
        Posture.SIDE_LYING, Movement.HIP_ABDUCTION_BENT_KNEE)  # fmt: skip
    fixed = corrected(clam, "side-lying", "none")
    assert fixed.illustration == {"posture": "side-lying", "movement": "none"}
    reading = read_exercise(fixed)
    assert (reading.posture, reading.movement, reading.drawn_from) == (
        Posture.SIDE_LYING, None, DrawnFrom.POSTURE_ONLY)  # fmt: skip
    assert reading.as_json()["movement"] == "no movement drawn"
    assert "no movement drawn" in render_static_svg(fixed)
    undone = corrected(fixed, None, None)
    assert undone.illustration == {"posture": "side-lying", "movement": "none"}  # nothing given: kept


def test_correcting_the_posture_reads_the_movement_again_for_it() -> None:
    fixed = corrected(exercise_of(CLAM), Posture.SUPINE)
    reading = read_exercise(fixed)
    assert (reading.posture, reading.posture_from, reading.posture_evidence) == (
        Posture.SUPINE, "correction", "set in the program's illustration")  # fmt: skip
    assert reading.movement is None or Posture.SUPINE.value in {p for p, _ in posture_choices()}


def test_a_correction_replaces_key_poses() -> None:
    bridge = get_program().exercise("glute-bridge")
    fixed = corrected(bridge, "supine", "pelvic-tilt")
    assert fixed.illustration == {"posture": "supine", "movement": "pelvic-tilt"}
    assert read_exercise(fixed).drawn_from is DrawnFrom.GENERATED


@pytest.mark.parametrize(
    ("posture", "movement", "message"),
    [
        ("sideways", None, "unknown posture 'sideways' (choose from: supine, prone,"),
        (None, "cartwheel", "unknown movement 'cartwheel' (choose from: hold, bridge,"),
        ("plank", "bridge", "illustration.movement: bridge cannot be drawn from plank"),
    ],
)
def test_a_bad_correction_is_refused_when_made(posture: str | None, movement: str | None, message: str) -> None:
    with pytest.raises(RehabitError) as caught:
        corrected(exercise_of(CLAM), posture, movement)
    assert message in str(caught.value)


def test_a_program_correction_changes_one_exercise_and_nothing_else() -> None:
    program = get_program()
    fixed = corrected_program(program, "Forearm plank", "side-plank")
    assert fixed.exercise("plank").illustration == {"posture": "side-plank"}
    assert [e for e in fixed.exercises if e.id != "plank"] == [e for e in program.exercises if e.id != "plank"]
    assert program.exercise("plank").illustration is None


def test_choices_for_a_correction_form() -> None:
    assert [posture for posture, _ in posture_choices()] == [posture.value for posture in Posture]
    side = dict(movement_choices("side-lying"))
    assert "hip-abduction-bent-knee" in side and "bridge" not in side
    assert list(side)[-1] == "none" and side["none"] == "no movement drawn"


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ({}, "illustration: give a posture, a movement, key poses or a template family"),
        ({"poses": [{"name": "a", "angles": {"elbowz": 3}}]}, "illustration.poses.0.angles: unknown joint 'elbowz'"),
        ({"poses": [{"name": "a", "angles": {"knee": 400}}]}, "angle 400 is outside -180..180 degrees"),
        ({"poses": [{"name": "a", "angles": {"neck": {"near": 3}}}]}, "neck has no sides; give one angle"),
        ({"poses": [{"name": "a", "anchor": "nose"}]}, "illustration.poses.0.anchor: unknown anchor 'nose'"),
        ({"poses": [{"name": "a"}, {"name": "a"}]}, "pose name 'a' is used twice"),
        ({"poses": [{"name": "a", "hold": True}, {"name": "b", "hold": True}]}, "only one pose can be the held"),
        ({"template": "cartwheel"}, "illustration.template: Input should be"),
        ({"posture": "upside-down"}, "illustration.posture: Input should be"),
        ({"movement": "flying"}, "illustration.movement: Input should be"),
        ({"props": ["trampoline"], "template": "plank"}, "illustration.props.0: Input should be"),
        ({"poses": [], "colour": "red"}, "illustration.colour: Extra inputs are not permitted"),
    ],
)
def test_bad_block_is_one_error_naming_the_exercise(block: dict[str, Any], message: str) -> None:
    broken = exercise_of({"name": "Wobbly"}, id="wobbly", illustration=block)
    for refuse in (render_static_svg, check_illustration):
        with pytest.raises(RehabitError) as caught:
            refuse(broken)
        assert str(caught.value).startswith("exercise 'wobbly': ")
        assert message in str(caught.value)


def test_check_illustration_refuses_a_movement_the_posture_cannot_show_and_passes_good_blocks() -> None:
    standing_clam = exercise_of(CLAM, id="clam", illustration={"posture": "standing", "movement": "pigeon"})
    with pytest.raises(RehabitError, match="illustration.movement: pigeon cannot be drawn from standing"):
        check_illustration(standing_clam)
    check_illustration(exercise_of(CLAM, illustration={"posture": "side-lying", "movement": "none"}))
    check_illustration(exercise_of(CLAM))  # no block: nothing to refuse


def test_the_documented_example_blocks_draw() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "program-format.md").read_text(encoding="utf-8")
    section = docs.split("### Illustration", 1)[1]
    blocks = [yaml.safe_load(part.split("```", 1)[0])["illustration"] for part in section.split("```yaml\n")[1:]]
    assert len(blocks) >= 2
    for block in blocks:
        drawn = exercise_of({"name": "Deadlift"}, illustration=block)
        assert render_static_svg(drawn).startswith("<svg")
        assert read_exercise(drawn).drawn_from in set(DrawnFrom)
