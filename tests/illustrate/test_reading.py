"""Posture and movement read from an exercise's words: the table in our words, the held-out table, edge cases."""

from __future__ import annotations

from typing import Any

import pytest

from illustrate._tables import HELD_OUT, OURS
from rehabit.illustrate.movement import DRAWABLE, Movement
from rehabit.illustrate.posture import Posture, Source
from rehabit.illustrate.reading import read_text


def _movement(row: dict[str, Any]) -> str:
    reading = read_text(row["name"], row.get("steps", []))
    return reading.movement.movement.value if reading.movement else "none"


def test_the_table_covers_every_posture_and_the_named_exercises() -> None:
    assert len(OURS) >= 60
    assert {row["posture"] for row in OURS} == {posture.value for posture in Posture}
    names = " ".join(row["name"].lower() for row in OURS)
    for must in (
        "clam shell", "fire hydrant", "kneeling hip flexor stretch", "side plank", "pigeon", "cat-cow", "dead bug",
        "bird dog", "wall sit", "sit to stand", "calf raise", "heel slide", "prone press-up", "thread the needle",
    ):  # fmt: skip
        assert must in names, must
    for posture in Posture:
        movements = {row["movement"] for row in OURS if row["posture"] == posture.value}
        assert len(movements) >= 2, posture


@pytest.mark.parametrize("row", OURS, ids=[row["name"] for row in OURS])
def test_posture_and_movement_in_our_words(row: dict[str, Any]) -> None:
    reading = read_text(row["name"], row["steps"])
    assert reading.posture.posture.value == row["posture"]
    assert reading.posture.evidence in " ".join(row["steps"]) or reading.posture.source is Source.NAME
    assert _movement(row) == row["movement"]
    if reading.movement is not None:
        assert reading.movement.evidence in " ".join(row["steps"])


def test_held_out_descriptions() -> None:
    """The honest check: text in other voices, never tuned on. Bar: 90% postures, no wrong movement."""
    right = sum(read_text(row["name"], row["steps"]).posture.posture.value == row["posture"] for row in HELD_OUT)
    wrong = [row["name"] for row in HELD_OUT if _movement(row) not in [*row["movements"], "none"]]
    assert right / len(HELD_OUT) >= 0.9
    assert wrong == []


def test_every_movement_read_is_drawable_from_its_posture() -> None:
    for row in OURS + HELD_OUT:
        reading = read_text(row["name"], row["steps"])
        if reading.movement is not None:
            assert reading.posture.posture in DRAWABLE[reading.movement.movement]


@pytest.mark.parametrize(
    ("steps", "posture", "movement"),
    [
        # what the steps say not to do never decides
        (["Lie on your back with arms up and knees over hips.", "Lower one arm without lifting your hips."],
         "supine", None),
        (["Stand tall.", "Squat down as if sitting in a chair."], "standing", "squat"),
        (["Sit on the floor and loop a band round your knees.", "Now lie on your side with your knees bent.",
          "Open your top knee, feet together."], "side-lying", "hip-abduction-bent-knee"),
        (["Hold the bar in both hands.", "Starting position: lying on your back on the bench."], "supine", None),
        (["Lie face down.", "Lift your body onto your forearms and toes and hold."], "plank", "hold"),
        (["Lie on your side on your forearm.", "Push your hips up off the floor and hold."], "side-plank", "hold"),
        (["Kneel on the mat.", "Step one foot forward so the knee is over the ankle."], "half-kneeling", None),
        (["Sit on a chair.", "Stand up, then sit back down."], "seated-chair", "sit-to-stand"),
        (["Kneel on the floor, then sit back on your heels."], "kneeling", "sit-back"),
        (["Breathe slowly for a minute."], "standing", None),
        # what the hands do with a weight is the arms' work: no movement of the body is drawn
        (["Stand with a dumbbell in each hand.",
          "Lift the dumbbells out to the sides to shoulder height, then lower them back down."], "standing", None),
        (["Stand with a dumbbell in each hand.", "Curl one dumbbell up, then the other, alternating."],
         "standing", None),
        (["Sit on a chair with your forearms on your thighs.", "Lower your wrists down, then curl them up."],
         "seated-chair", None),
        (["Seat yourself on a bench, feet flat.", "Press the weights overhead."], "seated-chair", None),
        # "legs extended" says how they lie, it does not extend them
        (["Lie on your back with your arms extended overhead and your legs extended.", "Hold for 30 seconds."],
         "supine", "hold"),
        # what comes before "this is your starting position" sets up; the way back is never the movement
        (["Stand tall and bend forward at the waist until your chest is level with the floor.",
          "This is your starting position.", "Straighten your elbows behind you, then bend them again."],
         "standing", None),
        (["Lie on your back with your legs straight.", "Bend your knees and pull your thighs towards your chest.",
          "Return to the starting position."], "supine", "knee-raise"),
        # hips lifted by curling the knees in is not a bridge
        (["Lie on your back, knees bent and lifted over your hips.",
          "Curl your knees towards your chest so your hips lift off the floor.",
          "Lower back to the starting position."], "supine", "knee-raise"),
        # leaning on a wall is a calf stretch, not a forward bend
        (["Stand facing a wall with one foot in front of the other.",
          "Lean forward with your hands on the wall, keeping the back heel down."], "standing", "calf-stretch"),
        # getting into a position is the start, not the goal
        (["Loop the straps over the rail.", "Move yourself into a push-up position with your feet in the straps."],
         "plank", "hold"),
        (["Lie facedown on a bench with your arms hanging down.", "Squeeze your shoulder blades together."],
         "prone", None),
        (["Sit up straight on an exercise mat.", "Bend one knee and hug it."], "seated-floor", None),
        (["From a lying position, bend your knees and keep your feet on the floor.",
          "Tilt your pelvis to flatten your back."], "supine", "pelvic-tilt"),
        # circling a joint, lifting the toes, "a slight bend": nothing the figure draws
        (["Stand with your feet together.", "Move your knees round in small circles."], "standing", None),
        (["Stand with one foot in front of the other.", "Lift the toes of the front foot off the floor."],
         "standing", None),
        (["Sit on a bench holding a dumbbell in each hand.",
          "Raise the weights out to the sides with a slight bend in the elbows, hands tipped forward."],
         "seated-chair", None),
        (["Get into a seated position on the floor.", "Lower your chin slowly to your chest."], "seated-floor", None),
        (["In a seated position, extend your legs over a foam roller."], "seated-floor", None),
        # a bridge keeps the feet down, and is never what a stretch adds
        (["Lie on your back with your legs straight.", "This is your starting position.",
          "Tuck your knees towards your chest.", "Straighten your legs up towards the ceiling.",
          "Lift your hips off the floor."], "supine", "knee-raise"),
        (["Lie on your back near the edge of the bed and let one leg hang over the side.",
          "Hold that foot and lift your hips to deepen the stretch."], "supine", None),
        # a knee bent to set up, then the thigh lifted, is the hip extending
        (["Lie face down with your head on your hands.", "Bend one knee to a right angle.",
          "Lift that thigh just off the floor and lower it."], "prone", "hip-extension-bent-knee"),
        # stepping sideways in a half squat is a walk, not a squat
        (["Put a loop band round your ankles.", "Sit back into a half squat.",
          "Step sideways with one foot, then bring the other after it."], "standing", None),
        # a ball held between the hands and knees is not all fours; sitting on a roller is on the floor
        (["Lie on your back holding a ball between your hands and knees.",
          "Reach one arm back and straighten the opposite leg."], "supine", "opposite-arm-leg"),
        (["Sit on the foam roller with your hands behind you.", "Roll slowly up and down."], "seated-floor", None),
    ],
)  # fmt: skip
def test_edge_cases(steps: list[str], posture: str, movement: str | None) -> None:
    reading = read_text("Exercise", steps)
    assert reading.posture.posture.value == posture
    assert (reading.movement.movement.value if reading.movement else None) == movement


@pytest.mark.parametrize(
    ("name", "posture", "movement"),
    [
        ("Clam shell", Posture.SIDE_LYING, Movement.HIP_ABDUCTION_BENT_KNEE),
        ("Side plank", Posture.SIDE_PLANK, Movement.HOLD),
        ("Kneeling hip flexor stretch", Posture.HALF_KNEELING, Movement.HIP_FLEXOR_STRETCH),
        ("Bird dog", Posture.QUADRUPED, Movement.OPPOSITE_ARM_LEG),
        ("Wall sit", Posture.STANDING, Movement.SQUAT),
        ("Seated march", Posture.SEATED_CHAIR, Movement.KNEE_RAISE),
        ("Prone press-up", Posture.PRONE, Movement.TRUNK_EXTENSION),
    ],
)
def test_a_name_alone_decides_when_there_are_no_steps(name: str, posture: Posture, movement: Movement) -> None:
    reading = read_text(name, [])
    assert (reading.posture.posture, reading.posture.source, reading.posture.evidence) == (posture, Source.NAME, name)
    assert reading.movement is not None and reading.movement.movement is movement and reading.movement.from_name


def test_nothing_to_go_on_is_standing_by_default_with_no_evidence() -> None:
    reading = read_text("Mystery move", ["Do it ten times."])
    assert (reading.posture.posture, reading.posture.source, reading.posture.evidence) == (
        Posture.STANDING, Source.DEFAULT, "")  # fmt: skip
    assert reading.movement is None
