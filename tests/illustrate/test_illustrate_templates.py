"""Exercises without key poses: family templates, the neutral figure, and the illustration block."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from rehabit.errors import RehabitError
from rehabit.illustrate import illustration_for, key_poses, render_animated_svg, render_static_svg
from rehabit.illustrate.poses import Prop
from rehabit.illustrate.templates import choose_family
from rehabit.model import Dose, Exercise, Group, IntRange


def _exercise(name: str, steps: list[str] | None = None, **fields: Any) -> Exercise:
    return Exercise(
        id=fields.pop("id", "my-exercise"),
        name=name,
        group=Group.STABILIZATION,
        steps=steps or [],
        dose=fields.pop("dose", Dose(reps=IntRange.of(10))),
        **fields,
    )


@pytest.mark.parametrize(
    ("name", "steps", "family"),
    [
        ("Hip thrust", [], "supine-bridge"),
        ("Bridge with march", [], "supine-bridge"),
        ("Pelvic lift", ["Lie down, knees bent.", "Lift your hips off the mat."], "supine-bridge"),
        ("Side plank", [], "side-lying"),
        ("Clamshell", [], "side-lying"),
        ("Leg lift", ["Lie on your side with your legs stacked."], "side-lying"),
        ("Front plank", [], "plank"),
        ("Cat-cow", [], "quadruped"),
        ("Opposite reach", ["Start on your hands and knees."], "quadruped"),
        ("Good morning", [], "standing-hinge"),
        ("Kettlebell deadlift", [], "standing-hinge"),
        ("Seated hamstring stretch", [], "seated-stretch"),
        ("Double knee-to-chest", [], "supine-stretch"),
        ("Lumbar rotation", ["Lie on your back with your knees bent.", "Let both knees fall over."], "supine-stretch"),
        ("Goblet squat", [], "standing"),
        ("Hip circles", ["Stand tall with your hands on your hips."], "standing"),
        ("Walking", [], None),
        ("Breathing practice", ["Breathe in slowly for four counts."], None),
        ("Understanding pain", [], None),
    ],
)
def test_family_from_name_then_steps(name: str, steps: list[str], family: str | None) -> None:
    chosen = choose_family(_exercise(name, steps))
    assert (chosen.value if chosen else None) == family


def test_template_exercise_is_drawn_with_its_family_poses() -> None:
    drawing = illustration_for(_exercise("Hip thrust", equipment=["resistance band"]))
    assert drawing.origin == "template:supine-bridge"
    assert [key.name for key in drawing.poses] == ["start", "top"]
    assert drawing.props == (Prop.BAND_THIGHS,)
    assert drawing.label is None


@pytest.mark.parametrize(
    ("name", "equipment", "props"),
    [
        ("Good morning", ["dumbbells"], (Prop.WEIGHTS,)),
        ("Good morning", ["resistance band"], (Prop.BAND_FEET,)),
        ("Cat-cow", ["dumbbells"], ()),
    ],
)
def test_template_props_follow_the_equipment(name: str, equipment: list[str], props: tuple[Prop, ...]) -> None:
    assert illustration_for(_exercise(name, equipment=equipment)).props == props


def test_unknown_exercise_gets_a_neutral_figure_with_its_name() -> None:
    walking = _exercise("Walking <brisk>")
    drawing = illustration_for(walking)
    assert drawing.origin == "neutral"
    assert len(key_poses(walking)) == 1
    for svg in (render_static_svg(walking), render_animated_svg(walking)):
        root = ET.fromstring(svg)
        texts = [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]
        assert texts == ["Walking <brisk>"]
        assert "<animate" not in svg


def test_builtin_poses_are_found_by_name_for_an_imported_exercise() -> None:
    imported = _exercise("Bird dog", id="bird-dog-2")
    assert illustration_for(imported).origin == "built-in"
    assert [key.name for key in key_poses(imported)] == ["start", "reach"]


BLOCK = {
    "props": ["weights"],
    "poses": [
        {"name": "down", "trunk": 90, "angles": {"shoulder": 0}},
        {"name": "up", "trunk": 90, "angles": {"shoulder": {"near": 170, "far": 0}, "elbow": 5}},
    ],
}


def test_an_exercises_own_block_wins() -> None:
    raise_arm = _exercise("Glute bridge", illustration=BLOCK, dose=Dose(reps=IntRange.of(5), hold_s=IntRange.of(3, 5)))
    drawing = illustration_for(raise_arm)
    assert drawing.origin == "exercise"
    assert drawing.props == (Prop.WEIGHTS,)
    assert [(key.name, key.hold) for key in drawing.poses] == [("down", False), ("up", True)]
    assert 'dur="7s"' in render_animated_svg(raise_arm)  # 2 s up + 3 s hold + 2 s down


def test_a_block_can_name_a_template() -> None:
    drawing = illustration_for(_exercise("Anything", illustration={"template": "plank"}))
    assert drawing.origin == "exercise:plank"


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ({}, "illustration: give key poses or a template family"),
        ({"poses": [{"name": "a", "angles": {"elbowz": 3}}]}, "illustration.poses.0.angles: unknown joint 'elbowz'"),
        ({"poses": [{"name": "a", "angles": {"knee": 400}}]}, "angle 400 is outside -180..180 degrees"),
        ({"poses": [{"name": "a", "angles": {"neck": {"near": 3}}}]}, "neck has no sides; give one angle"),
        ({"poses": [{"name": "a", "anchor": "nose"}]}, "illustration.poses.0.anchor: unknown anchor 'nose'"),
        ({"poses": [{"name": "a"}, {"name": "a"}]}, "pose name 'a' is used twice"),
        ({"poses": [{"name": "a", "hold": True}, {"name": "b", "hold": True}]}, "only one pose can be the held"),
        ({"template": "cartwheel"}, "illustration.template: Input should be"),
        ({"props": ["trampoline"], "template": "plank"}, "illustration.props.0: Input should be"),
        ({"poses": [], "colour": "red"}, "illustration.colour: Extra inputs are not permitted"),
    ],
)
def test_bad_block_is_one_error_naming_the_exercise(block: dict[str, Any], message: str) -> None:
    broken = _exercise("Wobbly", id="wobbly", illustration=block)
    with pytest.raises(RehabitError) as caught:
        render_static_svg(broken)
    assert str(caught.value).startswith("exercise 'wobbly': ")
    assert message in str(caught.value)


def test_the_documented_example_block_draws() -> None:
    from pathlib import Path

    import yaml

    docs = (Path(__file__).parents[2] / "docs" / "program-format.md").read_text(encoding="utf-8")
    section = docs.split("### Illustration", 1)[1]
    block = yaml.safe_load(section.split("```yaml\n", 1)[1].split("```", 1)[0])["illustration"]
    deadlift = _exercise("Deadlift", illustration=block)
    assert [key.name for key in key_poses(deadlift)] == ["start", "end"]
    assert ET.fromstring(render_animated_svg(deadlift)).find("{http://www.w3.org/2000/svg}title") is not None
