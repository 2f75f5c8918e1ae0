"""Shared helpers for the illustration tests: the exercises to check and every frame they draw."""

from __future__ import annotations

from rehabit.illustrate import hold_seconds, illustration_for
from rehabit.illustrate.body import Vec
from rehabit.illustrate.generate import BUILDERS, Setup, generate
from rehabit.illustrate.movement import Movement
from rehabit.illustrate.posture import Posture
from rehabit.illustrate.props import Prop
from rehabit.illustrate.solve import skeleton_at
from rehabit.illustrate.stances import VARIANTS, Variant
from rehabit.illustrate.timing import Frame, KeyPose, cycle_frames, timeline
from rehabit.model import Exercise
from rehabit.programs import get_program

BUILTIN = get_program().exercises
BUILTIN_IDS = [exercise.id for exercise in BUILTIN]

# Set-ups that change what a builder draws (a movement's own variant, both sides, furniture).
EXTRA_SETUPS: dict[str, tuple[Posture, Movement, Setup]] = {
    "supine/knee-raise/march": (Posture.SUPINE, Movement.KNEE_RAISE, Setup(detail="march")),
    "supine/knee-raise/both": (Posture.SUPINE, Movement.KNEE_RAISE, Setup(both_sides=True)),
    "supine/hip-abduction-bent-knee/both": (Posture.SUPINE, Movement.HIP_ABDUCTION_BENT_KNEE, Setup(both_sides=True)),
    "prone/trunk-extension/sphinx": (Posture.PRONE, Movement.TRUNK_EXTENSION, Setup(detail="sphinx")),
    "prone/trunk-extension/superman": (Posture.PRONE, Movement.TRUNK_EXTENSION, Setup(detail="superman")),
    "standing/knee-flexion/quad-stretch": (Posture.STANDING, Movement.KNEE_FLEXION, Setup(detail="quad-stretch")),
    "standing/squat/wall": (Posture.STANDING, Movement.SQUAT, Setup(props=(Prop.WALL,))),
    "side-plank/hold/knees-bent": (Posture.SIDE_PLANK, Movement.HOLD, Setup(variant=Variant.KNEES_BENT)),
}


def generated_figures() -> dict[str, tuple[KeyPose, ...]]:
    """Every figure the generator draws: each posture alone in each variant, each movement builder, and
    the set-ups above."""
    found: dict[str, tuple[KeyPose, ...]] = {}
    for posture in Posture:
        for variant in VARIANTS.get(posture, (Variant.PLAIN,)):
            found[f"{posture.value}/{variant.value}"] = generate(posture, None, Setup(variant=variant)).keys
    for posture, movement in sorted(BUILDERS, key=lambda pair: (pair[0].value, pair[1].value)):
        found[f"{posture.value}/{movement.value}"] = generate(posture, movement, Setup()).keys
    for name, (posture, movement, setup) in EXTRA_SETUPS.items():
        found[name] = generate(posture, movement, setup).keys
    return found


GENERATED = generated_figures()


def exercise(exercise_id: str) -> Exercise:
    return get_program().exercise(exercise_id)


def frames_of(keys: tuple[KeyPose, ...], tempo_s: float = 2.0, hold_s: float = 0.0) -> list[Frame]:
    """Every drawn moment of a figure's cycle: key poses and the samples between them."""
    return timeline(keys, cycle_frames(keys), tempo_s, hold_s)


def exercise_frames(chosen: Exercise) -> list[Frame]:
    """Every drawn moment of an exercise's animation."""
    return frames_of(illustration_for(chosen).keys, chosen.dose.tempo_s, hold_seconds(chosen))


def points(frame: Frame) -> dict[str, Vec]:
    return skeleton_at(frame.pose).points
